/* train.c -- seeded minibatch sampling and the optimizer step loop.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "train.h"
#include "hlnn_status.h"
#include "finite.h"

void
hlnn_trainer_free (hlnn_trainer *tr)
{
  if (!tr)
    return;
  free (tr->Xb);
  free (tr->Yb);
  free (tr->grad);
  free (tr->theta_alt);
  free (tr->m_alt);
  free (tr->v_alt);
  free (tr->perm);
  free (tr->swaps);
  free (tr->idx);
  if (tr->rng)
    gsl_rng_free (tr->rng);
  free (tr);
}

hlnn_trainer *
hlnn_trainer_alloc (size_t nparams, size_t N, size_t dx, size_t dy,
                    size_t batch)
{
  if (nparams == 0 || N == 0 || dx == 0 || dy == 0 || batch == 0)
    return NULL;
  hlnn_trainer *tr = calloc (1, sizeof *tr);
  if (!tr)
    return NULL;
  tr->nparams = nparams;
  tr->N = N;
  tr->dx = dx;
  tr->dy = dy;
  tr->batch = batch < N ? batch : N;
  const size_t nb = tr->batch;
  tr->grad = malloc (nparams * sizeof (double));
  tr->theta_alt = malloc (nparams * sizeof (double));
  tr->m_alt = malloc (nparams * sizeof (double));
  tr->v_alt = malloc (nparams * sizeof (double));
  if (!tr->grad || !tr->theta_alt || !tr->m_alt || !tr->v_alt)
    goto fail;
  if (nb < N)
    {
      tr->Xb = malloc (nb * dx * sizeof (double));
      tr->Yb = malloc (nb * dy * sizeof (double));
      tr->perm = malloc (N * sizeof (size_t));
      tr->swaps = malloc (nb * sizeof (size_t));
      tr->idx = malloc (nb * sizeof (size_t));
      tr->rng = gsl_rng_alloc (gsl_rng_mt19937);
      if (!tr->Xb || !tr->Yb || !tr->perm || !tr->swaps || !tr->idx || !tr->rng)
        goto fail;
      for (size_t i = 0; i < N; i++)
        tr->perm[i] = i;
    }
  return tr;
fail:
  hlnn_trainer_free (tr);
  return NULL;
}

/* splitmix64 finaliser: decorrelates (seed, step) before seeding mt19937. */
static unsigned long
mix_seed (unsigned long seed, unsigned long step)
{
  uint64_t z = (uint64_t) seed * 0x9E3779B97F4A7C15ULL + (uint64_t) step;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  /* gsl_rng_set treats 0 as its default seed; keep the map injective-ish */
  return (unsigned long) (z & 0xFFFFFFFFUL) + 1UL;
}

void
hlnn_trainer_batch (hlnn_trainer *tr, unsigned long seed, unsigned long step,
                    size_t *idx)
{
  const size_t N = tr->N, nb = tr->batch;
  if (nb >= N)
    {
      for (size_t i = 0; i < N; i++)
        idx[i] = i;
      return;
    }
  /* Partial Fisher-Yates on the identity, then undo the swaps: O(batch). */
  gsl_rng_set (tr->rng, mix_seed (seed, step));
  for (size_t i = 0; i < nb; i++)
    {
      const size_t j = i + (size_t) gsl_rng_uniform_int (tr->rng, N - i);
      tr->swaps[i] = j;
      const size_t tmp = tr->perm[i];
      tr->perm[i] = tr->perm[j];
      tr->perm[j] = tmp;
      idx[i] = tr->perm[i];
    }
  for (size_t k = nb; k-- > 0;)
    {
      const size_t j = tr->swaps[k];
      const size_t tmp = tr->perm[k];
      tr->perm[k] = tr->perm[j];
      tr->perm[j] = tmp;
    }
}

static void
swap_states (double *a[3], double *b[3])
{
  for (int i = 0; i < 3; i++)
    {
      double *tmp = a[i];
      a[i] = b[i];
      b[i] = tmp;
    }
}

int
hlnn_trainer_run (hlnn_trainer *tr, hlnn_lossgrad_fn fn, void *ctx,
                  const double *X, const double *Y, unsigned long seed,
                  const hlnn_optim_params *opt, double *theta, double *m,
                  double *v, unsigned long *t, size_t nsteps, double *losses,
                  size_t *done, size_t *nlosses)
{
  const size_t P = tr->nparams, N = tr->N, nb = tr->batch;
  const size_t dx = tr->dx, dy = tr->dy;
  /* The update reads the state 'cur' and writes 'alt', then the two
   * swap: the state before the last update is always in 'alt', and a
   * step that diverges goes back to it by a swap, not by a copy of the
   * whole state every step (3 x 35 kB for the small HNN, whose step is
   * about 150 us).  The caller's arrays receive the final state. */
  double *cur[3] = { theta, m, v };
  double *alt[3] = { tr->theta_alt, tr->m_alt, tr->v_alt };
  unsigned long t_prev = *t;
  int have_backup = 0, status = HLNN_SUCCESS;
  *done = 0;
  *nlosses = 0;

  for (size_t k = 0; k < nsteps; k++)
    {
      const double *Xb = X, *Yb = Y;
      if (nb < N)
        {
          const size_t *idx = tr->idx;
          hlnn_trainer_batch (tr, seed, *t, tr->idx);
          for (size_t j = 0; j < dx; j++)
            for (size_t i = 0; i < nb; i++)
              tr->Xb[i + j * nb] = X[idx[i] + j * N];
          for (size_t j = 0; j < dy; j++)
            for (size_t i = 0; i < nb; i++)
              tr->Yb[i + j * nb] = Y[idx[i] + j * N];
          Xb = tr->Xb;
          Yb = tr->Yb;
        }
      double loss;
      status = fn (ctx, cur[0], nb, Xb, Yb, &loss, tr->grad);
      if (status == HLNN_SUCCESS
          && !(isfinite (loss) && hlnn_all_finite (P, tr->grad)))
        status = HLNN_ENAN;
      if (status)
        {
          if (status == HLNN_ENAN && have_backup)
            {
              /* This step's parameters came from the previous update,
               * whose own loss was finite: go back to before it. */
              swap_states (cur, alt);
              *t = t_prev;
              *done = k - 1;
              *nlosses = k;
            }
          break;
        }
      if (losses)
        losses[k] = loss;
      t_prev = *t;
      status = hlnn_optim_step_to (opt, P, cur[0], tr->grad, cur[1], cur[2],
                                   alt[0], alt[1], alt[2], t);
      if (status)
        {
          /* the new parameters are not finite: keep those of this
           * step, whose loss was */
          if (status == HLNN_ENAN)
            {
              *t = t_prev;
              *done = k;
              *nlosses = k + 1;
            }
          break;
        }
      swap_states (cur, alt);
      have_backup = 1;
      *done = k + 1;
      *nlosses = k + 1;
    }
  if (cur[0] != theta)
    {
      memcpy (theta, cur[0], P * sizeof (double));
      memcpy (m, cur[1], P * sizeof (double));
      memcpy (v, cur[2], P * sizeof (double));
    }
  return status;
}
