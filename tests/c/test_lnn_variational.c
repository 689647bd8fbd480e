/* test_lnn_variational.c -- the midpoint variational integrator of a
 * learned Lagrangian: its output solves the discrete Euler-Lagrange
 * equations, the map is symplectic, the order is 2, batches equal single
 * rollouts, failures are reported.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * The nets are random (Glorot plus noisy biases), so A = d2L/dqdot2 is
 * not positive definite; every case runs over a short horizon from
 * states where the step equations stay regular, which is all the
 * integrator needs. */
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_errno.h>
#include "hlnn.h"
#include "hlnn_test.h"

enum { NDOF = 2, D = 4 };

/* The same net for every check (rng restarted): its A is indefinite but
 * regular along every trajectory used below. */
static hlnn_lnn *
make_lnn (size_t nmax, double **theta)
{
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, 7);
  const size_t hidden[2] = { 16, 16 };
  hlnn_lnn *l = hlnn_lnn_alloc (NDOF, 2, hidden, HLNN_ACT_SOFTPLUS, nmax);
  *theta = malloc (l->nparams * sizeof (double));
  hlnn_mlp_init (l->net, *theta, HLNN_INIT_GLOROT, 29);
  for (size_t i = 0; i < l->nparams; i++)
    (*theta)[i] += gsl_ran_gaussian (rng, 0.3);
  gsl_rng_free (rng);
  return l;
}

static const double X0[3 * D] = {      /* 3 states [q1 q2 qd1 qd2], rows */
  0.3, -0.5, 0.1, 0.4, 0.2, 0.1, -0.6, 0.7, 0.3, -0.2, 0.5, -0.1
};

/* VI rollout of the K states X0 (K x D) over t[0..T-1]. */
static int
vi (hlnn_lnn *l, const double *theta, size_t K, const double *X0,
    size_t T, const double *t, double step, double *Xs,
    hlnn_rollout_stats *st)
{
  hlnn_rollout_opts o;
  hlnn_rollout_opts_default (&o);
  o.step = step;
  hlnn_lnn_vi_work *w = hlnn_lnn_vi_alloc (l, K);
  const int status = hlnn_lnn_vi_rollout (w, theta, X0, T, t, &o, Xs, st);
  hlnn_lnn_vi_free (w);
  return status;
}

/* rows of X0 (K x D row-major above) as a column-major K x D batch */
static void
batch (size_t K, const double *rows, double *X)
{
  for (size_t k = 0; k < K; k++)
    for (size_t j = 0; j < D; j++)
      X[k + K * j] = rows[k * D + j];
}

/* grad_x L at (q, v) */
static void
grad (hlnn_lnn *l, const double *theta, const double *q, const double *v,
      double *G)
{
  hlnn_lnn_blocks (l, theta, 1, q, v, G, NULL, NULL);
}

/* D1 L_h(a, b) = (h/2) L_q - L_v and D2 L_h(a, b) = (h/2) L_q + L_v at
 * the midpoint of the step a -> b */
static void
dlh (hlnn_lnn *l, const double *theta, const double *a, const double *b,
     double h, double *D1, double *D2)
{
  double m[NDOF], v[NDOF], G[D];
  for (int j = 0; j < NDOF; j++)
    {
      m[j] = 0.5 * (a[j] + b[j]);
      v[j] = (b[j] - a[j]) / h;
    }
  grad (l, theta, m, v, G);
  for (int j = 0; j < NDOF; j++)
    {
      D1[j] = 0.5 * h * G[j] - G[NDOF + j];
      D2[j] = 0.5 * h * G[j] + G[NDOF + j];
    }
}

/* The output solves the discrete Euler-Lagrange equations
 * D2 L_h(q_{k-1}, q_k) + D1 L_h(q_k, q_{k+1}) = 0, its velocities the
 * Legendre map L_v(q_k, qd_k) = D2 L_h(q_{k-1}, q_k), and the start
 * L_v(q_0, qd_0) = -D1 L_h(q_0, q_1); residuals against an independent
 * evaluation of grad L. */
