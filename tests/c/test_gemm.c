/* test_gemm.c -- gemm.c's kernel for a layer's products C = A op(B) and
 * C += A^T B, at each of its widths the CPU runs (8 and 4 lanes): every
 * element within the summation bound of an extended-precision reference,
 * for row counts around its 8- and 16-row panels, column counts around
 * its 6- and 12-column blocks and K around its 256-long chunks, with
 * leading dimensions larger than the matrices; nothing written outside
 * C; a row's result independent of the rows around it; the two widths
 * equal bit for bit; K = 0; which products each route sends where.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <float.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cblas.h>
#include "hlnn_test.h"
#include "gemm.h"
#include "blas_info.h"

static const double canary = -12345.678;

/* element (r, c) of X or of X^T */
static double
op_elem (int trans, const double *X, size_t ldx, size_t r, size_t c)
{
  return trans ? X[c + r * ldx] : X[r + c * ldx];
}

/* max over C of |C - exact| / (n u (|c0| + sum_p |op(A)(i,p) op(B)(p,j)|)),
 * u the unit roundoff, c0 C's value before, n = K, or K + 1 when adding
 * to c0 (the BLAS may round c0's product with beta apart): a sum of K
 * products errs by at most n u times that sum, so a value above 1 is an
 * error; also counts writes outside C.  'exact' is the sum in twice the
 * working precision (Ogita, Rump and Oishi's Dot2: each product and
 * each addition split into its rounded value and its exact error by FMA
 * and TwoSum), not long double, which valgrind computes in double. */
static double
worst_error (int a_trans, int b_trans, double c0, size_t M, size_t N,
             size_t K, const double *A, size_t lda, const double *B,
             size_t ldb, const double *C, size_t ldc, size_t *outside)
{
  const double n = (double) K + (c0 != 0.0);
  double worst = 0;
  *outside = 0;
  for (size_t j = 0; j < N; j++)
    for (size_t i = 0; i < ldc; i++)
      {
        if (i >= M)
          {
            *outside += C[i + j * ldc] != canary;
            continue;
          }
        double sum = c0, low = 0, scale = fabs (c0);
        for (size_t p = 0; p < K; p++)
          {
            const double a = op_elem (a_trans, A, lda, i, p);
            const double b = op_elem (b_trans, B, ldb, p, j);
            const double t = a * b, t_err = fma (a, b, -t);
            const double next = sum + t, bv = next - sum;
            low += ((sum - (next - bv)) + (t - bv)) + t_err;
            sum = next;
            scale += fabs (t);
          }
        const double err = fabs ((C[i + j * ldc] - sum) - low);
        const double bound = n * (DBL_EPSILON / 2) * scale;
        const double r = bound > 0 ? err / bound : (err > 0 ? HUGE_VAL : 0);
        if (!(r <= worst))
          worst = r;      /* NaN too */
      }
  for (size_t i = 0; i < ldc; i++)
    *outside += C[i + N * ldc] != canary;   /* the column after C */
  return worst;
}

static void
fill (size_t n, double *x, double phase)
{
  for (size_t i = 0; i < n; i++)
    x[i] = sin (0.731 * (double) i + phase) * (1.0 + (double) (i % 7));
}

/* One product of the forms the networks use, A B^T, A B or C + A^T B
 * (a_trans, which accumulates onto c0), on operands whose leading
 * dimensions exceed the matrices, C surrounded by canaries; by the
 * kernel itself, or by hlnn_gemm or hlnn_gemm_grad, which choose kernel
 * or BLAS.  Returns the worst error against the bound (worst_error) and
 * adds the writes outside C to *outside. */
