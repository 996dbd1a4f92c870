/* SPDX-License-Identifier: BSD-3-Clause
 * ethdev link: its status and how it is printed, speeds, LEDs, flow
 * control and forward error correction, link up/down and port reset.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_ethdev.h>

#include "ethdev_driver.h"

/* With link-status interrupts on, DPDK reads what the interrupt last left
 * (dev->link); otherwise it asks the driver. rtemem's ports have no
 * interrupts, so the driver is always asked. */
static int link_get(uint16_t port_id, struct rte_eth_link *link, int wait)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (link == NULL)
		return -EINVAL;
	if (dev->ops->link_update == NULL)
		return -ENOTSUP;
	ret = dev->ops->link_update(dev, wait);
	if (ret < 0)
		return ret;
	*link = dev->link;
	return 0;
}

int rte_eth_link_get(uint16_t port_id, struct rte_eth_link *link)
{
	return link_get(port_id, link, 1);
}

int rte_eth_link_get_nowait(uint16_t port_id, struct rte_eth_link *link)
{
	return link_get(port_id, link, 0);
}

const char *rte_eth_link_speed_to_str(uint32_t link_speed)
{
	switch (link_speed) {
	case RTE_ETH_SPEED_NUM_NONE: return "None";
	case RTE_ETH_SPEED_NUM_10M: return "10 Mbps";
	case RTE_ETH_SPEED_NUM_100M: return "100 Mbps";
	case RTE_ETH_SPEED_NUM_1G: return "1 Gbps";
	case RTE_ETH_SPEED_NUM_2_5G: return "2.5 Gbps";
	case RTE_ETH_SPEED_NUM_5G: return "5 Gbps";
	case RTE_ETH_SPEED_NUM_10G: return "10 Gbps";
	case RTE_ETH_SPEED_NUM_20G: return "20 Gbps";
	case RTE_ETH_SPEED_NUM_25G: return "25 Gbps";
	case RTE_ETH_SPEED_NUM_40G: return "40 Gbps";
	case RTE_ETH_SPEED_NUM_50G: return "50 Gbps";
	case RTE_ETH_SPEED_NUM_56G: return "56 Gbps";
	case RTE_ETH_SPEED_NUM_100G: return "100 Gbps";
	case RTE_ETH_SPEED_NUM_200G: return "200 Gbps";
	case RTE_ETH_SPEED_NUM_UNKNOWN: return "Unknown";
	default: return "Invalid";
	}
}

/* "Link down", or "Link up at 10 Gbps FDX Autoneg"; returns what snprintf does. */
int rte_eth_link_to_str(char *str, size_t len, const struct rte_eth_link *eth_link)
{
	if (str == NULL || len == 0 || eth_link == NULL)
		return -EINVAL;
	if (eth_link->link_status == RTE_ETH_LINK_DOWN)
		return snprintf(str, len, "Link down");
	return snprintf(str, len, "Link up at %s %s %s",
			rte_eth_link_speed_to_str(eth_link->link_speed),
			eth_link->link_duplex == RTE_ETH_LINK_FULL_DUPLEX ? "FDX" : "HDX",
			eth_link->link_autoneg == RTE_ETH_LINK_AUTONEG ? "Autoneg" : "Fixed");
}

/* The RTE_ETH_LINK_SPEED_* bit of a speed in Mbit/s; 0 for one that has none. */
uint32_t rte_eth_speed_bitflag(uint32_t speed, int duplex)
{
	switch (speed) {
	case RTE_ETH_SPEED_NUM_10M:
		return duplex ? RTE_ETH_LINK_SPEED_10M : RTE_ETH_LINK_SPEED_10M_HD;
	case RTE_ETH_SPEED_NUM_100M:
		return duplex ? RTE_ETH_LINK_SPEED_100M : RTE_ETH_LINK_SPEED_100M_HD;
	case RTE_ETH_SPEED_NUM_1G: return RTE_ETH_LINK_SPEED_1G;
	case RTE_ETH_SPEED_NUM_2_5G: return RTE_ETH_LINK_SPEED_2_5G;
	case RTE_ETH_SPEED_NUM_5G: return RTE_ETH_LINK_SPEED_5G;
	case RTE_ETH_SPEED_NUM_10G: return RTE_ETH_LINK_SPEED_10G;
	case RTE_ETH_SPEED_NUM_20G: return RTE_ETH_LINK_SPEED_20G;
	case RTE_ETH_SPEED_NUM_25G: return RTE_ETH_LINK_SPEED_25G;
	case RTE_ETH_SPEED_NUM_40G: return RTE_ETH_LINK_SPEED_40G;
	case RTE_ETH_SPEED_NUM_50G: return RTE_ETH_LINK_SPEED_50G;
	case RTE_ETH_SPEED_NUM_56G: return RTE_ETH_LINK_SPEED_56G;
	case RTE_ETH_SPEED_NUM_100G: return RTE_ETH_LINK_SPEED_100G;
	case RTE_ETH_SPEED_NUM_200G: return RTE_ETH_LINK_SPEED_200G;
	default: return 0;
	}
}

