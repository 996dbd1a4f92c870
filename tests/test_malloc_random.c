/* SPDX-License-Identifier: BSD-3-Clause
 * Random rte_malloc / rte_zmalloc / rte_calloc / rte_realloc / rte_free and
 * memzone reserve/free operations on two sockets, checked against a model
 * of what should be live: blocks never overlap, keep their contents, come
 * zeroed when asked, sit on the socket asked for, and the heap stats and
 * consistency check agree with the model. The heap check runs after every
 * operation: it walks every element and proves that the free-element index
 * (lists and bitmaps) holds exactly the free elements. Now and then the
 * retain bound changes or the heaps are trimmed (rtemem_heap.h). In sim,
 * page maps fail now and then; a call that fails must leave every heap's
 * stats as they were. Fixed seeds, so a failure replays. At the end
 * everything is freed, the heaps trimmed, and every page is back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "rtemem_heap.h"
#include "rtetest.h"
#ifdef RTEMEM_HAL_sim
#include "sim_machine.h"
#endif

/* Random operations per profile (two profiles in sim). */
#define OPS_PER_RUN 60000
#define MAX_LIVE 1500
#define CHECK_EVERY 2500
/* Blocks up to this size are filled and checked whole; bigger ones in
 * stripes (first and last 4 KiB and the first line of every 4 KiB, or of
 * every 64 KiB above 1 MiB). */
#define FULL_CHECK_MAX 16384
#define STRIPE 4096

struct block {
	uint8_t *ptr;
	size_t size;
	int socket;         /* socket asked for, or SOCKET_ID_ANY */
	uint8_t value;      /* fill byte */
	const struct rte_memzone *mz;
};

static struct block live[MAX_LIVE];
static unsigned int n_live;
static uint64_t rng;
static unsigned int n_sockets;
static unsigned long zone_serial;
static unsigned long n_failed; /* calls that found no memory (allowed) */

static uint64_t next_rand(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static unsigned int rand_below(unsigned int n)
{
	return (unsigned int)(next_rand() % n);
}

/* Mostly small blocks, some medium, a few spanning pages. */
static size_t random_size(size_t pg)
{
	unsigned int r = rand_below(1000);

	if (r < 700)
		return 1 + rand_below(512);
	if (r < 970)
		return 512 + rand_below(16384);
	if (r < 997)
		return 16384 + rand_below(256 * 1024);
	return pg / 2 + rand_below((unsigned int)(2 * pg));
}

static size_t random_align(void)
{
	unsigned int r = rand_below(10);

	if (r < 6)
		return 0;
	return (size_t)1 << rand_below(13); /* up to 4 KiB */
}

static int random_socket(void)
{
	unsigned int r = rand_below(n_sockets + 1);

	return r == n_sockets ? SOCKET_ID_ANY : (int)r;
}

/* ---- fill patterns --------------------------------------------------- */

typedef void (*range_fn)(uint8_t *p, size_t len, uint8_t value);

/* Call fn on each range that blocks of size get filled in, below limit. */
static void for_each_range(uint8_t *p, size_t size, size_t limit, uint8_t value, range_fn fn)
{
	size_t end = RTE_MIN(size, limit);

	if (size <= FULL_CHECK_MAX) {
		fn(p, end, value);
		return;
	}
	fn(p, RTE_MIN((size_t)STRIPE, end), value);
	/* huge blocks more sparsely: each touched 4 KiB costs a page fault */
	for (size_t off = STRIPE; off + 64 <= end; off += size > (1u << 20) ? 16 * STRIPE : STRIPE)
		fn(p + off, 64, value);
	if (size - STRIPE < end)
		fn(p + size - STRIPE, end - (size - STRIPE), value);
}

static void do_fill(uint8_t *p, size_t len, uint8_t value)
{
	memset(p, value, len);
}

static void do_check(uint8_t *p, size_t len, uint8_t value)
{
	uint64_t word = 0x0101010101010101ULL * value;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t v;

		memcpy(&v, p + i, 8);
		if (v != word)
			break;
	}
	for (; i < len; i++)
		if (p[i] != value)
			fail_msg("block byte at %p is 0x%02x, expected 0x%02x", (void *)(p + i), p[i],
				 value);
}

