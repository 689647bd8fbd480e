/* hlnn_mex_model.c -- argument checks and model struct <-> libhlnn.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <math.h>
#include <gsl/gsl_errno.h>
#include "hlnn_mex.h"

void
hlnn_mex_init (void)
{
  gsl_set_error_handler_off ();
}

void
hlnn_mex_fail (const char *id, const char *fmt, ...)
{
  char full_id[128], msg[1024];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  snprintf (full_id, sizeof full_id, "hlnn:%s", id);
  mexErrMsgIdAndTxt (full_id, "%s", msg);
  for (;;) ;   /* not reached: mexErrMsgIdAndTxt unwinds the call */
}

void
hlnn_mex_fail_status (const char *area, int status, const char *context)
{
  const char *what;
  switch (status)
    {
    case HLNN_EDOM:    what = "domain"; break;
    case HLNN_ENOMEM:  what = "nomem"; break;
    case HLNN_ESING:   what = "singular"; break;
    case HLNN_ENAN:    what = "nonfinite"; break;
    case HLNN_EORDER:  what = "activation"; break;
    case HLNN_EMAXIT:  what = "maxiter"; break;
    case HLNN_EBADLEN: what = "badlength"; break;
    default:           what = "internal"; break;
    }
  char id[96];
  snprintf (id, sizeof id, "%s:%s", area, what);
  hlnn_mex_fail (id, "%s: %s", context, hlnn_strerror (status));
}

void
hlnn_mex_check_nargs (int nrhs, int min, int max, int nlhs, int maxout,
                      const char *fname)
{
  if (nrhs < min || nrhs > max)
    hlnn_mex_fail ("arg:nargin", "%s: expected %d to %d input arguments, got %d",
                   fname, min, max, nrhs);
  if (nlhs > maxout)
    hlnn_mex_fail ("arg:nargout", "%s: at most %d output arguments, got %d",
                   fname, maxout, nlhs);
}

const double *
hlnn_mex_matrix (const mxArray *a, const char *name, size_t rows,
                 size_t cols, int finite)
{
  if (!a || !mxIsDouble (a) || mxIsSparse (a) || mxIsComplex (a)
      || mxGetNumberOfDimensions (a) != 2)
    hlnn_mex_fail ("arg:type", "%s must be a real full double matrix", name);
  const size_t r = mxGetM (a), c = mxGetN (a);
  if (r == 0 || c == 0)
    hlnn_mex_fail ("arg:empty", "%s must not be empty", name);
  if ((rows && r != rows) || (cols && c != cols))
    hlnn_mex_fail ("arg:size", "%s must be %zu x %zu, got %zu x %zu", name,
                   rows ? rows : r, cols ? cols : c, r, c);
  const double *x = mxGetPr (a);
  if (finite)
    for (size_t i = 0; i < r * c; i++)
      if (!isfinite (x[i]))
        hlnn_mex_fail ("arg:nonfinite",
                       "%s must be finite (element %zu is %g)", name, i + 1,
                       x[i]);
  return x;
}

double
hlnn_mex_scalar (const mxArray *a, const char *name, int integer, double lo,
                 double hi)
{
  if (!a || !mxIsDouble (a) || mxIsSparse (a) || mxIsComplex (a)
      || mxGetNumberOfElements (a) != 1)
    hlnn_mex_fail ("arg:type", "%s must be a real double scalar", name);
  const double x = mxGetScalar (a);
  if (!isfinite (x))
    hlnn_mex_fail ("arg:nonfinite", "%s must be finite", name);
  if (integer && x != floor (x))
    hlnn_mex_fail ("arg:integer", "%s must be an integer, got %g", name, x);
  if (x < lo || x > hi)
    hlnn_mex_fail ("arg:range", "%s must be in [%g, %g], got %g", name, lo,
                   hi, x);
  return x;
}

const mxArray *
hlnn_mex_field (const mxArray *s, const char *field)
{
  return mxGetField (s, 0, field);
}

void
hlnn_system_fail (hlnn_system *s, const char *name_arg,
                  const char *params_arg, const char *name, size_t npar)
{
  if (hlnn_system_init (s, name, 0, NULL))
    hlnn_mex_fail ("system:name", "%s: unknown system '%s'", name_arg, name);
  if (npar != s->npar)
    hlnn_mex_fail ("system:params", "%s must hold the %zu parameters of %s, "
                   "got %zu", params_arg, s->npar, name, npar);
  hlnn_mex_fail ("system:params", "%s: invalid value for %s (masses, "
                 "lengths, spring constants must be > 0; g, G, b >= 0)",
                 params_arg, name);
}

