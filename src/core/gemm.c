/* gemm.c -- a layer's products: a kernel of its own for small ones, the
 * BLAS for the rest.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * The forward and reverse products C = A op(B) have a sample per row of
 * A and C and a weight matrix as B.  With few rows (a rollout's 15
 * states, a thread's share of a small batch) OpenBLAS's copies of both
 * operands into packed panels and its zeroing of C are a large part of
 * each call, which took 1.45 to 2.5 times as long as this kernel at 8
 * to 15 rows on an AMD Zen 3 (bench/bench_gemm).  OpenBLAS's kernels
 * for AVX-512 CPUs have small-matrix paths that do not pack; where it
 * runs them the BLAS is used throughout (gemm.h).  Here B is read where
 * it lies: eight rows of op(A) are copied into a panel (zero beyond the
 * last row), and each panel meets six columns of op(B) at a time, twelve
 * four-lane FMA accumulators for an 8 x 6 block of C.  The weight gradient C += A^T B
 * is the same loop with A's columns copied into the panel.  Every element
 * of C is its sum over p in order of p, one FMA each, whatever the row's
 * place in its panel: within the kernel a sample's result does not
 * depend on the batch around it.  Where the choice of kernel or BLAS
 * differs between a batch and its rows alone, the last bits may differ
 * when K > 256 (with OpenBLAS 0.3.21 the two agree bit for bit below). */
#include <string.h>
#include <gsl/gsl_cblas.h>
#include "blas_info.h"
#include "gemm.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

enum { MR = 8, NR = 6, KC = 256 };

#define KERNEL \
  static inline __attribute__ ((always_inline, target ("avx2,fma")))

/* C(0:mr, 0:NC) (+)= panel x op(B)(p0:p0+kc, 0:NC); op(B)(p, j) is
 * b[j bsc + p bsp].  'first' starts from zero, else from C (K is taken
 * in chunks of KC); rows past mr are masked off C. */
KERNEL void
block (size_t NC, size_t kc, const double *panel, const double *b,
       size_t bsc, size_t bsp, int first, size_t mr, double *c, size_t ldc)
{
  const long long rows = (long long) mr;
  const __m256i lane = _mm256_setr_epi64x (0, 1, 2, 3);
  const __m256i in_lo = _mm256_cmpgt_epi64 (_mm256_set1_epi64x (rows), lane);
  const __m256i in_hi
    = _mm256_cmpgt_epi64 (_mm256_set1_epi64x (rows - 4), lane);
  __m256d lo[NR], hi[NR];
  for (size_t j = 0; j < NC; j++)
    {
      if (first)
        lo[j] = hi[j] = _mm256_setzero_pd ();
      else if (mr == MR)
        {
          lo[j] = _mm256_loadu_pd (c + j * ldc);
          hi[j] = _mm256_loadu_pd (c + j * ldc + 4);
        }
      else
        {
          lo[j] = _mm256_maskload_pd (c + j * ldc, in_lo);
          hi[j] = mr > 4 ? _mm256_maskload_pd (c + j * ldc + 4, in_hi)
                         : _mm256_setzero_pd ();
        }
    }
  for (size_t p = 0; p < kc; p++, panel += MR, b += bsp)
    {
      const __m256d a0 = _mm256_load_pd (panel);
      const __m256d a1 = _mm256_load_pd (panel + 4);
      for (size_t j = 0; j < NC; j++)
        {
          const __m256d bj = _mm256_broadcast_sd (b + j * bsc);
          lo[j] = _mm256_fmadd_pd (a0, bj, lo[j]);
          hi[j] = _mm256_fmadd_pd (a1, bj, hi[j]);
        }
    }
  for (size_t j = 0; j < NC; j++)
    {
      if (mr == MR)
        {
          _mm256_storeu_pd (c + j * ldc, lo[j]);
          _mm256_storeu_pd (c + j * ldc + 4, hi[j]);
        }
      else
        {
          /* with mr <= 4 the upper half's address may lie past C */
          _mm256_maskstore_pd (c + j * ldc, in_lo, lo[j]);
          if (mr > 4)
            _mm256_maskstore_pd (c + j * ldc + 4, in_hi, hi[j]);
        }
    }
}

/* NC a constant in each call, so that the accumulators stay in registers */
__attribute__ ((target ("avx2,fma"))) static void
block_cols (size_t nc, size_t kc, const double *panel, const double *b,
            size_t bsc, size_t bsp, int first, size_t mr, double *c,
            size_t ldc)
{
  switch (nc)
    {
    case 6: block (6, kc, panel, b, bsc, bsp, first, mr, c, ldc); break;
    case 5: block (5, kc, panel, b, bsc, bsp, first, mr, c, ldc); break;
    case 4: block (4, kc, panel, b, bsc, bsp, first, mr, c, ldc); break;
    case 3: block (3, kc, panel, b, bsc, bsp, first, mr, c, ldc); break;
    case 2: block (2, kc, panel, b, bsc, bsp, first, mr, c, ldc); break;
    default: block (1, kc, panel, b, bsc, bsp, first, mr, c, ldc); break;
    }
}

