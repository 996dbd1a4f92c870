/* SPDX-License-Identifier: BSD-3-Clause
 * rte_mempool: creation, lookup and teardown. Population is in
 * mempool_populate.c, get/put inline in rte_mempool.h.
 *
 * Memory of one pool:
 *   memzone "MP_<name>"      struct rte_mempool, RTE_MAX_LCORE caches, private area
 *   memzone "MP_<name>_<k>"  objects (one or more chunks)
 *   ring "MP_<name>"         the free objects (memzone "RG_MP_<name>")
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>

#include "mempool_private.h"

uint32_t rte_mempool_calc_obj_size(uint32_t elt_size, uint32_t flags,
				   struct rte_mempool_objsz *sz)
{
	struct rte_mempool_objsz local;

	if (sz == NULL)
		sz = &local;
	sz->header_size = sizeof(struct rte_mempool_objhdr);
	if ((flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN) == 0)
		sz->header_size = RTE_ALIGN_CEIL(sz->header_size, RTE_MEMPOOL_ALIGN);
	sz->elt_size = RTE_ALIGN_CEIL(elt_size, (uint32_t)sizeof(uint64_t));
	sz->trailer_size = 0;
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	sz->trailer_size = sizeof(struct rte_mempool_objtlr);
#endif
	/* Pad the trailer so that the next object starts on a cache line too. */
	if ((flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN) == 0)
		sz->trailer_size = RTE_ALIGN_CEIL(sz->header_size + sz->elt_size +
							  sz->trailer_size,
						  (uint32_t)RTE_MEMPOOL_ALIGN) -
				   (sz->header_size + sz->elt_size);
	sz->total_size = sz->header_size + sz->elt_size + sz->trailer_size;
	return sz->total_size;
}

static void cache_init(struct rte_mempool_cache *cache, uint32_t size)
{
	cache->size = size;
	cache->flushthresh = MEMPOOL_CACHE_FLUSHTHRESH(size);
	cache->len = 0;
}

struct rte_mempool *
rte_mempool_create_empty(const char *name, unsigned int n, unsigned int elt_size,
			 unsigned int cache_size, unsigned int private_data_size,
			 int socket_id, unsigned int flags)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	struct rte_mempool_objsz objsz;
	struct rte_mempool *mp;
	size_t mz_len;

	if (name == NULL || n == 0 || (flags & ~RTE_MEMPOOL_VALID_USER_FLAGS) != 0 ||
	    cache_size > RTE_MEMPOOL_CACHE_MAX_SIZE ||
	    MEMPOOL_CACHE_FLUSHTHRESH(cache_size) > n ||
	    (uint64_t)elt_size + 2 * RTE_MEMPOOL_ALIGN > UINT32_MAX) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (strnlen(name, RTE_MEMPOOL_NAMESIZE) >= RTE_MEMPOOL_NAMESIZE) {
		rte_errno = ENAMETOOLONG;
		return NULL;
	}
	rte_mempool_calc_obj_size(elt_size, flags, &objsz);
	private_data_size = RTE_ALIGN_CEIL(private_data_size, (unsigned int)RTE_MEMPOOL_ALIGN);

	snprintf(mz_name, sizeof(mz_name), RTE_MEMPOOL_MZ_FORMAT, name);
	mz_len = RTE_MEMPOOL_HEADER_SIZE(mp, cache_size) + private_data_size;
	mz = rte_memzone_reserve(mz_name, mz_len, socket_id, 0);
	if (mz == NULL) {
		RTE_LOG(ERR, MEMPOOL, "cannot reserve memory for mempool %s: %s\n", name,
			rte_strerror(rte_errno));
		return NULL; /* EEXIST, ENOMEM, ... from the memzone */
	}

	mp = mz->addr;
	memset(mp, 0, mz_len);
	strcpy(mp->name, name);
	mp->mz = mz;
	mp->flags = flags;
	mp->socket_id = socket_id;
	mp->size = n;
	mp->cache_size = cache_size;
	mp->elt_size = objsz.elt_size;
	mp->header_size = objsz.header_size;
	mp->trailer_size = objsz.trailer_size;
	mp->private_data_size = private_data_size;
	mp->ops_index = 0; /* "ring_mp_mc" until rte_mempool_set_ops_byname */
	STAILQ_INIT(&mp->elt_list);
	STAILQ_INIT(&mp->mem_list);
	if (cache_size != 0) {
		mp->local_cache = (struct rte_mempool_cache *)RTE_PTR_ADD(mp, sizeof(*mp));
		for (unsigned int i = 0; i < RTE_MAX_LCORE; i++)
			cache_init(&mp->local_cache[i], cache_size);
	}
	return mp;
}

