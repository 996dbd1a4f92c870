/* SPDX-License-Identifier: BSD-3-Clause
 * rte_malloc/rte_free for sizes 64 B to 64 KiB, with glibc malloc/free on
 * the same pattern beside them: allocate a batch of BATCH blocks, then
 * free them in the order they came. Cycles per malloc+free pair.
 *
 * The blocks are not touched: this is the allocator's bookkeeping, not
 * page faults.
 *
 * Scaling with the live set: N live blocks of random sizes (log-uniform by
 * octave, 16 B to 16 KiB), then REPLACES x "free a random one, allocate a
 * new random size" (the same sequence for rte_malloc and glibc malloc),
 * ns per replacement, for N = 1,000, 10,000 and 100,000. Afterwards the
 * heap's own view of the cost: bytes the busy elements take over the bytes
 * asked for, and bytes the heap holds (pages) over the bytes asked for.
 *
 * Pairs with 1,000 live: LIVE_BATCH x rte_malloc then LIVE_BATCH x rte_free,
 * for 64 B, 512 B, 4 KiB and 64 KiB; a batch that large walks through the
 * free lists in a way the 32-block rows do not.
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
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
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

/* --- live-set scaling ------------------------------------------------------ */

#define REPLACE_MAX_LIVE 100000u

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	/* xorshift64*: the same sequence for every allocator and library. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* 16 B to 16 KiB - 1: an octave first, then uniform inside it. */
static size_t rng_size(void)
{
	uint64_t r = rng_next();
	size_t base = (size_t)16 << ((r >> 32) % 10);

	return base + (size_t)(r & 0xffffffff) % base;
}

struct replace_plan {
	unsigned int live;
	unsigned long n;          /* replacements */
	size_t *fill_sz;          /* live sizes to start with */
	unsigned int *slot;       /* which block each replacement frees */
	size_t *new_sz;           /* and the size it allocates */
};

static int plan_make(struct replace_plan *p, unsigned int live, unsigned long n)
{
	p->live = live;
	p->n = n;
	p->fill_sz = malloc(live * sizeof(*p->fill_sz));
	p->slot = malloc(n * sizeof(*p->slot));
	p->new_sz = malloc(n * sizeof(*p->new_sz));
	if (p->fill_sz == NULL || p->slot == NULL || p->new_sz == NULL)
		return -1;
	rng_state = 0x9e3779b97f4a7c15ULL ^ live;
	for (unsigned int i = 0; i < live; i++)
		p->fill_sz[i] = rng_size();
	for (unsigned long i = 0; i < n; i++) {
		p->slot[i] = (unsigned int)(rng_next() % live);
		p->new_sz[i] = rng_size();
	}
	return 0;
}

static void plan_free(struct replace_plan *p)
{
	free(p->fill_sz);
	free(p->slot);
	free(p->new_sz);
}

/* rte_malloc or glibc, same code: the allocator is a pair of functions. */
struct allocator {
	void *(*alloc)(size_t size);
	void (*release)(void *p);
};

static void *rte_alloc1(size_t size)
{
	return rte_malloc(NULL, size, 0);
}

static void *glibc_alloc1(size_t size)
{
	return malloc(size);
}

static const struct allocator rte_allocator = { rte_alloc1, rte_free };
static const struct allocator glibc_allocator = { glibc_alloc1, free };

/* ns per replacement; live bytes left in *live_bytes, blocks left in blocks. */
static double replace_run(const struct allocator *a, const struct replace_plan *p, void **blocks,
			  size_t *sizes, size_t *live_bytes)
{
	unsigned long bad = 0;
	size_t bytes = 0;

	for (unsigned int i = 0; i < p->live; i++) {
		blocks[i] = a->alloc(p->fill_sz[i]);
		sizes[i] = p->fill_sz[i];
		bytes += sizes[i];
		bad += blocks[i] == NULL;
	}
	uint64_t t0 = bench_ns();
	for (unsigned long i = 0; i < p->n; i++) {
		const unsigned int s = p->slot[i];

		a->release(blocks[s]);
		bytes -= sizes[s];
		blocks[s] = a->alloc(p->new_sz[i]);
		sizes[s] = p->new_sz[i];
		bytes += sizes[s];
		bad += blocks[s] == NULL;
	}
	uint64_t t1 = bench_ns();

	if (bad != 0)
		fprintf(stderr, "bench_malloc: %lu allocations failed (%u live)\n", bad, p->live);
	*live_bytes = bytes;
	return (double)(t1 - t0) / (double)p->n;
}

