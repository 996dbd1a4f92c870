/* SPDX-License-Identifier: BSD-3-Clause
 * Ethernet devices: DPDK 22.11's ethdev API, with its names, values and
 * structure layouts.
 *
 * Ports are the NICs a built-in driver (i40e) claims on the PCI bus; they
 * are probed on first use (any rte_eth_* call after rte_eal_init), so no
 * bus scan is needed in rte_eal_init. Every call checks the port, then its
 * arguments, then asks the driver: a feature the driver does not have is
 * -ENOTSUP, as in DPDK. The i40e driver receives only, so the transmit
 * calls behave as DPDK's do for a driver without transmit operations.
 */
#ifndef RTEMEM_RTE_ETHDEV_H
#define RTEMEM_RTE_ETHDEV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <rte_bitops.h>
#include <rte_cman.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_errno.h>
#include <rte_ether.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Types of other DPDK libraries that only pass through ethdev's calls. */
struct rte_device;
struct rte_dev_iterator;
struct rte_dev_reg_info;
struct rte_dev_eeprom_info;
struct rte_eth_dev_module_info;
struct rte_power_monitor_cond;

/* Large receive offload is in rte_eth_rxmode (max_lro_pkt_size). */
#define RTE_ETHDEV_HAS_LRO_SUPPORT

