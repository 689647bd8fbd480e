/* hlnn_mlp_forward_mex.c -- network output for a batch of samples.
 *
 *   Y = hlnn_mlp_forward_mex (model, X)
 *
 * Rows of X are samples; the inputs with a period (model.period) reach
 * the network wrapped.  Large batches are processed in blocks so the
 * workspace stays bounded whatever N is.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <string.h>
#include "hlnn_mex.h"
#include "period.h"

enum { IN_MODEL, IN_X, N_IN };
enum { OUT_Y, N_OUT };

#define BLOCK 4096

void
mexFunction (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  hlnn_mex_init ();
  hlnn_mex_check_nargs (nrhs, N_IN, N_IN, nlhs, N_OUT, "hlnn_mlp_forward_mex");
  hlnn_mex_model m;
  hlnn_mex_model_read (prhs[IN_MODEL], "model", &m);
  const size_t din = m.sizes[0], dout = m.sizes[m.nlayers];
  const double *X = hlnn_mex_matrix (prhs[IN_X], "X", 0, din, 0);
  const size_t N = mxGetM (prhs[IN_X]);
  mxArray *Ya = mxCreateDoubleMatrix (N, dout, mxREAL);
  double *Y = mxGetPr (Ya);
  const size_t nb = N < BLOCK ? N : BLOCK;
  double *Xb = mxMalloc (nb * din * sizeof (double));

  hlnn_mex_model_alloc_net (&m);
  hlnn_mlp_work *w = hlnn_mlp_work_alloc (m.net, nb, 1);
  int st = w ? HLNN_SUCCESS : HLNN_ENOMEM;
  for (size_t i0 = 0; i0 < N && st == HLNN_SUCCESS; i0 += nb)
    {
      const size_t k = N - i0 < nb ? N - i0 : nb;
      for (size_t j = 0; j < din; j++)
        memcpy (Xb + j * k, X + i0 + j * N, k * sizeof (double));
      if (m.kind == HLNN_KIND_MLP && m.period)
        hlnn_period_wrap (din, m.period, k, Xb);
      st = hlnn_mlp_forward (m.net, m.theta, k, Xb, NULL, NULL, NULL, 0, w);
      if (st)
        break;
      size_t ld;
      const double *Yb = hlnn_mlp_output (m.net, w, HLNN_CH_VAL, &ld);
      for (size_t j = 0; j < dout; j++)
        memcpy (Y + i0 + j * N, Yb + j * ld, k * sizeof (double));
    }
  hlnn_mlp_work_free (w);
  hlnn_mex_model_free (&m);
  if (st)
    hlnn_mex_fail_status ("mlp", st, "hlnn_mlp_forward_mex");
  plhs[OUT_Y] = Ya;
}
