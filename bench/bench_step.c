/* bench_step.c -- whole training steps with gemm.c's kernel and with the
 * BLAS alone (hlnn_gemm_set_route), the trainer on the row split as
 * hnn_train and mlp_train run it, each part's rows in chunks of 'chunk'
 * rows (hlnn_split_set_chunk; 0, the default: in one call): microseconds
 * per Adam step of a 2-w-w-1 tanh HNN or a 2-w-w-2 MLP on N samples,
 * full batch, 'parts' threads with a one-thread BLAS each.  Runs
 * alternate between the two (the machine's speed drifts); the fastest of
 * each is reported, with the losses after the last run, which differ
 * only through rounding.
 *
 *   bench_step [hnn|mlp [w [N [parts [steps [runs [chunk]]]]]]]
 *                                   (defaults hnn 64 256 2 2000 5 0)
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_errno.h>
#include "hlnn.h"
#include "gemm.h"
#include "bench_clock.h"

typedef struct {
  hlnn_mlp *net;
  hlnn_mlp_work *w;
} mlp_ctx;

static int
mlp_lossgrad (void *ctx, const double *theta, size_t nb, const double *Xb,
              const double *Yb, double *loss, double *grad)
{
  mlp_ctx *c = ctx;
  return hlnn_mlp_mse (c->net, theta, nb, Xb, Yb, loss, grad, c->w);
}

int
main (int argc, char **argv)
{
  gsl_set_error_handler_off ();
  const int hnn = argc < 2 || strcmp (argv[1], "mlp") != 0;
  const size_t w = argc > 2 ? (size_t) atoi (argv[2]) : 64;
  const size_t N = argc > 3 ? (size_t) atoi (argv[3]) : 256;
  const size_t parts = argc > 4 ? (size_t) atoi (argv[4]) : 2;
  const size_t steps = argc > 5 ? (size_t) atoi (argv[5]) : 2000;
  const int runs = argc > 6 ? atoi (argv[6]) : 5;
  const size_t chunk = argc > 7 ? (size_t) atoi (argv[7]) : 0;
  if (w < 1 || N < 1 || parts < 1 || parts > HLNN_SPLIT_MAX_PARTS
      || steps < 1 || runs < 1)
    return 2;
  hlnn_blas_set_threads (1);

  const size_t part_rows = hlnn_split_rows (parts, N);
  const size_t rows = chunk && chunk < part_rows ? chunk : part_rows;
  const size_t hidden[2] = { w, w }, sizes[4] = { 2, w, w, 2 };
  hlnn_hnn *h[HLNN_SPLIT_MAX_PARTS] = { 0 };
  mlp_ctx m[HLNN_SPLIT_MAX_PARTS] = { { 0 } };
  void *ctx[HLNN_SPLIT_MAX_PARTS];
  size_t nparams = 0;
  for (size_t k = 0; k < parts; k++)
    {
      if (hnn)
        {
          h[k] = hlnn_hnn_alloc (1, 2, hidden, HLNN_ACT_TANH,
                                 HLNN_DISS_NONE, 0.0, rows);
          if (!h[k])
            return 1;
          ctx[k] = h[k];
          nparams = h[k]->nparams;
        }
      else
        {
          m[k].net = hlnn_mlp_alloc (3, sizes, HLNN_ACT_TANH);
          m[k].w = m[k].net ? hlnn_mlp_work_alloc (m[k].net, rows, 1) : NULL;
          if (!m[k].w)
            return 1;
          ctx[k] = &m[k];
          nparams = m[k].net->nparams;
        }
    }
  /* the spring: H = (q^2 + p^2) / 2, targets (dq/dt, dp/dt) = (p, -q) */
  double *X = malloc (2 * N * sizeof (double));
  double *Y = malloc (2 * N * sizeof (double));
  double *theta0 = malloc (nparams * sizeof (double));
  double *theta = malloc (nparams * sizeof (double));
  double *mom = malloc (nparams * sizeof (double));
  double *vel = malloc (nparams * sizeof (double));
  double *losses = malloc ((steps + 1) * sizeof (double));
  hlnn_split *s = hlnn_split_alloc (parts, nparams, N, 2, 2,
                                    hnn ? hlnn_hnn_lossgrad : mlp_lossgrad,
                                    ctx);
  hlnn_trainer *tr = hlnn_trainer_alloc (nparams, N, 2, 2, N);
  if (!X || !Y || !theta0 || !theta || !mom || !vel || !losses || !s || !tr
      || hlnn_split_set_chunk (s, rows < part_rows ? rows : 0))
    return 1;
  for (size_t i = 0; i < N; i++)
    {
      X[i] = sin (1.3 * (double) i);
      X[N + i] = cos (0.7 * (double) i);
      Y[i] = X[N + i];
      Y[N + i] = -X[i];
    }
  hlnn_mlp_init (hnn ? h[0]->net : m[0].net, theta0, HLNN_INIT_GLOROT, 1);
  hlnn_optim_params opt;
  hlnn_optim_params_default (&opt, HLNN_OPTIM_ADAM);
  opt.lr = 1e-3;
  opt.theta_shared = parts > 1;

  printf ("BLAS: %s; %s 2-%zu-%zu-%d, N = %zu, %zu part(s) in chunks of "
          "%zu rows, %zu steps, best of %d runs\n", hlnn_blas_name (),
          hnn ? "HNN" : "MLP", w, w, hnn ? 1 : 2, N, parts, rows, steps,
          runs);
  double best[2] = { HUGE_VAL, HUGE_VAL }, last_loss[2] = { 0, 0 };
  for (int r = 0; r < runs; r++)
    for (int kernel = 1; kernel >= 0; kernel--)
      {
        hlnn_gemm_set_route (kernel ? HLNN_GEMM_KERNEL : HLNN_GEMM_BLAS);
        memcpy (theta, theta0, nparams * sizeof (double));
        memset (mom, 0, nparams * sizeof (double));
        memset (vel, 0, nparams * sizeof (double));
        unsigned long t = 0;
        size_t done, nl;
        const double t0 = bench_now ();
        const int st = hlnn_trainer_run (tr, hlnn_split_lossgrad, s, X, Y, 1,
                                         &opt, theta, mom, vel, &t, steps,
                                         losses, &done, &nl);
        const double dt = bench_now () - t0;
        if (st || nl == 0)
          {
            printf ("training failed: %s\n", hlnn_strerror (st));
            return 1;
          }
        best[kernel] = fmin (best[kernel], dt / (double) steps);
        last_loss[kernel] = losses[nl - 1];
      }
  hlnn_gemm_set_route (HLNN_GEMM_AUTO);
  printf ("BLAS alone:      %9.1f us/step (last loss %.6g)\n",
          1e6 * best[0], last_loss[0]);
  printf ("gemm.c's kernel: %9.1f us/step (last loss %.6g)  ratio %.3f\n",
          1e6 * best[1], last_loss[1], best[0] / best[1]);

  hlnn_split_free (s);
  hlnn_trainer_free (tr);
  for (size_t k = 0; k < parts; k++)
    {
      hlnn_hnn_free (h[k]);
      hlnn_mlp_work_free (m[k].w);
      hlnn_mlp_free (m[k].net);
    }
  free (X);
  free (Y);
  free (theta0);
  free (theta);
  free (mom);
  free (vel);
  free (losses);
  return 0;
}
