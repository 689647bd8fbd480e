/* test_mlp.c -- derivatives of the MLP and its activations against central
 * finite differences and closed forms.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Error measure: norm-wise relative error max|g - fd| / max|fd|. */
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include "hlnn.h"
#include "hlnn_test.h"

static gsl_rng *rng;

static void
fill_gauss (size_t n, double *x, double sd)
{
  for (size_t i = 0; i < n; i++)
    x[i] = gsl_ran_gaussian (rng, sd);
}

/* ---- activations: each derivative against a FD of the one below ------- */
/* A tanh kernel (act_tanh.c) against libm's tanhl: tiny, moderate and
 * saturated arguments of both signs, every 1e-4 over [-20, 20] (each
 * branch of its argument reduction), +-0, +-inf and NaN, in one call;
 * then calls of 1 to 9 elements (the tail path), inputs at the end of an
 * exact allocation, outputs followed by canaries, against that call. */
typedef void (*tanh_kernel) (int, size_t, const double *, double *,
                             double *, double *, double *);

static void
check_tanh_kernel (const char *name, tanh_kernel kernel)
{
  enum { NLOG = 2000, NLIN = 400001, NZ = NLOG + NLIN + 10 };
  static double zz[NZ], out[4][NZ];
  for (int i = 0; i < NLOG; i++)
    zz[i] = (i % 2 ? -1 : 1) * pow (10.0, -12.0 + 14.0 * i / (double) NLOG);
  for (int i = 0; i < NLIN; i++)
    zz[NLOG + i] = -20.0 + 1e-4 * i;
  const double special[10] = { 0.0, -0.0, 1e-300, -1e-300, 19.0, -19.0,
                               400.0, INFINITY, -INFINITY, NAN };
  const int sp = NLOG + NLIN;
  memcpy (zz + sp, special, sizeof special);
  kernel (3, NZ, zz, out[0], out[1], out[2], out[3]);
  double worst = 0, worst_d = 0;
  for (int i = 0; i < sp + 9; i++)
    {
      const long double t = tanhl ((long double) zz[i]);
      const double e = t == 0 ? fabs (out[0][i])
                       : (double) (fabsl (out[0][i] - t) / fabsl (t));
      if (!(e <= worst))
        worst = e;
      /* the closed forms at the exact tanh: each derivative is as good as
       * the absolute error of t allows (|d s_k / dt| <= 8) */
      const long double d1 = 1 - t * t;
      const long double want[3] = { d1, -2 * t * d1, d1 * (4 * t * t - 2 * d1) };
      for (int k = 0; k < 3; k++)
        {
          const double ed = (double) fabsl (out[k + 1][i] - want[k]);
          if (!(ed <= worst_d))
            worst_d = ed;
        }
    }
  hlnn_test (worst <= 6e-16 && worst_d <= 4e-15 && !signbit (out[0][sp])
             && signbit (out[0][sp + 1]) && out[0][sp + 7] == 1.0
             && out[0][sp + 8] == -1.0 && isnan (out[0][sp + 9]),
             "%s at %d arguments from 1e-300 to inf, both signs: max rel. "
             "err. %.2e against tanhl (tol 6e-16), of its derivatives abs. "
             "%.2e (tol 4e-15); +-0 and +-inf kept, NaN propagated", name,
             NZ, worst, worst_d);
  int same = 1, kept = 1;
  const double canary = 12345.0;
  for (int n = 1; n <= 9; n++)
    for (int start = NLOG; start < NLOG + NLIN - 9; start += 40001)
      {
        double *z = malloc ((size_t) n * sizeof (double));
        double s[4][12];
        if (!z)
          {
            same = 0;
            break;
          }
        memcpy (z, zz + start, (size_t) n * sizeof (double));
        for (int k = 0; k < 4; k++)
          for (int i = 0; i < 12; i++)
            s[k][i] = canary;
        kernel (3, (size_t) n, z, s[0], s[1], s[2], s[3]);
        for (int k = 0; k < 4; k++)
          {
            for (int i = 0; i < n; i++)
              same = same && s[k][i] == out[k][start + i];
            for (int i = n; i < 12; i++)
              kept = kept && s[k][i] == canary;
          }
        /* order 0 with no derivative buffers */
        kernel (0, (size_t) n, z, s[0], NULL, NULL, NULL);
        for (int i = 0; i < n; i++)
          same = same && s[0][i] == out[0][start + i];
        free (z);
      }
  hlnn_test (same && kept, "%s of 1 to 9 elements: the bits of one long "
             "call, nothing written past the last element", name);
}

