/* SPDX-License-Identifier: BSD-3-Clause
 * A heap's lock, and what the next holder does when the last one died
 * holding it: a process SIGKILLed inside rte_malloc or rte_free may have
 * left an element half split or half merged, a free element off its free
 * list, a count not yet updated. The heap is checked; if the check finds
 * anything wrong it is rebuilt from the one thing every change keeps
 * sound at each step, the chain of elements by address (repair), and
 * checked again. Only if that fails too is the heap marked failed for good:
 * every later call on it fails with ENOTRECOVERABLE rather than follow a
 * broken link. Blocks the dead process held stay allocated: other
 * processes may be using them, and nothing records whose they were.
 */
#include <errno.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_log.h>

#include "eal_private.h"
#include "malloc_elem.h"
#include "malloc_heap.h"

/* elem may be read: a header inside memory of this heap's kind. */
static bool elem_sane(const struct malloc_heap *heap, const struct malloc_elem *elem)
{
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(elem);

	if (msl == NULL || elem->heap != heap || elem->msl != msl ||
	    (elem->state != ELEM_FREE && elem->state != ELEM_BUSY) ||
	    elem->size < MALLOC_ELEM_OVERHEAD)
		return false;
	/* The whole element inside its memseg list. */
	return RTE_PTR_DIFF(elem, msl->base_va) + elem->size <= msl->len;
}

/*
 * Every step of a change (split_elem, join_elem, malloc_elem_insert,
 * hide_region) sets the forward link last or leaves it sound, so the
 * chain from heap->first is the truth; what a death can leave is:
 *  - an element whose size already covers the next one (join done, link
 *    not yet moved; or split begun, size not yet cut): it absorbs it;
 *  - stale back links, last, total size and allocation count: recomputed;
 *  - a free element off its list, or two adjacent free ones: the free
 *    lists are rebuilt and neighbours joined;
 *  - a half-freed padded element: state and padding made to agree;
 *  - debug cookies not yet written for a new size: rewritten (a user's
 *    overrun of a busy block is no longer seen after that);
 *  - a dirty range that no longer matches the bytes: every free element
 *    is marked wholly dirty, so rte_zmalloc clears what it hands out.
 * Returns 0, or -ENOTRECOVERABLE if a link leads somewhere no element is.
 */
static int repair(struct malloc_heap *heap)
{
	size_t max_elems = heap->total_size / MALLOC_ELEM_HEADER_LEN + 1, total = 0;
	struct malloc_elem *elem, *prev = NULL;
	unsigned int busy = 0;

	if (heap->first != NULL && !elem_sane(heap, heap->first))
		return -ENOTRECOVERABLE;
	for (elem = heap->first; elem != NULL; prev = elem, elem = elem->next) {
		struct malloc_elem *next;

		if (max_elems-- == 0)
			return -ENOTRECOVERABLE;
		/* Absorb links into our own range (a join or split cut short). */
		while ((next = elem->next) != NULL && (void *)next > (void *)elem &&
		       (void *)next < RTE_PTR_ADD(elem, elem->size)) {
			if (!elem_sane(heap, next) ||
			    RTE_PTR_ADD(next, next->size) > RTE_PTR_ADD(elem, elem->size))
				return -ENOTRECOVERABLE;
			elem->next = next->next;
		}
		if (next != NULL && ((void *)next <= (void *)elem || !elem_sane(heap, next)))
			return -ENOTRECOVERABLE;
		elem->prev = prev;
		if (elem->state == ELEM_FREE) {
			elem->pad = 0;
			/* Join a free neighbour right after us. */
			while ((next = elem->next) != NULL && next->state == ELEM_FREE &&
			       malloc_elem_next_adjacent(elem)) {
				elem->size += next->size;
				elem->next = next->next;
			}
			malloc_elem_mark_dirty(elem);
		} else {
			busy++;
		}
		malloc_elem_restore_headers(elem);
		total += elem->size;
	}
	heap->last = prev;
	heap->total_size = total;
	heap->alloc_count = busy;
	for (unsigned int i = 0; i < RTE_HEAP_NUM_FREELISTS; i++)
		LIST_INIT(&heap->free_head[i]);
	heap->fl_bitmap = 0;
	memset(heap->sl_bitmap, 0, sizeof(heap->sl_bitmap));
	heap->free_size = 0;
	for (elem = heap->first; elem != NULL; elem = elem->next)
		if (elem->state == ELEM_FREE)
			malloc_elem_free_list_insert(elem);
	return 0;
}

static void recover(struct malloc_heap *heap)
{
	int bad;

	eal_shlock_report(heap->name, &heap->lock);
	if (heap->failed)
		return; /* already given up on; nothing to look at */
	bad = malloc_heap_check_locked(heap, NULL);
	if (bad != 0 && repair(heap) == 0) {
		bad = malloc_heap_check_locked(heap, NULL);
		if (bad == 0)
			RTE_LOG(WARNING, MALLOC, "heap %s: rebuilt from its element chain\n",
				heap->name);
	}
	if (bad != 0) {
		heap->failed = 1;
		RTE_LOG(ERR, MALLOC,
			"heap %s: %d problems after its lock holder died; the heap is failed, "
			"calls on it now fail with ENOTRECOVERABLE\n",
			heap->name, bad);
	} else {
		RTE_LOG(WARNING, MALLOC,
			"heap %s: consistent after its lock holder died (%u blocks allocated, "
			"the dead process's among them, stay allocated)\n",
			heap->name, heap->alloc_count);
	}
}

int malloc_heap_lock(struct malloc_heap *heap)
{
	if (eal_shmutex_lock(&heap->lock) == -EOWNERDEAD) {
		recover(heap);
		eal_shlock_consistent(&heap->lock);
	}
	return heap->failed ? -ENOTRECOVERABLE : 0;
}

void malloc_heap_unlock(struct malloc_heap *heap)
{
	eal_shmutex_unlock(&heap->lock);
}
