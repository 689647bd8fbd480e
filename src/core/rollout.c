/* rollout.c -- workspace, options and the output-time loop of batched
 * rollouts; the fixed-step steppers live in step_*.c, the adaptive drivers
 * in rollout_odeiv2.c.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "hlnn_status.h"
#include "integrate_impl.h"

static const char *const method_names[HLNN_METHOD_COUNT] = {
  "rk4", "midpoint", "gl4", "leapfrog", "rkf45", "rk8pd", "msbdf"
};

int
hlnn_method_from_name (const char *name, hlnn_method *m)
{
  if (!name)
    return HLNN_EDOM;
  for (int i = 0; i < HLNN_METHOD_COUNT; i++)
    if (strcmp (name, method_names[i]) == 0)
      {
        *m = (hlnn_method) i;
        return HLNN_SUCCESS;
      }
  return HLNN_EDOM;
}

const char *
hlnn_method_name (hlnn_method m)
{
  return (unsigned) m < HLNN_METHOD_COUNT ? method_names[m] : "unknown";
}

int
hlnn_method_adaptive (hlnn_method m)
{
  return m == HLNN_METHOD_RKF45 || m == HLNN_METHOD_RK8PD
         || m == HLNN_METHOD_MSBDF;
}

void
hlnn_rollout_opts_default (hlnn_rollout_opts *o)
{
  memset (o, 0, sizeof *o);
  o->method = HLNN_METHOD_RK4;
  o->step = 0.0;
  o->reltol = 1e-9;
  o->abstol = 1e-9;
  o->max_steps = 1000000;
  o->independent = 0;
  o->interpolate = 0;
  o->solve = HLNN_SOLVE_FIXEDPOINT;
  o->solve_tol = 1e-12;
  o->solve_maxit = 50;
  o->jac = NULL;
}

size_t
hlnn_rollout_max_rows (hlnn_method m, size_t K, int independent)
{
  if (m == HLNN_METHOD_LEAPFROG)
    return K;
  if (hlnn_method_adaptive (m) && independent)
    return 2;
  return 2 * K;   /* central-difference Jacobian stacks x + h e_j, x - h e_j */
}

void
hlnn_rollout_free (hlnn_rollout_work *w)
{
  if (!w)
    return;
  free (w->x);
  free (w->k1); free (w->k2); free (w->k3); free (w->k4); free (w->y);
  free (w->Z); free (w->Y); free (w->G);
  free (w->zrow); free (w->rhs); free (w->dprev);
  free (w->act); free (w->iters); free (w->ok);
  free (w->J); free (w->LU); free (w->fdY); free (w->fdF);
  if (w->perm)
    for (size_t k = 0; k < w->K; k++)
      if (w->perm[k])
        gsl_permutation_free (w->perm[k]);
  free (w->perm);
  free (w->gq); free (w->gp);
  free (w);
}

hlnn_rollout_work *
hlnn_rollout_alloc (hlnn_method m, size_t K, size_t d)
{
  if ((unsigned) m >= HLNN_METHOD_COUNT || K == 0 || d == 0
      || (m == HLNN_METHOD_LEAPFROG && d % 2))
    return NULL;
  hlnn_rollout_work *w = calloc (1, sizeof *w);
  if (!w)
    return NULL;
  w->method = m;
  w->K = K;
  w->d = d;
  const size_t Kd = K * d;
  w->x = malloc (Kd * sizeof (double));
  if (!w->x)
    goto fail;
  switch (m)
    {
    case HLNN_METHOD_RK4:
      w->k1 = malloc (Kd * sizeof (double));
      w->k2 = malloc (Kd * sizeof (double));
      w->k3 = malloc (Kd * sizeof (double));
      w->k4 = malloc (Kd * sizeof (double));
      w->y = malloc (Kd * sizeof (double));
      if (!w->k1 || !w->k2 || !w->k3 || !w->k4 || !w->y)
        goto fail;
      break;
    case HLNN_METHOD_MIDPOINT:
    case HLNN_METHOD_GL4:
      hlnn_gauss_setup (w);
      w->Z = malloc (w->s * Kd * sizeof (double));
      w->Y = malloc (w->s * Kd * sizeof (double));
      w->G = malloc (w->s * Kd * sizeof (double));
      w->zrow = malloc (w->s * d * sizeof (double));
      w->rhs = malloc (w->s * d * sizeof (double));
      w->dprev = malloc (K * sizeof (double));
      w->act = malloc (K * sizeof (size_t));
      w->iters = malloc (K * sizeof (size_t));
      w->ok = malloc (K);
      if (!w->Z || !w->Y || !w->G || !w->zrow || !w->rhs || !w->dprev
          || !w->act || !w->iters || !w->ok)
        goto fail;
      break;
    case HLNN_METHOD_LEAPFROG:
      w->gq = malloc (Kd / 2 * sizeof (double));
      w->gp = malloc (Kd / 2 * sizeof (double));
      if (!w->gq || !w->gp)
        goto fail;
      break;
    default:
      /* adaptive: GSL drivers depend on the tolerances, made per run */
      break;
    }
  return w;
fail:
  hlnn_rollout_free (w);
  return NULL;
}

