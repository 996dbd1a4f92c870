/* SPDX-License-Identifier: BSD-3-Clause
 * ethdev receive filters: promiscuous and all-multicast modes, MAC
 * addresses, VLAN filtering and offloads, UDP tunnel ports, rate limits
 * (RSS is in ethdev_rss.c). ethdev keeps the state
 * DPDK keeps (modes, the address table, VLAN bitmap, offload bits) and
 * changes it only once the driver has accepted the change.
 */
#include <errno.h>
#include <string.h>

#include <rte_ethdev.h>

#include "ethdev_driver.h"

/* ---- promiscuous and all-multicast ---------------------------------------- */

/* Sets *mode to on through op; as DPDK, no change asks nothing of the driver. */
static int set_mode(struct rte_eth_dev *dev, uint8_t *mode, int (*op)(struct rte_eth_dev *),
		    uint8_t on)
{
	int ret;

	if (*mode == on)
		return 0;
	if (op == NULL)
		return -ENOTSUP;
	ret = op(dev);
	if (ret == 0)
		*mode = on;
	return ret;
}

int rte_eth_promiscuous_enable(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	return set_mode(dev, &dev->promiscuous, dev->ops->promiscuous_enable, 1);
}

int rte_eth_promiscuous_disable(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	return set_mode(dev, &dev->promiscuous, dev->ops->promiscuous_disable, 0);
}

/* 1, 0, or -1 for a port that is not there (the documented value). */
int rte_eth_promiscuous_get(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	return dev == NULL ? -1 : dev->promiscuous;
}

int rte_eth_allmulticast_enable(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	return set_mode(dev, &dev->all_multicast, dev->ops->allmulticast_enable, 1);
}

int rte_eth_allmulticast_disable(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	return set_mode(dev, &dev->all_multicast, dev->ops->allmulticast_disable, 0);
}

int rte_eth_allmulticast_get(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	return dev == NULL ? -1 : dev->all_multicast;
}

/* ---- MAC addresses ----------------------------------------------------------- */

static uint32_t max_mac_addrs(uint16_t port_id)
{
	struct rte_eth_dev_info info;

	if (rte_eth_dev_info_get(port_id, &info) != 0)
		return 1;
	return RTE_MIN(RTE_MAX(info.max_mac_addrs, 1u), (uint32_t)ETHDEV_MAX_MAC_ADDRS);
}

/* The slot holding addr, or -1. */
static int mac_index(const struct rte_eth_dev *dev, uint32_t n, const struct rte_ether_addr *addr)
{
	for (uint32_t i = 0; i < n; i++) {
		if (rte_is_same_ether_addr(&dev->mac_addrs[i], addr))
			return (int)i;
	}
	return -1;
}

int rte_eth_macaddrs_get(uint16_t port_id, struct rte_ether_addr *ma, unsigned int num)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (ma == NULL || num == 0)
		return -EINVAL;
	num = RTE_MIN(num, max_mac_addrs(port_id));
	memcpy(ma, dev->mac_addrs, num * sizeof(*ma));
	return (int)num;
}

int rte_eth_dev_mac_addr_add(uint16_t port_id, struct rte_ether_addr *addr, uint32_t pool)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	static const struct rte_ether_addr zero;
	uint32_t n;
	int index, ret;

	if (dev == NULL)
		return -ENODEV;
	if (addr == NULL)
		return -EINVAL;
	if (dev->ops->mac_addr_add == NULL)
		return -ENOTSUP;
	if (rte_is_zero_ether_addr(addr) || pool >= RTE_ETH_64_POOLS)
		return -EINVAL;
	n = max_mac_addrs(port_id);
	index = mac_index(dev, n, addr);
	if (index >= 0 && (dev->mac_pool_sel[index] & RTE_BIT64(pool)))
		return 0; /* already there, in that pool */
	if (index < 0) {
		index = mac_index(dev, n, &zero);
		if (index < 0)
			return -ENOSPC;
	}
	ret = dev->ops->mac_addr_add(dev, addr, (uint32_t)index, pool);
	if (ret != 0)
		return ret;
	rte_ether_addr_copy(addr, &dev->mac_addrs[index]);
	dev->mac_pool_sel[index] |= RTE_BIT64(pool);
	return 0;
}

