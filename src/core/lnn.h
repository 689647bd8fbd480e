/* lnn.h -- Lagrangian neural network: a scalar MLP L_theta(q, qdot), its
 * Euler-Lagrange accelerations, and the exact theta-gradient of the
 * acceleration-matching loss.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * State x = [q qdot] (d = 2n), samples are rows (X is N x d
 * column-major); accelerations Qdd are N x n.
 *
 * Derivatives of L per batch (mlp.h, mlp_gradx.c):
 *   - grad_x L: one gradient pass (hlnn_mlp_grad_x), kept;
 *   - Hessian column H e_{n+j}, j = 1..n: a Hessian-vector product with
 *     e_{n+j} for every sample, reusing that pass (hlnn_mlp_grad_x_hvp).
 *     Its rows n+1..2n are column j of A = d2L/dqdot2, its rows 1..n are
 *     row j of B = d2L/dqdot dq.
 * Then per sample qdd = A^-1 (dL/dq - B qdot) by the solver and the
 * regularisation policy of el.h (parameter hlnn_lnn.reg).
 *
 * Loss on a batch (mean over samples AND components, as hlnn_mlp_mse):
 *     loss = 1/(N n) sum_i ||qdd_i - qdd*_i||^2.
 * Gradient by the adjoint of A qdd = g: with r_i = dloss/dqdd_i and
 * bbar_i = M_i^-1 r_i (M_i the matrix solved, symmetric),
 *     dloss/dtheta = d/dtheta sum_i ( DL(x_i)[(bbar_i, 0)]
 *                    - D2L(x_i)[(0, bbar_i), (qdot_i, qdd_i)] )
 * with bbar, qdot, qdd held fixed: hlnn_mlp_grad_x_vjp2 with
 * U = (bbar, 0), V = (0, bbar), W = (qdot, qdd) and c = -1, which reuses
 * the gradient pass (three tangent channels forward, one reverse).  For a regularised sample (M = A + lambda I)
 * this is the exact gradient of the regularised map with lambda held at
 * its value.  A singular sample makes the loss fail with HLNN_ESING.
 *
 * Batches of any size are accepted: rows beyond nmax are processed in
 * chunks of nmax gathered into preallocated buffers.  No function
 * allocates after hlnn_lnn_alloc. */
#ifndef HLNN_LNN_H
#define HLNN_LNN_H

#include <stddef.h>
#include "act.h"
#include "mlp.h"
#include "el.h"

typedef struct {
  size_t n, d;             /* degrees of freedom, state dimension 2n */
  hlnn_mlp *net;           /* d -> hidden... -> 1 */
  size_t nparams;          /* net->nparams */
  double reg;              /* regularisation parameter r of el.h, >= 0 */
  double *period;          /* n: q_j's period P_j, 0 if none; the network
                              sees q_j wrapped into [-P_j/2, P_j/2) */
  size_t nmax;
  hlnn_mlp_work *work;     /* grad_x with keep = 2 (4 slots) */
  hlnn_el_work *el;        /* per-sample n x n solves */
  double *X;               /* nmax x d: chunk of states */
  double *G;               /* nmax x d: grad_x L */
  double *H;               /* n blocks of nmax x d: Hessian columns n+j */
  double *U, *V, *W;       /* nmax x d: tangent directions */
  double *T;               /* nmax x n: chunk of targets */
} hlnn_lnn;

/* An LNN on n degrees of freedom with 'nhidden' hidden layers of widths
 * hidden[0..nhidden-1] (nhidden = 0 gives an affine L, whose A is zero:
 * every sample is singular), activation act, workspace for chunks of
 * nmax samples; reg starts at HLNN_EL_REG_DEFAULT and may be assigned,
 * so may the entries of period (all 0: no coordinate is periodic).
 * An angle q_j gets period 2 pi: a pendulum that turns over stays where
 * the network was trained, and the derivatives are unchanged (the wrap
 * has slope 1) except across the seam, where L jumps by the model's
 * error.  A period must be finite and >= 0 (else HLNN_EDOM).
 * Returns NULL when an argument is out of its domain (hlnn_lnn_check
 * tells which) or memory runs out. */
hlnn_lnn *hlnn_lnn_alloc (size_t n, size_t nhidden, const size_t *hidden,
                          hlnn_act act, size_t nmax);
void hlnn_lnn_free (hlnn_lnn *l);

/* Status hlnn_lnn_alloc would fail with, memory aside: HLNN_EORDER for an
 * activation without sigma''' (relu: the loss gradient differentiates a
 * Hessian), HLNN_EDOM for n = 0, nmax = 0 or a zero width. */
