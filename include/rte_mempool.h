/* SPDX-License-Identifier: BSD-3-Clause
 * rte_mempool: a pool of fixed-size objects in hugepage memory.
 *
 * The free objects sit in a "pool driver" (the ops; rtemem's are rings),
 * and each lcore keeps a small LIFO cache of them in front of the driver so
 * that most gets and puts touch no shared cache line.
 *
 * Memory layout of one object:
 *
 *   [ padding | struct rte_mempool_objhdr | element (elt_size) | trailer ]
 *                                           ^ the pointer users get
 *
 * header_size covers padding + objhdr; the objhdr sits right before the
 * element, so rte_mempool_get_header(obj) is obj - sizeof(objhdr). An
 * object never spans two pages whose IO addresses are not contiguous, so
 * objhdr->iova + offset is valid for the whole element (device DMA).
 *
 * The struct rte_mempool itself lives in the memzone "MP_<name>",
 * followed by RTE_MAX_LCORE caches (when cache_size > 0) and then the
 * private area (rte_mempool_get_priv).
 */
#ifndef RTEMEM_RTE_MEMPOOL_H
#define RTEMEM_RTE_MEMPOOL_H

#include <stdint.h>
#include <stdio.h>
#include <sys/queue.h>
#include <sys/types.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_memcpy.h>
#include <rte_memzone.h>
#include <rte_ring.h>
#include <rte_spinlock.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A per-lcore cache: a LIFO stack of free objects. */
struct rte_mempool_cache {
	uint32_t size;        /* target fill level */
	uint32_t flushthresh; /* above this, the cache is handed back to the pool */
	uint32_t len;         /* objects in objs[] now */
	/* Twice the maximum: a get may refill up to size + RTE_MEMPOOL_CACHE_MAX_SIZE. */
	void *objs[RTE_MEMPOOL_CACHE_MAX_SIZE * 2] __rte_cache_aligned;
} __rte_cache_aligned;

/* The sizes of one object, as rte_mempool_calc_obj_size computes them. */
struct rte_mempool_objsz {
	uint32_t elt_size;
	uint32_t header_size;
	uint32_t trailer_size;
	uint32_t total_size;
};

#define RTE_MEMPOOL_MZ_PREFIX "MP_"
#define RTE_MEMPOOL_MZ_FORMAT RTE_MEMPOOL_MZ_PREFIX "%s"
/* A pool's name also names its ring "MP_<name>", so it is that much shorter. */
#define RTE_MEMPOOL_NAMESIZE (RTE_RING_NAMESIZE - sizeof(RTE_MEMPOOL_MZ_PREFIX) + 1)

#define RTE_MEMPOOL_ALIGN RTE_CACHE_LINE_SIZE
#define RTE_MEMPOOL_ALIGN_MASK (RTE_MEMPOOL_ALIGN - 1)

/* Header in front of every object. */
struct rte_mempool_objhdr {
	STAILQ_ENTRY(rte_mempool_objhdr) next; /* in mp->elt_list */
	struct rte_mempool *mp;                /* owning pool */
	rte_iova_t iova;                       /* IO address of the element */
};

STAILQ_HEAD(rte_mempool_objhdr_list, rte_mempool_objhdr);

STAILQ_HEAD(rte_mempool_memhdr_list, rte_mempool_memhdr);

struct rte_mempool_memhdr;
typedef void (rte_mempool_memchunk_free_cb_t)(struct rte_mempool_memhdr *memhdr,
					      void *opaque);

/* One chunk of memory the objects were carved from. */
struct rte_mempool_memhdr {
	STAILQ_ENTRY(rte_mempool_memhdr) next;
	struct rte_mempool *mp;
	void *addr;
	rte_iova_t iova;   /* of addr; RTE_BAD_IOVA if the chunk is not contiguous */
	size_t len;
	rte_mempool_memchunk_free_cb_t *free_cb;
	void *opaque;
};

