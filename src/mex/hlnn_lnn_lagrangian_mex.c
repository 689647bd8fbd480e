/* hlnn_lnn_lagrangian_mex.c -- Lagrangian and energy of an LNN.
 *
 *   [L, E] = hlnn_lnn_lagrangian_mex (model, Q, Qd)
 *
 * Q, Qd: N x n.  L: N x 1 values of the network; E: N x 1 energies
 * qd . dL/dqd - L (computed only when asked for).  Called by
 * lnn_lagrangian and lnn_energy.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include "hlnn_mex.h"

enum { IN_MODEL, IN_Q, IN_QD, N_IN };
enum { OUT_L, OUT_E, N_OUT };

#define BLOCK 512

void
mexFunction (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  hlnn_mex_init ();
  hlnn_mex_check_nargs (nrhs, N_IN, N_IN, nlhs, N_OUT,
                        "hlnn_lnn_lagrangian_mex");
  hlnn_mex_model m;
  hlnn_mex_model_read (prhs[IN_MODEL], "model", &m);
  if (m.kind != HLNN_KIND_LNN)
    hlnn_mex_fail ("lnn:kind", "hlnn_lnn_lagrangian_mex: model must be of "
                   "kind 'lnn'");
  const size_t n = m.n;
  const double *Q = hlnn_mex_matrix (prhs[IN_Q], "Q", 0, n, 1);
  const size_t N = mxGetM (prhs[IN_Q]);
  const double *Qd = hlnn_mex_matrix (prhs[IN_QD], "Qd", N, n, 1);
  mxArray *La = mxCreateDoubleMatrix (N, 1, mxREAL);
  mxArray *Ea = nlhs > OUT_E ? mxCreateDoubleMatrix (N, 1, mxREAL) : NULL;

  int st;
  hlnn_lnn *l = hlnn_mex_model_lnn (&m, N < BLOCK ? N : BLOCK, &st);
  if (l)
    st = hlnn_lnn_lagrangian (l, m.theta, N, Q, Qd, mxGetPr (La));
  if (l && !st && Ea)
    st = hlnn_lnn_energy (l, m.theta, N, Q, Qd, mxGetPr (Ea));
  hlnn_lnn_free (l);
  hlnn_mex_model_free (&m);
  if (st)
    hlnn_mex_fail_status ("lnn", st, "hlnn_lnn_lagrangian_mex");
  plhs[OUT_L] = La;
  if (Ea)
    plhs[OUT_E] = Ea;
}
