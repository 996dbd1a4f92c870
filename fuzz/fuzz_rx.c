/* SPDX-License-Identifier: BSD-3-Clause
 * libFuzzer harness for the i40e receive path on the emulated X710: the
 * input sets up a port (ring size, MTU, scatter, free threshold), then
 * delivers frames of any length and content, receives in bursts of any
 * size, holds mbufs to starve the pool, stops and restarts the queue, and
 * corrupts buffer addresses in descriptors the driver has handed to the
 * device before the device uses them.
 *
 * The input also picks the receive path (scalar, bulk-alloc or vector, as
 * far as the port's settings allow it, as i40e_set_rx_function decides).
 *
 * And it may inject faults into the bring-up (extended setup):
 *   - firmware answers one admin queue command of the sequence probe,
 *     promiscuous enable, start with an error code, or never completes it:
 *     the ethdev call fails with the errno of that code (-ETIMEDOUT for a
 *     stall), or the probe fails; nothing leaks (mbufs, heap blocks) and,
 *     the fault gone, the port comes up as if nothing had happened;
 *   - the queue context is tampered with after the driver wrote it and
 *     before the device fetches it: fields the device must refuse (QLEN
 *     below 2, DBUFF 0, RXMAX 0, header split, HEAD past QLEN) or a segment
 *     descriptor that is invalid, paged or points nowhere: start fails with
 *     -ETIMEDOUT, no queue runs, no mbuf is lost, the HMC says why, and
 *     start succeeds once the context is right; or fields it accepts: a
 *     lower RXMAX (frames above it refused as oversize), a ring base that
 *     does not translate (every frame a DMA error, nothing written, nothing
 *     completed), fields it does not act on (no change).
 *
 * Every frame's fate is predicted from the queue state (device head and
 * tail, RXMAX, buffer size) and checked:
 *   - the device accepts, drops for want of descriptors, refuses an
 *     oversize frame, or (for a buffer address that does not translate)
 *     reports a DMA error without writing anything anywhere;
 *   - the driver hands out the accepted frames in order, never an errored
 *     one; each mbuf chain has pkt_len = sum of data_len, nb_segs = chain
 *     length, every segment inside the mempool's memory with its data
 *     inside its own buffer, and the frame's exact bytes unless a
 *     corruption sent them elsewhere;
 *   - whatever the path, the frame's mbuf fields (ol_flags, packet_type,
 *     VLAN tags, RSS hash, flow director) are what the scalar path makes
 *     of the descriptor the device wrote for it, read when the device
 *     completed it: the paths agree;
 *   - with enough free mbufs a burst returns all it can (the scalar path),
 *     or at least one frame (bulk-alloc and vector, which return what
 *     their stage or their groups of four hold);
 *   - the device owns every descriptor but those completed and not yet
 *     handed out and those the path holds back for its next refill;
 *   - at the end every mbuf is back in the pool and every heap block the
 *     port took is freed.
 *
 * The port is probed once and kept from input to input, configured and
 * started with its queue stopped: an input with the previous one's
 * configuration and no fault only starts the queue, any other stops the port,
 * configures it and sets its queue up again; an input with an admin queue
 * fault closes it first (the fault counts commands from the probe's first)
 * and, like one whose queue setup fails, closes it at its end and probes it
 * again. Every input ends with all mbufs in the pool and the heap holding
 * what it held after the first input, or after a probe.
 *
 * Input layout:
 *   byte 0  ring size: 64 + 32 * (byte % 15); byte / 15 % 3 the fastest
 *           path allowed: scalar, bulk alloc, vector
 *   byte 1  bit 0 scatter, bits 1-3 MTU (table), bits 4-6 rx_free_thresh,
 *           bit 7 the extended setup follows (five bytes):
 *             byte 2  bit 7 an admin queue fault at command (bits 0-6) % 10
 *                     of the sequence (probe 0-6, promiscuous 7, start 8,
 *                     a second start after a refused context 9)
 *             byte 3  its return code, byte % 24 (0: a stall)
 *             byte 4  context tamper, byte % 12 (enum tamper; 0: none)
 *             byte 5-6  the tamper's value (le16)
 *   then operations, an opcode byte and its arguments:
 *     op % 6 == 0  frame: length (le16 % 9800), seed; the first bytes of the
 *                  frame (up to 64) are taken from the input; op / 6 odd:
 *                  a count byte first, the frame comes 1 + count times
 *     op % 6 == 1  burst of 1 + byte % 64; op / 6 odd: keep the mbufs
 *     op % 6 == 2  corrupt the k-th descriptor the device owns: kind, k,
 *                  8 bytes of address
 *     op % 6 == 3  op / 6 even: free the mbufs kept so far; odd: take
 *                  1 + 4 * byte mbufs from the pool and keep them
 *     op % 6 == 4  stop the queue if started; then, for op / 6 even, start it
 *     op % 6 == 5  compare the port's statistics with the model
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_mbuf_ptype.h>
#include <rte_mempool.h>
#include <rte_memzone.h>

#include "ethdev_driver.h"
#include "fuzz_check.h"
#include "fuzz_eal.h"
#include "i40e_adminq.h"
#include "i40e_ethdev.h"
#include "i40e_regs.h"
#include "i40e_rx_fields.h"
#include "i40e_rxd.h"
#include "sim_i40e.h"
#include "sim_machine.h"

/*
 * The model's and the checks' functions carry no coverage (and are not
 * inlined into those that do): their loops over frames, descriptors, mbufs
 * and bytes gave libFuzzer features that counted the model's work, not the
 * driver's paths, and libFuzzer collected and ranked them on every run.
 */
#define ORACLE __attribute__((no_sanitize("coverage"), noinline))

#define POOL_SIZE 1024u
#define POOL_CACHE 256u     /* as applications run it */
#define MAX_FRAME_LEN 9800   /* beyond what the X710 takes */
#define MAX_FRAMES 1024      /* frames the device completed, not yet received */
#define MAX_BURST 64
#define MAX_CHUNKS 8
#define SCRATCH_OFF_MAX 256
#define SCRATCH_TAIL 4096    /* last bytes of the scratch page, kept zero */

static struct rte_mempool *pool;
static struct sim_i40e *dev;
static const struct rte_memzone *scratch; /* a harmless place to send frames */
static size_t hugepage_sz;
static struct { uintptr_t lo, hi; } chunks[MAX_CHUNKS]; /* the pool's memory */
static unsigned int n_chunks;
static unsigned int heap_allocs_at_start;
/*
 * The port stays probed from one input to the next, and configured unless
 * the input's queue setup failed (its queue stopped, every mbuf back, its
 * heap blocks counted): a probe and a close cost more than most inputs. An
 * input with an admin queue fault closes it first (the fault counts from
 * the probe's first command) and at its end; so does one whose queue setup
 * fails; each probes it again at its end (so that libFuzzer sees as many
 * mallocs as frees).
 */
static unsigned int heap_allocs_probed;   /* the port probed, not configured */
static unsigned int heap_allocs_kept;     /* configured, queue stopped; 0: not known yet */

/* ---- input --------------------------------------------------------------- */

struct input {
	const uint8_t *data;
	size_t size, off;
};

static uint8_t get8(struct input *in)
{
	return in->off < in->size ? in->data[in->off++] : 0;
}

static uint64_t get_n(struct input *in, unsigned int n)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < n; i++)
		v |= (uint64_t)get8(in) << (8 * i);
	return v;
}

/* ---- the model ----------------------------------------------------------- */

/* A frame the device completed (its descriptors carry DD). */
struct frame {
	uint32_t len;
	uint8_t seed;
	const uint8_t *head;   /* first bytes, from the input */
	uint32_t head_len;
	bool error;            /* completed with an error: the driver drops it */
	bool redirected;       /* its data went somewhere else: contents unknown */
	uint32_t ndesc;
	uint64_t wb[4];        /* its last descriptor's write-back words */
};

static struct frame frames[MAX_FRAMES];
static unsigned int f_first, f_count;      /* a FIFO */
static struct rte_mbuf *held[POOL_SIZE];
static unsigned int n_held;
/*
 * Per descriptor the device owns: the buffer address a corruption put
 * there. Whether the device can write a frame's piece there depends on
 * the piece's length, so that is decided when the frame comes.
 */
struct corrupted {
	bool set;
	bool at_scratch_end; /* may write into the scratch page's last bytes */
	uint64_t addr;
};

static struct corrupted desc_state[I40E_MAX_RING_DESC];
static uint64_t want_packets, want_errors, want_bytes;
/* errored frames taken off the model's FIFO: the driver counted them */
static uint64_t errors_matched;

