/* SPDX-License-Identifier: BSD-3-Clause
 * libFuzzer harness for the primary's IPC endpoint. The harness is a
 * primary (shared files, IPC socket, on a two-socket simulated machine)
 * and plays a fake secondary: the input becomes datagrams handed one by one
 * to eal_mp_dispatch, as the IPC thread hands over what its socket
 * receives, from a socket of the harness's own (replies are read back from
 * it) or from one nobody reads (the requester gave up or died). Both
 * protocols are spoken: the memory requests of src/eal_mp.c (struct
 * eal_mp_msg, well formed, mangled or raw bytes), with or without the
 * hotplug and heap locks held for them, and the rte_mp_* wire format with
 * registered actions, descriptors attached.
 *
 * After every datagram:
 *   - a reply came exactly when one was due, carrying the request's id;
 *   - a memory request was served (reply > 0 or 0) only if it was valid:
 *     sent from an exchange socket while the harness held the hotplug lock,
 *     and, for a free, naming a page the harness was given and still owns;
 *     a served allocation gave fresh pages of the asked size and socket,
 *     now used, and took that many from the pool; anything else left the
 *     memseg lists, the pool and the heap statistics exactly as they were;
 *   - an action ran exactly when the message was an MSG or REQ of a
 *     registered name with a sane parameter length, with the parameter sent;
 *     every descriptor sent was closed (by the action, or by EAL).
 * After every input: the pages the harness still owns are freed with valid
 * requests, then a valid allocation and free are served (the endpoint still
 * works), and the memseg lists, pool, heap statistics and the heap's own
 * block are as at start; rtemem_malloc_heap_check finds nothing wrong.
 * Every 64th input a user request also goes through the real socket to the
 * IPC thread, which must answer.
 *
 * Input: records (at most MAX_OPS), each an opcode byte and the bytes it
 * reads (missing: 0):
 *   op % 4 == 0  memory request: flags, kind, n_segs, size, socket, exact,
 *                list, idx (2 bytes), id
 *   op % 4 == 1  raw datagram: flags, length (2 bytes), that many bytes
 *   op % 4 == 2  user message: flags, kind, name, param length, fds, id
 *   op % 4 == 3  free an owned page: flags, which
 * flags: bit 0 hold the hotplug lock, bit 1 the heap locks, bits 2-3 the
 * sender (our exchange socket; one nobody reads; another pid's; a
 * secondary's own socket), bit 4 wrong magic, bits 5-6 length off by
 * -1, +8 or -8, bit 7 an extra descriptor.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "eal_memcfg.h"
#include "eal_mp.h"
#include "eal_private.h"
#include "fuzz_check.h"
#include "fuzz_eal.h"
#include "malloc_heap.h"
#include "sim_machine.h"

#define SOCKETS 2
#define MAX_OWNED 64
#define HEAP_BLOCK 8192
#define MAX_OPS 16 /* datagrams per input: the endpoint keeps little state */
#define ACTION_ECHO "fz_echo"
#define ACTION_SINK "fz_sink"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct input {
	const uint8_t *data;
	size_t size, off;
};

static uint8_t get8(struct input *in)
{
	return in->off < in->size ? in->data[in->off++] : 0;
}

static uint16_t get16(struct input *in)
{
	uint16_t lo = get8(in);

	return (uint16_t)(lo | (uint16_t)get8(in) << 8);
}

/* A page the harness was given by a served allocation. */
struct owned {
	int32_t list, idx;
};

/*
 * What the memory holds: compared before and after. Around one datagram a
 * list's count and version say enough (any page mapped or unmapped bumps
 * the version); across an input the version moves, so the used pages are
 * compared one by one (a hash of their indexes).
 */
struct state {
	unsigned int pool[SOCKETS];
	unsigned int used[RTE_MAX_MEMSEG_LISTS];
	uint32_t version[RTE_MAX_MEMSEG_LISTS];
	uint64_t used_hash[RTE_MAX_MEMSEG_LISTS];
	struct rte_malloc_socket_stats stats[SOCKETS];
};

