/* gemm.h -- the products of a layer: C = A op(B), rows are samples.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#ifndef HLNN_GEMM_H
#define HLNN_GEMM_H

#include <stddef.h>

/* gemm.c's own kernel computes the products of up to HLNN_GEMM_ROWS
 * rows, and those whose weight operand (B of hlnn_gemm, C of
 * hlnn_gemm_grad) has at most HLNN_GEMM_BSIZE elements with at most
 * HLNN_GEMM_SAMPLES rows (samples), where the CPU has AVX2 and FMA; the
 * BLAS the others.  bench/bench_gemm times single calls of both (on one
 * thread the kernel also wins at width 128 up to a few hundred rows);
 * the limits are where whole training steps on two threads gained
 * (width 64 at 128 rows a thread: 7-11 %) and did not lose (width 128:
 * no gain; beyond a few thousand rows a thread the BLAS's blocking wins:
 * 52 against 75 ms a step at N = 1e4, width 128, before this limit). */
#define HLNN_GEMM_ROWS 32
#define HLNN_GEMM_BSIZE (64 * 64)
#define HLNN_GEMM_SAMPLES 1024

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
 * 0 (C untouched) where the CPU lacks AVX2 or FMA. */
int hlnn_gemm_kernel (int a_trans, int b_trans, int accumulate, size_t M,
                      size_t N, size_t K, const double *A, size_t lda,
                      const double *B, size_t ldb, double *C, size_t ldc);

#endif
