/* SPDX-License-Identifier: BSD-3-Clause
 * rte_eal_init / rte_eal_cleanup: what the options do, what bad options
 * get (a one-line error, -1, rte_errno), and that a failed init leaves
 * nothing behind so the next init works.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_memory.h>

#include "eal_private.h"
#include "rtetest.h"
#ifdef RTEMEM_HAL_sim
#include "sim_machine.h"
#endif

#define MAX_ARGS 16

/* rte_eal_init on a fresh argv built from a space-separated string. */
static int init_with(const char *args, char **argv_out0)
{
	static char buf[1024];
	char *argv[MAX_ARGS];
	int argc = 0;

	snprintf(buf, sizeof(buf), "prog %s", args);
	for (char *t = strtok(buf, " "); t != NULL && argc < MAX_ARGS - 1; t = strtok(NULL, " "))
		argv[argc++] = t;
	argv[argc] = NULL;
	int ret = rte_eal_init(argc, argv);
	if (argv_out0 != NULL && ret >= 0)
		*argv_out0 = argv[ret];
	return ret;
}

static void skip_without_hugepages(void)
{
	if (!rtetest_hal_is_sim() && getenv("RTEMEM_NO_HUGEPAGES") != NULL)
		skip();
}

static void test_init_returns_parsed_count(void **state)
{
	char *prog = NULL;
	int ret;

	RTE_SET_USED(state);
	skip_without_hugepages();
	ret = init_with("--in-memory --log-level=4 -- app-arg", &prog);
	/* Three EAL arguments consumed ("--" included); argv[ret] is the program name. */
	assert_int_equal(ret, 3);
	assert_string_equal(prog, "prog");
	assert_int_equal(rte_eal_process_type(), RTE_PROC_PRIMARY);
	assert_true(rte_eal_has_hugepages());
	if (rtetest_hal_is_sim())
		assert_int_equal(rte_eal_iova_mode(), RTE_IOVA_PA);
	assert_int_equal(rte_eal_get_physmem_size(), 0);

	/* A second init is refused, the first stays intact. */
	assert_int_equal(init_with("--in-memory", NULL), -1);
	assert_int_equal(rte_errno, EALREADY);
	assert_int_equal(rte_eal_cleanup(), 0);
	assert_int_equal(rte_eal_cleanup(), -1);
	rte_log_set_global_level(RTE_LOG_DEBUG);
}

static void test_no_huge(void **state)
{
	RTE_SET_USED(state);
	assert_true(init_with("--in-memory --no-huge -m 8", NULL) >= 0);
	assert_false(rte_eal_has_hugepages());
	assert_int_equal(rte_eal_iova_mode(), RTE_IOVA_VA);
	/* All of -m is mapped at init in base pages, IOVA as VA. */
	assert_int_equal(rte_eal_get_physmem_size(), 8 << 20);
	{
		const struct rte_memseg *ms =
			rte_fbarray_get(&eal_mcfg()->memsegs[0].memseg_arr, 3);

		assert_int_equal(ms->len, hal_base_page_size());
		assert_int_equal(ms->iova, (uintptr_t)ms->addr);
	}
	assert_int_equal(rte_eal_cleanup(), 0);
}

static void test_runtime_files(void **state)
{
	RTE_SET_USED(state);
	skip_without_hugepages();
	assert_true(rtetest_eal_init(NULL) >= 0);
	/* Files in a runtime dir named after the prefix. */
	assert_non_null(strstr(rte_eal_get_runtime_dir(), "rtetest"));
	assert_int_equal(eal_mcfg()->version, RTEMEM_MCFG_VERSION);
	assert_int_equal(eal_mcfg()->magic, RTE_MAGIC);
	assert_int_equal(eal_mcfg()->mem_cfg_addr, (uintptr_t)eal_mcfg());
	assert_int_equal(rte_eal_cleanup(), 0);
}

