/* SPDX-License-Identifier: BSD-3-Clause
 * Giving a pool its objects: rte_mempool_populate_iova (one IO-contiguous
 * chunk), _virt (pages, split where their IO addresses jump), _default
 * (memzones sized by the driver's calc_mem_size) and _anon (anonymous
 * memory from the HAL). All end in rte_mempool_ops_populate, which carves
 * the objects and hands them to the driver; populate_obj records each one.
 *
 * Memory of one pool populated by default:
 *   memzone "MP_<name>_<k>"  objects (one or more chunks)
 *
 * A failed call leaves the pool as it was: the chunk header is allocated
 * before anything is carved, and a driver made for the call is freed
 * again. (A driver's own populate that fails after an earlier run of the
 * same populate_virt call succeeded keeps what that run added: the driver
 * holds those objects and cannot be asked for them back.)
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>

#include "hal.h"
#include "mempool_private.h"

/* rte_mempool_ops_populate's obj_cb: one more object of the pool. */
static void populate_obj(struct rte_mempool *mp, void *opaque, void *obj, rte_iova_t iova)
{
	struct rte_mempool_objhdr *hdr = rte_mempool_get_header(obj);

	RTE_SET_USED(opaque);
	hdr->mp = mp;
	hdr->iova = iova;
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	hdr->cookie = RTE_MEMPOOL_HEADER_COOKIE2;
	rte_mempool_get_trailer(obj)->cookie = RTE_MEMPOOL_TRAILER_COOKIE;
#endif
	STAILQ_INSERT_TAIL(&mp->elt_list, hdr, next);
	mp->populated_size++;
}

void mempool_release_chunks(struct rte_mempool *mp)
{
	struct rte_mempool_memhdr *memhdr;

	while ((memhdr = STAILQ_FIRST(&mp->mem_list)) != NULL) {
		STAILQ_REMOVE_HEAD(&mp->mem_list, next);
		if (memhdr->free_cb != NULL)
			memhdr->free_cb(memhdr, memhdr->opaque);
		rte_free(memhdr);
	}
	STAILQ_INIT(&mp->elt_list);
	mp->populated_size = 0;
	mp->nb_mem_chunks = 0;
}

/*
 * Set up for one chunk: the driver on first use (*made says it is new) and
 * the chunk's header. 0 or a negative errno with nothing changed.
 */
static int chunk_begin(struct rte_mempool *mp, bool *made, struct rte_mempool_memhdr **memhdr)
{
	int ret;

	*made = false;
	if ((mp->flags & RTE_MEMPOOL_F_POOL_CREATED) == 0) {
		ret = rte_mempool_ops_alloc(mp);
		if (ret < 0)
			return ret;
		mp->flags |= RTE_MEMPOOL_F_POOL_CREATED;
		*made = true;
	}
	*memhdr = rte_zmalloc("MEMPOOL_MEMHDR", sizeof(**memhdr), 0);
	if (*memhdr == NULL) {
		if (*made) {
			rte_mempool_ops_free(mp);
			mp->flags &= ~RTE_MEMPOOL_F_POOL_CREATED;
		}
		return -ENOMEM;
	}
	return 0;
}

/*
 * Finish a chunk: added objects were carved from it (or, with added <= 0,
 * none, and the chunk is dropped as if never offered). The pool reports
 * READY when this chunk filled it.
 */
static int chunk_end(struct rte_mempool *mp, int added, bool made,
		     struct rte_mempool_memhdr *memhdr, void *addr, rte_iova_t iova, size_t len,
		     rte_mempool_memchunk_free_cb_t *free_cb, void *opaque)
{
	if (added <= 0) {
		rte_free(memhdr);
		if (made) {
			rte_mempool_ops_free(mp);
			mp->flags &= ~RTE_MEMPOOL_F_POOL_CREATED;
		}
		return added;
	}
	memhdr->mp = mp;
	memhdr->addr = addr;
	memhdr->iova = iova;
	memhdr->len = len;
	memhdr->free_cb = free_cb;
	memhdr->opaque = opaque;
	STAILQ_INSERT_TAIL(&mp->mem_list, memhdr, next);
	mp->nb_mem_chunks++;
	if (mp->populated_size == mp->size)
		mempool_event_invoke(RTE_MEMPOOL_EVENT_READY, mp);
	return added;
}

