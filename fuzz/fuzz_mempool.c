/* SPDX-License-Identifier: BSD-3-Clause
 * libFuzzer harness for rte_mempool: the input picks the creation
 * arguments (object count, element size, cache size, flags, private area,
 * name; bad values too) and how the pool is populated (rte_mempool_create,
 * or rte_mempool_create_empty and then populate_default, populate_virt or
 * populate_iova on chunks of rte_malloc memory), then a list of gets and
 * puts with the lcore's cache, an application-owned cache or none.
 *
 * The model is DPDK 22.11's cache algorithm (rte_mempool_do_generic_get
 * and _put) over three counters: objects in the driver, in each cache and
 * held by the harness. After every operation:
 *   - avail_count, in_use_count, the driver's count and each cache's len
 *     are exactly the model's;
 *   - a get fails only when the model says so, and then takes nothing;
 *   - no object is handed out twice (the harness marks what it holds),
 *     each is one of obj_iter's, and its element still holds the pattern
 *     the harness wrote into it when it is put back.
 * At creation every object lies inside one of mem_iter's chunks, is
 * aligned, belongs to the pool, does not overlap the next one and has the
 * IO address its chunk gives it (looked up page by page when the pool
 * needs IO addresses). At the end the harness gets every object back
 * (each exactly once), frees the pool, and the heap's allocation count and
 * the memzone count are back to their start.
 *
 * Input layout:
 *   bytes 0-1  object count: le16 >= 0xff00 gives 0, else 1 + le16 % MAX_OBJS
 *   bytes 2-3  element size: le16 % 4096, or absurd when >= 0xfff8
 *   bytes 4-5  cache size: bit 15 set: le16 % 600 as is; else scaled to
 *              what the object count allows (cache * 1.5 <= count)
 *   byte  6    flags: the low 7 bits as is (0x10 and 0x40 are not user
 *              flags), bit 7 adds an unknown bit
 *   byte  7    bits 0-1 populate path, bit 2 a name too long, bits 3-4
 *              chunks (populate_virt/_iova), bits 5-7 private area / 8
 *   byte  8    size of the application-owned cache (0: none)
 *   then ops of 2 bytes: opcode, n
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>

#include "fuzz_check.h"
#include "fuzz_eal.h"
#include "sim_machine.h"

#define MAX_OBJS 1024
#define MAX_CHUNKS 8
#define PAGES 64

enum populate { POP_CREATE, POP_DEFAULT, POP_VIRT, POP_IOVA };

/* A cache of the model: the lcore's, the application's, or none (NULL). */
struct model_cache {
	struct rte_mempool_cache *c;
	unsigned int len;
};

static struct {
	struct rte_mempool *mp;
	unsigned int populated;       /* objects the pool has */
	unsigned int in_driver;
	struct model_cache lcore, own;
	void *objs[MAX_OBJS];         /* obj_iter's order, sorted by address */
	bool held[MAX_OBJS];
	void *held_list[MAX_OBJS];    /* what the harness holds, in get order */
	unsigned int nb_held;
	unsigned int priv_size;
	unsigned int chunks_given, chunks_freed;
} m;

static size_t hugepage_sz;
static unsigned int start_allocs, start_zones;

/* ---- helpers ------------------------------------------------------------- */

static uint8_t tag_of(const void *obj)
{
	return (uint8_t)(1 + ((uintptr_t)obj >> 6) % 251);
}

static int cmp_ptr(const void *a, const void *b)
{
	const uintptr_t x = (uintptr_t)*(void * const *)a, y = (uintptr_t)*(void * const *)b;

	return x < y ? -1 : x > y;
}

/* Index of obj in m.objs, or -1 if the pool never had it. */
static int obj_index(const void *obj)
{
	void **hit = bsearch(&obj, m.objs, m.populated, sizeof(m.objs[0]), cmp_ptr);

	return hit == NULL ? -1 : (int)(hit - m.objs);
}

static void count_zone(const struct rte_memzone *mz, void *arg)
{
	(void)mz;
	(*(unsigned int *)arg)++;
}

static unsigned int zone_count(void)
{
	unsigned int n = 0;

	rte_memzone_walk(count_zone, &n);
	return n;
}

