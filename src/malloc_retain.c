/* SPDX-License-Identifier: BSD-3-Clause
 * rtemem_heap.h: the retain bound of the heaps and giving their free
 * runtime pages back on request.
 */
#include <errno.h>
#include <stdbool.h>

#include <rte_eal_memconfig.h>
#include <rte_memory.h>
#include <rtemem_heap.h>

#include "eal_private.h"
#include "malloc_heap.h"

/* Under the hotplug lock (write), then each heap's lock as malloc_heap.c
 * takes them: set the bound if set_bound, and trim to retain. */
static int heaps_trim(int socket, bool set_bound, size_t retain)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	int id = -1, ret = 0;

	if (mcfg == NULL)
		return -EINVAL;
	if (socket != SOCKET_ID_ANY) {
		id = malloc_socket_to_heap_id(socket);
		if (id < 0)
			return -EINVAL;
	}
	rte_mcfg_mem_write_lock();
	for (int i = 0; i < RTE_MAX_HEAPS; i++) {
		struct malloc_heap *heap = &mcfg->malloc_heaps[i];
		int err;

		if (heap->name[0] == '\0' || (id >= 0 && i != id))
			continue;
		if (malloc_heap_lock(heap) != 0) {
			malloc_heap_unlock(heap);
			continue; /* a failed heap: nothing of it is touched */
		}
		if (set_bound)
			heap->retain_bytes = retain;
		err = malloc_heap_trim_locked(heap, retain);
		if (err < 0 && ret == 0)
			ret = err; /* the other heaps are still trimmed */
		malloc_heap_unlock(heap);
	}
	rte_mcfg_mem_write_unlock();
	return ret;
}

int rtemem_heap_set_retain(int socket, size_t bytes)
{
	return heaps_trim(socket, true, bytes);
}

int rtemem_heap_trim(int socket)
{
	return heaps_trim(socket, false, 0);
}
