/* test_hnn.c -- HNN energy, field, field Jacobian and loss gradient against
 * central finite differences, closed forms and the structure of Hamilton's
 * equations.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Error measure: norm-wise relative error max|g - ref| / max|ref|.
 *
 * Divergence.  The trace of df/dx is taken from the exact Jacobian
 * (hlnn_hnn_field_jvp along e_1..e_d, a forward tangent through the
 * gradient pass).  That is only a test of the field if the Jacobian is the
 * field's own: the JVP shares the code that applies J and the dissipation
 * with hlnn_hnn_field, and it is itself checked against central FD of
 * hlnn_hnn_field below.  A control check shows the measure is not zero by
 * construction: the trace of the Hessian of H (what a field without J
 * would give) is far from zero on the same nets. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_odeiv2.h>
#include "hlnn.h"
#include "hlnn_test.h"

static gsl_rng *rng;

static const hlnn_act smooth_acts[] = {
  HLNN_ACT_TANH, HLNN_ACT_SOFTPLUS, HLNN_ACT_SIGMOID, HLNN_ACT_SIN,
  HLNN_ACT_GELU
};
#define NACTS (sizeof smooth_acts / sizeof *smooth_acts)

static const char *const diss_names[] = { "none", "fixed", "learned" };

static void
fill_gauss (size_t n, double *x, double sd)
{
  for (size_t i = 0; i < n; i++)
    x[i] = gsl_ran_gaussian (rng, sd);
}

/* A random HNN with 'nhidden' hidden layers of width 'width' and its
 * parameters (Glorot plus noise so that biases are non-zero; learned rho
 * near gamma = 0.3). */
static hlnn_hnn *
random_hnn (hlnn_act act, size_t n, size_t nhidden, size_t width,
            hlnn_hnn_diss diss, size_t nmax, double **theta_out)
{
  size_t hidden[3] = { width, width, width };
  hlnn_hnn *h = hlnn_hnn_alloc (n, nhidden, hidden, act, diss, 0.25, nmax);
  if (!h)
    return NULL;
  double *theta = malloc (h->nparams * sizeof *theta);
  hlnn_mlp_init (h->net, theta, HLNN_INIT_GLOROT, 7 + nhidden + 10 * n);
  for (size_t i = 0; i < h->net->nparams; i++)
    theta[i] += gsl_ran_gaussian (rng, 0.1);
  if (diss == HLNN_DISS_LEARNED)
    {
      hlnn_hnn_rho_from_gamma (0.3, &theta[h->nparams - 1]);
      theta[h->nparams - 1] += gsl_ran_gaussian (rng, 0.1);
    }
  *theta_out = theta;
  return h;
}

/* ---- gradients vs central FD ------------------------------------------- */

static double
loss_at (hlnn_hnn *h, const double *theta, size_t N, const double *X,
         const double *dX)
{
  double loss = NAN;
  hlnn_hnn_loss (h, theta, N, X, dX, &loss, NULL);
  return loss;
}

static double
energy_sum (hlnn_hnn *h, const double *theta, size_t N, const double *X,
            double *Hbuf)
{
  double s = 0.0;
  hlnn_hnn_energy (h, theta, N, X, Hbuf);
  for (size_t i = 0; i < N; i++)
    s += Hbuf[i];
  return s;
}

static double worst_theta = 0.0, worst_x = 0.0, worst_jvp = 0.0;

