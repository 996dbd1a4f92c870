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
#include <stdint.h>
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

bool hal_thread_in_process(int tid, int pid)
{
	char path[64];

	if (tid <= 0 || pid <= 0)
		return false;
	snprintf(path, sizeof(path), "/proc/%d/task/%d", pid, tid);
	return access(path, F_OK) == 0;
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

int hal_os_runtime_lock(bool primary)
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

/* Room for the largest SCM_RIGHTS message, aligned as cmsghdr needs. */
union fd_cmsg {
	struct cmsghdr hdr;
	char buf[CMSG_SPACE(sizeof(int) * HAL_IPC_MAX_FDS)];
};

int hal_os_ipc_send(int fd, const char *peer, const void *msg, size_t len, const int *fds,
		    int nfds)
{
	struct iovec iov = { .iov_base = (void *)(uintptr_t)msg, .iov_len = len };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct sockaddr_un sa;
	union fd_cmsg cm;
	int ret;

	if (len > HAL_IPC_MSG_MAX)
		return -EMSGSIZE;
	if (nfds < 0 || nfds > HAL_IPC_MAX_FDS)
		return -EINVAL;
	ret = sock_addr(&sa, peer);
	if (ret < 0)
		return ret;
	mh.msg_name = &sa;
	mh.msg_namelen = sizeof(sa);
	if (nfds > 0) {
		struct cmsghdr *c;

		memset(&cm, 0, sizeof(cm));
		mh.msg_control = cm.buf;
		mh.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
		memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)nfds);
	}
	if (sendmsg(fd, &mh, 0) < 0)
		return -errno;
	return 0;
}

/* The descriptors a message carried: the first max go to fds, the rest close. */
static int take_fds(struct msghdr *mh, int *fds, int max)
{
	int n = 0;

	for (struct cmsghdr *c = CMSG_FIRSTHDR(mh); c != NULL; c = CMSG_NXTHDR(mh, c)) {
		size_t count;

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (size_t i = 0; i < count; i++) {
			int got;

			memcpy(&got, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
			if (n < max)
				fds[n++] = got;
			else
				close(got);
		}
	}
	return n;
}

int hal_os_ipc_recv_fds(int fd, void *buf, size_t len, char peer[HAL_IPC_NAME_MAX],
			int timeout_ms, int *fds, int *nfds, int max_fds)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct sockaddr_un sa;
	struct msghdr mh = { .msg_name = &sa, .msg_namelen = sizeof(sa), .msg_iov = &iov,
			     .msg_iovlen = 1 };
	union fd_cmsg cm;
	const char *base;
	ssize_t n;
	int ret, got;

	if (nfds != NULL)
		*nfds = 0;
	ret = poll(&pfd, 1, timeout_ms);
	if (ret == 0)
		return -EAGAIN;
	if (ret < 0)
		return -errno;
	mh.msg_control = cm.buf;
	mh.msg_controllen = sizeof(cm.buf);
	/* CLOEXEC: a descriptor passed to us must not leak into a child we exec. */
	n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
	if (n < 0)
		return -errno;
	got = take_fds(&mh, fds, fds != NULL ? max_fds : 0);
	base = strrchr(sa.sun_path, '/');
	base = base ? base + 1 : sa.sun_path;
	if (strlen(base) >= HAL_IPC_NAME_MAX) {
		while (got > 0)
			close(fds[--got]);
		return -ENAMETOOLONG;
	}
	memcpy(peer, base, strlen(base) + 1);
	if (nfds != NULL)
		*nfds = got;
	return (int)n;
}

int hal_ipc_recv(int fd, void *buf, size_t len, char peer[HAL_IPC_NAME_MAX], int timeout_ms)
{
	return hal_ipc_recv_fds(fd, buf, len, peer, timeout_ms, NULL, NULL, 0);
}

void hal_fd_close(int fd)
{
	if (fd >= 0)
		close(fd);
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
