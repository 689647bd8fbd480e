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
 * to 15 rows on an AMD Zen 3 (bench/bench_gemm).  On CPUs with AVX-512
 * the kernel runs on eight lanes and computes nearly every product,
 * unless OpenBLAS runs its own AVX-512 kernels (gemm.h has the
 * measurements).  Here B is read where it lies: eight rows of op(A)
 * (sixteen on eight lanes) are copied into a panel (zero beyond the last
 * row), and each panel meets six columns of op(B) at a time (twelve):
 * twelve four-lane FMA accumulators for an 8 x 6 block of C (24
 * eight-lane ones for 16 x 12).  The weight gradient C += A^T B is the
 * same loop with A's columns copied into the panel.  A net's thin
 * layers (two inputs, one output) give products with at most four
 * columns of C, or a gradient with at most four rows or columns: those
 * read their operands in place (gemm_thin_lanes.h).  In C = A op(B)
 * every element of C is its sum over p in order of p, one FMA each,
 * whatever the row's place in its panel: within the kernel a sample's
 * result does not depend on the batch around it.  A thin gradient's
 * elements are dot products over the samples in eight partial sums.
 * Where the choice of kernel or BLAS differs between a batch and its
 * rows alone, the last bits may differ when K > 256 (with OpenBLAS
 * 0.3.21 the two agree bit for bit below). */
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

/* NC a constant in each call, so that the accumulators stay in
 * registers: the column dispatch of both widths' blocks, nc's case in a
 * switch over nc */
#define BLOCK_COLS_CASE(block_fn, n) \
  case n: \
    block_fn (n, kc, panel, b, bsc, bsp, first, mr, c, ldc); \
    break;

__attribute__ ((target ("avx2,fma"))) static void
block_cols (size_t nc, size_t kc, const double *panel, const double *b,
            size_t bsc, size_t bsp, int first, size_t mr, double *c,
            size_t ldc)
{
  switch (nc)
    {
      BLOCK_COLS_CASE (block, 6) BLOCK_COLS_CASE (block, 5)
      BLOCK_COLS_CASE (block, 4) BLOCK_COLS_CASE (block, 3)
      BLOCK_COLS_CASE (block, 2)
    default: block (1, kc, panel, b, bsc, bsp, first, mr, c, ldc); break;
    }
}

/* The same blocks in AVX-512: sixteen rows a panel (two eight-lane
 * registers), twelve columns of op(B) at a time, 24 accumulators of the
 * 32 registers.  Each element of C is the same chain of FMAs as in the
 * four-lane kernel, so the two agree bit for bit; rows past mr are masked,
 * and AVX-512's masked loads and stores do not touch memory past C. */
enum { MR_WIDE = 16, NR_WIDE = 12 };

#define KERNEL16 \
  static inline __attribute__ ((always_inline, \
                                target ("avx512f,avx2,fma")))

KERNEL16 void
block16 (size_t NC, size_t kc, const double *panel, const double *b,
         size_t bsc, size_t bsp, int first, size_t mr, double *c,
         size_t ldc)
{
  const __mmask8 in_lo = mr >= 8 ? 0xff : (__mmask8) ((1u << mr) - 1);
  const __mmask8 in_hi = mr >= 16 ? 0xff
                         : mr > 8 ? (__mmask8) ((1u << (mr - 8)) - 1) : 0;
  __m512d lo[NR_WIDE], hi[NR_WIDE];
  for (size_t j = 0; j < NC; j++)
    if (first)
      lo[j] = hi[j] = _mm512_setzero_pd ();
    else
      {
        lo[j] = _mm512_maskz_loadu_pd (in_lo, c + j * ldc);
        hi[j] = _mm512_maskz_loadu_pd (in_hi, c + j * ldc + 8);
      }
  for (size_t p = 0; p < kc; p++, panel += MR_WIDE, b += bsp)
    {
      const __m512d a0 = _mm512_load_pd (panel);
      const __m512d a1 = _mm512_load_pd (panel + 8);
      for (size_t j = 0; j < NC; j++)
        {
          const __m512d bj = _mm512_set1_pd (b[j * bsc]);
          lo[j] = _mm512_fmadd_pd (a0, bj, lo[j]);
          hi[j] = _mm512_fmadd_pd (a1, bj, hi[j]);
        }
    }
  for (size_t j = 0; j < NC; j++)
    {
      _mm512_mask_storeu_pd (c + j * ldc, in_lo, lo[j]);
      _mm512_mask_storeu_pd (c + j * ldc + 8, in_hi, hi[j]);
    }
}

