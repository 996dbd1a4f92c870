/* SPDX-License-Identifier: BSD-3-Clause
 * rte_ip.h, rte_tcp.h, rte_udp.h and rte_ether.h (DPDK 22.11): header
 * layouts, the Internet checksum on known vectors (RFC 1071's example, a
 * textbook IPv4 header, UDP and TCP segments, UDP over IPv6) flat and in
 * chained mbufs, IPv6 extension headers, address text and VLAN tags.
 *
 * The expected checksums were computed independently, by summing the
 * packets as big-endian words (RFC 1071), and are compared as the bytes the
 * checksum field would hold, so the tests hold on either endianness.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#include "rtetest.h"

static struct rte_mempool *pool;

static int setup(void **state)
{
	(void)state;
	if (rtetest_boot("-l 0") < 0)
		return -1;
	pool = rte_pktmbuf_pool_create("net", 64, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	return pool != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	rte_mempool_free(pool);
	return rte_eal_cleanup();
}

/* A checksum as the two bytes a header field holds: host-order load of them. */
static uint16_t be(uint16_t v)
{
	return rte_cpu_to_be_16(v);
}

/* 192.168.0.1:1024 -> 192.168.0.199:53, UDP payload "hello" (odd length). */
static const uint8_t udp4_pkt[] = {
	0x45, 0x00, 0x00, 0x21, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0xa6, 0x7f,
	0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7,
	0x04, 0x00, 0x00, 0x35, 0x00, 0x0d, 0x35, 0xb4, 'h', 'e', 'l', 'l', 'o',
};

/* 10.0.0.1:12345 -> 10.0.0.2:80, a bare SYN, seq 1, window 65535. */
static const uint8_t tcp4_pkt[] = {
	0x45, 0x00, 0x00, 0x28, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x14, 0x9a,
	0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02,
	0x30, 0x39, 0x00, 0x50, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	0x50, 0x02, 0xff, 0xff, 0x6b, 0x56, 0x00, 0x00,
};

/* 2001:db8::1:5000 -> 2001:db8::2:6000, UDP payload "abc". */
static const uint8_t udp6_pkt[] = {
	0x60, 0x00, 0x00, 0x00, 0x00, 0x0b, 0x11, 0x40,
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
	0x13, 0x88, 0x17, 0x70, 0x00, 0x0b, 0xb5, 0x08, 'a', 'b', 'c',
};

static void test_layouts(void **state)
{
	struct rte_ipv4_hdr ip;

	(void)state;
	assert_int_equal(sizeof(struct rte_ipv4_hdr), 20);
	assert_int_equal(offsetof(struct rte_ipv4_hdr, total_length), 2);
	assert_int_equal(offsetof(struct rte_ipv4_hdr, fragment_offset), 6);
	assert_int_equal(offsetof(struct rte_ipv4_hdr, next_proto_id), 9);
	assert_int_equal(offsetof(struct rte_ipv4_hdr, hdr_checksum), 10);
	assert_int_equal(offsetof(struct rte_ipv4_hdr, dst_addr), 16);
	assert_int_equal(sizeof(struct rte_ipv6_hdr), 40);
	assert_int_equal(offsetof(struct rte_ipv6_hdr, proto), 6);
	assert_int_equal(offsetof(struct rte_ipv6_hdr, src_addr), 8);
	assert_int_equal(offsetof(struct rte_ipv6_hdr, dst_addr), 24);
	assert_int_equal(sizeof(struct rte_ipv6_fragment_ext), 8);
	assert_int_equal(RTE_IPV6_FRAG_HDR_SIZE, 8);
	assert_int_equal(sizeof(struct rte_tcp_hdr), 20);
	assert_int_equal(offsetof(struct rte_tcp_hdr, tcp_flags), 13);
	assert_int_equal(offsetof(struct rte_tcp_hdr, cksum), 16);
	assert_int_equal(sizeof(struct rte_udp_hdr), 8);
	assert_int_equal(offsetof(struct rte_udp_hdr, dgram_cksum), 6);
	/* the version/ihl bit-fields alias version_ihl's nibbles */
	memset(&ip, 0, sizeof(ip));
	ip.version_ihl = RTE_IPV4_VHL_DEF;
	assert_int_equal(ip.version_ihl, 0x45);
	assert_int_equal(ip.version, 4);
	assert_int_equal(ip.ihl, 5);
	assert_int_equal(rte_ipv4_hdr_len(&ip), 20);
	ip.version_ihl = 0x4f;
	assert_int_equal(rte_ipv4_hdr_len(&ip), 60);
	assert_int_equal(RTE_IPV4(192, 168, 0, 1), 0xc0a80001);
	assert_true(RTE_IS_IPV4_MCAST(RTE_IPV4(239, 1, 2, 3)));
	assert_false(RTE_IS_IPV4_MCAST(RTE_IPV4(240, 0, 0, 0)));
	assert_int_equal(RTE_IPV4_HDR_DF_FLAG, 0x4000);
	assert_int_equal(RTE_IPV4_HDR_MF_FLAG, 0x2000);
	assert_int_equal(RTE_IPV4_HDR_OFFSET_MASK, 0x1fff);
	assert_int_equal(RTE_IPV6_HDR_TC_MASK, 0x0ff00000);
	assert_int_equal(RTE_IPV6_HDR_FL_MASK, 0x000fffff);
	assert_int_equal(RTE_TCP_SYN_FLAG | RTE_TCP_ACK_FLAG, 0x12);
}

