/* field.c -- adapter from hlnn_field to GSL's odeiv2 system function.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <gsl/gsl_errno.h>
#include "field.h"

int
hlnn_field_odeiv2 (double t, const double y[], double dydt[], void *params)
{
  const hlnn_field *fld = params;
  return fld->f (fld->ctx, t, fld->K, y, dydt) ? GSL_EBADFUNC : GSL_SUCCESS;
}
