/* SPDX-License-Identifier: BSD-3-Clause
 * Memseg lists and page allocation: pages go in and out of the lists, their
 * IOVAs are the machine's, and a failure at any HAL call changes nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "eal_private.h"
#include "rtetest.h"
#ifdef RTEMEM_HAL_sim
#include "sim_machine.h"
#endif

/* Pages this test may use: all of a small sim pool, a few real ones. */
static unsigned int test_pages(void)
{
	return rtetest_hal_is_sim() ? 16 : 8;
}

static uint64_t hugepage_size(void)
{
	return internal_config.hugepage_info[0].hugepage_sz;
}

static void boot(const char *args)
{
	if (rtetest_no_hugepages())
		skip();
	assert_true(rtetest_eal_init(args) >= 0);
}

/* Everything that must be unchanged after a failed allocation. */
struct snapshot {
	unsigned int count[RTE_MAX_MEMSEG_LISTS];
	uint32_t version[RTE_MAX_MEMSEG_LISTS];
	unsigned int pool_free;
	uint64_t physmem;
};

static void take_snapshot(struct snapshot *s)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	memset(s, 0, sizeof(*s));
	for (unsigned int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		s->count[i] = mcfg->memsegs[i].memseg_arr.count;
		s->version[i] = mcfg->memsegs[i].version;
	}
#ifdef RTEMEM_HAL_sim
	s->pool_free = sim_pool_free_pages(0);
#endif
	s->physmem = rte_eal_get_physmem_size();
}

static int alloc_bulk(struct rte_memseg **ms, int n, int socket, bool exact)
{
	int ret;

	rte_mcfg_mem_write_lock();
	ret = eal_memalloc_alloc_seg_bulk(ms, n, hugepage_size(), socket, exact);
	rte_mcfg_mem_write_unlock();
	return ret;
}

static void free_all(struct rte_memseg **ms, int n)
{
	rte_mcfg_mem_write_lock();
	assert_int_equal(eal_memalloc_free_seg_bulk(ms, n), 0);
	rte_mcfg_mem_write_unlock();
}

static int count_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	RTE_SET_USED(msl);
	RTE_SET_USED(ms);
	(*(unsigned int *)arg)++;
	return 0;
}

static int sum_contig(const struct rte_memseg_list *msl, const struct rte_memseg *ms, size_t len,
		      void *arg)
{
	RTE_SET_USED(msl);
	assert_int_equal((uintptr_t)ms->addr % ms->hugepage_sz, 0);
	*(size_t *)arg += len;
	return 0;
}

static void test_alloc_until_exhausted_and_back(void **state)
{
	char args[128];
	unsigned int n = test_pages();
	struct rte_memseg *ms[64];
	struct snapshot before, after;
	unsigned int got = 0, walked = 0;
	size_t contig = 0;

	RTE_SET_USED(state);
	snprintf(args, sizeof(args), "--sim=pages=%u,seed=7", n);
	boot(args);
	take_snapshot(&before);
	assert_int_equal(before.physmem, 0);

	/* One page at a time until the machine says no. */
	for (;;) {
		rte_mcfg_mem_write_lock();
		ms[got] = eal_memalloc_alloc_seg(hugepage_size(), 0);
		rte_mcfg_mem_write_unlock();
		if (ms[got] == NULL || got + 1 == n)
			break;
		got++;
	}
	if (ms[got] != NULL)
		got++;
	if (rtetest_hal_is_sim()) {
		struct rte_memseg *extra = NULL;

		assert_int_equal(got, n);
		assert_int_equal(alloc_bulk(&extra, 1, 0, true), -ENOMEM);
		assert_null(extra);
	}
	assert_true(got > 0);
	assert_int_equal(rte_eal_get_physmem_size(), (uint64_t)got * hugepage_size());

	for (unsigned int i = 0; i < got; i++) {
		char *va = ms[i]->addr;

		assert_non_null(va);
		assert_int_equal((uintptr_t)va % hugepage_size(), 0);
		assert_int_equal(ms[i]->iova % hugepage_size(), 0);
		assert_int_equal(ms[i]->len, hugepage_size());
		assert_int_equal(ms[i]->socket_id, 0);
#ifdef RTEMEM_HAL_sim
		/* The IOVA is the sim pool's physical address of this page. */
		assert_int_equal(ms[i]->iova, sim_pool_virt2phys(va));
		assert_ptr_equal(sim_pool_phys2virt(ms[i]->iova + 100), va + 100);
#endif
		/* Distinct pages, distinct IOVAs. */
		for (unsigned int j = 0; j < i; j++)
			assert_true(ms[j]->iova != ms[i]->iova);
		/* The memory is there and ours. */
		memset(va, (int)i, 4096);
		assert_int_equal(va[4095], (char)i);
		assert_int_equal(rte_mem_virt2iova(va + 123), ms[i]->iova + 123);
		assert_ptr_equal(rte_mem_iova2virt(ms[i]->iova + 5), va + 5);
		assert_ptr_equal(rte_mem_virt2memseg(va + 77, NULL), ms[i]);
		assert_non_null(rte_mem_virt2memseg_list(va));
	}
	rte_memseg_walk(count_seg, &walked);
	assert_int_equal(walked, got);
	rte_memseg_contig_walk(sum_contig, &contig);
	assert_int_equal(contig, (size_t)got * hugepage_size());

	free_all(ms, (int)got);
	take_snapshot(&after);
	assert_int_equal(after.physmem, 0);
	assert_int_equal(after.pool_free, before.pool_free);
	for (unsigned int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++)
		assert_int_equal(after.count[i], before.count[i]);
	assert_null(rte_mem_virt2memseg(ms[0], NULL));
	rte_eal_cleanup();
}