int rte_eth_dev_mac_addr_remove(uint16_t port_id, struct rte_ether_addr *addr)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int index;

	if (dev == NULL)
		return -ENODEV;
	if (addr == NULL)
		return -EINVAL;
	if (dev->ops->mac_addr_remove == NULL)
		return -ENOTSUP;
	index = mac_index(dev, max_mac_addrs(port_id), addr);
	if (index == 0)
		return -EADDRINUSE; /* the default address stays */
	if (index < 0)
		return 0;
	dev->ops->mac_addr_remove(dev, (uint32_t)index);
	memset(&dev->mac_addrs[index], 0, sizeof(dev->mac_addrs[index]));
	dev->mac_pool_sel[index] = 0;
	return 0;
}

int rte_eth_dev_default_mac_addr_set(uint16_t port_id, struct rte_ether_addr *addr)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (addr == NULL || !rte_is_valid_assigned_ether_addr(addr))
		return -EINVAL;
	if (dev->ops->mac_addr_set == NULL)
		return -ENOTSUP;
	/* One address, one slot: it may not also be a secondary one. */
	if (mac_index(dev, max_mac_addrs(port_id), addr) > 0)
		return -EEXIST;
	ret = dev->ops->mac_addr_set(dev, addr);
	if (ret == 0)
		rte_ether_addr_copy(addr, &dev->mac_addrs[0]);
	return ret;
}

int rte_eth_dev_set_mc_addr_list(uint16_t port_id, struct rte_ether_addr *mc_addr_set,
				 uint32_t nb_mc_addr)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (mc_addr_set == NULL && nb_mc_addr != 0)
		return -EINVAL;
	if (dev->ops->set_mc_addr_list == NULL)
		return -ENOTSUP;
	return dev->ops->set_mc_addr_list(dev, mc_addr_set, nb_mc_addr);
}

int rte_eth_dev_uc_hash_table_set(uint16_t port_id, struct rte_ether_addr *addr, uint8_t on)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (addr == NULL || rte_is_zero_ether_addr(addr))
		return -EINVAL;
	if (dev->ops->uc_hash_table_set == NULL)
		return -ENOTSUP;
	return dev->ops->uc_hash_table_set(dev, addr, on);
}

int rte_eth_dev_uc_all_hash_table_set(uint16_t port_id, uint8_t on)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->uc_all_hash_table_set == NULL)
		return -ENOTSUP;
	return dev->ops->uc_all_hash_table_set(dev, on);
}

/* ---- VLAN ----------------------------------------------------------------------- */

int rte_eth_dev_vlan_filter(uint16_t port_id, uint16_t vlan_id, int on)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	uint64_t *word, bit;
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (!(dev->conf.rxmode.offloads & RTE_ETH_RX_OFFLOAD_VLAN_FILTER))
		return -ENOSYS; /* as DPDK: filtering was not asked for at configure */
	if (vlan_id > RTE_ETH_VLAN_ID_MAX)
		return -EINVAL;
	if (dev->ops->vlan_filter_set == NULL)
		return -ENOTSUP;
	ret = dev->ops->vlan_filter_set(dev, vlan_id, on);
	if (ret != 0)
		return ret;
	word = &dev->vlan_filter_conf.ids[vlan_id / 64];
	bit = RTE_BIT64(vlan_id % 64);
	*word = on ? *word | bit : *word & ~bit;
	return 0;
}

int rte_eth_dev_set_vlan_strip_on_queue(uint16_t port_id, uint16_t rx_queue_id, int on)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (rx_queue_id >= dev->nb_rx_queues)
		return -EINVAL;
	if (dev->ops->vlan_strip_queue_set == NULL)
		return -ENOTSUP;
	dev->ops->vlan_strip_queue_set(dev, rx_queue_id, on);
	return 0;
}

int rte_eth_dev_set_vlan_ether_type(uint16_t port_id, enum rte_vlan_type vlan_type,
				    uint16_t tag_type)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->vlan_tpid_set == NULL)
		return -ENOTSUP;
	return dev->ops->vlan_tpid_set(dev, vlan_type, tag_type);
}

