/* SPDX-License-Identifier: BSD-3-Clause
 * libFuzzer harness for rte_ring: the input picks an element size, a count
 * and flags (valid or not), then a list of enqueue/dequeue operations that
 * are replayed on an rte_ring (rte_ring_init on plain memory, no EAL
 * needed) and on a FIFO model; any difference aborts.
 *
 * Input layout:
 *   byte  0    element size: 4 * (1 + byte % 16), so 4..64
 *   bytes 1-2  count (le16 % 1100), given as is: 0 and non powers of two
 *              must be refused unless RING_F_EXACT_SZ makes them valid
 *   byte  3    flags, as is (unknown bits, and two sync modes for one
 *              side, must be refused): MT, ST, RTS or HTS per side
 *   byte  4    if odd, all indexes (and RTS operation counts) start at
 *              UINT32_MAX - byte (wrap-around)
 *   then ops of 2 bytes: opcode, n. An enqueue or dequeue opcode picks
 *   bulk or burst and the call: default, single, multi, the single-element
 *   call of each of these in a loop of n (stopping at the first refusal, so
 *   it behaves as a burst with no out-parameter), the peek calls (start,
 *   then finish all, all but one, or none of what was reserved, as n % 3
 *   says) or the
 *   zero-copy ones (the same, copying at the two segments). On an RTS or
 *   HTS side "single" and "multi" are that mode's own calls (mp_rts_...);
 *   peek and zero-copy must be refused on MT and RTS sides, leaving the
 *   ring as it was.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_log.h>
#include <rte_ring.h>
#include <rte_ring_peek_zc.h>

#define MAX_COUNT 1100
#define MAX_ESIZE 64
#define MAX_BURST 255
#define GUARD 64

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz_ring: %s:%d: check failed: %s\n", __FILE__, __LINE__, \
			#cond); \
		abort(); \
	} \
} while (0)

/* The model: sequence numbers in a circular array. */
static uint32_t model[2048];
static uint32_t m_head, m_len, m_cap, next_seq;

static uint8_t in_buf[MAX_BURST * MAX_ESIZE];
static uint8_t out_buf[(MAX_BURST + 1) * MAX_ESIZE];

/* Element contents: every 32-bit word encodes (sequence, word index). */
static void fill(uint8_t *elem, unsigned int esize, uint32_t seq)
{
	for (unsigned int w = 0; w < esize / 4; w++) {
		uint32_t v = seq * (MAX_ESIZE / 4) + w;

		memcpy(elem + 4 * w, &v, 4);
	}
}

static void check_elem(const uint8_t *elem, unsigned int esize, uint32_t seq)
{
	uint8_t expect[MAX_ESIZE];

	fill(expect, esize, seq);
	CHECK(memcmp(elem, expect, esize) == 0);
}

/* n single-element enqueues, stopping at the first refusal (-ENOBUFS). */
static unsigned int enqueue_singles(struct rte_ring *r, unsigned int esize, unsigned int variant,
				    unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		void *obj = in_buf + (size_t)i * esize;
		int ret = variant == 0 ? rte_ring_enqueue_elem(r, obj, esize)
			: variant == 1 ? rte_ring_sp_enqueue_elem(r, obj, esize)
				       : rte_ring_mp_enqueue_elem(r, obj, esize);

		if (ret != 0) {
			CHECK(ret == -ENOBUFS);
			return i;
		}
	}
	return n;
}

static unsigned int dequeue_singles(struct rte_ring *r, unsigned int esize, unsigned int variant,
				    unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		void *obj = out_buf + (size_t)i * esize;
		int ret = variant == 0 ? rte_ring_dequeue_elem(r, obj, esize)
			: variant == 1 ? rte_ring_sc_dequeue_elem(r, obj, esize)
				       : rte_ring_mc_dequeue_elem(r, obj, esize);

		if (ret != 0) {
			CHECK(ret == -ENOENT);
			return i;
		}
	}
	return n;
}

/* The call an op's flavour picks: (flavour >> 1) % 8. */
enum call { CALL_DEFAULT, CALL_SINGLE, CALL_MULTI, CALL_SINGLES_DEFAULT, CALL_SINGLES_SP,
	    CALL_SINGLES_MP, CALL_PEEK, CALL_ZC };

/* How much of a two-step reservation of got (asked: n) to finish: by n % 3. */
static unsigned int finish_count(unsigned int n, unsigned int got)
{
	switch (n % 3) {
	case 0:
		return got;
	case 1:
		return got > 0 ? got - 1 : 0;
	default:
		return 0;
	}
}