static void test_bulk_exact_is_all_or_nothing(void **state)
{
	char args[128];
	unsigned int n = test_pages();
	struct rte_memseg *ms[64];
	struct snapshot before, after;
	int got;

	RTE_SET_USED(state);
	if (!rtetest_hal_is_sim())
		skip(); /* needs a pool of known size */
	snprintf(args, sizeof(args), "--sim=pages=%u", n);
	boot(args);
	take_snapshot(&before);
	assert_int_equal(alloc_bulk(ms, (int)n + 1, 0, true), -ENOMEM);
	take_snapshot(&after);
	assert_memory_equal(&before, &after, sizeof(before));

	/* Not exact: as many as there are, VA-contiguous. */
	got = alloc_bulk(ms, (int)n + 4, 0, false);
	assert_int_equal(got, (int)n);
	for (int i = 1; i < got; i++)
		assert_ptr_equal(ms[i]->addr, RTE_PTR_ADD(ms[i - 1]->addr, hugepage_size()));
	free_all(ms, got);
	rte_eal_cleanup();
}

static void test_bad_arguments(void **state)
{
	struct rte_memseg *ms[2];
	struct rte_memseg fake;

	RTE_SET_USED(state);
	boot("--sim=pages=4");
	/* Internal calls: -errno, and rte_errno is left as it was. */
	rte_errno = 12345;
	assert_int_equal(eal_memalloc_alloc_seg_bulk(ms, 0, hugepage_size(), 0, true), -EINVAL);
	/* No list of that page size: nothing to allocate from. */
	assert_int_equal(eal_memalloc_alloc_seg_bulk(ms, 1, 4096 * 3, 0, true), -ENOMEM);
	/* A socket that does not exist. */
	assert_int_equal(eal_memalloc_alloc_seg_bulk(ms, 1, hugepage_size(), 5, true), -ENOMEM);
	memset(&fake, 0, sizeof(fake));
	fake.addr = &fake;
	assert_int_equal(eal_memalloc_free_seg(&fake), -EINVAL);
	assert_int_equal(eal_memalloc_free_seg(NULL), -EINVAL);
	assert_int_equal(rte_errno, 12345);
	assert_null(rte_mem_virt2memseg(&fake, NULL));
	assert_null(rte_mem_virt2memseg_list(&fake));
	rte_eal_cleanup();
}


static int stop_list_walk(const struct rte_memseg_list *msl, void *arg)
{
	RTE_SET_USED(msl);
	(*(unsigned int *)arg)++;
	return -5; /* any negative: the walk reports -1 */
}