struct port {
	struct i40e_rx_queue *rxq;
	struct i40e_adapter *ad;
	uint16_t nb_desc;
	uint16_t free_thresh; /* as configured, kept as given */
	bool up;       /* started with its ring armed */
	enum i40e_rx_path path; /* the one the port chose */
};

static struct port port;

/* Only the port's ring has entries to forget (clearing all
 * I40E_MAX_RING_DESC, 96 KiB, twice an input showed in the profile). */
ORACLE static void desc_state_clear(void)
{
	memset(desc_state, 0, sizeof(desc_state[0]) * port.nb_desc);
}

/*
 * Faults the input injects (extended setup): an admin queue command of the
 * probe/configure/start sequence answered with an error or stalled, and a
 * tampered queue context (the object in the HMC, or its segment
 * descriptor). What the device took from a tampered context it accepted:
 * its RXMAX, and whether its ring is reachable at all.
 */
enum tamper {
	T_NONE, T_QLEN, T_DBUFF, T_RXMAX0, T_DTYPE, T_HEAD,   /* refused by the device */
	T_SD_INVALID, T_SD_PAGED, T_SD_UNMAPPED,              /* refused: segment descriptor */
	T_RXMAX, T_BASE, T_IGNORED,                           /* accepted */
	T_KINDS
};

static struct {
	bool aq_armed;
	uint32_t aq_cmd;      /* the command it hits, counted from the probe's first */
	uint16_t aq_code;
	int aq_want;          /* the errno a failing ethdev call must return */
	enum tamper tamper;
	bool tamper_armed;    /* the hook changes the next context fetch */
	bool sd_changed;      /* the segment descriptor is the tamper's (sd_saved) */
	uint16_t val;
	uint32_t dev_rxmax;   /* RXMAX the device runs the queue with */
	bool ring_unreachable;
} fault;

static bool trace; /* FUZZ_RX_TRACE=1: print what happens (for writing seeds) */

#define TRACE(...) do { \
	if (trace) \
		fprintf(stderr, __VA_ARGS__); \
} while (0)

/* The rest of a frame after its first bytes: a pattern, shifted by the seed
 * (copied, not computed byte by byte: that would dominate the run time). */
static uint8_t pattern[MAX_FRAME_LEN + 256];

ORACLE static void build_frame(const struct frame *f, uint8_t *buf)
{
	memcpy(buf, f->head, f->head_len);
	memcpy(buf + f->head_len, pattern + f->seed + f->head_len, f->len - f->head_len);
}

ORACLE static struct frame *fifo_at(unsigned int i)
{
	return &frames[(f_first + i) % MAX_FRAMES];
}

/* ---- memory checks ------------------------------------------------------- */

static void add_chunk(struct rte_mempool *mp, void *opaque, struct rte_mempool_memhdr *memhdr,
		      unsigned int idx)
{
	(void)mp;
	(void)opaque;
	(void)idx;
	if (n_chunks < MAX_CHUNKS) {
		chunks[n_chunks].lo = (uintptr_t)memhdr->addr;
		chunks[n_chunks].hi = (uintptr_t)memhdr->addr + memhdr->len;
		n_chunks++;
	}
}

ORACLE static bool in_pool_memory(const void *p, size_t len)
{
	for (unsigned int i = 0; i < n_chunks; i++)
		if ((uintptr_t)p >= chunks[i].lo && (uintptr_t)p + len <= chunks[i].hi)
			return true;
	return false;
}

/* Host address of an IO address, as the sim IOMMU sees it, or NULL. */
ORACLE static void *iova_host(rte_iova_t iova)
{
	if (rte_eal_iova_mode() == RTE_IOVA_VA)
		return rte_mem_virt2memseg((void *)(uintptr_t)iova, NULL) != NULL ?
			       (void *)(uintptr_t)iova : NULL;
	return sim_pool_phys2virt(iova);
}

/* Does every byte of [iova, iova + len) translate? */
ORACLE static bool iova_range_mapped(rte_iova_t iova, uint64_t len)
{
	if (iova + len < iova)
		return false;
	for (uint64_t p = iova; p < iova + len; p = RTE_ALIGN_FLOOR(p, hugepage_sz) + hugepage_sz)
		if (iova_host(p) == NULL)
			return false;
	return true;
}

/*
 * Every segment of the kept mbufs, also as an open-addressing set: each
 * segment the driver hands out is checked against it, and a list scan
 * per segment (quadratic in the kept mbufs) showed in the profile.
 */
#define HELD_SLOTS (2 * POOL_SIZE)
static const struct rte_mbuf *held_set[HELD_SLOTS];
static unsigned int n_held_segs;

ORACLE static unsigned int held_slot(const struct rte_mbuf *m)
{
	unsigned int i = (unsigned int)(((uintptr_t)m >> 6) * 2654435761u) % HELD_SLOTS;

	while (held_set[i] != NULL && held_set[i] != m)
		i = (i + 1) % HELD_SLOTS;
	return i;
}

ORACLE static bool held_already(const struct rte_mbuf *m)
{
	return held_set[held_slot(m)] == m;
}

/* Mbufs (segments) the harness keeps. */
ORACLE static unsigned int held_segs(void)
{
	return n_held_segs;
}

ORACLE static void hold(struct rte_mbuf *m)
{
	held[n_held++] = m;
	for (const struct rte_mbuf *s = m; s != NULL; s = s->next) {
		held_set[held_slot(s)] = s;
		n_held_segs++;
	}
}

/*
 * The packet type the X710 reports for a frame, as the mbuf flags spell
 * it: Ethernet behind at most an 802.1Q tag or a QinQ pair; ARP, LLDP and
 * PTP by EtherType; IPv4 or IPv6 with the L4 protocol, fragments apart.
 * IP frames are RSS-hashed. For IP-in-IP and GRE (*tunnel) only the outer
 * layers are modelled here; test_i40e_rx checks the inner ones.
 */
ORACLE static uint32_t want_ptype(const uint8_t *f, uint32_t len, bool *hashed, bool *tunnel)
{
	const uint32_t l2 = RTE_PTYPE_L2_ETHER;
	uint32_t l3 = 14, etype;
	uint8_t proto;

	*hashed = false;
	*tunnel = false;
	if (len < 14)
		return l2;
	etype = (uint32_t)f[12] << 8 | f[13];
	for (int tags = 0; tags < 2 && (etype == 0x8100 || (tags == 0 && etype == 0x88a8)) &&
			   len >= l3 + 4;
	     tags++) {
		etype = (uint32_t)f[l3 + 2] << 8 | f[l3 + 3];
		l3 += 4;
	}
	if (etype == 0x0806)
		return RTE_PTYPE_L2_ETHER_ARP;
	if (etype == 0x88cc)
		return RTE_PTYPE_L2_ETHER_LLDP;
	if (etype == 0x88f7)
		return RTE_PTYPE_L2_ETHER_TIMESYNC;
	if (etype == 0x0800 && len >= l3 + 20 && f[l3] >> 4 == 4) {
		*hashed = true;
		proto = f[l3 + 9];
		if ((((uint32_t)f[l3 + 6] << 8 | f[l3 + 7]) & 0x3fff) != 0)
			return l2 | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN | RTE_PTYPE_L4_FRAG;
		*tunnel = proto == 4 || proto == 41 || proto == 47;
		return l2 | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN |
		       (proto == 17 ? RTE_PTYPE_L4_UDP : proto == 6 ? RTE_PTYPE_L4_TCP :
			proto == 132 ? RTE_PTYPE_L4_SCTP : proto == 1 ? RTE_PTYPE_L4_ICMP :
			RTE_PTYPE_L4_NONFRAG);
	}
	if (etype == 0x86dd && len >= l3 + 40 && f[l3] >> 4 == 6) {
		*hashed = true;
		proto = f[l3 + 6];
		*tunnel = proto == 4 || proto == 41 || proto == 47;
		return l2 | RTE_PTYPE_L3_IPV6_EXT_UNKNOWN |
		       (proto == 44 ? RTE_PTYPE_L4_FRAG : proto == 17 ? RTE_PTYPE_L4_UDP :
			proto == 6 ? RTE_PTYPE_L4_TCP : proto == 132 ? RTE_PTYPE_L4_SCTP :
			proto == 58 ? RTE_PTYPE_L4_ICMP : RTE_PTYPE_L4_NONFRAG);
	}
	return l2;
}

