/* mlp_gradx.c -- grad_x of a scalar-output net, then d/dtheta of
 * sum_i <grad_x y_i, u_i> with the gradient pass's work reused.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * The general route (hlnn_mlp_forward with a U channel, then
 * hlnn_mlp_reverse seeded on U) recomputes two things the gradient pass
 * already had: the value channel, and the U channel's adjoint, which is
 * the gradient pass itself.  With zeta_l the adjoint of z_l and alpha_l
 * that of a_l in the pass seeded with 1 (zeta_l = s1 alpha_l):
 *   zbar_u,l   = zeta_l,
 *   zbar_val,l = s1 abar_val,l + s2 z_u,l alpha_l,   zbar_val,L = 0,
 *   dW_l      += zbar_val,l^T a_{l-1} + zeta_l^T a_u,{l-1},
 *   db_l      += sum_i zbar_val,l.
 * Keeping zeta and alpha leaves three GEMM passes per layer for the second
 * half (the U forward, the value adjoint, one weight gradient over both
 * channels): six per hidden layer in all instead of eight, and the
 * activation and its derivatives evaluated once.
 *
 * Layout: the value and U channels are blocks of N rows of one (2N) x
 * width matrix per layer, as in mlp.c; w->zb[l] holds [zbar_val; zeta]. */
#include <string.h>
#include <gsl/gsl_cblas.h>
#include "mlp.h"
#include "hlnn_status.h"

int
hlnn_mlp_grad_x (const hlnn_mlp *net, const double *theta, size_t N,
                 const double *X, int keep, double *G, hlnn_mlp_work *w)
{
  const size_t L = net->nlayers;
  if (N == 0 || N > w->nmax || w->nlayers != L || net->sizes[L] != 1
      || w->maxch < 2 || !w->zb)
    return HLNN_EDOM;
  const int order = keep ? 2 : 1;
  if (order > hlnn_act_max_order (net->act) && L > 1)
    return HLNN_EORDER;
  for (int c = 0; c < HLNN_CH_COUNT; c++)
    w->slot[c] = -1;
  w->slot[HLNN_CH_VAL] = 0;
  w->nch = 1;
  w->n = N;
  w->order = order;
  w->gradx_keep = keep;
  const size_t ld = 2 * N, d = net->sizes[0];
  w->ld = ld;

  for (size_t j = 0; j < d; j++)
    memcpy (w->a[0] + j * ld, X + j * N, N * sizeof (double));
  for (size_t l = 1; l <= L; l++)
    {
      const size_t in = net->sizes[l - 1], out = net->sizes[l];
      const double *Wl = theta + net->w_off[l], *bl = theta + net->b_off[l];
      double *z = w->z[l];
      cblas_dgemm (CblasColMajor, CblasNoTrans, CblasTrans,
                   (int) N, (int) out, (int) in, 1.0, w->a[l - 1], (int) ld,
                   Wl, (int) out, 0.0, z, (int) ld);
      for (size_t j = 0; j < out; j++)
        for (size_t i = 0; i < N; i++)
          z[i + j * ld] += bl[j];
      if (l == L)
        break;
      for (size_t j = 0; j < out; j++)
        {
          int st = hlnn_act_eval (net->act, order, N, z + j * ld,
                                  w->a[l] + j * ld, w->s1[l] + j * N,
                                  keep ? w->s2[l] + j * N : NULL, NULL);
          if (st)
            return st;
        }
    }

  /* zeta_L = 1, then alpha_{l-1} = zeta_l W_l, zeta_{l-1} = s1 alpha_{l-1} */
  double *zeta = w->zb[L] + N;
  for (size_t i = 0; i < N; i++)
    zeta[i] = 1.0;
  for (size_t l = L; l >= 1; l--)
    {
      const size_t in = net->sizes[l - 1], out = net->sizes[l];
      const double *Wl = theta + net->w_off[l];
      double *alpha = l > 1 ? w->ab[l - 1] : G;
      cblas_dgemm (CblasColMajor, CblasNoTrans, CblasNoTrans,
                   (int) N, (int) in, (int) out, 1.0, w->zb[l] + N, (int) ld,
                   Wl, (int) out, 0.0, alpha, (int) N);
      if (l == 1)
        break;
      for (size_t j = 0; j < in; j++)
        {
          const double *s1 = w->s1[l - 1] + j * N, *aj = alpha + j * N;
          double *zj = w->zb[l - 1] + N + j * ld;
          for (size_t i = 0; i < N; i++)
            zj[i] = s1[i] * aj[i];
        }
    }
  return HLNN_SUCCESS;
}

