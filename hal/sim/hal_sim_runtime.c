/* SPDX-License-Identifier: BSD-3-Clause
 * Runtime directory and shared files: /var/run/rtemem/<prefix> for root,
 * $XDG_RUNTIME_DIR/rtemem/<prefix> or /tmp/rtemem-<uid>/<prefix> for others.
 * With --in-memory nothing is written: shared maps become anonymous.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hal.h"
#include "hal_sim_runtime.h"

static char runtime_dir[PATH_MAX];
static bool in_memory;

static int mkdir_p(const char *path)
{
	char buf[PATH_MAX];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(buf, 0700) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

int hal_runtime_init(const char *file_prefix, bool mem_only)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	int n;

	in_memory = mem_only;
	runtime_dir[0] = '\0';
	if (in_memory)
		return 0;
	if (getuid() == 0)
		n = snprintf(runtime_dir, sizeof(runtime_dir), "/var/run/rtemem/%s", file_prefix);
	else if (xdg != NULL && *xdg != '\0')
		n = snprintf(runtime_dir, sizeof(runtime_dir), "%s/rtemem/%s", xdg, file_prefix);
	else
		n = snprintf(runtime_dir, sizeof(runtime_dir), "/tmp/rtemem-%u/%s",
			     (unsigned int)getuid(), file_prefix);
	if (n < 0 || (size_t)n >= sizeof(runtime_dir))
		return -ENAMETOOLONG;
	return mkdir_p(runtime_dir);
}

void hal_runtime_cleanup(void)
{
	/* Leaves the directory if another process still has files in it. */
	if (runtime_dir[0] != '\0')
		rmdir(runtime_dir);
	runtime_dir[0] = '\0';
}

const char *hal_runtime_dir(void)
{
	return runtime_dir;
}

static int shm_path(char *buf, size_t size, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", runtime_dir, name);

	return (n < 0 || (size_t)n >= size) ? -ENAMETOOLONG : 0;
}

void *hal_common_shm_map(const char *name, size_t len, void *addr, bool create)
{
	int flags = addr != NULL ? MAP_FIXED : 0;
	char path[PATH_MAX];
	void *va;
	int fd, err;

	if (in_memory) {
		if (!create) {
			errno = ENOENT;
			return NULL;
		}
		va = mmap(addr, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | flags, -1, 0);
		return va == MAP_FAILED ? NULL : va;
	}
	err = shm_path(path, sizeof(path), name);
	if (err < 0) {
		errno = -err;
		return NULL;
	}
	fd = open(path, create ? O_RDWR | O_CREAT : O_RDWR, 0600);
	if (fd < 0)
		return NULL;
	if (create && ftruncate(fd, (off_t)len) < 0) {
		err = errno;
		close(fd);
		errno = err;
		return NULL;
	}
	va = mmap(addr, len, PROT_READ | PROT_WRITE, MAP_SHARED | flags, fd, 0);
	err = errno;
	close(fd);
	errno = err;
	return va == MAP_FAILED ? NULL : va;
}

void hal_shm_unmap(void *addr, size_t len, bool keep_reserved)
{
	if (addr == NULL)
		return;
	if (keep_reserved)
		mmap(addr, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
	else
		munmap(addr, len);
}

int hal_shm_unlink(const char *name)
{
	char path[PATH_MAX];
	int err;

	if (in_memory)
		return 0;
	err = shm_path(path, sizeof(path), name);
	if (err < 0)
		return err;
	return unlink(path) < 0 ? -errno : 0;
}

int hal_runtime_write_file(const char *name, const char *text)
{
	char path[PATH_MAX];
	FILE *f;
	int err = shm_path(path, sizeof(path), name);

	if (err < 0)
		return err;
	f = fopen(path, "w");
	if (f == NULL)
		return -errno;
	fputs(text, f);
	return fclose(f) == 0 ? 0 : -errno;
}

int hal_runtime_read_file(const char *name, char *buf, size_t size)
{
	char path[PATH_MAX];
	FILE *f;
	size_t n;
	int err = shm_path(path, sizeof(path), name);

	if (err < 0)
		return err;
	f = fopen(path, "r");
	if (f == NULL)
		return -errno;
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
	return 0;
}
