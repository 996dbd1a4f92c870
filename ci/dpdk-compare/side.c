/* SPDX-License-Identifier: BSD-3-Clause
 * One side of ci/check-net-dpdk.sh: the rte_ip.h checksums behind plain C
 * functions named SIDE_*, compiled once against DPDK's headers and once
 * against rtemem's (the two cannot meet in one translation unit). The
 * mbuf chains are built here from a plain description, so each side uses
 * its own struct rte_mbuf.
 */
#include <stdint.h>
#include <string.h>

#include <rte_ip.h>
#include <rte_mbuf.h>

#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)
#define FN(name) CAT(SIDE, name)

#define MAX_SEGS 8

/* segs[] over pkt: seg i holds lens[i] bytes; the head carries pkt_len. */
static struct rte_mbuf *chain(struct rte_mbuf *segs, const uint8_t *pkt, const uint16_t *lens,
			      int nseg)
{
	uint32_t total = 0;

	memset(segs, 0, sizeof(*segs) * (size_t)nseg);
	for (int i = 0; i < nseg; i++) {
		segs[i].buf_addr = (void *)(uintptr_t)pkt;
		segs[i].data_len = lens[i];
		segs[i].next = i + 1 < nseg ? &segs[i + 1] : NULL;
		pkt += lens[i];
		total += lens[i];
	}
	segs[0].pkt_len = total;
	segs[0].nb_segs = (uint16_t)nseg;
	return segs;
}

uint16_t FN(raw)(const void *buf, size_t len) { return rte_raw_cksum(buf, len); }

uint16_t FN(ipv4_cksum)(const void *ip) { return rte_ipv4_cksum((const struct rte_ipv4_hdr *)ip); }

uint16_t FN(ipv4_phdr)(const void *ip, int tso)
{
	return rte_ipv4_phdr_cksum((const struct rte_ipv4_hdr *)ip, tso ? RTE_MBUF_F_TX_TCP_SEG : 0);
}

uint16_t FN(ipv6_phdr)(const void *ip, int tso)
{
	return rte_ipv6_phdr_cksum((const struct rte_ipv6_hdr *)ip, tso ? RTE_MBUF_F_TX_TCP_SEG : 0);
}

uint32_t FN(ipv4_l4)(const void *ip, const void *l4)
{
	const struct rte_ipv4_hdr *h = (const struct rte_ipv4_hdr *)ip;

	return (uint32_t)rte_ipv4_udptcp_cksum(h, l4) << 16 |
	       (uint32_t)(rte_ipv4_udptcp_cksum_verify(h, l4) & 0xffff);
}

uint32_t FN(ipv6_l4)(const void *ip, const void *l4)
{
	const struct rte_ipv6_hdr *h = (const struct rte_ipv6_hdr *)ip;

	return (uint32_t)rte_ipv6_udptcp_cksum(h, l4) << 16 |
	       (uint32_t)(rte_ipv6_udptcp_cksum_verify(h, l4) & 0xffff);
}

/* rte_raw_cksum_mbuf's return in the high half, the sum (or 0x5a5a) low. */
uint32_t FN(raw_mbuf)(const uint8_t *pkt, const uint16_t *lens, int nseg, uint32_t off,
		      uint32_t len)
{
	struct rte_mbuf segs[MAX_SEGS];
	uint16_t sum = 0x5a5a;
	int rc = rte_raw_cksum_mbuf(chain(segs, pkt, lens, nseg), off, len, &sum);

	return (uint32_t)(rc & 0xffff) << 16 | sum;
}

uint32_t FN(l4_mbuf)(const uint8_t *pkt, const uint16_t *lens, int nseg, int v6, uint16_t l4_off)
{
	struct rte_mbuf segs[MAX_SEGS];
	const struct rte_mbuf *m = chain(segs, pkt, lens, nseg);

	if (v6) {
		const struct rte_ipv6_hdr *h = (const struct rte_ipv6_hdr *)pkt;

		return (uint32_t)rte_ipv6_udptcp_cksum_mbuf(m, h, l4_off) << 16 |
		       (uint32_t)(rte_ipv6_udptcp_cksum_mbuf_verify(m, h, l4_off) & 0xffff);
	}
	return (uint32_t)rte_ipv4_udptcp_cksum_mbuf(m, (const struct rte_ipv4_hdr *)pkt, l4_off) << 16 |
	       (uint32_t)(rte_ipv4_udptcp_cksum_mbuf_verify(m, (const struct rte_ipv4_hdr *)pkt,
							    l4_off) & 0xffff);
}

int FN(next_ext)(const uint8_t *p, int proto, size_t *len)
{
	return rte_ipv6_get_next_ext(p, proto, len);
}
