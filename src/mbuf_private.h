/* SPDX-License-Identifier: BSD-3-Clause
 * Between the mbuf files: pool creation shared by plain and extbuf pools.
 */
#ifndef RTEMEM_MBUF_PRIVATE_H
#define RTEMEM_MBUF_PRIVATE_H

#include <rte_mbuf.h>

/*
 * A populated pktmbuf pool of n elt_size-byte objects, each initialised by
 * rte_pktmbuf_init; ops_name NULL picks rte_mbuf_best_mempool_ops().
 * 0, or -errno with nothing left behind.
 */
int mbuf_pool_create(const char *name, unsigned int n, unsigned int cache_size,
		     const struct rte_pktmbuf_pool_private *priv, unsigned int elt_size,
		     int socket_id, const char *ops_name, struct rte_mempool **out);

#endif
