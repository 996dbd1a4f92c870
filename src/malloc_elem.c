/* SPDX-License-Identifier: BSD-3-Clause
 * Heap elements: split, merge, resize and placement of data inside a free
 * element. Callers hold the heap's lock.
 */
#include <errno.h>
#include <string.h>

#include <rte_common.h>
#include <rte_log.h>
#include <rte_memory.h>

#include "malloc_elem.h"
#include "malloc_heap.h"

/* The TLSF index (malloc_heap.h): sizes are cache-line multiples, so the
 * exact classes of fl 0 are a cache line apart and end where the slices of
 * a power of two class become a cache line wide. */
#define TLSF_LINE_LOG2 ((unsigned int)__builtin_ctz(RTE_CACHE_LINE_SIZE))
#define TLSF_FL_SHIFT (MALLOC_TLSF_SL_LOG2 + TLSF_LINE_LOG2)

#ifdef RTE_MALLOC_DEBUG
#define HEADER_COOKIE 0x48454144c0c0a11eULL
#define TRAILER_COOKIE 0x5452a11e5ca1ab1eULL

static uint64_t *trailer_cookie(const struct malloc_elem *elem)
{
	return RTE_PTR_ADD(elem, elem->size - MALLOC_ELEM_TRAILER_LEN);
}

static void set_cookies(struct malloc_elem *elem)
{
	elem->header_cookie = HEADER_COOKIE;
	*trailer_cookie(elem) = TRAILER_COOKIE;
}

bool malloc_elem_cookies_ok(const struct malloc_elem *elem)
{
	const struct malloc_elem *fake;

	if (elem == NULL || elem->header_cookie != HEADER_COOKIE ||
	    *trailer_cookie(elem) != TRAILER_COOKIE)
		return false;
	if (elem->state != ELEM_BUSY || elem->pad == 0)
		return true;
	fake = RTE_PTR_ADD(elem, elem->pad); /* its cookie is right before the data */
	return fake->header_cookie == HEADER_COOKIE;
}
#else
static void set_cookies(struct malloc_elem *elem)
{
	RTE_SET_USED(elem);
}

bool malloc_elem_cookies_ok(const struct malloc_elem *elem)
{
	return elem != NULL;
}
#endif

/*
 * The helpers on the rte_malloc/rte_free path (this, mark_dirty, split_elem,
 * join_free) are static inline: once they carried the dirty range gcc
 * stopped inlining them, and callgrind counted the calls at about half of
 * what the bookkeeping added.
 */
static inline void elem_init(struct malloc_elem *elem, struct malloc_heap *heap,
			     struct rte_memseg_list *msl, size_t size,
			     struct malloc_elem *orig_elem, size_t orig_size)
{
	RTE_BUILD_BUG_ON(offsetof(struct malloc_elem, state) != RTE_CACHE_LINE_SIZE);
	RTE_BUILD_BUG_ON(MALLOC_ELEM_HEADER_LEN != 2 * RTE_CACHE_LINE_SIZE);
#ifdef RTE_MALLOC_DEBUG
	RTE_BUILD_BUG_ON(offsetof(struct malloc_elem, header_cookie) + 8 != MALLOC_ELEM_HEADER_LEN);
#endif
	elem->heap = heap;
	elem->msl = msl;
	elem->prev = NULL;
	elem->next = NULL;
	memset(&elem->free_list, 0, sizeof(elem->free_list));
	elem->state = ELEM_FREE;
	elem->pad = 0;
	elem->size = size;
	elem->orig_elem = orig_elem;
	elem->orig_size = orig_size;
	elem->dirty_lo = 0;
	elem->dirty_hi = 0;
	set_cookies(elem);
}

void malloc_elem_init(struct malloc_elem *elem, struct malloc_heap *heap,
		      struct rte_memseg_list *msl, size_t size,
		      struct malloc_elem *orig_elem, size_t orig_size)
{
	elem_init(elem, heap, msl, size, orig_elem, orig_size);
}

/* --- what is known to be zero (see malloc_elem.h) ------------------------ */

