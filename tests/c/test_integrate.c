/* test_integrate.c -- orders, long-time energy behaviour, adaptive
 * accuracy and batch/single equality of the rollout integrators.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Test fields are defined here (harmonic oscillator q'' = -q, pendulum
 * q'' = -sin q, state [q p]) so this file depends on integrate alone. */
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "hlnn.h"
#include "integrate.h"
#include "hlnn_test.h"

/* ---- test fields ------------------------------------------------------- */
typedef struct {
  int pendulum;          /* 0: harmonic oscillator, 1: pendulum */
  size_t max_rows;       /* largest K seen in one call */
  int fail_after;        /* > 0: return HLNN_EDOM on that call */
  int nan_after;         /* > 0: return NaN from that call on */
  int calls;
} osc_ctx;

static int
osc_field (void *ctx, double t, size_t K, const double *X, double *F)
{
  osc_ctx *c = ctx;
  (void) t;
  c->calls++;
  if (K > c->max_rows)
    c->max_rows = K;
  if (c->fail_after && c->calls >= c->fail_after)
    return HLNN_EDOM;
  for (size_t r = 0; r < K; r++)
    {
      F[r] = X[K + r];
      F[K + r] = c->pendulum ? -sin (X[r]) : -X[r];
      if (c->nan_after && c->calls >= c->nan_after)
        F[K + r] = NAN;
    }
  return HLNN_SUCCESS;
}

static int
osc_jac (void *ctx, double t, size_t K, const double *X, double *J)
{
  osc_ctx *c = ctx;
  (void) t;
  for (size_t r = 0; r < K; r++)
    {
      J[r + K * (0 + 2 * 0)] = 0.0;
      J[r + K * (1 + 2 * 0)] = c->pendulum ? -cos (X[r]) : -1.0;
      J[r + K * (0 + 2 * 1)] = 1.0;
      J[r + K * (1 + 2 * 1)] = 0.0;
    }
  return HLNN_SUCCESS;
}

static int
osc_dVdq (void *ctx, size_t K, const double *Q, double *G)
{
  osc_ctx *c = ctx;
  c->calls++;
  if (K > c->max_rows)
    c->max_rows = K;
  for (size_t r = 0; r < K; r++)
    G[r] = c->pendulum ? sin (Q[r]) : Q[r];
  return HLNN_SUCCESS;
}

static int
osc_accel (void *ctx, size_t K, const double *Q, double *G)
{
  osc_ctx *c = ctx;
  for (size_t r = 0; r < K; r++)
    G[r] = c->pendulum ? -sin (Q[r]) : -Q[r];
  return HLNN_SUCCESS;
}

static int
unit_dTdp (void *ctx, size_t K, const double *P, double *G)
{
  (void) ctx;
  memcpy (G, P, K * sizeof (double));
  return HLNN_SUCCESS;
}

static double
osc_energy (int pendulum, double q, double p)
{
  return 0.5 * p * p + (pendulum ? 1.0 - cos (q) : 0.5 * q * q);
}

static const char *
label (hlnn_method m, hlnn_solve s)
{
  if (m == HLNN_METHOD_MIDPOINT)
    return s == HLNN_SOLVE_NEWTON ? "midpoint/newton" : "midpoint/fixed-point";
  if (m == HLNN_METHOD_GL4)
    return s == HLNN_SOLVE_NEWTON ? "gl4/newton" : "gl4/fixed-point";
  return hlnn_method_name (m);
}

/* Roll K states of the oscillator (or pendulum) with method m to the
 * times t; Xs is T x 2 x K. */
