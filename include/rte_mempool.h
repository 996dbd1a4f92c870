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

/*
 * Debug builds (RTE_LIBRTE_MEMPOOL_DEBUG, make DEBUG=1) put a cookie in each
 * object's header and trailer: COOKIE1 while the application holds the
 * object, COOKIE2 while the pool does, and the trailer cookie always. Every
 * get and put checks them, so a double free or an overrun panics at once.
 */
#define RTE_MEMPOOL_HEADER_COOKIE1 0xbadbadbadadd2e55ULL /* object handed out */
#define RTE_MEMPOOL_HEADER_COOKIE2 0xf2eef2eedadd2e55ULL /* object in the pool */
#define RTE_MEMPOOL_TRAILER_COOKIE 0xadd2e55badbadbadULL

/* A per-lcore cache: a LIFO stack of free objects. */
struct rte_mempool_cache {
	uint32_t size;        /* target fill level */
	uint32_t flushthresh; /* above this, the cache is handed back to the pool */
	uint32_t len;         /* objects in objs[] now */
	/* Twice the maximum: a get may refill up to size + n before serving n. */
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
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	uint64_t cookie;                       /* RTE_MEMPOOL_HEADER_COOKIE1/2 */
#endif
};

STAILQ_HEAD(rte_mempool_objhdr_list, rte_mempool_objhdr);

#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
/* Right after the element, in debug builds only. */
struct rte_mempool_objtlr {
	uint64_t cookie; /* RTE_MEMPOOL_TRAILER_COOKIE */
};
#endif

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

/* What a driver tells about itself (rte_mempool_ops_get_info). */
struct rte_mempool_info {
	unsigned int contig_block_size; /* objects per contiguous block, 0: none */
} __rte_cache_aligned;

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

/*
 * Statistics are a DPDK build option (RTE_LIBRTE_MEMPOOL_STATS) that rtemem
 * does not have: struct rte_mempool carries no counters, so these count
 * nothing, as in a DPDK build without the option.
 */
#define RTE_MEMPOOL_STAT_ADD(mp, name, n) do { } while (0)
#define RTE_MEMPOOL_CACHE_STAT_ADD(cache, name, n) do { } while (0)

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

/* What follows the element (struct rte_mempool_objtlr in debug builds). */
static inline struct rte_mempool_objtlr *rte_mempool_get_trailer(void *obj)
{
	struct rte_mempool *mp = rte_mempool_from_obj(obj);

	return (struct rte_mempool_objtlr *)RTE_PTR_ADD(obj, mp->elt_size);
}

/*
 * Check the cookies of n objects and flip their header cookie: free 1 for
 * objects being got (must be in the pool), 0 for objects being put (must be
 * handed out), 2 to check only. Panics on a bad cookie or an object of
 * another pool. Does nothing unless built with RTE_LIBRTE_MEMPOOL_DEBUG.
 */
void rte_mempool_check_cookies(const struct rte_mempool *mp, void * const *obj_table_const,
			       unsigned int n, int free);
/* The same for n blocks given by their first object (contig_block_size each). */
void rte_mempool_contig_blocks_check_cookies(const struct rte_mempool *mp,
					     void * const *first_obj_table_const, unsigned int n,
					     int free);

#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
#define RTE_MEMPOOL_CHECK_COOKIES(mp, obj_table_const, n, free) \
	rte_mempool_check_cookies(mp, obj_table_const, n, free)
#define RTE_MEMPOOL_CONTIG_BLOCKS_CHECK_COOKIES(mp, first_obj_table_const, n, free) \
	rte_mempool_contig_blocks_check_cookies(mp, first_obj_table_const, n, free)
#else
#define RTE_MEMPOOL_CHECK_COOKIES(mp, obj_table_const, n, free) do { } while (0)
#define RTE_MEMPOOL_CONTIG_BLOCKS_CHECK_COOKIES(mp, first_obj_table_const, n, free) \
	do { } while (0)
#endif

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
/* n blocks of contig_block_size objects each; first_obj_table gets the first of each. */
typedef int (*rte_mempool_dequeue_contig_blocks_t)(struct rte_mempool *mp,
						   void **first_obj_table, unsigned int n);
typedef unsigned int (*rte_mempool_get_count)(const struct rte_mempool *mp);

/*
 * Bytes of memory obj_num objects need, objects not crossing a boundary of
 * pages of 1 << pg_shift bytes (pg_shift 0: no pages to mind). Also gives
 * the smallest chunk worth having (*min_chunk_size; IO-contiguous unless
 * RTE_MEMPOOL_F_NO_IOVA_CONTIG) and the alignment a chunk needs (*align).
 * A negative errno on failure.
 */
typedef ssize_t (*rte_mempool_calc_mem_size_t)(const struct rte_mempool *mp, uint32_t obj_num,
					       uint32_t pg_shift, size_t *min_chunk_size,
					       size_t *align);

