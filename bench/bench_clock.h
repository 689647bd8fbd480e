/* bench_clock.h -- the benchmarks' clock: monotonic seconds.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * clock_gettime needs _POSIX_C_SOURCE >= 199309L under -std=c99, defined
 * by each bench before its first include. */
#ifndef HLNN_BENCH_CLOCK_H
#define HLNN_BENCH_CLOCK_H

#include <time.h>

static inline double
bench_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

#endif