static int stop_contig_walk(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
			    size_t len, void *arg)
{
	RTE_SET_USED(msl);
	RTE_SET_USED(len);
	*(const struct rte_memseg **)arg = ms;
	return 7; /* any positive: the walk reports 1 */
}

/* Address questions, walks that stop early, the layout dump, a page freed twice. */
static void test_queries_and_walks(void **state)
{
	struct rte_memseg *ms[2];
	const struct rte_memseg *seen = NULL;
	struct rte_memseg_list *msl;
	char line[256];
	unsigned int calls = 0, lines = 0;
	FILE *f;

	RTE_SET_USED(state);
	boot("--sim=pages=4");
	assert_int_equal(alloc_bulk(ms, 2, 0, true), 2);
	msl = rte_mem_virt2memseg_list(ms[0]->addr);
	assert_non_null(msl);

	if (rte_eal_iova_mode() == RTE_IOVA_PA) {
		assert_int_equal(rte_mem_virt2phy((char *)ms[1]->addr + 5), ms[1]->iova + 5);
		assert_int_equal(rte_eal_using_phys_addrs(), 1);
	}
	if (rtetest_hal_is_sim()) {
		int local;

		/* Not hugepage memory: the machine has no physical address for it. */
		assert_int_equal(rte_mem_virt2iova(&local), RTE_BAD_IOVA);
		assert_int_equal(rte_mem_virt2phy(&local), RTE_BAD_IOVA);
	}
	/* Inside the list, but a page nobody mapped; past the end of a given list. */
	assert_null(rte_mem_virt2memseg(RTE_PTR_ADD(msl->base_va, msl->len - msl->page_sz), NULL));
	assert_null(rte_mem_virt2memseg(RTE_PTR_ADD(msl->base_va, msl->len), msl));

	assert_int_equal(rte_memseg_list_walk(stop_list_walk, &calls), -1);
	assert_int_equal(calls, 1);
	assert_int_equal(rte_memseg_contig_walk(stop_contig_walk, &seen), 1);
	assert_ptr_equal(seen, ms[0]);

	f = tmpfile();
	assert_non_null(f);
	rte_dump_physmem_layout(f);
	rewind(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		char want[64];

		snprintf(want, sizeof(want), "Segment %d-%u: IOVA:0x%" PRIx64 ",",
			 (int)(msl - eal_mcfg()->memsegs), lines, ms[lines]->iova);
		assert_true(lines < 2);
		assert_non_null(strstr(line, want));
		lines++;
	}
	fclose(f);
	assert_int_equal(lines, 2);

	/* A page freed twice: the first free cleared the segment, the second is refused. */
	rte_mcfg_mem_write_lock();
	assert_int_equal(eal_memalloc_free_seg(ms[1]), 0);
	assert_int_equal(eal_memalloc_free_seg(ms[1]), -EINVAL);
	/* In a bulk, one bad page fails the call; the good ones are freed. */
	assert_int_equal(eal_memalloc_free_seg_bulk(ms, 2), -EINVAL);
	rte_mcfg_mem_write_unlock();
	assert_int_equal(rte_eal_get_physmem_size(), 0);
	rte_eal_cleanup();
}

#ifdef RTEMEM_HAL_sim
/* The nth HAL call of op fails: the allocation fails with err and nothing
 * changes. */
static void check_fault(enum sim_op op, unsigned int nth, int err)
{
	struct rte_memseg *ms[8];
	struct snapshot before, after;
	int got;

	take_snapshot(&before);
	sim_fault_arm(op, nth);
	got = alloc_bulk(ms, 8, 0, true);
	sim_fault_arm(op, 0);
	assert_int_equal(got, err);
	take_snapshot(&after);
	assert_memory_equal(&before, &after, sizeof(before));
	/* And the machine still works afterwards. */
	got = alloc_bulk(ms, 8, 0, true);
	assert_int_equal(got, 8);
	free_all(ms, got);
}

static void test_fault_injection_leaves_lists_unchanged(void **state)
{
	RTE_SET_USED(state);
	boot("--sim=pages=16");
	for (unsigned int nth = 1; nth <= 8; nth++) {
		check_fault(SIM_OP_PAGE_MAP, nth, -ENOMEM);
		check_fault(SIM_OP_VIRT2IOVA, nth, -EFAULT);
	}
	rte_eal_cleanup();
}

