/* SPDX-License-Identifier: BSD-3-Clause
 * rte_malloc and the socket heaps: alignment, realloc, zeroing, stats that
 * come back to where they started, pages that go back to the pool, bad
 * input and failures during heap growth that leave everything as it was.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sched.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "eal_private.h"
#include "malloc_elem.h"
#include "malloc_heap.h"
#include "rtemem_heap.h"
#include "rtemem_svg.h"
#include "rtetest.h"
#ifdef RTEMEM_HAL_sim
#include "sim_machine.h"
#endif

/* Bytes around each block: the element header (two cache lines), plus a
 * trailer line in debug builds. */
#define HDR 128
#ifdef RTE_MALLOC_DEBUG
#define OVERHEAD (HDR + 64)
#else
#define OVERHEAD HDR
#endif

/* ---- helpers ---------------------------------------------------------- */

static int setup_default(void **state)
{
	(void)state;
	return rtetest_boot(NULL);
}

static int setup_two_sockets(void **state)
{
	(void)state;
	if (!rtetest_hal_is_sim())
		return 0; /* its tests skip */
	return rtetest_boot("--sim=sockets=2,pages=16");
}

static int setup_prealloc(void **state)
{
	(void)state;
	return rtetest_boot("-m 8");
}

static int setup_iova_va(void **state)
{
	(void)state;
	return rtetest_boot("--iova-mode=va");
}

static int teardown(void **state)
{
	(void)state;
	rte_eal_cleanup();
	return 0;
}

static void get_stats(int socket, struct rte_malloc_socket_stats *st)
{
	assert_int_equal(rte_malloc_get_socket_stats(socket, st), 0);
}

static void assert_stats_equal(const struct rte_malloc_socket_stats *a,
			       const struct rte_malloc_socket_stats *b)
{
	assert_int_equal(a->heap_totalsz_bytes, b->heap_totalsz_bytes);
	assert_int_equal(a->heap_freesz_bytes, b->heap_freesz_bytes);
	assert_int_equal(a->greatest_free_size, b->greatest_free_size);
	assert_int_equal(a->free_count, b->free_count);
	assert_int_equal(a->alloc_count, b->alloc_count);
	assert_int_equal(a->heap_allocsz_bytes, b->heap_allocsz_bytes);
}

static int count_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	(void)msl;
	(void)ms;
	(*(unsigned int *)arg)++;
	return 0;
}

static unsigned int mapped_pages(void)
{
	unsigned int n = 0;

	assert_int_equal(rte_memseg_walk(count_seg, &n), 0);
	return n;
}

/* Everything a failed call must leave unchanged, the free-element index of
 * socket 0's heap (bitmaps, list heads, free bytes) included. */
struct snapshot {
	struct rte_malloc_socket_stats st;
	unsigned int pages;
	unsigned int pool_free;
	uint32_t fl_bitmap;
	uint32_t sl_bitmap[MALLOC_TLSF_FL_COUNT];
	struct malloc_elem *heads[RTE_HEAP_NUM_FREELISTS];
	size_t free_size;
};

static void snapshot_now(struct snapshot *s)
{
	const struct malloc_heap *heap = &eal_mcfg()->malloc_heaps[malloc_socket_to_heap_id(0)];

	memset(s, 0, sizeof(*s));
	get_stats(0, &s->st);
	s->pages = mapped_pages();
#ifdef RTEMEM_HAL_sim
	s->pool_free = sim_pool_free_pages(0);
#endif
	s->fl_bitmap = heap->fl_bitmap;
	memcpy(s->sl_bitmap, heap->sl_bitmap, sizeof(s->sl_bitmap));
	for (size_t i = 0; i < RTE_HEAP_NUM_FREELISTS; i++)
		s->heads[i] = LIST_FIRST(&heap->free_head[i]);
	s->free_size = heap->free_size;
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
}

static void take(struct snapshot *s)
{
	/* No pages kept from earlier work (rtemem_heap.h): a clean baseline. */
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);
	snapshot_now(s);
}

static void assert_unchanged(const struct snapshot *before)
{
	struct snapshot now;

	snapshot_now(&now);
	assert_stats_equal(&now.st, &before->st);
	assert_int_equal(now.pages, before->pages);
	assert_int_equal(now.pool_free, before->pool_free);
	assert_int_equal(now.fl_bitmap, before->fl_bitmap);
	assert_memory_equal(now.sl_bitmap, before->sl_bitmap, sizeof(now.sl_bitmap));
	assert_memory_equal(now.heads, before->heads, sizeof(now.heads));
	assert_int_equal(now.free_size, before->free_size);
}

/* After freeing what was allocated: the heap keeps up to its retain bound
 * of freed pages (rtemem_heap.h); once trimmed, everything went back. */
static void assert_given_back(const struct snapshot *before)
{
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);
	assert_unchanged(before);
}

static size_t page_size(void)
{
	void *p = rte_malloc(NULL, 64, 0);
	size_t pg;

	assert_non_null(p);
	pg = rte_mem_virt2memseg_list(p)->page_sz;
	rte_free(p);
	return pg;
}

static void fill(void *p, size_t len, uint8_t seed)
{
	uint8_t *b = p;

	for (size_t i = 0; i < len; i++)
		b[i] = (uint8_t)(seed + i * 7);
}

static void check_fill(const void *p, size_t len, uint8_t seed)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++)
		if (b[i] != (uint8_t)(seed + i * 7))
			fail_msg("byte %zu is 0x%02x, expected 0x%02x", i, b[i],
				 (uint8_t)(seed + i * 7));
}

static bool all_zero(const void *p, size_t len)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++)
		if (b[i] != 0)
			return false;
	return true;
}

/* ---- tests ------------------------------------------------------------ */

static void test_alloc_free_basic(void **state)
{
	struct snapshot before;
	size_t usable = 0;
	char *p;

	(void)state;
	take(&before);
	p = rte_malloc("test", 100, 0);
	assert_non_null(p);
	assert_true(rte_is_aligned(p, RTE_CACHE_LINE_SIZE));
	assert_int_equal(rte_malloc_validate(p, &usable), 0);
	assert_true(usable >= 100);
	fill(p, usable, 3);
	assert_ptr_equal(rte_malloc_virt2iova(p), rte_mem_virt2iova(p));
	assert_true(rte_malloc_virt2iova(p) != RTE_BAD_IOVA);
	assert_int_equal(rte_mem_virt2memseg_list(p)->socket_id, 0);
	check_fill(p, usable, 3);
	rte_free(p);
	rte_free(NULL);
	assert_given_back(&before);
}

static void test_every_alignment(void **state)
{
	size_t pg = page_size();
	struct snapshot before;
	void *ptrs[40];
	int n = 0;

	(void)state;
	take(&before);
	for (size_t align = 1; align <= pg; align <<= 1) {
		size_t sizes[] = { 1, align, 3 * align / 2 + 1 };

		for (size_t i = 0; i < RTE_DIM(sizes); i++) {
			void *p = rte_malloc(NULL, sizes[i], (unsigned int)align);
			size_t usable;

			assert_non_null(p);
			assert_true(((uintptr_t)p & (align - 1)) == 0);
			assert_int_equal(rte_malloc_validate(p, &usable), 0);
			assert_true(usable >= sizes[i]);
			fill(p, sizes[i], (uint8_t)align);
			if (i == 1 && n < (int)RTE_DIM(ptrs))
				ptrs[n++] = p; /* keep some, to free later */
			else
				rte_free(p);
		}
	}
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	for (int i = 0; i < n; i++) {
		size_t align = (size_t)1 << i;

		check_fill(ptrs[i], align, (uint8_t)align);
		rte_free(ptrs[i]);
	}
	assert_given_back(&before);
}

static void test_zmalloc_is_zero(void **state)
{
	struct snapshot before;
	void *keep, *p, *z;
	size_t sizes[] = { 1, 100, 4096, 70000 };

	(void)state;
	take(&before);
	/* something live keeps the pages mapped, so the memory is reused dirty */
	keep = rte_malloc(NULL, 64, 0);
	assert_non_null(keep);
	for (size_t i = 0; i < RTE_DIM(sizes); i++) {
		p = rte_malloc(NULL, sizes[i], 0);
		assert_non_null(p);
		memset(p, 0xa5, sizes[i]);
		rte_free(p);
		z = rte_zmalloc(NULL, sizes[i], 0);
		assert_non_null(z);
		assert_ptr_equal(z, p); /* same block, given out again */
		assert_true(all_zero(z, sizes[i]));
		memset(z, 0x5a, sizes[i]);
		rte_free(z);
		z = rte_calloc(NULL, sizes[i], 1, 0);
		assert_non_null(z);
		assert_true(all_zero(z, sizes[i]));
		rte_free(z);
		z = rte_zmalloc_socket(NULL, sizes[i], 64, 0);
		assert_non_null(z);
		assert_true(all_zero(z, sizes[i]));
		rte_free(z);
	}
	rte_free(keep);
	assert_given_back(&before);
}

/* ---- rte_zmalloc after every history ----------------------------------
 * rtemem clears in rte_zmalloc only what the heap does not know to be zero
 * (malloc_elem.h). Each case below writes a pattern into blocks while they
 * are allocated, frees them, and takes the memory back with every zeroing
 * call, checking each byte: memory the heap wrongly believes clean shows.
 */

#define DIRTY 0xa5

static void assert_zero(const void *p, size_t len)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++)
		if (b[i] != 0)
			fail_msg("byte %zu of %zu at %p is 0x%02x", i, len, p, b[i]);
}

/* The three ways to ask for zeroed memory. size is a multiple of 4. */
enum { Z_ZMALLOC, Z_CALLOC, Z_SOCKET, Z_KINDS };

static void *zalloc(int kind, size_t size, unsigned int align)
{
	switch (kind) {
	case Z_ZMALLOC:
		return rte_zmalloc(NULL, size, align);
	case Z_CALLOC:
		return rte_calloc(NULL, 4, size / 4, align);
	default:
		return rte_zmalloc_socket(NULL, size, align, 0);
	}
}

/* A dirty block, freed: the next block of that size and alignment reuses it. */
static void *dirty_hole(size_t size, unsigned int align)
{
	void *p = rte_malloc(NULL, size, align);

	assert_non_null(p);
	memset(p, DIRTY, size);
	rte_free(p);
	return p;
}

static void test_zmalloc_fresh_page(void **state)
{
	struct snapshot before;

	(void)state;
	take(&before);
	for (int kind = 0; kind < Z_KINDS; kind++) {
		/* the heap is empty: a page is mapped for the block */
		void *z = zalloc(kind, 1 << 20, 0);

		assert_non_null(z);
		assert_zero(z, 1 << 20);
		memset(z, DIRTY, 1 << 20);
		rte_free(z);
		assert_given_back(&before);
	}
}

static void test_zmalloc_reuses_dirty_memory(void **state)
{
	static const size_t sizes[] = { 4, 100, 4096, 70000, 1 << 20 };
	static const unsigned int aligns[] = { 0, 64, 256, 4096, 65536 };
	struct snapshot before;
	void *keep;

	(void)state;
	take(&before);
	/* a live block keeps the page, so freed memory is reused, dirty */
	keep = rte_malloc(NULL, 64, 0);
	assert_non_null(keep);
	for (int kind = 0; kind < Z_KINDS; kind++)
		for (size_t s = 0; s < RTE_DIM(sizes); s++)
			for (size_t a = 0; a < RTE_DIM(aligns); a++) {
				void *hole = dirty_hole(sizes[s], aligns[a]);
				void *z = zalloc(kind, sizes[s], aligns[a]);

				assert_ptr_equal(z, hole);
				assert_zero(z, sizes[s]);
				memset(z, DIRTY, sizes[s]);
				rte_free(z);
			}
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	rte_free(keep);
	assert_given_back(&before);
}

/* Two dirty neighbours merge; a block over both covers the header between. */
static void test_zmalloc_after_merge(void **state)
{
	const size_t x = 4096;
	struct snapshot before;
	uint8_t *keep, *a, *b, *z;

	(void)state;
	take(&before);
	keep = rte_malloc(NULL, 64, 0);
	assert_non_null(keep);
	for (int kind = 0; kind < Z_KINDS; kind++) {
		/* from the top down: a, then b right below it */
		a = rte_malloc(NULL, x, 0);
		b = rte_malloc(NULL, x, 0);
		assert_ptr_equal(b + x + OVERHEAD, a);
		memset(a, DIRTY, x);
		memset(b, DIRTY, x);
		rte_free(a);
		rte_free(b);
		z = zalloc(kind, 2 * x + OVERHEAD, 0);
		assert_ptr_equal(z, b);
		assert_zero(z, 2 * x + OVERHEAD);
		rte_free(z);

		/* one dirty block merged into clean memory below it: a block
		 * straddling the two */
		a = rte_malloc(NULL, x, 0);
		memset(a, DIRTY, x);
		rte_free(a);
		z = zalloc(kind, 4 * x, 0);
		assert_non_null(z);
		assert_ptr_equal(z + 4 * x, a + x);
		assert_zero(z, 4 * x);
		memset(z, DIRTY, 4 * x);
		rte_free(z);
	}
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	rte_free(keep);
	assert_given_back(&before);
}

