/* SPDX-License-Identifier: BSD-3-Clause
 * rte_ring HTS (head/tail sync) mode: multi-producer and/or multi-consumer,
 * one operation at a time per side. A side's head and tail share one
 * 64-bit word; a reservation waits until head == tail (nobody in flight),
 * then moves head by CAS; publishing sets tail = head. The side is thus
 * serialised, which is what lets the peek API (rte_ring_peek.h) leave a
 * reservation open while the caller looks at the elements, and what makes
 * HTS fairer than MT when threads outnumber CPUs (no producer waits for an
 * earlier one that was preempted between reserving and publishing: the
 * preempted one holds the whole side instead).
 *
 * A ring side uses HTS when created with RING_F_MP_HTS_ENQ /
 * RING_F_MC_HTS_DEQ; the calls here must only be used on such a side.
 *
 * Memory ordering: the word is read with acquire, so our head is read
 * before the other side's tail (as in rte_ring_elem.h), and the other
 * side's tail is acquired by __rte_ring_their_tail. Publishing stores the
 * whole word with release: the slots we filled (or emptied) happen before
 * the other side sees the new tail. A plain store is enough because while
 * head != tail no one else on this side writes the word (they wait).
 */
/* Included first, pull in rte_ring_elem.h, which includes us back where it needs us. */
#ifndef RTEMEM_RTE_RING_HTS_H
#include <rte_ring_elem.h>
#endif

#ifndef RTEMEM_RTE_RING_HTS_H
#define RTEMEM_RTE_RING_HTS_H

#include <rte_ring_core.h>

#ifdef __cplusplus
extern "C" {
#endif

static __rte_always_inline struct rte_ring_hts_headtail *
__rte_ring_hts_side(struct rte_ring *r, int is_enqueue)
{
	return is_enqueue ? &r->hts_prod : &r->hts_cons;
}

/*
 * Reserve up to n slots on an HTS side: wait until it is idle, compute the
 * room against the other side's tail, move head by CAS from {h, h} to
 * {h + n, h}. Returns how many (0 or n for FIXED); *old_head is where the
 * reservation starts (also when nothing was reserved: the zero-copy API
 * reports that address), *room what was available before it.
 */
static __rte_always_inline uint32_t
__rte_ring_hts_move_head(struct rte_ring *r, int is_enqueue, uint32_t n,
			 enum rte_ring_queue_behavior behavior, uint32_t *old_head, uint32_t *room)
{
	struct rte_ring_hts_headtail *ht = __rte_ring_hts_side(r, is_enqueue);
	const uint32_t room_offset = is_enqueue ? r->capacity : 0;
	union __rte_ring_hts_pos cur, next;
	const uint32_t want = n;

	cur.raw = __atomic_load_n(&ht->ht.raw, __ATOMIC_ACQUIRE);
	do {
		while (cur.pos.head != cur.pos.tail) {
			rte_pause();
			cur.raw = __atomic_load_n(&ht->ht.raw, __ATOMIC_ACQUIRE);
		}
		n = want;
		*room = room_offset + __rte_ring_their_tail(r, is_enqueue) - cur.pos.head;
		if (unlikely(n > *room))
			n = behavior == RTE_RING_QUEUE_FIXED ? 0 : *room;
		if (n == 0)
			break;
		next.pos.head = cur.pos.head + n;
		next.pos.tail = cur.pos.tail;
		/* On failure cur is reloaded (acquire) and we wait again. */
	} while (unlikely(!__atomic_compare_exchange_n(&ht->ht.raw, &cur.raw, next.raw, false,
						       __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)));
	*old_head = cur.pos.head;
	return n;
}

/* End the operation in flight: head = tail = pos, released (see the top). */
static __rte_always_inline void
__rte_ring_hts_set_head_tail(struct rte_ring_hts_headtail *ht, uint32_t pos)
{
	union __rte_ring_hts_pos p;

	p.pos.head = pos;
	p.pos.tail = pos;
	__atomic_store_n(&ht->ht.raw, p.raw, __ATOMIC_RELEASE);
}

static __rte_always_inline unsigned int
__rte_ring_do_hts_enqueue_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			       unsigned int n, enum rte_ring_queue_behavior behavior,
			       unsigned int *free_space)
{
	uint32_t head, room;

	n = __rte_ring_hts_move_head(r, 1, n, behavior, &head, &room);
	if (n != 0) {
		__rte_ring_copy_in(r, head, obj_table, esize, n);
		__rte_ring_hts_set_head_tail(&r->hts_prod, head + n);
	}
	if (free_space != NULL)
		*free_space = room - n;
	return n;
}

static __rte_always_inline unsigned int
__rte_ring_do_hts_dequeue_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			       unsigned int n, enum rte_ring_queue_behavior behavior,
			       unsigned int *available)
{
	uint32_t head, entries;

	n = __rte_ring_hts_move_head(r, 0, n, behavior, &head, &entries);
	if (n != 0) {
		__rte_ring_copy_out(r, head, obj_table, esize, n);
		__rte_ring_hts_set_head_tail(&r->hts_cons, head + n);
	}
	if (available != NULL)
		*available = entries - n;
	return n;
}

/* ---- bulk (n or 0) and burst (up to n); elements of esize bytes ---- */

static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table,
				  unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_hts_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					      free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_bulk_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
				  unsigned int n, unsigned int *available)
{
	return __rte_ring_do_hts_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					      available);
}

static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_burst_elem(struct rte_ring *r, const void *obj_table,
				   unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_hts_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					      free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_burst_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
				   unsigned int n, unsigned int *available)
{
	return __rte_ring_do_hts_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					      available);
}

/* ---- the same for pointers ---- */

static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_bulk(struct rte_ring *r, void * const *obj_table, unsigned int n,
			     unsigned int *free_space)
{
	return rte_ring_mp_hts_enqueue_bulk_elem(r, obj_table, sizeof(uintptr_t), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_bulk(struct rte_ring *r, void **obj_table, unsigned int n,
			     unsigned int *available)
{
	return rte_ring_mc_hts_dequeue_bulk_elem(r, obj_table, sizeof(uintptr_t), n, available);
}

static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_burst(struct rte_ring *r, void * const *obj_table, unsigned int n,
			      unsigned int *free_space)
{
	return rte_ring_mp_hts_enqueue_burst_elem(r, obj_table, sizeof(uintptr_t), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_burst(struct rte_ring *r, void **obj_table, unsigned int n,
			      unsigned int *available)
{
	return rte_ring_mc_hts_dequeue_burst_elem(r, obj_table, sizeof(uintptr_t), n, available);
}

#ifdef __cplusplus
}
#endif

#endif
