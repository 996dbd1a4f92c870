/* SPDX-License-Identifier: BSD-3-Clause
 * Ethernet addresses and headers (the part of DPDK 22.11's rte_ether.h that
 * rtemem's ethdev and its users need).
 */
#ifndef RTEMEM_RTE_ETHER_H
#define RTEMEM_RTE_ETHER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_common.h>

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

#define RTE_ETHER_TYPE_IPV4 0x0800
#define RTE_ETHER_TYPE_IPV6 0x86DD
#define RTE_ETHER_TYPE_ARP 0x0806
#define RTE_ETHER_TYPE_VLAN 0x8100
#define RTE_ETHER_TYPE_QINQ 0x88A8

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

static inline int rte_is_valid_assigned_ether_addr(const struct rte_ether_addr *a)
{
	return rte_is_unicast_ether_addr(a) && !rte_is_zero_ether_addr(a);
}

static inline void rte_ether_addr_copy(const struct rte_ether_addr *from,
				       struct rte_ether_addr *to)
{
	*to = *from;
}

static inline void rte_ether_format_addr(char *buf, uint16_t size,
					 const struct rte_ether_addr *a)
{
	snprintf(buf, size, RTE_ETHER_ADDR_PRT_FMT, RTE_ETHER_ADDR_BYTES(a));
}

#ifdef __cplusplus
}
#endif

#endif