int
hlnn_mlp_grad_x_vjp (const hlnn_mlp *net, const double *theta,
                     const double *U, double *grad_theta, hlnn_mlp_work *w)
{
  const size_t L = net->nlayers, N = w->n, ld = 2 * N;
  if (!w->gradx_keep || w->slot[HLNN_CH_VAL] != 0 || w->nlayers != L)
    return HLNN_EDOM;
  w->slot[HLNN_CH_U] = 1;
  w->nch = 2;

  const size_t d = net->sizes[0];
  for (size_t j = 0; j < d; j++)
    memcpy (w->a[0] + N + j * ld, U + j * N, N * sizeof (double));
  for (size_t l = 1; l <= L; l++)
    {
      const size_t in = net->sizes[l - 1], out = net->sizes[l];
      const double *Wl = theta + net->w_off[l];
      double *zu = w->z[l] + N;
      cblas_dgemm (CblasColMajor, CblasNoTrans, CblasTrans,
                   (int) N, (int) out, (int) in, 1.0, w->a[l - 1] + N,
                   (int) ld, Wl, (int) out, 0.0, zu, (int) ld);
      if (l == L)
        break;
      for (size_t j = 0; j < out; j++)
        {
          const double *s1 = w->s1[l] + j * N;
          double *au = w->a[l] + N + j * ld;
          for (size_t i = 0; i < N; i++)
            au[i] = s1[i] * zu[i + j * ld];
        }
    }

  memset (w->zb[L], 0, N * sizeof (double));
  for (size_t l = L; l >= 1; l--)
    {
      const size_t in = net->sizes[l - 1], out = net->sizes[l];
      const double *Wl = theta + net->w_off[l];
      double *gW = grad_theta + net->w_off[l], *gb = grad_theta + net->b_off[l];
      const double *zb = w->zb[l];
      cblas_dgemm (CblasColMajor, CblasTrans, CblasNoTrans,
                   (int) out, (int) in, (int) ld, 1.0, zb, (int) ld,
                   w->a[l - 1], (int) ld, 1.0, gW, (int) out);
      for (size_t j = 0; j < out; j++)
        {
          double s = 0.0;
          for (size_t i = 0; i < N; i++)
            s += zb[i + j * ld];
          gb[j] += s;
        }
      if (l == 1)
        break;
      /* the value adjoint: zero above the output layer's inputs */
      double *abar = w->abar;
      if (l == L)
        memset (abar, 0, N * in * sizeof (double));
      else
        cblas_dgemm (CblasColMajor, CblasNoTrans, CblasNoTrans,
                     (int) N, (int) in, (int) out, 1.0, zb, (int) ld,
                     Wl, (int) out, 0.0, abar, (int) N);
      for (size_t j = 0; j < in; j++)
        {
          const double *s1 = w->s1[l - 1] + j * N, *s2 = w->s2[l - 1] + j * N;
          const double *zu = w->z[l - 1] + N + j * ld;
          const double *alpha = w->ab[l - 1] + j * N, *ab = abar + j * N;
          double *zv = w->zb[l - 1] + j * ld;
          for (size_t i = 0; i < N; i++)
            zv[i] = s1[i] * ab[i] + s2[i] * zu[i] * alpha[i];
        }
    }
  return HLNN_SUCCESS;
}
