/* sys_oscillators.c -- one-degree-of-freedom systems: spring, damped
 * spring, pendulum (state [q p], K x 2 column-major).
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <math.h>
#include "hlnn_status.h"
#include "sys_impl.h"

/* ---- spring: H = p^2/(2m) + k q^2/2; par = k, m ---------------------- */
static int
spring_H (const hlnn_system *s, size_t K, const double *X, double *E)
{
  const double k = s->par[0], m = s->par[1];
  for (size_t r = 0; r < K; r++)
    {
      const double q = X[r], p = X[K + r];
      E[r] = 0.5 * p * p / m + 0.5 * k * q * q;
    }
  return HLNN_SUCCESS;
}

static int
spring_field (const hlnn_system *s, size_t K, const double *X, double *F)
{
  const double k = s->par[0], m = s->par[1];
  /* damped_spring shares this with its friction b in par[2] */
  const double b = s->id == HLNN_SYS_DAMPED_SPRING ? s->par[2] : 0.0;
  for (size_t r = 0; r < K; r++)
    {
      const double q = X[r], v = X[K + r] / m;
      F[r] = v;
      F[K + r] = -k * q - b * v;
    }
  return HLNN_SUCCESS;
}

static int
spring_dVdq (void *ctx, size_t K, const double *Q, double *G)
{
  const hlnn_system *s = ctx;
  for (size_t r = 0; r < K; r++)
    G[r] = s->par[0] * Q[r];
  return HLNN_SUCCESS;
}

static int
mass_dTdp (void *ctx, size_t K, const double *P, double *G)
{
  const hlnn_system *s = ctx;
  const double m = s->id == HLNN_SYS_PENDULUM
                   ? s->par[0] * s->par[1] * s->par[1] : s->par[1];
  for (size_t r = 0; r < K; r++)
    G[r] = P[r] / m;
  return HLNN_SUCCESS;
}

const hlnn_sys_class hlnn_sys_spring = {
  "spring", 1, HLNN_FORM_HAMILTONIAN, 0, 2, "k,m", { 2.0, 0.5 }, 0x3u,
  spring_H, spring_H, spring_field, spring_dVdq, mass_dTdp, NULL
};

const hlnn_sys_class hlnn_sys_damped_spring = {
  "damped_spring", 1, HLNN_FORM_HAMILTONIAN, 1, 3, "k,m,b",
  { 2.0, 0.5, 0.1 }, 0x3u,
  spring_H, spring_H, spring_field, NULL, NULL, NULL
};

/* ---- pendulum: H = p^2/(2 m l^2) + m g l (1 - cos q); par = m, l, g ---- */
static int
pendulum_H (const hlnn_system *s, size_t K, const double *X, double *E)
{
  const double m = s->par[0], l = s->par[1], g = s->par[2];
  const double I = m * l * l, mgl = m * g * l;
  for (size_t r = 0; r < K; r++)
    {
      const double q = X[r], p = X[K + r];
      E[r] = 0.5 * p * p / I + mgl * (1.0 - cos (q));
    }
  return HLNN_SUCCESS;
}

static int
pendulum_field (const hlnn_system *s, size_t K, const double *X, double *F)
{
  const double m = s->par[0], l = s->par[1], g = s->par[2];
  const double I = m * l * l, mgl = m * g * l;
  for (size_t r = 0; r < K; r++)
    {
      F[r] = X[K + r] / I;
      F[K + r] = -mgl * sin (X[r]);
    }
  return HLNN_SUCCESS;
}

static int
pendulum_dVdq (void *ctx, size_t K, const double *Q, double *G)
{
  const hlnn_system *s = ctx;
  const double mgl = s->par[0] * s->par[2] * s->par[1];
  for (size_t r = 0; r < K; r++)
    G[r] = mgl * sin (Q[r]);
  return HLNN_SUCCESS;
}

const hlnn_sys_class hlnn_sys_pendulum = {
  "pendulum", 1, HLNN_FORM_HAMILTONIAN, 0, 3, "m,l,g", { 0.5, 1.0, 6.0 },
  0x3u,
  pendulum_H, pendulum_H, pendulum_field, pendulum_dVdq, mass_dTdp, NULL
};
