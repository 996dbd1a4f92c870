/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef RTEMEM_RTE_SPINLOCK_H
#define RTEMEM_RTE_SPINLOCK_H

#include <stdint.h>

#include <rte_eal.h>
#include <rte_pause.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	volatile int locked; /* 0 free, 1 taken */
} rte_spinlock_t;

#define RTE_SPINLOCK_INITIALIZER { 0 }

static inline void rte_spinlock_init(rte_spinlock_t *sl)
{
	sl->locked = 0;
}

static inline int rte_spinlock_trylock(rte_spinlock_t *sl)
{
	int expected = 0;
	return __atomic_compare_exchange_n(&sl->locked, &expected, 1, 0,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void rte_spinlock_lock(rte_spinlock_t *sl)
{
	while (!rte_spinlock_trylock(sl))
		while (__atomic_load_n(&sl->locked, __ATOMIC_RELAXED))
			rte_pause();
}

static inline void rte_spinlock_unlock(rte_spinlock_t *sl)
{
	__atomic_store_n(&sl->locked, 0, __ATOMIC_RELEASE);
}

static inline int rte_spinlock_is_locked(rte_spinlock_t *sl)
{
	return __atomic_load_n(&sl->locked, __ATOMIC_ACQUIRE);
}

/*
 * Hardware transactional memory (Intel RTM, DPDK's _tm variants) is not
 * used: rte_tm_supported() says so and every _tm call takes the lock
 * plainly, which is what DPDK does on a CPU without RTM.
 */
#define RTE_RTM_MAX_RETRIES (20)
#define RTE_XABORT_LOCK_BUSY (0xff)
extern uint8_t rte_rtm_supported; /* always 0 */

static inline int rte_tm_supported(void)
{
	return 0;
}

/* Would start a transaction on lock; 0: none was started. */
static inline int rte_try_tm(volatile int *lock)
{
	(void)lock;
	return 0;
}

static inline void rte_spinlock_lock_tm(rte_spinlock_t *sl)
{
	rte_spinlock_lock(sl);
}

static inline void rte_spinlock_unlock_tm(rte_spinlock_t *sl)
{
	rte_spinlock_unlock(sl);
}

static inline int rte_spinlock_trylock_tm(rte_spinlock_t *sl)
{
	return rte_spinlock_trylock(sl);
}

/* A spinlock its holder may take again (counted), as DPDK's. */
typedef struct {
	rte_spinlock_t sl;
	volatile int user;  /* the holder's rte_gettid(), -1 when free */
	volatile int count; /* how many times the holder took it */
} rte_spinlock_recursive_t;

#define RTE_SPINLOCK_RECURSIVE_INITIALIZER { RTE_SPINLOCK_INITIALIZER, -1, 0 }

static inline void rte_spinlock_recursive_init(rte_spinlock_recursive_t *slr)
{
	rte_spinlock_init(&slr->sl);
	slr->user = -1;
	slr->count = 0;
}

/* Only the holder ever finds its own id in user, so a relaxed read is
 * enough to tell "mine" from "someone else's or nobody's". */
static inline void rte_spinlock_recursive_lock(rte_spinlock_recursive_t *slr)
{
	const int id = rte_gettid();

	if (__atomic_load_n(&slr->user, __ATOMIC_RELAXED) != id) {
		rte_spinlock_lock(&slr->sl);
		__atomic_store_n(&slr->user, id, __ATOMIC_RELAXED);
	}
	slr->count++;
}

static inline void rte_spinlock_recursive_unlock(rte_spinlock_recursive_t *slr)
{
	if (--slr->count == 0) {
		__atomic_store_n(&slr->user, -1, __ATOMIC_RELAXED);
		rte_spinlock_unlock(&slr->sl);
	}
}

static inline int rte_spinlock_recursive_trylock(rte_spinlock_recursive_t *slr)
{
	const int id = rte_gettid();

	if (__atomic_load_n(&slr->user, __ATOMIC_RELAXED) != id) {
		if (rte_spinlock_trylock(&slr->sl) == 0)
			return 0;
		__atomic_store_n(&slr->user, id, __ATOMIC_RELAXED);
	}
	slr->count++;
	return 1;
}

static inline void rte_spinlock_recursive_lock_tm(rte_spinlock_recursive_t *slr)
{
	rte_spinlock_recursive_lock(slr);
}

static inline void rte_spinlock_recursive_unlock_tm(rte_spinlock_recursive_t *slr)
{
	rte_spinlock_recursive_unlock(slr);
}

static inline int rte_spinlock_recursive_trylock_tm(rte_spinlock_recursive_t *slr)
{
	return rte_spinlock_recursive_trylock(slr);
}

#ifdef __cplusplus
}
#endif

#endif
