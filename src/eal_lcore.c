/* SPDX-License-Identifier: BSD-3-Clause
 * Lcore threads: one pinned thread per worker lcore, sleeping on a
 * condition variable until rte_eal_remote_launch hands it a function.
 *
 * The option parser has already filled rte_config.lcore_role[],
 * main_lcore, lcore_count and lcore_config[i].cpuset/socket_id/core_index.
 *
 * Launch protocol, all under the worker's own mutex:
 *   launcher: state must be WAIT; set f/arg, state = RUNNING, signal.
 *   worker:   sees RUNNING, runs f, stores ret, state = WAIT, signal.
 *   waiter:   sleeps while state == RUNNING, then reads ret.
 * state is also read without the lock (rte_eal_get_lcore_state), so it is
 * written with release and read with acquire: a reader that sees WAIT
 * also sees ret.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_memory.h>

#include "eal_private.h"

RTE_DEFINE_PER_LCORE(unsigned int, _lcore_id) = LCORE_ID_ANY;

struct lcore_thread {
	pthread_mutex_t lock;
	pthread_cond_t cond; /* broadcast on every state change and on stop */
	bool stop;           /* eal_lcores_stop asks the thread to return */
};

static struct lcore_thread lcore_threads[RTE_MAX_LCORE];

/* The main thread's affinity before eal_lcores_start pinned it. */
static rte_cpuset_t main_saved_cpuset;
static bool main_cpuset_saved;

static void set_state(struct lcore_config *lc, enum rte_lcore_state_t state)
{
	__atomic_store_n(&lc->state, state, __ATOMIC_RELEASE);
}

static enum rte_lcore_state_t get_state(const struct lcore_config *lc)
{
	return __atomic_load_n(&lc->state, __ATOMIC_ACQUIRE);
}

/*
 * Pin the calling (main) thread to the lcore's CPUs. An lcore may name a CPU this
 * machine does not have (tests ask for -l 0-3 on two CPUs): then it runs
 * unpinned and shares the CPUs with the others.
 */
static void pin_to_lcore(unsigned int lcore_id)
{
	int ret = pthread_setaffinity_np(pthread_self(), sizeof(rte_cpuset_t),
					 &lcore_config[lcore_id].cpuset);

	if (ret != 0)
		RTE_LOG(DEBUG, EAL, "lcore %u: cannot pin to its CPU (%s), running unpinned\n",
			lcore_id, strerror(ret));
}

static void *lcore_thread_main(void *arg)
{
	const unsigned int lcore_id = (unsigned int)(uintptr_t)arg;
	struct lcore_config *lc = &lcore_config[lcore_id];
	struct lcore_thread *t = &lcore_threads[lcore_id];
	char name[16];

	RTE_PER_LCORE(_lcore_id) = lcore_id;
	/* Named by itself: glibc names the calling thread with one prctl, any
	 * other by writing /proc/self/task/<tid>/comm (open, write, close). */
	snprintf(name, sizeof(name), "rte-worker-%u", lcore_id);
	pthread_setname_np(pthread_self(), name); /* cosmetic: failure is harmless */

	pthread_mutex_lock(&t->lock);
	for (;;) {
		while (get_state(lc) != RUNNING && !t->stop)
			pthread_cond_wait(&t->cond, &t->lock);
		if (t->stop)
			break;
		lcore_function_t *f = lc->f;
		void *f_arg = lc->arg;

		pthread_mutex_unlock(&t->lock);
		int ret = f(f_arg);
		pthread_mutex_lock(&t->lock);

		lc->ret = ret;
		lc->f = NULL;
		lc->arg = NULL;
		set_state(lc, WAIT);
		pthread_cond_broadcast(&t->cond);
	}
	pthread_mutex_unlock(&t->lock);
	return NULL;
}

/*
 * Create the lcore's thread already pinned: glibc sets the affinity before
 * the thread first runs, where pinning itself would have the kernel migrate
 * a running thread off the CPU it started on (the main thread's, pinned
 * already). An lcore may name a CPU this machine does not have: then the
 * thread starts as the main thread is, as pin_to_lcore leaves it.
 */
