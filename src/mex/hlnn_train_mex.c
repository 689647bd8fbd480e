/* hlnn_train_mex.c -- a chunk of optimizer steps on one model.
 *
 *   [model, losses, info] = hlnn_train_mex (model, X, Y, cfg)
 *   hlnn_train_mex ('release')     % free the workspace kept between calls
 *
 * cfg: steps, batch, lr, optimizer ('adam'|'adamw'|'sgd'), beta1, beta2,
 * eps, momentum, weight_decay, clip_norm, seed.  model.opt holds the
 * optimizer state (step, m, v); it is read and written back, so successive
 * calls continue exactly as one uninterrupted run.  info.status is 'ok',
 * 'diverged' (model is the last one with a finite loss) or
 * 'diverged_at_start' (the first step already failed; model unchanged).
 * Called by the private training loop of mlp_train/hnn_train/lnn_train.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "hlnn_mex.h"

enum { IN_MODEL, IN_X, IN_Y, IN_CFG, N_IN };
enum { OUT_MODEL, OUT_LOSSES, OUT_INFO, N_OUT };

static double
cfg_scalar (const mxArray *cfg, const char *field, double lo, double hi,
            int integer)
{
  char name[64];
  snprintf (name, sizeof name, "cfg.%s", field);
  const mxArray *a = mxGetField (cfg, 0, field);
  if (!a)
    hlnn_mex_fail ("train:cfg", "%s is missing", name);
  return hlnn_mex_scalar (a, name, integer, lo, hi);
}

/* model.opt.<field> as a column of length P, or NULL when empty/absent. */
static const double *
opt_vector (const mxArray *opt, const char *field, size_t P)
{
  const mxArray *a = opt ? mxGetField (opt, 0, field) : NULL;
  if (!a || mxIsEmpty (a))
    return NULL;
  char name[64];
  snprintf (name, sizeof name, "model.opt.%s", field);
  return hlnn_mex_matrix (a, name, P, 1, 1);
}

/* Rows per part below which a batch is not shared among threads: the
 * hand-off costs tens of microseconds, the work of so few rows less. */
#define MIN_PART_ROWS 32

/* The workspace of the previous call, kept for the next chunk of the same
 * training run: allocated anew per chunk it cost ~15 % of an LNN step and
 * ~17 % of an HNN step at N = 1e4 in page faults (doc/performance.md), and
 * when steps are slow a chunk is one step.  Reused only when every size it
 * depends on is the same; hlnn_train_mex ('release') frees it (the
 * training loop does so when it returns, also on an error or Ctrl-C), and
 * with it the split's worker threads. */
static struct {
  hlnn_mex_objective *obj[HLNN_SPLIT_MAX_PARTS];
  size_t nparts;
  size_t nparts_asked;        /* more than nparts after a fallback */
  hlnn_split *split;          /* NULL when one part takes the batch
                                 whole, in one call */
  hlnn_trainer *tr;
  hlnn_kind kind;
  hlnn_act act;
  size_t nlayers, sizes[HLNN_MEX_MAX_LAYERS + 1], n, N, dx, dy, batch, P;
  int dissipation;
  double gamma;
} cache;

static void
cache_release (void)
{
  hlnn_split_free (cache.split);
  hlnn_trainer_free (cache.tr);
  for (size_t k = 0; k < cache.nparts; k++)
    {
      hlnn_mex_objective_free (cache.obj[k]);
      cache.obj[k] = NULL;
    }
  cache.split = NULL;
  cache.tr = NULL;
  cache.nparts = 0;
  cache.nparts_asked = 0;
}

static int
cache_matches (const hlnn_mex_model *m, size_t N, size_t dx, size_t dy,
               size_t batch, size_t nparts)
{
  return cache.tr && cache.nparts_asked == nparts && cache.kind == m->kind
         && cache.act == m->act && cache.nlayers == m->nlayers
         && memcmp (cache.sizes, m->sizes, (m->nlayers + 1) * sizeof (size_t)) == 0
         && cache.n == m->n && cache.N == N && cache.dx == dx
         && cache.dy == dy && cache.batch == batch && cache.P == m->ntheta
         && cache.dissipation == m->dissipation && cache.gamma == m->gamma;
}

