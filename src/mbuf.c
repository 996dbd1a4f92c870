/* SPDX-License-Identifier: BSD-3-Clause
 * Packet mbuf pools: a mempool whose objects are struct rte_mbuf, the
 * application's private bytes and the data buffer, back to back. The
 * per-packet fast path (alloc, free, append ...) is inline in rte_mbuf.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_debug.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_mbuf_pool_ops.h>
#include <rte_mempool.h>

#include "mbuf_private.h"

/* Drivers write these fields by offset, as for DPDK 22.11. */
_Static_assert(sizeof(struct rte_mbuf) == 2 * RTE_CACHE_LINE_MIN_SIZE, "mbuf is two lines");
_Static_assert(offsetof(struct rte_mbuf, buf_iova) == 8, "buf_iova");
_Static_assert(offsetof(struct rte_mbuf, rearm_data) == 16, "rearm_data");
_Static_assert(offsetof(struct rte_mbuf, refcnt) == 18, "refcnt");
_Static_assert(offsetof(struct rte_mbuf, ol_flags) == 24, "ol_flags");
_Static_assert(offsetof(struct rte_mbuf, rx_descriptor_fields1) == 32, "rx fields");
_Static_assert(offsetof(struct rte_mbuf, pkt_len) == 36, "pkt_len");
_Static_assert(offsetof(struct rte_mbuf, data_len) == 40, "data_len");
_Static_assert(offsetof(struct rte_mbuf, hash) == 44, "hash");
_Static_assert(offsetof(struct rte_mbuf, buf_len) == 54, "buf_len");
_Static_assert(offsetof(struct rte_mbuf, pool) == 56, "pool");
_Static_assert(offsetof(struct rte_mbuf, next) == 64, "next");
_Static_assert(offsetof(struct rte_mbuf, priv_size) == 88, "priv_size");
_Static_assert(offsetof(struct rte_mbuf, vlan_tci_outer) == 52, "vlan_tci_outer");
_Static_assert(offsetof(struct rte_mbuf, tx_offload) == 72, "tx_offload");
_Static_assert(offsetof(struct rte_mbuf, shinfo) == 80, "shinfo");
_Static_assert(offsetof(struct rte_mbuf, timesync) == 90, "timesync");
/* rte_mbuf_dyn hands out these 36 bytes; DPDK applications hard-code no offset but expect the room. */
_Static_assert(offsetof(struct rte_mbuf, dynfield1) == 92, "dynfield1");
_Static_assert(sizeof(struct rte_mbuf_ext_shared_info) == 24, "ext shared info");

void rte_pktmbuf_pool_init(struct rte_mempool *mp, void *opaque_arg)
{
	struct rte_pktmbuf_pool_private *priv = rte_mempool_get_priv(mp);
	struct rte_pktmbuf_pool_private defaults;
	const struct rte_pktmbuf_pool_private *user = opaque_arg;

	if (mp->private_data_size < sizeof(*priv)) {
		RTE_LOG(ERR, MBUF, "mempool %s has no room for the pktmbuf private data\n",
			mp->name);
		return;
	}
	if (user == NULL) {
		/* Everything after the struct is buffer, no private area. */
		memset(&defaults, 0, sizeof(defaults));
		defaults.mbuf_data_room_size =
			mp->elt_size > sizeof(struct rte_mbuf)
				? (uint16_t)RTE_MIN(mp->elt_size - sizeof(struct rte_mbuf),
						    (size_t)UINT16_MAX)
				: 0;
		user = &defaults;
	}
	*priv = *user;
}

