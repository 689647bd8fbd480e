/* step_gauss.c -- Gauss-Legendre collocation steps (implicit midpoint,
 * s = 1, order 2; 2-stage Gauss-Legendre, s = 2, order 4) for any field,
 * by fixed-point or simplified-Newton iteration on the stage increments.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Unknowns Z_i = x_i - x_n (stage increments), equations
 *   Z_i = h sum_l A_il F(t + c_l h, x_n + Z_l),
 * and x_{n+1} = x_n + sum_i bw_i Z_i with bw = b^T A^-1, which avoids
 * one more field call and is what Hairer, Lubich & Wanner (GNI, VIII.6)
 * recommend for round-off.  Both methods are symplectic and symmetric,
 * so with the stage equations solved to round-off the energy error of a
 * Hamiltonian field stays bounded instead of drifting.
 *
 * Start: after a step of the same size, the previous step's collocation
 * polynomial extrapolated to the new nodes (GNI VIII.6.1), which saves
 * about a third of the iterations; otherwise Z_i = c_i h F(t, x_n) (one
 * call; the first fixed-point iterate from Z = 0 for an autonomous field,
 * at 1/s of its cost).
 * Iteration, per trajectory, to round-off (see integrate.h):
 *   fixed point   Z <- h (A x I) G,  G_l = F(x_n + Z_l)
 *   Newton        Z <- Z + M^-1 (h (A x I) G - Z),  M = I - h (A x J),
 *                 J = dF/dx at x_n, M LU-factored once per step.
 * A trajectory that has converged leaves the active set: its Z is final
 * and the remaining ones are evaluated as a smaller batch.  This keeps a
 * batched rollout identical to single ones (no trajectory iterates more
 * because another needs to) and saves field rows. */
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include "hlnn_status.h"
#include "integrate_impl.h"

/* sqrt(3)/6 */
#define R36 0.28867513459481288225
static const double mid_A[1] = { 0.5 }, mid_c[1] = { 0.5 }, mid_bw[1] = { 2.0 };
static const double gl4_A[4] = { 0.25, 0.25 - R36, 0.25 + R36, 0.25 };
static const double gl4_c[2] = { 0.5 - R36, 0.5 + R36 };
/* b^T A^-1 = (-sqrt 3, sqrt 3) */
static const double gl4_bw[2] = { -1.7320508075688772935,
                                  1.7320508075688772935 };
/* Extrapolation E (s x s row-major): the collocation polynomial u with
 * u(0) = x_n, u(c_i) = x_n + Z_i (time in units of h) gives the guess
 * Z_j' = u(1 + c_j) - x_{n+1} = sum_i (l_i(1 + c_j) - bw_i) Z_i, l_i the
 * Lagrange basis on the nodes {0, c_1..c_s}.  Midpoint: u is linear and
 * E = 1. */
static const double mid_E[1] = { 1.0 };
static double gl4_E[4];

static void
gl4_extrapolation (void)
{
  const double c1 = gl4_c[0], c2 = gl4_c[1];
  for (int j = 0; j < 2; j++)
    {
      const double th = 1.0 + gl4_c[j];
      const double l1 = th * (th - c2) / (c1 * (c1 - c2));
      const double l2 = th * (th - c1) / (c2 * (c2 - c1));
      gl4_E[j * 2 + 0] = l1 - gl4_bw[0];
      gl4_E[j * 2 + 1] = l2 - gl4_bw[1];
    }
}

void
hlnn_gauss_setup (hlnn_rollout_work *w)
{
  if (w->method == HLNN_METHOD_MIDPOINT)
    {
      w->s = 1; w->A = mid_A; w->c = mid_c; w->bw = mid_bw; w->E = mid_E;
    }
  else
    {
      gl4_extrapolation ();
      w->s = 2; w->A = gl4_A; w->c = gl4_c; w->bw = gl4_bw; w->E = gl4_E;
    }
}

