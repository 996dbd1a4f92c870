/* SPDX-License-Identifier: BSD-3-Clause
 * rte_mbuf / pktmbuf: packet buffers taken from a mempool.
 *
 * An mbuf object in its pool is
 *
 *   [ struct rte_mbuf | priv_size bytes | buffer: headroom | data ... ]
 *
 * with buf_addr pointing at the buffer and buf_iova its IO address. A
 * free mbuf (in the pool) is always direct with refcnt 1, nb_segs 1 and
 * next NULL, so allocation only needs to reset the packet fields. An
 * indirect mbuf (rte_pktmbuf_attach/clone) points at another mbuf's buffer
 * and holds a reference to it until it is freed.
 */
#ifndef RTEMEM_RTE_MBUF_H
#define RTEMEM_RTE_MBUF_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_atomic.h>
#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_debug.h>
#include <rte_mbuf_core.h>
#include <rte_mbuf_dyn.h>
#include <rte_mbuf_pool_ops.h>
#include <rte_mbuf_ptype.h>
#include <rte_mempool.h>
#include <rte_memcpy.h>
#include <rte_prefetch.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Kept in the mempool's private area by rte_pktmbuf_pool_init. */
struct rte_pktmbuf_pool_private {
	uint16_t mbuf_data_room_size; /* buffer bytes per mbuf, headroom included */
	uint16_t mbuf_priv_size;      /* application bytes after struct rte_mbuf */
	uint32_t flags;               /* RTE_PKTMBUF_POOL_F_* */
};

/* The pool's mbufs carry pinned external buffers (rte_pktmbuf_pool_create_extbuf). */
#define RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF (1 << 0)

/*
 * An external buffer that stays attached to its mbuf for the mbuf's whole
 * life: freeing the mbuf keeps it attached, and the buffer's refcnt (in
 * its shinfo) counts the clones still reading it.
 */
#define RTE_MBUF_HAS_PINNED_EXTBUF(mb) \
	(rte_pktmbuf_priv_flags((mb)->pool) & RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF)

/* Names of offload flags (the macro names), and a list of them in buf. */
const char *rte_get_rx_ol_flag_name(uint64_t mask);
int rte_get_rx_ol_flag_list(uint64_t mask, char *buf, size_t buflen);
const char *rte_get_tx_ol_flag_name(uint64_t mask);
int rte_get_tx_ol_flag_list(uint64_t mask, char *buf, size_t buflen);

#define RTE_MBUF_PREFETCH_TO_FREE(m) \
	do { \
		if ((m) != NULL) \
			rte_prefetch0(m); \
	} while (0)


static inline void rte_mbuf_prefetch_part1(struct rte_mbuf *m)
{
	rte_prefetch0(&m->cacheline0);
}

static inline void rte_mbuf_prefetch_part2(struct rte_mbuf *m)
{
	rte_prefetch0(&m->cacheline1);
}

static inline uint16_t rte_pktmbuf_priv_size(struct rte_mempool *mp)
{
	const struct rte_pktmbuf_pool_private *priv =
		(const struct rte_pktmbuf_pool_private *)rte_mempool_get_priv(mp);

	return priv->mbuf_priv_size;
}

/* Buffer bytes per mbuf of this pool (headroom included). */
static inline uint16_t rte_pktmbuf_data_room_size(struct rte_mempool *mp)
{
	const struct rte_pktmbuf_pool_private *priv =
		(const struct rte_pktmbuf_pool_private *)rte_mempool_get_priv(mp);

	return priv->mbuf_data_room_size;
}

static inline uint32_t rte_pktmbuf_priv_flags(struct rte_mempool *mp)
{
	const struct rte_pktmbuf_pool_private *priv =
		(const struct rte_pktmbuf_pool_private *)rte_mempool_get_priv(mp);

	return priv->flags;
}

/* The application's private area right after the struct. */
static inline void *rte_mbuf_to_priv(struct rte_mbuf *m)
{
	return RTE_PTR_ADD(m, sizeof(struct rte_mbuf));
}

/* Where the buffer of an mbuf of pool mp starts. */
static inline char *rte_mbuf_buf_addr(struct rte_mbuf *mb, struct rte_mempool *mp)
{
	return (char *)mb + sizeof(*mb) + rte_pktmbuf_priv_size(mp);
}

