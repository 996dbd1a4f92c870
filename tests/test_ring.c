/* SPDX-License-Identifier: BSD-3-Clause
 * rte_ring: creation rules and bad input, every enqueue/dequeue flavour
 * against a FIFO model, every element size from 4 to 64 bytes through every
 * _elem call with the copy wrapping at every slot of a small ring, index
 * wrap-around at 2^32, EXACT_SZ capacities, and a producer/consumer stress
 * on two lcores that proves no element is lost, duplicated or reordered.
 * The same for the RTS and HTS sync modes (alone and mixed), the peek and
 * zero-copy calls where the sync type allows them and their refusal where
 * it does not, zero-copy segments across the end of the ring, htd_max.
 * Outputs are poisoned before each dequeue.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <unistd.h>
#include <cmocka.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_memzone.h>
#include <rte_ring.h>

#include "rtetest.h"

/* Objects the stress moves. The sanitizers check every access (TSan some
 * 20x slower) and so stretch the ring's critical sections: fewer objects,
 * still thousands of hand-overs between the lcores. */
#define STRESS_OBJECTS (RTETEST_TSAN || RTETEST_ASAN ? 200u * 1000 : 10u * 1000 * 1000)

static int setup(void **state)
{
	(void)state;
	return rtetest_boot("-l 0-2");
}

static int teardown(void **state)
{
	(void)state;
	return rte_eal_cleanup();
}

static void count_zone(const struct rte_memzone *mz, void *arg)
{
	(void)mz;
	(*(unsigned int *)arg)++;
}

static unsigned int memzone_count(void)
{
	unsigned int n = 0;

	rte_memzone_walk(count_zone, &n);
	return n;
}