void rte_pktmbuf_init(struct rte_mempool *mp, void *opaque_arg, void *obj, unsigned int i)
{
	const uint32_t mbuf_size = sizeof(struct rte_mbuf) + rte_pktmbuf_priv_size(mp);
	const rte_iova_t obj_iova = rte_mempool_virt2iova(obj);
	struct rte_mbuf *m = obj;

	RTE_SET_USED(opaque_arg);
	RTE_SET_USED(i);
	memset(m, 0, mbuf_size);
	m->priv_size = rte_pktmbuf_priv_size(mp);
	m->buf_addr = (char *)m + mbuf_size;
	/* The object is IO-contiguous (mempool guarantee), so the offset carries over. */
	m->buf_iova = obj_iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : obj_iova + mbuf_size;
	m->buf_len = rte_pktmbuf_data_room_size(mp);
	rte_pktmbuf_reset_headroom(m);
	m->data_len = 0;
	m->pool = mp;
	m->nb_segs = 1;
	m->port = RTE_MBUF_PORT_INVALID;
	m->next = NULL;
	rte_mbuf_refcnt_set(m, 1);
}

int mbuf_pool_create(const char *name, unsigned int n, unsigned int cache_size,
		     const struct rte_pktmbuf_pool_private *priv, unsigned int elt_size,
		     int socket_id, const char *ops_name, struct rte_mempool **out)
{
	struct rte_mempool *mp;
	int ret;

	if (RTE_ALIGN(priv->mbuf_priv_size, RTE_MBUF_PRIV_ALIGN) != priv->mbuf_priv_size) {
		RTE_LOG(ERR, MBUF, "mbuf priv_size %u is not a multiple of %u\n",
			priv->mbuf_priv_size, RTE_MBUF_PRIV_ALIGN);
		return -EINVAL;
	}
	mp = rte_mempool_create_empty(name, n, elt_size, cache_size,
				      sizeof(struct rte_pktmbuf_pool_private), socket_id, 0);
	if (mp == NULL)
		return -rte_errno;
	ret = rte_mempool_set_ops_byname(mp, ops_name != NULL ? ops_name :
					 rte_mbuf_best_mempool_ops(), NULL);
	if (ret == 0) {
		rte_pktmbuf_pool_init(mp, (void *)(uintptr_t)priv);
		ret = rte_mempool_populate_default(mp);
	}
	if (ret < 0) {
		rte_mempool_free(mp);
		return ret;
	}
	rte_mempool_obj_iter(mp, rte_pktmbuf_init, NULL);
	*out = mp;
	return 0;
}

struct rte_mempool *
rte_pktmbuf_pool_create_by_ops(const char *name, unsigned int n, unsigned int cache_size,
			       uint16_t priv_size, uint16_t data_room_size, int socket_id,
			       const char *ops_name)
{
	const struct rte_pktmbuf_pool_private priv = {
		.mbuf_data_room_size = data_room_size,
		.mbuf_priv_size = priv_size,
		.flags = 0,
	};
	struct rte_mempool *mp;
	int ret;

	ret = mbuf_pool_create(name, n, cache_size, &priv,
			       (unsigned int)sizeof(struct rte_mbuf) + priv_size + data_room_size,
			       socket_id, ops_name, &mp);
	if (ret < 0) {
		rte_errno = -ret;
		return NULL;
	}
	return mp;
}

struct rte_mempool *
rte_pktmbuf_pool_create(const char *name, unsigned int n, unsigned int cache_size,
			uint16_t priv_size, uint16_t data_room_size, int socket_id)
{
	return rte_pktmbuf_pool_create_by_ops(name, n, cache_size, priv_size, data_room_size,
					      socket_id, NULL);
}

struct rte_mbuf *rte_pktmbuf_clone(struct rte_mbuf *md, struct rte_mempool *mp)
{
	struct rte_mbuf *head = NULL, **link = &head, *mi;
	uint32_t pkt_len;
	uint16_t nb_segs = 0;

