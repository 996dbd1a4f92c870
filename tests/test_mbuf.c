/* SPDX-License-Identifier: BSD-3-Clause
 * rte_mbuf: pool layout and every mbuf's buf_iova against its memseg,
 * headroom and data operations, chains freed whole, reference counts
 * (also from two lcores at once), bulk alloc/free and bad input; dynamic
 * fields and flags, pool ops selection, external and pinned buffers,
 * offload flag names and tx offload checks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <rte_byteorder.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>
#include <rte_mbuf_pool_ops.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>

#include "rtetest.h"

#define NB_MBUF 1024

static struct rte_mempool *pool;

static int setup(void **state)
{
	(void)state;
	if (rtetest_boot("-l 0-1") < 0)
		return -1;
	pool = rte_pktmbuf_pool_create("mbufs", NB_MBUF, 32, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				       SOCKET_ID_ANY);
	return pool != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	rte_mempool_free(pool);
	return rte_eal_cleanup();
}

/* Every test gives back all it took. */
static void all_back(void)
{
	rte_mempool_cache_flush(NULL, pool);
	assert_int_equal(rte_mempool_avail_count(pool), NB_MBUF);
}

static void test_pool_layout(void **state)
{
	(void)state;
	assert_int_equal(RTE_MBUF_DEFAULT_BUF_SIZE, 2048 + 128);
	assert_int_equal(RTE_PKTMBUF_HEADROOM, 128);
	assert_int_equal(sizeof(struct rte_mbuf), 128);
	assert_int_equal(rte_pktmbuf_data_room_size(pool), RTE_MBUF_DEFAULT_BUF_SIZE);
	assert_int_equal(rte_pktmbuf_priv_size(pool), 0);
	assert_int_equal(pool->elt_size, sizeof(struct rte_mbuf) + RTE_MBUF_DEFAULT_BUF_SIZE);
	assert_string_equal(rte_mempool_get_ops(pool->ops_index)->name,
			    RTE_MBUF_DEFAULT_MEMPOOL_OPS);
	assert_ptr_equal(rte_mempool_lookup("mbufs"), pool);
}

static void test_fresh_mbuf(void **state)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);

	(void)state;
	assert_non_null(m);
	assert_ptr_equal(m->pool, pool);
	assert_ptr_equal(m->buf_addr, (char *)m + sizeof(*m));
	assert_int_equal(m->buf_len, RTE_MBUF_DEFAULT_BUF_SIZE);
	assert_int_equal(m->data_off, RTE_PKTMBUF_HEADROOM);
	assert_int_equal(rte_pktmbuf_headroom(m), RTE_PKTMBUF_HEADROOM);
	assert_int_equal(rte_pktmbuf_tailroom(m), 2048);
	assert_int_equal(m->data_len, 0);
	assert_int_equal(m->pkt_len, 0);
	assert_int_equal(m->nb_segs, 1);
	assert_null(m->next);
	assert_int_equal(rte_mbuf_refcnt_read(m), 1);
	assert_int_equal(m->port, RTE_MBUF_PORT_INVALID);
	assert_int_equal(m->ol_flags, 0);
	assert_int_equal(m->packet_type, 0);
	assert_int_equal(m->priv_size, 0);
	assert_ptr_equal(rte_pktmbuf_mtod(m, char *), (char *)m->buf_addr + 128);
	assert_ptr_equal(rte_pktmbuf_mtod_offset(m, char *, 10), (char *)m->buf_addr + 138);
	assert_ptr_equal(rte_mbuf_data_addr_default(m), (char *)m->buf_addr + 128);
	assert_int_equal(rte_mbuf_data_iova_default(m), m->buf_iova + 128);
	assert_int_equal(rte_mbuf_data_iova(m), m->buf_iova + 128);
	assert_int_equal(rte_pktmbuf_iova(m), m->buf_iova + 128);
	assert_int_equal(rte_pktmbuf_iova_offset(m, 4), m->buf_iova + 132);
	assert_int_equal(rte_pktmbuf_data_len(m), 0);
	assert_int_equal(rte_pktmbuf_pkt_len(m), 0);
	assert_true(rte_pktmbuf_is_contiguous(m));
	assert_true(RTE_MBUF_DIRECT(m));
	rte_pktmbuf_free(m);
	rte_pktmbuf_free(NULL);
	all_back();
}

/* buf_iova is the memseg's IOVA plus the offset, over the whole buffer. */
struct iova_result {
	unsigned int mbufs;
	unsigned int bad;
};

static void check_mbuf_iova(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	struct iova_result *res = arg;
	struct rte_mbuf *m = obj;
	const char *first = m->buf_addr, *last = first + m->buf_len - 1;
	const struct rte_memseg *ms_first = rte_mem_virt2memseg(first, NULL);
	const struct rte_memseg *ms_last = rte_mem_virt2memseg(last, NULL);

	(void)mp, (void)idx;
	res->mbufs++;
	if (ms_first == NULL || ms_last == NULL) {
		res->bad++;
		return;
	}
	if (m->buf_iova != ms_first->iova + (rte_iova_t)(first - (const char *)ms_first->addr))
		res->bad++;
	if (m->buf_iova != rte_mem_virt2iova(first))
		res->bad++;
	/* The last byte (maybe on the next page) continues the same IO range. */
	if (ms_last->iova + (rte_iova_t)(last - (const char *)ms_last->addr) !=
	    m->buf_iova + m->buf_len - 1)
		res->bad++;
	if (m->buf_addr != (char *)m + sizeof(*m) + m->priv_size)
		res->bad++;
}

static void test_every_buf_iova(void **state)
{
	struct iova_result res = { 0 };

	(void)state;
	assert_int_equal(rte_mempool_obj_iter(pool, check_mbuf_iova, &res), NB_MBUF);
	assert_int_equal(res.mbufs, NB_MBUF);
	assert_int_equal(res.bad, 0);
}

static void test_priv_size(void **state)
{
	struct rte_mempool *mp;
	struct rte_mbuf *m;

	(void)state;
	mp = rte_pktmbuf_pool_create("mbuf_priv", 64, 0, 64, 1024, SOCKET_ID_ANY);
	assert_non_null(mp);
	assert_int_equal(rte_pktmbuf_priv_size(mp), 64);
	assert_int_equal(rte_pktmbuf_data_room_size(mp), 1024);
	m = rte_pktmbuf_alloc(mp);
	assert_non_null(m);
	assert_int_equal(m->priv_size, 64);
	assert_ptr_equal(rte_mbuf_to_priv(m), (char *)m + sizeof(*m));
	assert_ptr_equal(m->buf_addr, (char *)m + sizeof(*m) + 64);
	assert_ptr_equal(rte_mbuf_buf_addr(m, mp), m->buf_addr);
	assert_int_equal(m->buf_iova, rte_mem_virt2iova(m->buf_addr));
	assert_int_equal(m->buf_len, 1024);
	assert_int_equal(rte_pktmbuf_tailroom(m), 1024 - 128);
	rte_pktmbuf_free(m);
	rte_mempool_free(mp);

	/* A buffer smaller than the headroom: data starts at its end. */
	mp = rte_pktmbuf_pool_create("mbuf_tiny", 64, 0, 0, 64, SOCKET_ID_ANY);
	assert_non_null(mp);
	m = rte_pktmbuf_alloc(mp);
	assert_non_null(m);
	assert_int_equal(m->data_off, 64);
	assert_int_equal(rte_pktmbuf_tailroom(m), 0);
	assert_null(rte_pktmbuf_append(m, 1));
	rte_pktmbuf_free(m);
	rte_mempool_free(mp);
}

static void test_bad_pools(void **state)
{
	const unsigned int before = rte_mempool_avail_count(pool);

	(void)state;
	rte_errno = 0;
	assert_null(rte_pktmbuf_pool_create("mbuf_bad", 64, 0, 7, 1024, SOCKET_ID_ANY));
	assert_int_equal(rte_errno, EINVAL);
	assert_null(rte_mempool_lookup("mbuf_bad"));
	assert_null(rte_pktmbuf_pool_create("mbufs", 64, 0, 0, 1024, SOCKET_ID_ANY));
	assert_int_equal(rte_errno, EEXIST);
	assert_null(rte_pktmbuf_pool_create_by_ops("mbuf_ops", 64, 0, 0, 1024, SOCKET_ID_ANY,
						   "no_such_ops"));
	assert_int_equal(rte_errno, EINVAL);
	assert_null(rte_mempool_lookup("mbuf_ops"));
	assert_int_equal(rte_mempool_avail_count(pool), before);
}

