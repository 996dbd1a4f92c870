/* SPDX-License-Identifier: BSD-3-Clause
 * hal.h on the simulated machine: hugepages come from sim/'s per-socket
 * pools (backed by ordinary anonymous memory at the requested VA), physical
 * addresses are the pool's shuffled ones, and every operation passes the
 * fault injector first.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <rte_log.h>

#include "hal.h"
#include "hal_runtime.h"
#include "hal_va.h"
#include "sim_machine.h"

static struct hal_config hal_cfg;

const char *hal_name(void)
{
	return "sim";
}

/*
 * The primary leaves its --sim string in the runtime directory; a secondary
 * builds the same machine from it (same profile and sockets; the pools stay
 * the primary's, and NICs are plugged into the primary only).
 */
#define SIM_MACHINE_FILE "sim_machine"

/*
 * The file is written only once the primary holds the runtime lock
 * (hal_remove_stale_files), and removed only by the process that wrote it:
 * a would-be primary that finds the prefix taken (a second primary, or
 * --proc-type=auto on its way to becoming a secondary) must not replace or
 * delete the running primary's machine.
 */
static char machine_options[512];
static bool machine_file_ours;

static int machine_config(const struct hal_config *cfg, struct sim_config *sc)
{
	char options[512];
	int ret;

	sim_config_default(sc);
	if (!cfg->secondary) {
		ret = sim_config_parse(sc, cfg->sim_options);
		snprintf(machine_options, sizeof(machine_options), "%s",
			 cfg->sim_options ? cfg->sim_options : "");
		return ret;
	}
	if (cfg->sim_options != NULL && cfg->sim_options[0] != '\0') {
		RTE_LOG(ERR, EAL, "--sim: a secondary process uses the primary's machine\n");
		return -EINVAL;
	}
	ret = sim_fault_hit(SIM_OP_MACHINE_FILE)
		      ? -EIO
		      : hal_runtime_read_file(SIM_MACHINE_FILE, options, sizeof(options));
	if (ret < 0)
		return ret == -ENOENT || ret == -EIO ? ret : -EINVAL;
	ret = sim_config_parse(sc, options);
	sc->n_nics = 0;
	return ret;
}

int hal_init(const struct hal_config *cfg)
{
	struct sim_config sc;
	int ret;

	hal_cfg = *cfg;
	hal_va_cursor_init(cfg->base_virtaddr, !cfg->secondary);
	/* A secondary reads its machine from the runtime directory; a primary
	 * builds it first, so that fail=runtime_dir can apply. */
	if (!cfg->secondary) {
		ret = machine_config(cfg, &sc);
		if (ret == 0)
			ret = sim_machine_init(&sc);
		if (ret < 0)
			return ret;
	}
	ret = !cfg->in_memory && sim_fault_hit(SIM_OP_RUNTIME_DIR)
		      ? -EACCES
		      : hal_runtime_init(cfg->file_prefix, cfg->in_memory);
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "cannot create runtime directory: %s\n", strerror(-ret));
		if (!cfg->secondary)
			sim_machine_cleanup();
		return ret;
	}
	if (cfg->secondary) {
		ret = machine_config(cfg, &sc);
		if (ret == 0)
			ret = sim_machine_init(&sc);
		if (ret < 0)
			hal_runtime_remove();
	}
	return ret;
}

void hal_cleanup(void)
{
	if (machine_file_ours)
		hal_os_shm_unlink(SIM_MACHINE_FILE);
	machine_file_ours = false;
	sim_machine_cleanup();
	hal_page_fd_drop_all();
	hal_runtime_remove();
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
	return hal_os_va_reserve(hint, len, align);
}

/* A failed release leaves the range reserved (and what is mapped there). */
void hal_va_release(void *va, size_t len)
{
	if (sim_fault_hit(SIM_OP_VA_RELEASE))
		return;
	hal_os_va_release(va, len);
}

/*
 * Unless --in-memory, a sim hugepage is a file in /dev/shm (the simulated
 * hugetlbfs), so a secondary process can map the same memory. The name
 * carries the uid and file prefix, like DPDK's <prefix>map_<list>_<seg>.
 */
