/* SPDX-License-Identifier: BSD-3-Clause
 * Devices bound to vfio-pci, as DPDK 22.11's EAL drives them: one VFIO
 * container for the process, each device's IOMMU group joined to it, the
 * type-1 IOMMU set on it once the first group is in, a device fd per
 * device whose regions give the BAR (mmap) and the config space (bus
 * mastering). DMA mappings go to the container (VFIO_IOMMU_MAP_DMA).
 *
 * With vfio's no-IOMMU mode (enable_unsafe_noiommu_mode) the groups are
 * /dev/vfio/noiommu-N, the container's IOMMU is VFIO_NOIOMMU_IOMMU and
 * nothing translates: devices get physical addresses, there is nothing to
 * map, and EAL picks IOVA as PA (hal_pci_iova_pref).
 *
 * Every ioctl goes through vfio_ioctl, which tests replace with a fake
 * kernel (hal_linux_vfio_set_ioctl, internal like the sysfs root).
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/vfio.h>

#include <rte_log.h>

#include "hal_linux.h"

#define VFIO_MAX_GROUPS 64
#define PCI_COMMAND 0x04
#define PCI_COMMAND_MASTER 0x4

struct vfio_group {
	int num;           /* /dev/vfio/<num> */
	int fd;            /* -1: slot free */
	unsigned int users; /* devices of ours in the group */
};

/* hal_bar.hal_priv of a BAR mapped through VFIO. */
struct vfio_device {
	int fd;
	struct vfio_group *group;
};

static struct {
	int container;   /* -1 until the first device */
	bool noiommu;    /* the container's IOMMU is VFIO_NOIOMMU_IOMMU */
	bool iommu_set;  /* VFIO_SET_IOMMU done: DMA maps may go in */
	struct vfio_group groups[VFIO_MAX_GROUPS];
} vfio = { .container = -1 };

static int real_ioctl(int fd, unsigned long req, uintptr_t arg)
{
	return ioctl(fd, req, arg);
}

static hal_linux_ioctl_fn vfio_ioctl = real_ioctl;

void hal_linux_vfio_set_ioctl(hal_linux_ioctl_fn fn)
{
	vfio_ioctl = fn != NULL ? fn : real_ioctl;
}

bool hal_linux_vfio_noiommu(void)
{
	char path[HAL_PATH_MAX], val[8];

	if (hal_linux_path(path, sizeof(path), "%s/module/vfio/parameters/enable_unsafe_noiommu_mode",
			   hal_linux_sysfs_root()) < 0 ||
	    hal_linux_read_line(path, val, sizeof(val)) < 0)
		return false;
	return val[0] == 'Y' || val[0] == 'y' || val[0] == '1';
}

/* One line per failure, naming the device. */
static void __rte_format_printf(2, 3) vfio_err(const char *bdf, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	RTE_LOG(ERR, EAL, "VFIO %s: %s\n", bdf, msg);
}

/* The container, opened and checked on first use. 0 or -errno. */
static int container_open(const char *bdf)
{
	char path[HAL_PATH_MAX];
	int fd, ret, type;

	if (vfio.container >= 0)
		return 0;
	if (hal_linux_path(path, sizeof(path), "%s/vfio/vfio", hal_linux_dev_root()) < 0)
		return -ENAMETOOLONG;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		if (ret == -ENOENT) {
			vfio_err(bdf, "%s not found: the vfio module is not loaded (modprobe vfio-pci)", path);
			return -ENODEV;
		}
		vfio_err(bdf, "cannot open %s: %s", path, strerror(-ret));
		return ret;
	}
	ret = vfio_ioctl(fd, VFIO_GET_API_VERSION, 0);
	if (ret != VFIO_API_VERSION) {
		vfio_err(bdf, "kernel VFIO API version %d, rtemem speaks %d", ret,
			 VFIO_API_VERSION);
		close(fd);
		return -EINVAL;
	}
	vfio.noiommu = hal_linux_vfio_noiommu();
	type = vfio.noiommu ? VFIO_NOIOMMU_IOMMU : VFIO_TYPE1_IOMMU;
	if (vfio_ioctl(fd, VFIO_CHECK_EXTENSION, (uintptr_t)type) <= 0) {
		vfio_err(bdf, "the kernel's VFIO offers no %s IOMMU", vfio.noiommu ? "no-IOMMU" : "type-1");
		close(fd);
		return -ENOTSUP;
	}
	vfio.container = fd;
	vfio.iommu_set = false;
	return 0;
}

/* Closed with the last group: the kernel drops every DMA mapping with it. */
static void container_close_if_unused(void)
{
	for (int i = 0; i < VFIO_MAX_GROUPS; i++)
		if (vfio.groups[i].users > 0)
			return;
	if (vfio.container >= 0)
		close(vfio.container);
	vfio.container = -1;
	vfio.iommu_set = false;
}

