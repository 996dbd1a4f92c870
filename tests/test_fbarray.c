/* SPDX-License-Identifier: BSD-3-Clause
 * rte_fbarray: every find_* against a plain bool-array model over many
 * patterns, the element/mask accessors, argument errors and their
 * rte_errno, init/attach/detach/destroy, and the mapping layout under 4K,
 * 16K and 64K base pages.
 *
 * Error codes checked are DPDK 22.11's (see src/fbarray.c): EINVAL for bad
 * arguments, ENOSPC when a search for free elements fails, ENOENT when a
 * search for used ones fails or destroy/detach is given an array this
 * process does not map, EBUSY for a second init of a name this process
 * holds, EEXIST for attach over an array this process already maps.
 *
 * attach after init in the same process: fails with EEXIST, as in DPDK
 * (the area is already mapped here). After detach, attach maps the same
 * shared file again at the same address and sees the same contents. A real
 * secondary process (this binary re-executed) attaches to an array whose
 * struct lives in a memzone, and each side sees the other's changes.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_fbarray.h>
#include <rte_memzone.h>

#include "eal_private.h"
#include "eal_shlock.h"
#include "hal.h"
#include "common/rtetest.h"
#ifdef RTEMEM_HAL_sim
#include "sim_machine.h"
#endif

#define MAX_LEN 1100

/* --- the model ----------------------------------------------------------- */

struct model {
	unsigned int len;
	bool used[MAX_LEN];
};

static int m_next(const struct model *m, unsigned int start, bool used)
{
	for (unsigned int i = start; i < m->len; i++)
		if (m->used[i] == used)
			return (int)i;
	return -1;
}

static int m_prev(const struct model *m, unsigned int start, bool used)
{
	for (int i = (int)start; i >= 0; i--)
		if (m->used[i] == used)
			return i;
	return -1;
}

static int m_contig(const struct model *m, unsigned int start, bool used)
{
	unsigned int i = start;

	while (i < m->len && m->used[i] == used)
		i++;
	return (int)(i - start);
}

static int m_rev_contig(const struct model *m, unsigned int start, bool used)
{
	int i = (int)start;

	while (i >= 0 && m->used[i] == used)
		i--;
	return (int)start - i;
}

static int m_next_n(const struct model *m, unsigned int start, unsigned int n, bool used)
{
	for (unsigned int s = start; s + n <= m->len; s++)
		if (m_contig(m, s, used) >= (int)n)
			return (int)s;
	return -1;
}

static int m_prev_n(const struct model *m, unsigned int start, unsigned int n, bool used)
{
	for (int e = (int)start; e >= (int)n - 1; e--)
		if (m_rev_contig(m, (unsigned int)e, used) >= (int)n)
			return e - (int)n + 1;
	return -1;
}

/* Biggest run within [start, len): first one wins a tie. */
static int m_biggest(const struct model *m, unsigned int start, bool used)
{
	int best = -1, best_len = 0;

	for (unsigned int i = start; i < m->len;) {
		int run = m_contig(m, i, used);

		if (run > best_len) {
			best_len = run;
			best = (int)i;
		}
		i += run > 0 ? (unsigned int)run : 1;
	}
	return best;
}

/* Biggest run within [0, start], cut at start: the highest one wins a tie. */
static int m_rev_biggest(const struct model *m, unsigned int start, bool used)
{
	int best = -1, best_len = 0;

	for (int i = (int)start; i >= 0;) {
		int run = m_rev_contig(m, (unsigned int)i, used);

		if (run > best_len) {
			best_len = run;
			best = i - run + 1;
		}
		i -= run > 0 ? run : 1;
	}
	return best;
}

/* --- helpers --------------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Make arr match the model using set_used/set_free, then check both agree. */
static void apply_model(struct rte_fbarray *arr, const struct model *m)
{
	unsigned int count = 0;

	for (unsigned int i = 0; i < m->len; i++) {
		if (m->used[i]) {
			assert_int_equal(rte_fbarray_set_used(arr, i), 0);
			count++;
		} else {
			assert_int_equal(rte_fbarray_set_free(arr, i), 0);
		}
	}
	assert_int_equal(arr->count, count);
	for (unsigned int i = 0; i < m->len; i++)
		assert_int_equal(rte_fbarray_is_used(arr, i), m->used[i]);
}

/* A find result: the model's index, or -1 with the errno DPDK sets. */
static void check_result(int got, int want, bool used, const char *what,
			 unsigned int start, unsigned int n)
{
	if (got != want)
		fail_msg("%s(start=%u, n=%u): got %d, want %d", what, start, n, got, want);
	if (want < 0 && rte_errno != (used ? ENOENT : ENOSPC))
		fail_msg("%s(start=%u, n=%u): rte_errno %d", what, start, n, rte_errno);
}

static const unsigned int n_values[] = { 1, 2, 3, 5, 8, 31, 63, 64, 65, 130 };

/* Compare every find_* with the model for every start (every 3rd if large). */
static void check_all_finds(struct rte_fbarray *arr, const struct model *m)
{
	unsigned int step = m->len > 300 ? 3 : 1;

	for (unsigned int start = 0; start < m->len; start += step) {
		check_result(rte_fbarray_find_next_free(arr, start), m_next(m, start, false),
			     false, "next_free", start, 0);
		check_result(rte_fbarray_find_next_used(arr, start), m_next(m, start, true),
			     true, "next_used", start, 0);
		check_result(rte_fbarray_find_prev_free(arr, start), m_prev(m, start, false),
			     false, "prev_free", start, 0);
		check_result(rte_fbarray_find_prev_used(arr, start), m_prev(m, start, true),
			     true, "prev_used", start, 0);

		assert_int_equal(rte_fbarray_find_contig_free(arr, start),
				 m_contig(m, start, false));
		assert_int_equal(rte_fbarray_find_contig_used(arr, start),
				 m_contig(m, start, true));
		assert_int_equal(rte_fbarray_find_rev_contig_free(arr, start),
				 m_rev_contig(m, start, false));
		assert_int_equal(rte_fbarray_find_rev_contig_used(arr, start),
				 m_rev_contig(m, start, true));

		check_result(rte_fbarray_find_biggest_free(arr, start),
			     m_biggest(m, start, false), false, "biggest_free", start, 0);
		check_result(rte_fbarray_find_biggest_used(arr, start),
			     m_biggest(m, start, true), true, "biggest_used", start, 0);
		check_result(rte_fbarray_find_rev_biggest_free(arr, start),
			     m_rev_biggest(m, start, false), false, "rev_biggest_free", start, 0);
		check_result(rte_fbarray_find_rev_biggest_used(arr, start),
			     m_rev_biggest(m, start, true), true, "rev_biggest_used", start, 0);

		for (unsigned int k = 0; k <= RTE_DIM(n_values); k++) {
			/* the n values above, then n = len */
			unsigned int n = k < RTE_DIM(n_values) ? n_values[k] : m->len;

			if (n > m->len)
				continue;
			check_result(rte_fbarray_find_next_n_free(arr, start, n),
				     m_next_n(m, start, n, false), false, "next_n_free", start, n);
			check_result(rte_fbarray_find_next_n_used(arr, start, n),
				     m_next_n(m, start, n, true), true, "next_n_used", start, n);
			check_result(rte_fbarray_find_prev_n_free(arr, start, n),
				     m_prev_n(m, start, n, false), false, "prev_n_free", start, n);
			check_result(rte_fbarray_find_prev_n_used(arr, start, n),
				     m_prev_n(m, start, n, true), true, "prev_n_used", start, n);
		}
	}
}

