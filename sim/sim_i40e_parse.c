/* SPDX-License-Identifier: BSD-3-Clause
 * The emulated X710's parser (see sim_i40e_parse.h): EtherTypes of their
 * own, IPv4 and IPv6 by L4 kind, and below an outer IP header the IP-in-IP
 * (protocol 4 and 41) and GRE (47) tunnels. VXLAN is not a tunnel here:
 * the X710 parses it only on a UDP port the driver registers through the
 * admin queue (rte_eth_dev_udp_tunnel_port_add), which rtemem's i40e does
 * not implement, so a VXLAN frame is the UDP frame it looks like on the
 * wire: its outer UDP checksum is its L4 checksum.
 */
#include <string.h>

#include <rte_byteorder.h>

#include "i40e_regs.h"
#include "i40e_rxd.h"
#include "sim_crc.h"
#include "sim_i40e_parse.h"

static uint16_t be16_at(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/*
 * The Internet checksum: one's complement sum of big-endian 16-bit words.
 * The sum is the same in either byte order but for a final swap (RFC
 * 1071), so whole 32-bit words are added as the host reads them, folded,
 * and the result put in big-endian order: a quarter of the iterations
 * (and of ASan's checks under the fuzzer) over frames of up to 9,800 bytes.
 */
static uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	uint64_t acc = 0;
	size_t i = 0;

	for (; i + 4 <= len; i += 4) {
		uint32_t w;

		memcpy(&w, p + i, sizeof(w));
		acc += w;
	}
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	sum += rte_be_to_cpu_16((uint16_t)acc);
	/* at most three bytes left: a word, then an odd byte padded with zero */
	if (i + 1 < len) {
		sum += be16_at(p + i);
		i += 2;
	}
	if (i < len)
		sum += (uint32_t)p[i] << 8;
	return sum;
}

static bool csum_ok(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum == 0xffff;
}

/* An IP header at l3: its version, protocol, and where its payload
 * starts. */
struct ip_hdr {
	bool v4;
	bool frag;
	uint8_t proto;
	size_t l3;
	size_t l4;
};

/* False if there is no whole header of the version the EtherType (or
 * tunnel protocol) announced at f + l3 (len bytes in all). */
static bool parse_ip(const uint8_t *f, uint32_t len, size_t l3, bool v4, struct ip_hdr *ip)
{
	ip->v4 = v4;
	ip->l3 = l3;
	if (v4) {
		if (len < l3 + 20 || (f[l3] >> 4) != 4)
			return false;
		ip->proto = f[l3 + 9];
		ip->frag = (be16_at(f + l3 + 6) & 0x3fff) != 0;
		ip->l4 = l3 + (size_t)(f[l3] & 0xf) * 4;
	} else {
		if (len < l3 + 40 || (f[l3] >> 4) != 6)
			return false;
		ip->proto = f[l3 + 6];
		ip->frag = ip->proto == 44;
		ip->l4 = l3 + 40;
	}
	return true;
}

/* The IPv4 header checksum, if the header lies inside the frame (else
 * it is not checked: false). */
static bool check_ipv4_header(const uint8_t *f, uint32_t len, const struct ip_hdr *ip, bool *bad)
{
	const size_t ihl = (size_t)(f[ip->l3] & 0xf) * 4;

	if (ip->l3 + ihl > len)
		return false;
	*bad = ihl < 20 || !csum_ok(csum_add(0, f + ip->l3, ihl));
	return true;
}

/*
 * What the X710 checks on receive of one IP packet: the IPv4 header
 * checksum (IPE), and the TCP or UDP checksum over the pseudo-header or
 * SCTP's CRC-32c (L4E), not of fragments; an IPv4 UDP checksum of 0 means
 * "none". The L4 check needs a right IPv4 header, and a length field that
 * runs past the frame is not checked at all. True if anything was checked.
 */
