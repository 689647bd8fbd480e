/* gemm_thin_lanes.h -- gemm.c's products with a thin operand, for one
 * vector width, included once per width (as act_tanh_lanes.h): LANES,
 * the vector type VD and its operations (VZERO, VSET1, VLOADU, VSTOREU,
 * VFMADD; VMASK, VMASK_FIRST (n), VMLOAD, VMSTORE for the first n lanes),
 * THIN_TARGET (the instruction sets), THIN_RV and THIN_DOTS (block
 * sizes) and FN (name), the name for this width, are defined by the
 * includer and undefined at the end.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * A layer of few units (a net's input or its scalar output) gives
 * products with at most THIN_MAX columns of C, or, in the weight
 * gradient, at most THIN_MAX rows or columns.  The panel kernel packs
 * sixteen rows of A to meet twelve columns of B at a time: with one or
 * two of them it packed as much as it multiplied, and its chains of
 * FMAs waited on each other (an HNN's last-layer gradient, 1 x 64 over
 * 256 samples, took 6.8 us, its first layer's 7.4 us, of a 140 us step
 * on 128 rows; bench/bench_step).  These read both operands where they
 * lie. */

/* C(0:mr, 0:NC) (+)= A(0:mr, :) op(B)(:, 0:NC) for mr <= ROWS rows:
 * per element one FMA for each p in order of p, from zero or from C,
 * as the panel kernel computes it, so the two give the same bits, and a
 * row's result does not depend on the rows beside it. */
#define THIN_ROWS (THIN_RV * LANES)
static inline __attribute__ ((always_inline, target (THIN_TARGET))) void
FN (thin_block) (size_t NC, int b_trans, int accumulate, size_t mr,
                 size_t K, const double *A, size_t lda, const double *B,
                 size_t ldb, double *C, size_t ldc)
{
  const size_t bsc = b_trans ? 1 : ldb, bsp = b_trans ? ldb : 1;
  VMASK m[THIN_RV];
  for (size_t v = 0; v < THIN_RV; v++)
    m[v] = VMASK_FIRST (mr > v * LANES ? mr - v * LANES : 0);
  const int full = mr == THIN_ROWS;
  VD acc[THIN_MAX][THIN_RV];
  for (size_t j = 0; j < NC; j++)
    for (size_t v = 0; v < THIN_RV; v++)
      acc[j][v] = !accumulate ? VZERO ()
                  : full ? VLOADU (C + j * ldc + v * LANES)
                         : VMLOAD (m[v], C + j * ldc + v * LANES);
  for (size_t p = 0; p < K; p++)
    {
      VD a[THIN_RV];
      for (size_t v = 0; v < THIN_RV; v++)
        a[v] = full ? VLOADU (A + p * lda + v * LANES)
                    : VMLOAD (m[v], A + p * lda + v * LANES);
      for (size_t j = 0; j < NC; j++)
        {
          const VD b = VSET1 (B[j * bsc + p * bsp]);
          for (size_t v = 0; v < THIN_RV; v++)
            acc[j][v] = VFMADD (a[v], b, acc[j][v]);
        }
    }
  for (size_t j = 0; j < NC; j++)
    for (size_t v = 0; v < THIN_RV; v++)
      if (full)
        VSTOREU (C + j * ldc + v * LANES, acc[j][v]);
      else if (mr > v * LANES)
        VMSTORE (C + j * ldc + v * LANES, m[v], acc[j][v]);
}

/* C (M x N) (+)= A op(B) for N <= THIN_MAX (a_trans = 0) */
static __attribute__ ((target (THIN_TARGET))) void
FN (thin_cols) (int b_trans, int accumulate, size_t M, size_t N, size_t K,
                const double *A, size_t lda, const double *B, size_t ldb,
                double *C, size_t ldc)
{
  for (size_t i0 = 0; i0 < M; i0 += THIN_ROWS)
    {
      const size_t mr = M - i0 < THIN_ROWS ? M - i0 : THIN_ROWS;
      const double *a = A + i0;
      double *c = C + i0;
      switch (N)
        {
        case 4:
          FN (thin_block) (4, b_trans, accumulate, mr, K, a, lda, B, ldb, c,
                           ldc);
          break;
        case 3:
          FN (thin_block) (3, b_trans, accumulate, mr, K, a, lda, B, ldb, c,
                           ldc);
          break;
        case 2:
          FN (thin_block) (2, b_trans, accumulate, mr, K, a, lda, B, ldb, c,
                           ldc);
          break;
        default:
          FN (thin_block) (1, b_trans, accumulate, mr, K, a, lda, B, ldb, c,
                           ldc);
          break;
        }
    }
}

/* The weight gradient's elements as dot products of a column of A and
 * one of B, both contiguous in p: each in eight partial sums, sum k over
 * p = k mod 8 in order of p (one vector on eight lanes, two on four),
 * added as (s0 + s4) + (s2 + s6) and (s1 + s5) + (s3 + s7), then those
 * two, so that both widths give the same bits. */
