/* SPDX-License-Identifier: BSD-3-Clause
 * rte_ring RTS (relaxed tail sync) mode: multi-producer and/or
 * multi-consumer without the MT mode's wait for earlier operations to
 * publish. Head and tail are each {count, position} in one 64-bit word.
 * A reservation moves head.pos and bumps head.cnt in one CAS; when done,
 * an operation bumps tail.cnt, and the one that makes tail.cnt equal to
 * head.cnt (the last in flight) also moves tail.pos up to head.pos,
 * publishing every finished operation at once. No thread spins on another
 * that was preempted mid-operation; the tail just moves later. To bound
 * how far it lags, a reservation waits while head.pos - tail.pos exceeds
 * htd_max (capacity / 8 by default; rte_ring_set_prod/cons_htd_max).
 *
 * A ring side uses RTS when created with RING_F_MP_RTS_ENQ /
 * RING_F_MC_RTS_DEQ; the calls here must only be used on such a side.
 *
 * Memory ordering:
 *  - The head is read with acquire, so it is read before the other side's
 *    tail (the room is never computed from a tail newer than the head),
 *    which __rte_ring_their_tail acquires as in rte_ring_elem.h.
 *  - The tail update is a CAS with release: our slot accesses happen
 *    before it. Every write of the tail word is such a read-modify-write,
 *    so the other side, acquiring the tail that publishes a batch,
 *    synchronises with every operation of the batch (a release sequence),
 *    not only with the one that moved tail.pos.
 *  - The tail is read with acquire before the head: having seen another
 *    operation's tail.cnt bump, we also see its head move (or a later
 *    one). Were that head move invisible, the last operation could miss
 *    that it is last, and nobody would publish the batch.
 */
/* Included first, pull in rte_ring_elem.h, which includes us back where it needs us. */
#ifndef RTEMEM_RTE_RING_RTS_H
#include <rte_ring_elem.h>
#endif

#ifndef RTEMEM_RTE_RING_RTS_H
#define RTEMEM_RTE_RING_RTS_H

#include <rte_ring_core.h>

#ifdef __cplusplus
extern "C" {
#endif

static __rte_always_inline struct rte_ring_rts_headtail *
__rte_ring_rts_side(struct rte_ring *r, int is_enqueue)
{
	return is_enqueue ? &r->rts_prod : &r->rts_cons;
}

/*
 * Reserve up to n slots on an RTS side. Returns how many (0 or n for
 * FIXED), *old_head where they start and *room what was available before.
 */
static __rte_always_inline uint32_t
__rte_ring_rts_move_head(struct rte_ring *r, int is_enqueue, uint32_t n,
			 enum rte_ring_queue_behavior behavior, uint32_t *old_head, uint32_t *room)
{
	struct rte_ring_rts_headtail *ht = __rte_ring_rts_side(r, is_enqueue);
	const uint32_t room_offset = is_enqueue ? r->capacity : 0;
	union __rte_ring_rts_poscnt head, next, tail;
	const uint32_t want = n;

	head.raw = __atomic_load_n(&ht->head.raw, __ATOMIC_ACQUIRE);
	do {
		/* Let the tail catch up first (a bound, not a correctness matter). */
		for (;;) {
			tail.raw = __atomic_load_n(&ht->tail.raw, __ATOMIC_RELAXED);
			if (head.val.pos - tail.val.pos <=
			    __atomic_load_n(&ht->htd_max, __ATOMIC_RELAXED))
				break;
			rte_pause();
			head.raw = __atomic_load_n(&ht->head.raw, __ATOMIC_ACQUIRE);
		}
		n = want;
		*room = room_offset + __rte_ring_their_tail(r, is_enqueue) - head.val.pos;
		if (unlikely(n > *room))
			n = behavior == RTE_RING_QUEUE_FIXED ? 0 : *room;
		if (n == 0)
			break;
		next.val.pos = head.val.pos + n;
		next.val.cnt = head.val.cnt + 1;
		/* On failure head is reloaded (acquire) and we try again. */
	} while (unlikely(!__atomic_compare_exchange_n(&ht->head.raw, &head.raw, next.raw, false,
						       __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)));
	*old_head = head.val.pos;
	return n;
}

/* Count our operation done; the last one in flight publishes them all. */
static __rte_always_inline void
__rte_ring_rts_update_tail(struct rte_ring_rts_headtail *ht)
{
	union __rte_ring_rts_poscnt head, tail, next;

	tail.raw = __atomic_load_n(&ht->tail.raw, __ATOMIC_ACQUIRE);
	do {
		head.raw = __atomic_load_n(&ht->head.raw, __ATOMIC_RELAXED);
		next.raw = tail.raw;
		next.val.cnt++;
		if (next.val.cnt == head.val.cnt)
			next.val.pos = head.val.pos;
	} while (!__atomic_compare_exchange_n(&ht->tail.raw, &tail.raw, next.raw, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE));
}

static __rte_always_inline unsigned int
__rte_ring_do_rts_enqueue_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			       unsigned int n, enum rte_ring_queue_behavior behavior,
			       unsigned int *free_space)
{
	uint32_t head, room;

	n = __rte_ring_rts_move_head(r, 1, n, behavior, &head, &room);
	if (n != 0) {
		__rte_ring_copy_in(r, head, obj_table, esize, n);
		__rte_ring_rts_update_tail(&r->rts_prod);
	}
	if (free_space != NULL)
		*free_space = room - n;
	return n;
}