static void test_two_sockets(void **state)
{
	struct rte_memseg *ms[4];

	RTE_SET_USED(state);
	boot("--sim=sockets=2,pages=4");
	assert_int_equal(alloc_bulk(ms, 4, 1, true), 4);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(ms[i]->socket_id, 1);
		/* Socket 1's physical range starts at 2 << 40. */
		assert_int_equal(ms[i]->iova >> 40, 2);
		assert_int_equal(rte_mem_virt2memseg_list(ms[i]->addr)->socket_id, 1);
	}
	assert_int_equal(sim_pool_free_pages(1), 0);
	assert_int_equal(sim_pool_free_pages(0), 4);
	free_all(ms, 4);
	assert_int_equal(sim_pool_free_pages(1), 4);
	rte_eal_cleanup();
}

/* Each profile: lists of its page size, VA aligned to it, one page maps. */
static void test_profiles(void **state)
{
	static const struct {
		const char *name;
		size_t base, huge;
	} profiles[] = {
		{ "4K/2M", 4096, 2UL << 20 },
		{ "16K/32M", 16384, 32UL << 20 },
		{ "64K/512M", 65536, 512UL << 20 },
		{ "4K/1G", 4096, 1UL << 30 },
	};

	RTE_SET_USED(state);
	for (size_t p = 0; p < RTE_DIM(profiles); p++) {
		char args[128];
		struct rte_memseg *ms[2];
		struct rte_memseg_list *msl;

		snprintf(args, sizeof(args), "--sim=profile=%s,pages=2", profiles[p].name);
		boot(args);
		assert_int_equal(hal_base_page_size(), profiles[p].base);
		assert_int_equal(hugepage_size(), profiles[p].huge);
		msl = &eal_mcfg()->memsegs[0];
		assert_int_equal(msl->page_sz, profiles[p].huge);
		assert_int_equal((uintptr_t)msl->base_va % profiles[p].huge, 0);
		/* The fbarray mapping is whole base pages. */
		assert_int_equal((uintptr_t)msl->memseg_arr.data % profiles[p].base, 0);
		assert_int_equal(alloc_bulk(ms, 2, 0, true), 2);
		assert_int_equal(ms[0]->iova % profiles[p].huge, 0);
		free_all(ms, 2);
		rte_eal_cleanup();
	}
}

static void test_iova_as_va(void **state)
{
	struct rte_memseg *ms[1];

	RTE_SET_USED(state);
	boot("--sim=pages=2 --iova-mode=va");
	assert_int_equal(rte_eal_iova_mode(), RTE_IOVA_VA);
	assert_int_equal(alloc_bulk(ms, 1, 0, true), 1);
	assert_int_equal(ms[0]->iova, (uintptr_t)ms[0]->addr);
	assert_int_equal(rte_mem_virt2iova((char *)ms[0]->addr + 9), (uintptr_t)ms[0]->addr + 9);
	assert_ptr_equal(rte_mem_iova2virt(ms[0]->iova + 9), (char *)ms[0]->addr + 9);
	assert_int_equal(rte_eal_using_phys_addrs(), 0);
	free_all(ms, 1);
	rte_eal_cleanup();
}
#endif

/*
 * A hugepage is whole once it is mapped: the kernel allocates and zeroes
 * it at once, so touching it later costs no fault per base page. The sim
 * HAL populates its pages to behave the same (see map_backing). Every byte
 * of a fresh page reads zero.
 */