enum pattern {
	P_EMPTY,
	P_FULL,
	P_ALTERNATING,
	P_RUNS_3,       /* 3 used, 3 free, ... */
	P_RUNS_64,      /* whole words, aligned */
	P_RUNS_70,      /* runs longer than a word, crossing word boundaries */
	P_CROSSING,     /* a few runs straddling 64-bit word boundaries */
	P_EDGES,        /* only the first and last elements used */
	P_RANDOM_10,    /* random, fixed seeds, 10% / 50% / 90% used */
	P_RANDOM_50,
	P_RANDOM_90,
	P_COUNT
};

static void make_pattern(struct model *m, unsigned int len, enum pattern p, uint64_t seed)
{
	m->len = len;
	rng_state = seed * 0x9e3779b97f4a7c15ULL + 1;
	for (unsigned int i = 0; i < len; i++) {
		bool u = false;

		switch (p) {
		case P_EMPTY: u = false; break;
		case P_FULL: u = true; break;
		case P_ALTERNATING: u = i % 2 == 0; break;
		case P_RUNS_3: u = (i / 3) % 2 == 1; break;
		case P_RUNS_64: u = (i / 64) % 2 == 0; break;
		case P_RUNS_70: u = (i / 70) % 2 == 1; break;
		case P_CROSSING:
			u = (i >= 60 && i < 70) || (i >= 120 && i < 200) || (i >= 255 && i < 257) ||
			    (i % 64 == 63) || (i % 64 == 0 && i % 128 != 0);
			break;
		case P_EDGES: u = i == 0 || i == len - 1; break;
		case P_RANDOM_10: u = rng() % 10 == 0; break;
		case P_RANDOM_50: u = rng() % 2 == 0; break;
		case P_RANDOM_90: u = rng() % 10 != 0; break;
		case P_COUNT: break;
		}
		m->used[i] = u;
	}
}

static struct model model;

/* Run every pattern over one length. */
static void check_patterns(unsigned int len)
{
	struct rte_fbarray arr;

	assert_int_equal(rte_fbarray_init(&arr, "test_patterns", len, 8), 0);
	for (int p = 0; p < P_COUNT; p++) {
		for (uint64_t seed = 1; seed <= (p >= P_RANDOM_10 ? 3u : 1u); seed++) {
			make_pattern(&model, len, (enum pattern)p, seed);
			apply_model(&arr, &model);
			check_all_finds(&arr, &model);
		}
	}
	assert_int_equal(rte_fbarray_destroy(&arr), 0);
}

/* --- EAL groups ---------------------------------------------------------- */

static int eal_up(void **state)
{
	(void)state;
	return rtetest_boot(NULL);
}

static int eal_down(void **state)
{
	(void)state;
	rte_eal_cleanup();
	return 0;
}

/* --- model tests ------------------------------------------------------- */

static void test_patterns_len_1(void **state)
{
	(void)state;
	check_patterns(1);
}

static void test_patterns_len_63_64_65(void **state)
{
	(void)state;
	check_patterns(63);
	check_patterns(64);
	check_patterns(65);
}

static void test_patterns_len_127_128_129(void **state)
{
	(void)state;
	check_patterns(127);
	check_patterns(128);
	check_patterns(129);
}

static void test_patterns_len_200(void **state)
{
	(void)state;
	check_patterns(200);
}

static void test_patterns_len_1000(void **state)
{
	(void)state;
	check_patterns(1000);
}

/* Random single-element flips, checked after each against the model. */
static void test_random_flips(void **state)
{
	struct rte_fbarray arr;
	const unsigned int len = 150;

	(void)state;
	assert_int_equal(rte_fbarray_init(&arr, "test_flips", len, 4), 0);
	make_pattern(&model, len, P_EMPTY, 0);
	rng_state = 12345;
	for (int i = 0; i < 200; i++) {
		unsigned int idx = (unsigned int)(rng() % len);
		bool used = rng() % 3 != 0;

		model.used[idx] = used;
		assert_int_equal(used ? rte_fbarray_set_used(&arr, idx) :
					rte_fbarray_set_free(&arr, idx), 0);
		if (i % 20 == 19)
			check_all_finds(&arr, &model);
	}
	check_all_finds(&arr, &model);
	assert_int_equal(rte_fbarray_destroy(&arr), 0);
}

/* eal_fbarray_all_used (rte_free's page check) against the model: ranges
 * inside one word, across word boundaries and over whole words. */
static void test_all_used_ranges(void **state)
{
	struct rte_fbarray arr;
	const unsigned int len = 200;

	(void)state;
	assert_int_equal(rte_fbarray_init(&arr, "test_all_used", len, 4), 0);
	make_pattern(&model, len, P_EMPTY, 0);
	for (unsigned int i = 0; i < len; i++)
		if (i != 70 && i != 199) {
			model.used[i] = true;
			assert_int_equal(rte_fbarray_set_used(&arr, i), 0);
		}
	rng_state = 777;
	for (int k = 0; k < 2000; k++) {
		unsigned int a = (unsigned int)(rng() % len), b = (unsigned int)(rng() % len);
		unsigned int first = RTE_MIN(a, b), last = RTE_MAX(a, b);
		bool want = true;

		for (unsigned int i = first; i <= last; i++)
			want = want && model.used[i];
		assert_int_equal(eal_fbarray_all_used(&arr, first, last), want);
	}
	assert_true(eal_fbarray_all_used(&arr, 0, 69));    /* two whole words and a part */
	assert_true(eal_fbarray_all_used(&arr, 71, 198));  /* across two boundaries */
	assert_false(eal_fbarray_all_used(&arr, 69, 71));
	assert_false(eal_fbarray_all_used(&arr, 10, 9));   /* empty range */
	assert_false(eal_fbarray_all_used(&arr, 0, len));  /* past the end */
	assert_false(eal_fbarray_all_used(NULL, 0, 0));
	/* A whole word (128 to 191) with only its first element free. */
	assert_int_equal(rte_fbarray_set_free(&arr, 128), 0);
	assert_false(eal_fbarray_all_used(&arr, 128, 191));
	assert_false(eal_fbarray_all_used(&arr, 71, 198));
	assert_true(eal_fbarray_all_used(&arr, 129, 191));
	assert_int_equal(rte_fbarray_destroy(&arr), 0);
}