/*
 * The fields the path mapped from the frame's last descriptor, against
 * what the scalar path's mapping (i40e_rx_fields.h) makes of the same
 * words. A field it leaves as it was (the RSS hash without RSS) is not
 * compared.
 */
ORACLE static void check_fields(const struct rte_mbuf *m, const struct frame *f)
{
	struct rte_mbuf ref;
	uint64_t flags;

	memset(&ref, 0, sizeof(ref));
	flags = i40e_rx_desc_fields(&ref, f->wb[0], f->wb[1], f->wb[2],
				    i40e_rx_fdir_match(f->wb[1]) ? f->wb[3] : 0);
	CHECK(m->ol_flags == flags, "ol_flags %#" PRIx64 ", the scalar mapping %#" PRIx64,
	      m->ol_flags, flags);
	CHECK(m->packet_type == ref.packet_type, "packet type %#x, the scalar mapping %#x",
	      m->packet_type, ref.packet_type);
	CHECK(m->vlan_tci == ref.vlan_tci && m->vlan_tci_outer == ref.vlan_tci_outer,
	      "VLAN %#x/%#x, the scalar mapping %#x/%#x", m->vlan_tci, m->vlan_tci_outer,
	      ref.vlan_tci, ref.vlan_tci_outer);
	if (flags & RTE_MBUF_F_RX_RSS_HASH)
		CHECK(m->hash.rss == ref.hash.rss, "RSS hash %#x, the scalar mapping %#x",
		      m->hash.rss, ref.hash.rss);
	if (flags & RTE_MBUF_F_RX_FDIR)
		CHECK(m->hash.fdir.hi == ref.hash.fdir.hi, "flow director id %#x, the scalar "
		      "mapping %#x", m->hash.fdir.hi, ref.hash.fdir.hi);
}

/* An mbuf chain the driver handed out, against frame f. */
ORACLE static void check_mbuf(struct rte_mbuf *m, const struct frame *f)
{
	static uint8_t want[MAX_FRAME_LEN];
	const uint16_t dbuff = port.rxq->rx_buf_len;
	uint32_t total = 0, off = 0, ptype;
	uint16_t segs = 0;
	bool hashed, tunnel;

	build_frame(f, want);
	/* what the device saw on the wire, wherever the bytes went */
	ptype = want_ptype(want, f->len, &hashed, &tunnel);
	if (tunnel) /* the outer layers, and either a tunnel or (inner unparsed) other L4 */
		CHECK((m->packet_type & (RTE_PTYPE_L2_MASK | RTE_PTYPE_L3_MASK)) ==
		      (ptype & (RTE_PTYPE_L2_MASK | RTE_PTYPE_L3_MASK)) &&
		      ((m->packet_type & RTE_PTYPE_TUNNEL_MASK) != 0 ||
		       (m->packet_type & RTE_PTYPE_L4_MASK) == RTE_PTYPE_L4_NONFRAG),
		      "tunnel packet type 0x%x, want outer 0x%x", m->packet_type, ptype);
	else
		CHECK(m->packet_type == ptype, "packet type 0x%x, want 0x%x", m->packet_type,
		      ptype);
	CHECK(!!(m->ol_flags & RTE_MBUF_F_RX_RSS_HASH) == hashed, "RSS flag %d, want %d",
	      !!(m->ol_flags & RTE_MBUF_F_RX_RSS_HASH), hashed);

	check_fields(m, f);
	CHECK(m->pkt_len == f->len, "pkt_len %u, frame of %u bytes", m->pkt_len, f->len);
	CHECK(m->port == 0, "port %u", m->port);
	for (struct rte_mbuf *s = m; s != NULL; s = s->next) {
		CHECK(segs < I40E_MAX_CHAINED_RX_BUFFERS, "more than %d segments",
		      I40E_MAX_CHAINED_RX_BUFFERS);
		CHECK(!held_already(s), "segment %u (%p) handed out while kept", segs, (void *)s);
		CHECK(s->pool == pool, "segment %u from another pool", segs);
		CHECK(in_pool_memory(s, sizeof(*s)), "segment %u (%p) outside the pool", segs,
		      (void *)s);
		CHECK(s->buf_addr == RTE_PTR_ADD(s, sizeof(*s) + rte_pktmbuf_priv_size(pool)),
		      "segment %u: buf_addr %p", segs, s->buf_addr);
		CHECK(in_pool_memory(s->buf_addr, s->buf_len), "segment %u buffer outside the pool",
		      segs);
		CHECK(s->buf_iova == rte_mem_virt2iova(s->buf_addr), "segment %u: buf_iova", segs);
		CHECK((uint32_t)s->data_off + s->data_len <= s->buf_len,
		      "segment %u: data %u+%u beyond a %u-byte buffer", segs, s->data_off,
		      s->data_len, s->buf_len);
		CHECK(rte_mbuf_refcnt_read(s) == 1, "segment %u: refcnt %u", segs,
		      rte_mbuf_refcnt_read(s));
		CHECK(s->data_len <= dbuff && (s->next == NULL || s->data_len == dbuff),
		      "segment %u: data_len %u with %u-byte buffers", segs, s->data_len, dbuff);
		if (!f->redirected) {
			const uint8_t *d = rte_pktmbuf_mtod(s, const uint8_t *);

			CHECK(off + s->data_len <= f->len, "segments longer than the frame");
			if (memcmp(d, want + off, s->data_len) != 0)
				for (uint32_t i = 0; i < s->data_len; i++)
					CHECK(d[i] == want[off + i],
					      "frame of %u bytes: byte %u is 0x%02x, want 0x%02x",
					      f->len, off + i, d[i], want[off + i]);
		}
		off += s->data_len;
		total += s->data_len;
		segs++;
	}
	CHECK(total == m->pkt_len, "segments add up to %u, pkt_len %u", total, m->pkt_len);
	CHECK(segs == m->nb_segs, "%u segments, nb_segs %u", segs, m->nb_segs);
	CHECK(segs == f->ndesc, "%u segments for %u descriptors", segs, f->ndesc);
}

/*
 * Redirected frames land in the first SCRATCH_OFF_MAX + one buffer of the
 * scratch zone. Writes across the end of its first page must fault before
 * anything is copied, so the page's last bytes stay zero.
 */
ORACLE static void check_scratch_tail(void)
{
	static const uint8_t zero[SCRATCH_TAIL];
	const uint8_t *tail = RTE_PTR_ADD(scratch->addr, hugepage_sz - SCRATCH_TAIL);

	CHECK(memcmp(tail, zero, SCRATCH_TAIL) == 0, "a faulting DMA wrote at the end of the "
	      "scratch page");
}

/* ---- device state -------------------------------------------------------- */

ORACLE static uint32_t dev_head(void)
{
	return i40e_read_reg(port.ad, I40E_SIM_QRX_HEAD(0));
}

/* Descriptors the device owns: from its head up to the tail. */
ORACLE static uint32_t dev_avail(void)
{
	uint32_t tail = i40e_read_reg(port.ad, I40E_QRX_TAIL(0));

	return (tail + port.nb_desc - dev_head()) % port.nb_desc;
}

/* Frames completed with an error, not yet handed out (dropped). */
ORACLE static unsigned int errored_frames(void)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < f_count; i++)
		n += fifo_at(i)->error;
	return n;
}

ORACLE static unsigned int pending_desc(void)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < f_count; i++)
		n += fifo_at(i)->ndesc;
	return n;
}

/*
 * Descriptors the path has taken frames from and not yet refilled, so not
 * given back to the device: the scalar path writes the tail once more than
 * rx_free_thresh are refilled; bulk alloc refills rx_free_thresh at a time
 * once a scan of up to a burst passes its trigger; the vector path refills
 * 32 at a time before a burst of up to 32, so up to 64 wait (more while
 * the pool is empty: its own count, rxrearm_nb, says how many).
 */
ORACLE static uint32_t held_back(void)
{
	switch (port.path) {
	case I40E_RX_PATH_VECTOR:
	case I40E_RX_PATH_VECTOR_AVX2:
		return port.rxq->rxrearm_nb;
	case I40E_RX_PATH_BULK_ALLOC:
		return port.free_thresh + RTE_PMD_I40E_RX_MAX_BURST;
	default:
		return port.free_thresh;
	}
}

/* The fewest frames a burst of the port's path can return at once: the
 * vector paths take whole groups (AVX2 of eight, the others of four). */
ORACLE static unsigned int min_burst(void)
{
	if (port.path == I40E_RX_PATH_VECTOR_AVX2)
		return 8;
	return port.path == I40E_RX_PATH_VECTOR ? 4 : 1;
}