static void test_create_lookup_free(void **state)
{
	const unsigned int zones = memzone_count();
	const struct rte_memzone *mz;
	struct rte_ring *r;

	(void)state;
	r = rte_ring_create("r_basic", 1024, SOCKET_ID_ANY, 0);
	assert_non_null(r);
	assert_string_equal(r->name, "r_basic");
	assert_int_equal(rte_ring_get_size(r), 1024);
	assert_int_equal(rte_ring_get_capacity(r), 1023);
	assert_int_equal(rte_ring_count(r), 0);
	assert_int_equal(rte_ring_free_count(r), 1023);
	assert_true(rte_ring_empty(r));
	assert_false(rte_ring_full(r));
	assert_false(rte_ring_is_prod_single(r));
	assert_false(rte_ring_is_cons_single(r));
	assert_int_equal(rte_ring_get_prod_sync_type(r), RTE_RING_SYNC_MT);
	assert_true(rte_is_aligned(r, RTE_CACHE_LINE_SIZE));

	mz = rte_memzone_lookup("RG_r_basic");
	assert_non_null(mz);
	assert_ptr_equal(mz->addr, r);
	assert_ptr_equal(r->memzone, mz);
	assert_true(mz->len >= (size_t)rte_ring_get_memsize(1024));
	assert_ptr_equal(rte_ring_lookup("r_basic"), r);
	assert_int_equal(memzone_count(), zones + 1);

	rte_ring_free(r);
	rte_errno = 0;
	assert_null(rte_ring_lookup("r_basic"));
	assert_int_equal(rte_errno, ENOENT);
	assert_null(rte_memzone_lookup("RG_r_basic"));
	assert_int_equal(memzone_count(), zones);
	rte_ring_free(NULL);

	r = rte_ring_create("r_spsc", 64, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	assert_non_null(r);
	assert_true(rte_ring_is_prod_single(r));
	assert_true(rte_ring_is_cons_single(r));
	assert_int_equal(rte_ring_get_cons_sync_type(r), RTE_RING_SYNC_ST);
	rte_ring_free(r);
}

static void expect_create_fails(const char *name, unsigned int esize, unsigned int count,
				unsigned int flags, int err)
{
	const unsigned int zones = memzone_count();

	rte_errno = 0;
	assert_null(rte_ring_create_elem(name, esize, count, SOCKET_ID_ANY, flags));
	assert_int_equal(rte_errno, err);
	assert_int_equal(memzone_count(), zones);
}

/* A ring whose sync type is none of DPDK's (corrupt memory): the default
 * calls move nothing and report no room or no entries, as DPDK's (whose
 * RTE_ASSERT stops a debug build there instead). */
static void test_unknown_sync_type(void **state)
{
#ifdef RTE_ENABLE_ASSERT
	(void)state;
	skip();
#else
	struct rte_ring *r = rte_ring_create("r_corrupt", 64, SOCKET_ID_ANY, 0);
	void *in[2] = { (void *)0x1111, (void *)0x2222 }, *out[2];
	unsigned int room, avail;

	(void)state;
	assert_non_null(r);
	r->prod.sync_type = (enum rte_ring_sync_type)7;
	room = 0xdead;
	assert_int_equal(rte_ring_enqueue_bulk(r, in, 2, &room), 0);
	assert_int_equal(room, 0);
	r->prod.sync_type = RTE_RING_SYNC_MT;
	assert_int_equal(rte_ring_count(r), 0);
	assert_int_equal(rte_ring_enqueue_bulk(r, in, 2, NULL), 2);
	r->cons.sync_type = (enum rte_ring_sync_type)7;
	avail = 0xdead;
	out[0] = out[1] = (void *)0x5a5a;
	assert_int_equal(rte_ring_dequeue_bulk(r, out, 1, &avail), 0);
	assert_int_equal(avail, 0);
	assert_ptr_equal(out[0], (void *)0x5a5a);
	r->cons.sync_type = RTE_RING_SYNC_MT;
	assert_int_equal(rte_ring_count(r), 2);
	rte_ring_free(r);
#endif
}

static void test_bad_input(void **state)
{
	struct rte_ring *r, *dup;
	char name[64];

	(void)state;
	expect_create_fails("bad", 8, 1000, 0, EINVAL);          /* not a power of 2 */
	expect_create_fails("bad", 8, 0, 0, EINVAL);
	expect_create_fails("bad", 8, 0, RING_F_EXACT_SZ, EINVAL);
	expect_create_fails("bad", 8, RTE_RING_SZ_MASK + 1u, 0, EINVAL);
	expect_create_fails("bad", 8, RTE_RING_SZ_MASK, RING_F_EXACT_SZ, EINVAL);
	expect_create_fails("bad", 6, 64, 0, EINVAL);            /* esize not 4k */
	expect_create_fails("bad", 0, 64, 0, EINVAL);
	/* two sync modes for one side */
	expect_create_fails("bad", 8, 64, RING_F_MP_RTS_ENQ | RING_F_MP_HTS_ENQ, EINVAL);
	expect_create_fails("bad", 8, 64, RING_F_SP_ENQ | RING_F_MP_RTS_ENQ, EINVAL);
	expect_create_fails("bad", 8, 64, RING_F_SC_DEQ | RING_F_MC_HTS_DEQ, EINVAL);
	expect_create_fails("bad", 8, 64, RING_F_MC_RTS_DEQ | RING_F_MC_HTS_DEQ, EINVAL);
	expect_create_fails("bad", 8, 64, 0x80, EINVAL);
	expect_create_fails(NULL, 8, 64, 0, EINVAL);

	/* 28 characters fit (RTE_RING_NAMESIZE - 1), 29 do not. */
	memset(name, 'n', sizeof(name));
	name[RTE_RING_NAMESIZE] = '\0';
	expect_create_fails(name, 8, 64, 0, ENAMETOOLONG);
	name[RTE_RING_NAMESIZE - 1] = '\0';
	r = rte_ring_create(name, 64, SOCKET_ID_ANY, 0);
	assert_non_null(r);
	assert_ptr_equal(rte_ring_lookup(name), r);
	/* a 29-character name is no ring, not even the one its first 28 name */
	name[RTE_RING_NAMESIZE - 1] = 'n';
	rte_errno = 0;
	assert_null(rte_ring_lookup(name));
	assert_int_equal(rte_errno, ENOENT);
	name[RTE_RING_NAMESIZE - 1] = '\0';
	rte_ring_free(r);

	r = rte_ring_create("dup", 64, SOCKET_ID_ANY, 0);
	assert_non_null(r);
	assert_int_equal(rte_ring_enqueue(r, (void *)0x1234), 0);
	expect_create_fails("dup", 8, 128, 0, EEXIST);
	/* The first ring is untouched. */
	dup = rte_ring_lookup("dup");
	assert_ptr_equal(dup, r);
	assert_int_equal(rte_ring_count(r), 1);
	assert_int_equal(rte_ring_get_size(r), 64);
	rte_ring_free(r);

	assert_int_equal(rte_ring_get_memsize(1000), -EINVAL);
	assert_int_equal(rte_ring_get_memsize(0), -EINVAL);
	assert_int_equal(rte_ring_get_memsize_elem(6, 1024), -EINVAL);
	assert_int_equal(rte_ring_get_memsize_elem(0, 1024), -EINVAL);
	rte_errno = 0;
	assert_null(rte_ring_lookup(NULL));
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_null(rte_ring_lookup("no such ring"));
	assert_int_equal(rte_errno, ENOENT);
}

static void test_memsize(void **state)
{
	(void)state;
	assert_int_equal(rte_ring_get_memsize(1024),
			 RTE_ALIGN_CEIL(sizeof(struct rte_ring) + 1024 * sizeof(void *),
					(size_t)RTE_CACHE_LINE_SIZE));
	assert_int_equal(rte_ring_get_memsize_elem(20, 64),
			 RTE_ALIGN_CEIL(sizeof(struct rte_ring) + 64 * 20, (size_t)RTE_CACHE_LINE_SIZE));
	assert_int_equal(rte_ring_get_memsize_elem(4, 1), RTE_ALIGN_CEIL(sizeof(struct rte_ring) + 4,
									 (size_t)RTE_CACHE_LINE_SIZE));
	assert_int_equal(sizeof(struct rte_ring) % RTE_CACHE_LINE_SIZE, 0);
}

/* rte_ring_init on memory the caller owns. */
static void test_init_user_memory(void **state)
{
	ssize_t size = rte_ring_get_memsize(16);
	struct rte_ring *r;
	void *obj;

	(void)state;
	assert_true(size > 0);
	r = aligned_alloc(RTE_CACHE_LINE_SIZE, (size_t)size);
	assert_non_null(r);
	assert_int_equal(rte_ring_init(r, "user", 16, 0), 0);
	assert_null(r->memzone);
	assert_int_equal(rte_ring_get_capacity(r), 15);
	assert_int_equal(rte_ring_enqueue(r, (void *)0x10), 0);
	assert_int_equal(rte_ring_dequeue(r, &obj), 0);
	assert_ptr_equal(obj, (void *)0x10);
	assert_int_equal(rte_ring_init(r, "user", 15, 0), -EINVAL);
	assert_int_equal(rte_ring_init(r, "user", 16, RING_F_MC_HTS_DEQ | RING_F_MC_RTS_DEQ),
			 -EINVAL);
	assert_int_equal(rte_ring_init(r, "a_name_that_is_much_too_long_for_a_ring", 16, 0),
			 -ENAMETOOLONG);
	assert_int_equal(rte_ring_init(r, "user", 15, RING_F_EXACT_SZ), 0);
	assert_int_equal(rte_ring_get_size(r), 16);
	assert_int_equal(rte_ring_get_capacity(r), 15);
	rte_ring_free(r); /* not from rte_ring_create: refused, memory untouched */
	assert_string_equal(r->name, "user");
	free(r);
}

/*
 * One enqueue/dequeue flavour, so every variant runs the same checks.
 * SYNC_MODE is the explicit call of the ring side's RTS or HTS mode.
 */
enum sync { SYNC_DEFAULT, SYNC_SINGLE, SYNC_MULTI, SYNC_MODE };

static bool prod_rts(const struct rte_ring *r)
{
	return rte_ring_get_prod_sync_type(r) == RTE_RING_SYNC_MT_RTS;
}

static bool cons_rts(const struct rte_ring *r)
{
	return rte_ring_get_cons_sync_type(r) == RTE_RING_SYNC_MT_RTS;
}

static unsigned int enq_bulk(struct rte_ring *r, void **objs, unsigned int n, enum sync s,
			     unsigned int *free_space)
{
	switch (s) {
	case SYNC_SINGLE:
		return rte_ring_sp_enqueue_bulk(r, objs, n, free_space);
	case SYNC_MULTI:
		return rte_ring_mp_enqueue_bulk(r, objs, n, free_space);
	case SYNC_MODE:
		return prod_rts(r) ? rte_ring_mp_rts_enqueue_bulk(r, objs, n, free_space)
				   : rte_ring_mp_hts_enqueue_bulk(r, objs, n, free_space);
	default:
		return rte_ring_enqueue_bulk(r, objs, n, free_space);
	}
}

static unsigned int enq_burst(struct rte_ring *r, void **objs, unsigned int n, enum sync s,
			      unsigned int *free_space)
{
	switch (s) {
	case SYNC_SINGLE:
		return rte_ring_sp_enqueue_burst(r, objs, n, free_space);
	case SYNC_MULTI:
		return rte_ring_mp_enqueue_burst(r, objs, n, free_space);
	case SYNC_MODE:
		return prod_rts(r) ? rte_ring_mp_rts_enqueue_burst(r, objs, n, free_space)
				   : rte_ring_mp_hts_enqueue_burst(r, objs, n, free_space);
	default:
		return rte_ring_enqueue_burst(r, objs, n, free_space);
	}
}

static int enq_one(struct rte_ring *r, void *obj, enum sync s)
{
	switch (s) {
	case SYNC_SINGLE:
		return rte_ring_sp_enqueue(r, obj);
	case SYNC_MULTI:
		return rte_ring_mp_enqueue(r, obj);
	case SYNC_MODE: /* RTS and HTS have no single-element call: a bulk of one */
		return enq_bulk(r, &obj, 1, s, NULL) ? 0 : -ENOBUFS;
	default:
		return rte_ring_enqueue(r, obj);
	}
}

static unsigned int deq_bulk(struct rte_ring *r, void **objs, unsigned int n, enum sync s,
			     unsigned int *avail)
{
	switch (s) {
	case SYNC_SINGLE:
		return rte_ring_sc_dequeue_bulk(r, objs, n, avail);
	case SYNC_MULTI:
		return rte_ring_mc_dequeue_bulk(r, objs, n, avail);
	case SYNC_MODE:
		return cons_rts(r) ? rte_ring_mc_rts_dequeue_bulk(r, objs, n, avail)
				   : rte_ring_mc_hts_dequeue_bulk(r, objs, n, avail);
	default:
		return rte_ring_dequeue_bulk(r, objs, n, avail);
	}
}

static unsigned int deq_burst(struct rte_ring *r, void **objs, unsigned int n, enum sync s,
			      unsigned int *avail)
{
	switch (s) {
	case SYNC_SINGLE:
		return rte_ring_sc_dequeue_burst(r, objs, n, avail);
	case SYNC_MULTI:
		return rte_ring_mc_dequeue_burst(r, objs, n, avail);
	case SYNC_MODE:
		return cons_rts(r) ? rte_ring_mc_rts_dequeue_burst(r, objs, n, avail)
				   : rte_ring_mc_hts_dequeue_burst(r, objs, n, avail);
	default:
		return rte_ring_dequeue_burst(r, objs, n, avail);
	}
}

static int deq_one(struct rte_ring *r, void **obj, enum sync s)
{
	switch (s) {
	case SYNC_SINGLE:
		return rte_ring_sc_dequeue(r, obj);
	case SYNC_MULTI:
		return rte_ring_mc_dequeue(r, obj);
	case SYNC_MODE:
		return deq_bulk(r, obj, 1, s, NULL) ? 0 : -ENOENT;
	default:
		return rte_ring_dequeue(r, obj);
	}
}

static void *val(uintptr_t v)
{
	return (void *)v;
}

/*
 * Set every index of an empty ring to v, in the layout of each side's sync
 * type; RTS operation counts start just below 2^32 so that they wrap too.
 */
static void set_indexes(struct rte_ring *r, uint32_t v)
{
	r->prod.head = r->prod.tail = r->cons.head = r->cons.tail = v;
	if (prod_rts(r)) {
		r->rts_prod.head.val.pos = r->rts_prod.tail.val.pos = v;
		r->rts_prod.head.val.cnt = r->rts_prod.tail.val.cnt = UINT32_MAX - 3;
	}
	if (cons_rts(r)) {
		r->rts_cons.head.val.pos = r->rts_cons.tail.val.pos = v;
		r->rts_cons.head.val.cnt = r->rts_cons.tail.val.cnt = UINT32_MAX - 3;
	}
}

/* Outputs are poisoned before every dequeue: what a call leaves there is its own. */
#define POISON_PTR val(0x5a5a5a5a)

static void poison_ptrs(void **objs, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		objs[i] = POISON_PTR;
}

static void assert_poisoned_ptrs(void *const *objs, unsigned int from, unsigned int to)
{
	for (unsigned int i = from; i < to; i++)
		assert_ptr_equal(objs[i], POISON_PTR);
}

static void check_variants(struct rte_ring *r, enum sync es, enum sync ds)
{
	void *in[32], *out[32], *obj;
	unsigned int fs, av, i;

	for (i = 0; i < 32; i++)
		in[i] = val(1000 + i);
	assert_int_equal(rte_ring_get_capacity(r), 15);

	/* bulk: all or nothing */
	fs = 99;
	assert_int_equal(enq_bulk(r, in, 10, es, &fs), 10);
	assert_int_equal(fs, 5);
	fs = 99;
	assert_int_equal(enq_bulk(r, in + 10, 10, es, &fs), 0);
	assert_int_equal(fs, 5);
	assert_int_equal(rte_ring_count(r), 10);
	/* burst: as many as fit */
	fs = 99;
	assert_int_equal(enq_burst(r, in + 10, 10, es, &fs), 5);
	assert_int_equal(fs, 0);
	assert_true(rte_ring_full(r));
	assert_int_equal(enq_one(r, in[20], es), -ENOBUFS);
	assert_int_equal(enq_burst(r, in, 1, es, &fs), 0);

	poison_ptrs(out, 32);
	av = 99;
	assert_int_equal(deq_bulk(r, out, 16, ds, &av), 0);
	assert_int_equal(av, 15);
	assert_poisoned_ptrs(out, 0, 32); /* a failed bulk writes nothing */
	av = 99;
	assert_int_equal(deq_bulk(r, out, 4, ds, &av), 4);
	assert_int_equal(av, 11);
	for (i = 0; i < 4; i++)
		assert_ptr_equal(out[i], in[i]);
	assert_poisoned_ptrs(out, 4, 32);
	obj = POISON_PTR;
	assert_int_equal(deq_one(r, &obj, ds), 0);
	assert_ptr_equal(obj, in[4]);
	poison_ptrs(out, 32);
	av = 99;
	assert_int_equal(deq_burst(r, out, 20, ds, &av), 10);
	assert_int_equal(av, 0);
	for (i = 0; i < 10; i++)
		assert_ptr_equal(out[i], in[i + 5]);
	assert_poisoned_ptrs(out, 10, 32);
	assert_true(rte_ring_empty(r));
	obj = POISON_PTR;
	assert_int_equal(deq_one(r, &obj, ds), -ENOENT);
	assert_ptr_equal(obj, POISON_PTR);
	poison_ptrs(out, 32);
	av = 99;
	assert_int_equal(deq_burst(r, out, 5, ds, &av), 0);
	assert_int_equal(av, 0);
	assert_int_equal(deq_bulk(r, out, 1, ds, NULL), 0);
	assert_poisoned_ptrs(out, 0, 32);

	/* single enqueue and NULL out-parameters */
	assert_int_equal(enq_one(r, in[7], es), 0);
	assert_int_equal(enq_bulk(r, in, 3, es, NULL), 3);
	assert_int_equal(deq_burst(r, out, 4, ds, NULL), 4);
	assert_ptr_equal(out[0], in[7]);
	assert_ptr_equal(out[1], in[0]);
	assert_ptr_equal(out[2], in[1]);
	assert_ptr_equal(out[3], in[2]);
	assert_poisoned_ptrs(out, 4, 32);
	/* zero-length requests move nothing */
	fs = 99;
	assert_int_equal(enq_bulk(r, in, 0, es, &fs), 0);
	assert_int_equal(fs, 15);
	av = 99;
	assert_int_equal(deq_burst(r, out, 0, ds, &av), 0);
	assert_int_equal(av, 0);
	assert_poisoned_ptrs(out, 4, 32);
}

/* The calls a side of this sync type allows: MT and ST ones share a layout. */
static bool sync_allowed(enum rte_ring_sync_type t, enum sync s)
{
	if (t == RTE_RING_SYNC_MT || t == RTE_RING_SYNC_ST)
		return s != SYNC_MODE;
	return s == SYNC_DEFAULT || s == SYNC_MODE;
}

/* Every sync mode on each side, alone and mixed with the others. */
static const unsigned int mode_flag_sets[] = {
	0, RING_F_SP_ENQ, RING_F_SC_DEQ, RING_F_SP_ENQ | RING_F_SC_DEQ,
	RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ,
	RING_F_MP_RTS_ENQ | RING_F_MC_HTS_DEQ, RING_F_MP_HTS_ENQ | RING_F_MC_RTS_DEQ,
	RING_F_MP_RTS_ENQ | RING_F_SC_DEQ, RING_F_SP_ENQ | RING_F_MC_HTS_DEQ,
	RING_F_MP_HTS_ENQ, RING_F_MC_RTS_DEQ,
};

static void test_all_variants(void **state)
{
	(void)state;
	for (unsigned int f = 0; f < RTE_DIM(mode_flag_sets); f++) {
		struct rte_ring *r = rte_ring_create("variants", 16, SOCKET_ID_ANY,
						     mode_flag_sets[f]);

		assert_non_null(r);
		for (int es = SYNC_DEFAULT; es <= SYNC_MODE; es++)
			for (int ds = SYNC_DEFAULT; ds <= SYNC_MODE; ds++)
				if (sync_allowed(rte_ring_get_prod_sync_type(r), es) &&
				    sync_allowed(rte_ring_get_cons_sync_type(r), ds))
					check_variants(r, es, ds);
		rte_ring_free(r);
	}
}

/* Indexes are free-running uint32_t: start them just below 2^32. */
static void check_wraparound(unsigned int flags)
{
	struct rte_ring *r = rte_ring_create("wrap", 8, SOCKET_ID_ANY, flags);
	void *in[7], *out[7];
	uintptr_t next_in = 1, next_out = 1;

	assert_non_null(r);
	set_indexes(r, UINT32_MAX - 20);
	assert_int_equal(rte_ring_count(r), 0);
	for (unsigned int round = 0; round < 500; round++) {
		unsigned int n = 1 + round % 7, got, i;

		for (i = 0; i < n; i++)
			in[i] = val(next_in++);
		assert_int_equal(rte_ring_enqueue_bulk(r, in, n, NULL), n);
		assert_int_equal(rte_ring_count(r), n);
		assert_int_equal(rte_ring_free_count(r), 7 - n);
		got = rte_ring_dequeue_burst(r, out, 7, NULL);
		assert_int_equal(got, n);
		for (i = 0; i < got; i++)
			assert_ptr_equal(out[i], val(next_out++));
	}
	/* The indexes went past 2^32 and on. */
	assert_true(r->prod.tail < UINT32_MAX - 20);
	assert_true(rte_ring_empty(r));
	rte_ring_reset(r);
	assert_int_equal(r->prod.head, 0);
	assert_int_equal(r->prod.tail, 0);
	assert_int_equal(r->cons.tail, 0);
	if (prod_rts(r))
		assert_int_equal(r->rts_prod.head.raw, 0);
	if (cons_rts(r))
		assert_int_equal(r->rts_cons.head.raw, 0);
	/* and the ring works from 0 again */
	assert_int_equal(rte_ring_enqueue_bulk(r, in, 7, NULL), 7);
	assert_int_equal(rte_ring_dequeue_bulk(r, out, 7, NULL), 7);
	assert_memory_equal(out, in, sizeof(in));
	rte_ring_free(r);
}

static void test_wraparound(void **state)
{
	(void)state;
	for (unsigned int f = 0; f < RTE_DIM(mode_flag_sets); f++)
		check_wraparound(mode_flag_sets[f]);
}

static void test_exact_size(void **state)
{
	void *objs[1001], *out[1001];
	struct rte_ring *r;
	unsigned int fs;

	(void)state;
	for (unsigned int i = 0; i < RTE_DIM(objs); i++)
		objs[i] = val(i + 1);
	r = rte_ring_create("exact", 1000, SOCKET_ID_ANY, RING_F_EXACT_SZ);
	assert_non_null(r);
	assert_int_equal(rte_ring_get_size(r), 1024);
	assert_int_equal(rte_ring_get_capacity(r), 1000);
	assert_int_equal(rte_ring_enqueue_bulk(r, objs, 1001, &fs), 0);
	assert_int_equal(fs, 1000);
	assert_int_equal(rte_ring_enqueue_bulk(r, objs, 1000, &fs), 1000);
	assert_int_equal(fs, 0);
	assert_true(rte_ring_full(r));
	assert_int_equal(rte_ring_count(r), 1000);
	assert_int_equal(rte_ring_enqueue(r, objs[0]), -ENOBUFS);
	poison_ptrs(out, RTE_DIM(out));
	assert_int_equal(rte_ring_dequeue_bulk(r, out, 1000, NULL), 1000);
	for (unsigned int i = 0; i < 1000; i++)
		assert_ptr_equal(out[i], val(i + 1));
	assert_poisoned_ptrs(out, 1000, RTE_DIM(out));
	rte_ring_free(r);

	/* A power of two asked with EXACT_SZ gets the next power as size. */
	r = rte_ring_create("exact2", 1024, SOCKET_ID_ANY, RING_F_EXACT_SZ);
	assert_non_null(r);
	assert_int_equal(rte_ring_get_size(r), 2048);
	assert_int_equal(rte_ring_get_capacity(r), 1024);
	rte_ring_free(r);
}

/* Element of esize bytes whose every 32-bit word encodes (sequence, word). */
static void fill_elem(uint32_t *e, unsigned int esize, uint32_t seq)
{
	for (unsigned int w = 0; w < esize / 4; w++)
		e[w] = seq * 16 + w;
}

static void test_elem_sizes(void **state)
{
	static const unsigned int sizes[] = { 4, 8, 16, 20 };
	uint32_t in[32 * 5], out[32 * 5];

	(void)state;
	for (unsigned int s = 0; s < RTE_DIM(sizes); s++) {
		const unsigned int esize = sizes[s], words = esize / 4;
		struct rte_ring *r = rte_ring_create_elem("elems", esize, 32, SOCKET_ID_ANY, 0);
		uint32_t seq_in = 0, seq_out = 0;

		assert_non_null(r);
		assert_int_equal(rte_ring_get_capacity(r), 31);
		/* Odd batch sizes make the copies straddle the end of the array. */
		for (unsigned int round = 0; round < 200; round++) {
			unsigned int n = 1 + (round * 7) % 31, got, i;
			const int mode = round % 3;

			for (i = 0; i < n; i++)
				fill_elem(&in[i * words], esize, seq_in++);
			if (mode == 0)
				got = rte_ring_mp_enqueue_bulk_elem(r, in, esize, n, NULL);
			else if (mode == 1)
				got = rte_ring_sp_enqueue_burst_elem(r, in, esize, n, NULL);
			else
				got = rte_ring_enqueue_bulk_elem(r, in, esize, n, NULL);
			assert_int_equal(got, n);
			if (mode == 0)
				got = rte_ring_mc_dequeue_bulk_elem(r, out, esize, n, NULL);
			else if (mode == 1)
				got = rte_ring_sc_dequeue_burst_elem(r, out, esize, 31, NULL);
			else
				got = rte_ring_dequeue_burst_elem(r, out, esize, 31, NULL);
			assert_int_equal(got, n);
			for (i = 0; i < n; i++) {
				uint32_t expect[5];

				fill_elem(expect, esize, seq_out++);
				assert_memory_equal(&out[i * words], expect, esize);
			}
		}
		/* Single-element calls. */
		fill_elem(in, esize, 77);
		assert_int_equal(rte_ring_mp_enqueue_elem(r, in, esize), 0);
		fill_elem(in, esize, 78);
		assert_int_equal(rte_ring_sp_enqueue_elem(r, in, esize), 0);
		fill_elem(in, esize, 79);
		assert_int_equal(rte_ring_enqueue_elem(r, in, esize), 0);
		for (uint32_t k = 77; k <= 79; k++) {
			uint32_t expect[5];
			int ret;

			out[words] = 0xdeadbeef; /* a single dequeue writes one element only */
			ret = k == 77 ? rte_ring_mc_dequeue_elem(r, out, esize)
			    : k == 78 ? rte_ring_sc_dequeue_elem(r, out, esize)
				      : rte_ring_dequeue_elem(r, out, esize);

			assert_int_equal(ret, 0);
			fill_elem(expect, esize, k);
			assert_memory_equal(out, expect, esize);
			assert_int_equal(out[words], 0xdeadbeef);
		}
		assert_int_equal(rte_ring_dequeue_elem(r, out, esize), -ENOENT);
		rte_ring_free(r);
	}
}

/* ---- every element size through every _elem call, wrapping at every slot ---- */

#define MAX_ESIZE 64
#define SMALL_RING 8
#define POISON_BYTE 0xa5

typedef unsigned int (*enq_fn)(struct rte_ring *r, const void *objs, unsigned int esize,
			       unsigned int n, unsigned int *free_space);
typedef unsigned int (*deq_fn)(struct rte_ring *r, void *objs, unsigned int esize,
			       unsigned int n, unsigned int *available);

/*
 * The single-element calls as a loop over n that stops at the first
 * refusal, which must be -ENOBUFS (full) or -ENOENT (empty): so they
 * behave as a burst without the out-parameter.
 */
static unsigned int enq_singles(struct rte_ring *r, const void *objs, unsigned int esize,
				unsigned int n, int (*one)(struct rte_ring *, void *, unsigned int))
{
	for (unsigned int i = 0; i < n; i++) {
		int ret = one(r, (char *)(uintptr_t)objs + (size_t)i * esize, esize);

		if (ret != 0) {
			assert_int_equal(ret, -ENOBUFS);
			return i;
		}
	}
	return n;
}

static unsigned int deq_singles(struct rte_ring *r, void *objs, unsigned int esize,
				unsigned int n, int (*one)(struct rte_ring *, void *, unsigned int))
{
	for (unsigned int i = 0; i < n; i++) {
		int ret = one(r, (char *)objs + (size_t)i * esize, esize);

		if (ret != 0) {
			assert_int_equal(ret, -ENOENT);
			return i;
		}
	}
	return n;
}

static unsigned int sp_enq_singles(struct rte_ring *r, const void *objs, unsigned int esize,
				   unsigned int n, unsigned int *free_space)
{
	(void)free_space;
	return enq_singles(r, objs, esize, n, rte_ring_sp_enqueue_elem);
}

static unsigned int mp_enq_singles(struct rte_ring *r, const void *objs, unsigned int esize,
				   unsigned int n, unsigned int *free_space)
{
	(void)free_space;
	return enq_singles(r, objs, esize, n, rte_ring_mp_enqueue_elem);
}

static unsigned int enq_singles_default(struct rte_ring *r, const void *objs, unsigned int esize,
					unsigned int n, unsigned int *free_space)
{
	(void)free_space;
	return enq_singles(r, objs, esize, n, rte_ring_enqueue_elem);
}

static unsigned int sc_deq_singles(struct rte_ring *r, void *objs, unsigned int esize,
				   unsigned int n, unsigned int *available)
{
	(void)available;
	return deq_singles(r, objs, esize, n, rte_ring_sc_dequeue_elem);
}

static unsigned int mc_deq_singles(struct rte_ring *r, void *objs, unsigned int esize,
				   unsigned int n, unsigned int *available)
{
	(void)available;
	return deq_singles(r, objs, esize, n, rte_ring_mc_dequeue_elem);
}

static unsigned int deq_singles_default(struct rte_ring *r, void *objs, unsigned int esize,
					unsigned int n, unsigned int *available)
{
	(void)available;
	return deq_singles(r, objs, esize, n, rte_ring_dequeue_elem);
}

struct enq_api {
	const char *name;
	enq_fn fn;
	bool all_or_none; /* bulk: n elements or none */
	bool reports;     /* fills free_space */
};

struct deq_api {
	const char *name;
	deq_fn fn;
	bool all_or_none;
	bool reports;     /* fills available */
};

static const struct enq_api enq_apis[] = {
	{ "enqueue_bulk", rte_ring_enqueue_bulk_elem, true, true },
	{ "sp_enqueue_bulk", rte_ring_sp_enqueue_bulk_elem, true, true },
	{ "mp_enqueue_bulk", rte_ring_mp_enqueue_bulk_elem, true, true },
	{ "enqueue_burst", rte_ring_enqueue_burst_elem, false, true },
	{ "sp_enqueue_burst", rte_ring_sp_enqueue_burst_elem, false, true },
	{ "mp_enqueue_burst", rte_ring_mp_enqueue_burst_elem, false, true },
	{ "enqueue", enq_singles_default, false, false },
	{ "sp_enqueue", sp_enq_singles, false, false },
	{ "mp_enqueue", mp_enq_singles, false, false },
};

static const struct deq_api deq_apis[] = {
	{ "dequeue_bulk", rte_ring_dequeue_bulk_elem, true, true },
	{ "sc_dequeue_bulk", rte_ring_sc_dequeue_bulk_elem, true, true },
	{ "mc_dequeue_bulk", rte_ring_mc_dequeue_bulk_elem, true, true },
	{ "dequeue_burst", rte_ring_dequeue_burst_elem, false, true },
	{ "sc_dequeue_burst", rte_ring_sc_dequeue_burst_elem, false, true },
	{ "mc_dequeue_burst", rte_ring_mc_dequeue_burst_elem, false, true },
	{ "dequeue", deq_singles_default, false, false },
	{ "sc_dequeue", sc_deq_singles, false, false },
	{ "mc_dequeue", mc_deq_singles, false, false },
};

/* One round: what it runs, to name it when a check fails. */
struct wrap_case {
	struct rte_ring *r;
	unsigned int esize, capacity, slot, n;
	const struct enq_api *enq;
	const struct deq_api *deq;
	uint32_t next_in, next_out; /* sequence numbers of the FIFO */
};

#define expect_case(c, cond) \
	do { \
		if (!(cond)) \
			fail_msg("%s: esize %u, capacity %u, %s then %s, from slot %u, n %u", \
				 #cond, (c)->esize, (c)->capacity, (c)->enq->name, (c)->deq->name, \
				 (c)->slot, (c)->n); \
	} while (0)

static unsigned int case_enqueue(struct wrap_case *c, unsigned int n, unsigned int *free_space)
{
	uint32_t in[(SMALL_RING + 1) * MAX_ESIZE / 4];

	for (unsigned int i = 0; i < n; i++)
		fill_elem(&in[i * c->esize / 4], c->esize, c->next_in + i);
	*free_space = 0xdeadbeef;
	return c->enq->fn(c->r, in, c->esize, n, free_space);
}

/*
 * Dequeue up to n into a poisoned array: the first got elements must be the
 * next in FIFO order, everything after them still poison.
 */
static unsigned int case_dequeue(struct wrap_case *c, unsigned int n, unsigned int *available)
{
	uint8_t out[(SMALL_RING + 1) * MAX_ESIZE];
	uint32_t expect[MAX_ESIZE / 4];
	unsigned int got;

	memset(out, POISON_BYTE, sizeof(out));
	*available = 0xdeadbeef;
	got = c->deq->fn(c->r, out, c->esize, n, available);
	expect_case(c, got <= n);
	for (unsigned int i = 0; i < got; i++) {
		fill_elem(expect, c->esize, c->next_out++);
		expect_case(c, memcmp(out + (size_t)i * c->esize, expect, c->esize) == 0);
	}
	for (size_t b = (size_t)got * c->esize; b < sizeof(out); b++)
		expect_case(c, out[b] == POISON_BYTE);
	return got;
}

/*
 * From an empty ring whose indexes stand at c->slot: enqueue n, then try
 * to enqueue one more than fits (a bulk refuses, the others fill the
 * ring), then dequeue in two calls, the second asking for one more than is
 * left. Every copy in and out straddles the end of the array somewhere.
 */
static void run_wrap_case(struct wrap_case *c)
{
	const unsigned int cap = c->capacity;
	unsigned int got, fs, av, total, first, rest;

	set_indexes(c->r, c->slot);

	got = case_enqueue(c, c->n, &fs);
	expect_case(c, got == c->n);
	expect_case(c, !c->enq->reports || fs == cap - c->n);
	c->next_in += got;

	got = case_enqueue(c, cap - c->n + 1, &fs);
	expect_case(c, got == (c->enq->all_or_none ? 0 : cap - c->n));
	expect_case(c, !c->enq->reports || fs == cap - c->n - got);
	c->next_in += got;
	total = c->n + got;
	expect_case(c, rte_ring_count(c->r) == total);

	first = (total + 1) / 2;
	rest = total - first;
	got = case_dequeue(c, first, &av);
	expect_case(c, got == first);
	expect_case(c, !c->deq->reports || av == rest);

	got = case_dequeue(c, rest + 1, &av);
	expect_case(c, got == (c->deq->all_or_none ? 0 : rest));
	expect_case(c, !c->deq->reports || av == rest - got);
	if (got < rest) {
		got = case_dequeue(c, rest, &av);
		expect_case(c, got == rest);
		expect_case(c, !c->deq->reports || av == 0);
	}
	expect_case(c, rte_ring_empty(c->r));
	expect_case(c, c->next_out == c->next_in);
}

/*
 * The two-step calls as one enqueue or dequeue, for the wrap cases: peek
 * (the start copies out / the finish copies in) and zero-copy (the caller
 * copies at ptr1, then ptr2 past the end of the ring).
 */
static unsigned int peek_enq(struct rte_ring *r, const void *objs, unsigned int esize,
			     unsigned int n, unsigned int *free_space, bool bulk)
{
	n = bulk ? rte_ring_enqueue_bulk_elem_start(r, n, free_space)
		 : rte_ring_enqueue_burst_elem_start(r, n, free_space);
	rte_ring_enqueue_elem_finish(r, objs, esize, n);
	return n;
}

static unsigned int peek_enq_bulk(struct rte_ring *r, const void *objs, unsigned int esize,
				  unsigned int n, unsigned int *free_space)
{
	return peek_enq(r, objs, esize, n, free_space, true);
}

static unsigned int peek_enq_burst(struct rte_ring *r, const void *objs, unsigned int esize,
				   unsigned int n, unsigned int *free_space)
{
	return peek_enq(r, objs, esize, n, free_space, false);
}

static unsigned int peek_deq(struct rte_ring *r, void *objs, unsigned int esize, unsigned int n,
			     unsigned int *available, bool bulk)
{
	n = bulk ? rte_ring_dequeue_bulk_elem_start(r, objs, esize, n, available)
		 : rte_ring_dequeue_burst_elem_start(r, objs, esize, n, available);
	rte_ring_dequeue_elem_finish(r, n);
	return n;
}

static unsigned int peek_deq_bulk(struct rte_ring *r, void *objs, unsigned int esize,
				  unsigned int n, unsigned int *available)
{
	return peek_deq(r, objs, esize, n, available, true);
}

static unsigned int peek_deq_burst(struct rte_ring *r, void *objs, unsigned int esize,
				   unsigned int n, unsigned int *available)
{
	return peek_deq(r, objs, esize, n, available, false);
}

/* The two segments of a zero-copy reservation of n, checked against the ring's layout. */
static void check_zcd(const struct rte_ring *r, const struct rte_ring_zc_data *zcd,
		      unsigned int esize, unsigned int n)
{
	assert_true(zcd->n1 <= n);
	if (zcd->n1 < n)
		assert_ptr_equal(zcd->ptr2, &r[1]);
	else
		assert_null(zcd->ptr2);
	if (n != 0) /* the first segment ends at the end of the ring at the latest */
		assert_true((const char *)zcd->ptr1 + (size_t)zcd->n1 * esize <=
			    (const char *)&r[1] + (size_t)r->size * esize);
}

static unsigned int zc_enq(struct rte_ring *r, const void *objs, unsigned int esize,
			   unsigned int n, unsigned int *free_space, bool bulk)
{
	struct rte_ring_zc_data zcd;

	memset(&zcd, 0xee, sizeof(zcd));
	n = bulk ? rte_ring_enqueue_zc_bulk_elem_start(r, esize, n, &zcd, free_space)
		 : rte_ring_enqueue_zc_burst_elem_start(r, esize, n, &zcd, free_space);
	check_zcd(r, &zcd, esize, n);
	memcpy(zcd.ptr1, objs, (size_t)zcd.n1 * esize);
	if (n > zcd.n1)
		memcpy(zcd.ptr2, (const char *)objs + (size_t)zcd.n1 * esize,
		       (size_t)(n - zcd.n1) * esize);
	rte_ring_enqueue_zc_elem_finish(r, n);
	return n;
}

static unsigned int zc_enq_bulk(struct rte_ring *r, const void *objs, unsigned int esize,
				unsigned int n, unsigned int *free_space)
{
	return zc_enq(r, objs, esize, n, free_space, true);
}

static unsigned int zc_enq_burst(struct rte_ring *r, const void *objs, unsigned int esize,
				 unsigned int n, unsigned int *free_space)
{
	return zc_enq(r, objs, esize, n, free_space, false);
}

static unsigned int zc_deq(struct rte_ring *r, void *objs, unsigned int esize, unsigned int n,
			   unsigned int *available, bool bulk)
{
	struct rte_ring_zc_data zcd;

	memset(&zcd, 0xee, sizeof(zcd));
	n = bulk ? rte_ring_dequeue_zc_bulk_elem_start(r, esize, n, &zcd, available)
		 : rte_ring_dequeue_zc_burst_elem_start(r, esize, n, &zcd, available);
	check_zcd(r, &zcd, esize, n);
	memcpy(objs, zcd.ptr1, (size_t)zcd.n1 * esize);
	if (n > zcd.n1)
		memcpy((char *)objs + (size_t)zcd.n1 * esize, zcd.ptr2,
		       (size_t)(n - zcd.n1) * esize);
	rte_ring_dequeue_zc_elem_finish(r, n);
	return n;
}

static unsigned int zc_deq_bulk(struct rte_ring *r, void *objs, unsigned int esize,
				unsigned int n, unsigned int *available)
{
	return zc_deq(r, objs, esize, n, available, true);
}

static unsigned int zc_deq_burst(struct rte_ring *r, void *objs, unsigned int esize,
				 unsigned int n, unsigned int *available)
{
	return zc_deq(r, objs, esize, n, available, false);
}

/* What an RTS, HTS or ST side allows besides the default calls. */
static const struct enq_api rts_enq_apis[] = {
	{ "enqueue_bulk", rte_ring_enqueue_bulk_elem, true, true },
	{ "enqueue_burst", rte_ring_enqueue_burst_elem, false, true },
	{ "enqueue", enq_singles_default, false, false },
	{ "mp_rts_enqueue_bulk", rte_ring_mp_rts_enqueue_bulk_elem, true, true },
	{ "mp_rts_enqueue_burst", rte_ring_mp_rts_enqueue_burst_elem, false, true },
};

static const struct deq_api rts_deq_apis[] = {
	{ "dequeue_bulk", rte_ring_dequeue_bulk_elem, true, true },
	{ "dequeue_burst", rte_ring_dequeue_burst_elem, false, true },
	{ "dequeue", deq_singles_default, false, false },
	{ "mc_rts_dequeue_bulk", rte_ring_mc_rts_dequeue_bulk_elem, true, true },
	{ "mc_rts_dequeue_burst", rte_ring_mc_rts_dequeue_burst_elem, false, true },
};

static const struct enq_api hts_enq_apis[] = {
	{ "enqueue_bulk", rte_ring_enqueue_bulk_elem, true, true },
	{ "enqueue_burst", rte_ring_enqueue_burst_elem, false, true },
	{ "mp_hts_enqueue_bulk", rte_ring_mp_hts_enqueue_bulk_elem, true, true },
	{ "mp_hts_enqueue_burst", rte_ring_mp_hts_enqueue_burst_elem, false, true },
	{ "enqueue_bulk_start/finish", peek_enq_bulk, true, true },
	{ "enqueue_burst_start/finish", peek_enq_burst, false, true },
	{ "enqueue_zc_bulk_start/finish", zc_enq_bulk, true, true },
	{ "enqueue_zc_burst_start/finish", zc_enq_burst, false, true },
};

static const struct deq_api hts_deq_apis[] = {
	{ "dequeue_bulk", rte_ring_dequeue_bulk_elem, true, true },
	{ "dequeue_burst", rte_ring_dequeue_burst_elem, false, true },
	{ "mc_hts_dequeue_bulk", rte_ring_mc_hts_dequeue_bulk_elem, true, true },
	{ "mc_hts_dequeue_burst", rte_ring_mc_hts_dequeue_burst_elem, false, true },
	{ "dequeue_bulk_start/finish", peek_deq_bulk, true, true },
	{ "dequeue_burst_start/finish", peek_deq_burst, false, true },
	{ "dequeue_zc_bulk_start/finish", zc_deq_bulk, true, true },
	{ "dequeue_zc_burst_start/finish", zc_deq_burst, false, true },
};

static const struct enq_api st_peek_enq_apis[] = {
	{ "sp_enqueue_burst", rte_ring_sp_enqueue_burst_elem, false, true },
	{ "enqueue_bulk_start/finish", peek_enq_bulk, true, true },
	{ "enqueue_burst_start/finish", peek_enq_burst, false, true },
	{ "enqueue_zc_bulk_start/finish", zc_enq_bulk, true, true },
	{ "enqueue_zc_burst_start/finish", zc_enq_burst, false, true },
};

static const struct deq_api st_peek_deq_apis[] = {
	{ "sc_dequeue_burst", rte_ring_sc_dequeue_burst_elem, false, true },
	{ "dequeue_bulk_start/finish", peek_deq_bulk, true, true },
	{ "dequeue_burst_start/finish", peek_deq_burst, false, true },
	{ "dequeue_zc_bulk_start/finish", zc_deq_bulk, true, true },
	{ "dequeue_zc_burst_start/finish", zc_deq_burst, false, true },
};

/* A ring kind for the wrap cases: its flags, and the calls its sides allow. */
struct wrap_kind {
	unsigned int count, flags;
	const struct enq_api *enq;
	unsigned int nb_enq;
	const struct deq_api *deq;
	unsigned int nb_deq;
};

#define WRAP_KIND(count, flags, e, d) { count, flags, e, RTE_DIM(e), d, RTE_DIM(d) }

static void run_wrap_kinds(const struct wrap_kind *kinds, unsigned int nb_kinds)
{
	for (unsigned int esize = 4; esize <= MAX_ESIZE; esize += 4) {
		for (unsigned int k = 0; k < nb_kinds; k++) {
			struct wrap_case c = { .esize = esize };

			c.r = rte_ring_create_elem("every_size", esize, kinds[k].count, SOCKET_ID_ANY,
						   kinds[k].flags);
			assert_non_null(c.r);
			assert_int_equal(rte_ring_get_size(c.r), SMALL_RING);
			c.capacity = rte_ring_get_capacity(c.r);
			for (unsigned int e = 0; e < kinds[k].nb_enq; e++)
				for (unsigned int d = 0; d < kinds[k].nb_deq; d++)
					for (c.slot = 0; c.slot < SMALL_RING; c.slot++)
						for (c.n = 1; c.n <= c.capacity; c.n++) {
							c.enq = &kinds[k].enq[e];
							c.deq = &kinds[k].deq[d];
							run_wrap_case(&c);
						}
			rte_ring_free(c.r);
		}
	}
}

static void test_elem_every_size_and_wrap(void **state)
{
	/* A power-of-two ring (capacity 7) and an EXACT_SZ one (6 of 8 slots). */
	static const struct wrap_kind kinds[] = {
		WRAP_KIND(SMALL_RING, 0, enq_apis, deq_apis),
		WRAP_KIND(SMALL_RING - 2, RING_F_EXACT_SZ, enq_apis, deq_apis),
	};

	(void)state;
	run_wrap_kinds(kinds, RTE_DIM(kinds));
}

/*
 * The same for RTS and HTS sides and for the peek and zero-copy calls on
 * HTS and ST sides: every reservation, copy and publication across the end
 * of the array, and the RTS operation counts across 2^32.
 */
static void test_modes_every_size_and_wrap(void **state)
{
	static const struct wrap_kind kinds[] = {
		WRAP_KIND(SMALL_RING, RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, rts_enq_apis,
			  rts_deq_apis),
		WRAP_KIND(SMALL_RING - 2, RING_F_EXACT_SZ | RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ,
			  hts_enq_apis, hts_deq_apis),
		WRAP_KIND(SMALL_RING, RING_F_SP_ENQ | RING_F_SC_DEQ, st_peek_enq_apis,
			  st_peek_deq_apis),
		WRAP_KIND(SMALL_RING, RING_F_MP_RTS_ENQ | RING_F_MC_HTS_DEQ, rts_enq_apis,
			  hts_deq_apis),
	};

	(void)state;
	run_wrap_kinds(kinds, RTE_DIM(kinds));
}

/* Each flag picks its side's sync type; RTS sides get htd_max = capacity / 8. */
static void test_sync_modes_and_htd_max(void **state)
{
	static const struct {
		unsigned int flags;
		enum rte_ring_sync_type prod, cons;
	} modes[] = {
		{ 0, RTE_RING_SYNC_MT, RTE_RING_SYNC_MT },
		{ RING_F_SP_ENQ | RING_F_SC_DEQ, RTE_RING_SYNC_ST, RTE_RING_SYNC_ST },
		{ RING_F_MP_RTS_ENQ, RTE_RING_SYNC_MT_RTS, RTE_RING_SYNC_MT },
		{ RING_F_MC_RTS_DEQ, RTE_RING_SYNC_MT, RTE_RING_SYNC_MT_RTS },
		{ RING_F_MP_HTS_ENQ, RTE_RING_SYNC_MT_HTS, RTE_RING_SYNC_MT },
		{ RING_F_MC_HTS_DEQ, RTE_RING_SYNC_MT, RTE_RING_SYNC_MT_HTS },
		{ RING_F_MP_RTS_ENQ | RING_F_SC_DEQ, RTE_RING_SYNC_MT_RTS, RTE_RING_SYNC_ST },
		{ RING_F_MP_HTS_ENQ | RING_F_MC_RTS_DEQ | RING_F_EXACT_SZ, RTE_RING_SYNC_MT_HTS,
		  RTE_RING_SYNC_MT_RTS },
	};

	(void)state;
	for (unsigned int m = 0; m < RTE_DIM(modes); m++) {
		struct rte_ring *r = rte_ring_create("modes", 1024, SOCKET_ID_ANY, modes[m].flags);
		const uint32_t def = rte_ring_get_capacity(r) / 8;

		assert_non_null(r);
		assert_int_equal(r->flags, modes[m].flags);
		assert_int_equal(rte_ring_get_prod_sync_type(r), modes[m].prod);
		assert_int_equal(rte_ring_get_cons_sync_type(r), modes[m].cons);
		assert_int_equal(rte_ring_is_prod_single(r), modes[m].prod == RTE_RING_SYNC_ST);
		assert_int_equal(rte_ring_is_cons_single(r), modes[m].cons == RTE_RING_SYNC_ST);
		assert_int_equal(rte_ring_count(r), 0);
		assert_true(rte_ring_empty(r));
		assert_int_equal(rte_ring_free_count(r), rte_ring_get_capacity(r));

		if (modes[m].prod == RTE_RING_SYNC_MT_RTS) {
			assert_int_equal(rte_ring_get_prod_htd_max(r), def);
			assert_int_equal(rte_ring_set_prod_htd_max(r, 3), 0);
			assert_int_equal(rte_ring_get_prod_htd_max(r), 3);
		} else {
			assert_int_equal(rte_ring_get_prod_htd_max(r), UINT32_MAX);
			assert_int_equal(rte_ring_set_prod_htd_max(r, 3), -ENOTSUP);
			assert_int_equal(rte_ring_get_prod_htd_max(r), UINT32_MAX);
		}
		if (modes[m].cons == RTE_RING_SYNC_MT_RTS) {
			assert_int_equal(rte_ring_get_cons_htd_max(r), def);
			assert_int_equal(rte_ring_set_cons_htd_max(r, 0), 0);
			assert_int_equal(rte_ring_get_cons_htd_max(r), 0);
		} else {
			assert_int_equal(rte_ring_get_cons_htd_max(r), UINT32_MAX);
			assert_int_equal(rte_ring_set_cons_htd_max(r, 0), -ENOTSUP);
		}
		/* A tight htd_max only makes a lone thread wait for itself: no effect. */
		for (uintptr_t i = 1; i <= 100; i++) {
			void *obj = NULL;

			assert_int_equal(rte_ring_enqueue(r, val(i)), 0);
			assert_int_equal(rte_ring_enqueue(r, val(i + 1000)), 0);
			assert_int_equal(rte_ring_dequeue(r, &obj), 0);
			assert_ptr_equal(obj, val((i + 1) / 2 + (i % 2 ? 0 : 1000)));
		}
		rte_ring_free(r);
	}
	/* rte_ring_init takes the same flags. */
	{
		ssize_t size = rte_ring_get_memsize(64);
		struct rte_ring *r = aligned_alloc(RTE_CACHE_LINE_SIZE, (size_t)size);

		assert_non_null(r);
		assert_int_equal(rte_ring_init(r, "init_rts", 64, RING_F_MP_RTS_ENQ |
					       RING_F_MC_HTS_DEQ), 0);
		assert_int_equal(rte_ring_get_prod_sync_type(r), RTE_RING_SYNC_MT_RTS);
		assert_int_equal(rte_ring_get_cons_sync_type(r), RTE_RING_SYNC_MT_HTS);
		assert_int_equal(rte_ring_get_prod_htd_max(r), 63 / 8);
		free(r);
	}
}

/*
 * Peek on the sides that allow it (ST and HTS): an enqueue reserves at
 * start and publishes n at finish, giving the rest back; a dequeue copies
 * out at start and removes only what finish says.
 */
static void check_peek(struct rte_ring *r)
{
	void *in[8] = { val(1), val(2), val(3), val(4), val(5), val(6), val(7), val(8) };
	void *out[16];
	unsigned int fs, av;

	/* capacity 15 */
	fs = 99;
	assert_int_equal(rte_ring_enqueue_bulk_start(r, 4, &fs), 4);
	assert_int_equal(fs, 11);
	assert_int_equal(rte_ring_count(r), 0); /* reserved, not published */
	rte_ring_enqueue_finish(r, in, 3);      /* publish 3 of the 4 */
	assert_int_equal(rte_ring_count(r), 3);
	assert_int_equal(rte_ring_free_count(r), 12);
	fs = 99;
	assert_int_equal(rte_ring_enqueue_bulk_start(r, 13, &fs), 0);
	assert_int_equal(fs, 12);
	rte_ring_enqueue_finish(r, in, 0);
	fs = 99;
	assert_int_equal(rte_ring_enqueue_burst_start(r, 13, &fs), 12);
	assert_int_equal(fs, 0);
	rte_ring_enqueue_finish(r, in + 3, 5);
	assert_int_equal(rte_ring_count(r), 8);
#ifndef RTE_ENABLE_ASSERT
	/* A finish for more than was reserved publishes nothing, and ends it.
	 * (Misuse: with RTE_ENABLE_ASSERT it panics, in DPDK as here.) */
	assert_int_equal(rte_ring_enqueue_bulk_start(r, 2, NULL), 2);
	rte_ring_enqueue_finish(r, in, 3);
	assert_int_equal(rte_ring_count(r), 8);
#endif
	assert_int_equal(rte_ring_enqueue_bulk_start(r, 7, NULL), 7);
	rte_ring_enqueue_finish(r, in, 0);
	assert_int_equal(rte_ring_free_count(r), 7);

	/* dequeue: look at three, keep them; look again, take two */
	poison_ptrs(out, 16);
	av = 99;
	assert_int_equal(rte_ring_dequeue_bulk_start(r, out, 3, &av), 3);
	assert_int_equal(av, 5);
	assert_memory_equal(out, in, 3 * sizeof(void *));
	assert_poisoned_ptrs(out, 3, 16);
	rte_ring_dequeue_finish(r, 0);
	assert_int_equal(rte_ring_count(r), 8);
	poison_ptrs(out, 16);
	assert_int_equal(rte_ring_dequeue_burst_start(r, out, 3, NULL), 3);
	assert_memory_equal(out, in, 3 * sizeof(void *));
	rte_ring_dequeue_finish(r, 2);
	assert_int_equal(rte_ring_count(r), 6);
	poison_ptrs(out, 16);
	av = 99;
	assert_int_equal(rte_ring_dequeue_bulk_start(r, out, 7, &av), 0);
	assert_int_equal(av, 6);
	assert_poisoned_ptrs(out, 0, 16);
	rte_ring_dequeue_finish(r, 0);
	av = 99;
	assert_int_equal(rte_ring_dequeue_burst_start(r, out, 16, &av), 6);
	assert_int_equal(av, 0);
	assert_memory_equal(out, in + 2, 6 * sizeof(void *));
	assert_poisoned_ptrs(out, 6, 16);
#ifndef RTE_ENABLE_ASSERT
	rte_ring_dequeue_finish(r, 7); /* more than reserved: removes nothing */
	assert_int_equal(rte_ring_count(r), 6);
	assert_int_equal(rte_ring_dequeue_burst_start(r, out, 16, NULL), 6);
#endif
	rte_ring_dequeue_finish(r, 6);
	assert_true(rte_ring_empty(r));
	/* The ordinary calls work on the same ring in between. */
	assert_int_equal(rte_ring_enqueue_bulk(r, in, 2, NULL), 2);
	assert_int_equal(rte_ring_dequeue_bulk(r, out, 2, NULL), 2);
	assert_memory_equal(out, in, 2 * sizeof(void *));
}

#ifndef RTE_ENABLE_ASSERT
/* MT and RTS sides refuse the two-step calls: nothing moves, free space and
 * available 0. A misuse that panics with RTE_ENABLE_ASSERT (DEBUG=1), in
 * DPDK as here, so only checked without it. */
static void check_peek_refused(struct rte_ring *r)
{
	struct rte_ring_zc_data zcd, zcd_poison;
	void *out[4], *obj = val(42);
	unsigned int fs, av;

	assert_int_equal(rte_ring_enqueue(r, val(41)), 0);
	fs = 99;
	assert_int_equal(rte_ring_enqueue_bulk_start(r, 1, &fs), 0);
	assert_int_equal(fs, 0);
	assert_int_equal(rte_ring_enqueue_burst_start(r, 1, &fs), 0);
	rte_ring_enqueue_finish(r, &obj, 1);
	assert_int_equal(rte_ring_count(r), 1);
	poison_ptrs(out, 4);
	av = 99;
	assert_int_equal(rte_ring_dequeue_bulk_start(r, out, 1, &av), 0);
	assert_int_equal(av, 0);
	assert_int_equal(rte_ring_dequeue_burst_start(r, out, 1, &av), 0);
	assert_poisoned_ptrs(out, 0, 4);
	rte_ring_dequeue_finish(r, 1);
	assert_int_equal(rte_ring_count(r), 1);

	/* zero-copy: 0, and neither *zcd nor the count is written (as DPDK) */
	memset(&zcd, 0xee, sizeof(zcd));
	memcpy(&zcd_poison, &zcd, sizeof(zcd));
	fs = av = 99;
	assert_int_equal(rte_ring_enqueue_zc_bulk_start(r, 1, &zcd, &fs), 0);
	assert_int_equal(rte_ring_enqueue_zc_burst_start(r, 1, &zcd, &fs), 0);
	assert_int_equal(rte_ring_dequeue_zc_bulk_start(r, 1, &zcd, &av), 0);
	assert_int_equal(rte_ring_dequeue_zc_burst_start(r, 1, &zcd, &av), 0);
	assert_memory_equal(&zcd, &zcd_poison, sizeof(zcd));
	assert_int_equal(fs, 99);
	assert_int_equal(av, 99);
	rte_ring_enqueue_zc_finish(r, 1);
	rte_ring_dequeue_zc_finish(r, 1);
	assert_int_equal(rte_ring_count(r), 1);
	assert_int_equal(rte_ring_dequeue(r, &obj), 0);
	assert_ptr_equal(obj, val(41));
	assert_true(rte_ring_empty(r));
}
#endif

static void test_peek(void **state)
{
	static const unsigned int allowed[] = {
		RING_F_SP_ENQ | RING_F_SC_DEQ, RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ,
	};
	static const unsigned int refused[] = {
		0, RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, RING_F_SP_ENQ | RING_F_MC_RTS_DEQ,
		RING_F_MP_HTS_ENQ | RING_F_SC_DEQ,
	};

	(void)state;
	for (unsigned int i = 0; i < RTE_DIM(allowed); i++) {
		struct rte_ring *r = rte_ring_create("peek", 16, SOCKET_ID_ANY, allowed[i]);

		assert_non_null(r);
		check_peek(r);
		set_indexes(r, UINT32_MAX - 5); /* and across 2^32 */
		check_peek(r);
		rte_ring_free(r);
	}
#ifndef RTE_ENABLE_ASSERT
	/* Each side is judged alone: the last two rings refuse on one side only. */
	for (unsigned int i = 0; i < RTE_DIM(refused); i++) {
		struct rte_ring *r = rte_ring_create("peek_no", 16, SOCKET_ID_ANY, refused[i]);
		void *two[16] = { val(1), val(2) }, *sink[16];
		unsigned int fs = 99;

		assert_non_null(r);
		if (i < 2) {
			check_peek_refused(r);
		} else if (i == 2) {
			/* ST producer: allowed; RTS consumer: refused */
			assert_int_equal(rte_ring_enqueue_bulk_start(r, 2, &fs), 2);
			assert_int_equal(fs, 13);
			rte_ring_enqueue_finish(r, two, 2);
			assert_int_equal(rte_ring_dequeue_bulk_start(r, sink, 1, &fs), 0);
			assert_int_equal(fs, 0);
			assert_int_equal(rte_ring_count(r), 2);
		} else {
			assert_int_equal(rte_ring_enqueue_bulk_start(r, 2, &fs), 2);
			rte_ring_enqueue_finish(r, two, 1);
			assert_int_equal(rte_ring_count(r), 1);
			/* SC consumer: allowed */
			assert_int_equal(rte_ring_dequeue_bulk_start(r, sink, 1, &fs), 1);
			assert_ptr_equal(sink[0], val(1));
			rte_ring_dequeue_finish(r, 1);
			assert_true(rte_ring_empty(r));
		}
		rte_ring_free(r);
	}
#else
	RTE_SET_USED(refused);
#endif
}

/*
 * Zero-copy with the reservation across the end of the ring: two
 * segments, the second at slot 0; what is written in place comes out of
 * an ordinary dequeue in order, and the other way round.
 */
static void test_zc_wrap(void **state)
{
	static const unsigned int flags[] = {
		RING_F_SP_ENQ | RING_F_SC_DEQ, RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ,
	};

	(void)state;
	for (unsigned int f = 0; f < RTE_DIM(flags); f++) {
		struct rte_ring *r = rte_ring_create_elem("zc", 8, 8, SOCKET_ID_ANY, flags[f]);
		uint64_t *slots = (uint64_t *)(void *)&r[1];
		const uint64_t more[8] = { 300, 301, 302 };
		struct rte_ring_zc_data zcd;
		uint64_t out[8];
		unsigned int fs, av;

		assert_non_null(r);
		set_indexes(r, 6); /* slots 6 and 7, then 0.. */
		memset(&zcd, 0xee, sizeof(zcd));
		fs = 99;
		assert_int_equal(rte_ring_enqueue_zc_bulk_elem_start(r, 8, 5, &zcd, &fs), 5);
		assert_int_equal(fs, 2);
		assert_ptr_equal(zcd.ptr1, &slots[6]);
		assert_int_equal(zcd.n1, 2);
		assert_ptr_equal(zcd.ptr2, &slots[0]);
		assert_int_equal(rte_ring_count(r), 0);
		for (unsigned int i = 0; i < 5; i++)
			(i < 2 ? (uint64_t *)zcd.ptr1 : (uint64_t *)zcd.ptr2 - 2)[i] = 100 + i;
		rte_ring_enqueue_zc_elem_finish(r, 5);
		assert_int_equal(rte_ring_count(r), 5);
		memset(out, 0xee, sizeof(out));
		assert_int_equal(rte_ring_dequeue_bulk_elem(r, out, 8, 5, NULL), 5);
		for (unsigned int i = 0; i < 5; i++)
			assert_int_equal(out[i], 100 + i);
		assert_int_equal(out[5], 0xeeeeeeeeeeeeeeeeull);

		/* A burst takes what there is: 7 from slot 3, so 5 then 2 at slot 0. */
		memset(&zcd, 0xee, sizeof(zcd));
		assert_int_equal(rte_ring_enqueue_zc_burst_elem_start(r, 8, 9, &zcd, &fs), 7);
		assert_int_equal(fs, 0);
		assert_ptr_equal(zcd.ptr1, &slots[3]);
		assert_int_equal(zcd.n1, 5);
		assert_ptr_equal(zcd.ptr2, &slots[0]);
		for (unsigned int i = 0; i < 7; i++)
			(i < 5 ? (uint64_t *)zcd.ptr1 : (uint64_t *)zcd.ptr2 - 5)[i] = 200 + i;
		rte_ring_enqueue_zc_elem_finish(r, 4); /* only the first four */
		assert_int_equal(rte_ring_count(r), 4);

		/* dequeue in place, slots 3..6: one segment, ptr2 NULL */
		memset(&zcd, 0xee, sizeof(zcd));
		av = 99;
		assert_int_equal(rte_ring_dequeue_zc_bulk_elem_start(r, 8, 4, &zcd, &av), 4);
		assert_int_equal(av, 0);
		assert_ptr_equal(zcd.ptr1, &slots[3]);
		assert_int_equal(zcd.n1, 4);
		assert_null(zcd.ptr2);
		assert_int_equal(((uint64_t *)zcd.ptr1)[3], 203);
		rte_ring_dequeue_zc_elem_finish(r, 1);
		assert_int_equal(rte_ring_count(r), 3);
		assert_int_equal(rte_ring_enqueue_bulk_elem(r, more, 8, 3, NULL), 3);
		/* now slots 4..7 and 0..1: two segments of 4 and 2 */
		memset(&zcd, 0xee, sizeof(zcd));
		assert_int_equal(rte_ring_dequeue_zc_burst_elem_start(r, 8, 8, &zcd, &av), 6);
		assert_ptr_equal(zcd.ptr1, &slots[4]);
		assert_int_equal(zcd.n1, 4);
		assert_ptr_equal(zcd.ptr2, &slots[0]);
		assert_int_equal(((uint64_t *)zcd.ptr1)[0], 201);
		assert_int_equal(((uint64_t *)zcd.ptr1)[2], 203);
		assert_int_equal(((uint64_t *)zcd.ptr1)[3], 300);
		assert_int_equal(((uint64_t *)zcd.ptr2)[0], 301);
		assert_int_equal(((uint64_t *)zcd.ptr2)[1], 302);
		rte_ring_dequeue_zc_elem_finish(r, 6);
		assert_true(rte_ring_empty(r));

		/* A refused bulk reports the next slot and no segment. */
		memset(&zcd, 0xee, sizeof(zcd));
		assert_int_equal(rte_ring_dequeue_zc_bulk_elem_start(r, 8, 1, &zcd, &av), 0);
		assert_int_equal(zcd.n1, 0);
		assert_null(zcd.ptr2);
		assert_ptr_equal(zcd.ptr1, &slots[2]);
		rte_ring_dequeue_zc_elem_finish(r, 0);
		rte_ring_free(r);
	}
}

static void test_reset_and_dump(void **state)
{
	static const char *const dump_lines[] = {
		"\n  flags=0\n", "\n  size=64\n", "\n  capacity=63\n", "\n  ct=2\n",
		"\n  ch=2\n", "\n  pt=5\n", "\n  ph=5\n", "\n  used=3\n", "\n  avail=60\n",
	};
	struct rte_ring *r = rte_ring_create("dumped", 64, SOCKET_ID_ANY, 0);
	void *objs[5] = { val(1), val(2), val(3), val(4), val(5) };
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_non_null(r);
	assert_int_equal(rte_ring_enqueue_bulk(r, objs, 5, NULL), 5);
	assert_int_equal(rte_ring_dequeue_bulk(r, objs, 2, NULL), 2);
	/* DPDK's format: one "  key=value" line per field, indexes as they are */
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	rte_ring_dump(f, r);
	fclose(f);
	for (size_t i = 0; i < RTE_DIM(dump_lines); i++)
		if (strstr(buf, dump_lines[i]) == NULL)
			fail_msg("no '%s' in rte_ring_dump's:\n%s", dump_lines[i], buf);
	assert_int_equal(strncmp(buf, "ring <dumped>@", 14), 0);
	free(buf);
	/* The list dump goes to f too, and holds this ring's dump */
	buf = NULL;
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	rte_ring_list_dump(f);
	fclose(f);
	assert_non_null(strstr(buf, "ring <dumped>@"));
	assert_non_null(strstr(buf, "\n  pt=5\n"));
	free(buf);

	rte_ring_reset(r);
	assert_int_equal(rte_ring_count(r), 0);
	assert_true(rte_ring_empty(r));
	assert_int_equal(rte_ring_free_count(r), 63);
	rte_ring_free(r);
}

/* rte_ring_list_dump dumps the memzones named RTE_RING_MZ_PREFIX "...", not
 * every zone that starts like it. */
static void test_list_dump_only_rings(void **state)
{
	const struct rte_memzone *mz = rte_memzone_reserve("RGnot_a_ring", 4096, SOCKET_ID_ANY, 0);
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_non_null(mz);
	memset(mz->addr, 0, 4096); /* read as a ring, its name would be "" */
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	rte_ring_list_dump(f);
	fclose(f);
	assert_null(strstr(buf, "ring <>@"));
	free(buf);
	assert_int_equal(rte_memzone_free(mz), 0);
}

/*
 * The NULL cases rte_ring.h states: a NULL stream is stdout, a NULL ring
 * prints "ring <NULL>" rather than crashing.
 */
static void test_dump_null(void **state)
{
	struct rte_ring *r = rte_ring_create("dump_stdout", 64, SOCKET_ID_ANY, 0);
	char buf[512], *mem = NULL;
	size_t len = 0;
	FILE *f, *tmp = tmpfile();
	int saved;
	size_t n;

	(void)state;
	assert_non_null(r);
	assert_non_null(tmp);
	f = open_memstream(&mem, &len);
	assert_non_null(f);
	rte_ring_dump(f, NULL);
	fclose(f);
	assert_string_equal(mem, "ring <NULL>\n");
	free(mem);

	/* stdout goes to tmp while the ring is dumped with f == NULL */
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(tmp), STDOUT_FILENO) >= 0);
	rte_ring_dump(NULL, r);
	fflush(stdout);
	assert_true(dup2(saved, STDOUT_FILENO) >= 0);
	close(saved);
	rewind(tmp);
	memset(buf, 0, sizeof(buf));
	n = fread(buf, 1, sizeof(buf) - 1, tmp);
	fclose(tmp);
	assert_true(n > 0);
	assert_int_equal(strncmp(buf, "ring <dump_stdout>@", 19), 0);
	assert_non_null(strstr(buf, "\n  avail=63\n"));
	rte_ring_free(r);
}