/* The start of md's own buffer, even while it points elsewhere. */
static inline char *rte_mbuf_to_baddr(struct rte_mbuf *md)
{
	return rte_mbuf_buf_addr(md, md->pool);
}

/* IO address of the buffer (rtemem is built as DPDK with IOVA as PA). */
static inline rte_iova_t rte_mbuf_iova_get(const struct rte_mbuf *m)
{
	return m->buf_iova;
}

static inline void rte_mbuf_iova_set(struct rte_mbuf *m, rte_iova_t iova)
{
	m->buf_iova = iova;
}

static inline char *rte_mbuf_data_addr_default(struct rte_mbuf *mb)
{
	return rte_mbuf_buf_addr(mb, mb->pool) + RTE_PKTMBUF_HEADROOM;
}

/* IO address of the first data byte. */
static inline rte_iova_t rte_mbuf_data_iova(const struct rte_mbuf *mb)
{
	return mb->buf_iova + mb->data_off;
}

/* IO address of the first data byte after a reset (what rx descriptors get). */
static inline rte_iova_t rte_mbuf_data_iova_default(const struct rte_mbuf *mb)
{
	return mb->buf_iova + RTE_PKTMBUF_HEADROOM;
}

/* ---- reference count (atomic) ---- */

static inline uint16_t rte_mbuf_refcnt_read(const struct rte_mbuf *m)
{
	return __atomic_load_n(&m->refcnt, __ATOMIC_RELAXED);
}

static inline void rte_mbuf_refcnt_set(struct rte_mbuf *m, uint16_t new_value)
{
	__atomic_store_n(&m->refcnt, new_value, __ATOMIC_RELAXED);
}

/* Add value (may be negative); returns the new count. */
static inline uint16_t rte_mbuf_refcnt_update(struct rte_mbuf *m, int16_t value)
{
	/* The only owner can skip the atomic: nobody else can see the mbuf. */
	if (likely(rte_mbuf_refcnt_read(m) == 1)) {
		uint16_t v = (uint16_t)(1 + value);

		rte_mbuf_refcnt_set(m, v);
		return v;
	}
	return __atomic_add_fetch(&m->refcnt, (uint16_t)value, __ATOMIC_ACQ_REL);
}

/* Update the count of every segment of a chain. */
/* References to an external buffer, one per attached mbuf. */
static inline uint16_t rte_mbuf_ext_refcnt_read(const struct rte_mbuf_ext_shared_info *shinfo)
{
	return __atomic_load_n(&shinfo->refcnt, __ATOMIC_RELAXED);
}

static inline void rte_mbuf_ext_refcnt_set(struct rte_mbuf_ext_shared_info *shinfo,
					   uint16_t new_value)
{
	__atomic_store_n(&shinfo->refcnt, new_value, __ATOMIC_RELAXED);
}

/* The new count. A sole owner needs no atomic: nobody else can see the count move. */
static inline uint16_t rte_mbuf_ext_refcnt_update(struct rte_mbuf_ext_shared_info *shinfo,
						  int16_t value)
{
	if (likely(rte_mbuf_ext_refcnt_read(shinfo) == 1)) {
		++value;
		rte_mbuf_ext_refcnt_set(shinfo, (uint16_t)value);
		return (uint16_t)value;
	}
	return __atomic_add_fetch(&shinfo->refcnt, (uint16_t)value, __ATOMIC_ACQ_REL);
}

static inline void rte_pktmbuf_refcnt_update(struct rte_mbuf *m, int16_t v)
{
	for (; m != NULL; m = m->next)
		rte_mbuf_refcnt_update(m, v);
}

/* Check an mbuf's invariants; rte_panic on a broken one. */
void rte_mbuf_sanity_check(const struct rte_mbuf *m, int is_header);

/* Like rte_mbuf_sanity_check, but returns -1 with *reason set instead. */
int rte_mbuf_check(const struct rte_mbuf *m, int is_header, const char **reason);

#ifdef RTE_LIBRTE_MBUF_DEBUG
#define __rte_mbuf_sanity_check(m, is_h) rte_mbuf_sanity_check(m, is_h)
#else
#define __rte_mbuf_sanity_check(m, is_h) do { } while (0)
#endif

