/* SPDX-License-Identifier: BSD-3-Clause
 * DPDK's multi-process messages (rte_mp_*), on the sockets and the IPC
 * thread of eal_mp.c. A secondary's messages go to the primary, the
 * primary's to every secondary. A request is sent from a socket made for
 * it (as the memory requests are), so its replies arrive there and nowhere
 * else: the requester collects them itself, and the IPC threads only ever
 * see requests and plain messages.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>

#include "eal_memcfg.h"
#include "eal_mp.h"
#include "eal_private.h"

/* ---- actions -------------------------------------------------------------- */

struct mp_action {
	struct mp_action *next;
	rte_mp_t fn;
	char name[RTE_MP_MAX_NAME_LEN];
};

static pthread_mutex_t action_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mp_action *actions;

static int name_check(const char *name)
{
	size_t len;

	if (name == NULL)
		return -EINVAL;
	len = strnlen(name, RTE_MP_MAX_NAME_LEN);
	if (len == 0)
		return -EINVAL;
	return len == RTE_MP_MAX_NAME_LEN ? -E2BIG : 0;
}

static int msg_check(const struct rte_mp_msg *msg)
{
	int ret;

	if (msg == NULL)
		return -EINVAL;
	ret = name_check(msg->name);
	if (ret < 0)
		return ret;
	if (msg->len_param < 0 || msg->num_fds < 0)
		return -EINVAL;
	if (msg->len_param > RTE_MP_MAX_PARAM_LEN || msg->num_fds > RTE_MP_MAX_FD_NUM)
		return -E2BIG;
	return 0;
}

/* With --in-memory there is nobody to talk to (DPDK's "no shared files"). */
static bool ipc_off(void)
{
	return internal_config.in_memory;
}

/* Called with action_lock held. */
static struct mp_action **action_find(const char *name)
{
	struct mp_action **a = &actions;

	while (*a != NULL && strncmp((*a)->name, name, RTE_MP_MAX_NAME_LEN) != 0)
		a = &(*a)->next;
	return a;
}

int rte_mp_action_register(const char *name, rte_mp_t action)
{
	struct mp_action *a, **slot;
	int ret = name_check(name);

	if (ret == 0 && action == NULL)
		ret = -EINVAL;
	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	if (ipc_off()) {
		rte_errno = ENOTSUP;
		return -1;
	}
	a = calloc(1, sizeof(*a));
	if (a == NULL) {
		rte_errno = ENOMEM;
		return -1;
	}
	a->fn = action;
	memcpy(a->name, name, strlen(name) + 1);
	pthread_mutex_lock(&action_lock);
	slot = action_find(name);
	if (*slot != NULL) {
		pthread_mutex_unlock(&action_lock);
		free(a);
		rte_errno = EEXIST;
		return -1;
	}
	*slot = a;
	pthread_mutex_unlock(&action_lock);
	return 0;
}

void rte_mp_action_unregister(const char *name)
{
	struct mp_action *a = NULL, **slot;

	if (name_check(name) < 0 || ipc_off())
		return;
	pthread_mutex_lock(&action_lock);
	slot = action_find(name);
	if (*slot != NULL) {
		a = *slot;
		*slot = a->next;
	}
	pthread_mutex_unlock(&action_lock);
	free(a);
}

static void close_fds(const int *fds, int nfds)
{
	for (int i = 0; i < nfds; i++)
		hal_fd_close(fds[i]);
}

static int send_wire(int fd, const char *peer, uint32_t kind, const struct rte_mp_msg *msg)
{
	struct eal_mp_user_wire w;

	memset(&w, 0, sizeof(w));
	w.magic = RTE_MAGIC;
	w.kind = kind;
	memcpy(w.msg.name, msg->name, strnlen(msg->name, RTE_MP_MAX_NAME_LEN));
	w.msg.len_param = msg->len_param;
	w.msg.num_fds = msg->num_fds;
	memcpy(w.msg.param, msg->param, (size_t)msg->len_param);
	return hal_ipc_send_fds(fd, peer, &w, sizeof(w), msg->fds, msg->num_fds);
}

