/* SPDX-License-Identifier: BSD-3-Clause
 * rte_memcpy: DPDK's copy routine. The compiler's memcpy is as fast for the
 * sizes rtemem copies, so these are thin wrappers.
 */
#ifndef RTEMEM_RTE_MEMCPY_H
#define RTEMEM_RTE_MEMCPY_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Like memcpy (regions must not overlap); returns dst. */
static inline void *rte_memcpy(void *dst, const void *src, size_t n)
{
	return memcpy(dst, src, n);
}

static inline void rte_mov16(uint8_t *dst, const uint8_t *src)
{
	memcpy(dst, src, 16);
}

static inline void rte_mov32(uint8_t *dst, const uint8_t *src)
{
	memcpy(dst, src, 32);
}

static inline void rte_mov64(uint8_t *dst, const uint8_t *src)
{
	memcpy(dst, src, 64);
}

static inline void rte_mov128(uint8_t *dst, const uint8_t *src)
{
	memcpy(dst, src, 128);
}

static inline void rte_mov256(uint8_t *dst, const uint8_t *src)
{
	memcpy(dst, src, 256);
}

#ifdef __cplusplus
}
#endif

#endif
