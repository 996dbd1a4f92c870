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
 *   byte  3    flags, as is (unknown bits must be refused)
 *   byte  4    if odd, all indexes start at UINT32_MAX - byte (wrap-around)
 *   then ops of 2 bytes: opcode, n. An enqueue or dequeue opcode picks
 *   bulk or burst and the call: default, single, multi, or the
 *   single-element call of each of these in a loop of n (stopping at the
 *   first refusal, so it behaves as a burst with no out-parameter).
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

static void do_enqueue(struct rte_ring *r, unsigned int esize, unsigned int op, unsigned int n)
{
	const unsigned int variant = (op >> 1) % 3; /* default, sp, mp */
	const bool singles = (op >> 1) % 6 >= 3;
	const bool burst = (op & 1) || singles;
	const unsigned int room = m_cap - m_len;
	unsigned int want = burst ? RTE_MIN(n, room) : (n <= room ? n : 0);
	unsigned int got, free_space = 0xdead;

	for (unsigned int i = 0; i < n; i++)
		fill(in_buf + i * esize, esize, next_seq + i);
	if (singles)
		got = enqueue_singles(r, esize, variant, n);
	else if (burst)
		got = variant == 0 ? rte_ring_enqueue_burst_elem(r, in_buf, esize, n, &free_space)
		    : variant == 1 ? rte_ring_sp_enqueue_burst_elem(r, in_buf, esize, n, &free_space)
				   : rte_ring_mp_enqueue_burst_elem(r, in_buf, esize, n, &free_space);
	else
		got = variant == 0 ? rte_ring_enqueue_bulk_elem(r, in_buf, esize, n, &free_space)
		    : variant == 1 ? rte_ring_sp_enqueue_bulk_elem(r, in_buf, esize, n, &free_space)
				   : rte_ring_mp_enqueue_bulk_elem(r, in_buf, esize, n, &free_space);
	CHECK(got == want);
	CHECK(singles ? free_space == 0xdead : free_space == room - got);
	for (unsigned int i = 0; i < got; i++)
		model[(m_head + m_len + i) % RTE_DIM(model)] = next_seq + i;
	m_len += got;
	next_seq += got;
}

static void do_dequeue(struct rte_ring *r, unsigned int esize, unsigned int op, unsigned int n)
{
	const unsigned int variant = (op >> 1) % 3; /* default, sc, mc */
	const bool singles = (op >> 1) % 6 >= 3;
	const bool burst = (op & 1) || singles;
	unsigned int want = burst ? RTE_MIN(n, m_len) : (n <= m_len ? n : 0);
	unsigned int got, available = 0xdead;
	const uint8_t poison = 0xc3;
	const size_t poisoned = (size_t)(n + 1) * esize;

	/* Nothing may be written past the elements dequeued, nor past n. */
	memset(out_buf, poison, poisoned);
	if (singles)
		got = dequeue_singles(r, esize, variant, n);
	else if (burst)
		got = variant == 0 ? rte_ring_dequeue_burst_elem(r, out_buf, esize, n, &available)
		    : variant == 1 ? rte_ring_sc_dequeue_burst_elem(r, out_buf, esize, n, &available)
				   : rte_ring_mc_dequeue_burst_elem(r, out_buf, esize, n, &available);
	else
		got = variant == 0 ? rte_ring_dequeue_bulk_elem(r, out_buf, esize, n, &available)
		    : variant == 1 ? rte_ring_sc_dequeue_bulk_elem(r, out_buf, esize, n, &available)
				   : rte_ring_mc_dequeue_bulk_elem(r, out_buf, esize, n, &available);
	CHECK(got == want);
	CHECK(singles ? available == 0xdead : available == m_len - got);
	for (unsigned int i = 0; i < got; i++)
		check_elem(out_buf + (size_t)i * esize, esize, model[(m_head + i) % RTE_DIM(model)]);
	for (size_t b = (size_t)got * esize; b < poisoned; b++)
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

/* What rte_ring_init must decide, written out independently. */
static uint32_t model_slots(unsigned int count, unsigned int flags)
{
	uint32_t slots = count;

	if (flags & ~(RING_F_SP_ENQ | RING_F_SC_DEQ | RING_F_EXACT_SZ))
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
	if (data[4] & 1)
		r->prod.head = r->prod.tail = r->cons.head = r->cons.tail = UINT32_MAX - data[4];
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