/*
 * The default calculation, for drivers that build on it: chunk_reserve
 * bytes at the start of each page (or of the area, pg_shift 0) are not
 * for objects. Counts whole pages but the last, plus the room an unaligned
 * start may cost (total object size - 1). An object bigger than a page
 * gets a run of pages of its own. -EINVAL if chunk_reserve fills a page.
 */
ssize_t rte_mempool_op_calc_mem_size_helper(const struct rte_mempool *mp, uint32_t obj_num,
					    uint32_t pg_shift, size_t chunk_reserve,
					    size_t *min_chunk_size, size_t *align);
/* The helper with chunk_reserve 0: what drivers without calc_mem_size get. */
ssize_t rte_mempool_op_calc_mem_size_default(const struct rte_mempool *mp, uint32_t obj_num,
					     uint32_t pg_shift, size_t *min_chunk_size,
					     size_t *align);

/* Called by populate for each object it carves; vaddr is the element. */
typedef void (rte_mempool_populate_obj_cb_t)(struct rte_mempool *mp, void *opaque, void *vaddr,
					     rte_iova_t iova);

/*
 * Carve at most max_objs objects out of [vaddr, vaddr + len) (IO-contiguous
 * from iova, or RTE_BAD_IOVA), call obj_cb on each and enqueue it in the
 * driver. Returns how many, or a negative errno with none carved.
 */
typedef int (*rte_mempool_populate_t)(struct rte_mempool *mp, unsigned int max_objs,
				      void *vaddr, rte_iova_t iova, size_t len,
				      rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);

/* Start each object (its header) at an address that is a multiple of its total size. */
#define RTE_MEMPOOL_POPULATE_F_ALIGN_OBJ 0x0001

/*
 * The default carving: objects one after the other, each moved to the next
 * page when it would cross a page boundary (page size from
 * rte_mempool_get_page_size; objects bigger than a page are not moved).
 */
int rte_mempool_op_populate_helper(struct rte_mempool *mp, unsigned int flags,
				   unsigned int max_objs, void *vaddr, rte_iova_t iova, size_t len,
				   rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);
/* The helper with flags 0: what drivers without populate get. */
int rte_mempool_op_populate_default(struct rte_mempool *mp, unsigned int max_objs,
				    void *vaddr, rte_iova_t iova, size_t len,
				    rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);

typedef int (*rte_mempool_get_info_t)(const struct rte_mempool *mp,
				      struct rte_mempool_info *info);

/* calc_mem_size, populate, get_info and dequeue_contig_blocks are optional. */
struct rte_mempool_ops {
	char name[RTE_MEMPOOL_OPS_NAMESIZE];
	rte_mempool_alloc_t alloc;
	rte_mempool_free_t free;
	rte_mempool_enqueue_t enqueue;
	rte_mempool_dequeue_t dequeue;
	rte_mempool_get_count get_count;
	rte_mempool_calc_mem_size_t calc_mem_size;
	rte_mempool_populate_t populate;
	rte_mempool_get_info_t get_info;
	rte_mempool_dequeue_contig_blocks_t dequeue_contig_blocks;
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

/* The driver's block dequeue; -ENOTSUP (rtemem's ring and stack drivers) if it has none. */
static inline int
rte_mempool_ops_dequeue_contig_blocks(struct rte_mempool *mp, void **first_obj_table,
				      unsigned int n)
{
	struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);

	if (ops->dequeue_contig_blocks == NULL)
		return -ENOTSUP;
	return ops->dequeue_contig_blocks(mp, first_obj_table, n);
}

/* The driver's calc_mem_size and populate, or the defaults above. */
ssize_t rte_mempool_ops_calc_mem_size(const struct rte_mempool *mp, uint32_t obj_num,
				      uint32_t pg_shift, size_t *min_chunk_size, size_t *align);
int rte_mempool_ops_populate(struct rte_mempool *mp, unsigned int max_objs, void *vaddr,
			     rte_iova_t iova, size_t len, rte_mempool_populate_obj_cb_t *obj_cb,
			     void *obj_cb_arg);
/* 0 with *info filled, -ENOTSUP if the driver has no get_info, -EINVAL without info. */
int rte_mempool_ops_get_info(const struct rte_mempool *mp, struct rte_mempool_info *info);

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

/*
 * Objects in anonymous memory (locked in RAM where the OS allows) for an
 * empty pool. Returns the objects added; on failure 0 with rte_errno set
 * (EINVAL: already populated; ENOMEM; ENOBUFS: not one object fits) and
 * the pool left as it was.
 */
int rte_mempool_populate_anon(struct rte_mempool *mp);

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

