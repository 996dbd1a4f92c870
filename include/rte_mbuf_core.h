/* SPDX-License-Identifier: BSD-3-Clause
 * struct rte_mbuf and its offload flags, laid out exactly as in DPDK 22.11
 * (built with IOVA as PA): drivers write the rx fields by offset, and
 * vector code writes rearm_data (data_off, refcnt, nb_segs, port) as one
 * 64-bit store.
 */
#ifndef RTEMEM_RTE_MBUF_CORE_H
#define RTEMEM_RTE_MBUF_CORE_H

#include <stddef.h>
#include <stdint.h>

#include <rte_bitops.h>
#include <rte_common.h>
#include <rte_config.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- rx offload flags (ol_flags) ---- */
#define RTE_MBUF_F_RX_VLAN (1ULL << 0)           /* vlan_tci is valid */
#define RTE_MBUF_F_RX_RSS_HASH (1ULL << 1)       /* hash.rss is valid */
#define RTE_MBUF_F_RX_FDIR (1ULL << 2)           /* flow director matched */
#define RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD (1ULL << 5)
#define RTE_MBUF_F_RX_VLAN_STRIPPED (1ULL << 6)  /* the vlan tag was removed */

#define RTE_MBUF_F_RX_IP_CKSUM_MASK ((1ULL << 4) | (1ULL << 7))
#define RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN 0
#define RTE_MBUF_F_RX_IP_CKSUM_BAD (1ULL << 4)
#define RTE_MBUF_F_RX_IP_CKSUM_GOOD (1ULL << 7)
#define RTE_MBUF_F_RX_IP_CKSUM_NONE ((1ULL << 4) | (1ULL << 7))

#define RTE_MBUF_F_RX_L4_CKSUM_MASK ((1ULL << 3) | (1ULL << 8))
#define RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN 0
#define RTE_MBUF_F_RX_L4_CKSUM_BAD (1ULL << 3)
#define RTE_MBUF_F_RX_L4_CKSUM_GOOD (1ULL << 8)
#define RTE_MBUF_F_RX_L4_CKSUM_NONE ((1ULL << 3) | (1ULL << 8))

#define RTE_MBUF_F_RX_IEEE1588_PTP (1ULL << 9)
#define RTE_MBUF_F_RX_IEEE1588_TMST (1ULL << 10)
#define RTE_MBUF_F_RX_FDIR_ID (1ULL << 13)
#define RTE_MBUF_F_RX_FDIR_FLX (1ULL << 14)
#define RTE_MBUF_F_RX_QINQ_STRIPPED (1ULL << 15)
#define RTE_MBUF_F_RX_LRO (1ULL << 16)
#define RTE_MBUF_F_RX_SEC_OFFLOAD (1ULL << 18)
#define RTE_MBUF_F_RX_SEC_OFFLOAD_FAILED (1ULL << 19)
#define RTE_MBUF_F_RX_QINQ (1ULL << 20)

#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK ((1ULL << 21) | (1ULL << 22))
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_UNKNOWN 0
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_BAD (1ULL << 21)
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD (1ULL << 22)
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_INVALID ((1ULL << 21) | (1ULL << 22))

/* Bits 23..40 are free for dynamic flags in DPDK. */
#define RTE_MBUF_F_FIRST_FREE (1ULL << 23)
#define RTE_MBUF_F_LAST_FREE (1ULL << 40)

/* ---- tx offload flags (named for applications; rtemem has no tx path) ---- */
#define RTE_MBUF_F_TX_OUTER_UDP_CKSUM (1ULL << 41)
#define RTE_MBUF_F_TX_UDP_SEG (1ULL << 42)
#define RTE_MBUF_F_TX_SEC_OFFLOAD (1ULL << 43)
#define RTE_MBUF_F_TX_MACSEC (1ULL << 44)

/* Tunnel type of a tx packet: a 4-bit value at bit 45, not a set of flags. */
#define RTE_MBUF_F_TX_TUNNEL_VXLAN (0x1ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_GRE (0x2ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_IPIP (0x3ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_GENEVE (0x4ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_MPLSINUDP (0x5ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_VXLAN_GPE (0x6ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_GTP (0x7ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_ESP (0x8ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_IP (0xDULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_UDP (0xEULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_MASK (0xFULL << 45)

