/* SPDX-License-Identifier: BSD-3-Clause
 * Environment abstraction layer: start-up, shutdown and process identity.
 */
#ifndef RTEMEM_RTE_EAL_H
#define RTEMEM_RTE_EAL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <rte_common.h>
#include <rte_per_lcore.h>
#include <rte_errno.h>
#include <rte_debug.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_MAGIC 19820526

/* Longest thread name, NUL included (what Linux allows). */
#define RTE_MAX_THREAD_NAME_LEN 16

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

const char *rte_eal_mbuf_user_pool_ops(void);
/*
 * Parse a hex core mask: cores[i] becomes the rank of core i among the
 * cores set (0, 1, ...), -1 for cores not set. 0, or -1 if the mask is
 * invalid. cores needs RTE_MAX_LCORE entries.
 */
int rte_eal_parse_coremask(const char *coremask, int *cores);

/*
 * Multi-process messages. A secondary talks to the primary; the primary
 * to every secondary. Actions are called on the IPC thread; a request's
 * action must answer with rte_mp_reply (no reply: the request times out).
 * File descriptors in fds[] reach the peer as descriptors of its own.
 */
bool rte_mp_disable(void);

#define RTE_MP_MAX_FD_NUM 8
#define RTE_MP_MAX_NAME_LEN 64
#define RTE_MP_MAX_PARAM_LEN 256
struct rte_mp_msg {
	char name[RTE_MP_MAX_NAME_LEN];
	int len_param;
	int num_fds;
	uint8_t param[RTE_MP_MAX_PARAM_LEN];
	int fds[RTE_MP_MAX_FD_NUM];
};

struct rte_mp_reply {
	int nb_sent;
	int nb_received;
	struct rte_mp_msg *msgs; /* the caller frees it (rte_mp_request_sync) */
};

typedef int (*rte_mp_t)(const struct rte_mp_msg *msg, const void *peer);
typedef int (*rte_mp_async_reply_t)(const struct rte_mp_msg *request,
				    const struct rte_mp_reply *reply);

int rte_mp_action_register(const char *name, rte_mp_t action);
void rte_mp_action_unregister(const char *name);
int rte_mp_sendmsg(struct rte_mp_msg *msg);
int rte_mp_request_sync(struct rte_mp_msg *req, struct rte_mp_reply *reply,
			const struct timespec *ts);
int rte_mp_request_async(struct rte_mp_msg *req, const struct timespec *ts,
			 rte_mp_async_reply_t clb);
int rte_mp_reply(struct rte_mp_msg *msg, const char *peer);

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