/*
 * rte_ring_reset in every sync mode, on a ring whose indexes are away from 0
 * and which is not empty: DPDK 22.11 zeroes each side's head and tail in its
 * own layout, so the dump shows 0 for all four and the ring then takes its
 * whole capacity again, in order.
 */
static void test_reset_every_mode(void **state)
{
	static const unsigned int modes[] = {
		0, RING_F_SP_ENQ | RING_F_SC_DEQ, RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ,
		RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, RING_F_MP_RTS_ENQ | RING_F_MC_HTS_DEQ,
	};
	static const char *const zero_lines[] = {
		"\n  ct=0\n", "\n  ch=0\n", "\n  pt=0\n", "\n  ph=0\n", "\n  used=0\n",
		"\n  avail=15\n",
	};
	void *in[15], *out[16];

	(void)state;
	for (unsigned int i = 0; i < RTE_DIM(in); i++)
		in[i] = val(0x100 + i);
	for (unsigned int m = 0; m < RTE_DIM(modes); m++) {
		struct rte_ring *r = rte_ring_create("reset", 16, SOCKET_ID_ANY, modes[m]);
		char *buf = NULL;
		size_t len = 0;
		FILE *f;

		assert_non_null(r);
		/* indexes at 7 (enqueue) and 4 (dequeue), three objects left */
		assert_int_equal(rte_ring_enqueue_burst(r, in, 7, NULL), 7);
		assert_int_equal(rte_ring_dequeue_burst(r, out, 4, NULL), 4);
		rte_ring_reset(r);
		assert_int_equal(rte_ring_count(r), 0);
		assert_int_equal(rte_ring_free_count(r), 15);
		f = open_memstream(&buf, &len);
		assert_non_null(f);
		rte_ring_dump(f, r);
		fclose(f);
		for (size_t i = 0; i < RTE_DIM(zero_lines); i++)
			if (strstr(buf, zero_lines[i]) == NULL)
				fail_msg("mode 0x%x: no '%s' after reset in:\n%s", modes[m],
					 zero_lines[i], buf);
		free(buf);
		/* the whole capacity again, nothing of what was left before */
		assert_int_equal(rte_ring_enqueue_burst(r, in, 15, NULL), 15);
		assert_int_equal(rte_ring_enqueue_burst(r, in, 1, NULL), 0);
		poison_ptrs(out, RTE_DIM(out));
		assert_int_equal(rte_ring_dequeue_burst(r, out, 16, NULL), 15);
		for (unsigned int i = 0; i < 15; i++)
			assert_ptr_equal(out[i], in[i]);
		assert_poisoned_ptrs(out, 15, 16);
		rte_ring_free(r);
	}
}

