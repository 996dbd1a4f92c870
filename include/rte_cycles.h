/* SPDX-License-Identifier: BSD-3-Clause
 * Time in cycles of the CPU's free-running counter, as DPDK 22.11: the TSC
 * on x86, the generic timer (cntvct_el0) on arm64; elsewhere nanoseconds
 * of CLOCK_MONOTONIC_RAW. rte_get_tsc_hz() gives the counter's frequency,
 * known after rte_eal_init (0 before). rte_delay_us is a pointer an
 * application may redirect (rte_delay_us_callback_register).
 */
#ifndef RTEMEM_RTE_CYCLES_H
#define RTEMEM_RTE_CYCLES_H

#include <stdint.h>
#if !defined(__x86_64__) && !defined(__i386__) && !defined(__aarch64__)
#include <time.h>
#endif

#include <rte_atomic.h>
#include <rte_debug.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MS_PER_S 1000
#define US_PER_S 1000000
#define NS_PER_S 1000000000

enum timer_source {
	EAL_TIMER_TSC = 0,
	EAL_TIMER_HPET
};
/* Always EAL_TIMER_TSC here: there is no HPET support (as DPDK's default). */
extern enum timer_source eal_timer_source;

static inline uint64_t rte_rdtsc(void)
{
#if defined(__x86_64__) || defined(__i386__)
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
#elif defined(__aarch64__)
	uint64_t t;

	__asm__ volatile("mrs %0, cntvct_el0" : "=r"(t));
	return t;
#else
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
#endif
}

/* rte_rdtsc after every earlier memory access. */
static inline uint64_t rte_rdtsc_precise(void)
{
	rte_mb();
	return rte_rdtsc();
}

static inline uint64_t rte_get_tsc_cycles(void)
{
	return rte_rdtsc();
}

/* Cycles per second of rte_rdtsc(); 0 before rte_eal_init. */
uint64_t rte_get_tsc_hz(void);

static inline uint64_t rte_get_timer_cycles(void)
{
	return rte_get_tsc_cycles();
}

static inline uint64_t rte_get_timer_hz(void)
{
	return rte_get_tsc_hz();
}

/* Wait us microseconds: rte_delay_us_block unless redirected. */
extern void (*rte_delay_us)(unsigned int us);

static inline void rte_delay_ms(unsigned int ms)
{
	rte_delay_us(ms * 1000);
}

/* Busy-wait on the counter: short, precise delays. */
void rte_delay_us_block(unsigned int us);
/* Sleep: gives the CPU away; less precise. */
void rte_delay_us_sleep(unsigned int us);
/* Make rte_delay_us call userfunc (rte_delay_us_block to restore). */
void rte_delay_us_callback_register(void (*userfunc)(unsigned int));

#ifdef __cplusplus
}
#endif

#endif
