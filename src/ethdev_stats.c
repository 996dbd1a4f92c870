/* SPDX-License-Identifier: BSD-3-Clause
 * ethdev statistics: the basic counters (rte_eth_stats), and the extended
 * ones by name and id. As in DPDK, every port has the extended statistics
 * ethdev makes out of its basic counters (per queue too when the driver
 * sets RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS); the driver's own follow them,
 * their ids numbered on from there.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ethdev.h>

#include "ethdev_driver.h"

/* The generic statistics: name and where the value is in rte_eth_stats. */
struct basic_stat {
	const char *name;
	size_t offset;
};

static const struct basic_stat basic_stats[] = {
	{ "rx_good_packets", offsetof(struct rte_eth_stats, ipackets) },
	{ "tx_good_packets", offsetof(struct rte_eth_stats, opackets) },
	{ "rx_good_bytes", offsetof(struct rte_eth_stats, ibytes) },
	{ "tx_good_bytes", offsetof(struct rte_eth_stats, obytes) },
	{ "rx_missed_errors", offsetof(struct rte_eth_stats, imissed) },
	{ "rx_errors", offsetof(struct rte_eth_stats, ierrors) },
	{ "tx_errors", offsetof(struct rte_eth_stats, oerrors) },
	{ "rx_mbuf_allocation_errors", offsetof(struct rte_eth_stats, rx_nombuf) },
};

static const struct basic_stat rxq_stats[] = {
	{ "packets", offsetof(struct rte_eth_stats, q_ipackets) },
	{ "bytes", offsetof(struct rte_eth_stats, q_ibytes) },
	{ "errors", offsetof(struct rte_eth_stats, q_errors) },
};

static const struct basic_stat txq_stats[] = {
	{ "packets", offsetof(struct rte_eth_stats, q_opackets) },
	{ "bytes", offsetof(struct rte_eth_stats, q_obytes) },
};

int rte_eth_stats_get(uint16_t port_id, struct rte_eth_stats *stats)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (stats == NULL)
		return -EINVAL;
	memset(stats, 0, sizeof(*stats));
	if (dev->ops->stats_get == NULL)
		return -ENOTSUP;
	return dev->ops->stats_get(dev, stats);
}

int rte_eth_stats_reset(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->stats_reset == NULL)
		return -ENOTSUP;
	return dev->ops->stats_reset(dev);
}

/* ---- extended statistics -------------------------------------------------- */

static unsigned int nb_stat_queues(uint16_t nb_queues)
{
	return RTE_MIN(nb_queues, (uint16_t)RTE_ETHDEV_QUEUE_STAT_CNTRS);
}

static unsigned int basic_count(const struct rte_eth_dev *dev)
{
	unsigned int n = RTE_DIM(basic_stats);

	if (dev->dev_flags & RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS) {
		n += nb_stat_queues(dev->nb_rx_queues) * RTE_DIM(rxq_stats);
		n += nb_stat_queues(dev->nb_tx_queues) * RTE_DIM(txq_stats);
	}
	return n;
}

/* Basic plus the driver's; or the driver's -errno. */
static int xstats_count(struct rte_eth_dev *dev)
{
	int n = 0;

	if (dev->ops->xstats_get_names != NULL) {
		n = dev->ops->xstats_get_names(dev, NULL, 0);
		if (n < 0)
			return n;
	}
	return (int)basic_count(dev) + n;
}

