/* SPDX-License-Identifier: BSD-3-Clause
 * Primary and secondary processes: real separate processes (this binary
 * re-executes itself as the child), sharing memory at the same addresses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memory.h>

#include "eal_private.h"
#include "rtetest.h"

static char self_path[4096];
static char prefix[64];

/* Exit codes a child reports with. */
enum { CHILD_OK = 0, CHILD_INIT_FAILED = 10, CHILD_BAD_DATA = 11, CHILD_ALLOC_FAILED = 12 };

/* rte_eal_init as proc_type with our prefix (--sim=... dropped on Linux). */
static int eal_up(const char *proc_type, const char *extra)
{
	char buf[256], *argv[16];
	int argc = 0;

	snprintf(buf, sizeof(buf), "mp --file-prefix=%s --proc-type=%s %s", prefix, proc_type,
		 extra ? extra : "");
	for (char *t = strtok(buf, " "); t && argc < 15; t = strtok(NULL, " ")) {
		if (!rtetest_hal_is_sim() && strncmp(t, "--sim=", 6) == 0)
			continue;
		argv[argc++] = t;
	}
	argv[argc] = NULL;
	return rte_eal_init(argc, argv);
}

static uint64_t hugepage_size(void)
{
	return internal_config.hugepage_info[0].hugepage_sz;
}

/* ---- children ----------------------------------------------------------- */

/* Secondary: find the primary's pages and their pattern, add a page. */
static int child_secondary(void)
{
	struct rte_memseg_list *msl;
	struct rte_memseg *ms;
	uint32_t *p;

	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	msl = &eal_mcfg()->memsegs[0];
	if (msl->memseg_arr.count != 2)
		return CHILD_BAD_DATA;
	ms = rte_fbarray_get(&msl->memseg_arr, 0);
	p = ms->addr;
	for (unsigned int i = 0; i < 1024; i++)
		if (p[i] != 0xC0FFEE00u + i)
			return CHILD_BAD_DATA;
	p[0] = 0x5EC0DA11u; /* the primary looks for this */

	/* Heap growth in a secondary: the primary maps, we see it. */
	rte_mcfg_mem_write_lock();
	ms = eal_memalloc_alloc_seg(hugepage_size(), 0);
	rte_mcfg_mem_write_unlock();
	if (ms == NULL)
		return CHILD_ALLOC_FAILED;
	p = ms->addr;
	p[1] = 0xABCD1234u;
	if (rte_mem_virt2iova(p) != ms->iova)
		return CHILD_BAD_DATA;
	rte_eal_cleanup();
	return CHILD_OK;
}

static int child_primary(void)
{
	int ret = eal_up("primary", NULL);

	if (ret < 0)
		return rte_errno == EBUSY ? CHILD_INIT_FAILED : CHILD_BAD_DATA;
	rte_eal_cleanup();
	return CHILD_OK;
}

/* A primary that dies without cleaning up. */
static int child_crashing_primary(void)
{
	if (eal_up("primary", "--sim=pages=4") < 0)
		return CHILD_INIT_FAILED;
	rte_mcfg_mem_write_lock();
	eal_memalloc_alloc_seg(hugepage_size(), 0);
	rte_mcfg_mem_write_unlock();
	raise(SIGKILL);
	return CHILD_BAD_DATA;
}

static int run_child(const char *role)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		execl(self_path, self_path, "child", role, prefix, (char *)NULL);
		_exit(127);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* ---- tests ---------------------------------------------------------------- */

static void skip_unless_shared_memory(void)
{
	if (!rtetest_hal_is_sim() && getenv("RTEMEM_NO_HUGEPAGES") != NULL)
		skip();
}

static void new_prefix(const char *what)
{
	snprintf(prefix, sizeof(prefix), "mp%d%s", (int)getpid(), what);
}

static void test_secondary_sees_primary_memory(void **state)
{
	struct rte_memseg *ms[2];
	uint32_t *p;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("share");
	assert_true(eal_up("primary", "--sim=pages=8") >= 0);
	rte_mcfg_mem_write_lock();
	assert_int_equal(eal_memalloc_alloc_seg_bulk(ms, 2, hugepage_size(), 0, true), 2);
	rte_mcfg_mem_write_unlock();
	p = ms[0]->addr;
	for (unsigned int i = 0; i < 1024; i++)
		p[i] = 0xC0FFEE00u + i;

	assert_int_equal(run_child("secondary"), CHILD_OK);

	/* The child's write is in our memory, and its page is in our lists. */
	assert_int_equal(p[0], 0x5EC0DA11u);
	assert_int_equal(eal_mcfg()->memsegs[0].memseg_arr.count, 3);
	{
		struct rte_memseg *third = rte_fbarray_get(&eal_mcfg()->memsegs[0].memseg_arr, 2);

		assert_int_equal(((uint32_t *)third->addr)[1], 0xABCD1234u);
	}
	assert_int_equal(rte_eal_cleanup(), 0);
}

static void test_second_primary_refused(void **state)
{
	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("two");
	assert_true(eal_up("primary", "--sim=pages=2") >= 0);
	assert_int_equal(run_child("primary"), CHILD_INIT_FAILED);
	assert_int_equal(rte_eal_cleanup(), 0);
	/* With the first one gone, a primary starts again. */
	assert_int_equal(run_child("primary"), CHILD_OK);
}

static void test_secondary_without_primary(void **state)
{
	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("none");
	rte_log_set_global_level(RTE_LOG_EMERG);
	assert_int_equal(eal_up("secondary", NULL), -1);
	assert_int_equal(rte_errno, ENOENT);
	rte_log_set_global_level(RTE_LOG_DEBUG);
	assert_int_equal(run_child("secondary"), CHILD_INIT_FAILED);
}

static void test_stale_files_reclaimed(void **state)
{
	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("stale");
	assert_int_equal(run_child("crash"), 128 + SIGKILL);
	/* Its files are still there, its lock is not: a new primary takes over. */
	assert_true(eal_up("primary", "--sim=pages=4") >= 0);
	assert_int_equal(eal_mcfg()->memsegs[0].memseg_arr.count, 0);
	assert_int_equal(rte_eal_get_physmem_size(), 0);
	assert_int_equal(rte_eal_cleanup(), 0);
}

static void test_auto_becomes_secondary(void **state)
{
	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("auto");
	assert_true(eal_up("auto", "--sim=pages=2") >= 0);
	assert_int_equal(rte_eal_process_type(), RTE_PROC_PRIMARY);
	assert_int_equal(rte_eal_cleanup(), 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_secondary_sees_primary_memory),
		cmocka_unit_test(test_second_primary_refused),
		cmocka_unit_test(test_secondary_without_primary),
		cmocka_unit_test(test_stale_files_reclaimed),
		cmocka_unit_test(test_auto_becomes_secondary),
	};

	if (argc == 4 && strcmp(argv[1], "child") == 0) {
		snprintf(prefix, sizeof(prefix), "%s", argv[3]);
		rte_log_set_global_level(RTE_LOG_EMERG);
		if (strcmp(argv[2], "secondary") == 0)
			return child_secondary();
		if (strcmp(argv[2], "primary") == 0)
			return child_primary();
		if (strcmp(argv[2], "crash") == 0)
			return child_crashing_primary();
		return 127;
	}
	if (realpath("/proc/self/exe", self_path) == NULL)
		return 1;
	return cmocka_run_group_tests_name("multiprocess", tests, NULL, NULL);
}
