/* SPDX-License-Identifier: BSD-3-Clause
 * Memory event callbacks and allocation validators (rte_memory.h). Both
 * are per-process lists of named hooks: events are known by (name, arg),
 * validators by (name, socket), as in DPDK. The heaps call in with the
 * hotplug lock held (malloc_heap.c): validators before a heap grows,
 * events after pages were mapped and before they are unmapped.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_memory.h>

#include "eal_mem_event.h"

struct mem_hook {
	struct mem_hook *next;
	char name[RTE_MEM_EVENT_CALLBACK_NAME_LEN];
	uintptr_t key; /* events: arg; validators: socket */
	rte_mem_event_callback_t event;
	rte_mem_alloc_validator_t validator;
	size_t limit;
};

/* Readers are the heaps; writers (un)register. A hook must not register. */
static pthread_rwlock_t hook_lock = PTHREAD_RWLOCK_INITIALIZER;
static struct mem_hook *events, *validators;

/* RTE_MEM_EVENT_CALLBACK_NAME_LEN == RTE_MEM_ALLOC_VALIDATOR_NAME_LEN. */
static int name_check(const char *name)
{
	size_t len;

	if (name == NULL)
		return -EINVAL;
	len = strnlen(name, RTE_MEM_EVENT_CALLBACK_NAME_LEN);
	if (len == 0)
		return -EINVAL;
	return len == RTE_MEM_EVENT_CALLBACK_NAME_LEN ? -ENAMETOOLONG : 0;
}

/* hook_lock held. */
static struct mem_hook **hook_find(struct mem_hook **list, const char *name, uintptr_t key)
{
	while (*list != NULL && ((*list)->key != key || strcmp((*list)->name, name) != 0))
		list = &(*list)->next;
	return list;
}

/* Add proto (copied) under name: 0 or -errno. */
static int hook_add(struct mem_hook **list, const char *name, const struct mem_hook *proto)
{
	struct mem_hook *h, **slot;
	int ret = name_check(name);

	if (ret < 0)
		return ret;
	h = malloc(sizeof(*h));
	if (h == NULL)
		return -ENOMEM;
	*h = *proto;
	memcpy(h->name, name, strlen(name) + 1);
	pthread_rwlock_wrlock(&hook_lock);
	slot = hook_find(list, name, proto->key);
	if (*slot != NULL) {
		pthread_rwlock_unlock(&hook_lock);
		free(h);
		return -EEXIST;
	}
	h->next = NULL;
	*slot = h;
	pthread_rwlock_unlock(&hook_lock);
	return 0;
}

static int hook_del(struct mem_hook **list, const char *name, uintptr_t key)
{
	struct mem_hook *h = NULL, **slot;
	int ret = name_check(name);

	if (ret < 0)
		return ret;
	pthread_rwlock_wrlock(&hook_lock);
	slot = hook_find(list, name, key);
	if (*slot != NULL) {
		h = *slot;
		*slot = h->next;
	}
	pthread_rwlock_unlock(&hook_lock);
	free(h);
	return h != NULL ? 0 : -ENOENT;
}

static int public_result(int ret)
{
	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

int rte_mem_event_callback_register(const char *name, rte_mem_event_callback_t clb, void *arg)
{
	struct mem_hook proto = { .key = (uintptr_t)arg, .event = clb };

	if (clb == NULL)
		return public_result(-EINVAL);
	return public_result(hook_add(&events, name, &proto));
}

int rte_mem_event_callback_unregister(const char *name, void *arg)
{
	return public_result(hook_del(&events, name, (uintptr_t)arg));
}

int rte_mem_alloc_validator_register(const char *name, rte_mem_alloc_validator_t clb,
				     int socket_id, size_t limit)
{
	struct mem_hook proto = { .key = (uintptr_t)socket_id, .validator = clb, .limit = limit };

	if (clb == NULL || socket_id < 0)
		return public_result(-EINVAL);
	return public_result(hook_add(&validators, name, &proto));
}

int rte_mem_alloc_validator_unregister(const char *name, int socket_id)
{
	if (socket_id < 0)
		return public_result(-EINVAL);
	return public_result(hook_del(&validators, name, (uintptr_t)socket_id));
}

void eal_mem_event_notify(enum rte_mem_event event, const void *addr, size_t len)
{
	pthread_rwlock_rdlock(&hook_lock);
	for (const struct mem_hook *h = events; h != NULL; h = h->next)
		h->event(event, addr, len, (void *)h->key);
	pthread_rwlock_unlock(&hook_lock);
}

int eal_mem_alloc_validate(int socket, size_t new_len)
{
	int ret = 0;

	pthread_rwlock_rdlock(&hook_lock);
	for (const struct mem_hook *h = validators; h != NULL && ret == 0; h = h->next)
		if (h->key == (uintptr_t)socket && new_len >= h->limit &&
		    h->validator(socket, h->limit, new_len) < 0)
			ret = -EPERM;
	pthread_rwlock_unlock(&hook_lock);
	return ret;
}