static void test_raw_cksum_rfc1071(void **state)
{
	/* RFC 1071 section 3: these words sum to 0x2ddf0, folded 0xddf2. */
	static const uint8_t words[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	uint8_t odd[9];

	(void)state;
	assert_int_equal(rte_raw_cksum(words, sizeof(words)), be(0xddf2));
	assert_int_equal(__rte_raw_cksum_reduce(__rte_raw_cksum(words, sizeof(words), 0)),
			 be(0xddf2));
	assert_int_equal(rte_raw_cksum(words, 0), 0);
	/* the first fold can carry again: 0x1ffff -> 0x10000 -> 1 */
	assert_int_equal(__rte_raw_cksum_reduce(0x1ffff), 1);
	assert_int_equal(__rte_raw_cksum_reduce(0xffffffff), 0xffff);
	/* an odd tail byte is the high half of a big-endian word */
	memcpy(odd, words, sizeof(words));
	odd[8] = 0x01;
	assert_int_equal(rte_raw_cksum(odd, sizeof(odd)), be(0xdef2));
	/* from an odd address: no alignment assumed */
	memset(odd, 0, sizeof(odd));
	memcpy(odd + 1, words, sizeof(words));
	assert_int_equal(rte_raw_cksum(odd + 1, sizeof(words)), be(0xddf2));
}

static void test_ipv4_cksum(void **state)
{
	/* The IPv4 header of Wikipedia's "IPv4 header checksum" example: 0xb861. */
	uint8_t hdr[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
			    0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7 };
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)hdr;

	(void)state;
	/* with the checksum in place the header sums to 0xffff */
	assert_int_equal(rte_ipv4_cksum(ip), 0);
	ip->hdr_checksum = 0;
	assert_int_equal(rte_ipv4_cksum(ip), be(0xb861));
	memcpy(hdr, udp4_pkt, 20);
	ip->hdr_checksum = 0;
	assert_int_equal(rte_ipv4_cksum(ip), be(0xa67f));
}