/* Addresses [lo, hi); empty when lo >= hi. */
struct span {
	uintptr_t lo, hi;
};

static bool span_empty(struct span s)
{
	return s.lo >= s.hi;
}

static struct span data_area(const struct malloc_elem *elem)
{
	return (struct span){ (uintptr_t)elem + MALLOC_ELEM_HEADER_LEN,
			      (uintptr_t)elem + elem->size - MALLOC_ELEM_TRAILER_LEN };
}

static struct span dirty_span(const struct malloc_elem *elem)
{
	return (struct span){ (uintptr_t)elem + elem->dirty_lo, (uintptr_t)elem + elem->dirty_hi };
}

/* Make [lo, hi) (offsets, inside the data area) elem's dirty range. */
static void set_dirty_off(struct malloc_elem *elem, size_t lo, size_t hi)
{
	const bool empty = lo >= hi;

	elem->dirty_lo = empty ? 0 : lo;
	elem->dirty_hi = empty ? 0 : hi;
}

/* Make d (clipped to the data area) elem's dirty range. */
static void set_dirty(struct malloc_elem *elem, struct span d)
{
	const struct span area = data_area(elem);

	d.lo = RTE_MAX(d.lo, area.lo);
	d.hi = RTE_MIN(d.hi, area.hi);
	if (span_empty(d)) {
		elem->dirty_lo = 0;
		elem->dirty_hi = 0;
		return;
	}
	elem->dirty_lo = d.lo - (uintptr_t)elem;
	elem->dirty_hi = d.hi - (uintptr_t)elem;
}

static inline void mark_dirty(struct malloc_elem *elem)
{
	elem->dirty_lo = MALLOC_ELEM_HEADER_LEN;
	elem->dirty_hi = elem->size - MALLOC_ELEM_TRAILER_LEN;
}

void malloc_elem_mark_dirty(struct malloc_elem *elem)
{
	mark_dirty(elem);
}

static bool zero_bytes(uintptr_t lo, uintptr_t hi)
{
	for (const uint8_t *p = (const uint8_t *)lo; p < (const uint8_t *)hi; p++)
		if (*p != 0)
			return false;
	return true;
}

bool malloc_elem_clean_sample_ok(const struct malloc_elem *elem)
{
	const size_t n = 2 * RTE_CACHE_LINE_SIZE;
	const struct span area = data_area(elem);
	struct span d = dirty_span(elem);

	if (area.lo > area.hi || (!span_empty(d) && (d.lo < area.lo || d.hi > area.hi)))
		return false;
	if (span_empty(d))
		d.lo = d.hi = area.hi;
	return zero_bytes(area.lo, RTE_MIN(d.lo, area.lo + n)) &&
	       zero_bytes(RTE_MAX(area.lo, d.lo - RTE_MIN(d.lo, n)), d.lo) &&
	       zero_bytes(d.hi, RTE_MIN(area.hi, d.hi + n)) &&
	       zero_bytes(RTE_MAX(d.hi, area.hi - RTE_MIN(area.hi, n)), area.hi);
}

void malloc_elem_insert(struct malloc_elem *elem)
{
	struct malloc_heap *heap = elem->heap;
	struct malloc_elem *next = heap->first;

	while (next != NULL && next < elem)
		next = next->next;
	elem->next = next;
	elem->prev = next != NULL ? next->prev : heap->last;
	if (elem->prev != NULL)
		elem->prev->next = elem;
	else
		heap->first = elem;
	if (next != NULL)
		next->prev = elem;
	else
		heap->last = elem;
}

uintptr_t malloc_iova_break(const struct rte_memseg_list *msl, uintptr_t start, size_t len)
{
	uintptr_t pg_sz = msl->page_sz;
	uintptr_t first = RTE_ALIGN_FLOOR(start, pg_sz);
	uintptr_t page = RTE_ALIGN_FLOOR(start + len - 1, pg_sz);
	rte_iova_t iova, below;

	if (page == first)
		return 0; /* one page is always contiguous */
	iova = rte_mem_virt2iova((void *)page);
	for (; page > first; page -= pg_sz) {
		below = rte_mem_virt2iova((void *)(page - pg_sz));
		if (iova == RTE_BAD_IOVA || below == RTE_BAD_IOVA || below + pg_sz != iova)
			return page;
		iova = below;
	}
	return 0;
}

