/* SPDX-License-Identifier: BSD-3-Clause
 * rte_ring with elements of any size that is a multiple of 4 bytes.
 *
 * Memory ordering (C11 atomics):
 *  - A producer reads cons.tail with acquire: the consumer's reads of the
 *    slots it freed happen before we overwrite them.
 *  - Multi-producers claim slots by CAS on prod.head (relaxed: the head
 *    only reserves, it publishes nothing).
 *  - Our head is read before their tail (a fence), so the room computed
 *    from the two is never negative.
 *  - After copying, a producer waits (acquire) until prod.tail reaches its
 *    own old head (earlier producers have published), then stores
 *    prod.tail with release, so the consumer that acquires prod.tail sees
 *    the elements, its own and the earlier producers'.
 *  - Consumers are the mirror image on cons.head/cons.tail.
 */
#ifndef RTEMEM_RTE_RING_ELEM_H
#define RTEMEM_RTE_RING_ELEM_H

#include <stdbool.h>
#include <sys/types.h>

#include <rte_ring_core.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes needed for a ring of count elements of esize bytes, or -EINVAL. */
ssize_t rte_ring_get_memsize_elem(unsigned int esize, unsigned int count);

/*
 * Create a ring of count elements of esize bytes (a multiple of 4) in the
 * memzone "RG_<name>". NULL with rte_errno: EINVAL (bad count/esize/flags),
 * ENAMETOOLONG, EEXIST (name in use), ENOMEM, E_RTE_SECONDARY.
 */
struct rte_ring *rte_ring_create_elem(const char *name, unsigned int esize,
				      unsigned int count, int socket_id, unsigned int flags);

/* ---- the lock-free core, shared by every enqueue/dequeue flavour ---- */

/*
 * Copy n elements of esize bytes that do not wrap. Pointer rings (esize 8)
 * copy four at a time by hand: the compiler turns a plain copy loop into
 * a call to memcpy, and a call (or a rep movs) costs more than a small
 * bulk. The type may alias anything and sit at any address, as an object
 * table may. Other sizes go element by element, plain moves for a constant
 * esize.
 */
typedef uint64_t __attribute__((__may_alias__, __aligned__(1))) __rte_ring_u64_t;

static __rte_always_inline void
__rte_ring_copy_elems(void *dst, const void *src, uint32_t esize, uint32_t n)
{
	if (esize == sizeof(uint64_t)) {
		__rte_ring_u64_t *d = dst;
		const __rte_ring_u64_t *s = src;
		uint32_t i = 0;

		for (; i + 4 <= n; i += 4) {
			d[i] = s[i];
			d[i + 1] = s[i + 1];
			d[i + 2] = s[i + 2];
			d[i + 3] = s[i + 3];
		}
		switch (n - i) {
		case 3:
			d[i + 2] = s[i + 2];
			/* fall through */
		case 2:
			d[i + 1] = s[i + 1];
			/* fall through */
		case 1:
			d[i] = s[i];
			/* fall through */
		default:
			break;
		}
		return;
	}
	for (uint32_t i = 0; i < n; i++)
		memcpy((char *)dst + (size_t)i * esize, (const char *)src + (size_t)i * esize,
		       esize);
}

static __rte_always_inline void
__rte_ring_copy_in(struct rte_ring *r, uint32_t head, const void *obj_table,
		   uint32_t esize, uint32_t n)
{
	const uint32_t idx = head & r->mask;
	const uint32_t first = RTE_MIN(n, r->size - idx); /* slots before the wrap */
	char *ring = (char *)&r[1];

	if (likely(first == n)) {
		__rte_ring_copy_elems(ring + (size_t)idx * esize, obj_table, esize, n);
		return;
	}
	memcpy(ring + (size_t)idx * esize, obj_table, (size_t)first * esize);
	if (first < n)
		memcpy(ring, (const char *)obj_table + (size_t)first * esize,
		       (size_t)(n - first) * esize);
}

