/* SPDX-License-Identifier: BSD-3-Clause
 * libFuzzer harness for rte_mbuf: the input is a list of operations on up
 * to 8 held packets (alloc, free, append, prepend, adj, trim, chain, read,
 * extra references, bulk alloc/free, deep copy, linearize), replayed on a
 * small pktmbuf pool and on a model of each packet (its segments and every
 * data byte). Any difference aborts; after each input every mbuf must be
 * back in the pool.
 *
 * Input: ops of 3 bytes: opcode, slot/argument, length.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#define NB_MBUF 64u
#define SLOTS 8
#define MAX_SEGS 16
#define BUF_LEN 512 /* small buffers: appends run out of room often */
#define MAX_PKT (MAX_SEGS * BUF_LEN)

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz_mbuf: %s:%d: check failed: %s\n", __FILE__, __LINE__, \
			#cond); \
		abort(); \
	} \
} while (0)

struct model_seg {
	uint16_t off;
	uint16_t len;
};

struct model_pkt {
	struct rte_mbuf *m;       /* NULL: slot empty */
	unsigned int refs;        /* references the harness holds (same on every segment) */
	unsigned int nb_segs;
	struct model_seg seg[MAX_SEGS];
	uint32_t len;
	uint8_t data[MAX_PKT];
};

static struct rte_mempool *pool;
static struct model_pkt pkts[SLOTS];
static uint8_t next_byte;
static uint8_t scratch[MAX_PKT];

static uint16_t headroom_default(void)
{
	return (uint16_t)RTE_MIN(RTE_PKTMBUF_HEADROOM, BUF_LEN);
}

/* The mbuf chain must look exactly like the model. */
static void check_pkt(const struct model_pkt *p)
{
	const struct rte_mbuf *seg = p->m;
	const char *reason;
	uint32_t pos = 0;

	CHECK(rte_mbuf_check(p->m, 1, &reason) == 0);
	CHECK(p->m->nb_segs == p->nb_segs);
	CHECK(p->m->pkt_len == p->len);
	for (unsigned int i = 0; i < p->nb_segs; i++, seg = seg->next) {
		CHECK(seg != NULL);
		CHECK(seg->data_off == p->seg[i].off);
		CHECK(seg->data_len == p->seg[i].len);
		CHECK(rte_mbuf_refcnt_read(seg) == p->refs);
		CHECK(memcmp(rte_pktmbuf_mtod(seg, const uint8_t *), p->data + pos, seg->data_len) == 0);
		pos += seg->data_len;
	}
	CHECK(seg == NULL);
}

static bool held(const struct rte_mbuf *m)
{
	for (unsigned int s = 0; s < SLOTS; s++) {
		for (const struct rte_mbuf *seg = pkts[s].m; seg != NULL; seg = seg->next)
			if (seg == m)
				return true;
	}
	return false;
}

static void take(struct model_pkt *p, struct rte_mbuf *m)
{
	CHECK(!held(m)); /* a double free would hand it out twice */
	CHECK(m->nb_segs == 1 && m->next == NULL && m->pkt_len == 0 && m->data_len == 0);
	CHECK(m->buf_len == BUF_LEN && m->data_off == headroom_default());
	CHECK(rte_mbuf_refcnt_read(m) == 1);
	p->m = m;
	p->refs = 1;
	p->nb_segs = 1;
	p->seg[0].off = headroom_default();
	p->seg[0].len = 0;
	p->len = 0;
}

static void drop_ref(struct model_pkt *p)
{
	if (--p->refs == 0)
		p->m = NULL;
}

static void op_append(struct model_pkt *p, uint16_t n)
{
	struct model_seg *last = &p->seg[p->nb_segs - 1];
	char *dst = rte_pktmbuf_append(p->m, n);

	if (last->off + last->len + n > BUF_LEN) {
		CHECK(dst == NULL);
		return;
	}
	CHECK(dst != NULL);
	for (uint16_t i = 0; i < n; i++) {
		dst[i] = (char)next_byte;
		p->data[p->len + i] = next_byte++;
	}
	last->len = (uint16_t)(last->len + n);
	p->len += n;
}

