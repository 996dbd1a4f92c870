/* SPDX-License-Identifier: BSD-3-Clause
 * The i40e receive path end to end on the emulated X710: ethdev calls,
 * the PMD, the device's DMA into mbufs. Frames come from the device's
 * packet source one explicit step at a time (sim_i40e_deliver), so every
 * count is exact.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_mbuf_ptype.h>
#include <rte_mempool.h>
#include <rte_memzone.h>
#include <rte_vect.h>

#include "rtetest.h"

#ifdef RTEMEM_HAL_sim
#include "ethdev_driver.h"
#include "i40e_ethdev.h"
#include "i40e_regs.h"
#include "pkt_source.h"
#include "sim_crc.h"
#include "sim_i40e.h"

#define POOL_SIZE 4096
#define BURST 32

static struct rte_mempool *pool;
static struct sim_i40e *dev;

static const struct pkt_gen_config base_cfg = {
	.count = 0, .min_len = 60, .max_len = 1500, .flows = 64, .seed = 3,
	.dst_mac = { 0x02, 0x72, 0x74, 0x65, 0, 0 }, .src_mac = { 0x02, 0, 0, 0, 0, 1 },
};

static int setup(void **state)
{
	(void)state;
	if (rtetest_eal_init("--sim=nic=x710 -l 0-1") < 0)
		return -1;
	pool = rte_pktmbuf_pool_create("rx_pool", POOL_SIZE, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	dev = sim_i40e_get(0);
	if (pool == NULL || dev == NULL)
		return -1;
	sim_i40e_set_auto_deliver(dev, false);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (rte_eth_dev_count_avail() > 0) {
		rte_eth_dev_stop(0);
		rte_eth_dev_close(0);
	}
	rte_mempool_free(pool);
	rte_eal_cleanup();
	return 0;
}

/* Every test starts from a freshly probed port and leaves none behind.
 * The tests written against the scalar path's behaviour (a burst of one,
 * refill per frame, the tail after rx_free_thresh) pin the port to it;
 * the faster paths have their own tests below, which compare them with
 * it. */
static int any_path_setup(void **state)
{
	(void)state;
	sim_i40e_set_auto_deliver(dev, false);
	sim_i40e_set_source(dev, NULL);
	return rte_eth_dev_count_avail() == 1 ? 0 : -1;
}

static int test_setup(void **state)
{
	if (any_path_setup(state) != 0)
		return -1;
	return i40e_set_rx_path_limit(&rte_eth_devices[0], I40E_RX_PATH_SCALAR);
}

/* The mapping tests again, capped at the bulk-alloc path and on the
 * default one (vector, where the configuration and the build allow). */
static int bulk_setup(void **state)
{
	if (any_path_setup(state) != 0)
		return -1;
	return i40e_set_rx_path_limit(&rte_eth_devices[0], I40E_RX_PATH_BULK_ALLOC);
}

/* The 128-bit vector path (SSE, Neon), where the default is AVX2. */
static int vec128_setup(void **state)
{
	if (any_path_setup(state) != 0)
		return -1;
	return i40e_set_rx_path_limit(&rte_eth_devices[0], I40E_RX_PATH_VECTOR);
}

#define ON_PATH(f, setup, path) { #f " (" path ")", f, setup, test_teardown, NULL }
#define ON_EVERY_PATH(f) \
	cmocka_unit_test_setup_teardown(f, test_setup, test_teardown), \
	ON_PATH(f, bulk_setup, "bulk alloc"), ON_PATH(f, vec128_setup, "128-bit vector"), \
	ON_PATH(f, any_path_setup, "default path")

static int test_teardown(void **state)
{
	(void)state;
	rte_eth_dev_stop(0);
	rte_eth_dev_close(0);
	sim_i40e_set_source(dev, NULL);
	return 0;
}

static int port_up(uint16_t nq, uint16_t nb_desc, uint32_t mtu, uint64_t offloads,
		   struct rte_mempool *mp)
{
	struct rte_eth_conf conf;
	int ret;

	memset(&conf, 0, sizeof(conf));
	/* RSS on every type the port hashes, with one queue too, so that
	 * frames carry their hash (rss_hf 0 would leave RSS off, as DPDK) */
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	conf.rx_adv_conf.rss_conf.rss_hf = I40E_RSS_OFFLOADS;
	conf.rxmode.mtu = mtu;
	conf.rxmode.offloads = offloads;
	ret = rte_eth_dev_configure(0, nq, 0, &conf);
	if (ret != 0)
		return ret;
	for (uint16_t q = 0; q < nq; q++) {
		ret = rte_eth_rx_queue_setup(0, q, nb_desc, 0, NULL, mp);
		if (ret != 0)
			return ret;
	}
	return rte_eth_dev_start(0);
}

/* Does port 0 hash IPv4 UDP frames (RSS_HASH flag, hash.rss)? */
static bool port_hashes_udp(void)
{
	struct rte_eth_rss_conf rc = { .rss_key = NULL };

	return rte_eth_dev_rss_hash_conf_get(0, &rc) == 0 &&
	       (rc.rss_hf & RTE_ETH_RSS_NONFRAG_IPV4_UDP) != 0;
}

/* Compare a received mbuf chain with generator frame idx. */
static void check_mbuf(const struct pkt_gen_config *cfg, struct rte_mbuf *m, uint64_t idx)
{
	static uint8_t want[PKT_SOURCE_MAX_FRAME];
	int len = pkt_gen_frame(cfg, idx, want, sizeof(want));
	uint32_t off = 0;
	uint16_t segs = 0;

	assert_true(len > 0);
	assert_int_equal(m->pkt_len, (uint32_t)len);
	assert_int_equal(m->port, 0);
	assert_int_equal(m->packet_type,
			 RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN | RTE_PTYPE_L4_UDP);
	/* a hash exactly when the port has RSS on (generated frames are UDP) */
	assert_int_equal(!!(m->ol_flags & RTE_MBUF_F_RX_RSS_HASH), port_hashes_udp());
	for (struct rte_mbuf *s = m; s != NULL; s = s->next) {
		assert_true(s->data_len <= 2048);
		assert_true(s->next == NULL || s->data_len == 2048);
		assert_int_equal(s->data_off, RTE_PKTMBUF_HEADROOM);
		assert_memory_equal(rte_pktmbuf_mtod(s, uint8_t *), want + off, s->data_len);
		off += s->data_len;
		segs++;
	}
	assert_int_equal(off, (uint32_t)len);
	assert_int_equal(m->nb_segs, segs);
	assert_int_equal(segs, (len + 2047) / 2048);
}

/* Mark every free mbuf's fields that the driver must write. */
static void poison_pool(void)
{
	static struct rte_mbuf *all[POOL_SIZE];
	unsigned int n = rte_mempool_avail_count(pool);

	assert_int_equal(rte_pktmbuf_alloc_bulk(pool, all, n), 0);
	for (unsigned int i = 0; i < n; i++) {
		all[i]->vlan_tci = 0xbeef;
		all[i]->vlan_tci_outer = 0xbeef;
		all[i]->packet_type = 0xdeadbeef;
		all[i]->port = 0xbeef; /* the path must name the port of each mbuf */
	}
	for (unsigned int i = 0; i < n; i++)
		rte_pktmbuf_free(all[i]);
}

/* Receive at most one frame on queue 0, on any path: the vector one takes
 * four at a time and gives nothing when asked for fewer, so ask for four
 * with at most one frame waiting. */
static uint16_t rx_burst_one(struct rte_mbuf **m)
{
	struct rte_mbuf *pkts[8]; /* the smallest burst of every path (AVX2: 8) */
	uint16_t n = rte_eth_rx_burst(0, 0, pkts, RTE_DIM(pkts));

	assert_true(n <= 1);
	*m = n == 1 ? pkts[0] : NULL;
	return n;
}

/* Receive on queue q until empty; check frames against cfg in order from
 * *next (one queue only) and free them. Returns how many. */
static unsigned int drain(const struct pkt_gen_config *cfg, uint16_t q, uint64_t *next)
{
	struct rte_mbuf *pkts[BURST];
	unsigned int total = 0;
	uint16_t n;

	do {
		n = rte_eth_rx_burst(0, q, pkts, BURST);
		for (uint16_t i = 0; i < n; i++) {
			int64_t idx = pkt_gen_frame_index(rte_pktmbuf_mtod(pkts[i], uint8_t *),
							  pkts[i]->data_len);

			if (next != NULL) {
				assert_int_equal(idx, (int64_t)*next);
				(*next)++;
			}
			check_mbuf(cfg, pkts[i], (uint64_t)idx);
			rte_pktmbuf_free(pkts[i]);
		}
		total += n;
	} while (n > 0);
	return total;
}

/* ---- tests ------------------------------------------------------------- */

static void test_probe_and_info(void **state)
{
	struct rte_eth_dev_info info;
	struct rte_ether_addr mac;
	unsigned int ports = 0;
	uint16_t p;

	(void)state;
	assert_int_equal(rte_eth_dev_count_avail(), 1);
	RTE_ETH_FOREACH_DEV(p)
		ports++;
	assert_int_equal(ports, 1);
	assert_int_equal(rte_eth_dev_info_get(0, &info), 0);
	assert_string_equal(info.driver_name, "net_i40e");
	assert_int_equal(info.rx_desc_lim.nb_max, 4096);
	assert_int_equal(info.rx_desc_lim.nb_min, 64);
	assert_int_equal(info.rx_desc_lim.nb_align, 32);
	/* DPDK 22.11's i40e defaults: prefetch, host and write-back thresholds */
	assert_int_equal(info.default_rxconf.rx_free_thresh, 32);
	assert_int_equal(info.default_rxconf.rx_thresh.pthresh, 8);
	assert_int_equal(info.default_rxconf.rx_thresh.hthresh, 8);
	assert_int_equal(info.default_rxconf.rx_thresh.wthresh, 0);
	assert_int_equal(info.default_rxconf.rx_drop_en, 0);
	assert_int_equal(info.max_rx_pktlen, 9728);
	assert_int_equal(info.speed_capa, RTE_ETH_LINK_SPEED_10G);
	assert_int_equal(rte_eth_macaddr_get(0, &mac), 0);
	assert_int_equal(mac.addr_bytes[0], 0x02);
	assert_int_equal(mac.addr_bytes[1], 0x72);
	assert_int_equal(mac.addr_bytes[5], 0x00);
	assert_int_equal(rte_eth_dev_socket_id(0), 0);
	assert_int_equal(rte_eth_dev_socket_id(7), -1);
	assert_int_equal(rte_eth_dev_info_get(7, &info), -ENODEV);
	assert_int_equal(rte_eth_macaddr_get(7, &mac), -ENODEV);
	assert_int_equal(rte_eth_rx_burst(7, 0, NULL, 4), 0);
	/* As DPDK: a queue the port was not configured with is -EINVAL; the
	 * driver (rx only) is asked nothing. */
	assert_int_equal(rte_eth_tx_queue_setup(0, 0, 512, 0, NULL), -EINVAL);
}

static void test_mixed_sizes_byte_identical(void **state)
{
	static const uint32_t sizes[] = { 60, 64, 128, 1514, 2047, 2048, 2049, 4096,
					  6000, 8191, 9000, 61, 1500, 9000, 3000, 100 };
	struct pkt_gen_config cfg = base_cfg;
	struct rte_eth_stats st;
	char path[64];
	uint64_t next = 0, bytes = 0;
	unsigned int got = 0;

	(void)state;
	cfg.sizes = sizes;
	cfg.n_sizes = RTE_DIM(sizes);
	cfg.count = 20 * RTE_DIM(sizes);
	snprintf(path, sizeof(path), "/tmp/rtemem_test_i40e_rx_%d.pcap", (int)getpid());
	assert_int_equal(pkt_gen_write_pcap(&cfg, path), 0);
	sim_i40e_set_source(dev, pkt_source_pcap_open(path));
	unlink(path);
	assert_int_equal(port_up(1, 512, 9000, RTE_ETH_RX_OFFLOAD_SCATTER, pool), 0);
	while (sim_i40e_deliver(dev, 8) > 0)
		got += drain(&cfg, 0, &next);
	assert_int_equal(got, cfg.count);
	for (uint64_t i = 0; i < cfg.count; i++)
		bytes += sizes[i % RTE_DIM(sizes)];
	assert_int_equal(rte_eth_stats_get(0, &st), 0);
	assert_int_equal(st.ipackets, cfg.count);
	assert_int_equal(st.ibytes, bytes);
	assert_int_equal(st.q_ipackets[0], cfg.count);
	assert_int_equal(st.q_ibytes[0], bytes);
	assert_int_equal(st.q_errors[0], 0);
	assert_int_equal(st.imissed, 0);
	assert_int_equal(st.ierrors, 0);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

static void test_ring_wraps_many_times(void **state)
{
	struct pkt_gen_config cfg = base_cfg;
	uint64_t next = 0;
	unsigned int got = 0;

	(void)state;
	cfg.count = 5000;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	poison_pool(); /* the refills' mbufs name no port until the path does */
	assert_int_equal(port_up(1, 64, 0, 0, pool), 0);
	/* 5000 frames through 64 descriptors: about 80 times round */
	while (sim_i40e_deliver(dev, 16) > 0)
		got += drain(&cfg, 0, &next);
	assert_int_equal(got, 5000);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

/*
 * The tail register against a model of the driver (DPDK's rule): it is
 * written only when more than rx_free_thresh descriptors are held, and then
 * names the last re-armed descriptor, one before the next to read, so the
 * device owns all but one. Read from the device: QRX_TAIL and the head.
 */
static void test_tail_follows_the_model(void **state)
{
	const uint16_t n = 128, thresh = 32;
	struct pkt_gen_config cfg = base_cfg;
	struct rte_eth_rxconf rxconf;
	struct rte_eth_conf conf;
	const struct hal_bar *bar;
	uint16_t next = 0, tail = n - 1;
	uint64_t frame = 0;
	/* frames per round: below, at and above the threshold, and wraps */
	const unsigned int rounds[] = { 33, 10, 23, 32, 1, 40, 64, 100, 127, 5, 90 };

	(void)state;
	cfg.count = 1000;
	cfg.max_len = 1500; /* one descriptor each */
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	sim_i40e_set_auto_deliver(dev, false);
	memset(&conf, 0, sizeof(conf));
	memset(&rxconf, 0, sizeof(rxconf));
	rxconf.rx_free_thresh = thresh;
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, n, 0, &rxconf, pool), 0);
	assert_int_equal(rte_eth_dev_start(0), 0);
	bar = &((struct i40e_rx_queue *)rte_eth_devices[0].rx_queues[0])->adapter->bar;
	assert_int_equal(hal_bar_read32(bar, I40E_QRX_TAIL(0)), n - 1);
	assert_int_equal(hal_bar_read32(bar, I40E_SIM_QRX_HEAD(0)), 0);

	for (size_t r = 0; r < RTE_DIM(rounds); r++) {
		unsigned int held = (uint16_t)(next - tail - 1 + n) % n; /* re-armed, not given */
		uint32_t head;

		assert_int_equal(sim_i40e_deliver(dev, rounds[r]), rounds[r]);
		assert_int_equal(drain(&cfg, 0, &frame), rounds[r]);
		next = (uint16_t)((next + rounds[r]) % n);
		held += rounds[r];
		if (held > thresh)
			tail = (uint16_t)((next + n - 1) % n);
		head = hal_bar_read32(bar, I40E_SIM_QRX_HEAD(0));
		assert_int_equal(head, next);
		assert_int_equal(hal_bar_read32(bar, I40E_QRX_TAIL(0)), tail);
		/* the device owns [head, tail): n - 1 right after a tail write */
		assert_int_equal((tail + n - head) % n, held > thresh ? n - 1u : n - 1u - held);
	}
	assert_int_equal(frame, 0 + 33 + 10 + 23 + 32 + 1 + 40 + 64 + 100 + 127 + 5 + 90);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

static void test_slow_consumer_drops(void **state)
{
	struct pkt_gen_config cfg = base_cfg;
	struct sim_i40e_queue_stats qs;
	struct rte_eth_stats st;
	uint64_t next = 0;

	(void)state;
	cfg.count = 300;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	assert_int_equal(port_up(1, 64, 0, 0, pool), 0);
	assert_int_equal(rte_eth_stats_reset(0), 0);
	/* 200 frames arrive while nobody reads: 63 fit, 137 are missed */
	assert_int_equal(sim_i40e_deliver(dev, 200), 200);
	assert_int_equal(rte_eth_stats_get(0, &st), 0);
	assert_int_equal(st.imissed, 137);
	/* the 63 that fit are frames 0..62, intact */
	assert_int_equal(drain(&cfg, 0, &next), 63);
	assert_int_equal(next, 63);
	/* the rest arrive into a drained ring: frames 200..299 */
	next = 200;
	while (sim_i40e_deliver(dev, 20) > 0)
		assert_int_equal(drain(&cfg, 0, &next), 20);
	assert_int_equal(next, 300);
	assert_int_equal(rte_eth_stats_get(0, &st), 0);
	assert_int_equal(st.ipackets, 163);
	assert_int_equal(st.imissed, 137);
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &qs), 0);
	assert_int_equal(qs.dma_errors, 0);
	assert_int_equal(rte_eth_stats_reset(0), 0);
	assert_int_equal(rte_eth_stats_get(0, &st), 0);
	assert_int_equal(st.ipackets, 0);
	assert_int_equal(st.imissed, 0);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

static void test_start_with_exhausted_pool(void **state)
{
	struct rte_mempool *small = rte_pktmbuf_pool_create("small", 100, 0, 0,
							     RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	struct rte_eth_conf conf;
	unsigned int before;

	(void)state;
	assert_non_null(small);
	before = rte_mempool_avail_count(small);
	assert_int_equal(before, 100);
	memset(&conf, 0, sizeof(conf));
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 128, 0, NULL, small), 0);
	assert_int_equal(rte_eth_dev_start(0), -ENOMEM);
	assert_int_equal(rte_mempool_avail_count(small), before);
	/* the port stayed stopped and can be started with enough mbufs */
	assert_int_equal(rte_eth_rx_burst(0, 0, NULL, 0), 0);
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 64, 0, NULL, small), 0);
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_int_equal(rte_mempool_avail_count(small), before - 64);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(small), before);
	assert_int_equal(rte_eth_dev_close(0), 0);
	rte_mempool_free(small);
}

static void test_stop_start_cycles(void **state)
{
	struct pkt_gen_config cfg = base_cfg;
	uint64_t next = 0;

	(void)state;
	cfg.count = 0; /* endless */
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	assert_int_equal(port_up(2, 128, 0, 0, pool), 0);
	for (int cycle = 0; cycle < 20; cycle++) {
		unsigned int got = 0;

		assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE - 2 * 128);
		assert_int_equal(sim_i40e_deliver(dev, 50), 50);
		got += drain(&cfg, 0, NULL);
		got += drain(&cfg, 1, NULL);
		assert_int_equal(got, 50);
		/* leave some frames in the rings: stop must take those mbufs back too */
		assert_int_equal(sim_i40e_deliver(dev, 10), 10);
		assert_int_equal(rte_eth_dev_stop(0), 0);
		assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
		assert_int_equal(rte_eth_dev_start(0), 0);
	}
	(void)next;
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

static void test_bad_parameters(void **state)
{
	static const uint16_t bad_desc[] = { 1, 32, 63, 65, 96 + 1, 4096 + 32, 8192 };
	struct rte_eth_conf conf;
	struct rte_eth_rxconf rxconf;
	unsigned int before = rte_mempool_avail_count(pool);
	char name[RTE_MEMZONE_NAMESIZE];

	(void)state;
	memset(&conf, 0, sizeof(conf));
	snprintf(name, sizeof(name), "eth_p0_q0_rx_ring");
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 512, 0, NULL, pool), -EINVAL); /* unconfigured */
	assert_int_equal(rte_eth_dev_configure(0, 65, 0, &conf), -EINVAL);
	conf.rxmode.mtu = 9703;
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), -EINVAL);
	conf.rxmode.mtu = 0;
	conf.rxmode.offloads = 1ULL << 40;
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), -EINVAL);
	conf.rxmode.offloads = 0;
	assert_int_equal(rte_eth_dev_configure(0, 2, 0, NULL), -EINVAL);
	assert_int_equal(rte_eth_dev_configure(0, 2, 0, &conf), 0);
	assert_int_equal(rte_eth_dev_start(0), -EINVAL); /* queues not set up */
	for (size_t i = 0; i < RTE_DIM(bad_desc); i++) {
		assert_int_equal(rte_eth_rx_queue_setup(0, 0, bad_desc[i], 0, NULL, pool), -EINVAL);
		assert_null(rte_memzone_lookup(name));
	}
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 512, 0, NULL, NULL), -EINVAL);
	assert_int_equal(rte_eth_rx_queue_setup(0, 2, 512, 0, NULL, pool), -EINVAL);
	memset(&rxconf, 0, sizeof(rxconf));
	assert_null(rte_memzone_lookup(name));

	conf.rxmode.mtu = 9000;
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
	rxconf.rx_free_thresh = 0;
	rxconf.offloads = RTE_ETH_RX_OFFLOAD_SCATTER;
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 512, 0, &rxconf, pool), 0);
	assert_non_null(rte_memzone_lookup(name));
	/* set up again: the old queue goes, one ring remains */
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 256, 0, &rxconf, pool), 0);
	assert_non_null(rte_memzone_lookup(name));

	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_int_equal(rte_eth_dev_start(0), 0); /* as DPDK: already started is fine */
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), -EBUSY);
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 512, 0, &rxconf, pool), -EBUSY);
	assert_int_equal(rte_eth_dev_close(0), -EINVAL);
	/* the driver refuses to start a running queue, and ethdev does not ask it to */
	assert_int_equal(i40e_dev_rx_queue_start(&rte_eth_devices[0], 0), -EBUSY);
	assert_int_equal(rte_eth_dev_rx_queue_start(0, 0), 0);
	assert_int_equal(rte_eth_dev_rx_queue_start(0, 5), -EINVAL);
	assert_int_equal(rte_mempool_avail_count(pool), before - 256);
	/* queue stop/start at run time */
	assert_int_equal(rte_eth_dev_rx_queue_stop(0, 0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), before);
	assert_int_equal(rte_eth_rx_burst(0, 0, NULL, 4), 0);
	assert_int_equal(rte_eth_dev_rx_queue_start(0, 0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), before - 256);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), before);
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_null(rte_memzone_lookup(name));
}

/* A port's whole life gives back every heap byte and memzone it took. */
static void test_close_frees_everything(void **state)
{
	struct rte_malloc_socket_stats before, after;
	struct pkt_gen_config cfg = base_cfg;

	(void)state;
	assert_int_equal(rte_eth_dev_close(0), 0); /* the adapter of test_setup's probe */
	assert_int_equal(rte_malloc_get_socket_stats(0, &before), 0);
	cfg.count = 100;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	assert_int_equal(rte_eth_dev_count_avail(), 1); /* probed again */
	assert_int_equal(port_up(4, 1024, 0, 0, pool), 0);
	while (sim_i40e_deliver(dev, 50) > 0)
		for (uint16_t q = 0; q < 4; q++)
			drain(&cfg, q, NULL);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_int_equal(rte_eth_dev_count_avail(), 1); /* and again, for test_teardown */
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_int_equal(rte_malloc_get_socket_stats(0, &after), 0);
	assert_int_equal(after.alloc_count, before.alloc_count);
	assert_int_equal(after.heap_allocsz_bytes, before.heap_allocsz_bytes);
	assert_null(rte_memzone_lookup("eth_p0_q3_rx_ring"));
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

static void test_bad_buffer_address(void **state)
{
	struct pkt_gen_config cfg = base_cfg;
	struct sim_i40e_queue_stats qs0, qs;
	struct i40e_rx_queue *rxq;
	struct rte_mbuf *pkts[BURST];
	struct rte_eth_stats st;
	uint64_t next;
	uint16_t n;

	(void)state;
	cfg.count = 40;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	assert_int_equal(port_up(1, 64, 0, 0, pool), 0);
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &qs0), 0);
	/* a buggy driver: descriptor 3 points nowhere */
	rxq = rte_eth_devices[0].rx_queues[0];
	rxq->rx_ring[3].read.pkt_addr = rte_cpu_to_le_64(0xbad0000000000ULL);
	assert_int_equal(sim_i40e_deliver(dev, 10), 10);
	/* frames 0-2 and 4-9 arrive, in order; frame 3 is lost and counted on both sides */
	n = rte_eth_rx_burst(0, 0, pkts, BURST);
	assert_int_equal(n, 9);
	for (uint16_t i = 0; i < n; i++) {
		uint64_t want = i < 3 ? i : i + 1u;

		assert_int_equal(pkt_gen_frame_index(rte_pktmbuf_mtod(pkts[i], uint8_t *),
						     pkts[i]->data_len), (int64_t)want);
		check_mbuf(&cfg, pkts[i], want);
		rte_pktmbuf_free(pkts[i]);
	}
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &qs), 0);
	assert_int_equal(qs.dma_errors - qs0.dma_errors, 1);
	assert_int_equal(rte_eth_stats_get(0, &st), 0);
	assert_int_equal(st.ierrors, 1);
	assert_int_equal(st.ipackets, 9);
	/* the queue keeps going */
	next = 10;
	while (sim_i40e_deliver(dev, 10) > 0)
		assert_int_equal(drain(&cfg, 0, &next), 10);
	assert_int_equal(next, 40);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

