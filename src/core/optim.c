/* optim.c -- Adam, AdamW, SGD with momentum; gradient-norm clipping.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <math.h>
#include <stdint.h>
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
  p->theta_shared = 0;
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

/* One coordinate of Adam's update: PyTorch's order of operations, which
 * the vector loops below keep lane by lane. */
static inline double
adam_one (size_t i, double *theta, const double *grad, double *m, double *v,
          double beta1, double beta2, double eps, double step_size,
          double sqrt_bc2, int decoupled, double decay, double wd)
{
  /* AdamW decays theta before the update and leaves the gradient alone;
   * Adam adds the decay to the gradient (L2). */
  const double th = decoupled ? theta[i] * decay : theta[i];
  const double g = decoupled ? grad[i] : grad[i] + wd * th;
  const double mi = beta1 * m[i] + (1.0 - beta1) * g;
  const double vi = beta2 * v[i] + (1.0 - beta2) * g * g;
  m[i] = mi;
  v[i] = vi;
  return th - step_size * mi / (sqrt (vi) / sqrt_bc2 + eps);
}

/* The Adam update of one parameter vector.  The arrays never overlap and
 * the constants are locals, so with -O3 -fno-math-errno (this file's
 * build rule) the loop vectorises; sqrt and division are exact in vector
 * form, so the result is the scalar loop's, bit for bit.  Built for AVX2
 * as well, chosen at load time, as act.c is.  As a scalar loop it took
 * 7-8 ns per parameter: 3 % of the CPU time of a 2-thread MLP step at
 * the HNN paper's size, on one thread while the other waited
 * (doc/performance.md).  decoupled is loop invariant: the compiler
 * unswitches the loop on it. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__ ((target_clones ("avx2", "default")))
#endif
static void
adam_update (size_t n, double *restrict theta, const double *restrict grad,
             double *restrict m, double *restrict v, double beta1,
             double beta2, double eps, double step_size, double sqrt_bc2,
             int decoupled, double lr, double wd)
{
  const double decay = 1.0 - lr * wd;
  for (size_t i = 0; i < n; i++)
    theta[i] = adam_one (i, theta, grad, m, v, beta1, beta2, eps, step_size,
                         sqrt_bc2, decoupled, decay, wd);
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_ADAM_STREAM 1

/* adam_update for a theta that other threads read between steps (the
 * row split, split.c): the same arithmetic, but theta is written with
 * non-temporal stores.  An ordinary store to a line another core holds
 * waits for that copy to be invalidated; on this project's 2-core VMs
 * that made the update of a 2-64-64-2 MLP's 4482 parameters take 19-21
 * us on the 2-thread trainer against 6 us on one thread.  Streamed past
 * the cache it took 6.5 us, and the other thread's next reads were no
 * slower (doc/performance.md).  mul and add stay separate (no FMA), as
 * in adam_one. */
__attribute__ ((target ("avx2"))) static void
adam_update_stream (size_t n, double *restrict theta,
                    const double *restrict grad, double *restrict m,
                    double *restrict v, double beta1, double beta2,
                    double eps, double step_size, double sqrt_bc2,
                    int decoupled, double lr, double wd)
{
  const double decay = 1.0 - lr * wd;
  size_t i = 0;
  for (; i < n && ((uintptr_t) (theta + i) & 31) != 0; i++)
    theta[i] = adam_one (i, theta, grad, m, v, beta1, beta2, eps, step_size,
                         sqrt_bc2, decoupled, decay, wd);
  const __m256d b1 = _mm256_set1_pd (beta1), c1 = _mm256_set1_pd (1.0 - beta1);
  const __m256d b2 = _mm256_set1_pd (beta2), c2 = _mm256_set1_pd (1.0 - beta2);
  const __m256d ss = _mm256_set1_pd (step_size), sb = _mm256_set1_pd (sqrt_bc2);
  const __m256d ep = _mm256_set1_pd (eps), dk = _mm256_set1_pd (decay);
  const __m256d w = _mm256_set1_pd (wd);
  for (; i + 4 <= n; i += 4)
    {
      __m256d th = _mm256_load_pd (theta + i);
      __m256d g = _mm256_loadu_pd (grad + i);
      if (decoupled)
        th = _mm256_mul_pd (th, dk);
      else
        g = _mm256_add_pd (g, _mm256_mul_pd (w, th));
      const __m256d mi = _mm256_add_pd (_mm256_mul_pd (b1, _mm256_loadu_pd (m + i)),
                                        _mm256_mul_pd (c1, g));
      const __m256d vi = _mm256_add_pd (_mm256_mul_pd (b2, _mm256_loadu_pd (v + i)),
                                        _mm256_mul_pd (_mm256_mul_pd (c2, g), g));
      _mm256_storeu_pd (m + i, mi);
      _mm256_storeu_pd (v + i, vi);
      const __m256d den = _mm256_add_pd (_mm256_div_pd (_mm256_sqrt_pd (vi), sb), ep);
      _mm256_stream_pd (theta + i,
                        _mm256_sub_pd (th, _mm256_div_pd (_mm256_mul_pd (ss, mi), den)));
    }
  for (; i < n; i++)
    theta[i] = adam_one (i, theta, grad, m, v, beta1, beta2, eps, step_size,
                         sqrt_bc2, decoupled, decay, wd);
  /* streamed stores are weakly ordered: make them visible before the
   * threads are handed the next batch */
  _mm_sfence ();
}
#endif

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
#ifdef HAVE_ADAM_STREAM
        if (p->theta_shared && __builtin_cpu_supports ("avx2"))
          {
            adam_update_stream (n, theta, grad, m, v, p->beta1, p->beta2,
                                p->eps, p->lr / bc1, sqrt (bc2),
                                p->kind == HLNN_OPTIM_ADAMW, p->lr,
                                p->weight_decay);
            break;
          }
#endif
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
