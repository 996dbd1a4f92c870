/* SPDX-License-Identifier: BSD-3-Clause
 * Looking at a heap without changing it: statistics, a dump of its
 * elements, and a consistency check of the element list, the free-element
 * index, sizes and cookies (rtemem_malloc_heap_check, used by the tests).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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
	for (int idx = failed ? -1 : malloc_elem_free_list_next(heap, 0); idx >= 0;
	     idx = malloc_elem_free_list_next(heap, (size_t)idx + 1)) {
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

/* Is elem one of the n free elements in free (sorted by address)? */
static bool among(struct malloc_elem *const *free_elems, size_t n, const struct malloc_elem *elem)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (free_elems[mid] == elem)
			return true;
		if (free_elems[mid] < elem)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/*
 * The index holds exactly the free elements of the element list: each list
 * is well linked (back pointers), holds only elements of its size class
 * found free in the element list, its bit is set if and only if it is not
 * empty, a first-level bit if and only if any of its lists is, and the
 * lists hold as many elements and bytes as the element list has free. An
 * element is on one list at most (it has one link), so equal counts with
 * every entry found make the two sets equal. free_elems: the free elements
 * in address order, or NULL (then only the counts are compared).
 */
static int check_index(struct malloc_heap *heap, FILE *f, struct malloc_elem *const *free_elems,
		       size_t n_free, size_t free_bytes)
{
	size_t on_lists = 0, listed_bytes = 0;
	uint32_t fl_map = 0;
	int bad = 0;

	/* The groups of lists from one whose bits are all clear to the next
	 * with a bit set are proven empty by one memcmp: most are, and the
	 * fuzzers check the heap after every call. */
	static const char no_heads[sizeof(heap->free_head)];

	for (size_t idx = 0; idx < RTE_HEAP_NUM_FREELISTS && bad == 0; idx++) {
		const unsigned int fl = (unsigned int)(idx / MALLOC_TLSF_SL_COUNT);
		const unsigned int sl = (unsigned int)(idx % MALLOC_TLSF_SL_COUNT);
		const bool bit = (heap->sl_bitmap[fl] >> sl) & 1;
		struct malloc_elem *elem, *const *link = &heap->free_head[idx].lh_first;
		unsigned int clear_to = fl;

		while (sl == 0 && clear_to < MALLOC_TLSF_FL_COUNT && heap->sl_bitmap[clear_to] == 0)
			clear_to++;
		if (clear_to > fl &&
		    memcmp(&heap->free_head[idx], no_heads,
			   (clear_to - fl) * MALLOC_TLSF_SL_COUNT * sizeof(heap->free_head[0])) == 0) {
			idx = (size_t)clear_to * MALLOC_TLSF_SL_COUNT - 1;
			continue;
		}

		if (bit != !LIST_EMPTY(&heap->free_head[idx]))
			bad += problem(f, heap, "list %zu: bitmap bit %d, list %s", idx, (int)bit,
				       bit ? "empty" : "not empty");
		if (heap->sl_bitmap[fl] != 0)
			fl_map |= 1u << fl;
		LIST_FOREACH(elem, &heap->free_head[idx], free_list)
		{
			if (++on_lists > n_free) {
				bad += problem(f, heap, "more elements on the free lists than free");
				break;
			}
			if (elem->free_list.le_prev != link) {
				bad += problem(f, heap, "%p: free list back link broken", (void *)elem);
				break;
			}
			link = &elem->free_list.le_next;
			if (elem->state != ELEM_FREE || elem->heap != heap ||
			    malloc_elem_free_list_index(elem->size) != idx ||
			    (free_elems != NULL && !among(free_elems, n_free, elem))) {
				bad += problem(f, heap, "%p: wrong free list entry (list %zu)",
					       (void *)elem, idx);
				break;
			}
			listed_bytes += elem->size;
		}
	}
	if (bad == 0 && fl_map != heap->fl_bitmap)
		bad += problem(f, heap, "first-level bitmap 0x%x, lists say 0x%x", heap->fl_bitmap,
			       fl_map);
	if (bad == 0 && on_lists != n_free)
		bad += problem(f, heap, "%zu free elements, %zu on free lists", n_free, on_lists);
	if (bad == 0 && (listed_bytes != free_bytes || heap->free_size != free_bytes))
		bad += problem(f, heap, "free bytes: %zu in elements, %zu listed, heap says %zu",
			       free_bytes, listed_bytes, heap->free_size);
	return bad;
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
	/* The free elements in address order, for check_index to look up
	 * (glibc's malloc: this is the heap being checked); NULL once out of
	 * memory, then check_index compares counts only. */
	struct malloc_elem **free_elems = NULL;
	size_t free_cap = 0;
	size_t total = 0, max_elems, n_free = 0, free_bytes = 0;
	unsigned int busy = 0;
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
			if (n_free == free_cap && (n_free == 0 || free_elems != NULL)) {
				void *grown;

				free_cap = free_cap != 0 ? 2 * free_cap : 64;
				grown = realloc(free_elems, free_cap * sizeof(*free_elems));
				if (grown == NULL)
					free(free_elems);
				free_elems = grown;
			}
			if (free_elems != NULL)
				free_elems[n_free] = elem;
			n_free++;
			free_bytes += elem->size;
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
	if (bad == 0)
		bad += check_index(heap, f, free_elems, n_free, free_bytes);
	free(free_elems);
	return bad;
}
