/* SPDX-License-Identifier: BSD-3-Clause
 * The "stack" mempool driver, as DPDK's drivers/mempool/stack: free
 * objects in a LIFO array under a spinlock, in the memzone
 * "STK_<pool name>" (DPDK's rte_stack naming), sized for the whole pool so
 * a put always finds room. LIFO hands back the object freed last, whose
 * memory is the likeliest to be in cache; the price is one lock for every
 * get and put that reaches the driver, where the ring drivers are lock-free.
 * Bulk calls move all n or none: a get that cannot be met is -ENOENT, a
 * put that does not fit -ENOBUFS (DPDK's values for this driver).
 *
 * The lock and the array live in shared memory, so every process of the
 * application uses the same stack (a spinlock works across processes).
 */
#include <errno.h>
#include <stdio.h>

#include <rte_errno.h>
#include <rte_memzone.h>
#include <rte_spinlock.h>

#include "mempool_private.h"

#define STACK_MZ_PREFIX "STK_"

struct mempool_stack {
	rte_spinlock_t lock;
	uint32_t size;  /* slots in objs */
	uint32_t len;   /* objects held: objs[0..len), the top at len - 1 */
	const struct rte_memzone *mz;
	void *objs[];
};

int mempool_stack_alloc(struct rte_mempool *mp)
{
	char name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	struct mempool_stack *s;
	int ret;

	ret = snprintf(name, sizeof(name), STACK_MZ_PREFIX "%s", mp->name);
	if (ret < 0 || (size_t)ret >= sizeof(name))
		return -ENAMETOOLONG;
	mz = rte_memzone_reserve_aligned(name, sizeof(*s) + (size_t)mp->size * sizeof(void *),
					 mp->socket_id, 0, RTE_CACHE_LINE_SIZE);
	if (mz == NULL)
		return -rte_errno;
	s = mz->addr;
	rte_spinlock_init(&s->lock);
	s->size = mp->size;
	s->len = 0;
	s->mz = mz;
	mp->pool_data = s;
	return 0;
}

void mempool_stack_free(struct rte_mempool *mp)
{
	struct mempool_stack *s = mp->pool_data;

	if (s != NULL)
		rte_memzone_free(s->mz);
	mp->pool_data = NULL;
}

int mempool_stack_enqueue(struct rte_mempool *mp, void * const *obj_table, unsigned int n)
{
	struct mempool_stack *s = mp->pool_data;
	int ret = -ENOBUFS;

	rte_spinlock_lock(&s->lock);
	if (n <= s->size - s->len) {
		for (unsigned int i = 0; i < n; i++)
			s->objs[s->len + i] = obj_table[i];
		/* Atomic only for get_count, which reads it without the lock. */
		__atomic_store_n(&s->len, s->len + n, __ATOMIC_RELAXED);
		ret = 0;
	}
	rte_spinlock_unlock(&s->lock);
	return ret;
}

/* The top of the stack first: obj_table[0] is the object put last. */
int mempool_stack_dequeue(struct rte_mempool *mp, void **obj_table, unsigned int n)
{
	struct mempool_stack *s = mp->pool_data;
	int ret = -ENOENT;

	rte_spinlock_lock(&s->lock);
	if (n <= s->len) {
		for (unsigned int i = 0; i < n; i++)
			obj_table[i] = s->objs[s->len - 1 - i];
		__atomic_store_n(&s->len, s->len - n, __ATOMIC_RELAXED);
		ret = 0;
	}
	rte_spinlock_unlock(&s->lock);
	return ret;
}

unsigned int mempool_stack_get_count(const struct rte_mempool *mp)
{
	const struct mempool_stack *s = mp->pool_data;

	return __atomic_load_n(&s->len, __ATOMIC_RELAXED);
}