extern int rte_eth_dev_logtype;
#define RTE_ETHDEV_LOG(level, ...) \
	rte_log(RTE_LOG_##level, (uint32_t)rte_eth_dev_logtype, "" __VA_ARGS__)

#define RTE_ETH_NAME_MAX_LEN 64 /* RTE_DEV_NAME_MAX_LEN */
#define RTE_ETH_ALL RTE_MAX_ETHPORTS

/* ---- link ------------------------------------------------------------------ */

/* rte_eth_conf.link_speeds and rte_eth_dev_info.speed_capa: a bitmap. */
#define RTE_ETH_LINK_SPEED_AUTONEG 0
#define RTE_ETH_LINK_SPEED_FIXED RTE_BIT32(0)
#define RTE_ETH_LINK_SPEED_10M_HD RTE_BIT32(1)
#define RTE_ETH_LINK_SPEED_10M RTE_BIT32(2)
#define RTE_ETH_LINK_SPEED_100M_HD RTE_BIT32(3)
#define RTE_ETH_LINK_SPEED_100M RTE_BIT32(4)
#define RTE_ETH_LINK_SPEED_1G RTE_BIT32(5)
#define RTE_ETH_LINK_SPEED_2_5G RTE_BIT32(6)
#define RTE_ETH_LINK_SPEED_5G RTE_BIT32(7)
#define RTE_ETH_LINK_SPEED_10G RTE_BIT32(8)
#define RTE_ETH_LINK_SPEED_20G RTE_BIT32(9)
#define RTE_ETH_LINK_SPEED_25G RTE_BIT32(10)
#define RTE_ETH_LINK_SPEED_40G RTE_BIT32(11)
#define RTE_ETH_LINK_SPEED_50G RTE_BIT32(12)
#define RTE_ETH_LINK_SPEED_56G RTE_BIT32(13)
#define RTE_ETH_LINK_SPEED_100G RTE_BIT32(14)
#define RTE_ETH_LINK_SPEED_200G RTE_BIT32(15)

/* rte_eth_link.link_speed: Mbit/s. */
#define RTE_ETH_SPEED_NUM_NONE 0
#define RTE_ETH_SPEED_NUM_10M 10
#define RTE_ETH_SPEED_NUM_100M 100
#define RTE_ETH_SPEED_NUM_1G 1000
#define RTE_ETH_SPEED_NUM_2_5G 2500
#define RTE_ETH_SPEED_NUM_5G 5000
#define RTE_ETH_SPEED_NUM_10G 10000
#define RTE_ETH_SPEED_NUM_20G 20000
#define RTE_ETH_SPEED_NUM_25G 25000
#define RTE_ETH_SPEED_NUM_40G 40000
#define RTE_ETH_SPEED_NUM_50G 50000
#define RTE_ETH_SPEED_NUM_56G 56000
#define RTE_ETH_SPEED_NUM_100G 100000
#define RTE_ETH_SPEED_NUM_200G 200000
#define RTE_ETH_SPEED_NUM_UNKNOWN UINT32_MAX

/* Eight bytes, aligned so that it can be read and written in one go. */
__extension__ struct rte_eth_link {
	uint32_t link_speed;       /* RTE_ETH_SPEED_NUM_* */
	uint16_t link_duplex : 1;  /* RTE_ETH_LINK_*_DUPLEX */
	uint16_t link_autoneg : 1; /* RTE_ETH_LINK_FIXED / _AUTONEG */
	uint16_t link_status : 1;  /* RTE_ETH_LINK_DOWN / _UP */
} __rte_aligned(8);

#define RTE_ETH_LINK_HALF_DUPLEX 0
#define RTE_ETH_LINK_FULL_DUPLEX 1
#define RTE_ETH_LINK_DOWN 0
#define RTE_ETH_LINK_UP 1
#define RTE_ETH_LINK_FIXED 0
#define RTE_ETH_LINK_AUTONEG 1
#define RTE_ETH_LINK_MAX_STR_LEN 40 /* what rte_eth_link_to_str may need */

/* ---- statistics ------------------------------------------------------------ */

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

#define RTE_ETH_XSTATS_NAME_SIZE 64

struct rte_eth_xstat {
	uint64_t id;    /* index into the names rte_eth_xstats_get_names gives */
	uint64_t value;
};

struct rte_eth_xstat_name {
	char name[RTE_ETH_XSTATS_NAME_SIZE];
};

/* ---- multi-queue modes ----------------------------------------------------- */

struct rte_eth_thresh {
	uint8_t pthresh; /* prefetch */
	uint8_t hthresh; /* host */
	uint8_t wthresh; /* write-back */
};

#define RTE_ETH_MQ_RX_RSS_FLAG RTE_BIT32(0)
#define RTE_ETH_MQ_RX_DCB_FLAG RTE_BIT32(1)
#define RTE_ETH_MQ_RX_VMDQ_FLAG RTE_BIT32(2)

enum rte_eth_rx_mq_mode {
	RTE_ETH_MQ_RX_NONE = 0,
	RTE_ETH_MQ_RX_RSS = RTE_ETH_MQ_RX_RSS_FLAG,
	RTE_ETH_MQ_RX_DCB = RTE_ETH_MQ_RX_DCB_FLAG,
	RTE_ETH_MQ_RX_DCB_RSS = RTE_ETH_MQ_RX_RSS_FLAG | RTE_ETH_MQ_RX_DCB_FLAG,
	RTE_ETH_MQ_RX_VMDQ_ONLY = RTE_ETH_MQ_RX_VMDQ_FLAG,
	RTE_ETH_MQ_RX_VMDQ_RSS = RTE_ETH_MQ_RX_RSS_FLAG | RTE_ETH_MQ_RX_VMDQ_FLAG,
	RTE_ETH_MQ_RX_VMDQ_DCB = RTE_ETH_MQ_RX_VMDQ_FLAG | RTE_ETH_MQ_RX_DCB_FLAG,
	RTE_ETH_MQ_RX_VMDQ_DCB_RSS = RTE_ETH_MQ_RX_RSS_FLAG | RTE_ETH_MQ_RX_DCB_FLAG |
				     RTE_ETH_MQ_RX_VMDQ_FLAG,
};

enum rte_eth_tx_mq_mode {
	RTE_ETH_MQ_TX_NONE = 0,
	RTE_ETH_MQ_TX_DCB,
	RTE_ETH_MQ_TX_VMDQ_DCB,
	RTE_ETH_MQ_TX_VMDQ_ONLY,
};

struct rte_eth_rxmode {
	enum rte_eth_rx_mq_mode mq_mode;
	uint32_t mtu;              /* 0: RTE_ETHER_MTU */
	uint32_t max_lro_pkt_size;
	uint64_t offloads;         /* RTE_ETH_RX_OFFLOAD_* */
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

enum rte_vlan_type {
	RTE_ETH_VLAN_TYPE_UNKNOWN = 0,
	RTE_ETH_VLAN_TYPE_INNER,
	RTE_ETH_VLAN_TYPE_OUTER,
	RTE_ETH_VLAN_TYPE_MAX,
};

/* One bit per VLAN id. */
struct rte_vlan_filter_conf {
	uint64_t ids[64];
};

/* ---- RSS ------------------------------------------------------------------- */

struct rte_eth_rss_conf {
	uint8_t *rss_key;    /* NULL: keep (update) or do not return (get) the key */
	uint8_t rss_key_len;
	uint64_t rss_hf;     /* RTE_ETH_RSS_* */
};

/* Flow types: the bit numbers of the RTE_ETH_RSS_* below. */
#define RTE_ETH_FLOW_UNKNOWN 0
#define RTE_ETH_FLOW_RAW 1
#define RTE_ETH_FLOW_IPV4 2
#define RTE_ETH_FLOW_FRAG_IPV4 3
#define RTE_ETH_FLOW_NONFRAG_IPV4_TCP 4
#define RTE_ETH_FLOW_NONFRAG_IPV4_UDP 5
#define RTE_ETH_FLOW_NONFRAG_IPV4_SCTP 6
#define RTE_ETH_FLOW_NONFRAG_IPV4_OTHER 7
#define RTE_ETH_FLOW_IPV6 8
#define RTE_ETH_FLOW_FRAG_IPV6 9
#define RTE_ETH_FLOW_NONFRAG_IPV6_TCP 10
#define RTE_ETH_FLOW_NONFRAG_IPV6_UDP 11
#define RTE_ETH_FLOW_NONFRAG_IPV6_SCTP 12
#define RTE_ETH_FLOW_NONFRAG_IPV6_OTHER 13
#define RTE_ETH_FLOW_L2_PAYLOAD 14
#define RTE_ETH_FLOW_IPV6_EX 15
#define RTE_ETH_FLOW_IPV6_TCP_EX 16
#define RTE_ETH_FLOW_IPV6_UDP_EX 17
#define RTE_ETH_FLOW_PORT 18
#define RTE_ETH_FLOW_VXLAN 19
#define RTE_ETH_FLOW_GENEVE 20
#define RTE_ETH_FLOW_NVGRE 21
#define RTE_ETH_FLOW_VXLAN_GPE 22
#define RTE_ETH_FLOW_GTPU 23
#define RTE_ETH_FLOW_MAX 24

#define RTE_ETH_RSS_IPV4 RTE_BIT64(2)
#define RTE_ETH_RSS_FRAG_IPV4 RTE_BIT64(3)
#define RTE_ETH_RSS_NONFRAG_IPV4_TCP RTE_BIT64(4)
#define RTE_ETH_RSS_NONFRAG_IPV4_UDP RTE_BIT64(5)
#define RTE_ETH_RSS_NONFRAG_IPV4_SCTP RTE_BIT64(6)
#define RTE_ETH_RSS_NONFRAG_IPV4_OTHER RTE_BIT64(7)
#define RTE_ETH_RSS_IPV6 RTE_BIT64(8)
#define RTE_ETH_RSS_FRAG_IPV6 RTE_BIT64(9)
#define RTE_ETH_RSS_NONFRAG_IPV6_TCP RTE_BIT64(10)
#define RTE_ETH_RSS_NONFRAG_IPV6_UDP RTE_BIT64(11)
#define RTE_ETH_RSS_NONFRAG_IPV6_SCTP RTE_BIT64(12)
#define RTE_ETH_RSS_NONFRAG_IPV6_OTHER RTE_BIT64(13)
#define RTE_ETH_RSS_L2_PAYLOAD RTE_BIT64(14)
#define RTE_ETH_RSS_IPV6_EX RTE_BIT64(15)
#define RTE_ETH_RSS_IPV6_TCP_EX RTE_BIT64(16)
#define RTE_ETH_RSS_IPV6_UDP_EX RTE_BIT64(17)
#define RTE_ETH_RSS_PORT RTE_BIT64(18)
#define RTE_ETH_RSS_VXLAN RTE_BIT64(19)
#define RTE_ETH_RSS_GENEVE RTE_BIT64(20)
#define RTE_ETH_RSS_NVGRE RTE_BIT64(21)
#define RTE_ETH_RSS_GTPU RTE_BIT64(23)
#define RTE_ETH_RSS_ETH RTE_BIT64(24)
#define RTE_ETH_RSS_S_VLAN RTE_BIT64(25)
#define RTE_ETH_RSS_C_VLAN RTE_BIT64(26)
#define RTE_ETH_RSS_ESP RTE_BIT64(27)
#define RTE_ETH_RSS_AH RTE_BIT64(28)
#define RTE_ETH_RSS_L2TPV3 RTE_BIT64(29)
#define RTE_ETH_RSS_PFCP RTE_BIT64(30)
#define RTE_ETH_RSS_PPPOE RTE_BIT64(31)
#define RTE_ETH_RSS_ECPRI RTE_BIT64(32)
#define RTE_ETH_RSS_MPLS RTE_BIT64(33)
#define RTE_ETH_RSS_IPV4_CHKSUM RTE_BIT64(34)
#define RTE_ETH_RSS_L4_CHKSUM RTE_BIT64(35)
#define RTE_ETH_RSS_L2TPV2 RTE_BIT64(36)

/* Modifiers in the top bits: which half of an address pair, or a prefix. */
#define RTE_ETH_RSS_L3_SRC_ONLY RTE_BIT64(63)
#define RTE_ETH_RSS_L3_DST_ONLY RTE_BIT64(62)
#define RTE_ETH_RSS_L4_SRC_ONLY RTE_BIT64(61)
#define RTE_ETH_RSS_L4_DST_ONLY RTE_BIT64(60)
#define RTE_ETH_RSS_L2_SRC_ONLY RTE_BIT64(59)
#define RTE_ETH_RSS_L2_DST_ONLY RTE_BIT64(58)
#define RTE_ETH_RSS_L3_PRE32 RTE_BIT64(57)
#define RTE_ETH_RSS_L3_PRE40 RTE_BIT64(56)
#define RTE_ETH_RSS_L3_PRE48 RTE_BIT64(55)
#define RTE_ETH_RSS_L3_PRE56 RTE_BIT64(54)
#define RTE_ETH_RSS_L3_PRE64 RTE_BIT64(53)
#define RTE_ETH_RSS_L3_PRE96 RTE_BIT64(52)

/* Bits 50-51: which encapsulation level the hash is computed on. */
#define RTE_ETH_RSS_LEVEL_PMD_DEFAULT (UINT64_C(0) << 50)
#define RTE_ETH_RSS_LEVEL_OUTERMOST (UINT64_C(1) << 50)
#define RTE_ETH_RSS_LEVEL_INNERMOST (UINT64_C(2) << 50)
#define RTE_ETH_RSS_LEVEL_MASK (UINT64_C(3) << 50)
#define RTE_ETH_RSS_LEVEL(rss_hf) ((rss_hf & RTE_ETH_RSS_LEVEL_MASK) >> 50)

/* Asking for both halves of a pair is the same as asking for neither. */
static inline uint64_t rte_eth_rss_hf_refine(uint64_t rss_hf)
{
	const uint64_t l3 = RTE_ETH_RSS_L3_SRC_ONLY | RTE_ETH_RSS_L3_DST_ONLY;
	const uint64_t l4 = RTE_ETH_RSS_L4_SRC_ONLY | RTE_ETH_RSS_L4_DST_ONLY;

	if ((rss_hf & l3) == l3)
		rss_hf &= ~l3;
	if ((rss_hf & l4) == l4)
		rss_hf &= ~l4;
	return rss_hf;
}

#define RTE_ETH_RSS_IPV6_PRE32 (RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_L3_PRE32)
#define RTE_ETH_RSS_IPV6_PRE40 (RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_L3_PRE40)
#define RTE_ETH_RSS_IPV6_PRE48 (RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_L3_PRE48)
#define RTE_ETH_RSS_IPV6_PRE56 (RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_L3_PRE56)
#define RTE_ETH_RSS_IPV6_PRE64 (RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_L3_PRE64)
#define RTE_ETH_RSS_IPV6_PRE96 (RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_L3_PRE96)
#define RTE_ETH_RSS_IPV6_PRE32_UDP (RTE_ETH_RSS_NONFRAG_IPV6_UDP | RTE_ETH_RSS_L3_PRE32)
#define RTE_ETH_RSS_IPV6_PRE40_UDP (RTE_ETH_RSS_NONFRAG_IPV6_UDP | RTE_ETH_RSS_L3_PRE40)
#define RTE_ETH_RSS_IPV6_PRE48_UDP (RTE_ETH_RSS_NONFRAG_IPV6_UDP | RTE_ETH_RSS_L3_PRE48)
#define RTE_ETH_RSS_IPV6_PRE56_UDP (RTE_ETH_RSS_NONFRAG_IPV6_UDP | RTE_ETH_RSS_L3_PRE56)
#define RTE_ETH_RSS_IPV6_PRE64_UDP (RTE_ETH_RSS_NONFRAG_IPV6_UDP | RTE_ETH_RSS_L3_PRE64)
#define RTE_ETH_RSS_IPV6_PRE96_UDP (RTE_ETH_RSS_NONFRAG_IPV6_UDP | RTE_ETH_RSS_L3_PRE96)
#define RTE_ETH_RSS_IPV6_PRE32_TCP (RTE_ETH_RSS_NONFRAG_IPV6_TCP | RTE_ETH_RSS_L3_PRE32)
#define RTE_ETH_RSS_IPV6_PRE40_TCP (RTE_ETH_RSS_NONFRAG_IPV6_TCP | RTE_ETH_RSS_L3_PRE40)
#define RTE_ETH_RSS_IPV6_PRE48_TCP (RTE_ETH_RSS_NONFRAG_IPV6_TCP | RTE_ETH_RSS_L3_PRE48)
#define RTE_ETH_RSS_IPV6_PRE56_TCP (RTE_ETH_RSS_NONFRAG_IPV6_TCP | RTE_ETH_RSS_L3_PRE56)
#define RTE_ETH_RSS_IPV6_PRE64_TCP (RTE_ETH_RSS_NONFRAG_IPV6_TCP | RTE_ETH_RSS_L3_PRE64)
#define RTE_ETH_RSS_IPV6_PRE96_TCP (RTE_ETH_RSS_NONFRAG_IPV6_TCP | RTE_ETH_RSS_L3_PRE96)
#define RTE_ETH_RSS_IPV6_PRE32_SCTP (RTE_ETH_RSS_NONFRAG_IPV6_SCTP | RTE_ETH_RSS_L3_PRE32)
#define RTE_ETH_RSS_IPV6_PRE40_SCTP (RTE_ETH_RSS_NONFRAG_IPV6_SCTP | RTE_ETH_RSS_L3_PRE40)
#define RTE_ETH_RSS_IPV6_PRE48_SCTP (RTE_ETH_RSS_NONFRAG_IPV6_SCTP | RTE_ETH_RSS_L3_PRE48)
#define RTE_ETH_RSS_IPV6_PRE56_SCTP (RTE_ETH_RSS_NONFRAG_IPV6_SCTP | RTE_ETH_RSS_L3_PRE56)
#define RTE_ETH_RSS_IPV6_PRE64_SCTP (RTE_ETH_RSS_NONFRAG_IPV6_SCTP | RTE_ETH_RSS_L3_PRE64)
#define RTE_ETH_RSS_IPV6_PRE96_SCTP (RTE_ETH_RSS_NONFRAG_IPV6_SCTP | RTE_ETH_RSS_L3_PRE96)

#define RTE_ETH_RSS_IP (RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_FRAG_IPV4 | \
	RTE_ETH_RSS_NONFRAG_IPV4_OTHER | RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_FRAG_IPV6 | \
	RTE_ETH_RSS_NONFRAG_IPV6_OTHER | RTE_ETH_RSS_IPV6_EX)
#define RTE_ETH_RSS_UDP (RTE_ETH_RSS_NONFRAG_IPV4_UDP | RTE_ETH_RSS_NONFRAG_IPV6_UDP | \
	RTE_ETH_RSS_IPV6_UDP_EX)
#define RTE_ETH_RSS_TCP (RTE_ETH_RSS_NONFRAG_IPV4_TCP | RTE_ETH_RSS_NONFRAG_IPV6_TCP | \
	RTE_ETH_RSS_IPV6_TCP_EX)
