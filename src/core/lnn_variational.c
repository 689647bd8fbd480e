/* lnn_variational.c -- midpoint variational integrator for a learned
 * Lagrangian (maths and contract in lnn_variational.h).
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Both implicit equations of a step have the form
 *     L_v(X) + c L_q(X) = target,
 *     X = (alpha_q y + beta_q, alpha_v y + beta_v)
 * in the unknown y (n per trajectory):
 *   step      y = q1, X = ((q0 + y)/2, (y - q0)/h), c = -h/2, target p0;
 *   Legendre  y = qdot, X = (q1, y), c = 0, target p1,
 * so one Newton routine serves both; its Jacobian column k is
 * [H u_k]_v + c [H u_k]_q with u_k = (alpha_q e_k, alpha_v e_k). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_linalg.h>
#include "hlnn_status.h"
#include "finite.h"
#include "lnn_variational.h"
#include "period.h"

struct hlnn_lnn_vi_work {
  hlnn_lnn *l;
  size_t K, n;
  double *q0, *p0, *q1, *p1, *v, *qd;   /* K x n each, column-major */
  size_t *act;                          /* trajectories still iterating */
  size_t *sel;                          /* trajectories to solve for */
  gsl_matrix *J;
  gsl_permutation *perm;
  gsl_vector *r, *dy;
};

/* The step equation, the Legendre map at q1 (its branch), and the
 * Legendre map at q1 taken on the branch of q0. */
typedef enum { EQ_STEP, EQ_LEGENDRE, EQ_LEGENDRE_PREV } equation;

hlnn_lnn_vi_work *
hlnn_lnn_vi_alloc (hlnn_lnn *l, size_t K)
{
  if (!l || K == 0)
    return NULL;
  hlnn_lnn_vi_work *w = calloc (1, sizeof *w);
  if (!w)
    return NULL;
  w->l = l;
  w->K = K;
  w->n = l->n;
  double **vecs[] = { &w->q0, &w->p0, &w->q1, &w->p1, &w->v, &w->qd };
  for (size_t i = 0; i < sizeof vecs / sizeof vecs[0]; i++)
    *vecs[i] = malloc (K * w->n * sizeof (double));
  w->act = malloc (K * sizeof (size_t));
  w->sel = malloc (K * sizeof (size_t));
  w->J = gsl_matrix_alloc (w->n, w->n);
  w->perm = gsl_permutation_alloc (w->n);
  w->r = gsl_vector_alloc (w->n);
  w->dy = gsl_vector_alloc (w->n);
  if (!w->q0 || !w->p0 || !w->q1 || !w->p1 || !w->v || !w->qd || !w->act
      || !w->sel
      || !w->J || !w->perm || !w->r || !w->dy)
    {
      hlnn_lnn_vi_free (w);
      return NULL;
    }
  return w;
}

void
hlnn_lnn_vi_free (hlnn_lnn_vi_work *w)
{
  if (!w)
    return;
  free (w->q0); free (w->p0); free (w->q1); free (w->p1);
  free (w->v); free (w->qd); free (w->act); free (w->sel);
  if (w->J) gsl_matrix_free (w->J);
  if (w->perm) gsl_permutation_free (w->perm);
  if (w->r) gsl_vector_free (w->r);
  if (w->dy) gsl_vector_free (w->dy);
  free (w);
}

/* l->X (m rows) at the trajectories act[0..m-1] for equation eq with
 * unknown y; h is the step. */
static void
fill_points (hlnn_lnn_vi_work *w, equation eq, const double *y, double h,
             const size_t *act, size_t m)
{
  const size_t K = w->K, n = w->n;
  double *X = w->l->X;
  for (size_t k = 0; k < n; k++)
    for (size_t i = 0; i < m; i++)
      {
        const size_t r = act[i] + k * K;
        if (eq == EQ_STEP)
          {
            /* The midpoint on the branch of the step's start: wrapped on
             * its own it would jump by a period when the step crosses the
             * seam, and with it L (a network is periodic only up to its
             * error), so Newton's method could fail there. */
            X[i + k * m] = 0.5 * (w->q0[r] + y[r])
                           - hlnn_period_turn (w->q0[r], w->l->period[k]);
            X[i + (n + k) * m] = (y[r] - w->q0[r]) / h;
          }
        else
          {
            const double ref = eq == EQ_LEGENDRE ? w->q1[r] : w->q0[r];
            X[i + k * m] = w->q1[r] - hlnn_period_turn (ref, w->l->period[k]);
            X[i + (n + k) * m] = y[r];
          }
      }
}

/* hlnn_lnn_chunk_derivs, counted: hess = 0 for the gradient alone. */
static int
derivs (hlnn_lnn *l, const double *theta, size_t m, int hess, double aq,
        double av, hlnn_rollout_stats *st)
{
  st->calls++;
  st->rows += m;
  return hlnn_lnn_chunk_derivs (l, theta, m, hess ? 1 : 0, aq, av);
}

