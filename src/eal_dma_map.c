/* SPDX-License-Identifier: BSD-3-Clause
 * The IOMMU sees what the heaps hold. As DPDK 22.11 does once a VFIO
 * container is set up, every memseg is mapped for DMA at its IOVA (the VA
 * in IOVA-as-VA mode), and a memory event callback maps each page a heap
 * adds and unmaps each page before it goes. Mapping is per memseg, never
 * per run of them: VFIO's type-1 IOMMU cannot unmap part of a mapping, and
 * pages leave one at a time.
 *
 * The sim IOMMU enforces the result: a device reaches only pages mapped
 * here (sim/sim_machine.c), so a missed event is a DMA fault in a test.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memory.h>

#include "eal_dma_map.h"
#include "hal.h"

#define DMA_MAP_CALLBACK "rtemem_dma_map"

/* Devices that started mapping; users are drivers' probe and close. */
static pthread_mutex_t users_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned int users;
/* Whether pages are followed; changes under the memory lock, read with the
 * hotplug lock held (eal_dma_map_pages), so never mid-change. */
static bool active;

/* Memory no device should reach: external memory is the application's
 * to map (DPDK: rte_dev_dma_map), a segment without an IOVA has nothing
 * to map. */
static bool seg_skipped(const struct rte_memseg_list *msl, const struct rte_memseg *ms)
{
	return msl->external || ms->iova == RTE_BAD_IOVA;
}

/* arg: where the first error goes. */
static int seg_map(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	int ret;

	if (seg_skipped(msl, ms))
		return 0;
	ret = hal_dma_map(ms->addr, ms->iova, ms->len);
	if (ret < 0) {
		*(int *)arg = ret;
		RTE_LOG(ERR, EAL, "DMA map of %zu bytes at %p (IOVA 0x%" PRIx64 ") failed: %s\n",
			ms->len, ms->addr, ms->iova, strerror(-ret));
		return -1;
	}
	return 0;
}

/* Unmap what is mapped; a page whose map failed is simply not there. */
static int seg_unmap(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	RTE_SET_USED(arg);
	if (!seg_skipped(msl, ms))
		(void)hal_dma_unmap(ms->iova, ms->len);
	return 0;
}

/*
 * Called by the heaps with the hotplug lock held, after pages were mapped
 * and before they are unmapped. A failure cannot be returned: it is logged
 * (as DPDK does), and the page stays unreachable for devices.
 */
static void mem_event(enum rte_mem_event type, const void *addr, size_t len, void *arg)
{
	struct rte_memseg_list *msl = rte_mem_virt2memseg_list(addr);
	size_t done = 0;

	RTE_SET_USED(arg);
	if (msl == NULL || msl->external)
		return;
	while (done < len) {
		const void *va = RTE_PTR_ADD(addr, done);
		struct rte_memseg *ms = rte_mem_virt2memseg(va, msl);
		int ret;

		if (ms == NULL || ms->len == 0)
			break;
		done += ms->len;
		if (seg_skipped(msl, ms))
			continue;
		ret = type == RTE_MEM_EVENT_ALLOC ? hal_dma_map(ms->addr, ms->iova, ms->len)
						  : hal_dma_unmap(ms->iova, ms->len);
		if (ret < 0)
			RTE_LOG(ERR, EAL, "DMA %s of %zu bytes at %p (IOVA 0x%" PRIx64 ") failed: %s\n",
				type == RTE_MEM_EVENT_ALLOC ? "map" : "unmap", ms->len, ms->addr,
				ms->iova, strerror(-ret));
	}
}

int eal_dma_map_start(void)
{
	int ret = 0;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return 0;
	pthread_mutex_lock(&users_lock);
	if (users++ > 0)
		goto out;
	/* Walk and register under the memory lock: no page comes or goes
	 * between the two, so none is missed or mapped twice. */
	rte_mcfg_mem_read_lock();
	if (rte_memseg_walk_thread_unsafe(seg_map, &ret) == 0 &&
	    rte_mem_event_callback_register(DMA_MAP_CALLBACK, mem_event, NULL) < 0)
		ret = -rte_errno;
	__atomic_store_n(&active, ret == 0, __ATOMIC_RELEASE);
	if (ret < 0)
		rte_memseg_walk_thread_unsafe(seg_unmap, NULL);
	rte_mcfg_mem_read_unlock();
	if (ret < 0)
		users--;
out:
	pthread_mutex_unlock(&users_lock);
	return ret;
}

void eal_dma_map_stop(void)
{
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return;
	pthread_mutex_lock(&users_lock);
	if (users > 0 && --users == 0) {
		rte_mcfg_mem_read_lock();
		__atomic_store_n(&active, false, __ATOMIC_RELEASE);
		rte_mem_event_callback_unregister(DMA_MAP_CALLBACK, NULL);
		rte_memseg_walk_thread_unsafe(seg_unmap, NULL);
		rte_mcfg_mem_read_unlock();
	}
	pthread_mutex_unlock(&users_lock);
}

void eal_dma_map_pages(enum rte_mem_event type, const void *addr, size_t len)
{
	if (__atomic_load_n(&active, __ATOMIC_ACQUIRE))
		mem_event(type, addr, len, NULL);
}
