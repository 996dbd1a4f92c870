/* SPDX-License-Identifier: BSD-3-Clause
 * Mempool life-cycle callbacks (RTE_MEMPOOL_EVENT_READY / _DESTROY): a
 * per-process list, as in DPDK, since the functions live in one process.
 *
 * No lock is held while a callback runs: it may register another callback
 * or unregister itself. Each entry carries a registration number, and one
 * round of calls only goes up to the number handed out when it started, so
 * a callback registered meanwhile waits for the next event; after each
 * call the round finds its place again by number, so an entry freed under
 * it is never touched.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include <rte_errno.h>
#include <rte_mempool.h>
#include <rte_spinlock.h>

#include "mempool_private.h"

struct event_cb {
	struct event_cb *next;
	rte_mempool_event_callback *func;
	void *user_data;
	uint64_t seq; /* registration number, rising along the list */
};

static rte_spinlock_t cb_lock = RTE_SPINLOCK_INITIALIZER;
static struct event_cb *cb_head;
static uint64_t cb_next_seq = 1;

int rte_mempool_event_callback_register(rte_mempool_event_callback *func, void *user_data)
{
	struct event_cb *cb, **pos;
	int ret = 0;

	if (func == NULL) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	cb = malloc(sizeof(*cb));
	if (cb == NULL) {
		rte_errno = ENOMEM;
		return -ENOMEM;
	}
	rte_spinlock_lock(&cb_lock);
	for (pos = &cb_head; *pos != NULL; pos = &(*pos)->next) {
		if ((*pos)->func == func && (*pos)->user_data == user_data) {
			ret = -EEXIST;
			break;
		}
	}
	if (ret == 0) {
		*cb = (struct event_cb){ .func = func, .user_data = user_data, .seq = cb_next_seq++ };
		*pos = cb;
	}
	rte_spinlock_unlock(&cb_lock);
	if (ret < 0) {
		free(cb);
		rte_errno = -ret;
	}
	return ret;
}

int rte_mempool_event_callback_unregister(rte_mempool_event_callback *func, void *user_data)
{
	struct event_cb *cb = NULL, **pos;

	rte_spinlock_lock(&cb_lock);
	for (pos = &cb_head; *pos != NULL; pos = &(*pos)->next) {
		if ((*pos)->func == func && (*pos)->user_data == user_data) {
			cb = *pos;
			*pos = cb->next;
			break;
		}
	}
	rte_spinlock_unlock(&cb_lock);
	if (cb == NULL) {
		rte_errno = ENOENT;
		return -ENOENT;
	}
	free(cb);
	return 0;
}

void mempool_event_invoke(enum rte_mempool_event event, struct rte_mempool *mp)
{
	uint64_t limit, done = 0;

	rte_spinlock_lock(&cb_lock);
	limit = cb_next_seq;
	rte_spinlock_unlock(&cb_lock);
	for (;;) {
		rte_mempool_event_callback *func = NULL;
		void *user_data = NULL;

		rte_spinlock_lock(&cb_lock);
		for (struct event_cb *cb = cb_head; cb != NULL; cb = cb->next) {
			if (cb->seq > done && cb->seq < limit) {
				func = cb->func;
				user_data = cb->user_data;
				done = cb->seq;
				break;
			}
		}
		rte_spinlock_unlock(&cb_lock);
		if (func == NULL)
			return;
		func(event, mp, user_data);
	}
}
