/* SPDX-License-Identifier: BSD-3-Clause
 * libFuzzer harness for rte_ring under contention: two threads (the
 * fuzzer's and one pthread, released together) run schedules of enqueue
 * and dequeue bursts on one ring; no EAL needed (rte_ring_init on plain
 * memory).
 *
 * The input chooses the element size, the ring size (power of two, or any
 * count with RING_F_EXACT_SZ), which thread produces and which consumes
 * (one producer and one consumer, two producers, two consumers, or both
 * doing both), the sync modes (single producer/consumer only where one
 * thread does that side), the API (default, sp/mp, sc/mc; bulk or burst)
 * and each thread's burst sizes. Every element carries its producer and a
 * sequence number in its first word and words derived from them in the
 * rest. A consumer checks that
 *   - every element is whole (no torn or stale words);
 *   - from each producer, the sequence numbers it sees increase (FIFO);
 *   - no element is seen twice (by either consumer);
 *   - bulk calls move all or nothing, bursts at most what was asked, and
 *     the counts they report stay within the capacity.
 * After both threads finish, the rest is drained and every element
 * enqueued must have been dequeued exactly once. Work is bounded: each
 * thread attempts at most MAX_ATTEMPTS elements.
 *
 * RTS and HTS sides run their own calls as "explicit" ones (on an HTS
 * side every other explicit call goes through peek, finishing part of
 * what it reserved); an RTS side's htd_max is made small so that threads
 * wait for the tail often.
 *
 * Input layout:
 *   byte 0  element size: 4 * (1 + byte % 16); bits 4-5 the producer
 *           side's mode, bits 6-7 the consumer side's: 1 RTS, 2 HTS,
 *           otherwise MT (or ST, as byte 2 says)
 *   byte 1  count: bit 7 clear: 2^(1 + byte % 11); set: RING_F_EXACT_SZ
 *           with count 1 + byte % 127 * 8
 *   byte 2  roles: bits 0-1 thread A produces/consumes, bits 2-3 thread
 *           B (neither: both); bit 4 single producer when only one
 *           thread produces, bit 5 single consumer likewise; bits 6-7
 *           API: default, explicit sp/mp and sc/mc, or mixed
 *   then    schedule bytes, alternately for A and B: bit 7 bulk, bit 6
 *           dequeue when the thread does both, bits 0-5 burst size - 1
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_pause.h>
#include <rte_ring.h>

#include "fuzz_check.h"

#define MAX_ESIZE 64
#define MAX_BURST 64
#define MAX_SCHED 64
#define MAX_ATTEMPTS 5000 /* elements each thread tries to move */
#define MAX_SEQ (MAX_ATTEMPTS + MAX_BURST)

enum api { API_DEFAULT, API_EXPLICIT, API_MIXED };

struct worker {
	unsigned int id;          /* producer id, 0 or 1 */
	bool produces, consumes;
	uint8_t sched[MAX_SCHED];
	unsigned int nb_sched;
	/* results */
	uint32_t enqueued;        /* next sequence number */
	uint32_t dequeued;
	int32_t last_seq[2];      /* per producer, the last seen */
	uint8_t in[MAX_BURST * MAX_ESIZE], out[(MAX_BURST + 1) * MAX_ESIZE];
};

enum mode { MODE_MT, MODE_RTS, MODE_HTS };

static struct {
	struct rte_ring *r;
	unsigned int esize, capacity;
	bool sp, sc;              /* the ring was made single producer / consumer */
	enum mode prod, cons;     /* otherwise, its producer and consumer modes */
	enum api api;
	int go;                   /* released together */
	uint8_t seen[2][MAX_SEQ];
} t;

static uint32_t word_of(uint32_t first, unsigned int w)
{
	return first * 2654435761u + w * 40503u + 1;
}

static void fill(uint8_t *elem, unsigned int producer, uint32_t seq)
{
	const uint32_t first = producer << 24 | seq;

	memcpy(elem, &first, 4);
	for (unsigned int w = 1; w < t.esize / 4; w++) {
		const uint32_t v = word_of(first, w);

		memcpy(elem + 4 * w, &v, 4);
	}
}

