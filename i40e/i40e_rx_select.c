/* SPDX-License-Identifier: BSD-3-Clause
 * Which receive function a port runs, chosen as DPDK 22.11's
 * i40e_set_rx_function chooses at every start:
 *  - vector, when bulk alloc is allowed (no queue set up outside its
 *    preconditions since configure), every queue's ring is a power of two,
 *    QinQ stripping is off, SIMD is built in and rte_vect allows 128 bits:
 *    AVX2 where the CPU has it and rte_vect allows 256 bits, else SSE
 *    (x86_64) or Neon (arm64);
 *  - else bulk alloc, when allowed and the port is not scattered;
 *  - else scalar.
 * Scattered ports take the scattered twin of the vector or scalar function.
 * rte_eth_rx_burst_mode_get names the choice with DPDK's strings.
 */
#include <errno.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_log.h>
#include <rte_mbuf_ptype.h>
#include <rte_vect.h>

#include "i40e_ethdev.h"


static bool vec_built(void)
{
	return i40e_rx_vec_isa[0] != '\0' && i40e_rx_vec_cpu_ok();
}

/* DPDK's i40e_rx_vec_dev_conf_condition_check. rtemem offers QinQ
 * stripping as QINQ_STRIP (DPDK gates on VLAN_EXTEND, which it needs for
 * the same thing). */
static bool vec_conf_ok(const struct rte_eth_dev *dev)
{
	if (dev->conf.rxmode.offloads & RTE_ETH_RX_OFFLOAD_QINQ_STRIP)
		return false;
	for (uint16_t q = 0; q < dev->nb_rx_queues; q++) {
		const struct i40e_rx_queue *rxq = dev->rx_queues[q];

		if (rxq != NULL && !rte_is_power_of_2(rxq->nb_rx_desc))
			return false;
	}
	return true;
}

void i40e_set_rx_function(struct rte_eth_dev *dev)
{
	struct i40e_adapter *ad = dev->dev_private;
	enum i40e_rx_path path = I40E_RX_PATH_SCALAR;

	ad->scattered_rx = false;
	for (uint16_t q = 0; q < dev->nb_rx_queues; q++) {
		const struct i40e_rx_queue *rxq = dev->rx_queues[q];

		if (rxq != NULL && rxq->scattered)
			ad->scattered_rx = true;
	}
	ad->rx_vec_allowed = ad->rx_bulk_alloc_allowed && vec_conf_ok(dev) && vec_built();
	if (ad->rx_vec_allowed && rte_vect_get_max_simd_bitwidth() >= RTE_VECT_SIMD_256 &&
	    i40e_rx_vec_avx2_cpu_ok())
		path = I40E_RX_PATH_VECTOR_AVX2;
	else if (ad->rx_vec_allowed && rte_vect_get_max_simd_bitwidth() >= RTE_VECT_SIMD_128)
		path = I40E_RX_PATH_VECTOR;
	else if (ad->rx_bulk_alloc_allowed && !ad->scattered_rx)
		path = I40E_RX_PATH_BULK_ALLOC;
	/* The cap: the fastest path at or below it that the port allows. */
	if (path > ad->rx_path_limit) {
		path = ad->rx_path_limit;
		if (path == I40E_RX_PATH_BULK_ALLOC && ad->scattered_rx)
			path = I40E_RX_PATH_SCALAR;
	}

	switch (path) {
	case I40E_RX_PATH_VECTOR_AVX2:
		dev->rx_pkt_burst = ad->scattered_rx ? i40e_recv_scattered_pkts_vec_avx2
						     : i40e_recv_pkts_vec_avx2;
		break;
	case I40E_RX_PATH_VECTOR:
		dev->rx_pkt_burst = ad->scattered_rx ? i40e_recv_scattered_pkts_vec
						     : i40e_recv_pkts_vec;
		break;
	case I40E_RX_PATH_BULK_ALLOC:
		dev->rx_pkt_burst = i40e_recv_pkts_bulk_alloc;
		break;
	default:
		dev->rx_pkt_burst = ad->scattered_rx ? i40e_recv_scattered_pkts : i40e_recv_pkts;
		break;
	}
	ad->rx_path = path;
	for (uint16_t q = 0; q < dev->nb_rx_queues; q++) {
		struct i40e_rx_queue *rxq = dev->rx_queues[q];

		if (rxq != NULL)
			rxq->path = path;
	}
	PMD_LOG(DEBUG, "port %u: rx path %d%s\n", dev->port_id, (int)path,
		ad->scattered_rx ? ", scattered" : "");
}