/* A message off the wire, made whole: its own fds, the rest unused (-1). */
static bool wire_to_msg(const struct eal_mp_user_wire *w, int len, const int *fds, int nfds,
			struct rte_mp_msg *out)
{
	if (len != (int)sizeof(*w) || name_check(w->msg.name) < 0 || w->msg.len_param < 0 ||
	    w->msg.len_param > RTE_MP_MAX_PARAM_LEN || nfds > RTE_MP_MAX_FD_NUM)
		return false;
	*out = w->msg;
	out->num_fds = nfds;
	for (int i = 0; i < RTE_MP_MAX_FD_NUM; i++)
		out->fds[i] = i < nfds ? fds[i] : -1;
	return true;
}

void eal_mp_user_message(const struct eal_mp_user_wire *w, int len, const char *peer,
			 const int *fds, int nfds)
{
	struct rte_mp_msg msg;
	struct mp_action **a;
	rte_mp_t fn = NULL;

	/* Replies go to the requester's exchange socket: one here is stale. */
	if ((w->kind != EAL_MP_USER_MSG && w->kind != EAL_MP_USER_REQ) ||
	    !wire_to_msg(w, len, fds, nfds, &msg)) {
		close_fds(fds, nfds);
		return;
	}
	pthread_mutex_lock(&action_lock);
	a = action_find(msg.name);
	if (*a != NULL)
		fn = (*a)->fn;
	pthread_mutex_unlock(&action_lock);
	if (fn != NULL) {
		fn(&msg, peer); /* the fds are the action's now */
		return;
	}
	close_fds(fds, nfds);
	if (w->kind == EAL_MP_USER_REQ && !eal_is_initialized()) {
		/* Still starting: our actions may not be registered yet, so the
		 * requester should not count us rather than time out. */
		struct rte_mp_msg ign;

		memset(&ign, 0, sizeof(ign));
		memcpy(ign.name, msg.name, sizeof(ign.name));
		send_wire(eal_mp_socket(), peer, EAL_MP_USER_IGNORE, &ign);
		return;
	}
	RTE_LOG(ERR, EAL, "no action registered for IPC message %s\n", msg.name);
}

/* ---- sending -------------------------------------------------------------- */

static bool is_primary(void)
{
	return rte_eal_process_type() == RTE_PROC_PRIMARY;
}

/* Who hears us: the primary from a secondary, every secondary from the primary. */
static int targets(char (*peers)[HAL_IPC_NAME_MAX])
{
	if (!is_primary()) {
		memcpy(peers[0], EAL_MP_PRIMARY_SOCKET, sizeof(EAL_MP_PRIMARY_SOCKET));
		return 1;
	}
	return hal_ipc_peers(EAL_MP_SECONDARY_PREFIX, peers, EAL_MP_MAX_PEERS);
}

/*
 * Send to peer; a primary that finds a secondary's socket dead removes it
 * and does not count it as an error (1: not sent, 0: sent, or -errno).
 */
static int send_to(int fd, const char *peer, uint32_t kind, const struct rte_mp_msg *msg)
{
	int ret = send_wire(fd, peer, kind, msg);

	if (ret == -ECONNREFUSED && is_primary()) {
		hal_ipc_unlink(peer);
		return 1;
	}
	return ret;
}

int rte_mp_sendmsg(struct rte_mp_msg *msg)
{
	char peers[EAL_MP_MAX_PEERS][HAL_IPC_NAME_MAX];
	int ret = msg_check(msg), n, err = 0;

	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	if (ipc_off())
		return 0;
	if (eal_mp_socket() < 0) {
		rte_errno = ENOTCONN; /* EAL is not up */
		return -1;
	}
	n = targets(peers);
	if (n < 0)
		err = n;
	for (int i = 0; i < n; i++) {
		ret = send_to(eal_mp_socket(), peers[i], EAL_MP_USER_MSG, msg);
		if (ret < 0)
			err = ret;
	}
	if (err < 0) {
		rte_errno = -err;
		return -1;
	}
	return 0;
}

