/* SPDX-License-Identifier: BSD-3-Clause
 * Packet type values of mbuf->packet_type (the subset rtemem's drivers
 * report): one nibble each for the L2, L3 and L4 layers, values as in
 * DPDK 22.11.
 */
#ifndef RTEMEM_RTE_MBUF_PTYPE_H
#define RTEMEM_RTE_MBUF_PTYPE_H

#define RTE_PTYPE_UNKNOWN 0x00000000
#define RTE_PTYPE_L2_ETHER 0x00000001
#define RTE_PTYPE_L2_MASK 0x0000000f
#define RTE_PTYPE_L3_IPV4 0x00000010
#define RTE_PTYPE_L3_IPV6 0x00000040
#define RTE_PTYPE_L3_IPV4_EXT_UNKNOWN 0x00000090
#define RTE_PTYPE_L3_IPV6_EXT_UNKNOWN 0x000000e0
#define RTE_PTYPE_L3_MASK 0x000000f0
#define RTE_PTYPE_L4_TCP 0x00000100
#define RTE_PTYPE_L4_UDP 0x00000200
#define RTE_PTYPE_L4_FRAG 0x00000300
#define RTE_PTYPE_L4_SCTP 0x00000400
#define RTE_PTYPE_L4_ICMP 0x00000500
#define RTE_PTYPE_L4_NONFRAG 0x00000600
#define RTE_PTYPE_L4_MASK 0x00000f00
#define RTE_PTYPE_ALL_MASK 0x0fffffff

#endif