static unsigned int alloc_count(void)
{
	struct rte_malloc_socket_stats st;

	CHECK(rte_malloc_get_socket_stats(0, &st) == 0, "stats");
	return st.alloc_count;
}

static void check_counts(void)
{
	const unsigned int avail = m.in_driver + m.lcore.len + m.own.len;

	CHECK(rte_mempool_ops_get_count(m.mp) == m.in_driver, "driver holds %u, model %u",
	      rte_mempool_ops_get_count(m.mp), m.in_driver);
	if (m.lcore.c != NULL)
		CHECK(m.lcore.c->len == m.lcore.len, "lcore cache len %u, model %u",
		      m.lcore.c->len, m.lcore.len);
	if (m.own.c != NULL)
		CHECK(m.own.c->len == m.own.len, "own cache len %u, model %u", m.own.c->len,
		      m.own.len);
	/* avail_count sees the lcore caches, not the application's */
	CHECK(rte_mempool_avail_count(m.mp) == avail - m.own.len, "avail %u, model %u",
	      rte_mempool_avail_count(m.mp), avail - m.own.len);
	CHECK(rte_mempool_in_use_count(m.mp) == m.mp->size - (avail - m.own.len),
	      "in use %u, model %u", rte_mempool_in_use_count(m.mp),
	      m.mp->size - (avail - m.own.len));
	CHECK(m.nb_held + avail == m.populated, "%u held + %u avail != %u", m.nb_held, avail,
	      m.populated);
}

/* ---- the model of DPDK 22.11's cache ---------------------------------------- */

/* Whether a get of n succeeds, and the counters after it. */
static bool model_get(struct model_cache *mc, unsigned int n)
{
	unsigned int take, rest;

	if (mc == NULL) {
		if (m.in_driver < n)
			return false;
		m.in_driver -= n;
		return true;
	}
	take = RTE_MIN(n, mc->len);
	rest = n - take;
	if (rest == 0) {
		mc->len -= take;
		return true;
	}
	if (rest <= RTE_MEMPOOL_CACHE_MAX_SIZE && m.in_driver >= mc->c->size + rest) {
		/* refilled to its size on top of what is served */
		m.in_driver -= mc->c->size + rest;
		mc->len = mc->c->size;
		return true;
	}
	if (m.in_driver < rest)
		return false; /* the cache keeps what it had */
	m.in_driver -= rest;
	mc->len = 0;
	return true;
}

static void model_put(struct model_cache *mc, unsigned int n)
{
	if (mc == NULL || n > mc->c->flushthresh) {
		m.in_driver += n;
	} else if (mc->len + n <= mc->c->flushthresh) {
		mc->len += n;
	} else {
		m.in_driver += mc->len;
		mc->len = n;
	}
}

/* ---- operations ---------------------------------------------------------- */

static void take(void *obj)
{
	const int idx = obj_index(obj);

	CHECK(idx >= 0, "got %p, not an object of the pool", obj);
	CHECK(!m.held[idx], "got %p twice", obj);
	m.held[idx] = true;
	m.held_list[m.nb_held++] = obj;
	memset(obj, tag_of(obj), m.mp->elt_size);
}

static void op_get(struct model_cache *mc, unsigned int n)
{
	static void *out[MAX_OBJS + 1];
	const unsigned int before = m.nb_held;
	bool ok;
	int ret;

	for (unsigned int i = 0; i < n; i++)
		out[i] = (void *)(uintptr_t)0xdead; /* poisoned: an object not written is caught */
	ok = model_get(mc, n);
	if (n == 1 && mc == &m.lcore)
		ret = rte_mempool_get(m.mp, &out[0]);
	else if (mc == &m.lcore)
		ret = rte_mempool_get_bulk(m.mp, out, n);
	else
		ret = rte_mempool_generic_get(m.mp, out, n, mc != NULL ? mc->c : NULL);
	CHECK(ret == (ok ? 0 : -ENOENT), "get of %u from %s: %d, model %s", n,
	      mc == NULL ? "no cache" : mc == &m.lcore ? "lcore cache" : "own cache", ret,
	      ok ? "ok" : "-ENOENT");
	if (!ok)
		return; /* (DPDK may have written into out[]: only the counts matter) */
	for (unsigned int i = 0; i < n; i++)
		take(out[i]);
	CHECK(m.nb_held == before + n, "held %u", m.nb_held);
}

