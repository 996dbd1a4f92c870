/* SPDX-License-Identifier: BSD-3-Clause
 * Between the mempool modules: the built-in ring and stack drivers
 * (mempool_ring.c, mempool_stack.c) that seed the ops table (mempool_ops.c),
 * chunk release (mempool_populate.c) and life-cycle events (mempool_events.c).
 */
#ifndef RTEMEM_MEMPOOL_PRIVATE_H
#define RTEMEM_MEMPOOL_PRIVATE_H

#include <rte_mempool.h>

/* The per-lcore cache turns back into the pool once it grows past 1.5 x size. */
#define MEMPOOL_CACHE_FLUSHTHRESH(size) ((size) * 3 / 2)

int mempool_ring_alloc_mp_mc(struct rte_mempool *mp);
int mempool_ring_alloc_sp_sc(struct rte_mempool *mp);
int mempool_ring_alloc_mp_sc(struct rte_mempool *mp);
int mempool_ring_alloc_sp_mc(struct rte_mempool *mp);
void mempool_ring_free(struct rte_mempool *mp);
int mempool_ring_enqueue_mp(struct rte_mempool *mp, void * const *obj_table, unsigned int n);
int mempool_ring_enqueue_sp(struct rte_mempool *mp, void * const *obj_table, unsigned int n);
int mempool_ring_dequeue_mc(struct rte_mempool *mp, void **obj_table, unsigned int n);
int mempool_ring_dequeue_sc(struct rte_mempool *mp, void **obj_table, unsigned int n);
unsigned int mempool_ring_get_count(const struct rte_mempool *mp);
int mempool_ring_alloc_mt_rts(struct rte_mempool *mp);
int mempool_ring_alloc_mt_hts(struct rte_mempool *mp);
int mempool_ring_enqueue_by_mode(struct rte_mempool *mp, void * const *obj_table,
				 unsigned int n);
int mempool_ring_dequeue_by_mode(struct rte_mempool *mp, void **obj_table, unsigned int n);

int mempool_stack_alloc(struct rte_mempool *mp);
void mempool_stack_free(struct rte_mempool *mp);
int mempool_stack_enqueue(struct rte_mempool *mp, void * const *obj_table, unsigned int n);
int mempool_stack_dequeue(struct rte_mempool *mp, void **obj_table, unsigned int n);
unsigned int mempool_stack_get_count(const struct rte_mempool *mp);

/* Forget every object and chunk, calling each chunk's free_cb (the driver is the caller's). */
void mempool_release_chunks(struct rte_mempool *mp);

/* Call the registered callbacks of this process, in registration order. */
void mempool_event_invoke(enum rte_mempool_event event, struct rte_mempool *mp);

#endif