int hlnn_lnn_check (size_t n, size_t nhidden, const size_t *hidden,
                    hlnn_act act, size_t nmax);

/* Cranmer et al. (2020)'s layer-scaled initialisation for LNNs, as in
 * their reference code (lnn/core.py, custom_init): biases zero; weights
 * of affine layer i = 0..L-1 normal with standard deviation
 *     (2.2 [i = 0] + 0.58 i [0 < i < L-1] + m [i = L-1]) / sqrt(m),
 * m = max(fan_in, fan_out).  Drawn in theta order from a GSL mt19937
 * seeded with 'seed'.  net is the LNN's network (hlnn_lnn.net) or any
 * MLP of the same layout. */
int hlnn_lnn_init_cranmer (const hlnn_mlp *net, double *theta,
                           unsigned long seed);

/* L (N values) at the rows of Q, Qd (N x n each, column-major).  This
 * and the functions below return HLNN_EDOM if a period is out of its
 * domain. */
int hlnn_lnn_lagrangian (hlnn_lnn *l, const double *theta, size_t N,
                         const double *Q, const double *Qd, double *Lval);

/* Energy E = qdot . dL/dqdot - L (N values). */
int hlnn_lnn_energy (hlnn_lnn *l, const double *theta, size_t N,
                     const double *Q, const double *Qd, double *E);

/* Whether every period is finite and >= 0. */
int hlnn_lnn_periods_ok (const hlnn_lnn *l);

/* On the chunk l->X (m <= nmax rows): G = grad_x L into l->G and, when
 * keep >= 1, the n Hessian-vector products H u_j with u_j = (aq e_j,
 * av e_j) into the blocks l->H + j nmax d (each m x d, leading dimension
 * m): one gradient pass, reused (mlp_gradx.c).  keep = 2 when the loss
 * gradient (hlnn_mlp_grad_x_vjp2) follows.  (0, 1) gives the Hessian
 * columns e_{n+j} the accelerations need; lnn_variational.c uses others. */
int hlnn_lnn_chunk_derivs (hlnn_lnn *l, const double *theta, size_t m,
                           int keep, double aq, double av);

/* Gradient G = grad_x L (N x d) and the Hessian blocks, stored as n x n
 * blocks of N: A[(j + k n) N + i] = d2L/dqdot_j dqdot_k and
 * B[(j + k n) N + i] = d2L/dqdot_j dq_k at sample i.  Any of G, A, B may
 * be NULL. */
int hlnn_lnn_blocks (hlnn_lnn *l, const double *theta, size_t N,
                     const double *Q, const double *Qd, double *G,
                     double *A, double *B);

/* Euler-Lagrange accelerations Qdd (N x n).  info (may be NULL) is added
 * to; singular samples get NaN rows and are counted, the status is then
 * still HLNN_SUCCESS.  HLNN_EDOM if reg is negative or not finite. */
int hlnn_lnn_accel (hlnn_lnn *l, const double *theta, size_t N,
                    const double *Q, const double *Qd, double *Qdd,
                    hlnn_el_info *info);

/* Loss against targets Qdd_target (N x n) at states X = [Q Qd] (N x d)
 * and, when grad is non-NULL, its theta-gradient (nparams, overwritten).
 * info (may be NULL) is added to.  HLNN_ESING if a sample is singular. */
int hlnn_lnn_loss (hlnn_lnn *l, const double *theta, size_t N,
                   const double *X, const double *Qdd_target, double *loss,
                   double *grad, hlnn_el_info *info);

/* hlnn_lossgrad_fn (train.h) with ctx = a hlnn_lnn_loss_ctx *; info
 * accumulates over the steps of a training run. */
typedef struct {
  hlnn_lnn *l;
  hlnn_el_info info;
} hlnn_lnn_loss_ctx;

int hlnn_lnn_lossgrad (void *ctx, const double *theta, size_t nb,
                       const double *Xb, const double *Yb, double *loss,
                       double *grad);

/* hlnn_field_fn (field.h): state [q qdot] (K x d) -> [qdot qdd], ctx = a
 * hlnn_lnn_field_ctx *.  Autonomous (t ignored); HLNN_ESING if a state is
 * singular, so an integrator stops there. */
typedef struct {
  hlnn_lnn *l;
  const double *theta;
  hlnn_el_info info;       /* accumulated over calls */
} hlnn_lnn_field_ctx;

int hlnn_lnn_field_fn (void *ctx, double t, size_t K, const double *X,
                       double *F);

#endif
