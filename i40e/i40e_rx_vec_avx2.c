/* SPDX-License-Identifier: BSD-3-Clause
 * The AVX2 receive path (DPDK 22.11's i40e_recv_pkts_vec_avx2 and its
 * scattered twin, "Vector AVX2"): the vector path of i40e_rx_vec.c with
 * eight descriptors per step instead of four, as DPDK's does, so a burst
 * is a multiple of eight (at most 32). The ring, its refill and the
 * unusual groups are the 128-bit path's (i40e_rx_vec_common.h); what is
 * new is the SIMD mapping of eight ordinary descriptors (recv_loop for
 * the burst's own layout, vec_map8 for a group of another one):
 *  - two descriptors per 256-bit register, one per 128-bit lane, so a
 *    16-byte shuffle serves two at once;
 *  - the eight status/error dwords in one register (lane 0 the even
 *    descriptors, lane 1 the odd ones), their ol_flags from the shared
 *    tables, one lookup per table for all eight; in recv_loop also one
 *    compare for the group check and one gather for packet_type;
 *  - with an RSS hash, each mbuf's rearm_data, ol_flags and its 16 bytes
 *    of descriptor fields are one 32-byte store; without one, two 16-byte
 *    stores, so hash.rss stays as the scalar path leaves it.
 * The functions carry target("avx2") (the build assumes SSE2 only) and
 * the path is chosen only where the CPU has AVX2 and rte_vect allows 256
 * bits (i40e_rx_select.c).
 */
#include <stdbool.h>
#include <stdint.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_mbuf.h>

#include "i40e_ethdev.h"
#include "i40e_rx_vec_common.h"
#include "i40e_rxd.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX2_FN __attribute__((target("avx2")))
#define DESCS_PER_LOOP_AVX 8

bool i40e_rx_vec_avx2_cpu_ok(void)
{
	return __builtin_cpu_supports("avx2");
}

/* Descriptors a and b in one register, a in the low lane. */
static inline AVX2_FN __m256i load_pair(volatile union i40e_rx_desc *a,
					volatile union i40e_rx_desc *b)
{
	__m128i lo = _mm_loadu_si128((const __m128i *)(const void *)(uintptr_t)a);
	__m128i hi = _mm_loadu_si128((const __m128i *)(const void *)(uintptr_t)b);

	return _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
}

static inline AVX2_FN __m256i load_tbl(const uint8_t *tbl)
{
	return _mm256_broadcastsi128_si256(_mm_load_si128((const __m128i *)(const void *)tbl));
}

/* The constants of flags8: the flag tables and masks. */
struct flag_consts {
	__m256i vlan_tbl, rss_tbl, cksum_tbl, bits, cksum_bits;
};

/* Hide a constant from gcc, which would otherwise rebuild it (a 64-bit
 * immediate, a move and a broadcast) in every group instead of keeping
 * it in a register or on the stack. */
static inline AVX2_FN __m256i opaque(__m256i v)
{
	__asm__("" : "+x"(v));
	return v;
}

static inline AVX2_FN void flag_consts_init(struct flag_consts *c)
{
	c->vlan_tbl = opaque(load_tbl(vec_vlan_tbl));
	c->rss_tbl = opaque(load_tbl(vec_rss_tbl));
	c->cksum_tbl = opaque(load_tbl(vec_cksum_tbl));
	c->bits = opaque(_mm256_set1_epi32((int)VEC_FLAG_BITS));
	c->cksum_bits = opaque(_mm256_set1_epi32(0x1fe));
}

/* The ol_flags of eight descriptors from their status/error dwords, one
 * 32-bit lane each (i40e_rx_vec_common.h, the tables). */
