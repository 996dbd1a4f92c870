/* SPDX-License-Identifier: BSD-3-Clause
 * rte_eal_init / rte_eal_cleanup: bring the HAL up, map the shared memory
 * configuration, discover hugepages, create the memseg lists, preallocate
 * what -m / --socket-mem ask for, then the heaps, memzones and lcores.
 * A secondary process maps the primary's configuration and memory instead.
 * A failed init undoes everything it did, so it may simply be retried.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>

#include "eal_mp.h"
#include "eal_pci_list.h"
#include "ethdev_driver.h"
#include "eal_private.h"

struct internal_config internal_config;
struct rte_config rte_config;
struct lcore_config lcore_config[RTE_MAX_LCORE];

static bool initialized;
static bool init_running;
static size_t mcfg_len;

bool eal_is_initialized(void)
{
	return __atomic_load_n(&initialized, __ATOMIC_ACQUIRE); /* the IPC thread asks too */
}

enum rte_proc_type_t rte_eal_process_type(void)
{
	return rte_config.process_type;
}

enum rte_iova_mode rte_eal_iova_mode(void)
{
	return rte_config.iova_mode;
}

int rte_eal_has_hugepages(void)
{
	return !internal_config.no_hugetlbfs;
}

int rte_eal_has_pci(void)
{
	return !internal_config.pci.no_pci;
}

const char *rte_eal_get_runtime_dir(void)
{
	return hal_runtime_dir();
}

uint64_t rte_eal_get_baseaddr(void)
{
	return internal_config.base_virtaddr;
}

int rte_eal_primary_proc_alive(const char *config_file_path)
{
	RTE_SET_USED(config_file_path);
	if (!initialized)
		return 0;
	return rte_config.process_type == RTE_PROC_PRIMARY || hal_runtime_lock(false) == 0;
}

static rte_usage_hook_t usage_hook;

rte_usage_hook_t rte_set_application_usage_hook(rte_usage_hook_t usage_func)
{
	rte_usage_hook_t old = usage_hook;

	usage_hook = usage_func;
	return old;
}

/* The shared config: its own VA reservation, then the runtime file over it. */
static int mcfg_create(void)
{
	size_t pgsz = hal_base_page_size();
	void *va;

	mcfg_len = RTE_ALIGN_CEIL(sizeof(struct rte_mem_config), pgsz);
	va = hal_va_reserve(NULL, mcfg_len, pgsz);
	if (va == NULL)
		return -ENOMEM;
	if (hal_shm_map("config", mcfg_len, va, true) == NULL) {
		int err = errno ? -errno : -ENOMEM;

		hal_va_release(va, mcfg_len);
		return err;
	}
	rte_config.mem_config = va;
	if (!hal_shm_is_fresh()) /* a dead primary's file: start clean */
		memset(va, 0, sizeof(struct rte_mem_config));
	rte_config.mem_config->version = RTEMEM_MCFG_VERSION;
	rte_config.mem_config->mem_cfg_addr = (uintptr_t)va;
	rte_config.mem_config->nchannel = 1;
	rte_config.mem_config->nrank = 1;
	/* External memory gets socket ids no NUMA node can have. */
	rte_config.mem_config->next_socket_id = RTE_MAX_NUMA_NODES;
	return 0;
}

/* Unmap a config file; one that stays mapped is only logged (VA lost). */
static void shm_unmap_logged(void *addr, size_t len, const char *what)
{
	int ret = hal_shm_unmap(addr, len, false);

	if (ret < 0)
		RTE_LOG(ERR, EAL, "cannot unmap the %s file: %s\n", what, strerror(-ret));
}

/*
 * Secondary: read where the primary put its config, then map it at that
 * same address, since the config is full of pointers.
 */
