/* bench_split.c -- why training shares a batch's rows among threads
 * (src/core/split.h), measured with the BLAS hlnn links:
 *   1. one w x N x w GEMM (C = A B, A w x w, B w x N) on 1 thread, the
 *      same GEMM on OpenBLAS's 'threads' threads, and the same work as
 *      'threads' GEMMs of N / threads columns side by side, one thread
 *      each (what hlnn_split does);
 *   2. the loss and gradient of the spring HNN (2 -> w -> w -> 1, N
 *      rows) through hlnn_hnn_loss on 1 and on 'threads' BLAS threads,
 *      and through hlnn_split with 'threads' parts;
 *   3. what runs on one thread between the parts' batches: an Adam step
 *      on the same parameters, and tanh with its derivative;
 *   4. the hand-over alone: a split call whose parts do nothing.
 *
 *   bench_split [w [N [threads]]]     (defaults 200, 750, 2)
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <gsl/gsl_cblas.h>
#include <gsl/gsl_errno.h>
#include "hlnn.h"
#include "bench_clock.h"

typedef struct {
  size_t w, cols, reps;
  const double *A, *B;
  double *C;
} gemm_job;

static void *
gemm_run (void *arg)
{
  const gemm_job *j = arg;
  for (size_t r = 0; r < j->reps; r++)
    cblas_dgemm (CblasColMajor, CblasNoTrans, CblasNoTrans, (int) j->w,
                 (int) j->cols, (int) j->w, 1.0, j->A, (int) j->w, j->B,
                 (int) j->w, 0.0, j->C, (int) j->w);
  return NULL;
}

/* GFLOP/s of 'parts' GEMMs side by side, each on its own thread (parts =
 * 1: this thread), splitting the N columns. */
static double
gemm_rate (size_t w, size_t N, size_t parts, size_t reps, const double *A,
           const double *B, double *C)
{
  gemm_job job[16];
  pthread_t th[16];
  for (size_t k = 0; k < parts; k++)
    {
      const size_t c0 = k * N / parts, c1 = (k + 1) * N / parts;
      job[k] = (gemm_job) { w, c1 - c0, reps, A, B + c0 * w, C + c0 * w };
    }
  gemm_run (&job[0]);   /* warm-up */
  const double t0 = bench_now ();
  for (size_t k = 1; k < parts; k++)
    pthread_create (&th[k], NULL, gemm_run, &job[k]);
  gemm_run (&job[0]);
  for (size_t k = 1; k < parts; k++)
    pthread_join (th[k], NULL);
  return 2.0 * (double) (w * w) * (double) N * (double) reps
         / (bench_now () - t0) / 1e9;
}

/* A loss that does nothing: what remains of a split call is handing the
 * batch to the threads and back. */
static int
empty_lossgrad (void *ctx, const double *theta, size_t nb, const double *Xb,
                const double *Yb, double *loss, double *grad)
{
  (void) ctx; (void) theta; (void) Xb; (void) Yb;
  *loss = (double) nb;
  if (grad)
    grad[0] = 0.0;
  return 0;
}