static void
tanh_avx2 (int order, size_t n, const double *z, double *s0, double *s1,
           double *s2, double *s3)
{
  hlnn_act_tanh_avx2 (order, n, z, s0, s1, s2, s3);
}

/* The AVX-512 and AVX2 builds contract the same multiply-adds: equal bit
 * for bit, so that a model's results do not depend on which the CPU has. */
static void
check_tanh_widths (void)
{
  enum { N = 4099 };
  static double z[N], a[4][N], b[4][N];
  for (int i = 0; i < N; i++)
    z[i] = (i % 3 ? -1 : 1) * pow (10.0, -9.0 + 11.0 * i / (double) N);
  if (!hlnn_act_tanh_avx2 (3, N, z, a[0], a[1], a[2], a[3]))
    return;
  hlnn_act_tanh (3, N, z, b[0], b[1], b[2], b[3]);
  hlnn_test (memcmp (a, b, sizeof a) == 0, "tanh: the dispatched build (%s) "
             "and the AVX2 build agree bit for bit (%d values and their "
             "three derivatives)", __builtin_cpu_supports ("avx512f")
             ? "AVX-512, eight lanes" : "the AVX2 build itself", N);
}

static void
test_activations (void)
{
  const double zs[] = { -2.3, -0.7, 0.0, 0.4, 1.9 };
  const size_t nz = sizeof zs / sizeof *zs;
  for (int a = 0; a < HLNN_ACT_COUNT; a++)
    {
      const int order = hlnn_act_max_order ((hlnn_act) a);
      double worst = 0.0;
      for (size_t i = 0; i < nz; i++)
        {
          double s[4], sp[4], sm[4];
          const double h = 1e-5, z = zs[i] + (a == HLNN_ACT_RELU ? 0.05 : 0);
          const double zp = z + h, zm = z - h;
          hlnn_act_eval ((hlnn_act) a, order, 1, &z, &s[0], &s[1], &s[2], &s[3]);
          hlnn_act_eval ((hlnn_act) a, order, 1, &zp, &sp[0], &sp[1], &sp[2], &sp[3]);
          hlnn_act_eval ((hlnn_act) a, order, 1, &zm, &sm[0], &sm[1], &sm[2], &sm[3]);
          for (int k = 1; k <= order; k++)
            {
              const double fd = (sp[k - 1] - sm[k - 1]) / (2 * h);
              const double err = fabs (fd - s[k]) / fmax (1.0, fabs (s[k]));
              if (!(err <= worst))
                worst = err;
            }
        }
      hlnn_test (worst < 1e-8, "act %s: derivatives 1..%d vs FD, max err %.2e",
                 hlnn_act_name ((hlnn_act) a), order, worst);
    }
  /* closed forms at one point */
  double z = 0.3, s0, s1, s2, s3;
  hlnn_act_eval (HLNN_ACT_TANH, 3, 1, &z, &s0, &s1, &s2, &s3);
  const double t = tanh (0.3);
  hlnn_test_rel (s3, -2 * (1 - t * t) * (1 - 3 * t * t), 1e-14,
                 "tanh''' closed form (-2 sech^2 (1 - 3 tanh^2))");
  hlnn_act_eval (HLNN_ACT_SOFTPLUS, 3, 1, &z, &s0, &s1, &s2, &s3);
  hlnn_test_rel (s0, log (1 + exp (0.3)), 1e-14, "softplus closed form");
  check_tanh_kernel ("tanh (dispatched)", hlnn_act_tanh);
  if (hlnn_act_tanh_avx2 (0, 1, &z, &s0, NULL, NULL, NULL))
    check_tanh_kernel ("tanh (AVX2 build)", tanh_avx2);
  check_tanh_kernel ("tanh (baseline build)", hlnn_act_tanh_baseline);
  check_tanh_widths ();
  hlnn_test (hlnn_act_eval (HLNN_ACT_RELU, 2, 1, &z, &s0, &s1, &s2, NULL)
             == HLNN_EORDER, "relu refuses a second derivative");
}

