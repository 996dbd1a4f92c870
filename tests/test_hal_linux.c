/* SPDX-License-Identifier: BSD-3-Clause
 * The Linux HAL on its own: sysfs and /proc parsing against fake trees built
 * in a temporary directory, address space reservation, runtime files, and
 * (as root, with hugepages reserved by ci/with-hugepages.sh) real 2 MB pages
 * mapped, read back and translated to physical addresses.
 * Built with HAL=sim, every case skips.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/magic.h>
#include <linux/mempolicy.h>

#include <cmocka.h>

#include "common/rtetest.h"
#include "hal.h"
#ifdef RTEMEM_HAL_linux
#include "hal_linux.h"
#endif

#define MB2 (2UL << 20)

/* The temporary directory holding the fake trees (group setup). */
static char tmp_root[256];

/* Point the Linux HAL at a fake sysfs tree (NULL: /sys again); the
 * simulated machine has no sysfs to move. */
static void set_sysfs_root(const char *root)
{
#ifdef RTEMEM_HAL_linux
	hal_linux_set_sysfs_root(root);
#else
	(void)root;
#endif
}

static void linux_only(void)
{
	if (rtetest_hal_is_sim())
		skip();
}

/* --- helpers ----------------------------------------------------------- */

static void write_file(const char *content, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void write_file(const char *content, const char *fmt, ...)
{
	char path[1024];
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	/* mkdir -p of the parent */
	for (char *p = path + 1; *p != '\0'; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(content, f);
	fclose(f);
}

static void make_dir(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void make_dir(const char *fmt, ...)
{
	char path[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	for (char *p = path + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			mkdir(path, 0755);
			*p = c;
			if (c == '\0')
				break;
		}
	}
}

/* Permissions ("rw-p", "---p") of the mapping holding addr, "" if unmapped. */
static const char *map_perms(const void *addr)
{
	static char perms[8];
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");

	perms[0] = '\0';
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		unsigned long lo, hi;
		char p[8];

		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, p) == 3 && (uintptr_t)addr >= lo &&
		    (uintptr_t)addr < hi) {
			strcpy(perms, p);
			break;
		}
	}
	fclose(f);
	return perms;
}

static bool path_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/*
 * A fake sysfs: three hugepage sizes (64 kB has no mount), two NUMA nodes,
 * three CPUs, and four PCI devices: a vfio-pci X710 with a 64 kB BAR0 file,
 * a virtio NIC, a host bridge without driver, and one in PCI domain 1.
 */
static void build_fake_sysfs(const char *r)
{
	static const char *const sizes[] = { "64kB", "2048kB", "1048576kB" };
	static const char *const free_total[] = { "7\n", "100\n", "2\n" };
	static const char *const free_node0[] = { "7\n", "60\n", "2\n" };
	static const char *const free_node1[] = { "0\n", "40\n", "0\n" };
	char path[1024], target[1024], mounts[2048];
	uint8_t bar[65536];

	for (int i = 0; i < 3; i++) {
		write_file(free_total[i], "%s/sys/kernel/mm/hugepages/hugepages-%s/free_hugepages", r, sizes[i]);
		write_file("4\n", "%s/sys/kernel/mm/hugepages/hugepages-%s/resv_hugepages", r, sizes[i]);
		write_file(free_node0[i], "%s/sys/devices/system/node/node0/hugepages/hugepages-%s/free_hugepages", r, sizes[i]);
		write_file(free_node1[i], "%s/sys/devices/system/node/node1/hugepages/hugepages-%s/free_hugepages", r, sizes[i]);
	}
	write_file("Y\n", "%s/sys/kernel/mm/hugepages/not-a-size", r);
	write_file("0-1\n", "%s/sys/devices/system/node/possible", r);
	make_dir("%s/sys/devices/system/cpu/cpu0/node0", r);
	make_dir("%s/sys/devices/system/cpu/cpu1/node1", r);
	write_file("1\n", "%s/sys/devices/system/cpu/cpu2/topology/physical_package_id", r);

	/* The same tree without per-node information. */
	for (int i = 0; i < 3; i++) {
		write_file(free_total[i], "%s/flat/kernel/mm/hugepages/hugepages-%s/free_hugepages", r, sizes[i]);
		write_file("4\n", "%s/flat/kernel/mm/hugepages/hugepages-%s/resv_hugepages", r, sizes[i]);
	}

	write_file("0x8086\n", "%s/sys/bus/pci/devices/0000:3b:00.0/vendor", r);
	write_file("0x1572\n", "%s/sys/bus/pci/devices/0000:3b:00.0/device", r);
	write_file("1\n", "%s/sys/bus/pci/devices/0000:3b:00.0/numa_node", r);
	for (size_t i = 0; i < sizeof(bar); i++)
		bar[i] = (uint8_t)i;
	snprintf(path, sizeof(path), "%s/sys/bus/pci/devices/0000:3b:00.0/resource0", r);
	{
		FILE *f = fopen(path, "w");

		assert_non_null(f);
		assert_int_equal(fwrite(bar, 1, sizeof(bar), f), sizeof(bar));
		fclose(f);
	}

	write_file("0x1af4\n", "%s/sys/bus/pci/devices/0000:00:03.0/vendor", r);
	write_file("0x1041\n", "%s/sys/bus/pci/devices/0000:00:03.0/device", r);
	write_file("-1\n", "%s/sys/bus/pci/devices/0000:00:03.0/numa_node", r);
	write_file("virtio registers\n", "%s/sys/bus/pci/devices/0000:00:03.0/resource0", r);

	write_file("0x8086\n", "%s/sys/bus/pci/devices/0000:00:00.0/vendor", r);
	write_file("0x0d57\n", "%s/sys/bus/pci/devices/0000:00:00.0/device", r);
	write_file("bridge\n", "%s/sys/bus/pci/devices/0000:00:00.0/resource0", r);

	write_file("0x8086\n", "%s/sys/bus/pci/devices/0001:00:02.1/vendor", r);
	write_file("0x1583\n", "%s/sys/bus/pci/devices/0001:00:02.1/device", r);
	write_file("0\n", "%s/sys/bus/pci/devices/0001:00:02.1/numa_node", r);

	/* Not a PCI address, and a device whose IDs do not parse: both ignored. */
	write_file("x\n", "%s/sys/bus/pci/devices/garbage/vendor", r);
	write_file("banana\n", "%s/sys/bus/pci/devices/0000:00:09.0/vendor", r);
	write_file("0x1234\n", "%s/sys/bus/pci/devices/0000:00:09.0/device", r);

	make_dir("%s/sys/bus/pci/drivers/vfio-pci", r);
	make_dir("%s/sys/bus/pci/drivers/virtio-pci", r);
	make_dir("%s/sys/bus/pci/drivers/uio_pci_generic", r);
	snprintf(path, sizeof(path), "%s/sys/bus/pci/devices/0000:3b:00.0/driver", r);
	snprintf(target, sizeof(target), "../../../bus/pci/drivers/vfio-pci");
	assert_int_equal(symlink(target, path), 0);
	snprintf(path, sizeof(path), "%s/sys/bus/pci/devices/0000:00:03.0/driver", r);
	snprintf(target, sizeof(target), "../../../bus/pci/drivers/virtio-pci");
	assert_int_equal(symlink(target, path), 0);
	snprintf(path, sizeof(path), "%s/sys/bus/pci/devices/0001:00:02.1/driver", r);
	snprintf(target, sizeof(target), "../../../bus/pci/drivers/uio_pci_generic");
	assert_int_equal(symlink(target, path), 0);

	/* /proc/mounts and /proc/meminfo look-alikes; 1 GB is the default size. */
	make_dir("%s/huge2m", r);
	make_dir("%s/huge1g", r);
	make_dir("%s/my huge", r);
	make_dir("%s/plain", r);
	snprintf(mounts, sizeof(mounts),
		 "proc /proc proc rw,nosuid 0 0\n"
		 "tmpfs %s/plain tmpfs rw 0 0\n"
		 "nodev %s/huge2m hugetlbfs rw,relatime,pagesize=2M 0 0\n"
		 "nodev %s/huge1g hugetlbfs rw,relatime 0 0\n"
		 "nodev %s/my\\040huge hugetlbfs rw,pagesize=2M 0 0\n"
		 "broken line\n",
		 r, r, r, r);
	write_file(mounts, "%s/mounts", r);
	write_file("MemTotal:       24000000 kB\nHugePages_Total:       0\n"
		   "Hugepagesize:    1048576 kB\n", "%s/meminfo", r);
	write_file("MemTotal:       24000000 kB\nHugepagesize:       2048 kB\n",
		   "%s/meminfo2m", r);
	/* Only the mount with an escaped space offers 2 MB pages here. */
	snprintf(path, sizeof(path), "nodev %s/my\\040huge hugetlbfs rw,pagesize=2M 0 0\n", r);
	write_file(path, "%s/mounts-escaped", r);
}