/*
 * Free mbufs: the pool's driver and this lcore's cache, the only cache the
 * single-threaded harness fills (rte_mempool_avail_count adds up all
 * RTE_MAX_LCORE caches: 5 % of the run time, checked after every burst).
 * The end of every input still asks rte_mempool_avail_count.
 */
ORACLE static unsigned int pool_free(void)
{
	const struct rte_mempool_cache *c = rte_mempool_default_cache(pool, rte_lcore_id());

	return rte_mempool_ops_get_count(pool) + (c != NULL ? c->len : 0);
}

/* Mbufs the driver holds (not the application's, not in the pool): one per
 * descriptor on the scalar path; on bulk alloc the filled sw_ring entries
 * and the stage; on the vector path every entry but the consumed ones
 * waiting for a refill, whose mbufs went to the application. */
ORACLE static unsigned int driver_mbufs(void)
{
	unsigned int n = 0;

	switch (port.path) {
	case I40E_RX_PATH_VECTOR:
	case I40E_RX_PATH_VECTOR_AVX2:
		n = port.nb_desc - port.rxq->rxrearm_nb;
		break;
	case I40E_RX_PATH_BULK_ALLOC:
		for (unsigned int i = 0; i < port.nb_desc; i++)
			n += port.rxq->sw_ring[i].mbuf != NULL;
		n += port.rxq->rx_nb_avail;
		break;
	default:
		n = port.nb_desc;
		break;
	}
	if (port.rxq->pkt_first_seg != NULL)
		n += port.rxq->pkt_first_seg->nb_segs;
	return n;
}

/*
 * Can a burst of n finish the first pending frame? A vector step takes
 * whole groups, up to 32 buffers, and none past the ring's end (a short
 * step ends a scattered burst, as in DPDK): the frame's buffers not yet
 * taken must lie before the end and within the first step. The other
 * paths always can.
 */
ORACLE static bool first_frame_in_reach(uint16_t n)
{
	unsigned int take, left;

	if (!i40e_rx_path_is_vec(port.path) || f_count == 0)
		return true;
	take = RTE_ALIGN_FLOOR(RTE_MIN((unsigned int)n, (unsigned int)RTE_PMD_I40E_RX_MAX_BURST),
			       min_burst());
	left = fifo_at(0)->ndesc -
	       (port.rxq->pkt_first_seg != NULL ? port.rxq->pkt_first_seg->nb_segs : 0u);
	return port.rxq->rx_tail + left <= port.nb_desc && left <= take;
}

/* ---- operations ---------------------------------------------------------- */

/* One frame arrives on the wire: predict its fate, deliver it, check. */
static void deliver(struct frame f, const uint8_t *buf)
{
	enum sim_i40e_rx_result want, got;
	bool dirty_tail = false;
	uint32_t head;

	if (!port.up) {
		want = SIM_I40E_RX_NO_DESC;
	} else if (f.len == 0 || f.len > fault.dev_rxmax) {
		want = SIM_I40E_RX_OVERSIZE;
	} else {
		f.ndesc = (f.len + port.rxq->rx_buf_len - 1) / port.rxq->rx_buf_len;
		want = f.ndesc > dev_avail() ? SIM_I40E_RX_NO_DESC : SIM_I40E_RX_OK;
	}
	head = port.up ? dev_head() : 0;
	if (want == SIM_I40E_RX_OK && fault.ring_unreachable) {
		/* no descriptor can be read: nothing written, nothing completed */
		want = SIM_I40E_RX_DMA_ERROR;
	} else if (want == SIM_I40E_RX_OK) {
		for (uint32_t i = 0; i < f.ndesc; i++) {
			struct corrupted *c = &desc_state[(head + i) % port.nb_desc];
			const uint32_t chunk = RTE_MIN((uint32_t)port.rxq->rx_buf_len,
						       f.len - i * port.rxq->rx_buf_len);

			if (c->set && iova_range_mapped(c->addr, chunk)) {
				f.redirected = true;
				dirty_tail |= c->at_scratch_end;
			} else if (c->set) {
				f.error = true;
			}
			c->set = false; /* the device has used it; the driver re-arms it */
		}
		if (f.error)
			want = SIM_I40E_RX_DMA_ERROR;
	}
	got = sim_i40e_receive(dev, buf, f.len);
	/* A piece that fits before the scratch page's end went there: legal.
	 * Otherwise a fault must not have written a single byte. */
	if (dirty_tail)
		memset(RTE_PTR_ADD(scratch->addr, hugepage_sz - SCRATCH_TAIL), 0, SCRATCH_TAIL);
	else if (got == SIM_I40E_RX_DMA_ERROR)
		check_scratch_tail();
	TRACE("frame %u bytes: %d (want %d)%s\n", f.len, got, want,
	      f.redirected ? ", redirected" : "");
	CHECK(got == want, "frame of %u bytes (%u descriptors, %u owned by the device): result "
	      "%d, want %d", f.len, f.ndesc, port.up ? dev_avail() : 0, got, want);
	if (fault.ring_unreachable && port.up)
		CHECK(dev_head() == head, "device head moved with its ring unreachable");
	else if (got == SIM_I40E_RX_OK || got == SIM_I40E_RX_DMA_ERROR) {
		volatile union i40e_rx_desc *last =
			&port.rxq->rx_ring[(head + f.ndesc - 1) % port.nb_desc];

		/* the driver has not looked at them yet: as the device wrote them */
		f.wb[0] = rte_le_to_cpu_64(last->wb.qword0);
		f.wb[1] = rte_le_to_cpu_64(last->wb.qword1);
#ifndef RTE_LIBRTE_I40E_16BYTE_RX_DESC
		f.wb[2] = rte_le_to_cpu_64(last->wb.qword2);
		f.wb[3] = rte_le_to_cpu_64(last->wb.qword3);
#endif
		CHECK(f_count < MAX_FRAMES, "model FIFO full");
		*fifo_at(f_count++) = f;
		CHECK(dev_head() == (head + f.ndesc) % port.nb_desc, "device head %u after %u + %u",
		      dev_head(), head, f.ndesc);
	}
}

/*
 * A frame, or the same frame again and again (filling a ring of 512 takes
 * a few bytes of input, not 512 frame records: big seeds raised
 * libFuzzer's length limit, and so the cost of every mutated input).
 */
static void op_frame(struct input *in, unsigned int copies)
{
	static uint8_t buf[MAX_FRAME_LEN];
	struct frame f = { 0 };

	f.len = (uint32_t)get_n(in, 2) % MAX_FRAME_LEN;
	f.seed = get8(in);
	f.head = in->data + in->off;
	f.head_len = (uint32_t)RTE_MIN((size_t)RTE_MIN(f.len, 64u), in->size - in->off);
	in->off += f.head_len;
	build_frame(&f, buf);
	while (copies-- > 0)
		deliver(f, buf);
}