__attribute__ ((target ("avx512f,avx2,fma"))) static void
block16_cols (size_t nc, size_t kc, const double *panel, const double *b,
              size_t bsc, size_t bsp, int first, size_t mr, double *c,
              size_t ldc)
{
  switch (nc)
    {
      BLOCK_COLS_CASE (block16, 12) BLOCK_COLS_CASE (block16, 11)
      BLOCK_COLS_CASE (block16, 10) BLOCK_COLS_CASE (block16, 9)
      BLOCK_COLS_CASE (block16, 8) BLOCK_COLS_CASE (block16, 7)
      BLOCK_COLS_CASE (block16, 6) BLOCK_COLS_CASE (block16, 5)
      BLOCK_COLS_CASE (block16, 4) BLOCK_COLS_CASE (block16, 3)
      BLOCK_COLS_CASE (block16, 2)
    default: block16 (1, kc, panel, b, bsc, bsp, first, mr, c, ldc); break;
    }
}

#undef BLOCK_COLS_CASE

/* panel(p, r) = op(A)(r, p) for the panel's mr rows of width 'rows', 0
 * below them */
KERNEL void
pack (size_t rows, int a_trans, size_t mr, size_t kc, const double *a,
      size_t lda, double *panel)
{
  if (a_trans)
    for (size_t r = 0; r < rows; r++)
      for (size_t p = 0; p < kc; p++)
        panel[p * rows + r] = r < mr ? a[p + r * lda] : 0.0;
  else if (mr == rows)
    for (size_t p = 0; p < kc; p++)
      for (size_t r = 0; r < rows; r += 4)
        _mm256_store_pd (panel + p * rows + r,
                         _mm256_loadu_pd (a + p * lda + r));
  else
    for (size_t p = 0; p < kc; p++)
      for (size_t r = 0; r < rows; r++)
        panel[p * rows + r] = r < mr ? a[p * lda + r] : 0.0;
}

/* One loop for both widths: 'wide' takes panels of 16 rows to block16,
 * else panels of 8 to block; each caller below compiles it for its ISA. */
KERNEL void
panels (int wide, int a_trans, int b_trans, int accumulate, size_t M,
        size_t N, size_t K, const double *A, size_t lda, const double *B,
        size_t ldb, double *C, size_t ldc, double *panel)
{
  const size_t rows = wide ? MR_WIDE : MR, cols = wide ? NR_WIDE : NR;
  const size_t bsc = b_trans ? 1 : ldb, bsp = b_trans ? ldb : 1;
  for (size_t i0 = 0; i0 < M; i0 += rows)
    {
      const size_t mr = M - i0 < rows ? M - i0 : rows;
      for (size_t p0 = 0; p0 < K; p0 += KC)
        {
          const size_t kc = K - p0 < KC ? K - p0 : KC;
          pack (rows, a_trans, mr, kc,
                a_trans ? A + p0 + i0 * lda : A + i0 + p0 * lda, lda, panel);
          for (size_t j0 = 0; j0 < N; j0 += cols)
            (wide ? block16_cols : block_cols) (
              N - j0 < cols ? N - j0 : cols, kc, panel,
              B + j0 * bsc + p0 * bsp, bsc, bsp, p0 == 0 && !accumulate, mr,
              C + i0 + j0 * ldc, ldc);
        }
    }
}

/* The products with a thin operand (gemm_thin_lanes.h), at both widths:
 * up to THIN_MAX columns of C, or rows or columns in the gradient form
 * (its switches spell out the cases 1 to 4) */
enum { THIN_MAX = 4 };