static void check_elem(struct worker *wk, const uint8_t *elem)
{
	uint32_t first, producer, seq;

	memcpy(&first, elem, 4);
	producer = first >> 24;
	seq = first & 0xffffff;
	CHECK(producer < 2 && seq < MAX_SEQ, "element 0x%08x from no producer", first);
	for (unsigned int w = 1; w < t.esize / 4; w++) {
		uint32_t v;

		memcpy(&v, elem + 4 * w, 4);
		CHECK(v == word_of(first, w), "element %u/%u word %u torn: 0x%08x", producer, seq,
		      w, v);
	}
	CHECK((int32_t)seq > wk->last_seq[producer], "consumer %u: %u/%u after %u/%d", wk->id,
	      producer, seq, producer, wk->last_seq[producer]);
	wk->last_seq[producer] = (int32_t)seq;
	CHECK(__atomic_exchange_n(&t.seen[producer][seq], 1, __ATOMIC_RELAXED) == 0,
	      "element %u/%u dequeued twice", producer, seq);
	wk->dequeued++;
}

/* The API call for this op: the ring's default, or explicit sp/mp. */
static bool use_explicit(unsigned int step)
{
	return t.api == API_EXPLICIT || (t.api == API_MIXED && (step & 1));
}

static unsigned int do_enqueue(struct worker *wk, unsigned int n, bool bulk, unsigned int step)
{
	unsigned int got, free_space = UINT32_MAX;

	for (unsigned int i = 0; i < n; i++)
		fill(wk->in + i * t.esize, wk->id, wk->enqueued + i);
	if (!use_explicit(step))
		got = bulk ? rte_ring_enqueue_bulk_elem(t.r, wk->in, t.esize, n, &free_space)
			   : rte_ring_enqueue_burst_elem(t.r, wk->in, t.esize, n, &free_space);
	else if (t.prod == MODE_RTS)
		got = bulk ? rte_ring_mp_rts_enqueue_bulk_elem(t.r, wk->in, t.esize, n, &free_space)
			   : rte_ring_mp_rts_enqueue_burst_elem(t.r, wk->in, t.esize, n,
								&free_space);
	else if (t.prod == MODE_HTS && (step & 2)) {
		/* peek: reserve, then publish three quarters */
		got = bulk ? rte_ring_enqueue_bulk_elem_start(t.r, n, &free_space)
			   : rte_ring_enqueue_burst_elem_start(t.r, n, &free_space);
		CHECK(bulk ? got == 0 || got == n : got <= n, "enqueue start of %u: %u", n, got);
		got -= got / 4;
		/* Only after a start that reserved: else the side may be another's. */
		if (got != 0)
			rte_ring_enqueue_elem_finish(t.r, wk->in, t.esize, got);
		wk->enqueued += got;
		return got;
	} else if (t.prod == MODE_HTS)
		got = bulk ? rte_ring_mp_hts_enqueue_bulk_elem(t.r, wk->in, t.esize, n, &free_space)
			   : rte_ring_mp_hts_enqueue_burst_elem(t.r, wk->in, t.esize, n,
								&free_space);
	else if (t.sp)
		got = bulk ? rte_ring_sp_enqueue_bulk_elem(t.r, wk->in, t.esize, n, &free_space)
			   : rte_ring_sp_enqueue_burst_elem(t.r, wk->in, t.esize, n, &free_space);
	else
		got = bulk ? rte_ring_mp_enqueue_bulk_elem(t.r, wk->in, t.esize, n, &free_space)
			   : rte_ring_mp_enqueue_burst_elem(t.r, wk->in, t.esize, n, &free_space);
	CHECK(bulk ? got == 0 || got == n : got <= n, "enqueue of %u (%s): %u", n,
	      bulk ? "bulk" : "burst", got);
	/*
	 * A refused enqueue reports a snapshot that may pair a stale head with
	 * a newer tail of the other side (DPDK's algorithm does the same), so
	 * it can exceed the capacity; after a successful one it cannot.
	 */
	if (got > 0)
		CHECK(free_space <= t.capacity, "free space %u of %u", free_space, t.capacity);
	wk->enqueued += got;
	return got;
}

/*
 * Peek dequeue on an HTS side: everything reserved is copied out, but only
 * the first half (rounded up) is removed and checked as seen; the rest
 * stays in the ring for the next dequeue, by either consumer.
 */
