/* SPDX-License-Identifier: BSD-3-Clause
 * ethdev queue queries and controls beyond set-up and start: what a queue
 * is (info, burst mode), transmit queue start/stop, descriptor counts,
 * hairpin queues, interrupts and thresholds. Each checks the port, then
 * the queue and arguments, then asks the driver (-ENOTSUP without the
 * operation), in DPDK's order.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_ethdev.h>

#include "ethdev_driver.h"

/* -EINVAL unless the receive queue is configured and set up. */
static int rxq_check(const struct rte_eth_dev *dev, uint16_t qid)
{
	if (qid >= dev->nb_rx_queues || dev->rx_queues[qid] == NULL)
		return -EINVAL;
	return 0;
}

static int txq_check(const struct rte_eth_dev *dev, uint16_t qid)
{
	if (qid >= dev->nb_tx_queues || dev->tx_queues[qid] == NULL)
		return -EINVAL;
	return 0;
}

int rte_eth_rx_queue_info_get(uint16_t port_id, uint16_t queue_id,
			      struct rte_eth_rxq_info *qinfo)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (qinfo == NULL || rxq_check(dev, queue_id) != 0)
		return -EINVAL;
	if (dev->ops->rxq_info_get == NULL)
		return -ENOTSUP;
	memset(qinfo, 0, sizeof(*qinfo));
	dev->ops->rxq_info_get(dev, queue_id, qinfo);
	qinfo->queue_state = dev->rx_queue_state[queue_id];
	return 0;
}

int rte_eth_tx_queue_info_get(uint16_t port_id, uint16_t queue_id,
			      struct rte_eth_txq_info *qinfo)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (qinfo == NULL || txq_check(dev, queue_id) != 0)
		return -EINVAL;
	if (dev->ops->txq_info_get == NULL)
		return -ENOTSUP;
	memset(qinfo, 0, sizeof(*qinfo));
	dev->ops->txq_info_get(dev, queue_id, qinfo);
	qinfo->queue_state = dev->tx_queue_state[queue_id];
	return 0;
}

/* As DPDK: the port's driver names the function, after the checks. */
int rte_eth_rx_burst_mode_get(uint16_t port_id, uint16_t queue_id,
			      struct rte_eth_burst_mode *mode)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (queue_id >= dev->nb_rx_queues || mode == NULL)
		return -EINVAL;
	if (dev->ops->rx_burst_mode_get == NULL)
		return -ENOTSUP;
	memset(mode, 0, sizeof(*mode));
	return dev->ops->rx_burst_mode_get(dev, queue_id, mode);
}

int rte_eth_tx_burst_mode_get(uint16_t port_id, uint16_t queue_id,
			      struct rte_eth_burst_mode *mode)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (queue_id >= dev->nb_tx_queues || mode == NULL)
		return -EINVAL;
	if (dev->ops->tx_burst_mode_get == NULL)
		return -ENOTSUP;
	memset(mode, 0, sizeof(*mode));
	return dev->ops->tx_burst_mode_get(dev, queue_id, mode);
}

/* ---- transmit queues ------------------------------------------------------- */

int rte_eth_dev_tx_queue_start(uint16_t port_id, uint16_t tx_queue_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (!dev->started || txq_check(dev, tx_queue_id) != 0)
		return -EINVAL;
	if (dev->ops->tx_queue_start == NULL)
		return -ENOTSUP;
	if (dev->tx_queue_state[tx_queue_id] == RTE_ETH_QUEUE_STATE_STARTED)
		return 0;
	ret = dev->ops->tx_queue_start(dev, tx_queue_id);
	if (ret == 0)
		dev->tx_queue_state[tx_queue_id] = RTE_ETH_QUEUE_STATE_STARTED;
	return ret;
}

int rte_eth_dev_tx_queue_stop(uint16_t port_id, uint16_t tx_queue_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (txq_check(dev, tx_queue_id) != 0)
		return -EINVAL;
	if (dev->ops->tx_queue_stop == NULL)
		return -ENOTSUP;
	if (dev->tx_queue_state[tx_queue_id] == RTE_ETH_QUEUE_STATE_STOPPED)
		return 0;
	ret = dev->ops->tx_queue_stop(dev, tx_queue_id);
	if (ret == 0)
		dev->tx_queue_state[tx_queue_id] = RTE_ETH_QUEUE_STATE_STOPPED;
	return ret;
}

int rte_eth_tx_done_cleanup(uint16_t port_id, uint16_t queue_id, uint32_t free_cnt)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (txq_check(dev, queue_id) != 0)
		return -EINVAL;
	if (dev->ops->tx_done_cleanup == NULL)
		return -ENOTSUP;
	return dev->ops->tx_done_cleanup(dev->tx_queues[queue_id], free_cnt);
}