/* panel(p, r) = op(A)(r, p) for the panel's mr rows, 0 below them */
KERNEL void
pack (int a_trans, size_t mr, size_t kc, const double *a, size_t lda,
      double *panel)
{
  if (a_trans)
    for (size_t r = 0; r < MR; r++)
      for (size_t p = 0; p < kc; p++)
        panel[p * MR + r] = r < mr ? a[p + r * lda] : 0.0;
  else if (mr == MR)
    for (size_t p = 0; p < kc; p++)
      {
        _mm256_store_pd (panel + p * MR, _mm256_loadu_pd (a + p * lda));
        _mm256_store_pd (panel + p * MR + 4,
                         _mm256_loadu_pd (a + p * lda + 4));
      }
  else
    for (size_t p = 0; p < kc; p++)
      for (size_t r = 0; r < MR; r++)
        panel[p * MR + r] = r < mr ? a[p * lda + r] : 0.0;
}

__attribute__ ((target ("avx2,fma"))) static void
gemm_panels (int a_trans, int b_trans, int accumulate, size_t M, size_t N,
             size_t K, const double *A, size_t lda, const double *B,
             size_t ldb, double *C, size_t ldc)
{
  const size_t bsc = b_trans ? 1 : ldb, bsp = b_trans ? ldb : 1;
  double panel[KC * MR] __attribute__ ((aligned (32)));
  for (size_t i0 = 0; i0 < M; i0 += MR)
    {
      const size_t mr = M - i0 < MR ? M - i0 : MR;
      for (size_t p0 = 0; p0 < K; p0 += KC)
        {
          const size_t kc = K - p0 < KC ? K - p0 : KC;
          pack (a_trans, mr, kc, a_trans ? A + p0 + i0 * lda
                                     : A + i0 + p0 * lda, lda, panel);
          for (size_t j0 = 0; j0 < N; j0 += NR)
            block_cols (N - j0 < NR ? N - j0 : NR, kc, panel,
                        B + j0 * bsc + p0 * bsp, bsc, bsp,
                        p0 == 0 && !accumulate, mr, C + i0 + j0 * ldc, ldc);
        }
    }
}
#endif

int
hlnn_gemm_kernel (int a_trans, int b_trans, int accumulate, size_t M,
                  size_t N, size_t K, const double *A, size_t lda,
                  const double *B, size_t ldb, double *C, size_t ldc)
{
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma"))
    {
      if (K > 0)
        gemm_panels (a_trans, b_trans, accumulate, M, N, K, A, lda, B, ldb,
                     C, ldc);
      else if (!accumulate)
        for (size_t j = 0; j < N; j++)
          memset (C + j * ldc, 0, M * sizeof (double));
      return 1;
    }
#else
  (void) a_trans; (void) b_trans; (void) accumulate; (void) M; (void) N;
  (void) K; (void) A; (void) lda; (void) B; (void) ldb; (void) C;
  (void) ldc;
#endif
  return 0;
}

static hlnn_gemm_route gemm_route = HLNN_GEMM_AUTO;

void
hlnn_gemm_set_route (hlnn_gemm_route route)
{
  gemm_route = route;
}

int
hlnn_gemm_route_kernel (void)
{
  switch (gemm_route)
    {
    case HLNN_GEMM_BLAS:
      return 0;
    case HLNN_GEMM_KERNEL:
      return 1;
    default:
      {
        /* asked once: dlsym on every product would cost more than a small
         * one; computing it twice in a race is harmless */
        static int blas_avx512 = -1;
        int known = __atomic_load_n (&blas_avx512, __ATOMIC_RELAXED);
        if (known < 0)
          {
#if defined(__x86_64__) && defined(__GNUC__)
            known = __builtin_cpu_supports ("avx512f")
                    && hlnn_blas_avx512_kernels ();
#else
            known = 0;
#endif
            __atomic_store_n (&blas_avx512, known, __ATOMIC_RELAXED);
          }
        return !known;
      }
    }
}

void
hlnn_gemm (int b_trans, size_t M, size_t N, size_t K, const double *A,
           size_t lda, const double *B, size_t ldb, double *C, size_t ldc)
{
  if (M == 0 || N == 0)
    return;
  if (((M <= HLNN_GEMM_ROWS && K * N <= HLNN_GEMM_ROWS_BSIZE)
          || (K * N <= HLNN_GEMM_BSIZE && M <= HLNN_GEMM_SAMPLES))
      && hlnn_gemm_route_kernel ()
      && hlnn_gemm_kernel (0, b_trans, 0, M, N, K, A, lda, B, ldb, C, ldc))
    return;
  cblas_dgemm (CblasColMajor, CblasNoTrans,
               b_trans ? CblasTrans : CblasNoTrans, (int) M, (int) N,
               (int) K, 1.0, A, (int) lda, B, (int) ldb, 0.0, C, (int) ldc);
}

void
hlnn_gemm_grad (size_t M, size_t N, size_t K, const double *A, size_t lda,
                const double *B, size_t ldb, double *C, size_t ldc)
{
  if (M == 0 || N == 0 || K == 0)
    return;
  if (M * N <= HLNN_GEMM_BSIZE && K <= HLNN_GEMM_SAMPLES
      && hlnn_gemm_route_kernel ()
      && hlnn_gemm_kernel (1, 0, 1, M, N, K, A, lda, B, ldb, C, ldc))
    return;
  cblas_dgemm (CblasColMajor, CblasTrans, CblasNoTrans, (int) M, (int) N,
               (int) K, 1.0, A, (int) lda, B, (int) ldb, 1.0, C, (int) ldc);
}
