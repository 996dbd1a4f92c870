/* SPDX-License-Identifier: BSD-3-Clause
 * Multi-process memory: a secondary maps the primary's memory at the same
 * addresses and keeps its view in sync. Protocol (docs/multi-process.md):
 * only the primary maps or unmaps hugepages; a secondary asks it to over
 * IPC, and after every change the primary tells each live secondary to
 * sync before the change is used.
 */
#ifndef RTEMEM_EAL_MP_H
#define RTEMEM_EAL_MP_H

#include <stdbool.h>
#include <stddef.h>

#include <rte_memory.h>

/* Start/stop this process's IPC thread (either process type). */
int eal_mp_start(void);
void eal_mp_stop(void);

/* Secondary: map every list and page of the primary at the same VA. */
int eal_mp_attach_memory(void);
/* Secondary: drop this process's view of all memory (rte_eal_cleanup). */
void eal_mp_detach_memory(void);
/* Secondary: map/unmap pages so this process sees what the lists say. */
int eal_mp_sync_memory(void);

/*
 * Primary: after a change to the lists, make every secondary sync. 0, or
 * -EFAULT if a secondary could not, or -ETIMEDOUT if a live one did not
 * answer (a dead one is not waited for).
 */
int eal_mp_notify_secondaries(void);

/* Secondary: have the primary allocate or free pages (see eal_memalloc.c). */
int eal_mp_request_alloc(struct rte_memseg **ms, int n_segs, size_t page_sz, int socket,
			 bool exact);
int eal_mp_request_free(struct rte_memseg *ms);

#endif