#define SIM_HUGE_DIR "/dev/shm"

static int page_path(char *buf, size_t size, int list_idx, int seg_idx)
{
	int n = snprintf(buf, size, SIM_HUGE_DIR "/rtemem-%u-%s-map_%d_%d", (unsigned int)getuid(),
			 hal_cfg.file_prefix, list_idx, seg_idx);

	return (n < 0 || (size_t)n >= size) ? -ENAMETOOLONG : 0;
}

static bool pages_are_shared(void)
{
	return !hal_cfg.in_memory && !hal_cfg.no_huge;
}

/*
 * Map the page's backing at va: a shared file, or private anonymous memory.
 *
 * A real hugepage is one fault: the kernel allocates and zeroes 2 MB at
 * once (the Linux HAL fallocates before the first touch). Sim pages are
 * made of base pages that would each fault on first touch, 512 faults per
 * 2 MB, which made a first memset of a fresh block several times slower
 * than on hugepages. So a sim hugepage is populated when it is mapped
 * (MAP_POPULATE: one call, also honoured under qemu-user, where madvise
 * hints are ignored), and a shared one is fallocated first so that a full
 * /dev/shm is a failed map, not a SIGBUS on first touch. --no-huge base
 * pages fault lazily, as they do under DPDK, and so do simulated pages
 * above 2 MB (the 512 MB and 1 GB profiles): populating those would turn
 * every simulated gigabyte into a real one, which the simulation exists
 * to avoid. populate=0 makes them lazy too: the fuzz harnesses map and
 * unmap pages on every input and touch few of their bytes.
 */
#define SIM_POPULATE_MAX_PAGE (2u << 20)

