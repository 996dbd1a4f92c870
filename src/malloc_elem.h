/* SPDX-License-Identifier: BSD-3-Clause
 * Heap elements. Every piece of heap memory, busy or free, starts with a
 * cache-line sized header; the user data follows it. Elements of a heap are
 * kept in one address-ordered list (prev/next, which may jump over gaps
 * between memory regions); free ones are also on one of the heap's free
 * lists, the TLSF index (malloc_heap.h).
 *
 *   elem                        elem + pad              elem + size
 *   | header | pad ... | fake header | user data | trailer |
 *                        (only if pad > 0)          (debug only)
 *
 * A busy element whose data had to move up for alignment, with too little
 * room below to split off a free element, keeps that room as padding; a
 * "PAD" header right before the data points back to the real header.
 *
 * What is known to be zero: a free element's data area, from the end of its
 * header to its trailer (or its end), is zero outside one dirty range.
 * Fresh pages are clean, a freed block is dirty all over, a split keeps
 * what each part had, a merge takes the hull of both ranges. rte_zmalloc
 * clears only the dirty part of the block it is given, so memory is cleared
 * once per reuse, and never when it comes fresh from the pages (DPDK keeps
 * free memory zeroed by clearing in rte_free instead; the cost is the same,
 * but plain rte_malloc/rte_free do not pay it here).
 */
#ifndef RTEMEM_MALLOC_ELEM_H
#define RTEMEM_MALLOC_ELEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_memory.h>

struct malloc_heap;

enum elem_state {
	ELEM_FREE = 0,
	ELEM_BUSY,
	ELEM_PAD, /* a fake header inside a busy element's padding */
};

struct malloc_elem {
	/* First cache line: links and origin. */
	struct malloc_heap *heap;
	struct malloc_elem *volatile prev;  /* previous element by address */
	struct malloc_elem *volatile next;  /* next element by address */
	LIST_ENTRY(malloc_elem) free_list;  /* on a heap free list when free */
	struct rte_memseg_list *msl;
	struct malloc_elem *orig_elem;      /* start of the region it was added with */
	size_t orig_size;
	/*
	 * Second cache line: what a PAD header needs. Padding is a multiple
	 * of the cache line, so a PAD header's second line never lands on the
	 * real header, even with a single line of padding.
	 */
	volatile enum elem_state state;
	uint32_t pad;                       /* bytes from here to the data's header */
	size_t size;                        /* whole element, header included */
	/* Free element: [dirty_lo, dirty_hi), offsets from the header, may hold
	 * non-zero bytes; the rest of the data area is zero. Empty: 0, 0. */
	size_t dirty_lo, dirty_hi;
#ifdef RTE_MALLOC_DEBUG
	uint8_t unused[RTE_CACHE_LINE_SIZE - 40];
	uint64_t header_cookie;             /* right in front of the data */
#endif
} __rte_cache_aligned;

#define MALLOC_ELEM_HEADER_LEN sizeof(struct malloc_elem)
#ifdef RTE_MALLOC_DEBUG
#define MALLOC_ELEM_TRAILER_LEN RTE_CACHE_LINE_SIZE
#else
#define MALLOC_ELEM_TRAILER_LEN 0
#endif
#define MALLOC_ELEM_OVERHEAD (MALLOC_ELEM_HEADER_LEN + MALLOC_ELEM_TRAILER_LEN)
/* Smallest data part worth splitting off as a separate free element. */
#define MALLOC_ELEM_MIN_DATA RTE_CACHE_LINE_SIZE
#define MALLOC_ELEM_MIN_SPLIT (MALLOC_ELEM_OVERHEAD + MALLOC_ELEM_MIN_DATA)

/* Debug build: data of a freed element is filled with this byte. */
#define MALLOC_POISON 0x6b

void malloc_elem_init(struct malloc_elem *elem, struct malloc_heap *heap,
		      struct rte_memseg_list *msl, size_t size,
		      struct malloc_elem *orig_elem, size_t orig_size);
/* Link a new element into its heap's address-ordered list. */
void malloc_elem_insert(struct malloc_elem *elem);

/* Bytes of a new block that may not be zero (len 0: none). */
struct malloc_dirty {
	void *start;
	size_t len;
};

