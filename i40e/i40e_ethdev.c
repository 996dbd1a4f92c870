/* SPDX-License-Identifier: BSD-3-Clause
 * i40e poll-mode driver, device level: PCI match and probe (BAR0, PF
 * reset, admin queue bring-up), configure, start/stop (RSS, VLAN mode,
 * queues), statistics, close; the operations table. RSS is in
 * i40e_rss.c, MAC filters and promiscuous modes in i40e_filter.c, queue
 * and firmware queries in i40e_queue_info.c, link status in i40e_link.c.
 * The receive queues are in i40e_rx.c, the receive paths in i40e_rx*.c;
 * the admin queue and its commands in i40e_adminq.c and i40e_aq_cmds.c.
 *
 * The PF's queues come from PFLAN_QALLOC, its LAN HMC is set up in
 * i40e_hmc.c. What a full driver also does and this one does not:
 * interrupts, transmit; see docs/real-x710.md for what that means on real
 * hardware.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_log.h>
#include <rte_malloc.h>

#include "eal_dma_map.h"
#include "i40e_ethdev.h"
#include "i40e_regs.h"

#define I40E_PF_RESET_POLLS 200 /* times 1 ms */

static bool i40e_match(uint16_t vendor_id, uint16_t device_id)
{
	if (vendor_id != I40E_VENDOR_ID)
		return false;
	switch (device_id) {
	case I40E_DEV_ID_SFP_XL710:
	case I40E_DEV_ID_QSFP_A:
	case I40E_DEV_ID_QSFP_B:
	case I40E_DEV_ID_10G_BASE_T:
		return true;
	default:
		return false;
	}
}

static int i40e_pf_reset(struct i40e_adapter *ad)
{
	uint32_t reg;

	if (i40e_read_id_reg(ad, I40E_PFGEN_CTRL, &reg) < 0)
		return -EIO; /* writing all ones back would set every bit */
	i40e_write_reg(ad, I40E_PFGEN_CTRL, reg | I40E_PFGEN_CTRL_PFSWR);
	for (int i = 0; i < I40E_PF_RESET_POLLS; i++) {
		if (!(i40e_read_reg(ad, I40E_PFGEN_CTRL) & I40E_PFGEN_CTRL_PFSWR))
			return 0;
		rte_delay_ms(1);
	}
	return -ETIMEDOUT;
}

/* The rx offloads this driver offers; VLAN stripping only where the VSI's
 * VLAN mode can be set (the emulated device). */
#ifdef RTEMEM_HAL_sim
#define I40E_RX_OFFLOADS (RTE_ETH_RX_OFFLOAD_SCATTER | RTE_ETH_RX_OFFLOAD_RSS_HASH | \
			  RTE_ETH_RX_OFFLOAD_KEEP_CRC | RTE_ETH_RX_OFFLOAD_VLAN_STRIP | \
			  RTE_ETH_RX_OFFLOAD_QINQ_STRIP)
#else
#define I40E_RX_OFFLOADS (RTE_ETH_RX_OFFLOAD_SCATTER | RTE_ETH_RX_OFFLOAD_RSS_HASH | \
			  RTE_ETH_RX_OFFLOAD_KEEP_CRC)
#endif

