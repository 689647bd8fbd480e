/* mlp_field.c -- a plain MLP as a batched vector field.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <string.h>
#include "hlnn_status.h"
#include "mlp_field.h"

int
hlnn_mlp_field_init (hlnn_mlp_field *mf, const hlnn_mlp *net,
                     const double *theta, size_t nmax)
{
  mf->net = net;
  mf->theta = theta;
  mf->w = NULL;
  if (!net || net->sizes[0] != net->sizes[net->nlayers] || nmax == 0)
    return HLNN_EDOM;
  mf->w = hlnn_mlp_work_alloc (net, nmax, 1);
  return mf->w ? HLNN_SUCCESS : HLNN_ENOMEM;
}

void
hlnn_mlp_field_free (hlnn_mlp_field *mf)
{
  hlnn_mlp_work_free (mf->w);
  mf->w = NULL;
}

int
hlnn_mlp_field_eval (void *ctx, double t, size_t K, const double *X,
                     double *F)
{
  hlnn_mlp_field *mf = ctx;
  (void) t;
  const int status = hlnn_mlp_forward (mf->net, mf->theta, K, X, NULL, NULL,
                                       NULL, 0, mf->w);
  if (status)
    return status;
  size_t ld;
  const double *Y = hlnn_mlp_output (mf->net, mf->w, HLNN_CH_VAL, &ld);
  const size_t d = mf->net->sizes[0];
  for (size_t j = 0; j < d; j++)
    memcpy (F + K * j, Y + ld * j, K * sizeof (double));
  return HLNN_SUCCESS;
}
