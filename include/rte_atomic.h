/* SPDX-License-Identifier: BSD-3-Clause
 * Memory barriers and the legacy rte_atomicNN_t counters, on top of the
 * compiler's __atomic builtins (so they are correct on every architecture
 * gcc and clang support).
 */
#ifndef RTEMEM_RTE_ATOMIC_H
#define RTEMEM_RTE_ATOMIC_H

#include <stdint.h>

#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Full barrier: no load or store moves across it. */
static inline void rte_mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* Earlier stores are visible before later stores. */
static inline void rte_wmb(void)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

/* Earlier loads complete before later loads. */
static inline void rte_rmb(void)
{
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
}

#define rte_smp_mb() rte_mb()
#define rte_smp_wmb() rte_wmb()
#define rte_smp_rmb() rte_rmb()
/* Ordering against device (MMIO/DMA) accesses. */
#define rte_io_mb() rte_mb()
#define rte_io_wmb() rte_wmb()
#define rte_io_rmb() rte_rmb()
/* DMA-coherent memory shared with a device. */
#define rte_cio_wmb() rte_wmb()
#define rte_cio_rmb() rte_rmb()

/* C11-style fence with an explicit order (__ATOMIC_ACQUIRE ...). */
static inline void rte_atomic_thread_fence(int memorder)
{
	__atomic_thread_fence(memorder);
}

/* ---- 16-bit counter ---- */

typedef struct {
	volatile int16_t cnt;
} rte_atomic16_t;

#define RTE_ATOMIC16_INIT(val) { (val) }

static inline void rte_atomic16_init(rte_atomic16_t *v) { v->cnt = 0; }
static inline int16_t rte_atomic16_read(const rte_atomic16_t *v)
{
	return __atomic_load_n(&v->cnt, __ATOMIC_RELAXED);
}
static inline void rte_atomic16_set(rte_atomic16_t *v, int16_t val)
{
	__atomic_store_n(&v->cnt, val, __ATOMIC_RELAXED);
}
static inline void rte_atomic16_add(rte_atomic16_t *v, int16_t inc)
{
	__atomic_fetch_add(&v->cnt, inc, __ATOMIC_SEQ_CST);
}
static inline void rte_atomic16_sub(rte_atomic16_t *v, int16_t dec)
{
	__atomic_fetch_sub(&v->cnt, dec, __ATOMIC_SEQ_CST);
}
static inline void rte_atomic16_inc(rte_atomic16_t *v) { rte_atomic16_add(v, 1); }
static inline void rte_atomic16_dec(rte_atomic16_t *v) { rte_atomic16_sub(v, 1); }
static inline int16_t rte_atomic16_add_return(rte_atomic16_t *v, int16_t inc)
{
	return __atomic_add_fetch(&v->cnt, inc, __ATOMIC_SEQ_CST);
}
static inline int16_t rte_atomic16_sub_return(rte_atomic16_t *v, int16_t dec)
{
	return __atomic_sub_fetch(&v->cnt, dec, __ATOMIC_SEQ_CST);
}
static inline int rte_atomic16_inc_and_test(rte_atomic16_t *v)
{
	return rte_atomic16_add_return(v, 1) == 0;
}
static inline int rte_atomic16_dec_and_test(rte_atomic16_t *v)
{
	return rte_atomic16_sub_return(v, 1) == 0;
}
/* Set *dst to src if it equals exp; non-zero on success. */
static inline int rte_atomic16_cmpset(volatile uint16_t *dst, uint16_t exp, uint16_t src)
{
	return __atomic_compare_exchange_n(dst, &exp, src, 0, __ATOMIC_SEQ_CST,
					   __ATOMIC_SEQ_CST);
}
static inline int rte_atomic16_test_and_set(rte_atomic16_t *v)
{
	return rte_atomic16_cmpset((volatile uint16_t *)&v->cnt, 0, 1);
}
static inline void rte_atomic16_clear(rte_atomic16_t *v) { rte_atomic16_set(v, 0); }
static inline uint16_t rte_atomic16_exchange(volatile uint16_t *dst, uint16_t val)
{
	return __atomic_exchange_n(dst, val, __ATOMIC_SEQ_CST);
}

/* ---- 32-bit counter ---- */

typedef struct {
	volatile int32_t cnt;
} rte_atomic32_t;

#define RTE_ATOMIC32_INIT(val) { (val) }