static int i40e_dev_infos_get(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	struct i40e_adapter *ad = dev->dev_private;

	info->driver_name = I40E_DRIVER_NAME;
	info->min_mtu = RTE_ETHER_MIN_MTU;
	info->max_mtu = I40E_FRAME_SIZE_MAX - I40E_ETH_OVERHEAD;
	info->min_rx_bufsize = I40E_MIN_RX_BUFSIZE;
	info->max_rx_pktlen = I40E_FRAME_SIZE_MAX;
	info->max_rx_queues = RTE_MIN(ad->nb_pf_queues, I40E_MAX_RX_QUEUES);
	info->max_tx_queues = info->max_rx_queues; /* accepted by configure; tx is not implemented */
	info->max_mac_addrs = I40E_NUM_MACADDR_MAX;
	info->rx_offload_capa = I40E_RX_OFFLOADS;
	info->rx_queue_offload_capa = 0;
	info->reta_size = I40E_RSS_LUT_SIZE;
	info->hash_key_size = 52;
	info->flow_type_rss_offloads = I40E_RSS_OFFLOADS;
	info->default_rxconf.rx_free_thresh = I40E_DEFAULT_RX_FREE_THRESH;
	info->default_rxconf.rx_thresh.pthresh = 8; /* DPDK's defaults (wthresh 0) */
	info->default_rxconf.rx_thresh.hthresh = 8;
	info->rx_desc_lim.nb_max = I40E_MAX_RING_DESC;
	info->rx_desc_lim.nb_min = I40E_MIN_RING_DESC;
	info->rx_desc_lim.nb_align = I40E_ALIGN_RING_DESC;
	info->rx_desc_lim.nb_seg_max = I40E_MAX_CHAINED_RX_BUFFERS;
	info->speed_capa = ad->device_id == I40E_DEV_ID_SFP_XL710 ||
				   ad->device_id == I40E_DEV_ID_10G_BASE_T ?
			   RTE_ETH_LINK_SPEED_10G : RTE_ETH_LINK_SPEED_40G;
	return 0;
}

static int i40e_dev_configure(struct rte_eth_dev *dev)
{
	const struct rte_eth_rxmode *rx = &dev->conf.rxmode;
	struct i40e_adapter *ad = dev->dev_private;

	if (rx->offloads & ~(uint64_t)I40E_RX_OFFLOADS)
		return -EINVAL;
	if (rx->mq_mode != RTE_ETH_MQ_RX_NONE && rx->mq_mode != RTE_ETH_MQ_RX_RSS)
		return -EINVAL;
	/* As DPDK: the fast paths are allowed again until a queue set up
	 * after this says otherwise. */
	ad->rx_bulk_alloc_allowed = true;
	ad->rx_vec_allowed = true;
	i40e_rss_configure(dev);
	return 0;
}

/*
 * VLAN stripping is a property of the VSI, as in DPDK (which sets it with
 * an admin-queue command): off unless the application asked for it, so
 * frames arrive as they were on the wire by default.
 */
static void i40e_set_vlan_strip(struct rte_eth_dev *dev)
{
#ifdef RTEMEM_HAL_sim
	uint64_t off = dev->conf.rxmode.offloads;
	uint32_t mode = 0;

	if (off & RTE_ETH_RX_OFFLOAD_VLAN_STRIP)
		mode |= I40E_SIM_VSI_VLAN_STRIP;
	if ((off & RTE_ETH_RX_OFFLOAD_VLAN_STRIP) && (off & RTE_ETH_RX_OFFLOAD_QINQ_STRIP))
		mode |= I40E_SIM_VSI_VLAN_QINQ;
	i40e_write_reg(dev->dev_private, I40E_SIM_VSI_VLAN_MODE, mode);
#else
	(void)dev; /* not offered: the admin queue is not implemented */
#endif
}

/* rte_eth_dev_set_vlan_offload has changed the port's rx offloads: only
 * stripping is offered, and it takes effect at once. */
static int i40e_vlan_offload_set(struct rte_eth_dev *dev, int mask)
{
	if (mask & (RTE_ETH_VLAN_STRIP_MASK | RTE_ETH_QINQ_STRIP_MASK))
		i40e_set_vlan_strip(dev);
	return 0;
}