void
hlnn_mex_set_field (mxArray *s, const char *f, mxArray *v)
{
  if (mxGetFieldNumber (s, f) < 0)
    mxAddField (s, f);
  mxArray *old = mxGetField (s, 0, f);
  if (old)
    mxDestroyArray (old);
  mxSetField (s, 0, f, v);
}

void
hlnn_mex_string (const mxArray *a, const char *name, char *buf, size_t len)
{
  if (!a || !mxIsChar (a) || mxGetM (a) > 1
      || mxGetNumberOfElements (a) >= len || mxGetString (a, buf, len) != 0)
    hlnn_mex_fail ("arg:type", "%s must be a short character string", name);
}

static const double *
model_array (const mxArray *s, const char *name, const char *field)
{
  const mxArray *a = mxGetField (s, 0, field);
  char what[160];
  snprintf (what, sizeof what, "%s.%s", name, field);
  if (!a)
    hlnn_mex_fail ("model:field", "%s is missing", what);
  return hlnn_mex_matrix (a, what, 0, 0, 1);
}

/* The optional field 'field' of the model struct s: NULL when absent or
 * empty, else 'count' finite reals >= 0 (count_name and items name them
 * in the error, e.g. "2n", "weights"). */
static const double *
optional_vector (const mxArray *s, const char *name, const char *field,
                 size_t count, const char *count_name, const char *items)
{
  char what[96];
  const mxArray *a = mxGetField (s, 0, field);
  if (!a || mxIsEmpty (a))
    return NULL;
  snprintf (what, sizeof what, "%s.%s", name, field);
  const double *v = hlnn_mex_matrix (a, what, 0, 0, 1);
  if (mxGetNumberOfElements (a) != count)
    hlnn_mex_fail ("model:field", "%s must hold %s = %zu %s, got %zu", what,
                   count_name, count, items, mxGetNumberOfElements (a));
  for (size_t k = 0; k < count; k++)
    if (v[k] < 0)
      hlnn_mex_fail ("model:field", "%s must be non-negative", what);
  return v;
}

/* The hnn fields: dissipation ('none' when absent), gamma (fixed rate),
 * rho (learned, softplus(rho) = gamma), loss_weights (optional).  Returns
 * the number of extra parameters; *rho receives the learned one. */
static size_t
hnn_read (const mxArray *s, const char *name, hlnn_mex_model *m, double *rho)
{
  static const char *const modes[3] = { "none", "fixed", "learned" };
  char mode[16] = "none", what[96];
  const mxArray *a = mxGetField (s, 0, "dissipation");
  if (a)
    hlnn_mex_string (a, "model.dissipation", mode, sizeof mode);
  m->dissipation = -1;
  for (int k = 0; k < 3; k++)
    if (strcmp (mode, modes[k]) == 0)
      m->dissipation = k;
  if (m->dissipation < 0)
    hlnn_mex_fail ("model:dissipation", "%s.dissipation must be 'none', "
                   "'fixed' or 'learned', got '%s'", name, mode);
  m->gamma = 0.0;
  if (m->dissipation == HLNN_DISS_FIXED)
    {
      snprintf (what, sizeof what, "%s.gamma", name);
      a = mxGetField (s, 0, "gamma");
      if (!a)
        hlnn_mex_fail ("model:field", "%s is missing (fixed dissipation)",
                       what);
      m->gamma = hlnn_mex_scalar (a, what, 0, 0.0, HUGE_VAL);
    }
  if (m->dissipation == HLNN_DISS_LEARNED)
    {
      snprintf (what, sizeof what, "%s.rho", name);
      a = mxGetField (s, 0, "rho");
      if (!a)
        hlnn_mex_fail ("model:field", "%s is missing (learned dissipation)",
                       what);
      *rho = hlnn_mex_scalar (a, what, 0, -HUGE_VAL, HUGE_VAL);
    }
  m->loss_weights = optional_vector (s, name, "loss_weights", 2 * m->n,
                                     "2n", "weights");
  return m->dissipation == HLNN_DISS_LEARNED ? 1 : 0;
}

