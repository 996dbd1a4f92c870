/* SPDX-License-Identifier: BSD-3-Clause */
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
