/* SPDX-License-Identifier: BSD-3-Clause
 * i40e receive queues: setup (queue struct, descriptor ring in a DMA
 * memzone, software ring), start (one mbuf per descriptor, queue context,
 * tail, enable), the scalar receive burst, stop and release. The faster
 * paths are in i40e_rx_bulk.c and i40e_rx_vec.c, the choice among them in
 * i40e_rx_select.c.
 *
 * Ring ownership: the device owns descriptors from its head up to, not
 * including, the tail register; the driver owns the rest. rx_tail is the
 * next descriptor the driver expects the device to complete.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_atomic.h>
#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_mbuf_ptype.h>
#include <rte_memzone.h>

#include "i40e_ethdev.h"
#include "i40e_regs.h"
#include "i40e_rx_fields.h"
#include "i40e_rxd.h"


/* ---- setup and release --------------------------------------------------- */

static bool nb_desc_ok(uint16_t nb_desc)
{
	return nb_desc >= I40E_MIN_RING_DESC && nb_desc <= I40E_MAX_RING_DESC &&
	       nb_desc % I40E_ALIGN_RING_DESC == 0;
}

static void rx_queue_free(struct i40e_rx_queue *rxq)
{
	if (rxq == NULL)
		return;
	i40e_rx_queue_release_mbufs(rxq);
	if (rxq->mz != NULL)
		rte_memzone_free(rxq->mz);
	rte_free(rxq->sw_ring);
	rte_free(rxq);
}

int i40e_dev_rx_queue_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			    unsigned int socket_id, const struct rte_eth_rxconf *conf,
			    struct rte_mempool *mp)
{
	struct i40e_adapter *ad = dev->dev_private;
	uint32_t len, ring_size, buf_size, frame_size;
	uint16_t free_thresh;
	struct i40e_rx_queue *rxq, *old;
	char name[RTE_MEMZONE_NAMESIZE];
	uint64_t offloads;
	bool scatter;

	if (qid >= I40E_MAX_RX_QUEUES || mp == NULL || conf == NULL)
		return -EINVAL;
	if (!nb_desc_ok(nb_desc)) {
		PMD_LOG(ERR, "rx queue %u: %u descriptors; need a multiple of %u in [%u, %u]\n",
			qid, nb_desc, I40E_ALIGN_RING_DESC, I40E_MIN_RING_DESC, I40E_MAX_RING_DESC);
		return -EINVAL;
	}
	old = dev->rx_queues[qid];
	if (old != NULL && old->started)
		return -EBUSY;
	/* Kept as given, as DPDK keeps it (the default, 32, comes from
	 * dev_info's default_rxconf when the application passes none). */
	free_thresh = conf->rx_free_thresh;
	if (conf->rx_seg != NULL || conf->rx_nseg != 0)
		return -EINVAL; /* buffer split is not supported */

	offloads = conf->offloads | dev->conf.rxmode.offloads;
	if (rte_pktmbuf_data_room_size(mp) < RTE_PKTMBUF_HEADROOM + I40E_MIN_RX_BUFSIZE) {
		PMD_LOG(ERR, "rx queue %u: mbuf data room %u too small\n", qid,
			rte_pktmbuf_data_room_size(mp));
		return -EINVAL;
	}
	buf_size = rte_pktmbuf_data_room_size(mp) - RTE_PKTMBUF_HEADROOM;
	buf_size = RTE_MIN(RTE_ALIGN_FLOOR(buf_size, I40E_RXBUF_SZ_UNIT),
			   (uint32_t)I40E_RX_MAX_DATA_BUF_SIZE);
	frame_size = (dev->conf.rxmode.mtu ? dev->conf.rxmode.mtu : RTE_ETHER_MTU) +
		     I40E_ETH_OVERHEAD;
	frame_size = RTE_MIN(frame_size, (uint32_t)I40E_FRAME_SIZE_MAX);
	/* As DPDK: the largest frame is what a chain of buffers holds, and a
	 * frame larger than one buffer turns scattered receive on by itself,
	 * SCATTER asked for or not. */
	frame_size = RTE_MIN(frame_size, buf_size * I40E_MAX_CHAINED_RX_BUFFERS);
	scatter = (offloads & RTE_ETH_RX_OFFLOAD_SCATTER) != 0 || frame_size > buf_size;

