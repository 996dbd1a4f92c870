/* SPDX-License-Identifier: BSD-3-Clause
 * Names of packet types (rte_get_ptype_*_name), as DPDK 22.11 prints them.
 */
#include <stdio.h>

#include <rte_mbuf_ptype.h>

/* One layer: its nibble in packet_type and the names of its defined values. */
struct ptype_layer {
	unsigned int shift;
	const char *unknown;
	const char *names[16];
};

static const struct ptype_layer l2 = { 0, "L2_UNKNOWN", {
	[1] = "L2_ETHER", [2] = "L2_ETHER_TIMESYNC", [3] = "L2_ETHER_ARP", [4] = "L2_ETHER_LLDP",
	[5] = "L2_ETHER_NSH", [6] = "L2_ETHER_VLAN", [7] = "L2_ETHER_QINQ", [8] = "L2_ETHER_PPPOE",
	[9] = "L2_ETHER_FCOE", [10] = "L2_ETHER_MPLS" } };
static const struct ptype_layer l3 = { 4, "L3_UNKNOWN", {
	[1] = "L3_IPV4", [3] = "L3_IPV4_EXT", [4] = "L3_IPV6", [9] = "L3_IPV4_EXT_UNKNOWN",
	[12] = "L3_IPV6_EXT", [14] = "L3_IPV6_EXT_UNKNOWN" } };
static const struct ptype_layer l4 = { 8, "L4_UNKNOWN", {
	[1] = "L4_TCP", [2] = "L4_UDP", [3] = "L4_FRAG", [4] = "L4_SCTP", [5] = "L4_ICMP",
	[6] = "L4_NONFRAG", [7] = "L4_IGMP" } };
static const struct ptype_layer tunnel = { 12, "TUNNEL_UNKNOWN", {
	[1] = "TUNNEL_IP", [2] = "TUNNEL_GRE", [3] = "TUNNEL_VXLAN", [4] = "TUNNEL_NVGRE",
	[5] = "TUNNEL_GENEVE", [6] = "TUNNEL_GRENAT", [7] = "TUNNEL_GTPC", [8] = "TUNNEL_GTPU",
	[9] = "TUNNEL_ESP", [10] = "TUNNEL_L2TP", [11] = "TUNNEL_VXLAN_GPE",
	[12] = "TUNNEL_MPLS_IN_GRE", [13] = "TUNNEL_MPLS_IN_UDP" } };
static const struct ptype_layer inner_l2 = { 16, "INNER_L2_UNKNOWN", {
	[1] = "INNER_L2_ETHER", [2] = "INNER_L2_ETHER_VLAN", [3] = "INNER_L2_ETHER_QINQ" } };
static const struct ptype_layer inner_l3 = { 20, "INNER_L3_UNKNOWN", {
	[1] = "INNER_L3_IPV4", [2] = "INNER_L3_IPV4_EXT", [3] = "INNER_L3_IPV6",
	[4] = "INNER_L3_IPV4_EXT_UNKNOWN", [5] = "INNER_L3_IPV6_EXT",
	[6] = "INNER_L3_IPV6_EXT_UNKNOWN" } };
static const struct ptype_layer inner_l4 = { 24, "INNER_L4_UNKNOWN", {
	[1] = "INNER_L4_TCP", [2] = "INNER_L4_UDP", [3] = "INNER_L4_FRAG", [4] = "INNER_L4_SCTP",
	[5] = "INNER_L4_ICMP", [6] = "INNER_L4_NONFRAG" } };

/* In the order rte_get_ptype_name prints them. */
static const struct ptype_layer *const layers[] = {
	&l2, &l3, &l4, &tunnel, &inner_l2, &inner_l3, &inner_l4,
};

static unsigned int layer_value(const struct ptype_layer *layer, uint32_t ptype)
{
	return (ptype >> layer->shift) & 0xf;
}

static const char *layer_name(const struct ptype_layer *layer, uint32_t ptype)
{
	const char *name = layer->names[layer_value(layer, ptype)];

	return name != NULL ? name : layer->unknown;
}

const char *rte_get_ptype_l2_name(uint32_t ptype) { return layer_name(&l2, ptype); }
const char *rte_get_ptype_l3_name(uint32_t ptype) { return layer_name(&l3, ptype); }
const char *rte_get_ptype_l4_name(uint32_t ptype) { return layer_name(&l4, ptype); }
const char *rte_get_ptype_tunnel_name(uint32_t ptype) { return layer_name(&tunnel, ptype); }
const char *rte_get_ptype_inner_l2_name(uint32_t ptype) { return layer_name(&inner_l2, ptype); }
const char *rte_get_ptype_inner_l3_name(uint32_t ptype) { return layer_name(&inner_l3, ptype); }
const char *rte_get_ptype_inner_l4_name(uint32_t ptype) { return layer_name(&inner_l4, ptype); }

/* Appends text to the buf/left window; -1 once it no longer fits. */
static int put(char **buf, size_t *left, const char *fmt, const char *text)
{
	int n = snprintf(*buf, *left, fmt, text);

	if (n < 0 || (size_t)n >= *left)
		return -1;
	*buf += n;
	*left -= (size_t)n;
	return 0;
}

int rte_get_ptype_name(uint32_t ptype, char *buf, size_t buflen)
{
	if ((ptype & RTE_PTYPE_ALL_MASK) == 0)
		return put(&buf, &buflen, "%s", "UNKNOWN");
	for (size_t i = 0; i < sizeof(layers) / sizeof(layers[0]); i++) {
		if (layer_value(layers[i], ptype) == 0)
			continue;
		if (put(&buf, &buflen, "%s ", layer_name(layers[i], ptype)) != 0)
			return -1;
	}
	return 0;
}