/* ---- MSE loss: theta- and x-gradients vs central FD --------------------- */
static double
mse_loss (const hlnn_mlp *net, const double *theta, size_t N,
          const double *X, const double *Y, hlnn_mlp_work *w)
{
  double loss;
  hlnn_mlp_mse (net, theta, N, X, Y, &loss, NULL, w);
  return loss;
}

static void
check_mse_gradients (hlnn_act act, size_t nhidden, size_t width, size_t N)
{
  size_t sizes[5];
  const size_t din = 3, dout = 2;
  sizes[0] = din;
  for (size_t l = 1; l <= nhidden; l++)
    sizes[l] = width;
  sizes[nhidden + 1] = dout;
  hlnn_mlp *net = hlnn_mlp_alloc (nhidden + 1, sizes, act);
  hlnn_mlp_work *w = hlnn_mlp_work_alloc (net, N, 1);
  const size_t P = net->nparams;
  double *theta = malloc (P * sizeof *theta), *g = malloc (P * sizeof *g);
  double *fd = malloc (P * sizeof *fd);
  double *X = malloc (N * din * sizeof *X), *Y = malloc (N * dout * sizeof *Y);
  double *gx = malloc (N * din * sizeof *gx), *fdx = malloc (N * din * sizeof *fdx);
  hlnn_mlp_init (net, theta, HLNN_INIT_GLOROT, 7);
  for (size_t i = 0; i < P; i++)      /* non-zero biases exercise b-grads */
    theta[i] += gsl_ran_gaussian (rng, 0.1);
  fill_gauss (N * din, X, 1.0);
  fill_gauss (N * dout, Y, 1.0);

  double loss;
  int st = hlnn_mlp_mse (net, theta, N, X, Y, &loss, g, w);
  for (size_t i = 0; i < P; i++)
    {
      const double h = 1e-5 * fmax (1.0, fabs (theta[i])), keep = theta[i];
      theta[i] = keep + h;
      const double lp = mse_loss (net, theta, N, X, Y, w);
      theta[i] = keep - h;
      const double lm = mse_loss (net, theta, N, X, Y, w);
      theta[i] = keep;
      fd[i] = (lp - lm) / (2 * h);
    }
  const double err = hlnn_test_vec_relerr (P, g, fd);
  hlnn_test (st == 0 && err < 1e-6,
             "mlp dloss/dtheta %s hidden=%zu width=%zu N=%zu: rel err %.2e",
             hlnn_act_name (act), nhidden, width, N, err);

  /* x-gradient of sum_i y(x_i) . c_i through the VAL reverse */
  double *C = malloc (N * dout * sizeof *C);
  fill_gauss (N * dout, C, 1.0);
  hlnn_mlp_forward (net, theta, N, X, NULL, NULL, NULL, 1, w);
  const double *seed[HLNN_CH_COUNT] = { C, NULL, NULL, NULL, NULL };
  st = hlnn_mlp_reverse (net, theta, seed, NULL, gx, w);
  for (size_t i = 0; i < N * din; i++)
    {
      const double h = 1e-5, keep = X[i];
      double f[2];
      for (int s = 0; s < 2; s++)
        {
          X[i] = keep + (s ? -h : h);
          hlnn_mlp_forward (net, theta, N, X, NULL, NULL, NULL, 0, w);
          size_t ld;
          const double *Yh = hlnn_mlp_output (net, w, HLNN_CH_VAL, &ld);
          double acc = 0.0;
          for (size_t j = 0; j < dout; j++)
            for (size_t r = 0; r < N; r++)
              acc += Yh[r + j * ld] * C[r + j * N];
          f[s] = acc;
        }
      X[i] = keep;
      fdx[i] = (f[0] - f[1]) / (2 * h);
    }
  const double errx = hlnn_test_vec_relerr (N * din, gx, fdx);
  hlnn_test (st == 0 && errx < 1e-6,
             "mlp d(y.c)/dx %s hidden=%zu width=%zu N=%zu: rel err %.2e",
             hlnn_act_name (act), nhidden, width, N, errx);
  free (C);
  free (theta); free (g); free (fd); free (X); free (Y); free (gx); free (fdx);
  hlnn_mlp_work_free (w);
  hlnn_mlp_free (net);
}

/* ---- tangent channels ---------------------------------------------------- */

