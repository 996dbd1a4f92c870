/* SPDX-License-Identifier: BSD-3-Clause
 * PCI for HAL=sim: the emulated devices on the sim machine's bus. A BAR is
 * not memory here: every register access is a call into the device model,
 * so the device reacts synchronously and tests stay deterministic. DMA
 * mappings go to the sim IOMMU (sim/sim_machine.c).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "hal.h"
#include "sim_machine.h"

int hal_pci_scan(struct hal_pci_device *devs, int max)
{
	int n = 0;

	if (max < 0 || (devs == NULL && max > 0))
		return -EINVAL;
	if (sim_fault_hit(SIM_OP_PCI_SCAN))
		return -EIO;
	for (unsigned int i = 0; i < sim_pci_count() && n < max; i++) {
		struct sim_pci_device *p = sim_pci_get(i);
		struct hal_pci_device *d = &devs[n++];

		memset(d, 0, sizeof(*d));
		d->addr.domain = 0;
		d->addr.bus = p->bus;
		d->addr.devid = p->devid;
		d->addr.function = p->function;
		d->vendor_id = p->vendor_id;
		d->device_id = p->device_id;
		d->numa_node = p->numa_node;
		snprintf(d->driver, sizeof(d->driver), "sim");
		d->hal_priv = p;
	}
	return n;
}

int hal_pci_map_bar(struct hal_pci_device *dev, int bar, struct hal_bar *out)
{
	struct sim_pci_device *p;

	if (dev == NULL || out == NULL)
		return -EINVAL;
	if (sim_fault_hit(SIM_OP_PCI_MAP_BAR))
		return -EIO;
	p = dev->hal_priv;
	/* The handle must still be a device of the current sim machine. */
	for (unsigned int i = 0;; i++) {
		if (i == sim_pci_count())
			return -ENODEV;
		if (sim_pci_get(i) == p)
			break;
	}
	if (bar != 0 || p->ops == NULL || p->bar0_len == 0)
		return -ENODEV;
	out->va = NULL;
	out->len = p->bar0_len;
	out->hal_priv = p;
	return 0;
}

void hal_pci_unmap_bar(struct hal_bar *bar)
{
	if (bar == NULL)
		return;
	bar->hal_priv = NULL;
	bar->len = 0;
}

/* An access outside the BAR or not 4-byte aligned reads all ones and writes
 * nothing, like a master abort on a real bus. */
static struct sim_pci_device *bar_device(const struct hal_bar *bar, uint32_t off)
{
	if (bar == NULL || bar->hal_priv == NULL || (off & 3) != 0 || (size_t)off + 4 > bar->len)
		return NULL;
	return bar->hal_priv;
}

/* The bar_read fault reads all ones, as from a device that fell off the bus. */
uint32_t hal_bar_read32(const struct hal_bar *bar, uint32_t off)
{
	struct sim_pci_device *p = bar_device(bar, off);

	if (p == NULL || p->ops->read32 == NULL || sim_fault_hit(SIM_OP_BAR_READ))
		return UINT32_MAX;
	return p->ops->read32(p->dev, off);
}

void hal_bar_write32(const struct hal_bar *bar, uint32_t off, uint32_t val)
{
	struct sim_pci_device *p = bar_device(bar, off);

	if (p != NULL && p->ops->write32 != NULL)
		p->ops->write32(p->dev, off, val);
}

/* The emulated devices sit behind the sim IOMMU, which always translates:
 * they take either mode, and EAL keeps its own default. */
enum hal_iova_pref hal_pci_iova_pref(bool (*wanted)(const struct hal_pci_addr *addr, void *arg),
				     void *arg)
{
	RTE_SET_USED(wanted);
	RTE_SET_USED(arg);
	return HAL_IOVA_ANY;
}

int hal_dma_map(const void *va, rte_iova_t iova, size_t len)
{
	if (sim_fault_hit(SIM_OP_DMA_MAP))
		return -ENOMEM;
	return sim_iommu_map(va, iova, len);
}

int hal_dma_unmap(rte_iova_t iova, size_t len)
{
	return sim_iommu_unmap(iova, len);
}
