/* SPDX-License-Identifier: BSD-3-Clause
 * Memzones: reserve/lookup/walk/free, alignment, bounds, IOVA contiguity,
 * the biggest-block reservation, a full table, bad input, and failures
 * while a heap grows, all leaving the heaps as they were.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "rtetest.h"
#ifdef RTEMEM_HAL_sim
#include "sim_machine.h"
#endif

/* ---- helpers ---------------------------------------------------------- */

static int setup_default(void **state)
{
	(void)state;
	return rtetest_boot(NULL);
}

static int setup_va(void **state)
{
	(void)state;
	return rtetest_boot("--iova-mode=va");
}

/* A machine whose only hugepage size is 1 GB (HAL=sim). */
static int setup_1g(void **state)
{
	(void)state;
	return rtetest_boot("--sim=profile=4K/1G,pages=2");
}

static int teardown(void **state)
{
	(void)state;
	rte_eal_cleanup();
	return 0;
}

static void count_zone(const struct rte_memzone *mz, void *arg)
{
	(void)mz;
	(*(unsigned int *)arg)++;
}

static unsigned int zone_count(void)
{
	unsigned int n = 0;

	rte_memzone_walk(count_zone, &n);
	return n;
}

static int count_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	(void)msl;
	(void)ms;
	(*(unsigned int *)arg)++;
	return 0;
}

struct snapshot {
	struct rte_malloc_socket_stats st;
	unsigned int zones;
	unsigned int pages;
};

static void take(struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	assert_int_equal(rte_malloc_get_socket_stats(0, &s->st), 0);
	s->zones = zone_count();
	assert_int_equal(rte_memseg_walk(count_seg, &s->pages), 0);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
}

