/* integrate.h -- batched rollouts of a vector field: fixed-step RK4,
 * implicit midpoint, 2-stage Gauss-Legendre, Stormer-Verlet, and GSL
 * odeiv2's adaptive rkf45 / rk8pd / msbdf.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * K trajectories are integrated together: the state is a K x d column-major
 * batch (rows are trajectories) and every stage is ONE call of the batched
 * field, so a learned field costs one GEMM batch per stage whatever K is.
 * Output Xs is T x d x K column-major (time x state x trajectory):
 * Xs[i + T (j + d k)] is component j of trajectory k at time t[i].
 *
 * Batched versus single.  For the fixed-step methods the batch changes
 * nothing for a field whose rows are computed independently (every
 * analytic system here): trajectory k of a K-batch is bit for bit the
 * single rollout of X0(k,:).  The implicit methods keep this because the
 * stage iteration tests convergence per trajectory and stops iterating a
 * trajectory as soon as it has converged (the batch shrinks; it does not
 * wait for the slowest).  A learned field evaluated by GEMM may round
 * differently for different batch sizes (BLAS kernels), so there the
 * equality is up to that rounding.
 * GSL's step-size control is not per trajectory: in the default COUPLED
 * mode one driver integrates the K d system with one step sequence chosen
 * for the hardest trajectory.  Its error test takes the max over all
 * components, so each trajectory meets the local tolerance at least as
 * strictly as alone, but not with the same steps, hence not the same bits.
 * With 'independent' set each trajectory gets its own driver (field calls
 * of one row each, no batching) and equals its single rollout bit for bit.
 *
 * Workspaces are allocated once per rollout (hlnn_rollout_alloc); nothing
 * is allocated inside the step loop. */
#ifndef HLNN_INTEGRATE_H
#define HLNN_INTEGRATE_H

#include <stddef.h>
#include "field.h"

typedef enum {
  HLNN_METHOD_RK4 = 0,    /* classical Runge-Kutta, order 4, explicit */
  HLNN_METHOD_MIDPOINT,   /* implicit midpoint, order 2, symplectic */
  HLNN_METHOD_GL4,        /* 2-stage Gauss-Legendre, order 4, symplectic */
  HLNN_METHOD_LEAPFROG,   /* Stormer-Verlet, order 2, separable systems only */
  HLNN_METHOD_RKF45,      /* GSL adaptive embedded RK 4(5) */
  HLNN_METHOD_RK8PD,      /* GSL adaptive Prince-Dormand 8(9) */
  HLNN_METHOD_MSBDF,      /* GSL adaptive multistep BDF, needs a Jacobian */
  HLNN_METHOD_COUNT
} hlnn_method;

/* Parse "rk4", "midpoint", "gl4", "leapfrog", "rkf45", "rk8pd", "msbdf";
 * HLNN_EDOM for anything else. */
int hlnn_method_from_name (const char *name, hlnn_method *m);
const char *hlnn_method_name (hlnn_method m);
/* 1 for the GSL adaptive methods. */
int hlnn_method_adaptive (hlnn_method m);

/* Jacobian of a batched field at K states: J is K x d x d column-major,
 * J[k + K (i + d j)] = dF_i/dx_j of row k. */
typedef int (*hlnn_jac_fn) (void *ctx, double t, size_t K, const double *X,
                            double *J);

/* Batched gradient of one half of a separable Hamiltonian: Z and G are
 * K x n column-major. */
typedef int (*hlnn_grad_fn) (void *ctx, size_t K, const double *Z,
                             double *G);

/* Separable system for Stormer-Verlet, state [q p] (d = 2n).
 *   H(q,p) = T(p) + V(q):  give dVdq and dTdp.
 *   Second-order q'' = a(q): give accel and leave dVdq, dTdp NULL; the
 *   state is then [q qdot] (T = |qdot|^2/2, dV/dq = -a(q)).
 * Velocity-dependent accelerations a(q, qdot) (damping, a learned LNN, a
 * double pendulum in [q qdot]) and non-separable H (HNN, double pendulum
 * in [q p]) make the scheme implicit and are not accepted: use midpoint or
 * gl4 on the first-order field there. */
typedef struct {
  size_t n;
  hlnn_grad_fn dVdq;     /* dH/dq */
  hlnn_grad_fn dTdp;     /* dH/dp */
  hlnn_grad_fn accel;    /* a(q), alternative to dVdq with T = |p|^2/2 */
  void *ctx;
} hlnn_separable;

typedef enum {
  HLNN_SOLVE_FIXEDPOINT = 0,   /* Z <- h (A x I) F(x + Z) */
  HLNN_SOLVE_NEWTON            /* simplified Newton, Jacobian at x_n */
} hlnn_solve;

