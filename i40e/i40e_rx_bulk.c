/* SPDX-License-Identifier: BSD-3-Clause
 * The bulk-alloc receive path (DPDK 22.11's i40e_recv_pkts_bulk_alloc):
 * take up to a burst of completed one-buffer frames off the ring at once,
 * in groups of I40E_LOOK_AHEAD descriptors, into a stage; refill the ring
 * rx_free_thresh descriptors at a time with one mempool get, and write the
 * tail once per refill. The application is served from the stage.
 *
 * The scan never wraps: it may look up to a burst past the ring's end,
 * where the descriptors are zero (DD clear, i40e_reset_rx_queue) and the
 * sw_ring holds the fake mbuf. Frames therefore never span descriptors
 * here: the port must not be scattered (i40e_set_rx_function).
 */
#include <errno.h>

#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "i40e_ethdev.h"
#include "i40e_regs.h"
#include "i40e_rx_fields.h"
#include "i40e_rxd.h"

#define I40E_LOOK_AHEAD 8

bool i40e_rx_bulk_alloc_ok(const struct i40e_rx_queue *rxq)
{
	return rxq->rx_free_thresh >= RTE_PMD_I40E_RX_MAX_BURST &&
	       rxq->rx_free_thresh < rxq->nb_rx_desc &&
	       rxq->nb_rx_desc % rxq->rx_free_thresh == 0;
}

void i40e_rx_bulk_reset(struct i40e_rx_queue *rxq)
{
	rxq->rx_nb_avail = 0;
	rxq->rx_next_avail = 0;
	rxq->rx_free_trigger = (uint16_t)(rxq->rx_free_thresh - 1);
}

/*
 * Move the completed descriptors from rx_tail on (at most a burst) into
 * the stage, filling their mbufs. Returns how many; *errs gets a bit per
 * staged frame whose buffer the device could not write (RXE).
 */
static uint16_t scan_ring(struct i40e_rx_queue *rxq, uint32_t *errs)
{
	volatile union i40e_rx_desc *rxdp = &rxq->rx_ring[rxq->rx_tail];
	struct i40e_rx_entry *rxep = &rxq->sw_ring[rxq->rx_tail];
	uint16_t nb_rx = 0;

	*errs = 0;
	for (uint16_t i = 0; i < RTE_PMD_I40E_RX_MAX_BURST; i += I40E_LOOK_AHEAD,
	     rxdp += I40E_LOOK_AHEAD, rxep += I40E_LOOK_AHEAD) {
		uint64_t qw1[I40E_LOOK_AHEAD];
		unsigned int nb_dd = 0;

		/* Completion is in ring order, so the done ones are a prefix.
		 * Acquire: what the device wrote before DD is visible after. */
		for (unsigned int j = 0; j < I40E_LOOK_AHEAD; j++) {
			qw1[j] = rte_le_to_cpu_64(__atomic_load_n(&rxdp[j].wb.qword1,
								  __ATOMIC_ACQUIRE));
			if (!(qw1[j] & I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_DD)))
				break;
			nb_dd++;
		}
		for (unsigned int j = 0; j < nb_dd; j++) {
			struct rte_mbuf *m = rxep[j].mbuf;
			uint64_t qw0 = rte_le_to_cpu_64(rxdp[j].wb.qword0), qw2 = 0, qw3 = 0;
			uint16_t len = (uint16_t)((qw1[j] & I40E_RXD_QW1_LENGTH_PBUF_MASK) >>
						  I40E_RXD_QW1_LENGTH_PBUF_SHIFT);

#ifndef RTE_LIBRTE_I40E_16BYTE_RX_DESC
			qw2 = rte_le_to_cpu_64(rxdp[j].wb.qword2);
			if (unlikely(i40e_rx_fdir_match(qw1[j])))
				qw3 = rte_le_to_cpu_64(rxdp[j].wb.qword3);
#endif
			m->data_len = (uint16_t)(len - rxq->crc_len);
			m->pkt_len = m->data_len;
			i40e_rx_fill_first_seg(rxq, m, qw0, qw1[j], qw2, qw3);
			if (qw1[j] & I40E_RXD_ERROR_BIT(I40E_RX_DESC_ERROR_RXE))
				*errs |= 1u << (i + j);
			rxq->rx_stage[i + j] = m;
		}
		nb_rx = (uint16_t)(nb_rx + nb_dd);
		if (nb_dd != I40E_LOOK_AHEAD)
			break;
	}
	for (uint16_t i = 0; i < nb_rx; i++)
		rxq->sw_ring[rxq->rx_tail + i].mbuf = NULL;
	return nb_rx;
}

/* Refill the rx_free_thresh descriptors up to rx_free_trigger and give
 * them to the device. -ENOMEM (nothing changed) without enough mbufs. */
