/* hnn.c -- Hamiltonian neural network field, energy and exact loss gradient.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Everything is expressed through the MLP's channels (mlp.h):
 *   grad_x H       hlnn_mlp_grad_x;
 *   Hess H . v     VAL+V forward, V reverse seeded with ones -> grad_x
 *                  (d/dx of DH[v] with v fixed);
 *   dloss/dtheta   d/dtheta of DH[u] with u = J^T dloss/df held fixed:
 *                  hlnn_mlp_grad_x_vjp, which reuses the gradient pass
 *                  (a VAL+U forward and U reverse give the same numbers
 *                  with two GEMM passes more per layer).
 * The symplectic map J and the dissipation term are applied in one place
 * (apply_field) for the field and its Jacobian alike, so that what the
 * tests verify about one holds for the other. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "hnn.h"
#include "period.h"
#include "hlnn_status.h"

int
hlnn_hnn_check (size_t n, size_t nhidden, const size_t *hidden,
                hlnn_act act, hlnn_hnn_diss diss, double gamma)
{
  if ((int) act < 0 || act >= HLNN_ACT_COUNT)
    return HLNN_EDOM;
  /* The loss gradient differentiates the gradient pass once more. */
  if (hlnn_act_max_order (act) < 2)
    return HLNN_EORDER;
  if (n == 0 || (nhidden > 0 && hidden == NULL))
    return HLNN_EDOM;
  for (size_t l = 0; l < nhidden; l++)
    if (hidden[l] == 0)
      return HLNN_EDOM;
  if (diss != HLNN_DISS_NONE && diss != HLNN_DISS_FIXED
      && diss != HLNN_DISS_LEARNED)
    return HLNN_EDOM;
  if (diss == HLNN_DISS_FIXED && !(isfinite (gamma) && gamma >= 0.0))
    return HLNN_EDOM;
  return HLNN_SUCCESS;
}

void
hlnn_hnn_free (hlnn_hnn *h)
{
  if (!h)
    return;
  hlnn_mlp_free (h->net);
  hlnn_mlp_work_free (h->work);
  free (h->weights);
  free (h->period);
  free (h->ones);
  free (h->g);
  free (h->u);
  free (h->Xc);
  free (h->Yc);
  free (h->Zc);
  free (h);
}

hlnn_hnn *
hlnn_hnn_alloc (size_t n, size_t nhidden, const size_t *hidden,
                hlnn_act act, hlnn_hnn_diss diss, double gamma, size_t nmax)
{
  if (nmax == 0 || hlnn_hnn_check (n, nhidden, hidden, act, diss, gamma))
    return NULL;
  hlnn_hnn *h = calloc (1, sizeof *h);
  size_t *sizes = malloc ((nhidden + 2) * sizeof *sizes);
  if (!h || !sizes)
    {
      free (h);
      free (sizes);
      return NULL;
    }
  h->n = n;
  h->d = 2 * n;
  h->diss = diss;
  h->gamma = diss == HLNN_DISS_FIXED ? gamma : 0.0;
  h->nmax = nmax;
  sizes[0] = h->d;
  for (size_t l = 0; l < nhidden; l++)
    sizes[l + 1] = hidden[l];
  sizes[nhidden + 1] = 1;
  h->net = hlnn_mlp_alloc (nhidden + 1, sizes, act);
  free (sizes);
  if (!h->net)
    goto fail;
  h->nparams = h->net->nparams + (diss == HLNN_DISS_LEARNED ? 1 : 0);
  h->work = hlnn_mlp_work_alloc (h->net, nmax, 2);
  const size_t block = nmax * h->d * sizeof (double);
  h->weights = malloc (h->d * sizeof (double));
  h->period = calloc (n, sizeof (double));
  h->ones = malloc (nmax * sizeof (double));
  h->g = malloc (block);
  h->u = malloc (block);
  h->Xc = malloc (block);
  h->Yc = malloc (block);
  h->Zc = malloc (block);
  if (!h->work || !h->weights || !h->period || !h->ones || !h->g || !h->u
      || !h->Xc || !h->Yc || !h->Zc)
    goto fail;
  for (size_t i = 0; i < nmax; i++)
    h->ones[i] = 1.0;
  for (size_t k = 0; k < h->d; k++)
    h->weights[k] = 1.0;
  return h;
fail:
  hlnn_hnn_free (h);
  return NULL;
}

int
hlnn_hnn_set_weights (hlnn_hnn *h, const double *w)
{
  if (w)
    for (size_t k = 0; k < h->d; k++)
      if (!(isfinite (w[k]) && w[k] >= 0.0))
        return HLNN_EDOM;
  for (size_t k = 0; k < h->d; k++)
    h->weights[k] = w ? w[k] : 1.0;
  return HLNN_SUCCESS;
}

double
hlnn_hnn_gamma_from_rho (double rho)
{
  return rho > 0 ? rho + log1p (exp (-rho)) : log1p (exp (rho));
}

