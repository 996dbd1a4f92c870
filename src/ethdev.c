/* SPDX-License-Identifier: BSD-3-Clause
 * ethdev: ports, their configuration and life cycle (probe, configure,
 * queue setup, start, stop, close). Queries, statistics, filters and
 * callbacks are in the other ethdev_*.c files. The receive fast path is
 * rte_eth_rx_burst in rte_ethdev.h, through rte_eth_fp_ops.
 *
 * Ports are found lazily: the first rte_eth_* call after rte_eal_init scans
 * the PCI bus through the HAL and lets each built-in driver claim its
 * devices. Like DPDK's, the control path is not thread-safe: one thread
 * configures ports while no other uses them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_mbuf_ptype.h>

#include "eal_private.h"
#include "ethdev_driver.h"

#define ETHDEV_LOG(level, ...) RTE_LOG(level, PMD, "ethdev: " __VA_ARGS__)
#define ETHDEV_SCAN_MAX 64

struct rte_eth_fp_ops rte_eth_fp_ops[RTE_MAX_ETHPORTS];
int rte_eth_dev_logtype = RTE_LOGTYPE_PMD;

struct rte_eth_dev rte_eth_devices[RTE_MAX_ETHPORTS];
static void *fp_rxq_data[RTE_MAX_ETHPORTS][ETHDEV_MAX_RX_QUEUES];
static void *fp_txq_data[RTE_MAX_ETHPORTS][ETHDEV_MAX_TX_QUEUES];
static bool probed;

static const struct eth_pci_driver *const pci_drivers[] = {
	&i40e_pci_driver,
};

/* ---- probing ------------------------------------------------------------- */

/* Callbacks are kept: they belong to the queue, not to a start. */
static void fp_reset(uint16_t port_id)
{
	struct rte_eth_fp_ops *fp = &rte_eth_fp_ops[port_id];

	memset(fp_rxq_data[port_id], 0, sizeof(fp_rxq_data[port_id]));
	memset(fp_txq_data[port_id], 0, sizeof(fp_txq_data[port_id]));
	memset(fp, 0, sizeof(*fp));
	fp->rxq_data = fp_rxq_data[port_id];
	fp->rxq_clbk = eth_fp_rxq_clbk[port_id];
	fp->txq_data = fp_txq_data[port_id];
	fp->txq_clbk = eth_fp_txq_clbk[port_id];
}

static void probe_one(const struct hal_pci_device *pci)
{
	uint16_t port;

	for (size_t d = 0; d < RTE_DIM(pci_drivers); d++) {
		const struct eth_pci_driver *drv = pci_drivers[d];
		struct rte_eth_dev *dev;
		int ret;

		if (!drv->match(pci->vendor_id, pci->device_id))
			continue;
		for (port = 0; port < RTE_MAX_ETHPORTS && rte_eth_devices[port].attached; port++)
			;
		if (port == RTE_MAX_ETHPORTS) {
			ETHDEV_LOG(ERR, "no free port for another device\n");
			return;
		}
		dev = &rte_eth_devices[port];
		memset(dev, 0, sizeof(*dev));
		dev->port_id = port;
		dev->pci = *pci;
		dev->socket_id = pci->numa_node < 0 ? 0 : pci->numa_node;
		snprintf(dev->name, sizeof(dev->name), "%04x:%02x:%02x.%x", pci->addr.domain,
			 pci->addr.bus, pci->addr.devid, pci->addr.function);
		ret = drv->probe(dev);
		if (ret != 0) {
			ETHDEV_LOG(ERR, "%s: %s probe failed (%d)\n", dev->name, drv->name, ret);
			memset(dev, 0, sizeof(*dev));
			continue;
		}
		dev->attached = true;
		dev->mtu = RTE_ETHER_MTU;
		/* As DPDK: neither promiscuous nor all-multicast until the
		 * application asks; the driver's probe left its filters so. */
		fp_reset(port);
		eth_dev_event_notify(port, RTE_ETH_EVENT_NEW, NULL);
		ETHDEV_LOG(DEBUG, "port %u: %s on %s\n", port, drv->name, dev->name);
		return;
	}
}

