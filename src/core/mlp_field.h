/* mlp_field.h -- a plain MLP used as a vector field, F(x) = net(x): the
 * baseline that HNN and LNN rollouts are compared with.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#ifndef HLNN_MLP_FIELD_H
#define HLNN_MLP_FIELD_H

#include <stddef.h>
#include "mlp.h"

typedef struct {
  const hlnn_mlp *net;     /* sizes[0] == sizes[L] == d */
  const double *theta;
  const double *period;    /* d periods of x (0: none, period.h) or NULL */
  hlnn_mlp_work *w;        /* for at most nmax rows per call */
  double *xw;              /* nmax x d: x wrapped; NULL without periods */
} hlnn_mlp_field;

/* Work for calls of up to nmax rows (hlnn_rollout_max_rows); the net sees
 * each x_j with period[j] > 0 wrapped into [-P/2, P/2).  HLNN_EDOM when
 * the net's input and output widths differ or a period is negative or
 * not finite, HLNN_ENOMEM. */
int hlnn_mlp_field_init (hlnn_mlp_field *mf, const hlnn_mlp *net,
                         const double *theta, const double *period,
                         size_t nmax);
void hlnn_mlp_field_free (hlnn_mlp_field *mf);

/* hlnn_field_fn with ctx = (hlnn_mlp_field *); one forward pass (one GEMM
 * per layer) for the K rows.  t is unused. */
int hlnn_mlp_field_eval (void *ctx, double t, size_t K, const double *X,
                         double *F);

#endif