/* ---- two-lcore stress ---- */

struct stress {
	struct rte_ring *r;
	uint64_t count;        /* objects per producer */
	unsigned int nb_producers;
	unsigned int flags;    /* the ring's; 0: MT, explicit mp/mc and default calls */
	volatile int producers_done;
};

/*
 * Enqueue up to n: on an MT ring the explicit MP call and the default one
 * (batches of 32 alternate: seq / 32 is odd or even), else the default
 * call (dispatching on the mode); on an HTS side every other batch through
 * the peek calls, finishing only three quarters of what was reserved.
 */
static unsigned int stress_enqueue(struct rte_ring *r, unsigned int flags, void **batch,
				   unsigned int n, uint64_t seq)
{
	if (flags == 0) /* an MT ring: the explicit call and the default one in turn */
		return ((seq >> 5) & 1) ? rte_ring_enqueue_burst(r, batch, n, NULL)
				 : rte_ring_mp_enqueue_burst(r, batch, n, NULL);
	if ((flags & RING_F_MP_HTS_ENQ) && (seq & 1)) {
		n = rte_ring_enqueue_burst_start(r, n, NULL);
		n -= n / 4;
		/*
		 * Only after a start that reserved something: one that did not
		 * leaves the side to the other producer, whose reservation a
		 * finish would end (as in DPDK).
		 */
		if (n != 0)
			rte_ring_enqueue_finish(r, batch, n);
		return n;
	}
	return rte_ring_enqueue_burst(r, batch, n, NULL);
}