int i40e_set_rx_path_limit(struct rte_eth_dev *dev, enum i40e_rx_path limit)
{
	struct i40e_adapter *ad = dev->dev_private;

	if (limit != I40E_RX_PATH_SCALAR && limit != I40E_RX_PATH_BULK_ALLOC &&
	    limit != I40E_RX_PATH_VECTOR && limit != I40E_RX_PATH_VECTOR_AVX2)
		return -EINVAL;
	ad->rx_path_limit = limit;
	return 0;
}

static const struct {
	eth_rx_burst_t fn;
	const char *name;
} rx_burst_names[] = {
	{ i40e_recv_scattered_pkts, "Scalar Scattered" },
	{ i40e_recv_pkts_bulk_alloc, "Scalar Bulk Alloc" },
	{ i40e_recv_pkts, "Scalar" },
	{ i40e_recv_scattered_pkts_vec_avx2, "Vector AVX2 Scattered" },
	{ i40e_recv_pkts_vec_avx2, "Vector AVX2" },
	{ i40e_recv_scattered_pkts_vec, "Vector %s Scattered" },
	{ i40e_recv_pkts_vec, "Vector %s" },
};

/* Per port, as DPDK's (flags 0): every queue runs the port's function. */
int i40e_rx_burst_mode_get(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_burst_mode *mode)
{
	(void)qid;
	for (size_t i = 0; i < RTE_DIM(rx_burst_names); i++) {
		if (dev->rx_pkt_burst == rx_burst_names[i].fn) {
			snprintf(mode->info, sizeof(mode->info), rx_burst_names[i].name,
				 i40e_rx_vec_isa);
			return 0;
		}
	}
	return -EINVAL;
}

/* What i40e_ptype_table can produce, listed as DPDK 22.11's i40e lists it,
 * for every receive function (they share the table). */
const uint32_t *i40e_dev_supported_ptypes_get(struct rte_eth_dev *dev)
{
	static const uint32_t ptypes[] = {
		RTE_PTYPE_L2_ETHER,
		RTE_PTYPE_L2_ETHER_TIMESYNC,
		RTE_PTYPE_L2_ETHER_LLDP,
		RTE_PTYPE_L2_ETHER_ARP,
		RTE_PTYPE_L3_IPV4_EXT_UNKNOWN,
		RTE_PTYPE_L3_IPV6_EXT_UNKNOWN,
		RTE_PTYPE_L4_FRAG,
		RTE_PTYPE_L4_ICMP,
		RTE_PTYPE_L4_NONFRAG,
		RTE_PTYPE_L4_SCTP,
		RTE_PTYPE_L4_TCP,
		RTE_PTYPE_L4_UDP,
		RTE_PTYPE_TUNNEL_GRENAT,
		RTE_PTYPE_TUNNEL_IP,
		RTE_PTYPE_INNER_L2_ETHER,
		RTE_PTYPE_INNER_L2_ETHER_VLAN,
		RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN,
		RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN,
		RTE_PTYPE_INNER_L4_FRAG,
		RTE_PTYPE_INNER_L4_ICMP,
		RTE_PTYPE_INNER_L4_NONFRAG,
		RTE_PTYPE_INNER_L4_SCTP,
		RTE_PTYPE_INNER_L4_TCP,
		RTE_PTYPE_INNER_L4_UDP,
		RTE_PTYPE_UNKNOWN,
	};

	for (size_t i = 0; i < RTE_DIM(rx_burst_names); i++) {
		if (dev->rx_pkt_burst == rx_burst_names[i].fn)
			return ptypes;
	}
	return NULL;
}
