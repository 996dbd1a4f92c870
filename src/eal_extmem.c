/* SPDX-License-Identifier: BSD-3-Clause
 * External memory (rte_extmem_*): memory the application mapped itself,
 * described by a memseg list of its own (external = 1, no heap) so that
 * rte_mem_virt2memseg, virt2iova and the walks know it. Each area gets a
 * socket id of its own from RTE_MAX_NUMA_NODES up. rtemem never maps or
 * unmaps it; a secondary that wants to see the list attaches it.
 *
 * An external malloc heap's memory (malloc_heap_ext.c) is described the
 * same way, with heap = 1 and the heap's socket id; each API finds only
 * the lists of its own kind, so rte_extmem_unregister cannot pull memory
 * out from under a heap.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_memory.h>

#include "eal_mem_event.h"
#include "eal_memcfg.h"
#include "eal_private.h"

struct rte_memseg_list *eal_extmem_find(void *va, size_t len, bool heap)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	for (int i = 0; mcfg != NULL && i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];

		if (msl->external && (msl->heap != 0) == heap && msl->base_va == va &&
		    msl->len == len)
			return msl;
	}
	return NULL;
}

static struct rte_memseg_list *find_area(void *va, size_t len)
{
	return eal_extmem_find(va, len, false);
}

/* Does [va, va + len) overlap any list, ours or external? */
static bool overlaps(const void *va, size_t len)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	uintptr_t s = (uintptr_t)va, e = s + len;

	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const struct rte_memseg_list *msl = &mcfg->memsegs[i];
		uintptr_t ms = (uintptr_t)msl->base_va;

		if (msl->base_va != NULL && s < ms + msl->len && ms < e)
			return true;
	}
	return false;
}

bool eal_extmem_args_ok(const void *va, size_t len, const rte_iova_t *iovas, unsigned int n_pages,
		       size_t page_sz)
{
	return va != NULL && len != 0 && page_sz != 0 && rte_is_power_of_2(page_sz) &&
	       len % page_sz == 0 && rte_is_aligned(va, page_sz) &&
	       (iovas == NULL || len / page_sz == n_pages) &&
	       len / page_sz <= RTE_MAX_MEMSEG_PER_LIST;
}

int eal_extmem_create(void *va, size_t len, const rte_iova_t *iovas, size_t page_sz, int socket,
		      struct rte_memseg_list **out)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	unsigned int n = (unsigned int)(len / page_sz);
	struct rte_memseg_list *msl = NULL;
	char name[RTE_FBARRAY_NAME_LEN];
	const bool heap = socket >= 0;

	if (overlaps(va, len))
		return -EEXIST;
	if (!heap && mcfg->next_socket_id == INT32_MAX)
		return -ENOSPC;
	if (!heap)
		socket = mcfg->next_socket_id;
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS && msl == NULL; i++)
		if (mcfg->memsegs[i].base_va == NULL)
			msl = &mcfg->memsegs[i];
	if (msl == NULL)
		return -ENOSPC;
	snprintf(name, sizeof(name), "extmem_%" PRIxPTR, (uintptr_t)va);
	if (rte_fbarray_init(&msl->memseg_arr, name, n, sizeof(struct rte_memseg)) < 0)
		return -rte_errno;
	for (unsigned int i = 0; i < n; i++) {
		struct rte_memseg *ms = rte_fbarray_get(&msl->memseg_arr, i);

		memset(ms, 0, sizeof(*ms));
		ms->addr = RTE_PTR_ADD(va, (size_t)i * page_sz);
		ms->iova = iovas != NULL ? iovas[i] : RTE_BAD_IOVA;
		ms->len = page_sz;
		ms->hugepage_sz = page_sz;
		ms->socket_id = socket;
		rte_fbarray_set_used(&msl->memseg_arr, i);
	}
	if (!heap)
		mcfg->next_socket_id++;
	msl->page_sz = page_sz;
	msl->socket_id = socket;
	msl->len = len;
	msl->version = 0;
	msl->external = 1;
	msl->heap = heap;
	/* Last: a non-NULL base_va is what makes the list visible. */
	__atomic_store_n(&msl->base_va, va, __ATOMIC_RELEASE);
	if (out != NULL)
		*out = msl;
	return 0;
}

void eal_extmem_destroy(struct rte_memseg_list *msl)
{
	rte_fbarray_destroy(&msl->memseg_arr);
	memset(msl, 0, sizeof(*msl));
}

int eal_extmem_sync(struct rte_memseg_list *msl, bool attach)
{
	int ret;

	if (attach) {
		ret = rte_fbarray_attach(&msl->memseg_arr) < 0 ? -rte_errno : 0;
		if (ret == 0)
			eal_mem_event_notify(RTE_MEM_EVENT_ALLOC, msl->base_va, msl->len);
	} else {
		eal_mem_event_notify(RTE_MEM_EVENT_FREE, msl->base_va, msl->len);
		ret = rte_fbarray_detach(&msl->memseg_arr) < 0 ? -rte_errno : 0;
	}
	return ret;
}

static int public_result(int ret)
{
	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

int rte_extmem_register(void *va_addr, size_t len, rte_iova_t iova_addrs[], unsigned int n_pages,
			size_t page_sz)
{
	int ret;

	if (!eal_extmem_args_ok(va_addr, len, iova_addrs, n_pages, page_sz))
		return public_result(-EINVAL);
	if (eal_mcfg() == NULL)
		return public_result(-ENODEV);
	rte_mcfg_mem_write_lock();
	ret = eal_extmem_create(va_addr, len, iova_addrs, page_sz, -1, NULL);
	if (ret == 0)
		eal_mem_event_notify(RTE_MEM_EVENT_ALLOC, va_addr, len);
	rte_mcfg_mem_write_unlock();
	return public_result(ret);
}

int rte_extmem_unregister(void *va_addr, size_t len)
{
	struct rte_memseg_list *msl;
	int ret = 0;

	if (va_addr == NULL || len == 0)
		return public_result(-EINVAL);
	if (eal_mcfg() == NULL)
		return public_result(-ENODEV);
	rte_mcfg_mem_write_lock();
	msl = find_area(va_addr, len);
	if (msl == NULL) {
		ret = -ENOENT;
	} else {
		eal_mem_event_notify(RTE_MEM_EVENT_FREE, va_addr, len);
		eal_extmem_destroy(msl);
	}
	rte_mcfg_mem_write_unlock();
	return public_result(ret);
}

/* Another process registered the area: map or drop its list's fbarray here. */
static int area_sync(void *va_addr, size_t len, bool attach)
{
	struct rte_memseg_list *msl;
	int ret;

	if (va_addr == NULL || len == 0)
		return public_result(-EINVAL);
	if (eal_mcfg() == NULL)
		return public_result(-ENODEV);
	rte_mcfg_mem_read_lock();
	msl = find_area(va_addr, len);
	ret = msl == NULL ? -ENOENT : eal_extmem_sync(msl, attach);
	rte_mcfg_mem_read_unlock();
	return public_result(ret);
}

int rte_extmem_attach(void *va_addr, size_t len)
{
	return area_sync(va_addr, len, true);
}

int rte_extmem_detach(void *va_addr, size_t len)
{
	return area_sync(va_addr, len, false);
}
