/* systems.c -- registry and dispatch of the analytic systems.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#include <math.h>
#include <string.h>
#include "hlnn_status.h"
#include "sys_impl.h"

static const hlnn_sys_class *const classes[HLNN_SYS_COUNT] = {
  &hlnn_sys_spring, &hlnn_sys_pendulum, &hlnn_sys_double_pendulum,
  &hlnn_sys_two_body, &hlnn_sys_three_body, &hlnn_sys_henon_heiles,
  &hlnn_sys_damped_spring
};

int
hlnn_system_init (hlnn_system *s, const char *name, size_t npar,
                  const double *par)
{
  if (!s || !name)
    return HLNN_EDOM;
  for (int id = 0; id < HLNN_SYS_COUNT; id++)
    {
      const hlnn_sys_class *c = classes[id];
      if (strcmp (name, c->name) != 0)
        continue;
      if (npar != 0 && (npar != c->npar || !par))
        return HLNN_EDOM;
      memset (s, 0, sizeof *s);
      s->id = (hlnn_sys_id) id;
      s->n = c->n;
      s->form = c->form;
      s->dissipative = c->dissipative;
      s->separable = c->dVdq != NULL;
      s->npar = c->npar;
      for (size_t j = 0; j < c->npar; j++)
        {
          const double v = npar ? par[j] : c->defaults[j];
          const int pos = (c->positive >> j) & 1u;
          if (!isfinite (v) || (pos ? !(v > 0) : !(v >= 0)))
            return HLNN_EDOM;
          s->par[j] = v;
        }
      return HLNN_SUCCESS;
    }
  return HLNN_EDOM;
}

const char *
hlnn_system_name (hlnn_sys_id id)
{
  return (unsigned) id < HLNN_SYS_COUNT ? classes[id]->name : "unknown";
}

const char *
hlnn_system_param_names (hlnn_sys_id id, size_t *npar)
{
  if ((unsigned) id >= HLNN_SYS_COUNT)
    {
      if (npar)
        *npar = 0;
      return "";
    }
  if (npar)
    *npar = classes[id]->npar;
  return classes[id]->par_names;
}

static const hlnn_sys_class *
class_of (const hlnn_system *s)
{
  return s && (unsigned) s->id < HLNN_SYS_COUNT ? classes[s->id] : NULL;
}

int
hlnn_system_field (void *ctx, double t, size_t K, const double *X, double *F)
{
  const hlnn_system *s = ctx;
  const hlnn_sys_class *c = class_of (s);
  (void) t;   /* all systems here are autonomous */
  return c ? c->field (s, K, X, F) : HLNN_EDOM;
}

void
hlnn_system_as_field (const hlnn_system *s, hlnn_field *f)
{
  f->f = hlnn_system_field;
  f->ctx = (void *) s;
  f->d = 2 * s->n;
  f->K = 1;
}

int
hlnn_system_scalar (const hlnn_system *s, size_t K, const double *X,
                    double *E)
{
  const hlnn_sys_class *c = class_of (s);
  return c ? c->scalar (s, K, X, E) : HLNN_EDOM;
}

int
hlnn_system_energy (const hlnn_system *s, size_t K, const double *X,
                    double *E)
{
  const hlnn_sys_class *c = class_of (s);
  return c ? c->energy (s, K, X, E) : HLNN_EDOM;
}

int
hlnn_system_dL (const hlnn_system *s, size_t K, const double *X, double *Lq,
                double *Lv)
{
  const hlnn_sys_class *c = class_of (s);
  return c && c->dL ? c->dL (s, K, X, Lq, Lv) : HLNN_EDOM;
}

int
hlnn_system_separable (const hlnn_system *s, hlnn_separable *sep)
{
  const hlnn_sys_class *c = class_of (s);
  if (!c || !c->dVdq)
    return HLNN_EDOM;
  sep->n = s->n;
  sep->dVdq = c->dVdq;
  sep->dTdp = c->dTdp;
  sep->accel = NULL;
  sep->ctx = (void *) s;
  return HLNN_SUCCESS;
}
