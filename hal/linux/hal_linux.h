/* SPDX-License-Identifier: BSD-3-Clause
 * State and helpers shared by the files of the Linux HAL. Nothing outside
 * hal/linux includes this, except tests/test_hal_linux.c, which drives the
 * sysfs and /proc parsers against fake trees it builds itself.
 */
#ifndef RTEMEM_HAL_LINUX_H
#define RTEMEM_HAL_LINUX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hal.h"

/* One usable hugepage size: where its files go and how many pages are free. */
struct hal_linux_huge_type {
	uint64_t page_sz;
	char dir[HAL_PATH_MAX];   /* hugetlbfs mount; "" when only memfd is used */
	unsigned int num_pages[RTE_MAX_NUMA_NODES];
};

struct hal_linux_state {
	bool initialized;
	char prefix[64];
	bool in_memory;
	bool no_huge;
	bool secondary;
	size_t base_page_sz;
	unsigned int socket_count;
	int n_types;
	struct hal_linux_huge_type types[HAL_MAX_PAGE_SIZES];
};

extern struct hal_linux_state hal_linux;

/*
 * Where hugepage discovery reads from. Real runs use /proc/mounts,
 * /proc/meminfo and the sysfs root; tests point them at a fake tree.
 */
struct hal_linux_huge_sources {
	const char *mounts;   /* /proc/mounts format */
	const char *meminfo;  /* for the default Hugepagesize */
	const char *sysfs;    /* root holding kernel/mm/hugepages, devices/system/node */
};

/*
 * Fill types (smallest first) with every hugepage size that has a hugetlbfs
 * mount (only huge_dir when it is given; it must be a hugetlbfs mount) or,
 * with in_memory, every size the kernel offers (memfd needs no mount).
 * Returns how many sizes were found or a negative errno.
 */
int hal_linux_huge_discover(const struct hal_linux_huge_sources *src, const char *huge_dir,
			    bool in_memory, struct hal_linux_huge_type *types, int max);

/* Parse "2M", "1024M", "1G", "2048k" into bytes; 0 when malformed. */
uint64_t hal_linux_parse_size(const char *s);

/* --- sysfs (hal_linux_sysfs.c) ---------------------------------------- */

/* "/sys", or the fake tree a test set with hal_linux_set_sysfs_root
 * (NULL or "" for /sys again). Internal: tests only. */
const char *hal_linux_sysfs_root(void);
void hal_linux_set_sysfs_root(const char *root);
/* "/dev", or the fake tree a test set (NULL or "" for /dev again). Internal:
 * tests only, like the sysfs root. */
const char *hal_linux_dev_root(void);
void hal_linux_set_dev_root(const char *root);
/* Read a small text file into buf (trailing newline removed). 0 or -errno. */
int hal_linux_read_line(const char *path, char *buf, size_t len);
/* Read a file holding one number (decimal, or hex with 0x). 0 or -errno. */
int hal_linux_read_long(const char *path, long *val);
/* snprintf into buf; -ENAMETOOLONG when it does not fit. */
int hal_linux_path(char *buf, size_t len, const char *fmt, ...) __rte_format_printf(3, 4);

/* Number of NUMA nodes under a sysfs root (highest nodeN + 1), 1 if none. */
unsigned int hal_linux_node_count(const char *sysfs);

/* --- memory (hal_linux_mem.c) ----------------------------------------- */

/* Remove <prefix>map_* files left in the hugepage mounts by a dead primary. */
void hal_linux_clear_stale_pages(void);
/* Put a PROT_NONE reservation at [va, va+len) again. */

/* --- VFIO (hal_linux_vfio.c) ------------------------------------------- */

/*
 * Map BAR bar of the device at dev_dir (its sysfs directory; bdf its
 * name) through VFIO: container, group, device fd, region mmap, bus
 * mastering on. out->hal_priv holds the device; unmap gives all of it back
 * (the group and container with their last device). 0 or -errno, with one
 * line logged saying what failed.
 */
int hal_linux_vfio_map_bar(const char *dev_dir, const char *bdf, int bar, struct hal_bar *out);
void hal_linux_vfio_unmap_bar(struct hal_bar *bar);
/* Is vfio's no-IOMMU mode on (<sysfs>/module/vfio/parameters)? */
bool hal_linux_vfio_noiommu(void);
/* hal_cleanup: close every group and the container. */
void hal_linux_vfio_close_all(void);
/* Internal, tests only: every VFIO ioctl goes through fn (NULL: the real
 * ioctl). fn returns what ioctl would, setting errno. */
typedef int (*hal_linux_ioctl_fn)(int fd, unsigned long req, uintptr_t arg);
void hal_linux_vfio_set_ioctl(hal_linux_ioctl_fn fn);

/* --- pagemap (hal_linux_pagemap.c) ------------------------------------ */

void hal_linux_pagemap_close(void);

#endif
