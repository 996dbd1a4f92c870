/* SPDX-License-Identifier: BSD-3-Clause
 * Environment abstraction layer: start-up, shutdown and process identity.
 */
#ifndef RTEMEM_RTE_EAL_H
#define RTEMEM_RTE_EAL_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_per_lcore.h>
#include <rte_errno.h>
#include <rte_debug.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_MAGIC 19820526

enum rte_proc_type_t {
	RTE_PROC_AUTO = -1,
	RTE_PROC_PRIMARY = 0,
	RTE_PROC_SECONDARY,
	RTE_PROC_INVALID
};

enum rte_iova_mode {
	RTE_IOVA_DC = 0,
	RTE_IOVA_PA = (1 << 0),
	RTE_IOVA_VA = (1 << 1)
};

/*
 * Parse the EAL options at the front of argv and bring up memory.
 * Returns the number of arguments consumed (so the caller can skip them),
 * or -1 with rte_errno set.
 */
int rte_eal_init(int argc, char **argv);
int rte_eal_cleanup(void);

enum rte_proc_type_t rte_eal_process_type(void);
enum rte_iova_mode rte_eal_iova_mode(void);
int rte_eal_has_hugepages(void);
int rte_eal_has_pci(void);
const char *rte_eal_get_runtime_dir(void);
uint64_t rte_eal_get_baseaddr(void);
int rte_eal_primary_proc_alive(const char *config_file_path);

typedef void (*rte_usage_hook_t)(const char *prgname);
rte_usage_hook_t rte_set_application_usage_hook(rte_usage_hook_t usage_func);

/* Print a message, clean up EAL and exit the process with exit_code. */
void rte_exit(int exit_code, const char *format, ...) __rte_noreturn __rte_format_printf(2, 3);

int rte_sys_gettid(void);
static inline int rte_gettid(void)
{
	static __thread int tid = -1;

	if (tid == -1)
		tid = rte_sys_gettid();
	return tid;
}

#ifdef __cplusplus
}
#endif

#endif
