/* SPDX-License-Identifier: BSD-3-Clause
 * Ring enqueue+dequeue in bulks of 8 and 32, single producer/consumer
 * (SP/SC) and multi (MP/MC), in cycles per element:
 *  - one lcore: enqueue a bulk, dequeue it again, repeat (no contention,
 *    the ring's own instruction cost); for pointer rings and for element
 *    rings of 4, 8, 16 and 20 bytes (the _elem API: 4 and 20 copy as
 *    32-bit words, 8 as 64-bit, 16 as 128-bit);
 *  - two lcores: a worker lcore produces, the main lcore consumes (the
 *    cost includes moving cache lines between the two cores). On a shared
 *    machine another job often holds one of the two CPUs: a repetition in
 *    which either thread was preempted (an involuntary context switch,
 *    getrusage RUSAGE_THREAD) measures the scheduler, not the ring, and is
 *    done again, up to a limit.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RUSAGE_THREAD */
#endif
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_pause.h>
#include <rte_ring.h>

#include "bench.h"

#define RING_SIZE 4096
#define MAX_BULK 32
#define MAX_ESIZE 20

static struct bench_opts opts;

static __attribute__((always_inline)) inline unsigned int
ring_enq(struct rte_ring *r, void *const *objs, unsigned int n, bool multi)
{
	return multi ? rte_ring_mp_enqueue_bulk(r, objs, n, NULL)
		     : rte_ring_sp_enqueue_bulk(r, objs, n, NULL);
}

static __attribute__((always_inline)) inline unsigned int
ring_deq(struct rte_ring *r, void **objs, unsigned int n, bool multi)
{
	return multi ? rte_ring_mc_dequeue_bulk(r, objs, n, NULL)
		     : rte_ring_sc_dequeue_bulk(r, objs, n, NULL);
}

/* One lcore: cycles per element for n_elems elements in bulks of n. */
static __attribute__((always_inline)) inline double
one_lcore(struct rte_ring *r, unsigned int n, bool multi, unsigned long n_elems)
{
	void *objs[MAX_BULK];
	unsigned long rounds = n_elems / n ? n_elems / n : 1;
	unsigned long bad = 0;

	for (unsigned int i = 0; i < n; i++)
		objs[i] = (void *)(uintptr_t)(i + 1);

	uint64_t t0 = bench_cycles();
	for (unsigned long k = 0; k < rounds; k++) {
		bad += ring_enq(r, objs, n, multi) != n;
		bad += ring_deq(r, objs, n, multi) != n;
	}
	uint64_t t1 = bench_cycles();

	if (bad != 0)
		fprintf(stderr, "bench_ring: %lu bulk operations failed\n", bad);
	return (double)(t1 - t0) / (double)(rounds * n);
}

static double one_lcore_spsc_8(struct rte_ring *r, unsigned long e) { return one_lcore(r, 8, false, e); }
static double one_lcore_spsc_32(struct rte_ring *r, unsigned long e) { return one_lcore(r, 32, false, e); }
static double one_lcore_mpmc_8(struct rte_ring *r, unsigned long e) { return one_lcore(r, 8, true, e); }
static double one_lcore_mpmc_32(struct rte_ring *r, unsigned long e) { return one_lcore(r, 32, true, e); }

/* One lcore, element ring: cycles per element, as one_lcore. */
static __attribute__((always_inline)) inline double
one_lcore_elem_body(struct rte_ring *r, unsigned int esize, unsigned int n, bool multi,
		    unsigned long n_elems)
{
	uint32_t in[MAX_BULK * MAX_ESIZE / 4], out[MAX_BULK * MAX_ESIZE / 4];
	unsigned long rounds = n_elems / n ? n_elems / n : 1;
	unsigned long bad = 0;

	for (unsigned int i = 0; i < RTE_DIM(in); i++)
		in[i] = i + 1;

	uint64_t t0 = bench_cycles();
	for (unsigned long k = 0; k < rounds; k++) {
		if (multi) {
			bad += rte_ring_mp_enqueue_bulk_elem(r, in, esize, n, NULL) != n;
			bad += rte_ring_mc_dequeue_bulk_elem(r, out, esize, n, NULL) != n;
		} else {
			bad += rte_ring_sp_enqueue_bulk_elem(r, in, esize, n, NULL) != n;
			bad += rte_ring_sc_dequeue_bulk_elem(r, out, esize, n, NULL) != n;
		}
	}
	uint64_t t1 = bench_cycles();

	if (bad != 0 || memcmp(in, out, (size_t)n * esize) != 0)
		fprintf(stderr, "bench_ring: %lu bulk operations failed or lost data\n", bad);
	return (double)(t1 - t0) / (double)(rounds * n);
}