static double
one_product (int via_kernel, int a_trans, int b_trans, double c0, size_t M,
             size_t N, size_t K, size_t *outside)
{
  const size_t lda = (a_trans ? K : M) + 3, ldc = M + 2;
  const size_t ldb = (b_trans ? N : K) + 1;
  double *A = malloc (lda * (a_trans ? M : K) * sizeof (double));
  double *B = malloc (ldb * (b_trans ? K : N) * sizeof (double));
  double *C = malloc (ldc * (N + 1) * sizeof (double));
  fill (lda * (a_trans ? M : K), A, 0.3);
  fill (ldb * (b_trans ? K : N), B, 1.1);
  for (size_t i = 0; i < ldc * (N + 1); i++)
    C[i] = i % ldc < M && i / ldc < N && a_trans ? c0 : canary;
  if (via_kernel)
    hlnn_gemm_kernel (a_trans, b_trans, a_trans, M, N, K, A, lda, B, ldb, C,
                      ldc);
  else if (a_trans)
    hlnn_gemm_grad (M, N, K, A, lda, B, ldb, C, ldc);
  else
    hlnn_gemm (b_trans, M, N, K, A, lda, B, ldb, C, ldc);
  size_t out;
  const double e = worst_error (a_trans, b_trans, a_trans ? c0 : 0.0, M, N,
                                K, A, lda, B, ldb, C, ldc, &out);
  *outside += out;
  free (A);
  free (B);
  free (C);
  return e;
}

static void
check_shapes (void)
{
  const size_t rows[] = { 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 24, 25, 31, 33,
                          64 };
  const size_t kn[][2] = { { 1, 1 }, { 2, 7 }, { 13, 6 }, { 64, 64 },
                           { 200, 5 }, { 256, 12 }, { 300, 11 },
                           { 600, 13 } };
  size_t cases = 0, bad = 0, outside = 0;
  double worst = 0;
  /* the three forms the networks use: A B^T, A B, and C + A^T B */
  const int forms[3][2] = { { 0, 1 }, { 0, 0 }, { 1, 0 } };
  for (size_t im = 0; im < sizeof rows / sizeof *rows; im++)
    for (size_t ik = 0; ik < sizeof kn / sizeof *kn; ik++)
      for (size_t f = 0; f < 3; f++)
        {
          const double e = one_product (1, forms[f][0], forms[f][1], 0.75,
                                        rows[im], kn[ik][1], kn[ik][0],
                                        &outside);
          worst = fmax (worst, e);
          bad += !(e <= 1.0);
          cases++;
        }
  hlnn_test (bad == 0 && outside == 0,
             "kernel, %d lanes: %zu shapes (M 1..64, K 1..600, N 1..64; "
             "A B^T, A B and C + A^T B; padded leading dimensions): worst "
             "error %.3g of the K u sum|a b| bound, %zu over it, %zu "
             "writes outside C", hlnn_gemm_kernel_lanes (), cases, worst,
             bad, outside);
}

/* A rollout compares a batch with its rows' single runs: each row must
 * come out the same whatever the rows beside it (20 rows: across a
 * panel's edge at either width). */
static void
check_rows_independent (void)
{
  enum { M = 20, K = 200, N = 200 };
  static double A[M * K], B[K * N], C[M * N], c1[N];
  fill (M * K, A, 0.5);
  fill (K * N, B, 2.0);
  size_t differ = 0;
  for (int b_trans = 0; b_trans <= 1; b_trans++)
    {
      hlnn_gemm_kernel (0, b_trans, 0, M, N, K, A, M, B, b_trans ? N : K, C,
                        M);
      for (size_t i = 0; i < M; i++)
        {
          hlnn_gemm_kernel (0, b_trans, 0, 1, N, K, A + i, M, B,
                            b_trans ? N : K, c1, 1);
          for (size_t j = 0; j < N; j++)
            differ += memcmp (&c1[j], &C[i + j * M], sizeof (double)) != 0;
        }
    }
  hlnn_test (differ == 0,
             "kernel, %d lanes: each of 20 rows alone equals its row of the "
             "20-row product bit for bit (%zu of %d values differ)",
             hlnn_gemm_kernel_lanes (), differ, 2 * M * N);
}

/* The order of each element's sum, bit for bit against scalar code: in
 * C = A op(B) (and C + A op(B)) one FMA for each p in order of p, from
 * zero or from C, for thin C (at most 4 columns, read in place) and
 * wide (packed panels, K in chunks of 256); in the gradient form with at
 * most 4 rows or columns, eight partial sums, sum k over p = k mod 8 in
 * order (lanes past K adding 0 x 0), added as ((s0 + s4) + (s2 + s6)) +
 * ((s1 + s5) + (s3 + s7)), then to C. */