static void test_mbuf_shortage_during_burst(void **state)
{
	struct rte_mempool *tight = rte_pktmbuf_pool_create("tight", 80, 0, 0,
							     RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	struct pkt_gen_config cfg = base_cfg;
	struct rte_mbuf *pkts[64];
	struct rte_eth_stats st;
	uint16_t n, more;
	uint64_t next;

	(void)state;
	assert_non_null(tight);
	cfg.count = 60;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	assert_int_equal(port_up(1, 64, 0, 0, tight), 0);
	assert_int_equal(sim_i40e_deliver(dev, 40), 40);
	/* 16 spare mbufs: the burst stops after 16 frames for want of replacements */
	n = rte_eth_rx_burst(0, 0, pkts, 64);
	assert_int_equal(n, 16);
	assert_int_equal(rte_eth_stats_get(0, &st), 0);
	assert_int_equal(st.rx_nombuf, 1);
	more = rte_eth_rx_burst(0, 0, pkts + n, 64);
	assert_int_equal(more, 0);
	for (uint16_t i = 0; i < n; i++) {
		check_mbuf(&cfg, pkts[i], i);
		rte_pktmbuf_free(pkts[i]);
	}
	/* with mbufs back, the rest of the frames are there, unharmed */
	next = 16;
	assert_int_equal(drain(&cfg, 0, &next), 24);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_int_equal(rte_mempool_avail_count(tight), 80);
	rte_mempool_free(tight);
}

static void test_rss_spreads_over_queues(void **state)
{
	struct pkt_gen_config cfg = base_cfg;
	struct rte_mbuf *pkts[BURST];
	unsigned int per_q[4] = { 0 }, total = 0;

	(void)state;
	cfg.count = 1000;
	cfg.flows = 200;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	assert_int_equal(port_up(4, 256, 0, 0, pool), 0);
	while (sim_i40e_deliver(dev, 64) > 0) {
		for (uint16_t q = 0; q < 4; q++) {
			uint16_t n;

			while ((n = rte_eth_rx_burst(0, q, pkts, BURST)) > 0) {
				for (uint16_t i = 0; i < n; i++) {
					int64_t idx = pkt_gen_frame_index(
						rte_pktmbuf_mtod(pkts[i], uint8_t *), pkts[i]->data_len);

					check_mbuf(&cfg, pkts[i], (uint64_t)idx);
					/* LUT entry i is queue i % 4, indexed by the hash's low bits */
					assert_int_equal(pkts[i]->hash.rss % 512 % 4, q);
					rte_pktmbuf_free(pkts[i]);
				}
				per_q[q] += n;
			}
		}
	}
	for (int q = 0; q < 4; q++) {
		assert_true(per_q[q] > 100);
		total += per_q[q];
	}
	assert_int_equal(total, 1000);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

static void test_auto_delivery_for_plain_programs(void **state)
{
	struct pkt_gen_config cfg = base_cfg;
	struct rte_mbuf *pkts[BURST];
	unsigned int total = 0;
	int idle = 0;

	(void)state;
	cfg.count = 3000;
	cfg.max_len = 9000;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	sim_i40e_set_auto_deliver(dev, true);
	assert_int_equal(port_up(4, 128, 9000, RTE_ETH_RX_OFFLOAD_SCATTER, pool), 0);
	/* nothing but rx_burst: the device keeps up and drops nothing */
	while (idle < 4) {
		unsigned int round = 0;

		for (uint16_t q = 0; q < 4; q++) {
			uint16_t n = rte_eth_rx_burst(0, q, pkts, BURST);

			for (uint16_t i = 0; i < n; i++) {
				int64_t idx = pkt_gen_frame_index(rte_pktmbuf_mtod(pkts[i], uint8_t *),
								  pkts[i]->data_len);

				check_mbuf(&cfg, pkts[i], (uint64_t)idx);
				rte_pktmbuf_free(pkts[i]);
			}
			round += n;
		}
		total += round;
		idle = round == 0 ? idle + 1 : 0;
	}
	assert_int_equal(total, 3000);
	assert_true(sim_i40e_wire_empty(dev));
	sim_i40e_set_auto_deliver(dev, false);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

/* ---- two lcores, two queues each ------------------------------------------ */

/*
 * Two lcores (the machine may have only two CPUs: more busy threads than
 * CPUs would make every multi-producer ring crawl), each polling two
 * queues, mbufs from a pool with per-lcore caches as real programs use.
 * The device is fed from both threads' tail writes.
 */
#define MT_FRAMES 3000
/* Only a hang guard: a worker gives up when no frame has arrived on any
 * queue for this long, however long the whole run takes on a loaded
 * machine (or under qemu or ThreadSanitizer). */
#define MT_GIVE_UP_SECONDS 10

struct mt_worker {
	uint16_t first_queue;
	uint64_t got;
	uint64_t bad;
	char first_bad[320]; /* what differed in the first bad frame, for the report */
};

static struct pkt_gen_config mt_cfg;
static uint64_t mt_total;

/* "frame F: byte B (segment S ...) has <up to 8 bytes>, sent <the same span>" */
static const char *byte_diff(char *why, size_t cap, int64_t idx, int len, uint32_t at,
			     unsigned int seg, const struct rte_mbuf *s, const uint8_t *got,
			     const uint8_t *want, uint32_t n)
{
	int w = snprintf(why, cap, "frame %" PRId64 " (%d bytes): byte %u (segment %u at buf_iova 0x%"
			 PRIx64 ") has", idx, len, at, seg, s->buf_iova);

	for (uint32_t i = 0; i < n && w > 0 && (size_t)w < cap; i++)
		w += snprintf(why + w, cap - (size_t)w, " %02x", got[i]);
	if (w > 0 && (size_t)w < cap)
		w += snprintf(why + w, cap - (size_t)w, ", sent");
	for (uint32_t i = 0; i < n && w > 0 && (size_t)w < cap; i++)
		w += snprintf(why + w, cap - (size_t)w, " %02x", want[i]);
	return why;
}

/*
 * check_mbuf without cmocka (which must not fail in another thread): ""
 * for a good frame, else what differed (frame index, length or the first
 * differing byte with the bytes around it), so a failure explains itself.
 */
static const char *frame_diff(const struct pkt_gen_config *cfg, const struct rte_mbuf *m,
			      char *why, size_t cap)
{
	uint8_t want[PKT_SOURCE_MAX_FRAME];
	int64_t idx = pkt_gen_frame_index(rte_pktmbuf_mtod(m, const uint8_t *), m->data_len);
	int len = idx < 0 ? -1 : pkt_gen_frame(cfg, (uint64_t)idx, want, sizeof(want));
	uint32_t off = 0;
	unsigned int seg = 0;

	if (len < 0) {
		snprintf(why, cap, "no frame index (pkt_len %u, data_len %u, %u segs)",
			 m->pkt_len, m->data_len, m->nb_segs);
		return why;
	}
	if (m->pkt_len != (uint32_t)len) {
		snprintf(why, cap, "frame %" PRId64 ": pkt_len %u, sent %d (%u segs)", idx,
			 m->pkt_len, len, m->nb_segs);
		return why;
	}
	for (const struct rte_mbuf *s = m; s != NULL; s = s->next, seg++) {
		const uint8_t *got = rte_pktmbuf_mtod(s, const uint8_t *);

		if (off + s->data_len > (uint32_t)len) {
			snprintf(why, cap, "frame %" PRId64 ": segment %u runs past %d bytes", idx,
				 seg, len);
			return why;
		}
		for (uint32_t i = 0; i < s->data_len; i++) {
			if (got[i] != want[off + i])
				return byte_diff(why, cap, idx, len, off + i, seg, s, got + i, want + off + i,
						 RTE_MIN(s->data_len - i, 8u));
		}
		off += s->data_len;
	}
	if (off != (uint32_t)len) {
		snprintf(why, cap, "frame %" PRId64 ": segments hold %u of %d bytes", idx, off, len);
		return why;
	}
	return "";
}

static int mt_rx_loop(void *arg)
{
	struct mt_worker *w = arg;
	struct rte_mbuf *pkts[BURST];
	time_t give_up = time(NULL) + MT_GIVE_UP_SECONDS;
	uint64_t polls = 0, seen = 0, total;
	char why[sizeof(w->first_bad)];

	while ((total = __atomic_load_n(&mt_total, __ATOMIC_ACQUIRE)) < MT_FRAMES) {
		if (++polls % (1u << 16) == 0) {
			if (total != seen)
				give_up = time(NULL) + MT_GIVE_UP_SECONDS;
			else if (time(NULL) > give_up)
				break;
			seen = total;
		}
		for (uint16_t q = w->first_queue; q < w->first_queue + 2; q++) {
			uint16_t n = rte_eth_rx_burst(0, q, pkts, BURST);

			if (n == 0)
				continue;
			for (uint16_t i = 0; i < n; i++) {
				const char *diff = frame_diff(&mt_cfg, pkts[i], why, sizeof(why));

				if (diff[0] != '\0' && w->bad++ == 0)
					snprintf(w->first_bad, sizeof(w->first_bad), "queue %u: %s",
						 q, diff);
				rte_pktmbuf_free(pkts[i]);
			}
			w->got += n;
			__atomic_fetch_add(&mt_total, n, __ATOMIC_RELEASE);
		}
	}
	return 0;
}

static void test_two_lcores_four_queues(void **state)
{
	struct rte_mempool *mt_pool = rte_pktmbuf_pool_create("mt_pool", 2048, 128, 0,
							       RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	struct mt_worker w[2];
	unsigned int lcore;

	(void)state;
	assert_non_null(mt_pool);
	assert_int_equal(rte_lcore_count(), 2);
	mt_cfg = base_cfg;
	mt_cfg.count = MT_FRAMES;
	mt_cfg.max_len = 9000;
	mt_total = 0;
	memset(w, 0, sizeof(w));
	sim_i40e_set_source(dev, pkt_source_gen_create(&mt_cfg));
	sim_i40e_set_auto_deliver(dev, true);
	assert_int_equal(port_up(4, 256, 9000, RTE_ETH_RX_OFFLOAD_SCATTER, mt_pool), 0);
	if (i40e_rx_vec_isa[0] != '\0') {
		struct rte_eth_burst_mode mode;

		assert_int_equal(rte_eth_rx_burst_mode_get(0, 3, &mode), 0);
		assert_non_null(strstr(mode.info, "Scattered"));
		assert_int_equal(strncmp(mode.info, "Vector ", 7), 0);
	}
	w[1].first_queue = 2;
	RTE_LCORE_FOREACH_WORKER(lcore)
		assert_int_equal(rte_eal_remote_launch(mt_rx_loop, &w[1], lcore), 0);
	mt_rx_loop(&w[0]);
	rte_eal_mp_wait_lcore();
	for (int i = 0; i < 2; i++)
		if (w[i].bad != 0)
			print_message("lcore %d: %" PRIu64 " bad frames, the first: %s\n", i,
				      w[i].bad, w[i].first_bad);
	assert_int_equal(w[0].bad + w[1].bad, 0);
	assert_true(w[0].got > 0 && w[1].got > 0);
	assert_int_equal(w[0].got + w[1].got, MT_FRAMES);
	assert_true(sim_i40e_wire_empty(dev));
	sim_i40e_set_auto_deliver(dev, false);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_int_equal(rte_mempool_avail_count(mt_pool), 2048);
	rte_mempool_free(mt_pool);
}


/* ---- frames of every packet type ---------------------------------------- */

/* An IPv4 frame (one VLAN tag if vlan) of len bytes; frag sets MF. */
static uint32_t mk_ipv4(uint8_t *f, uint32_t len, bool vlan, uint8_t proto, bool frag)
{
	size_t l3 = vlan ? 18 : 14;

	memset(f, 0, len);
	memcpy(f, base_cfg.dst_mac, 6);
	memcpy(f + 6, base_cfg.src_mac, 6);
	if (vlan) {
		f[12] = 0x81;
		f[15] = 5; /* VLAN 5 */
	}
	f[l3 - 2] = 0x08;
	f[l3] = 0x45;
	f[l3 + 3] = (uint8_t)(len - l3);
	f[l3 + 6] = frag ? 0x20 : 0x40;
	f[l3 + 8] = 64;
	f[l3 + 9] = proto;
	f[l3 + 12] = 10;
	f[l3 + 15] = proto;
	f[l3 + 16] = 192;
	f[l3 + 19] = 1;
	f[l3 + 20] = 0x30; /* ports */
	f[l3 + 23] = proto;
	for (uint32_t i = l3 + 28; i < len; i++)
		f[i] = (uint8_t)i;
	return len;
}

static uint32_t mk_ipv6(uint8_t *f, uint32_t len, uint8_t next_header)
{
	memset(f, 0, len);
	memcpy(f, base_cfg.dst_mac, 6);
	f[12] = 0x86;
	f[13] = 0xdd;
	f[14] = 0x60;
	f[19] = (uint8_t)(len - 54);
	f[20] = next_header;
	f[21] = 64;
	f[22] = 0x20; /* 2001:db8::/32 addresses */
	f[23] = 0x01;
	f[37] = next_header;
	f[38] = 0x20;
	f[39] = 0x01;
	f[53] = 1;
	f[54] = 0x30;
	f[57] = next_header;
	for (uint32_t i = 62; i < len; i++)
		f[i] = (uint8_t)(i * 3);
	return len;
}

static void test_packet_types(void **state)
{
	const uint32_t l2 = RTE_PTYPE_L2_ETHER;
	const uint32_t v4 = l2 | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN;
	const uint32_t v6 = l2 | RTE_PTYPE_L3_IPV6_EXT_UNKNOWN;
	struct {
		uint32_t len;
		uint32_t ptype;
		bool hashed;
	} want[24];
	static uint8_t frames[24][128];
	struct rte_mbuf *m;
	unsigned int n = 0;

	(void)state;
	assert_int_equal(port_up(1, 64, 0, 0, pool), 0);
#define ADD(len_expr, pt, h) do { \
		want[n].len = (len_expr); want[n].ptype = (pt); want[n].hashed = (h); n++; \
	} while (0)
	memcpy(frames[n], base_cfg.dst_mac, 6);
	frames[n][12] = 0x08;
	frames[n][13] = 0x06; /* ARP */
	ADD(60, RTE_PTYPE_L2_ETHER_ARP, false);
	memcpy(frames[n], base_cfg.dst_mac, 6);
	memset(frames[n] + 6, 0xab, 4);
	ADD(10, l2, false); /* shorter than an Ethernet header */
	ADD(mk_ipv4(frames[n], 100, true, 17, false), v4 | RTE_PTYPE_L4_UDP, true);
	ADD(mk_ipv4(frames[n], 100, false, 6, false), v4 | RTE_PTYPE_L4_TCP, true);
	ADD(mk_ipv4(frames[n], 100, false, 132, false), v4 | RTE_PTYPE_L4_SCTP, true);
	ADD(mk_ipv4(frames[n], 100, false, 1, false), v4 | RTE_PTYPE_L4_ICMP, true);
	ADD(mk_ipv4(frames[n], 100, false, 50, false), v4 | RTE_PTYPE_L4_NONFRAG, true);
	ADD(mk_ipv4(frames[n], 100, false, 17, true), v4 | RTE_PTYPE_L4_FRAG, true);
	ADD(mk_ipv6(frames[n], 120, 17), v6 | RTE_PTYPE_L4_UDP, true);
	ADD(mk_ipv6(frames[n], 120, 6), v6 | RTE_PTYPE_L4_TCP, true);
	ADD(mk_ipv6(frames[n], 120, 132), v6 | RTE_PTYPE_L4_SCTP, true);
	ADD(mk_ipv6(frames[n], 120, 58), v6 | RTE_PTYPE_L4_ICMP, true);
	ADD(mk_ipv6(frames[n], 120, 59), v6 | RTE_PTYPE_L4_NONFRAG, true);
	ADD(mk_ipv6(frames[n], 120, 44), v6 | RTE_PTYPE_L4_FRAG, true);
	/* headers cut short or not what the EtherType says: plain L2, or no ports */
	frames[n][12] = 0x81; /* a VLAN tag with nothing after it */
	ADD(16, l2, false);
	mk_ipv4(frames[n], 100, false, 17, false);
	ADD(30, l2, false); /* no room for an IPv4 header */
	mk_ipv4(frames[n], 100, false, 17, false);
	frames[n][14] = 0x65; /* IPv4 EtherType, version 6 */
	ADD(100, l2, false);
	mk_ipv6(frames[n], 120, 17);
	ADD(50, l2, false); /* no room for an IPv6 header */
	mk_ipv4(frames[n], 100, false, 6, false);
	ADD(36, v4 | RTE_PTYPE_L4_TCP, true); /* TCP without its ports: hashed on addresses */
#undef ADD
	for (unsigned int i = 0; i < n; i++) {
		memcpy(frames[i], base_cfg.dst_mac, 6); /* every one for the port */
		assert_int_equal(sim_i40e_receive(dev, frames[i], want[i].len), SIM_I40E_RX_OK);
		assert_int_equal(rx_burst_one(&m), 1);
		assert_int_equal(m->pkt_len, want[i].len);
		assert_int_equal(m->nb_segs, 1);
		assert_memory_equal(rte_pktmbuf_mtod(m, uint8_t *), frames[i], want[i].len);
		assert_int_equal(m->packet_type, want[i].ptype);
		assert_int_equal(!!(m->ol_flags & RTE_MBUF_F_RX_RSS_HASH), want[i].hashed);
		rte_pktmbuf_free(m);
	}
	assert_int_equal(rx_burst_one(&m), 0);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

/* RFC 1071: the one's complement of the one's complement sum, big-endian words. */
static uint16_t inet_csum(uint32_t sum, const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | (i + 1 < len ? p[i + 1] : 0));
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Fill in an IPv4 frame's header checksum and its UDP or TCP checksum. */
static void ipv4_checksums(uint8_t *f, uint32_t len, uint8_t proto)
{
	const size_t l3 = 14, l4 = 34, l4len = len - l4;
	const size_t at = proto == 6 ? l4 + 16 : l4 + 6;
	uint32_t pseudo = 0;

	put16(f + l3 + 2, (uint16_t)(len - l3));
	put16(f + l3 + 10, 0);
	put16(f + l3 + 10, inet_csum(0, f + l3, 20));
	if (proto == 17)
		put16(f + l4 + 4, (uint16_t)l4len);
	put16(f + at, 0);
	for (size_t i = 0; i < 8; i += 2)
		pseudo += (uint32_t)(f[l3 + 12 + i] << 8 | f[l3 + 13 + i]);
	pseudo += proto + (uint32_t)l4len;
	put16(f + at, inet_csum(pseudo, f + l4, l4len));
}

static void ipv6_checksum(uint8_t *f, uint32_t len, uint8_t proto)
{
	const size_t l3 = 14, l4 = 54, l4len = len - l4;
	const size_t at = proto == 6 ? l4 + 16 : l4 + 6;
	uint32_t pseudo = 0;

	if (proto == 17)
		put16(f + l4 + 4, (uint16_t)l4len);
	put16(f + at, 0);
	for (size_t i = 0; i < 32; i += 2)
		pseudo += (uint32_t)(f[l3 + 8 + i] << 8 | f[l3 + 9 + i]);
	pseudo += proto + (uint32_t)l4len;
	put16(f + at, inet_csum(pseudo, f + l4, l4len));
}

/* How a test frame carries its (inner) packet. */
enum encap { PLAIN, IPIP, GRE_IP, GRE_ETH, VXLAN };

/* An IP header at f + l3: IPv4 (20 bytes, its checksum) or IPv6. */
static void ip_hdr_fill(uint8_t *f, size_t l3, bool v6, size_t payload, uint8_t proto)
{
	if (v6) {
		f[l3] = 0x60;
		put16(f + l3 + 4, (uint16_t)payload);
		f[l3 + 6] = proto;
		f[l3 + 7] = 64;
		for (int i = 0; i < 32; i++)
			f[l3 + 8 + i] = (uint8_t)(0x20 + i);
		return;
	}
	f[l3] = 0x45;
	put16(f + l3 + 2, (uint16_t)(20 + payload));
	f[l3 + 8] = 64;
	f[l3 + 9] = proto;
	for (int i = 0; i < 8; i++)
		f[l3 + 12 + i] = (uint8_t)(10 + i);
	put16(f + l3 + 10, 0);
	put16(f + l3 + 10, inet_csum(0, f + l3, 20));
}

/* The L4 checksum of the packet whose IP header is at l3: TCP and UDP
 * over the pseudo-header (RFC 768, 793, 8200), SCTP's CRC-32c with its
 * field zero, stored least significant byte first (RFC 4960 appendix B). */
static void l4_csum_fill(uint8_t *f, size_t l3, bool v6, size_t l4, size_t l4len, uint8_t proto)
{
	uint32_t pseudo = proto + (uint32_t)l4len;

	if (proto == 132) {
		uint32_t crc;

		memset(f + l4 + 8, 0, 4);
		crc = sim_crc32c(0, f + l4, l4len);
		for (int b = 0; b < 4; b++)
			f[l4 + 8 + b] = (uint8_t)(crc >> (8 * b));
		return;
	}
	for (size_t i = 0; i < (v6 ? 32u : 8u); i += 2)
		pseudo += (uint32_t)(f[l3 + (v6 ? 8 : 12) + i] << 8 | f[l3 + (v6 ? 9 : 13) + i]);
	put16(f + l4 + (proto == 6 ? 16 : 6), 0);
	put16(f + l4 + (proto == 6 ? 16 : 6), inet_csum(pseudo, f + l4, l4len));
}

/*
 * A frame for the port: an outer IPv4 or IPv6 header (v6), then the
 * encapsulation and an inner IPv4 packet, or for PLAIN the L4 packet
 * right away; the L4 (proto: TCP, UDP or SCTP) with 40 payload bytes. Every
 * checksum right. *il3 is where the innermost IP header starts.
 */
static uint32_t tun_frame(uint8_t *f, bool v6, enum encap e, uint8_t proto, size_t *il3)
{
	const size_t ohl = v6 ? 40 : 20, l4hdr = proto == 6 ? 20 : proto == 132 ? 12 : 8;
	size_t at = 14 + ohl, l4, len;
	uint8_t oproto = e == PLAIN ? proto : e == IPIP ? 4 : e == VXLAN ? 17 : 47;

	memset(f, 0, 256);
	memcpy(f, base_cfg.dst_mac, 6);
	memcpy(f + 6, base_cfg.src_mac, 6);
	put16(f + 12, v6 ? 0x86dd : 0x0800);
	if (e == GRE_IP || e == GRE_ETH) {
		put16(f + at + 2, e == GRE_IP ? 0x0800 : 0x6558);
		at += 4;
	} else if (e == VXLAN) {
		put16(f + at, 49152);
		put16(f + at + 2, 4789);
		f[at + 8] = 0x08; /* VNI valid */
		at += 16;
	}
	if (e == GRE_ETH || e == VXLAN) {
		memset(f + at, 0x42, 12);
		put16(f + at + 12, 0x0800);
		at += 14;
	}
	*il3 = e == PLAIN ? 14 : at;
	l4 = e == PLAIN ? at : at + 20;
	len = l4 + l4hdr + 40;
	for (size_t i = l4 + l4hdr; i < len; i++)
		f[i] = (uint8_t)(i * 7);
	put16(f + l4, 1000);
	put16(f + l4 + 2, 2000);
	if (proto == 17)
		put16(f + l4 + 4, (uint16_t)(len - l4));
	if (proto == 6)
		f[l4 + 12] = 0x50;
	if (e != PLAIN)
		ip_hdr_fill(f, at, false, len - l4, proto);
	l4_csum_fill(f, *il3, e == PLAIN && v6, l4, len - l4, proto);
	ip_hdr_fill(f, 14, v6, len - 14 - ohl, oproto);
	if (e == VXLAN) { /* the outer UDP header and checksum, over all of it */
		put16(f + 14 + ohl + 4, (uint16_t)(len - 14 - ohl));
		l4_csum_fill(f, 14, v6, 14 + ohl, len - 14 - ohl, 17);
	}
	return (uint32_t)len;
}

/*
 * Tunnels and SCTP, as the X710 checks them and DPDK 22.11 maps them: in
 * IP-in-IP and GRE the outer IPv4 header gives EIPE
 * (RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD, the inner flags still good), the
 * inner IPv4 header IPE and the inner TCP/UDP/SCTP L4E; SCTP's CRC-32c is
 * checked like a TCP or UDP checksum. A VXLAN frame is not a tunnel to a
 * port with no VXLAN UDP port registered: its outer UDP checksum is its
 * L4 checksum and nothing inside is looked at.
 */
static void test_tunnel_and_sctp_checksums(void **state)
{
	const uint64_t ip_good = RTE_MBUF_F_RX_IP_CKSUM_GOOD, ip_bad = RTE_MBUF_F_RX_IP_CKSUM_BAD;
	const uint64_t l4_good = RTE_MBUF_F_RX_L4_CKSUM_GOOD, l4_bad = RTE_MBUF_F_RX_L4_CKSUM_BAD;
	const uint64_t outer_bad = RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD;
	const uint64_t mask = RTE_MBUF_F_RX_IP_CKSUM_MASK | RTE_MBUF_F_RX_L4_CKSUM_MASK |
			      RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD;
	enum spoil { NONE, OUTER_IP, INNER_IP, PAYLOAD, INNER_IP_FIXED_UDP, UDP_ZERO };
	static const struct {
		bool v6;
		enum encap e;
		uint8_t proto;
		enum spoil spoil;
		uint64_t flags;
	} cases[] = {
		{ false, PLAIN, 132, NONE, ip_good | l4_good },
		{ false, PLAIN, 132, PAYLOAD, ip_good | l4_bad },
		{ true, PLAIN, 132, NONE, ip_good | l4_good },
		{ true, PLAIN, 132, PAYLOAD, ip_good | l4_bad },
		{ false, PLAIN, 132, OUTER_IP, ip_bad | l4_good }, /* no L4 check then */
		{ false, IPIP, 17, NONE, ip_good | l4_good },
		{ false, IPIP, 17, OUTER_IP, ip_good | l4_good | outer_bad },
		{ false, IPIP, 17, INNER_IP, ip_bad | l4_good },
		{ false, IPIP, 17, PAYLOAD, ip_good | l4_bad },
		{ true, IPIP, 6, INNER_IP, ip_bad | l4_good },
		{ false, GRE_IP, 6, NONE, ip_good | l4_good },
		{ false, GRE_IP, 6, PAYLOAD, ip_good | l4_bad },
		{ false, GRE_IP, 132, PAYLOAD, ip_good | l4_bad },
		{ false, GRE_ETH, 17, NONE, ip_good | l4_good },
		{ false, GRE_ETH, 17, OUTER_IP, ip_good | l4_good | outer_bad },
		{ true, GRE_ETH, 17, PAYLOAD, ip_good | l4_bad },
		{ true, GRE_ETH, 132, NONE, ip_good | l4_good },
		{ false, VXLAN, 17, NONE, ip_good | l4_good },
		{ false, VXLAN, 17, INNER_IP_FIXED_UDP, ip_good | l4_good },
		{ false, VXLAN, 17, PAYLOAD, ip_good | l4_bad },
		{ false, VXLAN, 17, UDP_ZERO, ip_good | l4_good },
	};
	static uint8_t f[256];
	struct rte_eth_stats st;
	struct rte_mbuf *m;

	(void)state;
	assert_int_equal(port_up(1, 64, 0, 0, pool), 0);
	assert_int_equal(rte_eth_stats_reset(0), 0);
	for (unsigned int i = 0; i < RTE_DIM(cases); i++) {
		size_t il3;
		uint32_t len = tun_frame(f, cases[i].v6, cases[i].e, cases[i].proto, &il3);

		switch (cases[i].spoil) {
		case OUTER_IP:
			f[14 + 10] ^= 0x01;
			break;
		case INNER_IP:
			f[il3 + 10] ^= 0x01;
			break;
		case PAYLOAD:
			f[len - 1] ^= 0x80;
			break;
		case INNER_IP_FIXED_UDP: /* a wrong inner header the outer checksum covers */
			f[il3 + 10] ^= 0x01;
			l4_csum_fill(f, 14, false, 34, len - 34, 17);
			break;
		case UDP_ZERO: /* no outer UDP checksum, and a wrong inner one */
			put16(f + 34 + 6, 0);
			f[len - 1] ^= 0x80;
			break;
		case NONE:
			break;
		}
		assert_int_equal(sim_i40e_receive(dev, f, len), SIM_I40E_RX_OK);
		assert_int_equal(rx_burst_one(&m), 1);
		assert_int_equal(m->pkt_len, len);
		assert_memory_equal(rte_pktmbuf_mtod(m, uint8_t *), f, len);
		if ((m->ol_flags & mask) != cases[i].flags)
			fail_msg("case %u: checksum flags 0x%" PRIx64 ", want 0x%" PRIx64, i,
				 m->ol_flags & mask, cases[i].flags);
		rte_pktmbuf_free(m);
	}
	/* delivered flagged, none counted as an error */
	assert_int_equal(rte_eth_stats_get(0, &st), 0);
	assert_int_equal(st.ipackets, RTE_DIM(cases));
	assert_int_equal(st.ierrors, 0);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

/*
 * The device checks IPv4 header and TCP/UDP checksums (IPE, L4E) and the
 * driver turns them into DPDK 22.11's flags, delivering the frame either
 * way: both GOOD on an error-free descriptor, BAD for the one that failed.
 */
static void test_checksum_flags(void **state)
{
	const uint64_t good = RTE_MBUF_F_RX_IP_CKSUM_GOOD | RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	const uint64_t mask = RTE_MBUF_F_RX_IP_CKSUM_MASK | RTE_MBUF_F_RX_L4_CKSUM_MASK |
			      RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD;
	static uint8_t frames[15][160];
	struct {
		uint32_t len;
		uint64_t flags;
	} want[15];
	struct rte_eth_stats st;
	struct rte_mbuf *m;
	unsigned int n = 0;

	(void)state;
	assert_int_equal(port_up(1, 64, 0, 0, pool), 0);
	assert_int_equal(rte_eth_stats_reset(0), 0);
	for (int i = 0; i < 15; i++)
		for (int b = 54; b < 160; b++)
			frames[i][b] = (uint8_t)(i * 31 + b); /* a payload, not zeros */
#define ADD(l, fl) do { want[n].len = (l); want[n].flags = (fl); n++; } while (0)
	/* right checksums: both good */
	mk_ipv4(frames[n], 120, false, 17, false);
	memset(frames[n] + 42, 0x5a, 78);
	ipv4_checksums(frames[n], 120, 17);
	ADD(120, good);
	mk_ipv4(frames[n], 150, false, 6, false);
	memset(frames[n] + 54, 0x3c, 96);
	ipv4_checksums(frames[n], 150, 6);
	ADD(150, good);
	mk_ipv6(frames[n], 140, 6);
	ipv6_checksum(frames[n], 140, 6);
	ADD(140, good);
	mk_ipv6(frames[n], 130, 17);
	ipv6_checksum(frames[n], 130, 17);
	ADD(130, good);
	/* the IPv4 header checksum off by one */
	memcpy(frames[n], frames[0], 120);
	frames[n][25] ^= 1;
	ADD(120, RTE_MBUF_F_RX_IP_CKSUM_BAD | RTE_MBUF_F_RX_L4_CKSUM_GOOD);
	/* a payload byte changed after the UDP and TCP checksums */
	memcpy(frames[n], frames[0], 120);
	frames[n][100] ^= 0x80;
	ADD(120, RTE_MBUF_F_RX_IP_CKSUM_GOOD | RTE_MBUF_F_RX_L4_CKSUM_BAD);
	memcpy(frames[n], frames[1], 150);
	frames[n][149] ^= 0x01;
	ADD(150, RTE_MBUF_F_RX_IP_CKSUM_GOOD | RTE_MBUF_F_RX_L4_CKSUM_BAD);
	memcpy(frames[n], frames[2], 140);
	frames[n][60] ^= 0x10;
	ADD(140, RTE_MBUF_F_RX_IP_CKSUM_GOOD | RTE_MBUF_F_RX_L4_CKSUM_BAD);
	/* an odd number of L4 bytes (87): the last one counts as padded with a
	 * zero byte (RFC 768), the byte after the frame not at all */
	mk_ipv4(frames[n], 121, false, 17, false);
	memset(frames[n] + 42, 0xa5, 79);
	ipv4_checksums(frames[n], 121, 17);
	ADD(121, good);
	memcpy(frames[n], frames[n - 1], 121);
	frames[n][120] ^= 0x01;
	ADD(121, RTE_MBUF_F_RX_IP_CKSUM_GOOD | RTE_MBUF_F_RX_L4_CKSUM_BAD);
	mk_ipv4(frames[n], 119, false, 17, false); /* 85: one past a multiple of four */
	memset(frames[n] + 42, 0x96, 77);
	ipv4_checksums(frames[n], 119, 17);
	ADD(119, good);
	/* UDP over IPv4 may carry no checksum (0): good */
	memcpy(frames[n], frames[0], 120);
	put16(frames[n] + 40, 0);
	ADD(120, good);
	/* not IP (ARP): nothing failed, so both good, as DPDK reports it */
	memcpy(frames[n], base_cfg.dst_mac, 6);
	frames[n][12] = 0x08;
	frames[n][13] = 0x06;
	ADD(60, good);
#undef ADD
	for (unsigned int i = 0; i < n; i++) {
		assert_int_equal(sim_i40e_receive(dev, frames[i], want[i].len), SIM_I40E_RX_OK);
		assert_int_equal(rx_burst_one(&m), 1);
		assert_int_equal(m->pkt_len, want[i].len);
		assert_memory_equal(rte_pktmbuf_mtod(m, uint8_t *), frames[i], want[i].len);
		if ((m->ol_flags & mask) != want[i].flags)
			fail_msg("frame %u: checksum flags 0x%" PRIx64 ", want 0x%" PRIx64, i,
				 m->ol_flags & mask, want[i].flags);
		assert_int_equal(m->vlan_tci, 0);
		assert_int_equal(m->vlan_tci_outer, 0);
		rte_pktmbuf_free(m);
	}
	/* flagged, not dropped: no receive errors counted */
	assert_int_equal(rte_eth_stats_get(0, &st), 0);
	assert_int_equal(st.ipackets, n);
	assert_int_equal(st.ierrors, 0);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

/*
 * The driver's table against DPDK 22.11's i40e table: a sample of every
 * kind of entry (values written out from DPDK's table), and every number
 * DPDK leaves reserved reads as RTE_PTYPE_UNKNOWN.
 */
static void test_ptype_table(void **state)
{
	const uint32_t v4 = RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN;
	const uint32_t v6 = RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV6_EXT_UNKNOWN;
	const struct {
		uint8_t hw;
		uint32_t ptype;
	} want[] = {
		{ 1, RTE_PTYPE_L2_ETHER },
		{ 2, RTE_PTYPE_L2_ETHER_TIMESYNC },
		{ 6, RTE_PTYPE_L2_ETHER_LLDP },
		{ 11, RTE_PTYPE_L2_ETHER_ARP },
		{ 22, v4 | RTE_PTYPE_L4_FRAG },
		{ 23, v4 | RTE_PTYPE_L4_NONFRAG },
		{ 24, v4 | RTE_PTYPE_L4_UDP },
		{ 26, v4 | RTE_PTYPE_L4_TCP },
		{ 27, v4 | RTE_PTYPE_L4_SCTP },
		{ 28, v4 | RTE_PTYPE_L4_ICMP },
		{ 29, v4 | RTE_PTYPE_TUNNEL_IP | RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN |
			      RTE_PTYPE_INNER_L4_FRAG },
		{ 35, v4 | RTE_PTYPE_TUNNEL_IP | RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN |
			      RTE_PTYPE_INNER_L4_ICMP },
		{ 40, v4 | RTE_PTYPE_TUNNEL_IP | RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN |
			      RTE_PTYPE_INNER_L4_TCP },
		{ 43, v4 | RTE_PTYPE_TUNNEL_GRENAT },
		{ 46, v4 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN |
			      RTE_PTYPE_INNER_L4_UDP },
		{ 52, v4 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN |
			      RTE_PTYPE_INNER_L4_NONFRAG },
		{ 58, v4 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L2_ETHER },
		{ 63, v4 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L2_ETHER |
			      RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN | RTE_PTYPE_INNER_L4_TCP },
		{ 72, v4 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L2_ETHER |
			      RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN | RTE_PTYPE_INNER_L4_ICMP },
		{ 73, v4 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L2_ETHER_VLAN },
		{ 79, v4 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L2_ETHER_VLAN |
			      RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN | RTE_PTYPE_INNER_L4_SCTP },
		{ 87, v4 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L2_ETHER_VLAN |
			      RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN | RTE_PTYPE_INNER_L4_ICMP },
		{ 88, v6 | RTE_PTYPE_L4_FRAG },
		{ 92, v6 | RTE_PTYPE_L4_TCP },
		{ 94, v6 | RTE_PTYPE_L4_ICMP },
		{ 97, v6 | RTE_PTYPE_TUNNEL_IP | RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN |
			      RTE_PTYPE_INNER_L4_UDP },
		{ 103, v6 | RTE_PTYPE_TUNNEL_IP | RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN |
			       RTE_PTYPE_INNER_L4_NONFRAG },
		{ 109, v6 | RTE_PTYPE_TUNNEL_GRENAT },
		{ 114, v6 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN |
			       RTE_PTYPE_INNER_L4_TCP },
		{ 124, v6 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L2_ETHER },
		{ 133, v6 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L2_ETHER |
			       RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN | RTE_PTYPE_INNER_L4_NONFRAG },
		{ 139, v6 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L2_ETHER_VLAN },
		{ 153, v6 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L2_ETHER_VLAN |
			       RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN | RTE_PTYPE_INNER_L4_ICMP },
		{ 154, RTE_PTYPE_L2_ETHER_NSH },
		{ 155, RTE_PTYPE_L2_ETHER_NSH | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN | RTE_PTYPE_L4_FRAG },
		{ 158, RTE_PTYPE_L2_ETHER_NSH | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN | RTE_PTYPE_L4_TCP },
		{ 160, RTE_PTYPE_L2_ETHER_NSH | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN | RTE_PTYPE_L4_ICMP },
		{ 163, RTE_PTYPE_L2_ETHER_NSH | RTE_PTYPE_L3_IPV6_EXT_UNKNOWN | RTE_PTYPE_L4_UDP },
		{ 166, RTE_PTYPE_L2_ETHER_NSH | RTE_PTYPE_L3_IPV6_EXT_UNKNOWN | RTE_PTYPE_L4_ICMP },
	};
	/* DPDK's reserved numbers below 167: all else from 167 up is reserved */
	const uint8_t reserved[] = { 0,  3,  4,  5,  7,  8,  9,  10,  12,  13,  14,  15,  16,
				     17, 18, 19, 20, 21, 25, 32, 39, 47, 54, 62, 69, 77,
				     84, 91, 98, 105, 113, 120, 128, 135, 143, 150 };
	unsigned int known = 0;

	(void)state;
	for (size_t i = 0; i < RTE_DIM(want); i++)
		if (i40e_ptype_table[want[i].hw] != want[i].ptype)
			fail_msg("ptype %u: 0x%08x, want 0x%08x", want[i].hw,
				 i40e_ptype_table[want[i].hw], want[i].ptype);
	for (size_t i = 0; i < RTE_DIM(reserved); i++)
		assert_int_equal(i40e_ptype_table[reserved[i]], RTE_PTYPE_UNKNOWN);
	for (unsigned int hw = 167; hw < 256; hw++)
		assert_int_equal(i40e_ptype_table[hw], RTE_PTYPE_UNKNOWN);
	for (unsigned int hw = 0; hw < 256; hw++)
		known += i40e_ptype_table[hw] != RTE_PTYPE_UNKNOWN;
	assert_int_equal(known, 167 - RTE_DIM(reserved));
}

/* Ethernet header and an outer IP header (IPv4 or IPv6) carrying proto;
 * returns where its payload starts. The frame is zeroed up to len. */
static size_t put_outer(uint8_t *f, uint32_t len, bool v6, uint8_t proto)
{
	memset(f, 0, len);
	memcpy(f, base_cfg.dst_mac, 6);
	memcpy(f + 6, base_cfg.src_mac, 6);
	if (v6) {
		put16(f + 12, 0x86dd);
		f[14] = 0x60;
		put16(f + 18, (uint16_t)(len - 54));
		f[20] = proto;
		f[21] = 64;
		f[22] = 0x20;
		f[37] = 1;
		f[38] = 0x20;
		f[53] = 2;
		return 54;
	}
	put16(f + 12, 0x0800);
	f[14] = 0x45;
	put16(f + 16, (uint16_t)(len - 14));
	f[22] = 64;
	f[23] = proto;
	f[26] = 10;
	f[29] = 1;
	f[30] = 10;
	f[33] = 2;
	return 34;
}

/* An inner IP header at p carrying proto; returns its length. */
static size_t put_ip(uint8_t *p, bool v6, uint8_t proto)
{
	if (v6) {
		p[0] = 0x60;
		p[6] = proto;
		p[7] = 64;
		return 40;
	}
	p[0] = 0x45;
	p[6] = 0x40; /* don't fragment */
	p[8] = 64;
	p[9] = proto;
	return 20;
}

/*
 * The emulated device classifies the kinds DPDK's table names and the
 * driver reports DPDK's packet_type for each: ARP, LLDP, PTP over
 * Ethernet, IPv4/IPv6 in IPv4 and IPv6, and GRE carrying IP or an
 * Ethernet frame (tagged or not) or something else.
 */
static void test_device_ptypes(void **state)
{
	const uint32_t v4 = RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN;
	const uint32_t v6 = RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV6_EXT_UNKNOWN;
	const uint32_t in4 = RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN;
	const uint32_t in6 = RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN;
	const uint32_t len = 160;
	static uint8_t frames[16][160];
	uint32_t want[16];
	struct rte_mbuf *m;
	unsigned int n = 0;
	size_t at;

	(void)state;
	assert_int_equal(port_up(1, 64, 0, 0, pool), 0);
	for (int i = 0; i < 3; i++) {
		static const uint16_t etypes[] = { 0x0806, 0x88cc, 0x88f7 };
		static const uint32_t types[] = { RTE_PTYPE_L2_ETHER_ARP, RTE_PTYPE_L2_ETHER_LLDP,
						  RTE_PTYPE_L2_ETHER_TIMESYNC };

		memset(frames[n], 0x11, len);
		memcpy(frames[n], base_cfg.dst_mac, 6);
		put16(frames[n] + 12, etypes[i]);
		want[n++] = types[i];
	}
	/* IP in IP */
	at = put_outer(frames[n], len, false, 4);
	put_ip(frames[n] + at, false, 17);
	want[n++] = v4 | RTE_PTYPE_TUNNEL_IP | in4 | RTE_PTYPE_INNER_L4_UDP;
	at = put_outer(frames[n], len, false, 41);
	put_ip(frames[n] + at, true, 6);
	want[n++] = v4 | RTE_PTYPE_TUNNEL_IP | in6 | RTE_PTYPE_INNER_L4_TCP;
	at = put_outer(frames[n], len, true, 4);
	put_ip(frames[n] + at, false, 1);
	want[n++] = v6 | RTE_PTYPE_TUNNEL_IP | in4 | RTE_PTYPE_INNER_L4_ICMP;
	at = put_outer(frames[n], len, true, 41);
	put_ip(frames[n] + at, true, 44);
	want[n++] = v6 | RTE_PTYPE_TUNNEL_IP | in6 | RTE_PTYPE_INNER_L4_FRAG;
	/* GRE carrying IPv4, IPv6 (with a key word), an Ethernet frame, a
	 * tagged one, and something unknown */
	at = put_outer(frames[n], len, false, 47);
	put16(frames[n] + at + 2, 0x0800);
	put_ip(frames[n] + at + 4, false, 132);
	want[n++] = v4 | RTE_PTYPE_TUNNEL_GRENAT | in4 | RTE_PTYPE_INNER_L4_SCTP;
	at = put_outer(frames[n], len, false, 47);
	put16(frames[n] + at, 0x2000);
	put16(frames[n] + at + 2, 0x86dd);
	put_ip(frames[n] + at + 8, true, 17);
	want[n++] = v4 | RTE_PTYPE_TUNNEL_GRENAT | in6 | RTE_PTYPE_INNER_L4_UDP;
	at = put_outer(frames[n], len, false, 47);
	put16(frames[n] + at + 2, 0x6558);
	put16(frames[n] + at + 4 + 12, 0x0800);
	put_ip(frames[n] + at + 4 + 14, false, 6);
	want[n++] = v4 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L2_ETHER | in4 |
		    RTE_PTYPE_INNER_L4_TCP;
	at = put_outer(frames[n], len, true, 47);
	put16(frames[n] + at + 2, 0x6558);
	put16(frames[n] + at + 4 + 12, 0x8100);
	put16(frames[n] + at + 4 + 16, 0x86dd);
	put_ip(frames[n] + at + 4 + 18, true, 59);
	want[n++] = v6 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L2_ETHER_VLAN | in6 |
		    RTE_PTYPE_INNER_L4_NONFRAG;
	at = put_outer(frames[n], len, false, 47);
	put16(frames[n] + at + 2, 0x6558);
	put16(frames[n] + at + 4 + 12, 0x0806);
	want[n++] = v4 | RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L2_ETHER;
	at = put_outer(frames[n], len, true, 47);
	put16(frames[n] + at + 2, 0x880b);
	want[n++] = v6 | RTE_PTYPE_TUNNEL_GRENAT;
	for (unsigned int i = 0; i < n; i++) {
		assert_int_equal(sim_i40e_receive(dev, frames[i], len), SIM_I40E_RX_OK);
		m = (struct rte_mbuf *)(uintptr_t)0x1;
		assert_int_equal(rx_burst_one(&m), 1);
		assert_int_equal(m->pkt_len, len);
		assert_memory_equal(rte_pktmbuf_mtod(m, uint8_t *), frames[i], len);
		if (m->packet_type != want[i])
			fail_msg("frame %u: packet_type 0x%08x, want 0x%08x", i, m->packet_type,
				 want[i]);
		rte_pktmbuf_free(m);
	}
	assert_int_equal(rx_burst_one(&m), 0);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}


/* An IPv4/UDP frame of len bytes behind the tags given (TPID, TCI pairs). */
static uint32_t mk_tagged(uint8_t *f, uint32_t len, unsigned int ntags, const uint16_t *tags)
{
	const size_t l3 = 14 + 4 * ntags;

	memset(f, 0, len);
	memcpy(f, base_cfg.dst_mac, 6);
	memcpy(f + 6, base_cfg.src_mac, 6);
	for (unsigned int t = 0; t < ntags; t++) {
		put16(f + 12 + 4 * t, tags[2 * t]);
		put16(f + 14 + 4 * t, tags[2 * t + 1]);
	}
	put16(f + l3 - 2, 0x0800);
	f[l3] = 0x45;
	put16(f + l3 + 2, (uint16_t)(len - l3));
	f[l3 + 6] = 0x40;
	f[l3 + 8] = 64;
	f[l3 + 9] = 17;
	f[l3 + 12] = 10;
	f[l3 + 16] = 10;
	f[l3 + 19] = 7;
	for (uint32_t i = (uint32_t)l3 + 28; i < len; i++)
		f[i] = (uint8_t)(i * 7);
	return len;
}

/*
 * VLAN stripping as DPDK 22.11's i40e reports it. Off by default: tagged
 * frames arrive whole, vlan_tci and vlan_tci_outer 0. With VLAN_STRIP,
 * one 802.1Q tag leaves the frame for vlan_tci (VLAN|VLAN_STRIPPED); with
 * QINQ_STRIP too, an 802.1ad outer and 802.1Q inner tag both leave it:
 * vlan_tci_outer the outer, vlan_tci the inner, QINQ flags as well.
 */
static void test_vlan_strip(void **state)
{
	const uint64_t vlan = RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED;
	const uint64_t qinq = vlan | RTE_MBUF_F_RX_QINQ | RTE_MBUF_F_RX_QINQ_STRIPPED;
	const uint64_t mask = qinq;
	const uint16_t one[] = { 0x8100, 0x2005 };
	const uint16_t two[] = { 0x88a8, 0x0064, 0x8100, 0x3007 };
	static uint8_t f[4][200];
	const struct {
		uint64_t offloads;
		unsigned int frame;  /* 0 untagged, 1 one tag, 2 QinQ */
		unsigned int strip;  /* tags that leave the frame */
		uint64_t flags;
		uint16_t tci, outer;
	} cases[] = {
		{ 0, 0, 0, 0, 0, 0 },
		{ 0, 1, 0, 0, 0, 0 },
		{ 0, 2, 0, 0, 0, 0 },
		{ RTE_ETH_RX_OFFLOAD_VLAN_STRIP, 0, 0, 0, 0, 0 },
		{ RTE_ETH_RX_OFFLOAD_VLAN_STRIP, 1, 1, vlan, 0x2005, 0 },
		{ RTE_ETH_RX_OFFLOAD_VLAN_STRIP, 2, 0, 0, 0, 0 }, /* 0x88a8 is no 802.1Q tag */
		{ RTE_ETH_RX_OFFLOAD_VLAN_STRIP | RTE_ETH_RX_OFFLOAD_QINQ_STRIP, 0, 0, 0, 0, 0 },
		{ RTE_ETH_RX_OFFLOAD_VLAN_STRIP | RTE_ETH_RX_OFFLOAD_QINQ_STRIP, 1, 1, vlan, 0x2005,
		  0 },
		{ RTE_ETH_RX_OFFLOAD_VLAN_STRIP | RTE_ETH_RX_OFFLOAD_QINQ_STRIP, 2, 2, qinq, 0x3007,
		  0x0064 },
	};
	const uint32_t len = 200;
	struct rte_mbuf *m;

	(void)state;
	mk_tagged(f[0], len, 0, NULL);
	mk_tagged(f[1], len, 1, one);
	mk_tagged(f[2], len, 2, two);
	for (size_t i = 0; i < RTE_DIM(cases); i++) {
		const uint8_t *in = f[cases[i].frame];
		const uint32_t cut = 4 * cases[i].strip;

		poison_pool();
		assert_int_equal(port_up(1, 64, 0, cases[i].offloads, pool), 0);
		assert_int_equal(sim_i40e_receive(dev, in, len), SIM_I40E_RX_OK);
		assert_int_equal(rx_burst_one(&m), 1);
		assert_int_equal(m->pkt_len, len - cut);
		/* the MAC addresses, then what followed the stripped tags */
		assert_memory_equal(rte_pktmbuf_mtod(m, uint8_t *), in, 12);
		assert_memory_equal(rte_pktmbuf_mtod(m, uint8_t *) + 12, in + 12 + cut,
				    len - 12 - cut);
		if ((m->ol_flags & mask) != cases[i].flags)
			fail_msg("case %zu: flags 0x%" PRIx64 ", want 0x%" PRIx64, i,
				 m->ol_flags & mask, cases[i].flags);
		assert_int_equal(m->vlan_tci, cases[i].tci);
		assert_int_equal(m->vlan_tci_outer, cases[i].outer);
		assert_int_equal(m->packet_type,
				 RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN | RTE_PTYPE_L4_UDP);
		rte_pktmbuf_free(m);
		assert_int_equal(rte_eth_dev_stop(0), 0);
	}
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

static void test_pci_match_table(void **state)
{
	(void)state;
	assert_true(i40e_pci_driver.match(0x8086, 0x1572));
	assert_true(i40e_pci_driver.match(0x8086, 0x1583));
	assert_true(i40e_pci_driver.match(0x8086, 0x1584));
	assert_true(i40e_pci_driver.match(0x8086, 0x1586));
	assert_false(i40e_pci_driver.match(0x8086, 0x10fb)); /* an 82599 */
	assert_false(i40e_pci_driver.match(0x15b3, 0x1572)); /* not Intel */
	assert_string_equal(i40e_pci_driver.name, "net_i40e");
}

/* DCB and VMDq modes are not the driver's: configure refuses, nothing changes. */
static void test_configure_refuses_other_mq_modes(void **state)
{
	struct rte_eth_conf conf;

	(void)state;
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mq_mode = (enum rte_eth_rx_mq_mode)2; /* DPDK's RTE_ETH_MQ_RX_DCB */
	assert_int_equal(rte_eth_dev_configure(0, 2, 0, &conf), -EINVAL);
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 64, 0, NULL, pool), -EINVAL); /* still unconfigured */
	conf.rxmode.mq_mode = (enum rte_eth_rx_mq_mode)4; /* RTE_ETH_MQ_RX_VMDQ_ONLY */
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), -EINVAL);
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
}

static void test_queue_setup_refusals(void **state)
{
	struct rte_mempool *tiny_room = rte_pktmbuf_pool_create(
		"tiny_room", 64, 0, 0, RTE_PKTMBUF_HEADROOM + 512, 0);
	struct rte_eth_dev *edev = &rte_eth_devices[0];
	struct rte_eth_rxconf rxconf;
	struct rte_eth_conf conf;

	(void)state;
	assert_non_null(tiny_room);
	memset(&conf, 0, sizeof(conf));
	memset(&rxconf, 0, sizeof(rxconf));
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
	/* buffers under 1 KB of data room */
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 64, 0, NULL, tiny_room), -EINVAL);
	/* buffer split */
	rxconf.rx_nseg = 1;
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 64, 0, &rxconf, pool), -EINVAL);
	rxconf.rx_nseg = 0;
	assert_null(rte_memzone_lookup("eth_p0_q0_rx_ring"));
	/* the driver's own checks, below what ethdev already refuses */
	assert_int_equal(i40e_dev_rx_queue_setup(edev, 64, 64, 0, &rxconf, pool), -EINVAL);
	assert_int_equal(i40e_dev_rx_queue_setup(edev, 0, 64, 0, NULL, pool), -EINVAL);
	assert_int_equal(i40e_dev_rx_queue_start(edev, 64), -EINVAL);
	assert_int_equal(i40e_dev_rx_queue_start(edev, 0), -EINVAL); /* not set up */
	assert_int_equal(i40e_dev_rx_queue_stop(edev, 64), -EINVAL);
	assert_int_equal(i40e_dev_rx_queue_stop(edev, 0), -EINVAL);
	i40e_dev_rx_queue_release(edev, 64);

	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 64, 0, NULL, pool), 0);
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_int_equal(i40e_dev_rx_queue_setup(edev, 0, 64, 0, &rxconf, pool), -EBUSY);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE - 64);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
	rte_mempool_free(tiny_room);
}