/* Put back n objects, from position at of what the harness holds. */
static void op_put(struct model_cache *mc, unsigned int n, unsigned int at)
{
	static void *in[MAX_OBJS];
	static uint8_t want[4096];

	n = RTE_MIN(n, m.nb_held);
	if (n == 0)
		return; /* DPDK: n must be strictly positive */
	at = m.nb_held == n ? 0 : at % (m.nb_held - n + 1);
	for (unsigned int i = 0; i < n; i++) {
		void *obj = m.held_list[at + i];

		memset(want, tag_of(obj), RTE_MIN(sizeof(want), (size_t)m.mp->elt_size));
		CHECK(memcmp(obj, want, RTE_MIN(sizeof(want), (size_t)m.mp->elt_size)) == 0,
		      "object %p changed while held", obj);
		CHECK(rte_mempool_from_obj(obj) == m.mp, "object %p lost its pool", obj);
		m.held[obj_index(obj)] = false;
		in[i] = obj;
	}
	memmove(&m.held_list[at], &m.held_list[at + n], (m.nb_held - at - n) * sizeof(void *));
	m.nb_held -= n;
	model_put(mc, n);
	if (n == 1 && mc == &m.lcore)
		rte_mempool_put(m.mp, in[0]);
	else if (mc == &m.lcore)
		rte_mempool_put_bulk(m.mp, in, n);
	else
		rte_mempool_generic_put(m.mp, in, n, mc != NULL ? mc->c : NULL);
}

static void op_flush(struct model_cache *mc)
{
	if (mc->c == NULL)
		return;
	rte_mempool_cache_flush(mc == &m.lcore ? NULL : mc->c, m.mp);
	m.in_driver += mc->len;
	mc->len = 0;
}

struct iter_arg {
	unsigned int n;
	bool bad;
};

static void iter_obj(struct rte_mempool *mp, void *opaque, void *obj, unsigned int idx)
{
	struct iter_arg *a = opaque;

	(void)mp;
	a->bad |= idx != a->n || obj_index(obj) < 0;
	a->n++;
}

static void check_iters(void)
{
	struct iter_arg a = { 0, false };

	CHECK(rte_mempool_obj_iter(m.mp, iter_obj, &a) == m.populated && a.n == m.populated &&
	      !a.bad, "obj_iter: %u objects, bad %d", a.n, a.bad);
	CHECK(rte_mempool_lookup(m.mp->name) == m.mp, "lookup of %s", m.mp->name);
	CHECK(rte_mempool_full(m.mp) == (m.nb_held == 0 && m.populated == m.mp->size && m.own.len == 0),
	      "full");
	CHECK(rte_mempool_empty(m.mp) == (m.in_driver + m.lcore.len == 0), "empty");
}

/* ---- creation ------------------------------------------------------------ */

struct chunk {
	const uint8_t *addr;
	size_t len;
	rte_iova_t iova;
};

struct chunks {
	unsigned int n;
	bool bad;
	struct chunk c[MAX_OBJS]; /* every chunk holds an object at least */
};

static void iter_mem(struct rte_mempool *mp, void *opaque, struct rte_mempool_memhdr *hdr,
		     unsigned int idx)
{
	struct chunks *cs = opaque;

	cs->bad |= hdr->mp != mp || idx != cs->n || cs->n >= RTE_DIM(cs->c);
	if (cs->n < RTE_DIM(cs->c))
		cs->c[cs->n] = (struct chunk){ hdr->addr, hdr->len, hdr->iova };
	cs->n++;
}

static void collect_obj(struct rte_mempool *mp, void *opaque, void *obj, unsigned int idx)
{
	(void)mp;
	(void)opaque;
	if (idx < MAX_OBJS)
		m.objs[idx] = obj;
}

