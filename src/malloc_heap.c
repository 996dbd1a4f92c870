/* SPDX-License-Identifier: BSD-3-Clause
 * Malloc heaps: one per NUMA socket, in the shared mem_config. Allocation
 * looks for a free element that can hold the request; if there is none the
 * heap grows by mapping more pages (try_expand_heap). Freeing merges with
 * free neighbours and hands whole pages that were mapped at run time back
 * to the page pool.
 *
 * Lock order: memory hotplug lock, then a heap's lock. Fast paths take
 * only the heap lock; growing and page release take the hotplug lock too.
 * A heap whose lock holder died leaving it broken is failed
 * (malloc_heap_lock.c): allocations from it fail with ENOTRECOVERABLE.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "eal_private.h"
#include "malloc_elem.h"
#include "eal_dma_mask.h"
#include "eal_mem_event.h"
#include "malloc_heap.h"

/* No request can be larger than all the memory rtemem can map. */
#define MALLOC_MAX_SIZE ((size_t)RTE_MAX_MEM_MB << 20)

/* The memzone page size flags and the page size each one asks for. */
static const struct {
	unsigned int flag;
	uint64_t page_sz;
} pgsz_flags[] = {
	{ RTE_MEMZONE_256KB, RTE_PGSIZE_256K }, { RTE_MEMZONE_2MB, RTE_PGSIZE_2M },
	{ RTE_MEMZONE_16MB, RTE_PGSIZE_16M },   { RTE_MEMZONE_256MB, RTE_PGSIZE_256M },
	{ RTE_MEMZONE_512MB, RTE_PGSIZE_512M }, { RTE_MEMZONE_1GB, RTE_PGSIZE_1G },
	{ RTE_MEMZONE_4GB, RTE_PGSIZE_4G },     { RTE_MEMZONE_16GB, RTE_PGSIZE_16G },
};

static unsigned int pgsz_flag_mask(void)
{
	return RTE_MEMZONE_256KB | RTE_MEMZONE_2MB | RTE_MEMZONE_16MB | RTE_MEMZONE_256MB |
	       RTE_MEMZONE_512MB | RTE_MEMZONE_1GB | RTE_MEMZONE_4GB | RTE_MEMZONE_16GB;
}

/* Do the flags accept memory of this page size? (No size flag: any.) */
static bool pgsz_wanted(unsigned int flags, uint64_t page_sz)
{
	if ((flags & pgsz_flag_mask()) == 0)
		return true;
	for (size_t i = 0; i < RTE_DIM(pgsz_flags); i++)
		if ((flags & pgsz_flags[i].flag) && pgsz_flags[i].page_sz == page_sz)
			return true;
	return false;
}

static struct malloc_heap *heap_at(int idx)
{
	return &eal_mcfg()->malloc_heaps[idx];
}

int malloc_socket_to_heap_id(int socket)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	if (mcfg == NULL || socket < 0)
		return -1;
	/* Socket heaps are made in socket order at start-up: with sockets
	 * numbered from 0 up, socket n's heap is heap n (a socket id names
	 * one heap only, so a hit is the answer). */
	if (socket < RTE_MAX_HEAPS && mcfg->malloc_heaps[socket].name[0] != '\0' &&
	    mcfg->malloc_heaps[socket].socket_id == (unsigned int)socket)
		return socket;
	for (int i = 0; i < RTE_MAX_HEAPS; i++)
		if (mcfg->malloc_heaps[i].name[0] != '\0' &&
		    mcfg->malloc_heaps[i].socket_id == (unsigned int)socket)
			return i;
	return -1;
}

/*
 * The heap SOCKET_ID_ANY starts with: the calling thread's socket's. A
 * thread of no socket (not an lcore) gets, as in DPDK, the first socket
 * heap that has memory, else the first; the socket heaps take slots 0 to
 * n-1 at start-up (malloc_heap_init), before any external heap.
 */
static int default_heap_id(void)
{
	/* SOCKET_ID_ANY (such a thread's) is no heap's socket: -1 */
	int id = malloc_socket_to_heap_id((int)rte_socket_id());

	if (id >= 0)
		return id;
	RTE_BUILD_BUG_ON(RTE_MAX_NUMA_NODES > RTE_MAX_HEAPS); /* a heap per socket */
	for (unsigned int i = 0; i < rte_socket_count(); i++) {
		struct malloc_heap *heap = heap_at((int)i);
		size_t total;

		/* under its lock: another thread may be growing it (a failed
		 * heap is locked all the same, and its size still true) */
		(void)malloc_heap_lock(heap);
		total = heap->total_size;
		malloc_heap_unlock(heap);
		if (total > 0)
			return (int)i;
	}
	return 0;
}

