/* SPDX-License-Identifier: BSD-3-Clause
 * Looking at a heap without changing it: statistics, a dump of its
 * elements, and a consistency check of the element list, free lists, sizes
 * and cookies (rtemem_malloc_heap_check, used by the tests).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "malloc_elem.h"
#include "malloc_heap.h"

void malloc_heap_get_stats(struct malloc_heap *heap, struct rte_malloc_socket_stats *stats)
{
	struct malloc_elem *elem;

	bool failed;

	memset(stats, 0, sizeof(*stats));
	/* A failed heap's free lists may be broken: it has no free memory. */
	failed = malloc_heap_lock(heap) != 0;
	for (size_t idx = 0; !failed && idx < RTE_HEAP_NUM_FREELISTS; idx++) {
		LIST_FOREACH(elem, &heap->free_head[idx], free_list)
		{
			stats->free_count++;
			stats->heap_freesz_bytes += elem->size;
			if (elem->size > stats->greatest_free_size)
				stats->greatest_free_size = elem->size;
		}
	}
	stats->heap_totalsz_bytes = heap->total_size;
	stats->heap_allocsz_bytes = heap->total_size - stats->heap_freesz_bytes;
	stats->alloc_count = heap->alloc_count;
	malloc_heap_unlock(heap);
}

void malloc_heap_dump(struct malloc_heap *heap, FILE *f)
{
	if (malloc_heap_lock(heap) != 0) {
		fprintf(f, "Heap %s: socket %u, failed (a process died changing it)\n",
			heap->name, heap->socket_id);
		malloc_heap_unlock(heap);
		return;
	}
	fprintf(f, "Heap %s: socket %u, size %zu, %u allocations\n", heap->name, heap->socket_id,
		heap->total_size, heap->alloc_count);
	fprintf(f, "  first %p, last %p\n", (void *)heap->first, (void *)heap->last);
	for (struct malloc_elem *elem = heap->first; elem != NULL; elem = elem->next)
		malloc_elem_dump(elem, f);
	malloc_heap_unlock(heap);
}

static int problem(FILE *f, const struct malloc_heap *heap, const char *fmt, ...)
	__rte_format_printf(3, 4);

static int problem(FILE *f, const struct malloc_heap *heap, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	RTE_LOG(ERR, MALLOC, "heap %s: %s\n", heap->name, msg);
	if (f != NULL)
		fprintf(f, "heap %s: %s\n", heap->name, msg);
	return 1;
}

int malloc_heap_check(struct malloc_heap *heap, FILE *f)
{
	int bad;

	if (malloc_heap_lock(heap) != 0)
		bad = problem(f, heap, "failed: a process died changing it");
	else
		bad = malloc_heap_check_locked(heap, f);
	malloc_heap_unlock(heap);
	return bad;
}

int malloc_heap_check_locked(struct malloc_heap *heap, FILE *f)
{
	struct malloc_elem *elem, *prev = NULL;
	size_t total = 0, max_elems;
	unsigned int busy = 0, n_free = 0, on_lists = 0;
	int bad = 0;

	/* Elements are at least a header long; more than this means a loop. */
	max_elems = heap->total_size / MALLOC_ELEM_HEADER_LEN + 1;
	for (elem = heap->first; elem != NULL && bad < 16; prev = elem, elem = elem->next) {
		if (max_elems-- == 0) {
			bad += problem(f, heap, "element list does not end");
			break;
		}
		/* A process that died mid-change may have left a wild link:
		 * look only at memory rtemem mapped. */
		if (rte_mem_virt2memseg_list(elem) == NULL) {
			bad += problem(f, heap, "%p: link out of mapped memory", (void *)elem);
			break;
		}
		if (elem->prev != prev)
			bad += problem(f, heap, "%p: prev link broken", (void *)elem);
		if (prev != NULL && RTE_PTR_ADD(prev, prev->size) > (void *)elem)
			bad += problem(f, heap, "%p: overlaps the element before", (void *)elem);
		if (elem->heap != heap || elem->msl == NULL ||
		    rte_mem_virt2memseg_list(elem) != elem->msl)
			bad += problem(f, heap, "%p: wrong heap or memseg list", (void *)elem);
		if (elem->size < MALLOC_ELEM_OVERHEAD + elem->pad)
			bad += problem(f, heap, "%p: size %zu too small", (void *)elem, elem->size);
		if (!malloc_elem_cookies_ok(elem))
			bad += problem(f, heap, "%p: cookie overwritten", (void *)elem);
		if (elem->state == ELEM_BUSY) {
			busy++;
			if (elem->pad != 0) {
				const struct malloc_elem *fake = RTE_PTR_ADD(elem, elem->pad);

				if (fake->state != ELEM_PAD || fake->pad != elem->pad ||
				    fake->size != elem->size - elem->pad)
					bad += problem(f, heap, "%p: padding header broken",
						       (void *)elem);
			}
		} else if (elem->state == ELEM_FREE) {
			n_free++;
			if (elem->pad != 0)
				bad += problem(f, heap, "%p: free element with padding",
					       (void *)elem);
			if (!malloc_elem_clean_sample_ok(elem))
				bad += problem(f, heap, "%p: bytes known to be zero are not",
					       (void *)elem);
			if (prev != NULL && prev->state == ELEM_FREE &&
			    malloc_elem_prev_adjacent(elem))
				bad += problem(f, heap, "%p: two adjacent free elements",
					       (void *)elem);
		} else {
			bad += problem(f, heap, "%p: bad state %d", (void *)elem, (int)elem->state);
		}
		total += elem->size;
	}
	if (bad == 0 && heap->last != prev)
		bad += problem(f, heap, "last element pointer is wrong");
	if (bad == 0 && total != heap->total_size)
		bad += problem(f, heap, "elements add up to %zu, heap says %zu", total,
			       heap->total_size);
	if (bad == 0 && busy != heap->alloc_count)
		bad += problem(f, heap, "%u busy elements, alloc_count %u", busy,
			       heap->alloc_count);
	for (size_t idx = 0; bad == 0 && idx < RTE_HEAP_NUM_FREELISTS; idx++) {
		LIST_FOREACH(elem, &heap->free_head[idx], free_list)
		{
			on_lists++;
			if (elem->state != ELEM_FREE || elem->heap != heap ||
			    malloc_elem_free_list_index(elem->size - MALLOC_ELEM_HEADER_LEN) != idx) {
				bad += problem(f, heap, "%p: wrong free list entry", (void *)elem);
				break;
			}
			if (on_lists > n_free)
				break;
		}
	}
	if (bad == 0 && on_lists != n_free)
		bad += problem(f, heap, "%u free elements, %u on free lists", n_free, on_lists);
	return bad;
}