static void do_check_zero(uint8_t *p, size_t len, uint8_t value)
{
	(void)value;
	do_check(p, len, 0);
}

static void fill_block(struct block *b)
{
	b->value = (uint8_t)(1 + rand_below(255));
	for_each_range(b->ptr, b->size, b->size, b->value, do_fill);
}

static void check_block(const struct block *b, size_t limit)
{
	for_each_range(b->ptr, b->size, limit, b->value, do_check);
}

/* ---- model checks ---------------------------------------------------- */

static void check_placement(const struct block *b)
{
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(b->ptr);

	assert_non_null(msl);
	if (b->socket != SOCKET_ID_ANY)
		assert_int_equal(msl->socket_id, b->socket);
	assert_true(rte_is_aligned(b->ptr, RTE_CACHE_LINE_SIZE));
}

static int cmp_block(const void *a, const void *b)
{
	const struct block *x = a, *y = b;

	return x->ptr < y->ptr ? -1 : x->ptr > y->ptr;
}

static void checkpoint(void)
{
	static struct block sorted[MAX_LIVE];
	unsigned int per_socket[RTE_MAX_NUMA_NODES] = { 0 };

	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	memcpy(sorted, live, n_live * sizeof(live[0]));
	qsort(sorted, n_live, sizeof(sorted[0]), cmp_block);
	for (unsigned int i = 0; i < n_live; i++) {
		const struct block *b = &sorted[i];
		size_t usable;

		if (i > 0)
			assert_true(sorted[i - 1].ptr + sorted[i - 1].size <= b->ptr);
		assert_int_equal(rte_malloc_validate(b->ptr, &usable), 0);
		assert_true(usable >= b->size);
		check_block(b, b->size);
		per_socket[rte_mem_virt2memseg_list(b->ptr)->socket_id]++;
	}
	for (unsigned int s = 0; s < n_sockets; s++) {
		struct rte_malloc_socket_stats st;

		assert_int_equal(rte_malloc_get_socket_stats((int)s, &st), 0);
		assert_int_equal(st.alloc_count, per_socket[s]);
		assert_int_equal(st.heap_totalsz_bytes, st.heap_allocsz_bytes + st.heap_freesz_bytes);
		assert_true(st.greatest_free_size <= st.heap_freesz_bytes);
	}
}

/* All sockets' stats, to compare around a call that failed. */
struct all_stats {
	struct rte_malloc_socket_stats st[RTE_MAX_NUMA_NODES];
};

static void get_all(struct all_stats *a)
{
	for (unsigned int s = 0; s < n_sockets; s++)
		assert_int_equal(rte_malloc_get_socket_stats((int)s, &a->st[s]), 0);
}

static void assert_same(const struct all_stats *a, const struct all_stats *b)
{
	assert_memory_equal(a->st, b->st, n_sockets * sizeof(a->st[0]));
}

/* ---- operations ------------------------------------------------------ */

static void op_alloc(size_t pg, int kind)
{
	struct all_stats before, after;
	struct block b = { 0 };
	size_t align = random_align();

	b.size = random_size(pg);
	b.socket = random_socket();
	get_all(&before);
	if (kind == 0) {
		b.ptr = rte_malloc_socket(NULL, b.size, (unsigned int)align, b.socket);
	} else if (kind == 1) {
		b.ptr = rte_zmalloc_socket(NULL, b.size, (unsigned int)align, b.socket);
	} else {
		size_t n = 1 + rand_below(8);

		b.size = RTE_ALIGN_MUL_CEIL(b.size, n);
		b.ptr = rte_calloc_socket(NULL, n, b.size / n, (unsigned int)align, b.socket);
	}
	if (b.ptr == NULL) {
		n_failed++;
		assert_int_equal(rte_errno, ENOMEM);
		get_all(&after);
		assert_same(&before, &after);
		return;
	}
	if (align != 0)
		assert_true(((uintptr_t)b.ptr & (align - 1)) == 0);
	check_placement(&b);
	if (kind != 0)
		for_each_range(b.ptr, b.size, b.size, 0, do_check_zero);
	fill_block(&b);
	live[n_live++] = b;
}