static int group_setup(void **state)
{
	(void)state;
	if (rtetest_hal_is_sim())
		return 0;
	snprintf(tmp_root, sizeof(tmp_root), "/tmp/rtemem-test-hal-XXXXXX");
	if (mkdtemp(tmp_root) == NULL)
		return -1;
	build_fake_sysfs(tmp_root);
	return 0;
}

static int group_teardown(void **state)
{
	char cmd[512];

	(void)state;
	set_sysfs_root(NULL);
	if (tmp_root[0] != '\0' && strncmp(tmp_root, "/tmp/rtemem-test-hal-", 21) == 0) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp_root);
		if (system(cmd) != 0)
			return -1;
	}
	return 0;
}

static void use_fake_sysfs(void)
{
	char root[300];

	snprintf(root, sizeof(root), "%s/sys", tmp_root);
	set_sysfs_root(root);
}

static int init_with(const char *prefix, bool in_memory, bool no_huge, const char *huge_dir)
{
	struct hal_config cfg = {
		.file_prefix = prefix,
		.huge_dir = huge_dir,
		.in_memory = in_memory,
		.no_huge = no_huge,
	};

	return hal_init(&cfg);
}

/* --- start-up ---------------------------------------------------------- */

static void test_init_refuses_bad_config(void **state)
{
	struct hal_config cfg = { .file_prefix = "t", .sim_options = "sockets=2", .no_huge = true };

	(void)state;
	linux_only();
	assert_int_equal(hal_init(NULL), -EINVAL);
	assert_int_equal(hal_init(&cfg), -EINVAL);
	cfg.sim_options = "";
	cfg.file_prefix = "a/b";
	assert_int_equal(hal_init(&cfg), -EINVAL);
	/* /tmp is not a hugetlbfs mount; a missing directory is not either. */
	assert_int_equal(init_with("t", false, false, "/tmp"), -EINVAL);
	assert_int_equal(init_with("t", false, false, "/nonexistent/rtemem"), -EINVAL);
	cfg.file_prefix = "t";
	assert_int_equal(hal_init(&cfg), 0);
	hal_cleanup();
}

static void test_no_huge_machine_facts(void **state)
{
	struct hal_hugepage_type types[HAL_MAX_PAGE_SIZES];

	(void)state;
	linux_only();
	assert_int_equal(init_with("t", false, true, NULL), 0);
	assert_string_equal(hal_name(), "linux");
	assert_int_equal(hal_base_page_size(), (size_t)sysconf(_SC_PAGESIZE));
	assert_int_equal(hal_hugepage_types(types, HAL_MAX_PAGE_SIZES), 1);
	assert_int_equal(types[0].page_sz, (size_t)sysconf(_SC_PAGESIZE));
	assert_true(types[0].num_pages[0] > 0);
	assert_int_equal(hal_hugepage_types(types, 0), 0);
	assert_int_equal(hal_hugepage_types(NULL, 1), -EINVAL);
	assert_int_equal(hal_cpu_count(), (unsigned int)sysconf(_SC_NPROCESSORS_CONF));
	assert_true(hal_socket_count() >= 1);
	assert_false(hal_iova_is_pa());
	hal_cleanup();
}

/* --- fake sysfs: hugepages, NUMA, CPUs -------------------------------- */

#ifdef RTEMEM_HAL_linux
static int discover(const char *sysfs, const char *meminfo, const char *mounts,
		    const char *huge_dir, bool in_memory, struct hal_linux_huge_type *t, int max)
{
	char s[300], m[300], mi[300];
	struct hal_linux_huge_sources src = { .mounts = m, .meminfo = mi, .sysfs = s };

	snprintf(s, sizeof(s), "%s/%s", tmp_root, sysfs);
	snprintf(m, sizeof(m), "%s/%s", tmp_root, mounts);
	snprintf(mi, sizeof(mi), "%s/%s", tmp_root, meminfo);
	return hal_linux_huge_discover(&src, huge_dir, in_memory, t, max);
}
#endif

static void test_fake_hugepage_discovery(void **state)
{
	(void)state;
	linux_only();
#ifdef RTEMEM_HAL_linux
	struct hal_linux_huge_type t[HAL_MAX_PAGE_SIZES];
	char dir[300];

	/* 64 kB has no mount; 2 MB by pagesize=, 1 GB as the default size. */
	assert_int_equal(discover("sys", "meminfo", "mounts", NULL, false, t, HAL_MAX_PAGE_SIZES), 2);
	assert_int_equal(t[0].page_sz, MB2);
	snprintf(dir, sizeof(dir), "%s/huge2m", tmp_root);
	assert_string_equal(t[0].dir, dir);
	assert_int_equal(t[0].num_pages[0], 60);
	assert_int_equal(t[0].num_pages[1], 40);
	assert_int_equal(t[0].num_pages[2], 0);
	assert_int_equal(t[1].page_sz, 1UL << 30);
	snprintf(dir, sizeof(dir), "%s/huge1g", tmp_root);
	assert_string_equal(t[1].dir, dir);
	assert_int_equal(t[1].num_pages[0], 2);
	assert_int_equal(t[1].num_pages[1], 0);

	/* Room for one: the smallest usable size. */
	assert_int_equal(discover("sys", "meminfo", "mounts", NULL, false, t, 1), 1);
	assert_int_equal(t[0].page_sz, MB2);

	/* In-memory (memfd) needs no mount: all three sizes, 64 kB without a dir. */
	assert_int_equal(discover("sys", "meminfo", "mounts", NULL, true, t, HAL_MAX_PAGE_SIZES), 3);
	assert_int_equal(t[0].page_sz, 64UL << 10);
	assert_string_equal(t[0].dir, "");
	assert_int_equal(t[0].num_pages[0], 7);

	/* --huge-dir picks that mount and its size only. */
	snprintf(dir, sizeof(dir), "%s/huge1g", tmp_root);
	assert_int_equal(discover("sys", "meminfo", "mounts", dir, false, t, HAL_MAX_PAGE_SIZES), 1);
	assert_int_equal(t[0].page_sz, 1UL << 30);
	assert_string_equal(t[0].dir, dir);
	/* ... given with a trailing slash too (realpath). */
	snprintf(dir, sizeof(dir), "%s/huge2m/", tmp_root);
	assert_int_equal(discover("sys", "meminfo", "mounts", dir, false, t, HAL_MAX_PAGE_SIZES), 1);
	assert_int_equal(t[0].page_sz, MB2);
	/* A tmpfs directory is refused. */
	snprintf(dir, sizeof(dir), "%s/plain", tmp_root);
	assert_int_equal(discover("sys", "meminfo", "mounts", dir, false, t, HAL_MAX_PAGE_SIZES), -EINVAL);

	/* Mount paths with escapes (\040 = space) are decoded. */
	assert_int_equal(discover("sys", "meminfo2m", "mounts-escaped", NULL, false, t, 4), 1);
	snprintf(dir, sizeof(dir), "%s/my huge", tmp_root);
	assert_string_equal(t[0].dir, dir);
	assert_int_equal(t[0].page_sz, MB2);

	/* Without NUMA nodes: everything on socket 0, reserved pages taken off. */
	assert_int_equal(discover("flat", "meminfo", "mounts", NULL, false, t, HAL_MAX_PAGE_SIZES), 2);
	assert_int_equal(t[0].num_pages[0], 96);
	assert_int_equal(t[0].num_pages[1], 0);
	assert_int_equal(t[1].num_pages[0], 0); /* 2 free, 4 reserved */

	/* No mounts file at all: nothing usable, no crash. */
	assert_int_equal(discover("sys", "meminfo", "no-such-file", NULL, false, t, 4), 0);
	assert_int_equal(discover("sys", "meminfo", "mounts", NULL, false, NULL, 4), -EINVAL);

	assert_int_equal(hal_linux_parse_size("2M"), MB2);
	assert_int_equal(hal_linux_parse_size("1024M"), 1UL << 30);
	assert_int_equal(hal_linux_parse_size("1G"), 1UL << 30);
	assert_int_equal(hal_linux_parse_size("2048kB"), MB2);
	assert_int_equal(hal_linux_parse_size("4096"), 4096);
	assert_int_equal(hal_linux_parse_size("2Q"), 0);
	assert_int_equal(hal_linux_parse_size("M"), 0);
	assert_int_equal(hal_linux_parse_size(NULL), 0);
#endif
}

