/* SPDX-License-Identifier: BSD-3-Clause
 * Memzones: named blocks of heap memory, listed in the shared memzone
 * table (mcfg->memzones, an fbarray of RTE_MAX_MEMZONE rte_memzone).
 *
 * Names are found through mcfg->memzone_index (memzone_index.h), not by
 * walking the table.
 *
 * Locking: mcfg->mlock guards the table and its index; the heap lock is taken inside it.
 * A reservation that has to grow a heap needs the hotplug lock, which
 * comes before mlock, so it drops mlock and starts over with both.
 *
 * A process may die holding mlock (eal_shlock.h). A slot is therefore
 * filled before it is marked used and marked free before it is cleared,
 * so a used slot always describes a zone; the next holder drops used
 * slots without an address all the same (mz_write_lock). The dead
 * process's block stays allocated: others may be using it.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "eal_private.h"
#include "malloc_elem.h"
#include "malloc_heap.h"
#include "memzone_index.h"

static struct rte_fbarray *memzone_table(void)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	if (mcfg == NULL || mcfg->memzones.data == NULL)
		return NULL;
	return &mcfg->memzones;
}

/* mlock held for writing, its last holder dead: drop half-made slots. */
static void repair_table(struct rte_fbarray *arr)
{
	int idx = rte_fbarray_find_next_used(arr, 0);

	while (idx >= 0) {
		struct rte_memzone *mz = rte_fbarray_get(arr, (unsigned int)idx);

		if (mz->addr == NULL || mz->name[0] == '\0') {
			RTE_LOG(WARNING, EAL, "memzone slot %d was left half made; freed\n", idx);
			rte_fbarray_set_free(arr, (unsigned int)idx);
			memset(mz, 0, sizeof(*mz));
		}
		idx = rte_fbarray_find_next_used(arr, (unsigned int)idx + 1);
	}
}

static void mz_write_lock(struct rte_mem_config *mcfg)
{
	if (eal_shrw_write_lock(&mcfg->mlock) == -EOWNERDEAD) {
		eal_shlock_report("memzone", &mcfg->mlock.w);
		if (mcfg->memzones.data != NULL) {
			repair_table(&mcfg->memzones);
			/* the dead holder may have been half way through an update */
			memzone_index_rebuild(&mcfg->memzone_index, &mcfg->memzones);
		}
		eal_shlock_consistent(&mcfg->mlock.w);
	}
}

/* mlock held. */
static struct rte_memzone *lookup_locked(struct rte_fbarray *arr, const char *name)
{
	return memzone_index_find(&eal_mcfg()->memzone_index, arr, name);
}

struct reserve_req {
	const char *name;
	size_t len;
	int socket;
	unsigned int flags;
	size_t align;
	size_t bound;
};

/*
 * mlock held for writing (and the hotplug lock too when grow). Checks the
 * request against the table and reserves it: 0 with the zone in *out, or
 * -errno.
 */
static int reserve_locked(struct rte_fbarray *arr, const struct reserve_req *req, bool grow,
			  const struct rte_memzone **out)
{
	bool contig = (req->flags & RTE_MEMZONE_IOVA_CONTIG) != 0;
	unsigned int flags = req->flags & ~RTE_MEMZONE_IOVA_CONTIG;
	struct malloc_elem *elem;
	struct rte_memzone *mz;
	size_t len;
	void *addr = NULL;
	int idx, ret;

	if (arr->count >= arr->len) {
		RTE_LOG(ERR, EAL, "memzone %s: no free memzone slot (%u in use)\n", req->name,
			arr->count);
		return -ENOSPC;
	}
	if (lookup_locked(arr, req->name) != NULL) {
		RTE_LOG(DEBUG, EAL, "memzone %s already exists\n", req->name);
		return -EEXIST;
	}

	idx = rte_fbarray_find_next_free(arr, 0);
	mz = idx < 0 ? NULL : rte_fbarray_get(arr, (unsigned int)idx);
	if (mz == NULL)
		return -ENOSPC;

	/* len 0: the biggest block, unless a bound limits it to the bound. */
	len = req->len != 0 ? RTE_ALIGN_CEIL(req->len, (size_t)RTE_CACHE_LINE_SIZE) : req->bound;
	if (len == 0)
		ret = malloc_heap_alloc_biggest(&addr, req->socket, flags, req->align, contig);
	else if (grow)
		ret = malloc_heap_alloc_grow_locked(&addr, len, req->socket, flags, req->align,
						    req->bound, contig);
	else
		ret = malloc_heap_alloc_existing(&addr, len, req->socket, flags, req->align,
						 req->bound, contig);
	if (ret < 0)
		return ret;

	elem = malloc_elem_from_data(addr);
	memset(mz, 0, sizeof(*mz));
	snprintf(mz->name, sizeof(mz->name), "%s", req->name);
	mz->addr = addr;
	mz->iova = rte_malloc_virt2iova(addr);
	mz->len = len != 0 ? len : malloc_elem_data_size(elem);
	mz->hugepage_sz = elem->msl->page_sz;
	mz->socket_id = elem->msl->socket_id;
	mz->flags = 0;
	if (rte_fbarray_set_used(arr, (unsigned int)idx) < 0) {
		/* cannot happen: the slot was free, under the same lock. No page
		 * release here, it would need the hotplug lock after mlock. */
		memset(mz, 0, sizeof(*mz));
		malloc_heap_free(elem, false);
		return -ENOSPC;
	}
	memzone_index_add(&eal_mcfg()->memzone_index, arr, (unsigned int)idx);
	*out = mz;
	return 0;
}