static void
check_gradients (hlnn_act act, size_t nhidden, size_t n, hlnn_hnn_diss diss)
{
  const size_t N = 12, width = 7, d = 2 * n;
  double *theta;
  hlnn_hnn *h = random_hnn (act, n, nhidden, width, diss, N, &theta);
  if (!h)
    {
      hlnn_test (0, "alloc hnn %s", hlnn_act_name (act));
      return;
    }
  const size_t P = h->nparams;
  double *g = malloc (P * sizeof *g), *fd = malloc (P * sizeof *fd);
  double *X = malloc (N * d * sizeof *X), *dX = malloc (N * d * sizeof *dX);
  double *V = malloc (N * d * sizeof *V), *Xs = malloc (N * d * sizeof *Xs);
  double *G = malloc (N * d * sizeof *G), *fdx = malloc (N * d * sizeof *fdx);
  double *JV = malloc (N * d * sizeof *JV), *Fp = malloc (N * d * sizeof *Fp);
  double *Fm = malloc (N * d * sizeof *Fm), *Hb = malloc (N * sizeof *Hb);
  fill_gauss (N * d, X, 1.0);
  fill_gauss (N * d, dX, 1.0);
  fill_gauss (N * d, V, 1.0);
  /* per-component loss weights on every other layer count */
  if (nhidden == 2)
    {
      double w[6];
      for (size_t k = 0; k < d; k++)
        w[k] = 0.5 + gsl_rng_uniform (rng);
      hlnn_hnn_set_weights (h, w);
    }

  double loss;
  int st = hlnn_hnn_loss (h, theta, N, X, dX, &loss, g);
  for (size_t i = 0; i < P; i++)
    {
      const double hh = 1e-5 * fmax (1.0, fabs (theta[i])), keep = theta[i];
      theta[i] = keep + hh;
      const double lp = loss_at (h, theta, N, X, dX);
      theta[i] = keep - hh;
      const double lm = loss_at (h, theta, N, X, dX);
      theta[i] = keep;
      fd[i] = (lp - lm) / (2 * hh);
    }
  const double e1 = hlnn_test_vec_relerr (P, g, fd);
  double erho = 0.0;
  if (diss == HLNN_DISS_LEARNED)
    erho = fabs (g[P - 1] - fd[P - 1]) / fabs (fd[P - 1]);
  hlnn_test (st == 0 && e1 < 1e-6 && erho < 1e-6,
             "hnn dloss/dtheta %s hidden=%zu n=%zu diss=%s%s P=%zu: "
             "rel err %.2e (rho entry %.2e)", hlnn_act_name (act), nhidden,
             n, diss_names[diss], nhidden == 2 ? " weighted" : "", P, e1,
             erho);
  if (!(e1 <= worst_theta))
    worst_theta = e1;

  /* grad_x H vs FD of sum_i H(x_i) (rows are independent) */
  st = hlnn_hnn_grad_energy (h, theta, N, X, G);
  for (size_t i = 0; i < N * d; i++)
    {
      const double keep = X[i];
      X[i] = keep + 1e-5;
      const double ep = energy_sum (h, theta, N, X, Hb);
      X[i] = keep - 1e-5;
      const double em = energy_sum (h, theta, N, X, Hb);
      X[i] = keep;
      fdx[i] = (ep - em) / 2e-5;
    }
  const double e2 = hlnn_test_vec_relerr (N * d, G, fdx);
  hlnn_test (st == 0 && e2 < 1e-6,
             "hnn dH/dx %s hidden=%zu n=%zu: rel err %.2e",
             hlnn_act_name (act), nhidden, n, e2);
  if (!(e2 <= worst_x))
    worst_x = e2;

  /* exact Df[v] vs FD of the field along v */
  st = hlnn_hnn_field_jvp (h, theta, N, X, V, JV);
  const double t = 1e-5;
  for (size_t i = 0; i < N * d; i++)
    Xs[i] = X[i] + t * V[i];
  hlnn_hnn_field (h, theta, N, Xs, Fp);
  for (size_t i = 0; i < N * d; i++)
    Xs[i] = X[i] - t * V[i];
  hlnn_hnn_field (h, theta, N, Xs, Fm);
  for (size_t i = 0; i < N * d; i++)
    fdx[i] = (Fp[i] - Fm[i]) / (2 * t);
  const double e3 = hlnn_test_vec_relerr (N * d, JV, fdx);
  hlnn_test (st == 0 && e3 < 1e-6,
             "hnn Df[v] %s hidden=%zu n=%zu diss=%s: rel err %.2e",
             hlnn_act_name (act), nhidden, n, diss_names[diss], e3);
  if (!(e3 <= worst_jvp))
    worst_jvp = e3;

  free (g); free (fd); free (X); free (dX); free (V); free (Xs); free (G);
  free (fdx); free (JV); free (Fp); free (Fm); free (Hb); free (theta);
  hlnn_hnn_free (h);
}

