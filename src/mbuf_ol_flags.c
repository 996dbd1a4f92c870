/* SPDX-License-Identifier: BSD-3-Clause
 * Names of the ol_flags offload bits, for dumps and logs. A name is the
 * flag's macro name; multi-bit fields (checksum status, L4 type, tunnel
 * type) are named by their value, so a list shows one name per field,
 * "unknown"/"no checksum" included, as testpmd prints them.
 */
#include <stdio.h>
#include <stddef.h>

#include <rte_common.h>
#include <rte_mbuf.h>

struct ol_flag_name {
	uint64_t flag;    /* value of the field */
	uint64_t mask;    /* bits of the field */
	const char *name;
};

#define ONE(f) { f, f, #f }
#define IN(f, m) { f, m, #f }

static const struct ol_flag_name rx_names[] = {
	ONE(RTE_MBUF_F_RX_VLAN),
	ONE(RTE_MBUF_F_RX_RSS_HASH),
	ONE(RTE_MBUF_F_RX_FDIR),
	IN(RTE_MBUF_F_RX_L4_CKSUM_BAD, RTE_MBUF_F_RX_L4_CKSUM_MASK),
	IN(RTE_MBUF_F_RX_L4_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_MASK),
	IN(RTE_MBUF_F_RX_L4_CKSUM_NONE, RTE_MBUF_F_RX_L4_CKSUM_MASK),
	IN(RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN, RTE_MBUF_F_RX_L4_CKSUM_MASK),
	IN(RTE_MBUF_F_RX_IP_CKSUM_BAD, RTE_MBUF_F_RX_IP_CKSUM_MASK),
	IN(RTE_MBUF_F_RX_IP_CKSUM_GOOD, RTE_MBUF_F_RX_IP_CKSUM_MASK),
	IN(RTE_MBUF_F_RX_IP_CKSUM_NONE, RTE_MBUF_F_RX_IP_CKSUM_MASK),
	IN(RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN, RTE_MBUF_F_RX_IP_CKSUM_MASK),
	ONE(RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD),
	ONE(RTE_MBUF_F_RX_VLAN_STRIPPED),
	ONE(RTE_MBUF_F_RX_IEEE1588_PTP),
	ONE(RTE_MBUF_F_RX_IEEE1588_TMST),
	ONE(RTE_MBUF_F_RX_FDIR_ID),
	ONE(RTE_MBUF_F_RX_FDIR_FLX),
	ONE(RTE_MBUF_F_RX_QINQ_STRIPPED),
	ONE(RTE_MBUF_F_RX_LRO),
	ONE(RTE_MBUF_F_RX_SEC_OFFLOAD),
	ONE(RTE_MBUF_F_RX_SEC_OFFLOAD_FAILED),
	ONE(RTE_MBUF_F_RX_QINQ),
	IN(RTE_MBUF_F_RX_OUTER_L4_CKSUM_BAD, RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK),
	IN(RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD, RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK),
	IN(RTE_MBUF_F_RX_OUTER_L4_CKSUM_INVALID, RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK),
	IN(RTE_MBUF_F_RX_OUTER_L4_CKSUM_UNKNOWN, RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK),
};

