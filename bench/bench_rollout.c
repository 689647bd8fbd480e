/* bench_rollout.c -- rollout throughput of learned fields: state-steps per
 * second for K trajectories of a 2 -> 200 -> 200 -> 1 tanh HNN (its field
 * F = (dH/dp, -dH/dq) through hlnn_hnn_field_fn) and of a 2 -> 200 ->
 * 200 -> 2 MLP field, per method.  Also reports whether the K-batch equals
 * K single rollouts bit for bit with this BLAS.
 *
 *   bench_rollout [K [seconds]]     (defaults 15, 1)
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#define _POSIX_C_SOURCE 199309L   /* clock_gettime under -std=c99 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_errno.h>
#include "hlnn.h"
#include "bench_clock.h"

static void
bench (const char *what, hlnn_field *f, hlnn_method m, size_t K,
       double seconds)
{
  double X0[2 * 64];
  for (size_t k = 0; k < K; k++)
    {
      X0[k] = 0.8 * cos (0.4 * (double) k);
      X0[K + k] = 0.8 * sin (0.4 * (double) k);
    }
  hlnn_rollout_opts o;
  hlnn_rollout_opts_default (&o);
  o.method = m;
  o.step = 0.01;
  o.reltol = o.abstol = 1e-8;
  /* 21 output times 0.1 apart: 200 steps of 0.01 for fixed methods.
   * The machine is shared: runs repeat for 'seconds' (at least 3) and
   * the fastest run is reported beside the mean. */
  enum { T = 21 };
  double t[T];
  for (size_t i = 0; i < T; i++)
    t[i] = 0.1 * (double) i;
  double *Xs = malloc (T * 2 * K * sizeof (double));
  double *X1 = malloc (T * 2 * sizeof (double));
  hlnn_rollout_work *w = hlnn_rollout_alloc (m, K, 2);
  hlnn_rollout_stats st = { 0 };
  size_t runs = 0;
  int status = 0;
  double el = 0, best = HUGE_VAL;
  do
    {
      const double t0 = bench_now ();
      status = hlnn_rollout_run (w, f, NULL, &o, X0, T, t, Xs, &st);
      const double dt = bench_now () - t0;
      best = fmin (best, dt);
      el += dt;
      runs++;
    }
  while (!status && (el < seconds || runs < 3));
  hlnn_rollout_free (w);
  /* bitwise batch vs singles */
  size_t ndiff = 0;
  double dmax = 0;
  for (size_t k = 0; k < K && !status; k++)
    {
      const double x0[2] = { X0[k], X0[K + k] };
      status = hlnn_rollout (f, NULL, &o, 1, x0, T, t, X1, NULL);
      for (size_t i = 0; i < T * 2; i++)
        {
          const double a = Xs[(i % T) + T * ((i / T) + 2 * k)], b = X1[i];
          ndiff += memcmp (&a, &b, sizeof a) != 0;
          dmax = fmax (dmax, fabs (a - b));
        }
    }
  if (status)
    printf ("%-28s %-8s failed: %s\n", what, hlnn_method_name (m),
            hlnn_strerror (status));
  else
    {
      /* coupled adaptive: steps are batch steps, each advances K states;
       * every run does the same work (st is the last run's) */
      const double state_steps = (double) st.steps * (double) K;
      printf ("%-28s %-8s K=%zu  best %9.3g, mean %9.3g state-steps/s  "
              "%5.2f rows/state-step  %5.2f calls/step  %zu runs  batch vs "
              "singles: %zu/%zu "
              "values differ, max %.1e\n",
              what, hlnn_method_name (m), K, state_steps / best,
              state_steps * (double) runs / el,
              (double) st.rows / state_steps,
              (double) st.calls / (double) st.steps, runs, ndiff,
              (size_t) T * 2 * K, dmax);
    }
  free (Xs);
  free (X1);
}

int
main (int argc, char **argv)
{
  gsl_set_error_handler_off ();
  const size_t K = argc > 1 ? (size_t) atoi (argv[1]) : 15;
  const double seconds = argc > 2 ? atof (argv[2]) : 1.0;
  if (K < 1 || K > 64)
    return 2;
  printf ("BLAS: %s, %d thread(s)\n", hlnn_blas_name (), hlnn_blas_threads ());

  const size_t hidden[2] = { 200, 200 }, sm[4] = { 2, 200, 200, 2 };
  const size_t nmax = 2 * K;
  hlnn_hnn *hn = hlnn_hnn_alloc (1, 2, hidden, HLNN_ACT_TANH, HLNN_DISS_NONE,
                                 0.0, nmax);
  hlnn_mlp *nm = hlnn_mlp_alloc (3, sm, HLNN_ACT_TANH);
  if (!hn || !nm)
    return 1;
  double *th = malloc (hn->nparams * sizeof (double));
  double *tm = malloc (nm->nparams * sizeof (double));
  hlnn_mlp_init (hn->net, th, HLNN_INIT_GLOROT, 1);
  hlnn_mlp_init (nm, tm, HLNN_INIT_GLOROT, 2);
  hlnn_hnn_field_ctx hc = { hn, th };
  hlnn_mlp_field mf;
  hlnn_mlp_field_init (&mf, nm, tm, NULL, nmax);
  hlnn_field fh = { hlnn_hnn_field_fn, &hc, 2, 1 };
  hlnn_field fm = { hlnn_mlp_field_eval, &mf, 2, 1 };
  const hlnn_method ms[] = { HLNN_METHOD_RK4, HLNN_METHOD_MIDPOINT,
                             HLNN_METHOD_GL4, HLNN_METHOD_RK8PD };
  for (size_t i = 0; i < 4; i++)
    bench ("HNN 2-200-200-1", &fh, ms[i], K, seconds);
  for (size_t i = 0; i < 4; i++)
    bench ("MLP field 2-200-200-2", &fm, ms[i], K, seconds);
  hlnn_hnn_free (hn);
  hlnn_mlp_field_free (&mf);
  free (th);
  free (tm);
  hlnn_mlp_free (nm);
  return 0;
}
