/* SPDX-License-Identifier: BSD-3-Clause
 * Primary and secondary processes: real separate processes (this binary
 * re-executes itself as the child), sharing memory at the same addresses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_pause.h>
#include <rte_ring.h>
#include <rtemem_heap.h>

#include "eal_mp.h"
#include "eal_private.h"
#include "malloc_elem.h"
#include "malloc_heap.h"
#include "rtetest.h"
#ifdef RTEMEM_HAL_sim
#include "sim_machine.h"
#endif

static char self_path[4096];
static char prefix[64];

/* Exit codes a child reports with. */
enum { CHILD_OK = 0, CHILD_INIT_FAILED = 10, CHILD_BAD_DATA = 11, CHILD_ALLOC_FAILED = 12 };

/* rte_eal_init as proc_type with our prefix (--sim=... dropped on Linux). */
static int eal_up(const char *proc_type, const char *extra)
{
	char buf[256], *argv[16];
	int argc = 0;

	snprintf(buf, sizeof(buf), "mp --file-prefix=%s --proc-type=%s %s", prefix, proc_type,
		 extra ? extra : "");
	for (char *t = strtok(buf, " "); t && argc < 15; t = strtok(NULL, " ")) {
		if (!rtetest_hal_is_sim() && strncmp(t, "--sim=", 6) == 0)
			continue;
		argv[argc++] = t;
	}
	argv[argc] = NULL;
	return rte_eal_init(argc, argv);
}

static uint64_t hugepage_size(void)
{
	return internal_config.hugepage_info[0].hugepage_sz;
}

/* ---- children ----------------------------------------------------------- */

/* Secondary: find the primary's pages and their pattern, add a page. */
static int child_secondary(void)
{
	struct rte_memseg_list *msl;
	struct rte_memseg *ms;
	uint32_t *p;

	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	msl = &eal_mcfg()->memsegs[0];
	if (msl->memseg_arr.count != 2)
		return CHILD_BAD_DATA;
	ms = rte_fbarray_get(&msl->memseg_arr, 0);
	p = ms->addr;
	for (unsigned int i = 0; i < 1024; i++)
		if (p[i] != 0xC0FFEE00u + i)
			return CHILD_BAD_DATA;
	p[0] = 0x5EC0DA11u; /* the primary looks for this */

	/* Heap growth in a secondary: the primary maps, we see it. */
	rte_mcfg_mem_write_lock();
	ms = eal_memalloc_alloc_seg(hugepage_size(), 0);
	rte_mcfg_mem_write_unlock();
	if (ms == NULL)
		return CHILD_ALLOC_FAILED;
	p = ms->addr;
	p[1] = 0xABCD1234u;
	if (rte_mem_virt2iova(p) != ms->iova)
		return CHILD_BAD_DATA;
	rte_eal_cleanup();
	return CHILD_OK;
}

#define N_OBJS 100
#define BIG_ALLOC (6u << 20) /* more than any free element: the heap must grow */

/*
 * Secondary: memzone, ring and mempool made by the primary, found by name;
 * objects go both ways through the ring; a big rte_malloc grows the heap.
 */
static int child_objects(void)
{
	const struct rte_memzone *mz;
	struct rte_ring *ring;
	struct rte_mempool *mp;
	void *objs[N_OBJS];
	uint8_t *big;

	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	mz = rte_memzone_lookup("mp_zone");
	ring = rte_ring_lookup("mp_ring");
	mp = rte_mempool_lookup("mp_pool");
	if (mz == NULL || ring == NULL || mp == NULL)
		return CHILD_BAD_DATA;
	if (strcmp(mz->addr, "hello from the primary") != 0)
		return CHILD_BAD_DATA;
	if (rte_ring_dequeue_bulk(ring, objs, N_OBJS, NULL) != N_OBJS)
		return CHILD_BAD_DATA;
	for (unsigned int i = 0; i < N_OBJS; i++) {
		if (*(uint32_t *)objs[i] != i)
			return CHILD_BAD_DATA;
		*(uint32_t *)objs[i] = 1000 + i;
	}
	if (rte_ring_enqueue_bulk(ring, objs, N_OBJS, NULL) != N_OBJS)
		return CHILD_BAD_DATA;
	big = rte_malloc("from-secondary", BIG_ALLOC, 0);
	if (big == NULL)
		return CHILD_ALLOC_FAILED;
	memset(big, 0x5A, BIG_ALLOC);
	if (rtemem_malloc_heap_check(NULL) != 0)
		return CHILD_BAD_DATA;
	if (rte_ring_enqueue(ring, big) != 0)
		return CHILD_BAD_DATA;
	rte_eal_cleanup();
	return CHILD_OK;
}

/*
 * Secondary: the primary's dynamic field, flag and user pool ops are found
 * at the same places; the same registration is answered, a new one refused.
 */
static int child_mbuf_dyn(void)
{
	struct rte_mbuf_dynfield f;
	struct rte_mbuf_dynflag fl;
	const char *ops;

	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	memset(&f, 0, sizeof(f));
	if (rte_mbuf_dynfield_lookup("mp_field", &f) != 96 || f.size != 8 || f.align != 8)
		return CHILD_BAD_DATA;
	if (rte_mbuf_dynfield_register(&f) != 96)
		return CHILD_BAD_DATA;
	if (rte_mbuf_dynflag_lookup("mp_flag", &fl) != 23)
		return CHILD_BAD_DATA;
	snprintf(f.name, sizeof(f.name), "mp_new_field");
	rte_errno = 0;
	if (rte_mbuf_dynfield_register(&f) != -1 || rte_errno != EPERM)
		return CHILD_BAD_DATA;
	ops = rte_mbuf_user_mempool_ops();
	if (ops == NULL || strcmp(ops, "ring_sp_sc") != 0 ||
	    strcmp(rte_mbuf_best_mempool_ops(), "ring_sp_sc") != 0)
		return CHILD_BAD_DATA;
	rte_eal_cleanup();
	return CHILD_OK;
}

/* Secondary: write over the primary's block named in "zfree", free it. */
#define ZFREE_SIZE 65536

static int child_zfree(void)
{
	const struct rte_memzone *mz;
	void *p;

	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	mz = rte_memzone_lookup("zfree");
	if (mz == NULL)
		return CHILD_BAD_DATA;
	p = *(void *const *)mz->addr;
	if (rte_malloc_validate(p, NULL) != 0)
		return CHILD_BAD_DATA;
	memset(p, 0xa5, ZFREE_SIZE);
	rte_free(p);
	/* The shared free-element index, seen from here, holds the block. */
	if (rtemem_malloc_heap_check(NULL) != 0)
		return CHILD_BAD_DATA;
	rte_eal_cleanup();
	return CHILD_OK;
}

/* Shared between the primary and the secondary it will kill. */
struct kill_ctl {
	volatile int stop;    /* primary: park between two operations */
	volatile int parked;  /* secondary: parked, kill me */
	volatile unsigned long ops;
};

/* Secondary: allocate and free at random until told to park, then wait. */
static int child_killed(void)
{
	const struct rte_memzone *mz;
	struct kill_ctl *ctl;
	void *live[64] = { NULL };
	unsigned int seed = 12345;

	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	mz = rte_memzone_lookup("mp_kill");
	if (mz == NULL)
		return CHILD_BAD_DATA;
	ctl = mz->addr;
	for (;;) {
		unsigned int slot = (unsigned int)rand_r(&seed) % 64;
		size_t size = 64 + (size_t)rand_r(&seed) % 65536;

		rte_free(live[slot]);
		live[slot] = rte_malloc(NULL, size, 0);
		if (live[slot] != NULL)
			memset(live[slot], 0xEE, size);
		ctl->ops++;
		if (ctl->stop) {
			ctl->parked = 1;
			for (;;)
				rte_pause();
		}
	}
}

/*
 * Secondary: pages asked of the primary and given back through it; a
 * request the primary cannot satisfy fails here with its errno.
 */
static int child_alloc_free(void)
{
	struct rte_memseg *ms, *many[64];
	struct rte_memseg_list *msl;
	unsigned int before;
	void *addr;
	int ret;

	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	if (rte_eal_process_type() != RTE_PROC_SECONDARY || rte_eal_primary_proc_alive(NULL) != 1)
		return CHILD_BAD_DATA;
	msl = &eal_mcfg()->memsegs[0];
	before = msl->memseg_arr.count;
	rte_mcfg_mem_write_lock();
	ms = eal_memalloc_alloc_seg(hugepage_size(), 0);
	rte_mcfg_mem_write_unlock();
	if (ms == NULL)
		return CHILD_ALLOC_FAILED;
	addr = ms->addr;
	((volatile uint64_t *)addr)[0] = 0x1234; /* mapped here */
	if (msl->memseg_arr.count != before + 1 || rte_mem_virt2memseg(addr, NULL) != ms)
		return CHILD_BAD_DATA;
	rte_mcfg_mem_write_lock();
	ret = eal_memalloc_free_seg(ms);
	rte_mcfg_mem_write_unlock();
	if (ret != 0 || msl->memseg_arr.count != before || rte_mem_virt2memseg(addr, NULL) != NULL)
		return CHILD_BAD_DATA;
	/* Freed twice: the primary cleared the segment, so it is refused here.
	 * Internal calls return -errno and leave rte_errno alone. */
	rte_errno = 0;
	rte_mcfg_mem_write_lock();
	ret = eal_memalloc_free_seg(ms);
	rte_mcfg_mem_write_unlock();
	if (ret != -EINVAL || rte_errno != 0)
		return CHILD_BAD_DATA;
	/* A segment that is in no list is refused without asking. */
	{
		struct rte_memseg fake;

		memset(&fake, 0, sizeof(fake));
		fake.addr = &fake;
		if (eal_memalloc_free_seg(&fake) != -EINVAL || rte_errno != 0)
			return CHILD_BAD_DATA;
	}
	/* More pages than a list holds: the primary's refusal comes back. */
	rte_mcfg_mem_write_lock();
	ret = eal_memalloc_alloc_seg_bulk(NULL, RTE_MAX_MEMSEG_PER_LIST + 1, hugepage_size(), 0,
					  true);
	rte_mcfg_mem_write_unlock();
	if (ret != -EINVAL || rte_errno != 0 || msl->memseg_arr.count != before)
		return CHILD_BAD_DATA;
	/* More pages than the sim machine has (8): its ENOMEM. */
	if (rtetest_hal_is_sim()) {
		rte_mcfg_mem_write_lock();
		ret = eal_memalloc_alloc_seg_bulk(many, 64, hugepage_size(), 0, true);
		rte_mcfg_mem_write_unlock();
		if (ret != -ENOMEM || rte_errno != 0 || msl->memseg_arr.count != before)
			return CHILD_BAD_DATA;
	}
	rte_eal_cleanup();
	return CHILD_OK;
}

