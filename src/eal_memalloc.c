/* SPDX-License-Identifier: BSD-3-Clause
 * Page allocation into memseg lists (DPDK's eal_memalloc_alloc_seg_bulk
 * and alloc_seg): find free slots in a list of the right page size and
 * socket, map a hugepage at each slot's VA through the HAL, note its IOVA.
 *
 * Callers hold the memory hotplug lock for writing (or are EAL start-up).
 * A failed call leaves every list exactly as it was.
 */
#include <errno.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_log.h>

#include "eal_mp.h"
#include "eal_private.h"

static void *seg_va(const struct rte_memseg_list *msl, unsigned int idx)
{
	return RTE_PTR_ADD(msl->base_va, (size_t)idx * msl->page_sz);
}

/* Map the page of slot idx and fill its memseg; 0 or -errno. */
static int alloc_seg(struct rte_memseg_list *msl, unsigned int msl_idx, unsigned int idx)
{
	struct rte_memseg *ms = rte_fbarray_get(&msl->memseg_arr, idx);
	void *va = seg_va(msl, idx);
	rte_iova_t iova;
	int ret;

	ret = hal_page_map(va, msl->page_sz, msl->socket_id, (int)msl_idx, (int)idx);
	if (ret < 0)
		return ret;
	if (rte_config.iova_mode == RTE_IOVA_VA) {
		iova = (rte_iova_t)(uintptr_t)va;
	} else {
		iova = hal_virt2iova(va);
		if (iova == RTE_BAD_IOVA) {
			hal_page_unmap(va, msl->page_sz, (int)msl_idx, (int)idx);
			return -EFAULT;
		}
	}
	memset(ms, 0, sizeof(*ms));
	ms->addr = va;
	ms->iova = iova;
	ms->len = msl->page_sz;
	ms->hugepage_sz = msl->page_sz;
	ms->socket_id = msl->socket_id;
	ms->nchannel = eal_mcfg()->nchannel;
	ms->nrank = eal_mcfg()->nrank;
	rte_fbarray_set_used(&msl->memseg_arr, idx);
	return 0;
}

/*
 * Unmap the page of slot idx and free the slot; 0 or -errno. A page the
 * HAL cannot unmap stays, slot and memseg as they were. list_goes: the
 * list's whole VA is released next, so the page's is not reserved again.
 */
static int free_slot(struct rte_memseg_list *msl, unsigned int msl_idx, unsigned int idx,
		     bool list_goes)
{
	struct rte_memseg *ms = rte_fbarray_get(&msl->memseg_arr, idx);
	void *va = seg_va(msl, idx);
	int ret = list_goes ? hal_page_release(va, msl->page_sz, (int)msl_idx, (int)idx)
			    : hal_page_unmap(va, msl->page_sz, (int)msl_idx, (int)idx);

	if (ret < 0) {
		RTE_LOG(ERR, EAL, "cannot unmap page %u of memseg list %u: %s\n", idx, msl_idx,
			strerror(-ret));
		return ret;
	}
	memset(ms, 0, sizeof(*ms));
	rte_fbarray_set_free(&msl->memseg_arr, idx);
	return 0;
}

/*
 * Try to place n pages in one list, VA-contiguously. With exact, all n or
 * nothing; otherwise as many of the first free run as map. Returns the
 * number placed, or -errno with the list untouched.
 */
static int alloc_in_list(struct rte_memseg_list *msl, unsigned int msl_idx,
			 struct rte_memseg **ms, unsigned int n, bool exact)
{
	int start, ret = 0;
	unsigned int want = n, done;

	start = rte_fbarray_find_next_n_free(&msl->memseg_arr, 0, n);
	if (start < 0) {
		if (exact)
			return -ENOSPC;
		start = rte_fbarray_find_biggest_free(&msl->memseg_arr, 0);
		if (start < 0)
			return -ENOSPC;
		want = RTE_MIN(n, (unsigned int)rte_fbarray_find_contig_free(&msl->memseg_arr,
									     (unsigned int)start));
	}
	for (done = 0; done < want; done++) {
		unsigned int idx = (unsigned int)start + done;

		ret = alloc_seg(msl, msl_idx, idx);
		if (ret < 0)
			break;
		if (ms != NULL)
			ms[done] = rte_fbarray_get(&msl->memseg_arr, idx);
	}
	if (done == want || (!exact && done > 0)) {
		if (done > 0)
			msl->version++;
		return (int)done;
	}
	while (done-- > 0)
		free_slot(msl, msl_idx, (unsigned int)start + done, false);
	return ret;
}

