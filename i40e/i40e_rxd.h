/* SPDX-License-Identifier: BSD-3-Clause
 * i40e receive descriptors, as the X710/XL710 datasheet lays them out.
 *
 * A descriptor is written by the driver in "read" format (buffer addresses)
 * and overwritten by the device in "write-back" format (status, length,
 * packet type, RSS hash). Both formats exist in a 16-byte and a 32-byte
 * size; the queue context's DSIZE bit says which one a ring uses. Every
 * field is little-endian: access them through rte_le_to_cpu_* and
 * rte_cpu_to_le_*, never directly, so big-endian hosts work too.
 */
#ifndef RTEMEM_I40E_RXD_H
#define RTEMEM_I40E_RXD_H

#include <stdint.h>

#include <rte_byteorder.h>

union i40e_16byte_rx_desc {
	struct {
		rte_le64_t pkt_addr; /* packet buffer IO address */
		rte_le64_t hdr_addr; /* header buffer IO address (header split only) */
	} read;
	struct {
		rte_le64_t qword0;   /* see I40E_RXD_QW0_* */
		rte_le64_t qword1;   /* status_error_len, see I40E_RXD_QW1_* */
	} wb;
};

union i40e_32byte_rx_desc {
	struct {
		rte_le64_t pkt_addr;
		rte_le64_t hdr_addr;
		rte_le64_t rsvd1;
		rte_le64_t rsvd2;
	} read;
	struct {
		rte_le64_t qword0;
		rte_le64_t qword1;
		rte_le64_t qword2;   /* extended status, second VLAN tags */
		rte_le64_t qword3;   /* flexible bytes / flow director id */
	} wb;
};

/* Like DPDK, 32-byte descriptors unless RTE_LIBRTE_I40E_16BYTE_RX_DESC. */
#ifdef RTE_LIBRTE_I40E_16BYTE_RX_DESC
#define i40e_rx_desc i40e_16byte_rx_desc
#else
#define i40e_rx_desc i40e_32byte_rx_desc
#endif

/* Write-back qword0: bits 16-31 the stripped VLAN tag (L2TAG1), bits 32-63
 * the RSS hash when FLTSTAT says so (else the flow director filter id). */
#define I40E_RXD_QW0_L2TAG1_SHIFT 16
#define I40E_RXD_QW0_RSS_SHIFT 32

/* Write-back qword1 (status_error_len). */
#define I40E_RXD_QW1_STATUS_SHIFT 0
#define I40E_RXD_QW1_STATUS_MASK 0x7FFFFULL   /* bits 0-18 */
#define I40E_RX_DESC_STATUS_DD 0              /* descriptor done */
#define I40E_RX_DESC_STATUS_EOP 1             /* last descriptor of a frame */
#define I40E_RX_DESC_STATUS_L2TAG1P 2
#define I40E_RX_DESC_STATUS_L3L4P 3
#define I40E_RX_DESC_STATUS_CRCP 4
#define I40E_RX_DESC_STATUS_FLTSTAT_SHIFT 12  /* 2 bits */
#define I40E_RX_DESC_STATUS_FLTSTAT_MASK 0x3ULL
#define I40E_RX_DESC_FLTSTAT_NO_DATA 0
#define I40E_RX_DESC_FLTSTAT_RSS_HASH 3

#define I40E_RXD_QW1_ERROR_SHIFT 19
#define I40E_RXD_QW1_ERROR_MASK (0xFFULL << I40E_RXD_QW1_ERROR_SHIFT) /* bits 19-26 */
#define I40E_RX_DESC_ERROR_RXE 0              /* receive error (here: DMA fault) */
#define I40E_RX_DESC_ERROR_IPE 3              /* IPv4 header checksum (with L3L4P) */
#define I40E_RX_DESC_ERROR_L4E 4              /* TCP/UDP/SCTP checksum (with L3L4P) */
#define I40E_RX_DESC_ERROR_EIPE 5             /* outer IPv4 checksum of a tunnel */
#define I40E_RX_DESC_ERROR_OVERSIZE 6
#define I40E_RX_DESC_ERROR_CSUM_BITS 0x3FULL  /* bits 0-5: any of them, no checksum is known good */

#define I40E_RXD_QW1_PTYPE_SHIFT 30
#define I40E_RXD_QW1_PTYPE_MASK (0xFFULL << I40E_RXD_QW1_PTYPE_SHIFT)  /* bits 30-37 */
#define I40E_RXD_QW1_LENGTH_PBUF_SHIFT 38
#define I40E_RXD_QW1_LENGTH_PBUF_MASK (0x3FFFULL << I40E_RXD_QW1_LENGTH_PBUF_SHIFT) /* 38-51 */
#define I40E_RXD_QW1_LENGTH_HBUF_SHIFT 52
#define I40E_RXD_QW1_LENGTH_HBUF_MASK (0x7FFULL << I40E_RXD_QW1_LENGTH_HBUF_SHIFT)  /* 52-62 */
#define I40E_RXD_QW1_LENGTH_SPH_SHIFT 63

#define I40E_RXD_STATUS_BIT(b) (1ULL << (I40E_RXD_QW1_STATUS_SHIFT + (b)))
#define I40E_RXD_ERROR_BIT(b) (1ULL << (I40E_RXD_QW1_ERROR_SHIFT + (b)))

/* Hardware packet types (the 8-bit PTYPE field) that the device reports. */
#define I40E_PTYPE_L2_PAY2 1          /* Ethernet, payload not parsed */
#define I40E_PTYPE_IPV4_FRAG 22
#define I40E_PTYPE_IPV4_PAY3 23       /* IPv4, not fragmented, other L4 */
#define I40E_PTYPE_IPV4_UDP 24
#define I40E_PTYPE_IPV4_TCP 26
#define I40E_PTYPE_IPV4_SCTP 27
#define I40E_PTYPE_IPV4_ICMP 28
#define I40E_PTYPE_IPV6_FRAG 88
#define I40E_PTYPE_IPV6_PAY3 89
#define I40E_PTYPE_IPV6_UDP 90
#define I40E_PTYPE_IPV6_TCP 92
#define I40E_PTYPE_IPV6_SCTP 93
#define I40E_PTYPE_IPV6_ICMP 94

/* Ring geometry the driver and device agree on. */
#define I40E_MIN_RING_DESC 64
#define I40E_MAX_RING_DESC 4096
#define I40E_ALIGN_RING_DESC 32
#define I40E_RING_BASE_ALIGN 128       /* queue context BASE is in 128-byte units */
#define I40E_DMA_MEM_ALIGN 4096
#define RTE_PMD_I40E_RX_MAX_BURST 32
#define I40E_RXBUF_SZ_UNIT 128         /* DBUFF granularity */
#define I40E_RX_MAX_DATA_BUF_SIZE (16 * 1024 - 128)
#define I40E_FRAME_SIZE_MAX 9728

#endif