/* Hand-checked answers, so the model itself is not the only judge. */
static void test_known_answers(void **state)
{
	struct rte_fbarray arr;

	(void)state;
	assert_int_equal(rte_fbarray_init(&arr, "test_known", 256, 16), 0);
	/* used: [10, 20) [60, 70) [100, 101) [200, 256) */
	for (unsigned int i = 10; i < 20; i++)
		rte_fbarray_set_used(&arr, i);
	for (unsigned int i = 60; i < 70; i++)
		rte_fbarray_set_used(&arr, i);
	rte_fbarray_set_used(&arr, 100);
	for (unsigned int i = 200; i < 256; i++)
		rte_fbarray_set_used(&arr, i);
	assert_int_equal(arr.count, 77);

	assert_int_equal(rte_fbarray_find_next_used(&arr, 0), 10);
	assert_int_equal(rte_fbarray_find_next_used(&arr, 20), 60);
	assert_int_equal(rte_fbarray_find_next_free(&arr, 10), 20);
	assert_int_equal(rte_fbarray_find_next_free(&arr, 200), -1);
	assert_int_equal(rte_errno, ENOSPC);
	assert_int_equal(rte_fbarray_find_prev_used(&arr, 59), 19);
	assert_int_equal(rte_fbarray_find_prev_used(&arr, 9), -1);
	assert_int_equal(rte_errno, ENOENT);
	assert_int_equal(rte_fbarray_find_prev_free(&arr, 69), 59);
	assert_int_equal(rte_fbarray_find_contig_used(&arr, 60), 10);
	assert_int_equal(rte_fbarray_find_contig_used(&arr, 65), 5);
	assert_int_equal(rte_fbarray_find_contig_used(&arr, 70), 0);
	assert_int_equal(rte_fbarray_find_contig_free(&arr, 70), 30);
	assert_int_equal(rte_fbarray_find_rev_contig_used(&arr, 65), 6);
	assert_int_equal(rte_fbarray_find_rev_contig_free(&arr, 99), 30);
	assert_int_equal(rte_fbarray_find_next_n_used(&arr, 0, 10), 10);
	assert_int_equal(rte_fbarray_find_next_n_used(&arr, 11, 10), 60);
	assert_int_equal(rte_fbarray_find_next_n_used(&arr, 61, 10), 200);
	assert_int_equal(rte_fbarray_find_next_n_used(&arr, 0, 57), -1);
	assert_int_equal(rte_errno, ENOENT);
	assert_int_equal(rte_fbarray_find_next_n_free(&arr, 0, 40), 20);
	assert_int_equal(rte_fbarray_find_next_n_free(&arr, 0, 99), 101);
	assert_int_equal(rte_fbarray_find_next_n_free(&arr, 0, 100), -1);
	assert_int_equal(rte_errno, ENOSPC);
	assert_int_equal(rte_fbarray_find_prev_n_free(&arr, 199, 5), 195);
	assert_int_equal(rte_fbarray_find_prev_n_free(&arr, 199, 99), 101);
	assert_int_equal(rte_fbarray_find_prev_n_used(&arr, 255, 56), 200);
	assert_int_equal(rte_fbarray_find_prev_n_used(&arr, 199, 10), 60);
	assert_int_equal(rte_fbarray_find_prev_n_used(&arr, 199, 2), 68);
	assert_int_equal(rte_fbarray_find_biggest_free(&arr, 0), 101);
	assert_int_equal(rte_fbarray_find_biggest_used(&arr, 0), 200);
	assert_int_equal(rte_fbarray_find_biggest_used(&arr, 15), 200);
	assert_int_equal(rte_fbarray_find_rev_biggest_used(&arr, 65), 10); /* 10 beats [60, 65] */
	assert_int_equal(rte_fbarray_find_rev_biggest_used(&arr, 199), 60); /* tie: highest */
	assert_int_equal(rte_fbarray_find_rev_biggest_free(&arr, 255), 101);
	assert_int_equal(rte_fbarray_find_rev_biggest_free(&arr, 50), 20);
	assert_int_equal(rte_fbarray_find_rev_biggest_used(&arr, 9), -1);
	assert_int_equal(rte_errno, ENOENT);
	assert_int_equal(rte_fbarray_destroy(&arr), 0);
}

/* --- accessors ---------------------------------------------------------- */

static void test_get_and_find_idx(void **state)
{
	struct rte_fbarray arr;
	const unsigned int len = 100, elt_sz = 24;

	(void)state;
	assert_int_equal(rte_fbarray_init(&arr, "test_get", len, elt_sz), 0);
	assert_string_equal(arr.name, "test_get");
	assert_int_equal(arr.len, len);
	assert_int_equal(arr.elt_sz, elt_sz);
	assert_int_equal(arr.count, 0);

	for (unsigned int i = 0; i < len; i++) {
		uint8_t *p = rte_fbarray_get(&arr, i);

		assert_ptr_equal(p, (uint8_t *)arr.data + (size_t)i * elt_sz);
		memset(p, (int)i, elt_sz); /* writable, and no overlap (checked below) */
		assert_int_equal(rte_fbarray_find_idx(&arr, p), (int)i);
		assert_int_equal(rte_fbarray_find_idx(&arr, p + elt_sz - 1), (int)i);
	}
	for (unsigned int i = 0; i < len; i++) {
		uint8_t *p = rte_fbarray_get(&arr, i);

		assert_int_equal(p[0], (uint8_t)i);
		assert_int_equal(p[elt_sz - 1], (uint8_t)i);
	}
	/* elements do not touch the mask */
	assert_int_equal(arr.count, 0);
	assert_int_equal(rte_fbarray_find_next_used(&arr, 0), -1);

	rte_errno = 0;
	assert_null(rte_fbarray_get(&arr, len));
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_null(rte_fbarray_get(NULL, 0));
	assert_int_equal(rte_errno, EINVAL);

	rte_errno = 0;
	assert_int_equal(rte_fbarray_find_idx(&arr, (uint8_t *)arr.data + len * elt_sz), -1);
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_int_equal(rte_fbarray_find_idx(&arr, (uint8_t *)arr.data - 1), -1);
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_int_equal(rte_fbarray_find_idx(&arr, NULL), -1);
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_int_equal(rte_fbarray_find_idx(NULL, arr.data), -1);
	assert_int_equal(rte_errno, EINVAL);

	assert_int_equal(rte_fbarray_destroy(&arr), 0);
}

static void test_set_used_free_count(void **state)
{
	struct rte_fbarray arr;

	(void)state;
	assert_int_equal(rte_fbarray_init(&arr, "test_set", 130, 1), 0);
	assert_int_equal(rte_fbarray_is_used(&arr, 64), 0);
	assert_int_equal(rte_fbarray_set_used(&arr, 64), 0);
	assert_int_equal(rte_fbarray_is_used(&arr, 64), 1);
	assert_int_equal(rte_fbarray_is_used(&arr, 63), 0);
	assert_int_equal(rte_fbarray_is_used(&arr, 65), 0);
	assert_int_equal(arr.count, 1);
	/* setting twice counts once */
	assert_int_equal(rte_fbarray_set_used(&arr, 64), 0);
	assert_int_equal(arr.count, 1);
	assert_int_equal(rte_fbarray_set_used(&arr, 129), 0);
	assert_int_equal(rte_fbarray_set_used(&arr, 0), 0);
	assert_int_equal(arr.count, 3);
	assert_int_equal(rte_fbarray_set_free(&arr, 64), 0);
	assert_int_equal(rte_fbarray_set_free(&arr, 64), 0);
	assert_int_equal(arr.count, 2);
	assert_int_equal(rte_fbarray_is_used(&arr, 64), 0);
	assert_int_equal(rte_fbarray_is_used(&arr, 129), 1);

	rte_errno = 0;
	assert_int_equal(rte_fbarray_set_used(&arr, 130), -1);
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_int_equal(rte_fbarray_set_free(&arr, UINT_MAX), -1);
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_int_equal(rte_fbarray_is_used(&arr, 130), -1);
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_int_equal(rte_fbarray_set_used(NULL, 0), -1);
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_int_equal(rte_fbarray_set_free(NULL, 0), -1);
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_int_equal(rte_fbarray_is_used(NULL, 0), -1);
	assert_int_equal(rte_errno, EINVAL);
	/* failed calls changed nothing */
	assert_int_equal(arr.count, 2);

	assert_int_equal(rte_fbarray_destroy(&arr), 0);
}

