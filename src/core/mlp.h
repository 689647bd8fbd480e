/* mlp.h -- dense network over one flat parameter vector, with forward
 * tangents (first and second order) and one reverse sweep through them.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Network: y = W_L s(... s(W_1 x + b_1) ...) + b_L, L affine layers,
 * sizes[0] inputs, sizes[L] outputs.  Parameters theta hold, layer after
 * layer, W_l (sizes[l] x sizes[l-1], column-major, i.e. exactly Octave's
 * W{l}(:)) then b_l.  Samples are rows: X is N x sizes[0] column-major.
 *
 * Tangent channels.  Besides the value channel a forward pass can carry
 * tangents along per-sample input directions u, v, w and the second-order
 * tangent vw:  y_u = Dy[u],  y_vw = D^2 y[v,w].  hlnn_mlp_reverse then
 * returns the gradient, with respect to theta and to x (directions held
 * fixed), of  sum_i sum_c <seed_c(i,:), y_c(i,:)>.  This one mechanism
 * gives everything the physics losses need:
 *   - plain regression: channel VAL only;
 *   - HNN: grad_x H from a VAL reverse, then d/dtheta of <grad_x H, u> as
 *     the U channel seeded with 1 (double backprop as forward-over-reverse);
 *   - LNN: Hessian columns H e_j as grad_x of the V channel, and the adjoint
 *     gradient d/dtheta [DL[u] - D^2 L[v,w]] from channels U and VW.
 * The HNN and LNN use the same maths through hlnn_mlp_grad_x and its
 * companions below (mlp_gradx.c), which keep the gradient pass and reuse
 * it instead of recomputing it in every channel pass; the tests check the
 * two routes against each other.
 * All channels of a layer are one GEMM: the buffers stack the active
 * channels as blocks of N rows of one (C N) x width matrix. */
#ifndef HLNN_MLP_H
#define HLNN_MLP_H

#include <stddef.h>
#include "act.h"

enum {
  HLNN_CH_VAL = 0, HLNN_CH_U, HLNN_CH_V, HLNN_CH_W, HLNN_CH_VW,
  HLNN_CH_COUNT
};

typedef struct {
  size_t nlayers;          /* L, number of affine layers (>= 1) */
  size_t *sizes;           /* L + 1 widths */
  size_t *w_off, *b_off;   /* offsets of W_l, b_l in theta (l = 1..L) */
  size_t nparams;
  hlnn_act act;
} hlnn_mlp;

/* Working storage for batches of at most nmax samples carrying at most
 * maxch channels.  All buffers are allocated here, none in a pass. */
typedef struct {
  size_t nmax, maxch;
  size_t nch;                      /* active channels of the last forward */
  int slot[HLNN_CH_COUNT];         /* channel -> block index, -1 if off */
  int order;                       /* derivative order stored in s[] */
  double **z, **a;                 /* per layer l = 0..L: (maxch nmax) x width */
  double **s1, **s2, **s3;         /* per hidden layer: nmax x width */
  double *abar, *zbar;             /* reverse scratch, (maxch nmax) x maxwidth */
  double **zb, **ab;               /* hlnn_mlp_grad_x (maxch >= 2): per layer
                                      adjoints in its slots, zeta in the
                                      last, (maxch nmax) x width, and
                                      alpha nmax x width (mlp_gradx.c) */
  size_t ld;                       /* leading dimension of the last pass */
  int gradx_keep;                  /* last pass: hlnn_mlp_grad_x's keep */
  double *resid;                   /* nmax x sizes[L], for hlnn_mlp_mse */
  size_t maxwidth;
  size_t nlayers;
  size_t n;                        /* batch size of the last forward */
} hlnn_mlp_work;

typedef enum {
  HLNN_INIT_GLOROT = 0,   /* uniform, limit sqrt(6/(in+out)) */
  HLNN_INIT_HE,           /* normal, std sqrt(2/in) */
  HLNN_INIT_ORTHOGONAL,   /* (semi-)orthogonal rows/columns, gain 1 */
  HLNN_INIT_TORCH,        /* PyTorch nn.Linear default: U(+-1/sqrt(in)) */
  HLNN_INIT_GREYDANUS     /* the HNN paper's code: orthogonal weights over
                             nn.Linear's default hidden biases
                             U(+-1/sqrt(in)); no output bias (zero) */
} hlnn_init;

hlnn_mlp *hlnn_mlp_alloc (size_t nlayers, const size_t *sizes, hlnn_act act);
void hlnn_mlp_free (hlnn_mlp *net);

hlnn_mlp_work *hlnn_mlp_work_alloc (const hlnn_mlp *net, size_t nmax,
                                    size_t maxch);