/* Page size flags, the hint and IOVA contiguity; any other bit is refused
 * (EINVAL), as DPDK refuses it, rather than ignored. */
#define MEMZONE_KNOWN_FLAGS                                                                    \
	(RTE_MEMZONE_2MB | RTE_MEMZONE_1GB | RTE_MEMZONE_16MB | RTE_MEMZONE_16GB |             \
	 RTE_MEMZONE_256KB | RTE_MEMZONE_256MB | RTE_MEMZONE_512MB | RTE_MEMZONE_4GB |        \
	 RTE_MEMZONE_SIZE_HINT_ONLY | RTE_MEMZONE_IOVA_CONTIG)

/* 0 with the zone in *out, or -errno (rte_memzone_reserve's rte_errno). */
static int reserve(const char *name, size_t len, int socket_id, unsigned int flags,
		   unsigned int align, unsigned int bound, const struct rte_memzone **out)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	struct rte_fbarray *arr = memzone_table();
	struct reserve_req req;
	int ret;

	if (arr == NULL || name == NULL || name[0] == '\0')
		return -EINVAL;
	if (strnlen(name, RTE_MEMZONE_NAMESIZE) == RTE_MEMZONE_NAMESIZE) {
		RTE_LOG(DEBUG, EAL, "memzone name too long: %.*s...\n", RTE_MEMZONE_NAMESIZE,
			name);
		return -ENAMETOOLONG;
	}
	if ((flags & ~MEMZONE_KNOWN_FLAGS) != 0 ||
	    (align != 0 && !rte_is_power_of_2(align)) || socket_id < SOCKET_ID_ANY ||
	    (socket_id != SOCKET_ID_ANY && malloc_socket_to_heap_id(socket_id) < 0))
		return -EINVAL;
	if (len > SIZE_MAX - RTE_CACHE_LINE_MASK)
		return -ENOMEM;
	req = (struct reserve_req){
		.name = name,
		.len = len,
		.socket = socket_id,
		.flags = flags,
		.align = RTE_MAX((size_t)align, (size_t)RTE_CACHE_LINE_SIZE),
		.bound = bound,
	};
	if (bound != 0 && (!rte_is_power_of_2(bound) ||
			   RTE_ALIGN_CEIL(len, (size_t)RTE_CACHE_LINE_SIZE) > bound))
		return -EINVAL;

	mz_write_lock(mcfg);
	ret = reserve_locked(arr, &req, false, out);
	eal_shrw_write_unlock(&mcfg->mlock);
	if (ret != -ENOMEM || (len == 0 && bound == 0))
		return ret;

	/* Not enough memory yet: again, allowed to map pages this time. */
	rte_mcfg_mem_write_lock();
	mz_write_lock(mcfg);
	ret = reserve_locked(arr, &req, true, out);
	eal_shrw_write_unlock(&mcfg->mlock);
	rte_mcfg_mem_write_unlock();
	return ret;
}

/* The three rte_memzone_reserve* entry points. */
static const struct rte_memzone *memzone_reserve(const char *name, size_t len, int socket_id,
						 unsigned int flags, unsigned int align,
						 unsigned int bound)
{
	const struct rte_memzone *mz = NULL;
	int ret = reserve(name, len, socket_id, flags, align, bound, &mz);

	if (ret < 0) {
		rte_errno = -ret;
		return NULL;
	}
	return mz;
}

