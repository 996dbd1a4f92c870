/* SPDX-License-Identifier: BSD-3-Clause
 * rx_demo: receive a pcap of mixed frame sizes on an X710 and prove that
 * every frame arrived, byte for byte.
 *
 * On HAL=sim (the default build) the program boots EAL with one emulated
 * X710 (--sim=nic=x710), writes a pcap of mixed sizes (60..9000 bytes) to
 * /tmp if it is not there yet, plugs it into the emulated NIC as its wire,
 * and then is an ordinary DPDK receiver: configure, one mempool, N rx
 * queues with RSS, start, rte_eth_rx_burst on every queue until the
 * traffic ends. Each received mbuf chain is looked up among the pcap's
 * frames and compared byte for byte.
 *
 *   rx_demo [EAL options] [-- [--pcap FILE] [--queues N] [--frames N]]
 *
 * e.g. rx_demo --sim=profile=16K/32M,sockets=2 -l 0-1 -- --queues 8
 *
 * On HAL=linux it receives from the first real port for a few seconds and
 * prints the counters (there is no reference to compare with).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#ifdef RTEMEM_HAL_sim
#include "pkt_source.h"
#include "sim_i40e.h"
#endif

#define DEFAULT_QUEUES 4
#define DEFAULT_FRAMES 5000
#define NB_RXD 512
#define BURST 32
#define MTU 9000
#define IDLE_ROUNDS_MAX 100000 /* empty polls of every queue before giving up */
#define DEFAULT_PCAP "/tmp/rtemem_rx_demo_mixed.pcap"

struct options {
	const char *pcap;
	unsigned int queues;
	unsigned int frames;
};

struct queue_count {
	uint64_t packets;
	uint64_t bytes;
	uint64_t segs;
};

/* ---- the reference frames: what was put on the wire ---------------------- */

struct ref_frame {
	uint64_t hash;
	uint8_t *data;
	uint32_t len;
	bool seen;
};

struct reference {
	struct ref_frame *frames;
	size_t n;
};