/* The put without the cookie check (DPDK's internal name). n > 0. */
static __rte_always_inline void
rte_mempool_do_generic_put(struct rte_mempool *mp, void * const *obj_table, unsigned int n,
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
rte_mempool_generic_put(struct rte_mempool *mp, void * const *obj_table, unsigned int n,
			struct rte_mempool_cache *cache)
{
	RTE_MEMPOOL_CHECK_COOKIES(mp, obj_table, n, 0);
	rte_mempool_do_generic_put(mp, obj_table, n, cache);
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
 * The get without the cookie check (DPDK's internal name): 0 with n
 * objects in obj_table, or the driver's negative errno and nothing taken.
 * As DPDK 22.11: the cache serves what it holds first (the warmest
 * objects, last freed first); the rest comes with a refill of the cache
 * back to its size in the same driver dequeue; when the driver cannot give
 * that much, only the rest is asked for, and the cache is left empty. So a
 * get succeeds whenever the cache and the driver together hold n objects.
 */
static __rte_always_inline int
rte_mempool_do_generic_get(struct rte_mempool *mp, void **obj_table, unsigned int n,
			   struct rte_mempool_cache *cache)
{
	unsigned int from_cache, rest, i;
	int ret;

	if (cache == NULL)
		return rte_mempool_ops_dequeue_bulk(mp, obj_table, n);

	from_cache = RTE_MIN(n, cache->len);
	{
		/* a local end pointer: through cache->len the compiler reloads
		 * and recomputes the index on every object (7 instructions each) */
		void * const *top = &cache->objs[cache->len];

		for (i = 0; i + 4 <= from_cache; i += 4, top -= 4) {
			obj_table[i] = top[-1];
			obj_table[i + 1] = top[-2];
			obj_table[i + 2] = top[-3];
			obj_table[i + 3] = top[-4];
		}
		for (; i < from_cache; i++)
			obj_table[i] = *--top;
	}
	cache->len -= from_cache;
	rest = n - from_cache;
	if (rest == 0)
		return 0;

	/* The cache is empty now. Refill it with size + rest (the objs array
	 * holds twice the largest cache) and hand out the top rest. */
	if (rest <= RTE_MEMPOOL_CACHE_MAX_SIZE &&
	    rte_mempool_ops_dequeue_bulk(mp, cache->objs, cache->size + rest) == 0) {
		for (i = 0; i < rest; i++)
			obj_table[from_cache + i] = cache->objs[cache->size + rest - 1 - i];
		cache->len = cache->size;
		return 0;
	}
	ret = rte_mempool_ops_dequeue_bulk(mp, obj_table + from_cache, rest);
	if (ret < 0)
		cache->len = from_cache; /* nothing taken: the cache's objects are still there */
	return ret;
}

/* 0 with n objects in obj_table, or -ENOENT and nothing taken. */
static __rte_always_inline int
rte_mempool_generic_get(struct rte_mempool *mp, void **obj_table, unsigned int n,
			struct rte_mempool_cache *cache)
{
	if (rte_mempool_do_generic_get(mp, obj_table, n, cache) < 0)
		return -ENOENT;
	RTE_MEMPOOL_CHECK_COOKIES(mp, obj_table, n, 1);
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

/*
 * n blocks of contiguous objects, the first object of each in
 * first_obj_table (rte_mempool_ops_get_info says how many per block).
 * 0, or the driver's negative errno (-ENOBUFS: not enough; -ENOTSUP: the
 * driver has no blocks) and nothing taken. The caches are not used.
 */
static __rte_always_inline int
rte_mempool_get_contig_blocks(struct rte_mempool *mp, void **first_obj_table, unsigned int n)
{
	int ret = rte_mempool_ops_dequeue_contig_blocks(mp, first_obj_table, n);

	if (ret == 0)
		RTE_MEMPOOL_CONTIG_BLOCKS_CHECK_COOKIES(mp, first_obj_table, n, 1);
	return ret;
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

/*
 * The page size objects must not straddle (in drivers' populate): 0 when
 * the pool needs no IO addresses, else the smallest page of the pool's
 * socket (the base page without hugepages). 0 or -EINVAL.
 */
int rte_mempool_get_page_size(struct rte_mempool *mp, size_t *pg_sz);

/* ---- life-cycle events ---- */

enum rte_mempool_event {
	RTE_MEMPOOL_EVENT_READY = 0,   /* the pool was just fully populated */
	RTE_MEMPOOL_EVENT_DESTROY = 1, /* rte_mempool_free is about to free the pool */
};

typedef void (rte_mempool_event_callback)(enum rte_mempool_event event,
					  struct rte_mempool *mp, void *user_data);

/*
 * Call func on every event in this process (registration is per process).
 * A callback may register another (called from the next event on) or
 * unregister itself. 0, or a negative errno with rte_errno set: EINVAL
 * (func NULL), EEXIST (this func and user_data already), ENOMEM.
 */
int rte_mempool_event_callback_register(rte_mempool_event_callback *func, void *user_data);
/* 0, or -ENOENT (rte_errno ENOENT) if func and user_data were not registered together. */
int rte_mempool_event_callback_unregister(rte_mempool_event_callback *func, void *user_data);

#ifdef __cplusplus
}
#endif

#endif
