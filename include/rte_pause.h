/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef RTEMEM_RTE_PAUSE_H
#define RTEMEM_RTE_PAUSE_H

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

#endif
