/* SPDX-License-Identifier: BSD-3-Clause
 * Congestion management modes, as DPDK 22.11's rte_cman.h: the types
 * rte_ethdev.h's congestion-management calls take. No driver of rtemem
 * offers congestion management; the calls say -ENOTSUP.
 */
#ifndef RTEMEM_RTE_CMAN_H
#define RTEMEM_RTE_CMAN_H

#include <stdint.h>

#include <rte_bitops.h>

#ifdef __cplusplus
extern "C" {
#endif

enum rte_cman_mode {
	RTE_CMAN_RED = RTE_BIT32(0), /* random early detection */
};

struct rte_cman_red_params {
	uint8_t min_th;    /* percent of the queue */
	uint8_t max_th;    /* percent of the queue */
	uint16_t maxp_inv; /* 1 / highest marking probability */
};

#ifdef __cplusplus
}
#endif

#endif