static void op_memzone(size_t pg)
{
	struct all_stats before, after;
	struct block b = { 0 };
	char name[RTE_MEMZONE_NAMESIZE];
	size_t align = random_align();
	unsigned int bound = 0;

	b.size = random_size(pg);
	b.socket = random_socket();
	if (rand_below(4) == 0 && b.size <= pg) {
		/* lengths round up to cache lines, so the bound must too */
		size_t smallest = rte_align64pow2(RTE_MAX(b.size, (size_t)RTE_CACHE_LINE_SIZE));

		bound = (unsigned int)smallest << rand_below(3);
		if (bound > pg)
			bound = (unsigned int)smallest;
	}
	snprintf(name, sizeof(name), "rnd_%lu", zone_serial++);
	get_all(&before);
	b.mz = rte_memzone_reserve_bounded(name, b.size, b.socket, 0, (unsigned int)align, bound);
	if (b.mz == NULL) {
		n_failed++;
		assert_int_equal(rte_errno, ENOMEM);
		get_all(&after);
		assert_same(&before, &after);
		return;
	}
	b.ptr = b.mz->addr;
	assert_true(b.mz->len >= b.size);
	assert_ptr_equal(rte_memzone_lookup(name), b.mz);
	if (align != 0)
		assert_true(((uintptr_t)b.ptr & (align - 1)) == 0);
	if (bound != 0)
		assert_true(((uintptr_t)b.ptr & ~((uintptr_t)bound - 1)) ==
			    (((uintptr_t)b.ptr + b.mz->len - 1) & ~((uintptr_t)bound - 1)));
	check_placement(&b);
	fill_block(&b);
	live[n_live++] = b;
}

static void op_free(void)
{
	unsigned int i = rand_below(n_live);
	struct block *b = &live[i];

	check_block(b, b->size);
	if (b->mz != NULL)
		assert_int_equal(rte_memzone_free(b->mz), 0);
	else
		rte_free(b->ptr);
	live[i] = live[--n_live];
}

static void op_realloc(size_t pg)
{
	struct all_stats before, after;
	unsigned int i;
	struct block *b;
	size_t new_size, align;
	int socket;
	uint8_t *p;

	/* only rte_malloc blocks: memzones are not realloc'able */
	i = rand_below(n_live);
	if (live[i].mz != NULL)
		return;
	b = &live[i];
	/* a new size at random, or one near the old (shrink or grow a bit) */
	if (rand_below(3) == 0)
		new_size = random_size(pg);
	else
		new_size = 1 + b->size / 2 + rand_below((unsigned int)b->size * 2);
	align = rand_below(4) == 0 ? random_align() : 0;
	socket = rand_below(4) == 0 ? random_socket() : SOCKET_ID_ANY;
	get_all(&before);
	p = rte_realloc_socket(b->ptr, new_size, (unsigned int)align, socket);
	if (p == NULL) {
		n_failed++;
		assert_int_equal(rte_errno, ENOMEM);
		get_all(&after);
		assert_same(&before, &after);
		check_block(b, b->size);
		return;
	}
	if (align != 0)
		assert_true(((uintptr_t)p & (align - 1)) == 0);
	b->ptr = p;
	/* the old contents up to the smaller size stay */
	check_block(b, new_size);
	b->size = new_size;
	b->socket = socket;
	check_placement(b);
	fill_block(b);
}

/* The retain bound of a heap (or all) set to none, a page or a few, or
 * every free runtime page given back. */
static void op_retain(size_t pg)
{
	const int socket = random_socket();

	switch (rand_below(4)) {
	case 0:
		assert_int_equal(rtemem_heap_trim(socket), 0);
		break;
	default:
		assert_int_equal(rtemem_heap_set_retain(socket, pg * rand_below(4)), 0);
		break;
	}
}

/* Sim: now and then arm a fault so that one of the next page maps fails
 * and heap growth breaks half-way; the call must then fail and change
 * nothing. */