static inline AVX2_FN __m256i flags8(__m256i st, const struct flag_consts *c)
{
	const __m256i bits = _mm256_and_si256(st, c->bits);
	__m256i vlan = _mm256_shuffle_epi8(c->vlan_tbl, bits);
	__m256i rss = _mm256_shuffle_epi8(c->rss_tbl, _mm256_srli_epi32(bits, VEC_FLM_BIT));
	__m256i cksum = _mm256_shuffle_epi8(c->cksum_tbl, _mm256_srli_epi32(bits, VEC_IPE_BIT));

	cksum = _mm256_and_si256(_mm256_slli_epi32(cksum, 1), c->cksum_bits);
	return _mm256_or_si256(_mm256_or_si256(vlan, rss), cksum);
}

/* Store what one register pair holds for mbufs m0 (low lanes) and m1
 * (high lanes): rearm_data and ol_flags in r, the layout's 16 bytes in x. */
static __rte_always_inline AVX2_FN void store_pair(struct rte_mbuf *m0, struct rte_mbuf *m1, __m256i r,
				      __m256i x, bool rss, ptrdiff_t at)
{
	if (rss) {
		/* rearm_data to hash.rss: 32 contiguous bytes */
		_mm256_storeu_si256((__m256i *)(void *)&m0->rearm_data,
				    _mm256_permute2x128_si256(r, x, 0x20));
		_mm256_storeu_si256((__m256i *)(void *)&m1->rearm_data,
				    _mm256_permute2x128_si256(r, x, 0x31));
		return;
	}
	_mm_storeu_si128((__m128i *)(void *)&m0->rearm_data, _mm256_castsi256_si128(r));
	_mm_storeu_si128((__m128i *)(void *)&m1->rearm_data, _mm256_extracti128_si256(r, 1));
	_mm_storeu_si128((__m128i *)(void *)((char *)m0 + at), _mm256_castsi256_si128(x));
	_mm_storeu_si128((__m128i *)(void *)((char *)m1 + at), _mm256_extracti128_si256(x, 1));
}

/*
 * Map eight completed descriptors of one layout to their mbufs; the
 * lengths less trim are added to *acc. packet_type and vlan_tci_outer are
 * the caller's.
 */
static __rte_always_inline AVX2_FN void vec_map8(volatile union i40e_rx_desc *rxdp,
				    const struct i40e_rx_entry *rxep, unsigned int layout,
				    uint64_t mbuf_init, uint8_t trim, __m256i *acc)
{
	const __m256i shuf = load_tbl(vec_shuf[layout]);
	const __m256i lenpos = load_tbl((const uint8_t *)vec_lenpos[layout]);
	/* all of a word but the two top bits of the length words */
	const __m256i keep = _mm256_xor_si256(_mm256_set1_epi16(-1),
					      _mm256_and_si256(lenpos, _mm256_set1_epi16((short)0xc000)));
	const __m256i crc = _mm256_and_si256(lenpos, _mm256_set1_epi16(trim));
	const __m256i init = _mm256_set1_epi64x((long long)mbuf_init);
	const __m256i zero = _mm256_setzero_si256();
	const bool rss = layout & VEC_L_RSS;
	const ptrdiff_t at = vec_fields_at(layout);
	__m256i d[DESCS_PER_LOOP_AVX / 2], t0, t1, st, len, flags, f_lo, f_hi, r[4];
	struct flag_consts fc;

	VEC_UNROLL
	for (int j = 0; j < DESCS_PER_LOOP_AVX / 2; j++)
		d[j] = load_pair(&rxdp[2 * j], &rxdp[2 * j + 1]);

	/* status/error and length dwords: lane 0 of 0, 2, 4, 6, lane 1 of 1, 3, 5, 7 */
	t0 = _mm256_unpackhi_epi32(d[0], d[1]);
	t1 = _mm256_unpackhi_epi32(d[2], d[3]);
	st = _mm256_unpacklo_epi64(t0, t1);
	len = _mm256_srli_epi32(_mm256_slli_epi32(_mm256_unpackhi_epi64(t0, t1), 12), 18);
	/* less trim in 16 bits, as the scalar path's data_len */
	*acc = _mm256_add_epi32(*acc, _mm256_sub_epi16(len, _mm256_set1_epi32(trim)));

	/* rearm_data beside ol_flags: r[k] holds mbuf 2k's low, 2k+1's high */
	flag_consts_init(&fc);
	flags = flags8(st, &fc);
	f_lo = _mm256_unpacklo_epi32(flags, zero);
	f_hi = _mm256_unpackhi_epi32(flags, zero);
	r[0] = _mm256_unpacklo_epi64(init, f_lo);
	r[1] = _mm256_unpackhi_epi64(init, f_lo);
	r[2] = _mm256_unpacklo_epi64(init, f_hi);
	r[3] = _mm256_unpackhi_epi64(init, f_hi);

	VEC_UNROLL
	for (int j = 0; j < DESCS_PER_LOOP_AVX / 2; j++) {
		/* bits 38-51 to bytes 14-15 of each lane */
		__m256i x = _mm256_blend_epi16(d[j], _mm256_slli_epi32(d[j], 10), 0x80);

		x = _mm256_shuffle_epi8(x, shuf);
		x = _mm256_sub_epi16(_mm256_and_si256(x, keep), crc);
		store_pair(rxep[2 * j].mbuf, rxep[2 * j + 1].mbuf, r[j], x, rss, at);
	}
}

