/* SPDX-License-Identifier: BSD-3-Clause
 * Memseg lists: for every hugepage size and socket, VA is reserved up front
 * (within DPDK's per-list and per-type limits) and an fbarray of rte_memseg
 * records which pages of that range are mapped.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_log.h>

#include "eal_private.h"

static int memseg_list_create(struct rte_memseg_list *msl, uint64_t page_sz, unsigned int n_segs,
			      int socket, unsigned int list_idx)
{
	size_t len = (size_t)page_sz * n_segs;
	char name[RTE_FBARRAY_NAME_LEN];
	void *va;

	snprintf(name, sizeof(name), "memseg-%" PRIu64 "k-%d-%u", page_sz >> 10, socket, list_idx);
	if (rte_fbarray_init(&msl->memseg_arr, name, n_segs, sizeof(struct rte_memseg)) < 0) {
		RTE_LOG(ERR, EAL, "cannot create memseg list %s: %s\n", name,
			rte_strerror(rte_errno));
		return -rte_errno;
	}
	va = hal_va_reserve(NULL, len, page_sz);
	if (va == NULL) {
		RTE_LOG(ERR, EAL, "cannot reserve %zu MB of VA for %s\n", len >> 20, name);
		rte_fbarray_destroy(&msl->memseg_arr);
		return -ENOMEM;
	}
	msl->base_va = va;
	msl->page_sz = page_sz;
	msl->socket_id = socket;
	msl->len = len;
	msl->version = 0;
	msl->external = 0;
	msl->heap = 1;
	return 0;
}

static void memseg_list_destroy(struct rte_memseg_list *msl)
{
	if (msl->base_va == NULL)
		return;
	hal_va_release(msl->base_va, msl->len);
	rte_fbarray_destroy(&msl->memseg_arr);
	memset(msl, 0, sizeof(*msl));
}

/*
 * How many lists of how many segments one (page size, socket) type gets:
 * a list holds at most RTE_MAX_MEMSEG_PER_LIST pages and RTE_MAX_MEM_MB_PER_LIST
 * MB, a type at most RTE_MAX_MEMSEG_PER_TYPE pages and RTE_MAX_MEM_MB_PER_TYPE
 * MB, and all types share RTE_MAX_MEM_MB and RTE_MAX_MEMSEG_LISTS.
 */
static void type_geometry(uint64_t page_sz, unsigned int n_types, unsigned int *segs_per_list,
			  unsigned int *n_lists)
{
	uint64_t type_mem = RTE_MIN((uint64_t)RTE_MAX_MEM_MB_PER_TYPE << 20,
				    ((uint64_t)RTE_MAX_MEM_MB << 20) / n_types);
	uint64_t type_segs = RTE_MIN(type_mem / page_sz, (uint64_t)RTE_MAX_MEMSEG_PER_TYPE);
	uint64_t list_segs = RTE_MIN((uint64_t)RTE_MAX_MEMSEG_PER_LIST,
				     ((uint64_t)RTE_MAX_MEM_MB_PER_LIST << 20) / page_sz);

	if (list_segs == 0)
		list_segs = 1;
	*segs_per_list = (unsigned int)RTE_MIN(list_segs, type_segs);
	*n_lists = (unsigned int)RTE_MIN((type_segs + list_segs - 1) / list_segs,
					 (uint64_t)RTE_MAX_MEMSEG_LISTS / n_types);
	if (*n_lists == 0)
		*n_lists = 1;
}

int eal_memseg_lists_init(void)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	unsigned int n_sockets = rte_config.numa_node_count;
	unsigned int n_types = internal_config.num_hugepage_sizes * n_sockets;
	unsigned int msl_idx = 0;

	if (internal_config.no_hugetlbfs) {
		/* One list exactly the size of -m, all of it mapped at init. */
		uint64_t pgsz = internal_config.hugepage_info[0].hugepage_sz;
		unsigned int n = (unsigned int)(internal_config.memory / pgsz);

		return memseg_list_create(&mcfg->memsegs[0], pgsz, n, 0, 0);
	}
	for (unsigned int h = 0; h < internal_config.num_hugepage_sizes; h++) {
		uint64_t pgsz = internal_config.hugepage_info[h].hugepage_sz;
		unsigned int segs, lists;

		type_geometry(pgsz, n_types, &segs, &lists);
		for (unsigned int s = 0; s < n_sockets; s++) {
			for (unsigned int l = 0; l < lists; l++) {
				int ret;

				if (msl_idx >= RTE_MAX_MEMSEG_LISTS) {
					RTE_LOG(ERR, EAL, "too many memseg lists\n");
					return -ENOSPC;
				}
				ret = memseg_list_create(&mcfg->memsegs[msl_idx], pgsz, segs,
							 (int)rte_config.numa_nodes[s], l);
				if (ret < 0)
					return ret;
				msl_idx++;
			}
		}
	}
	return 0;
}

