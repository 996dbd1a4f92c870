/* SPDX-License-Identifier: BSD-3-Clause
 * Packet sources: pcap replay, a deterministic frame generator, and frames
 * from memory (for tests).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "pkt_source.h"

enum pkt_source_kind { SRC_PCAP, SRC_GEN, SRC_MEM };

struct pkt_source {
	enum pkt_source_kind kind;
	uint64_t pos;
	pcap_t *pcap;
	struct pkt_gen_config gen;
	uint32_t *gen_sizes; /* our copy of gen.sizes */
	const uint8_t *const *mem_frames;
	const uint32_t *mem_lens;
	unsigned int mem_n;
};

/* ---- the generator ------------------------------------------------------ */

/* splitmix64: a good 64-bit mix, so frame idx's bytes do not depend on idx - 1. */
static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static int gen_config_check(const struct pkt_gen_config *cfg)
{
	if (cfg == NULL || cfg->flows == 0)
		return -EINVAL;
	if (cfg->sizes != NULL) {
		if (cfg->n_sizes == 0)
			return -EINVAL;
		for (unsigned int i = 0; i < cfg->n_sizes; i++)
			if (cfg->sizes[i] < PKT_GEN_MIN_FRAME || cfg->sizes[i] > PKT_SOURCE_MAX_FRAME)
				return -EINVAL;
		return 0;
	}
	if (cfg->min_len < PKT_GEN_MIN_FRAME || cfg->max_len > PKT_SOURCE_MAX_FRAME ||
	    cfg->min_len > cfg->max_len)
		return -EINVAL;
	return 0;
}

int pkt_gen_frame_len(const struct pkt_gen_config *cfg, uint64_t idx)
{
	if (gen_config_check(cfg) < 0)
		return -EINVAL;
	if (cfg->sizes != NULL)
		return (int)cfg->sizes[idx % cfg->n_sizes];
	return (int)(cfg->min_len + mix64(cfg->seed ^ (idx * 2 + 1)) %
		     (cfg->max_len - cfg->min_len + 1));
}

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint16_t ipv4_checksum(const uint8_t *hdr, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(hdr[i] << 8 | hdr[i + 1]);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

int pkt_gen_frame(const struct pkt_gen_config *cfg, uint64_t idx, uint8_t *buf, size_t cap)
{
	int len = pkt_gen_frame_len(cfg, idx);
	uint32_t flow;
	uint8_t *ip, *udp;
	uint64_t word = 0;

	if (len < 0)
		return len;
	if (buf == NULL || cap < (size_t)len)
		return -EMSGSIZE;
	flow = (uint32_t)(idx % cfg->flows);

	memcpy(buf, cfg->dst_mac, 6);
	memcpy(buf + 6, cfg->src_mac, 6);
	put_be16(buf + 12, 0x0800);

	ip = buf + 14;
	ip[0] = 0x45;
	ip[1] = 0;
	put_be16(ip + 2, (uint16_t)(len - 14));
	put_be16(ip + 4, (uint16_t)idx);
	put_be16(ip + 6, 0x4000); /* don't fragment */
	ip[8] = 64;
	ip[9] = 17; /* UDP */
	put_be16(ip + 10, 0);
	ip[12] = 10;                       /* source 10.x.y.z: one per flow */
	ip[13] = (uint8_t)(flow >> 16);
	ip[14] = (uint8_t)(flow >> 8);
	ip[15] = (uint8_t)flow;
	ip[16] = 192;                      /* destination 192.0.2.1 */
	ip[17] = 0;
	ip[18] = 2;
	ip[19] = 1;
	put_be16(ip + 10, ipv4_checksum(ip, 20));

	udp = ip + 20;
	put_be16(udp, (uint16_t)(1024 + flow % 60000));
	put_be16(udp + 2, 9000);
	put_be16(udp + 4, (uint16_t)(len - 34));
	put_be16(udp + 6, 0); /* no checksum */

	for (int i = 0; i < 8; i++)
		buf[PKT_GEN_HDR_LEN + i] = (uint8_t)(idx >> (56 - 8 * i));
	for (int off = PKT_GEN_HDR_LEN + 8; off < len; off++) {
		int k = (off - PKT_GEN_HDR_LEN) % 8;

		if (k == 0)
			word = mix64(cfg->seed * 0x100000001b3ULL ^ idx ^ ((uint64_t)off << 40));
		buf[off] = (uint8_t)(word >> (8 * k));
	}
	return len;
}

int64_t pkt_gen_frame_index(const uint8_t *frame, uint32_t len)
{
	uint64_t idx = 0;

	if (frame == NULL || len < PKT_GEN_HDR_LEN + 8)
		return -1;
	for (int i = 0; i < 8; i++)
		idx = idx << 8 | frame[PKT_GEN_HDR_LEN + i];
	return (int64_t)(idx & INT64_MAX);
}

/* ---- sources ------------------------------------------------------------ */

struct pkt_source *pkt_source_gen_create(const struct pkt_gen_config *cfg)
{
	struct pkt_source *src;

	if (gen_config_check(cfg) < 0) {
		errno = EINVAL;
		return NULL;
	}
	src = calloc(1, sizeof(*src));
	if (src == NULL)
		return NULL;
	src->kind = SRC_GEN;
	src->gen = *cfg;
	if (cfg->sizes != NULL) {
		src->gen_sizes = malloc(cfg->n_sizes * sizeof(*cfg->sizes));
		if (src->gen_sizes == NULL) {
			free(src);
			return NULL;
		}
		memcpy(src->gen_sizes, cfg->sizes, cfg->n_sizes * sizeof(*cfg->sizes));
		src->gen.sizes = src->gen_sizes;
	}
	return src;
}

struct pkt_source *pkt_source_pcap_open(const char *path)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pkt_source *src;
	pcap_t *p;

	if (path == NULL) {
		errno = EINVAL;
		return NULL;
	}
	p = pcap_open_offline(path, err);
	if (p == NULL) {
		errno = ENOENT;
		return NULL;
	}
	if (pcap_datalink(p) != DLT_EN10MB) {
		pcap_close(p);
		errno = EPROTONOSUPPORT;
		return NULL;
	}
	src = calloc(1, sizeof(*src));
	if (src == NULL) {
		pcap_close(p);
		return NULL;
	}
	src->kind = SRC_PCAP;
	src->pcap = p;
	return src;
}

