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
 * The RTS and HTS modes (rte_ring_rts.h, rte_ring_hts.h) keep these rules
 * with their own head/tail words. Each side's word is always accessed with
 * the same width: the other side reads an RTS or HTS tail through its
 * 64-bit word (__rte_ring_their_tail), so that ThreadSanitizer, which
 * tracks release/acquire per address, sees every hand-over.
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
 * The elements of a bulk lie back to back in the object table and, up to
 * the wrap, in the ring, so a copy of any element size is one run of bytes
 * (a multiple of 4). It is copied in 16-byte blocks, four per iteration,
 * then the rest (under 64 bytes) by the bits of its length. No memcpy: for
 * a bulk of a few hundred bytes the call and its size dispatch cost more
 * than the copy, and a rolled-up copy loop is turned into a memcpy call by
 * the compiler. With esize and n constant the branches fold away. The
 * types may alias anything and sit at any address, as an object table may.
 */
typedef uint64_t __rte_ring_u128_t
	__attribute__((__vector_size__(16), __may_alias__, __aligned__(1)));
typedef uint64_t __attribute__((__may_alias__, __aligned__(1))) __rte_ring_u64_t;
typedef uint32_t __attribute__((__may_alias__, __aligned__(1))) __rte_ring_u32_t;

static __rte_always_inline void
__rte_ring_move_16(char *d, const char *s)
{
	*(__rte_ring_u128_t *)d = *(const __rte_ring_u128_t *)s;
}

static __rte_always_inline void
__rte_ring_copy_bytes(void *dst, const void *src, size_t len)
{
	char *d = (char *)dst;
	const char *s = (const char *)src;

	for (; len >= 64; len -= 64, d += 64, s += 64) {
		__rte_ring_move_16(d, s);
		__rte_ring_move_16(d + 16, s + 16);
		__rte_ring_move_16(d + 32, s + 32);
		__rte_ring_move_16(d + 48, s + 48);
	}
	if (len & 32) {
		__rte_ring_move_16(d, s);
		__rte_ring_move_16(d + 16, s + 16);
		d += 32;
		s += 32;
	}
	if (len & 16) {
		__rte_ring_move_16(d, s);
		d += 16;
		s += 16;
	}
	if (len & 8) {
		*(__rte_ring_u64_t *)d = *(const __rte_ring_u64_t *)s;
		d += 8;
		s += 8;
	}
	if (len & 4)
		*(__rte_ring_u32_t *)d = *(const __rte_ring_u32_t *)s;
}

/*
 * Bytes from offset at to the end of the ring, for a run of len that
 * wraps. Always less than len; the RTE_MIN says so to the compiler, which
 * otherwise warns (-Wstringop-overflow) that the copy of one element could
 * write past it.
 */
static __rte_always_inline size_t
__rte_ring_bytes_to_end(size_t at, size_t len, size_t ring_len)
{
	return RTE_MIN(len, ring_len - at);
}

/*
 * Copy n elements between the object table and the ring from slot
 * head & mask on: one run of bytes, or two when it passes the end of the
 * ring, where it goes on at slot 0. Testing for the wrap first (rather than
 * copying min(len, room) and then the rest) keeps the usual copy's length
 * a function of n alone, not of the ring's indexes: measured faster by up
 * to a cycle per element for small bulks.
 */
static __rte_always_inline void
__rte_ring_copy_in(struct rte_ring *r, uint32_t head, const void *obj_table,
		   uint32_t esize, uint32_t n)
{
	const size_t at = (size_t)(head & r->mask) * esize;
	const size_t len = (size_t)n * esize;
	const size_t ring_len = (size_t)r->size * esize;
	char *ring = (char *)&r[1];

	if (likely(at + len <= ring_len)) {
		__rte_ring_copy_bytes(ring + at, obj_table, len);
	} else {
		const size_t first = __rte_ring_bytes_to_end(at, len, ring_len);

		__rte_ring_copy_bytes(ring + at, obj_table, first);
		__rte_ring_copy_bytes(ring, (const char *)obj_table + first, len - first);
	}
}

static __rte_always_inline void
__rte_ring_copy_out(struct rte_ring *r, uint32_t head, void *obj_table,
		    uint32_t esize, uint32_t n)
{
	const size_t at = (size_t)(head & r->mask) * esize;
	const size_t len = (size_t)n * esize;
	const size_t ring_len = (size_t)r->size * esize;
	const char *ring = (const char *)&r[1];

	if (likely(at + len <= ring_len)) {
		__rte_ring_copy_bytes(obj_table, ring + at, len);
	} else {
		const size_t first = __rte_ring_bytes_to_end(at, len, ring_len);

		__rte_ring_copy_bytes(obj_table, ring + at, first);
		__rte_ring_copy_bytes((char *)obj_table + first, ring, len - first);
	}
}

/*
 * The tail of the side opposite to ours (cons for an enqueue, prod for a
 * dequeue), acquired: what that side did to the slots before moving its
 * tail happens before what we do to them next. It is read in the layout
 * that side's sync type uses. With is_enqueue constant the choice of side
 * folds away; the sync type test is one well-predicted branch.
 */