/* ---- closed form: one hidden unit --------------------------------------
 * H(x) = c s(a.x + b) + e, so grad H = c s'(a.x + b) a and
 * f = (c s' a_p, -c s' a_q - gamma p).  s' is written here from libm,
 * independently of act.c. */
static double
dsigma (hlnn_act act, double z)
{
  switch (act)
    {
    case HLNN_ACT_TANH:
      return 1.0 - tanh (z) * tanh (z);
    case HLNN_ACT_SOFTPLUS:
      return 1.0 / (1.0 + exp (-z));
    case HLNN_ACT_SIGMOID:
      return exp (-z) / ((1.0 + exp (-z)) * (1.0 + exp (-z)));
    case HLNN_ACT_SIN:
      return cos (z);
    case HLNN_ACT_GELU:
      return 0.5 * (1.0 + erf (z / sqrt (2.0)))
             + z * exp (-0.5 * z * z) / sqrt (2.0 * M_PI);
    default:
      return NAN;
    }
}

static double
sigma (hlnn_act act, double z)
{
  switch (act)
    {
    case HLNN_ACT_TANH:
      return tanh (z);
    case HLNN_ACT_SOFTPLUS:
      return log (1.0 + exp (z));
    case HLNN_ACT_SIGMOID:
      return 1.0 / (1.0 + exp (-z));
    case HLNN_ACT_SIN:
      return sin (z);
    case HLNN_ACT_GELU:
      return 0.5 * z * (1.0 + erf (z / sqrt (2.0)));
    default:
      return NAN;
    }
}

static void
check_closed_form (hlnn_act act, size_t n, hlnn_hnn_diss diss)
{
  const size_t N = 5, d = 2 * n, one = 1;
  const double gamma = diss == HLNN_DISS_NONE ? 0.0 : 0.35;
  hlnn_hnn *h = hlnn_hnn_alloc (n, 1, &one, act, diss, gamma, N);
  const size_t P = h->nparams;
  double theta[16];
  /* layout: W1 (1 x d), b1, W2 (1 x 1), b2, [rho] */
  const double a[6] = { 0.7, -1.3, 0.4, 1.1, -0.6, 0.9 };
  const double b = 0.2, c = -1.7, e = 0.45;
  for (size_t k = 0; k < d; k++)
    theta[k] = a[k];
  theta[d] = b;
  theta[d + 1] = c;
  theta[d + 2] = e;
  if (diss == HLNN_DISS_LEARNED)
    hlnn_hnn_rho_from_gamma (gamma, &theta[P - 1]);
  double X[30], F[30], Fw[30], H[5], Hw[5], dX[30];
  for (size_t i = 0; i < N * d; i++)
    X[i] = -1.5 + 3.0 * (double) ((i * 7) % 11) / 10.0;
  for (size_t i = 0; i < N * d; i++)
    dX[i] = 0.3 * (double) ((i * 5) % 7) - 0.9;
  double worst_H = 0.0, sumsq = 0.0;
  for (size_t i = 0; i < N; i++)
    {
      double z = b;
      for (size_t k = 0; k < d; k++)
        z += a[k] * X[i + k * N];
      Hw[i] = c * sigma (act, z) + e;
      const double s1 = dsigma (act, z);
      for (size_t k = 0; k < n; k++)
        {
          Fw[i + k * N] = c * s1 * a[n + k];
          Fw[i + (n + k) * N] = -c * s1 * a[k] - gamma * X[i + (n + k) * N];
        }
      for (size_t k = 0; k < d; k++)
        sumsq += (Fw[i + k * N] - dX[i + k * N])
                 * (Fw[i + k * N] - dX[i + k * N]);
    }
  const double loss_want = sumsq / (double) (N * d);
  int st = hlnn_hnn_energy (h, theta, N, X, H);
  st |= hlnn_hnn_field (h, theta, N, X, F);
  double loss;
  st |= hlnn_hnn_loss (h, theta, N, X, dX, &loss, NULL);
  worst_H = hlnn_test_vec_relerr (N, H, Hw);
  const double eF = hlnn_test_vec_relerr (N * d, F, Fw);
  const double eL = fabs (loss - loss_want) / loss_want;
  const double eg = fabs (hlnn_hnn_gamma (h, theta) - gamma)
                    / (gamma > 0 ? gamma : 1.0);
  hlnn_test (st == 0 && worst_H < 1e-12 && eF < 1e-12 && eL < 1e-12
             && eg < 1e-14,
             "closed form one unit %s n=%zu diss=%s: H rel %.2e, field rel "
             "%.2e, loss rel %.2e, gamma rel %.2e", hlnn_act_name (act), n,
             diss_names[diss], worst_H, eF, eL, eg);
  hlnn_hnn_free (h);
}