static inline void rte_atomic32_init(rte_atomic32_t *v) { v->cnt = 0; }
static inline int32_t rte_atomic32_read(const rte_atomic32_t *v)
{
	return __atomic_load_n(&v->cnt, __ATOMIC_RELAXED);
}
static inline void rte_atomic32_set(rte_atomic32_t *v, int32_t val)
{
	__atomic_store_n(&v->cnt, val, __ATOMIC_RELAXED);
}
static inline void rte_atomic32_add(rte_atomic32_t *v, int32_t inc)
{
	__atomic_fetch_add(&v->cnt, inc, __ATOMIC_SEQ_CST);
}
static inline void rte_atomic32_sub(rte_atomic32_t *v, int32_t dec)
{
	__atomic_fetch_sub(&v->cnt, dec, __ATOMIC_SEQ_CST);
}
static inline void rte_atomic32_inc(rte_atomic32_t *v) { rte_atomic32_add(v, 1); }
static inline void rte_atomic32_dec(rte_atomic32_t *v) { rte_atomic32_sub(v, 1); }
static inline int32_t rte_atomic32_add_return(rte_atomic32_t *v, int32_t inc)
{
	return __atomic_add_fetch(&v->cnt, inc, __ATOMIC_SEQ_CST);
}
static inline int32_t rte_atomic32_sub_return(rte_atomic32_t *v, int32_t dec)
{
	return __atomic_sub_fetch(&v->cnt, dec, __ATOMIC_SEQ_CST);
}
static inline int rte_atomic32_inc_and_test(rte_atomic32_t *v)
{
	return rte_atomic32_add_return(v, 1) == 0;
}
static inline int rte_atomic32_dec_and_test(rte_atomic32_t *v)
{
	return rte_atomic32_sub_return(v, 1) == 0;
}
static inline int rte_atomic32_cmpset(volatile uint32_t *dst, uint32_t exp, uint32_t src)
{
	return __atomic_compare_exchange_n(dst, &exp, src, 0, __ATOMIC_SEQ_CST,
					   __ATOMIC_SEQ_CST);
}
static inline int rte_atomic32_test_and_set(rte_atomic32_t *v)
{
	return rte_atomic32_cmpset((volatile uint32_t *)&v->cnt, 0, 1);
}
static inline void rte_atomic32_clear(rte_atomic32_t *v) { rte_atomic32_set(v, 0); }
static inline uint32_t rte_atomic32_exchange(volatile uint32_t *dst, uint32_t val)
{
	return __atomic_exchange_n(dst, val, __ATOMIC_SEQ_CST);
}

/* ---- 64-bit counter ---- */

typedef struct {
	volatile int64_t cnt;
} rte_atomic64_t;

#define RTE_ATOMIC64_INIT(val) { (val) }

static inline void rte_atomic64_init(rte_atomic64_t *v) { v->cnt = 0; }
static inline int64_t rte_atomic64_read(rte_atomic64_t *v)
{
	return __atomic_load_n(&v->cnt, __ATOMIC_RELAXED);
}
static inline void rte_atomic64_set(rte_atomic64_t *v, int64_t val)
{
	__atomic_store_n(&v->cnt, val, __ATOMIC_RELAXED);
}
static inline void rte_atomic64_add(rte_atomic64_t *v, int64_t inc)
{
	__atomic_fetch_add(&v->cnt, inc, __ATOMIC_SEQ_CST);
}
static inline void rte_atomic64_sub(rte_atomic64_t *v, int64_t dec)
{
	__atomic_fetch_sub(&v->cnt, dec, __ATOMIC_SEQ_CST);
}
static inline void rte_atomic64_inc(rte_atomic64_t *v) { rte_atomic64_add(v, 1); }
static inline void rte_atomic64_dec(rte_atomic64_t *v) { rte_atomic64_sub(v, 1); }
static inline int64_t rte_atomic64_add_return(rte_atomic64_t *v, int64_t inc)
{
	return __atomic_add_fetch(&v->cnt, inc, __ATOMIC_SEQ_CST);
}
static inline int64_t rte_atomic64_sub_return(rte_atomic64_t *v, int64_t dec)
{
	return __atomic_sub_fetch(&v->cnt, dec, __ATOMIC_SEQ_CST);
}
static inline int rte_atomic64_inc_and_test(rte_atomic64_t *v)
{
	return rte_atomic64_add_return(v, 1) == 0;
}
static inline int rte_atomic64_dec_and_test(rte_atomic64_t *v)
{
	return rte_atomic64_sub_return(v, 1) == 0;
}
static inline int rte_atomic64_cmpset(volatile uint64_t *dst, uint64_t exp, uint64_t src)
{
	return __atomic_compare_exchange_n(dst, &exp, src, 0, __ATOMIC_SEQ_CST,
					   __ATOMIC_SEQ_CST);
}
static inline int rte_atomic64_test_and_set(rte_atomic64_t *v)
{
	return rte_atomic64_cmpset((volatile uint64_t *)&v->cnt, 0, 1);
}
static inline void rte_atomic64_clear(rte_atomic64_t *v) { rte_atomic64_set(v, 0); }
static inline uint64_t rte_atomic64_exchange(volatile uint64_t *dst, uint64_t val)
{
	return __atomic_exchange_n(dst, val, __ATOMIC_SEQ_CST);
}

#ifdef __cplusplus
}
#endif

#endif
