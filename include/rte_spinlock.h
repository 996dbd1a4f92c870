/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef RTEMEM_RTE_SPINLOCK_H
#define RTEMEM_RTE_SPINLOCK_H

#include <rte_pause.h>

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

#endif