static void expect_einval(int ret)
{
	assert_int_equal(ret, -1);
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
}

static void test_find_bad_args(void **state)
{
	struct rte_fbarray arr;
	const unsigned int len = 70;

	(void)state;
	assert_int_equal(rte_fbarray_init(&arr, "test_badargs", len, 8), 0);
	rte_errno = 0;

	expect_einval(rte_fbarray_find_next_free(NULL, 0));
	expect_einval(rte_fbarray_find_next_used(NULL, 0));
	expect_einval(rte_fbarray_find_prev_free(NULL, 0));
	expect_einval(rte_fbarray_find_prev_used(NULL, 0));
	expect_einval(rte_fbarray_find_next_free(&arr, len));
	expect_einval(rte_fbarray_find_next_used(&arr, len));
	expect_einval(rte_fbarray_find_prev_free(&arr, len));
	expect_einval(rte_fbarray_find_prev_used(&arr, UINT_MAX));

	expect_einval(rte_fbarray_find_contig_free(NULL, 0));
	expect_einval(rte_fbarray_find_contig_used(&arr, len));
	expect_einval(rte_fbarray_find_rev_contig_free(&arr, len));
	expect_einval(rte_fbarray_find_rev_contig_used(NULL, 0));

	expect_einval(rte_fbarray_find_biggest_free(NULL, 0));
	expect_einval(rte_fbarray_find_biggest_used(&arr, len));
	expect_einval(rte_fbarray_find_rev_biggest_free(&arr, len));
	expect_einval(rte_fbarray_find_rev_biggest_used(NULL, 0));

	expect_einval(rte_fbarray_find_next_n_free(NULL, 0, 1));
	expect_einval(rte_fbarray_find_next_n_used(&arr, len, 1));
	expect_einval(rte_fbarray_find_prev_n_free(&arr, len, 1));
	expect_einval(rte_fbarray_find_prev_n_used(NULL, 0, 1));
	expect_einval(rte_fbarray_find_next_n_free(&arr, 0, 0));
	expect_einval(rte_fbarray_find_next_n_used(&arr, 0, 0));
	expect_einval(rte_fbarray_find_prev_n_free(&arr, 0, 0));
	expect_einval(rte_fbarray_find_prev_n_used(&arr, 0, 0));
	expect_einval(rte_fbarray_find_next_n_free(&arr, 0, len + 1));
	expect_einval(rte_fbarray_find_prev_n_used(&arr, len - 1, len + 1));

	/* n == len is legal; it fits only from the very start / end */
	assert_int_equal(rte_fbarray_find_next_n_free(&arr, 0, len), 0);
	assert_int_equal(rte_fbarray_find_prev_n_free(&arr, len - 1, len), 0);
	assert_int_equal(rte_fbarray_find_next_n_free(&arr, 1, len), -1);
	assert_int_equal(rte_errno, ENOSPC);
	assert_int_equal(rte_fbarray_find_prev_n_free(&arr, len - 2, len), -1);
	assert_int_equal(rte_errno, ENOSPC);

	assert_int_equal(rte_fbarray_destroy(&arr), 0);
}

/* --- lifetime ----------------------------------------------------------- */

static void test_init_bad_args(void **state)
{
	struct rte_fbarray arr;
	char name[RTE_FBARRAY_NAME_LEN + 1];

	(void)state;
	rte_errno = 0;
	expect_einval(rte_fbarray_init(NULL, "x", 10, 8));
	expect_einval(rte_fbarray_init(&arr, NULL, 10, 8));
	expect_einval(rte_fbarray_init(&arr, "x", 0, 8));
	expect_einval(rte_fbarray_init(&arr, "x", 10, 0));
	expect_einval(rte_fbarray_init(&arr, "x", (unsigned int)INT_MAX + 1, 1));

	/* 63 characters fit (with the NUL), 64 do not */
	memset(name, 'n', sizeof(name));
	name[RTE_FBARRAY_NAME_LEN] = '\0';
	assert_int_equal(rte_fbarray_init(&arr, name, 10, 8), -1);
	assert_int_equal(rte_errno, ENAMETOOLONG);
	name[RTE_FBARRAY_NAME_LEN - 1] = '\0';
	assert_int_equal(rte_fbarray_init(&arr, name, 10, 8), 0);
	assert_string_equal(arr.name, name);
	assert_int_equal(rte_fbarray_destroy(&arr), 0);
}

/*
 * A detached array leaves its shared file behind; init of the same name
 * then maps that file again, and starts clean as DPDK 22.11's init does
 * (it clears the whole mapping): no element used, the elements zeroed.
 */
static void test_init_over_leftover_file(void **state)
{
	struct rte_fbarray arr;

	(void)state;
	assert_int_equal(rte_fbarray_init(&arr, "test_leftover", 100, 8), 0);
	assert_int_equal(rte_fbarray_set_used(&arr, 5), 0);
	assert_int_equal(rte_fbarray_set_used(&arr, 70), 0);
	*(uint64_t *)rte_fbarray_get(&arr, 5) = 0x1122334455667788ULL;
	assert_int_equal(rte_fbarray_detach(&arr), 0);

	memset(&arr, 0x5a, sizeof(arr));
	assert_int_equal(rte_fbarray_init(&arr, "test_leftover", 100, 8), 0);
	assert_int_equal(arr.count, 0);
	assert_int_equal(rte_fbarray_find_next_used(&arr, 0), -1);
	assert_int_equal(rte_fbarray_is_used(&arr, 70), 0);
	assert_int_equal(*(uint64_t *)rte_fbarray_get(&arr, 5), 0);
	assert_int_equal(rte_fbarray_destroy(&arr), 0);
}

static void test_duplicate_name(void **state)
{
	struct rte_fbarray a, b;

	(void)state;
	assert_int_equal(rte_fbarray_init(&a, "test_dup", 10, 8), 0);
	memset(&b, 0x5a, sizeof(b));
	assert_int_equal(rte_fbarray_init(&b, "test_dup", 10, 8), -1);
	assert_int_equal(rte_errno, EBUSY);
	/* the failed init left the first array alone */
	assert_int_equal(rte_fbarray_set_used(&a, 3), 0);
	assert_int_equal(rte_fbarray_find_next_used(&a, 0), 3);
	assert_int_equal(rte_fbarray_destroy(&a), 0);
	/* once destroyed, the name is free again */
	assert_int_equal(rte_fbarray_init(&b, "test_dup", 20, 4), 0);
	assert_int_equal(b.count, 0);
	assert_int_equal(rte_fbarray_find_next_used(&b, 0), -1);
	assert_int_equal(rte_fbarray_destroy(&b), 0);
}

static void test_destroy_detach_unknown(void **state)
{
	struct rte_fbarray arr, copy;

	(void)state;
	rte_errno = 0;
	expect_einval(rte_fbarray_destroy(NULL));
	expect_einval(rte_fbarray_detach(NULL));
	expect_einval(rte_fbarray_attach(NULL));

	memset(&arr, 0, sizeof(arr));
	assert_int_equal(rte_fbarray_destroy(&arr), -1);
	assert_int_equal(rte_errno, ENOENT);

	assert_int_equal(rte_fbarray_init(&arr, "test_unknown", 64, 8), 0);
	/* a different size does not name the same mapping */
	copy = arr;
	copy.len = 100000;
	assert_int_equal(rte_fbarray_detach(&copy), -1);
	assert_int_equal(rte_errno, ENOENT);
	copy = arr;
	copy.data = (char *)arr.data + 4096;
	assert_int_equal(rte_fbarray_destroy(&copy), -1);
	assert_int_equal(rte_errno, ENOENT);

	/* destroy clears the struct; a second destroy finds nothing */
	assert_int_equal(rte_fbarray_destroy(&arr), 0);
	assert_null(arr.data);
	assert_int_equal(arr.len, 0);
	assert_int_equal(rte_fbarray_destroy(&arr), -1);
	assert_int_equal(rte_errno, ENOENT);
}