static void test_ipv4_udptcp_cksum(void **state)
{
	uint8_t pkt[sizeof(tcp4_pkt)];
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)pkt;
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(pkt + 20);
	struct rte_tcp_hdr *tcp = (struct rte_tcp_hdr *)(pkt + 20);

	(void)state;
	memcpy(pkt, udp4_pkt, sizeof(udp4_pkt));
	assert_int_equal(rte_ipv4_udptcp_cksum_verify(ip, udp), 0);
	assert_int_equal(rte_ipv4_phdr_cksum(ip, 0), be(0x8237));
	udp->dgram_cksum = 0;
	assert_int_equal(rte_ipv4_udptcp_cksum(ip, udp), be(0x35b4));
	assert_int_equal(rte_ipv4_udptcp_cksum_verify(ip, udp), -1);
	udp->dgram_cksum = be(0x35b4);
	pkt[sizeof(udp4_pkt) - 1] ^= 1; /* one payload bit */
	assert_int_equal(rte_ipv4_udptcp_cksum_verify(ip, udp), -1);

	memcpy(pkt, tcp4_pkt, sizeof(tcp4_pkt));
	assert_int_equal(rte_ipv4_udptcp_cksum_verify(ip, tcp), 0);
	assert_int_equal(rte_ipv4_phdr_cksum(ip, 0), be(0x141d));
	/* under TSO the pseudo-header carries no length: the NIC adds each segment's */
	assert_int_equal(rte_ipv4_phdr_cksum(ip, RTE_MBUF_F_TX_TCP_SEG), be(0x1409));
	tcp->cksum = 0;
	assert_int_equal(rte_ipv4_udptcp_cksum(ip, tcp), be(0x6b56));
	/* total_length == header length: the pseudo-header alone (L4 length 0) */
	ip->total_length = be(20);
	assert_int_equal(rte_ipv4_udptcp_cksum(ip, tcp), (uint16_t)~rte_ipv4_phdr_cksum(ip, 0));
	/* a total_length shorter than the header: DPDK's dummy sum 0, complemented */
	ip->total_length = be(19);
	assert_int_equal(rte_ipv4_udptcp_cksum(ip, tcp), 0xffff);
	assert_int_equal(rte_ipv4_udptcp_cksum_verify(ip, tcp), -1);
}

static void test_udp_zero_cksum_sent_as_ffff(void **state)
{
	/* 7 -> 9 with a 2-byte payload chosen so that the checksum computes to 0 */
	uint8_t pkt[30];
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)pkt;
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(pkt + 20);
	static const uint8_t l4[10] = { 0x00, 0x07, 0x00, 0x09, 0x00, 0x0a, 0x00, 0x00,
					0x7d, 0xb1 };

	(void)state;
	memcpy(pkt, udp4_pkt, 20);
	ip->total_length = be(30);
	memcpy(pkt + 20, l4, sizeof(l4));
	assert_int_equal(rte_ipv4_udptcp_cksum(ip, udp), 0xffff);
	udp->dgram_cksum = 0xffff;
	assert_int_equal(rte_ipv4_udptcp_cksum_verify(ip, udp), 0);
	/* TCP has no "no checksum" value: 0 stays 0 (the protocol changes the sum) */
	ip->next_proto_id = IPPROTO_TCP;
	udp->dgram_cksum = 0;
	assert_int_not_equal(rte_ipv4_udptcp_cksum(ip, udp), 0xffff);
}

static void test_ipv6_udptcp_cksum(void **state)
{
	uint8_t pkt[sizeof(udp6_pkt)];
	struct rte_ipv6_hdr *ip6 = (struct rte_ipv6_hdr *)pkt;
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(pkt + 40);

	(void)state;
	memcpy(pkt, udp6_pkt, sizeof(pkt));
	assert_int_equal(rte_ipv6_udptcp_cksum_verify(ip6, udp), 0);
	assert_int_equal(rte_ipv6_phdr_cksum(ip6, 0), be(0x5b91));
	assert_int_equal(rte_ipv6_phdr_cksum(ip6, RTE_MBUF_F_TX_TCP_SEG), be(0x5b86));
	udp->dgram_cksum = 0;
	assert_int_equal(rte_ipv6_udptcp_cksum(ip6, udp), be(0xb508));
	assert_int_equal(rte_ipv6_udptcp_cksum_verify(ip6, udp), -1);
}

/* pkt split into mbufs at the given lengths; NULL if the pool ran dry. */
static struct rte_mbuf *chain_of(const uint8_t *pkt, const uint16_t *lens, unsigned int n)
{
	struct rte_mbuf *head = NULL, *prev = NULL;

	for (unsigned int i = 0; i < n; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
		char *p;

		assert_non_null(m);
		p = rte_pktmbuf_append(m, lens[i]);
		assert_non_null(p);
		memcpy(p, pkt, lens[i]);
		pkt += lens[i];
		if (head == NULL) {
			head = m;
		} else {
			prev->next = m;
			head->nb_segs++;
			head->pkt_len += lens[i];
		}
		prev = m;
	}
	return head;
}