void
hlnn_rollout_store (size_t K, size_t d, const double *x, size_t T, size_t i,
                    double *Xs)
{
  for (size_t k = 0; k < K; k++)
    for (size_t j = 0; j < d; j++)
      Xs[i + T * (j + d * k)] = x[k + K * j];
}

/* The relative slack keeps dt = 10 hmax from becoming 11 steps through
 * the rounding of dt / hmax. */
size_t
hlnn_rollout_substeps (double dt, double hmax)
{
  if (!(hmax > 0))
    return 1;
  const double q = dt / hmax;
  const double n = ceil (q * (1.0 - 1e-12));
  return n < 1 ? 1 : (size_t) n;
}

static int
check_args (const hlnn_rollout_work *w, const hlnn_field *f,
            const hlnn_separable *sep, const hlnn_rollout_opts *o,
            size_t T, const double *t)
{
  if (!w || !o || !t || T == 0 || o->method != w->method)
    return HLNN_EDOM;
  if (w->method == HLNN_METHOD_LEAPFROG)
    {
      if (!sep || 2 * sep->n != w->d
          || !((sep->dVdq && !sep->accel) || (sep->accel && !sep->dVdq
                                                && !sep->dTdp)))
        return HLNN_EDOM;
    }
  else if (!f || !f->f || f->d != w->d)
    return HLNN_EDOM;
  if (!hlnn_increasing_finite (T, t))
    return HLNN_EDOM;
  if (hlnn_method_adaptive (w->method)
      && (!(o->reltol >= 0) || !(o->abstol >= 0)
          || (o->reltol == 0 && o->abstol == 0)))
    return HLNN_EDOM;
  if ((w->method == HLNN_METHOD_MIDPOINT || w->method == HLNN_METHOD_GL4)
      && (!(o->solve_tol > 0) || o->solve_maxit == 0
          || (o->solve != HLNN_SOLVE_FIXEDPOINT
              && o->solve != HLNN_SOLVE_NEWTON)))
    return HLNN_EDOM;
  return HLNN_SUCCESS;
}

int
hlnn_rollout_run (hlnn_rollout_work *w, const hlnn_field *f,
                  const hlnn_separable *sep, const hlnn_rollout_opts *o,
                  const double *X0, size_t T, const double *t, double *Xs,
                  hlnn_rollout_stats *st)
{
  hlnn_rollout_stats dummy;
  if (!st)
    st = &dummy;
  memset (st, 0, sizeof *st);
  int status = check_args (w, f, sep, o, T, t);
  if (status)
    return status;
  const size_t K = w->K, d = w->d;
  if (!hlnn_all_finite (K * d, X0))
    return HLNN_EDOM;
  if (hlnn_method_adaptive (w->method))
    return hlnn_rollout_odeiv2 (w, f, o, X0, T, t, Xs, st);

  if ((w->method == HLNN_METHOD_MIDPOINT || w->method == HLNN_METHOD_GL4)
      && o->solve == HLNN_SOLVE_NEWTON && (status = hlnn_gauss_newton_alloc (w)))
    return status;
  memcpy (w->x, X0, K * d * sizeof (double));
  w->gq_valid = 0;
  w->h_prev = 0.0;
  hlnn_rollout_store (K, d, w->x, T, 0, Xs);
  for (size_t i = 1; i < T; i++)
    {
      const size_t n = hlnn_rollout_substeps (t[i] - t[i - 1], o->step);
      const double h = (t[i] - t[i - 1]) / (double) n;
      for (size_t m = 0; m < n; m++)
        {
          const double tm = t[i - 1] + (double) m * h;
          switch (w->method)
            {
            case HLNN_METHOD_RK4:
              status = hlnn_step_rk4 (w, f, tm, h, st);
              break;
            case HLNN_METHOD_MIDPOINT:
            case HLNN_METHOD_GL4:
              status = hlnn_step_gauss (w, f, o, tm, h, st);
              break;
            default:
              status = hlnn_step_verlet (w, sep, h, st);
              break;
            }
          if (status)
            return status;
          st->steps++;
        }
      if (!hlnn_all_finite (K * d, w->x))
        return HLNN_ENAN;
      hlnn_rollout_store (K, d, w->x, T, i, Xs);
    }
  return HLNN_SUCCESS;
}

int
hlnn_rollout (const hlnn_field *f, const hlnn_separable *sep,
              const hlnn_rollout_opts *o, size_t K, const double *X0,
              size_t T, const double *t, double *Xs, hlnn_rollout_stats *st)
{
  if (!o)
    return HLNN_EDOM;
  const size_t d = o->method == HLNN_METHOD_LEAPFROG ? (sep ? 2 * sep->n : 0)
                                                     : (f ? f->d : 0);
  hlnn_rollout_work *w = hlnn_rollout_alloc (o->method, K, d);
  if (!w)
    return (K == 0 || d == 0) ? HLNN_EDOM : HLNN_ENOMEM;
  const int status = hlnn_rollout_run (w, f, sep, o, X0, T, t, Xs, st);
  hlnn_rollout_free (w);
  return status;
}
