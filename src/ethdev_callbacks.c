/* SPDX-License-Identifier: BSD-3-Clause
 * Callbacks: per-queue rx/tx callbacks that rte_eth_rx_burst and
 * rte_eth_tx_burst run on every burst, per-port event callbacks, and the
 * transmit buffer's error callbacks.
 *
 * Rx/tx callback lists are changed under cb_lock by the control path while
 * data-plane threads walk them without a lock: a callback is linked in with
 * a release store once it is complete, and unlinking leaves its memory to
 * the application (rte_free it once no burst can still be running it), as
 * in DPDK. Lock order: cb_lock, then event_lock (never both held).
 */
#include <errno.h>
#include <stdlib.h>

#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_spinlock.h>

#include "ethdev_driver.h"

struct rte_eth_rxtx_callback {
	struct rte_eth_rxtx_callback *next;
	union {
		rte_rx_callback_fn rx;
		rte_tx_callback_fn tx;
	} fn;
	void *param;
};

/* The heads rte_eth_fp_ops point at, one list per queue. */
void *eth_fp_rxq_clbk[RTE_MAX_ETHPORTS][ETHDEV_MAX_RX_QUEUES];
void *eth_fp_txq_clbk[RTE_MAX_ETHPORTS][ETHDEV_MAX_TX_QUEUES];

static rte_spinlock_t cb_lock = RTE_SPINLOCK_INITIALIZER;

/* A zeroed callback for param, or NULL (the caller's rte_errno: ENOMEM). */
static struct rte_eth_rxtx_callback *cb_new(void *param)
{
	struct rte_eth_rxtx_callback *cb = rte_zmalloc(NULL, sizeof(*cb), 0);

	if (cb != NULL)
		cb->param = param;
	return cb;
}

/* Links cb in at the head or the tail of the list at *head. */
static void cb_link(void **head, struct rte_eth_rxtx_callback *cb, bool first)
{
	struct rte_eth_rxtx_callback *tail;

	rte_spinlock_lock(&cb_lock);
	tail = *head;
	if (first || tail == NULL) {
		cb->next = *head;
		__atomic_store_n(head, cb, __ATOMIC_RELEASE);
	} else {
		while (tail->next != NULL)
			tail = tail->next;
		__atomic_store_n(&tail->next, cb, __ATOMIC_RELEASE);
	}
	rte_spinlock_unlock(&cb_lock);
}

/* 0 once user_cb is out of the list; -EINVAL if it was not in it. */
static int cb_unlink(void **head, const struct rte_eth_rxtx_callback *user_cb)
{
	struct rte_eth_rxtx_callback **prev = (struct rte_eth_rxtx_callback **)head;
	int ret = -EINVAL;

	rte_spinlock_lock(&cb_lock);
	for (; *prev != NULL; prev = &(*prev)->next) {
		if (*prev == user_cb) {
			__atomic_store_n(prev, user_cb->next, __ATOMIC_RELEASE);
			ret = 0;
			break;
		}
	}
	rte_spinlock_unlock(&cb_lock);
	return ret;
}

/* The body of the two rte_eth_add_*rx_callback entry points. */
static const struct rte_eth_rxtx_callback *add_rx(uint16_t port_id, uint16_t queue_id,
						   rte_rx_callback_fn fn, void *param, bool first)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	struct rte_eth_rxtx_callback *cb;

	if (dev == NULL || fn == NULL || queue_id >= dev->nb_rx_queues ||
	    dev->rx_queue_state[queue_id] == RTE_ETH_QUEUE_STATE_HAIRPIN) {
		rte_errno = EINVAL;
		return NULL;
	}
	cb = cb_new(param);
	if (cb == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	cb->fn.rx = fn;
	cb_link(&eth_fp_rxq_clbk[port_id][queue_id], cb, first);
	return cb;
}

const struct rte_eth_rxtx_callback *rte_eth_add_rx_callback(uint16_t port_id, uint16_t queue_id,
							    rte_rx_callback_fn fn,
							    void *user_param)
{
	return add_rx(port_id, queue_id, fn, user_param, false);
}

const struct rte_eth_rxtx_callback *rte_eth_add_first_rx_callback(uint16_t port_id,
								  uint16_t queue_id,
								  rte_rx_callback_fn fn,
								  void *user_param)
{
	return add_rx(port_id, queue_id, fn, user_param, true);
}

