/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef RTEMEM_RTE_BRANCH_PREDICTION_H
#define RTEMEM_RTE_BRANCH_PREDICTION_H

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

#endif
