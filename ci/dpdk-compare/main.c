/* SPDX-License-Identifier: BSD-3-Clause
 * ci/check-net-dpdk.sh's driver: rtemem's rte_ip.h checksums, address
 * parsing and packet type names against DPDK 22.11's own, on random
 * packets and strings. The checksums come from side.c built twice; DPDK's
 * library functions are reached with dlopen (RTLD_DEEPBIND, so that they
 * bind to DPDK's libraries, not to rtemem's names of the same spelling).
 * Prints the first difference and exits 1, or a count and exits 0.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_ether.h>
#include <rte_mbuf_ptype.h>

#define SIDE_DECLS(S)                                                                        \
	uint16_t S##_raw(const void *buf, size_t len);                                       \
	uint16_t S##_ipv4_cksum(const void *ip);                                             \
	uint16_t S##_ipv4_phdr(const void *ip, int tso);                                     \
	uint16_t S##_ipv6_phdr(const void *ip, int tso);                                     \
	uint32_t S##_ipv4_l4(const void *ip, const void *l4);                                \
	uint32_t S##_ipv6_l4(const void *ip, const void *l4);                                \
	uint32_t S##_raw_mbuf(const uint8_t *pkt, const uint16_t *lens, int nseg, uint32_t off, \
			      uint32_t len);                                                 \
	uint32_t S##_l4_mbuf(const uint8_t *pkt, const uint16_t *lens, int nseg, int v6,     \
			     uint16_t l4_off);                                               \
	int S##_next_ext(const uint8_t *p, int proto, size_t *len);
SIDE_DECLS(dpdk)
SIDE_DECLS(ours)

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static unsigned long checks;

#define SAME(what, a, b)                                                                     \
	do {                                                                                 \
		unsigned long long a_ = (a), b_ = (b);                                       \
		checks++;                                                                    \
		if (a_ != b_) {                                                              \
			fprintf(stderr, "net-vs-dpdk: %s (iteration %d): dpdk %#llx, rtemem %#llx\n", \
				what, iter, a_, b_);                                         \
			exit(1);                                                             \
		}                                                                            \
	} while (0)

static void *sym(void *lib, const char *name)
{
	void *p = dlsym(lib, name);

	if (p == NULL) {
		fprintf(stderr, "net-vs-dpdk: %s\n", dlerror());
		exit(2);
	}
	return p;
}

/* A random IPv4 or IPv6 packet in pkt, mostly consistent, sometimes not. */
static size_t random_packet(uint8_t *pkt, size_t cap, int v6, uint16_t *l4_off)
{
	size_t l4_len = rnd(300), hdr, n;
	static const uint8_t protos[] = { 6, 17, 1, 132 };

	for (size_t i = 0; i < cap; i++)
		pkt[i] = (uint8_t)rnd(rnd(2) ? 256 : 4) ^ (rnd(4) == 0 ? 0xff : 0);
	if (v6) {
		hdr = 40;
		pkt[0] = 0x60;
		pkt[6] = protos[rnd(4)];
		n = rnd(8) ? l4_len : rnd(300); /* payload_len, now and then wrong */
		pkt[4] = (uint8_t)(n >> 8);
		pkt[5] = (uint8_t)n;
	} else {
		hdr = 4 * (5 + rnd(11));
		pkt[0] = (uint8_t)(0x40 | hdr / 4);
		pkt[9] = protos[rnd(4)];
		n = rnd(8) ? hdr + l4_len : rnd(400);
		pkt[2] = (uint8_t)(n >> 8);
		pkt[3] = (uint8_t)n;
	}
	*l4_off = (uint16_t)hdr;
	return hdr + l4_len + rnd(4);
}

