/* SPDX-License-Identifier: BSD-3-Clause
 * ethdev queries about a port beyond rte_eth_dev_info: its configuration,
 * firmware, packet types, MTU, registers and EEPROM, DCB, representors.
 * Each checks the port and its arguments, then asks the driver (-ENOTSUP
 * without the operation), in DPDK's order.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_mbuf_ptype.h>

#include "ethdev_driver.h"

int rte_eth_dev_conf_get(uint16_t port_id, struct rte_eth_conf *dev_conf)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev_conf == NULL)
		return -EINVAL;
	*dev_conf = dev->conf;
	return 0;
}

/* 0, or (fw_size too small) how many bytes the version needs with its NUL. */
int rte_eth_dev_fw_version_get(uint16_t port_id, char *fw_version, size_t fw_size)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (fw_version == NULL && fw_size > 0)
		return -EINVAL;
	if (dev->ops->fw_version_get == NULL)
		return -ENOTSUP;
	return dev->ops->fw_version_get(dev, fw_version, fw_size);
}

int rte_eth_dev_get_supported_ptypes(uint16_t port_id, uint32_t ptype_mask, uint32_t *ptypes,
				     int num)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	const uint32_t *all;
	int n = 0;

	if (dev == NULL)
		return -ENODEV;
	if (ptypes == NULL && num > 0)
		return -EINVAL;
	if (dev->ops->dev_supported_ptypes_get == NULL)
		return 0;
	all = dev->ops->dev_supported_ptypes_get(dev);
	if (all == NULL)
		return 0;
	/* As DPDK: count every match, write as many as fit. */
	for (const uint32_t *p = all; *p != RTE_PTYPE_UNKNOWN; p++) {
		if ((*p & ptype_mask) == 0)
			continue;
		if (n < num)
			ptypes[n] = *p;
		n++;
	}
	return n;
}

/*
 * The application says which packet types it needs, so that the driver may
 * stop computing the others. Without the driver's operation nothing changes
 * and, as DPDK, the list written back is empty (RTE_PTYPE_UNKNOWN first).
 */
int rte_eth_dev_set_ptypes(uint16_t port_id, uint32_t ptype_mask, uint32_t *set_ptypes,
			   unsigned int num)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	const uint32_t *all;
	unsigned int n = 0;
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (num > 0 && set_ptypes == NULL)
		return -EINVAL;
	if (dev->ops->dev_supported_ptypes_get == NULL || dev->ops->dev_ptypes_set == NULL) {
		if (num > 0)
			set_ptypes[0] = RTE_PTYPE_UNKNOWN;
		return 0;
	}
	ret = dev->ops->dev_ptypes_set(dev, ptype_mask);
	if (ret != 0)
		return ret;
	all = dev->ops->dev_supported_ptypes_get(dev);
	for (const uint32_t *p = all; p != NULL && *p != RTE_PTYPE_UNKNOWN; p++) {
		if ((*p & ptype_mask) != 0 && n + 1 < num)
			set_ptypes[n++] = *p;
	}
	if (n < num)
		set_ptypes[n] = RTE_PTYPE_UNKNOWN;
	return 0;
}

int rte_eth_buffer_split_get_supported_hdr_ptypes(uint16_t port_id, uint32_t *ptypes, int num)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (ptypes == NULL && num > 0)
		return -EINVAL;
	if (dev->ops->buffer_split_supported_hdr_ptypes_get == NULL)
		return -ENOTSUP;
	return dev->ops->buffer_split_supported_hdr_ptypes_get(dev, ptypes, num);
}

/* ---- MTU ---------------------------------------------------------------------- */

int rte_eth_dev_get_mtu(uint16_t port_id, uint16_t *mtu)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (mtu == NULL)
		return -EINVAL;
	*mtu = dev->mtu;
	return 0;
}

int rte_eth_dev_set_mtu(uint16_t port_id, uint16_t mtu)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	struct rte_eth_dev_info info;
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->mtu_set == NULL)
		return -ENOTSUP;
	ret = rte_eth_dev_info_get(port_id, &info);
	if (ret != 0)
		return ret;
	if (mtu < info.min_mtu || mtu > info.max_mtu || !dev->configured)
		return -EINVAL;
	ret = dev->ops->mtu_set(dev, mtu);
	if (ret != 0)
		return ret;
	dev->mtu = mtu;
	dev->conf.rxmode.mtu = mtu;
	return 0;
}

/* ---- device internals ----------------------------------------------------------- */

/* 1: the pool's ops suit the driver, 0: they do not but work, <0: they do not work.
 * A driver that does not say takes every pool. */
int rte_eth_dev_pool_ops_supported(uint16_t port_id, const char *pool)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (pool == NULL)
		return -EINVAL;
	if (dev->ops->pool_ops_supported == NULL)
		return 1;
	return dev->ops->pool_ops_supported(dev, pool);
}

/* No driver of rtemem has a security (inline crypto) context. */
void *rte_eth_dev_get_sec_ctx(uint16_t port_id)
{
	RTE_SET_USED(port_id);
	return NULL;
}

int rte_eth_dev_get_reg_info(uint16_t port_id, struct rte_dev_reg_info *info)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (info == NULL)
		return -EINVAL;
	if (dev->ops->get_reg == NULL)
		return -ENOTSUP;
	return dev->ops->get_reg(dev, info);
}

int rte_eth_dev_get_eeprom_length(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->get_eeprom_length == NULL)
		return -ENOTSUP;
	return dev->ops->get_eeprom_length(dev);
}

int rte_eth_dev_get_eeprom(uint16_t port_id, struct rte_dev_eeprom_info *info)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (info == NULL)
		return -EINVAL;
	if (dev->ops->get_eeprom == NULL)
		return -ENOTSUP;
	return dev->ops->get_eeprom(dev, info);
}

int rte_eth_dev_set_eeprom(uint16_t port_id, struct rte_dev_eeprom_info *info)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (info == NULL)
		return -EINVAL;
	if (dev->ops->set_eeprom == NULL)
		return -ENOTSUP;
	return dev->ops->set_eeprom(dev, info);
}

int rte_eth_dev_get_module_info(uint16_t port_id, struct rte_eth_dev_module_info *modinfo)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (modinfo == NULL)
		return -EINVAL;
	if (dev->ops->get_module_info == NULL)
		return -ENOTSUP;
	return dev->ops->get_module_info(dev, modinfo);
}

int rte_eth_dev_get_module_eeprom(uint16_t port_id, struct rte_dev_eeprom_info *info)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (info == NULL)
		return -EINVAL;
	if (dev->ops->get_module_eeprom == NULL)
		return -ENOTSUP;
	return dev->ops->get_module_eeprom(dev, info);
}

int rte_eth_dev_get_dcb_info(uint16_t port_id, struct rte_eth_dcb_info *dcb_info)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dcb_info == NULL)
		return -EINVAL;
	memset(dcb_info, 0, sizeof(*dcb_info));
	if (dev->ops->get_dcb_info == NULL)
		return -ENOTSUP;
	return dev->ops->get_dcb_info(dev, dcb_info);
}

int rte_eth_dev_priv_dump(uint16_t port_id, FILE *file)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (file == NULL)
		return -EINVAL;
	if (dev->ops->eth_dev_priv_dump == NULL)
		return -ENOTSUP;
	return dev->ops->eth_dev_priv_dump(dev, file);
}

/* info may be NULL: the driver then says how many ranges it has. */
int rte_eth_representor_info_get(uint16_t port_id, struct rte_eth_representor_info *info)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->ops->representor_info_get == NULL)
		return -ENOTSUP;
	return dev->ops->representor_info_get(dev, info);
}
