/* SPDX-License-Identifier: BSD-3-Clause
 * The simulated machine behind hal/sim: NUMA sockets, each with a pool of
 * hugepages of one profile, whose "physical" addresses are shuffled by a
 * seed (so nothing may assume IOVA contiguity), a fault injector, a DMA
 * window for device models (the sim IOMMU) and a PCI bus of emulated
 * devices.
 *
 * It is configured by one EAL option, --sim=KEY=VAL[,KEY=VAL...]:
 *   profile=4K/2M|16K/32M|64K/512M|4K/1G  base page / hugepage size (4K/2M)
 *   sockets=N        NUMA sockets, 1..8                               (1)
 *   pages=N          hugepages per socket                             (512)
 *   seed=N           shuffles physical addresses                      (1)
 *   fail=OP:N        the Nth call of OP fails (OP: va_reserve, page_map,
 *                    virt2iova, shm_create); repeat with '+': fail=page_map:3+shm_create:1
 *   nic=MODEL[:N]    N emulated NICs of MODEL (x710, xl710), on socket 0
 */
#ifndef RTEMEM_SIM_MACHINE_H
#define RTEMEM_SIM_MACHINE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_common.h>

#define SIM_MAX_SOCKETS 8
#define SIM_MAX_PCI_DEVICES 16

/* HAL operations the fault injector can fail. */
enum sim_op {
	SIM_OP_VA_RESERVE,
	SIM_OP_PAGE_MAP,
	SIM_OP_VIRT2IOVA,
	SIM_OP_SHM_CREATE,
	SIM_OP_PAGE_ATTACH,
	SIM_OP_PAGE_DETACH,
	SIM_OP_SHM_ATTACH,
	SIM_OP_IPC_OPEN,
	SIM_OP_IPC_SEND,
	SIM_OP_PCI_SCAN,
	SIM_OP_PCI_MAP_BAR,
	SIM_OP_ANON_MAP,
	SIM_OP_IPC_RECV,
	SIM_OP_RUNTIME_DIR,
	SIM_OP_RUNTIME_LOCK,
	SIM_OP_VA_RELEASE,
	SIM_OP_PAGE_UNMAP,
	SIM_OP_RUNTIME_FILE,
	SIM_OP_DMA_MAP,
	SIM_OP_MACHINE_FILE,
	SIM_OP_SHM_UNLINK,
	SIM_OP_PAGE_FD,
	SIM_OP_MEM_LOCK,
	SIM_OP_BAR_READ,
	SIM_OP_SHM_UNMAP,
	SIM_OP_ANON_UNMAP,
	SIM_OP_COUNT
};

struct sim_profile {
	const char *name;     /* "4K/2M" */
	size_t base_page_sz;
	size_t hugepage_sz;
};

struct sim_config {
	struct sim_profile profile;
	unsigned int sockets;
	unsigned int pages_per_socket;
	uint64_t seed;
	bool populate;                       /* hugepages zeroed when mapped (default) */
	unsigned long fail_at[SIM_OP_COUNT]; /* 0: never */
	char nics[SIM_MAX_PCI_DEVICES][32];  /* model name of each NIC */
	unsigned int n_nics;
	char pcap[256];                      /* pcap=FILE: every NIC's wire at start, or "" */
};

/* Parse --sim options over the defaults. Returns 0 or -EINVAL (message logged). */
int sim_config_parse(struct sim_config *cfg, const char *options);
void sim_config_default(struct sim_config *cfg);

int sim_machine_init(const struct sim_config *cfg);
void sim_machine_cleanup(void);
const struct sim_config *sim_machine_config(void);

/* --- hugepage pools ---------------------------------------------------- */

/* Take a free page of the socket's pool and note it is mapped at va. */
int sim_pool_take(int socket, void *va, rte_iova_t *phys);
/* Return the page mapped at va to its pool. */
int sim_pool_give_back(void *va);
unsigned int sim_pool_free_pages(int socket);
/* Physical address of a byte inside a mapped pool page, RTE_BAD_IOVA otherwise. */
rte_iova_t sim_pool_virt2phys(const void *va);
/* Host pointer of a physical address inside a mapped pool page, or NULL. */
void *sim_pool_phys2virt(rte_iova_t phys);

/* --- fault injection --------------------------------------------------- */

