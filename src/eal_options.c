/* SPDX-License-Identifier: BSD-3-Clause
 * EAL command line: fills internal_config and the lcore roles. Every bad
 * option is reported in one line and makes parsing fail; nothing is kept.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_log.h>
#include <rte_memory.h>

#include "eal_private.h"

enum {
	OPT_LCORES = 256,
	OPT_MAIN_LCORE,
	OPT_SOCKET_MEM,
	OPT_NO_HUGE,
	OPT_HUGE_DIR,
	OPT_FILE_PREFIX,
	OPT_IN_MEMORY,
	OPT_IOVA_MODE,
	OPT_BASE_VIRTADDR,
	OPT_LOG_LEVEL,
	OPT_PROC_TYPE,
	OPT_SIM,
	OPT_NO_PCI,
	OPT_NO_SHCONF,
	OPT_HELP,
	OPT_MBUF_POOL_OPS,
};

/*
 * No leading '+': GNU getopt permutes, as DPDK's parser does, so an EAL
 * option after an application argument is still an EAL option, the
 * application's arguments end up after the EAL's, and rte_eal_init's
 * return value counts the EAL's. "--" stops the scan.
 */
static const char short_options[] = "c:l:m:n:r:a:b:hv";

static const struct option long_options[] = {
	{ "lcores", required_argument, NULL, OPT_LCORES },
	{ "main-lcore", required_argument, NULL, OPT_MAIN_LCORE },
	{ "socket-mem", required_argument, NULL, OPT_SOCKET_MEM },
	{ "no-huge", no_argument, NULL, OPT_NO_HUGE },
	{ "huge-dir", required_argument, NULL, OPT_HUGE_DIR },
	{ "file-prefix", required_argument, NULL, OPT_FILE_PREFIX },
	{ "in-memory", no_argument, NULL, OPT_IN_MEMORY },
	{ "iova-mode", required_argument, NULL, OPT_IOVA_MODE },
	{ "base-virtaddr", required_argument, NULL, OPT_BASE_VIRTADDR },
	{ "log-level", required_argument, NULL, OPT_LOG_LEVEL },
	{ "proc-type", required_argument, NULL, OPT_PROC_TYPE },
	{ "sim", required_argument, NULL, OPT_SIM },
	{ "no-pci", no_argument, NULL, OPT_NO_PCI },
	{ "allow", required_argument, NULL, 'a' },
	{ "block", required_argument, NULL, 'b' },
	{ "no-shconf", no_argument, NULL, OPT_NO_SHCONF },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "mbuf-pool-ops-name", required_argument, NULL, OPT_MBUF_POOL_OPS },
	{ NULL, 0, NULL, 0 },
};

void eal_usage(const char *prgname)
{
	printf("Usage: %s [EAL options] -- [application options]\n"
	       "EAL options:\n"
	       "  -l CORELIST          lcores to run on, e.g. 0-3,6\n"
	       "  -c COREMASK          lcores as a hex mask\n"
	       "  --lcores MAP         lcore list, lcore@cpu allowed\n"
	       "  --main-lcore ID      main lcore (default: first)\n"
	       "  -m MB                memory to preallocate\n"
	       "  --socket-mem MB,...  memory to preallocate per socket\n"
	       "  --no-huge            base pages, no hugepages (IOVA as VA)\n"
	       "  --huge-dir DIR       hugetlbfs mount to use\n"
	       "  --file-prefix NAME   runtime file prefix (default rte)\n"
	       "  --in-memory          no shared files\n"
	       "  --iova-mode pa|va    IO address mode\n"
	       "  --base-virtaddr ADDR where to try to place memory\n"
	       "  --log-level [TYPE:]LEVEL  log level (1-8)\n"
	       "  --proc-type primary|secondary|auto\n"
	       "  --mbuf-pool-ops-name NAME  mempool ops for mbuf pools\n"
	       "  -a, --allow PCI      use only these PCI devices (DDDD:BB:DD.F, repeatable)\n"
	       "  -b, --block PCI      use every PCI device but these (not with -a)\n"
	       "  --no-pci             do not scan the PCI bus (no ports)\n"
	       "  --sim KEY=VAL,...    simulated machine (HAL=sim): profile=4K/2M|16K/32M|\n"
	       "                       64K/512M|4K/1G, sockets=N, pages=N, seed=N,\n"
	       "                       fail=OP:N[+OP:N], nic=x710[:N]\n",
	       prgname);
}

