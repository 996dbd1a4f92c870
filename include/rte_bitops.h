/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef RTEMEM_RTE_BITOPS_H
#define RTEMEM_RTE_BITOPS_H

#include <stdint.h>

#define RTE_BIT64(nr) (UINT64_C(1) << (nr))
#define RTE_BIT32(nr) (UINT32_C(1) << (nr))

#endif
