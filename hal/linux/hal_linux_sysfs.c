/* SPDX-License-Identifier: BSD-3-Clause
 * Small helpers to read sysfs-style files (one value per file) under a root
 * that tests can move to a fake tree with hal_linux_set_sysfs_root (and
 * /dev, for VFIO's nodes, with hal_linux_set_dev_root).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal_linux.h"

/*
 * An internal function, not an environment variable: the installed library
 * keeps only the API global (see API_SYMBOLS in the Makefile), so no
 * application or inherited environment can point a root process's PCI and
 * NUMA facts, or the BAR it maps, at another tree. Tests link the internal
 * archive and call it.
 */
static char sysfs_root[HAL_PATH_MAX];

void hal_linux_set_sysfs_root(const char *root)
{
	snprintf(sysfs_root, sizeof(sysfs_root), "%s", root != NULL ? root : "");
}

const char *hal_linux_sysfs_root(void)
{
	return sysfs_root[0] != '\0' ? sysfs_root : "/sys";
}

static char dev_root[HAL_PATH_MAX];

void hal_linux_set_dev_root(const char *root)
{
	snprintf(dev_root, sizeof(dev_root), "%s", root != NULL ? root : "");
}

const char *hal_linux_dev_root(void)
{
	return dev_root[0] != '\0' ? dev_root : "/dev";
}

int hal_linux_path(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	return 0;
}

int hal_linux_read_line(const char *path, char *buf, size_t len)
{
	FILE *f;
	size_t n;

	if (len == 0)
		return -EINVAL;
	f = fopen(path, "re");
	if (f == NULL)
		return -errno;
	if (fgets(buf, (int)len, f) == NULL) {
		int err = ferror(f) ? -EIO : -ENODATA;

		fclose(f);
		return err;
	}
	fclose(f);
	n = strlen(buf);
	while (n > 0 && isspace((unsigned char)buf[n - 1]))
		buf[--n] = '\0';
	return 0;
}

int hal_linux_read_long(const char *path, long *val)
{
	char buf[64];
	char *end;
	long v;
	int ret;

	ret = hal_linux_read_line(path, buf, sizeof(buf));
	if (ret < 0)
		return ret;
	errno = 0;
	v = strtol(buf, &end, 0);
	if (errno != 0 || end == buf || *end != '\0')
		return -EINVAL;
	*val = v;
	return 0;
}

/* "node12" -> 12; -1 for anything else. */
static int node_number(const char *name)
{
	char *end;
	long n;

	if (strncmp(name, "node", 4) != 0 || !isdigit((unsigned char)name[4]))
		return -1;
	n = strtol(name + 4, &end, 10);
	if (*end != '\0' || n < 0 || n >= RTE_MAX_NUMA_NODES)
		return -1;
	return (int)n;
}

unsigned int hal_linux_node_count(const char *sysfs)
{
	char path[HAL_PATH_MAX];
	struct dirent *de;
	int highest = -1;
	DIR *dir;

	if (hal_linux_path(path, sizeof(path), "%s/devices/system/node", sysfs) < 0)
		return 1;
	dir = opendir(path);
	if (dir == NULL)
		return 1;
	while ((de = readdir(dir)) != NULL) {
		int n = node_number(de->d_name);

		if (n > highest)
			highest = n;
	}
	closedir(dir);
	return highest < 0 ? 1 : (unsigned int)highest + 1;
}
