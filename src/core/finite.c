/* finite.c -- whether an array holds only finite numbers (finite.h).
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <math.h>
#include "finite.h"

/* -ffast-math lets the compiler fold x * 0 to 0 and assume no NaN */
#if defined __FAST_MATH__ || (defined __FINITE_MATH_ONLY__ && __FINITE_MATH_ONLY__)
#error "finite.c must be built without -ffast-math or -ffinite-math-only"
#endif

int
hlnn_all_finite (size_t n, const double *x)
{
  /* x * 0 is NaN iff x is NaN or infinite, so one sum tells.  Four
   * sums and no branch: a single chain of dependent additions took 4
   * cycles an entry, and the trainer checks every gradient while its
   * other threads wait (split.h). */
  double acc[4] = { 0.0, 0.0, 0.0, 0.0 };
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    for (size_t k = 0; k < 4; k++)
      acc[k] += x[i + k] * 0.0;
  for (; i < n; i++)
    acc[0] += x[i] * 0.0;
  return acc[0] + acc[1] + acc[2] + acc[3] == 0.0;
}

int
hlnn_increasing_finite (size_t n, const double *x)
{
  for (size_t i = 0; i < n; i++)
    if (!isfinite (x[i]) || (i > 0 && !(x[i] > x[i - 1])))
      return 0;
  return 1;
}
