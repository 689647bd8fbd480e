/* finite.c -- whether an array holds only finite numbers (finite.h).
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include "finite.h"

int
hlnn_all_finite (size_t n, const double *x)
{
  /* x * 0 is NaN iff x is NaN or infinite, so one sum tells.  Four sums,
   * not one, and no branch: a gradient is checked every training step
   * while the other threads wait (split.h), and a single chain of
   * dependent additions took 4 cycles per parameter.  This file must not
   * be built with -ffast-math, which may fold x * 0 to 0. */
  double acc[4] = { 0.0, 0.0, 0.0, 0.0 };
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    for (size_t k = 0; k < 4; k++)
      acc[k] += x[i + k] * 0.0;
  for (; i < n; i++)
    acc[0] += x[i] * 0.0;
  return acc[0] + acc[1] + acc[2] + acc[3] == 0.0;
}