static void test_cksum_mbuf(void **state)
{
	static const uint16_t flat[] = { sizeof(tcp4_pkt) };
	static const uint16_t even[] = { 20, 10, 10 };
	static const uint16_t odd[] = { 23, 3, 14 };
	static const uint16_t *const splits[] = { flat, even, odd };
	static const unsigned int nsplits[] = { 1, 3, 3 };
	const struct rte_ipv4_hdr *ip = (const struct rte_ipv4_hdr *)tcp4_pkt;
	const struct rte_ipv6_hdr *ip6 = (const struct rte_ipv6_hdr *)udp6_pkt;
	static const uint16_t six[] = { 41, 3, 7 };
	struct rte_mbuf *m;
	uint16_t raw;

	(void)state;
	for (unsigned int i = 0; i < 3; i++) {
		m = chain_of(tcp4_pkt, splits[i], nsplits[i]);
		assert_int_equal(m->pkt_len, sizeof(tcp4_pkt));
		assert_int_equal(rte_ipv4_udptcp_cksum_mbuf_verify(m, ip, 20), 0);
		raw = 0x5a5a;
		assert_int_equal(rte_raw_cksum_mbuf(m, 20, 20, &raw), 0);
		assert_int_equal(raw, rte_raw_cksum(tcp4_pkt + 20, 20));
		/* a range that starts and ends inside segments */
		assert_int_equal(rte_raw_cksum_mbuf(m, 10, 15, &raw), 0);
		assert_int_equal(raw, rte_raw_cksum(tcp4_pkt + 10, 15));
		/* past the end: -1 and nothing written; l4_off past it: dummy 0, complemented */
		raw = 0x5a5a;
		assert_int_equal(rte_raw_cksum_mbuf(m, 21, 20, &raw), -1);
		assert_int_equal(raw, 0x5a5a);
		assert_int_equal(rte_ipv4_udptcp_cksum_mbuf(m, ip, sizeof(tcp4_pkt) + 1), 0xffff);
		assert_int_equal(rte_ipv4_udptcp_cksum_mbuf_verify(m, ip, sizeof(tcp4_pkt) + 1), -1);
		rte_pktmbuf_free(m);
	}
	/* a chain whose segments hold less than its pkt_len: -1, not a read past them */
	m = chain_of(tcp4_pkt, even, 3);
	m->pkt_len += 10;
	raw = 0x5a5a;
	assert_int_equal(rte_raw_cksum_mbuf(m, 42, 4, &raw), -1);
	assert_int_equal(rte_raw_cksum_mbuf(m, 0, 45, &raw), -1);
	assert_int_equal(raw, 0x5a5a);
	m->pkt_len -= 10;
	rte_pktmbuf_free(m);

	m = chain_of(udp6_pkt, six, 3);
	assert_int_equal(rte_ipv6_udptcp_cksum_mbuf_verify(m, ip6, 40), 0);
	assert_int_equal(rte_ipv6_udptcp_cksum_mbuf(m, ip6, 40), 0xffff); /* ~0, UDP */
	rte_pktmbuf_free(m);
}

/*
 * The chained variants give the flat ones' results on packets whose sums
 * carry (0xff-heavy payloads), split at even offsets; and their edges: an
 * L4 offset at the very end (empty L4 data, pseudo-header only) or past it.
 */