struct rte_mempool {
	char name[RTE_MEMPOOL_NAMESIZE];
	RTE_STD_C11 union {
		void *pool_data;   /* the ring, for the ring ops */
		uint64_t pool_id;
	};
	void *pool_config;
	const struct rte_memzone *mz;  /* "MP_<name>", holding this struct */
	unsigned int flags;            /* RTE_MEMPOOL_F_* */
	int socket_id;
	uint32_t size;                 /* objects in the pool */
	uint32_t cache_size;           /* per-lcore cache target, 0 = no cache */

	uint32_t elt_size;
	uint32_t header_size;
	uint32_t trailer_size;

	unsigned int private_data_size;
	int32_t ops_index;             /* into rte_mempool_ops_table */

	struct rte_mempool_cache *local_cache; /* RTE_MAX_LCORE caches, or NULL */

	uint32_t populated_size;
	struct rte_mempool_objhdr_list elt_list;
	uint32_t nb_mem_chunks;
	struct rte_mempool_memhdr_list mem_list;
} __rte_cache_aligned;

#define RTE_MEMPOOL_F_NO_SPREAD 0x0001      /* accepted; rtemem never spreads */
#define RTE_MEMPOOL_F_NO_CACHE_ALIGN 0x0002 /* objects aligned to 8, not 64 */
#define RTE_MEMPOOL_F_SP_PUT 0x0004         /* single producer ring */
#define RTE_MEMPOOL_F_SC_GET 0x0008         /* single consumer ring */
#define RTE_MEMPOOL_F_POOL_CREATED 0x0010   /* internal: the driver is set up */
#define RTE_MEMPOOL_F_NO_IOVA_CONTIG 0x0020 /* objects need no IO address */
#define RTE_MEMPOOL_F_NON_IO 0x0040         /* internal: not for device DMA */
#define RTE_MEMPOOL_VALID_USER_FLAGS \
	(RTE_MEMPOOL_F_NO_SPREAD | RTE_MEMPOOL_F_NO_CACHE_ALIGN | RTE_MEMPOOL_F_SP_PUT | \
	 RTE_MEMPOOL_F_SC_GET | RTE_MEMPOOL_F_NO_IOVA_CONTIG)
/* The DPDK names before 21.11. */
#define MEMPOOL_F_NO_SPREAD RTE_MEMPOOL_F_NO_SPREAD
#define MEMPOOL_F_NO_CACHE_ALIGN RTE_MEMPOOL_F_NO_CACHE_ALIGN
#define MEMPOOL_F_SP_PUT RTE_MEMPOOL_F_SP_PUT
#define MEMPOOL_F_SC_GET RTE_MEMPOOL_F_SC_GET
#define MEMPOOL_F_NO_IOVA_CONTIG RTE_MEMPOOL_F_NO_IOVA_CONTIG

/* Bytes of struct rte_mempool plus its caches: where the private area starts. */
#define RTE_MEMPOOL_HEADER_SIZE(mp, cs) \
	(sizeof(*(mp)) + (((cs) == 0) ? 0 : (sizeof(struct rte_mempool_cache) * RTE_MAX_LCORE)))

static inline struct rte_mempool_objhdr *rte_mempool_get_header(void *obj)
{
	return (struct rte_mempool_objhdr *)RTE_PTR_SUB(obj, sizeof(struct rte_mempool_objhdr));
}

static inline struct rte_mempool *rte_mempool_from_obj(void *obj)
{
	return rte_mempool_get_header(obj)->mp;
}

/* ---- pool drivers ("ops") ---- */

#define RTE_MEMPOOL_OPS_NAMESIZE 32
#define RTE_MEMPOOL_MAX_OPS_IDX 16

typedef int (*rte_mempool_alloc_t)(struct rte_mempool *mp);
typedef void (*rte_mempool_free_t)(struct rte_mempool *mp);
/* Both return 0, or a negative errno and move nothing. */
typedef int (*rte_mempool_enqueue_t)(struct rte_mempool *mp, void * const *obj_table,
				     unsigned int n);
typedef int (*rte_mempool_dequeue_t)(struct rte_mempool *mp, void **obj_table,
				     unsigned int n);
typedef unsigned int (*rte_mempool_get_count)(const struct rte_mempool *mp);

