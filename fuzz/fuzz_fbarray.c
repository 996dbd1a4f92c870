/* SPDX-License-Identifier: BSD-3-Clause
 * libFuzzer harness for rte_fbarray: the input is a length and a list of
 * operations (set used, set free, every find_*), each replayed on an
 * rte_fbarray and on a plain bool-array model; any difference aborts.
 *
 * Input layout (ops: opcode % 8 picks the operation, bit 4 used/free,
 * bit 5 reverse, bit 7 leaves start unreduced so it may be out of range):
 *   bytes 0-1  array length: 1 + (le16 % MAX_LEN)
 *   byte  2    element size: 1 + (byte % 16)
 *   then ops of 4 bytes: opcode, start (le16, may be out of range), n
 * Starts and n are taken as given, so bad arguments (start >= len, n == 0,
 * n > len) are exercised too and must give EINVAL.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_fbarray.h>
#include <rte_log.h>

#include "fuzz_eal.h"

#define MAX_LEN 2048

static bool model[MAX_LEN];
static unsigned int model_len;

/* --- the model: plain loops over a bool array -------------------------- */

static int m_next(unsigned int start, bool used)
{
	for (unsigned int i = start; i < model_len; i++)
		if (model[i] == used)
			return (int)i;
	return -1;
}

static int m_prev(unsigned int start, bool used)
{
	for (int i = (int)start; i >= 0; i--)
		if (model[i] == used)
			return i;
	return -1;
}

static int m_contig(unsigned int start, bool used)
{
	unsigned int i = start;

	while (i < model_len && model[i] == used)
		i++;
	return (int)(i - start);
}

static int m_rev_contig(unsigned int start, bool used)
{
	int i = (int)start;

	while (i >= 0 && model[i] == used)
		i--;
	return (int)start - i;
}

static int m_next_n(unsigned int start, unsigned int n, bool used)
{
	unsigned int run = 0;

	for (unsigned int i = start; i < model_len; i++) {
		run = model[i] == used ? run + 1 : 0;
		if (run == n)
			return (int)(i - n + 1);
	}
	return -1;
}

static int m_prev_n(unsigned int start, unsigned int n, bool used)
{
	unsigned int run = 0;

	for (int i = (int)start; i >= 0; i--) {
		run = model[i] == used ? run + 1 : 0;
		if (run == n)
			return i;
	}
	return -1;
}

static int m_biggest(unsigned int start, bool used, bool rev)
{
	int best = -1, best_len = 0;

	if (!rev) {
		for (unsigned int i = start; i < model_len;) {
			int run = m_contig(i, used);

			if (run > best_len) {
				best_len = run;
				best = (int)i;
			}
			i += run > 0 ? (unsigned int)run : 1;
		}
	} else {
		for (int i = (int)start; i >= 0;) {
			int run = m_rev_contig((unsigned int)i, used);

			if (run > best_len) {
				best_len = run;
				best = i - run + 1;
			}
			i -= run > 0 ? run : 1;
		}
	}
	return best;
}

/* --- checking --------------------------------------------------------- */

static void mismatch(const char *what, unsigned int start, unsigned int n, int got, int want)
{
	fprintf(stderr, "fuzz_fbarray: %s(start=%u, n=%u) len=%u: got %d (rte_errno %d), want %d\n",
		what, start, n, model_len, got, rte_errno, want);
	abort();
}

/* A search result: the model's index, or -1 with DPDK's errno. */
static void check_find(const char *what, int got, int want, bool used, unsigned int start,
		       unsigned int n)
{
	if (got != want)
		mismatch(what, start, n, got, want);
	if (want < 0 && rte_errno != (used ? ENOENT : ENOSPC))
		mismatch(what, start, n, got, want);
}

static void check_einval(const char *what, int got, unsigned int start, unsigned int n)
{
	if (got != -1 || rte_errno != EINVAL)
		mismatch(what, start, n, got, -EINVAL);
}

enum op {
	OP_SET_USED,
	OP_SET_FREE,
	OP_FIND,         /* next/prev, free/used */
	OP_FIND_N,       /* next_n/prev_n, free/used */
	OP_CONTIG,       /* contig/rev_contig, free/used */
	OP_BIGGEST,      /* biggest/rev_biggest, free/used */
	OP_FILL,         /* set a run of n elements, used or free */
	OP_GET,          /* get and find_idx round trip */
	OP_COUNT
};