/* One Newton update of trajectory act[i] (row i of the chunk of m rows):
 * y += dy; *done when |dy| <= tol max(1, |y|). */
static int
newton_update (hlnn_lnn_vi_work *w, size_t m, size_t i, size_t j, double c,
               const double *target, double *y, double tol, int *done)
{
  const size_t K = w->K, n = w->n, d = w->l->d, ld = w->l->nmax * d;
  const double *G = w->l->G, *H = w->l->H;
  for (size_t a = 0; a < n; a++)
    {
      gsl_vector_set (w->r, a, -(G[i + (n + a) * m] + c * G[i + a * m]
                                 - target[j + a * K]));
      for (size_t k = 0; k < n; k++)
        gsl_matrix_set (w->J, a, k, H[k * ld + i + (n + a) * m]
                                    + c * H[k * ld + i + a * m]);
    }
  int signum;
  gsl_linalg_LU_decomp (w->J, w->perm, &signum);
  for (size_t a = 0; a < n; a++)
    {
      const double u = gsl_matrix_get (w->J, a, a);
      if (u == 0.0 || !isfinite (u))
        return HLNN_ESING;
    }
  gsl_linalg_LU_solve (w->J, w->perm, w->r, w->dy);
  double step = 0.0, size = 1.0;
  for (size_t a = 0; a < n; a++)
    {
      double *ya = y + j + a * K;
      *ya += gsl_vector_get (w->dy, a);
      if (!isfinite (*ya))
        return HLNN_ENAN;
      step = fmax (step, fabs (gsl_vector_get (w->dy, a)));
      size = fmax (size, fabs (*ya));
    }
  *done = step <= tol * size;
  return HLNN_SUCCESS;
}

/* The trajectories sel[0..ns-1], or all K when sel is NULL, into act. */
static size_t
activate (hlnn_lnn_vi_work *w, const size_t *sel, size_t ns)
{
  const size_t na = sel ? ns : w->K;
  for (size_t k = 0; k < na; k++)
    w->act[k] = sel ? sel[k] : k;
  return na;
}

/* Solve equation eq for y by Newton's method, for the trajectories
 * sel[0..ns-1] (sel NULL: all K). */
static int
newton (hlnn_lnn_vi_work *w, const double *theta, equation eq, double h,
        const double *target, double *y, const hlnn_rollout_opts *o,
        hlnn_rollout_stats *st, const size_t *sel, size_t ns)
{
  hlnn_lnn *l = w->l;
  const double aq = eq == EQ_STEP ? 0.5 : 0.0, av = eq == EQ_STEP ? 1.0 / h
                                                                  : 1.0;
  const double c = eq == EQ_STEP ? -0.5 * h : 0.0;
  size_t na = activate (w, sel, ns);
  for (size_t it = 1; na > 0; it++)
    {
      if (it > o->solve_maxit)
        return HLNN_EMAXIT;
      size_t keep = 0;
      for (size_t i0 = 0; i0 < na; i0 += l->nmax)
        {
          const size_t m = na - i0 < l->nmax ? na - i0 : l->nmax;
          const size_t *act = w->act + i0;
          fill_points (w, eq, y, h, act, m);
          int status = derivs (l, theta, m, 1, aq, av, st);
          if (status)
            return status;
          for (size_t i = 0; i < m; i++)
            {
              int done;
              const size_t j = act[i];
              status = newton_update (w, m, i, j, c, target, y,
                                      o->solve_tol, &done);
              if (status)
                return status;
              if (eq == EQ_STEP)
                {
                  st->iters++;
                  if (done && it > st->iters_max)
                    st->iters_max = it;
                }
              if (!done)
                w->act[keep++] = j;   /* keep <= i0 + i: no clobbering */
            }
        }
      na = keep;
    }
  return HLNN_SUCCESS;
}

/* out = L_v + c L_q at the points of equation eq (gradient only), for
 * the trajectories sel[0..ns-1] (sel NULL: all K). */
static int
momenta (hlnn_lnn_vi_work *w, const double *theta, equation eq, double h,
         const double *y, double c, double *out, hlnn_rollout_stats *st,
         const size_t *sel, size_t ns)
{
  hlnn_lnn *l = w->l;
  const size_t K = w->K, n = w->n, na = activate (w, sel, ns);
  for (size_t i0 = 0; i0 < na; i0 += l->nmax)
    {
      const size_t m = na - i0 < l->nmax ? na - i0 : l->nmax;
      fill_points (w, eq, y, h, w->act + i0, m);
      int status = derivs (l, theta, m, 0, 0.0, 0.0, st);
      if (status)
        return status;
      for (size_t a = 0; a < n; a++)
        for (size_t i = 0; i < m; i++)
          out[w->act[i0 + i] + a * K] = l->G[i + (n + a) * m]
                                        + c * l->G[i + a * m];
    }
  return HLNN_SUCCESS;
}

