/* fdjac.c -- central-difference Jacobian of a batched field.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Column j for all K rows is one field call on the 2K stacked states
 * x + h e_j and x - h e_j, so a learned field pays d GEMM batches.  The
 * step h = cbrt(eps) max(1, |x_j|) balances truncation (h^2) against
 * round-off (eps / h); dividing by the representable difference
 * (x + h) - (x - h) removes the error of h itself. */
#include <float.h>
#include <math.h>
#include <string.h>
#include "hlnn_status.h"
#include "integrate.h"

int
hlnn_field_fdjac (const hlnn_field *f, double t, size_t K, const double *X,
                  double *J, double *Y, double *FY)
{
  const size_t d = f->d, K2 = 2 * K;
  const double cr = cbrt (DBL_EPSILON);
  for (size_t j = 0; j < d; j++)
    {
      memcpy (Y + K2 * j, X + K * j, K * sizeof (double));
      memcpy (Y + K2 * j + K, X + K * j, K * sizeof (double));
    }
  for (size_t j = 0; j < d; j++)
    {
      for (size_t k = 0; k < K; k++)
        {
          const double xj = X[k + K * j], h = cr * fmax (1.0, fabs (xj));
          Y[k + K2 * j] = xj + h;
          Y[K + k + K2 * j] = xj - h;
        }
      const int status = f->f (f->ctx, t, K2, Y, FY);
      if (status)
        return status;
      for (size_t k = 0; k < K; k++)
        {
          const double den = Y[k + K2 * j] - Y[K + k + K2 * j];
          for (size_t i = 0; i < d; i++)
            J[k + K * (i + d * j)] = (FY[k + K2 * i] - FY[K + k + K2 * i]) / den;
          Y[k + K2 * j] = Y[K + k + K2 * j] = X[k + K * j];
        }
    }
  return HLNN_SUCCESS;
}
