/* test_optim.c -- optimizer steps against hand-computed values; trainer
 * determinism and exact resume.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <stdlib.h>
#include <string.h>
#include "hlnn.h"
#include "hlnn_test.h"

/* Adam as written in Kingma & Ba (bias-corrected moments), evaluated in a
 * different order from optim.c: an independent check of the formula. */
static double
adam_by_hand (double theta, const double *g, int steps, double lr, double wd,
              int decoupled)
{
  const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
  double m = 0, v = 0;
  for (int t = 1; t <= steps; t++)
    {
      double gt = g[t - 1];
      if (decoupled)
        theta = theta - lr * wd * theta;
      else
        gt = gt + wd * theta;
      m = b1 * m + (1 - b1) * gt;
      v = b2 * v + (1 - b2) * gt * gt;
      const double mhat = m / (1 - pow (b1, t));
      const double vhat = v / (1 - pow (b2, t));
      theta = theta - lr * mhat / (sqrt (vhat) + eps);
    }
  return theta;
}

static void
test_adam (hlnn_optim_kind kind, double wd)
{
  /* Two coordinates fed fixed gradient sequences. */
  const double g0[3] = { 0.5, -0.25, 0.125 }, g1[3] = { -0.1, 0.3, 0.7 };
  hlnn_optim_params p;
  hlnn_optim_params_default (&p, kind);
  p.lr = 0.1;
  p.weight_decay = wd;
  double theta[2] = { 1.0, -2.0 }, m[2] = { 0 }, v[2] = { 0 };
  unsigned long t = 0;
  for (int k = 0; k < 3; k++)
    {
      double g[2] = { g0[k], g1[k] };
      hlnn_optim_step (&p, 2, theta, g, m, v, &t);
    }
  const int dec = kind == HLNN_OPTIM_ADAMW;
  hlnn_test_rel (theta[0], adam_by_hand (1.0, g0, 3, 0.1, wd, dec), 1e-12,
                 kind == HLNN_OPTIM_ADAM ? "adam coord 0 after 3 steps"
                                         : "adamw coord 0 after 3 steps");
  hlnn_test_rel (theta[1], adam_by_hand (-2.0, g1, 3, 0.1, wd, dec), 1e-12,
                 kind == HLNN_OPTIM_ADAM ? "adam coord 1 after 3 steps"
                                         : "adamw coord 1 after 3 steps");
  hlnn_test (t == 3, "step counter is 3 after 3 steps");
}

static void
test_adam_first_step_closed_form (void)
{
  /* After one step bias correction makes mhat = g, vhat = g^2, so the
   * update is lr * g / (|g| + eps). */
  hlnn_optim_params p;
  hlnn_optim_params_default (&p, HLNN_OPTIM_ADAM);
  p.lr = 0.01;
  double theta[1] = { 0.3 }, g[1] = { -4.0 }, m[1] = { 0 }, v[1] = { 0 };
  unsigned long t = 0;
  hlnn_optim_step (&p, 1, theta, g, m, v, &t);
  hlnn_test_rel (theta[0], 0.3 + 0.01 * 4.0 / (4.0 + 1e-8), 1e-15,
                 "adam first step = lr g/(|g|+eps)");
}

static void
test_sgd (void)
{
  hlnn_optim_params p;
  hlnn_optim_params_default (&p, HLNN_OPTIM_SGD);
  p.lr = 0.1;
  p.momentum = 0.9;
  double theta[1] = { 1.0 }, m[1] = { 0 }, v[1] = { 0 };
  unsigned long t = 0;
  double g[1] = { 2.0 };
  hlnn_optim_step (&p, 1, theta, g, m, v, &t);   /* buf = 2, theta = 0.8 */
  g[0] = 1.0;
  hlnn_optim_step (&p, 1, theta, g, m, v, &t);   /* buf = 2.8, theta = 0.52 */
  hlnn_test_rel (theta[0], 0.52, 1e-14, "sgd momentum two steps by hand");
}

static void
test_clip (void)
{
  double g[2] = { 3.0, 4.0 };
  const double norm = hlnn_optim_clip (2, g, 1.0);
  hlnn_test_rel (norm, 5.0, 1e-15, "clip returns the norm before clipping");
  hlnn_test_rel (g[0], 3.0 / (5.0 + 1e-6), 1e-15, "clip scales by max/(norm+1e-6)");
}

