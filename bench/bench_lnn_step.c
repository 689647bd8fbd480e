/* bench_lnn_step.c -- seconds per LNN training step (loss, exact adjoint
 * gradient, Adam update, minibatch gather) at the reference size
 * 4 -> 500 -> 500 -> 1 softplus, batch 1000, double pendulum data.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Usage: bench_lnn_step [steps [threads [width [batch]]]] (defaults 20,
 * the BLAS default, 500, 1000).  Prints the BLAS in use, the
 * split between the accelerations alone and the full step, and
 * the derived GFLOP/s of the GEMMs (counted below). */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <time.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_errno.h>
#include "hlnn.h"
#include "lnn.h"
#include "bench_clock.h"

/* Double pendulum, m = l = 1, g = 9.8 (closed form). */
static void
dp_accel (const double *q, const double *w, double *a)
{
  const double c = cos (q[0] - q[1]), s = sin (q[0] - q[1]), g = 9.8;
  const double a1 = 0.5 * c, a2 = c;
  const double f1 = -0.5 * w[1] * w[1] * s - g * sin (q[0]);
  const double f2 = w[0] * w[0] * s - g * sin (q[1]);
  a[0] = (f1 - a1 * f2) / (1 - a1 * a2);
  a[1] = (f2 - a2 * f1) / (1 - a1 * a2);
}

int
main (int argc, char **argv)
{
  gsl_set_error_handler_off ();   /* statuses, as in the MEX gateways (el.h) */
  const size_t steps = argc > 1 ? (size_t) atol (argv[1]) : 20;
  if (argc > 2)
    hlnn_blas_set_threads (atoi (argv[2]));
  const size_t width = argc > 3 ? (size_t) atol (argv[3]) : 500;
  const size_t batch = argc > 4 ? (size_t) atol (argv[4]) : 1000;
  const size_t n = 2, d = 4, N = 10000;
  size_t hidden[2] = { width, width };
  hlnn_lnn *l = hlnn_lnn_alloc (n, 2, hidden, HLNN_ACT_SOFTPLUS, batch);
  const size_t P = l->nparams;
  double *theta = malloc (P * sizeof *theta), *m = calloc (P, sizeof *m);
  double *v = calloc (P, sizeof *v);
  double *X = malloc (N * d * sizeof *X), *Y = malloc (N * n * sizeof *Y);
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  for (size_t i = 0; i < N; i++)
    {
      double q[2], w[2], a[2];
      for (int j = 0; j < 2; j++)
        {
          q[j] = -M_PI + 2 * M_PI * gsl_rng_uniform (rng);
          w[j] = -10 + 20 * gsl_rng_uniform (rng);
          X[i + j * N] = q[j];
          X[i + (2 + j) * N] = w[j];
        }
      dp_accel (q, w, a);
      Y[i] = a[0];
      Y[i + N] = a[1];
    }
  hlnn_mlp_init (l->net, theta, HLNN_INIT_GLOROT, 1);
  hlnn_trainer *tr = hlnn_trainer_alloc (P, N, d, n, batch);
  hlnn_optim_params opt;
  hlnn_optim_params_default (&opt, HLNN_OPTIM_ADAM);
  hlnn_lnn_loss_ctx ctx = { l, { 0 } };
  hlnn_el_info_init (&ctx.info);
  unsigned long t = 0;
  size_t done, nloss;
  double *Qdd = malloc (batch * n * sizeof *Qdd);

  /* warm-up (page faults, BLAS thread start) */
  hlnn_trainer_run (tr, hlnn_lnn_lossgrad, &ctx, X, Y, 7, &opt, theta, m, v,
                    &t, 2, NULL, &done, &nloss);
  double t0 = bench_now ();
  for (size_t k = 0; k < steps; k++)
    hlnn_lnn_accel (l, theta, batch, X, X + n * N, Qdd, NULL);
  const double t_acc = (bench_now () - t0) / steps;
  t0 = bench_now ();
  int st = hlnn_trainer_run (tr, hlnn_lnn_lossgrad, &ctx, X, Y, 7, &opt,
                             theta, m, v, &t, steps, NULL, &done,
                             &nloss);
  const double t_step = (bench_now () - t0) / steps;

  /* GEMM flops per step, 2 B (sum in*out) per block of B rows and GEMM
   * (mlp_gradx.c): the gradient pass 1 forward + 1 reverse, n Hessian-
   * vector products of 1 forward + 1 reverse, the adjoint 3 forward + 3
   * reverse + 4 for the weight gradient.  (The first layer's GEMMs, 4
   * wide, are counted though tiny.) */
  double wsum = 0.0;
  for (size_t k = 1; k <= l->net->nlayers; k++)
    wsum += (double) l->net->sizes[k] * l->net->sizes[k - 1];
  const double passes = 2.0 + 2.0 * n + 10.0;
  const double flops = 2.0 * batch * wsum * passes;
  printf ("BLAS: %s, %d thread(s)\n", hlnn_blas_name (), hlnn_blas_threads ());
  printf ("LNN 4-%zu-%zu-1 softplus, batch %zu, %zu steps (status %d, "
          "done %zu, %zu regularised, %zu singular)\n", width, width, batch,
          steps, st, done,
          ctx.info.regularised, ctx.info.singular);
  printf ("accelerations only: %.4f s per batch\n", t_acc);
  printf ("training step     : %.4f s per step (%.2f steps/s, %.1f GFLOP/s "
          "in GEMMs)\n", t_step, 1.0 / t_step, flops / t_step * 1e-9);
  hlnn_trainer_free (tr);
  gsl_rng_free (rng);
  free (theta); free (m); free (v); free (X); free (Y);
  free (Qdd);
  hlnn_lnn_free (l);
  return st;
}
