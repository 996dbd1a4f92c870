/* SPDX-License-Identifier: BSD-3-Clause
 * Byte order: swaps and conversions between the CPU's order and the fixed
 * little/big-endian orders of devices and wire formats. Descriptor and
 * register values of the i40e are little-endian; network headers are
 * big-endian. On a little-endian CPU the le conversions compile to nothing.
 */
#ifndef RTEMEM_RTE_BYTEORDER_H
#define RTEMEM_RTE_BYTEORDER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_BIG_ENDIAN 1
#define RTE_LITTLE_ENDIAN 2
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define RTE_BYTE_ORDER RTE_BIG_ENDIAN
#else
#define RTE_BYTE_ORDER RTE_LITTLE_ENDIAN
#endif

/* Annotations only: a value of this type is stored in that order. */
typedef uint16_t rte_be16_t;
typedef uint32_t rte_be32_t;
typedef uint64_t rte_be64_t;
typedef uint16_t rte_le16_t;
typedef uint32_t rte_le32_t;
typedef uint64_t rte_le64_t;

/* Constant-foldable swaps, usable in initialisers. */
#define RTE_STATIC_BSWAP16(v) ((uint16_t)((((uint16_t)(v) & 0x00ffU) << 8) | \
					  (((uint16_t)(v) & 0xff00U) >> 8)))
#define RTE_STATIC_BSWAP32(v) ((uint32_t)((((uint32_t)(v) & 0x000000ffUL) << 24) | \
					  (((uint32_t)(v) & 0x0000ff00UL) << 8) | \
					  (((uint32_t)(v) & 0x00ff0000UL) >> 8) | \
					  (((uint32_t)(v) & 0xff000000UL) >> 24)))
#define RTE_STATIC_BSWAP64(v) ((uint64_t)(((uint64_t)RTE_STATIC_BSWAP32((uint32_t)(v)) << 32) | \
					  RTE_STATIC_BSWAP32((uint32_t)((uint64_t)(v) >> 32))))

static inline uint16_t rte_bswap16(uint16_t x)
{
	return __builtin_bswap16(x);
}

static inline uint32_t rte_bswap32(uint32_t x)
{
	return __builtin_bswap32(x);
}

static inline uint64_t rte_bswap64(uint64_t x)
{
	return __builtin_bswap64(x);
}

#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN

#define RTE_BE16(v) ((rte_be16_t)RTE_STATIC_BSWAP16(v))
#define RTE_BE32(v) ((rte_be32_t)RTE_STATIC_BSWAP32(v))
#define RTE_BE64(v) ((rte_be64_t)RTE_STATIC_BSWAP64(v))
#define RTE_LE16(v) ((rte_le16_t)(v))
#define RTE_LE32(v) ((rte_le32_t)(v))
#define RTE_LE64(v) ((rte_le64_t)(v))

#define rte_cpu_to_le_16(x) ((rte_le16_t)(x))
#define rte_cpu_to_le_32(x) ((rte_le32_t)(x))
#define rte_cpu_to_le_64(x) ((rte_le64_t)(x))
#define rte_cpu_to_be_16(x) ((rte_be16_t)rte_bswap16(x))
#define rte_cpu_to_be_32(x) ((rte_be32_t)rte_bswap32(x))
#define rte_cpu_to_be_64(x) ((rte_be64_t)rte_bswap64(x))
#define rte_le_to_cpu_16(x) ((uint16_t)(x))
#define rte_le_to_cpu_32(x) ((uint32_t)(x))
#define rte_le_to_cpu_64(x) ((uint64_t)(x))
#define rte_be_to_cpu_16(x) rte_bswap16(x)
#define rte_be_to_cpu_32(x) rte_bswap32(x)
#define rte_be_to_cpu_64(x) rte_bswap64(x)

#else

#define RTE_BE16(v) ((rte_be16_t)(v))
#define RTE_BE32(v) ((rte_be32_t)(v))
#define RTE_BE64(v) ((rte_be64_t)(v))
#define RTE_LE16(v) ((rte_le16_t)RTE_STATIC_BSWAP16(v))
#define RTE_LE32(v) ((rte_le32_t)RTE_STATIC_BSWAP32(v))
#define RTE_LE64(v) ((rte_le64_t)RTE_STATIC_BSWAP64(v))

#define rte_cpu_to_le_16(x) ((rte_le16_t)rte_bswap16(x))
#define rte_cpu_to_le_32(x) ((rte_le32_t)rte_bswap32(x))
#define rte_cpu_to_le_64(x) ((rte_le64_t)rte_bswap64(x))
#define rte_cpu_to_be_16(x) ((rte_be16_t)(x))
#define rte_cpu_to_be_32(x) ((rte_be32_t)(x))
#define rte_cpu_to_be_64(x) ((rte_be64_t)(x))
#define rte_le_to_cpu_16(x) rte_bswap16(x)
#define rte_le_to_cpu_32(x) rte_bswap32(x)
#define rte_le_to_cpu_64(x) rte_bswap64(x)
#define rte_be_to_cpu_16(x) ((uint16_t)(x))
#define rte_be_to_cpu_32(x) ((uint32_t)(x))
#define rte_be_to_cpu_64(x) ((uint64_t)(x))

#endif

#ifdef __cplusplus
}
#endif

#endif
