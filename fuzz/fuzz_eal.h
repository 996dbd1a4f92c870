/* SPDX-License-Identifier: BSD-3-Clause
 * Helper for harnesses that need EAL up: bring it up once, from
 * LLVMFuzzerInitialize, on a small in-memory simulated machine, with the
 * log going to /dev/null so that error paths do not flood the fuzzer's
 * output. The EAL stays up for the whole run; libFuzzer's exit does not
 * call rte_eal_cleanup, and what EAL holds is still reachable then, so
 * LeakSanitizer does not count it.
 */
#ifndef RTEMEM_FUZZ_EAL_H
#define RTEMEM_FUZZ_EAL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>

#define FUZZ_EAL_MAX_ARGS 16

/* Silence the EAL log (bad input makes it talk a lot). */
static inline void fuzz_quiet_log(void)
{
	static FILE *devnull;

	if (devnull == NULL)
		devnull = fopen("/dev/null", "w");
	if (devnull != NULL)
		rte_openlog_stream(devnull);
}

/*
 * rte_eal_init with "--in-memory --file-prefix=<name><pid>" and the space
 * separated extra arguments (e.g. "--sim=pages=16,nic=x710"); aborts on
 * failure, since a harness without EAL tests nothing.
 */
static inline void fuzz_eal_init(const char *name, const char *extra)
{
	static char prefix[80], buf[512];
	char *argv[FUZZ_EAL_MAX_ARGS + 1];
	int argc = 0;

	fuzz_quiet_log();
	argv[argc++] = (char *)name;
	argv[argc++] = "--in-memory";
	snprintf(prefix, sizeof(prefix), "--file-prefix=%s%d", name, (int)getpid());
	argv[argc++] = prefix;
	snprintf(buf, sizeof(buf), "%s", extra != NULL ? extra : "");
	for (char *tok = strtok(buf, " "); tok != NULL && argc < FUZZ_EAL_MAX_ARGS;
	     tok = strtok(NULL, " "))
		argv[argc++] = tok;
	argv[argc] = NULL;
	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "%s: rte_eal_init failed: %s\n", name, rte_strerror(rte_errno));
		abort();
	}
}

#endif