static int
roll (hlnn_method m, hlnn_solve solve, int pendulum, int use_accel,
      double step, size_t K, const double *X0, size_t T, const double *t,
      double *Xs, hlnn_rollout_stats *st, osc_ctx *cx)
{
  osc_ctx local = { pendulum, 0, 0, 0, 0 };
  if (!cx)
    cx = &local;
  hlnn_field f = { osc_field, cx, 2, 1 };
  hlnn_separable sep = { 1, osc_dVdq, unit_dTdp, NULL, cx };
  if (use_accel)
    {
      sep.dVdq = NULL;
      sep.dTdp = NULL;
      sep.accel = osc_accel;
    }
  hlnn_rollout_opts o;
  hlnn_rollout_opts_default (&o);
  o.method = m;
  o.step = step;
  o.solve = solve;
  return hlnn_rollout (&f, &sep, &o, K, X0, T, t, Xs, st);
}

/* ---- 1. convergence orders --------------------------------------------- */
static void
test_orders (void)
{
  struct { hlnn_method m; hlnn_solve s; int accel; int p; } cases[] = {
    { HLNN_METHOD_RK4, HLNN_SOLVE_FIXEDPOINT, 0, 4 },
    { HLNN_METHOD_MIDPOINT, HLNN_SOLVE_FIXEDPOINT, 0, 2 },
    { HLNN_METHOD_MIDPOINT, HLNN_SOLVE_NEWTON, 0, 2 },
    { HLNN_METHOD_GL4, HLNN_SOLVE_FIXEDPOINT, 0, 4 },
    { HLNN_METHOD_GL4, HLNN_SOLVE_NEWTON, 0, 4 },
    { HLNN_METHOD_LEAPFROG, HLNN_SOLVE_FIXEDPOINT, 0, 2 },
    { HLNN_METHOD_LEAPFROG, HLNN_SOLVE_FIXEDPOINT, 1, 2 },
  };
  const double X0[2] = { 1.0, 0.0 }, tend = 2.0;
  const double t[2] = { 0.0, tend };
  for (size_t c = 0; c < sizeof cases / sizeof *cases; c++)
    {
      double err[3];
      for (int l = 0; l < 3; l++)
        {
          const double h = 0.2 / (double) (1 << l);
          double Xs[4];
          const int status = roll (cases[c].m, cases[c].s, 0, cases[c].accel,
                                   h, 1, X0, 2, t, Xs, NULL, NULL);
          if (status)
            {
              hlnn_test (0, "%s: rollout failed (%s)", label (cases[c].m, cases[c].s),
                         hlnn_strerror (status));
              return;
            }
          err[l] = hypot (Xs[1] - cos (tend), Xs[3] + sin (tend));
        }
      const double want = (double) (1 << cases[c].p);
      const double r1 = err[0] / err[1], r2 = err[1] / err[2];
      hlnn_test (fabs (r1 / want - 1) < 0.1 && fabs (r2 / want - 1) < 0.1,
                 "order %s%s: errors %.3e %.3e %.3e (h = 0.2, 0.1, 0.05), "
                 "ratios %.3f %.3f, want %g +- 10%% (order %.3f)",
                 label (cases[c].m, cases[c].s),
                 cases[c].accel ? " (q''=a(q) form)" : "", err[0], err[1],
                 err[2], r1, r2, want, log2 (r2));
    }
}

