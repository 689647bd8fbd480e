/* test_alloc.c -- no allocation inside the training-step loop.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc, so every
 * allocation made by libhlnn (linked statically into this program) goes
 * through the counters below.  For each model kind the objective and the
 * trainer are allocated first; then the counters must not move while
 * hlnn_trainer_run takes 3 or 30 minibatch steps (also with each batch
 * split between two threads, split.h, and while the LNN's
 * variational rollout runs).  (Allocations inside
 * shared libraries -- GSL's, OpenBLAS's own buffers -- are not seen; the
 * claim is about hlnn's code.) */
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "hlnn.h"
#include "hlnn_test.h"

void *__real_malloc (size_t n);
void *__real_calloc (size_t n, size_t m);
void *__real_realloc (void *p, size_t n);
static long n_alloc = 0;
void *__wrap_malloc (size_t n) { n_alloc++; return __real_malloc (n); }
void *__wrap_calloc (size_t n, size_t m) { n_alloc++; return __real_calloc (n, m); }
void *__wrap_realloc (void *p, size_t n) { n_alloc++; return __real_realloc (p, n); }

/* allocations made by hlnn_trainer_run for 'steps' steps */
static long
count_run (hlnn_lossgrad_fn fn, void *ctx, size_t P, size_t N, size_t dx,
           size_t dy, size_t batch, const double *X, const double *Y,
           double *theta, size_t steps)
{
  double *m = calloc (P, sizeof *m), *v = calloc (P, sizeof *v);
  double *losses = malloc (steps * sizeof *losses);
  hlnn_trainer *tr = hlnn_trainer_alloc (P, N, dx, dy, batch);
  hlnn_optim_params p;
  hlnn_optim_params_default (&p, HLNN_OPTIM_ADAM);
  unsigned long t = 0;
  size_t done, nl;
  const long before = n_alloc;
  hlnn_trainer_run (tr, fn, ctx, X, Y, 3, &p, theta, m, v, &t, steps,
                    losses, &done, &nl);
  const long used = n_alloc - before;
  hlnn_trainer_free (tr);
  free (m); free (v); free (losses);
  return done == steps ? used : -1;
}