static uint64_t fnv1a(uint64_t h, const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

#ifdef RTEMEM_HAL_sim
static int by_hash(const void *a, const void *b)
{
	const struct ref_frame *x = a, *y = b;

	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

/* Sizes of the mixed pcap: small, MTU-sized, and jumbo frames that need
 * several 2 KB buffers, plus random ones in between. */
static const uint32_t mixed_sizes[] = { 60, 64, 128, 256, 512, 1024, 1500, 1514,
					2048, 2049, 4000, 6000, 9000, 777, 3333, 60 };

static int make_pcap(const char *path, unsigned int frames)
{
	struct pkt_gen_config cfg = {
		.count = frames, .sizes = mixed_sizes, .n_sizes = RTE_DIM(mixed_sizes),
		.flows = 1024, .seed = 2024,
		.dst_mac = { 0x02, 0x72, 0x74, 0x65, 0x00, 0x00 },
		.src_mac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 },
	};

	return pkt_gen_write_pcap(&cfg, path);
}

static int load_reference(const char *path, struct reference *ref)
{
	struct pkt_source *src = pkt_source_pcap_open(path);
	static uint8_t buf[PKT_SOURCE_MAX_FRAME];
	size_t cap = 0;
	uint32_t len;
	int rc;

	if (src == NULL)
		return -errno;
	memset(ref, 0, sizeof(*ref));
	while ((rc = pkt_source_next(src, buf, sizeof(buf), &len)) == 1) {
		struct ref_frame *f;

		if (ref->n == cap) {
			void *p = realloc(ref->frames, (cap ? cap * 2 : 1024) * sizeof(*f));

			if (p == NULL) {
				rc = -ENOMEM;
				break;
			}
			ref->frames = p;
			cap = cap ? cap * 2 : 1024;
		}
		f = &ref->frames[ref->n];
		f->data = malloc(len);
		if (f->data == NULL) {
			rc = -ENOMEM;
			break;
		}
		memcpy(f->data, buf, len);
		f->len = len;
		f->hash = fnv1a(0xcbf29ce484222325ULL, buf, len);
		f->seen = false;
		ref->n++;
	}
	pkt_source_free(src);
	if (rc < 0)
		return rc;
	qsort(ref->frames, ref->n, sizeof(*ref->frames), by_hash);
	return 0;
}
#endif

static void free_reference(struct reference *ref)
{
	for (size_t i = 0; i < ref->n; i++)
		free(ref->frames[i].data);
	free(ref->frames);
	memset(ref, 0, sizeof(*ref));
}

enum verdict { FRAME_OK, FRAME_UNKNOWN, FRAME_DUPLICATE };

/* Gather the chain's bytes, find the frame among the unseen references. */
static enum verdict verify(struct reference *ref, const struct rte_mbuf *m)
{
	static uint8_t flat[RTE_ETHER_MAX_JUMBO_FRAME_LEN];
	uint32_t off = 0;
	size_t lo = 0, hi = ref->n;
	uint64_t h;
	bool dup = false;

	if (m->pkt_len > sizeof(flat))
		return FRAME_UNKNOWN;
	for (const struct rte_mbuf *s = m; s != NULL; s = s->next) {
		if (off + s->data_len > m->pkt_len)
			return FRAME_UNKNOWN; /* chain longer than pkt_len says */
		memcpy(flat + off, rte_pktmbuf_mtod(s, const uint8_t *), s->data_len);
		off += s->data_len;
	}
	if (off != m->pkt_len)
		return FRAME_UNKNOWN;
	h = fnv1a(0xcbf29ce484222325ULL, flat, off);
	while (lo < hi) { /* first reference with this hash */
		size_t mid = lo + (hi - lo) / 2;

		if (ref->frames[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < ref->n && ref->frames[i].hash == h; i++) {
		struct ref_frame *f = &ref->frames[i];

		if (f->len != off || memcmp(f->data, flat, off) != 0)
			continue;
		if (f->seen) {
			dup = true;
			continue;
		}
		f->seen = true;
		return FRAME_OK;
	}
	return dup ? FRAME_DUPLICATE : FRAME_UNKNOWN;
}

/* ---- options ---------------------------------------------------------------- */

static int parse_app_args(int argc, char **argv, struct options *o)
{
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--pcap") == 0 && i + 1 < argc) {
			o->pcap = argv[++i];
		} else if (strcmp(argv[i], "--queues") == 0 && i + 1 < argc) {
			o->queues = (unsigned int)strtoul(argv[++i], NULL, 0);
		} else if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc) {
			o->frames = (unsigned int)strtoul(argv[++i], NULL, 0);
		} else {
			fprintf(stderr, "usage: rx_demo [EAL options] [-- [--pcap FILE] "
					"[--queues N] [--frames N]]\n");
			return -1;
		}
	}
	if (o->queues == 0 || o->queues > RTE_MAX_QUEUES_PER_PORT || o->frames == 0)
		return -1;
	return 0;
}

/*
 * EAL gets our defaults, then the user's options before "--" (a later
 * option wins). On sim, a --sim of the user's that names no NIC gets our
 * X710 added. Returns the index of the first application argument.
 */
static int eal_boot(int argc, char **argv)
{
	static char *eal_argv[128];
#ifdef RTEMEM_HAL_sim
	static char sim_opt[512];
#endif
	int n = 0, i;

	eal_argv[n++] = argv[0];
#ifdef RTEMEM_HAL_sim
	eal_argv[n++] = "--sim=nic=x710";
#endif
	eal_argv[n++] = "--file-prefix=rx_demo";
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (n >= (int)RTE_DIM(eal_argv) - 1)
			continue;
#ifdef RTEMEM_HAL_sim
		if (strncmp(argv[i], "--sim=", 6) == 0 && strstr(argv[i], "nic=") == NULL) {
			snprintf(sim_opt, sizeof(sim_opt), "%s,nic=x710", argv[i]);
			eal_argv[n++] = sim_opt;
			continue;
		}
#endif
		eal_argv[n++] = argv[i];
	}
	eal_argv[n] = NULL;
	if (rte_eal_init(n, eal_argv) < 0)
		return -1;
	return i < argc ? i + 1 : argc;
}

/* ---- the receiver ------------------------------------------------------------ */

