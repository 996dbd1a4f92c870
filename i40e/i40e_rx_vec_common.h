/* SPDX-License-Identifier: BSD-3-Clause
 * What the vector receive paths share: the 128-bit one (i40e_rx_vec.c
 * with i40e_rx_vec_sse.h or i40e_rx_vec_neon.h) and the 256-bit one
 * (i40e_rx_vec_avx2.c). The descriptor-to-mbuf byte tables are here once,
 * for every SIMD flavour; the slow parts (refill, the per-descriptor
 * mapping of unusual groups, dropping lost frames, chaining scattered
 * ones) are functions of i40e_rx_vec.c that every flavour calls.
 */
#ifndef RTEMEM_I40E_RX_VEC_COMMON_H
#define RTEMEM_I40E_RX_VEC_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_mbuf.h>

#include "i40e_ethdev.h"
#include "i40e_rxd.h"

#define DESCS_PER_LOOP 4
#define REARM_THRESH 32
#define VEC_BURST 32
/* gcc -O2 does not always unroll the loops over the four of a group */
#define VEC_UNROLL _Pragma("GCC unroll 8")

/* The group layouts of the SIMD mapping: whether all of a group carry an
 * RSS hash, and a stripped VLAN tag. */
#define VEC_L_RSS 1u
#define VEC_L_VLAN 2u
/* The status/error bits the flags come from, in a status dword: L2TAG1P,
 * FLM and FLTSTAT, IPE, L4E and EIPE. */
#define VEC_FLM_BIT I40E_RX_DESC_STATUS_FLM
#define VEC_IPE_BIT (I40E_RXD_QW1_ERROR_SHIFT + I40E_RX_DESC_ERROR_IPE)
#define VEC_FLAG_BITS (I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_L2TAG1P) | \
		       (0x7ULL << VEC_FLM_BIT) | (0x7ULL << VEC_IPE_BIT))

/*
 * One byte shuffle per layout (VEC_L_*): which descriptor bytes go where
 * in the 16 bytes stored from rx_descriptor_fields1 (RSS: packet_type,
 * pkt_len, data_len, vlan_tci, hash.rss) or from 4 bytes before it (no
 * RSS: the high half of ol_flags, which is 0, then packet_type, pkt_len,
 * data_len, vlan_tci; hash.rss is left as it was, as the scalar path
 * leaves it). After the length shift, descriptor bytes 2-3 are L2TAG1,
 * 4-7 the RSS hash and 14-15 the buffer length. 0xff makes a zero byte
 * (pshufb looks at bit 7, Neon's tbl at any index past 15); packet_type
 * is stored apart, from the ptype table.
 */
#define Z 0xff
static const uint8_t vec_shuf[4][16] __rte_aligned(16) = {
	[0] = { Z, Z, Z, Z, Z, Z, Z, Z, 14, 15, Z, Z, 14, 15, Z, Z },
	[VEC_L_RSS] = { Z, Z, Z, Z, 14, 15, Z, Z, 14, 15, Z, Z, 4, 5, 6, 7 },
	[VEC_L_VLAN] = { Z, Z, Z, Z, Z, Z, Z, Z, 14, 15, Z, Z, 14, 15, 2, 3 },
	[VEC_L_RSS | VEC_L_VLAN] = { Z, Z, Z, Z, 14, 15, Z, Z, 14, 15, 2, 3, 4, 5, 6, 7 },
};
#undef Z

/*
 * The byte shuffles of the fast mappings (the 128-bit vec_map4, the AVX2
 * fast loop), in place of vec_shuf: the source holds qword0 of a
 * descriptor (L2TAG1 in bytes 2-3, the RSS hash in 4-7), then its
 * packet_type (8-11) and its length less trim (12-13), so that one
 * shuffle makes the 16 bytes stored.
 */
#define Z 0xff
static const uint8_t vec_shuf_pt[4][16] __rte_aligned(16) = {
	[0] = { Z, Z, Z, Z, 8, 9, 10, 11, 12, 13, Z, Z, 12, 13, Z, Z },
	[VEC_L_RSS] = { 8, 9, 10, 11, 12, 13, Z, Z, 12, 13, Z, Z, 4, 5, 6, 7 },
	[VEC_L_VLAN] = { Z, Z, Z, Z, 8, 9, 10, 11, 12, 13, Z, Z, 12, 13, 2, 3 },
	[VEC_L_RSS | VEC_L_VLAN] = { 8, 9, 10, 11, 12, 13, Z, Z, 12, 13, 2, 3, 4, 5, 6, 7 },
};
#undef Z

