/* SPDX-License-Identifier: BSD-3-Clause
 * rte_random.h: rte_srand, rte_rand, rte_rand_max, rte_drand (DPDK 22.11).
 * The statistical checks run from fixed seeds, so they are deterministic:
 * a pass or a fail here is the same on every run.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_random.h>

#include "rtetest.h"

#define DRAWS 100000

static int setup(void **state)
{
	(void)state;
	return rtetest_boot("--in-memory -l 0-1");
}

static int teardown(void **state)
{
	(void)state;
	rte_eal_cleanup();
	return 0;
}

static void draw(uint64_t *out, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		out[i] = rte_rand();
}

/* The same seed gives the same stream; another seed another one. */
static void test_seed_repeats(void **state)
{
	uint64_t a[64], b[64], c[64];

	(void)state;
	rte_srand(42);
	draw(a, 64);
	rte_srand(42);
	draw(b, 64);
	rte_srand(43);
	draw(c, 64);
	assert_memory_equal(a, b, sizeof(a));
	for (int i = 0; i < 64; i++)
		assert_true(a[i] != c[i]);
	/* not a constant or a counter */
	for (int i = 1; i < 64; i++)
		assert_true(a[i] != a[i - 1]);
}

/* Every bit is set about half the time. */
static void test_bits_balanced(void **state)
{
	unsigned int ones[64] = { 0 };

	(void)state;
	rte_srand(7);
	for (int i = 0; i < DRAWS; i++) {
		uint64_t v = rte_rand();

		for (int b = 0; b < 64; b++)
			ones[b] += (v >> b) & 1;
	}
	for (int b = 0; b < 64; b++)
		assert_in_range(ones[b], DRAWS / 2 - DRAWS / 50, DRAWS / 2 + DRAWS / 50);
}

/* rte_rand_max: always below the bound, and uniform over it. */
static void test_rand_max(void **state)
{
	static const uint64_t bounds[] = { 2, 3, 10, 1000, (1ULL << 32) + 1, (1ULL << 63) + 1,
					   UINT64_MAX };
	unsigned int count[10] = { 0 };

	(void)state;
	rte_srand(11);
	assert_int_equal(rte_rand_max(0), 0);
	assert_int_equal(rte_rand_max(1), 0);
	for (size_t i = 0; i < sizeof(bounds) / sizeof(bounds[0]); i++)
		for (int k = 0; k < 10000; k++)
			assert_true(rte_rand_max(bounds[i]) < bounds[i]);
	for (int i = 0; i < DRAWS; i++)
		count[rte_rand_max(10)]++;
	for (int v = 0; v < 10; v++)
		assert_in_range(count[v], DRAWS / 10 - DRAWS / 200, DRAWS / 10 + DRAWS / 200);
}

/* rte_drand: in [0, 1), mean one half. */
static void test_drand(void **state)
{
	double sum = 0;

	(void)state;
	rte_srand(13);
	for (int i = 0; i < DRAWS; i++) {
		double d = rte_drand();

		assert_true(d >= 0.0 && d < 1.0);
		sum += d;
	}
	assert_true(sum / DRAWS > 0.49 && sum / DRAWS < 0.51);
}

/* Each lcore, and each thread that is not one, draws its own stream. */
static uint64_t worker_draws[16];

static int draw_on_worker(void *arg)
{
	(void)arg;
	draw(worker_draws, 16);
	return 0;
}

static void *draw_on_thread(void *arg)
{
	draw(arg, 16);
	return NULL;
}

static void test_streams_per_thread(void **state)
{
	uint64_t main_draws[16], thread_draws[16];
	pthread_t t;

	(void)state;
	rte_srand(99);
	memset(worker_draws, 0, sizeof(worker_draws));
	assert_int_equal(rte_eal_remote_launch(draw_on_worker, NULL, 1), 0);
	assert_int_equal(rte_eal_wait_lcore(1), 0);
	assert_int_equal(pthread_create(&t, NULL, draw_on_thread, thread_draws), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	draw(main_draws, 16);
	for (int i = 0; i < 16; i++) {
		assert_true(main_draws[i] != worker_draws[i]);
		assert_true(main_draws[i] != thread_draws[i]);
		assert_true(worker_draws[i] != thread_draws[i]);
	}
	/* the worker's stream is a function of the seed too */
	rte_srand(99);
	memcpy(main_draws, worker_draws, sizeof(main_draws));
	assert_int_equal(rte_eal_remote_launch(draw_on_worker, NULL, 1), 0);
	assert_int_equal(rte_eal_wait_lcore(1), 0);
	assert_memory_equal(main_draws, worker_draws, sizeof(main_draws));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_repeats),
		cmocka_unit_test(test_bits_balanced),
		cmocka_unit_test(test_rand_max),
		cmocka_unit_test(test_drand),
		cmocka_unit_test(test_streams_per_thread),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