static void op_burst(struct input *in, bool keep)
{
	const uint16_t n = 1 + get8(in) % MAX_BURST;
	struct rte_mbuf *pkts[MAX_BURST];
	const unsigned int avail = pool_free();
	const unsigned int need = pending_desc();
	const unsigned int rearm_before = port.up ? port.rxq->rxrearm_nb : 0;
	bool in_reach;
	struct rte_eth_stats st;
	unsigned int good, errors_pending, errored_left;
	uint64_t got_errors;
	uint16_t nb;

	if (!port.up) {
		CHECK(rte_eth_rx_burst(0, 0, pkts, n) == 0, "burst on a stopped queue");
		return;
	}
	errors_pending = errored_frames();
	good = f_count - errors_pending;
	in_reach = first_frame_in_reach(n); /* before the burst moves the ring */
	nb = rte_eth_rx_burst(0, 0, pkts, n);
	CHECK(nb <= n, "burst of %u returned %u", n, nb);
	CHECK(rte_eth_stats_get(0, &st) == 0, "stats");
	/* errored frames the driver dropped and the model has not matched yet
	 * (bulk alloc drops them when it stages frames, maybe a burst before
	 * it hands out the good ones before them) */
	got_errors = st.ierrors - errors_matched;
	TRACE("burst %u: %u frames, %" PRIu64 " errored dropped, %u free mbufs before\n", n, nb,
	      got_errors, avail);

	/* Hand the model's frames out in order: errored ones the driver dropped
	 * (as counted in ierrors) and good ones, one per mbuf. */
	for (uint16_t i = 0; i < nb; i++) {
		struct frame *f;

		while (f_count > 0 && fifo_at(0)->error) {
			CHECK(got_errors > 0, "errored frame not counted before a good one");
			got_errors--;
			errors_matched++;
			f_first = (f_first + 1) % MAX_FRAMES;
			f_count--;
		}
		CHECK(f_count > 0, "the driver handed out %u frames, the device completed fewer",
		      nb);
		f = fifo_at(0);
		check_mbuf(pkts[i], f);
		want_packets++;
		want_bytes += f->len;
		f_first = (f_first + 1) % MAX_FRAMES;
		f_count--;
	}
	while (got_errors > 0 && f_count > 0 && fifo_at(0)->error) {
		got_errors--;
		errors_matched++;
		f_first = (f_first + 1) % MAX_FRAMES;
		f_count--;
	}
	errored_left = errored_frames();
	CHECK(got_errors <= errored_left, "ierrors grew by %" PRIu64 " more than the %u errored "
	      "frames left", got_errors, errored_left);
	/* With an mbuf for every completed descriptor nothing may be left
	 * behind (scalar); the other paths stop at the end of their stage or
	 * at a group of four, but never leave a good frame waiting when they
	 * could take one (a vector burst takes at least four buffers, and
	 * none past the ring's end: first_frame_in_reach). */
	if (port.path == I40E_RX_PATH_SCALAR && avail >= need)
		CHECK(nb == RTE_MIN((unsigned int)n, good) &&
		      (nb == n || f_count == 0),
		      "burst of %u with %u good frames and %u free mbufs returned %u, left %u",
		      n, good, avail, nb, f_count);
	else if (avail >= need + 2u * RTE_PMD_I40E_RX_MAX_BURST + port.free_thresh && good > 0 &&
		 errors_pending == 0 && n >= min_burst() && in_reach)
		CHECK(nb > 0, "burst of %u with %u good frames and %u free mbufs returned none",
		      n, good, avail);

	for (uint16_t i = 0; i < nb; i++) {
		if (keep && n_held < POOL_SIZE)
			hold(pkts[i]);
		else
			rte_pktmbuf_free(pkts[i]);
	}
	want_errors = st.ierrors;
	/*
	 * The tail, from the model rather than from what the driver wrote: the
	 * descriptors are the device's, completed and not yet handed out
	 * (pending_desc counts all of a frame's until the frame is out), or
	 * held back for the path's next refill (held_back). One stays unused.
	 * A tail written one too far or too late breaks this.
	 */
	CHECK(dev_avail() + pending_desc() + held_back() >= port.nb_desc - 1u,
	      "device owns %u, %u completed, %u held back, of %u descriptors", dev_avail(),
	      pending_desc(), held_back(), port.nb_desc);
	/* Each vector step refills 32 (if more than 32 wait) before it takes at
	 * most 32: with mbufs to refill, the backlog never grows past 64 or
	 * what it was (one left by a dry pool shrinks 32 per step, as in DPDK). */
	if (i40e_rx_path_is_vec(port.path) && avail >= 2u * RTE_PMD_I40E_RX_MAX_BURST)
		CHECK(port.rxq->rxrearm_nb <= RTE_MAX(rearm_before,
						      2u * RTE_PMD_I40E_RX_MAX_BURST),
		      "%u descriptors wait for a refill (%u before) with %u free mbufs",
		      port.rxq->rxrearm_nb, rearm_before, avail);
	CHECK(pool_free() + held_segs() + driver_mbufs() == POOL_SIZE,
	      "mbufs lost: %u free, %u kept, %u with the driver", pool_free(),
	      held_segs(), driver_mbufs());
}

ORACLE static void free_held(void)
{
	for (unsigned int i = 0; i < n_held; i++)
		rte_pktmbuf_free(held[i]);
	if (n_held > 0)
		memset(held_set, 0, sizeof(held_set));
	n_held = 0;
	n_held_segs = 0;
}

/* Take mbufs straight from the pool (starving the driver's refills and a
 * later queue start); they are freed with the kept ones. */
static void op_take(struct input *in)
{
	const unsigned int n = 1 + 4u * get8(in);

	for (unsigned int i = 0; i < n && n_held < POOL_SIZE; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(pool);

		if (m == NULL) {
			CHECK(pool_free() == 0, "no mbuf with %u free", pool_free());
			break;
		}
		hold(m);
	}
}

/*
 * Overwrite the buffer address of a descriptor the device owns and has not
 * used yet: with an address that does not translate (the frame must be
 * lost with a DMA error), into a scratch memzone, a little below its own
 * buffer (the frame lands elsewhere; lengths must still be right), or
 * across the end of a mapped page (translates only partly: an error, and
 * nothing written).
 */
static void op_corrupt(struct input *in)
{
	const uint8_t kind = get8(in);
	const uint8_t k = get8(in);
	const uint64_t val = get_n(in, 8);
	const uint32_t dbuff = port.rxq->rx_buf_len;
	volatile union i40e_rx_desc *rxd;
	uint32_t avail, idx;
	uint64_t addr;

	if (!port.up)
		return;
	avail = dev_avail();
	if (avail == 0)
		return;
	idx = (dev_head() + k % avail) % port.nb_desc;
	rxd = &port.rxq->rx_ring[idx];
	switch (kind % 5) {
	case 0: /* anywhere that does not translate */
		addr = val;
		if (iova_host(addr) != NULL)
			return; /* somewhere real: it would overwrite memory we do not own */
		break;
	case 1: /* into the scratch zone */
		addr = scratch->iova + val % SCRATCH_OFF_MAX;
		break;
	case 2: /* into its own headroom */
		addr = rte_mbuf_data_iova_default(port.rxq->sw_ring[idx].mbuf) - 1 -
		       val % RTE_PKTMBUF_HEADROOM;
		break;
	case 3: /* across the end of the scratch zone's first page */
		addr = scratch->iova + hugepage_sz - 1 - val % (dbuff > 1 ? dbuff - 1 : 1);
		break;
	default: /* header address and reserved words: the device ignores them */
		rxd->read.hdr_addr = rte_cpu_to_le_64(val & ~(uint64_t)1); /* DD stays clear */
#ifndef RTE_LIBRTE_I40E_16BYTE_RX_DESC
		rxd->read.rsvd1 = rte_cpu_to_le_64(val);
		rxd->read.rsvd2 = rte_cpu_to_le_64(~val);
#endif
		return;
	}
	desc_state[idx].set = true;
	desc_state[idx].at_scratch_end = kind % 5 == 3;
	desc_state[idx].addr = addr;
	rxd->read.pkt_addr = rte_cpu_to_le_64(addr);
	TRACE("descriptor %u -> 0x%" PRIx64 "\n", idx, addr);
}

static void port_stop_queue(void)
{
	int ret = rte_eth_dev_rx_queue_stop(0, 0);
	struct rte_eth_stats st;

	CHECK(ret == 0, "queue stop: %d", ret);
	/* the frames left go with the ring, errored ones counted or not */
	CHECK(rte_eth_stats_get(0, &st) == 0, "stats");
	errors_matched = st.ierrors;
	want_errors = st.ierrors;
	port.up = false;
	f_count = 0;
	f_first = 0;
	desc_state_clear();
}

static void op_restart(bool stop_only)
{
	unsigned int before;
	int ret;

	if (port.up)
		port_stop_queue();
	if (stop_only)
		return;
	/* everything the queue had is back, only the kept mbufs are out */
	before = pool_free();
	CHECK(before == POOL_SIZE - held_segs(), "%u free mbufs with %u kept after queue stop",
	      before, held_segs());
	ret = rte_eth_dev_rx_queue_start(0, 0);
	TRACE("queue restart with %u free mbufs: %d\n", before, ret);
	if (before < port.nb_desc) {
		CHECK(ret == -ENOMEM, "queue start with %u free mbufs for %u descriptors: %d",
		      before, port.nb_desc, ret);
		CHECK(pool_free() == before, "failed queue start kept mbufs: %u free, %u before",
		      pool_free(), before);
		return;
	}
	CHECK(ret == 0, "queue start: %d", ret);
	/* the driver wrote the context again, untampered */
	fault.dev_rxmax = port.rxq->max_pkt_len;
	fault.ring_unreachable = false;
	port.up = true;
}

static void op_stats(void)
{
	struct rte_eth_stats st;

	CHECK(rte_eth_stats_get(0, &st) == 0, "stats");
	CHECK(st.ipackets == want_packets && st.ibytes == want_bytes && st.ierrors == want_errors,
	      "ipackets %" PRIu64 " (want %" PRIu64 "), ibytes %" PRIu64 " (want %" PRIu64
	      "), ierrors %" PRIu64 " (want %" PRIu64 ")", st.ipackets, want_packets, st.ibytes,
	      want_bytes, st.ierrors, want_errors);
}


