/* SPDX-License-Identifier: BSD-3-Clause
 * Memzones: named, aligned, optionally bounded or IOVA-contiguous blocks
 * carved from the malloc heaps and recorded in the shared memzone table
 * (mem_config->memzones, RTE_MAX_MEMZONE entries).
 */
#ifndef RTEMEM_RTE_MEMZONE_H
#define RTEMEM_RTE_MEMZONE_H

#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_memory.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Page size wanted for the zone (any of them if none is given). */
#define RTE_MEMZONE_2MB 0x00000001
#define RTE_MEMZONE_1GB 0x00000002
#define RTE_MEMZONE_16MB 0x00000100
#define RTE_MEMZONE_16GB 0x00000200
#define RTE_MEMZONE_256KB 0x00010000
#define RTE_MEMZONE_256MB 0x00020000
#define RTE_MEMZONE_512MB 0x00040000
#define RTE_MEMZONE_4GB 0x00080000
/* The page size flags are a preference: fall back to any page size. */
#define RTE_MEMZONE_SIZE_HINT_ONLY 0x00000004
/* The whole zone must be contiguous in IO address space. */
#define RTE_MEMZONE_IOVA_CONTIG 0x00100000

#define RTE_MEMZONE_NAMESIZE 32

struct rte_memzone {
	char name[RTE_MEMZONE_NAMESIZE];
	rte_iova_t iova;        /* IO address of addr */
	RTE_STD_C11 union {
		void *addr;
		uint64_t addr_64;
	};
	size_t len;
	uint64_t hugepage_sz;   /* page size of the memory under the zone */
	int32_t socket_id;
	uint32_t flags;
} __rte_packed;

/*
 * len 0 reserves the biggest free block. On failure NULL with rte_errno:
 * EINVAL (bad argument or socket), ENAMETOOLONG, EEXIST (name taken),
 * ENOSPC (table full), ENOMEM (no memory).
 */
const struct rte_memzone *rte_memzone_reserve(const char *name, size_t len, int socket_id,
					      unsigned flags);
const struct rte_memzone *rte_memzone_reserve_aligned(const char *name, size_t len,
						      int socket_id, unsigned flags,
						      unsigned align);
const struct rte_memzone *rte_memzone_reserve_bounded(const char *name, size_t len,
						      int socket_id, unsigned flags,
						      unsigned align, unsigned bound);
/* 0, or -EINVAL for NULL or a zone that is not reserved. */
int rte_memzone_free(const struct rte_memzone *mz);
/* NULL (rte_errno ENOENT) when no zone has that name. */
const struct rte_memzone *rte_memzone_lookup(const char *name);
void rte_memzone_dump(FILE *f);
void rte_memzone_walk(void (*func)(const struct rte_memzone *, void *arg), void *arg);

#ifdef __cplusplus
}
#endif

#endif