	rxq = rte_zmalloc_socket("i40e rx queue", sizeof(*rxq), RTE_CACHE_LINE_SIZE,
				 (int)socket_id);
	if (rxq == NULL)
		return -ENOMEM;
	rxq->mp = mp;
	rxq->adapter = ad;
	rxq->nb_rx_desc = nb_desc;
	rxq->rx_free_thresh = free_thresh;
	rxq->queue_id = qid;
	rxq->reg_idx = qid; /* PF-relative, as the PF's queue registers and HMC objects */
	rxq->port_id = dev->port_id;
	rxq->rx_buf_len = (uint16_t)buf_size;
	rxq->max_pkt_len = frame_size;
	rxq->scattered = scatter;
	/* As DPDK, from the port's offloads: the FCS stays in the buffer
	 * (crcstrip 0) but not in the mbuf's lengths. */
	rxq->crc_len = dev->conf.rxmode.offloads & RTE_ETH_RX_OFFLOAD_KEEP_CRC ? RTE_ETHER_CRC_LEN
										 : 0;
	rxq->deferred_start = conf->rx_deferred_start != 0;
	rxq->drop_en = conf->rx_drop_en;
	rxq->offloads = offloads;

	/* Room for the largest ring plus one burst, so a ring can be resized
	 * in place and vector code may read a burst past the end. Being always
	 * this size, a queue set up again simply takes over its old ring. */
	len = I40E_MAX_RING_DESC + RTE_PMD_I40E_RX_MAX_BURST;
	ring_size = RTE_ALIGN(len * (uint32_t)sizeof(union i40e_rx_desc), I40E_DMA_MEM_ALIGN);
	if (old == NULL) {
		snprintf(name, sizeof(name), "eth_p%u_q%u_rx_ring", dev->port_id, qid);
		rxq->mz = rte_memzone_reserve_aligned(name, ring_size, (int)socket_id,
						      RTE_MEMZONE_IOVA_CONTIG, I40E_RING_BASE_ALIGN);
		if (rxq->mz == NULL) {
			rx_queue_free(rxq);
			return -ENOMEM;
		}
	} else {
		rxq->mz = old->mz;
	}

	rxq->sw_ring = rte_zmalloc_socket("i40e rx sw ring", sizeof(struct i40e_rx_entry) * len,
					  RTE_CACHE_LINE_SIZE, (int)socket_id);
	if (rxq->sw_ring == NULL) {
		if (old != NULL)
			rxq->mz = NULL; /* still the old queue's */
		rx_queue_free(rxq);
		return -ENOMEM;
	}
	/* Only now, with nothing left to fail, replace the older queue. */
	if (old != NULL) {
		old->mz = NULL;
		i40e_dev_rx_queue_release(dev, qid);
	}
	rxq->rx_ring_phys_addr = rxq->mz->iova;
	rxq->rx_ring = rxq->mz->addr;
	i40e_reset_rx_queue(rxq);
	rxq->q_set = true;
	/* As DPDK: one queue outside the bulk-alloc preconditions takes the
	 * bulk-alloc and vector paths away from the whole port. */
	if (!i40e_rx_bulk_alloc_ok(rxq))
		ad->rx_bulk_alloc_allowed = false;
	/* ethdev sets queues up on stopped ports only: dev_start chooses. */
	rxq->path = I40E_RX_PATH_SCALAR;
	dev->rx_queues[qid] = rxq;
	return 0;
}

