/* SPDX-License-Identifier: BSD-3-Clause
 * Locks in memory shared between processes that survive the death of a
 * holder. Any process may be SIGKILLed at any instruction; a plain spinlock
 * or rwlock it held then stays taken and every other process hangs on it.
 *
 * These locks record who holds them (the holder's kernel thread id) and a
 * waiter that has spun for a while asks the HAL whether that thread still
 * lives (hal_thread_alive). A dead writer's lock is taken over and the new
 * holder is told (-EOWNERDEAD) so it can check or repair what the lock
 * guards, then calls eal_shlock_consistent; until it does, every later
 * holder is told too (the repairer may die as well). A dead reader's slot
 * is simply cleared: readers change nothing.
 *
 * Robust pthread mutexes would do the first half, but there is no robust
 * rwlock, and qemu-user (cross tests) does not implement robust futex
 * lists, so a dead owner would never be seen there.
 *
 * The limit: a thread id reused by an unrelated live thread before anyone
 * notices the death keeps the lock taken until that thread exits.
 */
#ifndef RTEMEM_EAL_SHLOCK_H
#define RTEMEM_EAL_SHLOCK_H

#include <stdint.h>

/* Mutual exclusion. All zero is unlocked and consistent. */
struct eal_shmutex {
	uint32_t owner;     /* holder's thread id, 0 when free */
	uint32_t dirty;     /* a holder died; not repaired yet */
	uint32_t dead_tid;  /* the last holder found dead, for the log */
	uint32_t deaths;    /* holders found dead, ever */
};

/*
 * Readers each claim a slot (nested read locks claim several), so a dead
 * one can be found; with every slot taken a reader waits. A writer first
 * takes the mutex, then waits for the slots to empty; readers that see a
 * writer step back, so writers are not starved.
 */
#define EAL_SHRW_READERS 32

struct eal_shrwlock {
	struct eal_shmutex w;
	uint32_t readers[EAL_SHRW_READERS];
};

/*
 * 0, or -EOWNERDEAD: taken, but a holder died with it (now or before) and
 * nobody has called eal_shlock_consistent since.
 */
int eal_shmutex_lock(struct eal_shmutex *m);
/* The same, or -EBUSY at once if a live thread holds it. */
int eal_shmutex_trylock(struct eal_shmutex *m);
void eal_shmutex_unlock(struct eal_shmutex *m);

/*
 * Work done on behalf of the thread holding m (the primary serving a
 * secondary that holds the hotplug lock for it): while it lasts the caller
 * is the owner, so the holder dying in the meantime does not let another
 * process take the lock over a half-done change. Returns the holder to
 * hand back to (0: m was not held, nothing adopted).
 */
uint32_t eal_shmutex_adopt(struct eal_shmutex *m);
/* Gives m back to holder (eal_shmutex_adopt's result); if the holder died
 * meanwhile, the next locker finds a dead owner as it would have. */
void eal_shmutex_return(struct eal_shmutex *m, uint32_t holder);
/*
 * After reading or changing what m guards while another process's thread
 * holds m for us (eal_shmutex_adopt, or a request served under the
 * requester's lock): order that work before the next acquisition of m in
 * this process too. The real order runs through the holder's process
 * (our reply, its release), which ThreadSanitizer cannot follow; a release
 * that leaves m as it is says the same in this process.
 */
void eal_shmutex_publish(struct eal_shmutex *m);
/* Holding m: what it guards is sound again. */
void eal_shlock_consistent(struct eal_shmutex *m);

/* Readers never see -EOWNERDEAD: the next writer repairs. */
void eal_shrw_read_lock(struct eal_shrwlock *l);
/* 0 or -EBUSY. */
int eal_shrw_read_trylock(struct eal_shrwlock *l);
void eal_shrw_read_unlock(struct eal_shrwlock *l);
/* 0 or -EOWNERDEAD, as eal_shmutex_lock. */
int eal_shrw_write_lock(struct eal_shrwlock *l);
/* 0, -EOWNERDEAD, or -EBUSY (a live writer or any reader). */
int eal_shrw_write_trylock(struct eal_shrwlock *l);
void eal_shrw_write_unlock(struct eal_shrwlock *l);

#endif
