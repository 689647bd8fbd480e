/* hlnn_lnn_accel_mex.c -- Euler-Lagrange accelerations of an LNN.
 *
 *   [Qdd, info] = hlnn_lnn_accel_mex (model, Q, Qd)
 *
 * Q, Qd: N x n (rows are states).  Qdd: N x n; rows whose A = d2L/dqd2
 * is singular even after the model's regularisation are NaN.  info counts
 * the samples: samples, indefinite (A not positive definite, solved by
 * LU), negative_definite (of those, A negative definite), regularised
 * (solved with A + lambda I), singular, and rcond_min
 * (smallest reciprocal condition estimate of A).  Policy: el.h.
 * Called by lnn_accel.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <string.h>
#include "hlnn_mex.h"

enum { IN_MODEL, IN_Q, IN_QD, N_IN };
enum { OUT_QDD, OUT_INFO, N_OUT };

/* Rows per pass: the LNN workspace holds 5 tangent channels per row. */
#define BLOCK 512

void
mexFunction (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  hlnn_mex_init ();
  hlnn_mex_check_nargs (nrhs, N_IN, N_IN, nlhs, N_OUT, "hlnn_lnn_accel_mex");
  hlnn_mex_model m;
  hlnn_mex_model_read (prhs[IN_MODEL], "model", &m);
  if (m.kind != HLNN_KIND_LNN)
    hlnn_mex_fail ("lnn:kind", "hlnn_lnn_accel_mex: model must be of kind "
                   "'lnn'");
  const size_t n = m.n;
  const double *Q = hlnn_mex_matrix (prhs[IN_Q], "Q", 0, n, 1);
  const size_t N = mxGetM (prhs[IN_Q]);
  const double *Qd = hlnn_mex_matrix (prhs[IN_QD], "Qd", N, n, 1);
  mxArray *Qdda = mxCreateDoubleMatrix (N, n, mxREAL);

  int st;
  hlnn_lnn *l = hlnn_mex_model_lnn (&m, N < BLOCK ? N : BLOCK, &st);
  hlnn_el_info info;
  hlnn_el_info_init (&info);
  if (l)
    st = hlnn_lnn_accel (l, m.theta, N, Q, Qd, mxGetPr (Qdda), &info);
  hlnn_lnn_free (l);
  hlnn_mex_model_free (&m);
  if (st)
    hlnn_mex_fail_status ("lnn", st, "hlnn_lnn_accel_mex");
  plhs[OUT_QDD] = Qdda;
  if (nlhs > OUT_INFO)
    {
      const char *fields[6] = { "samples", "indefinite", "negative_definite",
                                "regularised", "singular", "rcond_min" };
      mxArray *s = mxCreateStructMatrix (1, 1, 6, fields);
      mxSetField (s, 0, "samples", mxCreateDoubleScalar ((double) info.samples));
      mxSetField (s, 0, "indefinite",
                  mxCreateDoubleScalar ((double) info.indefinite));
      mxSetField (s, 0, "negative_definite",
                  mxCreateDoubleScalar ((double) info.negative_definite));
      mxSetField (s, 0, "regularised",
                  mxCreateDoubleScalar ((double) info.regularised));
      mxSetField (s, 0, "singular",
                  mxCreateDoubleScalar ((double) info.singular));
      mxSetField (s, 0, "rcond_min", mxCreateDoubleScalar (info.rcond_min));
      plhs[OUT_INFO] = s;
    }
}
