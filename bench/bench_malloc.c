/* SPDX-License-Identifier: BSD-3-Clause
 * rte_malloc/rte_free for sizes 64 B to 64 KiB, with glibc malloc/free on
 * the same pattern beside them: allocate a batch of BATCH blocks, then
 * free them in the order they came. Cycles per malloc+free pair.
 *
 * The blocks are not touched: this is the allocator's bookkeeping, not
 * page faults.
 *
 * The heap: the main rows run while the heap holds one other small block
 * (as in any application that has made a pool or a ring), so that freeing
 * the batch does not leave the heap empty. The "empty heap" row runs
 * first, before anything is allocated: there rtemem's heap, empty after
 * rte_eal_init, maps a hugepage for the batch and gives it back when the
 * batch is freed, every round (see docs/performance.md).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>

#include "bench.h"

#define BATCH 32

static struct bench_opts opts;

static double rte_pairs(size_t size, unsigned long n_pairs)
{
	void *p[BATCH];
	unsigned long rounds = n_pairs / BATCH ? n_pairs / BATCH : 1;
	unsigned long bad = 0;

	uint64_t t0 = bench_cycles();
	for (unsigned long k = 0; k < rounds; k++) {
		for (unsigned int i = 0; i < BATCH; i++)
			p[i] = rte_malloc(NULL, size, 0);
		for (unsigned int i = 0; i < BATCH; i++) {
			bad += p[i] == NULL;
			rte_free(p[i]);
		}
	}
	uint64_t t1 = bench_cycles();

	if (bad != 0)
		fprintf(stderr, "bench_malloc: %lu rte_malloc(%zu) failed\n", bad, size);
	return (double)(t1 - t0) / (double)(rounds * BATCH);
}

static double glibc_pairs(size_t size, unsigned long n_pairs)
{
	void *p[BATCH];
	unsigned long rounds = n_pairs / BATCH ? n_pairs / BATCH : 1;
	unsigned long bad = 0;

	uint64_t t0 = bench_cycles();
	for (unsigned long k = 0; k < rounds; k++) {
		for (unsigned int i = 0; i < BATCH; i++)
			p[i] = malloc(size);
		/* Keep the compiler from pairing the calls away. */
		__asm__ volatile("" : : "r"(p) : "memory");
		for (unsigned int i = 0; i < BATCH; i++) {
			bad += p[i] == NULL;
			free(p[i]);
		}
	}
	uint64_t t1 = bench_cycles();

	if (bad != 0)
		fprintf(stderr, "bench_malloc: %lu malloc(%zu) failed\n", bad, size);
	return (double)(t1 - t0) / (double)(rounds * BATCH);
}

static const char *size_name(size_t size, char *buf, size_t cap)
{
	if (size >= 1024)
		snprintf(buf, cap, "%zu KiB", size >> 10);
	else
		snprintf(buf, cap, "%zu B", size);
	return buf;
}

int main(int argc, char **argv)
{
	static const size_t sizes[] = { 64, 256, 1024, 4096, 16384, 65536 };
	int ret = rte_eal_init(argc, argv);
	double v[BENCH_MAX_REPS];
	char op[96], sz[24];

	if (ret < 0) {
		fprintf(stderr, "bench_malloc: rte_eal_init failed (rte_errno %d)\n", rte_errno);
		return 1;
	}
	if (bench_parse_opts(argc - ret - 1, argv + ret + 1, &opts, 1u << 13) != 0)
		return 1;

	for (unsigned int i = 0; i < opts.reps; i++)
		v[i] = rte_pairs(64, opts.iters / 8);
	bench_report("lib", "malloc+free 64 B, empty heap", "cycles/pair",
		     bench_median(v, opts.reps));

	void *keeper = rte_malloc(NULL, 64, 0);
	if (keeper == NULL) {
		fprintf(stderr, "bench_malloc: rte_malloc failed (rte_errno %d)\n", rte_errno);
		return 1;
	}
	for (unsigned int s = 0; s < RTE_DIM(sizes); s++) {
		size_name(sizes[s], sz, sizeof(sz));
		snprintf(op, sizeof(op), "malloc+free %s", sz);

		rte_pairs(sizes[s], BATCH); /* warm: the heap grows once, outside the timing */
		for (unsigned int i = 0; i < opts.reps; i++)
			v[i] = rte_pairs(sizes[s], opts.iters);
		bench_report("lib", op, "cycles/pair", bench_median(v, opts.reps));

		glibc_pairs(sizes[s], BATCH);
		for (unsigned int i = 0; i < opts.reps; i++)
			v[i] = glibc_pairs(sizes[s], opts.iters);
		bench_report("glibc", op, "cycles/pair", bench_median(v, opts.reps));
	}

	rte_free(keeper);
	rte_eal_cleanup();
	return 0;
}