#define RTE_ETH_RSS_SCTP (RTE_ETH_RSS_NONFRAG_IPV4_SCTP | RTE_ETH_RSS_NONFRAG_IPV6_SCTP)
#define RTE_ETH_RSS_TUNNEL (RTE_ETH_RSS_VXLAN | RTE_ETH_RSS_GENEVE | RTE_ETH_RSS_NVGRE)
#define RTE_ETH_RSS_VLAN (RTE_ETH_RSS_S_VLAN | RTE_ETH_RSS_C_VLAN)
/* Bits 2-21 but 22 (unused), and MPLS. */
#define RTE_ETH_RSS_PROTO_MASK (RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_FRAG_IPV4 | \
	RTE_ETH_RSS_NONFRAG_IPV4_TCP | RTE_ETH_RSS_NONFRAG_IPV4_UDP | \
	RTE_ETH_RSS_NONFRAG_IPV4_SCTP | RTE_ETH_RSS_NONFRAG_IPV4_OTHER | RTE_ETH_RSS_IPV6 | \
	RTE_ETH_RSS_FRAG_IPV6 | RTE_ETH_RSS_NONFRAG_IPV6_TCP | RTE_ETH_RSS_NONFRAG_IPV6_UDP | \
	RTE_ETH_RSS_NONFRAG_IPV6_SCTP | RTE_ETH_RSS_NONFRAG_IPV6_OTHER | \
	RTE_ETH_RSS_L2_PAYLOAD | RTE_ETH_RSS_IPV6_EX | RTE_ETH_RSS_IPV6_TCP_EX | \
	RTE_ETH_RSS_IPV6_UDP_EX | RTE_ETH_RSS_PORT | RTE_ETH_RSS_VXLAN | RTE_ETH_RSS_GENEVE | \
	RTE_ETH_RSS_NVGRE | RTE_ETH_RSS_MPLS)

/* Redirection table sizes, and how many entries one rte_eth_rss_reta_entry64 holds. */
#define RTE_ETH_RSS_RETA_SIZE_64 64
#define RTE_ETH_RSS_RETA_SIZE_128 128
#define RTE_ETH_RSS_RETA_SIZE_256 256
#define RTE_ETH_RSS_RETA_SIZE_512 512
#define RTE_ETH_RETA_GROUP_SIZE 64

/* Entry i of the group is read or written when bit i of mask is set. */
struct rte_eth_rss_reta_entry64 {
	uint64_t mask;
	uint16_t reta[RTE_ETH_RETA_GROUP_SIZE];
};

/* ---- VMDq, DCB, VLAN --------------------------------------------------------- */

#define RTE_ETH_VMDQ_MAX_VLAN_FILTERS 64
#define RTE_ETH_DCB_NUM_USER_PRIORITIES 8
#define RTE_ETH_VMDQ_DCB_NUM_QUEUES 128
#define RTE_ETH_DCB_NUM_QUEUES 128

/* rte_eth_conf.dcb_capability_en */
#define RTE_ETH_DCB_PG_SUPPORT RTE_BIT32(0)
#define RTE_ETH_DCB_PFC_SUPPORT RTE_BIT32(1)

/* rte_eth_dev_set_vlan_offload / rte_eth_dev_get_vlan_offload */
#define RTE_ETH_VLAN_STRIP_OFFLOAD 0x0001
#define RTE_ETH_VLAN_FILTER_OFFLOAD 0x0002
#define RTE_ETH_VLAN_EXTEND_OFFLOAD 0x0004
#define RTE_ETH_QINQ_STRIP_OFFLOAD 0x0008
#define RTE_ETH_VLAN_STRIP_MASK 0x0001
#define RTE_ETH_VLAN_FILTER_MASK 0x0002
#define RTE_ETH_VLAN_EXTEND_MASK 0x0004
#define RTE_ETH_QINQ_STRIP_MASK 0x0008
#define RTE_ETH_VLAN_ID_MAX 0x0FFF

#define RTE_ETH_NUM_RECEIVE_MAC_ADDR 128
#define RTE_ETH_VMDQ_NUM_UC_HASH_ARRAY 128

/* rte_eth_vmdq_rx_conf.rx_mode */
#define RTE_ETH_VMDQ_ACCEPT_UNTAG RTE_BIT32(0)
#define RTE_ETH_VMDQ_ACCEPT_HASH_MC RTE_BIT32(1)
#define RTE_ETH_VMDQ_ACCEPT_HASH_UC RTE_BIT32(2)
#define RTE_ETH_VMDQ_ACCEPT_BROADCAST RTE_BIT32(3)
#define RTE_ETH_VMDQ_ACCEPT_MULTICAST RTE_BIT32(4)

enum rte_eth_nb_tcs {
	RTE_ETH_4_TCS = 4,
	RTE_ETH_8_TCS = 8
};

enum rte_eth_nb_pools {
	RTE_ETH_8_POOLS = 8,
	RTE_ETH_16_POOLS = 16,
	RTE_ETH_32_POOLS = 32,
	RTE_ETH_64_POOLS = 64
};

struct rte_eth_dcb_rx_conf {
	enum rte_eth_nb_tcs nb_tcs;
	uint8_t dcb_tc[RTE_ETH_DCB_NUM_USER_PRIORITIES]; /* priority -> traffic class */
};

struct rte_eth_vmdq_dcb_tx_conf {
	enum rte_eth_nb_pools nb_queue_pools;
	uint8_t dcb_tc[RTE_ETH_DCB_NUM_USER_PRIORITIES];
};

struct rte_eth_dcb_tx_conf {
	enum rte_eth_nb_tcs nb_tcs;
	uint8_t dcb_tc[RTE_ETH_DCB_NUM_USER_PRIORITIES];
};

struct rte_eth_vmdq_tx_conf {
	enum rte_eth_nb_pools nb_queue_pools;
};

struct rte_eth_vmdq_dcb_conf {
	enum rte_eth_nb_pools nb_queue_pools;
	uint8_t enable_default_pool;
	uint8_t default_pool;
	uint8_t nb_pool_maps;
	struct {
		uint16_t vlan_id;
		uint64_t pools; /* bitmap of the pools this VLAN goes to */
	} pool_map[RTE_ETH_VMDQ_MAX_VLAN_FILTERS];
	uint8_t dcb_tc[RTE_ETH_DCB_NUM_USER_PRIORITIES];
};

struct rte_eth_vmdq_rx_conf {
	enum rte_eth_nb_pools nb_queue_pools;
	uint8_t enable_default_pool;
	uint8_t default_pool;
	uint8_t enable_loop_back;
	uint8_t nb_pool_maps;
	uint32_t rx_mode; /* RTE_ETH_VMDQ_ACCEPT_* */
	struct {
		uint16_t vlan_id;
		uint64_t pools;
	} pool_map[RTE_ETH_VMDQ_MAX_VLAN_FILTERS];
};

/* ---- port and queue configuration --------------------------------------------- */