void i40e_dev_rx_queue_release(struct rte_eth_dev *dev, uint16_t qid)
{
	struct i40e_rx_queue *rxq;

	if (qid >= I40E_MAX_RX_QUEUES || dev->rx_queues[qid] == NULL)
		return;
	rxq = dev->rx_queues[qid];
	if (rxq->started)
		i40e_dev_rx_queue_stop(dev, qid);
	dev->rx_queues[qid] = NULL;
	rx_queue_free(rxq);
}

/* As DPDK: the ring's descriptors and the burst past its end that the
 * bulk-alloc scan and the vector paths may read are zeroed (no DD), not
 * the whole zone, which has room for the largest ring (a reset in every
 * queue stop zeroed 129 KiB for rings of 64 to 4096 descriptors). */
void i40e_reset_rx_queue(struct i40e_rx_queue *rxq)
{
	uint32_t len = (uint32_t)rxq->nb_rx_desc + RTE_PMD_I40E_RX_MAX_BURST;

	memset((void *)(uintptr_t)rxq->rx_ring, 0, len * sizeof(union i40e_rx_desc));
	rxq->rx_tail = 0;
	rxq->nb_rx_hold = 0;
	rxq->pkt_first_seg = NULL;
	rxq->pkt_last_seg = NULL;
	rxq->pkt_error = false;
	i40e_rx_bulk_reset(rxq);
	i40e_rx_vec_reset(rxq);
}

/*
 * Which sw_ring entries hold mbufs the queue owns depends on the path:
 * the scalar and bulk-alloc paths clear or replace an entry when they take
 * its mbuf, but the vector path leaves the consumed ones in place until
 * they are refilled: those, [rxrearm_start, +rxrearm_nb), are the
 * application's now. The bulk-alloc path also holds frames in its stage.
 *
 * The ring's own mbufs never left the driver: they are as the pool gave
 * them (refcnt 1, one segment, no next; the path's refill may have set
 * data_off and port), so they go back in one bulk put, packed at the front
 * of sw_ring, without reading their headers: a stop used to touch two
 * cache lines of each of up to 4096 mbufs to learn what it already knew.
 */
static void ring_mbufs_put(struct i40e_rx_queue *rxq)
{
	const uint16_t n = rxq->nb_rx_desc;
	const uint16_t app = i40e_rx_path_is_vec(rxq->path) ? rxq->rxrearm_nb : 0;
	unsigned int kept = 0;

	for (uint16_t k = 0, i = rxq->rxrearm_start; k < app; k++) {
		rxq->sw_ring[i].mbuf = NULL;
		if (++i == n)
			i = 0;
	}
	for (uint16_t i = 0; i < n; i++) {
		struct rte_mbuf *m = rxq->sw_ring[i].mbuf;

		rxq->sw_ring[i].mbuf = NULL;
		if (m != NULL && m != &rxq->fake_mbuf) {
			__rte_mbuf_raw_sanity_check(m);
			rxq->sw_ring[kept++].mbuf = m;
		}
	}
	rte_mempool_put_bulk(rxq->mp, (void **)&rxq->sw_ring[0].mbuf, kept);
	memset(rxq->sw_ring, 0, sizeof(*rxq->sw_ring) * kept);
}

void i40e_rx_queue_release_mbufs(struct i40e_rx_queue *rxq)
{
	if (rxq->sw_ring != NULL)
		ring_mbufs_put(rxq);
	for (uint16_t i = 0; i < rxq->rx_nb_avail; i++)
		rte_pktmbuf_free_seg(rxq->rx_stage[rxq->rx_next_avail + i]);
	rxq->rx_nb_avail = 0;
	if (rxq->pkt_first_seg != NULL) {
		rte_pktmbuf_free(rxq->pkt_first_seg);
		rxq->pkt_first_seg = NULL;
		rxq->pkt_last_seg = NULL;
	}
}

/* ---- start and stop ------------------------------------------------------ */

