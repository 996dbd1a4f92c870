/* SPDX-License-Identifier: BSD-3-Clause
 * Hugepage discovery: which sizes the kernel offers (kernel/mm/hugepages),
 * where each is mounted (hugetlbfs lines of /proc/mounts, page size from the
 * mount's pagesize= option or the default Hugepagesize of /proc/meminfo),
 * and how many free pages each NUMA node holds.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_log.h>

#include "hal_linux.h"

#define MAX_KERNEL_SIZES 8

uint64_t hal_linux_parse_size(const char *s)
{
	unsigned long long v;
	char *end;

	if (s == NULL || !isdigit((unsigned char)s[0]))
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return 0;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	default: break;
	}
	/* Accept "2048kB" as /proc/meminfo spells it. */
	if (*end == 'B')
		end++;
	if (*end != '\0' && *end != ',' && !isspace((unsigned char)*end))
		return 0;
	return v;
}

/* The "Hugepagesize:    2048 kB" line of meminfo, in bytes; 0 if absent. */
static uint64_t default_huge_size(const char *meminfo)
{
	char line[256];
	uint64_t sz = 0;
	FILE *f;

	f = fopen(meminfo, "re");
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		unsigned long long kb;

		if (sscanf(line, "Hugepagesize: %llu kB", &kb) == 1) {
			sz = (uint64_t)kb << 10;
			break;
		}
	}
	fclose(f);
	return sz;
}

/* /proc/mounts escapes space, tab, newline and backslash as \ooo. */
static void unescape_mount_path(char *s)
{
	char *out = s;

	while (*s != '\0') {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 4;
		} else {
			*out++ = *s++;
		}
	}
	*out = '\0';
}

/* Page size of a hugetlbfs mount from its options, else the default. */
static uint64_t mount_page_size(const char *options, uint64_t def_sz)
{
	const char *p = options;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, "pagesize=", 9) == 0)
			return hal_linux_parse_size(p + 9);
		p = strchr(p, ',');
		if (p != NULL)
			p++;
	}
	return def_sz;
}

/*
 * Walk the hugetlbfs lines of a mounts file. With want_dir, find that mount
 * and return its page size in *sz; else find the first mount of page size
 * *sz and copy its path to dir. Returns 0 when found, -ENOENT otherwise.
 */
static int find_hugetlbfs(const char *mounts, uint64_t def_sz, const char *want_dir,
			  uint64_t *sz, char *dir, size_t dir_len)
{
	char line[HAL_PATH_MAX + 256];
	int ret = -ENOENT;
	FILE *f;

	f = fopen(mounts, "re");
	if (f == NULL)
		return -errno;
	while (ret != 0 && fgets(line, sizeof(line), f) != NULL) {
		char *save = NULL;
		char *dev = strtok_r(line, " \t\n", &save);
		char *path = strtok_r(NULL, " \t\n", &save);
		char *fstype = strtok_r(NULL, " \t\n", &save);
		char *options = strtok_r(NULL, " \t\n", &save);
		uint64_t mount_sz;

		if (dev == NULL || path == NULL || fstype == NULL || options == NULL)
			continue;
		if (strcmp(fstype, "hugetlbfs") != 0)
			continue;
		unescape_mount_path(path);
		mount_sz = mount_page_size(options, def_sz);
		if (mount_sz == 0)
			continue;
		if (want_dir != NULL) {
			if (strcmp(path, want_dir) == 0) {
				*sz = mount_sz;
				ret = 0;
			}
		} else if (mount_sz == *sz) {
			if (hal_linux_path(dir, dir_len, "%s", path) == 0)
				ret = 0;
		}
	}
	fclose(f);
	return ret;
}

/* Sizes listed as kernel/mm/hugepages/hugepages-<N>kB, ascending. */
static int kernel_huge_sizes(const char *sysfs, uint64_t *sizes, int max)
{
	char path[HAL_PATH_MAX];
	struct dirent *de;
	int n = 0;
	DIR *dir;

	if (hal_linux_path(path, sizeof(path), "%s/kernel/mm/hugepages", sysfs) < 0)
		return 0;
	dir = opendir(path);
	if (dir == NULL)
		return 0;
	while ((de = readdir(dir)) != NULL && n < max) {
		unsigned long long kb;
		char tail;

		if (sscanf(de->d_name, "hugepages-%llukB%c", &kb, &tail) != 1 || kb == 0)
			continue;
		sizes[n++] = (uint64_t)kb << 10;
	}
	closedir(dir);
	/* Insertion sort: a handful of entries. */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && sizes[j] < sizes[j - 1]; j--) {
			uint64_t t = sizes[j];

			sizes[j] = sizes[j - 1];
			sizes[j - 1] = t;
		}
	return n;
}