/* --- the free-element index (TLSF lists) ----------------------------------- */

/* List (fl, sl) of an element of size bytes; fl may reach past the index
 * only for sizes no heap can have (callers clamp). */
static inline void tlsf_mapping(size_t size, unsigned int *fl, unsigned int *sl)
{
	unsigned int msb;

	if (size < ((size_t)1 << TLSF_FL_SHIFT)) {
		*fl = 0;
		*sl = (unsigned int)(size >> TLSF_LINE_LOG2);
		return;
	}
	msb = (unsigned int)rte_fls_u64(size) - 1;
	*fl = msb - TLSF_FL_SHIFT + 1;
	*sl = (unsigned int)(size >> (msb - MALLOC_TLSF_SL_LOG2)) - MALLOC_TLSF_SL_COUNT;
}

static inline size_t tlsf_index(size_t size)
{
	unsigned int fl, sl;

	tlsf_mapping(size, &fl, &sl);
	if (fl >= MALLOC_TLSF_FL_COUNT)
		return RTE_HEAP_NUM_FREELISTS - 1;
	return (size_t)fl * MALLOC_TLSF_SL_COUNT + sl;
}

size_t malloc_elem_free_list_index(size_t size)
{
	return tlsf_index(size);
}

void malloc_elem_free_list_insert(struct malloc_elem *elem)
{
	struct malloc_heap *heap = elem->heap;
	const size_t idx = tlsf_index(elem->size);
	const unsigned int fl = (unsigned int)(idx / MALLOC_TLSF_SL_COUNT);

	elem->state = ELEM_FREE;
	LIST_INSERT_HEAD(&heap->free_head[idx], elem, free_list);
	heap->sl_bitmap[fl] |= 1u << (idx % MALLOC_TLSF_SL_COUNT);
	heap->fl_bitmap |= 1u << fl;
	heap->free_size += elem->size;
}

/* Take elem, listed when it was listed_size bytes, off its list. */
static inline void free_list_unlink(struct malloc_elem *elem, size_t listed_size)
{
	struct malloc_heap *heap = elem->heap;
	const size_t idx = tlsf_index(listed_size);
	const unsigned int fl = (unsigned int)(idx / MALLOC_TLSF_SL_COUNT);

	LIST_REMOVE(elem, free_list);
	heap->free_size -= listed_size;
	if (!LIST_EMPTY(&heap->free_head[idx]))
		return;
	heap->sl_bitmap[fl] &= ~(1u << (idx % MALLOC_TLSF_SL_COUNT));
	if (heap->sl_bitmap[fl] == 0)
		heap->fl_bitmap &= ~(1u << fl);
}

void malloc_elem_free_list_remove(struct malloc_elem *elem)
{
	free_list_unlink(elem, elem->size);
}

/* Listed elem changed size from listed_size: move it if its list changed. */
static inline void free_list_resized(struct malloc_elem *elem, size_t listed_size)
{
	if (tlsf_index(listed_size) == tlsf_index(elem->size)) {
		elem->heap->free_size += elem->size;
		elem->heap->free_size -= listed_size;
		return;
	}
	free_list_unlink(elem, listed_size);
	malloc_elem_free_list_insert(elem);
}

/*
 * Where the header of size bytes of data would start inside free elem: as
 * high as possible (data start = end - size rounded down to align), moved
 * down below a bound boundary or an IOVA break the data would cross.
 */
