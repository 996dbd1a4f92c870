/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>

#include "rtetest.h"

#define MAX_ARGS 64

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

int rtetest_execv(const char *path, char *const argv[])
{
	const char *wrapper = getenv("RTETEST_EXEC_WRAPPER");
	char *args[16]; /* wrapper, path, argv[1..], NULL */
	size_t n = 0, k = 0;

	if (wrapper == NULL || wrapper[0] == '\0')
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

int rtetest_command(char *buf, size_t size, const char *path, const char *args)
{
	const char *wrapper = getenv("RTETEST_EXEC_WRAPPER");
	int n;

	if (wrapper == NULL || wrapper[0] == '\0')
		n = snprintf(buf, size, "%s %s", path, args);
	else
		n = snprintf(buf, size, "%s %s %s", wrapper, path, args);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}