/* sw_ring entries are bare mbuf pointers: one get fills the ring. */
_Static_assert(sizeof(struct i40e_rx_entry) == sizeof(struct rte_mbuf *),
	       "sw_ring is an array of mbuf pointers");

int i40e_alloc_rx_queue_mbufs(struct i40e_rx_queue *rxq)
{
	/* One bulk get instead of nb_rx_desc single ones (a queue start's main
	 * cost); it succeeds exactly when that many single gets would. */
	if (rte_mempool_get_bulk(rxq->mp, (void **)&rxq->sw_ring[0].mbuf, rxq->nb_rx_desc) < 0) {
		/* A failed get may leave pointers it did not hand out. */
		memset(rxq->sw_ring, 0, sizeof(*rxq->sw_ring) * rxq->nb_rx_desc);
		PMD_LOG(ERR, "rx queue %u: no %u mbufs for its descriptors\n", rxq->queue_id,
			rxq->nb_rx_desc);
		return -ENOMEM;
	}
	for (uint16_t i = 0; i < rxq->nb_rx_desc; i++) {
		volatile union i40e_rx_desc *rxd = &rxq->rx_ring[i];
		struct rte_mbuf *mbuf = rxq->sw_ring[i].mbuf;

		MBUF_RAW_ALLOC_CHECK(mbuf);
		/* data_off, refcnt, nb_segs and port in one store, as the vector
		 * paths rearm; next is NULL already, as in every mbuf a pool
		 * hands out (so the mbuf's second cache line stays untouched) */
		memcpy(&mbuf->rearm_data, &rxq->mbuf_initializer, sizeof(rxq->mbuf_initializer));

		rxd->read.pkt_addr = rte_cpu_to_le_64(rte_mbuf_data_iova_default(mbuf));
		rxd->read.hdr_addr = 0;
#ifndef RTE_LIBRTE_I40E_16BYTE_RX_DESC
		rxd->read.rsvd1 = 0;
		rxd->read.rsvd2 = 0;
#endif
	}
	for (uint16_t i = 0; i < RTE_PMD_I40E_RX_MAX_BURST; i++)
		rxq->sw_ring[rxq->nb_rx_desc + i].mbuf = &rxq->fake_mbuf;
	return 0;
}

int i40e_switch_rx_queue(struct i40e_adapter *ad, uint16_t reg_idx, bool on)
{
	uint32_t reg = i40e_read_reg(ad, I40E_QRX_ENA(reg_idx));

	if (on)
		reg |= I40E_QRX_ENA_QENA_REQ;
	else
		reg &= ~I40E_QRX_ENA_QENA_REQ;
	i40e_write_reg(ad, I40E_QRX_ENA(reg_idx), reg);
	for (int tries = 0; tries < I40E_QUEUE_SWITCH_POLLS; tries++) {
		reg = i40e_read_reg(ad, I40E_QRX_ENA(reg_idx));
		if (!!(reg & I40E_QRX_ENA_QENA_STAT) == on)
			return 0;
		rte_delay_us(10);
	}
	return -ETIMEDOUT;
}