/*
 * realloc grows a block in place into a dirty freed neighbour; the part of
 * the neighbour it does not need goes back to the heap, as dirty as it was.
 */
static void test_zmalloc_after_realloc_in_place(void **state)
{
	struct snapshot before;
	uint8_t *keep, *above, *a, *b, *z;
	const size_t tail = 1024 + 8192 - 5056; /* what growing to 5000 leaves */

	(void)state;
	take(&before);
	keep = rte_malloc(NULL, 64, 0);
	above = rte_malloc(NULL, 8192, 0);
	a = rte_malloc(NULL, 1000, 0);
	assert_non_null(keep);
	assert_non_null(above);
	assert_ptr_equal(a + 1024 + OVERHEAD, above);
	memset(above, DIRTY, 8192);
	memset(a, DIRTY, 1000);
	rte_free(above);
	b = rte_realloc(a, 5000, 0);
	assert_ptr_equal(b, a);
	/* the leftover of above, a free element of its own */
	z = rte_zmalloc(NULL, tail, 0);
	assert_ptr_equal(z, b + 5056 + OVERHEAD);
	assert_zero(z, tail);
	memset(z, DIRTY, tail);
	rte_free(z);
	/* the grown block freed: the whole of a and above, zeroed */
	memset(b, DIRTY, 5000);
	rte_free(b);
	for (int kind = 0; kind < Z_KINDS; kind++) {
		z = zalloc(kind, 1024 + OVERHEAD + 8192, 0);
		assert_ptr_equal(z, a);
		assert_zero(z, 1024 + OVERHEAD + 8192);
		memset(z, DIRTY, 1024 + OVERHEAD + 8192);
		rte_free(z);
	}
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	rte_free(keep);
	assert_given_back(&before);
}

/*
 * Pages the heap grows by join the clean free memory right below them; the
 * header of the new pages' element ends up inside the joined free space.
 */
static void test_zmalloc_across_new_pages(void **state)
{
	const size_t pg = page_size();
	struct snapshot before;
	uint8_t *low, *big, *z;
	size_t gap;

	(void)state;
	take(&before);
	/* in the middle of the first page: the upper half stays free, clean */
	low = rte_malloc(NULL, 64, (unsigned int)(pg / 2));
	/* more than the page has: new pages, right above it in the list */
	big = rte_malloc(NULL, 2 * pg, 0);
	assert_non_null(low);
	assert_non_null(big);
	/* the free space between the two, in one block: all but the trailer
	 * of low and the header and trailer of the block */
	gap = (size_t)(big - low) - 64 - 2 * OVERHEAD;
	z = rte_zmalloc(NULL, gap, 0);
	assert_ptr_equal(z, low + 64 + OVERHEAD);
	assert_zero(z, gap);
	rte_free(z);
	rte_free(big);
	rte_free(low);
	assert_given_back(&before);
}

/*
 * Many blocks of many sizes and alignments (padding headers among them),
 * all dirty, freed in a scrambled order; then the whole free space in one
 * zeroed block, and again in small ones.
 */
static void test_zmalloc_after_churn(void **state)
{
	enum { N = 200 };
	static uint8_t *ptrs[N];
	static size_t lens[N];
	struct rte_malloc_socket_stats st;
	struct snapshot before;
	unsigned int seed = 4242;
	uint8_t *keep, *z;
	size_t biggest;

	(void)state;
	take(&before);
	keep = rte_malloc(NULL, 64, 0);
	assert_non_null(keep);
	for (int i = 0; i < N; i++) {
		lens[i] = 1 + (size_t)(rand_r(&seed) % (i % 10 == 0 ? 100000 : 3000));
		ptrs[i] = rte_malloc(NULL, lens[i], 1u << (rand_r(&seed) % 13));
		assert_non_null(ptrs[i]);
		memset(ptrs[i], DIRTY, lens[i]);
	}
	for (int k = 0; k < N; k++)
		rte_free(ptrs[(k * 7919) % N]);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);

	get_stats(0, &st);
	biggest = st.greatest_free_size - OVERHEAD;
	z = rte_zmalloc(NULL, biggest, 0);
	assert_non_null(z);
	assert_zero(z, biggest);
	memset(z, DIRTY, biggest);
	rte_free(z);

	for (int i = 0; i < N; i++) {
		ptrs[i] = zalloc(i % Z_KINDS, RTE_ALIGN_CEIL(lens[i], 4), 1u << (i % 13));
		assert_non_null(ptrs[i]);
		assert_zero(ptrs[i], lens[i]);
	}
	for (int i = 0; i < N; i++)
		rte_free(ptrs[i]);
	rte_free(keep);
	assert_given_back(&before);
}

static void test_realloc_moves_and_resizes(void **state)
{
	struct snapshot before;
	char *above, *a, *b, *c;
	size_t usable;

	(void)state;
	take(&before);
	/* Allocation goes from the top down: "above" sits right above a. */
	above = rte_malloc(NULL, 8192, 0);
	a = rte_malloc(NULL, 1000, 0);
	assert_non_null(above);
	assert_non_null(a);
	assert_ptr_equal(a + 1024 + OVERHEAD, above);
	fill(a, 1000, 1);
	/* grow into the free space above, in place */
	rte_free(above);
	b = rte_realloc(a, 5000, 0);
	assert_ptr_equal(b, a);
	assert_int_equal(rte_malloc_validate(b, &usable), 0);
	assert_true(usable >= 5000);
	check_fill(b, 1000, 1);
	fill(b, 5000, 2);
	/* shrink in place */
	b = rte_realloc(a, 200, 0);
	assert_ptr_equal(b, a);
	assert_int_equal(rte_malloc_validate(b, &usable), 0);
	assert_true(usable >= 200 && usable < 5000);
	check_fill(b, 200, 2);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);

	/* blocked above: with a busy block right above it, growing must move,
	 * contents kept */
	rte_free(b);
	above = rte_malloc(NULL, 64, 0);
	b = rte_malloc(NULL, 200, 0);
	assert_non_null(above);
	assert_non_null(b);
	assert_ptr_equal(b + 256 + OVERHEAD, above);
	fill(b, 200, 2);
	c = rte_realloc(b, 100000, 0);
	assert_non_null(c);
	assert_ptr_not_equal(c, b);
	check_fill(c, 200, 2);
	fill(c, 100000, 4);
	/* alignment the block does not have: moves */
	b = rte_realloc(c, 100000, 1 << 16);
	assert_non_null(b);
	assert_true(((uintptr_t)b & 0xffff) == 0);
	check_fill(b, 100000, 4);
	/* size 0 keeps the block, shrunk (DPDK does the same) */
	c = rte_realloc(b, 0, 0);
	assert_ptr_equal(c, b);
	assert_int_equal(rte_malloc_validate(c, &usable), 0);
	assert_true(usable < 100000);
	check_fill(c, 32, 4);
	/* realloc(NULL) is malloc */
	c = rte_realloc(NULL, 300, 0);
	assert_non_null(c);
	rte_free(c);
	rte_free(b);
	rte_free(above);
	assert_given_back(&before);
}

/*
 * A free hole of len bytes (rte_malloc's rounding aside) between two busy
 * 64-byte guards, guard[0] above it and guard[1] below, as the heap
 * carves blocks top down. Returns where the hole's data was.
 */
static char *make_hole(size_t len, char *guard[2])
{
	char *h;

	guard[0] = rte_malloc(NULL, 64, 0);
	h = rte_malloc(NULL, len, 0);
	guard[1] = rte_malloc(NULL, 64, 0);
	assert_non_null(guard[0]);
	assert_non_null(h);
	assert_non_null(guard[1]);
	rte_free(h);
	return h;
}

static void free_guards(char *guard[2])
{
	rte_free(guard[1]);
	rte_free(guard[0]);
}

/*
 * What an allocation costs the heap, bounded by the element layout
 * (docs/design.md, Heaps): its size rounded up to a cache line, one header
 * (and a trailer in debug builds), and slack below one minimal element (a
 * header and a cache line) on each side, which the heap keeps rather than
 * split off as a free element too small to use. A hole of a fixed size
 * between two busy guards is reused for every size up to it, so every
 * amount of leftover is tried; the stats and rte_malloc_validate must stay
 * inside the bound, and both shrink back on free.
 */
static void test_allocation_cost_is_bounded(void **state)
{
	const size_t hole = 16384, min_elem = OVERHEAD + RTE_CACHE_LINE_SIZE;
	struct rte_malloc_socket_stats st0, st1;
	char *guard[2], *h;

	(void)state;
	h = make_hole(hole, guard);
	for (size_t size = hole; size + 2 * min_elem + 64 >= hole && size > 0; size -= 8) {
		size_t usable = 0, grew;
		char *p;

		get_stats(0, &st0);
		p = rte_malloc(NULL, size, 0);
		assert_non_null(p);
		get_stats(0, &st1);
		assert_true(p >= h && p < h + hole); /* in the hole */
		grew = st1.heap_allocsz_bytes - st0.heap_allocsz_bytes;
		if (grew > RTE_ALIGN_CEIL(size, RTE_CACHE_LINE_SIZE) + OVERHEAD + 2 * (min_elem - 1))
			fail_msg("rte_malloc(%zu) took %zu bytes of the heap", size, grew);
		assert_int_equal(st1.alloc_count, st0.alloc_count + 1);
		assert_int_equal(rte_malloc_validate(p, &usable), 0);
		assert_true(usable >= size);
		if (usable > RTE_ALIGN_CEIL(size, RTE_CACHE_LINE_SIZE) + min_elem - 1)
			fail_msg("rte_malloc(%zu) has %zu usable bytes", size, usable);
		rte_free(p);
		get_stats(0, &st1);
		assert_int_equal(st1.heap_allocsz_bytes, st0.heap_allocsz_bytes);
		assert_int_equal(st1.alloc_count, st0.alloc_count);
	}
	free_guards(guard);
}

/*
 * Room left above a block's data by a large alignment is split off as a
 * free element once it could hold one (overhead plus a cache line of data,
 * DPDK 22.11's split threshold), so a block never keeps that much slack.
 * Each size moves the data's offset from the hole's end by a cache line,
 * so the sizes below an alignment try every room above, the one that
 * exactly holds a minimal element included.
 */
static void test_aligned_slack_is_split(void **state)
{
	const size_t align = 4096, hole = 4 * 4096, min_elem = OVERHEAD + RTE_CACHE_LINE_SIZE;
	struct rte_malloc_socket_stats st0, st1;
	char *guard[2], *h;

	(void)state;
	h = make_hole(hole, guard);
	for (size_t size = RTE_CACHE_LINE_SIZE; size <= align; size += RTE_CACHE_LINE_SIZE) {
		size_t usable = 0, grew;
		char *p;

		get_stats(0, &st0);
		p = rte_malloc(NULL, size, align);
		assert_non_null(p);
		get_stats(0, &st1);
		assert_true(p >= h && p + size <= h + hole); /* in the hole */
		assert_int_equal((uintptr_t)p % align, 0);
		assert_int_equal(rte_malloc_validate(p, &usable), 0);
		assert_true(usable >= size);
		if (usable >= size + min_elem)
			fail_msg("rte_malloc(%zu, %zu) kept %zu usable bytes", size, align, usable);
		grew = st1.heap_allocsz_bytes - st0.heap_allocsz_bytes;
		if (grew >= size + OVERHEAD + min_elem)
			fail_msg("rte_malloc(%zu, %zu) took %zu bytes of the heap", size, align, grew);
		rte_free(p);
		get_stats(0, &st1);
		assert_int_equal(st1.heap_allocsz_bytes, st0.heap_allocsz_bytes);
	}
	free_guards(guard);
}

/*
 * A freed block that can hold a request is reused before a larger free
 * area is cut: DPDK 22.11 searches its free lists from the request's size
 * up. Holes from the request's own size to four cache lines more, so that
 * some lie in a size class above the request's.
 */
static void test_freed_block_is_reused(void **state)
{
	(void)state;
	for (size_t req = 2048; req <= 8192; req += 512) {
		for (size_t extra = 0; extra <= 4 * RTE_CACHE_LINE_SIZE;
		     extra += RTE_CACHE_LINE_SIZE) {
			char *guard[2], *h = make_hole(req + extra, guard), *p;

			p = rte_malloc(NULL, req, 0);
			assert_non_null(p);
			if (p < h || p + req > h + req + extra)
				fail_msg("rte_malloc(%zu) at %p, not in the free block of %zu at %p",
					 req, (void *)p, req + extra, (void *)h);
			rte_free(p);
			free_guards(guard);
		}
	}
}