/* ---- divergence of the field --------------------------------------------- */

static double worst_div = 0.0;

static void
check_divergence (hlnn_act act, size_t nhidden, size_t n, hlnn_hnn_diss diss)
{
  const size_t N = 9, width = 11, d = 2 * n;
  double *theta;
  hlnn_hnn *h = random_hnn (act, n, nhidden, width, diss, N, &theta);
  double X[54], E[54], JV[6][54], G[54], Xs[54], Gp[54], Gm[54];
  fill_gauss (N * d, X, 1.0);
  int st = 0;
  for (size_t k = 0; k < d; k++)
    {
      memset (E, 0, sizeof E);
      for (size_t i = 0; i < N; i++)
        E[i + k * N] = 1.0;
      st |= hlnn_hnn_field_jvp (h, theta, N, X, E, JV[k]);
    }
  /* trace + n gamma (the dissipation's exact contribution) per sample,
   * relative to the largest Jacobian entry of that sample */
  const double gamma = hlnn_hnn_gamma (h, theta);
  double worst = 0.0, control = INFINITY;
  for (size_t i = 0; i < N; i++)
    {
      double tr = 0.0, scale = 0.0;
      for (size_t k = 0; k < d; k++)
        {
          tr += JV[k][i + k * N];
          for (size_t j = 0; j < d; j++)
            scale = fmax (scale, fabs (JV[k][i + j * N]));
        }
      const double r = fabs (tr + (double) n * gamma) / scale;
      if (!(r <= worst))
        worst = r;
    }
  /* control: trace of Hess H by FD of grad_x H, relative to its scale */
  for (size_t i = 0; i < N; i++)
    {
      double tr = 0.0, scale = 0.0;
      for (size_t k = 0; k < d; k++)
        {
          memcpy (Xs, X, sizeof Xs);
          for (size_t r = 0; r < N; r++)
            Xs[r + k * N] = X[r + k * N] + 1e-5;
          hlnn_hnn_grad_energy (h, theta, N, Xs, Gp);
          for (size_t r = 0; r < N; r++)
            Xs[r + k * N] = X[r + k * N] - 1e-5;
          hlnn_hnn_grad_energy (h, theta, N, Xs, Gm);
          for (size_t j = 0; j < d; j++)
            {
              G[j] = (Gp[i + j * N] - Gm[i + j * N]) / 2e-5;
              scale = fmax (scale, fabs (G[j]));
            }
          tr += G[k];
        }
      control = fmin (control, fabs (tr) / scale);
    }
  hlnn_test (st == 0 && worst < 1e-13 && control > 1e-6,
             "divergence %s hidden=%zu n=%zu diss=%s: |tr Df + n gamma| / "
             "max|Df| = %.2e (control |tr Hess H| / max|Hess| >= %.2e)",
             hlnn_act_name (act), nhidden, n, diss_names[diss], worst,
             control);
  if (!(worst <= worst_div))
    worst_div = worst;
  free (theta);
  hlnn_hnn_free (h);
}

