/* hlnn_status.c -- text for status codes.  GPL-3.0-or-later. */
#include "hlnn_status.h"

const char *
hlnn_strerror (int status)
{
  switch (status)
    {
    case HLNN_SUCCESS: return "success";
    case HLNN_EDOM:    return "argument outside the domain";
    case HLNN_ENOMEM:  return "out of memory";
    case HLNN_ESING:   return "singular matrix";
    case HLNN_ENAN:    return "non-finite value (divergence)";
    case HLNN_EORDER:  return "activation lacks the required derivative order";
    case HLNN_EMAXIT:  return "iteration limit reached without convergence";
    case HLNN_EBADLEN: return "array length does not match the layout";
    default:           return "unknown error";
    }
}