/* ---- allocation ---- */

/* What a free mbuf in its pool must look like. */
static __rte_always_inline void __rte_mbuf_raw_sanity_check(__rte_unused const struct rte_mbuf *m)
{
	RTE_ASSERT(rte_mbuf_refcnt_read(m) == 1);
	RTE_ASSERT(m->next == NULL);
	RTE_ASSERT(m->nb_segs == 1);
	__rte_mbuf_sanity_check(m, 0);
}

#define MBUF_RAW_ALLOC_CHECK(m) __rte_mbuf_raw_sanity_check(m)

/* An mbuf straight from the pool, fields not reset; NULL if empty. */
static inline struct rte_mbuf *rte_mbuf_raw_alloc(struct rte_mempool *mp)
{
	void *obj;

	if (rte_mempool_get(mp, &obj) < 0)
		return NULL;
	MBUF_RAW_ALLOC_CHECK((struct rte_mbuf *)obj);
	return (struct rte_mbuf *)obj;
}

/* Give back an mbuf that satisfies the free invariants (refcnt 1, one segment). */
static __rte_always_inline void rte_mbuf_raw_free(struct rte_mbuf *m)
{
	RTE_ASSERT(RTE_MBUF_DIRECT(m) || (RTE_MBUF_HAS_EXTBUF(m) && RTE_MBUF_HAS_PINNED_EXTBUF(m)));
	__rte_mbuf_raw_sanity_check(m);
	rte_mempool_put(m->pool, m);
}

/* Mempool callbacks of a packet mbuf pool (for rte_mempool_create). */
void rte_pktmbuf_pool_init(struct rte_mempool *mp, void *opaque_arg);
void rte_pktmbuf_init(struct rte_mempool *mp, void *opaque_arg, void *m, unsigned int i);

/*
 * A pool of n packet mbufs with priv_size private bytes (a multiple of
 * RTE_MBUF_PRIV_ALIGN) and data_room_size buffer bytes each (headroom
 * included; RTE_MBUF_DEFAULT_BUF_SIZE is the usual value).
 * NULL with rte_errno: EINVAL, ENAMETOOLONG, EEXIST, ENOMEM, E_RTE_SECONDARY.
 */
struct rte_mempool *
rte_pktmbuf_pool_create(const char *name, unsigned int n, unsigned int cache_size,
			uint16_t priv_size, uint16_t data_room_size, int socket_id);

/* The same with a named mempool driver (NULL: RTE_MBUF_DEFAULT_MEMPOOL_OPS). */
struct rte_mempool *
rte_pktmbuf_pool_create_by_ops(const char *name, unsigned int n, unsigned int cache_size,
			       uint16_t priv_size, uint16_t data_room_size, int socket_id,
			       const char *ops_name);

/* One memory area holding the pinned buffers of rte_pktmbuf_pool_create_extbuf. */
struct rte_pktmbuf_extmem {
	void *buf_ptr;       /* start of the area */
	rte_iova_t buf_iova; /* its IO address */
	size_t buf_len;      /* its size */
	uint16_t elt_size;   /* bytes per mbuf buffer */
};

/*
 * A pool whose mbufs' buffers are elt_size-byte slices of the ext_num
 * areas of ext_mem (in order), pinned: each mbuf keeps its slice for life.
 * NULL with rte_errno as rte_pktmbuf_pool_create, and EINVAL when the
 * areas hold fewer than n buffers or data_room_size exceeds elt_size.
 */
struct rte_mempool *
rte_pktmbuf_pool_create_extbuf(const char *name, unsigned int n, unsigned int cache_size,
			       uint16_t priv_size, uint16_t data_room_size, int socket_id,
			       const struct rte_pktmbuf_extmem *ext_mem, unsigned int ext_num);

static inline void rte_pktmbuf_reset_headroom(struct rte_mbuf *m)
{
	m->data_off = (uint16_t)RTE_MIN((uint16_t)RTE_PKTMBUF_HEADROOM, m->buf_len);
}