static void test_attach_same_process(void **state)
{
	struct rte_fbarray arr;
	void *data;

	(void)state;
	assert_int_equal(rte_fbarray_init(&arr, "test_attach", 300, 8), 0);
	data = arr.data;
	/* already mapped here: EEXIST, as in DPDK, and nothing changes */
	assert_int_equal(rte_fbarray_attach(&arr), -1);
	assert_int_equal(rte_errno, EEXIST);
	assert_ptr_equal(arr.data, data);

	*(uint64_t *)rte_fbarray_get(&arr, 7) = 0x1122334455667788ULL;
	rte_fbarray_set_used(&arr, 7);
	rte_fbarray_set_used(&arr, 299);

	/* detach keeps the file and the struct; attach maps them again */
	assert_int_equal(rte_fbarray_detach(&arr), 0);
	assert_int_equal(rte_fbarray_detach(&arr), -1);
	assert_int_equal(rte_errno, ENOENT);
	assert_string_equal(arr.name, "test_attach");
	assert_int_equal(rte_fbarray_attach(&arr), 0);
	assert_ptr_equal(arr.data, data);
	assert_int_equal(*(uint64_t *)rte_fbarray_get(&arr, 7), 0x1122334455667788ULL);
	assert_int_equal(rte_fbarray_is_used(&arr, 7), 1);
	assert_int_equal(rte_fbarray_is_used(&arr, 299), 1);
	assert_int_equal(rte_fbarray_find_next_used(&arr, 8), 299);
	assert_int_equal(arr.count, 2);

	assert_int_equal(rte_fbarray_destroy(&arr), 0);
	/* destroy removed the file: nothing left to attach to */
	arr.len = 300;
	arr.elt_sz = 8;
	arr.data = data;
	snprintf(arr.name, sizeof(arr.name), "test_attach");
	assert_int_equal(rte_fbarray_attach(&arr), -1);
	assert_int_equal(rte_errno, ENOENT);
}

static void test_dump_metadata(void **state)
{
	struct rte_fbarray arr;
	char buf[1024] = "";
	FILE *f;

	(void)state;
	assert_int_equal(rte_fbarray_init(&arr, "test_dump", 70, 2), 0);
	rte_fbarray_set_used(&arr, 0);
	rte_fbarray_set_used(&arr, 65);
	f = fmemopen(buf, sizeof(buf) - 1, "w");
	assert_non_null(f);
	rte_fbarray_dump_metadata(&arr, f);
	fclose(f);
	assert_non_null(strstr(buf, "test_dump"));
	assert_non_null(strstr(buf, "size: 70 occupied: 2 elt_sz: 2"));
	assert_non_null(strstr(buf, "0x0000000000000001"));
	assert_non_null(strstr(buf, "0x0000000000000002"));
	rte_errno = 0;
	rte_fbarray_dump_metadata(NULL, stdout);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(rte_fbarray_destroy(&arr), 0);

	/* A destroyed array (data gone, struct cleared) is reported as invalid. */
	memset(buf, 0, sizeof(buf));
	f = fmemopen(buf, sizeof(buf) - 1, "w");
	assert_non_null(f);
	rte_fbarray_dump_metadata(&arr, f);
	fclose(f);
	assert_string_equal(buf, "Invalid file-backed array\n");
}

/* Count the "msk idx" lines of a dump: DPDK 22.11 prints one per 64-bit mask
 * word, len / 64 rounded up. */
static unsigned int dumped_mask_words(unsigned int len)
{
	struct rte_fbarray arr;
	char buf[1024];
	unsigned int n = 0;
	FILE *f;

	memset(buf, 0, sizeof(buf));
	assert_int_equal(rte_fbarray_init(&arr, "test_dump_words", len, 4), 0);
	f = fmemopen(buf, sizeof(buf) - 1, "w");
	assert_non_null(f);
	rte_fbarray_dump_metadata(&arr, f);
	fclose(f);
	for (const char *p = buf; (p = strstr(p, "msk idx ")) != NULL; p++)
		n++;
	assert_int_equal(rte_fbarray_destroy(&arr), 0);
	return n;
}

static void test_dump_mask_words(void **state)
{
	(void)state;
	assert_int_equal(dumped_mask_words(1), 1);
	assert_int_equal(dumped_mask_words(64), 1);
	assert_int_equal(dumped_mask_words(65), 2);
	assert_int_equal(dumped_mask_words(128), 2);
	assert_int_equal(dumped_mask_words(129), 3);
}

/*
 * A process that dies holding an array's write lock may have changed the
 * mask and not the count (the file's header comment): the next writer
 * counts the mask again. The child plays such a writer: it takes the lock
 * in the shared mapping (after the elements and the mask words, on the
 * next cache line: src/fbarray.c's layout), sets the bit of element 64, in
 * the second mask word, and dies. test_fbarray's own build knows that
 * layout; no public call can die half-way.
 */
