/* blas_info.h -- which CBLAS the running process really calls.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * Inside Octave, libgsl's cblas_* symbols can resolve to OpenBLAS (already
 * in the global scope) or to libgslcblas; the linker decides, not us.  So
 * we ask the process at run time instead of trusting the build flags. */
#ifndef HLNN_BLAS_INFO_H
#define HLNN_BLAS_INFO_H

/* "OpenBLAS <config>" when OpenBLAS is loaded, else "gslcblas".  The
 * returned string is static. */
const char *hlnn_blas_name (void);

/* Threads the BLAS will use (1 for gslcblas). */
int hlnn_blas_threads (void);

/* Set the BLAS thread count where the library allows it; returns the
 * count in force afterwards. */
int hlnn_blas_set_threads (int n);

/* 1 when the BLAS is OpenBLAS running kernels for AVX-512 (its SkylakeX,
 * Cooperlake or SapphireRapids cores, whose small-matrix paths do not
 * pack), else 0. */
int hlnn_blas_avx512_kernels (void);

#endif