const struct rte_memzone *rte_memzone_reserve_bounded(const char *name, size_t len,
						      int socket_id, unsigned flags,
						      unsigned align, unsigned bound)
{
	return memzone_reserve(name, len, socket_id, flags, align, bound);
}

const struct rte_memzone *rte_memzone_reserve_aligned(const char *name, size_t len,
						      int socket_id, unsigned flags,
						      unsigned align)
{
	return memzone_reserve(name, len, socket_id, flags, align, 0);
}

const struct rte_memzone *rte_memzone_reserve(const char *name, size_t len, int socket_id,
					      unsigned flags)
{
	return memzone_reserve(name, len, socket_id, flags, RTE_CACHE_LINE_SIZE, 0);
}

int rte_memzone_free(const struct rte_memzone *mz)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	struct rte_fbarray *arr = memzone_table();
	void *addr = NULL;
	int idx;

	if (mz == NULL || arr == NULL)
		return -EINVAL;
	mz_write_lock(mcfg);
	idx = rte_fbarray_find_idx(arr, mz);
	if (idx >= 0 && rte_fbarray_is_used(arr, (unsigned int)idx) == 1 && mz->addr != NULL) {
		struct rte_memzone *slot = rte_fbarray_get(arr, (unsigned int)idx);

		addr = slot->addr;
		memzone_index_remove(&mcfg->memzone_index, arr, (unsigned int)idx);
		rte_fbarray_set_free(arr, (unsigned int)idx);
		memset(slot, 0, sizeof(*slot));
	}
	eal_shrw_write_unlock(&mcfg->mlock);
	if (addr == NULL)
		return -EINVAL;
	rte_free(addr); /* outside mlock: may give pages back */
	return 0;
}

const struct rte_memzone *rte_memzone_lookup(const char *name)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	struct rte_fbarray *arr = memzone_table();
	const struct rte_memzone *mz;

	if (arr == NULL || name == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	eal_shrw_read_lock(&mcfg->mlock);
	mz = lookup_locked(arr, name);
	eal_shrw_read_unlock(&mcfg->mlock);
	if (mz == NULL)
		rte_errno = ENOENT;
	return mz;
}

void rte_memzone_walk(void (*func)(const struct rte_memzone *, void *arg), void *arg)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	struct rte_fbarray *arr = memzone_table();
	int idx;

	if (arr == NULL || func == NULL)
		return;
	eal_shrw_read_lock(&mcfg->mlock);
	for (idx = rte_fbarray_find_next_used(arr, 0); idx >= 0;
	     idx = rte_fbarray_find_next_used(arr, (unsigned int)idx + 1))
		func(rte_fbarray_get(arr, (unsigned int)idx), arg);
	eal_shrw_read_unlock(&mcfg->mlock);
}

static void dump_one(const struct rte_memzone *mz, void *arg)
{
	FILE *f = arg;

	fprintf(f, "Zone %s: len:0x%zx virt:%p socket_id:%" PRId32 " flags:%" PRIx32 "\n", mz->name,
		mz->len, mz->addr, mz->socket_id, mz->flags);
	fprintf(f, "  iova:0x%" PRIx64 " hugepage_sz:0x%" PRIx64 "\n", mz->iova, mz->hugepage_sz);
}

void rte_memzone_dump(FILE *f)
{
	rte_memzone_walk(dump_one, f);
}

int eal_memzone_init(void)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	int ret;

	/* Primary only: a secondary attaches the table with the memseg lists
	 * (eal_mp_attach_memory) and detaches it in eal_mp_detach_memory. */
	mz_write_lock(mcfg);
	ret = rte_fbarray_init(&mcfg->memzones, "memzone", RTE_MAX_MEMZONE,
			       sizeof(struct rte_memzone));
	eal_shrw_write_unlock(&mcfg->mlock);
	if (ret < 0) {
		ret = -rte_errno;
		RTE_LOG(ERR, EAL, "cannot set up the memzone table\n");
		memset(&mcfg->memzones, 0, sizeof(mcfg->memzones));
		return ret;
	}
	return 0;
}

void eal_memzone_cleanup(void)
{
	struct rte_fbarray *arr = memzone_table();

	if (arr == NULL)
		return;
	mz_write_lock(eal_mcfg());
	rte_fbarray_destroy(arr);
	/* No table, no lookups: the index (16 KB, mostly never touched) is
	 * left for the config's unmap rather than faulted in to be cleared. */
	memset(arr, 0, sizeof(*arr));
	eal_shrw_write_unlock(&eal_mcfg()->mlock);
}