#define LANES 4
#define VD __m256d
#define VMASK __m256i
#define VZERO() _mm256_setzero_pd ()
#define VSET1(x) _mm256_set1_pd (x)
#define VLOADU(p) _mm256_loadu_pd (p)
#define VSTOREU(p, v) _mm256_storeu_pd (p, v)
#define VFMADD(a, b, c) _mm256_fmadd_pd (a, b, c)
#define VMASK_FIRST(n) \
  _mm256_cmpgt_epi64 (_mm256_set1_epi64x ((long long) (n)), \
                      _mm256_setr_epi64x (0, 1, 2, 3))
#define VMLOAD(m, p) _mm256_maskload_pd (p, m)
#define VMSTORE(p, m, v) _mm256_maskstore_pd (p, m, v)
#define THIN_TARGET "avx2,fma"
#define THIN_RV 2
#define THIN_DOTS 4
#define FN(name) name##4
#include "gemm_thin_lanes.h"

#define LANES 8
#define VD __m512d
#define VMASK __mmask8
#define VZERO() _mm512_setzero_pd ()
#define VSET1(x) _mm512_set1_pd (x)
#define VLOADU(p) _mm512_loadu_pd (p)
#define VSTOREU(p, v) _mm512_storeu_pd (p, v)
#define VFMADD(a, b, c) _mm512_fmadd_pd (a, b, c)
#define VMASK_FIRST(n) \
  ((n) >= 8 ? (__mmask8) 0xff : (__mmask8) ((1u << (n)) - 1))
#define VMLOAD(m, p) _mm512_maskz_loadu_pd (m, p)
#define VMSTORE(p, m, v) _mm512_mask_storeu_pd (p, m, v)
#define THIN_TARGET "avx512f,avx2,fma"
#define THIN_RV 4
#define THIN_DOTS 8
#define FN(name) name##8
#include "gemm_thin_lanes.h"

/* a product's route within the kernel, the same at both widths */
static int
thin_cols_fit (int a_trans, size_t N)
{
  return !a_trans && N <= THIN_MAX;
}

static int
thin_dot_fit (int a_trans, int b_trans, size_t M, size_t N)
{
  return a_trans && !b_trans && (M <= THIN_MAX || N <= THIN_MAX);
}

__attribute__ ((target ("avx2,fma"))) static void
gemm4 (int a_trans, int b_trans, int accumulate, size_t M, size_t N,
       size_t K, const double *A, size_t lda, const double *B, size_t ldb,
       double *C, size_t ldc)
{
  if (thin_cols_fit (a_trans, N))
    thin_cols4 (b_trans, accumulate, M, N, K, A, lda, B, ldb, C, ldc);
  else if (thin_dot_fit (a_trans, b_trans, M, N))
    thin_dot4 (accumulate, M, N, K, A, lda, B, ldb, C, ldc);
  else
    {
      double panel[KC * MR] __attribute__ ((aligned (32)));
      panels (0, a_trans, b_trans, accumulate, M, N, K, A, lda, B, ldb, C,
              ldc, panel);
    }
}

__attribute__ ((target ("avx512f,avx2,fma"))) static void
gemm8 (int a_trans, int b_trans, int accumulate, size_t M, size_t N,
       size_t K, const double *A, size_t lda, const double *B, size_t ldb,
       double *C, size_t ldc)
{
  if (thin_cols_fit (a_trans, N))
    thin_cols8 (b_trans, accumulate, M, N, K, A, lda, B, ldb, C, ldc);
  else if (thin_dot_fit (a_trans, b_trans, M, N))
    thin_dot8 (accumulate, M, N, K, A, lda, B, ldb, C, ldc);
  else
    {
      double panel[KC * MR_WIDE] __attribute__ ((aligned (64)));
      panels (1, a_trans, b_trans, accumulate, M, N, K, A, lda, B, ldb, C,
              ldc, panel);
    }
}
#endif

static int kernel_lanes_asked;

void
hlnn_gemm_set_kernel_lanes (int lanes)
{
  kernel_lanes_asked = lanes;
}

int
hlnn_gemm_kernel_lanes (void)
{
#if defined(__x86_64__) && defined(__GNUC__)
  if (!__builtin_cpu_supports ("avx2") || !__builtin_cpu_supports ("fma"))
    return 0;
  return kernel_lanes_asked != 4 && __builtin_cpu_supports ("avx512f") ? 8
                                                                       : 4;
#else
  return 0;
#endif
}