/* ---- injected faults ----------------------------------------------------- */

ORACLE static void ctx_put(uint8_t *ctx, unsigned int lsb, unsigned int width, uint64_t val)
{
	for (unsigned int i = 0; i < width; i++) {
		unsigned int bit = lsb + i;

		ctx[bit / 8] = (uint8_t)((ctx[bit / 8] & ~(1u << (bit % 8))) |
					 ((val >> i) & 1) << (bit % 8));
	}
}

ORACLE static uint64_t ctx_peek(const uint8_t *ctx, unsigned int lsb, unsigned int width)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < width; i++)
		v |= (uint64_t)((ctx[(lsb + i) / 8] >> ((lsb + i) % 8)) & 1) << i;
	return v;
}

/* An IO address no page is mapped at, for rings of up to 4096 32-byte
 * descriptors. */
static uint64_t unmapped_iova(uint16_t v)
{
	return (1ull << 52) + (uint64_t)v * 128;
}

/*
 * The device is about to fetch queue q's context: change its object in
 * the HMC as the input asked, once. The driver has just written it.
 */
static void tamper_hook(void *arg, unsigned int q)
{
	const struct i40e_adapter *ad = rte_eth_devices[0].dev_private;
	const struct i40e_rx_queue *rxq = rte_eth_devices[0].rx_queues[0];
	const uint16_t v = fault.val;
	uint8_t *obj;
	uint64_t qlen;

	(void)arg;
	if (!fault.tamper_armed || ad == NULL || rxq == NULL || q != rxq->reg_idx)
		return;
	fault.tamper_armed = false;
	obj = (uint8_t *)ad->hmc.mz->addr + ad->hmc.rx_base + (size_t)q * ad->hmc.rx_obj_size;
	switch (fault.tamper) {
	case T_QLEN:
		ctx_put(obj, I40E_RXQ_CTX_QLEN_LSB, I40E_RXQ_CTX_QLEN_W, v % 2);
		break;
	case T_DBUFF:
		ctx_put(obj, I40E_RXQ_CTX_DBUFF_LSB, I40E_RXQ_CTX_DBUFF_W, 0);
		break;
	case T_RXMAX0:
		ctx_put(obj, I40E_RXQ_CTX_RXMAX_LSB, I40E_RXQ_CTX_RXMAX_W, 0);
		break;
	case T_DTYPE:
		ctx_put(obj, I40E_RXQ_CTX_DTYPE_LSB, I40E_RXQ_CTX_DTYPE_W, 1 + v % 3);
		break;
	case T_HEAD:
		qlen = ctx_peek(obj, I40E_RXQ_CTX_QLEN_LSB, I40E_RXQ_CTX_QLEN_W);
		ctx_put(obj, I40E_RXQ_CTX_HEAD_LSB, I40E_RXQ_CTX_HEAD_W,
			qlen + v % ((1u << I40E_RXQ_CTX_HEAD_W) - qlen));
		break;
	case T_RXMAX:
		fault.dev_rxmax = 1 + v % rxq->max_pkt_len;
		ctx_put(obj, I40E_RXQ_CTX_RXMAX_LSB, I40E_RXQ_CTX_RXMAX_W, fault.dev_rxmax);
		break;
	case T_BASE:
		ctx_put(obj, I40E_RXQ_CTX_BASE_LSB, I40E_RXQ_CTX_BASE_W,
			unmapped_iova(v) / I40E_RXQ_CTX_BASE_UNIT);
		fault.ring_unreachable = true;
		break;
	case T_IGNORED: /* fields the device does not act on here */
		ctx_put(obj, I40E_RXQ_CTX_CPUID_LSB, I40E_RXQ_CTX_CPUID_W, v);
		ctx_put(obj, I40E_RXQ_CTX_HBUFF_LSB, I40E_RXQ_CTX_HBUFF_W, v >> 8);
		ctx_put(obj, I40E_RXQ_CTX_L2TSEL_LSB, 1, v >> 13);
		ctx_put(obj, I40E_RXQ_CTX_SHOWIV_LSB, 1, v >> 14);
		ctx_put(obj, I40E_RXQ_CTX_TPHRDESC_LSB, 4, v >> 4);
		ctx_put(obj, I40E_RXQ_CTX_LRXQTHRESH_LSB, I40E_RXQ_CTX_LRXQTHRESH_W, v >> 10);
		ctx_put(obj, I40E_RXQ_CTX_PREFENA_LSB, 1, v >> 15);
		break;
	default:
		break;
	}
}

/* The segment descriptor that maps queue 0's context object, as the
 * device has it (saved before a tamper, to put back). */
static struct sim_i40e_hmc_sd sd_saved;
static unsigned int sd_idx;

static void sd_write(struct i40e_adapter *ad, const struct sim_i40e_hmc_sd *sd)
{
	i40e_write_reg(ad, I40E_PFHMC_SDDATAHIGH, (uint32_t)(sd->addr >> 32));
	i40e_write_reg(ad, I40E_PFHMC_SDDATALOW,
		       ((uint32_t)sd->addr & I40E_PFHMC_SDDATALOW_PMSDDATALOW_MASK) |
		       (uint32_t)sd->bp_count << I40E_PFHMC_SDDATALOW_PMSDBPCOUNT_SHIFT |
		       (sd->direct ? I40E_PFHMC_SDDATALOW_PMSDTYPE_DIRECT : 0) |
		       (sd->valid ? I40E_PFHMC_SDDATALOW_PMSDVALID : 0));
	i40e_write_reg(ad, I40E_PFHMC_SDCMD, I40E_PFHMC_SDCMD_PMSDWR | sd_idx);
}

static bool tamper_is_sd(void)
{
	return fault.tamper == T_SD_INVALID || fault.tamper == T_SD_PAGED ||
	       fault.tamper == T_SD_UNMAPPED;
}

/* Before the port starts: a segment descriptor changed through the
 * registers, or the hook armed for the context object. */
static void tamper_apply(void)
{
	struct i40e_adapter *ad = rte_eth_devices[0].dev_private;
	const struct i40e_rx_queue *rxq = rte_eth_devices[0].rx_queues[0];
	struct sim_i40e_hmc_sd sd;
	struct sim_i40e_hmc h;

	if (fault.tamper == T_NONE)
		return;
	if (!tamper_is_sd()) {
		fault.tamper_armed = true;
		return;
	}
	sim_i40e_hmc_status(dev, &h);
	sd_idx = (unsigned int)((ad->hmc.rx_base + (uint64_t)rxq->reg_idx * ad->hmc.rx_obj_size) /
				I40E_HMC_DIRECT_BP_SIZE);
	sd_saved = h.sd[sd_idx];
	sd = sd_saved;
	if (fault.tamper == T_SD_INVALID)
		sd.valid = false;
	else if (fault.tamper == T_SD_PAGED)
		sd.direct = false;
	else
		sd.addr = unmapped_iova(0) + ((uint64_t)fault.val << 21);
	sd_write(ad, &sd);
	fault.sd_changed = true;
}

/* A fault before the start (promiscuous enable) comes before the segment
 * descriptor is changed: only a changed one is put back (sd_saved may
 * still be an earlier input's, or all zero in a fresh process). */
static void tamper_undo(void)
{
	if (fault.sd_changed)
		sd_write(rte_eth_devices[0].dev_private, &sd_saved);
	fault.sd_changed = false;
	fault.tamper = T_NONE;
	fault.tamper_armed = false;
}

/* Does the device refuse to run the queue with this tamper? */
static bool tamper_refused(void)
{
	return fault.tamper != T_NONE && fault.tamper < T_RXMAX;
}

/* A step of the bring-up failed: with an admin queue fault that has fired
 * that is allowed, with the errno of the firmware's return code (or a
 * timeout for a stalled queue). */
static bool aq_fault_failed(int ret, const char *what)
{
	if (ret >= 0 || !fault.aq_armed || sim_i40e_aq_fault_pending(dev))
		return false;
	CHECK(ret == fault.aq_want, "%s failed with %d under an admin queue fault, want %d", what,
	      ret, fault.aq_want);
	TRACE("%s failed under the admin queue fault: %d\n", what, ret);
	return true;
}

static void aq_fault_clear(void)
{
	if (fault.aq_armed)
		sim_i40e_aq_fault_clear(dev);
	fault.aq_armed = false;
}