/* ---- link control ------------------------------------------------------------- */

int rte_eth_dev_set_link_up(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->dev_set_link_up == NULL)
		return -ENOTSUP;
	return dev->ops->dev_set_link_up(dev);
}

int rte_eth_dev_set_link_down(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->dev_set_link_down == NULL)
		return -ENOTSUP;
	return dev->ops->dev_set_link_down(dev);
}

/* As DPDK: the port is stopped first, then the driver resets it. */
int rte_eth_dev_reset(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->dev_reset == NULL)
		return -ENOTSUP;
	ret = rte_eth_dev_stop(port_id);
	if (ret != 0)
		return ret;
	return dev->ops->dev_reset(dev);
}

int rte_eth_led_on(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->dev_led_on == NULL)
		return -ENOTSUP;
	return dev->ops->dev_led_on(dev);
}

int rte_eth_led_off(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->dev_led_off == NULL)
		return -ENOTSUP;
	return dev->ops->dev_led_off(dev);
}

/* ---- forward error correction --------------------------------------------------- */

int rte_eth_fec_get_capability(uint16_t port_id, struct rte_eth_fec_capa *speed_fec_capa,
			       unsigned int num)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (speed_fec_capa == NULL && num > 0)
		return -EINVAL;
	if (dev->ops->fec_get_capability == NULL)
		return -ENOTSUP;
	return dev->ops->fec_get_capability(dev, speed_fec_capa, num);
}

int rte_eth_fec_get(uint16_t port_id, uint32_t *fec_capa)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (fec_capa == NULL)
		return -EINVAL;
	if (dev->ops->fec_get == NULL)
		return -ENOTSUP;
	return dev->ops->fec_get(dev, fec_capa);
}

int rte_eth_fec_set(uint16_t port_id, uint32_t fec_capa)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (fec_capa == 0)
		return -EINVAL;
	if (dev->ops->fec_set == NULL)
		return -ENOTSUP;
	return dev->ops->fec_set(dev, fec_capa);
}

/* ---- flow control (PAUSE frames) ---------------------------------------------------- */

int rte_eth_dev_flow_ctrl_get(uint16_t port_id, struct rte_eth_fc_conf *fc_conf)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (fc_conf == NULL)
		return -EINVAL;
	if (dev->ops->flow_ctrl_get == NULL)
		return -ENOTSUP;
	memset(fc_conf, 0, sizeof(*fc_conf));
	return dev->ops->flow_ctrl_get(dev, fc_conf);
}

int rte_eth_dev_flow_ctrl_set(uint16_t port_id, struct rte_eth_fc_conf *fc_conf)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (fc_conf == NULL || (fc_conf->send_xon != 0 && fc_conf->send_xon != 1))
		return -EINVAL;
	if (dev->ops->flow_ctrl_set == NULL)
		return -ENOTSUP;
	return dev->ops->flow_ctrl_set(dev, fc_conf);
}

int rte_eth_dev_priority_flow_ctrl_set(uint16_t port_id, struct rte_eth_pfc_conf *pfc_conf)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (pfc_conf == NULL || pfc_conf->priority >= RTE_ETH_DCB_NUM_USER_PRIORITIES)
		return -EINVAL;
	if (dev->ops->priority_flow_ctrl_set == NULL)
		return -ENOTSUP;
	return dev->ops->priority_flow_ctrl_set(dev, pfc_conf);
}

int rte_eth_dev_priority_flow_ctrl_queue_info_get(uint16_t port_id,
						  struct rte_eth_pfc_queue_info *pfc_queue_info)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (pfc_queue_info == NULL)
		return -EINVAL;
	if (dev->ops->priority_flow_ctrl_queue_info_get == NULL)
		return -ENOTSUP;
	memset(pfc_queue_info, 0, sizeof(*pfc_queue_info));
	return dev->ops->priority_flow_ctrl_queue_info_get(dev, pfc_queue_info);
}

/* The queue configuration is checked against what the driver reports. */
int rte_eth_dev_priority_flow_ctrl_queue_configure(uint16_t port_id,
						   struct rte_eth_pfc_queue_conf *pfc_queue_conf)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	struct rte_eth_pfc_queue_info info;
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (pfc_queue_conf == NULL)
		return -EINVAL;
	ret = rte_eth_dev_priority_flow_ctrl_queue_info_get(port_id, &info);
	if (ret != 0)
		return ret;
	if (info.tc_max == 0)
		return -ENOTSUP;
	if (dev->ops->priority_flow_ctrl_queue_config == NULL)
		return -ENOTSUP;
	return dev->ops->priority_flow_ctrl_queue_config(dev, pfc_queue_conf);
}
