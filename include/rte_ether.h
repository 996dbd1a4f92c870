/* SPDX-License-Identifier: BSD-3-Clause
 * Ethernet addresses, headers and VLAN tags, as DPDK 22.11's rte_ether.h.
 * The address parsing and formatting and the random address are in
 * src/net_ether.c, as DPDK has them in its net library.
 */
#ifndef RTEMEM_RTE_ETHER_H
#define RTEMEM_RTE_ETHER_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_mbuf.h>
#include <rte_random.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_ETHER_ADDR_LEN 6
#define RTE_ETHER_TYPE_LEN 2
#define RTE_ETHER_CRC_LEN 4
#define RTE_ETHER_HDR_LEN (RTE_ETHER_ADDR_LEN * 2 + RTE_ETHER_TYPE_LEN)
#define RTE_ETHER_MIN_LEN 64        /* with CRC */
#define RTE_ETHER_MAX_LEN 1518      /* with CRC */
#define RTE_ETHER_MTU (RTE_ETHER_MAX_LEN - RTE_ETHER_HDR_LEN - RTE_ETHER_CRC_LEN)
#define RTE_ETHER_MIN_MTU 68
#define RTE_ETHER_MAX_JUMBO_FRAME_LEN 0x3F00
#define RTE_ETHER_MAX_VLAN_FRAME_LEN (RTE_ETHER_MAX_LEN + 4)
#define RTE_VLAN_HLEN 4
#define RTE_ETHER_MAX_VLAN_ID 4095

/* The 802.1Q tag control information, host order: PCP (3 bits), DEI (1), VID (12). */
#define RTE_VLAN_DEI_SHIFT 12
#define RTE_VLAN_PRI_SHIFT 13
#define RTE_VLAN_PRI_MASK 0xe000
#define RTE_VLAN_DEI_MASK 0x1000
#define RTE_VLAN_ID_MASK 0x0fff
#define RTE_VLAN_TCI_ID(vlan_tci) ((vlan_tci) & RTE_VLAN_ID_MASK)
#define RTE_VLAN_TCI_PRI(vlan_tci) (((vlan_tci) & RTE_VLAN_PRI_MASK) >> RTE_VLAN_PRI_SHIFT)
#define RTE_VLAN_TCI_DEI(vlan_tci) (((vlan_tci) & RTE_VLAN_DEI_MASK) >> RTE_VLAN_DEI_SHIFT)
/* As DPDK, the fields are not masked: out-of-range values spill into the others. */
#define RTE_VLAN_TCI_MAKE(id, pri, dei) \
	((id) | ((pri) << RTE_VLAN_PRI_SHIFT) | ((dei) << RTE_VLAN_DEI_SHIFT))

#define RTE_ETHER_TYPE_IPV4 0x0800
#define RTE_ETHER_TYPE_IPV6 0x86DD
#define RTE_ETHER_TYPE_ARP 0x0806
#define RTE_ETHER_TYPE_RARP 0x8035
#define RTE_ETHER_TYPE_VLAN 0x8100
#define RTE_ETHER_TYPE_QINQ 0x88A8
#define RTE_ETHER_TYPE_QINQ1 0x9100 /* pre-802.1ad QinQ tags */
#define RTE_ETHER_TYPE_QINQ2 0x9200
#define RTE_ETHER_TYPE_QINQ3 0x9300
#define RTE_ETHER_TYPE_PPPOE_DISCOVERY 0x8863
#define RTE_ETHER_TYPE_PPPOE_SESSION 0x8864
#define RTE_ETHER_TYPE_ETAG 0x893F /* 802.1BR */
#define RTE_ETHER_TYPE_1588 0x88F7 /* PTP over Ethernet */
#define RTE_ETHER_TYPE_SLOW 0x8809 /* LACP and marker */
#define RTE_ETHER_TYPE_TEB 0x6558  /* transparent Ethernet bridging */
#define RTE_ETHER_TYPE_LLDP 0x88CC
#define RTE_ETHER_TYPE_MPLS 0x8847
#define RTE_ETHER_TYPE_MPLSM 0x8848
#define RTE_ETHER_TYPE_ECPRI 0xAEFE

#define RTE_ETHER_LOCAL_ADMIN_ADDR 0x02
#define RTE_ETHER_GROUP_ADDR 0x01

struct rte_ether_addr {
	uint8_t addr_bytes[RTE_ETHER_ADDR_LEN];
} __rte_aligned(2);

struct rte_ether_hdr {
	struct rte_ether_addr dst_addr;
	struct rte_ether_addr src_addr;
	rte_be16_t ether_type;
} __rte_aligned(2);

struct rte_vlan_hdr {
	rte_be16_t vlan_tci;
	rte_be16_t eth_proto;
} __rte_packed;

#define RTE_ETHER_ADDR_PRT_FMT "%02X:%02X:%02X:%02X:%02X:%02X"
#define RTE_ETHER_ADDR_BYTES(mac_addrs) ((mac_addrs)->addr_bytes[0]), \
	((mac_addrs)->addr_bytes[1]), ((mac_addrs)->addr_bytes[2]), \
	((mac_addrs)->addr_bytes[3]), ((mac_addrs)->addr_bytes[4]), \
	((mac_addrs)->addr_bytes[5])
#define RTE_ETHER_ADDR_FMT_SIZE 18

static inline int rte_is_same_ether_addr(const struct rte_ether_addr *a,
					 const struct rte_ether_addr *b)
{
	return memcmp(a->addr_bytes, b->addr_bytes, RTE_ETHER_ADDR_LEN) == 0;
}