/* The same for dequeue (an MT ring: the MC call and the default one in turn);
 * a peek dequeue keeps the last half of what it saw. */
static unsigned int stress_dequeue(struct rte_ring *r, unsigned int flags, void **batch,
				   unsigned int n, unsigned int round)
{
	if (flags == 0)
		return (round & 1) ? rte_ring_dequeue_burst(r, batch, n, NULL)
				   : rte_ring_mc_dequeue_burst(r, batch, n, NULL);
	if ((flags & RING_F_MC_HTS_DEQ) && (round & 1)) {
		n = rte_ring_dequeue_burst_start(r, batch, n, NULL);
		n -= n / 2;
		if (n != 0) /* as for the enqueue */
			rte_ring_dequeue_finish(r, n);
		return n;
	}
	return rte_ring_dequeue_burst(r, batch, n, NULL);
}

/* Nothing in flight on either side: head == tail (and, for RTS, the counts). */
static void assert_idle(const struct rte_ring *r)
{
	if (prod_rts(r))
		assert_int_equal(r->rts_prod.head.raw, r->rts_prod.tail.raw);
	else
		assert_int_equal(r->prod.head, r->prod.tail);
	if (cons_rts(r))
		assert_int_equal(r->rts_cons.head.raw, r->rts_cons.tail.raw);
	else
		assert_int_equal(r->cons.head, r->cons.tail);
}

