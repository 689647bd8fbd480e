/* mlp.c -- dense network: forward with tangent channels, one reverse sweep.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Per hidden layer, with s_k = sigma^(k)(z) of the value channel:
 *   a = s0,  a_u = s1 z_u,  a_v = s1 z_v,  a_w = s1 z_w,
 *   a_vw = s2 z_v z_w + s1 z_vw.
 * Reverse of those (abar -> zbar):
 *   zbar_u = s1 abar_u,  zbar_vw = s1 abar_vw,
 *   zbar_v = s1 abar_v + s2 z_w abar_vw,  zbar_w = s1 abar_w + s2 z_v abar_vw,
 *   zbar   = s1 abar + s2 (z_u abar_u + z_v abar_v + z_w abar_w + z_vw abar_vw)
 *            + s3 z_v z_w abar_vw.
 * Tangent channels carry no bias. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_linalg.h>
#include "gemm.h"
#include "mlp.h"
#include "hlnn_status.h"

hlnn_mlp *
hlnn_mlp_alloc (size_t nlayers, const size_t *sizes, hlnn_act act)
{
  if (nlayers < 1 || sizes == NULL || (int) act < 0 || act >= HLNN_ACT_COUNT)
    return NULL;
  for (size_t l = 0; l <= nlayers; l++)
    if (sizes[l] == 0)
      return NULL;

  hlnn_mlp *net = calloc (1, sizeof *net);
  if (!net)
    return NULL;
  net->sizes = malloc ((nlayers + 1) * sizeof *net->sizes);
  net->w_off = malloc ((nlayers + 1) * sizeof *net->w_off);
  net->b_off = malloc ((nlayers + 1) * sizeof *net->b_off);
  if (!net->sizes || !net->w_off || !net->b_off)
    {
      hlnn_mlp_free (net);
      return NULL;
    }
  net->nlayers = nlayers;
  net->act = act;
  memcpy (net->sizes, sizes, (nlayers + 1) * sizeof *sizes);
  size_t off = 0;
  net->w_off[0] = net->b_off[0] = 0;
  for (size_t l = 1; l <= nlayers; l++)
    {
      net->w_off[l] = off;
      off += sizes[l] * sizes[l - 1];
      net->b_off[l] = off;
      off += sizes[l];
    }
  net->nparams = off;
  return net;
}

void
hlnn_mlp_free (hlnn_mlp *net)
{
  if (!net)
    return;
  free (net->sizes);
  free (net->w_off);
  free (net->b_off);
  free (net);
}

void
hlnn_mlp_work_free (hlnn_mlp_work *w)
{
  if (!w)
    return;
  for (size_t l = 0; l <= w->nlayers; l++)
    {
      if (w->z) free (w->z[l]);
      if (w->a) free (w->a[l]);
      if (w->s1) free (w->s1[l]);
      if (w->s2) free (w->s2[l]);
      if (w->s3) free (w->s3[l]);
      if (w->zb) free (w->zb[l]);
      if (w->ab) free (w->ab[l]);
    }
  free (w->zb);
  free (w->ab);
  free (w->z);
  free (w->a);
  free (w->s1);
  free (w->s2);
  free (w->s3);
  free (w->abar);
  free (w->zbar);
  free (w->resid);
  free (w);
}

hlnn_mlp_work *
hlnn_mlp_work_alloc (const hlnn_mlp *net, size_t nmax, size_t maxch)
{
  if (!net || nmax == 0 || maxch == 0 || maxch > HLNN_CH_COUNT)
    return NULL;
  const size_t L = net->nlayers;
  hlnn_mlp_work *w = calloc (1, sizeof *w);
  if (!w)
    return NULL;
  w->nlayers = L;
  w->nmax = nmax;
  w->maxch = maxch;
  w->z = calloc (L + 1, sizeof *w->z);
  w->a = calloc (L + 1, sizeof *w->a);
  w->s1 = calloc (L + 1, sizeof *w->s1);
  w->s2 = calloc (L + 1, sizeof *w->s2);
  w->s3 = calloc (L + 1, sizeof *w->s3);
  if (!w->z || !w->a || !w->s1 || !w->s2 || !w->s3)
    goto fail;
  size_t maxwidth = 0;
  for (size_t l = 0; l <= L; l++)
    {
      const size_t width = net->sizes[l];
      if (width > maxwidth)
        maxwidth = width;
      const size_t block = maxch * nmax * width;
      w->a[l] = malloc (block * sizeof (double));
      if (!w->a[l])
        goto fail;
      if (l == 0)
        continue;
      w->z[l] = malloc (block * sizeof (double));
      if (!w->z[l])
        goto fail;
      if (l == L)
        continue;
      w->s1[l] = malloc (nmax * width * sizeof (double));
      w->s2[l] = malloc (nmax * width * sizeof (double));
      w->s3[l] = malloc (nmax * width * sizeof (double));
      if (!w->s1[l] || !w->s2[l] || !w->s3[l])
        goto fail;
    }
  if (maxch >= 2)
    {
      w->zb = calloc (L + 1, sizeof *w->zb);
      w->ab = calloc (L + 1, sizeof *w->ab);
      if (!w->zb || !w->ab)
        goto fail;
      for (size_t l = 1; l <= L; l++)
        {
          w->zb[l] = malloc (maxch * nmax * net->sizes[l] * sizeof (double));
          if (!w->zb[l])
            goto fail;
          if (l == L)
            continue;
          w->ab[l] = malloc (nmax * net->sizes[l] * sizeof (double));
          if (!w->ab[l])
            goto fail;
        }
    }
  w->maxwidth = maxwidth;
  w->abar = malloc (maxch * nmax * maxwidth * sizeof (double));
  w->zbar = malloc (maxch * nmax * maxwidth * sizeof (double));
  w->resid = malloc (nmax * net->sizes[L] * sizeof (double));
  if (!w->abar || !w->zbar || !w->resid)
    goto fail;
  for (int c = 0; c < HLNN_CH_COUNT; c++)
    w->slot[c] = -1;
  return w;

fail:
  hlnn_mlp_work_free (w);
  return NULL;
}

/* ---------------------------------------------------------------------- */
/* Initialisation                                                          */

