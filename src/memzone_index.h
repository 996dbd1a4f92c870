/* SPDX-License-Identifier: BSD-3-Clause
 * Memzone name -> table slot, in O(1) on average.
 *
 * DPDK finds a memzone by comparing the name with every used slot of the
 * memzone table; with a few thousand zones every lookup and every reserve
 * (which must refuse a duplicate name) walks them all. This index is an
 * open-addressing hash table with linear probing that lives in the shared
 * mem_config next to the table, so a secondary uses it as it is: it holds
 * slot numbers, not pointers, and is never rebuilt. Deleting shifts the
 * following entries of the probe run back (no tombstones), so lookups stay
 * short however many zones come and go.
 *
 * Every function runs under mcfg->mlock (read lock for find).
 */
#ifndef RTEMEM_MEMZONE_INDEX_H
#define RTEMEM_MEMZONE_INDEX_H

#include <stdint.h>

#include <rte_config.h>
#include <rte_fbarray.h>
#include <rte_memzone.h>

/* A power of two, at least twice RTE_MAX_MEMZONE: probe runs stay short
 * even with every slot in use (load factor below 1/2). */
#define MEMZONE_INDEX_SIZE 8192u

_Static_assert(MEMZONE_INDEX_SIZE >= 2 * RTE_MAX_MEMZONE, "memzone index too small");
_Static_assert((MEMZONE_INDEX_SIZE & (MEMZONE_INDEX_SIZE - 1)) == 0,
	       "memzone index size must be a power of two");
_Static_assert(RTE_MAX_MEMZONE < UINT16_MAX, "memzone slot numbers must fit 16 bits");

struct memzone_index {
	/* 0: empty; otherwise the memzone table slot number + 1. */
	uint16_t entry[MEMZONE_INDEX_SIZE];
};

/* The zone called name in the table, or NULL. */
struct rte_memzone *memzone_index_find(const struct memzone_index *idx,
				       const struct rte_fbarray *table, const char *name);

/* Records that table slot `slot` now holds a zone; its name must be set
 * and not already present. */
void memzone_index_add(struct memzone_index *idx, const struct rte_fbarray *table,
		       unsigned int slot);

/* Forgets table slot `slot`; call before clearing its name. */
void memzone_index_remove(struct memzone_index *idx, const struct rte_fbarray *table,
			  unsigned int slot);

/* Forgets everything and indexes every used slot of the table again: for
 * the next holder of mlock after one that died in the middle of a change. */
void memzone_index_rebuild(struct memzone_index *idx, struct rte_fbarray *table);

#endif
