/* SPDX-License-Identifier: BSD-3-Clause
 * Multi-process memory: the IPC thread every process runs, the requests a
 * secondary sends, and the per-process view of which pages are mapped.
 * See eal_mp.h and docs/multi-process.md for the protocol.
 */
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>

#include "eal_memcfg.h"
#include "eal_dma_map.h"
#include "eal_mp.h"
#include "eal_private.h"
#include "malloc_heap.h"

#define MP_PRIMARY_SOCKET EAL_MP_PRIMARY_SOCKET
#define MP_SECONDARY_PREFIX EAL_MP_SECONDARY_PREFIX
#define MP_MAX_PEERS EAL_MP_MAX_PEERS
#define MP_REPLY_TIMEOUT_MS 5000
/* While waiting for replies, look this often whether the peers still live. */
#define MP_LIVENESS_MS 50

/* This process's view of each memseg list: which pages it has mapped. */
struct list_view {
	bool attached;    /* fbarray attached and VA reserved (secondary) */
	uint64_t *mapped; /* one bit per segment */
	uint32_t version; /* msl->version this view matches */
};

static struct {
	bool running;
	int fd;
	char name[HAL_IPC_NAME_MAX];
	pthread_t thread;
	struct list_view view[RTE_MAX_MEMSEG_LISTS];
	pthread_mutex_t view_lock;
	unsigned int seq;
} mp = { .fd = -1, .view_lock = PTHREAD_MUTEX_INITIALIZER };

static bool is_primary(void)
{
	return rte_config.process_type == RTE_PROC_PRIMARY;
}

/* Request ids: a reply that does not carry ours is stale (or forged). */
static uint32_t next_id(void)
{
	static uint32_t last;

	return __atomic_add_fetch(&last, 1, __ATOMIC_RELAXED) ^ ((uint32_t)getpid() << 16);
}

static void msg_init(struct eal_mp_msg *m, enum eal_mp_kind kind)
{
	memset(m, 0, sizeof(*m));
	m->magic = RTE_MAGIC;
	m->kind = kind;
	m->id = next_id();
}

int eal_mp_open_exchange(char name[HAL_IPC_NAME_MAX])
{
	snprintf(name, HAL_IPC_NAME_MAX, "mp_x_%d_%u", (int)getpid(),
		 __atomic_fetch_add(&mp.seq, 1, __ATOMIC_RELAXED));
	return hal_ipc_open(name);
}

/* ---- the view of mapped pages ------------------------------------------ */

static bool view_test(const struct list_view *v, unsigned int idx)
{
	return (v->mapped[idx / 64] >> (idx % 64)) & 1;
}

static void view_set(struct list_view *v, unsigned int idx, bool on)
{
	if (on)
		v->mapped[idx / 64] |= UINT64_C(1) << (idx % 64);
	else
		v->mapped[idx / 64] &= ~(UINT64_C(1) << (idx % 64));
}

int eal_mp_sync_memory(void)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	int ret = 0, err;

	pthread_mutex_lock(&mp.view_lock);
	for (unsigned int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];
		struct list_view *v = &mp.view[i];
		uint32_t version = __atomic_load_n(&msl->version, __ATOMIC_ACQUIRE);

		if (!v->attached || version == v->version)
			continue;
		for (unsigned int idx = 0; idx < msl->memseg_arr.len; idx++) {
			bool used = rte_fbarray_is_used(&msl->memseg_arr, idx) == 1;
			void *va = RTE_PTR_ADD(msl->base_va, (size_t)idx * msl->page_sz);

			if (used == view_test(v, idx))
				continue;
			err = used ? hal_page_attach(va, msl->page_sz, (int)i, (int)idx) : 0;
			if (err < 0) {
				RTE_LOG(ERR, EAL, "secondary: cannot map page %u of list %u\n", idx, i);
				ret = ret < 0 ? ret : err;
				continue;
			}
			err = used ? 0 : hal_page_detach(va, msl->page_sz);
			if (err < 0) {
				/* The old page stays mapped here (the primary hears
				 * of it). It leaves the view all the same: when the
				 * slot is used again, attach maps the new page over it
				 * (MAP_FIXED) instead of this process keeping the old. */
				RTE_LOG(ERR, EAL, "secondary: cannot unmap page %u of list %u\n", idx, i);
				ret = ret < 0 ? ret : err;
			}
			view_set(v, idx, used);
		}
		if (ret == 0)
			v->version = version;
	}
	pthread_mutex_unlock(&mp.view_lock);
	return ret;
}