/* --proc-type=auto next to a live primary: a secondary. */
static int child_auto(void)
{
	if (eal_up("auto", NULL) < 0)
		return CHILD_INIT_FAILED;
	if (rte_eal_process_type() != RTE_PROC_SECONDARY)
		return CHILD_BAD_DATA;
	rte_eal_cleanup();
	return CHILD_OK;
}

/* A secondary that must be refused: the exit code is its rte_errno. */
static int child_refused(const char *extra)
{
	if (eal_up("secondary", extra) == 0) {
		rte_eal_cleanup();
		return CHILD_OK;
	}
	return rte_errno;
}

static int child_primary(void)
{
	int ret = eal_up("primary", NULL);

	if (ret < 0)
		return rte_errno == EBUSY ? CHILD_INIT_FAILED : CHILD_BAD_DATA;
	rte_eal_cleanup();
	return CHILD_OK;
}

/* A primary that dies without cleaning up. */
static int child_crashing_primary(void)
{
	if (eal_up("primary", "--sim=pages=4") < 0)
		return CHILD_INIT_FAILED;
	rte_mcfg_mem_write_lock();
	eal_memalloc_alloc_seg(hugepage_size(), 0);
	rte_mcfg_mem_write_unlock();
	raise(SIGKILL);
	return CHILD_BAD_DATA;
}


/* ---- killed at random points ---------------------------------------------- */

/* Shared between the primary and the secondaries it kills. */
struct churn_ctl {
	volatile unsigned long ops;
};

#define CHURN_SLOTS 32

/*
 * Secondary: rte_malloc/rte_free of random sizes, memzone reserve/free and
 * now and then a block big enough to grow the heap, until killed.
 */
static int child_churn(void)
{
	const struct rte_memzone *mz;
	struct churn_ctl *ctl;
	void *live[CHURN_SLOTS] = { NULL };
	unsigned int seed = (unsigned int)getpid();
	char name[RTE_MEMZONE_NAMESIZE];

	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	mz = rte_memzone_lookup("mp_churn");
	if (mz == NULL)
		return CHILD_BAD_DATA;
	ctl = mz->addr;
	snprintf(name, sizeof(name), "churn%d", (int)getpid());
	for (;;) {
		unsigned int op = (unsigned int)rand_r(&seed) % 100;

		if (op < 80) {
			unsigned int slot = (unsigned int)rand_r(&seed) % CHURN_SLOTS;
			size_t size = 64 + (size_t)rand_r(&seed) % 4096;

			rte_free(live[slot]);
			live[slot] = rte_malloc(NULL, size, 0);
		} else if (op < 98) {
			const struct rte_memzone *z = rte_memzone_reserve(name, 8192, SOCKET_ID_ANY, 0);

			if (z != NULL)
				rte_memzone_free(z);
		} else {
			rte_free(rte_malloc(NULL, 3u << 20, 0)); /* maps pages and gives them back */
		}
		ctl->ops++;
	}
}

#ifdef RTEMEM_HAL_sim
/* Shared with a secondary whose next page attach fails. */
struct attach_ctl {
	volatile int armed;   /* secondary: the fault is armed */
	volatile int done;    /* primary: the allocation is over */
	volatile unsigned int used; /* primary: pages in use */
	void *volatile page;  /* detach test: a page both look at */
};

static unsigned int pages_in_use(void)
{
	unsigned int n = 0;

	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++)
		if (eal_mcfg()->memsegs[i].base_va != NULL)
			n += eal_mcfg()->memsegs[i].memseg_arr.count;
	return n;
}

/*
 * Secondary: the next page it attaches fails. After the primary's
 * allocation (which must fail because of it) its lists say what the
 * primary's say, and a new page is seen here again.
 */
static int child_attach_fail(void)
{
	const struct rte_memzone *mz;
	struct attach_ctl *ctl;
	uint8_t *p;

	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	mz = rte_memzone_lookup("mp_attach");
	if (mz == NULL)
		return CHILD_BAD_DATA;
	ctl = mz->addr;
	sim_fault_arm(SIM_OP_PAGE_ATTACH, 1);
	ctl->armed = 1;
	while (!ctl->done)
		usleep(1000);
	/* (Not sim_fault_calls: the IPC thread counts, unsynchronised.) */
	if (pages_in_use() != ctl->used)
		return CHILD_BAD_DATA;
	/* The fault was one-shot: growing works again, here and there. */
	p = rte_malloc(NULL, 3u << 20, 0);
	if (p == NULL)
		return CHILD_ALLOC_FAILED;
	memset(p, 0x3C, 3u << 20);
	rte_free(p);
	rte_eal_cleanup();
	return CHILD_OK;
}
/* Whether this process maps va from a file (a page) rather than holding a
 * bare reservation there, by /proc/self/maps. */
static bool va_maps_a_file(const void *va)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	bool ret = false;

	if (f == NULL)
		return true;
	while (fgets(line, sizeof(line), f) != NULL) {
		unsigned long lo, hi, ino;

		if (sscanf(line, "%lx-%lx %*s %*s %*s %lu", &lo, &hi, &ino) == 3 &&
		    lo <= (uintptr_t)va && (uintptr_t)va < hi) {
			ret = ino != 0;
			break;
		}
	}
	fclose(f);
	return ret;
}

/*
 * The secondary cannot read the machine file the primary left in the
 * runtime directory (fault point machine_file): rte_eal_init fails with
 * EIO and leaves nothing behind, so the same process attaches next time.
 */
static int child_machine_file_fail(void)
{
	void *p;

	sim_fault_arm(SIM_OP_MACHINE_FILE, 1);
	rte_errno = 0;
	if (eal_up("secondary", NULL) >= 0) {
		rte_eal_cleanup();
		return CHILD_BAD_DATA;
	}
	if (rte_errno != EIO)
		return CHILD_BAD_DATA;
	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	p = rte_malloc(NULL, 64, 0);
	if (rte_eal_process_type() != RTE_PROC_SECONDARY || p == NULL)
		return CHILD_BAD_DATA;
	rte_free(p);
	rte_eal_cleanup();
	return CHILD_OK;
}

/*
 * Secondary: unmapping the pages the primary gives back fails once; the
 * old page stays mapped here, but when the slot is used again this process
 * sees the new page, not the old one.
 */
static int child_detach_fail(void)
{
	const struct rte_memzone *mz;
	struct attach_ctl *ctl;
	void *stale, *p;

	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	mz = rte_memzone_lookup("mp_detach");
	if (mz == NULL)
		return CHILD_BAD_DATA;
	ctl = mz->addr;
	stale = ctl->page;
	if (!va_maps_a_file(stale))
		return CHILD_BAD_DATA; /* attached at start-up */
	sim_fault_arm(SIM_OP_PAGE_DETACH, 1);
	ctl->armed = 1;
	while (!ctl->done)
		usleep(1000);
	if (pages_in_use() != ctl->used)
		return CHILD_BAD_DATA;
	/* The slots are used again: what we write, the primary must see. */
	p = rte_malloc(NULL, 3u << 20, 0);
	if (p == NULL)
		return CHILD_ALLOC_FAILED;
	memset(p, 0x5A, 3u << 20);
	ctl->page = p;
	rte_eal_cleanup();
	return CHILD_OK;
}

/* Secondary: its request to the primary cannot be sent (ipc_send fault). */
static int child_send_fail(void)
{
	unsigned int used;
	void *p;

	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	used = pages_in_use();
	sim_fault_arm(SIM_OP_IPC_SEND, 1);
	rte_errno = 0;
	p = rte_malloc(NULL, 3u << 20, 0); /* needs pages: asks the primary */
	if (p != NULL || rte_errno != ENOMEM || pages_in_use() != used)
		return CHILD_BAD_DATA;
	p = rte_malloc(NULL, 3u << 20, 0);
	if (p == NULL)
		return CHILD_ALLOC_FAILED;
	rte_free(p);
	rte_eal_cleanup();
	return CHILD_OK;
}
#endif

/* ---- rte_mp_* messages ---------------------------------------------------- */

static volatile int mp_bye;

static void mp_msg_init(struct rte_mp_msg *m, const char *name, uint32_t value)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "%s", name);
	m->len_param = sizeof(value);
	memcpy(m->param, &value, sizeof(value));
}

static uint32_t mp_value(const struct rte_mp_msg *m)
{
	uint32_t v;

	memcpy(&v, m->param, sizeof(v));
	return v;
}

/* Secondary's "ping": twice the value, and a pipe whose data says "fd-ok". */
static int on_ping(const struct rte_mp_msg *msg, const void *peer)
{
	struct rte_mp_msg r;
	int p[2];

	mp_msg_init(&r, msg->name, 2 * mp_value(msg));
	if (pipe(p) != 0)
		return -1;
	if (write(p[1], "fd-ok", 5) == 5) {
		r.num_fds = 1;
		r.fds[0] = p[0];
	}
	close(p[1]);
	rte_mp_reply(&r, peer);
	close(p[0]); /* the primary has its own descriptor now */
	return 0;
}

static int on_bye(const struct rte_mp_msg *msg, const void *peer)
{
	RTE_SET_USED(peer);
	__atomic_store_n(&mp_bye, (int)mp_value(msg), __ATOMIC_RELEASE);
	return 0;
}

/* Secondary: answers "ping", says "ready" to the primary, leaves on "bye". */
static int child_mp_echo(void)
{
	struct timespec ts = { 5, 0 };
	struct rte_mp_reply rep;
	struct rte_mp_msg req;

	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	if (rte_mp_action_register("ping", on_ping) != 0 ||
	    rte_mp_action_register("bye", on_bye) != 0)
		return CHILD_BAD_DATA;
	if (rte_mp_action_register("ping", on_bye) != -1 || rte_errno != EEXIST)
		return CHILD_BAD_DATA;
	if (rte_mp_disable()) /* only a primary without secondaries may */
		return CHILD_BAD_DATA;
	mp_msg_init(&req, "ready", (uint32_t)getpid());
	memset(&rep, 0xA5, sizeof(rep));
	if (rte_mp_request_sync(&req, &rep, &ts) != 0 || rep.nb_sent != 1 ||
	    rep.nb_received != 1 || strcmp(rep.msgs[0].name, "ready") != 0 ||
	    mp_value(&rep.msgs[0]) != 0x600Du || rep.msgs[0].num_fds != 0)
		return CHILD_BAD_DATA;
	free(rep.msgs);
	for (int i = 0; i < 1000 && __atomic_load_n(&mp_bye, __ATOMIC_ACQUIRE) == 0; i++)
		usleep(10000);
	rte_eal_cleanup();
	return __atomic_load_n(&mp_bye, __ATOMIC_ACQUIRE) == 0xB7E ? CHILD_OK : CHILD_BAD_DATA;
}

