/* hlnn_status.h -- status codes shared by every libhlnn function.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
 *
 * libhlnn never prints and never aborts: every function that can fail
 * returns one of these codes and leaves its outputs unspecified on failure
 * (inputs are never modified on failure unless documented). */
#ifndef HLNN_STATUS_H
#define HLNN_STATUS_H

enum {
  HLNN_SUCCESS = 0,
  HLNN_EDOM    = 1,   /* argument outside the domain (bad size, bad option) */
  HLNN_ENOMEM  = 2,   /* allocation failed */
  HLNN_ESING   = 3,   /* singular matrix where a solve was required */
  HLNN_ENAN    = 4,   /* a non-finite value appeared (divergence) */
  HLNN_EORDER  = 5,   /* activation lacks the derivative order required */
  HLNN_EMAXIT  = 6,   /* iteration limit reached without convergence */
  HLNN_EBADLEN = 7    /* array length does not match the layout */
};

/* Human-readable text for a status code (static storage, never NULL). */
const char *hlnn_strerror (int status);

#endif