static __rte_always_inline void
__rte_ring_copy_out(struct rte_ring *r, uint32_t head, void *obj_table,
		    uint32_t esize, uint32_t n)
{
	const uint32_t idx = head & r->mask;
	const uint32_t first = RTE_MIN(n, r->size - idx);
	const char *ring = (const char *)&r[1];

	if (likely(first == n)) {
		__rte_ring_copy_elems(obj_table, ring + (size_t)idx * esize, esize, n);
		return;
	}
	memcpy(obj_table, ring + (size_t)idx * esize, (size_t)first * esize);
	if (first < n)
		memcpy((char *)obj_table + (size_t)first * esize, ring,
		       (size_t)(n - first) * esize);
}

/*
 * Reserve up to n slots on one side. "mine" is the side that moves (prod
 * for enqueue), "theirs" the side whose tail bounds it. For enqueue the
 * room is capacity + cons.tail - prod.head; for dequeue it is
 * prod.tail - cons.head. Returns how many slots were reserved (0 or n for
 * FIXED) with [*old_head, *new_head) the reserved range, *room what was
 * available before the reservation.
 */
static __rte_always_inline uint32_t
__rte_ring_move_head(struct rte_ring_headtail *mine, const struct rte_ring_headtail *theirs,
		     uint32_t room_offset, int is_single, uint32_t n,
		     enum rte_ring_queue_behavior behavior,
		     uint32_t *old_head, uint32_t *new_head, uint32_t *room)
{
	uint32_t want = n;
	bool done;

	*old_head = __atomic_load_n(&mine->head, __ATOMIC_RELAXED);
	do {
		n = want;
		/*
		 * Our head must be read before their tail. Otherwise (weakly
		 * ordered CPUs) we could pair a stale tail with a head that
		 * others already moved past it, and the unsigned room would
		 * wrap to a huge value.
		 */
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		/* Acquire: their slot accesses before their tail move are visible. */
		uint32_t their_tail = __atomic_load_n(&theirs->tail, __ATOMIC_ACQUIRE);

		*room = room_offset + their_tail - *old_head;
		if (unlikely(n > *room))
			n = behavior == RTE_RING_QUEUE_FIXED ? 0 : *room;
		if (n == 0)
			return 0;
		*new_head = *old_head + n;
		if (is_single) {
			__atomic_store_n(&mine->head, *new_head, __ATOMIC_RELAXED);
			done = true;
		} else {
			/* On failure *old_head is reloaded and we try again. */
			done = __atomic_compare_exchange_n(&mine->head, old_head, *new_head,
							   false, __ATOMIC_RELAXED,
							   __ATOMIC_RELAXED);
		}
	} while (unlikely(!done));
	return n;
}

/* Publish [old_head, new_head): wait for earlier reservations, then release. */
static __rte_always_inline void
__rte_ring_update_tail(struct rte_ring_headtail *ht, uint32_t old_head, uint32_t new_head,
		       int is_single)
{
	/*
	 * Acquire: we then publish the earlier reservations' elements too, so
	 * their writes must happen before our release store.
	 */
	if (!is_single) {
		while (unlikely(__atomic_load_n(&ht->tail, __ATOMIC_ACQUIRE) != old_head))
			rte_pause();
	}
	__atomic_store_n(&ht->tail, new_head, __ATOMIC_RELEASE);
}

static __rte_always_inline unsigned int
__rte_ring_do_enqueue_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			   unsigned int n, enum rte_ring_queue_behavior behavior,
			   unsigned int is_sp, unsigned int *free_space)
{
	uint32_t head, next, room;

	n = __rte_ring_move_head(&r->prod, &r->cons, r->capacity, is_sp, n, behavior,
				 &head, &next, &room);
	if (n != 0) {
		__rte_ring_copy_in(r, head, obj_table, esize, n);
		__rte_ring_update_tail(&r->prod, head, next, is_sp);
	}
	if (free_space != NULL)
		*free_space = room - n;
	return n;
}

