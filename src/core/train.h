/* train.h -- k optimizer steps on minibatches of one data set.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * The trainer knows nothing of the model: a loss callback maps
 * (theta, batch) to (loss, gradient).  Minibatches are drawn without
 * replacement by a GSL mt19937 generator seeded from (seed, global step),
 * so step t sees the same batch whether or not training was stopped and
 * resumed before it: resuming is bit-for-bit exact with no RNG state to
 * save beyond the step counter.
 *
 * Divergence: a non-finite loss or gradient, or non-finite parameters
 * after an update, stops the run with HLNN_ENAN.  The parameters and
 * optimizer state are then those of the last step whose loss was finite
 * (the update writes a second copy of the state, so the state before it
 * stays at hand without a copy each step); when the very first step of
 * the call already fails, they are left as passed in and *done is 0, so
 * the caller can recover from its own earlier copy. */
#ifndef HLNN_TRAIN_H
#define HLNN_TRAIN_H

#include <stddef.h>
#include "optim.h"

/* Loss and gradient (gradient overwritten, length nparams) on a batch of
 * nb rows: Xb is nb x dx, Yb is nb x dy, column-major.  grad may be NULL
 * for the loss alone. */
typedef int (*hlnn_lossgrad_fn) (void *ctx, const double *theta, size_t nb,
                                 const double *Xb, const double *Yb,
                                 double *loss, double *grad);

typedef struct {
  size_t nparams, N, dx, dy, batch;   /* batch = min(requested, N) */
  double *Xb, *Yb, *grad;
  double *theta_alt, *m_alt, *v_alt;  /* the state's second copy */
  size_t *perm;                       /* identity between steps */
  size_t *swaps;                      /* partial Fisher-Yates undo log */
  size_t *idx;                        /* rows of the current minibatch */
  void *rng;                          /* gsl_rng *, reseeded per step */
} hlnn_trainer;

hlnn_trainer *hlnn_trainer_alloc (size_t nparams, size_t N, size_t dx,
                                  size_t dy, size_t batch);
void hlnn_trainer_free (hlnn_trainer *tr);

/* Indices of the minibatch of global step 'step' (0-based), written to
 * idx[0..batch-1]; the full batch is 0..N-1 in order. */
void hlnn_trainer_batch (hlnn_trainer *tr, unsigned long seed,
                         unsigned long step, size_t *idx);

/* Run up to nsteps steps.  X (N x dx), Y (N x dy) column-major; *t is the
 * optimizer's step counter (incremented per step); *done the number of
 * updates kept.  losses[k] (may be NULL) receives the minibatch loss of
 * the parameters before update k; *nlosses counts the valid entries: done,
 * or done + 1 after a divergence, losses[done] then being the finite loss
 * of the returned parameters (0 entries when the first step failed).
 * Returns HLNN_SUCCESS, HLNN_ENAN (diverged, see above), or the callback's
 * status. */
int hlnn_trainer_run (hlnn_trainer *tr, hlnn_lossgrad_fn fn, void *ctx,
                      const double *X, const double *Y, unsigned long seed,
                      const hlnn_optim_params *opt, double *theta, double *m,
                      double *v, unsigned long *t, size_t nsteps,
                      double *losses, size_t *done, size_t *nlosses);

#endif
