/* SPDX-License-Identifier: BSD-3-Clause
 * Memory barriers (per architecture, as DPDK 22.11 defines them) and the
 * legacy rte_atomicNN_t counters on top of the compiler's __atomic
 * builtins (correct on every architecture gcc and clang support).
 */
#ifndef RTEMEM_RTE_ATOMIC_H
#define RTEMEM_RTE_ATOMIC_H

#include <stdint.h>

#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Barriers, with DPDK 22.11's instruction on each architecture. Three kinds:
 *  rte_mb/wmb/rmb       any memory, including what a device reads or writes
 *                       (DMA) and write-combining or non-temporal stores;
 *  rte_io_mb/wmb/rmb    normal memory against device (MMIO/DMA) accesses;
 *  rte_smp_mb/wmb/rmb   normal memory between CPUs only.
 * A C11 thread fence is of the third kind: on arm64 it is a "dmb ish*",
 * which orders nothing for a DMA master outside the inner shareable domain.
 * That is why the first two kinds are not thread fences there.
 *
 *                x86_64                    aarch64      ppc64        others
 *  rte_mb        mfence                    dmb osh      sync         C11 seq_cst fence
 *  rte_wmb       sfence                    dmb oshst    sync         C11 seq_cst fence
 *  rte_rmb       lfence                    dmb oshld    sync         C11 seq_cst fence
 *  rte_io_mb     mfence                    dmb osh      sync         C11 seq_cst fence
 *  rte_io_wmb    compiler barrier (TSO)    dmb oshst    sync         C11 seq_cst fence
 *  rte_io_rmb    compiler barrier (TSO)    dmb oshld    sync         C11 seq_cst fence
 *  rte_smp_mb    lock addl $0,-128(%rsp)   dmb ish      sync         C11 seq_cst fence
 *  rte_smp_wmb   compiler barrier (TSO)    dmb ishst    sync         C11 seq_cst fence
 *  rte_smp_rmb   compiler barrier (TSO)    dmb ishld    sync         C11 seq_cst fence
 *
 * "others" (s390x, loongarch64, riscv64 ...): a sequentially consistent
 * fence is the strongest barrier the compiler knows for the target (s390x
 * "bcr 14,0" serialization, loongarch64 "dbar 0", riscv64 "fence rw,rw"),
 * correct for every kind, if slower than needed for some.
 * ci/check-barriers.sh compiles each one for x86_64, aarch64 and s390x and
 * checks the instruction, so a change here cannot slip through.
 */
#if defined(__x86_64__) || defined(__i386__)

/* The prefix that makes an x86 read-modify-write instruction atomic. */
#define MPLOCKED "lock ; "

static inline void rte_mb(void) { __asm__ volatile("mfence" : : : "memory"); }
static inline void rte_wmb(void) { __asm__ volatile("sfence" : : : "memory"); }
static inline void rte_rmb(void) { __asm__ volatile("lfence" : : : "memory"); }

/*
 * A locked add of 0 to a stack word two cache lines below the stack
 * pointer (its value does not change; the line is rarely shared) orders
 * later loads after earlier stores as mfence does, at a fraction of
 * mfence's cost. x86 never reorders load-load or store-store, so the other
 * SMP barriers and the io read/write ones only stop the compiler.
 */
static inline void rte_smp_mb(void)
{
#ifdef __x86_64__
	__asm__ volatile("lock addl $0, -128(%%rsp)" : : : "memory");
#else
	__asm__ volatile("lock addl $0, -128(%%esp)" : : : "memory");
#endif
}
static inline void rte_smp_wmb(void) { rte_compiler_barrier(); }
static inline void rte_smp_rmb(void) { rte_compiler_barrier(); }
static inline void rte_io_mb(void) { rte_mb(); }
static inline void rte_io_wmb(void) { rte_compiler_barrier(); }
static inline void rte_io_rmb(void) { rte_compiler_barrier(); }

/* As DPDK: seq_cst through the cheaper rte_smp_mb, the rest as C11. */
static inline void rte_atomic_thread_fence(int memorder)
{
	if (memorder == __ATOMIC_SEQ_CST)
		rte_smp_mb();
	else
		__atomic_thread_fence(memorder);
}

#elif defined(__aarch64__)

static inline void rte_mb(void) { __asm__ volatile("dmb osh" : : : "memory"); }
static inline void rte_wmb(void) { __asm__ volatile("dmb oshst" : : : "memory"); }
static inline void rte_rmb(void) { __asm__ volatile("dmb oshld" : : : "memory"); }
static inline void rte_smp_mb(void) { __asm__ volatile("dmb ish" : : : "memory"); }
static inline void rte_smp_wmb(void) { __asm__ volatile("dmb ishst" : : : "memory"); }
static inline void rte_smp_rmb(void) { __asm__ volatile("dmb ishld" : : : "memory"); }
static inline void rte_io_mb(void) { rte_mb(); }
static inline void rte_io_wmb(void) { rte_wmb(); }
static inline void rte_io_rmb(void) { rte_rmb(); }