static void test_fake_numa_and_cpus(void **state)
{
	(void)state;
	linux_only();
	use_fake_sysfs();
	assert_int_equal(hal_socket_count(), 2);
	assert_int_equal(hal_cpu_socket(0), 0);
	assert_int_equal(hal_cpu_socket(1), 1);
	assert_int_equal(hal_cpu_socket(2), 1); /* no node link: package id */
	assert_int_equal(hal_cpu_socket(77), 0);
	set_sysfs_root(NULL);
}

/* --- fake sysfs: PCI --------------------------------------------------- */

static void test_fake_pci_scan(void **state)
{
	struct hal_pci_device devs[8];

	(void)state;
	linux_only();
	use_fake_sysfs();
	assert_int_equal(hal_pci_scan(devs, 8), 4);
	/* Sorted by address. */
	assert_int_equal(devs[0].addr.domain, 0);
	assert_int_equal(devs[0].addr.bus, 0);
	assert_int_equal(devs[0].addr.devid, 0);
	assert_int_equal(devs[0].vendor_id, 0x8086);
	assert_int_equal(devs[0].device_id, 0x0d57);
	assert_int_equal(devs[0].numa_node, -1);
	assert_string_equal(devs[0].driver, "");

	assert_int_equal(devs[1].addr.devid, 3);
	assert_int_equal(devs[1].vendor_id, 0x1af4);
	assert_int_equal(devs[1].device_id, 0x1041);
	assert_int_equal(devs[1].numa_node, -1);
	assert_string_equal(devs[1].driver, "virtio-pci");

	assert_int_equal(devs[2].addr.domain, 0);
	assert_int_equal(devs[2].addr.bus, 0x3b);
	assert_int_equal(devs[2].addr.devid, 0);
	assert_int_equal(devs[2].addr.function, 0);
	assert_int_equal(devs[2].vendor_id, 0x8086);
	assert_int_equal(devs[2].device_id, 0x1572);
	assert_int_equal(devs[2].numa_node, 1);
	assert_string_equal(devs[2].driver, "vfio-pci");

	assert_int_equal(devs[3].addr.domain, 1);
	assert_int_equal(devs[3].addr.devid, 2);
	assert_int_equal(devs[3].addr.function, 1);
	assert_int_equal(devs[3].device_id, 0x1583);
	assert_int_equal(devs[3].numa_node, 0);
	assert_string_equal(devs[3].driver, "uio_pci_generic");

	assert_int_equal(hal_pci_scan(devs, 2), 2);
	assert_int_equal(hal_pci_scan(devs, 0), 0);
	assert_int_equal(hal_pci_scan(NULL, 0), 0);
	assert_int_equal(hal_pci_scan(NULL, 3), -EINVAL);
	assert_int_equal(hal_pci_scan(devs, -1), -EINVAL);

	/* No PCI bus at all. */
	set_sysfs_root("/nonexistent/rtemem-sysfs");
	assert_int_equal(hal_pci_scan(devs, 8), 0);
	set_sysfs_root(NULL);
}

/* Bind the fake device bdf to driver (its driver link in the fake tree). */
static void relink_driver(const char *bdf, const char *driver)
{
	char path[600], target[300];

	snprintf(path, sizeof(path), "%s/sys/bus/pci/devices/%s/driver", tmp_root, bdf);
	snprintf(target, sizeof(target), "../../../bus/pci/drivers/%s", driver);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(symlink(target, path), 0);
}

static void test_fake_pci_bar(void **state)
{
	struct hal_pci_device devs[8];
	struct hal_bar bar = { 0 };
	struct hal_bar none = { 0 };
	char path[512];
	uint8_t bytes[4];
	int fd;

	(void)state;
	linux_only();
	use_fake_sysfs();
	assert_int_equal(hal_pci_scan(devs, 8), 4);

	/* Kernel-owned devices are never mapped. */
	assert_int_equal(hal_pci_map_bar(&devs[1], 0, &bar), -EPERM);
	assert_null(bar.va);
	assert_int_equal(hal_pci_map_bar(&devs[0], 0, &bar), -EPERM);
	/* A forged driver name does not help: sysfs is asked again. */
	strcpy(devs[1].driver, "vfio-pci");
	assert_int_equal(hal_pci_map_bar(&devs[1], 0, &bar), -EPERM);

	assert_int_equal(hal_pci_map_bar(&devs[2], 6, &bar), -EINVAL);
	assert_int_equal(hal_pci_map_bar(&devs[2], -1, &bar), -EINVAL);
	assert_int_equal(hal_pci_map_bar(&devs[2], 0, NULL), -EINVAL);
	assert_int_equal(hal_pci_map_bar(NULL, 0, &bar), -EINVAL);

	/* The resourceN path is uio's (vfio-pci goes through VFIO, see
	 * test_fake_vfio): bind the port to uio_pci_generic for this part. */
	relink_driver("0000:3b:00.0", "uio_pci_generic");
	assert_int_equal(hal_pci_map_bar(&devs[2], 2, &bar), -ENOENT);
	assert_int_equal(hal_pci_map_bar(&devs[2], 0, &bar), 0);
	relink_driver("0000:3b:00.0", "vfio-pci");
	assert_non_null(bar.va);
	assert_int_equal(bar.len, 65536);
	/* Bytes i, i+1, i+2, i+3 read as one little-endian word. */
	assert_int_equal(hal_bar_read32(&bar, 0), 0x03020100);
	assert_int_equal(hal_bar_read32(&bar, 0x104), 0x07060504);
	assert_int_equal(hal_bar_read32(&bar, 65532), 0xfffefdfc);
	/* Outside the BAR or misaligned: all-ones, nothing touched. */
	assert_int_equal(hal_bar_read32(&bar, 65536), UINT32_MAX);
	assert_int_equal(hal_bar_read32(&bar, 2), UINT32_MAX);
	assert_int_equal(hal_bar_read32(&none, 0), UINT32_MAX);
	assert_int_equal(hal_bar_read32(NULL, 0), UINT32_MAX);
	hal_bar_write32(&bar, 65536, 1);
	hal_bar_write32(NULL, 0, 1);

	hal_bar_write32(&bar, 0x120000 & 0xfffc, 0xa1b2c3d4);
	assert_int_equal(hal_bar_read32(&bar, 0x120000 & 0xfffc), 0xa1b2c3d4);
	hal_pci_unmap_bar(&bar);
	assert_null(bar.va);
	hal_pci_unmap_bar(&bar);

	/* The write reached the file, least significant byte first. */
	snprintf(path, sizeof(path), "%s/sys/bus/pci/devices/0000:3b:00.0/resource0", tmp_root);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, bytes, 4, 0x120000 & 0xfffc), 4);
	close(fd);
	assert_int_equal(bytes[0], 0xd4);
	assert_int_equal(bytes[1], 0xc3);
	assert_int_equal(bytes[2], 0xb2);
	assert_int_equal(bytes[3], 0xa1);

	/* uio_pci_generic is a user-space stub too, but this one has no BAR file. */
	assert_int_equal(hal_pci_map_bar(&devs[3], 0, &bar), -ENOENT);
	set_sysfs_root(NULL);
}