/* The two length words of each layout (pkt_len's low half, data_len):
 * where the FCS is taken off, and of which only 14 bits are kept (the two
 * above are the header buffer's length). */
static const uint16_t vec_lenpos[4][8] __rte_aligned(16) = {
	[0] = { 0, 0, 0, 0, 0xffff, 0, 0xffff, 0 },
	[VEC_L_RSS] = { 0, 0, 0xffff, 0, 0xffff, 0, 0, 0 },
	[VEC_L_VLAN] = { 0, 0, 0, 0, 0xffff, 0, 0xffff, 0 },
	[VEC_L_RSS | VEC_L_VLAN] = { 0, 0, 0xffff, 0, 0xffff, 0, 0, 0 },
};

/*
 * The ol_flags of a descriptor, from three 16-entry byte tables indexed
 * by bits of its status/error dword (a byte shuffle per table, one
 * descriptor per 32-bit lane; a table byte that the other bytes of a
 * lane index must be 0 so no lane picks up garbage, except the checksum
 * table's entry 0, masked off): L2TAG1P (bit 2) to the VLAN flags,
 * FLM | FLTSTAT << 1 to RSS/FDIR, IPE | L4E << 1 | EIPE << 2 to the
 * checksum flags, halved to fit a byte.
 */
static const uint8_t vec_vlan_tbl[16] __rte_aligned(16) = {
	[4] = RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED,
};
/* index: FLM | FLTSTAT << 1 */
static const uint8_t vec_rss_tbl[16] __rte_aligned(16) = {
	[1] = RTE_MBUF_F_RX_FDIR, [3] = RTE_MBUF_F_RX_FDIR, [5] = RTE_MBUF_F_RX_FDIR,
	[6] = RTE_MBUF_F_RX_RSS_HASH, [7] = RTE_MBUF_F_RX_RSS_HASH | RTE_MBUF_F_RX_FDIR,
};
/* index: IPE | L4E << 1 | EIPE << 2; the flags halved to fit a byte */
#define CK(ip, l4, outer) (uint8_t)(((ip) | (l4) | (outer)) >> 1)
static const uint8_t vec_cksum_tbl[16] __rte_aligned(16) = {
	CK(RTE_MBUF_F_RX_IP_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_GOOD, 0),
	CK(RTE_MBUF_F_RX_IP_CKSUM_BAD, RTE_MBUF_F_RX_L4_CKSUM_GOOD, 0),
	CK(RTE_MBUF_F_RX_IP_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_BAD, 0),
	CK(RTE_MBUF_F_RX_IP_CKSUM_BAD, RTE_MBUF_F_RX_L4_CKSUM_BAD, 0),
	CK(RTE_MBUF_F_RX_IP_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_GOOD,
	   RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD),
	CK(RTE_MBUF_F_RX_IP_CKSUM_BAD, RTE_MBUF_F_RX_L4_CKSUM_GOOD,
	   RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD),
	CK(RTE_MBUF_F_RX_IP_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_BAD,
	   RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD),
	CK(RTE_MBUF_F_RX_IP_CKSUM_BAD, RTE_MBUF_F_RX_L4_CKSUM_BAD,
	   RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD),
};
#undef CK

/* Where a layout's 16 bytes go in the mbuf. */
static inline ptrdiff_t vec_fields_at(unsigned int layout)
{
	return (ptrdiff_t)offsetof(struct rte_mbuf, rx_descriptor_fields1) -
	       (layout & VEC_L_RSS ? 0 : 4);
}

#ifndef RTE_LIBRTE_I40E_16BYTE_RX_DESC
/* Non-zero if one of n done descriptors carries a second VLAN tag. Not
 * volatile, so that gcc ORs straight from memory: the descriptors are
 * done, the device no longer writes them. */
static __rte_always_inline uint64_t i40e_rx_vec_l2tag2(volatile union i40e_rx_desc *rxdp,
						       unsigned int n)
{
	const union i40e_rx_desc *d = (const union i40e_rx_desc *)(uintptr_t)rxdp;
	uint64_t qw2 = 0;

	VEC_UNROLL
	for (unsigned int j = 0; j < n; j++)
		qw2 |= d[j].wb.qword2;
	return qw2 & rte_cpu_to_le_64(1ULL << I40E_RX_DESC_EXT_STATUS_L2TAG2P);
}
#endif