/* ---- descriptor counts --------------------------------------------------------- */

/* As DPDK: at most nb_max, at least nb_min, then up to a multiple of nb_align. */
static void adjust_nb_desc(uint16_t *nb_desc, const struct rte_eth_desc_lim *lim)
{
	uint32_t n = *nb_desc;

	if (lim->nb_max != 0)
		n = RTE_MIN(n, (uint32_t)lim->nb_max);
	n = RTE_MAX(n, (uint32_t)lim->nb_min);
	if (lim->nb_align != 0)
		n = RTE_ALIGN_CEIL(n, (uint32_t)lim->nb_align);
	*nb_desc = (uint16_t)n;
}

int rte_eth_dev_adjust_nb_rx_tx_desc(uint16_t port_id, uint16_t *nb_rx_desc,
				     uint16_t *nb_tx_desc)
{
	struct rte_eth_dev_info info;
	int ret = rte_eth_dev_info_get(port_id, &info);

	if (ret != 0)
		return ret;
	if (nb_rx_desc != NULL)
		adjust_nb_desc(nb_rx_desc, &info.rx_desc_lim);
	if (nb_tx_desc != NULL)
		adjust_nb_desc(nb_tx_desc, &info.tx_desc_lim);
	return 0;
}

int rte_eth_rx_descriptor_dump(uint16_t port_id, uint16_t queue_id, uint16_t offset,
			       uint16_t num, FILE *file)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (queue_id >= dev->nb_rx_queues || file == NULL)
		return -EINVAL;
	if (dev->ops->rx_descriptor_dump == NULL)
		return -ENOTSUP;
	return dev->ops->rx_descriptor_dump(dev, queue_id, offset, num, file);
}

int rte_eth_tx_descriptor_dump(uint16_t port_id, uint16_t queue_id, uint16_t offset,
			       uint16_t num, FILE *file)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (queue_id >= dev->nb_tx_queues || file == NULL)
		return -EINVAL;
	if (dev->ops->tx_descriptor_dump == NULL)
		return -ENOTSUP;
	return dev->ops->tx_descriptor_dump(dev, queue_id, offset, num, file);
}

/* ---- hairpin queues ------------------------------------------------------------ */

int rte_eth_dev_hairpin_capability_get(uint16_t port_id, struct rte_eth_hairpin_cap *cap)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (cap == NULL)
		return -EINVAL;
	if (dev->ops->hairpin_cap_get == NULL)
		return -ENOTSUP;
	memset(cap, 0, sizeof(*cap));
	return dev->ops->hairpin_cap_get(dev, cap);
}

/* As DPDK: the queue and configuration, then the driver's hairpin
 * capability, then a peer to connect to and a stopped port. */
static int hairpin_setup_check(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_queues,
			       const struct rte_eth_hairpin_conf *conf)
{
	struct rte_eth_hairpin_cap cap;
	int ret;

	if (qid >= nb_queues || conf == NULL)
		return -EINVAL;
	ret = rte_eth_dev_hairpin_capability_get(dev->port_id, &cap);
	if (ret != 0)
		return ret;
	if (conf->peer_count == 0)
		return -EINVAL;
	if (dev->started)
		return -EBUSY;
	return 0;
}

int rte_eth_rx_hairpin_queue_setup(uint16_t port_id, uint16_t rx_queue_id, uint16_t nb_rx_desc,
				   const struct rte_eth_hairpin_conf *conf)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	ret = hairpin_setup_check(dev, rx_queue_id, dev->nb_rx_queues, conf);
	if (ret != 0)
		return ret;
	if (dev->ops->rx_hairpin_queue_setup == NULL)
		return -ENOTSUP;
	ret = dev->ops->rx_hairpin_queue_setup(dev, rx_queue_id, nb_rx_desc, conf);
	if (ret == 0)
		dev->rx_queue_state[rx_queue_id] = RTE_ETH_QUEUE_STATE_HAIRPIN;
	return ret;
}

int rte_eth_tx_hairpin_queue_setup(uint16_t port_id, uint16_t tx_queue_id, uint16_t nb_tx_desc,
				   const struct rte_eth_hairpin_conf *conf)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	ret = hairpin_setup_check(dev, tx_queue_id, dev->nb_tx_queues, conf);
	if (ret != 0)
		return ret;
	if (dev->ops->tx_hairpin_queue_setup == NULL)
		return -ENOTSUP;
	ret = dev->ops->tx_hairpin_queue_setup(dev, tx_queue_id, nb_tx_desc, conf);
	if (ret == 0)
		dev->tx_queue_state[tx_queue_id] = RTE_ETH_QUEUE_STATE_HAIRPIN;
	return ret;
}

