/* SPDX-License-Identifier: BSD-3-Clause
 * What every receive path (scalar, bulk-alloc, vector) writes into an mbuf
 * from a descriptor's write-back words. One copy, shared, so the paths
 * cannot drift apart: the cross-path tests compare their mbufs field by
 * field, and this is why they agree.
 */
#ifndef RTEMEM_I40E_RX_FIELDS_H
#define RTEMEM_I40E_RX_FIELDS_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_branch_prediction.h>
#include <rte_mbuf.h>

#include "i40e_ethdev.h"
#include "i40e_rxd.h"

/*
 * Checksum flags from the error bits of the frame's last descriptor, as
 * DPDK 22.11's i40e maps them: no error among the low six bits, both
 * checksums good; otherwise each of IPE, L4E, EIPE makes its checksum bad,
 * and an IP or L4 checksum without its error bit is good.
 */
static inline uint64_t i40e_rx_cksum_flags(uint64_t qword1)
{
	const uint64_t err = (qword1 & I40E_RXD_QW1_ERROR_MASK) >> I40E_RXD_QW1_ERROR_SHIFT;
	uint64_t flags;

	if ((err & I40E_RX_DESC_ERROR_CSUM_BITS) == 0)
		return RTE_MBUF_F_RX_IP_CKSUM_GOOD | RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	flags = err & (1u << I40E_RX_DESC_ERROR_IPE) ? RTE_MBUF_F_RX_IP_CKSUM_BAD
						      : RTE_MBUF_F_RX_IP_CKSUM_GOOD;
	flags |= err & (1u << I40E_RX_DESC_ERROR_L4E) ? RTE_MBUF_F_RX_L4_CKSUM_BAD
						       : RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	if (err & (1u << I40E_RX_DESC_ERROR_EIPE))
		flags |= RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD;
	return flags;
}

/*
 * Stripped VLAN tags, as DPDK 22.11's i40e reads them: L2TAG1P gives one
 * tag (vlan_tci from L2TAG1); L2TAG2P, in 32-byte descriptors, says there
 * were two: then L2TAG1 held the outer one and L2TAG2_2 the inner one.
 * Both fields are always written, 0 without a tag.
 */
static inline uint64_t i40e_rx_vlan(struct rte_mbuf *m, uint64_t qword0, uint64_t qword1,
				    uint64_t qword2)
{
	uint64_t flags = 0;

	if (qword1 & I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_L2TAG1P)) {
		flags = RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED;
		m->vlan_tci = (uint16_t)(qword0 >> I40E_RXD_QW0_L2TAG1_SHIFT);
	} else {
		m->vlan_tci = 0;
	}
#ifndef RTE_LIBRTE_I40E_16BYTE_RX_DESC
	if (qword2 & (1ULL << I40E_RX_DESC_EXT_STATUS_L2TAG2P)) {
		flags |= RTE_MBUF_F_RX_QINQ_STRIPPED | RTE_MBUF_F_RX_QINQ |
			 RTE_MBUF_F_RX_VLAN_STRIPPED | RTE_MBUF_F_RX_VLAN;
		m->vlan_tci_outer = m->vlan_tci;
		m->vlan_tci = (uint16_t)(qword2 >> I40E_RXD_QW2_L2TAG2_2_SHIFT);
	} else {
		m->vlan_tci_outer = 0;
	}
#else
	(void)qword2;
	m->vlan_tci_outer = 0;
#endif
	return flags;
}

/*
 * KEEP_CRC: the frame's last crc_len bytes are the FCS, which DPDK leaves
 * in the buffer but takes off the lengths; when the last segment holds
 * nothing but (part of) the FCS, it goes, and the one before gives up the
 * rest.
 */
static inline void i40e_rx_trim_crc(struct rte_mbuf *first, struct rte_mbuf *prev,
				    struct rte_mbuf *last, uint8_t crc_len)
{
	first->pkt_len -= crc_len;
	if (last->data_len <= crc_len && prev != NULL) {
		prev->data_len = (uint16_t)(prev->data_len - (crc_len - last->data_len));
		prev->next = NULL;
		first->nb_segs--;
		rte_pktmbuf_free_seg(last);
	} else {
		last->data_len = (uint16_t)(last->data_len - crc_len);
	}
}