/* --- VFIO against a fake kernel ------------------------------------------ */

#ifdef RTEMEM_HAL_linux
#include <linux/vfio.h>

#define FAKE_GROUP 42
#define FAKE_CFG_OFF 0x10000 /* the config region's offset in the device fd */

/* What the fake kernel answers and what it was asked. */
static struct {
	int api;           /* VFIO_GET_API_VERSION's answer */
	bool viable;
	bool device_busy;
	bool container_set;
	char log[512];     /* every ioctl, in order */
	struct vfio_iommu_type1_dma_map map;
	ino_t container_ino;
	char dev_file[400];
	struct vfio_iommu_type1_dma_unmap unmap; /* last: it ends in a flexible array */
} fk;

static void fk_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fk_log(const char *fmt, ...)
{
	size_t n = strlen(fk.log);
	va_list ap;

	if (n > 0 && n < sizeof(fk.log) - 1)
		fk.log[n++] = ' ';
	va_start(ap, fmt);
	vsnprintf(fk.log + n, sizeof(fk.log) - n, fmt, ap);
	va_end(ap);
}

static bool fd_is_container(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && st.st_ino == fk.container_ino;
}

static int fake_ioctl(int fd, unsigned long req, uintptr_t arg)
{
	switch (req) {
	case VFIO_GET_API_VERSION:
		fk_log("api");
		return fd_is_container(fd) ? fk.api : (errno = ENOTTY, -1);
	case VFIO_CHECK_EXTENSION:
		fk_log("ext:%lu", (unsigned long)arg);
		return arg == VFIO_TYPE1_IOMMU || arg == VFIO_NOIOMMU_IOMMU;
	case VFIO_SET_IOMMU:
		fk_log("iommu:%lu", (unsigned long)arg);
		return fk.container_set && fd_is_container(fd) ? 0 : (errno = EINVAL, -1);
	case VFIO_GROUP_GET_STATUS: {
		struct vfio_group_status *st = (void *)arg;

		fk_log("status");
		assert_int_equal(st->argsz, sizeof(*st));
		st->flags = (fk.viable ? VFIO_GROUP_FLAGS_VIABLE : 0) |
			    (fk.container_set ? VFIO_GROUP_FLAGS_CONTAINER_SET : 0);
		return 0;
	}
	case VFIO_GROUP_SET_CONTAINER:
		fk_log("container");
		if (!fd_is_container(*(const int *)arg))
			return errno = EINVAL, -1;
		fk.container_set = true;
		return 0;
	case VFIO_GROUP_GET_DEVICE_FD:
		fk_log("device:%s", (const char *)arg);
		if (fk.device_busy)
			return errno = EBUSY, -1;
		return open(fk.dev_file, O_RDWR | O_CLOEXEC);
	case VFIO_DEVICE_GET_REGION_INFO: {
		struct vfio_region_info *ri = (void *)arg;

		fk_log("region:%u", ri->index);
		ri->flags = VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE;
		ri->size = 0;
		if (ri->index == VFIO_PCI_BAR0_REGION_INDEX) {
			ri->flags |= VFIO_REGION_INFO_FLAG_MMAP;
			ri->size = 65536;
			ri->offset = 0;
		} else if (ri->index == VFIO_PCI_CONFIG_REGION_INDEX) {
			ri->size = 256;
			ri->offset = FAKE_CFG_OFF;
		}
		return 0;
	}
	case VFIO_IOMMU_MAP_DMA:
		fk_log("map");
		fk.map = *(const struct vfio_iommu_type1_dma_map *)arg;
		return 0;
	case VFIO_IOMMU_UNMAP_DMA: {
		struct vfio_iommu_type1_dma_unmap *u = (void *)arg;

		fk_log("unmap");
		fk.unmap = *u;
		/* Only what was mapped comes out. */
		if (u->iova != fk.map.iova || u->size != fk.map.size)
			u->size = 0;
		return 0;
	}
	default:
		return errno = ENOTTY, -1;
	}
}

/* /dev/vfio/vfio and /dev/vfio/42 as plain files, the device's regions in
 * one file: BAR0 at 0, config space at FAKE_CFG_OFF. */
static void fake_vfio_up(void)
{
	char path[600], target[300];
	uint16_t cmd = 0x0002; /* memory space on, as vfio-pci leaves it */
	uint8_t bar[65536];
	struct stat st;
	FILE *f;

	memset(&fk, 0, sizeof(fk));
	fk.viable = true;
	make_dir("%s/dev/vfio", tmp_root);
	write_file("", "%s/dev/vfio/%d", tmp_root, FAKE_GROUP);
	write_file("", "%s/dev/vfio/noiommu-%d", tmp_root, FAKE_GROUP);
	write_file("", "%s/dev/vfio/vfio", tmp_root);
	snprintf(path, sizeof(path), "%s/dev/vfio/vfio", tmp_root);
	assert_int_equal(stat(path, &st), 0);
	fk.container_ino = st.st_ino;
	snprintf(fk.dev_file, sizeof(fk.dev_file), "%s/vfio-device", tmp_root);
	for (size_t i = 0; i < sizeof(bar); i++)
		bar[i] = (uint8_t)(i * 3);
	f = fopen(fk.dev_file, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(bar, 1, sizeof(bar), f), sizeof(bar));
	assert_int_equal(fwrite(bar, 1, 256, f), 256);
	fclose(f);
	f = fopen(fk.dev_file, "r+");
	assert_non_null(f);
	assert_int_equal(fseek(f, FAKE_CFG_OFF + 4, SEEK_SET), 0);
	assert_int_equal(fwrite(&cmd, 1, 2, f), 2); /* little-endian host assumed by the fake */
	fclose(f);
	make_dir("%s/sys/kernel/iommu_groups/%d", tmp_root, FAKE_GROUP);
	snprintf(path, sizeof(path), "%s/sys/bus/pci/devices/0000:3b:00.0/iommu_group", tmp_root);
	snprintf(target, sizeof(target), "../../../../kernel/iommu_groups/%d", FAKE_GROUP);
	unlink(path);
	assert_int_equal(symlink(target, path), 0);
	snprintf(path, sizeof(path), "%s/dev", tmp_root);
	hal_linux_set_dev_root(path);
	hal_linux_vfio_set_ioctl(fake_ioctl);
	use_fake_sysfs();
}

