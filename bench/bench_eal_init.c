/* SPDX-License-Identifier: BSD-3-Clause
 * EAL init to ready: wall time of rte_eal_init() with the options given,
 * from the call to its return (memory, lcore threads, everything up).
 * DPDK cannot be initialised twice in one process, so each repetition
 * runs in a fresh child process; the parent never initialises the EAL.
 *
 * Usage: bench_eal_init [EAL options] -- [--reps N]
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include "bench.h"

/* One child: init, send the time through the pipe, clean up, exit. */
static void child(int fd, int eal_argc, char **eal_argv)
{
	uint64_t t0 = bench_ns();
	int ret = rte_eal_init(eal_argc, eal_argv);
	uint64_t ns = bench_ns() - t0;

	if (ret < 0) {
		fprintf(stderr, "bench_eal_init: rte_eal_init failed (rte_errno %d)\n", rte_errno);
		_exit(1);
	}
	if (write(fd, &ns, sizeof(ns)) != (ssize_t)sizeof(ns))
		_exit(1);
	rte_eal_cleanup();
	_exit(0);
}

static int one_run(int eal_argc, char **eal_argv, double *us)
{
	int fds[2], status;
	uint64_t ns = 0;
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		child(fds[1], eal_argc, eal_argv);
	}
	close(fds[1]);
	ssize_t got = read(fds[0], &ns, sizeof(ns));
	close(fds[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0 || got != (ssize_t)sizeof(ns))
		return -1;
	*us = (double)ns / 1000.0;
	return 0;
}

int main(int argc, char **argv)
{
	struct bench_opts opts;
	double v[BENCH_MAX_REPS];
	int eal_argc = argc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			eal_argc = i;
			break;
		}
	}
	if (bench_parse_opts(argc - eal_argc, argv + eal_argc, &opts, 1) != 0)
		return 1;
	argv[eal_argc] = NULL; /* rte_eal_init sees the EAL options only */

	for (unsigned int i = 0; i < opts.reps; i++) {
		if (one_run(eal_argc, argv, &v[i]) != 0) {
			fprintf(stderr, "bench_eal_init: run %u failed\n", i);
			return 1;
		}
	}
	bench_report("lib", "EAL init to ready (wall)", "us", bench_median(v, opts.reps));
	return 0;
}