static bool peek_allowed(enum rte_ring_sync_type t)
{
	return t == RTE_RING_SYNC_ST || t == RTE_RING_SYNC_MT_HTS;
}

/* An RTS or HTS side has its own calls, and no single-producer ones. */
static bool own_mode(enum rte_ring_sync_type t)
{
	return t == RTE_RING_SYNC_MT_RTS || t == RTE_RING_SYNC_MT_HTS;
}

static unsigned int mode_enqueue(struct rte_ring *r, unsigned int esize, bool burst, unsigned int n,
				 unsigned int *free_space)
{
	if (rte_ring_get_prod_sync_type(r) == RTE_RING_SYNC_MT_RTS)
		return burst ? rte_ring_mp_rts_enqueue_burst_elem(r, in_buf, esize, n, free_space)
			     : rte_ring_mp_rts_enqueue_bulk_elem(r, in_buf, esize, n, free_space);
	return burst ? rte_ring_mp_hts_enqueue_burst_elem(r, in_buf, esize, n, free_space)
		     : rte_ring_mp_hts_enqueue_bulk_elem(r, in_buf, esize, n, free_space);
}

static unsigned int mode_dequeue(struct rte_ring *r, unsigned int esize, bool burst, unsigned int n,
				 unsigned int *available)
{
	if (rte_ring_get_cons_sync_type(r) == RTE_RING_SYNC_MT_RTS)
		return burst ? rte_ring_mc_rts_dequeue_burst_elem(r, out_buf, esize, n, available)
			     : rte_ring_mc_rts_dequeue_bulk_elem(r, out_buf, esize, n, available);
	return burst ? rte_ring_mc_hts_dequeue_burst_elem(r, out_buf, esize, n, available)
		     : rte_ring_mc_hts_dequeue_bulk_elem(r, out_buf, esize, n, available);
}

/* The two segments of a zero-copy reservation of got from slot index head. */
static void check_zcd(const struct rte_ring *r, const struct rte_ring_zc_data *zcd,
		      unsigned int esize, uint32_t head, unsigned int got)
{
	const uint32_t idx = head & r->mask;

	CHECK(zcd->ptr1 == (const char *)&r[1] + (size_t)idx * esize);
	CHECK(zcd->n1 == RTE_MIN(got, r->size - idx));
	CHECK(zcd->ptr2 == (zcd->n1 < got ? (const void *)&r[1] : NULL));
}

/* Where the next enqueue (dequeue) starts: the side's tail position. */
static uint32_t side_tail(const struct rte_ring *r, bool prod)
{
	return prod ? r->prod.tail : r->cons.tail;
}

/*
 * The two-step enqueue: start, copy (peek: at finish; zero-copy: into the
 * segments), finish k of what was reserved. Returns what was published;
 * *reserved what start reported.
 */
static unsigned int two_step_enqueue(struct rte_ring *r, unsigned int esize, bool zc, bool burst,
				     unsigned int n, unsigned int *free_space, unsigned int *reserved)
{
	const uint32_t head = side_tail(r, true);
	struct rte_ring_zc_data zcd, poison;
	unsigned int got, k;

	memset(&zcd, 0xee, sizeof(zcd));
	poison = zcd;
	if (zc)
		got = burst ? rte_ring_enqueue_zc_burst_elem_start(r, esize, n, &zcd, free_space)
			    : rte_ring_enqueue_zc_bulk_elem_start(r, esize, n, &zcd, free_space);
	else
		got = burst ? rte_ring_enqueue_burst_elem_start(r, n, free_space)
			    : rte_ring_enqueue_bulk_elem_start(r, n, free_space);
	*reserved = got;
	k = finish_count(n, got);
	if (!peek_allowed(rte_ring_get_prod_sync_type(r))) {
		CHECK(got == 0);
		if (zc)
			CHECK(memcmp(&zcd, &poison, sizeof(zcd)) == 0);
		k = 1; /* a finish there must do nothing */
	} else if (zc) {
		check_zcd(r, &zcd, esize, head, got);
		memcpy(zcd.ptr1, in_buf, (size_t)RTE_MIN(k, zcd.n1) * esize);
		if (k > zcd.n1)
			memcpy(zcd.ptr2, in_buf + (size_t)zcd.n1 * esize, (size_t)(k - zcd.n1) * esize);
	}
	if (zc)
		rte_ring_enqueue_zc_elem_finish(r, k);
	else
		rte_ring_enqueue_elem_finish(r, in_buf, esize, k);
	return got == 0 ? 0 : k;
}

