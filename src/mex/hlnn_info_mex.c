/* hlnn_info_mex.c -- version, the BLAS really in use, its threads.
 *
 *   s = hlnn_info_mex ()          % fields version, blas, threads
 *   s = hlnn_info_mex (nthreads)  % set the BLAS thread count first
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include "hlnn_mex.h"

void
mexFunction (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  hlnn_mex_init ();
  hlnn_mex_check_nargs (nrhs, 0, 1, nlhs, 1, "hlnn_info_mex");
  if (nrhs == 1)
    hlnn_blas_set_threads ((int) hlnn_mex_scalar (prhs[0], "nthreads", 1, 1,
                                                  1024));
  const char *fields[3] = { "version", "blas", "threads" };
  mxArray *s = mxCreateStructMatrix (1, 1, 3, fields);
  mxSetField (s, 0, "version", mxCreateString (HLNN_VERSION));
  mxSetField (s, 0, "blas", mxCreateString (hlnn_blas_name ()));
  mxSetField (s, 0, "threads", mxCreateDoubleScalar (hlnn_blas_threads ()));
  plhs[0] = s;
}
