/* sys_double_pendulum.c -- planar double pendulum in Lagrangian form,
 * state [q1 q2 w1 w2] (angles from the downward vertical, rates).
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * par = m1, m2, l1, l2, g.  With D = q1 - q2 the Euler-Lagrange equations
 * are M(q) a = r(q, w):
 *   M = [(m1+m2) l1^2,  m2 l1 l2 cos D;  m2 l1 l2 cos D,  m2 l2^2]
 *   r = [-m2 l1 l2 w2^2 sin D - (m1+m2) g l1 sin q1;
 *         m2 l1 l2 w1^2 sin D - m2 g l2 sin q2]
 * det M = m2 l1^2 l2^2 (m1 + m2 sin^2 D) > 0, solved in closed form.
 * The acceleration depends on w, so leapfrog does not apply. */
#include <math.h>
#include "hlnn_status.h"
#include "sys_impl.h"

typedef struct {
  double T, V;
} dp_energy;

static dp_energy
dp_parts (const hlnn_system *s, double q1, double q2, double w1, double w2)
{
  const double m1 = s->par[0], m2 = s->par[1], l1 = s->par[2],
               l2 = s->par[3], g = s->par[4];
  dp_energy e;
  e.T = 0.5 * (m1 + m2) * l1 * l1 * w1 * w1 + 0.5 * m2 * l2 * l2 * w2 * w2
        + m2 * l1 * l2 * w1 * w2 * cos (q1 - q2);
  e.V = -(m1 + m2) * g * l1 * cos (q1) - m2 * g * l2 * cos (q2);
  return e;
}

static int
dp_L (const hlnn_system *s, size_t K, const double *X, double *E)
{
  for (size_t r = 0; r < K; r++)
    {
      const dp_energy e = dp_parts (s, X[r], X[K + r], X[2 * K + r],
                                    X[3 * K + r]);
      E[r] = e.T - e.V;
    }
  return HLNN_SUCCESS;
}

static int
dp_energy_fn (const hlnn_system *s, size_t K, const double *X, double *E)
{
  for (size_t r = 0; r < K; r++)
    {
      const dp_energy e = dp_parts (s, X[r], X[K + r], X[2 * K + r],
                                    X[3 * K + r]);
      E[r] = e.T + e.V;
    }
  return HLNN_SUCCESS;
}

static int
dp_field (const hlnn_system *s, size_t K, const double *X, double *F)
{
  const double m1 = s->par[0], m2 = s->par[1], l1 = s->par[2],
               l2 = s->par[3], g = s->par[4];
  for (size_t r = 0; r < K; r++)
    {
      const double q1 = X[r], q2 = X[K + r], w1 = X[2 * K + r],
                   w2 = X[3 * K + r];
      const double sD = sin (q1 - q2), cD = cos (q1 - q2);
      const double M11 = (m1 + m2) * l1 * l1, M12 = m2 * l1 * l2 * cD,
                   M22 = m2 * l2 * l2;
      const double r1 = -m2 * l1 * l2 * w2 * w2 * sD - (m1 + m2) * g * l1 * sin (q1);
      const double r2 = m2 * l1 * l2 * w1 * w1 * sD - m2 * g * l2 * sin (q2);
      const double det = m2 * l1 * l1 * l2 * l2 * (m1 + m2 * sD * sD);
      F[r] = w1;
      F[K + r] = w2;
      F[2 * K + r] = (M22 * r1 - M12 * r2) / det;
      F[3 * K + r] = (M11 * r2 - M12 * r1) / det;
    }
  return HLNN_SUCCESS;
}

static int
dp_dL (const hlnn_system *s, size_t K, const double *X, double *Lq,
       double *Lv)
{
  const double m1 = s->par[0], m2 = s->par[1], l1 = s->par[2],
               l2 = s->par[3], g = s->par[4];
  for (size_t r = 0; r < K; r++)
    {
      const double q1 = X[r], q2 = X[K + r], w1 = X[2 * K + r],
                   w2 = X[3 * K + r];
      const double sD = sin (q1 - q2), cD = cos (q1 - q2);
      const double c = m2 * l1 * l2;
      Lq[r] = -c * w1 * w2 * sD - (m1 + m2) * g * l1 * sin (q1);
      Lq[K + r] = c * w1 * w2 * sD - m2 * g * l2 * sin (q2);
      Lv[r] = (m1 + m2) * l1 * l1 * w1 + c * w2 * cD;
      Lv[K + r] = m2 * l2 * l2 * w2 + c * w1 * cD;
    }
  return HLNN_SUCCESS;
}

const hlnn_sys_class hlnn_sys_double_pendulum = {
  "double_pendulum", 2, HLNN_FORM_LAGRANGIAN, 0, 5, "m1,m2,l1,l2,g",
  { 1.0, 1.0, 1.0, 1.0, 9.8 }, 0xfu,
  dp_L, dp_energy_fn, dp_field, NULL, NULL, dp_dL
};