static void test_deferred_start_and_stats_without_queue(void **state)
{
	struct rte_eth_rxconf rxconf;
	struct rte_eth_conf conf;
	struct rte_eth_stats st;

	(void)state;
	memset(&conf, 0, sizeof(conf));
	memset(&rxconf, 0, sizeof(rxconf));
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	assert_int_equal(rte_eth_dev_configure(0, 2, 0, &conf), 0);
	/* stats of a port whose queue 1 is not set up yet */
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 64, 0, NULL, pool), 0);
	assert_int_equal(rte_eth_stats_get(0, &st), 0);
	assert_int_equal(st.ipackets, 0);
	assert_int_equal(rte_eth_stats_reset(0), 0);

	/* DPDK 22.11's i40e starts a deferred-start queue at dev_start all
	 * the same (it only logs it): both queues take their mbufs */
	rxconf.rx_deferred_start = 1;
	assert_int_equal(rte_eth_rx_queue_setup(0, 1, 64, 0, &rxconf, pool), 0);
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE - 128);
	assert_int_equal(rte_eth_dev_rx_queue_start(0, 1), 0); /* already running */
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE - 128);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

/* Read queue q's context back through the LANCTX registers. */
static void read_rx_ctx(struct i40e_adapter *ad, uint16_t q, uint8_t ctx[I40E_RXQ_CTX_BYTES])
{
	for (uint32_t line = 0; line < I40E_RXQ_CTX_BYTES / 16; line++) {
		i40e_write_reg(ad, I40E_PFCM_LANCTXCTL,
			       (uint32_t)q << I40E_PFCM_LANCTXCTL_QUEUE_NUM_SHIFT |
				       line << I40E_PFCM_LANCTXCTL_SUB_LINE_SHIFT |
				       (uint32_t)I40E_PFCM_LANCTX_QUEUE_TYPE_RX
					       << I40E_PFCM_LANCTXCTL_QUEUE_TYPE_SHIFT |
				       (uint32_t)I40E_PFCM_LANCTX_OP_READ
					       << I40E_PFCM_LANCTXCTL_OP_CODE_SHIFT);
		for (uint32_t i = 0; i < 4; i++) {
			uint32_t v = i40e_read_reg(ad, I40E_PFCM_LANCTXDATA(i));

			for (uint32_t b = 0; b < 4; b++)
				ctx[16 * line + 4 * i + b] = (uint8_t)(v >> (8 * b));
		}
	}
}