void
hlnn_mex_model_read (const mxArray *s, const char *name, hlnn_mex_model *m)
{
  memset (m, 0, sizeof *m);
  if (!s || !mxIsStruct (s) || mxGetNumberOfElements (s) != 1)
    hlnn_mex_fail ("model:type", "%s must be a scalar model struct "
                   "(see mlp_create, hnn_create, lnn_create)", name);
  char kind[16], act_name[32];
  const mxArray *k = mxGetField (s, 0, "kind");
  if (!k)
    hlnn_mex_fail ("model:field", "%s.kind is missing", name);
  hlnn_mex_string (k, "model.kind", kind, sizeof kind);
  if (strcmp (kind, "mlp") == 0)
    m->kind = HLNN_KIND_MLP;
  else if (strcmp (kind, "hnn") == 0)
    m->kind = HLNN_KIND_HNN;
  else if (strcmp (kind, "lnn") == 0)
    m->kind = HLNN_KIND_LNN;
  else
    hlnn_mex_fail ("model:kind", "%s.kind must be 'mlp', 'hnn' or 'lnn', "
                   "got '%s'", name, kind);

  const mxArray *a = mxGetField (s, 0, "activation");
  if (!a)
    hlnn_mex_fail ("model:field", "%s.activation is missing", name);
  hlnn_mex_string (a, "model.activation", act_name, sizeof act_name);
  hlnn_act act;
  if (hlnn_act_from_name (act_name, &act))
    hlnn_mex_fail ("model:activation", "%s.activation '%s' is unknown",
                   name, act_name);

  const mxArray *W = mxGetField (s, 0, "W"), *b = mxGetField (s, 0, "b");
  if (!W || !b || !mxIsCell (W) || !mxIsCell (b))
    hlnn_mex_fail ("model:field", "%s.W and %s.b must be cell arrays",
                   name, name);
  const size_t L = mxGetNumberOfElements (W);
  if (L < 1 || L > HLNN_MEX_MAX_LAYERS || mxGetNumberOfElements (b) != L)
    hlnn_mex_fail ("model:layers", "%s.W and %s.b must hold the same number "
                   "(1 to %d) of layers", name, name, HLNN_MEX_MAX_LAYERS);

  size_t *sizes = m->sizes;
  char what[64];
  for (size_t l = 0; l < L; l++)
    {
      snprintf (what, sizeof what, "%s.W{%zu}", name, l + 1);
      hlnn_mex_matrix (mxGetCell (W, l), what, 0, 0, 1);
      const size_t out = mxGetM (mxGetCell (W, l)), in = mxGetN (mxGetCell (W, l));
      if (l == 0)
        sizes[0] = in;
      else if (in != sizes[l])
        hlnn_mex_fail ("model:layers", "%s has %zu columns but layer %zu has "
                       "%zu outputs", what, in, l, sizes[l]);
      sizes[l + 1] = out;
      snprintf (what, sizeof what, "%s.b{%zu}", name, l + 1);
      hlnn_mex_matrix (mxGetCell (b, l), what, out, 1, 1);
    }

  size_t nextra = 0;
  if (m->kind == HLNN_KIND_MLP)
    m->n = sizes[0];
  else
    {
      if (sizes[L] != 1)
        hlnn_mex_fail ("model:layers", "%s: an %s network has a scalar "
                       "output, the last layer has %zu", name, kind, sizes[L]);
      if (sizes[0] % 2)
        hlnn_mex_fail ("model:layers", "%s: an %s network takes 2n inputs, "
                       "got %zu", name, kind, sizes[0]);
      m->n = sizes[0] / 2;
      if (act == HLNN_ACT_RELU)
        hlnn_mex_fail ("model:activation", "%s.activation: relu has no "
                       "second derivative, which an %s needs", name, kind);
    }
  /* q's periods (hnn, lnn), the inputs' (mlp) */
  m->period = optional_vector (s, name, "period", m->n, "n", "periods");
  double rho = 0.0;
  if (m->kind == HLNN_KIND_HNN)
    nextra = hnn_read (s, name, m, &rho);
  if (m->kind == HLNN_KIND_LNN)
    {
      const mxArray *r = mxGetField (s, 0, "regularization");
      m->regularization = r ? hlnn_mex_scalar (r, "model.regularization", 0,
                                               0.0, HUGE_VAL)
                            : HLNN_EL_REG_DEFAULT;
    }

  m->nlayers = L;
  m->act = act;
  m->nextra = nextra;
  size_t off = 0;
  for (size_t l = 0; l < L; l++)
    off += sizes[l + 1] * (sizes[l] + 1);
  m->ntheta = off + nextra;
  m->theta = mxMalloc (m->ntheta * sizeof (double));
  /* the flat layout of mlp.h: W_l column-major, then b_l */
  off = 0;
  for (size_t l = 0; l < L; l++)
    {
      const size_t nw = sizes[l + 1] * sizes[l];
      memcpy (m->theta + off, mxGetPr (mxGetCell (W, l)), nw * sizeof (double));
      off += nw;
      memcpy (m->theta + off, mxGetPr (mxGetCell (b, l)),
              sizes[l + 1] * sizeof (double));
      off += sizes[l + 1];
    }
  if (m->kind == HLNN_KIND_HNN && nextra)
    m->theta[off] = rho;
}

void
hlnn_mex_model_alloc_net (hlnn_mex_model *m)
{
  m->net = hlnn_mlp_alloc (m->nlayers, m->sizes, m->act);
  if (!m->net)
    hlnn_mex_fail ("nomem", "cannot allocate the network");
}

