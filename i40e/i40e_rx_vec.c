/* SPDX-License-Identifier: BSD-3-Clause
 * The vector receive path (DPDK 22.11's i40e_recv_pkts_vec and its
 * scattered twin): descriptors four at a time, at most 32 per call, the
 * ring refilled 32 at a time with one mempool get and one tail write.
 *
 * What differs from the scalar path, as in DPDK:
 *  - a completed descriptor is not refilled when its frame is taken; its
 *    sw_ring entry keeps the (now the application's) mbuf until the block
 *    it is in, [rxrearm_start, +rxrearm_nb), is refilled;
 *  - a fresh mbuf is not initialised when it goes on the ring but when it
 *    comes back with a frame: rearm_data (data_off, refcnt, nb_segs, port)
 *    and ol_flags in one 16-byte store, from mbuf_initializer; next is
 *    NULL as every mbuf in a pool has it;
 *  - the ring size is a power of two (the index wraps with a mask), and a
 *    group of four may read past the ring's end into the zeroed spare
 *    descriptors (DD clear) and the sw_ring's fake mbuf entries.
 *
 * A group of four done descriptors is mapped with SIMD (vec_map4:
 * i40e_rx_vec_sse.h on x86_64, i40e_rx_vec_neon.h on arm64) when it is an
 * ordinary one: no RXE, no flow director match, no second VLAN tag, and
 * all four alike in whether they carry an RSS hash and a stripped tag.
 * Any other group, and the done prefix of a group not all done, goes
 * through map_one, the scalar path's mapping (i40e_rx_fields.h). Either
 * way the mbuf is the one the scalar path makes: where DPDK's vector code
 * writes something its scalar code does not, this follows the scalar code
 * (docs/design.md, "Receive paths"). Without SIMD every group takes
 * map_one; the path is then never chosen, as in DPDK.
 */
#include <errno.h>
#include <string.h>

#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "i40e_ethdev.h"
#include "i40e_regs.h"
#include "i40e_rx_fields.h"
#include "i40e_rxd.h"
#include "i40e_rx_vec_common.h"

#if defined(__x86_64__)
#include "i40e_rx_vec_sse.h"
#define VEC_SIMD 1
const char i40e_rx_vec_isa[] = "SSE";

bool i40e_rx_vec_cpu_ok(void)
{
	return __builtin_cpu_supports("sse4.1");
}
#elif defined(__aarch64__) && defined(__ARM_NEON)
#include "i40e_rx_vec_neon.h"
#define VEC_SIMD 1
const char i40e_rx_vec_isa[] = "Neon";

bool i40e_rx_vec_cpu_ok(void)
{
	return true; /* Neon is part of AArch64 */
}
#else
#define I40E_VEC_FN
#define VEC_SIMD 0
const char i40e_rx_vec_isa[] = "";

bool i40e_rx_vec_cpu_ok(void)
{
	return false;
}

typedef uint64_t vec_acc_t;

static inline vec_acc_t vec_acc_zero(void)
{
	return 0;
}

static inline uint64_t vec_acc_sum(vec_acc_t acc)
{
	return acc;
}

static inline void vec_store_2x64(volatile void *dst, uint64_t lo, uint64_t hi)
{
	volatile uint64_t *d = dst;

	d[0] = lo;
	d[1] = hi;
}

static inline void vec_refill_desc(volatile union i40e_rx_desc *d, const struct rte_mbuf *m)
{
	vec_store_2x64(d, rte_cpu_to_le_64(m->buf_iova + RTE_PKTMBUF_HEADROOM), 0);
}

static inline void vec_copy_4_ptrs(struct rte_mbuf **dst, const struct i40e_rx_entry *src)
{
	for (int i = 0; i < DESCS_PER_LOOP; i++)
		dst[i] = src[i].mbuf;
}

static inline void vec_map4(volatile union i40e_rx_desc *rxdp, struct rte_mbuf *const *m,
			    unsigned int layout, uint64_t mbuf_init, uint8_t trim,
			    const uint32_t *pt, vec_acc_t *acc)
{
	/* never called: without SIMD every group takes map_one */
	(void)rxdp;
	(void)m;
	(void)layout;
	(void)mbuf_init;
	(void)trim;
	(void)pt;
	(void)acc;
}
#endif