/* The IOMMU group number of a device: its iommu_group link's last part. */
static int group_number(const char *dev_dir, const char *bdf)
{
	char path[HAL_PATH_MAX], target[HAL_PATH_MAX];
	const char *base;
	char *end;
	ssize_t n;
	long num;

	if (hal_linux_path(path, sizeof(path), "%s/iommu_group", dev_dir) < 0)
		return -ENAMETOOLONG;
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0) {
		vfio_err(bdf, "no IOMMU group: turn the IOMMU on (intel_iommu=on) or vfio's no-IOMMU mode");
		return -ENODEV;
	}
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base != NULL ? base + 1 : target;
	errno = 0;
	num = strtol(base, &end, 10);
	if (errno != 0 || end == base || *end != '\0' || num < 0 || num > INT32_MAX)
		return -EINVAL;
	return (int)num;
}

static void group_put(struct vfio_group *g)
{
	if (g == NULL || g->users == 0 || --g->users > 0)
		return;
	close(g->fd);
	g->fd = -1;
	container_close_if_unused();
}

/* The group of the device at dev_dir, opened, viable and in the container,
 * with one more user. NULL with *err set otherwise. */
static struct vfio_group *group_get(const char *dev_dir, const char *bdf, int *err)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
	struct vfio_group *g = NULL;
	char path[HAL_PATH_MAX];
	int num, ret;

	num = group_number(dev_dir, bdf);
	if (num < 0) {
		*err = num;
		return NULL;
	}
	for (int i = 0; i < VFIO_MAX_GROUPS; i++)
		if (vfio.groups[i].users > 0 && vfio.groups[i].num == num) {
			vfio.groups[i].users++;
			return &vfio.groups[i];
		}
	for (int i = 0; i < VFIO_MAX_GROUPS && g == NULL; i++)
		if (vfio.groups[i].users == 0)
			g = &vfio.groups[i];
	if (g == NULL) {
		*err = -ENOSPC;
		return NULL;
	}
	if (hal_linux_path(path, sizeof(path), "%s/vfio/%s%d", hal_linux_dev_root(),
			   vfio.noiommu ? "noiommu-" : "", num) < 0) {
		*err = -ENAMETOOLONG;
		return NULL;
	}
	g->fd = open(path, O_RDWR | O_CLOEXEC);
	if (g->fd < 0) {
		ret = -errno;
		if (ret == -EBUSY)
			vfio_err(bdf, "IOMMU group %d is in use by another process", num);
		else
			vfio_err(bdf, "cannot open %s: %s", path, strerror(-ret));
		*err = ret;
		return NULL;
	}
	g->num = num;
	g->users = 1;
	if (vfio_ioctl(g->fd, VFIO_GROUP_GET_STATUS, (uintptr_t)&status) < 0) {
		ret = -errno;
		vfio_err(bdf, "VFIO_GROUP_GET_STATUS of group %d: %s", num, strerror(-ret));
		goto fail;
	}
	if (!(status.flags & VFIO_GROUP_FLAGS_VIABLE)) {
		vfio_err(bdf, "IOMMU group %d is not viable: bind every device in it to vfio-pci", num);
		ret = -EPERM;
		goto fail;
	}
	if (!(status.flags & VFIO_GROUP_FLAGS_CONTAINER_SET) &&
	    vfio_ioctl(g->fd, VFIO_GROUP_SET_CONTAINER, (uintptr_t)&vfio.container) < 0) {
		ret = -errno;
		vfio_err(bdf, "VFIO_GROUP_SET_CONTAINER of group %d: %s", num, strerror(-ret));
		goto fail;
	}
	/* The IOMMU type can be set only once a group is in the container. */
	if (!vfio.iommu_set) {
		int type = vfio.noiommu ? VFIO_NOIOMMU_IOMMU : VFIO_TYPE1_IOMMU;

		if (vfio_ioctl(vfio.container, VFIO_SET_IOMMU, (uintptr_t)type) < 0) {
			ret = -errno;
			vfio_err(bdf, "VFIO_SET_IOMMU: %s", strerror(-ret));
			goto fail;
		}
		vfio.iommu_set = true;
	}
	return g;
fail:
	group_put(g);
	*err = ret;
	return NULL;
}

static int region_info(int dev_fd, unsigned int index, struct vfio_region_info *info)
{
	memset(info, 0, sizeof(*info));
	info->argsz = sizeof(*info);
	info->index = index;
	return vfio_ioctl(dev_fd, VFIO_DEVICE_GET_REGION_INFO, (uintptr_t)info) < 0 ? -errno : 0;
}