static void fake_vfio_down(void)
{
	char cmd[1024];

	hal_linux_vfio_set_ioctl(NULL);
	hal_linux_set_dev_root(NULL);
	set_sysfs_root(NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s/dev' '%s/sys/kernel/iommu_groups' '%s/sys/module'",
		 tmp_root, tmp_root, tmp_root);
	assert_int_equal(system(cmd), 0);
}

static uint16_t fake_pci_command(void)
{
	uint16_t cmd = 0;
	int fd = open(fk.dev_file, O_RDONLY);

	assert_true(fd >= 0);
	assert_int_equal(pread(fd, &cmd, 2, FAKE_CFG_OFF + 4), 2);
	close(fd);
	return cmd;
}

static int open_fds(void)
{
	struct dirent *de;
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

static bool not_uio_port(const struct hal_pci_addr *a, void *arg)
{
	(void)arg;
	return a->domain != 1;
}
#endif

/*
 * The ioctl sequence DPDK 22.11's EAL runs for a vfio-pci device, against a
 * fake kernel: each failure refused with its own errno and nothing left
 * open; then the BAR through the device fd, bus mastering on, DMA maps into
 * the container, everything closed with the last device; no-IOMMU mode
 * maps nothing; and the IOVA mode the devices call for.
 */
static void test_fake_vfio(void **state)
{
#ifdef RTEMEM_HAL_linux
	struct hal_pci_device devs[8];
	struct hal_bar bar = { 0 };
	int fds_before = open_fds();
	char path[600];

	(void)state;
	linux_only();
	fake_vfio_up();
	assert_int_equal(hal_pci_scan(devs, 8), 4);
	assert_string_equal(devs[2].driver, "vfio-pci");

	/* No vfio module: no /dev/vfio/vfio. */
	snprintf(path, sizeof(path), "%s/dev/vfio/vfio", tmp_root);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(hal_pci_map_bar(&devs[2], 0, &bar), -ENODEV);
	assert_null(bar.va);
	assert_string_equal(fk.log, "");
	fake_vfio_down();
	fake_vfio_up();

	/* An API version we do not speak. */
	fk.api = 1;
	assert_int_equal(hal_pci_map_bar(&devs[2], 0, &bar), -EINVAL);
	assert_string_equal(fk.log, "api");
	fk.api = VFIO_API_VERSION;

	/* A group with a device still on a kernel driver is not viable. */
	fk.log[0] = '\0';
	fk.viable = false;
	assert_int_equal(hal_pci_map_bar(&devs[2], 0, &bar), -EPERM);
	assert_string_equal(fk.log, "api ext:1 status");
	fk.viable = true;

	/* The device opened elsewhere. */
	fk.log[0] = '\0';
	fk.device_busy = true;
	assert_int_equal(hal_pci_map_bar(&devs[2], 0, &bar), -EBUSY);
	assert_string_equal(fk.log, "api ext:1 status container iommu:1 device:0000:3b:00.0");
	fk.device_busy = false;
	fk.container_set = false; /* the group was closed: the kernel took it out */

	/* The whole sequence. */
	fk.log[0] = '\0';
	assert_int_equal(hal_pci_map_bar(&devs[2], 0, &bar), 0);
	assert_string_equal(fk.log, "api ext:1 status container iommu:1 device:0000:3b:00.0 "
				    "region:0 region:7");
	assert_non_null(bar.va);
	assert_int_equal(bar.len, 65536);
	assert_int_equal(hal_bar_read32(&bar, 4), 0x15120f0c); /* bytes 12, 15, 18, 21 */
	assert_int_equal(fake_pci_command(), 0x0006); /* bus master on, memory kept */

	/* DMA maps go to the container, with both directions allowed. */
	fk.log[0] = '\0';
	assert_int_equal(hal_dma_map((void *)0x7f0000200000, 0x7f0000200000, MB2), 0);
	assert_string_equal(fk.log, "map");
	assert_int_equal(fk.map.argsz, sizeof(fk.map));
	assert_int_equal(fk.map.flags, VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE);
	assert_int_equal(fk.map.vaddr, 0x7f0000200000);
	assert_int_equal(fk.map.iova, 0x7f0000200000);
	assert_int_equal(fk.map.size, MB2);
	assert_int_equal(hal_dma_unmap(0x7f0000400000, MB2), -ENOENT); /* never mapped */
	assert_int_equal(hal_dma_unmap(0x7f0000200000, MB2), 0);
	assert_int_equal(fk.unmap.argsz, sizeof(fk.unmap));
	assert_int_equal(fk.unmap.iova, 0x7f0000200000);

	/* The last device closes the container: nothing left to map into. */
	hal_pci_unmap_bar(&bar);
	assert_null(bar.va);
	assert_null(bar.hal_priv);
	fk.log[0] = '\0';
	assert_int_equal(hal_dma_map((void *)0x7f0000200000, 0x7f0000200000, MB2), 0);
	assert_string_equal(fk.log, "");

	/* IOVA mode: the uio port needs PA; without it, the IOMMU says VA;
	 * without IOMMU groups nothing says. */
	assert_int_equal(hal_pci_iova_pref(NULL, NULL), HAL_IOVA_PA);
	assert_int_equal(hal_pci_iova_pref(not_uio_port, NULL), HAL_IOVA_VA);

	/* No-IOMMU mode: group noiommu-42, IOMMU type 8, no DMA mapping, PA. */
	write_file("Y\n", "%s/sys/module/vfio/parameters/enable_unsafe_noiommu_mode", tmp_root);
	fk.log[0] = '\0';
	fk.container_set = false;
	snprintf(path, sizeof(path), "%s/dev/vfio/%d", tmp_root, FAKE_GROUP);
	assert_int_equal(unlink(path), 0); /* only noiommu-42 may be opened */
	assert_int_equal(hal_pci_map_bar(&devs[2], 0, &bar), 0);
	assert_string_equal(fk.log, "api ext:8 status container iommu:8 device:0000:3b:00.0 "
				    "region:0 region:7");
	fk.log[0] = '\0';
	assert_int_equal(hal_dma_map((void *)0x7f0000200000, 0x7f0000200000, MB2), 0);
	assert_string_equal(fk.log, "");
	assert_int_equal(hal_pci_iova_pref(not_uio_port, NULL), HAL_IOVA_PA);
	hal_pci_unmap_bar(&bar);

	/* No IOMMU group at all. */
	snprintf(path, sizeof(path), "%s/sys/bus/pci/devices/0000:3b:00.0/iommu_group", tmp_root);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(hal_pci_map_bar(&devs[2], 0, &bar), -ENODEV);
	fake_vfio_down();
	assert_int_equal(hal_pci_iova_pref(not_uio_port, NULL), HAL_IOVA_ANY);
	/* Every failure above closed what it had opened. */
	assert_int_equal(open_fds(), fds_before);
#else
	(void)state;
	skip();
#endif
}

/* The real machine's devices are all kernel-owned virtio: refused, untouched. */
static void test_real_pci_refuses_kernel_devices(void **state)
{
	struct hal_pci_device devs[32];
	struct hal_bar bar = { 0 };
	int n;

	(void)state;
	linux_only();
	n = hal_pci_scan(devs, 32);
	assert_true(n >= 0);
	for (int i = 0; i < n; i++) {
		if (strcmp(devs[i].driver, "vfio-pci") == 0 ||
		    strcmp(devs[i].driver, "uio_pci_generic") == 0 ||
		    strcmp(devs[i].driver, "igb_uio") == 0)
			continue;
		assert_int_equal(hal_pci_map_bar(&devs[i], 0, &bar), -EPERM);
		assert_null(bar.va);
	}
}

/* --- address space ----------------------------------------------------- */

static void test_va_reserve(void **state)
{
	void *a, *b, *c;

	(void)state;
	linux_only();
	a = hal_va_reserve(NULL, 8 * MB2, MB2);
	assert_non_null(a);
	assert_int_equal((uintptr_t)a % MB2, 0);
	assert_string_equal(map_perms(a), "---p");
	assert_string_equal(map_perms((char *)a + 8 * MB2 - 1), "---p");

	/* The hint is honoured when free ... */
	hal_va_release(a, 8 * MB2);
	assert_string_equal(map_perms(a), "");
	b = hal_va_reserve(a, 8 * MB2, MB2);
	assert_ptr_equal(b, a);
	/* ... and when taken, another aligned range comes back. */
	c = hal_va_reserve(a, 4 * MB2, MB2);
	assert_non_null(c);
	assert_ptr_not_equal(c, a);
	assert_int_equal((uintptr_t)c % MB2, 0);
	assert_string_equal(map_perms(a), "---p");
	hal_va_release(c, 4 * MB2);
	hal_va_release(b, 8 * MB2);

	/* 1 GB alignment, odd length rounded to the base page. */
	a = hal_va_reserve(NULL, 12345, 1UL << 30);
	assert_non_null(a);
	assert_int_equal((uintptr_t)a % (1UL << 30), 0);
	hal_va_release(a, 12345);

	errno = 0;
	assert_null(hal_va_reserve(NULL, 0, MB2));
	assert_int_equal(errno, EINVAL);
	errno = 0;
	assert_null(hal_va_reserve(NULL, MB2, 3 * 4096));
	assert_int_equal(errno, EINVAL);
	errno = 0;
	assert_null(hal_va_reserve(NULL, SIZE_MAX - 4095, MB2));
	assert_int_equal(errno, ENOMEM);
	hal_va_release(NULL, MB2);
}

static void test_no_huge_pages(void **state)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	char *base;

	(void)state;
	linux_only();
	assert_int_equal(init_with("t", true, true, NULL), 0);
	base = hal_va_reserve(NULL, 4 * pg, pg);
	assert_non_null(base);

	assert_int_equal(hal_page_map(base + pg, pg, 0, 0, 1), 0);
	assert_string_equal(map_perms(base + pg), "rw-p");
	assert_int_equal(base[pg], 0);
	memset(base + pg, 0x5a, pg);
	assert_int_equal(base[2 * pg - 1], 0x5a);
	assert_int_equal(hal_virt2iova(base + pg + 7), (rte_iova_t)(uintptr_t)(base + pg + 7));
	assert_string_equal(map_perms(base), "---p");

	/* Bad requests change nothing. */
	assert_int_equal(hal_page_map(base + 1, pg, 0, 0, 0), -EINVAL);
	assert_int_equal(hal_page_map(base, 2 * pg, 0, 0, 0), -EINVAL);
	assert_int_equal(hal_page_map(base, pg, RTE_MAX_NUMA_NODES, 0, 0), -EINVAL);
	assert_int_equal(hal_page_map(base, pg, 0, -1, 0), -EINVAL);
	assert_int_equal(hal_page_map(NULL, pg, 0, 0, 0), -EINVAL);
	assert_string_equal(map_perms(base), "---p");
	assert_int_equal(hal_page_unmap(base + 1, pg, 0, 0), -EINVAL);

	assert_int_equal(hal_page_unmap(base + pg, pg, 0, 1), 0);
	assert_string_equal(map_perms(base + pg), "---p");
	/* Mapped again, it is a fresh zeroed page. */
	assert_int_equal(hal_page_map(base + pg, pg, 0, 0, 1), 0);
	assert_int_equal(base[pg], 0);
	assert_int_equal(hal_page_unmap(base + pg, pg, 0, 1), 0);
	hal_va_release(base, 4 * pg);
	hal_cleanup();

	/* Not initialised: refused. */
	assert_int_equal(hal_page_map(base, pg, 0, 0, 0), -EINVAL);
}