static inline void rte_atomic_thread_fence(int memorder)
{
	__atomic_thread_fence(memorder);
}

#else /* POWER, and targets without a DPDK port: one barrier for every kind */

#if defined(__powerpc64__)
/* DPDK uses the full "sync" for every kind on POWER. */
static inline void rte_mb(void) { __asm__ volatile("sync" : : : "memory"); }
#else
/* The strongest fence the compiler has for the target. */
static inline void rte_mb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
#endif
static inline void rte_wmb(void) { rte_mb(); }
static inline void rte_rmb(void) { rte_mb(); }
static inline void rte_smp_mb(void) { rte_mb(); }
static inline void rte_smp_wmb(void) { rte_mb(); }
static inline void rte_smp_rmb(void) { rte_mb(); }
static inline void rte_io_mb(void) { rte_mb(); }
static inline void rte_io_wmb(void) { rte_mb(); }
static inline void rte_io_rmb(void) { rte_mb(); }

static inline void rte_atomic_thread_fence(int memorder)
{
	__atomic_thread_fence(memorder);
}

#endif

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

#if defined(__x86_64__) || defined(__aarch64__)
/*
 * 128-bit compare-and-exchange, as DPDK offers it on its 64-bit ports (the
 * lock-free stack and the 16-byte ring elements use it). val[0] is the low
 * word, as in memory on a little-endian machine.
 */
__extension__ typedef struct {
	__extension__ union {
		uint64_t val[2];
		__extension__ __int128 int128;
	};
} __rte_aligned(16) rte_int128_t;

/*
 * If *dst equals *exp, write *src to *dst and return 1; else copy *dst to
 * *exp and return 0. weak allows a spurious failure; success and failure
 * are the __ATOMIC_* orders of the two outcomes.
 */
static inline int rte_atomic128_cmp_exchange(rte_int128_t *dst, rte_int128_t *exp,
					     const rte_int128_t *src, unsigned int weak,
					     int success, int failure)
{
#ifdef __x86_64__
	/*
	 * cmpxchg16b by hand: the compiler's 16-byte builtin goes through
	 * libatomic unless built with -mcx16. A locked instruction is a full
	 * barrier on x86, so every order is met and weak never fails spuriously.
	 */
	uint8_t ok;

	(void)weak;
	(void)success;
	(void)failure;
	__asm__ volatile(MPLOCKED "cmpxchg16b %[dst]\n\tsete %[ok]"
			 : [dst] "+m"(dst->int128), [ok] "=q"(ok),
			   "+a"(exp->val[0]), "+d"(exp->val[1])
			 : "b"(src->val[0]), "c"(src->val[1])
			 : "memory", "cc");
	return ok;
#else
	/*
	 * aarch64: an exclusive pair, as the compiler's 16-byte builtin would
	 * call libatomic. Always acquire and release, which meets every order.
	 * A 128-bit load by ldaxp is single-copy atomic only if a store-exclusive
	 * to it then succeeds, so a mismatch writes the value back before it is
	 * reported, and retries if that store fails. Never fails spuriously.
	 */
	uint64_t old0, old1;
	uint32_t fail;

	(void)weak;
	(void)success;
	(void)failure;
	do {
		__asm__ volatile("ldaxp %[o0], %[o1], %[mem]"
				 : [o0] "=&r"(old0), [o1] "=&r"(old1)
				 : [mem] "Q"(dst->int128)
				 : "memory");
		if (old0 != exp->val[0] || old1 != exp->val[1]) {
			__asm__ volatile("stlxp %w[fail], %[v0], %[v1], %[mem]"
					 : [fail] "=&r"(fail), [mem] "=Q"(dst->int128)
					 : [v0] "r"(old0), [v1] "r"(old1)
					 : "memory");
			if (fail == 0) {
				exp->val[0] = old0;
				exp->val[1] = old1;
				return 0;
			}
			continue;
		}
		__asm__ volatile("stlxp %w[fail], %[v0], %[v1], %[mem]"
				 : [fail] "=&r"(fail), [mem] "=Q"(dst->int128)
				 : [v0] "r"(src->val[0]), [v1] "r"(src->val[1])
				 : "memory");
	} while (fail != 0);
	return 1;
#endif
}
#endif

#ifdef __cplusplus
}
#endif

#endif