/* ---- 2. long-time energy behaviour -------------------------------------- */
static void
test_energy (void)
{
  const size_t N = 100000;
  const double h = 0.1;
  /* round-off allowance on the relative energy error: N eps */
  const double floor = (double) N * 2.2e-16;
  double *t = malloc ((N + 1) * sizeof (double));
  double *Xs = malloc (2 * (N + 1) * sizeof (double));
  for (size_t i = 0; i <= N; i++)
    t[i] = (double) i * h;
  for (int pend = 0; pend <= 1; pend++)
    {
      const hlnn_method ms[] = { HLNN_METHOD_RK4, HLNN_METHOD_MIDPOINT,
                                 HLNN_METHOD_GL4, HLNN_METHOD_LEAPFROG };
      const double X0[2] = { pend ? 1.5 : 1.0, 0.0 };
      const double E0 = osc_energy (pend, X0[0], X0[1]);
      double growth_rk4 = 0;
      for (size_t c = 0; c < 4; c++)
        {
          const int status = roll (ms[c], HLNN_SOLVE_FIXEDPOINT, pend, 0, 0.0, 1,
                                   X0, N + 1, t, Xs, NULL, NULL);
          if (status)
            {
              hlnn_test (0, "energy %s: rollout failed (%s)",
                         hlnn_method_name (ms[c]), hlnn_strerror (status));
              continue;
            }
          double e_short = 0, e_long = 0;
          for (size_t i = 0; i <= N; i++)
            {
              const double e = fabs (osc_energy (pend, Xs[i], Xs[N + 1 + i])
                                     - E0) / E0;
              if (i <= 1000 && e > e_short)
                e_short = e;
              if (e > e_long)
                e_long = e;
            }
          const double growth = e_long / (e_short + floor);
          const double e_end = fabs (osc_energy (pend, Xs[N], Xs[2 * N + 1])
                                     - E0) / E0;
          if (ms[c] == HLNN_METHOD_RK4)
            {
              growth_rk4 = growth;
              hlnn_test (growth > 10,
                         "%s rk4 drifts: rel. energy error max %.3e over first "
                         "1e3 steps, %.3e over 1e5 (end %.3e), growth %.1f > 10",
                         pend ? "pendulum" : "oscillator", e_short, e_long,
                         e_end, growth);
            }
          else
            hlnn_test (growth < 2 && growth_rk4 > 5 * growth,
                       "%s %s bounded: rel. energy error max %.3e over first "
                       "1e3 steps, %.3e over 1e5 (end %.3e), growth %.2f < 2 "
                       "(rk4 growth %.1f)",
                       pend ? "pendulum" : "oscillator",
                       hlnn_method_name (ms[c]), e_short, e_long, e_end, growth,
                       growth_rk4);
        }
    }
  free (t);
  free (Xs);
}

/* ---- 3. adaptive drivers against the exact oscillator -------------------- */
static void
test_adaptive (void)
{
  const size_t T = 41;
  double t[41], Xs[2 * 41];
  for (size_t i = 0; i < T; i++)
    t[i] = 0.5 * (double) i;
  const double X0[2] = { 0.6, -0.8 };
  struct { hlnn_method m; double tol; int userjac; } cases[] = {
    { HLNN_METHOD_RKF45, 1e-8, 0 }, { HLNN_METHOD_RK8PD, 1e-11, 0 },
    { HLNN_METHOD_MSBDF, 1e-8, 0 }, { HLNN_METHOD_MSBDF, 1e-8, 1 },
  };
  for (size_t c = 0; c < sizeof cases / sizeof *cases; c++)
    {
      osc_ctx cx = { 0, 0, 0, 0, 0 };
      hlnn_field f = { osc_field, &cx, 2, 1 };
      hlnn_rollout_opts o;
      hlnn_rollout_opts_default (&o);
      o.method = cases[c].m;
      o.reltol = o.abstol = cases[c].tol;
      o.jac = cases[c].userjac ? osc_jac : NULL;
      hlnn_rollout_stats st;
      const int status = hlnn_rollout (&f, NULL, &o, 1, X0, T, t, Xs, &st);
      double err = 0;
      for (size_t i = 0; i < T; i++)
        {
          const double q = X0[0] * cos (t[i]) + X0[1] * sin (t[i]);
          const double p = -X0[0] * sin (t[i]) + X0[1] * cos (t[i]);
          err = fmax (err, fmax (fabs (Xs[i] - q), fabs (Xs[T + i] - p)));
        }
      /* Each accepted step's local error is <= abstol + reltol |y_i| <=
       * 2 tol per component (|y| <= 1).  The exact flow is a rotation,
       * so by Lady Windermere's fan the global error is at most the sum
       * of the local errors, times sqrt 2 for max-norm vs 2-norm. */
      const double bound = sqrt (2.0) * (double) st.steps * 2 * cases[c].tol;
      hlnn_test (status == HLNN_SUCCESS && err <= bound,
                 "%s%s tol %.0e: max error vs exact over t in [0,20] %.3e "
                 "(%.1f tol), %zu steps, %zu rejected, bound sqrt2*steps*2tol %.3e",
                 hlnn_method_name (cases[c].m),
                 cases[c].userjac ? " (user Jacobian)" : cases[c].m == HLNN_METHOD_MSBDF ? " (FD Jacobian)" : "",
                 cases[c].tol, err, err / cases[c].tol, st.steps, st.rejected,
                 bound);
    }
}

