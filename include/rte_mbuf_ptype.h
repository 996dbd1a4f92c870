/* SPDX-License-Identifier: BSD-3-Clause
 * Packet type values of mbuf->packet_type: one nibble each for the outer
 * L2, L3 and L4 layers, the tunnel, and the inner L2, L3 and L4 layers;
 * values as in DPDK 22.11.
 */
#ifndef RTEMEM_RTE_MBUF_PTYPE_H
#define RTEMEM_RTE_MBUF_PTYPE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_PTYPE_UNKNOWN 0x00000000

/* Outer (or only) layer 2 */
#define RTE_PTYPE_L2_ETHER 0x00000001
#define RTE_PTYPE_L2_ETHER_TIMESYNC 0x00000002
#define RTE_PTYPE_L2_ETHER_ARP 0x00000003
#define RTE_PTYPE_L2_ETHER_LLDP 0x00000004
#define RTE_PTYPE_L2_ETHER_NSH 0x00000005
#define RTE_PTYPE_L2_ETHER_VLAN 0x00000006
#define RTE_PTYPE_L2_ETHER_QINQ 0x00000007
#define RTE_PTYPE_L2_ETHER_PPPOE 0x00000008
#define RTE_PTYPE_L2_ETHER_FCOE 0x00000009
#define RTE_PTYPE_L2_ETHER_MPLS 0x0000000a
#define RTE_PTYPE_L2_MASK 0x0000000f

/* Layer 3 */
#define RTE_PTYPE_L3_IPV4 0x00000010
#define RTE_PTYPE_L3_IPV4_EXT 0x00000030
#define RTE_PTYPE_L3_IPV6 0x00000040
#define RTE_PTYPE_L3_IPV4_EXT_UNKNOWN 0x00000090
#define RTE_PTYPE_L3_IPV6_EXT 0x000000c0
#define RTE_PTYPE_L3_IPV6_EXT_UNKNOWN 0x000000e0
#define RTE_PTYPE_L3_MASK 0x000000f0

/* Layer 4 */
#define RTE_PTYPE_L4_TCP 0x00000100
#define RTE_PTYPE_L4_UDP 0x00000200
#define RTE_PTYPE_L4_FRAG 0x00000300
#define RTE_PTYPE_L4_SCTP 0x00000400
#define RTE_PTYPE_L4_ICMP 0x00000500
#define RTE_PTYPE_L4_NONFRAG 0x00000600
#define RTE_PTYPE_L4_IGMP 0x00000700
#define RTE_PTYPE_L4_MASK 0x00000f00

/* Tunnel kind */
#define RTE_PTYPE_TUNNEL_IP 0x00001000
#define RTE_PTYPE_TUNNEL_GRE 0x00002000
#define RTE_PTYPE_TUNNEL_VXLAN 0x00003000
#define RTE_PTYPE_TUNNEL_NVGRE 0x00004000
#define RTE_PTYPE_TUNNEL_GENEVE 0x00005000
#define RTE_PTYPE_TUNNEL_GRENAT 0x00006000
#define RTE_PTYPE_TUNNEL_GTPC 0x00007000
#define RTE_PTYPE_TUNNEL_GTPU 0x00008000
#define RTE_PTYPE_TUNNEL_ESP 0x00009000
#define RTE_PTYPE_TUNNEL_L2TP 0x0000a000
#define RTE_PTYPE_TUNNEL_VXLAN_GPE 0x0000b000
#define RTE_PTYPE_TUNNEL_MPLS_IN_GRE 0x0000c000
#define RTE_PTYPE_TUNNEL_MPLS_IN_UDP 0x0000d000
#define RTE_PTYPE_TUNNEL_MASK 0x0000f000

/* Inner layer 2 */
#define RTE_PTYPE_INNER_L2_ETHER 0x00010000
#define RTE_PTYPE_INNER_L2_ETHER_VLAN 0x00020000
#define RTE_PTYPE_INNER_L2_ETHER_QINQ 0x00030000
#define RTE_PTYPE_INNER_L2_MASK 0x000f0000

/* Inner layer 3 */
#define RTE_PTYPE_INNER_L3_IPV4 0x00100000
#define RTE_PTYPE_INNER_L3_IPV4_EXT 0x00200000
#define RTE_PTYPE_INNER_L3_IPV6 0x00300000
#define RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN 0x00400000
#define RTE_PTYPE_INNER_L3_IPV6_EXT 0x00500000
#define RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN 0x00600000
#define RTE_PTYPE_INNER_L3_MASK 0x00f00000

/* Inner layer 4 */
#define RTE_PTYPE_INNER_L4_TCP 0x01000000
#define RTE_PTYPE_INNER_L4_UDP 0x02000000
#define RTE_PTYPE_INNER_L4_FRAG 0x03000000
#define RTE_PTYPE_INNER_L4_SCTP 0x04000000
#define RTE_PTYPE_INNER_L4_ICMP 0x05000000
#define RTE_PTYPE_INNER_L4_NONFRAG 0x06000000
#define RTE_PTYPE_INNER_L4_MASK 0x0f000000

#define RTE_PTYPE_ALL_MASK 0x0fffffff

/*
 * The L3 values are chosen so that one bit tells IPv4 (0x10) and one IPv6
 * (0x40) whatever the extension variant; these tests rely on it.
 */
#define RTE_ETH_IS_IPV4_HDR(ptype) ((ptype) & RTE_PTYPE_L3_IPV4)
#define RTE_ETH_IS_IPV6_HDR(ptype) ((ptype) & RTE_PTYPE_L3_IPV6)
#define RTE_ETH_IS_TUNNEL_PKT(ptype) ((ptype) & (RTE_PTYPE_TUNNEL_MASK | RTE_PTYPE_INNER_L2_MASK | \
						  RTE_PTYPE_INNER_L3_MASK | RTE_PTYPE_INNER_L4_MASK))

/*
 * The name of one layer's type in ptype, e.g. "L3_IPV4", or "L3_UNKNOWN"
 * for 0 or a value DPDK does not define; a static string.
 */
const char *rte_get_ptype_l2_name(uint32_t ptype);
const char *rte_get_ptype_l3_name(uint32_t ptype);
const char *rte_get_ptype_l4_name(uint32_t ptype);
const char *rte_get_ptype_tunnel_name(uint32_t ptype);
const char *rte_get_ptype_inner_l2_name(uint32_t ptype);
const char *rte_get_ptype_inner_l3_name(uint32_t ptype);
const char *rte_get_ptype_inner_l4_name(uint32_t ptype);

/*
 * The names of every layer whose type is not 0, each followed by a space,
 * or "UNKNOWN" if all are 0. 0, or -1 if buf is too small (it then holds
 * as much as fitted, terminated if buflen > 0).
 */
int rte_get_ptype_name(uint32_t ptype, char *buf, size_t buflen);

#ifdef __cplusplus
}
#endif

#endif
