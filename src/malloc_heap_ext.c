/* SPDX-License-Identifier: BSD-3-Clause
 * External malloc heaps (rte_malloc_heap_*): named heaps of memory the
 * application mapped itself. Each takes a free slot of malloc_heaps[] and
 * a socket id from RTE_MAX_NUMA_NODES up, shared with rte_extmem_register.
 * Every area added becomes an external memseg list with heap = 1
 * (eal_extmem.c) and one free element of the heap. Only requests naming
 * the heap's socket use it (malloc_heap.c: SOCKET_ID_ANY never does), and
 * it never grows or gives pages back: the memory stays the application's.
 *
 * Lock order as everywhere: hotplug lock (write to change lists and heaps,
 * read to attach), then the heap's lock. Each call checks everything it
 * can before it changes anything, so a failure leaves heaps and lists as
 * they were.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "eal_mem_event.h"
#include "eal_private.h"
#include "malloc_elem.h"
#include "malloc_heap.h"

static int public_result(int ret)
{
	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

static bool bad_name(const char *name)
{
	size_t n = name == NULL ? 0 : strnlen(name, RTE_HEAP_NAME_MAX_LEN);

	return n == 0 || n == RTE_HEAP_NAME_MAX_LEN;
}

/* Any hotplug lock held: the heap called name, or NULL. */
static struct malloc_heap *find_heap(const char *name)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	for (int i = 0; i < RTE_MAX_HEAPS; i++) {
		struct malloc_heap *heap = &mcfg->malloc_heaps[i];

		if (heap->name[0] != '\0' && strcmp(heap->name, name) == 0)
			return heap;
	}
	return NULL;
}

/* Any hotplug lock held: the external heap called name; -ENOENT, or
 * -EPERM for a socket heap (DPDK's "reserved" heaps). */
static int find_external(const char *name, struct malloc_heap **heap)
{
	*heap = find_heap(name);
	if (*heap == NULL)
		return -ENOENT;
	return malloc_heap_is_external(*heap) ? 0 : -EPERM;
}

/* The heap's list describing exactly [va, va + len); -ENOENT if none. */
static int find_area(const struct malloc_heap *heap, void *va, size_t len,
		     struct rte_memseg_list **msl)
{
	*msl = eal_extmem_find(va, len, true);
	if (*msl == NULL || (*msl)->socket_id != (int)heap->socket_id)
		return -ENOENT;
	return 0;
}

int rte_malloc_heap_get_socket(const char *name)
{
	struct malloc_heap *heap;
	int ret;

	if (name == NULL || eal_mcfg() == NULL || bad_name(name)) {
		rte_errno = EINVAL;
		return -1;
	}
	rte_mcfg_mem_read_lock();
	heap = find_heap(name);
	ret = heap != NULL ? (int)heap->socket_id : -1;
	rte_mcfg_mem_read_unlock();
	if (ret < 0)
		rte_errno = ENOENT;
	return ret;
}

int rte_malloc_heap_socket_is_external(int socket_id)
{
	int id;

	if (socket_id == SOCKET_ID_ANY)
		return 0;
	id = malloc_socket_to_heap_id(socket_id);
	if (id < 0) {
		rte_errno = EINVAL;
		return -1;
	}
	return malloc_heap_is_external(&eal_mcfg()->malloc_heaps[id]) ? 1 : 0;
}

/* Hotplug lock held for writing. */
static int heap_create(const char *name)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	struct malloc_heap *heap = NULL;

	if (find_heap(name) != NULL)
		return -EEXIST;
	for (int i = 0; i < RTE_MAX_HEAPS && heap == NULL; i++)
		if (mcfg->malloc_heaps[i].name[0] == '\0')
			heap = &mcfg->malloc_heaps[i];
	if (heap == NULL || mcfg->next_socket_id == INT32_MAX)
		return -ENOSPC;
	/* The slot is zero (never used, or cleared by destroy): empty lists,
	 * no memory, an unlocked lock, nothing retained. */
	heap->socket_id = (unsigned int)mcfg->next_socket_id++;
	strcpy(heap->name + 1, name + 1);
	/* Last: a non-empty name is what makes the heap visible to lookups
	 * that take no lock (malloc_socket_to_heap_id). */
	__atomic_store_n(&heap->name[0], name[0], __ATOMIC_RELEASE);
	return 0;
}

int rte_malloc_heap_create(const char *heap_name)
{
	int ret;

	if (bad_name(heap_name))
		return public_result(-EINVAL);
	if (eal_mcfg() == NULL)
		return public_result(-ENODEV);
	rte_mcfg_mem_write_lock();
	ret = heap_create(heap_name);
	rte_mcfg_mem_write_unlock();
	return public_result(ret);
}

/* Hotplug lock held for writing. */
static int heap_destroy(const char *name)
{
	struct malloc_heap *heap;
	int ret = find_external(name, &heap);

	if (ret < 0)
		return ret;
	if (malloc_heap_lock(heap) != 0) {
		malloc_heap_unlock(heap);
		return -ENOTRECOVERABLE;
	}
	if (heap->alloc_count != 0 || heap->total_size != 0 || heap->first != NULL) {
		malloc_heap_unlock(heap);
		return -EBUSY;
	}
	/* Zero but for the lock, as a slot never used, before unlocking: a
	 * thread that found the heap just before and waits for its lock then
	 * finds no memory in it, and the lock it waits on stays whole. */
	__atomic_store_n(&heap->name[0], '\0', __ATOMIC_RELEASE);
	memset(RTE_PTR_ADD(heap, offsetof(struct malloc_heap, failed)), 0,
	       sizeof(*heap) - offsetof(struct malloc_heap, failed));
	malloc_heap_unlock(heap);
	return 0;
}

