/* hlnn_test.h -- minimal test reporting for the C unit tests, GSL style:
 * each check prints one PASS/FAIL line with the measured figure; main()
 * ends with hlnn_test_summary(), which prints "N passed, N failed" and
 * returns the exit status.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#ifndef HLNN_TEST_H
#define HLNN_TEST_H

#include <stdarg.h>
#include <stdio.h>
#include <math.h>
#include "hlnn.h"

static int hlnn_test_passed = 0, hlnn_test_failed = 0;

/* Record one check; fmt describes it (printed after PASS/FAIL). */
static inline void
hlnn_test (int ok, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  printf ("%s: ", ok ? "PASS" : "FAIL");
  vprintf (fmt, ap);
  printf ("\n");
  va_end (ap);
  if (ok)
    hlnn_test_passed++;
  else
    hlnn_test_failed++;
}

/* Relative error check: |got - want| <= tol * max(|want|, tiny). */
static inline void
hlnn_test_rel (double got, double want, double tol, const char *what)
{
  const double scale = fabs (want) > 1e-300 ? fabs (want) : 1e-300;
  const double err = fabs (got - want) / scale;
  hlnn_test (err <= tol, "%s: got %.17g want %.17g (rel err %.3g, tol %.3g)",
             what, got, want, err, tol);
}

static inline int
hlnn_test_summary (void)
{
  printf ("%d passed, %d failed\n", hlnn_test_passed, hlnn_test_failed);
  return hlnn_test_failed ? 1 : 0;
}

/* Norm-wise relative error max|a - b| / max|b| of two vectors. */
static inline double
hlnn_test_vec_relerr (size_t n, const double *a, const double *b)
{
  double num = 0.0, den = 0.0;
  for (size_t i = 0; i < n; i++)
    {
      const double d = fabs (a[i] - b[i]);
      if (!(d <= num))
        num = d;            /* also catches NaN */
      if (fabs (b[i]) > den)
        den = fabs (b[i]);
    }
  return den > 0 ? num / den : num;
}

/* An MLP's mean squared error as a training loss (hlnn_lossgrad_fn,
 * train.h), ctx = a hlnn_test_mlp *: what the trainer and split tests
 * train when the model kind does not matter. */
typedef struct {
  hlnn_mlp *net;
  hlnn_mlp_work *w;
} hlnn_test_mlp;

static inline int
hlnn_test_mlp_lossgrad (void *ctx, const double *theta, size_t nb,
                        const double *Xb, const double *Yb, double *loss,
                        double *grad)
{
  hlnn_test_mlp *c = ctx;
  return hlnn_mlp_mse (c->net, theta, nb, Xb, Yb, loss, grad, c->w);
}

#endif
