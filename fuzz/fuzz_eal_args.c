/* SPDX-License-Identifier: BSD-3-Clause
 * libFuzzer harness for EAL option parsing: the input, split at NUL and
 * newline bytes, becomes argv for rte_eal_init after a fixed prefix that
 * keeps the run in memory on a small simulated machine. Whatever the
 * arguments, init must fail cleanly or succeed; on success the EAL is torn
 * down again with rte_eal_cleanup, so every input starts from scratch and
 * LeakSanitizer sees anything either path forgets to free. After a failed
 * init, a plain one must work at once (a failure leaves nothing behind).
 *
 * A successful init is also checked against a model of the options it was
 * given, for the ones whose meaning is simple to state: "-l LIST" (those
 * lcores, the first the main one unless --main-lcore=N), --iova-mode=pa|va,
 * --log-level=N, --no-huge. An option the model does not know, or one
 * given twice, only leaves its aspect unchecked; one that takes a value
 * takes the next argument, as getopt_long does ("--huge -l 8": "-l" is
 * the value of --huge-dir, abbreviated).
 *
 * The fixed prefix picks the 64K/512M profile: --no-huge maps -m (64 MB by
 * default) in base pages one by one, 16384 of them with 4K pages against
 * 1024 with 64K, and two memseg lists of 64 pages cost less to set up and
 * tear down than four of 8192. An input's own --sim=... replaces it, so
 * the other profiles stay reachable.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>

#include "fuzz_eal.h"

#define MAX_ARGS 32
#define INPUT_MAX 4096

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char prefix[64];

/* What the options say, where the model can tell; -1 or false: unknown. */
struct expect {
	bool lcores_known;
	bool lcores[RTE_MAX_LCORE];
	unsigned int n_lcores, first_lcore;
	int main_lcore;
	int iova;       /* RTE_IOVA_PA or RTE_IOVA_VA */
	long log_level;
	bool no_huge;
	unsigned int seen_l, seen_main, seen_iova, seen_log;
};

/* "a-b,c,..." with every number below RTE_MAX_LCORE; false otherwise. */
static bool parse_list(const char *s, struct expect *e)
{
	memset(e->lcores, 0, sizeof(e->lcores));
	e->n_lcores = 0;
	e->first_lcore = RTE_MAX_LCORE;
	do {
		char *end;
		unsigned long lo = strtoul(s, &end, 10), hi = lo;

		if (end == s || lo >= RTE_MAX_LCORE)
			return false;
		if (*end == '-') {
			s = end + 1;
			hi = strtoul(s, &end, 10);
			if (end == s || hi >= RTE_MAX_LCORE || hi < lo)
				return false;
		}
		for (unsigned long i = lo; i <= hi; i++) {
			e->n_lcores += !e->lcores[i];
			e->lcores[i] = true;
		}
		e->first_lcore = RTE_MIN(e->first_lcore, (unsigned int)lo);
		s = end;
	} while (*s++ == ',');
	return s[-1] == '\0';
}

/* The EAL's options (src/eal_options.c) that take a value. */
static const char *const long_with_value[] = { "lcores", "main-lcore", "socket-mem", "huge-dir",
					       "file-prefix", "iova-mode", "base-virtaddr",
					       "log-level", "proc-type", "sim", "allow", "block",
					       "mbuf-pool-ops-name" };
static const char *const long_without_value[] = { "no-huge", "in-memory", "no-pci", "no-shconf",
						  "help" };
static const char short_with_value[] = "clmnrab";

/* How many of names[] "--name" means: it exactly (*exact) or as a prefix. */
static unsigned int long_matches(const char *name, const char *const *names, size_t n,
				 bool *exact)
{
	unsigned int matches = 0;

	for (size_t i = 0; i < n; i++) {
		if (strcmp(name, names[i]) == 0)
			*exact = true;
		matches += strncmp(name, names[i], strlen(name)) == 0;
	}
	return matches;
}

/*
 * Whether getopt_long takes the argument after a as a's value: a cluster of
 * short options ending in one that needs a value ("-vm"), or "--name" of a
 * long option that does, abbreviations included ("--huge" is --huge-dir).
 */
static bool takes_next(const char *a)
{
	bool exact_with = false, exact_without = false;
	unsigned int with, without;

	if (a[0] != '-' || a[1] == '\0')
		return false;
	if (a[1] != '-') {
		for (const char *c = a + 1; *c != '\0'; c++)
			if (strchr(short_with_value, *c) != NULL)
				return c[1] == '\0'; /* else the rest of a is the value */
		return false;
	}
	if (a[2] == '\0' || strchr(a, '=') != NULL)
		return false;
	with = long_matches(a + 2, long_with_value, RTE_DIM(long_with_value), &exact_with);
	without = long_matches(a + 2, long_without_value, RTE_DIM(long_without_value),
			       &exact_without);
	return exact_with || (!exact_without && with == 1 && without == 0);
}

