/* SPDX-License-Identifier: BSD-3-Clause
 * hal.h on the simulated machine: hugepages come from sim/'s per-socket
 * pools (backed by ordinary anonymous memory at the requested VA), physical
 * addresses are the pool's shuffled ones, and every operation passes the
 * fault injector first.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <rte_log.h>

#include "hal.h"
#include "hal_sim_runtime.h"
#include "sim_machine.h"

static struct hal_config hal_cfg;

const char *hal_name(void)
{
	return "sim";
}

int hal_init(const struct hal_config *cfg)
{
	struct sim_config sc;
	int ret;

	hal_cfg = *cfg;
	sim_config_default(&sc);
	ret = sim_config_parse(&sc, cfg->sim_options);
	if (ret < 0)
		return ret;
	ret = hal_runtime_init(cfg->file_prefix, cfg->in_memory);
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "cannot create runtime directory: %s\n", strerror(-ret));
		return ret;
	}
	ret = sim_machine_init(&sc);
	if (ret < 0)
		hal_runtime_cleanup();
	return ret;
}

void hal_cleanup(void)
{
	sim_machine_cleanup();
	hal_runtime_cleanup();
}

size_t hal_base_page_size(void)
{
	return sim_machine_config()->profile.base_page_sz;
}

unsigned int hal_socket_count(void)
{
	return sim_machine_config()->sockets;
}

int hal_hugepage_types(struct hal_hugepage_type *types, int max)
{
	const struct sim_config *cfg = sim_machine_config();

	if (max < 1)
		return 0;
	memset(&types[0], 0, sizeof(types[0]));
	if (hal_cfg.no_huge) {
		/* --no-huge: plain base pages, as many as -m asks for. */
		types[0].page_sz = cfg->profile.base_page_sz;
		types[0].num_pages[0] = UINT32_MAX;
		return 1;
	}
	types[0].page_sz = cfg->profile.hugepage_sz;
	for (unsigned int s = 0; s < cfg->sockets; s++)
		types[0].num_pages[s] = sim_pool_free_pages((int)s);
	return 1;
}

unsigned int hal_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (unsigned int)n : 1;
}

/* CPUs are the host's; they are spread round-robin over the sim sockets. */
unsigned int hal_cpu_socket(unsigned int cpu)
{
	return cpu % sim_machine_config()->sockets;
}

bool hal_iova_is_pa(void)
{
	return !hal_cfg.no_huge;
}

void *hal_va_reserve(void *hint, size_t len, size_t align)
{
	if (sim_fault_hit(SIM_OP_VA_RESERVE)) {
		errno = ENOMEM;
		return NULL;
	}
	return hal_common_va_reserve(hint, len, align);
}

int hal_page_map(void *va, size_t page_sz, int socket, int list_idx, int seg_idx)
{
	rte_iova_t phys;
	void *got;

	RTE_SET_USED(list_idx);
	RTE_SET_USED(seg_idx);
	if (sim_fault_hit(SIM_OP_PAGE_MAP))
		return -ENOMEM;
	if (hal_cfg.no_huge) {
		got = mmap(va, page_sz, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		return got == MAP_FAILED ? -errno : 0;
	}
	if (page_sz != sim_machine_config()->profile.hugepage_sz)
		return -EINVAL;
	if (sim_pool_take(socket, va, &phys) < 0)
		return -ENOMEM;
	got = mmap(va, page_sz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (got == MAP_FAILED) {
		int err = -errno;

		sim_pool_give_back(va);
		return err;
	}
	return 0;
}

int hal_page_unmap(void *va, size_t page_sz, int list_idx, int seg_idx)
{
	void *got;

	RTE_SET_USED(list_idx);
	RTE_SET_USED(seg_idx);
	/* Put the reservation back over the page; the memory goes with it. */
	got = mmap(va, page_sz, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
		   -1, 0);
	if (got == MAP_FAILED)
		return -errno;
	if (hal_cfg.no_huge)
		return 0;
	return sim_pool_give_back(va);
}

rte_iova_t hal_virt2iova(const void *va)
{
	if (sim_fault_hit(SIM_OP_VIRT2IOVA))
		return RTE_BAD_IOVA;
	if (hal_cfg.no_huge)
		return (rte_iova_t)(uintptr_t)va;
	return sim_pool_virt2phys(va);
}

void *hal_shm_map(const char *name, size_t len, void *addr, bool create)
{
	if (create && sim_fault_hit(SIM_OP_SHM_CREATE)) {
		errno = ENOSPC;
		return NULL;
	}
	return hal_common_shm_map(name, len, addr, create);
}

void hal_set_iova_as_va(bool iova_as_va)
{
	sim_dma_set_iova_as_va(iova_as_va);
}
