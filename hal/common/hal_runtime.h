/* SPDX-License-Identifier: BSD-3-Clause
 * The runtime directory shared by both HALs (hal_runtime.c). The public
 * hal_runtime_dir lives there too; each HAL's hal_shm_map, hal_shm_unmap
 * and hal_shm_unlink call hal_runtime_shm_map, hal_runtime_shm_unmap and
 * hal_os_shm_unlink.
 */
#ifndef RTEMEM_HAL_RUNTIME_H
#define RTEMEM_HAL_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>

/* Create (mkdir -p) the prefix's directory; nothing with in_memory. */
int hal_runtime_init(const char *prefix, bool in_memory);
/* Remove the directory if nothing is left in it. */
void hal_runtime_remove(void);
void *hal_runtime_shm_map(const char *name, size_t len, void *addr, bool create);
/* hal_shm_unmap without the sim's faults. */
int hal_runtime_shm_unmap(void *addr, size_t len, bool keep_reserved);
/* Small text files in the runtime directory; 0 or -errno. */
int hal_runtime_write_file(const char *name, const char *text);
int hal_runtime_read_file(const char *name, char *buf, size_t size);
/* hal_shm_unlink (hal_runtime.c) and hal_mem_lock (hal_page_fd.c)
 * without the sim's faults. */
int hal_os_shm_unlink(const char *name);
int hal_os_mem_lock(const void *va, size_t len);
/* hal_ipc_open, hal_ipc_send, hal_ipc_recv_fds and hal_runtime_lock
 * (hal_process.c) without the sim's faults. */
int hal_os_ipc_open(const char *name);
int hal_os_ipc_send(int fd, const char *peer, const void *msg, size_t len, const int *fds,
		    int nfds);
int hal_os_ipc_recv_fds(int fd, void *buf, size_t len, char peer[64], int timeout_ms, int *fds,
			int *nfds, int max_fds);
int hal_os_runtime_lock(bool primary);

/* hal_page_fd.c: the descriptors hal_page_fd keeps, one per page slot. */
typedef int (*hal_page_open_t)(size_t page_sz, int list_idx, int seg_idx);
int hal_page_fd_cached(size_t page_sz, int list_idx, int seg_idx, hal_page_open_t open_fn);
void hal_page_fd_drop(int list_idx, int seg_idx);
void hal_page_fd_drop_all(void);

#endif
