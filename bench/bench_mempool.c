/* SPDX-License-Identifier: BSD-3-Clause
 * Mempool get+put in bulks of 8 and 32 on the main lcore, from a pool with
 * a per-lcore cache (the common case: the objects never reach the ring)
 * and from one without (every get/put goes to the ring_mp_mc backend).
 * Cycles per object for one get plus one put.
 */
#include <stdint.h>
#include <stdio.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mempool.h>

#include "bench.h"

#define POOL_SIZE 8191  /* 2^n - 1 objects: a ring of 2^n holds them all */
#define OBJ_SIZE 64
#define CACHE_SIZE 256
#define MAX_BULK 32

static struct bench_opts opts;

static double get_put(struct rte_mempool *mp, unsigned int n, unsigned long n_objs)
{
	void *objs[MAX_BULK];
	unsigned long rounds = n_objs / n ? n_objs / n : 1;
	unsigned long bad = 0;

	uint64_t t0 = bench_cycles();
	for (unsigned long k = 0; k < rounds; k++) {
		if (rte_mempool_get_bulk(mp, objs, n) == 0)
			rte_mempool_put_bulk(mp, objs, n);
		else
			bad++;
	}
	uint64_t t1 = bench_cycles();

	if (bad != 0)
		fprintf(stderr, "bench_mempool: %lu gets failed\n", bad);
	return (double)(t1 - t0) / (double)(rounds * n);
}

static int run_pool(const char *name, unsigned int cache_size)
{
	static const unsigned int bulks[] = { 8, 32 };
	double v[BENCH_MAX_REPS];
	char op[96];
	struct rte_mempool *mp = rte_mempool_create(name, POOL_SIZE, OBJ_SIZE, cache_size, 0,
						    NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);

	if (mp == NULL) {
		fprintf(stderr, "bench_mempool: rte_mempool_create(%s) failed (rte_errno %d)\n",
			name, rte_errno);
		return -1;
	}
	for (unsigned int b = 0; b < RTE_DIM(bulks); b++) {
		for (unsigned int i = 0; i < opts.reps; i++)
			v[i] = get_put(mp, bulks[b], opts.iters);
		snprintf(op, sizeof(op), "mempool get+put bulk %u, %s", bulks[b],
			 cache_size ? "cache 256" : "no cache");
		bench_report("lib", op, "cycles/obj", bench_median(v, opts.reps));
	}
	rte_mempool_free(mp);
	return 0;
}

int main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);

	if (ret < 0) {
		fprintf(stderr, "bench_mempool: rte_eal_init failed (rte_errno %d)\n", rte_errno);
		return 1;
	}
	if (bench_parse_opts(argc - ret - 1, argv + ret + 1, &opts, 1u << 18) != 0)
		return 1;

	ret = run_pool("bench_cached", CACHE_SIZE);
	if (ret == 0)
		ret = run_pool("bench_uncached", 0);

	rte_eal_cleanup();
	return ret == 0 ? 0 : 1;
}
