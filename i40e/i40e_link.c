/* SPDX-License-Identifier: BSD-3-Clause
 * i40e link status as DPDK's i40e gets it: not told to wait
 * (rte_eth_link_get_nowait), from the MAC's link status register; told to
 * wait (rte_eth_link_get), or when the application asked for link status
 * interrupts (intr_conf.lsc), from firmware with the get_link_status admin
 * command, asked again every 100 ms for up to 1 s while the link is down.
 *
 * With intr_conf.lsc the command also asks firmware for link status
 * events on the admin receive queue. DPDK takes them in its interrupt
 * thread; this driver has none, so it takes them whenever link status is
 * asked for and then calls the application's RTE_ETH_EVENT_INTR_LSC
 * callbacks, once per call that found an event.
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

static uint32_t aq_speed(uint8_t speed)
{
	switch (speed) {
	case I40E_AQ_LINK_SPEED_100MB: return RTE_ETH_SPEED_NUM_100M;
	case I40E_AQ_LINK_SPEED_1GB: return RTE_ETH_SPEED_NUM_1G;
	case I40E_AQ_LINK_SPEED_10GB: return RTE_ETH_SPEED_NUM_10G;
	case I40E_AQ_LINK_SPEED_20GB: return RTE_ETH_SPEED_NUM_20G;
	case I40E_AQ_LINK_SPEED_25GB: return RTE_ETH_SPEED_NUM_25G;
	case I40E_AQ_LINK_SPEED_40GB: return RTE_ETH_SPEED_NUM_40G;
	default: return RTE_ETH_SPEED_NUM_UNKNOWN;
	}
}

/* Up, and its speed, from firmware; 0 or -errno. */
static int link_from_aq(struct i40e_adapter *ad, bool lse, bool wait, bool *up, uint32_t *speed)
{
	struct i40e_aq_link l;
	int err;

	for (int i = 0;; i++) {
		err = i40e_aq_get_link_status(ad, lse, &l);
		if (err != 0 || l.up || !wait || i == I40E_LINK_WAIT_POLLS)
			break;
		rte_delay_ms(100);
	}
	if (err != 0)
		return err;
	*up = l.up;
	*speed = aq_speed(l.speed);
	return 0;
}

/* Take every event firmware has posted; true if one was a link change. */
static bool link_events(struct i40e_adapter *ad)
{
	struct i40e_aq_desc ev;
	bool link = false;

	while (i40e_aq_next_event(ad, &ev) == 1) {
		if (rte_le_to_cpu_16(ev.opcode) == I40E_AQC_OPC_GET_LINK_STATUS)
			link = true;
		else
			PMD_LOG(DEBUG, "admin receive queue: event %#x ignored\n",
				rte_le_to_cpu_16(ev.opcode));
	}
	return link;
}

int i40e_dev_link_update(struct rte_eth_dev *dev, int wait_to_complete)
{
	struct i40e_adapter *ad = dev->dev_private;
	const bool lse = dev->conf.intr_conf.lsc != 0;
	const bool changed = link_events(ad);
	struct rte_eth_link link;
	uint32_t speed = 0;
	bool up;

	if (wait_to_complete || lse) {
		int err = link_from_aq(ad, lse, wait_to_complete, &up, &speed);

		if (err != 0)
			return err;
	} else {
		uint32_t sta = i40e_read_reg(ad, I40E_PRTMAC_LINKSTA);

		up = (sta & I40E_PRTMAC_LINKSTA_UP) == I40E_PRTMAC_LINKSTA_UP;
		if (up)
			speed = link_speed(ad, sta);
	}
	memset(&link, 0, sizeof(link));
	link.link_duplex = RTE_ETH_LINK_FULL_DUPLEX; /* the X710 has no half duplex */
	link.link_autoneg = !(dev->conf.link_speeds & RTE_ETH_LINK_SPEED_FIXED);
	if (up) {
		link.link_status = RTE_ETH_LINK_UP;
		link.link_speed = speed;
	}
	dev->link = link;
	if (changed && lse)
		eth_dev_event_notify(dev->port_id, RTE_ETH_EVENT_INTR_LSC, NULL);
	return 0;
}