/* Each RTE_ETH_*_OFFLOAD bit of the VLAN calls and its rx offload. */
static const struct {
	int mask;
	uint64_t offload;
} vlan_offloads[] = {
	{ RTE_ETH_VLAN_STRIP_OFFLOAD, RTE_ETH_RX_OFFLOAD_VLAN_STRIP },
	{ RTE_ETH_VLAN_FILTER_OFFLOAD, RTE_ETH_RX_OFFLOAD_VLAN_FILTER },
	{ RTE_ETH_VLAN_EXTEND_OFFLOAD, RTE_ETH_RX_OFFLOAD_VLAN_EXTEND },
	{ RTE_ETH_QINQ_STRIP_OFFLOAD, RTE_ETH_RX_OFFLOAD_QINQ_STRIP },
};

/*
 * offload_mask says which of the four is on; the driver is told which
 * changed. The port's rx offloads change with it, and back if the driver
 * refuses.
 */
int rte_eth_dev_set_vlan_offload(uint16_t port_id, int offload_mask)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	struct rte_eth_dev_info info;
	uint64_t old, wanted;
	int changed = 0, ret;

	if (dev == NULL)
		return -ENODEV;
	old = dev->conf.rxmode.offloads;
	wanted = old;
	for (size_t i = 0; i < RTE_DIM(vlan_offloads); i++) {
		bool on = (offload_mask & vlan_offloads[i].mask) != 0;

		if (on == ((old & vlan_offloads[i].offload) != 0))
			continue;
		changed |= vlan_offloads[i].mask;
		wanted ^= vlan_offloads[i].offload;
	}
	if (changed == 0)
		return 0;
	ret = rte_eth_dev_info_get(port_id, &info);
	if (ret != 0)
		return ret;
	if ((wanted & ~info.rx_offload_capa) != 0)
		return -EINVAL;
	if (dev->ops->vlan_offload_set == NULL)
		return -ENOTSUP;
	dev->conf.rxmode.offloads = wanted;
	ret = dev->ops->vlan_offload_set(dev, changed);
	if (ret != 0)
		dev->conf.rxmode.offloads = old;
	return ret;
}

int rte_eth_dev_get_vlan_offload(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int mask = 0;

	if (dev == NULL)
		return -ENODEV;
	for (size_t i = 0; i < RTE_DIM(vlan_offloads); i++) {
		if (dev->conf.rxmode.offloads & vlan_offloads[i].offload)
			mask |= vlan_offloads[i].mask;
	}
	return mask;
}

int rte_eth_dev_set_vlan_pvid(uint16_t port_id, uint16_t pvid, int on)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->vlan_pvid_set == NULL)
		return -ENOTSUP;
	return dev->ops->vlan_pvid_set(dev, pvid, on);
}

/* ---- tunnels, rate limits ------------------------------------------------------------- */

int rte_eth_dev_udp_tunnel_port_add(uint16_t port_id, struct rte_eth_udp_tunnel *tunnel_udp)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (tunnel_udp == NULL || tunnel_udp->prot_type >= RTE_ETH_TUNNEL_TYPE_MAX)
		return -EINVAL;
	if (dev->ops->udp_tunnel_port_add == NULL)
		return -ENOTSUP;
	return dev->ops->udp_tunnel_port_add(dev, tunnel_udp);
}

int rte_eth_dev_udp_tunnel_port_delete(uint16_t port_id, struct rte_eth_udp_tunnel *tunnel_udp)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (tunnel_udp == NULL || tunnel_udp->prot_type >= RTE_ETH_TUNNEL_TYPE_MAX)
		return -EINVAL;
	if (dev->ops->udp_tunnel_port_del == NULL)
		return -ENOTSUP;
	return dev->ops->udp_tunnel_port_del(dev, tunnel_udp);
}

/* A transmit-side limit, checked against the link's speed as DPDK does. */
int rte_eth_set_queue_rate_limit(uint16_t port_id, uint16_t queue_idx, uint32_t tx_rate)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	struct rte_eth_link link;
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->set_queue_rate_limit == NULL)
		return -ENOTSUP;
	if (queue_idx >= dev->nb_tx_queues)
		return -EINVAL;
	ret = rte_eth_link_get_nowait(port_id, &link);
	if (ret != 0)
		return ret;
	if (tx_rate > link.link_speed)
		return -EINVAL;
	return dev->ops->set_queue_rate_limit(dev, queue_idx, tx_rate);
}
