/* lnn.c -- Lagrangian neural network (maths in lnn.h and el.h).
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include "lnn.h"
#include "hlnn_status.h"
#include "period.h"

/* Derivative order the loss gradient needs from the activation: a
 * second-order tangent (VW) reversed once. */
#define LNN_ACT_ORDER 3

int
hlnn_lnn_check (size_t n, size_t nhidden, const size_t *hidden,
                hlnn_act act, size_t nmax)
{
  if (n == 0 || nmax == 0 || (int) act < 0 || act >= HLNN_ACT_COUNT
      || (nhidden > 0 && hidden == NULL))
    return HLNN_EDOM;
  for (size_t l = 0; l < nhidden; l++)
    if (hidden[l] == 0)
      return HLNN_EDOM;
  if (hlnn_act_max_order (act) < LNN_ACT_ORDER)
    return HLNN_EORDER;
  return HLNN_SUCCESS;
}

void
hlnn_lnn_free (hlnn_lnn *l)
{
  if (!l)
    return;
  hlnn_mlp_free (l->net);
  hlnn_mlp_work_free (l->work);
  hlnn_el_work_free (l->el);
  free (l->X);
  free (l->G);
  free (l->H);
  free (l->U);
  free (l->V);
  free (l->W);
  free (l->T);
  free (l->period);
  free (l);
}

hlnn_lnn *
hlnn_lnn_alloc (size_t n, size_t nhidden, const size_t *hidden, hlnn_act act,
                size_t nmax)
{
  if (hlnn_lnn_check (n, nhidden, hidden, act, nmax))
    return NULL;
  hlnn_lnn *l = calloc (1, sizeof *l);
  size_t *sizes = malloc ((nhidden + 2) * sizeof *sizes);
  if (!l || !sizes)
    goto fail;
  l->n = n;
  l->d = 2 * n;
  l->nmax = nmax;
  l->reg = HLNN_EL_REG_DEFAULT;
  sizes[0] = l->d;
  for (size_t k = 0; k < nhidden; k++)
    sizes[k + 1] = hidden[k];
  sizes[nhidden + 1] = 1;
  l->net = hlnn_mlp_alloc (nhidden + 1, sizes, act);
  if (!l->net)
    goto fail;
  l->nparams = l->net->nparams;
  l->work = hlnn_mlp_work_alloc (l->net, nmax, 4);   /* grad_x, keep = 2 */
  l->el = hlnn_el_work_alloc (n);
  const size_t nd = nmax * l->d;
  l->X = malloc (nd * sizeof (double));
  l->G = malloc (nd * sizeof (double));
  l->H = malloc (n * nd * sizeof (double));
  l->U = malloc (nd * sizeof (double));
  l->V = malloc (nd * sizeof (double));
  l->W = malloc (nd * sizeof (double));
  l->T = malloc (nmax * n * sizeof (double));
  l->period = calloc (n, sizeof (double));
  if (!l->work || !l->el || !l->X || !l->G
      || !l->H || !l->U || !l->V || !l->W || !l->T || !l->period)
    goto fail;
  free (sizes);
  return l;

fail:
  free (sizes);
  hlnn_lnn_free (l);
  return NULL;
}

int
hlnn_lnn_init_cranmer (const hlnn_mlp *net, double *theta, unsigned long seed)
{
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  if (!rng)
    return HLNN_ENOMEM;
  gsl_rng_set (rng, seed);
  const size_t L = net->nlayers;
  for (size_t layer = 1; layer <= L; layer++)
    {
      const size_t in = net->sizes[layer - 1], out = net->sizes[layer];
      const size_t i = layer - 1;
      const double m = (double) (in > out ? in : out);
      const double first = i == 0 ? 2.2 : 0.0;
      const double mid = (i > 0 && i + 1 < L) ? 0.58 * (double) i : 0.0;
      const double last = i + 1 == L ? m : 0.0;
      const double sd = (first + mid + last) / sqrt (m);
      double *W = theta + net->w_off[layer], *b = theta + net->b_off[layer];
      for (size_t k = 0; k < in * out; k++)
        W[k] = gsl_ran_gaussian (rng, sd);
      memset (b, 0, out * sizeof (double));
    }
  gsl_rng_free (rng);
  return HLNN_SUCCESS;
}

/* Copy rows i0..i0+m-1 of the N x cols matrix S into the m x cols D. */
static void
gather_rows (size_t N, size_t cols, const double *S, size_t i0, size_t m,
             double *D)
{
  for (size_t c = 0; c < cols; c++)
    memcpy (D + c * m, S + i0 + c * N, m * sizeof (double));
}

int
hlnn_lnn_periods_ok (const hlnn_lnn *l)
{
  return hlnn_periods_ok (l->n, l->period);
}

/* Whether reg and the periods are in their domains. */
static int
params_ok (const hlnn_lnn *l)
{
  return l->reg >= 0.0 && isfinite (l->reg) && hlnn_lnn_periods_ok (l);
}