static int i40e_dev_start(struct rte_eth_dev *dev)
{
	struct i40e_adapter *ad = dev->dev_private;
	int err = 0;
	uint16_t q;

	/* The VSI must name the queues RSS spreads over, or the switch
	 * sends every frame to its one default queue. */
	if (dev->nb_rx_queues > 0) {
		err = i40e_aq_update_vsi_queues(ad, ad->main_vsi_seid, 0, dev->nb_rx_queues);
		if (err != 0) {
			PMD_LOG(ERR, "port %u: VSI queue mapping refused (%d)\n", dev->port_id,
				err);
			return err;
		}
	}
	/* As DPDK: with link status interrupts asked for, firmware is told
	 * to post link events from now on. */
	if (dev->conf.intr_conf.lsc != 0)
		i40e_dev_link_update(dev, 0);
	i40e_rss_configure_at_start(dev);
	i40e_set_vlan_strip(dev);
	/* Before the queues fill their rings: how they do depends on it. */
	i40e_set_rx_function(dev);
	for (q = 0; q < dev->nb_rx_queues; q++) {
		/* Deferred-start queues too: DPDK 22.11's i40e starts every
		 * queue here and only logs that one asked to be deferred. */
		const struct i40e_rx_queue *rxq = dev->rx_queues[q];

		if (rxq->deferred_start)
			PMD_LOG(WARNING, "port %u: rx queue %u is deferred start\n", dev->port_id,
				q);
		err = i40e_dev_rx_queue_start(dev, q);
		if (err != 0)
			break;
	}
	if (err == 0)
		return 0;
	PMD_LOG(ERR, "port %u: rx queue %u failed to start (%d)\n", dev->port_id, q, err);
	while (q-- > 0)
		i40e_dev_rx_queue_stop(dev, q);
	return err;
}

static int i40e_dev_stop(struct rte_eth_dev *dev)
{
	int ret = 0;

	for (uint16_t q = 0; q < dev->nb_rx_queues; q++) {
		int err = i40e_dev_rx_queue_stop(dev, q);

		if (err != 0 && ret == 0)
			ret = err;
	}
	return ret;
}

/* The device has stopped DMA (PF reset): its mappings, then its BAR, go. */
static void i40e_unmap_device(struct i40e_adapter *ad)
{
	eal_dma_map_stop();
	hal_pci_unmap_bar(&ad->bar);
}

static void i40e_dev_close(struct rte_eth_dev *dev)
{
	struct i40e_adapter *ad = dev->dev_private;

	for (uint16_t q = 0; q < ETHDEV_MAX_RX_QUEUES; q++)
		i40e_dev_rx_queue_release(dev, q);
	i40e_hmc_shutdown(ad);
	i40e_aq_shutdown(ad);
	i40e_pf_reset(ad);
	i40e_unmap_device(ad);
	rte_free(ad);
	dev->dev_private = NULL;
}

/*
 * GLV_RDPC is a 32-bit counter: add up the differences, so it may wrap. A
 * read of all ones is taken for a failed one (i40e_read_id_reg) and
 * skipped: counted, it would add 4 G discards once the next read is good.
 * At the worst the counter really is there and is counted one call later.
 */
static uint32_t i40e_read_rdpc(const struct i40e_adapter *ad, uint32_t last)
{
	uint32_t now;

	return i40e_read_id_reg(ad, I40E_GLV_RDPC(0), &now) < 0 ? last : now;
}

static void i40e_update_imissed(struct i40e_adapter *ad)
{
	uint32_t now = i40e_read_rdpc(ad, ad->rdpc_last);

	ad->imissed += (uint32_t)(now - ad->rdpc_last);
	ad->rdpc_last = now;
}

static int i40e_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *st)
{
	struct i40e_adapter *ad = dev->dev_private;

	for (uint16_t q = 0; q < dev->nb_rx_queues; q++) {
		struct i40e_rx_queue *rxq = dev->rx_queues[q];

		if (rxq == NULL)
			continue;
		st->ipackets += rxq->packets;
		st->ibytes += rxq->bytes;
		st->ierrors += rxq->errors;
		st->rx_nombuf += rxq->mbuf_alloc_failed;
		if (q < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
			st->q_ipackets[q] = rxq->packets;
			st->q_ibytes[q] = rxq->bytes;
			st->q_errors[q] = rxq->errors;
		}
	}
	i40e_update_imissed(ad);
	st->imissed = ad->imissed;
	return 0;
}

static int i40e_stats_reset(struct rte_eth_dev *dev)
{
	struct i40e_adapter *ad = dev->dev_private;

	for (uint16_t q = 0; q < dev->nb_rx_queues; q++) {
		struct i40e_rx_queue *rxq = dev->rx_queues[q];

		if (rxq == NULL)
			continue;
		rxq->packets = 0;
		rxq->bytes = 0;
		rxq->errors = 0;
		rxq->mbuf_alloc_failed = 0;
	}
	i40e_update_imissed(ad);
	ad->imissed = 0;
	return 0;
}

