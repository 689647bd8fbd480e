/* mlp_gradx.c -- grad_x of a scalar-output net, then Hessian-vector
 * products and theta-gradients of first and second directional
 * derivatives, all reusing the gradient pass.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * The channel route of mlp.c (forward the value with tangent channels,
 * reverse through all of them) recomputes, for every product it forms,
 * the value channel and the adjoint of the gradient pass.  Here the
 * gradient pass runs once and keeps, per layer, zeta_l (adjoint of z_l
 * when y is seeded with 1) and alpha_l (adjoint of a_l; zeta_l = s1
 * alpha_l).  A tangent channel t seeded nowhere has zbar_t = 0; one
 * seeded with 1 at the output has zbar_t = zeta.  With that:
 *
 *   Hess y . v (hvp): forward z_v, then the value adjoint alone,
 *     zbar_val,l = s1 abar_val,l + s2 z_v,l alpha_l,  zbar_val,L = 0,
 *     and Hess y . v = abar_val,0.
 *   d/dtheta Dy[u] (vjp): forward z_u; dW_l += zbar_val,l^T a_{l-1} +
 *     zeta_l^T a_u,{l-1} with zbar_val,l as in hvp (v -> u).
 *   d/dtheta (Dy[u] + c D2y[v,w]) (vjp2): the U and VW channels have
 *     proportional adjoints (zeta and c zeta), so they merge into one
 *     channel C: z_c = z_u + c z_vw, a_c = s1 z_c + c s2 z_v z_w, input U.
 *     Then, with zbar_* = 0 at the output except zbar_c,L = 1,
 *       zbar_v   = s1 abar_v + c s2 z_w alpha,
 *       zbar_w   = s1 abar_w + c s2 z_v alpha,
 *       zbar_val = s1 abar_val + s2 (z_c alpha + z_v abar_v + z_w abar_w)
 *                  + c s3 z_v z_w alpha,
 *       dW_l += [zbar_val; zbar_v; zbar_w; zeta]^T [a; a_v; a_w; a_c].
 * Counted in GEMM passes of N rows per hidden-to-hidden layer, an HNN
 * training step (grad_x, vjp) takes 6 instead of the channel route's 8,
 * an LNN step with n coordinates (grad_x, n hvp, vjp2) 12 + 2n instead of
 * 17 + 4n, and the activation is evaluated once per step, not n + 2 times.
 *
 * Layout: channels are blocks of N rows of one (S N) x width matrix per
 * layer (as in mlp.c), S = 1 slot [value] for keep = 0, S = 2 slots
 * [value; u] for keep = 1 and S = 4 [value; v; w; c] for keep = 2;
 * w->zb[l] holds the adjoints in the same slots, zeta in the last one. */
#include <string.h>
#include "gemm.h"
#include "mlp.h"
#include "hlnn_status.h"

int
hlnn_mlp_grad_x (const hlnn_mlp *net, const double *theta, size_t N,
                 const double *X, int keep, double *G, hlnn_mlp_work *w)
{
  const size_t L = net->nlayers;
  /* keep = 0 needs the value's slot alone (zeta in zb's): each layer's
   * activations are then one contiguous block */
  const size_t S = keep == 2 ? 4 : keep == 1 ? 2 : 1;
  if (N == 0 || N > w->nmax || w->nlayers != L || net->sizes[L] != 1
      || keep < 0 || keep > 2 || w->maxch < S || !w->zb)
    return HLNN_EDOM;
  const int order = keep + 1;
  if (order > hlnn_act_max_order (net->act) && L > 1)
    return HLNN_EORDER;
  for (int c = 0; c < HLNN_CH_COUNT; c++)
    w->slot[c] = -1;
  w->slot[HLNN_CH_VAL] = 0;
  w->nch = 1;
  w->n = N;
  w->order = order;
  w->gradx_keep = keep;
  const size_t ld = S * N, d = net->sizes[0];
  w->ld = ld;

  for (size_t j = 0; j < d; j++)
    memcpy (w->a[0] + j * ld, X + j * N, N * sizeof (double));
  for (size_t l = 1; l <= L; l++)
    {
      const size_t in = net->sizes[l - 1], out = net->sizes[l];
      const double *Wl = theta + net->w_off[l], *bl = theta + net->b_off[l];
      double *z = w->z[l];
      hlnn_gemm (1, N, out, in, w->a[l - 1], ld, Wl, out, z, ld);
      for (size_t j = 0; j < out; j++)
        for (size_t i = 0; i < N; i++)
          z[i + j * ld] += bl[j];
      if (l == L)
        break;
      /* one call per layer where the block is contiguous: a rollout's
       * calls have a few rows, and a call per column of 7 or 8 elements
       * costs more in the call than in the arithmetic */
      const size_t rows = S == 1 ? N * out : N, calls = S == 1 ? 1 : out;
      for (size_t j = 0; j < calls; j++)
        {
          int st = hlnn_act_eval (net->act, order, rows, z + j * ld,
                                  w->a[l] + j * ld, w->s1[l] + j * N,
                                  keep >= 1 ? w->s2[l] + j * N : NULL,
                                  keep >= 2 ? w->s3[l] + j * N : NULL);
          if (st)
            return st;
        }
    }

  /* zeta_L = 1, then alpha_{l-1} = zeta_l W_l, zeta_{l-1} = s1 alpha_{l-1} */
  const size_t zs = (S - 1) * N;   /* zeta's slot */
  for (size_t i = 0; i < N; i++)
    w->zb[L][zs + i] = 1.0;
  for (size_t l = L; l >= 1; l--)
    {
      const size_t in = net->sizes[l - 1], out = net->sizes[l];
      const double *Wl = theta + net->w_off[l];
      double *alpha = l > 1 ? w->ab[l - 1] : G;
      hlnn_gemm (0, N, in, out, w->zb[l] + zs, ld, Wl, out, alpha, N);
      if (l == 1)
        break;
      for (size_t j = 0; j < in; j++)
        {
          const double *s1 = w->s1[l - 1] + j * N, *aj = alpha + j * N;
          double *zj = w->zb[l - 1] + zs + j * ld;
          for (size_t i = 0; i < N; i++)
            zj[i] = s1[i] * aj[i];
        }
    }
  return HLNN_SUCCESS;
}