/*
 * Flow director, as DPDK 22.11's i40e reads it once FLM says a filter
 * matched (RTE_MBUF_F_RX_FDIR, set by the caller): in 32-byte descriptors
 * the extended status says what qword3 holds, the filter's id (FDIR_ID)
 * or flexible bytes (FDIR_FLX) in its high half for hash.fdir.hi,
 * flexible bytes in its low half for hash.fdir.lo; 16-byte descriptors
 * carry only the id, where the RSS hash would be. Written after the RSS
 * hash, which hash.fdir.lo shares, as DPDK does.
 */
static inline uint64_t i40e_rx_fdir(struct rte_mbuf *m, uint64_t qword0, uint64_t qword2,
				    uint64_t qword3)
{
	uint64_t flags = 0;
#ifndef RTE_LIBRTE_I40E_16BYTE_RX_DESC
	unsigned int bh = (qword2 >> I40E_RX_DESC_EXT_STATUS_FLEXBH_SHIFT) &
			  I40E_RX_DESC_EXT_STATUS_FLEXBH_MASK;
	unsigned int bl = (qword2 >> I40E_RX_DESC_EXT_STATUS_FLEXBL_SHIFT) &
			  I40E_RX_DESC_EXT_STATUS_FLEXBL_MASK;

	(void)qword0;
	if (bh == I40E_RX_DESC_EXT_STATUS_FLEXBH_FD_ID) {
		m->hash.fdir.hi = (uint32_t)(qword3 >> I40E_RXD_QW3_HI_SHIFT);
		flags |= RTE_MBUF_F_RX_FDIR_ID;
	} else if (bh == I40E_RX_DESC_EXT_STATUS_FLEXBH_FLEX) {
		m->hash.fdir.hi = (uint32_t)(qword3 >> I40E_RXD_QW3_HI_SHIFT);
		flags |= RTE_MBUF_F_RX_FDIR_FLX;
	}
	if (bl == I40E_RX_DESC_EXT_STATUS_FLEXBL_FLEX) {
		m->hash.fdir.lo = (uint32_t)qword3;
		flags |= RTE_MBUF_F_RX_FDIR_FLX;
	}
#else
	(void)qword2;
	(void)qword3;
	m->hash.fdir.hi = (uint32_t)(qword0 >> I40E_RXD_QW0_RSS_SHIFT);
	flags |= RTE_MBUF_F_RX_FDIR_ID;
#endif
	return flags;
}

/* qword3 is read only for a flow director match (FLM): the paths pass 0
 * otherwise and skip the load. */
static inline bool i40e_rx_fdir_match(uint64_t qword1)
{
	return (qword1 & I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_FLM)) != 0;
}

/*
 * The descriptor fields of a frame, from the words of its last descriptor
 * (EOP): packet_type, the VLAN tags, the RSS hash when FLTSTAT says the
 * device wrote one, the flow director's match. Returns the ol_flags, for
 * the caller to store (the vector path stores them together with
 * rearm_data).
 */
static inline uint64_t i40e_rx_desc_fields(struct rte_mbuf *m, uint64_t qword0, uint64_t qword1,
					   uint64_t qword2, uint64_t qword3)
{
	uint64_t fltstat = (qword1 >> (I40E_RXD_QW1_STATUS_SHIFT +
				       I40E_RX_DESC_STATUS_FLTSTAT_SHIFT)) &
			   I40E_RX_DESC_STATUS_FLTSTAT_MASK;
	uint64_t flags = i40e_rx_cksum_flags(qword1) | i40e_rx_vlan(m, qword0, qword1, qword2);

	m->packet_type = i40e_ptype_table[(qword1 & I40E_RXD_QW1_PTYPE_MASK) >>
					  I40E_RXD_QW1_PTYPE_SHIFT];
	if (fltstat == I40E_RX_DESC_FLTSTAT_RSS_HASH) {
		m->hash.rss = (uint32_t)(qword0 >> I40E_RXD_QW0_RSS_SHIFT);
		flags |= RTE_MBUF_F_RX_RSS_HASH;
	}
	if (unlikely(i40e_rx_fdir_match(qword1)))
		flags |= RTE_MBUF_F_RX_FDIR | i40e_rx_fdir(m, qword0, qword2, qword3);
	return flags;
}

/* The frame is complete (EOP seen on its last descriptor, whose words
 * these are). */
static inline void i40e_rx_fill_first_seg(const struct i40e_rx_queue *rxq, struct rte_mbuf *first,
					  uint64_t qword0, uint64_t qword1, uint64_t qword2,
					  uint64_t qword3)
{
	first->port = rxq->port_id;
	first->ol_flags = i40e_rx_desc_fields(first, qword0, qword1, qword2, qword3);
}

#endif
