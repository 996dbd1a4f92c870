/* SPDX-License-Identifier: BSD-3-Clause
 * The names of offload and capability bits, as DPDK prints them: each
 * macro's name without its prefix ("VLAN_STRIP" for
 * RTE_ETH_RX_OFFLOAD_VLAN_STRIP), "UNKNOWN" for a bit it does not know.
 */
#include <stddef.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_ethdev.h>

struct bit_name {
	uint64_t bit;
	const char *name;
};

#define RX_OFFLOAD(n) { RTE_ETH_RX_OFFLOAD_##n, #n }
#define TX_OFFLOAD(n) { RTE_ETH_TX_OFFLOAD_##n, #n }
#define DEV_CAPA(n) { RTE_ETH_DEV_CAPA_##n, #n }

static const struct bit_name rx_offloads[] = {
	RX_OFFLOAD(VLAN_STRIP), RX_OFFLOAD(IPV4_CKSUM), RX_OFFLOAD(UDP_CKSUM),
	RX_OFFLOAD(TCP_CKSUM), RX_OFFLOAD(TCP_LRO), RX_OFFLOAD(QINQ_STRIP),
	RX_OFFLOAD(OUTER_IPV4_CKSUM), RX_OFFLOAD(MACSEC_STRIP), RX_OFFLOAD(VLAN_FILTER),
	RX_OFFLOAD(VLAN_EXTEND), RX_OFFLOAD(SCATTER), RX_OFFLOAD(TIMESTAMP),
	RX_OFFLOAD(SECURITY), RX_OFFLOAD(KEEP_CRC), RX_OFFLOAD(SCTP_CKSUM),
	RX_OFFLOAD(OUTER_UDP_CKSUM), RX_OFFLOAD(RSS_HASH), RX_OFFLOAD(BUFFER_SPLIT),
};

static const struct bit_name tx_offloads[] = {
	TX_OFFLOAD(VLAN_INSERT), TX_OFFLOAD(IPV4_CKSUM), TX_OFFLOAD(UDP_CKSUM),
	TX_OFFLOAD(TCP_CKSUM), TX_OFFLOAD(SCTP_CKSUM), TX_OFFLOAD(TCP_TSO),
	TX_OFFLOAD(UDP_TSO), TX_OFFLOAD(OUTER_IPV4_CKSUM), TX_OFFLOAD(QINQ_INSERT),
	TX_OFFLOAD(VXLAN_TNL_TSO), TX_OFFLOAD(GRE_TNL_TSO), TX_OFFLOAD(IPIP_TNL_TSO),
	TX_OFFLOAD(GENEVE_TNL_TSO), TX_OFFLOAD(MACSEC_INSERT), TX_OFFLOAD(MT_LOCKFREE),
	TX_OFFLOAD(MULTI_SEGS), TX_OFFLOAD(MBUF_FAST_FREE), TX_OFFLOAD(SECURITY),
	TX_OFFLOAD(UDP_TNL_TSO), TX_OFFLOAD(IP_TNL_TSO), TX_OFFLOAD(OUTER_UDP_CKSUM),
	TX_OFFLOAD(SEND_ON_TIMESTAMP),
};

static const struct bit_name dev_capas[] = {
	DEV_CAPA(RUNTIME_RX_QUEUE_SETUP), DEV_CAPA(RUNTIME_TX_QUEUE_SETUP), DEV_CAPA(RXQ_SHARE),
	DEV_CAPA(FLOW_RULE_KEEP), DEV_CAPA(FLOW_SHARED_OBJECT_KEEP),
};

/* bit must be exactly one known bit; several bits, or none, are unknown. */
static const char *bit_name(const struct bit_name *table, size_t n, uint64_t bit)
{
	for (size_t i = 0; i < n; i++) {
		if (table[i].bit == bit)
			return table[i].name;
	}
	return "UNKNOWN";
}

const char *rte_eth_dev_rx_offload_name(uint64_t offload)
{
	return bit_name(rx_offloads, RTE_DIM(rx_offloads), offload);
}

const char *rte_eth_dev_tx_offload_name(uint64_t offload)
{
	return bit_name(tx_offloads, RTE_DIM(tx_offloads), offload);
}

const char *rte_eth_dev_capability_name(uint64_t capability)
{
	return bit_name(dev_capas, RTE_DIM(dev_capas), capability);
}
