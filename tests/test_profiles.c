/* SPDX-License-Identifier: BSD-3-Clause
 * The memory stack on every simulated page profile (4K/2M, 16K/32M,
 * 64K/512M, 4K/1G), on one socket and on two: rte_malloc_socket of sizes
 * from one byte to a few hugepages at every alignment up to the hugepage
 * size, memzones per socket (IOVA-contiguous ones included), a socket run
 * dry, and every page back in its pool afterwards.
 *
 * One cmocka group per (profile, sockets); the group setup boots EAL on that
 * machine. Sim only: a real machine has the one profile it has.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "rtemem_heap.h"
#include "rtetest.h"
#ifdef RTEMEM_HAL_sim
#include "sim_machine.h"
#endif

/* Hugepages in each socket's pool: enough for a block of two hugepages and
 * a bit at hugepage alignment (four pages), with room to spare. */
#define POOL_PAGES 8
#define MAX_SOCKETS 2

static const struct profile {
	const char *name;
	size_t base;
	size_t huge;
} profiles[] = {
	{ "4K/2M", 4096, 2UL << 20 },
	{ "16K/32M", 16384, 32UL << 20 },
	{ "64K/512M", 65536, 512UL << 20 },
	{ "4K/1G", 4096, 1UL << 30 },
};

/* The machine the current group runs on. */
static const struct profile *prof;
static unsigned int sockets;
static unsigned int pool_start[MAX_SOCKETS];

static unsigned int pool_free(int socket)
{
#ifdef RTEMEM_HAL_sim
	return sim_pool_free_pages(socket);
#else
	RTE_SET_USED(socket);
	return 0;
#endif
}

static int count_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	unsigned int *per_socket = arg;

	RTE_SET_USED(msl);
	per_socket[ms->socket_id]++;
	return 0;
}

/* Every page of every socket is back in its pool, none left mapped, once
 * the heaps give back the free pages they retain (rtemem_heap.h). */
static void assert_all_pages_back(void)
{
	unsigned int mapped[RTE_MAX_NUMA_NODES] = { 0 };

	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);
	assert_int_equal(rte_memseg_walk(count_seg, mapped), 0);
	for (unsigned int s = 0; s < sockets; s++) {
		assert_int_equal(pool_free((int)s), pool_start[s]);
		assert_int_equal(mapped[s], POOL_PAGES - pool_start[s]);
	}
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
}

static int group_setup(void **state)
{
	char args[128];

	RTE_SET_USED(state);
	if (!rtetest_hal_is_sim())
		return 0; /* its tests skip */
	snprintf(args, sizeof(args), "--sim=profile=%s,sockets=%u,pages=%u", prof->name, sockets,
		 POOL_PAGES);
	if (rtetest_eal_init(args) < 0)
		return -1;
	/* What EAL itself keeps mapped (if anything) stays out of the counts. */
	for (unsigned int s = 0; s < sockets; s++)
		pool_start[s] = pool_free((int)s);
	return 0;
}

static int group_teardown(void **state)
{
	RTE_SET_USED(state);
	if (rtetest_hal_is_sim())
		rte_eal_cleanup();
	return 0;
}

/*
 * The bytes [p, p + len) lie in hugepages of the profile on socket, are
 * writable, and their IOVAs are the pool's physical addresses. Checked at
 * the start, at each hugepage boundary inside and at the last byte, as
 * writing a gigabyte a block would take a while.
 */
static void check_memory(void *p, size_t len, int socket)
{
	uint8_t *b = p;
	size_t first_boundary = RTE_PTR_DIFF(RTE_PTR_ALIGN_CEIL(b + 1, prof->huge), b);

	for (size_t off = 0; off < len;) {
		const struct rte_memseg *ms = rte_mem_virt2memseg(b + off, NULL);

		assert_non_null(ms);
		assert_int_equal(ms->socket_id, socket);
		assert_int_equal(ms->hugepage_sz, prof->huge);
		assert_int_equal(rte_mem_virt2memseg_list(b + off)->socket_id, socket);
#ifdef RTEMEM_HAL_sim
		assert_int_equal(rte_mem_virt2iova(b + off), sim_pool_virt2phys(b + off));
#endif
		b[off] = (uint8_t)(off ^ 0xA5);
		assert_int_equal(b[off], (uint8_t)(off ^ 0xA5));
		if (off == len - 1)
			break;
		off = off == 0 ? first_boundary : off + prof->huge;
		if (off >= len)
			off = len - 1;
	}
	if (len <= 65536) {
		memset(p, 0x3C, len);
		for (size_t i = 0; i < len; i++)
			assert_int_equal(b[i], 0x3C);
	}
}

/* Sizes from a byte to a little over two hugepages. */
static size_t block_sizes(size_t *out)
{
	const size_t hp = prof->huge;
	size_t n = 0;

	out[n++] = 1;
	out[n++] = 7;
	out[n++] = 64;
	out[n++] = 100;
	out[n++] = 4095;
	out[n++] = 4096;
	out[n++] = prof->base + 1;
	out[n++] = hp / 4;
	out[n++] = hp / 2 - 1;
	out[n++] = hp - 128;
	out[n++] = hp;
	out[n++] = hp + 1;
	out[n++] = 2 * hp + 5;
	return n;
}

