/* SPDX-License-Identifier: BSD-3-Clause
 * The SIMD half of the vector receive path on x86_64 (SSE4.1), included by
 * i40e_rx_vec.c: four descriptors to four mbufs, with the technique of
 * DPDK 22.11's i40e_rxtx_vec_sse.c:
 *  - the status/error dwords of the four are gathered into one register,
 *    and their ol_flags come out of three 16-byte tables indexed with
 *    pshufb (VLAN from L2TAG1P, RSS/FDIR from FLTSTAT and FLM, the
 *    checksum flags from IPE/L4E/EIPE);
 *  - each mbuf's rearm_data and ol_flags are one 16-byte store of the
 *    queue's mbuf_initializer beside its flags;
 *  - each descriptor becomes packet_type, pkt_len, data_len, vlan_tci and
 *    hash.rss by one pshufb, after its packet type and length (taken out
 *    of qword1 for all four at once) are put in place of qword1.
 * The file is built without -msse4.1 (the project's baseline is SSE2), so
 * the functions that use SSE4.1 carry a target attribute and the path is
 * only chosen where the CPU has it (i40e_rx_vec_cpu_ok).
 */
#ifndef RTEMEM_I40E_RX_VEC_SSE_H
#define RTEMEM_I40E_RX_VEC_SSE_H

#include <smmintrin.h>

#define I40E_VEC_FN __attribute__((target("sse4.1")))

typedef __m128i vec_acc_t;

static inline I40E_VEC_FN vec_acc_t vec_acc_zero(void)
{
	return _mm_setzero_si128();
}

static inline I40E_VEC_FN uint64_t vec_acc_sum(vec_acc_t acc)
{
	acc = _mm_add_epi32(acc, _mm_srli_si128(acc, 8));
	acc = _mm_add_epi32(acc, _mm_srli_si128(acc, 4));
	return (uint32_t)_mm_cvtsi128_si32(acc);
}

/* Two 64-bit words to a 16-byte location (a descriptor): one store. */
static inline void vec_store_2x64(volatile void *dst, uint64_t lo, uint64_t hi)
{
	_mm_storeu_si128((__m128i *)(uintptr_t)dst, _mm_set_epi64x((long long)hi, (long long)lo));
}

/* A refilled descriptor: pkt_addr the buffer's IO address past the
 * headroom, hdr_addr 0 (which clears DD); buf_iova read straight into the
 * vector register (little-endian, as the descriptor). */
static inline void vec_refill_desc(volatile union i40e_rx_desc *d, const struct rte_mbuf *m)
{
	__m128i a = _mm_loadl_epi64((const __m128i *)(const void *)&m->buf_iova);

	_mm_storeu_si128((__m128i *)(uintptr_t)d,
			 _mm_add_epi64(a, _mm_cvtsi32_si128(RTE_PKTMBUF_HEADROOM)));
}

/* Four mbuf pointers from the sw_ring to the caller's array. */
static inline I40E_VEC_FN void vec_copy_4_ptrs(struct rte_mbuf **dst,
					       const struct i40e_rx_entry *src)
{
	__m128i a = _mm_loadu_si128((const __m128i *)(const void *)src);
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(src + 2));

	_mm_storeu_si128((__m128i *)(void *)dst, a);
	_mm_storeu_si128((__m128i *)(void *)(dst + 2), b);
}

/* The ol_flags of four descriptors from their status/error dwords, one
 * 32-bit lane each, with the tables of i40e_rx_vec_common.h. */
static inline I40E_VEC_FN __m128i vec_flags(__m128i st)
{
	const __m128i vlan_tbl = _mm_load_si128((const __m128i *)(const void *)vec_vlan_tbl);
	const __m128i rss_tbl = _mm_load_si128((const __m128i *)(const void *)vec_rss_tbl);
	const __m128i cksum_tbl = _mm_load_si128((const __m128i *)(const void *)vec_cksum_tbl);
	const __m128i bits = _mm_and_si128(st, _mm_set1_epi32((int)VEC_FLAG_BITS));
	__m128i vlan = _mm_shuffle_epi8(vlan_tbl, bits);
	__m128i rss = _mm_shuffle_epi8(rss_tbl, _mm_srli_epi32(bits, VEC_FLM_BIT));
	__m128i cksum = _mm_shuffle_epi8(cksum_tbl, _mm_srli_epi32(bits, VEC_IPE_BIT));

	cksum = _mm_and_si128(_mm_slli_epi32(cksum, 1), _mm_set1_epi32(0x1fe));
	return _mm_or_si128(_mm_or_si128(vlan, rss), cksum);
}

