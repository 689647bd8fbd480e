/* optim.c -- Adam, AdamW, SGD with momentum; gradient-norm clipping.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <math.h>
#include <stdint.h>
#include <string.h>
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

/* Adam's coefficients for one step. */
typedef struct {
  double beta1, beta2, eps;
  double step_size;           /* lr / (1 - beta1^t) */
  double sqrt_bc2;            /* sqrt (1 - beta2^t) */
  int decoupled;              /* AdamW */
  double decay;               /* AdamW's 1 - lr wd */
  double wd;                  /* Adam's L2 coefficient */
} adam_coeffs;

/* One coordinate of Adam's update: PyTorch's order of operations, which
 * the vector loops below keep lane by lane.  Reads every input before it
 * writes an output, so an update in place is one too. */
static inline double
adam_one (const adam_coeffs *c, double theta, double grad, double m,
          double v, double *m_new, double *v_new)
{
  /* AdamW decays theta before the update and leaves the gradient alone;
   * Adam adds the decay to the gradient (L2). */
  const double th = c->decoupled ? theta * c->decay : theta;
  const double g = c->decoupled ? grad : grad + c->wd * th;
  const double mi = c->beta1 * m + (1.0 - c->beta1) * g;
  const double vi = c->beta2 * v + (1.0 - c->beta2) * g * g;
  *m_new = mi;
  *v_new = vi;
  return th - c->step_size * mi / (sqrt (vi) / c->sqrt_bc2 + c->eps);
}

/* The update one coordinate at a time: on CPUs without the vector loops
 * below, and for their heads and tails.  Nonzero when every entry of
 * theta_new is finite (x * 0 is NaN iff x is NaN or infinite). */
static int
adam_update_scalar (size_t n, const double *theta, const double *grad,
                    const double *m, const double *v, double *theta_new,
                    double *m_new, double *v_new, const adam_coeffs *c)
{
  double nan_test = 0.0;
  for (size_t i = 0; i < n; i++)
    {
      theta_new[i] = adam_one (c, theta[i], grad[i], m[i], v[i], m_new + i,
                               v_new + i);
      nan_test += theta_new[i] * 0.0;
    }
  return nan_test == 0.0;
}

/* The same in vector loops, chosen at run time: sqrt and division are
 * exact in vector form and mul and add stay separate (no FMA), so the
 * result is the scalar loop's, bit for bit (tests/c/test_optim).  The
 * update runs on one thread while the row split's other threads wait
 * (split.h): as a scalar loop it took 7-8 ns per parameter.
 *
 * stream (theta_shared): theta_new is written with non-temporal stores.
 * An ordinary store to a line another core holds waits for that copy to
 * be invalidated; on this project's 2-core VMs that made the update of a
 * 2-64-64-2 MLP's 4482 parameters take 19-21 us on the 2-thread trainer
 * against 6 us on one thread, and a 2-64-64-1 HNN's part that read the
 * other core's theta ran 33 us (25 %) longer than the part that did not.
 * Streamed past the cache it took 6.5 us, and the other thread's next
 * reads were no slower (doc/performance.md). */
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_ADAM_LANES 1

#define LANES 4
#define VD __m256d
#define VSET1(x) _mm256_set1_pd (x)
#define VLOADU(p) _mm256_loadu_pd (p)
#define VSTOREU(p, x) _mm256_storeu_pd (p, x)
#define VSTREAM(p, x) _mm256_stream_pd (p, x)
#define VADD(a, b) _mm256_add_pd (a, b)
#define VSUB(a, b) _mm256_sub_pd (a, b)
#define VMUL(a, b) _mm256_mul_pd (a, b)
#define VDIV(a, b) _mm256_div_pd (a, b)
#define VSQRT(a) _mm256_sqrt_pd (a)
#define ADAM_TARGET "avx2"
#define FN(name) name##4
#include "optim_adam_lanes.h"