/* Secondary: attach the primary's external area and read its IOVAs. */
static int child_extmem(void)
{
	struct rte_memseg_list *ext = NULL;
	struct rte_memseg *ms;
	int ret = CHILD_OK;

	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS && ext == NULL; i++)
		if (eal_mcfg()->memsegs[i].external)
			ext = &eal_mcfg()->memsegs[i];
	if (ext == NULL || rte_extmem_attach(ext->base_va, ext->len - 1) != -1 ||
	    rte_errno != ENOENT || rte_extmem_attach(ext->base_va, ext->len) != 0)
		return CHILD_BAD_DATA;
	ms = rte_mem_virt2memseg(RTE_PTR_ADD(ext->base_va, ext->page_sz), ext);
	if (ms == NULL || ms->iova != 0xE0000000u + ext->page_sz)
		ret = CHILD_BAD_DATA;
	if (rte_extmem_detach(ext->base_va, ext->len) != 0)
		ret = CHILD_BAD_DATA;
	rte_eal_cleanup();
	return ret;
}

/* The application's memory for an external heap: a file both processes map. */
#define EXT_HEAP_FILE "/dev/shm/rtetest-%s-extheap"
#define EXT_HEAP_FILL 0x5E
#define EXT_HEAP_CHILD_FILL 0xC3

/*
 * Secondary: map the primary's external heap memory at its address, attach
 * it, check and free the primary's block, leave one of its own.
 */
static int child_ext_heap(void)
{
	const struct rte_memseg_list *msl = NULL;
	const struct rte_memzone *mz;
	char path[128];
	uint8_t *p, *mine;
	size_t sz = 0;
	void **slots;
	void *va;
	int sock, fd, ret = CHILD_OK;

	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	sock = rte_malloc_heap_get_socket("ext");
	mz = rte_memzone_lookup("ext_slots");
	if (sock < RTE_MAX_NUMA_NODES || rte_malloc_heap_socket_is_external(sock) != 1 ||
	    mz == NULL)
		return CHILD_BAD_DATA;
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS && msl == NULL; i++) {
		const struct rte_memseg_list *l = &eal_mcfg()->memsegs[i];

		if (l->base_va != NULL && l->external && l->heap && l->socket_id == sock)
			msl = l;
	}
	if (msl == NULL)
		return CHILD_BAD_DATA;
	snprintf(path, sizeof(path), EXT_HEAP_FILE, prefix);
	fd = open(path, O_RDWR);
	if (fd < 0)
		return CHILD_BAD_DATA;
	va = mmap(msl->base_va, msl->len, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
	close(fd);
	if (va != msl->base_va)
		return CHILD_ALLOC_FAILED;
	if (rte_malloc_heap_memory_attach("ext", va, msl->len - 1) != -1 || rte_errno != ENOENT ||
	    rte_malloc_heap_memory_attach("ext", va, msl->len) != 0)
		return CHILD_BAD_DATA;
	slots = mz->addr;
	p = slots[0];
	if (rte_malloc_validate(p, &sz) != 0 || sz < 512)
		ret = CHILD_BAD_DATA;
	for (size_t i = 0; i < 512 && ret == CHILD_OK; i++)
		if (p[i] != EXT_HEAP_FILL)
			ret = CHILD_BAD_DATA;
	rte_free(p);
	mine = rte_malloc_socket(NULL, 300, 0, sock);
	if (mine == NULL || (uintptr_t)mine < (uintptr_t)va ||
	    (uintptr_t)mine >= (uintptr_t)va + msl->len)
		ret = CHILD_ALLOC_FAILED;
	else
		memset(mine, EXT_HEAP_CHILD_FILL, 300);
	slots[1] = mine;
	if (rtemem_malloc_heap_check(NULL) != 0)
		ret = CHILD_BAD_DATA;
	if (rte_malloc_heap_memory_detach("ext", va, msl->len) != 0)
		ret = CHILD_BAD_DATA;
	munmap(va, msl->len);
	rte_eal_cleanup();
	return ret;
}

#ifdef RTEMEM_HAL_sim
/* Secondary: a memzone on pages the primary maps for us (heap growth). */
static int child_dma_zone(void)
{
	const struct rte_memzone *mz;

	if (eal_up("secondary", NULL) < 0)
		return CHILD_INIT_FAILED;
	mz = rte_memzone_reserve("dma_zone", 3 * hugepage_size(), 0, 0);
	if (mz == NULL)
		return CHILD_ALLOC_FAILED;
	memset(mz->addr, 0x5a, mz->len);
	rte_eal_cleanup();
	return CHILD_OK;
}
#endif

static pid_t start_child(const char *role)
{
	pid_t pid = fork();

	if (pid == 0) {
		char *argv[] = { self_path, "child", (char *)role, prefix, NULL };

		rtetest_execv(self_path, argv);
		_exit(127);
	}
	assert_true(pid > 0);
	return pid;
}

static int run_child(const char *role)
{
	pid_t pid = start_child(role);
	int status;

	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* ---- tests ---------------------------------------------------------------- */

static void skip_unless_shared_memory(void)
{
	if (rtetest_no_hugepages())
		skip();
}

static void new_prefix(const char *what)
{
	snprintf(prefix, sizeof(prefix), "mp%d%s", (int)getpid(), what);
}

static void test_secondary_sees_primary_memory(void **state)
{
	struct rte_memseg *ms[2];
	uint32_t *p;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("share");
	assert_true(eal_up("primary", "--sim=pages=8") >= 0);
	rte_mcfg_mem_write_lock();
	assert_int_equal(eal_memalloc_alloc_seg_bulk(ms, 2, hugepage_size(), 0, true), 2);
	rte_mcfg_mem_write_unlock();
	p = ms[0]->addr;
	for (unsigned int i = 0; i < 1024; i++)
		p[i] = 0xC0FFEE00u + i;

	assert_int_equal(run_child("secondary"), CHILD_OK);

	/* The child's write is in our memory, and its page is in our lists. */
	assert_int_equal(p[0], 0x5EC0DA11u);
	assert_int_equal(eal_mcfg()->memsegs[0].memseg_arr.count, 3);
	{
		struct rte_memseg *third = rte_fbarray_get(&eal_mcfg()->memsegs[0].memseg_arr, 2);

		assert_int_equal(((uint32_t *)third->addr)[1], 0xABCD1234u);
	}
	assert_int_equal(rte_eal_cleanup(), 0);
}

static void test_second_primary_refused(void **state)
{
	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("two");
	assert_true(eal_up("primary", "--sim=pages=2") >= 0);
	assert_int_equal(run_child("primary"), CHILD_INIT_FAILED);
	assert_int_equal(rte_eal_cleanup(), 0);
	/* With the first one gone, a primary starts again. */
	assert_int_equal(run_child("primary"), CHILD_OK);
}

static void test_secondary_without_primary(void **state)
{
	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("none");
	rte_log_set_global_level(RTE_LOG_EMERG);
	assert_int_equal(eal_up("secondary", NULL), -1);
	assert_int_equal(rte_errno, ENOENT);
	rte_log_set_global_level(RTE_LOG_DEBUG);
	assert_int_equal(run_child("secondary"), CHILD_INIT_FAILED);
}

static void test_stale_files_reclaimed(void **state)
{
	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("stale");
	assert_int_equal(run_child("crash"), 128 + SIGKILL);
	/* Its files are still there, but nobody holds the lock: no secondary. */
	assert_int_equal(run_child("refused"), ENOENT);
	/* A new primary takes over. */
	assert_true(eal_up("primary", "--sim=pages=4") >= 0);
	assert_int_equal(eal_mcfg()->memsegs[0].memseg_arr.count, 0);
	assert_int_equal(rte_eal_get_physmem_size(), 0);
	assert_int_equal(rte_eal_cleanup(), 0);
}

static void test_auto_becomes_secondary(void **state)
{
	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("auto");
	assert_true(eal_up("auto", "--sim=pages=2") >= 0);
	assert_int_equal(rte_eal_process_type(), RTE_PROC_PRIMARY);
	assert_int_equal(rte_eal_cleanup(), 0);
}

static void test_secondary_alloc_and_free(void **state)
{
	unsigned int free_before = 0;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("free");
	assert_true(eal_up("primary", "--sim=pages=8") >= 0);
#ifdef RTEMEM_HAL_sim
	free_before = sim_pool_free_pages(0);
#endif
	assert_int_equal(run_child("alloc_free"), CHILD_OK);
	assert_int_equal(eal_mcfg()->memsegs[0].memseg_arr.count, 0);
#ifdef RTEMEM_HAL_sim
	assert_int_equal(sim_pool_free_pages(0), free_before);
#endif
	RTE_SET_USED(free_before);
	assert_int_equal(rte_eal_cleanup(), 0);
}

#ifdef RTEMEM_HAL_sim
/*
 * The primary's device reaches pages a secondary's heap grew onto: the
 * primary maps them into its IOMMU when it maps them for the secondary
 * (the secondary's own memory events stay in the secondary); once they
 * are freed they are unmapped.
 */
static void test_secondary_pages_dma_mapped(void **state)
{
	const uint8_t word[8] = { 9, 8, 7, 6, 5, 4, 3, 2 };
	rte_iova_t iova[3];
	const struct rte_memzone *mz;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("dma");
	assert_true(eal_up("primary", "--sim=pages=16,nic=x710") >= 0);
	assert_int_equal(rte_eth_dev_count_avail(), 1);
	assert_int_equal(run_child("dma_zone"), CHILD_OK);
	mz = rte_memzone_lookup("dma_zone");
	assert_non_null(mz);
	for (int i = 0; i < 3; i++) {
		uint8_t *va = RTE_PTR_ADD(mz->addr, (size_t)i * hugepage_size());

		iova[i] = rte_mem_virt2iova(va);
		assert_true(sim_iommu_is_mapped(iova[i]));
		assert_int_equal(sim_dma_write(iova[i], word, sizeof(word)), 0);
		assert_memory_equal(va, word, sizeof(word));
		assert_int_equal(va[sizeof(word)], 0x5a);
	}
	assert_int_equal(rte_memzone_free(mz), 0);
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);
	for (int i = 0; i < 3; i++)
		assert_false(sim_iommu_is_mapped(iova[i]));
	assert_int_equal(rte_eal_cleanup(), 0);
}
#endif

/*
 * Processes that try to be primary and find the prefix taken (a second
 * primary, --proc-type=auto) leave the running primary's files alone:
 * secondaries still attach after them. (In sim, both used to rewrite and
 * then delete the machine description secondaries read.)
 */
