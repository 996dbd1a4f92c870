/* SPDX-License-Identifier: BSD-3-Clause
 * Packet sources for emulated NICs: the "wire" a device model receives
 * from. Two kinds: a pcap file replayed frame by frame (libpcap), and a
 * generator of IPv4/UDP frames whose sizes, flows and payload are a pure
 * function of (config, frame index), so a receiver can rebuild any frame
 * and compare it byte for byte.
 */
#ifndef RTEMEM_PKT_SOURCE_H
#define RTEMEM_PKT_SOURCE_H

#include <stddef.h>
#include <stdint.h>

/* Largest frame a source hands out (the X710 accepts up to 9728 bytes). */
#define PKT_SOURCE_MAX_FRAME 9728
#define PKT_GEN_MIN_FRAME 60 /* Ethernet minimum without FCS */
#define PKT_GEN_HDR_LEN 42   /* Ethernet + IPv4 + UDP */

struct pkt_gen_config {
	uint64_t count;       /* frames to produce (0: endless) */
	uint32_t min_len;     /* frame length range, without FCS */
	uint32_t max_len;
	const uint32_t *sizes; /* if not NULL: lengths used in turn (n_sizes of them) */
	unsigned int n_sizes;
	uint32_t flows;       /* distinct UDP flows (source port/address), >= 1 */
	uint64_t seed;        /* payload pattern and random lengths */
	uint8_t dst_mac[6];
	uint8_t src_mac[6];
};

struct pkt_source;

/* Replay the frames of a pcap file (Ethernet link type). NULL + errno on failure. */
struct pkt_source *pkt_source_pcap_open(const char *path);
/* A generator; the config (and its sizes array) is copied. NULL + errno. */
struct pkt_source *pkt_source_gen_create(const struct pkt_gen_config *cfg);
/* Frames handed out from a caller's array of buffers (not copied; must outlive the source). */
struct pkt_source *pkt_source_mem_create(const uint8_t *const *frames, const uint32_t *lens,
					 unsigned int n);
void pkt_source_free(struct pkt_source *src);

/*
 * Copy the next frame into buf (cap bytes). Returns 1 and sets *len, 0 when
 * the source is exhausted, or a negative errno (-EMSGSIZE: the frame was
 * longer than cap and is skipped).
 */
int pkt_source_next(struct pkt_source *src, uint8_t *buf, size_t cap, uint32_t *len);
/* Frames handed out so far. */
uint64_t pkt_source_position(const struct pkt_source *src);

/*
 * Build frame number idx of a generator config into buf. Returns its length,
 * or a negative errno (-EINVAL bad config, -EMSGSIZE cap too small).
 * Bytes 42..49 of the frame (the UDP payload) hold idx, big-endian, so a
 * receiver can tell which frame it got.
 */
int pkt_gen_frame(const struct pkt_gen_config *cfg, uint64_t idx, uint8_t *buf, size_t cap);
/* Length of frame idx (the same as pkt_gen_frame returns). */
int pkt_gen_frame_len(const struct pkt_gen_config *cfg, uint64_t idx);
/* The frame index stored in a generated frame, or -1 if it is too short. */
int64_t pkt_gen_frame_index(const uint8_t *frame, uint32_t len);

/* Write the generator's count frames to a pcap file. 0 or -errno. */
int pkt_gen_write_pcap(const struct pkt_gen_config *cfg, const char *path);

#endif