static double
chain_ref (int b_trans, int accumulate, double c, size_t K, const double *a,
           size_t lda, const double *B, size_t ldb, size_t j)
{
  double s = accumulate ? c : 0.0;
  for (size_t p = 0; p < K; p++)
    s = fma (a[p * lda], b_trans ? B[j + p * ldb] : B[p + j * ldb], s);
  return s;
}

static double
dot8_ref (int accumulate, double c, size_t K, const double *a,
          const double *b)
{
  double s[8] = { 0 };
  for (size_t p = 0; p < (K + 7) / 8 * 8; p++)
    s[p % 8] = p < K ? fma (a[p], b[p], s[p % 8]) : fma (0.0, 0.0, s[p % 8]);
  const double t = ((s[0] + s[4]) + (s[2] + s[6]))
                   + ((s[1] + s[5]) + (s[3] + s[7]));
  return accumulate ? c + t : t;
}

static void
check_sum_order (void)
{
  const size_t rows[] = { 1, 3, 7, 8, 31, 32, 33, 70 };
  const size_t cols[] = { 1, 2, 3, 4, 5, 13 };
  const size_t ks[] = { 1, 7, 8, 9, 64, 257, 600 };
  size_t differ = 0, values = 0;
  for (size_t im = 0; im < sizeof rows / sizeof *rows; im++)
    for (size_t in = 0; in < sizeof cols / sizeof *cols; in++)
      for (size_t ik = 0; ik < sizeof ks / sizeof *ks; ik++)
        for (int form = 0; form < 5; form++)
          {
            /* forms 0-3: b_trans x accumulate of A op(B); 4: C + A^T B */
            const size_t M = rows[im], N = cols[in], K = ks[ik];
            const int grad = form == 4;
            if (grad && M > 4 && N > 4)
              continue;
            const int b_trans = !grad && form % 2, accumulate = grad
                                                                || form >= 2;
            const size_t lda = (grad ? K : M) + 1, ldb = (b_trans ? N : K) + 2;
            const size_t ldc = M + 3;
            double *A = malloc (lda * (grad ? M : K) * sizeof (double));
            double *B = malloc (ldb * (b_trans ? K : N) * sizeof (double));
            double *C = malloc (ldc * N * sizeof (double));
            double *C0 = malloc (ldc * N * sizeof (double));
            fill (lda * (grad ? M : K), A, 0.2 + (double) form);
            fill (ldb * (b_trans ? K : N), B, 1.3);
            fill (ldc * N, C0, 2.9);
            memcpy (C, C0, ldc * N * sizeof (double));
            hlnn_gemm_kernel (grad, b_trans, accumulate, M, N, K, A, lda, B,
                              ldb, C, ldc);
            for (size_t j = 0; j < N; j++)
              for (size_t i = 0; i < M; i++)
                {
                  const double c0 = C0[i + j * ldc];
                  const double want
                    = grad ? dot8_ref (1, c0, K, A + i * lda, B + j * ldb)
                           : chain_ref (b_trans, accumulate, c0, K, A + i,
                                        lda, B, ldb, j);
                  differ += memcmp (&want, C + i + j * ldc, sizeof want) != 0;
                  values++;
                }
            free (A);
            free (B);
            free (C);
            free (C0);
          }
  hlnn_test (differ == 0,
             "kernel, %d lanes: every element summed in its documented "
             "order, bit for bit against scalar FMAs (%zu of %zu values "
             "differ; A op(B) from zero and onto C at 1 to 13 columns, "
             "C + A^T B with at most 4 rows or columns; K 1 to 600)",
             hlnn_gemm_kernel_lanes (), differ, values);
}

/* The 8-lane kernel and the 4-lane one sum each element in the same
 * order, so a model's results do not depend on which one the CPU has. */
