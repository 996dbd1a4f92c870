/* SPDX-License-Identifier: BSD-3-Clause
 * Finding ports: by owner, by device, by name; and port ownership, which
 * lets one part of an application (a bonding or failsafe layer, say) take
 * ports so that RTE_ETH_FOREACH_DEV no longer shows them to the rest.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_ethdev.h>

#include "ethdev_driver.h"

/* Owner ids handed out so far are 1 .. next_owner_id - 1. */
static uint64_t next_owner_id = 1;

static bool owner_id_valid(uint64_t id)
{
	return id != RTE_ETH_DEV_NO_OWNER && id < next_owner_id;
}

uint64_t rte_eth_find_next_owned_by(uint16_t port_id, const uint64_t owner_id)
{
	for (port_id = rte_eth_find_next(port_id); port_id < RTE_MAX_ETHPORTS;
	     port_id = rte_eth_find_next((uint16_t)(port_id + 1))) {
		if (rte_eth_devices[port_id].owner_id == owner_id)
			return port_id;
	}
	return RTE_MAX_ETHPORTS;
}

uint16_t rte_eth_find_next_of(uint16_t port_id_start, const struct rte_device *parent)
{
	uint16_t p;

	for (p = rte_eth_find_next(port_id_start); p < RTE_MAX_ETHPORTS;
	     p = rte_eth_find_next((uint16_t)(p + 1))) {
		if (eth_dev_device(&rte_eth_devices[p]) == parent)
			return p;
	}
	return RTE_MAX_ETHPORTS;
}

/* The ports on the same device as ref_port_id, itself included. */
uint16_t rte_eth_find_next_sibling(uint16_t port_id_start, uint16_t ref_port_id)
{
	struct rte_eth_dev *ref = eth_dev_get(ref_port_id);

	if (ref == NULL)
		return RTE_MAX_ETHPORTS;
	return rte_eth_find_next_of(port_id_start, eth_dev_device(ref));
}

/*
 * Matching ports against a devargs string needs rte_dev.h's bus and class
 * iterator, which rtemem does not have: the iteration is refused and finds
 * nothing, so RTE_ETH_FOREACH_MATCHING_DEV runs no iteration.
 */
int rte_eth_iterator_init(struct rte_dev_iterator *iter, const char *devargs)
{
	if (iter == NULL || devargs == NULL)
		return -EINVAL;
	return -ENOTSUP;
}

uint16_t rte_eth_iterator_next(struct rte_dev_iterator *iter)
{
	RTE_SET_USED(iter);
	return RTE_MAX_ETHPORTS;
}

void rte_eth_iterator_cleanup(struct rte_dev_iterator *iter)
{
	RTE_SET_USED(iter);
}

int rte_eth_dev_get_port_by_name(const char *name, uint16_t *port_id)
{
	uint16_t p;

	if (name == NULL || port_id == NULL)
		return -EINVAL;
	for (p = rte_eth_find_next(0); p < RTE_MAX_ETHPORTS; p = rte_eth_find_next((uint16_t)(p + 1))) {
		if (strcmp(rte_eth_devices[p].name, name) == 0) {
			*port_id = p;
			return 0;
		}
	}
	return -ENODEV;
}

/* rtemem's devices are not hot-pluggable: a port is never removed under the
 * application. As DPDK, a port that is not there is not "removed" either. */
int rte_eth_dev_is_removed(uint16_t port_id)
{
	RTE_SET_USED(port_id);
	return 0;
}

/* ---- ownership -------------------------------------------------------------- */

int rte_eth_dev_owner_new(uint64_t *owner_id)
{
	if (owner_id == NULL)
		return -EINVAL;
	*owner_id = next_owner_id++;
	return 0;
}

/* Moves the port from old_id to owner, which DPDK allows only when one of
 * the two is a real owner and the port belongs to old_id now. */
static int owner_move(uint16_t port_id, uint64_t old_id, const struct rte_eth_dev_owner *owner)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (!owner_id_valid(owner->id) && !owner_id_valid(old_id))
		return -EINVAL;
	if (dev->owner_id != old_id)
		return -EPERM;
	/* A name too long is cut, as DPDK does (it only warns). */
	snprintf(dev->owner_name, sizeof(dev->owner_name), "%s", owner->name);
	dev->owner_id = owner->id;
	return 0;
}

int rte_eth_dev_owner_set(const uint16_t port_id, const struct rte_eth_dev_owner *owner)
{
	if (eth_dev_get(port_id) == NULL)
		return -ENODEV;
	if (owner == NULL)
		return -EINVAL;
	return owner_move(port_id, RTE_ETH_DEV_NO_OWNER, owner);
}

int rte_eth_dev_owner_unset(const uint16_t port_id, const uint64_t owner_id)
{
	const struct rte_eth_dev_owner none = { .id = RTE_ETH_DEV_NO_OWNER, .name = "" };

	return owner_move(port_id, owner_id, &none);
}

int rte_eth_dev_owner_delete(const uint64_t owner_id)
{
	if (!owner_id_valid(owner_id))
		return -EINVAL;
	for (uint16_t p = 0; p < RTE_MAX_ETHPORTS; p++) {
		struct rte_eth_dev *dev = &rte_eth_devices[p];

		if (dev->attached && dev->owner_id == owner_id) {
			dev->owner_id = RTE_ETH_DEV_NO_OWNER;
			memset(dev->owner_name, 0, sizeof(dev->owner_name));
		}
	}
	return 0;
}

int rte_eth_dev_owner_get(const uint16_t port_id, struct rte_eth_dev_owner *owner)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (owner == NULL)
		return -EINVAL;
	owner->id = dev->owner_id;
	snprintf(owner->name, sizeof(owner->name), "%s", dev->owner_name);
	return 0;
}