static void replace_rows(void)
{
	static const unsigned int lives[] = { 1000, 10000, REPLACE_MAX_LIVE };
	const unsigned long n = opts.iters * 25; /* 204,800 by default */
	void **blocks = malloc(REPLACE_MAX_LIVE * sizeof(*blocks));
	size_t *sizes = malloc(REPLACE_MAX_LIVE * sizeof(*sizes));
	char op[96];

	if (blocks == NULL || sizes == NULL) {
		fprintf(stderr, "bench_malloc: out of memory\n");
		exit(1);
	}
	for (unsigned int l = 0; l < RTE_DIM(lives); l++) {
		struct replace_plan plan;
		struct rte_malloc_socket_stats st;
		size_t live_bytes;
		bool have_st;
		double t;

		if (plan_make(&plan, lives[l], n) != 0) {
			fprintf(stderr, "bench_malloc: out of memory\n");
			exit(1);
		}
		snprintf(op, sizeof(op), "replace, %u live 16 B-16 KiB", lives[l]);
		t = replace_run(&rte_allocator, &plan, blocks, sizes, &live_bytes);
		bench_report("lib", op, "ns", t);
		have_st = rte_malloc_get_socket_stats(rte_socket_id(), &st) == 0;
		for (unsigned int i = 0; i < plan.live; i++)
			rte_free(blocks[i]);
		t = replace_run(&glibc_allocator, &plan, blocks, sizes, &live_bytes);
		bench_report("glibc", op, "ns", t);
		for (unsigned int i = 0; i < plan.live; i++)
			free(blocks[i]);
		if (lives[l] == REPLACE_MAX_LIVE && have_st && live_bytes != 0) {
			/* Per cent of the bytes asked for (the same sequence left
			 * the same live bytes): what the busy blocks take (headers,
			 * rounding, padding), and what the heap holds. */
			snprintf(op, sizeof(op), "heap busy bytes / live bytes, %u live", lives[l]);
			bench_report("lib", op, "%", 100.0 * st.heap_allocsz_bytes / live_bytes);
			snprintf(op, sizeof(op), "heap total bytes / live bytes, %u live", lives[l]);
			bench_report("lib", op, "%", 100.0 * st.heap_totalsz_bytes / live_bytes);
		}
		plan_free(&plan);
	}
	free(blocks);
	free(sizes);
}

#define LIVE_BATCH 1000

/* Cycles per pair, LIVE_BATCH blocks live at the peak. */
static double live_pairs(size_t size, unsigned long n_pairs)
{
	static void *p[LIVE_BATCH];
	unsigned long rounds = n_pairs / LIVE_BATCH ? n_pairs / LIVE_BATCH : 1;
	unsigned long bad = 0;

	uint64_t t0 = bench_cycles();
	for (unsigned long k = 0; k < rounds; k++) {
		for (unsigned int i = 0; i < LIVE_BATCH; i++)
			p[i] = rte_malloc(NULL, size, 0);
		for (unsigned int i = 0; i < LIVE_BATCH; i++) {
			bad += p[i] == NULL;
			rte_free(p[i]);
		}
	}
	uint64_t t1 = bench_cycles();

	if (bad != 0)
		fprintf(stderr, "bench_malloc: %lu rte_malloc(%zu) failed\n", bad, size);
	return (double)(t1 - t0) / (double)(rounds * LIVE_BATCH);
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
	static const size_t live_sizes[] = { 64, 512, 4096, 65536 };
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

	for (unsigned int s = 0; s < RTE_DIM(live_sizes); s++) {
		size_name(live_sizes[s], sz, sizeof(sz));
		snprintf(op, sizeof(op), "malloc+free %s, %u live", sz, LIVE_BATCH);
		live_pairs(live_sizes[s], LIVE_BATCH); /* warm */
		for (unsigned int i = 0; i < opts.reps; i++)
			v[i] = live_pairs(live_sizes[s], opts.iters * 4);
		bench_report("lib", op, "cycles/pair", bench_median(v, opts.reps));
	}

	replace_rows();

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
