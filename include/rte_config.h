/* SPDX-License-Identifier: BSD-3-Clause
 * rtemem build-time limits. The values are DPDK 22.11's defaults, so code that
 * sizes arrays with them behaves the same on rtemem and on DPDK.
 */
#ifndef RTEMEM_RTE_CONFIG_H
#define RTEMEM_RTE_CONFIG_H

#define RTE_EXEC_ENV_LINUX 1
#define RTE_VER_PREFIX "rtemem"

#define RTE_CACHE_LINE_SIZE 64
#define RTE_MAX_LCORE 128
#define RTE_MAX_NUMA_NODES 32
#define RTE_MAX_MEM_MB 524288
#define RTE_MAX_HEAPS 32
#define RTE_MAX_MEMSEG_LISTS 128
#define RTE_MAX_MEMSEG_PER_LIST 8192
#define RTE_MAX_MEM_MB_PER_LIST 32768
#define RTE_MAX_MEMSEG_PER_TYPE 32768
#define RTE_MAX_MEM_MB_PER_TYPE 65536
#define RTE_MAX_MEMZONE 2560
#define RTE_MAX_TAILQ 32
#define RTE_MAX_ETHPORTS 32
#define RTE_MAX_QUEUES_PER_PORT 1024
#define RTE_ETHDEV_QUEUE_STAT_CNTRS 16
#define RTE_MEMPOOL_CACHE_MAX_SIZE 512
#define RTE_MBUF_DEFAULT_MEMPOOL_OPS "ring_mp_mc"
#define RTE_PKTMBUF_HEADROOM 128
#define RTE_LOG_DP_LEVEL RTE_LOG_INFO

#endif