/* More mbufs than memory, on a small machine (populate fills it first). */
static void test_pool_too_big(void **state)
{
	(void)state;
	if (!rtetest_hal_is_sim())
		skip(); /* it would fill all real hugepages first */
	rte_mempool_free(pool);
	assert_int_equal(rte_eal_cleanup(), 0);
	assert_int_equal(rtetest_boot("-l 0-1 --sim=pages=16"), 0);
	rte_errno = 0;
	assert_null(rte_pktmbuf_pool_create("mbuf_huge", 1000000, 0, 0, 4096, SOCKET_ID_ANY));
	assert_int_equal(rte_errno, ENOMEM);
	assert_null(rte_mempool_lookup("mbuf_huge"));
	assert_int_equal(rte_eal_cleanup(), 0);

	assert_int_equal(rtetest_boot("-l 0-1"), 0);
	pool = rte_pktmbuf_pool_create("mbufs", NB_MBUF, 32, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				       SOCKET_ID_ANY);
	assert_non_null(pool);
}

static void test_data_ops(void **state)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	char *p, *start;

	(void)state;
	assert_non_null(m);
	start = rte_pktmbuf_mtod(m, char *);
	p = rte_pktmbuf_append(m, 100);
	assert_ptr_equal(p, start);
	memset(p, 0xab, 100);
	assert_int_equal(m->data_len, 100);
	assert_int_equal(m->pkt_len, 100);
	assert_int_equal(rte_pktmbuf_tailroom(m), 1948);
	/* Too much: nothing changes. */
	assert_null(rte_pktmbuf_append(m, 1949));
	assert_int_equal(m->data_len, 100);
	assert_int_equal(m->pkt_len, 100);

	p = rte_pktmbuf_prepend(m, 14);
	assert_ptr_equal(p, start - 14);
	assert_ptr_equal(rte_pktmbuf_mtod(m, char *), start - 14);
	assert_int_equal(m->data_len, 114);
	assert_int_equal(m->pkt_len, 114);
	assert_int_equal(rte_pktmbuf_headroom(m), 114);
	assert_null(rte_pktmbuf_prepend(m, 115));
	assert_int_equal(m->data_len, 114);

	p = rte_pktmbuf_adj(m, 14);
	assert_ptr_equal(p, start);
	assert_int_equal(m->data_len, 100);
	assert_int_equal(m->pkt_len, 100);
	assert_null(rte_pktmbuf_adj(m, 101));
	assert_int_equal(m->data_len, 100);

	assert_int_equal(rte_pktmbuf_trim(m, 40), 0);
	assert_int_equal(m->data_len, 60);
	assert_int_equal(m->pkt_len, 60);
	assert_int_equal(rte_pktmbuf_trim(m, 61), -1);
	assert_int_equal(m->data_len, 60);
	assert_int_equal((unsigned char)rte_pktmbuf_mtod(m, char *)[59], 0xab);

	/* Fill the tailroom exactly. */
	assert_non_null(rte_pktmbuf_append(m, rte_pktmbuf_tailroom(m)));
	assert_int_equal(rte_pktmbuf_tailroom(m), 0);
	assert_int_equal(m->data_len, 2048);

	/* Reset gives back a fresh packet. */
	m->ol_flags = RTE_MBUF_F_RX_RSS_HASH;
	m->hash.rss = 0x1234;
	m->port = 3;
	m->packet_type = 0x11;
	rte_pktmbuf_reset(m);
	assert_int_equal(m->data_off, RTE_PKTMBUF_HEADROOM);
	assert_int_equal(m->data_len, 0);
	assert_int_equal(m->pkt_len, 0);
	assert_int_equal(m->ol_flags, 0);
	assert_int_equal(m->port, RTE_MBUF_PORT_INVALID);
	assert_int_equal(m->packet_type, 0);
	rte_pktmbuf_free(m);
	all_back();
}

static struct rte_mbuf *alloc_with(unsigned int len, uint8_t fill)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	char *p;

	assert_non_null(m);
	p = rte_pktmbuf_append(m, (uint16_t)len);
	assert_non_null(p);
	memset(p, fill, len);
	return m;
}

static void test_chain(void **state)
{
	struct rte_mbuf *m1 = alloc_with(100, 1), *m2 = alloc_with(200, 2), *m3 = alloc_with(300, 3);
	uint8_t buf[64];
	const uint8_t *p;
	const char *reason;

	(void)state;
	assert_int_equal(rte_mempool_in_use_count(pool), 3);
	assert_int_equal(rte_pktmbuf_chain(m1, m2), 0);
	assert_int_equal(m1->nb_segs, 2);
	assert_int_equal(m1->pkt_len, 300);
	assert_int_equal(m2->pkt_len, 200);
	assert_ptr_equal(m1->next, m2);
	assert_int_equal(rte_pktmbuf_chain(m1, m3), 0);
	assert_int_equal(m1->nb_segs, 3);
	assert_int_equal(m1->pkt_len, 600);
	assert_ptr_equal(rte_pktmbuf_lastseg(m1), m3);
	assert_false(rte_pktmbuf_is_contiguous(m1));
	assert_int_equal(rte_mbuf_check(m1, 1, &reason), 0);

	/* Reading within one segment points into it; across segments copies. */
	p = rte_pktmbuf_read(m1, 10, 20, buf);
	assert_ptr_equal(p, rte_pktmbuf_mtod_offset(m1, const uint8_t *, 10));
	p = rte_pktmbuf_read(m1, 90, 20, buf);
	assert_ptr_equal(p, buf);
	for (int i = 0; i < 10; i++)
		assert_int_equal(buf[i], 1);
	for (int i = 10; i < 20; i++)
		assert_int_equal(buf[i], 2);
	p = rte_pktmbuf_read(m1, 150, 64, buf);
	assert_ptr_equal(p, rte_pktmbuf_mtod_offset(m2, const uint8_t *, 50));
	p = rte_pktmbuf_read(m1, 280, 40, buf);
	assert_ptr_equal(p, buf);
	assert_int_equal(buf[19], 2);
	assert_int_equal(buf[20], 3);
	assert_null(rte_pktmbuf_read(m1, 590, 11, buf));

	/* Append and trim work on the last segment; pkt_len on the head. */
	assert_ptr_equal(rte_pktmbuf_append(m1, 10),
			 rte_pktmbuf_mtod_offset(m3, char *, 300));
	assert_int_equal(m3->data_len, 310);
	assert_int_equal(m1->pkt_len, 610);
	assert_int_equal(rte_pktmbuf_trim(m1, 310), 0);
	assert_int_equal(m3->data_len, 0);
	assert_int_equal(m1->pkt_len, 300);
	assert_int_equal(rte_mbuf_check(m1, 1, &reason), 0);

	/* Freeing the head frees the whole chain. */
	rte_pktmbuf_free(m1);
	all_back();
	/* And the segments come back as single fresh mbufs. */
	struct rte_mbuf *ms[NB_MBUF];

	assert_int_equal(rte_pktmbuf_alloc_bulk(pool, ms, NB_MBUF), 0);
	for (unsigned int i = 0; i < NB_MBUF; i++) {
		assert_int_equal(ms[i]->nb_segs, 1);
		assert_null(ms[i]->next);
		assert_int_equal(rte_mbuf_refcnt_read(ms[i]), 1);
	}
	rte_pktmbuf_free_bulk(ms, NB_MBUF);
	all_back();
}

static void test_chain_limits(void **state)
{
	struct rte_mbuf *a = alloc_with(10, 1), *b = alloc_with(10, 2);
	const char *reason;

	(void)state;
	a->nb_segs = RTE_MBUF_MAX_NB_SEGS;
	assert_int_equal(rte_pktmbuf_chain(a, b), -EOVERFLOW);
	assert_null(a->next);
	a->nb_segs = 1;
	assert_int_equal(a->pkt_len, 10);

	/* The sanity check spots broken headers. */
	a->pkt_len = 11;
	assert_int_equal(rte_mbuf_check(a, 1, &reason), -1);
	assert_string_equal(reason, "bad pkt_len");
	a->pkt_len = 10;
	a->nb_segs = 2;
	assert_int_equal(rte_mbuf_check(a, 1, &reason), -1);
	assert_string_equal(reason, "bad nb_segs");
	a->nb_segs = 1;
	a->data_off = (uint16_t)(a->buf_len - 5);
	assert_int_equal(rte_mbuf_check(a, 1, &reason), -1);
	a->data_off = RTE_PKTMBUF_HEADROOM;
	/* per segment, as DPDK: no IO address, a saturated or zero refcnt */
	{
		const rte_iova_t iova = a->buf_iova;

		a->buf_iova = 0;
		assert_int_equal(rte_mbuf_check(a, 0, &reason), -1);
		assert_string_equal(reason, "bad IO addr");
		a->buf_iova = iova;
	}
	rte_mbuf_refcnt_set(a, UINT16_MAX);
	assert_int_equal(rte_mbuf_check(a, 0, &reason), -1);
	assert_string_equal(reason, "bad ref cnt");
	rte_mbuf_refcnt_set(a, 1);
	assert_int_equal(rte_mbuf_check(a, 1, &reason), 0);
	assert_int_equal(rte_mbuf_check(NULL, 1, &reason), -1);
	rte_mbuf_sanity_check(a, 1);

	rte_pktmbuf_free(a);
	rte_pktmbuf_free(b);
	all_back();
}

