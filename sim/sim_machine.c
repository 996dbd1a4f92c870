/* SPDX-License-Identifier: BSD-3-Clause
 * The simulated machine: per-socket hugepage pools with shuffled physical
 * addresses, the record of which VA each taken page is mapped at, the fault
 * injector, DMA for device models, and the PCI bus.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_log.h>

#include "sim_machine.h"

/*
 * Physical layout: socket s owns [(s + 1) << 40, (s + 2) << 40). Its N pages
 * are scattered over 2N page-sized slots, so there are holes and the order
 * of physical addresses has nothing to do with the order pages are taken.
 */
#define SOCKET_PHYS_SHIFT 40
#define SLOTS_PER_PAGE 2

struct sim_page {
	rte_iova_t phys;
	void *va;         /* NULL while in the pool */
	bool dma_mapped;  /* the sim IOMMU lets devices reach it */
};

struct sim_pool {
	struct sim_page *pages;
	int *slot_to_page;      /* slot -> page index, -1 for a hole */
	unsigned int *free_stack;
	unsigned int nfree;
};

/* A mapped page, in the VA-sorted table used by virt2phys and DMA. */
struct va_entry {
	uintptr_t va;
	struct sim_page *page;
};

static struct {
	bool up;
	struct sim_config cfg;
	struct sim_pool pools[SIM_MAX_SOCKETS];
	struct va_entry *by_va;
	unsigned int n_mapped;
	unsigned long calls[SIM_OP_COUNT];
	unsigned long fail_at[SIM_OP_COUNT]; /* absolute call number, 0 = none */
	bool iova_as_va;
	struct sim_iommu_fault fault;
	struct sim_pci_device pci[SIM_MAX_PCI_DEVICES];
	unsigned int n_pci;
	pthread_mutex_t lock;
} sim = { .lock = PTHREAD_MUTEX_INITIALIZER };

static const struct sim_profile profiles[] = {
	{ "4K/2M", 4096, 2UL << 20 },
	{ "16K/32M", 16384, 32UL << 20 },
	{ "64K/512M", 65536, 512UL << 20 },
	{ "4K/1G", 4096, 1UL << 30 },
};

static const char *const op_names[SIM_OP_COUNT] = {
	[SIM_OP_VA_RESERVE] = "va_reserve",
	[SIM_OP_PAGE_MAP] = "page_map",
	[SIM_OP_VIRT2IOVA] = "virt2iova",
	[SIM_OP_SHM_CREATE] = "shm_create",
	[SIM_OP_PAGE_ATTACH] = "page_attach",
	[SIM_OP_PAGE_DETACH] = "page_detach",
	[SIM_OP_SHM_ATTACH] = "shm_attach",
	[SIM_OP_IPC_OPEN] = "ipc_open",
	[SIM_OP_IPC_SEND] = "ipc_send",
	[SIM_OP_PCI_SCAN] = "pci_scan",
	[SIM_OP_PCI_MAP_BAR] = "pci_map_bar",
	[SIM_OP_ANON_MAP] = "anon_map",
	[SIM_OP_IPC_RECV] = "ipc_recv",
	[SIM_OP_RUNTIME_DIR] = "runtime_dir",
	[SIM_OP_RUNTIME_LOCK] = "runtime_lock",
	[SIM_OP_VA_RELEASE] = "va_release",
	[SIM_OP_PAGE_UNMAP] = "page_unmap",
	[SIM_OP_RUNTIME_FILE] = "runtime_file",
	[SIM_OP_DMA_MAP] = "dma_map",
	[SIM_OP_MACHINE_FILE] = "machine_file",
	[SIM_OP_SHM_UNLINK] = "shm_unlink",
	[SIM_OP_PAGE_FD] = "page_fd",
	[SIM_OP_MEM_LOCK] = "mem_lock",
	[SIM_OP_BAR_READ] = "bar_read",
	[SIM_OP_SHM_UNMAP] = "shm_unmap",
	[SIM_OP_ANON_UNMAP] = "anon_unmap",
};

const char *sim_op_name(enum sim_op op)
{
	return op < SIM_OP_COUNT ? op_names[op] : "?";
}

/* ---- configuration -------------------------------------------------- */

void sim_config_default(struct sim_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->profile = profiles[0];
	cfg->sockets = 1;
	cfg->pages_per_socket = 512;
	cfg->seed = 1;
	cfg->populate = true;
}