/*
 * The heap a request on socket tries first: the socket's own, or for
 * SOCKET_ID_ANY the caller's. Returns its index, or -EINVAL for a socket
 * without a heap.
 */
static int heap_first(int socket)
{
	int id;

	if (eal_mcfg() == NULL)
		return -EINVAL;
	if (socket != SOCKET_ID_ANY) {
		id = malloc_socket_to_heap_id(socket);
		return id < 0 ? -EINVAL : id;
	}
	return default_heap_id();
}

/*
 * The heaps a request on socket may use, in the order to try them: the
 * first one (above), then for SOCKET_ID_ANY every other socket heap (an
 * external heap only ever serves requests naming its socket). Returns how
 * many, or -errno (heap_first's).
 */
static int heap_order(int socket, int ids[RTE_MAX_HEAPS])
{
	int first = heap_first(socket), n = 0;

	if (first < 0)
		return first;
	ids[n++] = first;
	if (socket != SOCKET_ID_ANY)
		return n;
	for (int i = 0; i < RTE_MAX_HEAPS; i++)
		if (i != first && heap_at(i)->name[0] != '\0' && !malloc_heap_is_external(heap_at(i)))
			ids[n++] = i;
	return n;
}

/* Sizes the heap code works with: cache-line multiples, sane bounds.
 * Returns 0, -EINVAL or -ENOMEM (too large for any heap). */
static int normalize_request(size_t *size, size_t *align, size_t bound)
{
	if (*align == 0)
		*align = 1;
	if (!rte_is_power_of_2((uint32_t)*align) || *align > (1UL << 31) ||
	    (bound != 0 && (!RTE_IS_POWER_OF_2(bound) || bound < *size)))
		return -EINVAL;
	if (*size > MALLOC_MAX_SIZE)
		return -ENOMEM;
	*size = RTE_CACHE_LINE_ROUNDUP(*size);
	if (*size == 0)
		*size = RTE_CACHE_LINE_SIZE;
	*align = RTE_CACHE_LINE_ROUNDUP(*align);
	if (bound != 0 && bound < *size)
		return -EINVAL;
	return 0;
}

/* --- allocation from memory the heap already has ------------------------ */

/*
 * Heap locked: a free element that can hold the request, or NULL.
 *
 * A request with no page-size flags and no bound or IOVA contiguity is
 * served in O(1): any element of size + overhead + (align - a cache line)
 * bytes holds it, and the index finds the smallest list whose elements are
 * all that large (its first element is taken). If there is none, the
 * request may still fit an element of a smaller list, so the lists from
 * the request's own size up are walked: for plain requests these are the
 * request's own list and (with a large alignment) those up to size + align,
 * all emptier than the ones that failed. Bound, IOVA-contiguous and
 * page-size requests may be refused by an element of any size, so they walk
 * every list from their size up, as first-fit did: at worst every free
 * element at least as large as the request.
 */
static struct malloc_elem *find_suitable_element(struct malloc_heap *heap, size_t size,
						 unsigned int flags, size_t align, size_t bound,
						 bool contig)
{
	const size_t need = size + MALLOC_ELEM_OVERHEAD;
	struct malloc_elem *elem, *alt = NULL;
	int idx;

	if (bound == 0 && !contig && (flags & pgsz_flag_mask()) == 0) {
		const size_t sure = need + align - RTE_CACHE_LINE_SIZE;

		/* The first element of the request's own list first, if it is
		 * large enough: a block freed or left over at this size is
		 * reused before a larger element is split. */
		elem = LIST_FIRST(&heap->free_head[malloc_elem_free_list_index(need)]);
		if (elem != NULL && elem->size >= sure)
			return elem;
		idx = malloc_elem_free_list_fit(heap, sure);
		if (idx >= 0)
			return LIST_FIRST(&heap->free_head[idx]);
	}
	for (idx = malloc_elem_free_list_next(heap, malloc_elem_free_list_index(need)); idx >= 0;
	     idx = malloc_elem_free_list_next(heap, (size_t)idx + 1)) {
		LIST_FOREACH(elem, &heap->free_head[idx], free_list)
		{
			if (!malloc_elem_can_hold(elem, size, align, bound, contig))
				continue;
			if (pgsz_wanted(flags, elem->msl->page_sz))
				return elem;
			if (alt == NULL)
				alt = elem;
		}
	}
	return (flags & RTE_MEMZONE_SIZE_HINT_ONLY) ? alt : NULL;
}