static const struct chunk *chunk_of(const struct chunks *cs, const uint8_t *obj)
{
	const struct rte_mempool *mp = m.mp;
	const uint8_t *start = obj - mp->header_size, *end = obj + mp->elt_size + mp->trailer_size;

	for (unsigned int i = 0; i < cs->n; i++)
		if (start >= cs->c[i].addr && end <= cs->c[i].addr + cs->c[i].len)
			return &cs->c[i];
	return NULL;
}

/* The element's IO address: looked up, given by its chunk, or none. */
static void check_iova(const uint8_t *obj, const struct chunk *c, enum populate how)
{
	const bool need_iova = !(m.mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG);
	const rte_iova_t iova = rte_mempool_virt2iova(obj);

	if (how == POP_IOVA) {
		CHECK(iova == (c->iova == RTE_BAD_IOVA ? RTE_BAD_IOVA
						       : c->iova + (rte_iova_t)(obj - c->addr)),
		      "object %p: iova 0x%" PRIx64 ", chunk %p at 0x%" PRIx64, (void *)obj, iova,
		      (void *)c->addr, c->iova);
		return;
	}
	if (!need_iova) {
		CHECK(iova == RTE_BAD_IOVA, "object %p of a NO_IOVA_CONTIG pool has an iova",
		      (void *)obj);
		return;
	}
	CHECK(iova == rte_mem_virt2iova(obj), "object %p: iova 0x%" PRIx64 ", memory's 0x%" PRIx64,
	      (void *)obj, iova, rte_mem_virt2iova(obj));
	/* a device DMAing into the element sees one IO range */
	for (const uint8_t *pg = RTE_PTR_ALIGN_CEIL(obj + 1, hugepage_sz); pg < obj + m.mp->elt_size;
	     pg += hugepage_sz)
		CHECK(rte_mem_virt2iova(pg) == iova + (rte_iova_t)(pg - obj),
		      "object %p (%u bytes) breaks IO contiguity at %p", (void *)obj,
		      m.mp->elt_size, (void *)pg);
}

static void check_layout(enum populate how)
{
	const size_t total = m.mp->header_size + m.mp->elt_size + m.mp->trailer_size;
	const uintptr_t align = (m.mp->flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN) ? 8 : RTE_MEMPOOL_ALIGN;
	static struct chunks cs;

	memset(&cs, 0, sizeof(cs));
	m.populated = m.mp->populated_size;
	CHECK(m.populated <= m.mp->size && m.populated <= MAX_OBJS, "populated %u of %u",
	      m.populated, m.mp->size);
	CHECK(rte_mempool_obj_iter(m.mp, collect_obj, NULL) == m.populated, "obj_iter count");
	CHECK(rte_mempool_mem_iter(m.mp, iter_mem, &cs) == cs.n && !cs.bad &&
	      cs.n == m.mp->nb_mem_chunks, "mem_iter: %u chunks, pool says %u", cs.n,
	      m.mp->nb_mem_chunks);
	CHECK(how == POP_CREATE || how == POP_DEFAULT || cs.n == m.chunks_given,
	      "%u chunks, %u given", cs.n, m.chunks_given);
	qsort(m.objs, m.populated, sizeof(m.objs[0]), cmp_ptr);
	for (unsigned int i = 0; i < m.populated; i++) {
		const uint8_t *obj = m.objs[i];
		const struct chunk *c = chunk_of(&cs, obj);

		CHECK(i == 0 || (size_t)(obj - (const uint8_t *)m.objs[i - 1]) >= total,
		      "objects %p and %p overlap (%zu bytes each)", m.objs[i - 1], (void *)obj,
		      total);
		CHECK((uintptr_t)obj % align == 0, "object %p not aligned to %zu", (void *)obj,
		      (size_t)align);
		CHECK(c != NULL, "object %p in no chunk", (void *)obj);
		CHECK(rte_mempool_from_obj((void *)obj) == m.mp, "object %p: pool %p", (void *)obj,
		      (void *)rte_mempool_from_obj((void *)obj));
		check_iova(obj, c, how);
	}
	m.in_driver = m.populated;
}