static void test_pages_are_backed_and_zero_when_mapped(void **state)
{
	struct rte_memseg *ms[4];
	unsigned char vec[4096];
	long base = sysconf(_SC_PAGESIZE);
	size_t pg;

	RTE_SET_USED(state);
	boot(NULL);
	pg = hugepage_size();
	assert_int_equal(alloc_bulk(ms, 4, 0, true), 4);
	for (unsigned int i = 0; i < 4; i++) {
		size_t nvec = pg / (size_t)base;
		const uint64_t *w = ms[i]->addr;

		if (nvec > sizeof(vec))
			nvec = sizeof(vec); /* the first 16 MB (4 KiB base pages) */
		memset(vec, 0xa5, sizeof(vec));
		assert_int_equal(mincore(ms[i]->addr, nvec * (size_t)base, vec), 0);
		/* qemu-user (the cross tests) maps guest memory itself and does
		 * not pass MAP_POPULATE on: residency is the host kernel's
		 * business there. The bytes must be zero all the same. */
		for (size_t k = 0; k < nvec && !rtetest_emulated(); k++)
			assert_int_equal(vec[k] & 1, 1);
		for (size_t k = 0; k < pg / sizeof(*w); k++)
			if (w[k] != 0)
				fail_msg("page %u: byte %zu is not zero", i, k * sizeof(*w));
	}
	free_all(ms, 4);
	rte_eal_cleanup();
}

/* -m maps pages at init that stay for the life of the process. */
static void test_prealloc_is_kept(void **state)
{
	struct snapshot s;
	const struct rte_memseg *first;

	RTE_SET_USED(state);
	boot(rtetest_hal_is_sim() ? "-m 8 --sim=pages=8,sockets=2" : "-m 8");
	take_snapshot(&s);
	assert_int_equal(s.physmem, RTE_ALIGN_CEIL((uint64_t)8 << 20, hugepage_size()));
	first = rte_fbarray_get(&eal_mcfg()->memsegs[0].memseg_arr, 0);
	assert_true(first->flags & RTE_MEMSEG_FLAG_DO_NOT_FREE);
	assert_int_equal(eal_memalloc_free_seg((struct rte_memseg *)first), -EBUSY);
	rte_eal_cleanup();
}

/* The file behind a page: the same descriptor each time, the page's bytes. */
static void test_memseg_fds(void **state)
{
	struct rte_memseg *ms[2], fake;
	uint64_t pattern = 0x0123456789ABCDEFull, got = 0;
	size_t off;
	int fd;

	RTE_SET_USED(state);
	boot(NULL);
	assert_int_equal(alloc_bulk(ms, 2, 0, true), 2);
	fd = rte_memseg_get_fd(ms[0]);
	assert_true(fd >= 0);
	assert_int_equal(rte_memseg_get_fd(ms[0]), fd);
	assert_int_equal(rte_memseg_get_fd_thread_unsafe(ms[0]), fd);
	assert_true(rte_memseg_get_fd(ms[1]) >= 0);
	assert_int_not_equal(rte_memseg_get_fd(ms[1]), fd);
	off = (size_t)-1;
	assert_int_equal(rte_memseg_get_fd_offset(ms[0], &off), 0);
	assert_int_equal(off, 0);
	off = (size_t)-1;
	assert_int_equal(rte_memseg_get_fd_offset_thread_unsafe(ms[1], &off), 0);
	assert_int_equal(off, 0);
	memcpy((char *)ms[0]->addr + 64, &pattern, sizeof(pattern));
	assert_int_equal(pread(fd, &got, sizeof(got), 64), sizeof(got));
	assert_int_equal(got, pattern);

	assert_int_equal(rte_memseg_get_fd(NULL), -1);
	assert_int_equal(rte_errno, EINVAL);
	memset(&fake, 0, sizeof(fake));
	fake.addr = ms[0]->addr;
	assert_int_equal(rte_memseg_get_fd(&fake), -1); /* not one of the lists' */
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_memseg_get_fd_offset(ms[0], NULL), -1);
	assert_int_equal(rte_errno, EINVAL);
	free_all(&ms[1], 1);
	assert_int_equal(rte_memseg_get_fd(ms[1]), -1);
	assert_int_equal(rte_errno, ENOENT);
	off = 7;
	assert_int_equal(rte_memseg_get_fd_offset(ms[1], &off), -1);
	assert_int_equal(rte_errno, ENOENT);
	assert_int_equal(off, 7);
	free_all(ms, 1);
	rte_eal_cleanup();

	/* In-memory pages have no files to give. */
	boot("--in-memory");
	assert_int_equal(alloc_bulk(ms, 1, 0, true), 1);
	assert_int_equal(rte_memseg_get_fd(ms[0]), -1);
	assert_int_equal(rte_errno, ENOTSUP);
	free_all(ms, 1);
	rte_eal_cleanup();
}

