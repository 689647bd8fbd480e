/* sys_henon_heiles.c -- Henon-Heiles: H = (px^2 + py^2)/2
 * + (x^2 + y^2)/2 + lambda (x^2 y - y^3/3), state [x y px py].
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Bounded motion needs H < 1/(6 lambda^2) (the saddle energy); above it
 * orbits escape to infinity. */
#include "hlnn_status.h"
#include "sys_impl.h"

static int
hh_H (const hlnn_system *s, size_t K, const double *X, double *E)
{
  const double lam = s->par[0];
  for (size_t r = 0; r < K; r++)
    {
      const double x = X[r], y = X[K + r], px = X[2 * K + r], py = X[3 * K + r];
      E[r] = 0.5 * (px * px + py * py) + 0.5 * (x * x + y * y)
             + lam * (x * x * y - y * y * y / 3.0);
    }
  return HLNN_SUCCESS;
}

/* dV/dq into G (leading dimension ldg) */
static void
hh_grad (double lam, size_t K, const double *Q, double *G, size_t ldg)
{
  for (size_t r = 0; r < K; r++)
    {
      const double x = Q[r], y = Q[K + r];
      G[r] = x + 2.0 * lam * x * y;
      G[ldg + r] = y + lam * (x * x - y * y);
    }
}

static int
hh_field (const hlnn_system *s, size_t K, const double *X, double *F)
{
  for (size_t r = 0; r < K; r++)
    {
      F[r] = X[2 * K + r];
      F[K + r] = X[3 * K + r];
    }
  hh_grad (s->par[0], K, X, F + 2 * K, K);
  for (size_t e = 2 * K; e < 4 * K; e++)
    F[e] = -F[e];
  return HLNN_SUCCESS;
}

static int
hh_dVdq (void *ctx, size_t K, const double *Q, double *G)
{
  const hlnn_system *s = ctx;
  hh_grad (s->par[0], K, Q, G, K);
  return HLNN_SUCCESS;
}

static int
unit_dTdp (void *ctx, size_t K, const double *P, double *G)
{
  (void) ctx;
  for (size_t e = 0; e < 2 * K; e++)
    G[e] = P[e];
  return HLNN_SUCCESS;
}

const hlnn_sys_class hlnn_sys_henon_heiles = {
  "henon_heiles", 2, HLNN_FORM_HAMILTONIAN, 0, 1, "lambda", { 1.0 }, 0x0u,
  hh_H, hh_H, hh_field, hh_dVdq, unit_dTdp, NULL
};