static int refill(struct i40e_rx_queue *rxq)
{
	uint16_t first = (uint16_t)(rxq->rx_free_trigger - (rxq->rx_free_thresh - 1));
	struct i40e_rx_entry *rxep = &rxq->sw_ring[first];
	volatile union i40e_rx_desc *rxdp = &rxq->rx_ring[first];

	RTE_BUILD_BUG_ON(sizeof(struct i40e_rx_entry) != sizeof(void *));
	if (rte_mempool_get_bulk(rxq->mp, (void **)rxep, rxq->rx_free_thresh) != 0) {
		/* A failed get may leave pointers to free mbufs (those of the
		 * lcore cache) in the table: the entries were empty, and queue
		 * stop frees every entry that is not. */
		for (uint16_t i = 0; i < rxq->rx_free_thresh; i++)
			rxep[i].mbuf = NULL;
		return -ENOMEM;
	}
	for (uint16_t i = 0; i < rxq->rx_free_thresh; i++) {
		struct rte_mbuf *m = rxep[i].mbuf;

		rte_mbuf_refcnt_set(m, 1);
		m->next = NULL;
		m->data_off = RTE_PKTMBUF_HEADROOM;
		m->nb_segs = 1;
		m->port = rxq->port_id;
		rxdp[i].read.hdr_addr = 0; /* clears DD */
		rxdp[i].read.pkt_addr = rte_cpu_to_le_64(rte_mbuf_data_iova_default(m));
	}
	/* i40e_write_reg orders the descriptors before the tail. */
	i40e_write_reg(rxq->adapter, I40E_QRX_TAIL(rxq->reg_idx), rxq->rx_free_trigger);
	rxq->rx_free_trigger = (uint16_t)(rxq->rx_free_trigger + rxq->rx_free_thresh);
	if (rxq->rx_free_trigger >= rxq->nb_rx_desc)
		rxq->rx_free_trigger = (uint16_t)(rxq->rx_free_thresh - 1);
	return 0;
}

/* Frames are counted as received when they leave the stage for the
 * application, as the scalar path counts them. */
static uint16_t from_stage(struct i40e_rx_queue *rxq, struct rte_mbuf **rx_pkts,
			   uint16_t nb_pkts)
{
	uint16_t n = RTE_MIN(nb_pkts, rxq->rx_nb_avail);

	for (uint16_t i = 0; i < n; i++) {
		rx_pkts[i] = rxq->rx_stage[rxq->rx_next_avail + i];
		rxq->bytes += rx_pkts[i]->pkt_len;
	}
	rxq->packets += n;
	rxq->rx_nb_avail = (uint16_t)(rxq->rx_nb_avail - n);
	rxq->rx_next_avail = (uint16_t)(rxq->rx_next_avail + n);
	return n;
}

/*
 * Frames the device lost (RXE) leave the stage, freed and counted, as the
 * scalar path drops them. Only done once the refill succeeded: until then
 * the stage may go back to the ring.
 */
static uint16_t settle_stage(struct i40e_rx_queue *rxq, uint16_t nb_rx, uint32_t errs)
{
	uint16_t kept = 0;

	for (uint16_t i = 0; i < nb_rx; i++) {
		struct rte_mbuf *m = rxq->rx_stage[i];

		if (unlikely(errs & (1u << i))) {
			rte_pktmbuf_free_seg(m);
			rxq->errors++;
			continue;
		}
		rxq->rx_stage[kept++] = m;
	}
	return kept;
}

static uint16_t recv_burst(struct i40e_rx_queue *rxq, struct rte_mbuf **rx_pkts,
			   uint16_t nb_pkts)
{
	uint32_t errs;
	uint16_t nb_rx;

	if (rxq->rx_nb_avail > 0)
		return from_stage(rxq, rx_pkts, nb_pkts);

	nb_rx = scan_ring(rxq, &errs);
	rxq->rx_tail = (uint16_t)(rxq->rx_tail + nb_rx);
	if (rxq->rx_tail > rxq->rx_free_trigger && refill(rxq) != 0) {
		/* No mbufs: put the frames back on the ring, where the next
		 * call finds them again (their descriptors still say DD). */
		rxq->rx_tail = (uint16_t)(rxq->rx_tail - nb_rx);
		for (uint16_t i = 0; i < nb_rx; i++)
			rxq->sw_ring[rxq->rx_tail + i].mbuf = rxq->rx_stage[i];
		rxq->mbuf_alloc_failed += rxq->rx_free_thresh;
		return 0;
	}
	if (rxq->rx_tail >= rxq->nb_rx_desc)
		rxq->rx_tail = 0;
	rxq->rx_next_avail = 0;
	rxq->rx_nb_avail = settle_stage(rxq, nb_rx, errs);
	return from_stage(rxq, rx_pkts, nb_pkts);
}

/* As DPDK: bursts of at most 32, until one comes back short. */
uint16_t i40e_recv_pkts_bulk_alloc(void *rx_queue, struct rte_mbuf **rx_pkts, uint16_t nb_pkts)
{
	uint16_t nb_rx = 0;

	while (nb_pkts > 0) {
		uint16_t want = RTE_MIN(nb_pkts, (uint16_t)RTE_PMD_I40E_RX_MAX_BURST);
		uint16_t n = recv_burst(rx_queue, rx_pkts + nb_rx, want);

		nb_rx = (uint16_t)(nb_rx + n);
		nb_pkts = (uint16_t)(nb_pkts - n);
		if (n < want)
			break;
	}
	return nb_rx;
}