/* Heap locked. Returns the data pointer or NULL; dirty as in malloc_elem_alloc. */
static void *heap_alloc_on(struct malloc_heap *heap, size_t size, unsigned int flags,
			   size_t align, size_t bound, bool contig, struct malloc_dirty *dirty)
{
	struct malloc_elem *elem = find_suitable_element(heap, size, flags, align, bound, contig);

	if (elem == NULL)
		return NULL;
	elem = malloc_elem_alloc(elem, size, align, bound, contig, dirty);
	heap->alloc_count++;
	return RTE_PTR_ADD(elem, MALLOC_ELEM_HEADER_LEN);
}

/*
 * Pages fresh from the HAL are zero (the kernel clears hugepages, the sim
 * maps new memory); one marked DIRTY may hold what a previous user left.
 */
static bool pages_dirty(const struct rte_memseg_list *msl, void *start, size_t len)
{
	for (size_t off = 0; off < len; off += msl->page_sz) {
		const struct rte_memseg *ms = rte_mem_virt2memseg(RTE_PTR_ADD(start, off), msl);

		if (ms == NULL || (ms->flags & RTE_MEMSEG_FLAG_DIRTY))
			return true;
	}
	return false;
}

struct malloc_elem *malloc_heap_add_memory(struct malloc_heap *heap, struct rte_memseg_list *msl,
					   void *start, size_t len)
{
	struct malloc_elem *elem = start;

	malloc_elem_init(elem, heap, msl, len, elem, len);
	/* The application's memory may hold anything. */
	if (msl->external || pages_dirty(msl, start, len))
		malloc_elem_mark_dirty(elem);
	malloc_elem_insert(elem);
	elem = malloc_elem_join_adjacent_free(elem);
	heap->total_size += len;
	return elem;
}

/* --- growing ------------------------------------------------------------ */

/* Distinct page sizes of the socket's memseg lists, smallest first. */
static int socket_page_sizes(int socket, uint64_t sizes[RTE_MAX_MEMSEG_LISTS])
{
	struct rte_mem_config *mcfg = eal_mcfg();
	int n = 0;

	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const struct rte_memseg_list *msl = &mcfg->memsegs[i];
		int j;

		if (msl->base_va == NULL || msl->external || msl->socket_id != socket)
			continue;
		for (j = 0; j < n && sizes[j] != msl->page_sz; j++)
			;
		if (j < n)
			continue;
		for (j = n++; j > 0 && sizes[j - 1] > msl->page_sz; j--)
			sizes[j] = sizes[j - 1];
		sizes[j] = msl->page_sz;
	}
	return n;
}

/*
 * Hotplug lock (write) and heap lock held. Map enough pages of pg_sz to
 * hold the request, add them and allocate from them. On any failure the
 * pages go back and the heap is as before.
 */
static void *try_expand_heap(struct malloc_heap *heap, uint64_t pg_sz, size_t size,
			     unsigned int flags, size_t align, size_t bound, bool contig,
			     struct malloc_dirty *dirty)
{
	/* With a bound the data may have to sit below a bound boundary that
	 * falls in the new memory, so ask for room for two tries. */
	size_t need = bound != 0 ? 2 * (size + align) + MALLOC_ELEM_OVERHEAD
				 : size + align + MALLOC_ELEM_OVERHEAD;
	size_t alloc_sz = RTE_ALIGN_CEIL(need, (size_t)pg_sz);
	size_t n_segs = alloc_sz / pg_sz;
	struct rte_memseg_list *msl;
	struct rte_memseg **ms;
	struct malloc_elem *elem;
	void *start, *ret;

	if (n_segs > RTE_MAX_MEMSEG_PER_LIST)
		return NULL;
	/* Asked before any page is mapped, so a refusal costs nothing. */
	if (eal_mem_alloc_validate((int)heap->socket_id, heap->total_size + alloc_sz) < 0) {
		RTE_LOG(DEBUG, MALLOC, "a validator refused growing heap %u to %zu bytes\n",
			heap->socket_id, heap->total_size + alloc_sz);
		return NULL;
	}
	ms = calloc(n_segs, sizeof(*ms));
	if (ms == NULL)
		return NULL;
	if (eal_memalloc_alloc_seg_bulk(ms, (int)n_segs, pg_sz, (int)heap->socket_id, true) !=
	    (int)n_segs) {
		free(ms);
		return NULL;
	}
	if (!eal_dma_mask_fits(ms, (int)n_segs)) {
		RTE_LOG(DEBUG, MALLOC, "new pages are beyond the DMA mask\n");
		eal_memalloc_free_seg_bulk(ms, (int)n_segs);
		free(ms);
		return NULL;
	}
	start = ms[0]->addr;
	msl = rte_mem_virt2memseg_list(start);
	for (size_t i = 0; i < n_segs; i++) {
		if (ms[i]->addr != RTE_PTR_ADD(start, i * pg_sz) || msl == NULL) {
			RTE_LOG(ERR, MALLOC, "new pages are not VA-contiguous\n");
			eal_memalloc_free_seg_bulk(ms, (int)n_segs);
			free(ms);
			return NULL;
		}
	}