static bool check_ip(const uint8_t *f, uint32_t len, const struct ip_hdr *ip, bool *ipe, bool *l4e)
{
	const uint8_t proto = ip->proto;
	const size_t l4 = ip->l4;
	bool checked = false;
	uint32_t sum = 0;
	size_t l4len;

	if (ip->v4) {
		const size_t ihl = l4 - ip->l3, total = be16_at(f + ip->l3 + 2);

		if (!check_ipv4_header(f, len, ip, ipe))
			return false;
		checked = true;
		if (*ipe || total < ihl || ip->l3 + total > len)
			return checked;
		l4len = total - ihl;
		sum = csum_add(sum, f + ip->l3 + 12, 8); /* source and destination */
	} else {
		l4len = be16_at(f + ip->l3 + 4);
		if (l4 + l4len > len)
			return checked;
		sum = csum_add(sum, f + ip->l3 + 8, 32);
	}
	if (ip->frag)
		return checked;
	switch (proto) {
	case 132: { /* SCTP: CRC-32c over the packet with its own field as zeros */
		static const uint8_t zeros[4];
		uint32_t crc;

		if (l4len < 12)
			return checked;
		crc = sim_crc32c(0, f + l4, 8);
		crc = sim_crc32c(crc, zeros, 4);
		crc = sim_crc32c(crc, f + l4 + 12, l4len - 12);
		*l4e = crc != ((uint32_t)f[l4 + 8] | (uint32_t)f[l4 + 9] << 8 |
			       (uint32_t)f[l4 + 10] << 16 | (uint32_t)f[l4 + 11] << 24);
		return true;
	}
	case 6:
	case 17:
		if (l4len < (proto == 6 ? 20u : 8u))
			return checked;
		if (ip->v4 && proto == 17 && be16_at(f + l4 + 6) == 0)
			return true; /* UDP over IPv4 without a checksum */
		sum += (uint32_t)(l4len & 0xffff) + (uint32_t)(l4len >> 16) + proto;
		*l4e = !csum_ok(csum_add(sum, f + l4, l4len));
		return true;
	default:
		return checked;
	}
}

/* Where in a run of seven IP packet types this L4 kind is (i40e_rxd.h). */
static unsigned int l4_slot(bool v4, uint8_t proto, bool frag)
{
	if (frag)
		return I40E_PTYPE_L4_FRAG;
	switch (proto) {
	case 17: return I40E_PTYPE_L4_UDP;
	case 6: return I40E_PTYPE_L4_TCP;
	case 132: return I40E_PTYPE_L4_SCTP;
	case 1: return v4 ? I40E_PTYPE_L4_ICMP : I40E_PTYPE_L4_PAY3;
	case 58: return v4 ? I40E_PTYPE_L4_PAY3 : I40E_PTYPE_L4_ICMP;
	default: return I40E_PTYPE_L4_PAY3;
	}
}

/* The inner IP packet at f + l3, if there is a whole one (then *in
 * describes it): its slot added to the run for IPv4 (base4) or IPv6
 * (base6) inner headers; none without one. */
static uint8_t inner_ptype(const uint8_t *f, uint32_t len, size_t l3, uint16_t etype,
			   unsigned int base4, unsigned int base6, unsigned int none,
			   struct ip_hdr *in)
{
	if (etype == 0x0800 && parse_ip(f, len, l3, true, in))
		return (uint8_t)(base4 + l4_slot(true, in->proto, in->frag));
	if (etype == 0x86dd && parse_ip(f, len, l3, false, in))
		return (uint8_t)(base6 + l4_slot(false, in->proto, in->frag));
	in->l3 = 0;
	return (uint8_t)none;
}

/*
 * A GRE packet at f + g: the GRE/NAT packet types for what it carries (IP
 * directly, or an Ethernet frame, EtherType 0x6558, tagged or not). The
 * optional checksum, key and sequence words come before the payload.
 */
static uint8_t gre_ptype(const uint8_t *f, uint32_t len, size_t g, struct ip_hdr *in)
{
	uint16_t flags, proto, etype;
	size_t at;

	in->l3 = 0;
	if (len < g + 4)
		return I40E_PTYPE_IPV4_GRENAT;
	flags = be16_at(f + g);
	proto = be16_at(f + g + 2);
	at = g + 4 + (flags & 0x8000 ? 4 : 0) + (flags & 0x2000 ? 4 : 0) +
	     (flags & 0x1000 ? 4 : 0);
	if (proto != 0x6558)
		return inner_ptype(f, len, at, proto, I40E_PTYPE_IPV4_GRENAT_IPV4_BASE,
				   I40E_PTYPE_IPV4_GRENAT_IPV6_BASE, I40E_PTYPE_IPV4_GRENAT, in);
	if (len < at + 14)
		return I40E_PTYPE_IPV4_GRENAT;
	etype = be16_at(f + at + 12);
	if (etype == 0x8100) {
		if (len < at + 18)
			return I40E_PTYPE_IPV4_GRENAT_MACVLAN;
		return inner_ptype(f, len, at + 18, be16_at(f + at + 16),
				   I40E_PTYPE_IPV4_GRENAT_MACVLAN_IPV4_BASE,
				   I40E_PTYPE_IPV4_GRENAT_MACVLAN_IPV6_BASE,
				   I40E_PTYPE_IPV4_GRENAT_MACVLAN, in);
	}
	return inner_ptype(f, len, at + 14, etype, I40E_PTYPE_IPV4_GRENAT_MAC_IPV4_BASE,
			   I40E_PTYPE_IPV4_GRENAT_MAC_IPV6_BASE, I40E_PTYPE_IPV4_GRENAT_MAC, in);
}