static int create_worker(unsigned int lcore_id)
{
	struct lcore_config *lc = &lcore_config[lcore_id];
	void *arg = (void *)(uintptr_t)lcore_id;
	pthread_attr_t attr;
	int ret = pthread_attr_init(&attr);

	if (ret == 0) {
		ret = pthread_attr_setaffinity_np(&attr, sizeof(rte_cpuset_t), &lc->cpuset);
		if (ret == 0)
			ret = pthread_create(&lc->thread_id, &attr, lcore_thread_main, arg);
		pthread_attr_destroy(&attr);
	}
	if (ret == EINVAL) {
		RTE_LOG(DEBUG, EAL, "lcore %u: cannot pin to its CPU, running unpinned\n", lcore_id);
		ret = pthread_create(&lc->thread_id, NULL, lcore_thread_main, arg);
	}
	return ret;
}

static bool is_worker(unsigned int lcore_id)
{
	return lcore_id < RTE_MAX_LCORE && lcore_id != rte_config.main_lcore &&
	       rte_config.lcore_role[lcore_id] == ROLE_RTE;
}

int eal_lcores_start(void)
{
	unsigned int i;

	main_cpuset_saved = pthread_getaffinity_np(pthread_self(), sizeof(main_saved_cpuset),
						   &main_saved_cpuset) == 0;
	pin_to_lcore(rte_config.main_lcore);
	RTE_PER_LCORE(_lcore_id) = rte_config.main_lcore;

	for (i = 0; i < RTE_MAX_LCORE; i++) {
		struct lcore_config *lc = &lcore_config[i];
		struct lcore_thread *t = &lcore_threads[i];
		int ret;

		lc->thread_started = false;
		lc->f = NULL;
		lc->arg = NULL;
		lc->ret = 0;
		set_state(lc, WAIT);
		if (!is_worker(i))
			continue;

		pthread_mutex_init(&t->lock, NULL);
		pthread_cond_init(&t->cond, NULL);
		t->stop = false;
		ret = create_worker(i);
		if (ret != 0) {
			RTE_LOG(ERR, EAL, "cannot create the thread of lcore %u: %s\n", i,
				strerror(ret));
			pthread_cond_destroy(&t->cond);
			pthread_mutex_destroy(&t->lock);
			return -ret; /* rte_eal_init calls eal_lcores_stop for the others */
		}
		lc->thread_started = true;
	}
	return 0;
}

void eal_lcores_stop(void)
{
	unsigned int i;

	for (i = 0; i < RTE_MAX_LCORE; i++) {
		struct lcore_config *lc = &lcore_config[i];
		struct lcore_thread *t = &lcore_threads[i];

		if (!lc->thread_started)
			continue;
		/* A function still running is waited for: threads are never cancelled. */
		pthread_mutex_lock(&t->lock);
		t->stop = true;
		pthread_cond_broadcast(&t->cond);
		pthread_mutex_unlock(&t->lock);
		pthread_join(lc->thread_id, NULL);
		pthread_cond_destroy(&t->cond);
		pthread_mutex_destroy(&t->lock);
		lc->thread_started = false;
		set_state(lc, WAIT);
	}
	if (main_cpuset_saved) {
		pthread_setaffinity_np(pthread_self(), sizeof(main_saved_cpuset),
				       &main_saved_cpuset);
		main_cpuset_saved = false;
	}
}

/* ---- rte_launch.h ---- */

int rte_eal_remote_launch(lcore_function_t *f, void *arg, unsigned int worker_id)
{
	struct lcore_config *lc;
	struct lcore_thread *t;
	int ret = 0;

	if (f == NULL || !is_worker(worker_id) || !lcore_config[worker_id].thread_started)
		return -EINVAL;
	lc = &lcore_config[worker_id];
	t = &lcore_threads[worker_id];

	pthread_mutex_lock(&t->lock);
	if (get_state(lc) != WAIT) {
		ret = -EBUSY;
	} else {
		lc->f = f;
		lc->arg = arg;
		set_state(lc, RUNNING);
		pthread_cond_broadcast(&t->cond);
	}
	pthread_mutex_unlock(&t->lock);
	return ret;
}

