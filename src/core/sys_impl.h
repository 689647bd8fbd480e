/* sys_impl.h -- per-system function tables behind systems.h (private).
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#ifndef HLNN_SYS_IMPL_H
#define HLNN_SYS_IMPL_H

#include "systems.h"

typedef int (*hlnn_sys_eval) (const hlnn_system *s, size_t K,
                              const double *X, double *out);

typedef struct {
  const char *name;
  size_t n;
  hlnn_sys_form form;
  int dissipative;
  size_t npar;
  const char *par_names;
  double defaults[HLNN_SYS_MAXPAR];
  /* bit j set: parameter j must be > 0; else it must be >= 0 */
  unsigned positive;
  hlnn_sys_eval scalar, energy, field;
  hlnn_grad_fn dVdq, dTdp;   /* NULL unless separable; ctx is the system */
  int (*dL) (const hlnn_system *s, size_t K, const double *X, double *Lq,
             double *Lv);
} hlnn_sys_class;

extern const hlnn_sys_class hlnn_sys_spring, hlnn_sys_damped_spring,
  hlnn_sys_pendulum, hlnn_sys_double_pendulum, hlnn_sys_two_body,
  hlnn_sys_three_body, hlnn_sys_henon_heiles;

#endif
