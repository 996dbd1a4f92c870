/* SPDX-License-Identifier: BSD-3-Clause
 * Address space and hugepages: PROT_NONE reservations, and one hugepage per
 * hal_page_map call, backed by <hugedir>/<prefix>map_<list>_<seg> (a memfd
 * in in-memory mode, anonymous memory with --no-huge) and mapped at a fixed
 * address inside a reservation.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/mempolicy.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <rte_log.h>

#include "hal_linux.h"
#include "hal_runtime.h"
#include "hal_va.h"

/* From <linux/memfd.h>, which clashes with glibc's own MFD_* definitions. */
#ifndef MFD_HUGE_SHIFT
#define MFD_HUGE_SHIFT 26
#endif

#define RESERVE_FLAGS (MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE)

void *hal_va_reserve(void *hint, size_t len, size_t align)
{
	return hal_os_va_reserve(hint, len, align);
}

void hal_va_release(void *va, size_t len)
{
	hal_os_va_release(va, len);
}

/* --- NUMA placement, by raw system calls (no libnuma needed) ---------- */

#define NODEMASK_LONGS 16 /* 1024 nodes, more than any kernel config */
#define NODEMASK_BITS (NODEMASK_LONGS * 64)

struct saved_policy {
	int mode;
	unsigned long mask[NODEMASK_LONGS];
};

/* Prefer node for this thread's next allocations; remember the old policy. */
static int prefer_node(int node, struct saved_policy *old)
{
	unsigned long mask[NODEMASK_LONGS] = { 0 };

	if (syscall(SYS_get_mempolicy, &old->mode, old->mask, NODEMASK_BITS, NULL, 0) < 0)
		return -errno;
	mask[node / 64] = 1UL << (node % 64);
	/* The kernel reads maxnode - 1 bits, hence the + 1. */
	if (syscall(SYS_set_mempolicy, MPOL_PREFERRED, mask, NODEMASK_BITS + 1) < 0)
		return -errno;
	return 0;
}

static void restore_policy(const struct saved_policy *old)
{
	if (old->mode == MPOL_DEFAULT)
		syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
	else
		syscall(SYS_set_mempolicy, old->mode, old->mask, NODEMASK_BITS + 1);
}

/* The node the page at va really sits on, or -errno. */
static int page_node(void *va)
{
	int node = -1;

	if (syscall(SYS_get_mempolicy, &node, NULL, 0, va, MPOL_F_NODE | MPOL_F_ADDR) < 0)
		return -errno;
	return node;
}

/* --- hugepages ------------------------------------------------------- */

static const struct hal_linux_huge_type *find_type(size_t page_sz)
{
	for (int i = 0; i < hal_linux.n_types; i++)
		if (hal_linux.types[i].page_sz == page_sz)
			return &hal_linux.types[i];
	return NULL;
}

static int page_path(char *buf, size_t len, const struct hal_linux_huge_type *t, int list_idx,
		     int seg_idx)
{
	return hal_linux_path(buf, len, "%s/%smap_%d_%d", t->dir, hal_linux.prefix, list_idx,
			      seg_idx);
}

/* Free pages of a size on a node right now, as sysfs says; -1 if unknown. */
static long free_pages_now(size_t page_sz, int socket)
{
	const char *sysfs = hal_linux_sysfs_root();
	unsigned long long kb = page_sz >> 10;
	char path[HAL_PATH_MAX];
	long v;

	if (hal_linux.socket_count > 1 && socket >= 0)
		hal_linux_path(path, sizeof(path),
			       "%s/devices/system/node/node%d/hugepages/hugepages-%llukB/free_hugepages",
			       sysfs, socket, kb);
	else
		hal_linux_path(path, sizeof(path),
			       "%s/kernel/mm/hugepages/hugepages-%llukB/free_hugepages", sysfs, kb);
	if (hal_linux_read_long(path, &v) < 0)
		return -1;
	return v;
}

/*
 * Open the file that backs one hugepage: a memfd in in-memory mode (no
 * name on disk at all), else the named file in the size's hugetlbfs mount.
 * *path is "" when nothing needs unlinking later.
 */
