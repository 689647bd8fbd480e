/* step_verlet.c -- Stormer-Verlet (kick-drift-kick leapfrog) for separable
 * Hamiltonians H = T(p) + V(q) and for q'' = a(q).
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * The state is [q p] (K x 2n column-major, so q and p are contiguous
 * K x n blocks).  dV/dq at the end of a step is the one needed at the
 * start of the next, so it is kept (gq_valid) and each step costs one
 * dV/dq and one dT/dp call. */
#include "hlnn_status.h"
#include "integrate_impl.h"

static int
grad_v (hlnn_rollout_work *w, const hlnn_separable *sep, const double *q,
        hlnn_rollout_stats *st)
{
  const size_t K = w->K, n = K * sep->n;
  int status;
  st->calls++;
  st->rows += K;
  if (sep->dVdq)
    return sep->dVdq (sep->ctx, K, q, w->gq);
  if ((status = sep->accel (sep->ctx, K, q, w->gq)))
    return status;
  for (size_t i = 0; i < n; i++)
    w->gq[i] = -w->gq[i];
  return HLNN_SUCCESS;
}

int
hlnn_step_verlet (hlnn_rollout_work *w, const hlnn_separable *sep, double h,
                  hlnn_rollout_stats *st)
{
  const size_t K = w->K, n = K * sep->n;
  double *q = w->x, *p = w->x + n;
  const double h2 = 0.5 * h;
  int status;

  if (!w->gq_valid && (status = grad_v (w, sep, q, st)))
    return status;
  w->gq_valid = 0;
  for (size_t i = 0; i < n; i++)
    p[i] -= h2 * w->gq[i];
  if (sep->dTdp)
    {
      if ((status = sep->dTdp (sep->ctx, K, p, w->gp)))
        return status;
      st->calls++;
      st->rows += K;
      for (size_t i = 0; i < n; i++)
        q[i] += h * w->gp[i];
    }
  else
    for (size_t i = 0; i < n; i++)
      q[i] += h * p[i];
  if ((status = grad_v (w, sep, q, st)))
    return status;
  for (size_t i = 0; i < n; i++)
    p[i] -= h2 * w->gq[i];
  w->gq_valid = 1;
  return HLNN_SUCCESS;
}
