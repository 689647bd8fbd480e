/* hnn.h -- Hamiltonian neural network: a scalar MLP H_theta(q, p), its
 * vector field, and the exact theta-gradient of the field-matching loss.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * State x = [q p] (d = 2n), samples are rows (X is N x d column-major).
 * With g = grad_x H and an optional dissipation rate gamma >= 0,
 *     f(x) = ( dH/dp,  -dH/dq - gamma p ).
 * Loss on a batch (weights w_k default to 1):
 *     loss = 1/(N d) sum_i sum_k w_k (f_k(x_i) - xdot_ik)^2.
 * Its theta-gradient is double backprop done as forward-over-reverse on
 * the MLP (see mlp.h): s = dloss/df, u = J^T s = (-s_p, s_q) is the
 * cotangent of g, and dloss/dtheta = d/dtheta sum_i <g(x_i), u_i> with u
 * held fixed, i.e. the reverse sweep of the U tangent channel seeded with
 * ones.  Per batch: one 1-channel forward and reverse for g, one 2-channel
 * forward and reverse for the gradient.
 *
 * Flat parameter vector: the MLP's parameters (mlp.h layout), then, with
 * learned dissipation only, rho with gamma = softplus(rho) as the LAST
 * entry.  hlnn_hnn.nparams counts both.
 *
 * Batches of any size are accepted: rows beyond the workspace's nmax are
 * processed in chunks of nmax, gathered into preallocated buffers.
 *
 * A coordinate q_j with period P_j > 0 (2 pi for an angle) reaches the
 * network wrapped into [-P_j/2, P_j/2) (the rows are gathered first);
 * derivatives are the network's at the wrapped point, p is never
 * wrapped.  A period must be finite and >= 0, else every evaluation
 * returns HLNN_EDOM. */
#ifndef HLNN_HNN_H
#define HLNN_HNN_H

#include <stddef.h>
#include "act.h"
#include "mlp.h"

typedef enum {
  HLNN_DISS_NONE = 0,      /* conservative: f = J grad H */
  HLNN_DISS_FIXED,         /* p' gets -gamma p, gamma >= 0 given */
  HLNN_DISS_LEARNED        /* gamma = softplus(theta[nparams - 1]) */
} hlnn_hnn_diss;

typedef struct {
  size_t n, d;             /* degrees of freedom, state dimension 2n */
  hlnn_mlp *net;           /* d -> hidden... -> 1 */
  size_t nparams;          /* net->nparams, + 1 with learned dissipation */
  hlnn_hnn_diss diss;
  double gamma;            /* the fixed rate (HLNN_DISS_FIXED only) */
  double *weights;         /* d per-component loss weights */
  double *period;          /* n periods of q (0: none), may be assigned */
  size_t nmax;
  hlnn_mlp_work *work;     /* 2 channels: VAL and U (or V) */
  double *ones;            /* nmax ones: output seeds */
  double *g, *u;           /* nmax x d: grad_x H, its cotangent */
  double *Xc, *Yc, *Zc;    /* nmax x d: chunk gathers */
} hlnn_hnn;

/* An HNN with 'nhidden' hidden layers of widths hidden[0..nhidden-1],
 * activation act, dissipation mode diss (gamma is the fixed rate for
 * HLNN_DISS_FIXED and is ignored otherwise), workspace for chunks of nmax
 * samples.  Returns NULL when an argument is out of its domain (n = 0, a
 * zero width, nmax = 0, gamma negative or not finite, an activation
 * without sigma'' -- relu) or memory runs out; hlnn_hnn_check tells
 * which. */
hlnn_hnn *hlnn_hnn_alloc (size_t n, size_t nhidden, const size_t *hidden,
                          hlnn_act act, hlnn_hnn_diss diss, double gamma,
                          size_t nmax);
void hlnn_hnn_free (hlnn_hnn *h);

/* Status hlnn_hnn_alloc would fail with for these arguments, memory
 * aside: HLNN_EORDER for an activation without sigma'', HLNN_EDOM for
 * the other domain errors, else HLNN_SUCCESS. */
int hlnn_hnn_check (size_t n, size_t nhidden, const size_t *hidden,
                    hlnn_act act, hlnn_hnn_diss diss, double gamma);

/* Per-component loss weights (d values, finite, >= 0); NULL restores 1. */
int hlnn_hnn_set_weights (hlnn_hnn *h, const double *w);

/* Dissipation rate in effect for theta: 0, the fixed gamma, or
 * softplus(theta[nparams - 1]). */
double hlnn_hnn_gamma (const hlnn_hnn *h, const double *theta);

/* rho with softplus(rho) = gamma, for initialising learned dissipation;
 * gamma must be > 0 (HLNN_EDOM otherwise). */
int hlnn_hnn_rho_from_gamma (double gamma, double *rho);

/* gamma = softplus(rho), evaluated without overflow for either sign. */
double hlnn_hnn_gamma_from_rho (double rho);

/* H (N values) at the rows of X. */
int hlnn_hnn_energy (hlnn_hnn *h, const double *theta, size_t N,
                     const double *X, double *H);

/* grad_x H (N x d). */
int hlnn_hnn_grad_energy (hlnn_hnn *h, const double *theta, size_t N,
                          const double *X, double *G);

/* Field f (N x d). */
int hlnn_hnn_field (hlnn_hnn *h, const double *theta, size_t N,
                    const double *X, double *F);

/* Jacobian-vector products of the field: JV(i,:) = Df(x_i)[V(i,:)]
 * (N x d), exact (forward tangent through the gradient pass). */
int hlnn_hnn_field_jvp (hlnn_hnn *h, const double *theta, size_t N,
                        const double *X, const double *V, double *JV);

/* Loss against targets dX (N x d) and, when grad is non-NULL, its
 * gradient with respect to all nparams parameters (overwritten). */
int hlnn_hnn_loss (hlnn_hnn *h, const double *theta, size_t N,
                   const double *X, const double *dX, double *loss,
                   double *grad);

/* hlnn_lossgrad_fn (train.h) with ctx = the hlnn_hnn *. */
int hlnn_hnn_lossgrad (void *ctx, const double *theta, size_t nb,
                       const double *Xb, const double *Yb, double *loss,
                       double *grad);

/* hlnn_field_fn (field.h) with ctx = a hlnn_hnn_field_ctx *; the learned
 * field is autonomous, t is ignored. */
typedef struct {
  hlnn_hnn *h;
  const double *theta;
} hlnn_hnn_field_ctx;

int hlnn_hnn_field_fn (void *ctx, double t, size_t K, const double *X,
                       double *F);

#endif
