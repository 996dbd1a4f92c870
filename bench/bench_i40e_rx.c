/* SPDX-License-Identifier: BSD-3-Clause
 * i40e receive on the emulated X710 (rtemem, HAL=sim only: DPDK has no
 * emulated X710). Cycles per packet, split in three so that the driver's
 * cost is not mixed with the device model's:
 *  - device: sim_i40e_deliver() takes BURST frames off the generator wire,
 *    reads descriptors, copies the frames into the mbufs and writes the
 *    descriptors back (what the NIC's DMA engine would do, for free to the
 *    CPU, on real hardware);
 *  - driver: rte_eth_rx_burst() alone: check DD, fill the mbufs, refill the
 *    descriptors with fresh mbufs and bump the tail (a register write,
 *    which reaches the emulated device synchronously);
 *  - free: rte_pktmbuf_free_bulk() of what was received (the application's
 *    side of the mbuf round trip).
 * Auto delivery is off, so the device moves frames only when told to.
 * The driver is measured on each of DPDK 22.11's rx paths, reached as an
 * application reaches them: the default settings give the vector path
 * (AVX2 where the CPU has it), rte_vect_set_max_simd_bitwidth(128) the
 * 128-bit vector one (SSE), (RTE_VECT_SIMD_DISABLED) the bulk-alloc one, rx_free_thresh 31 (below bulk alloc's 32; the tail still moves
 * every 32 frames) the scalar one, SCATTER the scattered twins. Each row
 * is named with rte_eth_rx_burst_mode_get's answer.
 * Each phase is timed per burst; a figure is the median burst of a run
 * (so that bursts during which the shared machine ran another job do not
 * count), less what two back-to-back cycle-counter reads take (reported
 * on a row of its own), per packet; the row is the median of the runs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_memory.h>
#include <rte_vect.h>

#include <sim_i40e.h>

#include "bench.h"

#define BURST 32
#define NB_DESC 512
#define NB_MBUF 4095

static struct bench_opts opts;

struct rx_costs {
	double device, driver, free;
};

/* What two back-to-back cycle-counter reads measure (median of many):
 * taken off every phase, so that the figures are the work's alone. */
static double timer_overhead(void)
{
	double d[1001];

	for (unsigned int i = 0; i < RTE_DIM(d); i++) {
		uint64_t a = bench_cycles();
		uint64_t b = bench_cycles();

		d[i] = (double)(b - a);
	}
	return bench_median(d, RTE_DIM(d));
}

/* A phase's cost per packet: the median over the bursts of a run, less
 * the timer's share. The median, not the mean, so that a burst during
 * which another job had the CPU (the machine is shared) does not count. */
static double per_pkt(double *v, unsigned long n, double timer)
{
	double m = bench_median(v, (unsigned int)n) - timer;

	return (m > 0 ? m : 0) / BURST;
}

static int rx_rounds(uint16_t port, struct sim_i40e *dev, unsigned long n_pkts, double timer,
		     struct rx_costs *c)
{
	struct rte_mbuf *pkts[BURST];
	unsigned long rounds = n_pkts / BURST ? n_pkts / BURST : 1;
	double *v = malloc(3 * rounds * sizeof(*v));
	double *dev_v = v, *drv_v = v + rounds, *free_v = v + 2 * rounds;

	if (v == NULL)
		return -1;
	for (unsigned long k = 0; k < rounds; k++) {
		uint64_t t0 = bench_cycles();
		unsigned int sent = sim_i40e_deliver(dev, BURST);
		uint64_t t1 = bench_cycles();
		uint16_t n = rte_eth_rx_burst(port, 0, pkts, BURST);
		uint64_t t2 = bench_cycles();
		rte_pktmbuf_free_bulk(pkts, n);
		uint64_t t3 = bench_cycles();

		if (sent != BURST || n != sent) {
			fprintf(stderr, "bench_i40e_rx: round %lu: %u frames sent, %u received\n",
				k, sent, n);
			free(v);
			return -1;
		}
		dev_v[k] = (double)(t1 - t0);
		drv_v[k] = (double)(t2 - t1);
		free_v[k] = (double)(t3 - t2);
	}
	c->device = per_pkt(dev_v, rounds, timer);
	c->driver = per_pkt(drv_v, rounds, timer);
	c->free = per_pkt(free_v, rounds, timer);
	free(v);
	return 0;
}

struct rx_path_cfg {
	uint16_t rx_free_thresh;
	uint16_t simd_bits;
	uint64_t offloads;
};

static const struct rx_path_cfg path_cfgs[] = {
	{ 32, RTE_VECT_SIMD_256, 0 },                          /* vector, AVX2 where there */
	{ 32, RTE_VECT_SIMD_128, 0 },                          /* vector, SSE (Neon) */
	{ 32, RTE_VECT_SIMD_DISABLED, 0 },                     /* bulk alloc */
	{ 31, RTE_VECT_SIMD_256, 0 },                          /* scalar */
	{ 32, RTE_VECT_SIMD_256, RTE_ETH_RX_OFFLOAD_SCATTER }, /* vector scattered */
	{ 32, RTE_VECT_SIMD_128, RTE_ETH_RX_OFFLOAD_SCATTER }, /* 128-bit vector scattered */
	{ 31, RTE_VECT_SIMD_256, RTE_ETH_RX_OFFLOAD_SCATTER }, /* scalar scattered */
};

