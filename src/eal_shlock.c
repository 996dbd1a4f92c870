/* SPDX-License-Identifier: BSD-3-Clause
 * Shared locks that survive a dead holder (see eal_shlock.h).
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>

#include <rte_pause.h>

#include "eal_shlock.h"
#include "hal.h"

/* Pauses between two looks at whether the holder lives: a look reads a
 * /proc file (microseconds), a pause is tens of nanoseconds. */
#define SPINS_PER_CHECK 1024

/* The calling thread's id, cached. Not rte_gettid(): its cache survives
 * fork, and a child that took a lock under its parent's id would look
 * alive to the parent for ever. */
static __thread uint32_t my_tid;

static void forget_tid(void)
{
	my_tid = 0; /* runs in the child, in the one thread it has */
}

static void __attribute__((constructor)) shlock_setup(void)
{
	pthread_atfork(NULL, NULL, forget_tid);
}

static uint32_t self(void)
{
	if (my_tid == 0)
		my_tid = (uint32_t)hal_thread_id();
	return my_tid;
}

static uint32_t load(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/* Take m from a dead holder; false if someone else was quicker. */
static bool take_over(struct eal_shmutex *m, uint32_t dead)
{
	if (!__atomic_compare_exchange_n(&m->owner, &dead, self(), false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		return false;
	/* Set before anything else happens: if we die too, the next holder
	 * still knows that what m guards may be half changed. */
	__atomic_store_n(&m->dirty, 1, __ATOMIC_RELAXED);
	m->dead_tid = dead;
	m->deaths++;
	return true;
}

/* One attempt: 0 taken, -EOWNERDEAD taken from the dead, -EBUSY not. */
static int try_once(struct eal_shmutex *m, bool check_owner)
{
	uint32_t cur = 0;

	if (__atomic_compare_exchange_n(&m->owner, &cur, self(), false, __ATOMIC_ACQUIRE,
					__ATOMIC_RELAXED))
		return load(&m->dirty) ? -EOWNERDEAD : 0;
	if (check_owner && !hal_thread_alive((int)cur) && take_over(m, cur))
		return -EOWNERDEAD;
	return -EBUSY;
}

int eal_shmutex_lock(struct eal_shmutex *m)
{
	int ret = try_once(m, false); /* the usual case: nobody holds it */

	if (ret != -EBUSY)
		return ret;
	for (unsigned int spins = 1;; spins++) {
		bool check = spins % SPINS_PER_CHECK == 0;

		/* Try only when it looks free (or to check on the holder), so
		 * waiters do not bounce the cache line with failed CASes. */
		if (check || load(&m->owner) == 0) {
			ret = try_once(m, check);
			if (ret != -EBUSY)
				return ret;
		}
		rte_pause();
	}
}

int eal_shmutex_trylock(struct eal_shmutex *m)
{
	return try_once(m, true);
}

void eal_shmutex_unlock(struct eal_shmutex *m)
{
	__atomic_store_n(&m->owner, 0, __ATOMIC_RELEASE);
}

void eal_shmutex_publish(struct eal_shmutex *m)
{
	__atomic_fetch_add(&m->owner, 0, __ATOMIC_RELEASE);
}

void eal_shlock_consistent(struct eal_shmutex *m)
{
	__atomic_store_n(&m->dirty, 0, __ATOMIC_RELAXED);
}

/* --- rwlock ----------------------------------------------------------------- */

/* Claim a free reader slot, starting where our id points; -1 if all taken. */
static int claim_slot(struct eal_shrwlock *l)
{
	uint32_t me = self();

	for (unsigned int i = 0; i < EAL_SHRW_READERS; i++) {
		unsigned int s = (me + i) % EAL_SHRW_READERS;
		uint32_t cur = 0;

		if (load(&l->readers[s]) == 0 &&
		    __atomic_compare_exchange_n(&l->readers[s], &cur, me, false, __ATOMIC_SEQ_CST,
						__ATOMIC_RELAXED))
			return (int)s;
	}
	return -1;
}

/* Clear the slots of readers that died; with all slots taken, a reader
 * waits for this. */
static void purge_dead_readers(struct eal_shrwlock *l)
{
	for (unsigned int s = 0; s < EAL_SHRW_READERS; s++) {
		uint32_t tid = load(&l->readers[s]);

		if (tid != 0 && !hal_thread_alive((int)tid))
			__atomic_compare_exchange_n(&l->readers[s], &tid, 0, false,
						    __ATOMIC_RELEASE, __ATOMIC_RELAXED);
	}
}

/*
 * A writer holds (or wants) the lock: wait until it is gone. If it died,
 * take its mutex (marking it dirty for the next writer) and let it go.
 */
static void wait_writer(struct eal_shrwlock *l)
{
	for (unsigned int spins = 1;; spins++) {
		uint32_t w = load(&l->w.owner);

		if (w == 0)
			return;
		if (spins % SPINS_PER_CHECK == 0 && !hal_thread_alive((int)w) &&
		    take_over(&l->w, w)) {
			eal_shmutex_unlock(&l->w);
			return;
		}
		rte_pause();
	}
}

/* 0 with a slot held and no writer, -EBUSY having held nothing. */
static int read_try(struct eal_shrwlock *l)
{
	int s = claim_slot(l);

	if (s < 0)
		return -EBUSY;
	/* The slot is visible before we look for a writer, and a writer takes
	 * the mutex before it looks at the slots (both sequentially
	 * consistent): one of the two always sees the other. */
	if (__atomic_load_n(&l->w.owner, __ATOMIC_SEQ_CST) == 0)
		return 0;
	__atomic_store_n(&l->readers[s], 0, __ATOMIC_RELEASE);
	return -EBUSY;
}

void eal_shrw_read_lock(struct eal_shrwlock *l)
{
	for (unsigned int tries = 1; read_try(l) != 0; tries++) {
		if (load(&l->w.owner) != 0)
			wait_writer(l);
		else if (tries % 64 == 0)
			purge_dead_readers(l); /* every slot taken: is one dead? */
		else
			rte_pause();
	}
}

int eal_shrw_read_trylock(struct eal_shrwlock *l)
{
	return read_try(l);
}

void eal_shrw_read_unlock(struct eal_shrwlock *l)
{
	uint32_t me = self();

	for (unsigned int i = 0; i < EAL_SHRW_READERS; i++) {
		unsigned int s = (me + i) % EAL_SHRW_READERS;

		if (load(&l->readers[s]) == me) {
			__atomic_store_n(&l->readers[s], 0, __ATOMIC_RELEASE);
			return;
		}
	}
}

/* Mutex held: wait for the readers to leave, clearing dead ones. */
static void drain_readers(struct eal_shrwlock *l)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	for (unsigned int s = 0; s < EAL_SHRW_READERS; s++) {
		for (unsigned int spins = 1;; spins++) {
			uint32_t tid = __atomic_load_n(&l->readers[s], __ATOMIC_ACQUIRE);

			if (tid == 0)
				break;
			if (spins % SPINS_PER_CHECK == 0 && !hal_thread_alive((int)tid))
				__atomic_compare_exchange_n(&l->readers[s], &tid, 0, false,
							    __ATOMIC_RELAXED, __ATOMIC_RELAXED);
			else
				rte_pause();
		}
	}
}

int eal_shrw_write_lock(struct eal_shrwlock *l)
{
	int ret = eal_shmutex_lock(&l->w);

	drain_readers(l);
	return ret;
}

int eal_shrw_write_trylock(struct eal_shrwlock *l)
{
	int ret = eal_shmutex_trylock(&l->w);

	if (ret == -EBUSY)
		return ret;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	for (unsigned int s = 0; s < EAL_SHRW_READERS; s++) {
		if (__atomic_load_n(&l->readers[s], __ATOMIC_ACQUIRE) != 0) {
			eal_shmutex_unlock(&l->w);
			return -EBUSY;
		}
	}
	return ret;
}

void eal_shrw_write_unlock(struct eal_shrwlock *l)
{
	eal_shmutex_unlock(&l->w);
}

uint32_t eal_shmutex_adopt(struct eal_shmutex *m)
{
	uint32_t holder = load(&m->owner);

	if (holder == 0 || !__atomic_compare_exchange_n(&m->owner, &holder, self(), false,
							__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return 0;
	return holder;
}

void eal_shmutex_return(struct eal_shmutex *m, uint32_t holder)
{
	uint32_t me = self();

	if (holder != 0)
		__atomic_compare_exchange_n(&m->owner, &me, holder, false, __ATOMIC_RELEASE,
					    __ATOMIC_RELAXED);
}