static void assert_unchanged(const struct snapshot *before)
{
	struct snapshot now;

	take(&now);
	assert_int_equal(now.st.heap_totalsz_bytes, before->st.heap_totalsz_bytes);
	assert_int_equal(now.st.heap_freesz_bytes, before->st.heap_freesz_bytes);
	assert_int_equal(now.st.greatest_free_size, before->st.greatest_free_size);
	assert_int_equal(now.st.free_count, before->st.free_count);
	assert_int_equal(now.st.alloc_count, before->st.alloc_count);
	assert_int_equal(now.zones, before->zones);
	assert_int_equal(now.pages, before->pages);
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

/* Is the zone one IOVA range, page by page? */
static bool iova_contiguous(const struct rte_memzone *mz)
{
	size_t pg = mz->hugepage_sz;
	uintptr_t start = (uintptr_t)mz->addr;
	uintptr_t page = RTE_ALIGN_FLOOR(start, pg) + pg;

	if (rte_mem_virt2iova(mz->addr) != mz->iova)
		return false;
	for (; page < start + mz->len; page += pg)
		if (rte_mem_virt2iova((void *)page) != mz->iova + (page - start))
			return false;
	return true;
}

/*
 * Every byte of a zone gets a pattern of its own (seeded per zone), and is
 * checked before the zone is freed: zones that overlap, or a heap that
 * writes into a zone, show as a wrong byte.
 */
static uint8_t zone_byte(unsigned int seed, size_t off)
{
	return (uint8_t)(seed * 131u + off * 7u + (off >> 8));
}

static void fill_zone(const struct rte_memzone *mz, unsigned int seed)
{
	uint8_t *p = mz->addr;

	for (size_t i = 0; i < mz->len; i++)
		p[i] = zone_byte(seed, i);
}

static void check_zone_bytes(const struct rte_memzone *mz, unsigned int seed)
{
	const uint8_t *p = mz->addr;

	for (size_t i = 0; i < mz->len; i++)
		if (p[i] != zone_byte(seed, i))
			fail_msg("zone %s: byte %zu of %zu is 0x%02x, wrote 0x%02x", mz->name, i,
				 mz->len, p[i], zone_byte(seed, i));
}

/* ---- tests ------------------------------------------------------------ */

static void test_reserve_lookup_free(void **state)
{
	struct snapshot before;
	const struct rte_memzone *mz, *mz2;
	size_t pg = page_size();
	FILE *f;

	(void)state;
	take(&before);
	mz = rte_memzone_reserve("mz_basic", 1000, SOCKET_ID_ANY, 0);
	assert_non_null(mz);
	assert_string_equal(mz->name, "mz_basic");
	assert_int_equal(mz->len, 1024); /* rounded up to cache lines */
	assert_true(rte_is_aligned(mz->addr, RTE_CACHE_LINE_SIZE));
	assert_int_equal(mz->iova, rte_mem_virt2iova(mz->addr));
	assert_int_equal(mz->socket_id, 0);
	assert_int_equal(mz->hugepage_sz, pg);
	assert_int_equal(mz->flags, 0);
	fill_zone(mz, 1);

	mz2 = rte_memzone_reserve("mz_second", 64, 0, RTE_MEMZONE_SIZE_HINT_ONLY);
	assert_non_null(mz2);
	fill_zone(mz2, 2);
	assert_ptr_equal(rte_memzone_lookup("mz_basic"), mz);
	assert_ptr_equal(rte_memzone_lookup("mz_second"), mz2);
	assert_int_equal(zone_count(), before.zones + 2);

	f = tmpfile();
	assert_non_null(f);
	rte_memzone_dump(f);
	assert_true(ftell(f) > 40);
	fclose(f);

	check_zone_bytes(mz, 1);
	check_zone_bytes(mz2, 2);
	assert_int_equal(rte_memzone_free(mz), 0);
	rte_errno = 0;
	assert_null(rte_memzone_lookup("mz_basic"));
	assert_int_equal(rte_errno, ENOENT);
	assert_int_equal(rte_memzone_free(mz), -EINVAL); /* already free */
	assert_int_equal(rte_memzone_free(NULL), -EINVAL);
	assert_int_equal(rte_memzone_free(mz2), 0);
	/* the name is free again */
	mz = rte_memzone_reserve("mz_basic", 64, 0, 0);
	assert_non_null(mz);
	assert_int_equal(rte_memzone_free(mz), 0);
	assert_unchanged(&before);
}

static void test_alignments(void **state)
{
	const struct rte_memzone *mz[32];
	struct snapshot before;
	size_t pg = page_size();
	unsigned int n = 0;
	char name[32];

	(void)state;
	take(&before);
	for (size_t align = 1; align <= pg && n < RTE_DIM(mz); align <<= 1, n++) {
		snprintf(name, sizeof(name), "align_%zu", align);
		mz[n] = rte_memzone_reserve_aligned(name, 100 + n * 64, 0, 0, (unsigned int)align);
		assert_non_null(mz[n]);
		assert_true(((uintptr_t)mz[n]->addr & (RTE_MAX(align, (size_t)64) - 1)) == 0);
		assert_int_equal(mz[n]->iova, rte_mem_virt2iova(mz[n]->addr));
		fill_zone(mz[n], n);
	}
	for (unsigned int i = 0; i < n; i++) {
		check_zone_bytes(mz[i], i);
		assert_int_equal(rte_memzone_free(mz[i]), 0);
	}
	assert_unchanged(&before);
}

static void test_bounded(void **state)
{
	const struct rte_memzone *mz[64];
	struct snapshot before;
	size_t pg = page_size();
	unsigned int n = 0;
	char name[32];

	(void)state;
	take(&before);
	/* many zones of just over half the bound: every other one must skip
	 * a boundary */
	for (size_t bound = 128; bound <= pg && n + 7 <= RTE_DIM(mz); bound <<= 2) {
		for (int k = 0; k < 4; k++, n++) {
			size_t len = bound / 2 + 64 * (size_t)(k + 1);

			if (len > bound)
				len = bound;
			snprintf(name, sizeof(name), "bound_%zu_%d", bound, k);
			mz[n] = rte_memzone_reserve_bounded(name, len, 0, 0, 64, (unsigned int)bound);
			assert_non_null(mz[n]);
			assert_true(mz[n]->len >= len);
			assert_true(((uintptr_t)mz[n]->addr & ~(bound - 1)) ==
				    (((uintptr_t)mz[n]->addr + mz[n]->len - 1) & ~(bound - 1)));
			fill_zone(mz[n], n);
		}
	}
	/* bounds and alignments beyond the page size, through heap growth */
	for (int k = 0; k < 3; k++, n++) {
		size_t bound = 4 * pg, len = 3 * pg - (size_t)k * 4096;

		snprintf(name, sizeof(name), "big_bound_%d", k);
		mz[n] = rte_memzone_reserve_bounded(name, len, 0, 0, (unsigned int)(2 * pg),
						    (unsigned int)bound);
		assert_non_null(mz[n]);
		assert_true(rte_is_aligned(mz[n]->addr, (unsigned int)(2 * pg)));
		assert_true(((uintptr_t)mz[n]->addr & ~(bound - 1)) ==
			    (((uintptr_t)mz[n]->addr + mz[n]->len - 1) & ~(bound - 1)));
		fill_zone(mz[n], n);
	}
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	for (unsigned int i = 0; i < n; i++) {
		check_zone_bytes(mz[i], i);
		assert_int_equal(rte_memzone_free(mz[i]), 0);
	}
	assert_unchanged(&before);
}

/* IOVA-contiguous zones: always within a page; across pages when the
 * machine gives contiguous IOVAs (VA mode always; PA mode by luck). */
static void test_iova_contig(void **state)
{
	struct snapshot before;
	size_t pg = page_size();
	const struct rte_memzone *mz;
	bool va_mode = rte_eal_iova_mode() == RTE_IOVA_VA;

	(void)state;
	take(&before);
	mz = rte_memzone_reserve("contig_small", pg / 2, 0, RTE_MEMZONE_IOVA_CONTIG);
	assert_non_null(mz);
	assert_true(iova_contiguous(mz));
	assert_int_equal(rte_memzone_free(mz), 0);

	for (size_t len = pg + pg / 2; len <= 3 * pg; len += pg / 2) {
		mz = rte_memzone_reserve("contig_big", len, 0, RTE_MEMZONE_IOVA_CONTIG);
		if (mz == NULL) {
			assert_false(va_mode);
			assert_int_equal(rte_errno, ENOMEM);
			assert_unchanged(&before);
			continue;
		}
		assert_true(mz->len >= len);
		assert_true(iova_contiguous(mz));
		fill_zone(mz, (unsigned int)len);
		check_zone_bytes(mz, (unsigned int)len);
		assert_int_equal(rte_memzone_free(mz), 0);
		assert_unchanged(&before);
	}
	/* not contiguous: always works, even across pages */
	mz = rte_memzone_reserve("not_contig", 3 * pg, 0, 0);
	assert_non_null(mz);
	assert_int_equal(rte_memzone_free(mz), 0);
	assert_unchanged(&before);
}

/* len 0: the biggest block the heap has, without growing it. */
static void test_biggest(void **state)
{
	struct rte_malloc_socket_stats st;
	const struct rte_memzone *mz, *big;
	size_t pg = page_size();

	(void)state;
	mz = rte_memzone_reserve("small", 4096, 0, 0); /* maps one page */
	assert_non_null(mz);
	assert_int_equal(rte_malloc_get_socket_stats(0, &st), 0);
	big = rte_memzone_reserve("biggest", 0, 0, 0);
	assert_non_null(big);
	assert_true(big->len >= st.greatest_free_size - 256);
	assert_true(big->len < pg);
	fill_zone(mz, 1);
	fill_zone(big, 2);
	assert_int_equal(rte_malloc_get_socket_stats(0, &st), 0);
	assert_int_equal(st.heap_freesz_bytes, 0);
	/* the heap is full now, but another biggest does not grow it */
	rte_errno = 0;
	assert_null(rte_memzone_reserve("biggest2", 0, 0, 0));
	assert_int_equal(rte_errno, ENOMEM);
	check_zone_bytes(mz, 1);
	check_zone_bytes(big, 2);
	assert_int_equal(rte_memzone_free(big), 0);
	big = rte_memzone_reserve_aligned("biggest_aligned", 0, SOCKET_ID_ANY, 0, 4096);
	assert_non_null(big);
	assert_true(rte_is_aligned(big->addr, 4096));
	assert_int_equal(rte_memzone_free(big), 0);
	big = rte_memzone_reserve("biggest_contig", 0, 0, RTE_MEMZONE_IOVA_CONTIG);
	assert_non_null(big);
	assert_true(iova_contiguous(big));
	assert_int_equal(rte_memzone_free(big), 0);
	if (rtetest_hal_is_sim()) {
		/* No 1 GB pages in this machine; as a hint only, the biggest of any size. */
		assert_null(rte_memzone_reserve("biggest_1g", 0, 0, RTE_MEMZONE_1GB));
		assert_int_equal(rte_malloc_get_socket_stats(0, &st), 0);
		big = rte_memzone_reserve("biggest_hint", 0, 0,
					  RTE_MEMZONE_1GB | RTE_MEMZONE_SIZE_HINT_ONLY);
		assert_non_null(big);
		assert_int_equal(big->hugepage_sz, RTE_PGSIZE_2M);
		assert_true(big->len >= st.greatest_free_size - 256);
		assert_int_equal(rte_memzone_free(big), 0);
	}
	assert_int_equal(rte_memzone_free(mz), 0);
	/* len 0 with a bound means len = bound */
	mz = rte_memzone_reserve_bounded("bound_only", 0, 0, 0, 64, 4096);
	assert_non_null(mz);
	assert_int_equal(mz->len, 4096);
	assert_int_equal(rte_memzone_free(mz), 0);
}

static void test_bad_input(void **state)
{
	struct snapshot before;
	const struct rte_memzone *mz;
	struct rte_memzone copy;

	(void)state;
	mz = rte_memzone_reserve("taken", 64, 0, 0);
	assert_non_null(mz);
	take(&before);

#define EXPECT_FAIL(call, err)                     \
	do {                                       \
		rte_errno = 0;                     \
		assert_null(call);                 \
		assert_int_equal(rte_errno, err);  \
		assert_unchanged(&before);         \
	} while (0)

	EXPECT_FAIL(rte_memzone_reserve(NULL, 64, 0, 0), EINVAL);
	EXPECT_FAIL(rte_memzone_reserve("", 64, 0, 0), EINVAL);
	EXPECT_FAIL(rte_memzone_reserve("a_name_that_is_exactly_32_chars_", 64, 0, 0),
		    ENAMETOOLONG);
	EXPECT_FAIL(rte_memzone_reserve("taken", 64, 0, 0), EEXIST);
	/* flags: a bit DPDK does not define is refused, not ignored */
	EXPECT_FAIL(rte_memzone_reserve("x", 64, 0, 0x8), EINVAL);
	EXPECT_FAIL(rte_memzone_reserve("x", 64, 0, RTE_MEMZONE_2MB | 0x80000000u), EINVAL);
	EXPECT_FAIL(rte_memzone_reserve_aligned("x", 64, 0, 0, 3), EINVAL);
	EXPECT_FAIL(rte_memzone_reserve_aligned("x", 64, 0, 0, 96), EINVAL);
	EXPECT_FAIL(rte_memzone_reserve_bounded("x", 64, 0, 0, 64, 100), EINVAL);
	EXPECT_FAIL(rte_memzone_reserve_bounded("x", 8192, 0, 0, 64, 4096), EINVAL);
	/* 20 bytes fit a 32-byte bound, a cache line does not */
	EXPECT_FAIL(rte_memzone_reserve_bounded("x", 20, 0, 0, 0, 32), EINVAL);
	EXPECT_FAIL(rte_memzone_reserve("x", 64, -2, 0), EINVAL);
	EXPECT_FAIL(rte_memzone_reserve("x", 64, 7, 0), EINVAL);
	EXPECT_FAIL(rte_memzone_reserve("x", 64, RTE_MAX_NUMA_NODES, 0), EINVAL);
	EXPECT_FAIL(rte_memzone_reserve("x", (size_t)1 << 40, 0, 0), ENOMEM);
	EXPECT_FAIL(rte_memzone_reserve("x", SIZE_MAX, 0, 0), ENOMEM);
	if (rtetest_hal_is_sim()) {
		/* the sim machine has 2 MB pages only */
		EXPECT_FAIL(rte_memzone_reserve("x", 64, 0, RTE_MEMZONE_1GB), ENOMEM);
		EXPECT_FAIL(rte_memzone_reserve("x", 0, 0, RTE_MEMZONE_1GB), ENOMEM);
		mz = rte_memzone_reserve("x", 64, 0, RTE_MEMZONE_1GB | RTE_MEMZONE_SIZE_HINT_ONLY);
		assert_non_null(mz);
		assert_int_equal(rte_memzone_free(mz), 0);
		mz = rte_memzone_reserve("x", 64, 0, RTE_MEMZONE_2MB);
		assert_non_null(mz);
		assert_int_equal(mz->hugepage_sz, RTE_PGSIZE_2M);
		assert_int_equal(rte_memzone_free(mz), 0);
	}
	assert_unchanged(&before);
#undef EXPECT_FAIL

	/* freeing something that is not a reserved zone */
	mz = rte_memzone_lookup("taken");
	memcpy(&copy, mz, sizeof(copy));
	assert_int_equal(rte_memzone_free(&copy), -EINVAL);
	assert_null(rte_memzone_lookup(NULL));
	assert_null(rte_memzone_lookup("no_such_zone"));
	assert_unchanged(&before);
	/* A walk with no callback does nothing. */
	rte_memzone_walk(NULL, NULL);
	assert_int_equal(rte_memzone_free(mz), 0);
}

static unsigned int walked;

static void count_walked(const struct rte_memzone *mz, void *arg)
{
	RTE_SET_USED(mz);
	RTE_SET_USED(arg);
	walked++;
}

/*
 * Page-size flags on a machine with 1 GB pages only: RTE_MEMZONE_2MB alone
 * is a requirement no memory meets (ENOMEM), even while the heap holds free
 * memory on a 1 GB page; with RTE_MEMZONE_SIZE_HINT_ONLY it is a wish, and
 * the zone lands on a 1 GB page.
 */
static void test_page_size_flags_1g(void **state)
{
	const struct rte_memzone *mz, *big;

	(void)state;
	/* The heap now has a 1 GB page with most of it free. */
	big = rte_memzone_reserve("on_1g", 4096, 0, RTE_MEMZONE_1GB);
	assert_non_null(big);
	assert_int_equal(big->hugepage_sz, RTE_PGSIZE_1G);
	rte_errno = 0;
	assert_null(rte_memzone_reserve("want_2m", 64, 0, RTE_MEMZONE_2MB));
	assert_int_equal(rte_errno, ENOMEM);
	assert_null(rte_memzone_lookup("want_2m"));
	mz = rte_memzone_reserve("hint_2m", 64, 0, RTE_MEMZONE_2MB | RTE_MEMZONE_SIZE_HINT_ONLY);
	assert_non_null(mz);
	assert_int_equal(mz->hugepage_sz, RTE_PGSIZE_1G);
	assert_int_equal(rte_memzone_free(mz), 0);
	assert_int_equal(rte_memzone_free(big), 0);
}

/* Before rte_eal_init there is no memzone table: nothing to reserve, find or walk. */
static void test_without_eal(void **state)
{
	FILE *f = tmpfile();

	(void)state;
	assert_non_null(f);
	rte_errno = 0;
	assert_null(rte_memzone_reserve("early", 64, SOCKET_ID_ANY, 0));
	assert_int_equal(rte_errno, EINVAL);
	assert_null(rte_memzone_lookup("early"));
	walked = 0;
	rte_memzone_walk(count_walked, NULL);
	assert_int_equal(walked, 0);
	rte_memzone_dump(f);
	assert_int_equal(ftell(f), 0);
	fclose(f);
}

static void test_table_full(void **state)
{
	static const struct rte_memzone *mz[RTE_MAX_MEMZONE];
	struct snapshot before;
	unsigned int n, start;
	char name[32];

	(void)state;
	take(&before);
	start = before.zones;
	for (n = 0; n < RTE_MAX_MEMZONE - start; n++) {
		snprintf(name, sizeof(name), "full_%u", n);
		mz[n] = rte_memzone_reserve(name, 64, 0, 0);
		assert_non_null(mz[n]);
	}
	assert_int_equal(zone_count(), RTE_MAX_MEMZONE);
	{
		struct rte_malloc_socket_stats st, st2;

		assert_int_equal(rte_malloc_get_socket_stats(0, &st), 0);
		rte_errno = 0;
		assert_null(rte_memzone_reserve("one_too_many", 64, 0, 0));
		assert_int_equal(rte_errno, ENOSPC);
		assert_int_equal(rte_malloc_get_socket_stats(0, &st2), 0);
		assert_int_equal(st.heap_freesz_bytes, st2.heap_freesz_bytes);
		assert_int_equal(st.alloc_count, st2.alloc_count);
	}
	assert_ptr_equal(rte_memzone_lookup("full_1000"), mz[1000]);
	/* one freed slot is usable again */
	assert_int_equal(rte_memzone_free(mz[7]), 0);
	mz[7] = rte_memzone_reserve("again", 64, 0, 0);
	assert_non_null(mz[7]);
	for (unsigned int i = 0; i < n; i++)
		assert_int_equal(rte_memzone_free(mz[i]), 0);
	assert_unchanged(&before);
}

/*
 * Names are found by hash; zones coming and going in any order must never
 * hide a live name or resurrect a freed one. A full table, half of it
 * freed in a shuffled order, re-reserved, then all freed in another.
 */
static void check_names(const struct rte_memzone *const *mz, const bool *live, unsigned int n)
{
	unsigned int nlive = 0;
	char name[32];

	for (unsigned int i = 0; i < n; i++)
		nlive += live[i];
	for (unsigned int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "churn_%u", i);
		rte_errno = 0;
		if (live[i]) {
			assert_ptr_equal(rte_memzone_lookup(name), mz[i]);
			assert_string_equal(mz[i]->name, name);
			/* a full table is reported before the name (as DPDK
			 * does): test_table_full covers that order */
			if (nlive < n) {
				assert_null(rte_memzone_reserve(name, 64, 0, 0));
				assert_int_equal(rte_errno, EEXIST);
			}
		} else {
			assert_null(rte_memzone_lookup(name));
			assert_int_equal(rte_errno, ENOENT);
		}
	}
}

