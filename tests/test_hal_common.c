/* SPDX-License-Identifier: BSD-3-Clause
 * hal/common on whichever HAL the tests are built for: the runtime
 * directory and the files in it (shm maps, small text files), the
 * primary's lock, the IPC datagram sockets, and address-space reservation
 * with its cursor. The EAL runs on --no-huge memory, so no hugepages are
 * needed; cases that use the sim fault injector are sim-only.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include "hal.h"
#include "hal_runtime.h"
#include "hal_va.h"
#include "rtetest.h"
#ifdef RTEMEM_HAL_sim
#include "sim_machine.h"
#endif

#define SZ_2M (2UL << 20)
#define SMALL_MEM "--no-huge -m 16 --sim=pages=4"

static void fill(uint8_t *p, size_t n, uint8_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + i * 7);
}

static int eal_setup(void **state)
{
	(void)state;
	return rtetest_eal_init(SMALL_MEM) < 0 ? -1 : 0;
}

static int eal_teardown(void **state)
{
	(void)state;
	rte_eal_cleanup();
	return 0;
}

/* ---- runtime files ------------------------------------------------------- */

static void test_hal_shm_files(void **state)
{
	const char *dir = hal_runtime_dir();
	uint8_t *p, *q, *res;
	char path[HAL_PATH_MAX], buf[32];

	(void)state;
	assert_true(dir[0] == '/');

	errno = 0;
	assert_null(hal_shm_map(NULL, 4096, NULL, true));
	assert_int_equal(errno, EINVAL);
	assert_null(hal_shm_map("t_shm", 0, NULL, true));
	assert_int_equal(errno, EINVAL);
	assert_null(hal_shm_map("t_shm", 4096, (void *)0x1001, true));
	assert_int_equal(errno, EINVAL);
	assert_null(hal_shm_map("a/b", 4096, NULL, true));
	assert_int_equal(errno, EINVAL);
	assert_null(hal_shm_map("..", 4096, NULL, true));
	assert_int_equal(errno, EINVAL);
	assert_null(hal_shm_map("t_shm", 4096, NULL, false));
	assert_int_equal(errno, ENOENT);
#ifdef RTEMEM_HAL_sim
	sim_fault_arm(SIM_OP_SHM_CREATE, 1);
	assert_null(hal_shm_map("t_shm", 4096, NULL, true));
	assert_int_equal(errno, ENOSPC);
#endif
	snprintf(path, sizeof(path), "%s/t_shm", dir);
	assert_int_equal(access(path, F_OK), -1);

	/* shared between two mappings; the file keeps its bytes */
	p = hal_shm_map("t_shm", 8192, NULL, true);
	assert_non_null(p);
	fill(p, 8192, 5);
	q = hal_shm_map("t_shm", 8192, NULL, false);
	assert_non_null(q);
	assert_memory_equal(q, p, 8192);
	hal_shm_unmap(q, 8192, false);
	/* too short for what is asked: refused, reservation kept */
	res = hal_va_reserve(NULL, 16384, 0);
	assert_non_null(res);
	errno = 0;
	assert_null(hal_shm_map("t_shm", 16384, res, false));
	assert_int_equal(errno, EINVAL);
	q = hal_shm_map("t_shm", 8192, res, false); /* the range is still ours */
	assert_ptr_equal(q, res);
	assert_memory_equal(q, p, 8192);
	assert_int_equal(hal_shm_unmap(q, 8192, true), 0);
	hal_va_release(res, 16384);
	assert_int_equal(hal_shm_unmap(p, 8192, false), 0);
	assert_int_equal(hal_shm_unmap(NULL, 8192, false), 0); /* nothing to do */
	assert_int_equal(hal_shm_unmap(p, 0, false), 0);

	/* a size no file can have: fails, and a file it created is removed */
	assert_null(hal_shm_map("t_huge", (size_t)1 << 62, NULL, true));
	snprintf(path, sizeof(path), "%s/t_huge", dir);
	assert_int_equal(access(path, F_OK), -1);

	assert_int_equal(hal_shm_unlink("t_shm"), 0);
	assert_int_equal(hal_shm_unlink("t_shm"), -ENOENT);
	assert_int_equal(hal_shm_unlink(NULL), -EINVAL);
	assert_int_equal(hal_shm_unlink(""), -EINVAL);
	assert_int_equal(hal_shm_unlink("."), -EINVAL);

	/* small text files */
	assert_int_equal(hal_runtime_write_file("t_text", "profile=4K/2M"), 0);
	assert_int_equal(hal_runtime_read_file("t_text", buf, 8), 0);
	assert_string_equal(buf, "profile"); /* cut to the buffer, terminated */
	assert_int_equal(hal_shm_unlink("t_text"), 0);
	assert_int_equal(hal_runtime_read_file("t_text", buf, sizeof(buf)), -ENOENT);
	assert_int_equal(hal_runtime_write_file("x/y", "a"), -EINVAL);
	assert_int_equal(hal_runtime_read_file("", buf, sizeof(buf)), -EINVAL);
	snprintf(path, sizeof(path), "%s/t_dir", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(hal_runtime_write_file("t_dir", "a"), -EISDIR);
	errno = 0;
	assert_null(hal_shm_map("t_dir", 4096, NULL, false));
	assert_int_equal(errno, EISDIR);
	rmdir(path);
}

/* ---- address space -------------------------------------------------------- */

static void test_hal_va_reserve(void **state)
{
	uint8_t *a, *b, *c, *d;

	(void)state;
	/* without a hint: from the cursor, at 32 TiB and up (64 GiB under
	 * ThreadSanitizer, in its application range), one after the other */
	a = hal_va_reserve(NULL, 100, 0);
	assert_non_null(a);
	assert_true((uintptr_t)a >= (RTETEST_TSAN ? 1ULL << 36 : 1ULL << 45));
	assert_int_equal((uintptr_t)a % 4096, 0);
	b = hal_va_reserve(NULL, 4096, 1 << 20);
	assert_non_null(b);
	assert_true(b > a && (uintptr_t)b - (uintptr_t)a <= (2 << 20));
	assert_int_equal((uintptr_t)b % (1 << 20), 0);

	/* a free hint is honoured; a taken or misaligned one is not */
	hal_va_release(b, 4096);
	c = hal_va_reserve(b, 8192, 0);
	assert_ptr_equal(c, b);
	d = hal_va_reserve(c, 4 * SZ_2M, SZ_2M); /* taken: placed elsewhere */
	assert_non_null(d);
	assert_true(d != c);
	assert_int_equal((uintptr_t)d % SZ_2M, 0);
	hal_va_release(d, 4 * SZ_2M);
	d = hal_va_reserve(c, 4096, 1UL << 30); /* more alignment than the kernel gives */
	assert_non_null(d);
	assert_int_equal((uintptr_t)d % (1UL << 30), 0);
	hal_va_release(d, 4096);
	d = hal_va_reserve(a + 4096 + 1, 4096, 0);
	assert_non_null(d);
	assert_true(d != a + 4096 + 1);
	hal_va_release(d, 4096);

	/* bad sizes and alignments */
	errno = 0;
	assert_null(hal_va_reserve(NULL, 0, 0));
	assert_int_equal(errno, EINVAL);
	assert_null(hal_va_reserve(NULL, 4096, 3 * 4096));
	assert_int_equal(errno, EINVAL);
	assert_null(hal_va_reserve(NULL, (size_t)1 << 62, 0));
	assert_null(hal_va_reserve(NULL, SIZE_MAX & ~(size_t)4095, SZ_2M));
	assert_int_equal(errno, ENOMEM);
#ifdef RTEMEM_HAL_sim
	sim_fault_arm(SIM_OP_VA_RESERVE, 1);
	assert_null(hal_va_reserve(NULL, 4096, 0));
	assert_int_equal(errno, ENOMEM);
#endif

	hal_va_release(NULL, 4096);
	hal_va_release(a, 0);
	hal_va_release(a, 100);
	hal_va_release(c, 8192);
}

/* A length so close to SIZE_MAX that rounding it up to a page wraps must
 * fail, not reserve a range of zero bytes (regression). */
static void test_hal_va_reserve_wrapping_length(void **state)
{
	(void)state;
	errno = 0;
	assert_null(hal_va_reserve(NULL, SIZE_MAX - 10, SZ_2M));
	assert_int_equal(errno, ENOMEM);
	assert_null(hal_va_reserve(NULL, SIZE_MAX, 0));
	assert_int_equal(errno, ENOMEM);
}

/* ---- processes ------------------------------------------------------------ */

static void test_hal_lock(void **state)
{
	char path[HAL_PATH_MAX];
	int fd;

	(void)state;
	/* our primary holds it: a second primary is refused, a secondary is fine */
	assert_int_equal(hal_runtime_lock(true), -EBUSY);
	assert_int_equal(hal_runtime_lock(false), 0);

	/* no lock file: no primary */
	hal_runtime_unlock();
	hal_runtime_unlock(); /* twice is harmless */
	snprintf(path, sizeof(path), "%s/lock", hal_runtime_dir());
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(hal_runtime_lock(false), -ENOENT);
	/* a lock file nobody holds: a dead primary's, no primary either */
	fd = open(path, O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(hal_runtime_lock(false), -ENOENT);
	/* ... and a new primary takes it over */
	assert_int_equal(hal_runtime_lock(true), 0);
	assert_int_equal(hal_runtime_lock(false), 0);
}

static void test_hal_ipc(void **state)
{
	char longname[HAL_IPC_NAME_MAX + 2], peer[HAL_IPC_NAME_MAX], buf[64];
	char names[8][HAL_IPC_NAME_MAX];
	char big[HAL_IPC_MSG_MAX + 1];
	int a, b, l;

	(void)state;
	a = hal_ipc_open("t_ipc_a");
	b = hal_ipc_open("t_ipc_b");
	assert_true(a >= 0 && b >= 0);
	assert_int_equal(hal_ipc_send(a, "t_ipc_b", "hello", 5), 0);
	memset(buf, 0, sizeof(buf));
	assert_int_equal(hal_ipc_recv(b, buf, sizeof(buf), peer, 1000), 5);
	assert_string_equal(buf, "hello");
	assert_string_equal(peer, "t_ipc_a");
	assert_int_equal(hal_ipc_recv(b, buf, sizeof(buf), peer, 0), -EAGAIN);
	assert_int_equal(hal_ipc_peers("t_ipc_", names, 8), 2);
	assert_int_equal(hal_ipc_peers("t_ipc_", names, 1), 1);
	assert_int_equal(hal_ipc_peers("t_none_", names, 8), 0);

	memset(big, 0, sizeof(big));
	assert_int_equal(hal_ipc_send(a, "t_ipc_b", big, sizeof(big)), -EMSGSIZE);
	assert_int_equal(hal_ipc_send(a, "t_ipc_gone", "x", 1), -ENOENT);
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	/* longer than a unix socket path can be */
	{
		char toolong[200];

		memset(toolong, 'z', sizeof(toolong) - 1);
		toolong[sizeof(toolong) - 1] = '\0';
		assert_int_equal(hal_ipc_open(toolong), -ENAMETOOLONG);
		assert_int_equal(hal_ipc_send(a, toolong, "x", 1), -ENAMETOOLONG);
	}
	assert_int_equal(hal_ipc_open("no_such_dir/sock"), -ENOENT);

	/* a sender whose name is too long to report */
	if (strlen(hal_runtime_dir()) + 1 + strlen(longname) < 108) {
		l = hal_ipc_open(longname);
		assert_true(l >= 0);
		assert_int_equal(hal_ipc_send(l, "t_ipc_b", "y", 1), 0);
		assert_int_equal(hal_ipc_recv(b, buf, sizeof(buf), peer, 1000), -ENAMETOOLONG);
		hal_ipc_close(l, longname);
	}
	/* a closed descriptor */
	assert_int_equal(hal_ipc_recv(9999, buf, sizeof(buf), peer, 0), -EBADF);

	hal_ipc_close(a, "t_ipc_a");
	hal_ipc_close(b, "t_ipc_b");
	hal_ipc_close(-1, "t_ipc_b");
	assert_int_equal(hal_ipc_peers("t_ipc_", names, 8), 0);
}

/* How many descriptors this process has open (F_GETFD fails on closed ones). */
static int open_fds(void)
{
	int n = 0;

	for (int fd = 0; fd < 4096; fd++)
		n += fcntl(fd, F_GETFD) >= 0;
	return n;
}

/* Descriptors travel with a message; ones beyond what the receiver takes close. */
static void test_hal_ipc_fds(void **state)
{
	char peer[HAL_IPC_NAME_MAX], buf[16], data[8];
	int a, b, p[2], q[2], fds[HAL_IPC_MAX_FDS + 1], got[4], n, base;

	(void)state;
	a = hal_ipc_open("t_fds_a");
	b = hal_ipc_open("t_fds_b");
	assert_true(a >= 0 && b >= 0);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(pipe(q), 0);
	assert_int_equal(write(p[1], "one", 3), 3);
	assert_int_equal(write(q[1], "two", 3), 3);
	fds[0] = p[0];
	fds[1] = q[0];
	assert_int_equal(hal_ipc_send_fds(a, "t_fds_b", "m", 1, fds, 2), 0);
	memset(got, 0xA5, sizeof(got));
	n = 99;
	assert_int_equal(hal_ipc_recv_fds(b, buf, sizeof(buf), peer, 1000, got, &n, 4), 1);
	assert_int_equal(n, 2);
	assert_true(got[0] != p[0] && got[1] != q[0]); /* our own descriptors */
	memset(data, 0, sizeof(data));
	assert_int_equal(read(got[0], data, sizeof(data)), 3);
	assert_string_equal(data, "one");
	memset(data, 0, sizeof(data));
	assert_int_equal(read(got[1], data, sizeof(data)), 3);
	assert_string_equal(data, "two");
	hal_fd_close(got[0]);
	hal_fd_close(got[1]);

	/* Room for one: the second is closed, not leaked. */
	base = open_fds();
	assert_int_equal(hal_ipc_send_fds(a, "t_fds_b", "m", 1, fds, 2), 0);
	assert_int_equal(hal_ipc_recv_fds(b, buf, sizeof(buf), peer, 1000, got, &n, 1), 1);
	assert_int_equal(n, 1);
	assert_int_equal(open_fds(), base + 1);
	hal_fd_close(got[0]);
	/* hal_ipc_recv takes none. */
	assert_int_equal(hal_ipc_send_fds(a, "t_fds_b", "m", 1, fds, 2), 0);
	assert_int_equal(hal_ipc_recv(b, buf, sizeof(buf), peer, 1000), 1);
	assert_int_equal(open_fds(), base);

	for (int i = 0; i <= HAL_IPC_MAX_FDS; i++)
		fds[i] = p[0];
	assert_int_equal(hal_ipc_send_fds(a, "t_fds_b", "m", 1, fds, HAL_IPC_MAX_FDS + 1), -EINVAL);
	assert_int_equal(hal_ipc_send_fds(a, "t_fds_b", "m", 1, fds, -1), -EINVAL);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	hal_ipc_close(a, "t_fds_a");
	hal_ipc_close(b, "t_fds_b");
}

/* ---- runtime directory ---------------------------------------------------- */

/* Runtime directory creation failing: a path component that is a file. */
static void test_runtime_dir_errors(void **state)
{
	char prefix[HAL_PATH_MAX + 16], file[HAL_PATH_MAX];
	int fd;

	(void)state;
	memset(prefix, 'p', sizeof(prefix) - 1);
	prefix[sizeof(prefix) - 1] = '\0';
	assert_int_equal(hal_runtime_init(prefix, false), -ENAMETOOLONG);
	assert_string_equal(hal_runtime_dir(), "");
	/* a component of the path that is a file, not a directory */
	snprintf(prefix, sizeof(prefix), "t_rtdir%d", (int)getpid());
	assert_int_equal(hal_runtime_init(prefix, false), 0);
	snprintf(file, sizeof(file), "%s", hal_runtime_dir());
	hal_runtime_remove();
	fd = open(file, O_RDWR | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	close(fd);
	/* the runtime directory itself a file: refused, not taken for a directory */
	assert_int_equal(hal_runtime_init(prefix, false), -ENOTDIR);
	assert_string_equal(hal_runtime_dir(), "");
	strcat(prefix, "/sub");
	assert_int_equal(hal_runtime_init(prefix, false), -ENOTDIR);
	assert_string_equal(hal_runtime_dir(), "");
	unlink(file);
	assert_int_equal(hal_runtime_init("ignored", true), 0);
	assert_string_equal(hal_runtime_dir(), "");
	hal_runtime_remove();
}

/* EAL cannot come up where its runtime directory would be a file. */
static void test_runtime_dir_is_a_file(void **state)
{
	char prefix[64], arg[128], dir[HAL_PATH_MAX];
	int fd;

	(void)state;
	snprintf(prefix, sizeof(prefix), "t_rtfile%d", (int)getpid());
	assert_int_equal(hal_runtime_init(prefix, false), 0);
	snprintf(dir, sizeof(dir), "%s", hal_runtime_dir());
	hal_runtime_remove();
	fd = open(dir, O_RDWR | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	close(fd);
	snprintf(arg, sizeof(arg), "--file-prefix=%s " SMALL_MEM, prefix);
	rte_errno = 0;
	assert_int_equal(rtetest_eal_init(arg), -1);
	assert_int_equal(rte_errno, ENOTDIR);
	unlink(dir);
	assert_true(rtetest_eal_init(arg) >= 0);
	rte_eal_cleanup();
	assert_int_equal(access(dir, F_OK), -1);
}

static void test_in_memory_runtime(void **state)
{
	char names[2][HAL_IPC_NAME_MAX];
	uint8_t *p, *res;

	(void)state;
	assert_true(rtetest_eal_init("--in-memory " SMALL_MEM) >= 0);
	assert_string_equal(hal_runtime_dir(), "");
	assert_int_equal(hal_runtime_lock(true), 0);
	assert_int_equal(hal_runtime_lock(false), -ENOENT);
	assert_int_equal(hal_ipc_peers("mp_", names, 2), -ENOENT);

	errno = 0;
	assert_null(hal_shm_map("t_mem", 4096, NULL, false));
	assert_int_equal(errno, ENOENT);
	p = hal_shm_map("t_mem", 8192, NULL, true); /* private, anonymous */
	assert_non_null(p);
	fill(p, 8192, 1);
	assert_int_equal(p[8191], (uint8_t)(1 + 8191 * 7));
	hal_shm_unmap(p, 8192, false);
	res = hal_va_reserve(NULL, 8192, 0);
	assert_non_null(res);
	p = hal_shm_map("t_mem", 8192, res, true);
	assert_ptr_equal(p, res);
	p[0] = 1;
	hal_shm_unmap(p, 8192, true);
	/* a mapping that cannot be made leaves the range reserved (the
	 * kernel says ENOMEM; ThreadSanitizer's mmap, EINVAL: it cannot
	 * shadow the range) */
	errno = 0;
	assert_null(hal_shm_map("t_mem", (size_t)1 << 62, res, true));
	assert_int_equal(errno, RTETEST_TSAN ? EINVAL : ENOMEM);
	p = hal_shm_map("t_mem", 8192, res, true);
	assert_ptr_equal(p, res);
	hal_shm_unmap(p, 8192, true);
	hal_va_release(res, 8192);
	assert_null(hal_shm_map("t_mem", (size_t)1 << 62, NULL, true));
	assert_int_equal(hal_shm_unlink("t_mem"), 0);
	assert_int_equal(hal_runtime_write_file("t_text", "a"), -ENOENT);

	rte_eal_cleanup();
}

int main(void)
{
	const struct CMUnitTest no_eal[] = {
		cmocka_unit_test(test_runtime_dir_errors),
	};
	const struct CMUnitTest with_eal[] = {
		cmocka_unit_test(test_hal_shm_files),
		cmocka_unit_test(test_hal_va_reserve),
		cmocka_unit_test(test_hal_va_reserve_wrapping_length),
		cmocka_unit_test(test_hal_lock),
		cmocka_unit_test(test_hal_ipc),
		cmocka_unit_test(test_hal_ipc_fds),
	};
	const struct CMUnitTest own_eal[] = {
		cmocka_unit_test(test_in_memory_runtime),
		cmocka_unit_test(test_runtime_dir_is_a_file),
	};
	int fails = 0;

	fails += cmocka_run_group_tests_name("runtime dir", no_eal, NULL, NULL);
	fails += cmocka_run_group_tests_name("hal/common", with_eal, eal_setup, eal_teardown);
	fails += cmocka_run_group_tests_name("eal modes", own_eal, NULL, NULL);
	return fails;
}