/* Too big to be worth it where rte_free poisons every byte it frees. */
static bool too_big_for_this_build(size_t size)
{
#ifdef RTE_MALLOC_DEBUG
	return size > (8UL << 20);
#else
	RTE_SET_USED(size);
	return false;
#endif
}

static void test_malloc_every_size_and_alignment(void **state)
{
	size_t sizes[16];
	size_t n = block_sizes(sizes);

	RTE_SET_USED(state);
	if (!rtetest_hal_is_sim())
		skip();
	for (unsigned int s = 0; s < sockets; s++) {
		/* Keeps a page mapped, so that small blocks come from it instead of
		 * each mapping and unmapping a page of its own (cheap here, slow
		 * under qemu-user, which books every base page of a mapping). */
		void *anchor = rte_malloc_socket("anchor", 64, 0, (int)s);

		assert_non_null(anchor);
		for (size_t i = 0; i < n; i++) {
			if (too_big_for_this_build(sizes[i]))
				continue;
			/* 0 asks for the default (cache line) alignment. */
			for (size_t align = 0; align <= prof->huge; align = align ? align * 2 : 1) {
				void *p = rte_malloc_socket("profile", sizes[i], (unsigned int)align,
							    (int)s);

				if (p == NULL)
					fail_msg("socket %u: %zu bytes at alignment %zu: %s", s,
						 sizes[i], align, rte_strerror(rte_errno));
				assert_int_equal((uintptr_t)p % (align ? align : RTE_CACHE_LINE_SIZE),
						 0);
				check_memory(p, sizes[i], (int)s);
				rte_free(p);
			}
		}
		rte_free(anchor);
		assert_all_pages_back();
	}
}

/* The socket after the last one has no memory to give. */
static void test_missing_socket(void **state)
{
	RTE_SET_USED(state);
	if (!rtetest_hal_is_sim())
		skip();
	assert_null(rte_malloc_socket("profile", 64, 0, (int)sockets));
	assert_null(rte_memzone_reserve("pz_nowhere", 64, (int)sockets, 0));
	assert_null(rte_memzone_lookup("pz_nowhere"));
	assert_all_pages_back();
}

struct zone_count {
	unsigned int per_socket[MAX_SOCKETS];
};

static void count_zone(const struct rte_memzone *mz, void *arg)
{
	struct zone_count *c = arg;

	if (strncmp(mz->name, "pz_", 3) == 0 && mz->socket_id >= 0 && mz->socket_id < MAX_SOCKETS)
		c->per_socket[mz->socket_id]++;
}

static void check_zone(const struct rte_memzone *mz, const char *name, size_t len, int socket,
		       size_t align)
{
	assert_non_null(mz);
	assert_string_equal(mz->name, name);
	assert_ptr_equal(rte_memzone_lookup(name), mz);
	assert_true(mz->len >= len);
	assert_int_equal(mz->socket_id, socket);
	assert_int_equal(mz->hugepage_sz, prof->huge);
	assert_int_equal((uintptr_t)mz->addr % align, 0);
	assert_int_equal(mz->iova, rte_mem_virt2iova(mz->addr));
	check_memory(mz->addr, mz->len, socket);
}

static void test_memzones_per_socket(void **state)
{
	size_t sizes[16];
	size_t n = block_sizes(sizes);
	const size_t aligns[] = { RTE_CACHE_LINE_SIZE, prof->base, prof->huge };
	const struct rte_memzone *keep[MAX_SOCKETS];
	struct zone_count count = { { 0 } };
	char name[RTE_MEMZONE_NAMESIZE];

	RTE_SET_USED(state);
	if (!rtetest_hal_is_sim())
		skip();
	/* One zone per socket stays while the others come and go. */
	for (unsigned int s = 0; s < sockets; s++) {
		snprintf(name, sizeof(name), "pz_keep_%u", s);
		keep[s] = rte_memzone_reserve(name, 1000, (int)s, 0);
		check_zone(keep[s], name, 1000, (int)s, RTE_CACHE_LINE_SIZE);
	}
	rte_memzone_walk(count_zone, &count);
	for (unsigned int s = 0; s < sockets; s++)
		assert_int_equal(count.per_socket[s], 1);

	for (unsigned int s = 0; s < sockets; s++) {
		for (size_t i = 0; i < n; i++) {
			if (too_big_for_this_build(sizes[i]))
				continue;
			for (size_t a = 0; a < RTE_DIM(aligns); a++) {
				const struct rte_memzone *mz;

				/* each below 256: the name fits RTE_MEMZONE_NAMESIZE */
				snprintf(name, sizeof(name), "pz_%u_%u_%u", (uint8_t)s, (uint8_t)i,
					 (uint8_t)a);
				mz = rte_memzone_reserve_aligned(name, sizes[i], (int)s, 0,
								 (unsigned int)aligns[a]);
				if (mz == NULL)
					fail_msg("socket %u: zone of %zu bytes at %zu: %s", s,
						 sizes[i], aligns[a], rte_strerror(rte_errno));
				check_zone(mz, name, sizes[i], (int)s, aligns[a]);
				assert_int_equal(rte_memzone_free(mz), 0);
				assert_null(rte_memzone_lookup(name));
			}
		}
	}
	for (unsigned int s = 0; s < sockets; s++)
		assert_int_equal(rte_memzone_free(keep[s]), 0);
	assert_all_pages_back();
}