static struct {
	int fd;                             /* our exchange socket */
	char name[HAL_IPC_NAME_MAX];        /* its name */
	char gone[HAL_IPC_NAME_MAX];        /* an exchange name nobody reads */
	char other[HAL_IPC_NAME_MAX];       /* another pid's exchange name */
	char secondary[HAL_IPC_NAME_MAX];   /* a secondary's socket name (not an exchange) */
	int pipe_rd;                        /* dup'ed for descriptors to send */
	size_t hugepage_sz;
	uint8_t *block;                     /* heap memory that must survive */
	int n_lists;                        /* memseg lists in use: the first n */
	struct state start;
	struct owned owned[MAX_OWNED];
	int n_owned;
	/* What the actions saw. */
	unsigned int echo_calls, sink_calls;
	unsigned long inputs;
	struct rte_mp_msg last;
} fz;

static uint64_t used_hash(struct rte_memseg_list *msl)
{
	uint64_t h = 1469598103934665603ull;
	int idx = rte_fbarray_find_next_used(&msl->memseg_arr, 0);

	while (idx >= 0) {
		h = (h ^ (uint64_t)idx) * 1099511628211ull;
		idx = rte_fbarray_find_next_used(&msl->memseg_arr, (unsigned int)idx + 1);
	}
	return h;
}

/* full: also hash the used pages (slow: at the end of an input). */
static void snapshot(struct state *st, bool full)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	for (int s = 0; s < SOCKETS; s++) {
		st->pool[s] = sim_pool_free_pages(s);
		rte_malloc_get_socket_stats(s, &st->stats[s]);
	}
	for (int i = 0; i < fz.n_lists; i++) {
		st->used[i] = mcfg->memsegs[i].memseg_arr.count;
		st->version[i] = mcfg->memsegs[i].version;
		st->used_hash[i] = full ? used_hash(&mcfg->memsegs[i]) : 0;
	}
}

/* How closely two states must match, beyond pool and heap statistics. */
enum depth {
	SAME_VERSION, /* lists untouched: count and version */
	SAME_PAGES,   /* the same used pages (a full snapshot) */
	SAME_COUNT,   /* as many used pages per list */
};

static void check_same(const struct state *a, const struct state *b, enum depth d,
		       const char *what)
{
	for (int s = 0; s < SOCKETS; s++)
		CHECK(a->pool[s] == b->pool[s], "%s: socket %d pool %u -> %u", what, s, a->pool[s],
		      b->pool[s]);
	for (int i = 0; i < fz.n_lists; i++)
		CHECK(a->used[i] == b->used[i] &&
		      (d != SAME_VERSION || a->version[i] == b->version[i]) &&
		      (d != SAME_PAGES || a->used_hash[i] == b->used_hash[i]),
		      "%s: list %d used %u -> %u", what, i, a->used[i], b->used[i]);
	CHECK(memcmp(a->stats, b->stats, sizeof(a->stats)) == 0, "%s: heap statistics changed",
	      what);
}

/* ---- actions ------------------------------------------------------------ */

static void close_msg_fds(const struct rte_mp_msg *msg)
{
	for (int i = 0; i < msg->num_fds; i++)
		close(msg->fds[i]);
}

static int echo_action(const struct rte_mp_msg *msg, const void *peer)
{
	struct rte_mp_msg reply;

	fz.echo_calls++;
	fz.last = *msg;
	close_msg_fds(msg);
	memset(&reply, 0, sizeof(reply));
	memcpy(reply.name, msg->name, sizeof(reply.name));
	reply.len_param = msg->len_param;
	memcpy(reply.param, msg->param, (size_t)msg->len_param);
	return rte_mp_reply(&reply, peer);
}

static int sink_action(const struct rte_mp_msg *msg, const void *peer)
{
	(void)peer;
	fz.sink_calls++;
	fz.last = *msg;
	close_msg_fds(msg);
	return 0;
}

/* ---- sending ------------------------------------------------------------- */

/* At most one datagram waits on our socket: the reply, if one came. */
static int take_reply(void *buf, size_t len)
{
	char peer[HAL_IPC_NAME_MAX];
	int n = hal_ipc_recv(fz.fd, buf, len, peer, 0);

	if (n >= 0)
		CHECK(strcmp(peer, "mp_socket") == 0, "a reply from %s", peer);
	return n == -EAGAIN ? -1 : n;
}

