/* SPDX-License-Identifier: BSD-3-Clause
 * The SIMD half of the vector receive path on arm64 (Neon), included by
 * i40e_rx_vec.c: the same steps as i40e_rx_vec_sse.h (read that first),
 * with Neon's table lookup (tbl, which gives 0 for an index past 15 where
 * pshufb looks at bit 7) in place of pshufb, zips in place of unpacks and
 * a bit select in place of the word blend.
 */
#ifndef RTEMEM_I40E_RX_VEC_NEON_H
#define RTEMEM_I40E_RX_VEC_NEON_H

#include <arm_neon.h>

#define I40E_VEC_FN

typedef uint32x4_t vec_acc_t;

static inline vec_acc_t vec_acc_zero(void)
{
	return vdupq_n_u32(0);
}

static inline uint64_t vec_acc_sum(vec_acc_t acc)
{
	return vaddvq_u32(acc);
}

/* Two 64-bit words to a 16-byte location (a descriptor): one store. */
static inline void vec_store_2x64(volatile void *dst, uint64_t lo, uint64_t hi)
{
	vst1q_u64((uint64_t *)(uintptr_t)dst, vcombine_u64(vcreate_u64(lo), vcreate_u64(hi)));
}

/* A refilled descriptor: pkt_addr past the headroom, hdr_addr 0 (clears DD). */
static inline void vec_refill_desc(volatile union i40e_rx_desc *d, const struct rte_mbuf *m)
{
	uint64x1_t a = vadd_u64(vld1_u64((const uint64_t *)&m->buf_iova),
				vcreate_u64(RTE_PKTMBUF_HEADROOM));

	vst1q_u64((uint64_t *)(uintptr_t)d, vcombine_u64(a, vcreate_u64(0)));
}

static inline void vec_copy_4_ptrs(struct rte_mbuf **dst, const struct i40e_rx_entry *src)
{
	vst1q_u64((uint64_t *)(void *)dst, vld1q_u64((const uint64_t *)(const void *)src));
	vst1q_u64((uint64_t *)(void *)(dst + 2),
		  vld1q_u64((const uint64_t *)(const void *)(src + 2)));
}

static inline uint32x4_t vec_lookup(const uint8_t *tbl, uint32x4_t idx)
{
	return vreinterpretq_u32_u8(vqtbl1q_u8(vld1q_u8(tbl), vreinterpretq_u8_u32(idx)));
}

/* The ol_flags of four descriptors from their status/error dwords. */
static inline uint32x4_t vec_flags(uint32x4_t st)
{
	const uint32x4_t bits = vandq_u32(st, vdupq_n_u32((uint32_t)VEC_FLAG_BITS));
	uint32x4_t vlan = vec_lookup(vec_vlan_tbl, bits);
	uint32x4_t rss = vec_lookup(vec_rss_tbl, vshrq_n_u32(bits, VEC_FLM_BIT));
	uint32x4_t cksum = vec_lookup(vec_cksum_tbl, vshrq_n_u32(bits, VEC_IPE_BIT));

	cksum = vandq_u32(vshlq_n_u32(cksum, 1), vdupq_n_u32(0x1fe));
	return vorrq_u32(vorrq_u32(vlan, rss), cksum);
}

/* As vec_map4 of i40e_rx_vec_sse.h. */
static inline void vec_map4(volatile union i40e_rx_desc *rxdp, struct rte_mbuf *const *m,
			    unsigned int layout, uint64_t mbuf_init, uint8_t trim,
			    const uint32_t *pt, vec_acc_t *acc)
{
	const uint8x16_t shuf = vld1q_u8(vec_shuf_pt[layout]);
	const uint64x2_t init = vdupq_n_u64(mbuf_init);
	const uint32x4_t zero = vdupq_n_u32(0);
	const ptrdiff_t at = vec_fields_at(layout);
	uint32x4_t d[DESCS_PER_LOOP], st, hi, len, flags, u01, u23, p;
	uint64x2_t f01, f23;

	VEC_UNROLL
	for (int j = 0; j < DESCS_PER_LOOP; j++)
		d[j] = vld1q_u32((const uint32_t *)(uintptr_t)&rxdp[j]);

	f01 = vreinterpretq_u64_u32(vzip2q_u32(d[0], d[1]));
	f23 = vreinterpretq_u64_u32(vzip2q_u32(d[2], d[3]));
	st = vreinterpretq_u32_u64(vzip1q_u64(f01, f23));
	hi = vreinterpretq_u32_u64(vzip2q_u64(f01, f23));
	len = vshrq_n_u32(vshlq_n_u32(hi, 12), 18);
	len = vreinterpretq_u32_u16(vsubq_u16(vreinterpretq_u16_u32(len),
					      vreinterpretq_u16_u32(vdupq_n_u32(trim))));
	*acc = vaddq_u32(*acc, len);

	flags = vec_flags(st);
	f01 = vreinterpretq_u64_u32(vzip1q_u32(flags, zero));
	f23 = vreinterpretq_u64_u32(vzip2q_u32(flags, zero));
	vst1q_u64((uint64_t *)(void *)&m[0]->rearm_data, vzip1q_u64(init, f01));
	vst1q_u64((uint64_t *)(void *)&m[1]->rearm_data, vzip2q_u64(init, f01));
	vst1q_u64((uint64_t *)(void *)&m[2]->rearm_data, vzip1q_u64(init, f23));
	vst1q_u64((uint64_t *)(void *)&m[3]->rearm_data, vzip2q_u64(init, f23));

	p = vld1q_u32(pt);
	u01 = vzip1q_u32(p, len);
	u23 = vzip2q_u32(p, len);
	VEC_UNROLL
	for (int j = 0; j < DESCS_PER_LOOP; j++) {
		uint64x2_t u = vreinterpretq_u64_u32(j < 2 ? u01 : u23);
		uint64x1_t tail = j % 2 == 0 ? vget_low_u64(u) : vget_high_u64(u);
		uint8x16_t x = vreinterpretq_u8_u64(vcombine_u64(
			vget_low_u64(vreinterpretq_u64_u32(d[j])), tail));

		vst1q_u8((uint8_t *)(void *)((char *)m[j] + at), vqtbl1q_u8(x, shuf));
	}
}

#endif