static void test_fragmentation_returns_everything(void **state)
{
	enum { N = 600 };
	static void *ptrs[N];
	struct snapshot before;
	unsigned int seed = 12345;

	(void)state;
	take(&before);
	for (int i = 0; i < N; i++) {
		size_t sz = 1 + (size_t)(rand_r(&seed) % (i % 10 == 0 ? 300000 : 3000));

		ptrs[i] = rte_malloc(NULL, sz, 1u << (rand_r(&seed) % 8));
		assert_non_null(ptrs[i]);
		memset(ptrs[i], i & 0xff, sz < 64 ? sz : 64);
	}
	/* holes everywhere */
	for (int i = 0; i < N; i += 2) {
		rte_free(ptrs[i]);
		ptrs[i] = NULL;
	}
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	for (int i = 0; i < N; i += 2) {
		ptrs[i] = rte_malloc(NULL, 1 + (size_t)(rand_r(&seed) % 5000), 0);
		assert_non_null(ptrs[i]);
	}
	for (int i = 1; i < N; i += 2)
		assert_int_equal(*(uint8_t *)ptrs[i], i & 0xff);
	/* free in a scrambled order */
	for (int k = 0; k < N; k++) {
		int i = (k * 7919) % N;

		rte_free(ptrs[i]);
	}
	assert_given_back(&before);
}

static void test_bad_input(void **state)
{
	struct snapshot before;
	void *keep, *p;
	int local;

	(void)state;
	keep = rte_malloc(NULL, 1000, 0); /* keeps a page mapped */
	assert_non_null(keep);
	take(&before);

	rte_errno = 0;
	assert_null(rte_malloc(NULL, 0, 0));
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_null(rte_malloc(NULL, 64, 3));
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_null(rte_zmalloc(NULL, 64, 48));
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_null(rte_malloc(NULL, SIZE_MAX, 0));
	assert_int_equal(rte_errno, ENOMEM);
	rte_errno = 0;
	assert_null(rte_malloc(NULL, SIZE_MAX - 100, 64));
	assert_int_equal(rte_errno, ENOMEM);
	rte_errno = 0;
	assert_null(rte_malloc(NULL, (size_t)1 << 40, 0)); /* a terabyte */
	assert_int_equal(rte_errno, ENOMEM);
	rte_errno = 0;
	assert_null(rte_calloc(NULL, SIZE_MAX / 2, 4, 0));
	assert_int_equal(rte_errno, ENOMEM);
	rte_errno = 0;
	assert_null(rte_malloc_socket(NULL, 64, 0, RTE_MAX_NUMA_NODES + 5));
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_null(rte_malloc_socket(NULL, 64, 0, -2));
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_null(rte_realloc(keep, 64, 5));
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_null(rte_realloc(keep, SIZE_MAX - 4096, 0));
	assert_int_equal(rte_errno, ENOMEM);

	/* frees of memory rtemem never gave out: logged and ignored */
	rte_free(&local);
	p = malloc(256);
	assert_non_null(p);
	rte_free((char *)p + 128);
	free(p);
	rte_free((char *)keep + 64);
	rte_free((char *)keep + 8);
	assert_int_equal(rte_malloc_validate(NULL, NULL), -1);
	assert_int_equal(rte_malloc_validate(&local, NULL), -1);
	assert_null(rte_realloc(&local, 100, 0));

	/* stats and heap state */
	assert_int_equal(rte_malloc_get_socket_stats(RTE_MAX_NUMA_NODES + 1, &before.st), -1);
	assert_int_equal(rte_malloc_get_socket_stats(0, NULL), -1);
	assert_unchanged(&before);

	/* double free: the second one is caught (a live neighbour keeps the page) */
	p = rte_malloc(NULL, 500, 0);
	assert_non_null(p);
	rte_free(p);
	take(&before);
	rte_free(p);
	assert_int_equal(rte_malloc_validate(p, NULL), -1);
	assert_unchanged(&before);
	rte_free(keep);
}

/*
 * The statistics count every free element, the smallest included: a
 * cache line freed between two busy ones is the heap's smallest element,
 * one more free element, its size moved from allocated to free bytes.
 */
static void test_stats_count_smallest_free(void **state)
{
	struct rte_malloc_socket_stats st0, st1;
	char *a, *b, *c;
	size_t elem_sz;

	(void)state;
	a = rte_malloc(NULL, RTE_CACHE_LINE_SIZE, 0);
	b = rte_malloc(NULL, RTE_CACHE_LINE_SIZE, 0);
	c = rte_malloc(NULL, RTE_CACHE_LINE_SIZE, 0);
	assert_true(a != NULL && b != NULL && c != NULL);
	elem_sz = malloc_elem_from_data(b)->size;
	assert_int_equal(elem_sz, MALLOC_ELEM_OVERHEAD + RTE_CACHE_LINE_SIZE);
	memset(&st0, 0xa5, sizeof(st0));
	get_stats(0, &st0);
	rte_free(b);
	memset(&st1, 0xa5, sizeof(st1));
	get_stats(0, &st1);
	assert_int_equal(st1.free_count, st0.free_count + 1);
	assert_int_equal(st1.heap_freesz_bytes, st0.heap_freesz_bytes + elem_sz);
	assert_int_equal(st1.heap_allocsz_bytes, st0.heap_allocsz_bytes - elem_sz);
	assert_int_equal(st1.alloc_count, st0.alloc_count - 1);
	assert_int_equal(st1.heap_totalsz_bytes, st0.heap_totalsz_bytes);
	rte_free(a);
	rte_free(c);
}

static void test_heap_info(void **state)
{
	struct rte_malloc_socket_stats st;
	FILE *f = tmpfile();
	char want[128], *dump;
	size_t usable = 0;
	void *p;
	long len;

	(void)state;
	assert_non_null(f);
	assert_int_equal(rte_malloc_heap_get_socket("socket_0"), 0);
	rte_errno = 0;
	assert_int_equal(rte_malloc_heap_get_socket("socket_99"), -1);
	assert_int_equal(rte_errno, ENOENT);
	rte_errno = 0;
	assert_int_equal(rte_malloc_heap_get_socket(NULL), -1);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_malloc_heap_socket_is_external(0), 0);

	p = rte_malloc(NULL, 12345, 0);
	assert_non_null(p);
	get_stats(0, &st);
	assert_int_equal(st.alloc_count, 1);
	assert_true(st.heap_allocsz_bytes >= 12345 + HDR);
	assert_int_equal(st.heap_totalsz_bytes, st.heap_allocsz_bytes + st.heap_freesz_bytes);
	assert_true(st.greatest_free_size <= st.heap_freesz_bytes);
	rte_malloc_dump_stats(f, NULL);
	rte_malloc_dump_heaps(f);
	len = ftell(f);
	assert_true(len > 100);
	/* The heap dump lists the block's element, busy, with its whole
	 * length: the usable bytes and the overhead around them. */
	assert_int_equal(rte_malloc_validate(p, &usable), 0);
	snprintf(want, sizeof(want), "Malloc element at %p (BUSY)\n  len: %zu, pad: 0\n",
		 (void *)((char *)p - HDR), usable + OVERHEAD);
	dump = calloc(1, (size_t)len + 1);
	assert_non_null(dump);
	rewind(f);
	assert_int_equal(fread(dump, 1, (size_t)len, f), (size_t)len);
	if (strstr(dump, want) == NULL)
		fail_msg("the heap dump has no \"%s\"", want);
	free(dump);
	fclose(f);
	rte_free(p);
}

/* Threads allocating and freeing at once, memzones and page-sized blocks
 * included, so that heaps grow and give pages back under contention. */
struct worker {
	pthread_t tid;
	unsigned int id;
	unsigned int seed;
	size_t pg;
	int errors;
};

static void *worker_main(void *arg)
{
	enum { SLOTS = 64, OPS = 4000 };
	struct worker *w = arg;
	uint8_t *ptr[SLOTS] = { NULL };
	size_t len[SLOTS] = { 0 };
	const struct rte_memzone *mz = NULL;
	char name[32];

	snprintf(name, sizeof(name), "thread_%u", w->id);
	for (int op = 0; op < OPS; op++) {
		unsigned int r = (unsigned int)rand_r(&w->seed);
		int i = (int)(r % SLOTS);
		uint8_t v = (uint8_t)(i + w->id * 64);

		if (ptr[i] != NULL) {
			for (size_t k = 0; k < len[i]; k += 61)
				if (ptr[i][k] != v)
					w->errors++;
			rte_free(ptr[i]);
			ptr[i] = NULL;
		} else {
			len[i] = r % 16 == 0 ? w->pg + r % w->pg : 1 + r % 4000;
			ptr[i] = rte_malloc(NULL, len[i], 0);
			if (ptr[i] == NULL) {
				w->errors++;
				continue;
			}
			memset(ptr[i], v, len[i]);
		}
		if (r % 50 == 0) {
			if (mz != NULL) {
				w->errors += rte_memzone_free(mz) != 0;
				mz = NULL;
			} else {
				mz = rte_memzone_reserve(name, 1 + r % (2 * w->pg), SOCKET_ID_ANY, 0);
				w->errors += mz == NULL;
			}
		}
	}
	for (int i = 0; i < SLOTS; i++)
		rte_free(ptr[i]);
	if (mz != NULL)
		rte_memzone_free(mz);
	return NULL;
}

static void test_threads(void **state)
{
	struct worker w[3];
	struct snapshot before;
	size_t pg = page_size();

	(void)state;
	take(&before);
	for (unsigned int i = 0; i < RTE_DIM(w); i++) {
		w[i] = (struct worker){ .id = i, .seed = 100 + i, .pg = pg };
		assert_int_equal(pthread_create(&w[i].tid, NULL, worker_main, &w[i]), 0);
	}
	for (unsigned int i = 0; i < RTE_DIM(w); i++) {
		assert_int_equal(pthread_join(w[i].tid, NULL), 0);
		assert_int_equal(w[i].errors, 0);
	}
	assert_given_back(&before);
}

/* The SVG picture has the pages and elements of what is mapped. */
static void test_svg(void **state)
{
	void *a = rte_malloc(NULL, 5000, 0), *b = rte_malloc(NULL, 300, 4096);
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	rte_free(a); /* a free hole between busy blocks */
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(rtemem_dump_svg(f), 0);
	fclose(f);
	assert_non_null(strstr(buf, "<svg"));
	assert_non_null(strstr(buf, "</svg>"));
	assert_non_null(strstr(buf, "socket_0:"));
	assert_non_null(strstr(buf, "<title>busy"));
	assert_non_null(strstr(buf, "<title>free"));
	assert_non_null(strstr(buf, "<title>page 0x"));
	/* every element of the heap is drawn, its state, address and size in
	 * its title: the first one, at the start of its row, too */
	for (const struct malloc_elem *e = eal_mcfg()->malloc_heaps[malloc_socket_to_heap_id(0)].first; e != NULL; e = e->next) {
		char title[160];

		snprintf(title, sizeof(title), "<title>%s %p, %zu bytes",
			 e->state == ELEM_FREE ? "free" : "busy", (const void *)e, e->size);
		if (strstr(buf, title) == NULL)
			fail_msg("%s is not in the picture", title + 7);
	}
	free(buf);
	assert_int_equal(rtemem_dump_svg(NULL), -EINVAL);
	rte_free(b);
}


/*
 * malloc_heap_check on a heap broken one way at a time: it names the
 * problem (in the log and in f), and is happy again once it is undone.
 */
static void expect_problem(struct malloc_heap *heap, const char *what)
{
	char out[4096];
	FILE *f = tmpfile();
	size_t n;
	int all;

	assert_non_null(f);
	rte_log_set_global_level(RTE_LOG_EMERG);
	n = (size_t)malloc_heap_check(heap, f);
	all = rtemem_malloc_heap_check(NULL); /* the public check: -1 */
	rte_log_set_global_level(RTE_LOG_DEBUG);
	assert_int_equal(all, -1);
	if (n < 1)
		fail_msg("no problem found, expected '%s'", what);
	rewind(f);
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	fclose(f);
	if (strstr(out, what) == NULL)
		fail_msg("expected '%s' in: %s", what, out);
}

/* Set the index bitmaps from what the lists hold (after moving elements
 * between lists by hand). */
static void sync_bitmaps(struct malloc_heap *heap)
{
	heap->fl_bitmap = 0;
	for (size_t i = 0; i < RTE_HEAP_NUM_FREELISTS; i++) {
		const size_t fl = i / MALLOC_TLSF_SL_COUNT, sl = i % MALLOC_TLSF_SL_COUNT;

		if (sl == 0)
			heap->sl_bitmap[fl] = 0;
		if (!LIST_EMPTY(&heap->free_head[i])) {
			heap->sl_bitmap[fl] |= 1u << sl;
			heap->fl_bitmap |= 1u << fl;
		}
	}
}