/* ---- trainer: same seed => same bits; resume == uninterrupted ---------- */
static void
train_run (size_t steps_a, size_t steps_b, double *theta_out,
           hlnn_optim_kind kind, double lr, int *status_out, size_t *done_out)
{
  const size_t N = 200, batch = 32;
  size_t sizes[4] = { 1, 16, 16, 1 };
  hlnn_test_mlp c;
  c.net = hlnn_mlp_alloc (3, sizes, HLNN_ACT_TANH);
  c.w = hlnn_mlp_work_alloc (c.net, batch, 1);
  const size_t P = c.net->nparams;
  double X[200], Y[200];
  for (size_t i = 0; i < N; i++)
    {
      X[i] = -3.0 + 6.0 * (double) i / (N - 1);
      Y[i] = sin (X[i]);
    }
  double *m = calloc (P, sizeof *m), *v = calloc (P, sizeof *v);
  hlnn_mlp_init (c.net, theta_out, HLNN_INIT_GLOROT, 42);
  hlnn_optim_params p;
  hlnn_optim_params_default (&p, kind);
  p.lr = lr;
  hlnn_trainer *tr = hlnn_trainer_alloc (P, N, 1, 1, batch);
  unsigned long t = 0;
  size_t done = 0, total = 0, nl;
  int st = hlnn_trainer_run (tr, hlnn_test_mlp_lossgrad, &c, X, Y, 9, &p,
                             theta_out, m, v, &t, steps_a, NULL, &done, &nl);
  total += done;
  if (st == 0 && steps_b)
    {
      /* a fresh trainer, as after save/load: only t carries over */
      hlnn_trainer_free (tr);
      tr = hlnn_trainer_alloc (P, N, 1, 1, batch);
      st = hlnn_trainer_run (tr, hlnn_test_mlp_lossgrad, &c, X, Y, 9, &p,
                             theta_out, m, v, &t, steps_b, NULL, &done,
                             &nl);
      total += done;
    }
  *status_out = st;
  *done_out = total;
  hlnn_trainer_free (tr);
  free (m);
  free (v);
  hlnn_mlp_work_free (c.w);
  hlnn_mlp_free (c.net);
}

static void
test_trainer (void)
{
  double a[600], b[600], c[600];
  int st;
  size_t done;
  train_run (50, 0, a, HLNN_OPTIM_ADAM, 1e-2, &st, &done);
  train_run (50, 0, b, HLNN_OPTIM_ADAM, 1e-2, &st, &done);
  train_run (20, 30, c, HLNN_OPTIM_ADAM, 1e-2, &st, &done);
  const size_t P = 1 * 16 + 16 + 16 * 16 + 16 + 16 + 1;
  hlnn_test (memcmp (a, b, P * sizeof (double)) == 0,
             "same seed => bit-identical parameters after 50 steps");
  hlnn_test (memcmp (a, c, P * sizeof (double)) == 0,
             "20 + 30 resumed steps == 50 uninterrupted steps, bit for bit");
  train_run (200, 0, a, HLNN_OPTIM_SGD, 1e6, &st, &done);
  int finite = 1;
  for (size_t i = 0; i < P; i++)
    finite &= isfinite (a[i]);
  hlnn_test (st == HLNN_ENAN && finite && done < 200,
             "absurd learning rate stops with HLNN_ENAN after %zu steps, "
             "parameters finite", done);
}

static void
test_batches (void)
{
  hlnn_trainer *tr = hlnn_trainer_alloc (1, 100, 1, 1, 10);
  size_t idx[10], idx2[10];
  hlnn_trainer_batch (tr, 5, 17, idx);
  hlnn_trainer_batch (tr, 5, 3, idx2);
  hlnn_trainer_batch (tr, 5, 17, idx2);
  int same = memcmp (idx, idx2, sizeof idx) == 0, distinct = 1;
  for (int i = 0; i < 10; i++)
    for (int j = 0; j < i; j++)
      distinct &= idx[i] != idx[j];
  int identity = 1;
  for (size_t i = 0; i < 100; i++)
    identity &= tr->perm[i] == i;
  hlnn_test (same && distinct && identity,
             "minibatch of a step depends only on (seed, step); no repeats; "
             "permutation restored");
  hlnn_trainer_free (tr);
}