int rte_eth_hairpin_bind(uint16_t tx_port, uint16_t rx_port)
{
	struct rte_eth_dev *dev = eth_dev_get(tx_port);

	if (dev == NULL)
		return -ENODEV;
	if (rx_port != RTE_MAX_ETHPORTS && eth_dev_get(rx_port) == NULL)
		return -ENODEV;
	if (dev->ops->hairpin_bind == NULL)
		return -ENOTSUP;
	return dev->ops->hairpin_bind(dev, rx_port);
}

int rte_eth_hairpin_unbind(uint16_t tx_port, uint16_t rx_port)
{
	struct rte_eth_dev *dev = eth_dev_get(tx_port);

	if (dev == NULL)
		return -ENODEV;
	if (rx_port != RTE_MAX_ETHPORTS && eth_dev_get(rx_port) == NULL)
		return -ENODEV;
	if (dev->ops->hairpin_unbind == NULL)
		return -ENOTSUP;
	return dev->ops->hairpin_unbind(dev, rx_port);
}

int rte_eth_hairpin_get_peer_ports(uint16_t port_id, uint16_t *peer_ports, size_t len,
				   uint32_t direction)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (peer_ports == NULL || len == 0)
		return -EINVAL;
	if (dev->ops->hairpin_get_peer_ports == NULL)
		return -ENOTSUP;
	return dev->ops->hairpin_get_peer_ports(dev, peer_ports, len, direction);
}

/* ---- interrupts, thresholds, power monitoring -------------------------------------- */

int rte_eth_dev_rx_intr_enable(uint16_t port_id, uint16_t queue_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (rxq_check(dev, queue_id) != 0)
		return -EINVAL;
	if (dev->ops->rx_queue_intr_enable == NULL)
		return -ENOTSUP;
	return dev->ops->rx_queue_intr_enable(dev, queue_id);
}

int rte_eth_dev_rx_intr_disable(uint16_t port_id, uint16_t queue_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (rxq_check(dev, queue_id) != 0)
		return -EINVAL;
	if (dev->ops->rx_queue_intr_disable == NULL)
		return -ENOTSUP;
	return dev->ops->rx_queue_intr_disable(dev, queue_id);
}

/*
 * The epoll plumbing of receive interrupts needs the port's interrupt
 * handle; rtemem's ports have none (the driver polls), which DPDK answers
 * with -ENOTSUP (and -1 for the file descriptor).
 */
int rte_eth_dev_rx_intr_ctl(uint16_t port_id, int epfd, int op, void *data)
{
	RTE_SET_USED(epfd);
	RTE_SET_USED(op);
	RTE_SET_USED(data);
	return eth_dev_get(port_id) == NULL ? -ENODEV : -ENOTSUP;
}

int rte_eth_dev_rx_intr_ctl_q(uint16_t port_id, uint16_t queue_id, int epfd, int op, void *data)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	RTE_SET_USED(epfd);
	RTE_SET_USED(op);
	RTE_SET_USED(data);
	if (dev == NULL)
		return -ENODEV;
	if (queue_id >= dev->nb_rx_queues)
		return -EINVAL;
	return -ENOTSUP;
}

int rte_eth_dev_rx_intr_ctl_q_get_fd(uint16_t port_id, uint16_t queue_id)
{
	RTE_SET_USED(port_id);
	RTE_SET_USED(queue_id);
	return -1; /* DPDK's answer for every failure, a port without a handle too */
}

int rte_eth_rx_avail_thresh_set(uint16_t port_id, uint16_t queue_id, uint8_t avail_thresh)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (queue_id >= dev->nb_rx_queues || avail_thresh > 99)
		return -EINVAL; /* a percentage of the ring, 0 to turn it off */
	if (dev->ops->rx_queue_avail_thresh_set == NULL)
		return -ENOTSUP;
	return dev->ops->rx_queue_avail_thresh_set(dev, queue_id, avail_thresh);
}

int rte_eth_rx_avail_thresh_query(uint16_t port_id, uint16_t *queue_id, uint8_t *avail_thresh)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (queue_id == NULL)
		return -EINVAL;
	if (*queue_id >= dev->nb_rx_queues)
		*queue_id = 0; /* as DPDK: the search wraps around */
	if (dev->ops->rx_queue_avail_thresh_query == NULL)
		return -ENOTSUP;
	return dev->ops->rx_queue_avail_thresh_query(dev, queue_id, avail_thresh);
}

int rte_eth_get_monitor_addr(uint16_t port_id, uint16_t queue_id,
			     struct rte_power_monitor_cond *pmc)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (queue_id >= dev->nb_rx_queues || pmc == NULL)
		return -EINVAL;
	if (dev->ops->get_monitor_addr == NULL)
		return -ENOTSUP;
	return dev->ops->get_monitor_addr(dev->rx_queues[queue_id], pmc);
}