/*
 * Map four completed descriptors to their mbufs m: rearm_data and
 * ol_flags, then the descriptor fields of the group's layout with their
 * packet types pt (see vec_shuf_pt). The lengths less trim are added to
 * *acc. vlan_tci_outer is the caller's.
 */
static inline I40E_VEC_FN void vec_map4(volatile union i40e_rx_desc *rxdp,
					struct rte_mbuf *const *m, unsigned int layout,
					uint64_t mbuf_init, uint8_t trim, const uint32_t *pt,
					vec_acc_t *acc)
{
	const __m128i shuf = _mm_load_si128((const __m128i *)(const void *)vec_shuf_pt[layout]);
	const __m128i init = _mm_set1_epi64x((long long)mbuf_init);
	const __m128i zero = _mm_setzero_si128();
	const ptrdiff_t at = vec_fields_at(layout);
	__m128i d[DESCS_PER_LOOP], st, len, flags, f01, f23, u01, u23;

	VEC_UNROLL
	for (int j = 0; j < DESCS_PER_LOOP; j++)
		d[j] = _mm_loadu_si128((const __m128i *)(const void *)(uintptr_t)&rxdp[j]);

	/* status/error dwords and the dwords holding the length, 4 to 1 */
	f01 = _mm_unpackhi_epi32(d[0], d[1]);
	f23 = _mm_unpackhi_epi32(d[2], d[3]);
	st = _mm_unpacklo_epi64(f01, f23);
	len = _mm_srli_epi32(_mm_slli_epi32(_mm_unpackhi_epi64(f01, f23), 12), 18);
	/* less trim in 16 bits, as the scalar path's data_len */
	len = _mm_sub_epi16(len, _mm_set1_epi32(trim));
	*acc = _mm_add_epi32(*acc, len);

	flags = vec_flags(st);
	f01 = _mm_unpacklo_epi32(flags, zero);
	f23 = _mm_unpackhi_epi32(flags, zero);
	_mm_storeu_si128((__m128i *)(void *)&m[0]->rearm_data, _mm_unpacklo_epi64(init, f01));
	_mm_storeu_si128((__m128i *)(void *)&m[1]->rearm_data, _mm_unpackhi_epi64(init, f01));
	_mm_storeu_si128((__m128i *)(void *)&m[2]->rearm_data, _mm_unpacklo_epi64(init, f23));
	_mm_storeu_si128((__m128i *)(void *)&m[3]->rearm_data, _mm_unpackhi_epi64(init, f23));

	/* packet_type beside the length: of 0 and 1 in u01, of 2 and 3 in u23;
	 * each after its descriptor's qword0, one shuffle to the mbuf */
	u01 = _mm_set_epi32((int)pt[3], (int)pt[2], (int)pt[1], (int)pt[0]);
	u23 = _mm_unpackhi_epi32(u01, len);
	u01 = _mm_unpacklo_epi32(u01, len);
	_mm_storeu_si128((__m128i *)(void *)((char *)m[0] + at),
			 _mm_shuffle_epi8(_mm_unpacklo_epi64(d[0], u01), shuf));
	_mm_storeu_si128((__m128i *)(void *)((char *)m[1] + at),
			 _mm_shuffle_epi8(_mm_blend_epi16(d[1], u01, 0xf0), shuf));
	_mm_storeu_si128((__m128i *)(void *)((char *)m[2] + at),
			 _mm_shuffle_epi8(_mm_unpacklo_epi64(d[2], u23), shuf));
	_mm_storeu_si128((__m128i *)(void *)((char *)m[3] + at),
			 _mm_shuffle_epi8(_mm_blend_epi16(d[3], u23, 0xf0), shuf));
}

#endif
