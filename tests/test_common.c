/* SPDX-License-Identifier: BSD-3-Clause
 * rte_common.h, rte_memcpy.h and rte_atomic.h's 128-bit compare-exchange
 * (DPDK 22.11): the helpers whose values a program depends on. No EAL.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <rte_atomic.h>
#include <rte_common.h>
#include <rte_memcpy.h>

struct two_fields {
	uint32_t a;
	uint64_t b;
};

static void test_common_macros(void **state)
{
	struct two_fields f = { 1, 0x1122334455667788ULL };
	uint32_t pos = 0x5a5a;
	int x = 3, y = 4;
	char buf[32];

	(void)state;
	assert_int_equal(rte_bsf32_safe(0, &pos), 0);
	assert_int_equal(pos, 0x5a5a); /* untouched for 0 */
	assert_int_equal(rte_bsf32_safe(0x50, &pos), 1);
	assert_int_equal(pos, 4);
	assert_int_equal(rte_bsf64_safe(0, &pos), 0);
	assert_int_equal(pos, 4);
	assert_int_equal(rte_bsf64_safe(1ULL << 40, &pos), 1);
	assert_int_equal(pos, 40);

	/* nearest multiple; a tie goes up */
	assert_int_equal(RTE_ALIGN_MUL_NEAR(14, 10), 10);
	assert_int_equal(RTE_ALIGN_MUL_NEAR(16, 10), 20);
	assert_int_equal(RTE_ALIGN_MUL_NEAR(15, 10), 20);
	assert_int_equal(RTE_ALIGN_MUL_NEAR(30, 10), 30);

	RTE_SWAP(x, y);
	assert_int_equal(x, 4);
	assert_int_equal(y, 3);
	assert_int_equal(RTE_SIZEOF_FIELD(struct two_fields, b), 8);
	assert_int_equal(RTE_CAST_FIELD(&f, a, uint32_t), 1);
	RTE_CAST_FIELD(&f, b, uint64_t) = 7;
	assert_int_equal(f.b, 7);
	assert_int_equal(1 << RTE_CACHE_LINE_SIZE_LOG2, RTE_CACHE_LINE_SIZE);
	assert_int_equal(RTE_PRIO(LOG), 101);
	assert_int_equal(RTE_PRIORITY_LAST, 65535);

	/* RTE_FMT appends to a caller's format and keeps its arguments */
#define FMT_NL(...) RTE_FMT(RTE_FMT_HEAD(__VA_ARGS__, ) "!", RTE_FMT_TAIL(__VA_ARGS__, ))
	memset(buf, 'x', sizeof(buf));
	snprintf(buf, sizeof(buf), FMT_NL("%d-%s", 7, "z"));
	assert_string_equal(buf, "7-z!");
	snprintf(buf, sizeof(buf), FMT_NL("plain"));
	assert_string_equal(buf, "plain!");
#undef FMT_NL
}

static void test_memcpy_variants(void **state)
{
	uint8_t src[512], dst[512];

	(void)state;
	for (size_t i = 0; i < sizeof(src); i++)
		src[i] = (uint8_t)(i * 7 + 1);
	for (size_t n = 0; n < 16; n++) {
		memset(dst, 0xa5, sizeof(dst));
		assert_ptr_equal(rte_mov15_or_less(dst + 1, src + 3, n), dst + 1);
		if (n > 0)
			assert_memory_equal(dst + 1, src + 3, n);
		assert_int_equal(dst[1 + n], 0xa5);
	}
	memset(dst, 0xa5, sizeof(dst));
	assert_ptr_equal(rte_memcpy_generic(dst + 3, src + 1, 300), dst + 3);
	assert_memory_equal(dst + 3, src + 1, 300);
	assert_int_equal(dst[303], 0xa5);
	memset(dst, 0xa5, sizeof(dst));
	assert_ptr_equal(rte_memcpy_aligned(dst, src, 256), dst);
	assert_memory_equal(dst, src, 256);
	assert_int_equal(dst[256], 0xa5);
}

#if defined(__x86_64__) || defined(__i386__)
/*
 * MOVEUNALIGNED_LEFT47 copies a prefix and leaves DPDK's remainder for the
 * caller: the 128-byte loop while len >= 144 - offset, then the 32-byte one
 * while len >= 48 - offset, leaving 16 - offset <= len < 48 - offset.
 */
