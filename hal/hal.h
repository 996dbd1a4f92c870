/* SPDX-License-Identifier: BSD-3-Clause
 * The hardware abstraction layer: the only door from rtemem's core to the OS
 * and the hardware. hal/sim implements it on a simulated machine (sim/),
 * hal/linux on real hugetlbfs, /proc/self/pagemap and sysfs; the build picks
 * one (make HAL=sim|linux). Core code never calls mmap, open or a BAR itself.
 *
 * Conventions: functions returning int give 0 (or a count) on success and a
 * negative errno on failure; functions returning a pointer give NULL and set
 * errno. Nothing here touches rte_errno: the caller translates.
 */
#ifndef RTEMEM_HAL_H
#define RTEMEM_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_config.h>

#define HAL_MAX_PAGE_SIZES 4
#define HAL_PATH_MAX 4096

/* What EAL hands the HAL at start-up, filled from the command line. */
struct hal_config {
	const char *file_prefix;  /* "rte" by default */
	const char *huge_dir;     /* NULL: first hugetlbfs mount found */
	const char *sim_options;  /* --sim=...; the linux HAL refuses it */
	bool in_memory;           /* no shared files at all */
	bool no_huge;             /* base pages, IOVA as VA */
	bool secondary;           /* attach to an existing primary */
	uint64_t base_virtaddr;   /* --base-virtaddr: where reservations start */
};

/* One hugepage size and how many pages of it each socket offers. */
struct hal_hugepage_type {
	uint64_t page_sz;
	unsigned int num_pages[RTE_MAX_NUMA_NODES];
};

int hal_init(const struct hal_config *cfg);
void hal_cleanup(void);
const char *hal_name(void); /* "sim" or "linux" */

/* --- machine facts --------------------------------------------------- */

size_t hal_base_page_size(void);
unsigned int hal_socket_count(void);
/* Fills up to max types, smallest page size first; returns how many. */
int hal_hugepage_types(struct hal_hugepage_type *types, int max);
/* NUMA socket of a CPU, 0 when unknown. */
unsigned int hal_cpu_socket(unsigned int cpu);
unsigned int hal_cpu_count(void);
/* True when virt2iova returns physical addresses (PA mode is possible). */
bool hal_iova_is_pa(void);
/* Tell the HAL (and device DMA) whether IO addresses are VAs (IOVA as VA). */
void hal_set_iova_as_va(bool iova_as_va);

/* --- virtual address space ------------------------------------------- */

/*
 * Reserve len bytes of address space (no access, no backing), aligned to
 * align, at hint if hint is not NULL and that range is free.
 */
void *hal_va_reserve(void *hint, size_t len, size_t align);
/* Give a reserved range back (mapped pages inside it are dropped too). */
void hal_va_release(void *va, size_t len);

/* --- pages ----------------------------------------------------------- */

/*
 * Back the page_sz bytes at va (inside a reserved range, page_sz aligned)
 * with one hugepage of that size from the given socket. list_idx/seg_idx
 * name the page (hugepage file name on Linux). Returns 0 or -errno
 * (-ENOMEM when the socket has no free page of that size).
 */
int hal_page_map(void *va, size_t page_sz, int socket, int list_idx, int seg_idx);
/* Drop the page at va, leaving the range reserved again. */
int hal_page_unmap(void *va, size_t page_sz, int list_idx, int seg_idx);
/*
 * hal_page_unmap for a page whose whole range is released next
 * (hal_va_release): the page's VA is not reserved again, which would cost
 * a remap per page only to be unmapped with the range.
 */
int hal_page_release(void *va, size_t page_sz, int list_idx, int seg_idx);
/* Physical/IO address of va, or RTE_BAD_IOVA. */
rte_iova_t hal_virt2iova(const void *va);
/*
 * Secondary process: map at va the page the primary mapped for (list_idx,
 * seg_idx); detach drops this process's mapping only (the range stays
 * reserved, the page stays the primary's). 0 or -errno.
 */
int hal_page_attach(void *va, size_t page_sz, int list_idx, int seg_idx);
int hal_page_detach(void *va, size_t page_sz);
/*
 * A descriptor of the file backing the page of (list_idx, seg_idx), which
 * this process has mapped. The HAL keeps it open until the page goes (or
 * hal_cleanup): the caller must not close it. -ENOTSUP when no page has a
 * file (in-memory), -ENODEV when this one has none (--no-huge).
 */