static int port_init(uint16_t port, unsigned int queues, struct rte_mempool *mp)
{
	struct rte_eth_conf conf;
	struct rte_eth_dev_info info;
	int ret;

	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mq_mode = queues > 1 ? RTE_ETH_MQ_RX_RSS : RTE_ETH_MQ_RX_NONE;
	conf.rxmode.mtu = MTU;
	conf.rxmode.offloads = RTE_ETH_RX_OFFLOAD_SCATTER;
	ret = rte_eth_dev_info_get(port, &info);
	if (ret != 0)
		return ret;
	/* As every DPDK application must: only the flow types the port hashes. */
	conf.rx_adv_conf.rss_conf.rss_hf = (RTE_ETH_RSS_IP | RTE_ETH_RSS_UDP | RTE_ETH_RSS_TCP) &
					   info.flow_type_rss_offloads;
	if (queues > info.max_rx_queues)
		return -EINVAL;
	ret = rte_eth_dev_configure(port, (uint16_t)queues, 0, &conf);
	if (ret != 0)
		return ret;
	for (unsigned int q = 0; q < queues; q++) {
		ret = rte_eth_rx_queue_setup(port, (uint16_t)q, NB_RXD,
					     (unsigned int)rte_eth_dev_socket_id(port), NULL, mp);
		if (ret != 0)
			return ret;
	}
	/* Every frame of the pcap, whatever its destination MAC (the port's
	 * filters would drop frames to other addresses), as DPDK's examples
	 * do. */
	ret = rte_eth_promiscuous_enable(port);
	if (ret != 0)
		return ret;
	return rte_eth_dev_start(port);
}

