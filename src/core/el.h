/* el.h -- Euler-Lagrange accelerations from the derivative blocks of a
 * Lagrangian, one small symmetric solve per sample.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * For L(q, qdot) with n degrees of freedom write
 *     A = d2L/dqdot2 (n x n, symmetric),  B(j,k) = d2L/dqdot_j dq_k,
 *     g = dL/dq - B qdot.
 * The Euler-Lagrange equations d/dt dL/dqdot = dL/dq read A qdd = g.
 *
 * Solve policy (per sample), with r = the regularisation parameter >= 0:
 *   1. A is symmetrised, (A + A')/2 (a computed Hessian is symmetric only
 *      up to rounding).  If ||A||_1 is 0 or not finite the sample is
 *      singular.
 *   2. A is factorised: Cholesky when it is positive definite, LU with
 *      partial pivoting otherwise ("indefinite" samples).  rcond is the
 *      reciprocal 1-norm condition number estimate 1/(||A||_1 ||A^-1||_1)
 *      (Hager-Higham estimate of ||A^-1||_1, gsl_linalg_invnorm1; 0 for
 *      an exactly zero LU pivot).
 *   3. rcond >= max(r, DBL_EPSILON): solve with A.
 *   4. Otherwise A is near-singular.  If r > 0, the sample is solved with
 *      the Tikhonov-shifted matrix A + lambda I, lambda = r ||A||_1
 *      (factorised as in step 2) and counted as regularised.  For a
 *      positive semi-definite A this bounds the condition number of the
 *      solved matrix by about 1/r.  If r = 0, or the shifted matrix is
 *      itself numerically singular (rcond < DBL_EPSILON, which can only
 *      happen for an indefinite A with an eigenvalue near -lambda), the
 *      sample is singular.
 * Singular samples get NaN accelerations and are counted: no answer is
 * ever silently made up.  lambda is relative to ||A||_1 so that the
 * policy does not depend on the units of L.
 *
 * GSL's Cholesky reports a matrix that is not positive definite through
 * its error handler, an expected outcome here: GSL's error handler must
 * be off (gsl_set_error_handler_off, as every MEX gateway does).  It is
 * a process-wide setting, so it is not switched off and back around the
 * call: training runs these solvers on several threads at once
 * (split.h), and one thread's restoring it would abort another's. */
#ifndef HLNN_EL_H
#define HLNN_EL_H

#include <stddef.h>

/* Default regularisation parameter r (the 'Regularization' option). */
#define HLNN_EL_REG_DEFAULT 1e-10

/* Counts over the samples of one or more calls (hlnn_el_info_init resets,
 * the solvers add). */
typedef struct {
  size_t samples;       /* samples solved or attempted */
  size_t indefinite;    /* A not positive definite: LU instead of Cholesky */
  size_t negative_definite;   /* of those, A negative definite: L and -L
                               * give the same motion, so a learned L is
                               * admissible with either sign */
  size_t regularised;   /* solved with A + lambda I (step 4) */
  size_t singular;      /* no usable solution: NaN accelerations */
  double rcond_min;     /* smallest rcond of A seen (+Inf if none) */
} hlnn_el_info;

void hlnn_el_info_init (hlnn_el_info *info);

/* Per-sample scratch for n degrees of freedom: the matrices and
 * permutation of the factorisation and the vectors the analytic path
 * hands to its callback, all allocated once here. */
typedef struct {
  size_t n;
  void *A, *F, *N;        /* gsl_matrix *: symmetrised A, its factor,
                           * scratch for the sign test of -A */
  void *perm;             /* gsl_permutation * (LU) */
  void *x, *work;         /* gsl_vector *: n (solves), 3n (rcond) */
  int kind;               /* factor held in F: see el.c */
  double *q, *qd, *Lq, *Lqd, *Ab, *Bb, *g, *qdd;   /* n or n x n */
} hlnn_el_work;

hlnn_el_work *hlnn_el_work_alloc (size_t n);
void hlnn_el_work_free (hlnn_el_work *w);

/* Factorise A (n x n, column-major, leading dimension lda) by the policy
 * above with parameter r, recording the outcome in info.  Returns
 * HLNN_SUCCESS, HLNN_ESING for a singular sample (counted; no factor is
 * held), or HLNN_EDOM when r is negative or not finite. */
int hlnn_el_factor (hlnn_el_work *w, const double *A, size_t lda, double r,
                    hlnn_el_info *info);

/* x = M^-1 b with M the matrix factorised by the last successful
 * hlnn_el_factor (A or A + lambda I; M is symmetric, so this is also
 * M^-T b).  b and x have n entries with strides incb and incx and may
 * alias.  HLNN_ESING when no factor is held. */
int hlnn_el_solve (hlnn_el_work *w, const double *b, size_t incb,
                   double *x, size_t incx);

/* One sample: g = Lq - B qd, then qdd = M^-1 g by hlnn_el_factor.  A, B
 * are n x n column-major.  On HLNN_ESING qdd is set to NaN. */
int hlnn_el_accel1 (hlnn_el_work *w, double r, const double *qd,
                    const double *Lq, const double *A, const double *B,
                    double *qdd, hlnn_el_info *info);

/* ---- analytic Lagrangians ------------------------------------------- */

/* A closed-form Lagrangian with n degrees of freedom.  eval gets one
 * sample (q, qd: n values each) and writes L and, when the pointers are
 * non-NULL, dL/dq, dL/dqd (n), A = d2L/dqd2 and B (n x n column-major,
 * B(j,k) = d2L/dqd_j dq_k); it returns HLNN_SUCCESS or a status that
 * stops the caller. */
typedef struct {
  size_t n;
  int (*eval) (void *ctx, const double *q, const double *qd, double *L,
               double *Lq, double *Lqd, double *A, double *B);
  void *ctx;
} hlnn_lagrangian;

/* Accelerations Qdd (N x n) at the rows of Q, Qd (N x n, column-major)
 * through the same solver as the network; info is added to.  Singular
 * samples get NaN rows and are counted; the status is then still
 * HLNN_SUCCESS (the caller reads info).  w->n must equal lag->n. */
int hlnn_lagrangian_accel (const hlnn_lagrangian *lag, hlnn_el_work *w,
                           double r, size_t N, const double *Q,
                           const double *Qd, double *Qdd,
                           hlnn_el_info *info);

/* Energy E = qd . dL/dqd - L (N values). */
int hlnn_lagrangian_energy (const hlnn_lagrangian *lag, hlnn_el_work *w,
                            size_t N, const double *Q, const double *Qd,
                            double *E);

/* hlnn_field_fn (field.h): state [q qd] (K x 2n) -> [qd qdd].  Returns
 * HLNN_ESING if a state is singular, so an integrator stops there. */
typedef struct {
  const hlnn_lagrangian *lag;
  hlnn_el_work *w;
  double r;
  hlnn_el_info info;      /* accumulated over calls */
} hlnn_lagrangian_field_ctx;

int hlnn_lagrangian_field_fn (void *ctx, double t, size_t K, const double *X,
                              double *F);

#endif