static struct malloc_elem *elem_of(void *p)
{
	return RTE_PTR_SUB(p, MALLOC_ELEM_HEADER_LEN);
}

static void test_heap_check_finds_damage(void **state)
{
	struct malloc_elem *a, *b, *c, saved, *free_elem;
	struct malloc_heap *heap;
	char *pa, *pb, *pc, *aligned;
	size_t idx, other;

	(void)state;
	/* Three blocks one below the other, carved from the top of a free element. */
	pa = rte_malloc(NULL, 1000, 0);
	pb = rte_malloc(NULL, 1000, 0);
	pc = rte_malloc(NULL, 1000, 0);
	assert_non_null(pa);
	assert_non_null(pb);
	assert_non_null(pc);
	a = elem_of(pa);
	b = elem_of(pb);
	c = elem_of(pc);
	heap = a->heap;
	assert_ptr_equal(b->next, a);
	assert_ptr_equal(c->next, b);
	assert_int_equal(c->prev->state, ELEM_FREE);
	assert_int_equal(malloc_heap_check(heap, NULL), 0);

	saved = *b;
	b->prev = a;
	expect_problem(heap, "prev link broken");
	*b = saved;

	saved = *b;
	b->heap = NULL;
	expect_problem(heap, "wrong heap or memseg list");
	/* rte_free and validate refuse a block whose header is not right. */
	rte_log_set_global_level(RTE_LOG_EMERG);
	assert_int_equal(rte_malloc_validate(pb, NULL), -1);
	rte_free(pb);
	rte_log_set_global_level(RTE_LOG_DEBUG);
	*b = saved;

	saved = *b;
	b->size = 64;
	expect_problem(heap, "too small");
	*b = saved;

	saved = *c;
	c->size += 256;
	expect_problem(heap, "overlaps the element before");
	*c = saved;

	saved = *b;
	b->state = (enum elem_state)7;
	expect_problem(heap, "bad state 7");
	*b = saved;

	saved = *c;
	c->state = ELEM_FREE; /* its lower neighbour is free too */
	expect_problem(heap, "two adjacent free elements");
	*c = saved;

	free_elem = c->prev;
	saved = *free_elem;
	free_elem->pad = 64;
	expect_problem(heap, "free element with padding");
	*free_elem = saved;

	heap->alloc_count++;
	expect_problem(heap, "busy elements, alloc_count");
	heap->alloc_count--;

	heap->total_size += 64;
	expect_problem(heap, "heap says");
	heap->total_size -= 64;

	{
		struct malloc_elem *last = heap->last;

		heap->last = last == b ? c : b;
		expect_problem(heap, "last element pointer is wrong");
		heap->last = last;
	}

	/* A free element off its list, then on the wrong one (bitmaps made to
	 * agree with the lists, so that only the misplaced element is wrong). */
	idx = malloc_elem_free_list_index(free_elem->size);
	other = (idx + 1) % RTE_HEAP_NUM_FREELISTS;
	LIST_REMOVE(free_elem, free_list);
	sync_bitmaps(heap);
	expect_problem(heap, "on free lists");
	LIST_INSERT_HEAD(&heap->free_head[other], free_elem, free_list);
	sync_bitmaps(heap);
	expect_problem(heap, "wrong free list entry");
	LIST_REMOVE(free_elem, free_list);
	LIST_INSERT_HEAD(&heap->free_head[idx], free_elem, free_list);
	sync_bitmaps(heap);
	assert_int_equal(malloc_heap_check(heap, NULL), 0);

	/* Index bitmaps that disagree with the lists, and a wrong byte count. */
	heap->sl_bitmap[other / MALLOC_TLSF_SL_COUNT] ^= 1u << (other % MALLOC_TLSF_SL_COUNT);
	expect_problem(heap, "bitmap bit");
	sync_bitmaps(heap);
	/* A list holding an element in a group whose bits all say empty: the
	 * check proves such groups empty in one go, and must still see it. */
	heap->sl_bitmap[idx / MALLOC_TLSF_SL_COUNT] = 0;
	expect_problem(heap, "bitmap bit");
	sync_bitmaps(heap);
	heap->fl_bitmap ^= 1u << (MALLOC_TLSF_FL_COUNT - 1);
	expect_problem(heap, "first-level bitmap");
	sync_bitmaps(heap);
	heap->free_size += RTE_CACHE_LINE_SIZE;
	expect_problem(heap, "free bytes");
	heap->free_size -= RTE_CACHE_LINE_SIZE;
	assert_int_equal(malloc_heap_check(heap, NULL), 0);

	/*
	 * A padding header: a hole between two live blocks that a new block
	 * fills but for 64 bytes, too few for a free element, so they become
	 * padding in front of it.
	 */
	{
		char *q1 = rte_malloc(NULL, 1000, 0), *q2 = rte_malloc(NULL, 1000, 0);
		char *q3 = rte_malloc(NULL, 1000, 0);
		struct malloc_elem *hdr;
		struct snapshot before;
		uint32_t pad;

		assert_non_null(q1);
		assert_non_null(q2);
		assert_non_null(q3);
		rte_free(q2);
		/* q2's element was 128 + 1024 bytes; the new one's data is 960
		 * from the top, its header 64 bytes above the old one. */
		aligned = rte_malloc(NULL, 960, 0);
		assert_ptr_equal(aligned, q2 + 64);
		hdr = elem_of(aligned);
		assert_int_equal(hdr->state, ELEM_PAD);
		pad = hdr->pad;
		assert_int_equal(pad, 64);
		assert_int_equal(malloc_heap_check(heap, NULL), 0);
		hdr->pad += 64;
		expect_problem(heap, "padding header broken");
		hdr->pad = pad;
		take(&before);
		rte_log_set_global_level(RTE_LOG_EMERG);
		hdr->pad = 0;
		rte_free(aligned); /* refused: no valid header */
		assert_int_equal(rte_malloc_validate(aligned, NULL), -1);
		hdr->pad = 1u << 31;
		rte_free(aligned);
		rte_log_set_global_level(RTE_LOG_DEBUG);
		hdr->pad = pad;
		assert_unchanged(&before);
		rte_free(q1);
		rte_free(q3);
	}
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	rte_free(aligned);
	rte_free(pc);
	rte_free(pb);
	rte_free(pa);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
}

/* ---- external heaps ------------------------------------------------- */

#define EXT_PG 4096u
#define EXT_PAGES 8u
#define EXT_LEN ((size_t)EXT_PAGES * EXT_PG)
#define EXT_IOVA 0xE0000000u

/* The application's memory, as in DPDK's examples: anonymous, page aligned,
 * filled with garbage so rte_zmalloc must not trust it to be zero. */
static void *ext_map(size_t len)
{
	void *va = hal_anon_map(len);

	assert_non_null(va);
	memset(va, 0xA5, len);
	return va;
}

static void ext_iovas(rte_iova_t *iovas, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		iovas[i] = EXT_IOVA + (rte_iova_t)i * EXT_PG;
}

static int count_list(const struct rte_memseg_list *msl, void *arg)
{
	(void)msl;
	(*(unsigned int *)arg)++;
	return 0;
}

static unsigned int memseg_lists(void)
{
	unsigned int n = 0;

	assert_int_equal(rte_memseg_list_walk(count_list, &n), 0);
	return n;
}

static bool in_area(const void *p, const void *va, size_t len)
{
	return (uintptr_t)p >= (uintptr_t)va && (uintptr_t)p < (uintptr_t)va + len;
}

/* The whole state an external heap call may change: both heaps' stats and
 * indexes (the snapshot) and the memseg lists. */
struct ext_state {
	struct snapshot sock0;
	struct rte_malloc_socket_stats ext;
	unsigned int lists;
	int next_socket;
};

static void ext_take(struct ext_state *s, int socket)
{
	memset(s, 0x5A, sizeof(*s));
	take(&s->sock0);
	get_stats(socket, &s->ext);
	s->lists = memseg_lists();
	s->next_socket = eal_mcfg()->next_socket_id;
}

static void ext_unchanged(const struct ext_state *before, int socket)
{
	struct rte_malloc_socket_stats st;

	assert_unchanged(&before->sock0);
	get_stats(socket, &st);
	assert_stats_equal(&st, &before->ext);
	assert_int_equal(memseg_lists(), before->lists);
	assert_int_equal(eal_mcfg()->next_socket_id, before->next_socket);
}

static void expect_fail(int ret, int err)
{
	assert_int_equal(ret, -1);
	assert_int_equal(rte_errno, err);
	rte_errno = 0;
}

/*
 * A heap's whole life: created with a socket id past the NUMA nodes', fed
 * the application's memory, allocated from and freed to, its memory
 * removed, destroyed; with the stats, the dump and the check following.
 */
static void test_ext_heap_lifecycle(void **state)
{
	struct rte_malloc_socket_stats st;
	rte_iova_t iovas[EXT_PAGES];
	const struct rte_memseg_list *msl;
	char *va = ext_map(EXT_LEN), *p, *z, *any[8];
	FILE *f = tmpfile();
	char *dump = NULL;
	size_t dump_len = 0;
	int sock, sock2;

	(void)state;
	assert_non_null(f);
	ext_iovas(iovas, EXT_PAGES);
	assert_int_equal(rte_malloc_heap_create("ext"), 0);
	sock = rte_malloc_heap_get_socket("ext");
	assert_true(sock >= RTE_MAX_NUMA_NODES);
	assert_int_equal(rte_malloc_heap_socket_is_external(sock), 1);
	assert_int_equal(rte_malloc_heap_socket_is_external(0), 0);
	assert_int_equal(rte_malloc_heap_socket_is_external(SOCKET_ID_ANY), 0);
	assert_int_equal(rte_malloc_heap_socket_is_external(sock + 1), -1);
	/* Socket ids count up. */
	assert_int_equal(rte_malloc_heap_create("ext2"), 0);
	sock2 = rte_malloc_heap_get_socket("ext2");
	assert_int_equal(sock2, sock + 1);
	assert_int_equal(rte_malloc_heap_destroy("ext2"), 0);

	/* Empty: nothing in it, and nothing to allocate from. */
	memset(&st, 0x5A, sizeof(st));
	get_stats(sock, &st);
	assert_int_equal(st.heap_totalsz_bytes, 0);
	assert_int_equal(st.heap_freesz_bytes, 0);
	assert_int_equal(st.alloc_count, 0);
	assert_int_equal(st.free_count, 0);
	rte_errno = 0;
	assert_null(rte_malloc_socket(NULL, 64, 0, sock));
	assert_int_equal(rte_errno, ENOMEM);

	assert_int_equal(rte_malloc_heap_memory_add("ext", va, EXT_LEN, iovas, EXT_PAGES, EXT_PG),
			 0);
	msl = rte_mem_virt2memseg_list(va);
	assert_non_null(msl);
	assert_int_equal(msl->external, 1);
	assert_int_equal(msl->heap, 1);
	assert_int_equal(msl->socket_id, sock);
	assert_int_equal(msl->page_sz, EXT_PG);
	memset(&st, 0x5A, sizeof(st));
	get_stats(sock, &st);
	assert_int_equal(st.heap_totalsz_bytes, EXT_LEN);
	assert_int_equal(st.heap_freesz_bytes, EXT_LEN);
	assert_int_equal(st.greatest_free_size, EXT_LEN);
	assert_int_equal(st.heap_allocsz_bytes, 0);
	assert_int_equal(st.free_count, 1);
	assert_int_equal(st.alloc_count, 0);

	/* Allocated from that memory, with its IOVAs. */
	p = rte_malloc_socket(NULL, 3 * EXT_PG, 64, sock);
	assert_non_null(p);
	assert_true(in_area(p, va, EXT_LEN));
	assert_true(in_area(p + 3 * EXT_PG - 1, va, EXT_LEN));
	assert_int_equal(rte_malloc_virt2iova(p), EXT_IOVA + (rte_iova_t)(p - va));
	memset(p, 0x11, 3 * EXT_PG);
	z = rte_zmalloc_socket(NULL, 1000, 0, sock);
	assert_non_null(z);
	assert_true(in_area(z, va, EXT_LEN));
	for (size_t i = 0; i < 1000; i++)
		assert_int_equal(z[i], 0);
	get_stats(sock, &st);
	assert_int_equal(st.alloc_count, 2);
	assert_int_equal(st.heap_totalsz_bytes, EXT_LEN);
	assert_true(st.heap_allocsz_bytes >= 3 * EXT_PG + 1000 + 2 * OVERHEAD);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);

	/* Only what names the socket lands there. */
	for (size_t i = 0; i < RTE_DIM(any); i++) {
		any[i] = rte_malloc(NULL, 64 << i, 0);
		assert_non_null(any[i]);
		assert_false(in_area(any[i], va, EXT_LEN));
	}
	for (size_t i = 0; i < RTE_DIM(any); i++)
		rte_free(any[i]);
	/* It never grows: more than it has fails, and changes nothing. */
	rte_errno = 0;
	assert_null(rte_malloc_socket(NULL, EXT_LEN, 0, sock));
	assert_int_equal(rte_errno, ENOMEM);
	assert_int_equal(rte_malloc_heap_socket_is_external(sock), 1);

	/* The dump shows it. */
	rte_malloc_dump_heaps(f);
	assert_true(ftell(f) > 0);
	rewind(f);
	assert_true(getdelim(&dump, &dump_len, '\0', f) > 0);
	assert_non_null(strstr(dump, "ext"));
	free(dump);
	fclose(f);

	/* Busy: neither the memory nor the heap may go. */
	expect_fail(rte_malloc_heap_memory_remove("ext", va, EXT_LEN), EBUSY);
	expect_fail(rte_malloc_heap_destroy("ext"), EBUSY);
	rte_free(z);
	expect_fail(rte_malloc_heap_memory_remove("ext", va, EXT_LEN), EBUSY);
	rte_free(p);
	get_stats(sock, &st);
	assert_int_equal(st.alloc_count, 0);
	assert_int_equal(st.heap_freesz_bytes, EXT_LEN);
	assert_int_equal(st.free_count, 1);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	/* Memory in it: still busy. */
	expect_fail(rte_malloc_heap_destroy("ext"), EBUSY);

	/* Wrong area, wrong heap, a socket heap. */
	expect_fail(rte_malloc_heap_memory_remove("ext", va, EXT_LEN - EXT_PG), ENOENT);
	expect_fail(rte_malloc_heap_memory_remove("ext", va + EXT_PG, EXT_LEN - EXT_PG), ENOENT);
	expect_fail(rte_malloc_heap_memory_remove("nope", va, EXT_LEN), ENOENT);
	expect_fail(rte_malloc_heap_memory_remove("socket_0", va, EXT_LEN), EPERM);
	expect_fail(rte_malloc_heap_memory_remove("ext", NULL, EXT_LEN), EINVAL);
	expect_fail(rte_malloc_heap_memory_remove("ext", va, 0), EINVAL);
	expect_fail(rte_malloc_heap_memory_remove(NULL, va, EXT_LEN), EINVAL);
	/* rte_extmem_unregister does not know heap memory. */
	expect_fail(rte_extmem_unregister(va, EXT_LEN), ENOENT);

	assert_int_equal(rte_malloc_heap_memory_remove("ext", va, EXT_LEN), 0);
	assert_null(rte_mem_virt2memseg_list(va));
	get_stats(sock, &st);
	assert_int_equal(st.heap_totalsz_bytes, 0);
	assert_int_equal(st.free_count, 0);
	expect_fail(rte_malloc_heap_memory_remove("ext", va, EXT_LEN), ENOENT);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);

	expect_fail(rte_malloc_heap_destroy("socket_0"), EPERM);
	expect_fail(rte_malloc_heap_destroy("nope"), ENOENT);
	expect_fail(rte_malloc_heap_destroy(""), EINVAL);
	expect_fail(rte_malloc_heap_destroy(NULL), EINVAL);
	assert_int_equal(rte_malloc_heap_destroy("ext"), 0);
	expect_fail(rte_malloc_heap_get_socket("ext"), ENOENT);
	expect_fail(rte_malloc_heap_socket_is_external(sock), EINVAL);
	expect_fail(rte_malloc_heap_destroy("ext"), ENOENT);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);

	/* The memory is the application's again, untouched by the removal. */
	hal_anon_unmap(va, EXT_LEN);
}