struct rte_eth_txmode {
	enum rte_eth_tx_mq_mode mq_mode;
	uint64_t offloads; /* RTE_ETH_TX_OFFLOAD_* */
	uint16_t pvid;
	__extension__ uint8_t hw_vlan_reject_tagged : 1, hw_vlan_reject_untagged : 1,
		hw_vlan_insert_pvid : 1;
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

/* One segment of a buffer-split receive queue. */
struct rte_eth_rxseg_split {
	struct rte_mempool *mp;
	uint16_t length;
	uint16_t offset;
	uint32_t proto_hdr; /* RTE_PTYPE_* the segment ends after, or 0 */
};

union rte_eth_rxseg {
	struct rte_eth_rxseg_split split;
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
	union rte_eth_rxseg *rx_seg; /* buffer split: not supported, must be NULL */
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

/* ---- hairpin queues ------------------------------------------------------------- */

struct rte_eth_hairpin_queue_cap {
	uint32_t locked_device_memory : 1;
	uint32_t rte_memory : 1;
	uint32_t reserved : 30;
};

struct rte_eth_hairpin_cap {
	uint16_t max_nb_queues;
	uint16_t max_rx_2_tx;
	uint16_t max_tx_2_rx;
	uint16_t max_nb_desc;
	struct rte_eth_hairpin_queue_cap rx_cap;
	struct rte_eth_hairpin_queue_cap tx_cap;
};

#define RTE_ETH_MAX_HAIRPIN_PEERS 32

struct rte_eth_hairpin_peer {
	uint16_t port;
	uint16_t queue;
};

struct rte_eth_hairpin_conf {
	uint32_t peer_count : 16;
	uint32_t tx_explicit : 1;
	uint32_t manual_bind : 1;
	uint32_t use_locked_device_memory : 1;
	uint32_t use_rte_memory : 1;
	uint32_t force_memory : 1;
	uint32_t reserved : 11;
	struct rte_eth_hairpin_peer peers[RTE_ETH_MAX_HAIRPIN_PEERS];
};

struct rte_eth_desc_lim {
	uint16_t nb_max;
	uint16_t nb_min;
	uint16_t nb_align;
	uint16_t nb_seg_max;
	uint16_t nb_mtu_seg_max;
};

/* ---- flow control ---------------------------------------------------------------- */

enum rte_eth_fc_mode {
	RTE_ETH_FC_NONE = 0,
	RTE_ETH_FC_RX_PAUSE,
	RTE_ETH_FC_TX_PAUSE,
	RTE_ETH_FC_FULL
};

struct rte_eth_fc_conf {
	uint32_t high_water;
	uint32_t low_water;
	uint16_t pause_time;
	uint16_t send_xon;
	enum rte_eth_fc_mode mode;
	uint8_t mac_ctrl_frame_fwd;
	uint8_t autoneg;
};

struct rte_eth_pfc_conf {
	struct rte_eth_fc_conf fc;
	uint8_t priority;
};

struct rte_eth_pfc_queue_info {
	uint8_t tc_max;
	enum rte_eth_fc_mode mode_capa;
};

struct rte_eth_pfc_queue_conf {
	enum rte_eth_fc_mode mode;
	struct {
		uint16_t tx_qid;
		uint8_t tc;
	} rx_pause;
	struct {
		uint16_t pause_time;
		uint16_t rx_qid;
		uint8_t tc;
	} tx_pause;
};

/* ---- tunnels ---------------------------------------------------------------------- */

enum rte_eth_tunnel_type {
	RTE_ETH_TUNNEL_TYPE_NONE = 0,
	RTE_ETH_TUNNEL_TYPE_VXLAN,
	RTE_ETH_TUNNEL_TYPE_GENEVE,
	RTE_ETH_TUNNEL_TYPE_TEREDO,
	RTE_ETH_TUNNEL_TYPE_NVGRE,
	RTE_ETH_TUNNEL_TYPE_IP_IN_GRE,
	RTE_ETH_L2_TUNNEL_TYPE_E_TAG,
	RTE_ETH_TUNNEL_TYPE_VXLAN_GPE,
	RTE_ETH_TUNNEL_TYPE_ECPRI,
	RTE_ETH_TUNNEL_TYPE_MAX,
};

struct rte_eth_udp_tunnel {
	uint16_t udp_port;
	uint8_t prot_type; /* enum rte_eth_tunnel_type */
};

/* ---- the port's configuration ------------------------------------------------------ */

struct rte_eth_intr_conf {
	uint32_t lsc : 1; /* link status change */
	uint32_t rxq : 1;
	uint32_t rmv : 1; /* device removal */
};

#define rte_intr_conf rte_eth_intr_conf

struct rte_eth_conf {
	uint32_t link_speeds; /* RTE_ETH_LINK_SPEED_*; 0: autonegotiate */
	struct rte_eth_rxmode rxmode;
	struct rte_eth_txmode txmode;
	uint32_t lpbk_mode;
	struct {
		struct rte_eth_rss_conf rss_conf;
		struct rte_eth_vmdq_dcb_conf vmdq_dcb_conf;
		struct rte_eth_dcb_rx_conf dcb_rx_conf;
		struct rte_eth_vmdq_rx_conf vmdq_rx_conf;
	} rx_adv_conf;
	union {
		struct rte_eth_vmdq_dcb_tx_conf vmdq_dcb_tx_conf;
		struct rte_eth_dcb_tx_conf dcb_tx_conf;
		struct rte_eth_vmdq_tx_conf vmdq_tx_conf;
	} tx_adv_conf;
	uint32_t dcb_capability_en; /* RTE_ETH_DCB_*_SUPPORT */
	struct rte_eth_intr_conf intr_conf;
};

/* ---- offloads and capabilities ------------------------------------------------------ */

#define RTE_ETH_RX_OFFLOAD_VLAN_STRIP RTE_BIT64(0)
#define RTE_ETH_RX_OFFLOAD_IPV4_CKSUM RTE_BIT64(1)
#define RTE_ETH_RX_OFFLOAD_UDP_CKSUM RTE_BIT64(2)
#define RTE_ETH_RX_OFFLOAD_TCP_CKSUM RTE_BIT64(3)
#define RTE_ETH_RX_OFFLOAD_TCP_LRO RTE_BIT64(4)
#define RTE_ETH_RX_OFFLOAD_QINQ_STRIP RTE_BIT64(5)
#define RTE_ETH_RX_OFFLOAD_OUTER_IPV4_CKSUM RTE_BIT64(6)
#define RTE_ETH_RX_OFFLOAD_MACSEC_STRIP RTE_BIT64(7)
#define RTE_ETH_RX_OFFLOAD_VLAN_FILTER RTE_BIT64(9)
#define RTE_ETH_RX_OFFLOAD_VLAN_EXTEND RTE_BIT64(10)
#define RTE_ETH_RX_OFFLOAD_SCATTER RTE_BIT64(13)
#define RTE_ETH_RX_OFFLOAD_TIMESTAMP RTE_BIT64(14)
#define RTE_ETH_RX_OFFLOAD_SECURITY RTE_BIT64(15)
#define RTE_ETH_RX_OFFLOAD_KEEP_CRC RTE_BIT64(16)
#define RTE_ETH_RX_OFFLOAD_SCTP_CKSUM RTE_BIT64(17)
#define RTE_ETH_RX_OFFLOAD_OUTER_UDP_CKSUM RTE_BIT64(18)
#define RTE_ETH_RX_OFFLOAD_RSS_HASH RTE_BIT64(19)
#define RTE_ETH_RX_OFFLOAD_BUFFER_SPLIT RTE_BIT64(20)
#define RTE_ETH_RX_OFFLOAD_CHECKSUM (RTE_ETH_RX_OFFLOAD_IPV4_CKSUM | \
	RTE_ETH_RX_OFFLOAD_UDP_CKSUM | RTE_ETH_RX_OFFLOAD_TCP_CKSUM)
#define RTE_ETH_RX_OFFLOAD_VLAN (RTE_ETH_RX_OFFLOAD_VLAN_STRIP | \
	RTE_ETH_RX_OFFLOAD_VLAN_FILTER | RTE_ETH_RX_OFFLOAD_VLAN_EXTEND | \
	RTE_ETH_RX_OFFLOAD_QINQ_STRIP)

#define RTE_ETH_TX_OFFLOAD_VLAN_INSERT RTE_BIT64(0)
#define RTE_ETH_TX_OFFLOAD_IPV4_CKSUM RTE_BIT64(1)
#define RTE_ETH_TX_OFFLOAD_UDP_CKSUM RTE_BIT64(2)
#define RTE_ETH_TX_OFFLOAD_TCP_CKSUM RTE_BIT64(3)
#define RTE_ETH_TX_OFFLOAD_SCTP_CKSUM RTE_BIT64(4)
#define RTE_ETH_TX_OFFLOAD_TCP_TSO RTE_BIT64(5)
#define RTE_ETH_TX_OFFLOAD_UDP_TSO RTE_BIT64(6)
#define RTE_ETH_TX_OFFLOAD_OUTER_IPV4_CKSUM RTE_BIT64(7)
#define RTE_ETH_TX_OFFLOAD_QINQ_INSERT RTE_BIT64(8)
#define RTE_ETH_TX_OFFLOAD_VXLAN_TNL_TSO RTE_BIT64(9)
#define RTE_ETH_TX_OFFLOAD_GRE_TNL_TSO RTE_BIT64(10)
#define RTE_ETH_TX_OFFLOAD_IPIP_TNL_TSO RTE_BIT64(11)
#define RTE_ETH_TX_OFFLOAD_GENEVE_TNL_TSO RTE_BIT64(12)
#define RTE_ETH_TX_OFFLOAD_MACSEC_INSERT RTE_BIT64(13)
#define RTE_ETH_TX_OFFLOAD_MT_LOCKFREE RTE_BIT64(14)
#define RTE_ETH_TX_OFFLOAD_MULTI_SEGS RTE_BIT64(15)
#define RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE RTE_BIT64(16)
#define RTE_ETH_TX_OFFLOAD_SECURITY RTE_BIT64(17)
#define RTE_ETH_TX_OFFLOAD_UDP_TNL_TSO RTE_BIT64(18)
#define RTE_ETH_TX_OFFLOAD_IP_TNL_TSO RTE_BIT64(19)
#define RTE_ETH_TX_OFFLOAD_OUTER_UDP_CKSUM RTE_BIT64(20)
#define RTE_ETH_TX_OFFLOAD_SEND_ON_TIMESTAMP RTE_BIT64(21)

/* rte_eth_dev_info.dev_capa */
#define RTE_ETH_DEV_CAPA_RUNTIME_RX_QUEUE_SETUP RTE_BIT64(0)
#define RTE_ETH_DEV_CAPA_RUNTIME_TX_QUEUE_SETUP RTE_BIT64(1)
#define RTE_ETH_DEV_CAPA_RXQ_SHARE RTE_BIT64(2)
#define RTE_ETH_DEV_CAPA_FLOW_RULE_KEEP RTE_BIT64(3)
#define RTE_ETH_DEV_CAPA_FLOW_SHARED_OBJECT_KEEP RTE_BIT64(4)

/* What configure and queue setup use when neither the application nor the
 * driver says (0 asked, nothing preferred). */
#define RTE_ETH_DEV_FALLBACK_RX_RINGSIZE 512
#define RTE_ETH_DEV_FALLBACK_TX_RINGSIZE 512
#define RTE_ETH_DEV_FALLBACK_RX_NBQUEUES 1
#define RTE_ETH_DEV_FALLBACK_TX_NBQUEUES 1

/* A driver's preferred burst, ring size and queue count (0: no preference). */
struct rte_eth_dev_portconf {
	uint16_t burst_size;
	uint16_t ring_size;
	uint16_t nb_queues;
};

#define RTE_ETH_DEV_SWITCH_DOMAIN_ID_INVALID (UINT16_MAX)

struct rte_eth_switch_info {
	const char *name;
	uint16_t domain_id;
	uint16_t port_id;
	uint16_t rx_domain;
};

struct rte_eth_rxseg_capa {
	__extension__ uint32_t multi_pools : 1;
	uint32_t offset_allowed : 1;
	uint32_t offset_align_log2 : 4;
	uint16_t max_nseg;
	uint16_t reserved;
};

enum rte_eth_representor_type {
	RTE_ETH_REPRESENTOR_NONE,
	RTE_ETH_REPRESENTOR_VF,
	RTE_ETH_REPRESENTOR_SF,
	RTE_ETH_REPRESENTOR_PF,
};

enum rte_eth_err_handle_mode {
	RTE_ETH_ERROR_HANDLE_MODE_NONE,
	RTE_ETH_ERROR_HANDLE_MODE_PASSIVE,
	RTE_ETH_ERROR_HANDLE_MODE_PROACTIVE,
};