static void shuffle(unsigned int *order, unsigned int n, unsigned int *seed)
{
	for (unsigned int i = 0; i < n; i++)
		order[i] = i;
	for (unsigned int i = n - 1; i > 0; i--) {
		unsigned int j = (unsigned int)rand_r(seed) % (i + 1), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
}

static void test_names_churn(void **state)
{
	static const struct rte_memzone *mz[RTE_MAX_MEMZONE];
	static unsigned int order[RTE_MAX_MEMZONE];
	static bool live[RTE_MAX_MEMZONE];
	unsigned int seed = 20261202, n, i;
	struct snapshot before;
	char name[32];

	(void)state;
	take(&before);
	n = RTE_MAX_MEMZONE - before.zones;
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "churn_%u", i);
		mz[i] = rte_memzone_reserve(name, 64, 0, 0);
		assert_non_null(mz[i]);
		live[i] = true;
	}
	check_names(mz, live, n);

	shuffle(order, n, &seed);
	for (i = 0; i < n / 2; i++) {
		assert_int_equal(rte_memzone_free(mz[order[i]]), 0);
		live[order[i]] = false;
		if (i % 256 == 0)
			check_names(mz, live, n);
	}
	check_names(mz, live, n);

	for (i = 0; i < n / 2; i++) {
		snprintf(name, sizeof(name), "churn_%u", order[i]);
		mz[order[i]] = rte_memzone_reserve(name, 64, 0, 0);
		assert_non_null(mz[order[i]]);
		live[order[i]] = true;
	}
	check_names(mz, live, n);

	shuffle(order, n, &seed);
	for (i = 0; i < n; i++) {
		assert_int_equal(rte_memzone_free(mz[order[i]]), 0);
		live[order[i]] = false;
		if (i % 512 == 0)
			check_names(mz, live, n);
	}
	check_names(mz, live, n);
	assert_unchanged(&before);
}