#define RTE_MBUF_F_TX_QINQ (1ULL << 49)
#define RTE_MBUF_F_TX_TCP_SEG (1ULL << 50)
#define RTE_MBUF_F_TX_IEEE1588_TMST (1ULL << 51)
#define RTE_MBUF_F_TX_L4_NO_CKSUM (0ULL << 52)
#define RTE_MBUF_F_TX_TCP_CKSUM (1ULL << 52)
#define RTE_MBUF_F_TX_SCTP_CKSUM (2ULL << 52)
#define RTE_MBUF_F_TX_UDP_CKSUM (3ULL << 52)
#define RTE_MBUF_F_TX_L4_MASK (3ULL << 52)
#define RTE_MBUF_F_TX_IP_CKSUM (1ULL << 54)
#define RTE_MBUF_F_TX_IPV4 (1ULL << 55)
#define RTE_MBUF_F_TX_IPV6 (1ULL << 56)
#define RTE_MBUF_F_TX_VLAN (1ULL << 57)
#define RTE_MBUF_F_TX_OUTER_IP_CKSUM (1ULL << 58)
#define RTE_MBUF_F_TX_OUTER_IPV4 (1ULL << 59)
#define RTE_MBUF_F_TX_OUTER_IPV6 (1ULL << 60)

/* Every tx offload bit an application may set. */
#define RTE_MBUF_F_TX_OFFLOAD_MASK                                                      \
	(RTE_MBUF_F_TX_OUTER_IPV6 | RTE_MBUF_F_TX_OUTER_IPV4 | RTE_MBUF_F_TX_OUTER_IP_CKSUM | \
	 RTE_MBUF_F_TX_VLAN | RTE_MBUF_F_TX_IPV6 | RTE_MBUF_F_TX_IPV4 |                     \
	 RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_L4_MASK | RTE_MBUF_F_TX_IEEE1588_TMST |     \
	 RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_QINQ | RTE_MBUF_F_TX_TUNNEL_MASK |           \
	 RTE_MBUF_F_TX_MACSEC | RTE_MBUF_F_TX_SEC_OFFLOAD | RTE_MBUF_F_TX_UDP_SEG |          \
	 RTE_MBUF_F_TX_OUTER_UDP_CKSUM)

/* The buffer is external, described by m->shinfo (rte_pktmbuf_attach_extbuf). */
#define RTE_MBUF_F_EXTERNAL (1ULL << 61)
/* The mbuf points into another mbuf's buffer (rte_pktmbuf_attach, _clone). */
#define RTE_MBUF_F_INDIRECT (1ULL << 62)

/* The private area after struct rte_mbuf is a multiple of this. */
#define RTE_MBUF_PRIV_ALIGN 8

/* "No port" value of m->port. */
#define RTE_MBUF_PORT_INVALID UINT16_MAX

#define RTE_MBUF_MAX_NB_SEGS UINT16_MAX

/* Data room of a default mbuf, and buffer size with the headroom added. */
#define RTE_MBUF_DEFAULT_DATAROOM 2048
#define RTE_MBUF_DEFAULT_BUF_SIZE (RTE_MBUF_DEFAULT_DATAROOM + RTE_PKTMBUF_HEADROOM)

/*
 * Widths and positions of the tx_offload bit-fields, for drivers that build
 * the 64-bit value at once (rte_mbuf_tx_offload). Little-endian layout, the
 * only one rtemem is built for.
 */
enum {
	RTE_MBUF_L2_LEN_BITS = 7,
	RTE_MBUF_L3_LEN_BITS = 9,
	RTE_MBUF_L4_LEN_BITS = 8,
	RTE_MBUF_TSO_SEGSZ_BITS = 16,
	RTE_MBUF_OUTL3_LEN_BITS = 9,
	RTE_MBUF_OUTL2_LEN_BITS = 7,
	RTE_MBUF_TXOFLD_UNUSED_BITS = 64 - 7 - 9 - 8 - 16 - 9 - 7,
	RTE_MBUF_L2_LEN_OFS = 0,
	RTE_MBUF_L3_LEN_OFS = RTE_MBUF_L2_LEN_OFS + RTE_MBUF_L2_LEN_BITS,
	RTE_MBUF_L4_LEN_OFS = RTE_MBUF_L3_LEN_OFS + RTE_MBUF_L3_LEN_BITS,
	RTE_MBUF_TSO_SEGSZ_OFS = RTE_MBUF_L4_LEN_OFS + RTE_MBUF_L4_LEN_BITS,
	RTE_MBUF_OUTL3_LEN_OFS = RTE_MBUF_TSO_SEGSZ_OFS + RTE_MBUF_TSO_SEGSZ_BITS,
	RTE_MBUF_OUTL2_LEN_OFS = RTE_MBUF_OUTL3_LEN_OFS + RTE_MBUF_OUTL3_LEN_BITS,
	RTE_MBUF_TXOFLD_UNUSED_OFS = RTE_MBUF_OUTL2_LEN_OFS + RTE_MBUF_OUTL2_LEN_BITS,
};

struct rte_mempool;

/* Called when the last mbuf attached to an external buffer lets go of it. */
typedef void (*rte_mbuf_extbuf_free_callback_t)(void *addr, void *opaque);

/* Shared by all mbufs attached to one external buffer. */
struct rte_mbuf_ext_shared_info {
	rte_mbuf_extbuf_free_callback_t free_cb;
	void *fcb_opaque;   /* free_cb's second argument */
	uint16_t refcnt;    /* attached mbufs; atomic through rte_mbuf_ext_refcnt_* */
};

