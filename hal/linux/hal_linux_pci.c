/* SPDX-License-Identifier: BSD-3-Clause
 * PCI devices from sysfs (<root>/bus/pci/devices/DDDD:BB:DD.F) and their
 * BARs: through VFIO for vfio-pci (hal_linux_vfio.c), through the
 * resourceN files for uio_pci_generic and igb_uio. A BAR is mapped only
 * when the device is bound to one of these user-space stubs: poking the
 * registers of a device a kernel driver owns would corrupt it.
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rte_log.h>

#include "hal_linux.h"

#define PCI_MAX_BARS 6

static const char *const user_drivers[] = { "vfio-pci", "uio_pci_generic", "igb_uio" };

static int device_dir(char *buf, size_t len, const struct hal_pci_addr *a)
{
	return hal_linux_path(buf, len, "%s/bus/pci/devices/%04x:%02x:%02x.%x",
			      hal_linux_sysfs_root(), a->domain, a->bus, a->devid, a->function);
}

/* Name of the bound driver (last component of the driver link); "" if none. */
static void read_driver(const char *dev_dir, char *out, size_t len)
{
	char path[HAL_PATH_MAX], target[HAL_PATH_MAX];
	const char *base;
	ssize_t n;

	out[0] = '\0';
	if (hal_linux_path(path, sizeof(path), "%s/driver", dev_dir) < 0)
		return;
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base != NULL ? base + 1 : target;
	if (strlen(base) < len)
		strcpy(out, base);
}

static int read_hex_id(const char *dev_dir, const char *file, uint16_t *id)
{
	char path[HAL_PATH_MAX];
	long v;
	int ret;

	ret = hal_linux_path(path, sizeof(path), "%s/%s", dev_dir, file);
	if (ret < 0)
		return ret;
	ret = hal_linux_read_long(path, &v);
	if (ret < 0)
		return ret;
	if (v < 0 || v > 0xffff)
		return -EINVAL;
	*id = (uint16_t)v;
	return 0;
}

/* Fill one device from its sysfs directory; -errno if it does not parse. */
static int read_device(const char *devices_dir, const char *name, struct hal_pci_device *dev)
{
	char dir[HAL_PATH_MAX], path[HAL_PATH_MAX];
	unsigned int domain, bus, devid, function;
	long node;
	char tail;

	if (sscanf(name, "%x:%x:%x.%x%c", &domain, &bus, &devid, &function, &tail) != 4 ||
	    bus > 0xff || devid > 0x1f || function > 7)
		return -EINVAL;
	memset(dev, 0, sizeof(*dev));
	dev->addr.domain = domain;
	dev->addr.bus = (uint8_t)bus;
	dev->addr.devid = (uint8_t)devid;
	dev->addr.function = (uint8_t)function;
	if (hal_linux_path(dir, sizeof(dir), "%s/%s", devices_dir, name) < 0)
		return -ENAMETOOLONG;
	if (read_hex_id(dir, "vendor", &dev->vendor_id) < 0 ||
	    read_hex_id(dir, "device", &dev->device_id) < 0)
		return -EINVAL;
	/* No NUMA information (or -1) means "any socket", as DPDK reports. */
	dev->numa_node = -1;
	if (hal_linux_path(path, sizeof(path), "%s/numa_node", dir) == 0 &&
	    hal_linux_read_long(path, &node) == 0 && node >= 0 && node < RTE_MAX_NUMA_NODES)
		dev->numa_node = (int)node;
	read_driver(dir, dev->driver, sizeof(dev->driver));
	return 0;
}

static int addr_cmp(const struct hal_pci_addr *a, const struct hal_pci_addr *b)
{
	uint64_t ka = ((uint64_t)a->domain << 24) | (a->bus << 16) | (a->devid << 8) | a->function;
	uint64_t kb = ((uint64_t)b->domain << 24) | (b->bus << 16) | (b->devid << 8) | b->function;

	return ka < kb ? -1 : ka > kb;
}

int hal_pci_scan(struct hal_pci_device *devs, int max)
{
	char devices_dir[HAL_PATH_MAX];
	struct dirent *de;
	int n = 0;
	DIR *dir;

	if (max < 0 || (devs == NULL && max > 0))
		return -EINVAL;
	if (hal_linux_path(devices_dir, sizeof(devices_dir), "%s/bus/pci/devices",
			   hal_linux_sysfs_root()) < 0)
		return -ENAMETOOLONG;
	dir = opendir(devices_dir);
	if (dir == NULL)
		return 0; /* no PCI bus at all */
	while (n < max && (de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (read_device(devices_dir, de->d_name, &devs[n]) == 0)
			n++;
	}
	closedir(dir);

	/* readdir order is arbitrary: sort by address (few devices, insertion sort). */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && addr_cmp(&devs[j].addr, &devs[j - 1].addr) < 0; j--) {
			struct hal_pci_device t = devs[j];

			devs[j] = devs[j - 1];
			devs[j - 1] = t;
		}
	return n;
}