static inline AVX2_FN uint64_t acc_sum(__m256i acc)
{
	__m128i a = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));

	a = _mm_add_epi32(a, _mm_srli_si128(a, 8));
	a = _mm_add_epi32(a, _mm_srli_si128(a, 4));
	return (uint32_t)_mm_cvtsi128_si32(a);
}

/*
 * A group of eight done descriptors the fast loop does not take (not of
 * the burst's layout): vec_map8 when it is of another SIMD layout, else
 * one by one. Out of line, so that the fast loop keeps its registers.
 * Returns the lengths' sum; *errs gets a bit per RXE.
 */
static __attribute__((noinline)) AVX2_FN uint64_t map_other(const struct i40e_rx_queue *rxq,
							     volatile union i40e_rx_desc *rxdp,
							     const struct i40e_rx_entry *rxep,
							     uint8_t trim, uint16_t pos,
							     uint32_t *errs)
{
	uint64_t qw1[DESCS_PER_LOOP_AVX], all = ~0ULL, any = 0;
	__m256i acc = _mm256_setzero_si256();
	int layout;

	/* all done: the caller's acquire loads saw them */
	for (int j = 0; j < DESCS_PER_LOOP_AVX; j++) {
		qw1[j] = rte_le_to_cpu_64(rxdp[j].wb.qword1);
		all &= qw1[j];
		any |= qw1[j];
	}
	layout = i40e_rx_vec_layout(rxdp, DESCS_PER_LOOP_AVX, all, any);
	if (layout < 0)
		return i40e_rx_vec_map_group(rxq, rxdp, rxep, DESCS_PER_LOOP_AVX, trim, pos, errs);
	vec_map8(rxdp, rxep, (unsigned int)layout, rxq->mbuf_initializer, trim, &acc);
	for (int j = 0; j < DESCS_PER_LOOP_AVX; j++) {
		struct rte_mbuf *m = rxep[j].mbuf;

		m->packet_type = i40e_ptype_table[(uint8_t)(qw1[j] >> I40E_RXD_QW1_PTYPE_SHIFT)];
		m->vlan_tci_outer = 0;
	}
	return acc_sum(acc);
}

/*
 * The loop of recv_raw for a burst whose first descriptor has the layout
 * lay (rss: whether it carries the hash, a constant in each copy). What
 * vec_map8 computes per group (the layout's shuffle and masks, the flag
 * tables) is set up once; a group of eight is checked against the layout
 * with one vector compare of the status dwords, and packet_type comes
 * from one gather of the ptype table into the vector store. A group of
 * another layout goes to map_other, one not all done to map_group.
 */