static unsigned int ctx_bits(const uint8_t *ctx, unsigned int lsb, unsigned int width)
{
	unsigned int v = 0;

	for (unsigned int i = 0; i < width; i++)
		v |= (unsigned int)((ctx[(lsb + i) / 8] >> ((lsb + i) % 8)) & 1u) << i;
	return v;
}

/*
 * Queue set-up as DPDK 22.11's i40e does it: rx_free_thresh kept as given
 * (0 and the ring size too; 32 from default_rxconf without a conf); the
 * context fields it sets (l2tsel 1, showiv 0, the four TPH enables 1,
 * lrxqthresh 2, prefena 1, crcstrip 1); and a frame larger than one
 * buffer turning scattered receive on without the SCATTER offload.
 */
static void test_setup_as_dpdk(void **state)
{
	struct rte_eth_dev *edev = &rte_eth_devices[0];
	struct i40e_rx_queue *rxq;
	struct rte_eth_rxconf rxconf;
	struct rte_eth_conf conf;
	static uint8_t big[9000];
	uint8_t ctx[I40E_RXQ_CTX_BYTES];
	struct rte_mbuf *m;
	unsigned int segs = 0;

	(void)state;
	memset(&conf, 0, sizeof(conf));
	memset(&rxconf, 0, sizeof(rxconf));
	conf.rxmode.mtu = 9000 - RTE_ETHER_HDR_LEN - RTE_ETHER_CRC_LEN;
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
	rxconf.rx_free_thresh = 0;
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 64, 0, &rxconf, pool), 0);
	rxq = edev->rx_queues[0];
	assert_int_equal(rxq->rx_free_thresh, 0);
	rxconf.rx_free_thresh = 64;
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 64, 0, &rxconf, pool), 0);
	rxq = edev->rx_queues[0];
	assert_int_equal(rxq->rx_free_thresh, 64);
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 128, 0, NULL, pool), 0);
	rxq = edev->rx_queues[0];
	assert_int_equal(rxq->rx_free_thresh, 32);
	/* 2048-byte buffers, 9000-byte frames, no SCATTER asked for */
	assert_true(rxq->scattered);
	assert_true(rxq->max_pkt_len >= 9000);
	assert_int_equal(rte_eth_dev_start(0), 0);

	read_rx_ctx(edev->dev_private, rxq->reg_idx, ctx);
	assert_int_equal(ctx_bits(ctx, I40E_RXQ_CTX_L2TSEL_LSB, 1), 1);
	assert_int_equal(ctx_bits(ctx, I40E_RXQ_CTX_SHOWIV_LSB, 1), 0);
	assert_int_equal(ctx_bits(ctx, I40E_RXQ_CTX_TPHRDESC_LSB, 1), 1);
	assert_int_equal(ctx_bits(ctx, I40E_RXQ_CTX_TPHWDESC_LSB, 1), 1);
	assert_int_equal(ctx_bits(ctx, I40E_RXQ_CTX_TPHDATA_LSB, 1), 1);
	assert_int_equal(ctx_bits(ctx, I40E_RXQ_CTX_TPHHEAD_LSB, 1), 1);
	assert_int_equal(ctx_bits(ctx, I40E_RXQ_CTX_LRXQTHRESH_LSB, I40E_RXQ_CTX_LRXQTHRESH_W), 2);
	assert_int_equal(ctx_bits(ctx, I40E_RXQ_CTX_PREFENA_LSB, 1), 1);
	assert_int_equal(ctx_bits(ctx, I40E_RXQ_CTX_CRCSTRIP_LSB, 1), 1);
	assert_int_equal(ctx_bits(ctx, I40E_RXQ_CTX_RXMAX_LSB, I40E_RXQ_CTX_RXMAX_W),
			 rxq->max_pkt_len);

	mk_ipv4(big, sizeof(big), false, 17, false);
	put16(big + 16, (uint16_t)(sizeof(big) - 14)); /* IPv4 total length */
	assert_int_equal(sim_i40e_receive(dev, big, sizeof(big)), SIM_I40E_RX_OK);
	assert_int_equal(rx_burst_one(&m), 1);
	assert_int_equal(m->pkt_len, sizeof(big));
	for (struct rte_mbuf *s = m; s != NULL; s = s->next)
		segs++;
	assert_int_equal(segs, 5);
	assert_int_equal(m->nb_segs, 5);
	rte_pktmbuf_free(m);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

/*
 * A queue whose QENA_STAT does not clear: stop returns the error and keeps
 * the ring's buffers (the device may still write into them) and the queue
 * started; once it does switch off, a stop gives them back.
 */
static void test_stop_failure_keeps_buffers(void **state)
{
	struct rte_eth_dev *edev = &rte_eth_devices[0];
	struct i40e_rx_queue *rxq;

	(void)state;
	assert_int_equal(port_up(1, 64, 0, 0, pool), 0);
	rxq = edev->rx_queues[0];
	sim_i40e_set_queue_stuck(dev, rxq->reg_idx, true);
	assert_int_equal(rte_eth_dev_rx_queue_stop(0, 0), -ETIMEDOUT);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE - 64);
	assert_true(rxq->started);
	for (uint16_t i = 0; i < 64; i++)
		assert_non_null(rxq->sw_ring[i].mbuf);
	sim_i40e_set_queue_stuck(dev, rxq->reg_idx, false);
	assert_int_equal(rte_eth_dev_rx_queue_stop(0, 0), 0);
	assert_false(rxq->started);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
	assert_int_equal(rte_eth_dev_stop(0), 0);
}

/* The Ethernet FCS as sent: CRC-32, reflected, low byte first. */
static void fcs_bytes(const uint8_t *f, uint32_t len, uint8_t out[4])
{
	uint32_t crc = 0xffffffffu;

	for (uint32_t i = 0; i < len; i++) {
		crc ^= f[i];
		for (int b = 0; b < 8; b++)
			crc = (crc & 1u) ? (crc >> 1) ^ 0xedb88320u : crc >> 1;
	}
	crc = ~crc;
	for (int b = 0; b < 4; b++)
		out[b] = (uint8_t)(crc >> (8 * b));
}

/*
 * KEEP_CRC, as DPDK 22.11's i40e: crcstrip 0 in the queue context, the
 * device writes the FCS after the frame, and the driver takes its 4 bytes
 * off pkt_len and the last segment; a last segment holding only FCS bytes
 * is freed and the segment before it gives up the rest.
 */
static void test_keep_crc(void **state)
{
	struct rte_eth_dev *edev = &rte_eth_devices[0];
	const struct {
		uint32_t len;      /* on the wire, without FCS */
		uint16_t segs;     /* segments delivered */
		uint16_t last_len; /* data_len of the last of them */
	} cases[] = {
		{ 60, 1, 60 },
		{ 2044, 1, 2044 },   /* frame and FCS fill one buffer */
		{ 2045, 1, 2045 },   /* one FCS byte in a second buffer */
		{ 2048, 1, 2048 },   /* the whole FCS in a second buffer */
		{ 2049, 2, 1 },
		{ 5000, 3, 5000 - 4096 },
	};
	static uint8_t f[5000];
	uint8_t ctx[I40E_RXQ_CTX_BYTES], fcs[4];
	struct i40e_rx_queue *rxq;
	struct rte_mbuf *m, *s;

	(void)state;
	poison_pool();
	assert_int_equal(port_up(1, 64, 9000, RTE_ETH_RX_OFFLOAD_KEEP_CRC, pool), 0);
	rxq = edev->rx_queues[0];
	assert_int_equal(rxq->crc_len, 4);
	read_rx_ctx(edev->dev_private, rxq->reg_idx, ctx);
	assert_int_equal(ctx_bits(ctx, I40E_RXQ_CTX_CRCSTRIP_LSB, 1), 0);
	for (size_t i = 0; i < RTE_DIM(cases); i++) {
		const uint32_t len = cases[i].len;
		uint32_t off = 0;
		uint16_t n = 0;

		mk_ipv4(f, len, false, 17, false);
		fcs_bytes(f, len, fcs);
		assert_int_equal(sim_i40e_receive(dev, f, len), SIM_I40E_RX_OK);
		assert_int_equal(rx_burst_one(&m), 1);
		assert_int_equal(m->pkt_len, len);
		assert_int_equal(m->nb_segs, cases[i].segs);
		for (s = m; s != NULL; s = s->next) {
			assert_memory_equal(rte_pktmbuf_mtod(s, uint8_t *), f + off, s->data_len);
			off += s->data_len;
			n++;
			if (s->next == NULL)
				assert_int_equal(s->data_len, cases[i].last_len);
		}
		assert_int_equal(n, cases[i].segs);
		assert_int_equal(off, len);
		/* the FCS is in the buffer behind the data when it fits there */
		for (s = m; s->next != NULL; s = s->next)
			;
		if (s->data_len + 4 <= 2048)
			assert_memory_equal(rte_pktmbuf_mtod(s, uint8_t *) + s->data_len, fcs, 4);
		rte_pktmbuf_free(m);
	}
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

/* Queue 1 cannot get its mbufs: queue 0, already running, is stopped again. */
static void test_start_failure_unwinds(void **state)
{
	struct rte_mempool *small = rte_pktmbuf_pool_create("small2", 100, 0, 0,
							     RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	struct rte_eth_conf conf;

	(void)state;
	assert_non_null(small);
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	assert_int_equal(rte_eth_dev_configure(0, 2, 0, &conf), 0);
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 64, 0, NULL, small), 0);
	assert_int_equal(rte_eth_rx_queue_setup(0, 1, 64, 0, NULL, small), 0);
	assert_int_equal(rte_eth_dev_start(0), -ENOMEM);
	assert_int_equal(rte_mempool_avail_count(small), 100);
	assert_false(((struct i40e_rx_queue *)rte_eth_devices[0].rx_queues[0])->started);
	assert_int_equal(rte_eth_rx_burst(0, 0, NULL, 0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	rte_mempool_free(small);
}

/* Stopped in the middle of a frame: the segments already taken go back too. */
static void test_stop_with_half_received_frame(void **state)
{
	struct rte_mempool *few = rte_pktmbuf_pool_create("few", 65, 0, 0,
							   RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	static uint8_t frame[5000];
	struct rte_mbuf *pkts[4];
	struct rte_eth_stats st;

	(void)state;
	assert_non_null(few);
	assert_int_equal(port_up(1, 64, 9000, RTE_ETH_RX_OFFLOAD_SCATTER, few), 0);
	assert_int_equal(rte_mempool_avail_count(few), 1);
	mk_ipv4(frame, sizeof(frame), false, 17, false);
	assert_int_equal(sim_i40e_receive(dev, frame, sizeof(frame)), SIM_I40E_RX_OK);
	/* three descriptors; one spare mbuf replaces the first, then none is left */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 4), 0);
	assert_int_equal(rte_mempool_avail_count(few), 0);
	assert_int_equal(rte_eth_stats_get(0, &st), 0);
	assert_int_equal(st.rx_nombuf, 1);
	assert_non_null(((struct i40e_rx_queue *)rte_eth_devices[0].rx_queues[0])->pkt_first_seg);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(few), 65);
	assert_int_equal(rte_eth_dev_close(0), 0);
	rte_mempool_free(few);
}

/* Releasing a running queue stops it first; a port stop then reports the
 * queue that is gone. */
static void test_release_running_queue(void **state)
{
	struct rte_eth_dev *edev = &rte_eth_devices[0];

	(void)state;
	assert_int_equal(port_up(1, 64, 0, 0, pool), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE - 64);
	i40e_dev_rx_queue_release(edev, 0);
	assert_null(edev->rx_queues[0]);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
	assert_null(rte_memzone_lookup("eth_p0_q0_rx_ring"));
	assert_int_equal(rte_eth_dev_stop(0), -EINVAL);
}

/* ---- a machine out of memory ---------------------------------------------- */

#define STARVE_MAX 16
static void *starve_va;
static unsigned int starve_n;
static void *blocks[512];
static unsigned int n_blocks;

/* Take every hugepage left in socket 0's pool, so the heap cannot grow. */
static void starve(void)
{
	size_t pg = 2UL << 20;

	starve_va = hal_va_reserve(NULL, STARVE_MAX * pg, pg);
	assert_non_null(starve_va);
	for (starve_n = 0; starve_n < STARVE_MAX; starve_n++)
		if (hal_page_map((char *)starve_va + starve_n * pg, pg, 0, 95, (int)starve_n) != 0)
			break;
	assert_true(starve_n < STARVE_MAX);
}

static void unstarve(void)
{
	size_t pg = 2UL << 20;

	for (unsigned int i = 0; i < starve_n; i++)
		assert_int_equal(hal_page_unmap((char *)starve_va + i * pg, pg, 95, (int)i), 0);
	hal_va_release(starve_va, STARVE_MAX * pg);
}

/* Fill the heap until not even 64 bytes fit, except one hole of keep bytes. */
static void fill_heap(size_t keep)
{
	void *hole = keep ? rte_malloc(NULL, keep, 0) : NULL;

	assert_true(keep == 0 || hole != NULL);
	n_blocks = 0;
	for (size_t sz = 1UL << 20; sz >= 64; sz /= 2) {
		void *p;

		while (n_blocks < RTE_DIM(blocks) && (p = rte_malloc(NULL, sz, 0)) != NULL)
			blocks[n_blocks++] = p;
	}
	assert_true(n_blocks < RTE_DIM(blocks));
	assert_null(rte_malloc(NULL, 64, 0));
	rte_free(hole);
}

static void empty_heap(void)
{
	for (unsigned int i = 0; i < n_blocks; i++)
		rte_free(blocks[i]);
	n_blocks = 0;
}

static int starved_setup(void **state)
{
	(void)state;
	if (rtetest_eal_init("--sim=nic=x710,pages=6") < 0)
		return -1;
	pool = rte_pktmbuf_pool_create("oom_pool", 256, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	return pool == NULL || rte_eth_dev_count_avail() != 1 ? -1 : 0;
}

static int starved_teardown(void **state)
{
	(void)state;
	rte_eth_dev_stop(0);
	rte_eth_dev_close(0);
	rte_mempool_free(pool);
	pool = NULL;
	rte_eal_cleanup();
	return 0;
}

/* Every allocation of a queue set-up failing in turn: -ENOMEM, nothing
 * kept, the old queue (if any) intact. */
static void test_queue_setup_out_of_memory(void **state)
{
	struct rte_eth_conf conf;
	struct i40e_rx_queue *old;

	(void)state;
	memset(&conf, 0, sizeof(conf));
	assert_int_equal(rte_eth_dev_configure(0, 2, 0, &conf), 0);
	assert_int_equal(rte_eth_rx_queue_setup(0, 1, 64, 0, NULL, pool), 0);
	old = rte_eth_devices[0].rx_queues[1];
	starve();

	fill_heap(0); /* not even the queue structure */
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 64, 0, NULL, pool), -ENOMEM);
	empty_heap();
	fill_heap(4096); /* the queue, not its descriptor ring */
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 64, 0, NULL, pool), -ENOMEM);
	assert_null(rte_memzone_lookup("eth_p0_q0_rx_ring"));
	assert_null(rte_eth_devices[0].rx_queues[0]);
	/* set up again: the ring is the old queue's, the software ring fails */
	assert_int_equal(rte_eth_rx_queue_setup(0, 1, 64, 0, NULL, pool), -ENOMEM);
	assert_ptr_equal(rte_eth_devices[0].rx_queues[1], old);
	assert_ptr_equal(old->mz, rte_memzone_lookup("eth_p0_q1_rx_ring"));
	empty_heap();
	unstarve();

	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 64, 0, NULL, pool), 0);
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), 256);
}

/* The adapter cannot be allocated: no port, and nothing left behind. */
static void test_probe_out_of_memory(void **state)
{
	struct rte_malloc_socket_stats st;

	(void)state;
	rte_eth_dev_close(0);
	rte_mempool_free(pool);
	pool = NULL;
	rte_eal_cleanup();
	assert_true(rtetest_eal_init("--sim=nic=x710,fail=page_map:1") >= 0);
	assert_int_equal(rte_eth_dev_count_avail(), 0);
	assert_int_equal(rte_malloc_get_socket_stats(0, &st), 0);
	assert_int_equal(st.alloc_count, 0);
	rte_eal_cleanup();
	assert_int_equal(starved_setup(state), 0);
}

/* ---- an XL710 ------------------------------------------------------------ */

static int xl710_setup(void **state)
{
	(void)state;
	return rtetest_eal_init("--sim=nic=xl710") < 0 ? -1 : 0;
}

static int xl710_teardown(void **state)
{
	(void)state;
	rte_eal_cleanup();
	return 0;
}

static void test_xl710_info(void **state)
{
	struct rte_eth_dev_info info;

	(void)state;
	assert_int_equal(rte_eth_dev_count_avail(), 1);
	assert_int_equal(rte_eth_dev_info_get(0, &info), 0);
	assert_int_equal(info.speed_capa, RTE_ETH_LINK_SPEED_40G);
	assert_int_equal(rte_eth_devices[0].pci.device_id, 0x1583);
}

/* The 40G part's link, as the MAC's status register gives it. */
static void test_xl710_link(void **state)
{
	struct rte_eth_link link;

	(void)state;
	memset(&link, 0, sizeof(link));
	assert_int_equal(rte_eth_link_get_nowait(0, &link), 0);
	assert_int_equal(link.link_status, RTE_ETH_LINK_UP);
	assert_int_equal(link.link_speed, RTE_ETH_SPEED_NUM_40G);
}

/* ---- the receive paths against each other -------------------------------- */

#define XP_FRAMES 240
#define XP_NB_DESC 128

/* What a received frame looked like, for comparing paths. */
struct xp_record {
	uint32_t pkt_len, packet_type, rss;
	uint64_t ol_flags;
	uint16_t nb_segs, vlan_tci, vlan_tci_outer, port;
	uint16_t seg_len[I40E_MAX_CHAINED_RX_BUFFERS];
	uint64_t data_hash; /* FNV-1a over every segment's bytes */
};

struct xp_run {
	struct xp_record rec[XP_FRAMES];
	struct rte_eth_stats st;
	char mode[RTE_ETH_BURST_MODE_INFO_SIZE];
};

static uint8_t xp_frames[XP_FRAMES][9000];
static uint32_t xp_lens[XP_FRAMES];

/*
 * The wire: sizes all over the allowed range (up to 9000 bytes when
 * scattered), IPv4 UDP and TCP with good checksums, a bad IPv4 header
 * checksum, a bad UDP checksum, an 802.1Q-tagged frame (stripped: the
 * port has VLAN_STRIP), IPv6, ARP, IPv4 fragments.
 */
static void xp_make_frames(bool big)
{
	const uint16_t tag[] = { 0x8100, 0x6007 };

	for (uint32_t i = 0; i < XP_FRAMES; i++) {
		uint8_t *f = xp_frames[i];
		uint32_t len = big ? 60 + (i * 677u) % (9000 - 60 - 18) : 60 + (i * 37u) % 1455;

		switch (i % 8) {
		case 0:
		case 1:
			mk_ipv4(f, len, false, i % 8 ? 6 : 17, false);
			ipv4_checksums(f, len, i % 8 ? 6 : 17);
			break;
		case 2:
			mk_ipv4(f, len, false, 17, false);
			ipv4_checksums(f, len, 17);
			f[14 + 10] ^= 0x10; /* IPv4 header checksum */
			break;
		case 3:
			mk_ipv4(f, len, false, 17, false);
			ipv4_checksums(f, len, 17);
			f[34 + 6] ^= 0x5a; /* UDP checksum */
			break;
		case 4:
			mk_tagged(f, len, 1, tag);
			break;
		case 5:
			len = RTE_MAX(len, 80u);
			mk_ipv6(f, len, 17);
			ipv6_checksum(f, len, 17);
			break;
		case 6:
			len = 60;
			memset(f, 0, len);
			memcpy(f, base_cfg.dst_mac, 6);
			f[12] = 0x08;
			f[13] = 0x06;
			break;
		default:
			mk_ipv4(f, len, false, 17, true);
			break;
		}
		xp_lens[i] = len;
	}
}

/* Everything the driver must write, poisoned in every free mbuf. */
static void xp_poison(void)
{
	static struct rte_mbuf *all[POOL_SIZE];
	unsigned int n = rte_mempool_avail_count(pool);

	assert_int_equal(rte_pktmbuf_alloc_bulk(pool, all, n), 0);
	for (unsigned int i = 0; i < n; i++) {
		all[i]->vlan_tci = 0xbeef;
		all[i]->vlan_tci_outer = 0xbeef;
		all[i]->packet_type = 0xdeadbeef;
		/* every rx flag a stale value could leave, not the ones free() reads */
		all[i]->ol_flags = RTE_MBUF_F_RX_FDIR | RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_QINQ |
				    RTE_MBUF_F_RX_IP_CKSUM_BAD | RTE_MBUF_F_RX_RSS_HASH;
		all[i]->hash.rss = 0xfeedface;
		all[i]->pkt_len = 0xdead;
		all[i]->data_len = 0xbeef;
		all[i]->port = 0xbeef;
		all[i]->data_off = 0;
	}
	for (unsigned int i = 0; i < n; i++)
		rte_pktmbuf_free(all[i]);
}

static void xp_record(struct xp_record *r, const struct rte_mbuf *m)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	unsigned int s = 0;

	memset(r, 0, sizeof(*r));
	r->pkt_len = m->pkt_len;
	r->packet_type = m->packet_type;
	r->ol_flags = m->ol_flags;
	r->rss = m->ol_flags & RTE_MBUF_F_RX_RSS_HASH ? m->hash.rss : 0;
	r->nb_segs = m->nb_segs;
	r->vlan_tci = m->vlan_tci;
	r->vlan_tci_outer = m->vlan_tci_outer;
	r->port = m->port;
	for (const struct rte_mbuf *seg = m; seg != NULL; seg = seg->next, s++) {
		const uint8_t *p = rte_pktmbuf_mtod(seg, const uint8_t *);

		assert_true(s < I40E_MAX_CHAINED_RX_BUFFERS);
		assert_int_equal(seg->data_off, RTE_PKTMBUF_HEADROOM);
		r->seg_len[s] = seg->data_len;
		for (uint16_t i = 0; i < seg->data_len; i++)
			h = (h ^ p[i]) * 0x100000001b3ULL;
	}
	assert_int_equal(s, m->nb_segs);
	r->data_hash = h;
}

