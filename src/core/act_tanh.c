/* act_tanh.c -- tanh and its first three derivatives, four lanes at a time.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * tanh |x| = -e / (2 + e) with e = expm1 (-2 |x|), e in (-1, 0]; expm1
 * keeps small |x| accurate, where 1 - 2 / (exp (2x) + 1) would cancel.
 * Through libmvec (its 4-wide expm1, then the division) tanh took a
 * quarter of a 64-wide MLP's training step in perf's profile; computed
 * here it takes under a fifth.  y = k ln2 + r with |r| <= ln2/2 (Cody
 * and Waite: k ln2_hi is exact for |k| < 2^20), expm1 r from its Taylor
 * series to r^13/13! (the next term is below 5e-18), and expm1 y =
 * 2^k expm1 r + (2^k - 1), both products exact, the sum one rounding
 * (for k < -53, 2^k - 1 rounds too, where tanh is +-1 in double anyway).
 * Within 3.4e-16 of tanhl on both builds (test_mlp's grid; its limit
 * is 6e-16).
 *
 * Built without -ffast-math (Makefile.am): the reduction must not be
 * reassociated.  GCC's vector extensions do each lane's arithmetic in
 * the order written. */
#include <limits.h>
#include <string.h>
#include "act.h"

typedef double v4d __attribute__ ((vector_size (32)));
typedef long long v4i __attribute__ ((vector_size (32)));
typedef unsigned long long v4u __attribute__ ((vector_size (32)));

#define ALWAYS_INLINE static inline __attribute__ ((always_inline))

/* tanh of four lanes (passed by address: a 32-byte vector argument has
 * no ABI without AVX, and GCC notes every such function). */
ALWAYS_INLINE void
tanh4 (const double *z, v4d *tanh_z)
{
  const double inv_ln2 = 1.44269504088896338700e+00;
  const double ln2_hi = 6.93147180369123816490e-01;    /* 32 low bits 0 */
  const double ln2_lo = 1.90821492927058770002e-10;
  const double shifter = 0x1.8p52;    /* adding it rounds to an integer */
  const v4i sign_bit = { LLONG_MIN, LLONG_MIN, LLONG_MIN, LLONG_MIN };
  const v4d lowest = { -45.0, -45.0, -45.0, -45.0 };  /* expm1 = -1 below */
  v4d x;
  memcpy (&x, z, sizeof x);
  const v4i sign = (v4i) x & sign_bit;
  v4d y = -2.0 * (v4d) ((v4i) x & ~sign_bit);
  const v4i saturated = y < lowest;   /* false for NaN: it propagates */
  y = (v4d) (((v4i) y & ~saturated) | ((v4i) lowest & saturated));

  /* e = expm1 y */
  v4d kd = y * inv_ln2 + shifter;
  const v4u kbits = (v4u) kd;
  kd -= shifter;
  const v4d r = (y - kd * ln2_hi) - kd * ln2_lo;
  /* the integer k sits in kd's low mantissa bits: (1023 + k) << 52 is
   * 2^k, for any k in [-1022, 1023] */
  const v4d two_k = (v4d) ((kbits << 52) + 0x3ff0000000000000ULL);
  /* (expm1 r - r) / r^2 = sum of r^j / (j + 2)!, j = 0..11, by Estrin's
   * scheme: a chain of 4 multiply-adds instead of Horner's 12, so that
   * the lanes' latency does not set the pace */
  const v4d r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  const v4d q01 = r * (1.0 / 6.0) + 0.5;
  const v4d q23 = r * (1.0 / 120.0) + 1.0 / 24.0;
  const v4d q45 = r * (1.0 / 5040.0) + 1.0 / 720.0;
  const v4d q67 = r * (1.0 / 362880.0) + 1.0 / 40320.0;
  const v4d q89 = r * (1.0 / 39916800.0) + 1.0 / 3628800.0;
  const v4d q1011 = r * (1.0 / 6227020800.0) + 1.0 / 479001600.0;
  const v4d q03 = q23 * r2 + q01, q47 = q67 * r2 + q45;
  const v4d q811 = q1011 * r2 + q89;
  const v4d q = q811 * r8 + (q47 * r4 + q03);
  const v4d e = two_k * (r + r2 * q) + (two_k - 1.0);

  /* e = +0 at x = 0 gives -0: the sign is x's alone */
  *tanh_z = (v4d) (((v4i) (-e / (2.0 + e)) & ~sign_bit) | sign);
}