int eal_mp_attach_memory(void)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	for (unsigned int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];
		struct list_view *v = &mp.view[i];
		void *va;

		/* External memory is the application's to map and attach
		 * (rte_extmem_attach), not ours. */
		if (msl->base_va == NULL || msl->external)
			continue;
		v->mapped = calloc((msl->memseg_arr.len + 63) / 64, sizeof(uint64_t));
		if (v->mapped == NULL || rte_fbarray_attach(&msl->memseg_arr) < 0) {
			int err = v->mapped == NULL ? -ENOMEM : -rte_errno;

			free(v->mapped);
			v->mapped = NULL;
			RTE_LOG(ERR, EAL, "secondary: cannot attach memseg list %u\n", i);
			return err;
		}
		va = hal_va_reserve(msl->base_va, msl->len, msl->page_sz);
		if (va != msl->base_va) {
			hal_va_release(va, msl->len);
			rte_fbarray_detach(&msl->memseg_arr);
			free(v->mapped);
			v->mapped = NULL;
			RTE_LOG(ERR, EAL, "secondary: address %p of memseg list %u is taken here\n",
				msl->base_va, i);
			return -EADDRNOTAVAIL;
		}
		v->attached = true;
		v->version = msl->version - 1; /* anything but the current one: scan it */
	}
	if (mcfg->memzones.data != NULL && rte_fbarray_attach(&mcfg->memzones) < 0) {
		RTE_LOG(ERR, EAL, "secondary: cannot attach the memzone table\n");
		return -rte_errno;
	}
	return eal_mp_sync_memory();
}

void eal_mp_detach_memory(void)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	if (mcfg == NULL)
		return;
	pthread_mutex_lock(&mp.view_lock);
	for (unsigned int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];
		struct list_view *v = &mp.view[i];

		if (!v->attached)
			continue;
		/* Releasing the reservation drops every page mapped in it. */
		hal_va_release(msl->base_va, msl->len);
		rte_fbarray_detach(&msl->memseg_arr);
		free(v->mapped);
		memset(v, 0, sizeof(*v));
	}
	pthread_mutex_unlock(&mp.view_lock);
	if (mcfg->memzones.data != NULL)
		rte_fbarray_detach(&mcfg->memzones);
}

/* ---- primary: notify, and serve requests -------------------------------- */

/* The process behind a secondary's socket name, or 0. */
static int peer_pid(const char *name)
{
	size_t len = strlen(MP_SECONDARY_PREFIX);

	if (strncmp(name, MP_SECONDARY_PREFIX, len) != 0)
		return 0;
	return atoi(name + len);
}

/*
 * Wait for a reply to request id from each peer still marked in waiting[];
 * a peer whose process died is not waited for (it may have been SIGKILLed
 * between our send and its reply). Returns how many live peers never
 * answered; *failed counts those that answered with an error.
 */