static const char *sender(uint8_t flags)
{
	switch ((flags >> 2) & 3) {
	case 0:
		return fz.name;
	case 1:
		return fz.gone;
	case 2:
		return fz.other;
	default:
		return fz.secondary;
	}
}

static struct malloc_heap *heap_of(int socket)
{
	return &eal_mcfg()->malloc_heaps[malloc_socket_to_heap_id(socket)];
}

static void locks_take(uint8_t flags)
{
	if (flags & 1)
		rte_mcfg_mem_write_lock();
	if (flags & 2)
		for (int s = 0; s < SOCKETS; s++)
			malloc_heap_lock(heap_of(s));
}

static void locks_drop(uint8_t flags)
{
	if (flags & 2)
		for (int s = SOCKETS - 1; s >= 0; s--)
			malloc_heap_unlock(heap_of(s));
	if (flags & 1)
		rte_mcfg_mem_write_unlock();
}

/* Descriptors to send: n dups of our pipe's end. */
static int make_fds(int *fds, int n)
{
	for (int i = 0; i < n; i++) {
		fds[i] = dup(fz.pipe_rd);
		CHECK(fds[i] >= 0, "dup: %s", strerror(errno));
	}
	return n;
}

static void check_closed(const int *fds, int n)
{
	for (int i = 0; i < n; i++)
		CHECK(fcntl(fds[i], F_GETFD) < 0 && errno == EBADF, "descriptor %d left open",
		      fds[i]);
}

static int owned_find(int32_t list, int32_t idx)
{
	for (int i = 0; i < fz.n_owned; i++)
		if (fz.owned[i].list == list && fz.owned[i].idx == idx)
			return i;
	return -1;
}

static struct eal_mp_msg valid_request(enum eal_mp_kind kind)
{
	struct eal_mp_msg m;

	memset(&m, 0, sizeof(m));
	m.magic = RTE_MAGIC;
	m.kind = kind;
	m.id = 0x600d;
	return m;
}

/* A valid request from our socket with the locks held: its reply. */
static struct eal_mp_msg serve_valid(const struct eal_mp_msg *m)
{
	union {
		struct eal_mp_msg m;
		unsigned char raw[HAL_IPC_MSG_MAX];
	} out;

	rte_mcfg_mem_write_lock();
	CHECK(eal_mp_dispatch(m, sizeof(*m), fz.name, NULL, 0) == 0, "stopped");
	rte_mcfg_mem_write_unlock();
	CHECK(take_reply(&out, sizeof(out)) == (int)sizeof(out.m) && out.m.id == m->id,
	      "no reply to a valid request");
	return out.m;
}

/*
 * Hand one datagram to the endpoint and check what it did against the
 * memory protocol's rules (the datagram is whatever buf holds: it is
 * judged by its bytes, not by how the harness made it).
 */