/* Values are (producer << 40) | sequence, sequence counting from 1. */
static int producer(void *arg)
{
	struct stress *s = arg;
	const uint64_t id = (uint64_t)rte_lcore_index(-1);
	void *batch[32];
	uint64_t seq = 1;

	while (seq <= s->count) {
		unsigned int n = (unsigned int)RTE_MIN((uint64_t)RTE_DIM(batch), s->count - seq + 1);
		unsigned int sent;

		for (unsigned int i = 0; i < n; i++)
			batch[i] = (void *)(uintptr_t)((id << 40) | (seq + i));
		sent = stress_enqueue(s->r, s->flags, batch, n, seq);
		seq += sent;
		if (sent == 0)
			sched_yield(); /* the consumer may share our CPU */
	}
	__atomic_fetch_add(&s->producers_done, 1, __ATOMIC_RELEASE);
	return 0;
}

static void run_stress(unsigned int nb_producers, uint64_t per_producer, unsigned int flags)
{
	struct stress s = { .count = per_producer, .nb_producers = nb_producers, .flags = flags };
	uint64_t next[RTE_MAX_LCORE] = { 0 }, received = 0, errors = 0;
	void *batch[64];
	unsigned int lcore, launched = 0, round = 0;

	s.r = rte_ring_create("stress", 1024, SOCKET_ID_ANY, flags);
	assert_non_null(s.r);
	if (prod_rts(s.r))
		assert_int_equal(rte_ring_set_prod_htd_max(s.r, 16), 0);
	for (unsigned int i = 0; i < RTE_MAX_LCORE; i++)
		next[i] = 1;
	RTE_LCORE_FOREACH_WORKER(lcore) {
		if (launched == nb_producers)
			break;
		assert_int_equal(rte_eal_remote_launch(producer, &s, lcore), 0);
		launched++;
	}
	assert_int_equal(launched, nb_producers);

	/* The consumer: the main lcore, with the multi-consumer dequeue. */
	for (;;) {
		unsigned int n = stress_dequeue(s.r, flags, batch, RTE_DIM(batch), round++);

		for (unsigned int i = 0; i < n; i++) {
			uint64_t v = (uint64_t)(uintptr_t)batch[i];
			unsigned int p = (unsigned int)(v >> 40);
			uint64_t seq = v & ((UINT64_C(1) << 40) - 1);

			/* Each producer's values arrive in order, once each. */
			if (p >= RTE_MAX_LCORE || seq != next[p])
				errors++;
			else
				next[p]++;
		}
		received += n;
		if (n == 0)
			sched_yield();
		if (n == 0 && __atomic_load_n(&s.producers_done, __ATOMIC_ACQUIRE) ==
				      (int)nb_producers && rte_ring_empty(s.r))
			break;
	}
	rte_eal_mp_wait_lcore();
	assert_int_equal(errors, 0);
	assert_int_equal(received, per_producer * nb_producers);
	RTE_LCORE_FOREACH_WORKER(lcore) {
		if (nb_producers-- == 0)
			break;
		assert_int_equal(next[rte_lcore_index((int)lcore)], per_producer + 1);
	}
	assert_int_equal(rte_ring_count(s.r), 0);
	assert_idle(s.r);
	assert_int_equal(s.r->prod.tail, (uint32_t)received);
	rte_ring_free(s.r);
}