static int collect_replies(int fd, char (*peers)[HAL_IPC_NAME_MAX], bool *waiting, int n,
			   uint32_t id, int *failed)
{
	int left = 0, other = 0;

	for (int i = 0; i < n; i++)
		left += waiting[i];
	for (int ms = 0; left > 0 && ms < MP_REPLY_TIMEOUT_MS; ms += MP_LIVENESS_MS) {
		char peer[HAL_IPC_NAME_MAX];
		struct eal_mp_msg reply;
		int ret = hal_ipc_recv(fd, &reply, sizeof(reply), peer, MP_LIVENESS_MS);

		for (int i = 0; i < n; i++) {
			bool from_it = ret == (int)sizeof(reply) && reply.magic == RTE_MAGIC &&
				       reply.kind == EAL_MP_REPLY && reply.id == id &&
				       strcmp(peer, peers[i]) == 0;

			if (waiting[i] && (from_it || !hal_thread_alive(peer_pid(peers[i])))) {
				waiting[i] = false;
				left--;
				if (from_it && reply.result < 0)
					(*failed)++;
			}
		}
		/* A message, not a timeout: the clock did not run (but a stream
		 * of strays must not keep us here for ever). */
		if (ret > 0 && other++ < 4 * n)
			ms -= MP_LIVENESS_MS;
	}
	return left;
}

int eal_mp_notify_secondaries(void)
{
	char peers[MP_MAX_PEERS][HAL_IPC_NAME_MAX];
	bool waiting[MP_MAX_PEERS] = { false };
	char name[HAL_IPC_NAME_MAX];
	struct eal_mp_msg msg;
	int n, fd, left, failed = 0;

	if (!mp.running || !is_primary())
		return 0;
	n = hal_ipc_peers(MP_SECONDARY_PREFIX, peers, MP_MAX_PEERS);
	if (n <= 0)
		return 0;
	fd = eal_mp_open_exchange(name);
	if (fd < 0)
		return fd;
	msg_init(&msg, EAL_MP_SYNC);
	for (int i = 0; i < n; i++) {
		int ret = hal_ipc_send(fd, peers[i], &msg, sizeof(msg));

		if (ret == 0)
			waiting[i] = true;
		else if (ret == -ECONNREFUSED)
			hal_ipc_unlink(peers[i]); /* its process died: nobody reads there */
	}
	left = collect_replies(fd, peers, waiting, n, msg.id, &failed);
	if (left > 0)
		RTE_LOG(WARNING, EAL, "%d secondaries did not confirm a memory sync\n", left);
	if (failed > 0)
		RTE_LOG(WARNING, EAL, "%d secondaries could not sync their memory\n", failed);
	hal_ipc_close(fd, name);
	return failed > 0 ? -EFAULT : left > 0 ? -ETIMEDOUT : 0;
}

/*
 * What the primary serves. Its socket takes datagrams from any process of
 * the user, and one may be stale (its requester gave up, or died), mistaken
 * or junk. So pages change only for a request whose sender holds the locks
 * the change needs, and only memory that sender may change; anything else
 * gets an error reply and touches nothing:
 *  - the sender is an exchange socket, "mp_x_<pid>_<n>" (eal_mp_open_exchange);
 *  - EAL_MP_ALLOC and EAL_MP_FREE: a thread of that pid holds the memory hotplug
 *    lock, which the primary works under in its name (-EPERM otherwise);
 *  - EAL_MP_FREE: a used page of a list of pages that may be freed (-EINVAL),
 *    that no element of its heap covers any more: a secondary takes pages
 *    out of its heap before it asks (-EBUSY).
 * This is a guard against mistakes, not against a hostile process of the
 * same user: that one could write the shared memory directly.
 */
#define MP_EXCHANGE_PREFIX "mp_x_"

/* The process behind an exchange socket's name, or 0. */
static int requester_pid(const char *peer)
{
	size_t len = strlen(MP_EXCHANGE_PREFIX);
	char *end;
	long pid;

	if (strncmp(peer, MP_EXCHANGE_PREFIX, len) != 0)
		return 0;
	pid = strtol(peer + len, &end, 10);
	return end != peer + len && *end == '_' && pid > 0 && pid <= INT32_MAX ? (int)pid : 0;
}

static bool held_by(const struct eal_shmutex *m, int pid)
{
	uint32_t owner = __atomic_load_n(&m->owner, __ATOMIC_ACQUIRE);

	return owner != 0 && hal_thread_in_process((int)owner, pid);
}