/* t = tanh z and the requested derivatives of four elements. */
ALWAYS_INLINE void
store4 (int order, size_t i, const v4d *tanh_z, double *s0, double *s1,
        double *s2, double *s3)
{
  const v4d t = *tanh_z;
  const v4d d1 = 1.0 - t * t;
  if (s0)
    memcpy (s0 + i, &t, sizeof t);
  if (order >= 1 && s1)
    memcpy (s1 + i, &d1, sizeof d1);
  if (order >= 2 && s2)
    {
      const v4d d2 = -2.0 * t * d1;
      memcpy (s2 + i, &d2, sizeof d2);
    }
  if (order >= 3 && s3)
    {
      const v4d d3 = d1 * (4.0 * t * t - 2.0 * d1);
      memcpy (s3 + i, &d3, sizeof d3);
    }
}

/* Inlined into one build per instruction set (below). */
ALWAYS_INLINE void
tanh_lanes (int order, size_t n, const double *z, double *s0, double *s1,
            double *s2, double *s3)
{
  size_t i = 0;
  /* two independent vectors per pass: their chains overlap */
  for (; i + 8 <= n; i += 8)
    {
      v4d t0, t1;
      tanh4 (z + i, &t0);
      tanh4 (z + i + 4, &t1);
      store4 (order, i, &t0, s0, s1, s2, s3);
      store4 (order, i + 4, &t1, s0, s1, s2, s3);
    }
  for (; i + 4 <= n; i += 4)
    {
      v4d t;
      tanh4 (z + i, &t);
      store4 (order, i, &t, s0, s1, s2, s3);
    }
  if (i == n)
    return;
  /* the last 1-3 elements through four-element buffers, copied one by
   * one: callers that go column by column (hlnn_mlp_grad_x with tangent
   * slots) take this path once per column, where memcpy calls would cost
   * more than the lanes' arithmetic */
  const size_t m = n - i;
  double zt[4] = { 0.0, 0.0, 0.0, 0.0 }, out[4][4];
  for (size_t k = 0; k < 3; k++)
    if (k < m)
      zt[k] = z[i + k];
  v4d t;
  tanh4 (zt, &t);
  store4 (order, 0, &t, out[0], out[1], out[2], out[3]);
  double *const dst[4] = { s0, s1, s2, s3 };
  for (int c = 0; c <= order && c < 4; c++)
    if (dst[c])
      for (size_t k = 0; k < 3; k++)
        if (k < m)
          dst[c][i + k] = out[c][k];
}

void
hlnn_act_tanh_baseline (int order, size_t n, const double *z, double *s0,
                        double *s1, double *s2, double *s3)
{
  tanh_lanes (order, n, z, s0, s1, s2, s3);
}

#if defined(__x86_64__) && defined(__GNUC__)
/* AVX2 with FMA where the CPU has both (checked per call: it is one load
 * of the flags libgcc read at start-up); target_clones cannot ask for
 * the pair except as an Intel architecture, which AMD CPUs fail. */
__attribute__ ((target ("avx2,fma"))) static void
tanh_avx2_fma (int order, size_t n, const double *z, double *s0, double *s1,
               double *s2, double *s3)
{
  tanh_lanes (order, n, z, s0, s1, s2, s3);
}
#endif

void
hlnn_act_tanh (int order, size_t n, const double *z, double *s0, double *s1,
               double *s2, double *s3)
{
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma"))
    {
      tanh_avx2_fma (order, n, z, s0, s1, s2, s3);
      return;
    }
#endif
  hlnn_act_tanh_baseline (order, n, z, s0, s1, s2, s3);
}
