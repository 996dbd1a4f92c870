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

/* Write-back qword2 (32-byte descriptors): extended status in bits 0-15
 * (L2TAG2P at bit 0), the second stripped tags in bits 32-47 (L2TAG2_1)
 * and 48-63 (L2TAG2_2). */
#define I40E_RX_DESC_EXT_STATUS_L2TAG2P 0
/* What qword3 holds, when FLM says a flow director filter matched: FLEXBH
 * (bits 4-5) for its high half, FLEXBL (bits 2-3) for its low half. */
#define I40E_RX_DESC_EXT_STATUS_FLEXBL_SHIFT 2
#define I40E_RX_DESC_EXT_STATUS_FLEXBL_MASK 0x3
#define I40E_RX_DESC_EXT_STATUS_FLEXBL_FLEX 1   /* flexible bytes */
#define I40E_RX_DESC_EXT_STATUS_FLEXBH_SHIFT 4
#define I40E_RX_DESC_EXT_STATUS_FLEXBH_MASK 0x3
#define I40E_RX_DESC_EXT_STATUS_FLEXBH_FD_ID 1  /* the filter's id */
#define I40E_RX_DESC_EXT_STATUS_FLEXBH_FLEX 2   /* flexible bytes */
#define I40E_RXD_QW3_HI_SHIFT 32
#define I40E_RXD_QW2_L2TAG2_1_SHIFT 32
#define I40E_RXD_QW2_L2TAG2_2_SHIFT 48

/* Write-back qword1 (status_error_len). */
#define I40E_RXD_QW1_STATUS_SHIFT 0
#define I40E_RXD_QW1_STATUS_MASK 0x7FFFFULL   /* bits 0-18 */
#define I40E_RX_DESC_STATUS_DD 0              /* descriptor done */
#define I40E_RX_DESC_STATUS_EOP 1             /* last descriptor of a frame */
#define I40E_RX_DESC_STATUS_L2TAG1P 2
#define I40E_RX_DESC_STATUS_L3L4P 3
#define I40E_RX_DESC_STATUS_CRCP 4
#define I40E_RX_DESC_STATUS_FLM 11            /* a flow director filter matched */
#define I40E_RX_DESC_STATUS_FLTSTAT_SHIFT 12  /* 2 bits */
#define I40E_RX_DESC_STATUS_FLTSTAT_MASK 0x3ULL
#define I40E_RX_DESC_FLTSTAT_NO_DATA 0
#define I40E_RX_DESC_FLTSTAT_FD_ID 1           /* 16-byte: qword0 high is a flow director id */
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

/*
 * Hardware packet types (the 8-bit PTYPE field) of the X710's default
 * profile. The IP types come in runs of seven, one per L4 kind, at the
 * offsets I40E_PTYPE_L4_*; a run starts at one of the I40E_PTYPE_*_BASE
 * numbers. The tunnel runs under an IPv6 outer header repeat those under
 * IPv4, I40E_PTYPE_OUTER_IPV6_DELTA higher.
 */
#define I40E_PTYPE_L2_PAY2 1          /* Ethernet, payload not parsed */
#define I40E_PTYPE_L2_TIMESYNC 2      /* PTP over Ethernet, EtherType 0x88f7 */
#define I40E_PTYPE_L2_LLDP 6          /* EtherType 0x88cc */
#define I40E_PTYPE_L2_ARP 11          /* EtherType 0x0806 */

#define I40E_PTYPE_L4_FRAG 0
#define I40E_PTYPE_L4_PAY3 1          /* not fragmented, other L4 */
#define I40E_PTYPE_L4_UDP 2           /* offset 3 is reserved */
#define I40E_PTYPE_L4_TCP 4
#define I40E_PTYPE_L4_SCTP 5
#define I40E_PTYPE_L4_ICMP 6

#define I40E_PTYPE_IPV4_BASE 22                /* IPv4, not tunnelled */
#define I40E_PTYPE_IPV4_IPV4_BASE 29           /* IPv4 in IPv4 (protocol 4) */
#define I40E_PTYPE_IPV4_IPV6_BASE 36           /* IPv6 in IPv4 (protocol 41) */
#define I40E_PTYPE_IPV4_GRENAT 43              /* GRE/NAT, nothing known inside */
#define I40E_PTYPE_IPV4_GRENAT_IPV4_BASE 44
#define I40E_PTYPE_IPV4_GRENAT_IPV6_BASE 51
#define I40E_PTYPE_IPV4_GRENAT_MAC 58          /* an Ethernet frame inside */
#define I40E_PTYPE_IPV4_GRENAT_MAC_IPV4_BASE 59
#define I40E_PTYPE_IPV4_GRENAT_MAC_IPV6_BASE 66
#define I40E_PTYPE_IPV4_GRENAT_MACVLAN 73      /* a VLAN-tagged frame inside */
#define I40E_PTYPE_IPV4_GRENAT_MACVLAN_IPV4_BASE 74
#define I40E_PTYPE_IPV4_GRENAT_MACVLAN_IPV6_BASE 81
#define I40E_PTYPE_IPV6_BASE 88                /* IPv6, not tunnelled */
#define I40E_PTYPE_OUTER_IPV6_DELTA 66         /* 29..87 under IPv6: 95..153 */
#define I40E_PTYPE_NSH 154                     /* NSH; 155..166: NSH with IPv4, IPv6 */

#define I40E_PTYPE_IPV4_FRAG (I40E_PTYPE_IPV4_BASE + I40E_PTYPE_L4_FRAG)
#define I40E_PTYPE_IPV4_PAY3 (I40E_PTYPE_IPV4_BASE + I40E_PTYPE_L4_PAY3)
#define I40E_PTYPE_IPV4_UDP (I40E_PTYPE_IPV4_BASE + I40E_PTYPE_L4_UDP)
#define I40E_PTYPE_IPV4_TCP (I40E_PTYPE_IPV4_BASE + I40E_PTYPE_L4_TCP)
#define I40E_PTYPE_IPV4_SCTP (I40E_PTYPE_IPV4_BASE + I40E_PTYPE_L4_SCTP)
#define I40E_PTYPE_IPV4_ICMP (I40E_PTYPE_IPV4_BASE + I40E_PTYPE_L4_ICMP)
#define I40E_PTYPE_IPV6_FRAG (I40E_PTYPE_IPV6_BASE + I40E_PTYPE_L4_FRAG)
#define I40E_PTYPE_IPV6_PAY3 (I40E_PTYPE_IPV6_BASE + I40E_PTYPE_L4_PAY3)
#define I40E_PTYPE_IPV6_UDP (I40E_PTYPE_IPV6_BASE + I40E_PTYPE_L4_UDP)
#define I40E_PTYPE_IPV6_TCP (I40E_PTYPE_IPV6_BASE + I40E_PTYPE_L4_TCP)
#define I40E_PTYPE_IPV6_SCTP (I40E_PTYPE_IPV6_BASE + I40E_PTYPE_L4_SCTP)
#define I40E_PTYPE_IPV6_ICMP (I40E_PTYPE_IPV6_BASE + I40E_PTYPE_L4_ICMP)

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