/* Reset the packet fields of a fresh mbuf (refcnt and pool untouched). */
static inline void rte_pktmbuf_reset(struct rte_mbuf *m)
{
	m->next = NULL;
	m->pkt_len = 0;
	m->tx_offload = 0;
	m->vlan_tci = 0;
	m->vlan_tci_outer = 0;
	m->nb_segs = 1;
	m->port = RTE_MBUF_PORT_INVALID;
	m->ol_flags &= RTE_MBUF_F_EXTERNAL;
	m->packet_type = 0;
	rte_pktmbuf_reset_headroom(m);
	m->data_len = 0;
	__rte_mbuf_sanity_check(m, 1);
}

/* A reset mbuf, or NULL (rte_errno untouched, as in DPDK) if the pool is empty. */
static inline struct rte_mbuf *rte_pktmbuf_alloc(struct rte_mempool *mp)
{
	struct rte_mbuf *m = rte_mbuf_raw_alloc(mp);

	if (m != NULL)
		rte_pktmbuf_reset(m);
	return m;
}

/* count reset mbufs, or -ENOENT and none taken. */
static inline int rte_pktmbuf_alloc_bulk(struct rte_mempool *pool, struct rte_mbuf **mbufs,
					 unsigned int count)
{
	unsigned int i;
	int ret = rte_mempool_get_bulk(pool, (void **)mbufs, count);

	if (unlikely(ret != 0))
		return ret;
	for (i = 0; i < count; i++)
		rte_pktmbuf_reset(mbufs[i]);
	return 0;
}

/* ---- freeing ---- */

/* ---- indirect mbufs: data of another (direct) mbuf, shared by reference ---- */

/* The direct mbuf whose buffer an indirect mbuf points into. */
static inline struct rte_mbuf *rte_mbuf_from_indirect(struct rte_mbuf *mi)
{
	return (struct rte_mbuf *)RTE_PTR_SUB(mi->buf_addr, sizeof(*mi) + mi->priv_size);
}

/* The dynamic fields (rte_mbuf_dyn) of msrc into mdst. */
static inline void rte_mbuf_dynfield_copy(struct rte_mbuf *mdst, const struct rte_mbuf *msrc)
{
	memcpy(&mdst->dynfield1, msrc->dynfield1, sizeof(mdst->dynfield1));
}

/* ---- external buffers: memory the application owns, shared by reference ---- */

/*
 * Carve a shinfo out of the end of an external buffer: *buf_len shrinks to
 * the bytes left before it. refcnt starts at 1. NULL if the buffer is too
 * small to hold it and any data.
 */
static inline struct rte_mbuf_ext_shared_info *
rte_pktmbuf_ext_shinfo_init_helper(void *buf_addr, uint16_t *buf_len,
				   rte_mbuf_extbuf_free_callback_t free_cb, void *fcb_opaque)
{
	void *end = RTE_PTR_ADD(buf_addr, *buf_len);
	struct rte_mbuf_ext_shared_info *shinfo;

	if (*buf_len < sizeof(*shinfo))
		return NULL;
	shinfo = (struct rte_mbuf_ext_shared_info *)RTE_PTR_ALIGN_FLOOR(
		RTE_PTR_SUB(end, sizeof(*shinfo)), sizeof(uintptr_t));
	if ((void *)shinfo <= buf_addr)
		return NULL;
	shinfo->free_cb = free_cb;
	shinfo->fcb_opaque = fcb_opaque;
	rte_mbuf_ext_refcnt_set(shinfo, 1);
	*buf_len = (uint16_t)RTE_PTR_DIFF(shinfo, buf_addr);
	return shinfo;
}

/*
 * Point m (direct, refcnt 1) at an external buffer. The caller counts this
 * attachment in shinfo->refcnt (set to 1 by the helper for the first
 * mbuf). m's data is empty, at the start of the buffer.
 */
static inline void rte_pktmbuf_attach_extbuf(struct rte_mbuf *m, void *buf_addr,
					     rte_iova_t buf_iova, uint16_t buf_len,
					     struct rte_mbuf_ext_shared_info *shinfo)
{
	RTE_ASSERT(RTE_MBUF_DIRECT(m));
	RTE_ASSERT(shinfo->free_cb != NULL);

	m->buf_addr = buf_addr;
	rte_mbuf_iova_set(m, buf_iova);
	m->buf_len = buf_len;
	m->data_len = 0;
	m->data_off = 0;
	m->ol_flags |= RTE_MBUF_F_EXTERNAL;
	m->shinfo = shinfo;
}