	elem = malloc_heap_add_memory(heap, msl, start, alloc_sz);
	ret = heap_alloc_on(heap, size, flags, align, bound, contig, dirty);
	if (ret == NULL) {
		/* e.g. the new pages are not IOVA-contiguous: undo it all */
		malloc_elem_free_list_remove(elem);
		malloc_elem_hide_region(elem, start, alloc_sz);
		heap->total_size -= alloc_sz;
		eal_memalloc_free_seg_bulk(ms, (int)n_segs);
	} else {
		heap->runtime_pages += (unsigned int)n_segs;
		/* Only growth that stays is news: a rollback above unmaps pages
		 * nobody heard of. */
		eal_mem_event_notify(RTE_MEM_EVENT_ALLOC, start, alloc_sz);
	}
	free(ms);
	return ret;
}

/* Hotplug lock (write) held: allocate on one heap, growing it if needed. */
static void *heap_alloc_growing(struct malloc_heap *heap, size_t size, unsigned int flags,
				size_t align, size_t bound, bool contig, struct malloc_dirty *dirty)
{
	uint64_t sizes[RTE_MAX_MEMSEG_LISTS];
	int n = socket_page_sizes((int)heap->socket_id, sizes);
	void *ret;

	if (malloc_heap_lock(heap) != 0) {
		malloc_heap_unlock(heap);
		return NULL;
	}
	ret = heap_alloc_on(heap, size, flags, align, bound, contig, dirty);
	/* Page sizes the flags ask for first; the others only as a hint. */
	for (int pass = 0; pass < 2 && ret == NULL; pass++) {
		if (pass == 1 && !(flags & RTE_MEMZONE_SIZE_HINT_ONLY))
			break;
		for (int i = 0; i < n && ret == NULL; i++)
			if (pgsz_wanted(flags, sizes[i]) == (pass == 0))
				ret = try_expand_heap(heap, sizes[i], size, flags, align, bound,
						      contig, dirty);
	}
	malloc_heap_unlock(heap);
	return ret;
}

static int alloc_existing(void **out, size_t size, int socket, unsigned int flags, size_t align,
			  size_t bound, bool contig, struct malloc_dirty *dirty)
{
	struct malloc_heap *heap;
	int id, ret;

	ret = normalize_request(&size, &align, bound);
	if (ret < 0)
		return ret;
	/* Only the first heap: for SOCKET_ID_ANY the local heap may still grow
	 * before another socket's memory is used. */
	id = heap_first(socket);
	if (id < 0)
		return id;
	heap = heap_at(id);
	if (malloc_heap_lock(heap) != 0) {
		malloc_heap_unlock(heap);
		return -ENOTRECOVERABLE;
	}
	*out = heap_alloc_on(heap, size, flags, align, bound, contig, dirty);
	malloc_heap_unlock(heap);
	return *out != NULL ? 0 : -ENOMEM;
}

static int alloc_grow_locked(void **out, size_t size, int socket, unsigned int flags,
			     size_t align, size_t bound, bool contig, struct malloc_dirty *dirty)
{
	int ids[RTE_MAX_HEAPS];
	int n, err = -ENOMEM;

	n = normalize_request(&size, &align, bound);
	if (n == 0)
		n = heap_order(socket, ids);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		*out = heap_alloc_growing(heap_at(ids[i]), size, flags, align, bound, contig,
					  dirty);
		if (*out != NULL)
			return 0;
		if (heap_at(ids[i])->failed)
			err = -ENOTRECOVERABLE;
	}
	return err;
}

int malloc_heap_alloc_existing(void **out, size_t size, int socket, unsigned int flags,
			       size_t align, size_t bound, bool contig)
{
	return alloc_existing(out, size, socket, flags, align, bound, contig, NULL);
}

int malloc_heap_alloc_grow_locked(void **out, size_t size, int socket, unsigned int flags,
				  size_t align, size_t bound, bool contig)
{
	return alloc_grow_locked(out, size, socket, flags, align, bound, contig, NULL);
}

int malloc_heap_alloc(void **out, size_t size, int socket, unsigned int flags, size_t align,
		      size_t bound, bool contig, struct malloc_dirty *dirty)
{
	int ret = alloc_existing(out, size, socket, flags, align, bound, contig, dirty);

	if (ret != -ENOMEM)
		return ret;
	rte_mcfg_mem_write_lock();
	ret = alloc_grow_locked(out, size, socket, flags, align, bound, contig, dirty);
	rte_mcfg_mem_write_unlock();
	return ret;
}