int
hlnn_gemm_kernel (int a_trans, int b_trans, int accumulate, size_t M,
                  size_t N, size_t K, const double *A, size_t lda,
                  const double *B, size_t ldb, double *C, size_t ldc)
{
#if defined(__x86_64__) && defined(__GNUC__)
  const int lanes = hlnn_gemm_kernel_lanes ();
  if (lanes)
    {
      if (K > 0)
        (lanes == 8 ? gemm8 : gemm4) (
          a_trans, b_trans, accumulate, M, N, K, A, lda, B, ldb, C, ldc);
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

/* 1 if OpenBLAS runs its AVX-512 kernels on an AVX-512 CPU; asked once:
 * dlsym on every product would cost more than a small one, and computing
 * it twice in a race is harmless */
static int
blas_avx512 (void)
{
  static int known = -1;
  int k = __atomic_load_n (&known, __ATOMIC_RELAXED);
  if (k < 0)
    {
#if defined(__x86_64__) && defined(__GNUC__)
      k = __builtin_cpu_supports ("avx512f") && hlnn_blas_avx512_kernels ();
#else
      k = 0;
#endif
      __atomic_store_n (&known, k, __ATOMIC_RELAXED);
    }
  return k;
}

/* Which products the kernel computes: KERNEL_NONE; KERNEL_LIMITS, those
 * within gemm.h's size limits; KERNEL_WIDE, every product, but where the
 * BLAS runs on several threads those of more than WIDE_SERIAL_MAX
 * multiply-adds, which its threads may share (the kernel runs on the
 * calling thread alone: on the 2-core Zen 5 it beat OpenBLAS's AVX2
 * kernels on 2 threads too, at 82-107 against 74-78 GFLOP/s, but a
 * machine of many cores would not see that); KERNEL_ALL, every product. */
enum { KERNEL_NONE, KERNEL_LIMITS, KERNEL_WIDE, KERNEL_ALL };
#define WIDE_SERIAL_MAX ((size_t) 1 << 22)

static int
kernel_scope (void)
{
  const int lanes = hlnn_gemm_kernel_lanes ();
  switch (gemm_route)
    {
    case HLNN_GEMM_BLAS:
      return KERNEL_NONE;
    case HLNN_GEMM_KERNEL:
      return lanes == 8 ? KERNEL_ALL : KERNEL_LIMITS;
    default:
      if (blas_avx512 ())
        return KERNEL_NONE;
      return lanes == 8 ? KERNEL_WIDE : KERNEL_LIMITS;
    }
}

/* whether the kernel computes an M x N product over K */
static int
kernel_takes (int scope, size_t M, size_t N, size_t K, int limits)
{
  switch (scope)
    {
    case KERNEL_ALL:
      return 1;
    case KERNEL_WIDE:
      return M * N * K <= WIDE_SERIAL_MAX || hlnn_blas_threads () == 1;
    case KERNEL_LIMITS:
      return limits;
    default:
      return 0;
    }
}

int
hlnn_gemm_route_kernel (void)
{
  return kernel_scope () != KERNEL_NONE;
}

void
hlnn_gemm (int b_trans, size_t M, size_t N, size_t K, const double *A,
           size_t lda, const double *B, size_t ldb, double *C, size_t ldc)
{
  if (M == 0 || N == 0)
    return;
  if (kernel_takes (kernel_scope (), M, N, K,
                    (M <= HLNN_GEMM_ROWS && K * N <= HLNN_GEMM_ROWS_BSIZE)
                    || (K * N <= HLNN_GEMM_BSIZE
                        && M <= HLNN_GEMM_SAMPLES))
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
  if (kernel_takes (kernel_scope (), M, N, K,
                    M * N <= HLNN_GEMM_BSIZE && K <= HLNN_GEMM_SAMPLES)
      && hlnn_gemm_kernel (1, 0, 1, M, N, K, A, lda, B, ldb, C, ldc))
    return;
  cblas_dgemm (CblasColMajor, CblasTrans, CblasNoTrans, (int) M, (int) N,
               (int) K, 1.0, A, (int) lda, B, (int) ldb, 1.0, C, (int) ldc);
}
