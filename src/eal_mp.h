/* SPDX-License-Identifier: BSD-3-Clause
 * Multi-process memory: a secondary maps the primary's memory at the same
 * addresses and keeps its view in sync. Protocol (docs/multi-process.md):
 * only the primary maps or unmaps hugepages; a secondary asks it to over
 * IPC, and after every change the primary tells each live secondary to
 * sync before the change is used.
 */
#ifndef RTEMEM_EAL_MP_H
#define RTEMEM_EAL_MP_H

#include <stdbool.h>
#include <stddef.h>

#include <rte_eal.h>
#include <rte_memory.h>

#include "hal.h"

#define EAL_MP_PRIMARY_SOCKET "mp_socket"
#define EAL_MP_SECONDARY_PREFIX "mp_socket_"
#define EAL_MP_MAX_PEERS 64

/* The memory protocol's datagram (docs/multi-process.md). */
enum eal_mp_kind {
	EAL_MP_STOP = 1, /* to our own thread: return */
	EAL_MP_SYNC,     /* primary -> secondary: sync your view, then reply */
	EAL_MP_ALLOC,    /* secondary -> primary: map pages */
	EAL_MP_FREE,     /* secondary -> primary: unmap a page */
	EAL_MP_REPLY,
};

struct eal_mp_msg {
	uint32_t magic;  /* RTE_MAGIC */
	uint32_t kind;
	int32_t result;  /* reply: pages done, or -errno */
	int32_t socket;
	uint64_t page_sz;
	int32_t n_segs;
	int32_t exact;
	int32_t list;    /* alloc reply and free request: memseg list index */
	int32_t idx;     /* alloc reply: first segment; free request: the segment */
	uint32_t id;     /* a request's, copied into its reply */
};

/* Start/stop this process's IPC thread (either process type). */
int eal_mp_start(void);
void eal_mp_stop(void);

/*
 * Serve one datagram that arrived at this process's socket, as the IPC
 * thread does with each: n bytes at buf (aligned for struct
 * eal_mp_user_wire), from the socket named peer, carrying nfds descriptors
 * (closed, or an action's now). Replies go to peer. Returns 1 for a stop
 * message from this process itself (the thread then ends), else 0. The
 * thread's loop and fuzz/fuzz_ipc.c call it; see eal_mp.c for what the
 * primary refuses to do for a sender.
 */
int eal_mp_dispatch(const void *buf, int n, const char *peer, int *fds, int nfds);

/* Secondary: map every list and page of the primary at the same VA. */
int eal_mp_attach_memory(void);
/* Secondary: drop this process's view of all memory (rte_eal_cleanup). */
void eal_mp_detach_memory(void);
/* Secondary: map/unmap pages so this process sees what the lists say. */
int eal_mp_sync_memory(void);

/*
 * Primary: after a change to the lists, make every secondary sync. 0, or
 * -EFAULT if a secondary could not, or -ETIMEDOUT if a live one did not
 * answer (a dead one is not waited for).
 */
int eal_mp_notify_secondaries(void);

/* Secondary: have the primary allocate or free pages (see eal_memalloc.c). */
int eal_mp_request_alloc(struct rte_memseg **ms, int n_segs, size_t page_sz, int socket,
			 bool exact);
int eal_mp_request_free(struct rte_memseg *ms);

/*
 * The application's messages (rte_mp_*, eal_mp_api.c) share the sockets
 * and the IPC thread. On the wire: the magic and kind every datagram
 * starts with, then DPDK's message; its fds travel as SCM_RIGHTS.
 */
enum eal_mp_user_kind {
	EAL_MP_USER_MSG = 100, /* rte_mp_sendmsg: no reply */
	EAL_MP_USER_REQ,       /* rte_mp_request_*: one reply expected */
	EAL_MP_USER_REPLY,     /* rte_mp_reply */
	EAL_MP_USER_IGNORE,    /* "not ready: do not count me" (DPDK's MP_IGN) */
};

struct eal_mp_user_wire {
	uint32_t magic;
	uint32_t kind;
	struct rte_mp_msg msg;
};

/* This process's own socket (-1 when IPC is off), to send from. */
int eal_mp_socket(void);
/* A fresh socket for one exchange, so its replies never mix with requests. */
int eal_mp_open_exchange(char name[HAL_IPC_NAME_MAX]);
/* IPC thread: an application message arrived (eal_mp_api.c owns the fds). */
void eal_mp_user_message(const struct eal_mp_user_wire *w, int len, const char *peer,
			 const int *fds, int nfds);
/* Wait until no rte_mp_request_async is pending (before the thread stops). */
void eal_mp_api_drain(void);
/* Secondary: tell the shared config multi-process is in use; false if the
 * primary disabled it (rte_mp_disable). */
bool eal_mp_enable(void);

#endif