static void op_prepend(struct model_pkt *p, uint16_t n)
{
	char *dst = rte_pktmbuf_prepend(p->m, n);

	if (n > p->seg[0].off) {
		CHECK(dst == NULL);
		return;
	}
	CHECK(dst != NULL);
	memmove(p->data + n, p->data, p->len);
	for (uint16_t i = 0; i < n; i++) {
		dst[i] = (char)next_byte;
		p->data[i] = next_byte++;
	}
	p->seg[0].off = (uint16_t)(p->seg[0].off - n);
	p->seg[0].len = (uint16_t)(p->seg[0].len + n);
	p->len += n;
}

static void op_adj(struct model_pkt *p, uint16_t n)
{
	char *start = rte_pktmbuf_adj(p->m, n);

	if (n > p->seg[0].len) {
		CHECK(start == NULL);
		return;
	}
	CHECK(start != NULL);
	memmove(p->data, p->data + n, p->len - n);
	p->seg[0].off = (uint16_t)(p->seg[0].off + n);
	p->seg[0].len = (uint16_t)(p->seg[0].len - n);
	p->len -= n;
}

static void op_trim(struct model_pkt *p, uint16_t n)
{
	struct model_seg *last = &p->seg[p->nb_segs - 1];
	int ret = rte_pktmbuf_trim(p->m, n);

	if (n > last->len) {
		CHECK(ret == -1);
		return;
	}
	CHECK(ret == 0);
	last->len = (uint16_t)(last->len - n);
	p->len -= n;
}

static void op_chain(struct model_pkt *a, struct model_pkt *b)
{
	if (a == b || b->m == NULL || a->refs != 1 || b->refs != 1 ||
	    a->nb_segs + b->nb_segs > MAX_SEGS)
		return;
	CHECK(rte_pktmbuf_chain(a->m, b->m) == 0);
	memcpy(a->seg + a->nb_segs, b->seg, b->nb_segs * sizeof(b->seg[0]));
	memcpy(a->data + a->len, b->data, b->len);
	a->nb_segs += b->nb_segs;
	a->len += b->len;
	b->m = NULL;
}

static void op_read(const struct model_pkt *p, uint16_t off, uint16_t len)
{
	const uint8_t *got = rte_pktmbuf_read(p->m, off, len, scratch);

	if ((uint32_t)off + len > p->len) {
		CHECK(got == NULL);
		return;
	}
	CHECK(got != NULL);
	CHECK(memcmp(got, p->data + off, len) == 0);
}

static unsigned int mbufs_held(void)
{
	unsigned int n = 0;

	for (unsigned int s = 0; s < SLOTS; s++)
		if (pkts[s].m != NULL)
			n += pkts[s].nb_segs;
	return n;
}

/* Deep copy of a slice of p into the empty slot q. */
static void op_copy(const struct model_pkt *p, struct model_pkt *q, uint32_t off, uint32_t len)
{
	const unsigned int room = BUF_LEN - headroom_default();
	struct rte_mbuf *c;
	uint32_t want, left;

	if (q->m != NULL || q == p)
		return;
	c = rte_pktmbuf_copy(p->m, pool, off, len);
	if (off >= p->len) {
		CHECK(c == NULL);
		return;
	}
	want = RTE_MIN(len, p->len - off);
	if (c == NULL) {
		/* Only for want of mbufs: one per room bytes, at least one. */
		CHECK(NB_MBUF - mbufs_held() < RTE_MAX(1u, (want + room - 1) / room));
		return;
	}
	q->m = c;
	q->refs = 1;
	q->len = want;
	memcpy(q->data, p->data + off, want);
	q->nb_segs = 0;
	left = want;
	do {
		uint16_t n = (uint16_t)RTE_MIN(left, room);

		q->seg[q->nb_segs].off = headroom_default();
		q->seg[q->nb_segs].len = n;
		q->nb_segs++;
		left -= n;
	} while (left > 0);
}

static void op_linearize(struct model_pkt *p)
{
	const uint32_t rest = p->len - p->seg[0].len;
	const bool fits = rest <= (uint32_t)(BUF_LEN - p->seg[0].off - p->seg[0].len);
	int ret;

	if (p->refs != 1)
		return; /* it would free segments others still hold */
	ret = rte_pktmbuf_linearize(p->m);
	if (p->nb_segs == 1 || fits) {
		CHECK(ret == 0);
		p->seg[0].len = (uint16_t)p->len;
		p->nb_segs = 1;
	} else {
		CHECK(ret == -1);
	}
}