/*
 * esize_known: the element size is a constant at the call, as in an
 * application, and both libraries may pick their copy loop at compile
 * time. Otherwise the compiler cannot see it, as in code that passes the
 * size through (DPDK's own ring_perf test does).
 */
static double one_lcore_elem(struct rte_ring *r, unsigned int esize, bool esize_known,
			     unsigned int n, bool multi, unsigned long n_elems)
{
	if (!esize_known) {
		volatile unsigned int hidden = esize;

		return one_lcore_elem_body(r, hidden, n, multi, n_elems);
	}
	switch (esize) {
	case 4:
		return one_lcore_elem_body(r, 4, n, multi, n_elems);
	case 8:
		return one_lcore_elem_body(r, 8, n, multi, n_elems);
	case 16:
		return one_lcore_elem_body(r, 16, n, multi, n_elems);
	case 20:
		return one_lcore_elem_body(r, 20, n, multi, n_elems);
	default:
		return -1;
	}
}

/* Two lcores: what the producer on the worker needs to know. */
struct producer_arg {
	struct rte_ring *r;
	unsigned int n;
	bool multi;
	unsigned long rounds;
	int ready; /* the producer runs: the clock may start */
	int go;
	long preempted; /* the producer's involuntary context switches */
};

/* Involuntary context switches of the calling thread so far. */
static long preemptions(void)
{
	struct rusage ru;

	return getrusage(RUSAGE_THREAD, &ru) == 0 ? ru.ru_nivcsw : 0;
}

static int producer(void *p)
{
	struct producer_arg *a = p;
	void *objs[MAX_BULK];

	for (unsigned int i = 0; i < a->n; i++)
		objs[i] = (void *)(uintptr_t)(i + 1);
	__atomic_store_n(&a->ready, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&a->go, __ATOMIC_ACQUIRE))
		rte_pause();
	long p0 = preemptions();
	for (unsigned long k = 0; k < a->rounds; k++) {
		if (a->multi) {
			while (rte_ring_mp_enqueue_bulk(a->r, objs, a->n, NULL) == 0)
				rte_pause();
		} else {
			while (rte_ring_sp_enqueue_bulk(a->r, objs, a->n, NULL) == 0)
				rte_pause();
		}
	}
	a->preempted = preemptions() - p0;
	return 0;
}

/*
 * Cycles per element seen by the consumer, or -1 when it cannot run.
 * *disturbed: was either thread preempted meanwhile?
 */
static double two_lcores(struct rte_ring *r, unsigned int n, bool multi, unsigned long n_elems,
			 bool *disturbed)
{
	unsigned int worker = rte_get_next_lcore(rte_lcore_id(), 1, 0);
	struct producer_arg a = {
		.r = r, .n = n, .multi = multi,
		.rounds = n_elems / n ? n_elems / n : 1,
	};
	void *objs[MAX_BULK];

	if (worker >= RTE_MAX_LCORE || rte_eal_remote_launch(producer, &a, worker) != 0)
		return -1;
	/* Leave the lcore launch (a thread wake-up) out of the timing. */
	while (!__atomic_load_n(&a.ready, __ATOMIC_ACQUIRE))
		rte_pause();

	long p0 = preemptions();
	uint64_t t0 = bench_cycles();
	__atomic_store_n(&a.go, 1, __ATOMIC_RELEASE);
	for (unsigned long k = 0; k < a.rounds; k++) {
		if (multi) {
			while (rte_ring_mc_dequeue_bulk(r, objs, n, NULL) == 0)
				rte_pause();
		} else {
			while (rte_ring_sc_dequeue_bulk(r, objs, n, NULL) == 0)
				rte_pause();
		}
	}
	uint64_t t1 = bench_cycles();
	long mine = preemptions() - p0;

	rte_eal_wait_lcore(worker);
	*disturbed = mine != 0 || a.preempted != 0;
	return (double)(t1 - t0) / (double)(a.rounds * n);
}