static unsigned int read_count(const char *path)
{
	long v;

	if (hal_linux_read_long(path, &v) < 0 || v < 0)
		return 0;
	return v > UINT_MAX ? UINT_MAX : (unsigned int)v;
}

/*
 * Free pages of one size per node. Per-node counts come from
 * devices/system/node/nodeN/hugepages; without NUMA information everything
 * is on socket 0, minus the pages already promised to mappings (resv).
 */
static void count_pages(const char *sysfs, uint64_t sz, unsigned int *num_pages)
{
	unsigned long long kb = sz >> 10;
	char path[HAL_PATH_MAX];
	bool per_node = false;
	unsigned int nodes = hal_linux_node_count(sysfs);

	memset(num_pages, 0, sizeof(num_pages[0]) * RTE_MAX_NUMA_NODES);
	for (unsigned int n = 0; n < nodes; n++) {
		long v;

		if (hal_linux_path(path, sizeof(path),
				   "%s/devices/system/node/node%u/hugepages/hugepages-%llukB/free_hugepages",
				   sysfs, n, kb) < 0)
			continue;
		if (hal_linux_read_long(path, &v) < 0)
			continue;
		num_pages[n] = v < 0 ? 0 : (unsigned int)v;
		per_node = true;
	}
	if (!per_node) {
		unsigned int free_pages, resv;

		if (hal_linux_path(path, sizeof(path),
				   "%s/kernel/mm/hugepages/hugepages-%llukB/free_hugepages", sysfs, kb) < 0)
			return;
		free_pages = read_count(path);
		if (hal_linux_path(path, sizeof(path),
				   "%s/kernel/mm/hugepages/hugepages-%llukB/resv_hugepages", sysfs, kb) < 0)
			return;
		resv = read_count(path);
		num_pages[0] = free_pages > resv ? free_pages - resv : 0;
	}
}

int hal_linux_huge_discover(const struct hal_linux_huge_sources *src, const char *huge_dir,
			    bool in_memory, struct hal_linux_huge_type *types, int max)
{
	uint64_t sizes[MAX_KERNEL_SIZES];
	uint64_t def_sz, dir_sz = 0;
	char real_dir[PATH_MAX];
	int n_sizes, n = 0;

	if (src == NULL || types == NULL || max < 0)
		return -EINVAL;
	def_sz = default_huge_size(src->meminfo);
	n_sizes = kernel_huge_sizes(src->sysfs, sizes, MAX_KERNEL_SIZES);

	if (huge_dir != NULL && huge_dir[0] != '\0') {
		if (realpath(huge_dir, real_dir) == NULL ||
		    find_hugetlbfs(src->mounts, def_sz, real_dir, &dir_sz, NULL, 0) < 0) {
			RTE_LOG(ERR, EAL, "--huge-dir %s is not a hugetlbfs mount\n", huge_dir);
			return -EINVAL;
		}
	}

	for (int i = 0; i < n_sizes && n < max; i++) {
		struct hal_linux_huge_type *t = &types[n];

		memset(t, 0, sizeof(*t));
		t->page_sz = sizes[i];
		if (dir_sz != 0) {
			if (sizes[i] != dir_sz)
				continue;
			hal_linux_path(t->dir, sizeof(t->dir), "%s", real_dir);
		} else if (find_hugetlbfs(src->mounts, def_sz, NULL, &t->page_sz, t->dir,
					  sizeof(t->dir)) < 0) {
			t->dir[0] = '\0';
			if (!in_memory) {
				RTE_LOG(DEBUG, EAL, "no hugetlbfs mount for %llu kB pages, skipped\n",
					(unsigned long long)(sizes[i] >> 10));
				continue;
			}
		}
		count_pages(src->sysfs, sizes[i], t->num_pages);
		n++;
	}
	return n;
}
