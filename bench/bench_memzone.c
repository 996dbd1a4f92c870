/* SPDX-License-Identifier: BSD-3-Clause
 * Memzone reserve+free: reserve a zone of 4 KiB (and of 1 MiB) under one
 * of a few names, free it again. Cycles per reserve+free pair. This is the
 * name lookup, the heap allocation and the memzone table update together.
 * As in bench_malloc.c, the main rows run while the heap holds another
 * small block; the "empty heap" row runs before anything is allocated.
 * The "among 2,000 zones" rows show how name lookup scales: DPDK compares
 * the name with every used slot, rtemem hashes it.
 */
#include <stdint.h>
#include <stdio.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "bench.h"

#define MZ_NAMES 64
#define MZ_MANY 2000

static struct bench_opts opts;
static char names[MZ_NAMES][32];

static double reserve_free(size_t len, unsigned long n_pairs)
{
	unsigned long bad = 0;

	uint64_t t0 = bench_cycles();
	for (unsigned long k = 0; k < n_pairs; k++) {
		const struct rte_memzone *mz =
			rte_memzone_reserve(names[k % MZ_NAMES], len, SOCKET_ID_ANY, 0);

		if (mz == NULL || rte_memzone_free(mz) != 0)
			bad++;
	}
	uint64_t t1 = bench_cycles();

	if (bad != 0)
		fprintf(stderr, "bench_memzone: %lu reserve/free of %zu bytes failed\n", bad, len);
	return (double)(t1 - t0) / (double)n_pairs;
}

static char many_names[MZ_MANY][32];
static const struct rte_memzone *many[MZ_MANY];

/* Cycles per rte_memzone_lookup of one of the MZ_MANY zones, visited in a
 * scattered order so neither the first nor the last slot dominates. */
static double lookup_many(unsigned long n_lookups)
{
	unsigned long miss = 0;

	uint64_t t0 = bench_cycles();
	for (unsigned long k = 0; k < n_lookups; k++)
		if (rte_memzone_lookup(many_names[(k * 7919) % MZ_MANY]) == NULL)
			miss++;
	uint64_t t1 = bench_cycles();

	if (miss != 0)
		fprintf(stderr, "bench_memzone: %lu lookups failed\n", miss);
	return (double)(t1 - t0) / (double)n_lookups;
}

static int reserve_many(void)
{
	for (unsigned int i = 0; i < MZ_MANY; i++) {
		snprintf(many_names[i], sizeof(many_names[i]), "bench_many_%u", i);
		many[i] = rte_memzone_reserve(many_names[i], 64, SOCKET_ID_ANY, 0);
		if (many[i] == NULL) {
			fprintf(stderr, "bench_memzone: zone %u: rte_errno %d\n", i, rte_errno);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const size_t sizes[] = { 4096, 1024 * 1024 };
	static const char *const size_names[] = { "4 KiB", "1 MiB" };
	int ret = rte_eal_init(argc, argv);
	double v[BENCH_MAX_REPS];
	char op[96];

	if (ret < 0) {
		fprintf(stderr, "bench_memzone: rte_eal_init failed (rte_errno %d)\n", rte_errno);
		return 1;
	}
	if (bench_parse_opts(argc - ret - 1, argv + ret + 1, &opts, 1u << 11) != 0)
		return 1;
	for (unsigned int i = 0; i < MZ_NAMES; i++)
		snprintf(names[i], sizeof(names[i]), "bench_mz_%u", i);

	for (unsigned int i = 0; i < opts.reps; i++)
		v[i] = reserve_free(4096, opts.iters / 4);
	bench_report("lib", "memzone reserve+free 4 KiB, empty heap", "cycles/pair",
		     bench_median(v, opts.reps));

	const struct rte_memzone *keeper = rte_memzone_reserve("bench_keeper", 64, SOCKET_ID_ANY, 0);
	if (keeper == NULL) {
		fprintf(stderr, "bench_memzone: reserve failed (rte_errno %d)\n", rte_errno);
		return 1;
	}
	for (unsigned int s = 0; s < RTE_DIM(sizes); s++) {
		reserve_free(sizes[s], 4); /* warm: the heap grows outside the timing */
		for (unsigned int i = 0; i < opts.reps; i++)
			v[i] = reserve_free(sizes[s], opts.iters);
		snprintf(op, sizeof(op), "memzone reserve+free %s", size_names[s]);
		bench_report("lib", op, "cycles/pair", bench_median(v, opts.reps));
	}

	if (reserve_many() != 0)
		return 1;
	for (unsigned int i = 0; i < opts.reps; i++)
		v[i] = lookup_many(opts.iters);
	bench_report("lib", "memzone lookup among 2,000 zones", "cycles/lookup",
		     bench_median(v, opts.reps));
	for (unsigned int i = 0; i < opts.reps; i++)
		v[i] = reserve_free(4096, opts.iters);
	bench_report("lib", "memzone reserve+free 4 KiB among 2,000 zones", "cycles/pair",
		     bench_median(v, opts.reps));
	for (unsigned int i = 0; i < MZ_MANY; i++)
		rte_memzone_free(many[i]);

	rte_memzone_free(keeper);
	rte_eal_cleanup();
	return 0;
}