int main(int argc, char **argv)
{
	struct options opt = { .pcap = DEFAULT_PCAP, .queues = DEFAULT_QUEUES,
			       .frames = DEFAULT_FRAMES };
	struct queue_count qc[RTE_MAX_QUEUES_PER_PORT];
	struct reference ref = { 0 };
	uint64_t ok = 0, unknown = 0, dups = 0, received = 0;
	uint64_t ip_bad = 0, l4_bad = 0, outer_bad = 0;
	struct rte_mbuf *pkts[BURST];
	struct rte_mempool *mp;
	struct rte_eth_stats st;
	struct rte_ether_addr mac;
	unsigned int idle = 0;
	uint16_t port = 0;
	bool pass;
	int ret;

	ret = eal_boot(argc, argv);
	if (ret < 0) {
		fprintf(stderr, "rx_demo: rte_eal_init failed: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	if (parse_app_args(argc - ret, argv + ret, &opt) != 0) {
		rte_eal_cleanup();
		return 2;
	}

	if (rte_eth_dev_count_avail() == 0) {
		fprintf(stderr, "rx_demo: no Ethernet port\n");
		rte_eal_cleanup();
		return 1;
	}
#ifdef RTEMEM_HAL_sim
	if (access(opt.pcap, R_OK) != 0) {
		ret = make_pcap(opt.pcap, opt.frames);
		if (ret != 0) {
			fprintf(stderr, "rx_demo: cannot write %s: %s\n", opt.pcap, strerror(-ret));
			rte_eal_cleanup();
			return 1;
		}
		printf("rx_demo: wrote %u frames of mixed sizes to %s\n", opt.frames, opt.pcap);
	}
	ret = load_reference(opt.pcap, &ref);
	if (ret != 0) {
		fprintf(stderr, "rx_demo: cannot read %s: %s\n", opt.pcap, strerror(-ret));
		rte_eal_cleanup();
		return 1;
	}
	/* The emulated NIC's wire is the same file. */
	sim_i40e_set_source(sim_i40e_get(0), pkt_source_pcap_open(opt.pcap));
	printf("rx_demo: replaying %zu frames from %s\n", ref.n, opt.pcap);
#endif

	mp = rte_pktmbuf_pool_create("rx_demo_pool", opt.queues * NB_RXD + 4096, 256, 0,
				     RTE_MBUF_DEFAULT_BUF_SIZE, rte_eth_dev_socket_id(port));
	if (mp == NULL) {
		fprintf(stderr, "rx_demo: mbuf pool: %s\n", rte_strerror(rte_errno));
		free_reference(&ref);
		rte_eal_cleanup();
		return 1;
	}
	ret = port_init(port, opt.queues, mp);
	if (ret != 0) {
		fprintf(stderr, "rx_demo: port %u: %s\n", port, strerror(-ret));
		rte_mempool_free(mp);
		free_reference(&ref);
		rte_eal_cleanup();
		return 1;
	}
	rte_eth_macaddr_get(port, &mac);
	printf("rx_demo: port %u " RTE_ETHER_ADDR_PRT_FMT ", %u rx queues x %u descriptors, MTU %u\n",
	       port, RTE_ETHER_ADDR_BYTES(&mac), opt.queues, NB_RXD, MTU);

	memset(qc, 0, sizeof(qc));
	while (idle < IDLE_ROUNDS_MAX && (ref.n == 0 || received < ref.n)) {
		unsigned int round = 0;

		for (uint16_t q = 0; q < opt.queues; q++) {
			uint16_t n = rte_eth_rx_burst(port, q, pkts, BURST);

			for (uint16_t i = 0; i < n; i++) {
				qc[q].packets++;
				qc[q].bytes += pkts[i]->pkt_len;
				qc[q].segs += pkts[i]->nb_segs;
				/* Bad checksums (frames captured on another host: its
				 * NIC filled in the TCP/UDP checksums after the capture)
				 * are flagged and delivered; the bytes are what counts. */
				ip_bad += (pkts[i]->ol_flags & RTE_MBUF_F_RX_IP_CKSUM_MASK) ==
					  RTE_MBUF_F_RX_IP_CKSUM_BAD;
				l4_bad += (pkts[i]->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK) ==
					  RTE_MBUF_F_RX_L4_CKSUM_BAD;
				outer_bad += !!(pkts[i]->ol_flags & RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD);
				if (ref.n > 0) {
					enum verdict v = verify(&ref, pkts[i]);

					ok += v == FRAME_OK;
					unknown += v == FRAME_UNKNOWN;
					dups += v == FRAME_DUPLICATE;
				}
				rte_pktmbuf_free(pkts[i]);
			}
			round += n;
		}
		received += round;
		idle = round == 0 ? idle + 1 : 0;
	}

	rte_eth_stats_get(port, &st);
	printf("\n%-6s %10s %12s %8s %8s\n", "queue", "packets", "bytes", "segs", "drops");
	for (uint16_t q = 0; q < opt.queues; q++) {
		uint64_t drops = 0;
#ifdef RTEMEM_HAL_sim
		struct sim_i40e_queue_stats ss;

		if (sim_i40e_queue_stats(sim_i40e_get(0), q, &ss) == 0)
			drops = ss.drops + ss.dma_errors + ss.oversize;
#endif
		printf("%-6u %10" PRIu64 " %12" PRIu64 " %8" PRIu64 " %8" PRIu64 "\n", q,
		       qc[q].packets, qc[q].bytes, qc[q].segs, drops);
	}
	printf("port   ipackets %" PRIu64 " ibytes %" PRIu64 " imissed %" PRIu64
	       " ierrors %" PRIu64 " rx_nombuf %" PRIu64 "\n",
	       st.ipackets, st.ibytes, st.imissed, st.ierrors, st.rx_nombuf);

	if (ip_bad + l4_bad + outer_bad > 0)
		printf("checksums flagged bad, frames delivered: IP %" PRIu64 ", L4 %" PRIu64
		       ", outer IP %" PRIu64 "\n",
		       ip_bad, l4_bad, outer_bad);
	if (ref.n > 0) {
		pass = ok == ref.n && unknown == 0 && dups == 0 && st.imissed == 0 &&
		       st.ierrors == 0;
		printf("verify: %" PRIu64 " of %zu frames intact, %" PRIu64 " corrupt or unknown, "
		       "%" PRIu64 " duplicated, %" PRIu64 " missing\n",
		       ok, ref.n, unknown, dups, (uint64_t)ref.n - ok);
		printf("rx_demo: %s: %" PRIu64 "/%zu frames arrived byte-identical on %u queues\n",
		       pass ? "PASS" : "FAIL", ok, ref.n, opt.queues);
	} else {
		pass = st.ierrors == 0;
		printf("rx_demo: %s: %" PRIu64 " frames received (no reference to compare)\n",
		       pass ? "PASS" : "FAIL", received);
	}

	rte_eth_dev_stop(port);
	rte_eth_dev_close(port);
	rte_mempool_free(mp);
	free_reference(&ref);
	rte_eal_cleanup();
	return pass ? 0 : 1;
}