/* The last reference to an external buffer hands it back through free_cb. */
static inline void __rte_pktmbuf_free_extbuf(struct rte_mbuf *m)
{
	RTE_ASSERT(RTE_MBUF_HAS_EXTBUF(m));
	RTE_ASSERT(m->shinfo != NULL);

	if (rte_mbuf_ext_refcnt_update(m->shinfo, -1) == 0)
		m->shinfo->free_cb(m->buf_addr, m->shinfo->fcb_opaque);
}

/* The packet metadata a clone shares with its original. */
static inline void __rte_pktmbuf_copy_hdr(struct rte_mbuf *mdst, const struct rte_mbuf *msrc)
{
	mdst->port = msrc->port;
	mdst->vlan_tci = msrc->vlan_tci;
	mdst->vlan_tci_outer = msrc->vlan_tci_outer;
	mdst->tx_offload = msrc->tx_offload;
	mdst->hash = msrc->hash;
	mdst->packet_type = msrc->packet_type;
	rte_mbuf_dynfield_copy(mdst, msrc);
}

/*
 * Make mi (a fresh direct mbuf, refcnt 1) point at m's data. If m's buffer
 * is external, mi shares it (one more shinfo reference); otherwise mi
 * becomes indirect and holds a reference to the direct mbuf under m (m
 * itself, or what m points into when m is indirect too). One segment only.
 */
static inline void rte_pktmbuf_attach(struct rte_mbuf *mi, struct rte_mbuf *m)
{
	RTE_ASSERT(RTE_MBUF_DIRECT(mi) && rte_mbuf_refcnt_read(mi) == 1);

	if (RTE_MBUF_HAS_EXTBUF(m)) {
		rte_mbuf_ext_refcnt_update(m->shinfo, 1);
		mi->ol_flags = m->ol_flags;
		mi->shinfo = m->shinfo;
	} else {
		rte_mbuf_refcnt_update(rte_mbuf_from_indirect(m), 1);
		mi->priv_size = m->priv_size;
		mi->ol_flags = m->ol_flags | RTE_MBUF_F_INDIRECT;
	}
	__rte_pktmbuf_copy_hdr(mi, m);
	mi->data_off = m->data_off;
	mi->data_len = m->data_len;
	mi->buf_iova = m->buf_iova;
	mi->buf_addr = m->buf_addr;
	mi->buf_len = m->buf_len;
	mi->next = NULL;
	mi->pkt_len = mi->data_len;
	mi->nb_segs = 1;
	__rte_mbuf_sanity_check(mi, 1);
}

/* Drop an indirect mbuf's reference to its direct mbuf (freed if last). */
static inline void __rte_pktmbuf_free_direct(struct rte_mbuf *m)
{
	struct rte_mbuf *md = rte_mbuf_from_indirect(m);

	if (rte_mbuf_refcnt_update(md, -1) == 0) {
		md->next = NULL;
		md->nb_segs = 1;
		rte_mbuf_refcnt_set(md, 1);
		rte_mbuf_raw_free(md);
	}
}

/*
 * Turn an indirect mbuf, or one attached to an external buffer, back into
 * a direct one with its own (empty) buffer. A pinned external buffer stays.
 */
static inline void rte_pktmbuf_detach(struct rte_mbuf *m)
{
	struct rte_mempool *mp = m->pool;
	const uint16_t priv_size = rte_pktmbuf_priv_size(mp);
	const uint32_t mbuf_size = (uint32_t)sizeof(struct rte_mbuf) + priv_size;
	const rte_iova_t iova = rte_mempool_virt2iova(m);

	if (RTE_MBUF_HAS_EXTBUF(m)) {
		if (RTE_MBUF_HAS_PINNED_EXTBUF(m))
			return;
		__rte_pktmbuf_free_extbuf(m);
	} else {
		__rte_pktmbuf_free_direct(m);
	}
	m->priv_size = priv_size;
	m->buf_addr = (char *)m + mbuf_size;
	m->buf_iova = iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : iova + mbuf_size;
	m->buf_len = rte_pktmbuf_data_room_size(mp);
	rte_pktmbuf_reset_headroom(m);
	m->data_len = 0;
	m->ol_flags = 0;
}

#define rte_pktmbuf_detach_extbuf(m) rte_pktmbuf_detach(m)

