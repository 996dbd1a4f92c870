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
