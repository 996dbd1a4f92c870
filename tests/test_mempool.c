/* SPDX-License-Identifier: BSD-3-Clause
 * rte_mempool: layout and IO contiguity of every object, exact counts
 * through gets/puts, the per-lcore cache (refill, flush threshold, flush),
 * drivers, callbacks, lookup/walk/dump, bad input leaving nothing behind,
 * and a two-lcore stress moving 10 million objects through the caches.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "rtetest.h"
#ifdef RTEMEM_HAL_sim
#include "sim_machine.h"
#endif

#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
#define RTETEST_MEMPOOL_DEBUG 1
#else
#define RTETEST_MEMPOOL_DEBUG 0
#endif

/* ThreadSanitizer checks every access, some 20x slower: fewer objects,
 * still thousands of hand-overs between the two lcores. */
#define STRESS_OBJECTS (RTETEST_TSAN ? 200u * 1000 : 10u * 1000 * 1000)

static int setup(void **state)
{
	(void)state;
	return rtetest_boot("-l 0-1");
}

static int teardown(void **state)
{
	(void)state;
	return rte_eal_cleanup();
}

static void count_zone(const struct rte_memzone *mz, void *arg)
{
	(void)mz;
	(*(unsigned int *)arg)++;
}

static unsigned int memzone_count(void)
{
	unsigned int n = 0;

	rte_memzone_walk(count_zone, &n);
	return n;
}

static void check_counts(const struct rte_mempool *mp, unsigned int in_use)
{
	assert_int_equal(rte_mempool_in_use_count(mp), in_use);
	assert_int_equal(rte_mempool_avail_count(mp), mp->size - in_use);
	assert_int_equal(rte_mempool_avail_count(mp) + rte_mempool_in_use_count(mp), mp->size);
	assert_int_equal(rte_mempool_full(mp), in_use == 0);
	assert_int_equal(rte_mempool_empty(mp), in_use == mp->size);
}

static void test_create_lookup_free(void **state)
{
	const unsigned int zones = memzone_count();
	struct rte_mempool *mp;
	struct rte_mempool_objsz sz;

	(void)state;
	mp = rte_mempool_create("mp_basic", 1000, 100, 32, 40, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_string_equal(mp->name, "mp_basic");
	assert_int_equal(mp->size, 1000);
	assert_int_equal(mp->populated_size, 1000);
	assert_int_equal(mp->cache_size, 32);
	assert_int_equal(mp->elt_size, 104); /* rounded to 8 */
	assert_int_equal(mp->header_size, 64);
	assert_int_equal((mp->header_size + mp->elt_size + mp->trailer_size) % 64, 0);
	assert_int_equal(rte_mempool_calc_obj_size(100, 0, &sz), 192);
	assert_int_equal(sz.header_size, 64);
	assert_int_equal(sz.trailer_size, 24);
	/* Debug builds add the trailer cookie. */
	assert_int_equal(rte_mempool_calc_obj_size(100, RTE_MEMPOOL_F_NO_CACHE_ALIGN, &sz),
			 sizeof(struct rte_mempool_objhdr) + 104 + (RTETEST_MEMPOOL_DEBUG ? 8 : 0));
	assert_int_equal(mp->private_data_size, 64); /* 40 rounded to a cache line */
	assert_true(rte_is_aligned(rte_mempool_get_priv(mp), RTE_CACHE_LINE_SIZE));
	assert_string_equal(rte_mempool_get_ops(mp->ops_index)->name, "ring_mp_mc");
	check_counts(mp, 0);

	assert_ptr_equal(rte_mempool_lookup("mp_basic"), mp);
	assert_non_null(rte_memzone_lookup("MP_mp_basic"));
	assert_ptr_equal(rte_ring_lookup("MP_mp_basic"), mp->pool_data);
	assert_int_equal(rte_ring_get_capacity(mp->pool_data), 1000);
	assert_true(memzone_count() >= zones + 3); /* pool, ring, one or more chunks */

	rte_mempool_free(mp);
	rte_errno = 0;
	assert_null(rte_mempool_lookup("mp_basic"));
	assert_int_equal(rte_errno, ENOENT);
	assert_null(rte_ring_lookup("MP_mp_basic"));
	assert_int_equal(memzone_count(), zones);
	rte_mempool_free(NULL);
}

/* Every object: header right before it, owned by mp, IO address that holds
 * over its whole length even where it straddles a page boundary. */
struct iova_check {
	uint64_t pg_sz;
	unsigned int objects;
	unsigned int straddling;
	unsigned int bad;
	uintptr_t *addrs;
};

static void check_obj_iova(struct rte_mempool *mp, void *opaque, void *obj, unsigned int idx)
{
	struct iova_check *c = opaque;
	struct rte_mempool_objhdr *hdr = rte_mempool_get_header(obj);
	const size_t len = mp->elt_size + mp->trailer_size;
	const rte_iova_t iova = rte_mempool_virt2iova(obj);
	char *p = obj;

	c->addrs[idx] = (uintptr_t)obj;
	c->objects++;
	if (hdr->mp != mp || rte_mempool_from_obj(obj) != mp || idx != c->objects - 1)
		c->bad++;
	if (iova == RTE_BAD_IOVA || iova != rte_mem_virt2iova(obj))
		c->bad++;
	/* Each page boundary inside the object, and its last byte. */
	for (char *pg = RTE_PTR_ALIGN_CEIL(p + 1, c->pg_sz); pg < p + len; pg += c->pg_sz) {
		c->straddling++;
		if (rte_mem_virt2iova(pg) != iova + (rte_iova_t)(pg - p))
			c->bad++;
	}
	if (rte_mem_virt2iova(p + len - 1) != iova + len - 1)
		c->bad++;
}

static int cmp_uintptr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return x < y ? -1 : x > y;
}

/* Returns how many page boundaries fall inside objects. */
static unsigned int check_pool_iova(struct rte_mempool *mp)
{
	struct iova_check c = { 0 };
	const struct rte_memseg *ms;
	const size_t total = mp->header_size + mp->elt_size + mp->trailer_size;

	c.addrs = calloc(mp->size, sizeof(*c.addrs));
	assert_non_null(c.addrs);
	ms = rte_mem_virt2memseg(mp->mz->addr, NULL);
	assert_non_null(ms);
	c.pg_sz = ms->hugepage_sz;
	assert_int_equal(rte_mempool_obj_iter(mp, check_obj_iova, &c), mp->size);
	assert_int_equal(c.objects, mp->size);
	assert_int_equal(c.bad, 0);
	/* No two objects overlap. */
	qsort(c.addrs, mp->size, sizeof(*c.addrs), cmp_uintptr);
	for (unsigned int i = 1; i < mp->size; i++)
		assert_true(c.addrs[i] - c.addrs[i - 1] >= total);
	free(c.addrs);
	return c.straddling;
}

