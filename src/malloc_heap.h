/* SPDX-License-Identifier: BSD-3-Clause
 * A malloc heap: the free elements of one NUMA socket's memory, kept in
 * free lists by size class. Lives in the shared mem_config.
 */
#ifndef RTEMEM_MALLOC_HEAP_H
#define RTEMEM_MALLOC_HEAP_H

#include <stddef.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_spinlock.h>

#define RTE_HEAP_NUM_FREELISTS 13
#define RTE_HEAP_NAME_MAX_LEN 32

struct malloc_elem;

struct malloc_heap {
	rte_spinlock_t lock;
	LIST_HEAD(, malloc_elem) free_head[RTE_HEAP_NUM_FREELISTS];
	struct malloc_elem *volatile first;
	struct malloc_elem *volatile last;
	unsigned int alloc_count;
	unsigned int socket_id;
	size_t total_size;
	char name[RTE_HEAP_NAME_MAX_LEN];
} __rte_cache_aligned;

/* Set up the heaps of the sockets in use; called once by the primary. */
int rte_eal_malloc_heap_init(void);
/* Give every heap's pages back (rte_eal_cleanup). */
void rte_eal_malloc_heap_cleanup(void);

#endif