/* A step succeeded: a fault that fired in it was absorbed (clear PXE's
 * EEXIST, remove's ENOENT) and cannot explain a later failure. */
static void aq_fault_absorbed(void)
{
	if (fault.aq_armed && !sim_i40e_aq_fault_pending(dev))
		aq_fault_clear();
}

/* ---- port up and down ---------------------------------------------------- */

static const uint32_t mtus[8] = { 1500, 1000, 2000, 2022, 9000, 9702, 68, 4000 };
static const uint16_t free_threshes[8] = { 0, 1, 8, 32, 63, 100, 1000, 16 };

static bool port_up(uint16_t nb_desc, uint8_t cfg, enum i40e_rx_path limit);

/* The largest frame the port's MTU lets in: the queue's RXMAX. */
static uint32_t frame_max(uint8_t cfg)
{
	return RTE_MIN(mtus[(cfg >> 1) & 7] + I40E_ETH_OVERHEAD, (uint32_t)I40E_FRAME_SIZE_MAX);
}

/* The port started (fully, or only its queue): as a start must leave it. */
static void port_started(uint16_t nb_desc, uint8_t cfg, enum i40e_rx_path limit)
{
	const uint32_t frame = frame_max(cfg);

	port.rxq = rte_eth_devices[0].rx_queues[0];
	port.ad = rte_eth_devices[0].dev_private;
	port.nb_desc = nb_desc;
	port.free_thresh = free_threshes[(cfg >> 4) & 7];
	port.up = true;
	port.path = port.rxq->path;
	TRACE("path %d%s\n", port.path, port.ad->scattered_rx ? ", scattered" : "");
	CHECK(port.path <= limit, "path %d above the limit %d", port.path, limit);
	/* A started queue gives the device every descriptor but one. */
	CHECK(dev_avail() == nb_desc - 1u, "device owns %u of %u after start", dev_avail(),
	      nb_desc);
	CHECK(port.rxq->max_pkt_len == frame, "RXMAX %u, want %u", port.rxq->max_pkt_len, frame);

	CHECK(pool_free() == POOL_SIZE - nb_desc, "%u free mbufs after start", pool_free());
}

/* The fault made a step fail: it goes away, nothing may be left behind,
 * and the port must come up as if it had never been there. */
static bool port_retry(uint16_t nb_desc, uint8_t cfg, enum i40e_rx_path limit)
{
	aq_fault_clear();
	tamper_undo();
	CHECK(pool_free() == POOL_SIZE, "%u free mbufs after a failed bring-up", pool_free());
	return port_up(nb_desc, cfg, limit);
}

static bool port_up(uint16_t nb_desc, uint8_t cfg, enum i40e_rx_path limit)
{
	const bool scatter = cfg & 1;
	const uint32_t mtu = mtus[(cfg >> 1) & 7];
	const uint16_t thresh = free_threshes[(cfg >> 4) & 7];
	const uint32_t frame = frame_max(cfg);
	const uint32_t buf = RTE_ALIGN_FLOOR(rte_pktmbuf_data_room_size(pool) -
					     RTE_PKTMBUF_HEADROOM, I40E_RXBUF_SZ_UNIT);
	/* As DPDK: every threshold is kept as given, and a frame larger than
	 * one buffer (up to five) turns scattered receive on by itself. */
	const bool valid = frame <= 5 * buf;
	struct rte_eth_rxconf rxconf;
	struct rte_eth_conf conf;
	int ret;

	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mtu = mtu;
	conf.rxmode.offloads = scatter ? RTE_ETH_RX_OFFLOAD_SCATTER : 0;
	/* every hash class on, so that the paths' hash handling is driven */
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	conf.rx_adv_conf.rss_conf.rss_hf = I40E_RSS_OFFLOADS;
	memset(&rxconf, 0, sizeof(rxconf));
	rxconf.rx_free_thresh = thresh;
	ret = rte_eth_dev_configure(0, 1, 0, &conf);
	CHECK(ret == 0, "configure: %d", ret);
	CHECK(i40e_set_rx_path_limit(&rte_eth_devices[0], limit) == 0, "path limit");
	ret = rte_eth_rx_queue_setup(0, 0, nb_desc, 0, &rxconf, pool);
	TRACE("setup %u descriptors, mtu %u, scatter %d, thresh %u, path limit %d: %d\n", nb_desc,
	      mtu, scatter, thresh, limit, ret);
	if (!valid) {
		CHECK(ret == -EINVAL, "queue setup (%u descriptors, mtu %u, scatter %d, thresh %u) "
		      "gave %d", nb_desc, mtu, scatter, thresh, ret);
		return false;
	}
	CHECK(ret == 0, "queue setup (%u descriptors, mtu %u, scatter %d, thresh %u): %d", nb_desc,
	      mtu, scatter, thresh, ret);
	/* Fuzzed frames carry any destination: let the switch take them all. */
	ret = rte_eth_promiscuous_enable(0);
	if (aq_fault_failed(ret, "promiscuous enable"))
		return port_retry(nb_desc, cfg, limit);
	CHECK(ret == 0, "promiscuous: %d", ret);
	aq_fault_absorbed();
	fault.dev_rxmax = frame; /* unless a tamper says otherwise */
	fault.ring_unreachable = false;
	tamper_apply();
	ret = rte_eth_dev_start(0);
	if (aq_fault_failed(ret, "start"))
		return port_retry(nb_desc, cfg, limit);
	if (tamper_refused()) {
		/* the device never runs the queue; the driver gives up cleanly */
		const struct i40e_rx_queue *rxq = rte_eth_devices[0].rx_queues[0];
		struct sim_i40e_hmc h;

		TRACE("start with tampered context %d refused: %d\n", fault.tamper, ret);
		CHECK(ret == -ETIMEDOUT, "start with a context the device refuses (%d): %d",
		      fault.tamper, ret);
		CHECK(!(i40e_read_reg(rte_eth_devices[0].dev_private, I40E_QRX_ENA(rxq->reg_idx)) &
			I40E_QRX_ENA_QENA_STAT), "queue runs with a refused context");
		CHECK(pool_free() == POOL_SIZE, "%u free mbufs after a failed start", pool_free());
		sim_i40e_hmc_status(dev, &h);
		if (tamper_is_sd())
			CHECK(h.last_error == (fault.tamper == T_SD_INVALID ? SIM_I40E_HMC_SD_INVALID :
					       fault.tamper == T_SD_PAGED ? SIM_I40E_HMC_SD_PAGED :
					       SIM_I40E_HMC_DMA), "HMC error %d for tamper %d",
			      h.last_error, fault.tamper);
		tamper_undo();
		ret = rte_eth_dev_start(0);
		if (aq_fault_failed(ret, "start again"))
			return port_retry(nb_desc, cfg, limit);
	}
	fault.tamper_armed = false;
	CHECK(ret == 0, "start: %d", ret);
	aq_fault_clear(); /* not fired, or absorbed (clear PXE): off from here on */
	port_started(nb_desc, cfg, limit);
	return true;
}

/*
 * The port as the previous input left it: started, its queue stopped (every
 * mbuf back, the ring zeroed), with that input's configuration. With the
 * same one, and no fault to inject, starting the queue gives what port_up
 * would: the same queue state (a queue stop and start is what op_restart
 * does mid-input), the statistics reset (port_up's queue setup zeroed
 * them). A configure, a queue setup, two admin queue commands and the RSS
 * table per input were about a tenth of the run time. Otherwise the port
 * stops.
 */
static struct {
	bool started;
	uint16_t nb_desc;
	uint8_t cfg;
	enum i40e_rx_path limit;
} kept;

static bool port_resume(uint16_t nb_desc, uint8_t cfg, enum i40e_rx_path limit)
{
	int ret;

	if (!kept.started)
		return false;
	kept.started = false;
	if ((cfg & 0x80) || kept.nb_desc != nb_desc || kept.cfg != cfg || kept.limit != limit) {
		ret = rte_eth_dev_stop(0);
		CHECK(ret == 0, "stop: %d", ret);
		return false;
	}
	CHECK(rte_eth_stats_reset(0) == 0, "stats reset");
	ret = rte_eth_dev_rx_queue_start(0, 0);
	TRACE("queue start, the port as the previous input's: %d\n", ret);
	CHECK(ret == 0, "queue start: %d", ret);
	fault.dev_rxmax = frame_max(cfg);
	port_started(nb_desc, cfg, limit);
	return true;
}

