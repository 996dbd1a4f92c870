/* SPDX-License-Identifier: BSD-3-Clause
 * i40e link status, from the MAC's link status register (as DPDK's i40e
 * does when it is not told to wait; asked to wait, DPDK's asks firmware
 * over the admin queue, which this driver does not, so it polls the same
 * register for as long: up to 1 s while the link is down).
 */
#include <string.h>

#include <rte_cycles.h>

#include "i40e_ethdev.h"
#include "i40e_regs.h"

#define I40E_LINK_WAIT_POLLS 10    /* times 100 ms */

static uint32_t link_speed(struct i40e_adapter *ad, uint32_t sta)
{
	switch ((sta & I40E_PRTMAC_LINKSTA_SPEED_MASK) >> I40E_PRTMAC_LINKSTA_SPEED_SHIFT) {
	case I40E_LINK_SPEED_100M: return RTE_ETH_SPEED_NUM_100M;
	case I40E_LINK_SPEED_1G: return RTE_ETH_SPEED_NUM_1G;
	case I40E_LINK_SPEED_10G: return RTE_ETH_SPEED_NUM_10G;
	case I40E_LINK_SPEED_40G:
		return i40e_read_reg(ad, I40E_PRTMAC_MACC) & I40E_PRTMAC_MACC_25GB
			       ? RTE_ETH_SPEED_NUM_25G
			       : RTE_ETH_SPEED_NUM_40G;
	case I40E_LINK_SPEED_20G: return RTE_ETH_SPEED_NUM_20G;
	default: return RTE_ETH_SPEED_NUM_UNKNOWN;
	}
}

int i40e_dev_link_update(struct rte_eth_dev *dev, int wait_to_complete)
{
	struct i40e_adapter *ad = dev->dev_private;
	struct rte_eth_link link;
	uint32_t sta = i40e_read_reg(ad, I40E_PRTMAC_LINKSTA);

	for (int i = 0; wait_to_complete && i < I40E_LINK_WAIT_POLLS; i++) {
		if ((sta & I40E_PRTMAC_LINKSTA_UP) == I40E_PRTMAC_LINKSTA_UP)
			break;
		rte_delay_ms(100);
		sta = i40e_read_reg(ad, I40E_PRTMAC_LINKSTA);
	}
	memset(&link, 0, sizeof(link));
	link.link_duplex = RTE_ETH_LINK_FULL_DUPLEX; /* the X710 has no half duplex */
	link.link_autoneg = !(dev->conf.link_speeds & RTE_ETH_LINK_SPEED_FIXED);
	if ((sta & I40E_PRTMAC_LINKSTA_UP) == I40E_PRTMAC_LINKSTA_UP) {
		link.link_status = RTE_ETH_LINK_UP;
		link.link_speed = link_speed(ad, sta);
	}
	dev->link = link;
	return 0;
}
