/* hlnn_rollout_mex.c -- batched rollout of a model or analytic system.
 *
 *   [Xs, stats] = hlnn_rollout_mex (source, X0, t, opts)
 *
 * source: a model struct (kind 'mlp': the network is the field; 'hnn':
 * the learned Hamiltonian field with its dissipation) or a system struct
 * (kind 'system', fields name, params).  'lnn': state [q qdot], field
 * [qdot qdd] with qdd from the Euler-Lagrange solve; a singular state
 * stops the rollout with hlnn:rollout:singular.  Method 'variational'
 * (lnn only) is the discrete Euler-Lagrange integrator of
 * src/core/lnn_variational.c instead of a method on the field.
 * X0: K x d initial states (rows).  t: strictly increasing times (vector,
 * t(1) is the time of X0).  opts: struct, every field optional: method
 * ('rk4', 'midpoint', 'gl4', 'leapfrog', 'rkf45', 'rk8pd', 'msbdf',
 * 'variational'), step, reltol, abstol, max_steps, independent,
 * interpolate, solver ('fixedpoint' | 'newton'), solve_tol, solve_maxit
 * (meanings in src/core/integrate.h).
 * Xs: T x d x K.  stats: steps, rejected, calls, rows, iters, iters_max.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "hlnn_mex.h"
#include "mlp_field.h"
#include "lnn_variational.h"

enum { IN_SRC, IN_X0, IN_T, IN_OPTS, N_IN };

/* States per thread below which a rollout's field calls are not shared
 * among threads (split.h). */
#define MIN_PART_ROWS 4
enum { OUT_XS, OUT_STATS, N_OUT };

static double
opt_scalar (const mxArray *opts, const char *field, double dflt, int integer,
            double lo, double hi)
{
  const mxArray *a = hlnn_mex_field (opts, field);
  if (!a)
    return dflt;
  char name[64];
  snprintf (name, sizeof name, "opts.%s", field);
  if (mxIsLogical (a) && mxGetNumberOfElements (a) == 1)
    return mxIsLogicalScalarTrue (a) ? 1.0 : 0.0;
  return hlnn_mex_scalar (a, name, integer, lo, hi);
}

/* *variational is set for method 'variational', which is not a method on
 * a field (integrate.h) and leaves o->method at its default. */
static void
read_opts (const mxArray *opts, hlnn_rollout_opts *o, int *variational)
{
  hlnn_rollout_opts_default (o);
  *variational = 0;
  if (!mxIsStruct (opts) || mxGetNumberOfElements (opts) != 1)
    hlnn_mex_fail ("arg:type", "opts must be a scalar struct");
  const mxArray *a = hlnn_mex_field (opts, "method");
  if (a)
    {
      char name[16];
      hlnn_mex_string (a, "opts.method", name, sizeof name);
      if (strcmp (name, "variational") == 0)
        *variational = 1;
      else if (hlnn_method_from_name (name, &o->method))
        hlnn_mex_fail ("rollout:method", "opts.method '%s' is unknown (rk4, "
                       "midpoint, gl4, leapfrog, rkf45, rk8pd, msbdf, "
                       "variational)", name);
    }
  o->step = opt_scalar (opts, "step", o->step, 0, 0.0, HUGE_VAL);
  o->reltol = opt_scalar (opts, "reltol", o->reltol, 0, 0.0, HUGE_VAL);
  o->abstol = opt_scalar (opts, "abstol", o->abstol, 0, 0.0, HUGE_VAL);
  if (o->reltol == 0 && o->abstol == 0)
    hlnn_mex_fail ("arg:range", "opts.reltol and opts.abstol must not both "
                   "be 0");
  o->max_steps = (size_t) opt_scalar (opts, "max_steps", (double) o->max_steps,
                                      1, 0.0, 1e15);
  o->independent = opt_scalar (opts, "independent", 0.0, 1, 0.0, 1.0) != 0;
  o->interpolate = opt_scalar (opts, "interpolate", 0.0, 1, 0.0, 1.0) != 0;
  a = hlnn_mex_field (opts, "solver");
  if (a)
    {
      char name[16];
      hlnn_mex_string (a, "opts.solver", name, sizeof name);
      if (strcmp (name, "fixedpoint") == 0)
        o->solve = HLNN_SOLVE_FIXEDPOINT;
      else if (strcmp (name, "newton") == 0)
        o->solve = HLNN_SOLVE_NEWTON;
      else
        hlnn_mex_fail ("rollout:solver", "opts.solver '%s' is unknown "
                       "(fixedpoint, newton)", name);
    }
  o->solve_tol = opt_scalar (opts, "solve_tol", o->solve_tol, 0, 1e-300, 1.0);
  o->solve_maxit = (size_t) opt_scalar (opts, "solve_maxit",
                                        (double) o->solve_maxit, 1, 1.0, 1e9);
}

