/* period.h -- coordinates with a period (an angle has 2 pi): HNNs and
 * LNNs hand such a coordinate to their network wrapped into [-P/2, P/2),
 * where it was trained, while states stay continuous.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * A period of 0 means none; a valid period is finite and >= 0. */
#ifndef HLNN_PERIOD_H
#define HLNN_PERIOD_H

#include <math.h>
#include <stddef.h>

/* The multiple of P that x - turn lies in [-P/2, P/2) (0 without a
 * period); x - turn is x itself there, but for rounding at P/2. */
static inline double
hlnn_period_turn (double x, double P)
{
  return P > 0.0 ? P * floor (x / P + 0.5) : 0.0;
}

/* Columns j < n of the m-row column-major X, each by its period[j]. */
static inline void
hlnn_period_wrap (size_t n, const double *period, size_t m, double *X)
{
  for (size_t j = 0; j < n; j++)
    if (period[j] > 0.0)
      for (size_t i = 0; i < m; i++)
        X[i + j * m] -= hlnn_period_turn (X[i + j * m], period[j]);
}

static inline int
hlnn_periods_ok (size_t n, const double *period)
{
  for (size_t j = 0; j < n; j++)
    if (!(period[j] >= 0.0) || !isfinite (period[j]))
      return 0;
  return 1;
}

static inline int
hlnn_periods_any (size_t n, const double *period)
{
  for (size_t j = 0; j < n; j++)
    if (period[j] > 0.0)
      return 1;
  return 0;
}

#endif