static void probe_all(void)
{
	struct hal_pci_device found[ETHDEV_SCAN_MAX];
	int n;

	if (probed || !eal_is_initialized())
		return;
	if (internal_config.pci.no_pci) {
		probed = true; /* --no-pci: the bus is not looked at */
		return;
	}
	n = hal_pci_scan(found, ETHDEV_SCAN_MAX);
	if (n < 0) {
		RTE_LOG(ERR, EAL, "PCI scan failed: %s\n", strerror(-n));
		return; /* nothing probed: the next call scans again */
	}
	probed = true;
	for (int i = 0; i < n; i++)
		if (eal_pci_list_allows(&internal_config.pci, &found[i].addr))
			probe_one(&found[i]);
}

struct rte_eth_dev *eth_dev_get(uint16_t port_id)
{
	probe_all();
	if (port_id >= RTE_MAX_ETHPORTS || !rte_eth_devices[port_id].attached)
		return NULL;
	return &rte_eth_devices[port_id];
}

static void port_release(struct rte_eth_dev *dev)
{
	bool any = false;

	eth_dev_event_notify(dev->port_id, RTE_ETH_EVENT_DESTROY, NULL);
	fp_reset(dev->port_id);
	eth_dev_callbacks_release(dev->port_id);
	memset(dev, 0, sizeof(*dev));
	for (int p = 0; p < RTE_MAX_ETHPORTS; p++)
		any |= rte_eth_devices[p].attached;
	/* With every port closed the next call scans the bus again (and so
	 * finds the devices of a re-initialised EAL). */
	if (!any)
		probed = false;
}

void eth_dev_cleanup_all(void)
{
	for (uint16_t p = 0; p < RTE_MAX_ETHPORTS; p++) {
		if (!rte_eth_devices[p].attached)
			continue;
		rte_eth_dev_stop(p);
		rte_eth_dev_close(p);
	}
	probed = false;
}

/* ---- port queries -------------------------------------------------------- */

uint16_t rte_eth_dev_count_avail(void)
{
	uint16_t n = 0;

	probe_all();
	for (int p = 0; p < RTE_MAX_ETHPORTS; p++)
		n += rte_eth_devices[p].attached;
	return n;
}

uint16_t rte_eth_dev_count_total(void)
{
	return rte_eth_dev_count_avail();
}

int rte_eth_dev_is_valid_port(uint16_t port_id)
{
	return eth_dev_get(port_id) != NULL;
}

uint16_t rte_eth_find_next(uint16_t port_id)
{
	probe_all();
	while (port_id < RTE_MAX_ETHPORTS && !rte_eth_devices[port_id].attached)
		port_id++;
	return port_id >= RTE_MAX_ETHPORTS ? RTE_MAX_ETHPORTS : port_id;
}

int rte_eth_dev_socket_id(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	return dev->socket_id;
}

int rte_eth_dev_info_get(uint16_t port_id, struct rte_eth_dev_info *info)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (info == NULL)
		return -EINVAL;
	memset(info, 0, sizeof(*info));
	if (dev == NULL)
		return -ENODEV;
	ret = dev->ops->dev_infos_get(dev, info);
	if (ret != 0)
		return ret;
	info->driver_name = dev->driver_name;
	info->nb_rx_queues = dev->nb_rx_queues;
	info->nb_tx_queues = dev->nb_tx_queues;
	info->dev_flags = &dev->dev_flags;
	info->device = eth_dev_device(dev);
	info->switch_info.domain_id = RTE_ETH_DEV_SWITCH_DOMAIN_ID_INVALID;
	return 0;
}

int rte_eth_macaddr_get(uint16_t port_id, struct rte_ether_addr *mac_addr)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (mac_addr == NULL)
		return -EINVAL;
	rte_ether_addr_copy(&dev->mac_addrs[0], mac_addr);
	return 0;
}

int rte_eth_dev_get_name_by_port(uint16_t port_id, char *name)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (name == NULL)
		return -EINVAL;
	snprintf(name, RTE_ETH_NAME_MAX_LEN, "%s", dev->name);
	return 0;
}

/* ---- configuration ------------------------------------------------------- */

