/* SPDX-License-Identifier: BSD-3-Clause
 * The ring mempool drivers: free objects wait in an rte_ring named
 * "MP_<pool name>" whose capacity is exactly the pool size, so a put
 * always finds room. Bulk calls move all n or none (n == 0 succeeds).
 * ring_mt_rts and ring_mt_hts make the ring RTS or HTS on both sides and
 * use its default calls, which dispatch on that.
 */
#include <errno.h>
#include <stdio.h>

#include <rte_errno.h>
#include <rte_ring.h>

#include "mempool_private.h"

static int ring_alloc(struct rte_mempool *mp, unsigned int ring_flags)
{
	char name[RTE_RING_NAMESIZE];
	struct rte_ring *r;
	int ret;

	ret = snprintf(name, sizeof(name), RTE_MEMPOOL_MZ_FORMAT, mp->name);
	if (ret < 0 || (size_t)ret >= sizeof(name))
		return -ENAMETOOLONG;
	r = rte_ring_create_elem(name, sizeof(void *), mp->size, mp->socket_id,
				 ring_flags | RING_F_EXACT_SZ);
	if (r == NULL)
		return -rte_errno;
	mp->pool_data = r;
	return 0;
}

int mempool_ring_alloc_mp_mc(struct rte_mempool *mp)
{
	return ring_alloc(mp, 0);
}

int mempool_ring_alloc_sp_sc(struct rte_mempool *mp)
{
	return ring_alloc(mp, RING_F_SP_ENQ | RING_F_SC_DEQ);
}

int mempool_ring_alloc_mp_sc(struct rte_mempool *mp)
{
	return ring_alloc(mp, RING_F_SC_DEQ);
}

int mempool_ring_alloc_sp_mc(struct rte_mempool *mp)
{
	return ring_alloc(mp, RING_F_SP_ENQ);
}

int mempool_ring_alloc_mt_rts(struct rte_mempool *mp)
{
	return ring_alloc(mp, RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ);
}

int mempool_ring_alloc_mt_hts(struct rte_mempool *mp)
{
	return ring_alloc(mp, RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ);
}

void mempool_ring_free(struct rte_mempool *mp)
{
	rte_ring_free(mp->pool_data);
	mp->pool_data = NULL;
}

int mempool_ring_enqueue_mp(struct rte_mempool *mp, void * const *obj_table, unsigned int n)
{
	return rte_ring_mp_enqueue_bulk(mp->pool_data, obj_table, n, NULL) == n ? 0 : -ENOBUFS;
}

int mempool_ring_enqueue_sp(struct rte_mempool *mp, void * const *obj_table, unsigned int n)
{
	return rte_ring_sp_enqueue_bulk(mp->pool_data, obj_table, n, NULL) == n ? 0 : -ENOBUFS;
}

int mempool_ring_dequeue_mc(struct rte_mempool *mp, void **obj_table, unsigned int n)
{
	return rte_ring_mc_dequeue_bulk(mp->pool_data, obj_table, n, NULL) == n ? 0 : -ENOBUFS;
}

int mempool_ring_dequeue_sc(struct rte_mempool *mp, void **obj_table, unsigned int n)
{
	return rte_ring_sc_dequeue_bulk(mp->pool_data, obj_table, n, NULL) == n ? 0 : -ENOBUFS;
}

int mempool_ring_enqueue_by_mode(struct rte_mempool *mp, void * const *obj_table,
				 unsigned int n)
{
	return rte_ring_enqueue_bulk(mp->pool_data, obj_table, n, NULL) == n ? 0 : -ENOBUFS;
}

int mempool_ring_dequeue_by_mode(struct rte_mempool *mp, void **obj_table, unsigned int n)
{
	return rte_ring_dequeue_bulk(mp->pool_data, obj_table, n, NULL) == n ? 0 : -ENOBUFS;
}

unsigned int mempool_ring_get_count(const struct rte_mempool *mp)
{
	return rte_ring_count(mp->pool_data);
}