/* --- runtime files ----------------------------------------------------- */

static void test_shm_files(void **state)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	char prefix[64], expect[512], path[600], dir[512];
	char *a, *b, *res;

	(void)state;
	linux_only();
	snprintf(prefix, sizeof(prefix), "halshm%d", (int)getpid());
	assert_int_equal(init_with(prefix, false, true, NULL), 0);
	if (geteuid() == 0)
		snprintf(expect, sizeof(expect), "/var/run/rtemem/%s", prefix);
	else if (getenv("XDG_RUNTIME_DIR") != NULL && getenv("XDG_RUNTIME_DIR")[0] != '\0')
		snprintf(expect, sizeof(expect), "%s/rtemem/%s", getenv("XDG_RUNTIME_DIR"), prefix);
	else
		snprintf(expect, sizeof(expect), "/tmp/rtemem-%u/%s", (unsigned int)getuid(), prefix);
	snprintf(dir, sizeof(dir), "%s", hal_runtime_dir());
	assert_string_equal(dir, expect);
	assert_true(path_exists(dir));

	a = hal_shm_map("config", 10000, NULL, true);
	assert_non_null(a);
	snprintf(path, sizeof(path), "%s/config", dir);
	assert_true(path_exists(path));
	assert_int_equal(a[9999], 0);
	strcpy(a, "shared");

	/* A second mapping of the same file sees the same bytes. */
	b = hal_shm_map("config", 10000, NULL, false);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	assert_string_equal(b, "shared");
	b[100] = 'x';
	assert_int_equal(a[100], 'x');
	hal_shm_unmap(b, 10000, false);

	/* Mapped at a fixed address inside a reservation, given back PROT_NONE. */
	res = hal_va_reserve(NULL, 4 * pg, pg);
	assert_non_null(res);
	b = hal_shm_map("config", 10000, res + pg, false);
	assert_ptr_equal(b, res + pg);
	assert_string_equal(b, "shared");
	hal_shm_unmap(b, 10000, true);
	assert_string_equal(map_perms(res + pg), "---p");
	assert_string_equal(map_perms(res + 3 * pg), "---p");

	/* Larger than the file, or missing: refused, the reservation stays. */
	errno = 0;
	assert_null(hal_shm_map("config", 5 * pg, res, false));
	assert_int_equal(errno, EINVAL);
	assert_string_equal(map_perms(res), "---p");
	errno = 0;
	assert_null(hal_shm_map("nothing", pg, res, false));
	assert_int_equal(errno, ENOENT);
	assert_string_equal(map_perms(res), "---p");
	errno = 0;
	assert_null(hal_shm_map("../escape", pg, NULL, true));
	assert_int_equal(errno, EINVAL);
	assert_null(hal_shm_map("", pg, NULL, true));
	assert_null(hal_shm_map("x", 0, NULL, true));
	assert_null(hal_shm_map("x", pg, res + 1, true));
	hal_va_release(res, 4 * pg);

	/* "Creating" an existing file opens it, bytes and all, at the new size. */
	hal_shm_unmap(a, 10000, false);
	a = hal_shm_map("config", 3 * pg, NULL, true);
	assert_non_null(a);
	assert_string_equal(a, "shared");
	assert_int_equal(a[3 * pg - 1], 0);
	hal_shm_unmap(a, 3 * pg, false);

	assert_int_equal(hal_shm_unlink("config"), 0);
	assert_false(path_exists(path));
	assert_int_equal(hal_shm_unlink("config"), -ENOENT);
	assert_int_equal(hal_shm_unlink("a/b"), -EINVAL);
	assert_int_equal(hal_shm_unlink(NULL), -EINVAL);
	hal_cleanup();
	/* The empty runtime directory goes away with the HAL. */
	assert_false(path_exists(dir));

	/* In memory: no directory, private anonymous mappings. */
	assert_int_equal(init_with(prefix, true, true, NULL), 0);
	assert_string_equal(hal_runtime_dir(), "");
	a = hal_shm_map("config", 10000, NULL, true);
	assert_non_null(a);
	a[0] = 1;
	assert_null(hal_shm_map("config", 10000, NULL, false));
	hal_shm_unmap(a, 10000, false);
	assert_int_equal(hal_shm_unlink("config"), 0);
	hal_cleanup();
}