/* ---- chunked batches agree with one block ------------------------------- */

static void
check_chunks (void)
{
  const size_t N = 23, n = 2, d = 4;
  double *th1, *th2;
  gsl_rng_set (rng, 99);
  hlnn_hnn *big = random_hnn (HLNN_ACT_TANH, n, 2, 9, HLNN_DISS_LEARNED, N,
                              &th1);
  gsl_rng_set (rng, 99);
  hlnn_hnn *small = random_hnn (HLNN_ACT_TANH, n, 2, 9, HLNN_DISS_LEARNED, 5,
                                &th2);
  const size_t P = big->nparams;
  double X[92], dX[92], V[92], A[92], B[92], ga[200], gb[200], la, lb;
  fill_gauss (N * d, X, 1.0);
  fill_gauss (N * d, dX, 1.0);
  fill_gauss (N * d, V, 1.0);
  double e[5];
  hlnn_hnn_energy (big, th1, N, X, A);
  hlnn_hnn_energy (small, th2, N, X, B);
  e[0] = hlnn_test_vec_relerr (N, B, A);
  hlnn_hnn_field (big, th1, N, X, A);
  hlnn_hnn_field (small, th2, N, X, B);
  e[1] = hlnn_test_vec_relerr (N * d, B, A);
  hlnn_hnn_field_jvp (big, th1, N, X, V, A);
  hlnn_hnn_field_jvp (small, th2, N, X, V, B);
  e[2] = hlnn_test_vec_relerr (N * d, B, A);
  hlnn_hnn_loss (big, th1, N, X, dX, &la, ga);
  int st = hlnn_hnn_loss (small, th2, N, X, dX, &lb, gb);
  e[3] = fabs (lb - la) / la;
  e[4] = hlnn_test_vec_relerr (P, gb, ga);
  hlnn_test (st == 0 && P <= 200 && e[0] < 1e-14 && e[1] < 1e-14
             && e[2] < 1e-14 && e[3] < 1e-14 && e[4] < 1e-13,
             "batch of 23 in chunks of 5 vs one block: energy %.1e field "
             "%.1e jvp %.1e loss %.1e grad %.1e", e[0], e[1], e[2], e[3],
             e[4]);
  free (th1);
  free (th2);
  hlnn_hnn_free (big);
  hlnn_hnn_free (small);
}

/* ---- adapters: hlnn_field_fn, GSL odeiv2, hlnn_lossgrad_fn -------------- */

/* The learned conservative field conserves its own H: dH/dt = grad H . J
 * grad H = 0.  Driven through hlnn_field_odeiv2 by GSL's rk8pd, H drifts
 * only by the integrator's error. */
