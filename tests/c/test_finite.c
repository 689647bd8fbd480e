/* test_finite.c -- hlnn_all_finite finds every NaN and infinity, in the
 * four-wide body and in the tail, and nothing else.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <float.h>
#include <math.h>
#include "finite.h"
#include "hlnn_test.h"

int
main (void)
{
  /* finite values whose x * 0 is +0 or -0, never NaN */
  double x[9] = { DBL_MAX, -DBL_MAX, DBL_MIN / 8.0, -0.0, 0.0, 1e308, -1.5,
                  4.9406564584124654e-324, 3.0 };
  hlnn_test (hlnn_all_finite (0, NULL), "an empty array is finite");
  int all = 1;
  for (size_t n = 1; n <= 9; n++)
    all = all && hlnn_all_finite (n, x);
  hlnn_test (all, "+-DBL_MAX, a subnormal, +-0 and others: finite at "
             "every length 1-9");

  const double bad[3] = { NAN, INFINITY, -INFINITY };
  const char *const name[3] = { "NaN", "+Inf", "-Inf" };
  for (int b = 0; b < 3; b++)
    {
      /* at every position of lengths 1 to 9: in the four-wide body, in
       * the tail, and as the only entry */
      int found = 1;
      for (size_t n = 1; n <= 9; n++)
        for (size_t i = 0; i < n; i++)
          {
            const double keep = x[i];
            x[i] = bad[b];
            found = found && !hlnn_all_finite (n, x);
            x[i] = keep;
          }
      hlnn_test (found, "one %s is found at each of 45 (length, position) "
                 "pairs", name[b]);
    }
  /* +Inf and -Inf do not cancel */
  double pair[4] = { INFINITY, -INFINITY, 1.0, 2.0 };
  hlnn_test (!hlnn_all_finite (4, pair), "+Inf and -Inf together are found");

  /* output times: finite and strictly increasing */
  const double grid[4] = { -1.0, 0.0, 1e-300, 20.0 };
  const double tie[3] = { 0.0, 1.0, 1.0 }, back[3] = { 0.0, 2.0, 1.0 };
  const double late_nan[3] = { 0.0, 1.0, NAN }, first_inf[2] = { -INFINITY, 0.0 };
  hlnn_test (hlnn_increasing_finite (0, NULL)
             && hlnn_increasing_finite (1, grid)
             && hlnn_increasing_finite (4, grid),
             "an empty grid, one time and -1 < 0 < 1e-300 < 20 are grids");
  hlnn_test (!hlnn_increasing_finite (3, tie)
             && !hlnn_increasing_finite (3, back)
             && !hlnn_increasing_finite (3, late_nan)
             && !hlnn_increasing_finite (2, first_inf),
             "a repeated time, a step back, a NaN and -Inf are refused");
  return hlnn_test_summary ();
}