static void
check_del (void)
{
  double *theta;
  hlnn_lnn *l = make_lnn (8, &theta);
  const size_t K = 3, T = 21;
  const double h = 0.025;
  double t[21], X[3 * D], *Xs = malloc (T * D * K * sizeof (double));
  for (size_t i = 0; i < T; i++)
    t[i] = h * (double) i;
  batch (K, X0, X);
  hlnn_rollout_stats st;
  int status = vi (l, theta, K, X, T, t, 0.0, Xs, &st);
  hlnn_test (status == HLNN_SUCCESS, "variational rollout runs (status %d, "
             "%zu steps, mean %.2f Newton iterations, worst %zu)", status,
             st.steps, (double) st.iters / (double) (st.steps * K),
             st.iters_max);
  double del = 0.0, leg = 0.0, start = 0.0, scale = 0.0;
  for (size_t k = 0; k < K; k++)
    {
      const double *Y = Xs + T * D * k;
      for (size_t i = 0; i < T; i++)
        {
          double q[NDOF], qd[NDOF], qp[NDOF], qn[NDOF], G[D];
          double D1a[NDOF], D2a[NDOF], D1b[NDOF], D2b[NDOF];
          for (int j = 0; j < NDOF; j++)
            {
              q[j] = Y[i + T * j];
              qd[j] = Y[i + T * (NDOF + j)];
            }
          grad (l, theta, q, qd, G);
          if (i + 1 < T)
            {
              for (int j = 0; j < NDOF; j++)
                qn[j] = Y[i + 1 + T * j];
              dlh (l, theta, q, qn, h, D1b, D2b);
            }
          if (i > 0)
            {
              for (int j = 0; j < NDOF; j++)
                qp[j] = Y[i - 1 + T * j];
              dlh (l, theta, qp, q, h, D1a, D2a);
            }
          for (int j = 0; j < NDOF; j++)
            {
              scale = fmax (scale, fabs (G[NDOF + j]));
              if (i == 0)
                start = fmax (start, fabs (G[NDOF + j] + D1b[j]));
              if (i > 0)
                leg = fmax (leg, fabs (G[NDOF + j] - D2a[j]));
              if (i > 0 && i + 1 < T)
                del = fmax (del, fabs (D2a[j] + D1b[j]));
            }
        }
    }
  hlnn_test (del <= 1e-12 * scale, "discrete Euler-Lagrange residual "
             "%.3g (relative %.3g, tol 1e-12)", del, del / scale);
  hlnn_test (leg <= 1e-12 * scale, "Legendre map at the outputs: residual "
             "%.3g (relative %.3g, tol 1e-12)", leg, leg / scale);
  hlnn_test (start <= 1e-12 * scale, "first step from p0 = L_v(q0, qd0): "
             "residual %.3g (relative %.3g, tol 1e-12)", start, start / scale);
  free (Xs);
  free (theta);
  hlnn_lnn_free (l);
}

/* One step x = (q, qd) -> (q1, qd1) of the VI (rk4 when use_rk4). */
static int
step_map (hlnn_lnn *l, const double *theta, const double *x, double h,
          int use_rk4, double *y)
{
  const double t[2] = { 0.0, h };
  double Xs[2 * D];
  int status;
  if (use_rk4)
    {
      hlnn_lnn_field_ctx c = { l, theta, { 0, 0, 0, 0, 0.0 } };
      hlnn_field f = { hlnn_lnn_field_fn, &c, D, 1 };
      hlnn_rollout_opts o;
      hlnn_rollout_opts_default (&o);
      status = hlnn_rollout (&f, NULL, &o, 1, x, 2, t, Xs, NULL);
    }
  else
    status = vi (l, theta, 1, x, 2, t, 0.0, Xs, NULL);
  for (int j = 0; j < D; j++)
    y[j] = Xs[1 + 2 * j];
  return status;
}