/* The model, from the arguments after the fixed prefix (up to "--"). */
static void expect_from(struct expect *e, char **args, int n)
{
	memset(e, 0, sizeof(*e));
	e->main_lcore = -1;
	e->iova = -1;
	e->log_level = -1;
	for (int i = 0; i < n && strcmp(args[i], "--") != 0; i++) {
		const char *a = args[i];

		if (strcmp(a, "-l") == 0 && i + 1 < n) {
			e->seen_l++;
			e->lcores_known = parse_list(args[++i], e);
		} else if (strncmp(a, "--main-lcore=", 13) == 0) {
			/* Numbers in C's notation, as DPDK reads them: 0x1 is 1,
			 * 010 is 8 (one the EAL refuses fails init, unchecked). */
			e->seen_main++;
			e->main_lcore = (int)strtol(a + 13, NULL, 0);
		} else if (strcmp(a, "--iova-mode=pa") == 0 || strcmp(a, "--iova-mode=va") == 0) {
			e->seen_iova++;
			e->iova = a[12] == 'p' ? RTE_IOVA_PA : RTE_IOVA_VA;
		} else if (strncmp(a, "--log-level=", 12) == 0 && a[12] >= '0' && a[12] <= '9' &&
			   strspn(a + 12, "0123456789") == strlen(a + 12)) {
			e->seen_log++;
			e->log_level = strtol(a + 12, NULL, 0);
		} else if (strcmp(a, "--no-huge") == 0) {
			e->no_huge = true;
		} else if (takes_next(a)) {
			i++; /* its value, even one that looks like an option */
		}
	}
}

#define EXPECT(cond, ...)                                                                      \
	do {                                                                                   \
		if (!(cond)) {                                                                 \
			fprintf(stderr, "fuzz_eal_args: " __VA_ARGS__);                       \
			fputc('\n', stderr);                                                  \
			abort();                                                               \
		}                                                                              \
	} while (0)

/* After a successful init: the configuration is what the options said. */
static void check_against_model(const struct expect *e)
{
	if (e->seen_l == 1 && e->lcores_known) {
		EXPECT(rte_lcore_count() == e->n_lcores, "-l: %u lcores, want %u",
		       rte_lcore_count(), e->n_lcores);
		for (unsigned int i = 0; i < RTE_MAX_LCORE; i++)
			EXPECT(!!rte_lcore_is_enabled(i) == e->lcores[i], "-l: lcore %u %s", i,
			       e->lcores[i] ? "missing" : "enabled");
		if (e->seen_main == 0)
			EXPECT(rte_get_main_lcore() == e->first_lcore, "main lcore %u, want %u",
			       rte_get_main_lcore(), e->first_lcore);
	}
	if (e->seen_main == 1 && e->main_lcore >= 0)
		EXPECT(rte_get_main_lcore() == (unsigned int)e->main_lcore,
		       "main lcore %u, --main-lcore=%d", rte_get_main_lcore(), e->main_lcore);
	if (e->seen_iova == 1)
		EXPECT((int)rte_eal_iova_mode() == e->iova, "iova mode %d, want %d",
		       (int)rte_eal_iova_mode(), e->iova);
	if (e->seen_log == 1)
		EXPECT((long)rte_log_get_global_level() == e->log_level, "log level %u, want %ld",
		       rte_log_get_global_level(), e->log_level);
	if (e->no_huge)
		EXPECT(!rte_eal_has_hugepages(), "--no-huge, yet hugepages");
}

static void check_clean_init(void)
{
	/* One lcore: a worker thread would add nothing to what this checks. */
	char *argv[] = { "fuzz_eal_args", "--in-memory", "--sim=profile=64K/512M,pages=8,populate=0",
			 prefix, "-l", "0", NULL };

	if (rte_eal_init(6, argv) < 0) {
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
	static struct expect model;
	char *argv[MAX_ARGS + 1];
	int argc = 0, ret;

	if (size > INPUT_MAX)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';

	argv[argc++] = "fuzz_eal_args";
	argv[argc++] = "--in-memory";
	argv[argc++] = "--sim=profile=64K/512M,pages=8,populate=0";
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
	expect_from(&model, &argv[4], argc - 4);

	ret = rte_eal_init(argc, argv);
	if (ret >= 0) {
		if (ret >= argc)
			abort(); /* must point at an argument */
		check_against_model(&model);
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
