/* fail_threads.c -- an LD_PRELOAD shim for tests/octave/test_thread_fallback:
 * pthread_create refuses (EAGAIN) every thread whose start routine lies in
 * an hlnn MEX file, as when the process is at its thread limit, and says so
 * on stderr; other threads (OpenBLAS's, the interpreter's) start as usual.
 * With it the one-thread fallbacks of training and rollouts run for real.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

typedef int create_fn (pthread_t *, const pthread_attr_t *,
                       void *(*) (void *), void *);

int
pthread_create (pthread_t *thread, const pthread_attr_t *attr,
                void *(*start) (void *), void *arg)
{
  Dl_info info;
  if (dladdr ((void *) start, &info) && info.dli_fname
      && strstr (info.dli_fname, ".mex"))
    {
      fprintf (stderr, "fail_threads: refused a thread of %s\n",
               info.dli_fname);
      return EAGAIN;
    }
  create_fn *real = (create_fn *) dlsym (RTLD_NEXT, "pthread_create");
  return real ? real (thread, attr, start, arg) : ENOSYS;
}