static void test_refcnt(void **state)
{
	struct rte_mbuf *m = alloc_with(10, 1), *n = alloc_with(10, 2);

	(void)state;
	assert_int_equal(rte_mbuf_refcnt_update(m, 1), 2);
	assert_int_equal(rte_mbuf_refcnt_read(m), 2);
	/* The first free only drops a reference. */
	rte_pktmbuf_free(m);
	assert_int_equal(rte_mbuf_refcnt_read(m), 1);
	assert_int_equal(rte_mempool_in_use_count(pool), 2);
	rte_pktmbuf_free(m);
	assert_int_equal(rte_mempool_in_use_count(pool), 1);

	/* A chain: every segment gets the reference. */
	m = alloc_with(10, 3);
	assert_int_equal(rte_pktmbuf_chain(m, n), 0);
	rte_pktmbuf_refcnt_update(m, 2);
	assert_int_equal(rte_mbuf_refcnt_read(m), 3);
	assert_int_equal(rte_mbuf_refcnt_read(n), 3);
	rte_pktmbuf_free(m);
	rte_pktmbuf_free(m);
	assert_int_equal(rte_mempool_in_use_count(pool), 2);
	assert_int_equal(rte_mbuf_refcnt_read(n), 1);
	assert_ptr_equal(m->next, n); /* still a chain until the last reference */
	rte_pktmbuf_free(m);
	all_back();

	m = alloc_with(10, 4);
	rte_mbuf_refcnt_set(m, 5);
	assert_int_equal(rte_mbuf_refcnt_read(m), 5);
	assert_int_equal(rte_mbuf_refcnt_update(m, -4), 1);
	rte_pktmbuf_free(m);
	all_back();
}

/* Two lcores take and drop references to the same mbuf at once. */
#define REF_ROUNDS 200000

static int ref_worker(void *arg)
{
	struct rte_mbuf *m = arg;

	for (int i = 0; i < REF_ROUNDS; i++) {
		rte_mbuf_refcnt_update(m, 1);
		rte_pktmbuf_free(m);
	}
	return 0;
}

static void test_refcnt_two_lcores(void **state)
{
	unsigned int worker = rte_get_next_lcore(-1, 1, 0);
	struct rte_mbuf *m = alloc_with(10, 1);

	(void)state;
	assert_true(worker < RTE_MAX_LCORE);
	/* One extra reference held by the test keeps the count above 1, so
	 * both lcores go through the atomic path. */
	rte_mbuf_refcnt_update(m, 1);
	assert_int_equal(rte_eal_remote_launch(ref_worker, m, worker), 0);
	ref_worker(m);
	assert_int_equal(rte_eal_wait_lcore(worker), 0);
	assert_int_equal(rte_mbuf_refcnt_read(m), 2);
	assert_int_equal(rte_mempool_in_use_count(pool), 1);
	rte_pktmbuf_free(m);
	rte_pktmbuf_free(m);
	all_back();
}

static void test_bulk(void **state)
{
	struct rte_mbuf *ms[NB_MBUF + 1];
	struct rte_mbuf *mixed[6];

	(void)state;
	assert_int_equal(rte_pktmbuf_alloc_bulk(pool, ms, 64), 0);
	for (unsigned int i = 0; i < 64; i++) {
		assert_int_equal(ms[i]->data_off, RTE_PKTMBUF_HEADROOM);
		assert_int_equal(ms[i]->pkt_len, 0);
		for (unsigned int j = 0; j < i; j++)
			assert_ptr_not_equal(ms[i], ms[j]);
	}
	/* More than what is left: -ENOENT and nothing taken. */
	rte_mempool_cache_flush(NULL, pool);
	assert_int_equal(rte_pktmbuf_alloc_bulk(pool, ms + 64, NB_MBUF - 63), -ENOENT);
	assert_int_equal(rte_mempool_in_use_count(pool), 64);
	rte_pktmbuf_free_bulk(ms, 64);
	all_back();

	/* Until the pool is empty, one at a time. */
	for (unsigned int i = 0; i < NB_MBUF; i++) {
		ms[i] = rte_pktmbuf_alloc(pool);
		assert_non_null(ms[i]);
	}
	assert_null(rte_pktmbuf_alloc(pool));
	assert_null(rte_mbuf_raw_alloc(pool));
	assert_true(rte_mempool_empty(pool));
	for (unsigned int i = 0; i < NB_MBUF; i++)
		rte_mbuf_raw_free(ms[i]);
	all_back();

	/* free_bulk: NULL entries, chains, and an extra reference. */
	mixed[0] = alloc_with(10, 1);
	mixed[1] = NULL;
	mixed[2] = alloc_with(10, 2);
	assert_int_equal(rte_pktmbuf_chain(mixed[2], alloc_with(10, 3)), 0);
	mixed[3] = alloc_with(10, 4);
	rte_mbuf_refcnt_update(mixed[3], 1);
	mixed[4] = NULL;
	mixed[5] = alloc_with(10, 5);
	assert_int_equal(rte_mempool_in_use_count(pool), 5);
	rte_pktmbuf_free_bulk(mixed, 6);
	assert_int_equal(rte_mempool_in_use_count(pool), 1);
	assert_int_equal(rte_mbuf_refcnt_read(mixed[3]), 1);
	rte_pktmbuf_free_seg(mixed[3]);
	all_back();
}

/* Mbufs from two pools in one free_bulk go back to their own pools. */
static void test_free_bulk_two_pools(void **state)
{
	struct rte_mempool *other = rte_pktmbuf_pool_create("mbuf_other", 128, 0, 0, 512,
							    SOCKET_ID_ANY);
	struct rte_mbuf *ms[100];

	(void)state;
	assert_non_null(other);
	for (unsigned int i = 0; i < RTE_DIM(ms); i++) {
		ms[i] = rte_pktmbuf_alloc(i % 3 == 0 ? other : pool);
		assert_non_null(ms[i]);
	}
	rte_pktmbuf_free_bulk(ms, RTE_DIM(ms));
	assert_int_equal(rte_mempool_avail_count(other), 128);
	all_back();
	rte_mempool_free(other);
}

