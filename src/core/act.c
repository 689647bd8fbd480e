/* act.c -- activations and derivatives (compiled with -ffast-math so that
 * GCC vectorises exp/log1p/sin/erf through libmvec; see DESIGN.md
 * section 6).  tanh has its own kernel, act_tanh.c.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <math.h>
#include <string.h>
#include "act.h"
#include "hlnn_status.h"

static const char *const act_names[HLNN_ACT_COUNT] = {
  "tanh", "softplus", "sigmoid", "sin", "gelu", "relu"
};

int
hlnn_act_from_name (const char *name, hlnn_act *act)
{
  for (int k = 0; k < HLNN_ACT_COUNT; k++)
    if (strcmp (name, act_names[k]) == 0)
      {
        *act = (hlnn_act) k;
        return HLNN_SUCCESS;
      }
  return HLNN_EDOM;
}

const char *
hlnn_act_name (hlnn_act act)
{
  return (act >= 0 && act < HLNN_ACT_COUNT) ? act_names[act] : "unknown";
}

int
hlnn_act_max_order (hlnn_act act)
{
  return act == HLNN_ACT_RELU ? 1 : 3;
}

/* Each kernel writes the requested orders; the compiler removes the
 * NULL-tests from the loop body by versioning, so keep them simple.
 * Built twice, for AVX2 and for the baseline x86-64, the choice made
 * at load time: the AVX2 build calls libmvec's 4-wide exp/log1p, the
 * baseline only its 2-wide SSE ones (half the speed, and the activations
 * are a fifth of a training step at the HNN paper's sizes). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HLNN_SIMD_CLONES __attribute__ ((target_clones ("avx2", "default")))
#else
#define HLNN_SIMD_CLONES
#endif

HLNN_SIMD_CLONES static void
eval_sigmoid_family (int softplus, int order, size_t n, const double *z,
                     double *s0, double *s1, double *s2, double *s3)
{
  /* softplus' = sigmoid, so softplus^(k+1) = sigmoid^(k). */
  for (size_t i = 0; i < n; i++)
    {
      const double x = z[i];
      const double e = exp (-fabs (x));
      const double s = x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
      const double ds = s * (1.0 - s);
      const double dds = ds * (1.0 - 2.0 * s);
      const double ddds = ds * ((1.0 - 2.0 * s) * (1.0 - 2.0 * s) - 2.0 * ds);
      if (softplus)
        {
          if (s0) s0[i] = fmax (x, 0.0) + log1p (e);
          if (order >= 1 && s1) s1[i] = s;
          if (order >= 2 && s2) s2[i] = ds;
          if (order >= 3 && s3) s3[i] = dds;
        }
      else
        {
          if (s0) s0[i] = s;
          if (order >= 1 && s1) s1[i] = ds;
          if (order >= 2 && s2) s2[i] = dds;
          if (order >= 3 && s3) s3[i] = ddds;
        }
    }
}

HLNN_SIMD_CLONES static void
eval_sin (int order, size_t n, const double *z,
          double *s0, double *s1, double *s2, double *s3)
{
  for (size_t i = 0; i < n; i++)
    {
      const double sn = sin (z[i]);
      const double cs = cos (z[i]);
      if (s0) s0[i] = sn;
      if (order >= 1 && s1) s1[i] = cs;
      if (order >= 2 && s2) s2[i] = -sn;
      if (order >= 3 && s3) s3[i] = -cs;
    }
}

HLNN_SIMD_CLONES static void
eval_gelu (int order, size_t n, const double *z,
           double *s0, double *s1, double *s2, double *s3)
{
  /* Exact (erf) GELU: x Phi(x); phi' = -x phi. */
  const double inv_sqrt2 = 0.70710678118654752440;
  const double inv_sqrt2pi = 0.39894228040143267794;
  for (size_t i = 0; i < n; i++)
    {
      const double x = z[i];
      const double cdf = 0.5 * (1.0 + erf (x * inv_sqrt2));
      const double pdf = inv_sqrt2pi * exp (-0.5 * x * x);
      if (s0) s0[i] = x * cdf;
      if (order >= 1 && s1) s1[i] = cdf + x * pdf;
      if (order >= 2 && s2) s2[i] = pdf * (2.0 - x * x);
      if (order >= 3 && s3) s3[i] = x * pdf * (x * x - 4.0);
    }
}

HLNN_SIMD_CLONES static void
eval_relu (int order, size_t n, const double *z, double *s0, double *s1)
{
  for (size_t i = 0; i < n; i++)
    {
      const double x = z[i];
      if (s0) s0[i] = x > 0 ? x : 0.0;
      if (order >= 1 && s1) s1[i] = x > 0 ? 1.0 : 0.0;
    }
}

int
hlnn_act_eval (hlnn_act act, int order, size_t n, const double *z,
               double *s0, double *s1, double *s2, double *s3)
{
  if (order < 0 || order > hlnn_act_max_order (act))
    return HLNN_EORDER;
  switch (act)
    {
    case HLNN_ACT_TANH:     hlnn_act_tanh (order, n, z, s0, s1, s2, s3); break;
    case HLNN_ACT_SOFTPLUS: eval_sigmoid_family (1, order, n, z, s0, s1, s2, s3); break;
    case HLNN_ACT_SIGMOID:  eval_sigmoid_family (0, order, n, z, s0, s1, s2, s3); break;
    case HLNN_ACT_SIN:      eval_sin (order, n, z, s0, s1, s2, s3); break;
    case HLNN_ACT_GELU:     eval_gelu (order, n, z, s0, s1, s2, s3); break;
    case HLNN_ACT_RELU:     eval_relu (order, n, z, s0, s1); break;
    default: return HLNN_EDOM;
    }
  return HLNN_SUCCESS;
}