/* Every error of create and add, each leaving heaps and lists as they were. */
static void test_ext_heap_errors(void **state)
{
	char name[RTE_HEAP_NAME_MAX_LEN + 1];
	rte_iova_t iovas[EXT_PAGES];
	struct ext_state before;
	char *va = ext_map(2 * EXT_LEN), *fill;
	int sock, created = 0, regs = 0;
	size_t fill_len = (size_t)RTE_MAX_MEMSEG_LISTS * EXT_PG;

	(void)state;
	ext_iovas(iovas, EXT_PAGES);
	expect_fail(rte_malloc_heap_create(NULL), EINVAL);
	expect_fail(rte_malloc_heap_create(""), EINVAL);
	memset(name, 'n', sizeof(name) - 1);
	name[RTE_HEAP_NAME_MAX_LEN] = '\0';
	expect_fail(rte_malloc_heap_create(name), EINVAL);
	name[RTE_HEAP_NAME_MAX_LEN - 1] = '\0'; /* the longest that fits */
	assert_int_equal(rte_malloc_heap_create(name), 0);
	assert_true(rte_malloc_heap_get_socket(name) >= RTE_MAX_NUMA_NODES);
	assert_int_equal(rte_malloc_heap_destroy(name), 0);
	expect_fail(rte_malloc_heap_create("socket_0"), EEXIST);
	assert_int_equal(rte_malloc_heap_create("ext"), 0);
	expect_fail(rte_malloc_heap_create("ext"), EEXIST);
	sock = rte_malloc_heap_get_socket("ext");

	ext_take(&before, sock);
	expect_fail(rte_malloc_heap_memory_add(NULL, va, EXT_LEN, NULL, 0, EXT_PG), EINVAL);
	expect_fail(rte_malloc_heap_memory_add("", va, EXT_LEN, NULL, 0, EXT_PG), EINVAL);
	expect_fail(rte_malloc_heap_memory_add("ext", NULL, EXT_LEN, NULL, 0, EXT_PG), EINVAL);
	expect_fail(rte_malloc_heap_memory_add("ext", va, 0, NULL, 0, EXT_PG), EINVAL);
	expect_fail(rte_malloc_heap_memory_add("ext", va, EXT_LEN, NULL, 0, 0), EINVAL);
	expect_fail(rte_malloc_heap_memory_add("ext", va, EXT_LEN, NULL, 0, 3000), EINVAL);
	expect_fail(rte_malloc_heap_memory_add("ext", va, EXT_LEN - 64, NULL, 0, EXT_PG), EINVAL);
	expect_fail(rte_malloc_heap_memory_add("ext", va + 64, EXT_LEN, NULL, 0, EXT_PG), EINVAL);
	expect_fail(rte_malloc_heap_memory_add("ext", va, EXT_LEN, iovas, EXT_PAGES - 1, EXT_PG),
		    EINVAL);
	expect_fail(rte_malloc_heap_memory_add("ext", va, 128, NULL, 0, 32), EINVAL);
	expect_fail(rte_malloc_heap_memory_add("nope", va, EXT_LEN, NULL, 0, EXT_PG), ENOENT);
	expect_fail(rte_malloc_heap_memory_add("socket_0", va, EXT_LEN, NULL, 0, EXT_PG), EPERM);
	ext_unchanged(&before, sock);

	/* Overlapping memory already known, heap or plain external. */
	assert_int_equal(rte_malloc_heap_memory_add("ext", va, EXT_LEN, iovas, EXT_PAGES, EXT_PG),
			 0);
	assert_int_equal(rte_extmem_register(va + EXT_LEN, EXT_PG, NULL, 0, EXT_PG), 0);
	ext_take(&before, sock);
	expect_fail(rte_malloc_heap_memory_add("ext", va, EXT_LEN, NULL, 0, EXT_PG), EEXIST);
	expect_fail(rte_malloc_heap_memory_add("ext", va + EXT_PG, EXT_LEN, NULL, 0, EXT_PG),
		    EEXIST);
	expect_fail(rte_malloc_heap_memory_add("ext", va + EXT_LEN, EXT_PG, NULL, 0, EXT_PG),
		    EEXIST);
	ext_unchanged(&before, sock);
	assert_int_equal(rte_extmem_unregister(va + EXT_LEN, EXT_PG), 0);

	/* No memseg list slot left: ENOSPC, nothing changed. */
	fill = ext_map(fill_len);
	while (rte_extmem_register(fill + (size_t)regs * EXT_PG, EXT_PG, NULL, 0, EXT_PG) == 0)
		regs++;
	assert_int_equal(rte_errno, ENOSPC);
	assert_true(regs > 0 && regs < RTE_MAX_MEMSEG_LISTS);
	ext_take(&before, sock);
	expect_fail(rte_malloc_heap_memory_add("ext", va + EXT_LEN, EXT_LEN, NULL, 0, EXT_PG),
		    ENOSPC);
	ext_unchanged(&before, sock);
	for (int i = 0; i < regs; i++)
		assert_int_equal(rte_extmem_unregister(fill + (size_t)i * EXT_PG, EXT_PG), 0);
	hal_anon_unmap(fill, fill_len);

	/* A second area joins the heap as its own element. */
	assert_int_equal(
		rte_malloc_heap_memory_add("ext", va + EXT_LEN, EXT_LEN, NULL, 0, EXT_PG), 0);
	get_stats(sock, &before.ext);
	assert_int_equal(before.ext.heap_totalsz_bytes, 2 * EXT_LEN);
	assert_int_equal(before.ext.free_count, 2);
	assert_int_equal(rte_malloc_virt2iova(va + EXT_LEN + 128), RTE_BAD_IOVA);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	assert_int_equal(rte_malloc_heap_memory_remove("ext", va + EXT_LEN, EXT_LEN), 0);
	assert_int_equal(rte_malloc_heap_memory_remove("ext", va, EXT_LEN), 0);

	/* No heap slot left: ENOSPC. */
	for (;;) {
		char n[16];

		snprintf(n, sizeof(n), "h%d", created);
		if (rte_malloc_heap_create(n) != 0)
			break;
		created++;
	}
	assert_int_equal(rte_errno, ENOSPC);
	assert_true(created > 0 && created < RTE_MAX_HEAPS);
	for (int i = 0; i < created; i++) {
		char n[16];

		snprintf(n, sizeof(n), "h%d", i);
		assert_int_equal(rte_malloc_heap_destroy(n), 0);
	}
	assert_int_equal(rte_malloc_heap_destroy("ext"), 0);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	hal_anon_unmap(va, 2 * EXT_LEN);
}

/* rte_malloc from a thread the EAL does not know: no lcore, no socket. */
struct any_alloc {
	size_t size;
	int socket_id; /* rte_socket_id() in the thread */
	void *p;
};

static void *malloc_in_plain_thread(void *arg)
{
	struct any_alloc *a = arg;

	a->socket_id = rte_socket_id();
	a->p = rte_malloc(NULL, a->size, 0);
	return NULL;
}