struct rte_mempool_ops {
	char name[RTE_MEMPOOL_OPS_NAMESIZE];
	rte_mempool_alloc_t alloc;
	rte_mempool_free_t free;
	rte_mempool_enqueue_t enqueue;
	rte_mempool_dequeue_t dequeue;
	rte_mempool_get_count get_count;
} __rte_cache_aligned;

/*
 * The registered drivers. mp->ops_index points into it, so every process
 * must register the same drivers in the same order; rtemem's ring drivers
 * are in the table from the start.
 */
struct rte_mempool_ops_table {
	rte_spinlock_t sl;
	uint32_t num_ops;
	struct rte_mempool_ops ops[RTE_MEMPOOL_MAX_OPS_IDX];
} __rte_cache_aligned;

extern struct rte_mempool_ops_table rte_mempool_ops_table;

static inline struct rte_mempool_ops *rte_mempool_get_ops(int ops_index)
{
	return &rte_mempool_ops_table.ops[ops_index];
}

int rte_mempool_ops_alloc(struct rte_mempool *mp);
void rte_mempool_ops_free(struct rte_mempool *mp);
unsigned int rte_mempool_ops_get_count(const struct rte_mempool *mp);

static inline int
rte_mempool_ops_dequeue_bulk(struct rte_mempool *mp, void **obj_table, unsigned int n)
{
	return rte_mempool_get_ops(mp->ops_index)->dequeue(mp, obj_table, n);
}

static inline int
rte_mempool_ops_enqueue_bulk(struct rte_mempool *mp, void * const *obj_table, unsigned int n)
{
	return rte_mempool_get_ops(mp->ops_index)->enqueue(mp, obj_table, n);
}

/* Choose the driver before the pool is populated. 0, -EEXIST (too late), -EINVAL. */
int rte_mempool_set_ops_byname(struct rte_mempool *mp, const char *name, void *pool_config);

/* Add a driver; returns its index or -EINVAL / -ENOSPC / -EEXIST. */
int rte_mempool_register_ops(const struct rte_mempool_ops *ops);