/* About how many rows a part hands to the objective at a time
 * (hlnn_split_set_chunk), 0 for all at once; cache_fill makes the chunks
 * of a part equal.  Measured with a C driver of the trainer on two
 * threads, chunked against whole, alternating (doc/performance.md): an
 * HNN of width 64 to 200 ran 8-31 % faster a step in chunks of 192 rows,
 * at width 256 as fast, at 512 11 % slower; an MLP of width 64 8-20 %
 * faster, at widths 128 and 200 3-8 % slower (its passes between the
 * GEMMs touch half an HNN's arrays).  The LNN was not measured. */
static size_t
chunk_rows (const hlnn_mex_model *m)
{
  size_t width = 0;
  for (size_t l = 1; l < m->nlayers; l++)
    width = m->sizes[l] > width ? m->sizes[l] : width;
  if ((m->kind == HLNN_KIND_HNN && width <= 200)
      || (m->kind == HLNN_KIND_MLP && width <= 64))
    return 192;
  return 0;
}

/* Fills the cache for this model and sizes; a status on failure, the
 * cache then empty. */
static int
cache_fill (const hlnn_mex_model *m, size_t N, size_t dx, size_t dy,
            size_t batch, size_t nparts)
{
  int st = HLNN_SUCCESS;
  const size_t part_rows = hlnn_split_rows (nparts, batch);
  const size_t target = chunk_rows (m);
  /* equal chunks: a part of 193 rows in 97 + 96, not 192 + 1 */
  const size_t nchunks = target ? (part_rows + target - 1) / target : 1;
  const size_t chunk = nchunks > 1 ? (part_rows + nchunks - 1) / nchunks : 0;
  const size_t rows = chunk ? chunk : part_rows;
  cache.nparts = nparts;
  for (size_t k = 0; k < nparts; k++)
    if (!(cache.obj[k] = hlnn_mex_objective_alloc (m, rows, &st)))
      goto fail;
  st = HLNN_ENOMEM;
  if (nparts > 1 || chunk)
    {
      void *ctx[HLNN_SPLIT_MAX_PARTS];
      for (size_t k = 0; k < nparts; k++)
        ctx[k] = hlnn_mex_objective_ctx (cache.obj[k]);
      cache.split = hlnn_split_alloc (nparts, m->ntheta, batch, dx, dy,
                                      hlnn_mex_objective_fn (), ctx);
      if (!cache.split)
        goto fail;
      st = hlnn_split_set_chunk (cache.split, chunk);
      if (st)
        goto fail;
      st = HLNN_ENOMEM;
    }
  if (!(cache.tr = hlnn_trainer_alloc (m->ntheta, N, dx, dy, batch)))
    goto fail;
  cache.kind = m->kind;
  cache.act = m->act;
  cache.nlayers = m->nlayers;
  memcpy (cache.sizes, m->sizes, (m->nlayers + 1) * sizeof (size_t));
  cache.n = m->n;
  cache.N = N;
  cache.dx = dx;
  cache.dy = dy;
  cache.batch = batch;
  cache.P = m->ntheta;
  cache.dissipation = m->dissipation;
  cache.gamma = m->gamma;
  return HLNN_SUCCESS;
fail:
  cache_release ();
  return st;
}