static void test_growth_faults(void **state)
{
#ifdef RTEMEM_HAL_sim
	enum sim_op ops[] = { SIM_OP_PAGE_MAP, SIM_OP_VIRT2IOVA };
	size_t pg = page_size();

	(void)state;
	for (size_t o = 0; o < RTE_DIM(ops); o++) {
		bool done = false;

		for (unsigned int n = 1; n <= 16 && !done; n++) {
			struct snapshot before;
			const struct rte_memzone *mz;

			take(&before);
			sim_fault_arm(ops[o], n);
			rte_errno = 0;
			mz = rte_memzone_reserve("grow", 2 * pg + 100, 0, 0);
			sim_fault_arm(ops[o], 0);
			if (mz == NULL) {
				assert_int_equal(rte_errno, ENOMEM);
				assert_unchanged(&before);
				continue;
			}
			assert_int_equal(rte_memzone_free(mz), 0);
			assert_unchanged(&before);
			done = true;
		}
		assert_true(done);
	}
#else
	(void)state;
	skip();
#endif
}

int main(void)
{
	const struct CMUnitTest pa[] = {
		cmocka_unit_test(test_reserve_lookup_free),
		cmocka_unit_test(test_alignments),
		cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_iova_contig),
		cmocka_unit_test(test_biggest),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_table_full),
		cmocka_unit_test(test_names_churn),
		cmocka_unit_test(test_growth_faults),
	};
	const struct CMUnitTest va[] = {
		cmocka_unit_test(test_iova_contig),
		cmocka_unit_test(test_bounded),
	};
	const struct CMUnitTest no_eal[] = {
		cmocka_unit_test(test_without_eal),
	};
	const struct CMUnitTest one_gb[] = {
		cmocka_unit_test(test_page_size_flags_1g),
	};
	int fails = 0;

	fails += cmocka_run_group_tests_name("memzone without EAL", no_eal, NULL, NULL);
	if (rtetest_hal_is_sim())
		fails += cmocka_run_group_tests_name("memzone on 1 GB pages", one_gb, setup_1g,
						     teardown);
	fails += rtetest_run_hugepage_group("memzone", pa, setup_default, teardown);
	fails += rtetest_run_hugepage_group("memzone iova=va", va, setup_va, teardown);
	return fails;
}
