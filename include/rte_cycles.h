/* SPDX-License-Identifier: BSD-3-Clause
 * Time in "cycles". rtemem counts nanoseconds of CLOCK_MONOTONIC_RAW on
 * every architecture, so rte_get_tsc_hz() is exactly 10^9 and needs no
 * calibration; code that converts cycles with rte_get_tsc_hz() behaves
 * as on DPDK.
 */
#ifndef RTEMEM_RTE_CYCLES_H
#define RTEMEM_RTE_CYCLES_H

#include <stdint.h>
#include <time.h>

#include <rte_pause.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MS_PER_S 1000
#define US_PER_S 1000000
#define NS_PER_S 1000000000

static inline uint64_t rte_rdtsc(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

static inline uint64_t rte_rdtsc_precise(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return rte_rdtsc();
}

static inline uint64_t rte_get_tsc_cycles(void)
{
	return rte_rdtsc();
}

static inline uint64_t rte_get_tsc_hz(void)
{
	return NS_PER_S;
}

static inline uint64_t rte_get_timer_cycles(void)
{
	return rte_rdtsc();
}

static inline uint64_t rte_get_timer_hz(void)
{
	return rte_get_tsc_hz();
}

/* Busy-wait: for short, precise delays. */
static inline void rte_delay_us_block(unsigned int us)
{
	const uint64_t end = rte_rdtsc() + (uint64_t)us * 1000;

	while (rte_rdtsc() < end)
		rte_pause();
}

/* Sleep: gives the CPU away; less precise. */
static inline void rte_delay_us_sleep(unsigned int us)
{
	struct timespec ts = {
		.tv_sec = us / US_PER_S,
		.tv_nsec = (long)(us % US_PER_S) * 1000,
	};

	while (nanosleep(&ts, &ts) != 0)
		;
}

static inline void rte_delay_us(unsigned int us)
{
	rte_delay_us_block(us);
}

static inline void rte_delay_ms(unsigned int ms)
{
	rte_delay_us(ms * 1000);
}

#ifdef __cplusplus
}
#endif

#endif
