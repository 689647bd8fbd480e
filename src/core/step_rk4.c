/* step_rk4.c -- one classical Runge-Kutta step of a K-batch, four batched
 * field calls.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include "hlnn_status.h"
#include "integrate_impl.h"

int
hlnn_step_rk4 (hlnn_rollout_work *w, const hlnn_field *f, double t, double h,
               hlnn_rollout_stats *st)
{
  const size_t K = w->K, n = K * w->d;
  double *x = w->x, *y = w->y;
  double *k1 = w->k1, *k2 = w->k2, *k3 = w->k3, *k4 = w->k4;
  int status;
  const double h2 = 0.5 * h, h6 = h / 6.0;

  if ((status = f->f (f->ctx, t, K, x, k1)))
    return status;
  for (size_t i = 0; i < n; i++)
    y[i] = x[i] + h2 * k1[i];
  if ((status = f->f (f->ctx, t + h2, K, y, k2)))
    return status;
  for (size_t i = 0; i < n; i++)
    y[i] = x[i] + h2 * k2[i];
  if ((status = f->f (f->ctx, t + h2, K, y, k3)))
    return status;
  for (size_t i = 0; i < n; i++)
    y[i] = x[i] + h * k3[i];
  if ((status = f->f (f->ctx, t + h, K, y, k4)))
    return status;
  for (size_t i = 0; i < n; i++)
    x[i] += h6 * (k1[i] + 2.0 * (k2[i] + k3[i]) + k4[i]);
  st->calls += 4;
  st->rows += 4 * K;
  return HLNN_SUCCESS;
}