static void test_moveunaligned_left47(void **state)
{
	static const struct {
		size_t len, offset, left;
	} cases[] = {
		{ 300, 5, 12 }, /* two 128 steps to 44, 44 >= 43: one 32 step */
		{ 143, 1, 15 }, /* 143 >= 144 - 1: one 128 step */
		{ 142, 1, 46 }, /* 142 < 143: three 32 steps */
		{ 47, 1, 15 },  /* 47 >= 48 - 1: one 32 step */
		{ 46, 1, 46 },  /* nothing to do */
		{ 40, 15, 8 },  /* 40 >= 33: one 32 step */
		{ 20, 15, 20 },
	};
	uint8_t src[512], dst[512];

	(void)state;
	for (size_t i = 0; i < sizeof(src); i++)
		src[i] = (uint8_t)(i * 13 + 5);
	for (size_t c = 0; c < RTE_DIM(cases); c++) {
		uint8_t *d = dst;
		const uint8_t *s = src + 16;
		size_t n = cases[c].len;

		memset(dst, 0xa5, sizeof(dst));
		switch (cases[c].offset) {
		case 1: MOVEUNALIGNED_LEFT47(d, s, n, 1); break;
		case 5: MOVEUNALIGNED_LEFT47(d, s, n, 5); break;
		case 15: MOVEUNALIGNED_LEFT47(d, s, n, 15); break;
		}
		assert_int_equal(n, cases[c].left);
		assert_ptr_equal(d, dst + (cases[c].len - n));
		assert_ptr_equal(s, src + 16 + (cases[c].len - n));
		if (cases[c].len > n)
			assert_memory_equal(dst, src + 16, cases[c].len - n);
		assert_int_equal(dst[cases[c].len - n], 0xa5); /* the rest is the caller's */
	}
}
#endif

#if defined(__x86_64__) || defined(__aarch64__)
static void test_atomic128_cmp_exchange(void **state)
{
	rte_int128_t dst, exp, src;

	(void)state;
	assert_int_equal(sizeof(rte_int128_t), 16);
	assert_int_equal(_Alignof(rte_int128_t), 16);
	dst.val[0] = 1;
	dst.val[1] = 2;
	exp = dst;
	src.val[0] = 0x1111111111111111ULL;
	src.val[1] = 0x2222222222222222ULL;
	assert_int_equal(rte_atomic128_cmp_exchange(&dst, &exp, &src, 0, __ATOMIC_ACQ_REL,
						    __ATOMIC_ACQUIRE), 1);
	assert_true(dst.val[0] == src.val[0] && dst.val[1] == src.val[1]);
	assert_true(exp.val[0] == 1 && exp.val[1] == 2); /* exp untouched on success */

	/* a mismatch in the high word alone fails, and reports what is there */
	exp.val[0] = src.val[0];
	exp.val[1] = 3;
	src.val[0] = 5;
	src.val[1] = 6;
	assert_int_equal(rte_atomic128_cmp_exchange(&dst, &exp, &src, 0, __ATOMIC_RELAXED,
						    __ATOMIC_RELAXED), 0);
	assert_true(dst.val[0] == 0x1111111111111111ULL && dst.val[1] == 0x2222222222222222ULL);
	assert_true(exp.val[0] == dst.val[0] && exp.val[1] == dst.val[1]);
	/* weak: retried until it succeeds, as callers do */
	while (!rte_atomic128_cmp_exchange(&dst, &exp, &src, 1, __ATOMIC_RELEASE,
					   __ATOMIC_RELAXED))
		;
	assert_true(dst.val[0] == 5 && dst.val[1] == 6);
}

/* Two threads bump both halves by compare-exchange: no update may be lost or torn. */
static rte_int128_t shared_pair;

static void *bump_pair(void *arg)
{
	(void)arg;
	for (int i = 0; i < 100000; i++) {
		/* a guess of 0: a failed exchange reads the real value into exp */
		rte_int128_t exp = { { { 0, 0 } } }, next;

		do {
			next.val[0] = exp.val[0] + 1;
			next.val[1] = exp.val[1] + 3;
		} while (!rte_atomic128_cmp_exchange(&shared_pair, &exp, &next, 1, __ATOMIC_ACQ_REL,
						     __ATOMIC_RELAXED));
	}
	return NULL;
}

static void test_atomic128_two_threads(void **state)
{
	pthread_t t[2];

	(void)state;
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, bump_pair, NULL), 0);
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	assert_int_equal(shared_pair.val[0], 200000);
	assert_int_equal(shared_pair.val[1], 600000);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common_macros),
		cmocka_unit_test(test_memcpy_variants),
#if defined(__x86_64__) || defined(__i386__)
		cmocka_unit_test(test_moveunaligned_left47),
#endif
#if defined(__x86_64__) || defined(__aarch64__)
		cmocka_unit_test(test_atomic128_cmp_exchange),
		cmocka_unit_test(test_atomic128_two_threads),
#endif
	};

	return cmocka_run_group_tests_name("common", tests, NULL, NULL);
}
