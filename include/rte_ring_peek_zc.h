/* SPDX-License-Identifier: BSD-3-Clause
 * rte_ring zero-copy peek API: as rte_ring_peek.h, but _start copies
 * nothing. It hands out the reserved slots themselves (struct
 * rte_ring_zc_data): n1 elements at ptr1 and, when the reservation passes
 * the end of the ring, the rest at ptr2 (the ring's first slot). The
 * caller fills (or reads) them in place, then _finish(n) publishes n of
 * them. Same rules as rte_ring_peek.h (_finish only after a _start that
 * returned non-zero; ST or HTS sides only); on another side _start returns
 * 0 and leaves *zcd and the free space / available count untouched (DPDK
 * does the same, after its assert).
 */
/* Included first, pull in rte_ring_elem.h, which includes us at its end. */
#ifndef RTEMEM_RTE_RING_PEEK_ZC_H
#include <rte_ring_elem.h>
#endif

#ifndef RTEMEM_RTE_RING_PEEK_ZC_H
#define RTEMEM_RTE_RING_PEEK_ZC_H

#include <rte_ring_core.h>
#include <rte_ring_peek.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_ring_zc_data {
	void *ptr1;        /* first reserved slot */
	void *ptr2;        /* slot 0 when the reservation wraps, else NULL */
	unsigned int n1;   /* elements at ptr1; the rest (n - n1) are at ptr2 */
} __rte_cache_aligned;

static __rte_always_inline unsigned int
__rte_ring_do_zc_start(struct rte_ring *r, int is_enqueue, unsigned int esize, unsigned int n,
		       enum rte_ring_queue_behavior behavior, struct rte_ring_zc_data *zcd,
		       unsigned int *left)
{
	uint32_t head, room, idx;

	if (!__rte_ring_peek_start(r, is_enqueue, &n, behavior, &head, &room))
		return 0;
	idx = head & r->mask;
	zcd->ptr1 = (char *)&r[1] + (size_t)idx * esize;
	if (idx + n > r->size) {
		zcd->n1 = r->size - idx;
		zcd->ptr2 = &r[1];
	} else {
		zcd->n1 = n;
		zcd->ptr2 = NULL;
	}
	if (left != NULL)
		*left = room - n;
	return n;
}

/* ---- enqueue: reserve (bulk: n or 0; burst: up to n), fill, finish ---- */

static __rte_always_inline unsigned int
rte_ring_enqueue_zc_bulk_elem_start(struct rte_ring *r, unsigned int esize, unsigned int n,
				    struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return __rte_ring_do_zc_start(r, 1, esize, n, RTE_RING_QUEUE_FIXED, zcd, free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_zc_bulk_start(struct rte_ring *r, unsigned int n,
			       struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return rte_ring_enqueue_zc_bulk_elem_start(r, sizeof(uintptr_t), n, zcd, free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_zc_burst_elem_start(struct rte_ring *r, unsigned int esize, unsigned int n,
				     struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return __rte_ring_do_zc_start(r, 1, esize, n, RTE_RING_QUEUE_VARIABLE, zcd, free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_zc_burst_start(struct rte_ring *r, unsigned int n,
				struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return rte_ring_enqueue_zc_burst_elem_start(r, sizeof(uintptr_t), n, zcd, free_space);
}

/* Publish the first n of the reserved slots (filled by the caller). */
static __rte_always_inline void
rte_ring_enqueue_zc_elem_finish(struct rte_ring *r, unsigned int n)
{
	uint32_t tail;

	n = __rte_ring_peek_reserved(r, 1, n, &tail);
	__rte_ring_peek_publish(r, 1, tail + n);
}

static __rte_always_inline void
rte_ring_enqueue_zc_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_enqueue_zc_elem_finish(r, n);
}

/* ---- dequeue: reserve, read in place, finish removes n ---- */

static __rte_always_inline unsigned int
rte_ring_dequeue_zc_bulk_elem_start(struct rte_ring *r, unsigned int esize, unsigned int n,
				    struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return __rte_ring_do_zc_start(r, 0, esize, n, RTE_RING_QUEUE_FIXED, zcd, available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_zc_bulk_start(struct rte_ring *r, unsigned int n,
			       struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return rte_ring_dequeue_zc_bulk_elem_start(r, sizeof(uintptr_t), n, zcd, available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_zc_burst_elem_start(struct rte_ring *r, unsigned int esize, unsigned int n,
				     struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return __rte_ring_do_zc_start(r, 0, esize, n, RTE_RING_QUEUE_VARIABLE, zcd, available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_zc_burst_start(struct rte_ring *r, unsigned int n,
				struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return rte_ring_dequeue_zc_burst_elem_start(r, sizeof(uintptr_t), n, zcd, available);
}

static __rte_always_inline void
rte_ring_dequeue_zc_elem_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_dequeue_elem_finish(r, n);
}

static __rte_always_inline void
rte_ring_dequeue_zc_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_dequeue_elem_finish(r, n);
}

#ifdef __cplusplus
}
#endif

#endif
