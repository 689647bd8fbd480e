/* lnn_variational.h -- variational (discrete Euler-Lagrange) rollouts of
 * a learned Lagrangian.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * The midpoint discrete Lagrangian of a step h,
 *     L_h(q0, q1) = h L(m, v),   m = (q0 + q1)/2,  v = (q1 - q0)/h,
 * defines in position-momentum form (Marsden & West 2001, Acta Numerica
 * 10, section 1.5) the map (q0, p0) -> (q1, p1):
 *     p0 = -D1 L_h(q0, q1) = L_v(m, v) - (h/2) L_q(m, v)   (solved for q1)
 *     p1 =  D2 L_h(q0, q1) = L_v(m, v) + (h/2) L_q(m, v)
 * which is symplectic and symmetric, of order 2: the learned energy
 * E = v.L_v - L of a regular L then oscillates without drift over long
 * times, where RK4 lets it drift.  It needs L and its first and second
 * derivatives only, never the acceleration solve A^-1 (...) of lnn.h.
 *
 * q1 by Newton's method with the exact Jacobian
 *     J = d/dq1 [L_v - (h/2) L_q] = [Hu]_v - (h/2) [Hu]_q,
 * column k from one Hessian-vector product of L at (m, v) with
 * u = (e_k/2, e_k/h); n products per iteration, batched over the
 * trajectories still iterating.  A trajectory stops iterating when its
 * update is at most tol max(1, |q1|_inf); quadratic convergence leaves
 * q1 then within round-off, and p1 is taken from one more gradient at it.
 * The state returned at output times is [q qdot], qdot solving the
 * Legendre map p = L_v(q, qdot) by Newton with A = d2L/dqdot2 (same
 * test), started at the last step's mean velocity v.
 * The first guess of q1 is q0 + h v, v the last step's mean velocity
 * (at the start, the initial qdot).
 *
 * Periodic coordinates (lnn.h): a step evaluates L at its midpoints on
 * the branch of its start q0, so its equation stays smooth when it
 * crosses a seam; a trajectory whose step ended on another branch goes on
 * from (q1, qdot1) in the new chart (qdot1 from the Legendre map on the
 * old branch, p1 = L_v on the new), so the network's periodicity error
 * never enters p.  The map is symplectic within a chart.
 *
 * Batched versus single: trajectories leave the iterating set as soon as
 * they converge, so a batch equals single rollouts up to the rounding of
 * the GEMMs for different batch sizes (integrate.h). */
#ifndef HLNN_LNN_VARIATIONAL_H
#define HLNN_LNN_VARIATIONAL_H

#include <stddef.h>
#include "lnn.h"
#include "integrate.h"

typedef struct hlnn_lnn_vi_work hlnn_lnn_vi_work;

/* Workspace for K trajectories of the LNN l (any l->nmax: the batch is
 * evaluated in chunks of it).  NULL for K = 0 or no memory. */
hlnn_lnn_vi_work *hlnn_lnn_vi_alloc (hlnn_lnn *l, size_t K);
void hlnn_lnn_vi_free (hlnn_lnn_vi_work *w);

/* Integrate the K states X0 = [Q Qd] (K x 2n) over the strictly
 * increasing times t[0..T-1] into Xs (T x 2n x K, layout of integrate.h).
 * Of o: step (each output interval cut into ceil(dt/step) equal steps;
 * <= 0: one step per interval), solve_tol, solve_maxit.  st (may be NULL)
 * counts steps, calls (gradient passes), rows, iters and iters_max
 * (Newton iterations for q1).
 * Returns HLNN_SUCCESS; HLNN_ESING (a Jacobian or A became singular),
 * HLNN_ENAN (a state became non-finite), HLNN_EMAXIT (no convergence in
 * solve_maxit iterations), HLNN_EDOM (bad arguments).  On failure Xs
 * holds the times already completed. */
int hlnn_lnn_vi_rollout (hlnn_lnn_vi_work *w, const double *theta,
                         const double *X0, size_t T, const double *t,
                         const hlnn_rollout_opts *o, double *Xs,
                         hlnn_rollout_stats *st);

#endif