typedef struct {
  hlnn_method method;
  /* Fixed-step methods: largest step; each output interval is cut into
   * ceil(dt/step) equal steps (step <= 0: one step per interval).
   * Adaptive methods: initial step guess (<= 0: 1e-3 of the first
   * output interval). */
  double step;
  double reltol, abstol;  /* adaptive: GSL y-control, both > = 0, not both 0 */
  size_t max_steps;       /* adaptive: per output interval, 0 = unlimited */
  int independent;        /* adaptive: one driver per trajectory */
  /* adaptive: steps chosen by the tolerance over the whole span and the
   * outputs interpolated (cubic Hermite, rollout_odeiv2.c) instead of a
   * step ending on every output time */
  int interpolate;
  /* Implicit stage equations (midpoint, gl4), per trajectory: iterate
   * until the update max|dZ| is <= solve_tol * max(1, |x|_inf, |Z|_inf),
   * then on while it keeps shrinking, i.e. down to round-off (Hairer,
   * Lubich & Wanner, GNI VIII.6: an iteration error of a few ulp per
   * step otherwise shows up as a linear energy drift over 1e5 steps).
   * A trajectory that has not reached solve_tol after solve_maxit
   * iterations -> HLNN_EMAXIT.  Fixed point converges when
   * h |A| Lip(F) < 1; Newton needs a Jacobian (jac, else central
   * differences of the field) and converges for much larger h. */
  hlnn_solve solve;
  double solve_tol;
  size_t solve_maxit;
  /* Jacobian of the field (ctx is the field's), used by Newton and msbdf;
   * NULL: central differences, step cbrt(eps) max(1, |x_j|), evaluated as
   * d batched calls of 2K rows. */
  hlnn_jac_fn jac;
} hlnn_rollout_opts;

/* Defaults: rk4, one step per output interval, reltol = abstol = 1e-9,
 * max_steps 1e6, coupled, fixed point, solve_tol 1e-12, solve_maxit 50. */
void hlnn_rollout_opts_default (hlnn_rollout_opts *o);

typedef struct {
  size_t steps;       /* accepted steps (adaptive coupled: of the batch) */
  size_t rejected;    /* adaptive: rejected steps */
  size_t calls;       /* field (or gradient) calls, Jacobian calls included */
  size_t rows;        /* state rows evaluated over all calls */
  size_t iters;       /* implicit: sum over trajectories and steps */
  size_t iters_max;   /* implicit: worst trajectory-step */
} hlnn_rollout_stats;

typedef struct hlnn_rollout_work hlnn_rollout_work;

/* Workspace for K trajectories of dimension d with method m (n = d/2 for
 * leapfrog, d must be even).  NULL on bad sizes or no memory. */
hlnn_rollout_work *hlnn_rollout_alloc (hlnn_method m, size_t K, size_t d);
void hlnn_rollout_free (hlnn_rollout_work *w);

/* Largest number of rows the rollout passes to one field call
 * (for sizing a learned field's work buffers): 2K (or 2 when
 * independent), K for leapfrog's gradients. */
size_t hlnn_rollout_max_rows (hlnn_method m, size_t K, int independent);

/* Integrate X0 (K x d) over the strictly increasing times t[0..T-1]
 * (t[0] is the time of X0) into Xs (T x d x K).  f is the first-order
 * field (unused by leapfrog); sep the separable form (leapfrog only).
 * o->method must match the workspace.  st may be NULL.
 * Returns HLNN_SUCCESS; HLNN_EDOM (bad arguments, leapfrog without sep);
 * HLNN_EMAXIT (implicit solve or adaptive step limit); HLNN_ENAN (a state
 * became non-finite); or the field's own status.  On failure Xs holds the
 * times already completed, the rest is unspecified. */
int hlnn_rollout_run (hlnn_rollout_work *w, const hlnn_field *f,
                      const hlnn_separable *sep, const hlnn_rollout_opts *o,
                      const double *X0, size_t T, const double *t,
                      double *Xs, hlnn_rollout_stats *st);

/* Number of equal fixed steps for an output interval dt with largest
 * step hmax (1 when hmax <= 0). */
size_t hlnn_rollout_substeps (double dt, double hmax);

/* alloc + run + free. */
int hlnn_rollout (const hlnn_field *f, const hlnn_separable *sep,
                  const hlnn_rollout_opts *o, size_t K, const double *X0,
                  size_t T, const double *t, double *Xs,
                  hlnn_rollout_stats *st);

/* Central-difference Jacobian of a batched field (see hlnn_jac_fn for the
 * layout).  Y and FY are 2K x d scratch.  Costs d calls of 2K rows. */
int hlnn_field_fdjac (const hlnn_field *f, double t, size_t K,
                      const double *X, double *J, double *Y, double *FY);

#endif
