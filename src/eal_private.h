/* SPDX-License-Identifier: BSD-3-Clause
 * EAL state private to rtemem: the parsed command line (internal_config),
 * the process-wide rte_config, lcore bookkeeping, and entry points that
 * one EAL module offers the others.
 */
#ifndef RTEMEM_EAL_PRIVATE_H
#define RTEMEM_EAL_PRIVATE_H

#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_launch.h>
#include <rte_memory.h>

#include "eal_memcfg.h"
#include "eal_pci_list.h"
#include "hal.h"

#define MAX_HUGEPAGE_SIZES HAL_MAX_PAGE_SIZES

/* One hugepage size, as found at start-up (DPDK's struct hugepage_info). */
struct hugepage_info {
	uint64_t hugepage_sz;
	char hugedir[PATH_MAX];
	uint32_t num_pages[RTE_MAX_NUMA_NODES];
};

struct internal_config {
	size_t memory;                      /* -m, bytes; 0 = none preallocated */
	uint64_t socket_mem[RTE_MAX_NUMA_NODES]; /* --socket-mem, bytes */
	bool force_sockets;                 /* --socket-mem was given */
	bool no_hugetlbfs;                  /* --no-huge */
	bool in_memory;                     /* --in-memory */
	bool legacy_mem;                    /* not supported; always false */
	enum rte_proc_type_t process_type;  /* --proc-type */
	enum rte_iova_mode iova_mode;       /* --iova-mode; DC = let EAL pick */
	uint64_t base_virtaddr;             /* --base-virtaddr */
	char hugepage_dir[PATH_MAX];        /* --huge-dir */
	char file_prefix[64];               /* --file-prefix */
	char sim_options[512];              /* --sim */
	char mbuf_pool_ops[32];             /* --mbuf-pool-ops-name ("" if not given) */
	struct eal_pci_list pci;            /* -a, -b, --no-pci */
	unsigned int num_hugepage_sizes;
	struct hugepage_info hugepage_info[MAX_HUGEPAGE_SIZES];
};

/* Per-lcore bookkeeping (threads are started by eal_lcore.c). */
struct lcore_config {
	pthread_t thread_id;
	bool thread_started;
	unsigned int socket_id;
	unsigned int core_index;  /* 0..lcore_count-1, -1 when disabled */
	rte_cpuset_t cpuset;
	lcore_function_t *volatile f;
	void *volatile arg;
	volatile int ret;
	volatile enum rte_lcore_state_t state;
};

struct rte_config {
	uint32_t main_lcore;
	uint32_t lcore_count;
	uint32_t numa_node_count;
	uint32_t numa_nodes[RTE_MAX_NUMA_NODES];
	enum rte_lcore_role_t lcore_role[RTE_MAX_LCORE];
	enum rte_proc_type_t process_type;
	enum rte_iova_mode iova_mode;
	struct rte_mem_config *mem_config;
};

extern struct internal_config internal_config;
extern struct rte_config rte_config;
extern struct lcore_config lcore_config[RTE_MAX_LCORE];

static inline struct rte_mem_config *eal_mcfg(void)
{
	return rte_config.mem_config;
}

/* eal_options.c: fill internal_config and lcore roles from argv. */
void eal_reset_internal_config(struct internal_config *cfg);
int eal_parse_args(int argc, char **argv);
int eal_apply_lcores(void); /* after hal_init: needs CPU and socket facts */
void eal_timer_init(void);  /* rte_get_tsc_hz() from the HAL */
void eal_usage(const char *prgname);

/*
 * Internal functions (not rte_*) return 0 (or a count) on success and
 * -errno on failure, and leave rte_errno alone: only the rte_* entry point
 * that calls them sets it, from that value.
 */

/* eal_lcore.c */
int eal_lcores_start(void);  /* one pinned thread per worker lcore */
void eal_lcores_stop(void);  /* join them */

/* eal_memory.c: memseg lists and preallocation. */
int eal_memseg_lists_init(void);
int eal_memory_prealloc(void);
void eal_memory_cleanup(void);

/*
 * eal_memalloc.c: pages into memseg lists. alloc_seg_bulk returns how many
 * pages it mapped (n_segs when exact) or -errno (-ENOMEM: no room; a HAL
 * or IPC error as it came); alloc_seg is one page or NULL; free_seg and
 * free_seg_bulk (its first error, after trying every page) 0 or -errno.
 */
int eal_memalloc_alloc_seg_bulk(struct rte_memseg **ms, int n_segs, size_t page_sz,
				int socket, bool exact);
struct rte_memseg *eal_memalloc_alloc_seg(size_t page_sz, int socket);
int eal_memalloc_free_seg(struct rte_memseg *ms);
int eal_memalloc_free_seg_bulk(struct rte_memseg **ms, int n_segs);
/* Teardown: unmap every page of a list, preallocated ones too, whose VA the
 * caller releases next (primary). */
void eal_memalloc_free_list(struct rte_memseg_list *msl);

/* fbarray.c: are elements first..last all used? (false for a bad range) */
bool eal_fbarray_all_used(struct rte_fbarray *arr, unsigned int first, unsigned int last);

/* eal_memseg.c: is every page of msl that [va, va + len) touches mapped?
 * One lock for the whole range, so rte_free's pointer checks stay cheap. */
bool eal_memseg_range_mapped(const struct rte_memseg_list *msl, const void *va, size_t len);

/*
 * eal_extmem.c: memory the application mapped, as an external memseg list.
 * args_ok: the arguments rte_extmem_register and rte_malloc_heap_memory_add
 * share are valid. With the hotplug lock held for writing, create describes
 * [va, va + len) in a free list slot: socket < 0 for plain external memory
 * (a new socket id), else that of the heap it goes to (heap = 1); 0,
 * -EEXIST (overlaps a list), -ENOSPC (no slot or socket id) or the fbarray's
 * error, nothing changed. find: the list of that kind describing exactly
 * the area (any hotplug lock held). destroy: drop a list (write lock).
 * sync: attach or detach the list's fbarray in this process (read lock).
 */
bool eal_extmem_args_ok(const void *va, size_t len, const rte_iova_t *iovas, unsigned int n_pages,
		       size_t page_sz);
int eal_extmem_create(void *va, size_t len, const rte_iova_t *iovas, size_t page_sz, int socket,
		      struct rte_memseg_list **out);
struct rte_memseg_list *eal_extmem_find(void *va, size_t len, bool heap);
void eal_extmem_destroy(struct rte_memseg_list *msl);
int eal_extmem_sync(struct rte_memseg_list *msl, bool attach);

/* eal_memzone.c */
int eal_memzone_init(void);
void eal_memzone_cleanup(void);

/* True once rte_eal_init succeeded and until rte_eal_cleanup. */
bool eal_is_initialized(void);

#endif