/* Make the whole data area of free elem dirty (memory of unknown contents). */
void malloc_elem_mark_dirty(struct malloc_elem *elem);
/* A sample of free elem's known-zero bytes (next to the dirty range and at
 * both ends of the data area) is zero; reading all of it would be too slow. */
bool malloc_elem_clean_sample_ok(const struct malloc_elem *elem);

/* Can elem give size bytes at align, within bound, IOVA-contiguous if asked? */
bool malloc_elem_can_hold(struct malloc_elem *elem, size_t size, size_t align,
			  size_t bound, bool contig);
/* Carve a busy element out of free elem (which can_hold it); returns the
 * header that sits right before the data (a PAD header if padded). If dirty
 * is not NULL, it gets the part of the size data bytes that may not be zero. */
struct malloc_elem *malloc_elem_alloc(struct malloc_elem *elem, size_t size, size_t align,
				      size_t bound, bool contig, struct malloc_dirty *dirty);
/* Free a busy element, merging it with free neighbours; returns the result
 * (already on its free list). */
struct malloc_elem *malloc_elem_free(struct malloc_elem *elem);
/* Grow or shrink a busy element's data in place; 0, or -ENOMEM (no room
 * after it; nothing changed). */
int malloc_elem_resize(struct malloc_elem *elem, size_t size);
/* Take [start, start+len) out of free elem (off its free list), keeping the
 * parts before and after as free elements. */
void malloc_elem_hide_region(struct malloc_elem *elem, void *start, size_t len);
/* Merge free elem, on no list, with its adjacent free neighbours and put
 * the result on its free list; returns the result. */
struct malloc_elem *malloc_elem_join_adjacent_free(struct malloc_elem *elem);

/* The index's list for a free element of size bytes (header included). */
size_t malloc_elem_free_list_index(size_t size);
/* Put free elem on its list, or take it off (size unchanged since). */
void malloc_elem_free_list_insert(struct malloc_elem *elem);
void malloc_elem_free_list_remove(struct malloc_elem *elem);
/* The smallest non-empty list whose every element is at least size bytes;
 * -1 if there is none. */
int malloc_elem_free_list_fit(const struct malloc_heap *heap, size_t size);
/* The first non-empty list at idx or after it; -1 if there is none. */
int malloc_elem_free_list_next(const struct malloc_heap *heap, size_t idx);

/* The real header of the busy element whose data starts at data. */
struct malloc_elem *malloc_elem_from_data(const void *data);
/* Usable bytes of a busy element. */
size_t malloc_elem_data_size(const struct malloc_elem *elem);
static inline void *malloc_elem_data(const struct malloc_elem *elem)
{
	return RTE_PTR_ADD(elem, elem->pad + MALLOC_ELEM_HEADER_LEN);
}
/* Header and trailer cookies intact (always true without RTE_MALLOC_DEBUG). */
bool malloc_elem_cookies_ok(const struct malloc_elem *elem);
/* Rewrite what a busy or free elem's size, state and pad imply: its cookies
 * (RTE_MALLOC_DEBUG) and a padded element's fake header. For a heap rebuilt
 * after its lock holder died mid-change, where a split may have cut a size
 * before writing the trailer that goes with it. */
void malloc_elem_restore_headers(struct malloc_elem *elem);
/* Do elem and its next/prev element touch, in the same memseg list? */
static inline bool malloc_elem_next_adjacent(const struct malloc_elem *elem)
{
	return elem->next != NULL && elem->next == RTE_PTR_ADD(elem, elem->size) &&
	       elem->next->msl == elem->msl;
}

static inline bool malloc_elem_prev_adjacent(const struct malloc_elem *elem)
{
	return elem->prev != NULL && elem == RTE_PTR_ADD(elem->prev, elem->prev->size) &&
	       elem->prev->msl == elem->msl;
}

/* Largest data size (cache-line multiple) that free elem can give at align,
 * IOVA-contiguous if contig; 0 if none. */
size_t malloc_elem_find_max_data(struct malloc_elem *elem, size_t align, bool contig);

/*
 * 0 if [start, start+len) is IOVA-contiguous; otherwise the highest page
 * boundary inside the range where it is not (a page whose IOVA cannot be
 * read counts as a break).
 */
uintptr_t malloc_iova_break(const struct rte_memseg_list *msl, uintptr_t start, size_t len);

void malloc_elem_dump(const struct malloc_elem *elem, FILE *f);

#endif
