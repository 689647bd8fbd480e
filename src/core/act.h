/* act.h -- elementwise activations with their first three derivatives.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Second-order training (HNN: gradient of a gradient; LNN: gradient of a
 * Hessian-vector product) differentiates the activation up to three times,
 * so every smooth activation provides sigma, sigma', sigma'' and sigma'''.
 * relu has only sigma and sigma' (a.e.); asking it for more is an error. */
#ifndef HLNN_ACT_H
#define HLNN_ACT_H

#include <stddef.h>

typedef enum {
  HLNN_ACT_TANH = 0,
  HLNN_ACT_SOFTPLUS,
  HLNN_ACT_SIGMOID,
  HLNN_ACT_SIN,
  HLNN_ACT_GELU,
  HLNN_ACT_RELU,
  HLNN_ACT_COUNT
} hlnn_act;

/* Parse a lower-case name ("tanh", "softplus", ...); returns HLNN_EDOM for
 * an unknown name. */
int hlnn_act_from_name (const char *name, hlnn_act *act);
const char *hlnn_act_name (hlnn_act act);

/* Highest derivative order the activation provides (3, or 1 for relu). */
int hlnn_act_max_order (hlnn_act act);

/* Evaluate sigma^(k)(z[i]) for k = 0..order into s[k] (s[k] may be NULL to
 * skip that order; s[0] may alias z).  Returns HLNN_EORDER when order
 * exceeds hlnn_act_max_order.  This is the only code built with
 * -ffast-math (vectorised libm); it performs no NaN checks of its own. */
int hlnn_act_eval (hlnn_act act, int order, size_t n, const double *z,
                   double *s0, double *s1, double *s2, double *s3);

/* hlnn_act_eval's tanh kernel (act_tanh.c); order in 0..3 unchecked.
 * It runs on eight lanes where the CPU has AVX-512F, else on four with
 * AVX2 and FMA, else the _baseline build; the narrower builds are
 * exported so that the tests check them on any CPU (_avx2 returns 0 and
 * writes nothing where the CPU lacks AVX2 or FMA). */
void hlnn_act_tanh (int order, size_t n, const double *z, double *s0,
                    double *s1, double *s2, double *s3);
int hlnn_act_tanh_avx2 (int order, size_t n, const double *z, double *s0,
                        double *s1, double *s2, double *s3);
void hlnn_act_tanh_baseline (int order, size_t n, const double *z,
                             double *s0, double *s1, double *s2, double *s3);

#endif