static const char *ops_name_for_flags(unsigned int flags)
{
	if ((flags & RTE_MEMPOOL_F_SP_PUT) && (flags & RTE_MEMPOOL_F_SC_GET))
		return "ring_sp_sc";
	if (flags & RTE_MEMPOOL_F_SP_PUT)
		return "ring_sp_mc";
	if (flags & RTE_MEMPOOL_F_SC_GET)
		return "ring_mp_sc";
	return "ring_mp_mc";
}

struct rte_mempool *
rte_mempool_create(const char *name, unsigned int n, unsigned int elt_size,
		   unsigned int cache_size, unsigned int private_data_size,
		   rte_mempool_ctor_t *mp_init, void *mp_init_arg,
		   rte_mempool_obj_cb_t *obj_init, void *obj_init_arg,
		   int socket_id, unsigned int flags)
{
	struct rte_mempool *mp;
	int ret;

	mp = rte_mempool_create_empty(name, n, elt_size, cache_size, private_data_size,
				      socket_id, flags);
	if (mp == NULL)
		return NULL;
	rte_mempool_set_ops_byname(mp, ops_name_for_flags(flags), NULL);
	if (mp_init != NULL)
		mp_init(mp, mp_init_arg);
	ret = rte_mempool_populate_default(mp);
	if (ret < 0) {
		rte_mempool_free(mp);
		rte_errno = -ret;
		return NULL;
	}
	if (obj_init != NULL)
		rte_mempool_obj_iter(mp, obj_init, obj_init_arg);
	return mp;
}

void rte_mempool_free(struct rte_mempool *mp)
{
	if (mp == NULL)
		return;
	mempool_event_invoke(RTE_MEMPOOL_EVENT_DESTROY, mp);
	if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED)
		rte_mempool_ops_free(mp);
	mempool_release_chunks(mp);
	/* mp lives in this memzone: nothing may touch it afterwards. */
	rte_memzone_free(mp->mz);
}

uint32_t rte_mempool_obj_iter(struct rte_mempool *mp, rte_mempool_obj_cb_t *obj_cb,
			      void *obj_cb_arg)
{
	struct rte_mempool_objhdr *hdr;
	uint32_t n = 0;

	STAILQ_FOREACH(hdr, &mp->elt_list, next) {
		obj_cb(mp, obj_cb_arg, (char *)hdr + sizeof(*hdr), n);
		n++;
	}
	return n;
}

uint32_t rte_mempool_mem_iter(struct rte_mempool *mp, rte_mempool_mem_cb_t *mem_cb,
			      void *mem_cb_arg)
{
	struct rte_mempool_memhdr *memhdr;
	uint32_t n = 0;

	STAILQ_FOREACH(memhdr, &mp->mem_list, next) {
		mem_cb(mp, mem_cb_arg, memhdr, n);
		n++;
	}
	return n;
}

unsigned int rte_mempool_avail_count(const struct rte_mempool *mp)
{
	unsigned int count = 0;

	if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED)
		count = rte_mempool_ops_get_count(mp);
	if (mp->cache_size != 0) {
		for (unsigned int i = 0; i < RTE_MAX_LCORE; i++)
			count += __atomic_load_n(&mp->local_cache[i].len, __ATOMIC_RELAXED);
	}
	/* Other lcores move objects meanwhile, so the sum can briefly overshoot. */
	return count > mp->size ? mp->size : count;
}

unsigned int rte_mempool_in_use_count(const struct rte_mempool *mp)
{
	return mp->size - rte_mempool_avail_count(mp);
}

/* The memzone "MP_<name>" also matches chunk zones "MP_<pool>_<k>": check it holds a pool. */
static struct rte_mempool *mempool_of_zone(const struct rte_memzone *mz, const char *name)
{
	struct rte_mempool *mp = mz->addr;

	if (mz->len < sizeof(*mp) || mp->mz != mz ||
	    strncmp(mp->name, name, RTE_MEMPOOL_NAMESIZE) != 0)
		return NULL;
	return mp;
}

struct rte_mempool *rte_mempool_lookup(const char *name)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz = NULL;
	struct rte_mempool *mp = NULL;
	int ret;

	if (name != NULL) {
		ret = snprintf(mz_name, sizeof(mz_name), RTE_MEMPOOL_MZ_FORMAT, name);
		if (ret > 0 && (size_t)ret < sizeof(mz_name))
			mz = rte_memzone_lookup(mz_name);
	}
	if (mz != NULL)
		mp = mempool_of_zone(mz, name);
	if (mp == NULL)
		rte_errno = ENOENT;
	return mp;
}

struct walk_arg {
	void (*func)(struct rte_mempool *, void *);
	void *arg;
};

static void walk_zone(const struct rte_memzone *mz, void *arg)
{
	const size_t plen = sizeof(RTE_MEMPOOL_MZ_PREFIX) - 1;
	struct walk_arg *wa = arg;
	struct rte_mempool *mp;

	if (strncmp(mz->name, RTE_MEMPOOL_MZ_PREFIX, plen) != 0)
		return;
	mp = mempool_of_zone(mz, mz->name + plen);
	if (mp != NULL)
		wa->func(mp, wa->arg);
}