/*
 * A pinned buffer's mbuf is freed while clones may still read the buffer:
 * drop its own reference. Returns nonzero while clones remain (the mbuf is
 * then not reusable yet; the last clone's free puts it back, see
 * rte_pktmbuf_pool_create_extbuf's free_cb).
 */
static inline int __rte_pktmbuf_pinned_extbuf_decref(struct rte_mbuf *m)
{
	struct rte_mbuf_ext_shared_info *shinfo = m->shinfo;

	if (likely(rte_mbuf_ext_refcnt_read(shinfo) == 1))
		return 0;
	if (__atomic_sub_fetch(&shinfo->refcnt, 1, __ATOMIC_ACQ_REL) == 0) {
		/* The clones were gone by now after all: the mbuf is ours again. */
		rte_mbuf_ext_refcnt_set(shinfo, 1);
		return 0;
	}
	return 1;
}

/*
 * A new packet from mp whose segments are indirect mbufs onto md's
 * segments (no data copied). NULL (nothing changed) if mp runs out.
 */
struct rte_mbuf *rte_pktmbuf_clone(struct rte_mbuf *md, struct rte_mempool *mp);

/*
 * Drop one reference to a single segment. Returns the mbuf, restored to
 * the free invariants (direct, one segment, refcnt 1), when this was the
 * last reference (the caller then puts it back into its pool), or NULL if
 * others still hold it.
 */
static __rte_always_inline struct rte_mbuf *rte_pktmbuf_prefree_seg(struct rte_mbuf *m)
{
	__rte_mbuf_sanity_check(m, 0);

	if (likely(rte_mbuf_refcnt_read(m) == 1)) {
		if (!RTE_MBUF_DIRECT(m)) {
			rte_pktmbuf_detach(m);
			if (RTE_MBUF_HAS_EXTBUF(m) && RTE_MBUF_HAS_PINNED_EXTBUF(m) &&
			    __rte_pktmbuf_pinned_extbuf_decref(m))
				return NULL;
		}
		if (m->next != NULL)
			m->next = NULL;
		if (m->nb_segs != 1)
			m->nb_segs = 1;
		return m;
	}
	if (__atomic_sub_fetch(&m->refcnt, 1, __ATOMIC_ACQ_REL) == 0) {
		if (!RTE_MBUF_DIRECT(m)) {
			rte_pktmbuf_detach(m);
			if (RTE_MBUF_HAS_EXTBUF(m) && RTE_MBUF_HAS_PINNED_EXTBUF(m) &&
			    __rte_pktmbuf_pinned_extbuf_decref(m))
				return NULL;
		}
		m->next = NULL;
		m->nb_segs = 1;
		rte_mbuf_refcnt_set(m, 1);
		return m;
	}
	return NULL;
}

/* Free one segment (not the rest of its chain). */
static __rte_always_inline void rte_pktmbuf_free_seg(struct rte_mbuf *m)
{
	m = rte_pktmbuf_prefree_seg(m);
	if (likely(m != NULL))
		rte_mbuf_raw_free(m);
}

/* Free a whole chain. NULL is ignored. */
static inline void rte_pktmbuf_free(struct rte_mbuf *m)
{
	struct rte_mbuf *next;

	if (m != NULL)
		__rte_mbuf_sanity_check(m, 1);
	while (m != NULL) {
		next = m->next;
		rte_pktmbuf_free_seg(m);
		m = next;
	}
}

/* Free count chains; NULL entries are skipped. */
void rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned int count);

/* ---- data access ---- */

static inline uint16_t rte_pktmbuf_headroom(const struct rte_mbuf *m)
{
	return m->data_off;
}

static inline uint16_t rte_pktmbuf_tailroom(const struct rte_mbuf *m)
{
	return (uint16_t)(m->buf_len - rte_pktmbuf_headroom(m) - m->data_len);
}

static inline struct rte_mbuf *rte_pktmbuf_lastseg(struct rte_mbuf *m)
{
	while (m->next != NULL)
		m = m->next;
	return m;
}

#define rte_pktmbuf_pkt_len(m) ((m)->pkt_len)
#define rte_pktmbuf_data_len(m) ((m)->data_len)

