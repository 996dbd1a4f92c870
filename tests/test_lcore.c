/* SPDX-License-Identifier: BSD-3-Clause
 * Lcore threads: ids and roles from -l, where workers run, launching and waiting,
 * busy lcores, per-lcore variables, non-EAL threads, sockets, and that idle
 * workers sleep rather than spin.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_memory.h>
#include <rte_per_lcore.h>

#include "eal_private.h"
#include "rtetest.h"

/* Three lcores on a machine that may have only two CPUs. */
static int setup_three(void **state)
{
	(void)state;
	return rtetest_boot(rtetest_hal_is_sim() ? "-l 0-2 --sim=sockets=2" : "-l 0-2");
}

static volatile int release_flag;

static int teardown(void **state)
{
	(void)state;
	/* A failed test may leave a worker blocked: let it go, cleanup joins it. */
	__atomic_store_n(&release_flag, 1, __ATOMIC_RELEASE);
	return rte_eal_cleanup();
}

static void test_ids_and_roles(void **state)
{
	unsigned int i, n;
	unsigned int seen[RTE_MAX_LCORE];

	(void)state;
	assert_int_equal(rte_lcore_count(), 3);
	assert_int_equal(rte_get_main_lcore(), 0);
	assert_int_equal(rte_lcore_id(), 0);
	assert_int_equal(rte_lcore_index(-1), 0);
	assert_int_equal(rte_lcore_index(2), 2);
	assert_int_equal(rte_lcore_index(3), -1);
	assert_int_equal(rte_lcore_index(RTE_MAX_LCORE), -1);
	for (i = 0; i < 3; i++) {
		assert_true(rte_lcore_is_enabled(i));
		assert_int_equal(rte_eal_lcore_role(i), ROLE_RTE);
		assert_int_equal(rte_lcore_has_role(i, ROLE_RTE), 1);
	}
	assert_false(rte_lcore_is_enabled(3));
	assert_false(rte_lcore_is_enabled(RTE_MAX_LCORE));
	assert_int_equal(rte_eal_lcore_role(3), ROLE_OFF);
	assert_int_equal(rte_lcore_has_role(RTE_MAX_LCORE, ROLE_RTE), -EINVAL);

	n = 0;
	RTE_LCORE_FOREACH(i)
		seen[n++] = i;
	assert_int_equal(n, 3);
	assert_int_equal(seen[0], 0);
	assert_int_equal(seen[1], 1);
	assert_int_equal(seen[2], 2);

	n = 0;
	RTE_LCORE_FOREACH_WORKER(i)
		seen[n++] = i;
	assert_int_equal(n, 2);
	assert_int_equal(seen[0], 1);
	assert_int_equal(seen[1], 2);

	assert_int_equal(rte_get_next_lcore(2, 0, 0), RTE_MAX_LCORE);
	assert_int_equal(rte_get_next_lcore(2, 0, 1), 0);
	assert_int_equal(rte_get_next_lcore(2, 1, 1), 1);
	assert_int_equal(rte_get_next_lcore(0, 1, 0), 1);
	assert_int_equal(rte_get_next_lcore(-1, 1, 0), 1);
}

static void test_cpuset_and_sockets(void **state)
{
	rte_cpuset_t set;

	(void)state;
	set = rte_lcore_cpuset(1);
	assert_int_equal(CPU_COUNT(&set), 1);
	assert_true(CPU_ISSET(1, &set));
	assert_int_equal(rte_lcore_to_cpu_id(1), 1);
	assert_int_equal(rte_lcore_to_cpu_id(3), -1);
	set = rte_lcore_cpuset(RTE_MAX_LCORE);
	assert_int_equal(CPU_COUNT(&set), 0);

	assert_true(rte_socket_count() >= 1);
	assert_int_equal(rte_socket_id_by_idx(0), 0);
	rte_errno = 0;
	assert_int_equal(rte_socket_id_by_idx(rte_socket_count()), -1);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_socket_id(), rte_lcore_to_socket_id(0));
	assert_int_equal(rte_lcore_to_socket_id(RTE_MAX_LCORE), (unsigned int)SOCKET_ID_ANY);
	if (rtetest_hal_is_sim()) {
		/* sim spreads CPUs round-robin over its sockets. */
		assert_int_equal(rte_socket_count(), 2);
		assert_int_equal(rte_socket_id_by_idx(1), 1);
		assert_int_equal(rte_lcore_to_socket_id(0), 0);
		assert_int_equal(rte_lcore_to_socket_id(1), 1);
		assert_int_equal(rte_lcore_to_socket_id(2), 0);
	}
}

