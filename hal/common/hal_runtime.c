/* SPDX-License-Identifier: BSD-3-Clause
 * The runtime directory and the files in it that processes share (config,
 * fbarrays, hugepage_info): /var/run/rtemem/<prefix> as root, else
 * $XDG_RUNTIME_DIR/rtemem/<prefix> or /tmp/rtemem-<uid>/<prefix>.
 * With --in-memory there is no directory and shared maps are anonymous.
 * Both HALs use this; hal_shm_map itself is each HAL's (sim injects faults).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hal.h"
#include "hal_runtime.h"
#include "hal_va.h"

static char runtime_dir[HAL_PATH_MAX];
static bool in_memory;

/* mkdir -p: every missing component, each 0700; dir must end up a directory. */
static int mkdir_p(const char *dir)
{
	char buf[HAL_PATH_MAX];
	size_t len = strlen(dir);
	struct stat st;

	if (len == 0 || len >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, dir, len + 1);
	for (char *p = buf + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(buf, 0700) < 0 && errno != EEXIST)
				return -errno;
			*p = c;
			if (c == '\0')
				break;
		}
	}
	/* mkdir's EEXIST does not say the existing entry is a directory. */
	if (stat(dir, &st) < 0)
		return -errno;
	return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

static int runtime_dir_path(char *buf, size_t len, const char *prefix)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	int n;

	if (geteuid() == 0)
		n = snprintf(buf, len, "/var/run/rtemem/%s", prefix);
	else if (xdg != NULL && xdg[0] != '\0')
		n = snprintf(buf, len, "%s/rtemem/%s", xdg, prefix);
	else
		n = snprintf(buf, len, "/tmp/rtemem-%u/%s", (unsigned int)getuid(), prefix);
	return (n < 0 || (size_t)n >= len) ? -ENAMETOOLONG : 0;
}

int hal_runtime_init(const char *prefix, bool mem_only)
{
	char dir[HAL_PATH_MAX];
	int ret;

	runtime_dir[0] = '\0';
	in_memory = mem_only;
	if (in_memory)
		return 0;
	ret = runtime_dir_path(dir, sizeof(dir), prefix);
	if (ret == 0)
		ret = mkdir_p(dir);
	if (ret < 0)
		return ret;
	memcpy(runtime_dir, dir, sizeof(runtime_dir));
	return 0;
}

/* Set once by hal_init, so any thread may read it. */
const char *hal_runtime_dir(void)
{
	return runtime_dir;
}

/* At cleanup: remove the directory if the EAL left nothing in it. */
void hal_runtime_remove(void)
{
	if (runtime_dir[0] != '\0')
		rmdir(runtime_dir);
	runtime_dir[0] = '\0';
}

static int shm_path(char *buf, size_t len, const char *name)
{
	const char *dir;

	if (name == NULL || name[0] == '\0' || strchr(name, '/') != NULL ||
	    strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return -EINVAL;
	dir = hal_runtime_dir();
	if (dir[0] == '\0')
		return -ENOENT;
	{
		int n = snprintf(buf, len, "%s/%s", dir, name);

		return (n < 0 || (size_t)n >= len) ? -ENAMETOOLONG : 0;
	}
}

static void *shm_map_anonymous(size_t len, void *addr)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | (addr != NULL ? MAP_FIXED : 0);
	void *p = mmap(addr, len, PROT_READ | PROT_WRITE, flags, -1, 0);

	if (p == MAP_FAILED) {
		int err = errno;

		if (addr != NULL)
			hal_va_rereserve(addr, len);
		errno = err;
		return NULL;
	}
	return p;
}

void *hal_runtime_shm_map(const char *name, size_t len, void *addr, bool create)
{
	char path[HAL_PATH_MAX];
	bool created = false;
	struct stat st;
	void *p;
	int fd, ret, err;

	if (name == NULL || name[0] == '\0' || len == 0 ||
	    ((uintptr_t)addr & (hal_base_page_size() - 1)) != 0) {
		errno = EINVAL;
		return NULL;
	}
	if (in_memory)
		return create ? shm_map_anonymous(len, addr) : (errno = ENOENT, NULL);

	ret = shm_path(path, sizeof(path), name);
	if (ret < 0) {
		errno = -ret;
		return NULL;
	}
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create) {
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		created = fd >= 0;
	}
	if (fd < 0)
		return NULL;
	if (create) {
		/* An existing file keeps its bytes, as in hal/sim; the caller initialises. */
		if (ftruncate(fd, (off_t)len) < 0)
			goto fail;
	} else if (fstat(fd, &st) < 0) {
		goto fail;
	} else if ((size_t)st.st_size < len) {
		errno = EINVAL;
		goto fail;
	}
	p = mmap(addr, len, PROT_READ | PROT_WRITE, MAP_SHARED | (addr != NULL ? MAP_FIXED : 0),
		 fd, 0);
	if (p == MAP_FAILED)
		goto fail;
	close(fd);
	return p;

fail:
	err = errno;
	close(fd);
	if (created)
		unlink(path);
	if (addr != NULL)
		hal_va_rereserve(addr, len);
	errno = err;
	return NULL;
}

int hal_runtime_shm_unmap(void *addr, size_t len, bool keep_reserved)
{
	if (addr == NULL || len == 0)
		return 0;
	len = RTE_ALIGN_CEIL(len, hal_base_page_size());
	if (keep_reserved)
		return hal_va_rereserve(addr, len);
	return munmap(addr, len) == 0 ? 0 : -errno;
}

int hal_os_shm_unlink(const char *name)
{
	char path[HAL_PATH_MAX];
	int ret;

	if (name == NULL || name[0] == '\0')
		return -EINVAL;
	if (in_memory)
		return 0;
	ret = shm_path(path, sizeof(path), name);
	if (ret < 0)
		return ret;
	return unlink(path) < 0 ? -errno : 0;
}

int hal_runtime_write_file(const char *name, const char *text)
{
	char path[HAL_PATH_MAX];
	FILE *f;
	int ret = shm_path(path, sizeof(path), name);

	if (ret < 0)
		return ret;
	f = fopen(path, "w");
	if (f == NULL)
		return -errno;
	fputs(text, f);
	return fclose(f) == 0 ? 0 : -errno;
}

int hal_runtime_read_file(const char *name, char *buf, size_t size)
{
	char path[HAL_PATH_MAX];
	FILE *f;
	size_t n;
	int ret = shm_path(path, sizeof(path), name);

	if (ret < 0)
		return ret;
	f = fopen(path, "r");
	if (f == NULL)
		return -errno;
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
	return 0;
}