static unsigned int two_step_dequeue(struct rte_ring *r, unsigned int esize, bool zc, bool burst,
				     unsigned int n, unsigned int *available, unsigned int *reserved)
{
	const uint32_t head = side_tail(r, false);
	struct rte_ring_zc_data zcd, poison;
	unsigned int got, k;

	memset(&zcd, 0xee, sizeof(zcd));
	poison = zcd;
	if (zc)
		got = burst ? rte_ring_dequeue_zc_burst_elem_start(r, esize, n, &zcd, available)
			    : rte_ring_dequeue_zc_bulk_elem_start(r, esize, n, &zcd, available);
	else
		got = burst ? rte_ring_dequeue_burst_elem_start(r, out_buf, esize, n, available)
			    : rte_ring_dequeue_bulk_elem_start(r, out_buf, esize, n, available);
	*reserved = got;
	k = finish_count(n, got);
	if (!peek_allowed(rte_ring_get_cons_sync_type(r))) {
		CHECK(got == 0);
		if (zc)
			CHECK(memcmp(&zcd, &poison, sizeof(zcd)) == 0);
		k = 1;
	} else if (zc) {
		/* Read the whole reservation in place, as peek's start copies it out. */
		check_zcd(r, &zcd, esize, head, got);
		memcpy(out_buf, zcd.ptr1, (size_t)zcd.n1 * esize);
		if (got > zcd.n1)
			memcpy(out_buf + (size_t)zcd.n1 * esize, zcd.ptr2,
			       (size_t)(got - zcd.n1) * esize);
	}
	if (zc)
		rte_ring_dequeue_zc_elem_finish(r, k);
	else
		rte_ring_dequeue_elem_finish(r, k);
	return got == 0 ? 0 : k;
}

static void do_enqueue(struct rte_ring *r, unsigned int esize, unsigned int op, unsigned int n)
{
	const enum rte_ring_sync_type type = rte_ring_get_prod_sync_type(r);
	const enum call call = (enum call)((op >> 1) % 8);
	const unsigned int variant = call % 3; /* default, sp, mp */
	const bool singles = call >= CALL_SINGLES_DEFAULT && call <= CALL_SINGLES_MP;
	const bool two_step = call >= CALL_PEEK;
	const bool burst = (op & 1) || singles;
	const unsigned int room = m_cap - m_len;
	unsigned int want = burst ? RTE_MIN(n, room) : (n <= room ? n : 0);
	unsigned int got, reserved, free_space = 0xdead;

	for (unsigned int i = 0; i < n; i++)
		fill(in_buf + i * esize, esize, next_seq + i);
	if (two_step) {
		got = two_step_enqueue(r, esize, call == CALL_ZC, burst, n, &free_space, &reserved);
		if (!peek_allowed(type)) {
			/* refused: peek reports no room, zero-copy leaves it alone */
			CHECK(free_space == (call == CALL_ZC ? 0xdead : 0));
			return;
		}
		CHECK(reserved == want);
		CHECK(free_space == room - reserved);
	} else {
		if (singles)
			got = enqueue_singles(r, esize, own_mode(type) ? 0 : variant, n);
		else if (variant != 0 && own_mode(type))
			got = mode_enqueue(r, esize, burst, n, &free_space);
		else if (burst)
			got = variant == 0 ? rte_ring_enqueue_burst_elem(r, in_buf, esize, n, &free_space)
			    : variant == 1 ? rte_ring_sp_enqueue_burst_elem(r, in_buf, esize, n,
									    &free_space)
					   : rte_ring_mp_enqueue_burst_elem(r, in_buf, esize, n,
									    &free_space);
		else
			got = variant == 0 ? rte_ring_enqueue_bulk_elem(r, in_buf, esize, n, &free_space)
			    : variant == 1 ? rte_ring_sp_enqueue_bulk_elem(r, in_buf, esize, n,
									   &free_space)
					   : rte_ring_mp_enqueue_bulk_elem(r, in_buf, esize, n,
									   &free_space);
		CHECK(got == want);
		CHECK(singles ? free_space == 0xdead : free_space == room - got);
	}
	for (unsigned int i = 0; i < got; i++)
		model[(m_head + m_len + i) % RTE_DIM(model)] = next_seq + i;
	m_len += got;
	next_seq += got;
}