/* --- real hugepages (root, ci/with-hugepages.sh) ----------------------- */

static long free_2m_pages(void)
{
	FILE *f = fopen("/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages", "r");
	long n = -1;

	if (f == NULL)
		return -1;
	if (fscanf(f, "%ld", &n) != 1)
		n = -1;
	fclose(f);
	return n;
}

/* Skip, saying why, unless need free 2 MB pages are there for us. */
static void need_real_hugepages(unsigned int need)
{
	if (rtetest_no_hugepages()) {
		print_message("SKIP: RTEMEM_NO_HUGEPAGES is set (ci/with-hugepages.sh found none)\n");
		skip();
	}
	if (geteuid() != 0) {
		print_message("SKIP: real hugepage tests need root\n");
		skip();
	}
	if (free_2m_pages() < (long)need) {
		print_message("SKIP: fewer than %u free 2 MB hugepages; run under ci/with-hugepages.sh\n",
			      need);
		skip();
	}
}

/* Bring the HAL up on real 2 MB pages, or skip saying why. */
static void init_real_hugepages(const char *prefix, bool in_memory, unsigned int need)
{
	struct hal_hugepage_type types[HAL_MAX_PAGE_SIZES];
	int n;

	need_real_hugepages(need);
	if (init_with(prefix, in_memory, false, getenv("RTEMEM_HUGE_DIR")) != 0) {
		print_message("SKIP: no usable hugetlbfs mount (set RTEMEM_HUGE_DIR)\n");
		skip();
	}
	n = hal_hugepage_types(types, HAL_MAX_PAGE_SIZES);
	for (int i = 0; i < n; i++)
		if (types[i].page_sz == MB2 && types[i].num_pages[0] >= need)
			return;
	hal_cleanup();
	print_message("SKIP: no hugetlbfs mount of 2 MB pages\n");
	skip();
}

static void test_real_hugepages(void **state)
{
	enum { N = 4 };
	rte_iova_t iova[N];
	char prefix[64], path[600];
	const char *dir;
	struct statfs fs;
	long free_before;
	char *base;

	(void)state;
	linux_only();
	snprintf(prefix, sizeof(prefix), "halhuge%d", (int)getpid());
	/* Files a crashed primary of this prefix left behind; and look-alikes. */
	need_real_hugepages(N);
	dir = getenv("RTEMEM_HUGE_DIR");
	if (dir != NULL && (statfs(dir, &fs) != 0 || fs.f_type != HUGETLBFS_MAGIC))
		dir = NULL;
	if (dir != NULL) {
		write_file("", "%s/%smap_7_7", dir, prefix);
		write_file("", "%s/%smap_7_7x", dir, prefix);
		write_file("", "%s/x%smap_7_7", dir, prefix);
	}
	init_real_hugepages(prefix, false, N);
#ifdef RTEMEM_HAL_linux
	/* The EAL has this done once it holds the primary's lock. */
	hal_linux_clear_stale_pages();
#endif
	if (dir != NULL) {
		snprintf(path, sizeof(path), "%s/%smap_7_7", dir, prefix);
		assert_false(path_exists(path));
		snprintf(path, sizeof(path), "%s/%smap_7_7x", dir, prefix);
		assert_true(path_exists(path));
		unlink(path);
		snprintf(path, sizeof(path), "%s/x%smap_7_7", dir, prefix);
		assert_true(path_exists(path));
		unlink(path);
	}
	free_before = free_2m_pages();

	base = hal_va_reserve(NULL, 2 * N * MB2, MB2);
	assert_non_null(base);
	for (int i = 0; i < N; i++) {
		char *pg = base + (size_t)(2 * i + 1) * MB2;

		assert_int_equal(hal_page_map(pg, MB2, 0, 3, i), 0);
		assert_string_equal(map_perms(pg), "rw-s");
		assert_int_equal(pg[0], 0);
		assert_int_equal(pg[MB2 - 1], 0);
		memset(pg, 'a' + i, MB2);
		if (dir != NULL) {
			snprintf(path, sizeof(path), "%s/%smap_3_%d", dir, prefix, i);
			assert_true(path_exists(path));
		}
	}
	assert_int_equal(free_2m_pages(), free_before - N);
	/* The holes between pages are still reserved. */
	assert_string_equal(map_perms(base), "---p");

	for (int i = 0; i < N; i++) {
		char *pg = base + (size_t)(2 * i + 1) * MB2;

		assert_int_equal(pg[0], 'a' + i);
		assert_int_equal(pg[MB2 / 2], 'a' + i);
		assert_int_equal(pg[MB2 - 1], 'a' + i);
		iova[i] = hal_virt2iova(pg);
		assert_int_not_equal(iova[i], RTE_BAD_IOVA);
		assert_int_equal(iova[i] % MB2, 0);
		/* The whole hugepage is physically contiguous. */
		assert_int_equal(hal_virt2iova(pg + 12345), iova[i] + 12345);
		assert_int_equal(hal_virt2iova(pg + MB2 - 1), iova[i] + MB2 - 1);
		for (int j = 0; j < i; j++)
			assert_int_not_equal(iova[i], iova[j]);
	}
	assert_true(hal_iova_is_pa());
	/* Reserved but unmapped memory has no physical address. */
	assert_int_equal(hal_virt2iova(base), RTE_BAD_IOVA);

	for (int i = 0; i < N; i++) {
		char *pg = base + (size_t)(2 * i + 1) * MB2;

		assert_int_equal(hal_page_unmap(pg, MB2, 3, i), 0);
		assert_string_equal(map_perms(pg), "---p");
		if (dir != NULL) {
			snprintf(path, sizeof(path), "%s/%smap_3_%d", dir, prefix, i);
			assert_false(path_exists(path));
		}
	}
	assert_int_equal(free_2m_pages(), free_before);

	/* A size with no mount, or a misaligned address: refused, nothing changes. */
	assert_int_equal(hal_page_map(base, 4096, 0, 0, 0), -EINVAL);
	assert_int_equal(hal_page_map(base + 4096, MB2, 0, 0, 0), -EINVAL);
	assert_int_equal(free_2m_pages(), free_before);
	hal_va_release(base, 2 * N * MB2);
	hal_cleanup();
}

/*
 * The NUMA path (prefer the node, allocate, check where the page landed,
 * restore the thread's policy) on this one-node machine: pretend there are
 * two sockets; node 0 works, node 1 has no memory and gives a clean -ENOMEM.
 */