/* Let the device master the bus (DMA), through its config space region. */
static int bus_master_on(int dev_fd, const char *bdf)
{
	struct vfio_region_info cfg;
	uint16_t cmd;
	int ret = region_info(dev_fd, VFIO_PCI_CONFIG_REGION_INDEX, &cfg);

	if (ret < 0) {
		vfio_err(bdf, "no config space region: %s", strerror(-ret));
		return ret;
	}
	if (pread(dev_fd, &cmd, sizeof(cmd), (off_t)(cfg.offset + PCI_COMMAND)) != sizeof(cmd))
		ret = -EIO;
	cmd = htole16(le16toh(cmd) | PCI_COMMAND_MASTER);
	if (ret == 0 &&
	    pwrite(dev_fd, &cmd, sizeof(cmd), (off_t)(cfg.offset + PCI_COMMAND)) != sizeof(cmd))
		ret = -EIO;
	if (ret < 0)
		vfio_err(bdf, "cannot turn bus mastering on in the config space");
	return ret;
}

int hal_linux_vfio_map_bar(const char *dev_dir, const char *bdf, int bar, struct hal_bar *out)
{
	struct vfio_region_info info;
	struct vfio_device *vd;
	struct vfio_group *g;
	void *va = MAP_FAILED;
	int ret;

	vd = calloc(1, sizeof(*vd));
	if (vd == NULL)
		return -ENOMEM;
	vd->fd = -1;
	ret = container_open(bdf);
	if (ret < 0)
		goto fail;
	g = group_get(dev_dir, bdf, &ret);
	if (g == NULL) {
		container_close_if_unused();
		goto fail;
	}
	vd->group = g;
	vd->fd = vfio_ioctl(g->fd, VFIO_GROUP_GET_DEVICE_FD, (uintptr_t)bdf);
	if (vd->fd < 0) {
		ret = -errno;
		if (ret == -EBUSY)
			vfio_err(bdf, "the device is in use (opened by another process)");
		else
			vfio_err(bdf, "VFIO_GROUP_GET_DEVICE_FD: %s", strerror(-ret));
		goto fail;
	}
	ret = region_info(vd->fd, VFIO_PCI_BAR0_REGION_INDEX + (unsigned int)bar, &info);
	if (ret == 0 && info.size == 0)
		ret = -ENODEV;
	else if (ret == 0 && !(info.flags & VFIO_REGION_INFO_FLAG_MMAP))
		ret = -ENOTSUP;
	if (ret < 0) {
		vfio_err(bdf, "BAR%d cannot be mapped: %s", bar, strerror(-ret));
		goto fail;
	}
	va = mmap(NULL, (size_t)info.size, PROT_READ | PROT_WRITE, MAP_SHARED, vd->fd,
		  (off_t)info.offset);
	if (va == MAP_FAILED) {
		ret = -errno;
		vfio_err(bdf, "mmap of BAR%d: %s", bar, strerror(-ret));
		goto fail;
	}
	ret = bus_master_on(vd->fd, bdf);
	if (ret < 0)
		goto fail;
	out->va = va;
	out->len = (size_t)info.size;
	out->hal_priv = vd;
	return 0;
fail:
	if (va != MAP_FAILED)
		munmap(va, (size_t)info.size);
	if (vd->fd >= 0)
		close(vd->fd);
	group_put(vd->group);
	free(vd);
	return ret;
}

void hal_linux_vfio_unmap_bar(struct hal_bar *bar)
{
	struct vfio_device *vd = bar->hal_priv;

	munmap((void *)(uintptr_t)bar->va, bar->len);
	close(vd->fd);
	group_put(vd->group);
	free(vd);
}

/* Only a type-1 container translates; otherwise devices see physical
 * addresses and there is nothing to program. */
static bool iommu_translates(void)
{
	return vfio.container >= 0 && vfio.iommu_set && !vfio.noiommu;
}

int hal_dma_map(const void *va, rte_iova_t iova, size_t len)
{
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = (uintptr_t)va,
		.iova = iova,
		.size = len,
	};

	if (!iommu_translates())
		return 0;
	return vfio_ioctl(vfio.container, VFIO_IOMMU_MAP_DMA, (uintptr_t)&map) < 0 ? -errno : 0;
}

int hal_dma_unmap(rte_iova_t iova, size_t len)
{
	struct vfio_iommu_type1_dma_unmap unmap = {
		.argsz = sizeof(unmap),
		.iova = iova,
		.size = len,
	};

	if (!iommu_translates())
		return 0;
	if (vfio_ioctl(vfio.container, VFIO_IOMMU_UNMAP_DMA, (uintptr_t)&unmap) < 0)
		return -errno;
	/* The kernel says how much it unmapped: nothing means nothing was there. */
	return unmap.size == len ? 0 : -ENOENT;
}

void hal_linux_vfio_close_all(void)
{
	for (int i = 0; i < VFIO_MAX_GROUPS; i++)
		if (vfio.groups[i].users > 0) {
			close(vfio.groups[i].fd);
			vfio.groups[i].users = 0;
		}
	container_close_if_unused();
}