static unsigned int peek_dequeue(struct worker *wk, unsigned int n, bool bulk)
{
	unsigned int got, keep, avail = UINT32_MAX;

	memset(wk->out, 0xee, (n + 1) * t.esize);
	got = bulk ? rte_ring_dequeue_bulk_elem_start(t.r, wk->out, t.esize, n, &avail)
		   : rte_ring_dequeue_burst_elem_start(t.r, wk->out, t.esize, n, &avail);
	CHECK(bulk ? got == 0 || got == n : got <= n, "dequeue start of %u (%s): %u", n,
	      bulk ? "bulk" : "burst", got);
	if (got > 0)
		CHECK(avail <= t.capacity, "%u available of %u", avail, t.capacity);
	for (unsigned int i = got * t.esize; i < (got + 1) * t.esize; i++)
		CHECK(wk->out[i] == 0xee, "dequeue start of %u wrote past element %u", n, got);
	keep = got / 2;
	if (got != 0) /* see do_enqueue */
		rte_ring_dequeue_elem_finish(t.r, got - keep);
	for (unsigned int i = 0; i < got - keep; i++)
		check_elem(wk, wk->out + i * t.esize);
	return got - keep;
}

static unsigned int do_dequeue(struct worker *wk, unsigned int n, bool bulk, unsigned int step)
{
	unsigned int got, avail = UINT32_MAX;

	memset(wk->out, 0xee, (n + 1) * t.esize); /* poisoned: stale data is caught */
	if (!use_explicit(step))
		got = bulk ? rte_ring_dequeue_bulk_elem(t.r, wk->out, t.esize, n, &avail)
			   : rte_ring_dequeue_burst_elem(t.r, wk->out, t.esize, n, &avail);
	else if (t.cons == MODE_RTS)
		got = bulk ? rte_ring_mc_rts_dequeue_bulk_elem(t.r, wk->out, t.esize, n, &avail)
			   : rte_ring_mc_rts_dequeue_burst_elem(t.r, wk->out, t.esize, n, &avail);
	else if (t.cons == MODE_HTS && (step & 2))
		return peek_dequeue(wk, n, bulk);
	else if (t.cons == MODE_HTS)
		got = bulk ? rte_ring_mc_hts_dequeue_bulk_elem(t.r, wk->out, t.esize, n, &avail)
			   : rte_ring_mc_hts_dequeue_burst_elem(t.r, wk->out, t.esize, n, &avail);
	else if (t.sc)
		got = bulk ? rte_ring_sc_dequeue_bulk_elem(t.r, wk->out, t.esize, n, &avail)
			   : rte_ring_sc_dequeue_burst_elem(t.r, wk->out, t.esize, n, &avail);
	else
		got = bulk ? rte_ring_mc_dequeue_bulk_elem(t.r, wk->out, t.esize, n, &avail)
			   : rte_ring_mc_dequeue_burst_elem(t.r, wk->out, t.esize, n, &avail);
	CHECK(bulk ? got == 0 || got == n : got <= n, "dequeue of %u (%s): %u", n,
	      bulk ? "bulk" : "burst", got);
	if (got > 0) /* as for free_space in do_enqueue */
		CHECK(avail <= t.capacity, "%u available of %u", avail, t.capacity);
	for (unsigned int i = 0; i < got; i++)
		check_elem(wk, wk->out + i * t.esize);
	/* nothing written past what was returned */
	for (unsigned int i = got * t.esize; i < (got + 1) * t.esize; i++)
		CHECK(wk->out[i] == 0xee, "dequeue of %u wrote past element %u", n, got);
	return got;
}

