/* SPDX-License-Identifier: BSD-3-Clause
 * Keeping the IOMMU's mappings equal to the memsegs while devices are
 * mapped (eal_dma_map.c).
 */
#ifndef RTEMEM_EAL_DMA_MAP_H
#define RTEMEM_EAL_DMA_MAP_H

#include <stddef.h>

#include <rte_memory.h>

/*
 * A driver calls start once its device is mapped (hal_pci_map_bar) and
 * before the device DMAs, stop after the device stopped and before the BAR
 * goes. The first start maps every memseg (hal_dma_map) and follows the
 * heaps through a memory event callback; the last stop unmaps them all.
 * start: 0 or -errno, with nothing left mapped when it fails. In a secondary
 * process both do nothing: the primary's mappings serve every process.
 */
int eal_dma_map_start(void);
void eal_dma_map_stop(void);
/*
 * The primary maps (ALLOC) or unmaps (FREE) the pages it maps or unmaps
 * for a secondary, whose heap, not ours, tells its own callbacks. With the
 * hotplug lock held; nothing while no device is mapped.
 */
void eal_dma_map_pages(enum rte_mem_event type, const void *addr, size_t len);

#endif
