/* SPDX-License-Identifier: BSD-3-Clause
 * The shared memory configuration's locks, as rte_eal_memconfig.h names them.
 * Each survives a holder that dies (eal_shlock.h); what a dead holder of
 * the hotplug, tailq, mempool or timer lock may leave behind is either
 * finished work (the primary maps pages for a secondary's request itself)
 * or nothing rtemem keeps under them, so taking one over only needs a log
 * line. The memzone and heap locks guard more and repair it
 * (eal_memzone.c, malloc_heap_lock.c).
 */
#include <errno.h>

#include <rte_eal_memconfig.h>
#include <rte_log.h>

#include "eal_private.h"

void eal_shlock_report(const char *what, const struct eal_shmutex *m)
{
	RTE_LOG(WARNING, EAL, "%s lock: its holder (thread %u) died holding it; taken over\n",
		what, m->dead_tid);
}

static void write_lock(struct eal_shrwlock *l, const char *what)
{
	if (eal_shrw_write_lock(l) == -EOWNERDEAD) {
		eal_shlock_report(what, &l->w);
		eal_shlock_consistent(&l->w);
	}
}

int eal_mcfg_mem_write_trylock(void)
{
	struct eal_shrwlock *l = &eal_mcfg()->memory_hotplug_lock;
	int ret = eal_shrw_write_trylock(l);

	if (ret == -EOWNERDEAD) {
		eal_shlock_report("memory hotplug", &l->w);
		eal_shlock_consistent(&l->w);
		ret = 0;
	}
	return ret;
}

void rte_mcfg_mem_read_lock(void)
{
	eal_shrw_read_lock(&eal_mcfg()->memory_hotplug_lock);
}

void rte_mcfg_mem_read_unlock(void)
{
	eal_shrw_read_unlock(&eal_mcfg()->memory_hotplug_lock);
}

void rte_mcfg_mem_write_lock(void)
{
	write_lock(&eal_mcfg()->memory_hotplug_lock, "memory hotplug");
}

void rte_mcfg_mem_write_unlock(void)
{
	eal_shrw_write_unlock(&eal_mcfg()->memory_hotplug_lock);
}

void rte_mcfg_mempool_read_lock(void)
{
	eal_shrw_read_lock(&eal_mcfg()->mplock);
}

void rte_mcfg_mempool_read_unlock(void)
{
	eal_shrw_read_unlock(&eal_mcfg()->mplock);
}

void rte_mcfg_mempool_write_lock(void)
{
	write_lock(&eal_mcfg()->mplock, "mempool");
}

void rte_mcfg_mempool_write_unlock(void)
{
	eal_shrw_write_unlock(&eal_mcfg()->mplock);
}

void rte_mcfg_tailq_read_lock(void)
{
	eal_shrw_read_lock(&eal_mcfg()->qlock);
}

void rte_mcfg_tailq_read_unlock(void)
{
	eal_shrw_read_unlock(&eal_mcfg()->qlock);
}

void rte_mcfg_tailq_write_lock(void)
{
	write_lock(&eal_mcfg()->qlock, "tailq");
}

void rte_mcfg_tailq_write_unlock(void)
{
	eal_shrw_write_unlock(&eal_mcfg()->qlock);
}

void rte_mcfg_timer_lock(void)
{
	struct eal_shmutex *m = &eal_mcfg()->tlock;

	if (eal_shmutex_lock(m) == -EOWNERDEAD) {
		eal_shlock_report("timer", m);
		eal_shlock_consistent(m);
	}
}

void rte_mcfg_timer_unlock(void)
{
	eal_shmutex_unlock(&eal_mcfg()->tlock);
}

bool rte_mcfg_get_single_file_segments(void)
{
	return false; /* one file per page, always (the option does not exist here) */
}
