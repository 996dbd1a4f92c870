/* SPDX-License-Identifier: BSD-3-Clause
 * rte_malloc/rte_free for sizes 64 B to 64 KiB, with glibc malloc/free on
 * the same pattern beside them: allocate a batch of BATCH blocks, then
 * free them in the order they came. Cycles per malloc+free pair.
 *
 * The blocks are not touched: this is the allocator's bookkeeping, not
 * page faults.
 *
 * rte_zmalloc for 4 KiB to 16 MiB, the same pattern: the zmalloc calls
 * alone, and zmalloc plus free, per block. DPDK clears on rte_free and
 * rtemem only what rte_zmalloc cannot know to be zero, so only the sum of
 * the two compares like with like.
 *
 * First touch runs first, while the heap's memory is still untouched: what
 * a page costs on its first write (a fault per 4 KiB page, or per 2 MB
 * hugepage), and what rte_zmalloc costs on memory that is still zero.
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
#include <string.h>

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

/* Blocks of up to 64 MiB in all per zmalloc round. */
#define ZMALLOC_BYTES (64UL << 20)

struct zmalloc_times {
	double alloc, pair; /* cycles per rte_zmalloc; per rte_zmalloc + rte_free */
};

static struct zmalloc_times zmalloc_round(size_t size)
{
	void *p[BATCH];
	const unsigned int n = RTE_MIN((size_t)BATCH, ZMALLOC_BYTES / size);
	unsigned long bad = 0;
	struct zmalloc_times t;

	uint64_t t0 = bench_cycles();
	for (unsigned int i = 0; i < n; i++)
		p[i] = rte_zmalloc(NULL, size, 0);
	uint64_t t1 = bench_cycles();
	for (unsigned int i = 0; i < n; i++) {
		bad += p[i] == NULL;
		rte_free(p[i]);
	}
	uint64_t t2 = bench_cycles();

	if (bad != 0)
		fprintf(stderr, "bench_malloc: %lu rte_zmalloc(%zu) failed\n", bad, size);
	t.alloc = (double)(t1 - t0) / n;
	t.pair = (double)(t2 - t0) / n;
	return t;
}

/*
 * Blocks of 16 MiB fresh from the heap, memory no one has written since it
 * was mapped, kept until the end so that each is new memory: the memset of
 * an rte_malloc block (its first write: page faults), and an rte_zmalloc
 * block, the call alone and with the first write after it.
 */
#define FIRST_TOUCH_SIZE (16UL << 20)
#define FIRST_TOUCH_MAX 8

static void first_touch(void)
{
	const unsigned int n = RTE_MIN(opts.reps, (unsigned int)FIRST_TOUCH_MAX);
	void *p[2 * FIRST_TOUCH_MAX];
	double m[FIRST_TOUCH_MAX], z[FIRST_TOUCH_MAX], zm[FIRST_TOUCH_MAX];
	unsigned int got = 0;

	for (unsigned int i = 0; i < n; i++) {
		uint64_t t0, t1, t2;

		p[got] = rte_malloc(NULL, FIRST_TOUCH_SIZE, 0);
		if (p[got] == NULL)
			break;
		t0 = bench_cycles();
		memset(p[got++], 0xa5, FIRST_TOUCH_SIZE);
		t1 = bench_cycles();
		m[i] = (double)(t1 - t0);

		t0 = bench_cycles();
		p[got] = rte_zmalloc(NULL, FIRST_TOUCH_SIZE, 0);
		t1 = bench_cycles();
		if (p[got] == NULL)
			break;
		memset(p[got++], 0xa5, FIRST_TOUCH_SIZE);
		t2 = bench_cycles();
		z[i] = (double)(t1 - t0);
		zm[i] = (double)(t2 - t0);
	}
	if (got < 2 * n)
		fprintf(stderr, "bench_malloc: 16 MiB blocks failed\n");
	else {
		bench_report("lib", "memset 16 MiB fresh from rte_malloc", "cycles",
			     bench_median(m, n));
		bench_report("lib", "zmalloc 16 MiB fresh (the zmalloc alone)", "cycles",
			     bench_median(z, n));
		bench_report("lib", "zmalloc 16 MiB fresh + memset", "cycles",
			     bench_median(zm, n));
	}
	for (unsigned int i = 0; i < got; i++)
		rte_free(p[i]);
}

static const char *size_name(size_t size, char *buf, size_t cap)
{
	if (size >= (1 << 20))
		snprintf(buf, cap, "%zu MiB", size >> 20);
	else if (size >= 1024)
		snprintf(buf, cap, "%zu KiB", size >> 10);
	else
		snprintf(buf, cap, "%zu B", size);
	return buf;
}

int main(int argc, char **argv)
{
	static const size_t sizes[] = { 64, 256, 1024, 4096, 16384, 65536 };
	static const size_t zsizes[] = { 4096, 65536, 1 << 20, 16 << 20 };
	double a[BENCH_MAX_REPS];
	int ret = rte_eal_init(argc, argv);
	double v[BENCH_MAX_REPS];
	char op[96], sz[24];

	if (ret < 0) {
		fprintf(stderr, "bench_malloc: rte_eal_init failed (rte_errno %d)\n", rte_errno);
		return 1;
	}
	if (bench_parse_opts(argc - ret - 1, argv + ret + 1, &opts, 1u << 13) != 0)
		return 1;

	first_touch();

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

	for (unsigned int s = 0; s < RTE_DIM(zsizes); s++) {
		size_name(zsizes[s], sz, sizeof(sz));
		zmalloc_round(zsizes[s]); /* warm, as above */
		for (unsigned int i = 0; i < opts.reps; i++) {
			struct zmalloc_times t = zmalloc_round(zsizes[s]);

			a[i] = t.alloc;
			v[i] = t.pair;
		}
		snprintf(op, sizeof(op), "zmalloc %s (the zmalloc alone)", sz);
		bench_report("lib", op, "cycles/call", bench_median(a, opts.reps));
		snprintf(op, sizeof(op), "zmalloc+free %s", sz);
		bench_report("lib", op, "cycles/pair", bench_median(v, opts.reps));
	}

	rte_free(keeper);
	rte_eal_cleanup();
	return 0;
}