static void test_dead_writer_recount(void **state)
{
	enum { LEN = 65, ELT = 8 };
	struct rte_fbarray arr;
	uint64_t *mask;
	struct eal_shrwlock *lock;
	pid_t pid;
	int status;

	(void)state;
	assert_int_equal(rte_fbarray_init(&arr, "test_dead_writer", LEN, ELT), 0);
	assert_int_equal(rte_fbarray_set_used(&arr, 3), 0);
	assert_int_equal(rte_fbarray_set_used(&arr, 40), 0);
	assert_int_equal(arr.count, 2);
	mask = RTE_PTR_ADD(arr.data, LEN * ELT);
	lock = RTE_PTR_ADD(arr.data, RTE_ALIGN_CEIL(LEN * ELT + 8 * (2 + 1), 64));
	pid = fork();
	if (pid == 0) {
		if (eal_shrw_write_lock(lock) != 0)
			_exit(1);
		__atomic_store_n(&mask[1], 1, __ATOMIC_RELEASE);
		raise(SIGKILL);
		_exit(2);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

	/* 3, 40 and the dead writer's 64; then 10 */
	assert_int_equal(rte_fbarray_set_used(&arr, 10), 0);
	assert_int_equal(arr.count, 4);
	assert_int_equal(rte_fbarray_is_used(&arr, 64), 1);
	assert_int_equal(rte_fbarray_find_next_used(&arr, 41), 64);
	/* repaired: the next writer is not told again, counts go on from there */
	assert_int_equal(rte_fbarray_set_free(&arr, 64), 0);
	assert_int_equal(arr.count, 3);
	assert_int_equal(rte_fbarray_destroy(&arr), 0);
}

/* Attaching a struct that describes no valid array changes nothing. */
static void test_attach_bad_struct(void **state)
{
	struct rte_fbarray arr;

	(void)state;
	memset(&arr, 0, sizeof(arr));
	rte_errno = 0;
	assert_int_equal(rte_fbarray_attach(&arr), -1); /* no name, no length */
	assert_int_equal(rte_errno, EINVAL);
	snprintf(arr.name, sizeof(arr.name), "bad_attach");
	arr.len = 16;
	arr.elt_sz = 0;
	rte_errno = 0;
	assert_int_equal(rte_fbarray_attach(&arr), -1);
	assert_int_equal(rte_errno, EINVAL);
}

/* Before rte_eal_init (sim: no machine, no page size) there is nothing to map. */
static void test_without_eal(void **state)
{
	struct rte_fbarray arr;

	(void)state;
	if (!rtetest_hal_is_sim())
		skip(); /* on Linux the page size is known without EAL */
	assert_int_equal(hal_base_page_size(), 0);
	rte_errno = 0;
	assert_int_equal(rte_fbarray_init(&arr, "early", 16, 8), -1);
	assert_int_equal(rte_errno, ENODEV);
	memset(&arr, 0, sizeof(arr));
	snprintf(arr.name, sizeof(arr.name), "early");
	arr.len = 16;
	arr.elt_sz = 8;
	rte_errno = 0;
	assert_int_equal(rte_fbarray_attach(&arr), -1);
	assert_int_equal(rte_errno, ENODEV);
}

/* --- threads ----------------------------------------------------------- */

#define N_THREADS 4
#define CONC_LEN 1024

/* A third where threads are slow to schedule and every op costs much more:
 * TSan, gcov at -O0, qemu-user. */
static unsigned int flip_rounds(void)
{
	return RTETEST_TSAN || RTETEST_COVERAGE || rtetest_emulated() ? 1000 : 3000;
}

struct worker {
	struct rte_fbarray *arr;
	pthread_barrier_t *start;
	unsigned int id;
	int bad; /* calls that failed or finds that saw the impossible */
};

/*
 * Every thread flips its own interleaved elements (idx % N_THREADS == id)
 * used and free again, flip_rounds() times, ending with used. All threads write
 * the same 64-bit mask words and the same count, so without the write lock
 * read-modify-write races would lose bits or miscount.
 */
static void *flip_worker(void *p)
{
	struct worker *w = p;

	const unsigned int rounds = flip_rounds();

	pthread_barrier_wait(w->start);
	for (unsigned int r = 0; r < 2 * rounds + 1; r++) {
		bool used = r % 2 == 0;

		for (unsigned int i = w->id; i < CONC_LEN; i += N_THREADS) {
			int ret = used ? rte_fbarray_set_used(w->arr, i) :
					 rte_fbarray_set_free(w->arr, i);

			if (ret != 0)
				w->bad++;
		}
		/* a reader alongside: an index in range, or -1 */
		int found = rte_fbarray_find_next_used(w->arr, w->id);

		if (found < -1 || found >= CONC_LEN)
			w->bad++;
	}
	return NULL;
}

static void run_workers(struct rte_fbarray *arr)
{
	pthread_t th[N_THREADS];
	struct worker w[N_THREADS];
	pthread_barrier_t start;

	assert_int_equal(pthread_barrier_init(&start, NULL, N_THREADS), 0);
	for (unsigned int t = 0; t < N_THREADS; t++) {
		w[t] = (struct worker){ .arr = arr, .start = &start, .id = t };
		assert_int_equal(pthread_create(&th[t], NULL, flip_worker, &w[t]), 0);
	}
	for (unsigned int t = 0; t < N_THREADS; t++) {
		assert_int_equal(pthread_join(th[t], NULL), 0);
		assert_int_equal(w[t].bad, 0);
	}
	pthread_barrier_destroy(&start);
}

static void test_concurrent_set(void **state)
{
	struct rte_fbarray arr;

	(void)state;
	assert_int_equal(rte_fbarray_init(&arr, "test_threads", CONC_LEN, 8), 0);
	run_workers(&arr);
	assert_int_equal(arr.count, CONC_LEN);
	assert_int_equal(rte_fbarray_find_next_free(&arr, 0), -1);
	assert_int_equal(rte_fbarray_find_contig_used(&arr, 0), CONC_LEN);
	assert_int_equal(rte_fbarray_destroy(&arr), 0);
}

/* --- a second process -------------------------------------------------- */

/*
 * The way DPDK shares an fbarray: the struct lives in shared memory (here a
 * memzone), the primary inits it, a secondary process attaches to the same
 * struct and maps the same file at the same address.
 */
#define MP_LEN 1000
#define MP_MAGIC 0x5eedf00dcafe0000ULL

enum { MP_OK = 0, MP_INIT = 10, MP_LOOKUP = 11, MP_ATTACH = 12, MP_DATA = 13 };

static char self_path[4096];

/* Child: attach, check what the primary left, leave something back. */
static int mp_child(const char *prefix_arg)
{
	char prefix[128];
	char *argv[] = { "fbarray_mp", prefix, "--proc-type=secondary", NULL };
	const struct rte_memzone *mz;
	struct rte_fbarray *arr;

	snprintf(prefix, sizeof(prefix), "--file-prefix=%s", prefix_arg);
	if (rte_eal_init(3, argv) < 0)
		return MP_INIT;
	mz = rte_memzone_lookup("test_fbarray_mp");
	if (mz == NULL)
		return MP_LOOKUP;
	arr = mz->addr;
	if (rte_fbarray_attach(arr) != 0)
		return MP_ATTACH;
	/* attached once is enough */
	if (rte_fbarray_attach(arr) != -1 || rte_errno != EEXIST)
		return MP_ATTACH;
	if (arr->count != 3 || rte_fbarray_find_next_used(arr, 0) != 0 ||
	    rte_fbarray_find_next_used(arr, 1) != 64 ||
	    rte_fbarray_find_prev_used(arr, MP_LEN - 1) != MP_LEN - 1 ||
	    *(uint64_t *)rte_fbarray_get(arr, 64) != MP_MAGIC + 64)
		return MP_DATA;
	*(uint64_t *)rte_fbarray_get(arr, 500) = MP_MAGIC + 500;
	rte_fbarray_set_used(arr, 500);
	rte_fbarray_set_free(arr, 0);
	if (rte_fbarray_detach(arr) != 0)
		return MP_ATTACH;
	rte_eal_cleanup();
	return MP_OK;
}

static void test_secondary_attach(void **state)
{
	const struct rte_memzone *mz;
	struct rte_fbarray *arr;
	char prefix[64];
	pid_t pid;
	int status;

	(void)state;
	if (rtetest_no_hugepages())
		skip();
	mz = rte_memzone_reserve("test_fbarray_mp", sizeof(*arr), 0, 0);
	assert_non_null(mz);
	arr = mz->addr;
	assert_int_equal(rte_fbarray_init(arr, "test_mp", MP_LEN, 8), 0);
	for (unsigned int i = 0; i < MP_LEN; i++)
		*(uint64_t *)rte_fbarray_get(arr, i) = MP_MAGIC + i;
	rte_fbarray_set_used(arr, 0);
	rte_fbarray_set_used(arr, 64);
	rte_fbarray_set_used(arr, MP_LEN - 1);

	/* rtetest_eal_init's prefix for this process */
	snprintf(prefix, sizeof(prefix), "rtetest%d", (int)getpid());
	pid = fork();
	if (pid == 0) {
		char *argv[] = { self_path, "mp-child", prefix, NULL };

		rtetest_execv(self_path, argv);
		_exit(127);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), MP_OK);

	/* what the secondary did is here, through the same mapping */
	assert_int_equal(arr->count, 3);
	assert_int_equal(rte_fbarray_is_used(arr, 0), 0);
	assert_int_equal(rte_fbarray_is_used(arr, 500), 1);
	assert_int_equal(rte_fbarray_find_next_used(arr, 0), 64);
	assert_int_equal(*(uint64_t *)rte_fbarray_get(arr, 500), MP_MAGIC + 500);
	assert_int_equal(rte_fbarray_destroy(arr), 0);
	assert_int_equal(rte_memzone_free(mz), 0);
}