/* sum_i sum_ch cs[ch](i) y_ch(i) for a scalar-output net */
static double
channel_functional (const hlnn_mlp *net, const double *theta, size_t N,
                    const double *X, const double *U, const double *V,
                    const double *W, const double *const cs[HLNN_CH_COUNT],
                    hlnn_mlp_work *w)
{
  hlnn_mlp_forward (net, theta, N, X, U, V, W, 0, w);
  double acc = 0.0;
  for (int c = 0; c < HLNN_CH_COUNT; c++)
    {
      if (!cs[c])
        continue;
      size_t ld;
      const double *y = hlnn_mlp_output (net, w, c, &ld);
      for (size_t i = 0; i < N; i++)
        acc += cs[c][i] * y[i];
    }
  return acc;
}

static void
check_tangents (hlnn_act act, size_t nhidden)
{
  const size_t d = 4, width = 17, N = 6;
  size_t sizes[5] = { d, width, width, width, 1 };
  sizes[nhidden + 1] = 1;
  hlnn_mlp *net = hlnn_mlp_alloc (nhidden + 1, sizes, act);
  hlnn_mlp_work *w = hlnn_mlp_work_alloc (net, N, HLNN_CH_COUNT);
  const size_t P = net->nparams;
  double *theta = malloc (P * sizeof *theta), *g = calloc (P, sizeof *g);
  double *fd = malloc (P * sizeof *fd);
  double X[24], U[24], V[24], W[24], Xs[24], cu[6], cv[6], cvw[6], c0[6];
  hlnn_mlp_init (net, theta, HLNN_INIT_GLOROT, 11);
  for (size_t i = 0; i < P; i++)
    theta[i] += gsl_ran_gaussian (rng, 0.1);
  fill_gauss (N * d, X, 1.0);
  fill_gauss (N * d, U, 1.0);
  fill_gauss (N * d, V, 1.0);
  fill_gauss (N * d, W, 1.0);
  fill_gauss (N, c0, 1.0);
  fill_gauss (N, cu, 1.0);
  fill_gauss (N, cv, 1.0);
  fill_gauss (N, cvw, 1.0);

  /* first- and second-order tangents vs FD of the value channel */
  hlnn_mlp_forward (net, theta, N, X, U, V, W, 0, w);
  size_t ld;
  double yu[6], yvw[6];
  memcpy (yu, hlnn_mlp_output (net, w, HLNN_CH_U, &ld), N * sizeof (double));
  memcpy (yvw, hlnn_mlp_output (net, w, HLNN_CH_VW, &ld), N * sizeof (double));
  double fdu[6], fdvw[6];
  const double h = 1e-4;
  double yp[6], ym[6];
  for (int s = 0; s < 2; s++)
    {
      for (size_t i = 0; i < N * d; i++)
        Xs[i] = X[i] + (s ? -h : h) * U[i];
      hlnn_mlp_forward (net, theta, N, Xs, NULL, NULL, NULL, 0, w);
      memcpy (s ? ym : yp, hlnn_mlp_output (net, w, HLNN_CH_VAL, &ld),
              N * sizeof (double));
    }
  for (size_t i = 0; i < N; i++)
    fdu[i] = (yp[i] - ym[i]) / (2 * h);
  /* D^2 y[v,w] = d/dt of the V tangent along w */
  for (int s = 0; s < 2; s++)
    {
      for (size_t i = 0; i < N * d; i++)
        Xs[i] = X[i] + (s ? -h : h) * W[i];
      hlnn_mlp_forward (net, theta, N, Xs, NULL, V, NULL, 0, w);
      memcpy (s ? ym : yp, hlnn_mlp_output (net, w, HLNN_CH_V, &ld),
              N * sizeof (double));
    }
  for (size_t i = 0; i < N; i++)
    fdvw[i] = (yp[i] - ym[i]) / (2 * h);
  double e1 = hlnn_test_vec_relerr (N, yu, fdu);
  double e2 = hlnn_test_vec_relerr (N, yvw, fdvw);
  hlnn_test (e1 < 1e-6 && e2 < 1e-6,
             "tangents %s hidden=%zu: Dy[u] rel err %.2e, D2y[v,w] rel err %.2e",
             hlnn_act_name (act), nhidden, e1, e2);

  /* reverse through all channels vs FD over theta */
  const double *seed[HLNN_CH_COUNT] = { c0, cu, cv, NULL, cvw };
  hlnn_mlp_forward (net, theta, N, X, U, V, W, 1, w);
  int st = hlnn_mlp_reverse (net, theta, seed, g, NULL, w);
  for (size_t i = 0; i < P; i++)
    {
      const double hh = 1e-5 * fmax (1.0, fabs (theta[i])), keep = theta[i];
      theta[i] = keep + hh;
      const double fp = channel_functional (net, theta, N, X, U, V, W, seed, w);
      theta[i] = keep - hh;
      const double fm = channel_functional (net, theta, N, X, U, V, W, seed, w);
      theta[i] = keep;
      fd[i] = (fp - fm) / (2 * hh);
    }
  double e3 = hlnn_test_vec_relerr (P, g, fd);
  hlnn_test (st == 0 && e3 < 1e-6,
             "reverse through tangents %s hidden=%zu: dtheta rel err %.2e",
             hlnn_act_name (act), nhidden, e3);

  /* x-gradient with directions held fixed */
  double gx[24], fdx[24];
  hlnn_mlp_forward (net, theta, N, X, U, V, W, 1, w);
  hlnn_mlp_reverse (net, theta, seed, NULL, gx, w);
  for (size_t i = 0; i < N * d; i++)
    {
      const double keep = X[i];
      X[i] = keep + 1e-5;
      const double fp = channel_functional (net, theta, N, X, U, V, W, seed, w);
      X[i] = keep - 1e-5;
      const double fm = channel_functional (net, theta, N, X, U, V, W, seed, w);
      X[i] = keep;
      fdx[i] = (fp - fm) / 2e-5;
    }
  double e4 = hlnn_test_vec_relerr (N * d, gx, fdx);
  hlnn_test (e4 < 1e-6, "reverse through tangents %s hidden=%zu: dx rel err %.2e",
             hlnn_act_name (act), nhidden, e4);
  free (theta); free (g); free (fd);
  hlnn_mlp_work_free (w);
  hlnn_mlp_free (net);
}