static void dispatch_memory(const void *buf, int n, uint8_t flags)
{
	union {
		struct eal_mp_msg m;
		struct eal_mp_user_wire w;
		unsigned char raw[HAL_IPC_MSG_MAX];
	} in, out;
	const char *peer = sender(flags);
	int fds[HAL_IPC_MAX_FDS], nfds = (flags & 0x80) ? make_fds(fds, 1) : 0;
	bool ours = peer == fz.name, is_req = false, may_serve = false, is_user;
	const struct eal_mp_msg *req = &in.m;
	struct state before, after, pre;
	int got, slot = -1;
	unsigned int echo = fz.echo_calls, sink = fz.sink_calls;

	memset(&in, 0, sizeof(in));
	memcpy(&in, buf, (size_t)n);
	is_user = n >= 8 && in.w.magic == RTE_MAGIC && in.w.kind >= EAL_MP_USER_MSG &&
		  in.w.kind <= EAL_MP_USER_IGNORE;
	if (n == (int)sizeof(*req) && req->magic == RTE_MAGIC) {
		is_req = req->kind == EAL_MP_SYNC || req->kind == EAL_MP_ALLOC ||
			 req->kind == EAL_MP_FREE;
		may_serve = (flags & 1) && peer != fz.other && peer != fz.secondary &&
			    (req->kind == EAL_MP_ALLOC ||
			     (req->kind == EAL_MP_FREE &&
			      (slot = owned_find(req->list, req->idx)) >= 0));
	}
	if (may_serve && !ours && req->kind == EAL_MP_ALLOC)
		snapshot(&pre, true);
	snapshot(&before, false);
	locks_take(flags);
	CHECK(eal_mp_dispatch(&in, n, peer, fds, nfds) == 0, "a stop from %s was obeyed", peer);
	locks_drop(flags);
	check_closed(fds, nfds);
	CHECK(is_user || (fz.echo_calls == echo && fz.sink_calls == sink),
	      "an action ran for a datagram that is not a user message");
	snapshot(&after, false);
	got = ours ? take_reply(&out, sizeof(out)) : -1;
	if (ours && !(n == (int)sizeof(*req) && req->magic == RTE_MAGIC)) {
		/* Junk, or a user message the other checker judges. */
		while (got >= 0)
			got = take_reply(&out, sizeof(out));
	} else if (ours) {
		CHECK((got >= 0) == is_req, "kind %u: reply %d", req->kind, got);
		if (got >= 0) {
			union { struct eal_mp_msg m; unsigned char raw[64]; } more;

			CHECK(got == (int)sizeof(out.m) && out.m.magic == RTE_MAGIC &&
			      out.m.kind == EAL_MP_REPLY && out.m.id == req->id, "a bad reply");
			CHECK(take_reply(&more, sizeof(more)) < 0, "two replies");
		}
	}
	if (!is_req || req->kind == EAL_MP_SYNC || !may_serve) {
		if (ours && got >= 0)
			CHECK(req->kind == EAL_MP_SYNC ? out.m.result == 0 : out.m.result < 0,
			      "kind %u served: %d (flags %#x)", req->kind, out.m.result, flags);
		check_same(&before, &after, SAME_VERSION, "a request not to serve");
		return;
	}
	if (req->kind == EAL_MP_FREE) {
		/* Valid: the page goes back, whether or not the reply arrives. */
		CHECK(!ours || out.m.result == 0, "a valid free refused: %d", out.m.result);
		CHECK(rte_fbarray_is_used(&eal_mcfg()->memsegs[req->list].memseg_arr,
					  (unsigned int)req->idx) == 0, "freed page still used");
		fz.owned[slot] = fz.owned[--fz.n_owned];
		return;
	}
	/* A valid allocation may still fail (bad size, socket, no pages). */
	if (ours && out.m.result > 0) {
		struct rte_memseg_list *msl = &eal_mcfg()->memsegs[out.m.list];
		int pages = out.m.result;

		CHECK(pages <= req->n_segs && (!req->exact || pages == req->n_segs),
		      "%d pages for %d", pages, req->n_segs);
		CHECK(msl->page_sz == req->page_sz && msl->socket_id == req->socket,
		      "pages of the wrong list");
		CHECK(after.pool[req->socket] + (unsigned int)pages == before.pool[req->socket],
		      "pool: %u -> %u for %d pages", before.pool[req->socket],
		      after.pool[req->socket], pages);
		for (int i = 0; i < pages; i++) {
			unsigned int idx = (unsigned int)(out.m.idx + i);

			CHECK(rte_fbarray_is_used(&msl->memseg_arr, idx) == 1,
			      "a page given is not used");
			CHECK(fz.n_owned < MAX_OWNED, "too many pages");
			fz.owned[fz.n_owned].list = out.m.list;
			fz.owned[fz.n_owned].idx = out.m.idx + i;
			fz.n_owned++;
		}
		CHECK(memcmp(before.stats, after.stats, sizeof(before.stats)) == 0,
		      "an allocation for a secondary changed a heap");
	} else if (ours) {
		check_same(&before, &after, SAME_VERSION, "a failed allocation");
	} else if (memcmp(after.pool, before.pool, sizeof(before.pool)) != 0) {
		/* Served, but the reply found nobody: the pages wait in the undo
		 * queue, and the next request served (even one refused once
		 * the lock is checked) gives them back. */
		struct eal_mp_msg m = valid_request(EAL_MP_FREE);
		struct state flushed;

		m.list = -1;
		CHECK(serve_valid(&m).result == -EINVAL, "a free of list -1");
		snapshot(&flushed, true);
		check_same(&pre, &flushed, SAME_PAGES, "pages of an undelivered reply");
	}
}