void i40e_rx_vec_reset(struct i40e_rx_queue *rxq)
{
	struct rte_mbuf mb = { .data_off = RTE_PKTMBUF_HEADROOM };

	RTE_BUILD_BUG_ON(offsetof(struct rte_mbuf, ol_flags) !=
			 offsetof(struct rte_mbuf, rearm_data) + 8);
	RTE_BUILD_BUG_ON(offsetof(struct rte_mbuf, packet_type) !=
			 offsetof(struct rte_mbuf, ol_flags) + 8);
	RTE_BUILD_BUG_ON(offsetof(struct rte_mbuf, hash) !=
			 offsetof(struct rte_mbuf, packet_type) + 12);
	RTE_BUILD_BUG_ON(sizeof(struct i40e_rx_entry) != sizeof(void *));
	mb.nb_segs = 1;
	mb.port = rxq->port_id;
	rte_mbuf_refcnt_set(&mb, 1);
	memcpy(&rxq->mbuf_initializer, &mb.rearm_data, sizeof(rxq->mbuf_initializer));
	rxq->rxrearm_start = 0;
	rxq->rxrearm_nb = 0;
}

/*
 * Refill the REARM_THRESH descriptors from rxrearm_start and hand them
 * over. The mbufs come straight from the lcore's mempool cache when it
 * holds enough, as in DPDK's AVX512 refill: the pointers are copied once,
 * into the sw_ring while each descriptor is written, instead of once by
 * rte_mempool_get_bulk and read back; the same objects in the same order
 * (last freed first) as rte_mempool_get_bulk gives. Otherwise (no cache,
 * or it needs a refill from the pool) rte_mempool_get_bulk. Without mbufs
 * nothing is refilled, as in DPDK; when almost the whole ring is then
 * empty, the next four descriptors are zeroed (and point at the fake mbuf)
 * so that the receive loop, which reads them in groups, stops there
 * instead of reading old completions past the last frame.
 */
void i40e_rx_vec_rearm(struct i40e_rx_queue *rxq)
{
	struct i40e_rx_entry *rxep = &rxq->sw_ring[rxq->rxrearm_start];
	volatile union i40e_rx_desc *rxdp = &rxq->rx_ring[rxq->rxrearm_start];
	struct rte_mempool_cache *cache = rte_mempool_default_cache(rxq->mp, rte_lcore_id());
	uint16_t tail;

	if (likely(cache != NULL && cache->len >= REARM_THRESH)) {
		void * const *top = &cache->objs[cache->len];

		_Pragma("GCC unroll 8")
		for (int i = 0; i < REARM_THRESH; i++) {
			struct rte_mbuf *m = top[-1 - i];

			rxep[i].mbuf = m;
			vec_refill_desc(&rxdp[i], m);
		}
		cache->len -= REARM_THRESH;
		RTE_MEMPOOL_CHECK_COOKIES(rxq->mp, (void **)rxep, REARM_THRESH, 1);
	} else if (unlikely(rte_mempool_get_bulk(rxq->mp, (void **)rxep, REARM_THRESH) != 0)) {
		if (rxq->rxrearm_nb + REARM_THRESH >= rxq->nb_rx_desc) {
			for (int i = 0; i < DESCS_PER_LOOP; i++) {
				rxep[i].mbuf = &rxq->fake_mbuf;
				vec_store_2x64(&rxdp[i].read, 0, 0);
			}
		}
		rxq->mbuf_alloc_failed += REARM_THRESH;
		return;
	} else {
		for (int i = 0; i < REARM_THRESH; i++)
			vec_refill_desc(&rxdp[i], rxep[i].mbuf);
	}
	rxq->rxrearm_start = (uint16_t)(rxq->rxrearm_start + REARM_THRESH);
	if (rxq->rxrearm_start >= rxq->nb_rx_desc)
		rxq->rxrearm_start = 0;
	rxq->rxrearm_nb = (uint16_t)(rxq->rxrearm_nb - REARM_THRESH);
	tail = (uint16_t)(rxq->rxrearm_start == 0 ? rxq->nb_rx_desc - 1 : rxq->rxrearm_start - 1);
	/* i40e_write_reg orders the descriptors before the tail. */
	i40e_write_reg(rxq->adapter, I40E_QRX_TAIL(rxq->reg_idx), tail);
}

/*
 * One done descriptor to its mbuf with the scalar path's mapping; returns
 * the length stored (the buffer's, less trim).
 */