static rte_cpuset_t affinity_of[RTE_MAX_LCORE];
static char name_of[RTE_MAX_LCORE][16];

static int record_affinity_and_name(void *arg)
{
	unsigned int id = rte_lcore_id();

	(void)arg;
	if (rte_thread_getname(pthread_self(), name_of[id], sizeof(name_of[id])) != 0)
		return -1;
	return pthread_getaffinity_np(pthread_self(), sizeof(rte_cpuset_t), &affinity_of[id]);
}

/*
 * Each worker runs on its lcore's CPU from the start; one whose CPU this
 * machine does not have runs where the main lcore does (-l 0-2 on two CPUs).
 * Each is named after its lcore.
 */
static void test_worker_threads(void **state)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned int w;

	(void)state;
	RTE_LCORE_FOREACH_WORKER(w) {
		rte_cpuset_t want = rte_lcore_cpuset(w);
		char name[16];

		if ((long)w >= ncpu)
			want = rte_lcore_cpuset(rte_get_main_lcore());
		snprintf(name, sizeof(name), "rte-worker-%u", w);
		assert_int_equal(rte_eal_remote_launch(record_affinity_and_name, NULL, w), 0);
		assert_int_equal(rte_eal_wait_lcore(w), 0);
		assert_true(CPU_EQUAL(&affinity_of[w], &want));
		assert_string_equal(name_of[w], name);
	}
}

/* What a worker saw of itself. */
struct whoami {
	unsigned int lcore_id;
	int index;
	unsigned int socket;
	void *per_lcore_addr;
};

static RTE_DEFINE_PER_LCORE(int, test_var);
static struct whoami seen_by[RTE_MAX_LCORE];

static int report_self(void *arg)
{
	unsigned int id = rte_lcore_id();

	(void)arg;
	if (id >= RTE_MAX_LCORE)
		return -1;
	RTE_PER_LCORE(test_var) = (int)id * 10;
	seen_by[id].lcore_id = id;
	seen_by[id].index = rte_lcore_index(-1);
	seen_by[id].socket = rte_socket_id();
	seen_by[id].per_lcore_addr = &RTE_PER_LCORE(test_var);
	return 100 + (int)id;
}

static void test_remote_launch_and_wait(void **state)
{
	unsigned int i;

	(void)state;
	memset(seen_by, 0, sizeof(seen_by));
	RTE_PER_LCORE(test_var) = -1;
	RTE_LCORE_FOREACH_WORKER(i)
		assert_int_equal(rte_eal_remote_launch(report_self, NULL, i), 0);
	RTE_LCORE_FOREACH_WORKER(i) {
		assert_int_equal(rte_eal_wait_lcore(i), 100 + (int)i);
		assert_int_equal(rte_eal_get_lcore_state(i), WAIT);
		assert_int_equal(seen_by[i].lcore_id, i);
		assert_int_equal(seen_by[i].index, (int)i);
		assert_int_equal(seen_by[i].socket, rte_lcore_to_socket_id(i));
	}
	/* Each thread has its own instance; the main one is untouched. */
	assert_ptr_not_equal(seen_by[1].per_lcore_addr, seen_by[2].per_lcore_addr);
	assert_ptr_not_equal(seen_by[1].per_lcore_addr, &RTE_PER_LCORE(test_var));
	assert_int_equal(RTE_PER_LCORE(test_var), -1);
	/* Waiting again gives the last result again. */
	assert_int_equal(rte_eal_wait_lcore(1), 101);

	/* The same worker can be launched again and again. */
	for (int round = 0; round < 50; round++) {
		assert_int_equal(rte_eal_remote_launch(report_self, NULL, 2), 0);
		assert_int_equal(rte_eal_wait_lcore(2), 102);
	}
}