static struct malloc_elem *elem_start_pt(struct malloc_elem *elem, size_t size, size_t align,
					 size_t bound, bool contig)
{
	const uintptr_t bmask = ~((uintptr_t)bound - 1);
	const uintptr_t lowest_data = (uintptr_t)elem + MALLOC_ELEM_HEADER_LEN;
	uintptr_t end_pt = (uintptr_t)elem + elem->size - MALLOC_ELEM_TRAILER_LEN;
	uintptr_t data_start, brk;

	for (;;) {
		if (end_pt < lowest_data || end_pt - lowest_data < size)
			return NULL;
		data_start = RTE_ALIGN_FLOOR(end_pt - size, align);
		if (data_start < lowest_data)
			return NULL;
		if (bound != 0 && (data_start & bmask) != ((data_start + size - 1) & bmask)) {
			end_pt = RTE_ALIGN_FLOOR(data_start + size - 1, bound);
			continue;
		}
		if (contig) {
			brk = malloc_iova_break(elem->msl, data_start, size);
			if (brk != 0) {
				end_pt = brk;
				continue;
			}
		}
		return (struct malloc_elem *)(data_start - MALLOC_ELEM_HEADER_LEN);
	}
}

bool malloc_elem_can_hold(struct malloc_elem *elem, size_t size, size_t align, size_t bound,
			  bool contig)
{
	return elem_start_pt(elem, size, align, bound, contig) != NULL;
}

/*
 * Cut elem in two at split_pt; the upper part becomes a free element. Each
 * part keeps the dirty range it had: the new header and trailer lie outside
 * both data areas.
 */
static inline void split_elem(struct malloc_elem *elem, struct malloc_elem *split_pt)
{
	struct malloc_elem *next = elem->next;
	size_t lower = RTE_PTR_DIFF(split_pt, elem);
	const size_t lo = elem->dirty_lo, hi = elem->dirty_hi;

	elem_init(split_pt, elem->heap, elem->msl, elem->size - lower, elem->orig_elem,
		  elem->orig_size);
	split_pt->prev = elem;
	split_pt->next = next;
	if (next != NULL)
		next->prev = split_pt;
	else
		elem->heap->last = split_pt;
	elem->next = split_pt;
	elem->size = lower;
	set_cookies(elem);
	set_dirty_off(elem, lo, RTE_MIN(hi, lower - MALLOC_ELEM_TRAILER_LEN));
	if (hi > lower)
		set_dirty_off(split_pt, RTE_MAX(lo, lower + MALLOC_ELEM_HEADER_LEN) - lower,
			      hi - lower);
}

/* Keep a padded element's fake header in step with its real one. */
static void update_pad_header(struct malloc_elem *elem)
{
	struct malloc_elem *fake;

	if (elem->pad == 0)
		return;
	fake = RTE_PTR_ADD(elem, elem->pad);
	fake->state = ELEM_PAD;
	fake->pad = elem->pad;
	fake->size = elem->size - elem->pad;
#ifdef RTE_MALLOC_DEBUG
	fake->header_cookie = HEADER_COOKIE;
#endif
}

void malloc_elem_restore_headers(struct malloc_elem *elem)
{
	set_cookies(elem);
	if (elem->state == ELEM_BUSY)
		update_pad_header(elem);
}

/* elem absorbs the element right after it. */
static void join_elem(struct malloc_elem *elem, struct malloc_elem *next)
{
	struct malloc_elem *after = next->next;

	elem->size += next->size;
	elem->next = after;
	if (after != NULL)
		after->prev = elem;
	else
		elem->heap->last = elem;
}

/*
 * Free elem absorbs the free element right after it. Between their data
 * areas lie elem's trailer and next's header (the seam), not zero. A dirty
 * range that reaches the seam grows over it; otherwise the seam is cleared
 * (two cache lines), so that joining clean elements does not make a dirty
 * one, nor widen a range that lies far from the seam.
 */