static const struct ol_flag_name tx_names[] = {
	ONE(RTE_MBUF_F_TX_VLAN),
	ONE(RTE_MBUF_F_TX_IP_CKSUM),
	IN(RTE_MBUF_F_TX_TCP_CKSUM, RTE_MBUF_F_TX_L4_MASK),
	IN(RTE_MBUF_F_TX_SCTP_CKSUM, RTE_MBUF_F_TX_L4_MASK),
	IN(RTE_MBUF_F_TX_UDP_CKSUM, RTE_MBUF_F_TX_L4_MASK),
	IN(RTE_MBUF_F_TX_L4_NO_CKSUM, RTE_MBUF_F_TX_L4_MASK),
	ONE(RTE_MBUF_F_TX_IEEE1588_TMST),
	ONE(RTE_MBUF_F_TX_TCP_SEG),
	ONE(RTE_MBUF_F_TX_IPV4),
	ONE(RTE_MBUF_F_TX_IPV6),
	ONE(RTE_MBUF_F_TX_OUTER_IP_CKSUM),
	ONE(RTE_MBUF_F_TX_OUTER_IPV4),
	ONE(RTE_MBUF_F_TX_OUTER_IPV6),
	IN(RTE_MBUF_F_TX_TUNNEL_VXLAN, RTE_MBUF_F_TX_TUNNEL_MASK),
	IN(RTE_MBUF_F_TX_TUNNEL_GRE, RTE_MBUF_F_TX_TUNNEL_MASK),
	IN(RTE_MBUF_F_TX_TUNNEL_IPIP, RTE_MBUF_F_TX_TUNNEL_MASK),
	IN(RTE_MBUF_F_TX_TUNNEL_GENEVE, RTE_MBUF_F_TX_TUNNEL_MASK),
	IN(RTE_MBUF_F_TX_TUNNEL_MPLSINUDP, RTE_MBUF_F_TX_TUNNEL_MASK),
	IN(RTE_MBUF_F_TX_TUNNEL_VXLAN_GPE, RTE_MBUF_F_TX_TUNNEL_MASK),
	IN(RTE_MBUF_F_TX_TUNNEL_GTP, RTE_MBUF_F_TX_TUNNEL_MASK),
	IN(RTE_MBUF_F_TX_TUNNEL_ESP, RTE_MBUF_F_TX_TUNNEL_MASK),
	IN(RTE_MBUF_F_TX_TUNNEL_IP, RTE_MBUF_F_TX_TUNNEL_MASK),
	IN(RTE_MBUF_F_TX_TUNNEL_UDP, RTE_MBUF_F_TX_TUNNEL_MASK),
	ONE(RTE_MBUF_F_TX_QINQ),
	ONE(RTE_MBUF_F_TX_MACSEC),
	ONE(RTE_MBUF_F_TX_SEC_OFFLOAD),
	ONE(RTE_MBUF_F_TX_UDP_SEG),
	ONE(RTE_MBUF_F_TX_OUTER_UDP_CKSUM),
};

/* The name of exactly this value; a zero value ("unknown") has none. */
static const char *name_of(const struct ol_flag_name *t, size_t n, uint64_t mask)
{
	size_t i;

	if (mask == 0)
		return NULL;
	for (i = 0; i < n; i++)
		if (t[i].flag == mask)
			return t[i].name;
	return NULL;
}

/* "NAME NAME ... " for every field of mask; -1 if buf is too small. */
static int list_of(const struct ol_flag_name *t, size_t n, uint64_t mask, char *buf,
		   size_t buflen)
{
	size_t i;
	int len;

	if (buflen == 0)
		return -1;
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if ((mask & t[i].mask) != t[i].flag)
			continue;
		len = snprintf(buf, buflen, "%s ", t[i].name);
		if (len < 0 || (size_t)len >= buflen)
			return -1;
		buf += len;
		buflen -= (size_t)len;
	}
	return 0;
}

const char *rte_get_rx_ol_flag_name(uint64_t mask)
{
	return name_of(rx_names, RTE_DIM(rx_names), mask);
}

const char *rte_get_tx_ol_flag_name(uint64_t mask)
{
	return name_of(tx_names, RTE_DIM(tx_names), mask);
}

int rte_get_rx_ol_flag_list(uint64_t mask, char *buf, size_t buflen)
{
	return list_of(rx_names, RTE_DIM(rx_names), mask, buf, buflen);
}

int rte_get_tx_ol_flag_list(uint64_t mask, char *buf, size_t buflen)
{
	return list_of(tx_names, RTE_DIM(tx_names), mask, buf, buflen);
}