int i40e_dev_rx_queue_start(struct rte_eth_dev *dev, uint16_t qid)
{
	struct i40e_rx_queue *rxq;
	int err;

	if (qid >= I40E_MAX_RX_QUEUES || dev->rx_queues[qid] == NULL)
		return -EINVAL;
	rxq = dev->rx_queues[qid];
	if (!rxq->q_set)
		return -EINVAL;
	if (rxq->started)
		return -EBUSY;

	err = i40e_write_rx_queue_context(rxq);
	if (err != 0) {
		PMD_LOG(ERR, "rx queue %u: queue context not accepted\n", qid);
		return err;
	}
	err = i40e_alloc_rx_queue_mbufs(rxq);
	if (err != 0) {
		i40e_rx_queue_release_mbufs(rxq);
		i40e_reset_rx_queue(rxq);
		return err;
	}
	/* Descriptors must be in memory before the device may fetch them:
	 * the full write barrier, as DPDK, on top of i40e_write_reg's own. */
	rte_wmb();
	i40e_write_reg(rxq->adapter, I40E_QRX_TAIL(rxq->reg_idx), rxq->nb_rx_desc - 1u);
	err = i40e_switch_rx_queue(rxq->adapter, rxq->reg_idx, true);
	if (err != 0) {
		PMD_LOG(ERR, "rx queue %u: did not switch on\n", qid);
		i40e_switch_rx_queue(rxq->adapter, rxq->reg_idx, false);
		i40e_rx_queue_release_mbufs(rxq);
		i40e_reset_rx_queue(rxq);
		return err;
	}
	rxq->started = true;
	dev->rx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STARTED;
	return 0;
}