struct pkt_source *pkt_source_mem_create(const uint8_t *const *frames, const uint32_t *lens,
					 unsigned int n)
{
	struct pkt_source *src;

	if ((frames == NULL || lens == NULL) && n > 0) {
		errno = EINVAL;
		return NULL;
	}
	src = calloc(1, sizeof(*src));
	if (src == NULL)
		return NULL;
	src->kind = SRC_MEM;
	src->mem_frames = frames;
	src->mem_lens = lens;
	src->mem_n = n;
	return src;
}

void pkt_source_free(struct pkt_source *src)
{
	if (src == NULL)
		return;
	if (src->pcap != NULL)
		pcap_close(src->pcap);
	free(src->gen_sizes);
	free(src);
}

uint64_t pkt_source_position(const struct pkt_source *src)
{
	return src == NULL ? 0 : src->pos;
}

static int pcap_next_frame(struct pkt_source *src, uint8_t *buf, size_t cap, uint32_t *len)
{
	struct pcap_pkthdr *hdr;
	const u_char *data;
	int rc = pcap_next_ex(src->pcap, &hdr, &data);

	if (rc == PCAP_ERROR_BREAK)
		return 0;
	if (rc != 1)
		return -EIO;
	if (hdr->caplen > cap)
		return -EMSGSIZE;
	memcpy(buf, data, hdr->caplen);
	*len = hdr->caplen;
	return 1;
}

int pkt_source_next(struct pkt_source *src, uint8_t *buf, size_t cap, uint32_t *len)
{
	int rc;

	if (src == NULL || buf == NULL || len == NULL)
		return -EINVAL;
	switch (src->kind) {
	case SRC_PCAP:
		rc = pcap_next_frame(src, buf, cap, len);
		break;
	case SRC_GEN:
		if (src->gen.count != 0 && src->pos >= src->gen.count)
			return 0;
		rc = pkt_gen_frame(&src->gen, src->pos, buf, cap);
		if (rc >= 0) {
			*len = (uint32_t)rc;
			rc = 1;
		}
		break;
	case SRC_MEM:
		if (src->pos >= src->mem_n)
			return 0;
		if (src->mem_lens[src->pos] > cap) {
			rc = -EMSGSIZE;
			break;
		}
		memcpy(buf, src->mem_frames[src->pos], src->mem_lens[src->pos]);
		*len = src->mem_lens[src->pos];
		rc = 1;
		break;
	default:
		return -EINVAL;
	}
	/* A frame that was skipped (too long) still counts as taken from the wire. */
	if (rc == 1 || rc == -EMSGSIZE)
		src->pos++;
	return rc;
}

int pkt_gen_write_pcap(const struct pkt_gen_config *cfg, const char *path)
{
	uint8_t *buf;
	pcap_t *dead;
	pcap_dumper_t *dumper;
	int ret = 0;

	if (gen_config_check(cfg) < 0 || cfg->count == 0 || path == NULL)
		return -EINVAL;
	buf = malloc(PKT_SOURCE_MAX_FRAME);
	if (buf == NULL)
		return -ENOMEM;
	dead = pcap_open_dead(DLT_EN10MB, 65535);
	if (dead == NULL) {
		free(buf);
		return -ENOMEM;
	}
	dumper = pcap_dump_open(dead, path);
	if (dumper == NULL) {
		pcap_close(dead);
		free(buf);
		return -EIO;
	}
	for (uint64_t i = 0; i < cfg->count; i++) {
		struct pcap_pkthdr hdr;
		int len = pkt_gen_frame(cfg, i, buf, PKT_SOURCE_MAX_FRAME);

		if (len < 0) {
			ret = len;
			break;
		}
		memset(&hdr, 0, sizeof(hdr));
		hdr.ts.tv_sec = (time_t)(i / 1000000);
		hdr.ts.tv_usec = (suseconds_t)(i % 1000000);
		hdr.caplen = (bpf_u_int32)len;
		hdr.len = (bpf_u_int32)len;
		pcap_dump((u_char *)dumper, &hdr, buf);
	}
	if (pcap_dump_flush(dumper) != 0 && ret == 0)
		ret = -EIO;
	pcap_dump_close(dumper);
	pcap_close(dead);
	free(buf);
	return ret;
}