static void
check_lanes_agree (void)
{
  const size_t shapes[][3] = { { 1, 7, 3 }, { 15, 200, 200 },
                               { 17, 500, 13 }, { 40, 300, 25 },
                               { 375, 200, 200 }, { 130, 64, 1 },
                               { 1, 256, 64 }, { 64, 259, 2 },
                               { 3, 100, 70 } };
  size_t differ = 0, values = 0;
  for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++)
    for (int form = 0; form < 3; form++)
      {
        const size_t M = shapes[s][0], K = shapes[s][1], N = shapes[s][2];
        const int a_trans = form == 2, b_trans = form == 0;
        double *A = malloc (M * K * sizeof (double));
        double *B = malloc (K * N * sizeof (double));
        double *C[2] = { malloc (M * N * sizeof (double)),
                         malloc (M * N * sizeof (double)) };
        fill (M * K, A, 0.9);
        fill (K * N, B, 0.1);
        for (int narrow = 0; narrow <= 1; narrow++)
          {
            for (size_t i = 0; i < M * N; i++)
              C[narrow][i] = 0.125 * (double) (i % 5);
            hlnn_gemm_set_kernel_lanes (narrow ? 4 : 0);
            hlnn_gemm_kernel (a_trans, b_trans, a_trans, M, N, K, A,
                              a_trans ? K : M, B, b_trans ? N : K, C[narrow],
                              M);
          }
        hlnn_gemm_set_kernel_lanes (0);
        for (size_t i = 0; i < M * N; i++)
          differ += memcmp (C[0] + i, C[1] + i, sizeof (double)) != 0;
        values += M * N;
        free (A);
        free (B);
        free (C[0]);
        free (C[1]);
      }
  hlnn_test (differ == 0, "kernel: 8 lanes and 4 lanes agree bit for bit "
             "(%zu of %zu values differ; 9 shapes to 375 x 200 x 200, K up "
             "to 500, thin ones among them, the three forms)", differ, values);
}

/* hlnn_gemm and hlnn_gemm_grad at sizes on both sides of each of their
 * size limits, against the bound */
static double
dispatch_worst (size_t *outside)
{
  const size_t shapes[][3] = { { 15, 200, 200 }, { 32, 500, 500 },
                               { 33, 500, 500 }, { 100, 64, 64 },
                               { 512, 64, 64 }, { 513, 64, 64 },
                               { 300, 200, 200 } };
  double worst = 0;
  for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++)
    for (int b_trans = 0; b_trans <= 1; b_trans++)
      worst = fmax (worst, one_product (0, 0, b_trans, 0.0, shapes[s][0],
                                        shapes[s][2], shapes[s][1],
                                        outside));
  /* C (w x w) += A^T B over K samples */
  const size_t gshapes[][2] = { { 64, 256 }, { 64, 513 }, { 200, 375 } };
  for (size_t s = 0; s < sizeof gshapes / sizeof *gshapes; s++)
    worst = fmax (worst, one_product (0, 1, 0, -0.5, gshapes[s][0],
                                      gshapes[s][0], gshapes[s][1],
                                      outside));
  return worst;
}

/* Each route within the bound; and, where the CPU can run the kernel,
 * the kernel's route reaches it, whatever this CPU's default
 * (HLNN_GEMM_AUTO) is. */
