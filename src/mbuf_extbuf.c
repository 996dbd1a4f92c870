/* SPDX-License-Identifier: BSD-3-Clause
 * Pools of mbufs with pinned external buffers (rte_pktmbuf_pool_create_extbuf).
 *
 * Each object is [ struct rte_mbuf | priv_size | shinfo ]; the data buffer
 * is a slice of the application's memory, attached once at creation and
 * never detached. shinfo->refcnt counts the mbuf itself plus the clones
 * reading its buffer, so a freed mbuf whose clones live on goes back to
 * the pool only when the last clone lets go (pinned_extmem_free).
 */
#include <errno.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "mbuf_private.h"

/* Where the next object's buffer comes from: area ext, offset off. */
struct extmem_cursor {
	const struct rte_pktmbuf_extmem *mem;
	unsigned int ext;
	size_t off;
};

/* free_cb of a pinned buffer: its last clone is gone, the mbuf goes home. */
static void pinned_extmem_free(void *addr, void *opaque)
{
	struct rte_mbuf *m = (struct rte_mbuf *)opaque;

	RTE_SET_USED(addr);
	RTE_ASSERT(RTE_MBUF_HAS_EXTBUF(m) && RTE_MBUF_HAS_PINNED_EXTBUF(m));
	rte_mbuf_ext_refcnt_set(m->shinfo, 1);
	m->ol_flags = RTE_MBUF_F_EXTERNAL;
	m->next = NULL;
	m->nb_segs = 1;
	rte_mbuf_raw_free(m);
}

static void extmem_init(struct rte_mempool *mp, void *arg, void *obj, unsigned int i)
{
	const unsigned int mbuf_size = (unsigned int)sizeof(struct rte_mbuf) +
				       rte_pktmbuf_priv_size(mp);
	struct extmem_cursor *cur = (struct extmem_cursor *)arg;
	const struct rte_pktmbuf_extmem *area = &cur->mem[cur->ext];
	struct rte_mbuf *m = (struct rte_mbuf *)obj;

	RTE_SET_USED(i);
	m->buf_addr = RTE_PTR_ADD(area->buf_ptr, cur->off);
	m->buf_iova = area->buf_iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : area->buf_iova + cur->off;
	m->buf_len = area->elt_size;
	rte_pktmbuf_reset_headroom(m);
	m->data_len = 0;
	m->ol_flags = RTE_MBUF_F_EXTERNAL;
	m->shinfo = (struct rte_mbuf_ext_shared_info *)RTE_PTR_ADD(m, mbuf_size);
	m->shinfo->free_cb = pinned_extmem_free;
	m->shinfo->fcb_opaque = m;
	rte_mbuf_ext_refcnt_set(m->shinfo, 1);
	/* The next buffer: further in this area, or the start of the next one. */
	cur->off += area->elt_size;
	if (area->buf_len - cur->off < area->elt_size) {
		cur->ext++;
		cur->off = 0;
	}
}

struct rte_mempool *
rte_pktmbuf_pool_create_extbuf(const char *name, unsigned int n, unsigned int cache_size,
			       uint16_t priv_size, uint16_t data_room_size, int socket_id,
			       const struct rte_pktmbuf_extmem *ext_mem, unsigned int ext_num)
{
	const struct rte_pktmbuf_pool_private priv = {
		.mbuf_data_room_size = data_room_size,
		.mbuf_priv_size = priv_size,
		.flags = RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF,
	};
	struct extmem_cursor cur = { ext_mem, 0, 0 };
	struct rte_mempool *mp;
	size_t nb_bufs = 0;
	unsigned int i;
	int ret;

	if (ext_mem == NULL || ext_num == 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	for (i = 0; i < ext_num; i++) {
		if (ext_mem[i].elt_size == 0 || ext_mem[i].elt_size < data_room_size ||
		    ext_mem[i].buf_ptr == NULL) {
			RTE_LOG(ERR, MBUF, "external area %u: element of %u bytes\n", i,
				ext_mem[i].elt_size);
			rte_errno = EINVAL;
			return NULL;
		}
		nb_bufs += ext_mem[i].buf_len / ext_mem[i].elt_size;
	}
	if (nb_bufs < n) {
		RTE_LOG(ERR, MBUF, "external areas hold %zu buffers, %u needed\n", nb_bufs, n);
		rte_errno = EINVAL;
		return NULL;
	}
	ret = mbuf_pool_create(name, n, cache_size, &priv,
			       (unsigned int)(sizeof(struct rte_mbuf) + priv_size +
					      sizeof(struct rte_mbuf_ext_shared_info)),
			       socket_id, NULL, &mp);
	if (ret < 0) {
		rte_errno = -ret;
		return NULL;
	}
	rte_mempool_obj_iter(mp, extmem_init, &cur);
	return mp;
}