struct ring_case {
	const char *name;
	unsigned int n;
	bool multi;
	double (*one)(struct rte_ring *r, unsigned long n_elems);
};

static const struct ring_case cases[] = {
	{ "SP/SC", 8, false, one_lcore_spsc_8 },
	{ "SP/SC", 32, false, one_lcore_spsc_32 },
	{ "MP/MC", 8, true, one_lcore_mpmc_8 },
	{ "MP/MC", 32, true, one_lcore_mpmc_32 },
};

static const unsigned int elem_sizes[] = { 4, 8, 16, 20 };

int main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);
	double v[BENCH_MAX_REPS];
	char op[96];

	if (ret < 0) {
		fprintf(stderr, "bench_ring: rte_eal_init failed (rte_errno %d)\n", rte_errno);
		return 1;
	}
	if (bench_parse_opts(argc - ret - 1, argv + ret + 1, &opts, 1u << 18) != 0)
		return 1;

	struct rte_ring *r = rte_ring_create("bench_ring", RING_SIZE, 0, 0);
	if (r == NULL) {
		fprintf(stderr, "bench_ring: rte_ring_create failed (rte_errno %d)\n", rte_errno);
		return 1;
	}

	for (unsigned int c = 0; c < RTE_DIM(cases); c++) {
		for (unsigned int i = 0; i < opts.reps; i++)
			v[i] = cases[c].one(r, opts.iters);
		snprintf(op, sizeof(op), "ring %s bulk %u enq+deq, 1 lcore", cases[c].name,
			 cases[c].n);
		bench_report("lib", op, "cycles/elem", bench_median(v, opts.reps));
	}

	for (unsigned int s = 0; s < RTE_DIM(elem_sizes); s++) {
		const unsigned int esize = elem_sizes[s];
		struct rte_ring *re;
		char name[32];

		snprintf(name, sizeof(name), "bench_ring_e%u", esize);
		re = rte_ring_create_elem(name, esize, RING_SIZE, 0, 0);
		if (re == NULL) {
			fprintf(stderr, "bench_ring: rte_ring_create_elem(%u) failed (rte_errno %d)\n",
				esize, rte_errno);
			return 1;
		}
		for (int known = 1; known >= 0; known--) {
			for (unsigned int c = 0; c < RTE_DIM(cases); c++) {
				for (unsigned int i = 0; i < opts.reps; i++)
					v[i] = one_lcore_elem(re, esize, known, cases[c].n,
							      cases[c].multi, opts.iters);
				snprintf(op, sizeof(op), "ring elem %u B %s bulk %u, 1 lcore%s", esize,
					 cases[c].name, cases[c].n, known ? "" : ", run-time esize");
				bench_report("lib", op, "cycles/elem", bench_median(v, opts.reps));
			}
		}
		rte_ring_free(re);
	}

	if (rte_lcore_count() < 2) {
		fprintf(stderr, "bench_ring: one lcore only, no producer/consumer figures\n");
	} else {
		for (unsigned int c = 0; c < RTE_DIM(cases); c++) {
			double all[BENCH_MAX_REPS];
			unsigned int clean = 0, tries = 0;
			bool ok = true;

			/* Up to 4 x reps tries for reps undisturbed repetitions. */
			while (clean < opts.reps && tries < 4 * opts.reps && ok) {
				bool disturbed = true;
				double x = two_lcores(r, cases[c].n, cases[c].multi, opts.iters / 2,
						      &disturbed);

				ok = x >= 0;
				if (tries < BENCH_MAX_REPS)
					all[tries] = x;
				tries++;
				if (!disturbed)
					v[clean++] = x;
			}
			if (!ok) {
				fprintf(stderr, "bench_ring: cannot launch the producer lcore\n");
				break;
			}
			snprintf(op, sizeof(op), "ring %s bulk %u enq+deq, 2 lcores", cases[c].name,
				 cases[c].n);
			if (clean * 2 > opts.reps) {
				bench_report("lib", op, "cycles/elem", bench_median(v, clean));
			} else {
				fprintf(stderr, "bench_ring: %s: only %u of %u repetitions ran "
					"unpreempted; median of all\n", op, clean, tries);
				bench_report("lib", op, "cycles/elem",
					     bench_median(all, RTE_MIN(tries, (unsigned int)BENCH_MAX_REPS)));
			}
		}
	}

	rte_ring_free(r);
	rte_eal_cleanup();
	return 0;
}