/* sum_i <grad_x y_i, u_i> from hlnn_mlp_grad_x (G: scratch, N x d) */
static double
grad_dot (const hlnn_mlp *net, const double *theta, size_t N,
          const double *X, const double *U, double *G, hlnn_mlp_work *w)
{
  const size_t d = net->sizes[0];
  hlnn_mlp_grad_x (net, theta, N, X, 0, G, w);
  double acc = 0.0;
  for (size_t i = 0; i < N * d; i++)
    acc += G[i] * U[i];
  return acc;
}

/* hlnn_mlp_grad_x and _vjp against the general channel route (same maths,
 * other GEMM order: agreement to rounding) and against differences. */
static void
check_grad_x_reuse (hlnn_act act, size_t nhidden, size_t width, size_t N)
{
  const size_t d = 3;
  size_t sizes[5] = { d, width, width, width, 1 };
  sizes[nhidden + 1] = 1;
  hlnn_mlp *net = hlnn_mlp_alloc (nhidden + 1, sizes, act);
  hlnn_mlp_work *w = hlnn_mlp_work_alloc (net, N, 2);
  const size_t P = net->nparams;
  double *theta = malloc (P * sizeof *theta), *g = calloc (P, sizeof *g);
  double *gref = calloc (P, sizeof *gref), *fd = malloc (P * sizeof *fd);
  double *X = malloc (N * d * sizeof *X), *U = malloc (N * d * sizeof *U);
  double *G = malloc (N * d * sizeof *G), *Gref = malloc (N * d * sizeof *G);
  double *ones = malloc (N * sizeof *ones), *y = malloc (N * sizeof *y);
  hlnn_mlp_init (net, theta, HLNN_INIT_GLOROT, 5);
  for (size_t i = 0; i < P; i++)
    theta[i] += gsl_ran_gaussian (rng, 0.1);
  fill_gauss (N * d, X, 1.0);
  fill_gauss (N * d, U, 1.0);
  for (size_t i = 0; i < N; i++)
    ones[i] = 1.0;

  const double *vseed[HLNN_CH_COUNT] = { ones, NULL, NULL, NULL, NULL };
  const double *useed[HLNN_CH_COUNT] = { NULL, ones, NULL, NULL, NULL };
  hlnn_mlp_forward (net, theta, N, X, NULL, NULL, NULL, 1, w);
  hlnn_mlp_reverse (net, theta, vseed, NULL, Gref, w);
  double yref0 = hlnn_mlp_output (net, w, HLNN_CH_VAL, NULL)[N - 1];
  hlnn_mlp_forward (net, theta, N, X, U, NULL, NULL, 1, w);
  hlnn_mlp_reverse (net, theta, useed, gref, NULL, w);

  int st = hlnn_mlp_grad_x (net, theta, N, X, 1, G, w);
  memcpy (y, hlnn_mlp_output (net, w, HLNN_CH_VAL, NULL), N * sizeof *y);
  /* twice: the vjp accumulates and must leave the kept pass intact */
  st |= hlnn_mlp_grad_x_vjp (net, theta, U, g, w);
  st |= hlnn_mlp_grad_x_vjp (net, theta, U, g, w);
  for (size_t i = 0; i < P; i++)
    g[i] *= 0.5;
  const double eg = hlnn_test_vec_relerr (N * d, G, Gref);
  const double et = hlnn_test_vec_relerr (P, g, gref);
  const double ey = fabs (y[N - 1] - yref0) / fmax (fabs (yref0), 1e-300);
  hlnn_test (st == 0 && eg < 1e-13 && et < 1e-13 && ey < 1e-14,
             "grad_x reuse %s hidden=%zu width=%zu N=%zu vs channel route: "
             "grad_x %.2e, dtheta %.2e, y %.2e", hlnn_act_name (act),
             nhidden, width, N, eg, et, ey);

  for (size_t i = 0; i < P; i++)
    {
      const double hh = 1e-5 * fmax (1.0, fabs (theta[i])), keep = theta[i];
      theta[i] = keep + hh;
      const double fp = grad_dot (net, theta, N, X, U, Gref, w);
      theta[i] = keep - hh;
      const double fm = grad_dot (net, theta, N, X, U, Gref, w);
      theta[i] = keep;
      fd[i] = (fp - fm) / (2 * hh);
    }
  const double efd = hlnn_test_vec_relerr (P, g, fd);
  hlnn_test (efd < 1e-6, "grad_x_vjp %s hidden=%zu width=%zu N=%zu vs "
             "differences of grad_x: rel err %.2e", hlnn_act_name (act),
             nhidden, width, N, efd);
  free (theta); free (g); free (gref); free (fd); free (X); free (U);
  free (G); free (Gref); free (ones); free (y);
  hlnn_mlp_work_free (w);
  hlnn_mlp_free (net);
}