int hal_page_fd(size_t page_sz, int list_idx, int seg_idx);
/* Keep the pages of [va, va + len) resident (mlock). 0 or -errno. */
int hal_mem_lock(const void *va, size_t len);

/* --- anonymous memory ----------------------------------------------- */

/*
 * len bytes of zeroed read-write memory backed by no file, aligned to
 * hal_base_page_size(), for objects that need no hugepage (mempool
 * populate_anon). Linux locks it in RAM (mlock; -ENOMEM/-EPERM past
 * RLIMIT_MEMLOCK), as DPDK does; the sim has no RAM to lock it in. NULL with
 * errno set on failure.
 */
void *hal_anon_map(size_t len);
/* Give back what hal_anon_map returned, with the same len; 0 or -errno
 * (munmap can fail with ENOMEM splitting a mapping): it stays mapped. */
int hal_anon_unmap(void *va, size_t len);

/* --- shared runtime files -------------------------------------------- */

/* The runtime directory (created on demand); "" when in-memory. */
const char *hal_runtime_dir(void);
/*
 * Map the runtime file "name" (len bytes, created and sized if create) at
 * addr (MAP_FIXED, addr must be reserved) or anywhere if addr is NULL.
 * With in_memory the mapping is anonymous and private. Returns the address.
 * A file that exists keeps its bytes; the caller clears what it creates,
 * unless hal_shm_is_fresh() says the mapping is new memory, all zero.
 */
void *hal_shm_map(const char *name, size_t len, void *addr, bool create);
/* In memory, every hal_shm_map(create) is fresh anonymous memory: zero. */
static inline bool hal_shm_is_fresh(void)
{
	return hal_runtime_dir()[0] == '\0';
}
/* Unmap; with addr inside a reservation, the range stays reserved. 0 or
 * -errno (as munmap's ENOMEM): the mapping is then left as it was. */
int hal_shm_unmap(void *addr, size_t len, bool keep_reserved);
int hal_shm_unlink(const char *name);

/* --- processes ---------------------------------------------------------- */

/* The calling thread's kernel id (rte_sys_gettid). */
int hal_thread_id(void);
/*
 * Whether the thread with kernel id tid (any process) may still run: false
 * once it has exited, even while its process is an unreaped zombie. A
 * thread we may not look at counts as alive. Shared locks use it to find
 * an owner that died holding them.
 */
bool hal_thread_alive(int tid);
/*
 * Whether the thread with kernel id tid is one of process pid's. The
 * primary asks it of a lock's holder before it serves a request that
 * claims to hold that lock (src/eal_mp.c).
 */
bool hal_thread_in_process(int tid, int pid);
/* Write the calling thread's stack to f (rte_dump_stack). */
void hal_dump_stack(FILE *f);

/* --- time --------------------------------------------------------------- */

/* Ticks per second of the counter rte_rdtsc() reads (measured once). */
uint64_t hal_tsc_hz(void);
/* Sleep at least us microseconds, giving the CPU away. */
void hal_sleep_us(unsigned int us);

/*
 * Claim the runtime directory. A primary takes an exclusive lock held for
 * its lifetime (-EBUSY if another live primary holds it; files a dead one
 * left are stale and may be reclaimed). A secondary only checks that a live
 * primary holds it (-ENOENT otherwise). Released by hal_cleanup.
 */
int hal_runtime_lock(bool primary);
void hal_runtime_unlock(void);
/*
 * A primary holding the lock removes the hugepage files a dead one left
 * (the sim also writes the machine secondaries are to build). 0 or -errno.
 */
int hal_remove_stale_files(void);

/*
 * Datagram IPC between the processes of one runtime directory, on unix
 * sockets named "<runtime dir>/<name>". Messages are at most
 * HAL_IPC_MSG_MAX bytes; recv waits at most timeout_ms (-1: forever) and
 * returns the size, -EAGAIN on timeout, or -errno; peer gets the sender's
 * socket name. hal_ipc_peers lists the socket names starting with prefix.
 */
