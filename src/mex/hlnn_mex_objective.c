/* hlnn_mex_objective.c -- the training loss of each model kind, behind
 * one hlnn_lossgrad_fn.  The only place that dispatches on model.kind for
 * training; the per-kind maths lives in src/core.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <stdlib.h>
#include "hlnn_mex.h"

struct hlnn_mex_objective {
  hlnn_kind kind;
  const hlnn_mlp *net;
  hlnn_mlp_work *work;        /* mlp */
  hlnn_hnn *hnn;              /* hnn */
};

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
      if (!o->work)
        goto fail;
      break;
    case HLNN_KIND_HNN:
      o->hnn = hlnn_mex_model_hnn (m, nmax, status);
      if (!o->hnn)
        goto fail;
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
  hlnn_hnn_free (o->hnn);
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
      return hlnn_mlp_mse (o->net, theta, nb, Xb, Yb, loss, grad, o->work);
    case HLNN_KIND_HNN:
      return hlnn_hnn_loss (o->hnn, theta, nb, Xb, Yb, loss, grad);
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