/* P = d(q, p)/d(q, qd) = [I 0; B A] at x, row-major D x D */
static void
legendre_jacobian (hlnn_lnn *l, const double *theta, const double *x,
                   double *P)
{
  double A[NDOF * NDOF], B[NDOF * NDOF];
  hlnn_lnn_blocks (l, theta, 1, x, x + NDOF, NULL, A, B);
  memset (P, 0, D * D * sizeof (double));
  for (int j = 0; j < NDOF; j++)
    {
      P[j * D + j] = 1.0;
      for (int k = 0; k < NDOF; k++)
        {
          P[(NDOF + j) * D + k] = B[j + k * NDOF];
          P[(NDOF + j) * D + NDOF + k] = A[j + k * NDOF];
        }
    }
}

/* max |M' Omega M - Omega| for the one-step map in (q, p) coordinates,
 * M = P(x1) dPhi/dx P(x0)^-1, dPhi/dx by 4-point central differences. */
static double
symplectic_defect (hlnn_lnn *l, const double *theta, const double *x,
                   double h, int use_rk4)
{
  gsl_matrix *J = gsl_matrix_alloc (D, D), *P0 = gsl_matrix_alloc (D, D);
  gsl_matrix *P1 = gsl_matrix_alloc (D, D), *M = gsl_matrix_alloc (D, D);
  gsl_matrix *T = gsl_matrix_alloc (D, D), *P0i = gsl_matrix_alloc (D, D);
  gsl_permutation *perm = gsl_permutation_alloc (D);
  double y[D], xp[D], yp[4][D], P[D * D];
  step_map (l, theta, x, h, use_rk4, y);
  for (int c = 0; c < D; c++)
    {
      const double e = 1e-4;
      const double off[4] = { 2 * e, e, -e, -2 * e };
      for (int s = 0; s < 4; s++)
        {
          memcpy (xp, x, sizeof xp);
          xp[c] += off[s];
          step_map (l, theta, xp, h, use_rk4, yp[s]);
        }
      for (int r = 0; r < D; r++)
        gsl_matrix_set (J, r, c, (8 * (yp[1][r] - yp[2][r])
                                  - (yp[0][r] - yp[3][r])) / (12 * e));
    }
  legendre_jacobian (l, theta, x, P);
  for (int i = 0; i < D * D; i++)
    gsl_matrix_set (P0, i / D, i % D, P[i]);
  legendre_jacobian (l, theta, y, P);
  for (int i = 0; i < D * D; i++)
    gsl_matrix_set (P1, i / D, i % D, P[i]);
  int signum;
  gsl_linalg_LU_decomp (P0, perm, &signum);
  gsl_linalg_LU_invert (P0, perm, P0i);
  gsl_blas_dgemm (CblasNoTrans, CblasNoTrans, 1.0, J, P0i, 0.0, T);
  gsl_blas_dgemm (CblasNoTrans, CblasNoTrans, 1.0, P1, T, 0.0, M);
  double defect = 0.0;
  for (int i = 0; i < D; i++)
    for (int j = 0; j < D; j++)
      {
        /* (M' Omega M)(i,j) with Omega = [0 I; -I 0] */
        double s = 0.0;
        for (int a = 0; a < NDOF; a++)
          s += gsl_matrix_get (M, a, i) * gsl_matrix_get (M, NDOF + a, j)
               - gsl_matrix_get (M, NDOF + a, i) * gsl_matrix_get (M, a, j);
        const double omega = (j == i + NDOF) ? 1.0 : (i == j + NDOF) ? -1.0
                                                                     : 0.0;
        defect = fmax (defect, fabs (s - omega));
      }
  gsl_matrix_free (J); gsl_matrix_free (P0); gsl_matrix_free (P1);
  gsl_matrix_free (M); gsl_matrix_free (T); gsl_matrix_free (P0i);
  gsl_permutation_free (perm);
  return defect;
}

