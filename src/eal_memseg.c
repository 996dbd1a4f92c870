/* SPDX-License-Identifier: BSD-3-Clause
 * Questions about mapped memory: which memseg holds an address, its IOVA,
 * and walks over lists, pages and VA-contiguous runs of pages.
 */
#include <inttypes.h>
#include <stdio.h>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_memory.h>

#include "eal_private.h"

struct rte_memseg_list *rte_mem_virt2memseg_list(const void *addr)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	uintptr_t va = (uintptr_t)addr;

	if (mcfg == NULL)
		return NULL;
	for (unsigned int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];
		uintptr_t base = (uintptr_t)msl->base_va;

		if (msl->base_va != NULL && va >= base && va - base < msl->len)
			return msl;
	}
	return NULL;
}

struct rte_memseg *rte_mem_virt2memseg(const void *addr, const struct rte_memseg_list *msl)
{
	unsigned int idx;

	if (msl == NULL)
		msl = rte_mem_virt2memseg_list(addr);
	if (msl == NULL || msl->base_va == NULL || (uintptr_t)addr < (uintptr_t)msl->base_va)
		return NULL;
	if (RTE_PTR_DIFF(addr, msl->base_va) >= msl->len)
		return NULL;
	idx = (unsigned int)(RTE_PTR_DIFF(addr, msl->base_va) / msl->page_sz);
	if (!rte_fbarray_is_used((struct rte_fbarray *)&msl->memseg_arr, idx))
		return NULL;
	return rte_fbarray_get(&msl->memseg_arr, idx);
}

bool eal_memseg_range_mapped(const struct rte_memseg_list *msl, const void *va, size_t len)
{
	size_t off;

	if (msl == NULL || msl->base_va == NULL || len == 0 ||
	    (uintptr_t)va < (uintptr_t)msl->base_va)
		return false;
	off = RTE_PTR_DIFF(va, msl->base_va);
	if (off >= msl->len || len > msl->len - off)
		return false;
	return eal_fbarray_all_used((struct rte_fbarray *)&msl->memseg_arr,
				    (unsigned int)(off / msl->page_sz),
				    (unsigned int)((off + len - 1) / msl->page_sz));
}

phys_addr_t rte_mem_virt2phy(const void *virt)
{
	const struct rte_memseg *ms = rte_mem_virt2memseg(virt, NULL);

	if (ms != NULL && rte_config.iova_mode != RTE_IOVA_VA)
		return ms->iova + RTE_PTR_DIFF(virt, ms->addr);
	return hal_virt2iova(virt);
}

rte_iova_t rte_mem_virt2iova(const void *virt)
{
	const struct rte_memseg *ms;

	if (rte_config.iova_mode == RTE_IOVA_VA)
		return (rte_iova_t)(uintptr_t)virt;
	ms = rte_mem_virt2memseg(virt, NULL);
	if (ms != NULL)
		return ms->iova + RTE_PTR_DIFF(virt, ms->addr);
	return hal_virt2iova(virt);
}

struct iova2virt_arg {
	rte_iova_t iova;
	void *va;
};

static int find_iova(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	struct iova2virt_arg *a = arg;

	RTE_SET_USED(msl);
	if (a->iova >= ms->iova && a->iova - ms->iova < ms->len) {
		a->va = RTE_PTR_ADD(ms->addr, a->iova - ms->iova);
		return 1;
	}
	return 0;
}

void *rte_mem_iova2virt(rte_iova_t iova)
{
	struct iova2virt_arg a = { .iova = iova, .va = NULL };

	if (rte_config.iova_mode == RTE_IOVA_VA)
		return (void *)(uintptr_t)iova;
	rte_memseg_walk(find_iova, &a);
	return a.va;
}

int rte_memseg_list_walk_thread_unsafe(rte_memseg_list_walk_t func, void *arg)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	for (unsigned int i = 0; mcfg != NULL && i < RTE_MAX_MEMSEG_LISTS; i++) {
		int ret;

		if (mcfg->memsegs[i].base_va == NULL)
			continue;
		ret = func(&mcfg->memsegs[i], arg);
		if (ret != 0)
			return ret < 0 ? -1 : 1;
	}
	return 0;
}