/* Grow the first segment at the front; pointer to the new start or NULL. */
static inline char *rte_pktmbuf_prepend(struct rte_mbuf *m, uint16_t len)
{
	__rte_mbuf_sanity_check(m, 1);
	if (unlikely(len > rte_pktmbuf_headroom(m)))
		return NULL;
	m->data_off = (uint16_t)(m->data_off - len);
	m->data_len = (uint16_t)(m->data_len + len);
	m->pkt_len += len;
	return (char *)m->buf_addr + m->data_off;
}

/* Grow the last segment at the end; pointer to the added bytes or NULL. */
static inline char *rte_pktmbuf_append(struct rte_mbuf *m, uint16_t len)
{
	struct rte_mbuf *last = rte_pktmbuf_lastseg(m);
	char *tail;

	__rte_mbuf_sanity_check(m, 1);
	if (unlikely(len > rte_pktmbuf_tailroom(last)))
		return NULL;
	tail = (char *)last->buf_addr + last->data_off + last->data_len;
	last->data_len = (uint16_t)(last->data_len + len);
	m->pkt_len += len;
	return tail;
}

/* Drop len bytes at the front of the first segment; new start or NULL. */
static inline char *rte_pktmbuf_adj(struct rte_mbuf *m, uint16_t len)
{
	__rte_mbuf_sanity_check(m, 1);
	if (unlikely(len > m->data_len))
		return NULL;
	m->data_len = (uint16_t)(m->data_len - len);
	m->data_off = (uint16_t)(m->data_off + len);
	m->pkt_len -= len;
	return (char *)m->buf_addr + m->data_off;
}

/* Drop len bytes at the end of the last segment; 0 or -1. */
static inline int rte_pktmbuf_trim(struct rte_mbuf *m, uint16_t len)
{
	struct rte_mbuf *last = rte_pktmbuf_lastseg(m);

	__rte_mbuf_sanity_check(m, 1);
	if (unlikely(len > last->data_len))
		return -1;
	last->data_len = (uint16_t)(last->data_len - len);
	m->pkt_len -= len;
	return 0;
}

static inline int rte_pktmbuf_is_contiguous(const struct rte_mbuf *m)
{
	return m->nb_segs == 1;
}

/* Append chain tail to chain head; 0 or -EOVERFLOW (too many segments). */
static inline int rte_pktmbuf_chain(struct rte_mbuf *head, struct rte_mbuf *tail)
{
	struct rte_mbuf *last;

	if (head->nb_segs + tail->nb_segs > RTE_MBUF_MAX_NB_SEGS)
		return -EOVERFLOW;
	last = rte_pktmbuf_lastseg(head);
	last->next = tail;
	head->nb_segs = (uint16_t)(head->nb_segs + tail->nb_segs);
	head->pkt_len += tail->pkt_len;
	/* tail is no longer a packet head: its pkt_len is just its own data. */
	tail->pkt_len = tail->data_len;
	return 0;
}

const void *__rte_pktmbuf_read(const struct rte_mbuf *m, uint32_t off, uint32_t len, void *buf);

/*
 * len bytes at offset off of the packet: a pointer into the mbuf if they
 * are in one segment, else copied to buf. NULL if the packet is too short.
 */
static inline const void *rte_pktmbuf_read(const struct rte_mbuf *m, uint32_t off,
					   uint32_t len, void *buf)
{
	if (likely(off + len <= m->data_len))
		return rte_pktmbuf_mtod_offset(m, const char *, off);
	return __rte_pktmbuf_read(m, off, len, buf);
}

/*
 * A deep copy of length bytes from offset off of m (UINT32_MAX: to the
 * end) into new mbufs from mp, chained as needed; the packet metadata is
 * copied too. NULL if off is past the end or mp runs out.
 */
struct rte_mbuf *rte_pktmbuf_copy(const struct rte_mbuf *m, struct rte_mempool *mp,
				  uint32_t off, uint32_t len);

int __rte_pktmbuf_linearize(struct rte_mbuf *mbuf);

/*
 * Move the data of all segments into the first one and free the others.
 * 0, or -1 (nothing changed) if the first segment has no room for it.
 */
static inline int rte_pktmbuf_linearize(struct rte_mbuf *mbuf)
{
	if (rte_pktmbuf_is_contiguous(mbuf))
		return 0;
	return __rte_pktmbuf_linearize(mbuf);
}