static void
check_symplectic (void)
{
  double *theta;
  hlnn_lnn *l = make_lnn (4, &theta);
  const double h = 0.2;
  const double vi_defect = symplectic_defect (l, theta, X0, h, 0);
  const double rk_defect = symplectic_defect (l, theta, X0, h, 1);
  hlnn_test (vi_defect <= 1e-8, "one VI step (h = %g) is symplectic in "
             "(q, p = L_v): |M' Omega M - Omega| = %.3g (tol 1e-8)", h,
             vi_defect);
  hlnn_test (rk_defect >= 100 * vi_defect, "the check sees that an RK4 "
             "step of the same field is not: defect %.3g", rk_defect);
  free (theta);
  hlnn_lnn_free (l);
}

/* Error at t = 0.4 against rk4 with step 1e-4 (error below 1e-14):
 * halving h divides it by 4. */
static void
check_order (void)
{
  double *theta;
  hlnn_lnn *l = make_lnn (4, &theta);
  const double t[2] = { 0.0, 0.4 };
  double ref[2 * D], Xs[2 * D];
  hlnn_lnn_field_ctx c = { l, theta, { 0, 0, 0, 0, 0.0 } };
  hlnn_field f = { hlnn_lnn_field_fn, &c, D, 1 };
  hlnn_rollout_opts o;
  hlnn_rollout_opts_default (&o);
  o.step = 1e-4;
  int status = hlnn_rollout (&f, NULL, &o, 1, X0, 2, t, ref, NULL);
  double err[3];
  for (int s = 0; s < 3; s++)
    {
      status |= vi (l, theta, 1, X0, 2, t, 0.04 / (double) (1 << s), Xs, NULL);

      err[s] = 0.0;
      for (int j = 0; j < D; j++)
        err[s] = fmax (err[s], fabs (Xs[1 + 2 * j] - ref[1 + 2 * j]));
    }
  hlnn_test (status == HLNN_SUCCESS, "reference and VI rollouts run "
             "(status %d)", status);
  for (int s = 0; s < 2; s++)
    {
      const double ratio = err[s] / err[s + 1];
      hlnn_test (ratio > 3.6 && ratio < 4.4, "order 2: error %.3g at h = %g, "
                 "%.3g at h/2, ratio %.3f (want 4 +- 0.4)", err[s],
                 0.04 / (double) (1 << s), err[s + 1], ratio);
    }
  free (theta);
  hlnn_lnn_free (l);
}

/* A batch of 3 equals 3 single rollouts; chunks of nmax = 2 (a batch of
 * 3 evaluated in two pieces) equal one chunk; steps cut from Step equal
 * explicit output times. */
static void
check_batch (void)
{
  double *theta;
  hlnn_lnn *l = make_lnn (8, &theta);
  hlnn_lnn *l2 = hlnn_lnn_alloc (NDOF, 2, (const size_t[]) { 16, 16 },
                                 HLNN_ACT_SOFTPLUS, 2);
  const size_t K = 3, T = 11;
  double t[11], X[3 * D], Xb[11 * D * 3], Xc[11 * D * 3], X1[11 * D];
  for (size_t i = 0; i < T; i++)
    t[i] = 0.05 * (double) i;
  batch (K, X0, X);
  int status = vi (l, theta, K, X, T, t, 0.0, Xb, NULL);
  double worst = 0.0;
  for (size_t k = 0; k < K; k++)
    {
      status |= vi (l, theta, 1, X0 + k * D, T, t, 0.0, X1, NULL);
      worst = fmax (worst, hlnn_test_vec_relerr (T * D, Xb + k * T * D, X1));
    }
  hlnn_test (status == HLNN_SUCCESS && worst <= 1e-12, "batch of %zu = "
             "single rollouts: rel. diff %.3g (tol 1e-12)", K, worst);
  status = vi (l2, theta, K, X, T, t, 0.0, Xc, NULL);
  worst = hlnn_test_vec_relerr (T * D * K, Xc, Xb);
  hlnn_test (status == HLNN_SUCCESS && worst <= 1e-12, "chunks of 2 rows = "
             "one chunk: rel. diff %.3g (tol 1e-12)", worst);
  /* Step 0.01 over outputs 0.05 apart = outputs 0.01 apart, subsampled */
  const double tf[2] = { 0.0, 0.05 };
  double Xs[2 * D], fine[6 * D];
  const double tt[6] = { 0.0, 0.01, 0.02, 0.03, 0.04, 0.05 };
  status = vi (l, theta, 1, X0, 2, tf, 0.01, Xs, NULL);
  status |= vi (l, theta, 1, X0, 6, tt, 0.0, fine, NULL);
  worst = 0.0;
  for (int j = 0; j < D; j++)
    worst = fmax (worst, fabs (Xs[1 + 2 * j] - fine[5 + 6 * j]));
  hlnn_test (status == HLNN_SUCCESS && worst <= 1e-12, "Step 0.01 over one "
             "interval = five outputs: max diff %.3g (tol 1e-12)", worst);
  free (theta);
  hlnn_lnn_free (l);
  hlnn_lnn_free (l2);
}