static int
is_system (const mxArray *src)
{
  if (!mxIsStruct (src) || mxGetNumberOfElements (src) != 1)
    return 0;
  const mxArray *k = hlnn_mex_field (src, "kind");
  char kind[16];
  return k && mxIsChar (k) && mxGetString (k, kind, sizeof kind) == 0
         && strcmp (kind, "system") == 0;
}

static void
read_system (const mxArray *src, hlnn_system *s)
{
  char name[32];
  const mxArray *n = hlnn_mex_field (src, "name");
  const mxArray *p = hlnn_mex_field (src, "params");
  if (!n || !p)
    hlnn_mex_fail ("system:field", "a system struct needs the fields name "
                   "and params (see hlnn_system)");
  hlnn_mex_string (n, "system.name", name, sizeof name);
  const double *par = NULL;
  size_t npar = 0;
  if (!mxIsEmpty (p))
    {
      par = hlnn_mex_matrix (p, "system.params", 0, 0, 1);
      npar = mxGetNumberOfElements (p);
    }
  if (hlnn_system_init (s, name, npar, par))
    hlnn_system_fail (s, "system.name", "system.params", name, npar);
}

static mxArray *
stats_struct (const hlnn_rollout_stats *st)
{
  const char *f[] = { "steps", "rejected", "calls", "rows", "iters",
                      "iters_max" };
  const double v[] = { (double) st->steps, (double) st->rejected,
                       (double) st->calls, (double) st->rows,
                       (double) st->iters, (double) st->iters_max };
  mxArray *s = mxCreateStructMatrix (1, 1, 6, f);
  for (int i = 0; i < 6; i++)
    mxSetField (s, 0, f[i], mxCreateDoubleScalar (v[i]));
  return s;
}