struct rte_eth_dev_info {
	struct rte_device *device; /* no rte_device in rtemem: NULL */
	const char *driver_name;
	unsigned int if_index;
	uint16_t min_mtu;
	uint16_t max_mtu;
	const uint32_t *dev_flags; /* RTE_ETH_DEV_* flags of the port */
	uint32_t min_rx_bufsize;
	uint32_t max_rx_pktlen;
	uint32_t max_lro_pkt_size;
	uint16_t max_rx_queues;
	uint16_t max_tx_queues;
	uint32_t max_mac_addrs;
	uint32_t max_hash_mac_addrs;
	uint16_t max_vfs;
	uint16_t max_vmdq_pools;
	struct rte_eth_rxseg_capa rx_seg_capa;
	uint64_t rx_offload_capa;
	uint64_t tx_offload_capa;
	uint64_t rx_queue_offload_capa;
	uint64_t tx_queue_offload_capa;
	uint16_t reta_size;
	uint8_t hash_key_size;
	uint64_t flow_type_rss_offloads;
	struct rte_eth_rxconf default_rxconf;
	struct rte_eth_txconf default_txconf;
	uint16_t vmdq_queue_base;
	uint16_t vmdq_queue_num;
	uint16_t vmdq_pool_base;
	struct rte_eth_desc_lim rx_desc_lim;
	struct rte_eth_desc_lim tx_desc_lim;
	uint32_t speed_capa;       /* RTE_ETH_LINK_SPEED_* */
	uint16_t nb_rx_queues;     /* configured */
	uint16_t nb_tx_queues;
	uint16_t max_rx_mempools;
	struct rte_eth_dev_portconf default_rxportconf;
	struct rte_eth_dev_portconf default_txportconf;
	uint64_t dev_capa;         /* RTE_ETH_DEV_CAPA_* */
	struct rte_eth_switch_info switch_info;
	enum rte_eth_err_handle_mode err_handle_mode;
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

#define RTE_ETH_QUEUE_STATE_STOPPED 0
#define RTE_ETH_QUEUE_STATE_STARTED 1
#define RTE_ETH_QUEUE_STATE_HAIRPIN 2

struct rte_eth_rxq_info {
	struct rte_mempool *mp;
	struct rte_eth_rxconf conf;
	uint8_t scattered_rx;
	uint8_t queue_state; /* RTE_ETH_QUEUE_STATE_* */
	uint16_t nb_desc;
	uint16_t rx_buf_size;
	uint8_t avail_thresh;
} __rte_cache_min_aligned;

struct rte_eth_txq_info {
	struct rte_eth_txconf conf;
	uint16_t nb_desc;
	uint8_t queue_state;
} __rte_cache_min_aligned;

/* Which burst function a queue runs, as its driver names it (i40e:
 * "Scalar", "Scalar Scattered", "Scalar Bulk Alloc", "Vector SSE",
 * "Vector Neon", ... as DPDK 22.11's). */
#define RTE_ETH_BURST_FLAG_PER_QUEUE RTE_BIT64(0)
struct rte_eth_burst_mode {
	uint64_t flags; /* RTE_ETH_BURST_FLAG_*: per port (0) or per queue */
#define RTE_ETH_BURST_MODE_INFO_SIZE 1024
	char info[RTE_ETH_BURST_MODE_INFO_SIZE];
};

#define RTE_ETH_DCB_NUM_TCS 8
#define RTE_ETH_MAX_VMDQ_POOL 64

struct rte_eth_dcb_tc_queue_mapping {
	struct {
		uint16_t base;
		uint16_t nb_queue;
	} tc_rxq[RTE_ETH_MAX_VMDQ_POOL][RTE_ETH_DCB_NUM_TCS];
	struct {
		uint16_t base;
		uint16_t nb_queue;
	} tc_txq[RTE_ETH_MAX_VMDQ_POOL][RTE_ETH_DCB_NUM_TCS];
};

struct rte_eth_dcb_info {
	uint8_t nb_tcs;
	uint8_t prio_tc[RTE_ETH_DCB_NUM_USER_PRIORITIES];
	uint8_t tc_bws[RTE_ETH_DCB_NUM_TCS]; /* percent of the bandwidth */
	struct rte_eth_dcb_tc_queue_mapping tc_queue;
};

/* ---- forward error correction -------------------------------------------------------- */

enum rte_eth_fec_mode {
	RTE_ETH_FEC_NOFEC = 0,
	RTE_ETH_FEC_AUTO,
	RTE_ETH_FEC_BASER,
	RTE_ETH_FEC_RS,
};

#define RTE_ETH_FEC_MODE_TO_CAPA(x) RTE_BIT32(x)
#define RTE_ETH_FEC_MODE_CAPA_MASK(x) RTE_BIT32(RTE_ETH_FEC_##x)

struct rte_eth_fec_capa {
	uint32_t speed; /* RTE_ETH_SPEED_NUM_* */
	uint32_t capa;  /* RTE_ETH_FEC_MODE_CAPA_MASK(*) */
};

/* ---- ports ------------------------------------------------------------------------------ */

#define RTE_ETH_VALID_PORTID_OR_ERR_RET(port_id, retval) do { \
	if (!rte_eth_dev_is_valid_port(port_id)) { \
		RTE_ETHDEV_LOG(ERR, "Invalid port_id=%u\n", port_id); \
		return retval; \
	} \
} while (0)

#define RTE_ETH_VALID_PORTID_OR_RET(port_id) do { \
	if (!rte_eth_dev_is_valid_port(port_id)) { \
		RTE_ETHDEV_LOG(ERR, "Invalid port_id=%u\n", port_id); \
		return; \
	} \
} while (0)

typedef uint16_t (*rte_rx_callback_fn)(uint16_t port_id, uint16_t queue,
				       struct rte_mbuf *pkts[], uint16_t nb_pkts,
				       uint16_t max_pkts, void *user_param);
typedef uint16_t (*rte_tx_callback_fn)(uint16_t port_id, uint16_t queue,
				       struct rte_mbuf *pkts[], uint16_t nb_pkts, void *user_param);

enum rte_eth_dev_state {
	RTE_ETH_DEV_UNUSED = 0,
	RTE_ETH_DEV_ATTACHED,
	RTE_ETH_DEV_REMOVED,
};

struct rte_eth_dev_sriov {
	uint8_t active;
	uint8_t nb_q_per_pool;
	uint16_t def_vmdq_idx;
	uint16_t def_pool_q_idx;
};

#define RTE_ETH_DEV_SRIOV(dev) ((dev)->data->sriov)

#define RTE_ETH_DEV_NO_OWNER 0
#define RTE_ETH_MAX_OWNER_NAME_LEN 64

struct rte_eth_dev_owner {
	uint64_t id;
	char name[RTE_ETH_MAX_OWNER_NAME_LEN];
};

/* *rte_eth_dev_info.dev_flags */
#define RTE_ETH_DEV_FLOW_OPS_THREAD_SAFE RTE_BIT32(0)
#define RTE_ETH_DEV_INTR_LSC RTE_BIT32(1)
#define RTE_ETH_DEV_BONDED_SLAVE RTE_BIT32(2)
#define RTE_ETH_DEV_INTR_RMV RTE_BIT32(3)
#define RTE_ETH_DEV_REPRESENTOR RTE_BIT32(4)
#define RTE_ETH_DEV_NOLIVE_MAC_ADDR RTE_BIT32(5)
#define RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS RTE_BIT32(6)

/* The first port >= port_id owned by owner_id, or RTE_MAX_ETHPORTS. */
uint64_t rte_eth_find_next_owned_by(uint16_t port_id, const uint64_t owner_id);
#define RTE_ETH_FOREACH_DEV_OWNED_BY(p, o) \
	for (p = (uint16_t)rte_eth_find_next_owned_by(0, o); \
	     (unsigned int)p < (unsigned int)RTE_MAX_ETHPORTS; \
	     p = (uint16_t)rte_eth_find_next_owned_by((uint16_t)(p + 1), o))

/* The first attached port >= port_id, or RTE_MAX_ETHPORTS. */
uint16_t rte_eth_find_next(uint16_t port_id);
#define RTE_ETH_FOREACH_DEV(p) RTE_ETH_FOREACH_DEV_OWNED_BY(p, RTE_ETH_DEV_NO_OWNER)

uint16_t rte_eth_find_next_of(uint16_t port_id_start, const struct rte_device *parent);
#define RTE_ETH_FOREACH_DEV_OF(port_id, parent) \
	for (port_id = rte_eth_find_next_of(0, parent); port_id < RTE_MAX_ETHPORTS; \
	     port_id = rte_eth_find_next_of((uint16_t)(port_id + 1), parent))

uint16_t rte_eth_find_next_sibling(uint16_t port_id_start, uint16_t ref_port_id);
#define RTE_ETH_FOREACH_DEV_SIBLING(port_id, ref_port_id) \
	for (port_id = rte_eth_find_next_sibling(0, ref_port_id); \
	     port_id < RTE_MAX_ETHPORTS; \
	     port_id = rte_eth_find_next_sibling((uint16_t)(port_id + 1), ref_port_id))

int rte_eth_iterator_init(struct rte_dev_iterator *iter, const char *devargs);
uint16_t rte_eth_iterator_next(struct rte_dev_iterator *iter);
void rte_eth_iterator_cleanup(struct rte_dev_iterator *iter);
#define RTE_ETH_FOREACH_MATCHING_DEV(id, devargs, iter) \
	for (rte_eth_iterator_init(iter, devargs), id = rte_eth_iterator_next(iter); \
	     id != RTE_MAX_ETHPORTS; id = rte_eth_iterator_next(iter))

int rte_eth_dev_owner_new(uint64_t *owner_id);
int rte_eth_dev_owner_set(const uint16_t port_id, const struct rte_eth_dev_owner *owner);
int rte_eth_dev_owner_unset(const uint16_t port_id, const uint64_t owner_id);
int rte_eth_dev_owner_delete(const uint64_t owner_id);
int rte_eth_dev_owner_get(const uint16_t port_id, struct rte_eth_dev_owner *owner);

uint16_t rte_eth_dev_count_avail(void);
uint16_t rte_eth_dev_count_total(void);
int rte_eth_dev_is_valid_port(uint16_t port_id);
int rte_eth_dev_is_removed(uint16_t port_id);
int rte_eth_dev_socket_id(uint16_t port_id);
int rte_eth_dev_get_port_by_name(const char *name, uint16_t *port_id);
int rte_eth_dev_get_name_by_port(uint16_t port_id, char *name);

/* Names and flags. */
uint32_t rte_eth_speed_bitflag(uint32_t speed, int duplex);
const char *rte_eth_dev_rx_offload_name(uint64_t offload);
const char *rte_eth_dev_tx_offload_name(uint64_t offload);
const char *rte_eth_dev_capability_name(uint64_t capability);

/* ---- life cycle ----------------------------------------------------------------------- */

int rte_eth_dev_configure(uint16_t port_id, uint16_t nb_rx_queue, uint16_t nb_tx_queue,
			  const struct rte_eth_conf *eth_conf);
int rte_eth_dev_conf_get(uint16_t port_id, struct rte_eth_conf *dev_conf);
int rte_eth_rx_queue_setup(uint16_t port_id, uint16_t rx_queue_id, uint16_t nb_rx_desc,
			   unsigned int socket_id, const struct rte_eth_rxconf *rx_conf,
			   struct rte_mempool *mb_pool);
