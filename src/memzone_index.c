/* SPDX-License-Identifier: BSD-3-Clause
 * Memzone name index: see memzone_index.h.
 */
#include <string.h>

#include "memzone_index.h"

#define INDEX_MASK (MEMZONE_INDEX_SIZE - 1)

/* FNV-1a over the name as the table compares it: at most NAMESIZE bytes. */
static uint32_t name_hash(const char *name)
{
	uint32_t h = 2166136261u;

	for (unsigned int i = 0; i < RTE_MEMZONE_NAMESIZE && name[i] != '\0'; i++) {
		h ^= (unsigned char)name[i];
		h *= 16777619u;
	}
	return h;
}

static const struct rte_memzone *zone_at(const struct rte_fbarray *table, uint16_t entry)
{
	return rte_fbarray_get(table, (unsigned int)entry - 1);
}

struct rte_memzone *memzone_index_find(const struct memzone_index *idx,
				       const struct rte_fbarray *table, const char *name)
{
	for (uint32_t pos = name_hash(name) & INDEX_MASK; idx->entry[pos] != 0;
	     pos = (pos + 1) & INDEX_MASK) {
		const struct rte_memzone *mz = zone_at(table, idx->entry[pos]);

		if (strncmp(mz->name, name, RTE_MEMZONE_NAMESIZE) == 0)
			return (struct rte_memzone *)(uintptr_t)mz;
	}
	return NULL;
}

void memzone_index_add(struct memzone_index *idx, const struct rte_fbarray *table,
		       unsigned int slot)
{
	const struct rte_memzone *mz = rte_fbarray_get(table, slot);
	uint32_t pos = name_hash(mz->name) & INDEX_MASK;

	/* Cannot loop for ever: the index is more than half empty. */
	while (idx->entry[pos] != 0)
		pos = (pos + 1) & INDEX_MASK;
	idx->entry[pos] = (uint16_t)(slot + 1);
}

void memzone_index_remove(struct memzone_index *idx, const struct rte_fbarray *table,
			  unsigned int slot)
{
	const struct rte_memzone *mz = rte_fbarray_get(table, slot);
	uint32_t hole = name_hash(mz->name) & INDEX_MASK;

	while (idx->entry[hole] != slot + 1) {
		if (idx->entry[hole] == 0)
			return; /* not indexed: nothing to do */
		hole = (hole + 1) & INDEX_MASK;
	}

	/*
	 * Backward-shift deletion: an entry further along the run may move
	 * into the hole unless its home position lies cyclically in
	 * (hole, pos], where it would then be unreachable.
	 */
	for (uint32_t pos = (hole + 1) & INDEX_MASK; idx->entry[pos] != 0;
	     pos = (pos + 1) & INDEX_MASK) {
		uint32_t home = name_hash(zone_at(table, idx->entry[pos])->name) & INDEX_MASK;

		if (((pos - home) & INDEX_MASK) >= ((pos - hole) & INDEX_MASK)) {
			idx->entry[hole] = idx->entry[pos];
			hole = pos;
		}
	}
	idx->entry[hole] = 0;
}

void memzone_index_rebuild(struct memzone_index *idx, struct rte_fbarray *table)
{
	memset(idx, 0, sizeof(*idx));
	for (int slot = rte_fbarray_find_next_used(table, 0); slot >= 0;
	     slot = rte_fbarray_find_next_used(table, (unsigned int)slot + 1))
		memzone_index_add(idx, table, (unsigned int)slot);
}
