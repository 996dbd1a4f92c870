/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef RTEMEM_RTE_PAUSE_H
#define RTEMEM_RTE_PAUSE_H

#include <stdint.h>

#include <rte_common.h>

/* A hint to the CPU that we are spinning. */
static inline void rte_pause(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ volatile("yield" ::: "memory");
#else
	rte_compiler_barrier();
#endif
}

/*
 * Spin until *addr equals expected, loading it with memorder
 * (__ATOMIC_RELAXED or __ATOMIC_ACQUIRE), as DPDK's generic versions.
 */
static __rte_always_inline void rte_wait_until_equal_16(volatile uint16_t *addr,
							 uint16_t expected, int memorder)
{
	while (__atomic_load_n(addr, memorder) != expected)
		rte_pause();
}

static __rte_always_inline void rte_wait_until_equal_32(volatile uint32_t *addr,
							 uint32_t expected, int memorder)
{
	while (__atomic_load_n(addr, memorder) != expected)
		rte_pause();
}

static __rte_always_inline void rte_wait_until_equal_64(volatile uint64_t *addr,
							 uint64_t expected, int memorder)
{
	while (__atomic_load_n(addr, memorder) != expected)
		rte_pause();
}

/* Spin until ((*addr & mask) cond expected), cond one of == != < <= > >=. */
#define RTE_WAIT_UNTIL_MASKED(addr, mask, cond, expected, memorder)                           \
	do {                                                                                   \
		while (!((__atomic_load_n((addr), (memorder)) & (mask)) cond (expected)))     \
			rte_pause();                                                           \
	} while (0)

#endif