/* The hash class of an IP packet, by its outermost IP header (the one the
 * model hashes): a tunnel is "other" IP, as its protocol is not TCP,
 * UDP or SCTP. */
static uint8_t ip_pctype(const struct ip_hdr *ip)
{
	if (ip->frag)
		return ip->v4 ? I40E_FILTER_PCTYPE_FRAG_IPV4 : I40E_FILTER_PCTYPE_FRAG_IPV6;
	switch (ip->proto) {
	case 17:
		return ip->v4 ? I40E_FILTER_PCTYPE_NONF_IPV4_UDP : I40E_FILTER_PCTYPE_NONF_IPV6_UDP;
	case 6:
		return ip->v4 ? I40E_FILTER_PCTYPE_NONF_IPV4_TCP : I40E_FILTER_PCTYPE_NONF_IPV6_TCP;
	case 132:
		return ip->v4 ? I40E_FILTER_PCTYPE_NONF_IPV4_SCTP : I40E_FILTER_PCTYPE_NONF_IPV6_SCTP;
	default:
		return ip->v4 ? I40E_FILTER_PCTYPE_NONF_IPV4_OTHER : I40E_FILTER_PCTYPE_NONF_IPV6_OTHER;
	}
}

/*
 * The hash input is the outer header's: addresses, and for unfragmented
 * TCP and UDP the ports. A tunnel's checks are the hardware's split: the
 * outer IPv4 header gives EIPE, the inner packet IPE and L4E (the GRE
 * checksum is not checked).
 */
void sim_i40e_parse(const uint8_t *f, uint32_t len, struct sim_i40e_parsed *p)
{
	size_t l3 = 14;
	struct ip_hdr ip, in = { .l3 = 0 };
	unsigned int tunnel = 0;
	uint16_t etype;

	memset(p, 0, sizeof(*p));
	p->ptype = I40E_PTYPE_L2_PAY2;
	p->pctype = I40E_FILTER_PCTYPE_L2_PAYLOAD;
	if (len < 14)
		return;
	etype = be16_at(f + 12);
	/* an 802.1Q tag, or an 802.1ad (QinQ) outer tag with one inside it */
	for (int tags = 0; tags < 2 && (etype == 0x8100 || (tags == 0 && etype == 0x88a8)) &&
			   len >= l3 + 4;
	     tags++) {
		etype = be16_at(f + l3 + 2);
		l3 += 4;
	}
	switch (etype) {
	case 0x0806: p->ptype = I40E_PTYPE_L2_ARP; return;
	case 0x88cc: p->ptype = I40E_PTYPE_L2_LLDP; return;
	case 0x88f7: p->ptype = I40E_PTYPE_L2_TIMESYNC; return;
	case 0x0800:
	case 0x86dd:
		if (!parse_ip(f, len, l3, etype == 0x0800, &ip))
			return;
		break;
	default:
		return;
	}
	if (ip.v4) {
		memcpy(p->input, f + l3 + 12, 8);
		p->input_len = 8;
	} else {
		memcpy(p->input, f + l3 + 8, 32);
		p->input_len = 32;
	}
	p->pctype = ip_pctype(&ip);
	if (!ip.frag && ip.proto == 4)
		tunnel = inner_ptype(f, len, ip.l4, 0x0800, I40E_PTYPE_IPV4_IPV4_BASE, 0, 0, &in);
	else if (!ip.frag && ip.proto == 41)
		tunnel = inner_ptype(f, len, ip.l4, 0x86dd, 0, I40E_PTYPE_IPV4_IPV6_BASE, 0, &in);
	else if (!ip.frag && ip.proto == 47)
		tunnel = gre_ptype(f, len, ip.l4, &in);
	if (tunnel == 0) {
		p->ptype = (uint8_t)((ip.v4 ? I40E_PTYPE_IPV4_BASE : I40E_PTYPE_IPV6_BASE) +
				     l4_slot(ip.v4, ip.proto, ip.frag));
		if (!ip.frag && (ip.proto == 17 || ip.proto == 6) && len >= ip.l4 + 4) {
			memcpy(p->input + p->input_len, f + ip.l4, 4); /* the two ports */
			p->input_len += 4;
		}
		p->checked = check_ip(f, len, &ip, &p->ipe, &p->l4e);
		return;
	}
	p->ptype = (uint8_t)(tunnel + (ip.v4 ? 0 : I40E_PTYPE_OUTER_IPV6_DELTA));
	if (ip.v4)
		p->checked = check_ipv4_header(f, len, &ip, &p->eipe);
	if (in.l3 != 0 && check_ip(f, len, &in, &p->ipe, &p->l4e))
		p->checked = true;
}