/* d softplus / d rho */
static double
sigmoid (double rho)
{
  if (rho >= 0)
    return 1.0 / (1.0 + exp (-rho));
  const double e = exp (rho);
  return e / (1.0 + e);
}

double
hlnn_hnn_gamma (const hlnn_hnn *h, const double *theta)
{
  switch (h->diss)
    {
    case HLNN_DISS_FIXED:
      return h->gamma;
    case HLNN_DISS_LEARNED:
      return hlnn_hnn_gamma_from_rho (theta[h->nparams - 1]);
    default:
      return 0.0;
    }
}

int
hlnn_hnn_rho_from_gamma (double gamma, double *rho)
{
  if (!(isfinite (gamma) && gamma > 0.0))
    return HLNN_EDOM;
  /* log(e^g - 1) = g + log(1 - e^-g), accurate for tiny and large g */
  *rho = gamma + log (-expm1 (-gamma));
  return HLNN_SUCCESS;
}

/* ---------------------------------------------------------------------- */
/* Blocks of at most nmax contiguous rows                                  */

/* F = J G - gamma [0 P] for N rows: F_q = G_p, F_p = -G_q - gamma P_p,
 * where P is the state for the field and the tangent for its Jacobian. */
static void
apply_field (size_t n, size_t N, double gamma, const double *G,
             const double *P, double *F)
{
  for (size_t k = 0; k < n; k++)
    {
      const double *gq = G + k * N, *gp = G + (n + k) * N;
      const double *pk = P + (n + k) * N;
      double *fq = F + k * N, *fp = F + (n + k) * N;
      for (size_t i = 0; i < N; i++)
        {
          fq[i] = gp[i];
          fp[i] = -gq[i] - gamma * pk[i];
        }
    }
}

static int
grad_block (hlnn_hnn *h, const double *theta, size_t N, const double *X,
            double *G)
{
  return hlnn_mlp_grad_x (h->net, theta, N, X, 0, G, h->work);
}

enum { OP_ENERGY, OP_GRAD, OP_FIELD, OP_JVP };

static int
eval_block (hlnn_hnn *h, const double *theta, int op, size_t N,
            const double *X, const double *V, double *out)
{
  int st;
  switch (op)
    {
    case OP_ENERGY:
      {
        st = hlnn_mlp_forward (h->net, theta, N, X, NULL, NULL, NULL, 0,
                               h->work);
        if (st)
          return st;
        const double *y = hlnn_mlp_output (h->net, h->work, HLNN_CH_VAL,
                                           NULL);
        memcpy (out, y, N * sizeof (double));
        return HLNN_SUCCESS;
      }
    case OP_GRAD:
      return grad_block (h, theta, N, X, out);
    case OP_FIELD:
      st = grad_block (h, theta, N, X, h->g);
      if (st)
        return st;
      apply_field (h->n, N, hlnn_hnn_gamma (h, theta), h->g, X, out);
      return HLNN_SUCCESS;
    case OP_JVP:
      {
        st = hlnn_mlp_forward (h->net, theta, N, X, NULL, V, NULL, 1,
                               h->work);
        if (st)
          return st;
        const double *seed[HLNN_CH_COUNT] = { NULL, NULL, h->ones, NULL,
                                              NULL };
        st = hlnn_mlp_reverse (h->net, theta, seed, NULL, h->g, h->work);
        if (st)
          return st;
        apply_field (h->n, N, hlnn_hnn_gamma (h, theta), h->g, V, out);
        return HLNN_SUCCESS;
      }
    default:
      return HLNN_EDOM;
    }
}

/* Rows i0..i0+m-1 of the N x c matrix A into the m x c matrix B, and back. */
static void
gather (const double *A, size_t N, size_t c, size_t i0, size_t m, double *B)
{
  for (size_t j = 0; j < c; j++)
    memcpy (B + j * m, A + i0 + j * N, m * sizeof (double));
}

static void
scatter (const double *B, size_t m, size_t c, size_t i0, size_t N, double *A)
{
  for (size_t j = 0; j < c; j++)
    memcpy (A + i0 + j * N, B + j * m, m * sizeof (double));
}

static int
eval_rows (hlnn_hnn *h, const double *theta, int op, size_t N,
           const double *X, const double *V, double *out)
{
  if (N == 0 || !hlnn_periods_ok (h->n, h->period))
    return HLNN_EDOM;
  const int wrap = hlnn_periods_any (h->n, h->period);
  if (N <= h->nmax && !wrap)
    return eval_block (h, theta, op, N, X, V, out);
  const size_t d = h->d, cout = op == OP_ENERGY ? 1 : d;
  for (size_t i0 = 0; i0 < N; i0 += h->nmax)
    {
      const size_t m = N - i0 < h->nmax ? N - i0 : h->nmax;
      gather (X, N, d, i0, m, h->Xc);
      if (wrap)
        hlnn_period_wrap (h->n, h->period, m, h->Xc);
      if (V)
        gather (V, N, d, i0, m, h->Yc);
      int st = eval_block (h, theta, op, m, h->Xc, V ? h->Yc : NULL, h->Zc);
      if (st)
        return st;
      scatter (h->Zc, m, cout, i0, N, out);
    }
  return HLNN_SUCCESS;
}

