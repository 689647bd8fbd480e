/* act_tanh.c -- tanh and its first three derivatives, four or eight lanes
 * at a time.
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
 * Within 3.4e-16 of tanhl on every build (test_mlp's grid; its limit
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
typedef double v8d __attribute__ ((vector_size (64)));
typedef long long v8i __attribute__ ((vector_size (64)));
typedef unsigned long long v8u __attribute__ ((vector_size (64)));

#define ALWAYS_INLINE static inline __attribute__ ((always_inline))

#define LANES 4
#define VD v4d
#define VI v4i
#define VU v4u
#define FN(name) name##4
#include "act_tanh_lanes.h"
#undef LANES
#undef VD
#undef VI
#undef VU
#undef FN

#define LANES 8
#define VD v8d
#define VI v8i
#define VU v8u
#define FN(name) name##8
#include "act_tanh_lanes.h"
#undef LANES
#undef VD
#undef VI
#undef VU
#undef FN

void
hlnn_act_tanh_baseline (int order, size_t n, const double *z, double *s0,
                        double *s1, double *s2, double *s3)
{
  tanh_lanes4 (order, n, z, s0, s1, s2, s3);
}

#if defined(__x86_64__) && defined(__GNUC__)
/* AVX2 with FMA, or AVX-512F, where the CPU has them (checked per call:
 * it is one load of the flags libgcc read at start-up); target_clones
 * cannot ask for AVX2 and FMA except as an Intel architecture, which AMD
 * CPUs fail.  Both contract the same multiply-adds (-ffp-contract=fast),
 * so that their results agree bit for bit. */
__attribute__ ((target ("avx2,fma"))) static void
tanh_avx2_fma (int order, size_t n, const double *z, double *s0, double *s1,
               double *s2, double *s3)
{
  tanh_lanes4 (order, n, z, s0, s1, s2, s3);
}

__attribute__ ((target ("avx512f,avx2,fma"))) static void
tanh_avx512 (int order, size_t n, const double *z, double *s0, double *s1,
             double *s2, double *s3)
{
  tanh_lanes8 (order, n, z, s0, s1, s2, s3);
}
#endif

int
hlnn_act_tanh_avx2 (int order, size_t n, const double *z, double *s0,
                    double *s1, double *s2, double *s3)
{
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma"))
    {
      tanh_avx2_fma (order, n, z, s0, s1, s2, s3);
      return 1;
    }
#else
  (void) order; (void) n; (void) z; (void) s0; (void) s1; (void) s2;
  (void) s3;
#endif
  return 0;
}

void
hlnn_act_tanh (int order, size_t n, const double *z, double *s0, double *s1,
               double *s2, double *s3)
{
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports ("avx512f") && __builtin_cpu_supports ("avx2")
      && __builtin_cpu_supports ("fma"))
    {
      tanh_avx512 (order, n, z, s0, s1, s2, s3);
      return;
    }
#endif
  if (!hlnn_act_tanh_avx2 (order, n, z, s0, s1, s2, s3))
    hlnn_act_tanh_baseline (order, n, z, s0, s1, s2, s3);
}