int rte_eth_dev_configure(uint16_t port_id, uint16_t nb_rx_q, uint16_t nb_tx_q,
			  const struct rte_eth_conf *conf)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	struct rte_eth_dev_info info;
	struct rte_eth_conf old_conf;
	uint32_t mtu;
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (conf == NULL)
		return -EINVAL;
	if (dev->started) {
		ETHDEV_LOG(ERR, "port %u: stop it before configuring\n", port_id);
		return -EBUSY;
	}
	ret = rte_eth_dev_info_get(port_id, &info);
	if (ret != 0)
		return ret;
	if (nb_rx_q == 0)
		nb_rx_q = 1;
	if (nb_rx_q > info.max_rx_queues || nb_rx_q > ETHDEV_MAX_RX_QUEUES ||
	    nb_tx_q > info.max_tx_queues)
		return -EINVAL;
	mtu = conf->rxmode.mtu ? conf->rxmode.mtu : RTE_ETHER_MTU;
	if (mtu < info.min_mtu || mtu > info.max_mtu)
		return -EINVAL;
	if ((conf->rxmode.offloads & ~info.rx_offload_capa) != 0)
		return -EINVAL;
	/* As DPDK: only the flow types the driver hashes, and a hash only with RSS. */
	if ((rte_eth_rss_hf_refine(conf->rx_adv_conf.rss_conf.rss_hf) &
	     ~info.flow_type_rss_offloads) != 0)
		return -EINVAL;
	if (!(conf->rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG) &&
	    (conf->rxmode.offloads & RTE_ETH_RX_OFFLOAD_RSS_HASH))
		return -EINVAL;
	if (nb_tx_q > ETHDEV_MAX_TX_QUEUES)
		return -EINVAL;

	old_conf = dev->conf;
	dev->conf = *conf;
	dev->conf.rxmode.mtu = mtu;
	ret = dev->ops->dev_configure(dev);
	if (ret != 0) {
		dev->conf = old_conf;
		return ret;
	}
	/* Queues beyond the new count go away. */
	for (uint16_t q = nb_rx_q; q < ETHDEV_MAX_RX_QUEUES; q++)
		dev->ops->rx_queue_release(dev, q);
	dev->nb_rx_queues = nb_rx_q;
	dev->nb_tx_queues = nb_tx_q;
	dev->mtu = (uint16_t)mtu;
	dev->configured = true;
	return 0;
}

int rte_eth_rx_queue_setup(uint16_t port_id, uint16_t rx_queue_id, uint16_t nb_rx_desc,
			   unsigned int socket_id, const struct rte_eth_rxconf *rx_conf,
			   struct rte_mempool *mp)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	struct rte_eth_dev_info info;
	struct rte_eth_rxconf conf;
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (!dev->configured || rx_queue_id >= dev->nb_rx_queues || mp == NULL)
		return -EINVAL;
	if (dev->started)
		return -EBUSY;
	ret = rte_eth_dev_info_get(port_id, &info);
	if (ret != 0)
		return ret;
	conf = rx_conf != NULL ? *rx_conf : info.default_rxconf;
	if ((conf.offloads & ~info.rx_offload_capa) != 0)
		return -EINVAL;
	if (nb_rx_desc == 0)
		nb_rx_desc = info.default_rxportconf.ring_size != 0 ?
				     info.default_rxportconf.ring_size :
				     RTE_ETH_DEV_FALLBACK_RX_RINGSIZE;
	if (socket_id == (unsigned int)SOCKET_ID_ANY)
		socket_id = (unsigned int)dev->socket_id;
	ret = dev->ops->rx_queue_setup(dev, rx_queue_id, nb_rx_desc, socket_id, &conf, mp);
	if (ret != 0)
		return ret;
	dev->rx_queue_state[rx_queue_id] = RTE_ETH_QUEUE_STATE_STOPPED;
	dev->rx_deferred_start[rx_queue_id] = conf.rx_deferred_start != 0;
	return 0;
}