static __rte_always_inline uint32_t
__rte_ring_their_tail(const struct rte_ring *r, int is_enqueue)
{
	const struct rte_ring_headtail *ht = is_enqueue ? &r->cons : &r->prod;
	const enum rte_ring_sync_type type = ht->sync_type;

	/* MT and ST first, and no switch: a jump table cost small SP/SC bulks ~0.5 cycle/elem. */
	if (likely(type == RTE_RING_SYNC_MT || type == RTE_RING_SYNC_ST))
		return __atomic_load_n(&ht->tail, __ATOMIC_ACQUIRE);
	if (type == RTE_RING_SYNC_MT_RTS) {
		union __rte_ring_rts_poscnt t;

		t.raw = __atomic_load_n(is_enqueue ? &r->rts_cons.tail.raw : &r->rts_prod.tail.raw,
					__ATOMIC_ACQUIRE);
		return t.val.pos;
	} else {
		union __rte_ring_hts_pos p;

		p.raw = __atomic_load_n(is_enqueue ? &r->hts_cons.ht.raw : &r->hts_prod.ht.raw,
					__ATOMIC_ACQUIRE);
		return p.pos.tail;
	}
}

/*
 * Reserve up to n slots on one side (prod for an enqueue, cons for a
 * dequeue) of an MT or ST ring side. The other side's tail bounds it: for
 * enqueue the room is capacity + cons.tail - prod.head; for dequeue it is
 * prod.tail - cons.head. Returns how many slots were reserved (0 or n for
 * FIXED) with [*old_head, *new_head) the reserved range, *room what was
 * available before the reservation.
 */
static __rte_always_inline uint32_t
__rte_ring_move_head(struct rte_ring *r, int is_enqueue, int is_single, uint32_t n,
		     enum rte_ring_queue_behavior behavior,
		     uint32_t *old_head, uint32_t *new_head, uint32_t *room)
{
	struct rte_ring_headtail *mine = is_enqueue ? &r->prod : &r->cons;
	const uint32_t room_offset = is_enqueue ? r->capacity : 0;
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
		*room = room_offset + __rte_ring_their_tail(r, is_enqueue) - *old_head;
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
		unsigned int spins = 0;

		while (unlikely(__atomic_load_n(&ht->tail, __ATOMIC_ACQUIRE) != old_head)) {
			rte_pause();
			/*
			 * The thread we wait for may have been preempted between
			 * its head CAS and this store; if it shares our CPU it
			 * cannot finish until we give the CPU up. DPDK spins a
			 * whole time slice here; we yield after a while (pinned
			 * lcores seldom get this far).
			 */
			if (unlikely(++spins == 4096)) {
				spins = 0;
				sched_yield();
			}
		}
	}
	__atomic_store_n(&ht->tail, new_head, __ATOMIC_RELEASE);
}

static __rte_always_inline unsigned int
__rte_ring_do_enqueue_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			   unsigned int n, enum rte_ring_queue_behavior behavior,
			   unsigned int is_sp, unsigned int *free_space)
{
	uint32_t head, next, room;

	n = __rte_ring_move_head(r, 1, is_sp, n, behavior, &head, &next, &room);
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

	n = __rte_ring_move_head(r, 0, is_sc, n, behavior, &head, &next, &entries);
	if (n != 0) {
		__rte_ring_copy_out(r, head, obj_table, esize, n);
		__rte_ring_update_tail(&r->cons, head, next, is_sc);
	}
	if (available != NULL)
		*available = entries - n;
	return n;
}

/* The RTS and HTS calls, which the default calls below dispatch to. */
#include <rte_ring_hts.h>
#include <rte_ring_rts.h>

/*
 * The default enqueue and dequeue: the algorithm the ring's side was made
 * with (RING_F_* at creation, one branch on the sync type). An unknown
 * sync type (a corrupt ring) moves nothing and reports no room, as DPDK.
 */
static __rte_always_inline unsigned int
__rte_ring_enqueue_by_sync(struct rte_ring *r, const void *obj_table, unsigned int esize,
			   unsigned int n, enum rte_ring_queue_behavior behavior,
			   unsigned int *free_space)
{
	switch (r->prod.sync_type) {
	case RTE_RING_SYNC_MT:
		return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, behavior, 0, free_space);
	case RTE_RING_SYNC_ST:
		return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, behavior, 1, free_space);
	case RTE_RING_SYNC_MT_RTS:
		return __rte_ring_do_rts_enqueue_elem(r, obj_table, esize, n, behavior, free_space);
	case RTE_RING_SYNC_MT_HTS:
		return __rte_ring_do_hts_enqueue_elem(r, obj_table, esize, n, behavior, free_space);
	}
	RTE_ASSERT(0);
	if (free_space != NULL)
		*free_space = 0;
	return 0;
}

static __rte_always_inline unsigned int
__rte_ring_dequeue_by_sync(struct rte_ring *r, void *obj_table, unsigned int esize,
			   unsigned int n, enum rte_ring_queue_behavior behavior,
			   unsigned int *available)
{
	switch (r->cons.sync_type) {
	case RTE_RING_SYNC_MT:
		return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, behavior, 0, available);
	case RTE_RING_SYNC_ST:
		return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, behavior, 1, available);
	case RTE_RING_SYNC_MT_RTS:
		return __rte_ring_do_rts_dequeue_elem(r, obj_table, esize, n, behavior, available);
	case RTE_RING_SYNC_MT_HTS:
		return __rte_ring_do_hts_dequeue_elem(r, obj_table, esize, n, behavior, available);
	}
	RTE_ASSERT(0);
	if (available != NULL)
		*available = 0;
	return 0;
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
	return __rte_ring_enqueue_by_sync(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED, free_space);
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
	return __rte_ring_dequeue_by_sync(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED, available);
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
	return __rte_ring_enqueue_by_sync(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE, free_space);
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
	return __rte_ring_dequeue_by_sync(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE, available);
}

#ifdef __cplusplus
}
#endif

/* As DPDK's rte_ring_elem.h: the peek and zero-copy calls come with it. */
#include <rte_ring_peek.h>
#include <rte_ring_peek_zc.h>

#endif
