/* SPDX-License-Identifier: BSD-3-Clause
 * rte_malloc: allocations from the hugepage-backed heap of a NUMA socket.
 * Memory comes from the malloc heap of the requested socket (or of the
 * caller's socket first for SOCKET_ID_ANY); the heap maps more hugepages
 * when it runs short and gives whole free pages back on rte_free.
 */
#ifndef RTEMEM_RTE_MALLOC_H
#define RTEMEM_RTE_MALLOC_H

#include <stddef.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_memory.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What rte_malloc_get_socket_stats reports about one socket's heap. */
struct rte_malloc_socket_stats {
	size_t heap_totalsz_bytes; /* bytes the heap holds, headers included */
	size_t heap_freesz_bytes;  /* bytes in free elements */
	size_t greatest_free_size; /* size of the biggest free element */
	unsigned free_count;       /* free elements */
	unsigned alloc_count;      /* busy elements */
	size_t heap_allocsz_bytes; /* heap_totalsz_bytes - heap_freesz_bytes */
};

/*
 * align is 0 (cache line) or a power of two; size 0, a bad align or an
 * unknown socket give NULL with rte_errno EINVAL, no memory gives NULL with
 * rte_errno ENOMEM. "type" is accepted for compatibility and ignored.
 */
void *rte_malloc(const char *type, size_t size, unsigned align);
void *rte_zmalloc(const char *type, size_t size, unsigned align);
void *rte_calloc(const char *type, size_t num, size_t size, unsigned align);
/*
 * Resize in place when the block's socket and alignment fit and there is
 * room, else move it (contents kept up to the smaller size). ptr NULL is
 * rte_malloc; size 0 shrinks the block and keeps it. On failure NULL, and
 * the old block is untouched.
 */
void *rte_realloc(void *ptr, size_t size, unsigned int align);
void *rte_realloc_socket(void *ptr, size_t size, unsigned int align, int socket);
void *rte_malloc_socket(const char *type, size_t size, unsigned align, int socket);
void *rte_zmalloc_socket(const char *type, size_t size, unsigned align, int socket);
void *rte_calloc_socket(const char *type, size_t num, size_t size, unsigned align, int socket);

/* NULL is a no-op; a pointer rtemem did not hand out is logged and ignored. */
void rte_free(void *ptr);

/*
 * Check the block's header (and, with RTE_MALLOC_DEBUG, its cookies).
 * Returns 0 and the usable size in *size (if not NULL), or -1.
 */
int rte_malloc_validate(const void *ptr, size_t *size);

int rte_malloc_get_socket_stats(int socket, struct rte_malloc_socket_stats *socket_stats);
void rte_malloc_dump_stats(FILE *f, const char *type);
void rte_malloc_dump_heaps(FILE *f);
rte_iova_t rte_malloc_virt2iova(const void *addr);

/*
 * External heaps (memory the application brings) are not supported: these
 * return -1 with rte_errno ENOTSUP, so DPDK code that mentions them builds.
 */
int rte_malloc_heap_create(const char *heap_name);
int rte_malloc_heap_destroy(const char *heap_name);
int rte_malloc_heap_memory_add(const char *heap_name, void *va_addr, size_t len,
			       rte_iova_t iova_addrs[], unsigned int n_pages, size_t page_sz);
int rte_malloc_heap_memory_remove(const char *heap_name, void *va_addr, size_t len);
int rte_malloc_heap_memory_attach(const char *heap_name, void *va_addr, size_t len);
int rte_malloc_heap_memory_detach(const char *heap_name, void *va_addr, size_t len);

/* Socket id of the heap called name ("socket_0", ...), or -1 (rte_errno). */
int rte_malloc_heap_get_socket(const char *name);
/* rtemem has no external heaps: always 0. */
int rte_malloc_heap_socket_is_external(int socket_id);

/*
 * rtemem extension: walk every heap and check its element list, free lists,
 * sizes and (debug build) every busy element's cookies. Problems are logged
 * (and printed to f if not NULL). Returns 0 when all is consistent, -1 if not.
 */
int rtemem_malloc_heap_check(FILE *f);

#ifdef __cplusplus
}
#endif

#endif