static void chunk_free(struct rte_mempool_memhdr *hdr, void *opaque)
{
	CHECK(hdr->addr == opaque, "chunk %p freed with opaque %p", hdr->addr, opaque);
	m.chunks_freed++;
	rte_free(opaque);
}

static const char *ops_for(unsigned int flags)
{
	static const char *names[] = { "ring_mp_mc", "ring_sp_mc", "ring_mp_sc", "ring_sp_sc" };

	return names[((flags & RTE_MEMPOOL_F_SP_PUT) ? 1 : 0) | ((flags & RTE_MEMPOOL_F_SC_GET) ? 2 : 0)];
}

/* Chunks of rte_malloc memory for populate_virt / populate_iova. */
static void populate_chunks(enum populate how, unsigned int nb_chunks, bool bad_iova)
{
	const size_t total = m.mp->header_size + m.mp->elt_size + m.mp->trailer_size;
	int ret;

	for (unsigned int i = 0; i < MAX_CHUNKS && m.mp->populated_size < m.mp->size; i++) {
		const unsigned int left = m.mp->size - m.mp->populated_size;
		const unsigned int want = i + 1 < nb_chunks ? (left + 1) / 2 : left;
		size_t len = want * total + RTE_MEMPOOL_ALIGN;
		const unsigned int before = m.mp->populated_size;
		uint8_t *mem;

		/* Objects do not straddle a page boundary (unless the pool needs no
		 * IO addresses): each boundary in the chunk may cost one. */
		if ((m.mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG) == 0)
			len += (len / hugepage_sz + 2) * total;
		mem = rte_malloc("fuzz_mempool", len, RTE_MEMPOOL_ALIGN);
		if (mem == NULL)
			return;
		if (how == POP_VIRT)
			ret = rte_mempool_populate_virt(m.mp, (char *)mem, len, hugepage_sz,
							chunk_free, mem);
		else
			ret = rte_mempool_populate_iova(m.mp, (char *)mem,
							bad_iova ? RTE_BAD_IOVA : rte_malloc_virt2iova(mem),
							len, chunk_free, mem);
		CHECK(ret >= 0 && (unsigned int)ret == m.mp->populated_size - before &&
		      (ret > 0 || how == POP_VIRT),
		      "populate of %zu bytes (%zu per object): %d", len, total, ret);
		if (ret == 0) {
			rte_free(mem);
			return;
		}
		m.chunks_given++;
	}
	if (m.mp->populated_size == m.mp->size) {
		uint8_t spare[256];

		CHECK(rte_mempool_populate_iova(m.mp, (char *)spare, RTE_BAD_IOVA, sizeof(spare),
						NULL, NULL) == -ENOSPC, "populate of a full pool");
	}
}

static unsigned int mp_init_calls, obj_init_calls;

static void mp_init(struct rte_mempool *mp, void *arg)
{
	CHECK(arg == &mp_init_calls && mp->populated_size == 0, "mp_init");
	mp_init_calls++;
}

static void obj_init(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	CHECK(arg == &obj_init_calls && idx == obj_init_calls && rte_mempool_from_obj(obj) == mp,
	      "obj_init %u", idx);
	obj_init_calls++;
}

struct create_args {
	unsigned int n, elt_size, cache_size, flags, priv_size, own_cache;
	enum populate how;
	unsigned int nb_chunks;
	bool bad_iova;
	char name[RTE_MEMPOOL_NAMESIZE + 8];
};

