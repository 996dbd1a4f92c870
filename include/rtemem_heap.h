/* SPDX-License-Identifier: BSD-3-Clause
 * rtemem extension: how much freed memory a malloc heap keeps mapped.
 *
 * When rte_free leaves whole pages free that the heap mapped at run time,
 * the heap keeps them mapped as long as it holds no more than its retain
 * bound of free memory (all free bytes count, not only whole pages), and
 * gives the pages beyond it back to the system. The default bound is one
 * hugepage: the largest page size of the socket, at least 2 MB. So a heap
 * that grew for a short-lived block does not map and unmap a page on
 * every malloc/free round. Pages mapped at start-up (-m, --socket-mem) are
 * never given back.
 */
#ifndef RTEMEM_HEAP_H
#define RTEMEM_HEAP_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Set the retain bound of socket's heap (SOCKET_ID_ANY: every heap) to
 * bytes, giving back at once the free runtime pages beyond it. Returns 0,
 * or -errno (EINVAL: no EAL, or no heap for socket; else the error of a
 * page that could not be unmapped: the bound is set all the same, and that
 * page and the ones above it in its run stay in the heap as free memory).
 */
int rtemem_heap_set_retain(int socket, size_t bytes);

/*
 * Give back every free page socket's heap (SOCKET_ID_ANY: every heap)
 * mapped at run time, whatever the retain bound; the bound stays as it
 * was. Returns 0, or -errno (EINVAL: no EAL, or no heap for socket; else
 * the error of a page that could not be unmapped, which stays in the heap
 * as free memory with those above it in its run; the rest is trimmed).
 */
int rtemem_heap_trim(int socket);

#ifdef __cplusplus
}
#endif

#endif