/* The update loop is vectorised (optim.c): at each width, over 1001
 * coordinates (the vector body and its remainder) every one must equal,
 * bit for bit, the scalar evaluation of PyTorch's form of the update,
 * and agree with the textbook form above to rounding.  With
 * theta_shared, theta is written by the streaming loop, which takes a
 * scalar head up to the vector's alignment: 'offset' coordinates past a
 * 64-byte aligned start give heads of 0 to 7. */
static void
test_adam_vector (int lanes, hlnn_optim_kind kind, double wd, int shared,
                  size_t offset)
{
  enum { P = 1001, STEPS = 5 };
  const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  static double store[P + 8] __attribute__ ((aligned (64)));
  double *theta = store + offset;
  double m[P] = { 0 }, v[P] = { 0 }, g[P];
  double ref[P], mr[P] = { 0 }, vr[P] = { 0 }, gseq[P][STEPS];
  hlnn_optim_params p;
  hlnn_optim_params_default (&p, kind);
  p.lr = lr;
  p.weight_decay = wd;
  p.theta_shared = shared;
  for (size_t i = 0; i < P; i++)
    theta[i] = ref[i] = sin (0.3 * (double) i);
  unsigned long t = 0;
  const int dec = kind == HLNN_OPTIM_ADAMW;
  for (int k = 0; k < STEPS; k++)
    {
      for (size_t i = 0; i < P; i++)
        g[i] = gseq[i][k] = cos (0.7 * (double) i + k) * (1 + k % 3);
      const double step_size = lr / (1 - pow (b1, k + 1));
      const double sqrt_bc2 = sqrt (1 - pow (b2, k + 1));
      for (size_t i = 0; i < P; i++)
        {
          double gi = g[i];
          if (dec)
            ref[i] *= 1 - lr * wd;
          else
            gi += wd * ref[i];
          mr[i] = b1 * mr[i] + (1 - b1) * gi;
          vr[i] = b2 * vr[i] + (1 - b2) * gi * gi;
          ref[i] -= step_size * mr[i] / (sqrt (vr[i]) / sqrt_bc2 + eps);
        }
      hlnn_optim_set_lanes (lanes);
      hlnn_optim_step (&p, P, theta, g, m, v, &t);
      hlnn_optim_set_lanes (0);
    }
  size_t differ = 0;
  double worst = 0;
  for (size_t i = 0; i < P; i++)
    {
      differ += theta[i] != ref[i] || m[i] != mr[i] || v[i] != vr[i];
      const double want = adam_by_hand (sin (0.3 * (double) i), gseq[i],
                                        STEPS, lr, wd, dec);
      const double e = fabs (theta[i] - want) / fmax (fabs (want), 1e-300);
      worst = e > worst ? e : worst;
    }
  hlnn_test (differ == 0 && worst <= 1e-12, "%s (weight decay %g)%s on "
             "%d lanes, %d coordinates from offset %zu, %d steps: %zu "
             "differ from the scalar update, worst rel. err. %.3g against "
             "the textbook form (tol 1e-12)", dec ? "adamw" : "adam", wd,
             shared ? ", theta shared (streamed)" : "", lanes, P, offset,
             STEPS, differ, worst);
}

/* hlnn_optim_step_to: the update written elsewhere equals the update in
 * place bit for bit and leaves its inputs alone; a non-finite entry of
 * the new theta (an infinite gradient, or an overflow) is HLNN_ENAN, a
 * finite update HLNN_SUCCESS. */