/* Port 0 with one rx queue, the device fed frames of frame_len bytes. */
static int port_start(uint16_t port, struct rte_mempool *mp, struct sim_i40e *dev,
		      uint32_t frame_len, const struct rx_path_cfg *pc)
{
	struct pkt_gen_config gen = {
		.count = 0, /* endless */
		.min_len = frame_len, .max_len = frame_len,
		.flows = 1, .seed = 1,
		.dst_mac = { 0x02, 0, 0, 0, 0, 1 }, .src_mac = { 0x02, 0, 0, 0, 0, 2 },
	};
	struct rte_eth_conf conf = { 0 };
	struct rte_eth_rxconf rxconf = { 0 };
	struct pkt_source *src = pkt_source_gen_create(&gen);
	int ret;

	if (src == NULL)
		return -1;
	sim_i40e_set_source(dev, src);
	sim_i40e_set_auto_deliver(dev, false);
	conf.rxmode.offloads = pc->offloads;
	/* RSS on, as DPDK applications run it: the frames carry their hash */
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	conf.rx_adv_conf.rss_conf.rss_hf = RTE_ETH_RSS_NONFRAG_IPV4_UDP;
	rxconf.rx_free_thresh = pc->rx_free_thresh;
	ret = rte_vect_set_max_simd_bitwidth(pc->simd_bits);
	if (ret == 0)
		ret = rte_eth_dev_configure(port, 1, 0, &conf);
	if (ret == 0)
		ret = rte_eth_rx_queue_setup(port, 0, NB_DESC, rte_eth_dev_socket_id(port),
					     &rxconf, mp);
	if (ret == 0) /* the generated frames are not for the port's MAC */
		ret = rte_eth_promiscuous_enable(port);
	if (ret == 0)
		ret = rte_eth_dev_start(port);
	if (ret != 0)
		fprintf(stderr, "bench_i40e_rx: port %u setup failed: %d\n", port, ret);
	return ret;
}

int main(int argc, char **argv)
{
	static const uint32_t frame_lens[] = { 64, 1518 };
	int ret = rte_eal_init(argc, argv);
	double dev_v[BENCH_MAX_REPS], drv_v[BENCH_MAX_REPS], free_v[BENCH_MAX_REPS];
	struct rx_costs c = { 0 };
	double timer;
	char op[96];

	if (ret < 0) {
		fprintf(stderr, "bench_i40e_rx: rte_eal_init failed (rte_errno %d)\n", rte_errno);
		return 1;
	}
	if (bench_parse_opts(argc - ret - 1, argv + ret + 1, &opts, 1u << 13) != 0)
		return 1;

	struct sim_i40e *dev = sim_i40e_get(0);
	struct rte_mempool *mp = rte_pktmbuf_pool_create("bench_rx", NB_MBUF, 256, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	if (dev == NULL || rte_eth_dev_count_avail() == 0 || mp == NULL) {
		fprintf(stderr, "bench_i40e_rx: needs --sim=...,nic=x710 (device %p, ports %u, pool %p)\n",
			(void *)dev, rte_eth_dev_count_avail(), (void *)mp);
		rte_eal_cleanup();
		return 1;
	}

	timer = timer_overhead();
	bench_report("lib", "cycle counter read pair (taken off every i40e row)", "cycles",
		     timer);
	ret = 0;
	for (unsigned int f = 0; f < RTE_DIM(frame_lens) && ret == 0; f++) {
		char prev[sizeof(((struct rte_eth_burst_mode *)0)->info)] = "";

		for (unsigned int p = 0; p < RTE_DIM(path_cfgs) && ret == 0; p++) {
			struct rte_eth_burst_mode mode;

			ret = port_start(0, mp, dev, frame_lens[f], &path_cfgs[p]);
			if (ret == 0)
				ret = rte_eth_rx_burst_mode_get(0, 0, &mode);
			for (unsigned int i = 0; i < opts.reps && ret == 0; i++) {
				ret = rx_rounds(0, dev, opts.iters, timer, &c);
				dev_v[i] = c.device;
				drv_v[i] = c.driver;
				free_v[i] = c.free;
			}
			rte_eth_dev_stop(0);
			if (ret != 0)
				break;
			/* without AVX2, 256 and 128 bits give the same path: one row */
			if (strcmp(mode.info, prev) == 0)
				continue;
			snprintf(prev, sizeof(prev), "%s", mode.info);
			snprintf(op, sizeof(op), "i40e rx_burst 32, %u B, %.40s (driver only)",
				 frame_lens[f], mode.info);
			bench_report("lib", op, "cycles/pkt", bench_median(drv_v, opts.reps));
			if (p != 0)
				continue;
			/* the device and the free do not depend on the path */
			snprintf(op, sizeof(op), "emulated X710 delivery, %u B (device model)",
				 frame_lens[f]);
			bench_report("lib", op, "cycles/pkt", bench_median(dev_v, opts.reps));
			snprintf(op, sizeof(op), "rte_pktmbuf_free_bulk after rx, %u B",
				 frame_lens[f]);
			bench_report("lib", op, "cycles/pkt", bench_median(free_v, opts.reps));
		}
	}
	rte_vect_set_max_simd_bitwidth(RTE_VECT_SIMD_256);

	rte_eth_dev_close(0);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return ret == 0 ? 0 : 1;
}