static void test_clone(void **state)
{
	struct rte_mbuf *m = alloc_with(100, 0x11), *c, *cc;
	const char *reason;

	(void)state;
	m->port = 7;
	m->hash.rss = 0xabcd;
	m->ol_flags = RTE_MBUF_F_RX_RSS_HASH;
	c = rte_pktmbuf_clone(m, pool);
	assert_non_null(c);
	assert_ptr_not_equal(c, m);
	assert_true(RTE_MBUF_CLONED(c));
	assert_false(RTE_MBUF_DIRECT(c));
	assert_true(RTE_MBUF_DIRECT(m));
	assert_ptr_equal(rte_mbuf_from_indirect(c), m);
	assert_ptr_equal(c->buf_addr, m->buf_addr);
	assert_int_equal(c->buf_iova, m->buf_iova);
	assert_ptr_equal(rte_pktmbuf_mtod(c, char *), rte_pktmbuf_mtod(m, char *));
	assert_int_equal(c->data_len, 100);
	assert_int_equal(c->pkt_len, 100);
	assert_int_equal(c->port, 7);
	assert_int_equal(c->hash.rss, 0xabcd);
	assert_int_equal(c->ol_flags, RTE_MBUF_F_RX_RSS_HASH | RTE_MBUF_F_INDIRECT);
	assert_int_equal(rte_mbuf_refcnt_read(m), 2);
	assert_int_equal(rte_mbuf_refcnt_read(c), 1);
	assert_int_equal(rte_mbuf_check(c, 1, &reason), 0);

	/* A clone of a clone points at the direct mbuf too. */
	cc = rte_pktmbuf_clone(c, pool);
	assert_non_null(cc);
	assert_ptr_equal(rte_mbuf_from_indirect(cc), m);
	assert_int_equal(rte_mbuf_refcnt_read(m), 3);
	assert_int_equal(rte_mempool_in_use_count(pool), 3);

	/* The original goes first: its data lives on while clones hold it. */
	rte_pktmbuf_free(m);
	assert_int_equal(rte_mempool_in_use_count(pool), 3);
	assert_int_equal(rte_mbuf_refcnt_read(m), 2);
	assert_int_equal((unsigned char)rte_pktmbuf_mtod(cc, char *)[99], 0x11);
	rte_pktmbuf_free(c);
	assert_int_equal(rte_mempool_in_use_count(pool), 2);
	rte_pktmbuf_free(cc);
	all_back();

	/* Every mbuf that comes back is direct with its own buffer again. */
	struct rte_mbuf *ms[NB_MBUF];

	assert_int_equal(rte_pktmbuf_alloc_bulk(pool, ms, NB_MBUF), 0);
	for (unsigned int i = 0; i < NB_MBUF; i++) {
		assert_true(RTE_MBUF_DIRECT(ms[i]));
		assert_ptr_equal(ms[i]->buf_addr, (char *)ms[i] + sizeof(struct rte_mbuf));
		assert_int_equal(ms[i]->buf_iova, rte_mem_virt2iova(ms[i]->buf_addr));
		assert_int_equal(ms[i]->buf_len, RTE_MBUF_DEFAULT_BUF_SIZE);
	}
	rte_pktmbuf_free_bulk(ms, NB_MBUF);
	all_back();
}

static void test_clone_chain(void **state)
{
	struct rte_mbuf *m = alloc_with(100, 1), *c, *seg, *orig;
	struct rte_mbuf *hold[NB_MBUF];
	unsigned int held = 0;
	uint8_t buf[64];

	(void)state;
	assert_int_equal(rte_pktmbuf_chain(m, alloc_with(200, 2)), 0);
	assert_int_equal(rte_pktmbuf_chain(m, alloc_with(300, 3)), 0);
	c = rte_pktmbuf_clone(m, pool);
	assert_non_null(c);
	assert_int_equal(c->nb_segs, 3);
	assert_int_equal(c->pkt_len, 600);
	for (seg = c, orig = m; seg != NULL; seg = seg->next, orig = orig->next) {
		assert_ptr_equal(rte_mbuf_from_indirect(seg), orig);
		assert_int_equal(seg->data_len, orig->data_len);
		assert_int_equal(rte_mbuf_refcnt_read(orig), 2);
	}
	assert_ptr_equal(rte_pktmbuf_read(c, 290, 20, buf), buf);
	assert_int_equal(buf[9], 2);
	assert_int_equal(buf[10], 3);
	assert_int_equal(rte_mempool_in_use_count(pool), 6);
	rte_pktmbuf_free(m);
	assert_int_equal(rte_mempool_in_use_count(pool), 6);
	rte_pktmbuf_free(c);
	all_back();

	/* Not enough mbufs for the whole clone: NULL, and nothing changes. */
	m = alloc_with(10, 1);
	assert_int_equal(rte_pktmbuf_chain(m, alloc_with(10, 2)), 0);
	assert_int_equal(rte_pktmbuf_chain(m, alloc_with(10, 3)), 0);
	while (rte_mempool_in_use_count(pool) < NB_MBUF - 2)
		hold[held++] = rte_pktmbuf_alloc(pool);
	assert_null(rte_pktmbuf_clone(m, pool));
	assert_int_equal(rte_mempool_in_use_count(pool), NB_MBUF - 2);
	for (seg = m; seg != NULL; seg = seg->next)
		assert_int_equal(rte_mbuf_refcnt_read(seg), 1);
	rte_pktmbuf_free_bulk(hold, held);
	rte_pktmbuf_free(m);
	all_back();
	assert_null(rte_pktmbuf_clone(NULL, pool));
}

/* attach/detach by hand: the indirect mbuf gets its own buffer back. */
static void test_attach_detach(void **state)
{
	struct rte_mbuf *m = alloc_with(50, 9), *mi = rte_pktmbuf_alloc(pool);
	char *own_buf;
	rte_iova_t own_iova;

	(void)state;
	assert_non_null(mi);
	own_buf = mi->buf_addr;
	own_iova = mi->buf_iova;
	rte_pktmbuf_attach(mi, m);
	assert_ptr_equal(mi->buf_addr, m->buf_addr);
	assert_int_equal(rte_mbuf_refcnt_read(m), 2);
	rte_pktmbuf_detach(mi);
	assert_true(RTE_MBUF_DIRECT(mi));
	assert_ptr_equal(mi->buf_addr, own_buf);
	assert_int_equal(mi->buf_iova, own_iova);
	assert_int_equal(mi->data_off, RTE_PKTMBUF_HEADROOM);
	assert_int_equal(mi->data_len, 0);
	assert_int_equal(rte_mbuf_refcnt_read(m), 1);
	/* As in DPDK, detach leaves pkt_len to the caller. */
	rte_pktmbuf_reset(mi);
	rte_pktmbuf_free(mi);
	rte_pktmbuf_free(m);
	all_back();
}

static void test_copy_and_linearize(void **state)
{
	struct rte_mbuf *m = alloc_with(1500, 0), *c, *seg;
	uint8_t buf[3000];
	unsigned int i;

	(void)state;
	/* A recognisable 1500 + 1500 byte packet over two segments. */
	for (i = 0; i < 1500; i++)
		rte_pktmbuf_mtod(m, uint8_t *)[i] = (uint8_t)i;
	seg = alloc_with(1500, 0);
	for (i = 0; i < 1500; i++)
		rte_pktmbuf_mtod(seg, uint8_t *)[i] = (uint8_t)(i + 1500);
	assert_int_equal(rte_pktmbuf_chain(m, seg), 0);
	m->port = 4;
	m->packet_type = 0x11;

	/* The whole packet: 3000 bytes need two 2048-byte buffers. */
	c = rte_pktmbuf_copy(m, pool, 0, UINT32_MAX);
	assert_non_null(c);
	assert_int_equal(c->pkt_len, 3000);
	assert_int_equal(c->nb_segs, 2);
	assert_int_equal(c->data_len, 2048);
	assert_int_equal(c->port, 4);
	assert_int_equal(c->packet_type, 0x11);
	assert_true(RTE_MBUF_DIRECT(c));
	assert_ptr_not_equal(c->buf_addr, m->buf_addr);
	assert_ptr_equal(rte_pktmbuf_read(c, 0, 3000, buf), buf);
	for (i = 0; i < 3000; i++)
		assert_int_equal(buf[i], (uint8_t)i);
	rte_pktmbuf_free(c);

	/* A slice across the segment boundary. */
	c = rte_pktmbuf_copy(m, pool, 1400, 200);
	assert_non_null(c);
	assert_int_equal(c->pkt_len, 200);
	assert_int_equal(c->nb_segs, 1);
	for (i = 0; i < 200; i++)
		assert_int_equal(rte_pktmbuf_mtod(c, uint8_t *)[i], (uint8_t)(1400 + i));
	/* Linearize needs room in the first segment: a copy of 100 bytes... */
	assert_int_equal(rte_pktmbuf_linearize(c), 0); /* contiguous already */
	rte_pktmbuf_free(c);
	assert_null(rte_pktmbuf_copy(m, pool, 3000, 1));
	/* ... the 1500 + 1500 original does not fit in one 2048-byte buffer. */
	assert_int_equal(rte_pktmbuf_linearize(m), -1);
	assert_int_equal(m->nb_segs, 2);
	rte_pktmbuf_free(m);
	all_back();

	/* 300 + 200 + 100 bytes fit in one buffer. */
	m = alloc_with(300, 1);
	assert_int_equal(rte_pktmbuf_chain(m, alloc_with(200, 2)), 0);
	assert_int_equal(rte_pktmbuf_chain(m, alloc_with(100, 3)), 0);
	assert_int_equal(rte_mempool_in_use_count(pool), 3);
	assert_int_equal(rte_pktmbuf_linearize(m), 0);
	assert_int_equal(m->nb_segs, 1);
	assert_null(m->next);
	assert_int_equal(m->data_len, 600);
	assert_int_equal(m->pkt_len, 600);
	assert_int_equal(rte_mempool_in_use_count(pool), 1);
	assert_int_equal(rte_pktmbuf_mtod(m, uint8_t *)[299], 1);
	assert_int_equal(rte_pktmbuf_mtod(m, uint8_t *)[300], 2);
	assert_int_equal(rte_pktmbuf_mtod(m, uint8_t *)[599], 3);
	rte_pktmbuf_free(m);
	all_back();
}

