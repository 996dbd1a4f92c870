/* SPDX-License-Identifier: BSD-3-Clause
 * The SIMD width code paths may use, as DPDK 22.11's rte_vect.h: drivers
 * with vector paths ask rte_vect_get_max_simd_bitwidth() before choosing
 * one, so setting it to RTE_VECT_SIMD_DISABLED makes them take their
 * scalar paths (DPDK's EAL option --force-max-simd-bitwidth does the same).
 */
#ifndef RTEMEM_RTE_VECT_H
#define RTEMEM_RTE_VECT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum rte_vect_max_simd {
	RTE_VECT_SIMD_DISABLED = 64, /* no vector paths */
	RTE_VECT_SIMD_128 = 128,     /* SSE, Neon */
	RTE_VECT_SIMD_256 = 256,     /* AVX2 and below */
	RTE_VECT_SIMD_512 = 512,     /* AVX512 and below */
	RTE_VECT_SIMD_MAX = INT16_MAX + 1,
};

/* The current limit in bits; RTE_VECT_SIMD_256 until set. */
uint16_t rte_vect_get_max_simd_bitwidth(void);
/* 0, or -EINVAL unless bitwidth is a power of two >= 64. Takes effect for
 * drivers when they next choose a path (for ethdev: at port start). */
int rte_vect_set_max_simd_bitwidth(uint16_t bitwidth);

#ifdef __cplusplus
}
#endif

#endif