const struct rte_eth_rxtx_callback *rte_eth_add_tx_callback(uint16_t port_id, uint16_t queue_id,
							    rte_tx_callback_fn fn,
							    void *user_param)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	struct rte_eth_rxtx_callback *cb;

	if (dev == NULL || fn == NULL || queue_id >= dev->nb_tx_queues ||
	    dev->tx_queue_state[queue_id] == RTE_ETH_QUEUE_STATE_HAIRPIN) {
		rte_errno = EINVAL;
		return NULL;
	}
	cb = cb_new(user_param);
	if (cb == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	cb->fn.tx = fn;
	cb_link(&eth_fp_txq_clbk[port_id][queue_id], cb, false);
	return cb;
}

int rte_eth_remove_rx_callback(uint16_t port_id, uint16_t queue_id,
			       const struct rte_eth_rxtx_callback *user_cb)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (user_cb == NULL || queue_id >= dev->nb_rx_queues)
		return -EINVAL;
	return cb_unlink(&eth_fp_rxq_clbk[port_id][queue_id], user_cb);
}

int rte_eth_remove_tx_callback(uint16_t port_id, uint16_t queue_id,
			       const struct rte_eth_rxtx_callback *user_cb)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (user_cb == NULL || queue_id >= dev->nb_tx_queues)
		return -EINVAL;
	return cb_unlink(&eth_fp_txq_clbk[port_id][queue_id], user_cb);
}

uint16_t rte_eth_call_rx_callbacks(uint16_t port_id, uint16_t queue_id,
				   struct rte_mbuf **rx_pkts, uint16_t nb_rx, uint16_t nb_pkts,
				   void *opaque)
{
	const struct rte_eth_rxtx_callback *cb = opaque;

	while (cb != NULL) {
		nb_rx = cb->fn.rx(port_id, queue_id, rx_pkts, nb_rx, nb_pkts, cb->param);
		cb = __atomic_load_n(&cb->next, __ATOMIC_ACQUIRE);
	}
	return nb_rx;
}

uint16_t rte_eth_call_tx_callbacks(uint16_t port_id, uint16_t queue_id,
				   struct rte_mbuf **tx_pkts, uint16_t nb_pkts, void *opaque)
{
	const struct rte_eth_rxtx_callback *cb = opaque;

	while (cb != NULL) {
		nb_pkts = cb->fn.tx(port_id, queue_id, tx_pkts, nb_pkts, cb->param);
		cb = __atomic_load_n(&cb->next, __ATOMIC_ACQUIRE);
	}
	return nb_pkts;
}

/* The port is closed, so no burst can be walking its lists any more. */
static void cb_free_list(void **head)
{
	struct rte_eth_rxtx_callback *cb = *head;

	*head = NULL;
	while (cb != NULL) {
		struct rte_eth_rxtx_callback *next = cb->next;

		rte_free(cb);
		cb = next;
	}
}

void eth_dev_callbacks_release(uint16_t port_id)
{
	rte_spinlock_lock(&cb_lock);
	for (int q = 0; q < ETHDEV_MAX_RX_QUEUES; q++)
		cb_free_list(&eth_fp_rxq_clbk[port_id][q]);
	for (int q = 0; q < ETHDEV_MAX_TX_QUEUES; q++)
		cb_free_list(&eth_fp_txq_clbk[port_id][q]);
	rte_spinlock_unlock(&cb_lock);
}

/* ---- event callbacks ----------------------------------------------------------- */

/* One registration, per port slot as in DPDK (RTE_ETH_ALL registers on
 * every slot). Kept in the C heap: it outlives ports and the EAL's memory. */
struct event_cb {
	struct event_cb *next;
	enum rte_eth_event_type event;
	rte_eth_dev_cb_fn fn;
	void *arg;
	bool active; /* running now: cannot be unregistered */
};

static struct event_cb *event_cbs[RTE_MAX_ETHPORTS];
static rte_spinlock_t event_lock = RTE_SPINLOCK_INITIALIZER;

/* The ports a registration is for: [*first, *last], or -EINVAL. */
static int event_ports(uint16_t port_id, uint16_t *first, uint16_t *last)
{
	if (port_id == RTE_ETH_ALL) {
		*first = 0;
		*last = RTE_MAX_ETHPORTS - 1;
		return 0;
	}
	if (eth_dev_get(port_id) == NULL)
		return -EINVAL;
	*first = *last = port_id;
	return 0;
}

