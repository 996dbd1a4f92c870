/* SPDX-License-Identifier: BSD-3-Clause
 * A malloc heap: the elements of one NUMA socket's memory, with an index
 * of the free ones. Lives in the shared mem_config; elements are linked by
 * pointers, valid in every process since all map memory at the same VA.
 *
 * The free-element index is a two-level segregated fit (TLSF, Masmano et
 * al., ECRTS 2004). An element of size s (header included, a cache-line
 * multiple) lives on list (fl, sl): below 2^MALLOC_TLSF_FL_SHIFT bytes
 * fl = 0 and sl = s / cache line (exact classes); above, fl is the power of
 * two class of s and sl one of MALLOC_TLSF_SL_COUNT equal slices of it.
 * fl_bitmap has a bit per non-empty first-level class, sl_bitmap[fl] one
 * per non-empty list of it, so the smallest non-empty list whose every
 * element is at least n bytes is two find-first-set operations away.
 *
 * Locking: a heap's lock guards its elements and lists. Growing a heap
 * (mapping pages) or giving pages back also needs the memory hotplug lock
 * for writing, taken before the heap lock (see rte_eal_memconfig.h).
 * The lock survives a holder that dies (malloc_heap_lock).
 */
#ifndef RTEMEM_MALLOC_HEAP_H
#define RTEMEM_MALLOC_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/queue.h>

#include <rte_common.h>

#include "eal_shlock.h"

#define MALLOC_TLSF_SL_LOG2 5
#define MALLOC_TLSF_SL_COUNT (1u << MALLOC_TLSF_SL_LOG2)
/* 32 classes of sizes up to 4 TiB, more than RTE_MAX_MEM_MB can map. */
#define MALLOC_TLSF_FL_COUNT 32u
#define RTE_HEAP_NUM_FREELISTS (MALLOC_TLSF_FL_COUNT * MALLOC_TLSF_SL_COUNT)
#define RTE_HEAP_NAME_MAX_LEN 32

struct malloc_elem;
struct rte_malloc_socket_stats;

struct malloc_heap {
	/* malloc_heap_lock, never directly. First: destroying an external
	 * heap zeroes everything after it (malloc_heap_ext.c). */
	struct eal_shmutex lock;
	/* Its lock's holder died and left it beyond repair: no call touches
	 * its elements any more (ENOTRECOVERABLE). */
	uint32_t failed;
	uint32_t fl_bitmap;
	uint32_t sl_bitmap[MALLOC_TLSF_FL_COUNT];
	/* List fl * MALLOC_TLSF_SL_COUNT + sl. */
	LIST_HEAD(, malloc_elem) free_head[RTE_HEAP_NUM_FREELISTS];
	size_t free_size; /* bytes of the elements on the lists */
	struct malloc_elem *volatile first;
	struct malloc_elem *volatile last;
	unsigned int alloc_count;
	unsigned int socket_id;
	size_t total_size;
	/* Pages the heap grew by at run time and may give back; those mapped
	 * at start-up (-m, --socket-mem, --no-huge) stay for good. While it is
	 * 0, rte_free does not look for pages to release at all. */
	unsigned int runtime_pages;
	/* Free memory up to which freed runtime pages stay mapped (rtemem_heap.h). */
	size_t retain_bytes;
	char name[RTE_HEAP_NAME_MAX_LEN];
} __rte_cache_aligned;

/*
 * Take the heap's lock. If its last holder died holding it, the heap is
 * checked (malloc_heap_check) and, when broken, marked failed. Returns 0,
 * or -ENOTRECOVERABLE for a failed heap: the lock is held either way, and
 * the caller must not touch the elements in the second case.
 */
int malloc_heap_lock(struct malloc_heap *heap);
void malloc_heap_unlock(struct malloc_heap *heap);

/* Set up the heaps of the sockets in use; called once by the primary. */
int malloc_heap_init(void);
/* Give every heap's pages back (rte_eal_cleanup). */
void malloc_heap_cleanup(void);