static const struct eth_dev_ops i40e_eth_dev_ops = {
	.dev_infos_get = i40e_dev_infos_get,
	.dev_configure = i40e_dev_configure,
	.dev_start = i40e_dev_start,
	.dev_stop = i40e_dev_stop,
	.dev_close = i40e_dev_close,
	.rx_queue_setup = i40e_dev_rx_queue_setup,
	.rx_queue_release = i40e_dev_rx_queue_release,
	.rx_queue_start = i40e_dev_rx_queue_start,
	.rx_queue_stop = i40e_dev_rx_queue_stop,
	.stats_get = i40e_stats_get,
	.stats_reset = i40e_stats_reset,
	.rx_burst_mode_get = i40e_rx_burst_mode_get,
	.dev_supported_ptypes_get = i40e_dev_supported_ptypes_get,
	.rxq_info_get = i40e_rxq_info_get,
	.rx_queue_count = i40e_dev_rx_queue_count,
	.rx_descriptor_status = i40e_dev_rx_descriptor_status,
	.fw_version_get = i40e_fw_version_get,
	.link_update = i40e_dev_link_update,
	.vlan_offload_set = i40e_vlan_offload_set,
	.promiscuous_enable = i40e_dev_promiscuous_enable,
	.promiscuous_disable = i40e_dev_promiscuous_disable,
	.allmulticast_enable = i40e_dev_allmulticast_enable,
	.allmulticast_disable = i40e_dev_allmulticast_disable,
	.mac_addr_add = i40e_dev_mac_addr_add,
	.mac_addr_remove = i40e_dev_mac_addr_remove,
	.mac_addr_set = i40e_dev_mac_addr_set,
	.reta_update = i40e_dev_rss_reta_update,
	.reta_query = i40e_dev_rss_reta_query,
	.rss_hash_update = i40e_dev_rss_hash_update,
	.rss_hash_conf_get = i40e_dev_rss_hash_conf_get,
};

/*
 * What DPDK 22.11's i40e does at init after get_version: take the port out
 * of PXE mode, read the LAN MAC address, find the main VSI, replace
 * firmware's default filter for the address with the driver's own and let
 * broadcast frames in. Promiscuous modes stay off, as ethdev reports them.
 */
static int i40e_bring_up(struct i40e_adapter *ad, struct rte_ether_addr *mac)
{
	uint16_t mac_seid;
	int err;

	err = i40e_aq_clear_pxe_mode(ad);
	if (err == 0)
		err = i40e_aq_mac_address_read(ad, mac->addr_bytes);
	if (err == 0)
		err = i40e_aq_get_switch_config(ad, &ad->main_vsi_seid, &mac_seid);
	if (err != 0)
		return err;
	err = i40e_aq_remove_macvlan(ad, ad->main_vsi_seid, mac->addr_bytes);
	if (err != 0 && err != -ENOENT)
		return err;
	err = i40e_aq_add_macvlan(ad, ad->main_vsi_seid, mac->addr_bytes);
	if (err == 0)
		err = i40e_aq_set_vsi_promisc(ad, ad->main_vsi_seid,
					      I40E_AQC_SET_VSI_PROMISC_BROADCAST,
					      I40E_AQC_SET_VSI_PROMISC_BROADCAST);
	return err;
}

/* The PF's queues, as DPDK's base code reads them (i40e_clear_hw). */
static int i40e_read_queue_alloc(struct i40e_adapter *ad)
{
	uint32_t val, first, last;

	if (i40e_read_id_reg(ad, I40E_PFLAN_QALLOC, &val) < 0)
		return -EIO;
	first = (val >> I40E_PFLAN_QALLOC_FIRSTQ_SHIFT) & I40E_PFLAN_QALLOC_FIRSTQ_MASK;
	last = (val >> I40E_PFLAN_QALLOC_LASTQ_SHIFT) & I40E_PFLAN_QALLOC_LASTQ_MASK;
	if (!(val & I40E_PFLAN_QALLOC_VALID) || last < first)
		return -ENODEV;
	ad->base_queue = (uint16_t)first;
	ad->nb_pf_queues = (uint16_t)(last - first + 1);
	return 0;
}