int rte_malloc_heap_destroy(const char *heap_name)
{
	int ret;

	if (bad_name(heap_name))
		return public_result(-EINVAL);
	if (eal_mcfg() == NULL)
		return public_result(-ENODEV);
	rte_mcfg_mem_write_lock();
	ret = heap_destroy(heap_name);
	rte_mcfg_mem_write_unlock();
	return public_result(ret);
}

/* Hotplug lock held for writing. */
static int memory_add(const char *name, void *va, size_t len, const rte_iova_t *iovas,
		      size_t page_sz)
{
	struct rte_memseg_list *msl;
	struct malloc_heap *heap;
	int ret = find_external(name, &heap);

	if (ret < 0)
		return ret;
	ret = eal_extmem_create(va, len, iovas, page_sz, (int)heap->socket_id, &msl);
	if (ret < 0)
		return ret;
	if (malloc_heap_lock(heap) != 0) {
		malloc_heap_unlock(heap);
		eal_extmem_destroy(msl);
		return -ENOTRECOVERABLE;
	}
	malloc_heap_add_memory(heap, msl, va, len);
	malloc_heap_unlock(heap);
	eal_mem_event_notify(RTE_MEM_EVENT_ALLOC, va, len);
	return 0;
}

int rte_malloc_heap_memory_add(const char *heap_name, void *va_addr, size_t len,
			       rte_iova_t iova_addrs[], unsigned int n_pages, size_t page_sz)
{
	int ret;

	/* Pages of at least a cache line keep every element aligned, and the
	 * area must hold at least one element. */
	if (bad_name(heap_name) || !eal_extmem_args_ok(va_addr, len, iova_addrs, n_pages, page_sz) ||
	    page_sz < RTE_CACHE_LINE_SIZE || len < MALLOC_ELEM_MIN_SPLIT)
		return public_result(-EINVAL);
	if (eal_mcfg() == NULL)
		return public_result(-ENODEV);
	rte_mcfg_mem_write_lock();
	ret = memory_add(heap_name, va_addr, len, iova_addrs, page_sz);
	rte_mcfg_mem_write_unlock();
	return public_result(ret);
}

/* Hotplug lock held for writing. */
static int memory_remove(const char *name, void *va, size_t len)
{
	struct rte_memseg_list *msl = NULL; /* gcc -O1 cannot see find_area set it */
	struct malloc_heap *heap;
	struct malloc_elem *elem = va;
	int ret = find_external(name, &heap);

	if (ret == 0)
		ret = find_area(heap, va, len, &msl);
	if (ret < 0)
		return ret;
	if (malloc_heap_lock(heap) != 0) {
		malloc_heap_unlock(heap);
		return -ENOTRECOVERABLE;
	}
	/* The area went in as one element at its start; while nothing of it
	 * is allocated, it is that one free element again. */
	if (elem->state != ELEM_FREE || elem->size != len) {
		malloc_heap_unlock(heap);
		return -EBUSY;
	}
	malloc_elem_free_list_remove(elem);
	malloc_elem_hide_region(elem, va, len);
	heap->total_size -= len;
	malloc_heap_unlock(heap);
	eal_mem_event_notify(RTE_MEM_EVENT_FREE, va, len);
	eal_extmem_destroy(msl);
	return 0;
}

int rte_malloc_heap_memory_remove(const char *heap_name, void *va_addr, size_t len)
{
	int ret;

	if (bad_name(heap_name) || va_addr == NULL || len == 0)
		return public_result(-EINVAL);
	if (eal_mcfg() == NULL)
		return public_result(-ENODEV);
	rte_mcfg_mem_write_lock();
	ret = memory_remove(heap_name, va_addr, len);
	rte_mcfg_mem_write_unlock();
	return public_result(ret);
}

/*
 * Another process added the area: map (or unmap) its list's page table
 * here. The memory itself is the application's to map, at the same
 * address, before attaching.
 */
static int memory_sync(const char *name, void *va, size_t len, bool attach)
{
	struct rte_memseg_list *msl;
	struct malloc_heap *heap;
	int ret;

	if (bad_name(name) || va == NULL || len == 0)
		return public_result(-EINVAL);
	if (eal_mcfg() == NULL)
		return public_result(-ENODEV);
	rte_mcfg_mem_read_lock();
	ret = find_external(name, &heap);
	if (ret == 0)
		ret = find_area(heap, va, len, &msl);
	if (ret == 0)
		ret = eal_extmem_sync(msl, attach);
	rte_mcfg_mem_read_unlock();
	return public_result(ret);
}

int rte_malloc_heap_memory_attach(const char *heap_name, void *va_addr, size_t len)
{
	return memory_sync(heap_name, va_addr, len, true);
}

int rte_malloc_heap_memory_detach(const char *heap_name, void *va_addr, size_t len)
{
	return memory_sync(heap_name, va_addr, len, false);
}
