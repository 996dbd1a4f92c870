/* SPDX-License-Identifier: BSD-3-Clause
 * IPv4 and IPv6 headers and the Internet checksum (RFC 1071) over them, as
 * DPDK 22.11's rte_ip.h: same layouts, constants and results, including
 * the values returned for invalid arguments.
 *
 * Sums are built in host order over 16-bit words loaded as they lie in
 * memory; one's-complement addition commutes with byte swapping (RFC 1071
 * section 2(B)), so the folded result, stored back the same way, is the
 * checksum in network order on either endianness.
 */
#ifndef RTEMEM_RTE_IP_H
#define RTEMEM_RTE_IP_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <netinet/ip.h>
#include <netinet/ip6.h>

#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_mbuf.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_ipv4_hdr {
	__extension__ union {
		uint8_t version_ihl;   /* version (high nibble), header words (low) */
		__extension__ struct {
#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN
			uint8_t ihl : 4;
			uint8_t version : 4;
#else
			uint8_t version : 4;
			uint8_t ihl : 4;
#endif
		};
	};
	uint8_t type_of_service;
	rte_be16_t total_length;   /* header and payload */
	rte_be16_t packet_id;
	rte_be16_t fragment_offset; /* flags and offset, see RTE_IPV4_HDR_*_FLAG */
	uint8_t time_to_live;
	uint8_t next_proto_id;
	rte_be16_t hdr_checksum;
	rte_be32_t src_addr;
	rte_be32_t dst_addr;
} __rte_packed;

/*
 * a.b.c.d as a host-order address. Each byte is made unsigned before it is
 * shifted: DPDK shifts an int and casts after, undefined for a >= 128.
 */
#define RTE_IPV4(a, b, c, d) ((((uint32_t)(a) & 0xff) << 24) | (((uint32_t)(b) & 0xff) << 16) | \
			      (((uint32_t)(c) & 0xff) << 8) | ((uint32_t)(d) & 0xff))

#define RTE_IPV4_MAX_PKT_LEN 65535

#define RTE_IPV4_HDR_IHL_MASK (0x0f)
#define RTE_IPV4_IHL_MULTIPLIER (4) /* ihl counts 32-bit words */

#define RTE_IPV4_HDR_DSCP_MASK (0xfc)
#define RTE_IPV4_HDR_ECN_MASK (0x03)
#define RTE_IPV4_HDR_ECN_CE RTE_IPV4_HDR_ECN_MASK

/* fragment_offset, host order: DF and MF flags, then the offset in 8-byte units. */
#define RTE_IPV4_HDR_DF_SHIFT 14
#define RTE_IPV4_HDR_MF_SHIFT 13
#define RTE_IPV4_HDR_FO_SHIFT 3
#define RTE_IPV4_HDR_DF_FLAG (1 << RTE_IPV4_HDR_DF_SHIFT)
#define RTE_IPV4_HDR_MF_FLAG (1 << RTE_IPV4_HDR_MF_SHIFT)
#define RTE_IPV4_HDR_OFFSET_MASK ((1 << RTE_IPV4_HDR_MF_SHIFT) - 1)
#define RTE_IPV4_HDR_OFFSET_UNITS 8

/* Options (RFC 791) */
#define RTE_IPV4_HDR_OPT_EOL 0
#define RTE_IPV4_HDR_OPT_NOP 1
#define RTE_IPV4_HDR_OPT_COPIED(v) ((v) & 0x80)
#define RTE_IPV4_HDR_OPT_MAX_LEN 40

/*
 * Well-known host-order addresses. RTE_IPV4_BROADCAST is 224.0.0.0, not
 * 255.255.255.255: DPDK 22.11 defines it so, and programs compare against it.
 */
#define RTE_IPV4_ANY ((uint32_t)0x00000000)
#define RTE_IPV4_LOOPBACK ((uint32_t)0x7f000001)
#define RTE_IPV4_BROADCAST ((uint32_t)0xe0000000)
#define RTE_IPV4_ALLHOSTS_GROUP ((uint32_t)0xe0000001)
#define RTE_IPV4_ALLRTRS_GROUP ((uint32_t)0xe0000002)
#define RTE_IPV4_MAX_LOCAL_GROUP ((uint32_t)0xe00000ff)

