/* rollout_odeiv2.c -- adaptive rollouts with GSL odeiv2 drivers (rkf45,
 * rk8pd, msbdf), coupled (one driver for the K d batch) or independent
 * (one driver per trajectory).
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Error control is GSL's y_new control: per step, every component i must
 * satisfy |err_i| <= abstol + reltol |y_i|.  By default the driver stops
 * exactly on every requested output time (its last step before t[i] is
 * shortened), so 1000 output times cost at least 1000 steps.  With
 * o->interpolate the steps are those the tolerance asks for, over the
 * whole span, and each output inside a step is the cubic Hermite
 * interpolant of the step's end values and slopes (rkf45 and rk8pd hand
 * over the slope at the end, exact, as dydt_out; msbdf costs one more
 * field call per step): what scipy's solve_ivp with t_eval
 * and MATLAB's ode45 do, with an interpolation error O(h^4) between the
 * step ends (GSL odeiv2 has no interpolant of its own).
 *
 * msbdf needs dF/dx: the user Jacobian or central differences of the
 * batched field (d calls of 2K rows), plus dF/dt by a central difference
 * in t.  In coupled mode GSL sees one dense (K d) x (K d) matrix (block
 * diagonal here) and LU-factors it: cost O((K d)^3) per factorisation, so
 * prefer 'independent' for msbdf on large batches.
 *
 * GSL's error handler must be off (gsl_set_error_handler_off, as every
 * MEX gateway does): failures are returned as status codes. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>
#include "hlnn_status.h"
#include "integrate_impl.h"

typedef struct {
  const hlnn_field *f;
  hlnn_jac_fn jac;
  size_t K;              /* rows per field call: K (coupled) or 1 */
  int status;            /* last non-zero field status */
  hlnn_rollout_stats *st;
  double *J, *Y, *FY;    /* K x d x d, 2K x d, 2K x d */
} ode_ctx;

static int
ode_func (double t, const double y[], double dydt[], void *params)
{
  ode_ctx *c = params;
  c->st->calls++;
  c->st->rows += c->K;
  const int status = c->f->f (c->f->ctx, t, c->K, y, dydt);
  if (status)
    {
      c->status = status;
      return GSL_EBADFUNC;
    }
  return GSL_SUCCESS;
}

static int
ode_jac (double t, const double y[], double *dfdy, double dfdt[],
         void *params)
{
  ode_ctx *c = params;
  const size_t K = c->K, d = c->f->d, Kd = K * d;
  int status;
  if (c->jac)
    {
      status = c->jac (c->f->ctx, t, K, y, c->J);
      c->st->calls++;
      c->st->rows += K;
    }
  else
    {
      status = hlnn_field_fdjac (c->f, t, K, y, c->J, c->Y, c->FY);
      c->st->calls += d;
      c->st->rows += 2 * Kd;
    }
  if (status)
    {
      c->status = status;
      return GSL_EBADFUNC;
    }
  memset (dfdy, 0, Kd * Kd * sizeof (double));
  for (size_t k = 0; k < K; k++)
    for (size_t i = 0; i < d; i++)
      for (size_t j = 0; j < d; j++)
        dfdy[(k + K * i) * Kd + (k + K * j)] = c->J[k + K * (i + d * j)];

  const double ht = cbrt (DBL_EPSILON) * fmax (1.0, fabs (t));
  const double tp = t + ht, tm = t - ht;
  if ((status = c->f->f (c->f->ctx, tp, K, y, c->FY))
      || (status = c->f->f (c->f->ctx, tm, K, y, c->FY + Kd)))
    {
      c->status = status;
      return GSL_EBADFUNC;
    }
  c->st->calls += 2;
  c->st->rows += 2 * K;
  for (size_t e = 0; e < Kd; e++)
    dfdt[e] = (c->FY[e] - c->FY[Kd + e]) / (tp - tm);
  return GSL_SUCCESS;
}

static int
map_status (int gsl_status, const ode_ctx *c, size_t n, const double *y)
{
  switch (gsl_status)
    {
    case GSL_SUCCESS:
      return hlnn_all_finite (n, y) ? HLNN_SUCCESS : HLNN_ENAN;
    case GSL_EBADFUNC:
      return c->status ? c->status : HLNN_ENAN;
    case GSL_ENOMEM:
      return HLNN_ENOMEM;
    default:   /* EMAXITER, ENOPROG, step size underflow */
      return hlnn_all_finite (n, y) ? HLNN_EMAXIT : HLNN_ENAN;
    }
}

static void
store_block (const double *y, size_t d, size_t T, size_t i, size_t k0,
             size_t Kc, double *Xs)
{
  for (size_t k = 0; k < Kc; k++)
    for (size_t j = 0; j < d; j++)
      Xs[i + T * (j + d * (k0 + k))] = y[k + Kc * j];
}

/* Scratch of the interpolating drive: state and slope at a step's start,
 * slope at its end, the interpolated output (n each). */
typedef struct {
  double *y0, *f0, *f1, *yi;
} dense_buf;

/* Steps chosen by the control alone from t[0] to t[T-1]; outputs inside
 * a step by cubic Hermite interpolation on [ta, tb]. */
