/* SPDX-License-Identifier: BSD-3-Clause
 * What the heaps tell the memory event callbacks and ask the allocation
 * validators (eal_mem_event.c). Both are called with the hotplug lock held.
 */
#ifndef RTEMEM_EAL_MEM_EVENT_H
#define RTEMEM_EAL_MEM_EVENT_H

#include <stddef.h>

#include <rte_memory.h>

/* Pages [addr, addr + len) were mapped (ALLOC) or are about to go (FREE). */
void eal_mem_event_notify(enum rte_mem_event event, const void *addr, size_t len);
/* May the heap of socket grow to new_len bytes? 0, or -EPERM if refused. */
int eal_mem_alloc_validate(int socket, size_t new_len);

#endif