static int mcfg_attach(void)
{
	size_t pgsz = hal_base_page_size();
	struct rte_mem_config *probe;
	uint64_t want;
	void *va;

	mcfg_len = RTE_ALIGN_CEIL(sizeof(struct rte_mem_config), pgsz);
	probe = hal_shm_map("config", mcfg_len, NULL, false);
	if (probe == NULL) {
		RTE_LOG(ERR, EAL, "secondary: cannot open the primary's config\n");
		return -ENOENT;
	}
	if (probe->version != RTEMEM_MCFG_VERSION) {
		RTE_LOG(ERR, EAL, "secondary: the primary's config comes from an incompatible "
			"build (version %u, this one %u)\n", probe->version, RTEMEM_MCFG_VERSION);
		shm_unmap_logged(probe, mcfg_len, "config");
		return -EPROTO;
	}
	if (probe->magic != RTE_MAGIC) {
		RTE_LOG(ERR, EAL, "secondary: the primary has not finished starting\n");
		shm_unmap_logged(probe, mcfg_len, "config");
		return -EAGAIN;
	}
	want = probe->mem_cfg_addr;
	shm_unmap_logged(probe, mcfg_len, "config");
	va = hal_va_reserve((void *)(uintptr_t)want, mcfg_len, pgsz);
	if (va != (void *)(uintptr_t)want) {
		hal_va_release(va, mcfg_len);
		RTE_LOG(ERR, EAL, "secondary: address %#llx of the primary's config is taken here\n",
			(unsigned long long)want);
		return -EADDRNOTAVAIL;
	}
	if (hal_shm_map("config", mcfg_len, va, false) == NULL) {
		hal_va_release(va, mcfg_len);
		return -ENOENT;
	}
	rte_config.mem_config = va;
	return 0;
}

static void mcfg_destroy(void)
{
	if (rte_config.mem_config == NULL)
		return;
	shm_unmap_logged(rte_config.mem_config, mcfg_len, "config");
	if (rte_config.process_type == RTE_PROC_PRIMARY) {
		hal_shm_unlink("config");
		hal_shm_unlink("hugepage_info");
	}
	rte_config.mem_config = NULL;
}

/* hugepage_info from the HAL: sizes that have pages on some socket. */
static int hugepage_info_init(void)
{
	struct hal_hugepage_type types[HAL_MAX_PAGE_SIZES];
	int n = hal_hugepage_types(types, HAL_MAX_PAGE_SIZES);

	internal_config.num_hugepage_sizes = 0;
	for (int i = 0; i < n; i++) {
		struct hugepage_info *hpi =
			&internal_config.hugepage_info[internal_config.num_hugepage_sizes];
		uint64_t total = 0;

		for (unsigned int s = 0; s < RTE_MAX_NUMA_NODES; s++)
			total += types[i].num_pages[s];
		if (total == 0)
			continue;
		hpi->hugepage_sz = types[i].page_sz;
		memcpy(hpi->num_pages, types[i].num_pages, sizeof(hpi->num_pages));
		snprintf(hpi->hugedir, sizeof(hpi->hugedir), "%s", internal_config.hugepage_dir);
		internal_config.num_hugepage_sizes++;
	}
	if (internal_config.num_hugepage_sizes == 0) {
		RTE_LOG(ERR, EAL, "no hugepages available (reserve some, or use --no-huge)\n");
		return -EACCES;
	}
	return 0;
}

/*
 * DPDK's hugepage_info runtime file: what the primary found, so that a
 * secondary uses the same page sizes instead of probing the machine again.
 */
struct hugepage_info_file {
	uint32_t num_sizes;
	struct hugepage_info info[MAX_HUGEPAGE_SIZES];
};

static int hugepage_info_share(void)
{
	size_t len = RTE_ALIGN_CEIL(sizeof(struct hugepage_info_file), hal_base_page_size());
	bool primary = rte_config.process_type == RTE_PROC_PRIMARY;
	struct hugepage_info_file *f;

	if (internal_config.in_memory)
		return primary ? hugepage_info_init() : -EINVAL;
	if (primary) {
		int ret = hugepage_info_init();

		if (ret < 0)
			return ret;
	}
	f = hal_shm_map("hugepage_info", len, NULL, primary);
	if (f == NULL) {
		RTE_LOG(ERR, EAL, "cannot map the hugepage_info file\n");
		return -ENOENT;
	}
	if (primary) {
		f->num_sizes = internal_config.num_hugepage_sizes;
		memcpy(f->info, internal_config.hugepage_info, sizeof(f->info));
	} else {
		internal_config.num_hugepage_sizes = RTE_MIN(f->num_sizes, (uint32_t)MAX_HUGEPAGE_SIZES);
		memcpy(internal_config.hugepage_info, f->info, sizeof(f->info));
	}
	shm_unmap_logged(f, len, "hugepage_info");
	return 0;
}

static int numa_init(void)
{
	unsigned int n = hal_socket_count();

	if (n == 0 || n > RTE_MAX_NUMA_NODES)
		return -EINVAL;
	rte_config.numa_node_count = n;
	for (unsigned int i = 0; i < n; i++)
		rte_config.numa_nodes[i] = i;
	return 0;
}

static bool pci_wanted(const struct hal_pci_addr *addr, void *arg)
{
	return eal_pci_list_allows(arg, addr);
}

