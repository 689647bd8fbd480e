/* split.c -- a batch's rows shared among worker threads (split.h).
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "split.h"
#include "hlnn_status.h"

typedef struct {
  struct hlnn_split *owner;
  size_t index;
  void *ctx;
  double *X, *Y, *grad;       /* this part's rows, its gradient */
  double *grad_chunk;         /* a later chunk's gradient (chunked) */
  double loss;
  double scale;               /* loss and grad are scale x the part's */
  size_t rows;
  int status;
  pthread_t thread;
  int started;
} split_part;

struct hlnn_split {
  size_t nparts, nparams, nmax, dx, dy;
  size_t chunk;               /* rows per call of fn; 0: all at once */
  hlnn_lossgrad_fn fn;        /* a loss split (nparams > 0) */
  hlnn_field_fn field;        /* or a field split */
  split_part *part;
  /* the batch in flight, a loss's (theta, Xb, Yb) or a field's (t, Xb,
   * F): written before run_parts moves generation (release), which
   * publishes them to the workers */
  const double *theta, *Xb, *Yb;
  double *F;
  double t;
  size_t nb;
  int want_grad;
  pthread_mutex_t lock;
  pthread_cond_t go, done;
  unsigned long generation;
  unsigned long pending;      /* workers' parts still running */
  int quit;
  int poll;                   /* a part per core at most: waiters poll */
};

/* Waking a thread that sleeps on a condition variable took 14-30 us per
 * batch on this project's 2-core machines (bench_split), against 300 us
 * for a whole step of a 64-wide net: a thread that waits polls for up to
 * this long first, and sleeps only when nothing came.  Only when there
 * are no more parts than cores (split_alloc): a poller on a core another
 * part needs would hold that part back.  Past SPLIT_YIELD_SECONDS it
 * yields now and then, in case something else on the machine needs the
 * core; not before, since on these VMs a sched_yield is a system call of
 * microseconds, and a poller inside one sees its word change that much
 * later (bench_step, small HNN, six alternating pairs: 137-150 us a step
 * against 145-152 with a yield every 64 polls).
 *
 * A poll that sees its word change goes on without the lock: generation
 * is stored (release) after the batch it announces, and pending is
 * decremented (release) after the part's results, so an acquire load of
 * the new value sees them.  The lock guards only the sleeps.  A poller
 * that took the lock on seeing the new value found it, often, still held
 * by the thread that had just stored it, and waited in the kernel, and
 * so did its waker's unlock: on these VMs a system call costs
 * microseconds, and the small HNN's step spent 10 us a step waiting for
 * its other part (doc/performance.md). */
#define SPLIT_POLL_SECONDS 5e-5
#define SPLIT_YIELD_SECONDS 2e-5

static double
seconds_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

static inline void
cpu_relax (void)
{
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
  __builtin_ia32_pause ();
#elif defined(__GNUC__) && (defined(__aarch64__) || defined(__arm__))
  __asm__ __volatile__ ("yield" ::: "memory");
#endif
}

/* Polls *word until it differs from 'from' (want_change) or equals it,
 * for at most SPLIT_POLL_SECONDS; nonzero when it did. */
static int
poll_word (const unsigned long *word, unsigned long from, int want_change)
{
  double t0 = 0.0;
  for (unsigned long i = 0;; i++)
    {
      const unsigned long v = __atomic_load_n (word, __ATOMIC_ACQUIRE);
      if ((v != from) == want_change)
        return 1;
      cpu_relax ();
      if (i % 64 == 0)
        {
          const double t = seconds_now ();
          if (i == 0)
            t0 = t;
          else if (t - t0 > SPLIT_POLL_SECONDS)
            return 0;
          else if (t - t0 > SPLIT_YIELD_SECONDS)
            sched_yield ();
        }
    }
}

size_t
hlnn_split_parts (int threads, size_t nb, size_t min_rows)
{
  size_t n = threads > 1 ? (size_t) threads : 1;
  if (n > HLNN_SPLIT_MAX_PARTS)
    n = HLNN_SPLIT_MAX_PARTS;
  while (n > 1 && nb / n < min_rows)
    n--;
  return n;
}

size_t
hlnn_split_rows (size_t nparts, size_t nmax)
{
  return nparts ? (nmax + nparts - 1) / nparts : 0;
}

/* dst (m x cols) = rows r0..r0+m-1 of src (nb x cols), column-major */
static void
take_rows (double *dst, const double *src, size_t nb, size_t r0, size_t m,
           size_t cols)
{
  for (size_t j = 0; j < cols; j++)
    memcpy (dst + j * m, src + r0 + j * nb, m * sizeof (double));
}