/* The hotplug lock is held for us: see the rules above. */
static void serve_alloc(const struct eal_mp_msg *req, struct eal_mp_msg *reply)
{
	struct rte_memseg **segs;
	struct rte_memseg_list *msl;

	if (req->n_segs <= 0 || req->n_segs > RTE_MAX_MEMSEG_PER_LIST) {
		reply->result = -EINVAL;
		return;
	}
	segs = malloc(sizeof(*segs) * (size_t)req->n_segs);
	if (segs == NULL) {
		reply->result = -ENOMEM;
		return;
	}
	reply->result = eal_memalloc_alloc_seg_bulk(segs, req->n_segs, req->page_sz, req->socket,
						    req->exact != 0);
	if (reply->result > 0) {
		/* One call places its pages in one list, consecutively. */
		msl = rte_mem_virt2memseg_list(segs[0]->addr);
		reply->list = (int32_t)(msl - eal_mcfg()->memsegs);
		reply->idx = rte_fbarray_find_idx(&msl->memseg_arr, segs[0]);
		/* Our devices may DMA into the secondary's pages: map them here,
		 * where the IOMMU is (as DPDK's primary notifies its callbacks). */
		eal_dma_map_pages(RTE_MEM_EVENT_ALLOC, segs[0]->addr,
				  (size_t)req->n_segs * req->page_sz);
	}
	free(segs);
}

/*
 * Whether the heap still has memory in the page. A sender that shrinks its
 * heap holds the heap's lock while it waits for us; otherwise we take it
 * (after the hotplug lock, which is held for us: the lock order). A heap
 * that failed is not walked: the page stays.
 */
static bool still_in_heap(struct malloc_heap *heap, const void *va, size_t len, int pid)
{
	bool covered;

	if (held_by(&heap->lock, pid))
		return malloc_heap_covers(heap, va, len);
	covered = malloc_heap_lock(heap) != 0 || malloc_heap_covers(heap, va, len);
	malloc_heap_unlock(heap);
	return covered;
}

static void serve_free(const struct eal_mp_msg *req, struct eal_mp_msg *reply, int pid)
{
	struct rte_memseg_list *msl;
	struct malloc_heap *heap;
	struct rte_memseg *ms;

	if (req->list < 0 || req->list >= RTE_MAX_MEMSEG_LISTS) {
		reply->result = -EINVAL;
		return;
	}
	msl = &eal_mcfg()->memsegs[req->list];
	if (msl->base_va == NULL || msl->external || req->idx < 0 ||
	    (unsigned int)req->idx >= msl->memseg_arr.len ||
	    rte_fbarray_is_used(&msl->memseg_arr, (unsigned int)req->idx) != 1) {
		reply->result = -EINVAL;
		return;
	}
	ms = rte_fbarray_get(&msl->memseg_arr, (unsigned int)req->idx);
	heap = malloc_heap_of_list(msl);
	if (heap != NULL && still_in_heap(heap, ms->addr, msl->page_sz, pid)) {
		reply->result = -EBUSY;
		return;
	}
	eal_dma_map_pages(RTE_MEM_EVENT_FREE, ms->addr, ms->len);
	reply->result = eal_memalloc_free_seg(ms);
	if (reply->result < 0)
		eal_dma_map_pages(RTE_MEM_EVENT_ALLOC, ms->addr, ms->len); /* it stays */
}

/*
 * The pages of an EAL_MP_ALLOC reply that could not be delivered: the
 * requester died, or gave up waiting. Nobody will put them in a heap, so
 * they go back, under the hotplug lock. Not by waiting for it here: a live
 * secondary that asks again retakes it at once and we would starve, while
 * it waited for us. So they wait in a small queue until a request arrives
 * whose sender holds the lock for us, or the lock is found free. The
 * queue, and serving requests, are under dispatch_lock (the IPC thread,
 * or a caller of eal_mp_dispatch).
 */
#define MP_MAX_UNDO 16