static int block_until_released(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&release_flag, __ATOMIC_ACQUIRE))
		usleep(100);
	return 7;
}

static void test_busy_lcore(void **state)
{
	(void)state;
	__atomic_store_n(&release_flag, 0, __ATOMIC_RELEASE);
	assert_int_equal(rte_eal_remote_launch(block_until_released, NULL, 1), 0);
	assert_int_equal(rte_eal_get_lcore_state(1), RUNNING);
	assert_int_equal(rte_eal_remote_launch(report_self, NULL, 1), -EBUSY);
	/* All or nothing: lcore 2 is idle but must not be launched either. */
	assert_int_equal(rte_eal_mp_remote_launch(report_self, NULL, SKIP_MAIN), -EBUSY);
	assert_int_equal(rte_eal_get_lcore_state(2), WAIT);

	__atomic_store_n(&release_flag, 1, __ATOMIC_RELEASE);
	assert_int_equal(rte_eal_wait_lcore(1), 7);
	assert_int_equal(rte_eal_get_lcore_state(1), WAIT);
}

static unsigned int calls;
static uint64_t lcore_mask;

static int count_call(void *arg)
{
	(void)arg;
	__atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
	__atomic_fetch_or(&lcore_mask, UINT64_C(1) << rte_lcore_id(), __ATOMIC_RELAXED);
	return 0;
}

static void test_mp_launch(void **state)
{
	(void)state;
	calls = 0;
	lcore_mask = 0;
	assert_int_equal(rte_eal_mp_remote_launch(count_call, NULL, CALL_MAIN), 0);
	rte_eal_mp_wait_lcore();
	assert_int_equal(calls, 3);
	assert_int_equal(lcore_mask, 0x7);

	calls = 0;
	lcore_mask = 0;
	assert_int_equal(rte_eal_mp_remote_launch(count_call, NULL, SKIP_MAIN), 0);
	rte_eal_mp_wait_lcore();
	assert_int_equal(calls, 2);
	assert_int_equal(lcore_mask, 0x6);
}

static void test_bad_launch(void **state)
{
	(void)state;
	assert_int_equal(rte_eal_remote_launch(report_self, NULL, 0), -EINVAL); /* main */
	assert_int_equal(rte_eal_remote_launch(report_self, NULL, 3), -EINVAL); /* off */
	assert_int_equal(rte_eal_remote_launch(report_self, NULL, RTE_MAX_LCORE), -EINVAL);
	assert_int_equal(rte_eal_remote_launch(NULL, NULL, 1), -EINVAL);
	assert_int_equal(rte_eal_mp_remote_launch(NULL, NULL, CALL_MAIN), -EINVAL);
	assert_int_equal(rte_eal_get_lcore_state(RTE_MAX_LCORE), WAIT);
	assert_int_equal(rte_eal_wait_lcore(RTE_MAX_LCORE), 0);
}

struct non_eal_view {
	unsigned int lcore_id;
	int index;
	unsigned int socket;
};

static void *non_eal_thread(void *arg)
{
	struct non_eal_view *v = arg;

	v->lcore_id = rte_lcore_id();
	v->index = rte_lcore_index(-1);
	v->socket = rte_socket_id();
	return NULL;
}