/* --- mapping layout per base page size ------------------------------------ */

/* What src/fbarray.c promises about the layout (DPDK's calc_data_size). */
static size_t expected_map_size(size_t page_sz, unsigned int elt_sz, unsigned int len)
{
	size_t mask_sz = 8 * (((size_t)len + 63) / 64 + 1);

	return RTE_ALIGN_CEIL((size_t)elt_sz * len + mask_sz, page_sz);
}

/* End of the mapping that holds addr, from /proc/self/maps; 0 if none. */
static uintptr_t mapping_end(const void *addr)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	uintptr_t end = 0;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		unsigned long lo, hi;

		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 &&
		    (uintptr_t)addr >= lo && (uintptr_t)addr < hi) {
			end = hi;
			break;
		}
	}
	fclose(f);
	return end;
}

/* Attach y at addr: it may succeed or the address may be taken by something
 * else, but y overlaps no array this process maps, so never EEXIST. */
static void attach_next_to(struct rte_fbarray *y, uintptr_t addr)
{
	void *y_data = y->data;

	y->data = (void *)addr;
	rte_errno = 0;
	if (rte_fbarray_attach(y) == 0) {
		assert_int_equal(rte_fbarray_detach(y), 0);
	} else {
		assert_int_not_equal(rte_errno, EEXIST);
	}
	y->data = y_data;
}

/* EEXIST is for an attach over an area this process maps; one that ends
 * right where such an area starts, or starts where it ends, overlaps nothing. */
static void test_attach_next_to_mapped(void **state)
{
	struct rte_fbarray x, y;
	uintptr_t x_end, y_len;

	(void)state;
	assert_int_equal(rte_fbarray_init(&x, "test_adj_x", 100, 8), 0);
	assert_int_equal(rte_fbarray_init(&y, "test_adj_y", 100, 8), 0);
	y_len = mapping_end(y.data) - (uintptr_t)y.data;
	assert_int_equal(rte_fbarray_detach(&y), 0); /* its file stays */
	x_end = mapping_end(x.data);
	assert_true(x_end != 0 && y_len != 0);
	attach_next_to(&y, x_end);
	attach_next_to(&y, (uintptr_t)x.data - y_len);
	assert_int_equal(rte_fbarray_attach(&y), 0);
	assert_int_equal(rte_fbarray_destroy(&y), 0);
	assert_int_equal(rte_fbarray_destroy(&x), 0);
}

static void check_layout(size_t page_sz)
{
	/* elt_sz, len: tiny arrays, one filling a page exactly, one just over */
	struct { unsigned int elt_sz, len; } cases[] = {
		{ 8, 1 },
		{ 3, 5 },
		{ 64, 100 },
		{ 1, 0 },
		{ 1, 0 },
		{ 4096, 33 },
	};
	unsigned int fit = 1;

	while (expected_map_size(page_sz, 1, fit + 1) == page_sz)
		fit++;
	cases[3].len = fit;
	cases[4].len = fit + 1;
	assert_int_equal(expected_map_size(page_sz, 1, fit + 1), 2 * page_sz);

	assert_int_equal(hal_base_page_size(), page_sz);
	for (unsigned int c = 0; c < RTE_DIM(cases); c++) {
		unsigned int elt_sz = cases[c].elt_sz, len = cases[c].len;
		size_t size = expected_map_size(page_sz, elt_sz, len);
		struct rte_fbarray arr;
		uintptr_t mask_at, end;
		volatile uint8_t *last;

		assert_int_equal(rte_fbarray_init(&arr, "test_layout", len, elt_sz), 0);
		assert_true(rte_is_aligned(arr.data, (unsigned int)page_sz));

		/* the whole computed size is mapped and writable */
		last = (volatile uint8_t *)arr.data + size - 1;
		*last = *last;
		end = mapping_end(arr.data);
		assert_true(end >= (uintptr_t)arr.data + size);

		/* the mask: 64-bit words on the first 8-byte boundary after the elements */
		mask_at = RTE_ALIGN_CEIL((uintptr_t)arr.data + (size_t)elt_sz * len, 8);
		rte_fbarray_set_used(&arr, 0);
		rte_fbarray_set_used(&arr, len - 1);
		assert_int_equal(*(uint64_t *)mask_at & 1, 1);
		assert_true((((uint64_t *)mask_at)[(len - 1) / 64] >> ((len - 1) % 64)) & 1);
		if (len > 2)
			assert_int_equal(*(uint64_t *)mask_at & 2, 0);
		/* elements untouched by the mask */
		assert_int_equal(*((uint8_t *)rte_fbarray_get(&arr, len - 1) + elt_sz - 1), 0);
		assert_int_equal(rte_fbarray_destroy(&arr), 0);
	}
}

static int eal_up_4k(void **state)
{
	(void)state;
	return rtetest_eal_init("--sim=profile=4K/2M,pages=16") < 0 ? -1 : 0;
}

static int eal_up_16k(void **state)
{
	(void)state;
	return rtetest_eal_init("--sim=profile=16K/32M,pages=4") < 0 ? -1 : 0;
}

static int eal_up_64k(void **state)
{
	(void)state;
	return rtetest_eal_init("--sim=profile=64K/512M,pages=2") < 0 ? -1 : 0;
}

static void test_layout_4k(void **state)
{
	(void)state;
	if (!rtetest_hal_is_sim())
		skip();
	check_layout(4096);
}

static void test_layout_16k(void **state)
{
	(void)state;
	if (!rtetest_hal_is_sim())
		skip();
	check_layout(16384);
	test_patterns_len_127_128_129(state);
}

static void test_layout_64k(void **state)
{
	(void)state;
	if (!rtetest_hal_is_sim())
		skip();
	check_layout(65536);
	test_attach_same_process(state);
}

/* --- failures leave everything as it was ------------------------------- */

#ifdef RTEMEM_HAL_sim
/* The struct a failed init or attach must leave alone. */
static void fill_junk(struct rte_fbarray *arr)
{
	memset(arr, 0x5a, sizeof(*arr));
}

static bool is_junk(const struct rte_fbarray *arr)
{
	struct rte_fbarray junk;

	fill_junk(&junk);
	return memcmp(arr, &junk, sizeof(junk)) == 0;
}

