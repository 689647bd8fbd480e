/* hlnn_mex.h -- what every gateway shares: argument checks, the model
 * struct <-> libhlnn conversion, status -> error identifier, and the
 * per-kind training objective.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Error discipline: a gateway validates every argument before it allocates
 * anything with malloc; after that, it frees before it raises.  Memory from
 * mxMalloc is released by the MEX runtime when an error unwinds the call.
 * Every gateway calls hlnn_mex_init() first, which turns GSL's aborting
 * error handler off. */
#ifndef HLNN_MEX_H
#define HLNN_MEX_H

#include <stddef.h>
#include "mex.h"
#include "hlnn.h"

#define HLNN_VERSION "0.1.0"

typedef enum { HLNN_KIND_MLP = 0, HLNN_KIND_HNN, HLNN_KIND_LNN } hlnn_kind;

/* Most affine layers a model struct may have. */
#define HLNN_MEX_MAX_LAYERS 64

/* A model struct read into C.  theta is mxMalloc'ed: the MLP's parameters
 * followed by 'nextra' kind-specific ones (e.g. a learned dissipation). */
typedef struct {
  hlnn_kind kind;
  size_t nlayers, sizes[HLNN_MEX_MAX_LAYERS + 1];
  hlnn_act act;
  hlnn_mlp *net;          /* NULL until hlnn_mex_model_alloc_net */
  double *theta;
  size_t ntheta, nextra;
  size_t n;               /* degrees of freedom (hnn, lnn); inputs (mlp) */
  int dissipation;        /* hnn: 0 none, 1 fixed, 2 learned */
  double gamma;           /* hnn: fixed dissipation rate */
  const double *loss_weights;  /* hnn: 2n field-loss weights or NULL */
  double regularization;  /* lnn: Tikhonov parameter of the E-L solve */
  const double *period;   /* n periods of q (hnn, lnn) or of the inputs
                           * (mlp), 0: none; or NULL */
} hlnn_mex_model;

void hlnn_mex_init (void);

/* Raise "hlnn:<id>" with a printf-style message (does not return). */
void hlnn_mex_fail (const char *id, const char *fmt, ...)
#ifdef __GNUC__
  __attribute__ ((noreturn, format (printf, 2, 3)))
#endif
  ;

/* Raise an error for a libhlnn status: id "hlnn:<area>:<what>" where
 * <what> is derived from the status (diverged, singular, order, ...). */
void hlnn_mex_fail_status (const char *area, int status, const char *context)
#ifdef __GNUC__
  __attribute__ ((noreturn))
#endif
  ;

void hlnn_mex_check_nargs (int nrhs, int min, int max, int nlhs, int maxout,
                           const char *fname);

/* A real, full, double matrix, rows x cols (0 = any; but never empty),
 * all finite when 'finite'.  Raises hlnn:arg:<what> naming 'name'. */
const double *hlnn_mex_matrix (const mxArray *a, const char *name,
                               size_t rows, size_t cols, int finite);

/* A real finite scalar (optionally integer-valued and within [lo, hi]). */
double hlnn_mex_scalar (const mxArray *a, const char *name, int integer,
                        double lo, double hi);

/* A field of a struct, or NULL when absent. */
const mxArray *hlnn_mex_field (const mxArray *s, const char *field);

/* Set field f of the scalar struct s to v (adding f when absent), freeing
 * the value it replaces: mxSetField alone orphans it (a leak per call). */
void hlnn_mex_set_field (mxArray *s, const char *f, mxArray *v);

/* A char row vector copied into buf (raises when absent or too long). */
void hlnn_mex_string (const mxArray *a, const char *name, char *buf,
                      size_t len);

/* Raise the error for a system that hlnn_system_init refused, naming the
 * argument at fault: the name (unknown system), or the parameters (wrong
 * count, or a value out of range).  s is scratch space. */
void hlnn_system_fail (hlnn_system *s, const char *name_arg,
                       const char *params_arg, const char *name, size_t npar)
#ifdef __GNUC__
  __attribute__ ((noreturn))
#endif
  ;

/* Read and validate a model struct (argument name 'name' in messages).
 * Uses only mxMalloc, so later argument checks may still raise freely. */
void hlnn_mex_model_read (const mxArray *s, const char *name,
                          hlnn_mex_model *m);
/* Allocate m->net (malloc); from here on free before raising. */
void hlnn_mex_model_alloc_net (hlnn_mex_model *m);
void hlnn_mex_model_free (hlnn_mex_model *m);

/* Copy of the struct 's' with W, b (and kind-specific extras) set from
 * m->theta. */
mxArray *hlnn_mex_model_write (const mxArray *s, const hlnn_mex_model *m);

/* The hlnn_hnn of an 'hnn' model (dissipation, loss weights set) for
 * batches of nmax; NULL with *status set on failure.  Its parameters are
 * m->theta. */
hlnn_hnn *hlnn_mex_model_hnn (const hlnn_mex_model *m, size_t nmax,
                              int *status);

/* The core LNN (lnn.h) of an 'lnn' model, workspace for chunks of nmax
 * samples, regularisation and periods from the model; NULL with *status
 * set when the layout is refused or memory runs out.  Free with
 * hlnn_lnn_free. */
hlnn_lnn *hlnn_mex_model_lnn (const hlnn_mex_model *m, size_t nmax,
                              int *status);

/* The model's periods and loss weights into an HNN of its layout. */
int hlnn_mex_model_hnn_configure (const hlnn_mex_model *m, hlnn_hnn *h);

/* The model's regularisation and periods into an LNN of its layout. */
void hlnn_mex_model_lnn_configure (const hlnn_mex_model *m, hlnn_lnn *l);

/* Expected columns of the training inputs X and targets Y for a model. */
void hlnn_mex_model_data_dims (const hlnn_mex_model *m, size_t *dx,
                               size_t *dy);

/* The training objective of a model kind, on batches of at most nmax. */
typedef struct hlnn_mex_objective hlnn_mex_objective;
hlnn_mex_objective *hlnn_mex_objective_alloc (const hlnn_mex_model *m,
                                              size_t nmax, int *status);
void hlnn_mex_objective_free (hlnn_mex_objective *o);
/* (Re)apply the model's settings that do not change the workspace's
 * shape: the MLP's net, the HNN's loss weights, the LNN's
 * regularisation (and its solve counters, reset). */
int hlnn_mex_objective_configure (hlnn_mex_objective *o,
                                  const hlnn_mex_model *m);
hlnn_lossgrad_fn hlnn_mex_objective_fn (void);
/* ctx to pass with hlnn_mex_objective_fn () */
void *hlnn_mex_objective_ctx (hlnn_mex_objective *o);

#endif
