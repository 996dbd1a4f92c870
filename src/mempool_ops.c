/* SPDX-License-Identifier: BSD-3-Clause
 * The table of mempool drivers. A pool stores the index of its driver, so
 * the table must look the same in every process: the built-in drivers
 * (DPDK's ring and stack drivers) are compiled into it in a fixed order,
 * and registered ones follow.
 */
#include <errno.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_log.h>
#include <rte_mempool.h>
#include <rte_spinlock.h>

#include "mempool_private.h"

struct rte_mempool_ops_table rte_mempool_ops_table = {
	.sl = RTE_SPINLOCK_INITIALIZER,
	.num_ops = 7,
	.ops = {
		{
			.name = "ring_mp_mc",
			.alloc = mempool_ring_alloc_mp_mc,
			.free = mempool_ring_free,
			.enqueue = mempool_ring_enqueue_mp,
			.dequeue = mempool_ring_dequeue_mc,
			.get_count = mempool_ring_get_count,
		},
		{
			.name = "ring_sp_sc",
			.alloc = mempool_ring_alloc_sp_sc,
			.free = mempool_ring_free,
			.enqueue = mempool_ring_enqueue_sp,
			.dequeue = mempool_ring_dequeue_sc,
			.get_count = mempool_ring_get_count,
		},
		{
			.name = "ring_mp_sc",
			.alloc = mempool_ring_alloc_mp_sc,
			.free = mempool_ring_free,
			.enqueue = mempool_ring_enqueue_mp,
			.dequeue = mempool_ring_dequeue_sc,
			.get_count = mempool_ring_get_count,
		},
		{
			.name = "ring_sp_mc",
			.alloc = mempool_ring_alloc_sp_mc,
			.free = mempool_ring_free,
			.enqueue = mempool_ring_enqueue_sp,
			.dequeue = mempool_ring_dequeue_mc,
			.get_count = mempool_ring_get_count,
		},
		{
			.name = "ring_mt_rts",
			.alloc = mempool_ring_alloc_mt_rts,
			.free = mempool_ring_free,
			.enqueue = mempool_ring_enqueue_by_mode,
			.dequeue = mempool_ring_dequeue_by_mode,
			.get_count = mempool_ring_get_count,
		},
		{
			.name = "ring_mt_hts",
			.alloc = mempool_ring_alloc_mt_hts,
			.free = mempool_ring_free,
			.enqueue = mempool_ring_enqueue_by_mode,
			.dequeue = mempool_ring_dequeue_by_mode,
			.get_count = mempool_ring_get_count,
		},
		{
			.name = "stack",
			.alloc = mempool_stack_alloc,
			.free = mempool_stack_free,
			.enqueue = mempool_stack_enqueue,
			.dequeue = mempool_stack_dequeue,
			.get_count = mempool_stack_get_count,
		},
	},
};

static int find_ops(const char *name)
{
	for (uint32_t i = 0; i < rte_mempool_ops_table.num_ops; i++) {
		if (strcmp(name, rte_mempool_ops_table.ops[i].name) == 0)
			return (int)i;
	}
	return -1;
}

/*
 * As DPDK 22.11 checks, in its order: a full table (-ENOSPC), a missing
 * callback (-EINVAL), a name of RTE_MEMPOOL_OPS_NAMESIZE - 1 characters or
 * more (-EEXIST, rte_errno too). Refused beyond DPDK, which would register
 * them: NULL, an empty name and a name already taken (-EINVAL, -EINVAL,
 * -EEXIST), none of which a pool could select by name.
 */
int rte_mempool_register_ops(const struct rte_mempool_ops *h)
{
	int idx;

	if (h == NULL)
		return -EINVAL;
	rte_spinlock_lock(&rte_mempool_ops_table.sl);
	if (rte_mempool_ops_table.num_ops >= RTE_MEMPOOL_MAX_OPS_IDX) {
		RTE_LOG(ERR, MEMPOOL, "mempool ops table full (%d drivers)\n",
			RTE_MEMPOOL_MAX_OPS_IDX);
		idx = -ENOSPC;
	} else if (h->alloc == NULL || h->enqueue == NULL || h->dequeue == NULL ||
		   h->get_count == NULL || h->name[0] == '\0') {
		RTE_LOG(ERR, MEMPOOL, "mempool driver without a name or a mandatory callback\n");
		idx = -EINVAL;
	} else if (strnlen(h->name, sizeof(h->name)) >= sizeof(h->name) - 1) {
		rte_errno = EEXIST;
		idx = -EEXIST;
	} else if (find_ops(h->name) >= 0) {
		idx = -EEXIST;
	} else {
		idx = (int)rte_mempool_ops_table.num_ops;
		rte_mempool_ops_table.ops[idx] = *h;
		rte_mempool_ops_table.num_ops++;
	}
	rte_spinlock_unlock(&rte_mempool_ops_table.sl);
	return idx;
}

int rte_mempool_set_ops_byname(struct rte_mempool *mp, const char *name, void *pool_config)
{
	int idx;

	if (mp == NULL || name == NULL)
		return -EINVAL;
	/* The driver holds the objects once populated: too late to switch. */
	if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED)
		return -EEXIST;
	idx = find_ops(name);
	if (idx < 0)
		return -EINVAL;
	mp->ops_index = idx;
	mp->pool_config = pool_config;
	return 0;
}

int rte_mempool_ops_alloc(struct rte_mempool *mp)
{
	return rte_mempool_get_ops(mp->ops_index)->alloc(mp);
}

void rte_mempool_ops_free(struct rte_mempool *mp)
{
	struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);

	if (ops->free != NULL)
		ops->free(mp);
}

unsigned int rte_mempool_ops_get_count(const struct rte_mempool *mp)
{
	return rte_mempool_get_ops(mp->ops_index)->get_count(mp);
}

ssize_t rte_mempool_ops_calc_mem_size(const struct rte_mempool *mp, uint32_t obj_num,
				      uint32_t pg_shift, size_t *min_chunk_size, size_t *align)
{
	struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);

	if (ops->calc_mem_size == NULL)
		return rte_mempool_op_calc_mem_size_default(mp, obj_num, pg_shift,
							    min_chunk_size, align);
	return ops->calc_mem_size(mp, obj_num, pg_shift, min_chunk_size, align);
}

int rte_mempool_ops_populate(struct rte_mempool *mp, unsigned int max_objs, void *vaddr,
			     rte_iova_t iova, size_t len, rte_mempool_populate_obj_cb_t *obj_cb,
			     void *obj_cb_arg)
{
	struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);

	if (ops->populate == NULL)
		return rte_mempool_op_populate_default(mp, max_objs, vaddr, iova, len, obj_cb,
						       obj_cb_arg);
	return ops->populate(mp, max_objs, vaddr, iova, len, obj_cb, obj_cb_arg);
}

int rte_mempool_ops_get_info(const struct rte_mempool *mp, struct rte_mempool_info *info)
{
	struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);

	if (info == NULL)
		return -EINVAL;
	if (ops->get_info == NULL)
		return -ENOTSUP;
	return ops->get_info(mp, info);
}
