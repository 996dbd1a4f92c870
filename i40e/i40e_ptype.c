/* SPDX-License-Identifier: BSD-3-Clause
 * The X710's hardware packet types (the descriptor's 8-bit PTYPE) as mbuf
 * packet_type values: the mapping DPDK 22.11's i40e uses for the default
 * profile. Numbers without an entry are reserved and read as
 * RTE_PTYPE_UNKNOWN.
 *
 * The IP part of the table is runs of seven types, one per L4 kind
 * (fragment, other, UDP, reserved, TCP, SCTP, ICMP): RUN fills one such
 * run, for L4 headers of the outer (non-tunnelled) or the inner packet.
 */
#include <rte_mbuf_ptype.h>

#include "i40e_ethdev.h"
#include "i40e_rxd.h"

#define RUN7(first, hdr, frag, pay, udp, tcp, sctp, icmp)                    \
	[(first) + I40E_PTYPE_L4_FRAG] = (hdr) | (frag),                     \
	[(first) + I40E_PTYPE_L4_PAY3] = (hdr) | (pay),                      \
	[(first) + I40E_PTYPE_L4_UDP] = (hdr) | (udp),                       \
	[(first) + I40E_PTYPE_L4_TCP] = (hdr) | (tcp),                       \
	[(first) + I40E_PTYPE_L4_SCTP] = (hdr) | (sctp),                     \
	[(first) + I40E_PTYPE_L4_ICMP] = (hdr) | (icmp)
/* l4 is OUTER_L4 or INNER_L4, spread into RUN7's six arguments. */
#define RUN(first, hdr, ...) RUN7(first, hdr, __VA_ARGS__)

#define OUTER_L4 RTE_PTYPE_L4_FRAG, RTE_PTYPE_L4_NONFRAG, RTE_PTYPE_L4_UDP,  \
		 RTE_PTYPE_L4_TCP, RTE_PTYPE_L4_SCTP, RTE_PTYPE_L4_ICMP
#define INNER_L4 RTE_PTYPE_INNER_L4_FRAG, RTE_PTYPE_INNER_L4_NONFRAG,        \
		 RTE_PTYPE_INNER_L4_UDP, RTE_PTYPE_INNER_L4_TCP,              \
		 RTE_PTYPE_INNER_L4_SCTP, RTE_PTYPE_INNER_L4_ICMP

#define ETH_V4 (RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN)
#define ETH_V6 (RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV6_EXT_UNKNOWN)
#define IN_V4 RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN
#define IN_V6 RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN
#define GRENAT RTE_PTYPE_TUNNEL_GRENAT
#define IN_MAC (RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L2_ETHER)
#define IN_MACVLAN (RTE_PTYPE_TUNNEL_GRENAT | RTE_PTYPE_INNER_L2_ETHER_VLAN)

/*
 * Every tunnel kind below an outer IP header; outer is ETH_V4 or ETH_V6
 * and d is 0 or I40E_PTYPE_OUTER_IPV6_DELTA. The single entries are the
 * tunnels whose inner packet the device did not parse further.
 */
#define TUNNELS(outer, d)                                                              \
	RUN(I40E_PTYPE_IPV4_IPV4_BASE + (d), (outer) | RTE_PTYPE_TUNNEL_IP | IN_V4, INNER_L4), \
	RUN(I40E_PTYPE_IPV4_IPV6_BASE + (d), (outer) | RTE_PTYPE_TUNNEL_IP | IN_V6, INNER_L4), \
	[I40E_PTYPE_IPV4_GRENAT + (d)] = (outer) | GRENAT,                              \
	RUN(I40E_PTYPE_IPV4_GRENAT_IPV4_BASE + (d), (outer) | GRENAT | IN_V4, INNER_L4), \
	RUN(I40E_PTYPE_IPV4_GRENAT_IPV6_BASE + (d), (outer) | GRENAT | IN_V6, INNER_L4), \
	[I40E_PTYPE_IPV4_GRENAT_MAC + (d)] = (outer) | IN_MAC,                          \
	RUN(I40E_PTYPE_IPV4_GRENAT_MAC_IPV4_BASE + (d), (outer) | IN_MAC | IN_V4, INNER_L4), \
	RUN(I40E_PTYPE_IPV4_GRENAT_MAC_IPV6_BASE + (d), (outer) | IN_MAC | IN_V6, INNER_L4), \
	[I40E_PTYPE_IPV4_GRENAT_MACVLAN + (d)] = (outer) | IN_MACVLAN,                  \
	RUN(I40E_PTYPE_IPV4_GRENAT_MACVLAN_IPV4_BASE + (d), (outer) | IN_MACVLAN | IN_V4, \
	    INNER_L4),                                                                   \
	RUN(I40E_PTYPE_IPV4_GRENAT_MACVLAN_IPV6_BASE + (d), (outer) | IN_MACVLAN | IN_V6, \
	    INNER_L4)

/* The NSH types are packed: six L4 kinds each for IPv4 and IPv6, no gap. */
#define NSH_RUN(first, l3)                                                     \
	[(first) + 0] = RTE_PTYPE_L2_ETHER_NSH | (l3) | RTE_PTYPE_L4_FRAG,    \
	[(first) + 1] = RTE_PTYPE_L2_ETHER_NSH | (l3) | RTE_PTYPE_L4_NONFRAG, \
	[(first) + 2] = RTE_PTYPE_L2_ETHER_NSH | (l3) | RTE_PTYPE_L4_UDP,     \
	[(first) + 3] = RTE_PTYPE_L2_ETHER_NSH | (l3) | RTE_PTYPE_L4_TCP,     \
	[(first) + 4] = RTE_PTYPE_L2_ETHER_NSH | (l3) | RTE_PTYPE_L4_SCTP,    \
	[(first) + 5] = RTE_PTYPE_L2_ETHER_NSH | (l3) | RTE_PTYPE_L4_ICMP

const uint32_t i40e_ptype_table[256] __rte_cache_aligned = {
	[I40E_PTYPE_L2_PAY2] = RTE_PTYPE_L2_ETHER,
	[I40E_PTYPE_L2_TIMESYNC] = RTE_PTYPE_L2_ETHER_TIMESYNC,
	[I40E_PTYPE_L2_LLDP] = RTE_PTYPE_L2_ETHER_LLDP,
	[I40E_PTYPE_L2_ARP] = RTE_PTYPE_L2_ETHER_ARP,
	RUN(I40E_PTYPE_IPV4_BASE, ETH_V4, OUTER_L4),
	TUNNELS(ETH_V4, 0),
	RUN(I40E_PTYPE_IPV6_BASE, ETH_V6, OUTER_L4),
	TUNNELS(ETH_V6, I40E_PTYPE_OUTER_IPV6_DELTA),
	[I40E_PTYPE_NSH] = RTE_PTYPE_L2_ETHER_NSH,
	NSH_RUN(I40E_PTYPE_NSH + 1, RTE_PTYPE_L3_IPV4_EXT_UNKNOWN),
	NSH_RUN(I40E_PTYPE_NSH + 7, RTE_PTYPE_L3_IPV6_EXT_UNKNOWN),
};
