/* hlnn.h -- libhlnn umbrella header.
 *
 * Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later. */
#ifndef HLNN_H
#define HLNN_H

#include "hlnn_status.h"
#include "act.h"
#include "mlp.h"
#include "optim.h"
#include "train.h"
#include "split.h"
#include "blas_info.h"
#include "field.h"
#include "hnn.h"
#include "integrate.h"
#include "systems.h"
#include "mlp_field.h"
#include "el.h"
#include "lnn.h"
#include "lnn_variational.h"

#endif