static void test_dump(void **state)
{
	struct rte_mbuf *m = alloc_with(20, 0x5a);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	rte_pktmbuf_dump(f, m, 16);
	fclose(f);
	assert_non_null(strstr(buf, "dump mbuf at"));
	assert_non_null(strstr(buf, "pkt_len=20"));
	assert_non_null(strstr(buf, "5a 5a"));
	free(buf);
	rte_pktmbuf_free(m);
	all_back();
}


/* ==== dynamic fields and flags, pool ops, extbufs: a fresh EAL per test ==== */

static int boot_fresh(void **state)
{
	(void)state;
	return rtetest_boot("-l 0-1") < 0 ? -1 : 0;
}

static int cleanup_fresh(void **state)
{
	(void)state;
	return rte_eal_cleanup();
}

static struct rte_mbuf_dynfield field(const char *name, size_t size, size_t align)
{
	struct rte_mbuf_dynfield f;

	memset(&f, 0, sizeof(f));
	snprintf(f.name, sizeof(f.name), "%s", name);
	f.size = size;
	f.align = align;
	return f;
}

static struct rte_mbuf_dynflag flag(const char *name)
{
	struct rte_mbuf_dynflag f;

	memset(&f, 0, sizeof(f));
	snprintf(f.name, sizeof(f.name), "%s", name);
	return f;
}

/* -1 and this rte_errno (poisoned before the call). */
#define assert_fails_with(call, err) \
	do { \
		rte_errno = 0x7777; \
		assert_int_equal((call), -1); \
		assert_int_equal(rte_errno, (err)); \
	} while (0)

static void test_dynfield_register(void **state)
{
	const size_t area = offsetof(struct rte_mbuf, dynfield1);
	struct rte_mbuf_dynfield f8 = field("test_f8", 8, 8), got;
	struct rte_mbuf_dynfield f4 = field("test_f4", 4, 4), bad;
	struct rte_mempool *mp;
	struct rte_mbuf *m;

	(void)state;
	assert_int_equal(area, 92);
	assert_fails_with(rte_mbuf_dynfield_lookup("test_f8", NULL), ENOENT);

	/* First fit at the alignment: an 8-byte field skips 92..95. */
	assert_int_equal(rte_mbuf_dynfield_register(&f8), 96);
	assert_int_equal(rte_mbuf_dynfield_register(&f8), 96);
	assert_int_equal(rte_mbuf_dynfield_register_offset(&f8, 96), 96);
	assert_fails_with(rte_mbuf_dynfield_register_offset(&f8, 104), EEXIST);
	bad = field("test_f8", 4, 4);
	assert_fails_with(rte_mbuf_dynfield_register(&bad), EEXIST);
	bad = field("test_f8", 8, 4);
	assert_fails_with(rte_mbuf_dynfield_register(&bad), EEXIST);
	assert_int_equal(rte_mbuf_dynfield_register(&f4), 92);

	memset(&got, 0xA5, sizeof(got));
	assert_int_equal(rte_mbuf_dynfield_lookup("test_f8", &got), 96);
	assert_string_equal(got.name, "test_f8");
	assert_int_equal(got.size, 8);
	assert_int_equal(got.align, 8);
	assert_int_equal(got.flags, 0);

	/* A requested place: taken (inside test_f8), free, or not a place at all. */
	bad = field("test_at", 2, 2);
	assert_fails_with(rte_mbuf_dynfield_register_offset(&bad, 100), EBUSY);
	assert_fails_with(rte_mbuf_dynfield_register_offset(&bad, 0), EBUSY); /* buf_addr */
	/* Misaligned or past the mbuf: "cannot be used", as DPDK 22.11 answers. */
	assert_fails_with(rte_mbuf_dynfield_register_offset(&bad, 105), EBUSY);
	assert_fails_with(rte_mbuf_dynfield_register_offset(&bad, sizeof(struct rte_mbuf)), EBUSY);
	assert_fails_with(rte_mbuf_dynfield_lookup("test_at", NULL), ENOENT);
	assert_int_equal(rte_mbuf_dynfield_register_offset(&bad, 126), 126);

	bad = field("test_bad", 4, 3);
	assert_fails_with(rte_mbuf_dynfield_register(&bad), EINVAL);
	bad = field("test_bad", 4, 0);
	assert_fails_with(rte_mbuf_dynfield_register(&bad), EINVAL);
	bad = field("test_bad", 0, 1);
	assert_fails_with(rte_mbuf_dynfield_register(&bad), EINVAL);
	bad = field("test_bad", sizeof(struct rte_mbuf), 1);
	assert_fails_with(rte_mbuf_dynfield_register(&bad), EINVAL);
	bad = field("test_bad", 4, 4);
	bad.flags = 1;
	assert_fails_with(rte_mbuf_dynfield_register(&bad), EINVAL);
	memset(bad.name, 'n', sizeof(bad.name));
	bad.flags = 0;
	assert_fails_with(rte_mbuf_dynfield_register(&bad), ENAMETOOLONG);
	assert_fails_with(rte_mbuf_dynfield_register(NULL), EINVAL);

	/* The field is in the mbuf, beside (not over) the fixed fields; clones copy it. */
	mp = rte_pktmbuf_pool_create("dyn", 64, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	assert_non_null(mp);
	m = rte_pktmbuf_alloc(mp);
	assert_non_null(m);
	m->timesync = 0x1234;
	*RTE_MBUF_DYNFIELD(m, 96, uint64_t *) = 0x0123456789abcdefULL;
	*RTE_MBUF_DYNFIELD(m, 92, uint32_t *) = 0xfeedf00d;
	assert_int_equal(m->timesync, 0x1234);
	assert_int_equal(m->dynfield1[0], 0xfeedf00d);
	{
		struct rte_mbuf *c = rte_pktmbuf_clone(m, mp);

		assert_non_null(c);
		assert_true(*RTE_MBUF_DYNFIELD(c, 96, uint64_t *) == 0x0123456789abcdefULL);
		rte_pktmbuf_free(c);
	}
	rte_pktmbuf_free(m);
	rte_mempool_free(mp);
}

/*
 * A field goes where the free room is least precious, not simply first:
 * with a byte taken at 112, the free run 113..127 splits into blocks of
 * 1 (113), 2 (114), 4 (116) and 8 (120) bytes, so a 1-byte field takes 113
 * rather than 92 (a 4-byte block), and a 4-byte one 116.
 */
static void test_dynfield_best_fit(void **state)
{
	struct rte_mbuf_dynfield f = field("pin112", 1, 1);

	(void)state;
	assert_int_equal(rte_mbuf_dynfield_register_offset(&f, 112), 112);
	f = field("byte", 1, 1);
	assert_int_equal(rte_mbuf_dynfield_register(&f), 113);
	f = field("word", 4, 4);
	assert_int_equal(rte_mbuf_dynfield_register(&f), 92);  /* 92..95 score 4, as 116 */
	f = field("word2", 4, 4);
	assert_int_equal(rte_mbuf_dynfield_register(&f), 116);
	f = field("half", 2, 2);
	assert_int_equal(rte_mbuf_dynfield_register(&f), 114);
	f = field("wide", 16, 16);
	assert_int_equal(rte_mbuf_dynfield_register(&f), 96);
	f = field("wide8", 8, 8);
	assert_int_equal(rte_mbuf_dynfield_register(&f), 120);
	f = field("full", 1, 1);
	assert_fails_with(rte_mbuf_dynfield_register(&f), ENOENT);
}

/* A failed first registration leaves no registry behind. */
static void test_dyn_failure_leaves_no_trace(void **state)
{
	struct rte_mbuf_dynfield f = field("at_zero", 8, 8);

	(void)state;
	assert_fails_with(rte_mbuf_dynfield_register_offset(&f, 0), EBUSY);
	assert_null(rte_memzone_lookup("rte_mbuf_dyn"));
	assert_fails_with(rte_mbuf_dynflag_register_bitnum(&(struct rte_mbuf_dynflag){ "x", 0 }, 1),
			  EBUSY);
	assert_null(rte_memzone_lookup("rte_mbuf_dyn"));
}

/* The free area is 36 bytes: nine 4-byte fields, or four 8-byte ones and a 4-byte one. */
static void test_dynfield_exhaustion(void **state)
{
	struct rte_mbuf_dynfield f;
	char name[32];
	int i;

	(void)state;
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "wide%d", i);
		f = field(name, 8, 8);
		assert_int_equal(rte_mbuf_dynfield_register(&f), 96 + 8 * i);
	}
	f = field("wide4", 8, 8);
	assert_fails_with(rte_mbuf_dynfield_register(&f), ENOENT);
	assert_fails_with(rte_mbuf_dynfield_lookup("wide4", NULL), ENOENT);
	f = field("narrow", 4, 4);
	assert_int_equal(rte_mbuf_dynfield_register(&f), 92);
	f = field("byte", 1, 1);
	assert_fails_with(rte_mbuf_dynfield_register(&f), ENOENT);
	/* What is registered stays found. */
	assert_int_equal(rte_mbuf_dynfield_lookup("wide3", NULL), 120);
}