/* Every IOVA of the zone follows from its first one: checked on both sides
 * of each hugepage boundary inside it, and at its last byte. */
static void assert_iova_contiguous(const struct rte_memzone *mz)
{
	const uint8_t *b = mz->addr;
	size_t off = RTE_PTR_DIFF(RTE_PTR_ALIGN_CEIL(b + 1, prof->huge), b);

	for (; off < mz->len; off += prof->huge) {
		assert_int_equal(rte_mem_virt2iova(b + off - 1), mz->iova + off - 1);
		assert_int_equal(rte_mem_virt2iova(b + off), mz->iova + off);
	}
	assert_int_equal(rte_mem_virt2iova(b + mz->len - 1), mz->iova + mz->len - 1);
}

/*
 * IOVA-contiguous zones. Up to half a hugepage they always fit in one page;
 * larger ones need pages whose shuffled physical addresses happen to follow
 * each other, so they either come back contiguous or fail with ENOMEM and
 * leave every pool as it was.
 */
static void test_iova_contig_zones(void **state)
{
	const size_t lens[] = { 64, prof->base, prof->huge / 2, prof->huge - 256, prof->huge + 1,
				2 * prof->huge };

	RTE_SET_USED(state);
	if (!rtetest_hal_is_sim())
		skip();
	for (unsigned int s = 0; s < sockets; s++) {
		for (size_t i = 0; i < RTE_DIM(lens); i++) {
			const struct rte_memzone *mz;
			char name[RTE_MEMZONE_NAMESIZE];

			if (too_big_for_this_build(lens[i]))
				continue;
			snprintf(name, sizeof(name), "pz_contig_%u_%zu", s, i);
			mz = rte_memzone_reserve(name, lens[i], (int)s, RTE_MEMZONE_IOVA_CONTIG);
			if (mz == NULL) {
				print_message("%s: no %zu IOVA-contiguous bytes on socket %u\n",
					      prof->name, lens[i], s);
				assert_true(lens[i] > prof->huge / 2);
				assert_int_equal(rte_errno, ENOMEM);
				assert_all_pages_back();
				continue;
			}
			check_zone(mz, name, lens[i], (int)s, RTE_CACHE_LINE_SIZE);
			assert_iova_contiguous(mz);
			assert_int_equal(rte_memzone_free(mz), 0);
		}
		assert_all_pages_back();
	}
}

/*
 * Half-hugepage blocks on one socket until it has no page left: the other
 * socket's pool is not touched, and freeing gives every page back.
 */
static void test_socket_runs_dry_alone(void **state)
{
	enum { MAX_BLOCKS = 4 * POOL_PAGES };
	void *blocks[MAX_BLOCKS];
	const size_t size = prof->huge / 2;

	RTE_SET_USED(state);
	if (!rtetest_hal_is_sim() || too_big_for_this_build(size))
		skip();
	for (unsigned int s = 0; s < sockets; s++) {
		unsigned int n = 0;

		while (n < MAX_BLOCKS) {
			blocks[n] = rte_malloc_socket("dry", size, 0, (int)s);
			if (blocks[n] == NULL)
				break;
			check_memory(blocks[n], size, (int)s);
			n++;
		}
		assert_true(n < MAX_BLOCKS);
		assert_int_equal(rte_errno, ENOMEM);
		/* Each page holds at least one block; the pool is empty. */
		assert_true(n >= pool_start[s]);
		assert_int_equal(pool_free((int)s), 0);
		for (unsigned int o = 0; o < sockets; o++)
			if (o != s)
				assert_int_equal(pool_free((int)o), pool_start[o]);
		for (unsigned int i = 0; i < n; i++)
			rte_free(blocks[i]);
		assert_all_pages_back();
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_malloc_every_size_and_alignment),
		cmocka_unit_test(test_missing_socket),
		cmocka_unit_test(test_memzones_per_socket),
		cmocka_unit_test(test_iova_contig_zones),
		cmocka_unit_test(test_socket_runs_dry_alone),
	};
	int failed = 0;

	for (size_t p = 0; p < RTE_DIM(profiles); p++) {
		for (sockets = 1; sockets <= MAX_SOCKETS; sockets++) {
			char group[64];

			prof = &profiles[p];
			snprintf(group, sizeof(group), "profile %s, %u socket%s", prof->name, sockets,
				 sockets > 1 ? "s" : "");
			failed += cmocka_run_group_tests_name(group, tests, group_setup,
							      group_teardown);
			/* On a real machine one group of skips says it all. */
			if (!rtetest_hal_is_sim())
				return failed;
		}
	}
	return failed;
}