int rte_eal_mp_remote_launch(lcore_function_t *f, void *arg,
			     enum rte_rmt_call_main_t call_main)
{
	unsigned int lcore_id;
	const unsigned int main_lcore = rte_config.main_lcore;

	if (f == NULL)
		return -EINVAL;
	/* All or nothing: refuse before launching anything if one is busy. */
	RTE_LCORE_FOREACH_WORKER(lcore_id) {
		if (get_state(&lcore_config[lcore_id]) != WAIT)
			return -EBUSY;
	}
	RTE_LCORE_FOREACH_WORKER(lcore_id) {
		int ret = rte_eal_remote_launch(f, arg, lcore_id);

		if (ret < 0)
			RTE_LOG(ERR, EAL, "cannot launch on lcore %u: %d\n", lcore_id, ret);
	}
	if (call_main == CALL_MAIN) {
		set_state(&lcore_config[main_lcore], RUNNING);
		lcore_config[main_lcore].ret = f(arg);
		set_state(&lcore_config[main_lcore], WAIT);
	}
	return 0;
}

enum rte_lcore_state_t rte_eal_get_lcore_state(unsigned int worker_id)
{
	if (worker_id >= RTE_MAX_LCORE)
		return WAIT;
	return get_state(&lcore_config[worker_id]);
}

int rte_eal_wait_lcore(unsigned int worker_id)
{
	struct lcore_config *lc;
	struct lcore_thread *t;
	int ret;

	if (worker_id >= RTE_MAX_LCORE)
		return 0;
	lc = &lcore_config[worker_id];
	if (!is_worker(worker_id) || !lc->thread_started)
		return lc->ret;
	t = &lcore_threads[worker_id];

	pthread_mutex_lock(&t->lock);
	while (get_state(lc) == RUNNING)
		pthread_cond_wait(&t->cond, &t->lock);
	ret = lc->ret;
	pthread_mutex_unlock(&t->lock);
	return ret;
}

void rte_eal_mp_wait_lcore(void)
{
	unsigned int lcore_id;

	RTE_LCORE_FOREACH_WORKER(lcore_id)
		rte_eal_wait_lcore(lcore_id);
}

/* ---- rte_lcore.h ---- */

enum rte_lcore_role_t rte_eal_lcore_role(unsigned int lcore_id)
{
	if (lcore_id >= RTE_MAX_LCORE)
		return ROLE_OFF;
	return rte_config.lcore_role[lcore_id];
}

int rte_lcore_has_role(unsigned int lcore_id, enum rte_lcore_role_t role)
{
	if (lcore_id >= RTE_MAX_LCORE)
		return -EINVAL;
	return rte_config.lcore_role[lcore_id] == role;
}

unsigned int rte_get_main_lcore(void)
{
	return rte_config.main_lcore;
}

unsigned int rte_lcore_count(void)
{
	return rte_config.lcore_count;
}

int rte_lcore_index(int lcore_id)
{
	if (lcore_id >= RTE_MAX_LCORE)
		return -1;
	if (lcore_id < 0) {
		if (rte_lcore_id() == LCORE_ID_ANY)
			return -1;
		lcore_id = (int)rte_lcore_id();
	}
	if (rte_config.lcore_role[lcore_id] == ROLE_OFF)
		return -1;
	return (int)lcore_config[lcore_id].core_index;
}

unsigned int rte_lcore_to_socket_id(unsigned int lcore_id)
{
	if (lcore_id >= RTE_MAX_LCORE)
		return (unsigned int)SOCKET_ID_ANY;
	return lcore_config[lcore_id].socket_id;
}

unsigned int rte_socket_id(void)
{
	return rte_lcore_to_socket_id(rte_lcore_id());
}

