/* SPDX-License-Identifier: BSD-3-Clause
 * The rte_malloc API on top of the heaps (malloc_heap.c); the named
 * external heaps are managed in malloc_heap_ext.c.
 */
#include <errno.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "eal_private.h"
#include "malloc_elem.h"
#include "malloc_heap.h"

static bool bad_align(unsigned int align)
{
	return align != 0 && !rte_is_power_of_2(align);
}

/* dirty: see malloc_heap_alloc. 0 or -errno. */
static int heap_alloc(void **out, size_t size, unsigned int align, int socket,
		      struct malloc_dirty *dirty)
{
	if (size == 0 || bad_align(align) || socket < SOCKET_ID_ANY)
		return -EINVAL;
	return malloc_heap_alloc(out, size, socket, 0, align == 0 ? 1 : align, 0, false, dirty);
}

void *rte_malloc_socket(const char *type, size_t size, unsigned align, int socket)
{
	void *ptr = NULL;
	int ret;

	RTE_SET_USED(type);
	ret = heap_alloc(&ptr, size, align, socket, NULL);
	if (ret < 0) {
		rte_errno = -ret;
		return NULL;
	}
	return ptr;
}

void *rte_malloc(const char *type, size_t size, unsigned align)
{
	return rte_malloc_socket(type, size, align, SOCKET_ID_ANY);
}

void *rte_zmalloc_socket(const char *type, size_t size, unsigned align, int socket)
{
	struct malloc_dirty dirty = { NULL, 0 };
	void *ptr = NULL;
	int ret;

	RTE_SET_USED(type);
	ret = heap_alloc(&ptr, size, align, socket, &dirty);
	if (ret < 0) {
		rte_errno = -ret;
		return NULL;
	}
	/* Only what the heap does not know to be zero (malloc_elem.h); outside
	 * the heap lock, as the block is ours now. */
	if (dirty.len != 0)
		memset(dirty.start, 0, dirty.len);
	return ptr;
}

void *rte_zmalloc(const char *type, size_t size, unsigned align)
{
	return rte_zmalloc_socket(type, size, align, SOCKET_ID_ANY);
}

void *rte_calloc_socket(const char *type, size_t num, size_t size, unsigned align, int socket)
{
	size_t total;

	if (__builtin_mul_overflow(num, size, &total)) {
		rte_errno = ENOMEM;
		return NULL;
	}
	return rte_zmalloc_socket(type, total, align, socket);
}

void *rte_calloc(const char *type, size_t num, size_t size, unsigned align)
{
	return rte_calloc_socket(type, num, size, align, SOCKET_ID_ANY);
}

void rte_free(void *ptr)
{
	struct malloc_elem *elem;

	if (ptr == NULL)
		return;
	elem = malloc_heap_elem_of(ptr, "rte_free");
	if (elem != NULL)
		malloc_heap_free(elem, true);
}

void *rte_realloc_socket(void *ptr, size_t size, unsigned int align, int socket)
{
	struct malloc_elem *elem;
	size_t old_size;
	void *new_ptr;

	if (ptr == NULL)
		return rte_malloc_socket(NULL, size, align, socket);
	/* As in DPDK, size 0 shrinks the block (to its smallest) and keeps it. */
	if (size == 0)
		size = 1;
	if (bad_align(align) || socket < SOCKET_ID_ANY) {
		rte_errno = EINVAL;
		return NULL;
	}
	elem = malloc_heap_elem_of(ptr, "rte_realloc");
	if (elem == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	/* In place if the socket and alignment already fit and there is room. */
	if ((socket == SOCKET_ID_ANY || (unsigned int)socket == elem->heap->socket_id) &&
	    rte_is_aligned(ptr, align == 0 ? 1 : align) && malloc_heap_resize(elem, size) == 0)
		return ptr;

	new_ptr = rte_malloc_socket(NULL, size, align, socket);
	if (new_ptr == NULL)
		return NULL;
	old_size = malloc_elem_data_size(elem);
	memcpy(new_ptr, ptr, RTE_MIN(old_size, size));
	rte_free(ptr);
	return new_ptr;
}

void *rte_realloc(void *ptr, size_t size, unsigned int align)
{
	return rte_realloc_socket(ptr, size, align, SOCKET_ID_ANY);
}

int rte_malloc_validate(const void *ptr, size_t *size)
{
	const struct malloc_elem *elem;

	if (ptr == NULL)
		return -1;
	elem = malloc_heap_elem_of(ptr, "rte_malloc_validate");
	if (elem == NULL)
		return -1;
	if (size != NULL)
		*size = malloc_elem_data_size(elem);
	return 0;
}

int rte_malloc_get_socket_stats(int socket, struct rte_malloc_socket_stats *socket_stats)
{
	int heap_id = malloc_socket_to_heap_id(socket);

	if (heap_id < 0 || socket_stats == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	malloc_heap_get_stats(&eal_mcfg()->malloc_heaps[heap_id], socket_stats);
	return 0;
}

void rte_malloc_dump_stats(FILE *f, const char *type)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	RTE_SET_USED(type);
	if (mcfg == NULL)
		return;
	for (int i = 0; i < RTE_MAX_HEAPS; i++) {
		struct malloc_heap *heap = &mcfg->malloc_heaps[i];
		struct rte_malloc_socket_stats st;

		if (heap->name[0] == '\0')
			continue;
		malloc_heap_get_stats(heap, &st);
		fprintf(f, "Heap id:%d (%s, socket %u)\n", i, heap->name, heap->socket_id);
		fprintf(f, "\tHeap_size:%zu,\n", st.heap_totalsz_bytes);
		fprintf(f, "\tFree_size:%zu,\n", st.heap_freesz_bytes);
		fprintf(f, "\tAlloc_size:%zu,\n", st.heap_allocsz_bytes);
		fprintf(f, "\tGreatest_free_size:%zu,\n", st.greatest_free_size);
		fprintf(f, "\tAlloc_count:%u,\n", st.alloc_count);
		fprintf(f, "\tFree_count:%u,\n", st.free_count);
	}
}

void rte_malloc_dump_heaps(FILE *f)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	if (mcfg == NULL)
		return;
	for (int i = 0; i < RTE_MAX_HEAPS; i++)
		if (mcfg->malloc_heaps[i].name[0] != '\0')
			malloc_heap_dump(&mcfg->malloc_heaps[i], f);
}

rte_iova_t rte_malloc_virt2iova(const void *addr)
{
	const struct rte_memseg *ms = addr == NULL ? NULL : rte_mem_virt2memseg(addr, NULL);

	/* External heap memory added without IOVAs has none, as in DPDK. */
	if (ms == NULL || ms->iova == RTE_BAD_IOVA)
		return RTE_BAD_IOVA;
	return rte_mem_virt2iova(addr);
}

int rtemem_malloc_heap_check(FILE *f)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	int bad = 0;

	if (mcfg == NULL)
		return -1;
	for (int i = 0; i < RTE_MAX_HEAPS; i++)
		if (mcfg->malloc_heaps[i].name[0] != '\0')
			bad += malloc_heap_check(&mcfg->malloc_heaps[i], f);
	return bad == 0 ? 0 : -1;
}
