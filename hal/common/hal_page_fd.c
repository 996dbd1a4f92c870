/* SPDX-License-Identifier: BSD-3-Clause
 * The descriptors hal_page_fd hands out (rte_memseg_get_fd): opened on the
 * first request for a page and kept, as DPDK keeps its page fds, so that
 * asking twice gives the same descriptor and the caller never closes one.
 * A page that goes (unmap, or a new mapping in its slot) closes its own.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hal.h"
#include "hal_runtime.h"

/* Per memseg list, allocated on first use: fd + 1 per slot, 0 for none. */
static int *list_fds[RTE_MAX_MEMSEG_LISTS];
static pthread_mutex_t fd_lock = PTHREAD_MUTEX_INITIALIZER;

int hal_page_fd_cached(size_t page_sz, int list_idx, int seg_idx, hal_page_open_t open_fn)
{
	int fd;

	if (list_idx < 0 || list_idx >= RTE_MAX_MEMSEG_LISTS || seg_idx < 0 ||
	    seg_idx >= RTE_MAX_MEMSEG_PER_LIST)
		return -EINVAL;
	pthread_mutex_lock(&fd_lock);
	if (list_fds[list_idx] == NULL)
		list_fds[list_idx] = calloc(RTE_MAX_MEMSEG_PER_LIST, sizeof(int));
	if (list_fds[list_idx] == NULL) {
		fd = -ENOMEM;
	} else if (list_fds[list_idx][seg_idx] != 0) {
		fd = list_fds[list_idx][seg_idx] - 1;
	} else {
		fd = open_fn(page_sz, list_idx, seg_idx);
		if (fd >= 0)
			list_fds[list_idx][seg_idx] = fd + 1;
	}
	pthread_mutex_unlock(&fd_lock);
	return fd;
}

void hal_page_fd_drop(int list_idx, int seg_idx)
{
	if (list_idx < 0 || list_idx >= RTE_MAX_MEMSEG_LISTS || seg_idx < 0 ||
	    seg_idx >= RTE_MAX_MEMSEG_PER_LIST)
		return;
	pthread_mutex_lock(&fd_lock);
	if (list_fds[list_idx] != NULL && list_fds[list_idx][seg_idx] != 0) {
		close(list_fds[list_idx][seg_idx] - 1);
		list_fds[list_idx][seg_idx] = 0;
	}
	pthread_mutex_unlock(&fd_lock);
}

void hal_page_fd_drop_all(void)
{
	pthread_mutex_lock(&fd_lock);
	for (int l = 0; l < RTE_MAX_MEMSEG_LISTS; l++) {
		/* Most lists never had a descriptor asked for: no free(NULL),
		 * which costs a stack unwind under ASan. */
		if (list_fds[l] == NULL)
			continue;
		for (int s = 0; s < RTE_MAX_MEMSEG_PER_LIST; s++)
			if (list_fds[l][s] != 0)
				close(list_fds[l][s] - 1);
		free(list_fds[l]);
		list_fds[l] = NULL;
	}
	pthread_mutex_unlock(&fd_lock);
}

int hal_os_mem_lock(const void *va, size_t len)
{
	return mlock(va, len) == 0 ? 0 : -errno;
}
