/* SPDX-License-Identifier: BSD-3-Clause
 * Linux HAL entry points and machine facts: start-up, base page size, NUMA
 * sockets, CPUs, and the hugepage sizes found at start-up.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_log.h>

#include "hal_linux.h"
#include "hal_runtime.h"
#include "hal_va.h"

struct hal_linux_state hal_linux;

const char *hal_name(void)
{
	return "linux";
}

int hal_init(const struct hal_config *cfg)
{
	struct hal_linux_state st;
	const char *prefix;
	char sysfs[HAL_PATH_MAX];
	int ret;

	if (cfg == NULL)
		return -EINVAL;
	hal_va_cursor_init(cfg->base_virtaddr, !cfg->secondary);
	if (cfg->sim_options != NULL && cfg->sim_options[0] != '\0') {
		RTE_LOG(ERR, EAL, "--sim needs a HAL=sim build\n");
		return -EINVAL;
	}
	prefix = cfg->file_prefix != NULL && cfg->file_prefix[0] != '\0' ? cfg->file_prefix : "rte";
	if (strlen(prefix) >= sizeof(st.prefix) || strchr(prefix, '/') != NULL) {
		RTE_LOG(ERR, EAL, "invalid --file-prefix '%s'\n", prefix);
		return -EINVAL;
	}

	memset(&st, 0, sizeof(st));
	strcpy(st.prefix, prefix);
	st.in_memory = cfg->in_memory;
	st.no_huge = cfg->no_huge;
	st.secondary = cfg->secondary;
	st.base_page_sz = (size_t)sysconf(_SC_PAGESIZE);
	snprintf(sysfs, sizeof(sysfs), "%s", hal_linux_sysfs_root());
	st.socket_count = hal_linux_node_count(sysfs);

	if (st.no_huge) {
		/* One "hugepage" size: the base page, anonymous memory, all of RAM. */
		long phys = sysconf(_SC_PHYS_PAGES);

		st.n_types = 1;
		st.types[0].page_sz = st.base_page_sz;
		st.types[0].num_pages[0] = phys > 0 && phys < (long)UINT32_MAX ? (unsigned int)phys
									 : UINT32_MAX;
	} else {
		struct hal_linux_huge_sources src = {
			.mounts = "/proc/mounts",
			.meminfo = "/proc/meminfo",
			.sysfs = sysfs,
		};
		int n = hal_linux_huge_discover(&src, cfg->huge_dir, cfg->in_memory, st.types,
						HAL_MAX_PAGE_SIZES);

		if (n < 0)
			return n;
		if (n == 0)
			RTE_LOG(WARNING, EAL, "no hugetlbfs mount found: mount one, or use --no-huge\n");
		st.n_types = n;
	}
	ret = hal_runtime_init(st.prefix, st.in_memory);
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "cannot create the runtime directory: %s\n", strerror(-ret));
		return ret;
	}
	st.initialized = true;
	hal_linux = st;
	/* Stale pages are cleared by hal_remove_stale_files, once the lock says
	 * no live primary owns them. */
	return 0;
}

void hal_cleanup(void)
{
	hal_linux_pagemap_close();
	hal_linux_vfio_close_all();
	hal_page_fd_drop_all();
	hal_runtime_remove();
	memset(&hal_linux, 0, sizeof(hal_linux));
}

size_t hal_base_page_size(void)
{
	if (hal_linux.base_page_sz != 0)
		return hal_linux.base_page_sz;
	return (size_t)sysconf(_SC_PAGESIZE);
}

unsigned int hal_socket_count(void)
{
	if (hal_linux.socket_count != 0)
		return hal_linux.socket_count;
	return hal_linux_node_count(hal_linux_sysfs_root());
}

int hal_hugepage_types(struct hal_hugepage_type *types, int max)
{
	int n = 0;

	if (types == NULL || max < 0)
		return -EINVAL;
	for (int i = 0; i < hal_linux.n_types && n < max; i++, n++) {
		types[n].page_sz = hal_linux.types[i].page_sz;
		memcpy(types[n].num_pages, hal_linux.types[i].num_pages, sizeof(types[n].num_pages));
	}
	return n;
}

unsigned int hal_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);

	return n > 0 ? (unsigned int)n : 1;
}

/*
 * A CPU's NUMA node is the nodeN link in its sysfs directory; kernels
 * without NUMA have none, then the package id stands in for the socket.
 */
unsigned int hal_cpu_socket(unsigned int cpu)
{
	const char *sysfs = hal_linux_sysfs_root();
	char path[HAL_PATH_MAX];
	struct dirent *de;
	long pkg;
	DIR *dir;
	int node = -1;

	if (hal_linux_path(path, sizeof(path), "%s/devices/system/cpu/cpu%u", sysfs, cpu) < 0)
		return 0;
	dir = opendir(path);
	if (dir == NULL)
		return 0;
	while (node < 0 && (de = readdir(dir)) != NULL) {
		char *end;
		long v;

		if (strncmp(de->d_name, "node", 4) != 0 || !isdigit((unsigned char)de->d_name[4]))
			continue;
		v = strtol(de->d_name + 4, &end, 10);
		if (*end == '\0' && v >= 0 && v < RTE_MAX_NUMA_NODES)
			node = (int)v;
	}
	closedir(dir);
	if (node >= 0)
		return (unsigned int)node;

	if (hal_linux_path(path, sizeof(path),
			   "%s/devices/system/cpu/cpu%u/topology/physical_package_id", sysfs, cpu) < 0)
		return 0;
	if (hal_linux_read_long(path, &pkg) < 0 || pkg < 0 || pkg >= (long)hal_socket_count())
		return 0;
	return (unsigned int)pkg;
}

/* Nothing to switch: with VFIO the EAL maps each page at its IOVA
 * (hal_dma_map), whichever mode gave it. */
void hal_set_iova_as_va(bool iova_as_va)
{
	RTE_SET_USED(iova_as_va);
}

int hal_ipc_open(const char *name)
{
	return hal_os_ipc_open(name);
}

int hal_ipc_send(int fd, const char *peer, const void *msg, size_t len)
{
	return hal_os_ipc_send(fd, peer, msg, len, NULL, 0);
}

int hal_ipc_send_fds(int fd, const char *peer, const void *msg, size_t len, const int *fds,
		     int nfds)
{
	return hal_os_ipc_send(fd, peer, msg, len, fds, nfds);
}

int hal_ipc_recv_fds(int fd, void *buf, size_t len, char peer[HAL_IPC_NAME_MAX], int timeout_ms,
		     int *fds, int *nfds, int max_fds)
{
	return hal_os_ipc_recv_fds(fd, buf, len, peer, timeout_ms, fds, nfds, max_fds);
}

int hal_runtime_lock(bool primary)
{
	return hal_os_runtime_lock(primary);
}

void *hal_shm_map(const char *name, size_t len, void *addr, bool create)
{
	return hal_runtime_shm_map(name, len, addr, create);
}

int hal_shm_unmap(void *addr, size_t len, bool keep_reserved)
{
	return hal_runtime_shm_unmap(addr, len, keep_reserved);
}

int hal_shm_unlink(const char *name)
{
	return hal_os_shm_unlink(name);
}

int hal_mem_lock(const void *va, size_t len)
{
	return hal_os_mem_lock(va, len);
}