/* Heap locked: the biggest data size any free element gives, and which. */
static size_t heap_biggest(struct malloc_heap *heap, unsigned int flags, size_t align,
			   bool contig, struct malloc_elem **where)
{
	struct malloc_elem *elem;
	size_t best = 0;

	for (int idx = malloc_elem_free_list_next(heap, 0); idx >= 0;
	     idx = malloc_elem_free_list_next(heap, (size_t)idx + 1)) {
		LIST_FOREACH(elem, &heap->free_head[idx], free_list)
		{
			size_t sz;

			if (!pgsz_wanted(flags, elem->msl->page_sz))
				continue;
			sz = malloc_elem_find_max_data(elem, align, contig);
			if (sz > best) {
				best = sz;
				if (where != NULL)
					*where = elem;
			}
		}
	}
	return best;
}

int malloc_heap_alloc_biggest(void **out, int socket, unsigned int flags, size_t align,
			      bool contig)
{
	int ids[RTE_MAX_HEAPS];
	struct malloc_elem *elem = NULL;
	struct malloc_heap *heap;
	size_t best = 0, size = 0;
	int n, best_id = -1, err = -ENOMEM;

	n = normalize_request(&size, &align, 0);
	if (n == 0)
		n = heap_order(socket, ids);
	if (n < 0)
		return n;
	for (int pass = 0; pass < 2 && best_id < 0; pass++) {
		if (pass == 1) {
			if (!(flags & RTE_MEMZONE_SIZE_HINT_ONLY))
				break;
			flags &= ~pgsz_flag_mask();
		}
		for (int i = 0; i < n; i++) {
			heap = heap_at(ids[i]);
			if (malloc_heap_lock(heap) == 0)
				size = heap_biggest(heap, flags, align, contig, NULL);
			else
				size = 0, err = -ENOTRECOVERABLE;
			malloc_heap_unlock(heap);
			if (size > best) {
				best = size;
				best_id = ids[i];
			}
		}
	}
	if (best_id < 0)
		return err;
	/* Look again under the lock: another thread may have been quicker. */
	heap = heap_at(best_id);
	if (malloc_heap_lock(heap) != 0)
		size = 0, err = -ENOTRECOVERABLE;
	else
		size = heap_biggest(heap, flags, align, contig, &elem);
	if (size == 0) {
		malloc_heap_unlock(heap);
		return err;
	}
	elem = malloc_elem_alloc(elem, size, align, 0, contig, NULL);
	heap->alloc_count++;
	malloc_heap_unlock(heap);
	*out = RTE_PTR_ADD(elem, MALLOC_ELEM_HEADER_LEN);
	return 0;
}

/* --- checking user pointers --------------------------------------------- */

static bool is_heap(const struct malloc_heap *heap)
{
	const struct malloc_heap *heaps = eal_mcfg()->malloc_heaps;

	return heap >= heaps && heap < heaps + RTE_MAX_HEAPS &&
	       (RTE_PTR_DIFF(heap, heaps) % sizeof(*heap)) == 0 && heap->name[0] != '\0';
}

/*
 * Does [start, start+len) lie in the page of hdr, already known mapped? Then
 * it needs no second look at the page mask, whose lock costs two atomic
 * operations: a third of what rte_free of a small block cost.
 */
static bool same_page(const struct rte_memseg_list *msl, const void *hdr, const void *start,
		      size_t len)
{
	const uintptr_t mask = ~((uintptr_t)msl->page_sz - 1);
	const uintptr_t page = (uintptr_t)hdr & mask;

	return ((uintptr_t)start & mask) == page &&
	       (((uintptr_t)start + len - 1) & mask) == page;
}

struct malloc_elem *malloc_heap_elem_of(const void *ptr, const char *caller)
{
	struct rte_memseg_list *msl;
	struct malloc_elem *hdr, *elem;

