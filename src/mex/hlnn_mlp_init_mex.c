/* hlnn_mlp_init_mex.c -- seeded initial weights for a layer layout.
 *
 *   [W, b] = hlnn_mlp_init_mex (sizes, scheme, seed)
 *
 * sizes: row of layer widths (inputs first); scheme: 'glorot', 'he',
 * 'orthogonal', 'torch', 'greydanus' (the HNN paper's code, mlp.h) or
 * 'cranmer' (Cranmer et al.'s layer-scaled initialisation for LNNs,
 * lnn.h).  W and b are L x 1 cells (W{l} is out x in).
 * Done in C so that a seed gives the same network in Octave and MATLAB.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hlnn_mex.h"

enum { IN_SIZES, IN_SCHEME, IN_SEED, N_IN };
enum { OUT_W, OUT_B, N_OUT };

void
mexFunction (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  hlnn_mex_init ();
  hlnn_mex_check_nargs (nrhs, N_IN, N_IN, nlhs, N_OUT, "hlnn_mlp_init_mex");
  const double *sz = hlnn_mex_matrix (prhs[IN_SIZES], "sizes", 1, 0, 1);
  const size_t nsz = mxGetN (prhs[IN_SIZES]);
  if (nsz < 2 || nsz > HLNN_MEX_MAX_LAYERS + 1)
    hlnn_mex_fail ("mlp:sizes", "sizes must list 2 to %d layer widths",
                   HLNN_MEX_MAX_LAYERS + 1);
  size_t sizes[HLNN_MEX_MAX_LAYERS + 1];
  for (size_t l = 0; l < nsz; l++)
    {
      if (sz[l] < 1 || sz[l] > 1e6 || sz[l] != (double) (size_t) sz[l])
        hlnn_mex_fail ("mlp:sizes", "sizes(%zu) must be an integer in "
                       "[1, 1e6], got %g", l + 1, sz[l]);
      sizes[l] = (size_t) sz[l];
    }
  char scheme_name[32];
  hlnn_mex_string (prhs[IN_SCHEME], "scheme", scheme_name, sizeof scheme_name);
  hlnn_init scheme = HLNN_INIT_GLOROT;
  const int cranmer = strcmp (scheme_name, "cranmer") == 0;
  if (strcmp (scheme_name, "glorot") == 0) scheme = HLNN_INIT_GLOROT;
  else if (strcmp (scheme_name, "he") == 0) scheme = HLNN_INIT_HE;
  else if (strcmp (scheme_name, "orthogonal") == 0) scheme = HLNN_INIT_ORTHOGONAL;
  else if (strcmp (scheme_name, "torch") == 0) scheme = HLNN_INIT_TORCH;
  else if (strcmp (scheme_name, "greydanus") == 0) scheme = HLNN_INIT_GREYDANUS;
  else if (!cranmer)
    hlnn_mex_fail ("mlp:init", "scheme must be 'glorot', 'he', 'orthogonal', "
                   "'torch', 'greydanus' or 'cranmer', got '%s'", scheme_name);
  const unsigned long seed =
    (unsigned long) hlnn_mex_scalar (prhs[IN_SEED], "seed", 1, 0, 4294967295.0);

  const size_t L = nsz - 1;
  hlnn_mlp *net = hlnn_mlp_alloc (L, sizes, HLNN_ACT_TANH);
  if (!net)
    hlnn_mex_fail ("nomem", "hlnn_mlp_init_mex: cannot allocate the layout");
  /* malloc, not mxMalloc: a layout too large for memory must give an
   * hlnn error, not the interpreter's out-of-memory error */
  double *theta = net->nparams < SIZE_MAX / sizeof (double)
                  ? malloc (net->nparams * sizeof (double)) : NULL;
  if (!theta)
    {
      const double np = (double) net->nparams;
      hlnn_mlp_free (net);
      hlnn_mex_fail ("mlp:nomem", "sizes give %.4g parameters (%.4g GB), "
                     "more than can be allocated", np, np * 8e-9);
    }
  const int st = cranmer ? hlnn_lnn_init_cranmer (net, theta, seed)
                 : hlnn_mlp_init (net, theta, scheme, seed);
  if (st)
    {
      free (theta);
      hlnn_mlp_free (net);
      hlnn_mex_fail_status ("mlp", st, "hlnn_mlp_init_mex");
    }
  mxArray *W = mxCreateCellMatrix (L, 1), *b = mxCreateCellMatrix (L, 1);
  for (size_t l = 1; l <= L; l++)
    {
      mxArray *Wl = mxCreateDoubleMatrix (sizes[l], sizes[l - 1], mxREAL);
      mxArray *bl = mxCreateDoubleMatrix (sizes[l], 1, mxREAL);
      memcpy (mxGetPr (Wl), theta + net->w_off[l],
              sizes[l] * sizes[l - 1] * sizeof (double));
      memcpy (mxGetPr (bl), theta + net->b_off[l], sizes[l] * sizeof (double));
      mxSetCell (W, l - 1, Wl);
      mxSetCell (b, l - 1, bl);
    }
  free (theta);
  hlnn_mlp_free (net);
  plhs[OUT_W] = W;
  if (nlhs > OUT_B)
    plhs[OUT_B] = b;
  else
    mxDestroyArray (b);
}