/* Objects from one IO-contiguous run (iova may be RTE_BAD_IOVA), first one aligned. */
static int carve(struct rte_mempool *mp, char *addr, rte_iova_t iova, size_t len)
{
	const size_t align = (mp->flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN) ? sizeof(uint64_t)
									 : RTE_MEMPOOL_ALIGN;
	const size_t skip = RTE_PTR_DIFF(RTE_PTR_ALIGN_CEIL(addr, align), addr);

	if (skip >= len)
		return 0;
	return rte_mempool_ops_populate(mp, mp->size - mp->populated_size, addr + skip,
					iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : iova + skip,
					len - skip, populate_obj, NULL);
}

int rte_mempool_populate_iova(struct rte_mempool *mp, char *vaddr, rte_iova_t iova,
			      size_t len, rte_mempool_memchunk_free_cb_t *free_cb, void *opaque)
{
	struct rte_mempool_memhdr *memhdr;
	bool made;
	int ret;

	if (mp->populated_size >= mp->size)
		return -ENOSPC;
	if (vaddr == NULL)
		return -EINVAL;
	if (mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG)
		iova = RTE_BAD_IOVA;
	ret = chunk_begin(mp, &made, &memhdr);
	if (ret < 0)
		return ret;
	ret = carve(mp, vaddr, iova, len);
	return chunk_end(mp, ret, made, memhdr, vaddr, iova, len, free_cb, opaque);
}

/* Bytes from off on that continue the IO addresses of addr + off, page by page. */
static size_t contiguous_run(char *addr, size_t off, size_t len, size_t pg_sz, rte_iova_t iova)
{
	size_t run = RTE_MIN((size_t)RTE_PTR_DIFF(RTE_PTR_ALIGN_CEIL(addr + off + 1, pg_sz),
						  addr + off),
			     len - off);

	while (iova != RTE_BAD_IOVA && off + run < len &&
	       rte_mem_virt2iova(addr + off + run) == iova + run)
		run = RTE_MIN(run + pg_sz, len - off);
	return run;
}

/*
 * Unlike DPDK, which adds one chunk per IO-contiguous run and wants addr
 * and len page-aligned, rtemem records the caller's memory as one chunk
 * (iova RTE_BAD_IOVA) and takes any addr and len: mem_iter and free_cb see
 * what the caller gave.
 */
int rte_mempool_populate_virt(struct rte_mempool *mp, char *addr, size_t len, size_t pg_sz,
			      rte_mempool_memchunk_free_cb_t *free_cb, void *opaque)
{
	struct rte_mempool_memhdr *memhdr;
	size_t off, run;
	int added = 0, ret = 0;
	bool made;

	if (mp->populated_size >= mp->size)
		return -ENOSPC;
	if (addr == NULL)
		return -EINVAL;
	if (mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG)
		return rte_mempool_populate_iova(mp, addr, RTE_BAD_IOVA, len, free_cb, opaque);
	if (pg_sz == 0 || !rte_is_power_of_2(pg_sz))
		return -EINVAL;
	ret = chunk_begin(mp, &made, &memhdr);
	if (ret < 0)
		return ret;
	for (off = 0; off < len && mp->populated_size < mp->size; off += run) {
		rte_iova_t iova = rte_mem_virt2iova(addr + off);

		/* Pages without an IO address still hold objects, one page each. */
		run = contiguous_run(addr, off, len, pg_sz, iova);
		ret = carve(mp, addr + off, iova, run);
		if (ret < 0)
			break;
		added += ret;
	}
	return chunk_end(mp, added > 0 ? added : ret, made, memhdr, addr, RTE_BAD_IOVA, len,
			 free_cb, opaque);
}

static void memchunk_mz_free(struct rte_mempool_memhdr *memhdr, void *opaque)
{
	RTE_SET_USED(memhdr);
	rte_memzone_free(opaque);
}

/*
 * One more memzone for the objects still missing, sized by the driver. If
 * the heap has no piece that big, the biggest piece it has will do: the
 * caller comes back for the rest.
 */