/* Every descriptor the device owns, [head, tail), points at the buffer of
 * the mbuf the driver keeps for it. */
static void xp_check_ownership(void)
{
	struct i40e_rx_queue *rxq = rte_eth_devices[0].rx_queues[0];
	uint32_t head = hal_bar_read32(&rxq->adapter->bar, I40E_SIM_QRX_HEAD(0));
	uint32_t tail = hal_bar_read32(&rxq->adapter->bar, I40E_QRX_TAIL(0));

	for (uint32_t d = head; d != tail; d = (d + 1) % rxq->nb_rx_desc) {
		struct rte_mbuf *m = rxq->sw_ring[d].mbuf;

		assert_non_null(m);
		assert_ptr_not_equal(m, &rxq->fake_mbuf);
		assert_int_equal(rte_le_to_cpu_64(rxq->rx_ring[d].read.pkt_addr),
				 rte_mbuf_data_iova_default(m));
	}
}

/* Run the wire through port 0 capped at path; burst sizes vary. */
static void xp_run(struct xp_run *run, enum i40e_rx_path path, uint64_t offloads, uint32_t mtu)
{
	static const uint16_t bursts[] = { 32, 7, 64, 4, 33, 1 };
	struct rte_eth_burst_mode mode;
	struct rte_eth_rxconf rxconf;
	struct rte_eth_conf conf;
	uint32_t sent = 0, got = 0, b = 0;

	memset(&conf, 0, sizeof(conf));
	memset(&rxconf, 0, sizeof(rxconf));
	conf.rxmode.offloads = offloads;
	conf.rxmode.mtu = mtu;
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	conf.rx_adv_conf.rss_conf.rss_hf = I40E_RSS_OFFLOADS;
	rxconf.rx_free_thresh = 32;
	assert_int_equal(i40e_set_rx_path_limit(&rte_eth_devices[0], path), 0);
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, XP_NB_DESC, 0, &rxconf, pool), 0);
	xp_poison();
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_int_equal(rte_eth_rx_burst_mode_get(0, 0, &mode), 0);
	assert_int_equal(mode.flags, 0);
	snprintf(run->mode, sizeof(run->mode), "%s", mode.info);

	while (got < XP_FRAMES) {
		struct rte_mbuf *pkts[64];
		uint32_t chunk = 1 + (sent * 7) % 20;
		int idle = 0;

		for (uint32_t i = 0; i < chunk && sent < XP_FRAMES; i++, sent++)
			assert_int_equal(sim_i40e_receive(dev, xp_frames[sent], xp_lens[sent]),
					 SIM_I40E_RX_OK);
		/* A vector burst may end inside a frame and return nothing:
		 * keep asking until everything sent has come out. */
		while (got < sent && idle < 100) {
			uint16_t n = rte_eth_rx_burst(0, 0, pkts, bursts[b++ % RTE_DIM(bursts)]);

			idle = n == 0 ? idle + 1 : 0;
			for (uint16_t i = 0; i < n; i++) {
				xp_record(&run->rec[got++], pkts[i]);
				rte_pktmbuf_free(pkts[i]);
			}
		}
		assert_int_equal(got, sent);
		xp_check_ownership();
	}
	assert_int_equal(rte_eth_stats_get(0, &run->st), 0);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_int_equal(rte_eth_dev_count_avail(), 1); /* probed again for the next run */
}

static void xp_compare(const struct xp_run *a, const struct xp_run *b)
{
	for (unsigned int i = 0; i < XP_FRAMES; i++) {
		const struct xp_record *x = &a->rec[i], *y = &b->rec[i];

		if (memcmp(x, y, sizeof(*x)) != 0)
			fail_msg("frame %u (%u B): %s and %s differ: pkt_len %u/%u segs %u/%u "
				 "flags %#" PRIx64 "/%#" PRIx64 " ptype %#x/%#x vlan %#x/%#x "
				 "rss %#x/%#x data %#" PRIx64 "/%#" PRIx64, i, xp_lens[i], a->mode,
				 b->mode, x->pkt_len, y->pkt_len, x->nb_segs, y->nb_segs,
				 x->ol_flags, y->ol_flags, x->packet_type, y->packet_type,
				 x->vlan_tci, y->vlan_tci, x->rss, y->rss, x->data_hash,
				 y->data_hash);
	}
	assert_int_equal(a->st.ipackets, b->st.ipackets);
	assert_int_equal(a->st.ibytes, b->st.ibytes);
	assert_int_equal(a->st.ierrors, b->st.ierrors);
	assert_int_equal(a->st.rx_nombuf, b->st.rx_nombuf);
}

/* The name of the 128-bit vector path (avx2 false) or of the AVX2 one. */
static void vec_name_of(char *buf, size_t size, bool scattered, bool avx2)
{
	snprintf(buf, size, "Vector %s%s", avx2 ? "AVX2" : i40e_rx_vec_isa,
		 scattered ? " Scattered" : "");
}

/* The vector path a port gets by default: AVX2 where the CPU has it. */
static void vec_name(char *buf, size_t size, bool scattered)
{
	vec_name_of(buf, size, scattered, i40e_rx_vec_avx2_cpu_ok());
}

/*
 * The same wire into every path: identical mbufs (lengths, segments,
 * flags, packet type, VLAN tags, RSS hash, bytes) and statistics, with or
 * without KEEP_CRC, one-buffer and scattered.
 */
static void test_paths_agree(void **state)
{
	static struct xp_run runs[4];
	const uint64_t base = RTE_ETH_RX_OFFLOAD_VLAN_STRIP;
	char vname[64];

	(void)state;
	for (int big = 0; big < 2; big++) {
		xp_make_frames(big);
		for (int crc = 0; crc < 2; crc++) {
			uint64_t off = base | (crc ? RTE_ETH_RX_OFFLOAD_KEEP_CRC : 0) |
				       (big ? RTE_ETH_RX_OFFLOAD_SCATTER : 0);
			uint32_t mtu = big ? 9000 - I40E_ETH_OVERHEAD : 0;

			xp_run(&runs[0], I40E_RX_PATH_SCALAR, off, mtu);
			xp_run(&runs[1], I40E_RX_PATH_BULK_ALLOC, off, mtu);
			xp_run(&runs[2], I40E_RX_PATH_VECTOR, off, mtu);
			xp_run(&runs[3], I40E_RX_PATH_VECTOR_AVX2, off, mtu);
			assert_string_equal(runs[0].mode, big ? "Scalar Scattered" : "Scalar");
			/* bulk alloc has no scattered form: scalar it is */
			assert_string_equal(runs[1].mode, big ? "Scalar Scattered"
							      : "Scalar Bulk Alloc");
			vec_name_of(vname, sizeof(vname), big, false);
			if (i40e_rx_vec_isa[0] != '\0')
				assert_string_equal(runs[2].mode, vname);
			vec_name(vname, sizeof(vname), big);
			if (i40e_rx_vec_isa[0] != '\0')
				assert_string_equal(runs[3].mode, vname);
			assert_int_equal(runs[0].st.ipackets, XP_FRAMES);
			xp_compare(&runs[0], &runs[1]);
			xp_compare(&runs[0], &runs[2]);
			xp_compare(&runs[0], &runs[3]);
			/* and the checksum cases came out flagged, not dropped */
			assert_int_equal(runs[0].rec[2].ol_flags & RTE_MBUF_F_RX_IP_CKSUM_MASK,
					 RTE_MBUF_F_RX_IP_CKSUM_BAD);
			assert_int_equal(runs[0].rec[3].ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK,
					 RTE_MBUF_F_RX_L4_CKSUM_BAD);
			assert_int_equal(runs[0].rec[4].vlan_tci, 0x6007);
			assert_int_equal(runs[0].rec[4].pkt_len, xp_lens[4] - 4);
		}
	}
}

/*
 * Frames of one kind in runs of eight, so that most groups of four the
 * vector path reads are alike (its SIMD mapping, one per combination of
 * RSS hash and stripped tag) rather than mixed (its per-descriptor one):
 * RSS and no tag, neither (ARP), both, a tag and no RSS (tagged ARP), the
 * checksum errors, IPv6.
 */
static void xp_make_runs(void)
{
	const uint16_t tag[] = { 0x8100, 0x0123 };

	for (uint32_t i = 0; i < XP_FRAMES; i++) {
		uint8_t *f = xp_frames[i];
		uint32_t len = 60 + (i * 37u) % 1455;

		switch ((i / 8) % 7) {
		case 0:
			mk_ipv4(f, len, false, 17, false);
			ipv4_checksums(f, len, 17);
			break;
		case 1:
			memset(f, 0, len);
			memcpy(f, base_cfg.dst_mac, 6);
			put16(f + 12, 0x0806);
			break;
		case 2:
			mk_tagged(f, len, 1, tag);
			break;
		case 3:
			mk_tagged(f, len, 1, tag);
			put16(f + 16, 0x0806);
			break;
		case 4:
			mk_ipv4(f, len, false, 6, false);
			ipv4_checksums(f, len, 6);
			f[14 + 10] ^= 0x10; /* IPv4 header checksum */
			break;
		case 5:
			mk_ipv4(f, len, false, 17, false);
			ipv4_checksums(f, len, 17);
			f[34 + 6] ^= 0x5a; /* UDP checksum */
			break;
		default:
			len = RTE_MAX(len, 80u);
			mk_ipv6(f, len, 17);
			ipv6_checksum(f, len, 17);
			break;
		}
		xp_lens[i] = len;
	}
}

/* As test_paths_agree, with the frames in runs of a kind. */
static void test_paths_agree_in_runs(void **state)
{
	static struct xp_run runs[3];

	(void)state;
	xp_make_runs();
	for (int scatter = 0; scatter < 2; scatter++) {
		for (int crc = 0; crc < 2; crc++) {
			uint64_t off = RTE_ETH_RX_OFFLOAD_VLAN_STRIP |
				       (crc ? RTE_ETH_RX_OFFLOAD_KEEP_CRC : 0) |
				       (scatter ? RTE_ETH_RX_OFFLOAD_SCATTER : 0);

			xp_run(&runs[0], I40E_RX_PATH_SCALAR, off, 0);
			xp_run(&runs[1], I40E_RX_PATH_VECTOR, off, 0);
			xp_run(&runs[2], I40E_RX_PATH_VECTOR_AVX2, off, 0);
			assert_int_equal(runs[0].st.ipackets, XP_FRAMES);
			xp_compare(&runs[0], &runs[1]);
			xp_compare(&runs[0], &runs[2]);
			/* each kind came out as the run was meant */
			assert_true(runs[0].rec[0].ol_flags & RTE_MBUF_F_RX_RSS_HASH);
			assert_int_equal(runs[0].rec[8].ol_flags &
					 (RTE_MBUF_F_RX_RSS_HASH | RTE_MBUF_F_RX_VLAN), 0);
			assert_int_equal(runs[0].rec[16].vlan_tci, 0x0123);
			assert_true(runs[0].rec[16].ol_flags & RTE_MBUF_F_RX_RSS_HASH);
			assert_int_equal(runs[0].rec[24].vlan_tci, 0x0123);
			assert_false(runs[0].rec[24].ol_flags & RTE_MBUF_F_RX_RSS_HASH);
			assert_int_equal(runs[0].rec[32].ol_flags & RTE_MBUF_F_RX_IP_CKSUM_MASK,
					 RTE_MBUF_F_RX_IP_CKSUM_BAD);
			assert_int_equal(runs[0].rec[40].ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK,
					 RTE_MBUF_F_RX_L4_CKSUM_BAD);
		}
	}
}

/* Set up port 0 (one queue unless nq) and start it; the burst mode it got. */
static const char *path_for(uint16_t nq, uint16_t nb_desc, uint16_t thresh, uint64_t offloads,
			    uint32_t mtu)
{
	static struct rte_eth_burst_mode mode;
	struct rte_eth_rxconf rxconf;
	struct rte_eth_conf conf;

	memset(&conf, 0, sizeof(conf));
	memset(&rxconf, 0, sizeof(rxconf));
	conf.rxmode.offloads = offloads;
	conf.rxmode.mtu = mtu;
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	conf.rx_adv_conf.rss_conf.rss_hf = I40E_RSS_OFFLOADS;
	rxconf.rx_free_thresh = thresh;
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_configure(0, nq, 0, &conf), 0);
	for (uint16_t q = 0; q < nq; q++)
		assert_int_equal(rte_eth_rx_queue_setup(0, q, nb_desc, 0, &rxconf, pool), 0);
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_int_equal(rte_eth_rx_burst_mode_get(0, 0, &mode), 0);
	return mode.info;
}

/* Which path for which configuration, as DPDK 22.11's i40e_set_rx_function. */
static void test_path_selection(void **state)
{
	const uint64_t scatter = RTE_ETH_RX_OFFLOAD_SCATTER;
	const bool vec = i40e_rx_vec_isa[0] != '\0';
	struct rte_eth_burst_mode mode;
	struct rte_eth_rxconf rxconf;
	char vname[64], vsname[64], v128name[64];

	(void)state;
	vec_name(vname, sizeof(vname), false);
	vec_name(vsname, sizeof(vsname), true);
	/* where the CPU has AVX2, the default is AVX2 (x86_64 only) */
#if defined(__x86_64__)
	assert_int_equal(i40e_rx_vec_avx2_cpu_ok(), __builtin_cpu_supports("avx2") != 0);
#else
	assert_false(i40e_rx_vec_avx2_cpu_ok());
#endif
	/* before the first start: the function probe installed */
	assert_int_equal(rte_eth_rx_burst_mode_get(0, 0, &mode), -EINVAL); /* no queue yet */
	assert_int_equal(rte_eth_rx_burst_mode_get(RTE_MAX_ETHPORTS - 1, 0, &mode), -ENODEV);

	/* the defaults: 32 of a power-of-two ring */
	assert_string_equal(path_for(1, 512, 32, 0, 0), vec ? vname : "Scalar Bulk Alloc");
	assert_int_equal(rte_eth_rx_burst_mode_get(0, 1, &mode), -EINVAL);
	assert_int_equal(rte_eth_rx_burst_mode_get(0, 0, NULL), -EINVAL);
	/* rx_free_thresh below 32, or not dividing the ring, or the ring: scalar */
	assert_string_equal(path_for(1, 512, 16, 0, 0), "Scalar");
	assert_string_equal(path_for(1, 480, 96, 0, 0), "Scalar Bulk Alloc"); /* not 2^n */
	assert_string_equal(path_for(1, 512, 96, 0, 0), "Scalar");            /* 512 % 96 */
	assert_string_equal(path_for(1, 64, 64, 0, 0), "Scalar");             /* not < ring */
	assert_string_equal(path_for(1, 128, 64, 0, 0), vec ? vname : "Scalar Bulk Alloc");
	/* scattered: the scattered twins; bulk alloc has none */
	assert_string_equal(path_for(1, 512, 32, scatter, 0), vec ? vsname : "Scalar Scattered");
	assert_string_equal(path_for(1, 480, 32, scatter, 0), "Scalar Scattered");
	assert_string_equal(path_for(1, 512, 32, 0, 9000), vec ? vsname : "Scalar Scattered");
	assert_string_equal(path_for(1, 512, 16, 0, 9000), "Scalar Scattered");
	/* QinQ stripping: not on the vector path */
	assert_string_equal(path_for(1, 512, 32, RTE_ETH_RX_OFFLOAD_VLAN_STRIP |
				     RTE_ETH_RX_OFFLOAD_QINQ_STRIP, 0), "Scalar Bulk Alloc");
	/* rte_vect's cap, DPDK's own switch */
	assert_int_equal(rte_vect_set_max_simd_bitwidth(100), -EINVAL);
	assert_int_equal(rte_vect_get_max_simd_bitwidth(), RTE_VECT_SIMD_256);
	assert_int_equal(rte_vect_set_max_simd_bitwidth(RTE_VECT_SIMD_DISABLED), 0);
	assert_string_equal(path_for(1, 512, 32, 0, 0), "Scalar Bulk Alloc");
	assert_string_equal(path_for(1, 512, 32, scatter, 0), "Scalar Scattered");
	/* 128 bits: AVX2 is out, SSE (Neon) stays */
	assert_int_equal(rte_vect_set_max_simd_bitwidth(RTE_VECT_SIMD_128), 0);
	vec_name_of(v128name, sizeof(v128name), false, false);
	assert_string_equal(path_for(1, 512, 32, 0, 0), vec ? v128name : "Scalar Bulk Alloc");
	vec_name_of(v128name, sizeof(v128name), true, false);
	assert_string_equal(path_for(1, 512, 32, scatter, 0), vec ? v128name : "Scalar Scattered");
	assert_int_equal(rte_vect_set_max_simd_bitwidth(RTE_VECT_SIMD_256), 0);
	/* per port: one queue outside the preconditions decides for all */
	memset(&rxconf, 0, sizeof(rxconf));
	assert_string_equal(path_for(4, 512, 32, 0, 0), vec ? vname : "Scalar Bulk Alloc");
	assert_int_equal(rte_eth_dev_stop(0), 0);
	rxconf.rx_free_thresh = 16;
	assert_int_equal(rte_eth_rx_queue_setup(0, 2, 512, 0, &rxconf, pool), 0);
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_int_equal(rte_eth_rx_burst_mode_get(0, 3, &mode), 0);
	assert_string_equal(mode.info, "Scalar");
	/* and stays so, as in DPDK, until the port is configured again */
	assert_int_equal(rte_eth_dev_stop(0), 0);
	rxconf.rx_free_thresh = 32;
	assert_int_equal(rte_eth_rx_queue_setup(0, 2, 512, 0, &rxconf, pool), 0);
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_int_equal(rte_eth_rx_burst_mode_get(0, 0, &mode), 0);
	assert_string_equal(mode.info, "Scalar");
	assert_string_equal(path_for(4, 512, 32, 0, 0), vec ? vname : "Scalar Bulk Alloc");
	/* the explicit cap */
	assert_int_equal(i40e_set_rx_path_limit(&rte_eth_devices[0], (enum i40e_rx_path)7),
			 -EINVAL);
	vec_name_of(v128name, sizeof(v128name), false, false);
	assert_int_equal(i40e_set_rx_path_limit(&rte_eth_devices[0], I40E_RX_PATH_VECTOR), 0);
	assert_string_equal(path_for(1, 512, 32, 0, 0), vec ? v128name : "Scalar Bulk Alloc");
	assert_int_equal(i40e_set_rx_path_limit(&rte_eth_devices[0], I40E_RX_PATH_BULK_ALLOC), 0);
	assert_string_equal(path_for(1, 512, 32, 0, 0), "Scalar Bulk Alloc");
	assert_int_equal(i40e_set_rx_path_limit(&rte_eth_devices[0], I40E_RX_PATH_SCALAR), 0);
	assert_string_equal(path_for(1, 512, 32, 0, 0), "Scalar");
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

/* Port 0, one queue of nb_desc (rx_free_thresh 32) from mp, capped at path. */
static void fast_port_up(enum i40e_rx_path path, uint16_t nb_desc, struct rte_mempool *mp)
{
	struct rte_eth_rxconf rxconf;
	struct rte_eth_conf conf;

	memset(&conf, 0, sizeof(conf));
	memset(&rxconf, 0, sizeof(rxconf));
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS; /* frames with their hash */
	conf.rx_adv_conf.rss_conf.rss_hf = I40E_RSS_OFFLOADS;
	rxconf.rx_free_thresh = 32;
	assert_int_equal(i40e_set_rx_path_limit(&rte_eth_devices[0], path), 0);
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, nb_desc, 0, &rxconf, mp), 0);
	assert_int_equal(rte_eth_dev_start(0), 0);
}

static uint32_t rx_tail_reg(void)
{
	const struct i40e_rx_queue *rxq = rte_eth_devices[0].rx_queues[0];

	return hal_bar_read32(&rxq->adapter->bar, I40E_QRX_TAIL(0));
}

/*
 * Bulk alloc, as DPDK: frames come off the ring a burst at a time into a
 * stage; the ring is refilled rx_free_thresh descriptors at a time once
 * rx_tail passes rx_free_trigger, the tail then at the trigger. Without
 * mbufs for a refill the frames go back on the ring (rx_nombuf +32) and
 * come out later; a stop frees what is still staged.
 */
static void test_bulk_alloc_refill(void **state)
{
	struct rte_mempool *tight = rte_pktmbuf_pool_create("tight_bulk", 128 + 40, 0, 0,
							     RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	struct pkt_gen_config cfg = base_cfg;
	struct rte_mbuf *pkts[64];
	struct rte_eth_stats st;
	uint64_t next = 0;

	(void)state;
	assert_non_null(tight);
	cfg.count = 400;
	cfg.max_len = 1500;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	fast_port_up(I40E_RX_PATH_BULK_ALLOC, 128, tight);
	assert_int_equal(rx_tail_reg(), 127);
	assert_int_equal(sim_i40e_deliver(dev, 40), 40);
	/* a stage of 32; rx_tail 32 is past the trigger (31): 0-31 refilled */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 4), 4);
	assert_int_equal(rx_tail_reg(), 31);
	assert_int_equal(rte_mempool_avail_count(tight), 40 - 32);
	for (uint16_t i = 0; i < 4; i++) {
		check_mbuf(&cfg, pkts[i], next++);
		rte_pktmbuf_free(pkts[i]);
	}
	/* 12 free: the next refill (descriptors 32-63) cannot be had */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 28), 28); /* from the stage */
	for (uint16_t i = 0; i < 28; i++)
		check_mbuf(&cfg, pkts[i], next++); /* kept: the pool stays short */
	assert_int_equal(sim_i40e_deliver(dev, 30), 30);       /* frames 40-69 */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts + 28, 32), 0);
	assert_int_equal(rte_eth_stats_get(0, &st), 0);
	assert_int_equal(st.rx_nombuf, 32);
	assert_int_equal(rx_tail_reg(), 31);
	rte_pktmbuf_free_bulk(pkts, 28);
	/* mbufs back: the same frames come out, in order */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 32), 32);
	assert_int_equal(rx_tail_reg(), 63);
	for (uint16_t i = 0; i < 32; i++) {
		check_mbuf(&cfg, pkts[i], next++);
		rte_pktmbuf_free(pkts[i]);
	}
	/* leave frames staged: the stop frees them */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 1), 1);
	check_mbuf(&cfg, pkts[0], next++);
	rte_pktmbuf_free(pkts[0]);
	assert_int_equal(((struct i40e_rx_queue *)rte_eth_devices[0].rx_queues[0])->rx_nb_avail, 5);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_int_equal(rte_mempool_avail_count(tight), 128 + 40);
	rte_mempool_free(tight);
}

/*
 * A failed refill from a pool with an lcore cache: rte_mempool_get_bulk
 * copies the cache's pointers into the table before it finds the pool
 * short, and leaves them there. Those sw_ring entries belong to frames the
 * application has (32-35 here, before the scan that failed); the stop must
 * not free what they point at again.
 */
static void test_bulk_alloc_failed_refill_cached(void **state)
{
	struct rte_mempool *mp = rte_pktmbuf_pool_create("cached_bulk", 128 + 40, 16, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	struct pkt_gen_config cfg = base_cfg;
	static struct rte_mbuf *all[128 + 40];
	struct rte_mbuf *pkts[64];
	struct rte_eth_stats st;

	(void)state;
	assert_non_null(mp);
	cfg.count = 400;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	fast_port_up(I40E_RX_PATH_BULK_ALLOC, 128, mp);
	assert_int_equal(sim_i40e_deliver(dev, 40), 40);
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 32), 32);     /* 0-31 refilled: 8 free */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts + 32, 32), 8); /* rx_tail 40 */
	rte_pktmbuf_free_bulk(pkts + 36, 4);                        /* into the lcore cache */
	assert_int_equal(sim_i40e_deliver(dev, 32), 32);
	/* the scan reaches 72, past the trigger: 32-63 cannot be refilled */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts + 36, 28), 0);
	assert_int_equal(rte_eth_stats_get(0, &st), 0);
	assert_int_equal(st.rx_nombuf, 32);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	rte_pktmbuf_free_bulk(pkts, 36);
	/* every mbuf back once: the count is capped at the pool's size, a
	 * 169th allocation is not */
	assert_int_equal(rte_mempool_avail_count(mp), 128 + 40);
	assert_int_equal(rte_pktmbuf_alloc_bulk(mp, all, 128 + 40), 0);
	assert_null(rte_pktmbuf_alloc(mp));
	rte_pktmbuf_free_bulk(all, 128 + 40);
	rte_mempool_free(mp);
}

/*
 * Vector, as DPDK: at most 32 frames per call, a multiple of four asked
 * for; consumed descriptors are refilled 32 at a time at the start of a
 * later call once more than 32 wait, the tail then just before the next
 * block. Without mbufs the frames still come out (they are in the ring
 * already) and rx_nombuf grows by 32 per failed refill; a stop frees only
 * what the ring still owns.
 */