/* ---- 4. batch versus single -------------------------------------------- */
static void
test_batch (void)
{
  enum { K = 5, T = 21 };
  double t[T], X0[2 * K], Xb[T * 2 * K], X1[T * 2];
  for (size_t i = 0; i < T; i++)
    t[i] = 0.25 * (double) i;
  const double amp[K] = { 0.1, 0.9, 2.0, 2.9, 3.1 };
  for (size_t k = 0; k < K; k++)
    {
      X0[k] = amp[k];
      X0[K + k] = 0.3 * (double) k - 0.5;
    }
  struct { hlnn_method m; hlnn_solve s; int indep; } cases[] = {
    { HLNN_METHOD_RK4, 0, 0 },
    { HLNN_METHOD_MIDPOINT, HLNN_SOLVE_FIXEDPOINT, 0 },
    { HLNN_METHOD_MIDPOINT, HLNN_SOLVE_NEWTON, 0 },
    { HLNN_METHOD_GL4, HLNN_SOLVE_FIXEDPOINT, 0 },
    { HLNN_METHOD_GL4, HLNN_SOLVE_NEWTON, 0 },
    { HLNN_METHOD_LEAPFROG, 0, 0 },
    { HLNN_METHOD_RKF45, 0, 1 }, { HLNN_METHOD_RK8PD, 0, 1 },
    { HLNN_METHOD_MSBDF, 0, 1 },
    { HLNN_METHOD_RKF45, 0, 0 }, { HLNN_METHOD_RK8PD, 0, 0 },
    { HLNN_METHOD_MSBDF, 0, 0 },
  };
  for (size_t c = 0; c < sizeof cases / sizeof *cases; c++)
    {
      const int coupled = hlnn_method_adaptive (cases[c].m) && !cases[c].indep;
      /* pendulum, except coupled runs: those are checked against the
       * exact oscillator solution */
      osc_ctx cx = { !coupled, 0, 0, 0, 0 };
      hlnn_field f = { osc_field, &cx, 2, 1 };
      hlnn_separable sep = { 1, osc_dVdq, unit_dTdp, NULL, &cx };
      hlnn_rollout_opts o;
      hlnn_rollout_opts_default (&o);
      o.method = cases[c].m;
      o.step = hlnn_method_adaptive (o.method) ? 0 : 0.05;
      o.solve = cases[c].s;
      o.independent = cases[c].indep;
      o.reltol = o.abstol = 1e-8;
      hlnn_rollout_stats stb, st1;
      int status = hlnn_rollout (&f, &sep, &o, K, X0, T, t, Xb, &stb);
      const size_t maxrows = cx.max_rows;
      size_t ndiff = 0, steps_max = 0, iters_min = (size_t) -1, iters_maxk = 0;
      double dmax = 0, emax = 0, ymax = 0;
      for (size_t k = 0; k < K && !status; k++)
        {
          const double x0[2] = { X0[k], X0[K + k] };
          o.independent = 0;
          status = hlnn_rollout (&f, &sep, &o, 1, x0, T, t, X1, &st1);
          o.independent = cases[c].indep;
          if (st1.steps > steps_max)
            steps_max = st1.steps;
          if (st1.iters < iters_min)
            iters_min = st1.iters;
          if (st1.iters > iters_maxk)
            iters_maxk = st1.iters;
          for (size_t i = 0; i < T; i++)
            {
              const double ex[2] = {
                x0[0] * cos (t[i]) + x0[1] * sin (t[i]),
                -x0[0] * sin (t[i]) + x0[1] * cos (t[i]) };
              for (size_t j = 0; j < 2; j++)
                {
                  const double a = Xb[i + T * (j + 2 * k)], b = X1[i + T * j];
                  if (memcmp (&a, &b, sizeof a) != 0)
                    ndiff++;
                  dmax = fmax (dmax, fabs (a - b));
                  emax = fmax (emax, fabs (a - ex[j]));
                  ymax = fmax (ymax, fabs (ex[j]));
                }
            }
        }
      const int rows_ok = maxrows <= hlnn_rollout_max_rows (o.method, K,
                                                             o.independent);
      if (status)
        hlnn_test (0, "batch %s: failed (%s)", label (o.method, o.solve),
                   hlnn_strerror (status));
      else if (hlnn_method_adaptive (o.method) && !o.independent)
        {
          /* coupled: one step sequence for all.  The claim is that every
           * trajectory still meets the tolerance: its error against the
           * exact solution obeys the same local-error-sum bound as in
           * test_adaptive, with the batch's step count. */
          const double bound = sqrt (2.0) * (double) stb.steps * 1e-8
                               * (1 + ymax);
          hlnn_test (emax <= bound && rows_ok,
                     "batch %s coupled K=%d: every trajectory within tolerance "
                     "of the exact solution (max err %.2e <= %.2e); vs singles "
                     "%zu of %d values differ (max %.2e); "
                     "%zu batch steps vs max %zu single; max rows/call %zu",
                     label (o.method, o.solve), K, emax, bound, ndiff,
                     T * 2 * K, dmax, stb.steps, steps_max, maxrows);
        }
      else
        hlnn_test (ndiff == 0 && rows_ok,
                   "batch %s%s K=%d equals %d single rollouts bit for bit "
                   "(%zu differing values, max diff %.1e); max rows/call %zu"
                   "%s",
                   label (o.method, o.solve), o.independent ? " independent" : "",
                   K, K, ndiff, dmax, maxrows,
                   o.method == HLNN_METHOD_MIDPOINT || o.method == HLNN_METHOD_GL4
                   ? "; single-run iterations differ per trajectory" : "");
      if (!status && (o.method == HLNN_METHOD_MIDPOINT || o.method == HLNN_METHOD_GL4))
        printf ("  (%s: iterations per trajectory-run %zu..%zu, batch total %zu, worst step %zu)\n",
                label (o.method, o.solve), iters_min, iters_maxk, stb.iters, stb.iters_max);
    }
}