static void op_alloc_bulk(unsigned int k)
{
	struct rte_mbuf *ms[SLOTS];
	unsigned int empty[SLOTS], n_empty = 0;
	const unsigned int avail = rte_mempool_avail_count(pool);

	for (unsigned int s = 0; s < SLOTS; s++)
		if (pkts[s].m == NULL)
			empty[n_empty++] = s;
	k = k % (n_empty + 1);
	if (rte_pktmbuf_alloc_bulk(pool, ms, k) != 0) {
		CHECK(rte_mempool_avail_count(pool) == avail); /* nothing taken */
		return;
	}
	for (unsigned int i = 0; i < k; i++)
		take(&pkts[empty[i]], ms[i]);
}

static void op_free_bulk(void)
{
	struct rte_mbuf *ms[SLOTS];

	for (unsigned int s = 0; s < SLOTS; s++) {
		ms[s] = pkts[s].m;
		if (pkts[s].m != NULL)
			drop_ref(&pkts[s]);
	}
	rte_pktmbuf_free_bulk(ms, SLOTS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char prefix[64];
	char *eal_argv[] = { "fuzz_mbuf", "--in-memory", "--sim=pages=4,populate=0", "-l", "0",
			     prefix, NULL };
	FILE *devnull = fopen("/dev/null", "w");

	(void)argc;
	(void)argv;
	if (devnull != NULL)
		rte_openlog_stream(devnull);
	snprintf(prefix, sizeof(prefix), "--file-prefix=fuzzmbuf%d", (int)getpid());
	if (rte_eal_init(6, eal_argv) < 0) {
		fprintf(stderr, "fuzz_mbuf: rte_eal_init failed: %d\n", rte_errno);
		abort();
	}
	pool = rte_pktmbuf_pool_create("fuzz_mbufs", NB_MBUF, 8, 0, BUF_LEN, SOCKET_ID_ANY);
	if (pool == NULL) {
		fprintf(stderr, "fuzz_mbuf: no pool: %d\n", rte_errno);
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	memset(pkts, 0, sizeof(pkts));
	for (size_t i = 0; i + 2 < size; i += 3) {
		const unsigned int op = data[i] % 14, slot = data[i + 1] % SLOTS;
		const uint16_t n = data[i + 2];
		struct model_pkt *p = &pkts[slot];
		struct rte_mbuf *m;

		if (((op >= 2 && op <= 9) || op >= 12) && p->m == NULL)
			continue; /* these need a packet in the slot */
		switch (op) {
		case 0:
			if (p->m != NULL)
				break;
			m = rte_pktmbuf_alloc(pool);
			CHECK((m == NULL) == (mbufs_held() == NB_MBUF));
			if (m != NULL)
				take(p, m);
			break;
		case 1:
			if (p->m == NULL)
				break;
			m = p->m;
			drop_ref(p);
			rte_pktmbuf_free(m);
			break;
		case 2:
			op_append(p, n);
			break;
		case 3:
			op_prepend(p, n);
			break;
		case 4:
			op_adj(p, n);
			break;
		case 5:
			op_trim(p, n);
			break;
		case 6:
			op_chain(p, &pkts[n % SLOTS]);
			break;
		case 7:
			op_read(p, (uint16_t)(n * 7), (uint16_t)(data[i + 1] * 3));
			break;
		case 8:
			if (p->refs < 3) {
				rte_pktmbuf_refcnt_update(p->m, 1);
				p->refs++;
			}
			break;
		case 9:
			check_pkt(p);
			break;
		case 10:
			op_alloc_bulk(n);
			break;
		case 11:
			op_free_bulk();
			break;
		case 12:
			op_copy(p, &pkts[(slot + 1 + n % (SLOTS - 1)) % SLOTS], (uint32_t)n * 5,
				(uint32_t)data[i + 1] * 9);
			break;
		default:
			op_linearize(p);
			break;
		}
		for (unsigned int s = 0; s < SLOTS; s++)
			if (pkts[s].m != NULL)
				check_pkt(&pkts[s]);
		CHECK(rte_mempool_in_use_count(pool) == mbufs_held());
	}
	/* Give everything back: every mbuf is in the pool again, once. */
	for (unsigned int s = 0; s < SLOTS; s++) {
		while (pkts[s].m != NULL) {
			struct rte_mbuf *m = pkts[s].m;

			drop_ref(&pkts[s]);
			rte_pktmbuf_free(m);
		}
	}
	rte_mempool_cache_flush(NULL, pool);
	CHECK(rte_mempool_ops_get_count(pool) == NB_MBUF);
	return 0;
}
