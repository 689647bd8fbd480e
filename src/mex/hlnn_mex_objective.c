/* hlnn_mex_objective.c -- the training loss of each model kind, behind
 * one hlnn_lossgrad_fn.  The only place that dispatches on model.kind for
 * training; the per-kind maths lives in src/core.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include "hlnn_mex.h"
#include "period.h"

/* The LNN loss works through batches in chunks (lnn.h), so its workspace
 * need not grow with the batch: 5 tangent channels of width 500 over 1024
 * rows are already 20 MB per layer buffer. */
#define LNN_CHUNK 1024

struct hlnn_mex_objective {
  hlnn_kind kind;
  const hlnn_mlp *net;
  hlnn_mlp_work *work;        /* mlp */
  double *period;             /* mlp: the inputs' periods */
  double *xw;                 /* mlp: nmax x inputs, the batch wrapped */
  int wrap;                   /* mlp: some period > 0 */
  hlnn_hnn *hnn;              /* hnn */
  hlnn_lnn_loss_ctx lnn;      /* lnn */
};

/* The objective is kept between training calls (hlnn_train_mex.c), so
 * the periods are copied, not borrowed from the model struct. */
static void
configure_mlp (hlnn_mex_objective *o, const hlnn_mex_model *m)
{
  for (size_t j = 0; j < m->n; j++)
    o->period[j] = m->period ? m->period[j] : 0.0;
  o->wrap = hlnn_periods_any (m->n, o->period);
}

hlnn_mex_objective *
hlnn_mex_objective_alloc (const hlnn_mex_model *m, size_t nmax, int *status)
{
  hlnn_mex_objective *o = calloc (1, sizeof *o);
  *status = HLNN_ENOMEM;
  if (!o)
    return NULL;
  o->kind = m->kind;
  o->net = m->net;
  switch (m->kind)
    {
    case HLNN_KIND_MLP:
      o->work = hlnn_mlp_work_alloc (m->net, nmax, 1);
      o->period = malloc (m->n * sizeof (double));
      o->xw = malloc (nmax * m->n * sizeof (double));
      if (!o->work || !o->period || !o->xw)
        goto fail;
      configure_mlp (o, m);
      break;
    case HLNN_KIND_HNN:
      o->hnn = hlnn_mex_model_hnn (m, nmax, status);
      if (!o->hnn)
        goto fail;
      break;
    case HLNN_KIND_LNN:
      o->lnn.l = hlnn_mex_model_lnn (m, nmax < LNN_CHUNK ? nmax : LNN_CHUNK,
                                     status);
      if (!o->lnn.l)
        goto fail;
      hlnn_el_info_init (&o->lnn.info);
      break;
    default:
      *status = HLNN_EDOM;
      goto fail;
    }
  *status = HLNN_SUCCESS;
  return o;
fail:
  hlnn_mex_objective_free (o);
  return NULL;
}

void
hlnn_mex_objective_free (hlnn_mex_objective *o)
{
  if (!o)
    return;
  hlnn_mlp_work_free (o->work);
  free (o->period);
  free (o->xw);
  hlnn_hnn_free (o->hnn);
  hlnn_lnn_free (o->lnn.l);
  free (o);
}

static int
objective_lossgrad (void *ctx, const double *theta, size_t nb,
                    const double *Xb, const double *Yb, double *loss,
                    double *grad)
{
  hlnn_mex_objective *o = ctx;
  switch (o->kind)
    {
    case HLNN_KIND_MLP:
      if (o->wrap)
        {
          const size_t n = o->net->sizes[0];
          memcpy (o->xw, Xb, nb * n * sizeof (double));
          hlnn_period_wrap (n, o->period, nb, o->xw);
          Xb = o->xw;
        }
      return hlnn_mlp_mse (o->net, theta, nb, Xb, Yb, loss, grad, o->work);
    case HLNN_KIND_HNN:
      return hlnn_hnn_loss (o->hnn, theta, nb, Xb, Yb, loss, grad);
    case HLNN_KIND_LNN:
      {
        /* A sample with no usable acceleration (el.h) leaves the loss
         * undefined: report it as non-finite, so that training stops as on
         * divergence and keeps the last model whose loss was finite. */
        const int st = hlnn_lnn_lossgrad (&o->lnn, theta, nb, Xb, Yb, loss,
                                          grad);
        if (st == HLNN_ESING)
          {
            *loss = NAN;
            return HLNN_SUCCESS;
          }
        return st;
      }
    default:
      return HLNN_EDOM;
    }
}

int
hlnn_mex_objective_configure (hlnn_mex_objective *o, const hlnn_mex_model *m)
{
  switch (o->kind)
    {
    case HLNN_KIND_MLP:
      o->net = m->net;
      configure_mlp (o, m);
      return HLNN_SUCCESS;
    case HLNN_KIND_HNN:
      return hlnn_mex_model_hnn_configure (m, o->hnn);
    case HLNN_KIND_LNN:
      hlnn_mex_model_lnn_configure (m, o->lnn.l);
      hlnn_el_info_init (&o->lnn.info);
      return HLNN_SUCCESS;
    default:
      return HLNN_EDOM;
    }
}

hlnn_lossgrad_fn
hlnn_mex_objective_fn (void)
{
  return objective_lossgrad;
}

void *
hlnn_mex_objective_ctx (hlnn_mex_objective *o)
{
  return o;
}