/* hlnn_mlp_grad_x_hvp and _vjp2 (keep = 2) against the channel route and
 * against differences of the channel outputs. */
static void
check_grad_x_second (hlnn_act act, size_t nhidden, size_t width, size_t N)
{
  const size_t d = 4;
  const double c = -1.0;
  size_t sizes[5] = { d, width, width, width, 1 };
  sizes[nhidden + 1] = 1;
  hlnn_mlp *net = hlnn_mlp_alloc (nhidden + 1, sizes, act);
  hlnn_mlp_work *w = hlnn_mlp_work_alloc (net, N, HLNN_CH_COUNT);
  const size_t P = net->nparams, Nd = N * d;
  double *theta = malloc (P * sizeof *theta), *g = calloc (P, sizeof *g);
  double *gref = calloc (P, sizeof *gref), *fd = malloc (P * sizeof *fd);
  double *X = malloc (Nd * sizeof *X), *U = malloc (Nd * sizeof *U);
  double *V = malloc (Nd * sizeof *V), *W = malloc (Nd * sizeof *W);
  double *G = malloc (Nd * sizeof *G), *HV = malloc (Nd * sizeof *HV);
  double *HVref = malloc (Nd * sizeof *HV), *ones = malloc (N * sizeof *ones);
  double *cs = malloc (N * sizeof *cs);
  hlnn_mlp_init (net, theta, HLNN_INIT_GLOROT, 9);
  for (size_t i = 0; i < P; i++)
    theta[i] += gsl_ran_gaussian (rng, 0.1);
  fill_gauss (Nd, X, 1.0);
  fill_gauss (Nd, U, 1.0);
  fill_gauss (Nd, V, 1.0);
  fill_gauss (Nd, W, 1.0);
  for (size_t i = 0; i < N; i++)
    {
      ones[i] = 1.0;
      cs[i] = c;
    }

  const double *vseed[HLNN_CH_COUNT] = { NULL, NULL, ones, NULL, NULL };
  const double *seed2[HLNN_CH_COUNT] = { NULL, ones, NULL, NULL, cs };
  hlnn_mlp_forward (net, theta, N, X, NULL, V, NULL, 1, w);
  hlnn_mlp_reverse (net, theta, vseed, NULL, HVref, w);
  hlnn_mlp_forward (net, theta, N, X, U, V, W, 1, w);
  hlnn_mlp_reverse (net, theta, seed2, gref, NULL, w);

  int st = hlnn_mlp_grad_x (net, theta, N, X, 2, G, w);
  st |= hlnn_mlp_grad_x_hvp (net, theta, V, HV, w);
  st |= hlnn_mlp_grad_x_vjp2 (net, theta, U, V, W, c, g, w);
  const double eh = hlnn_test_vec_relerr (Nd, HV, HVref);
  const double et = hlnn_test_vec_relerr (P, g, gref);
  hlnn_test (st == 0 && eh < 1e-13 && et < 1e-13,
             "grad_x second order %s hidden=%zu width=%zu N=%zu vs channel "
             "route: hvp %.2e, vjp2 dtheta %.2e", hlnn_act_name (act),
             nhidden, width, N, eh, et);

  for (size_t i = 0; i < P; i++)
    {
      const double hh = 1e-5 * fmax (1.0, fabs (theta[i])), keep = theta[i];
      theta[i] = keep + hh;
      const double fp = channel_functional (net, theta, N, X, U, V, W, seed2, w);
      theta[i] = keep - hh;
      const double fm = channel_functional (net, theta, N, X, U, V, W, seed2, w);
      theta[i] = keep;
      fd[i] = (fp - fm) / (2 * hh);
    }
  const double efd = hlnn_test_vec_relerr (P, g, fd);
  hlnn_test (efd < 1e-6, "grad_x_vjp2 %s hidden=%zu width=%zu N=%zu vs "
             "differences of Dy[u] - D2y[v,w]: rel err %.2e",
             hlnn_act_name (act), nhidden, width, N, efd);
  free (theta); free (g); free (gref); free (fd); free (X); free (U);
  free (V); free (W); free (G); free (HV); free (HVref); free (ones);
  free (cs);
  hlnn_mlp_work_free (w);
  hlnn_mlp_free (net);
}

