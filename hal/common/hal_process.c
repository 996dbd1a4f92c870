/* SPDX-License-Identifier: BSD-3-Clause
 * What the processes of one runtime directory share on any HAL: the
 * primary's lock and the datagram sockets they talk over.
 */
#include <dirent.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "hal.h"
#include "hal_runtime.h"

static int lock_fd = -1;

int hal_thread_id(void)
{
	return (int)syscall(SYS_gettid);
}

bool hal_thread_alive(int tid)
{
	char path[64], stat[512], *state;
	ssize_t n;
	int fd;

	if (tid <= 0)
		return false;
	/* kill(tid, 0) would call a zombie alive: a SIGKILLed process stays
	 * one until its parent reaps it, and may hold a lock all that time.
	 * /proc/<tid>/stat names the state, also for a thread that is not its
	 * process's leader. */
	snprintf(path, sizeof(path), "/proc/%d/stat", tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno != ENOENT && errno != ESRCH;
	n = read(fd, stat, sizeof(stat) - 1);
	close(fd);
	if (n <= 0)
		return n < 0 && errno != ESRCH;
	stat[n] = '\0';
	/* "tid (comm) S ...": comm may itself hold ") ". */
	state = strrchr(stat, ')');
	if (state == NULL || state[1] != ' ')
		return true;
	return state[2] != 'Z' && state[2] != 'X' && state[2] != 'x';
}

void hal_dump_stack(FILE *f)
{
	void *frames[64];
	int n = backtrace(frames, (int)(sizeof(frames) / sizeof(frames[0])));

	fflush(f);
	backtrace_symbols_fd(frames, n, fileno(f));
}

static int runtime_path(char *buf, size_t size, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", hal_runtime_dir(), name);

	return (n < 0 || (size_t)n >= size) ? -ENAMETOOLONG : 0;
}

int hal_runtime_lock(bool primary)
{
	char path[HAL_PATH_MAX];
	int fd, ret;

	if (hal_runtime_dir()[0] == '\0')
		return primary ? 0 : -ENOENT; /* in-memory: nothing to share */
	ret = runtime_path(path, sizeof(path), "lock");
	if (ret < 0)
		return ret;
	fd = open(path, primary ? O_RDWR | O_CREAT | O_CLOEXEC : O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0)
		return primary ? -errno : -ENOENT;
	if (primary) {
		if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
			ret = errno == EWOULDBLOCK ? -EBUSY : -errno;
			close(fd);
			return ret;
		}
		lock_fd = fd;
		return 0;
	}
	/* A secondary that can take the lock has found no live primary. */
	if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
		close(fd);
		return -ENOENT;
	}
	ret = errno == EWOULDBLOCK ? 0 : -errno;
	close(fd);
	return ret;
}

void hal_runtime_unlock(void)
{
	char path[HAL_PATH_MAX];

	if (lock_fd < 0)
		return;
	/* The primary is leaving: its lock file goes too, so the directory can. */
	if (runtime_path(path, sizeof(path), "lock") == 0)
		unlink(path);
	close(lock_fd);
	lock_fd = -1;
}

static int sock_addr(struct sockaddr_un *sa, const char *name)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	return runtime_path(sa->sun_path, sizeof(sa->sun_path), name);
}

int hal_os_ipc_open(const char *name)
{
	struct sockaddr_un sa;
	int fd, ret;

	ret = sock_addr(&sa, name);
	if (ret < 0)
		return ret;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	unlink(sa.sun_path); /* a socket file a dead process left behind */
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		ret = -errno;
		close(fd);
		return ret;
	}
	return fd;
}

void hal_ipc_unlink(const char *name)
{
	struct sockaddr_un sa;

	if (sock_addr(&sa, name) == 0)
		unlink(sa.sun_path);
}

void hal_ipc_close(int fd, const char *name)
{
	if (fd < 0)
		return;
	close(fd);
	hal_ipc_unlink(name);
}

int hal_os_ipc_send(int fd, const char *peer, const void *msg, size_t len)
{
	struct sockaddr_un sa;
	int ret;

	if (len > HAL_IPC_MSG_MAX)
		return -EMSGSIZE;
	ret = sock_addr(&sa, peer);
	if (ret < 0)
		return ret;
	if (sendto(fd, msg, len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	return 0;
}

int hal_ipc_recv(int fd, void *buf, size_t len, char peer[HAL_IPC_NAME_MAX], int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct sockaddr_un sa;
	socklen_t salen = sizeof(sa);
	const char *base;
	ssize_t n;
	int ret;

	ret = poll(&pfd, 1, timeout_ms);
	if (ret == 0)
		return -EAGAIN;
	if (ret < 0)
		return -errno;
	n = recvfrom(fd, buf, len, 0, (struct sockaddr *)&sa, &salen);
	if (n < 0)
		return -errno;
	base = strrchr(sa.sun_path, '/');
	base = base ? base + 1 : sa.sun_path;
	if (strlen(base) >= HAL_IPC_NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(peer, base, strlen(base) + 1);
	return (int)n;
}

int hal_ipc_peers(const char *prefix, char (*names)[HAL_IPC_NAME_MAX], int max)
{
	DIR *dir = opendir(hal_runtime_dir());
	struct dirent *de;
	int n = 0;

	if (dir == NULL)
		return -errno;
	while ((de = readdir(dir)) != NULL && n < max) {
		size_t len = strlen(de->d_name);

		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0 || len >= HAL_IPC_NAME_MAX)
			continue;
		memcpy(names[n++], de->d_name, len + 1);
	}
	closedir(dir);
	return n;
}