static void
check_field_adapters (void)
{
  const size_t K = 3, n = 2, d = 4;
  double *theta;
  hlnn_hnn *h = random_hnn (HLNN_ACT_SOFTPLUS, n, 2, 16, HLNN_DISS_NONE, K,
                            &theta);
  hlnn_hnn_field_ctx ctx = { h, theta };
  hlnn_field fld = { hlnn_hnn_field_fn, &ctx, d, K };
  double y[12], F1[12], F2[12], H0[3], H1[3];
  fill_gauss (K * d, y, 1.0);
  hlnn_hnn_field (h, theta, K, y, F1);
  int st = hlnn_field_odeiv2 (0.0, y, F2, &fld);
  hlnn_test (st == GSL_SUCCESS && memcmp (F1, F2, sizeof F1) == 0,
             "hlnn_hnn_field_fn through hlnn_field_odeiv2 equals the field");

  gsl_odeiv2_system sys = { hlnn_field_odeiv2, NULL, K * d, &fld };
  gsl_odeiv2_driver *drv = gsl_odeiv2_driver_alloc_y_new
    (&sys, gsl_odeiv2_step_rk8pd, 1e-3, 1e-12, 1e-12);
  hlnn_hnn_energy (h, theta, K, y, H0);
  double t = 0.0;
  st = gsl_odeiv2_driver_apply (drv, &t, 5.0, y);
  hlnn_hnn_energy (h, theta, K, y, H1);
  double drift = 0.0, scale = 0.0;
  for (size_t i = 0; i < K; i++)
    {
      drift = fmax (drift, fabs (H1[i] - H0[i]));
      scale = fmax (scale, fabs (H0[i]));
    }
  hlnn_test (st == GSL_SUCCESS && drift / scale < 1e-9,
             "odeiv2 rk8pd on the learned field, t in [0,5]: |H(T) - H(0)| "
             "/ max|H(0)| = %.2e", drift / scale);
  gsl_odeiv2_driver_free (drv);
  free (theta);
  hlnn_hnn_free (h);
}

/* Trainer + hlnn_hnn_lossgrad on a damped oscillator q' = p,
 * p' = -q - 0.2 p: the learned gamma must come out at 0.2. */
static void
check_training_learns_gamma (void)
{
  const size_t N = 128, n = 1, d = 2, width = 16;
  double *X = malloc (N * d * sizeof *X), *dX = malloc (N * d * sizeof *dX);
  for (size_t i = 0; i < N * d; i++)
    X[i] = -2.0 + 4.0 * gsl_rng_uniform (rng);
  for (size_t i = 0; i < N; i++)
    {
      dX[i] = X[i + N];
      dX[i + N] = -X[i] - 0.2 * X[i + N];
    }
  hlnn_hnn *h = hlnn_hnn_alloc (n, 1, &width, HLNN_ACT_TANH,
                                HLNN_DISS_LEARNED, 0.0, N);
  const size_t P = h->nparams;
  double *theta = malloc (P * sizeof *theta);
  double *m = calloc (P, sizeof *m), *v = calloc (P, sizeof *v);
  hlnn_mlp_init (h->net, theta, HLNN_INIT_GLOROT, 5);
  hlnn_hnn_rho_from_gamma (1.0, &theta[P - 1]);
  hlnn_trainer *tr = hlnn_trainer_alloc (P, N, d, d, N);
  hlnn_optim_params opt;
  hlnn_optim_params_default (&opt, HLNN_OPTIM_ADAM);
  opt.lr = 1e-2;
  unsigned long t = 0;
  size_t done = 0, nloss = 0;
  double loss0, loss1;
  hlnn_hnn_loss (h, theta, N, X, dX, &loss0, NULL);
  const clock_t c0 = clock ();
  int st = hlnn_trainer_run (tr, hlnn_hnn_lossgrad, h, X, dX, 1, &opt, theta,
                             m, v, &t, 2000, NULL, &done, &nloss);
  const double secs = (double) (clock () - c0) / CLOCKS_PER_SEC;
  hlnn_hnn_loss (h, theta, N, X, dX, &loss1, NULL);
  const double gamma = hlnn_hnn_gamma (h, theta);
  hlnn_test (st == 0 && done == 2000 && fabs (gamma - 0.2) < 0.01
             && loss1 < 1e-3 * loss0,
             "trainer on damped oscillator (2000 Adam steps, %.2f s): gamma "
             "%.5f (true 0.2), loss %.3e -> %.3e", secs, gamma, loss0, loss1);
  hlnn_trainer_free (tr);
  free (X); free (dX); free (theta); free (m); free (v);
  hlnn_hnn_free (h);
}

/* ---- argument errors ------------------------------------------------------ */