#define RTE_MEMPOOL_REGISTER_OPS(ops) \
	RTE_INIT(mp_hdlr_init_##ops) \
	{ \
		rte_mempool_register_ops(&(ops)); \
	}

/* ---- creation ---- */

/* Called once per object (obj_iter, obj_init of rte_mempool_create). */
typedef void (rte_mempool_obj_cb_t)(struct rte_mempool *mp, void *opaque, void *obj,
				    unsigned int obj_idx);
typedef rte_mempool_obj_cb_t rte_mempool_obj_ctor_t;

/* Called once per memory chunk (mem_iter). */
typedef void (rte_mempool_mem_cb_t)(struct rte_mempool *mp, void *opaque,
				    struct rte_mempool_memhdr *memhdr, unsigned int mem_idx);

/* Called once on the pool before its objects are initialised. */
typedef void (rte_mempool_ctor_t)(struct rte_mempool *, void *);

/*
 * Create and populate a pool of n objects of elt_size bytes with a
 * per-lcore cache of cache_size (0 .. RTE_MEMPOOL_CACHE_MAX_SIZE, and at
 * most n / 1.5). The driver is a ring: multi-producer/multi-consumer unless
 * RTE_MEMPOOL_F_SP_PUT / RTE_MEMPOOL_F_SC_GET. NULL with rte_errno on
 * failure: EINVAL, ENAMETOOLONG, EEXIST, ENOMEM, E_RTE_SECONDARY.
 */
struct rte_mempool *
rte_mempool_create(const char *name, unsigned int n, unsigned int elt_size,
		   unsigned int cache_size, unsigned int private_data_size,
		   rte_mempool_ctor_t *mp_init, void *mp_init_arg,
		   rte_mempool_obj_cb_t *obj_init, void *obj_init_arg,
		   int socket_id, unsigned int flags);

/* The same without objects: set ops, then rte_mempool_populate_default. */
struct rte_mempool *
rte_mempool_create_empty(const char *name, unsigned int n, unsigned int elt_size,
			 unsigned int cache_size, unsigned int private_data_size,
			 int socket_id, unsigned int flags);

/* Carve the remaining objects out of new memzones. Returns how many were
 * added, or a negative errno (the pool is then left as it was). */
int rte_mempool_populate_default(struct rte_mempool *mp);

/*
 * Add a chunk of the caller's memory: IO-contiguous from iova (or
 * RTE_BAD_IOVA: objects without IO address). Returns the objects added,
 * 0 if not one fits, -ENOSPC if the pool is full, -ENOMEM, -EINVAL.
 * free_cb(memhdr, opaque) is called on the chunk by rte_mempool_free.
 */
int rte_mempool_populate_iova(struct rte_mempool *mp, char *vaddr, rte_iova_t iova,
			      size_t len, rte_mempool_memchunk_free_cb_t *free_cb, void *opaque);

/*
 * The same for virtually contiguous memory made of pages of pg_sz bytes:
 * objects never straddle a page boundary where the IO addresses jump.
 */
int rte_mempool_populate_virt(struct rte_mempool *mp, char *addr, size_t len, size_t pg_sz,
			      rte_mempool_memchunk_free_cb_t *free_cb, void *opaque);

/* Free the pool, its objects' memory and its driver. NULL is ignored. */
void rte_mempool_free(struct rte_mempool *mp);

uint32_t rte_mempool_obj_iter(struct rte_mempool *mp, rte_mempool_obj_cb_t *obj_cb,
			      void *obj_cb_arg);
uint32_t rte_mempool_mem_iter(struct rte_mempool *mp, rte_mempool_mem_cb_t *mem_cb,
			      void *mem_cb_arg);

void rte_mempool_dump(FILE *f, struct rte_mempool *mp);
void rte_mempool_list_dump(FILE *f);
void rte_mempool_audit(struct rte_mempool *mp);

/* The pool named name, or NULL + ENOENT. */
struct rte_mempool *rte_mempool_lookup(const char *name);

/* Call func on every pool; func must not create or free pools (the memzone
 * table is read-locked meanwhile). */
void rte_mempool_walk(void (*func)(struct rte_mempool *, void *arg), void *arg);

/* Fill *sz with the sizes of an object; returns total_size. */
uint32_t rte_mempool_calc_obj_size(uint32_t elt_size, uint32_t flags,
				   struct rte_mempool_objsz *sz);

/* A cache the application owns (for non-EAL threads). NULL + EINVAL/ENOMEM. */
struct rte_mempool_cache *rte_mempool_cache_create(uint32_t size, int socket_id);
void rte_mempool_cache_free(struct rte_mempool_cache *cache);

/* ---- get and put ---- */

/* The calling lcore's cache, or NULL (no cache, or a non-EAL thread). */
static __rte_always_inline struct rte_mempool_cache *
rte_mempool_default_cache(struct rte_mempool *mp, unsigned int lcore_id)
{
	if (mp->cache_size == 0 || lcore_id >= RTE_MAX_LCORE)
		return NULL;
	return &mp->local_cache[lcore_id];
}

/* Give every object in the cache back to the pool. */
static __rte_always_inline void
rte_mempool_cache_flush(struct rte_mempool_cache *cache, struct rte_mempool *mp)
{
	if (cache == NULL)
		cache = rte_mempool_default_cache(mp, rte_lcore_id());
	if (cache == NULL || cache->len == 0)
		return;
	/* The driver has room for every object of the pool, so this succeeds. */
	rte_mempool_ops_enqueue_bulk(mp, cache->objs, cache->len);
	cache->len = 0;
}

static __rte_always_inline void
rte_mempool_generic_put(struct rte_mempool *mp, void * const *obj_table, unsigned int n,
			struct rte_mempool_cache *cache)
{
	if (cache == NULL || n > cache->flushthresh) {
		rte_mempool_ops_enqueue_bulk(mp, obj_table, n);
		return;
	}
	if (cache->len + n > cache->flushthresh) {
		/* Over the threshold: hand the whole cache back, keep the new ones. */
		rte_mempool_ops_enqueue_bulk(mp, cache->objs, cache->len);
		cache->len = 0;
	}
	rte_memcpy(&cache->objs[cache->len], obj_table, sizeof(void *) * n);
	cache->len += n;
}

static __rte_always_inline void
rte_mempool_put_bulk(struct rte_mempool *mp, void * const *obj_table, unsigned int n)
{
	rte_mempool_generic_put(mp, obj_table, n, rte_mempool_default_cache(mp, rte_lcore_id()));
}

static __rte_always_inline void
rte_mempool_put(struct rte_mempool *mp, void *obj)
{
	rte_mempool_put_bulk(mp, &obj, 1);
}

/*
 * 0 with n objects in obj_table, or -ENOENT and nothing taken. As DPDK
 * 22.11: the cache serves what it holds first (the warmest objects); the
 * rest comes with a refill that leaves the cache at its size, or, if the
 * driver cannot give that much, straight from the driver. So a get fails
 * only when the cache and the driver together hold fewer than n.
 */
static __rte_always_inline int
rte_mempool_generic_get(struct rte_mempool *mp, void **obj_table, unsigned int n,
			struct rte_mempool_cache *cache)
{
	unsigned int from_cache, rest, i;

	if (cache == NULL)
		return rte_mempool_ops_dequeue_bulk(mp, obj_table, n) < 0 ? -ENOENT : 0;

	/* LIFO: the most recently freed objects are the warmest. */
	from_cache = RTE_MIN(n, cache->len);
	for (i = 0; i < from_cache; i++)
		obj_table[i] = cache->objs[cache->len - 1 - i];
	cache->len -= from_cache;
	rest = n - from_cache;
	if (rest == 0)
		return 0;

	/* objs[] holds size + RTE_MEMPOOL_CACHE_MAX_SIZE: refill only up to that. */
	if (rest <= RTE_MEMPOOL_CACHE_MAX_SIZE &&
	    rte_mempool_ops_dequeue_bulk(mp, cache->objs, cache->size + rest) == 0) {
		for (i = 0; i < rest; i++)
			obj_table[from_cache + i] = cache->objs[cache->size + rest - 1 - i];
		cache->len = cache->size;
		return 0;
	}
	if (rte_mempool_ops_dequeue_bulk(mp, &obj_table[from_cache], rest) < 0) {
		/* The objects taken are still in objs[]: give them back. */
		cache->len = from_cache;
		return -ENOENT;
	}
	return 0;
}

static __rte_always_inline int
rte_mempool_get_bulk(struct rte_mempool *mp, void **obj_table, unsigned int n)
{
	return rte_mempool_generic_get(mp, obj_table, n,
				       rte_mempool_default_cache(mp, rte_lcore_id()));
}

static __rte_always_inline int
rte_mempool_get(struct rte_mempool *mp, void **obj_p)
{
	return rte_mempool_get_bulk(mp, obj_p, 1);
}

/* ---- state ---- */

/* Free objects: in the driver plus in every lcore cache. */
unsigned int rte_mempool_avail_count(const struct rte_mempool *mp);

/* Objects handed out: size - avail. */
unsigned int rte_mempool_in_use_count(const struct rte_mempool *mp);

static inline int rte_mempool_full(const struct rte_mempool *mp)
{
	return rte_mempool_avail_count(mp) == mp->size;
}

static inline int rte_mempool_empty(const struct rte_mempool *mp)
{
	return rte_mempool_avail_count(mp) == 0;
}

/* IO address of an object's element (RTE_BAD_IOVA for NO_IOVA_CONTIG pools). */
static inline rte_iova_t rte_mempool_virt2iova(const void *elt)
{
	const struct rte_mempool_objhdr *hdr =
		(const struct rte_mempool_objhdr *)RTE_PTR_SUB(elt, sizeof(*hdr));

	return hdr->iova;
}

/* The private area of private_data_size bytes given at creation. */
static inline void *rte_mempool_get_priv(struct rte_mempool *mp)
{
	return (char *)mp + RTE_MEMPOOL_HEADER_SIZE(mp, mp->cache_size);
}

#ifdef __cplusplus
}
#endif

#endif