static pthread_mutex_t dispatch_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	int32_t list, idx, n;
} undo[MP_MAX_UNDO];
static int n_undo;

static void undo_later(const struct eal_mp_msg *reply)
{
	RTE_LOG(WARNING, EAL, "the secondary that asked for %d pages is gone; freeing them\n",
		reply->result);
	if (n_undo == MP_MAX_UNDO) {
		RTE_LOG(ERR, EAL, "too many pages to free: %d left mapped\n", reply->result);
		return;
	}
	undo[n_undo].list = reply->list;
	undo[n_undo].idx = reply->idx;
	undo[n_undo].n = reply->result;
	__atomic_store_n(&n_undo, n_undo + 1, __ATOMIC_RELAXED);
}

/* The hotplug lock held (by us or a requester): free the queued pages. */
static void undo_now(void)
{
	for (int u = 0; u < n_undo; u++) {
		struct rte_memseg_list *msl = &eal_mcfg()->memsegs[undo[u].list];

		for (int i = 0; i < undo[u].n; i++) {
			struct rte_memseg *ms =
				rte_fbarray_get(&msl->memseg_arr, (unsigned int)(undo[u].idx + i));

			eal_dma_map_pages(RTE_MEM_EVENT_FREE, ms->addr, ms->len);
			if (eal_memalloc_free_seg(ms) < 0)
				eal_dma_map_pages(RTE_MEM_EVENT_ALLOC, ms->addr, ms->len);
		}
	}
	__atomic_store_n(&n_undo, 0, __ATOMIC_RELAXED);
}

/* Free the queued pages if the hotplug lock is free now. */
static void undo_if_unlocked(void)
{
	pthread_mutex_lock(&dispatch_lock);
	if (n_undo > 0 && eal_mcfg_mem_write_trylock() == 0) {
		undo_now();
		rte_mcfg_mem_write_unlock();
	}
	pthread_mutex_unlock(&dispatch_lock);
}

int eal_mp_socket(void)
{
	return mp.running ? mp.fd : -1;
}

/* Whatever is not an eal_mp_msg: an application message, or junk. */
static void other_message(const void *buf, int n, const char *peer, int *fds, int nfds)
{
	const struct eal_mp_user_wire *w = buf;

	if (n >= (int)offsetof(struct eal_mp_user_wire, msg) && w->magic == RTE_MAGIC &&
	    w->kind >= EAL_MP_USER_MSG && w->kind <= EAL_MP_USER_IGNORE) {
		eal_mp_user_message(w, n, peer, fds, nfds);
		return;
	}
	while (nfds > 0)
		hal_fd_close(fds[--nfds]);
}

/* A secondary's memory request, in the primary (see the rules above). */
static void serve_request(const struct eal_mp_msg *req, struct eal_mp_msg *reply, const char *peer)
{
	struct eal_shmutex *hp = &eal_mcfg()->memory_hotplug_lock.w;
	int pid = requester_pid(peer);
	uint32_t holder;

	if (pid == 0 || !held_by(hp, pid)) {
		reply->result = -EPERM;
		return;
	}
	/* We hold the lock in its holder's name while we change pages, so its
	 * death cannot hand the lock to a process that would see them half
	 * made. */
	holder = eal_shmutex_adopt(hp);
	if (holder == 0 || !hal_thread_in_process((int)holder, pid)) {
		eal_shmutex_return(hp, holder); /* changed hands since we looked */
		reply->result = -EPERM;
		return;
	}
	undo_now();
	if (req->kind == EAL_MP_ALLOC)
		serve_alloc(req, reply);
	else
		serve_free(req, reply, pid);
	for (int i = 0; i < RTE_MAX_HEAPS; i++)
		eal_shmutex_publish(&eal_mcfg()->malloc_heaps[i].lock);
	eal_shmutex_return(hp, holder);
}

