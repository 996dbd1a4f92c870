/* SPDX-License-Identifier: BSD-3-Clause
 * rte_eal_init / rte_eal_cleanup: what the options do, what bad options
 * get (a one-line error, -1, rte_errno), and that a failed init leaves
 * nothing behind so the next init works.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <inttypes.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <rte_cycles.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_ethdev.h>
#include <rte_fbarray.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rtemem_heap.h>
#include <rte_memory.h>
#include <rte_pause.h>
#include <rte_rwlock.h>
#include <rte_spinlock.h>

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
	if (rtetest_no_hugepages())
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

/*
 * As DPDK's parser (GNU getopt, permuting): EAL options after an
 * application argument still count; the application's arguments are moved
 * behind the EAL's, and argv[ret] is the program name in front of them.
 */
static void test_options_after_app_args(void **state)
{
	char *argv[] = { "prog", "app-first", "-l", "0", "--in-memory", "--", "app-last", NULL };
	int ret;

	RTE_SET_USED(state);
	skip_without_hugepages();
	ret = rte_eal_init(7, argv);
	assert_int_equal(ret, 4); /* -l 0 --in-memory -- */
	assert_string_equal(argv[ret], "prog");
	assert_string_equal(argv[ret + 1], "app-first");
	assert_string_equal(argv[ret + 2], "app-last");
	assert_int_equal(rte_lcore_count(), 1);
	assert_int_equal(rte_get_main_lcore(), 0);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/*
 * rte_rdtsc counts at rte_get_tsc_hz() ticks per second (DPDK: 0 before
 * init, then the counter's frequency): checked against CLOCK_MONOTONIC_RAW
 * over 50 ms, within 5 %, a bound no scheduling delay moves (both clocks
 * run on while the thread waits). rte_delay_us can be redirected and back.
 */
static unsigned int delayed_us;

static void count_delay(unsigned int us)
{
	delayed_us += us;
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

static void test_tsc(void **state)
{
	uint64_t hz, t0, n0, t1, n1;
	double rate;

	RTE_SET_USED(state);
	skip_without_hugepages();
	assert_true(init_with("--in-memory", NULL) >= 0);
	hz = rte_get_tsc_hz();
	assert_true(hz >= 1000000);
	assert_int_equal(rte_get_timer_hz(), hz);
	assert_int_equal(eal_timer_source, EAL_TIMER_TSC);
	t0 = rte_rdtsc();
	n0 = mono_ns();
	rte_delay_ms(50);
	t1 = rte_rdtsc_precise();
	n1 = mono_ns();
	assert_true(n1 - n0 >= 50 * 1000 * 1000); /* rte_delay_ms waited at least that */
	rate = (double)(t1 - t0) * NS_PER_S / (double)(n1 - n0);
	if (rate < 0.95 * (double)hz || rate > 1.05 * (double)hz)
		fail_msg("counter ran at %.0f Hz, rte_get_tsc_hz() says %" PRIu64, rate, hz);
	assert_true(rte_get_timer_cycles() >= t1);

	delayed_us = 0;
	rte_delay_us_callback_register(count_delay);
	rte_delay_ms(3);
	rte_delay_us(7);
	assert_int_equal(delayed_us, 3007);
	rte_delay_us_callback_register(rte_delay_us_block);
	t0 = rte_rdtsc();
	rte_delay_us(1000);
	assert_true(rte_rdtsc() - t0 >= hz / 1000);
	n0 = mono_ns();
	rte_delay_us_sleep(2000);
	assert_true(mono_ns() - n0 >= 2000 * 1000);
	assert_int_equal(delayed_us, 3007);
	assert_int_equal(rte_eal_cleanup(), 0);
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
		{ "--no-huge --socket-mem=8", EINVAL },
		{ "-c 0x", EINVAL },
		{ "-c 0x100000000000000000000000000000000", EINVAL }, /* lcore 128 */
		{ "-c 0", EINVAL },  /* no lcore at all */
		{ "-l 1-x", EINVAL },
		{ "-l 0x", EINVAL },
		{ "-l 0@1", EINVAL }, /* '@' only with --lcores */
		{ "-l 0 -l 1", EINVAL },
		{ "--lcores=0@x", EINVAL },
		{ "--lcores=0@999999", EINVAL },
		{ "--main-lcore=x", EINVAL },
		{ "--socket-mem=99999999999", EINVAL },
		{ "--socket-mem=1;2", EINVAL },
		{ "--log-level=eal:0", EINVAL },
		{ "--log-level=eal:x", EINVAL },
		{ "--huge-dir=", EINVAL },
		{ "-n 99", EINVAL },
		{ "-m", EINVAL },
		{ "-h", EINVAL },
		{ "--help", EINVAL },
		/* PCI devices: DDDD:BB:DD.F or BB:DD.F, -a and -b not together */
		{ "-a 0000:01:00.0 -b 0000:02:00.0", EINVAL },
		{ "-b 02:00.0 --allow=01:00.0", EINVAL },
		{ "-a eth0", EINVAL },
		{ "-a 01:00", EINVAL },
		{ "-a 01:20.0", EINVAL },   /* device numbers stop at 0x1f */
		{ "-a 01:00.8", EINVAL },   /* functions at 7 */
		{ "-a 100:00.0", EINVAL },  /* buses at 0xff */
		{ "-a 01:00.0x", EINVAL },
		{ "-a :01:00.0", EINVAL },
		{ "-b 0:0:0:0.0", EINVAL },
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
		{ "--sim=pages=4 --socket-mem=100", ENOMEM },
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

static const char *usage_seen;

static void usage_hook(const char *prgname)
{
	usage_seen = prgname;
}

/* Options that are accepted for compatibility and ones that set something. */
static void test_accepted_options(void **state)
{
	RTE_SET_USED(state);
	skip_without_hugepages();
	assert_int_equal(rte_eal_primary_proc_alive(NULL), 0);
	assert_true(init_with("--in-memory -v -n 4 -r 2 -a 0000:01:00.0 -a 1f:1f.7 --no-pci "
			      "--no-shconf --log-level=malloc:2", NULL) >= 0);
	assert_int_equal(rte_log_get_level(RTE_LOGTYPE_MALLOC), RTE_LOG_ALERT);
	assert_int_equal(rte_log_get_level(RTE_LOGTYPE_EAL), RTE_LOG_INFO);
	assert_int_equal(rte_eal_has_pci(), 0); /* --no-pci */
	assert_int_equal(rte_eal_get_baseaddr(), 0);
	assert_int_equal(rte_eal_primary_proc_alive(NULL), 1);
	/* The channel and rank counts are the config's, one each. */
	assert_int_equal(rte_memory_get_nchannel(), 1);
	assert_int_equal(rte_memory_get_nrank(), 1);
	assert_int_equal(rte_eal_using_phys_addrs(), rte_eal_iova_mode() == RTE_IOVA_PA);
	assert_int_equal(rte_eal_cleanup(), 0);
	assert_int_equal(rte_log_set_level(RTE_LOGTYPE_MALLOC, RTE_LOG_INFO), 0);
	/* Without a config there is nothing to count. */
	assert_int_equal(rte_memory_get_nchannel(), 0);
	assert_int_equal(rte_memory_get_nrank(), 0);
	assert_int_equal(rte_eal_get_physmem_size(), 0);
	assert_null(rte_mem_virt2memseg_list(&usage_seen));
}

/* Each core in the mask gets its rank, lowest core first; the others -1. */
static void test_parse_coremask(void **state)
{
	int cores[RTE_MAX_LCORE];

	RTE_SET_USED(state);
	memset(cores, 0x5A, sizeof(cores));
	assert_int_equal(rte_eal_parse_coremask("0x15", cores), 0);
	assert_int_equal(cores[0], 0);
	assert_int_equal(cores[1], -1);
	assert_int_equal(cores[2], 1);
	assert_int_equal(cores[3], -1);
	assert_int_equal(cores[4], 2);
	for (int i = 5; i < RTE_MAX_LCORE; i++)
		assert_int_equal(cores[i], -1);
	memset(cores, 0x5A, sizeof(cores));
	assert_int_equal(rte_eal_parse_coremask("  F0 ", cores), 0);
	assert_int_equal(cores[3], -1);
	assert_int_equal(cores[4], 0);
	assert_int_equal(cores[7], 3);
	assert_int_equal(cores[8], -1);
	assert_int_equal(rte_eal_parse_coremask("", cores), -1);
	assert_int_equal(rte_eal_parse_coremask("0", cores), -1);   /* no core */
	assert_int_equal(rte_eal_parse_coremask("0x", cores), -1);
	assert_int_equal(rte_eal_parse_coremask("1g", cores), -1);
	assert_int_equal(rte_eal_parse_coremask("1 1", cores), -1);
}

/* --mbuf-pool-ops-name is what rte_eal_mbuf_user_pool_ops reports. */
static void test_mbuf_pool_ops_option(void **state)
{
	RTE_SET_USED(state);
	skip_without_hugepages();
	assert_true(init_with("--in-memory", NULL) >= 0);
	assert_null(rte_eal_mbuf_user_pool_ops());
	assert_int_equal(rte_eal_cleanup(), 0);
	assert_true(init_with("--in-memory --mbuf-pool-ops-name=stack", NULL) >= 0);
	assert_string_equal(rte_eal_mbuf_user_pool_ops(), "stack");
	assert_int_equal(rte_eal_cleanup(), 0);
}

/* -h prints the usage and fails; a bad option calls the application's hook. */
static void test_usage_hook(void **state)
{
	RTE_SET_USED(state);
	rte_log_set_global_level(RTE_LOG_EMERG);
	assert_null(rte_set_application_usage_hook(usage_hook));
	usage_seen = NULL;
	assert_int_equal(init_with("--in-memory --bogus", NULL), -1);
	assert_int_equal(rte_errno, EINVAL);
	assert_non_null(usage_seen);
	assert_string_equal(usage_seen, "prog");
	assert_ptr_equal(rte_set_application_usage_hook(NULL), usage_hook);
	usage_seen = NULL;
	assert_int_equal(init_with("--in-memory --bogus", NULL), -1);
	assert_null(usage_seen);
	rte_log_set_global_level(RTE_LOG_DEBUG);
}

/* A core list given as an empty string (no way to say that with init_with). */
static void test_empty_core_list(void **state)
{
	char *argv[] = { "prog", "--in-memory", "-l", "", NULL };

	RTE_SET_USED(state);
	rte_log_set_global_level(RTE_LOG_EMERG);
	assert_int_equal(rte_eal_init(4, argv), -1);
	assert_int_equal(rte_errno, EINVAL);
	rte_log_set_global_level(RTE_LOG_DEBUG);
}

/* Log types: registration, levels per type, the stream. */
static void test_log(void **state)
{
	char line[256];
	FILE *f = tmpfile();
	int a, b, n;

	RTE_SET_USED(state);
	assert_non_null(f);
	a = rte_log_register("rtetest.a");
	assert_true(a >= RTE_LOGTYPE_FIRST_EXT_ID);
	assert_int_equal(rte_log_register("rtetest.a"), a);
	assert_int_equal(rte_log_get_level((uint32_t)a), RTE_LOG_INFO);
	b = rte_log_register_type_and_pick_level("rtetest.b", RTE_LOG_DEBUG);
	assert_int_equal(b, a + 1);
	assert_int_equal(rte_log_get_level((uint32_t)b), RTE_LOG_DEBUG);
	/* An existing name keeps its level whatever default is asked for. */
	assert_int_equal(rte_log_register_type_and_pick_level("rtetest.b", RTE_LOG_ERR), b);
	assert_int_equal(rte_log_get_level((uint32_t)b), RTE_LOG_DEBUG);

	assert_int_equal(rte_log_register(NULL), -EINVAL);
	memset(line, 'x', 100);
	line[100] = '\0';
	assert_int_equal(rte_log_register(line), -EINVAL);
	assert_int_equal(rte_log_get_level(100000), -1);
	assert_int_equal(rte_log_set_level(100000, RTE_LOG_ERR), -1);
	assert_int_equal(rte_log_set_level((uint32_t)a, RTE_LOG_MAX + 1), -1);
	assert_int_equal(rte_log_get_level((uint32_t)a), RTE_LOG_INFO);

	/* Messages go to the stream, filtered by the type's and the global level. */
	assert_int_equal(rte_openlog_stream(f), 0);
	assert_ptr_equal(rte_log_get_stream(), f);
	assert_int_equal(rte_log_set_level((uint32_t)a, RTE_LOG_WARNING), 0);
	assert_int_equal(rte_log(RTE_LOG_INFO, (uint32_t)a, "dropped\n"), 0);
	assert_int_equal(rte_log(RTE_LOG_WARNING, (uint32_t)a, "kept %d\n", 1), 7);
	rte_log_set_global_level(RTE_LOG_ERR);
	assert_int_equal(rte_log_get_global_level(), RTE_LOG_ERR);
	assert_int_equal(rte_log(RTE_LOG_WARNING, (uint32_t)a, "dropped\n"), 0);
	rte_log_set_global_level(RTE_LOG_DEBUG);
	assert_int_equal(rte_openlog_stream(NULL), 0);
	assert_ptr_equal(rte_log_get_stream(), stderr);
	rewind(f);
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, "kept 1\n");
	assert_null(fgets(line, sizeof(line), f));
	fclose(f);

	/* The table of types fills up; names already in it are still found. */
	for (n = 0; n < 1000; n++) {
		char name[32];
		int id;

		snprintf(name, sizeof(name), "rtetest.fill%d", n);
		id = rte_log_register(name);
		if (id < 0) {
			assert_int_equal(id, -ENOSPC);
			break;
		}
	}
	assert_true(n < 1000);
	assert_int_equal(rte_log_register("rtetest.a"), a);
}

static void test_strerror_and_sizes(void **state)
{
	RTE_SET_USED(state);
	assert_string_equal(rte_strerror(E_RTE_SECONDARY), "Invalid call in secondary process");
	assert_string_equal(rte_strerror(E_RTE_NO_CONFIG), "Missing rte_config structure");
	assert_string_equal(rte_strerror(ENOMEM), strerror(ENOMEM));

	assert_int_equal(rte_str_to_size("512"), 512);
	assert_int_equal(rte_str_to_size("  4 k"), 4096);
	assert_int_equal(rte_str_to_size("3K"), 3 << 10);
	assert_int_equal(rte_str_to_size("2m"), 2 << 20);
	assert_int_equal(rte_str_to_size("0x10M"), 16 << 20);
	assert_int_equal(rte_str_to_size("1G"), 1 << 30);
	assert_int_equal(rte_str_to_size("2t"), (uint64_t)2 << 40);
	assert_int_equal(rte_str_to_size("-1G"), 0);
	assert_int_equal(rte_str_to_size("99999999999999999999999"), 0);
	assert_int_equal(rte_sys_gettid(), rte_gettid());
	assert_true(rte_sys_gettid() > 0);
}

/* rte_dump_stack writes the call chain to the log stream. */
static void test_dump_stack(void **state)
{
	FILE *f = tmpfile();

	RTE_SET_USED(state);
	assert_non_null(f);
	rte_openlog_stream(f);
	rte_dump_stack();
	rte_openlog_stream(NULL);
	assert_true(ftell(f) > 0);
	fclose(f);
}

static int wait_child(pid_t pid)
{
	int status;

	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* rte_exit ends the process with its code; rte_panic aborts. */
static void test_exit_and_panic(void **state)
{
	pid_t pid;

	RTE_SET_USED(state);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		rte_log_set_global_level(RTE_LOG_EMERG);
		rte_exit(42, "leaving with %d\n", 42);
	}
	assert_int_equal(wait_child(pid), 42);

	pid = fork();
	if (pid == 0) {
		rte_log_set_global_level(RTE_LOG_EMERG);
		rte_openlog_stream(fopen("/dev/null", "w"));
		rte_panic("on purpose\n");
	}
	assert_int_equal(wait_child(pid), 128 + SIGABRT);
}

/* The shared-config locks for mempools and tail queues are reader/writer locks. */
static void test_mcfg_locks(void **state)
{
	RTE_SET_USED(state);
	skip_without_hugepages();
	assert_true(init_with("--in-memory", NULL) >= 0);
	rte_mcfg_mempool_read_lock();
	rte_mcfg_mempool_read_lock();
	assert_int_equal(eal_shrw_write_trylock(&eal_mcfg()->mplock), -EBUSY);
	rte_mcfg_mempool_read_unlock();
	rte_mcfg_mempool_read_unlock();
	rte_mcfg_mempool_write_lock();
	assert_int_equal(eal_shrw_read_trylock(&eal_mcfg()->mplock), -EBUSY);
	rte_mcfg_mempool_write_unlock();
	assert_int_equal(eal_shrw_write_trylock(&eal_mcfg()->mplock), 0);
	eal_shrw_write_unlock(&eal_mcfg()->mplock);

	rte_mcfg_tailq_read_lock();
	assert_int_equal(eal_shrw_write_trylock(&eal_mcfg()->qlock), -EBUSY);
	rte_mcfg_tailq_read_unlock();
	rte_mcfg_tailq_write_lock();
	assert_int_equal(eal_shrw_read_trylock(&eal_mcfg()->qlock), -EBUSY);
	rte_mcfg_tailq_write_unlock();
	assert_int_equal(eal_shrw_read_trylock(&eal_mcfg()->qlock), 0);
	eal_shrw_read_unlock(&eal_mcfg()->qlock);

	rte_mcfg_timer_lock();
	assert_int_equal(eal_shmutex_trylock(&eal_mcfg()->tlock), -EBUSY);
	rte_mcfg_timer_unlock();
	assert_int_equal(eal_shmutex_trylock(&eal_mcfg()->tlock), 0);
	eal_shmutex_unlock(&eal_mcfg()->tlock);
	assert_false(rte_mcfg_get_single_file_segments());
	assert_int_equal(rte_eal_cleanup(), 0);
}

/* Locks shared with a child that dies holding them. */
struct dead_locks {
	struct eal_shmutex m;
	struct eal_shrwlock rw_read;  /* the child dies a reader */
	struct eal_shrwlock rw_write; /* the child dies the writer */
};

static void test_shared_lock_dead_holder(void **state)
{
	struct dead_locks *l = mmap(NULL, sizeof(*l), PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	RTE_SET_USED(state);
	assert_true(l != MAP_FAILED);
	memset(l, 0, sizeof(*l));
	pid = fork();
	if (pid == 0) {
		if (eal_shmutex_lock(&l->m) != 0 || eal_shrw_write_lock(&l->rw_write) != 0)
			_exit(1);
		eal_shrw_read_lock(&l->rw_read);
		raise(SIGKILL); /* dies holding all three */
	}
	assert_int_equal(wait_child(pid), 128 + SIGKILL);

	/* The mutex: taken over, and each holder is told until one repairs. */
	assert_int_equal(eal_shmutex_lock(&l->m), -EOWNERDEAD);
	assert_int_equal(l->m.dead_tid, (uint32_t)pid);
	eal_shmutex_unlock(&l->m);
	assert_int_equal(eal_shmutex_lock(&l->m), -EOWNERDEAD);
	eal_shlock_consistent(&l->m);
	eal_shmutex_unlock(&l->m);
	assert_int_equal(eal_shmutex_lock(&l->m), 0);
	eal_shmutex_unlock(&l->m);
	assert_int_equal(l->m.deaths, 1);

	/* A dead reader's slot is cleared; the writer is not told. */
	assert_int_equal(eal_shrw_write_lock(&l->rw_read), 0);
	eal_shrw_write_unlock(&l->rw_read);

	/* A dead writer: a reader gets in, and the next writer is told. */
	eal_shrw_read_lock(&l->rw_write);
	eal_shrw_read_unlock(&l->rw_write);
	assert_int_equal(eal_shrw_write_lock(&l->rw_write), -EOWNERDEAD);
	eal_shlock_consistent(&l->rw_write.w);
	eal_shrw_write_unlock(&l->rw_write);
	assert_int_equal(eal_shrw_write_trylock(&l->rw_write), 0);
	eal_shrw_write_unlock(&l->rw_write);
	munmap(l, sizeof(*l));
}

/* ---- locks and waits of rte_spinlock.h, rte_rwlock.h, rte_pause.h ------- */

static rte_spinlock_recursive_t rlock = RTE_SPINLOCK_RECURSIVE_INITIALIZER;
static uint32_t flag32;

/* Another thread: may it take the recursive lock now? Then gives it back. */
static void *try_rlock(void *arg)
{
	int got = rte_spinlock_recursive_trylock(&rlock);

	if (got)
		rte_spinlock_recursive_unlock(&rlock);
	*(int *)arg = got;
	return NULL;
}

static int other_thread_gets_rlock(void)
{
	pthread_t t;
	int got = -1;

	assert_int_equal(pthread_create(&t, NULL, try_rlock, &got), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	return got;
}

static void *set_flag_later(void *arg)
{
	(void)arg;
	usleep(1000);
	__atomic_store_n(&flag32, 0x1234, __ATOMIC_RELEASE);
	return NULL;
}

static void test_locks_and_waits(void **state)
{
	rte_spinlock_t sl = RTE_SPINLOCK_INITIALIZER;
	rte_rwlock_t rw = RTE_RWLOCK_INITIALIZER;
	uint64_t v64 = 7;
	uint16_t v16 = 3;
	pthread_t t;

	RTE_SET_USED(state);
	/* recursive: the holder takes it again, nobody else until the last unlock */
	rte_spinlock_recursive_init(&rlock);
	assert_int_equal(other_thread_gets_rlock(), 1);
	rte_spinlock_recursive_lock(&rlock);
	assert_int_equal(rte_spinlock_recursive_trylock(&rlock), 1);
	rte_spinlock_recursive_lock(&rlock);
	assert_int_equal(rlock.count, 3);
	assert_int_equal(other_thread_gets_rlock(), 0);
	rte_spinlock_recursive_unlock(&rlock);
	rte_spinlock_recursive_unlock(&rlock);
	assert_int_equal(other_thread_gets_rlock(), 0);
	rte_spinlock_recursive_unlock(&rlock);
	assert_int_equal(rlock.user, -1);
	assert_int_equal(other_thread_gets_rlock(), 1);
	rte_spinlock_recursive_lock_tm(&rlock);
	assert_int_equal(rte_spinlock_recursive_trylock_tm(&rlock), 1);
	rte_spinlock_recursive_unlock_tm(&rlock);
	rte_spinlock_recursive_unlock_tm(&rlock);
	assert_int_equal(rte_spinlock_is_locked(&rlock.sl), 0);

	/* no transactional memory: the _tm calls are the plain lock */
	assert_int_equal(rte_tm_supported(), 0);
	assert_int_equal(rte_rtm_supported, 0);
	rte_spinlock_lock_tm(&sl);
	assert_int_equal(rte_spinlock_is_locked(&sl), 1);
	assert_int_equal(rte_spinlock_trylock_tm(&sl), 0);
	rte_spinlock_unlock_tm(&sl);
	assert_int_equal(rte_spinlock_trylock_tm(&sl), 1);
	rte_spinlock_unlock(&sl);
	rte_rwlock_read_lock_tm(&rw);
	assert_int_equal(rte_rwlock_write_trylock(&rw), -EBUSY);
	rte_rwlock_read_unlock_tm(&rw);
	rte_rwlock_write_lock_tm(&rw);
	assert_int_equal(rte_rwlock_read_trylock(&rw), -EBUSY);
	rte_rwlock_write_unlock_tm(&rw);
	assert_int_equal(rw.cnt, 0);

	/* waits: return once the value is there, at once if it already is */
	rte_wait_until_equal_64(&v64, 7, __ATOMIC_RELAXED);
	rte_wait_until_equal_16(&v16, 3, __ATOMIC_ACQUIRE);
	flag32 = 0;
	assert_int_equal(pthread_create(&t, NULL, set_flag_later, NULL), 0);
	rte_wait_until_equal_32(&flag32, 0x1234, __ATOMIC_ACQUIRE);
	assert_int_equal(pthread_join(t, NULL), 0);
	RTE_WAIT_UNTIL_MASKED(&flag32, 0xff0, ==, 0x230, __ATOMIC_RELAXED);
	RTE_WAIT_UNTIL_MASKED(&flag32, 0xf, !=, 0, __ATOMIC_RELAXED);
}

#ifdef RTEMEM_HAL_sim
/*
 * A fault at any HAL call during init fails it cleanly, with the error of
 * the call that failed (the sim's: ENOMEM for VA and pages, ENOSPC for a
 * shared file, EFAULT for a page without an IOVA, EMFILE for a socket);
 * the next init works.
 */
static void test_init_faults(void **state)
{
	static const struct {
		const char *point;
		int err;
	} points[] = {
		{ "va_reserve:1", ENOMEM }, { "va_reserve:2", ENOMEM }, { "va_reserve:3", ENOMEM },
		{ "shm_create:1", ENOSPC }, /* the config */
		{ "shm_create:2", ENOENT }, /* the hugepage_info file: always ENOENT */
		{ "shm_create:3", ENOSPC },
		{ "shm_create:6", ENOSPC }, /* the last of the four memseg lists */
		{ "shm_create:7", ENOSPC }, /* the memzone table */
		{ "page_map:1", ENOMEM },   { "page_map:2", ENOMEM },	{ "virt2iova:1", EFAULT },
		{ "ipc_open:1", EMFILE }, /* the primary's socket */
	};

	RTE_SET_USED(state);
	rte_log_set_global_level(RTE_LOG_EMERG);
	for (size_t i = 0; i < RTE_DIM(points); i++) {
		char args[128];

		snprintf(args, sizeof(args), "--sim=pages=4,fail=%s -m 4", points[i].point);
		rte_errno = EALREADY; /* stale: init must replace it */
		if (init_with(args, NULL) != -1) {
			rte_eal_cleanup();
			fail_msg("init survived fault %s", points[i].point);
		}
		if (rte_errno != points[i].err)
			fail_msg("fault %s: rte_errno %d, expected %d", points[i].point, rte_errno,
				 points[i].err);
	}
	rte_log_set_global_level(RTE_LOG_DEBUG);
	assert_true(init_with("--sim=pages=4 -m 4", NULL) >= 0);
	assert_int_equal(rte_eal_get_physmem_size(), 4 << 20);
	assert_int_equal(sim_pool_free_pages(0), 2);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/*
 * The runtime directory, its lock and the file a primary writes there
 * (fault points runtime_dir, runtime_lock, runtime_file): rte_eal_init
 * fails with the HAL's error and leaves nothing behind, so the next start
 * succeeds with all the memory. va_release: a reservation rte_eal_cleanup
 * cannot give back stays reserved; cleanup still finishes, and the next
 * start lays its memory out elsewhere.
 */
static void test_runtime_faults(void **state)
{
	static const struct {
		const char *point;
		int err;
	} faults[] = {
		{ "runtime_dir:1", EACCES },
		{ "runtime_lock:1", ENOLCK },
		{ "runtime_file:1", ENOSPC }, /* the sim machine file for secondaries */
	};
	unsigned long calls;
	void *p;

	RTE_SET_USED(state);
	rte_log_set_global_level(RTE_LOG_EMERG);
	for (size_t i = 0; i < RTE_DIM(faults); i++) {
		char args[128];

		snprintf(args, sizeof(args), "--sim=pages=4,fail=%s -m 4", faults[i].point);
		rte_errno = 0;
		if (init_with(args, NULL) != -1) {
			rte_eal_cleanup();
			fail_msg("init survived fault %s", faults[i].point);
		}
		assert_int_equal(rte_errno, faults[i].err);
	}
	rte_log_set_global_level(RTE_LOG_DEBUG);
	assert_true(init_with("--sim=pages=4 -m 4", NULL) >= 0);
	assert_int_equal(rte_eal_get_physmem_size(), 4 << 20);
	assert_int_equal(sim_pool_free_pages(0), 2);

	calls = sim_fault_calls(SIM_OP_VA_RELEASE);
	sim_fault_arm(SIM_OP_VA_RELEASE, 1);
	assert_int_equal(rte_eal_cleanup(), 0);
	assert_true(sim_fault_calls(SIM_OP_VA_RELEASE) > calls); /* the machine's counts stay */
	assert_true(init_with("--sim=pages=4 -m 4", NULL) >= 0);
	assert_int_equal(rte_eal_get_physmem_size(), 4 << 20);
	p = rte_malloc(NULL, 1 << 20, 0);
	assert_non_null(p);
	memset(p, 1, 1 << 20);
	rte_free(p);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/* Heap and pool state a failed call must leave as it was. */
struct fault_state {
	struct rte_malloc_socket_stats stats;
	unsigned int pool_free;
	uint64_t physmem;
};

static void fault_state_get(struct fault_state *st)
{
	memset(st, 0xA5, sizeof(*st)); /* poisoned: every field is filled */
	assert_int_equal(rte_malloc_get_socket_stats(0, &st->stats), 0);
	st->pool_free = sim_pool_free_pages(0);
	st->physmem = rte_eal_get_physmem_size();
}

static void fault_state_same(const struct fault_state *before)
{
	struct fault_state now;

	fault_state_get(&now);
	assert_memory_equal(&now, before, sizeof(now));
	assert_int_equal(malloc_heap_check(&eal_mcfg()->malloc_heaps[0], NULL), 0);
}

/*
 * Each fault point of the simulated machine under a public call that
 * reaches it, in a running primary: the call fails with a clear error, the
 * heap, the hugepage pool and the memory size are as before, and once the
 * (one-shot) fault has passed the same call succeeds. page_attach,
 * page_detach and ipc_send on a secondary's request are walked in
 * test_multiprocess; the start-up ones (va_reserve, shm_create, page_map,
 * virt2iova, ipc_open of rte_eal_init) in test_init_faults.
 */
static void test_fault_points_public_calls(void **state)
{
	struct fault_state before;
	struct rte_fbarray arr;
	void *p;

	RTE_SET_USED(state);
	rte_log_set_global_level(RTE_LOG_EMERG);
	assert_true(init_with("--sim=pages=16,nic=x710", NULL) >= 0);

	/* page_map, virt2iova: rte_malloc that has to grow the heap. */
	for (int op = SIM_OP_PAGE_MAP; op <= SIM_OP_VIRT2IOVA; op++) {
		fault_state_get(&before);
		sim_fault_arm((enum sim_op)op, 1);
		rte_errno = 0;
		p = rte_malloc(NULL, 6u << 20, 0);
		assert_null(p);
		assert_int_equal(rte_errno, ENOMEM);
		fault_state_same(&before);
		p = rte_malloc(NULL, 6u << 20, 0);
		assert_non_null(p);
		rte_free(p);
	}

	/* shm_create: rte_fbarray_init; shm_attach: rte_fbarray_attach. */
	fault_state_get(&before);
	sim_fault_arm(SIM_OP_SHM_CREATE, 1);
	rte_errno = 0;
	assert_int_equal(rte_fbarray_init(&arr, "faulty", 64, 8), -1);
	assert_int_equal(rte_errno, ENOSPC);
	assert_int_equal(rte_fbarray_init(&arr, "faulty", 64, 8), 0); /* the name is free */
	assert_int_equal(rte_fbarray_set_used(&arr, 5), 0);
	assert_int_equal(rte_fbarray_detach(&arr), 0);
	sim_fault_arm(SIM_OP_SHM_ATTACH, 1);
	rte_errno = 0;
	assert_int_equal(rte_fbarray_attach(&arr), -1);
	assert_int_equal(rte_errno, EACCES);
	assert_int_equal(rte_fbarray_attach(&arr), 0);
	assert_int_equal(rte_fbarray_is_used(&arr, 5), 1);
	assert_int_equal(arr.count, 1);
	/* shm_unlink: rte_fbarray_destroy fails and the array stays, usable. */
	sim_fault_arm(SIM_OP_SHM_UNLINK, 1);
	rte_errno = 0;
	assert_int_equal(rte_fbarray_destroy(&arr), -1);
	assert_int_equal(rte_errno, EACCES);
	assert_int_equal(rte_fbarray_is_used(&arr, 5), 1);
	assert_int_equal(rte_fbarray_set_used(&arr, 6), 0);
	assert_int_equal(arr.count, 2);
	assert_int_equal(rte_fbarray_destroy(&arr), 0);
	fault_state_same(&before);

	/* page_fd: rte_memseg_get_fd; mem_lock: rte_mem_lock_page. Each fails
	 * once with the HAL's error and works the next time. */
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0); /* the pages retained above */
	fault_state_get(&before);
	p = rte_malloc(NULL, 1 << 20, 0);
	assert_non_null(p);
	{
		const struct rte_memseg *ms = rte_mem_virt2memseg(p, NULL);
		int fd;

		assert_non_null(ms);
		sim_fault_arm(SIM_OP_PAGE_FD, 1);
		rte_errno = 0;
		assert_int_equal(rte_memseg_get_fd(ms), -1);
		assert_int_equal(rte_errno, EMFILE);
		fd = rte_memseg_get_fd(ms);
		assert_true(fd >= 0);
		assert_int_equal(rte_memseg_get_fd(ms), fd); /* the HAL keeps it */
	}
	sim_fault_arm(SIM_OP_MEM_LOCK, 1);
	rte_errno = 0;
	assert_int_equal(rte_mem_lock_page(p), -1);
	assert_int_equal(rte_errno, ENOMEM);
	assert_int_equal(rte_mem_lock_page(p), 0);
	assert_int_equal(munlock(RTE_PTR_ALIGN_FLOOR(p, hal_base_page_size()),
				 hal_base_page_size()), 0);
	rte_free(p);
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);
	fault_state_same(&before);

	/* pci_scan: the lazy probe of the first rte_eth_* call finds nothing,
	 * and the next call scans again. */
	sim_fault_arm(SIM_OP_PCI_SCAN, 1);
	assert_int_equal(rte_eth_dev_count_avail(), 0);
	fault_state_same(&before);
	assert_int_equal(rte_eth_dev_count_avail(), 1);
	assert_int_equal(rte_eal_cleanup(), 0);

	/* pci_map_bar: the port is not probed, its adapter memory is freed. */
	assert_true(init_with("--sim=pages=16,nic=x710", NULL) >= 0);
	fault_state_get(&before);
	sim_fault_arm(SIM_OP_PCI_MAP_BAR, 1);
	assert_int_equal(rte_eth_dev_count_avail(), 0);
	/* The probe allocated and freed its adapter; the heap may keep the
	 * page that grew for it (rtemem_heap.h). Give it back, then compare. */
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);
	fault_state_same(&before);
	assert_int_equal(rte_eal_cleanup(), 0);
	rte_log_set_global_level(RTE_LOG_DEBUG);
}

/*
 * shm_unmap: rte_fbarray_destroy whose memory the OS will not unmap logs
 * it and finishes, as DPDK's does: the name is free again, the memory
 * stays mapped (lost to the process). rte_eal_cleanup that cannot unmap
 * one of its arrays or its config does the same; the next start works.
 * bar_read: each register read of a port's probe in turn reads all ones
 * (a device that fell off the bus for that read). The probe either fails,
 * leaving no port and the heap as it was, or gives a port that is the
 * emulated X710 as always; never a hang or a port with garbage in it.
 */
static void test_unmap_and_bar_faults(void **state)
{
	static const struct rte_ether_addr sim_mac = { { 0x02, 0x72, 0x74, 0x65, 0x00, 0x00 } };
	struct fault_state before;
	struct rte_fbarray arr;
	unsigned long reads, calls, failed = 0;
	volatile uint64_t *data;

	RTE_SET_USED(state);
	rte_log_set_global_level(RTE_LOG_EMERG);
	assert_true(init_with("--sim=pages=16,nic=x710", NULL) >= 0);
	fault_state_get(&before);
	assert_int_equal(rte_fbarray_init(&arr, "unmapfault", 64, 8), 0);
	assert_int_equal(rte_fbarray_set_used(&arr, 3), 0);
	data = rte_fbarray_get(&arr, 3);
	*data = 0x5a5a;
	calls = sim_fault_calls(SIM_OP_SHM_UNMAP);
	sim_fault_arm(SIM_OP_SHM_UNMAP, 1);
	assert_int_equal(rte_fbarray_destroy(&arr), 0);
	assert_int_equal(sim_fault_calls(SIM_OP_SHM_UNMAP), calls + 1);
	assert_int_equal(*data, 0x5a5a); /* still mapped */
	assert_int_equal(rte_fbarray_init(&arr, "unmapfault", 64, 8), 0); /* name free */
	assert_int_equal(arr.count, 0);
	assert_int_equal(rte_fbarray_destroy(&arr), 0);
	fault_state_same(&before);

	/* The probe's register reads, counted once without a fault. */
	reads = sim_fault_calls(SIM_OP_BAR_READ);
	assert_int_equal(rte_eth_dev_count_avail(), 1);
	reads = sim_fault_calls(SIM_OP_BAR_READ) - reads;
	assert_true(reads > 0);
	assert_int_equal(rte_eal_cleanup(), 0);

	/* Teardown: each of its unmaps in turn fails (arrays, then config). */
	assert_true(init_with("--sim=pages=16 -m 4", NULL) >= 0);
	calls = sim_fault_calls(SIM_OP_SHM_UNMAP);
	assert_int_equal(rte_eal_cleanup(), 0);
	calls = sim_fault_calls(SIM_OP_SHM_UNMAP) - calls;
	assert_true(calls > 0);
	for (unsigned long n = 1; n <= calls; n++) {
		assert_true(init_with("--sim=pages=16 -m 4", NULL) >= 0);
		sim_fault_arm(SIM_OP_SHM_UNMAP, n);
		assert_int_equal(rte_eal_cleanup(), 0);
		sim_fault_arm(SIM_OP_SHM_UNMAP, 0);
	}
	assert_true(init_with("--sim=pages=16,nic=x710", NULL) >= 0);
	assert_int_equal(rte_eal_cleanup(), 0);

	for (unsigned long n = 1; n <= reads; n++) {
		struct rte_eth_dev_info info;
		struct rte_ether_addr mac;
		struct rte_eth_stats st;

		assert_true(init_with("--sim=pages=16,nic=x710", NULL) >= 0);
		fault_state_get(&before);
		sim_fault_arm(SIM_OP_BAR_READ, n);
		if (rte_eth_dev_count_avail() == 0) {
			failed++;
			assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);
			fault_state_same(&before);
		} else {
			memset(&info, 0xA5, sizeof(info));
			memset(&mac, 0xA5, sizeof(mac));
			assert_int_equal(rte_eth_dev_info_get(0, &info), 0);
			assert_int_equal(info.max_rx_queues, 64);
			assert_int_equal(rte_eth_macaddr_get(0, &mac), 0);
			assert_memory_equal(&mac, &sim_mac, sizeof(mac));
			memset(&st, 0xA5, sizeof(st));
			assert_int_equal(rte_eth_stats_get(0, &st), 0);
			assert_int_equal(st.imissed, 0); /* no frame came: no discard */
		}
		sim_fault_arm(SIM_OP_BAR_READ, 0);
		assert_int_equal(rte_eal_cleanup(), 0);
	}
	print_message("bar_read: %lu reads in a probe, %lu of them fail it\n", reads, failed);
	rte_log_set_global_level(RTE_LOG_DEBUG);
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
		cmocka_unit_test(test_options_after_app_args),
		cmocka_unit_test(test_tsc),
		cmocka_unit_test(test_no_huge),
		cmocka_unit_test(test_runtime_files),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_lcore_options),
		cmocka_unit_test(test_accepted_options),
		cmocka_unit_test(test_usage_hook),
		cmocka_unit_test(test_parse_coremask),
		cmocka_unit_test(test_mbuf_pool_ops_option),
		cmocka_unit_test(test_empty_core_list),
		cmocka_unit_test(test_log),
		cmocka_unit_test(test_strerror_and_sizes),
		cmocka_unit_test(test_dump_stack),
		cmocka_unit_test(test_exit_and_panic),
		cmocka_unit_test(test_mcfg_locks),
		cmocka_unit_test(test_shared_lock_dead_holder),
		cmocka_unit_test(test_locks_and_waits),
#ifdef RTEMEM_HAL_sim
		cmocka_unit_test(test_init_faults),
		cmocka_unit_test(test_runtime_faults),
		cmocka_unit_test(test_fault_points_public_calls),
		cmocka_unit_test(test_unmap_and_bar_faults),
		cmocka_unit_test(test_sim_options),
#endif
	};

	return cmocka_run_group_tests_name("eal", tests, NULL, NULL);
}