void
hlnn_mex_model_free (hlnn_mex_model *m)
{
  hlnn_mlp_free (m->net);
  m->net = NULL;
  if (m->theta)
    mxFree (m->theta);
  m->theta = NULL;
}

mxArray *
hlnn_mex_model_write (const mxArray *s, const hlnn_mex_model *m)
{
  mxArray *out = mxDuplicateArray (s);
  const size_t L = m->nlayers, *sz = m->sizes;
  mxArray *W = mxCreateCellMatrix (L, 1), *b = mxCreateCellMatrix (L, 1);
  const mxArray *W0 = mxGetField (s, 0, "W");
  size_t off = 0;
  for (size_t l = 1; l <= L; l++)
    {
      mxArray *Wl = mxCreateDoubleMatrix (sz[l], sz[l - 1], mxREAL);
      mxArray *bl = mxCreateDoubleMatrix (sz[l], 1, mxREAL);
      memcpy (mxGetPr (Wl), m->theta + off, sz[l] * sz[l - 1] * sizeof (double));
      off += sz[l] * sz[l - 1];
      memcpy (mxGetPr (bl), m->theta + off, sz[l] * sizeof (double));
      off += sz[l];
      mxSetCell (W, l - 1, Wl);
      mxSetCell (b, l - 1, bl);
    }
  /* keep the user's cell orientation (row or column) */
  if (W0 && mxGetM (W0) == 1)
    {
      mxSetM (W, 1); mxSetN (W, L);
      mxSetM (b, 1); mxSetN (b, L);
    }
  hlnn_mex_set_field (out, "W", W);
  hlnn_mex_set_field (out, "b", b);
  if (m->kind == HLNN_KIND_HNN && m->dissipation == HLNN_DISS_LEARNED)
    {
      /* the parameter, and the rate it stands for as the model reports it */
      const double rho = m->theta[m->ntheta - 1];
      hlnn_mex_set_field (out, "rho", mxCreateDoubleScalar (rho));
      hlnn_mex_set_field (out, "gamma",
                          mxCreateDoubleScalar (hlnn_hnn_gamma_from_rho (rho)));
    }
  return out;
}

hlnn_hnn *
hlnn_mex_model_hnn (const hlnn_mex_model *m, size_t nmax, int *status)
{
  const size_t nhidden = m->nlayers - 1;
  *status = hlnn_hnn_check (m->n, nhidden, m->sizes + 1, m->act,
                            (hlnn_hnn_diss) m->dissipation, m->gamma);
  if (*status)
    return NULL;
  hlnn_hnn *h = hlnn_hnn_alloc (m->n, nhidden, m->sizes + 1, m->act,
                                (hlnn_hnn_diss) m->dissipation, m->gamma,
                                nmax);
  if (!h)
    *status = HLNN_ENOMEM;
  else
    *status = hlnn_mex_model_hnn_configure (m, h);
  if (*status)
    {
      hlnn_hnn_free (h);
      return NULL;
    }
  return h;
}

int
hlnn_mex_model_hnn_configure (const hlnn_mex_model *m, hlnn_hnn *h)
{
  for (size_t j = 0; j < h->n; j++)
    h->period[j] = m->period ? m->period[j] : 0.0;
  return hlnn_hnn_set_weights (h, m->loss_weights);
}

void
hlnn_mex_model_lnn_configure (const hlnn_mex_model *m, hlnn_lnn *l)
{
  l->reg = m->regularization;
  for (size_t j = 0; j < l->n; j++)
    l->period[j] = m->period ? m->period[j] : 0.0;
}

hlnn_lnn *
hlnn_mex_model_lnn (const hlnn_mex_model *m, size_t nmax, int *status)
{
  const size_t nhidden = m->nlayers - 1;
  *status = hlnn_lnn_check (m->n, nhidden, m->sizes + 1, m->act, nmax);
  if (*status)
    return NULL;
  hlnn_lnn *l = hlnn_lnn_alloc (m->n, nhidden, m->sizes + 1, m->act, nmax);
  if (!l)
    {
      *status = HLNN_ENOMEM;
      return NULL;
    }
  hlnn_mex_model_lnn_configure (m, l);
  return l;
}

void
hlnn_mex_model_data_dims (const hlnn_mex_model *m, size_t *dx, size_t *dy)
{
  *dx = m->sizes[0];
  switch (m->kind)
    {
    case HLNN_KIND_HNN: *dy = 2 * m->n; break;   /* targets [qdot pdot] */
    case HLNN_KIND_LNN: *dy = m->n; break;       /* targets qddot */
    default: *dy = m->sizes[m->nlayers]; break;
    }
}