static void test_cksum_mbuf_matches_flat(void **state)
{
	static const uint16_t splits[][3] = { { 300, 0, 0 }, { 40, 100, 160 }, { 60, 2, 238 } };
	uint8_t pkt[300];
	struct rte_ipv6_hdr *ip6 = (struct rte_ipv6_hdr *)pkt;
	struct rte_ipv4_hdr *ip4 = (struct rte_ipv4_hdr *)pkt;
	struct rte_mbuf *m;

	(void)state;
	for (size_t k = 0; k < 8 * RTE_DIM(splits); k++) {
		size_t fill = k / RTE_DIM(splits), i = k % RTE_DIM(splits);
		unsigned int n = splits[i][1] ? 3 : 1;

		for (size_t b = 0; b < sizeof(pkt); b++)
			pkt[b] = fill == 0 ? 0xff : (uint8_t)(0xff - (b * (fill + 1)) % 37);
		memcpy(pkt, udp6_pkt, 40);
		ip6->payload_len = be(260);
		m = chain_of(pkt, splits[i], n);
		assert_int_equal(rte_ipv6_udptcp_cksum_mbuf(m, ip6, 40),
				 rte_ipv6_udptcp_cksum(ip6, pkt + 40));
		rte_pktmbuf_free(m);

		memcpy(pkt, udp4_pkt, 20);
		ip4->total_length = be(300);
		m = chain_of(pkt, splits[i], n);
		assert_int_equal(rte_ipv4_udptcp_cksum_mbuf(m, ip4, 20),
				 rte_ipv4_udptcp_cksum(ip4, pkt + 20));
		rte_pktmbuf_free(m);
	}

	/* an L3 length past the mbuf's end: dummy sum 0, so 0xffff (TCP and UDP alike) */
	memcpy(pkt, tcp4_pkt, sizeof(tcp4_pkt));
	m = chain_of(pkt, (const uint16_t[]){ sizeof(tcp4_pkt) }, 1);
	ip4->total_length = be(sizeof(tcp4_pkt) + 1);
	assert_int_equal(rte_ipv4_udptcp_cksum_mbuf(m, ip4, 20), 0xffff);
	assert_int_equal(rte_ipv4_udptcp_cksum_mbuf_verify(m, ip4, 20), -1);
	/* an L4 offset at the end with nothing after the header: pseudo-header alone */
	ip4->total_length = be(20);
	assert_int_equal(rte_ipv4_udptcp_cksum_mbuf(m, ip4, sizeof(tcp4_pkt)),
			 (uint16_t)~rte_ipv4_phdr_cksum(ip4, 0));
	rte_pktmbuf_free(m);
	memcpy(pkt, udp6_pkt, sizeof(udp6_pkt));
	m = chain_of(pkt, (const uint16_t[]){ sizeof(udp6_pkt) }, 1);
	ip6->payload_len = be(12);
	ip6->proto = IPPROTO_TCP;
	assert_int_equal(rte_ipv6_udptcp_cksum_mbuf(m, ip6, 40), 0xffff);
	assert_int_equal(rte_ipv6_udptcp_cksum_mbuf_verify(m, ip6, 40), -1);
	rte_pktmbuf_free(m);

	/* header only: the L4 sum is the pseudo-header's alone */
	memcpy(pkt, udp6_pkt, 40);
	ip6->payload_len = 0;
	m = chain_of(pkt, (const uint16_t[]){ 40 }, 1);
	assert_int_equal(rte_ipv6_udptcp_cksum_mbuf(m, ip6, 40),
			 (uint16_t)~rte_ipv6_phdr_cksum(ip6, 0));
	/* past the end: DPDK's dummy sum 0, so the result is 0xffff and verify fails */
	assert_int_equal(rte_ipv6_udptcp_cksum_mbuf(m, ip6, 41), 0xffff);
	assert_int_equal(rte_ipv6_udptcp_cksum_mbuf_verify(m, ip6, 41), -1);
	rte_pktmbuf_free(m);
}

/*
 * DPDK 22.11 truncates the sum of a segment that starts at an odd offset of
 * the range to 16 bits before byte-swapping it. rtemem keeps that, so that
 * a program gets DPDK's numbers; here a 200-byte 0xff segment at offset 3
 * (sum 0x63ff9c) makes the difference. Values for a little-endian load.
 */
