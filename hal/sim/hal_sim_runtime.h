/* SPDX-License-Identifier: BSD-3-Clause
 * The sim HAL's address-space reservation and runtime directory with its
 * shared files (real files: a simulated machine still has a filesystem).
 * The public hal_* wrappers in hal_sim.c call these after the fault injector.
 */
#ifndef RTEMEM_HAL_SIM_RUNTIME_H
#define RTEMEM_HAL_SIM_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>

int hal_runtime_init(const char *file_prefix, bool in_memory);
void hal_runtime_cleanup(void);
void *hal_common_shm_map(const char *name, size_t len, void *addr, bool create);
/* Small text files in the runtime directory; 0 or -errno. */
int hal_runtime_write_file(const char *name, const char *text);
int hal_runtime_read_file(const char *name, char *buf, size_t size);

#endif
