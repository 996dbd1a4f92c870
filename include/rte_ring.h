/* SPDX-License-Identifier: BSD-3-Clause
 * rte_ring: a bounded lock-free FIFO of pointers (or, through
 * rte_ring_elem.h, of fixed-size elements). Producers and consumers may
 * each be single (SP/SC) or multiple (MP/MC); the default variants use
 * what the ring was created with (RING_F_SP_ENQ / RING_F_SC_DEQ).
 */
#ifndef RTEMEM_RTE_RING_H
#define RTEMEM_RTE_RING_H

#include <stdio.h>

#include <rte_ring_core.h>
#include <rte_ring_elem.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes needed for a ring of count pointers, or -EINVAL. */
ssize_t rte_ring_get_memsize(unsigned int count);

/*
 * Initialise a ring in memory the caller provides (at least
 * rte_ring_get_memsize(count) bytes, cache-line aligned) for pointers.
 * 0 or -EINVAL / -ENAMETOOLONG.
 */
int rte_ring_init(struct rte_ring *r, const char *name, unsigned int count,
		  unsigned int flags);

/* A ring of count pointers in the memzone "RG_<name>"; see rte_ring_create_elem. */
struct rte_ring *rte_ring_create(const char *name, unsigned int count, int socket_id,
				 unsigned int flags);

/* Free a ring made by rte_ring_create(_elem); NULL is ignored. */
void rte_ring_free(struct rte_ring *r);

/* Empty the ring. Not thread safe: nobody may use the ring meanwhile. */
void rte_ring_reset(struct rte_ring *r);

/* f NULL: stdout. r NULL: prints "ring <NULL>". */
void rte_ring_dump(FILE *f, const struct rte_ring *r);
void rte_ring_list_dump(FILE *f);

/* The ring named name (in this or another process), or NULL + ENOENT (EINVAL: name NULL). */
struct rte_ring *rte_ring_lookup(const char *name);

/* ---- pointer API: an element is one void * ---- */