static void test_stress_two_lcores(void **state)
{
	(void)state;
	run_stress(1, STRESS_OBJECTS, 0);
}

/* Two producers contend on prod.head (CAS) and wait on each other's tail. */
static void test_stress_two_producers(void **state)
{
	(void)state;
	run_stress(2, STRESS_OBJECTS / 10, 0);
}

/*
 * RTS: two producers contend on the head CAS and count themselves out on
 * the tail; the last one publishes both. A small htd_max makes them wait
 * for the tail often.
 */
static void test_stress_rts_two_producers(void **state)
{
	(void)state;
	run_stress(2, STRESS_OBJECTS / 20, RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ);
}

/* HTS: the producers take turns; half their batches and the consumer's through peek. */
static void test_stress_hts_two_producers(void **state)
{
	(void)state;
	run_stress(2, STRESS_OBJECTS / 20, RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ);
}

/* One side of each mode against the other. */
static void test_stress_mixed_modes(void **state)
{
	(void)state;
	run_stress(2, STRESS_OBJECTS / 40, RING_F_MP_RTS_ENQ | RING_F_MC_HTS_DEQ);
	run_stress(2, STRESS_OBJECTS / 40, RING_F_MP_HTS_ENQ | RING_F_MC_RTS_DEQ);
}

/* ---- one producer, two consumers contending on cons.head ---- */