static int open_page_file(const struct hal_linux_huge_type *t, int list_idx, int seg_idx,
			  char *path, size_t path_len)
{
	int fd, ret;

	path[0] = '\0';
	if (hal_linux.in_memory) {
		unsigned int shift = (unsigned int)__builtin_ctzll(t->page_sz);

		fd = memfd_create("rtemem_page", MFD_CLOEXEC | MFD_HUGETLB | (shift << MFD_HUGE_SHIFT));
		if (fd >= 0 || t->dir[0] == '\0')
			return fd >= 0 ? fd : -errno;
		/* No hugetlb memfd here: a file we unlink as soon as it is mapped. */
	}
	ret = page_path(path, path_len, t, list_idx, seg_idx);
	if (ret < 0)
		return ret;
	if (hal_linux.secondary)
		fd = open(path, O_RDWR | O_CLOEXEC);
	else
		fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	return fd >= 0 ? fd : -errno;
}

/*
 * Allocate the page in the file now, on the preferred node, so that a
 * shortage is a clean error here instead of SIGBUS at first touch.
 */
static int allocate_page(int fd, size_t page_sz, int socket)
{
	struct saved_policy old;
	bool numa = hal_linux.socket_count > 1 && socket >= 0;
	int ret = 0;

	if (ftruncate(fd, (off_t)page_sz) < 0)
		return -errno;
	/* A node the kernel will not prefer (offline, no memory) has no page for us. */
	if (numa && prefer_node(socket, &old) < 0)
		return -ENOMEM;
	if (fallocate(fd, 0, 0, (off_t)page_sz) < 0) {
		ret = -errno;
		if (ret == -ENOSPC)
			ret = -ENOMEM;
	}
	if (numa)
		restore_policy(&old);
	/* Old kernels lack fallocate on hugetlbfs; MAP_POPULATE does the job then. */
	if (ret == -EOPNOTSUPP)
		ret = 0;
	return ret;
}

static int map_anonymous(void *va, size_t page_sz, int socket)
{
	struct saved_policy old;
	bool numa = hal_linux.socket_count > 1 && socket >= 0;
	void *p;
	int ret = 0;

	if (numa && prefer_node(socket, &old) < 0)
		numa = false;
	p = mmap(va, page_sz, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_POPULATE, -1, 0);
	if (p == MAP_FAILED)
		ret = -errno;
	if (numa)
		restore_policy(&old);
	if (ret < 0) {
		hal_va_rereserve(va, page_sz);
		return ret == -EAGAIN ? -ENOMEM : ret;
	}
	return 0;
}

int hal_page_map(void *va, size_t page_sz, int socket, int list_idx, int seg_idx)
{
	const struct hal_linux_huge_type *t;
	char path[HAL_PATH_MAX];
	void *p;
	int fd, ret;

	if (!hal_linux.initialized || va == NULL || page_sz == 0 ||
	    ((uintptr_t)va & (page_sz - 1)) != 0 || socket >= (int)hal_linux.socket_count ||
	    socket >= RTE_MAX_NUMA_NODES || list_idx < 0 || seg_idx < 0)
		return -EINVAL;
	t = find_type(page_sz);
	if (t == NULL)
		return -EINVAL;
	hal_page_fd_drop(list_idx, seg_idx); /* whatever was here before is gone */
	if (hal_linux.no_huge)
		return map_anonymous(va, page_sz, socket);

	if (!hal_linux.secondary && free_pages_now(page_sz, socket) == 0)
		return -ENOMEM;
	fd = open_page_file(t, list_idx, seg_idx, path, sizeof(path));
	if (fd < 0)
		return fd;
	ret = hal_linux.secondary ? 0 : allocate_page(fd, page_sz, socket);
	if (ret < 0)
		goto fail;

	p = mmap(va, page_sz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED | MAP_POPULATE, fd, 0);
	if (p == MAP_FAILED) {
		ret = errno == EINVAL ? -EINVAL : -ENOMEM;
		goto fail;
	}
	/* Touch it, so the page is ours before anyone relies on it. */
	*(volatile char *)va = *(volatile char *)va;

	/* A secondary attaches to the primary's page wherever it lives. */
	if (hal_linux.socket_count > 1 && socket >= 0 && !hal_linux.secondary) {
		int node = page_node(va);

		if (node != socket) {
			RTE_LOG(DEBUG, EAL, "hugepage for socket %d landed on node %d\n", socket, node);
			ret = -ENOMEM;
			goto fail;
		}
	}
	close(fd);
	/* In-memory mode without memfd: the mapping keeps the page alive. */
	if (hal_linux.in_memory && path[0] != '\0')
		unlink(path);
	return 0;

fail:
	close(fd);
	if (path[0] != '\0' && !hal_linux.secondary)
		unlink(path);
	hal_va_rereserve(va, page_sz);
	return ret;
}