	if (eal_mcfg() == NULL) {
		RTE_LOG(ERR, MALLOC, "%s(%p): EAL is not initialised\n", caller, ptr);
		return NULL;
	}
	hdr = RTE_PTR_SUB(ptr, MALLOC_ELEM_HEADER_LEN);
	msl = rte_mem_virt2memseg_list(hdr);
	/* External memory is the heap's only when an external heap owns it. */
	if (msl == NULL || (msl->external && !msl->heap) ||
	    !rte_is_aligned(ptr, RTE_CACHE_LINE_SIZE) ||
	    !eal_memseg_range_mapped(msl, hdr, MALLOC_ELEM_HEADER_LEN)) {
		RTE_LOG(ERR, MALLOC, "%s(%p): not memory from rte_malloc\n", caller, ptr);
		return NULL;
	}
	elem = hdr;
	if (hdr->state == ELEM_PAD) {
		if (hdr->pad == 0 || hdr->pad % RTE_CACHE_LINE_SIZE != 0 ||
		    hdr->pad > RTE_PTR_DIFF(hdr, msl->base_va))
			goto corrupt;
		elem = RTE_PTR_SUB(hdr, hdr->pad);
		if (!same_page(msl, hdr, elem, MALLOC_ELEM_HEADER_LEN) &&
		    !eal_memseg_range_mapped(msl, elem, MALLOC_ELEM_HEADER_LEN))
			goto corrupt;
	}
	if (elem->state == ELEM_FREE) {
		RTE_LOG(ERR, MALLOC, "%s(%p): memory is already free (double free?)\n", caller, ptr);
		return NULL;
	}
	if (elem->state != ELEM_BUSY || !is_heap(elem->heap) || elem->msl != msl ||
	    elem->pad != (elem == hdr ? 0 : hdr->pad) ||
	    elem->size < elem->pad + MALLOC_ELEM_OVERHEAD ||
	    elem->size > msl->len - RTE_PTR_DIFF(elem, msl->base_va) ||
	    !(same_page(msl, hdr, elem, elem->size) ||
	      eal_memseg_range_mapped(msl, elem, elem->size)))
		goto corrupt;
	if (!malloc_elem_cookies_ok(elem)) {
		RTE_LOG(ERR, MALLOC, "%s(%p): header or trailer cookie overwritten (overrun?)\n",
			caller, ptr);
		return NULL;
	}
	return elem;
corrupt:
	RTE_LOG(ERR, MALLOC, "%s(%p): no valid element header (corrupted or freed)\n", caller,
		ptr);
	return NULL;
}

/* --- freeing and giving pages back --------------------------------------- */

static bool page_freeable(const struct rte_memseg_list *msl, uintptr_t va)
{
	const struct rte_memseg *ms = rte_mem_virt2memseg((void *)va, msl);

	return ms != NULL && !(ms->flags & RTE_MEMSEG_FLAG_DO_NOT_FREE);
}

/* Does free elem cover at least one whole page? */
static bool covers_a_page(const struct malloc_elem *elem)
{
	uintptr_t pg_sz = elem->msl->page_sz;
	uintptr_t start = RTE_ALIGN_CEIL((uintptr_t)elem, pg_sz);
	uintptr_t end = RTE_ALIGN_FLOOR((uintptr_t)elem + elem->size, pg_sz);

	return !elem->msl->external && end > start;
}

/*
 * Hotplug lock (write) and heap lock held; elem is free. Unmap runs of whole
 * runtime-allocated pages inside elem, highest first, until the heap holds
 * at most retain bytes of free memory, keeping what is left below and above
 * each run as free elements (when a leftover would be too small for an
 * element, the run gives up its edge page instead). Free memory counts
 * every free byte, so the free pages kept are fewer than retain bytes.
 */
static int heap_release_pages(struct malloc_heap *heap, struct malloc_elem *elem, size_t retain)
{
	struct rte_memseg_list *msl = elem->msl;
	const uintptr_t pg_sz = msl->page_sz;
	const uintptr_t lowest = RTE_ALIGN_CEIL((uintptr_t)elem, pg_sz);
	uintptr_t limit = RTE_ALIGN_FLOOR((uintptr_t)elem + elem->size, pg_sz);
	int err;

	while (limit > lowest && heap->free_size > retain) {
		const uintptr_t excess = RTE_ALIGN_CEIL(heap->free_size - retain, pg_sz);
		uintptr_t s = (uintptr_t)elem, e = s + elem->size;
		uintptr_t rs, re = limit, va;

		while (re > lowest && !page_freeable(msl, re - pg_sz))
			re -= pg_sz;
		if (re <= lowest)
			break;
		rs = re - pg_sz;
		while (rs > lowest && page_freeable(msl, rs - pg_sz))
			rs -= pg_sz;
		limit = rs;
		if (re - rs > excess)
			rs = re - excess; /* the pages below stay, retained */

		if (e > re && e - re < MALLOC_ELEM_MIN_SPLIT)
			re -= pg_sz;
		if (rs > s && rs - s < MALLOC_ELEM_MIN_SPLIT)
			rs += pg_sz;
		if (re <= rs)
			continue;

		malloc_elem_free_list_remove(elem);
		malloc_elem_hide_region(elem, (void *)rs, re - rs);
		heap->total_size -= re - rs;
		eal_mem_event_notify(RTE_MEM_EVENT_FREE, (void *)rs, re - rs);
		for (va = rs; va < re; va += pg_sz) {
			struct rte_memseg *ms = rte_mem_virt2memseg((void *)va, msl);

			err = ms == NULL ? -EFAULT : eal_memalloc_free_seg(ms);
			if (err < 0)
				break;
			heap->runtime_pages--;
		}
		if (va < re) {
			/* The HAL could not unmap a page: it and those above it
			 * in the run are still mapped, so they go back into the
			 * heap as free memory (not zero: it was used), and
			 * nothing more is released now; a later free or trim
			 * tries again. */
			struct malloc_elem *back;

			RTE_LOG(ERR, MALLOC, "cannot unmap the page at 0x%" PRIxPTR "; %zu bytes "
				"stay in heap %s\n", va, (size_t)(re - va), heap->name);
			back = malloc_heap_add_memory(heap, msl, (void *)va, re - va);
			malloc_elem_mark_dirty(back);
			eal_mem_event_notify(RTE_MEM_EVENT_ALLOC, (void *)va, re - va);
			return err;
		}
		if (rs == s)
			break; /* nothing of elem is left below the run */
	}
	return 0;
}