/* flags bits 5-6: the datagram's length as it is, one short, 8 long, or cut. */
static int length_change(uint8_t flags, int cut)
{
	static const int change[4] = { 0, -1, 8, 0 };

	return (flags >> 5 & 3) == 3 ? cut : change[flags >> 5 & 3];
}

static void op_memory(struct input *in)
{
	uint8_t flags = get8(in), kind = get8(in), nseg = get8(in), size = get8(in);
	uint8_t socket = get8(in), exact = get8(in), list = get8(in);
	uint16_t idx = get16(in);
	struct eal_mp_msg m;
	uint8_t buf[sizeof(m) + 8];
	int n = (int)sizeof(m);

	memset(&m, 0, sizeof(m));
	m.magic = (flags & 0x10) ? RTE_MAGIC ^ 1u : RTE_MAGIC;
	m.kind = kind % 7;
	m.n_segs = (int8_t)nseg;
	m.page_sz = size % 4 == 0 ? fz.hugepage_sz : size % 4 == 1 ? 4096 : (uint64_t)size << 20;
	m.socket = socket % 4 == 3 ? (int8_t)socket : socket % 4 % SOCKETS;
	m.exact = exact & 1;
	if ((list & 0x80) && fz.n_owned > 0) {
		m.list = fz.owned[idx % fz.n_owned].list;
		m.idx = fz.owned[idx % fz.n_owned].idx;
	} else {
		m.list = (int8_t)list % (RTE_MAX_MEMSEG_LISTS + 2);
		m.idx = (int16_t)idx;
	}
	m.id = get8(in) * 0x01010101u;
	n += length_change(flags, -8);
	memset(buf, 0, sizeof(buf));
	memcpy(buf, &m, sizeof(m)); /* room for a datagram 8 bytes too long */
	dispatch_memory(buf, n, flags);
}

static void op_raw(struct input *in)
{
	uint8_t flags = get8(in), buf[1024];
	size_t len = get16(in) % sizeof(buf);

	memset(buf, 0, sizeof(buf));
	for (size_t i = 0; i < len && in->off < in->size; i++)
		buf[i] = get8(in);
	dispatch_memory(buf, (int)len, flags);
}

static void op_free_owned(struct input *in)
{
	uint8_t flags = get8(in), which = get8(in);
	struct eal_mp_msg m;

	if (fz.n_owned == 0)
		return;
	memset(&m, 0, sizeof(m));
	m.magic = RTE_MAGIC;
	m.kind = EAL_MP_FREE;
	m.list = fz.owned[which % fz.n_owned].list;
	m.idx = fz.owned[which % fz.n_owned].idx;
	m.id = which;
	dispatch_memory(&m, sizeof(m), flags & 0x0f);
}

/* ---- user messages ------------------------------------------------------- */

