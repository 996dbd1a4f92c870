/* SPDX-License-Identifier: BSD-3-Clause
 * i40e queries: what a receive queue was set up with, how far the device
 * has filled its ring (DD bits), and the firmware version the admin queue
 * reported at probe.
 */
#include <errno.h>
#include <stdio.h>

#include "i40e_ethdev.h"

void i40e_rxq_info_get(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_rxq_info *qinfo)
{
	const struct i40e_adapter *ad = dev->dev_private;
	const struct i40e_rx_queue *rxq = dev->rx_queues[qid];

	qinfo->mp = rxq->mp;
	qinfo->scattered_rx = ad->scattered_rx; /* the port's, as DPDK's i40e */
	qinfo->nb_desc = rxq->nb_rx_desc;
	qinfo->rx_buf_size = rxq->rx_buf_len;
	qinfo->conf.rx_free_thresh = rxq->rx_free_thresh;
	qinfo->conf.rx_drop_en = rxq->drop_en;
	qinfo->conf.rx_deferred_start = rxq->deferred_start;
	qinfo->conf.offloads = rxq->offloads;
}

static bool desc_done(const struct i40e_rx_queue *rxq, uint32_t idx)
{
	uint64_t qw1 = rte_le_to_cpu_64(rxq->rx_ring[idx].wb.qword1);

	return (qw1 & I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_DD)) != 0;
}

/* As DPDK's i40e: done descriptors from rx_tail on, looked at 4 at a time,
 * so the count is a multiple of 4 (a lower bound of what is there). */
#define I40E_RXQ_SCAN_INTERVAL 4

uint32_t i40e_dev_rx_queue_count(void *rx_queue)
{
	const struct i40e_rx_queue *rxq = rx_queue;
	uint32_t n = 0;

	while (n < rxq->nb_rx_desc && desc_done(rxq, (rxq->rx_tail + n) % rxq->nb_rx_desc))
		n += I40E_RXQ_SCAN_INTERVAL;
	return n;
}

int i40e_dev_rx_descriptor_status(void *rx_queue, uint16_t offset)
{
	const struct i40e_rx_queue *rxq = rx_queue;

	if (offset >= rxq->nb_rx_desc)
		return -EINVAL;
	/* Taken by software and not yet given back: not the device's. */
	if (offset >= rxq->nb_rx_desc - rxq->nb_rx_hold)
		return RTE_ETH_RX_DESC_UNAVAIL;
	return desc_done(rxq, (rxq->rx_tail + offset) % rxq->nb_rx_desc) ? RTE_ETH_RX_DESC_DONE
									 : RTE_ETH_RX_DESC_AVAIL;
}

/*
 * "fw 9.20.12345 api 1.15": DPDK's i40e prints the NVM version and
 * EETRACK, which come from NVM reads this driver does not do; firmware
 * and API versions are what the admin queue gave at probe. Returns 0, or
 * how many bytes the string needs (with its NUL) if fw_size is too small.
 */
int i40e_fw_version_get(struct rte_eth_dev *dev, char *fw_version, size_t fw_size)
{
	const struct i40e_adapter *ad = dev->dev_private;
	int n = snprintf(fw_version, fw_size, "fw %u.%u.%05u api %u.%u", ad->aq.fw_major,
			 ad->aq.fw_minor, (unsigned int)ad->aq.fw_build, ad->aq.api_major,
			 ad->aq.api_minor);

	if (n < 0)
		return -EINVAL;
	return (size_t)n + 1 > fw_size ? n + 1 : 0;
}