static void
run_part (const struct hlnn_split *s, split_part *p)
{
  const size_t nb = s->nb, k = p->index;
  const size_t r0 = k * nb / s->nparts, r1 = (k + 1) * nb / s->nparts;
  const size_t m = r1 - r0;
  p->rows = m;
  p->status = HLNN_SUCCESS;
  if (m == 0)
    return;
  if (s->field)
    {
      take_rows (p->X, s->Xb, nb, r0, m, s->dx);
      /* each part writes back its own rows: no two threads share one */
      p->status = s->field (p->ctx, s->t, m, p->X, p->Y);
      if (p->status == HLNN_SUCCESS)
        for (size_t j = 0; j < s->dy; j++)
          memcpy (s->F + r0 + j * nb, p->Y + j * m, m * sizeof (double));
      return;
    }
  /* In chunks of c rows: the first chunk's loss and gradient are kept
   * as they come, a later chunk of mc rows adds mc / c times its own,
   * and scale = c / m makes the sum the part's row-weighted mean
   * without another pass over the gradient.  Unchunked (c = m) it is
   * one call, scale 1. */
  const size_t c = s->chunk && s->chunk < m ? s->chunk : m;
  p->scale = (double) c / (double) m;
  p->loss = 0.0;
  for (size_t c0 = 0; c0 < m; c0 += c)
    {
      const size_t mc = m - c0 < c ? m - c0 : c;
      take_rows (p->X, s->Xb, nb, r0 + c0, mc, s->dx);
      take_rows (p->Y, s->Yb, nb, r0 + c0, mc, s->dy);
      double *g = !s->want_grad ? NULL : c0 == 0 ? p->grad : p->grad_chunk;
      double loss;
      p->status = s->fn (p->ctx, s->theta, mc, p->X, p->Y, &loss, g);
      if (p->status)
        return;
      const double w = (double) mc / (double) c;
      p->loss += w * loss;
      if (g && c0 > 0)
        for (size_t i = 0; i < s->nparams; i++)
          p->grad[i] += w * g[i];
    }
}

static void *
worker (void *arg)
{
  split_part *p = arg;
  struct hlnn_split *s = p->owner;
  unsigned long seen = 0;
  for (;;)
    {
      if (!s->poll || !poll_word (&s->generation, seen, 1))
        {
          pthread_mutex_lock (&s->lock);
          while (__atomic_load_n (&s->generation, __ATOMIC_ACQUIRE) == seen)
            pthread_cond_wait (&s->go, &s->lock);
          pthread_mutex_unlock (&s->lock);
        }
      seen = __atomic_load_n (&s->generation, __ATOMIC_ACQUIRE);
      if (__atomic_load_n (&s->quit, __ATOMIC_RELAXED))
        break;
      run_part (s, p);
      if (__atomic_sub_fetch (&s->pending, 1, __ATOMIC_ACQ_REL) == 0)
        {
          /* under the lock: the caller may be between its check of
           * pending and its sleep */
          pthread_mutex_lock (&s->lock);
          pthread_cond_signal (&s->done);
          pthread_mutex_unlock (&s->lock);
        }
    }
  return NULL;
}

void
hlnn_split_free (hlnn_split *s)
{
  if (!s)
    return;
  pthread_mutex_lock (&s->lock);
  __atomic_store_n (&s->quit, 1, __ATOMIC_RELAXED);
  /* a new generation ends a worker's poll at once */
  __atomic_store_n (&s->generation, s->generation + 1, __ATOMIC_RELEASE);
  pthread_cond_broadcast (&s->go);
  pthread_mutex_unlock (&s->lock);
  for (size_t k = 0; k < s->nparts; k++)
    {
      split_part *p = &s->part[k];
      if (p->started)
        pthread_join (p->thread, NULL);
      free (p->X);
      free (p->Y);
      free (p->grad);
      free (p->grad_chunk);
    }
  pthread_cond_destroy (&s->done);
  pthread_cond_destroy (&s->go);
  pthread_mutex_destroy (&s->lock);
  free (s->part);
  free (s);
}

/* A split of nparts parts with row buffers for nmax / nparts rows of dx
 * inputs and dy targets or outputs, and gradients of nparams (0: none);
 * the caller sets fn or field. */