static int i40e_probe(struct rte_eth_dev *dev)
{
	struct i40e_adapter *ad;
	int err;

	ad = rte_zmalloc_socket("i40e adapter", sizeof(*ad), RTE_CACHE_LINE_SIZE, dev->socket_id);
	if (ad == NULL)
		return -ENOMEM;
	err = hal_pci_map_bar(&dev->pci, 0, &ad->bar);
	if (err != 0)
		goto fail;
	/* Before the first DMA (the admin queue): the IOMMU must map memory. */
	err = eal_dma_map_start();
	if (err != 0) {
		PMD_LOG(ERR, "%s: cannot map memory for DMA (%d)\n", dev->name, err);
		hal_pci_unmap_bar(&ad->bar);
		goto fail;
	}
	ad->eth_dev = dev;
	ad->device_id = dev->pci.device_id;
	err = i40e_pf_reset(ad);
	if (err != 0) {
		PMD_LOG(ERR, "%s: PF reset %s\n", dev->name,
			err == -EIO ? "failed: the device does not answer" : "did not complete");
		i40e_unmap_device(ad);
		goto fail;
	}
	err = i40e_read_queue_alloc(ad);
	if (err != 0) {
		PMD_LOG(ERR, "%s: %s (PFLAN_QALLOC)\n", dev->name,
			err == -EIO ? "the device does not answer" : "the PF has no LAN queues");
		i40e_unmap_device(ad);
		goto fail;
	}
	err = i40e_aq_init(ad, dev->port_id);
	if (err != 0) {
		PMD_LOG(ERR, "%s: admin queue set-up failed (%d)\n", dev->name, err);
		i40e_unmap_device(ad);
		goto fail;
	}
	PMD_LOG(INFO, "%s: firmware %u.%u, admin queue API %u.%u\n", dev->name, ad->aq.fw_major,
		ad->aq.fw_minor, ad->aq.api_major, ad->aq.api_minor);
	err = i40e_bring_up(ad, &dev->mac_addrs[0]);
	if (err != 0) {
		PMD_LOG(ERR, "%s: bring-up through the admin queue failed (%d)\n", dev->name, err);
		i40e_aq_shutdown(ad);
		i40e_unmap_device(ad);
		goto fail;
	}
	err = i40e_hmc_init(ad, dev->port_id, dev->socket_id);
	if (err != 0) {
		PMD_LOG(ERR, "%s: LAN HMC set-up failed (%d)\n", dev->name, err);
		i40e_aq_shutdown(ad);
		i40e_pf_reset(ad);
		i40e_unmap_device(ad);
		goto fail;
	}
	PMD_LOG(INFO, "%s: LAN queues %u..%u of the device\n", dev->name, ad->base_queue,
		ad->base_queue + ad->nb_pf_queues - 1u);
	/* The baseline: a failed read is read again once. */
	ad->rdpc_last = i40e_read_rdpc(ad, i40e_read_reg(ad, I40E_GLV_RDPC(0)));
	dev->dev_private = ad;
	dev->ops = &i40e_eth_dev_ops;
	dev->driver_name = I40E_DRIVER_NAME;
	dev->rx_pkt_burst = i40e_recv_pkts;
	/* As DPDK's i40e: ethdev adds the per-queue counters to the xstats;
	 * link status changes can be asked for (intr_conf.lsc; taken when
	 * the link status is, see i40e_link.c). */
	dev->dev_flags = RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS | RTE_ETH_DEV_INTR_LSC;
	ad->rx_path_limit = I40E_RX_PATH_VECTOR_AVX2;
	ad->rx_bulk_alloc_allowed = true;
	ad->rx_vec_allowed = true;
	return 0;
fail:
	rte_free(ad);
	return err;
}

const struct eth_pci_driver i40e_pci_driver = {
	.name = I40E_DRIVER_NAME,
	.match = i40e_match,
	.probe = i40e_probe,
};