int eal_mp_dispatch(const void *buf, int n, const char *peer, int *fds, int nfds)
{
	struct eal_mp_msg req, reply;

	if (n != (int)sizeof(req) || ((const struct eal_mp_msg *)buf)->magic != RTE_MAGIC) {
		if (n > 0)
			other_message(buf, n, peer, fds, nfds);
		else
			while (nfds > 0)
				hal_fd_close(fds[--nfds]);
		return 0;
	}
	while (nfds > 0)
		hal_fd_close(fds[--nfds]); /* our own requests carry none */
	memcpy(&req, buf, sizeof(req));
	if (req.kind == EAL_MP_STOP)
		return strcmp(peer, mp.name) == 0; /* only eal_mp_stop may */
	if (req.kind != EAL_MP_SYNC && req.kind != EAL_MP_ALLOC && req.kind != EAL_MP_FREE)
		return 0; /* a stray reply, or junk */
	msg_init(&reply, EAL_MP_REPLY);
	reply.id = req.id;
	pthread_mutex_lock(&dispatch_lock);
	if (req.kind == EAL_MP_SYNC)
		reply.result = eal_mp_sync_memory();
	else if (is_primary())
		serve_request(&req, &reply, peer);
	else
		reply.result = -ENOTSUP; /* only the primary maps pages */
	if (hal_ipc_send(mp.fd, peer, &reply, sizeof(reply)) != 0 && req.kind == EAL_MP_ALLOC &&
	    reply.result > 0)
		undo_later(&reply);
	pthread_mutex_unlock(&dispatch_lock);
	return 0;
}

static void *mp_thread_main(void *arg)
{
	RTE_SET_USED(arg);
	for (;;) {
		char peer[HAL_IPC_NAME_MAX];
		union {
			struct eal_mp_msg m;
			struct eal_mp_user_wire user;
			unsigned char raw[HAL_IPC_MSG_MAX];
		} in;
		int fds[HAL_IPC_MAX_FDS], nfds;
		int wait = __atomic_load_n(&n_undo, __ATOMIC_RELAXED) > 0 ? 100 : -1;
		int n = hal_ipc_recv_fds(mp.fd, &in, sizeof(in), peer, wait, fds, &nfds,
					 HAL_IPC_MAX_FDS);

		if (n == -EAGAIN) {
			undo_if_unlocked();
			continue;
		}
		if (n == -EINTR)
			continue;
		if (n == -EBADF || n == -ENOTSOCK)
			break; /* the socket is gone: nothing more will come */
		if (n < 0) {
			/* A failed receive loses at most that datagram (its
			 * sender times out); the endpoint stays. */
			RTE_LOG(ERR, EAL, "IPC receive: %s\n", strerror(-n));
			hal_sleep_us(1000);
			continue;
		}
		if (eal_mp_dispatch(&in, n, peer, fds, nfds) != 0)
			break;
	}
	return NULL;
}

int eal_mp_start(void)
{
	int ret;

	if (internal_config.in_memory)
		return 0; /* nobody can attach: nothing to serve */
	if (is_primary())
		snprintf(mp.name, sizeof(mp.name), MP_PRIMARY_SOCKET);
	else
		snprintf(mp.name, sizeof(mp.name), MP_SECONDARY_PREFIX "%d", (int)getpid());
	mp.fd = hal_ipc_open(mp.name);
	if (mp.fd < 0) {
		RTE_LOG(ERR, EAL, "cannot open IPC socket %s: %s\n", mp.name, strerror(-mp.fd));
		return mp.fd;
	}
	/* Before the thread starts: the first request it serves may already
	 * need eal_mp_notify_secondaries, which checks it. */
	mp.running = true;
	ret = pthread_create(&mp.thread, NULL, mp_thread_main, NULL);
	if (ret != 0) {
		mp.running = false;
		hal_ipc_close(mp.fd, mp.name);
		mp.fd = -1;
		return -ret;
	}
	return 0;
}

