/* SPDX-License-Identifier: BSD-3-Clause
 * The memory configuration shared by all processes of one file prefix:
 * memseg lists, memzones and malloc heaps. It sits in the runtime file
 * "config", mapped at the same address in every process.
 */
#ifndef RTEMEM_EAL_MEMCFG_H
#define RTEMEM_EAL_MEMCFG_H

#include <stdint.h>

#include <rte_common.h>
#include <rte_fbarray.h>
#include <rte_memory.h>
#include "eal_shlock.h"
#include "malloc_heap.h"
#include "memzone_index.h"

/* Changes whenever the layout of this struct changes. */
#define RTEMEM_MCFG_VERSION 5

/* rte_mem_config.mp_status (rte_mp_disable, eal_mp_api.c). */
enum { EAL_MP_STATUS_UNKNOWN = 0, EAL_MP_STATUS_ENABLED, EAL_MP_STATUS_DISABLED };

struct rte_mem_config {
	volatile uint32_t magic;   /* RTE_MAGIC once the primary is done */
	uint32_t version;          /* RTEMEM_MCFG_VERSION */
	uint64_t mem_cfg_addr;     /* where the primary mapped this struct */

	/* Any process may die holding one of these: see eal_shlock.h. */
	struct eal_shrwlock mlock; /* memzones */
	struct eal_shrwlock qlock; /* tailqs */
	struct eal_shrwlock mplock; /* mempools */
	struct eal_shmutex tlock;  /* timers */
	struct eal_shrwlock memory_hotplug_lock; /* memseg lists and pages */

	uint32_t nchannel;
	uint32_t nrank;
	uint32_t iova_mode;        /* enum rte_iova_mode */
	uint32_t mp_status;        /* EAL_MP_STATUS_*: may secondaries attach? */
	uint32_t dma_maskbits;     /* narrowest DMA mask recorded, 0 for none */
	/* Socket ids handed to external heaps. Here, not last: init writes
	 * it, and at the end it sat alone on a page (a page fault per init). */
	int next_socket_id;

	struct rte_memseg_list memsegs[RTE_MAX_MEMSEG_LISTS];
	struct rte_fbarray memzones;
	struct memzone_index memzone_index; /* names of memzones, under mlock */

	struct malloc_heap malloc_heaps[RTE_MAX_HEAPS];
};

/* eal_mcfg_locks.c: log that the holder of a shared lock died. */
void eal_shlock_report(const char *what, const struct eal_shmutex *m);
/* The hotplug lock for writing if it is free: 0 or -EBUSY. */
int eal_mcfg_mem_write_trylock(void);

#endif