static inline void join_free(struct malloc_elem *elem, struct malloc_elem *next)
{
	/* Offsets from elem: next's range moves up by elem's old size. */
	const size_t base = elem->size;
	const size_t seam_lo = base - MALLOC_ELEM_TRAILER_LEN;
	const size_t seam_hi = base + MALLOC_ELEM_HEADER_LEN;
	const bool low_dirty = elem->dirty_lo < elem->dirty_hi;
	const bool high_dirty = next->dirty_lo < next->dirty_hi;
	const bool low_reaches = low_dirty && elem->dirty_hi == seam_lo;
	const bool high_reaches = high_dirty && next->dirty_lo == MALLOC_ELEM_HEADER_LEN;
	const size_t lo = low_dirty ? elem->dirty_lo : high_reaches ? seam_lo : base + next->dirty_lo;
	const size_t hi = high_dirty ? base + next->dirty_hi : low_reaches ? seam_hi : elem->dirty_hi;

	join_elem(elem, next); /* before the seam, next's header, is cleared */
	if (!low_reaches && !high_reaches && !(low_dirty && high_dirty))
		memset(RTE_PTR_ADD(elem, seam_lo), 0, seam_hi - seam_lo);
	set_dirty_off(elem, lo, hi);
}

struct malloc_elem *malloc_elem_alloc(struct malloc_elem *elem, size_t size, size_t align,
				      size_t bound, bool contig, struct malloc_dirty *dirty)
{
	struct malloc_elem *new_elem = elem_start_pt(elem, size, align, bound, contig);
	const size_t listed_size = elem->size;
	size_t below = RTE_PTR_DIFF(new_elem, elem);
	size_t above = elem->size - below - size - MALLOC_ELEM_OVERHEAD;

	if (dirty != NULL) {
		const uintptr_t data = (uintptr_t)new_elem + MALLOC_ELEM_HEADER_LEN;
		const struct span d = dirty_span(elem);
		const uintptr_t lo = RTE_MAX(d.lo, data), hi = RTE_MIN(d.hi, data + size);

		dirty->start = (void *)lo;
		dirty->len = lo < hi ? hi - lo : 0;
	}

	if (above >= MALLOC_ELEM_MIN_SPLIT) {
		struct malloc_elem *tail = RTE_PTR_ADD(new_elem, size + MALLOC_ELEM_OVERHEAD);

		split_elem(elem, tail);
		malloc_elem_free_list_insert(tail);
	}

	if (below < MALLOC_ELEM_MIN_SPLIT) {
		/* Too little room below for a free element: keep it as padding,
		 * with a PAD header in front of the data. */
		free_list_unlink(elem, listed_size);
		elem->state = ELEM_BUSY;
		elem->pad = below;
		set_cookies(elem);
		update_pad_header(elem);
		return new_elem;
	}

	/* The usual case: the data comes off the top of elem, which stays
	 * free below it, most often on the same list. */
	split_elem(elem, new_elem);
	new_elem->state = ELEM_BUSY;
	free_list_resized(elem, listed_size);
	return new_elem;
}

/*
 * Merge free elem (on no list) with its free neighbours and list the
 * result. Each join keeps a listed neighbour where it is when the merged
 * size falls in the same list: no bitmap work on the common rte_free.
 */
struct malloc_elem *malloc_elem_join_adjacent_free(struct malloc_elem *elem)
{
	struct malloc_elem *next = elem->next;
	struct malloc_elem *prev = elem->prev;
	const bool join_next =
		next != NULL && next->state == ELEM_FREE && malloc_elem_next_adjacent(elem);
	const bool join_prev =
		prev != NULL && prev->state == ELEM_FREE && malloc_elem_prev_adjacent(elem);

	if (join_prev) {
		const size_t listed_size = prev->size;

		if (join_next) {
			malloc_elem_free_list_remove(next);
			join_free(elem, next);
		}
		join_free(prev, elem);
		set_cookies(prev);
		free_list_resized(prev, listed_size);
		return prev;
	}
	if (join_next) {
		/* elem takes next's place on its list (join_free clears next's header). */
		if (tlsf_index(next->size) == tlsf_index(elem->size + next->size)) {
			LIST_INSERT_BEFORE(next, elem, free_list);
			LIST_REMOVE(next, free_list);
			elem->heap->free_size += elem->size;
			elem->state = ELEM_FREE;
			join_free(elem, next);
			set_cookies(elem);
			return elem;
		}
		malloc_elem_free_list_remove(next);
		join_free(elem, next);
	}
	set_cookies(elem);
	malloc_elem_free_list_insert(elem);
	return elem;
}