/*
 * The layout (VEC_L_*) of a group of n done descriptors, from the AND
 * and the OR of their qword1s; -1 if the group is not for the SIMD
 * mapping: RXE, a flow director match, a second VLAN tag (only the
 * 32-byte ones carry it, in qword2), or not all alike in RSS hash and
 * stripped tag.
 */
static __rte_always_inline int i40e_rx_vec_layout(volatile union i40e_rx_desc *rxdp, unsigned int n,
				     uint64_t all, uint64_t any)
{
	const uint64_t fltstat = I40E_RX_DESC_STATUS_FLTSTAT_MASK <<
				 (I40E_RXD_QW1_STATUS_SHIFT + I40E_RX_DESC_STATUS_FLTSTAT_SHIFT);
	const uint64_t tag1 = I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_L2TAG1P);
	unsigned int layout = 0;

	if (any & (I40E_RXD_ERROR_BIT(I40E_RX_DESC_ERROR_RXE) |
		   I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_FLM)))
		return -1;
#ifndef RTE_LIBRTE_I40E_16BYTE_RX_DESC
	if (i40e_rx_vec_l2tag2(rxdp, n))
		return -1;
#else
	(void)rxdp;
	(void)n;
#endif
	if ((all & fltstat) == fltstat)
		layout |= VEC_L_RSS;
	else if (any & fltstat)
		return -1;
	if (all & tag1)
		layout |= VEC_L_VLAN;
	else if (any & tag1)
		return -1;
	return (int)layout;
}

/*
 * The quick form of i40e_rx_vec_layout for a burst's usual groups: the
 * status bits (all in the low dword of qword1) that decide the layout and
 * whether the SIMD mapping applies; the layout a burst is expected in (its
 * first descriptor's); the bits a descriptor of that layout has. A group
 * whose descriptors all have exactly those bits (and no second tag) is of
 * that layout.
 */
#define VEC_CHECK_MASK (I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_DD) | \
			I40E_RXD_ERROR_BIT(I40E_RX_DESC_ERROR_RXE) | \
			I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_FLM) | \
			(I40E_RX_DESC_STATUS_FLTSTAT_MASK << I40E_RX_DESC_STATUS_FLTSTAT_SHIFT) | \
			I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_L2TAG1P))

static inline unsigned int i40e_rx_vec_layout_of(uint64_t qw1)
{
	const uint64_t fltstat = I40E_RX_DESC_STATUS_FLTSTAT_MASK <<
				 (I40E_RXD_QW1_STATUS_SHIFT + I40E_RX_DESC_STATUS_FLTSTAT_SHIFT);

	return ((qw1 & fltstat) == fltstat ? VEC_L_RSS : 0) |
	       (qw1 & I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_L2TAG1P) ? VEC_L_VLAN : 0);
}

static inline uint64_t i40e_rx_vec_status_of(unsigned int layout)
{
	return I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_DD) |
	       (layout & VEC_L_RSS ? I40E_RX_DESC_STATUS_FLTSTAT_MASK <<
				     (I40E_RXD_QW1_STATUS_SHIFT +
				      I40E_RX_DESC_STATUS_FLTSTAT_SHIFT) : 0) |
	       (layout & VEC_L_VLAN ? I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_L2TAG1P) : 0);
}

/* i40e_rx_vec.c, for every flavour. */
/* Refill REARM_THRESH descriptors from rxrearm_start, then the tail. */
void i40e_rx_vec_rearm(struct i40e_rx_queue *rxq);
/* The first n of a group of done descriptors with the scalar mapping;
 * returns the lengths' sum, *errs gets bit pos + j for an RXE one. */
uint64_t i40e_rx_vec_map_group(const struct i40e_rx_queue *rxq, volatile union i40e_rx_desc *rxdp,
			       const struct i40e_rx_entry *rxep, unsigned int n, uint8_t trim,
			       uint16_t pos, uint32_t *errs);
/* Drop the one-buffer frames with a bit in errs (RXE); returns those kept. */
uint16_t i40e_rx_vec_drop_lost(struct i40e_rx_queue *rxq, struct rte_mbuf **rx_pkts,
			       uint16_t nb_rx, uint32_t errs);
/* Chain buffers into frames by the eop bits, in place; returns the frames. */
uint16_t i40e_rx_vec_reassemble(struct i40e_rx_queue *rxq, struct rte_mbuf **bufs,
				uint16_t nb_bufs, uint32_t eop, uint32_t errs);

#endif
