/* SPDX-License-Identifier: BSD-3-Clause
 * i40e receive filters: the port's MAC addresses (perfect filters on the
 * main VSI) and its promiscuous and all-multicast modes (the VSI's
 * promiscuous flags), both set through the admin queue as DPDK 22.11's
 * i40e sets them. ethdev keeps the address table and the mode flags and
 * changes them only when the driver returns 0.
 */
#include <errno.h>

#include "i40e_ethdev.h"

static int set_promisc(struct rte_eth_dev *dev, uint16_t flags, uint16_t valid)
{
	struct i40e_adapter *ad = dev->dev_private;

	return i40e_aq_set_vsi_promisc(ad, ad->main_vsi_seid, flags, valid);
}

/* Unicast and multicast together, as DPDK: a promiscuous port takes
 * every frame. */
int i40e_dev_promiscuous_enable(struct rte_eth_dev *dev)
{
	const uint16_t both = I40E_AQC_SET_VSI_PROMISC_UNICAST | I40E_AQC_SET_VSI_PROMISC_MULTICAST;

	return set_promisc(dev, both, both);
}

/* Multicast stays on if all-multicast is. */
int i40e_dev_promiscuous_disable(struct rte_eth_dev *dev)
{
	uint16_t valid = I40E_AQC_SET_VSI_PROMISC_UNICAST;

	if (!dev->all_multicast)
		valid |= I40E_AQC_SET_VSI_PROMISC_MULTICAST;
	return set_promisc(dev, 0, valid);
}

int i40e_dev_allmulticast_enable(struct rte_eth_dev *dev)
{
	return set_promisc(dev, I40E_AQC_SET_VSI_PROMISC_MULTICAST,
			   I40E_AQC_SET_VSI_PROMISC_MULTICAST);
}

/* A promiscuous port keeps taking multicast frames. */
int i40e_dev_allmulticast_disable(struct rte_eth_dev *dev)
{
	if (dev->promiscuous)
		return 0;
	return set_promisc(dev, 0, I40E_AQC_SET_VSI_PROMISC_MULTICAST);
}

/* pool: VMDq is not offered, so every address goes to the main VSI. */
int i40e_dev_mac_addr_add(struct rte_eth_dev *dev, struct rte_ether_addr *addr, uint32_t index,
			  uint32_t pool)
{
	struct i40e_adapter *ad = dev->dev_private;

	(void)index;
	if (pool != 0)
		return -ENOTSUP;
	return i40e_aq_add_macvlan(ad, ad->main_vsi_seid, addr->addr_bytes);
}

void i40e_dev_mac_addr_remove(struct rte_eth_dev *dev, uint32_t index)
{
	struct i40e_adapter *ad = dev->dev_private;
	int err = i40e_aq_remove_macvlan(ad, ad->main_vsi_seid, dev->mac_addrs[index].addr_bytes);

	if (err != 0)
		PMD_LOG(ERR, "port %u: removing MAC filter %u failed (%d)\n", dev->port_id, index,
			err);
}

/* The default address: the new filter first, so the port is never
 * without one; then the old one goes. */
int i40e_dev_mac_addr_set(struct rte_eth_dev *dev, struct rte_ether_addr *addr)
{
	struct i40e_adapter *ad = dev->dev_private;
	int err;

	if (rte_is_same_ether_addr(addr, &dev->mac_addrs[0]))
		return 0;
	err = i40e_aq_add_macvlan(ad, ad->main_vsi_seid, addr->addr_bytes);
	if (err != 0)
		return err;
	err = i40e_aq_remove_macvlan(ad, ad->main_vsi_seid, dev->mac_addrs[0].addr_bytes);
	if (err != 0 && err != -ENOENT) {
		i40e_aq_remove_macvlan(ad, ad->main_vsi_seid, addr->addr_bytes);
		return err;
	}
	return 0;
}