static int map_backing(void *va, size_t page_sz, int list_idx, int seg_idx, bool create)
{
	int populate = !hal_cfg.no_huge && page_sz <= SIM_POPULATE_MAX_PAGE &&
		       sim_machine_config()->populate ? MAP_POPULATE : 0;
	char path[PATH_MAX];
	void *got;
	int fd, ret;

	if (!pages_are_shared()) {
		got = mmap(va, page_sz, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | populate, -1, 0);
		return got == MAP_FAILED ? -errno : 0;
	}
	ret = page_path(path, sizeof(path), list_idx, seg_idx);
	if (ret < 0)
		return ret;
	/* O_TRUNC: a file a dead primary left must not hand out its old bytes. */
	fd = open(path, create ? O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC : O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (create && (ftruncate(fd, (off_t)page_sz) < 0 ||
		       (populate != 0 && fallocate(fd, 0, 0, (off_t)page_sz) < 0))) {
		ret = errno == ENOSPC ? -ENOMEM : -errno;
		close(fd);
		unlink(path);
		return ret;
	}
	got = mmap(va, page_sz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED | populate, fd, 0);
	ret = got == MAP_FAILED ? -errno : 0;
	close(fd);
	if (ret < 0 && create)
		unlink(path);
	return ret;
}

static void unlink_backing(int list_idx, int seg_idx)
{
	char path[PATH_MAX];

	if (pages_are_shared() && page_path(path, sizeof(path), list_idx, seg_idx) == 0)
		unlink(path);
}

int hal_page_map(void *va, size_t page_sz, int socket, int list_idx, int seg_idx)
{
	rte_iova_t phys;
	int ret;

	if (sim_fault_hit(SIM_OP_PAGE_MAP))
		return -ENOMEM;
	hal_page_fd_drop(list_idx, seg_idx); /* whatever was here before is gone */
	if (hal_cfg.no_huge)
		return map_backing(va, page_sz, list_idx, seg_idx, true);
	if (page_sz != sim_machine_config()->profile.hugepage_sz)
		return -EINVAL;
	if (sim_pool_take(socket, va, &phys) < 0)
		return -ENOMEM;
	ret = map_backing(va, page_sz, list_idx, seg_idx, true);
	if (ret < 0)
		sim_pool_give_back(va);
	return ret;
}

/* A failed unmap leaves the page as it was: mapped, taken from the pool. */
static int page_unmap(void *va, size_t page_sz, int list_idx, int seg_idx, bool rereserve)
{
	int ret;

	if (sim_fault_hit(SIM_OP_PAGE_UNMAP))
		return -EBUSY;
	ret = rereserve ? hal_va_rereserve(va, page_sz) : 0;
	if (ret < 0)
		return ret;
	hal_page_fd_drop(list_idx, seg_idx);
	unlink_backing(list_idx, seg_idx);
	if (hal_cfg.no_huge)
		return 0;
	return sim_pool_give_back(va);
}

int hal_page_unmap(void *va, size_t page_sz, int list_idx, int seg_idx)
{
	return page_unmap(va, page_sz, list_idx, seg_idx, true);
}

int hal_page_release(void *va, size_t page_sz, int list_idx, int seg_idx)
{
	return page_unmap(va, page_sz, list_idx, seg_idx, false);
}

int hal_page_attach(void *va, size_t page_sz, int list_idx, int seg_idx)
{
	if (!pages_are_shared())
		return -ENOTSUP;
	if (sim_fault_hit(SIM_OP_PAGE_ATTACH))
		return -ENOMEM;
	hal_page_fd_drop(list_idx, seg_idx);
	return map_backing(va, page_sz, list_idx, seg_idx, false);
}

static int open_page(size_t page_sz, int list_idx, int seg_idx)
{
	char path[PATH_MAX];
	int fd, ret;

	RTE_SET_USED(page_sz);
	ret = page_path(path, sizeof(path), list_idx, seg_idx);
	if (ret < 0)
		return ret;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ENODEV : -errno;
	return fd;
}

int hal_page_fd(size_t page_sz, int list_idx, int seg_idx)
{
	if (sim_fault_hit(SIM_OP_PAGE_FD))
		return -EMFILE;
	if (hal_cfg.in_memory)
		return -ENOTSUP;
	if (hal_cfg.no_huge)
		return -ENODEV; /* private anonymous memory */
	return hal_page_fd_cached(page_sz, list_idx, seg_idx, open_page);
}

/* A failed unlink leaves the file (and the mapping) as it was. */
int hal_shm_unlink(const char *name)
{
	if (sim_fault_hit(SIM_OP_SHM_UNLINK))
		return -EACCES;
	return hal_os_shm_unlink(name);
}

int hal_mem_lock(const void *va, size_t len)
{
	if (sim_fault_hit(SIM_OP_MEM_LOCK))
		return -ENOMEM; /* as mlock beyond RLIMIT_MEMLOCK */
	return hal_os_mem_lock(va, len);
}

int hal_page_detach(void *va, size_t page_sz)
{
	if (sim_fault_hit(SIM_OP_PAGE_DETACH))
		return -EBUSY;
	return hal_va_rereserve(va, page_sz);
}

/*
 * Called once the primary holds the runtime lock: publish the machine, and
 * remove page files of this uid and prefix that a dead primary left behind.
 */
int hal_remove_stale_files(void)
{
	char prefix[NAME_MAX];
	struct dirent *de;
	DIR *dir;
	int ret;

	/* Say which machine secondaries are to build: a primary that cannot
	 * does not start (no secondary could attach to it). */
	if (!hal_cfg.secondary && !hal_cfg.in_memory && !machine_file_ours) {
		ret = sim_fault_hit(SIM_OP_RUNTIME_FILE)
			      ? -ENOSPC
			      : hal_runtime_write_file(SIM_MACHINE_FILE, machine_options);
		if (ret < 0) {
			RTE_LOG(ERR, EAL, "cannot write the sim machine file: %s\n",
				strerror(-ret));
			hal_os_shm_unlink(SIM_MACHINE_FILE); /* whatever was written */
			return ret;
		}
		machine_file_ours = true;
	}

	/* In memory there are no page files, and ones of this prefix belong
	 * to a primary we hold no lock against: not ours to remove. */
	if (hal_cfg.in_memory)
		return 0;
	snprintf(prefix, sizeof(prefix), "rtemem-%u-%s-map_", (unsigned int)getuid(),
		 hal_cfg.file_prefix);
	dir = opendir(SIM_HUGE_DIR);
	if (dir == NULL)
		return 0;
	while ((de = readdir(dir)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
			unlinkat(dirfd(dir), de->d_name, 0);
	closedir(dir);
	return 0;
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
	if (!create && sim_fault_hit(SIM_OP_SHM_ATTACH)) {
		errno = EACCES;
		return NULL;
	}
	return hal_runtime_shm_map(name, len, addr, create);
}

/* A failed unmap (as munmap's ENOMEM) leaves the mapping as it was. */
int hal_shm_unmap(void *addr, size_t len, bool keep_reserved)
{
	if (addr != NULL && len != 0 && sim_fault_hit(SIM_OP_SHM_UNMAP))
		return -ENOMEM;
	return hal_runtime_shm_unmap(addr, len, keep_reserved);
}

int hal_ipc_open(const char *name)
{
	if (sim_fault_hit(SIM_OP_IPC_OPEN))
		return -EMFILE;
	return hal_os_ipc_open(name);
}

int hal_ipc_recv_fds(int fd, void *buf, size_t len, char peer[HAL_IPC_NAME_MAX], int timeout_ms,
		     int *fds, int *nfds, int max_fds)
{
	if (sim_fault_hit(SIM_OP_IPC_RECV)) {
		if (nfds != NULL)
			*nfds = 0;
		return -EIO;
	}
	return hal_os_ipc_recv_fds(fd, buf, len, peer, timeout_ms, fds, nfds, max_fds);
}

int hal_runtime_lock(bool primary)
{
	/* In memory there is no lock file: nothing to fail. */
	if (hal_runtime_dir()[0] != '\0' && sim_fault_hit(SIM_OP_RUNTIME_LOCK))
		return -ENOLCK;
	return hal_os_runtime_lock(primary);
}

int hal_ipc_send(int fd, const char *peer, const void *msg, size_t len)
{
	return hal_ipc_send_fds(fd, peer, msg, len, NULL, 0);
}

int hal_ipc_send_fds(int fd, const char *peer, const void *msg, size_t len, const int *fds,
		     int nfds)
{
	if (sim_fault_hit(SIM_OP_IPC_SEND))
		return -ENOBUFS;
	return hal_os_ipc_send(fd, peer, msg, len, fds, nfds);
}

void hal_set_iova_as_va(bool iova_as_va)
{
	sim_dma_set_iova_as_va(iova_as_va);
}

/*
 * The sim's base page may be bigger than the OS's (profile=16K/...): map
 * one page more and trim, so the memory is aligned to the simulated page.
 * Nothing is locked: it is process memory, and the host's RLIMIT_MEMLOCK
 * would only make tests depend on where they run.
 */
void *hal_anon_map(size_t len)
{
	const size_t page = hal_base_page_size();
	size_t os_page = (size_t)sysconf(_SC_PAGESIZE);
	size_t extra = page > os_page ? page : 0;
	char *p, *start;

	if (sim_fault_hit(SIM_OP_ANON_MAP)) {
		errno = ENOMEM;
		return NULL;
	}
	if (len == 0) {
		errno = EINVAL;
		return NULL;
	}
	len = RTE_ALIGN_CEIL(len, os_page);
	p = mmap(NULL, len + extra, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	start = extra != 0 ? RTE_PTR_ALIGN_CEIL(p, page) : p;
	if (start != p)
		munmap(p, (size_t)(start - p));
	if (p + len + extra != start + len)
		munmap(start + len, (size_t)(p + len + extra - (start + len)));
	return start;
}

/* A failed unmap (as munmap's ENOMEM) leaves the memory mapped. */
int hal_anon_unmap(void *va, size_t len)
{
	if (va == NULL)
		return 0;
	if (sim_fault_hit(SIM_OP_ANON_UNMAP))
		return -ENOMEM;
	if (munmap(va, RTE_ALIGN_CEIL(len, (size_t)sysconf(_SC_PAGESIZE))) < 0)
		return -errno;
	return 0;
}
