/* SPDX-License-Identifier: BSD-3-Clause
 * Ethernet devices: the receive-side subset of DPDK 22.11's ethdev API.
 *
 * Ports are the NICs a built-in driver (i40e) claims on the PCI bus; they
 * are probed on first use (any rte_eth_* call after rte_eal_init), so no
 * bus scan is needed in rte_eal_init. Transmit is not implemented:
 * rte_eth_tx_queue_setup returns -ENOTSUP and rte_eth_tx_burst sends nothing.
 */
#ifndef RTEMEM_RTE_ETHDEV_H
#define RTEMEM_RTE_ETHDEV_H

#include <stdint.h>

#include <rte_common.h>
#include <rte_config.h>
#include <rte_errno.h>
#include <rte_ether.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_ETH_NAME_MAX_LEN 64
#define RTE_ETH_DEV_NO_OWNER 0

/* Link speeds (bitmap of rte_eth_dev_info.speed_capa). */
#define RTE_ETH_LINK_SPEED_AUTONEG 0
#define RTE_ETH_LINK_SPEED_10G RTE_BIT32(8)
#define RTE_ETH_LINK_SPEED_40G RTE_BIT32(11)

/* Rx offloads (the ones rtemem's i40e reports). */
#define RTE_ETH_RX_OFFLOAD_VLAN_STRIP RTE_BIT64(0)
#define RTE_ETH_RX_OFFLOAD_QINQ_STRIP RTE_BIT64(5)
#define RTE_ETH_RX_OFFLOAD_SCATTER RTE_BIT64(13)
#define RTE_ETH_RX_OFFLOAD_KEEP_CRC RTE_BIT64(16)
#define RTE_ETH_RX_OFFLOAD_RSS_HASH RTE_BIT64(19)

/* RSS flow types. */
#define RTE_ETH_RSS_IPV4 RTE_BIT64(2)
#define RTE_ETH_RSS_FRAG_IPV4 RTE_BIT64(3)
#define RTE_ETH_RSS_NONFRAG_IPV4_TCP RTE_BIT64(4)
#define RTE_ETH_RSS_NONFRAG_IPV4_UDP RTE_BIT64(5)
#define RTE_ETH_RSS_NONFRAG_IPV4_OTHER RTE_BIT64(7)
#define RTE_ETH_RSS_IPV6 RTE_BIT64(8)
#define RTE_ETH_RSS_FRAG_IPV6 RTE_BIT64(9)
#define RTE_ETH_RSS_NONFRAG_IPV6_TCP RTE_BIT64(10)
#define RTE_ETH_RSS_NONFRAG_IPV6_UDP RTE_BIT64(11)
#define RTE_ETH_RSS_NONFRAG_IPV6_OTHER RTE_BIT64(13)
#define RTE_ETH_RSS_IP (RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_FRAG_IPV4 | \
	RTE_ETH_RSS_NONFRAG_IPV4_OTHER | RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_FRAG_IPV6 | \
	RTE_ETH_RSS_NONFRAG_IPV6_OTHER)
#define RTE_ETH_RSS_UDP (RTE_ETH_RSS_NONFRAG_IPV4_UDP | RTE_ETH_RSS_NONFRAG_IPV6_UDP)
#define RTE_ETH_RSS_TCP (RTE_ETH_RSS_NONFRAG_IPV4_TCP | RTE_ETH_RSS_NONFRAG_IPV6_TCP)

#define RTE_ETH_QUEUE_STATE_STOPPED 0
#define RTE_ETH_QUEUE_STATE_STARTED 1

#define RTE_ETH_MQ_RX_RSS_FLAG RTE_BIT32(0)
enum rte_eth_rx_mq_mode {
	RTE_ETH_MQ_RX_NONE = 0,
	RTE_ETH_MQ_RX_RSS = RTE_ETH_MQ_RX_RSS_FLAG,
};

enum rte_eth_tx_mq_mode {
	RTE_ETH_MQ_TX_NONE = 0,
};

struct rte_eth_stats {
	uint64_t ipackets;  /* packets received */
	uint64_t opackets;
	uint64_t ibytes;    /* bytes received, without FCS */
	uint64_t obytes;
	uint64_t imissed;   /* dropped by the NIC: no free descriptor */
	uint64_t ierrors;   /* received with an error and dropped */
	uint64_t oerrors;
	uint64_t rx_nombuf; /* mbuf allocation failures */
	uint64_t q_ipackets[RTE_ETHDEV_QUEUE_STAT_CNTRS];
	uint64_t q_opackets[RTE_ETHDEV_QUEUE_STAT_CNTRS];
	uint64_t q_ibytes[RTE_ETHDEV_QUEUE_STAT_CNTRS];
	uint64_t q_obytes[RTE_ETHDEV_QUEUE_STAT_CNTRS];
	uint64_t q_errors[RTE_ETHDEV_QUEUE_STAT_CNTRS];
};

