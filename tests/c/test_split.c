/* test_split.c -- a batch shared among threads gives the batch's loss,
 * and a field's states shared among threads the batch's field.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * For each model kind, the loss and gradient through hlnn_split with 2, 3
 * and 4 parts (so 1 to 3 worker threads) against one context on the whole
 * batch: the same mean, summed in another order, so equal to rounding.
 * Also: parts left without rows, the loss alone, a failing part's status,
 * a batch above nmax, and 30 training steps through the trainer. */
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "hlnn.h"
#include "hlnn_test.h"

#define NMAX 203              /* not a multiple of 2, 3 or 4 */
#define MAXPARTS 4

/* fails on the part that holds the batch's row with input 'poison' */
static int
failing_fn (void *vctx, const double *theta, size_t nb, const double *Xb,
            const double *Yb, double *loss, double *grad)
{
  for (size_t i = 0; i < nb; i++)
    if (Xb[i] == 1234.0)
      return HLNN_ESING;
  return hlnn_test_mlp_lossgrad (vctx, theta, nb, Xb, Yb, loss, grad);
}

/* Loss and gradient of the whole batch (ctx[0] sized for NMAX) against the
 * split into nparts (ctx[1..nparts], each sized for its share), each part
 * calling fn on all its rows at once (chunk 0), in chunks of 17 rows (a
 * short last chunk; parts of 0 to 102 rows), and in chunks larger than
 * any part, which must give chunk 0's result bit for bit. */
static void
check_kind (const char *kind, hlnn_lossgrad_fn fn, void *const *ctx,
            size_t P, size_t dx, size_t dy, const double *theta,
            const double *X, const double *Y)
{
  double *g1 = malloc (P * sizeof *g1), *g2 = malloc (P * sizeof *g2);
  double *g_whole[3], l_whole[3];
  const size_t batches[3] = { NMAX, 57, 3 };
  const size_t chunks[3] = { 0, 1000, 17 };
  for (size_t b = 0; b < 3; b++)
    g_whole[b] = malloc (P * sizeof *g2);
  for (size_t nparts = 2; nparts <= MAXPARTS; nparts++)
    for (size_t c = 0; c < 3; c++)
    {
      hlnn_split *s = hlnn_split_alloc (nparts, P, NMAX, dx, dy, fn,
                                        ctx + 1);
      hlnn_test (s != NULL && hlnn_split_set_chunk (s, chunks[c]) == 0,
                 "%s: split into %zu parts allocated, chunk %zu", kind,
                 nparts, chunks[c]);
      if (!s)
        continue;
      for (size_t b = 0; b < 3; b++)
        {
          const size_t nb = batches[b];
          /* the first nb rows of X, Y as an nb-row batch */
          double *Xb = malloc (nb * dx * sizeof *Xb);
          double *Yb = malloc (nb * dy * sizeof *Yb);
          for (size_t j = 0; j < dx; j++)
            memcpy (Xb + j * nb, X + j * NMAX, nb * sizeof *Xb);
          for (size_t j = 0; j < dy; j++)
            memcpy (Yb + j * nb, Y + j * NMAX, nb * sizeof *Yb);
          double l1, l2, l3;
          const int st1 = fn (ctx[0], theta, nb, Xb, Yb, &l1, g1);
          const int st2 = hlnn_split_lossgrad (s, theta, nb, Xb, Yb, &l2, g2);
          const int st3 = hlnn_split_lossgrad (s, theta, nb, Xb, Yb, &l3,
                                               NULL);
          hlnn_test (st1 == 0 && st2 == 0 && st3 == 0,
                     "%s, %zu parts, chunk %zu, %zu rows: statuses %d %d %d",
                     kind, nparts, chunks[c], nb, st1, st2, st3);
          char what[112];
          snprintf (what, sizeof what, "%s, %zu parts, chunk %zu, %zu rows: "
                    "loss", kind, nparts, chunks[c], nb);
          hlnn_test_rel (l2, l1, 1e-13, what);
          snprintf (what, sizeof what, "%s, %zu parts, chunk %zu, %zu rows: "
                    "loss alone", kind, nparts, chunks[c], nb);
          hlnn_test_rel (l3, l1, 1e-13, what);
          const double e = hlnn_test_vec_relerr (P, g2, g1);
          hlnn_test (e <= 1e-13, "%s, %zu parts, chunk %zu, %zu rows: "
                     "gradient (rel err %.3g, tol 1e-13)", kind, nparts,
                     chunks[c], nb, e);
          if (chunks[c] == 0)
            {
              memcpy (g_whole[b], g2, P * sizeof *g2);
              l_whole[b] = l2;
            }
          else if (chunks[c] >= NMAX)
            hlnn_test (l2 == l_whole[b]
                       && memcmp (g2, g_whole[b], P * sizeof *g2) == 0,
                       "%s, %zu parts, %zu rows: chunks above the part's "
                       "rows give the unchunked loss and gradient bit for "
                       "bit", kind, nparts, nb);
          free (Xb);
          free (Yb);
        }
      double l;
      hlnn_test (hlnn_split_lossgrad (s, theta, NMAX + 1, X, Y, &l, g2)
                 == HLNN_EDOM, "%s, %zu parts: a batch above nmax is "
                 "HLNN_EDOM", kind, nparts);
      hlnn_split_free (s);
    }
  for (size_t b = 0; b < 3; b++)
    free (g_whole[b]);
  free (g1);
  free (g2);
}