/* Walks the generic statistics in id order; names or values (or both) may be NULL. */
static int basic_fill(struct rte_eth_dev *dev, struct rte_eth_xstat_name *names,
		      uint64_t *values)
{
	struct rte_eth_stats st;
	unsigned int id = 0;
	int ret;

	if (values != NULL) {
		ret = rte_eth_stats_get(dev->port_id, &st);
		if (ret != 0)
			return ret;
	}
	for (size_t i = 0; i < RTE_DIM(basic_stats); i++, id++) {
		if (names != NULL)
			snprintf(names[id].name, sizeof(names[id].name), "%s", basic_stats[i].name);
		if (values != NULL)
			values[id] = *(const uint64_t *)((const char *)&st + basic_stats[i].offset);
	}
	if (!(dev->dev_flags & RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS))
		return 0;
	for (unsigned int q = 0; q < nb_stat_queues(dev->nb_rx_queues); q++) {
		for (size_t i = 0; i < RTE_DIM(rxq_stats); i++, id++) {
			if (names != NULL)
				snprintf(names[id].name, sizeof(names[id].name), "rx_q%u_%s", q,
					 rxq_stats[i].name);
			if (values != NULL)
				values[id] = ((const uint64_t *)((const char *)&st +
								 rxq_stats[i].offset))[q];
		}
	}
	for (unsigned int q = 0; q < nb_stat_queues(dev->nb_tx_queues); q++) {
		for (size_t i = 0; i < RTE_DIM(txq_stats); i++, id++) {
			if (names != NULL)
				snprintf(names[id].name, sizeof(names[id].name), "tx_q%u_%s", q,
					 txq_stats[i].name);
			if (values != NULL)
				values[id] = ((const uint64_t *)((const char *)&st +
								 txq_stats[i].offset))[q];
		}
	}
	return 0;
}

int rte_eth_xstats_get_names(uint16_t port_id, struct rte_eth_xstat_name *names,
			     unsigned int size)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	unsigned int basic;
	int total, ret;

	if (dev == NULL)
		return -ENODEV;
	total = xstats_count(dev);
	if (names == NULL || total < 0 || (int)size < total)
		return total;
	basic = basic_count(dev);
	ret = basic_fill(dev, names, NULL);
	if (ret != 0)
		return ret;
	if (dev->ops->xstats_get_names != NULL) {
		ret = dev->ops->xstats_get_names(dev, names + basic, size - basic);
		if (ret < 0)
			return ret;
	}
	return total;
}

int rte_eth_xstats_get(uint16_t port_id, struct rte_eth_xstat *xstats, unsigned int n)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	uint64_t *values;
	unsigned int basic;
	int total, ret;

	if (dev == NULL)
		return -ENODEV;
	total = xstats_count(dev);
	if (xstats == NULL || total < 0 || (int)n < total)
		return total;
	basic = basic_count(dev);
	values = malloc(basic * sizeof(*values));
	if (values == NULL)
		return -ENOMEM;
	ret = basic_fill(dev, NULL, values);
	for (unsigned int i = 0; ret == 0 && i < basic; i++) {
		xstats[i].id = i;
		xstats[i].value = values[i];
	}
	free(values);
	if (ret != 0)
		return ret;
	if (dev->ops->xstats_get != NULL) {
		ret = dev->ops->xstats_get(dev, xstats + basic, n - basic);
		if (ret < 0)
			return ret;
		/* The driver numbers its own from 0; the caller sees them after ours. */
		for (int i = 0; i < ret; i++)
			xstats[basic + (unsigned int)i].id += basic;
	}
	return total;
}

/* Every name, in id order, in memory the caller frees; or NULL. */
static struct rte_eth_xstat_name *all_names(uint16_t port_id, int *count)
{
	struct rte_eth_xstat_name *names;
	int n = rte_eth_xstats_get_names(port_id, NULL, 0);

	*count = n;
	if (n <= 0)
		return NULL;
	names = calloc((size_t)n, sizeof(*names));
	if (names == NULL) {
		*count = -ENOMEM;
		return NULL;
	}
	*count = rte_eth_xstats_get_names(port_id, names, (unsigned int)n);
	if (*count != n) {
		free(names);
		if (*count >= 0)
			*count = -EIO; /* the count changed under us */
		return NULL;
	}
	return names;
}