/* ---- 5. failures and arguments ----------------------------------------- */
static void
test_failures (void)
{
  const double X0[2] = { 1.0, 0.0 }, t[2] = { 0.0, 5.0 };
  double Xs[4];
  hlnn_rollout_stats st;
  int status = roll (HLNN_METHOD_GL4, HLNN_SOLVE_FIXEDPOINT, 0, 0, 0.0, 1, X0,
                     2, t, Xs, &st, NULL);
  hlnn_test (status == HLNN_EMAXIT,
             "gl4 fixed point, h = 5 on q''=-q (contraction factor > 1): "
             "status %s, %zu iterations", hlnn_strerror (status), st.iters);
  status = roll (HLNN_METHOD_GL4, HLNN_SOLVE_NEWTON, 0, 0, 0.0, 1, X0, 2, t,
                 Xs, &st, NULL);
  /* GL4 on a linear field is the (2,2) Pade approximant of exp */
  const double z = 5.0, c = 1 - z * z / 12;
  const double re = (c * c - z * z / 4) / (c * c + z * z / 4),
               im = -(c * z) / (c * c + z * z / 4);
  hlnn_test (status == HLNN_SUCCESS
             && hypot (Xs[1] - re, Xs[3] - im) < 1e-13,
             "gl4 Newton, h = 5: converges in %zu iterations to the (2,2) "
             "Pade value (err %.1e)", st.iters,
             hypot (Xs[1] - re, Xs[3] - im));

  osc_ctx cx = { 0, 0, 3, 0, 0 };
  status = roll (HLNN_METHOD_RK4, 0, 0, 0, 0.0, 1, X0, 2, t, Xs, NULL, &cx);
  hlnn_test (status == HLNN_EDOM, "rk4 passes the field's status on: %s",
             hlnn_strerror (status));
  osc_ctx cx2 = { 0, 0, 5, 0, 0 };
  hlnn_field f2 = { osc_field, &cx2, 2, 1 };
  hlnn_rollout_opts o;
  hlnn_rollout_opts_default (&o);
  o.method = HLNN_METHOD_RKF45;
  status = hlnn_rollout (&f2, NULL, &o, 1, X0, 2, t, Xs, NULL);
  hlnn_test (status == HLNN_EDOM, "rkf45 passes the field's status on: %s",
             hlnn_strerror (status));
  osc_ctx cx3 = { 0, 0, 0, 2, 0 };
  status = roll (HLNN_METHOD_RK4, 0, 0, 0, 0.0, 1, X0, 2, t, Xs, NULL, &cx3);
  hlnn_test (status == HLNN_ENAN, "rk4 reports a NaN field: %s",
             hlnn_strerror (status));
  o.method = HLNN_METHOD_RK8PD;
  osc_ctx cx4 = { 0, 0, 0, 4, 0 };
  hlnn_field f4 = { osc_field, &cx4, 2, 1 };
  status = hlnn_rollout (&f4, NULL, &o, 1, X0, 2, t, Xs, NULL);
  hlnn_test (status == HLNN_ENAN || status == HLNN_EMAXIT,
             "rk8pd with a NaN field fails: %s", hlnn_strerror (status));

  o.method = HLNN_METHOD_LEAPFROG;
  hlnn_field f = { osc_field, &cx, 2, 1 };
  status = hlnn_rollout (&f, NULL, &o, 1, X0, 2, t, Xs, NULL);
  hlnn_test (status == HLNN_EDOM, "leapfrog without a separable form: %s",
             hlnn_strerror (status));
  o.method = HLNN_METHOD_RK4;
  const double tbad[2] = { 1.0, 1.0 };
  status = hlnn_rollout (&f, NULL, &o, 1, X0, 2, tbad, Xs, NULL);
  hlnn_test (status == HLNN_EDOM, "non-increasing times rejected: %s",
             hlnn_strerror (status));
  const double Xnan[2] = { NAN, 0 };
  status = hlnn_rollout (&f, NULL, &o, 1, Xnan, 2, t, Xs, NULL);
  hlnn_test (status == HLNN_EDOM, "non-finite initial state rejected: %s",
             hlnn_strerror (status));
  hlnn_method m;
  hlnn_test (hlnn_method_from_name ("gl4", &m) == 0 && m == HLNN_METHOD_GL4
             && hlnn_method_from_name ("rk5", &m) == HLNN_EDOM,
             "method names parse (gl4 ok, rk5 rejected)");
}

/* ---- 6. finite-difference Jacobian ------------------------------------- */
static void
test_fdjac (void)
{
  enum { K = 3 };
  osc_ctx cx = { 1, 0, 0, 0, 0 };
  hlnn_field f = { osc_field, &cx, 2, 1 };
  const double X[2 * K] = { 0.3, -2.0, 40.0, 0.5, 1.5, -3.0 };
  double J[4 * K], Jx[4 * K], Y[4 * K], FY[4 * K];
  hlnn_field_fdjac (&f, 0.0, K, X, J, Y, FY);
  osc_jac (&cx, 0.0, K, X, Jx);
  const double e = hlnn_test_vec_relerr (4 * K, J, Jx);
  hlnn_test (e < 1e-6 && cx.max_rows == 2 * K,
             "FD Jacobian of the pendulum field vs closed form: rel err %.2e "
             "(rows per call %zu)", e, cx.max_rows);
}

int
main (void)
{
  gsl_set_error_handler_off ();
  test_orders ();
  test_energy ();
  test_adaptive ();
  test_batch ();
  test_failures ();
  test_fdjac ();
  return hlnn_test_summary ();
}