static void do_dequeue(struct rte_ring *r, unsigned int esize, unsigned int op, unsigned int n)
{
	const enum rte_ring_sync_type type = rte_ring_get_cons_sync_type(r);
	const enum call call = (enum call)((op >> 1) % 8);
	const unsigned int variant = call % 3; /* default, sc, mc */
	const bool singles = call >= CALL_SINGLES_DEFAULT && call <= CALL_SINGLES_MP;
	const bool two_step = call >= CALL_PEEK;
	const bool burst = (op & 1) || singles;
	unsigned int want = burst ? RTE_MIN(n, m_len) : (n <= m_len ? n : 0);
	unsigned int got, seen, available = 0xdead;
	const uint8_t poison = 0xc3;
	const size_t poisoned = (size_t)(n + 1) * esize;

	/* Nothing may be written past the elements dequeued, nor past n. */
	memset(out_buf, poison, poisoned);
	if (two_step) {
		got = two_step_dequeue(r, esize, call == CALL_ZC, burst, n, &available, &seen);
		if (!peek_allowed(type)) {
			CHECK(available == (call == CALL_ZC ? 0xdead : 0));
			for (size_t b = 0; b < poisoned; b++)
				CHECK(out_buf[b] == poison);
			return;
		}
		CHECK(seen == want);
		CHECK(available == m_len - seen);
	} else {
		if (singles)
			got = dequeue_singles(r, esize, own_mode(type) ? 0 : variant, n);
		else if (variant != 0 && own_mode(type))
			got = mode_dequeue(r, esize, burst, n, &available);
		else if (burst)
			got = variant == 0 ? rte_ring_dequeue_burst_elem(r, out_buf, esize, n, &available)
			    : variant == 1 ? rte_ring_sc_dequeue_burst_elem(r, out_buf, esize, n,
									    &available)
					   : rte_ring_mc_dequeue_burst_elem(r, out_buf, esize, n,
									    &available);
		else
			got = variant == 0 ? rte_ring_dequeue_bulk_elem(r, out_buf, esize, n, &available)
			    : variant == 1 ? rte_ring_sc_dequeue_bulk_elem(r, out_buf, esize, n,
									   &available)
					   : rte_ring_mc_dequeue_bulk_elem(r, out_buf, esize, n,
									   &available);
		CHECK(got == want);
		CHECK(singles ? available == 0xdead : available == m_len - got);
		seen = got;
	}
	/* What was copied out (all of a peek's reservation) is the next in FIFO order. */
	for (unsigned int i = 0; i < seen; i++)
		check_elem(out_buf + (size_t)i * esize, esize, model[(m_head + i) % RTE_DIM(model)]);
	for (size_t b = (size_t)seen * esize; b < poisoned; b++)
		CHECK(out_buf[b] == poison);
	m_head = (m_head + got) % RTE_DIM(model);
	m_len -= got;
}

static void check_state(const struct rte_ring *r)
{
	CHECK(rte_ring_count(r) == m_len);
	CHECK(rte_ring_free_count(r) == m_cap - m_len);
	CHECK(rte_ring_empty(r) == (m_len == 0));
	CHECK(rte_ring_full(r) == (m_len == m_cap));
	CHECK(rte_ring_get_capacity(r) == m_cap);
}

/* At most one bit of mask set. */
static bool one_at_most(unsigned int bits)
{
	return (bits & (bits - 1)) == 0;
}

/* What rte_ring_init must decide, written out independently. */
static uint32_t model_slots(unsigned int count, unsigned int flags)
{
	uint32_t slots = count;

	if (flags & ~0x7fu)
		return 0;
	if (!one_at_most(flags & (RING_F_SP_ENQ | RING_F_MP_RTS_ENQ | RING_F_MP_HTS_ENQ)) ||
	    !one_at_most(flags & (RING_F_SC_DEQ | RING_F_MC_RTS_DEQ | RING_F_MC_HTS_DEQ)))
		return 0;
	if (flags & RING_F_EXACT_SZ) {
		if (count == 0)
			return 0;
		slots = 1;
		while (slots <= count)
			slots <<= 1;
	}
	if (slots == 0 || (slots & (slots - 1)) != 0)
		return 0;
	return slots;
}