/* 30 Adam steps on minibatches of 64 through the trainer, whole and
 * split in 2: the same losses to rounding. */
static void
check_training (hlnn_lossgrad_fn fn, void *const *ctx, size_t P, size_t N,
                const double *X, const double *Y, const double *theta0)
{
  enum { STEPS = 30, BATCH = 64 };
  double losses[2][STEPS];
  hlnn_split *s = hlnn_split_alloc (2, P, BATCH, 2, 2, fn, ctx + 1);
  for (int split = 0; split < 2; split++)
    {
      double *theta = malloc (P * sizeof *theta);
      double *m = calloc (P, sizeof *m), *v = calloc (P, sizeof *v);
      memcpy (theta, theta0, P * sizeof *theta);
      hlnn_trainer *tr = hlnn_trainer_alloc (P, N, 2, 2, BATCH);
      hlnn_optim_params p;
      hlnn_optim_params_default (&p, HLNN_OPTIM_ADAM);
      unsigned long t = 0;
      size_t done = 0, nl = 0;
      if (split)
        hlnn_trainer_run (tr, hlnn_split_lossgrad, s, X, Y, 7, &p, theta, m,
                          v, &t, STEPS, losses[1], &done, &nl);
      else
        hlnn_trainer_run (tr, fn, ctx[0], X, Y, 7, &p, theta, m, v, &t,
                          STEPS, losses[0], &done, &nl);
      hlnn_test (done == STEPS, "training %s: %zu of %d steps", split
                 ? "split in 2" : "whole", done, STEPS);
      hlnn_trainer_free (tr);
      free (theta); free (m); free (v);
    }
  const double e = hlnn_test_vec_relerr (STEPS, losses[1], losses[0]);
  hlnn_test (e <= 1e-10 && losses[0][STEPS - 1] < losses[0][0],
             "30 training steps split in 2: losses %.6g -> %.6g, rel err "
             "%.3g against the whole batch (tol 1e-10)", losses[0][0],
             losses[0][STEPS - 1], e);
  hlnn_split_free (s);
}