#define RTE_IPV4_MIN_MCAST RTE_IPV4(224, 0, 0, 0)
#define RTE_IPV4_MAX_MCAST RTE_IPV4(239, 255, 255, 255)
#define RTE_IS_IPV4_MCAST(x) ((x) >= RTE_IPV4_MIN_MCAST && (x) <= RTE_IPV4_MAX_MCAST)

#define RTE_IPV4_MIN_IHL (0x5)
#define RTE_IPV4_VHL_DEF ((IPVERSION << 4) | RTE_IPV4_MIN_IHL)

/* Header length in bytes, options included. */
static inline uint8_t rte_ipv4_hdr_len(const struct rte_ipv4_hdr *ipv4_hdr)
{
	return (uint8_t)((ipv4_hdr->version_ihl & RTE_IPV4_HDR_IHL_MASK) *
			 RTE_IPV4_IHL_MULTIPLIER);
}

/*
 * sum plus the 16-bit words of buf, unfolded. An odd last byte counts as a
 * word whose other byte is zero, placed as it would lie in memory: the byte
 * is copied into the first byte of a zeroed word, so the same code is right
 * for either endianness. memcpy because buf need not be 2-byte aligned.
 */
static inline uint32_t __rte_raw_cksum(const void *buf, size_t len, uint32_t sum)
{
	const uint8_t *p = (const uint8_t *)buf;
	size_t i;

	for (i = 0; i + 1 < len; i += 2) {
		uint16_t word;

		memcpy(&word, p + i, sizeof(word));
		sum += word;
	}
	if (len & 1) {
		uint16_t last = 0;

		memcpy(&last, p + len - 1, 1);
		sum += last;
	}
	return sum;
}

/* Folds the carries back in (twice: the first fold can carry once more). */
static inline uint16_t __rte_raw_cksum_reduce(uint32_t sum)
{
	sum = (sum >> 16) + (sum & 0xffff);
	sum = (sum >> 16) + (sum & 0xffff);
	return (uint16_t)sum;
}

/*
 * The one's-complement sum of buf, not complemented. As DPDK, the 32-bit
 * accumulator is not widened: buffers past about 128 KiB of 0xff bytes
 * would overflow it, far beyond any IP packet.
 */
static inline uint16_t rte_raw_cksum(const void *buf, size_t len)
{
	return __rte_raw_cksum_reduce(__rte_raw_cksum(buf, len, 0));
}

/*
 * rte_raw_cksum of len bytes at off in a chained mbuf, into *cksum; 0, or -1
 * (*cksum untouched) when off + len passes the packet's end.
 *
 * A segment that starts at an odd offset of the range has its words
 * byte-swapped relative to the range's, so its sum is swapped before being
 * added. DPDK 22.11 truncates that segment's unfolded sum to 16 bits before
 * swapping, dropping its carries; the result differs from the true sum
 * whenever such a segment's words sum past 0xffff. Kept, so that results
 * match DPDK's on the same mbufs.
 */
static inline int rte_raw_cksum_mbuf(const struct rte_mbuf *m, uint32_t off, uint32_t len,
				     uint16_t *cksum)
{
	const struct rte_mbuf *seg;
	uint32_t sum = 0, done = 0;

	if (off + len <= rte_pktmbuf_data_len(m)) {
		*cksum = rte_raw_cksum(rte_pktmbuf_mtod_offset(m, const char *, off), len);
		return 0;
	}
	if (off + len > rte_pktmbuf_pkt_len(m))
		return -1;
	for (seg = m; seg != NULL && off >= rte_pktmbuf_data_len(seg); seg = seg->next)
		off -= rte_pktmbuf_data_len(seg);
	if (seg == NULL)
		return -1;
	while (done < len) {
		uint32_t seglen = rte_pktmbuf_data_len(seg) - off;
		uint32_t part;

		if (seglen > len - done)
			seglen = len - done;
		part = __rte_raw_cksum(rte_pktmbuf_mtod_offset(seg, const char *, off), seglen, 0);
		if (done & 1)
			part = rte_bswap16((uint16_t)part);
		sum += part;
		done += seglen;
		off = 0;
		seg = seg->next;
		if (seg == NULL && done < len)
			return -1; /* a chain shorter than its pkt_len */
	}
	*cksum = __rte_raw_cksum_reduce(sum);
	return 0;
}