static void test_cksum_mbuf_dpdk_truncation(void **state)
{
#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN
	static const uint16_t lens[] = { 3, 200, 5 };
	uint8_t pkt[208];
	struct rte_mbuf *m;
	uint16_t raw = 0;

	(void)state;
	memset(pkt, 0xff, sizeof(pkt));
	memcpy(pkt, "\x01\x02\x03", 3);
	memcpy(pkt + 203, "\x10\x20\x30\x40\x50", 5);
	m = chain_of(pkt, lens, 3);
	assert_int_equal(rte_raw_cksum_mbuf(m, 0, sizeof(pkt), &raw), 0);
	assert_int_equal(raw, 0x2f64);                               /* DPDK's */
	assert_int_equal(rte_raw_cksum(pkt, sizeof(pkt)), 0x9264); /* the true sum */
	rte_pktmbuf_free(m);
#else
	(void)state;
	skip();
#endif
}

static void test_ipv6_ext(void **state)
{
	/* hop-by-hop (len 1: 16 bytes) -> AH (len 4: 24 bytes) -> fragment -> UDP */
	static const uint8_t hbh[] = { IPPROTO_AH, 1 };
	static const uint8_t ah[] = { IPPROTO_FRAGMENT, 4 };
	static const uint8_t frag[] = { IPPROTO_UDP, 0 };
	size_t len = 0x5a5a;

	(void)state;
	assert_int_equal(rte_ipv6_get_next_ext(hbh, IPPROTO_HOPOPTS, &len), IPPROTO_AH);
	assert_int_equal(len, 16);
	assert_int_equal(rte_ipv6_get_next_ext(ah, IPPROTO_AH, &len), IPPROTO_FRAGMENT);
	assert_int_equal(len, 24);
	assert_int_equal(rte_ipv6_get_next_ext(hbh, IPPROTO_ROUTING, &len), IPPROTO_AH);
	assert_int_equal(len, 16);
	assert_int_equal(rte_ipv6_get_next_ext(hbh, IPPROTO_DSTOPTS, &len), IPPROTO_AH);
	assert_int_equal(len, 16);
	assert_int_equal(rte_ipv6_get_next_ext(frag, IPPROTO_FRAGMENT, &len), IPPROTO_UDP);
	assert_int_equal(len, 8);
	len = 0x5a5a;
	assert_int_equal(rte_ipv6_get_next_ext(frag, IPPROTO_UDP, &len), -EINVAL);
	assert_int_equal(len, 0x5a5a);
	/* frag_data: offset 1480 bytes, more fragments */
	assert_int_equal(RTE_IPV6_SET_FRAG_DATA(1480, 1), 1481);
	assert_int_equal(RTE_IPV6_GET_FO(1481), 185); /* in 8-byte units */
	assert_int_equal(RTE_IPV6_GET_MF(1481), 1);
	assert_int_equal(RTE_IPV6_SET_FRAG_DATA(1481, 2), 1480);
}

static void test_ether_unformat(void **state)
{
	static const struct {
		const char *text;
		uint8_t addr[6];
	} good[] = {
		{ "00:11:22:33:44:55", { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 } },
		{ "AB:cd:EF:01:23:45", { 0xab, 0xcd, 0xef, 0x01, 0x23, 0x45 } },
		{ "0011:2233:4455", { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 } },
		{ "fFfF:0000:a1B2", { 0xff, 0xff, 0x00, 0x00, 0xa1, 0xb2 } },
		{ "99:09:90:9A:a9:f0", { 0x99, 0x09, 0x90, 0x9a, 0xa9, 0xf0 } },
	};
	/* What DPDK 22.11's parser refuses (checked against librte_net). */
	static const char *const bad[] = {
		"", "0:1:2:3:4:5", "00-11-22-33-44-55", "0011-2233-4455", "0011.2233.4455",
		"00:11:22:33:44", "00:11:22:33:44:55:66", "00:11:22:33:44:55 ", " 00:11:22:33:44:55",
		"00:11:22:33:44:5g", "000:11:22:33:44:55", "011:2233:4455", "0011:2233:44556",
		"00:11:22:33:44:", ":00:11:22:33:44:55",
	};
	struct rte_ether_addr a;

	(void)state;
	for (size_t i = 0; i < RTE_DIM(good); i++) {
		memset(&a, 0xa5, sizeof(a));
		rte_errno = 0;
		assert_int_equal(rte_ether_unformat_addr(good[i].text, &a), 0);
		assert_memory_equal(a.addr_bytes, good[i].addr, 6);
		assert_int_equal(rte_errno, 0);
	}
	for (size_t i = 0; i < RTE_DIM(bad); i++) {
		memset(&a, 0xa5, sizeof(a));
		rte_errno = 0;
		assert_int_equal(rte_ether_unformat_addr(bad[i], &a), -1);
		assert_int_equal(rte_errno, EINVAL);
		/* nothing written on failure */
		for (int b = 0; b < 6; b++)
			assert_int_equal(a.addr_bytes[b], 0xa5);
	}
}