static void
check_errors (void)
{
  double *theta;
  hlnn_lnn *l = make_lnn (4, &theta);
  const double t[3] = { 0.0, 0.1, 0.2 }, tbad[3] = { 0.0, 0.2, 0.1 };
  double Xs[3 * D], Xn[D];
  hlnn_test (vi (l, theta, 1, X0, 3, tbad, 0.0, Xs, NULL) == HLNN_EDOM,
             "decreasing times: HLNN_EDOM");
  memcpy (Xn, X0, sizeof Xn);
  Xn[2] = NAN;
  hlnn_test (vi (l, theta, 1, Xn, 3, t, 0.0, Xs, NULL) == HLNN_EDOM,
             "non-finite start: HLNN_EDOM");
  hlnn_rollout_opts o;
  hlnn_rollout_opts_default (&o);
  o.solve_maxit = 1;
  hlnn_lnn_vi_work *w = hlnn_lnn_vi_alloc (l, 1);
  hlnn_test (hlnn_lnn_vi_rollout (w, theta, X0, 3, t, &o, Xs, NULL)
             == HLNN_EMAXIT, "one Newton iteration allowed: HLNN_EMAXIT");
  hlnn_lnn_vi_free (w);
  hlnn_test (hlnn_lnn_vi_alloc (l, 0) == NULL, "K = 0: no workspace");
  /* an affine L has A = 0: every step equation is singular */
  hlnn_lnn *aff = hlnn_lnn_alloc (NDOF, 0, NULL, HLNN_ACT_SOFTPLUS, 1);
  double *th = calloc (aff->nparams, sizeof (double));
  for (size_t i = 0; i < aff->nparams; i++)
    th[i] = 0.1 * (double) (i + 1);
  hlnn_test (vi (aff, th, 1, X0, 3, t, 0.0, Xs, NULL) == HLNN_ESING,
             "affine L (A = 0): HLNN_ESING");
  free (th);
  hlnn_lnn_free (aff);
  free (theta);
  hlnn_lnn_free (l);
}

/* With q1 an angle (period 2 pi), a start turned by 2 pi gives the same
 * rollout turned by 2 pi: the integrator's state stays continuous while
 * the network sees the wrapped angle.  Without the period the two
 * rollouts differ (the net is not periodic), so the check can fail. */
