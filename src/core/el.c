/* el.c -- per-sample Euler-Lagrange solves (policy in el.h).
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <float.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_linalg.h>
#include "el.h"
#include "hlnn_status.h"

enum { EL_NONE = 0, EL_CHOL, EL_LU };

void
hlnn_el_info_init (hlnn_el_info *info)
{
  info->samples = info->indefinite = info->negative_definite = 0;
  info->regularised = info->singular = 0;
  info->rcond_min = INFINITY;
}

void
hlnn_el_work_free (hlnn_el_work *w)
{
  if (!w)
    return;
  if (w->A) gsl_matrix_free (w->A);
  if (w->F) gsl_matrix_free (w->F);
  if (w->N) gsl_matrix_free (w->N);
  if (w->perm) gsl_permutation_free (w->perm);
  if (w->x) gsl_vector_free (w->x);
  if (w->work) gsl_vector_free (w->work);
  free (w->q);
  free (w->qd);
  free (w->Lq);
  free (w->Lqd);
  free (w->Ab);
  free (w->Bb);
  free (w->g);
  free (w->qdd);
  free (w);
}

hlnn_el_work *
hlnn_el_work_alloc (size_t n)
{
  if (n == 0)
    return NULL;
  hlnn_el_work *w = calloc (1, sizeof *w);
  if (!w)
    return NULL;
  w->n = n;
  w->A = gsl_matrix_alloc (n, n);
  w->F = gsl_matrix_alloc (n, n);
  w->N = gsl_matrix_alloc (n, n);
  w->perm = gsl_permutation_alloc (n);
  w->x = gsl_vector_alloc (n);
  w->work = gsl_vector_alloc (3 * n);
  w->q = malloc (n * sizeof (double));
  w->qd = malloc (n * sizeof (double));
  w->Lq = malloc (n * sizeof (double));
  w->Lqd = malloc (n * sizeof (double));
  w->Ab = malloc (n * n * sizeof (double));
  w->Bb = malloc (n * n * sizeof (double));
  w->g = malloc (n * sizeof (double));
  w->qdd = malloc (n * sizeof (double));
  if (!w->A || !w->F || !w->N || !w->perm || !w->x || !w->work || !w->q || !w->qd
      || !w->Lq || !w->Lqd || !w->Ab || !w->Bb || !w->g || !w->qdd)
    {
      hlnn_el_work_free (w);
      return NULL;
    }
  w->kind = EL_NONE;
  return w;
}

static double
norm1 (const gsl_matrix *M)
{
  double best = 0.0;
  for (size_t k = 0; k < M->size2; k++)
    {
      double s = 0.0;
      for (size_t j = 0; j < M->size1; j++)
        s += fabs (gsl_matrix_get (M, j, k));
      if (!(s <= best))
        best = s;           /* also propagates NaN */
    }
  return best;
}

/* M^-1 x in place for gsl_linalg_invnorm1; M is symmetric, so the
 * transposed solve is the same. */
static int
lu_inverse_apply (CBLAS_TRANSPOSE_t trans, gsl_vector *x, void *params)
{
  (void) trans;
  const hlnn_el_work *w = params;
  return gsl_linalg_LU_svx (w->F, w->perm, x);
}

/* Whether -A is positive definite (its Cholesky factorisation, in N:
 * F may hold A's LU factors). */
static int
negative_definite (hlnn_el_work *w)
{
  gsl_matrix_memcpy (w->N, w->A);
  gsl_matrix_scale (w->N, -1.0);
  return gsl_linalg_cholesky_decomp1 (w->N) == GSL_SUCCESS;
}

/* Factorise M = A + shift I into F (Cholesky, else LU); returns rcond of
 * M, 0 for an exactly singular LU. */
static double
factorise (hlnn_el_work *w, double shift)
{
  gsl_matrix *F = w->F;
  gsl_matrix_memcpy (F, w->A);
  for (size_t j = 0; j < w->n; j++)
    *gsl_matrix_ptr (F, j, j) += shift;
  const double mnorm = norm1 (F);
  const int chol = gsl_linalg_cholesky_decomp1 (F);
  double rcond = 0.0;
  if (chol == GSL_SUCCESS)
    {
      w->kind = EL_CHOL;
      gsl_linalg_cholesky_rcond (F, &rcond, w->work);
      return rcond;
    }
  gsl_matrix_memcpy (F, w->A);
  for (size_t j = 0; j < w->n; j++)
    *gsl_matrix_ptr (F, j, j) += shift;
  int signum;
  gsl_linalg_LU_decomp (F, w->perm, &signum);
  w->kind = EL_LU;
  for (size_t j = 0; j < w->n; j++)
    if (gsl_matrix_get (F, j, j) == 0.0)
      {
        w->kind = EL_NONE;
        return 0.0;
      }
  double inorm = 0.0;
  gsl_linalg_invnorm1 (w->n, lu_inverse_apply, w, &inorm, w->work);
  rcond = (isfinite (inorm) && inorm > 0.0) ? 1.0 / (mnorm * inorm) : 0.0;
  return rcond;
}

