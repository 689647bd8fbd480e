/* split.h -- a training loss or a vector field over a batch, its rows
 * shared among threads.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Every training loss of hlnn is a mean over the rows of its batch, so the
 * loss and gradient of a batch are the row-weighted means of those of its
 * parts.  Each part has its own loss context (hence its own workspace) and
 * runs on its own thread, calling a one-thread BLAS.  At training sizes (a
 * few hundred rows, widths of a few hundred) two GEMMs side by side run at
 * nearly twice one core's rate, while one GEMM shared by OpenBLAS's two
 * threads does not, and the elementwise work between the GEMMs, which
 * OpenBLAS leaves on one core, is shared too (doc/performance.md).
 *
 * Part 0 runs on the calling thread, parts 1..nparts-1 on worker threads
 * started by hlnn_split_alloc and joined by hlnn_split_free; between
 * batches they poll briefly, then sleep on a condition variable.  Nothing is allocated per
 * batch.  Rows are dealt in contiguous blocks, part k taking rows
 * [k nb / nparts, (k+1) nb / nparts), and the parts are summed in a fixed
 * order: the result depends on nparts, never on the threads' timing.
 *
 * The caller sets the BLAS to one thread while the parts run
 * (hlnn_blas_set_threads): a BLAS that shares each call among its own
 * threads would oversubscribe the cores.  (An OpenMP build of OpenBLAS
 * keeps that setting per thread, so its workers may still share their
 * calls; Debian's default OpenBLAS is the pthreads build.)  The parts'
 * contexts must be safe to run at once: hlnn's are, given GSL's error
 * handler is off (el.h). */
#ifndef HLNN_SPLIT_H
#define HLNN_SPLIT_H

#include <stddef.h>
#include "train.h"
#include "field.h"

/* Upper bound on nparts: a guard against a mistaken count, far above the
 * cores of the machines hlnn is written for. */
#define HLNN_SPLIT_MAX_PARTS 64

typedef struct hlnn_split hlnn_split;

/* nparts contexts for fn, ctx[k] able to take hlnn_split_rows (nparts,
 * nmax) rows; batches of at most nmax rows of dx inputs and dy targets.
 * The contexts stay the caller's (not freed here).  NULL on a bad
 * argument, on exhausted memory or when a thread cannot be started. */
hlnn_split *hlnn_split_alloc (size_t nparts, size_t nparams, size_t nmax,
                              size_t dx, size_t dy, hlnn_lossgrad_fn fn,
                              void *const *ctx);
void hlnn_split_free (hlnn_split *s);

/* Each part then calls fn on at most 'rows' of its rows at a time (0: on
 * all of them at once, the default), and adds up the chunks' losses and
 * gradients weighted by their rows.  A part's rows of a 200-wide HNN
 * make arrays of several hundred kB per layer, which the elementwise
 * passes between the GEMMs stream from L3; in chunks that fit closer to
 * the core a step is faster (doc/performance.md).  The result then
 * depends on the chunk size too, through rounding only.  The contexts
 * then need only 'rows' rows (not hlnn_split_rows'): set the chunk before
 * the first batch, and never raise it or set it to 0 afterwards.
 * HLNN_EDOM for a field split, HLNN_ENOMEM when the chunks' gradient
 * buffers cannot be allocated (the split is unchanged). */
int hlnn_split_set_chunk (hlnn_split *s, size_t rows);

/* Parts for a batch of nb rows on 'threads' threads: one per thread,
 * fewer when a part would receive fewer than min_rows rows; at least 1,
 * at most HLNN_SPLIT_MAX_PARTS. */
size_t hlnn_split_parts (int threads, size_t nb, size_t min_rows);

/* The most rows one part receives from a batch of nmax rows. */
size_t hlnn_split_rows (size_t nparts, size_t nmax);

/* hlnn_lossgrad_fn with ctx = a hlnn_split *.  Parts that receive no rows
 * (nb < nparts) are skipped.  Returns the status of the first part, in
 * part order, that failed; loss and grad are then unspecified. */
int hlnn_split_lossgrad (void *split, const double *theta, size_t nb,
                         const double *Xb, const double *Yb, double *loss,
                         double *grad);

/* The same for a vector field (field.h): the K states of each call are
 * dealt among the parts, each part's field writing its own rows of F.
 * A rollout of 15 states at the HNN paper's size is 15-row GEMMs, which
 * OpenBLAS's threads share erratically (doc/performance.md). */
hlnn_split *hlnn_split_field_alloc (size_t nparts, size_t nmax, size_t d,
                                    hlnn_field_fn field, void *const *ctx);

/* hlnn_field_fn with ctx = a hlnn_split * from hlnn_split_field_alloc;
 * HLNN_EDOM for K = 0 or K above nmax, else the first failing part's
 * status (F then unspecified). */
int hlnn_split_field (void *split, double t, size_t K, const double *X,
                      double *F);

#endif
