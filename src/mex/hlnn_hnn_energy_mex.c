/* hlnn_hnn_energy_mex.c -- the learned Hamiltonian H_theta(q, p).
 *
 *   H = hlnn_hnn_energy_mex (model, X)
 *
 * Rows of X (N x 2n) are states [q p]; H is N x 1.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include "hlnn_mex.h"

enum { IN_MODEL, IN_X, N_IN };
enum { OUT_H, N_OUT };

#define BLOCK 4096

void
mexFunction (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  hlnn_mex_init ();
  hlnn_mex_check_nargs (nrhs, N_IN, N_IN, nlhs, N_OUT,
                        "hlnn_hnn_energy_mex");
  hlnn_mex_model m;
  hlnn_mex_model_read (prhs[IN_MODEL], "model", &m);
  if (m.kind != HLNN_KIND_HNN)
    hlnn_mex_fail ("hnn:kind", "hlnn_hnn_energy_mex: model must be of kind "
                   "'hnn'");
  const double *X = hlnn_mex_matrix (prhs[IN_X], "X", 0, 2 * m.n, 0);
  const size_t N = mxGetM (prhs[IN_X]);
  mxArray *Ha = mxCreateDoubleMatrix (N, 1, mxREAL);

  int st;
  hlnn_hnn *h = hlnn_mex_model_hnn (&m, N < BLOCK ? N : BLOCK, &st);
  if (h)
    st = hlnn_hnn_energy (h, m.theta, N, X, mxGetPr (Ha));
  hlnn_hnn_free (h);
  hlnn_mex_model_free (&m);
  if (st)
    hlnn_mex_fail_status ("hnn", st, "hlnn_hnn_energy_mex");
  plhs[OUT_H] = Ha;
}