	if (md == NULL || mp == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	pkt_len = md->pkt_len;
	for (; md != NULL; md = md->next) {
		mi = rte_pktmbuf_alloc(mp);
		if (mi == NULL) {
			/* Frees the indirect segments made so far, dropping their references. */
			rte_pktmbuf_free(head);
			return NULL;
		}
		rte_pktmbuf_attach(mi, md);
		*link = mi;
		link = &mi->next;
		nb_segs++;
		/* Keep the partial chain a valid packet in case we must free it. */
		head->nb_segs = nb_segs;
		if (mi != head)
			head->pkt_len += mi->data_len;
	}
	head->pkt_len = pkt_len;
	__rte_mbuf_sanity_check(head, 1);
	return head;
}

struct rte_mbuf *rte_pktmbuf_copy(const struct rte_mbuf *m, struct rte_mempool *mp,
				  uint32_t off, uint32_t len)
{
	struct rte_mbuf *copy, *last;

	__rte_mbuf_sanity_check(m, 1);
	if (off >= m->pkt_len)
		return NULL;
	len = RTE_MIN(len, m->pkt_len - off);
	copy = rte_pktmbuf_alloc(mp);
	if (copy == NULL)
		return NULL;
	__rte_pktmbuf_copy_hdr(copy, m);
	/* The copy owns its data: never indirect or external. */
	copy->ol_flags = m->ol_flags & ~(RTE_MBUF_F_INDIRECT | RTE_MBUF_F_EXTERNAL);

	last = copy;
	while (len > 0) {
		uint32_t chunk;

		while (off >= m->data_len) { /* skip to the segment holding off */
			off -= m->data_len;
			m = m->next;
		}
		if (rte_pktmbuf_tailroom(last) == 0) {
			struct rte_mbuf *seg = rte_pktmbuf_alloc(mp);

			if (seg == NULL) {
				rte_pktmbuf_free(copy);
				return NULL;
			}
			last->next = seg;
			last = seg;
			copy->nb_segs++;
		}
		chunk = RTE_MIN((uint32_t)m->data_len - off, len);
		chunk = RTE_MIN(chunk, (uint32_t)rte_pktmbuf_tailroom(last));
		memcpy(rte_pktmbuf_mtod_offset(last, char *, last->data_len),
		       rte_pktmbuf_mtod_offset(m, const char *, off), chunk);
		last->data_len = (uint16_t)(last->data_len + chunk);
		copy->pkt_len += chunk;
		off += chunk;
		len -= chunk;
	}
	__rte_mbuf_sanity_check(copy, 1);
	return copy;
}

int __rte_pktmbuf_linearize(struct rte_mbuf *mbuf)
{
	const uint32_t rest = mbuf->pkt_len - mbuf->data_len;
	struct rte_mbuf *seg, *next;
	char *dst;

	if (rest > rte_pktmbuf_tailroom(mbuf))
		return -1;
	dst = rte_pktmbuf_mtod_offset(mbuf, char *, mbuf->data_len);
	for (seg = mbuf->next; seg != NULL; seg = next) {
		next = seg->next;
		memcpy(dst, rte_pktmbuf_mtod(seg, const char *), seg->data_len);
		dst += seg->data_len;
		rte_pktmbuf_free_seg(seg);
	}
	mbuf->data_len = (uint16_t)mbuf->pkt_len;
	mbuf->next = NULL;
	mbuf->nb_segs = 1;
	return 0;
}

/* Segments go back in batches, one pool at a time. */
void rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned int count)
{
	void *pending[64];
	struct rte_mempool *pool = NULL;
	unsigned int n = 0;

	for (unsigned int i = 0; i < count; i++) {
		struct rte_mbuf *seg = mbufs[i], *next;

		if (seg != NULL)
			__rte_mbuf_sanity_check(seg, 1);
		for (; seg != NULL; seg = next) {
			struct rte_mbuf *m;

			next = seg->next;
			m = rte_pktmbuf_prefree_seg(seg);
			if (m == NULL)
				continue;
			if (n != 0 && (m->pool != pool || n == RTE_DIM(pending))) {
				rte_mempool_put_bulk(pool, pending, n);
				n = 0;
			}
			pool = m->pool;
			pending[n++] = m;
		}
	}
	if (n != 0)
		rte_mempool_put_bulk(pool, pending, n);
}