void hlnn_mlp_work_free (hlnn_mlp_work *w);

/* Initialise theta (weights by scheme, biases zero) from a seed. */
int hlnn_mlp_init (const hlnn_mlp *net, double *theta, hlnn_init scheme,
                   unsigned long seed);

/* Forward pass on N <= nmax samples.  U, V, W (N x sizes[0]) switch the
 * tangent channels on when non-NULL; VW is on when both V and W are.
 * 'reverse_order' is 1 if hlnn_mlp_reverse will follow (so the pass keeps
 * one more activation derivative), else 0.  Fails with HLNN_EORDER when
 * the activation lacks a needed derivative, HLNN_EDOM when N > nmax or
 * the active channels exceed maxch. */
int hlnn_mlp_forward (const hlnn_mlp *net, const double *theta, size_t N,
                      const double *X, const double *U, const double *V,
                      const double *W, int reverse_order, hlnn_mlp_work *w);

/* Output of channel ch after a forward pass: N x sizes[L], leading
 * dimension *ld (rows are samples).  NULL if the channel is off. */
const double *hlnn_mlp_output (const hlnn_mlp *net, const hlnn_mlp_work *w,
                               int ch, size_t *ld);

/* Reverse sweep after hlnn_mlp_forward (with reverse_order = 1).  seed[ch]
 * is N x sizes[L] (leading dimension N) or NULL for zero.  grad_theta
 * (nparams) is ACCUMULATED into when non-NULL; grad_x (N x sizes[0]) is
 * overwritten when non-NULL.  Seeds on channels that were off are an
 * error (HLNN_EDOM). */
int hlnn_mlp_reverse (const hlnn_mlp *net, const double *theta,
                      const double *const seed[HLNN_CH_COUNT],
                      double *grad_theta, double *grad_x, hlnn_mlp_work *w);

/* Convenience for plain regression: mean squared error
 * sum (Y - Yhat)^2 / (N sizes[L]) and its theta-gradient (overwritten).
 * grad may be NULL for the loss alone. */
int hlnn_mlp_mse (const hlnn_mlp *net, const double *theta, size_t N,
                  const double *X, const double *Y, double *loss,
                  double *grad, hlnn_mlp_work *w);

/* Scalar-output nets (sizes[L] == 1), work with maxch >= 2 (keep <= 1)
 * or >= 4 (keep = 2): G = grad_x y (N x sizes[0]) for N <= nmax samples;
 * y is then available through hlnn_mlp_output.  keep = 1 keeps what
 * hlnn_mlp_grad_x_hvp and _vjp need (sigma''), keep = 2 what _hvp and
 * _vjp2 need (sigma'''); HLNN_EORDER if the activation lacks them.  The
 * functions below use the kept pass and may be called again (mlp_gradx.c). */
int hlnn_mlp_grad_x (const hlnn_mlp *net, const double *theta, size_t N,
                     const double *X, int keep, double *G, hlnn_mlp_work *w);

/* HV = Hess_x y . V per sample (V, HV: N x sizes[0]); keep >= 1. */
int hlnn_mlp_grad_x_hvp (const hlnn_mlp *net, const double *theta,
                         const double *V, double *HV, hlnn_mlp_work *w);

/* ACCUMULATES into grad_theta the theta-gradient of sum_i <grad_x y_i,
 * U(i,:)> with U held fixed (keep = 1): the HNN loss gradient. */
int hlnn_mlp_grad_x_vjp (const hlnn_mlp *net, const double *theta,
                         const double *U, double *grad_theta,
                         hlnn_mlp_work *w);

/* ACCUMULATES into grad_theta the theta-gradient of sum_i (Dy[u_i] +
 * c D2y[v_i, w_i]), directions held fixed (keep = 2): the LNN adjoint. */
int hlnn_mlp_grad_x_vjp2 (const hlnn_mlp *net, const double *theta,
                          const double *U, const double *V, const double *W,
                          double c, double *grad_theta, hlnn_mlp_work *w);

/* Sum of x[0..n-1], the bias gradients' reduction, in eight interleaved
 * partial sums: one running sum is a chain of dependent additions (4
 * cycles each), eight fill two AVX or four SSE registers.  The order
 * depends on n alone, so results do not depend on the build. */
static inline double
hlnn_mlp_sum (const double *x, size_t n)
{
  double acc[8] = { 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 };
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (size_t k = 0; k < 8; k++)
      acc[k] += x[i + k];
  for (; i < n; i++)
    acc[i % 8] += x[i];
  return ((acc[0] + acc[4]) + (acc[1] + acc[5]))
         + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
}

#endif