static int
init_orthogonal (gsl_rng *rng, size_t rows, size_t cols, double *W)
{
  /* QR of a Gaussian tall matrix; signs fixed by diag(R) so the result is
   * Haar distributed (Mezzadri 2007). */
  const size_t m = rows > cols ? rows : cols, k = rows > cols ? cols : rows;
  gsl_matrix *A = gsl_matrix_alloc (m, k);
  gsl_vector *tau = gsl_vector_alloc (k);
  gsl_matrix *Q = gsl_matrix_alloc (m, m);
  gsl_matrix *R = gsl_matrix_alloc (m, k);
  int status = HLNN_ENOMEM;
  if (!A || !tau || !Q || !R)
    goto done;
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < k; j++)
      gsl_matrix_set (A, i, j, gsl_ran_gaussian (rng, 1.0));
  gsl_linalg_QR_decomp (A, tau);
  gsl_linalg_QR_unpack (A, tau, Q, R);
  for (size_t j = 0; j < k; j++)
    {
      const double sgn = gsl_matrix_get (R, j, j) < 0 ? -1.0 : 1.0;
      for (size_t i = 0; i < m; i++)
        {
          const double q = sgn * gsl_matrix_get (Q, i, j);
          /* W is rows x cols column-major; Q's column j is W's column j
           * when rows >= cols, W's row j otherwise. */
          if (rows >= cols)
            W[i + j * rows] = q;
          else
            W[j + i * rows] = q;
        }
    }
  status = HLNN_SUCCESS;
done:
  gsl_matrix_free (A);
  gsl_vector_free (tau);
  gsl_matrix_free (Q);
  gsl_matrix_free (R);
  return status;
}

