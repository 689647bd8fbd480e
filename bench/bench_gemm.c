/* bench_gemm.c -- where a layer's products are faster in gemm.c's own
 * kernel than in the BLAS, call by call (gemm.h's limits; bench_step
 * times whole training steps):
 * microseconds per call of each, for A of M rows and B a K x N weight
 * matrix used as in the forward pass (op(B) = B^T) and in the reverse
 * (op(B) = B), on the calling thread, the BLAS at its own thread count.
 * Also the weight gradient C += A^T B (C w x w, K the samples), and the
 * largest difference between the two, relative to sum_p |op(A)(i,p)
 * op(B)(p,j)|.
 *
 *   bench_gemm [seconds per case]     (default 0.2)
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_cblas.h>
#include "hlnn.h"
#include "gemm.h"
#include "bench_clock.h"

enum { OP_BT, OP_B, OP_GRAD };
static const char *const op_name[] = { "B^T", "B", "grad" };

/* fastest call of 'own' (1) or the BLAS (0) over 'seconds': C = A op(B)
 * for op 'B^T' and 'B', C += A^T B for 'grad' (A stored K x M) */
static double
time_calls (int own, int op, size_t M, size_t N, size_t K, const double *A,
            const double *B, double *C, double seconds)
{
  const int trans = op == OP_BT, grad = op == OP_GRAD;
  const size_t lda = grad ? K : M, ldb = trans ? N : K;
  double best = HUGE_VAL, spent = 0;
  size_t calls = 0;
  while (spent < seconds || calls < (seconds > 0 ? 5 : 1))
    {
      const double t0 = bench_now ();
      if (own)
        hlnn_gemm_kernel (grad, trans, grad, M, N, K, A, lda, B, ldb, C, M);
      else
        cblas_dgemm (CblasColMajor, grad ? CblasTrans : CblasNoTrans,
                     trans ? CblasTrans : CblasNoTrans, (int) M, (int) N,
                     (int) K, 1.0, A, (int) lda, B, (int) ldb,
                     grad ? 1.0 : 0.0, C, (int) M);
      const double dt = bench_now () - t0;
      best = fmin (best, dt);
      spent += dt;
      calls++;
    }
  return best;
}

/* One line of the table: op's product of M x K by K x N, BLAS and own,
 * and their largest difference relative to the sum of |products| */
static void
one_shape (int op, size_t M, size_t K, size_t N, double seconds)
{
  const int trans = op == OP_BT, grad = op == OP_GRAD;
  double *A = malloc (M * K * sizeof (double));
  double *B = malloc (K * N * sizeof (double));
  double *C0 = malloc (M * N * sizeof (double));
  double *C1 = malloc (M * N * sizeof (double));
  for (size_t i = 0; i < M * K; i++)
    A[i] = sin (0.37 * (double) i + 0.1);
  for (size_t i = 0; i < K * N; i++)
    B[i] = cos (0.91 * (double) i + 0.2) / sqrt ((double) K);
  const double tb = time_calls (0, op, M, N, K, A, B, C0, seconds);
  const double to = time_calls (1, op, M, N, K, A, B, C1, seconds);
  /* once more from C = 0 for the comparison (grad accumulates) */
  memset (C0, 0, M * N * sizeof (double));
  memset (C1, 0, M * N * sizeof (double));
  time_calls (0, op, M, N, K, A, B, C0, 0);
  time_calls (1, op, M, N, K, A, B, C1, 0);
  double dmax = 0;
  for (size_t i = 0; i < M; i++)
    for (size_t j = 0; j < N; j++)
      {
        double s = 0;
        for (size_t p = 0; p < K; p++)
          s += fabs ((grad ? A[p + i * K] : A[i + p * M])
                     * (trans ? B[j + p * N] : B[p + j * K]));
        dmax = fmax (dmax, fabs (C0[i + j * M] - C1[i + j * M]) / s);
      }
  printf ("%5zu %5zu %5zu  %-5s %10.2f %10.2f %7.2f %10.1e\n", M, K, N,
          op_name[op], 1e6 * tb, 1e6 * to, tb / to, dmax);
  free (A);
  free (B);
  free (C0);
  free (C1);
}

int
main (int argc, char **argv)
{
  const double seconds = argc > 1 ? atof (argv[1]) : 0.2;
  printf ("BLAS: %s, %d thread(s); kernel: %d lanes\n", hlnn_blas_name (),
          hlnn_blas_threads (), hlnn_gemm_kernel_lanes ());
  if (!hlnn_gemm_kernel (0, 1, 0, 1, 1, 1, (double[]) { 1 }, 1,
                         (double[]) { 1 }, 1, (double[]) { 0 }, 1))
    {
      printf ("this CPU lacks AVX2 or FMA: gemm.c's kernel is not used\n");
      return 0;
    }
  const size_t widths[] = { 64, 128, 200, 500 };
  const size_t rows[] = { 1, 8, 15, 32, 64, 128, 256, 512, 1024 };
  printf ("%5s %5s %5s  %-5s %10s %10s %7s %10s\n", "M", "K", "N", "op",
          "BLAS us", "own us", "ratio", "max diff");
  for (size_t iw = 0; iw < sizeof widths / sizeof *widths; iw++)
    for (size_t im = 0; im < sizeof rows / sizeof *rows; im++)
      for (int op = OP_BT; op <= OP_GRAD; op++)
        {
          /* the gradient's C is the weight matrix, its K the samples */
          const int grad = op == OP_GRAD;
          one_shape (op, grad ? widths[iw] : rows[im],
                     grad ? rows[im] : widths[iw], widths[iw], seconds);
        }
  /* a net's thin layers, two inputs or one or two outputs: the value
   * (B^T, N = 1 or 2 outputs), the input gradient (B, N = 2 inputs), and
   * the weight gradients of the last layer (M = 1 or 2) and of the first
   * (N = 2) */
  printf ("thin layers\n");
  const size_t samples[] = { 15, 128, 256, 750 };
  for (size_t iw = 0; iw < 3; iw++)
    for (size_t is = 0; is < sizeof samples / sizeof *samples; is++)
      {
        const size_t w = widths[iw], n = samples[is];
        one_shape (OP_BT, n, w, 1, seconds);
        one_shape (OP_BT, n, w, 2, seconds);
        one_shape (OP_B, n, w, 2, seconds);
        one_shape (OP_GRAD, 1, n, w, seconds);
        one_shape (OP_GRAD, 2, n, w, seconds);
        one_shape (OP_GRAD, w, n, 2, seconds);
      }
  return 0;
}
