/* SPDX-License-Identifier: BSD-3-Clause
 * ethdev's optional features: time synchronisation, rx metadata, IP
 * reassembly, congestion management. No driver of rtemem has them, so on
 * a valid port with valid arguments each says -ENOTSUP; the checks before
 * that are DPDK's, in its order.
 */
#include <errno.h>
#include <string.h>

#include <rte_ethdev.h>

#include "ethdev_driver.h"

/* ---- time synchronisation (IEEE 1588) ----------------------------------------------- */

int rte_eth_timesync_enable(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->timesync_enable == NULL)
		return -ENOTSUP;
	return dev->ops->timesync_enable(dev);
}

int rte_eth_timesync_disable(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->timesync_disable == NULL)
		return -ENOTSUP;
	return dev->ops->timesync_disable(dev);
}

int rte_eth_timesync_read_rx_timestamp(uint16_t port_id, struct timespec *timestamp,
				       uint32_t flags)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (timestamp == NULL)
		return -EINVAL;
	if (dev->ops->timesync_read_rx_timestamp == NULL)
		return -ENOTSUP;
	return dev->ops->timesync_read_rx_timestamp(dev, timestamp, flags);
}

int rte_eth_timesync_read_tx_timestamp(uint16_t port_id, struct timespec *timestamp)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (timestamp == NULL)
		return -EINVAL;
	if (dev->ops->timesync_read_tx_timestamp == NULL)
		return -ENOTSUP;
	return dev->ops->timesync_read_tx_timestamp(dev, timestamp);
}

int rte_eth_timesync_adjust_time(uint16_t port_id, int64_t delta)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->timesync_adjust_time == NULL)
		return -ENOTSUP;
	return dev->ops->timesync_adjust_time(dev, delta);
}

int rte_eth_timesync_read_time(uint16_t port_id, struct timespec *time)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (time == NULL)
		return -EINVAL;
	if (dev->ops->timesync_read_time == NULL)
		return -ENOTSUP;
	return dev->ops->timesync_read_time(dev, time);
}

int rte_eth_timesync_write_time(uint16_t port_id, const struct timespec *time)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (time == NULL)
		return -EINVAL;
	if (dev->ops->timesync_write_time == NULL)
		return -ENOTSUP;
	return dev->ops->timesync_write_time(dev, time);
}

int rte_eth_read_clock(uint16_t port_id, uint64_t *clock)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (clock == NULL)
		return -EINVAL;
	if (dev->ops->read_clock == NULL)
		return -ENOTSUP;
	return dev->ops->read_clock(dev, clock);
}

/* ---- metadata, reassembly, congestion management --------------------------------------- */

/* Before start only: the driver may have to set the port up for them. */
int rte_eth_rx_metadata_negotiate(uint16_t port_id, uint64_t *features)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->started)
		return -EBUSY;
	if (features == NULL)
		return -EINVAL;
	if (dev->ops->rx_metadata_negotiate == NULL)
		return -ENOTSUP;
	return dev->ops->rx_metadata_negotiate(dev, features);
}

int rte_eth_ip_reassembly_capability_get(uint16_t port_id,
					 struct rte_eth_ip_reassembly_params *capa)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (!dev->configured || capa == NULL)
		return -EINVAL;
	if (dev->ops->ip_reassembly_capability_get == NULL)
		return -ENOTSUP;
	memset(capa, 0, sizeof(*capa));
	return dev->ops->ip_reassembly_capability_get(dev, capa);
}

int rte_eth_ip_reassembly_conf_get(uint16_t port_id, struct rte_eth_ip_reassembly_params *conf)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (!dev->configured || conf == NULL)
		return -EINVAL;
	if (dev->ops->ip_reassembly_conf_get == NULL)
		return -ENOTSUP;
	memset(conf, 0, sizeof(*conf));
	return dev->ops->ip_reassembly_conf_get(dev, conf);
}

int rte_eth_ip_reassembly_conf_set(uint16_t port_id,
				   const struct rte_eth_ip_reassembly_params *conf)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (!dev->configured || conf == NULL)
		return -EINVAL;
	if (dev->started)
		return -EBUSY;
	if (dev->ops->ip_reassembly_conf_set == NULL)
		return -ENOTSUP;
	return dev->ops->ip_reassembly_conf_set(dev, conf);
}

int rte_eth_cman_info_get(uint16_t port_id, struct rte_eth_cman_info *info)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (info == NULL)
		return -EINVAL;
	if (dev->ops->cman_info_get == NULL)
		return -ENOTSUP;
	memset(info, 0, sizeof(*info));
	return dev->ops->cman_info_get(dev, info);
}

int rte_eth_cman_config_init(uint16_t port_id, struct rte_eth_cman_config *config)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (config == NULL)
		return -EINVAL;
	if (dev->ops->cman_config_init == NULL)
		return -ENOTSUP;
	memset(config, 0, sizeof(*config));
	return dev->ops->cman_config_init(dev, config);
}

int rte_eth_cman_config_set(uint16_t port_id, const struct rte_eth_cman_config *config)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (config == NULL)
		return -EINVAL;
	if (dev->ops->cman_config_set == NULL)
		return -ENOTSUP;
	return dev->ops->cman_config_set(dev, config);
}

int rte_eth_cman_config_get(uint16_t port_id, struct rte_eth_cman_config *config)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (config == NULL)
		return -EINVAL;
	if (dev->ops->cman_config_get == NULL)
		return -ENOTSUP;
	memset(config, 0, sizeof(*config));
	return dev->ops->cman_config_get(dev, config);
}