void eal_reset_internal_config(struct internal_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->process_type = RTE_PROC_PRIMARY;
	cfg->iova_mode = RTE_IOVA_DC;
	snprintf(cfg->file_prefix, sizeof(cfg->file_prefix), "rte");
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	if (s == NULL || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*out = strtoul(s, &end, 0);
	if (errno != 0 || *end != '\0' || *out > max)
		return -EINVAL;
	return 0;
}

/* A set of lcore ids and, for each, the CPU it runs on. */
struct lcore_set {
	bool on[RTE_MAX_LCORE];
	int cpu[RTE_MAX_LCORE];
};

static int parse_coremask(const char *mask, struct lcore_set *set)
{
	size_t len;
	int lcore = 0;

	if (mask[0] == '0' && (mask[1] == 'x' || mask[1] == 'X'))
		mask += 2;
	len = strlen(mask);
	if (len == 0)
		return -EINVAL;
	/* Hex digits from the least significant end. */
	for (size_t i = len; i-- > 0; lcore += 4) {
		int c = (unsigned char)mask[i], v;

		if (!isxdigit(c))
			return -EINVAL;
		v = isdigit(c) ? c - '0' : tolower(c) - 'a' + 10;
		for (int b = 0; b < 4; b++) {
			if (!(v & (1 << b)))
				continue;
			if (lcore + b >= RTE_MAX_LCORE)
				return -EINVAL;
			set->on[lcore + b] = true;
			set->cpu[lcore + b] = lcore + b;
		}
	}
	return 0;
}

int rte_eal_parse_coremask(const char *coremask, int *cores)
{
	struct lcore_set set;
	char mask[RTE_MAX_LCORE / 4 + 3]; /* "0x", a digit per 4 cores, NUL */
	size_t len;
	int rank = 0;

	if (coremask == NULL || cores == NULL)
		return -1;
	/* Blanks around the mask are allowed; leading zeros beyond
	 * RTE_MAX_LCORE are not, so the copy may be short. */
	while (isblank((unsigned char)*coremask))
		coremask++;
	len = strlen(coremask);
	while (len > 0 && isblank((unsigned char)coremask[len - 1]))
		len--;
	if (len >= sizeof(mask))
		return -1;
	memcpy(mask, coremask, len);
	mask[len] = '\0';
	memset(&set, 0, sizeof(set));
	if (parse_coremask(mask, &set) < 0)
		return -1;
	for (int i = 0; i < RTE_MAX_LCORE; i++)
		cores[i] = set.on[i] ? rank++ : -1;
	return rank > 0 ? 0 : -1;
}

const char *rte_eal_mbuf_user_pool_ops(void)
{
	return internal_config.mbuf_pool_ops[0] != '\0' ? internal_config.mbuf_pool_ops : NULL;
}

/* "0-3,6" (-l) or "0-3,4@5" (--lcores, an lcore pinned to another CPU). */
static int parse_corelist(const char *list, struct lcore_set *set, bool allow_at)
{
	const char *p = list;

	if (*p == '\0')
		return -EINVAL;
	while (*p != '\0') {
		unsigned long lo, hi, cpu;
		char *end;

		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		lo = strtoul(p, &end, 10);
		hi = lo;
		p = end;
		if (*p == '-') {
			p++;
			if (!isdigit((unsigned char)*p))
				return -EINVAL;
			hi = strtoul(p, &end, 10);
			p = end;
		}
		if (lo > hi || hi >= RTE_MAX_LCORE)
			return -EINVAL;
		cpu = ULONG_MAX;
		if (*p == '@' && allow_at) {
			p++;
			if (!isdigit((unsigned char)*p))
				return -EINVAL;
			cpu = strtoul(p, &end, 10);
			p = end;
			if (cpu >= CPU_SETSIZE)
				return -EINVAL;
		}
		for (unsigned long i = lo; i <= hi; i++) {
			set->on[i] = true;
			set->cpu[i] = cpu == ULONG_MAX ? (int)i : (int)cpu;
		}
		if (*p == ',')
			p++;
		else if (*p != '\0')
			return -EINVAL;
	}
	return 0;
}

static int parse_socket_mem(const char *arg, struct internal_config *cfg)
{
	const char *p = arg;
	unsigned int socket = 0;

	while (*p != '\0') {
		unsigned long mb;
		char *end;

		if (socket >= RTE_MAX_NUMA_NODES || !isdigit((unsigned char)*p))
			return -EINVAL;
		errno = 0;
		mb = strtoul(p, &end, 10);
		if (errno != 0 || mb > RTE_MAX_MEM_MB)
			return -EINVAL;
		cfg->socket_mem[socket++] = (uint64_t)mb << 20;
		p = end;
		if (*p == ',')
			p++;
		else if (*p != '\0')
			return -EINVAL;
	}
	cfg->force_sockets = true;
	return 0;
}

static int parse_log_level(const char *arg)
{
	const char *colon = strrchr(arg, ':');
	unsigned long level;

	if (colon == NULL) {
		if (parse_uint(arg, RTE_LOG_MAX, &level) < 0 || level == 0)
			return -EINVAL;
		rte_log_set_global_level((uint32_t)level);
		return 0;
	}
	if (parse_uint(colon + 1, RTE_LOG_MAX, &level) < 0 || level == 0)
		return -EINVAL;
	/* Only the built-in type names are known before components register. */
	static const char *const names[] = { "eal", "malloc", "ring", "mempool", "timer", "pmd" };
	for (size_t i = 0; i < RTE_DIM(names); i++) {
		if (strncmp(arg, names[i], (size_t)(colon - arg)) == 0 &&
		    strlen(names[i]) == (size_t)(colon - arg)) {
			rte_log_set_level((uint32_t)i, (uint32_t)level);
			return 0;
		}
	}
	return -EINVAL;
}

static int copy_string(char *dst, size_t size, const char *src)
{
	if (*src == '\0' || strlen(src) >= size)
		return -EINVAL;
	memcpy(dst, src, strlen(src) + 1);
	return 0;
}

/* Apply one option; returns 0, or -EINVAL with the reason in *why. */
static int apply_option(int opt, const char *arg, struct internal_config *cfg,
			struct lcore_set *lcores, bool *have_lcores, long *main_lcore,
			const char **why)
{
	unsigned long n;

	switch (opt) {
	case 'c':
		*why = "bad coremask";
		if (*have_lcores)
			return -EINVAL;
		*have_lcores = true;
		return parse_coremask(arg, lcores);
	case 'l':
	case OPT_LCORES:
		*why = "bad core list";
		if (*have_lcores)
			return -EINVAL;
		*have_lcores = true;
		return parse_corelist(arg, lcores, opt == OPT_LCORES);
	case OPT_MAIN_LCORE:
		*why = "bad main lcore";
		if (parse_uint(arg, RTE_MAX_LCORE - 1, &n) < 0)
			return -EINVAL;
		*main_lcore = (long)n;
		return 0;
	case 'm':
		*why = "bad memory size (MB, at most RTE_MAX_MEM_MB)";
		if (parse_uint(arg, RTE_MAX_MEM_MB, &n) < 0)
			return -EINVAL;
		cfg->memory = (size_t)n << 20;
		return 0;
	case OPT_SOCKET_MEM:
		*why = "bad --socket-mem list";
		return parse_socket_mem(arg, cfg);
	case 'n':
	case 'r':
		*why = "bad channel/rank count";
		return parse_uint(arg, 32, &n);
	case 'a':
	case 'b':
		*why = "bad PCI device (DDDD:BB:DD.F or BB:DD.F; -a and -b cannot be mixed)";
		return eal_pci_list_add(&cfg->pci, arg, opt == 'a');
	case OPT_NO_HUGE:
		cfg->no_hugetlbfs = true;
		return 0;
	case OPT_HUGE_DIR:
		*why = "bad --huge-dir";
		return copy_string(cfg->hugepage_dir, sizeof(cfg->hugepage_dir), arg);
	case OPT_FILE_PREFIX:
		*why = "bad --file-prefix";
		if (strchr(arg, '/') != NULL)
			return -EINVAL;
		return copy_string(cfg->file_prefix, sizeof(cfg->file_prefix), arg);
	case OPT_MBUF_POOL_OPS:
		*why = "bad --mbuf-pool-ops-name";
		return copy_string(cfg->mbuf_pool_ops, sizeof(cfg->mbuf_pool_ops), arg);
	case OPT_IN_MEMORY:
	case OPT_NO_SHCONF:
		cfg->in_memory = true;
		return 0;
	case OPT_IOVA_MODE:
		*why = "--iova-mode must be pa or va";
		if (strcmp(arg, "pa") == 0)
			cfg->iova_mode = RTE_IOVA_PA;
		else if (strcmp(arg, "va") == 0)
			cfg->iova_mode = RTE_IOVA_VA;
		else
			return -EINVAL;
		return 0;
	case OPT_BASE_VIRTADDR: {
		char *end;

		*why = "bad --base-virtaddr";
		errno = 0;
		cfg->base_virtaddr = strtoull(arg, &end, 16);
		return (errno != 0 || *end != '\0' || *arg == '\0') ? -EINVAL : 0;
	}
	case OPT_LOG_LEVEL:
		*why = "bad --log-level";
		return parse_log_level(arg);
	case OPT_PROC_TYPE:
		*why = "--proc-type must be primary, secondary or auto";
		if (strcmp(arg, "primary") == 0)
			cfg->process_type = RTE_PROC_PRIMARY;
		else if (strcmp(arg, "secondary") == 0)
			cfg->process_type = RTE_PROC_SECONDARY;
		else if (strcmp(arg, "auto") == 0)
			cfg->process_type = RTE_PROC_AUTO;
		else
			return -EINVAL;
		return 0;
	case OPT_NO_PCI:
		cfg->pci.no_pci = true;
		return 0;
	case OPT_SIM:
		*why = "--sim option string too long";
		return copy_string(cfg->sim_options, sizeof(cfg->sim_options), arg);
	default:
		*why = "unknown option";
		return -EINVAL;
	}
}

/* Turn the lcore set into rte_config roles and lcore_config pinning. */
static int apply_lcores(struct lcore_set *set, bool have_lcores, long main_lcore)
{
	unsigned int count = 0;
	long first = -1;

	if (!have_lcores) {
		unsigned int ncpu = RTE_MIN(hal_cpu_count(), (unsigned int)RTE_MAX_LCORE);

		for (unsigned int i = 0; i < ncpu; i++) {
			set->on[i] = true;
			set->cpu[i] = (int)i;
		}
	}
	/* One clear for all (an empty cpuset is all zero bytes): under ASan
	 * each memset call checks its range's shadow first. */
	memset(lcore_config, 0, sizeof(lcore_config));
	for (unsigned int i = 0; i < RTE_MAX_LCORE; i++) {
		struct lcore_config *lc = &lcore_config[i];

		rte_config.lcore_role[i] = set->on[i] ? ROLE_RTE : ROLE_OFF;
		lc->core_index = set->on[i] ? count : (unsigned int)-1;
		if (!set->on[i])
			continue;
		if (first < 0)
			first = i;
		count++;
		CPU_SET(set->cpu[i], &lc->cpuset);
		lc->socket_id = hal_cpu_socket((unsigned int)set->cpu[i]);
	}
	if (count == 0) {
		RTE_LOG(ERR, EAL, "no lcore enabled\n");
		return -EINVAL;
	}
	if (main_lcore >= 0 && !set->on[main_lcore]) {
		RTE_LOG(ERR, EAL, "main lcore %ld is not in the lcore list\n", main_lcore);
		return -EINVAL;
	}
	rte_config.main_lcore = (uint32_t)(main_lcore >= 0 ? main_lcore : first);
	rte_config.lcore_count = count;
	return 0;
}

/*
 * Parse argv; returns the index of the last EAL argument (argv[ret] is then
 * the program name again, as DPDK leaves it), or a negative errno.
 * The lcore part needs the HAL (CPU count and sockets), so it is applied
 * later by eal_apply_lcores().
 */
static struct lcore_set parsed_lcores;
static bool parsed_have_lcores;
static long parsed_main_lcore;

int eal_parse_args(int argc, char **argv)
{
	const char *prgname = argc > 0 && argv[0] ? argv[0] : "rtemem";
	int opt, ret = 0;

	memset(&parsed_lcores, 0, sizeof(parsed_lcores));
	parsed_have_lcores = false;
	parsed_main_lcore = -1;
	optind = 0; /* glibc: restart scanning (EAL may be initialised again) */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, short_options, long_options, NULL)) != -1) {
		const char *why = "unknown option";

		if (opt == 'h' || opt == OPT_HELP) {
			eal_usage(prgname);
			return -EINVAL;
		}
		if (opt == 'v')
			continue;
		if (opt == '?' || opt == ':') {
			RTE_LOG(ERR, EAL, "%s: %s '%s'\n", prgname,
				opt == ':' ? "option needs a value:" : "unknown option",
				argv[optind - 1]);
			return -EINVAL;
		}
		ret = apply_option(opt, optarg, &internal_config, &parsed_lcores,
				   &parsed_have_lcores, &parsed_main_lcore, &why);
		if (ret < 0) {
			RTE_LOG(ERR, EAL, "%s: %s: '%s'\n", prgname, why, optarg ? optarg : "");
			return ret;
		}
	}
	if (internal_config.memory != 0 && internal_config.force_sockets) {
		RTE_LOG(ERR, EAL, "%s: -m and --socket-mem cannot be used together\n", prgname);
		return -EINVAL;
	}
	if (internal_config.process_type == RTE_PROC_SECONDARY &&
	    (internal_config.in_memory || internal_config.no_hugetlbfs)) {
		RTE_LOG(ERR, EAL, "%s: a secondary process needs the primary's shared files "
			"(no --in-memory, no --no-huge)\n", prgname);
		return -EINVAL;
	}
	if (internal_config.no_hugetlbfs && internal_config.force_sockets) {
		RTE_LOG(ERR, EAL, "%s: --socket-mem needs hugepages\n", prgname);
		return -EINVAL;
	}
	/* Leave argv[optind - 1] as the program name for the application. */
	if (optind > 0 && optind <= argc) {
		argv[optind - 1] = argv[0];
		ret = optind - 1;
	}
	return ret;
}

int eal_apply_lcores(void)
{
	return apply_lcores(&parsed_lcores, parsed_have_lcores, parsed_main_lcore);
}
