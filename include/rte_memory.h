/* SPDX-License-Identifier: BSD-3-Clause
 * Memory segments: each mapped hugepage is one rte_memseg, kept in the
 * fbarray of the memseg list whose reserved VA range it lives in.
 */
#ifndef RTEMEM_RTE_MEMORY_H
#define RTEMEM_RTE_MEMORY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_bitops.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_fbarray.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_PGSIZE_4K (1ULL << 12)
#define RTE_PGSIZE_64K (1ULL << 16)
#define RTE_PGSIZE_256K (1ULL << 18)
#define RTE_PGSIZE_2M (1ULL << 21)
#define RTE_PGSIZE_16M (1ULL << 24)
#define RTE_PGSIZE_256M (1ULL << 28)
#define RTE_PGSIZE_512M (1ULL << 29)
#define RTE_PGSIZE_1G (1ULL << 30)
#define RTE_PGSIZE_4G (1ULL << 32)
#define RTE_PGSIZE_16G (1ULL << 34)

#define SOCKET_ID_ANY -1

#define RTE_MEMSEG_FLAG_DO_NOT_FREE RTE_BIT32(0) /* allocated at init, never freed */
#define RTE_MEMSEG_FLAG_DIRTY RTE_BIT32(1)       /* may hold stale data */

struct rte_memseg {
	rte_iova_t iova;
	RTE_STD_C11 union {
		void *addr;
		uint64_t addr_64;
	};
	size_t len;
	uint64_t hugepage_sz;
	int32_t socket_id;
	uint32_t nchannel;
	uint32_t nrank;
	uint32_t flags;
} __rte_packed;

struct rte_memseg_list {
	RTE_STD_C11 union {
		void *base_va;
		uint64_t addr_64;
	};
	uint64_t page_sz;
	int socket_id;
	volatile uint32_t version; /* bumped on every change, for other processes */
	size_t len;                /* bytes of VA reserved */
	unsigned int external;
	unsigned int heap;         /* pages of this list feed a malloc heap */
	struct rte_fbarray memseg_arr;
};

phys_addr_t rte_mem_virt2phy(const void *virt);
rte_iova_t rte_mem_virt2iova(const void *virt);
void *rte_mem_iova2virt(rte_iova_t iova);
struct rte_memseg *rte_mem_virt2memseg(const void *virt, const struct rte_memseg_list *msl);
struct rte_memseg_list *rte_mem_virt2memseg_list(const void *virt);

/* Walk callbacks: return 0 to go on, 1 to stop, -1 to stop with an error. */
typedef int (*rte_memseg_walk_t)(const struct rte_memseg_list *msl,
				 const struct rte_memseg *ms, void *arg);
typedef int (*rte_memseg_contig_walk_t)(const struct rte_memseg_list *msl,
					const struct rte_memseg *ms, size_t len, void *arg);
typedef int (*rte_memseg_list_walk_t)(const struct rte_memseg_list *msl, void *arg);

int rte_memseg_walk(rte_memseg_walk_t func, void *arg);
int rte_memseg_contig_walk(rte_memseg_contig_walk_t func, void *arg);
int rte_memseg_list_walk(rte_memseg_list_walk_t func, void *arg);
int rte_memseg_walk_thread_unsafe(rte_memseg_walk_t func, void *arg);
int rte_memseg_contig_walk_thread_unsafe(rte_memseg_contig_walk_t func, void *arg);
int rte_memseg_list_walk_thread_unsafe(rte_memseg_list_walk_t func, void *arg);

/*
 * Memory events: callbacks hear of pages the heaps map (ALLOC, after) and
 * unmap (FREE, before), with the hotplug lock held, so they must not
 * allocate. A callback is known by its name and arg together.
 */
enum rte_mem_event {
	RTE_MEM_EVENT_ALLOC = 0,
	RTE_MEM_EVENT_FREE,
};

#define RTE_MEM_EVENT_CALLBACK_NAME_LEN 64
typedef void (*rte_mem_event_callback_t)(enum rte_mem_event event_type, const void *addr,
					 size_t len, void *arg);
int rte_mem_event_callback_register(const char *name, rte_mem_event_callback_t clb, void *arg);
int rte_mem_event_callback_unregister(const char *name, void *arg);

/*
 * Allocation validators: before a heap on socket_id grows to new_len
 * bytes, at or above limit, clb may refuse it (return -1) and the
 * allocation fails. Known by name and socket together.
 */
#define RTE_MEM_ALLOC_VALIDATOR_NAME_LEN 64
typedef int (*rte_mem_alloc_validator_t)(int socket_id, size_t cur_limit, size_t new_len);
int rte_mem_alloc_validator_register(const char *name, rte_mem_alloc_validator_t clb,
				     int socket_id, size_t limit);
int rte_mem_alloc_validator_unregister(const char *name, int socket_id);

/*
 * The file behind a memseg's page (one file per page, offset 0); the
 * descriptor stays EAL's. -1 with rte_errno: EINVAL (not a memseg),
 * ENOENT (unused), ENODEV (no file for it), ENOTSUP (no files at all).
 */
int rte_memseg_get_fd(const struct rte_memseg *ms);
int rte_memseg_get_fd_thread_unsafe(const struct rte_memseg *ms);
int rte_memseg_get_fd_offset(const struct rte_memseg *ms, size_t *offset);
int rte_memseg_get_fd_offset_thread_unsafe(const struct rte_memseg *ms, size_t *offset);

/* mlock the base page holding virt: 0, or -1 with rte_errno. */
int rte_mem_lock_page(const void *virt);

/*
 * Does every memseg's IOVA fit in maskbits bits? 0 (and the mask is kept:
 * later heap growth must fit the narrowest kept), 1 if not, -1 if maskbits
 * is over 63. set_dma_mask keeps a mask without checking.
 */
int rte_mem_check_dma_mask(uint8_t maskbits);
int rte_mem_check_dma_mask_thread_unsafe(uint8_t maskbits);
void rte_mem_set_dma_mask(uint8_t maskbits);

/*
 * External memory the application mapped itself, page_sz aligned: a memseg
 * list of its own (iova_addrs may be NULL: RTE_BAD_IOVA), with a socket id
 * beyond every NUMA node. Other processes attach/detach that list.
 */
int rte_extmem_register(void *va_addr, size_t len, rte_iova_t iova_addrs[], unsigned int n_pages,
			size_t page_sz);
int rte_extmem_unregister(void *va_addr, size_t len);
int rte_extmem_attach(void *va_addr, size_t len);
int rte_extmem_detach(void *va_addr, size_t len);

void rte_dump_physmem_layout(FILE *f);
uint64_t rte_eal_get_physmem_size(void);
unsigned int rte_memory_get_nchannel(void);
unsigned int rte_memory_get_nrank(void);
int rte_eal_using_phys_addrs(void);

#ifdef __cplusplus
}
#endif

#endif