struct malloc_elem *malloc_elem_free(struct malloc_elem *elem)
{
	if (elem->pad != 0) {
		/* Make a second free of the same data pointer recognisable. */
		struct malloc_elem *fake = RTE_PTR_ADD(elem, elem->pad);

		fake->state = ELEM_FREE;
	}
	elem->state = ELEM_FREE;
	elem->pad = 0;
	/* Not cleared: rte_zmalloc clears what it reuses (malloc_elem.h). */
	mark_dirty(elem);
#ifdef RTE_MALLOC_DEBUG
	/* Poison the freed data, padding header included, so that a later use
	 * or a second free of it stands out. */
	memset(RTE_PTR_ADD(elem, MALLOC_ELEM_HEADER_LEN), MALLOC_POISON,
	       elem->size - MALLOC_ELEM_OVERHEAD);
#endif
	return malloc_elem_join_adjacent_free(elem);
}

/* Give the part of busy elem beyond new_size back as a free element, with
 * dirty range d. */
static void shrink_elem(struct malloc_elem *elem, size_t new_size, struct span d)
{
	struct malloc_elem *tail;

	if (elem->size - new_size < MALLOC_ELEM_MIN_SPLIT)
		return;
	tail = RTE_PTR_ADD(elem, new_size);
	split_elem(elem, tail);
	set_dirty(tail, d);
	malloc_elem_join_adjacent_free(tail);
}

int malloc_elem_resize(struct malloc_elem *elem, size_t size)
{
	const size_t new_size = size + elem->pad + MALLOC_ELEM_OVERHEAD;
	struct malloc_elem *next = elem->next;
	/* Shrinking gives back the caller's bytes: all dirty. Growing into
	 * next gives back a part of next's data area, as dirty as it was. */
	struct span tail_dirty = { 0, UINTPTR_MAX };

	if (elem->size < new_size) {
		if (next == NULL || next->state != ELEM_FREE || !malloc_elem_next_adjacent(elem) ||
		    elem->size + next->size < new_size)
			return -ENOMEM;
		tail_dirty = dirty_span(next);
		malloc_elem_free_list_remove(next);
		join_elem(elem, next);
	}
	shrink_elem(elem, new_size, tail_dirty);
	set_cookies(elem);
	update_pad_header(elem);
	return 0;
}

void malloc_elem_hide_region(struct malloc_elem *elem, void *start, size_t len)
{
	struct malloc_heap *heap = elem->heap;
	struct malloc_elem *hidden = elem;
	void *end = RTE_PTR_ADD(start, len);

	if (end < RTE_PTR_ADD(elem, elem->size)) {
		split_elem(elem, end);
		malloc_elem_free_list_insert(end);
	}
	if (start > (void *)elem) {
		split_elem(elem, start);
		malloc_elem_free_list_insert(elem);
		hidden = start;
	}
	if (hidden->prev != NULL)
		hidden->prev->next = hidden->next;
	else
		heap->first = hidden->next;
	if (hidden->next != NULL)
		hidden->next->prev = hidden->prev;
	else
		heap->last = hidden->prev;
}

/* First non-empty list at (fl, sl) or after it, or -1. */
static inline int tlsf_search(const struct malloc_heap *heap, unsigned int fl, unsigned int sl)
{
	uint32_t map;

	if (fl >= MALLOC_TLSF_FL_COUNT)
		return -1;
	map = sl < MALLOC_TLSF_SL_COUNT ? heap->sl_bitmap[fl] & (~0u << sl) : 0;
	if (map == 0) {
		map = fl + 1 < MALLOC_TLSF_FL_COUNT ? heap->fl_bitmap & (~0u << (fl + 1)) : 0;
		if (map == 0)
			return -1;
		fl = (unsigned int)__builtin_ctz(map);
		map = heap->sl_bitmap[fl];
	}
	return (int)(fl * MALLOC_TLSF_SL_COUNT + (unsigned int)__builtin_ctz(map));
}