static void test_ether_format_and_random(void **state)
{
	const struct rte_ether_addr a = { { 0xab, 0x01, 0x02, 0xc3, 0x04, 0xfe } };
	struct rte_ether_addr back;
	char buf[RTE_ETHER_ADDR_FMT_SIZE + 4];
	unsigned int local = 0, unicast = 0, distinct = 0;
	uint8_t prev[6] = { 0 };

	(void)state;
	memset(buf, 'x', sizeof(buf));
	rte_ether_format_addr(buf, sizeof(buf), &a);
	assert_string_equal(buf, "AB:01:02:C3:04:FE");
	assert_int_equal(rte_ether_unformat_addr(buf, &back), 0);
	assert_true(rte_is_same_ether_addr(&a, &back));
	/* truncated as snprintf: size - 1 characters and the terminator */
	memset(buf, 'x', sizeof(buf));
	rte_ether_format_addr(buf, 10, &a);
	assert_string_equal(buf, "AB:01:02:");
	assert_int_equal(buf[10], 'x');

	for (int i = 0; i < 64; i++) {
		uint8_t r[8];

		memset(r, 0x5a, sizeof(r));
		rte_eth_random_addr(r);
		local += (r[0] & RTE_ETHER_LOCAL_ADMIN_ADDR) != 0;
		unicast += (r[0] & RTE_ETHER_GROUP_ADDR) == 0;
		distinct += memcmp(r, prev, 6) != 0;
		memcpy(prev, r, 6);
		assert_int_equal(r[6], 0x5a); /* six bytes, no more */
		assert_int_equal(r[7], 0x5a);
	}
	assert_int_equal(local, 64);
	assert_int_equal(unicast, 64);
	assert_int_equal(distinct, 64);
}

static void test_ether_predicates(void **state)
{
	struct rte_ether_addr a = { { 0x00, 0x1b, 0x21, 0x01, 0x02, 0x03 } };

	(void)state;
	assert_true(rte_is_universal_ether_addr(&a));
	assert_false(rte_is_local_admin_ether_addr(&a));
	a.addr_bytes[0] = 0x02;
	assert_false(rte_is_universal_ether_addr(&a));
	assert_true(rte_is_local_admin_ether_addr(&a));
	assert_true(rte_is_valid_assigned_ether_addr(&a));
	a.addr_bytes[0] = 0x03; /* multicast */
	assert_false(rte_is_valid_assigned_ether_addr(&a));
	memset(&a, 0, sizeof(a));
	assert_false(rte_is_valid_assigned_ether_addr(&a));
	assert_int_equal(RTE_VLAN_TCI_MAKE(100, 5, 1), 0xb064);
	assert_int_equal(RTE_VLAN_TCI_ID(0xb064), 100);
	assert_int_equal(RTE_VLAN_TCI_PRI(0xb064), 5);
	assert_int_equal(RTE_VLAN_TCI_DEI(0xb064), 1);
	assert_int_equal(RTE_ETHER_TYPE_LLDP, 0x88cc);
	assert_int_equal(RTE_ETHER_TYPE_1588, 0x88f7);
}

/* dst, src, 802.1Q tag 0xb064, IPv4 ethertype, 4 payload bytes. */
static const uint8_t tagged[] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x81, 0x00, 0xb0, 0x64, 0x08, 0x00, 0xde, 0xad,
	0xbe, 0xef,
};
static const uint8_t untagged[] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef,
};

