/* hlnn_loss_mex.c -- full-batch training loss of a model and its exact
 * gradient with respect to the flat parameter vector.
 *
 *   [loss, grad] = hlnn_loss_mex (model, X, Y)
 *
 * The same objective hlnn_train_mex minimises (mlp: MSE of the output;
 * hnn: MSE of the Hamiltonian field; lnn: MSE of the accelerations).
 * Used for validation losses and for gradient checks from Octave.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include "hlnn_mex.h"

enum { IN_MODEL, IN_X, IN_Y, N_IN };
enum { OUT_LOSS, OUT_GRAD, N_OUT };

void
mexFunction (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  hlnn_mex_init ();
  hlnn_mex_check_nargs (nrhs, N_IN, N_IN, nlhs, N_OUT, "hlnn_loss_mex");
  hlnn_mex_model m;
  hlnn_mex_model_read (prhs[IN_MODEL], "model", &m);
  size_t dx, dy;
  hlnn_mex_model_data_dims (&m, &dx, &dy);
  const double *X = hlnn_mex_matrix (prhs[IN_X], "X", 0, dx, 1);
  const double *Y = hlnn_mex_matrix (prhs[IN_Y], "Y", 0, dy, 1);
  const size_t N = mxGetM (prhs[IN_X]);
  if (mxGetM (prhs[IN_Y]) != N)
    hlnn_mex_fail ("loss:data", "X and Y must have the same number of rows "
                   "(got %zu and %zu)", N, mxGetM (prhs[IN_Y]));
  mxArray *grad = nlhs > OUT_GRAD
                  ? mxCreateDoubleMatrix (m.ntheta, 1, mxREAL) : NULL;

  int st;
  hlnn_mex_model_alloc_net (&m);
  hlnn_mex_objective *obj = hlnn_mex_objective_alloc (&m, N, &st);
  double loss = 0.0;
  if (obj)
    st = hlnn_mex_objective_fn () (hlnn_mex_objective_ctx (obj), m.theta, N,
                                   X, Y, &loss, grad ? mxGetPr (grad) : NULL);
  hlnn_mex_objective_free (obj);
  hlnn_mex_model_free (&m);
  if (st)
    hlnn_mex_fail_status ("loss", st, "hlnn_loss_mex");
  plhs[OUT_LOSS] = mxCreateDoubleScalar (loss);
  if (grad)
    plhs[OUT_GRAD] = grad;
}