static void *plain_thread_malloc(size_t size)
{
	struct any_alloc a = { .size = size, .socket_id = 0x5a5a };
	pthread_t t;

	assert_int_equal(pthread_create(&t, NULL, malloc_in_plain_thread, &a), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(a.socket_id, SOCKET_ID_ANY);
	return a.p;
}

/* Defined with the validator tests below. */
static int refuse_growth(int socket_id, size_t cur_limit, size_t new_len);

/*
 * SOCKET_ID_ANY never spills onto an external heap: with the socket heaps
 * empty and unable to grow, it fails although the external heap has room.
 */
static void test_ext_heap_not_for_any(void **state)
{
	const size_t len = 256 * EXT_PG, want = 128 * EXT_PG;
	const size_t default_retain = RTE_MAX((size_t)RTE_PGSIZE_2M, page_size());
	struct ext_state before;
	char *va, *p;
	int sock;

	(void)state;
	if (!rtetest_hal_is_sim())
		skip(); /* HAL=linux boots with preallocated memory */
	va = ext_map(len);
	assert_int_equal(rte_malloc_heap_create("ext"), 0);
	sock = rte_malloc_heap_get_socket("ext");
	assert_int_equal(rte_malloc_heap_memory_add("ext", va, len, NULL, 0, EXT_PG), 0);
	assert_int_equal(rtemem_heap_set_retain(SOCKET_ID_ANY, 0), 0);
	ext_take(&before, sock);
	for (unsigned int i = 0; i < rte_socket_count(); i++)
		assert_int_equal(rte_mem_alloc_validator_register("cap", refuse_growth,
								  rte_socket_id_by_idx(i), 1),
				 0);
	rte_errno = 0;
	assert_null(rte_malloc(NULL, want, 0));
	assert_int_equal(rte_errno, ENOMEM);
	rte_errno = 0;
	assert_null(rte_zmalloc_socket(NULL, want, 0, SOCKET_ID_ANY));
	assert_int_equal(rte_errno, ENOMEM);
	rte_errno = 0;
	assert_null(rte_memzone_reserve("ext_any", want, SOCKET_ID_ANY, 0));
	assert_int_equal(rte_errno, ENOMEM);
	/* nor for a thread that is no lcore, while no socket heap has memory */
	assert_int_equal(eal_mcfg()->malloc_heaps[malloc_socket_to_heap_id(0)].total_size, 0);
	assert_null(plain_thread_malloc(want));
	ext_unchanged(&before, sock);

	/* Named, the external heap serves it. */
	p = rte_malloc_socket(NULL, want, 0, sock);
	assert_non_null(p);
	assert_true(in_area(p, va, len));
	rte_free(p);
	for (unsigned int i = 0; i < rte_socket_count(); i++)
		assert_int_equal(rte_mem_alloc_validator_unregister("cap", rte_socket_id_by_idx(i)),
				 0);
	ext_unchanged(&before, sock);
	assert_int_equal(rte_malloc_heap_memory_remove("ext", va, len), 0);
	assert_int_equal(rte_malloc_heap_destroy("ext"), 0);
	assert_int_equal(rtemem_heap_set_retain(SOCKET_ID_ANY, default_retain), 0);
	hal_anon_unmap(va, len);
}

/* Attach and detach in the process that added the memory: DPDK finds the
 * area and maps its page table again, which is already mapped here. */
static void test_ext_heap_attach_errors(void **state)
{
	char *va = ext_map(EXT_LEN);

	(void)state;
	assert_int_equal(rte_malloc_heap_create("ext"), 0);
	expect_fail(rte_malloc_heap_memory_attach("ext", va, EXT_LEN), ENOENT);
	expect_fail(rte_malloc_heap_memory_detach("ext", va, EXT_LEN), ENOENT);
	assert_int_equal(rte_malloc_heap_memory_add("ext", va, EXT_LEN, NULL, 0, EXT_PG), 0);
	expect_fail(rte_malloc_heap_memory_attach(NULL, va, EXT_LEN), EINVAL);
	expect_fail(rte_malloc_heap_memory_attach("ext", NULL, EXT_LEN), EINVAL);
	expect_fail(rte_malloc_heap_memory_attach("ext", va, 0), EINVAL);
	expect_fail(rte_malloc_heap_memory_attach("nope", va, EXT_LEN), ENOENT);
	expect_fail(rte_malloc_heap_memory_attach("socket_0", va, EXT_LEN), EPERM);
	expect_fail(rte_malloc_heap_memory_detach("socket_0", va, EXT_LEN), EPERM);
	expect_fail(rte_malloc_heap_memory_attach("ext", va, EXT_LEN - EXT_PG), ENOENT);
	/* Plain external memory is not a heap's. */
	expect_fail(rte_extmem_attach(va, EXT_LEN), ENOENT);
	assert_int_equal(rte_malloc_heap_memory_remove("ext", va, EXT_LEN), 0);
	assert_int_equal(rte_malloc_heap_destroy("ext"), 0);
	hal_anon_unmap(va, EXT_LEN);
}

/* Before rte_eal_init there are no heaps: nothing is dumped, freed or checked. */
static void test_without_eal(void **state)
{
	FILE *f = tmpfile();
	int local = 7;

	(void)state;
	assert_non_null(f);
	rte_malloc_dump_stats(f, NULL);
	rte_malloc_dump_heaps(f);
	assert_int_equal(ftell(f), 0);
	fclose(f);
	assert_int_equal(rtemem_malloc_heap_check(NULL), -1);
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), -EINVAL);
	assert_int_equal(rtemem_heap_set_retain(0, 0), -EINVAL);
	rte_log_set_global_level(RTE_LOG_EMERG);
	rte_free(&local);
	rte_log_set_global_level(RTE_LOG_DEBUG);
	assert_int_equal(local, 7);
	assert_int_equal(rte_malloc_heap_get_socket("socket_0"), -1);
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_int_equal(rte_malloc_heap_create("ext"), -1);
	assert_int_equal(rte_errno, ENODEV);
	rte_errno = 0;
	assert_null(rte_malloc(NULL, 64, 0));
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_null(rte_malloc_socket(NULL, 64, 0, 0));
	assert_int_equal(rte_errno, EINVAL);
}

struct free_arg {
	void *p;
	int started; /* atomic */
};

static void *free_in_thread(void *arg)
{
	struct free_arg *fa = arg;

	__atomic_store_n(&fa->started, 1, __ATOMIC_RELEASE);
	rte_free(fa->p);
	return NULL;
}

/*
 * A free that gives pages back while someone reads the memory layout: it
 * waits for the hotplug lock, then finds its free element again and still
 * gives the pages back.
 */
static void test_free_waits_for_hotplug_lock(void **state)
{
	struct free_arg fa = { NULL, 0 };
	struct snapshot before;
	pthread_t t;

	(void)state;
	take(&before);
	fa.p = rte_malloc(NULL, 3 * page_size(), 0);
	assert_non_null(fa.p);
	assert_true(mapped_pages() > before.pages);
	rte_mcfg_mem_read_lock();
	assert_int_equal(pthread_create(&t, NULL, free_in_thread, &fa), 0);
	while (!__atomic_load_n(&fa.started, __ATOMIC_ACQUIRE))
		sched_yield();
	usleep(20000); /* let it find the lock taken (the outcome is the same if not) */
	rte_mcfg_mem_read_unlock();
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_given_back(&before);
}

#ifdef RTE_MALLOC_DEBUG
/* Debug build: cookies catch overruns, poison marks freed memory. */
static void test_debug_cookies(void **state)
{
	struct snapshot before;
	uint8_t *keep, *p, saved;
	size_t usable;

	(void)state;
	keep = rte_malloc(NULL, 64, 0);
	p = rte_malloc(NULL, 100, 0);
	assert_non_null(keep);
	assert_non_null(p);
	assert_int_equal(rte_malloc_validate(p, &usable), 0);
	take(&before);

	/* overrun by one byte past the usable size: the trailer cookie */
	saved = p[usable];
	p[usable] ^= 0xff;
	assert_int_equal(rte_malloc_validate(p, NULL), -1);
	assert_int_equal(rtemem_malloc_heap_check(NULL), -1);
	rte_free(p); /* refused */
	p[usable] = saved;
	assert_unchanged(&before);

	/* underrun into the header cookie */
	saved = p[-8];
	p[-8] ^= 0xff;
	assert_int_equal(rte_malloc_validate(p, NULL), -1);
	rte_free(p);
	p[-8] = saved;
	assert_unchanged(&before);

	/* freed memory is poisoned; the second free is refused */
	rte_free(p);
	assert_int_equal(p[0], 0x6b);
	assert_int_equal(p[50], 0x6b);
	take(&before);
	rte_free(p);
	assert_unchanged(&before);
	rte_free(keep);
}
#endif

struct grower {
	size_t size;
	void *p;
	int done; /* atomically set once rte_malloc returned */
};

static void *grow_in_thread(void *arg)
{
	struct grower *g = arg;

	g->p = rte_malloc(NULL, g->size, 0);
	__atomic_store_n(&g->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * Growing the heap maps pages, which DPDK does under the memory hotplug
 * lock: while another thread holds it for reading (as a memseg walk does),
 * an allocation that must grow waits, and completes once it is released.
 * A correct heap never finishes early, so the pause can only make the
 * check miss a bug, never fail a correct build.
 */
static void test_growth_waits_for_hotplug_lock(void **state)
{
	struct grower g = { .size = 3 * page_size() + 1 };
	struct snapshot before;
	pthread_t t;

	(void)state;
	take(&before);
	rte_mcfg_mem_read_lock();
	assert_int_equal(pthread_create(&t, NULL, grow_in_thread, &g), 0);
	usleep(200 * 1000);
	assert_int_equal(__atomic_load_n(&g.done, __ATOMIC_ACQUIRE), 0);
	rte_mcfg_mem_read_unlock();
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_non_null(g.p);
	assert_true(mapped_pages() > before.pages);
	memset(g.p, 0x77, g.size);
	rte_free(g.p);
	assert_given_back(&before);
}

/*
 * A DMA mask no hugepage fits (rte_mem_set_dma_mask): growth maps pages,
 * finds them beyond the mask and gives them back, so the allocation fails
 * with ENOMEM and the heap, its pages and the pool are as before. The
 * narrowest mask stays for the EAL's life: the group's last case.
 */
static void test_growth_beyond_dma_mask(void **state)
{
	struct snapshot before;
	size_t pg;

	(void)state;
	if (!rtetest_hal_is_sim())
		skip(); /* real pages may well lie under any mask */
	pg = page_size();
	take(&before);
	rte_mem_set_dma_mask(12);
	rte_errno = 0;
	assert_null(rte_malloc(NULL, 2 * pg, 0));
	assert_int_equal(rte_errno, ENOMEM);
	assert_unchanged(&before);
}

/* A failure at any page map (or IOVA lookup) during growth changes nothing. */
static void test_growth_faults(void **state)
{
#ifdef RTEMEM_HAL_sim
	enum sim_op ops[] = { SIM_OP_PAGE_MAP, SIM_OP_VIRT2IOVA };
	size_t pg = page_size();

	(void)state;
	for (size_t o = 0; o < RTE_DIM(ops); o++) {
		unsigned int n;
		bool succeeded = false;

		for (n = 1; n <= 16 && !succeeded; n++) {
			struct snapshot before;
			unsigned long calls;
			void *p;

			take(&before);
			calls = sim_fault_calls(ops[o]);
			sim_fault_arm(ops[o], n);
			rte_errno = 0;
			p = rte_malloc(NULL, 3 * pg + 1, 0); /* needs 4+ pages */
			sim_fault_arm(ops[o], 0);
			if (p == NULL) {
				assert_int_equal(rte_errno, ENOMEM);
				assert_unchanged(&before);
				continue;
			}
			/* the fault was armed beyond the calls growth made */
			assert_true(sim_fault_calls(ops[o]) - calls < n);
			memset(p, 1, 3 * pg + 1);
			rte_free(p);
			assert_given_back(&before);
			succeeded = true;
		}
		/* VA mode never asks the HAL for an IOVA, so it may succeed at once */
		assert_true(succeeded);
		if (ops[o] == SIM_OP_PAGE_MAP)
			assert_true(n > 4);
	}
#else
	(void)state;
	skip();
#endif
}

/*
 * A page the HAL cannot unmap while rte_free gives pages back stays in the
 * heap as free memory, counted in its size and still mapped, and nothing
 * is lost: once the fault has passed, a trim gives everything back.
 */
static void test_release_faults(void **state)
{
#ifdef RTEMEM_HAL_sim
	const size_t pg = page_size();
	const size_t default_retain = RTE_MAX((size_t)RTE_PGSIZE_2M, pg);
	struct snapshot before, mid, after_trim;
	unsigned long calls;
	void *p;

	(void)state;
	take(&before);
	assert_int_equal(rtemem_heap_set_retain(SOCKET_ID_ANY, 0), 0);
	p = rte_malloc(NULL, 3 * pg + 1, 0); /* needs 4+ pages */
	assert_non_null(p);
	memset(p, 1, 3 * pg + 1);
	calls = sim_fault_calls(SIM_OP_PAGE_UNMAP);
	sim_fault_arm(SIM_OP_PAGE_UNMAP, 1);
	rte_free(p);
	sim_fault_arm(SIM_OP_PAGE_UNMAP, 0);
	assert_true(sim_fault_calls(SIM_OP_PAGE_UNMAP) > calls);

	snapshot_now(&mid); /* the heap check passes */
	assert_true(mid.pages > before.pages);
	assert_int_equal(mid.st.heap_totalsz_bytes - before.st.heap_totalsz_bytes,
			 (mid.pages - before.pages) * pg);
	assert_int_equal(mid.st.heap_freesz_bytes - before.st.heap_freesz_bytes,
			 (mid.pages - before.pages) * pg);
	assert_int_equal(mid.st.alloc_count, before.st.alloc_count);
	assert_int_equal(mid.pool_free + mid.pages, before.pool_free + before.pages);

	/* A trim that cannot unmap a page says so (the sim's -EBUSY), and the
	 * page stays in the heap as free memory, as above. */
	sim_fault_arm(SIM_OP_PAGE_UNMAP, 1);
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), -EBUSY);
	sim_fault_arm(SIM_OP_PAGE_UNMAP, 0);
	snapshot_now(&after_trim);
	assert_true(after_trim.pages > before.pages);
	assert_true(after_trim.pages <= mid.pages);
	assert_int_equal(after_trim.st.heap_totalsz_bytes - before.st.heap_totalsz_bytes,
			 (after_trim.pages - before.pages) * pg);
	assert_int_equal(after_trim.st.heap_freesz_bytes - before.st.heap_freesz_bytes,
			 (after_trim.pages - before.pages) * pg);
	/* and so does setting the bound, which trims too */
	sim_fault_arm(SIM_OP_PAGE_UNMAP, 1);
	assert_int_equal(rtemem_heap_set_retain(SOCKET_ID_ANY, 0), -EBUSY);
	sim_fault_arm(SIM_OP_PAGE_UNMAP, 0);

	assert_int_equal(rtemem_heap_set_retain(SOCKET_ID_ANY, default_retain), 0);
	assert_given_back(&before);
#else
	(void)state;
	skip();
#endif
}