/* The sync type each side's flag picks, and htd_max where it applies. */
static void check_modes(const struct rte_ring *r, unsigned int flags)
{
	const enum rte_ring_sync_type prod =
		flags & RING_F_SP_ENQ ? RTE_RING_SYNC_ST
		: flags & RING_F_MP_RTS_ENQ ? RTE_RING_SYNC_MT_RTS
		: flags & RING_F_MP_HTS_ENQ ? RTE_RING_SYNC_MT_HTS : RTE_RING_SYNC_MT;
	const enum rte_ring_sync_type cons =
		flags & RING_F_SC_DEQ ? RTE_RING_SYNC_ST
		: flags & RING_F_MC_RTS_DEQ ? RTE_RING_SYNC_MT_RTS
		: flags & RING_F_MC_HTS_DEQ ? RTE_RING_SYNC_MT_HTS : RTE_RING_SYNC_MT;

	CHECK(rte_ring_get_prod_sync_type(r) == prod);
	CHECK(rte_ring_get_cons_sync_type(r) == cons);
	CHECK(rte_ring_get_prod_htd_max(r) ==
	      (prod == RTE_RING_SYNC_MT_RTS ? m_cap / 8 : UINT32_MAX));
	CHECK(rte_ring_get_cons_htd_max(r) ==
	      (cons == RTE_RING_SYNC_MT_RTS ? m_cap / 8 : UINT32_MAX));
}

/* All indexes at v, in each side's layout; RTS operation counts near 2^32 too. */
static void set_indexes(struct rte_ring *r, uint32_t v)
{
	r->prod.head = r->prod.tail = r->cons.head = r->cons.tail = v;
	if (rte_ring_get_prod_sync_type(r) == RTE_RING_SYNC_MT_RTS) {
		r->rts_prod.head.val.pos = v;
		r->rts_prod.head.val.cnt = r->rts_prod.tail.val.cnt = v - 7;
	}
	if (rte_ring_get_cons_sync_type(r) == RTE_RING_SYNC_MT_RTS) {
		r->rts_cons.head.val.pos = v;
		r->rts_cons.head.val.cnt = r->rts_cons.tail.val.cnt = v - 7;
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	FILE *devnull = fopen("/dev/null", "w");

	(void)argc;
	(void)argv;
	if (devnull != NULL)
		rte_openlog_stream(devnull);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int esize, count, flags;
	struct rte_ring *r;
	uint32_t slots;
	ssize_t memsize;
	size_t alloc;
	uint8_t *mem;

	if (size < 5)
		return 0;
	esize = 4 * (1 + data[0] % 16);
	count = (unsigned int)(data[1] | data[2] << 8) % MAX_COUNT;
	flags = data[3];

	/* rte_ring_get_memsize_elem takes no flags: a power of two or EINVAL. */
	memsize = rte_ring_get_memsize_elem(esize, count);
	if (count != 0 && (count & (count - 1)) == 0)
		CHECK(memsize == (ssize_t)RTE_ALIGN_CEIL(sizeof(struct rte_ring) + (size_t)count * esize,
							 (size_t)RTE_CACHE_LINE_SIZE));
	else
		CHECK(memsize == -EINVAL);

	slots = model_slots(count, flags);
	alloc = RTE_ALIGN_CEIL(sizeof(struct rte_ring) + (size_t)(slots ? slots : 1) * esize,
			       (size_t)RTE_CACHE_LINE_SIZE);
	mem = aligned_alloc(RTE_CACHE_LINE_SIZE, alloc + GUARD);
	CHECK(mem != NULL);
	memset(mem + alloc, 0xa5, GUARD);
	r = (struct rte_ring *)mem;

	if (rte_ring_init(r, "fuzz", count, flags) != 0) {
		CHECK(slots == 0);
		free(mem);
		return 0;
	}
	CHECK(slots != 0);
	CHECK(rte_ring_get_size(r) == slots);
	m_cap = (flags & RING_F_EXACT_SZ) ? count : slots - 1;
	m_head = m_len = next_seq = 0;
	check_modes(r, flags);
	if (data[4] & 1)
		set_indexes(r, UINT32_MAX - data[4]);
	check_state(r);

	for (size_t i = 5; i + 1 < size; i += 2) {
		const unsigned int op = data[i], n = data[i + 1];

		/* op % 6 picks the operation, op / 6 the flavour (bit 0 burst, the rest the call). */
		switch (op % 6) {
		case 0:
		case 1:
			do_enqueue(r, esize, op / 6, n);
			break;
		case 2:
		case 3:
			do_dequeue(r, esize, op / 6, n);
			break;
		case 4:
			check_state(r);
			break;
		default:
			rte_ring_reset(r);
			m_head = m_len = 0;
			break;
		}
		check_state(r);
	}
	/* Nothing beyond the ring's own memory was touched. */
	for (size_t i = 0; i < GUARD; i++)
		CHECK(mem[alloc + i] == 0xa5);
	free(mem);
	return 0;
}