static __rte_always_inline AVX2_FN uint16_t recv_loop(struct i40e_rx_queue *rxq,
						       struct rte_mbuf **rx_pkts, uint16_t nb_pkts,
						       uint8_t trim, bool split, unsigned int lay,
						       const bool rss, uint32_t *eop, uint32_t *errs,
						       uint64_t *bytes)
{
	const uint64_t dd = I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_DD);
	const uint32_t expect = (uint32_t)i40e_rx_vec_status_of(lay);
	const __m256i fast_mask = opaque(_mm256_set1_epi32((int)VEC_CHECK_MASK));
	const __m256i ptype_hi = opaque(_mm256_set1_epi32(0xfc));
	const __m256i fast_expect = _mm256_set1_epi32((int)expect);
	const __m256i shuf = load_tbl(vec_shuf_pt[lay]);
	const __m256i trim32 = _mm256_set1_epi32(trim);
	const __m256i init = _mm256_set1_epi64x((long long)rxq->mbuf_initializer);
	const ptrdiff_t at = vec_fields_at(lay);
	uint16_t zero16 = 0;
	struct flag_consts fc;
	uint32_t eop_bits = 0, err_bits = 0;
	uint64_t sum = 0;
	__m256i acc = _mm256_setzero_si256();
	volatile union i40e_rx_desc *rxdp = &rxq->rx_ring[rxq->rx_tail];
	struct i40e_rx_entry *rxep = &rxq->sw_ring[rxq->rx_tail];
	uint16_t nb_rx = 0;

	RTE_BUILD_BUG_ON(VEC_CHECK_MASK >> 32 != 0);
	flag_consts_init(&fc);
	/* one register of zero for the vlan_tci_outer stores (gcc would
	 * clear one per store) */
	__asm__("" : "+r"(zero16));
	for (uint16_t pos = 0; pos < nb_pkts; pos += DESCS_PER_LOOP_AVX,
	     rxdp += DESCS_PER_LOOP_AVX, rxep += DESCS_PER_LOOP_AVX) {
		uint64_t qw1[DESCS_PER_LOOP_AVX], all = ~0ULL;
		unsigned int nb_dd = DESCS_PER_LOOP_AVX;
		struct rte_mbuf *m[DESCS_PER_LOOP_AVX];
		__m256i d[DESCS_PER_LOOP_AVX / 2], t0, t1, st, hi, len, flags, f_lo, f_hi, r[4], pt, u[2];
		uint64_t qw2 = 0;

		/* last to first, as in i40e_rx_vec.c: the done ones are a prefix */
		VEC_UNROLL
		for (int j = DESCS_PER_LOOP_AVX - 1; j >= 0; j--)
			qw1[j] = rte_le_to_cpu_64(__atomic_load_n(&rxdp[j].wb.qword1,
								  __ATOMIC_ACQUIRE));
		_mm256_storeu_si256((__m256i *)(void *)&rx_pkts[pos],
				    _mm256_loadu_si256((const __m256i *)(const void *)rxep));
		_mm256_storeu_si256((__m256i *)(void *)&rx_pkts[pos + 4],
				    _mm256_loadu_si256((const __m256i *)(const void *)(rxep + 4)));
		VEC_UNROLL
		for (int j = 0; j < DESCS_PER_LOOP_AVX; j++)
			all &= qw1[j];
		if (unlikely(!(all & dd))) {
			unsigned int done = 0;

			VEC_UNROLL
			for (int j = 0; j < DESCS_PER_LOOP_AVX; j++)
				done |= (unsigned int)(qw1[j] & dd) << j;
			nb_dd = (unsigned int)__builtin_ctz(~done);
			if (nb_dd > 0)
				sum += i40e_rx_vec_map_group(rxq, rxdp, rxep, nb_dd, trim, pos,
							     &err_bits);
			goto group_done;
		}

		VEC_UNROLL
		for (int j = 0; j < DESCS_PER_LOOP_AVX / 2; j++)
			d[j] = load_pair(&rxdp[2 * j], &rxdp[2 * j + 1]);
#ifndef RTE_LIBRTE_I40E_16BYTE_RX_DESC
		qw2 = i40e_rx_vec_l2tag2(rxdp, DESCS_PER_LOOP_AVX);
#endif
		/* status/error and length dwords: lane 0 of 0, 2, 4, 6, lane 1 of 1, 3, 5, 7 */
		t0 = _mm256_unpackhi_epi32(d[0], d[1]);
		t1 = _mm256_unpackhi_epi32(d[2], d[3]);
		st = _mm256_unpacklo_epi64(t0, t1);
		hi = _mm256_unpackhi_epi64(t0, t1);
		if (unlikely((uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi32(
				_mm256_and_si256(st, fast_mask), fast_expect)) != UINT32_MAX ||
			     qw2 != 0)) {
			sum += map_other(rxq, rxdp, rxep, trim, pos, &err_bits);
			goto group_done;
		}

		VEC_UNROLL
		for (int j = 0; j < DESCS_PER_LOOP_AVX; j++)
			m[j] = rxep[j].mbuf;
		/* the lengths less trim, and packet_type: ptype (qword1 bits
		 * 30-37) indexes the table */
		len = _mm256_sub_epi16(_mm256_srli_epi32(_mm256_slli_epi32(hi, 12), 18), trim32);
		acc = _mm256_add_epi32(acc, len);
		pt = _mm256_or_si256(_mm256_srli_epi32(st, 30),
				     _mm256_and_si256(_mm256_slli_epi32(hi, 2), ptype_hi));
		pt = _mm256_i32gather_epi32((const int *)(const void *)i40e_ptype_table, pt, 4);
		/* packet_type beside the length, of 0 and 2 (low lanes) or 1 and 3 */
		u[0] = _mm256_unpacklo_epi32(pt, len);
		u[1] = _mm256_unpackhi_epi32(pt, len);

		flags = flags8(st, &fc);
		f_lo = _mm256_unpacklo_epi32(flags, _mm256_setzero_si256());
		f_hi = _mm256_unpackhi_epi32(flags, _mm256_setzero_si256());
		r[0] = _mm256_unpacklo_epi64(init, f_lo);
		r[1] = _mm256_unpackhi_epi64(init, f_lo);
		r[2] = _mm256_unpacklo_epi64(init, f_hi);
		r[3] = _mm256_unpackhi_epi64(init, f_hi);

		VEC_UNROLL
		for (int j = 0; j < DESCS_PER_LOOP_AVX / 2; j++) {
			/* qword0 of the descriptors, then packet_type and length
			 * (vec_shuf_pt); the pair's are dwords 0-1 or 2-3 of u */
			__m256i x = j % 2 == 0 ? _mm256_unpacklo_epi64(d[j], u[j / 2])
					       : _mm256_blend_epi32(d[j], u[j / 2], 0xcc);

			store_pair(m[2 * j], m[2 * j + 1], r[j], _mm256_shuffle_epi8(x, shuf), rss,
				   at);
		}
		VEC_UNROLL
		for (int j = 0; j < DESCS_PER_LOOP_AVX; j++)
			m[j]->vlan_tci_outer = zero16;
group_done:
		if (split) {
			uint32_t e = 0;

			VEC_UNROLL
			for (int j = 0; j < DESCS_PER_LOOP_AVX; j++)
				e |= (uint32_t)(qw1[j] >> I40E_RX_DESC_STATUS_EOP & 1) << j;
			eop_bits |= (e & ((1u << nb_dd) - 1)) << pos;
		}
		nb_rx = (uint16_t)(nb_rx + nb_dd);
		if (nb_dd != DESCS_PER_LOOP_AVX)
			break;
	}
	rxq->rx_tail = (uint16_t)((rxq->rx_tail + nb_rx) & (rxq->nb_rx_desc - 1));
	rxq->rxrearm_nb = (uint16_t)(rxq->rxrearm_nb + nb_rx);
	*bytes = sum + acc_sum(acc);
	*eop = eop_bits;
	*errs = err_bits;
	return nb_rx;
}