void
mexFunction (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  hlnn_mex_init ();
  if (nrhs == 1 && mxIsChar (prhs[0]))
    {
      char cmd[16];
      hlnn_mex_string (prhs[0], "command", cmd, sizeof cmd);
      if (strcmp (cmd, "release") != 0)
        hlnn_mex_fail ("train:command", "the only command is 'release', "
                       "got '%s'", cmd);
      cache_release ();
      return;
    }
  mexAtExit (cache_release);
  hlnn_mex_check_nargs (nrhs, N_IN, N_IN, nlhs, N_OUT, "hlnn_train_mex");

  const mxArray *cfg = prhs[IN_CFG];
  if (!mxIsStruct (cfg) || mxGetNumberOfElements (cfg) != 1)
    hlnn_mex_fail ("train:cfg", "cfg must be a scalar struct");
  hlnn_optim_params p;
  char optname[16];
  const mxArray *on = mxGetField (cfg, 0, "optimizer");
  if (!on)
    hlnn_mex_fail ("train:cfg", "cfg.optimizer is missing");
  hlnn_mex_string (on, "cfg.optimizer", optname, sizeof optname);
  if (strcmp (optname, "adam") == 0)
    hlnn_optim_params_default (&p, HLNN_OPTIM_ADAM);
  else if (strcmp (optname, "adamw") == 0)
    hlnn_optim_params_default (&p, HLNN_OPTIM_ADAMW);
  else if (strcmp (optname, "sgd") == 0)
    hlnn_optim_params_default (&p, HLNN_OPTIM_SGD);
  else
    hlnn_mex_fail ("train:optimizer", "cfg.optimizer must be 'adam', "
                   "'adamw' or 'sgd', got '%s'", optname);
  const size_t steps = (size_t) cfg_scalar (cfg, "steps", 0, 1e12, 1);
  const double batch_req = cfg_scalar (cfg, "batch", 1, 1e15, 1);
  p.lr = cfg_scalar (cfg, "lr", 0, HUGE_VAL, 0);
  p.beta1 = cfg_scalar (cfg, "beta1", 0, 1, 0);
  p.beta2 = cfg_scalar (cfg, "beta2", 0, 1, 0);
  p.eps = cfg_scalar (cfg, "eps", 0, HUGE_VAL, 0);
  p.momentum = cfg_scalar (cfg, "momentum", 0, 1, 0);
  p.weight_decay = cfg_scalar (cfg, "weight_decay", 0, HUGE_VAL, 0);
  p.clip_norm = cfg_scalar (cfg, "clip_norm", 0, HUGE_VAL, 0);
  const unsigned long seed =
    (unsigned long) cfg_scalar (cfg, "seed", 0, 4294967295.0, 1);
  /* the open ends of the ranges above, each named */
  if (!(p.lr > 0))
    hlnn_mex_fail ("arg:range", "cfg.lr must be positive");
  if (!(p.eps > 0))
    hlnn_mex_fail ("arg:range", "cfg.eps must be positive");
  if (!(p.beta1 < 1) || !(p.beta2 < 1) || !(p.momentum < 1))
    hlnn_mex_fail ("arg:range", "%s must be below 1",
                   !(p.beta1 < 1) ? "cfg.beta1"
                   : !(p.beta2 < 1) ? "cfg.beta2" : "cfg.momentum");
  if (hlnn_optim_params_check (&p))
    hlnn_mex_fail ("train:cfg", "optimizer settings out of range (lr > 0, "
                   "0 <= beta < 1, eps > 0, 0 <= momentum < 1)");

  hlnn_mex_model m;
  hlnn_mex_model_read (prhs[IN_MODEL], "model", &m);
  size_t dx, dy;
  hlnn_mex_model_data_dims (&m, &dx, &dy);
  const mxArray *Xa = prhs[IN_X], *Ya = prhs[IN_Y];
  const double *X = hlnn_mex_matrix (Xa, "X", 0, dx, 1);
  const double *Y = hlnn_mex_matrix (Ya, "Y", 0, dy, 1);
  if (mxGetM (Xa) != mxGetM (Ya))
    hlnn_mex_fail ("train:data", "X and Y must have the same number of rows "
                   "(got %zu and %zu)", mxGetM (Xa), mxGetM (Ya));
  const mxArray *opt = mxGetField (prhs[IN_MODEL], 0, "opt");
  if (opt && (!mxIsStruct (opt) || mxGetNumberOfElements (opt) != 1))
    hlnn_mex_fail ("train:opt", "model.opt must be a scalar struct (the "
                   "optimizer state: step, m, v)");
  const double *m0 = opt_vector (opt, "m", m.ntheta);
  const double *v0 = opt_vector (opt, "v", m.ntheta);
  double step0 = 0;
  if (opt && mxGetField (opt, 0, "step"))
    step0 = hlnn_mex_scalar (mxGetField (opt, 0, "step"), "model.opt.step",
                             1, 0, 9e15);

  const size_t N = mxGetM (Xa), P = m.ntheta;
  const size_t batch = batch_req >= (double) N ? N : (size_t) batch_req;
  double *mom = mxCalloc (P, sizeof (double));
  double *vel = mxCalloc (P, sizeof (double));
  if (m0) memcpy (mom, m0, P * sizeof (double));
  if (v0) memcpy (vel, v0, P * sizeof (double));
  int st = HLNN_SUCCESS;
  hlnn_mex_model_alloc_net (&m);
  const size_t nparts = hlnn_split_parts (hlnn_blas_threads (), batch,
                                          MIN_PART_ROWS);
  if (!cache_matches (&m, N, dx, dy, batch, nparts))
    {
      cache_release ();   /* before the new one: it may be GBs */
      st = cache_fill (&m, N, dx, dy, batch, nparts);
      /* threads that cannot start (or the parts' workspaces) cost speed,
       * not the run (as in hlnn_rollout_mex): one part on this thread,
       * kept for the later chunks of the run rather than retried */
      if (st && nparts > 1)
        st = cache_fill (&m, N, dx, dy, batch, 1);
      cache.nparts_asked = st ? 0 : nparts;
      if (st)
        {
          hlnn_mex_model_free (&m);
          hlnn_mex_fail_status ("train", st, "hlnn_train_mex: workspace");
        }
    }
  for (size_t k = 0; k < cache.nparts && !st; k++)
    st = hlnn_mex_objective_configure (cache.obj[k], &m);
  if (st)
    {
      hlnn_mex_model_free (&m);
      hlnn_mex_fail_status ("train", st, "hlnn_train_mex: model settings");
    }
  /* malloc, not mxMalloc: a huge cfg.steps must give an hlnn error, not
   * the interpreter's out-of-memory error */
  const size_t nloss_max = steps ? steps : 1;
  double *losses = nloss_max < SIZE_MAX / sizeof (double)
                   ? malloc (nloss_max * sizeof (double)) : NULL;
  if (!losses)
    {
      hlnn_mex_model_free (&m);
      hlnn_mex_fail ("train:nomem", "cannot allocate the loss record of "
                     "cfg.steps = %zu steps; train in smaller chunks", steps);
    }
  unsigned long t = (unsigned long) step0;
  size_t done = 0, nloss = 0;
  const int blas_threads = hlnn_blas_threads ();
  hlnn_lossgrad_fn fn = hlnn_mex_objective_fn ();
  void *ctx = hlnn_mex_objective_ctx (cache.obj[0]);
  /* parts on threads of their own each call a one-thread BLAS; one part
   * (chunked, or a fallback) keeps the BLAS's threads */
  const int on_threads = cache.nparts > 1;
  if (cache.split)
    {
      fn = hlnn_split_lossgrad;
      ctx = cache.split;
      p.theta_shared = on_threads;
    }
  if (on_threads)
    hlnn_blas_set_threads (1);
  st = hlnn_trainer_run (cache.tr, fn, ctx, X, Y, seed, &p, m.theta, mom,
                         vel, &t, steps, losses, &done, &nloss);
  if (on_threads)
    hlnn_blas_set_threads (blas_threads);
  if (st && st != HLNN_ENAN)
    {
      free (losses);
      hlnn_mex_model_free (&m);
      hlnn_mex_fail_status ("train", st, "hlnn_train_mex");
    }
  /* losses of the kept updates, plus, after a divergence, the (finite)
   * loss of the returned model */
  mxArray *la = mxCreateDoubleMatrix (nloss, 1, mxREAL);
  memcpy (mxGetPr (la), losses, nloss * sizeof (double));
  free (losses);

  mxArray *out = hlnn_mex_model_write (prhs[IN_MODEL], &m);
  mxArray *newopt = opt ? mxDuplicateArray (opt)
                    : mxCreateStructMatrix (1, 1, 0, NULL);
  mxArray *ma = mxCreateDoubleMatrix (P, 1, mxREAL);
  mxArray *va = mxCreateDoubleMatrix (P, 1, mxREAL);
  memcpy (mxGetPr (ma), mom, P * sizeof (double));
  memcpy (mxGetPr (va), vel, P * sizeof (double));
  hlnn_mex_set_field (newopt, "step", mxCreateDoubleScalar ((double) t));
  hlnn_mex_set_field (newopt, "m", ma);
  hlnn_mex_set_field (newopt, "v", va);
  hlnn_mex_set_field (out, "opt", newopt);
  plhs[OUT_MODEL] = out;
  hlnn_mex_model_free (&m);

  if (nlhs > OUT_LOSSES)
    plhs[OUT_LOSSES] = la;
  else
    mxDestroyArray (la);
  if (nlhs > OUT_INFO)
    {
      const char *fields[2] = { "done", "status" };
      mxArray *info = mxCreateStructMatrix (1, 1, 2, fields);
      mxSetField (info, 0, "done", mxCreateDoubleScalar ((double) done));
      const char *status = st == 0 ? "ok"
                           : nloss == 0 ? "diverged_at_start" : "diverged";
      mxSetField (info, 0, "status", mxCreateString (status));
      plhs[OUT_INFO] = info;
    }
}
