/* SPDX-License-Identifier: BSD-3-Clause
 * What the OS knows of a memseg: the file behind its page (rte_memseg_get_fd,
 * for vhost-user and other memory sharing) and page locking. The HAL opens
 * and keeps the descriptors (hal_page_fd); one file backs one page, so the
 * offset into it is always 0.
 */
#include <errno.h>

#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_memory.h>

#include "eal_private.h"

/*
 * The list and slot of ms, found from the pointer itself rather than from
 * ms->addr, which a freed slot no longer holds: so a freed memseg is
 * "unused" (ENOENT), not "invalid".
 */
static int seg_fd(const struct rte_memseg *ms, size_t *offset)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	if (ms == NULL || mcfg == NULL)
		return -EINVAL;
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];
		const struct rte_fbarray *arr = &msl->memseg_arr;
		uintptr_t first = (uintptr_t)arr->data, p = (uintptr_t)ms;
		int idx, fd;

		if (msl->base_va == NULL || arr->data == NULL || p < first ||
		    p >= first + (uintptr_t)arr->len * arr->elt_sz)
			continue;
		if ((p - first) % arr->elt_sz != 0)
			return -EINVAL;
		idx = (int)((p - first) / arr->elt_sz);
		if (rte_fbarray_is_used((struct rte_fbarray *)arr, (unsigned int)idx) != 1)
			return -ENOENT;
		if (msl->external)
			return -ENOTSUP;
		fd = hal_page_fd(msl->page_sz, i, idx);
		if (fd >= 0 && offset != NULL)
			*offset = 0;
		return fd;
	}
	return -EINVAL;
}

static int public_fd(int ret)
{
	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	return ret;
}

int rte_memseg_get_fd_thread_unsafe(const struct rte_memseg *ms)
{
	return public_fd(seg_fd(ms, NULL));
}

int rte_memseg_get_fd(const struct rte_memseg *ms)
{
	int ret;

	rte_mcfg_mem_read_lock();
	ret = rte_memseg_get_fd_thread_unsafe(ms);
	rte_mcfg_mem_read_unlock();
	return ret;
}

int rte_memseg_get_fd_offset_thread_unsafe(const struct rte_memseg *ms, size_t *offset)
{
	if (offset == NULL)
		return public_fd(-EINVAL);
	/* DPDK returns 0 here, not the descriptor. */
	return public_fd(seg_fd(ms, offset)) < 0 ? -1 : 0;
}

int rte_memseg_get_fd_offset(const struct rte_memseg *ms, size_t *offset)
{
	int ret;

	rte_mcfg_mem_read_lock();
	ret = rte_memseg_get_fd_offset_thread_unsafe(ms, offset);
	rte_mcfg_mem_read_unlock();
	return ret;
}

int rte_mem_lock_page(const void *virt)
{
	size_t pg = hal_base_page_size();
	int ret = hal_mem_lock(RTE_PTR_ALIGN_FLOOR(virt, pg), pg);

	return public_fd(ret) < 0 ? -1 : 0;
}