static void decode_create(const uint8_t *d, struct create_args *a)
{
	static const unsigned int absurd[] = { UINT32_MAX, UINT32_MAX - 2 * RTE_MEMPOOL_ALIGN,
					       1u << 30, 3u << 20 };
	const unsigned int n = d[0] | d[1] << 8, elt = d[2] | d[3] << 8, cache = d[4] | d[5] << 8;

	a->n = n >= 0xff00 ? 0 : 1 + n % MAX_OBJS;
	a->elt_size = elt >= 0xfff8 ? absurd[elt % RTE_DIM(absurd)] : elt % 4096;
	if (cache & 0x8000)
		a->cache_size = (cache & 0x7fff) % 600;
	else
		a->cache_size = RTE_MIN(cache % (a->n * 2 / 3 + 1), RTE_MEMPOOL_CACHE_MAX_SIZE);
	a->flags = d[6] & 0x7f;
	if (d[6] & 0x80)
		a->flags |= 1u << (7 + d[6] % 25);
	a->how = (enum populate)(d[7] & 3);
	a->nb_chunks = 1 + (d[7] >> 3) % 4;
	a->bad_iova = d[7] & 0x20;
	a->priv_size = (unsigned int)(d[7] >> 5) * 40;
	a->own_cache = d[8] & 0x7f;
	memset(a->name, 0, sizeof(a->name));
	if (d[7] & 4)
		memset(a->name, 'x', RTE_MEMPOOL_NAMESIZE); /* one too long */
	else if (d[8] & 0x80)
		memset(a->name, 'y', RTE_MEMPOOL_NAMESIZE - 1); /* the longest there may be */
	else
		strcpy(a->name, "fz_mp");
}

/* The pool, or NULL after checking the error is the one DPDK documents. */
static struct rte_mempool *create(const struct create_args *a)
{
	const size_t total = rte_mempool_calc_obj_size(a->elt_size, a->flags, NULL);
	const bool einval = a->n == 0 || (a->flags & ~RTE_MEMPOOL_VALID_USER_FLAGS) ||
			    a->cache_size > RTE_MEMPOOL_CACHE_MAX_SIZE ||
			    a->cache_size * 3 / 2 > a->n ||
			    (uint64_t)a->elt_size + 2 * RTE_MEMPOOL_ALIGN > UINT32_MAX;
	const bool too_long = strlen(a->name) >= RTE_MEMPOOL_NAMESIZE;
	/* small enough that it must fit the machine, even in page-sized chunks */
	const bool must_fit = total <= hugepage_sz / 4 && (uint64_t)a->n * total <= (8u << 20);
	struct rte_mempool *mp;
	int ret = 0;

	mp_init_calls = obj_init_calls = 0;
	rte_errno = 0;
	if (a->how == POP_CREATE)
		mp = rte_mempool_create(a->name, a->n, a->elt_size, a->cache_size, a->priv_size,
					mp_init, &mp_init_calls, obj_init, &obj_init_calls,
					SOCKET_ID_ANY, a->flags);
	else
		mp = rte_mempool_create_empty(a->name, a->n, a->elt_size, a->cache_size,
					      a->priv_size, SOCKET_ID_ANY, a->flags);
	if (mp == NULL) {
		CHECK((einval && rte_errno == EINVAL) || (too_long && rte_errno == ENAMETOOLONG) ||
		      (!einval && !too_long && !must_fit && rte_errno == ENOMEM),
		      "create(n %u, elt %u, cache %u, flags 0x%x, name %zu chars): rte_errno %d",
		      a->n, a->elt_size, a->cache_size, a->flags, strlen(a->name), rte_errno);
		CHECK(obj_init_calls == 0, "obj_init of a failed create"); /* mp_init may have run */
		return NULL;
	}
	CHECK(!einval && !too_long, "create(n %u, elt %u, cache %u, flags 0x%x, name %zu chars)",
	      a->n, a->elt_size, a->cache_size, a->flags, strlen(a->name));
	CHECK(mp->size == a->n && mp->cache_size == a->cache_size && mp->elt_size >= a->elt_size,
	      "pool fields");
	m.mp = mp;
	switch (a->how) {
	case POP_CREATE:
		CHECK(mp_init_calls == 1 && obj_init_calls == a->n, "mp_init %u, obj_init %u",
		      mp_init_calls, obj_init_calls);
		break;
	case POP_DEFAULT:
		CHECK(rte_mempool_set_ops_byname(mp, ops_for(a->flags), NULL) == 0, "set ops");
		ret = rte_mempool_populate_default(mp);
		CHECK(ret == (int)a->n || (!must_fit && ret == -ENOMEM),
		      "populate_default(n %u, %zu per object): %d", a->n, total, ret);
		if (ret >= 0)
			CHECK(rte_mempool_populate_default(mp) == -EEXIST, "populate twice");
		break;
	default:
		CHECK(rte_mempool_set_ops_byname(mp, ops_for(a->flags), NULL) == 0, "set ops");
		populate_chunks(a->how, a->nb_chunks, a->bad_iova);
		CHECK(!must_fit || a->how == POP_VIRT || mp->populated_size == mp->size,
		      "%u of %u objects populated", mp->populated_size, mp->size);
		break;
	}
	if (ret < 0 || mp->populated_size == 0) {
		rte_mempool_free(mp);
		m.mp = NULL;
		return NULL;
	}
	return mp;
}