static inline __attribute__ ((always_inline, target (THIN_TARGET))) double
FN (thin_sum) (const VD *s)
{
#if LANES == 8
  const __m256d s4 = _mm256_add_pd (_mm512_castpd512_pd256 (s[0]),
                                    _mm512_extractf64x4_pd (s[0], 1));
#else
  const __m256d s4 = _mm256_add_pd (s[0], s[1]);
#endif
  const __m128d s2 = _mm_add_pd (_mm256_castpd256_pd128 (s4),
                                 _mm256_extractf128_pd (s4, 1));
  return _mm_cvtsd_f64 (_mm_add_sd (s2, _mm_unpackhi_pd (s2, s2)));
}

#define THIN_PARTS (8 / LANES)

/* C(0:MI, 0:NJ) (+)= A(:, 0:MI)^T B(:, 0:NJ), MI NJ <= THIN_DOTS: a
 * block of independent sums, so that their FMAs do not wait on each
 * other's results */
static inline __attribute__ ((always_inline, target (THIN_TARGET))) void
FN (thin_dots) (size_t MI, size_t NJ, int accumulate, size_t K,
                const double *a, size_t lda, const double *b, size_t ldb,
                double *c, size_t ldc)
{
  VD s[THIN_DOTS][THIN_PARTS];
  for (size_t e = 0; e < MI * NJ; e++)
    for (size_t h = 0; h < THIN_PARTS; h++)
      s[e][h] = VZERO ();
  size_t p = 0;
  for (; p + 8 <= K; p += 8)
    for (size_t h = 0; h < THIN_PARTS; h++)
      {
        VD y[THIN_DOTS];
        for (size_t j = 0; j < NJ; j++)
          y[j] = VLOADU (b + j * ldb + p + h * LANES);
        for (size_t i = 0; i < MI; i++)
          {
            const VD x = VLOADU (a + i * lda + p + h * LANES);
            for (size_t j = 0; j < NJ; j++)
              s[i * NJ + j][h] = VFMADD (x, y[j], s[i * NJ + j][h]);
          }
      }
  if (p < K)
    for (size_t h = 0; h < THIN_PARTS; h++)
      {
        const size_t r = K - p, done = h * LANES;
        const VMASK m = VMASK_FIRST (r > done ? r - done : 0);
        VD y[THIN_DOTS];
        for (size_t j = 0; j < NJ; j++)
          y[j] = VMLOAD (m, b + j * ldb + p + done);
        for (size_t i = 0; i < MI; i++)
          {
            const VD x = VMLOAD (m, a + i * lda + p + done);
            for (size_t j = 0; j < NJ; j++)
              s[i * NJ + j][h] = VFMADD (x, y[j], s[i * NJ + j][h]);
          }
      }
  for (size_t i = 0; i < MI; i++)
    for (size_t j = 0; j < NJ; j++)
      {
        const double t = FN (thin_sum) (s[i * NJ + j]);
        c[i + j * ldc] = accumulate ? c[i + j * ldc] + t : t;
      }
}

#define THIN_DOTS_AT(mi, nj) \
  FN (thin_dots) (mi, nj, accumulate, K, A + i * lda, lda, B + j * ldb, \
                  ldb, C + i + j * ldc, ldc)

/* C (M x N) (+)= A^T B, A stored K x M and B K x N (a_trans, b_trans = 0),
 * for M or N at most THIN_MAX: a thin C's rows one at a time against
 * THIN_DOTS columns of B, or its columns all at once against as many
 * rows as make THIN_DOTS sums */
static __attribute__ ((target (THIN_TARGET))) void
FN (thin_dot) (int accumulate, size_t M, size_t N, size_t K,
               const double *A, size_t lda, const double *B, size_t ldb,
               double *C, size_t ldc)
{
  if (M <= N)
    for (size_t i = 0; i < M; i++)
      {
        size_t j = 0;
        for (; j + THIN_DOTS <= N; j += THIN_DOTS)
          THIN_DOTS_AT (1, THIN_DOTS);
        for (; j < N; j++)
          THIN_DOTS_AT (1, 1);
      }
  else
    {
      const size_t mi = THIN_DOTS / N, j = 0;
      size_t i = 0;
      for (; i + mi <= M; i += mi)
        switch (N)
          {
          case 4: THIN_DOTS_AT (THIN_DOTS / 4, 4); break;
          case 3: THIN_DOTS_AT (THIN_DOTS / 3, 3); break;
          case 2: THIN_DOTS_AT (THIN_DOTS / 2, 2); break;
          default: THIN_DOTS_AT (THIN_DOTS, 1); break;
          }
      for (; i < M; i++)
        switch (N)
          {
          case 4: THIN_DOTS_AT (1, 4); break;
          case 3: THIN_DOTS_AT (1, 3); break;
          case 2: THIN_DOTS_AT (1, 2); break;
          default: THIN_DOTS_AT (1, 1); break;
          }
    }
}

#undef THIN_DOTS_AT
#undef THIN_ROWS
#undef THIN_PARTS

/* the includer's parameters, so that the next width defines its own */
#undef LANES
#undef VD
#undef VMASK
#undef VZERO
#undef VSET1
#undef VLOADU
#undef VSTOREU
#undef VFMADD
#undef VMASK_FIRST
#undef VMLOAD
#undef VMSTORE
#undef THIN_TARGET
#undef THIN_RV
#undef THIN_DOTS
#undef FN
