/* gemm.h -- the products of a layer: C = A op(B), rows are samples.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#ifndef HLNN_GEMM_H
#define HLNN_GEMM_H

#include <stddef.h>

/* Where the CPU has AVX2 and FMA but not AVX-512F, gemm.c's own kernel,
 * on 4 lanes, computes
 *   - hlnn_gemm's products of at most HLNN_GEMM_ROWS rows, with weights of
 *     at most HLNN_GEMM_ROWS_BSIZE elements (500 x 500 was measured);
 *   - hlnn_gemm's products with at most HLNN_GEMM_SAMPLES rows and
 *     weights of at most HLNN_GEMM_BSIZE elements (64 x 64, or a thin
 *     first or last layer), and hlnn_gemm_grad's likewise, its K the
 *     samples;
 * the BLAS the others.  bench/bench_gemm times single calls of both: on
 * an AMD Zen 3 (OpenBLAS's Zen kernels), in the forward and reverse forms
 * the kernel won at 8 to 32 rows at every width measured (except 0.97 at
 * 32 x 500 x 500, op(B) = B^T), and up to 1024 rows at width 64; in the
 * gradient form at width 64 from 15 samples on.
 * bench/bench_step times whole training steps on two threads, BLAS
 * alone against kernel: on that Zen 3 HNN 2-64-64-1 at N = 256 1.09, at
 * N = 1000 1.12, MLP 2-64-64-2 at N = 256 1.12.  Built with wider limits
 * it showed where steps lose: 2-128-128-1 at N = 1e4 took 75 ms a step
 * with the kernel for every 128 x 128 product and 52 ms with the BLAS
 * alone; at N = 1000, with 1024 rows for the thin layers, 0.90-0.98
 * (1.00 at 512).
 * On an AMD Zen 4, with AVX-512, OpenBLAS 0.3.21 runs its Cooper Lake
 * kernels, which have small-matrix paths that do not pack: there the
 * 4-lane kernel lost, HNN 2-64-64-1 at N = 256 0.86, MLP 0.90, and in
 * single calls at 1 to 15 rows of 200 x 200 weights 0.26-0.98.
 * Where the CPU has AVX-512F the kernel runs on 8 lanes and computes
 * every product (HLNN_GEMM_AUTO), but those of more than 2^22
 * multiply-adds when the BLAS runs on several threads (gemm.c), and none
 * where OpenBLAS runs its AVX-512 kernels.  On an AMD Zen 5 (family 26),
 * whose FMA units are 512 bits wide, OpenBLAS 0.3.21 does not know the
 * CPU and runs its AVX2 (Haswell) kernels.  There, one thread each
 * (bench_gemm), the 8-lane kernel took 0.30 to 0.75 of the BLAS's time
 * at 15 to 1024 rows of 64 x 64 to 500 x 500 weights in the three forms,
 * 0.53 to 0.96 at 8 rows, 0.71 to 1.63 at one; whole steps (bench_step,
 * 2 parts) 0.61 to 0.78.  With OpenBLAS made to run its AVX-512 kernels
 * on that CPU (OPENBLAS_CORETYPE=SkylakeX) the kernel took 0.31 to 1.12
 * of its time at 15 to 1024 rows, but up to 1.82 at 8 rows and 1.24 to
 * 6.8 at one; whole steps 0.92 to 0.97.  On a Zen 4, whose AVX-512 runs
 * on 256-bit units, only the 4-lane kernel was measured, and it lost to
 * OpenBLAS's AVX-512 kernels (above): where OpenBLAS runs them, it
 * computes every product, as measured there. */
#define HLNN_GEMM_ROWS 32
#define HLNN_GEMM_ROWS_BSIZE (512 * 512)
#define HLNN_GEMM_BSIZE (64 * 64)
#define HLNN_GEMM_SAMPLES 512

/* C (M x N) = A (M x K) op(B), column-major, C overwritten: op(B) = B^T
 * with B stored N x K if b_trans, else B stored K x N.  A layer's
 * forward (b_trans) and reverse products, a sample per row. */
void hlnn_gemm (int b_trans, size_t M, size_t N, size_t K, const double *A,
                size_t lda, const double *B, size_t ldb, double *C,
                size_t ldc);

/* C (M x N) += A^T B, A stored K x M, B stored K x N: a weight gradient,
 * summed over K samples. */
void hlnn_gemm_grad (size_t M, size_t N, size_t K, const double *A,
                     size_t lda, const double *B, size_t ldb, double *C,
                     size_t ldc);

/* C = op(A) op(B), or C += op(A) op(B) if accumulate, by gemm.c's kernel
 * whatever the sizes (op(A) = A^T with A stored K x M if a_trans): 1, or
 * 0 (C untouched) where the CPU lacks AVX2 or FMA or the build is not
 * for x86-64 with GCC's extensions. */
int hlnn_gemm_kernel (int a_trans, int b_trans, int accumulate, size_t M,
                      size_t N, size_t K, const double *A, size_t lda,
                      const double *B, size_t ldb, double *C, size_t ldc);

/* The kernel's lanes: 8 (AVX-512F) where the CPU has them, else 4 (AVX2
 * and FMA), 0 where it cannot run.  Both widths compute each element of
 * C by the same chain of FMAs, so their results agree bit for bit.
 * hlnn_gemm_set_kernel_lanes (4) keeps the kernel to 4 lanes (test_gemm
 * compares the two), any other value restores the widest; process-wide,
 * as the route below. */
int hlnn_gemm_kernel_lanes (void);
void hlnn_gemm_set_kernel_lanes (int lanes);

/* Who computes hlnn_gemm's and hlnn_gemm_grad's products:
 *   HLNN_GEMM_BLAS:   the BLAS, whatever the sizes (for benchmarks, and
 *                     for results the BLAS's to the bit);
 *   HLNN_GEMM_KERNEL: the kernel, on any CPU with AVX2 and FMA
 *                     (bench/bench_step): on 8 lanes for every product, on
 *                     4 lanes within the size limits above;
 *   HLNN_GEMM_AUTO:   the default: the BLAS throughout where OpenBLAS runs
 *                     its AVX-512 kernels; else on 8 lanes every product
 *                     but the large ones on a BLAS of several threads, on
 *                     4 lanes as HLNN_GEMM_KERNEL.
 * Process-wide: set it before a computation starts, never during one. */
typedef enum {
  HLNN_GEMM_BLAS = 0,
  HLNN_GEMM_KERNEL = 1,
  HLNN_GEMM_AUTO = 2
} hlnn_gemm_route;

void hlnn_gemm_set_route (hlnn_gemm_route route);

/* 1 if hlnn_gemm and hlnn_gemm_grad use the kernel for the products its
 * size limits admit under the current route, else 0. */
int hlnn_gemm_route_kernel (void);

#endif
