/* blas_info.c -- run-time BLAS identification through dlsym.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include "blas_info.h"

typedef char *(*config_fn) (void);
typedef int (*get_threads_fn) (void);
typedef void (*set_threads_fn) (int);

const char *
hlnn_blas_name (void)
{
  static char name[256];
  config_fn cfg = (config_fn) dlsym (RTLD_DEFAULT, "openblas_get_config");
  if (!cfg)
    return "gslcblas";
  /* openblas_get_config () already starts with "OpenBLAS <version>" */
  snprintf (name, sizeof name, "%s", cfg ());
  return name;
}

int
hlnn_blas_threads (void)
{
  /* looked up once: gemm.c asks before large products, where a dlsym
   * each time would cost more than a small one; two threads looking it
   * up at once store the same pointer */
  static get_threads_fn f;
  static int looked_up;
  if (!__atomic_load_n (&looked_up, __ATOMIC_ACQUIRE))
    {
      __atomic_store_n (&f, (get_threads_fn) dlsym (RTLD_DEFAULT,
                                                    "openblas_get_num_threads"),
                        __ATOMIC_RELAXED);
      __atomic_store_n (&looked_up, 1, __ATOMIC_RELEASE);
    }
  get_threads_fn g = __atomic_load_n (&f, __ATOMIC_RELAXED);
  return g ? g () : 1;
}

int
hlnn_blas_set_threads (int n)
{
  set_threads_fn f =
    (set_threads_fn) dlsym (RTLD_DEFAULT, "openblas_set_num_threads");
  if (f && n > 0)
    f (n);
  return hlnn_blas_threads ();
}

int
hlnn_blas_avx512_kernels (void)
{
  config_fn core = (config_fn) dlsym (RTLD_DEFAULT, "openblas_get_corename");
  if (!core)
    return 0;
  const char *name = core ();
  return name && (strcasestr (name, "skylakex") || strcasestr (name, "cooperlake")
                  || strcasestr (name, "sapphirerapids"));
}
