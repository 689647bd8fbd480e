/* hlnn_system_mex.c -- evaluate an analytic system of libhlnn.
 *
 *   Y = hlnn_system_mex (what, name, params, X)
 *   info = hlnn_system_mex ('info', name, params)
 *
 * what: 'field' (K x 2n: [q' p'] or [qdot qddot]), 'energy' (K x 1),
 * 'scalar' (K x 1: H or L), 'dL' (K x 2n: [dL/dq dL/dqdot], Lagrangian
 * form only).  params is [] for the defaults or all parameters in the
 * order of info.param_names.  Rows of X are states.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <string.h>
#include "hlnn_mex.h"

enum { IN_WHAT, IN_NAME, IN_PARAMS, IN_X, N_IN };
enum { OUT_Y, N_OUT };

static void
read_system (const mxArray *name_a, const mxArray *par_a, hlnn_system *s)
{
  char name[32];
  hlnn_mex_string (name_a, "name", name, sizeof name);
  const double *par = NULL;
  size_t npar = 0;
  if (!mxIsEmpty (par_a))
    {
      par = hlnn_mex_matrix (par_a, "params", 0, 0, 1);
      npar = mxGetNumberOfElements (par_a);
    }
  else if (!mxIsDouble (par_a))
    hlnn_mex_fail ("arg:type", "params must be a double vector or []");
  if (hlnn_system_init (s, name, npar, par))
    hlnn_system_fail (s, "name", "params", name, npar);
}

static mxArray *
info (const hlnn_system *s)
{
  const char *fields[] = { "n", "form", "dissipative", "separable",
                           "param_names", "params" };
  mxArray *out = mxCreateStructMatrix (1, 1, 6, fields);
  mxSetField (out, 0, "n", mxCreateDoubleScalar ((double) s->n));
  mxSetField (out, 0, "form", mxCreateString (
      s->form == HLNN_FORM_HAMILTONIAN ? "hamiltonian" : "lagrangian"));
  mxSetField (out, 0, "dissipative", mxCreateLogicalScalar (s->dissipative));
  mxSetField (out, 0, "separable", mxCreateLogicalScalar (s->separable));
  size_t np;
  const char *names = hlnn_system_param_names (s->id, &np);
  mxArray *cell = mxCreateCellMatrix (1, np);
  char buf[128];
  strncpy (buf, names, sizeof buf - 1);
  buf[sizeof buf - 1] = '\0';
  char *tok = strtok (buf, ",");
  for (size_t j = 0; j < np && tok; j++, tok = strtok (NULL, ","))
    mxSetCell (cell, j, mxCreateString (tok));
  mxSetField (out, 0, "param_names", cell);
  mxArray *p = mxCreateDoubleMatrix (1, np, mxREAL);
  memcpy (mxGetPr (p), s->par, np * sizeof (double));
  mxSetField (out, 0, "params", p);
  return out;
}

void
mexFunction (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  hlnn_mex_init ();
  hlnn_mex_check_nargs (nrhs, N_IN - 1, N_IN, nlhs, N_OUT, "hlnn_system_mex");
  char what[16];
  hlnn_mex_string (prhs[IN_WHAT], "what", what, sizeof what);
  hlnn_system s;
  read_system (prhs[IN_NAME], prhs[IN_PARAMS], &s);
  if (strcmp (what, "info") == 0)
    {
      plhs[OUT_Y] = info (&s);
      return;
    }
  if (nrhs != N_IN)
    hlnn_mex_fail ("arg:nargin", "hlnn_system_mex: '%s' needs the states X",
                   what);
  const size_t d = 2 * s.n;
  const double *X = hlnn_mex_matrix (prhs[IN_X], "X", 0, d, 1);
  const size_t K = mxGetM (prhs[IN_X]);
  int st;
  if (strcmp (what, "field") == 0)
    {
      plhs[OUT_Y] = mxCreateDoubleMatrix (K, d, mxREAL);
      st = hlnn_system_field (&s, 0.0, K, X, mxGetPr (plhs[OUT_Y]));
    }
  else if (strcmp (what, "energy") == 0 || strcmp (what, "scalar") == 0)
    {
      plhs[OUT_Y] = mxCreateDoubleMatrix (K, 1, mxREAL);
      st = what[0] == 'e' ? hlnn_system_energy (&s, K, X, mxGetPr (plhs[OUT_Y]))
                          : hlnn_system_scalar (&s, K, X, mxGetPr (plhs[OUT_Y]));
    }
  else if (strcmp (what, "dL") == 0)
    {
      if (s.form != HLNN_FORM_LAGRANGIAN)
        hlnn_mex_fail ("system:form", "hlnn_system_mex: 'dL' needs a "
                       "Lagrangian-form system");
      plhs[OUT_Y] = mxCreateDoubleMatrix (K, d, mxREAL);
      double *Y = mxGetPr (plhs[OUT_Y]);
      st = hlnn_system_dL (&s, K, X, Y, Y + K * s.n);
    }
  else
    hlnn_mex_fail ("arg:what", "what: unknown request '%s' "
                   "(field, energy, scalar, dL, info)", what);
  if (st)
    hlnn_mex_fail_status ("system", st, "hlnn_system_mex");
}