/*
 * No --iova-mode: as DPDK 22.11, the devices decide first (uio and vfio
 * without an IOMMU need physical addresses); if none does, VA when an
 * IOMMU is there or physical addresses are not, PA otherwise. RTE_IOVA_DC
 * when the devices need PA and there is none.
 */
static enum rte_iova_mode iova_mode_auto(void)
{
	enum hal_iova_pref pref = HAL_IOVA_ANY;

	if (!internal_config.pci.no_pci)
		pref = hal_pci_iova_pref(pci_wanted, &internal_config.pci);
	if (pref == HAL_IOVA_PA && !hal_iova_is_pa()) {
		RTE_LOG(ERR, EAL,
			"a device bound to uio or to vfio without an IOMMU needs physical addresses, which this process cannot read (run as root, or bind it to vfio-pci with an IOMMU)\n");
		return RTE_IOVA_DC;
	}
	if (pref == HAL_IOVA_PA)
		return RTE_IOVA_PA;
	if (pref == HAL_IOVA_VA || !hal_iova_is_pa())
		return RTE_IOVA_VA;
	return RTE_IOVA_PA;
}

static int iova_mode_init(void)
{
	enum rte_iova_mode mode = internal_config.iova_mode;

	if (rte_config.process_type == RTE_PROC_SECONDARY) {
		/* The primary chose; a secondary can only agree. */
		enum rte_iova_mode primary_mode = rte_config.mem_config->iova_mode;

		if (mode != RTE_IOVA_DC && mode != primary_mode) {
			RTE_LOG(ERR, EAL, "secondary: --iova-mode differs from the primary's\n");
			return -EINVAL;
		}
		rte_config.iova_mode = primary_mode;
		hal_set_iova_as_va(primary_mode == RTE_IOVA_VA);
		return 0;
	}
	if (internal_config.no_hugetlbfs) {
		if (mode == RTE_IOVA_PA) {
			RTE_LOG(ERR, EAL, "--iova-mode=pa needs hugepages\n");
			return -EINVAL;
		}
		mode = RTE_IOVA_VA;
	} else if (mode == RTE_IOVA_DC) {
		mode = iova_mode_auto();
		if (mode == RTE_IOVA_DC)
			return -EINVAL;
	} else if (mode == RTE_IOVA_PA && !hal_iova_is_pa()) {
		RTE_LOG(ERR, EAL, "--iova-mode=pa: physical addresses are not available\n");
		return -EINVAL;
	}
	rte_config.iova_mode = mode;
	rte_config.mem_config->iova_mode = mode;
	hal_set_iova_as_va(mode == RTE_IOVA_VA);
	return 0;
}

/* Undo whatever part of init got done; safe on a half-built state. */
static void eal_teardown(bool lcores_up)
{
	eal_mp_stop();
	if (lcores_up)
		eal_lcores_stop();
	if (rte_config.mem_config != NULL) {
		eth_dev_cleanup_all(); /* ports still open give their memory back */
		if (rte_config.process_type == RTE_PROC_SECONDARY) {
			eal_mp_detach_memory();
		} else {
			eal_memzone_cleanup();
			malloc_heap_cleanup();
			eal_memory_cleanup();
		}
	}
	mcfg_destroy();
	hal_runtime_unlock();
	hal_cleanup();
	memset(&rte_config, 0, sizeof(rte_config));
}

static int hal_up(bool secondary)
{
	struct hal_config hc = {
		.file_prefix = internal_config.file_prefix,
		.huge_dir = internal_config.hugepage_dir[0] ? internal_config.hugepage_dir : NULL,
		.sim_options = internal_config.sim_options,
		.in_memory = internal_config.in_memory,
		.no_huge = internal_config.no_hugetlbfs,
		.secondary = secondary,
		.base_virtaddr = internal_config.base_virtaddr,
	};

	rte_config.process_type = secondary ? RTE_PROC_SECONDARY : RTE_PROC_PRIMARY;
	return hal_init(&hc);
}

/*
 * Bring the HAL up as the right process type and claim the runtime
 * directory: one primary per file prefix; a secondary needs a live primary.
 * --proc-type=auto becomes a secondary when a primary holds the prefix.
 */
