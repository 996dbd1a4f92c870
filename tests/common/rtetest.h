/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers shared by the cmocka tests.
 */
#ifndef RTEMEM_RTETEST_H
#define RTEMEM_RTETEST_H

#include <stdbool.h>

/*
 * rte_eal_init with the arguments in args (space separated, may be NULL)
 * after defaults that suit the HAL the tests were built for: a private
 * --file-prefix per process, and on Linux the hugetlbfs mount given by
 * $RTEMEM_HUGE_DIR if set. --sim=... arguments are dropped on HAL=linux.
 * Returns what rte_eal_init returned.
 */
int rtetest_eal_init(const char *args);

/* True when built with HAL=sim (sim-only cases skip() otherwise). */
bool rtetest_hal_is_sim(void);

#endif