static void test_real_hugepages_numa_path(void **state)
{
	(void)state;
	linux_only();
#ifdef RTEMEM_HAL_linux
	char prefix[64], path[600];
	const char *dir;
	long free_before;
	int mode = -1;
	char *base;

	snprintf(prefix, sizeof(prefix), "halnuma%d", (int)getpid());
	init_real_hugepages(prefix, false, 1);
	dir = getenv("RTEMEM_HUGE_DIR");
	if (hal_linux.socket_count == 1)
		hal_linux.socket_count = 2;
	free_before = free_2m_pages();
	base = hal_va_reserve(NULL, 2 * MB2, MB2);
	assert_non_null(base);

	assert_int_equal(hal_page_map(base, MB2, 0, 1, 0), 0);
	assert_int_equal(syscall(SYS_get_mempolicy, &mode, NULL, 0, NULL, 0), 0);
	assert_int_equal(mode, MPOL_DEFAULT);
	base[0] = 1;

	if (!path_exists("/sys/devices/system/node/node1")) {
		assert_int_equal(hal_page_map(base + MB2, MB2, 1, 1, 1), -ENOMEM);
		assert_string_equal(map_perms(base + MB2), "---p");
		assert_int_equal(syscall(SYS_get_mempolicy, &mode, NULL, 0, NULL, 0), 0);
		assert_int_equal(mode, MPOL_DEFAULT);
		if (dir != NULL) {
			snprintf(path, sizeof(path), "%s/%smap_1_1", dir, prefix);
			assert_false(path_exists(path));
		}
		assert_int_equal(free_2m_pages(), free_before - 1);
	}
	assert_int_equal(hal_page_unmap(base, MB2, 1, 0), 0);
	assert_int_equal(free_2m_pages(), free_before);
	hal_va_release(base, 2 * MB2);
	hal_cleanup();
#endif
}

/*
 * A second process (forked, re-initialised as a secondary) maps the page
 * file the primary created, at an address of its own: both see one page.
 */
static void test_real_hugepages_secondary(void **state)
{
	char prefix[64];
	struct hal_config cfg = { 0 };
	volatile char *page;
	int status = -1;
	char *base;
	pid_t pid;

	(void)state;
	linux_only();
	snprintf(prefix, sizeof(prefix), "halsec%d", (int)getpid());
	init_real_hugepages(prefix, false, 1);
	base = hal_va_reserve(NULL, MB2, MB2);
	assert_non_null(base);
	assert_int_equal(hal_page_map(base, MB2, 0, 2, 5), 0);
	/* Attaching is for secondaries. */
	assert_int_equal(hal_page_attach(base, MB2, 2, 5), -ENOTSUP);
	page = base;
	strcpy(base, "from the primary");

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char *mine;
		int rc = 0;

		hal_cleanup();
		cfg.file_prefix = prefix;
		cfg.huge_dir = getenv("RTEMEM_HUGE_DIR");
		cfg.secondary = true;
		if (hal_init(&cfg) != 0)
			_exit(10);
		mine = hal_va_reserve(NULL, MB2, MB2);
		if (mine == NULL || mine == base)
			_exit(11);
		/* A page the primary never made is not invented. */
		if (hal_page_attach(mine, MB2, 2, 6) != -ENOENT)
			rc = 12;
		else if (hal_page_attach(mine, MB2, 2, 5) != 0)
			rc = 13;
		else if (strcmp(mine, "from the primary") != 0)
			rc = 14;
		else
			strcpy(mine + 100, "from the secondary");
		/* Detaching leaves the primary's file alone and the range reserved. */
		if (rc == 0 && hal_page_detach(mine, MB2) != 0)
			rc = 15;
		if (rc == 0 && strcmp(map_perms(mine), "---p") != 0)
			rc = 16;
		/* hal_page_map in a secondary attaches the same way. */
		if (rc == 0 && (hal_page_map(mine, MB2, 0, 2, 5) != 0 || mine[100] != 'f' ||
				hal_page_unmap(mine, MB2, 2, 5) != 0))
			rc = 17;
		hal_cleanup();
		_exit(rc);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal((const char *)page + 100, "from the secondary");
	assert_int_equal(hal_page_unmap(base, MB2, 2, 5), 0);
	hal_va_release(base, MB2);
	hal_cleanup();
}

/* Map until the pool runs dry: a clean -ENOMEM, no file, reservation back. */
static void test_real_hugepage_exhaustion(void **state)
{
	char prefix[64], path[600];
	long free_before, mapped = 0;
	const char *dir;
	char *base;
	int ret = 0;

	(void)state;
	linux_only();
	snprintf(prefix, sizeof(prefix), "halexh%d", (int)getpid());
	init_real_hugepages(prefix, false, 1);
	free_before = free_2m_pages();
	if (free_before > 1024) {
		hal_cleanup();
		print_message("SKIP: %ld free hugepages is too many to exhaust quickly\n", free_before);
		skip();
	}
	dir = getenv("RTEMEM_HUGE_DIR");
	base = hal_va_reserve(NULL, (size_t)(free_before + 1) * MB2, MB2);
	assert_non_null(base);
	while (mapped <= free_before) {
		ret = hal_page_map(base + mapped * MB2, MB2, 0, 0, (int)mapped);
		if (ret != 0)
			break;
		mapped++;
	}
	assert_int_equal(ret, -ENOMEM);
	assert_int_equal(mapped, free_before);
	assert_int_equal(free_2m_pages(), 0);
	assert_string_equal(map_perms(base + mapped * MB2), "---p");
	if (dir != NULL) {
		snprintf(path, sizeof(path), "%s/%smap_0_%ld", dir, prefix, mapped);
		assert_false(path_exists(path));
	}
	for (long i = 0; i < mapped; i++)
		assert_int_equal(hal_page_unmap(base + i * MB2, MB2, 0, (int)i), 0);
	assert_int_equal(free_2m_pages(), free_before);
	hal_va_release(base, (size_t)(free_before + 1) * MB2);
	hal_cleanup();
}

/* In-memory mode: pages from hugetlb memfds, nothing left in the mount. */
static void test_real_hugepages_in_memory(void **state)
{
	char prefix[64], path[600];
	const char *dir;
	long free_before;
	char *base;

	(void)state;
	linux_only();
	snprintf(prefix, sizeof(prefix), "halmem%d", (int)getpid());
	init_real_hugepages(prefix, true, 2);
	dir = getenv("RTEMEM_HUGE_DIR");
	free_before = free_2m_pages();
	base = hal_va_reserve(NULL, 2 * MB2, MB2);
	assert_non_null(base);
	assert_int_equal(hal_page_map(base, MB2, 0, 0, 0), 0);
	assert_int_equal(hal_page_map(base + MB2, MB2, 0, 0, 1), 0);
	memset(base, 0x77, 2 * MB2);
	assert_int_equal(free_2m_pages(), free_before - 2);
	if (dir != NULL) {
		snprintf(path, sizeof(path), "%s/%smap_0_0", dir, prefix);
		assert_false(path_exists(path));
	}
	assert_int_not_equal(hal_virt2iova(base), RTE_BAD_IOVA);
	assert_int_equal(hal_page_unmap(base, MB2, 0, 0), 0);
	assert_int_equal(base[MB2], 0x77);
	assert_int_equal(hal_page_unmap(base + MB2, MB2, 0, 1), 0);
	assert_int_equal(free_2m_pages(), free_before);
	assert_string_equal(map_perms(base), "---p");
	hal_va_release(base, 2 * MB2);
	hal_cleanup();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_refuses_bad_config),
		cmocka_unit_test(test_no_huge_machine_facts),
		cmocka_unit_test(test_fake_hugepage_discovery),
		cmocka_unit_test(test_fake_numa_and_cpus),
		cmocka_unit_test(test_fake_pci_scan),
		cmocka_unit_test(test_fake_pci_bar),
		cmocka_unit_test(test_fake_vfio),
		cmocka_unit_test(test_real_pci_refuses_kernel_devices),
		cmocka_unit_test(test_va_reserve),
		cmocka_unit_test(test_no_huge_pages),
		cmocka_unit_test(test_shm_files),
		cmocka_unit_test(test_real_hugepages),
		cmocka_unit_test(test_real_hugepages_numa_path),
		cmocka_unit_test(test_real_hugepages_secondary),
		cmocka_unit_test(test_real_hugepage_exhaustion),
		cmocka_unit_test(test_real_hugepages_in_memory),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
