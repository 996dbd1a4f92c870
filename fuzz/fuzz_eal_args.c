/* SPDX-License-Identifier: BSD-3-Clause
 * libFuzzer harness for EAL option parsing: the input, split at NUL and
 * newline bytes, becomes argv for rte_eal_init after a fixed prefix that
 * keeps the run in memory on a small simulated machine. Whatever the
 * arguments, init must fail cleanly or succeed; on success the EAL is torn
 * down again with rte_eal_cleanup, so every input starts from scratch and
 * LeakSanitizer sees anything either path forgets to free. After a failed
 * init, a plain one must work at once (a failure leaves nothing behind).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>

#include "fuzz_eal.h"

#define MAX_ARGS 32
#define INPUT_MAX 4096

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char prefix[64];

static void check_clean_init(void)
{
	char *argv[] = { "fuzz_eal_args", "--in-memory", "--sim=profile=4K/2M,pages=8", prefix,
			 NULL };

	if (rte_eal_init(4, argv) < 0) {
		fprintf(stderr, "fuzz_eal_args: a plain init after a failed one failed: %s\n",
			rte_strerror(rte_errno));
		abort();
	}
	if (rte_eal_cleanup() != 0)
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Bad options are the point here: keep their log lines out of the way. */
	fuzz_quiet_log();
	snprintf(prefix, sizeof(prefix), "--file-prefix=fuzzeal%d", (int)getpid());
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[INPUT_MAX + 1];
	char *argv[MAX_ARGS + 1];
	int argc = 0, ret;

	if (size > INPUT_MAX)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';

	argv[argc++] = "fuzz_eal_args";
	argv[argc++] = "--in-memory";
	argv[argc++] = "--sim=profile=4K/2M,pages=8";
	argv[argc++] = prefix;
	for (size_t i = 0, tok = 0; i <= size && argc < MAX_ARGS; i++) {
		if (buf[i] != '\0' && buf[i] != '\n')
			continue;
		buf[i] = '\0';
		if (i > tok)
			argv[argc++] = &buf[tok];
		tok = i + 1;
	}
	argv[argc] = NULL;

	ret = rte_eal_init(argc, argv);
	if (ret >= 0) {
		if (ret >= argc)
			abort(); /* must point at an argument */
		if (rte_eal_cleanup() != 0)
			abort();
	} else if (rte_errno == 0) {
		abort(); /* a failure must say why */
	} else {
		/* A failed init must undo everything: a plain one works right after. */
		check_clean_init();
	}
	return 0;
}