static void
check_period (void)
{
  double *theta;
  hlnn_lnn *l = make_lnn (4, &theta);
  const size_t T = 11;
  double t[11], B[D], Xa[11 * D], Xb[11 * D], Xc[11 * D];
  for (size_t i = 0; i < T; i++)
    t[i] = 0.05 * (double) i;
  memcpy (B, X0, sizeof B);
  B[0] += 2 * M_PI;
  int status = vi (l, theta, 1, B, T, t, 0.0, Xc, NULL);
  l->period[0] = 2 * M_PI;
  status |= vi (l, theta, 1, X0, T, t, 0.0, Xa, NULL);
  status |= vi (l, theta, 1, B, T, t, 0.0, Xb, NULL);
  for (size_t i = 0; i < T; i++)
    {
      Xb[i] -= 2 * M_PI;
      Xc[i] -= 2 * M_PI;
    }
  const double worst = hlnn_test_vec_relerr (T * D, Xb, Xa);
  const double plain = hlnn_test_vec_relerr (T * D, Xc, Xa);
  hlnn_test (status == HLNN_SUCCESS && worst <= 1e-12 && plain > 1e-3,
             "q1 periodic: start + 2 pi = rollout + 2 pi, rel. diff %.3g "
             "(tol 1e-12; without the period %.3g)", worst, plain);
  l->period[0] = -1.0;
  hlnn_test (vi (l, theta, 1, X0, T, t, 0.0, Xa, NULL) == HLNN_EDOM,
             "negative period: HLNN_EDOM");
  free (theta);
  hlnn_lnn_free (l);
}

/* A step that crosses the seam of a periodic q1 is the plain model's step
 * when it starts in range: the net sees the step's midpoints on the
 * branch of its start, so the step equation is smooth in q1 (wrapped on
 * their own, the midpoints past pi would jump to -pi, and with them L,
 * this net not being periodic).  The velocity at the step's end is the
 * plain model's too: it comes from the Legendre map on the branch where
 * the step computed its momentum (without that restart it differs by
 * 0.077).  The next step, past the seam, is the plain model's from the
 * first step's end turned by -2 pi: the chart change is consistent. */
static void
check_seam (void)
{
  double *theta;
  hlnn_lnn *l = make_lnn (4, &theta);
  /* q1 weakly in L, so that the Legendre map has a solution on both
   * branches, but L still far from periodic in q1 */
  for (size_t i = 0; i < l->net->sizes[1]; i++)
    theta[l->net->w_off[1] + i] *= 0.1;
  const double t[3] = { 0.0, 0.1, 0.2 };
  double S[D] = { M_PI - 0.02, -0.5, 1.0, 0.4 }, Xa[3 * D], Xb[3 * D];
  int status = vi (l, theta, 1, S, 2, t, 0.0, Xb, NULL);
  l->period[0] = 2 * M_PI;
  status |= vi (l, theta, 1, S, 3, t, 0.0, Xa, NULL);
  double a1[D], b1[D];
  for (int j = 0; j < D; j++)
    {
      a1[j] = Xa[1 + 3 * j];
      b1[j] = Xb[1 + 2 * j];
    }
  const double rel = hlnn_test_vec_relerr (D, a1, b1);
  hlnn_test (status == HLNN_SUCCESS && a1[0] > M_PI + 0.05 && rel <= 1e-10,
             "a step across q1's seam (to q1 = %.4f) from in range = the "
             "plain model's step, velocity included, rel. diff %.3g "
             "(tol 1e-10)", a1[0], rel);
  /* the second step, from past the seam: the plain model's from the
   * first step's end turned back by 2 pi */
  double T[D], Xc[2 * D], a2[D], c2[D];
  memcpy (T, a1, sizeof T);
  T[0] -= 2 * M_PI;
  l->period[0] = 0.0;
  status = vi (l, theta, 1, T, 2, t + 1, 0.0, Xc, NULL);
  for (int j = 0; j < D; j++)
    {
      a2[j] = Xa[2 + 3 * j];
      c2[j] = Xc[1 + 2 * j];
    }
  a2[0] -= 2 * M_PI;
  const double rel2 = hlnn_test_vec_relerr (D, a2, c2);
  hlnn_test (status == HLNN_SUCCESS && rel2 <= 1e-10,
             "the next step, past the seam = the plain model's from the "
             "turned state, rel. diff %.3g (tol 1e-10)", rel2);
  free (theta);
  hlnn_lnn_free (l);
}

int
main (void)
{
  gsl_set_error_handler_off ();   /* statuses, as in the MEX gateways (el.h) */
  check_del ();
  check_symplectic ();
  check_order ();
  check_batch ();
  check_errors ();
  check_period ();
  check_seam ();
  return hlnn_test_summary ();
}