static void *run(void *arg)
{
	struct worker *wk = arg;
	unsigned int attempts = 0;

	while (!__atomic_load_n(&t.go, __ATOMIC_ACQUIRE))
		rte_pause();
	for (unsigned int step = 0; attempts < MAX_ATTEMPTS; step++) {
		const uint8_t s = wk->sched[step % wk->nb_sched];
		const unsigned int n = 1 + s % MAX_BURST;
		const bool bulk = s & 0x80;
		const bool deq = wk->consumes && (!wk->produces || (s & 0x40));

		if (deq)
			do_dequeue(wk, n, bulk, step);
		else
			do_enqueue(wk, n, bulk, step);
		CHECK(rte_ring_count(t.r) <= t.capacity, "count %u of %u", rte_ring_count(t.r),
		      t.capacity);
		attempts += n;
	}
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct worker w[2];
	struct worker drain;
	unsigned int count, flags = 0, producers, consumers;
	pthread_t thread;
	ssize_t memsize;
	uint8_t roles;

	if (size < 4)
		return 0;
	memset(&t, 0, sizeof(t));
	memset(w, 0, sizeof(w));
	t.esize = 4 * (1 + data[0] % (MAX_ESIZE / 4));
	if (data[1] & 0x80) {
		flags |= RING_F_EXACT_SZ;
		count = 1 + (data[1] & 0x7f) * 8;
	} else {
		count = 1u << (1 + data[1] % 11);
	}
	roles = data[2];
	t.prod = (enum mode)((data[0] >> 4) & 3);
	t.cons = (enum mode)(data[0] >> 6);
	if (t.prod > MODE_HTS)
		t.prod = MODE_MT;
	if (t.cons > MODE_HTS)
		t.cons = MODE_MT;
	for (unsigned int i = 0; i < 2; i++) {
		const unsigned int r = (roles >> (2 * i)) & 3;

		w[i].id = i;
		w[i].produces = r != 2;
		w[i].consumes = r != 1;
		w[i].last_seq[0] = w[i].last_seq[1] = -1;
	}
	producers = w[0].produces + w[1].produces;
	consumers = w[0].consumes + w[1].consumes;
	t.sp = t.prod == MODE_MT && producers == 1 && (roles & 0x10);
	t.sc = t.cons == MODE_MT && consumers == 1 && (roles & 0x20);
	t.api = (enum api)((roles >> 6) % 3);
	if (t.sp)
		flags |= RING_F_SP_ENQ;
	if (t.sc)
		flags |= RING_F_SC_DEQ;
	flags |= t.prod == MODE_RTS ? RING_F_MP_RTS_ENQ : t.prod == MODE_HTS ? RING_F_MP_HTS_ENQ : 0;
	flags |= t.cons == MODE_RTS ? RING_F_MC_RTS_DEQ : t.cons == MODE_HTS ? RING_F_MC_HTS_DEQ : 0;
	for (size_t off = 3; off < size && off - 3 < 2 * MAX_SCHED; off++) {
		struct worker *wk = &w[(off - 3) & 1];

		wk->sched[wk->nb_sched++] = data[off];
	}
	for (unsigned int i = 0; i < 2; i++)
		if (w[i].nb_sched == 0)
			w[i].sched[w[i].nb_sched++] = 0;

	memsize = rte_ring_get_memsize_elem(t.esize, flags & RING_F_EXACT_SZ ?
						     rte_align32pow2(count + 1) : count);
	CHECK(memsize > 0, "memsize(%u, %u): %zd", t.esize, count, memsize);
	t.r = aligned_alloc(RTE_CACHE_LINE_SIZE, RTE_ALIGN_CEIL((size_t)memsize,
								(size_t)RTE_CACHE_LINE_SIZE));
	CHECK(t.r != NULL, "no memory");
	CHECK(rte_ring_init(t.r, "fuzz_mt", count, flags) == 0, "init(%u, 0x%x)", count, flags);
	t.capacity = rte_ring_get_capacity(t.r);
	if (t.prod == MODE_RTS)
		CHECK(rte_ring_set_prod_htd_max(t.r, w[0].sched[0] % 8) == 0, "prod htd_max");
	if (t.cons == MODE_RTS)
		CHECK(rte_ring_set_cons_htd_max(t.r, w[1].sched[0] % 8) == 0, "cons htd_max");
	CHECK(t.capacity == ((flags & RING_F_EXACT_SZ) ? count : count - 1), "capacity %u",
	      t.capacity);

	CHECK(pthread_create(&thread, NULL, run, &w[1]) == 0, "pthread_create");
	__atomic_store_n(&t.go, 1, __ATOMIC_RELEASE);
	run(&w[0]);
	CHECK(pthread_join(thread, NULL) == 0, "pthread_join");

	/* What is left, by the only consumer there is now (checked as a third). */
	memset(&drain, 0, sizeof(drain));
	drain.id = 2;
	drain.last_seq[0] = RTE_MAX(w[0].last_seq[0], w[1].last_seq[0]);
	drain.last_seq[1] = RTE_MAX(w[0].last_seq[1], w[1].last_seq[1]);
	while (rte_ring_count(t.r) != 0)
		do_dequeue(&drain, MAX_BURST, false, 0);
	CHECK(rte_ring_empty(t.r) && rte_ring_free_count(t.r) == t.capacity, "drained ring");
	CHECK(w[0].dequeued + w[1].dequeued + drain.dequeued == w[0].enqueued + w[1].enqueued,
	      "%u + %u + %u dequeued, %u + %u enqueued", w[0].dequeued, w[1].dequeued,
	      drain.dequeued, w[0].enqueued, w[1].enqueued);
	for (unsigned int p = 0; p < 2; p++)
		for (uint32_t s = 0; s < w[p].enqueued; s++)
			CHECK(t.seen[p][s], "element %u/%u lost", p, s);
	free(t.r);
	return 0;
}