int rte_eth_xstats_get_names_by_id(uint16_t port_id, struct rte_eth_xstat_name *xstats_names,
				   unsigned int size, uint64_t *ids)
{
	struct rte_eth_xstat_name *names;
	int total;

	if (eth_dev_get(port_id) == NULL)
		return -ENODEV;
	if (ids == NULL)
		return rte_eth_xstats_get_names(port_id, xstats_names, size);
	if (xstats_names == NULL)
		return -EINVAL;
	names = all_names(port_id, &total);
	if (names == NULL)
		return total < 0 ? total : -EINVAL;
	for (unsigned int i = 0; i < size; i++) {
		if (ids[i] >= (uint64_t)total) {
			free(names);
			return -EINVAL;
		}
		xstats_names[i] = names[ids[i]];
	}
	free(names);
	return (int)size;
}

int rte_eth_xstats_get_by_id(uint16_t port_id, const uint64_t *ids, uint64_t *values,
			     unsigned int size)
{
	struct rte_eth_xstat *all;
	int total, n;

	if (eth_dev_get(port_id) == NULL)
		return -ENODEV;
	if (ids != NULL && values == NULL)
		return -EINVAL;
	total = rte_eth_xstats_get(port_id, NULL, 0);
	if (total < 0)
		return total;
	if (ids == NULL && (values == NULL || size < (unsigned int)total))
		return total;
	all = calloc((size_t)total + 1, sizeof(*all));
	if (all == NULL)
		return -ENOMEM;
	n = rte_eth_xstats_get(port_id, all, (unsigned int)total);
	if (n != total) {
		free(all);
		return n < 0 ? n : -EIO;
	}
	if (ids == NULL)
		size = (unsigned int)total;
	for (unsigned int i = 0; i < size; i++) {
		uint64_t id = ids != NULL ? ids[i] : i;

		if (id >= (uint64_t)total) {
			free(all);
			return -EINVAL;
		}
		values[i] = all[id].value;
	}
	free(all);
	return (int)size;
}

int rte_eth_xstats_get_id_by_name(uint16_t port_id, const char *xstat_name, uint64_t *id)
{
	struct rte_eth_xstat_name *names;
	int total;

	if (eth_dev_get(port_id) == NULL)
		return -ENODEV;
	/* As DPDK: a missing pointer is -ENOMEM here. */
	if (xstat_name == NULL || id == NULL)
		return -ENOMEM;
	names = all_names(port_id, &total);
	if (names == NULL)
		return total < 0 ? total : -EINVAL;
	for (int i = 0; i < total; i++) {
		if (strcmp(names[i].name, xstat_name) == 0) {
			*id = (uint64_t)i;
			free(names);
			return 0;
		}
	}
	free(names);
	return -EINVAL;
}

int rte_eth_xstats_reset(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->xstats_reset != NULL)
		return dev->ops->xstats_reset(dev);
	return rte_eth_stats_reset(port_id);
}

/* ---- which queues the per-queue counters count ------------------------------- */

static int stats_mapping_set(uint16_t port_id, uint16_t queue_id, uint8_t stat_idx,
			     uint8_t is_rx)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (queue_id >= (is_rx ? dev->nb_rx_queues : dev->nb_tx_queues))
		return -EINVAL;
	if (stat_idx >= RTE_ETHDEV_QUEUE_STAT_CNTRS)
		return -EINVAL;
	if (dev->ops->queue_stats_mapping_set == NULL)
		return -ENOTSUP;
	return dev->ops->queue_stats_mapping_set(dev, queue_id, stat_idx, is_rx);
}

int rte_eth_dev_set_tx_queue_stats_mapping(uint16_t port_id, uint16_t tx_queue_id,
					   uint8_t stat_idx)
{
	return stats_mapping_set(port_id, tx_queue_id, stat_idx, 0);
}

int rte_eth_dev_set_rx_queue_stats_mapping(uint16_t port_id, uint16_t rx_queue_id,
					   uint8_t stat_idx)
{
	return stats_mapping_set(port_id, rx_queue_id, stat_idx, 1);
}
