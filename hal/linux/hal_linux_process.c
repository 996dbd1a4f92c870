/* SPDX-License-Identifier: BSD-3-Clause
 * The multi-process side of hal.h on Linux: a secondary maps the primary's
 * hugepage files at the primary's addresses; a new primary clears files a
 * dead one left behind.
 */
#include <errno.h>

#include "hal.h"
#include "hal_linux.h"
#include "hal_va.h"

int hal_page_attach(void *va, size_t page_sz, int list_idx, int seg_idx)
{
	if (!hal_linux.secondary || hal_linux.in_memory || hal_linux.no_huge)
		return -ENOTSUP;
	/* In a secondary, hal_page_map opens the existing file instead of creating it. */
	return hal_page_map(va, page_sz, 0, list_idx, seg_idx);
}

int hal_page_detach(void *va, size_t page_sz)
{
	return hal_va_rereserve(va, page_sz);
}

int hal_remove_stale_files(void)
{
	if (!hal_linux.no_huge && !hal_linux.in_memory && !hal_linux.secondary)
		hal_linux_clear_stale_pages();
	return 0;
}