static bool is_user_driver(const char *driver)
{
	for (size_t i = 0; i < RTE_DIM(user_drivers); i++)
		if (strcmp(driver, user_drivers[i]) == 0)
			return true;
	return false;
}

int hal_pci_map_bar(struct hal_pci_device *dev, int bar, struct hal_bar *out)
{
	char dir[HAL_PATH_MAX], path[HAL_PATH_MAX], driver[sizeof(dev->driver)];
	struct stat st;
	void *va;
	int fd, ret;

	if (dev == NULL || out == NULL || bar < 0 || bar >= PCI_MAX_BARS)
		return -EINVAL;
	ret = device_dir(dir, sizeof(dir), &dev->addr);
	if (ret < 0)
		return ret;
	/* Ask sysfs again: the binding may have changed since the scan. */
	read_driver(dir, driver, sizeof(driver));
	if (!is_user_driver(driver)) {
		RTE_LOG(ERR, EAL,
			"PCI %04x:%02x:%02x.%x is bound to %s: rtemem maps BARs only of devices bound to vfio-pci, uio_pci_generic or igb_uio\n",
			dev->addr.domain, dev->addr.bus, dev->addr.devid, dev->addr.function,
			driver[0] != '\0' ? driver : "no driver");
		return -EPERM;
	}
	if (strcmp(driver, "vfio-pci") == 0) {
		char bdf[16];

		snprintf(bdf, sizeof(bdf), "%04x:%02x:%02x.%x", dev->addr.domain, dev->addr.bus,
			 dev->addr.devid, dev->addr.function);
		return hal_linux_vfio_map_bar(dir, bdf, bar, out);
	}
	ret = hal_linux_path(path, sizeof(path), "%s/resource%d", dir, bar);
	if (ret < 0)
		return ret;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		ret = -errno;
	else if (st.st_size <= 0)
		ret = -ENODEV;
	if (ret < 0) {
		close(fd);
		return ret;
	}
	va = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ret = va == MAP_FAILED ? -errno : 0;
	close(fd);
	if (ret < 0)
		return ret;
	out->va = va;
	out->len = (size_t)st.st_size;
	out->hal_priv = NULL;
	return 0;
}

void hal_pci_unmap_bar(struct hal_bar *bar)
{
	if (bar == NULL || bar->va == NULL)
		return;
	if (bar->hal_priv != NULL)
		hal_linux_vfio_unmap_bar(bar);
	else
		munmap((void *)(uintptr_t)bar->va, bar->len);
	bar->va = NULL;
	bar->len = 0;
	bar->hal_priv = NULL;
}

/* Are there IOMMU groups (<sysfs>/kernel/iommu_groups not empty)? DPDK
 * 22.11's is_iommu_enabled asks the same. */
static bool iommu_present(void)
{
	char path[HAL_PATH_MAX];
	struct dirent *de;
	bool any = false;
	DIR *dir;

	if (hal_linux_path(path, sizeof(path), "%s/kernel/iommu_groups", hal_linux_sysfs_root()) < 0)
		return false;
	dir = opendir(path);
	if (dir == NULL)
		return false;
	while (!any && (de = readdir(dir)) != NULL)
		any = de->d_name[0] != '.';
	closedir(dir);
	return any;
}

/*
 * As DPDK 22.11's PCI bus: a wanted device on uio, or on vfio-pci in
 * no-IOMMU mode, needs PA. Unlike DPDK every device bound to a user-space
 * stub counts, not only those a driver of ours claims.
 */
enum hal_iova_pref hal_pci_iova_pref(bool (*wanted)(const struct hal_pci_addr *addr, void *arg),
				     void *arg)
{
	static struct hal_pci_device devs[256];
	bool noiommu = hal_linux_vfio_noiommu();
	int n = hal_pci_scan(devs, (int)RTE_DIM(devs));

	for (int i = 0; i < n; i++) {
		if (!is_user_driver(devs[i].driver) ||
		    (wanted != NULL && !wanted(&devs[i].addr, arg)))
			continue;
		if (strcmp(devs[i].driver, "vfio-pci") != 0 || noiommu)
			return HAL_IOVA_PA;
	}
	return iommu_present() ? HAL_IOVA_VA : HAL_IOVA_ANY;
}

/* Registers are little-endian 32-bit words; out of range reads all-ones. */
static bool reg_ok(const struct hal_bar *bar, uint32_t off)
{
	return bar != NULL && bar->va != NULL && (off & 3) == 0 && bar->len >= 4 &&
	       off <= bar->len - 4;
}

uint32_t hal_bar_read32(const struct hal_bar *bar, uint32_t off)
{
	if (!reg_ok(bar, off))
		return UINT32_MAX;
	return le32toh(*(const volatile uint32_t *)(bar->va + off));
}

void hal_bar_write32(const struct hal_bar *bar, uint32_t off, uint32_t val)
{
	if (!reg_ok(bar, off))
		return;
	*(volatile uint32_t *)(bar->va + off) = htole32(val);
}
