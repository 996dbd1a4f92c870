/* SPDX-License-Identifier: BSD-3-Clause
 * The shared memory configuration's locks, as rte_eal_memconfig.h names them.
 */
#include <rte_eal_memconfig.h>

#include "eal_private.h"

void rte_mcfg_mem_read_lock(void)
{
	rte_rwlock_read_lock(&eal_mcfg()->memory_hotplug_lock);
}

void rte_mcfg_mem_read_unlock(void)
{
	rte_rwlock_read_unlock(&eal_mcfg()->memory_hotplug_lock);
}

void rte_mcfg_mem_write_lock(void)
{
	rte_rwlock_write_lock(&eal_mcfg()->memory_hotplug_lock);
}

void rte_mcfg_mem_write_unlock(void)
{
	rte_rwlock_write_unlock(&eal_mcfg()->memory_hotplug_lock);
}

void rte_mcfg_mempool_read_lock(void)
{
	rte_rwlock_read_lock(&eal_mcfg()->mplock);
}

void rte_mcfg_mempool_read_unlock(void)
{
	rte_rwlock_read_unlock(&eal_mcfg()->mplock);
}

void rte_mcfg_mempool_write_lock(void)
{
	rte_rwlock_write_lock(&eal_mcfg()->mplock);
}

void rte_mcfg_mempool_write_unlock(void)
{
	rte_rwlock_write_unlock(&eal_mcfg()->mplock);
}

void rte_mcfg_tailq_read_lock(void)
{
	rte_rwlock_read_lock(&eal_mcfg()->qlock);
}

void rte_mcfg_tailq_read_unlock(void)
{
	rte_rwlock_read_unlock(&eal_mcfg()->qlock);
}

void rte_mcfg_tailq_write_lock(void)
{
	rte_rwlock_write_lock(&eal_mcfg()->qlock);
}

void rte_mcfg_tailq_write_unlock(void)
{
	rte_rwlock_write_unlock(&eal_mcfg()->qlock);
}

void rte_mcfg_timer_lock(void)
{
	rte_spinlock_lock(&eal_mcfg()->tlock);
}

void rte_mcfg_timer_unlock(void)
{
	rte_spinlock_unlock(&eal_mcfg()->tlock);
}

bool rte_mcfg_get_single_file_segments(void)
{
	return false; /* one file per page, always (the option does not exist here) */
}