/* The chunk l->X (m x d) from rows i0.. of Q and Qd (N x n each). */
static void
gather_state (hlnn_lnn *l, size_t N, const double *Q, const double *Qd,
              size_t i0, size_t m)
{
  gather_rows (N, l->n, Q, i0, m, l->X);
  gather_rows (N, l->n, Qd, i0, m, l->X + l->n * m);
  hlnn_period_wrap (l->n, l->period, m, l->X);
}

int
hlnn_lnn_chunk_derivs (hlnn_lnn *l, const double *theta, size_t m, int keep,
                       double aq, double av)
{
  const size_t n = l->n, d = l->d;
  int status = hlnn_mlp_grad_x (l->net, theta, m, l->X, keep, l->G, l->work);
  if (status || keep == 0)
    return status;
  memset (l->V, 0, m * d * sizeof (double));
  for (size_t j = 0; j < n && status == HLNN_SUCCESS; j++)
    {
      double *uq = l->V + j * m, *uv = l->V + (n + j) * m;
      for (size_t i = 0; i < m; i++)
        {
          uq[i] = aq;
          uv[i] = av;
        }
      status = hlnn_mlp_grad_x_hvp (l->net, theta, l->V,
                                    l->H + j * l->nmax * d, l->work);
      memset (uq, 0, m * sizeof (double));
      memset (uv, 0, m * sizeof (double));
    }
  return status;
}

/* G = grad_x L and the Hessian columns H_j = H e_{n+j}. */
static int
chunk_derivs (hlnn_lnn *l, const double *theta, size_t m, int keep)
{
  return hlnn_lnn_chunk_derivs (l, theta, m, keep, 0.0, 1.0);
}

/* Sample i of a chunk of m rows into the el scratch: Lq, qd, A, B. */
static void
sample_blocks (hlnn_lnn *l, size_t m, size_t i)
{
  const size_t n = l->n, d = l->d;
  hlnn_el_work *e = l->el;
  for (size_t k = 0; k < n; k++)
    {
      e->Lq[k] = l->G[i + k * m];
      e->qd[k] = l->X[i + (n + k) * m];
      const double *Hk = l->H + k * l->nmax * d;
      for (size_t j = 0; j < n; j++)
        {
          e->Ab[j + k * n] = Hk[i + (n + j) * m];
          e->Bb[k + j * n] = Hk[i + j * m];   /* B(k,j) = d2L/dqd_k dq_j */
        }
    }
}

int
hlnn_lnn_lagrangian (hlnn_lnn *l, const double *theta, size_t N,
                     const double *Q, const double *Qd, double *Lval)
{
  if (!params_ok (l))
    return HLNN_EDOM;
  for (size_t i0 = 0; i0 < N; i0 += l->nmax)
    {
      const size_t m = N - i0 < l->nmax ? N - i0 : l->nmax;
      gather_state (l, N, Q, Qd, i0, m);
      int status = hlnn_mlp_forward (l->net, theta, m, l->X, NULL, NULL,
                                     NULL, 0, l->work);
      if (status)
        return status;
      size_t ld;
      const double *y = hlnn_mlp_output (l->net, l->work, HLNN_CH_VAL, &ld);
      memcpy (Lval + i0, y, m * sizeof (double));
    }
  return HLNN_SUCCESS;
}

int
hlnn_lnn_energy (hlnn_lnn *l, const double *theta, size_t N,
                 const double *Q, const double *Qd, double *E)
{
  const size_t n = l->n;
  if (!params_ok (l))
    return HLNN_EDOM;
  for (size_t i0 = 0; i0 < N; i0 += l->nmax)
    {
      const size_t m = N - i0 < l->nmax ? N - i0 : l->nmax;
      gather_state (l, N, Q, Qd, i0, m);
      int status = hlnn_mlp_grad_x (l->net, theta, m, l->X, 0, l->G,
                                    l->work);
      if (status)
        return status;
      const double *y = hlnn_mlp_output (l->net, l->work, HLNN_CH_VAL, NULL);
      for (size_t i = 0; i < m; i++)
        E[i0 + i] = -y[i];
      for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < m; i++)
          E[i0 + i] += l->X[i + (n + k) * m] * l->G[i + (n + k) * m];
    }
  return HLNN_SUCCESS;
}

int
hlnn_lnn_blocks (hlnn_lnn *l, const double *theta, size_t N,
                 const double *Q, const double *Qd, double *G, double *A,
                 double *B)
{
  const size_t n = l->n, d = l->d;
  if (!params_ok (l))
    return HLNN_EDOM;
  for (size_t i0 = 0; i0 < N; i0 += l->nmax)
    {
      const size_t m = N - i0 < l->nmax ? N - i0 : l->nmax;
      gather_state (l, N, Q, Qd, i0, m);
      int status = chunk_derivs (l, theta, m, 1);
      if (status)
        return status;
      for (size_t i = 0; i < m; i++)
        {
          if (G)
            for (size_t c = 0; c < d; c++)
              G[i0 + i + c * N] = l->G[i + c * m];
          sample_blocks (l, m, i);
          for (size_t jk = 0; jk < n * n; jk++)
            {
              if (A)
                A[jk * N + i0 + i] = l->el->Ab[jk];
              if (B)
                B[jk * N + i0 + i] = l->el->Bb[jk];
            }
        }
    }
  return HLNN_SUCCESS;
}