int rte_memseg_walk_thread_unsafe(rte_memseg_walk_t func, void *arg)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	for (unsigned int i = 0; mcfg != NULL && i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];
		int idx;

		if (msl->base_va == NULL)
			continue;
		for (idx = rte_fbarray_find_next_used(&msl->memseg_arr, 0); idx >= 0;
		     idx = rte_fbarray_find_next_used(&msl->memseg_arr, (unsigned int)idx + 1)) {
			int ret = func(msl, rte_fbarray_get(&msl->memseg_arr, (unsigned int)idx), arg);

			if (ret != 0)
				return ret < 0 ? -1 : 1;
		}
	}
	return 0;
}

int rte_memseg_contig_walk_thread_unsafe(rte_memseg_contig_walk_t func, void *arg)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	for (unsigned int i = 0; mcfg != NULL && i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];
		int idx;

		if (msl->base_va == NULL)
			continue;
		for (idx = rte_fbarray_find_next_used(&msl->memseg_arr, 0); idx >= 0;) {
			int n = rte_fbarray_find_contig_used(&msl->memseg_arr, (unsigned int)idx);
			int ret = func(msl, rte_fbarray_get(&msl->memseg_arr, (unsigned int)idx),
				       (size_t)n * msl->page_sz, arg);

			if (ret != 0)
				return ret < 0 ? -1 : 1;
			if ((unsigned int)(idx + n) >= msl->memseg_arr.len)
				break;
			idx = rte_fbarray_find_next_used(&msl->memseg_arr, (unsigned int)(idx + n));
		}
	}
	return 0;
}

int rte_memseg_list_walk(rte_memseg_list_walk_t func, void *arg)
{
	int ret;

	rte_mcfg_mem_read_lock();
	ret = rte_memseg_list_walk_thread_unsafe(func, arg);
	rte_mcfg_mem_read_unlock();
	return ret;
}

int rte_memseg_walk(rte_memseg_walk_t func, void *arg)
{
	int ret;

	rte_mcfg_mem_read_lock();
	ret = rte_memseg_walk_thread_unsafe(func, arg);
	rte_mcfg_mem_read_unlock();
	return ret;
}

int rte_memseg_contig_walk(rte_memseg_contig_walk_t func, void *arg)
{
	int ret;

	rte_mcfg_mem_read_lock();
	ret = rte_memseg_contig_walk_thread_unsafe(func, arg);
	rte_mcfg_mem_read_unlock();
	return ret;
}

static int add_list_size(const struct rte_memseg_list *msl, void *arg)
{
	uint64_t *total = arg;

	if (!msl->external)
		*total += msl->page_sz * msl->memseg_arr.count;
	return 0;
}

uint64_t rte_eal_get_physmem_size(void)
{
	uint64_t total = 0;

	if (eal_mcfg() == NULL)
		return 0;
	rte_memseg_list_walk(add_list_size, &total);
	return total;
}

static int dump_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	FILE *f = arg;
	int msl_idx = (int)(msl - eal_mcfg()->memsegs);
	int idx = rte_fbarray_find_idx(&msl->memseg_arr, ms);

	fprintf(f, "Segment %d-%d: IOVA:0x%" PRIx64 ", len:%zu, virt:%p, socket_id:%d, "
		"hugepage_sz:%" PRIu64 ", nchannel:%u, nrank:%u fd:-1\n",
		msl_idx, idx, ms->iova, ms->len, ms->addr, ms->socket_id, ms->hugepage_sz,
		ms->nchannel, ms->nrank);
	return 0;
}

void rte_dump_physmem_layout(FILE *f)
{
	if (eal_mcfg() != NULL)
		rte_memseg_walk(dump_seg, f);
}

unsigned int rte_memory_get_nchannel(void)
{
	return eal_mcfg() ? eal_mcfg()->nchannel : 0;
}

unsigned int rte_memory_get_nrank(void)
{
	return eal_mcfg() ? eal_mcfg()->nrank : 0;
}

int rte_eal_using_phys_addrs(void)
{
	return rte_config.iova_mode == RTE_IOVA_PA;
}