static void
test_errors (void)
{
  size_t sizes[3] = { 2, 5, 1 };
  hlnn_mlp *net = hlnn_mlp_alloc (2, sizes, HLNN_ACT_RELU);
  hlnn_mlp_work *w = hlnn_mlp_work_alloc (net, 4, 2);
  double theta[21] = { 0 }, X[8] = { 0 };
  hlnn_test (hlnn_mlp_forward (net, theta, 4, X, X, NULL, NULL, 1, w)
             == HLNN_EORDER, "relu net refuses a reverse through a tangent");
  hlnn_test (hlnn_mlp_forward (net, theta, 5, X, NULL, NULL, NULL, 0, w)
             == HLNN_EDOM, "batch larger than the workspace is refused");
  size_t bad[3] = { 2, 0, 1 };
  hlnn_test (hlnn_mlp_alloc (2, bad, HLNN_ACT_TANH) == NULL,
             "zero layer width is refused");
  double G[8];
  hlnn_test (hlnn_mlp_grad_x (net, theta, 4, X, 1, G, w) == HLNN_EORDER,
             "relu net refuses grad_x kept for its theta-gradient");
  hlnn_test (hlnn_mlp_grad_x (net, theta, 4, X, 0, G, w) == HLNN_SUCCESS
             && hlnn_mlp_grad_x_vjp (net, theta, X, theta, w) == HLNN_EDOM,
             "grad_x_vjp refuses to run after a pass that kept nothing");
  /* grad_x keeping its tangent (keep 1) stacks [value; u] as the general
   * reverse does not read them: refused.  With keep 0 the layout is the
   * forward's, and the reverse gives the forward's gradient. */
  {
    size_t tsz[3] = { 2, 5, 1 };
    hlnn_mlp *tn = hlnn_mlp_alloc (2, tsz, HLNN_ACT_TANH);
    hlnn_mlp_work *tw = hlnn_mlp_work_alloc (tn, 4, 2);
    double th[21], Xt[8], G1[8], G2[8], gx[8];
    for (int i = 0; i < 21; i++)
      th[i] = sin (1.3 * i);
    for (int i = 0; i < 8; i++)
      Xt[i] = cos (0.7 * i);
    const double *seed[HLNN_CH_COUNT] = { Xt, NULL, NULL, NULL, NULL };
    hlnn_test (hlnn_mlp_grad_x (tn, th, 4, Xt, 1, gx, tw) == HLNN_SUCCESS
               && hlnn_mlp_reverse (tn, th, seed, NULL, G1, tw) == HLNN_EDOM,
               "the general reverse refuses grad_x's two-slot layout");
    hlnn_test (hlnn_mlp_forward (tn, th, 4, Xt, NULL, NULL, NULL, 1, tw) == 0
               && hlnn_mlp_reverse (tn, th, seed, NULL, G1, tw) == 0
               && hlnn_mlp_grad_x (tn, th, 4, Xt, 0, gx, tw) == 0
               && hlnn_mlp_reverse (tn, th, seed, NULL, G2, tw) == 0
               && memcmp (G1, G2, sizeof G1) == 0,
               "after grad_x keeping nothing, the general reverse gives the "
               "forward's input gradient bit for bit");
    hlnn_mlp_work_free (tw);
    hlnn_mlp_free (tn);
  }
  hlnn_mlp_work_free (w);
  hlnn_mlp_free (net);
}