int
hlnn_gauss_newton_alloc (hlnn_rollout_work *w)
{
  if (w->perm)
    return HLNN_SUCCESS;
  const size_t K = w->K, d = w->d, sd = w->s * d;
  w->J = malloc (K * d * d * sizeof (double));
  w->LU = malloc (K * sd * sd * sizeof (double));
  w->fdY = malloc (2 * K * d * sizeof (double));
  w->fdF = malloc (2 * K * d * sizeof (double));
  w->perm = calloc (K, sizeof *w->perm);
  if (!w->J || !w->LU || !w->fdY || !w->fdF || !w->perm)
    goto fail;
  for (size_t k = 0; k < K; k++)
    if (!(w->perm[k] = gsl_permutation_alloc (sd)))
      goto fail;
  return HLNN_SUCCESS;
fail:
  /* leave the workspace as if never tried: hlnn_rollout_free copes */
  if (w->perm)
    for (size_t k = 0; k < K; k++)
      if (w->perm[k])
        gsl_permutation_free (w->perm[k]);
  free (w->perm); free (w->J); free (w->LU); free (w->fdY); free (w->fdF);
  w->perm = NULL; w->J = w->LU = w->fdY = w->fdF = NULL;
  return HLNN_ENOMEM;
}

/* M_k = I - h (A x J_k) for every trajectory, LU-factored in place. */
static int
newton_matrices (hlnn_rollout_work *w, const hlnn_field *f,
                 const hlnn_rollout_opts *o, double t, double h,
                 hlnn_rollout_stats *st)
{
  const size_t K = w->K, d = w->d, s = w->s, sd = s * d;
  int status;
  if (o->jac)
    {
      status = o->jac (f->ctx, t, K, w->x, w->J);
      st->calls++;
      st->rows += K;
    }
  else
    {
      status = hlnn_field_fdjac (f, t, K, w->x, w->J, w->fdY, w->fdF);
      st->calls += d;
      st->rows += 2 * K * d;
    }
  if (status)
    return status;
  for (size_t k = 0; k < K; k++)
    {
      double *M = w->LU + k * sd * sd;
      for (size_t i = 0; i < s; i++)
        for (size_t a = 0; a < d; a++)
          for (size_t l = 0; l < s; l++)
            for (size_t b = 0; b < d; b++)
              M[(i * d + a) * sd + l * d + b] =
                (i * d + a == l * d + b ? 1.0 : 0.0)
                - h * w->A[i * s + l] * w->J[k + K * (a + d * b)];
      gsl_matrix_view mv = gsl_matrix_view_array (M, sd, sd);
      int signum;
      if (gsl_linalg_LU_decomp (&mv.matrix, w->perm[k], &signum))
        return HLNN_ESING;
    }
  return HLNN_SUCCESS;
}