/* Segments in one list of this page size and socket (they are all alike). */
static unsigned int list_capacity(uint64_t pgsz, int socket)
{
	for (unsigned int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const struct rte_memseg_list *msl = &eal_mcfg()->memsegs[i];

		if (msl->base_va != NULL && msl->page_sz == pgsz && msl->socket_id == socket)
			return msl->memseg_arr.len;
	}
	return 0;
}

/*
 * Map n pages of pgsz on a socket at init, a list's worth per call (one page
 * per call would search the list from its start each time). Exact calls, so
 * any failure fails init.
 */
static int prealloc_pages(uint64_t pgsz, uint64_t n, int socket)
{
	unsigned int chunk = list_capacity(pgsz, socket);

	if (chunk == 0)
		return -ENOMEM;
	while (n > 0) {
		int want = (int)RTE_MIN(n, (uint64_t)chunk);
		int ret = eal_memalloc_alloc_seg_bulk(NULL, want, pgsz, socket, true);

		if (ret < 0)
			return ret;
		n -= (uint64_t)want;
	}
	return 0;
}

/* Pages mapped at init are never given back: flag them all. */
static int mark_do_not_free(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
			    void *arg)
{
	RTE_SET_USED(msl);
	RTE_SET_USED(arg);
	((struct rte_memseg *)ms)->flags |= RTE_MEMSEG_FLAG_DO_NOT_FREE;
	return 0;
}

static int prealloc_amounts(void)
{
	uint64_t pgsz = internal_config.hugepage_info[0].hugepage_sz;
	unsigned int n_sockets = rte_config.numa_node_count;
	int ret;

	if (internal_config.no_hugetlbfs)
		return prealloc_pages(pgsz, eal_mcfg()->memsegs[0].memseg_arr.len, 0);
	if (internal_config.force_sockets) {
		for (unsigned int s = 0; s < RTE_MAX_NUMA_NODES; s++) {
			uint64_t bytes = internal_config.socket_mem[s];

			if (bytes == 0)
				continue;
			if (s >= n_sockets) {
				RTE_LOG(ERR, EAL, "--socket-mem: there is no socket %u\n", s);
				return -EINVAL;
			}
			ret = prealloc_pages(pgsz, (bytes + pgsz - 1) / pgsz, (int)s);
			if (ret < 0) {
				RTE_LOG(ERR, EAL, "cannot preallocate %" PRIu64 " MB on socket %u\n",
					bytes >> 20, s);
				return ret;
			}
		}
		return 0;
	}
	if (internal_config.memory != 0) {
		/* -m: spread evenly over the sockets, as DPDK does. */
		uint64_t pages = (internal_config.memory + pgsz - 1) / pgsz;

		for (unsigned int s = 0; s < n_sockets; s++) {
			uint64_t share = pages / n_sockets + (s < pages % n_sockets ? 1 : 0);

			ret = share != 0 ? prealloc_pages(pgsz, share, (int)s) : 0;
			if (ret < 0) {
				RTE_LOG(ERR, EAL, "cannot preallocate -m %zu MB: not enough hugepages\n",
					internal_config.memory >> 20);
				return ret;
			}
		}
	}
	return 0;
}

/* -m / --socket-mem / --no-huge: map the memory now; it stays for good. */
int eal_memory_prealloc(void)
{
	int ret;

	/* Nothing asked for, nothing mapped: no list to search for pages. */
	if (!internal_config.no_hugetlbfs && !internal_config.force_sockets &&
	    internal_config.memory == 0)
		return 0;
	ret = prealloc_amounts();
	if (ret < 0)
		return ret;
	rte_memseg_walk_thread_unsafe(mark_do_not_free, NULL);
	return 0;
}

/* Unmap every page still mapped and drop every list (rte_eal_cleanup). */
void eal_memory_cleanup(void)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	for (unsigned int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];

		if (msl->base_va == NULL)
			continue;
		if (msl->external) {
			/* The application's memory: not ours to unmap. */
			rte_fbarray_destroy(&msl->memseg_arr);
			memset(msl, 0, sizeof(*msl));
			continue;
		}
		if (msl->memseg_arr.count != 0) /* else nothing to search for */
			eal_memalloc_free_list(msl);
		memseg_list_destroy(msl);
	}
}