static void test_vector_refill(void **state)
{
	struct rte_mempool *tight = rte_pktmbuf_pool_create("tight_vec", 128 + 16, 0, 0,
							     RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	struct pkt_gen_config cfg = base_cfg;
	struct rte_mbuf *pkts[64];
	struct rte_eth_stats st;
	uint64_t next = 0;

	(void)state;
	assert_non_null(tight);
	if (i40e_rx_vec_isa[0] == '\0') {
		rte_mempool_free(tight);
		skip(); /* as DPDK: no vector path without SIMD */
	}
	cfg.count = 400;
	cfg.max_len = 1500;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	fast_port_up(I40E_RX_PATH_VECTOR, 128, tight);
	assert_int_equal(sim_i40e_deliver(dev, 60), 60);
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 3), 0);   /* fewer than four */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 64), 32); /* at most 32 */
	assert_int_equal(rx_tail_reg(), 127);                    /* 32 wait: not more than 32 */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts + 32, 6), 4);
	for (uint16_t i = 0; i < 36; i++) {
		check_mbuf(&cfg, pkts[i], next++);
		rte_pktmbuf_free(pkts[i]);
	}
	/* 36 wait: descriptors 0-31 refilled first, then 8 more frames */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 8), 8);
	assert_int_equal(rx_tail_reg(), 31);
	for (uint16_t i = 0; i < 8; i++)
		check_mbuf(&cfg, pkts[i], next++); /* kept */
	assert_int_equal(rte_mempool_avail_count(tight), 16 + 36 - 32);
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts + 8, 32), 16); /* frames 44-59 */
	for (uint16_t i = 8; i < 24; i++)
		check_mbuf(&cfg, pkts[i], next++);
	/* 28 wait, then 48: reception goes on without any refill */
	assert_int_equal(sim_i40e_deliver(dev, 20), 20);
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts + 24, 32), 20);
	for (uint16_t i = 24; i < 44; i++)
		check_mbuf(&cfg, pkts[i], next++);
	/* 20 left in the pool: the refill of 32-63 fails */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts + 44, 32), 0);
	assert_int_equal(rte_eth_stats_get(0, &st), 0);
	assert_int_equal(st.rx_nombuf, 32);
	assert_int_equal(st.ipackets, 80);
	assert_int_equal(rx_tail_reg(), 31);
	rte_pktmbuf_free_bulk(pkts, 44);
	/* stopped with consumed, unrefilled descriptors: only the ring's go back */
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_int_equal(rte_mempool_avail_count(tight), 128 + 16);
	rte_mempool_free(tight);
}

/*
 * A stop while the consumed, unrefilled descriptors wrap past the ring's
 * end: bursts of 32 on a ring of 128 refill 32 per call once more than 32
 * wait, so after five calls descriptors 96-127 and 0-31 are consumed and
 * their mbufs are the application's. The stop gives back the other 64 and
 * not one of those (the pool's count would show a second copy, a get of
 * every free mbuf one put back instead of another).
 */
static void test_vector_stop_wrapped(void **state)
{
	struct rte_mempool *mp = rte_pktmbuf_pool_create("wrap_vec", 512, 0, 0,
							  RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	struct pkt_gen_config cfg = base_cfg;
	struct rte_mbuf *pkts[5 * 32], *back[512 - 64];
	uint64_t next = 0;

	(void)state;
	assert_non_null(mp);
	if (i40e_rx_vec_isa[0] == '\0') {
		rte_mempool_free(mp);
		skip();
	}
	cfg.count = 5 * 32;
	cfg.max_len = 1500;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	fast_port_up(I40E_RX_PATH_VECTOR, 128, mp);
	memset(pkts, 0x5a, sizeof(pkts));
	for (unsigned int call = 0; call < 5; call++) {
		assert_int_equal(sim_i40e_deliver(dev, 32), 32);
		assert_int_equal(rte_eth_rx_burst(0, 0, pkts + 32 * call, 32), 32);
	}
	for (unsigned int i = 0; i < 5 * 32; i++)
		check_mbuf(&cfg, pkts[i], next++);
	rte_pktmbuf_free_bulk(pkts, 3 * 32); /* the refilled descriptors' first mbufs */
	/* the ring owns 128 - 64 of its mbufs, the application 64 */
	assert_int_equal(rte_mempool_avail_count(mp), 512 - 64 - 64);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(mp), 512 - 64);
	/* the right 448: not one of them is the application's */
	memset(back, 0, sizeof(back));
	assert_int_equal(rte_pktmbuf_alloc_bulk(mp, back, 512 - 64), 0);
	for (unsigned int i = 0; i < 512 - 64; i++)
		for (unsigned int k = 3 * 32; k < 5 * 32; k++)
			assert_ptr_not_equal(back[i], pkts[k]);
	rte_pktmbuf_free_bulk(back, 512 - 64);
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_int_equal(rte_mempool_avail_count(mp), 512 - 64);
	rte_pktmbuf_free_bulk(pkts + 3 * 32, 64);
	assert_int_equal(rte_mempool_avail_count(mp), 512);
	rte_mempool_free(mp);
}

/*
 * A stopped queue owns no mbuf: its release (close) after a stop gives
 * nothing back a second time, even with every mbuf of the pool in the
 * application's hands, where a second copy would show in the count.
 */
static void test_stop_then_close_frees_once(void **state)
{
	struct rte_mempool *mp = rte_pktmbuf_pool_create("once", 256, 0, 0,
							  RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	struct rte_mbuf *all[256];

	(void)state;
	assert_non_null(mp);
	assert_int_equal(port_up(1, 128, 0, 0, mp), 0);
	assert_int_equal(rte_mempool_avail_count(mp), 256 - 128);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(mp), 256);
	memset(all, 0, sizeof(all));
	assert_int_equal(rte_pktmbuf_alloc_bulk(mp, all, 256), 0);
	assert_int_equal(rte_mempool_avail_count(mp), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_int_equal(rte_mempool_avail_count(mp), 0);
	assert_null(rte_pktmbuf_alloc(mp));
	rte_pktmbuf_free_bulk(all, 256);
	assert_int_equal(rte_mempool_avail_count(mp), 256);
	rte_mempool_free(mp);
}

/*
 * AVX2, as DPDK's: eight descriptors per step, so a burst is a multiple
 * of eight (at most 32) and fewer than eight asked for give nothing; a
 * group of eight not all done gives its done prefix. The ring is kept as
 * on the 128-bit path: 32 refilled at a time once more than 32 wait.
 */
/* The 128-bit vector path of a scattered port, as DPDK's: bursts of 32
 * buffers until one comes back short, so a call for 64 with 40 one-buffer
 * frames waiting takes all 40. */
static void test_vector_scattered_bursts(void **state)
{
	struct pkt_gen_config cfg = base_cfg;
	struct rte_mbuf *pkts[64];
	struct rte_eth_rxconf rxconf;
	struct rte_eth_conf conf;
	uint64_t next = 0;

	(void)state;
	if (i40e_rx_vec_isa[0] == '\0')
		skip(); /* as DPDK: no vector path without SIMD */
	cfg.count = 40;
	cfg.max_len = 1500;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	memset(&conf, 0, sizeof(conf));
	memset(&rxconf, 0, sizeof(rxconf));
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	conf.rx_adv_conf.rss_conf.rss_hf = I40E_RSS_OFFLOADS;
	conf.rxmode.offloads = RTE_ETH_RX_OFFLOAD_SCATTER;
	rxconf.rx_free_thresh = 32;
	assert_int_equal(i40e_set_rx_path_limit(&rte_eth_devices[0], I40E_RX_PATH_VECTOR), 0);
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 128, 0, &rxconf, pool), 0);
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_true(rte_eth_devices[0].rx_pkt_burst == i40e_recv_scattered_pkts_vec);
	assert_int_equal(sim_i40e_deliver(dev, 40), 40);
	memset(pkts, 0, sizeof(pkts));
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 64), 40);
	for (uint16_t i = 0; i < 40; i++) {
		check_mbuf(&cfg, pkts[i], next++);
		rte_pktmbuf_free(pkts[i]);
	}
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

static void test_vector_avx2_bursts(void **state)
{
	struct pkt_gen_config cfg = base_cfg;
	struct rte_mbuf *pkts[64];
	struct rte_eth_burst_mode mode;
	uint64_t next = 0;

	(void)state;
	if (!i40e_rx_vec_avx2_cpu_ok())
		skip(); /* no AVX2 here: the path is never chosen */
	cfg.count = 200;
	cfg.max_len = 1500;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	fast_port_up(I40E_RX_PATH_VECTOR_AVX2, 128, pool);
	assert_int_equal(rte_eth_rx_burst_mode_get(0, 0, &mode), 0);
	assert_string_equal(mode.info, "Vector AVX2");
	assert_int_equal(sim_i40e_deliver(dev, 61), 61);
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 7), 0);   /* fewer than eight */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 15), 8);  /* floored to eight */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts + 8, 64), 32); /* at most 32 */
	assert_int_equal(rx_tail_reg(), 127);                    /* 40 wait, none refilled yet */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts + 40, 32), 21); /* 16 + 5 of a group */
	assert_int_equal(rx_tail_reg(), 31);                     /* 0-31 refilled first */
	for (uint16_t i = 0; i < 61; i++) {
		check_mbuf(&cfg, pkts[i], next++);
		rte_pktmbuf_free(pkts[i]);
	}
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

/* A frame the device could not write (RXE) is dropped and counted on
 * every path, the frames around it delivered in order. */
static void test_dma_error_every_path(void **state)
{
	static const enum i40e_rx_path paths[] = {
		I40E_RX_PATH_SCALAR, I40E_RX_PATH_BULK_ALLOC, I40E_RX_PATH_VECTOR,
		I40E_RX_PATH_VECTOR_AVX2,
	};
	struct pkt_gen_config cfg = base_cfg;

	(void)state;
	cfg.count = 40;
	for (size_t p = 0; p < RTE_DIM(paths); p++) {
		struct rte_mbuf *pkts[BURST];
		struct i40e_rx_queue *rxq;
		struct rte_eth_stats st;
		uint64_t want = 0;
		uint16_t n;

		sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
		fast_port_up(paths[p], 64, pool);
		rxq = rte_eth_devices[0].rx_queues[0];
		rxq->rx_ring[3].read.pkt_addr = rte_cpu_to_le_64(0xbad0000000000ULL);
		assert_int_equal(sim_i40e_deliver(dev, 10), 10);
		n = rte_eth_rx_burst(0, 0, pkts, BURST);
		assert_int_equal(n, 9);
		for (uint16_t i = 0; i < n; i++, want++) {
			want += want == 3;
			check_mbuf(&cfg, pkts[i], want);
			rte_pktmbuf_free(pkts[i]);
		}
		assert_int_equal(rte_eth_stats_get(0, &st), 0);
		assert_int_equal(st.ierrors, 1);
		assert_int_equal(st.ipackets, 9);
		assert_int_equal(rte_eth_dev_stop(0), 0);
		assert_int_equal(rte_eth_dev_close(0), 0);
		assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
		assert_int_equal(rte_eth_dev_count_avail(), 1);
	}
}

/* Write back the descriptor at the queue's rx_tail as the device would:
 * one 60-byte IPv4/UDP frame, with the status and words given. */
static void write_back(uint64_t status, uint64_t qw0, uint64_t qw2, uint64_t qw3)
{
	struct i40e_rx_queue *rxq = rte_eth_devices[0].rx_queues[0];
	volatile union i40e_rx_desc *d = &rxq->rx_ring[rxq->rx_tail];
	uint64_t qw1 = status | I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_DD) |
		       I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_EOP) |
		       (uint64_t)I40E_PTYPE_IPV4_UDP << I40E_RXD_QW1_PTYPE_SHIFT |
		       60ULL << I40E_RXD_QW1_LENGTH_PBUF_SHIFT;

	d->wb.qword0 = rte_cpu_to_le_64(qw0);
	d->wb.qword2 = rte_cpu_to_le_64(qw2);
	d->wb.qword3 = rte_cpu_to_le_64(qw3);
	__atomic_store_n(&d->wb.qword1, rte_cpu_to_le_64(qw1), __ATOMIC_RELEASE);
}

/*
 * Flow director matches (FLM) as DPDK 22.11's i40e reports them, on every
 * path: RTE_MBUF_F_RX_FDIR, and from the extended status FDIR_ID with the
 * filter id in hash.fdir.hi, or FDIR_FLX with flexible bytes in
 * hash.fdir.hi/lo; nothing without FLM, whatever qword3 holds. The
 * emulated X710 has no flow director: the descriptors are written here as
 * the device would write them.
 */
static void test_fdir_fields(void **state)
{
#ifndef RTE_LIBRTE_I40E_16BYTE_RX_DESC
	static const enum i40e_rx_path paths[] = {
		I40E_RX_PATH_SCALAR, I40E_RX_PATH_BULK_ALLOC, I40E_RX_PATH_VECTOR,
		I40E_RX_PATH_VECTOR_AVX2,
	};
	const uint64_t fdir_mask = RTE_MBUF_F_RX_FDIR | RTE_MBUF_F_RX_FDIR_ID |
				   RTE_MBUF_F_RX_FDIR_FLX | RTE_MBUF_F_RX_RSS_HASH;
	const uint64_t flm = I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_FLM);
	const uint64_t rss = (uint64_t)I40E_RX_DESC_FLTSTAT_RSS_HASH
			     << (I40E_RXD_QW1_STATUS_SHIFT + I40E_RX_DESC_STATUS_FLTSTAT_SHIFT);

	(void)state;
	for (size_t p = 0; p < RTE_DIM(paths); p++) {
		struct rte_mbuf *pkts[8], *m; /* AVX2 takes eight or none */

		fast_port_up(paths[p], 64, pool);
		/* matched, by id, with an RSS hash as well */
		write_back(flm | rss, 0x5eed1234ULL << I40E_RXD_QW0_RSS_SHIFT,
			   I40E_RX_DESC_EXT_STATUS_FLEXBH_FD_ID << I40E_RX_DESC_EXT_STATUS_FLEXBH_SHIFT,
			   0x00abcdefULL << I40E_RXD_QW3_HI_SHIFT | 0x77777777);
		assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 8), 1);
		m = pkts[0];
		assert_int_equal(m->ol_flags & fdir_mask,
				 RTE_MBUF_F_RX_FDIR | RTE_MBUF_F_RX_FDIR_ID | RTE_MBUF_F_RX_RSS_HASH);
		assert_int_equal(m->hash.fdir.hi, 0x00abcdef);
		assert_int_equal(m->hash.rss, 0x5eed1234);
		assert_int_equal(m->pkt_len, 60);
		rte_pktmbuf_free(m);
		/* matched, flexible bytes in both halves */
		write_back(flm, 0,
			   I40E_RX_DESC_EXT_STATUS_FLEXBH_FLEX << I40E_RX_DESC_EXT_STATUS_FLEXBH_SHIFT |
			   I40E_RX_DESC_EXT_STATUS_FLEXBL_FLEX << I40E_RX_DESC_EXT_STATUS_FLEXBL_SHIFT,
			   0xaabbccddULL << I40E_RXD_QW3_HI_SHIFT | 0x11223344);
		assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 8), 1);
		m = pkts[0];
		assert_int_equal(m->ol_flags & fdir_mask, RTE_MBUF_F_RX_FDIR | RTE_MBUF_F_RX_FDIR_FLX);
		assert_int_equal(m->hash.fdir.hi, 0xaabbccdd);
		assert_int_equal(m->hash.fdir.lo, 0x11223344);
		rte_pktmbuf_free(m);
		/* matched, nothing in qword3: the flag alone */
		write_back(flm, 0, 0, 0xffffffffffffffffULL);
		assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 8), 1);
		m = pkts[0];
		assert_int_equal(m->ol_flags & fdir_mask, RTE_MBUF_F_RX_FDIR);
		rte_pktmbuf_free(m);
		/* no match: qword3 is not looked at */
		write_back(0, 0, I40E_RX_DESC_EXT_STATUS_FLEXBH_FD_ID
				 << I40E_RX_DESC_EXT_STATUS_FLEXBH_SHIFT, 0xffffffffffffffffULL);
		assert_int_equal(rte_eth_rx_burst(0, 0, pkts, 8), 1);
		m = pkts[0];
		assert_int_equal(m->ol_flags & fdir_mask, 0);
		rte_pktmbuf_free(m);
		assert_int_equal(rte_eth_dev_stop(0), 0);
		assert_int_equal(rte_eth_dev_close(0), 0);
		assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
		assert_int_equal(rte_eth_dev_count_avail(), 1);
	}
#else
	(void)state;
	skip();
#endif
}

/*
 * A flow director match by id, from the device: a filter for one UDP flow
 * (sim_i40e_fdir_add), its frames in runs of eight and alternating with
 * another flow's. Each of the flow's frames comes out with
 * RTE_MBUF_F_RX_FDIR and FDIR_ID, the filter's id in hash.fdir.hi and,
 * with 32-byte descriptors, its RSS hash as well; the other flow's without
 * them. On every path (vector: FLM groups go through the scalar mapping).
 */
static void test_fdir_match_by_id(void **state)
{
	static const enum i40e_rx_path paths[] = {
		I40E_RX_PATH_SCALAR, I40E_RX_PATH_BULK_ALLOC, I40E_RX_PATH_VECTOR,
		I40E_RX_PATH_VECTOR_AVX2,
	};
	const uint64_t fdir_mask = RTE_MBUF_F_RX_FDIR | RTE_MBUF_F_RX_FDIR_ID |
				   RTE_MBUF_F_RX_FDIR_FLX | RTE_MBUF_F_RX_RSS_HASH;
	uint8_t flow[2][128];

	(void)state;
	for (int k = 0; k < 2; k++) {
		mk_ipv4(flow[k], sizeof(flow[k]), false, 17, false);
		flow[k][14 + 19] = (uint8_t)(1 + k); /* another destination address */
		ipv4_checksums(flow[k], sizeof(flow[k]), 17);
	}
	assert_int_equal(sim_i40e_fdir_add(dev, flow[0], 20, 1), -EINVAL); /* not hashed */
	assert_int_equal(sim_i40e_fdir_add(dev, flow[0], sizeof(flow[0]), 0x00c0ffee), 0);
	for (size_t p = 0; p < RTE_DIM(paths); p++) {
		struct rte_mbuf *pkts[32];
		unsigned int got = 0;

		fast_port_up(paths[p], 64, pool);
		for (unsigned int i = 0; i < 32; i++) {
			/* 0-7 the filter's flow, 8-15 the other, then alternating */
			int k = i < 16 ? i >= 8 : (int)(i & 1);

			assert_int_equal(sim_i40e_receive(dev, flow[k], sizeof(flow[k])),
					 SIM_I40E_RX_OK);
		}
		for (int idle = 0; got < 32 && idle < 10; idle++)
			got += rte_eth_rx_burst(0, 0, pkts + got, (uint16_t)(32 - got));
		assert_int_equal(got, 32);
		for (unsigned int i = 0; i < 32; i++) {
			struct rte_mbuf *m = pkts[i];
			bool match = (i < 16 ? i < 8 : !(i & 1));

			assert_int_equal(m->pkt_len, sizeof(flow[0]));
			if (match) {
#ifndef RTE_LIBRTE_I40E_16BYTE_RX_DESC
				assert_int_equal(m->ol_flags & fdir_mask, RTE_MBUF_F_RX_FDIR |
						 RTE_MBUF_F_RX_FDIR_ID | RTE_MBUF_F_RX_RSS_HASH);
				/* the flow's hash, the same in each of its frames */
				assert_int_equal(m->hash.rss, pkts[0]->hash.rss);
#else
				assert_int_equal(m->ol_flags & fdir_mask,
						 RTE_MBUF_F_RX_FDIR | RTE_MBUF_F_RX_FDIR_ID);
#endif
				assert_int_equal(m->hash.fdir.hi, 0x00c0ffee);
			} else {
				assert_int_equal(m->ol_flags & fdir_mask, RTE_MBUF_F_RX_RSS_HASH);
			}
		}
		rte_pktmbuf_free_bulk(pkts, 32);
		assert_int_equal(rte_eth_dev_stop(0), 0);
		assert_int_equal(rte_eth_dev_close(0), 0);
		assert_int_equal(rte_eth_dev_count_avail(), 1);
	}
	sim_i40e_fdir_clear(dev);
}

/*
 * rte_eth_dev_get_supported_ptypes as DPDK 22.11's i40e answers it: the
 * 24 types of its list on every receive path, filtered by the mask, the
 * full count returned however few fit; and every type the 256-entry table
 * produces is made of listed parts (but NSH, as in DPDK).
 */
static uint16_t foreign_burst(void *rxq, struct rte_mbuf **pkts, uint16_t n)
{
	(void)rxq;
	(void)pkts;
	(void)n;
	return 0;
}

static void test_supported_ptypes(void **state)
{
	static const uint32_t masks[] = {
		RTE_PTYPE_L2_MASK, RTE_PTYPE_L3_MASK, RTE_PTYPE_L4_MASK, RTE_PTYPE_TUNNEL_MASK,
		RTE_PTYPE_INNER_L2_MASK, RTE_PTYPE_INNER_L3_MASK, RTE_PTYPE_INNER_L4_MASK,
	};
	static const enum i40e_rx_path paths[] = {
		I40E_RX_PATH_SCALAR, I40E_RX_PATH_BULK_ALLOC, I40E_RX_PATH_VECTOR,
		I40E_RX_PATH_VECTOR_AVX2,
	};
	uint32_t all[32], some[3];
	eth_rx_burst_t saved;
	int n;

	(void)state;
	/* a burst function that is not the driver's: it names no list, and
	 * ethdev reports none (as DPDK's) */
	saved = rte_eth_devices[0].rx_pkt_burst;
	rte_eth_devices[0].rx_pkt_burst = foreign_burst;
	assert_int_equal(rte_eth_dev_get_supported_ptypes(0, RTE_PTYPE_ALL_MASK, all, 32), 0);
	rte_eth_devices[0].rx_pkt_burst = saved;
	assert_int_equal(rte_eth_dev_get_supported_ptypes(RTE_MAX_ETHPORTS - 1,
							  RTE_PTYPE_ALL_MASK, all, 32), -ENODEV);
	assert_int_equal(rte_eth_dev_get_supported_ptypes(0, RTE_PTYPE_ALL_MASK, NULL, 1), -EINVAL);
	for (size_t p = 0; p < RTE_DIM(paths); p++) {
		fast_port_up(paths[p], 128, pool);
		memset(all, 0xa5, sizeof(all));
		n = rte_eth_dev_get_supported_ptypes(0, RTE_PTYPE_ALL_MASK, all, RTE_DIM(all));
		assert_int_equal(n, 24);
		assert_int_equal(all[24], 0xa5a5a5a5);
		assert_int_equal(all[0], RTE_PTYPE_L2_ETHER);
		assert_int_equal(all[23], RTE_PTYPE_INNER_L4_UDP);
		assert_int_equal(rte_eth_dev_get_supported_ptypes(0, RTE_PTYPE_ALL_MASK, NULL, 0), 24);
		/* L2: ETHER, TIMESYNC, LLDP, ARP; two fit */
		memset(some, 0xa5, sizeof(some));
		assert_int_equal(rte_eth_dev_get_supported_ptypes(0, RTE_PTYPE_L2_MASK, some, 2), 4);
		assert_int_equal(some[0], RTE_PTYPE_L2_ETHER);
		assert_int_equal(some[1], RTE_PTYPE_L2_ETHER_TIMESYNC);
		assert_int_equal(some[2], 0xa5a5a5a5);
		assert_int_equal(rte_eth_dev_get_supported_ptypes(0, RTE_PTYPE_L4_MASK, NULL, 0), 6);
		assert_int_equal(rte_eth_dev_stop(0), 0);
		assert_int_equal(rte_eth_dev_close(0), 0);
		assert_int_equal(rte_eth_dev_count_avail(), 1);
	}
	for (unsigned int t = 0; t < 256; t++) {
		for (size_t k = 0; k < RTE_DIM(masks); k++) {
			uint32_t part = i40e_ptype_table[t] & masks[k];
			/* DPDK's list leaves out NSH (154-166), which its table
			 * maps; its API allows a type more precise than listed */
			bool listed = part == 0 || part == RTE_PTYPE_L2_ETHER_NSH;

			for (int i = 0; i < n && !listed; i++)
				listed = all[i] == part;
			if (!listed)
				fail_msg("hardware ptype %u: %#x not in the supported list", t, part);
		}
	}
}

/*
 * KEEP_CRC with a frame whose last buffer holds only FCS bytes, its first
 * buffer taken in one burst and its last in the next (the vector path
 * takes 32 buffers a burst: 31 one-buffer frames come first): the FCS
 * leaves the lengths and the FCS-only buffer leaves the chain, on every
 * path.
 */
static void test_keep_crc_across_bursts(void **state)
{
	static const enum i40e_rx_path paths[] = {
		I40E_RX_PATH_SCALAR, I40E_RX_PATH_BULK_ALLOC, I40E_RX_PATH_VECTOR,
		I40E_RX_PATH_VECTOR_AVX2,
	};
	static uint8_t small[64], big[2046]; /* big + FCS: 2048 + 2 bytes */

	(void)state;
	mk_ipv4(small, sizeof(small), false, 17, false);
	mk_ipv4(big, sizeof(big), false, 17, false);
	for (size_t p = 0; p < RTE_DIM(paths); p++) {
		struct rte_eth_rxconf rxconf;
		struct rte_eth_conf conf;
		struct rte_mbuf *pkts[BURST];
		uint16_t n, got = 0;

		memset(&conf, 0, sizeof(conf));
		memset(&rxconf, 0, sizeof(rxconf));
		conf.rxmode.offloads = RTE_ETH_RX_OFFLOAD_KEEP_CRC | RTE_ETH_RX_OFFLOAD_SCATTER;
		conf.rxmode.mtu = 9000 - I40E_ETH_OVERHEAD;
		rxconf.rx_free_thresh = 32;
		assert_int_equal(i40e_set_rx_path_limit(&rte_eth_devices[0], paths[p]), 0);
		assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
		assert_int_equal(rte_eth_rx_queue_setup(0, 0, 128, 0, &rxconf, pool), 0);
		assert_int_equal(rte_eth_dev_start(0), 0);
		for (int i = 0; i < 31; i++)
			assert_int_equal(sim_i40e_receive(dev, small, sizeof(small)), SIM_I40E_RX_OK);
		assert_int_equal(sim_i40e_receive(dev, big, sizeof(big)), SIM_I40E_RX_OK);
		for (int tries = 0; tries < 4 && got < 32; tries++) {
			n = rte_eth_rx_burst(0, 0, pkts, BURST);
			for (uint16_t i = 0; i < n; i++, got++) {
				struct rte_mbuf *m = pkts[i];

				if (got < 31) {
					assert_int_equal(m->pkt_len, sizeof(small));
					assert_int_equal(m->data_len, sizeof(small));
				} else {
					assert_int_equal(m->pkt_len, sizeof(big));
					assert_int_equal(m->nb_segs, 1);
					assert_int_equal(m->data_len, sizeof(big));
					assert_null(m->next);
					assert_memory_equal(rte_pktmbuf_mtod(m, uint8_t *), big,
							    sizeof(big));
				}
				rte_pktmbuf_free(m);
			}
		}
		assert_int_equal(got, 32);
		assert_int_equal(rte_eth_dev_stop(0), 0);
		assert_int_equal(rte_eth_dev_close(0), 0);
		assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
		assert_int_equal(rte_eth_dev_count_avail(), 1);
	}
}