static void op_user(struct input *in)
{
	uint8_t flags = get8(in), kind = get8(in), name = get8(in), plen = get8(in);
	uint8_t nfd = get8(in), id = get8(in);
	union {
		struct eal_mp_user_wire w;
		unsigned char raw[HAL_IPC_MSG_MAX];
	} buf, out;
	const char *peer = (flags & 4) ? fz.gone : fz.name;
	int fds[HAL_IPC_MAX_FDS], nfds = make_fds(fds, nfd % (HAL_IPC_MAX_FDS + 1));
	int n = (int)sizeof(buf.w), got;
	unsigned int echo = fz.echo_calls, sink = fz.sink_calls;
	bool valid, to_echo, to_sink;
	struct state before, after;

	memset(&buf, 0, sizeof(buf));
	buf.w.magic = (flags & 0x10) ? RTE_MAGIC ^ 1u : RTE_MAGIC;
	buf.w.kind = EAL_MP_USER_MSG + kind % 5;
	switch (name % 5) {
	case 0:
		strcpy(buf.w.msg.name, ACTION_ECHO);
		break;
	case 1:
		strcpy(buf.w.msg.name, ACTION_SINK);
		break;
	case 2:
		strcpy(buf.w.msg.name, "fz_nobody");
		break;
	case 3:
		memset(buf.w.msg.name, 'x', sizeof(buf.w.msg.name)); /* unterminated */
		break;
	default:
		break; /* empty */
	}
	buf.w.msg.len_param = plen < 0xf0 ? plen * 2 : -(int)(plen & 0xf) - 1;
	if (plen == 0xef)
		buf.w.msg.len_param = RTE_MP_MAX_PARAM_LEN + 1;
	for (int i = 0; i < RTE_MP_MAX_PARAM_LEN; i++)
		buf.w.msg.param[i] = (uint8_t)(id + i);
	buf.w.msg.num_fds = nfd >> 4; /* what the wire says: EAL trusts the real count */
	n += length_change(flags, -60);

	valid = buf.w.magic == RTE_MAGIC && n == (int)sizeof(buf.w) &&
		(buf.w.kind == EAL_MP_USER_MSG || buf.w.kind == EAL_MP_USER_REQ) &&
		buf.w.msg.len_param >= 0 && buf.w.msg.len_param <= RTE_MP_MAX_PARAM_LEN &&
		nfds <= RTE_MP_MAX_FD_NUM;
	to_echo = valid && name % 5 == 0;
	to_sink = valid && name % 5 == 1;
	snapshot(&before, false);
	CHECK(eal_mp_dispatch(&buf, n, peer, fds, nfds) == 0, "a user message stopped the thread");
	check_closed(fds, nfds);
	snapshot(&after, false);
	check_same(&before, &after, SAME_VERSION, "a user message");
	CHECK(fz.echo_calls == echo + to_echo && fz.sink_calls == sink + to_sink,
	      "actions: echo %u -> %u, sink %u -> %u (valid %d, name %d)", echo, fz.echo_calls,
	      sink, fz.sink_calls, valid, name % 5);
	if (to_echo || to_sink) {
		CHECK(fz.last.len_param == buf.w.msg.len_param && fz.last.num_fds == nfds &&
		      memcmp(fz.last.param, buf.w.msg.param, (size_t)fz.last.len_param) == 0,
		      "the action got another message");
	}
	got = peer == fz.name ? take_reply(&out, sizeof(out)) : -1;
	if (to_echo && peer == fz.name) {
		CHECK(got == (int)sizeof(out.w) && out.w.kind == EAL_MP_USER_REPLY &&
		      out.w.msg.len_param == buf.w.msg.len_param &&
		      memcmp(out.w.msg.param, buf.w.msg.param, (size_t)out.w.msg.len_param) == 0,
		      "no echo: %d", got);
	} else {
		CHECK(got < 0, "a reply to a message that wants none");
	}
}

/* ---- after every input ------------------------------------------------- */

