/* finite.h -- whether an array holds only finite numbers.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#ifndef HLNN_FINITE_H
#define HLNN_FINITE_H

#include <stddef.h>

/* Nonzero when no x[i] is NaN or infinite. */
int hlnn_all_finite (size_t n, const double *x);

/* Nonzero when every x[i] is finite and x[i] > x[i-1]: a grid of output
 * times. */
int hlnn_increasing_finite (size_t n, const double *x);

#endif