static void test_refused_primary_leaves_files(void **state)
{
	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("keep");
	assert_true(eal_up("primary", "--sim=pages=4") >= 0);
	assert_int_equal(run_child("primary"), CHILD_INIT_FAILED);
	assert_int_equal(run_child("refused"), CHILD_OK); /* a plain secondary */
	assert_int_equal(run_child("auto"), CHILD_OK);
	assert_int_equal(run_child("auto"), CHILD_OK);
	assert_int_equal(run_child("refused"), CHILD_OK);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/*
 * A secondary refuses a primary it cannot work with: another build's
 * config, one still starting, a different IOVA mode.
 */
static void test_secondary_refusals(void **state)
{
	struct rte_mem_config *mcfg;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("refuse");
	assert_true(eal_up("primary", "--sim=pages=2") >= 0);
	mcfg = eal_mcfg();
	mcfg->version ^= 0xff00;
	assert_int_equal(run_child("refused"), EPROTO);
	mcfg->version ^= 0xff00;
	mcfg->magic = 0;
	assert_int_equal(run_child("refused"), EAGAIN);
	mcfg->magic = RTE_MAGIC;
	assert_int_equal(run_child(rte_eal_iova_mode() == RTE_IOVA_PA ? "refused_va" : "refused_pa"),
			 EINVAL);
	/* With everything as it should be, the same child is welcome. */
	assert_int_equal(run_child("refused"), CHILD_OK);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/*
 * The primary's side of the IPC protocol (docs/multi-process.md) against
 * requests no rtemem secondary sends: datagrams of the wrong size or magic
 * and unknown kinds get no answer, bad allocation and free requests get
 * -EINVAL, and the primary's memory is as before. The layout here is the
 * wire format of struct mp_msg in src/eal_mp.c.
 */
struct wire_msg {
	uint32_t magic;
	uint32_t kind;
	int32_t result;
	int32_t socket;
	uint64_t page_sz;
	int32_t n_segs;
	int32_t exact;
	int32_t list;
	int32_t idx;
	uint32_t id; /* copied into the reply */
};

enum { WIRE_STOP = 1, WIRE_ALLOC = 3, WIRE_FREE = 4, WIRE_REPLY = 5 };

/*
 * Send req to the primary's socket from a socket called name (NULL: an
 * exchange socket of this process, as a secondary's requests come from),
 * holding the memory hotplug lock if locked; the reply's result, or 1 if
 * none came.
 */
static int wire_exchange_from(const char *name, bool locked, const void *req, size_t len)
{
	char own[32], peer[HAL_IPC_NAME_MAX];
	struct wire_msg reply;
	int fd, n;

	snprintf(own, sizeof(own), "mp_x_%d_wire", (int)getpid());
	if (name == NULL)
		name = own;
	fd = hal_ipc_open(name);
	assert_true(fd >= 0);
	if (locked)
		rte_mcfg_mem_write_lock();
	assert_int_equal(hal_ipc_send(fd, "mp_socket", req, len), 0);
	n = hal_ipc_recv(fd, &reply, sizeof(reply), peer, 300);
	if (locked)
		rte_mcfg_mem_write_unlock();
	hal_ipc_close(fd, name);
	if (n < 0)
		return 1;
	assert_int_equal(n, sizeof(reply));
	assert_int_equal(reply.magic, RTE_MAGIC);
	assert_int_equal(reply.kind, WIRE_REPLY);
	assert_int_equal(reply.id, ((const struct wire_msg *)req)->id);
	return reply.result;
}

static int wire_exchange(const void *req, size_t len)
{
	return wire_exchange_from(NULL, true, req, len);
}

static void test_primary_refuses_bad_requests(void **state)
{
	struct wire_msg m;
	struct rte_memseg *ms;
	uint32_t version;
	char junk[3] = { 1, 2, 3 };

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("wire");
	assert_true(eal_up("primary", "--sim=pages=4") >= 0);
	rte_mcfg_mem_write_lock();
	ms = eal_memalloc_alloc_seg(hugepage_size(), 0);
	rte_mcfg_mem_write_unlock();
	assert_non_null(ms);
	version = eal_mcfg()->memsegs[0].version;

	assert_int_equal(wire_exchange(junk, sizeof(junk)), 1);
	memset(&m, 0, sizeof(m));
	m.magic = RTE_MAGIC ^ 1;
	m.kind = WIRE_ALLOC;
	assert_int_equal(wire_exchange(&m, sizeof(m)), 1);
	m.magic = RTE_MAGIC;
	m.kind = 99;
	assert_int_equal(wire_exchange(&m, sizeof(m)), 1);

	m.kind = WIRE_ALLOC;
	m.id = 0x1d1d;
	m.page_sz = hugepage_size();
	m.n_segs = 0;
	assert_int_equal(wire_exchange(&m, sizeof(m)), -EINVAL);
	m.n_segs = RTE_MAX_MEMSEG_PER_LIST + 1;
	assert_int_equal(wire_exchange(&m, sizeof(m)), -EINVAL);

	memset(&m, 0, sizeof(m));
	m.magic = RTE_MAGIC;
	m.kind = WIRE_FREE;
	m.list = -1;
	assert_int_equal(wire_exchange(&m, sizeof(m)), -EINVAL);
	m.list = RTE_MAX_MEMSEG_LISTS;
	assert_int_equal(wire_exchange(&m, sizeof(m)), -EINVAL);
	m.list = RTE_MAX_MEMSEG_LISTS - 1; /* no such list in this machine */
	assert_int_equal(wire_exchange(&m, sizeof(m)), -EINVAL);
	m.list = 0;
	m.idx = -1;
	assert_int_equal(wire_exchange(&m, sizeof(m)), -EINVAL);
	m.idx = (int32_t)eal_mcfg()->memsegs[0].memseg_arr.len;
	assert_int_equal(wire_exchange(&m, sizeof(m)), -EINVAL);
	m.idx = 3; /* a page nobody mapped */
	assert_int_equal(wire_exchange(&m, sizeof(m)), -EINVAL);

	/* A proper request, but the sender does not hold the hotplug lock
	 * (stale: its secondary gave up and let it go), or is not a
	 * requester's exchange socket: refused. */
	m.idx = rte_fbarray_find_idx(&eal_mcfg()->memsegs[0].memseg_arr, ms);
	assert_int_equal(wire_exchange_from(NULL, false, &m, sizeof(m)), -EPERM);
	assert_int_equal(wire_exchange_from("wire", true, &m, sizeof(m)), -EPERM);
	m.kind = WIRE_ALLOC;
	m.page_sz = hugepage_size();
	m.n_segs = 1;
	assert_int_equal(wire_exchange_from(NULL, false, &m, sizeof(m)), -EPERM);
	/* A stop message from anyone but the primary itself is dropped. */
	m.kind = WIRE_STOP;
	assert_int_equal(wire_exchange(&m, sizeof(m)), 1);

	/* Nothing changed, and a proper request still works. */
	assert_int_equal(eal_mcfg()->memsegs[0].version, version);
	assert_int_equal(eal_mcfg()->memsegs[0].memseg_arr.count, 1);
	m.kind = WIRE_FREE;
	assert_int_equal(wire_exchange(&m, sizeof(m)), 0);
	assert_int_equal(eal_mcfg()->memsegs[0].memseg_arr.count, 0);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/*
 * A free request naming a page the heap still uses (a mistaken or forged
 * one: a secondary takes its pages out of the heap before it asks) is
 * refused, with or without the heap's lock held by the sender, and the
 * memory stays: the primary never unmaps memory a heap hands out.
 */
static void test_primary_keeps_heap_pages(void **state)
{
	struct rte_malloc_socket_stats before, after;
	struct rte_memseg_list *msl;
	struct rte_memseg *ms;
	struct wire_msg m;
	uint8_t *block;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("heapfree");
	assert_true(eal_up("primary", "--sim=pages=4") >= 0);
	block = rte_malloc(NULL, 4096, 0);
	assert_non_null(block);
	memset(block, 0xa5, 4096);
	assert_int_equal(rte_malloc_get_socket_stats(0, &before), 0);
	ms = rte_mem_virt2memseg(block, NULL);
	msl = rte_mem_virt2memseg_list(block);
	assert_non_null(ms);
	memset(&m, 0, sizeof(m));
	m.magic = RTE_MAGIC;
	m.kind = WIRE_FREE;
	m.id = 0xf7ee;
	m.list = (int32_t)(msl - eal_mcfg()->memsegs);
	m.idx = rte_fbarray_find_idx(&msl->memseg_arr, ms);
	assert_int_equal(wire_exchange(&m, sizeof(m)), -EBUSY);
	assert_int_equal(malloc_heap_lock(malloc_heap_of_list(msl)), 0);
	assert_int_equal(wire_exchange(&m, sizeof(m)), -EBUSY);
	malloc_heap_unlock(malloc_heap_of_list(msl));

	assert_int_equal(rte_fbarray_is_used(&msl->memseg_arr, (unsigned int)m.idx), 1);
	for (int i = 0; i < 4096; i++)
		assert_int_equal(block[i], 0xa5);
	assert_int_equal(rte_malloc_get_socket_stats(0, &after), 0);
	assert_memory_equal(&before, &after, sizeof(before));
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	rte_free(block);
	assert_int_equal(rte_eal_cleanup(), 0);
}

static void test_objects_both_ways(void **state)
{
	const struct rte_memzone *mz;
	struct rte_ring *ring;
	struct rte_mempool *mp;
	void *objs[N_OBJS], *big = NULL;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("objs");
	assert_true(eal_up("primary", "--sim=pages=64") >= 0);
	mz = rte_memzone_reserve("mp_zone", 4096, SOCKET_ID_ANY, 0);
	ring = rte_ring_create("mp_ring", 256, SOCKET_ID_ANY, 0);
	mp = rte_mempool_create("mp_pool", 511, 64, 0, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
	assert_non_null(mz);
	assert_non_null(ring);
	assert_non_null(mp);
	strcpy(mz->addr, "hello from the primary");
	assert_int_equal(rte_mempool_get_bulk(mp, objs, N_OBJS), 0);
	for (unsigned int i = 0; i < N_OBJS; i++)
		*(uint32_t *)objs[i] = i;
	assert_int_equal(rte_ring_enqueue_bulk(ring, objs, N_OBJS, NULL), N_OBJS);

	assert_int_equal(run_child("objects"), CHILD_OK);

	/* Our objects came back rewritten, then the secondary's big block. */
	assert_int_equal(rte_ring_count(ring), N_OBJS + 1);
	assert_int_equal(rte_ring_dequeue_bulk(ring, objs, N_OBJS, NULL), N_OBJS);
	for (unsigned int i = 0; i < N_OBJS; i++)
		assert_int_equal(*(uint32_t *)objs[i], 1000 + i);
	assert_int_equal(rte_ring_dequeue(ring, &big), 0);
	/* The heap grew in the secondary; the primary sees the same bytes. */
	assert_non_null(rte_mem_virt2memseg(big, NULL));
	for (size_t off = 0; off < BIG_ALLOC; off += 4093)
		assert_int_equal(((uint8_t *)big)[off], 0x5A);
	assert_int_equal(rte_malloc_validate(big, NULL), 0);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	rte_free(big); /* the secondary's block, freed here */
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	rte_mempool_put_bulk(mp, objs, N_OBJS);
	assert_int_equal(rte_mempool_avail_count(mp), 511);
	rte_mempool_free(mp);
	rte_ring_free(ring);
	assert_int_equal(rte_memzone_free(mz), 0);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/*
 * Wait until *counter reaches target, or with counter NULL until the child
 * has parked; fail if the child dies first or makes no progress for 10 s
 * (a hang guard on progress, not on the whole wait, which qemu slows).
 */
static void wait_for(pid_t pid, volatile unsigned long *counter, unsigned long target)
{
	const struct kill_ctl *ctl = rte_memzone_lookup("mp_kill")->addr;
	unsigned long last = counter != NULL ? *counter : 0;

	for (int ms = 0; ms < 10000; ms++) {
		int status;

		if (counter != NULL ? *counter >= target : ctl->parked)
			return;
		if (waitpid(pid, &status, WNOHANG) == pid)
			fail_msg("child died early (status %#x)", status);
		if (counter != NULL && *counter != last) {
			last = *counter;
			ms = 0;
		}
		usleep(1000);
	}
	kill(pid, SIGKILL);
	fail_msg("child made no progress in 10 s");
}

static void test_secondary_killed(void **state)
{
	const struct rte_memzone *mz;
	struct kill_ctl *ctl;
	uint8_t *mine;
	pid_t pid;
	int status;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("kill");
	assert_true(eal_up("primary", "--sim=pages=64") >= 0);
	mz = rte_memzone_reserve("mp_kill", sizeof(*ctl), SOCKET_ID_ANY, 0);
	assert_non_null(mz);
	ctl = mz->addr;
	memset(ctl, 0, sizeof(*ctl));
	mine = rte_malloc(NULL, 1 << 20, 0);
	assert_non_null(mine);
	memset(mine, 0x11, 1 << 20);

	pid = start_child("killed");
	wait_for(pid, &ctl->ops, 2000);
	/* Park it between two heap operations, then kill it mid-run. */
	ctl->stop = 1;
	wait_for(pid, (volatile unsigned long *)NULL, 0);
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));

	/* Our heap is consistent, our block intact, and the heap still works. */
	assert_int_equal(malloc_heap_check(&eal_mcfg()->malloc_heaps[0], NULL), 0);
	for (size_t off = 0; off < (1 << 20); off += 4096)
		assert_int_equal(mine[off], 0x11);
	assert_int_equal(rte_malloc_validate(mine, NULL), 0);
	rte_free(mine);
	mine = rte_malloc(NULL, 8 << 20, 0);
	assert_non_null(mine);
	rte_free(mine);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/*
 * A process that dies inside rte_malloc after marking a block busy and
 * padded but before writing the padding header in front of its data: the
 * next locker rebuilds the heap, padding header and (under
 * RTE_MALLOC_DEBUG) its cookie included, rather than give up on it.
 */
static void test_heap_repaired_after_death_mid_pad(void **state)
{
	struct malloc_heap *heap;
	struct malloc_elem *elem, *fake;
	unsigned char *p, *q, *guard, *hole, *pin;
	pid_t pid;
	int status;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("pad");
	assert_true(eal_up("primary", "--sim=pages=16") >= 0);
	heap = &eal_mcfg()->malloc_heaps[0];
	/* A padded block: a hole one cache line bigger than the block needs,
	 * between two busy ones, takes it with its data a line up from the
	 * start, and a line is too little to split off as a free element. */
	guard = rte_malloc(NULL, 64, 0);
	hole = rte_malloc(NULL, 1024 + 64, 0);
	pin = rte_malloc(NULL, 64, 0);
	assert_true(guard != NULL && hole != NULL && pin != NULL);
	rte_free(hole);
	p = rte_malloc(NULL, 1024, 0);
	assert_ptr_equal(p, RTE_PTR_ADD(hole, 64));
	elem = malloc_elem_from_data(p);
	assert_int_equal(elem->pad, 64);
	memset(p, 0x5a, 1024);
	fake = RTE_PTR_ADD(elem, elem->pad);

	pid = fork();
	if (pid == 0) {
		if (malloc_heap_lock(heap) != 0)
			_exit(1);
		/* What update_pad_header writes (the fake's first line is the
		 * real header's second when pad < MALLOC_ELEM_HEADER_LEN),
		 * back to what lay there before. */
		memset(RTE_PTR_ADD(fake, offsetof(struct malloc_elem, state)), 0xa5,
		       MALLOC_ELEM_HEADER_LEN - offsetof(struct malloc_elem, state));
		raise(SIGKILL);
		_exit(2);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

	q = rte_malloc(NULL, 64, 0); /* takes the lock the child died holding */
	assert_non_null(q);
	assert_false(heap->failed);
	assert_int_equal(malloc_heap_check(heap, NULL), 0);
	assert_int_equal(rte_malloc_validate(p, NULL), 0);
	for (int i = 0; i < 1024; i++)
		assert_int_equal(p[i], 0x5a);
	rte_free(q);
	rte_free(p);
	rte_free(pin);
	rte_free(guard);
	assert_int_equal(malloc_heap_check(heap, NULL), 0);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/*
 * A process that dies holding a heap's lock with the element chain broken
 * beyond repair (a link pointing back at its own element): the next locker
 * marks that heap failed. Every call on it then fails with
 * ENOTRECOVERABLE instead of following the broken chain, its blocks stay
 * where they are (their bytes intact, a free of one refused), and the
 * other socket's heap goes on as before.
 */
static void test_heap_failed_when_beyond_repair(void **state)
{
	struct rte_malloc_socket_stats st;
	struct malloc_heap *heap;
	unsigned char *p, *other;
	bool two;
	pid_t pid;
	int status;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("fail");
	assert_true(eal_up("primary", "--sim=pages=16,sockets=2") >= 0);
	heap = &eal_mcfg()->malloc_heaps[malloc_socket_to_heap_id(0)];
	/* another socket's heap, where the machine has one (sim: always) */
	two = rte_socket_count() > 1;
	p = rte_malloc_socket(NULL, 1024, 0, 0);
	other = two ? rte_malloc_socket(NULL, 1024, 0, 1) : NULL;
	assert_true(p != NULL && (other != NULL || !two));
	memset(p, 0x3c, 1024);

	pid = fork();
	if (pid == 0) {
		if (malloc_heap_lock(heap) != 0)
			_exit(1);
		heap->first->next = heap->first;
		raise(SIGKILL);
		_exit(2);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

	rte_errno = 0;
	assert_null(rte_malloc_socket(NULL, 64, 0, 0));
	assert_int_equal(rte_errno, ENOTRECOVERABLE);
	assert_true(heap->failed);
	rte_errno = 0;
	assert_null(rte_zmalloc_socket(NULL, 64, 0, 0));
	assert_int_equal(rte_errno, ENOTRECOVERABLE);
	rte_errno = 0;
	assert_null(rte_realloc(p, 4096, 0));
	assert_int_equal(rte_errno, ENOTRECOVERABLE);
	rte_errno = 0;
	assert_null(rte_memzone_reserve("on_failed", 4096, 0, 0));
	assert_int_equal(rte_errno, ENOTRECOVERABLE);

	/* The refused free leaves the block busy and its bytes as they were. */
	rte_free(p);
	assert_int_equal(malloc_elem_from_data(p)->state, ELEM_BUSY);
	for (int i = 0; i < 1024; i++)
		assert_int_equal(p[i], 0x3c);
	/* Statistics of a failed heap: its size, no free memory counted. */
	memset(&st, 0xa5, sizeof(st));
	assert_int_equal(rte_malloc_get_socket_stats(0, &st), 0);
	assert_int_equal(st.heap_freesz_bytes, 0);
	assert_int_equal(st.free_count, 0);
	assert_int_equal(st.heap_totalsz_bytes, heap->total_size);

	/* Socket 1's heap is untouched by socket 0's failure. */
	if (!two) {
		assert_int_equal(rte_eal_cleanup(), 0);
		return;
	}
	rte_free(other);
	other = rte_malloc_socket(NULL, 4096, 0, 1);
	assert_non_null(other);
	assert_int_equal(rte_malloc_heap_socket_is_external(1), 0);
	assert_int_equal(malloc_heap_check(&eal_mcfg()->malloc_heaps[malloc_socket_to_heap_id(1)],
					   NULL),
			 0);
	rte_free(other);
	assert_int_equal(rte_eal_cleanup(), 0);
}
/* Wait until the child has done target operations; fail if it dies first
 * or makes no progress for 10 s (a hang guard on progress). */
static void wait_for_ops(pid_t pid, volatile unsigned long *ops, unsigned long target)
{
	unsigned long last = *ops;

	for (int ms = 0; *ops < target; ms++) {
		int status;

		if (waitpid(pid, &status, WNOHANG) == pid)
			fail_msg("child died early (status %#x)", status);
		if (*ops != last) {
			last = *ops;
			ms = 0;
		}
		if (ms == 100000) {
			kill(pid, SIGKILL);
			fail_msg("child made no progress in 10 s (%lu of %lu operations)", last,
				 target);
		}
		usleep(100);
	}
}

/* The round the primary is in, for the hang guard's message. */
static volatile sig_atomic_t churn_round;

static void churn_hang(int sig)
{
	char msg[80];
	int n = snprintf(msg, sizeof(msg), "\nhang guard: the primary hung in round %d\n",
			 (int)churn_round);

	RTE_SET_USED(sig);
	if (write(STDERR_FILENO, msg, (size_t)n) < 0)
		_exit(3);
	_exit(2);
}

/* The primary's own work after a kill: it must neither hang nor find the
 * heap broken. */
static void primary_after_kill(unsigned int *seed)
{
	struct rte_malloc_socket_stats st;
	const struct rte_memzone *mz;
	void *p[16] = { NULL };

	for (int i = 0; i < 256; i++) {
		unsigned int slot = (unsigned int)rand_r(seed) % 16;
		size_t size = 64 + (size_t)rand_r(seed) % 16384;

		rte_free(p[slot]);
		p[slot] = rte_malloc(NULL, size, 0);
		assert_non_null(p[slot]);
		memset(p[slot], 0x77, size);
	}
	for (int i = 0; i < 16; i++)
		rte_free(p[i]);
	mz = rte_memzone_reserve("churn_primary", 65536, SOCKET_ID_ANY, 0);
	assert_non_null(mz);
	assert_int_equal(rte_memzone_free(mz), 0);
	assert_int_equal(malloc_heap_check(&eal_mcfg()->malloc_heaps[0], NULL), 0);
	assert_int_equal(rte_malloc_get_socket_stats(0, &st), 0);
	assert_int_equal(st.heap_totalsz_bytes, st.heap_allocsz_bytes + st.heap_freesz_bytes);
	assert_true(st.greatest_free_size <= st.heap_freesz_bytes);
}

/*
 * Secondaries SIGKILLed at random points of rte_malloc, rte_free, memzone
 * reserve and heap growth: whatever lock one held, the primary goes on
 * with a consistent heap. The seed fixes how far each one gets before the
 * kill; where in an operation that lands is up to the scheduler.
 * Under qemu-user a child takes about a second to start, so the cross
 * tests run a quarter of the rounds (the same seed, the first 30 kills).
 */
#define CHURN_ROUNDS 120
#define CHURN_ROUNDS_EMULATED 30

static void test_secondaries_killed_at_random(void **state)
{
	struct sigaction sa = { .sa_handler = churn_hang }, old;
	const struct rte_memzone *mz;
	unsigned int seed = 20260; /* fixed: a failing run can be repeated */
	int rounds = rtetest_emulated() ? CHURN_ROUNDS_EMULATED : CHURN_ROUNDS;
	struct churn_ctl *ctl;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("churn");
	assert_true(eal_up("primary", "--sim=pages=256") >= 0);
	mz = rte_memzone_reserve("mp_churn", sizeof(*ctl), SOCKET_ID_ANY, 0);
	assert_non_null(mz);
	ctl = mz->addr;
	assert_int_equal(sigaction(SIGALRM, &sa, &old), 0);
	for (churn_round = 0; churn_round < rounds; churn_round++) {
		unsigned long target = 1 + (unsigned long)rand_r(&seed) % 400;
		pid_t pid;
		int status;

		ctl->ops = 0;
		pid = start_child("churn");
		wait_for_ops(pid, &ctl->ops, target);
		assert_int_equal(kill(pid, SIGKILL), 0);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status));
		alarm(20); /* a hang guard only: the work takes milliseconds */
		primary_after_kill(&seed);
		alarm(0);
	}
	sigaction(SIGALRM, &old, NULL);
	assert_int_equal(rte_eal_cleanup(), 0);
}

#ifdef RTEMEM_HAL_sim
/*
 * A secondary cannot map the pages the primary just took for a heap: the
 * primary's allocation fails, and the pages go back in every process.
 */
static void test_secondary_attach_fails(void **state)
{
	struct rte_malloc_socket_stats before, after;
	const struct rte_memzone *mz;
	struct attach_ctl *ctl;
	unsigned int free_pages;
	void *p;
	pid_t pid;
	int status;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("attach");
	assert_true(eal_up("primary", "--sim=pages=64") >= 0);
	mz = rte_memzone_reserve("mp_attach", sizeof(*ctl), SOCKET_ID_ANY, 0);
	assert_non_null(mz);
	ctl = mz->addr;
	memset(ctl, 0, sizeof(*ctl));
	pid = start_child("attach_fail");
	while (!ctl->armed) {
		assert_int_equal(waitpid(pid, &status, WNOHANG), 0);
		usleep(1000);
	}
	ctl->used = pages_in_use();
	free_pages = sim_pool_free_pages(0);
	assert_int_equal(rte_malloc_get_socket_stats(0, &before), 0);

	p = (void *)1;
	rte_errno = 0;
	p = rte_malloc(NULL, 3u << 20, 0); /* more than is free: the heap grows */
	assert_null(p);
	assert_int_equal(rte_errno, ENOMEM);
	assert_int_equal(pages_in_use(), ctl->used);
	assert_int_equal(sim_pool_free_pages(0), free_pages);
	assert_int_equal(rte_malloc_get_socket_stats(0, &after), 0);
	assert_memory_equal(&before, &after, sizeof(before));
	assert_int_equal(malloc_heap_check(&eal_mcfg()->malloc_heaps[0], NULL), 0);

	ctl->done = 1;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), CHILD_OK);
	/* And once the secondary is gone, growing works as ever. */
	p = rte_malloc(NULL, 3u << 20, 0);
	assert_non_null(p);
	rte_free(p);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/* The secondary's machine file cannot be read (child_machine_file_fail):
 * its init fails cleanly, the primary's heap and pool are untouched. */
static void test_secondary_machine_file_fails(void **state)
{
	struct rte_malloc_socket_stats before, after;
	unsigned int pool;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("mfile");
	assert_true(eal_up("primary", "--sim=pages=8") >= 0);
	assert_int_equal(rte_malloc_get_socket_stats(0, &before), 0);
	pool = sim_pool_free_pages(0);
	assert_int_equal(run_child("machine_file_fail"), CHILD_OK);
	/* The child's rte_malloc grew the heap through us; it freed the block,
	 * and the heap keeps its retained page: trim, then compare. */
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);
	assert_int_equal(rte_malloc_get_socket_stats(0, &after), 0);
	assert_int_equal(after.heap_totalsz_bytes, before.heap_totalsz_bytes);
	assert_int_equal(after.alloc_count, before.alloc_count);
	assert_int_equal(sim_pool_free_pages(0), pool);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/* A secondary cannot unmap pages the primary gave back: the primary's state
 * is as if it had, and when the pages come back the secondary sees them. */
static void test_secondary_detach_fails(void **state)
{
	const struct rte_memzone *mz;
	struct attach_ctl *ctl;
	unsigned int free_pages;
	void *p;
	pid_t pid;
	int status;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("detach");
	assert_true(eal_up("primary", "--sim=pages=64") >= 0);
	mz = rte_memzone_reserve("mp_detach", sizeof(*ctl), SOCKET_ID_ANY, 0);
	assert_non_null(mz);
	ctl = mz->addr;
	memset(ctl, 0, sizeof(*ctl));
	ctl->used = pages_in_use();
	free_pages = sim_pool_free_pages(0);
	p = rte_malloc(NULL, 3u << 20, 0); /* the heap grows by run-time pages */
	assert_non_null(p);
	ctl->page = RTE_PTR_ALIGN_CEIL(p, 2u << 20);
	pid = start_child("detach_fail");
	while (!ctl->armed) {
		assert_int_equal(waitpid(pid, &status, WNOHANG), 0);
		usleep(1000);
	}
	rte_free(p); /* gives the pages back: the secondary's detach fails */
	assert_int_equal(pages_in_use(), ctl->used);
	assert_int_equal(sim_pool_free_pages(0), free_pages);
	assert_int_equal(malloc_heap_check(&eal_mcfg()->malloc_heaps[0], NULL), 0);
	ctl->done = 1;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), CHILD_OK);
	p = ctl->page;
	for (size_t off = 0; off < (3u << 20); off += 4096)
		assert_int_equal(((uint8_t *)p)[off], 0x5A);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/* A secondary's request cannot be sent: its allocation fails, nothing moves. */
static void test_secondary_send_fails(void **state)
{
	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("sendf");
	assert_true(eal_up("primary", "--sim=pages=64") >= 0);
	assert_int_equal(run_child("send_fail"), CHILD_OK);
	assert_int_equal(malloc_heap_check(&eal_mcfg()->malloc_heaps[0], NULL), 0);
	assert_int_equal(rte_eal_cleanup(), 0);
}
#endif

/* tools/rtemem-info attaches as a secondary and lists what the primary has. */
static void test_rtemem_info(void **state)
{
	char tool[4200], cmd[8600], svg[128], out[16384];
	struct rte_mempool *mp;
	struct rte_ring *ring;
	size_t n;
	FILE *p;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	snprintf(tool, sizeof(tool), "%s", self_path);
	*strrchr(tool, '/') = '\0';
	strcat(tool, "/../tools/rtemem-info");
	if (access(tool, X_OK) != 0)
		fail_msg("%s not built", tool);
	new_prefix("info");
	assert_true(eal_up("primary", "--sim=pages=16") >= 0);
	assert_non_null(rte_memzone_reserve("info_zone", 100000, SOCKET_ID_ANY, 0));
	ring = rte_ring_create("info_ring", 64, SOCKET_ID_ANY, 0);
	mp = rte_mempool_create("info_pool", 255, 128, 0, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
	assert_non_null(ring);
	assert_non_null(mp);

	snprintf(svg, sizeof(svg), "/tmp/rtemem-info-%d.svg", (int)getpid());
	snprintf(out, sizeof(out), "--file-prefix=%s --svg %s", prefix, svg);
	assert_int_equal(rtetest_command(cmd, sizeof(cmd), tool, out), 0);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	assert_int_equal(pclose(p), 0);
	assert_non_null(strstr(out, "info_zone"));
	assert_non_null(strstr(out, "info_ring"));
	assert_non_null(strstr(out, "info_pool"));
	assert_non_null(strstr(out, "255 objects of 128 bytes, 255 available"));
	assert_non_null(strstr(out, "socket 0:"));
	p = fopen(svg, "r");
	assert_non_null(p);
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	fclose(p);
	unlink(svg);
	assert_non_null(strstr(out, "<svg"));

	rte_mempool_free(mp);
	rte_ring_free(ring);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/*
 * rte_zmalloc clears only what the heap does not know to be zero; what it
 * knows lives in the shared element headers, so a block a secondary wrote
 * and freed comes back zeroed in the primary.
 */
static void test_zmalloc_after_secondary_free(void **state)
{
	const struct rte_memzone *mz;
	uint8_t *keep, *p, *z;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("zfree");
	assert_true(eal_up("primary", "--sim=pages=8") >= 0);
	mz = rte_memzone_reserve("zfree", sizeof(void *), SOCKET_ID_ANY, 0);
	keep = rte_malloc(NULL, 64, 0); /* the page stays, the block is reused */
	p = rte_malloc(NULL, ZFREE_SIZE, 0);
	assert_non_null(mz);
	assert_non_null(keep);
	assert_non_null(p);
	*(void **)mz->addr = p;
	assert_int_equal(run_child("zfree"), CHILD_OK);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	z = rte_zmalloc(NULL, ZFREE_SIZE, 0);
	assert_ptr_equal(z, p);
	for (size_t i = 0; i < ZFREE_SIZE; i++)
		if (z[i] != 0)
			fail_msg("byte %zu is 0x%02x", i, z[i]);
	rte_free(z);
	rte_free(keep);
	assert_int_equal(rte_memzone_free(mz), 0);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/* A failed assertion skips a test's own cleanup; do it here. */
static void test_mbuf_dyn_shared(void **state)
{
	struct rte_mbuf_dynfield f;
	struct rte_mbuf_dynflag fl;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("dyn");
	assert_true(eal_up("primary", "--sim=pages=8") >= 0);
	memset(&f, 0, sizeof(f));
	snprintf(f.name, sizeof(f.name), "mp_field");
	f.size = 8;
	f.align = 8;
	assert_int_equal(rte_mbuf_dynfield_register(&f), 96);
	memset(&fl, 0, sizeof(fl));
	snprintf(fl.name, sizeof(fl.name), "mp_flag");
	assert_int_equal(rte_mbuf_dynflag_register(&fl), 23);
	assert_int_equal(rte_mbuf_set_user_mempool_ops("ring_sp_sc"), 0);
	assert_int_equal(run_child("mbuf_dyn"), CHILD_OK);
	/* The secondary added nothing. */
	rte_errno = 0;
	assert_int_equal(rte_mbuf_dynfield_lookup("mp_new_field", NULL), -1);
	assert_int_equal(rte_errno, ENOENT);
	assert_int_equal(rte_eal_cleanup(), 0);
}

static volatile int mp_ready;

static int on_ready(const struct rte_mp_msg *msg, const void *peer)
{
	struct rte_mp_msg r;

	mp_msg_init(&r, msg->name, 0x600D);
	rte_mp_reply(&r, peer);
	__atomic_store_n(&mp_ready, 1, __ATOMIC_RELEASE);
	return 0;
}

static struct {
	int done, nb_sent, nb_received;
	uint32_t value;
	char data[8];
} async_seen;

static int on_async_reply(const struct rte_mp_msg *request, const struct rte_mp_reply *reply)
{
	async_seen.nb_sent = reply->nb_sent;
	async_seen.nb_received = reply->nb_received;
	if (reply->nb_received == 1 && strcmp(request->name, reply->msgs[0].name) == 0) {
		async_seen.value = mp_value(&reply->msgs[0]);
		if (reply->msgs[0].num_fds == 1) {
			if (read(reply->msgs[0].fds[0], async_seen.data, 5) != 5)
				async_seen.data[0] = '?';
			close(reply->msgs[0].fds[0]);
		}
	}
	__atomic_store_n(&async_seen.done, 1, __ATOMIC_RELEASE);
	return 0;
}

static void wait_flag(volatile int *flag)
{
	for (int i = 0; i < 1000 && __atomic_load_n(flag, __ATOMIC_ACQUIRE) == 0; i++)
		usleep(10000);
	assert_int_equal(__atomic_load_n(flag, __ATOMIC_ACQUIRE), 1);
}

/*
 * A secondary registers actions; the primary's requests reach them, each
 * collects one reply with the secondary's pipe as a descriptor of its own,
 * a request nobody handles times out, and a plain message arrives.
 */
static void test_mp_messages_to_secondary(void **state)
{
	struct timespec ts = { 5, 0 }, short_ts = { 0, 300 * 1000 * 1000 };
	struct rte_mp_reply rep;
	struct rte_mp_msg req;
	char data[8];
	int status;
	pid_t pid;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("mpmsg");
	assert_true(eal_up("primary", "--sim=pages=8") >= 0);
	mp_ready = 0;
	assert_int_equal(rte_mp_action_register("ready", on_ready), 0);
	pid = start_child("mp_echo");
	wait_flag(&mp_ready);
	assert_false(rte_mp_disable()); /* a secondary is attached */

	mp_msg_init(&req, "ping", 21);
	memset(&rep, 0xA5, sizeof(rep));
	assert_int_equal(rte_mp_request_sync(&req, &rep, &ts), 0);
	assert_int_equal(rep.nb_sent, 1);
	assert_int_equal(rep.nb_received, 1);
	assert_string_equal(rep.msgs[0].name, "ping");
	assert_int_equal(rep.msgs[0].len_param, 4);
	assert_int_equal(mp_value(&rep.msgs[0]), 42);
	assert_int_equal(rep.msgs[0].num_fds, 1);
	memset(data, 0, sizeof(data));
	assert_int_equal(read(rep.msgs[0].fds[0], data, sizeof(data)), 5);
	assert_string_equal(data, "fd-ok");
	close(rep.msgs[0].fds[0]);
	free(rep.msgs);

#ifdef RTEMEM_HAL_sim
	/* A failed receive (ipc_recv fault point): the request fails with
	 * EIO and keeps nothing (the late reply's descriptor goes with the
	 * socket); the next one works. */
	sim_fault_arm(SIM_OP_IPC_RECV, 1);
	mp_msg_init(&req, "ping", 3);
	memset(&rep, 0xA5, sizeof(rep));
	rte_log_set_global_level(RTE_LOG_EMERG);
	assert_int_equal(rte_mp_request_sync(&req, &rep, &ts), -1);
	rte_log_set_global_level(RTE_LOG_DEBUG);
	assert_int_equal(rte_errno, EIO);
	assert_int_equal(rep.nb_received, 0);
	assert_null(rep.msgs);
	mp_msg_init(&req, "ping", 4);
	assert_int_equal(rte_mp_request_sync(&req, &rep, &ts), 0);
	assert_int_equal(rep.nb_received, 1);
	assert_int_equal(mp_value(&rep.msgs[0]), 8);
	close(rep.msgs[0].fds[0]);
	free(rep.msgs);
#endif

	/* Nobody registered "nobody": no reply, so the request times out. */
	mp_msg_init(&req, "nobody", 1);
	memset(&rep, 0xA5, sizeof(rep));
	rte_log_set_global_level(RTE_LOG_EMERG);
	assert_int_equal(rte_mp_request_sync(&req, &rep, &short_ts), -1);
	rte_log_set_global_level(RTE_LOG_DEBUG);
	assert_int_equal(rte_errno, ETIMEDOUT);
	assert_int_equal(rep.nb_sent, 1);
	assert_int_equal(rep.nb_received, 0);
	assert_null(rep.msgs);

	memset(&async_seen, 0xA5, sizeof(async_seen));
	async_seen.done = 0;
	mp_msg_init(&req, "ping", 5);
	assert_int_equal(rte_mp_request_async(&req, &ts, on_async_reply), 0);
	wait_flag(&async_seen.done);
	assert_int_equal(async_seen.nb_sent, 1);
	assert_int_equal(async_seen.nb_received, 1);
	assert_int_equal(async_seen.value, 10);
	assert_memory_equal(async_seen.data, "fd-ok", 5);

	mp_msg_init(&req, "bye", 0xB7E);
	assert_int_equal(rte_mp_sendmsg(&req), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), CHILD_OK);

	/* The secondary is gone: nobody is asked. */
	mp_msg_init(&req, "ping", 1);
	memset(&rep, 0xA5, sizeof(rep));
	assert_int_equal(rte_mp_request_sync(&req, &rep, &ts), 0);
	assert_int_equal(rep.nb_sent, 0);
	assert_int_equal(rep.nb_received, 0);
	assert_null(rep.msgs);
	rte_mp_action_unregister("ready");
	assert_int_equal(rte_eal_cleanup(), 0);
}

#ifdef RTEMEM_HAL_sim
static int on_echo(const struct rte_mp_msg *msg, const void *peer)
{
	struct rte_mp_msg r = *msg;

	r.num_fds = 0;
	return rte_mp_reply(&r, peer);
}

/* A user request to our own primary's socket, as a secondary sends one. */
static uint32_t echo_exchange(int fd, uint32_t value)
{
	struct eal_mp_user_wire w, back;
	char peer[HAL_IPC_NAME_MAX];

	memset(&w, 0, sizeof(w));
	w.magic = RTE_MAGIC;
	w.kind = EAL_MP_USER_REQ;
	mp_msg_init(&w.msg, "echo", value);
	assert_int_equal(hal_ipc_send(fd, "mp_socket", &w, sizeof(w)), 0);
	memset(&back, 0, sizeof(back));
	assert_int_equal(hal_ipc_recv(fd, &back, sizeof(back), peer, 5000), sizeof(back));
	assert_int_equal(back.kind, EAL_MP_USER_REPLY);
	return mp_value(&back.msg);
}
#endif

/*
 * The ipc_recv fault point in the primary's IPC thread: the receive after
 * a request fails; the thread logs it and goes on serving.
 */
static void test_ipc_thread_survives_recv_fault(void **state)
{
#ifdef RTEMEM_HAL_sim
	char name[HAL_IPC_NAME_MAX];
	unsigned long calls;
	int fd;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("recvfault");
	assert_true(eal_up("primary", "--sim=pages=4") >= 0);
	assert_int_equal(rte_mp_action_register("echo", on_echo), 0);
	snprintf(name, sizeof(name), "mp_x_%d_recv", (int)getpid());
	fd = hal_ipc_open(name);
	assert_true(fd >= 0);

	/* The thread waits in a receive already counted: the next one fails,
	 * the one after that waits again. */
	calls = sim_fault_calls(SIM_OP_IPC_RECV);
	sim_fault_arm(SIM_OP_IPC_RECV, 1);
	rte_log_set_global_level(RTE_LOG_EMERG);
	{
		struct eal_mp_user_wire w;

		memset(&w, 0, sizeof(w));
		w.magic = RTE_MAGIC;
		w.kind = EAL_MP_USER_REQ;
		mp_msg_init(&w.msg, "echo", 7);
		assert_int_equal(hal_ipc_send(fd, "mp_socket", &w, sizeof(w)), 0);
	}
	for (int i = 0; i < 1000 && sim_fault_calls(SIM_OP_IPC_RECV) < calls + 2; i++)
		usleep(5000);
	rte_log_set_global_level(RTE_LOG_DEBUG);
	assert_true(sim_fault_calls(SIM_OP_IPC_RECV) >= calls + 2);
	{
		struct eal_mp_user_wire back;
		char peer[HAL_IPC_NAME_MAX];

		assert_int_equal(hal_ipc_recv(fd, &back, sizeof(back), peer, 5000), sizeof(back));
		assert_int_equal(mp_value(&back.msg), 7);
	}
	assert_int_equal(echo_exchange(fd, 9), 9);
	hal_ipc_close(fd, name);
	rte_mp_action_unregister("echo");
	assert_int_equal(rte_eal_cleanup(), 0);
#else
	RTE_SET_USED(state);
	skip();
#endif
}

/* Names and sizes as DPDK checks them; each name once per process. */
static void test_mp_argument_checks(void **state)
{
	char long_name[RTE_MP_MAX_NAME_LEN + 1];
	struct timespec ts = { 1, 0 };
	struct rte_mp_reply rep;
	struct rte_mp_msg msg;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("mpargs");
	assert_true(eal_up("primary", "--sim=pages=2") >= 0);
	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_int_equal(rte_mp_action_register(NULL, on_ready), -1);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_mp_action_register("", on_ready), -1);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_mp_action_register(long_name, on_ready), -1);
	assert_int_equal(rte_errno, E2BIG);
	assert_int_equal(rte_mp_action_register("a", on_ready), 0);
	assert_int_equal(rte_mp_action_register("a", on_bye), -1);
	assert_int_equal(rte_errno, EEXIST);
	rte_mp_action_unregister("a");
	rte_mp_action_unregister("a"); /* unknown: nothing happens */
	assert_int_equal(rte_mp_action_register("a", on_bye), 0);
	rte_mp_action_unregister("a");

	mp_msg_init(&msg, "a", 1);
	msg.len_param = RTE_MP_MAX_PARAM_LEN + 1;
	assert_int_equal(rte_mp_sendmsg(&msg), -1);
	assert_int_equal(rte_errno, E2BIG);
	msg.len_param = -1;
	assert_int_equal(rte_mp_sendmsg(&msg), -1);
	assert_int_equal(rte_errno, EINVAL);
	msg.len_param = 0;
	msg.num_fds = RTE_MP_MAX_FD_NUM + 1;
	memset(&rep, 0xA5, sizeof(rep));
	assert_int_equal(rte_mp_request_sync(&msg, &rep, &ts), -1);
	assert_int_equal(rte_errno, E2BIG);
	assert_int_equal(rep.nb_sent, 0);
	assert_null(rep.msgs);
	msg.num_fds = 0;
	assert_int_equal(rte_mp_reply(&msg, NULL), -1);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_mp_request_async(&msg, &ts, NULL), -1);
	assert_int_equal(rte_errno, EINVAL);
	/* No secondary: sent to nobody, which is no error. */
	assert_int_equal(rte_mp_sendmsg(&msg), 0);
	memset(&rep, 0xA5, sizeof(rep));
	assert_int_equal(rte_mp_request_sync(&msg, &rep, &ts), 0);
	assert_int_equal(rep.nb_sent, 0);
	assert_int_equal(rep.nb_received, 0);
	assert_null(rep.msgs);
	assert_int_equal(rte_eal_cleanup(), 0);

	/* --in-memory: no IPC at all. */
	assert_true(eal_up("primary", "--in-memory --sim=pages=2") >= 0);
	assert_int_equal(rte_mp_action_register("a", on_ready), -1);
	assert_int_equal(rte_errno, ENOTSUP);
	memset(&rep, 0xA5, sizeof(rep));
	assert_int_equal(rte_mp_request_sync(&msg, &rep, &ts), 0);
	assert_int_equal(rep.nb_sent, 0);
	assert_int_equal(rep.nb_received, 0);
	assert_null(rep.msgs);
	assert_int_equal(rte_mp_sendmsg(&msg), 0);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/* A primary that disables multi-process before any secondary refuses them. */
static void test_mp_disable(void **state)
{
	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("mpoff");
	assert_true(eal_up("primary", "--sim=pages=2") >= 0);
	assert_true(rte_mp_disable());
	assert_true(rte_mp_disable()); /* already disabled: still true */
	assert_int_equal(run_child("refused"), EPERM);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/* A secondary sees the primary's external memory once it attaches it. */
static void test_extmem_attach(void **state)
{
	size_t pg = 0;
	rte_iova_t iovas[2];
	void *va;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("ext");
	assert_true(eal_up("primary", "--sim=pages=2") >= 0);
	pg = hal_base_page_size();
	iovas[0] = 0xE0000000u;
	iovas[1] = 0xE0000000u + pg;
	va = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(va != MAP_FAILED);
	assert_int_equal(rte_extmem_register(va, 2 * pg, iovas, 2, pg), 0);
	assert_int_equal(run_child("extmem"), CHILD_OK);
	assert_int_equal(rte_extmem_unregister(va, 2 * pg), 0);
	assert_int_equal(rte_eal_cleanup(), 0);
	munmap(va, 2 * pg);
}

/*
 * External heap memory added in the primary is usable from a secondary
 * once it maps the memory and attaches it: blocks go both ways.
 */
static void test_ext_heap_attach(void **state)
{
	struct rte_malloc_socket_stats st;
	const struct rte_memzone *mz;
	size_t pg, len, sz = 0;
	char path[128];
	uint8_t *p, *q;
	void **slots;
	void *va;
	int fd, sock;

	RTE_SET_USED(state);
	skip_unless_shared_memory();
	new_prefix("xheap");
	assert_true(eal_up("primary", "--sim=pages=4") >= 0);
	pg = hal_base_page_size();
	len = 4 * pg;
	snprintf(path, sizeof(path), EXT_HEAP_FILE, prefix);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)len), 0);
	va = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	assert_true(va != MAP_FAILED);
	memset(va, 0x77, len);

	assert_int_equal(rte_malloc_heap_create("ext"), 0);
	sock = rte_malloc_heap_get_socket("ext");
	assert_int_equal(rte_malloc_heap_memory_add("ext", va, len, NULL, 0, pg), 0);
	mz = rte_memzone_reserve("ext_slots", 2 * sizeof(void *), SOCKET_ID_ANY, 0);
	assert_non_null(mz);
	slots = mz->addr;
	slots[1] = (void *)(uintptr_t)0xBAD;
	p = rte_malloc_socket(NULL, 512, 0, sock);
	assert_non_null(p);
	memset(p, EXT_HEAP_FILL, 512);
	slots[0] = p;

	assert_int_equal(run_child("ext_heap"), CHILD_OK);

	/* The secondary freed the primary's block and left one of its own. */
	memset(&st, 0x5A, sizeof(st));
	assert_int_equal(rte_malloc_get_socket_stats(sock, &st), 0);
	assert_int_equal(st.alloc_count, 1);
	assert_int_equal(st.heap_totalsz_bytes, len);
	q = slots[1];
	assert_true((uintptr_t)q >= (uintptr_t)va && (uintptr_t)q < (uintptr_t)va + len);
	assert_int_equal(rte_malloc_validate(q, &sz), 0);
	assert_true(sz >= 300);
	for (size_t i = 0; i < 300; i++)
		assert_int_equal(q[i], EXT_HEAP_CHILD_FILL);
	assert_int_equal(rte_malloc_heap_memory_remove("ext", va, len), -1);
	assert_int_equal(rte_errno, EBUSY);
	rte_free(q);
	assert_int_equal(rte_malloc_get_socket_stats(sock, &st), 0);
	assert_int_equal(st.alloc_count, 0);
	assert_int_equal(st.heap_freesz_bytes, len);
	assert_int_equal(rtemem_malloc_heap_check(NULL), 0);
	assert_int_equal(rte_malloc_heap_memory_remove("ext", va, len), 0);
	assert_int_equal(rte_malloc_heap_destroy("ext"), 0);
	assert_int_equal(rte_memzone_free(mz), 0);
	assert_int_equal(rte_eal_cleanup(), 0);
	munmap(va, len);
	unlink(path);
}

static int eal_down(void **state)
{
	RTE_SET_USED(state);
	if (eal_is_initialized())
		rte_eal_cleanup();
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_rtemem_info, eal_down),
		cmocka_unit_test_teardown(test_objects_both_ways, eal_down),
		cmocka_unit_test_teardown(test_mbuf_dyn_shared, eal_down),
		cmocka_unit_test_teardown(test_secondary_killed, eal_down),
		cmocka_unit_test_teardown(test_heap_repaired_after_death_mid_pad, eal_down),
		cmocka_unit_test_teardown(test_heap_failed_when_beyond_repair, eal_down),
		cmocka_unit_test_teardown(test_secondaries_killed_at_random, eal_down),
#ifdef RTEMEM_HAL_sim
		cmocka_unit_test_teardown(test_secondary_attach_fails, eal_down),
		cmocka_unit_test_teardown(test_secondary_send_fails, eal_down),
		cmocka_unit_test_teardown(test_secondary_detach_fails, eal_down),
		cmocka_unit_test_teardown(test_secondary_pages_dma_mapped, eal_down),
		cmocka_unit_test_teardown(test_secondary_machine_file_fails, eal_down),
#endif
		cmocka_unit_test_teardown(test_secondary_sees_primary_memory, eal_down),
		cmocka_unit_test_teardown(test_second_primary_refused, eal_down),
		cmocka_unit_test_teardown(test_secondary_without_primary, eal_down),
		cmocka_unit_test_teardown(test_stale_files_reclaimed, eal_down),
		cmocka_unit_test_teardown(test_auto_becomes_secondary, eal_down),
		cmocka_unit_test_teardown(test_secondary_alloc_and_free, eal_down),
		cmocka_unit_test_teardown(test_zmalloc_after_secondary_free, eal_down),
		cmocka_unit_test_teardown(test_refused_primary_leaves_files, eal_down),
		cmocka_unit_test_teardown(test_secondary_refusals, eal_down),
		cmocka_unit_test_teardown(test_primary_refuses_bad_requests, eal_down),
		cmocka_unit_test_teardown(test_primary_keeps_heap_pages, eal_down),
		cmocka_unit_test_teardown(test_mp_messages_to_secondary, eal_down),
		cmocka_unit_test_teardown(test_ipc_thread_survives_recv_fault, eal_down),
		cmocka_unit_test_teardown(test_mp_argument_checks, eal_down),
		cmocka_unit_test_teardown(test_mp_disable, eal_down),
		cmocka_unit_test_teardown(test_extmem_attach, eal_down),
		cmocka_unit_test_teardown(test_ext_heap_attach, eal_down),
	};

	if (argc == 4 && strcmp(argv[1], "child") == 0) {
		snprintf(prefix, sizeof(prefix), "%s", argv[3]);
		rte_log_set_global_level(RTE_LOG_EMERG);
		if (strcmp(argv[2], "secondary") == 0)
			return child_secondary();
		if (strcmp(argv[2], "primary") == 0)
			return child_primary();
		if (strcmp(argv[2], "crash") == 0)
			return child_crashing_primary();
		if (strcmp(argv[2], "objects") == 0)
			return child_objects();
#ifdef RTEMEM_HAL_sim
		if (strcmp(argv[2], "attach_fail") == 0)
			return child_attach_fail();
		if (strcmp(argv[2], "detach_fail") == 0)
			return child_detach_fail();
		if (strcmp(argv[2], "machine_file_fail") == 0)
			return child_machine_file_fail();
		if (strcmp(argv[2], "send_fail") == 0)
			return child_send_fail();
		if (strcmp(argv[2], "dma_zone") == 0)
			return child_dma_zone();
#endif
		if (strcmp(argv[2], "churn") == 0)
			return child_churn();
		if (strcmp(argv[2], "killed") == 0)
			return child_killed();
		if (strcmp(argv[2], "alloc_free") == 0)
			return child_alloc_free();
		if (strcmp(argv[2], "mbuf_dyn") == 0)
			return child_mbuf_dyn();
		if (strcmp(argv[2], "zfree") == 0)
			return child_zfree();
		if (strcmp(argv[2], "extmem") == 0)
			return child_extmem();
		if (strcmp(argv[2], "ext_heap") == 0)
			return child_ext_heap();
		if (strcmp(argv[2], "mp_echo") == 0)
			return child_mp_echo();
		if (strcmp(argv[2], "auto") == 0)
			return child_auto();
		if (strcmp(argv[2], "refused") == 0)
			return child_refused(NULL);
		if (strcmp(argv[2], "refused_va") == 0)
			return child_refused("--iova-mode=va");
		if (strcmp(argv[2], "refused_pa") == 0)
			return child_refused("--iova-mode=pa");
		return 127;
	}
	if (realpath("/proc/self/exe", self_path) == NULL)
		return 1;
	return cmocka_run_group_tests_name("multiprocess", tests, NULL, NULL);
}