/*
 * Take up to nb_pkts (floored to a multiple of eight, at most 32)
 * completed buffers off the ring, as recv_raw of i40e_rx_vec.c does four
 * at a time (same outputs).
 */
static __rte_always_inline AVX2_FN uint16_t recv_raw(struct i40e_rx_queue *rxq,
						      struct rte_mbuf **rx_pkts, uint16_t nb_pkts,
						      uint8_t trim, bool split, uint32_t *eop,
						      uint32_t *errs, uint64_t *bytes)
{
	const uint64_t dd = I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_DD);
	uint64_t qw1;
	unsigned int lay;

	*eop = 0;
	*errs = 0;
	*bytes = 0;
	nb_pkts = RTE_MIN(nb_pkts, (uint16_t)VEC_BURST);
	nb_pkts = (uint16_t)RTE_ALIGN_FLOOR(nb_pkts, DESCS_PER_LOOP_AVX);
	if (rxq->rxrearm_nb > REARM_THRESH)
		i40e_rx_vec_rearm(rxq);
	qw1 = rte_le_to_cpu_64(__atomic_load_n(&rxq->rx_ring[rxq->rx_tail].wb.qword1,
					       __ATOMIC_ACQUIRE));
	if (!(qw1 & dd) || nb_pkts == 0)
		return 0;
	lay = i40e_rx_vec_layout_of(qw1);
	if (lay & VEC_L_RSS)
		return recv_loop(rxq, rx_pkts, nb_pkts, trim, split, lay, true, eop, errs, bytes);
	return recv_loop(rxq, rx_pkts, nb_pkts, trim, split, lay, false, eop, errs, bytes);
}

