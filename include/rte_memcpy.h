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

/* Copies of n < 16 bytes; returns dst. */
static inline void *rte_mov15_or_less(void *dst, const void *src, size_t n)
{
	return memcpy(dst, src, n);
}

/* DPDK's two paths of rte_memcpy: any alignment, and both 16-byte aligned. */
static inline void *rte_memcpy_generic(void *dst, const void *src, size_t n)
{
	return memcpy(dst, src, n);
}

static inline void *rte_memcpy_aligned(void *dst, const void *src, size_t n)
{
	return memcpy(dst, src, n);
}

#if defined(__x86_64__) || defined(__i386__)
/*
 * DPDK's SSE copy loop for a source offset from an aligned destination by
 * offset (1..15): copies a prefix of len bytes and advances dst and src
 * past it, leaving len at most 47. Its remainder is exactly DPDK's, so code
 * that finishes the copy after it copies the same bytes; memcpy does the
 * moving, so the __m128i xmm0..xmm8 DPDK requires the caller to declare go
 * unused. dst, src and len must be variables, as in DPDK.
 */
#define MOVEUNALIGNED_LEFT47_IMM(dst, src, len, offset) __extension__({ \
	size_t _left = (size_t)(len); \
	size_t _done; \
	if (_left >= 128 + 16 - (size_t)(offset)) \
		_left -= ((_left - 128 - 16 + (size_t)(offset)) / 128 + 1) * 128; \
	_left = ((_left - 16 + (size_t)(offset)) & 127) + 16 - (size_t)(offset); \
	if (_left >= 32 + 16 - (size_t)(offset)) \
		_left = ((_left - 16 + (size_t)(offset)) & 31) + 16 - (size_t)(offset); \
	_done = (size_t)(len) - _left; \
	memcpy((void *)(dst), (const void *)(src), _done); \
	(src) = (const uint8_t *)(src) + _done; \
	(dst) = (uint8_t *)(dst) + _done; \
	(len) = _left; \
})
#define MOVEUNALIGNED_LEFT47(dst, src, len, offset) \
	MOVEUNALIGNED_LEFT47_IMM(dst, src, len, offset)
#endif

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
