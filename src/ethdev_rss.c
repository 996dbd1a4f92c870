/* SPDX-License-Identifier: BSD-3-Clause
 * ethdev RSS: the redirection table and the hash configuration (key and
 * flow types). Both need a port configured for RSS (mq_mode) and, for the
 * table, entries that name configured queues, checked before the driver
 * is asked, in DPDK's order.
 */
#include <errno.h>
#include <stdbool.h>

#include <rte_ethdev.h>

#include "ethdev_driver.h"

/* As DPDK: some group must select an entry, and what is selected must
 * name a configured queue. */
static int reta_check(const struct rte_eth_rss_reta_entry64 *reta, uint16_t reta_size,
		      uint16_t nb_queues, bool entries)
{
	unsigned int groups = (reta_size + RTE_ETH_RETA_GROUP_SIZE - 1) / RTE_ETH_RETA_GROUP_SIZE;
	uint64_t any = 0;

	for (unsigned int g = 0; g < groups; g++)
		any |= reta[g].mask;
	if (any == 0)
		return -EINVAL;
	if (!entries)
		return 0;
	if (nb_queues == 0)
		return -EINVAL;
	for (unsigned int i = 0; i < reta_size; i++) {
		const struct rte_eth_rss_reta_entry64 *g = &reta[i / RTE_ETH_RETA_GROUP_SIZE];
		unsigned int s = i % RTE_ETH_RETA_GROUP_SIZE;

		if ((g->mask & RTE_BIT64(s)) && g->reta[s] >= nb_queues)
			return -EINVAL;
	}
	return 0;
}

int rte_eth_dev_rss_reta_update(uint16_t port_id, struct rte_eth_rss_reta_entry64 *reta_conf,
				uint16_t reta_size)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (reta_conf == NULL || reta_size == 0)
		return -EINVAL;
	ret = reta_check(reta_conf, reta_size, dev->nb_rx_queues, true);
	if (ret != 0)
		return ret;
	if (!(dev->conf.rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG))
		return -ENOTSUP; /* RSS was not asked for at configure */
	if (dev->ops->reta_update == NULL)
		return -ENOTSUP;
	return dev->ops->reta_update(dev, reta_conf, reta_size);
}

int rte_eth_dev_rss_reta_query(uint16_t port_id, struct rte_eth_rss_reta_entry64 *reta_conf,
			       uint16_t reta_size)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (reta_conf == NULL)
		return -EINVAL;
	ret = reta_check(reta_conf, reta_size, 0, false);
	if (ret != 0)
		return ret;
	if (dev->ops->reta_query == NULL)
		return -ENOTSUP;
	return dev->ops->reta_query(dev, reta_conf, reta_size);
}

int rte_eth_dev_rss_hash_update(uint16_t port_id, struct rte_eth_rss_conf *rss_conf)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	struct rte_eth_dev_info info;
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (rss_conf == NULL)
		return -EINVAL;
	ret = rte_eth_dev_info_get(port_id, &info);
	if (ret != 0)
		return ret;
	rss_conf->rss_hf = rte_eth_rss_hf_refine(rss_conf->rss_hf);
	if ((rss_conf->rss_hf & ~info.flow_type_rss_offloads) != 0)
		return -EINVAL;
	if (!(dev->conf.rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG))
		return -ENOTSUP;
	if (dev->ops->rss_hash_update == NULL)
		return -ENOTSUP;
	return dev->ops->rss_hash_update(dev, rss_conf);
}

int rte_eth_dev_rss_hash_conf_get(uint16_t port_id, struct rte_eth_rss_conf *rss_conf)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	struct rte_eth_dev_info info;
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (rss_conf == NULL)
		return -EINVAL;
	ret = rte_eth_dev_info_get(port_id, &info);
	if (ret != 0)
		return ret;
	if (rss_conf->rss_key != NULL && rss_conf->rss_key_len < info.hash_key_size)
		return -EINVAL; /* no room for the key */
	if (dev->ops->rss_hash_conf_get == NULL)
		return -ENOTSUP;
	return dev->ops->rss_hash_conf_get(dev, rss_conf);
}
