/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>

#include "rtetest.h"

#define MAX_ARGS 64

/* Runs before every test binary's main: see RTETEST_FILTER in rtetest.h. */
__attribute__((constructor)) static void rtetest_apply_filter(void)
{
	const char *pattern = getenv("RTETEST_FILTER");

	if (pattern != NULL && pattern[0] != '\0')
		cmocka_set_test_filter(pattern);
}

bool rtetest_hal_is_sim(void)
{
#ifdef RTEMEM_HAL_sim
	return true;
#else
	return false;
#endif
}

int rtetest_eal_init(const char *args)
{
	static char buf[4096];
	static char prefix[64];
	static char hugedir[512];
	char *argv[MAX_ARGS];
	int argc = 0;

	argv[argc++] = "rtetest";
	snprintf(prefix, sizeof(prefix), "--file-prefix=rtetest%d", (int)getpid());
	argv[argc++] = prefix;
	if (!rtetest_hal_is_sim() && getenv("RTEMEM_HUGE_DIR") != NULL) {
		snprintf(hugedir, sizeof(hugedir), "--huge-dir=%s", getenv("RTEMEM_HUGE_DIR"));
		argv[argc++] = hugedir;
	}
	if (args != NULL) {
		snprintf(buf, sizeof(buf), "%s", args);
		for (char *tok = strtok(buf, " "); tok != NULL && argc < MAX_ARGS - 1;
		     tok = strtok(NULL, " ")) {
			/* Real machines take no --sim; cases that need it skip there. */
			if (!rtetest_hal_is_sim() && strncmp(tok, "--sim=", 6) == 0)
				continue;
			argv[argc++] = tok;
		}
	}
	argv[argc] = NULL;
	return rte_eal_init(argc, argv);
}

bool rtetest_no_hugepages(void)
{
	return !rtetest_hal_is_sim() && getenv("RTEMEM_NO_HUGEPAGES") != NULL;
}

int rtetest_boot(const char *args)
{
	char buf[512];

	if (rtetest_no_hugepages()) {
		snprintf(buf, sizeof(buf), "%s --no-huge", args != NULL ? args : "");
		args = buf;
	}
	return rtetest_eal_init(args) >= 0 ? 0 : -1;
}

int rtetest_run_hugepage_group_(const char *name, const struct CMUnitTest *tests, size_t n,
				CMFixtureFunction setup, CMFixtureFunction teardown)
{
	if (!rtetest_no_hugepages())
		return _cmocka_run_group_tests(name, tests, n, setup, teardown);
	/* The lines cmocka prints for skipped cases; ci/run-tests.sh counts them. */
	print_message("[==========] %s: needs hugepages, and RTEMEM_NO_HUGEPAGES is set\n", name);
	print_message("[  SKIPPED ] %zu test(s), listed below:\n", n);
	for (size_t i = 0; i < n; i++)
		print_message("[  SKIPPED ] %s\n", tests[i].name);
	return 0;
}

static void test_sim_only(void **state)
{
	(void)state;
	skip();
}

int rtetest_sim_only_main(const char *name)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sim_only),
	};

	return _cmocka_run_group_tests(name, tests, 1, NULL, NULL);
}

/* $RTETEST_EXEC_WRAPPER, or NULL when unset or empty. */
static const char *exec_wrapper(void)
{
	const char *wrapper = getenv("RTETEST_EXEC_WRAPPER");

	return wrapper != NULL && wrapper[0] != '\0' ? wrapper : NULL;
}

int rtetest_execv(const char *path, char *const argv[])
{
	const char *wrapper = exec_wrapper();
	char *args[16]; /* wrapper, path, argv[1..], NULL */
	size_t n = 0, k = 0;

	if (wrapper == NULL)
		return execv(path, argv);
	while (argv[n] != NULL)
		n++;
	if (n + 2 > sizeof(args) / sizeof(args[0])) {
		errno = E2BIG;
		return -1;
	}
	args[k++] = (char *)wrapper;
	args[k++] = (char *)path;
	for (size_t i = 1; i < n; i++)
		args[k++] = argv[i];
	args[k] = NULL;
	return execvp(wrapper, args);
}

int rtetest_emulated(void)
{
	return getenv("RTETEST_EXEC_WRAPPER") != NULL;
}

int rtetest_command(char *buf, size_t size, const char *path, const char *args)
{
	const char *wrapper = exec_wrapper();
	int n;

	if (wrapper == NULL)
		n = snprintf(buf, size, "%s %s", path, args);
	else
		n = snprintf(buf, size, "%s %s %s", wrapper, path, args);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}
