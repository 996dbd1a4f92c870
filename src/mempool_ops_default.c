/* SPDX-License-Identifier: BSD-3-Clause
 * The default mempool driver ops: how much memory objects need
 * (calc_mem_size) and how they are carved out of a chunk (populate). Every
 * rte_mempool_populate_* goes through rte_mempool_ops_calc_mem_size and
 * rte_mempool_ops_populate, which fall back on these for drivers (all of
 * rtemem's) that do not bring their own.
 *
 * The rule both share: an object never straddles a boundary of the pool's
 * page size (rte_mempool_get_page_size) unless it is bigger than a page.
 * So calc_mem_size can count whole pages, and a device DMAing into an
 * object sees one IO-contiguous range even on pages in shuffled physical
 * order (the simulated machine's, and real hugepages').
 */
#include <errno.h>
#include <stdint.h>
#include <sys/types.h>

#include <rte_common.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_mempool.h>

#include "hal.h"

static size_t total_obj_size(const struct rte_mempool *mp)
{
	return (size_t)mp->header_size + mp->elt_size + mp->trailer_size;
}

ssize_t rte_mempool_op_calc_mem_size_helper(const struct rte_mempool *mp, uint32_t obj_num,
					    uint32_t pg_shift, size_t chunk_reserve,
					    size_t *min_chunk_size, size_t *align)
{
	const size_t total = total_obj_size(mp);
	size_t pg_sz, per_page, in_last, mem;

	if (pg_shift == 0 || obj_num == 0) {
		mem = total * obj_num + chunk_reserve;
	} else {
		if (pg_shift >= sizeof(size_t) * 8)
			return -EINVAL;
		pg_sz = (size_t)1 << pg_shift;
		if (chunk_reserve >= pg_sz)
			return -EINVAL;
		per_page = (pg_sz - chunk_reserve) / total;
		if (per_page == 0) {
			/* Bigger than a page: a run of IO-contiguous pages per object. */
			mem = RTE_ALIGN_CEIL(total + chunk_reserve, pg_sz) * obj_num;
		} else {
			/* Full pages for all but the last few objects, which need only
			 * their own room; plus what an unaligned start can waste. */
			in_last = (obj_num - 1) % per_page + 1;
			mem = ((obj_num - in_last) / per_page << pg_shift) + chunk_reserve +
			      in_last * total + total - 1;
		}
	}
	if (mem > SSIZE_MAX)
		return -ENOMEM;
	*min_chunk_size = total;
	*align = RTE_MEMPOOL_ALIGN;
	return (ssize_t)mem;
}

ssize_t rte_mempool_op_calc_mem_size_default(const struct rte_mempool *mp, uint32_t obj_num,
					     uint32_t pg_shift, size_t *min_chunk_size,
					     size_t *align)
{
	return rte_mempool_op_calc_mem_size_helper(mp, obj_num, pg_shift, 0, min_chunk_size,
						   align);
}

/* The smallest page of a socket (any socket for SOCKET_ID_ANY). */
struct min_page {
	int socket_id;
	uint64_t pg_sz;
};

static int min_page_of(const struct rte_memseg_list *msl, void *arg)
{
	struct min_page *m = arg;

	if (msl->page_sz == 0 || (m->socket_id != SOCKET_ID_ANY && msl->socket_id != m->socket_id))
		return 0;
	if (m->pg_sz == 0 || msl->page_sz < m->pg_sz)
		m->pg_sz = msl->page_sz;
	return 0;
}

int rte_mempool_get_page_size(struct rte_mempool *mp, size_t *pg_sz)
{
	struct min_page m = { .socket_id = mp->socket_id, .pg_sz = 0 };

	if (rte_malloc_heap_socket_is_external(mp->socket_id) < 0)
		return -EINVAL;
	if (mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG) {
		*pg_sz = 0; /* no IO addresses to keep whole */
		return 0;
	}
	if (rte_eal_has_hugepages())
		rte_memseg_list_walk(min_page_of, &m);
	/* Without hugepages (or none on that socket yet), the OS's page. */
	*pg_sz = m.pg_sz != 0 ? (size_t)m.pg_sz : hal_base_page_size();
	return 0;
}

/* Would [addr, addr + total) cross a page boundary that matters? */
static bool crosses_page(uintptr_t addr, size_t total, size_t pg_sz)
{
	if (pg_sz == 0 || total > pg_sz)
		return false;
	return RTE_ALIGN_FLOOR(addr, pg_sz) != RTE_ALIGN_FLOOR(addr + total - 1, pg_sz);
}

/*
 * The first offset from off where an object may start: a multiple of total
 * with RTE_MEMPOOL_POPULATE_F_ALIGN_OBJ, not across a page boundary. The
 * two rules can push each other along, hence the loop; it stops past limit.
 */
static size_t next_slot(uintptr_t base, size_t off, size_t limit, size_t total, size_t pg_sz,
			unsigned int flags)
{
	while (off <= limit) {
		uintptr_t addr = base + off;

		if ((flags & RTE_MEMPOOL_POPULATE_F_ALIGN_OBJ) && addr % total != 0) {
			off += total - addr % total;
			continue;
		}
		if (!crosses_page(addr, total, pg_sz))
			break;
		off += RTE_ALIGN_CEIL(addr, pg_sz) - addr;
	}
	return off;
}

int rte_mempool_op_populate_helper(struct rte_mempool *mp, unsigned int flags,
				   unsigned int max_objs, void *vaddr, rte_iova_t iova, size_t len,
				   rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg)
{
	const size_t total = total_obj_size(mp);
	size_t pg_sz, off = 0;
	unsigned int i;
	int ret;

	ret = rte_mempool_get_page_size(mp, &pg_sz);
	if (ret < 0)
		return ret;
	for (i = 0; i < max_objs; i++) {
		void *elt;

		off = next_slot((uintptr_t)vaddr, off, len, total, pg_sz, flags);
		if (off > len || len - off < total)
			break;
		elt = RTE_PTR_ADD(vaddr, off + mp->header_size);
		obj_cb(mp, obj_cb_arg, elt,
		       iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : iova + off + mp->header_size);
		/* The driver is sized for the whole pool: this cannot fail. */
		rte_mempool_ops_enqueue_bulk(mp, &elt, 1);
		off += total;
	}
	return (int)i;
}

int rte_mempool_op_populate_default(struct rte_mempool *mp, unsigned int max_objs,
				    void *vaddr, rte_iova_t iova, size_t len,
				    rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg)
{
	return rte_mempool_op_populate_helper(mp, 0, max_objs, vaddr, iova, len, obj_cb,
					      obj_cb_arg);
}