static void fill_priv(bool check)
{
	uint8_t *priv = rte_mempool_get_priv(m.mp);

	CHECK(m.mp->private_data_size >= m.priv_size, "private area of %u bytes, asked %u",
	      m.mp->private_data_size, m.priv_size);
	for (unsigned int i = 0; i < m.priv_size; i++) {
		if (check)
			CHECK(priv[i] == (uint8_t)(i * 7 + 1), "private byte %u changed", i);
		priv[i] = (uint8_t)(i * 7 + 1);
	}
}

/* ---- entry points -------------------------------------------------------- */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char opts[64];

	(void)argc;
	(void)argv;
	snprintf(opts, sizeof(opts), "--sim=pages=%d,populate=0", PAGES);
	fuzz_eal_init("fuzz_mempool", opts);
	hugepage_sz = sim_machine_config()->profile.hugepage_sz;
	start_allocs = alloc_count();
	start_zones = zone_count();
	return 0;
}

static struct model_cache *pick(struct model_cache *mc)
{
	return mc->c != NULL ? mc : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct create_args a;

	if (size < 9)
		return 0;
	memset(&m, 0, sizeof(m));
	decode_create(data, &a);
	m.priv_size = a.priv_size;
	if (create(&a) == NULL) {
		CHECK(m.chunks_freed == m.chunks_given, "%u chunks given, %u freed",
		      m.chunks_given, m.chunks_freed);
		goto out;
	}
	check_layout(a.how);
	m.lcore.c = rte_mempool_default_cache(m.mp, rte_lcore_id());
	CHECK((m.lcore.c != NULL) == (a.cache_size != 0), "lcore cache");
	if (a.own_cache != 0) {
		m.own.c = rte_mempool_cache_create(a.own_cache, SOCKET_ID_ANY);
		CHECK(m.own.c != NULL && m.own.c->len == 0, "cache_create(%u)", a.own_cache);
	}
	fill_priv(false);
	check_counts();

	for (size_t off = 9; off + 2 <= size; off += 2) {
		const uint8_t op = data[off], arg = data[off + 1];
		const unsigned int n = (op & 0x80) ? 1u + arg * 4u : (op & 0x40) ? 1u + arg : 1u + arg % 16;
		const unsigned int at = (op >> 3) * 37u;

		switch (op % 8) {
		case 0: op_get(pick(&m.lcore), n); break;
		case 1: op_put(pick(&m.lcore), n, at); break;
		case 2: op_get(NULL, n); break;
		case 3: op_put(NULL, n, at); break;
		case 4: op_get(pick(&m.own), n); break;
		case 5: op_put(pick(&m.own), n, at); break;
		case 6: op_flush((op & 8) ? &m.lcore : &m.own); break;
		default: check_iters(); break;
		}
		check_counts();
	}

	/* Every object back, each exactly once, then the pool goes. */
	op_flush(&m.lcore);
	op_flush(&m.own);
	if (m.in_driver != 0)
		op_get(NULL, m.in_driver);
	CHECK(m.nb_held == m.populated, "holding %u of %u objects", m.nb_held, m.populated);
	op_put(NULL, m.nb_held, 0);
	check_counts();
	check_iters();
	fill_priv(true);
	rte_mempool_cache_free(m.own.c);
	rte_mempool_free(m.mp);
	CHECK(m.chunks_freed == m.chunks_given, "%u chunks given, %u freed", m.chunks_given,
	      m.chunks_freed);
out:
	CHECK(alloc_count() == start_allocs && zone_count() == start_zones,
	      "after the pool: %u allocations (start %u), %u memzones (start %u)", alloc_count(),
	      start_allocs, zone_count(), start_zones);
	return 0;
}
