/* SPDX-License-Identifier: BSD-3-Clause
 * Pseudo-random numbers, as DPDK 22.11's rte_random.h: fast, not for
 * cryptography. Each lcore draws from its own state, so EAL threads never
 * contend; any other thread gets a state of its own too. rte_srand reseeds
 * every state deterministically from one value (seeded from the CPU
 * counter when the library loads).
 */
#ifndef RTEMEM_RTE_RANDOM_H
#define RTEMEM_RTE_RANDOM_H

#include <stdint.h>

#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

void rte_srand(uint64_t seedval);
/* 64 random bits. */
uint64_t rte_rand(void);
/* Uniform in [0, upper_bound); 0 for an upper bound of 0. */
uint64_t rte_rand_max(uint64_t upper_bound);
/* Uniform in [0, 1). */
__rte_experimental double rte_drand(void);

#ifdef __cplusplus
}
#endif

#endif