static __rte_always_inline unsigned int
__rte_ring_do_dequeue_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			   unsigned int n, enum rte_ring_queue_behavior behavior,
			   unsigned int is_sc, unsigned int *available)
{
	uint32_t head, next, entries;

	n = __rte_ring_move_head(&r->cons, &r->prod, 0, is_sc, n, behavior,
				 &head, &next, &entries);
	if (n != 0) {
		__rte_ring_copy_out(r, head, obj_table, esize, n);
		__rte_ring_update_tail(&r->cons, head, next, is_sc);
	}
	if (available != NULL)
		*available = entries - n;
	return n;
}

/* ---- bulk: all n or nothing; returns n or 0 ---- */

static __rte_always_inline unsigned int
rte_ring_mp_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			      unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED, 0,
					  free_space);
}

static __rte_always_inline unsigned int
rte_ring_sp_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			      unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED, 1,
					  free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			   unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  r->prod.sync_type == RTE_RING_SYNC_ST, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_dequeue_bulk_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			      unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED, 0,
					  available);
}

static __rte_always_inline unsigned int
rte_ring_sc_dequeue_bulk_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			      unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED, 1,
					  available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_bulk_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			   unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  r->cons.sync_type == RTE_RING_SYNC_ST, available);
}

/* ---- single element: 0, or -ENOBUFS (full) / -ENOENT (empty) ---- */

static __rte_always_inline int
rte_ring_mp_enqueue_elem(struct rte_ring *r, void *obj, unsigned int esize)
{
	return rte_ring_mp_enqueue_bulk_elem(r, obj, esize, 1, NULL) ? 0 : -ENOBUFS;
}

static __rte_always_inline int
rte_ring_sp_enqueue_elem(struct rte_ring *r, void *obj, unsigned int esize)
{
	return rte_ring_sp_enqueue_bulk_elem(r, obj, esize, 1, NULL) ? 0 : -ENOBUFS;
}

static __rte_always_inline int
rte_ring_enqueue_elem(struct rte_ring *r, void *obj, unsigned int esize)
{
	return rte_ring_enqueue_bulk_elem(r, obj, esize, 1, NULL) ? 0 : -ENOBUFS;
}

static __rte_always_inline int
rte_ring_mc_dequeue_elem(struct rte_ring *r, void *obj_p, unsigned int esize)
{
	return rte_ring_mc_dequeue_bulk_elem(r, obj_p, esize, 1, NULL) ? 0 : -ENOENT;
}

static __rte_always_inline int
rte_ring_sc_dequeue_elem(struct rte_ring *r, void *obj_p, unsigned int esize)
{
	return rte_ring_sc_dequeue_bulk_elem(r, obj_p, esize, 1, NULL) ? 0 : -ENOENT;
}

static __rte_always_inline int
rte_ring_dequeue_elem(struct rte_ring *r, void *obj_p, unsigned int esize)
{
	return rte_ring_dequeue_bulk_elem(r, obj_p, esize, 1, NULL) ? 0 : -ENOENT;
}

/* ---- burst: as many as possible up to n; returns how many ---- */

static __rte_always_inline unsigned int
rte_ring_mp_enqueue_burst_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			       unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE, 0,
					  free_space);
}

static __rte_always_inline unsigned int
rte_ring_sp_enqueue_burst_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			       unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE, 1,
					  free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_burst_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			    unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  r->prod.sync_type == RTE_RING_SYNC_ST, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_dequeue_burst_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			       unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE, 0,
					  available);
}

static __rte_always_inline unsigned int
rte_ring_sc_dequeue_burst_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			       unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE, 1,
					  available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_burst_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			    unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  r->cons.sync_type == RTE_RING_SYNC_ST, available);
}

#ifdef __cplusplus
}
#endif

#endif