static int add_zone(struct rte_mempool *mp, size_t pg_sz)
{
	const bool need_iova = (mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG) == 0;
	char mz_name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	size_t min_chunk_size, align;
	unsigned int mz_flags = 0;
	ssize_t mem_size;
	int ret;

	mem_size = rte_mempool_ops_calc_mem_size(mp, mp->size - mp->populated_size,
						 pg_sz != 0 ? rte_bsf64(pg_sz) : 0,
						 &min_chunk_size, &align);
	if (mem_size < 0)
		return (int)mem_size;
	/* One object's worth, or objects bigger than a page: only IO-contiguous
	 * memory will do, so ask the memzone for it. */
	if (need_iova && ((size_t)mem_size == min_chunk_size || min_chunk_size > pg_sz))
		mz_flags |= RTE_MEMZONE_IOVA_CONTIG;
	ret = snprintf(mz_name, sizeof(mz_name), RTE_MEMPOOL_MZ_FORMAT "_%" PRIu32, mp->name,
		       mp->nb_mem_chunks);
	if (ret < 0 || (size_t)ret >= sizeof(mz_name))
		return -ENAMETOOLONG;
	mz = rte_memzone_reserve_aligned(mz_name, (size_t)mem_size, mp->socket_id, mz_flags,
					 (unsigned int)align);
	if (mz == NULL && rte_errno == ENOMEM)
		mz = rte_memzone_reserve_aligned(mz_name, 0, mp->socket_id, mz_flags,
						 (unsigned int)align);
	if (mz == NULL)
		return rte_errno != 0 ? -rte_errno : -ENOMEM;
	if (pg_sz == 0 || (mz_flags & RTE_MEMZONE_IOVA_CONTIG))
		ret = rte_mempool_populate_iova(mp, mz->addr, need_iova ? mz->iova : RTE_BAD_IOVA,
						mz->len, memchunk_mz_free, (void *)(uintptr_t)mz);
	else
		ret = rte_mempool_populate_virt(mp, mz->addr, mz->len, pg_sz, memchunk_mz_free,
						(void *)(uintptr_t)mz);
	if (ret <= 0) {
		rte_memzone_free(mz);
		return ret < 0 ? ret : -ENOMEM; /* the biggest piece fit no object */
	}
	return 0;
}

int rte_mempool_populate_default(struct rte_mempool *mp)
{
	size_t pg_sz;
	int ret;

	if (mp->nb_mem_chunks != 0 || (mp->flags & RTE_MEMPOOL_F_POOL_CREATED))
		return -EEXIST;
	ret = rte_mempool_get_page_size(mp, &pg_sz);
	if (ret < 0)
		return ret;
	/* The first chunk makes the driver; undo both on failure. */
	while (mp->populated_size < mp->size) {
		ret = add_zone(mp, pg_sz);
		if (ret < 0)
			goto fail;
	}
	return (int)mp->populated_size;

fail:
	RTE_LOG(ERR, MEMPOOL, "cannot populate mempool %s: %s\n", mp->name,
		rte_strerror(-ret));
	if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED) {
		rte_mempool_ops_free(mp);
		mp->flags &= ~RTE_MEMPOOL_F_POOL_CREATED;
	}
	mempool_release_chunks(mp);
	return ret;
}

/* Memory the OS will not unmap stays mapped: the pool forgets it all the same. */
static void anon_unmap_logged(void *addr, size_t len)
{
	int ret = hal_anon_unmap(addr, len);

	if (ret < 0)
		RTE_LOG(ERR, MEMPOOL, "cannot unmap %zu bytes of anonymous memory at %p: %s\n",
			len, addr, strerror(-ret));
}

static void memchunk_anon_free(struct rte_mempool_memhdr *memhdr, void *opaque)
{
	anon_unmap_logged(memhdr->addr, (size_t)(uintptr_t)opaque);
}

int rte_mempool_populate_anon(struct rte_mempool *mp)
{
	const size_t pg_sz = hal_base_page_size();
	size_t min_chunk_size, align;
	ssize_t size;
	void *addr;
	int ret;

	if (mp->nb_mem_chunks != 0 || mp->populated_size != 0) {
		rte_errno = EINVAL;
		return 0;
	}
	/* The memory is only virtually contiguous: size it for base pages. */
	size = rte_mempool_ops_calc_mem_size(mp, mp->size, rte_bsf64(pg_sz), &min_chunk_size,
					     &align);
	if (size < 0) {
		rte_errno = (int)-size;
		return 0;
	}
	addr = hal_anon_map((size_t)size);
	if (addr == NULL) {
		rte_errno = errno;
		return 0;
	}
	ret = rte_mempool_populate_virt(mp, addr, (size_t)size, pg_sz, memchunk_anon_free,
					(void *)(uintptr_t)size);
	if (ret <= 0) {
		anon_unmap_logged(addr, (size_t)size);
		rte_errno = ret < 0 ? -ret : ENOBUFS;
		return 0;
	}
	return (int)mp->populated_size;
}