int malloc_elem_free_list_fit(const struct malloc_heap *heap, size_t size)
{
	unsigned int fl, sl;

	/* Round size up to the next list boundary: every element of that
	 * list and the ones above is then at least size. */
	if (size >= ((size_t)1 << TLSF_FL_SHIFT))
		size += ((size_t)1 << (rte_fls_u64(size) - 1 - MALLOC_TLSF_SL_LOG2)) - 1;
	tlsf_mapping(size, &fl, &sl);
	/* fl 0's classes are exact, but a size between two of them must
	 * skip the lower one. */
	if (fl == 0 && (size & (RTE_CACHE_LINE_SIZE - 1)) != 0)
		sl++;
	return tlsf_search(heap, fl, sl);
}

int malloc_elem_free_list_next(const struct malloc_heap *heap, size_t idx)
{
	if (idx >= RTE_HEAP_NUM_FREELISTS)
		return -1;
	return tlsf_search(heap, (unsigned int)(idx / MALLOC_TLSF_SL_COUNT),
			   (unsigned int)(idx % MALLOC_TLSF_SL_COUNT));
}

struct malloc_elem *malloc_elem_from_data(const void *data)
{
	struct malloc_elem *elem;

	if (data == NULL)
		return NULL;
	elem = RTE_PTR_SUB(data, MALLOC_ELEM_HEADER_LEN);
	if (elem->state == ELEM_PAD)
		elem = RTE_PTR_SUB(elem, elem->pad);
	return elem;
}

size_t malloc_elem_data_size(const struct malloc_elem *elem)
{
	return elem->size - elem->pad - MALLOC_ELEM_OVERHEAD;
}

/* Best data size in [lo, hi) at align. */
static size_t data_fit(uintptr_t lo, uintptr_t hi, size_t align)
{
	uintptr_t start = RTE_ALIGN_CEIL(lo, align);

	if (start >= hi)
		return 0;
	return RTE_ALIGN_FLOOR(hi - start, (uintptr_t)RTE_CACHE_LINE_SIZE);
}

size_t malloc_elem_find_max_data(struct malloc_elem *elem, size_t align, bool contig)
{
	const uintptr_t lo = (uintptr_t)elem + MALLOC_ELEM_HEADER_LEN;
	const uintptr_t hi = (uintptr_t)elem + elem->size - MALLOC_ELEM_TRAILER_LEN;
	uintptr_t pg_sz, run_start, page;
	rte_iova_t run_iova, iova;
	size_t best = 0;

	if (hi <= lo)
		return 0;
	if (!contig)
		return data_fit(lo, hi, align);

	/* Look at each IOVA-contiguous run of pages in turn. */
	pg_sz = elem->msl->page_sz;
	run_start = lo;
	run_iova = rte_mem_virt2iova((void *)RTE_ALIGN_FLOOR(lo, pg_sz));
	for (page = RTE_ALIGN_FLOOR(lo, pg_sz) + pg_sz; page < hi; page += pg_sz) {
		iova = rte_mem_virt2iova((void *)page);
		if (iova == RTE_BAD_IOVA || run_iova == RTE_BAD_IOVA ||
		    iova != run_iova + (page - RTE_ALIGN_FLOOR(run_start, pg_sz))) {
			best = RTE_MAX(best, data_fit(run_start, page, align));
			run_start = page;
			run_iova = iova;
		}
	}
	return RTE_MAX(best, data_fit(run_start, hi, align));
}

static const char *state_name(enum elem_state state)
{
	switch (state) {
	case ELEM_FREE:
		return "FREE";
	case ELEM_BUSY:
		return "BUSY";
	case ELEM_PAD:
		return "PAD";
	}
	return "?";
}

void malloc_elem_dump(const struct malloc_elem *elem, FILE *f)
{
	fprintf(f, "Malloc element at %p (%s)\n", (const void *)elem, state_name(elem->state));
	fprintf(f, "  len: %zu, pad: %u\n", elem->size, elem->pad);
	if (elem->state == ELEM_FREE)
		fprintf(f, "  dirty: [%zu, %zu)\n", elem->dirty_lo, elem->dirty_hi);
	fprintf(f, "  prev: %p next: %p\n", (void *)elem->prev, (void *)elem->next);
}