static void
check_dispatch (int have_kernel)
{
  const hlnn_gemm_route routes[] = { HLNN_GEMM_AUTO, HLNN_GEMM_KERNEL };
  const char *const name[] = { "default route", "kernel route" };
  for (size_t r = 0; r < 2; r++)
    {
      size_t outside = 0;
      hlnn_gemm_set_route (routes[r]);
      const double worst = dispatch_worst (&outside);
      hlnn_test (worst <= 1.0 && outside == 0,
                 "hlnn_gemm and hlnn_gemm_grad, %s (kernel %s): worst "
                 "error %.3g of the bound, %zu writes outside C", name[r],
                 hlnn_gemm_route_kernel () ? "in use" : "never", worst,
                 outside);
    }
  if (!have_kernel)
    {
      hlnn_gemm_set_route (HLNN_GEMM_AUTO);
      return;
    }
  /* at K = 500 the kernel's sums (in chunks of 256) and OpenBLAS's differ
   * in the last bits, so that equality with the kernel shows the route;
   * at 15 x 200 x 200 the two agree bit for bit */
  enum { M = 15, K = 500, N = 500 };
  static double A[M * K], B[K * N], C[M * N], D[M * N], E[M * N];
  fill (M * K, A, 0.2);
  fill (K * N, B, 1.4);
  hlnn_gemm (1, M, N, K, A, M, B, N, C, M);
  hlnn_gemm_kernel (0, 1, 0, M, N, K, A, M, B, N, D, M);
  cblas_dgemm (CblasColMajor, CblasNoTrans, CblasTrans, M, N, K, 1.0, A, M,
               B, N, 0.0, E, M);
  size_t differ = 0;
  for (size_t i = 0; i < (size_t) M * N; i++)
    differ += memcmp (D + i, E + i, sizeof *D) != 0;
  const int kernel_route = hlnn_gemm_route_kernel ();
  hlnn_gemm_set_route (HLNN_GEMM_BLAS);
  const int blas_route = hlnn_gemm_route_kernel ();
  hlnn_gemm_set_route (HLNN_GEMM_AUTO);
  const int avx512 = __builtin_cpu_supports ("avx512f")
                     && hlnn_blas_avx512_kernels ();
  /* (were the two to agree everywhere with some BLAS, the product's
   * check would prove nothing there; the message says so) */
  hlnn_test (memcmp (C, D, sizeof C) == 0 && kernel_route == 1
             && blas_route == 0 && hlnn_gemm_route_kernel () == !avx512,
             "kernel route: a 15 x 500 x 500 product is the kernel's, bit "
             "for bit (%zu of %d values differ between kernel and BLAS%s); "
             "routes say kernel %d, BLAS %d, default %d (OpenBLAS running "
             "AVX-512 kernels: %d)", differ, M * N,
             differ ? "" : ": this check is void here", kernel_route,
             blas_route, hlnn_gemm_route_kernel (), avx512);
}

/* Which of two products the default route gives the kernel, at each
 * kernel width and BLAS thread count: 5 x 500 x 200, within the 4-lane
 * kernel's limits, and 600 x 500 x 200, beyond them and beyond the
 * 8-lane kernel's serial limit (2^22 multiply-adds).  At K = 500 kernel
 * and BLAS differ in the last bits, so the result shows its source
 * (OpenBLAS's AVX-512 small-matrix path sums in the kernel's order:
 * where the two agree the message says so). */
static void
check_default_route (void)
{
  enum { R = 5, L = 600, KW = 500, W = 200 };
  static double F[L * KW], G[KW * W], H[L * W], I[L * W], J[L * W];
  fill (L * KW, F, 0.6);
  fill (KW * W, G, 1.9);
  const int avx512 = __builtin_cpu_supports ("avx512f")
                     && hlnn_blas_avx512_kernels ();
  const int threads0 = hlnn_blas_threads ();
  const int lanes[2] = { 0, 4 }, threads[2] = { 1, 2 };
  hlnn_gemm_set_route (HLNN_GEMM_AUTO);
  for (int il = 0; il < 2; il++)
    for (int it = 0; it < 2; it++)
      {
        hlnn_gemm_set_kernel_lanes (lanes[il]);
        const int wide = hlnn_gemm_kernel_lanes () == 8;
        const int nthreads = hlnn_blas_set_threads (threads[it]);
        int from_kernel[2], from_blas[2];
        const size_t rows[2] = { R, L };
        for (int s = 0; s < 2; s++)
          {
            const size_t m = rows[s];
            hlnn_gemm (0, m, W, KW, F, m, G, KW, H, m);
            hlnn_gemm_kernel (0, 0, 0, m, W, KW, F, m, G, KW, I, m);
            cblas_dgemm (CblasColMajor, CblasNoTrans, CblasNoTrans, (int) m,
                         W, KW, 1.0, F, (int) m, G, KW, 0.0, J, (int) m);
            from_kernel[s] = memcmp (H, I, m * W * sizeof (double)) == 0;
            from_blas[s] = memcmp (H, J, m * W * sizeof (double)) == 0;
          }
        const int want_few = !avx512;
        const int want_many = !avx512 && wide && nthreads == 1;
        hlnn_test ((want_few ? from_kernel[0] : from_blas[0])
                   && (want_many ? from_kernel[1] : from_blas[1]),
                   "default route, kernel on %d lanes, BLAS on %d "
                   "thread(s): 5 x 500 x 200 equals the %s's product%s, "
                   "600 x 500 x 200 the %s's%s (OpenBLAS running AVX-512 "
                   "kernels: %d)", hlnn_gemm_kernel_lanes (), nthreads,
                   want_few ? "kernel" : "BLAS",
                   from_kernel[0] && from_blas[0] ? " (and the other's)" : "",
                   want_many ? "kernel" : "BLAS",
                   from_kernel[1] && from_blas[1] ? " (and the other's)" : "",
                   avx512);
      }
  hlnn_gemm_set_kernel_lanes (0);
  hlnn_blas_set_threads (threads0);
}