/* ---- ethdev calls the driver answers from the device ------------------ */

/* All 512 table entries on queue 2: every hashed frame goes there. A new
 * key hashes the same frame differently. */
static void test_reta_and_key_steer_traffic(void **state)
{
	struct rte_eth_rss_reta_entry64 reta[512 / RTE_ETH_RETA_GROUP_SIZE];
	struct pkt_gen_config cfg = base_cfg;
	struct rte_eth_rss_conf rc;
	struct rte_mbuf *pkts[BURST];
	uint8_t key[52];
	uint32_t first_hash = 0;
	unsigned int per_q[4] = { 0 };

	(void)state;
	cfg.count = 200;
	cfg.flows = 50;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	assert_int_equal(port_up(4, 256, 0, 0, pool), 0);
	for (size_t g = 0; g < RTE_DIM(reta); g++) {
		reta[g].mask = UINT64_MAX;
		for (int i = 0; i < RTE_ETH_RETA_GROUP_SIZE; i++)
			reta[g].reta[i] = 2;
	}
	assert_int_equal(rte_eth_dev_rss_reta_update(0, reta, 512), 0);
	while (sim_i40e_deliver(dev, 32) > 0) {
		for (uint16_t q = 0; q < 4; q++) {
			uint16_t n;

			while ((n = rte_eth_rx_burst(0, q, pkts, BURST)) > 0) {
				if (q == 2 && per_q[2] == 0)
					first_hash = pkts[0]->hash.rss;
				rte_pktmbuf_free_bulk(pkts, n);
				per_q[q] += n;
			}
		}
	}
	assert_int_equal(per_q[2], 200);
	assert_int_equal(per_q[0] + per_q[1] + per_q[3], 0);

	/* The same first frame under another key. */
	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(0x3c ^ (i * 29));
	memset(&rc, 0, sizeof(rc));
	rc.rss_key = key;
	rc.rss_key_len = sizeof(key);
	rc.rss_hf = RTE_ETH_RSS_NONFRAG_IPV4_UDP;
	assert_int_equal(rte_eth_dev_rss_hash_update(0, &rc), 0);
	cfg.count = 1;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	assert_int_equal(sim_i40e_deliver(dev, 1), 1);
	assert_int_equal(rte_eth_rx_burst(0, 2, pkts, BURST), 1);
	assert_int_not_equal(pkts[0]->hash.rss, first_hash);
	rte_pktmbuf_free(pkts[0]);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

/* Configure port 0 with nq queues under mq_mode and rss_hf; start it. */
static int port_up_rss(uint16_t nq, enum rte_eth_rx_mq_mode mq_mode, uint64_t rss_hf)
{
	struct rte_eth_conf conf;
	int ret;

	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mq_mode = mq_mode;
	conf.rx_adv_conf.rss_conf.rss_hf = rss_hf;
	ret = rte_eth_dev_configure(0, nq, 0, &conf);
	for (uint16_t q = 0; ret == 0 && q < nq; q++)
		ret = rte_eth_rx_queue_setup(0, q, 128, 0, NULL, pool);
	return ret != 0 ? ret : rte_eth_dev_start(0);
}

static uint64_t hena_reg(void)
{
	const struct i40e_rx_queue *rxq = rte_eth_devices[0].rx_queues[0];

	return (uint64_t)hal_bar_read32(&rxq->adapter->bar, I40E_PFQF_HENA(0)) |
	       (uint64_t)hal_bar_read32(&rxq->adapter->bar, I40E_PFQF_HENA(1)) << 32;
}

/* Send 32 UDP (proto 17) or TCP (6) flows; count per queue, and how many
 * came with a hash. */
static unsigned int send_flows(uint8_t proto, unsigned int per_q[4])
{
	static uint8_t f[32][100];
	struct rte_mbuf *pkts[BURST];
	unsigned int hashed = 0;

	memset(per_q, 0, 4 * sizeof(*per_q));
	for (unsigned int i = 0; i < 32; i++) {
		mk_ipv4(f[i], 100, false, proto, false);
		f[i][14 + 15] = (uint8_t)(i * 37); /* source address */
		f[i][34 + 1] = (uint8_t)i;         /* source port */
		assert_int_equal(sim_i40e_receive(dev, f[i], 100), SIM_I40E_RX_OK);
	}
	for (uint16_t q = 0; q < 4; q++) {
		uint16_t n = rte_eth_rx_burst(0, q, pkts, BURST);

		for (uint16_t i = 0; i < n; i++)
			hashed += !!(pkts[i]->ol_flags & RTE_MBUF_F_RX_RSS_HASH);
		per_q[q] += n;
		rte_pktmbuf_free_bulk(pkts, n);
	}
	assert_int_equal(per_q[0] + per_q[1] + per_q[2] + per_q[3], 32);
	return hashed;
}

/* Toeplitz over in[] with key, written out bit by bit (the test's own,
 * not the device's). */
static uint32_t ref_toeplitz(const uint8_t *key, const uint8_t *in, size_t len)
{
	uint32_t hash = 0;

	for (size_t bit = 0; bit < 8 * len; bit++) {
		uint32_t window = 0;

		if (!(in[bit / 8] & (0x80u >> (bit % 8))))
			continue;
		for (size_t k = 0; k < 32; k++)
			if (key[(bit + k) / 8] & (0x80u >> ((bit + k) % 8)))
				window |= 1u << (31 - k);
		hash ^= window;
	}
	return hash;
}

/*
 * As DPDK 22.11's i40e_pf_config_rss: a port started under RSS without a
 * key, or with one shorter than the device's 52 bytes, gets the driver's
 * default key (thirteen words 0x6b793944, 0x23504cb5, ..., low byte
 * first in each register); conf_get returns it and the device hashes
 * with it. A key of 52 bytes is used as given.
 */
static void test_rss_default_key(void **state)
{
	static const uint8_t dpdk_key[52] = {
		0x44, 0x39, 0x79, 0x6b, 0xb5, 0x4c, 0x50, 0x23, 0xb6, 0x75, 0xea, 0x5b, 0x12,
		0x4f, 0x9f, 0x30, 0xb8, 0xa2, 0xc0, 0x3d, 0xdf, 0xdc, 0x4d, 0x02, 0xa0, 0x8c,
		0x9b, 0x33, 0x4a, 0xf6, 0x4a, 0x4c, 0x05, 0xc6, 0xfa, 0x34, 0x39, 0x58, 0xd8,
		0x55, 0x7d, 0x99, 0x58, 0x3a, 0xe1, 0x38, 0xc9, 0x2e, 0x81, 0x15, 0x03, 0x66,
	};
	uint8_t key[64], own[52], f[100];
	struct rte_eth_rss_conf rc;
	struct rte_eth_conf conf;
	struct rte_mbuf *m;

	(void)state;
	for (size_t i = 0; i < sizeof(own); i++)
		own[i] = (uint8_t)(0x91 + 13 * i);
	mk_ipv4(f, sizeof(f), false, 6, false);
	for (int round = 0; round < 3; round++) {
		/* no key; a 40-byte one (too short: not used); a 52-byte one */
		const uint8_t *want = round == 2 ? own : dpdk_key;

		memset(&conf, 0, sizeof(conf));
		conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		conf.rx_adv_conf.rss_conf.rss_hf = RTE_ETH_RSS_NONFRAG_IPV4_TCP;
		conf.rx_adv_conf.rss_conf.rss_key = round == 0 ? NULL : own;
		conf.rx_adv_conf.rss_conf.rss_key_len = round == 1 ? 40 : round == 2 ? 52 : 0;
		assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
		assert_int_equal(rte_eth_rx_queue_setup(0, 0, 128, 0, NULL, pool), 0);
		assert_int_equal(rte_eth_dev_start(0), 0);
		memset(key, 0xa5, sizeof(key));
		memset(&rc, 0, sizeof(rc));
		rc.rss_key = key;
		rc.rss_key_len = sizeof(key);
		assert_int_equal(rte_eth_dev_rss_hash_conf_get(0, &rc), 0);
		assert_int_equal(rc.rss_key_len, 52);
		assert_memory_equal(key, want, 52);
		/* a bigger buffer: the driver writes its 52 bytes, no more */
		for (size_t i = 52; i < sizeof(key); i++)
			assert_int_equal(key[i], 0xa5);
		/* the hash of TCP over IPv4: addresses and ports, as on the wire */
		assert_int_equal(sim_i40e_receive(dev, f, sizeof(f)), SIM_I40E_RX_OK);
		assert_int_equal(rte_eth_rx_burst(0, 0, &m, 1), 1);
		assert_true(m->ol_flags & RTE_MBUF_F_RX_RSS_HASH);
		assert_int_equal(m->hash.rss, ref_toeplitz(want, f + 26, 12));
		rte_pktmbuf_free(m);
		assert_int_equal(rte_eth_dev_stop(0), 0);
	}
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

/*
 * The hashed flow types as DPDK 22.11's i40e programs them: rss_hf goes
 * through the pctype table into PFQF_HENA (NONFRAG_IPV4_TCP is class 33,
 * FRAG_IPV6 46, ...); conf_get reads rss_hf back from there. A frame of a
 * type not asked for is not hashed: no RSS_HASH flag, and queue 0. RSS
 * stays off with rss_hf 0 under the RSS mode and without the RSS mode,
 * and rss_hash_update can neither turn it on nor off (-EINVAL).
 */
static void test_hena_from_rss_hf(void **state)
{
	struct rte_eth_rss_conf rc;
	unsigned int per_q[4];

	(void)state;
	assert_int_equal(i40e_rss_hf_to_hena(RTE_ETH_RSS_NONFRAG_IPV4_TCP | RTE_ETH_RSS_FRAG_IPV6),
			 RTE_BIT64(33) | RTE_BIT64(46));
	assert_int_equal(i40e_rss_hf_to_hena(RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_IPV6_EX), 0);
	assert_int_equal(i40e_hena_to_rss_hf(RTE_BIT64(31) | RTE_BIT64(63) | RTE_BIT64(1)),
			 RTE_ETH_RSS_NONFRAG_IPV4_UDP | RTE_ETH_RSS_L2_PAYLOAD);
	assert_int_equal(i40e_hena_to_rss_hf(i40e_rss_hf_to_hena(I40E_RSS_OFFLOADS)),
			 I40E_RSS_OFFLOADS);

	/* UDP only: UDP flows hashed and spread, TCP flows unhashed on queue 0 */
	assert_int_equal(port_up_rss(4, RTE_ETH_MQ_RX_RSS, RTE_ETH_RSS_NONFRAG_IPV4_UDP), 0);
	assert_int_equal(hena_reg(), RTE_BIT64(31));
	memset(&rc, 0, sizeof(rc));
	rc.rss_hf = UINT64_MAX;
	assert_int_equal(rte_eth_dev_rss_hash_conf_get(0, &rc), 0);
	assert_int_equal(rc.rss_hf, RTE_ETH_RSS_NONFRAG_IPV4_UDP);
	assert_int_equal(send_flows(17, per_q), 32);
	assert_true(per_q[1] + per_q[2] + per_q[3] > 0);
	assert_int_equal(send_flows(6, per_q), 0);
	assert_int_equal(per_q[0], 32);
	/* switched to TCP (and FRAG_IPV6) by rss_hash_update: the other way round */
	rc.rss_hf = RTE_ETH_RSS_NONFRAG_IPV4_TCP | RTE_ETH_RSS_FRAG_IPV6;
	assert_int_equal(rte_eth_dev_rss_hash_update(0, &rc), 0);
	assert_int_equal(hena_reg(), RTE_BIT64(33) | RTE_BIT64(46));
	rc.rss_hf = 0;
	assert_int_equal(rte_eth_dev_rss_hash_conf_get(0, &rc), 0);
	assert_int_equal(rc.rss_hf, RTE_ETH_RSS_NONFRAG_IPV4_TCP | RTE_ETH_RSS_FRAG_IPV6);
	assert_int_equal(send_flows(6, per_q), 32);
	assert_true(per_q[1] + per_q[2] + per_q[3] > 0);
	assert_int_equal(send_flows(17, per_q), 0);
	assert_int_equal(per_q[0], 32);
	/* RSS cannot be switched off by an update */
	rc.rss_hf = 0;
	assert_int_equal(rte_eth_dev_rss_hash_update(0, &rc), -EINVAL);
	assert_int_equal(hena_reg(), RTE_BIT64(33) | RTE_BIT64(46));
	/* a restart programs rss_conf again */
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_int_equal(hena_reg(), RTE_BIT64(31));
	assert_int_equal(rte_eth_dev_stop(0), 0);

	/* rss_hf 0 under the RSS mode: RSS off, and it cannot be turned on */
	assert_int_equal(port_up_rss(4, RTE_ETH_MQ_RX_RSS, 0), 0);
	assert_int_equal(hena_reg(), 0);
	rc.rss_hf = UINT64_MAX;
	assert_int_equal(rte_eth_dev_rss_hash_conf_get(0, &rc), 0);
	assert_int_equal(rc.rss_hf, 0);
	assert_int_equal(send_flows(17, per_q), 0);
	assert_int_equal(per_q[0], 32);
	rc.rss_hf = RTE_ETH_RSS_NONFRAG_IPV4_UDP;
	assert_int_equal(rte_eth_dev_rss_hash_update(0, &rc), -EINVAL);
	rc.rss_hf = 0;
	assert_int_equal(rte_eth_dev_rss_hash_update(0, &rc), 0);
	assert_int_equal(hena_reg(), 0);
	assert_int_equal(rte_eth_dev_stop(0), 0);

	/* no RSS mode, whatever rss_hf says: nothing hashed */
	assert_int_equal(port_up_rss(1, RTE_ETH_MQ_RX_NONE, RTE_ETH_RSS_NONFRAG_IPV4_UDP), 0);
	assert_int_equal(hena_reg(), 0);
	assert_int_equal(send_flows(17, per_q), 0);
	assert_int_equal(rte_eth_dev_stop(0), 0);

	/* one queue under the RSS mode still hashes (the hash is delivered) */
	assert_int_equal(port_up_rss(1, RTE_ETH_MQ_RX_RSS, RTE_ETH_RSS_NONFRAG_IPV4_UDP), 0);
	assert_int_equal(send_flows(17, per_q), 32);
	assert_int_equal(per_q[0], 32);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

struct cb_log {
	unsigned int calls;
	uint16_t seen; /* nb_pkts of the last call */
	uint16_t max;  /* max_pkts of the last call */
};

/* Counts what reaches it and lets everything through. */
static uint16_t count_cb(uint16_t port, uint16_t queue, struct rte_mbuf *pkts[], uint16_t nb,
			 uint16_t max, void *param)
{
	struct cb_log *log = param;

	(void)port;
	(void)queue;
	(void)pkts;
	log->calls++;
	log->seen = nb;
	log->max = max;
	return nb;
}

/* Drops the last packet of each burst (frees it), as a filter would. */
static uint16_t drop_last_cb(uint16_t port, uint16_t queue, struct rte_mbuf *pkts[], uint16_t nb,
			     uint16_t max, void *param)
{
	struct cb_log *log = param;

	(void)port;
	(void)queue;
	(void)max;
	log->calls++;
	log->seen = nb;
	if (nb == 0)
		return 0;
	rte_pktmbuf_free(pkts[nb - 1]);
	return (uint16_t)(nb - 1);
}

/* Rx callbacks run on every burst, in order, and can filter; removed,
 * they run no more. */
static void test_rx_callbacks(void **state)
{
	struct pkt_gen_config cfg = base_cfg;
	struct cb_log counted = { 0, 0, 0 }, dropped = { 0, 0, 0 };
	const struct rte_eth_rxtx_callback *a, *b;
	struct rte_mbuf *pkts[BURST];
	uint16_t n;

	(void)state;
	cfg.count = 16;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	assert_int_equal(port_up(1, 256, 0, 0, pool), 0);
	rte_errno = 0;
	assert_null(rte_eth_add_rx_callback(0, 1, count_cb, &counted));
	assert_int_equal(rte_errno, EINVAL);
	assert_null(rte_eth_add_rx_callback(0, 0, NULL, &counted));
	a = rte_eth_add_rx_callback(0, 0, count_cb, &counted);
	assert_non_null(a);
	b = rte_eth_add_first_rx_callback(0, 0, drop_last_cb, &dropped); /* runs before a */
	assert_non_null(b);

	assert_int_equal(sim_i40e_deliver(dev, 8), 8);
	n = rte_eth_rx_burst(0, 0, pkts, BURST);
	assert_int_equal(n, 7);
	assert_int_equal(dropped.seen, 8);
	assert_int_equal(counted.seen, 7);
	assert_int_equal(counted.max, BURST);
	rte_pktmbuf_free_bulk(pkts, n);
	/* An empty burst runs them too, as DPDK's. */
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts, BURST), 0);
	assert_int_equal(counted.calls, 2);
	assert_int_equal(counted.seen, 0);

	assert_int_equal(rte_eth_remove_rx_callback(0, 0, b), 0);
	assert_int_equal(rte_eth_remove_rx_callback(0, 0, b), -EINVAL); /* gone already */
	assert_int_equal(rte_eth_remove_rx_callback(0, 0, NULL), -EINVAL);
	assert_int_equal(sim_i40e_deliver(dev, 8), 8);
	n = rte_eth_rx_burst(0, 0, pkts, BURST);
	assert_int_equal(n, 8);
	assert_int_equal(counted.seen, 8);
	assert_int_equal(dropped.calls, 2);
	rte_pktmbuf_free_bulk(pkts, n);
	assert_int_equal(rte_eth_remove_rx_callback(0, 0, a), 0);
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts, BURST), 0);
	assert_int_equal(counted.calls, 3);
	/* Removed callbacks are the application's to free. */
	rte_free((void *)(uintptr_t)a);
	rte_free((void *)(uintptr_t)b);
	/* One left on the queue is freed with the port (teardown closes it). */
	assert_non_null(rte_eth_add_rx_callback(0, 0, count_cb, &counted));
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

/* How far the device has filled the ring, from the descriptors' DD bits. */
static void test_queue_count_and_descriptor_status(void **state)
{
	struct pkt_gen_config cfg = base_cfg;
	struct rte_mbuf *pkts[BURST];

	(void)state;
	cfg.count = 8;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	assert_int_equal(port_up(1, 64, 0, 0, pool), 0);
	assert_int_equal(rte_eth_rx_queue_count(0, 0), 0);
	assert_int_equal(rte_eth_rx_queue_count(0, 1), -EINVAL);
	assert_int_equal(rte_eth_rx_descriptor_status(0, 0, 0), RTE_ETH_RX_DESC_AVAIL);
	assert_int_equal(sim_i40e_deliver(dev, 8), 8);
	assert_int_equal(rte_eth_rx_queue_count(0, 0), 8);
	assert_int_equal(rte_eth_rx_descriptor_status(0, 0, 0), RTE_ETH_RX_DESC_DONE);
	assert_int_equal(rte_eth_rx_descriptor_status(0, 0, 7), RTE_ETH_RX_DESC_DONE);
	assert_int_equal(rte_eth_rx_descriptor_status(0, 0, 8), RTE_ETH_RX_DESC_AVAIL);
	assert_int_equal(rte_eth_rx_descriptor_status(0, 0, 64), -EINVAL);
	assert_int_equal(rte_eth_rx_burst(0, 0, pkts, BURST), 8);
	rte_pktmbuf_free_bulk(pkts, 8);
	assert_int_equal(rte_eth_rx_queue_count(0, 0), 0);
	/* The 8 taken are refilled but held until rx_free_thresh (32): not the
	 * device's yet, so the last 8 offsets from the tail are unavailable. */
	assert_int_equal(rte_eth_rx_descriptor_status(0, 0, 55), RTE_ETH_RX_DESC_AVAIL);
	assert_int_equal(rte_eth_rx_descriptor_status(0, 0, 56), RTE_ETH_RX_DESC_UNAVAIL);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_rx_queue_count(0, 0), -EINVAL); /* stopped */
}

/* The generic extended statistics are the port's counters. */
static void test_xstats_follow_traffic(void **state)
{
	struct pkt_gen_config cfg = base_cfg;
	struct rte_eth_xstat xs[32];
	struct rte_eth_stats st;
	uint64_t id_q0, id_q1, id_bytes;
	int n;

	(void)state;
	cfg.count = 100;
	cfg.flows = 40;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	assert_int_equal(port_up(2, 256, 0, 0, pool), 0);
	while (sim_i40e_deliver(dev, 32) > 0) {
		drain(&cfg, 0, NULL);
		drain(&cfg, 1, NULL);
	}
	assert_int_equal(rte_eth_stats_get(0, &st), 0);
	assert_int_equal(st.ipackets, 100);
	memset(xs, 0x5a, sizeof(xs));
	n = rte_eth_xstats_get(0, xs, RTE_DIM(xs));
	assert_int_equal(n, 8 + 2 * 3);
	assert_int_equal(xs[0].value, 100); /* rx_good_packets */
	assert_int_equal(rte_eth_xstats_get_id_by_name(0, "rx_good_bytes", &id_bytes), 0);
	assert_int_equal(xs[id_bytes].value, st.ibytes);
	assert_int_equal(rte_eth_xstats_get_id_by_name(0, "rx_q0_packets", &id_q0), 0);
	assert_int_equal(rte_eth_xstats_get_id_by_name(0, "rx_q1_packets", &id_q1), 0);
	assert_int_equal(xs[id_q0].value, st.q_ipackets[0]);
	assert_int_equal(xs[id_q1].value, st.q_ipackets[1]);
	assert_int_equal(xs[id_q0].value + xs[id_q1].value, 100);
	assert_int_equal(rte_eth_xstats_reset(0), 0);
	assert_int_equal(rte_eth_xstats_get(0, xs, RTE_DIM(xs)), n);
	for (int i = 0; i < n; i++)
		assert_int_equal(xs[i].value, 0);
	assert_int_equal(rte_eth_dev_stop(0), 0);
}

/* ---- filters: MAC addresses and promiscuous modes through ethdev ----------- */

static const struct rte_ether_addr other_mac = { { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 } };
static const struct rte_ether_addr mcast_mac = { { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 } };
static const struct rte_ether_addr bcast_mac = { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };

/* Offer one frame to dst; true if it reached queue 0 (and is freed). */
static bool delivered(const struct rte_ether_addr *dst)
{
	struct rte_mbuf *m;
	uint8_t f[64];
	enum sim_i40e_rx_result rc;

	memset(f, 0, sizeof(f));
	memcpy(f, dst->addr_bytes, 6);
	memcpy(f + 6, base_cfg.src_mac, 6);
	f[12] = 0x88;
	f[13] = 0xb5; /* not hashed: queue 0 */
	rc = sim_i40e_receive(dev, f, sizeof(f));
	assert_true(rc == SIM_I40E_RX_OK || rc == SIM_I40E_RX_FILTERED);
	if (rx_burst_one(&m) == 0) {
		assert_int_equal(rc, SIM_I40E_RX_FILTERED);
		return false;
	}
	assert_int_equal(rc, SIM_I40E_RX_OK);
	assert_memory_equal(rte_pktmbuf_mtod(m, uint8_t *), f, sizeof(f));
	rte_pktmbuf_free(m);
	return true;
}

/*
 * DPDK's semantics on the emulated switch: a port takes frames to its own
 * addresses and broadcast; multicast only all-multicast; everything
 * promiscuous. Each change goes to firmware as an admin command (MAC-VLAN
 * add/remove, VSI promiscuous flags), which the device's switch obeys.
 */
static void test_mac_filters_and_promiscuous(void **state)
{
	struct rte_ether_addr own, other = other_mac, mcast = mcast_mac, fresh;
	struct sim_i40e_vsi v;
	uint64_t drops;

	(void)state;
	assert_int_equal(port_up(1, 512, RTE_ETHER_MTU, 0, pool), 0);
	drops = sim_i40e_switch_drops(dev);
	assert_int_equal(rte_eth_macaddr_get(0, &own), 0);
	assert_memory_equal(own.addr_bytes, base_cfg.dst_mac, 6); /* read from firmware */
	assert_int_equal(rte_eth_promiscuous_get(0), 0);
	assert_int_equal(rte_eth_allmulticast_get(0), 0);
	assert_true(delivered(&own));
	assert_true(delivered(&bcast_mac));
	assert_false(delivered(&other));
	assert_false(delivered(&mcast));

	/* A second address, and away again. */
	assert_int_equal(rte_eth_dev_mac_addr_add(0, &other, 0), 0);
	sim_i40e_vsi_get(dev, &v);
	assert_int_equal(v.nb_filters, 2);
	assert_true(delivered(&other));
	assert_int_equal(rte_eth_dev_mac_addr_remove(0, &other), 0);
	assert_false(delivered(&other));

	/* A new default address replaces the old one in the switch. */
	fresh = other;
	fresh.addr_bytes[5] = 0x66;
	assert_int_equal(rte_eth_dev_default_mac_addr_set(0, &fresh), 0);
	assert_true(delivered(&fresh));
	assert_false(delivered(&own));
	assert_int_equal(rte_eth_dev_default_mac_addr_set(0, &own), 0);
	assert_true(delivered(&own));
	assert_false(delivered(&fresh));
	sim_i40e_vsi_get(dev, &v);
	assert_int_equal(v.nb_filters, 1);

	/* All-multicast: multicast in, other unicast still out. */
	assert_int_equal(rte_eth_allmulticast_enable(0), 0);
	assert_true(delivered(&mcast));
	assert_false(delivered(&other));
	/* Promiscuous: everything; off again, all-multicast stays. */
	assert_int_equal(rte_eth_promiscuous_enable(0), 0);
	assert_true(delivered(&other));
	assert_int_equal(rte_eth_promiscuous_disable(0), 0);
	assert_false(delivered(&other));
	assert_true(delivered(&mcast));
	assert_int_equal(rte_eth_allmulticast_disable(0), 0);
	assert_false(delivered(&mcast));
	/* A promiscuous port keeps multicast when all-multicast goes. */
	assert_int_equal(rte_eth_promiscuous_enable(0), 0);
	assert_int_equal(rte_eth_allmulticast_enable(0), 0);
	assert_int_equal(rte_eth_allmulticast_disable(0), 0);
	assert_true(delivered(&mcast));
	assert_int_equal(rte_eth_promiscuous_disable(0), 0);
	assert_false(delivered(&mcast));
	assert_int_equal(sim_i40e_switch_drops(dev) - drops, 9);
}

