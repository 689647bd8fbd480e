/* systems.h -- analytic mechanical systems as batched fields, with their
 * Hamiltonian or Lagrangian and energy.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Every function takes K states at once, K x d column-major (rows are
 * states), d = 2n.  Hamiltonian-form systems use x = [q p] and provide H;
 * Lagrangian-form systems use x = [q qdot] and provide L.  Defaults follow
 * Greydanus, Dzamba & Yosinski (2019, "Hamiltonian Neural Networks",
 * reference code greydanus/hamiltonian-nn, final version of 2019-05-20)
 * where the paper has the system.
 *
 * name             form  n  parameters (defaults)
 * spring           H     1  k, m (2, 0.5):  H = p^2/(2m) + k q^2/2
 *                             (the paper's H = q^2 + p^2)
 * pendulum         H     1  m, l, g (0.5, 1, 6):
 *                             H = p^2/(2 m l^2) + m g l (1 - cos q)
 *                             (the paper's H = 3 (1 - cos q) + p^2)
 * double_pendulum  L     2  m1, m2, l1, l2, g (1, 1, 1, 1, 9.8), angles
 *                             from the downward vertical:
 *                             L = (m1+m2) l1^2 w1^2/2 + m2 l2^2 w2^2/2
 *                               + m2 l1 l2 w1 w2 cos(q1 - q2)
 *                               + (m1+m2) g l1 cos q1 + m2 g l2 cos q2
 * two_body         H     4  m1, m2, G (1, 1, 1), planar; q = [x1 x2 y1 y2]
 *                             p = [px1 px2 py1 py2] (the paper's 8-dim
 *                             coordinate order); H = sum |p_i|^2/(2 m_i)
 *                             - G m1 m2 / r12
 * three_body       H     6  m1, m2, m3, G (1, 1, 1, 1), planar;
 *                             q = [x1 x2 x3 y1 y2 y3], p likewise
 * henon_heiles     H     2  lambda (1): H = (px^2 + py^2)/2
 *                             + (x^2 + y^2)/2 + lambda (x^2 y - y^3/3)
 * damped_spring    H     1  k, m, b (2, 0.5, 0.1): the spring with a
 *                             friction force -b qdot:
 *                             q' = p/m, p' = -k q - b p/m (dissipative)
 *
 * Energy: H for the Hamiltonian forms (damped_spring too, where it
 * decays as dH/dt = -b (p/m)^2); T + V for the double pendulum. */
#ifndef HLNN_SYSTEMS_H
#define HLNN_SYSTEMS_H

#include <stddef.h>
#include "field.h"
#include "integrate.h"

#define HLNN_SYS_MAXPAR 8

typedef enum {
  HLNN_SYS_SPRING = 0,
  HLNN_SYS_PENDULUM,
  HLNN_SYS_DOUBLE_PENDULUM,
  HLNN_SYS_TWO_BODY,
  HLNN_SYS_THREE_BODY,
  HLNN_SYS_HENON_HEILES,
  HLNN_SYS_DAMPED_SPRING,
  HLNN_SYS_COUNT
} hlnn_sys_id;

typedef enum {
  HLNN_FORM_HAMILTONIAN = 0,   /* x = [q p], scalar is H */
  HLNN_FORM_LAGRANGIAN         /* x = [q qdot], scalar is L */
} hlnn_sys_form;

typedef struct {
  hlnn_sys_id id;
  size_t n;                    /* degrees of freedom; d = 2n */
  hlnn_sys_form form;
  int dissipative;             /* energy not conserved */
  int separable;               /* H = T(p) + V(q): leapfrog applies */
  size_t npar;
  double par[HLNN_SYS_MAXPAR];
} hlnn_system;

/* Set up system 'name' with parameters par[0..npar-1]; npar = 0 takes the
 * defaults, otherwise npar must equal the system's parameter count.
 * HLNN_EDOM for an unknown name, a wrong count or a non-finite parameter,
 * a non-positive mass, length or spring constant, a negative g, G or b. */
int hlnn_system_init (hlnn_system *s, const char *name, size_t npar,
                      const double *par);
const char *hlnn_system_name (hlnn_sys_id id);
/* Parameter names, comma separated (e.g. "k,m"), and their count. */
const char *hlnn_system_param_names (hlnn_sys_id id, size_t *npar);

/* The first-order field, an hlnn_field_fn with ctx = (hlnn_system *):
 * [q' p'] for Hamiltonian forms, [qdot qddot] for the Lagrangian form. */
int hlnn_system_field (void *ctx, double t, size_t K, const double *X,
                       double *F);
/* Fill an hlnn_field for the system (f->ctx points at s). */
void hlnn_system_as_field (const hlnn_system *s, hlnn_field *f);

/* H (Hamiltonian form) or L (Lagrangian form) of K states into E[K]. */
int hlnn_system_scalar (const hlnn_system *s, size_t K, const double *X,
                        double *E);
/* Total energy of K states into E[K]. */
int hlnn_system_energy (const hlnn_system *s, size_t K, const double *X,
                        double *E);
/* Lagrangian form only: dL/dq and dL/dqdot, K x n each. */
int hlnn_system_dL (const hlnn_system *s, size_t K, const double *X,
                    double *Lq, double *Lv);
/* Separable systems only: the Stormer-Verlet form (ctx points at s). */
int hlnn_system_separable (const hlnn_system *s, hlnn_separable *sep);

#endif