static unsigned long page_maps(void)
{
#ifdef RTEMEM_HAL_sim
	return sim_fault_calls(SIM_OP_PAGE_MAP);
#else
	return 0;
#endif
}

/*
 * Page retention (rtemem_heap.h): an empty heap that grew for one block
 * keeps its page once the block is freed, so malloc+free rounds map
 * nothing more; trim gives it back; a bound of 0 gives pages back at once,
 * a larger one keeps at most that much free memory.
 */
static void test_retention_and_trim(void **state)
{
	struct rte_malloc_socket_stats st;
	struct snapshot before;
	const size_t pg = page_size();
	const size_t default_retain = RTE_MAX((size_t)RTE_PGSIZE_2M, pg);
	unsigned long maps;
	void *p, *q;

	(void)state;
	if (!rtetest_hal_is_sim())
		skip(); /* HAL=linux boots with preallocated memory, which stays */
	take(&before);
	assert_int_equal(before.st.heap_totalsz_bytes, 0); /* memory on demand */

	p = rte_malloc(NULL, 64, 0);
	assert_non_null(p);
	rte_free(p);
	assert_int_equal(mapped_pages(), before.pages + 1); /* kept */
	get_stats(0, &st);
	assert_int_equal(st.heap_totalsz_bytes, pg);
	assert_int_equal(st.heap_freesz_bytes, pg);
	assert_int_equal(st.alloc_count, 0);
	maps = page_maps();
	for (int i = 0; i < 100; i++) {
		p = rte_malloc(NULL, 64, 0);
		assert_non_null(p);
		rte_free(p);
	}
	assert_int_equal(page_maps(), maps);
	assert_int_equal(mapped_pages(), before.pages + 1);
	assert_int_equal(rtemem_heap_trim(0), 0);
	assert_unchanged(&before);

	/* No retention: the page goes back with the block. */
	assert_int_equal(rtemem_heap_set_retain(0, 0), 0);
	p = rte_malloc(NULL, 64, 0);
	assert_non_null(p);
	rte_free(p);
	assert_unchanged(&before);

	/* Up to 3 pages of free memory: a 2-page block's pages all stay; of
	 * a 6-page block's, only what keeps the free memory within 3 pages. */
	assert_int_equal(rtemem_heap_set_retain(SOCKET_ID_ANY, 3 * pg), 0);
	p = rte_malloc(NULL, pg + 1, 0);
	assert_non_null(p);
	rte_free(p);
	get_stats(0, &st);
	assert_int_equal(st.heap_totalsz_bytes, 2 * pg);
	assert_int_equal(mapped_pages(), before.pages + 2);
	p = rte_malloc(NULL, 64, 0);
	q = rte_malloc(NULL, 5 * pg + 1, 0); /* grows: 6 more pages */
	assert_non_null(p);
	assert_non_null(q);
	rte_free(q);
	get_stats(0, &st);
	assert_true(st.heap_freesz_bytes <= 3 * pg);
	assert_true(st.heap_totalsz_bytes >= pg);
	assert_true(mapped_pages() <= before.pages + 3);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	rte_free(p);
	/* Lowering the bound gives back what is beyond it at once. */
	assert_int_equal(rtemem_heap_set_retain(0, 0), 0);
	assert_unchanged(&before);

	assert_int_equal(rtemem_heap_trim(RTE_MAX_NUMA_NODES + 5), -EINVAL);
	assert_int_equal(rtemem_heap_set_retain(RTE_MAX_NUMA_NODES + 5, 0), -EINVAL);
	assert_int_equal(rtemem_heap_set_retain(SOCKET_ID_ANY, default_retain), 0);
	assert_unchanged(&before);
}

/* Pages preallocated with -m stay; pages grown at run time go back. */
#define MAX_SEEN 16

static struct {
	int n;
	enum rte_mem_event ev[MAX_SEEN];
	const void *addr[MAX_SEEN];
	size_t len[MAX_SEEN];
	void *arg[MAX_SEEN];
} seen;

static void record_event(enum rte_mem_event ev, const void *addr, size_t len, void *arg)
{
	if (seen.n < MAX_SEEN) {
		seen.ev[seen.n] = ev;
		seen.addr[seen.n] = addr;
		seen.len[seen.n] = len;
		seen.arg[seen.n] = arg;
	}
	seen.n++;
}

static void seen_reset(void)
{
	memset(&seen, 0xA5, sizeof(seen));
	seen.n = 0;
}

/* Heap growth and shrink reach the callbacks with the pages they touched. */
static void test_mem_events(void **state)
{
	char long_name[RTE_MEM_EVENT_CALLBACK_NAME_LEN + 1];
	const size_t pg = page_size();
	const size_t default_retain = RTE_MAX((size_t)RTE_PGSIZE_2M, pg);
	struct snapshot before;
	size_t freed = 0;
	int other;
	void *p;

	(void)state;
	if (!rtetest_hal_is_sim())
		skip(); /* HAL=linux boots with preallocated memory: no growth */
	assert_int_equal(rtemem_heap_set_retain(0, 0), 0);
	take(&before);
	memset(long_name, 'e', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_int_equal(rte_mem_event_callback_register("ev", record_event, &seen), 0);
	assert_int_equal(rte_mem_event_callback_register("ev", record_event, &seen), -1);
	assert_int_equal(rte_errno, EEXIST);
	/* The same name with another arg is another callback. */
	assert_int_equal(rte_mem_event_callback_register("ev", record_event, &other), 0);
	assert_int_equal(rte_mem_event_callback_unregister("ev", &other), 0);
	assert_int_equal(rte_mem_event_callback_unregister("ev", &other), -1);
	assert_int_equal(rte_errno, ENOENT);
	assert_int_equal(rte_mem_event_callback_register(NULL, record_event, NULL), -1);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_mem_event_callback_register("x", NULL, NULL), -1);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_mem_event_callback_register(long_name, record_event, NULL), -1);
	assert_int_equal(rte_errno, ENAMETOOLONG);

	seen_reset();
	p = rte_malloc_socket(NULL, pg + 1, 0, 0); /* two new pages */
	assert_non_null(p);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.ev[0], RTE_MEM_EVENT_ALLOC);
	assert_int_equal(seen.len[0], 2 * pg);
	assert_int_equal((uintptr_t)seen.addr[0] % pg, 0);
	assert_true((const char *)p > (const char *)seen.addr[0]);
	assert_true((const char *)p + pg + 1 <= (const char *)seen.addr[0] + seen.len[0]);
	assert_ptr_equal(seen.arg[0], &seen);
	rte_free(p); /* no retention: both pages go, announced first */
	assert_true(seen.n >= 2 && seen.n <= MAX_SEEN);
	for (int i = 1; i < seen.n; i++) {
		assert_int_equal(seen.ev[i], RTE_MEM_EVENT_FREE);
		assert_true((const char *)seen.addr[i] >= (const char *)seen.addr[0]);
		assert_true((const char *)seen.addr[i] + seen.len[i] <=
			    (const char *)seen.addr[0] + seen.len[0]);
		freed += seen.len[i];
	}
	assert_int_equal(freed, 2 * pg);
	assert_unchanged(&before);

	assert_int_equal(rte_mem_event_callback_unregister("ev", &seen), 0);
	seen_reset();
	p = rte_malloc_socket(NULL, 64, 0, 0);
	assert_non_null(p);
	rte_free(p);
	assert_int_equal(seen.n, 0);
	assert_int_equal(rtemem_heap_set_retain(SOCKET_ID_ANY, default_retain), 0);
	assert_unchanged(&before);
}

static struct {
	int calls, socket;
	size_t cur_limit, new_len;
} asked;

static int refuse_growth(int socket_id, size_t cur_limit, size_t new_len)
{
	asked.calls++;
	asked.socket = socket_id;
	asked.cur_limit = cur_limit;
	asked.new_len = new_len;
	return -1;
}

/* A validator vetoes growth at or above its limit; the heap stays as it was. */
static void test_alloc_validator(void **state)
{
	const size_t pg = page_size();
	const size_t default_retain = RTE_MAX((size_t)RTE_PGSIZE_2M, pg);
	struct snapshot before;
	void *p;

	(void)state;
	if (!rtetest_hal_is_sim())
		skip(); /* HAL=linux boots with preallocated memory: no growth */
	assert_int_equal(rtemem_heap_set_retain(0, 0), 0);
	take(&before);
	assert_int_equal(rte_mem_alloc_validator_register("cap", refuse_growth, 0, pg), 0);
	assert_int_equal(rte_mem_alloc_validator_register("cap", refuse_growth, 0, pg), -1);
	assert_int_equal(rte_errno, EEXIST);
	assert_int_equal(rte_mem_alloc_validator_register("cap", refuse_growth, -1, pg), -1);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_mem_alloc_validator_register("cap", NULL, 1, pg), -1);
	assert_int_equal(rte_errno, EINVAL);

	memset(&asked, 0xA5, sizeof(asked));
	asked.calls = 0;
	assert_null(rte_malloc_socket(NULL, 64, 0, 0));
	assert_int_equal(asked.calls, 1);
	assert_int_equal(asked.socket, 0);
	assert_int_equal(asked.cur_limit, pg);
	assert_int_equal(asked.new_len, pg);
	assert_unchanged(&before);

	assert_int_equal(rte_mem_alloc_validator_unregister("cap", 0), 0);
	assert_int_equal(rte_mem_alloc_validator_unregister("cap", 0), -1);
	assert_int_equal(rte_errno, ENOENT);

	/* Below the limit the validator is not asked. */
	assert_int_equal(rte_mem_alloc_validator_register("cap", refuse_growth, 0, 2 * pg), 0);
	asked.calls = 0;
	p = rte_malloc_socket(NULL, 64, 0, 0);
	assert_non_null(p);
	assert_int_equal(asked.calls, 0);
	assert_null(rte_malloc_socket(NULL, pg + 1, 0, 0)); /* 1 + 2 pages >= limit */
	assert_int_equal(asked.calls, 1);
	assert_int_equal(asked.new_len, 3 * pg);
	rte_free(p);
	assert_int_equal(rte_mem_alloc_validator_unregister("cap", 0), 0);
	assert_int_equal(rtemem_heap_set_retain(SOCKET_ID_ANY, default_retain), 0);
	assert_unchanged(&before);
}

static void test_prealloc_pages_stay(void **state)
{
	struct rte_malloc_socket_stats st;
	struct snapshot before;
	size_t pg;
	void *big;

	(void)state;
	get_stats(0, &st);
	assert_true(st.heap_totalsz_bytes >= (8u << 20));
	assert_int_equal(st.alloc_count, 0);
	assert_int_equal(st.heap_freesz_bytes, st.heap_totalsz_bytes);
	take(&before);
	pg = page_size();
	assert_unchanged(&before); /* page_size's malloc/free kept the pages */

	big = rte_malloc(NULL, st.heap_totalsz_bytes + 2 * pg, 0); /* must grow */
	assert_non_null(big);
	assert_true(mapped_pages() > before.pages);
	memset(big, 0x11, st.heap_totalsz_bytes + 2 * pg);
	rte_free(big);
	assert_unchanged(&before);
}

/*
 * The biggest zone (len 0) asked on a page size no memory has is refused
 * (ENOMEM), unless RTE_MEMZONE_SIZE_HINT_ONLY lets it fall back to the
 * pages there are (DPDK 22.11's memzone flags).
 */
static void test_biggest_zone_size_hint(void **state)
{
	const struct rte_memzone *mz;

	(void)state;
	rte_errno = 0;
	assert_null(rte_memzone_reserve("hint", 0, 0, RTE_MEMZONE_16GB));
	assert_int_equal(rte_errno, ENOMEM);
	mz = rte_memzone_reserve("hint", 0, 0, RTE_MEMZONE_16GB | RTE_MEMZONE_SIZE_HINT_ONLY);
	assert_non_null(mz);
	assert_true(mz->len > 0);
	assert_int_equal(mz->hugepage_sz, page_size());
	assert_int_equal(rte_memzone_free(mz), 0);
}

/*
 * The biggest IOVA-contiguous block of a free element that spans pages with
 * scattered physical addresses (sim shuffles them) is one run of pages, not
 * the whole element.
 */
static void test_biggest_contig_over_scattered_pages(void **state)
{
	struct rte_malloc_socket_stats st;
	const struct rte_memzone *mz;

	(void)state;
	get_stats(0, &st);
	mz = rte_memzone_reserve("whole", 0, 0, 0);
	assert_non_null(mz);
	assert_true(mz->len >= st.greatest_free_size - 256);
	assert_int_equal(rte_memzone_free(mz), 0);

	mz = rte_memzone_reserve("contig", 0, 0, RTE_MEMZONE_IOVA_CONTIG);
	assert_non_null(mz);
	for (size_t off = 0; off < mz->len; off += 4096)
		assert_int_equal(rte_mem_virt2iova((const char *)mz->addr + off), mz->iova + off);
	if (rtetest_hal_is_sim())
		assert_true(mz->len < st.greatest_free_size - page_size());
	assert_int_equal(rte_memzone_free(mz), 0);
}