int rte_eth_tx_queue_setup(uint16_t port_id, uint16_t tx_queue_id, uint16_t nb_tx_desc,
			   unsigned int socket_id, const struct rte_eth_txconf *tx_conf);
int rte_eth_rx_hairpin_queue_setup(uint16_t port_id, uint16_t rx_queue_id, uint16_t nb_rx_desc,
				   const struct rte_eth_hairpin_conf *conf);
int rte_eth_tx_hairpin_queue_setup(uint16_t port_id, uint16_t tx_queue_id, uint16_t nb_tx_desc,
				   const struct rte_eth_hairpin_conf *conf);
int rte_eth_hairpin_get_peer_ports(uint16_t port_id, uint16_t *peer_ports, size_t len,
				   uint32_t direction);
int rte_eth_hairpin_bind(uint16_t tx_port, uint16_t rx_port);
int rte_eth_hairpin_unbind(uint16_t tx_port, uint16_t rx_port);
int rte_eth_dev_hairpin_capability_get(uint16_t port_id, struct rte_eth_hairpin_cap *cap);
int rte_eth_dev_adjust_nb_rx_tx_desc(uint16_t port_id, uint16_t *nb_rx_desc,
				     uint16_t *nb_tx_desc);

int rte_eth_dev_start(uint16_t port_id);
int rte_eth_dev_stop(uint16_t port_id);
int rte_eth_dev_close(uint16_t port_id);
int rte_eth_dev_reset(uint16_t port_id);
int rte_eth_dev_set_link_up(uint16_t port_id);
int rte_eth_dev_set_link_down(uint16_t port_id);
int rte_eth_dev_rx_queue_start(uint16_t port_id, uint16_t rx_queue_id);
int rte_eth_dev_rx_queue_stop(uint16_t port_id, uint16_t rx_queue_id);
int rte_eth_dev_tx_queue_start(uint16_t port_id, uint16_t tx_queue_id);
int rte_eth_dev_tx_queue_stop(uint16_t port_id, uint16_t tx_queue_id);

int rte_eth_rx_queue_info_get(uint16_t port_id, uint16_t queue_id,
			      struct rte_eth_rxq_info *qinfo);
int rte_eth_tx_queue_info_get(uint16_t port_id, uint16_t queue_id,
			      struct rte_eth_txq_info *qinfo);
int rte_eth_rx_burst_mode_get(uint16_t port_id, uint16_t queue_id,
			      struct rte_eth_burst_mode *mode);
int rte_eth_tx_burst_mode_get(uint16_t port_id, uint16_t queue_id,
			      struct rte_eth_burst_mode *mode);

/* ---- information ---------------------------------------------------------------------- */

int rte_eth_dev_info_get(uint16_t port_id, struct rte_eth_dev_info *dev_info);
int rte_eth_dev_fw_version_get(uint16_t port_id, char *fw_version, size_t fw_size);
/* The packet types the port's receive function can report, those of them
 * in ptype_mask, at most num written; returns how many there are in all. */
int rte_eth_dev_get_supported_ptypes(uint16_t port_id, uint32_t ptype_mask, uint32_t *ptypes,
				     int num);
int rte_eth_dev_set_ptypes(uint16_t port_id, uint32_t ptype_mask, uint32_t *set_ptypes,
			   unsigned int num);
int rte_eth_buffer_split_get_supported_hdr_ptypes(uint16_t port_id, uint32_t *ptypes, int num);
int rte_eth_dev_get_mtu(uint16_t port_id, uint16_t *mtu);
int rte_eth_dev_set_mtu(uint16_t port_id, uint16_t mtu);
int rte_eth_dev_pool_ops_supported(uint16_t port_id, const char *pool);
void *rte_eth_dev_get_sec_ctx(uint16_t port_id);
int rte_eth_dev_get_reg_info(uint16_t port_id, struct rte_dev_reg_info *info);
int rte_eth_dev_get_eeprom_length(uint16_t port_id);
int rte_eth_dev_get_eeprom(uint16_t port_id, struct rte_dev_eeprom_info *info);
int rte_eth_dev_set_eeprom(uint16_t port_id, struct rte_dev_eeprom_info *info);
int rte_eth_dev_get_module_info(uint16_t port_id, struct rte_eth_dev_module_info *modinfo);
int rte_eth_dev_get_module_eeprom(uint16_t port_id, struct rte_dev_eeprom_info *info);
int rte_eth_dev_get_dcb_info(uint16_t port_id, struct rte_eth_dcb_info *dcb_info);
int rte_eth_dev_priv_dump(uint16_t port_id, FILE *file);
int rte_eth_rx_descriptor_dump(uint16_t port_id, uint16_t queue_id, uint16_t offset,
			       uint16_t num, FILE *file);
int rte_eth_tx_descriptor_dump(uint16_t port_id, uint16_t queue_id, uint16_t offset,
			       uint16_t num, FILE *file);

struct rte_eth_representor_range {
	enum rte_eth_representor_type type;
	int controller;
	int pf;
	__extension__ union {
		int vf;
		int sf;
	};
	uint32_t id_base;
	uint32_t id_end;
	char name[RTE_ETH_NAME_MAX_LEN];
};

struct rte_eth_representor_info {
	uint16_t controller;
	uint16_t pf;
	uint32_t nb_ranges_alloc;
	uint32_t nb_ranges;
	struct rte_eth_representor_range ranges[];
};

int rte_eth_representor_info_get(uint16_t port_id, struct rte_eth_representor_info *info);

/* ---- link ---------------------------------------------------------------------------- */

int rte_eth_link_get(uint16_t port_id, struct rte_eth_link *link);
int rte_eth_link_get_nowait(uint16_t port_id, struct rte_eth_link *link);
const char *rte_eth_link_speed_to_str(uint32_t link_speed);
int rte_eth_link_to_str(char *str, size_t len, const struct rte_eth_link *eth_link);
int rte_eth_led_on(uint16_t port_id);
int rte_eth_led_off(uint16_t port_id);
int rte_eth_fec_get_capability(uint16_t port_id, struct rte_eth_fec_capa *speed_fec_capa,
			       unsigned int num);
int rte_eth_fec_get(uint16_t port_id, uint32_t *fec_capa);
int rte_eth_fec_set(uint16_t port_id, uint32_t fec_capa);
int rte_eth_dev_flow_ctrl_get(uint16_t port_id, struct rte_eth_fc_conf *fc_conf);
int rte_eth_dev_flow_ctrl_set(uint16_t port_id, struct rte_eth_fc_conf *fc_conf);
int rte_eth_dev_priority_flow_ctrl_set(uint16_t port_id, struct rte_eth_pfc_conf *pfc_conf);
int rte_eth_dev_priority_flow_ctrl_queue_info_get(uint16_t port_id,
						  struct rte_eth_pfc_queue_info *pfc_queue_info);
int rte_eth_dev_priority_flow_ctrl_queue_configure(uint16_t port_id,
						   struct rte_eth_pfc_queue_conf *pfc_queue_conf);

/* ---- statistics ----------------------------------------------------------------------- */

int rte_eth_stats_get(uint16_t port_id, struct rte_eth_stats *stats);
int rte_eth_stats_reset(uint16_t port_id);
int rte_eth_xstats_get_names(uint16_t port_id, struct rte_eth_xstat_name *xstats_names,
			     unsigned int size);
int rte_eth_xstats_get(uint16_t port_id, struct rte_eth_xstat *xstats, unsigned int n);
int rte_eth_xstats_get_names_by_id(uint16_t port_id, struct rte_eth_xstat_name *xstats_names,
				   unsigned int size, uint64_t *ids);
int rte_eth_xstats_get_by_id(uint16_t port_id, const uint64_t *ids, uint64_t *values,
			     unsigned int size);
int rte_eth_xstats_get_id_by_name(uint16_t port_id, const char *xstat_name, uint64_t *id);
int rte_eth_xstats_reset(uint16_t port_id);
int rte_eth_dev_set_tx_queue_stats_mapping(uint16_t port_id, uint16_t tx_queue_id,
					   uint8_t stat_idx);
int rte_eth_dev_set_rx_queue_stats_mapping(uint16_t port_id, uint16_t rx_queue_id,
					   uint8_t stat_idx);

/* ---- addresses, filters, VLAN ------------------------------------------------------------ */

int rte_eth_promiscuous_enable(uint16_t port_id);
int rte_eth_promiscuous_disable(uint16_t port_id);
int rte_eth_promiscuous_get(uint16_t port_id);
int rte_eth_allmulticast_enable(uint16_t port_id);
int rte_eth_allmulticast_disable(uint16_t port_id);
int rte_eth_allmulticast_get(uint16_t port_id);

int rte_eth_macaddr_get(uint16_t port_id, struct rte_ether_addr *mac_addr);
int rte_eth_macaddrs_get(uint16_t port_id, struct rte_ether_addr *ma, unsigned int num);
int rte_eth_dev_mac_addr_add(uint16_t port_id, struct rte_ether_addr *mac_addr, uint32_t pool);
int rte_eth_dev_mac_addr_remove(uint16_t port_id, struct rte_ether_addr *mac_addr);
int rte_eth_dev_default_mac_addr_set(uint16_t port_id, struct rte_ether_addr *mac_addr);
int rte_eth_dev_set_mc_addr_list(uint16_t port_id, struct rte_ether_addr *mc_addr_set,
				 uint32_t nb_mc_addr);
int rte_eth_dev_uc_hash_table_set(uint16_t port_id, struct rte_ether_addr *addr, uint8_t on);
int rte_eth_dev_uc_all_hash_table_set(uint16_t port_id, uint8_t on);

int rte_eth_dev_vlan_filter(uint16_t port_id, uint16_t vlan_id, int on);
int rte_eth_dev_set_vlan_strip_on_queue(uint16_t port_id, uint16_t rx_queue_id, int on);
int rte_eth_dev_set_vlan_ether_type(uint16_t port_id, enum rte_vlan_type vlan_type,
				    uint16_t tag_type);
int rte_eth_dev_set_vlan_offload(uint16_t port_id, int offload_mask);
int rte_eth_dev_get_vlan_offload(uint16_t port_id);
int rte_eth_dev_set_vlan_pvid(uint16_t port_id, uint16_t pvid, int on);

int rte_eth_dev_rss_reta_update(uint16_t port_id, struct rte_eth_rss_reta_entry64 *reta_conf,
				uint16_t reta_size);