/* Firmware's answer reaches the application as -errno: an address the
 * switch already has (put there behind ethdev's back) is EEXIST. */
/* Does the main VSI hold a filter for mac? */
static bool vsi_has_filter(const struct rte_ether_addr *mac)
{
	struct sim_i40e_vsi v;

	sim_i40e_vsi_get(dev, &v);
	for (unsigned int i = 0; i < v.nb_filters; i++)
		if (memcmp(v.filters[i].mac, mac->addr_bytes, 6) == 0)
			return true;
	return false;
}

static void test_mac_filter_firmware_error(void **state)
{
	struct i40e_adapter *ad = rte_eth_devices[0].dev_private;
	struct rte_ether_addr other = other_mac, own, got[2];

	(void)state;
	assert_int_equal(i40e_aq_add_macvlan(ad, ad->main_vsi_seid, other.addr_bytes), 0);
	assert_int_equal(rte_eth_dev_mac_addr_add(0, &other, 0), -EEXIST);
	assert_int_equal(rte_eth_macaddrs_get(0, got, 2), 2);
	assert_true(rte_is_zero_ether_addr(&got[1])); /* ethdev's table unchanged */
	assert_int_equal(i40e_aq_remove_macvlan(ad, ad->main_vsi_seid, other.addr_bytes), 0);
	assert_int_equal(i40e_aq_remove_macvlan(ad, ad->main_vsi_seid, other.addr_bytes),
			 -ENOENT);

	/* A new default address whose old filter firmware fails to remove:
	 * the new filter is taken out again and the old address stays. */
	assert_int_equal(rte_eth_macaddr_get(0, &own), 0);
	sim_i40e_aq_fault(dev, 1, I40E_AQ_RC_EIO); /* the add passes, the remove fails */
	assert_int_equal(rte_eth_dev_default_mac_addr_set(0, &other), -EIO);
	assert_false(sim_i40e_aq_fault_pending(dev));
	assert_int_equal(rte_eth_macaddr_get(0, &got[0]), 0);
	assert_true(rte_is_same_ether_addr(&got[0], &own));
	assert_true(vsi_has_filter(&own));
	assert_false(vsi_has_filter(&other));
	/* ... but an old filter already gone (ENOENT) is what was wanted */
	sim_i40e_aq_fault(dev, 1, I40E_AQ_RC_ENOENT);
	assert_int_equal(rte_eth_dev_default_mac_addr_set(0, &other), 0);
	assert_false(sim_i40e_aq_fault_pending(dev));
	assert_int_equal(rte_eth_macaddr_get(0, &got[0]), 0);
	assert_true(rte_is_same_ether_addr(&got[0], &other));
	assert_true(vsi_has_filter(&other));
}

/* Start maps the configured queues into the VSI (rounded up to a power of
 * two), so that RSS can reach every one of them. */
static void test_start_maps_vsi_queues(void **state)
{
	struct sim_i40e_vsi v;

	(void)state;
	assert_int_equal(port_up(3, 512, RTE_ETHER_MTU, 0, pool), 0);
	sim_i40e_vsi_get(dev, &v);
	/* the VSI probe found through get_switch_config */
	assert_int_equal(((struct i40e_adapter *)rte_eth_devices[0].dev_private)->main_vsi_seid,
			 SIM_I40E_MAIN_VSI_SEID);
	assert_int_equal(v.seid, SIM_I40E_MAIN_VSI_SEID);
	assert_int_equal(v.first_queue, 0);
	assert_int_equal(v.qnum_log2, 2);
}

static int lsc_calls;

static int count_lsc(uint16_t port, enum rte_eth_event_type type, void *arg, void *ret)
{
	(void)port;
	(void)arg;
	(void)ret;
	if (type == RTE_ETH_EVENT_INTR_LSC)
		lsc_calls++;
	return 0;
}

/* Link status interrupts asked for: firmware posts link events on the
 * admin receive queue; asking for the link status takes them and calls
 * the application's LSC callbacks, once per change. */
static void test_link_status_events(void **state)
{
	struct rte_eth_link link;
	struct rte_eth_conf conf;

	(void)state;
	memset(&conf, 0, sizeof(conf));
	conf.intr_conf.lsc = 1;
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 512, 0, NULL, pool), 0);
	assert_int_equal(rte_eth_dev_callback_register(0, RTE_ETH_EVENT_INTR_LSC, count_lsc, NULL),
			 0);
	assert_int_equal(rte_eth_dev_start(0), 0);
	lsc_calls = 0;
	/* Start told firmware to post events: a change before the
	 * application first asks for the link is not lost. */
	sim_i40e_set_link(dev, false);
	assert_int_equal(rte_eth_link_get_nowait(0, &link), 0);
	assert_int_equal(link.link_status, RTE_ETH_LINK_DOWN);
	assert_int_equal(lsc_calls, 1);
	assert_int_equal(rte_eth_link_get_nowait(0, &link), 0);
	assert_int_equal(lsc_calls, 1); /* no new event */
	sim_i40e_set_link(dev, true);
	assert_int_equal(rte_eth_link_get_nowait(0, &link), 0);
	assert_int_equal(link.link_status, RTE_ETH_LINK_UP);
	assert_int_equal(link.link_speed, RTE_ETH_SPEED_NUM_10G);
	assert_int_equal(lsc_calls, 2);
	assert_int_equal(rte_eth_link_get_nowait(0, &link), 0);
	assert_int_equal(link.link_status, RTE_ETH_LINK_UP);
	assert_int_equal(lsc_calls, 2);
	assert_int_equal(
		rte_eth_dev_callback_unregister(0, RTE_ETH_EVENT_INTR_LSC, count_lsc, NULL), 0);
}

/* Cable out: the link is down with no speed, and back up when it is in. */
static void test_link_follows_cable(void **state)
{
	struct rte_eth_link link;
	struct rte_eth_conf conf;
	char str[RTE_ETH_LINK_MAX_STR_LEN];

	(void)state;
	sim_i40e_set_link(dev, false);
	memset(&link, 0xff, sizeof(link));
	assert_int_equal(rte_eth_link_get_nowait(0, &link), 0);
	assert_int_equal(link.link_status, RTE_ETH_LINK_DOWN);
	assert_int_equal(link.link_speed, RTE_ETH_SPEED_NUM_NONE);
	/* Waiting, the driver asks firmware (get_link_status) for up to 1 s. */
	memset(&link, 0xff, sizeof(link));
	assert_int_equal(rte_eth_link_get(0, &link), 0);
	assert_int_equal(link.link_status, RTE_ETH_LINK_DOWN);
	assert_int_equal(link.link_speed, RTE_ETH_SPEED_NUM_NONE);
	assert_int_equal(rte_eth_link_to_str(str, sizeof(str), &link), 9);
	assert_string_equal(str, "Link down");
	sim_i40e_set_link(dev, true);
	/* A fixed-speed configuration is reported as not negotiated. */
	memset(&conf, 0, sizeof(conf));
	conf.link_speeds = RTE_ETH_LINK_SPEED_FIXED | RTE_ETH_LINK_SPEED_10G;
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
	assert_int_equal(rte_eth_link_get(0, &link), 0);
	assert_int_equal(link.link_status, RTE_ETH_LINK_UP);
	assert_int_equal(link.link_speed, RTE_ETH_SPEED_NUM_10G);
	assert_int_equal(link.link_autoneg, RTE_ETH_LINK_FIXED);
	assert_int_equal(rte_eth_link_to_str(str, sizeof(str), &link), 28);
	assert_string_equal(str, "Link up at 10 Gbps FDX Fixed");
}

/* ---- LAN HMC and queue allocation --------------------------------------- */

/* The receive queue context's fields, with the datasheet's LSB and width
 * (written out here, not taken from i40e_regs.h, so the header is checked
 * too). */
struct ctx_field {
	const char *name;
	unsigned int lsb, width;
};

static const struct ctx_field rx_ctx_fields[] = {
	{ "head", 0, 13 }, { "cpuid", 13, 8 }, { "base", 32, 57 }, { "qlen", 89, 13 },
	{ "dbuff", 102, 7 }, { "hbuff", 109, 5 }, { "dtype", 114, 2 }, { "dsize", 116, 1 },
	{ "crcstrip", 117, 1 }, { "fc_ena", 118, 1 }, { "l2tsel", 119, 1 },
	{ "hsplit_0", 120, 4 }, { "hsplit_1", 124, 2 }, { "showiv", 127, 1 },
	{ "rxmax", 174, 14 }, { "tphrdesc", 193, 1 }, { "tphwdesc", 194, 1 },
	{ "tphdata", 195, 1 }, { "tphhead", 196, 1 }, { "lrxqthresh", 198, 3 },
	{ "prefena", 201, 1 },
};

static uint64_t ctx_field_get(const uint8_t *ctx, unsigned int lsb, unsigned int width)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < width; i++)
		if (ctx[(lsb + i) / 8] & (1u << ((lsb + i) % 8)))
			v |= 1ULL << i;
	return v;
}

/* Where the device finds queue q's rx context: the segment descriptor and
 * object base it was given, as host memory of the driver's HMC memzone. */
static const uint8_t *hmc_rx_object(unsigned int q)
{
	const struct rte_memzone *mz = rte_memzone_lookup("i40e_p0_hmc");
	struct sim_i40e_hmc hmc;
	uint64_t fpm, iova;

	assert_non_null(mz);
	sim_i40e_hmc_status(dev, &hmc);
	fpm = (uint64_t)hmc.rx_base[0] * 512 + 32ull * q;
	assert_true(fpm / 0x200000 < SIM_I40E_HMC_SDS);
	assert_true(hmc.sd[fpm / 0x200000].valid);
	iova = hmc.sd[fpm / 0x200000].addr + fpm % 0x200000;
	assert_true(iova >= mz->iova && iova + 32 <= mz->iova + mz->len);
	return (const uint8_t *)mz->addr + (iova - mz->iova);
}

/* Probe programs the HMC: one direct segment at the backing memzone,
 * 64 tx objects of 128 bytes from 0, 64 rx objects after them. */
static void test_hmc_segments_programmed(void **state)
{
	const struct rte_memzone *mz = rte_memzone_lookup("i40e_p0_hmc");
	struct sim_i40e_hmc hmc;

	(void)state;
	assert_non_null(mz);
	memset(&hmc, 0xa5, sizeof(hmc));
	sim_i40e_hmc_status(dev, &hmc);
	assert_true(hmc.sd[0].valid);
	assert_true(hmc.sd[0].direct);
	assert_int_equal(hmc.sd[0].bp_count, 512);
	assert_int_equal(hmc.sd[0].addr, mz->iova);
	assert_int_equal(mz->iova % 4096, 0);
	assert_false(hmc.sd[1].valid);
	assert_int_equal(hmc.tx_base[0], 0);
	assert_int_equal(hmc.tx_cnt[0], 64);
	assert_int_equal(hmc.rx_base[0], 64 * 128 / 512);
	assert_int_equal(hmc.rx_cnt[0], 64);
	assert_true(mz->len >= 64 * 128 + 64 * 32);
	/* close takes the segment back before freeing the memory */
	assert_int_equal(rte_eth_dev_close(0), 0);
	sim_i40e_hmc_status(dev, &hmc);
	assert_false(hmc.sd[0].valid);
	assert_null(rte_memzone_lookup("i40e_p0_hmc"));
	assert_int_equal(rte_eth_dev_count_avail(), 1); /* probed again, for test_teardown */
}

/* Start writes each queue's context into its HMC object, every field as
 * DPDK 22.11's i40e_rx_queue_init sets it; the device reads it from there. */
static void test_hmc_rx_context_fields(void **state)
{
	struct pkt_gen_config cfg = base_cfg;
	struct sim_i40e_hmc hmc;
	uint64_t next = 0;

	(void)state;
	for (unsigned int q = 0; q < 2; q++)
		memset((void *)(uintptr_t)hmc_rx_object(q), 0xa5, 32); /* poisoned */
	assert_int_equal(port_up(2, 512, 0, 0, pool), 0);
	for (unsigned int q = 0; q < 2; q++) {
		const uint8_t *obj = hmc_rx_object(q);
		char name[RTE_MEMZONE_NAMESIZE];
		const struct rte_memzone *ring;
		uint8_t want[32] = { 0 };

		snprintf(name, sizeof(name), "eth_p0_q%u_rx_ring", q);
		ring = rte_memzone_lookup(name);
		assert_non_null(ring);
		const uint64_t expect[] = {
			0,                 /* head */
			0,                 /* cpuid */
			ring->iova / 128,  /* base, 128-byte units */
			512,               /* qlen */
			2048 / 128,        /* dbuff: 2048-byte data room, 128-byte units */
			0, 0,              /* hbuff, dtype: no header split */
			1,                 /* dsize: 32-byte descriptors */
			1,                 /* crcstrip: no KEEP_CRC */
			0,                 /* fc_ena */
			1,                 /* l2tsel */
			0, 0,              /* hsplit_0/1 */
			0,                 /* showiv */
			1500 + 14 + 4 + 8, /* rxmax: MTU + header, CRC and two VLAN tags */
			1, 1, 1, 1,        /* tph* */
			2,                 /* lrxqthresh */
			1,                 /* prefena */
		};

		assert_int_equal(RTE_DIM(expect), RTE_DIM(rx_ctx_fields));
		for (size_t f = 0; f < RTE_DIM(rx_ctx_fields); f++) {
			const struct ctx_field *fd = &rx_ctx_fields[f];
			uint64_t got = ctx_field_get(obj, fd->lsb, fd->width);

			if (got != expect[f])
				fail_msg("queue %u field %s: %" PRIu64 ", want %" PRIu64, q, fd->name,
					 got, expect[f]);
			for (unsigned int i = 0; i < fd->width; i++)
				if (expect[f] & (1ULL << i))
					want[(fd->lsb + i) / 8] |= (uint8_t)(1u << ((fd->lsb + i) % 8));
		}
		/* and nothing outside the fields */
		assert_memory_equal(obj, want, 32);
	}
	sim_i40e_hmc_status(dev, &hmc);
	assert_int_equal(hmc.errors, 0);
	assert_int_equal(hmc.last_iova, hmc.sd[0].addr + hmc.rx_base[0] * 512ull + 32);
	cfg.count = 40;
	cfg.flows = 1;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	while (sim_i40e_deliver(dev, 8) > 0) {
		unsigned int n = 0;

		for (uint16_t q = 0; q < 2; q++)
			n += drain(&cfg, q, NULL);
		next += n;
	}
	assert_int_equal(next, 40);
}

/* A segment descriptor taken away: the device cannot find the context,
 * refuses to enable the queue and says why; start fails and leaves no
 * queue running. Programmed again, the port starts. */
static void test_hmc_invalid_segment_refused(void **state)
{
	struct i40e_adapter *ad = rte_eth_devices[0].dev_private;
	struct sim_i40e_hmc hmc;
	uint64_t errors, sd_addr;

	(void)state;
	sim_i40e_hmc_status(dev, &hmc);
	errors = hmc.errors;
	sd_addr = hmc.sd[0].addr;
	hal_bar_write32(&ad->bar, I40E_PFHMC_SDDATAHIGH, 0);
	hal_bar_write32(&ad->bar, I40E_PFHMC_SDDATALOW, 512u << 2 | 2u); /* direct, not valid */
	hal_bar_write32(&ad->bar, I40E_PFHMC_SDCMD, 0x80000000u);
	assert_int_equal(port_up(1, 512, 0, 0, pool), -ETIMEDOUT);
	sim_i40e_hmc_status(dev, &hmc);
	assert_int_equal(hmc.errors, errors + 1);
	assert_int_equal(hmc.last_error, SIM_I40E_HMC_SD_INVALID);
	assert_int_equal(hal_bar_read32(&ad->bar, I40E_QRX_ENA(0)) & I40E_QRX_ENA_QENA_STAT, 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);

	/* an object past LANRXCNT is refused as well */
	hal_bar_write32(&ad->bar, I40E_PFHMC_SDDATAHIGH, (uint32_t)(sd_addr >> 32));
	hal_bar_write32(&ad->bar, I40E_PFHMC_SDDATALOW, (uint32_t)sd_addr | 512u << 2 | 2u | 1u);
	hal_bar_write32(&ad->bar, I40E_PFHMC_SDCMD, 0x80000000u);
	hal_bar_write32(&ad->bar, I40E_GLHMC_LANRXCNT(0), 0);
	assert_int_equal(rte_eth_dev_start(0), -ETIMEDOUT);
	sim_i40e_hmc_status(dev, &hmc);
	assert_int_equal(hmc.last_error, SIM_I40E_HMC_OBJ_RANGE);
	hal_bar_write32(&ad->bar, I40E_GLHMC_LANRXCNT(0), 64);
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_true(hal_bar_read32(&ad->bar, I40E_QRX_ENA(0)) & I40E_QRX_ENA_QENA_STAT);
}

/* The PFCM_LANCTX fallback: the same context reaches the device through
 * the direct-access registers and the HMC object is not written. */
static void test_direct_context_fallback(void **state)
{
	struct pkt_gen_config cfg = base_cfg;
	struct i40e_adapter *ad = rte_eth_devices[0].dev_private;
	const uint8_t *obj = hmc_rx_object(0);
	uint8_t poison[32];

	(void)state;
	memset(poison, 0xa5, sizeof(poison));
	memset((void *)(uintptr_t)obj, 0xa5, 32);
	/* whatever earlier software left in the data registers: the driver
	 * writes all four words of both sub-lines */
	for (unsigned int i = 0; i < 4; i++)
		hal_bar_write32(&ad->bar, I40E_PFCM_LANCTXDATA(i), 0xffffffff);
	assert_int_equal(i40e_set_rxq_ctx_direct(&rte_eth_devices[0], true), 0);
	assert_int_equal(port_up(1, 512, 0, 0, pool), 0);
	assert_memory_equal(obj, poison, 32);
	cfg.count = 10;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	assert_int_equal(sim_i40e_deliver(dev, 10), 10);
	assert_int_equal(drain(&cfg, 0, NULL), 10);
}

/* A PF whose queues start at 64 of the device: probe reads PFLAN_QALLOC,
 * offers as many rx queues as the PF has, and receives on them (the PF's
 * queue registers and HMC objects are numbered from its first queue). */
static void test_queue_alloc_offset(void **state)
{
	struct i40e_adapter *ad;
	struct rte_eth_dev_info info;
	struct pkt_gen_config cfg = base_cfg;
	struct sim_i40e_hmc hmc;
	unsigned int total = 0;

	(void)state;
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_int_equal(sim_i40e_set_queue_alloc(dev, 64, 16), 0);
	assert_int_equal(rte_eth_dev_count_avail(), 1); /* probed again */
	ad = rte_eth_devices[0].dev_private;
	assert_int_equal(ad->base_queue, 64);
	assert_int_equal(ad->nb_pf_queues, 16);
	memset(&info, 0xa5, sizeof(info));
	assert_int_equal(rte_eth_dev_info_get(0, &info), 0);
	assert_int_equal(info.max_rx_queues, 16);
	sim_i40e_hmc_status(dev, &hmc);
	assert_int_equal(hmc.rx_cnt[0], 16);
	assert_int_equal(hmc.rx_base[0], 16 * 128 / 512);
	assert_int_equal(port_up(17, 512, 0, 0, pool), -EINVAL);
	assert_int_equal(port_up(16, 256, 0, 0, pool), 0);
	cfg.count = 400;
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	while (sim_i40e_deliver(dev, 64) > 0)
		for (uint16_t q = 0; q < 16; q++)
			total += drain(&cfg, q, NULL);
	assert_int_equal(total, 400);
	for (unsigned int q = 0; q < 16; q++) {
		struct sim_i40e_queue_stats st;

		assert_int_equal(sim_i40e_queue_stats(dev, q, &st), 0);
		assert_true(st.packets > 0); /* RSS spread the flows over all 16 */
	}
	/* the PF's registers end at its 16th queue */
	assert_int_equal(hal_bar_read32(&ad->bar, I40E_QRX_ENA(16)), 0);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	/* one queue: PFLAN_QALLOC's first and last are the same queue */
	assert_int_equal(sim_i40e_set_queue_alloc(dev, 5, 1), 0);
	assert_int_equal(rte_eth_dev_count_avail(), 1);
	ad = rte_eth_devices[0].dev_private;
	assert_int_equal(ad->base_queue, 5);
	assert_int_equal(ad->nb_pf_queues, 1);
	memset(&info, 0xa5, sizeof(info));
	assert_int_equal(rte_eth_dev_info_get(0, &info), 0);
	assert_int_equal(info.max_rx_queues, 1);
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_int_equal(sim_i40e_set_queue_alloc(dev, 0, 64), 0);
	assert_int_equal(sim_i40e_set_queue_alloc(dev, 1530, 7), -EINVAL); /* 1536 in all */
	assert_int_equal(sim_i40e_set_queue_alloc(dev, 0, 65), -EINVAL);
	assert_int_equal(rte_eth_dev_count_avail(), 1); /* for test_teardown */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* on the port's default path: the vector one where SIMD is built */
		cmocka_unit_test_setup_teardown(test_two_lcores_four_queues, any_path_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_probe_and_info, test_setup, test_teardown),
		ON_EVERY_PATH(test_mixed_sizes_byte_identical),
		ON_EVERY_PATH(test_ring_wraps_many_times),
		cmocka_unit_test_setup_teardown(test_tail_follows_the_model, test_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_slow_consumer_drops, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_start_with_exhausted_pool, test_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_stop_start_cycles, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_bad_parameters, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_close_frees_everything, test_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_hmc_segments_programmed, test_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_hmc_rx_context_fields, test_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_hmc_invalid_segment_refused, test_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_direct_context_fallback, test_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_queue_alloc_offset, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_bad_buffer_address, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_mbuf_shortage_during_burst, test_setup,
						test_teardown),
		ON_EVERY_PATH(test_rss_spreads_over_queues),
		cmocka_unit_test_setup_teardown(test_auto_delivery_for_plain_programs, test_setup,
						test_teardown),
		ON_EVERY_PATH(test_packet_types),
		ON_EVERY_PATH(test_checksum_flags),
		ON_EVERY_PATH(test_tunnel_and_sctp_checksums),
		cmocka_unit_test_setup_teardown(test_ptype_table, test_setup, test_teardown),
		ON_EVERY_PATH(test_device_ptypes),
		ON_EVERY_PATH(test_vlan_strip),
		cmocka_unit_test_setup_teardown(test_setup_as_dpdk, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_stop_failure_keeps_buffers, test_setup,
						test_teardown),
		ON_EVERY_PATH(test_keep_crc),
		cmocka_unit_test_setup_teardown(test_pci_match_table, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_configure_refuses_other_mq_modes, test_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_queue_setup_refusals, test_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_deferred_start_and_stats_without_queue,
						test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_start_failure_unwinds, test_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_stop_with_half_received_frame, test_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_release_running_queue, test_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_paths_agree, any_path_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_paths_agree_in_runs, any_path_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_path_selection, any_path_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_bulk_alloc_refill, any_path_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_bulk_alloc_failed_refill_cached,
						any_path_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_vector_refill, any_path_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_vector_stop_wrapped, any_path_setup, test_teardown),
		ON_EVERY_PATH(test_stop_then_close_frees_once),
		cmocka_unit_test_setup_teardown(test_vector_avx2_bursts, any_path_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_vector_scattered_bursts, any_path_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_dma_error_every_path, any_path_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_fdir_fields, any_path_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_fdir_match_by_id, any_path_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_supported_ptypes, any_path_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_keep_crc_across_bursts, any_path_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_hena_from_rss_hf, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_rss_default_key, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_reta_and_key_steer_traffic, any_path_setup,
						test_teardown),
		ON_EVERY_PATH(test_rx_callbacks),
		cmocka_unit_test_setup_teardown(test_queue_count_and_descriptor_status, test_setup,
						test_teardown),
		ON_EVERY_PATH(test_xstats_follow_traffic),
		cmocka_unit_test_setup_teardown(test_link_follows_cable, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_mac_filters_and_promiscuous, test_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_mac_filter_firmware_error, test_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_start_maps_vsi_queues, test_setup,
						test_teardown),
		cmocka_unit_test_setup_teardown(test_link_status_events, test_setup, test_teardown),
	};

	const struct CMUnitTest xl710_tests[] = {
		cmocka_unit_test(test_xl710_info),
		cmocka_unit_test(test_xl710_link),
	};
	const struct CMUnitTest starved_tests[] = {
		cmocka_unit_test(test_queue_setup_out_of_memory),
		cmocka_unit_test(test_probe_out_of_memory),
	};
	int fails = cmocka_run_group_tests(tests, setup, teardown);

	fails += cmocka_run_group_tests_name("out of memory", starved_tests, starved_setup,
					     starved_teardown);

	return fails + cmocka_run_group_tests_name("xl710", xl710_tests, xl710_setup,
						   xl710_teardown);
}

#else /* !RTEMEM_HAL_sim */

/* The emulated X710 exists only in the simulated machine. */
int main(void)
{
	return rtetest_sim_only_main("i40e_rx");
}

#endif