unsigned int rte_socket_count(void)
{
	return rte_config.numa_node_count;
}

int rte_socket_id_by_idx(unsigned int idx)
{
	if (idx >= rte_config.numa_node_count) {
		rte_errno = EINVAL;
		return -1;
	}
	return (int)rte_config.numa_nodes[idx];
}

int rte_lcore_to_cpu_id(int lcore_id)
{
	if (lcore_id < 0 || lcore_id >= RTE_MAX_LCORE ||
	    rte_config.lcore_role[lcore_id] == ROLE_OFF)
		return -1;
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (CPU_ISSET(cpu, &lcore_config[lcore_id].cpuset))
			return cpu;
	}
	return -1;
}

rte_cpuset_t rte_lcore_cpuset(unsigned int lcore_id)
{
	rte_cpuset_t empty;

	if (lcore_id >= RTE_MAX_LCORE) {
		CPU_ZERO(&empty);
		return empty;
	}
	return lcore_config[lcore_id].cpuset;
}

int rte_lcore_is_enabled(unsigned int lcore_id)
{
	return lcore_id < RTE_MAX_LCORE && rte_config.lcore_role[lcore_id] == ROLE_RTE;
}

/*
 * The next enabled lcore after i (i = -1 starts from the beginning),
 * RTE_MAX_LCORE when there is none. With wrap, the search goes round once.
 */
unsigned int rte_get_next_lcore(unsigned int i, int skip_main, int wrap)
{
	for (unsigned int tried = 0; tried < RTE_MAX_LCORE; tried++) {
		i++;
		if (wrap)
			i %= RTE_MAX_LCORE;
		if (i >= RTE_MAX_LCORE)
			return RTE_MAX_LCORE;
		if (rte_lcore_is_enabled(i) && !(skip_main && i == rte_config.main_lcore))
			return i;
	}
	return RTE_MAX_LCORE;
}

static const char *role_name(enum rte_lcore_role_t role)
{
	switch (role) {
	case ROLE_RTE:
		return "RTE";
	case ROLE_SERVICE:
		return "SERVICE";
	case ROLE_NON_EAL:
		return "NON_EAL";
	default:
		return "OFF";
	}
}

void rte_lcore_dump(FILE *f)
{
	unsigned int i;

	if (f == NULL)
		f = stdout;
	for (i = 0; i < RTE_MAX_LCORE; i++) {
		const struct lcore_config *lc = &lcore_config[i];
		char cpus[256];
		size_t len = 0;

		if (rte_config.lcore_role[i] == ROLE_OFF)
			continue;
		cpus[0] = '\0';
		for (int cpu = 0; cpu < CPU_SETSIZE && len < sizeof(cpus) - 8; cpu++) {
			if (CPU_ISSET(cpu, &lc->cpuset))
				len += (size_t)snprintf(cpus + len, sizeof(cpus) - len, "%s%d",
							len ? "," : "", cpu);
		}
		fprintf(f, "lcore %u, socket %u, role %s, cpuset %s, %s%s\n", i, lc->socket_id,
			role_name(rte_config.lcore_role[i]), cpus,
			get_state(lc) == RUNNING ? "RUNNING" : "WAIT",
			i == rte_config.main_lcore ? ", main" : "");
	}
}

/* ---- non-EAL threads taking an lcore id, and lcore callbacks ---- */

/* Serialises picking and returning ids of registered threads, and the
 * callback list (callbacks run under it, as DPDK runs them under its lock). */
static pthread_mutex_t non_eal_lock = PTHREAD_MUTEX_INITIALIZER;

struct lcore_callback {
	struct lcore_callback *next;
	char name[64];
	rte_lcore_init_cb init;
	rte_lcore_uninit_cb uninit;
	void *arg;
};

static struct lcore_callback *callbacks; /* registration order */

static bool lcore_in_use(unsigned int id)
{
	return rte_config.lcore_role[id] != ROLE_OFF;
}