int rte_mbuf_check(const struct rte_mbuf *m, int is_header, const char **reason)
{
	unsigned int nb_segs;
	uint64_t pkt_len;

	if (m == NULL) {
		*reason = "mbuf is NULL";
		return -1;
	}
	if (m->pool == NULL) {
		*reason = "bad mbuf pool";
		return -1;
	}
	/* IOVA 0 is no buffer a device could reach (DPDK's RTE_IOVA_AS_PA build). */
	if (m->buf_iova == 0) {
		*reason = "bad IO addr";
		return -1;
	}
	if (m->buf_addr == NULL) {
		*reason = "bad virt addr";
		return -1;
	}
	if (rte_mbuf_refcnt_read(m) == 0 || rte_mbuf_refcnt_read(m) == UINT16_MAX) {
		*reason = "bad ref cnt";
		return -1;
	}
	if (!is_header)
		return 0;
	if (m->data_len > m->pkt_len) {
		*reason = "bad data_len";
		return -1;
	}
	nb_segs = 0;
	pkt_len = 0;
	for (const struct rte_mbuf *seg = m; seg != NULL; seg = seg->next) {
		if (seg->data_off > seg->buf_len) {
			*reason = "data offset too big in mbuf segment";
			return -1;
		}
		if ((uint32_t)seg->data_off + seg->data_len > seg->buf_len) {
			*reason = "data length too big in mbuf segment";
			return -1;
		}
		if (++nb_segs > RTE_MBUF_MAX_NB_SEGS) {
			*reason = "too many segments (loop?)";
			return -1;
		}
		pkt_len += seg->data_len;
	}
	if (nb_segs != m->nb_segs) {
		*reason = "bad nb_segs";
		return -1;
	}
	if (pkt_len != m->pkt_len) {
		*reason = "bad pkt_len";
		return -1;
	}
	return 0;
}

void rte_mbuf_sanity_check(const struct rte_mbuf *m, int is_header)
{
	const char *reason;

	if (rte_mbuf_check(m, is_header, &reason) != 0)
		rte_panic("%s\n", reason);
}

const void *__rte_pktmbuf_read(const struct rte_mbuf *m, uint32_t off, uint32_t len, void *buf)
{
	const struct rte_mbuf *seg = m;
	char *dst = buf;

	if ((uint64_t)off + len > m->pkt_len)
		return NULL;
	while (seg != NULL && off >= seg->data_len) {
		off -= seg->data_len;
		seg = seg->next;
	}
	if (seg == NULL)
		return len == 0 ? buf : NULL;
	if (off + len <= seg->data_len)
		return rte_pktmbuf_mtod_offset(seg, const char *, off);

	while (len > 0 && seg != NULL) {
		uint32_t chunk = RTE_MIN((uint32_t)seg->data_len - off, len);

		memcpy(dst, rte_pktmbuf_mtod_offset(seg, const char *, off), chunk);
		dst += chunk;
		len -= chunk;
		off = 0;
		seg = seg->next;
	}
	return len == 0 ? buf : NULL;
}

void rte_pktmbuf_dump(FILE *f, const struct rte_mbuf *m, unsigned int dump_len)
{
	unsigned int nb_segs;

	if (f == NULL)
		f = stdout;
	fprintf(f, "dump mbuf at %p, iova=%#" PRIx64 ", buf_len=%u\n", (const void *)m,
		m->buf_iova, m->buf_len);
	fprintf(f, "  pkt_len=%" PRIu32 ", ol_flags=%#" PRIx64 ", nb_segs=%u, port=%u, "
		"ptype=%#" PRIx32 "\n", m->pkt_len, m->ol_flags, m->nb_segs, m->port,
		m->packet_type);

	nb_segs = m->nb_segs;
	for (; m != NULL && nb_segs-- > 0; m = m->next) {
		const uint8_t *data = rte_pktmbuf_mtod(m, const uint8_t *);
		unsigned int len = RTE_MIN((unsigned int)m->data_len, dump_len);

		fprintf(f, "  segment at %p, data=%p, len=%u, off=%u, refcnt=%u\n",
			(const void *)m, (const void *)data, m->data_len, m->data_off,
			rte_mbuf_refcnt_read(m));
		for (unsigned int i = 0; i < len; i++)
			fprintf(f, "%s%02x%s", i % 16 == 0 ? "    " : "", data[i],
				(i % 16 == 15 || i + 1 == len) ? "\n" : " ");
		dump_len -= len;
		if (dump_len == 0)
			break;
	}
}