AVX2_FN uint16_t i40e_recv_pkts_vec_avx2(void *rx_queue, struct rte_mbuf **rx_pkts,
					 uint16_t nb_pkts)
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

/* As DPDK: bursts of 32 buffers until one comes back short. */
AVX2_FN uint16_t i40e_recv_scattered_pkts_vec_avx2(void *rx_queue, struct rte_mbuf **rx_pkts,
						   uint16_t nb_pkts)
{
	struct i40e_rx_queue *rxq = rx_queue;
	uint16_t nb_rx = 0;

	while (nb_pkts >= DESCS_PER_LOOP_AVX) {
		uint16_t want = RTE_MIN(nb_pkts, (uint16_t)VEC_BURST);
		uint32_t eop, errs;
		uint64_t bytes;
		uint16_t nb_bufs = recv_raw(rxq, rx_pkts + nb_rx, want, 0, true, &eop, &errs,
					   &bytes);
		uint16_t n = i40e_rx_vec_reassemble(rxq, rx_pkts + nb_rx, nb_bufs, eop, errs);

		nb_rx = (uint16_t)(nb_rx + n);
		nb_pkts = (uint16_t)(nb_pkts - n);
		if (nb_bufs < RTE_ALIGN_FLOOR(want, DESCS_PER_LOOP_AVX))
			break;
	}
	return nb_rx;
}

#else /* no AVX2 on this architecture: never chosen */

bool i40e_rx_vec_avx2_cpu_ok(void)
{
	return false;
}

uint16_t i40e_recv_pkts_vec_avx2(void *rx_queue, struct rte_mbuf **rx_pkts, uint16_t nb_pkts)
{
	(void)rx_queue;
	(void)rx_pkts;
	(void)nb_pkts;
	return 0;
}

uint16_t i40e_recv_scattered_pkts_vec_avx2(void *rx_queue, struct rte_mbuf **rx_pkts,
					   uint16_t nb_pkts)
{
	return i40e_recv_pkts_vec_avx2(rx_queue, rx_pkts, nb_pkts);
}
#endif