static void maybe_arm_fault(void)
{
#ifdef RTEMEM_HAL_sim
	if (rand_below(300) == 0)
		sim_fault_arm(SIM_OP_PAGE_MAP, 1 + rand_below(3));
#endif
}

static void disarm_fault(void)
{
#ifdef RTEMEM_HAL_sim
	sim_fault_arm(SIM_OP_PAGE_MAP, 0);
#endif
}

static void run(uint64_t seed, unsigned int ops)
{
	size_t pg;
	unsigned int pool_free[RTE_MAX_NUMA_NODES] = { 0 };
	struct all_stats start, end;
	void *probe;

	rng = seed;
	n_live = 0;
	n_failed = 0;
	zone_serial = 0;
	n_sockets = rte_socket_count();
	probe = rte_malloc(NULL, 64, 0);
	assert_non_null(probe);
	pg = rte_mem_virt2memseg_list(probe)->page_sz;
	rte_free(probe);
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);
	get_all(&start);
#ifdef RTEMEM_HAL_sim
	for (unsigned int s = 0; s < n_sockets; s++)
		pool_free[s] = sim_pool_free_pages((int)s);
#endif

	for (unsigned int op = 0; op < ops; op++) {
		unsigned int r = rand_below(100);

		maybe_arm_fault();
		if (n_live == MAX_LIVE || (n_live > 0 && r < 40))
			op_free();
		else if (n_live > 0 && r < 55)
			op_realloc(pg);
		else if (r < 65)
			op_memzone(pg);
		else if (r == 99 && rand_below(10) == 0)
			op_retain(pg);
		else
			op_alloc(pg, (int)rand_below(3));
		if (op % CHECK_EVERY == CHECK_EVERY - 1)
			checkpoint();
		else
			assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	}
	disarm_fault();
	checkpoint();
	while (n_live > 0) {
		op_free();
		assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	}
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);

	print_message("%u ops on %u socket(s), %zu KiB pages: %lu out of memory, "
		      "%lu memzones\n", ops, n_sockets, pg >> 10, n_failed, zone_serial);
#ifdef RTEMEM_HAL_sim
	print_message("%lu page maps\n", sim_fault_calls(SIM_OP_PAGE_MAP));
#endif
	get_all(&end);
	assert_same(&start, &end);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
#ifdef RTEMEM_HAL_sim
	for (unsigned int s = 0; s < n_sockets; s++)
		assert_int_equal(sim_pool_free_pages((int)s), pool_free[s]);
#else
	(void)pool_free;
#endif
}

static void test_random(void **state)
{
	const uint64_t *seed = *state;

	/* A quarter where each op costs many times more and finds nothing new:
	 * TSan (one thread), gcov at -O0, qemu-user. */
	if (RTETEST_TSAN || RTETEST_COVERAGE || rtetest_emulated())
		run(*seed, OPS_PER_RUN / 4);
	else
		run(*seed, OPS_PER_RUN);
}

static int teardown(void **state)
{
	(void)state;
	rte_eal_cleanup();
	return 0;
}

static int setup_2m(void **state)
{
	(void)state;
	/* On HAL=linux the machine's own pages: --sim options are dropped there. */
	return rtetest_boot("--sim=sockets=2,profile=4K/2M,pages=64,seed=7");
}

static int setup_32m(void **state)
{
	(void)state;
	return rtetest_boot("--sim=sockets=2,profile=16K/32M,pages=8,seed=11");
}

int main(void)
{
	static const uint64_t seed_a = 0x1234abcd5678ef01ULL, seed_b = 0x0badc0ffee15900dULL;
	const struct CMUnitTest t2m[] = {
		cmocka_unit_test_prestate(test_random, (void *)&seed_a),
	};
	const struct CMUnitTest t32m[] = {
		cmocka_unit_test_prestate(test_random, (void *)&seed_b),
	};
	int fails = 0;

	fails += rtetest_run_hugepage_group("random 4K/2M, 2 sockets", t2m, setup_2m, teardown);
	if (rtetest_hal_is_sim())
		fails += cmocka_run_group_tests_name("random 16K/32M, 2 sockets", t32m, setup_32m,
						     teardown);
	return fails;
}