static __rte_always_inline unsigned int
rte_ring_mp_enqueue_bulk(struct rte_ring *r, void * const *obj_table, unsigned int n,
			 unsigned int *free_space)
{
	return rte_ring_mp_enqueue_bulk_elem(r, obj_table, sizeof(void *), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_sp_enqueue_bulk(struct rte_ring *r, void * const *obj_table, unsigned int n,
			 unsigned int *free_space)
{
	return rte_ring_sp_enqueue_bulk_elem(r, obj_table, sizeof(void *), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_bulk(struct rte_ring *r, void * const *obj_table, unsigned int n,
		      unsigned int *free_space)
{
	return rte_ring_enqueue_bulk_elem(r, obj_table, sizeof(void *), n, free_space);
}

static __rte_always_inline int
rte_ring_mp_enqueue(struct rte_ring *r, void *obj)
{
	return rte_ring_mp_enqueue_elem(r, &obj, sizeof(void *));
}

static __rte_always_inline int
rte_ring_sp_enqueue(struct rte_ring *r, void *obj)
{
	return rte_ring_sp_enqueue_elem(r, &obj, sizeof(void *));
}

static __rte_always_inline int
rte_ring_enqueue(struct rte_ring *r, void *obj)
{
	return rte_ring_enqueue_elem(r, &obj, sizeof(void *));
}

static __rte_always_inline unsigned int
rte_ring_mc_dequeue_bulk(struct rte_ring *r, void **obj_table, unsigned int n,
			 unsigned int *available)
{
	return rte_ring_mc_dequeue_bulk_elem(r, obj_table, sizeof(void *), n, available);
}

static __rte_always_inline unsigned int
rte_ring_sc_dequeue_bulk(struct rte_ring *r, void **obj_table, unsigned int n,
			 unsigned int *available)
{
	return rte_ring_sc_dequeue_bulk_elem(r, obj_table, sizeof(void *), n, available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_bulk(struct rte_ring *r, void **obj_table, unsigned int n,
		      unsigned int *available)
{
	return rte_ring_dequeue_bulk_elem(r, obj_table, sizeof(void *), n, available);
}

static __rte_always_inline int
rte_ring_mc_dequeue(struct rte_ring *r, void **obj_p)
{
	return rte_ring_mc_dequeue_elem(r, obj_p, sizeof(void *));
}

static __rte_always_inline int
rte_ring_sc_dequeue(struct rte_ring *r, void **obj_p)
{
	return rte_ring_sc_dequeue_elem(r, obj_p, sizeof(void *));
}

static __rte_always_inline int
rte_ring_dequeue(struct rte_ring *r, void **obj_p)
{
	return rte_ring_dequeue_elem(r, obj_p, sizeof(void *));
}

static __rte_always_inline unsigned int
rte_ring_mp_enqueue_burst(struct rte_ring *r, void * const *obj_table, unsigned int n,
			  unsigned int *free_space)
{
	return rte_ring_mp_enqueue_burst_elem(r, obj_table, sizeof(void *), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_sp_enqueue_burst(struct rte_ring *r, void * const *obj_table, unsigned int n,
			  unsigned int *free_space)
{
	return rte_ring_sp_enqueue_burst_elem(r, obj_table, sizeof(void *), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_burst(struct rte_ring *r, void * const *obj_table, unsigned int n,
		       unsigned int *free_space)
{
	return rte_ring_enqueue_burst_elem(r, obj_table, sizeof(void *), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_dequeue_burst(struct rte_ring *r, void **obj_table, unsigned int n,
			  unsigned int *available)
{
	return rte_ring_mc_dequeue_burst_elem(r, obj_table, sizeof(void *), n, available);
}

static __rte_always_inline unsigned int
rte_ring_sc_dequeue_burst(struct rte_ring *r, void **obj_table, unsigned int n,
			  unsigned int *available)
{
	return rte_ring_sc_dequeue_burst_elem(r, obj_table, sizeof(void *), n, available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_burst(struct rte_ring *r, void **obj_table, unsigned int n,
		       unsigned int *available)
{
	return rte_ring_dequeue_burst_elem(r, obj_table, sizeof(void *), n, available);
}

/* ---- state; a snapshot only while others are running ---- */

static inline unsigned int
rte_ring_count(const struct rte_ring *r)
{
	uint32_t prod_tail = __atomic_load_n(&r->prod.tail, __ATOMIC_RELAXED);
	uint32_t cons_tail = __atomic_load_n(&r->cons.tail, __ATOMIC_RELAXED);
	uint32_t count = (prod_tail - cons_tail) & r->mask;

	/* With EXACT_SZ the mask is wider than the capacity. */
	return count > r->capacity ? r->capacity : count;
}

static inline unsigned int
rte_ring_free_count(const struct rte_ring *r)
{
	return r->capacity - rte_ring_count(r);
}

static inline int
rte_ring_full(const struct rte_ring *r)
{
	return rte_ring_free_count(r) == 0;
}

static inline int
rte_ring_empty(const struct rte_ring *r)
{
	return __atomic_load_n(&r->prod.tail, __ATOMIC_RELAXED) ==
	       __atomic_load_n(&r->cons.tail, __ATOMIC_RELAXED);
}

static inline unsigned int
rte_ring_get_size(const struct rte_ring *r)
{
	return r->size;
}

static inline unsigned int
rte_ring_get_capacity(const struct rte_ring *r)
{
	return r->capacity;
}

static inline enum rte_ring_sync_type
rte_ring_get_prod_sync_type(const struct rte_ring *r)
{
	return r->prod.sync_type;
}

static inline int
rte_ring_is_prod_single(const struct rte_ring *r)
{
	return r->prod.sync_type == RTE_RING_SYNC_ST;
}

static inline enum rte_ring_sync_type
rte_ring_get_cons_sync_type(const struct rte_ring *r)
{
	return r->cons.sync_type;
}

static inline int
rte_ring_is_cons_single(const struct rte_ring *r)
{
	return r->cons.sync_type == RTE_RING_SYNC_ST;
}

#ifdef __cplusplus
}
#endif

#endif