#define HAL_IPC_MSG_MAX 4096
#define HAL_IPC_NAME_MAX 64
int hal_ipc_open(const char *name);
void hal_ipc_close(int fd, const char *name);
int hal_ipc_send(int fd, const char *peer, const void *msg, size_t len);
int hal_ipc_recv(int fd, void *buf, size_t len, char peer[HAL_IPC_NAME_MAX], int timeout_ms);
int hal_ipc_peers(const char *prefix, char (*names)[HAL_IPC_NAME_MAX], int max);
/* Remove the socket file a dead process left (send gave -ECONNREFUSED). */
void hal_ipc_unlink(const char *name);
/*
 * The same with open files passed along (SCM_RIGHTS, at most
 * HAL_IPC_MAX_FDS): the receiver gets descriptors of its own for them.
 * recv_fds stores up to max_fds in fds and their count in *nfds, closing
 * any beyond; hal_ipc_recv closes them all.
 */
#define HAL_IPC_MAX_FDS 8
int hal_ipc_send_fds(int fd, const char *peer, const void *msg, size_t len, const int *fds,
		     int nfds);
int hal_ipc_recv_fds(int fd, void *buf, size_t len, char peer[HAL_IPC_NAME_MAX], int timeout_ms,
		     int *fds, int *nfds, int max_fds);
/* Close a descriptor that came from hal_ipc_recv_fds. */
void hal_fd_close(int fd);

/* --- PCI ------------------------------------------------------------- */

struct hal_pci_addr {
	uint32_t domain;
	uint8_t bus;
	uint8_t devid;
	uint8_t function;
};

struct hal_pci_device {
	struct hal_pci_addr addr;
	uint16_t vendor_id;
	uint16_t device_id;
	int numa_node;
	char driver[32]; /* kernel driver bound to it ("vfio-pci", "sim", ...) */
	void *hal_priv;  /* the HAL's own handle */
};

/* A mapped BAR. Register access goes through hal_bar_read32/write32. */
struct hal_bar {
	volatile uint8_t *va; /* MMIO mapping on Linux, NULL in sim */
	size_t len;
	void *hal_priv;       /* sim: the device model */
};

/* Fills up to max devices; returns how many were found. */
int hal_pci_scan(struct hal_pci_device *devs, int max);
int hal_pci_map_bar(struct hal_pci_device *dev, int bar, struct hal_bar *out);
void hal_pci_unmap_bar(struct hal_bar *bar);
uint32_t hal_bar_read32(const struct hal_bar *bar, uint32_t off);
void hal_bar_write32(const struct hal_bar *bar, uint32_t off, uint32_t val);

/*
 * What IO address mode the devices to be probed call for, asked before the
 * EAL picks one (as DPDK 22.11's PCI bus answers rte_bus_get_iommu_class).
 * wanted(addr, arg) says whether the EAL would probe the device at addr
 * (-a/-b); NULL: every device. HAL_IOVA_PA: a device can only be given
 * physical addresses (uio_pci_generic, igb_uio, vfio-pci in no-IOMMU mode);
 * HAL_IOVA_VA: none does and the machine has an IOMMU (IOMMU groups), so
 * DPDK would pick IOVA as VA; HAL_IOVA_ANY: nothing says.
 */
enum hal_iova_pref { HAL_IOVA_ANY, HAL_IOVA_PA, HAL_IOVA_VA };
enum hal_iova_pref hal_pci_iova_pref(bool (*wanted)(const struct hal_pci_addr *addr, void *arg),
				     void *arg);

/* --- DMA through the IOMMU ------------------------------------------------ */

/*
 * Let devices reach the len bytes at va through IO address iova (VFIO's
 * type-1 IOMMU on Linux, the sim IOMMU on the sim machine). The EAL maps
 * every memseg while a device is mapped, and each page added later
 * (src/eal_dma_map.c). Where no IOMMU translates for the devices (no
 * VFIO container yet, uio, vfio no-IOMMU) there is nothing to program: 0.
 * -EEXIST when the range is already mapped; unmap takes what map gave.
 */
int hal_dma_map(const void *va, rte_iova_t iova, size_t len);
int hal_dma_unmap(rte_iova_t iova, size_t len);

#endif