static void test_dynfield_exhaustion_narrow(void **state)
{
	struct rte_mbuf_dynfield f;
	char name[32];
	int i;

	(void)state;
	for (i = 0; i < 9; i++) {
		snprintf(name, sizeof(name), "narrow%d", i);
		f = field(name, 4, 4);
		assert_int_equal(rte_mbuf_dynfield_register(&f), 92 + 4 * i);
	}
	f = field("narrow9", 2, 1);
	assert_fails_with(rte_mbuf_dynfield_register(&f), ENOENT);
}

static void test_dynflag_register(void **state)
{
	struct rte_mbuf_dynflag f = flag("test_flag"), got;
	char name[32];
	int i;

	(void)state;
	assert_fails_with(rte_mbuf_dynflag_lookup("test_flag", NULL), ENOENT);
	/* Free bits are 23..40 (RTE_MBUF_F_FIRST_FREE..LAST_FREE), lowest first. */
	assert_int_equal(rte_mbuf_dynflag_register(&f), 23);
	assert_int_equal(rte_mbuf_dynflag_register(&f), 23);
	assert_int_equal(rte_mbuf_dynflag_register_bitnum(&f, 23), 23);
	assert_fails_with(rte_mbuf_dynflag_register_bitnum(&f, 24), EEXIST);
	memset(&got, 0xA5, sizeof(got));
	assert_int_equal(rte_mbuf_dynflag_lookup("test_flag", &got), 23);
	assert_string_equal(got.name, "test_flag");
	assert_int_equal(got.flags, 0);

	f = flag("test_at40");
	assert_int_equal(rte_mbuf_dynflag_register_bitnum(&f, 40), 40);
	f = flag("test_busy");
	assert_fails_with(rte_mbuf_dynflag_register_bitnum(&f, 40), EBUSY);
	assert_fails_with(rte_mbuf_dynflag_register_bitnum(&f, 0), EBUSY);  /* RX_VLAN */
	assert_fails_with(rte_mbuf_dynflag_register_bitnum(&f, 41), EBUSY); /* TX_OUTER_UDP_CKSUM */
	assert_fails_with(rte_mbuf_dynflag_register_bitnum(&f, 64), EINVAL);
	f.flags = 1;
	assert_fails_with(rte_mbuf_dynflag_register(&f), EINVAL);
	memset(f.name, 'n', sizeof(f.name));
	f.flags = 0;
	assert_fails_with(rte_mbuf_dynflag_register(&f), ENAMETOOLONG);

	/* 18 free bits, two taken: 16 more, then none. */
	for (i = 0; i < 16; i++) {
		snprintf(name, sizeof(name), "more%d", i);
		f = flag(name);
		assert_int_equal(rte_mbuf_dynflag_register(&f), 24 + i);
	}
	f = flag("one_too_many");
	assert_fails_with(rte_mbuf_dynflag_register(&f), ENOENT);
}

static void test_timestamp_register(void **state)
{
	int rx_off = -5, tx_off = -5;
	uint64_t rx_flag = 0xdead, tx_flag = 0xdead;
	struct rte_mbuf_dynfield f;

	(void)state;
	assert_int_equal(rte_mbuf_dyn_rx_timestamp_register(&rx_off, &rx_flag), 0);
	assert_int_equal(rte_mbuf_dyn_tx_timestamp_register(&tx_off, &tx_flag), 0);
	assert_int_equal(rx_off, 96);
	assert_int_equal(tx_off, 96);
	assert_true(rx_flag == 1ULL << 23);
	assert_true(tx_flag == 1ULL << 24);
	assert_int_equal(rte_mbuf_dynfield_lookup(RTE_MBUF_DYNFIELD_TIMESTAMP_NAME, &f), 96);
	assert_int_equal(f.size, sizeof(rte_mbuf_timestamp_t));
	assert_int_equal(rte_mbuf_dynflag_lookup(RTE_MBUF_DYNFLAG_RX_TIMESTAMP_NAME, NULL), 23);
	assert_int_equal(rte_mbuf_dynflag_lookup(RTE_MBUF_DYNFLAG_TX_TIMESTAMP_NAME, NULL), 24);
	/* Outputs are optional, and a second registration is the same one. */
	assert_int_equal(rte_mbuf_dyn_rx_timestamp_register(NULL, NULL), 0);
	/* Someone else's "timestamp" of another size: the helper fails. */
	rte_eal_cleanup();
	assert_int_equal(rtetest_boot("-l 0-1"), 0);
	f = field(RTE_MBUF_DYNFIELD_TIMESTAMP_NAME, 4, 4);
	assert_int_equal(rte_mbuf_dynfield_register(&f), 92);
	assert_fails_with(rte_mbuf_dyn_rx_timestamp_register(&rx_off, &rx_flag), EEXIST);
}

static void test_dyn_dump(void **state)
{
	struct rte_mbuf_dynfield f = field("dumped_field", 2, 2);
	struct rte_mbuf_dynflag fl = flag("dumped_flag");
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	(void)state;
	assert_int_equal(rte_mbuf_dynfield_register(&f), 92);
	assert_int_equal(rte_mbuf_dynflag_register(&fl), 23);
	out = open_memstream(&text, &len);
	assert_non_null(out);
	rte_mbuf_dyn_dump(out);
	fclose(out);
	assert_non_null(strstr(text, "name=dumped_field offset=92 size=2 align=2"));
	assert_non_null(strstr(text, "name=dumped_flag bitnum=23"));
	/* 92, 93 taken; 94, 95 a 2-byte zone; 96..127 one 32-byte zone. */
	assert_non_null(strstr(text, "  0058: 00 00 00 00 00 00 02 02\n"));
	assert_non_null(strstr(text, "  0060: 20 20 20 20 20 20 20 20\n"));
	/* Free bits are 23..40; 23 is now taken. */
	assert_non_null(strstr(text, "  0010: 0 0 0 0 0 0 0 0\n"));
	assert_non_null(strstr(text, "  0018: 1 1 1 1 1 1 1 1\n"));
	assert_non_null(strstr(text, "  0028: 1 0 0 0 0 0 0 0\n"));
	free(text);
}

static void test_pool_ops(void **state)
{
	char too_long[RTE_MEMPOOL_OPS_NAMESIZE + 1];
	struct rte_mempool *mp;

	(void)state;
	assert_null(rte_mbuf_platform_mempool_ops());
	assert_null(rte_mbuf_user_mempool_ops());
	assert_string_equal(rte_mbuf_best_mempool_ops(), "ring_mp_mc");

	assert_int_equal(rte_mbuf_set_platform_mempool_ops("ring_sp_sc"), 0);
	assert_string_equal(rte_mbuf_platform_mempool_ops(), "ring_sp_sc");
	assert_string_equal(rte_mbuf_best_mempool_ops(), "ring_sp_sc");
	/* The platform's choice is made once. */
	assert_int_equal(rte_mbuf_set_platform_mempool_ops("ring_sp_sc"), 0);
	assert_int_equal(rte_mbuf_set_platform_mempool_ops("ring_mp_sc"), -EEXIST);
	assert_string_equal(rte_mbuf_platform_mempool_ops(), "ring_sp_sc");

	/* The user's wins, and may change. */
	assert_int_equal(rte_mbuf_set_user_mempool_ops("ring_mp_sc"), 0);
	assert_int_equal(rte_mbuf_set_user_mempool_ops("ring_sp_mc"), 0);
	assert_string_equal(rte_mbuf_user_mempool_ops(), "ring_sp_mc");
	assert_string_equal(rte_mbuf_best_mempool_ops(), "ring_sp_mc");

	memset(too_long, 'x', sizeof(too_long) - 1);
	too_long[sizeof(too_long) - 1] = '\0';
	assert_int_equal(rte_mbuf_set_user_mempool_ops(too_long), -ENAMETOOLONG);
	assert_int_equal(rte_mbuf_set_user_mempool_ops(NULL), -EINVAL);
	assert_int_equal(rte_mbuf_set_user_mempool_ops(""), -EINVAL);
	assert_int_equal(rte_mbuf_set_platform_mempool_ops(""), -EINVAL);
	assert_string_equal(rte_mbuf_user_mempool_ops(), "ring_sp_mc");

	/* rte_pktmbuf_pool_create takes the best; _by_ops the one it is given. */
	mp = rte_pktmbuf_pool_create("best", 63, 0, 0, 256, SOCKET_ID_ANY);
	assert_non_null(mp);
	assert_string_equal(rte_mempool_get_ops(mp->ops_index)->name, "ring_sp_mc");
	rte_mempool_free(mp);
	mp = rte_pktmbuf_pool_create_by_ops("given", 63, 0, 0, 256, SOCKET_ID_ANY, "ring_mp_mc");
	assert_non_null(mp);
	assert_string_equal(rte_mempool_get_ops(mp->ops_index)->name, "ring_mp_mc");
	rte_mempool_free(mp);
}