/* Run cb's init for lcore id; 0 when it has none. */
static int callback_init(const struct lcore_callback *cb, unsigned int id)
{
	return cb->init != NULL ? cb->init(id, cb->arg) : 0;
}

static void callback_uninit(const struct lcore_callback *cb, unsigned int id)
{
	if (cb->uninit != NULL)
		cb->uninit(id, cb->arg);
}

void *rte_lcore_callback_register(const char *name, rte_lcore_init_cb init,
				  rte_lcore_uninit_cb uninit, void *arg)
{
	struct lcore_callback *cb, **tail;
	unsigned int id;

	if (name == NULL)
		return NULL;
	cb = calloc(1, sizeof(*cb));
	if (cb == NULL)
		return NULL;
	snprintf(cb->name, sizeof(cb->name), "%s", name);
	cb->init = init;
	cb->uninit = uninit;
	cb->arg = arg;
	pthread_mutex_lock(&non_eal_lock);
	for (id = 0; id < RTE_MAX_LCORE; id++) {
		if (lcore_in_use(id) && callback_init(cb, id) != 0)
			break;
	}
	if (id < RTE_MAX_LCORE) {
		const unsigned int refused = id;

		/* Refused on one lcore: undo the ones done before it. */
		while (id-- > 0)
			if (lcore_in_use(id))
				callback_uninit(cb, id);
		pthread_mutex_unlock(&non_eal_lock);
		RTE_LOG(DEBUG, EAL, "lcore callback %s refused by lcore %u\n", name, refused);
		free(cb);
		return NULL;
	}
	for (tail = &callbacks; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = cb;
	pthread_mutex_unlock(&non_eal_lock);
	return cb;
}

void rte_lcore_callback_unregister(void *handle)
{
	struct lcore_callback **p;

	if (handle == NULL)
		return;
	pthread_mutex_lock(&non_eal_lock);
	for (p = &callbacks; *p != NULL && *p != handle; p = &(*p)->next)
		;
	if (*p != NULL) {
		for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
			if (lcore_in_use(id))
				callback_uninit(*p, id);
		*p = (*p)->next;
		free(handle);
	}
	pthread_mutex_unlock(&non_eal_lock);
}

int rte_lcore_iterate(rte_lcore_iterate_cb cb, void *arg)
{
	int ret = 0;

	pthread_mutex_lock(&non_eal_lock);
	for (unsigned int id = 0; id < RTE_MAX_LCORE && ret == 0; id++)
		if (lcore_in_use(id))
			ret = cb(id, arg);
	pthread_mutex_unlock(&non_eal_lock);
	return ret;
}

/* A new registered thread on lcore id: every callback's init, or none. */
static bool callbacks_accept(unsigned int id)
{
	for (const struct lcore_callback *cb = callbacks; cb != NULL; cb = cb->next) {
		if (callback_init(cb, id) == 0)
			continue;
		for (const struct lcore_callback *done = callbacks; done != cb; done = done->next)
			callback_uninit(done, id);
		return false;
	}
	return true;
}

int rte_thread_register(void)
{
	unsigned int id;

	if (!eal_is_initialized()) {
		rte_errno = EINVAL;
		return -1;
	}
	if (rte_lcore_id() != LCORE_ID_ANY)
		return 0;
	pthread_mutex_lock(&non_eal_lock);
	for (id = 0; id < RTE_MAX_LCORE; id++) {
		if (rte_config.lcore_role[id] == ROLE_OFF)
			break;
	}
	if (id < RTE_MAX_LCORE) {
		struct lcore_config *lc = &lcore_config[id];

		rte_config.lcore_role[id] = ROLE_NON_EAL;
		rte_config.lcore_count++;
		lc->core_index = (unsigned int)-1;
		lc->socket_id = (unsigned int)SOCKET_ID_ANY;
		if (pthread_getaffinity_np(pthread_self(), sizeof(lc->cpuset), &lc->cpuset) != 0)
			CPU_ZERO(&lc->cpuset);
		if (!callbacks_accept(id)) {
			/* As DPDK: a callback that refuses makes the id unavailable. */
			rte_config.lcore_role[id] = ROLE_OFF;
			rte_config.lcore_count--;
			CPU_ZERO(&lc->cpuset);
			id = RTE_MAX_LCORE;
		}
	}
	pthread_mutex_unlock(&non_eal_lock);
	if (id == RTE_MAX_LCORE) {
		rte_errno = ENOMEM;
		return -1;
	}
	RTE_PER_LCORE(_lcore_id) = id;
	return 0;
}

void rte_thread_unregister(void)
{
	const unsigned int id = rte_lcore_id();

	if (id >= RTE_MAX_LCORE || rte_config.lcore_role[id] != ROLE_NON_EAL)
		return; /* not a registered thread (EAL lcores stay what they are) */
	pthread_mutex_lock(&non_eal_lock);
	for (const struct lcore_callback *cb = callbacks; cb != NULL; cb = cb->next)
		callback_uninit(cb, id);
	rte_config.lcore_role[id] = ROLE_OFF;
	rte_config.lcore_count--;
	CPU_ZERO(&lcore_config[id].cpuset);
	pthread_mutex_unlock(&non_eal_lock);
	RTE_PER_LCORE(_lcore_id) = LCORE_ID_ANY;
}

/* ---- thread names and control threads ---- */

int rte_thread_setname(pthread_t id, const char *name)
{
	return -pthread_setname_np(id, name);
}

int rte_thread_getname(pthread_t id, char *name, size_t len)
{
	return -pthread_getname_np(id, name, len);
}

struct ctrl_start {
	void *(*start)(void *);
	void *arg;
	int ready; /* atomic: name and CPUs are set, the thread may start */
};

/* The thread starts its routine only once its creator has named and placed
 * it, so the routine never sees a half-made thread. */
static void *ctrl_thread_main(void *p)
{
	struct ctrl_start *cs = p;
	void *(*start)(void *) = cs->start;
	void *arg = cs->arg;

	while (!__atomic_load_n(&cs->ready, __ATOMIC_ACQUIRE))
		sched_yield();
	free(cs);
	return start(arg);
}

/* The CPUs of no lcore; the main lcore's when lcores cover them all. */
static void ctrl_cpuset(rte_cpuset_t *set)
{
	CPU_ZERO(set);
	if (sched_getaffinity(0, sizeof(*set), set) != 0)
		CPU_ZERO(set);
	for (unsigned int i = 0; i < RTE_MAX_LCORE; i++) {
		if (rte_config.lcore_role[i] != ROLE_RTE)
			continue;
		for (int c = 0; c < CPU_SETSIZE; c++)
			if (CPU_ISSET(c, &lcore_config[i].cpuset))
				CPU_CLR(c, set);
	}
	if (CPU_COUNT(set) == 0)
		*set = lcore_config[rte_config.main_lcore].cpuset;
}

int rte_ctrl_thread_create(pthread_t *thread, const char *name, const pthread_attr_t *attr,
			   void *(*start_routine)(void *), void *arg)
{
	struct ctrl_start *cs;
	rte_cpuset_t set;
	int ret;

	if (thread == NULL || start_routine == NULL)
		return -EINVAL;
	cs = malloc(sizeof(*cs));
	if (cs == NULL)
		return -ENOMEM;
	cs->start = start_routine;
	cs->arg = arg;
	cs->ready = 0;
	ret = pthread_create(thread, attr, ctrl_thread_main, cs);
	if (ret != 0) {
		free(cs);
		return -ret;
	}
	if (name != NULL && rte_thread_setname(*thread, name) < 0)
		RTE_LOG(DEBUG, EAL, "control thread name '%s' not set\n", name);
	ctrl_cpuset(&set);
	if (CPU_COUNT(&set) > 0)
		pthread_setaffinity_np(*thread, sizeof(set), &set);
	__atomic_store_n(&cs->ready, 1, __ATOMIC_RELEASE);
	return 0;
}