/* Should freeing leave free elem's pages to heap_release_pages? */
static bool may_release(const struct malloc_heap *heap, const struct malloc_elem *elem)
{
	return heap->runtime_pages != 0 && heap->free_size > heap->retain_bytes &&
	       covers_a_page(elem);
}

int malloc_heap_trim_locked(struct malloc_heap *heap, size_t retain)
{
	struct malloc_elem *elem, *next;
	int ret = 0;

	/* Highest first, as one rte_free would: the lowest pages stay. The
	 * element a failed unmap gave back its pages to is not tried again
	 * (next is below it), but lower ones still are. */
	for (elem = heap->last; elem != NULL && heap->runtime_pages != 0; elem = next) {
		next = elem->prev;
		if (elem->state == ELEM_FREE && covers_a_page(elem)) {
			int err = heap_release_pages(heap, elem, retain);

			if (err < 0 && ret == 0)
				ret = err;
		}
	}
	return ret;
}

struct malloc_heap *malloc_heap_of_list(const struct rte_memseg_list *msl)
{
	int id = msl->external ? -1 : malloc_socket_to_heap_id(msl->socket_id);

	return id < 0 ? NULL : heap_at(id);
}

bool malloc_heap_covers(const struct malloc_heap *heap, const void *va, size_t len)
{
	const void *end = RTE_PTR_ADD(va, len);

	/* Elements are in address order: stop at the first past the range. */
	for (const struct malloc_elem *elem = heap->first; elem != NULL && (const void *)elem < end;
	     elem = elem->next)
		if (RTE_PTR_ADD(elem, elem->size) > va)
			return true;
	return false;
}

/* Heap locked: the free element holding addr, or NULL. */
static struct malloc_elem *find_free_elem_at(struct malloc_heap *heap, const void *addr)
{
	for (struct malloc_elem *elem = heap->first; elem != NULL; elem = elem->next)
		if ((const void *)elem <= addr && addr < RTE_PTR_ADD(elem, elem->size))
			return elem->state == ELEM_FREE ? elem : NULL;
	return NULL;
}

void malloc_heap_free(struct malloc_elem *elem, bool release_pages)
{
	struct malloc_heap *heap = elem->heap;
	const void *addr = elem;

	if (malloc_heap_lock(heap) != 0) {
		malloc_heap_unlock(heap);
		RTE_LOG(ERR, MALLOC, "rte_free(%p): heap %s is failed; block not freed\n",
			malloc_elem_data(elem), heap->name);
		return;
	}
	if (elem->state != ELEM_BUSY) {
		malloc_heap_unlock(heap);
		RTE_LOG(ERR, MALLOC, "rte_free(%p): memory is already free\n",
			malloc_elem_data(elem));
		return;
	}
	heap->alloc_count--;
	elem = malloc_elem_free(elem);
	/* With all memory preallocated there is nothing to give back, and with
	 * no more free memory than the heap retains nothing to give back yet:
	 * skip the page-by-page search, which costs ~30 cycles per page of the
	 * element, and the hotplug lock. */
	if (!release_pages || !may_release(heap, elem)) {
		malloc_heap_unlock(heap);
		return;
	}
	/* Pages to give back: that needs the hotplug lock, which comes before
	 * the heap lock. Take it right away if it is free, else queue for it
	 * and look for the (possibly changed) free element again. */
	if (eal_mcfg_mem_write_trylock() == 0) {
		heap_release_pages(heap, elem, heap->retain_bytes);
		malloc_heap_unlock(heap);
		rte_mcfg_mem_write_unlock();
		return;
	}
	malloc_heap_unlock(heap);
	rte_mcfg_mem_write_lock();
	if (malloc_heap_lock(heap) == 0) {
		elem = find_free_elem_at(heap, addr);
		if (elem != NULL && may_release(heap, elem))
			heap_release_pages(heap, elem, heap->retain_bytes);
	}
	malloc_heap_unlock(heap);
	rte_mcfg_mem_write_unlock();
}