static void
check_errors (void)
{
  const size_t hid[2] = { 4, 0 };
  hlnn_test (hlnn_hnn_alloc (1, 1, hid, HLNN_ACT_RELU, HLNN_DISS_NONE, 0, 4)
             == NULL
             && hlnn_hnn_check (1, 1, hid, HLNN_ACT_RELU, HLNN_DISS_NONE, 0)
                == HLNN_EORDER, "relu is refused (HLNN_EORDER)");
  hlnn_test (hlnn_hnn_check (1, 1, hid, HLNN_ACT_TANH, HLNN_DISS_FIXED, -0.1)
             == HLNN_EDOM
             && hlnn_hnn_check (1, 1, hid, HLNN_ACT_TANH, HLNN_DISS_FIXED,
                                NAN) == HLNN_EDOM,
             "negative or NaN fixed gamma is refused");
  hlnn_test (hlnn_hnn_check (0, 1, hid, HLNN_ACT_TANH, HLNN_DISS_NONE, 0)
             == HLNN_EDOM
             && hlnn_hnn_check (1, 2, hid, HLNN_ACT_TANH, HLNN_DISS_NONE, 0)
                == HLNN_EDOM
             && hlnn_hnn_alloc (1, 1, hid, HLNN_ACT_TANH, HLNN_DISS_NONE, 0,
                                0) == NULL,
             "n = 0, a zero width, nmax = 0 are refused");
  hlnn_hnn *h = hlnn_hnn_alloc (1, 1, hid, HLNN_ACT_TANH, HLNN_DISS_NONE, 0,
                                4);
  const double bad[2] = { 1.0, -1.0 };
  double theta[32] = { 0 }, X[2] = { 0 }, loss, rho;
  hlnn_test (hlnn_hnn_set_weights (h, bad) == HLNN_EDOM
             && hlnn_hnn_loss (h, theta, 0, X, X, &loss, NULL) == HLNN_EDOM
             && hlnn_hnn_rho_from_gamma (0.0, &rho) == HLNN_EDOM,
             "negative weight, empty batch, gamma = 0 for rho are refused");
  hlnn_test (h->nparams == 8 + 4 + 4 + 1 && hlnn_hnn_gamma (h, theta) == 0.0,
             "parameter count 2->4->1 is 17 with no dissipation parameter");
  hlnn_hnn_free (h);

  /* softplus(rho_from_gamma(g)) = g across the range, via the accessor */
  h = hlnn_hnn_alloc (1, 1, hid, HLNN_ACT_TANH, HLNN_DISS_LEARNED, 0, 4);
  const double gs[3] = { 1e-9, 0.7, 60.0 };
  for (int k = 0; k < 3; k++)
    {
      char what[64];
      hlnn_hnn_rho_from_gamma (gs[k], &theta[h->nparams - 1]);
      snprintf (what, sizeof what, "learned gamma round trip at %g", gs[k]);
      hlnn_test_rel (hlnn_hnn_gamma (h, theta), gs[k], 1e-14, what);
    }
  hlnn_hnn_free (h);
}

/* q1 an angle (period 2 pi): field, energy, Jacobian products, loss and
 * its gradient at states with q1 anywhere in [-20, 20] equal the plain
 * model's at the states wrapped by C99 remainder; p is not wrapped (the
 * learned dissipation reads it).  Both the one-chunk (N <= nmax) and the
 * chunked path.  Without the period the values differ, so the checks
 * can fail. */