int
hlnn_el_factor (hlnn_el_work *w, const double *A, size_t lda, double r,
                hlnn_el_info *info)
{
  if (!(r >= 0.0) || !isfinite (r) || lda < w->n)
    return HLNN_EDOM;
  const size_t n = w->n;
  gsl_matrix *M = w->A;
  for (size_t k = 0; k < n; k++)
    for (size_t j = 0; j < n; j++)
      gsl_matrix_set (M, j, k, 0.5 * (A[j + k * lda] + A[k + j * lda]));
  w->kind = EL_NONE;
  info->samples++;
  const double anorm = norm1 (M);
  if (!(anorm > 0.0) || !isfinite (anorm))
    {
      info->singular++;
      info->rcond_min = 0.0;
      return HLNN_ESING;
    }
  double rcond = factorise (w, 0.0);
  if (w->kind != EL_CHOL)
    {
      info->indefinite++;
      if (negative_definite (w))
        info->negative_definite++;
    }
  if (rcond < info->rcond_min)
    info->rcond_min = rcond;
  if (w->kind != EL_NONE && rcond >= fmax (r, DBL_EPSILON))
    return HLNN_SUCCESS;
  if (r > 0.0)
    {
      rcond = factorise (w, r * anorm);
      if (w->kind != EL_NONE && rcond >= DBL_EPSILON)
        {
          info->regularised++;
          return HLNN_SUCCESS;
        }
    }
  w->kind = EL_NONE;
  info->singular++;
  return HLNN_ESING;
}

int
hlnn_el_solve (hlnn_el_work *w, const double *b, size_t incb, double *x,
               size_t incx)
{
  if (w->kind == EL_NONE)
    return HLNN_ESING;
  gsl_vector *v = w->x;
  for (size_t j = 0; j < w->n; j++)
    gsl_vector_set (v, j, b[j * incb]);
  if (w->kind == EL_CHOL)
    gsl_linalg_cholesky_svx (w->F, v);
  else
    gsl_linalg_LU_svx (w->F, w->perm, v);
  for (size_t j = 0; j < w->n; j++)
    x[j * incx] = gsl_vector_get (v, j);
  return HLNN_SUCCESS;
}

int
hlnn_el_accel1 (hlnn_el_work *w, double r, const double *qd,
                const double *Lq, const double *A, const double *B,
                double *qdd, hlnn_el_info *info)
{
  const size_t n = w->n;
  for (size_t j = 0; j < n; j++)
    {
      double s = Lq[j];
      for (size_t k = 0; k < n; k++)
        s -= B[j + k * n] * qd[k];
      w->g[j] = s;
    }
  int status = hlnn_el_factor (w, A, n, r, info);
  if (status == HLNN_SUCCESS)
    return hlnn_el_solve (w, w->g, 1, qdd, 1);
  if (status == HLNN_ESING)
    for (size_t j = 0; j < n; j++)
      qdd[j] = NAN;
  return status;
}

/* ---- analytic Lagrangians ------------------------------------------- */

int
hlnn_lagrangian_accel (const hlnn_lagrangian *lag, hlnn_el_work *w,
                       double r, size_t N, const double *Q, const double *Qd,
                       double *Qdd, hlnn_el_info *info)
{
  const size_t n = w->n;
  if (lag->n != n)
    return HLNN_EDOM;
  for (size_t i = 0; i < N; i++)
    {
      for (size_t j = 0; j < n; j++)
        {
          w->q[j] = Q[i + j * N];
          w->qd[j] = Qd[i + j * N];
        }
      double L;
      int status = lag->eval (lag->ctx, w->q, w->qd, &L, w->Lq, NULL, w->Ab,
                              w->Bb);
      if (status)
        return status;
      status = hlnn_el_accel1 (w, r, w->qd, w->Lq, w->Ab, w->Bb, w->qdd,
                               info);
      if (status != HLNN_SUCCESS && status != HLNN_ESING)
        return status;
      for (size_t j = 0; j < n; j++)
        Qdd[i + j * N] = w->qdd[j];
    }
  return HLNN_SUCCESS;
}

int
hlnn_lagrangian_energy (const hlnn_lagrangian *lag, hlnn_el_work *w,
                        size_t N, const double *Q, const double *Qd,
                        double *E)
{
  const size_t n = w->n;
  if (lag->n != n)
    return HLNN_EDOM;
  for (size_t i = 0; i < N; i++)
    {
      for (size_t j = 0; j < n; j++)
        {
          w->q[j] = Q[i + j * N];
          w->qd[j] = Qd[i + j * N];
        }
      double L;
      int status = lag->eval (lag->ctx, w->q, w->qd, &L, NULL, w->Lqd, NULL,
                              NULL);
      if (status)
        return status;
      double e = -L;
      for (size_t j = 0; j < n; j++)
        e += w->qd[j] * w->Lqd[j];
      E[i] = e;
    }
  return HLNN_SUCCESS;
}

int
hlnn_lagrangian_field_fn (void *ctx, double t, size_t K, const double *X,
                          double *F)
{
  (void) t;
  hlnn_lagrangian_field_ctx *c = ctx;
  const size_t n = c->lag->n;
  const size_t before = c->info.singular;
  memcpy (F, X + n * K, n * K * sizeof (double));
  int status = hlnn_lagrangian_accel (c->lag, c->w, c->r, K, X, X + n * K,
                                      F + n * K, &c->info);
  if (status)
    return status;
  return c->info.singular > before ? HLNN_ESING : HLNN_SUCCESS;
}