int
hlnn_lnn_accel (hlnn_lnn *l, const double *theta, size_t N,
                const double *Q, const double *Qd, double *Qdd,
                hlnn_el_info *info)
{
  const size_t n = l->n;
  hlnn_el_info scratch;
  if (!info)
    {
      hlnn_el_info_init (&scratch);
      info = &scratch;
    }
  if (!params_ok (l))
    return HLNN_EDOM;
  for (size_t i0 = 0; i0 < N; i0 += l->nmax)
    {
      const size_t m = N - i0 < l->nmax ? N - i0 : l->nmax;
      gather_state (l, N, Q, Qd, i0, m);
      int status = chunk_derivs (l, theta, m, 1);
      if (status)
        return status;
      hlnn_el_work *e = l->el;
      for (size_t i = 0; i < m; i++)
        {
          sample_blocks (l, m, i);
          status = hlnn_el_accel1 (e, l->reg, e->qd, e->Lq, e->Ab, e->Bb,
                                   e->qdd, info);
          if (status != HLNN_SUCCESS && status != HLNN_ESING)
            return status;
          for (size_t j = 0; j < n; j++)
            Qdd[i0 + i + j * N] = e->qdd[j];
        }
    }
  return HLNN_SUCCESS;
}

int
hlnn_lnn_loss (hlnn_lnn *l, const double *theta, size_t N, const double *X,
               const double *Qdd_target, double *loss, double *grad,
               hlnn_el_info *info)
{
  const size_t n = l->n;
  hlnn_el_info scratch;
  if (!info)
    {
      hlnn_el_info_init (&scratch);
      info = &scratch;
    }
  if (N == 0 || !params_ok (l))
    return HLNN_EDOM;
  const double scale = 1.0 / ((double) N * (double) n);
  hlnn_el_work *e = l->el;
  double sum = 0.0;
  if (grad)
    memset (grad, 0, l->nparams * sizeof (double));
  for (size_t i0 = 0; i0 < N; i0 += l->nmax)
    {
      const size_t m = N - i0 < l->nmax ? N - i0 : l->nmax;
      gather_state (l, N, X, X + n * N, i0, m);
      gather_rows (N, n, Qdd_target, i0, m, l->T);
      int status = chunk_derivs (l, theta, m, grad ? 2 : 1);
      if (status)
        return status;
      for (size_t i = 0; i < m; i++)
        {
          sample_blocks (l, m, i);
          status = hlnn_el_accel1 (e, l->reg, e->qd, e->Lq, e->Ab, e->Bb,
                                   e->qdd, info);
          if (status)
            return status;
          for (size_t j = 0; j < n; j++)
            {
              const double res = e->qdd[j] - l->T[i + j * m];
              sum += res * res;
              e->g[j] = 2.0 * scale * res;   /* dloss/dqdd */
            }
          if (!grad)
            continue;
          /* bbar lands in the U and V channels directly */
          status = hlnn_el_solve (e, e->g, 1, l->U + i, m);
          if (status)
            return status;
          for (size_t j = 0; j < n; j++)
            {
              const double b = l->U[i + j * m];
              l->U[i + (n + j) * m] = 0.0;
              l->V[i + j * m] = 0.0;
              l->V[i + (n + j) * m] = b;
              l->W[i + j * m] = e->qd[j];
              l->W[i + (n + j) * m] = e->qdd[j];
            }
        }
      if (!grad)
        continue;
      status = hlnn_mlp_grad_x_vjp2 (l->net, theta, l->U, l->V, l->W, -1.0,
                                     grad, l->work);
      if (status)
        return status;
    }
  *loss = sum * scale;
  return HLNN_SUCCESS;
}

int
hlnn_lnn_lossgrad (void *ctx, const double *theta, size_t nb,
                   const double *Xb, const double *Yb, double *loss,
                   double *grad)
{
  hlnn_lnn_loss_ctx *c = ctx;
  return hlnn_lnn_loss (c->l, theta, nb, Xb, Yb, loss, grad, &c->info);
}

int
hlnn_lnn_field_fn (void *ctx, double t, size_t K, const double *X, double *F)
{
  (void) t;
  hlnn_lnn_field_ctx *c = ctx;
  const size_t n = c->l->n;
  const size_t before = c->info.singular;
  memcpy (F, X + n * K, n * K * sizeof (double));
  int status = hlnn_lnn_accel (c->l, c->theta, K, X, X + n * K, F + n * K,
                               &c->info);
  if (status)
    return status;
  return c->info.singular > before ? HLNN_ESING : HLNN_SUCCESS;
}