static int page_unmap(void *va, size_t page_sz, int list_idx, int seg_idx, bool rereserve)
{
	const struct hal_linux_huge_type *t;
	char path[HAL_PATH_MAX];
	int ret;

	if (!hal_linux.initialized || va == NULL || page_sz == 0 ||
	    ((uintptr_t)va & (page_sz - 1)) != 0 || list_idx < 0 || seg_idx < 0)
		return -EINVAL;
	t = find_type(page_sz);
	if (t == NULL)
		return -EINVAL;
	ret = rereserve ? hal_va_rereserve(va, page_sz) : 0;
	if (ret < 0)
		return ret;
	hal_page_fd_drop(list_idx, seg_idx);
	/*
	 * The primary owns the files; a secondary only drops its own view.
	 * In-memory and --no-huge pages have no file.
	 */
	if (!hal_linux.no_huge && !hal_linux.in_memory && !hal_linux.secondary &&
	    page_path(path, sizeof(path), t, list_idx, seg_idx) == 0)
		unlink(path);
	return 0;
}

int hal_page_unmap(void *va, size_t page_sz, int list_idx, int seg_idx)
{
	return page_unmap(va, page_sz, list_idx, seg_idx, true);
}

/* The hugepage goes with the range's munmap; its file is unlinked now. */
int hal_page_release(void *va, size_t page_sz, int list_idx, int seg_idx)
{
	return page_unmap(va, page_sz, list_idx, seg_idx, false);
}

static int open_page(size_t page_sz, int list_idx, int seg_idx)
{
	const struct hal_linux_huge_type *t = find_type(page_sz);
	char path[HAL_PATH_MAX];
	int fd, ret;

	if (t == NULL)
		return -EINVAL;
	ret = page_path(path, sizeof(path), t, list_idx, seg_idx);
	if (ret < 0)
		return ret;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ENODEV : -errno;
	return fd;
}

/*
 * In-memory pages are memfds (or unlinked files) closed once mapped: there
 * is no file to hand out. --no-huge memory is anonymous.
 */
int hal_page_fd(size_t page_sz, int list_idx, int seg_idx)
{
	if (!hal_linux.initialized)
		return -EINVAL;
	if (hal_linux.in_memory)
		return -ENOTSUP;
	if (hal_linux.no_huge)
		return -ENODEV;
	return hal_page_fd_cached(page_sz, list_idx, seg_idx, open_page);
}

/* True when name is exactly <prefix>map_<list>_<seg>. */
static bool is_page_file(const char *name, const char *prefix)
{
	size_t plen = strlen(prefix);
	int list, seg, end = -1;

	if (strncmp(name, prefix, plen) != 0)
		return false;
	if (sscanf(name + plen, "map_%d_%d%n", &list, &seg, &end) != 2)
		return false;
	return end > 0 && name[plen + (size_t)end] == '\0';
}

/*
 * A primary that crashed leaves its page files behind, and every one of
 * them pins a hugepage. A new primary of the same prefix removes them (two
 * live primaries sharing a prefix are not supported, as in DPDK).
 */
void hal_linux_clear_stale_pages(void)
{
	for (int i = 0; i < hal_linux.n_types; i++) {
		const char *dir_path = hal_linux.types[i].dir;
		struct dirent *de;
		DIR *dir;

		if (dir_path[0] == '\0')
			continue;
		dir = opendir(dir_path);
		if (dir == NULL)
			continue;
		while ((de = readdir(dir)) != NULL)
			if (is_page_file(de->d_name, hal_linux.prefix))
				unlinkat(dirfd(dir), de->d_name, 0);
		closedir(dir);
	}
}

/* Shared (DPDK maps it so too: a forked child sees the same objects) and locked. */
void *hal_anon_map(size_t len)
{
	void *p;
	int err;

	if (len == 0) {
		errno = EINVAL;
		return NULL;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	/* mlock, not MAP_LOCKED: MAP_LOCKED fails silently past the limit. */
	if (mlock(p, len) < 0) {
		err = errno;
		munmap(p, len);
		errno = err;
		return NULL;
	}
	return p;
}

int hal_anon_unmap(void *va, size_t len)
{
	if (va != NULL && munmap(va, len) < 0)
		return -errno;
	return 0;
}