/* Each of these is refused with -1 and rte_errno set, and changes nothing. */
static void test_bad_arguments(void **state)
{
	static const struct {
		const char *args;
		int err;
	} cases[] = {
		{ "--bogus", EINVAL },
		{ "-c xyz", EINVAL },
		{ "-c", EINVAL },
		{ "-l 5-2", EINVAL },
		{ "-l 0,,1", EINVAL },
		{ "-l 999", EINVAL },
		{ "-l 0 -c 1", EINVAL },
		{ "-l 0 --main-lcore=1", EINVAL },
		{ "-m 99999999", EINVAL },
		{ "-m -5", EINVAL },
		{ "-m 8 --socket-mem=8", EINVAL },
		{ "--socket-mem=1,x", EINVAL },
		{ "--iova-mode=xx", EINVAL },
		{ "--proc-type=tertiary", EINVAL },
		{ "--proc-type=secondary", EINVAL }, /* every case runs --in-memory */
		{ "--file-prefix=a/b", EINVAL },
		{ "--log-level=99", EINVAL },
		{ "--log-level=nosuchtype:3", EINVAL },
		{ "--base-virtaddr=zz", EINVAL },
		{ "--no-huge --iova-mode=pa", EINVAL },
#ifdef RTEMEM_HAL_sim
		{ "--sim=profile=3K/9M", EINVAL },
		{ "--sim=sockets=0", EINVAL },
		{ "--sim=sockets=99", EINVAL },
		{ "--sim=pages=x", EINVAL },
		{ "--sim=fail=bogus:1", EINVAL },
		{ "--sim=fail=page_map:0", EINVAL },
		{ "--sim=nic=ne2000", EINVAL },
		{ "--sim=novalue", EINVAL },
		{ "--sim=pages=4 -m 100", ENOMEM },
		{ "--sim=pages=4 --socket-mem=0,2", EINVAL },
		{ "--sim=pages=0", EACCES },
#else
		{ "--sim=pages=4", EINVAL },
#endif
	};

	RTE_SET_USED(state);
	rte_log_set_global_level(RTE_LOG_EMERG); /* keep the expected errors quiet */
	for (size_t i = 0; i < RTE_DIM(cases); i++) {
		char args[256];

		snprintf(args, sizeof(args), "--in-memory %s", cases[i].args);
		rte_errno = 0;
		if (init_with(args, NULL) != -1) {
			rte_eal_cleanup();
			fail_msg("'%s' was accepted", cases[i].args);
		}
		if (rte_errno != cases[i].err)
			fail_msg("'%s': rte_errno %d, expected %d", cases[i].args, rte_errno,
				 cases[i].err);
	}
	rte_log_set_global_level(RTE_LOG_DEBUG);
	/* After all that, a good init still works. */
	skip_without_hugepages();
	assert_true(init_with("--in-memory", NULL) >= 0);
	assert_int_equal(rte_eal_cleanup(), 0);
}

static void test_lcore_options(void **state)
{
	RTE_SET_USED(state);
	skip_without_hugepages();
	assert_true(init_with("--in-memory -c 0x5", NULL) >= 0);
	assert_int_equal(rte_config.lcore_count, 2);
	assert_int_equal(rte_config.main_lcore, 0);
	assert_int_equal(rte_config.lcore_role[2], ROLE_RTE);
	assert_int_equal(rte_config.lcore_role[1], ROLE_OFF);
	assert_int_equal(rte_eal_cleanup(), 0);

	assert_true(init_with("--in-memory --lcores=0-1,4@0 --main-lcore=4", NULL) >= 0);
	assert_int_equal(rte_config.lcore_count, 3);
	assert_int_equal(rte_config.main_lcore, 4);
	assert_true(CPU_ISSET(0, &lcore_config[4].cpuset));
	assert_int_equal(lcore_config[4].core_index, 2);
	assert_int_equal(rte_eal_cleanup(), 0);
}

#ifdef RTEMEM_HAL_sim
/* A fault at any HAL call during init fails it cleanly; the next init works. */
static void test_init_faults(void **state)
{
	static const char *const points[] = {
		"va_reserve:1", "va_reserve:2", "va_reserve:3",
		"shm_create:1", "shm_create:2", "shm_create:3",
		"page_map:1", "page_map:2", "virt2iova:1",
	};

	RTE_SET_USED(state);
	rte_log_set_global_level(RTE_LOG_EMERG);
	for (size_t i = 0; i < RTE_DIM(points); i++) {
		char args[128];

		snprintf(args, sizeof(args), "--sim=pages=4,fail=%s -m 4", points[i]);
		if (init_with(args, NULL) != -1) {
			rte_eal_cleanup();
			fail_msg("init survived fault %s", points[i]);
		}
		assert_true(rte_errno != 0);
	}
	rte_log_set_global_level(RTE_LOG_DEBUG);
	assert_true(init_with("--sim=pages=4 -m 4", NULL) >= 0);
	assert_int_equal(rte_eal_get_physmem_size(), 4 << 20);
	assert_int_equal(sim_pool_free_pages(0), 2);
	assert_int_equal(rte_eal_cleanup(), 0);
}

static void test_sim_options(void **state)
{
	RTE_SET_USED(state);
	assert_true(init_with("--in-memory --sim=profile=16K/32M,sockets=2,pages=3,seed=9", NULL) >= 0);
	assert_int_equal(hal_base_page_size(), 16384);
	assert_int_equal(rte_config.numa_node_count, 2);
	assert_int_equal(internal_config.hugepage_info[0].hugepage_sz, 32UL << 20);
	assert_int_equal(internal_config.hugepage_info[0].num_pages[0], 3);
	assert_int_equal(internal_config.hugepage_info[0].num_pages[1], 3);
	assert_int_equal(sim_machine_config()->seed, 9);
	assert_int_equal(rte_eal_cleanup(), 0);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_returns_parsed_count),
		cmocka_unit_test(test_no_huge),
		cmocka_unit_test(test_runtime_files),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_lcore_options),
#ifdef RTEMEM_HAL_sim
		cmocka_unit_test(test_init_faults),
		cmocka_unit_test(test_sim_options),
#endif
	};

	return cmocka_run_group_tests_name("eal", tests, NULL, NULL);
}
