/* field.h -- the one signature every vector field in hlnn has.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * A field maps K states at once (rows of the K x d column-major X) to their
 * time derivatives F (same layout), so that a learned field is one GEMM
 * batch per evaluation whatever the number of trajectories.  HNN, LNN, MLP
 * baseline and analytic systems all provide one; integrators only see this. */
#ifndef HLNN_FIELD_H
#define HLNN_FIELD_H

#include <stddef.h>

typedef int (*hlnn_field_fn) (void *ctx, double t, size_t K, const double *X,
                              double *F);

typedef struct {
  hlnn_field_fn f;
  void *ctx;
  size_t d;        /* state dimension */
  size_t K;        /* states per evaluation (for the odeiv2 adapter) */
} hlnn_field;

/* GSL odeiv2 callback: y and dydt are the K x d column-major batch
 * flattened; params is a hlnn_field *.  Returns GSL_SUCCESS or GSL_EBADFUNC
 * (a non-zero status from the field, which odeiv2 passes back up). */
int hlnn_field_odeiv2 (double t, const double y[], double dydt[],
                       void *params);

#endif
