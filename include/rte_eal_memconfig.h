/* SPDX-License-Identifier: BSD-3-Clause
 * Locks of the shared memory configuration. Lock order, outermost first:
 * memory hotplug lock, memzone lock (mlock), heap spinlock, fbarray rwlock.
 */
#ifndef RTEMEM_RTE_EAL_MEMCONFIG_H
#define RTEMEM_RTE_EAL_MEMCONFIG_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

void rte_mcfg_mem_read_lock(void);
void rte_mcfg_mem_read_unlock(void);
void rte_mcfg_mem_write_lock(void);
void rte_mcfg_mem_write_unlock(void);
void rte_mcfg_mempool_read_lock(void);
void rte_mcfg_mempool_read_unlock(void);
void rte_mcfg_mempool_write_lock(void);
void rte_mcfg_mempool_write_unlock(void);
void rte_mcfg_tailq_read_lock(void);
void rte_mcfg_tailq_read_unlock(void);
void rte_mcfg_tailq_write_lock(void);
void rte_mcfg_tailq_write_unlock(void);
void rte_mcfg_timer_lock(void);
void rte_mcfg_timer_unlock(void);
/* Whether one file backs each memseg list (--single-file-segments): never here. */
bool rte_mcfg_get_single_file_segments(void);

#ifdef __cplusplus
}
#endif

#endif