/* The header checksum to store in hdr_checksum (computed with it at 0). */
static inline uint16_t rte_ipv4_cksum(const struct rte_ipv4_hdr *ipv4_hdr)
{
	return (uint16_t)~rte_raw_cksum(ipv4_hdr, rte_ipv4_hdr_len(ipv4_hdr));
}

/*
 * Sum of the pseudo-header (RFC 793/768): addresses, protocol and L4
 * length, not complemented; what a NIC's L4 checksum offload expects in the
 * checksum field. With RTE_MBUF_F_TX_TCP_SEG the length is 0: the NIC adds
 * each segment's own.
 */
static inline uint16_t rte_ipv4_phdr_cksum(const struct rte_ipv4_hdr *ipv4_hdr,
					   uint64_t ol_flags)
{
	uint16_t l4_len = 0;
	uint32_t sum;

	if (!(ol_flags & RTE_MBUF_F_TX_TCP_SEG))
		l4_len = (uint16_t)(rte_be_to_cpu_16(ipv4_hdr->total_length) -
				    rte_ipv4_hdr_len(ipv4_hdr));
	sum = __rte_raw_cksum(&ipv4_hdr->src_addr, 2 * sizeof(rte_be32_t), 0);
	sum += rte_cpu_to_be_16((uint16_t)ipv4_hdr->next_proto_id);
	sum += rte_cpu_to_be_16(l4_len);
	return __rte_raw_cksum_reduce(sum);
}

/* Folded sum of pseudo-header and L4 data; 0 if total_length < header length. */
static inline uint16_t __rte_ipv4_udptcp_cksum(const struct rte_ipv4_hdr *ipv4_hdr,
					       const void *l4_hdr)
{
	uint32_t l3_len = rte_be_to_cpu_16(ipv4_hdr->total_length);
	uint32_t hdr_len = rte_ipv4_hdr_len(ipv4_hdr);
	uint32_t sum;

	if (l3_len < hdr_len)
		return 0;
	sum = (uint32_t)rte_raw_cksum(l4_hdr, l3_len - hdr_len) + rte_ipv4_phdr_cksum(ipv4_hdr, 0);
	return (uint16_t)((sum >> 16) + (sum & 0xffff));
}

/*
 * The complement to store in a UDP or TCP header (its checksum field at 0).
 * UDP sends a computed 0 as 0xffff (RFC 768), 0 meaning "no checksum".
 */
static inline uint16_t __rte_udptcp_cksum_final(uint16_t sum, uint8_t proto)
{
	uint16_t cksum = (uint16_t)~sum;

	if (cksum == 0 && proto == IPPROTO_UDP)
		cksum = 0xffff;
	return cksum;
}

static inline uint16_t rte_ipv4_udptcp_cksum(const struct rte_ipv4_hdr *ipv4_hdr,
					     const void *l4_hdr)
{
	return __rte_udptcp_cksum_final(__rte_ipv4_udptcp_cksum(ipv4_hdr, l4_hdr),
					ipv4_hdr->next_proto_id);
}

/* As __rte_ipv4_udptcp_cksum for L4 data at l4_off in m; 0 if out of range. */
static inline uint16_t __rte_ipv4_udptcp_cksum_mbuf(const struct rte_mbuf *m,
						    const struct rte_ipv4_hdr *ipv4_hdr,
						    uint16_t l4_off)
{
	uint16_t raw;
	uint16_t l4_len;
	uint32_t sum;

	if (l4_off > m->pkt_len)
		return 0;
	/* 16-bit as DPDK: a total_length below the header length wraps. */
	l4_len = (uint16_t)(rte_be_to_cpu_16(ipv4_hdr->total_length) -
			    rte_ipv4_hdr_len(ipv4_hdr));
	if (rte_raw_cksum_mbuf(m, l4_off, l4_len, &raw) != 0)
		return 0;
	sum = (uint32_t)raw + rte_ipv4_phdr_cksum(ipv4_hdr, 0);
	return (uint16_t)((sum >> 16) + (sum & 0xffff));
}