static int unregister_one(uint16_t port, enum rte_eth_event_type event, rte_eth_dev_cb_fn fn,
			  void *arg)
{
	struct event_cb **prev = &event_cbs[port];
	int ret = 0;

	while (*prev != NULL) {
		struct event_cb *cb = *prev;

		/* (void *)-1 as arg: every registration of fn for the event. */
		if (cb->fn != fn || cb->event != event || (cb->arg != arg && arg != (void *)-1)) {
			prev = &cb->next;
			continue;
		}
		if (cb->active) {
			ret = -EAGAIN;
			prev = &cb->next;
			continue;
		}
		*prev = cb->next;
		free(cb);
	}
	return ret;
}

int rte_eth_dev_callback_register(uint16_t port_id, enum rte_eth_event_type event,
				  rte_eth_dev_cb_fn cb_fn, void *cb_arg)
{
	uint16_t first, last;
	int ret;

	if (cb_fn == NULL)
		return -EINVAL;
	ret = event_ports(port_id, &first, &last);
	if (ret != 0)
		return ret;
	rte_spinlock_lock(&event_lock);
	for (uint32_t p = first; p <= last; p++) {
		struct event_cb **tail = &event_cbs[p];
		bool dup = false;

		for (; *tail != NULL; tail = &(*tail)->next)
			dup |= (*tail)->fn == cb_fn && (*tail)->arg == cb_arg &&
			       (*tail)->event == event;
		if (dup)
			continue;
		*tail = calloc(1, sizeof(**tail));
		if (*tail == NULL) {
			/* Undo the slots done so far: all or nothing. */
			while (p-- > first)
				unregister_one((uint16_t)p, event, cb_fn, cb_arg);
			rte_spinlock_unlock(&event_lock);
			return -ENOMEM;
		}
		(*tail)->event = event;
		(*tail)->fn = cb_fn;
		(*tail)->arg = cb_arg;
	}
	rte_spinlock_unlock(&event_lock);
	return 0;
}

int rte_eth_dev_callback_unregister(uint16_t port_id, enum rte_eth_event_type event,
				    rte_eth_dev_cb_fn cb_fn, void *cb_arg)
{
	uint16_t first, last;
	int ret;

	if (cb_fn == NULL)
		return -EINVAL;
	ret = event_ports(port_id, &first, &last);
	if (ret != 0)
		return ret;
	rte_spinlock_lock(&event_lock);
	for (uint32_t p = first; p <= last; p++) {
		int r = unregister_one((uint16_t)p, event, cb_fn, cb_arg);

		if (r != 0)
			ret = r;
	}
	rte_spinlock_unlock(&event_lock);
	return ret;
}

/* The lock is dropped around each call, so a callback may register others. */
int eth_dev_event_notify(uint16_t port_id, enum rte_eth_event_type event, void *ret_param)
{
	int rc = 0;

	rte_spinlock_lock(&event_lock);
	for (struct event_cb *cb = event_cbs[port_id]; cb != NULL; cb = cb->next) {
		if (cb->event != event)
			continue;
		cb->active = true;
		rte_spinlock_unlock(&event_lock);
		rc = cb->fn(port_id, event, cb->arg, ret_param);
		rte_spinlock_lock(&event_lock);
		cb->active = false;
	}
	rte_spinlock_unlock(&event_lock);
	return rc;
}

/* ---- transmit buffers ----------------------------------------------------------- */

int rte_eth_tx_buffer_init(struct rte_eth_dev_tx_buffer *buffer, uint16_t size)
{
	if (buffer == NULL)
		return -EINVAL;
	buffer->size = size;
	if (buffer->error_callback == NULL)
		return rte_eth_tx_buffer_set_err_callback(buffer, rte_eth_tx_buffer_drop_callback,
							  NULL);
	return 0;
}

int rte_eth_tx_buffer_set_err_callback(struct rte_eth_dev_tx_buffer *buffer,
				       buffer_tx_error_fn callback, void *userdata)
{
	if (buffer == NULL)
		return -EINVAL;
	buffer->error_callback = callback;
	buffer->error_userdata = userdata;
	return 0;
}

void rte_eth_tx_buffer_drop_callback(struct rte_mbuf **pkts, uint16_t unsent, void *userdata)
{
	RTE_SET_USED(userdata);
	for (uint16_t i = 0; i < unsent; i++)
		rte_pktmbuf_free(pkts[i]);
}

void rte_eth_tx_buffer_count_callback(struct rte_mbuf **pkts, uint16_t unsent, void *userdata)
{
	uint64_t *count = userdata;

	rte_eth_tx_buffer_drop_callback(pkts, unsent, NULL);
	*count += unsent;
}