static inline uint16_t map_one(const struct i40e_rx_queue *rxq,
			       volatile union i40e_rx_desc *rxdp, struct rte_mbuf *m,
			       uint64_t qw1, uint8_t trim)
{
	uint64_t qw0 = rte_le_to_cpu_64(rxdp->wb.qword0), qw2 = 0, qw3 = 0;
	uint16_t len = (uint16_t)((qw1 & I40E_RXD_QW1_LENGTH_PBUF_MASK) >>
				  I40E_RXD_QW1_LENGTH_PBUF_SHIFT);

#ifndef RTE_LIBRTE_I40E_16BYTE_RX_DESC
	qw2 = rte_le_to_cpu_64(rxdp->wb.qword2);
	if (unlikely(i40e_rx_fdir_match(qw1)))
		qw3 = rte_le_to_cpu_64(rxdp->wb.qword3);
#endif
	m->ol_flags = i40e_rx_desc_fields(m, qw0, qw1, qw2, qw3);
	memcpy(&m->rearm_data, &rxq->mbuf_initializer, sizeof(rxq->mbuf_initializer));
	m->data_len = (uint16_t)(len - trim);
	m->pkt_len = m->data_len;
	return m->data_len;
}

/*
 * The first n of a group of done descriptors, one by one with map_one:
 * the groups vec_map4 does not take. Out of line, so that the fast loop
 * keeps its registers. Returns the lengths' sum; *errs gets a bit per RXE.
 */
__attribute__((noinline)) uint64_t i40e_rx_vec_map_group(const struct i40e_rx_queue *rxq,
							 volatile union i40e_rx_desc *rxdp,
							 const struct i40e_rx_entry *rxep,
							 unsigned int n, uint8_t trim, uint16_t pos,
							 uint32_t *errs)
{
	uint64_t sum = 0;

	for (unsigned int j = 0; j < n; j++) {
		uint64_t qw1 = rte_le_to_cpu_64(rxdp[j].wb.qword1);

		sum += map_one(rxq, &rxdp[j], rxep[j].mbuf, qw1, trim);
		if (unlikely(qw1 & I40E_RXD_ERROR_BIT(I40E_RX_DESC_ERROR_RXE)))
			*errs |= 1u << (pos + j);
	}
	return sum;
}

/* Whether a group of four carries a second VLAN tag (never, with 16-byte
 * descriptors). */
static inline uint64_t vec_l2tag2(volatile union i40e_rx_desc *rxdp)
{
#ifndef RTE_LIBRTE_I40E_16BYTE_RX_DESC
	return i40e_rx_vec_l2tag2(rxdp, DESCS_PER_LOOP);
#else
	(void)rxdp;
	return 0;
#endif
}

/*
 * Take up to nb_pkts (floored to a multiple of four, at most 32) completed
 * buffers off the ring into rx_pkts, each with its own descriptor's
 * fields. With split, eop gets a bit per buffer that ends a frame; errs
 * gets one per buffer the device could not write (RXE). data_len and
 * pkt_len are the buffer's length less trim (the FCS, for one-buffer
 * frames); *bytes their sum.
 */
