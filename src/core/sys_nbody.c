/* sys_nbody.c -- planar gravitational two- and three-body problems.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * B bodies, n = 2B: q = [x_1..x_B y_1..y_B], p = [px_1..px_B py_1..py_B]
 * (Greydanus et al.'s coordinate order).  par = m_1..m_B, G.
 * H = sum_b |p_b|^2 / (2 m_b) - sum_{a<b} G m_a m_b / r_ab; no softening,
 * so a collision (r -> 0) gives non-finite values, which the rollout
 * reports as HLNN_ENAN. */
#include <math.h>
#include "hlnn_status.h"
#include "sys_impl.h"

static size_t
bodies (const hlnn_system *s)
{
  return s->n / 2;
}

static double
kinetic (const hlnn_system *s, size_t K, const double *X, size_t r)
{
  const size_t B = bodies (s), n = s->n;
  double T = 0.0;
  for (size_t b = 0; b < B; b++)
    {
      const double px = X[r + K * (n + b)], py = X[r + K * (n + B + b)];
      T += 0.5 * (px * px + py * py) / s->par[b];
    }
  return T;
}

static double
potential (const hlnn_system *s, size_t K, const double *Q, size_t r)
{
  const size_t B = bodies (s);
  const double G = s->par[B];
  double V = 0.0;
  for (size_t a = 0; a < B; a++)
    for (size_t b = a + 1; b < B; b++)
      {
        const double dx = Q[r + K * a] - Q[r + K * b];
        const double dy = Q[r + K * (B + a)] - Q[r + K * (B + b)];
        V -= G * s->par[a] * s->par[b] / sqrt (dx * dx + dy * dy);
      }
  return V;
}

static int
nbody_H (const hlnn_system *s, size_t K, const double *X, double *E)
{
  for (size_t r = 0; r < K; r++)
    E[r] = kinetic (s, K, X, r) + potential (s, K, X, r);
  return HLNN_SUCCESS;
}

/* dV/dq of the K x n positions Q into G (K x n, leading dimension ldg). */
static void
nbody_grad (const hlnn_system *s, size_t K, const double *Q, double *G,
            size_t ldg)
{
  const size_t B = bodies (s), n = s->n;
  const double Gc = s->par[B];
  for (size_t r = 0; r < K; r++)
    {
      for (size_t j = 0; j < n; j++)
        G[r + ldg * j] = 0.0;
      for (size_t a = 0; a < B; a++)
        for (size_t b = a + 1; b < B; b++)
          {
            const double dx = Q[r + K * a] - Q[r + K * b];
            const double dy = Q[r + K * (B + a)] - Q[r + K * (B + b)];
            const double r2 = dx * dx + dy * dy;
            const double c = Gc * s->par[a] * s->par[b] / (r2 * sqrt (r2));
            G[r + ldg * a] += c * dx;
            G[r + ldg * b] -= c * dx;
            G[r + ldg * (B + a)] += c * dy;
            G[r + ldg * (B + b)] -= c * dy;
          }
    }
}

static int
nbody_field (const hlnn_system *s, size_t K, const double *X, double *F)
{
  const size_t B = bodies (s), n = s->n;
  for (size_t b = 0; b < B; b++)
    for (size_t r = 0; r < K; r++)
      {
        F[r + K * b] = X[r + K * (n + b)] / s->par[b];
        F[r + K * (B + b)] = X[r + K * (n + B + b)] / s->par[b];
      }
  nbody_grad (s, K, X, F + K * n, K);
  for (size_t e = 0; e < K * n; e++)
    F[K * n + e] = -F[K * n + e];
  return HLNN_SUCCESS;
}

static int
nbody_dVdq (void *ctx, size_t K, const double *Q, double *G)
{
  nbody_grad (ctx, K, Q, G, K);
  return HLNN_SUCCESS;
}

static int
nbody_dTdp (void *ctx, size_t K, const double *P, double *G)
{
  const hlnn_system *s = ctx;
  const size_t B = bodies (s);
  for (size_t b = 0; b < B; b++)
    for (size_t r = 0; r < K; r++)
      {
        G[r + K * b] = P[r + K * b] / s->par[b];
        G[r + K * (B + b)] = P[r + K * (B + b)] / s->par[b];
      }
  return HLNN_SUCCESS;
}

const hlnn_sys_class hlnn_sys_two_body = {
  "two_body", 4, HLNN_FORM_HAMILTONIAN, 0, 3, "m1,m2,G", { 1.0, 1.0, 1.0 },
  0x3u,
  nbody_H, nbody_H, nbody_field, nbody_dVdq, nbody_dTdp, NULL
};

const hlnn_sys_class hlnn_sys_three_body = {
  "three_body", 6, HLNN_FORM_HAMILTONIAN, 0, 4, "m1,m2,m3,G",
  { 1.0, 1.0, 1.0, 1.0 }, 0x7u,
  nbody_H, nbody_H, nbody_field, nbody_dVdq, nbody_dTdp, NULL
};