int
hlnn_mlp_init (const hlnn_mlp *net, double *theta, hlnn_init scheme,
               unsigned long seed)
{
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  if (!rng)
    return HLNN_ENOMEM;
  gsl_rng_set (rng, seed);
  int status = HLNN_SUCCESS;
  for (size_t l = 1; l <= net->nlayers && status == HLNN_SUCCESS; l++)
    {
      const size_t in = net->sizes[l - 1], out = net->sizes[l];
      double *W = theta + net->w_off[l], *b = theta + net->b_off[l];
      const double glorot = sqrt (6.0 / (double) (in + out));
      const double he = sqrt (2.0 / (double) in);
      const double torch = 1.0 / sqrt ((double) in);
      switch (scheme)
        {
        case HLNN_INIT_GLOROT:
          for (size_t i = 0; i < in * out; i++)
            W[i] = glorot * (2.0 * gsl_rng_uniform (rng) - 1.0);
          break;
        case HLNN_INIT_HE:
          for (size_t i = 0; i < in * out; i++)
            W[i] = gsl_ran_gaussian (rng, he);
          break;
        case HLNN_INIT_ORTHOGONAL:
        case HLNN_INIT_GREYDANUS:
          status = init_orthogonal (rng, out, in, W);
          break;
        case HLNN_INIT_TORCH:
          for (size_t i = 0; i < in * out; i++)
            W[i] = torch * (2.0 * gsl_rng_uniform (rng) - 1.0);
          break;
        default:
          status = HLNN_EDOM;
        }
      /* with tanh, zero biases make every hidden unit odd in x: an even
       * energy such as q^2 + p^2 must then be built from scratch, which
       * is why the HNN paper's code (torch biases) trains better */
      const int torch_bias = scheme == HLNN_INIT_TORCH
                             || (scheme == HLNN_INIT_GREYDANUS
                                 && l < net->nlayers);
      for (size_t i = 0; i < out; i++)
        b[i] = torch_bias ? torch * (2.0 * gsl_rng_uniform (rng) - 1.0) : 0.0;
    }
  gsl_rng_free (rng);
  return status;
}

/* ---------------------------------------------------------------------- */
/* Forward                                                                 */

/* Number of tangent levels carried by the active channels: 0, 1 or 2. */
static int
tangent_levels (const hlnn_mlp_work *w)
{
  if (w->slot[HLNN_CH_VW] >= 0)
    return 2;
  if (w->slot[HLNN_CH_U] >= 0 || w->slot[HLNN_CH_V] >= 0
      || w->slot[HLNN_CH_W] >= 0)
    return 1;
  return 0;
}