static __rte_always_inline I40E_VEC_FN uint16_t recv_raw(struct i40e_rx_queue *rxq,
							 struct rte_mbuf **rx_pkts, uint16_t nb_pkts, uint8_t trim, bool split,
					    uint32_t *eop, uint32_t *errs, uint64_t *bytes)
{
	const uint64_t dd = I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_DD);
	uint32_t eop_bits = 0, err_bits = 0; /* locals: *eop could alias an mbuf field */
	uint64_t sum = 0;
	vec_acc_t acc = vec_acc_zero();
	volatile union i40e_rx_desc *rxdp;
	struct i40e_rx_entry *rxep;
	const uint64_t mbuf_init = rxq->mbuf_initializer; /* the mbuf stores could alias it */
	uint64_t qw1_first, expect;
	unsigned int lay0;
	uint16_t nb_rx = 0, zero16 = 0;

	*eop = 0;
	*errs = 0;
	*bytes = 0;
	nb_pkts = RTE_MIN(nb_pkts, (uint16_t)VEC_BURST);
	nb_pkts = (uint16_t)RTE_ALIGN_FLOOR(nb_pkts, DESCS_PER_LOOP);
	if (rxq->rxrearm_nb > REARM_THRESH)
		i40e_rx_vec_rearm(rxq);
	rxdp = &rxq->rx_ring[rxq->rx_tail];
	rxep = &rxq->sw_ring[rxq->rx_tail];
	qw1_first = rte_le_to_cpu_64(__atomic_load_n(&rxdp->wb.qword1, __ATOMIC_ACQUIRE));
	if (!(qw1_first & dd))
		return 0;
	lay0 = i40e_rx_vec_layout_of(qw1_first);
	expect = i40e_rx_vec_status_of(lay0);
	/* one register of zero for the vlan_tci_outer stores (gcc would
	 * clear one per store) */
	__asm__("" : "+r"(zero16));

	for (uint16_t pos = 0; pos < nb_pkts; pos += DESCS_PER_LOOP,
	     rxdp += DESCS_PER_LOOP, rxep += DESCS_PER_LOOP) {
		uint64_t qw1[DESCS_PER_LOOP], all, any;
		unsigned int nb_dd = DESCS_PER_LOOP;
		int layout = -1;

		/* Last to first: the device completes in order, so when the
		 * later one is seen done, the earlier ones read after it are
		 * too. Only done descriptors are read further (the device may
		 * still be writing the others). */
		VEC_UNROLL
		for (int j = DESCS_PER_LOOP - 1; j >= 0; j--)
			qw1[j] = rte_le_to_cpu_64(__atomic_load_n(&rxdp[j].wb.qword1,
								  __ATOMIC_ACQUIRE));
		vec_copy_4_ptrs(&rx_pkts[pos], rxep);
		all = qw1[0] & qw1[1] & qw1[2] & qw1[3];
		any = qw1[0] | qw1[1] | qw1[2] | qw1[3];
		if (likely(all & dd)) {
			/* mostly the first one's layout: one test for it */
			if (VEC_SIMD && likely((((all ^ expect) | (any ^ expect)) &
						VEC_CHECK_MASK) == 0 &&
					       !vec_l2tag2(rxdp)))
				layout = (int)lay0;
			else if (VEC_SIMD)
				layout = i40e_rx_vec_layout(rxdp, DESCS_PER_LOOP, all, any);
		} else {
			/* the done ones from the first; a stale one past a gap
			 * does not count */
			unsigned int done = (unsigned int)((qw1[0] & dd) | (qw1[1] & dd) << 1 |
							   (qw1[2] & dd) << 2 | (qw1[3] & dd) << 3);

			nb_dd = (unsigned int)__builtin_ctz(~done);
		}

		if (likely(layout >= 0)) {
			struct rte_mbuf *m[DESCS_PER_LOOP];
			uint32_t pt[DESCS_PER_LOOP];

			/* read once: the stores below could alias the sw_ring */
			VEC_UNROLL
			for (unsigned int j = 0; j < DESCS_PER_LOOP; j++) {
				m[j] = rxep[j].mbuf;
				pt[j] = i40e_ptype_table[(uint8_t)(qw1[j] >>
								   I40E_RXD_QW1_PTYPE_SHIFT)];
			}
			/* two calls: the burst's own layout's tables stay in registers */
			if (likely(layout == (int)lay0))
				vec_map4(rxdp, m, lay0, mbuf_init, trim, pt, &acc);
			else
				vec_map4(rxdp, m, (unsigned int)layout, mbuf_init, trim, pt, &acc);
			VEC_UNROLL
			for (unsigned int j = 0; j < DESCS_PER_LOOP; j++)
				m[j]->vlan_tci_outer = zero16;
		} else if (nb_dd > 0) {
			sum += i40e_rx_vec_map_group(rxq, rxdp, rxep, nb_dd, trim, pos, &err_bits);
		}
		if (split) {
			uint32_t e = (uint32_t)((qw1[0] >> I40E_RX_DESC_STATUS_EOP & 1) |
						(qw1[1] >> I40E_RX_DESC_STATUS_EOP & 1) << 1 |
						(qw1[2] >> I40E_RX_DESC_STATUS_EOP & 1) << 2 |
						(qw1[3] >> I40E_RX_DESC_STATUS_EOP & 1) << 3);

			eop_bits |= (e & ((1u << nb_dd) - 1)) << pos;
		}
		nb_rx = (uint16_t)(nb_rx + nb_dd);
		if (nb_dd != DESCS_PER_LOOP)
			break;
	}
	rxq->rx_tail = (uint16_t)((rxq->rx_tail + nb_rx) & (rxq->nb_rx_desc - 1));
	rxq->rxrearm_nb = (uint16_t)(rxq->rxrearm_nb + nb_rx);
	*bytes = sum + vec_acc_sum(acc);
	*eop = eop_bits;
	*errs = err_bits;
	return nb_rx;
}

/* One-buffer frames the device lost (RXE) are dropped, as the scalar path
 * drops them; rare, hence a second pass only then. */
