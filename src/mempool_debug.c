/* SPDX-License-Identifier: BSD-3-Clause
 * Object cookies of debug builds (RTE_LIBRTE_MEMPOOL_DEBUG): the header
 * cookie says whether the pool or the application holds the object, the
 * trailer cookie that nothing wrote past the element. rte_mempool.h calls
 * these on every get and put of a debug build; in other builds they exist
 * (the API has them) and do nothing.
 */
#include <inttypes.h>

#include <rte_debug.h>
#include <rte_log.h>
#include <rte_mempool.h>

#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
/* free: 0 put (held -> pool), 1 get (pool -> held), 2 audit (either, unchanged). */
static void check_one(const struct rte_mempool *mp, void *obj, int free)
{
	struct rte_mempool_objhdr *hdr = rte_mempool_get_header(obj);
	uint64_t cookie = hdr->cookie;

	if (hdr->mp != mp)
		rte_panic("MEMPOOL: object %p of pool %p given to pool %p\n", obj,
			  (void *)hdr->mp, (const void *)mp);
	if ((free == 0 && cookie != RTE_MEMPOOL_HEADER_COOKIE1) ||
	    (free == 1 && cookie != RTE_MEMPOOL_HEADER_COOKIE2) ||
	    (free == 2 && cookie != RTE_MEMPOOL_HEADER_COOKIE1 &&
	     cookie != RTE_MEMPOOL_HEADER_COOKIE2)) {
		RTE_LOG(CRIT, MEMPOOL, "obj=%p, mempool=%p, cookie=%" PRIx64 "\n", obj,
			(const void *)mp, cookie);
		rte_panic("MEMPOOL: bad header cookie (%s)\n",
			  free == 0 ? "put" : free == 1 ? "get" : "audit");
	}
	cookie = rte_mempool_get_trailer(obj)->cookie;
	if (cookie != RTE_MEMPOOL_TRAILER_COOKIE) {
		RTE_LOG(CRIT, MEMPOOL, "obj=%p, mempool=%p, cookie=%" PRIx64 "\n", obj,
			(const void *)mp, cookie);
		rte_panic("MEMPOOL: bad trailer cookie\n");
	}
	/* Only now: a panic leaves the object as it found it, for a post-mortem. */
	if (free == 0)
		hdr->cookie = RTE_MEMPOOL_HEADER_COOKIE2;
	else if (free == 1)
		hdr->cookie = RTE_MEMPOOL_HEADER_COOKIE1;
}
#endif

void rte_mempool_check_cookies(const struct rte_mempool *mp, void * const *obj_table_const,
			       unsigned int n, int free)
{
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	for (unsigned int i = 0; i < n; i++)
		check_one(mp, obj_table_const[i], free);
#else
	RTE_SET_USED(mp);
	RTE_SET_USED(obj_table_const);
	RTE_SET_USED(n);
	RTE_SET_USED(free);
#endif
}

void rte_mempool_contig_blocks_check_cookies(const struct rte_mempool *mp,
					     void * const *first_obj_table_const, unsigned int n,
					     int free)
{
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	const size_t total = (size_t)mp->header_size + mp->elt_size + mp->trailer_size;
	struct rte_mempool_info info;

	/* Blocks come from the driver's dequeue_contig_blocks, so it has get_info too. */
	if (rte_mempool_ops_get_info(mp, &info) < 0)
		rte_panic("MEMPOOL: %s has blocks but no mempool info\n", mp->name);
	for (unsigned int i = 0; i < n; i++) {
		for (unsigned int j = 0; j < info.contig_block_size; j++)
			check_one(mp, RTE_PTR_ADD(first_obj_table_const[i], j * total), free);
	}
#else
	RTE_SET_USED(mp);
	RTE_SET_USED(first_obj_table_const);
	RTE_SET_USED(n);
	RTE_SET_USED(free);
#endif
}