int
main (void)
{
  gsl_set_error_handler_off ();   /* statuses, as in the MEX gateways (el.h) */
  const size_t N = 300, batch = 64;
  double *X = malloc (N * 4 * sizeof *X), *Y = malloc (N * 4 * sizeof *Y);
  for (size_t i = 0; i < N * 4; i++)
    {
      X[i] = sin (0.37 * (double) i);
      Y[i] = cos (0.11 * (double) i);
    }
  const size_t hidden[2] = { 16, 16 };
  double *theta = malloc (4096 * sizeof *theta);

  /* the counters must see libhlnn's own allocations, or the zeros below
   * would prove nothing */
  const long before = n_alloc;
  hlnn_trainer *probe = hlnn_trainer_alloc (10, N, 2, 2, batch);
  const long seen = n_alloc - before;
  hlnn_trainer_free (probe);
  hlnn_test (seen > 0, "the wrapped allocator sees libhlnn (%ld allocations "
             "in hlnn_trainer_alloc)", seen);

  /* MLP 2 -> 16 -> 16 -> 2 */
  size_t sizes[4] = { 2, 16, 16, 2 };
  hlnn_test_mlp mc = { hlnn_mlp_alloc (3, sizes, HLNN_ACT_TANH), NULL };
  mc.w = hlnn_mlp_work_alloc (mc.net, batch, 1);
  for (size_t steps = 3; steps <= 30; steps *= 10)
    {
      hlnn_mlp_init (mc.net, theta, HLNN_INIT_GLOROT, 1);
      const long k = count_run (hlnn_test_mlp_lossgrad, &mc, mc.net->nparams,
                                N, 2, 2, batch, X, Y, theta, steps);
      hlnn_test (k == 0, "mlp: %ld allocations during %zu training steps", k,
                 steps);
    }
  /* the same MLP with each batch split between this thread and a worker:
   * the threads start in hlnn_split_alloc, not in the loop */
  hlnn_test_mlp part[2] = {
    { mc.net, hlnn_mlp_work_alloc (mc.net, batch / 2, 1) },
    { mc.net, hlnn_mlp_work_alloc (mc.net, batch / 2, 1) } };
  void *part_ctx[2] = { &part[0], &part[1] };
  hlnn_split *split = hlnn_split_alloc (2, mc.net->nparams, batch, 2, 2,
                                        hlnn_test_mlp_lossgrad, part_ctx);
  for (size_t steps = 3; steps <= 30; steps *= 10)
    {
      hlnn_mlp_init (mc.net, theta, HLNN_INIT_GLOROT, 1);
      const long k = count_run (hlnn_split_lossgrad, split, mc.net->nparams,
                                N, 2, 2, batch, X, Y, theta, steps);
      hlnn_test (k == 0, "mlp split in 2 threads: %ld allocations during "
                 "%zu training steps", k, steps);
    }
  /* and each part in chunks (of 5 rows, a short last one): the chunks'
   * gradient buffer comes with hlnn_split_set_chunk */
  hlnn_test (hlnn_split_set_chunk (split, 5) == HLNN_SUCCESS,
             "mlp split: chunks of 5 rows set");
  for (size_t steps = 3; steps <= 30; steps *= 10)
    {
      hlnn_mlp_init (mc.net, theta, HLNN_INIT_GLOROT, 1);
      const long k = count_run (hlnn_split_lossgrad, split, mc.net->nparams,
                                N, 2, 2, batch, X, Y, theta, steps);
      hlnn_test (k == 0, "mlp split in 2 threads, parts in chunks of 5 "
                 "rows: %ld allocations during %zu training steps", k,
                 steps);
    }
  hlnn_split_free (split);
  hlnn_mlp_work_free (part[0].w);
  hlnn_mlp_work_free (part[1].w);
  hlnn_mlp_work_free (mc.w);
  hlnn_mlp_free (mc.net);

  /* HNN n = 1, learned dissipation */
  hlnn_hnn *h = hlnn_hnn_alloc (1, 2, hidden, HLNN_ACT_TANH,
                                HLNN_DISS_LEARNED, 0.0, batch);
  for (size_t steps = 3; steps <= 30; steps *= 10)
    {
      hlnn_mlp_init (h->net, theta, HLNN_INIT_GLOROT, 1);
      theta[h->nparams - 1] = 0.0;
      const long k = count_run (hlnn_hnn_lossgrad, h, h->nparams, N, 2, 2,
                                batch, X, Y, theta, steps);
      hlnn_test (k == 0, "hnn: %ld allocations during %zu training steps", k,
                 steps);
    }
  hlnn_hnn_free (h);

  /* LNN n = 2 */
  hlnn_lnn_loss_ctx lc;
  memset (&lc, 0, sizeof lc);
  lc.l = hlnn_lnn_alloc (2, 2, hidden, HLNN_ACT_SOFTPLUS, batch);
  for (size_t steps = 3; steps <= 30; steps *= 10)
    {
      hlnn_lnn_init_cranmer (lc.l->net, theta, 1);
      const long k = count_run (hlnn_lnn_lossgrad, &lc, lc.l->nparams, N, 4, 2,
                                batch, X, Y, theta, steps);
      hlnn_test (k == 0, "lnn: %ld allocations during %zu training steps", k,
                 steps);
    }

  /* the variational rollout of an LNN: nothing after hlnn_lnn_vi_alloc */
  hlnn_lnn_init_cranmer (lc.l->net, theta, 1);
  for (size_t T = 3; T <= 30; T *= 10)
    {
      double t[30], *Xs = malloc (T * 4 * 2 * sizeof *Xs);
      const double X0[8] = { 0.1, -0.2, 0.3, 0.1, 0.05, 0.1, -0.1, 0.2 };
      for (size_t i = 0; i < T; i++)
        t[i] = 0.01 * (double) i;
      hlnn_rollout_opts o;
      hlnn_rollout_opts_default (&o);
      hlnn_lnn_vi_work *vw = hlnn_lnn_vi_alloc (lc.l, 2);
      const long before_vi = n_alloc;
      const int status = hlnn_lnn_vi_rollout (vw, theta, X0, T, t, &o, Xs,
                                              NULL);
      const long k = n_alloc - before_vi;
      hlnn_lnn_vi_free (vw);
      free (Xs);
      hlnn_test (status == HLNN_SUCCESS && k == 0, "lnn variational rollout: "
                 "%ld allocations over %zu outputs (status %d)", k, T, status);
    }
  hlnn_lnn_free (lc.l);
  free (X); free (Y); free (theta);
  return hlnn_test_summary ();
}