ORACLE static unsigned int heap_allocs(void)
{
	struct rte_malloc_socket_stats hs;

	CHECK(rte_malloc_get_socket_stats(0, &hs) == 0, "heap stats");
	return hs.alloc_count;
}

/* Closed: every heap block the port took is freed, and the next call of
 * rte_eth_dev_count_avail probes it again. */
static void port_close(void)
{
	rte_eth_dev_close(0);
	CHECK(heap_allocs() == heap_allocs_at_start, "%u heap blocks after close, %u at start",
	      heap_allocs(), heap_allocs_at_start);
}

/* Probed again (no fault armed): it takes what it took before. */
static void port_probe(void)
{
	CHECK(rte_eth_dev_count_avail() == 1, "port not probed");
	CHECK(heap_allocs() == heap_allocs_probed, "%u heap blocks after a probe, %u before",
	      heap_allocs(), heap_allocs_probed);
}

/* The end of an input: the queue stopped (the port stays started for
 * port_resume), or the port stopped, closed and probed again unless keep.
 * Either way every mbuf is back and the heap holds what it held after the
 * first input that kept the port, or after a probe. */
static void port_down(bool keep)
{
	int ret;

	free_held();
	aq_fault_clear();
	fault.tamper_armed = false;
	if (keep) {
		ret = rte_eth_dev_rx_queue_stop(0, 0);
		CHECK(ret == 0, "queue stop: %d", ret);
	} else {
		rte_eth_dev_stop(0);
	}
	desc_state_clear();
	memset(&port, 0, sizeof(port));
	f_first = f_count = 0;
	CHECK(rte_mempool_avail_count(pool) == POOL_SIZE, "%u of %u mbufs back in the pool",
	      rte_mempool_avail_count(pool), POOL_SIZE);
	if (keep) {
		if (heap_allocs_kept == 0)
			heap_allocs_kept = heap_allocs();
		CHECK(heap_allocs() == heap_allocs_kept, "%u heap blocks with the queue stopped, %u "
		      "after an earlier input", heap_allocs(), heap_allocs_kept);
	} else {
		port_close();
		port_probe();
	}
	CHECK(rtemem_malloc_heap_check(stderr) == 0, "heap check");
	check_scratch_tail();
}

/* The extended setup (byte 1 bit 7): see the header comment. */
static void faults_from(struct input *in)
{
	const uint8_t aq = get8(in), rc = get8(in), t = get8(in);

	fault.val = (uint16_t)get_n(in, 2);
	if (aq & 0x80) {
		const uint16_t code = rc % 24 == 0 ? SIM_I40E_AQ_STALL : rc % 24;

		fault.aq_armed = true;
		fault.aq_want = code == SIM_I40E_AQ_STALL ? -ETIMEDOUT : i40e_aq_rc_to_errno(code);
		fault.aq_cmd = (aq & 0x7f) % 10u;
		fault.aq_code = code;
		TRACE("admin queue fault: command %u, return code %u\n", (aq & 0x7f) % 10, code);
	}
	fault.tamper = (enum tamper)(t % T_KINDS);
	TRACE("context tamper %d, value %u\n", fault.tamper, fault.val);
}

/* The port probed (again, if an admin queue fault is to count from the
 * probe's first command), configured and started. */
static bool port_bring_up(uint16_t nb_desc, uint8_t cfg, enum i40e_rx_path limit, bool aq_input)
{
	uint16_t n;

	if (aq_input) {
		port_close();
		sim_i40e_aq_fault(dev, fault.aq_cmd, fault.aq_code);
	}
	/* the probe, if closed: the first admin queue commands */
	n = rte_eth_dev_count_avail();
	if (n == 0) {
		CHECK(fault.aq_armed && !sim_i40e_aq_fault_pending(dev),
		      "probe failed without an admin queue fault");
		CHECK(heap_allocs() == heap_allocs_at_start, "%u heap blocks after a failed probe, "
		      "%u before", heap_allocs(), heap_allocs_at_start);
		CHECK(pool_free() == POOL_SIZE, "mbufs after a failed probe");
		TRACE("probe failed under the admin queue fault\n");
		aq_fault_clear();
		eth_dev_cleanup_all(); /* so that the bus is scanned again */
		n = rte_eth_dev_count_avail();
	}
	CHECK(n == 1, "port not probed");
	aq_fault_absorbed();
	return port_up(nb_desc, cfg, limit);
}

/* ---- entry points -------------------------------------------------------- */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void no_delay(unsigned int us)
{
	(void)us;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct rte_malloc_socket_stats hs;

	(void)argc;
	(void)argv;
	fuzz_eal_init("fuzz_rx", "--sim=pages=64,nic=x710,populate=0");
	hugepage_sz = sim_machine_config()->profile.hugepage_sz;
	pool = rte_pktmbuf_pool_create("fuzz_rx", POOL_SIZE, POOL_CACHE, 0, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	dev = sim_i40e_get(0);
	/* One thread drives the port, the device and its DMA (the EAL worker
	 * lcore waits, libFuzzer's own thread never touches them): no locks. */
	sim_set_single_thread(true);
	/* No real waiting: a stalled admin queue times out after its polls. */
	rte_delay_us_callback_register(no_delay);
	sim_i40e_set_ctx_hook(dev, tamper_hook, NULL);
	/* one page, page aligned, so that its first page's end is known */
	scratch = rte_memzone_reserve_aligned("fuzz_rx_scratch", hugepage_sz, 0, 0, hugepage_sz);
	if (pool == NULL || dev == NULL || scratch == NULL || rte_eth_dev_count_avail() != 1) {
		fprintf(stderr, "fuzz_rx: no pool, device or scratch zone\n");
		abort();
	}
	rte_mempool_mem_iter(pool, add_chunk, NULL);
	for (size_t i = 0; i < sizeof(pattern); i++)
		pattern[i] = (uint8_t)(i * 7 + (i >> 8));
	memset(scratch->addr, 0, scratch->len);
	/* count the heap without the port and with it (as inputs leave it) */
	rte_eth_dev_close(0);
	sim_i40e_set_auto_deliver(dev, false);
	sim_i40e_set_source(dev, NULL);
	if (rte_malloc_get_socket_stats(0, &hs) != 0)
		abort();
	heap_allocs_at_start = hs.alloc_count;
	if (rte_eth_dev_count_avail() != 1 || rte_malloc_get_socket_stats(0, &hs) != 0)
		abort();
	heap_allocs_probed = hs.alloc_count;
	trace = getenv("FUZZ_RX_TRACE") != NULL;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { .data = data, .size = size, .off = 0 };
	static const enum i40e_rx_path limits[4] = {
		I40E_RX_PATH_SCALAR, I40E_RX_PATH_BULK_ALLOC, I40E_RX_PATH_VECTOR,
		I40E_RX_PATH_VECTOR_AVX2,
	};
	enum i40e_rx_path limit;
	bool aq_input;
	uint16_t nb_desc;
	uint8_t cfg, b;

	if (size < 2)
		return 0;
	b = get8(&in);
	nb_desc = (uint16_t)(64 + 32 * (b % 15));
	limit = limits[b / 15 % 4];
	cfg = get8(&in);
	memset(&fault, 0, sizeof(fault));
	if (cfg & 0x80)
		faults_from(&in);
	/* An admin queue fault counts the commands from the probe's first: a
	 * closed port is probed with it armed. */
	aq_input = fault.aq_armed;
	want_packets = want_errors = want_bytes = errors_matched = 0;
	if (!port_resume(nb_desc, cfg, limit) && !port_bring_up(nb_desc, cfg, limit, aq_input)) {
		port_down(false);
		return 0;
	}
	while (in.off < in.size) {
		const uint8_t op = get8(&in);

		switch (op % 6) {
		case 0: /* op / 6 odd: a count byte comes first */
			op_frame(&in, (op / 6) & 1 ? 1u + get8(&in) : 1u);
			break;
		case 1:
			op_burst(&in, (op / 6) & 1);
			break;
		case 2:
			op_corrupt(&in);
			break;
		case 3:
			if ((op / 6) & 1)
				op_take(&in);
			else
				free_held();
			break;
		case 4:
			op_restart((op / 6) & 1);
			break;
		default:
			op_stats();
			break;
		}
	}
	/* after an admin queue fault, close: the heap is as before the probe */
	port_down(!aq_input);
	if (!aq_input) {
		kept.started = true;
		kept.nb_desc = nb_desc;
		kept.cfg = cfg;
		kept.limit = limit;
	}
	return 0;
}
