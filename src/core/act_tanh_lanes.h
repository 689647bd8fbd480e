/* act_tanh_lanes.h -- act_tanh.c's kernel for one vector width, included
 * once per width (as GSL's templates_on.h): LANES, the vector types VD
 * (double), VI and VU (64-bit signed and unsigned integers) of LANES
 * lanes, and FN (name), the name for this width, are defined by the
 * includer.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */

/* tanh of LANES lanes (passed by address: a vector argument has no ABI
 * without the instruction set's registers, and GCC notes every such
 * function). */
ALWAYS_INLINE void
FN (tanh_v) (const double *z, VD *tanh_z)
{
  const double inv_ln2 = 1.44269504088896338700e+00;
  const double ln2_hi = 6.93147180369123816490e-01;    /* 32 low bits 0 */
  const double ln2_lo = 1.90821492927058770002e-10;
  const double shifter = 0x1.8p52;    /* adding it rounds to an integer */
  const VI sign_bit = (VI) { 0 } + LLONG_MIN;
  const VD lowest = (VD) { 0 } - 45.0;    /* expm1 = -1 below */
  VD x;
  memcpy (&x, z, sizeof x);
  const VI sign = (VI) x & sign_bit;
  VD y = -2.0 * (VD) ((VI) x & ~sign_bit);
  const VI saturated = y < lowest;   /* false for NaN: it propagates */
  y = (VD) (((VI) y & ~saturated) | ((VI) lowest & saturated));

  /* e = expm1 y */
  VD kd = y * inv_ln2 + shifter;
  const VU kbits = (VU) kd;
  kd -= shifter;
  const VD r = (y - kd * ln2_hi) - kd * ln2_lo;
  /* the integer k sits in kd's low mantissa bits: (1023 + k) << 52 is
   * 2^k, for any k in [-1022, 1023] */
  const VD two_k = (VD) ((kbits << 52) + 0x3ff0000000000000ULL);
  /* (expm1 r - r) / r^2 = sum of r^j / (j + 2)!, j = 0..11, by Estrin's
   * scheme: a chain of 4 multiply-adds instead of Horner's 12, so that
   * the lanes' latency does not set the pace */
  const VD r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  const VD q01 = r * (1.0 / 6.0) + 0.5;
  const VD q23 = r * (1.0 / 120.0) + 1.0 / 24.0;
  const VD q45 = r * (1.0 / 5040.0) + 1.0 / 720.0;
  const VD q67 = r * (1.0 / 362880.0) + 1.0 / 40320.0;
  const VD q89 = r * (1.0 / 39916800.0) + 1.0 / 3628800.0;
  const VD q1011 = r * (1.0 / 6227020800.0) + 1.0 / 479001600.0;
  const VD q03 = q23 * r2 + q01, q47 = q67 * r2 + q45;
  const VD q811 = q1011 * r2 + q89;
  const VD q = q811 * r8 + (q47 * r4 + q03);
  const VD e = two_k * (r + r2 * q) + (two_k - 1.0);

  /* e = +0 at x = 0 gives -0: the sign is x's alone */
  *tanh_z = (VD) (((VI) (-e / (2.0 + e)) & ~sign_bit) | sign);
}

/* t = tanh z and the requested derivatives of LANES elements. */
ALWAYS_INLINE void
FN (store_v) (int order, size_t i, const VD *tanh_z, double *s0,
              double *s1, double *s2, double *s3)
{
  const VD t = *tanh_z;
  const VD d1 = 1.0 - t * t;
  if (s0)
    memcpy (s0 + i, &t, sizeof t);
  if (order >= 1 && s1)
    memcpy (s1 + i, &d1, sizeof d1);
  if (order >= 2 && s2)
    {
      const VD d2 = -2.0 * t * d1;
      memcpy (s2 + i, &d2, sizeof d2);
    }
  if (order >= 3 && s3)
    {
      const VD d3 = d1 * (4.0 * t * t - 2.0 * d1);
      memcpy (s3 + i, &d3, sizeof d3);
    }
}

/* Inlined into one build per instruction set (act_tanh.c). */
ALWAYS_INLINE void
FN (tanh_lanes) (int order, size_t n, const double *z, double *s0,
                 double *s1, double *s2, double *s3)
{
  size_t i = 0;
  /* two independent vectors per pass: their chains overlap */
  for (; i + 2 * LANES <= n; i += 2 * LANES)
    {
      VD t0, t1;
      FN (tanh_v) (z + i, &t0);
      FN (tanh_v) (z + i + LANES, &t1);
      FN (store_v) (order, i, &t0, s0, s1, s2, s3);
      FN (store_v) (order, i + LANES, &t1, s0, s1, s2, s3);
    }
  for (; i + LANES <= n; i += LANES)
    {
      VD t;
      FN (tanh_v) (z + i, &t);
      FN (store_v) (order, i, &t, s0, s1, s2, s3);
    }
  if (i == n)
    return;
  /* the last elements through LANES-element buffers, copied one by one:
   * callers that go column by column (hlnn_mlp_grad_x with tangent slots)
   * take this path once per column, where memcpy calls would cost more
   * than the lanes' arithmetic */
  const size_t m = n - i;
  double zt[LANES] = { 0.0 }, out[4][LANES];
  for (size_t k = 0; k < LANES - 1; k++)
    if (k < m)
      zt[k] = z[i + k];
  VD t;
  FN (tanh_v) (zt, &t);
  FN (store_v) (order, 0, &t, out[0], out[1], out[2], out[3]);
  double *const dst[4] = { s0, s1, s2, s3 };
  for (int c = 0; c <= order && c < 4; c++)
    if (dst[c])
      for (size_t k = 0; k < LANES - 1; k++)
        if (k < m)
          dst[c][i + k] = out[c][k];
}