void
mexFunction (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  hlnn_mex_init ();
  hlnn_mex_check_nargs (nrhs, N_IN, N_IN, nlhs, N_OUT, "hlnn_rollout_mex");
  hlnn_rollout_opts o;
  int variational;
  read_opts (prhs[IN_OPTS], &o, &variational);

  const int sysmode = is_system (prhs[IN_SRC]);
  hlnn_system sys;
  hlnn_mex_model m;
  memset (&m, 0, sizeof m);
  size_t d;
  if (sysmode)
    {
      read_system (prhs[IN_SRC], &sys);
      d = 2 * sys.n;
      if (variational)
        hlnn_mex_fail ("rollout:method", "variational needs a learned "
                       "Lagrangian (an lnn model); system '%s' is given as "
                       "a Hamiltonian field (use gl4 or midpoint)",
                       hlnn_system_name (sys.id));
      if (o.method == HLNN_METHOD_LEAPFROG && !sys.separable)
        hlnn_mex_fail ("rollout:method", "leapfrog needs a separable "
                       "Hamiltonian H = T(p) + V(q); system '%s' is not "
                       "(use gl4 or midpoint)", hlnn_system_name (sys.id));
    }
  else
    {
      hlnn_mex_model_read (prhs[IN_SRC], "model", &m);
      d = m.sizes[0];
      if (m.kind == HLNN_KIND_MLP && m.sizes[m.nlayers] != d)
        hlnn_mex_fail ("rollout:model", "model: an mlp used as a vector field "
                       "needs as many outputs as inputs (got %zu -> %zu)", d,
                       m.sizes[m.nlayers]);
      if (variational && m.kind != HLNN_KIND_LNN)
        hlnn_mex_fail ("rollout:method", "variational needs a learned "
                       "Lagrangian (an lnn model); an %s model is not one "
                       "(use gl4 or midpoint)",
                       m.kind == HLNN_KIND_HNN ? "hnn" : "mlp");
      if (o.method == HLNN_METHOD_LEAPFROG)
        hlnn_mex_fail ("rollout:method", "leapfrog needs a separable "
                       "Hamiltonian; an %s field is not one (use rk4, gl4, "
                       "midpoint or an adaptive method)",
                       m.kind == HLNN_KIND_HNN ? "hnn"
                       : m.kind == HLNN_KIND_LNN ? "lnn" : "mlp");
    }
  const double *X0 = hlnn_mex_matrix (prhs[IN_X0], "X0", 0, d, 1);
  const size_t K = mxGetM (prhs[IN_X0]);
  const double *t = hlnn_mex_matrix (prhs[IN_T], "t", 0, 0, 1);
  if (mxGetM (prhs[IN_T]) != 1 && mxGetN (prhs[IN_T]) != 1)
    hlnn_mex_fail ("arg:size", "t must be a vector of times");
  const size_t T = mxGetNumberOfElements (prhs[IN_T]);
  for (size_t i = 1; i < T; i++)
    if (!(t[i] > t[i - 1]))
      hlnn_mex_fail ("arg:order", "t must be strictly increasing (t(%zu) = "
                     "%g follows %g)", i + 1, t[i], t[i - 1]);
  const mwSize dims[3] = { T, d, K };
  mxArray *Xa = mxCreateNumericArray (3, dims, mxDOUBLE_CLASS, mxREAL);

  /* from here on malloc'ed memory: free before raising */
  hlnn_field f;
  hlnn_separable sep, *sepp = NULL;
  const size_t nmax = variational ? K : hlnn_rollout_max_rows (o.method, K,
                                                                o.independent);
  /* A learned field's states are dealt among the threads (split.h).
   * Not: analytic systems and the variational integrator (no learned
   * field call), independent adaptive drivers (1 or 2 rows a call), and
   * msbdf, whose time goes to GSL's LU of the coupled Jacobian, which
   * wants OpenBLAS's threads. */
  const int one_part = sysmode || variational
                       || o.method == HLNN_METHOD_MSBDF
                       || (o.independent && hlnn_method_adaptive (o.method));
  const size_t nparts = one_part
                        ? 1 : hlnn_split_parts (hlnn_blas_threads (), K,
                                                MIN_PART_ROWS);
  /* part 0 can take whole calls: if a worker thread cannot start, the
   * rollout runs on this thread alone */
  const size_t rows = hlnn_split_rows (nparts, nmax);
  hlnn_mlp_field mf[HLNN_SPLIT_MAX_PARTS];
  hlnn_hnn_field_ctx hc[HLNN_SPLIT_MAX_PARTS];
  hlnn_lnn_field_ctx lc[HLNN_SPLIT_MAX_PARTS];
  void *ctx[HLNN_SPLIT_MAX_PARTS];
  memset (mf, 0, sizeof mf);
  memset (hc, 0, sizeof hc);
  memset (lc, 0, sizeof lc);
  hlnn_split *split = NULL;
  hlnn_lnn_vi_work *vi = NULL;
  int st = HLNN_SUCCESS;
  f.d = d;
  f.K = 1;
  if (sysmode)
    {
      hlnn_system_as_field (&sys, &f);
      if (sys.separable)
        {
          hlnn_system_separable (&sys, &sep);
          sepp = &sep;
        }
    }
  else if (m.kind == HLNN_KIND_HNN)
    {
      for (size_t k = 0; k < nparts && !st; k++)
        {
          hc[k].h = hlnn_mex_model_hnn (&m, k ? rows : nmax, &st);
          hc[k].theta = m.theta;
          ctx[k] = &hc[k];
        }
      f.f = hlnn_hnn_field_fn;
    }
  else if (m.kind == HLNN_KIND_LNN)
    {
      for (size_t k = 0; k < nparts && !st; k++)
        {
          lc[k].l = hlnn_mex_model_lnn (&m, k ? rows : nmax, &st);
          lc[k].theta = m.theta;
          hlnn_el_info_init (&lc[k].info);
          ctx[k] = &lc[k];
        }
      if (!st && variational && !(vi = hlnn_lnn_vi_alloc (lc[0].l, K)))
        st = HLNN_ENOMEM;
      f.f = hlnn_lnn_field_fn;
    }
  else
    {
      hlnn_mex_model_alloc_net (&m);
      for (size_t k = 0; k < nparts && !st; k++)
        {
          st = hlnn_mlp_field_init (&mf[k], m.net, m.theta, m.period,
                                    k ? rows : nmax);
          ctx[k] = &mf[k];
        }
      f.f = hlnn_mlp_field_eval;
    }
  if (!sysmode)
    f.ctx = ctx[0];
  if (!st && nparts > 1
      && (split = hlnn_split_field_alloc (nparts, nmax, d, f.f, ctx)))
    {
      f.f = hlnn_split_field;
      f.ctx = split;
    }
  hlnn_rollout_stats stats;
  memset (&stats, 0, sizeof stats);
  if (!st && vi)
    st = hlnn_lnn_vi_rollout (vi, m.theta, X0, T, t, &o, mxGetPr (Xa), &stats);
  else if (!st)
    {
      const int blas_threads = hlnn_blas_threads ();
      if (split)
        hlnn_blas_set_threads (1);
      st = hlnn_rollout (&f, sepp, &o, K, X0, T, t, mxGetPr (Xa), &stats);
      if (split)
        hlnn_blas_set_threads (blas_threads);
    }
  hlnn_split_free (split);
  hlnn_lnn_vi_free (vi);
  for (size_t k = 0; k < nparts; k++)
    {
      hlnn_mlp_field_free (&mf[k]);
      hlnn_hnn_free (hc[k].h);
      hlnn_lnn_free (lc[k].l);
    }
  hlnn_mex_model_free (&m);
  if (st)
    {
      char ctx[160];
      snprintf (ctx, sizeof ctx, "hlnn_rollout (%s)%s",
                variational ? "variational" : hlnn_method_name (o.method),
                st == HLNN_EMAXIT
                ? ": implicit solve or adaptive step limit; reduce Step, use "
                  "Solver 'newton', or raise MaxSteps" : "");
      mxDestroyArray (Xa);
      hlnn_mex_fail_status ("rollout", st, ctx);
    }
  plhs[OUT_XS] = Xa;
  if (nlhs > OUT_STATS)
    plhs[OUT_STATS] = stats_struct (&stats);
}