static void test_ol_flag_names(void **state)
{
	char buf[256];

	(void)state;
	assert_string_equal(rte_get_rx_ol_flag_name(RTE_MBUF_F_RX_VLAN), "RTE_MBUF_F_RX_VLAN");
	assert_string_equal(rte_get_rx_ol_flag_name(RTE_MBUF_F_RX_L4_CKSUM_NONE),
			    "RTE_MBUF_F_RX_L4_CKSUM_NONE");
	assert_string_equal(rte_get_rx_ol_flag_name(RTE_MBUF_F_RX_OUTER_L4_CKSUM_INVALID),
			    "RTE_MBUF_F_RX_OUTER_L4_CKSUM_INVALID");
	assert_null(rte_get_rx_ol_flag_name(0));
	assert_null(rte_get_rx_ol_flag_name(RTE_MBUF_F_FIRST_FREE));
	assert_null(rte_get_rx_ol_flag_name(RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_RSS_HASH));
	assert_string_equal(rte_get_tx_ol_flag_name(RTE_MBUF_F_TX_TUNNEL_VXLAN),
			    "RTE_MBUF_F_TX_TUNNEL_VXLAN");
	assert_string_equal(rte_get_tx_ol_flag_name(RTE_MBUF_F_TX_UDP_CKSUM),
			    "RTE_MBUF_F_TX_UDP_CKSUM");
	assert_null(rte_get_tx_ol_flag_name(RTE_MBUF_F_RX_VLAN));

	/* testpmd's "ol_flags:" line of a plain frame, and of a checked one. */
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(rte_get_rx_ol_flag_list(0, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN "
				 "RTE_MBUF_F_RX_OUTER_L4_CKSUM_UNKNOWN ");
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(rte_get_rx_ol_flag_list(RTE_MBUF_F_RX_RSS_HASH |
						 RTE_MBUF_F_RX_L4_CKSUM_GOOD |
						 RTE_MBUF_F_RX_IP_CKSUM_GOOD, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "RTE_MBUF_F_RX_RSS_HASH RTE_MBUF_F_RX_L4_CKSUM_GOOD "
				 "RTE_MBUF_F_RX_IP_CKSUM_GOOD RTE_MBUF_F_RX_OUTER_L4_CKSUM_UNKNOWN ");
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(rte_get_tx_ol_flag_list(RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_TCP_CKSUM,
						 buf, sizeof(buf)), 0);
	assert_string_equal(buf, "RTE_MBUF_F_TX_TCP_CKSUM RTE_MBUF_F_TX_IPV4 ");
	/* Too small, by one byte or entirely. */
	assert_int_equal(rte_get_tx_ol_flag_list(RTE_MBUF_F_TX_IPV4, buf,
						 strlen("RTE_MBUF_F_TX_L4_NO_CKSUM ")), -1);
	assert_int_equal(rte_get_rx_ol_flag_list(0, buf, 0), -1);
}

static void test_tx_offload_and_sched(void **state)
{
	struct rte_mbuf m;
	uint32_t q = 0;
	uint8_t tc = 0, color = 0;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.l2_len = 14;
	m.l3_len = 20;
	m.l4_len = 32;
	m.tso_segsz = 1448;
	m.outer_l3_len = 40;
	m.outer_l2_len = 18;
#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN
	/* The shifts match the bitfields' image only where bitfields fill from
	 * the low bit: DPDK's function is the same, little-endian only. */
	assert_true(rte_mbuf_tx_offload(14, 20, 32, 1448, 40, 18, 0) == m.tx_offload);
#endif
	assert_int_equal(RTE_MBUF_TXOFLD_UNUSED_OFS, 56);
	assert_int_equal(RTE_MBUF_TXOFLD_UNUSED_BITS, 8);

	assert_int_equal(rte_validate_tx_offload(&m), 0); /* no offload asked */
	m.ol_flags = RTE_MBUF_F_TX_IPV6 | RTE_MBUF_F_TX_IP_CKSUM;
	assert_int_equal(rte_validate_tx_offload(&m), -EINVAL);
	m.ol_flags = RTE_MBUF_F_TX_TCP_CKSUM;
	assert_int_equal(rte_validate_tx_offload(&m), -EINVAL);
	m.ol_flags = RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_IPV4;
	assert_int_equal(rte_validate_tx_offload(&m), -EINVAL);
	m.ol_flags |= RTE_MBUF_F_TX_IP_CKSUM;
	assert_int_equal(rte_validate_tx_offload(&m), 0);
	m.tso_segsz = 0;
	assert_int_equal(rte_validate_tx_offload(&m), -EINVAL);
	m.ol_flags = RTE_MBUF_F_TX_OUTER_IP_CKSUM | RTE_MBUF_F_TX_OUTER_IPV6;
	assert_int_equal(rte_validate_tx_offload(&m), -EINVAL);
	m.ol_flags = RTE_MBUF_F_TX_OUTER_IP_CKSUM | RTE_MBUF_F_TX_OUTER_IPV4;
	assert_int_equal(rte_validate_tx_offload(&m), 0);

	m.hash.sched.reserved = 0xffff;
	rte_mbuf_sched_set(&m, 0x12345678, 3, 2);
	assert_int_equal(m.hash.sched.reserved, 0);
	rte_mbuf_sched_get(&m, &q, &tc, &color);
	assert_int_equal(q, 0x12345678);
	assert_int_equal(tc, 3);
	assert_int_equal(color, 2);
	rte_mbuf_sched_queue_set(&m, 7);
	rte_mbuf_sched_traffic_class_set(&m, 8);
	rte_mbuf_sched_color_set(&m, 1);
	assert_int_equal(rte_mbuf_sched_queue_get(&m), 7);
	assert_int_equal(rte_mbuf_sched_traffic_class_get(&m), 8);
	assert_int_equal(rte_mbuf_sched_color_get(&m), 1);
	assert_int_equal(m.hash.usr, 7);
}

/* free_cb of the tests' external buffers: counts calls and checks its arguments. */
static unsigned int ext_frees;
static void *ext_freed_addr;

static void ext_free(void *addr, void *opaque)
{
	ext_frees++;
	ext_freed_addr = addr;
	assert_ptr_equal(opaque, &ext_frees);
}

static void test_extbuf_attach(void **state)
{
	struct rte_mbuf_ext_shared_info *shinfo;
	struct rte_mempool *mp;
	struct rte_mbuf *m, *c;
	uint16_t len = 2048;
	uint8_t *ext;

	(void)state;
	mp = rte_pktmbuf_pool_create("ext", 16, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	assert_non_null(mp);
	ext = rte_malloc("ext", 2048, 64);
	assert_non_null(ext);
	ext_frees = 0;

	/* The shinfo takes the 8-byte-aligned tail of the buffer. */
	shinfo = rte_pktmbuf_ext_shinfo_init_helper(ext, &len, ext_free, &ext_frees);
	assert_ptr_equal(shinfo, ext + 2048 - 24);
	assert_int_equal(len, 2048 - 24);
	assert_int_equal(rte_mbuf_ext_refcnt_read(shinfo), 1);
	{
		uint16_t tiny = 24;

		assert_null(rte_pktmbuf_ext_shinfo_init_helper(ext, &tiny, ext_free, NULL));
	}

	m = rte_pktmbuf_alloc(mp);
	assert_non_null(m);
	rte_pktmbuf_attach_extbuf(m, ext, 0x4000000, len, shinfo);
	assert_true(RTE_MBUF_HAS_EXTBUF(m));
	assert_false(RTE_MBUF_DIRECT(m));
	assert_false(RTE_MBUF_CLONED(m));
	assert_ptr_equal(m->buf_addr, ext);
	assert_true(rte_mbuf_iova_get(m) == 0x4000000);
	assert_int_equal(m->data_off, 0);
	assert_ptr_equal(rte_mbuf_to_baddr(m), (char *)m + sizeof(*m));
	memcpy(rte_pktmbuf_append(m, 100), "external data", 14);

	/* A clone shares the buffer: one more reference, no INDIRECT. */
	c = rte_pktmbuf_clone(m, mp);
	assert_non_null(c);
	assert_ptr_equal(c->buf_addr, ext);
	assert_ptr_equal(c->shinfo, shinfo);
	assert_false(RTE_MBUF_CLONED(c));
	assert_int_equal(rte_mbuf_ext_refcnt_read(shinfo), 2);
	assert_int_equal(rte_mbuf_refcnt_read(m), 1);

	rte_pktmbuf_free(m);
	assert_int_equal(ext_frees, 0);
	assert_string_equal(rte_pktmbuf_mtod(c, char *), "external data");
	rte_pktmbuf_free(c);
	assert_int_equal(ext_frees, 1);
	assert_ptr_equal(ext_freed_addr, ext);

	/* Both mbufs went back direct, with their own buffers again. */
	rte_mempool_cache_flush(NULL, mp);
	assert_int_equal(rte_mempool_avail_count(mp), 16);
	m = rte_pktmbuf_alloc(mp);
	assert_true(RTE_MBUF_DIRECT(m));
	assert_ptr_equal(m->buf_addr, (char *)m + sizeof(*m));
	rte_pktmbuf_free(m);
	rte_free(ext);
	rte_mempool_free(mp);
}

static void test_pool_create_extbuf(void **state)
{
	struct rte_pktmbuf_extmem mem[2];
	struct rte_mempool *mp, *clones;
	struct rte_mbuf *m, *c, *all[8];
	uint8_t *area;
	unsigned int i;

	(void)state;
	area = rte_malloc("pinned", 8 * 1024, 64);
	assert_non_null(area);
	/* Two areas of four 1 KB buffers (the second with a tail too small for one). */
	mem[0].buf_ptr = area;
	mem[0].buf_iova = rte_malloc_virt2iova(area);
	mem[0].buf_len = 4 * 1024;
	mem[0].elt_size = 1024;
	mem[1] = mem[0];
	mem[1].buf_ptr = area + 4 * 1024;
	mem[1].buf_iova = mem[0].buf_iova + 4 * 1024;
	mem[1].buf_len = 4 * 1024 - 1;
	mem[1].elt_size = 1024;

	rte_errno = 0;
	assert_null(rte_pktmbuf_pool_create_extbuf("pinned", 8, 0, 0, 1024, SOCKET_ID_ANY, mem, 2));
	assert_int_equal(rte_errno, EINVAL); /* only 7 buffers */
	rte_errno = 0;
	assert_null(rte_pktmbuf_pool_create_extbuf("pinned", 4, 0, 0, 2048, SOCKET_ID_ANY, mem, 2));
	assert_int_equal(rte_errno, EINVAL); /* data room above elt_size */
	assert_null(rte_mempool_lookup("pinned"));

	mp = rte_pktmbuf_pool_create_extbuf("pinned", 7, 0, 0, 1024, SOCKET_ID_ANY, mem, 2);
	assert_non_null(mp);
	assert_int_equal(rte_pktmbuf_priv_flags(mp), RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF);
	assert_int_equal(rte_pktmbuf_alloc_bulk(mp, all, 7), 0);
	for (i = 0; i < 7; i++) {
		const size_t off = (size_t)((uint8_t *)all[i]->buf_addr - area);

		assert_true(RTE_MBUF_HAS_EXTBUF(all[i]));
		assert_true(RTE_MBUF_HAS_PINNED_EXTBUF(all[i]));
		assert_true(off < 7 * 1024 && off % 1024 == 0);
		assert_true(all[i]->buf_iova == mem[0].buf_iova + off);
		assert_int_equal(all[i]->buf_len, 1024);
		assert_int_equal(all[i]->data_off, RTE_PKTMBUF_HEADROOM);
	}
	rte_pktmbuf_free_bulk(all, 7);
	rte_mempool_cache_flush(NULL, mp);
	assert_int_equal(rte_mempool_avail_count(mp), 7);

	/* Freed while a clone reads its buffer: it comes back with the last clone. */
	clones = rte_pktmbuf_pool_create("clones", 4, 0, 0, 128, SOCKET_ID_ANY);
	assert_non_null(clones);
	m = rte_pktmbuf_alloc(mp);
	assert_non_null(m);
	memcpy(rte_pktmbuf_append(m, 6), "pinned", 6);
	c = rte_pktmbuf_clone(m, clones);
	assert_non_null(c);
	assert_int_equal(rte_mbuf_ext_refcnt_read(m->shinfo), 2);
	rte_pktmbuf_free(m);
	rte_mempool_cache_flush(NULL, mp);
	assert_int_equal(rte_mempool_avail_count(mp), 6);
	assert_memory_equal(rte_pktmbuf_mtod(c, char *), "pinned", 6);
	rte_pktmbuf_free(c);
	rte_mempool_cache_flush(NULL, mp);
	assert_int_equal(rte_mempool_avail_count(mp), 7);
	rte_mempool_cache_flush(NULL, clones);
	assert_int_equal(rte_mempool_avail_count(clones), 4);
	m = rte_pktmbuf_alloc(mp);
	assert_true(RTE_MBUF_HAS_EXTBUF(m));
	assert_int_equal(rte_mbuf_ext_refcnt_read(m->shinfo), 1);
	rte_pktmbuf_free(m);

	rte_mempool_free(clones);
	rte_mempool_free(mp);
	rte_free(area);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_layout),
		cmocka_unit_test(test_fresh_mbuf),
		cmocka_unit_test(test_every_buf_iova),
		cmocka_unit_test(test_priv_size),
		cmocka_unit_test(test_bad_pools),
		cmocka_unit_test(test_pool_too_big),
		cmocka_unit_test(test_data_ops),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_chain_limits),
		cmocka_unit_test(test_refcnt),
		cmocka_unit_test(test_refcnt_two_lcores),
		cmocka_unit_test(test_bulk),
		cmocka_unit_test(test_free_bulk_two_pools),
		cmocka_unit_test(test_clone),
		cmocka_unit_test(test_clone_chain),
		cmocka_unit_test(test_attach_detach),
		cmocka_unit_test(test_copy_and_linearize),
		cmocka_unit_test(test_dump),
	};

	const struct CMUnitTest fresh[] = {
		cmocka_unit_test_setup_teardown(test_dynfield_register, boot_fresh, cleanup_fresh),
		cmocka_unit_test_setup_teardown(test_dynfield_exhaustion, boot_fresh, cleanup_fresh),
		cmocka_unit_test_setup_teardown(test_dynfield_best_fit, boot_fresh, cleanup_fresh),
		cmocka_unit_test_setup_teardown(test_dyn_failure_leaves_no_trace, boot_fresh,
						cleanup_fresh),
		cmocka_unit_test_setup_teardown(test_dynfield_exhaustion_narrow, boot_fresh,
						cleanup_fresh),
		cmocka_unit_test_setup_teardown(test_dynflag_register, boot_fresh, cleanup_fresh),
		cmocka_unit_test_setup_teardown(test_timestamp_register, boot_fresh, cleanup_fresh),
		cmocka_unit_test_setup_teardown(test_dyn_dump, boot_fresh, cleanup_fresh),
		cmocka_unit_test_setup_teardown(test_pool_ops, boot_fresh, cleanup_fresh),
		cmocka_unit_test_setup_teardown(test_extbuf_attach, boot_fresh, cleanup_fresh),
		cmocka_unit_test_setup_teardown(test_pool_create_extbuf, boot_fresh, cleanup_fresh),
		cmocka_unit_test(test_ol_flag_names),
		cmocka_unit_test(test_tx_offload_and_sched),
	};
	int fails = cmocka_run_group_tests_name("mbuf", tests, setup, teardown);

	return fails + cmocka_run_group_tests_name("mbuf, fresh EAL per test", fresh, NULL, NULL);
}