/* The linear tangent channels in slots first..first+count-1: inputs are
 * already in a[0]; z_t,l = a_t,{l-1} W_l^T, a_t,l = s1 z_t,l.  With
 * c != 0 the last of them is the merged channel C of vjp2, whose
 * activation gains c s2 z_v z_w (v, w in slots 1, 2). */
static void
forward_tangents (const hlnn_mlp *net, const double *theta, size_t first,
                  size_t count, double c, hlnn_mlp_work *w)
{
  const size_t L = net->nlayers, N = w->n, ld = w->ld;
  for (size_t l = 1; l <= L; l++)
    {
      const size_t in = net->sizes[l - 1], out = net->sizes[l];
      const double *Wl = theta + net->w_off[l];
      hlnn_gemm (1, count * N, out, in, w->a[l - 1] + first * N, ld, Wl, out,
                 w->z[l] + first * N, ld);
      if (l == L)
        break;
      for (size_t j = 0; j < out; j++)
        {
          const double *s1 = w->s1[l] + j * N;
          const double *z = w->z[l] + j * ld;
          double *a = w->a[l] + j * ld;
          for (size_t k = first; k < first + count; k++)
            for (size_t i = 0; i < N; i++)
              a[k * N + i] = s1[i] * z[k * N + i];
          if (c != 0.0)
            {
              const double *s2 = w->s2[l] + j * N;
              double *ac = a + (first + count - 1) * N;
              for (size_t i = 0; i < N; i++)
                ac[i] += c * s2[i] * z[N + i] * z[2 * N + i];
            }
        }
    }
}

/* Copy the N x d matrix M into slot k of the input block. */
static void
set_input (const hlnn_mlp *net, hlnn_mlp_work *w, size_t k, const double *M)
{
  const size_t N = w->n, ld = w->ld;
  for (size_t j = 0; j < net->sizes[0]; j++)
    memcpy (w->a[0] + k * N + j * ld, M + j * N, N * sizeof (double));
}

int
hlnn_mlp_grad_x_hvp (const hlnn_mlp *net, const double *theta,
                     const double *V, double *HV, hlnn_mlp_work *w)
{
  const size_t L = net->nlayers, N = w->n, ld = w->ld;
  if (w->gradx_keep < 1 || w->nlayers != L)
    return HLNN_EDOM;
  set_input (net, w, 1, V);
  forward_tangents (net, theta, 1, 1, 0.0, w);
  /* value adjoint, leading dimension N, in the reverse scratch */
  double *zbar = w->zbar, *abar = w->abar;
  for (size_t l = L; l >= 1; l--)
    {
      const size_t in = net->sizes[l - 1], out = net->sizes[l];
      const double *Wl = theta + net->w_off[l];
      double *dst = l > 1 ? abar : HV;
      if (l == L)
        memset (dst, 0, N * in * sizeof (double));
      else
        hlnn_gemm (0, N, in, out, zbar, N, Wl, out, dst, N);
      if (l == 1)
        break;
      for (size_t j = 0; j < in; j++)
        {
          const double *s1 = w->s1[l - 1] + j * N, *s2 = w->s2[l - 1] + j * N;
          const double *zv = w->z[l - 1] + N + j * ld;
          const double *alpha = w->ab[l - 1] + j * N, *ab = abar + j * N;
          double *zb = zbar + j * N;
          for (size_t i = 0; i < N; i++)
            zb[i] = s1[i] * ab[i] + s2[i] * zv[i] * alpha[i];
        }
    }
  return HLNN_SUCCESS;
}