int
hlnn_step_gauss (hlnn_rollout_work *w, const hlnn_field *f,
                 const hlnn_rollout_opts *o, double t, double h,
                 hlnn_rollout_stats *st)
{
  const size_t K = w->K, d = w->d, s = w->s, Kd = K * d, sd = s * d;
  const double *A = w->A, *c = w->c;
  double *x = w->x, *Z = w->Z, *Y = w->Y, *G = w->G;
  const int newton = o->solve == HLNN_SOLVE_NEWTON;
  const double tol = o->solve_tol;
  int status;

  if (w->h_prev == h)
    {
      /* Z of the previous step is still in place; G is free scratch */
      for (size_t e = 0; e < s * Kd; e++)
        G[e] = Z[e];
      for (size_t j = 0; j < s; j++)
        for (size_t e = 0; e < Kd; e++)
          {
            double acc = 0.0;
            for (size_t i = 0; i < s; i++)
              acc += w->E[j * s + i] * G[i * Kd + e];
            Z[j * Kd + e] = acc;
          }
    }
  else
    {
      if ((status = f->f (f->ctx, t, K, x, G)))
        return status;
      st->calls++;
      st->rows += K;
      for (size_t i = 0; i < s; i++)
        for (size_t e = 0; e < Kd; e++)
          Z[i * Kd + e] = c[i] * h * G[e];
    }
  w->h_prev = 0.0;   /* Z is only valid for extrapolation after success */
  if (newton && (status = newton_matrices (w, f, o, t, h, st)))
    return status;

  size_t nact = K;
  for (size_t k = 0; k < K; k++)
    {
      w->act[k] = k;
      w->dprev[k] = HUGE_VAL;
      w->iters[k] = 0;
      w->ok[k] = 0;
    }
  for (size_t it = 0; it < o->solve_maxit && nact > 0; it++)
    {
      for (size_t i = 0; i < s; i++)
        {
          double *Yi = Y + i * Kd;
          const double *Zi = Z + i * Kd;
          for (size_t j = 0; j < d; j++)
            for (size_t r = 0; r < nact; r++)
              {
                const size_t k = w->act[r];
                Yi[r + nact * j] = x[k + K * j] + Zi[k + K * j];
              }
          if ((status = f->f (f->ctx, t + c[i] * h, nact, Yi, G + i * Kd)))
            return status;
          st->calls++;
          st->rows += nact;
        }
      size_t keep = 0;
      for (size_t r = 0; r < nact; r++)
        {
          const size_t k = w->act[r];
          double *zn = w->zrow;
          for (size_t i = 0; i < s; i++)
            for (size_t j = 0; j < d; j++)
              {
                double acc = 0.0;
                for (size_t l = 0; l < s; l++)
                  acc += A[i * s + l] * G[l * Kd + r + nact * j];
                zn[i * d + j] = h * acc;
              }
          if (newton)
            {
              for (size_t i = 0; i < s; i++)
                for (size_t j = 0; j < d; j++)
                  w->rhs[i * d + j] = zn[i * d + j] - Z[i * Kd + k + K * j];
              gsl_matrix_view mv = gsl_matrix_view_array (w->LU + k * sd * sd,
                                                          sd, sd);
              gsl_vector_view rv = gsl_vector_view_array (w->rhs, sd);
              if (gsl_linalg_LU_svx (&mv.matrix, w->perm[k], &rv.vector))
                return HLNN_ESING;
              for (size_t i = 0; i < s; i++)
                for (size_t j = 0; j < d; j++)
                  zn[i * d + j] = Z[i * Kd + k + K * j] + w->rhs[i * d + j];
            }
          double delta = 0.0, scale = 1.0;
          for (size_t j = 0; j < d; j++)
            if (fabs (x[k + K * j]) > scale)
              scale = fabs (x[k + K * j]);
          for (size_t i = 0; i < s; i++)
            for (size_t j = 0; j < d; j++)
              {
                double *z = Z + i * Kd + k + K * j;
                const double dz = fabs (zn[i * d + j] - *z);
                if (!(dz <= delta))
                  delta = dz;      /* NaN sticks: never converges */
                if (fabs (zn[i * d + j]) > scale)
                  scale = fabs (zn[i * d + j]);
                *z = zn[i * d + j];
              }
          w->iters[k]++;
          /* below solve_tol: stop once the update no longer shrinks
           * (round-off) or vanishes; at the cap, reaching solve_tol is
           * enough */
          const int small = delta <= tol * scale;
          const int done = small && (delta == 0 || delta >= w->dprev[k]
                                     || w->iters[k] >= o->solve_maxit);
          w->ok[k] = small;
          w->dprev[k] = delta;
          if (!done)
            w->act[keep++] = k;
        }
      nact = keep;
    }
  for (size_t k = 0; k < K; k++)
    {
      st->iters += w->iters[k];
      if (w->iters[k] > st->iters_max)
        st->iters_max = w->iters[k];
    }
  for (size_t r = 0; r < nact; r++)
    if (!w->ok[w->act[r]])
      return HLNN_EMAXIT;
  for (size_t e = 0; e < Kd; e++)
    {
      double acc = 0.0;
      for (size_t i = 0; i < s; i++)
        acc += w->bw[i] * Z[i * Kd + e];
      x[e] += acc;
    }
  w->h_prev = h;
  return HLNN_SUCCESS;
}