/* Print the mbuf chain and up to dump_len bytes of its data. */
void rte_pktmbuf_dump(FILE *f, const struct rte_mbuf *m, unsigned int dump_len);

/* ---- scheduler metadata (hash.sched), for rte_sched and the like ---- */

static inline uint32_t rte_mbuf_sched_queue_get(const struct rte_mbuf *m)
{
	return m->hash.sched.queue_id;
}

static inline uint8_t rte_mbuf_sched_traffic_class_get(const struct rte_mbuf *m)
{
	return m->hash.sched.traffic_class;
}

static inline uint8_t rte_mbuf_sched_color_get(const struct rte_mbuf *m)
{
	return m->hash.sched.color;
}

static inline void rte_mbuf_sched_get(const struct rte_mbuf *m, uint32_t *queue_id,
				      uint8_t *traffic_class, uint8_t *color)
{
	struct rte_mbuf_sched sched = m->hash.sched;

	*queue_id = sched.queue_id;
	*traffic_class = sched.traffic_class;
	*color = sched.color;
}

static inline void rte_mbuf_sched_queue_set(struct rte_mbuf *m, uint32_t queue_id)
{
	m->hash.sched.queue_id = queue_id;
}

static inline void rte_mbuf_sched_traffic_class_set(struct rte_mbuf *m, uint8_t traffic_class)
{
	m->hash.sched.traffic_class = traffic_class;
}

static inline void rte_mbuf_sched_color_set(struct rte_mbuf *m, uint8_t color)
{
	m->hash.sched.color = color;
}

/* All three at once; reserved is cleared, as one 8-byte store. */
static inline void rte_mbuf_sched_set(struct rte_mbuf *m, uint32_t queue_id,
				      uint8_t traffic_class, uint8_t color)
{
	struct rte_mbuf_sched sched = { queue_id, traffic_class, color, 0 };

	m->hash.sched = sched;
}

/* ---- tx offload metadata ---- */

/* The tx_offload word from its fields, without bit-field stores. */
static __rte_always_inline uint64_t rte_mbuf_tx_offload(uint64_t il2, uint64_t il3, uint64_t il4,
							uint64_t tso, uint64_t ol3, uint64_t ol2,
							uint64_t unused)
{
	return il2 << RTE_MBUF_L2_LEN_OFS | il3 << RTE_MBUF_L3_LEN_OFS |
	       il4 << RTE_MBUF_L4_LEN_OFS | tso << RTE_MBUF_TSO_SEGSZ_OFS |
	       ol3 << RTE_MBUF_OUTL3_LEN_OFS | ol2 << RTE_MBUF_OUTL2_LEN_OFS |
	       unused << RTE_MBUF_TXOFLD_UNUSED_OFS;
}

/*
 * 0 if m's tx offload flags are consistent, -EINVAL if not: an IPv4 header
 * checksum asked for IPv6, an L4 checksum or TSO without the IP version,
 * TSO without a segment size (or, for IPv4, without the IP checksum), an
 * outer IP checksum for a non-IPv4 outer header.
 */
static inline int rte_validate_tx_offload(const struct rte_mbuf *m)
{
	const uint64_t f = m->ol_flags;

	if (!(f & RTE_MBUF_F_TX_OFFLOAD_MASK))
		return 0;
	if ((f & RTE_MBUF_F_TX_IP_CKSUM) && (f & RTE_MBUF_F_TX_IPV6))
		return -EINVAL;
	if ((f & (RTE_MBUF_F_TX_L4_MASK | RTE_MBUF_F_TX_TCP_SEG)) &&
	    !(f & (RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IPV6)))
		return -EINVAL;
	if ((f & RTE_MBUF_F_TX_TCP_SEG) &&
	    (m->tso_segsz == 0 || ((f & RTE_MBUF_F_TX_IPV4) && !(f & RTE_MBUF_F_TX_IP_CKSUM))))
		return -EINVAL;
	if ((f & RTE_MBUF_F_TX_OUTER_IP_CKSUM) && !(f & RTE_MBUF_F_TX_OUTER_IPV4))
		return -EINVAL;
	return 0;
}

#ifdef __cplusplus
}
#endif

#endif
