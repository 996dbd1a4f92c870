/* SPDX-License-Identifier: BSD-3-Clause
 * Running a function on worker lcores.
 */
#ifndef RTEMEM_RTE_LAUNCH_H
#define RTEMEM_RTE_LAUNCH_H

#ifdef __cplusplus
extern "C" {
#endif

enum rte_lcore_state_t {
	WAIT,    /* waiting for a function */
	RUNNING, /* running one */
};

typedef int(lcore_function_t)(void *);

enum rte_rmt_call_main_t {
	SKIP_MAIN = 0,
	CALL_MAIN,
};

int rte_eal_remote_launch(lcore_function_t *f, void *arg, unsigned int worker_id);
int rte_eal_mp_remote_launch(lcore_function_t *f, void *arg, enum rte_rmt_call_main_t call_main);
enum rte_lcore_state_t rte_eal_get_lcore_state(unsigned int worker_id);
int rte_eal_wait_lcore(unsigned int worker_id);
void rte_eal_mp_wait_lcore(void);

#ifdef __cplusplus
}
#endif

#endif