static void do_op(struct rte_fbarray *arr, uint8_t code, unsigned int start, unsigned int n)
{
	bool used = code & 0x10, rev = code & 0x20;
	bool bad = start >= model_len;
	int ret;

	rte_errno = 0;
	switch (code % OP_COUNT) {
	case OP_SET_USED:
	case OP_SET_FREE:
		used = code % OP_COUNT == OP_SET_USED;
		ret = used ? rte_fbarray_set_used(arr, start) : rte_fbarray_set_free(arr, start);
		if (bad) {
			check_einval("set", ret, start, 0);
			break;
		}
		if (ret != 0)
			mismatch("set", start, 0, ret, 0);
		model[start] = used;
		if (rte_fbarray_is_used(arr, start) != used)
			mismatch("is_used", start, 0, !used, used);
		break;
	case OP_FILL:
		for (unsigned int i = start; i < model_len && i < start + n; i++) {
			model[i] = used;
			ret = used ? rte_fbarray_set_used(arr, i) : rte_fbarray_set_free(arr, i);
			if (ret != 0)
				mismatch("fill", i, n, ret, 0);
		}
		break;
	case OP_GET: {
		uint8_t *p = rte_fbarray_get(arr, start);

		if (bad) {
			if (p != NULL || rte_errno != EINVAL)
				mismatch("get", start, 0, -1, -EINVAL);
			break;
		}
		if (p != (uint8_t *)arr->data + (size_t)start * arr->elt_sz ||
		    rte_fbarray_find_idx(arr, p) != (int)start ||
		    rte_fbarray_find_idx(arr, p + arr->elt_sz - 1) != (int)start)
			mismatch("get", start, 0, -1, (int)start);
		p[0] = (uint8_t)start; /* elements are writable and apart from the mask */
		break;
	}
	case OP_FIND:
		if (!rev)
			ret = used ? rte_fbarray_find_next_used(arr, start) :
				     rte_fbarray_find_next_free(arr, start);
		else
			ret = used ? rte_fbarray_find_prev_used(arr, start) :
				     rte_fbarray_find_prev_free(arr, start);
		if (bad)
			check_einval("find", ret, start, 0);
		else
			check_find("find", ret, rev ? m_prev(start, used) : m_next(start, used),
				   used, start, 0);
		break;
	case OP_FIND_N:
		if (!rev)
			ret = used ? rte_fbarray_find_next_n_used(arr, start, n) :
				     rte_fbarray_find_next_n_free(arr, start, n);
		else
			ret = used ? rte_fbarray_find_prev_n_used(arr, start, n) :
				     rte_fbarray_find_prev_n_free(arr, start, n);
		if (bad || n == 0 || n > model_len)
			check_einval("find_n", ret, start, n);
		else
			check_find("find_n", ret,
				   rev ? m_prev_n(start, n, used) : m_next_n(start, n, used),
				   used, start, n);
		break;
	case OP_CONTIG:
		if (!rev)
			ret = used ? rte_fbarray_find_contig_used(arr, start) :
				     rte_fbarray_find_contig_free(arr, start);
		else
			ret = used ? rte_fbarray_find_rev_contig_used(arr, start) :
				     rte_fbarray_find_rev_contig_free(arr, start);
		if (bad)
			check_einval("contig", ret, start, 0);
		else if (ret != (rev ? m_rev_contig(start, used) : m_contig(start, used)))
			mismatch("contig", start, 0, ret,
				 rev ? m_rev_contig(start, used) : m_contig(start, used));
		break;
	case OP_BIGGEST:
		if (!rev)
			ret = used ? rte_fbarray_find_biggest_used(arr, start) :
				     rte_fbarray_find_biggest_free(arr, start);
		else
			ret = used ? rte_fbarray_find_rev_biggest_used(arr, start) :
				     rte_fbarray_find_rev_biggest_free(arr, start);
		if (bad)
			check_einval("biggest", ret, start, 0);
		else
			check_find("biggest", ret, m_biggest(start, used, rev), used, start, 0);
		break;
	}
}

static void check_count(const struct rte_fbarray *arr)
{
	unsigned int count = 0;

	for (unsigned int i = 0; i < model_len; i++)
		count += model[i];
	if (arr->count != count)
		mismatch("count", 0, 0, (int)arr->count, (int)count);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_eal_init("fuzz_fbarray", "--sim=pages=2,populate=0");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rte_fbarray arr;
	unsigned int elt_sz;

	if (size < 3)
		return 0;
	model_len = 1 + (unsigned int)((data[0] | data[1] << 8) % MAX_LEN);
	elt_sz = 1 + data[2] % 16;
	memset(model, 0, sizeof(model));
	if (rte_fbarray_init(&arr, "fuzz", model_len, elt_sz) != 0) {
		fprintf(stderr, "fuzz_fbarray: init(len=%u) failed: %d\n", model_len, rte_errno);
		abort();
	}
	for (size_t off = 3; off + 4 <= size; off += 4) {
		unsigned int start = (unsigned int)(data[off + 1] | data[off + 2] << 8);

		/* mostly in range, sometimes not */
		if (!(data[off] & 0x80))
			start %= model_len;
		do_op(&arr, data[off], start, data[off + 3]);
		check_count(&arr);
	}
	if (rte_fbarray_destroy(&arr) != 0)
		abort();
	return 0;
}