int
main (void)
{
  gsl_set_error_handler_off ();   /* statuses, as in the MEX gateways */
  const size_t N = 300;
  double *X = malloc (N * 4 * sizeof *X), *Y = malloc (N * 4 * sizeof *Y);
  for (size_t i = 0; i < N * 4; i++)
    {
      X[i] = sin (0.37 * (double) i);
      Y[i] = cos (0.11 * (double) i);
    }
  /* the batches are the first NMAX rows, stored with leading dimension
   * NMAX */
  double *Xn = malloc (NMAX * 4 * sizeof *Xn), *Yn = malloc (NMAX * 4 * sizeof *Yn);
  for (size_t j = 0; j < 4; j++)
    {
      memcpy (Xn + j * NMAX, X + j * N, NMAX * sizeof *Xn);
      memcpy (Yn + j * NMAX, Y + j * N, NMAX * sizeof *Yn);
    }
  const size_t hidden[2] = { 16, 12 };
  double *theta = malloc (4096 * sizeof *theta);
  void *ctx[1 + MAXPARTS];

  /* MLP 2 -> 16 -> 12 -> 2: ctx[0] whole, ctx[1..] parts of up to
   * ceil(NMAX / 2) rows (enough for 3 and 4 parts too) */
  size_t sizes[4] = { 2, 16, 12, 2 };
  hlnn_mlp *net = hlnn_mlp_alloc (3, sizes, HLNN_ACT_TANH);
  hlnn_test_mlp mc[1 + MAXPARTS];
  for (size_t k = 0; k <= MAXPARTS; k++)
    {
      mc[k].net = net;
      mc[k].w = hlnn_mlp_work_alloc (net, k ? hlnn_split_rows (2, NMAX)
                                            : NMAX, 1);
      ctx[k] = &mc[k];
    }
  hlnn_mlp_init (net, theta, HLNN_INIT_GLOROT, 1);
  check_kind ("mlp", hlnn_test_mlp_lossgrad, ctx, net->nparams, 2, 2, theta,
              Xn, Yn);
  check_training (hlnn_test_mlp_lossgrad, ctx, net->nparams, N, X, Y, theta);

  /* a failing part: its status comes back, whichever part it is */
  hlnn_split *s = hlnn_split_alloc (3, net->nparams, NMAX, 2, 2, failing_fn,
                                    ctx + 1);
  for (size_t row = 0; row < NMAX; row += 100)
    {
      const double keep = Xn[row];
      Xn[row] = 1234.0;
      double l, *g = malloc (net->nparams * sizeof *g);
      const int st = hlnn_split_lossgrad (s, theta, NMAX, Xn, Yn, &l, g);
      hlnn_test (st == HLNN_ESING, "a part failing on row %zu: status %d "
                 "(want HLNN_ESING)", row, st);
      free (g);
      Xn[row] = keep;
    }
  hlnn_split_free (s);
  hlnn_test (hlnn_split_parts (2, 750, 32) == 2
             && hlnn_split_parts (2, 64, 32) == 2
             && hlnn_split_parts (2, 63, 32) == 1
             && hlnn_split_parts (4, 100, 32) == 3
             && hlnn_split_parts (1, 1000, 32) == 1
             && hlnn_split_parts (0, 1000, 32) == 1
             && hlnn_split_parts (1000, 100000, 1) == HLNN_SPLIT_MAX_PARTS,
             "part counts: one per thread, none under 32 rows, at most %d",
             HLNN_SPLIT_MAX_PARTS);
  const hlnn_lossgrad_fn fn = hlnn_test_mlp_lossgrad;
  hlnn_test (hlnn_split_alloc (0, 10, 10, 2, 2, fn, ctx) == NULL
             && hlnn_split_alloc (HLNN_SPLIT_MAX_PARTS + 1, 10, 10, 2, 2, fn,
                                  ctx) == NULL
             && hlnn_split_alloc (2, 10, 0, 2, 2, fn, ctx) == NULL,
             "bad part counts and sizes are refused");
  for (size_t k = 0; k <= MAXPARTS; k++)
    hlnn_mlp_work_free (mc[k].w);
  hlnn_mlp_free (net);

  /* HNN n = 1 with learned dissipation: its gradient has a term outside
   * the network */
  hlnn_hnn *h[1 + MAXPARTS];
  for (size_t k = 0; k <= MAXPARTS; k++)
    {
      h[k] = hlnn_hnn_alloc (1, 2, hidden, HLNN_ACT_TANH, HLNN_DISS_LEARNED,
                             0.0, k ? hlnn_split_rows (2, NMAX) : NMAX);
      ctx[k] = h[k];
    }
  hlnn_mlp_init (h[0]->net, theta, HLNN_INIT_GLOROT, 2);
  theta[h[0]->nparams - 1] = -1.0;
  check_kind ("hnn", hlnn_hnn_lossgrad, ctx, h[0]->nparams, 2, 2, theta, Xn,
              Yn);
  check_training (hlnn_hnn_lossgrad, ctx, h[0]->nparams, N, X, Y, theta);

  /* the HNN's field with its states dealt among 2-4 parts, against the
   * whole batch: each row's field is its own, so equal to rounding */
  {
    const size_t K = 37;
    double F1[37 * 2], F2[37 * 2];
    hlnn_hnn_field_ctx fc[1 + MAXPARTS];
    void *fctx[1 + MAXPARTS];
    for (size_t k = 0; k <= MAXPARTS; k++)
      {
        fc[k].h = h[k];
        fc[k].theta = theta;
        fctx[k] = &fc[k];
      }
    for (size_t nparts = 2; nparts <= MAXPARTS; nparts++)
      {
        hlnn_split *fs = hlnn_split_field_alloc (nparts, 2 * K, 2,
                                                 hlnn_hnn_field_fn, fctx + 1);
        hlnn_test (fs != NULL && hlnn_split_set_chunk (fs, 4) == HLNN_EDOM,
                   "field split into %zu parts allocated; it takes no "
                   "chunks (HLNN_EDOM)", nparts);
        if (!fs)
          continue;
        const int st1 = hlnn_hnn_field_fn (fctx[0], 0.0, K, Xn, F1);
        const int st2 = hlnn_split_field (fs, 0.0, K, Xn, F2);
        const double e = hlnn_test_vec_relerr (2 * K, F2, F1);
        hlnn_test (st1 == 0 && st2 == 0 && e <= 1e-14, "hnn field, "
                   "%zu states in %zu parts: rel. err. %.3g against the "
                   "whole batch (tol 1e-14)", K, nparts, e);
        double Fbig[2 * 2 * 37 + 2];
        hlnn_test (hlnn_split_field (fs, 0.0, 2 * K + 1, Xn, Fbig)
                   == HLNN_EDOM && hlnn_split_lossgrad (fs, theta, K, Xn, Yn,
                                                        Fbig, NULL)
                   == HLNN_EDOM, "a field split refuses more than nmax "
                   "states and a loss");
        hlnn_split_free (fs);
      }
  }
  for (size_t k = 0; k <= MAXPARTS; k++)
    hlnn_hnn_free (h[k]);

  /* LNN n = 2 */
  hlnn_lnn_loss_ctx lc[1 + MAXPARTS];
  memset (lc, 0, sizeof lc);
  for (size_t k = 0; k <= MAXPARTS; k++)
    {
      lc[k].l = hlnn_lnn_alloc (2, 2, hidden, HLNN_ACT_SOFTPLUS,
                                k ? hlnn_split_rows (2, NMAX) : NMAX);
      ctx[k] = &lc[k];
    }
  hlnn_lnn_init_cranmer (lc[0].l->net, theta, 1);
  check_kind ("lnn", hlnn_lnn_lossgrad, ctx, lc[0].l->nparams, 4, 2, theta,
              Xn, Yn);
  for (size_t k = 0; k <= MAXPARTS; k++)
    hlnn_lnn_free (lc[k].l);

  free (X); free (Y); free (Xn); free (Yn); free (theta);
  return hlnn_test_summary ();
}