int rte_mp_reply(struct rte_mp_msg *msg, const char *peer)
{
	int ret = msg_check(msg);

	if (ret == 0 && peer == NULL)
		ret = -EINVAL;
	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	if (ipc_off())
		return 0;
	if (eal_mp_socket() < 0) {
		rte_errno = ENOTCONN;
		return -1;
	}
	ret = send_to(eal_mp_socket(), peer, EAL_MP_USER_REPLY, msg);
	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

/* ---- requests ------------------------------------------------------------- */

/* One request in flight: its socket and whom it still waits for. */
struct exchange {
	int fd;
	char name[HAL_IPC_NAME_MAX];
	int n, left;
	char peers[EAL_MP_MAX_PEERS][HAL_IPC_NAME_MAX];
	bool waiting[EAL_MP_MAX_PEERS];
	struct rte_mp_msg req;
	struct rte_mp_reply reply;
	uint64_t deadline; /* timer cycles */
	rte_mp_async_reply_t clb;
};

static void exchange_free(struct exchange *x, bool drop_replies)
{
	if (x->fd >= 0)
		hal_ipc_close(x->fd, x->name);
	if (drop_replies) {
		for (int i = 0; i < x->reply.nb_received; i++)
			close_fds(x->reply.msgs[i].fds, x->reply.msgs[i].num_fds);
		free(x->reply.msgs);
	}
	free(x);
}

/* Open the exchange and send the request to every target: 0 or -errno. */
static int request_send(const struct rte_mp_msg *req, const struct timespec *ts,
			struct exchange **out)
{
	struct exchange *x = calloc(1, sizeof(*x));
	uint64_t hz = rte_get_timer_hz();
	int ret;

	if (x == NULL)
		return -ENOMEM;
	x->req = *req;
	x->deadline = rte_get_timer_cycles() + (uint64_t)ts->tv_sec * hz +
		      (uint64_t)ts->tv_nsec * hz / 1000000000u;
	x->fd = eal_mp_open_exchange(x->name);
	if (x->fd < 0) {
		ret = x->fd;
		free(x);
		return ret;
	}
	x->n = targets(x->peers);
	ret = x->n < 0 ? x->n : 0;
	for (int i = 0; ret == 0 && i < x->n; i++) {
		ret = send_to(x->fd, x->peers[i], EAL_MP_USER_REQ, req);
		if (ret == 0) {
			x->waiting[i] = true;
			x->left++;
			x->reply.nb_sent++;
		} else if (ret == 1) {
			ret = 0; /* a dead secondary: not asked */
		}
	}
	if (ret == 0 && x->n > 0)
		x->reply.msgs = calloc((size_t)x->n, sizeof(struct rte_mp_msg));
	if (ret == 0 && x->n > 0 && x->reply.msgs == NULL)
		ret = -ENOMEM;
	if (ret < 0) {
		exchange_free(x, true);
		return ret;
	}
	*out = x;
	return 0;
}

static int peer_index(const struct exchange *x, const char *peer)
{
	for (int i = 0; i < x->n; i++)
		if (x->waiting[i] && strcmp(x->peers[i], peer) == 0)
			return i;
	return -1;
}

/* Collect one reply per target until the deadline: 0, or -ETIMEDOUT. */
static int request_collect(struct exchange *x)
{
	while (x->left > 0) {
		uint64_t now = rte_get_timer_cycles();
		struct eal_mp_user_wire w;
		struct rte_mp_msg *m;
		char from[HAL_IPC_NAME_MAX];
		int fds[HAL_IPC_MAX_FDS], nfds, ms, n, i;

		if (now >= x->deadline)
			return -ETIMEDOUT;
		ms = (int)RTE_MIN((x->deadline - now) * 1000 / rte_get_timer_hz() + 1, 1000u);
		n = hal_ipc_recv_fds(x->fd, &w, sizeof(w), from, ms, fds, &nfds, HAL_IPC_MAX_FDS);
		if (n == -EAGAIN || n == -EINTR)
			continue;
		if (n < 0)
			return n;
		i = peer_index(x, from);
		m = &x->reply.msgs[x->reply.nb_received];
		if (i < 0 || w.magic != RTE_MAGIC ||
		    (w.kind != EAL_MP_USER_REPLY && w.kind != EAL_MP_USER_IGNORE) ||
		    !wire_to_msg(&w, n, fds, nfds, m) ||
		    strncmp(m->name, x->req.name, RTE_MP_MAX_NAME_LEN) != 0) {
			close_fds(fds, nfds); /* not an answer to this request */
			continue;
		}
		x->waiting[i] = false;
		x->left--;
		if (w.kind == EAL_MP_USER_IGNORE) {
			x->reply.nb_sent--;
			close_fds(fds, nfds);
			continue;
		}
		x->reply.nb_received++;
	}
	return 0;
}

int rte_mp_request_sync(struct rte_mp_msg *req, struct rte_mp_reply *reply,
			const struct timespec *ts)
{
	struct exchange *x = NULL;
	int ret = msg_check(req);

	if (ret == 0 && (reply == NULL || ts == NULL))
		ret = -EINVAL;
	if (reply != NULL)
		memset(reply, 0, sizeof(*reply));
	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	if (ipc_off())
		return 0;
	if (eal_mp_socket() < 0) {
		rte_errno = ENOTCONN;
		return -1;
	}
	ret = request_send(req, ts, &x);
	if (ret == 0)
		ret = request_collect(x);
	if (ret < 0) {
		/* As DPDK: all or nothing; what did come is dropped. */
		if (x != NULL) {
			reply->nb_sent = x->reply.nb_sent;
			exchange_free(x, true);
		}
		rte_errno = -ret;
		RTE_LOG(ERR, EAL, "IPC request %s: %s\n", req->name, strerror(-ret));
		return -1;
	}
	*reply = x->reply;
	if (reply->nb_received == 0) {
		free(reply->msgs);
		reply->msgs = NULL;
	}
	exchange_free(x, false);
	return 0;
}

/* ---- asynchronous requests ------------------------------------------------- */

static pthread_mutex_t async_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t async_done = PTHREAD_COND_INITIALIZER;
static unsigned int async_pending;

/* Waits for the replies, hands them to the callback, and goes. */
static void *async_main(void *arg)
{
	struct exchange *x = arg;

	if (request_collect(x) < 0)
		RTE_LOG(DEBUG, EAL, "IPC request %s: %d of %d replies\n", x->req.name,
			x->reply.nb_received, x->reply.nb_sent);
	if (x->reply.nb_received == 0) {
		free(x->reply.msgs);
		x->reply.msgs = NULL;
	}
	/* The fds in the replies are the callback's; the array is ours. */
	x->clb(&x->req, &x->reply);
	free(x->reply.msgs);
	exchange_free(x, false);
	pthread_mutex_lock(&async_lock);
	async_pending--;
	pthread_cond_broadcast(&async_done);
	pthread_mutex_unlock(&async_lock);
	return NULL;
}

int rte_mp_request_async(struct rte_mp_msg *req, const struct timespec *ts,
			 rte_mp_async_reply_t clb)
{
	pthread_attr_t attr;
	pthread_t thread;
	struct exchange *x;
	int ret = msg_check(req);

	if (ret == 0 && (ts == NULL || clb == NULL))
		ret = -EINVAL;
	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	if (ipc_off())
		return 0;
	if (eal_mp_socket() < 0) {
		rte_errno = ENOTCONN;
		return -1;
	}
	ret = request_send(req, ts, &x);
	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	x->clb = clb;
	pthread_mutex_lock(&async_lock);
	async_pending++;
	pthread_mutex_unlock(&async_lock);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	ret = pthread_create(&thread, &attr, async_main, x);
	pthread_attr_destroy(&attr);
	if (ret != 0) {
		pthread_mutex_lock(&async_lock);
		async_pending--;
		pthread_mutex_unlock(&async_lock);
		exchange_free(x, true);
		rte_errno = ret;
		return -1;
	}
	return 0;
}

void eal_mp_api_drain(void)
{
	pthread_mutex_lock(&async_lock);
	while (async_pending > 0)
		pthread_cond_wait(&async_done, &async_lock);
	pthread_mutex_unlock(&async_lock);
}

/* ---- disabling ------------------------------------------------------------ */

/*
 * Shared state (rte_mem_config.mp_status): unknown until the first
 * secondary attaches (enabled) or the primary disables it; then fixed.
 */
static bool mp_status_set(uint32_t want)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	uint32_t expected = EAL_MP_STATUS_UNKNOWN;

	if (mcfg == NULL)
		return false;
	if (__atomic_compare_exchange_n(&mcfg->mp_status, &expected, want, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return true;
	return expected == want;
}

bool rte_mp_disable(void)
{
	return mp_status_set(EAL_MP_STATUS_DISABLED);
}

bool eal_mp_enable(void)
{
	return mp_status_set(EAL_MP_STATUS_ENABLED);
}