int
main (int argc, char **argv)
{
  gsl_set_error_handler_off ();
  const size_t w = argc > 1 ? (size_t) atol (argv[1]) : 200;
  const size_t N = argc > 2 ? (size_t) atol (argv[2]) : 750;
  size_t T = argc > 3 ? (size_t) atol (argv[3]) : 2;
  if (w == 0 || N < T || T == 0 || T > 16)
    {
      fprintf (stderr, "usage: bench_split [w [N [threads <= 16]]]\n");
      return 1;
    }
  printf ("BLAS: %s\n", hlnn_blas_name ());
  double *A = malloc (w * w * sizeof *A), *B = malloc (w * N * sizeof *B);
  double *C = malloc (w * N * sizeof *C);
  for (size_t i = 0; i < w * w; i++)
    A[i] = sin (0.1 * (double) i);
  for (size_t i = 0; i < w * N; i++)
    B[i] = cos (0.3 * (double) i);
  const size_t reps = 1 + (size_t) (2e10 / (2.0 * (double) (w * w * N)));
  hlnn_blas_set_threads (1);
  const double one = gemm_rate (w, N, 1, reps, A, B, C);
  hlnn_blas_set_threads ((int) T);
  const double blas = gemm_rate (w, N, 1, reps, A, B, C);
  hlnn_blas_set_threads (1);
  const double split = gemm_rate (w, N, T, reps, A, B, C);
  printf ("dgemm %zu x %zu x %zu, GFLOP/s: 1 thread %.1f; %zu BLAS threads "
          "%.1f; %zu one-thread GEMMs of about %zu columns side by side "
          "%.1f\n", w, N, w, one, T, blas, T, (N + T / 2) / T, split);

  /* one HNN training step, whole and split */
  const size_t hidden[2] = { w, w };
  hlnn_hnn *h[17];
  void *ctx[16];
  for (size_t k = 0; k <= T; k++)
    if (!(h[k] = hlnn_hnn_alloc (1, 2, hidden, HLNN_ACT_TANH, HLNN_DISS_NONE,
                                 0.0, k ? hlnn_split_rows (T, N) : N)))
      {
        fprintf (stderr, "bench_split: no memory for the HNN workspaces\n");
        return 1;
      }
  for (size_t k = 0; k < T; k++)
    ctx[k] = h[k + 1];
  const size_t P = h[0]->nparams;
  double *theta = malloc (P * sizeof *theta), *g = malloc (P * sizeof *g);
  double *X = malloc (2 * N * sizeof *X), *Y = malloc (2 * N * sizeof *Y);
  hlnn_mlp_init (h[0]->net, theta, HLNN_INIT_GLOROT, 1);
  for (size_t i = 0; i < N; i++)
    {
      X[i] = sin ((double) i);
      X[N + i] = cos (1.7 * (double) i);
      Y[i] = X[N + i];
      Y[N + i] = -X[i];
    }
  hlnn_split *s = hlnn_split_alloc (T, P, N, 2, 2, hlnn_hnn_lossgrad, ctx);
  if (!s)
    {
      fprintf (stderr, "bench_split: cannot start %zu threads\n", T);
      return 1;
    }
  const size_t steps = 1 + (size_t) (2e10 / (12.0 * (double) (w * w * N)));
  /* whole on 1 BLAS thread, whole on T BLAS threads, split by rows */
  double loss, ms[3];
  for (int mode = 0; mode < 3; mode++)
    {
      hlnn_blas_set_threads (mode == 1 ? (int) T : 1);
      hlnn_lossgrad_fn fn
        = mode == 2 ? hlnn_split_lossgrad : hlnn_hnn_lossgrad;
      void *c = mode == 2 ? (void *) s : (void *) h[0];
      if (fn (c, theta, N, X, Y, &loss, g))
        {
          fprintf (stderr, "bench_split: the loss failed\n");
          return 1;
        }
      const double t0 = bench_now ();
      for (size_t k = 0; k < steps; k++)
        fn (c, theta, N, X, Y, &loss, g);
      ms[mode] = 1e3 * (bench_now () - t0) / (double) steps;
    }
  printf ("HNN 2-%zu-%zu-1 loss and gradient, %zu rows, ms: 1 thread %.2f; "
          "%zu BLAS threads %.2f; %zu threads by rows %.2f\n", w, w, N,
          ms[0], T, ms[1], T, ms[2]);
  /* what runs on one thread between the parts: an Adam step on the same
   * parameters, and the tanh of one layer's activations */
  double *m = calloc (P, sizeof *m), *v = calloc (P, sizeof *v);
  hlnn_optim_params op;
  hlnn_optim_params_default (&op, HLNN_OPTIM_ADAM);
  unsigned long t = 0;
  const size_t adam_reps = 2000;
  double t0 = bench_now ();
  for (size_t k = 0; k < adam_reps; k++)
    hlnn_optim_step (&op, P, theta, g, m, v, &t);
  const double adam_us = 1e6 * (bench_now () - t0) / (double) adam_reps;
  double *z = malloc (w * N * sizeof *z), *a = malloc (w * N * sizeof *a);
  double *s1 = malloc (w * N * sizeof *s1);
  for (size_t i = 0; i < w * N; i++)
    z[i] = 3.0 * sin (0.37 * (double) i);
  const size_t act_reps = 200;
  t0 = bench_now ();
  for (size_t k = 0; k < act_reps; k++)
    hlnn_act_eval (HLNN_ACT_TANH, 1, w * N, z, a, s1, NULL, NULL);
  const double tanh_ns
    = 1e9 * (bench_now () - t0) / (double) (act_reps * w * N);
  printf ("Adam step, %zu parameters: %.1f us; tanh and its derivative: "
          "%.2f ns per element\n", P, adam_us, tanh_ns);
  free (m); free (v); free (z); free (a); free (s1);
  hlnn_split_free (s);

  void *none[16] = { NULL };
  hlnn_split *e = hlnn_split_alloc (T, 1, N, 1, 1, empty_lossgrad, none);
  if (!e)
    {
      fprintf (stderr, "bench_split: cannot start %zu threads\n", T);
      return 1;
    }
  const size_t calls = 20000;
  double eg;
  t0 = bench_now ();
  for (size_t k = 0; k < calls; k++)
    hlnn_split_lossgrad (e, theta, N, X, Y, &loss, &eg);
  printf ("a split call whose %zu parts do nothing: %.2f us\n", T,
          1e6 * (bench_now () - t0) / (double) calls);
  hlnn_split_free (e);
  for (size_t k = 0; k <= T; k++)
    hlnn_hnn_free (h[k]);
  free (A); free (B); free (C); free (theta); free (g); free (X); free (Y);
  return 0;
}