/* Scheduler fields that share hash's 8 bytes. */
struct rte_mbuf_sched {
	uint32_t queue_id;
	uint8_t traffic_class;
	uint8_t color;
	uint16_t reserved;
};

/*
 * One packet segment. The buffer (buf_len bytes at buf_addr, IO address
 * buf_iova) follows the mbuf and its priv_size private bytes in the same
 * mempool object. Packet data starts data_off bytes into the buffer.
 */
struct rte_mbuf {
	RTE_MARKER cacheline0;

	void *buf_addr;          /* virtual address of the buffer */
	rte_iova_t buf_iova __rte_aligned(sizeof(rte_iova_t)); /* its IO address */

	/* The next 8 bytes are rewritten together when an rx descriptor is rearmed. */
	RTE_MARKER64 rearm_data;
	uint16_t data_off;       /* start of data in the buffer */
	uint16_t refcnt;         /* references; atomic through rte_mbuf_refcnt_* */
	uint16_t nb_segs;        /* segments in the chain (first segment only) */
	uint16_t port;           /* input port */

	uint64_t ol_flags;       /* RTE_MBUF_F_* */

	/* From here the rx path fills fields from the descriptor. */
	RTE_MARKER rx_descriptor_fields1;

	RTE_STD_C11 union {
		uint32_t packet_type; /* RTE_PTYPE_* */
		__extension__ struct {
			uint8_t l2_type : 4;
			uint8_t l3_type : 4;
			uint8_t l4_type : 4;
			uint8_t tun_type : 4;
			RTE_STD_C11 union {
				uint8_t inner_esp_next_proto;
				__extension__ struct {
					uint8_t inner_l2_type : 4;
					uint8_t inner_l3_type : 4;
				};
			};
			uint8_t inner_l4_type : 4;
		};
	};

	uint32_t pkt_len;        /* whole packet: sum of data_len of all segments */
	uint16_t data_len;       /* data in this segment */
	uint16_t vlan_tci;

	RTE_STD_C11 union {
		union {
			uint32_t rss;    /* RSS hash, valid with RTE_MBUF_F_RX_RSS_HASH */
			struct {
				union {
					struct {
						uint16_t hash;
						uint16_t id;
					};
					uint32_t lo;
				};
				uint32_t hi;
			} fdir;
			struct rte_mbuf_sched sched;
			struct {
				uint32_t reserved1;
				uint16_t reserved2;
				uint16_t txq;
			} txadapter;
			uint32_t usr;
		} hash;
	};

	uint16_t vlan_tci_outer;
	uint16_t buf_len;        /* size of the buffer */
	struct rte_mempool *pool; /* where the mbuf goes back to */

	/* Second cache line: slow path and tx. */
	RTE_MARKER cacheline1 __rte_aligned(RTE_CACHE_LINE_MIN_SIZE);

	struct rte_mbuf *next;   /* next segment, NULL on the last */

	RTE_STD_C11 union {
		uint64_t tx_offload;
		__extension__ struct {
			uint64_t l2_len : 7;
			uint64_t l3_len : 9;
			uint64_t l4_len : 8;
			uint64_t tso_segsz : 16;
			uint64_t outer_l3_len : 9;
			uint64_t outer_l2_len : 7;
		};
	};

	struct rte_mbuf_ext_shared_info *shinfo; /* the external buffer's, if any */
	uint16_t priv_size;      /* bytes of application data after the struct */
	uint16_t timesync;
	uint32_t dynfield1[9];   /* room for rte_mbuf_dyn fields */
} __rte_cache_aligned;

#define MBUF_INVALID_PORT RTE_MBUF_PORT_INVALID

/* Kinds of mbuf: pointing into another mbuf, into an external buffer, or neither. */
#define RTE_MBUF_CLONED(mb) ((mb)->ol_flags & RTE_MBUF_F_INDIRECT)
#define RTE_MBUF_HAS_EXTBUF(mb) ((mb)->ol_flags & RTE_MBUF_F_EXTERNAL)
#define RTE_MBUF_DIRECT(mb) (!((mb)->ol_flags & (RTE_MBUF_F_INDIRECT | RTE_MBUF_F_EXTERNAL)))

/* Packet data o bytes in (first segment only), as type t; and its IO address. */
#define rte_pktmbuf_mtod_offset(m, t, o) ((t)(void *)((char *)(m)->buf_addr + (m)->data_off + (o)))
#define rte_pktmbuf_mtod(m, t) rte_pktmbuf_mtod_offset(m, t, 0)
#define rte_pktmbuf_iova_offset(m, o) (rte_iova_t)((m)->buf_iova + (m)->data_off + (o))
#define rte_pktmbuf_iova(m) rte_pktmbuf_iova_offset(m, 0)

#ifdef __cplusplus
}
#endif

#endif