/*
 * An IOVA-contiguous zone of a page and a half lies on two pages whose
 * physical addresses follow each other, or there is none (ENOMEM): the
 * sim scatters physical pages, so few neighbours qualify.
 */
static void test_contig_zone_over_two_pages(void **state)
{
	const size_t pg = page_size();
	const struct rte_memzone *mz;
	const char *last;

	(void)state;
	rte_errno = 0;
	mz = rte_memzone_reserve("contig2", pg + pg / 2, 0, RTE_MEMZONE_IOVA_CONTIG);
	if (mz == NULL) {
		assert_int_equal(rte_errno, ENOMEM);
		return;
	}
	last = (const char *)mz->addr + mz->len - 1;
	assert_true(RTE_ALIGN_FLOOR((uintptr_t)last, pg) != RTE_ALIGN_FLOOR((uintptr_t)mz->addr, pg));
	for (size_t off = 0; off < mz->len; off += 4096)
		assert_int_equal(rte_mem_virt2iova((const char *)mz->addr + off), mz->iova + off);
	assert_int_equal(rte_mem_virt2iova(last), mz->iova + mz->len - 1);
	assert_int_equal(rte_memzone_free(mz), 0);
}

/*
 * A bounded zone does not cross a multiple of its bound (rte_memzone.h);
 * one of the bound's own size is therefore exactly one aligned window.
 */
static void test_bounded_zone_stays_in_window(void **state)
{
	static const size_t lens[] = { 1000, 1024, 3000, 4096 };
	const struct rte_memzone *mz;

	(void)state;
	for (size_t i = 0; i < RTE_DIM(lens); i++) {
		const size_t bound = lens[i] <= 1024 ? 1024 : 4096;
		uintptr_t first, last;

		mz = rte_memzone_reserve_bounded("bounded", lens[i], SOCKET_ID_ANY, 0, 64, bound);
		assert_non_null(mz);
		first = (uintptr_t)mz->addr;
		last = first + mz->len - 1;
		assert_true(mz->len >= lens[i]);
		assert_int_equal(RTE_ALIGN_FLOOR(first, bound), RTE_ALIGN_FLOOR(last, bound));
		if (lens[i] == bound)
			assert_int_equal(first % bound, 0);
		assert_int_equal(rte_memzone_free(mz), 0);
	}
}

/*
 * With IOVA as VA, the IO address of heap memory is its virtual address
 * (rte_malloc.h); memory that is not the heap's still has none.
 */
static void test_virt2iova_in_va_mode(void **state)
{
	char not_heap[64];
	char *p;

	(void)state;
	assert_int_equal(rte_eal_iova_mode(), RTE_IOVA_VA);
	p = rte_malloc(NULL, 3000, 0);
	assert_non_null(p);
	assert_int_equal(rte_malloc_virt2iova(p), (rte_iova_t)(uintptr_t)p);
	assert_int_equal(rte_malloc_virt2iova(p + 2999), (rte_iova_t)(uintptr_t)(p + 2999));
	assert_int_equal(rte_malloc_virt2iova(not_heap), RTE_BAD_IOVA);
	rte_free(p);
}

/* With IOVA as VA every run of pages is IOVA-contiguous: a contiguous zone
 * over several pages is always there to be had. */
static void test_contig_zone_in_va_mode(void **state)
{
	const size_t pg = page_size();
	const struct rte_memzone *mz;

	(void)state;
	mz = rte_memzone_reserve("contig_va", 2 * pg + pg / 2, 0, RTE_MEMZONE_IOVA_CONTIG);
	assert_non_null(mz);
	assert_int_equal(mz->iova, (rte_iova_t)(uintptr_t)mz->addr);
	assert_int_equal(rte_memzone_free(mz), 0);
}

#ifdef RTEMEM_HAL_sim
/* Two sockets: socket-specific calls stay there, SOCKET_ID_ANY falls over. */
static void test_sockets(void **state)
{
	enum { MAX = 64 };
	void *ptrs[MAX];
	struct rte_malloc_socket_stats s0, s1, s0_after;
	size_t pg;
	int n = 0;
	void *p;

	(void)state;
	if (!rtetest_hal_is_sim())
		skip();
	assert_int_equal(rte_malloc_heap_get_socket("socket_1"), 1);
	pg = page_size();
	p = rte_malloc_socket(NULL, 1000, 0, 1);
	assert_non_null(p);
	assert_int_equal(rte_mem_virt2memseg_list(p)->socket_id, 1);
	rte_free(p);

	/* fill socket 1 with page-sized blocks until it has no pages left */
	while (n < MAX && (p = rte_malloc_socket(NULL, pg / 2, 0, 1)) != NULL) {
		assert_int_equal(rte_mem_virt2memseg_list(p)->socket_id, 1);
		ptrs[n++] = p;
	}
	assert_true(n > 8 && n < MAX);
	assert_int_equal(rte_errno, ENOMEM);
	get_stats(0, &s0);
	get_stats(1, &s1);
	/* socket 1 is full: a socket-1 request fails, socket 0 untouched */
	rte_errno = 0;
	assert_null(rte_malloc_socket(NULL, pg, 0, 1));
	assert_int_equal(rte_errno, ENOMEM);
	get_stats(0, &s0_after);
	assert_stats_equal(&s0, &s0_after);
	get_stats(1, &s0_after);
	assert_stats_equal(&s1, &s0_after);
	/* the realloc of a socket-1 block to socket 0 moves it */
	p = rte_realloc_socket(ptrs[0], 64, 0, 0);
	assert_non_null(p);
	assert_int_equal(rte_mem_virt2memseg_list(p)->socket_id, 0);
	ptrs[0] = p;
	for (int i = 0; i < n; i++)
		rte_free(ptrs[i]);
	assert_int_equal(rtemem_heap_trim(1), 0);
	get_stats(1, &s1);
	assert_int_equal(s1.alloc_count, 0);
	assert_int_equal(s1.heap_totalsz_bytes, 0);
	assert_int_equal(sim_pool_free_pages(1), 16);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
}

/* SOCKET_ID_ANY uses another socket when the local one is out of pages. */
static void test_any_socket_falls_over(void **state)
{
	enum { MAX = 64 };
	void *ptrs[MAX];
	size_t pg;
	int n = 0, on1 = 0;
	void *p;

	(void)state;
	if (!rtetest_hal_is_sim())
		skip();
	pg = page_size();
	assert_int_equal(rte_socket_id(), 0);
	while (n < MAX && (p = rte_malloc(NULL, pg / 2, 0)) != NULL) {
		int s = rte_mem_virt2memseg_list(p)->socket_id;

		if (s == 1)
			on1++;
		else
			assert_int_equal(on1, 0); /* socket 0 is used up first */
		ptrs[n++] = p;
	}
	assert_true(on1 > 0);
	for (int i = 0; i < n; i++)
		rte_free(ptrs[i]);
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);
	assert_int_equal(sim_pool_free_pages(0), 16);
	assert_int_equal(sim_pool_free_pages(1), 16);
}
/*
 * SOCKET_ID_ANY from a thread that is no lcore (rte_socket_id() is
 * SOCKET_ID_ANY): DPDK starts with the first socket whose heap has memory,
 * and with the first socket when none has. An lcore starts with its own.
 */
static void test_any_socket_from_plain_thread(void **state)
{
	size_t pg;
	void *p, *q, *r;

	(void)state;
	if (!rtetest_hal_is_sim())
		skip();
	pg = page_size();
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);
	/* no heap has memory: the first socket's grows */
	p = plain_thread_malloc(64);
	assert_non_null(p);
	assert_int_equal(rte_mem_virt2memseg_list(p)->socket_id, 0);
	rte_free(p);
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);
	/* only socket 1 has memory (a freed page it keeps): used, nothing mapped */
	p = rte_malloc_socket(NULL, pg / 2, 0, 1);
	assert_non_null(p);
	q = plain_thread_malloc(64);
	assert_non_null(q);
	assert_int_equal(rte_mem_virt2memseg_list(q)->socket_id, 1);
	assert_int_equal(sim_pool_free_pages(0), 16);
	/* the main lcore is on socket 0: its request grows socket 0 */
	assert_int_equal(rte_socket_id(), 0);
	rte_free(q);
	q = rte_malloc(NULL, 64, 0);
	assert_non_null(q);
	assert_int_equal(rte_mem_virt2memseg_list(q)->socket_id, 0);
	assert_int_equal(sim_pool_free_pages(0), 15);
	/* both have memory now: the first socket's */
	r = plain_thread_malloc(64);
	assert_non_null(r);
	assert_int_equal(rte_mem_virt2memseg_list(r)->socket_id, 0);
	rte_free(r);
	rte_free(q);
	rte_free(p);
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);
	assert_int_equal(sim_pool_free_pages(0), 16);
	assert_int_equal(sim_pool_free_pages(1), 16);
}
#else
static void test_sockets(void **state)
{
	(void)state;
	skip();
}

static void test_any_socket_falls_over(void **state)
{
	(void)state;
	skip();
}

static void test_any_socket_from_plain_thread(void **state)
{
	(void)state;
	skip();
}
#endif

int main(void)
{
	const struct CMUnitTest defaults[] = {
		cmocka_unit_test(test_alloc_free_basic),
		cmocka_unit_test(test_every_alignment),
		cmocka_unit_test(test_zmalloc_is_zero),
		cmocka_unit_test(test_zmalloc_fresh_page),
		cmocka_unit_test(test_zmalloc_reuses_dirty_memory),
		cmocka_unit_test(test_zmalloc_after_merge),
		cmocka_unit_test(test_zmalloc_after_realloc_in_place),
		cmocka_unit_test(test_zmalloc_across_new_pages),
		cmocka_unit_test(test_zmalloc_after_churn),
		cmocka_unit_test(test_realloc_moves_and_resizes),
		cmocka_unit_test(test_allocation_cost_is_bounded),
		cmocka_unit_test(test_aligned_slack_is_split),
		cmocka_unit_test(test_freed_block_is_reused),
		cmocka_unit_test(test_fragmentation_returns_everything),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_stats_count_smallest_free),
		cmocka_unit_test(test_heap_info),
		cmocka_unit_test(test_svg),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_heap_check_finds_damage),
		cmocka_unit_test(test_ext_heap_lifecycle),
		cmocka_unit_test(test_ext_heap_errors),
		cmocka_unit_test(test_ext_heap_attach_errors),
		cmocka_unit_test(test_ext_heap_not_for_any),
		cmocka_unit_test(test_free_waits_for_hotplug_lock),
		cmocka_unit_test(test_retention_and_trim),
		cmocka_unit_test(test_mem_events),
		cmocka_unit_test(test_alloc_validator),
#ifdef RTE_MALLOC_DEBUG
		cmocka_unit_test(test_debug_cookies),
#endif
		cmocka_unit_test(test_growth_waits_for_hotplug_lock),
		cmocka_unit_test(test_growth_faults),
		cmocka_unit_test(test_release_faults),
		cmocka_unit_test(test_growth_beyond_dma_mask), /* last: the mask stays */
	};
	const struct CMUnitTest prealloc[] = {
		cmocka_unit_test(test_prealloc_pages_stay),
		cmocka_unit_test(test_biggest_contig_over_scattered_pages),
		cmocka_unit_test(test_biggest_zone_size_hint),
		cmocka_unit_test(test_contig_zone_over_two_pages),
		cmocka_unit_test(test_bounded_zone_stays_in_window),
	};
	const struct CMUnitTest sockets[] = {
		cmocka_unit_test(test_sockets),
		cmocka_unit_test(test_any_socket_falls_over),
		cmocka_unit_test(test_any_socket_from_plain_thread),
	};
	const struct CMUnitTest iova_va[] = {
		cmocka_unit_test(test_virt2iova_in_va_mode),
		cmocka_unit_test(test_contig_zone_in_va_mode),
	};
	const struct CMUnitTest no_eal[] = {
		cmocka_unit_test(test_without_eal),
	};
	int fails = 0;

	fails += cmocka_run_group_tests_name("malloc without EAL", no_eal, NULL, NULL);

	fails += rtetest_run_hugepage_group("malloc", defaults, setup_default, teardown);
	fails += rtetest_run_hugepage_group("malloc -m", prealloc, setup_prealloc, teardown);
	fails += rtetest_run_hugepage_group("malloc --iova-mode=va", iova_va, setup_iova_va,
					    teardown);
	fails += cmocka_run_group_tests_name("malloc 2 sockets", sockets, setup_two_sockets,
					     teardown);
	return fails;
}