int
hlnn_mlp_forward (const hlnn_mlp *net, const double *theta, size_t N,
                  const double *X, const double *U, const double *V,
                  const double *W, int reverse_order, hlnn_mlp_work *w)
{
  if (N == 0 || N > w->nmax || w->nlayers != net->nlayers)
    return HLNN_EDOM;
  const double *in_ch[HLNN_CH_COUNT] = { X, U, V, W, NULL };
  size_t nch = 0;
  for (int c = 0; c < HLNN_CH_COUNT; c++)
    {
      const int on = c == HLNN_CH_VW ? (V && W) : in_ch[c] != NULL;
      w->slot[c] = on ? (int) nch++ : -1;
    }
  if (nch > w->maxch)
    return HLNN_EDOM;
  const int order = tangent_levels (w) + (reverse_order ? 1 : 0);
  if (order > hlnn_act_max_order (net->act) && net->nlayers > 1)
    return HLNN_EORDER;
  w->nch = nch;
  w->n = N;
  w->order = order;
  w->ld = nch * N;
  w->gradx_keep = 0;

  const size_t L = net->nlayers, ld = nch * N;
  const int su = w->slot[HLNN_CH_U], sv = w->slot[HLNN_CH_V];
  const int sw = w->slot[HLNN_CH_W], svw = w->slot[HLNN_CH_VW];

  /* Input block: every channel's N x d matrix, the VW input is zero. */
  const size_t d = net->sizes[0];
  for (int c = 0; c < HLNN_CH_COUNT; c++)
    {
      if (w->slot[c] < 0)
        continue;
      double *dst = w->a[0] + (size_t) w->slot[c] * N;
      for (size_t j = 0; j < d; j++)
        {
          if (in_ch[c])
            memcpy (dst + j * ld, in_ch[c] + j * N, N * sizeof (double));
          else
            memset (dst + j * ld, 0, N * sizeof (double));
        }
    }

  for (size_t l = 1; l <= L; l++)
    {
      const size_t in = net->sizes[l - 1], out = net->sizes[l];
      const double *Wl = theta + net->w_off[l], *bl = theta + net->b_off[l];
      double *z = w->z[l];
      hlnn_gemm (1, ld, out, in, w->a[l - 1], ld, Wl, out, z, ld);
      for (size_t j = 0; j < out; j++)
        {
          double *zj = z + j * ld;
          const double bj = bl[j];
          for (size_t i = 0; i < N; i++)
            zj[i] += bj;
        }
      if (l == L)
        break;

      double *a = w->a[l];
      /* the value channel alone is one contiguous block: one call for the
       * layer, not one per column (a rollout's few rows a column cost
       * more in the call than in the arithmetic) */
      const int value_only = nch == 1 && w->slot[HLNN_CH_VAL] == 0;
      const size_t rows = value_only ? N * out : N;
      const size_t cols = value_only ? 1 : out;
      for (size_t j = 0; j < cols; j++)
        {
          double *zj = z + j * ld, *aj = a + j * ld;
          double *s1 = w->s1[l] + j * N, *s2 = w->s2[l] + j * N;
          double *s3 = w->s3[l] + j * N;
          int st = hlnn_act_eval (net->act, order, rows, zj, aj,
                                  order >= 1 ? s1 : NULL,
                                  order >= 2 ? s2 : NULL,
                                  order >= 3 ? s3 : NULL);
          if (st)
            return st;
          if (su >= 0)
            for (size_t i = 0; i < N; i++)
              aj[su * N + i] = s1[i] * zj[su * N + i];
          if (sv >= 0)
            for (size_t i = 0; i < N; i++)
              aj[sv * N + i] = s1[i] * zj[sv * N + i];
          if (sw >= 0)
            for (size_t i = 0; i < N; i++)
              aj[sw * N + i] = s1[i] * zj[sw * N + i];
          if (svw >= 0)
            for (size_t i = 0; i < N; i++)
              aj[svw * N + i] = s2[i] * zj[sv * N + i] * zj[sw * N + i]
                                + s1[i] * zj[svw * N + i];
        }
    }
  return HLNN_SUCCESS;
}

const double *
hlnn_mlp_output (const hlnn_mlp *net, const hlnn_mlp_work *w, int ch,
                 size_t *ld)
{
  if (ch < 0 || ch >= HLNN_CH_COUNT || w->slot[ch] < 0)
    return NULL;
  if (ld)
    *ld = w->ld;
  return w->z[net->nlayers] + (size_t) w->slot[ch] * w->n;
}

/* ---------------------------------------------------------------------- */
/* Reverse                                                                 */

/* abar -> zbar through the activation of hidden layer l (formulas above). */
static void
reverse_activation (const hlnn_mlp_work *w, size_t l, size_t width)
{
  const size_t N = w->n, ld = w->nch * N;
  const int su = w->slot[HLNN_CH_U], sv = w->slot[HLNN_CH_V];
  const int sw = w->slot[HLNN_CH_W], svw = w->slot[HLNN_CH_VW];
  for (size_t j = 0; j < width; j++)
    {
      const double *ab = w->abar + j * ld, *z = w->z[l] + j * ld;
      double *zb = w->zbar + j * ld;
      const double *s1 = w->s1[l] + j * N, *s2 = w->s2[l] + j * N;
      const double *s3 = w->s3[l] + j * N;
      for (size_t i = 0; i < N; i++)
        zb[i] = s1[i] * ab[i];
      if (su >= 0)
        for (size_t i = 0; i < N; i++)
          {
            zb[su * N + i] = s1[i] * ab[su * N + i];
            zb[i] += s2[i] * z[su * N + i] * ab[su * N + i];
          }
      if (sv >= 0)
        for (size_t i = 0; i < N; i++)
          {
            zb[sv * N + i] = s1[i] * ab[sv * N + i];
            zb[i] += s2[i] * z[sv * N + i] * ab[sv * N + i];
          }
      if (sw >= 0)
        for (size_t i = 0; i < N; i++)
          {
            zb[sw * N + i] = s1[i] * ab[sw * N + i];
            zb[i] += s2[i] * z[sw * N + i] * ab[sw * N + i];
          }
      if (svw >= 0)
        for (size_t i = 0; i < N; i++)
          {
            const double abvw = ab[svw * N + i];
            const double zv = z[sv * N + i], zw = z[sw * N + i];
            zb[svw * N + i] = s1[i] * abvw;
            zb[sv * N + i] += s2[i] * zw * abvw;
            zb[sw * N + i] += s2[i] * zv * abvw;
            zb[i] += s2[i] * z[svw * N + i] * abvw + s3[i] * zv * zw * abvw;
          }
    }
}

