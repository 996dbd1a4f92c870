/* SPDX-License-Identifier: BSD-3-Clause
 * rte_ring peek API: an enqueue or dequeue in two steps. _start reserves
 * (a dequeue also copies the elements out), _finish(n) completes n of the
 * reserved elements (an enqueue copies them in then) and gives the rest
 * back: a dequeue_finish(0) leaves what was looked at in the ring.
 *
 * Only where the side is single-threaded (RTE_RING_SYNC_ST) or serialised
 * (RTE_RING_SYNC_MT_HTS) does the reservation belong to one thread until
 * _finish; between the two steps every other enqueue (dequeue) of the ring
 * waits. On an MT or RTS side _start moves nothing and returns 0 (reporting
 * 0 free space / available), and _finish does nothing; DPDK asserts there
 * (with RTE_ENABLE_ASSERT). A _finish for more than was reserved completes
 * none of it. Call _finish only after a _start that returned non-zero: a
 * _start that reserved nothing does not hold the side, and on an HTS side
 * a _finish would then end another thread's reservation (so in DPDK too).
 *
 * Memory ordering: as for the ordinary calls (rte_ring_elem.h,
 * rte_ring_hts.h): _start acquires the other side's tail, _finish
 * publishes with a release store of our tail.
 */
/* Included first, pull in rte_ring_elem.h, which includes us at its end. */
#ifndef RTEMEM_RTE_RING_PEEK_H
#include <rte_ring_elem.h>
#endif

#ifndef RTEMEM_RTE_RING_PEEK_H
#define RTEMEM_RTE_RING_PEEK_H

#include <rte_ring_core.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Reserve up to *n slots on one side for a two-step operation: *n becomes
 * the number reserved, [*head, *head + *n) the slots, *room what was
 * available before. Returns 0 when the side's sync type does not allow it
 * (nothing reserved).
 */
static __rte_always_inline int
__rte_ring_peek_start(struct rte_ring *r, int is_enqueue, uint32_t *n,
		      enum rte_ring_queue_behavior behavior, uint32_t *head, uint32_t *room)
{
	uint32_t next;

	switch (is_enqueue ? r->prod.sync_type : r->cons.sync_type) {
	case RTE_RING_SYNC_ST:
		*n = __rte_ring_move_head(r, is_enqueue, 1, *n, behavior, head, &next, room);
		return 1;
	case RTE_RING_SYNC_MT_HTS:
		*n = __rte_ring_hts_move_head(r, is_enqueue, *n, behavior, head, room);
		return 1;
	default:
		RTE_ASSERT(0);
		*n = 0;
		return 0;
	}
}

/*
 * Finish the open reservation of one side with n of its elements, from
 * slot tail on: returns n, or 0 when n is more than was reserved (or the
 * side's sync type has no reservations), with *tail where it starts.
 * __rte_ring_peek_publish(tail + returned n) then ends it.
 */
static __rte_always_inline uint32_t
__rte_ring_peek_reserved(struct rte_ring *r, int is_enqueue, uint32_t n, uint32_t *tail)
{
	uint32_t reserved;

	switch (is_enqueue ? r->prod.sync_type : r->cons.sync_type) {
	case RTE_RING_SYNC_ST: {
		struct rte_ring_headtail *ht = is_enqueue ? &r->prod : &r->cons;

		*tail = __atomic_load_n(&ht->tail, __ATOMIC_RELAXED);
		reserved = __atomic_load_n(&ht->head, __ATOMIC_RELAXED) - *tail;
		break;
	}
	case RTE_RING_SYNC_MT_HTS: {
		union __rte_ring_hts_pos p;

		p.raw = __atomic_load_n(&__rte_ring_hts_side(r, is_enqueue)->ht.raw,
					__ATOMIC_RELAXED);
		*tail = p.pos.tail;
		reserved = p.pos.head - p.pos.tail;
		break;
	}
	default:
		RTE_ASSERT(0);
		*tail = 0;
		return 0;
	}
	RTE_ASSERT(n <= reserved);
	return n <= reserved ? n : 0;
}