static void end_of_input(void)
{
	struct eal_mp_msg m, r;
	struct state now;
	bool full;

	fz.inputs++;
	while (fz.n_owned > 0) {
		m = valid_request(EAL_MP_FREE);
		m.list = fz.owned[fz.n_owned - 1].list;
		m.idx = fz.owned[fz.n_owned - 1].idx;
		r = serve_valid(&m);
		CHECK(r.result == 0, "freeing an owned page: %d", r.result);
		fz.n_owned--;
	}
	/* The endpoint still serves: an allocation and its free (which also
	 * returns pages queued for a requester that never got them). */
	m = valid_request(EAL_MP_ALLOC);
	m.n_segs = 1;
	m.page_sz = fz.hugepage_sz;
	m.exact = 1;
	r = serve_valid(&m);
	CHECK(r.result == 1, "a valid allocation failed: %d", r.result);
	m = valid_request(EAL_MP_FREE);
	m.list = r.list;
	m.idx = r.idx;
	r = serve_valid(&m);
	CHECK(r.result == 0, "a valid free failed: %d", r.result);

	/* And now and then a user request through the real socket and IPC
	 * thread, which no datagram above reached: it still serves. */
	if (fz.inputs % 64 == 0) {
		union {
			struct eal_mp_user_wire w;
			unsigned char raw[HAL_IPC_MSG_MAX];
		} req, out;
		char peer[HAL_IPC_NAME_MAX];
		int n;

		memset(&req, 0, sizeof(req));
		req.w.magic = RTE_MAGIC;
		req.w.kind = EAL_MP_USER_REQ;
		strcpy(req.w.msg.name, ACTION_ECHO);
		req.w.msg.len_param = 3;
		memcpy(req.w.msg.param, "abc", 3);
		CHECK(hal_ipc_send(fz.fd, "mp_socket", &req.w, sizeof(req.w)) == 0, "send");
		n = hal_ipc_recv(fz.fd, &out, sizeof(out), peer, 5000);
		CHECK(n == (int)sizeof(out.w) && out.w.kind == EAL_MP_USER_REPLY &&
		      out.w.msg.len_param == 3 && memcmp(out.w.msg.param, "abc", 3) == 0,
		      "the IPC thread does not answer: %d", n);
	}

	/* Page by page every 16th input (the scan is most of a snapshot's
	 * cost); counts, pool and heap statistics after every one. */
	full = fz.inputs % 16 == 0;
	snapshot(&now, full);
	check_same(&fz.start, &now, full ? SAME_PAGES : SAME_COUNT, "after the input");
	CHECK(rtemem_malloc_heap_check(NULL) == 0, "heap check failed");
	for (size_t i = 0; i < HEAP_BLOCK; i += 512)
		CHECK(fz.block[i] == (uint8_t)(i / 512), "heap block changed at %zu", i);
}

static void cleanup(void)
{
	hal_ipc_close(fz.fd, fz.name);
	rte_free(fz.block);
	rte_eal_cleanup();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char prefix[64], sim[64];
	char *args[] = { "fuzz_ipc", prefix, sim, NULL };
	int pipefd[2];

	(void)argc;
	(void)argv;
	fuzz_quiet_log();
	snprintf(prefix, sizeof(prefix), "--file-prefix=fuzz_ipc%d", (int)getpid());
	snprintf(sim, sizeof(sim), "--sim=sockets=%d,pages=16,populate=0", SOCKETS);
	if (rte_eal_init(3, args) < 0) {
		fprintf(stderr, "fuzz_ipc: rte_eal_init: %s\n", rte_strerror(rte_errno));
		abort();
	}
	fz.hugepage_sz = sim_machine_config()->profile.hugepage_sz;
	snprintf(fz.name, sizeof(fz.name), "mp_x_%d_fuzz", (int)getpid());
	snprintf(fz.gone, sizeof(fz.gone), "mp_x_%d_gone", (int)getpid());
	snprintf(fz.other, sizeof(fz.other), "mp_x_%d_fuzz", (int)getppid());
	snprintf(fz.secondary, sizeof(fz.secondary), "mp_socket_%d", (int)getpid());
	fz.fd = hal_ipc_open(fz.name);
	CHECK(fz.fd >= 0, "cannot open %s", fz.name);
	CHECK(pipe(pipefd) == 0, "pipe");
	close(pipefd[1]);
	fz.pipe_rd = pipefd[0];
	CHECK(rte_mp_action_register(ACTION_ECHO, echo_action) == 0, "register");
	CHECK(rte_mp_action_register(ACTION_SINK, sink_action) == 0, "register");
	/* Heap memory that a forged free must not take away. */
	fz.block = rte_malloc_socket(NULL, HEAP_BLOCK, 0, 0);
	CHECK(fz.block != NULL, "rte_malloc");
	for (size_t i = 0; i < HEAP_BLOCK; i += 512)
		fz.block[i] = (uint8_t)(i / 512);
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++)
		if (eal_mcfg()->memsegs[i].base_va != NULL)
			fz.n_lists = i + 1;
	snapshot(&fz.start, true);
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { .data = data, .size = size, .off = 0 };

	for (int ops = 0; in.off < in.size && ops < MAX_OPS; ops++) {
		switch (get8(&in) % 4) {
		case 0:
			op_memory(&in);
			break;
		case 1:
			op_raw(&in);
			break;
		case 2:
			op_user(&in);
			break;
		default:
			op_free_owned(&in);
			break;
		}
	}
	end_of_input();
	return 0;
}
