/* optim.c -- Adam, AdamW, SGD with momentum; gradient-norm clipping.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <math.h>
#include "optim.h"
#include "hlnn_status.h"

void
hlnn_optim_params_default (hlnn_optim_params *p, hlnn_optim_kind kind)
{
  p->kind = kind;
  p->lr = 1e-3;
  p->beta1 = 0.9;
  p->beta2 = 0.999;
  p->eps = 1e-8;
  p->momentum = 0.0;
  p->weight_decay = 0.0;
  p->clip_norm = 0.0;
}

int
hlnn_optim_params_check (const hlnn_optim_params *p)
{
  if (p->kind != HLNN_OPTIM_ADAM && p->kind != HLNN_OPTIM_ADAMW
      && p->kind != HLNN_OPTIM_SGD)
    return HLNN_EDOM;
  if (!(isfinite (p->lr) && p->lr > 0))
    return HLNN_EDOM;
  if (!(p->beta1 >= 0 && p->beta1 < 1 && p->beta2 >= 0 && p->beta2 < 1))
    return HLNN_EDOM;
  if (!(isfinite (p->eps) && p->eps > 0))
    return HLNN_EDOM;
  if (!(p->momentum >= 0 && p->momentum < 1))
    return HLNN_EDOM;
  if (!(isfinite (p->weight_decay) && p->weight_decay >= 0))
    return HLNN_EDOM;
  if (isnan (p->clip_norm))
    return HLNN_EDOM;
  return HLNN_SUCCESS;
}

double
hlnn_optim_clip (size_t n, double *grad, double max_norm)
{
  double ss = 0.0;
  for (size_t i = 0; i < n; i++)
    ss += grad[i] * grad[i];
  const double norm = sqrt (ss);
  if (max_norm > 0 && norm > max_norm)
    {
      const double f = max_norm / (norm + 1e-6);
      for (size_t i = 0; i < n; i++)
        grad[i] *= f;
    }
  return norm;
}

/* The Adam update of one parameter vector.  The arrays never overlap and
 * the constants are locals, so with -O3 -fno-math-errno (this file's
 * build rule) the loop vectorises; sqrt and division are exact in vector
 * form, so the result is the scalar loop's, bit for bit.  Built for AVX2
 * as well, chosen at load time, as act.c is.  As a scalar loop it took
 * 7-8 ns per parameter: 3 % of the CPU time of a 2-thread MLP step at
 * the HNN paper's size, on one thread while the other waited
 * (doc/performance.md). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__ ((target_clones ("avx2", "default")))
#endif
static void
adam_update (size_t n, double *restrict theta, const double *restrict grad,
             double *restrict m, double *restrict v, double beta1,
             double beta2, double eps, double step_size, double sqrt_bc2,
             int decoupled, double lr, double wd)
{
  /* AdamW decays theta before the update and leaves the gradient alone;
   * Adam adds the decay to the gradient (L2).  decoupled is loop
   * invariant: the compiler unswitches the loop on it. */
  const double decay = 1.0 - lr * wd;
  for (size_t i = 0; i < n; i++)
    {
      const double th = decoupled ? theta[i] * decay : theta[i];
      const double g = decoupled ? grad[i] : grad[i] + wd * th;
      const double mi = beta1 * m[i] + (1.0 - beta1) * g;
      const double vi = beta2 * v[i] + (1.0 - beta2) * g * g;
      m[i] = mi;
      v[i] = vi;
      theta[i] = th - step_size * mi / (sqrt (vi) / sqrt_bc2 + eps);
    }
}

int
hlnn_optim_step (const hlnn_optim_params *p, size_t n, double *theta,
                 double *grad, double *m, double *v, unsigned long *t)
{
  const unsigned long step = *t + 1;
  if (p->clip_norm > 0)
    hlnn_optim_clip (n, grad, p->clip_norm);
  switch (p->kind)
    {
    case HLNN_OPTIM_ADAM:
    case HLNN_OPTIM_ADAMW:
      {
        const double bc1 = 1.0 - pow (p->beta1, (double) step);
        const double bc2 = 1.0 - pow (p->beta2, (double) step);
        adam_update (n, theta, grad, m, v, p->beta1, p->beta2, p->eps,
                     p->lr / bc1, sqrt (bc2), p->kind == HLNN_OPTIM_ADAMW,
                     p->lr, p->weight_decay);
        break;
      }
    case HLNN_OPTIM_SGD:
      for (size_t i = 0; i < n; i++)
        {
          const double g = grad[i] + p->weight_decay * theta[i];
          if (p->momentum > 0)
            m[i] = step == 1 ? g : p->momentum * m[i] + g;
          else
            m[i] = g;
          theta[i] -= p->lr * m[i];
        }
      break;
    default:
      return HLNN_EDOM;
    }
  *t = step;
  return HLNN_SUCCESS;
}