static inline int rte_is_zero_ether_addr(const struct rte_ether_addr *a)
{
	static const struct rte_ether_addr zero = { { 0 } }; /* C++ wants it initialised */

	return rte_is_same_ether_addr(a, &zero);
}

static inline int rte_is_multicast_ether_addr(const struct rte_ether_addr *a)
{
	return a->addr_bytes[0] & RTE_ETHER_GROUP_ADDR;
}

static inline int rte_is_unicast_ether_addr(const struct rte_ether_addr *a)
{
	return !rte_is_multicast_ether_addr(a);
}

static inline int rte_is_broadcast_ether_addr(const struct rte_ether_addr *a)
{
	static const struct rte_ether_addr bcast = {
		.addr_bytes = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }
	};

	return rte_is_same_ether_addr(a, &bcast);
}

static inline int rte_is_local_admin_ether_addr(const struct rte_ether_addr *a)
{
	return (a->addr_bytes[0] & RTE_ETHER_LOCAL_ADMIN_ADDR) != 0;
}

/* Globally administered: assigned by the vendor from its OUI. */
static inline int rte_is_universal_ether_addr(const struct rte_ether_addr *a)
{
	return (a->addr_bytes[0] & RTE_ETHER_LOCAL_ADMIN_ADDR) == 0;
}

static inline int rte_is_valid_assigned_ether_addr(const struct rte_ether_addr *a)
{
	return rte_is_unicast_ether_addr(a) && !rte_is_zero_ether_addr(a);
}

static inline void rte_ether_addr_copy(const struct rte_ether_addr *__rte_restrict from,
				       struct rte_ether_addr *__rte_restrict to)
{
	*to = *from;
}

/* A random unicast, locally administered address into addr[0..5] (from rte_rand). */
void rte_eth_random_addr(uint8_t *addr);

/* a as "XX:XX:XX:XX:XX:XX" (upper case), truncated to fit size as snprintf does. */
void rte_ether_format_addr(char *buf, uint16_t size, const struct rte_ether_addr *a);

/*
 * Parses "XX:XX:XX:XX:XX:XX" (two hex digits each) or "XXXX:XXXX:XXXX" (four
 * each), either case, nothing before or after. 0, or -1 with rte_errno
 * EINVAL; *a is written only on success (DPDK 22.11 leaves a partly parsed
 * address behind).
 */
int rte_ether_unformat_addr(const char *str, struct rte_ether_addr *a);

/*
 * Moves a packet's 802.1Q tag into the mbuf: vlan_tci (host order) and the
 * RX_VLAN/RX_VLAN_STRIPPED flags, the addresses slid 4 bytes forward over
 * it. 0, or -1 if the frame's ether_type is not VLAN. The first segment
 * must hold the Ethernet and VLAN headers.
 */
static inline int rte_vlan_strip(struct rte_mbuf *m)
{
	struct rte_ether_hdr *eh = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	const struct rte_vlan_hdr *vh = (const struct rte_vlan_hdr *)(eh + 1);
	char *start;

	if (eh->ether_type != rte_cpu_to_be_16(RTE_ETHER_TYPE_VLAN))
		return -1;
	m->ol_flags |= RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED;
	m->vlan_tci = rte_be_to_cpu_16(vh->vlan_tci);
	/* The inner ether_type already sits where the new header's goes. */
	start = rte_pktmbuf_adj(m, sizeof(struct rte_vlan_hdr));
	memmove(start, eh, 2 * RTE_ETHER_ADDR_LEN);
	return 0;
}

/*
 * Puts m's vlan_tci into the frame as an 802.1Q tag in front of its
 * ether_type, in the headroom, and clears RX_VLAN_STRIPPED and TX_VLAN;
 * l2_len (outer_l2_len for a tunnel) grows by the tag. 0; -EINVAL if the
 * mbuf is indirect, external or shared (the data is not its own to change)
 * or its first segment is shorter than the two addresses; -ENOSPC without
 * 4 bytes of headroom.
 */
static inline int rte_vlan_insert(struct rte_mbuf **m)
{
	/* RTE_MBUF_F_TX_TUNNEL_MASK: the tunnel type, bits 45 to 48. */
	const uint64_t tunnel_mask = 0xFULL << 45;
	struct rte_ether_hdr *oh, *nh;
	struct rte_vlan_hdr *vh;

	if (!RTE_MBUF_DIRECT(*m) || rte_mbuf_refcnt_read(*m) > 1)
		return -EINVAL;
	if (rte_pktmbuf_data_len(*m) < 2 * RTE_ETHER_ADDR_LEN)
		return -EINVAL;
	oh = rte_pktmbuf_mtod(*m, struct rte_ether_hdr *);
	nh = (struct rte_ether_hdr *)(void *)rte_pktmbuf_prepend(*m, sizeof(struct rte_vlan_hdr));
	if (nh == NULL)
		return -ENOSPC;
	memmove(nh, oh, 2 * RTE_ETHER_ADDR_LEN);
	nh->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_VLAN);
	vh = (struct rte_vlan_hdr *)(nh + 1);
	vh->vlan_tci = rte_cpu_to_be_16((*m)->vlan_tci);
	(*m)->ol_flags &= ~(RTE_MBUF_F_RX_VLAN_STRIPPED | RTE_MBUF_F_TX_VLAN);
	if ((*m)->ol_flags & tunnel_mask)
		(*m)->outer_l2_len += sizeof(struct rte_vlan_hdr);
	else
		(*m)->l2_len += sizeof(struct rte_vlan_hdr);
	return 0;
}

#ifdef __cplusplus
}
#endif

#endif