void eal_mp_stop(void)
{
	struct eal_mp_msg stop;

	if (!mp.running)
		return;
	eal_mp_api_drain();
	msg_init(&stop, EAL_MP_STOP);
	/* The thread must end: if the message cannot be sent, cancel it
	 * (it waits in poll, a cancellation point, and holds nothing there). */
	if (hal_ipc_send(mp.fd, mp.name, &stop, sizeof(stop)) != 0 &&
	    hal_ipc_send(mp.fd, mp.name, &stop, sizeof(stop)) != 0)
		pthread_cancel(mp.thread);
	pthread_join(mp.thread, NULL);
	hal_ipc_close(mp.fd, mp.name);
	mp.fd = -1;
	mp.running = false;
}

/* ---- secondary: requests ---------------------------------------------- */

/*
 * Send req to the primary and wait for the reply that carries its id (5 s
 * at most); anything else is stale and dropped. A primary that dies
 * meanwhile ends the wait at once (-ENOTCONN).
 */
static int request(struct eal_mp_msg *req, struct eal_mp_msg *reply)
{
	char name[HAL_IPC_NAME_MAX], peer[HAL_IPC_NAME_MAX];
	int fd = eal_mp_open_exchange(name), ret, waited = 0;

	if (fd < 0)
		return fd;
	ret = hal_ipc_send(fd, MP_PRIMARY_SOCKET, req, sizeof(*req));
	while (ret == 0) {
		ret = hal_ipc_recv(fd, reply, sizeof(*reply), peer, MP_LIVENESS_MS);
		if (ret == (int)sizeof(*reply) && reply->magic == RTE_MAGIC &&
		    reply->kind == EAL_MP_REPLY && reply->id == req->id) {
			ret = 0;
			break;
		}
		if (ret == -EAGAIN) {
			waited += MP_LIVENESS_MS;
			if (hal_runtime_lock(false) != 0)
				ret = -ENOTCONN; /* the primary is gone */
			else if (waited < MP_REPLY_TIMEOUT_MS)
				ret = 0;
		} else if (ret >= 0) {
			ret = 0; /* not ours: keep waiting */
		} else {
			/* A failed receive: keep waiting (as long as for a
			 * silence). Giving up at once could leave the primary's
			 * reply, and its pages, with nobody to take them. */
			waited += MP_LIVENESS_MS;
			if (waited < MP_REPLY_TIMEOUT_MS)
				ret = 0;
		}
	}
	hal_ipc_close(fd, name);
	if (ret < 0)
		RTE_LOG(ERR, EAL, "no answer from the primary process: %s\n", strerror(-ret));
	return ret;
}

int eal_mp_request_alloc(struct rte_memseg **ms, int n_segs, size_t page_sz, int socket,
			 bool exact)
{
	struct eal_mp_msg req, reply;
	struct rte_memseg_list *msl;
	int ret;

	msg_init(&req, EAL_MP_ALLOC);
	req.n_segs = n_segs;
	req.page_sz = page_sz;
	req.socket = socket;
	req.exact = exact;
	ret = request(&req, &reply);
	if (ret < 0)
		return ret;
	if (reply.result < 0)
		return reply.result;
	if (eal_mp_sync_memory() < 0)
		return -EFAULT;
	msl = &eal_mcfg()->memsegs[reply.list];
	for (int i = 0; ms != NULL && i < reply.result; i++)
		ms[i] = rte_fbarray_get(&msl->memseg_arr, (unsigned int)(reply.idx + i));
	return reply.result;
}

int eal_mp_request_free(struct rte_memseg *ms)
{
	struct rte_memseg_list *msl = rte_mem_virt2memseg_list(ms->addr);
	struct eal_mp_msg req, reply;
	int ret;

	if (msl == NULL)
		return -EINVAL;
	msg_init(&req, EAL_MP_FREE);
	req.list = (int32_t)(msl - eal_mcfg()->memsegs);
	req.idx = rte_fbarray_find_idx(&msl->memseg_arr, ms);
	ret = request(&req, &reply);
	if (ret < 0)
		return ret;
	if (reply.result < 0)
		return reply.result;
	return eal_mp_sync_memory();
}