#define LANES 8
#define VD __m512d
#define VSET1(x) _mm512_set1_pd (x)
#define VLOADU(p) _mm512_loadu_pd (p)
#define VSTOREU(p, x) _mm512_storeu_pd (p, x)
#define VSTREAM(p, x) _mm512_stream_pd (p, x)
#define VADD(a, b) _mm512_add_pd (a, b)
#define VSUB(a, b) _mm512_sub_pd (a, b)
#define VMUL(a, b) _mm512_mul_pd (a, b)
#define VDIV(a, b) _mm512_div_pd (a, b)
#define VSQRT(a) _mm512_sqrt_pd (a)
#define ADAM_TARGET "avx512f"
#define FN(name) name##8
#include "optim_adam_lanes.h"
#endif

static int lanes_asked;

void
hlnn_optim_set_lanes (int lanes)
{
  lanes_asked = lanes;
}

int
hlnn_optim_lanes (void)
{
#ifdef HAVE_ADAM_LANES
  if (lanes_asked != 1 && lanes_asked != 4
      && __builtin_cpu_supports ("avx512f"))
    return 8;
  if (lanes_asked != 1 && __builtin_cpu_supports ("avx2"))
    return 4;
#endif
  return 1;
}

static int
adam_update (size_t n, const double *theta, const double *grad,
             const double *m, const double *v, double *theta_new,
             double *m_new, double *v_new, const adam_coeffs *c, int stream)
{
  switch (hlnn_optim_lanes ())
    {
#ifdef HAVE_ADAM_LANES
    case 8:
      return adam_update8 (n, theta, grad, m, v, theta_new, m_new, v_new, c,
                           stream);
    case 4:
      return adam_update4 (n, theta, grad, m, v, theta_new, m_new, v_new, c,
                           stream);
#endif
    default:
      (void) stream;
      return adam_update_scalar (n, theta, grad, m, v, theta_new, m_new,
                                 v_new, c);
    }
}

/* SGD does not use v, but an update written elsewhere carries it over:
 * (theta_new, m_new, v_new) is the whole new state. */
static int
sgd_update (const hlnn_optim_params *p, unsigned long step, size_t n,
            const double *theta, const double *grad, const double *m,
            const double *v, double *theta_new, double *m_new, double *v_new)
{
  if (v_new != v)
    memcpy (v_new, v, n * sizeof (double));
  double nan_test = 0.0;
  for (size_t i = 0; i < n; i++)
    {
      const double g = grad[i] + p->weight_decay * theta[i];
      const double mi = p->momentum > 0 && step > 1 ? p->momentum * m[i] + g
                                                    : g;
      m_new[i] = mi;
      theta_new[i] = theta[i] - p->lr * mi;
      nan_test += theta_new[i] * 0.0;
    }
  return nan_test == 0.0;
}

int
hlnn_optim_step_to (const hlnn_optim_params *p, size_t n,
                    const double *theta, double *grad, const double *m,
                    const double *v, double *theta_new, double *m_new,
                    double *v_new, unsigned long *t)
{
  const unsigned long step = *t + 1;
  int finite;
  if (p->clip_norm > 0)
    hlnn_optim_clip (n, grad, p->clip_norm);
  switch (p->kind)
    {
    case HLNN_OPTIM_ADAM:
    case HLNN_OPTIM_ADAMW:
      {
        const adam_coeffs c = {
          .beta1 = p->beta1, .beta2 = p->beta2, .eps = p->eps,
          .step_size = p->lr / (1.0 - pow (p->beta1, (double) step)),
          .sqrt_bc2 = sqrt (1.0 - pow (p->beta2, (double) step)),
          .decoupled = p->kind == HLNN_OPTIM_ADAMW,
          .decay = 1.0 - p->lr * p->weight_decay, .wd = p->weight_decay
        };
        finite = adam_update (n, theta, grad, m, v, theta_new, m_new, v_new,
                              &c, p->theta_shared);
        break;
      }
    case HLNN_OPTIM_SGD:
      finite = sgd_update (p, step, n, theta, grad, m, v, theta_new, m_new,
                           v_new);
      break;
    default:
      return HLNN_EDOM;
    }
  *t = step;
  return finite ? HLNN_SUCCESS : HLNN_ENAN;
}

int
hlnn_optim_step (const hlnn_optim_params *p, size_t n, double *theta,
                 double *grad, double *m, double *v, unsigned long *t)
{
  return hlnn_optim_step_to (p, n, theta, grad, m, v, theta, m, v, t);
}