int
hlnn_mlp_reverse (const hlnn_mlp *net, const double *theta,
                  const double *const seed[HLNN_CH_COUNT],
                  double *grad_theta, double *grad_x, hlnn_mlp_work *w)
{
  const size_t L = net->nlayers, N = w->n, ld = w->nch * N;
  if (N == 0 || w->nlayers != L || w->ld != ld)
    return HLNN_EDOM;   /* also after grad_x with keep >= 1: another layout */
  if (L > 1 && w->order < tangent_levels (w) + 1)
    return HLNN_EDOM;   /* the forward pass did not keep enough derivatives */
  const size_t dout = net->sizes[L];
  for (int c = 0; c < HLNN_CH_COUNT; c++)
    if (seed[c] && w->slot[c] < 0)
      return HLNN_EDOM;

  for (size_t j = 0; j < dout; j++)
    for (int c = 0; c < HLNN_CH_COUNT; c++)
      {
        if (w->slot[c] < 0)
          continue;
        double *dst = w->zbar + j * ld + (size_t) w->slot[c] * N;
        if (seed[c])
          memcpy (dst, seed[c] + j * N, N * sizeof (double));
        else
          memset (dst, 0, N * sizeof (double));
      }

  for (size_t l = L; l >= 1; l--)
    {
      const size_t in = net->sizes[l - 1], out = net->sizes[l];
      const double *Wl = theta + net->w_off[l];
      if (grad_theta)
        {
          double *gW = grad_theta + net->w_off[l];
          double *gb = grad_theta + net->b_off[l];
          hlnn_gemm_grad (out, in, ld, w->zbar, ld, w->a[l - 1], ld, gW,
                          out);
          for (size_t j = 0; j < out; j++)
            gb[j] += hlnn_mlp_sum (w->zbar + j * ld, N);
        }
      if (l == 1 && !grad_x)
        break;
      hlnn_gemm (0, ld, in, out, w->zbar, ld, Wl, out, w->abar, ld);
      if (l > 1)
        reverse_activation (w, l - 1, in);
      else
        for (size_t j = 0; j < in; j++)
          memcpy (grad_x + j * N, w->abar + j * ld, N * sizeof (double));
    }
  return HLNN_SUCCESS;
}

int
hlnn_mlp_mse (const hlnn_mlp *net, const double *theta, size_t N,
              const double *X, const double *Y, double *loss, double *grad,
              hlnn_mlp_work *w)
{
  int status = hlnn_mlp_forward (net, theta, N, X, NULL, NULL, NULL,
                                 grad != NULL, w);
  if (status)
    return status;
  size_t ld = 0;
  const double *Yhat = hlnn_mlp_output (net, w, HLNN_CH_VAL, &ld);
  const size_t dout = net->sizes[net->nlayers];
  const double scale = 1.0 / ((double) N * (double) dout);
  double sum = 0.0;
  for (size_t j = 0; j < dout; j++)
    for (size_t i = 0; i < N; i++)
      {
        const double r = Yhat[i + j * ld] - Y[i + j * N];
        sum += r * r;
        w->resid[i + j * N] = 2.0 * scale * r;
      }
  *loss = sum * scale;
  if (!grad)
    return HLNN_SUCCESS;
  memset (grad, 0, net->nparams * sizeof (double));
  const double *seed[HLNN_CH_COUNT] = { w->resid, NULL, NULL, NULL, NULL };
  return hlnn_mlp_reverse (net, theta, seed, grad, NULL, w);
}
