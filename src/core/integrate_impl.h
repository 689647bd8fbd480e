/* integrate_impl.h -- the rollout workspace and the steppers that share it
 * (private to libhlnn's integrate unit).
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#ifndef HLNN_INTEGRATE_IMPL_H
#define HLNN_INTEGRATE_IMPL_H

#include <gsl/gsl_permutation.h>
#include "integrate.h"
#include "finite.h"

struct hlnn_rollout_work {
  hlnn_method method;
  size_t K, d;
  double *x;                  /* K x d current state */

  /* RK4: four slopes and a stage state, K x d each */
  double *k1, *k2, *k3, *k4, *y;

  /* Gauss methods: s stages; per stage a K x d block of Z, of stage inputs
   * Y and of field values G (Y, G blocks hold only the active rows). */
  size_t s;
  const double *A, *c, *bw;   /* Butcher A (s x s row-major), nodes, x-update
                                 weights b^T A^-1 applied to Z */
  const double *E;            /* stage extrapolation (s x s row-major) */
  double h_prev;              /* step of the Z in place, 0 if none */
  double *Z, *Y, *G;
  double *zrow, *rhs;         /* one trajectory's s d stage vector */
  double *dprev;              /* previous update size per trajectory */
  size_t *act, *iters;
  unsigned char *ok;          /* reached solve_tol */
  /* simplified Newton, allocated on first use */
  double *J, *LU, *fdY, *fdF;
  gsl_permutation **perm;

  /* Stormer-Verlet: dH/dq at the current q (valid flag), dH/dp */
  double *gq, *gp;
  int gq_valid;
};

int hlnn_step_rk4 (hlnn_rollout_work *w, const hlnn_field *f, double t,
                   double h, hlnn_rollout_stats *st);
int hlnn_step_gauss (hlnn_rollout_work *w, const hlnn_field *f,
                     const hlnn_rollout_opts *o, double t, double h,
                     hlnn_rollout_stats *st);
int hlnn_step_verlet (hlnn_rollout_work *w, const hlnn_separable *sep,
                      double h, hlnn_rollout_stats *st);
int hlnn_gauss_newton_alloc (hlnn_rollout_work *w);
void hlnn_gauss_setup (hlnn_rollout_work *w);

int hlnn_rollout_odeiv2 (hlnn_rollout_work *w, const hlnn_field *f,
                         const hlnn_rollout_opts *o, const double *X0,
                         size_t T, const double *t, double *Xs,
                         hlnn_rollout_stats *st);

/* Copy the K x d batch x into time slot i of Xs (T x d x K). */
void hlnn_rollout_store (size_t K, size_t d, const double *x, size_t T,
                         size_t i, double *Xs);

#endif