static inline uint16_t rte_ipv4_udptcp_cksum_mbuf(const struct rte_mbuf *m,
						  const struct rte_ipv4_hdr *ipv4_hdr,
						  uint16_t l4_off)
{
	return __rte_udptcp_cksum_final(__rte_ipv4_udptcp_cksum_mbuf(m, ipv4_hdr, l4_off),
					ipv4_hdr->next_proto_id);
}

/*
 * 0 if the L4 checksum, field included, sums to 0xffff; else -1. A UDP
 * checksum of 0 (none sent) fails too: callers check for it first, as in DPDK.
 */
static inline int rte_ipv4_udptcp_cksum_verify(const struct rte_ipv4_hdr *ipv4_hdr,
					       const void *l4_hdr)
{
	return __rte_ipv4_udptcp_cksum(ipv4_hdr, l4_hdr) == 0xffff ? 0 : -1;
}

static inline int rte_ipv4_udptcp_cksum_mbuf_verify(const struct rte_mbuf *m,
						    const struct rte_ipv4_hdr *ipv4_hdr,
						    uint16_t l4_off)
{
	return __rte_ipv4_udptcp_cksum_mbuf(m, ipv4_hdr, l4_off) == 0xffff ? 0 : -1;
}

struct rte_ipv6_hdr {
	rte_be32_t vtc_flow;    /* version 4 bits, traffic class 8, flow label 20 */
	rte_be16_t payload_len; /* after this header, extension headers included */
	uint8_t proto;          /* next header */
	uint8_t hop_limits;
	uint8_t src_addr[16];
	uint8_t dst_addr[16];
} __rte_packed;

/* vtc_flow, host order */
#define RTE_IPV6_HDR_FL_SHIFT 0
#define RTE_IPV6_HDR_TC_SHIFT 20
#define RTE_IPV6_HDR_FL_MASK ((1u << RTE_IPV6_HDR_TC_SHIFT) - 1)
#define RTE_IPV6_HDR_TC_MASK (0xff << RTE_IPV6_HDR_TC_SHIFT)
#define RTE_IPV6_HDR_DSCP_MASK (0xfc << RTE_IPV6_HDR_TC_SHIFT)
#define RTE_IPV6_HDR_ECN_MASK (0x03 << RTE_IPV6_HDR_TC_SHIFT)
#define RTE_IPV6_HDR_ECN_CE RTE_IPV6_HDR_ECN_MASK

#define RTE_IPV6_MIN_MTU 1280 /* RFC 8200 */

/*
 * Sum of the IPv6 pseudo-header (RFC 8200 section 8.1): addresses, the
 * 32-bit upper-layer length (0 under RTE_MBUF_F_TX_TCP_SEG) and next
 * header. payload_len stands for the upper-layer length, which is right
 * only without extension headers; DPDK does the same.
 */
static inline uint16_t rte_ipv6_phdr_cksum(const struct rte_ipv6_hdr *ipv6_hdr, uint64_t ol_flags)
{
	uint32_t sum;

	sum = __rte_raw_cksum(ipv6_hdr->src_addr, 2 * sizeof(ipv6_hdr->src_addr), 0);
	if (!(ol_flags & RTE_MBUF_F_TX_TCP_SEG))
		sum += ipv6_hdr->payload_len; /* the low half of a big-endian 32-bit length */
	sum += rte_cpu_to_be_16((uint16_t)ipv6_hdr->proto);
	return __rte_raw_cksum_reduce(sum);
}

static inline uint16_t __rte_ipv6_udptcp_cksum(const struct rte_ipv6_hdr *ipv6_hdr,
					       const void *l4_hdr)
{
	uint32_t sum = (uint32_t)rte_raw_cksum(l4_hdr, rte_be_to_cpu_16(ipv6_hdr->payload_len)) +
		       rte_ipv6_phdr_cksum(ipv6_hdr, 0);

	return (uint16_t)((sum >> 16) + (sum & 0xffff));
}

static inline uint16_t rte_ipv6_udptcp_cksum(const struct rte_ipv6_hdr *ipv6_hdr,
					     const void *l4_hdr)
{
	return __rte_udptcp_cksum_final(__rte_ipv6_udptcp_cksum(ipv6_hdr, l4_hdr), ipv6_hdr->proto);
}