static void
test_step_to (hlnn_optim_kind kind, int shared)
{
  enum { P = 203 };
  double theta[P], g[P], m[P], v[P];
  double th_in[P], g_in[P], m_in[P], v_in[P];
  double th_new[P], m_new[P], v_new[P];
  hlnn_optim_params p;
  hlnn_optim_params_default (&p, kind);
  p.lr = 0.01;
  p.momentum = kind == HLNN_OPTIM_SGD ? 0.9 : 0.0;
  p.weight_decay = 0.01;
  p.theta_shared = shared;
  const char *name = kind == HLNN_OPTIM_SGD ? "sgd"
                     : kind == HLNN_OPTIM_ADAMW ? "adamw" : "adam";
  for (size_t i = 0; i < P; i++)
    {
      theta[i] = th_in[i] = sin (0.3 * (double) i);
      g[i] = g_in[i] = cos (0.7 * (double) i);
      m[i] = m_in[i] = 0.1 * sin (1.1 * (double) i);
      v[i] = v_in[i] = 0.01 * (1.0 + cos (0.2 * (double) i));
    }
  unsigned long t_in_place = 3, t_to = 3;
  const int st_in_place = hlnn_optim_step (&p, P, theta, g, m, v,
                                           &t_in_place);
  const int st_to = hlnn_optim_step_to (&p, P, th_in, g_in, m_in, v_in,
                                        th_new, m_new, v_new, &t_to);
  size_t differ = 0, moved = 0;
  for (size_t i = 0; i < P; i++)
    {
      differ += th_new[i] != theta[i] || m_new[i] != m[i] || v_new[i] != v[i];
      moved += th_in[i] != sin (0.3 * (double) i)
               || m_in[i] != 0.1 * sin (1.1 * (double) i)
               || v_in[i] != 0.01 * (1.0 + cos (0.2 * (double) i));
    }
  hlnn_test (st_in_place == HLNN_SUCCESS && st_to == HLNN_SUCCESS
             && t_in_place == 4 && t_to == 4 && differ == 0 && moved == 0,
             "%s%s: step_to equals the update in place (%zu of %d "
             "coordinates differ), its inputs untouched (%zu changed), "
             "status %d and %d", name, shared ? ", streamed" : "", differ,
             P, moved, st_in_place, st_to);

  g_in[P - 5] = HUGE_VAL;
  const int st_inf = hlnn_optim_step_to (&p, P, th_in, g_in, m_in, v_in,
                                         th_new, m_new, v_new, &t_to);
  g_in[P - 5] = 0.0;
  th_in[17] = 1e308;
  p.lr = 1e300;
  const int st_over = hlnn_optim_step_to (&p, P, th_in, g_in, m_in, v_in,
                                          th_new, m_new, v_new, &t_to);
  hlnn_test (st_inf == HLNN_ENAN && st_over == HLNN_ENAN,
             "%s: an infinite gradient and an overflowing update are "
             "HLNN_ENAN (status %d, %d)", name, st_inf, st_over);
}

int
main (void)
{
  test_adam (HLNN_OPTIM_ADAM, 0.0);
  test_adam (HLNN_OPTIM_ADAM, 0.01);
  test_adam (HLNN_OPTIM_ADAMW, 0.01);
  /* every width this CPU has: 1, then 4 and 8 where it has them */
  for (int lanes = 1; lanes <= 8; lanes *= 2)
    {
      hlnn_optim_set_lanes (lanes);
      const int have = hlnn_optim_lanes () == lanes;
      hlnn_optim_set_lanes (0);
      if (!have)
        continue;
      test_adam_vector (lanes, HLNN_OPTIM_ADAM, 0.0, 0, 0);
      test_adam_vector (lanes, HLNN_OPTIM_ADAM, 0.01, 0, 0);
      test_adam_vector (lanes, HLNN_OPTIM_ADAMW, 0.01, 0, 0);
      for (size_t offset = 0; offset < 8; offset++)
        {
          test_adam_vector (lanes, HLNN_OPTIM_ADAM, 0.0, 1, offset);
          test_adam_vector (lanes, HLNN_OPTIM_ADAM, 0.01, 1, offset);
          test_adam_vector (lanes, HLNN_OPTIM_ADAMW, 0.01, 1, offset);
        }
    }
  test_step_to (HLNN_OPTIM_ADAM, 0);
  test_step_to (HLNN_OPTIM_ADAM, 1);
  test_step_to (HLNN_OPTIM_ADAMW, 1);
  test_step_to (HLNN_OPTIM_SGD, 0);
  test_adam_first_step_closed_form ();
  test_sgd ();
  test_clip ();
  test_trainer ();
  test_batches ();
  return hlnn_test_summary ();
}