int i40e_dev_rx_queue_stop(struct rte_eth_dev *dev, uint16_t qid)
{
	struct i40e_rx_queue *rxq;
	int err;

	if (qid >= I40E_MAX_RX_QUEUES || dev->rx_queues[qid] == NULL)
		return -EINVAL;
	rxq = dev->rx_queues[qid];
	if (!rxq->started)
		return 0;
	err = i40e_switch_rx_queue(rxq->adapter, rxq->reg_idx, false);
	if (err != 0) {
		/* The device may still write into the ring's buffers: they stay
		 * the queue's, and the queue stays started (as DPDK). */
		PMD_LOG(ERR, "rx queue %u: did not switch off\n", qid);
		return err;
	}
	i40e_rx_queue_release_mbufs(rxq);
	i40e_reset_rx_queue(rxq);
	rxq->started = false;
	dev->rx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

/* ---- receive ------------------------------------------------------------- */

/*
 * Scalar receive. Each completed descriptor gives its mbuf to the frame
 * being built and gets a fresh mbuf in return; a frame spans descriptors
 * until one has EOP. Without a fresh mbuf the burst stops, leaving the
 * descriptor (and the device's data in it) for the next call.
 */
static inline uint16_t recv_pkts(struct i40e_rx_queue *rxq, struct rte_mbuf **rx_pkts,
				 uint16_t nb_pkts)
{
	volatile union i40e_rx_desc *ring = rxq->rx_ring;
	struct i40e_rx_entry *sw_ring = rxq->sw_ring;
	struct rte_mbuf *first = rxq->pkt_first_seg;
	struct rte_mbuf *last = rxq->pkt_last_seg;
	struct rte_mbuf *prev = NULL; /* the segment before last */
	uint16_t id = rxq->rx_tail;
	uint16_t nb_rx = 0, nb_hold = rxq->nb_rx_hold;

	while (nb_rx < nb_pkts) {
		volatile union i40e_rx_desc *rxd = &ring[id];
		/*
		 * One 8-byte load: DD and the length it vouches for come from the
		 * same device write. Acquire: the device wrote the frame and the
		 * other descriptor words before this word, so nothing read after
		 * it may be older (DPDK's bulk path: loads, then an acquire
		 * fence). As a load rather than a fence, ThreadSanitizer sees the
		 * order too, against the device model's release store.
		 */
		uint64_t qword1 =
			rte_le_to_cpu_64(__atomic_load_n(&rxd->wb.qword1, __ATOMIC_ACQUIRE));
		uint64_t qword0, qword2 = 0, qword3 = 0;
		struct rte_mbuf *rxm, *nmb;
		uint16_t len;

		if (!(qword1 & I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_DD)))
			break;
		qword0 = rte_le_to_cpu_64(rxd->wb.qword0);
#ifndef RTE_LIBRTE_I40E_16BYTE_RX_DESC
		qword2 = qword1 & I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_EOP) ?
				 rte_le_to_cpu_64(rxd->wb.qword2) : 0;
		if (unlikely(i40e_rx_fdir_match(qword1)))
			qword3 = rte_le_to_cpu_64(rxd->wb.qword3);
#endif

		nmb = rte_mbuf_raw_alloc(rxq->mp);
		if (unlikely(nmb == NULL)) {
			rxq->mbuf_alloc_failed++;
			break;
		}
		nb_hold++;
		rxm = sw_ring[id].mbuf;
		sw_ring[id].mbuf = nmb;
		id = (uint16_t)(id + 1 == rxq->nb_rx_desc ? 0 : id + 1);

		/* Re-arm: writing hdr_addr also clears the old DD bit. */
		nmb->data_off = RTE_PKTMBUF_HEADROOM;
		rxd->read.hdr_addr = 0;
		rxd->read.pkt_addr = rte_cpu_to_le_64(rte_mbuf_data_iova_default(nmb));

		len = (uint16_t)((qword1 & I40E_RXD_QW1_LENGTH_PBUF_MASK) >>
				 I40E_RXD_QW1_LENGTH_PBUF_SHIFT);
		rxm->data_off = RTE_PKTMBUF_HEADROOM;
		rxm->data_len = len;
		rxm->next = NULL;
		rxm->nb_segs = 1;
		rxm->port = rxq->port_id;
		/* A bad checksum is delivered, flagged (as DPDK); only a buffer
		 * the device could not write (RXE) loses the frame. */
		if (qword1 & I40E_RXD_ERROR_BIT(I40E_RX_DESC_ERROR_RXE))
			rxq->pkt_error = true;
		if (first == NULL) {
			first = rxm;
			first->pkt_len = len;
		} else {
			first->pkt_len += len;
			first->nb_segs++;
			last->next = rxm;
		}
		prev = last;
		last = rxm;
		if (!(qword1 & I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_EOP)))
			continue;

		if (rxq->pkt_error) {
			/* The device lost this frame (e.g. a buffer it could not reach). */
			rte_pktmbuf_free(first);
			rxq->errors++;
		} else {
			if (rxq->crc_len > 0)
				i40e_rx_trim_crc(first, prev, last, rxq->crc_len);
			i40e_rx_fill_first_seg(rxq, first, qword0, qword1, qword2, qword3);
			rxq->packets++;
			rxq->bytes += first->pkt_len;
			rx_pkts[nb_rx++] = first;
		}
		first = NULL;
		last = NULL;
		rxq->pkt_error = false;
	}
	rxq->rx_tail = id;
	rxq->pkt_first_seg = first;
	rxq->pkt_last_seg = last;

	/* Hand refilled descriptors back in batches: one register write per
	 * rx_free_thresh descriptors. The tail points at the last re-armed one. */
	if (nb_hold > rxq->rx_free_thresh) {
		uint16_t new_tail = (uint16_t)(id == 0 ? rxq->nb_rx_desc - 1 : id - 1);

		/* i40e_write_reg orders the re-armed descriptors before the tail. */
		i40e_write_reg(rxq->adapter, I40E_QRX_TAIL(rxq->reg_idx), new_tail);
		nb_hold = 0;
	}
	rxq->nb_rx_hold = nb_hold;
	return nb_rx;
}

/* Two names for one function, as DPDK has two (the scattered one is what
 * rte_eth_rx_burst_mode_get calls "Scalar Scattered"): a frame spans
 * several descriptors only when the port is scattered, so the chaining
 * costs the other nothing but a never-taken branch. */
uint16_t i40e_recv_pkts(void *rx_queue, struct rte_mbuf **rx_pkts, uint16_t nb_pkts)
{
	return recv_pkts(rx_queue, rx_pkts, nb_pkts);
}

uint16_t i40e_recv_scattered_pkts(void *rx_queue, struct rte_mbuf **rx_pkts, uint16_t nb_pkts)
{
	return recv_pkts(rx_queue, rx_pkts, nb_pkts);
}