int rte_eth_dev_rss_reta_query(uint16_t port_id, struct rte_eth_rss_reta_entry64 *reta_conf,
			       uint16_t reta_size);
int rte_eth_dev_rss_hash_update(uint16_t port_id, struct rte_eth_rss_conf *rss_conf);
int rte_eth_dev_rss_hash_conf_get(uint16_t port_id, struct rte_eth_rss_conf *rss_conf);
int rte_eth_dev_udp_tunnel_port_add(uint16_t port_id, struct rte_eth_udp_tunnel *tunnel_udp);
int rte_eth_dev_udp_tunnel_port_delete(uint16_t port_id, struct rte_eth_udp_tunnel *tunnel_udp);
int rte_eth_set_queue_rate_limit(uint16_t port_id, uint16_t queue_idx, uint32_t tx_rate);

int rte_eth_rx_avail_thresh_set(uint16_t port_id, uint16_t queue_id, uint8_t avail_thresh);
int rte_eth_rx_avail_thresh_query(uint16_t port_id, uint16_t *queue_id, uint8_t *avail_thresh);

/* ---- events and interrupts --------------------------------------------------------------- */

enum rte_eth_event_macsec_subtype {
	RTE_ETH_SUBEVENT_MACSEC_UNKNOWN,
	RTE_ETH_SUBEVENT_MACSEC_RX_SECTAG_V_EQ1,
	RTE_ETH_SUBEVENT_MACSEC_RX_SECTAG_E_EQ0_C_EQ1,
	RTE_ETH_SUBEVENT_MACSEC_RX_SECTAG_SL_GTE48,
	RTE_ETH_SUBEVENT_MACSEC_RX_SECTAG_ES_EQ1_SC_EQ1,
	RTE_ETH_SUBEVENT_MACSEC_RX_SECTAG_SC_EQ1_SCB_EQ1,
};

enum rte_eth_event_macsec_type {
	RTE_ETH_EVENT_MACSEC_UNKNOWN,
	RTE_ETH_EVENT_MACSEC_SECTAG_VAL_ERR,
	RTE_ETH_EVENT_MACSEC_RX_SA_PN_HARD_EXP,
	RTE_ETH_EVENT_MACSEC_RX_SA_PN_SOFT_EXP,
	RTE_ETH_EVENT_MACSEC_TX_SA_PN_HARD_EXP,
	RTE_ETH_EVENT_MACSEC_TX_SA_PN_SOFT_EXP,
	RTE_ETH_EVENT_MACSEC_SA_NOT_VALID,
};

struct rte_eth_event_macsec_desc {
	enum rte_eth_event_macsec_type type;
	enum rte_eth_event_macsec_subtype subtype;
	uint64_t metadata;
};

enum rte_eth_event_ipsec_subtype {
	RTE_ETH_EVENT_IPSEC_UNKNOWN = 0,
	RTE_ETH_EVENT_IPSEC_ESN_OVERFLOW,
	RTE_ETH_EVENT_IPSEC_SA_TIME_EXPIRY,
	RTE_ETH_EVENT_IPSEC_SA_BYTE_EXPIRY,
	RTE_ETH_EVENT_IPSEC_SA_PKT_EXPIRY,
	RTE_ETH_EVENT_IPSEC_SA_BYTE_HARD_EXPIRY,
	RTE_ETH_EVENT_IPSEC_SA_PKT_HARD_EXPIRY,
	RTE_ETH_EVENT_IPSEC_MAX
};

struct rte_eth_event_ipsec_desc {
	enum rte_eth_event_ipsec_subtype subtype;
	uint64_t metadata;
};

enum rte_eth_event_type {
	RTE_ETH_EVENT_UNKNOWN,
	RTE_ETH_EVENT_INTR_LSC,
	RTE_ETH_EVENT_QUEUE_STATE,
	RTE_ETH_EVENT_INTR_RESET,
	RTE_ETH_EVENT_VF_MBOX,
	RTE_ETH_EVENT_MACSEC,
	RTE_ETH_EVENT_INTR_RMV,
	RTE_ETH_EVENT_NEW,
	RTE_ETH_EVENT_DESTROY,
	RTE_ETH_EVENT_IPSEC,
	RTE_ETH_EVENT_FLOW_AGED,
	RTE_ETH_EVENT_RX_AVAIL_THRESH,
	RTE_ETH_EVENT_ERR_RECOVERING,
	RTE_ETH_EVENT_RECOVERY_SUCCESS,
	RTE_ETH_EVENT_RECOVERY_FAILED,
	RTE_ETH_EVENT_MAX
};

typedef int (*rte_eth_dev_cb_fn)(uint16_t port_id, enum rte_eth_event_type event, void *cb_arg,
				 void *ret_param);

int rte_eth_dev_callback_register(uint16_t port_id, enum rte_eth_event_type event,
				  rte_eth_dev_cb_fn cb_fn, void *cb_arg);
int rte_eth_dev_callback_unregister(uint16_t port_id, enum rte_eth_event_type event,
				    rte_eth_dev_cb_fn cb_fn, void *cb_arg);

int rte_eth_dev_rx_intr_enable(uint16_t port_id, uint16_t queue_id);
int rte_eth_dev_rx_intr_disable(uint16_t port_id, uint16_t queue_id);
int rte_eth_dev_rx_intr_ctl(uint16_t port_id, int epfd, int op, void *data);
int rte_eth_dev_rx_intr_ctl_q(uint16_t port_id, uint16_t queue_id, int epfd, int op, void *data);
int rte_eth_dev_rx_intr_ctl_q_get_fd(uint16_t port_id, uint16_t queue_id);
int rte_eth_get_monitor_addr(uint16_t port_id, uint16_t queue_id,
			     struct rte_power_monitor_cond *pmc);

/* ---- time synchronisation ---------------------------------------------------------------- */

int rte_eth_timesync_enable(uint16_t port_id);
int rte_eth_timesync_disable(uint16_t port_id);
int rte_eth_timesync_read_rx_timestamp(uint16_t port_id, struct timespec *timestamp,
				       uint32_t flags);
int rte_eth_timesync_read_tx_timestamp(uint16_t port_id, struct timespec *timestamp);
int rte_eth_timesync_adjust_time(uint16_t port_id, int64_t delta);
int rte_eth_timesync_read_time(uint16_t port_id, struct timespec *time);
int rte_eth_timesync_write_time(uint16_t port_id, const struct timespec *time);
int rte_eth_read_clock(uint16_t port_id, uint64_t *clock);

/* ---- metadata, reassembly, congestion management ---------------------------------------- */

#define RTE_ETH_RX_METADATA_USER_FLAG RTE_BIT64(0)
#define RTE_ETH_RX_METADATA_USER_MARK RTE_BIT64(1)
#define RTE_ETH_RX_METADATA_TUNNEL_ID RTE_BIT64(2)

int rte_eth_rx_metadata_negotiate(uint16_t port_id, uint64_t *features);

#define RTE_ETH_DEV_REASSEMBLY_F_IPV4 (RTE_BIT32(0))
#define RTE_ETH_DEV_REASSEMBLY_F_IPV6 (RTE_BIT32(1))

struct rte_eth_ip_reassembly_params {
	uint32_t timeout_ms;
	uint16_t max_frags;
	uint16_t flags; /* RTE_ETH_DEV_REASSEMBLY_F_* */
};

int rte_eth_ip_reassembly_capability_get(uint16_t port_id,
					 struct rte_eth_ip_reassembly_params *capa);
int rte_eth_ip_reassembly_conf_get(uint16_t port_id, struct rte_eth_ip_reassembly_params *conf);
int rte_eth_ip_reassembly_conf_set(uint16_t port_id,
				   const struct rte_eth_ip_reassembly_params *conf);

/* The dynamic field a reassembly-capable driver puts in each fragment. */
typedef struct {
	struct rte_mbuf *next_frag;
	uint16_t time_spent;
	uint16_t nb_frags;
} rte_eth_ip_reassembly_dynfield_t;

enum rte_eth_cman_obj {
	RTE_ETH_CMAN_OBJ_RX_QUEUE = RTE_BIT32(0),
	RTE_ETH_CMAN_OBJ_RX_QUEUE_MEMPOOL = RTE_BIT32(1),
};

struct rte_eth_cman_info {
	uint64_t modes_supported; /* enum rte_cman_mode bits */
	uint64_t objs_supported;  /* enum rte_eth_cman_obj bits */
	uint8_t rsvd[8];
};

struct rte_eth_cman_config {
	enum rte_eth_cman_obj obj;
	enum rte_cman_mode mode;
	union {
		uint16_t rx_queue;
		uint8_t rsvd_obj_params[4];
	} obj_param;
	union {
		struct rte_cman_red_params red;
		uint8_t rsvd_mode_params[4];
	} mode_param;
};

int rte_eth_cman_info_get(uint16_t port_id, struct rte_eth_cman_info *info);
int rte_eth_cman_config_init(uint16_t port_id, struct rte_eth_cman_config *config);
int rte_eth_cman_config_set(uint16_t port_id, const struct rte_eth_cman_config *config);
int rte_eth_cman_config_get(uint16_t port_id, struct rte_eth_cman_config *config);

/* ---- rx/tx callbacks --------------------------------------------------------------------- */

struct rte_eth_rxtx_callback;

const struct rte_eth_rxtx_callback *rte_eth_add_rx_callback(uint16_t port_id, uint16_t queue_id,
							    rte_rx_callback_fn fn,
							    void *user_param);
const struct rte_eth_rxtx_callback *rte_eth_add_first_rx_callback(uint16_t port_id,
								  uint16_t queue_id,
								  rte_rx_callback_fn fn,
								  void *user_param);
const struct rte_eth_rxtx_callback *rte_eth_add_tx_callback(uint16_t port_id, uint16_t queue_id,
							    rte_tx_callback_fn fn,
							    void *user_param);
int rte_eth_remove_rx_callback(uint16_t port_id, uint16_t queue_id,
			       const struct rte_eth_rxtx_callback *user_cb);
int rte_eth_remove_tx_callback(uint16_t port_id, uint16_t queue_id,
			       const struct rte_eth_rxtx_callback *user_cb);

/* Run the callback chain that starts at opaque; rte_eth_rx_burst and
 * rte_eth_tx_burst call these when a queue has callbacks. */