static void
test_init (void)
{
  size_t sizes[3] = { 7, 5, 3 };
  hlnn_mlp *net = hlnn_mlp_alloc (2, sizes, HLNN_ACT_TANH);
  double th[64], th2[64];
  hlnn_mlp_init (net, th, HLNN_INIT_ORTHOGONAL, 3);
  /* W1 is 5 x 7: its rows must be orthonormal */
  double worst = 0.0;
  for (size_t r = 0; r < 5; r++)
    for (size_t s = 0; s < 5; s++)
      {
        double dot = 0.0;
        for (size_t c = 0; c < 7; c++)
          dot += th[r + c * 5] * th[s + c * 5];
        worst = fmax (worst, fabs (dot - (r == s)));
      }
  hlnn_test (worst < 1e-12, "orthogonal init: W W' = I to %.2e", worst);
  hlnn_mlp_init (net, th2, HLNN_INIT_ORTHOGONAL, 3);
  hlnn_test (memcmp (th, th2, net->nparams * sizeof (double)) == 0,
             "init is reproducible from its seed");
  hlnn_mlp_init (net, th, HLNN_INIT_GREYDANUS, 3);
  double bmax = 0.0, bmin = HUGE_VAL;
  for (size_t i = 0; i < 5; i++)
    {
      bmax = fmax (bmax, fabs (th[net->b_off[1] + i]));
      bmin = fmin (bmin, fabs (th[net->b_off[1] + i]));
    }
  double bout = 0.0;
  for (size_t i = 0; i < 3; i++)
    bout = fmax (bout, fabs (th[net->b_off[2] + i]));
  hlnn_test (bmax <= 1.0 / sqrt (7.0) && bmin > 0.0 && bout == 0.0,
             "greydanus init: hidden biases in (0, 1/sqrt(7)] in modulus "
             "(%.3g..%.3g), output bias zero (%g)", bmin, bmax, bout);
  hlnn_mlp_free (net);
}

int
main (void)
{
  gsl_rng_env_setup ();
  rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, 12345);
  test_activations ();
  const size_t widths[3] = { 1, 3, 17 }, batches[2] = { 1, 64 };
  for (int a = 0; a < HLNN_ACT_COUNT; a++)
    for (size_t nh = 1; nh <= 3; nh++)
      for (int wi = 0; wi < 3; wi++)
        for (int bi = 0; bi < 2; bi++)
          check_mse_gradients ((hlnn_act) a, nh, widths[wi], batches[bi]);
  for (int a = 0; a < HLNN_ACT_COUNT; a++)
    if (a != HLNN_ACT_RELU)
      for (size_t nh = 1; nh <= 3; nh++)
        {
          check_tangents ((hlnn_act) a, nh);
          check_grad_x_reuse ((hlnn_act) a, nh, 17, 64);
          check_grad_x_reuse ((hlnn_act) a, nh, 3, 1);
          check_grad_x_second ((hlnn_act) a, nh, 17, 64);
          check_grad_x_second ((hlnn_act) a, nh, 3, 1);
        }
  test_errors ();
  test_init ();
  gsl_rng_free (rng);
  return hlnn_test_summary ();
}