static void test_non_eal_thread(void **state)
{
	struct non_eal_view v;
	pthread_t t;

	(void)state;
	assert_int_equal(pthread_create(&t, NULL, non_eal_thread, &v), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(v.lcore_id, LCORE_ID_ANY);
	assert_int_equal(v.index, -1);
	assert_int_equal(v.socket, (unsigned int)SOCKET_ID_ANY);
}

struct registered_view {
	int ret;
	unsigned int lcore_id;
	unsigned int count_inside;
	enum rte_lcore_role_t role;
	unsigned int id_after;
	pthread_barrier_t *both_registered;
};

static void *register_thread(void *arg)
{
	struct registered_view *v = arg;

	v->ret = rte_thread_register();
	v->lcore_id = rte_lcore_id();
	v->role = rte_eal_lcore_role(v->lcore_id);
	/* Registering twice keeps the id. */
	if (rte_thread_register() != 0 || rte_lcore_id() != v->lcore_id)
		v->ret = -100;
	pthread_barrier_wait(v->both_registered);
	v->count_inside = rte_lcore_count();
	pthread_barrier_wait(v->both_registered);
	rte_thread_unregister();
	v->id_after = rte_lcore_id();
	return NULL;
}

/* Non-EAL threads take free lcore ids while registered. */
static void test_thread_register(void **state)
{
	struct registered_view v[2];
	pthread_barrier_t barrier;
	pthread_t t[2];
	unsigned int i;

	(void)state;
	assert_int_equal(pthread_barrier_init(&barrier, NULL, 2), 0);
	for (i = 0; i < 2; i++) {
		memset(&v[i], 0, sizeof(v[i]));
		v[i].both_registered = &barrier;
		assert_int_equal(pthread_create(&t[i], NULL, register_thread, &v[i]), 0);
	}
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	pthread_barrier_destroy(&barrier);
	for (i = 0; i < 2; i++) {
		assert_int_equal(v[i].ret, 0);
		assert_true(v[i].lcore_id == 3 || v[i].lcore_id == 4);
		assert_int_equal(v[i].role, ROLE_NON_EAL);
		assert_int_equal(v[i].count_inside, 5);
		assert_int_equal(v[i].id_after, LCORE_ID_ANY);
	}
	assert_int_not_equal(v[0].lcore_id, v[1].lcore_id);
	/* All given back; the EAL lcores are untouched. */
	assert_int_equal(rte_lcore_count(), 3);
	assert_int_equal(rte_eal_lcore_role(3), ROLE_OFF);
	assert_int_equal(rte_eal_lcore_role(4), ROLE_OFF);
	assert_false(rte_lcore_is_enabled(3));
	/* An EAL thread is already an lcore: register is a no-op, unregister too. */
	assert_int_equal(rte_thread_register(), 0);
	assert_int_equal(rte_lcore_id(), 0);
	rte_thread_unregister();
	assert_int_equal(rte_lcore_id(), 0);
	assert_int_equal(rte_lcore_count(), 3);
}

static uint64_t thread_cpu_ns(pthread_t t)
{
	clockid_t cid;
	struct timespec ts;

	assert_int_equal(pthread_getcpuclockid(t, &cid), 0);
	assert_int_equal(clock_gettime(cid, &ts), 0);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ---- lcore callbacks, iteration, thread names, control threads -------- */

struct cb_log {
	unsigned int inits[RTE_MAX_LCORE], uninits[RTE_MAX_LCORE];
	unsigned int refuse; /* an lcore whose init fails, or RTE_MAX_LCORE */
};

static int log_init(unsigned int id, void *arg)
{
	struct cb_log *l = arg;

	l->inits[id]++;
	return id == l->refuse ? -1 : 0;
}

static void log_uninit(unsigned int id, void *arg)
{
	((struct cb_log *)arg)->uninits[id]++;
}

static int count_lcore(unsigned int id, void *arg)
{
	(void)id;
	++*(unsigned int *)arg;
	return 0;
}

static int stop_at_one(unsigned int id, void *arg)
{
	(void)arg;
	return id == 1 ? 42 : 0;
}

struct reg_result {
	int ret, err;
	unsigned int id;
};

static void *register_and_leave(void *arg)
{
	struct reg_result *r = arg;

	r->ret = rte_thread_register();
	r->err = rte_errno;
	r->id = rte_lcore_id();
	rte_thread_unregister();
	return NULL;
}

static struct reg_result thread_registers(void)
{
	struct reg_result r = { -2, 0, 0 };
	pthread_t t;

	assert_int_equal(pthread_create(&t, NULL, register_and_leave, &r), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	return r;
}

static void test_lcore_callbacks(void **state)
{
	static struct cb_log a, b;
	struct reg_result r;
	unsigned int n = 0, id;
	void *ha, *hb;

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.refuse = b.refuse = RTE_MAX_LCORE;
	assert_null(rte_lcore_callback_register(NULL, log_init, log_uninit, &a));
	/* registered: init for each of the three EAL lcores, nothing else */
	ha = rte_lcore_callback_register("a", log_init, log_uninit, &a);
	assert_non_null(ha);
	for (unsigned int i = 0; i < RTE_MAX_LCORE; i++) {
		assert_int_equal(a.inits[i], i < 3 ? 1 : 0);
		assert_int_equal(a.uninits[i], 0);
	}
	/* refused on lcore 1: lcore 0 undone, no handle, nothing left behind */
	b.refuse = 1;
	assert_null(rte_lcore_callback_register("b", log_init, log_uninit, &b));
	assert_int_equal(b.inits[0], 1);
	assert_int_equal(b.inits[1], 1);
	assert_int_equal(b.inits[2], 0);
	assert_int_equal(b.uninits[0], 1);
	assert_int_equal(b.uninits[1], 0);
	/* a thread that registers and leaves: init then uninit on its id */
	r = thread_registers();
	assert_int_equal(r.ret, 0);
	assert_true(r.id >= 3 && r.id < RTE_MAX_LCORE);
	assert_int_equal(a.inits[r.id], 1);
	assert_int_equal(a.uninits[r.id], 1);
	/* a callback that refuses the id a thread would get (the same, the
	 * lowest free): registration fails with ENOMEM, a's init is undone */
	id = r.id;
	memset(&b, 0, sizeof(b));
	b.refuse = id;
	hb = rte_lcore_callback_register("b", log_init, log_uninit, &b);
	assert_non_null(hb);
	r = thread_registers();
	assert_int_equal(r.ret, -1);
	assert_int_equal(r.err, ENOMEM);
	assert_int_equal(r.id, LCORE_ID_ANY);
	assert_int_equal(a.inits[id], 2);
	assert_int_equal(a.uninits[id], 2);
	assert_int_equal(rte_lcore_count(), 3);
	/* unregister: uninit on every lcore in use */
	rte_lcore_callback_unregister(hb);
	assert_int_equal(b.uninits[0] + b.uninits[1] + b.uninits[2], 3);
	rte_lcore_callback_unregister(ha);
	for (unsigned int i = 0; i < 3; i++)
		assert_int_equal(a.uninits[i], 1);
	rte_lcore_callback_unregister(NULL);
	/* iteration: every lcore in use; a non-zero return stops it */
	assert_int_equal(rte_lcore_iterate(count_lcore, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(rte_lcore_iterate(stop_at_one, NULL), 42);
}

static void *ctrl_main(void *arg)
{
	char name[32] = "";
	unsigned int *out = arg;

	rte_thread_getname(pthread_self(), name, sizeof(name));
	out[0] = strcmp(name, "rtemem-ctrl") == 0;
	out[1] = rte_lcore_id();
	return arg;
}

static void test_thread_names_and_ctrl_threads(void **state)
{
	unsigned int out[2] = { 0, 0 };
	char name[32];
	pthread_t t;
	void *ret;

	(void)state;
	assert_int_equal(rte_thread_setname(pthread_self(), "rtemem-main"), 0);
	memset(name, 'x', sizeof(name));
	assert_int_equal(rte_thread_getname(pthread_self(), name, sizeof(name)), 0);
	assert_string_equal(name, "rtemem-main");
	/* pthread's limit is 15 characters: a longer name is refused */
	assert_int_equal(rte_thread_setname(pthread_self(), "a-name-of-sixteen"), -ERANGE);
	assert_int_equal(rte_thread_getname(pthread_self(), name, 4), -ERANGE);

	assert_int_equal(rte_ctrl_thread_create(&t, "rtemem-ctrl", NULL, ctrl_main, out), 0);
	assert_int_equal(pthread_join(t, &ret), 0);
	assert_ptr_equal(ret, out);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], LCORE_ID_ANY);
	assert_int_equal(rte_ctrl_thread_create(&t, "x", NULL, NULL, NULL), -EINVAL);
}

/* An idle worker sleeps: it uses (almost) no CPU time while nothing runs. */
static void test_idle_workers_sleep(void **state)
{
	uint64_t before[3], after[3];
	unsigned int i;

	(void)state;
	RTE_LCORE_FOREACH_WORKER(i)
		before[i] = thread_cpu_ns(lcore_config[i].thread_id);
	usleep(200 * 1000);
	RTE_LCORE_FOREACH_WORKER(i) {
		after[i] = thread_cpu_ns(lcore_config[i].thread_id);
		/* A spinning thread would burn most of the 200 ms. */
		assert_true(after[i] - before[i] < 20 * 1000 * 1000);
	}
}

static void test_dump(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	rte_lcore_dump(f);
	fclose(f);
	assert_non_null(strstr(buf, "lcore 0,"));
	assert_non_null(strstr(buf, "lcore 2,"));
	assert_null(strstr(buf, "lcore 3,"));
	assert_non_null(strstr(buf, "main"));
	free(buf);
}

/* EAL comes up again with other lcores; the old threads are gone. */
static void test_reinit_four_lcores(void **state)
{
	unsigned int i;

	(void)state;
	assert_int_equal(rte_eal_cleanup(), 0);
	assert_int_equal(rte_lcore_id(), LCORE_ID_ANY);
	rte_errno = 0;
	assert_int_equal(rte_thread_register(), -1); /* no EAL */
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rtetest_boot("-l 0-3"), 0);
	assert_int_equal(rte_lcore_count(), 4);
	calls = 0;
	lcore_mask = 0;
	assert_int_equal(rte_eal_mp_remote_launch(count_call, NULL, CALL_MAIN), 0);
	rte_eal_mp_wait_lcore();
	assert_int_equal(calls, 4);
	assert_int_equal(lcore_mask, 0xf);
	RTE_LCORE_FOREACH_WORKER(i)
		assert_true(lcore_config[i].thread_started);
}

/* Main lcore other than 0. */
static void test_main_lcore_option(void **state)
{
	unsigned int i, n = 0;

	(void)state;
	assert_int_equal(rte_eal_cleanup(), 0);
	assert_int_equal(rtetest_boot("-l 0-2 --main-lcore 1"), 0);
	assert_int_equal(rte_get_main_lcore(), 1);
	assert_int_equal(rte_lcore_id(), 1);
	RTE_LCORE_FOREACH_WORKER(i) {
		assert_int_not_equal(i, 1);
		n++;
	}
	assert_int_equal(n, 2);
	assert_int_equal(rte_eal_remote_launch(report_self, NULL, 1), -EINVAL);
	assert_int_equal(rte_eal_remote_launch(report_self, NULL, 0), 0);
	assert_int_equal(rte_eal_wait_lcore(0), 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_and_roles),
		cmocka_unit_test(test_cpuset_and_sockets),
		cmocka_unit_test(test_worker_threads),
		cmocka_unit_test(test_remote_launch_and_wait),
		cmocka_unit_test(test_busy_lcore),
		cmocka_unit_test(test_mp_launch),
		cmocka_unit_test(test_bad_launch),
		cmocka_unit_test(test_non_eal_thread),
		cmocka_unit_test(test_thread_register),
		cmocka_unit_test(test_lcore_callbacks),
		cmocka_unit_test(test_thread_names_and_ctrl_threads),
		cmocka_unit_test(test_idle_workers_sleep),
		cmocka_unit_test(test_dump),
		cmocka_unit_test(test_reinit_four_lcores),
		cmocka_unit_test(test_main_lcore_option),
	};

	return cmocka_run_group_tests_name("lcore", tests, setup_three, teardown);
}