static int parse_ulong(const char *s, unsigned long *out)
{
	char *end;

	if (*s == '\0' || *s == '-')
		return -EINVAL;
	errno = 0;
	*out = strtoul(s, &end, 0);
	return (errno != 0 || *end != '\0') ? -EINVAL : 0;
}

static int parse_fail(struct sim_config *cfg, char *val)
{
	for (char *item = strtok_r(val, "+", &val); item != NULL; item = strtok_r(NULL, "+", &val)) {
		char *colon = strchr(item, ':');
		unsigned long n;
		int op;

		if (colon == NULL)
			return -EINVAL;
		*colon = '\0';
		for (op = 0; op < SIM_OP_COUNT; op++)
			if (strcmp(item, op_names[op]) == 0)
				break;
		if (op == SIM_OP_COUNT || parse_ulong(colon + 1, &n) < 0 || n == 0)
			return -EINVAL;
		cfg->fail_at[op] = n;
	}
	return 0;
}

static const struct sim_device_model *find_model(const char *name)
{
	for (unsigned int i = 0; sim_device_models[i] != NULL; i++)
		if (strcmp(sim_device_models[i]->name, name) == 0)
			return sim_device_models[i];
	return NULL;
}

static int parse_nic(struct sim_config *cfg, const char *val)
{
	char name[32];
	const char *colon = strchr(val, ':');
	size_t len = colon ? (size_t)(colon - val) : strlen(val);
	unsigned long n = 1;

	if (len == 0 || len >= sizeof(name))
		return -EINVAL;
	memcpy(name, val, len);
	name[len] = '\0';
	if (colon != NULL && (parse_ulong(colon + 1, &n) < 0 || n == 0))
		return -EINVAL;
	if (find_model(name) == NULL) {
		RTE_LOG(ERR, EAL, "--sim: unknown NIC model '%s'\n", name);
		return -EINVAL;
	}
	for (unsigned long i = 0; i < n; i++) {
		if (cfg->n_nics >= SIM_MAX_PCI_DEVICES)
			return -EINVAL;
		snprintf(cfg->nics[cfg->n_nics++], sizeof(cfg->nics[0]), "%s", name);
	}
	return 0;
}

static int parse_pair(struct sim_config *cfg, const char *key, char *val)
{
	unsigned long n;

	if (strcmp(key, "profile") == 0) {
		for (size_t i = 0; i < RTE_DIM(profiles); i++) {
			if (strcasecmp(val, profiles[i].name) == 0) {
				cfg->profile = profiles[i];
				return 0;
			}
		}
		return -EINVAL;
	}
	if (strcmp(key, "fail") == 0)
		return parse_fail(cfg, val);
	if (strcmp(key, "nic") == 0)
		return parse_nic(cfg, val);
	if (strcmp(key, "pcap") == 0) {
		if (val[0] == '\0' || strlen(val) >= sizeof(cfg->pcap))
			return -EINVAL;
		snprintf(cfg->pcap, sizeof(cfg->pcap), "%s", val);
		return 0;
	}
	if (parse_ulong(val, &n) < 0)
		return -EINVAL;
	if (strcmp(key, "sockets") == 0 && n >= 1 && n <= SIM_MAX_SOCKETS)
		cfg->sockets = n;
	else if (strcmp(key, "pages") == 0 && n <= 65536)
		cfg->pages_per_socket = n;
	else if (strcmp(key, "seed") == 0)
		cfg->seed = n;
	else if (strcmp(key, "populate") == 0 && n <= 1)
		cfg->populate = n == 1;
	else
		return -EINVAL;
	return 0;
}

/* Options go into a copy, which replaces cfg only if all of them parse:
 * a bad string leaves cfg exactly as it was. */
int sim_config_parse(struct sim_config *cfg, const char *options)
{
	struct sim_config parsed = *cfg;
	char buf[512];
	char *save = NULL;

	if (options == NULL || *options == '\0')
		return 0;
	if (strlen(options) >= sizeof(buf)) {
		RTE_LOG(ERR, EAL, "--sim: option string too long\n");
		return -EINVAL;
	}
	snprintf(buf, sizeof(buf), "%s", options);
	for (char *kv = strtok_r(buf, ",", &save); kv != NULL; kv = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(kv, '=');

		if (eq == NULL) {
			RTE_LOG(ERR, EAL, "--sim: expected KEY=VALUE, got '%s'\n", kv);
			return -EINVAL;
		}
		*eq = '\0';
		if (parse_pair(&parsed, kv, eq + 1) < 0) {
			RTE_LOG(ERR, EAL, "--sim: bad value '%s' for '%s'\n", eq + 1, kv);
			return -EINVAL;
		}
	}
	*cfg = parsed;
	return 0;
}

