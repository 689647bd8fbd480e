/* optim.h -- first-order optimizers on one flat parameter vector.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * The update formulas are PyTorch's (torch.optim.Adam, AdamW, SGD), to
 * the order of floating-point operations, so that a run can be checked
 * against a PyTorch reference number by number:
 *   adam : g += wd theta (coupled L2);  m = b1 m + (1-b1) g;
 *          v = b2 v + (1-b2) g^2;
 *          theta -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)
 *   adamw: theta *= 1 - lr wd (decoupled), then adam without the L2 term
 *   sgd  : g += wd theta;  m = (t == 1 ? g : mu m + g);  theta -= lr m
 *          (m is the plain gradient when mu = 0). */
#ifndef HLNN_OPTIM_H
#define HLNN_OPTIM_H

#include <stddef.h>

typedef enum {
  HLNN_OPTIM_ADAM = 0,
  HLNN_OPTIM_ADAMW,
  HLNN_OPTIM_SGD
} hlnn_optim_kind;

typedef struct {
  hlnn_optim_kind kind;
  double lr;
  double beta1, beta2, eps;     /* Adam family */
  double momentum;              /* SGD */
  double weight_decay;
  double clip_norm;             /* <= 0: no clipping */
  int theta_shared;             /* other threads read theta between
                                   steps (the row split): Adam writes the
                                   new theta past the cache; same
                                   numbers */
} hlnn_optim_params;

/* Defaults of PyTorch: lr 1e-3, betas (0.9, 0.999), eps 1e-8;
 * theta_shared 0. */
void hlnn_optim_params_default (hlnn_optim_params *p, hlnn_optim_kind kind);

/* Check hyper-parameters (finite, lr > 0, 0 <= beta < 1, eps > 0, ...). */
int hlnn_optim_params_check (const hlnn_optim_params *p);

/* Scale grad in place so that its 2-norm is at most max_norm (PyTorch's
 * clip_grad_norm_: factor max_norm / (norm + 1e-6) when norm > max_norm).
 * Returns the norm before clipping. */
double hlnn_optim_clip (size_t n, double *grad, double max_norm);

/* One update from (theta, m, v) to (theta_new, m_new, v_new).  *t is
 * the number of steps taken so far; it is incremented.  m and v are the
 * first and second moment (v unused by SGD).  grad may be modified
 * (clipping).  Each output array either is its input (an update in
 * place) or overlaps no other array.  HLNN_ENAN when an entry of
 * theta_new is not finite (the update is written all the same),
 * HLNN_EDOM for an unknown kind. */
int hlnn_optim_step_to (const hlnn_optim_params *p, size_t n,
                        const double *theta, double *grad, const double *m,
                        const double *v, double *theta_new, double *m_new,
                        double *v_new, unsigned long *t);

/* The same in place. */
int hlnn_optim_step (const hlnn_optim_params *p, size_t n, double *theta,
                     double *grad, double *m, double *v, unsigned long *t);

/* Adam's loop runs on 8 lanes (AVX-512F) where the CPU has them, else 4
 * (AVX2), else 1, all with the same result bit for bit.
 * hlnn_optim_set_lanes (4) or (1) keeps it to at most that many lanes
 * (test_optim compares them), any other value restores the widest;
 * process-wide, set while no update runs.  hlnn_optim_lanes is the
 * width in use. */
int hlnn_optim_lanes (void);
void hlnn_optim_set_lanes (int lanes);

#endif
