/* SPDX-License-Identifier: BSD-3-Clause
 * rte_mbuf: pool layout and every mbuf's buf_iova against its memseg,
 * headroom and data operations, chains freed whole, reference counts
 * (also from two lcores at once), bulk alloc/free and bad input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
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

	return cmocka_run_group_tests_name("mbuf", tests, setup, teardown);
}
