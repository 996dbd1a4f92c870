/* SPDX-License-Identifier: BSD-3-Clause
 * ethdev: ports, their configuration and life cycle (probe, configure,
 * queue setup, start, stop, close), statistics. The receive fast path is
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
#define ETHDEV_DEFAULT_RX_RING 512

struct rte_eth_fp_ops rte_eth_fp_ops[RTE_MAX_ETHPORTS];

struct rte_eth_dev rte_eth_devices[RTE_MAX_ETHPORTS];
static void *fp_rxq_data[RTE_MAX_ETHPORTS][ETHDEV_MAX_RX_QUEUES];
static bool probed;

static const struct eth_pci_driver *const pci_drivers[] = {
	&i40e_pci_driver,
};

/* ---- probing ------------------------------------------------------------- */

static void fp_reset(uint16_t port_id)
{
	memset(fp_rxq_data[port_id], 0, sizeof(fp_rxq_data[port_id]));
	rte_eth_fp_ops[port_id].rx_pkt_burst = NULL;
	rte_eth_fp_ops[port_id].nb_rx_queues = 0;
	rte_eth_fp_ops[port_id].rxq_data = fp_rxq_data[port_id];
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
		fp_reset(port);
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
	n = hal_pci_scan(found, ETHDEV_SCAN_MAX);
	if (n < 0) {
		RTE_LOG(ERR, EAL, "PCI scan failed: %s\n", strerror(-n));
		return; /* nothing probed: the next call scans again */
	}
	probed = true;
	for (int i = 0; i < n; i++)
		probe_one(&found[i]);
}

static struct rte_eth_dev *port_get(uint16_t port_id)
{
	probe_all();
	if (port_id >= RTE_MAX_ETHPORTS || !rte_eth_devices[port_id].attached)
		return NULL;
	return &rte_eth_devices[port_id];
}

static void port_release(struct rte_eth_dev *dev)
{
	bool any = false;

	fp_reset(dev->port_id);
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
	return port_get(port_id) != NULL;
}

uint64_t rte_eth_find_next(uint16_t port_id)
{
	probe_all();
	while (port_id < RTE_MAX_ETHPORTS && !rte_eth_devices[port_id].attached)
		port_id++;
	return port_id >= RTE_MAX_ETHPORTS ? RTE_MAX_ETHPORTS : port_id;
}

uint64_t rte_eth_find_next_owned_by(uint16_t port_id, const uint64_t owner_id)
{
	/* Port ownership is not implemented: every port is ownerless. */
	if (owner_id != RTE_ETH_DEV_NO_OWNER)
		return RTE_MAX_ETHPORTS;
	return rte_eth_find_next(port_id);
}