static void test_vlan_strip_insert(void **state)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	struct rte_mbuf *orig = m;
	uint16_t headroom = rte_pktmbuf_headroom(m);

	(void)state;
	memcpy(rte_pktmbuf_append(m, sizeof(tagged)), tagged, sizeof(tagged));
	m->vlan_tci = 0x5a5a;
	assert_int_equal(rte_vlan_strip(m), 0);
	assert_int_equal(m->vlan_tci, 0xb064);
	assert_true(m->ol_flags & RTE_MBUF_F_RX_VLAN);
	assert_true(m->ol_flags & RTE_MBUF_F_RX_VLAN_STRIPPED);
	assert_int_equal(m->pkt_len, sizeof(untagged));
	assert_int_equal(m->data_len, sizeof(untagged));
	assert_memory_equal(rte_pktmbuf_mtod(m, void *), untagged, sizeof(untagged));
	/* no tag left: -1, nothing changed */
	assert_int_equal(rte_vlan_strip(m), -1);
	assert_int_equal(m->pkt_len, sizeof(untagged));

	m->ol_flags |= RTE_MBUF_F_TX_VLAN;
	m->l2_len = 14;
	assert_int_equal(rte_vlan_insert(&m), 0);
	assert_ptr_equal(m, orig);
	assert_int_equal(rte_pktmbuf_headroom(m), headroom);
	assert_int_equal(m->pkt_len, sizeof(tagged));
	assert_memory_equal(rte_pktmbuf_mtod(m, void *), tagged, sizeof(tagged));
	assert_false(m->ol_flags & (RTE_MBUF_F_RX_VLAN_STRIPPED | RTE_MBUF_F_TX_VLAN));
	assert_int_equal(m->l2_len, 18);

	/* shared: the data is not this mbuf's to change */
	rte_mbuf_refcnt_update(m, 1);
	assert_int_equal(rte_vlan_insert(&m), -EINVAL);
	rte_mbuf_refcnt_update(m, -1);
	/* no headroom left */
	rte_pktmbuf_prepend(m, rte_pktmbuf_headroom(m));
	assert_int_equal(rte_vlan_insert(&m), -ENOSPC);
	rte_pktmbuf_free(m);

	/* shorter than the two addresses; exactly them is enough */
	m = rte_pktmbuf_alloc(pool);
	rte_pktmbuf_append(m, 11);
	assert_int_equal(rte_vlan_insert(&m), -EINVAL);
	rte_pktmbuf_append(m, 1);
	assert_int_equal(rte_vlan_insert(&m), 0);
	rte_pktmbuf_free(m);

	/* the tunnel type (ol_flags bits 45-48) decides which L2 length grows */
	{
		static const uint64_t flags[] = { 1ULL << 45, 8ULL << 45, 1ULL << 44, 1ULL << 49 };

		for (size_t i = 0; i < RTE_DIM(flags); i++) {
			int tunnel = i < 2;

			m = rte_pktmbuf_alloc(pool);
			memcpy(rte_pktmbuf_append(m, sizeof(untagged)), untagged, sizeof(untagged));
			m->ol_flags = flags[i];
			m->l2_len = 14;
			m->outer_l2_len = 14;
			assert_int_equal(rte_vlan_insert(&m), 0);
			assert_int_equal(m->outer_l2_len, tunnel ? 18 : 14);
			assert_int_equal(m->l2_len, tunnel ? 14 : 18);
			rte_pktmbuf_free(m);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_raw_cksum_rfc1071),
		cmocka_unit_test(test_ipv4_cksum),
		cmocka_unit_test(test_ipv4_udptcp_cksum),
		cmocka_unit_test(test_udp_zero_cksum_sent_as_ffff),
		cmocka_unit_test(test_ipv6_udptcp_cksum),
		cmocka_unit_test(test_cksum_mbuf),
		cmocka_unit_test(test_cksum_mbuf_matches_flat),
		cmocka_unit_test(test_cksum_mbuf_dpdk_truncation),
		cmocka_unit_test(test_ipv6_ext),
		cmocka_unit_test(test_ether_unformat),
		cmocka_unit_test(test_ether_format_and_random),
		cmocka_unit_test(test_ether_predicates),
		cmocka_unit_test(test_vlan_strip_insert),
	};

	return cmocka_run_group_tests_name("net", tests, setup, teardown);
}
