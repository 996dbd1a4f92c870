/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers shared by the cmocka tests.
 */
#ifndef RTEMEM_RTETEST_H
#define RTEMEM_RTETEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/*
 * rte_eal_init with the arguments in args (space separated, may be NULL)
 * after defaults that suit the HAL the tests were built for: a private
 * --file-prefix per process, and on Linux the hugetlbfs mount given by
 * $RTEMEM_HUGE_DIR if set. --sim=... arguments are dropped on HAL=linux.
 * Returns what rte_eal_init returned.
 */
int rtetest_eal_init(const char *args);

/*
 * True on HAL=linux when the machine has no hugepages for us
 * (ci/with-hugepages.sh found none and set $RTEMEM_NO_HUGEPAGES).
 */
bool rtetest_no_hugepages(void);

/*
 * rtetest_eal_init(args) for a group setup: 0, or -1 on failure. Where
 * rtetest_no_hugepages(), on --no-huge memory (4 KiB pages, IOVA as VA).
 */
int rtetest_boot(const char *args);

/*
 * cmocka_run_group_tests_name for a group whose cases need hugepage memory
 * (page sizes, physical contiguity): where rtetest_no_hugepages(), its
 * cases are reported skipped, with the reason, instead of run.
 */
#define rtetest_run_hugepage_group(name, tests, setup, teardown)                              \
	rtetest_run_hugepage_group_(name, tests, sizeof(tests) / sizeof((tests)[0]), setup,   \
				    teardown)
int rtetest_run_hugepage_group_(const char *name, const struct CMUnitTest *tests, size_t n,
				CMFixtureFunction setup, CMFixtureFunction teardown);

/* The whole main of a test file whose cases need the simulated machine,
 * built for another HAL: one case, test_sim_only, skipped. */
int rtetest_sim_only_main(const char *name);

/*
 * $RTETEST_FILTER, when set, is a cmocka test-name pattern ('*' and '?'):
 * only the matching cases run, in every test binary (set before main by a
 * constructor in rtetest.c). ci/stress.sh repeats one case with it.
 */

/* 1 in a ThreadSanitizer build (make SANITIZE=thread), else 0. */
#if defined(__SANITIZE_THREAD__)
#define RTETEST_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RTETEST_TSAN 1
#endif
#endif
#ifndef RTETEST_TSAN
#define RTETEST_TSAN 0
#endif

/* 1 in an AddressSanitizer build (make SANITIZE=1), else 0. */
#if defined(__SANITIZE_ADDRESS__)
#define RTETEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RTETEST_ASAN 1
#endif
#endif
#ifndef RTETEST_ASAN
#define RTETEST_ASAN 0
#endif

/* 1 in a gcov build (make COVERAGE=1 defines it: -O0 and counters on every
 * branch make the long random runs slow without covering more). */
#ifndef RTETEST_COVERAGE
#define RTETEST_COVERAGE 0
#endif

/* True when built with HAL=sim (sim-only cases skip() otherwise). */
bool rtetest_hal_is_sim(void);

/*
 * Tests that start another program of this build (a child copy of the test,
 * tools/rtemem-info) go through these. $RTETEST_EXEC_WRAPPER, when set,
 * names a program to run it under: ci/cross-test.sh sets qemu-<arch>, as a
 * foreign binary cannot be exec'd directly without binfmt_misc.
 *
 * rtetest_execv: like execv(path, argv) (argv[0] is replaced by path);
 * returns only on failure. rtetest_command: writes into buf the shell
 * command line that runs "path args", or returns -1 if it does not fit.
 */
int rtetest_execv(const char *path, char *const argv[]);
int rtetest_command(char *buf, size_t size, const char *path, const char *args);

/* Nonzero when this test runs under an emulator ($RTETEST_EXEC_WRAPPER
 * set): qemu-user neither honours MAP_POPULATE nor starts a process fast. */
int rtetest_emulated(void);

#endif