/*
 * Count a call of op; true if this call must fail. Tests arm a fault with
 * sim_fault_arm(op, n): the nth call from now fails (n = 1: the next one),
 * once; n = 0 disarms.
 */
bool sim_fault_hit(enum sim_op op);
void sim_fault_arm(enum sim_op op, unsigned long n);
unsigned long sim_fault_calls(enum sim_op op);
const char *sim_op_name(enum sim_op op);

/* --- DMA through the sim IOMMU (for device models) --------------------- */

/*
 * Copy between the device and host memory at an IO address. Every byte must
 * lie in pool pages the sim IOMMU maps (IOVA is the sim physical address in
 * PA mode, the VA in VA mode); otherwise nothing is copied, -EFAULT is
 * returned and the fault is recorded (sim_iommu_last_fault).
 */
int sim_dma_read(rte_iova_t iova, void *dst, size_t len);
int sim_dma_write(rte_iova_t iova, const void *src, size_t len);
/*
 * A naturally aligned 8-byte write (val already in the device's byte
 * order), done as one atomic store with release order: a CPU that sees it
 * sees every earlier DMA write of this device thread too, as PCIe keeps
 * posted writes in order. Devices use it for the word that hands a
 * descriptor back (the DD bit). -EFAULT if unmapped, -EINVAL if unaligned.
 */
int sim_dma_write_u64_ordered(rte_iova_t iova, uint64_t val);
/* How IO addresses are interpreted, set by EAL after choosing the mode. */
void sim_dma_set_iova_as_va(bool iova_as_va);

/*
 * Test seam for single-threaded harnesses (the fuzzers): the caller
 * promises that from now on one thread alone uses the sim, its DMA and its
 * devices, and that none delivers frames on a thread of its own. DMA and
 * the emulated devices' register accesses and frame delivery then take no
 * lock: in fuzz_rx, two atomic operations for each of them, for locks no
 * other thread ever wanted, were a twentieth of the run time. Off by
 * default; everything else locks as before.
 */
void sim_set_single_thread(bool on);
bool sim_single_thread(void);
/* Lock and unlock a sim mutex that only a sim with more than one thread
 * needs: DMA's and the emulated devices' (not taken once single-threaded). */
void sim_lock(pthread_mutex_t *lock);
void sim_unlock(pthread_mutex_t *lock);

/*
 * The sim IOMMU's mappings (hal_dma_map/hal_dma_unmap): devices reach a
 * pool page only while it is mapped. Whole pages, at the IO address the
 * current mode gives them. map: 0, -EINVAL (misaligned, or iova is not the
 * page's), -EFAULT (no pool page at va), -EEXIST (already mapped). unmap:
 * 0, -EINVAL, -ENOENT (a page of the range is not mapped). Either changes
 * nothing when it fails. A page given back to its pool is unmapped.
 */
int sim_iommu_map(const void *va, rte_iova_t iova, size_t len);
int sim_iommu_unmap(rte_iova_t iova, size_t len);
bool sim_iommu_is_mapped(rte_iova_t iova);

/* The last DMA the IOMMU refused, and how many it has refused since the
 * machine started (each also logged, rate limited). */
struct sim_iommu_fault {
	uint64_t count;
	rte_iova_t iova; /* start of the refused access */
	size_t len;
	bool write;      /* device to host */
};
void sim_iommu_last_fault(struct sim_iommu_fault *f);

/* --- PCI bus of emulated devices --------------------------------------- */

struct sim_device_ops {
	uint32_t (*read32)(void *dev, uint32_t off);
	void (*write32)(void *dev, uint32_t off, uint32_t val);
	void (*destroy)(void *dev);
};

struct sim_pci_device {
	uint16_t vendor_id;
	uint16_t device_id;
	uint8_t bus, devid, function;
	int numa_node;
	size_t bar0_len;
	const struct sim_device_ops *ops;
	void *dev; /* the model's state */
};

/* A device model: creates one device for --sim=nic=NAME. */
struct sim_device_model {
	const char *name;
	int (*create)(struct sim_pci_device *pdev, unsigned int index);
};

/*
 * The models --sim=nic=NAME can name, NULL-terminated (sim/sim_models.c).
 * A plain table rather than constructors: a static library drops objects
 * nothing refers to, constructors and all.
 */
extern const struct sim_device_model *const sim_device_models[];

unsigned int sim_pci_count(void);
struct sim_pci_device *sim_pci_get(unsigned int idx);

#endif