static hlnn_split *
split_alloc (size_t nparts, size_t nparams, size_t nmax, size_t dx,
             size_t dy, void *const *ctx)
{
  if (nparts == 0 || nparts > HLNN_SPLIT_MAX_PARTS || nmax == 0 || dx == 0
      || dy == 0 || !ctx)
    return NULL;
  hlnn_split *s = calloc (1, sizeof *s);
  if (!s)
    return NULL;
  s->part = calloc (nparts, sizeof *s->part);
  if (!s->part || pthread_mutex_init (&s->lock, NULL))
    {
      free (s->part);
      free (s);
      return NULL;
    }
  pthread_cond_init (&s->go, NULL);
  pthread_cond_init (&s->done, NULL);
  s->nparts = nparts;
  s->nparams = nparams;
  s->nmax = nmax;
  s->dx = dx;
  s->dy = dy;
#ifdef _SC_NPROCESSORS_ONLN
  const long cores = sysconf (_SC_NPROCESSORS_ONLN);
  s->poll = cores > 0 && nparts <= (size_t) cores;
#endif
  const size_t rows = hlnn_split_rows (nparts, nmax);
  for (size_t k = 0; k < nparts; k++)
    {
      split_part *p = &s->part[k];
      p->owner = s;
      p->index = k;
      p->ctx = ctx[k];
      p->X = malloc (rows * dx * sizeof (double));
      p->Y = malloc (rows * dy * sizeof (double));
      p->grad = nparams ? malloc (nparams * sizeof (double)) : NULL;
      if (!p->X || !p->Y || (nparams && !p->grad))
        goto fail;
    }
  /* the workers start with every signal blocked, so that a Ctrl-C
   * reaches the interpreter's thread, never a worker */
  sigset_t all, old;
  sigfillset (&all);
  pthread_sigmask (SIG_SETMASK, &all, &old);
  int created = 1;
  for (size_t k = 1; k < nparts && created; k++)
    {
      split_part *p = &s->part[k];
      created = pthread_create (&p->thread, NULL, worker, p) == 0;
      p->started = created;
    }
  pthread_sigmask (SIG_SETMASK, &old, NULL);
  if (!created)
    goto fail;
  return s;
fail:
  hlnn_split_free (s);
  return NULL;
}

hlnn_split *
hlnn_split_alloc (size_t nparts, size_t nparams, size_t nmax, size_t dx,
                  size_t dy, hlnn_lossgrad_fn fn, void *const *ctx)
{
  if (nparams == 0 || !fn)
    return NULL;
  hlnn_split *s = split_alloc (nparts, nparams, nmax, dx, dy, ctx);
  if (s)
    s->fn = fn;
  return s;
}

int
hlnn_split_set_chunk (hlnn_split *s, size_t rows)
{
  if (!s->fn)
    return HLNN_EDOM;
  for (size_t k = 0; rows && k < s->nparts; k++)
    if (!s->part[k].grad_chunk
        && !(s->part[k].grad_chunk = malloc (s->nparams * sizeof (double))))
      return HLNN_ENOMEM;
  s->chunk = rows;
  return HLNN_SUCCESS;
}

hlnn_split *
hlnn_split_field_alloc (size_t nparts, size_t nmax, size_t d,
                        hlnn_field_fn field, void *const *ctx)
{
  if (!field)
    return NULL;
  hlnn_split *s = split_alloc (nparts, 0, nmax, d, d, ctx);
  if (s)
    s->field = field;
  return s;
}

/* Runs the batch set up in s on every part, part 0 on this thread, and
 * returns the first failing part's status. */
static int
run_parts (hlnn_split *s)
{
  pthread_mutex_lock (&s->lock);
  __atomic_store_n (&s->pending, s->nparts - 1, __ATOMIC_RELEASE);
  __atomic_store_n (&s->generation, s->generation + 1, __ATOMIC_RELEASE);
  pthread_cond_broadcast (&s->go);
  pthread_mutex_unlock (&s->lock);

  run_part (s, &s->part[0]);

  if (!s->poll || !poll_word (&s->pending, 0, 0))
    {
      pthread_mutex_lock (&s->lock);
      while (__atomic_load_n (&s->pending, __ATOMIC_ACQUIRE) > 0)
        pthread_cond_wait (&s->done, &s->lock);
      pthread_mutex_unlock (&s->lock);
    }

  for (size_t k = 0; k < s->nparts; k++)
    if (s->part[k].status)
      return s->part[k].status;
  return HLNN_SUCCESS;
}

int
hlnn_split_field (void *split, double t, size_t K, const double *X,
                  double *F)
{
  hlnn_split *s = split;
  if (!s->field || K == 0 || K > s->nmax)
    return HLNN_EDOM;
  s->t = t;
  s->Xb = X;
  s->F = F;
  s->nb = K;
  return run_parts (s);
}

int
hlnn_split_lossgrad (void *split, const double *theta, size_t nb,
                     const double *Xb, const double *Yb, double *loss,
                     double *grad)
{
  hlnn_split *s = split;
  if (!s->fn || nb == 0 || nb > s->nmax)
    return HLNN_EDOM;
  s->theta = theta;
  s->Xb = Xb;
  s->Yb = Yb;
  s->nb = nb;
  s->want_grad = grad != NULL;
  const int status = run_parts (s);
  if (status)
    return status;
  double sum = 0.0;
  int first = 1;
  for (size_t k = 0; k < s->nparts; k++)
    {
      const split_part *p = &s->part[k];
      if (p->rows == 0)
        continue;
      const double w = (double) p->rows / (double) nb * p->scale;
      sum += w * p->loss;
      if (grad && first)
        for (size_t i = 0; i < s->nparams; i++)
          grad[i] = w * p->grad[i];
      else if (grad)
        for (size_t i = 0; i < s->nparams; i++)
          grad[i] += w * p->grad[i];
      first = 0;
    }
  *loss = sum;
  return HLNN_SUCCESS;
}
