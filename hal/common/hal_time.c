/* SPDX-License-Identifier: BSD-3-Clause
 * The counter behind rte_rdtsc() and its frequency, shared by both HALs.
 *
 * arm64 states its generic timer's frequency (cntfrq_el0). The TSC's is
 * measured, as DPDK does where the CPU does not report it: count ticks
 * across a short sleep against CLOCK_MONOTONIC_RAW and round to 10 MHz, so
 * the value is the same from run to run. Elsewhere rte_rdtsc() counts
 * nanoseconds, 10^9 per second by definition.
 */
#include <errno.h>
#include <stdint.h>
#include <time.h>

#include <rte_common.h>
#include <rte_cycles.h>

#include "hal.h"

#if defined(__x86_64__) || defined(__i386__)
#define MEASURE_TSC 1 /* the only counter whose frequency we must measure */
#endif

#define CALIBRATE_US 20000     /* long enough for 10 MHz rounding to be exact */
#define BRACKET_MAX_NS 20000   /* a clock/counter pair taken further apart is retried */
#define ROUND_HZ 10000000ULL

#ifdef MEASURE_TSC
static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

/* A counter reading and the clock at that moment, taken close together
 * (a preemption between the two would skew the measurement). */
static void sample(uint64_t *ticks, uint64_t *ns)
{
	for (int tries = 0; tries < 100; tries++) {
		uint64_t before = mono_ns();

		*ticks = rte_rdtsc();
		*ns = mono_ns();
		if (*ns - before <= BRACKET_MAX_NS) {
			*ns = before + (*ns - before) / 2;
			return;
		}
	}
}

static uint64_t measure_hz(void)
{
	uint64_t t0, n0, t1, n1, hz;

	sample(&t0, &n0);
	hal_sleep_us(CALIBRATE_US);
	sample(&t1, &n1);
	if (n1 <= n0)
		return NS_PER_S;
	/* ticks < 2^40 over 20 ms below 50 THz: the product fits 64 bits */
	hz = (t1 - t0) * (uint64_t)NS_PER_S / (n1 - n0);
	return hz >= ROUND_HZ ? (hz + ROUND_HZ / 2) / ROUND_HZ * ROUND_HZ : hz;
}
#endif

uint64_t hal_tsc_hz(void)
{
	static uint64_t hz; /* once per process: EAL may be initialised again */
	uint64_t v = __atomic_load_n(&hz, __ATOMIC_RELAXED);

	if (v != 0)
		return v;
#ifdef MEASURE_TSC
	v = measure_hz();
#elif defined(__aarch64__)
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
#else
	v = NS_PER_S;
#endif
	__atomic_store_n(&hz, v, __ATOMIC_RELAXED);
	return v;
}

void hal_sleep_us(unsigned int us)
{
	struct timespec ts = {
		.tv_sec = us / US_PER_S,
		.tv_nsec = (long)(us % US_PER_S) * 1000,
	};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}