int main(int argc, char **argv)
{
	int iters = argc > 1 ? atoi(argv[1]) : 20000;
	void *net = dlopen("librte_net.so.23", RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
	void *mbuf = dlopen("librte_mbuf.so.23", RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
	int (*d_unformat)(const char *, struct rte_ether_addr *);
	int (*d_ptype_name)(uint32_t, char *, size_t);
	const char *(*d_l3_name)(uint32_t);
	int *d_errno;
	static const char alphabet[] = "0123456789abcdefABCDEFgx:-. ";
	int iter = 0;

	if (net == NULL || mbuf == NULL) {
		fprintf(stderr, "net-vs-dpdk: %s\n", dlerror());
		return 2;
	}
	d_unformat = (int (*)(const char *, struct rte_ether_addr *))sym(net, "rte_ether_unformat_addr");
	d_ptype_name = (int (*)(uint32_t, char *, size_t))sym(mbuf, "rte_get_ptype_name");
	d_l3_name = (const char *(*)(uint32_t))sym(mbuf, "rte_get_ptype_l3_name");
	d_errno = (int *)sym(net, "per_lcore__rte_errno");

	for (iter = 0; iter < iters; iter++) {
		uint8_t pkt[700], ext[4];
		uint16_t lens[8], l4_off;
		int v6 = (int)rnd(2), tso = (int)rnd(2), nseg = 1 + (int)rnd(8);
		size_t len = random_packet(pkt, sizeof(pkt), v6, &l4_off), left = len, elen_d = 0, elen_o = 0;
		const void *l4 = pkt + l4_off;
		char text[24], buf_d[200], buf_o[200];
		struct rte_ether_addr a_d, a_o;
		uint32_t ptype = (uint32_t)rnd(0xffffffffu) & (rnd(2) ? 0x0fffffffu : 0x0f0f0f0fu);
		size_t blen = rnd(2) ? sizeof(buf_d) : rnd(60);
		int rd, ro, proto = rnd(2) ? (int)rnd(256) : (int)(const int[]){ 0, 43, 44, 51, 60 }[rnd(5)];

		/* nseg - 1 random cuts, some segments empty; the last takes the rest */
		for (int s = 0; s < nseg; s++) {
			lens[s] = (uint16_t)(s + 1 < nseg ? rnd((uint32_t)left + 1) : left);
			left -= lens[s];
		}
		SAME("rte_raw_cksum", dpdk_raw(pkt, len), ours_raw(pkt, len));
		if (v6) {
			SAME("rte_ipv6_phdr_cksum", dpdk_ipv6_phdr(pkt, tso), ours_ipv6_phdr(pkt, tso));
			if ((size_t)(pkt[4] << 8 | pkt[5]) + l4_off <= len)
				SAME("rte_ipv6_udptcp_cksum(_verify)", dpdk_ipv6_l4(pkt, l4),
				     ours_ipv6_l4(pkt, l4));
		} else {
			SAME("rte_ipv4_cksum", dpdk_ipv4_cksum(pkt), ours_ipv4_cksum(pkt));
			SAME("rte_ipv4_phdr_cksum", dpdk_ipv4_phdr(pkt, tso), ours_ipv4_phdr(pkt, tso));
			if ((size_t)(pkt[2] << 8 | pkt[3]) <= len)
				SAME("rte_ipv4_udptcp_cksum(_verify)", dpdk_ipv4_l4(pkt, l4),
				     ours_ipv4_l4(pkt, l4));
		}
		{
			uint32_t off = rnd((uint32_t)len + 2), n = rnd((uint32_t)len + 2);

			SAME("rte_raw_cksum_mbuf", dpdk_raw_mbuf(pkt, lens, nseg, off, n),
			     ours_raw_mbuf(pkt, lens, nseg, off, n));
		}
		SAME("rte_ipv4/6_udptcp_cksum_mbuf(_verify)", dpdk_l4_mbuf(pkt, lens, nseg, v6, l4_off),
		     ours_l4_mbuf(pkt, lens, nseg, v6, l4_off));
		ext[0] = (uint8_t)rnd(256);
		ext[1] = (uint8_t)rnd(256);
		SAME("rte_ipv6_get_next_ext", dpdk_next_ext(ext, proto, &elen_d),
		     ours_next_ext(ext, proto, &elen_o));
		SAME("rte_ipv6_get_next_ext length", elen_d, elen_o);

		/* address text: mostly near-valid strings of the two formats */
		{
			size_t tl = rnd(2) ? 17 : rnd(2) ? 14 : rnd(20);

			for (size_t i = 0; i < tl; i++)
				text[i] = rnd(4) ? "0123456789abcdef"[rnd(16)] : alphabet[rnd(sizeof(alphabet) - 1)];
			if (tl == 17 && rnd(4))
				for (size_t i = 2; i < 17; i += 3)
					text[i] = ':';
			if (tl == 14 && rnd(4))
				text[4] = text[9] = ':';
			text[tl] = '\0';
			/* or a valid address, then one character changed, added or cut */
			if (rnd(3) == 0) {
				tl = (size_t)snprintf(text, sizeof(text), rnd(2) ?
						      "%02x:%02X:%02x:%02X:%02x:%02x" : "%02x%02x:%02X%02x:%02x%02x",
						      rnd(256), rnd(256), rnd(256), rnd(256), rnd(256), rnd(256));
				switch (rnd(4)) {
				case 0: text[rnd((uint32_t)tl)] = alphabet[rnd(sizeof(alphabet) - 1)]; break;
				case 1: text[tl] = alphabet[rnd(sizeof(alphabet) - 1)]; text[tl + 1] = '\0'; break;
				case 2: text[tl - 1 - rnd(2)] = '\0'; break;
				default: break;
				}
			}
		}
		*d_errno = 0;
		rte_errno = 0;
		rd = d_unformat(text, &a_d);
		ro = rte_ether_unformat_addr(text, &a_o);
		SAME("rte_ether_unformat_addr", (unsigned)rd, (unsigned)ro);
		SAME("rte_ether_unformat_addr rte_errno", (unsigned)*d_errno, (unsigned)rte_errno);
		if (rd == 0)
			SAME("rte_ether_unformat_addr address", memcmp(a_d.addr_bytes, a_o.addr_bytes, 6), 0);

		memset(buf_d, 'x', sizeof(buf_d));
		memset(buf_o, 'x', sizeof(buf_o));
		SAME("rte_get_ptype_name", (unsigned)d_ptype_name(ptype, buf_d, blen),
		     (unsigned)rte_get_ptype_name(ptype, buf_o, blen));
		SAME("rte_get_ptype_name text", memcmp(buf_d, buf_o, sizeof(buf_d)), 0);
		SAME("rte_get_ptype_l3_name", strcmp(d_l3_name(ptype), rte_get_ptype_l3_name(ptype)), 0);
	}
	printf("net-vs-dpdk: %lu comparisons over %d random packets, strings and types: all equal\n",
	       checks, iters);
	return 0;
}