int malloc_heap_resize(struct malloc_elem *elem, size_t size)
{
	struct malloc_heap *heap = elem->heap;
	int ret;

	if (size > MALLOC_MAX_SIZE)
		return -ENOMEM;
	size = RTE_CACHE_LINE_ROUNDUP(size);
	ret = malloc_heap_lock(heap) == 0 ? malloc_elem_resize(elem, size) : -ENOTRECOVERABLE;
	malloc_heap_unlock(heap);
	return ret;
}

/* --- start-up and shutdown ------------------------------------------------ */

int malloc_heap_init(void)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	if (rte_config.process_type == RTE_PROC_SECONDARY)
		return 0; /* the primary's heaps are already in the shared config */

	/* mcfg_create gave a zeroed config: every heap is empty and unlocked,
	 * and a zero list head is an empty list (LIST_INIT stores NULL). */
	for (unsigned int s = 0; s < rte_config.numa_node_count && s < RTE_MAX_HEAPS; s++) {
		struct malloc_heap *heap = &mcfg->malloc_heaps[s];

		uint64_t sizes[RTE_MAX_MEMSEG_LISTS];
		int n;

		heap->socket_id = rte_config.numa_nodes[s];
		/* Keep at least one hugepage mapped once an empty heap grew:
		 * otherwise every malloc+free on it maps and unmaps a page. */
		n = socket_page_sizes((int)heap->socket_id, sizes);
		heap->retain_bytes = RTE_MAX((size_t)RTE_PGSIZE_2M, n > 0 ? (size_t)sizes[n - 1] : 0);
		snprintf(heap->name, sizeof(heap->name), "socket_%u", heap->socket_id);
	}

	/* Pages mapped at start-up: each VA-contiguous run becomes one element. */
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];
		int idx, heap_id;

		/* nobody else runs yet: the count is exact, and searching an
		 * empty list only takes its lock */
		if (msl->base_va == NULL || msl->external || msl->memseg_arr.count == 0)
			continue;
		idx = rte_fbarray_find_next_used(&msl->memseg_arr, 0);
		if (idx < 0)
			continue;
		heap_id = malloc_socket_to_heap_id(msl->socket_id);
		if (heap_id < 0) {
			RTE_LOG(ERR, MALLOC, "no heap for socket %d\n", msl->socket_id);
			return -ENODEV;
		}
		while (idx >= 0) {
			int n = rte_fbarray_find_contig_used(&msl->memseg_arr, (unsigned int)idx);
			struct malloc_heap *heap = &mcfg->malloc_heaps[heap_id];

			malloc_heap_lock(heap); /* nobody else runs yet: cannot fail */
			malloc_heap_add_memory(heap, msl, RTE_PTR_ADD(msl->base_va, (size_t)idx * msl->page_sz),
					(size_t)n * msl->page_sz);
			malloc_heap_unlock(heap);
			idx = rte_fbarray_find_next_used(&msl->memseg_arr, (unsigned int)(idx + n));
		}
	}
	return 0;
}

void malloc_heap_cleanup(void)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	if (mcfg == NULL || rte_config.process_type == RTE_PROC_SECONDARY)
		return;
	rte_mcfg_mem_write_lock();
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];
		int idx;

		/* Only this process maps pages, under the lock held: the count
		 * is exact. */
		if (msl->base_va == NULL || msl->external || msl->memseg_arr.count == 0)
			continue;
		idx = rte_fbarray_find_next_used(&msl->memseg_arr, 0);
		while (idx >= 0) {
			struct rte_memseg *ms = rte_fbarray_get(&msl->memseg_arr, (unsigned int)idx);

			if (!(ms->flags & RTE_MEMSEG_FLAG_DO_NOT_FREE))
				eal_memalloc_free_seg(ms);
			idx = rte_fbarray_find_next_used(&msl->memseg_arr, (unsigned int)idx + 1);
		}
	}
	rte_mcfg_mem_write_unlock();
	/* The heaps are left as they are: the config is unmapped next, and a
	 * new one starts zeroed (mcfg_create). Clearing them, or only looking
	 * at each one's name, faulted in a page per heap slot, 32 of them. */
}
