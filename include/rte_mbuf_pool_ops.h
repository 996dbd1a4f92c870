/* SPDX-License-Identifier: BSD-3-Clause
 * Which mempool ops a pktmbuf pool uses (DPDK 22.11 rte_mbuf_pool_ops.h):
 * the user's choice, else the platform's, else RTE_MBUF_DEFAULT_MEMPOOL_OPS.
 * Both choices live in memzones, so every process agrees on them.
 */
#ifndef RTEMEM_RTE_MBUF_POOL_OPS_H
#define RTEMEM_RTE_MBUF_POOL_OPS_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Once set, the platform's ops cannot change: 0, or -EEXIST, -EINVAL (empty
 * name), -ENAMETOOLONG, or the memzone's error.
 */
int rte_mbuf_set_platform_mempool_ops(const char *ops_name);
/* The platform's ops, NULL if none was set. */
const char *rte_mbuf_platform_mempool_ops(void);
/* The user's ops; a later call replaces an earlier one. 0 or a negative errno. */
int rte_mbuf_set_user_mempool_ops(const char *ops_name);
/* The user's ops, NULL if none was set. */
const char *rte_mbuf_user_mempool_ops(void);
/* The ops rte_pktmbuf_pool_create uses: user, else platform, else the default. */
const char *rte_mbuf_best_mempool_ops(void);

#ifdef __cplusplus
}
#endif

#endif
