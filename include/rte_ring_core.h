/* SPDX-License-Identifier: BSD-3-Clause
 * rte_ring: the structure and constants shared by the pointer API
 * (rte_ring.h) and the element API (rte_ring_elem.h).
 *
 * A ring is a fixed-size circular array of elements with two index pairs:
 * producers reserve slots by moving prod.head, fill them, then publish by
 * moving prod.tail; consumers do the same with cons.head/cons.tail. Indexes
 * run freely over the whole uint32_t range and are masked on access, so
 * "used = prod.tail - cons.tail" holds even across wrap-around.
 */
#ifndef RTEMEM_RTE_RING_CORE_H
#define RTEMEM_RTE_RING_CORE_H

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

/* What DPDK's rte_ring_core.h brings in, so code that relies on it builds. */
#include <rte_common.h>
#include <rte_config.h>
#include <rte_atomic.h>
#include <rte_branch_prediction.h>
#include <rte_debug.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_pause.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A ring made by rte_ring_create lives in the memzone "RG_<name>". */
#define RTE_RING_MZ_PREFIX "RG_"
/* The memzone name minus the prefix, plus the terminating NUL. */
#define RTE_RING_NAMESIZE (RTE_MEMZONE_NAMESIZE - sizeof(RTE_RING_MZ_PREFIX) + 1)

enum rte_ring_queue_behavior {
	RTE_RING_QUEUE_FIXED = 0,  /* move exactly n elements or none */
	RTE_RING_QUEUE_VARIABLE    /* move as many as possible, up to n */
};

/* How producers (or consumers) synchronise with each other. */
enum rte_ring_sync_type {
	RTE_RING_SYNC_MT,     /* multi-thread safe (CAS on head) */
	RTE_RING_SYNC_ST,     /* single thread only */
	RTE_RING_SYNC_MT_RTS, /* not supported by rtemem */
	RTE_RING_SYNC_MT_HTS, /* not supported by rtemem */
};

/* One side of the ring. */
struct rte_ring_headtail {
	volatile uint32_t head;  /* next slot to reserve */
	volatile uint32_t tail;  /* end of what is published */
	RTE_STD_C11 union {
		enum rte_ring_sync_type sync_type;
		uint32_t single;  /* kept for old code: true when single */
	};
};

/*
 * The ring header. The element array follows it directly in memory
 * (at &r[1]). prod and cons each get their own cache line so that the
 * producer and consumer CPUs do not bounce one line between them.
 */
struct rte_ring {
	char name[RTE_RING_NAMESIZE] __rte_cache_aligned;
	int flags;                        /* RING_F_* given at creation */
	const struct rte_memzone *memzone; /* NULL for rte_ring_init'ed rings */
	uint32_t size;                    /* slots in the array (power of 2) */
	uint32_t mask;                    /* size - 1 */
	uint32_t capacity;                /* usable slots */

	char pad0 __rte_cache_aligned;
	struct rte_ring_headtail prod __rte_cache_aligned;
	char pad1 __rte_cache_aligned;
	struct rte_ring_headtail cons __rte_cache_aligned;
	char pad2 __rte_cache_aligned;
};

#define RING_F_SP_ENQ 0x0001     /* default enqueue is single-producer */
#define RING_F_SC_DEQ 0x0002     /* default dequeue is single-consumer */
#define RING_F_EXACT_SZ 0x0004   /* capacity is exactly the count asked for */
#define RTE_RING_SZ_MASK (0x7fffffffU)
#define RING_F_MP_RTS_ENQ 0x0008 /* not supported: creation fails with EINVAL */
#define RING_F_MC_RTS_DEQ 0x0010 /* not supported */
#define RING_F_MP_HTS_ENQ 0x0020 /* not supported */
#define RING_F_MC_HTS_DEQ 0x0040 /* not supported */

#ifdef __cplusplus
}
#endif

#endif