/* As DPDK: the queue must have been configured before the driver is asked. */
int rte_eth_tx_queue_setup(uint16_t port_id, uint16_t tx_queue_id, uint16_t nb_tx_desc,
			   unsigned int socket_id, const struct rte_eth_txconf *tx_conf)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	struct rte_eth_dev_info info;
	struct rte_eth_txconf conf;
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (tx_queue_id >= dev->nb_tx_queues)
		return -EINVAL;
	if (dev->ops->tx_queue_setup == NULL)
		return -ENOTSUP;
	if (dev->started)
		return -EBUSY;
	ret = rte_eth_dev_info_get(port_id, &info);
	if (ret != 0)
		return ret;
	conf = tx_conf != NULL ? *tx_conf : info.default_txconf;
	if (nb_tx_desc == 0)
		nb_tx_desc = info.default_txportconf.ring_size != 0 ?
				     info.default_txportconf.ring_size :
				     RTE_ETH_DEV_FALLBACK_TX_RINGSIZE;
	if (socket_id == (unsigned int)SOCKET_ID_ANY)
		socket_id = (unsigned int)dev->socket_id;
	ret = dev->ops->tx_queue_setup(dev, tx_queue_id, nb_tx_desc, socket_id, &conf);
	if (ret == 0)
		dev->tx_queue_state[tx_queue_id] = RTE_ETH_QUEUE_STATE_STOPPED;
	return ret;
}

/* ---- start and stop ------------------------------------------------------ */

static void fp_set_queue(struct rte_eth_dev *dev, uint16_t q, bool on)
{
	void *rxq = on ? dev->rx_queues[q] : NULL;

	__atomic_store_n(&fp_rxq_data[dev->port_id][q], rxq, __ATOMIC_RELEASE);
}

int rte_eth_dev_start(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	struct rte_eth_fp_ops *fp;
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (!dev->configured)
		return -EINVAL;
	if (dev->started)
		return 0; /* as DPDK: starting a started port is not an error */
	for (uint16_t q = 0; q < dev->nb_rx_queues; q++) {
		if (dev->rx_queues[q] == NULL) {
			ETHDEV_LOG(ERR, "port %u: rx queue %u is not set up\n", port_id, q);
			return -EINVAL;
		}
	}
	ret = dev->ops->dev_start(dev);
	if (ret != 0)
		return ret;
	dev->started = true;
	fp = &rte_eth_fp_ops[port_id];
	fp->rxq_data = fp_rxq_data[port_id];
	fp->nb_rx_queues = dev->nb_rx_queues;
	fp->rx_pkt_burst = dev->rx_pkt_burst;
	fp->rx_queue_count = dev->ops->rx_queue_count;
	fp->rx_descriptor_status = dev->ops->rx_descriptor_status;
	for (uint16_t q = 0; q < dev->nb_rx_queues; q++)
		fp_set_queue(dev, q, dev->rx_queue_state[q] == RTE_ETH_QUEUE_STATE_STARTED);
	return 0;
}

int rte_eth_dev_stop(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (!dev->started)
		return 0;
	for (uint16_t q = 0; q < dev->nb_rx_queues; q++)
		fp_set_queue(dev, q, false);
	rte_eth_fp_ops[port_id].rx_pkt_burst = NULL;
	ret = dev->ops->dev_stop(dev);
	dev->started = false;
	return ret;
}

int rte_eth_dev_close(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->started) {
		ETHDEV_LOG(ERR, "port %u: cannot close a started port\n", port_id);
		return -EINVAL;
	}
	dev->ops->dev_close(dev);
	port_release(dev);
	return 0;
}

int rte_eth_dev_rx_queue_start(uint16_t port_id, uint16_t rx_queue_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (!dev->started || rx_queue_id >= dev->nb_rx_queues ||
	    dev->rx_queues[rx_queue_id] == NULL)
		return -EINVAL;
	if (dev->rx_queue_state[rx_queue_id] == RTE_ETH_QUEUE_STATE_STARTED)
		return 0; /* as DPDK */
	ret = dev->ops->rx_queue_start(dev, rx_queue_id);
	if (ret == 0)
		fp_set_queue(dev, rx_queue_id, true);
	return ret;
}

int rte_eth_dev_rx_queue_stop(uint16_t port_id, uint16_t rx_queue_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (!dev->configured || rx_queue_id >= dev->nb_rx_queues ||
	    dev->rx_queues[rx_queue_id] == NULL)
		return -EINVAL;
	if (dev->rx_queue_state[rx_queue_id] == RTE_ETH_QUEUE_STATE_STOPPED)
		return 0;
	fp_set_queue(dev, rx_queue_id, false);
	return dev->ops->rx_queue_stop(dev, rx_queue_id);
}