/* A heap made by rte_malloc_heap_create: its socket ids start where the
 * NUMA nodes' end. */
static inline bool malloc_heap_is_external(const struct malloc_heap *heap)
{
	return heap->socket_id >= RTE_MAX_NUMA_NODES;
}

/*
 * Heap locked: put [start, start + len) of msl into the heap as one free
 * element (merged with free neighbours of the same list). Returns it.
 */
struct rte_memseg_list;
struct malloc_elem *malloc_heap_add_memory(struct malloc_heap *heap, struct rte_memseg_list *msl,
					   void *start, size_t len);

/* Index in mcfg->malloc_heaps of the socket's heap, or -1. */
int malloc_socket_to_heap_id(int socket);
/* The heap whose memory msl's pages are (its socket's), or NULL. */
struct malloc_heap *malloc_heap_of_list(const struct rte_memseg_list *msl);
/*
 * Heap locked (by the caller or by the process it works for): whether any
 * element of the heap, busy or free, lies over [va, va + len).
 */
bool malloc_heap_covers(const struct malloc_heap *heap, const void *va, size_t len);

struct malloc_dirty;

/*
 * Allocate size bytes (already checked: > 0, align a power of two) on
 * socket (or any, the default one first); grows the heap when needed. If
 * dirty is not NULL it gets the part of the block that may not be zero
 * (malloc_elem.h), for rte_zmalloc to clear once the locks are dropped.
 * Puts the data pointer in *out and returns 0, or returns -errno (DPDK's
 * rte_errno for the failure: -EINVAL for a bad socket, alignment or bound,
 * -ENOMEM for no memory, -ENOTRECOVERABLE for a failed heap).
 */
int malloc_heap_alloc(void **out, size_t size, int socket, unsigned int flags, size_t align,
		      size_t bound, bool contig, struct malloc_dirty *dirty);
/*
 * The same in two halves, for callers that hold the memzone lock: without
 * growing; and with growing, which needs the hotplug lock held for writing.
 */
int malloc_heap_alloc_existing(void **out, size_t size, int socket, unsigned int flags,
			       size_t align, size_t bound, bool contig);
int malloc_heap_alloc_grow_locked(void **out, size_t size, int socket, unsigned int flags,
				  size_t align, size_t bound, bool contig);
/* The biggest block the heap(s) can give right now, without growing. */
int malloc_heap_alloc_biggest(void **out, int socket, unsigned int flags, size_t align,
			      bool contig);

/*
 * The busy element whose data is ptr, checked as far as possible (inside a
 * mapped memseg, a real heap, busy, cookies). NULL (logged) if it is not.
 */
struct malloc_elem *malloc_heap_elem_of(const void *ptr, const char *caller);
/*
 * Free a busy element. With release_pages, whole runtime pages that end up
 * free are unmapped (this may take the hotplug lock: hold no memory lock);
 * without, the caller may hold any of them.
 */
void malloc_heap_free(struct malloc_elem *elem, bool release_pages);
/*
 * Hotplug lock (write) and heap lock held: unmap the free runtime pages of
 * the heap beyond retain bytes of free memory (0: all of them). 0, or the
 * -errno of a page the HAL could not unmap (it stays in the heap, free).
 */
int malloc_heap_trim_locked(struct malloc_heap *heap, size_t retain);
/* Resize in place; 0, or -ENOMEM / -ENOTRECOVERABLE (nothing changed). */
int malloc_heap_resize(struct malloc_elem *elem, size_t size);

void malloc_heap_get_stats(struct malloc_heap *heap, struct rte_malloc_socket_stats *stats);
void malloc_heap_dump(struct malloc_heap *heap, FILE *f);
/* Consistency check of one heap; 0 or the number of problems found. */
int malloc_heap_check(struct malloc_heap *heap, FILE *f);
/* The same with the heap's lock held. */
int malloc_heap_check_locked(struct malloc_heap *heap, FILE *f);

#endif