static __rte_always_inline unsigned int
__rte_ring_do_rts_dequeue_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			       unsigned int n, enum rte_ring_queue_behavior behavior,
			       unsigned int *available)
{
	uint32_t head, entries;

	n = __rte_ring_rts_move_head(r, 0, n, behavior, &head, &entries);
	if (n != 0) {
		__rte_ring_copy_out(r, head, obj_table, esize, n);
		__rte_ring_rts_update_tail(&r->rts_cons);
	}
	if (available != NULL)
		*available = entries - n;
	return n;
}

/* ---- bulk (n or 0) and burst (up to n); elements of esize bytes ---- */

static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table,
				  unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_rts_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					      free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_bulk_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
				  unsigned int n, unsigned int *available)
{
	return __rte_ring_do_rts_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					      available);
}

static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_burst_elem(struct rte_ring *r, const void *obj_table,
				   unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_rts_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					      free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_burst_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
				   unsigned int n, unsigned int *available)
{
	return __rte_ring_do_rts_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					      available);
}

/* ---- the same for pointers ---- */

static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_bulk(struct rte_ring *r, void * const *obj_table, unsigned int n,
			     unsigned int *free_space)
{
	return rte_ring_mp_rts_enqueue_bulk_elem(r, obj_table, sizeof(uintptr_t), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_bulk(struct rte_ring *r, void **obj_table, unsigned int n,
			     unsigned int *available)
{
	return rte_ring_mc_rts_dequeue_bulk_elem(r, obj_table, sizeof(uintptr_t), n, available);
}

static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_burst(struct rte_ring *r, void * const *obj_table, unsigned int n,
			      unsigned int *free_space)
{
	return rte_ring_mp_rts_enqueue_burst_elem(r, obj_table, sizeof(uintptr_t), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_burst(struct rte_ring *r, void **obj_table, unsigned int n,
			      unsigned int *available)
{
	return rte_ring_mc_rts_dequeue_burst_elem(r, obj_table, sizeof(uintptr_t), n, available);
}

/* ---- head/tail distance: UINT32_MAX, or -ENOTSUP, on a side not in RTS mode ---- */

static inline uint32_t
rte_ring_get_prod_htd_max(const struct rte_ring *r)
{
	if (r->prod.sync_type != RTE_RING_SYNC_MT_RTS)
		return UINT32_MAX;
	return __atomic_load_n(&r->rts_prod.htd_max, __ATOMIC_RELAXED);
}

static inline int
rte_ring_set_prod_htd_max(struct rte_ring *r, uint32_t v)
{
	if (r->prod.sync_type != RTE_RING_SYNC_MT_RTS)
		return -ENOTSUP;
	__atomic_store_n(&r->rts_prod.htd_max, v, __ATOMIC_RELAXED);
	return 0;
}

static inline uint32_t
rte_ring_get_cons_htd_max(const struct rte_ring *r)
{
	if (r->cons.sync_type != RTE_RING_SYNC_MT_RTS)
		return UINT32_MAX;
	return __atomic_load_n(&r->rts_cons.htd_max, __ATOMIC_RELAXED);
}

static inline int
rte_ring_set_cons_htd_max(struct rte_ring *r, uint32_t v)
{
	if (r->cons.sync_type != RTE_RING_SYNC_MT_RTS)
		return -ENOTSUP;
	__atomic_store_n(&r->rts_cons.htd_max, v, __ATOMIC_RELAXED);
	return 0;
}

#ifdef __cplusplus
}
#endif

#endif