/* ---- machine lifetime ------------------------------------------------ */

/* splitmix64: a small, well-mixed generator so a seed gives one layout. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int pool_init(struct sim_pool *pool, unsigned int socket, const struct sim_config *cfg,
		     uint64_t *rng)
{
	unsigned int n = cfg->pages_per_socket;
	unsigned int nslots = n * SLOTS_PER_PAGE;
	unsigned int *slots;
	rte_iova_t base = (rte_iova_t)(socket + 1) << SOCKET_PHYS_SHIFT;

	pool->pages = calloc(n ? n : 1, sizeof(*pool->pages));
	pool->free_stack = calloc(n ? n : 1, sizeof(*pool->free_stack));
	pool->slot_to_page = malloc((nslots ? nslots : 1) * sizeof(int));
	slots = malloc((nslots ? nslots : 1) * sizeof(*slots));
	if (!pool->pages || !pool->free_stack || !pool->slot_to_page || !slots) {
		free(slots);
		return -ENOMEM;
	}
	/* Fisher-Yates over the slots; the first n slots get the pages. */
	for (unsigned int i = 0; i < nslots; i++) {
		slots[i] = i;
		pool->slot_to_page[i] = -1;
	}
	for (unsigned int i = nslots; i > 1; i--) {
		unsigned int j = next_random(rng) % i;
		unsigned int t = slots[i - 1];

		slots[i - 1] = slots[j];
		slots[j] = t;
	}
	for (unsigned int i = 0; i < n; i++) {
		pool->pages[i].phys = base + (rte_iova_t)slots[i] * cfg->profile.hugepage_sz;
		pool->slot_to_page[slots[i]] = (int)i;
		/* Stack top is page 0, so pages are handed out in index order. */
		pool->free_stack[i] = n - 1 - i;
	}
	pool->nfree = n;
	free(slots);
	return 0;
}

static void pool_free(struct sim_pool *pool)
{
	free(pool->pages);
	free(pool->free_stack);
	free(pool->slot_to_page);
	memset(pool, 0, sizeof(*pool));
}

static int plug_nics(const struct sim_config *cfg)
{
	for (unsigned int i = 0; i < cfg->n_nics; i++) {
		const struct sim_device_model *model = find_model(cfg->nics[i]);
		struct sim_pci_device *pdev = &sim.pci[sim.n_pci];
		int ret;

		memset(pdev, 0, sizeof(*pdev));
		pdev->bus = 1 + i;
		pdev->numa_node = 0;
		ret = model->create(pdev, i);
		if (ret < 0)
			return ret;
		sim.n_pci++;
	}
	return 0;
}

void sim_machine_cleanup(void)
{
	for (unsigned int i = 0; i < sim.n_pci; i++)
		if (sim.pci[i].ops && sim.pci[i].ops->destroy)
			sim.pci[i].ops->destroy(sim.pci[i].dev);
	sim.n_pci = 0;
	for (unsigned int s = 0; s < SIM_MAX_SOCKETS; s++)
		pool_free(&sim.pools[s]);
	free(sim.by_va);
	sim.by_va = NULL;
	sim.n_mapped = 0;
	sim.up = false;
}

int sim_machine_init(const struct sim_config *cfg)
{
	uint64_t rng = cfg->seed;
	int ret;

	if (sim.up)
		return -EBUSY;
	sim.cfg = *cfg;
	memset(sim.calls, 0, sizeof(sim.calls));
	memcpy(sim.fail_at, cfg->fail_at, sizeof(sim.fail_at));
	sim.iova_as_va = false;
	memset(&sim.fault, 0, sizeof(sim.fault));
	sim.by_va = calloc((size_t)cfg->sockets * cfg->pages_per_socket + 1, sizeof(*sim.by_va));
	if (sim.by_va == NULL)
		return -ENOMEM;
	sim.up = true;
	for (unsigned int s = 0; s < cfg->sockets; s++) {
		ret = pool_init(&sim.pools[s], s, cfg, &rng);
		if (ret < 0)
			goto fail;
	}
	ret = plug_nics(cfg);
	if (ret < 0)
		goto fail;
	return 0;
fail:
	sim_machine_cleanup();
	return ret;
}