/* on the BLAS's route, the BLAS's result to the bit */
static void
check_kernel_off (void)
{
  enum { M = 15, K = 200, N = 200 };
  static double A[M * K], B[K * N], C[M * N], D[M * N];
  fill (M * K, A, 0.7);
  fill (K * N, B, 1.7);
  size_t differ = 0;
  hlnn_gemm_set_route (HLNN_GEMM_BLAS);
  for (int b_trans = 0; b_trans <= 1; b_trans++)
    {
      hlnn_gemm (b_trans, M, N, K, A, M, B, b_trans ? N : K, C, M);
      cblas_dgemm (CblasColMajor, CblasNoTrans,
                   b_trans ? CblasTrans : CblasNoTrans, M, N, K, 1.0, A, M,
                   B, b_trans ? N : K, 0.0, D, M);
      differ += memcmp (C, D, sizeof C) != 0;
    }
  for (size_t i = 0; i < M * N; i++)
    C[i] = D[i] = 0.25;
  hlnn_gemm_grad (M, N, K, A, K, B, K, C, M);
  cblas_dgemm (CblasColMajor, CblasTrans, CblasNoTrans, M, N, K, 1.0, A, K,
               B, K, 1.0, D, M);
  differ += memcmp (C, D, sizeof C) != 0;
  hlnn_gemm_set_route (HLNN_GEMM_AUTO);
  hlnn_test (differ == 0, "BLAS route: hlnn_gemm and "
             "hlnn_gemm_grad return cblas_dgemm's result bit for bit "
             "(%zu of 3 products differ)", differ);
}

static void
check_k_zero (void)
{
  double C[3 * 2] = { 1, 2, 3, 4, 5, 6 };
  const double A[1] = { 7 }, B[1] = { 8 };
  hlnn_gemm_kernel (0, 0, 0, 3, 2, 0, A, 3, B, 1, C, 3);
  int zero = 1;
  for (size_t i = 0; i < 6; i++)
    zero &= C[i] == 0.0;
  double D[2] = { 1, 2 };
  hlnn_gemm_kernel (1, 0, 1, 1, 2, 0, A, 1, B, 1, D, 1);
  hlnn_test (zero && D[0] == 1 && D[1] == 2,
             "kernel: K = 0 gives C = 0, or leaves C if accumulating, as "
             "the BLAS with beta 0 or 1");
}

int
main (void)
{
  double probe = canary;
  if (!hlnn_gemm_kernel (0, 1, 0, 1, 1, 1, (double[]) { 1 }, 1,
                         (double[]) { 1 }, 1, &probe, 1))
    {
      hlnn_test (probe == canary, "kernel: this CPU lacks AVX2 or FMA, the "
                 "kernel declines and leaves C untouched; the BLAS is used");
      check_dispatch (0);
      check_kernel_off ();
      return hlnn_test_summary ();
    }
  const int lanes[2] = { 0, 4 };
  for (int w = 0; w < 2; w++)
    {
      hlnn_gemm_set_kernel_lanes (lanes[w]);
      if (w == 1 || hlnn_gemm_kernel_lanes () == 8)
        {
          check_shapes ();
          check_rows_independent ();
          check_sum_order ();
        }
    }
  hlnn_gemm_set_kernel_lanes (0);
  if (hlnn_gemm_kernel_lanes () == 8)
    check_lanes_agree ();
  check_dispatch (1);
  check_default_route ();
  check_kernel_off ();
  check_k_zero ();
  return hlnn_test_summary ();
}