/*
 * Three threads on the CI's two CPUs: a consumer preempted between its head
 * CAS and its tail update stalls the other until it runs again (the MP/MC
 * ring's known weakness, which RTS and HTS address; the tail wait yields
 * after a while). Sanitizers widen that window: they get a tenth.
 */
#define MC_OBJECTS (RTETEST_TSAN || RTETEST_ASAN ? 200u * 1000 : 2u * 1000 * 1000)

struct mc_stress {
	struct rte_ring *r;
	unsigned int flags;       /* the ring's; 0: MT, explicit mp/mc and default calls */
	uint8_t *seen;            /* times each sequence number was dequeued */
	volatile int producer_done;
	uint64_t order_errors;
};

static int mc_producer(void *arg)
{
	struct mc_stress *s = arg;
	void *batch[32];
	uint64_t seq = 1;

	while (seq <= MC_OBJECTS) {
		unsigned int n = (unsigned int)RTE_MIN((uint64_t)RTE_DIM(batch), MC_OBJECTS - seq + 1);
		unsigned int sent;

		for (unsigned int i = 0; i < n; i++)
			batch[i] = (void *)(uintptr_t)(seq + i);
		sent = stress_enqueue(s->r, s->flags, batch, n, seq);
		seq += sent;
		if (sent == 0)
			sched_yield();
	}
	__atomic_store_n(&s->producer_done, 1, __ATOMIC_RELEASE);
	return 0;
}

/* Each consumer sees increasing numbers; together, every number once. */
static int mc_consumer(void *arg)
{
	struct mc_stress *s = arg;
	uint64_t last = 0, errors = 0;
	unsigned int round = 0;
	void *batch[48];

	for (;;) {
		unsigned int n = stress_dequeue(s->r, s->flags, batch, RTE_DIM(batch), round++);

		for (unsigned int i = 0; i < n; i++) {
			uint64_t seq = (uint64_t)(uintptr_t)batch[i];

			if (seq <= last || seq > MC_OBJECTS)
				errors++;
			else
				__atomic_fetch_add(&s->seen[seq], 1, __ATOMIC_RELAXED);
			last = seq;
		}
		if (n == 0) {
			if (__atomic_load_n(&s->producer_done, __ATOMIC_ACQUIRE) &&
			    rte_ring_empty(s->r))
				break;
			sched_yield();
		}
	}
	__atomic_fetch_add(&s->order_errors, errors, __ATOMIC_RELAXED);
	return 0;
}

static void run_mc_stress(unsigned int flags)
{
	struct mc_stress s = { .flags = flags };
	unsigned int producer_lcore = rte_get_next_lcore(-1, 1, 0);
	unsigned int consumer_lcore = rte_get_next_lcore(producer_lcore, 1, 0);
	uint64_t missing = 0, doubled = 0;

	assert_true(consumer_lcore < RTE_MAX_LCORE);
	s.r = rte_ring_create("mc_stress", 512, SOCKET_ID_ANY, flags);
	assert_non_null(s.r);
	s.seen = calloc(MC_OBJECTS + 1, 1);
	assert_non_null(s.seen);
	assert_int_equal(rte_eal_remote_launch(mc_producer, &s, producer_lcore), 0);
	assert_int_equal(rte_eal_remote_launch(mc_consumer, &s, consumer_lcore), 0);
	mc_consumer(&s);
	rte_eal_mp_wait_lcore();

	assert_int_equal(s.order_errors, 0);
	for (uint64_t seq = 1; seq <= MC_OBJECTS; seq++) {
		missing += s.seen[seq] == 0;
		doubled += s.seen[seq] > 1;
	}
	assert_int_equal(missing, 0);
	assert_int_equal(doubled, 0);
	assert_int_equal(rte_ring_count(s.r), 0);
	assert_int_equal(s.r->cons.tail, (uint32_t)MC_OBJECTS);
	assert_idle(s.r);
	free(s.seen);
	rte_ring_free(s.r);
}

static void test_stress_two_consumers(void **state)
{
	(void)state;
	run_mc_stress(0);
}

/* Two consumers in each mode (HTS: half of the dequeues through peek). */
static void test_stress_modes_two_consumers(void **state)
{
	(void)state;
	run_mc_stress(RING_F_MC_RTS_DEQ);
	run_mc_stress(RING_F_MC_HTS_DEQ | RING_F_MP_HTS_ENQ);
}

#ifdef RTEMEM_HAL_sim
/* ---- a machine with 1 GB hugepages only ---- */

static int setup_1g(void **state)
{
	(void)state;
	return rtetest_boot("-l 0-2 --sim=profile=4K/1G,pages=2");
}

/*
 * rte_ring_create reserves its memzone with no page-size flag (DPDK 22.11),
 * so it works on a machine whose only hugepages are 1 GB ones.
 */
static void test_create_on_1g_pages(void **state)
{
	struct rte_ring *r = rte_ring_create("on_1g", 1024, SOCKET_ID_ANY, 0);
	void *obj = POISON_PTR;

	(void)state;
	assert_non_null(r);
	assert_int_equal(r->memzone->hugepage_sz, (uint64_t)1 << 30);
	assert_int_equal(rte_ring_enqueue(r, val(77)), 0);
	assert_int_equal(rte_ring_dequeue(r, &obj), 0);
	assert_ptr_equal(obj, val(77));
	rte_ring_free(r);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_lookup_free),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_unknown_sync_type),
		cmocka_unit_test(test_memsize),
		cmocka_unit_test(test_init_user_memory),
		cmocka_unit_test(test_all_variants),
		cmocka_unit_test(test_wraparound),
		cmocka_unit_test(test_exact_size),
		cmocka_unit_test(test_elem_sizes),
		cmocka_unit_test(test_elem_every_size_and_wrap),
		cmocka_unit_test(test_modes_every_size_and_wrap),
		cmocka_unit_test(test_sync_modes_and_htd_max),
		cmocka_unit_test(test_peek),
		cmocka_unit_test(test_zc_wrap),
		cmocka_unit_test(test_reset_and_dump),
		cmocka_unit_test(test_reset_every_mode),
		cmocka_unit_test(test_dump_null),
		cmocka_unit_test(test_list_dump_only_rings),
		cmocka_unit_test(test_stress_two_lcores),
		cmocka_unit_test(test_stress_two_producers),
		cmocka_unit_test(test_stress_rts_two_producers),
		cmocka_unit_test(test_stress_hts_two_producers),
		cmocka_unit_test(test_stress_mixed_modes),
		cmocka_unit_test(test_stress_two_consumers),
		cmocka_unit_test(test_stress_modes_two_consumers),
	};

	int failed = cmocka_run_group_tests_name("ring", tests, setup, teardown);
#ifdef RTEMEM_HAL_sim
	const struct CMUnitTest tests_1g[] = { cmocka_unit_test(test_create_on_1g_pages) };

	failed += cmocka_run_group_tests_name("ring on 1 GB pages", tests_1g, setup_1g, teardown);
#endif
	return failed;
}