/* dW_l += zb^T a over the first R rows of the slots; db_l += sum of the
 * value slot. */
static void
accumulate_layer (const hlnn_mlp *net, const hlnn_mlp_work *w, size_t l,
                  size_t R, double *grad_theta)
{
  const size_t N = w->n, ld = w->ld;
  const size_t in = net->sizes[l - 1], out = net->sizes[l];
  double *gW = grad_theta + net->w_off[l], *gb = grad_theta + net->b_off[l];
  const double *zb = w->zb[l];
  hlnn_gemm_grad (out, in, R, zb, ld, w->a[l - 1], ld, gW, out);
  for (size_t j = 0; j < out; j++)
    gb[j] += hlnn_mlp_sum (zb + j * ld, N);
}

int
hlnn_mlp_grad_x_vjp (const hlnn_mlp *net, const double *theta,
                     const double *U, double *grad_theta, hlnn_mlp_work *w)
{
  const size_t L = net->nlayers, N = w->n, ld = w->ld;
  if (w->gradx_keep != 1 || w->nlayers != L)
    return HLNN_EDOM;
  set_input (net, w, 1, U);
  forward_tangents (net, theta, 1, 1, 0.0, w);
  w->slot[HLNN_CH_U] = 1;
  w->nch = 2;

  memset (w->zb[L], 0, N * sizeof (double));
  for (size_t l = L; l >= 1; l--)
    {
      const size_t in = net->sizes[l - 1], out = net->sizes[l];
      const double *Wl = theta + net->w_off[l];
      const double *zb = w->zb[l];
      accumulate_layer (net, w, l, 2 * N, grad_theta);
      if (l == 1)
        break;
      double *abar = w->abar;
      if (l == L)
        memset (abar, 0, N * in * sizeof (double));
      else
        hlnn_gemm (0, N, in, out, zb, ld, Wl, out, abar, N);
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

int
hlnn_mlp_grad_x_vjp2 (const hlnn_mlp *net, const double *theta,
                      const double *U, const double *V, const double *W,
                      double c, double *grad_theta, hlnn_mlp_work *w)
{
  const size_t L = net->nlayers, N = w->n, ld = w->ld;
  if (w->gradx_keep != 2 || w->nlayers != L)
    return HLNN_EDOM;
  set_input (net, w, 1, V);
  set_input (net, w, 2, W);
  set_input (net, w, 3, U);
  forward_tangents (net, theta, 1, 3, c, w);

  memset (w->zb[L], 0, 3 * N * sizeof (double));
  for (size_t l = L; l >= 1; l--)
    {
      const size_t in = net->sizes[l - 1], out = net->sizes[l];
      const double *Wl = theta + net->w_off[l];
      accumulate_layer (net, w, l, 4 * N, grad_theta);
      if (l == 1)
        break;
      /* abar of the value, v and w slots, leading dimension 3N */
      const size_t la = 3 * N;
      double *abar = w->abar;
      if (l == L)
        memset (abar, 0, la * in * sizeof (double));
      else
        hlnn_gemm (0, la, in, out, w->zb[l], ld, Wl, out, abar, la);
      for (size_t j = 0; j < in; j++)
        {
          const double *s1 = w->s1[l - 1] + j * N, *s2 = w->s2[l - 1] + j * N;
          const double *s3 = w->s3[l - 1] + j * N;
          const double *z = w->z[l - 1] + j * ld;
          const double *alpha = w->ab[l - 1] + j * N, *ab = abar + j * la;
          double *zb = w->zb[l - 1] + j * ld;
          for (size_t i = 0; i < N; i++)
            {
              const double zv = z[N + i], zw = z[2 * N + i], zc = z[3 * N + i];
              const double av = ab[N + i], aw = ab[2 * N + i], al = alpha[i];
              zb[i] = s1[i] * ab[i] + s2[i] * (zc * al + zv * av + zw * aw)
                      + c * s3[i] * zv * zw * al;
              zb[N + i] = s1[i] * av + c * s2[i] * zw * al;
              zb[2 * N + i] = s1[i] * aw + c * s2[i] * zv * al;
            }
        }
    }
  return HLNN_SUCCESS;
}