static void test_every_object_iova_contiguous(void **state)
{
	struct rte_mempool *mp;

	(void)state;
	/* mbuf-sized objects over ~5 pages of shuffled physical memory. */
	mp = rte_mempool_create("mp_iova", 4000, 2304, 0, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	check_pool_iova(mp);
	rte_mempool_free(mp);

	/* Small objects, no cache alignment. */
	mp = rte_mempool_create("mp_iova_small", 20000, 40, 0, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, RTE_MEMPOOL_F_NO_CACHE_ALIGN);
	assert_non_null(mp);
	check_pool_iova(mp);
	rte_mempool_free(mp);
}

/*
 * With IOVA as VA every page continues the previous one, yet (as DPDK's
 * default populate) no object smaller than a page straddles a page
 * boundary: calc_mem_size counts on it.
 */
static void test_no_straddle_when_contiguous(void **state)
{
	struct rte_mempool *mp;

	(void)state;
	assert_int_equal(rte_eal_cleanup(), 0);
	assert_int_equal(rtetest_boot("-l 0-1 --iova-mode=va"), 0);
	assert_int_equal(rte_eal_iova_mode(), RTE_IOVA_VA);
	mp = rte_mempool_create("mp_va", 4000, 2304, 0, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(check_pool_iova(mp), 0);
	rte_mempool_free(mp);
	assert_int_equal(rte_eal_cleanup(), 0);
	assert_int_equal(rtetest_boot("-l 0-1"), 0);
}

/*
 * Objects bigger than a page need IO-contiguous memory of their own. In PA
 * mode the sim machine rarely has it (shuffled pages): then ENOMEM and
 * nothing left behind; in VA mode it always works.
 */
static void test_objects_bigger_than_a_page(void **state)
{
	const unsigned int zones = memzone_count();
	struct rte_mempool *mp;

	(void)state;
	mp = rte_mempool_create("mp_big_pa", 3, 3u << 20, 0, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	if (mp != NULL) {
		check_pool_iova(mp);
		rte_mempool_free(mp);
	} else {
		assert_int_equal(rte_errno, ENOMEM);
	}
	assert_int_equal(memzone_count(), zones);

	assert_int_equal(rte_eal_cleanup(), 0);
	assert_int_equal(rtetest_boot("-l 0-1 --iova-mode=va"), 0);
	mp = rte_mempool_create("mp_big_va", 3, 3u << 20, 0, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_true(check_pool_iova(mp) >= 3); /* each object spans a page boundary */
	rte_mempool_free(mp);
	assert_int_equal(rte_eal_cleanup(), 0);
	assert_int_equal(rtetest_boot("-l 0-1"), 0);
}

/* The other page geometries of the sim machine. */
static void test_profiles(void **state)
{
	static const char *const profiles[] = {
		"profile=16K/32M,pages=8", "profile=64K/512M,pages=2", "profile=4K/1G,pages=2",
	};
	char args[128];

	(void)state;
	if (!rtetest_hal_is_sim())
		skip();
	for (unsigned int i = 0; i < RTE_DIM(profiles); i++) {
		struct rte_mempool *mp;

		assert_int_equal(rte_eal_cleanup(), 0);
		snprintf(args, sizeof(args), "-l 0-1 --sim=%s", profiles[i]);
		assert_int_equal(rtetest_boot(args), 0);
		mp = rte_mempool_create("mp_profile", 20000, 2304, 64, 0, NULL, NULL, NULL, NULL,
					SOCKET_ID_ANY, 0);
		assert_non_null(mp);
		check_pool_iova(mp);
		check_counts(mp, 0);
		rte_mempool_free(mp);
	}
	assert_int_equal(rte_eal_cleanup(), 0);
	assert_int_equal(rtetest_boot("-l 0-1"), 0);
}

static unsigned int chunk_frees;

static void free_chunk_zone(struct rte_mempool_memhdr *memhdr, void *opaque)
{
	(void)memhdr;
	chunk_frees++;
	assert_int_equal(rte_memzone_free(opaque), 0);
}

static void check_iova_offset(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	const struct rte_memzone *mz = arg;

	(void)mp, (void)idx;
	assert_int_equal(rte_mempool_virt2iova(obj),
			 mz->iova + (rte_iova_t)((char *)obj - (char *)mz->addr));
}

/* Pools on memory the caller reserved: an IO-contiguous zone, then pages. */
static void test_populate_iova_and_virt(void **state)
{
	const unsigned int zones = memzone_count();
	const struct rte_memzone *mz, *mz1, *mz2;
	struct rte_mempool_objsz sz;
	struct rte_mempool *mp;
	const struct rte_memseg *ms;
	void *obj;
	int n1, n2;

	(void)state;
	rte_mempool_calc_obj_size(64, 0, &sz);

	/* IO-contiguous zone for exactly 100 objects. */
	mp = rte_mempool_create_empty("mp_user", 100, 64, 0, 0, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	mz = rte_memzone_reserve_aligned("user_chunk", 100 * sz.total_size, SOCKET_ID_ANY,
					 RTE_MEMZONE_IOVA_CONTIG, RTE_CACHE_LINE_SIZE);
	assert_non_null(mz);
	/* Too small for one object: 0 and nothing recorded. */
	assert_int_equal(rte_mempool_populate_iova(mp, mz->addr, mz->iova, 10, NULL, NULL), 0);
	assert_int_equal(mp->nb_mem_chunks, 0);
	assert_int_equal(mp->flags & RTE_MEMPOOL_F_POOL_CREATED, 0);
	assert_int_equal(rte_mempool_populate_iova(mp, mz->addr, mz->iova, mz->len,
						   free_chunk_zone, (void *)(uintptr_t)mz), 100);
	assert_int_equal(rte_mempool_populate_iova(mp, mz->addr, mz->iova, mz->len, NULL, NULL),
			 -ENOSPC);
	assert_int_equal(rte_mempool_populate_default(mp), -EEXIST);
	assert_int_equal(mp->nb_mem_chunks, 1);
	check_counts(mp, 0);
	rte_mempool_obj_iter(mp, check_iova_offset, (void *)(uintptr_t)mz);
	check_pool_iova(mp);
	assert_int_equal(rte_mempool_get(mp, &obj), 0);
	assert_true((char *)obj >= (char *)mz->addr && (char *)obj < (char *)mz->addr + mz->len);
	rte_mempool_put(mp, obj);
	chunk_frees = 0;
	rte_mempool_free(mp);
	assert_int_equal(chunk_frees, 1);
	assert_int_equal(memzone_count(), zones);

	/* Two plain zones, objects kept within IO-contiguous runs of pages. */
	mp = rte_mempool_create_empty("mp_virt", 1000, 64, 0, 0, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	mz1 = rte_memzone_reserve("virt1", 400 * sz.total_size, SOCKET_ID_ANY, 0);
	mz2 = rte_memzone_reserve("virt2", 1000 * sz.total_size, SOCKET_ID_ANY, 0);
	assert_non_null(mz1);
	assert_non_null(mz2);
	ms = rte_mem_virt2memseg(mz1->addr, NULL);
	assert_non_null(ms);
	assert_int_equal(rte_mempool_populate_virt(mp, mz1->addr, mz1->len, 3, NULL, NULL),
			 -EINVAL); /* not a page size */
	n1 = rte_mempool_populate_virt(mp, mz1->addr, mz1->len, ms->hugepage_sz, free_chunk_zone,
				       (void *)(uintptr_t)mz1);
	assert_true(n1 >= 390 && n1 <= 400);
	n2 = rte_mempool_populate_virt(mp, mz2->addr, mz2->len, ms->hugepage_sz, free_chunk_zone,
				       (void *)(uintptr_t)mz2);
	assert_int_equal(n1 + n2, 1000);
	assert_int_equal(mp->nb_mem_chunks, 2);
	check_counts(mp, 0);
	check_pool_iova(mp);
	chunk_frees = 0;
	rte_mempool_free(mp);
	assert_int_equal(chunk_frees, 2);
	assert_int_equal(memzone_count(), zones);
}

/* Objects that do not need IO addresses get RTE_BAD_IOVA. */
static void test_no_iova_contig(void **state)
{
	const struct rte_memzone *mz;
	struct rte_mempool *mp;
	void *obj;

	(void)state;
	mp = rte_mempool_create("mp_noiova", 100, 64, 0, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, RTE_MEMPOOL_F_NO_IOVA_CONTIG);
	assert_non_null(mp);
	assert_int_equal(rte_mempool_get(mp, &obj), 0);
	assert_int_equal(rte_mempool_virt2iova(obj), RTE_BAD_IOVA);
	rte_mempool_put(mp, obj);
	rte_mempool_free(mp);

	/* Even given an IO address, as DPDK: the pool said it needs none. */
	mz = rte_memzone_reserve_aligned("noiova_chunk", 64 * 1024, SOCKET_ID_ANY,
					 RTE_MEMZONE_IOVA_CONTIG, RTE_CACHE_LINE_SIZE);
	assert_non_null(mz);
	mp = rte_mempool_create_empty("mp_noiova2", 10, 64, 0, 0, SOCKET_ID_ANY,
				      RTE_MEMPOOL_F_NO_IOVA_CONTIG);
	assert_non_null(mp);
	assert_int_equal(rte_mempool_populate_iova(mp, mz->addr, mz->iova, mz->len, NULL, NULL),
			 10);
	assert_int_equal(STAILQ_FIRST(&mp->mem_list)->iova, RTE_BAD_IOVA);
	assert_int_equal(rte_mempool_get(mp, &obj), 0);
	assert_int_equal(rte_mempool_virt2iova(obj), RTE_BAD_IOVA);
	rte_mempool_put(mp, obj);
	rte_mempool_free(mp);
	rte_memzone_free(mz);
}

static void test_get_put_counts(void **state)
{
	static void *objs[1001];
	struct rte_mempool *mp;

	(void)state;
	mp = rte_mempool_create("mp_counts", 1000, 64, 16, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(rte_mempool_get_bulk(mp, objs, 10), 0);
	check_counts(mp, 10);
	assert_int_equal(rte_mempool_get(mp, &objs[10]), 0);
	check_counts(mp, 11);
	rte_mempool_put_bulk(mp, objs, 11);
	check_counts(mp, 0);

	/* Everything, then one too many. The cached objects count: 11 from the
	 * cache (the put of 11 onto 15 crossed the threshold of 24), the other
	 * 989 from the pool, as DPDK 22.11 (this failed with -ENOENT while
	 * rtemem served big gets from the pool alone). */
	assert_int_equal(rte_mempool_default_cache(mp, rte_lcore_id())->len, 11);
	assert_int_equal(rte_mempool_get_bulk(mp, objs, 1000), 0);
	check_counts(mp, 1000);
	assert_int_equal(rte_mempool_get(mp, &objs[1000]), -ENOENT);
	assert_int_equal(rte_mempool_get_bulk(mp, &objs[1000], 1), -ENOENT);
	check_counts(mp, 1000);
	/* All distinct. */
	qsort(objs, 1000, sizeof(objs[0]), cmp_uintptr);
	for (unsigned int i = 1; i < 1000; i++)
		assert_ptr_not_equal(objs[i], objs[i - 1]);
	for (unsigned int i = 0; i < 1000; i++)
		rte_mempool_put(mp, objs[i]);
	check_counts(mp, 0);

	/* Zero objects: success, nothing moves (with and without a cache). */
	assert_int_equal(rte_mempool_get_bulk(mp, objs, 0), 0);
	assert_int_equal(rte_mempool_generic_get(mp, objs, 0, NULL), 0);
	rte_mempool_generic_put(mp, objs, 0, NULL);
	check_counts(mp, 0);

	/* A bulk get that cannot be served takes nothing. */
	rte_mempool_cache_flush(NULL, mp);
	assert_int_equal(rte_mempool_get_bulk(mp, objs, 999), 0);
	assert_int_equal(rte_mempool_get_bulk(mp, &objs[999], 2), -ENOENT);
	check_counts(mp, 999);
	rte_mempool_put_bulk(mp, objs, 999);
	check_counts(mp, 0);
	rte_mempool_free(mp);
}

static unsigned int ring_count(const struct rte_mempool *mp)
{
	return rte_mempool_ops_get_count(mp);
}

static void test_cache_behaviour(void **state)
{
	struct rte_mempool_cache *cache;
	struct rte_mempool *mp;
	void *objs[100];

	(void)state;
	mp = rte_mempool_create("mp_cache", 1000, 64, 32, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	cache = rte_mempool_default_cache(mp, rte_lcore_id());
	assert_non_null(cache);
	assert_ptr_equal(cache, &mp->local_cache[rte_lcore_id()]);
	assert_null(rte_mempool_default_cache(mp, LCORE_ID_ANY));
	assert_int_equal(cache->size, 32);
	assert_int_equal(cache->flushthresh, 48);
	assert_int_equal(cache->len, 0);
	assert_int_equal(ring_count(mp), 1000);

	/* A miss refills the cache to its size on top of what is served. */
	assert_int_equal(rte_mempool_get(mp, &objs[0]), 0);
	assert_int_equal(cache->len, 32);
	assert_int_equal(ring_count(mp), 1000 - 33);
	check_counts(mp, 1);
	/* A hit takes from the cache only (the most recent first). */
	assert_int_equal(rte_mempool_get_bulk(mp, &objs[1], 20), 0);
	assert_int_equal(cache->len, 12);
	assert_int_equal(ring_count(mp), 967);
	check_counts(mp, 21);
	/* Puts go into the cache... */
	rte_mempool_put_bulk(mp, objs, 21);
	assert_int_equal(cache->len, 33);
	assert_int_equal(ring_count(mp), 967);
	check_counts(mp, 0);
	/* ... LIFO: the last one put is the next one got. */
	assert_int_equal(rte_mempool_get(mp, &objs[50]), 0);
	assert_ptr_equal(objs[50], objs[20]);
	rte_mempool_put(mp, objs[50]);

	/* More than the cache holds (DPDK 22.11): all 33 cached objects, the
	 * warmest first, then 7 more from a refill of 32 + 7. */
	void *cached[33];

	memcpy(cached, &cache->objs[0], sizeof(cached));
	memset(objs, 0xa5, sizeof(objs));
	assert_int_equal(rte_mempool_get_bulk(mp, objs, 40), 0);
	for (int i = 0; i < 33; i++)
		assert_ptr_equal(objs[i], cached[32 - i]);
	assert_int_equal(cache->len, 32);
	assert_int_equal(ring_count(mp), 967 - 39);
	check_counts(mp, 40);
	/* Crossing the flush threshold (32 + 40 > 48) hands the cache back first. */
	rte_mempool_put_bulk(mp, objs, 40);
	assert_int_equal(cache->len, 40);
	assert_int_equal(ring_count(mp), 928 + 32);
	check_counts(mp, 0);
	/* A put above the threshold goes straight to the pool. */
	assert_int_equal(rte_mempool_get_bulk(mp, objs, 60), 0);
	assert_int_equal(cache->len, 32);
	assert_int_equal(ring_count(mp), 960 - (32 + 20));
	rte_mempool_put_bulk(mp, objs, 60);
	assert_int_equal(cache->len, 32);
	assert_int_equal(ring_count(mp), 968);

	rte_mempool_cache_flush(NULL, mp);
	assert_int_equal(cache->len, 0);
	assert_int_equal(ring_count(mp), 1000);
	check_counts(mp, 0);

	/* An application-owned cache. */
	struct rte_mempool_cache *own = rte_mempool_cache_create(16, SOCKET_ID_ANY);

	assert_non_null(own);
	assert_int_equal(rte_mempool_generic_get(mp, objs, 4, own), 0);
	assert_int_equal(own->len, 16);
	assert_int_equal(ring_count(mp), 1000 - 20);
	rte_mempool_generic_put(mp, objs, 4, own);
	assert_int_equal(own->len, 20);
	rte_mempool_cache_flush(own, mp);
	assert_int_equal(ring_count(mp), 1000);
	rte_mempool_cache_free(own);
	assert_null(rte_mempool_cache_create(0, SOCKET_ID_ANY));
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_null(rte_mempool_cache_create(RTE_MEMPOOL_CACHE_MAX_SIZE + 1, SOCKET_ID_ANY));
	assert_int_equal(rte_errno, EINVAL);
	/* DPDK 22.11 refuses only more than RTE_MEMPOOL_CACHE_MAX_SIZE */
	own = rte_mempool_cache_create(RTE_MEMPOOL_CACHE_MAX_SIZE, SOCKET_ID_ANY);
	assert_non_null(own);
	assert_int_equal(own->size, RTE_MEMPOOL_CACHE_MAX_SIZE);
	assert_int_equal(own->len, 0);
	rte_mempool_cache_free(own);
	rte_mempool_free(mp);
}

/*
 * rte_mempool_default_cache: NULL for a pool made with cache_size 0 (its
 * puts go straight to the driver), the lcore's cache for any other size,
 * 1 included (flush threshold 1 * 3 / 2 = 1, as DPDK 22.11).
 */
static void test_default_cache_by_size(void **state)
{
	struct rte_mempool_cache *cache;
	struct rte_mempool *none, *one;
	void *obj = NULL;

	(void)state;
	none = rte_mempool_create("mp_cache0", 64, 64, 0, 0, NULL, NULL, NULL, NULL,
				  SOCKET_ID_ANY, 0);
	one = rte_mempool_create("mp_cache1", 64, 64, 1, 0, NULL, NULL, NULL, NULL,
				 SOCKET_ID_ANY, 0);
	assert_non_null(none);
	assert_non_null(one);
	assert_null(rte_mempool_default_cache(none, rte_lcore_id()));
	assert_int_equal(rte_mempool_get(none, &obj), 0);
	rte_mempool_put(none, obj);
	assert_int_equal(ring_count(none), 64);
	rte_mempool_cache_flush(NULL, none); /* no cache to flush: nothing happens */
	assert_int_equal(ring_count(none), 64);

	cache = rte_mempool_default_cache(one, rte_lcore_id());
	assert_non_null(cache);
	/* Every lcore id below RTE_MAX_LCORE has a cache, none from it up. */
	assert_ptr_equal(rte_mempool_default_cache(one, RTE_MAX_LCORE - 1),
			 &one->local_cache[RTE_MAX_LCORE - 1]);
	assert_null(rte_mempool_default_cache(one, RTE_MAX_LCORE));
	assert_null(rte_mempool_default_cache(one, LCORE_ID_ANY));
	assert_int_equal(cache->size, 1);
	assert_int_equal(cache->flushthresh, 1);
	assert_int_equal(rte_mempool_get(one, &obj), 0);
	rte_mempool_put(one, obj);
	assert_int_equal(cache->len, 1);
	assert_int_equal(ring_count(one), 63);
	rte_mempool_free(none);
	rte_mempool_free(one);
}

/*
 * DPDK 22.11's cache policy at each boundary, cache size 32 (flush
 * threshold 48 = 1.5 x 32). A put that keeps len + n <= 48 only fills
 * the cache; one past it first hands the whole cache to the pool; one of
 * more than 48 objects goes to the pool. A get takes the cache first; the
 * rest comes with a refill to the cache's size, or without one when the
 * pool cannot give that much, and fails only when cache and pool together
 * hold too few, taking nothing.
 */
static void test_cache_policy_boundaries(void **state)
{
	static void *objs[100], *keep[1200];
	struct rte_mempool_cache *cache;
	struct rte_mempool *mp;

	(void)state;
	mp = rte_mempool_create("mp_bound", 1200, 64, 32, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	cache = rte_mempool_default_cache(mp, rte_lcore_id());
	assert_int_equal(cache->flushthresh, 48);

	/* put: up to the threshold only fills the cache */
	assert_int_equal(rte_mempool_generic_get(mp, objs, 100, NULL), 0);
	rte_mempool_put_bulk(mp, objs, 47);
	assert_int_equal(cache->len, 47);
	rte_mempool_put_bulk(mp, &objs[47], 1);
	assert_int_equal(cache->len, 48);
	assert_int_equal(ring_count(mp), 1100);
	/* one past it: the 48 go to the pool, the new one stays */
	rte_mempool_put_bulk(mp, &objs[48], 1);
	assert_int_equal(cache->len, 1);
	assert_int_equal(ring_count(mp), 1148);
	rte_mempool_put_bulk(mp, &objs[49], 47);
	assert_int_equal(cache->len, 48);
	rte_mempool_put_bulk(mp, &objs[96], 4);
	assert_int_equal(cache->len, 4);
	assert_int_equal(ring_count(mp), 1196);
	/* 49 objects, more than the threshold: to the pool, cache untouched */
	assert_int_equal(rte_mempool_generic_get(mp, objs, 49, NULL), 0);
	rte_mempool_put_bulk(mp, objs, 49);
	assert_int_equal(cache->len, 4);
	assert_int_equal(ring_count(mp), 1196);
	/* 48 objects fit a cache: the 4 go to the pool first */
	assert_int_equal(rte_mempool_generic_get(mp, objs, 48, NULL), 0);
	rte_mempool_put_bulk(mp, objs, 48);
	assert_int_equal(cache->len, 48);
	assert_int_equal(ring_count(mp), 1152);
	check_counts(mp, 0);

	/* get: exactly what the cache holds, nothing from the pool */
	memset(objs, 0, sizeof(objs));
	assert_int_equal(rte_mempool_get_bulk(mp, objs, 48), 0);
	assert_int_equal(cache->len, 0);
	assert_int_equal(ring_count(mp), 1152);
	rte_mempool_put_bulk(mp, objs, 10);
	/* 10 cached, 600 asked: the other 590 are more than a cache can stage
	 * (RTE_MEMPOOL_CACHE_MAX_SIZE, 512), so they come from the pool
	 * without a refill and the cache is left empty */
	assert_int_equal(rte_mempool_get_bulk(mp, keep, 600), 0);
	assert_int_equal(cache->len, 0);
	assert_int_equal(ring_count(mp), 1152 - 590);
	rte_mempool_put_bulk(mp, keep, 600);
	rte_mempool_put_bulk(mp, &objs[10], 38);
	rte_mempool_cache_flush(NULL, mp);
	check_counts(mp, 0);
	/* An empty cache and 512 asked, as many as a cache can stage: one
	 * refill of 32 + 512 from the pool, the 512 handed out, the cache left
	 * at its size (DPDK 22.11 bypasses the cache only above 512) */
	assert_int_equal(cache->len, 0);
	assert_int_equal(rte_mempool_do_generic_get(mp, keep, RTE_MEMPOOL_CACHE_MAX_SIZE, cache), 0);
	assert_int_equal(cache->len, 32);
	assert_int_equal(ring_count(mp), 1200 - 32 - RTE_MEMPOOL_CACHE_MAX_SIZE);
	/* the do_ calls leave debug cookies alone: give them back the same way */
	rte_mempool_do_generic_put(mp, keep, RTE_MEMPOOL_CACHE_MAX_SIZE, cache);
	rte_mempool_cache_flush(NULL, mp);
	check_counts(mp, 0);

	/* A pool nearly empty: 10 objects in the cache, 5 in the pool. */
	assert_int_equal(rte_mempool_generic_get(mp, keep, 1195, NULL), 0);
	rte_mempool_put_bulk(mp, keep, 10);
	assert_int_equal(cache->len, 10);
	assert_int_equal(ring_count(mp), 5);
	/* 16 is one more than both hold: -ENOENT, nothing taken */
	assert_int_equal(rte_mempool_get_bulk(mp, objs, 16), -ENOENT);
	assert_int_equal(cache->len, 10);
	assert_int_equal(ring_count(mp), 5);
	check_counts(mp, 1185);
	/* 15 is all of them: no refill of 32 + 5 can be had, the 5 can */
	memset(objs, 0, sizeof(objs));
	assert_int_equal(rte_mempool_get_bulk(mp, objs, 15), 0);
	assert_int_equal(cache->len, 0);
	assert_int_equal(ring_count(mp), 0);
	for (int i = 0; i < 10; i++)
		assert_ptr_equal(objs[i], keep[9 - i]); /* the cached ones, warmest first */
	for (int i = 10; i < 15; i++)
		assert_non_null(objs[i]);
	check_counts(mp, 1200);
	rte_mempool_generic_put(mp, keep + 10, 1185, NULL);
	rte_mempool_generic_put(mp, objs, 15, NULL);
	check_counts(mp, 0);
	rte_mempool_free(mp);
}

/* A non-EAL thread has no cache: its gets and puts hit the pool (until it registers). */
static void *non_eal_get_put(void *arg)
{
	struct rte_mempool *mp = arg;
	void *objs[5];
	uintptr_t ok = 1;

	if (rte_mempool_get_bulk(mp, objs, 5) != 0 || ring_count(mp) != mp->size - 5)
		ok = 0;
	rte_mempool_put_bulk(mp, objs, 5);
	if (ring_count(mp) != mp->size)
		ok = 0;

	/* Registered, the thread has an lcore id and so a cache. */
	if (rte_thread_register() != 0 || rte_mempool_default_cache(mp, rte_lcore_id()) == NULL)
		return (void *)0;
	if (rte_mempool_get_bulk(mp, objs, 5) != 0 ||
	    ring_count(mp) != mp->size - 5 - mp->cache_size)
		ok = 0;
	rte_mempool_put_bulk(mp, objs, 5);
	rte_mempool_cache_flush(NULL, mp);
	if (ring_count(mp) != mp->size)
		ok = 0;
	rte_thread_unregister();
	return (void *)ok;
}

static void test_non_eal_thread_no_cache(void **state)
{
	struct rte_mempool *mp;
	pthread_t t;
	void *ok;

	(void)state;
	mp = rte_mempool_create("mp_noneal", 200, 64, 32, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(pthread_create(&t, NULL, non_eal_get_put, mp), 0);
	assert_int_equal(pthread_join(t, &ok), 0);
	assert_ptr_equal(ok, (void *)1);
	rte_mempool_free(mp);
}

static void expect_create_fails(const char *name, unsigned int n, unsigned int elt_size,
				unsigned int cache, unsigned int flags, int err)
{
	const unsigned int zones = memzone_count();

	rte_errno = 0;
	assert_null(rte_mempool_create(name, n, elt_size, cache, 0, NULL, NULL, NULL, NULL,
				       SOCKET_ID_ANY, flags));
	assert_int_equal(rte_errno, err);
	assert_int_equal(memzone_count(), zones);
}

static void test_bad_input(void **state)
{
	struct rte_mempool *mp;
	char name[64];

	(void)state;
	expect_create_fails("bad", 1000, 64, RTE_MEMPOOL_CACHE_MAX_SIZE + 1, 0, EINVAL);
	expect_create_fails("bad", 100, 64, 100, 0, EINVAL); /* 1.5 x cache > n */
	expect_create_fails("bad", 0, 64, 0, 0, EINVAL);
	expect_create_fails("bad", 100, 64, 0, 0x1000, EINVAL);
	expect_create_fails("bad", 100, 64, 0, RTE_MEMPOOL_F_POOL_CREATED, EINVAL);
	expect_create_fails(NULL, 100, 64, 0, 0, EINVAL);

	memset(name, 'p', sizeof(name));
	name[RTE_MEMPOOL_NAMESIZE] = '\0';
	expect_create_fails(name, 100, 64, 0, 0, ENAMETOOLONG);
	name[RTE_MEMPOOL_NAMESIZE - 1] = '\0';
	mp = rte_mempool_create(name, 100, 64, RTE_MEMPOOL_CACHE_MAX_SIZE / 8, 0, NULL, NULL,
				NULL, NULL, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_ptr_equal(rte_mempool_lookup(name), mp);
	rte_mempool_free(mp);

	mp = rte_mempool_create("dup", 100, 64, 0, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	expect_create_fails("dup", 50, 32, 0, 0, EEXIST);
	assert_ptr_equal(rte_mempool_lookup("dup"), mp);
	check_counts(mp, 0);
	rte_mempool_free(mp);

	/* The pool's ring name is taken: the driver cannot be made, all undone. */
	struct rte_ring *squatter = rte_ring_create("MP_taken", 64, SOCKET_ID_ANY, 0);

	assert_non_null(squatter);
	expect_create_fails("taken", 100, 64, 0, 0, EEXIST);
	assert_null(rte_mempool_lookup("taken"));
	rte_ring_free(squatter);
	mp = rte_mempool_create("taken", 100, 64, 0, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	rte_mempool_free(mp);

	/* The largest cache is fine, given enough objects. */
	mp = rte_mempool_create("bigcache", 768, 64, RTE_MEMPOOL_CACHE_MAX_SIZE, 0, NULL, NULL,
				NULL, NULL, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	rte_mempool_free(mp);

	rte_errno = 0;
	assert_null(rte_mempool_lookup(NULL));
	assert_int_equal(rte_errno, ENOENT);
	rte_errno = 0;
	assert_null(rte_mempool_lookup("nothing here"));
	assert_int_equal(rte_errno, ENOENT);
}

/* Far more objects than the machine has memory: ENOMEM, and all given back. */
/*
 * The largest element an empty pool takes is the one whose object (header,
 * element, trailer: 32-bit sizes in struct rte_mempool_objsz) still fits;
 * the pool keeps the socket it was asked for, SOCKET_ID_ANY included.
 */
static void test_create_limits(void **state)
{
	const unsigned int largest = UINT32_MAX - 2 * RTE_MEMPOOL_ALIGN;
	struct rte_mempool *mp;

	(void)state;
	mp = rte_mempool_create_empty("mp_largest", 1, largest, 0, 0, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(mp->socket_id, SOCKET_ID_ANY);
	assert_true(mp->elt_size >= largest);
	rte_mempool_free(mp);
	rte_errno = 0;
	assert_null(rte_mempool_create_empty("mp_too_large", 1, largest + 1, 0, 0, SOCKET_ID_ANY,
					     0));
	assert_int_equal(rte_errno, EINVAL);
	assert_null(rte_mempool_lookup("mp_too_large"));
}

static void test_too_big(void **state)
{
	unsigned int zones;
	struct rte_malloc_socket_stats before, after;
	struct rte_mempool *mp;

	(void)state;
	/* Populate fills what memory there is before giving up: a small sim
	 * machine keeps that quick (all of real hugepages would not be). */
	if (!rtetest_hal_is_sim())
		skip();
	assert_int_equal(rte_eal_cleanup(), 0);
	assert_int_equal(rtetest_boot("-l 0-1 --sim=pages=16"), 0);
	zones = memzone_count();
	assert_int_equal(rte_malloc_get_socket_stats(0, &before), 0);
	rte_errno = 0;
	/* 2M objects of 4 KB: 8 GB, more than the 32 MB of this sim machine. */
	mp = rte_mempool_create("huge", 2u * 1000 * 1000, 4000, 0, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	assert_null(mp);
	assert_int_equal(rte_errno, ENOMEM);
	assert_int_equal(memzone_count(), zones);
	assert_null(rte_mempool_lookup("huge"));
	assert_null(rte_ring_lookup("MP_huge"));
	assert_int_equal(rte_malloc_get_socket_stats(0, &after), 0);
	assert_int_equal(after.alloc_count, before.alloc_count);
	assert_int_equal(after.heap_allocsz_bytes, before.heap_allocsz_bytes);

	/* And a normal pool still works afterwards. */
	mp = rte_mempool_create("after_huge", 1000, 4000, 0, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	check_counts(mp, 0);
	rte_mempool_free(mp);
	assert_int_equal(memzone_count(), zones);
	assert_int_equal(rte_eal_cleanup(), 0);
	assert_int_equal(rtetest_boot("-l 0-1"), 0);
}

static int dummy_alloc(struct rte_mempool *mp)
{
	(void)mp;
	return 0;
}

static int dummy_enqueue(struct rte_mempool *mp, void * const *t, unsigned int n)
{
	(void)mp, (void)t, (void)n;
	return 0;
}

static int dummy_dequeue(struct rte_mempool *mp, void **t, unsigned int n)
{
	(void)mp, (void)t, (void)n;
	return -ENOBUFS;
}

static unsigned int dummy_count(const struct rte_mempool *mp)
{
	(void)mp;
	return 0;
}

static void test_ops(void **state)
{
	struct rte_mempool_ops bad = { .name = "incomplete", .alloc = dummy_alloc };
	struct rte_mempool_ops dup = {
		.name = "ring_mp_mc", .alloc = dummy_alloc, .enqueue = dummy_enqueue,
		.dequeue = dummy_dequeue, .get_count = dummy_count,
	};
	struct rte_mempool *mp;
	void *obj;

	(void)state;
	assert_int_equal(rte_mempool_register_ops(&bad), -EINVAL);
	assert_int_equal(rte_mempool_register_ops(NULL), -EINVAL);
	assert_int_equal(rte_mempool_register_ops(&dup), -EEXIST);

	mp = rte_mempool_create_empty("mp_ops", 64, 32, 0, 0, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(mp->populated_size, 0);
	check_counts(mp, 64); /* nothing populated yet: nothing available */
	assert_int_equal(rte_mempool_set_ops_byname(mp, "no_such_ops", NULL), -EINVAL);
	assert_int_equal(rte_mempool_set_ops_byname(mp, "ring_sp_sc", NULL), 0);
	assert_int_equal(rte_mempool_populate_default(mp), 64);
	assert_true(rte_ring_is_prod_single(mp->pool_data));
	assert_true(rte_ring_is_cons_single(mp->pool_data));
	assert_int_equal(rte_mempool_set_ops_byname(mp, "ring_mp_mc", NULL), -EEXIST);
	assert_int_equal(rte_mempool_populate_default(mp), -EEXIST);
	check_counts(mp, 0);
	assert_int_equal(rte_mempool_get(mp, &obj), 0);
	check_counts(mp, 1);
	rte_mempool_put(mp, obj);
	rte_mempool_free(mp);

	/* The flags pick the ring driver. */
	mp = rte_mempool_create("mp_sp", 64, 32, 0, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY,
				RTE_MEMPOOL_F_SP_PUT);
	assert_non_null(mp);
	assert_string_equal(rte_mempool_get_ops(mp->ops_index)->name, "ring_sp_mc");
	rte_mempool_free(mp);
	mp = rte_mempool_create("mp_sc", 64, 32, 0, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY,
				RTE_MEMPOOL_F_SC_GET);
	assert_non_null(mp);
	assert_string_equal(rte_mempool_get_ops(mp->ops_index)->name, "ring_mp_sc");
	rte_mempool_free(mp);
}

static void poison_objs(void **objs, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		objs[i] = (void *)(uintptr_t)0x5a5a5a5a;
}

/*
 * DPDK's other built-in drivers: "stack" (LIFO, memzone STK_<name>) and
 * the RTS and HTS ring drivers. Every object once, counts, refusals.
 */
static void check_driver(const char *ops)
{
	const unsigned int zones = memzone_count();
	void *objs[65], *a, *b;
	struct rte_mempool *mp;

	mp = rte_mempool_create_empty("mp_drv", 64, 32, 0, 0, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(rte_mempool_set_ops_byname(mp, ops, NULL), 0);
	assert_int_equal(rte_mempool_populate_default(mp), 64);
	assert_string_equal(rte_mempool_get_ops(mp->ops_index)->name, ops);
	assert_int_equal(rte_mempool_ops_get_count(mp), 64);
	check_counts(mp, 0);

	poison_objs(objs, RTE_DIM(objs));
	assert_int_equal(rte_mempool_get_bulk(mp, objs, 65), -ENOENT);
	check_counts(mp, 0);
	assert_int_equal(rte_mempool_get_bulk(mp, objs, 64), 0);
	check_counts(mp, 64);
	for (unsigned int i = 0; i < 64; i++) {
		assert_ptr_equal(rte_mempool_from_obj(objs[i]), mp);
		for (unsigned int j = 0; j < i; j++)
			assert_ptr_not_equal(objs[i], objs[j]);
	}
	assert_int_equal(rte_mempool_get(mp, &objs[64]), -ENOENT);
	rte_mempool_put_bulk(mp, objs, 64);
	check_counts(mp, 0);

	/* Without a cache, the stack gives back the object put last. */
	assert_int_equal(rte_mempool_get(mp, &a), 0);
	assert_int_equal(rte_mempool_get(mp, &b), 0);
	rte_mempool_put(mp, a);
	rte_mempool_put(mp, b);
	poison_objs(objs, 2);
	assert_int_equal(rte_mempool_get_bulk(mp, objs, 2), 0);
	if (strcmp(ops, "stack") == 0) {
		assert_ptr_equal(objs[0], b);
		assert_ptr_equal(objs[1], a);
		assert_non_null(rte_memzone_lookup("STK_mp_drv"));
	} else {
		struct rte_ring *r = mp->pool_data;
		const enum rte_ring_sync_type t = strcmp(ops, "ring_mt_rts") == 0 ?
						  RTE_RING_SYNC_MT_RTS : RTE_RING_SYNC_MT_HTS;

		assert_int_equal(rte_ring_get_prod_sync_type(r), t);
		assert_int_equal(rte_ring_get_cons_sync_type(r), t);
	}
	rte_mempool_put_bulk(mp, objs, 2);
	check_counts(mp, 0);
	rte_mempool_free(mp);
	assert_null(rte_memzone_lookup("STK_mp_drv"));
	assert_int_equal(memzone_count(), zones);
}

static void test_stack_and_ring_mode_drivers(void **state)
{
	(void)state;
	check_driver("stack");
	check_driver("ring_mt_rts");
	check_driver("ring_mt_hts");
}

static unsigned int mp_init_calls;

static void my_mp_init(struct rte_mempool *mp, void *arg)
{
	mp_init_calls++;
	*(uint32_t *)rte_mempool_get_priv(mp) = *(uint32_t *)arg;
}

static void my_obj_init(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	(void)mp;
	((uint32_t *)obj)[0] = idx;
	((uint32_t *)obj)[1] = *(uint32_t *)arg;
}

struct mem_seen {
	unsigned int chunks;
	size_t bytes;
	struct rte_mempool *mp;
};

static void count_chunk(struct rte_mempool *mp, void *arg, struct rte_mempool_memhdr *memhdr,
			unsigned int idx)
{
	struct mem_seen *s = arg;

	assert_int_equal(idx, s->chunks);
	assert_ptr_equal(memhdr->mp, mp);
	s->chunks++;
	s->bytes += memhdr->len;
}

static void check_obj(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	(void)mp;
	assert_int_equal(((uint32_t *)obj)[0], idx);
	assert_int_equal(((uint32_t *)obj)[1], *(uint32_t *)arg);
}

static void test_callbacks_and_iterators(void **state)
{
	uint32_t magic = 0xfeedf00d, tag = 0x5a5a;
	struct mem_seen seen = { 0 };
	struct rte_mempool *mp;

	(void)state;
	mp_init_calls = 0;
	mp = rte_mempool_create("mp_cb", 3000, 64, 0, sizeof(uint32_t), my_mp_init, &magic,
				my_obj_init, &tag, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(mp_init_calls, 1);
	assert_int_equal(*(uint32_t *)rte_mempool_get_priv(mp), magic);
	assert_int_equal(rte_mempool_obj_iter(mp, check_obj, &tag), 3000);
	assert_int_equal(rte_mempool_mem_iter(mp, count_chunk, &seen), mp->nb_mem_chunks);
	assert_true(seen.chunks >= 1);
	assert_true(seen.bytes >= 3000u * (mp->header_size + mp->elt_size + mp->trailer_size));
	rte_mempool_free(mp);
}

static void note_pool(struct rte_mempool *mp, void *arg)
{
	unsigned int *found = arg;

	if (strcmp(mp->name, "walk_a") == 0)
		found[0]++;
	else if (strcmp(mp->name, "walk_b") == 0)
		found[1]++;
	else
		found[2]++;
}

static void test_walk_and_dump(void **state)
{
	struct rte_mempool *a, *b;
	unsigned int found[3] = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	void *obj;

	(void)state;
	a = rte_mempool_create("walk_a", 100, 64, 8, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
	b = rte_mempool_create("walk_b", 100, 64, 0, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
	assert_non_null(a);
	assert_non_null(b);
	rte_mempool_walk(note_pool, found);
	assert_int_equal(found[0], 1);
	assert_int_equal(found[1], 1);
	assert_int_equal(found[2], 0);

	assert_int_equal(rte_mempool_get(a, &obj), 0);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	rte_mempool_dump(f, a);
	rte_mempool_list_dump(f);
	fclose(f);
	assert_non_null(strstr(buf, "mempool <walk_a>"));
	assert_non_null(strstr(buf, "mempool <walk_b>"));
	assert_non_null(strstr(buf, "in_use_count=1"));
	assert_non_null(strstr(buf, "ring_mp_mc"));
	free(buf);
	rte_mempool_audit(a);
	rte_mempool_put(a, obj);
	rte_mempool_free(a);
	rte_mempool_free(b);
}

/* ---- dump and audit, line by line ---- */

/* What fn(arg) writes to stdout, as a string the caller frees. */
static char *stdout_of(void (*fn)(void *), void *arg)
{
	FILE *tmp = tmpfile();
	char *buf;
	long n;
	int saved;

	assert_non_null(tmp);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(tmp), STDOUT_FILENO) >= 0);
	fn(arg);
	fflush(stdout);
	assert_true(dup2(saved, STDOUT_FILENO) >= 0);
	close(saved);
	n = ftell(tmp);
	assert_true(n >= 0);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	rewind(tmp);
	assert_int_equal(fread(buf, 1, (size_t)n, tmp), (size_t)n);
	fclose(tmp);
	return buf;
}

static void dump_to_stdout(void *mp)
{
	rte_mempool_dump(NULL, mp);
}

static void list_dump_to_stdout(void *unused)
{
	(void)unused;
	rte_mempool_list_dump(NULL);
}

/* rte_mempool_dump(f, mp) as a string the caller frees. */
static char *dump_of(struct rte_mempool *mp)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	rte_mempool_dump(f, mp);
	fclose(f);
	return buf;
}

static void count_mem_chunk(struct rte_mempool *mp, void *arg, struct rte_mempool_memhdr *memhdr,
			    unsigned int idx)
{
	(void)mp, (void)memhdr, (void)idx;
	(*(unsigned int *)arg)++;
}

/*
 * The whole dump of a populated pool with objects in two lcores' caches
 * (the main lcore's and the last one's) and one object in use, every value
 * known beforehand: the sizes from rte_mempool_calc_obj_size, the private
 * area rounded up to a cache line, the ring found by its name, the cache
 * lengths DPDK 22.11's get leaves (a refill to the cache size, plus the
 * objects asked for, handed out from the top).
 */
static void test_dump_lines(void **state)
{
	const unsigned int last = RTE_MAX_LCORE - 1, me = rte_lcore_id();
	struct rte_mempool_objsz sz;
	struct rte_mempool *a, *b;
	char expect_a[1024], expect_b[1024];
	unsigned int chunks = 0;
	char *buf = NULL;
	size_t len = 0;
	void *obj, *objs[3];
	FILE *f;

	(void)state;
	assert_int_equal(me, 0);
	a = rte_mempool_create("dump_a", 100, 60, 8, 10, NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
	assert_non_null(a);
	b = rte_mempool_create_empty("dump_b", 16, 24, 0, 0, 0, RTE_MEMPOOL_F_NO_CACHE_ALIGN);
	assert_non_null(b);
	rte_mempool_mem_iter(a, count_mem_chunk, &chunks);
	assert_true(chunks >= 1);

	/* main lcore: 9 from the ring, 1 out, 8 cached; last lcore: 11 from
	 * the ring, 3 out and 3 back, 11 cached (the threshold is 12). */
	assert_int_equal(rte_mempool_get(a, &obj), 0);
	poison_objs(objs, 3);
	assert_int_equal(rte_mempool_generic_get(a, objs, 3, rte_mempool_default_cache(a, last)),
			 0);
	rte_mempool_generic_put(a, objs, 3, rte_mempool_default_cache(a, last));

	rte_mempool_calc_obj_size(60, 0, &sz);
	snprintf(expect_a, sizeof(expect_a),
		 "mempool <dump_a>@%p\n"
		 "  flags=%x\n"
		 "  socket_id=-1\n"
		 "  pool=%p (ring_mp_mc)\n"
		 "  nb_mem_chunks=%u\n"
		 "  size=100\n"
		 "  populated_size=100\n"
		 "  header_size=%u\n"
		 "  elt_size=64\n"
		 "  trailer_size=%u\n"
		 "  total_obj_size=%u\n"
		 "  private_data_size=%u\n"
		 "  cache_size=8\n"
		 "    cache_count[%u]=8\n"
		 "    cache_count[%u]=11\n"
		 "  total_cache_count=19\n"
		 "  common_pool_count=80\n"
		 "  avail_count=99\n"
		 "  in_use_count=1\n",
		 (void *)a, RTE_MEMPOOL_F_POOL_CREATED | (a->flags & RTE_MEMPOOL_F_NON_IO),
		 (void *)rte_ring_lookup("MP_dump_a"), chunks, sz.header_size, sz.trailer_size,
		 sz.total_size, RTE_MEMPOOL_ALIGN, me, last);
	buf = dump_of(a);
	assert_string_equal(buf, expect_a);
	free(buf);

	/* Not populated, no cache: no driver count, nothing available. */
	rte_mempool_calc_obj_size(24, RTE_MEMPOOL_F_NO_CACHE_ALIGN, &sz);
	snprintf(expect_b, sizeof(expect_b),
		 "mempool <dump_b>@%p\n"
		 "  flags=%x\n"
		 "  socket_id=0\n"
		 "  pool=%p (ring_mp_mc)\n"
		 "  nb_mem_chunks=0\n"
		 "  size=16\n"
		 "  populated_size=0\n"
		 "  header_size=%u\n"
		 "  elt_size=24\n"
		 "  trailer_size=%u\n"
		 "  total_obj_size=%u\n"
		 "  private_data_size=0\n"
		 "  cache_size=0\n"
		 "  total_cache_count=0\n"
		 "  avail_count=0\n"
		 "  in_use_count=16\n",
		 (void *)b, RTE_MEMPOOL_F_NO_CACHE_ALIGN, NULL, sz.header_size, sz.trailer_size,
		 sz.total_size);
	buf = dump_of(b);
	assert_string_equal(buf, expect_b);
	free(buf);

	/* A NULL stream is stdout, for one pool and for the list. */
	buf = stdout_of(dump_to_stdout, a);
	assert_string_equal(buf, expect_a);
	free(buf);
	buf = stdout_of(list_dump_to_stdout, NULL);
	assert_non_null(strstr(buf, expect_a));
	assert_non_null(strstr(buf, expect_b));
	assert_int_equal(strlen(buf), strlen(expect_a) + strlen(expect_b));
	free(buf);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	rte_mempool_list_dump(f);
	fclose(f);
	assert_non_null(strstr(buf, expect_a));
	assert_non_null(strstr(buf, expect_b));
	assert_int_equal(len, strlen(expect_a) + strlen(expect_b));
	free(buf);

	rte_mempool_put(a, obj);
	rte_mempool_free(a);
	rte_mempool_free(b);
}

/* What rte_mempool_audit(mp) logs, as a string the caller frees. */
static char *audit_log(struct rte_mempool *mp)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(rte_openlog_stream(f), 0);
	rte_mempool_audit(mp);
	assert_int_equal(rte_openlog_stream(NULL), 0);
	fclose(f);
	return buf;
}

static void note_obj(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	(void)mp;
	((void **)arg)[idx] = obj;
}

/*
 * rtemem's audit logs (rather than panics on, as DPDK's does) an object
 * that names another pool, a list of objects that does not match the
 * populated count, and a cache holding more than its array; a sound pool
 * logs nothing. Each fault is made by hand and undone.
 */
static void test_audit_finds_faults(void **state)
{
	const unsigned int last = RTE_MAX_LCORE - 1;
	struct rte_mempool *mp, *nocache;
	struct rte_mempool_cache *c0, *c;
	char expect[256], *log;
	void *objs[64];

	(void)state;
	mp = rte_mempool_create("audit_mp", 64, 64, 8, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY,
				0);
	nocache = rte_mempool_create("audit_nc", 16, 64, 0, 0, NULL, NULL, NULL, NULL,
				     SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_non_null(nocache);
	rte_log_set_level(RTE_LOGTYPE_MEMPOOL, RTE_LOG_INFO);
	log = audit_log(mp);
	assert_string_equal(log, "");
	free(log);
	log = audit_log(nocache);
	assert_string_equal(log, "");
	free(log);

	/* Object 5 of the list claims the other pool. */
	poison_objs(objs, RTE_DIM(objs));
	assert_int_equal(rte_mempool_obj_iter(mp, note_obj, objs), 64);
	rte_mempool_get_header(objs[5])->mp = nocache;
	log = audit_log(mp);
	snprintf(expect, sizeof(expect), "audit_mp: object 5 claims pool %p\n", (void *)nocache);
	assert_non_null(strstr(log, expect));
	assert_null(strstr(log, "object 4 "));
	assert_null(strstr(log, "object 6 "));
	assert_null(strstr(log, "populated"));
	free(log);
	rte_mempool_get_header(objs[5])->mp = mp;

	/* One object fewer populated than listed. */
	mp->populated_size--;
	log = audit_log(mp);
	assert_non_null(strstr(log, "audit_mp: 64 objects listed, 63 populated\n"));
	free(log);
	mp->populated_size++;

	/* The first and last lcores' caches: full to the array is fine, one more is not. */
	c0 = rte_mempool_default_cache(mp, 0);
	c = rte_mempool_default_cache(mp, last);
	assert_non_null(c0);
	assert_non_null(c);
	c0->len = RTE_DIM(c0->objs);
	c->len = RTE_DIM(c->objs);
	log = audit_log(mp);
	assert_string_equal(log, "");
	free(log);
	c0->len = RTE_DIM(c0->objs) + 1;
	c->len = RTE_DIM(c->objs) + 2;
	log = audit_log(mp);
	snprintf(expect, sizeof(expect), "audit_mp: cache of lcore 0 holds %zu\n",
		 RTE_DIM(c->objs) + 1);
	assert_non_null(strstr(log, expect));
	snprintf(expect, sizeof(expect), "audit_mp: cache of lcore %u holds %zu\n", last,
		 RTE_DIM(c->objs) + 2);
	assert_non_null(strstr(log, expect));
	assert_null(strstr(log, "objects listed"));
	free(log);
	c0->len = 0;
	c->len = 0;

	log = audit_log(mp);
	assert_string_equal(log, "");
	free(log);
	check_counts(mp, 0);
	rte_mempool_free(nocache);
	rte_mempool_free(mp);
}

static int enospc_alloc(struct rte_mempool *mp)
{
	(void)mp;
	return -ENOSPC; /* and rte_errno left alone */
}

static void use_ops_named(struct rte_mempool *mp, void *name)
{
	assert_int_equal(rte_mempool_set_ops_byname(mp, name, NULL), 0);
}

/*
 * rte_mempool_create sets rte_errno to the reason it failed (ENOSPC is one
 * DPDK lists), also when the pool's driver, chosen here by the mp_init
 * callback, fails without setting rte_errno itself. Nothing is left behind.
 */
static void test_create_reports_driver_error(void **state)
{
	struct rte_mempool_ops ops = *rte_mempool_get_ops(0);
	const unsigned int zones = memzone_count();
	int idx;

	(void)state;
	snprintf(ops.name, sizeof(ops.name), "test_enospc");
	ops.alloc = enospc_alloc;
	idx = rte_mempool_register_ops(&ops);
	assert_true(idx > 0 || idx == -EEXIST);
	rte_errno = 0;
	assert_null(rte_mempool_create("mp_enospc", 16, 64, 0, 0, use_ops_named, ops.name, NULL,
				       NULL, SOCKET_ID_ANY, 0));
	assert_int_equal(rte_errno, ENOSPC);
	assert_null(rte_mempool_lookup("mp_enospc"));
	assert_int_equal(memzone_count(), zones);
}

/*
 * A pool name has at most RTE_MEMPOOL_NAMESIZE - 1 characters, so that
 * "MP_<name>" fits a memzone (and ring) name: the empty pool refuses a
 * longer one itself, and a lookup of a longer name finds nothing, not the
 * pool whose name is its first characters.
 */
static void test_name_lengths(void **state)
{
	const unsigned int zones = memzone_count();
	char name[RTE_MEMPOOL_NAMESIZE + 1];
	struct rte_mempool *mp;

	(void)state;
	memset(name, 'n', sizeof(name));
	name[RTE_MEMPOOL_NAMESIZE] = '\0';
	rte_errno = 0;
	assert_null(rte_mempool_create_empty(name, 16, 64, 0, 0, SOCKET_ID_ANY, 0));
	assert_int_equal(rte_errno, ENAMETOOLONG);
	assert_int_equal(memzone_count(), zones);

	name[RTE_MEMPOOL_NAMESIZE - 1] = '\0';
	mp = rte_mempool_create_empty(name, 16, 64, 0, 0, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_string_equal(mp->name, name);
	assert_ptr_equal(rte_mempool_lookup(name), mp);
	name[RTE_MEMPOOL_NAMESIZE - 1] = 'x';
	rte_errno = 0;
	assert_null(rte_mempool_lookup(name));
	assert_int_equal(rte_errno, ENOENT);
	rte_mempool_free(mp);
	assert_int_equal(memzone_count(), zones);
}

/*
 * What a driver answers where the get and put wrappers hide it:
 * rte_mempool_ops_alloc 0 (DPDK: "0: Success"), a ring synchronised as
 * the driver's name says, the enqueue result rte_mempool_put drops (0 when
 * the objects went in, -ENOBUFS when the driver is full: every pool's ring
 * or stack holds exactly its size) and the dequeue's 0.
 */
static void check_driver_results(const char *ops, enum rte_ring_sync_type prod,
				 enum rte_ring_sync_type cons)
{
	struct rte_mempool *mp;
	struct rte_ring *r;
	void *obj;

	mp = rte_mempool_create_empty("mp_enq", 16, 32, 0, 0, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(rte_mempool_set_ops_byname(mp, ops, NULL), 0);
	assert_int_equal(rte_mempool_ops_alloc(mp), 0);
	assert_non_null(mp->pool_data);
	r = rte_ring_lookup("MP_mp_enq");
	if (strcmp(ops, "stack") == 0) {
		assert_null(r);
	} else {
		assert_ptr_equal(r, mp->pool_data);
		assert_int_equal(rte_ring_get_prod_sync_type(r), prod);
		assert_int_equal(rte_ring_get_cons_sync_type(r), cons);
	}
	rte_mempool_ops_free(mp);
	assert_null(rte_ring_lookup("MP_mp_enq"));
	assert_int_equal(rte_mempool_populate_default(mp), 16);
	obj = (void *)(uintptr_t)0x5a5a5a5a;
	assert_int_equal(rte_mempool_ops_dequeue_bulk(mp, &obj, 1), 0);
	assert_ptr_equal(rte_mempool_from_obj(obj), mp);
	assert_int_equal(rte_mempool_ops_get_count(mp), 15);
	assert_int_equal(rte_mempool_ops_enqueue_bulk(mp, &obj, 1), 0);
	assert_int_equal(rte_mempool_ops_get_count(mp), 16);
	assert_int_equal(rte_mempool_ops_enqueue_bulk(mp, &obj, 1), -ENOBUFS);
	assert_int_equal(rte_mempool_ops_get_count(mp), 16);
	check_counts(mp, 0);
	rte_mempool_free(mp);
}

static void test_driver_results(void **state)
{
	(void)state;
	check_driver_results("ring_mp_mc", RTE_RING_SYNC_MT, RTE_RING_SYNC_MT);
	check_driver_results("ring_sp_sc", RTE_RING_SYNC_ST, RTE_RING_SYNC_ST);
	check_driver_results("ring_mp_sc", RTE_RING_SYNC_MT, RTE_RING_SYNC_ST);
	check_driver_results("ring_sp_mc", RTE_RING_SYNC_ST, RTE_RING_SYNC_MT);
	check_driver_results("ring_mt_rts", RTE_RING_SYNC_MT_RTS, RTE_RING_SYNC_MT_RTS);
	check_driver_results("ring_mt_hts", RTE_RING_SYNC_MT_HTS, RTE_RING_SYNC_MT_HTS);
	check_driver_results("stack", RTE_RING_SYNC_MT, RTE_RING_SYNC_MT);
}

/* Registers drivers until the table is full; the exit status says how it went. */
static int fill_ops_table(void)
{
	struct rte_mempool_ops ops = {
		.alloc = dummy_alloc, .enqueue = dummy_enqueue, .dequeue = dummy_dequeue,
		.get_count = dummy_count,
	};
	struct rte_mempool mp = { .ops_index = 0 }; /* not a pool: no shared memory in a child */
	unsigned int first = rte_mempool_ops_table.num_ops;

	if (first >= RTE_MEMPOOL_MAX_OPS_IDX)
		return 1;
	for (unsigned int i = first; i < RTE_MEMPOOL_MAX_OPS_IDX; i++) {
		snprintf(ops.name, sizeof(ops.name), "fill_%u", i);
		if (i == first)
			ops.name[1] = '\0'; /* "f": the shortest name there is */
		if (i == first + 1) /* the longest: RTE_MEMPOOL_OPS_NAMESIZE - 2 */
			snprintf(ops.name, sizeof(ops.name), "%030u", i);
		if (rte_mempool_register_ops(&ops) != (int)i)
			return 2;
	}
	snprintf(ops.name, sizeof(ops.name), "one_too_many");
	if (rte_mempool_register_ops(&ops) != -ENOSPC ||
	    rte_mempool_ops_table.num_ops != RTE_MEMPOOL_MAX_OPS_IDX)
		return 3;
	/* a full table is DPDK's first check, before the callbacks */
	ops.dequeue = NULL;
	if (rte_mempool_register_ops(&ops) != -ENOSPC)
		return 6;
	ops.dequeue = dummy_dequeue;
	/* The last slot is found by name; the empty name still is not. */
	snprintf(ops.name, sizeof(ops.name), "fill_%u", RTE_MEMPOOL_MAX_OPS_IDX - 1);
	if (rte_mempool_set_ops_byname(&mp, ops.name, NULL) != 0 ||
	    mp.ops_index != RTE_MEMPOOL_MAX_OPS_IDX - 1)
		return 4;
	if (rte_mempool_set_ops_byname(&mp, "", NULL) != -EINVAL ||
	    rte_mempool_set_ops_byname(&mp, "one_too_many", NULL) != -EINVAL)
		return 5;
	return 0;
}

/*
 * The ops table holds RTE_MEMPOOL_MAX_OPS_IDX drivers, each registered at
 * the next index, then -ENOSPC (even for an incomplete driver, as DPDK
 * checks the table first); names from 1 to RTE_MEMPOOL_OPS_NAMESIZE - 2
 * characters are taken, longer ones are -EEXIST as in DPDK 22.11, and ""
 * (no driver's name) is refused; a NULL pool or name is -EINVAL. The table is filled in a child,
 * so that this process's table stays as it was.
 */
static void test_ops_table_bounds(void **state)
{
	struct rte_mempool_ops unterminated = {
		.alloc = dummy_alloc, .enqueue = dummy_enqueue, .dequeue = dummy_dequeue,
		.get_count = dummy_count,
	};
	const uint32_t num_ops = rte_mempool_ops_table.num_ops;
	struct rte_mempool *mp;
	int status;
	pid_t pid;

	(void)state;
	/* DPDK 22.11: a name of RTE_MEMPOOL_OPS_NAMESIZE - 1 characters or
	 * more is -EEXIST, rte_errno EEXIST; so is one with no NUL at all */
	memset(unterminated.name, 'u', sizeof(unterminated.name));
	rte_errno = 0;
	assert_int_equal(rte_mempool_register_ops(&unterminated), -EEXIST);
	assert_int_equal(rte_errno, EEXIST);
	unterminated.name[RTE_MEMPOOL_OPS_NAMESIZE - 1] = '\0';
	rte_errno = 0;
	assert_int_equal(rte_mempool_register_ops(&unterminated), -EEXIST);
	assert_int_equal(rte_errno, EEXIST);
	unterminated.name[0] = '\0';
	assert_int_equal(rte_mempool_register_ops(&unterminated), -EINVAL);
	assert_int_equal(rte_mempool_ops_table.num_ops, num_ops);

	mp = rte_mempool_create_empty("mp_noname", 16, 32, 0, 0, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(rte_mempool_set_ops_byname(mp, "", NULL), -EINVAL);
	assert_int_equal(rte_mempool_set_ops_byname(mp, NULL, NULL), -EINVAL);
	assert_int_equal(rte_mempool_set_ops_byname(NULL, "ring_sp_sc", NULL), -EINVAL);
	assert_int_equal(mp->ops_index, 0);
	rte_mempool_free(mp);

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(fill_ops_table());
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(rte_mempool_ops_table.num_ops, num_ops);
}

static int locked_result = 1;

static void *register_in_thread(void *ops)
{
	__atomic_store_n(&locked_result, rte_mempool_register_ops(ops), __ATOMIC_SEQ_CST);
	return NULL;
}

/*
 * Registration holds the table's lock (rte_mempool_ops_table.sl): while
 * this thread holds it, a registration in another thread does not finish
 * and the table does not change. (A correct build cannot fail this; the
 * 100 ms only give a registration that ignores the lock time to show it.)
 */
static void test_register_takes_table_lock(void **state)
{
	struct rte_mempool_ops ops = *rte_mempool_get_ops(0);
	const uint32_t num_ops = rte_mempool_ops_table.num_ops;
	pthread_t t;

	(void)state;
	snprintf(ops.name, sizeof(ops.name), "test_locked");
	rte_spinlock_lock(&rte_mempool_ops_table.sl);
	assert_int_equal(pthread_create(&t, NULL, register_in_thread, &ops), 0);
	for (int i = 0; i < 20; i++) {
		usleep(5000);
		assert_int_equal(__atomic_load_n(&locked_result, __ATOMIC_SEQ_CST), 1);
	}
	assert_int_equal(rte_mempool_ops_table.num_ops, num_ops);
	rte_spinlock_unlock(&rte_mempool_ops_table.sl);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(locked_result, (int)num_ops);
	assert_int_equal(rte_mempool_ops_table.num_ops, num_ops + 1);
}

/* A cache the heap cannot give: NULL and ENOMEM (DPDK sets it whatever the heap said). */
static void test_cache_create_no_memory(void **state)
{
	(void)state;
	rte_errno = 0;
	assert_null(rte_mempool_cache_create(8, RTE_MAX_NUMA_NODES - 1));
	assert_int_equal(rte_errno, ENOMEM);
}

/* ---- two-lcore stress through the caches ---- */

struct tracked {
	uint32_t state;   /* 0 free, 1 in flight */
	uint32_t gets;    /* times handed out by the pool */
	uint32_t puts;    /* times given back */
};

struct pool_stress {
	struct rte_mempool *mp;
	struct rte_ring *transfer;
	uint64_t count;
	uint64_t producer_errors;
	volatile int producer_done;
};

/* Worker: takes objects from the pool (its own cache) and ships them. */
static int pool_producer(void *arg)
{
	struct pool_stress *s = arg;
	void *batch[32];
	uint64_t sent = 0;

	while (sent < s->count) {
		unsigned int n = (unsigned int)RTE_MIN((uint64_t)RTE_DIM(batch), s->count - sent);
		unsigned int done = 0;

		if (rte_mempool_get_bulk(s->mp, batch, n) != 0) {
			sched_yield(); /* the consumer still holds them */
			continue;
		}
		for (unsigned int i = 0; i < n; i++) {
			struct tracked *t = batch[i];

			if (t->state != 0)
				s->producer_errors++; /* handed out twice */
			t->state = 1;
			t->gets++;
		}
		while (done < n) {
			unsigned int k = rte_ring_sp_enqueue_burst(s->transfer, batch + done, n - done,
								   NULL);

			done += k;
			if (k == 0)
				sched_yield();
		}
		sent += n;
	}
	rte_mempool_cache_flush(NULL, s->mp);
	__atomic_store_n(&s->producer_done, 1, __ATOMIC_RELEASE);
	return 0;
}

static void zero_tracked(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	(void)mp, (void)arg, (void)idx;
	memset(obj, 0, sizeof(struct tracked));
}

static void count_tracked(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	uint64_t *sums = arg;
	struct tracked *t = obj;

	(void)mp, (void)idx;
	sums[0] += t->gets;
	sums[1] += t->puts;
	sums[2] += t->state;
}

/*
 * One lcore gets objects from the pool and ships them to the other, which
 * puts them back: every object handed out once at a time, all back at the
 * end. ops: the driver (NULL: the default one, through rte_mempool_create).
 */
static void run_pool_stress(const char *ops, uint64_t count)
{
	struct pool_stress s = { .count = count };
	uint64_t received = 0, errors = 0, sums[3] = { 0 };
	unsigned int worker = rte_get_next_lcore(-1, 1, 0);
	void *batch[64];

	assert_true(worker < RTE_MAX_LCORE);
	if (ops == NULL) {
		s.mp = rte_mempool_create("mp_stress", 2048, sizeof(struct tracked), 128, 0, NULL,
					  NULL, NULL, NULL, SOCKET_ID_ANY, 0);
	} else {
		s.mp = rte_mempool_create_empty("mp_stress", 2048, sizeof(struct tracked), 128, 0,
						SOCKET_ID_ANY, 0);
		assert_non_null(s.mp);
		assert_int_equal(rte_mempool_set_ops_byname(s.mp, ops, NULL), 0);
		assert_int_equal(rte_mempool_populate_default(s.mp), 2048);
	}
	assert_non_null(s.mp);
	rte_mempool_obj_iter(s.mp, zero_tracked, NULL);
	s.transfer = rte_ring_create("mp_transfer", 512, SOCKET_ID_ANY,
				     RING_F_SP_ENQ | RING_F_SC_DEQ);
	assert_non_null(s.transfer);
	assert_int_equal(rte_eal_remote_launch(pool_producer, &s, worker), 0);

	/* Main lcore: checks each object and puts it back through its own cache. */
	for (;;) {
		unsigned int n = rte_ring_sc_dequeue_burst(s.transfer, batch, RTE_DIM(batch), NULL);

		for (unsigned int i = 0; i < n; i++) {
			struct tracked *t = batch[i];

			if (t->state != 1 || rte_mempool_from_obj(t) != s.mp)
				errors++;
			t->state = 0;
			t->puts++;
		}
		if (n != 0)
			rte_mempool_put_bulk(s.mp, batch, n);
		received += n;
		if (n == 0) {
			if (__atomic_load_n(&s.producer_done, __ATOMIC_ACQUIRE) &&
			    rte_ring_empty(s.transfer))
				break;
			sched_yield();
		}
	}
	assert_int_equal(rte_eal_wait_lcore(worker), 0);
	rte_mempool_cache_flush(NULL, s.mp);

	assert_int_equal(errors, 0);
	assert_int_equal(s.producer_errors, 0);
	assert_int_equal(received, count);
	rte_mempool_obj_iter(s.mp, count_tracked, sums);
	assert_int_equal(sums[0], count);
	assert_int_equal(sums[1], count);
	assert_int_equal(sums[2], 0);
	assert_int_equal(ring_count(s.mp), 2048);
	check_counts(s.mp, 0);
	rte_ring_free(s.transfer);
	rte_mempool_free(s.mp);
}

static void test_stress_two_lcores(void **state)
{
	(void)state;
	run_pool_stress(NULL, STRESS_OBJECTS);
}

/* The same through the stack driver (a lock) and the RTS and HTS ring drivers. */
static void test_stress_drivers(void **state)
{
	(void)state;
	run_pool_stress("stack", STRESS_OBJECTS / 10);
	run_pool_stress("ring_mt_rts", STRESS_OBJECTS / 10);
	run_pool_stress("ring_mt_hts", STRESS_OBJECTS / 10);
}

/* ---- driver ops: calc_mem_size, populate, get_info, blocks ---- */

/*
 * DPDK's default calc_mem_size on known inputs. elt_size 48 makes a
 * 128-byte object with and without the debug trailer; 5000 a 5120-byte one.
 */
static void test_calc_mem_size(void **state)
{
	struct rte_mempool *mp, *big;
	size_t min_chunk, align;

	(void)state;
	mp = rte_mempool_create_empty("mp_calc", 1000, 48, 0, 0, SOCKET_ID_ANY, 0);
	big = rte_mempool_create_empty("mp_calc_big", 10, 5000, 0, 0, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_non_null(big);
	assert_int_equal(mp->header_size + mp->elt_size + mp->trailer_size, 128);
	assert_int_equal(big->header_size + big->elt_size + big->trailer_size, 5120);

	/* No pages to mind: objects back to back. */
	min_chunk = align = 12345;
	assert_int_equal(rte_mempool_op_calc_mem_size_default(mp, 10, 0, &min_chunk, &align),
			 10 * 128);
	assert_int_equal(min_chunk, 128);
	assert_int_equal(align, RTE_MEMPOOL_ALIGN);
	/* 4 KB pages, 32 objects each: 3 full pages, 4 in the last, 127 of slack. */
	assert_int_equal(rte_mempool_op_calc_mem_size_default(mp, 100, 12, &min_chunk, &align),
			 3 * 4096 + 4 * 128 + 127);
	/* Exactly full pages still count the last one by its objects. */
	assert_int_equal(rte_mempool_op_calc_mem_size_default(mp, 64, 12, &min_chunk, &align),
			 4096 + 32 * 128 + 127);
	/* 128 bytes reserved per page: 31 objects a page, 7 in the last. */
	assert_int_equal(rte_mempool_op_calc_mem_size_helper(mp, 100, 12, 128, &min_chunk,
							     &align),
			 3 * 4096 + 128 + 7 * 128 + 127);
	assert_int_equal(rte_mempool_op_calc_mem_size_helper(mp, 100, 0, 100, &min_chunk, &align),
			 100 * 128 + 100);
	assert_int_equal(rte_mempool_op_calc_mem_size_helper(mp, 100, 12, 4096, &min_chunk,
							     &align),
			 -EINVAL);
	/* Bigger than a page: two pages of their own each. */
	min_chunk = 0;
	assert_int_equal(rte_mempool_op_calc_mem_size_default(big, 3, 12, &min_chunk, &align),
			 3 * 8192);
	assert_int_equal(min_chunk, 5120);
	/* The ring driver has none of its own: the wrapper gives the default. */
	assert_int_equal(rte_mempool_ops_calc_mem_size(mp, 100, 21, &min_chunk, &align),
			 rte_mempool_op_calc_mem_size_default(mp, 100, 21, &min_chunk, &align));
	rte_mempool_free(big);
	rte_mempool_free(mp);
}

/* The page size populate keeps objects within: the hugepage, or none. */
static void test_get_page_size(void **state)
{
	const struct rte_memzone *mz;
	const struct rte_memseg *ms;
	struct rte_mempool *mp;
	size_t pg_sz;

	(void)state;
	mz = rte_memzone_reserve("pgsz_probe", 64, SOCKET_ID_ANY, 0);
	assert_non_null(mz);
	ms = rte_mem_virt2memseg(mz->addr, NULL);
	assert_non_null(ms);
	mp = rte_mempool_create_empty("mp_pgsz", 10, 64, 0, 0, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	pg_sz = 1;
	assert_int_equal(rte_mempool_get_page_size(mp, &pg_sz), 0);
	assert_int_equal(pg_sz, ms->hugepage_sz);
	rte_mempool_free(mp);
	mp = rte_mempool_create_empty("mp_pgsz0", 10, 64, 0, 0, SOCKET_ID_ANY,
				      RTE_MEMPOOL_F_NO_IOVA_CONTIG);
	assert_non_null(mp);
	pg_sz = 1;
	assert_int_equal(rte_mempool_get_page_size(mp, &pg_sz), 0);
	assert_int_equal(pg_sz, 0);
	rte_mempool_free(mp);
	rte_memzone_free(mz);
}

/* A ring_mp_mc copy whose populate aligns objects, and which has blocks of 4. */
#define TEST_BLOCK 4

static int align_populate(struct rte_mempool *mp, unsigned int max_objs, void *vaddr,
			  rte_iova_t iova, size_t len, rte_mempool_populate_obj_cb_t *obj_cb,
			  void *obj_cb_arg)
{
	return rte_mempool_op_populate_helper(mp, RTE_MEMPOOL_POPULATE_F_ALIGN_OBJ, max_objs,
					      vaddr, iova, len, obj_cb, obj_cb_arg);
}

static unsigned int calc_calls;

static ssize_t counting_calc(const struct rte_mempool *mp, uint32_t obj_num, uint32_t pg_shift,
			     size_t *min_chunk_size, size_t *align)
{
	calc_calls++;
	return rte_mempool_op_calc_mem_size_default(mp, obj_num, pg_shift, min_chunk_size, align);
}

static int failing_populate(struct rte_mempool *mp, unsigned int max_objs, void *vaddr,
			    rte_iova_t iova, size_t len, rte_mempool_populate_obj_cb_t *obj_cb,
			    void *obj_cb_arg)
{
	(void)mp, (void)max_objs, (void)vaddr, (void)iova, (void)len, (void)obj_cb;
	(void)obj_cb_arg;
	return -EIO;
}

static int block_info(const struct rte_mempool *mp, struct rte_mempool_info *info)
{
	(void)mp;
	info->contig_block_size = TEST_BLOCK;
	return 0;
}

/*
 * Blocks straight from the object list (carved one after the other from
 * one chunk): enough for the API's contract, not a real driver (the
 * objects stay in the ring too). pool_config counts blocks handed out.
 */
static int block_dequeue(struct rte_mempool *mp, void **first_obj_table, unsigned int n)
{
	unsigned int *given = mp->pool_config;
	struct rte_mempool_objhdr *hdr;
	unsigned int i = 0, want = (*given + n) * TEST_BLOCK;

	if (want > mp->populated_size)
		return -ENOBUFS;
	STAILQ_FOREACH(hdr, &mp->elt_list, next) {
		if (i >= *given * TEST_BLOCK && i < want && i % TEST_BLOCK == 0)
			first_obj_table[i / TEST_BLOCK - *given] = (char *)hdr + sizeof(*hdr);
		i++;
	}
	*given += n;
	return 0;
}

static void register_test_ops(void)
{
	static bool done;
	struct rte_mempool_ops ops;

	if (done)
		return;
	ops = *rte_mempool_get_ops(0); /* ring_mp_mc */
	snprintf(ops.name, sizeof(ops.name), "test_align");
	ops.populate = align_populate;
	ops.calc_mem_size = counting_calc;
	assert_true(rte_mempool_register_ops(&ops) > 0);
	ops = *rte_mempool_get_ops(0);
	snprintf(ops.name, sizeof(ops.name), "test_badpop");
	ops.populate = failing_populate;
	assert_true(rte_mempool_register_ops(&ops) > 0);
	ops = *rte_mempool_get_ops(0);
	snprintf(ops.name, sizeof(ops.name), "test_blocks");
	ops.get_info = block_info;
	ops.dequeue_contig_blocks = block_dequeue;
	assert_true(rte_mempool_register_ops(&ops) > 0);
	done = true;
}

struct hdr_check {
	size_t total;
	unsigned int aligned;
	unsigned int objects;
	char *lo, *hi;
};

static void check_hdr_align(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	struct hdr_check *c = arg;
	char *start = (char *)obj - mp->header_size;

	(void)idx;
	c->objects++;
	if ((uintptr_t)start % c->total == 0)
		c->aligned++;
	if (start < c->lo || start + c->total > c->hi)
		c->aligned = UINT32_MAX / 2; /* out of the chunk: fail loudly */
}

/* RTE_MEMPOOL_POPULATE_F_ALIGN_OBJ: each object starts at a multiple of its size. */
static void test_populate_align_obj(void **state)
{
	const struct rte_memzone *mz;
	struct rte_mempool *mp;
	struct hdr_check c;
	const char *ops[] = { "ring_mp_mc", "test_align" };
	unsigned int expect[2];
	size_t total, skip;
	char *start;
	int n;

	(void)state;
	register_test_ops();
	mz = rte_memzone_reserve_aligned("align_chunk", 64 * 1024, SOCKET_ID_ANY,
					 RTE_MEMZONE_IOVA_CONTIG, 4096);
	assert_non_null(mz);
	for (unsigned int k = 0; k < 2; k++) {
		/* elt 100: a 192-byte object, not a power of 2. */
		mp = rte_mempool_create_empty("mp_align", 50, 100, 0, 0, SOCKET_ID_ANY, 0);
		assert_non_null(mp);
		total = mp->header_size + mp->elt_size + mp->trailer_size;
		assert_int_equal(total, 192);
		assert_int_equal(rte_mempool_set_ops_byname(mp, ops[k], NULL), 0);
		/* Start the chunk 64 bytes past a multiple of 192. */
		start = mz->addr;
		skip = (64 + total - (uintptr_t)start % total) % total;
		start += skip;
		n = rte_mempool_populate_iova(mp, start, mz->iova + skip, mz->len - skip, NULL,
					      NULL);
		assert_int_equal(n, 50);
		c = (struct hdr_check){ .total = total, .lo = start, .hi = start + mz->len - skip };
		assert_int_equal(rte_mempool_obj_iter(mp, check_hdr_align, &c), 50);
		assert_int_equal(c.objects, 50);
		expect[k] = c.aligned;
		rte_mempool_free(mp);
	}
	assert_int_equal(expect[0], 0);  /* default: packed from the (misaligned) start */
	assert_int_equal(expect[1], 50); /* aligned: every one */

	/* populate_default sizes with the driver's calc_mem_size and carves
	 * with its populate. */
	mp = rte_mempool_create_empty("mp_align_def", 500, 100, 0, 0, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(rte_mempool_set_ops_byname(mp, "test_align", NULL), 0);
	calc_calls = 0;
	assert_int_equal(rte_mempool_populate_default(mp), 500);
	assert_true(calc_calls >= 1);
	c = (struct hdr_check){ .total = 192, .lo = NULL, .hi = (char *)UINTPTR_MAX };
	assert_int_equal(rte_mempool_obj_iter(mp, check_hdr_align, &c), 500);
	assert_int_equal(c.aligned, 500);
	check_counts(mp, 0);
	rte_mempool_free(mp);

	/* A driver's populate that fails: its error, and the pool as it was. */
	mp = rte_mempool_create_empty("mp_badpop", 50, 100, 0, 0, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(rte_mempool_set_ops_byname(mp, "test_badpop", NULL), 0);
	assert_int_equal(rte_mempool_populate_iova(mp, mz->addr, mz->iova, mz->len, NULL, NULL),
			 -EIO);
	assert_int_equal(rte_mempool_populate_virt(mp, mz->addr, mz->len, 4096, NULL, NULL),
			 -EIO);
	assert_int_equal(rte_mempool_populate_default(mp), -EIO);
	assert_int_equal(mp->populated_size, 0);
	assert_int_equal(mp->nb_mem_chunks, 0);
	assert_int_equal(mp->flags & RTE_MEMPOOL_F_POOL_CREATED, 0);
	assert_true(STAILQ_EMPTY(&mp->elt_list));
	assert_true(STAILQ_EMPTY(&mp->mem_list));
	assert_null(mp->pool_data);
	assert_null(rte_ring_lookup("MP_mp_badpop"));
	rte_mempool_free(mp);
	rte_memzone_free(mz);
}

/* Blocks and info: ENOTSUP from the ring driver, the contract from one that has them. */
static void test_contig_blocks(void **state)
{
	struct rte_mempool_info info;
	unsigned int given = 0;
	struct rte_mempool *mp;
	void *blocks[3];

	(void)state;
	register_test_ops();
	mp = rte_mempool_create("mp_noblocks", 64, 64, 0, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(rte_mempool_ops_get_info(mp, &info), -ENOTSUP);
	assert_int_equal(rte_mempool_ops_get_info(mp, NULL), -EINVAL);
	blocks[0] = (void *)0x5a5a;
	assert_int_equal(rte_mempool_get_contig_blocks(mp, blocks, 1), -ENOTSUP);
	assert_ptr_equal(blocks[0], (void *)0x5a5a);
	assert_int_equal(rte_mempool_ops_dequeue_contig_blocks(mp, blocks, 1), -ENOTSUP);
	check_counts(mp, 0);
	rte_mempool_free(mp);

	mp = rte_mempool_create_empty("mp_blocks", 12, 64, 0, 0, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(rte_mempool_set_ops_byname(mp, "test_blocks", &given), 0);
	assert_int_equal(rte_mempool_populate_default(mp), 12);
	memset(&info, 0xa5, sizeof(info));
	assert_int_equal(rte_mempool_ops_get_info(mp, &info), 0);
	assert_int_equal(info.contig_block_size, TEST_BLOCK);
	memset(blocks, 0xa5, sizeof(blocks));
	assert_int_equal(rte_mempool_get_contig_blocks(mp, blocks, 2), 0);
	for (unsigned int i = 0; i < 2; i++) {
		const size_t total = mp->header_size + mp->elt_size + mp->trailer_size;

		assert_ptr_equal(rte_mempool_from_obj(blocks[i]), mp);
		for (unsigned int j = 1; j < TEST_BLOCK; j++)
			assert_ptr_equal(rte_mempool_from_obj(RTE_PTR_ADD(blocks[i], j * total)), mp);
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
		/* Handed out: every object of the block is marked so. */
		for (unsigned int j = 0; j < TEST_BLOCK; j++)
			assert_true(rte_mempool_get_header(RTE_PTR_ADD(blocks[i], j * total))
					    ->cookie == RTE_MEMPOOL_HEADER_COOKIE1);
#endif
	}
	assert_ptr_not_equal(blocks[0], blocks[1]);
	assert_int_equal(rte_mempool_get_contig_blocks(mp, blocks, 2), -ENOBUFS);
	assert_int_equal(given, 2);
	rte_mempool_free(mp);
}

/* ---- life-cycle events ---- */

struct event_log {
	unsigned int ready, destroy;
	struct rte_mempool *ready_mp, *destroy_mp;
	unsigned int populated_at_ready;
	bool add_late;  /* register late_cb from inside the callback */
	bool drop_self; /* unregister itself on DESTROY */
};

static struct event_log late_log;

static void note_event(enum rte_mempool_event ev, struct rte_mempool *mp, void *user_data)
{
	struct event_log *log = user_data;

	if (ev == RTE_MEMPOOL_EVENT_READY) {
		log->ready++;
		log->ready_mp = mp;
		log->populated_at_ready = mp->populated_size;
	} else if (ev == RTE_MEMPOOL_EVENT_DESTROY) {
		log->destroy++;
		log->destroy_mp = mp;
		/* Called before anything is freed: the pool is still whole. */
		assert_int_equal(mp->populated_size, mp->nb_mem_chunks ? mp->size : 0);
	}
}

static void note_event_and_more(enum rte_mempool_event ev, struct rte_mempool *mp,
				void *user_data)
{
	struct event_log *log = user_data;

	note_event(ev, mp, user_data);
	if (log->add_late) {
		log->add_late = false;
		assert_int_equal(rte_mempool_event_callback_register(note_event, &late_log), 0);
	}
	if (log->drop_self && ev == RTE_MEMPOOL_EVENT_DESTROY)
		assert_int_equal(rte_mempool_event_callback_unregister(note_event_and_more, log),
				 0);
}

static void test_events(void **state)
{
	struct event_log log = { 0 }, other = { 0 };
	const struct rte_memzone *mz;
	struct rte_mempool_objsz sz;
	struct rte_mempool *mp;

	(void)state;
	rte_errno = 0;
	assert_int_equal(rte_mempool_event_callback_register(NULL, &log), -EINVAL);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_mempool_event_callback_register(note_event, &log), 0);
	rte_errno = 0;
	assert_int_equal(rte_mempool_event_callback_register(note_event, &log), -EEXIST);
	assert_int_equal(rte_errno, EEXIST);
	/* The same function with other user data is another callback. */
	assert_int_equal(rte_mempool_event_callback_register(note_event, &other), 0);

	/* rte_mempool_create: READY once, when full; DESTROY once, on free. */
	mp = rte_mempool_create("mp_events", 100, 64, 0, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(log.ready, 1);
	assert_ptr_equal(log.ready_mp, mp);
	assert_int_equal(log.populated_at_ready, 100);
	assert_int_equal(log.destroy, 0);
	assert_int_equal(other.ready, 1);
	rte_mempool_free(mp);
	assert_int_equal(log.destroy, 1);
	assert_ptr_equal(log.destroy_mp, mp);
	assert_int_equal(log.ready, 1);
	assert_int_equal(other.destroy, 1);

	/* Two halves: READY only with the second. */
	rte_mempool_calc_obj_size(64, 0, &sz);
	mz = rte_memzone_reserve_aligned("events_chunk", 100 * sz.total_size, SOCKET_ID_ANY,
					 RTE_MEMZONE_IOVA_CONTIG, RTE_CACHE_LINE_SIZE);
	assert_non_null(mz);
	mp = rte_mempool_create_empty("mp_events2", 100, 64, 0, 0, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(rte_mempool_populate_iova(mp, mz->addr, mz->iova, 50 * sz.total_size,
						   NULL, NULL),
			 50);
	assert_int_equal(log.ready, 1);
	assert_int_equal(rte_mempool_populate_iova(mp, (char *)mz->addr + 50 * sz.total_size,
						   mz->iova + 50 * sz.total_size,
						   50 * sz.total_size, NULL, NULL),
			 50);
	assert_int_equal(log.ready, 2);
	assert_ptr_equal(log.ready_mp, mp);
	assert_int_equal(log.populated_at_ready, 100);
	rte_mempool_free(mp);
	assert_int_equal(log.destroy, 2);
	rte_memzone_free(mz);

	/* Unregister: exactly what was registered, once. */
	assert_int_equal(rte_mempool_event_callback_unregister(note_event, &other), 0);
	rte_errno = 0;
	assert_int_equal(rte_mempool_event_callback_unregister(note_event, &other), -ENOENT);
	assert_int_equal(rte_errno, ENOENT);
	assert_int_equal(rte_mempool_event_callback_unregister(note_event_and_more, &log),
			 -ENOENT);
	assert_int_equal(rte_mempool_event_callback_unregister(note_event, &log), 0);
	mp = rte_mempool_create("mp_events3", 10, 64, 0, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	rte_mempool_free(mp);
	assert_int_equal(log.ready, 2);
	assert_int_equal(log.destroy, 2);

	/* From inside a callback: one registered there waits for the next
	 * event; one may unregister itself. */
	memset(&log, 0, sizeof(log));
	memset(&late_log, 0, sizeof(late_log));
	log.add_late = true;
	log.drop_self = true;
	assert_int_equal(rte_mempool_event_callback_register(note_event_and_more, &log), 0);
	mp = rte_mempool_create("mp_events4", 10, 64, 0, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_int_equal(log.ready, 1);
	assert_int_equal(late_log.ready, 0);
	rte_mempool_free(mp);
	assert_int_equal(log.destroy, 1);
	assert_int_equal(late_log.destroy, 1);
	assert_int_equal(rte_mempool_event_callback_unregister(note_event_and_more, &log),
			 -ENOENT);
	assert_int_equal(rte_mempool_event_callback_unregister(note_event, &late_log), 0);
}

/* ---- anonymous memory ---- */

static void test_populate_anon(void **state)
{
	static void *objs[1000];
	struct rte_mempool *mp;
	unsigned int flags[] = { 0, RTE_MEMPOOL_F_NO_IOVA_CONTIG };

	(void)state;
	for (unsigned int f = 0; f < RTE_DIM(flags); f++) {
		mp = rte_mempool_create_empty("mp_anon", 1000, 64, 32, 0, SOCKET_ID_ANY,
					      flags[f]);
		assert_non_null(mp);
#ifdef RTEMEM_HAL_sim
		/* The HAL refuses the memory: 0, ENOMEM, and the pool untouched. */
		sim_fault_arm(SIM_OP_ANON_MAP, 1);
		rte_errno = 0;
		assert_int_equal(rte_mempool_populate_anon(mp), 0);
		assert_int_equal(rte_errno, ENOMEM);
		sim_fault_arm(SIM_OP_ANON_MAP, 0);
		assert_int_equal(mp->populated_size, 0);
		assert_int_equal(mp->nb_mem_chunks, 0);
		assert_int_equal(mp->flags & RTE_MEMPOOL_F_POOL_CREATED, 0);
#endif
		assert_int_equal(rte_mempool_populate_anon(mp), 1000);
		assert_int_equal(mp->populated_size, 1000);
		assert_int_equal(mp->nb_mem_chunks, 1);
		check_counts(mp, 0);
		/* Populated already: 0 and EINVAL, nothing added. */
		rte_errno = 0;
		assert_int_equal(rte_mempool_populate_anon(mp), 0);
		assert_int_equal(rte_errno, EINVAL);
		assert_int_equal(mp->populated_size, 1000);

		/* Every object usable: distinct, writable, back in the pool. */
		memset(objs, 0, sizeof(objs));
		assert_int_equal(rte_mempool_get_bulk(mp, objs, 1000), 0);
		for (unsigned int i = 0; i < 1000; i++) {
			assert_non_null(objs[i]);
			assert_ptr_equal(rte_mempool_from_obj(objs[i]), mp);
			memset(objs[i], (int)i, 64);
		}
		for (unsigned int i = 0; i < 1000; i++)
			assert_int_equal(((unsigned char *)objs[i])[63], i & 0xff);
#ifdef RTEMEM_HAL_sim
		/* Anonymous memory has no IO address on the sim: each base page is
		 * a run of its own, and no object leaves its page. */
		for (unsigned int i = 0; i < 1000; i++) {
			const size_t pg = 4096;
			char *start = (char *)objs[i] - mp->header_size;
			char *end = (char *)objs[i] + mp->elt_size + mp->trailer_size - 1;

			assert_int_equal(rte_mempool_virt2iova(objs[i]), RTE_BAD_IOVA);
			if (flags[f] == 0)
				assert_true(RTE_PTR_ALIGN_FLOOR(start, pg) ==
					    RTE_PTR_ALIGN_FLOOR(end, pg));
		}
#endif
		qsort(objs, 1000, sizeof(objs[0]), cmp_uintptr);
		for (unsigned int i = 1; i < 1000; i++)
			assert_true((uintptr_t)objs[i] - (uintptr_t)objs[i - 1] >=
				    mp->header_size + mp->elt_size + mp->trailer_size);
		check_counts(mp, 1000);
		rte_mempool_put_bulk(mp, objs, 1000);
		check_counts(mp, 0);
#ifdef RTEMEM_HAL_sim
		if (f == 1) {
			/* The OS will not unmap the memory (anon_unmap): the pool
			 * is freed all the same, its memory stays mapped. */
			struct rte_mempool_memhdr *hdr = STAILQ_FIRST(&mp->mem_list);
			void *addr = hdr->addr;
			size_t len = (size_t)(uintptr_t)hdr->opaque;
			unsigned long calls = sim_fault_calls(SIM_OP_ANON_UNMAP);

			sim_fault_arm(SIM_OP_ANON_UNMAP, 1);
			rte_mempool_free(mp);
			assert_int_equal(sim_fault_calls(SIM_OP_ANON_UNMAP), calls + 1);
			assert_null(rte_mempool_lookup("mp_anon"));
			assert_int_equal(((volatile unsigned char *)objs[999])[63], 999 & 0xff);
			assert_int_equal(munmap(addr, RTE_ALIGN_CEIL(len, 4096)), 0);
			continue;
		}
#endif
		rte_mempool_free(mp);
	}
}

/* ---- the get/put cores and the cookies ---- */

static void test_do_generic_get_put(void **state)
{
	struct rte_mempool *mp;
	void *objs[8];

	(void)state;
	mp = rte_mempool_create("mp_do", 8, 64, 0, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	memset(objs, 0, sizeof(objs));
	assert_int_equal(rte_mempool_do_generic_get(mp, objs, 8, NULL), 0);
	for (unsigned int i = 0; i < 8; i++)
		assert_ptr_equal(rte_mempool_from_obj(objs[i]), mp);
	/* Empty: the core gives the ring driver's error, the API -ENOENT. */
	assert_int_equal(rte_mempool_do_generic_get(mp, objs, 1, NULL), -ENOBUFS);
	assert_int_equal(rte_mempool_generic_get(mp, objs, 1, NULL), -ENOENT);
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	/* The core does not touch the cookies: still "in the pool". */
	assert_true(rte_mempool_get_header(objs[0])->cookie == RTE_MEMPOOL_HEADER_COOKIE2);
#endif
	rte_mempool_do_generic_put(mp, objs, 8, NULL);
	check_counts(mp, 0);
	rte_mempool_free(mp);
}

#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
static int wait_child(pid_t pid)
{
	int status;

	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

/*
 * A child that misuses obj must die of rte_panic (abort). The pool's
 * memory is shared with the child, so the misuse must panic before it
 * changes anything: a put of an object the pool holds, a put of one whose
 * trailer the parent overwrote, an audit of another pool's object.
 */
static void expect_panic(struct rte_mempool *mp, void *obj, bool put)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		rte_log_set_global_level(RTE_LOG_EMERG);
		if (put)
			rte_mempool_put(mp, obj);
		else
			rte_mempool_check_cookies(mp, &obj, 1, 2);
		_exit(0);
	}
	assert_int_equal(wait_child(pid), 128 + SIGABRT);
}
#endif

static void test_cookies(void **state)
{
	struct rte_mempool *mp, *other;
	void *obj, *obj2;

	(void)state;
	mp = rte_mempool_create("mp_cookie", 16, 64, 0, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY,
				0);
	other = rte_mempool_create("mp_cookie2", 16, 64, 0, 0, NULL, NULL, NULL, NULL,
				   SOCKET_ID_ANY, 0);
	assert_non_null(mp);
	assert_non_null(other);
	assert_int_equal(rte_mempool_get(mp, &obj), 0);
	assert_int_equal(rte_mempool_get(other, &obj2), 0);
	/* The trailer follows the element. */
	assert_ptr_equal(rte_mempool_get_trailer(obj), (char *)obj + mp->elt_size);
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	assert_true(mp->trailer_size >= sizeof(struct rte_mempool_objtlr));
	assert_true(rte_mempool_get_header(obj)->cookie == RTE_MEMPOOL_HEADER_COOKIE1);
	assert_true(rte_mempool_get_trailer(obj)->cookie == RTE_MEMPOOL_TRAILER_COOKIE);
	rte_mempool_check_cookies(mp, &obj, 1, 2); /* audit: fine, unchanged */
	assert_true(rte_mempool_get_header(obj)->cookie == RTE_MEMPOOL_HEADER_COOKIE1);
	/* One byte past the element: the put panics. */
	((char *)obj)[mp->elt_size] ^= 1;
	expect_panic(mp, obj, true);
	((char *)obj)[mp->elt_size] ^= 1;
	expect_panic(mp, obj2, false); /* not mp's */
	rte_mempool_put(mp, obj);
	assert_true(rte_mempool_get_header(obj)->cookie == RTE_MEMPOOL_HEADER_COOKIE2);
	expect_panic(mp, obj, true); /* double free */
	rte_mempool_audit(mp);
#else
	/* Without the debug build the checks are there and do nothing. */
	rte_mempool_check_cookies(mp, &obj2, 1, 0);
	rte_mempool_contig_blocks_check_cookies(mp, &obj2, 1, 0);
	RTE_MEMPOOL_CHECK_COOKIES(mp, &obj2, 1, 0);
	rte_mempool_put(mp, obj);
#endif
	rte_mempool_put(other, obj2);
	check_counts(mp, 0);
	check_counts(other, 0);
	rte_mempool_free(other);
	rte_mempool_free(mp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_lookup_free),
		cmocka_unit_test(test_every_object_iova_contiguous),
		cmocka_unit_test(test_no_straddle_when_contiguous),
		cmocka_unit_test(test_objects_bigger_than_a_page),
		cmocka_unit_test(test_profiles),
		cmocka_unit_test(test_populate_iova_and_virt),
		cmocka_unit_test(test_no_iova_contig),
		cmocka_unit_test(test_get_put_counts),
		cmocka_unit_test(test_cache_behaviour),
		cmocka_unit_test(test_default_cache_by_size),
		cmocka_unit_test(test_cache_policy_boundaries),
		cmocka_unit_test(test_non_eal_thread_no_cache),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_ops),
		cmocka_unit_test(test_callbacks_and_iterators),
		cmocka_unit_test(test_walk_and_dump),
		cmocka_unit_test(test_dump_lines),
		cmocka_unit_test(test_audit_finds_faults),
		cmocka_unit_test(test_name_lengths),
		cmocka_unit_test(test_create_reports_driver_error),
		cmocka_unit_test(test_driver_results),
		cmocka_unit_test(test_ops_table_bounds),
		cmocka_unit_test(test_register_takes_table_lock),
		cmocka_unit_test(test_cache_create_no_memory),
		cmocka_unit_test(test_stack_and_ring_mode_drivers),
		cmocka_unit_test(test_calc_mem_size),
		cmocka_unit_test(test_get_page_size),
		cmocka_unit_test(test_populate_align_obj),
		cmocka_unit_test(test_contig_blocks),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_create_limits),
		cmocka_unit_test(test_populate_anon),
		cmocka_unit_test(test_do_generic_get_put),
		cmocka_unit_test(test_cookies),
		cmocka_unit_test(test_stress_two_lcores),
		cmocka_unit_test(test_stress_drivers),
	};

	return cmocka_run_group_tests_name("mempool", tests, setup, teardown);
}