/* End the open reservation: head = tail = pos, the tail released. */
static __rte_always_inline void
__rte_ring_peek_publish(struct rte_ring *r, int is_enqueue, uint32_t pos)
{
	switch (is_enqueue ? r->prod.sync_type : r->cons.sync_type) {
	case RTE_RING_SYNC_ST: {
		struct rte_ring_headtail *ht = is_enqueue ? &r->prod : &r->cons;

		__atomic_store_n(&ht->head, pos, __ATOMIC_RELAXED);
		__atomic_store_n(&ht->tail, pos, __ATOMIC_RELEASE);
		break;
	}
	case RTE_RING_SYNC_MT_HTS:
		__rte_ring_hts_set_head_tail(__rte_ring_hts_side(r, is_enqueue), pos);
		break;
	default:
		break;
	}
}

static __rte_always_inline unsigned int
__rte_ring_do_enqueue_start(struct rte_ring *r, unsigned int n,
			    enum rte_ring_queue_behavior behavior, unsigned int *free_space)
{
	uint32_t head, room = 0;

	if (!__rte_ring_peek_start(r, 1, &n, behavior, &head, &room))
		room = 0;
	if (free_space != NULL)
		*free_space = room - n;
	return n;
}

static __rte_always_inline unsigned int
__rte_ring_do_dequeue_start(struct rte_ring *r, void *obj_table, unsigned int esize,
			    unsigned int n, enum rte_ring_queue_behavior behavior,
			    unsigned int *available)
{
	uint32_t head, entries = 0;

	if (!__rte_ring_peek_start(r, 0, &n, behavior, &head, &entries))
		entries = 0;
	if (n != 0)
		__rte_ring_copy_out(r, head, obj_table, esize, n);
	if (available != NULL)
		*available = entries - n;
	return n;
}

/* ---- enqueue: start reserves n (bulk: n or 0; burst: up to n) ---- */

static __rte_always_inline unsigned int
rte_ring_enqueue_bulk_elem_start(struct rte_ring *r, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_start(r, n, RTE_RING_QUEUE_FIXED, free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_bulk_start(struct rte_ring *r, unsigned int n, unsigned int *free_space)
{
	return rte_ring_enqueue_bulk_elem_start(r, n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_burst_elem_start(struct rte_ring *r, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_start(r, n, RTE_RING_QUEUE_VARIABLE, free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_burst_start(struct rte_ring *r, unsigned int n, unsigned int *free_space)
{
	return rte_ring_enqueue_burst_elem_start(r, n, free_space);
}

/* Copy n elements (at most those reserved) into the ring and publish them. */
static __rte_always_inline void
rte_ring_enqueue_elem_finish(struct rte_ring *r, const void *obj_table, unsigned int esize,
			     unsigned int n)
{
	uint32_t tail;

	n = __rte_ring_peek_reserved(r, 1, n, &tail);
	if (n != 0)
		__rte_ring_copy_in(r, tail, obj_table, esize, n);
	__rte_ring_peek_publish(r, 1, tail + n);
}

static __rte_always_inline void
rte_ring_enqueue_finish(struct rte_ring *r, void * const *obj_table, unsigned int n)
{
	rte_ring_enqueue_elem_finish(r, obj_table, sizeof(uintptr_t), n);
}

/* ---- dequeue: start copies out what it reserves; finish removes n ---- */

static __rte_always_inline unsigned int
rte_ring_dequeue_bulk_elem_start(struct rte_ring *r, void *obj_table, unsigned int esize,
				 unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_start(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					   available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_bulk_start(struct rte_ring *r, void **obj_table, unsigned int n,
			    unsigned int *available)
{
	return rte_ring_dequeue_bulk_elem_start(r, obj_table, sizeof(uintptr_t), n, available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_burst_elem_start(struct rte_ring *r, void *obj_table, unsigned int esize,
				  unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_start(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					   available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_burst_start(struct rte_ring *r, void **obj_table, unsigned int n,
			     unsigned int *available)
{
	return rte_ring_dequeue_burst_elem_start(r, obj_table, sizeof(uintptr_t), n, available);
}

static __rte_always_inline void
rte_ring_dequeue_elem_finish(struct rte_ring *r, unsigned int n)
{
	uint32_t tail;

	n = __rte_ring_peek_reserved(r, 0, n, &tail);
	__rte_ring_peek_publish(r, 0, tail + n);
}

static __rte_always_inline void
rte_ring_dequeue_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_dequeue_elem_finish(r, n);
}

#ifdef __cplusplus
}
#endif

#endif
