/* SPDX-License-Identifier: BSD-3-Clause
 * The UDP header (RFC 768), laid out as in DPDK 22.11.
 */
#ifndef RTEMEM_RTE_UDP_H
#define RTEMEM_RTE_UDP_H

#include <stdint.h>

#include <rte_byteorder.h>
#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_udp_hdr {
	rte_be16_t src_port;
	rte_be16_t dst_port;
	rte_be16_t dgram_len;   /* header and data */
	rte_be16_t dgram_cksum; /* 0: none sent */
} __rte_packed;

#ifdef __cplusplus
}
#endif

#endif