static int process_start(void)
{
	enum rte_proc_type_t want = internal_config.process_type;
	int ret = hal_up(want == RTE_PROC_SECONDARY);

	if (ret == -ENOENT && want == RTE_PROC_SECONDARY)
		RTE_LOG(ERR, EAL, "no primary process is running with file prefix '%s'\n",
			internal_config.file_prefix);
	if (ret < 0)
		return ret;
	ret = hal_runtime_lock(rte_config.process_type == RTE_PROC_PRIMARY);
	if (ret == -EBUSY && want == RTE_PROC_AUTO) {
		hal_cleanup();
		ret = hal_up(true);
		if (ret < 0)
			return ret;
		ret = hal_runtime_lock(false);
	}
	if (ret == -EBUSY)
		RTE_LOG(ERR, EAL, "another primary process is running with file prefix '%s'\n",
			internal_config.file_prefix);
	else if (ret == -ENOENT)
		RTE_LOG(ERR, EAL, "no primary process is running with file prefix '%s'\n",
			internal_config.file_prefix);
	if (ret < 0) {
		hal_cleanup();
		return ret;
	}
	if (rte_config.process_type == RTE_PROC_PRIMARY) {
		ret = hal_remove_stale_files();
		if (ret < 0) {
			hal_runtime_unlock();
			hal_cleanup();
			return ret;
		}
	}
	return 0;
}

/* Primary: build memory. Secondary: map the primary's. 0 or -errno. */
static int memory_start(void)
{
	int ret;

	if (rte_config.process_type == RTE_PROC_SECONDARY) {
		/* As DPDK does, no page comes or goes while a secondary maps
		 * the primary's: a slot marked used whose file is not there
		 * yet, or is being removed, would fail the map. */
		rte_mcfg_mem_read_lock();
		ret = eal_mp_attach_memory();
		rte_mcfg_mem_read_unlock();
		return ret;
	}
	ret = eal_memseg_lists_init();
	if (ret == 0)
		ret = eal_memory_prealloc();
	if (ret == 0)
		ret = malloc_heap_init();
	if (ret == 0)
		ret = eal_memzone_init();
	return ret;
}

/* rte_eal_init's failure: err is a positive errno. */
static int fail(int err, const char *what)
{
	if (what != NULL)
		RTE_LOG(ERR, EAL, "%s\n", what);
	rte_errno = err;
	return -1;
}

int rte_eal_init(int argc, char **argv)
{
	bool primary;
	int nargs, ret;

	if (initialized || init_running)
		return fail(EALREADY, "EAL already initialised");
	init_running = true;
	eal_reset_internal_config(&internal_config);
	memset(&rte_config, 0, sizeof(rte_config));
	nargs = eal_parse_args(argc, argv);
	if (nargs < 0) {
		init_running = false;
		if (usage_hook != NULL && argc > 0)
			usage_hook(argv[0]);
		return fail(-nargs, NULL);
	}
	if (internal_config.no_hugetlbfs && internal_config.memory == 0)
		internal_config.memory = 64UL << 20; /* DPDK's --no-huge default */

	ret = process_start();
	if (ret < 0) {
		init_running = false;
		return fail(-ret, "cannot initialise the HAL");
	}
	primary = rte_config.process_type == RTE_PROC_PRIMARY;
	eal_timer_init();
	ret = eal_apply_lcores();
	if (ret == 0)
		ret = numa_init();
	if (ret == 0)
		ret = primary ? mcfg_create() : mcfg_attach();
	if (ret == 0 && !primary && !eal_mp_enable()) {
		RTE_LOG(ERR, EAL, "the primary process refuses secondaries (rte_mp_disable)\n");
		ret = -EPERM;
	}
	if (ret == 0)
		ret = hugepage_info_share();
	if (ret == 0)
		ret = iova_mode_init();
	if (ret < 0) {
		eal_teardown(false);
		init_running = false;
		return fail(-ret, "cannot set up the memory configuration");
	}
	ret = memory_start();
	if (ret == 0)
		ret = eal_mp_start();
	if (ret < 0) {
		eal_teardown(false);
		init_running = false;
		return fail(-ret, "cannot initialise memory");
	}
	RTE_PER_LCORE(_lcore_id) = rte_config.main_lcore;
	ret = eal_lcores_start();
	if (ret < 0) {
		eal_teardown(true);
		init_running = false;
		return fail(-ret, "cannot start lcore threads");
	}
	if (primary)
		rte_config.mem_config->magic = RTE_MAGIC;
	__atomic_store_n(&initialized, true, __ATOMIC_RELEASE);
	init_running = false;
	return nargs;
}

int rte_eal_cleanup(void)
{
	if (!initialized) {
		rte_errno = EALREADY;
		return -1;
	}
	eal_teardown(true);
	RTE_PER_LCORE(_lcore_id) = LCORE_ID_ANY;
	__atomic_store_n(&initialized, false, __ATOMIC_RELEASE);
	return 0;
}