static int find_last_iova(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
			  void *arg)
{
	RTE_SET_USED(msl);
	*(uint64_t *)arg = RTE_MAX(*(uint64_t *)arg, ms->iova + ms->len - 1);
	return 0;
}

/* Every memseg's IOVA must fit the mask; the narrowest kept holds back growth. */
static void test_dma_mask(void **state)
{
	struct rte_memseg *ms[1];
	struct snapshot before, after;
	uint64_t last = 0;
	unsigned int bits;

	RTE_SET_USED(state);
	boot(NULL);
	assert_int_equal(rte_mem_check_dma_mask(12), 0); /* nothing mapped yet */
	assert_int_equal(eal_mcfg()->dma_maskbits, 12);
	rte_eal_cleanup();

	boot(NULL);
	assert_int_equal(alloc_bulk(ms, 1, 0, true), 1);
	assert_int_equal(rte_memseg_walk(find_last_iova, &last), 0);
	bits = 64 - (unsigned int)__builtin_clzll(last);
	assert_int_equal(rte_mem_check_dma_mask(64), -1);
	assert_int_equal(rte_mem_check_dma_mask((uint8_t)(bits - 1)), 1);
	assert_int_equal(eal_mcfg()->dma_maskbits, 0); /* a failed check keeps nothing */
	assert_int_equal(rte_mem_check_dma_mask((uint8_t)bits), 0);
	assert_int_equal(eal_mcfg()->dma_maskbits, bits);
	rte_mcfg_mem_read_lock();
	assert_int_equal(rte_mem_check_dma_mask_thread_unsafe(63), 0);
	rte_mcfg_mem_read_unlock();
	assert_int_equal(eal_mcfg()->dma_maskbits, bits); /* the narrowest stays */
	rte_mem_set_dma_mask((uint8_t)(bits + 1));
	assert_int_equal(eal_mcfg()->dma_maskbits, bits);

	/* No page fits 12 bits: the heap cannot grow, and nothing changes. */
	rte_mem_set_dma_mask(12);
	assert_int_equal(eal_mcfg()->dma_maskbits, 12);
	take_snapshot(&before);
	assert_null(rte_malloc(NULL, hugepage_size(), 0));
	take_snapshot(&after);
	assert_memory_equal(before.count, after.count, sizeof(before.count));
	assert_int_equal(before.pool_free, after.pool_free);
	assert_int_equal(before.physmem, after.physmem);
	free_all(ms, 1);
	rte_eal_cleanup();
}

static void test_mem_lock_page(void **state)
{
	struct rte_memseg *ms[1];

	RTE_SET_USED(state);
	boot(NULL);
	assert_int_equal(alloc_bulk(ms, 1, 0, true), 1);
	assert_int_equal(rte_mem_lock_page((char *)ms[0]->addr + 100), 0);
	assert_int_equal(munlock(ms[0]->addr, hal_base_page_size()), 0);
	/* Nothing is mapped at the first page of the address space. The
	 * sanitizers' mlock does nothing and succeeds, so only without them. */
	if (!RTETEST_ASAN && !RTETEST_TSAN) {
		assert_int_equal(rte_mem_lock_page((void *)16), -1);
		assert_int_equal(rte_errno, ENOMEM);
	}
	free_all(ms, 1);
	rte_eal_cleanup();
}

static int ext_events[2];

static void count_ext_event(enum rte_mem_event ev, const void *addr, size_t len, void *arg)
{
	RTE_SET_USED(addr);
	RTE_SET_USED(len);
	RTE_SET_USED(arg);
	ext_events[ev == RTE_MEM_EVENT_FREE]++;
}