static void
check_period (void)
{
  enum { N = 10, n = 2, d = 4 };
  double *theta;
  for (size_t nmax = 4; nmax <= 16; nmax += 12)
    {
      hlnn_hnn *h = random_hnn (HLNN_ACT_TANH, n, 2, 8, HLNN_DISS_LEARNED,
                                nmax, &theta);
      double X[N * d], W[N * d], dX[N * d], V[N * d];
      fill_gauss (N * d, X, 1.0);
      fill_gauss (N * d, dX, 1.0);
      fill_gauss (N * d, V, 1.0);
      for (size_t i = 0; i < N; i++)
        X[i] = -20.0 + 40.0 * (double) i / (N - 1);
      memcpy (W, X, sizeof W);
      for (size_t i = 0; i < N; i++)
        W[i] = remainder (X[i], 2 * M_PI);
      double a[5][N * d], b[5][N * d], *ga = malloc (2 * h->nparams
                                                       * sizeof (double));
      double *gb = ga + h->nparams, la, lb;
      int st = 0;
      /* b: the plain model at the wrapped states; a: the periodic one */
      for (int per = 0; per < 2; per++)
        {
          double (*o)[N * d] = per ? a : b;
          const double *S = per ? X : W;
          h->period[0] = per ? 2 * M_PI : 0.0;
          st |= hlnn_hnn_field (h, theta, N, S, o[0]);
          st |= hlnn_hnn_energy (h, theta, N, S, o[1]);
          st |= hlnn_hnn_grad_energy (h, theta, N, S, o[2]);
          st |= hlnn_hnn_field_jvp (h, theta, N, S, V, o[3]);
          st |= hlnn_hnn_loss (h, theta, N, S, dX, per ? &la : &lb,
                               per ? ga : gb);
        }
      double worst = hlnn_test_vec_relerr (h->nparams, ga, gb);
      worst = fmax (worst, fabs (la - lb) / fabs (lb));
      const size_t len[4] = { N * d, N, N * d, N * d };
      for (int k = 0; k < 4; k++)
        worst = fmax (worst, hlnn_test_vec_relerr (len[k], a[k], b[k]));
      h->period[0] = 0.0;
      st |= hlnn_hnn_field (h, theta, N, X, b[0]);
      const double plain = hlnn_test_vec_relerr (N * d, a[0], b[0]);
      hlnn_test (st == HLNN_SUCCESS && worst <= 1e-12 && plain > 1e-3,
                 "HNN, q1 periodic, nmax %zu: field, H, grad H, Df[v], loss "
                 "and gradient at q1 in [-20, 20] = the plain model's at the "
                 "wrapped states, worst rel. diff %.3g (tol 1e-12; the plain "
                 "model unwrapped %.3g)", nmax, worst, plain);
      h->period[1] = -1.0;
      hlnn_test (hlnn_hnn_field (h, theta, N, X, a[0]) == HLNN_EDOM
                 && hlnn_hnn_energy (h, theta, N, X, a[1]) == HLNN_EDOM
                 && hlnn_hnn_loss (h, theta, N, X, dX, &la, ga) == HLNN_EDOM,
                 "HNN, negative period: HLNN_EDOM (nmax %zu)", nmax);
      free (ga);
      free (theta);
      hlnn_hnn_free (h);
    }
}

int
main (void)
{
  gsl_rng_env_setup ();
  gsl_set_error_handler_off ();
  rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, 2026);
  for (size_t a = 0; a < NACTS; a++)
    for (size_t nh = 1; nh <= 3; nh++)
      for (size_t n = 1; n <= 3; n++)
        for (int di = 0; di < 3; di++)
          check_gradients (smooth_acts[a], nh, n, (hlnn_hnn_diss) di);
  for (size_t a = 0; a < NACTS; a++)
    for (size_t n = 1; n <= 2; n++)
      for (int di = 0; di < 3; di++)
        check_closed_form (smooth_acts[a], n, (hlnn_hnn_diss) di);
  for (size_t a = 0; a < NACTS; a++)
    for (size_t nh = 1; nh <= 3; nh++)
      for (size_t n = 1; n <= 3; n++)
        check_divergence (smooth_acts[a], nh, n,
                          (hlnn_hnn_diss) ((n - 1) % 3));
  check_chunks ();
  check_field_adapters ();
  check_training_learns_gamma ();
  check_errors ();
  check_period ();
  printf ("worst over all nets: dloss/dtheta %.2e, dH/dx %.2e, Df[v] %.2e, "
          "divergence %.2e\n", worst_theta, worst_x, worst_jvp, worst_div);
  gsl_rng_free (rng);
  return hlnn_test_summary ();
}