void rte_mempool_walk(void (*func)(struct rte_mempool *, void *arg), void *arg)
{
	struct walk_arg wa = { .func = func, .arg = arg };

	rte_memzone_walk(walk_zone, &wa);
}

void rte_mempool_dump(FILE *f, struct rte_mempool *mp)
{
	unsigned int cached = 0;

	if (f == NULL)
		f = stdout;
	fprintf(f, "mempool <%s>@%p\n", mp->name, (void *)mp);
	fprintf(f, "  flags=%x\n", mp->flags);
	fprintf(f, "  socket_id=%d\n", mp->socket_id);
	fprintf(f, "  pool=%p (%s)\n", mp->pool_data,
		rte_mempool_get_ops(mp->ops_index)->name);
	fprintf(f, "  nb_mem_chunks=%" PRIu32 "\n", mp->nb_mem_chunks);
	fprintf(f, "  size=%" PRIu32 "\n", mp->size);
	fprintf(f, "  populated_size=%" PRIu32 "\n", mp->populated_size);
	fprintf(f, "  header_size=%" PRIu32 "\n", mp->header_size);
	fprintf(f, "  elt_size=%" PRIu32 "\n", mp->elt_size);
	fprintf(f, "  trailer_size=%" PRIu32 "\n", mp->trailer_size);
	fprintf(f, "  total_obj_size=%" PRIu32 "\n",
		mp->header_size + mp->elt_size + mp->trailer_size);
	fprintf(f, "  private_data_size=%u\n", mp->private_data_size);
	fprintf(f, "  cache_size=%" PRIu32 "\n", mp->cache_size);
	if (mp->cache_size != 0) {
		for (unsigned int i = 0; i < RTE_MAX_LCORE; i++) {
			if (mp->local_cache[i].len == 0)
				continue;
			fprintf(f, "    cache_count[%u]=%" PRIu32 "\n", i, mp->local_cache[i].len);
			cached += mp->local_cache[i].len;
		}
	}
	fprintf(f, "  total_cache_count=%u\n", cached);
	if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED)
		fprintf(f, "  common_pool_count=%u\n", rte_mempool_ops_get_count(mp));
	fprintf(f, "  avail_count=%u\n", rte_mempool_avail_count(mp));
	fprintf(f, "  in_use_count=%u\n", rte_mempool_in_use_count(mp));
}

static void dump_one(struct rte_mempool *mp, void *arg)
{
	rte_mempool_dump(arg, mp);
}

void rte_mempool_list_dump(FILE *f)
{
	rte_mempool_walk(dump_one, f != NULL ? f : stdout);
}

/* Log (not panic) what is inconsistent: objects owned elsewhere, caches
 * overfull. Debug builds also check every object's cookies, and panic. */
void rte_mempool_audit(struct rte_mempool *mp)
{
	struct rte_mempool_objhdr *hdr;
	uint32_t n = 0;

	STAILQ_FOREACH(hdr, &mp->elt_list, next) {
		void *obj = (char *)hdr + sizeof(*hdr);

		if (hdr->mp != mp)
			RTE_LOG(ERR, MEMPOOL, "%s: object %" PRIu32 " claims pool %p\n", mp->name,
				n, (void *)hdr->mp);
		else
			rte_mempool_check_cookies(mp, &obj, 1, 2); /* held or in the pool, intact */
		n++;
	}
	if (n != mp->populated_size)
		RTE_LOG(ERR, MEMPOOL, "%s: %" PRIu32 " objects listed, %" PRIu32 " populated\n",
			mp->name, n, mp->populated_size);
	for (unsigned int i = 0; mp->cache_size != 0 && i < RTE_MAX_LCORE; i++) {
		if (mp->local_cache[i].len > RTE_DIM(mp->local_cache[i].objs))
			RTE_LOG(ERR, MEMPOOL, "%s: cache of lcore %u holds %" PRIu32 "\n",
				mp->name, i, mp->local_cache[i].len);
	}
}

struct rte_mempool_cache *rte_mempool_cache_create(uint32_t size, int socket_id)
{
	struct rte_mempool_cache *cache;

	if (size == 0 || size > RTE_MEMPOOL_CACHE_MAX_SIZE) {
		rte_errno = EINVAL;
		return NULL;
	}
	cache = rte_zmalloc_socket("MEMPOOL_CACHE", sizeof(*cache), RTE_CACHE_LINE_SIZE,
				   socket_id);
	if (cache == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	cache_init(cache, size);
	return cache;
}

void rte_mempool_cache_free(struct rte_mempool_cache *cache)
{
	rte_free(cache);
}