const struct sim_config *sim_machine_config(void)
{
	return &sim.cfg;
}

/* ---- fault injection ------------------------------------------------- */

bool sim_fault_hit(enum sim_op op)
{
	bool hit;

	sim_lock(&sim.lock);
	sim.calls[op]++;
	hit = sim.fail_at[op] != 0 && sim.calls[op] == sim.fail_at[op];
	if (hit)
		sim.fail_at[op] = 0;
	sim_unlock(&sim.lock);
	return hit;
}

void sim_fault_arm(enum sim_op op, unsigned long n)
{
	sim_lock(&sim.lock);
	sim.fail_at[op] = n == 0 ? 0 : sim.calls[op] + n;
	sim_unlock(&sim.lock);
}

unsigned long sim_fault_calls(enum sim_op op)
{
	unsigned long n;

	sim_lock(&sim.lock);
	n = sim.calls[op];
	sim_unlock(&sim.lock);
	return n;
}

/* ---- pools ------------------------------------------------------------ */

/* Index of the first entry with va >= key. Caller holds sim.lock. */
static unsigned int by_va_lower_bound(uintptr_t key)
{
	unsigned int lo = 0, hi = sim.n_mapped;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (sim.by_va[mid].va < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The mapped page containing va, or NULL. Caller holds sim.lock. */
static struct sim_page *page_of_va(uintptr_t va)
{
	unsigned int i = by_va_lower_bound(va + 1);

	if (i == 0)
		return NULL;
	i--;
	if (va - sim.by_va[i].va >= sim.cfg.profile.hugepage_sz)
		return NULL;
	return sim.by_va[i].page;
}

int sim_pool_take(int socket, void *va, rte_iova_t *phys)
{
	struct sim_pool *pool;
	struct sim_page *page;
	unsigned int pos;

	if (socket < 0 || (unsigned int)socket >= sim.cfg.sockets)
		return -EINVAL;
	pool = &sim.pools[socket];
	pthread_mutex_lock(&sim.lock);
	if (pool->nfree == 0) {
		pthread_mutex_unlock(&sim.lock);
		return -ENOMEM;
	}
	page = &pool->pages[pool->free_stack[--pool->nfree]];
	page->va = va;
	pos = by_va_lower_bound((uintptr_t)va);
	memmove(&sim.by_va[pos + 1], &sim.by_va[pos], (sim.n_mapped - pos) * sizeof(*sim.by_va));
	sim.by_va[pos] = (struct va_entry){ (uintptr_t)va, page };
	sim.n_mapped++;
	pthread_mutex_unlock(&sim.lock);
	*phys = page->phys;
	return 0;
}

int sim_pool_give_back(void *va)
{
	unsigned int pos;
	struct sim_page *page;
	unsigned int socket;
	struct sim_pool *pool;

	pthread_mutex_lock(&sim.lock);
	pos = by_va_lower_bound((uintptr_t)va);
	if (pos == sim.n_mapped || sim.by_va[pos].va != (uintptr_t)va) {
		pthread_mutex_unlock(&sim.lock);
		return -ENOENT;
	}
	page = sim.by_va[pos].page;
	memmove(&sim.by_va[pos], &sim.by_va[pos + 1], (sim.n_mapped - pos - 1) * sizeof(*sim.by_va));
	sim.n_mapped--;
	socket = (unsigned int)(page->phys >> SOCKET_PHYS_SHIFT) - 1;
	pool = &sim.pools[socket];
	page->va = NULL;
	/* A real IOMMU would keep the page pinned; here it simply stops being
	 * reachable. The EAL unmaps before it frees (memory event callback). */
	page->dma_mapped = false;
	pool->free_stack[pool->nfree++] = (unsigned int)(page - pool->pages);
	pthread_mutex_unlock(&sim.lock);
	return 0;
}

unsigned int sim_pool_free_pages(int socket)
{
	unsigned int n;

	if (socket < 0 || (unsigned int)socket >= sim.cfg.sockets)
		return 0;
	pthread_mutex_lock(&sim.lock);
	n = sim.pools[socket].nfree;
	pthread_mutex_unlock(&sim.lock);
	return n;
}

rte_iova_t sim_pool_virt2phys(const void *va)
{
	struct sim_page *page;
	rte_iova_t phys = RTE_BAD_IOVA;

	pthread_mutex_lock(&sim.lock);
	page = page_of_va((uintptr_t)va);
	if (page != NULL)
		phys = page->phys + ((uintptr_t)va - (uintptr_t)page->va);
	pthread_mutex_unlock(&sim.lock);
	return phys;
}

/* The mapped page holding phys, or NULL. Caller holds sim.lock. */
static struct sim_page *page_of_phys(rte_iova_t phys)
{
	uint64_t socket = (phys >> SOCKET_PHYS_SHIFT) - 1;
	size_t pgsz = sim.cfg.profile.hugepage_sz;
	struct sim_pool *pool;
	uint64_t slot;
	int idx;

	if ((phys >> SOCKET_PHYS_SHIFT) == 0 || socket >= sim.cfg.sockets)
		return NULL;
	pool = &sim.pools[socket];
	slot = (phys - ((socket + 1) << SOCKET_PHYS_SHIFT)) / pgsz;
	if (slot >= (uint64_t)sim.cfg.pages_per_socket * SLOTS_PER_PAGE)
		return NULL;
	idx = pool->slot_to_page[slot];
	if (idx < 0 || pool->pages[idx].va == NULL)
		return NULL;
	return &pool->pages[idx];
}

/* Caller holds sim.lock. */
static void *phys2virt_locked(rte_iova_t phys)
{
	struct sim_page *page = page_of_phys(phys);

	return page != NULL ? (char *)page->va + (phys - page->phys) : NULL;
}

void *sim_pool_phys2virt(rte_iova_t phys)
{
	void *va;

	pthread_mutex_lock(&sim.lock);
	va = phys2virt_locked(phys);
	pthread_mutex_unlock(&sim.lock);
	return va;
}

/* ---- DMA -------------------------------------------------------------- */

void sim_dma_set_iova_as_va(bool iova_as_va)
{
	sim.iova_as_va = iova_as_va;
}

static bool single_thread; /* sim_set_single_thread */

void sim_set_single_thread(bool on)
{
	__atomic_store_n(&single_thread, on, __ATOMIC_RELAXED);
}

bool sim_single_thread(void)
{
	return __atomic_load_n(&single_thread, __ATOMIC_RELAXED);
}

void sim_lock(pthread_mutex_t *lock)
{
	if (!sim_single_thread())
		pthread_mutex_lock(lock);
}

void sim_unlock(pthread_mutex_t *lock)
{
	if (!sim_single_thread())
		pthread_mutex_unlock(lock);
}

/* The mapped page an IO address falls in (whether or not the IOMMU maps
 * it), or NULL. Caller holds sim.lock. */
static struct sim_page *page_of_iova(rte_iova_t iova)
{
	return sim.iova_as_va ? page_of_va((uintptr_t)iova) : page_of_phys(iova);
}

/* The IO address of a byte of a mapped page in the current mode. */
static rte_iova_t page_iova(const struct sim_page *page)
{
	return sim.iova_as_va ? (rte_iova_t)(uintptr_t)page->va : page->phys;
}

/*
 * Note a DMA the IOMMU refused. Like the kernel's DMAR fault reports it is
 * rate limited: a line for the 1st, 2nd, 4th, 8th... fault.
 */
static void iommu_fault(rte_iova_t iova, size_t len, bool write)
{
	sim.fault.count++;
	sim.fault.iova = iova;
	sim.fault.len = len;
	sim.fault.write = write;
	if ((sim.fault.count & (sim.fault.count - 1)) == 0)
		RTE_LOG(ERR, EAL,
			"sim IOMMU: device DMA %s of %zu bytes at IOVA 0x%" PRIx64
			" refused: not mapped (fault %" PRIu64 ")\n",
			write ? "write" : "read", len, iova, sim.fault.count);
}

/* Host address of iova, valid up to the end of its page, or NULL when the
 * IOMMU does not map it. Caller holds sim.lock. */
static void *dma_translate(rte_iova_t iova)
{
	struct sim_page *page = page_of_iova(iova);

	if (page == NULL || !page->dma_mapped)
		return NULL;
	return (char *)page->va + (iova - page_iova(page));
}

/*
 * Walk [iova, iova + len) page by page; every piece must translate before
 * anything is copied, so a bad address never causes a partial write.
 */
static int dma_copy(rte_iova_t iova, void *buf, size_t len, bool to_host)
{
	size_t pgsz = sim.cfg.profile.hugepage_sz;
	int ret = 0;

	if (len == 0)
		return 0;
	if (iova + len < iova)
		return -EFAULT;
	sim_lock(&sim.lock);
	for (int pass = 0; pass < 2 && ret == 0; pass++) {
		size_t done = 0;

		while (done < len) {
			rte_iova_t cur = iova + done;
			size_t chunk = RTE_MIN(len - done, pgsz - (size_t)(cur % pgsz));
			void *host = dma_translate(cur);

			if (host == NULL) {
				iommu_fault(iova, len, to_host);
				ret = -EFAULT;
				break;
			}
			if (pass == 1) {
				if (to_host)
					memcpy(host, (char *)buf + done, chunk);
				else
					memcpy((char *)buf + done, host, chunk);
			}
			done += chunk;
		}
	}
	sim_unlock(&sim.lock);
	return ret;
}

int sim_dma_read(rte_iova_t iova, void *dst, size_t len)
{
	return dma_copy(iova, dst, len, false);
}

int sim_dma_write(rte_iova_t iova, const void *src, size_t len)
{
	return dma_copy(iova, (void *)(uintptr_t)src, len, true);
}

int sim_dma_write_u64_ordered(rte_iova_t iova, uint64_t val)
{
	uint64_t *host;

	if (iova % sizeof(val) != 0)
		return -EINVAL;
	sim_lock(&sim.lock);
	host = dma_translate(iova);
	if (host != NULL)
		__atomic_store_n(host, val, __ATOMIC_RELEASE);
	else
		iommu_fault(iova, sizeof(val), true);
	sim_unlock(&sim.lock);
	return host != NULL ? 0 : -EFAULT;
}

/* ---- the IOMMU's mappings -------------------------------------------- */

/*
 * Both calls check every page of the range before they change any, so a
 * refused call leaves the mappings as they were. The sim IOMMU maps whole
 * pool pages and only at the address the current mode gives them (the VA,
 * or the sim physical address): a real one could map any IOVA, but rtemem
 * asks for nothing else.
 */
int sim_iommu_map(const void *va, rte_iova_t iova, size_t len)
{
	size_t pgsz = sim.cfg.profile.hugepage_sz;
	int ret = 0;

	if (len == 0 || (uintptr_t)va % pgsz != 0 || len % pgsz != 0)
		return -EINVAL;
	pthread_mutex_lock(&sim.lock);
	for (int pass = 0; pass < 2 && ret == 0; pass++)
		for (size_t off = 0; off < len; off += pgsz) {
			struct sim_page *page = page_of_va((uintptr_t)va + off);

			if (page == NULL) {
				ret = -EFAULT; /* no page there to map */
				break;
			}
			if (page_iova(page) != iova + off) {
				ret = -EINVAL;
				break;
			}
			if (page->dma_mapped) {
				ret = -EEXIST; /* as VFIO_IOMMU_MAP_DMA */
				break;
			}
			if (pass == 1)
				page->dma_mapped = true;
		}
	pthread_mutex_unlock(&sim.lock);
	return ret;
}

int sim_iommu_unmap(rte_iova_t iova, size_t len)
{
	size_t pgsz = sim.cfg.profile.hugepage_sz;
	int ret = 0;

	if (len == 0 || iova % pgsz != 0 || len % pgsz != 0)
		return -EINVAL;
	pthread_mutex_lock(&sim.lock);
	for (int pass = 0; pass < 2 && ret == 0; pass++)
		for (size_t off = 0; off < len; off += pgsz) {
			struct sim_page *page = page_of_iova(iova + off);

			if (page == NULL || !page->dma_mapped) {
				ret = -ENOENT;
				break;
			}
			if (pass == 1)
				page->dma_mapped = false;
		}
	pthread_mutex_unlock(&sim.lock);
	return ret;
}

bool sim_iommu_is_mapped(rte_iova_t iova)
{
	bool mapped;

	pthread_mutex_lock(&sim.lock);
	mapped = dma_translate(iova) != NULL;
	pthread_mutex_unlock(&sim.lock);
	return mapped;
}

void sim_iommu_last_fault(struct sim_iommu_fault *f)
{
	pthread_mutex_lock(&sim.lock);
	*f = sim.fault;
	pthread_mutex_unlock(&sim.lock);
}

/* ---- PCI -------------------------------------------------------------- */

unsigned int sim_pci_count(void)
{
	return sim.n_pci;
}

struct sim_pci_device *sim_pci_get(unsigned int idx)
{
	return idx < sim.n_pci ? &sim.pci[idx] : NULL;
}