static void test_init_faults(void **state)
{
	struct rte_fbarray arr;

	(void)state;
	fill_junk(&arr);
	sim_fault_arm(SIM_OP_VA_RESERVE, 1);
	assert_int_equal(rte_fbarray_init(&arr, "test_fault", 100, 8), -1);
	assert_int_equal(rte_errno, ENOMEM);
	assert_true(is_junk(&arr));

	sim_fault_arm(SIM_OP_SHM_CREATE, 1);
	assert_int_equal(rte_fbarray_init(&arr, "test_fault", 100, 8), -1);
	assert_int_equal(rte_errno, ENOSPC);
	assert_true(is_junk(&arr));

	/* the name was not taken by the failed attempts */
	assert_int_equal(rte_fbarray_init(&arr, "test_fault", 100, 8), 0);
	rte_fbarray_set_used(&arr, 5);

	/* attach: reservation failure, then the address taken by someone else */
	assert_int_equal(rte_fbarray_detach(&arr), 0);
	sim_fault_arm(SIM_OP_VA_RESERVE, 1);
	assert_int_equal(rte_fbarray_attach(&arr), -1);
	assert_int_equal(rte_errno, ENOMEM);
	{
		size_t size = expected_map_size(hal_base_page_size(), 8, 100);
		void *squatter = hal_va_reserve(arr.data, size, hal_base_page_size());

		assert_ptr_equal(squatter, arr.data);
		assert_int_equal(rte_fbarray_attach(&arr), -1);
		assert_int_equal(rte_errno, EADDRNOTAVAIL);
		hal_va_release(squatter, size);
	}
	assert_int_equal(rte_fbarray_attach(&arr), 0);
	assert_int_equal(rte_fbarray_is_used(&arr, 5), 1);

	/* destroy whose shared file cannot be removed: -1 with the HAL's
	 * error, and the array stays as it was, mapped and usable, so that
	 * destroying it again works */
	{
		struct rte_fbarray copy, zero, later;

		/* an array made after it, so that it is not the newest */
		assert_int_equal(rte_fbarray_init(&later, "test_fault_later", 10, 8), 0);
		copy = arr;
		sim_fault_arm(SIM_OP_SHM_UNLINK, 1);
		rte_errno = 0;
		assert_int_equal(rte_fbarray_destroy(&arr), -1);
		assert_int_equal(rte_errno, EACCES);
		assert_memory_equal(&arr, &copy, sizeof(arr));
		assert_int_equal(rte_fbarray_is_used(&arr, 5), 1);
		assert_int_equal(rte_fbarray_set_used(&arr, 6), 0);
		assert_int_equal(rte_fbarray_find_next_used(&arr, 6), 6);
		assert_int_equal(rte_fbarray_destroy(&arr), 0);
		memset(&zero, 0, sizeof(zero));
		assert_memory_equal(&arr, &zero, sizeof(arr));
		/* and the failure lost no other array */
		assert_int_equal(rte_fbarray_destroy(&later), 0);
	}
}
#else
static void test_init_faults(void **state)
{
	(void)state;
	skip(); /* fault injection needs the simulated machine */
}
#endif

/* --- --in-memory: no shared files -------------------------------------------- */

static int eal_up_in_memory(void **state)
{
	(void)state;
	return rtetest_boot("--in-memory");
}

static void test_in_memory(void **state)
{
	struct rte_fbarray arr;

	(void)state;
	assert_int_equal(rte_fbarray_init(&arr, "test_inmem", 100, 8), 0);
	rte_fbarray_set_used(&arr, 42);
	assert_int_equal(rte_fbarray_find_next_used(&arr, 0), 42);
	assert_int_equal(rte_fbarray_attach(&arr), -1);
	assert_int_equal(rte_errno, EEXIST);
	/* detach drops the only copy: --in-memory has no file to attach to */
	assert_int_equal(rte_fbarray_detach(&arr), 0);
	assert_int_equal(rte_fbarray_attach(&arr), -1);
	assert_int_equal(rte_errno, ENOENT);
	assert_int_equal(rte_fbarray_destroy(&arr), -1);
	assert_int_equal(rte_errno, ENOENT);
	/* and the name is free again */
	assert_int_equal(rte_fbarray_init(&arr, "test_inmem", 100, 8), 0);
	assert_int_equal(rte_fbarray_find_next_used(&arr, 0), -1);
	assert_int_equal(rte_fbarray_destroy(&arr), 0);

	/* DPDK 22.11 takes len up to INT_MAX (only more is EINVAL). In memory,
	 * so that the 2 GB mapping is not cleared page by page. */
	assert_int_equal(rte_fbarray_init(&arr, "test_max_len", INT_MAX, 1), 0);
	assert_int_equal(rte_fbarray_set_used(&arr, INT_MAX - 1), 0);
	assert_int_equal(rte_fbarray_find_prev_used(&arr, INT_MAX - 1), INT_MAX - 1);
	assert_int_equal(rte_fbarray_destroy(&arr), 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest basic[] = {
		cmocka_unit_test(test_init_bad_args),
		cmocka_unit_test(test_duplicate_name),
		cmocka_unit_test(test_init_over_leftover_file),
		cmocka_unit_test(test_destroy_detach_unknown),
		cmocka_unit_test(test_attach_same_process),
		cmocka_unit_test(test_get_and_find_idx),
		cmocka_unit_test(test_set_used_free_count),
		cmocka_unit_test(test_find_bad_args),
		cmocka_unit_test(test_dump_metadata),
		cmocka_unit_test(test_dump_mask_words),
		cmocka_unit_test(test_dead_writer_recount),
		cmocka_unit_test(test_attach_next_to_mapped),
		cmocka_unit_test(test_attach_bad_struct),
		cmocka_unit_test(test_init_faults),
		cmocka_unit_test(test_known_answers),
		cmocka_unit_test(test_patterns_len_1),
		cmocka_unit_test(test_patterns_len_63_64_65),
		cmocka_unit_test(test_patterns_len_127_128_129),
		cmocka_unit_test(test_patterns_len_200),
		cmocka_unit_test(test_patterns_len_1000),
		cmocka_unit_test(test_random_flips),
		cmocka_unit_test(test_all_used_ranges),
		cmocka_unit_test(test_concurrent_set),
	};
	const struct CMUnitTest page_4k[] = { cmocka_unit_test(test_layout_4k) };
	const struct CMUnitTest page_16k[] = { cmocka_unit_test(test_layout_16k) };
	const struct CMUnitTest page_64k[] = { cmocka_unit_test(test_layout_64k) };
	const struct CMUnitTest in_memory[] = { cmocka_unit_test(test_in_memory) };
	const struct CMUnitTest multi_process[] = { cmocka_unit_test(test_secondary_attach) };
	const struct CMUnitTest no_eal[] = { cmocka_unit_test(test_without_eal) };
	ssize_t n;
	int failed = 0;

	if (argc == 3 && strcmp(argv[1], "mp-child") == 0)
		return mp_child(argv[2]);
	n = readlink("/proc/self/exe", self_path, sizeof(self_path) - 1);
	self_path[n > 0 ? n : 0] = '\0';

	failed += cmocka_run_group_tests_name("fbarray without EAL", no_eal, NULL, NULL);
	failed += cmocka_run_group_tests_name("fbarray", basic, eal_up, eal_down);
	failed += cmocka_run_group_tests_name("fbarray_multi_process", multi_process, eal_up,
					      eal_down);
	if (rtetest_hal_is_sim()) {
		failed += cmocka_run_group_tests_name("fbarray_4K", page_4k, eal_up_4k, eal_down);
		failed += cmocka_run_group_tests_name("fbarray_16K", page_16k, eal_up_16k, eal_down);
		failed += cmocka_run_group_tests_name("fbarray_64K", page_64k, eal_up_64k, eal_down);
	}
	failed += cmocka_run_group_tests_name("fbarray_in_memory", in_memory, eal_up_in_memory,
					      eal_down);
	return failed;
}
