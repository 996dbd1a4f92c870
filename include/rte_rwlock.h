/* SPDX-License-Identifier: BSD-3-Clause
 * Reader/writer lock in one 32-bit word, so it can live in shared memory.
 * Bit 0: a writer is waiting (new readers back off, so writers do not starve);
 * bit 1: a writer holds it; bits 2..31: number of readers.
 */
#ifndef RTEMEM_RTE_RWLOCK_H
#define RTEMEM_RTE_RWLOCK_H

#include <stdint.h>
#include <rte_pause.h>

typedef struct {
	int32_t cnt;
} rte_rwlock_t;

#define RTE_RWLOCK_INITIALIZER { 0 }
#define RTE_RWLOCK_WAIT 0x1
#define RTE_RWLOCK_WRITE 0x2
#define RTE_RWLOCK_MASK (RTE_RWLOCK_WAIT | RTE_RWLOCK_WRITE)
#define RTE_RWLOCK_READ 0x4

static inline void rte_rwlock_init(rte_rwlock_t *rwl)
{
	rwl->cnt = 0;
}

static inline int rte_rwlock_read_trylock(rte_rwlock_t *rwl)
{
	int32_t x = __atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED);

	if (x & RTE_RWLOCK_MASK)
		return -16; /* -EBUSY */
	x = __atomic_add_fetch(&rwl->cnt, RTE_RWLOCK_READ, __ATOMIC_ACQUIRE);
	if (x & RTE_RWLOCK_MASK) {
		__atomic_fetch_sub(&rwl->cnt, RTE_RWLOCK_READ, __ATOMIC_RELEASE);
		return -16;
	}
	return 0;
}

static inline void rte_rwlock_read_lock(rte_rwlock_t *rwl)
{
	while (rte_rwlock_read_trylock(rwl) != 0)
		rte_pause();
}

static inline void rte_rwlock_read_unlock(rte_rwlock_t *rwl)
{
	__atomic_fetch_sub(&rwl->cnt, RTE_RWLOCK_READ, __ATOMIC_RELEASE);
}

static inline int rte_rwlock_write_trylock(rte_rwlock_t *rwl)
{
	int32_t x = __atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED);

	if (x < RTE_RWLOCK_WRITE &&
	    __atomic_compare_exchange_n(&rwl->cnt, &x, x + RTE_RWLOCK_WRITE, 1,
					__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return 0;
	return -16;
}

static inline void rte_rwlock_write_lock(rte_rwlock_t *rwl)
{
	int32_t x;

	for (;;) {
		x = __atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED);
		/* Free, or only our own wait flag: try to take it. */
		if (x < RTE_RWLOCK_WRITE) {
			if (__atomic_compare_exchange_n(&rwl->cnt, &x, RTE_RWLOCK_WRITE, 1,
							__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
				return;
		}
		/* Tell new readers to wait, then spin until the readers drain. */
		if (!(x & RTE_RWLOCK_WAIT))
			__atomic_fetch_or(&rwl->cnt, RTE_RWLOCK_WAIT, __ATOMIC_RELAXED);
		while (__atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED) > RTE_RWLOCK_MASK)
			rte_pause();
	}
}

static inline void rte_rwlock_write_unlock(rte_rwlock_t *rwl)
{
	__atomic_fetch_sub(&rwl->cnt, RTE_RWLOCK_WRITE, __ATOMIC_RELEASE);
}

static inline int rte_rwlock_write_is_locked(rte_rwlock_t *rwl)
{
	return (__atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED) & RTE_RWLOCK_WRITE) != 0;
}

/* No hardware transactional memory (see rte_spinlock.h): the plain lock. */
static inline void rte_rwlock_read_lock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_read_lock(rwl);
}

static inline void rte_rwlock_read_unlock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_read_unlock(rwl);
}

static inline void rte_rwlock_write_lock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_write_lock(rwl);
}

static inline void rte_rwlock_write_unlock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_write_unlock(rwl);
}

#endif
