/* SPDX-License-Identifier: BSD-3-Clause
 * What every benchmark program shares: a cycle counter, medians, the
 * result line format and the application options after "--".
 *
 * The programs use only the public rte_*.h API, so one source builds
 * against rtemem (include/ + librtemem-sim.a or librtemem.a) and against DPDK 22.11
 * (pkg-config libdpdk). The EAL options come from the command line
 * (bench/run.sh passes --sim=... to rtemem, --no-huge --in-memory to
 * DPDK), so the sources need no #ifdef for the library they run on.
 *
 * Time: rtemem's rte_rdtsc() counts nanoseconds (it is CLOCK_MONOTONIC_RAW
 * on every architecture) while DPDK's reads the TSC, so comparing the two
 * would compare different units. bench_cycles() reads the TSC itself on
 * x86 and falls back to nanoseconds elsewhere (bench_cycles_unit() says
 * which).
 *
 * Output: one line per figure, tab separated, for bench/run.sh to join:
 *   R <column> <operation> <unit> <value>
 * where column is "lib" (the library linked in) or "glibc".
 */
#ifndef RTEMEM_BENCH_H
#define RTEMEM_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

#define BENCH_MAX_REPS 64

static inline uint64_t bench_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline uint64_t bench_cycles(void)
{
#if defined(__x86_64__) || defined(__i386__)
	return __rdtsc();
#else
	return bench_ns();
#endif
}

static inline const char *bench_cycles_unit(void)
{
#if defined(__x86_64__) || defined(__i386__)
	return "cycles";
#else
	return "ns";
#endif
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median of n values (sorts them). */
static inline double bench_median(double *v, unsigned int n)
{
	if (n == 0)
		return 0.0;
	qsort(v, n, sizeof(*v), bench_cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

static inline void bench_report(const char *column, const char *op, const char *unit,
				double value)
{
	printf("R\t%s\t%s\t%s\t%.1f\n", column, op, unit, value);
	fflush(stdout);
}

/* How much work to do: --iters scales every loop, --reps is repetitions. */
struct bench_opts {
	unsigned long iters;
	unsigned int reps;
};

/*
 * Parse the application options (what follows the EAL's "--"):
 * --iters N and --reps N. Returns 0, or -1 after printing why.
 */
static inline int bench_parse_opts(int argc, char **argv, struct bench_opts *o,
				   unsigned long default_iters)
{
	o->iters = default_iters;
	o->reps = 31;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			continue;
		if (i + 1 < argc && strcmp(argv[i], "--iters") == 0) {
			o->iters = strtoul(argv[++i], NULL, 0);
		} else if (i + 1 < argc && strcmp(argv[i], "--reps") == 0) {
			o->reps = (unsigned int)strtoul(argv[++i], NULL, 0);
		} else {
			fprintf(stderr, "unknown option '%s' (--iters N, --reps N)\n", argv[i]);
			return -1;
		}
	}
	if (o->iters == 0)
		o->iters = 1;
	if (o->reps == 0)
		o->reps = 1;
	if (o->reps > BENCH_MAX_REPS)
		o->reps = BENCH_MAX_REPS;
	return 0;
}

#endif