uint16_t i40e_rx_vec_drop_lost(struct i40e_rx_queue *rxq, struct rte_mbuf **rx_pkts,
			       uint16_t nb_rx, uint32_t errs)
{
	uint16_t kept = 0;

	for (uint16_t i = 0; i < nb_rx; i++) {
		struct rte_mbuf *m = rx_pkts[i];

		if (errs & (1u << i)) {
			rxq->bytes -= m->pkt_len;
			rxq->packets--;
			rxq->errors++;
			rte_pktmbuf_free_seg(m);
			continue;
		}
		rx_pkts[kept++] = m;
	}
	return kept;
}

I40E_VEC_FN uint16_t i40e_recv_pkts_vec(void *rx_queue, struct rte_mbuf **rx_pkts, uint16_t nb_pkts)
{
	struct i40e_rx_queue *rxq = rx_queue;
	uint32_t eop, errs;
	uint64_t bytes;
	uint16_t nb_rx = recv_raw(rxq, rx_pkts, nb_pkts, rxq->crc_len, false, &eop, &errs,
				  &bytes);

	rxq->packets += nb_rx;
	rxq->bytes += bytes;
	if (unlikely(errs != 0))
		nb_rx = i40e_rx_vec_drop_lost(rxq, rx_pkts, nb_rx, errs);
	return nb_rx;
}

/*
 * Chain the buffers of recv_raw into frames, in place (a frame never
 * comes out ahead of its first buffer). A frame's fields come from its
 * last descriptor, as on the other paths; a frame not finished in this
 * burst waits in pkt_first_seg/pkt_last_seg.
 */
uint16_t i40e_rx_vec_reassemble(struct i40e_rx_queue *rxq, struct rte_mbuf **bufs,
				uint16_t nb_bufs, uint32_t eop, uint32_t errs)
{
	struct rte_mbuf *first = rxq->pkt_first_seg, *last = rxq->pkt_last_seg, *prev = NULL;
	uint16_t nb_pkts = 0;

	for (uint16_t i = 0; i < nb_bufs; i++) {
		struct rte_mbuf *m = bufs[i];

		if (unlikely(errs & (1u << i)))
			rxq->pkt_error = true;
		if (first == NULL) {
			first = m;
		} else {
			first->pkt_len += m->data_len;
			first->nb_segs++;
			last->next = m;
		}
		prev = last;
		last = m;
		if (!(eop & (1u << i)))
			continue;
		if (unlikely(rxq->pkt_error)) {
			rte_pktmbuf_free(first);
			rxq->errors++;
		} else {
			if (first != m) {
				first->ol_flags = m->ol_flags;
				first->packet_type = m->packet_type;
				first->vlan_tci = m->vlan_tci;
				first->vlan_tci_outer = m->vlan_tci_outer;
				first->hash = m->hash;
			}
			if (rxq->crc_len > 0)
				i40e_rx_trim_crc(first, prev, last, rxq->crc_len);
			rxq->packets++;
			rxq->bytes += first->pkt_len;
			bufs[nb_pkts++] = first;
		}
		first = NULL;
		last = NULL;
		rxq->pkt_error = false;
	}
	rxq->pkt_first_seg = first;
	rxq->pkt_last_seg = last;
	return nb_pkts;
}

/* As DPDK: bursts of 32 buffers until one comes back short. */
I40E_VEC_FN uint16_t i40e_recv_scattered_pkts_vec(void *rx_queue, struct rte_mbuf **rx_pkts,
						  uint16_t nb_pkts)
{
	struct i40e_rx_queue *rxq = rx_queue;
	uint16_t nb_rx = 0;

	while (nb_pkts >= DESCS_PER_LOOP) {
		uint16_t want = RTE_MIN(nb_pkts, (uint16_t)VEC_BURST);
		uint32_t eop, errs;
		uint64_t bytes;
		uint16_t nb_bufs = recv_raw(rxq, rx_pkts + nb_rx, want, 0, true, &eop, &errs,
					   &bytes);
		uint16_t n = i40e_rx_vec_reassemble(rxq, rx_pkts + nb_rx, nb_bufs, eop, errs);

		nb_rx = (uint16_t)(nb_rx + n);
		nb_pkts = (uint16_t)(nb_pkts - n);
		if (nb_bufs < RTE_ALIGN_FLOOR(want, DESCS_PER_LOOP))
			break;
	}
	return nb_rx;
}