struct rte_eth_thresh {
	uint8_t pthresh;
	uint8_t hthresh;
	uint8_t wthresh;
};

struct rte_eth_rxmode {
	enum rte_eth_rx_mq_mode mq_mode;
	uint32_t mtu;              /* 0: RTE_ETHER_MTU */
	uint32_t max_lro_pkt_size;
	uint64_t offloads;         /* RTE_ETH_RX_OFFLOAD_* */
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

struct rte_eth_txmode {
	enum rte_eth_tx_mq_mode mq_mode;
	uint64_t offloads;
	uint16_t pvid;
	__extension__ uint8_t hw_vlan_reject_tagged : 1, hw_vlan_reject_untagged : 1,
		hw_vlan_insert_pvid : 1;
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

struct rte_eth_rss_conf {
	uint8_t *rss_key;
	uint8_t rss_key_len;
	uint64_t rss_hf;
};

struct rte_eth_conf {
	uint32_t link_speeds;
	struct rte_eth_rxmode rxmode;
	struct rte_eth_txmode txmode;
	uint32_t lpbk_mode;
	struct {
		struct rte_eth_rss_conf rss_conf;
	} rx_adv_conf;
	uint32_t dcb_capability_en;
};

struct rte_eth_rxconf {
	struct rte_eth_thresh rx_thresh;
	uint16_t rx_free_thresh;   /* refill and bump the tail every this many */
	uint8_t rx_drop_en;
	uint8_t rx_deferred_start; /* not started by rte_eth_dev_start */
	uint16_t rx_nseg;
	uint16_t share_group;
	uint16_t share_qid;
	uint64_t offloads;
	void *rx_seg;              /* buffer split: not supported, must be NULL */
	struct rte_mempool **rx_mempools;
	uint16_t rx_nmempool;
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

struct rte_eth_txconf {
	struct rte_eth_thresh tx_thresh;
	uint16_t tx_rs_thresh;
	uint16_t tx_free_thresh;
	uint8_t tx_deferred_start;
	uint64_t offloads;
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

struct rte_eth_desc_lim {
	uint16_t nb_max;
	uint16_t nb_min;
	uint16_t nb_align;
	uint16_t nb_seg_max;
	uint16_t nb_mtu_seg_max;
};

struct rte_eth_dev_info {
	void *device;              /* no rte_device in rtemem: NULL */
	const char *driver_name;
	unsigned int if_index;
	uint16_t min_mtu;
	uint16_t max_mtu;
	const uint32_t *dev_flags;
	uint32_t min_rx_bufsize;
	uint32_t max_rx_pktlen;
	uint32_t max_lro_pkt_size;
	uint16_t max_rx_queues;
	uint16_t max_tx_queues;
	uint32_t max_mac_addrs;
	uint32_t max_hash_mac_addrs;
	uint16_t max_vfs;
	uint16_t max_vmdq_pools;
	uint64_t rx_offload_capa;
	uint64_t tx_offload_capa;
	uint64_t rx_queue_offload_capa;
	uint64_t tx_queue_offload_capa;
	uint16_t reta_size;
	uint8_t hash_key_size;
	uint64_t flow_type_rss_offloads;
	struct rte_eth_rxconf default_rxconf;
	struct rte_eth_txconf default_txconf;
	struct rte_eth_desc_lim rx_desc_lim;
	struct rte_eth_desc_lim tx_desc_lim;
	uint32_t speed_capa;
	uint16_t nb_rx_queues;     /* configured */
	uint16_t nb_tx_queues;
	uint16_t max_rx_mempools;
	uint64_t dev_capa;
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

/* ---- ports -------------------------------------------------------------- */

uint16_t rte_eth_dev_count_avail(void);
uint16_t rte_eth_dev_count_total(void);
int rte_eth_dev_is_valid_port(uint16_t port_id);
/* The first attached port >= port_id, or RTE_MAX_ETHPORTS. */
uint64_t rte_eth_find_next(uint16_t port_id);
uint64_t rte_eth_find_next_owned_by(uint16_t port_id, const uint64_t owner_id);

#define RTE_ETH_FOREACH_DEV_OWNED_BY(p, o) \
	for (p = (uint16_t)rte_eth_find_next_owned_by(0, o); \
	     p < RTE_MAX_ETHPORTS; \
	     p = (uint16_t)rte_eth_find_next_owned_by((uint16_t)(p + 1), o))
#define RTE_ETH_FOREACH_DEV(p) RTE_ETH_FOREACH_DEV_OWNED_BY(p, RTE_ETH_DEV_NO_OWNER)

int rte_eth_dev_socket_id(uint16_t port_id);
int rte_eth_dev_info_get(uint16_t port_id, struct rte_eth_dev_info *dev_info);
int rte_eth_macaddr_get(uint16_t port_id, struct rte_ether_addr *mac_addr);
int rte_eth_dev_get_name_by_port(uint16_t port_id, char *name);

int rte_eth_dev_configure(uint16_t port_id, uint16_t nb_rx_queue, uint16_t nb_tx_queue,
			  const struct rte_eth_conf *eth_conf);
int rte_eth_rx_queue_setup(uint16_t port_id, uint16_t rx_queue_id, uint16_t nb_rx_desc,
			   unsigned int socket_id, const struct rte_eth_rxconf *rx_conf,
			   struct rte_mempool *mb_pool);
int rte_eth_tx_queue_setup(uint16_t port_id, uint16_t tx_queue_id, uint16_t nb_tx_desc,
			   unsigned int socket_id, const struct rte_eth_txconf *tx_conf);
int rte_eth_dev_start(uint16_t port_id);
int rte_eth_dev_stop(uint16_t port_id);
int rte_eth_dev_close(uint16_t port_id);
int rte_eth_dev_rx_queue_start(uint16_t port_id, uint16_t rx_queue_id);
int rte_eth_dev_rx_queue_stop(uint16_t port_id, uint16_t rx_queue_id);

/* Which receive function a queue runs, as its driver names it (i40e:
 * "Scalar", "Scalar Scattered", "Scalar Bulk Alloc", "Vector SSE",
 * "Vector Neon", ... as DPDK 22.11's). */
#define RTE_ETH_BURST_FLAG_PER_QUEUE RTE_BIT64(0)
struct rte_eth_burst_mode {
	uint64_t flags; /* RTE_ETH_BURST_FLAG_*: per port (0) or per queue */
#define RTE_ETH_BURST_MODE_INFO_SIZE 1024
	char info[RTE_ETH_BURST_MODE_INFO_SIZE];
};
int rte_eth_rx_burst_mode_get(uint16_t port_id, uint16_t queue_id,
			      struct rte_eth_burst_mode *mode);

/* The packet types the port's receive function can report, those of them
 * in ptype_mask, at most num written; returns how many there are in all
 * (0 when the driver does not say), -ENODEV, or -EINVAL (ptypes NULL with
 * num > 0). */
int rte_eth_dev_get_supported_ptypes(uint16_t port_id, uint32_t ptype_mask, uint32_t *ptypes,
				     int num);

int rte_eth_stats_get(uint16_t port_id, struct rte_eth_stats *stats);
int rte_eth_stats_reset(uint16_t port_id);

int rte_eth_promiscuous_enable(uint16_t port_id);
int rte_eth_promiscuous_get(uint16_t port_id);

/* ---- fast path ----------------------------------------------------------- */

typedef uint16_t (*eth_rx_burst_t)(void *rxq, struct rte_mbuf **rx_pkts, uint16_t nb_pkts);

/* What rte_eth_rx_burst needs per port, kept apart from the slow-path state. */
struct rte_eth_fp_ops {
	eth_rx_burst_t rx_pkt_burst;
	uint16_t nb_rx_queues;
	void **rxq_data;           /* per queue; NULL while a queue is not started */
} __rte_cache_aligned;

extern struct rte_eth_fp_ops rte_eth_fp_ops[RTE_MAX_ETHPORTS];

/*
 * Receive up to nb_pkts packets from a queue of a started port. Returns how
 * many mbufs were stored in rx_pkts (0 for a bad port/queue or a stopped one).
 */
static inline uint16_t rte_eth_rx_burst(uint16_t port_id, uint16_t queue_id,
					struct rte_mbuf **rx_pkts, const uint16_t nb_pkts)
{
	struct rte_eth_fp_ops *p;
	void *qd;

	if (port_id >= RTE_MAX_ETHPORTS)
		return 0;
	p = &rte_eth_fp_ops[port_id];
	if (queue_id >= p->nb_rx_queues || p->rx_pkt_burst == NULL)
		return 0;
	qd = __atomic_load_n(&p->rxq_data[queue_id], __ATOMIC_ACQUIRE);
	if (qd == NULL)
		return 0;
	return p->rx_pkt_burst(qd, rx_pkts, nb_pkts);
}

static inline uint16_t rte_eth_tx_burst(uint16_t port_id, uint16_t queue_id,
					struct rte_mbuf **tx_pkts, uint16_t nb_pkts)
{
	RTE_SET_USED(port_id);
	RTE_SET_USED(queue_id);
	RTE_SET_USED(tx_pkts);
	RTE_SET_USED(nb_pkts);
	return 0;
}

#ifdef __cplusplus
}
#endif

#endif
