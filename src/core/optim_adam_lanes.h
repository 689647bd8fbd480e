/* optim_adam_lanes.h -- optim.c's Adam update for one vector width,
 * included once per width (as gemm_thin_lanes.h): LANES, the vector type
 * VD, the operations VSET1, VLOADU, VSTOREU, VSTREAM (aligned, past the
 * cache), VADD, VSUB, VMUL, VDIV, VSQRT, the instruction sets
 * ADAM_TARGET and FN (name), the name for this width, are defined by the
 * includer, and undefined here at the end.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */

/* adam_update_scalar's update lane by lane, in PyTorch's order of
 * operations: the same bits at every width.  A streamed theta_new is
 * written in aligned blocks after a head that adam_update_scalar takes,
 * as it takes the tail.  Nonzero when every entry of theta_new is
 * finite. */
__attribute__ ((target (ADAM_TARGET))) static int
FN (adam_update) (size_t n, const double *theta, const double *grad,
                  const double *m, const double *v, double *theta_new,
                  double *m_new, double *v_new, const adam_coeffs *c,
                  int stream)
{
  size_t i = 0;
  if (stream)
    while (i < n && (uintptr_t) (theta_new + i) % sizeof (VD) != 0)
      i++;
  int finite = adam_update_scalar (i, theta, grad, m, v, theta_new, m_new,
                                   v_new, c);
  const VD b1 = VSET1 (c->beta1), c1 = VSET1 (1.0 - c->beta1);
  const VD b2 = VSET1 (c->beta2), c2 = VSET1 (1.0 - c->beta2);
  const VD ss = VSET1 (c->step_size), sb = VSET1 (c->sqrt_bc2);
  const VD ep = VSET1 (c->eps), dk = VSET1 (c->decay), w = VSET1 (c->wd);
  const VD zero = VSET1 (0.0);
  VD nan_lanes = zero;
  for (; i + LANES <= n; i += LANES)
    {
      VD th = VLOADU (theta + i), g = VLOADU (grad + i);
      if (c->decoupled)
        th = VMUL (th, dk);
      else
        g = VADD (g, VMUL (w, th));
      const VD mi = VADD (VMUL (b1, VLOADU (m + i)), VMUL (c1, g));
      const VD vi = VADD (VMUL (b2, VLOADU (v + i)), VMUL (VMUL (c2, g), g));
      VSTOREU (m_new + i, mi);
      VSTOREU (v_new + i, vi);
      const VD den = VADD (VDIV (VSQRT (vi), sb), ep);
      const VD th_new = VSUB (th, VDIV (VMUL (ss, mi), den));
      if (stream)
        VSTREAM (theta_new + i, th_new);
      else
        VSTOREU (theta_new + i, th_new);
      nan_lanes = VADD (nan_lanes, VMUL (th_new, zero));
    }
  double lane[LANES], nan_test = 0.0;
  VSTOREU (lane, nan_lanes);
  for (size_t k = 0; k < LANES; k++)
    nan_test += lane[k];
  finite &= nan_test == 0.0;
  finite &= adam_update_scalar (n - i, theta + i, grad + i, m + i, v + i,
                                theta_new + i, m_new + i, v_new + i, c);
  /* streamed stores are weakly ordered: make them visible before the
   * threads are handed the next batch */
  if (stream)
    _mm_sfence ();
  return finite;
}

#undef LANES
#undef VD
#undef VSET1
#undef VLOADU
#undef VSTOREU
#undef VSTREAM
#undef VADD
#undef VSUB
#undef VMUL
#undef VDIV
#undef VSQRT
#undef ADAM_TARGET
#undef FN
