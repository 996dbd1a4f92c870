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

/* DPDK's name for its list of rings; rtemem finds rings by memzone name instead. */
#define RTE_TAILQ_RING_NAME "RTE_RING"

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
	RTE_RING_SYNC_MT_RTS, /* multi-thread, relaxed tail sync (rte_ring_rts.h) */
	RTE_RING_SYNC_MT_HTS, /* multi-thread, head/tail sync (rte_ring_hts.h) */
};

/*
 * One side of the ring. The RTS and HTS layouts below overlay it (a union
 * in struct rte_ring) and keep "tail" at offset 4 and "sync_type" at
 * offset 8: the other side and rte_ring_count read the tail as this
 * struct's 32-bit field whatever the mode, and every caller reads the sync
 * type here before knowing which layout applies. src/ring.c checks both.
 */
struct rte_ring_headtail {
	volatile uint32_t head;  /* next slot to reserve */
	volatile uint32_t tail;  /* end of what is published */
	RTE_STD_C11 union {
		enum rte_ring_sync_type sync_type;
		uint32_t single;  /* kept for old code: true when single */
	};
};

/*
 * RTS: a position and a count of operations, changed together by one
 * 64-bit CAS. Every operation bumps head.cnt when it reserves and tail.cnt
 * when it is done; the one that brings tail.cnt up to head.cnt (the last
 * of those in flight) moves tail.pos to head.pos, publishing them all.
 */
union __rte_ring_rts_poscnt {
	uint64_t raw __rte_aligned(8);  /* both, for one atomic access */
	struct {
		uint32_t cnt;  /* operations begun (head) or ended (tail) */
		uint32_t pos;  /* the index, as head/tail of rte_ring_headtail */
	} val;
};

struct rte_ring_rts_headtail {
	volatile union __rte_ring_rts_poscnt tail;
	enum rte_ring_sync_type sync_type;
	uint32_t htd_max;  /* a reservation waits while head - tail exceeds this */
	volatile union __rte_ring_rts_poscnt head;
};

/*
 * HTS: head and tail in one 64-bit word. One operation at a time per
 * side: a reservation waits until head == tail, so between reserve and
 * publish the side belongs to one thread (which the peek API relies on).
 */
union __rte_ring_hts_pos {
	uint64_t raw __rte_aligned(8);  /* both, for one atomic access */
	struct {
		uint32_t head;
		uint32_t tail;
	} pos;
};

struct rte_ring_hts_headtail {
	volatile union __rte_ring_hts_pos ht;
	enum rte_ring_sync_type sync_type;
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
	/* The producer side, in the layout its sync type (prod.sync_type) uses. */
	RTE_STD_C11 union {
		struct rte_ring_headtail prod;
		struct rte_ring_hts_headtail hts_prod;
		struct rte_ring_rts_headtail rts_prod;
	} __rte_cache_aligned;
	char pad1 __rte_cache_aligned;
	RTE_STD_C11 union {
		struct rte_ring_headtail cons;
		struct rte_ring_hts_headtail hts_cons;
		struct rte_ring_rts_headtail rts_cons;
	} __rte_cache_aligned;
	char pad2 __rte_cache_aligned;
};

#define RING_F_SP_ENQ 0x0001     /* default enqueue is single-producer */
#define RING_F_SC_DEQ 0x0002     /* default dequeue is single-consumer */
#define RING_F_EXACT_SZ 0x0004   /* capacity is exactly the count asked for */
#define RTE_RING_SZ_MASK (0x7fffffffU)
/* At most one producer mode and one consumer mode; two of a side is EINVAL. */
#define RING_F_MP_RTS_ENQ 0x0008 /* default enqueue is multi-producer RTS */
#define RING_F_MC_RTS_DEQ 0x0010 /* default dequeue is multi-consumer RTS */
#define RING_F_MP_HTS_ENQ 0x0020 /* default enqueue is multi-producer HTS */
#define RING_F_MC_HTS_DEQ 0x0040 /* default dequeue is multi-consumer HTS */

#ifdef __cplusplus
}
#endif

#endif
