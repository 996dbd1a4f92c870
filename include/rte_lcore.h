/* SPDX-License-Identifier: BSD-3-Clause
 * Logical cores: the EAL threads named by -l/-c/--lcores.
 */
#ifndef RTEMEM_RTE_LCORE_H
#define RTEMEM_RTE_LCORE_H

#include <sched.h>
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>

#include <rte_config.h>
#include <rte_per_lcore.h>
#include <rte_eal.h>
#include <rte_launch.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LCORE_ID_ANY UINT32_MAX

typedef cpu_set_t rte_cpuset_t;

enum rte_lcore_role_t {
	ROLE_RTE,
	ROLE_OFF,
	ROLE_SERVICE,
	ROLE_NON_EAL,
};

RTE_DECLARE_PER_LCORE(unsigned int, _lcore_id);

/* The calling thread's lcore id, LCORE_ID_ANY for a non-EAL thread. */
static inline unsigned int rte_lcore_id(void)
{
	return RTE_PER_LCORE(_lcore_id);
}

enum rte_lcore_role_t rte_eal_lcore_role(unsigned int lcore_id);
int rte_lcore_has_role(unsigned int lcore_id, enum rte_lcore_role_t role);
unsigned int rte_get_main_lcore(void);
unsigned int rte_lcore_count(void);
int rte_lcore_index(int lcore_id);
unsigned int rte_socket_id(void);
unsigned int rte_socket_count(void);
int rte_socket_id_by_idx(unsigned int idx);
unsigned int rte_lcore_to_socket_id(unsigned int lcore_id);
int rte_lcore_to_cpu_id(int lcore_id);
rte_cpuset_t rte_lcore_cpuset(unsigned int lcore_id);
int rte_lcore_is_enabled(unsigned int lcore_id);
unsigned int rte_get_next_lcore(unsigned int i, int skip_main, int wrap);
void rte_lcore_dump(FILE *f);

/*
 * Give the calling non-EAL thread a free lcore id (role ROLE_NON_EAL), so
 * that per-lcore things such as mempool caches work for it. 0, or -1 with
 * rte_errno EINVAL (EAL not up) or ENOMEM (no lcore id left). A thread that
 * already has an lcore id keeps it.
 */
int rte_thread_register(void);
/* Give the id back; the thread is a plain non-EAL thread again. */
void rte_thread_unregister(void);

/*
 * Callbacks run for every lcore in use (EAL lcores and registered threads)
 * when registered, and for each thread that registers later (init) or
 * unregisters (uninit). An init that fails refuses the registration: the
 * callback's, undoing the lcores already done, or the thread's (ENOMEM).
 */
typedef int (*rte_lcore_init_cb)(unsigned int lcore_id, void *arg);
typedef void (*rte_lcore_uninit_cb)(unsigned int lcore_id, void *arg);
/* A handle for rte_lcore_callback_unregister, or NULL (no name, no memory,
 * or an init refused). */
void *rte_lcore_callback_register(const char *name, rte_lcore_init_cb init,
				  rte_lcore_uninit_cb uninit, void *arg);
void rte_lcore_callback_unregister(void *handle);

/* cb for every lcore in use, until one returns non-zero; that value, or 0. */
typedef int (*rte_lcore_iterate_cb)(unsigned int lcore_id, void *arg);
int rte_lcore_iterate(rte_lcore_iterate_cb cb, void *arg);

/* Thread names (pthread's, 15 characters at most): 0 or a negative errno. */
int rte_thread_setname(pthread_t id, const char *name);
int rte_thread_getname(pthread_t id, char *name, size_t len);

/*
 * A control thread: named, on the CPUs no lcore uses (the main lcore's if
 * there are none), with no lcore id. 0, or a negative errno.
 */
int rte_ctrl_thread_create(pthread_t *thread, const char *name, const pthread_attr_t *attr,
			   void *(*start_routine)(void *), void *arg);

#define RTE_LCORE_FOREACH(i) \
	for (i = rte_get_next_lcore(-1, 0, 0); i < RTE_MAX_LCORE; \
	     i = rte_get_next_lcore(i, 0, 0))

#define RTE_LCORE_FOREACH_WORKER(i) \
	for (i = rte_get_next_lcore(-1, 1, 0); i < RTE_MAX_LCORE; \
	     i = rte_get_next_lcore(i, 1, 0))

#ifdef __cplusplus
}
#endif

#endif