/* Undo a successful alloc_in_list of n pages, in every process. */
static void rollback(struct rte_memseg_list *msl, unsigned int msl_idx, struct rte_memseg **ms,
		     int n)
{
	int start = rte_fbarray_find_idx(&msl->memseg_arr, ms[0]);

	while (n-- > 0)
		free_slot(msl, msl_idx, (unsigned int)(start + n), false);
	msl->version++;
	eal_mp_notify_secondaries();
}

int eal_memalloc_alloc_seg_bulk(struct rte_memseg **ms, int n_segs, size_t page_sz, int socket,
				bool exact)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	int err = -ENOSPC;

	if (n_segs <= 0 || page_sz == 0)
		return -EINVAL;
	/* Only the primary maps pages; a secondary asks it to. */
	if (rte_config.process_type == RTE_PROC_SECONDARY)
		return eal_mp_request_alloc(ms, n_segs, page_sz, socket, exact);
	for (unsigned int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];
		int ret;

		if (msl->base_va == NULL || msl->external || msl->page_sz != page_sz ||
		    msl->socket_id != socket)
			continue;
		ret = alloc_in_list(msl, i, ms, (unsigned int)n_segs, exact);
		if (ret > 0) {
			int sync = eal_mp_notify_secondaries();

			if (sync == 0)
				return ret;
			/* A live secondary could not map the pages (or did not say
			 * it had): it cannot touch memory the heap would hand
			 * out. Take them back, and have everyone drop them. */
			rollback(msl, i, ms, ret);
			return sync;
		}
		/* A mapping failure is final; a full list just sends us to the next. */
		if (ret != -ENOSPC) {
			err = ret;
			break;
		}
	}
	return err == -ENOSPC ? -ENOMEM : err;
}

struct rte_memseg *eal_memalloc_alloc_seg(size_t page_sz, int socket)
{
	struct rte_memseg *ms = NULL;

	if (eal_memalloc_alloc_seg_bulk(&ms, 1, page_sz, socket, true) != 1)
		return NULL;
	return ms;
}

int eal_memalloc_free_seg(struct rte_memseg *ms)
{
	struct rte_memseg_list *msl;
	int idx, ret;

	if (ms == NULL || ms->addr == NULL)
		return -EINVAL;
	if (ms->flags & RTE_MEMSEG_FLAG_DO_NOT_FREE)
		return -EBUSY;
	if (rte_config.process_type == RTE_PROC_SECONDARY)
		return eal_mp_request_free(ms);
	msl = rte_mem_virt2memseg_list(ms->addr);
	if (msl == NULL || msl->external)
		return -EINVAL;
	idx = rte_fbarray_find_idx(&msl->memseg_arr, ms);
	if (idx < 0 || !rte_fbarray_is_used(&msl->memseg_arr, (unsigned int)idx))
		return -EINVAL;
	ret = free_slot(msl, (unsigned int)(msl - eal_mcfg()->memsegs), (unsigned int)idx, false);
	if (ret < 0)
		return ret;
	msl->version++;
	/* A secondary that could not unmap keeps a mapping of a page that is
	 * free now; it still syncs at its next request. Nothing to undo here. */
	eal_mp_notify_secondaries();
	return 0;
}

int eal_memalloc_free_seg_bulk(struct rte_memseg **ms, int n_segs)
{
	int ret = 0;

	for (int i = 0; i < n_segs; i++) {
		int err = eal_memalloc_free_seg(ms[i]);

		if (err < 0 && ret == 0)
			ret = err;
	}
	return ret;
}

/*
 * One pass over the list's used slots: eal_memalloc_free_seg per page would
 * look the list and slot up again and notify secondaries each time, which
 * made a --no-huge teardown (16384 base pages by default) slow. Nor is
 * each page's VA reserved again: the list's is released whole next.
 */
void eal_memalloc_free_list(struct rte_memseg_list *msl)
{
	unsigned int msl_idx = (unsigned int)(msl - eal_mcfg()->memsegs);
	int idx = rte_fbarray_find_next_used(&msl->memseg_arr, 0);
	bool freed = false;

	while (idx >= 0) {
		freed |= free_slot(msl, msl_idx, (unsigned int)idx, true) == 0;
		idx = rte_fbarray_find_next_used(&msl->memseg_arr, (unsigned int)idx + 1);
	}
	if (freed) {
		msl->version++;
		eal_mp_notify_secondaries();
	}
}