/* The application's own memory, described by a list of its own. */
static void test_extmem(void **state)
{
	rte_iova_t iovas[4] = { 0x100000, 0x200000, 0x300000, 0x400000 };
	struct rte_memseg_list *msl;
	struct rte_memseg *ms;
	uint64_t physmem;
	char *va, *va2;
	int socket;
	size_t pg;

	RTE_SET_USED(state);
	boot(NULL);
	pg = hal_base_page_size();
	physmem = rte_eal_get_physmem_size();
	va = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	va2 = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(va != MAP_FAILED && va2 != MAP_FAILED);
	assert_int_equal(rte_extmem_register(NULL, 4 * pg, iovas, 4, pg), -1);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_extmem_register(va, 4 * pg + 1, iovas, 4, pg), -1);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_extmem_register(va, 4 * pg, iovas, 3, pg), -1);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_extmem_register(va, 4 * pg, iovas, 4, pg - 1), -1);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_extmem_register(va + 64, 3 * pg, iovas, 3, pg), -1);
	assert_int_equal(rte_errno, EINVAL);

	memset(ext_events, 0, sizeof(ext_events));
	assert_int_equal(rte_mem_event_callback_register("ext", count_ext_event, NULL), 0);
	assert_int_equal(rte_extmem_register(va, 4 * pg, iovas, 4, pg), 0);
	assert_int_equal(ext_events[0], 1);
	assert_int_equal(rte_extmem_register(va, 4 * pg, iovas, 4, pg), -1);
	assert_int_equal(rte_errno, EEXIST);
	msl = rte_mem_virt2memseg_list(va + 5);
	assert_non_null(msl);
	assert_int_equal(msl->external, 1);
	assert_int_equal(msl->page_sz, pg);
	assert_int_equal(msl->len, 4 * pg);
	assert_true(msl->socket_id >= RTE_MAX_NUMA_NODES);
	socket = msl->socket_id;
	ms = rte_mem_virt2memseg(va + pg + 3, msl);
	assert_non_null(ms);
	assert_ptr_equal(ms->addr, va + pg);
	assert_int_equal(ms->iova, 0x200000);
	assert_int_equal(ms->socket_id, socket);
	if (rte_eal_iova_mode() != RTE_IOVA_VA)
		assert_int_equal(rte_mem_virt2iova(va + pg + 3), 0x200003);
	assert_int_equal(rte_memseg_get_fd(ms), -1);
	assert_int_equal(rte_errno, ENOTSUP);
	assert_int_equal(rte_eal_get_physmem_size(), physmem); /* not EAL's memory */

	/* Without IOVAs; the next socket id. */
	assert_int_equal(rte_extmem_register(va2, 2 * pg, NULL, 0, pg), 0);
	msl = rte_mem_virt2memseg_list(va2);
	assert_non_null(msl);
	assert_int_equal(msl->socket_id, socket + 1);
	assert_int_equal(rte_mem_virt2memseg(va2, msl)->iova, RTE_BAD_IOVA);

	assert_int_equal(rte_extmem_attach(va, 3 * pg), -1); /* no such area */
	assert_int_equal(rte_errno, ENOENT);
	assert_int_equal(rte_extmem_unregister(va, 3 * pg), -1);
	assert_int_equal(rte_errno, ENOENT);
	assert_int_equal(rte_extmem_unregister(NULL, pg), -1);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_extmem_unregister(va, 4 * pg), 0);
	assert_int_equal(ext_events[1], 1);
	assert_null(rte_mem_virt2memseg_list(va));
	assert_int_equal(rte_mem_event_callback_unregister("ext", NULL), 0);

	/* Shutdown forgets va2's list but leaves its memory to us. */
	rte_eal_cleanup();
	va2[7] = 42;
	assert_int_equal(va2[7], 42);
	munmap(va, 4 * pg);
	munmap(va2, 2 * pg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_until_exhausted_and_back),
		cmocka_unit_test(test_bulk_exact_is_all_or_nothing),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_prealloc_is_kept),
		cmocka_unit_test(test_pages_are_backed_and_zero_when_mapped),
		cmocka_unit_test(test_queries_and_walks),
		cmocka_unit_test(test_memseg_fds),
		cmocka_unit_test(test_dma_mask),
		cmocka_unit_test(test_mem_lock_page),
		cmocka_unit_test(test_extmem),
#ifdef RTEMEM_HAL_sim
		cmocka_unit_test(test_fault_injection_leaves_lists_unchanged),
		cmocka_unit_test(test_two_sockets),
		cmocka_unit_test(test_profiles),
		cmocka_unit_test(test_iova_as_va),
#endif
	};

	return cmocka_run_group_tests_name("memseg", tests, NULL, NULL);
}