static inline uint16_t __rte_ipv6_udptcp_cksum_mbuf(const struct rte_mbuf *m,
						    const struct rte_ipv6_hdr *ipv6_hdr,
						    uint16_t l4_off)
{
	uint16_t raw;
	uint32_t sum;

	if (l4_off > m->pkt_len)
		return 0;
	if (rte_raw_cksum_mbuf(m, l4_off, rte_be_to_cpu_16(ipv6_hdr->payload_len), &raw) != 0)
		return 0;
	sum = (uint32_t)raw + rte_ipv6_phdr_cksum(ipv6_hdr, 0);
	return (uint16_t)((sum >> 16) + (sum & 0xffff));
}

static inline uint16_t rte_ipv6_udptcp_cksum_mbuf(const struct rte_mbuf *m,
						  const struct rte_ipv6_hdr *ipv6_hdr,
						  uint16_t l4_off)
{
	return __rte_udptcp_cksum_final(__rte_ipv6_udptcp_cksum_mbuf(m, ipv6_hdr, l4_off),
					ipv6_hdr->proto);
}

static inline int rte_ipv6_udptcp_cksum_verify(const struct rte_ipv6_hdr *ipv6_hdr,
					       const void *l4_hdr)
{
	return __rte_ipv6_udptcp_cksum(ipv6_hdr, l4_hdr) == 0xffff ? 0 : -1;
}

static inline int rte_ipv6_udptcp_cksum_mbuf_verify(const struct rte_mbuf *m,
						    const struct rte_ipv6_hdr *ipv6_hdr,
						    uint16_t l4_off)
{
	return __rte_ipv6_udptcp_cksum_mbuf(m, ipv6_hdr, l4_off) == 0xffff ? 0 : -1;
}

/* Fragment extension header's frag_data, host order: offset in bytes (8-aligned) | M flag. */
#define RTE_IPV6_EHDR_MF_SHIFT 0
#define RTE_IPV6_EHDR_MF_MASK 1
#define RTE_IPV6_EHDR_FO_SHIFT 3
#define RTE_IPV6_EHDR_FO_MASK (~((1 << RTE_IPV6_EHDR_FO_SHIFT) - 1))
#define RTE_IPV6_EHDR_FO_ALIGN (1 << RTE_IPV6_EHDR_FO_SHIFT)
#define RTE_IPV6_FRAG_USED_MASK (RTE_IPV6_EHDR_MF_MASK | RTE_IPV6_EHDR_FO_MASK)
#define RTE_IPV6_GET_MF(x) ((x) & RTE_IPV6_EHDR_MF_MASK)
#define RTE_IPV6_GET_FO(x) ((x) >> RTE_IPV6_EHDR_FO_SHIFT)
#define RTE_IPV6_SET_FRAG_DATA(fo, mf) (((fo) & RTE_IPV6_EHDR_FO_MASK) | ((mf) & RTE_IPV6_EHDR_MF_MASK))

struct rte_ipv6_fragment_ext {
	uint8_t next_header;
	uint8_t reserved;
	rte_be16_t frag_data;
	rte_be32_t id;
} __rte_packed;

#define RTE_IPV6_FRAG_HDR_SIZE sizeof(struct rte_ipv6_fragment_ext)

/*
 * For the extension header at p of type proto: its next header, with its
 * length in *ext_len; -EINVAL (*ext_len untouched) if proto is not an
 * extension header this walks (hop-by-hop, routing, destination options,
 * fragment, AH). AH counts its length in 32-bit words less 2 (RFC 4302),
 * the others in 64-bit words less 1 (RFC 8200).
 */
static inline int rte_ipv6_get_next_ext(const uint8_t *p, int proto, size_t *ext_len)
{
	switch (proto) {
	case IPPROTO_AH:
		*ext_len = ((size_t)p[1] + 2) * sizeof(uint32_t);
		return p[0];
	case IPPROTO_HOPOPTS:
	case IPPROTO_ROUTING:
	case IPPROTO_DSTOPTS:
		*ext_len = ((size_t)p[1] + 1) * sizeof(uint64_t);
		return p[0];
	case IPPROTO_FRAGMENT:
		*ext_len = RTE_IPV6_FRAG_HDR_SIZE;
		return p[0];
	default:
		return -EINVAL;
	}
}

#ifdef __cplusplus
}
#endif

#endif
