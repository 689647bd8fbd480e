/* mlp_field.c -- a plain MLP as a batched vector field.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <stdlib.h>
#include <string.h>
#include "hlnn_status.h"
#include "mlp_field.h"
#include "period.h"

int
hlnn_mlp_field_init (hlnn_mlp_field *mf, const hlnn_mlp *net,
                     const double *theta, const double *period, size_t nmax)
{
  mf->net = net;
  mf->theta = theta;
  mf->period = period;
  mf->w = NULL;
  mf->xw = NULL;
  if (!net || net->sizes[0] != net->sizes[net->nlayers] || nmax == 0
      || (period && !hlnn_periods_ok (net->sizes[0], period)))
    return HLNN_EDOM;
  if (period && hlnn_periods_any (net->sizes[0], period)
      && !(mf->xw = malloc (nmax * net->sizes[0] * sizeof (double))))
    return HLNN_ENOMEM;
  mf->w = hlnn_mlp_work_alloc (net, nmax, 1);
  return mf->w ? HLNN_SUCCESS : HLNN_ENOMEM;
}

void
hlnn_mlp_field_free (hlnn_mlp_field *mf)
{
  hlnn_mlp_work_free (mf->w);
  free (mf->xw);
  mf->w = NULL;
  mf->xw = NULL;
}

int
hlnn_mlp_field_eval (void *ctx, double t, size_t K, const double *X,
                     double *F)
{
  hlnn_mlp_field *mf = ctx;
  (void) t;
  const size_t d = mf->net->sizes[0];
  if (mf->xw)
    {
      memcpy (mf->xw, X, K * d * sizeof (double));
      hlnn_period_wrap (d, mf->period, K, mf->xw);
      X = mf->xw;
    }
  const int status = hlnn_mlp_forward (mf->net, mf->theta, K, X, NULL, NULL,
                                       NULL, 0, mf->w);
  if (status)
    return status;
  size_t ld;
  const double *Y = hlnn_mlp_output (mf->net, mf->w, HLNN_CH_VAL, &ld);
  for (size_t j = 0; j < d; j++)
    memcpy (F + K * j, Y + ld * j, K * sizeof (double));
  return HLNN_SUCCESS;
}