static void
store (const hlnn_lnn_vi_work *w, size_t T, size_t i, const double *q,
       const double *qd, double *Xs)
{
  const size_t K = w->K, n = w->n, d = 2 * n;
  for (size_t k = 0; k < K; k++)
    for (size_t a = 0; a < n; a++)
      {
        Xs[i + T * (a + d * k)] = q[k + a * K];
        Xs[i + T * (n + a + d * k)] = qd[k + a * K];
      }
}

/* A trajectory whose step ended on another branch of a periodic
 * coordinate than it started on goes on from (q1, qdot1) in the new
 * chart: qdot1 from the Legendre map on the old branch, where the step
 * computed p1, then p1 = L_v on the new one.  For a periodic L nothing
 * changes; for a network, periodic only up to its error, p1 would
 * otherwise jump by that error, and the next step or the output's
 * Legendre map could have no solution. */
static int
restart_at_seams (hlnn_lnn_vi_work *w, const double *theta,
                  const hlnn_rollout_opts *o, hlnn_rollout_stats *st)
{
  const size_t K = w->K, n = w->n;
  size_t nc = 0;
  for (size_t k = 0; k < K; k++)
    for (size_t a = 0; a < n; a++)
      {
        const double P = w->l->period[a];
        if (hlnn_period_turn (w->q1[k + a * K], P)
            != hlnn_period_turn (w->q0[k + a * K], P))
          {
            w->sel[nc++] = k;
            break;
          }
      }
  if (nc == 0)
    return HLNN_SUCCESS;
  memcpy (w->qd, w->v, K * n * sizeof (double));
  int status = newton (w, theta, EQ_LEGENDRE_PREV, 1.0, w->p0, w->qd, o, st,
                       w->sel, nc);
  if (status)
    return status;
  return momenta (w, theta, EQ_LEGENDRE, 1.0, w->qd, 0.0, w->p0, st, w->sel,
                  nc);
}

int
hlnn_lnn_vi_rollout (hlnn_lnn_vi_work *w, const double *theta,
                     const double *X0, size_t T, const double *t,
                     const hlnn_rollout_opts *o, double *Xs,
                     hlnn_rollout_stats *st)
{
  hlnn_rollout_stats scratch;
  if (!st)
    st = &scratch;
  memset (st, 0, sizeof *st);
  const size_t K = w->K, n = w->n, Kn = K * n;
  if (T == 0 || o->solve_maxit == 0 || !(o->solve_tol > 0))
    return HLNN_EDOM;
  if (!hlnn_increasing_finite (T, t) || !hlnn_all_finite (2 * Kn, X0))
    return HLNN_EDOM;
  if (!hlnn_lnn_periods_ok (w->l))
    return HLNN_EDOM;
  memcpy (w->q1, X0, Kn * sizeof (double));
  memcpy (w->v, X0 + Kn, Kn * sizeof (double));
  store (w, T, 0, w->q1, w->v, Xs);
  /* p0 = L_v(q, qdot): the Legendre point with y = qdot */
  int status = momenta (w, theta, EQ_LEGENDRE, 1.0, w->v, 0.0, w->p0, st,
                        NULL, 0);
  for (size_t i = 1; i < T && status == HLNN_SUCCESS; i++)
    {
      const size_t ns = hlnn_rollout_substeps (t[i] - t[i - 1], o->step);
      const double h = (t[i] - t[i - 1]) / (double) ns;
      for (size_t s = 0; s < ns && status == HLNN_SUCCESS; s++)
        {
          memcpy (w->q0, w->q1, Kn * sizeof (double));
          for (size_t r = 0; r < Kn; r++)
            w->q1[r] = w->q0[r] + h * w->v[r];
          status = newton (w, theta, EQ_STEP, h, w->p0, w->q1, o, st, NULL,
                           0);
          if (!status)
            status = momenta (w, theta, EQ_STEP, h, w->q1, 0.5 * h, w->p0,
                              st, NULL, 0);
          for (size_t r = 0; r < Kn; r++)
            w->v[r] = (w->q1[r] - w->q0[r]) / h;
          if (!status)
            status = restart_at_seams (w, theta, o, st);
          st->steps++;
        }
      if (status)
        break;
      memcpy (w->qd, w->v, Kn * sizeof (double));
      status = newton (w, theta, EQ_LEGENDRE, h, w->p0, w->qd, o, st, NULL,
                       0);
      if (!status)
        store (w, T, i, w->q1, w->qd, Xs);
    }
  return status;
}