int
hlnn_hnn_energy (hlnn_hnn *h, const double *theta, size_t N,
                 const double *X, double *H)
{
  return eval_rows (h, theta, OP_ENERGY, N, X, NULL, H);
}

int
hlnn_hnn_grad_energy (hlnn_hnn *h, const double *theta, size_t N,
                      const double *X, double *G)
{
  return eval_rows (h, theta, OP_GRAD, N, X, NULL, G);
}

int
hlnn_hnn_field (hlnn_hnn *h, const double *theta, size_t N,
                const double *X, double *F)
{
  return eval_rows (h, theta, OP_FIELD, N, X, NULL, F);
}

int
hlnn_hnn_field_jvp (hlnn_hnn *h, const double *theta, size_t N,
                    const double *X, const double *V, double *JV)
{
  return eval_rows (h, theta, OP_JVP, N, X, V, JV);
}

/* ---------------------------------------------------------------------- */
/* Loss                                                                    */

/* Adds this block's sum of weighted squared residuals to *sum, its
 * dloss/dgamma to *dgamma, and (grad non-NULL) its MLP theta-gradient to
 * grad.  scale = 1/(N_total d). */
static int
loss_block (hlnn_hnn *h, const double *theta, double gamma, size_t N,
            const double *X, const double *dX, double scale, double *sum,
            double *dgamma, double *grad)
{
  const size_t n = h->n;
  int st = hlnn_mlp_grad_x (h->net, theta, N, X, grad != NULL, h->g,
                            h->work);
  if (st)
    return st;
  double acc = 0.0, dg = 0.0;
  for (size_t k = 0; k < n; k++)
    {
      const double *gq = h->g + k * N, *gp = h->g + (n + k) * N;
      const double *p = X + (n + k) * N;
      const double *tq = dX + k * N, *tp = dX + (n + k) * N;
      const double wq = h->weights[k], wp = h->weights[n + k];
      double *uq = h->u + k * N, *up = h->u + (n + k) * N;
      for (size_t i = 0; i < N; i++)
        {
          const double rq = gp[i] - tq[i];
          const double rp = -gq[i] - gamma * p[i] - tp[i];
          acc += wq * rq * rq + wp * rp * rp;
          const double sq = 2.0 * scale * wq * rq;
          const double sp = 2.0 * scale * wp * rp;
          /* u = J^T s: f_q = g_p and f_p = -g_q, so u_p = s_q, u_q = -s_p */
          up[i] = sq;
          uq[i] = -sp;
          dg -= sp * p[i];
        }
    }
  *sum += acc;
  *dgamma += dg;
  if (!grad)
    return HLNN_SUCCESS;
  return hlnn_mlp_grad_x_vjp (h->net, theta, h->u, grad, h->work);
}

int
hlnn_hnn_loss (hlnn_hnn *h, const double *theta, size_t N, const double *X,
               const double *dX, double *loss, double *grad)
{
  if (N == 0 || !hlnn_periods_ok (h->n, h->period))
    return HLNN_EDOM;
  const size_t d = h->d;
  const int wrap = hlnn_periods_any (h->n, h->period);
  const double gamma = hlnn_hnn_gamma (h, theta);
  const double scale = 1.0 / ((double) N * (double) d);
  double sum = 0.0, dgamma = 0.0;
  if (grad)
    memset (grad, 0, h->nparams * sizeof (double));
  int st = HLNN_SUCCESS;
  if (N <= h->nmax && !wrap)
    st = loss_block (h, theta, gamma, N, X, dX, scale, &sum, &dgamma, grad);
  else
    for (size_t i0 = 0; i0 < N; i0 += h->nmax)
      {
        const size_t m = N - i0 < h->nmax ? N - i0 : h->nmax;
        gather (X, N, d, i0, m, h->Xc);
        if (wrap)
          hlnn_period_wrap (h->n, h->period, m, h->Xc);
        gather (dX, N, d, i0, m, h->Yc);
        st = loss_block (h, theta, gamma, m, h->Xc, h->Yc, scale, &sum,
                         &dgamma, grad);
        if (st)
          break;
      }
  if (st)
    return st;
  *loss = sum * scale;
  if (grad && h->diss == HLNN_DISS_LEARNED)
    grad[h->nparams - 1] = dgamma * sigmoid (theta[h->nparams - 1]);
  return HLNN_SUCCESS;
}

int
hlnn_hnn_lossgrad (void *ctx, const double *theta, size_t nb,
                   const double *Xb, const double *Yb, double *loss,
                   double *grad)
{
  return hlnn_hnn_loss (ctx, theta, nb, Xb, Yb, loss, grad);
}

int
hlnn_hnn_field_fn (void *ctx, double t, size_t K, const double *X, double *F)
{
  const hlnn_hnn_field_ctx *c = ctx;
  (void) t;
  return hlnn_hnn_field (c->h, c->theta, K, X, F);
}