int rte_eth_dev_socket_id(uint16_t port_id)
{
	struct rte_eth_dev *dev = port_get(port_id);

	if (dev == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	return dev->socket_id;
}

int rte_eth_dev_info_get(uint16_t port_id, struct rte_eth_dev_info *info)
{
	struct rte_eth_dev *dev = port_get(port_id);
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
	return 0;
}

int rte_eth_macaddr_get(uint16_t port_id, struct rte_ether_addr *mac_addr)
{
	struct rte_eth_dev *dev = port_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (mac_addr == NULL)
		return -EINVAL;
	rte_ether_addr_copy(&dev->mac_addr, mac_addr);
	return 0;
}

int rte_eth_dev_get_name_by_port(uint16_t port_id, char *name)
{
	struct rte_eth_dev *dev = port_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (name == NULL)
		return -EINVAL;
	snprintf(name, RTE_ETH_NAME_MAX_LEN, "%s", dev->name);
	return 0;
}

int rte_eth_promiscuous_enable(uint16_t port_id)
{
	/* The driver sets up no address filter: the port already sees every frame. */
	return port_get(port_id) == NULL ? -ENODEV : 0;
}

int rte_eth_promiscuous_get(uint16_t port_id)
{
	return port_get(port_id) == NULL ? -1 : 1;
}

/* ---- configuration ------------------------------------------------------- */

int rte_eth_dev_configure(uint16_t port_id, uint16_t nb_rx_q, uint16_t nb_tx_q,
			  const struct rte_eth_conf *conf)
{
	struct rte_eth_dev *dev = port_get(port_id);
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
	dev->configured = true;
	return 0;
}

int rte_eth_rx_queue_setup(uint16_t port_id, uint16_t rx_queue_id, uint16_t nb_rx_desc,
			   unsigned int socket_id, const struct rte_eth_rxconf *rx_conf,
			   struct rte_mempool *mp)
{
	struct rte_eth_dev *dev = port_get(port_id);
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
		nb_rx_desc = ETHDEV_DEFAULT_RX_RING;
	if (socket_id == (unsigned int)SOCKET_ID_ANY)
		socket_id = (unsigned int)dev->socket_id;
	ret = dev->ops->rx_queue_setup(dev, rx_queue_id, nb_rx_desc, socket_id, &conf, mp);
	if (ret != 0)
		return ret;
	dev->rx_queue_state[rx_queue_id] = RTE_ETH_QUEUE_STATE_STOPPED;
	dev->rx_deferred_start[rx_queue_id] = conf.rx_deferred_start != 0;
	return 0;
}

int rte_eth_tx_queue_setup(uint16_t port_id, uint16_t tx_queue_id, uint16_t nb_tx_desc,
			   unsigned int socket_id, const struct rte_eth_txconf *tx_conf)
{
	RTE_SET_USED(tx_queue_id);
	RTE_SET_USED(nb_tx_desc);
	RTE_SET_USED(socket_id);
	RTE_SET_USED(tx_conf);
	return port_get(port_id) == NULL ? -ENODEV : -ENOTSUP;
}

/* ---- start and stop ------------------------------------------------------ */

static void fp_set_queue(struct rte_eth_dev *dev, uint16_t q, bool on)
{
	void *rxq = on ? dev->rx_queues[q] : NULL;

	__atomic_store_n(&fp_rxq_data[dev->port_id][q], rxq, __ATOMIC_RELEASE);
}

int rte_eth_dev_start(uint16_t port_id)
{
	struct rte_eth_dev *dev = port_get(port_id);
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
	for (uint16_t q = 0; q < dev->nb_rx_queues; q++)
		fp_set_queue(dev, q, dev->rx_queue_state[q] == RTE_ETH_QUEUE_STATE_STARTED);
	return 0;
}

int rte_eth_dev_stop(uint16_t port_id)
{
	struct rte_eth_dev *dev = port_get(port_id);
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
	struct rte_eth_dev *dev = port_get(port_id);

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
	struct rte_eth_dev *dev = port_get(port_id);
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
	struct rte_eth_dev *dev = port_get(port_id);

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

/* As DPDK: the port's driver names the function, after the checks. */
int rte_eth_rx_burst_mode_get(uint16_t port_id, uint16_t queue_id,
			      struct rte_eth_burst_mode *mode)
{
	struct rte_eth_dev *dev = port_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (queue_id >= dev->nb_rx_queues || mode == NULL)
		return -EINVAL;
	if (dev->ops->rx_burst_mode_get == NULL)
		return -ENOTSUP;
	memset(mode, 0, sizeof(*mode));
	return dev->ops->rx_burst_mode_get(dev, queue_id, mode);
}

int rte_eth_dev_get_supported_ptypes(uint16_t port_id, uint32_t ptype_mask, uint32_t *ptypes,
				     int num)
{
	struct rte_eth_dev *dev = port_get(port_id);
	const uint32_t *all;
	int n = 0;

	if (dev == NULL)
		return -ENODEV;
	if (ptypes == NULL && num > 0)
		return -EINVAL;
	if (dev->ops->dev_supported_ptypes_get == NULL)
		return 0;
	all = dev->ops->dev_supported_ptypes_get(dev);
	if (all == NULL)
		return 0;
	/* As DPDK: count every match, write as many as fit. */
	for (const uint32_t *p = all; *p != RTE_PTYPE_UNKNOWN; p++) {
		if ((*p & ptype_mask) == 0)
			continue;
		if (n < num)
			ptypes[n] = *p;
		n++;
	}
	return n;
}

/* ---- statistics ---------------------------------------------------------- */

int rte_eth_stats_get(uint16_t port_id, struct rte_eth_stats *stats)
{
	struct rte_eth_dev *dev = port_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (stats == NULL)
		return -EINVAL;
	memset(stats, 0, sizeof(*stats));
	return dev->ops->stats_get(dev, stats);
}

int rte_eth_stats_reset(uint16_t port_id)
{
	struct rte_eth_dev *dev = port_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	return dev->ops->stats_reset(dev);
}