static int
drive_dense (gsl_odeiv2_driver *drv, ode_ctx *c, double *y, size_t n,
             size_t T, const double *t, size_t k0, size_t Kc, double *Xs,
             const dense_buf *b, size_t max_steps, hlnn_rollout_stats *st)
{
  const size_t d = c->f->d;
  double tb = t[0], h = drv->h;
  if (ode_func (tb, y, b->f1, c) != GSL_SUCCESS)
    return c->status;
  size_t i = 1, since_output = 0;
  while (i < T)
    {
      const double ta = tb;
      memcpy (b->y0, y, n * sizeof (double));
      memcpy (b->f0, b->f1, n * sizeof (double));
      int status = map_status (gsl_odeiv2_evolve_apply (drv->e, drv->c, drv->s,
                                                        drv->sys, &tb, t[T - 1],
                                                        &h, y), c, n, y);
      if (!status && drv->s->type->gives_exact_dydt_out)
        memcpy (b->f1, drv->e->dydt_out, n * sizeof (double));
      else if (!status && ode_func (tb, y, b->f1, c) != GSL_SUCCESS)
        status = c->status;
      if (!status && max_steps && ++since_output > max_steps)
        status = HLNN_EMAXIT;
      if (status)
        return status;
      const double hs = tb - ta;
      /* evolve_apply ends its last step exactly on t[T-1] */
      for (; i < T && t[i] <= tb; i++)
        {
          const double s = (t[i] - ta) / hs, s2 = s * s, s3 = s2 * s;
          const double h00 = 2 * s3 - 3 * s2 + 1, h10 = s3 - 2 * s2 + s;
          const double h01 = -2 * s3 + 3 * s2, h11 = s3 - s2;
          for (size_t e = 0; e < n; e++)
            b->yi[e] = h00 * b->y0[e] + h01 * y[e]
                       + hs * (h10 * b->f0[e] + h11 * b->f1[e]);
          store_block (t[i] == tb ? y : b->yi, d, T, i, k0, Kc, Xs);
          since_output = 0;
        }
    }
  st->steps += drv->e->count;
  st->rejected += drv->e->failed_steps;
  return HLNN_SUCCESS;
}

/* Integrate the n-vector y from t[0] over t[1..T-1], storing rows of
 * trajectory block [k0, k0 + Kc) of Xs. */
static int
drive (gsl_odeiv2_driver *drv, ode_ctx *c, double *y, size_t n, size_t T,
       const double *t, size_t K, size_t k0, size_t Kc, double *Xs,
       hlnn_rollout_stats *st)
{
  const size_t d = c->f->d;
  int status = HLNN_SUCCESS;
  double tc = t[0];
  for (size_t i = 1; i < T && !status; i++)
    {
      status = map_status (gsl_odeiv2_driver_apply (drv, &tc, t[i], y), c,
                           n, y);
      if (!status)
        store_block (y, d, T, i, k0, Kc, Xs);
    }
  (void) K;
  st->steps += drv->e->count;
  st->rejected += drv->e->failed_steps;
  return status;
}

int
hlnn_rollout_odeiv2 (hlnn_rollout_work *w, const hlnn_field *f,
                     const hlnn_rollout_opts *o, const double *X0, size_t T,
                     const double *t, double *Xs, hlnn_rollout_stats *st)
{
  const size_t K = w->K, d = w->d;
  const gsl_odeiv2_step_type *type =
      w->method == HLNN_METHOD_RKF45 ? gsl_odeiv2_step_rkf45
      : w->method == HLNN_METHOD_RK8PD ? gsl_odeiv2_step_rk8pd
      : gsl_odeiv2_step_msbdf;
  const int need_jac = w->method == HLNN_METHOD_MSBDF;
  const size_t Kc = o->independent ? 1 : K, n = Kc * d;
  ode_ctx c = { f, o->jac, Kc, 0, st, NULL, NULL, NULL };
  dense_buf b = { NULL, NULL, NULL, NULL };
  gsl_odeiv2_system sys = { ode_func, need_jac ? ode_jac : NULL, n, &c };
  gsl_odeiv2_driver *drv = NULL;
  int status = HLNN_ENOMEM;

  hlnn_rollout_store (K, d, X0, T, 0, Xs);
  if (T == 1)
    return HLNN_SUCCESS;
  if (need_jac)
    {
      c.J = malloc (Kc * d * d * sizeof (double));
      c.Y = malloc (2 * n * sizeof (double));
      c.FY = malloc (2 * n * sizeof (double));
      if (!c.J || !c.Y || !c.FY)
        goto done;
    }
  if (o->interpolate)
    {
      b.y0 = malloc (4 * n * sizeof (double));
      if (!b.y0)
        goto done;
      b.f0 = b.y0 + n;
      b.f1 = b.f0 + n;
      b.yi = b.f1 + n;
    }
  const double h0 = o->step > 0 ? o->step : 1e-3 * (t[1] - t[0]);
  drv = gsl_odeiv2_driver_alloc_y_new (&sys, type, h0, o->abstol, o->reltol);
  if (!drv)
    goto done;
  if (o->max_steps)
    gsl_odeiv2_driver_set_nmax (drv, o->max_steps);

  if (!o->independent)
    {
      memcpy (w->x, X0, K * d * sizeof (double));
      status = o->interpolate
               ? drive_dense (drv, &c, w->x, n, T, t, 0, K, Xs, &b,
                              o->max_steps, st)
               : drive (drv, &c, w->x, n, T, t, K, 0, K, Xs, st);
    }
  else
    /* one trajectory at a time through the same driver, reset to the
     * state of a fresh one: identical to K separate single rollouts */
    for (size_t k = 0; k < K; k++)
      {
        gsl_odeiv2_driver_reset_hstart (drv, h0);
        for (size_t j = 0; j < d; j++)
          w->x[j] = X0[k + K * j];
        status = o->interpolate
                 ? drive_dense (drv, &c, w->x, d, T, t, k, 1, Xs, &b,
                                o->max_steps, st)
                 : drive (drv, &c, w->x, d, T, t, K, k, 1, Xs, st);
        if (status)
          break;
      }
done:
  if (drv)
    gsl_odeiv2_driver_free (drv);
  free (b.y0);
  free (c.J);
  free (c.Y);
  free (c.FY);
  return status;
}