uint16_t rte_eth_call_rx_callbacks(uint16_t port_id, uint16_t queue_id,
				   struct rte_mbuf **rx_pkts, uint16_t nb_rx, uint16_t nb_pkts,
				   void *opaque);
uint16_t rte_eth_call_tx_callbacks(uint16_t port_id, uint16_t queue_id,
				   struct rte_mbuf **tx_pkts, uint16_t nb_pkts, void *opaque);

/* ---- transmit buffering ------------------------------------------------------------------- */

typedef void (*buffer_tx_error_fn)(struct rte_mbuf **unsent, uint16_t count, void *userdata);

struct rte_eth_dev_tx_buffer {
	buffer_tx_error_fn error_callback;
	void *error_userdata;
	uint16_t size;   /* how many packets it holds */
	uint16_t length; /* how many it holds now */
	struct rte_mbuf *pkts[];
};

#define RTE_ETH_TX_BUFFER_SIZE(sz) \
	(sizeof(struct rte_eth_dev_tx_buffer) + (sz) * sizeof(struct rte_mbuf *))

int rte_eth_tx_buffer_init(struct rte_eth_dev_tx_buffer *buffer, uint16_t size);
int rte_eth_tx_buffer_set_err_callback(struct rte_eth_dev_tx_buffer *buffer,
				       buffer_tx_error_fn callback, void *userdata);
/* Error callbacks: free the unsent packets; and count them too (into the
 * uint64_t userdata points at). */
void rte_eth_tx_buffer_drop_callback(struct rte_mbuf **pkts, uint16_t unsent, void *userdata);
void rte_eth_tx_buffer_count_callback(struct rte_mbuf **pkts, uint16_t unsent, void *userdata);
int rte_eth_tx_done_cleanup(uint16_t port_id, uint16_t queue_id, uint32_t free_cnt);

/* ---- fast path ---------------------------------------------------------------------------- */

typedef uint16_t (*eth_rx_burst_t)(void *rxq, struct rte_mbuf **rx_pkts, uint16_t nb_pkts);
typedef uint16_t (*eth_tx_burst_t)(void *txq, struct rte_mbuf **tx_pkts, uint16_t nb_pkts);
typedef uint16_t (*eth_tx_prep_t)(void *txq, struct rte_mbuf **tx_pkts, uint16_t nb_pkts);
typedef uint32_t (*eth_rx_queue_count_t)(void *rxq);
typedef int (*eth_rx_descriptor_status_t)(void *rxq, uint16_t offset);
typedef int (*eth_tx_descriptor_status_t)(void *txq, uint16_t offset);

/*
 * What the inline burst functions need per port, kept apart from the
 * slow-path state. A queue's data pointer is NULL while it is not started;
 * a NULL function is an operation the driver does not have.
 */
struct rte_eth_fp_ops {
	eth_rx_burst_t rx_pkt_burst;
	eth_rx_queue_count_t rx_queue_count;
	eth_rx_descriptor_status_t rx_descriptor_status;
	uint16_t nb_rx_queues;
	void **rxq_data;
	void **rxq_clbk;           /* per queue: the first rx callback, or NULL */
	eth_tx_burst_t tx_pkt_burst;
	eth_tx_prep_t tx_pkt_prepare;
	eth_tx_descriptor_status_t tx_descriptor_status;
	uint16_t nb_tx_queues;
	void **txq_data;
	void **txq_clbk;
} __rte_cache_aligned;

extern struct rte_eth_fp_ops rte_eth_fp_ops[RTE_MAX_ETHPORTS];

/* For the inlines below (not API): the queue's data, or NULL for a bad
 * port or queue or a stopped queue. */
static inline void *rtemem_eth_fp_rxq(uint16_t port_id, uint16_t queue_id)
{
	struct rte_eth_fp_ops *p;

	if (port_id >= RTE_MAX_ETHPORTS)
		return NULL;
	p = &rte_eth_fp_ops[port_id];
	if (queue_id >= p->nb_rx_queues || p->rxq_data == NULL)
		return NULL;
	return __atomic_load_n(&p->rxq_data[queue_id], __ATOMIC_ACQUIRE);
}

static inline void *rtemem_eth_fp_txq(uint16_t port_id, uint16_t queue_id)
{
	struct rte_eth_fp_ops *p;

	if (port_id >= RTE_MAX_ETHPORTS)
		return NULL;
	p = &rte_eth_fp_ops[port_id];
	if (queue_id >= p->nb_tx_queues || p->txq_data == NULL)
		return NULL;
	return __atomic_load_n(&p->txq_data[queue_id], __ATOMIC_ACQUIRE);
}

/*
 * Receive up to nb_pkts packets from a queue of a started port, then let
 * the queue's rx callbacks see (and filter) them. Returns how many mbufs
 * are in rx_pkts (0 for a bad port/queue or a stopped one).
 */
static inline uint16_t rte_eth_rx_burst(uint16_t port_id, uint16_t queue_id,
					struct rte_mbuf **rx_pkts, const uint16_t nb_pkts)
{
	void *qd = rtemem_eth_fp_rxq(port_id, queue_id);
	struct rte_eth_fp_ops *p;
	uint16_t nb_rx;
	void *cb;

	if (qd == NULL)
		return 0;
	p = &rte_eth_fp_ops[port_id];
	nb_rx = p->rx_pkt_burst(qd, rx_pkts, nb_pkts);
	cb = __atomic_load_n(&p->rxq_clbk[queue_id], __ATOMIC_ACQUIRE);
	if (unlikely(cb != NULL))
		nb_rx = rte_eth_call_rx_callbacks(port_id, queue_id, rx_pkts, nb_rx, nb_pkts, cb);
	return nb_rx;
}

/* Descriptors the hardware has filled and software not yet taken. */
static inline int rte_eth_rx_queue_count(uint16_t port_id, uint16_t queue_id)
{
	void *qd = rtemem_eth_fp_rxq(port_id, queue_id);

	if (qd == NULL)
		return -EINVAL;
	if (rte_eth_fp_ops[port_id].rx_queue_count == NULL)
		return -ENOTSUP;
	return (int)rte_eth_fp_ops[port_id].rx_queue_count(qd);
}

#define RTE_ETH_RX_DESC_AVAIL 0   /* owned by the hardware, waiting for a packet */
#define RTE_ETH_RX_DESC_DONE 1    /* filled, not yet taken */
#define RTE_ETH_RX_DESC_UNAVAIL 2 /* held by the driver, or beyond the ring */

static inline int rte_eth_rx_descriptor_status(uint16_t port_id, uint16_t queue_id,
					       uint16_t offset)
{
	void *qd = rtemem_eth_fp_rxq(port_id, queue_id);

	if (qd == NULL)
		return -ENODEV;
	if (rte_eth_fp_ops[port_id].rx_descriptor_status == NULL)
		return -ENOTSUP;
	return rte_eth_fp_ops[port_id].rx_descriptor_status(qd, offset);
}

#define RTE_ETH_TX_DESC_FULL 0
#define RTE_ETH_TX_DESC_DONE 1
#define RTE_ETH_TX_DESC_UNAVAIL 2

static inline int rte_eth_tx_descriptor_status(uint16_t port_id, uint16_t queue_id,
					       uint16_t offset)
{
	void *qd = rtemem_eth_fp_txq(port_id, queue_id);

	if (qd == NULL)
		return -ENODEV;
	if (rte_eth_fp_ops[port_id].tx_descriptor_status == NULL)
		return -ENOTSUP;
	return rte_eth_fp_ops[port_id].tx_descriptor_status(qd, offset);
}

/* Send up to nb_pkts packets; returns how many the driver took (ownership
 * passes with them). A port without transmit takes none. */
static inline uint16_t rte_eth_tx_burst(uint16_t port_id, uint16_t queue_id,
					struct rte_mbuf **tx_pkts, uint16_t nb_pkts)
{
	void *qd = rtemem_eth_fp_txq(port_id, queue_id);
	struct rte_eth_fp_ops *p;
	void *cb;

	if (qd == NULL)
		return 0;
	p = &rte_eth_fp_ops[port_id];
	cb = __atomic_load_n(&p->txq_clbk[queue_id], __ATOMIC_ACQUIRE);
	if (unlikely(cb != NULL))
		nb_pkts = rte_eth_call_tx_callbacks(port_id, queue_id, tx_pkts, nb_pkts, cb);
	if (p->tx_pkt_burst == NULL)
		return 0;
	return p->tx_pkt_burst(qd, tx_pkts, nb_pkts);
}

/* Check (and fix up) packets for the queue's offloads; returns how many
 * are ready, rte_errno saying why the next is not. */
static inline uint16_t rte_eth_tx_prepare(uint16_t port_id, uint16_t queue_id,
					  struct rte_mbuf **tx_pkts, uint16_t nb_pkts)
{
	void *qd = rtemem_eth_fp_txq(port_id, queue_id);

	if (qd == NULL || rte_eth_fp_ops[port_id].tx_pkt_prepare == NULL)
		return nb_pkts;
	return rte_eth_fp_ops[port_id].tx_pkt_prepare(qd, tx_pkts, nb_pkts);
}

/* Send what the buffer holds; what is not sent goes to its error callback. */
static inline uint16_t rte_eth_tx_buffer_flush(uint16_t port_id, uint16_t queue_id,
					       struct rte_eth_dev_tx_buffer *buffer)
{
	uint16_t to_send = buffer->length;
	uint16_t sent;

	if (to_send == 0)
		return 0;
	sent = rte_eth_tx_burst(port_id, queue_id, buffer->pkts, to_send);
	buffer->length = 0;
	if (unlikely(sent != to_send))
		buffer->error_callback(&buffer->pkts[sent], (uint16_t)(to_send - sent),
				       buffer->error_userdata);
	return sent;
}

/* Add one packet; the buffer is flushed when it is full. Returns how many
 * were sent by that flush (0 if none happened). */
static __rte_always_inline uint16_t rte_eth_tx_buffer(uint16_t port_id, uint16_t queue_id,
						      struct rte_eth_dev_tx_buffer *buffer,
						      struct rte_mbuf *tx_pkt)
{
	buffer->pkts[buffer->length++] = tx_pkt;
	if (buffer->length < buffer->size)
		return 0;
	return rte_eth_tx_buffer_flush(port_id, queue_id, buffer);
}

#ifdef __cplusplus
}
#endif

#endif
