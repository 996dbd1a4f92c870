/* SPDX-License-Identifier: BSD-3-Clause
 * rte_fbarray: a fixed-capacity array of fixed-size elements with a used-bit
 * mask, kept in one shared mapping so that secondary processes can attach.
 *
 * Layout of arr->data (one mapping of calc_data_size() bytes):
 *
 *   [ element 0 | element 1 | ... | element len-1 ][pad 0..7][ mask words ]
 *   [pad][ lock ]
 *
 * The mask is one bit per element (1 = used), in 64-bit words that start on
 * the first 8-byte boundary after the elements. mask_size() reserves one
 * spare word for that padding. Bits past len in the last word are always 0.
 *
 * The lock that guards mask and count sits in the mapping too, not in
 * arr->rwlock: arrays are shared between processes and any of them may die
 * holding it, which only an eal_shrwlock survives (eal_shlock.h). A writer
 * that died may have changed the mask and not the count; the next one
 * counts again (lock_write). arr->rwlock is kept, unused, for DPDK's layout.
 *
 * Error codes follow DPDK 22.11: EINVAL for bad arguments; a failed search
 * sets ENOSPC when it looked for free elements and ENOENT when it looked for
 * used ones; destroy/detach of an array this process does not map sets
 * ENOENT; attach over an area this process already maps sets EEXIST. One
 * addition: DPDK refuses a second init of a name the process already holds
 * through a file lock (EBUSY); we keep the names in the process-local list
 * and give the same EBUSY, also with --in-memory.
 *
 * Lock order: area_lock (process-local list) is never held while taking an
 * array's rwlock, and an rwlock is never held while taking area_lock.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_fbarray.h>
#include <rte_log.h>

#include "eal_private.h"
#include "eal_shlock.h"
#include "hal.h"

#define WORD_BITS 64u

/* --- sizes and layout ------------------------------------------------ */

static unsigned int mask_words(unsigned int len)
{
	return (len + WORD_BITS - 1) / WORD_BITS;
}

/* The mask words plus one word of slack for aligning them to 8 bytes. */
static size_t mask_size(unsigned int len)
{
	return sizeof(uint64_t) * ((size_t)mask_words(len) + 1);
}

static size_t lock_offset(unsigned int elt_sz, unsigned int len)
{
	return RTE_ALIGN_CEIL((size_t)elt_sz * len + mask_size(len), (size_t)RTE_CACHE_LINE_SIZE);
}

static size_t calc_data_size(size_t page_sz, unsigned int elt_sz, unsigned int len)
{
	return RTE_ALIGN_CEIL(lock_offset(elt_sz, len) + sizeof(struct eal_shrwlock), page_sz);
}

static uint64_t *get_mask(const struct rte_fbarray *arr)
{
	uintptr_t end = (uintptr_t)arr->data + (size_t)arr->elt_sz * arr->len;

	return (uint64_t *)RTE_ALIGN_CEIL(end, sizeof(uint64_t));
}

static struct eal_shrwlock *arr_lock(const struct rte_fbarray *arr)
{
	return RTE_PTR_ADD(arr->data, lock_offset(arr->elt_sz, arr->len));
}

static void lock_read(const struct rte_fbarray *arr)
{
	eal_shrw_read_lock(arr_lock(arr));
}

static void unlock_read(const struct rte_fbarray *arr)
{
	eal_shrw_read_unlock(arr_lock(arr));
}

static void lock_write(struct rte_fbarray *arr)
{
	struct eal_shrwlock *l = arr_lock(arr);

	if (eal_shrw_write_lock(l) == -EOWNERDEAD) {
		const uint64_t *mask = get_mask(arr);
		unsigned int n = 0;

		for (unsigned int w = 0; w < mask_words(arr->len); w++)
			n += (unsigned int)__builtin_popcountll(mask[w]);
		RTE_LOG(WARNING, EAL, "fbarray %s: a process died changing it; %u in use\n",
			arr->name, n);
		arr->count = n;
		eal_shlock_consistent(&l->w);
	}
}

static void unlock_write(struct rte_fbarray *arr)
{
	eal_shrw_write_unlock(arr_lock(arr));
}

/*
 * The functions below that are not rte_* return a value or -errno and
 * leave rte_errno alone; the rte_fbarray_* entry points set it (DPDK's
 * API) through public_int.
 */
static int public_int(int ret)
{
	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	return ret;
}

static int validate(const char *name, unsigned int elt_sz, unsigned int len)
{
	if (name == NULL || elt_sz == 0 || len == 0 || len > INT_MAX)
		return -EINVAL;
	if (strnlen(name, RTE_FBARRAY_NAME_LEN) == RTE_FBARRAY_NAME_LEN)
		return -ENAMETOOLONG;
	return 0;
}

static void shm_name(char *buf, size_t sz, const char *name)
{
	snprintf(buf, sz, "fbarray_%s", name);
}

/* --- process-local list of mapped arrays ----------------------------- */

struct mapped_area {
	struct mapped_area *next;
	char name[RTE_FBARRAY_NAME_LEN];
	void *addr;
	size_t len;
};

static struct mapped_area *areas;
static pthread_mutex_t area_lock = PTHREAD_MUTEX_INITIALIZER;

static struct mapped_area *area_find_name(const char *name)
{
	for (struct mapped_area *a = areas; a != NULL; a = a->next)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}

static bool area_overlaps(const void *addr, size_t len)
{
	uintptr_t start = (uintptr_t)addr, end = start + len;

	for (struct mapped_area *a = areas; a != NULL; a = a->next) {
		uintptr_t a_start = (uintptr_t)a->addr, a_end = a_start + a->len;

		if (start < a_end && a_start < end)
			return true;
	}
	return false;
}

/* Unlink and return the entry for exactly [addr, addr + len), or NULL. */
static struct mapped_area *area_take(const void *addr, size_t len)
{
	for (struct mapped_area **p = &areas; *p != NULL; p = &(*p)->next) {
		struct mapped_area *a = *p;

		if (a->addr == addr && a->len == len) {
			*p = a->next;
			return a;
		}
	}
	return NULL;
}

static void area_add(struct mapped_area *a, const char *name, void *addr, size_t len)
{
	snprintf(a->name, sizeof(a->name), "%s", name);
	a->addr = addr;
	a->len = len;
	a->next = areas;
	areas = a;
}

/*
 * Reserve address space (at hint if not NULL, and then only there) and map
 * the array's shared file into it: 0 with the address in *out, or -errno.
 */
static int map_area(const char *name, size_t len, void *hint, bool create, void **out)
{
	size_t page_sz = hal_base_page_size();
	char path[RTE_FBARRAY_NAME_LEN + 16];
	void *va;
	int err;

	errno = 0;
	va = hal_va_reserve(hint, len, page_sz);
	if (va == NULL)
		return errno ? -errno : -ENOMEM;
	if (hint != NULL && va != hint) {
		hal_va_release(va, len);
		return -EADDRNOTAVAIL;
	}
	shm_name(path, sizeof(path), name);
	errno = 0;
	*out = hal_shm_map(path, len, va, create);
	if (*out == NULL) {
		err = errno ? -errno : -ENOMEM;
		hal_va_release(va, len);
		return err;
	}
	return 0;
}

/*
 * As DPDK's fbarray: memory the OS will not unmap (munmap's ENOMEM) is
 * logged and lost to this process; the array is gone all the same, so its
 * name is free and a teardown can go on.
 */
static void unmap_area(const char *name, void *addr, size_t len)
{
	int ret = hal_shm_unmap(addr, len, false);

	if (ret < 0)
		RTE_LOG(ERR, EAL, "fbarray %s: cannot unmap its memory (%zu bytes at %p left): %s\n",
			name, len, addr, strerror(-ret));
}

/* --- init / attach / detach / destroy -------------------------------- */

int rte_fbarray_init(struct rte_fbarray *arr, const char *name, unsigned int len,
		     unsigned int elt_sz)
{
	struct mapped_area *area;
	size_t page_sz, map_len;
	void *data;
	int ret;

	if (arr == NULL)
		return public_int(-EINVAL);
	ret = validate(name, elt_sz, len);
	if (ret < 0)
		return public_int(ret);
	page_sz = hal_base_page_size();
	if (page_sz == 0)
		return public_int(-ENODEV); /* no HAL: EAL is not up */
	map_len = calc_data_size(page_sz, elt_sz, len);

	area = malloc(sizeof(*area));
	if (area == NULL)
		return public_int(-ENOMEM);

	pthread_mutex_lock(&area_lock);
	if (area_find_name(name) != NULL) {
		RTE_LOG(DEBUG, EAL, "fbarray %s is already in use\n", name);
		ret = -EBUSY;
		goto fail;
	}
	ret = map_area(name, map_len, NULL, true, &data);
	if (ret < 0)
		goto fail;
	/* A file may be left over from an earlier run: start clean. A fresh
	 * mapping is zero already, and clearing it would fault in every page
	 * of a mostly unused memseg array (most of an --in-memory
	 * rte_eal_init's time). */
	if (!hal_shm_is_fresh())
		memset(data, 0, map_len);
	area_add(area, name, data, map_len);
	pthread_mutex_unlock(&area_lock);

	memset(arr, 0, sizeof(*arr));
	snprintf(arr->name, sizeof(arr->name), "%s", name);
	arr->data = data;
	arr->len = len;
	arr->elt_sz = elt_sz;
	arr->count = 0;
	rte_rwlock_init(&arr->rwlock);
	return 0;

fail:
	pthread_mutex_unlock(&area_lock);
	free(area);
	return public_int(ret);
}

int rte_fbarray_attach(struct rte_fbarray *arr)
{
	struct mapped_area *area;
	size_t page_sz, map_len;
	void *data;
	int ret;

	if (arr == NULL)
		return public_int(-EINVAL);
	ret = validate(arr->name, arr->elt_sz, arr->len);
	if (ret < 0)
		return public_int(ret);
	page_sz = hal_base_page_size();
	if (page_sz == 0)
		return public_int(-ENODEV);
	map_len = calc_data_size(page_sz, arr->elt_sz, arr->len);

	area = malloc(sizeof(*area));
	if (area == NULL)
		return public_int(-ENOMEM);

	pthread_mutex_lock(&area_lock);
	/* Mapped here already (by init or an earlier attach): refuse, as DPDK. */
	if (area_overlaps(arr->data, map_len)) {
		ret = -EEXIST;
		goto fail;
	}
	ret = map_area(arr->name, map_len, arr->data, false, &data);
	if (ret < 0)
		goto fail;
	area_add(area, arr->name, data, map_len);
	pthread_mutex_unlock(&area_lock);
	return 0;

fail:
	pthread_mutex_unlock(&area_lock);
	free(area);
	return public_int(ret);
}

/* Unmap arr from this process; with unlink, remove its shared file too. */
static int fbarray_unmap(struct rte_fbarray *arr, bool unlink)
{
	struct mapped_area *area;
	size_t page_sz = hal_base_page_size();
	size_t map_len;

	if (arr == NULL)
		return -EINVAL;
	/* An array we never mapped may hold garbage: only compare, never touch. */
	if (page_sz == 0 || arr->elt_sz == 0 || arr->len == 0)
		return -ENOENT;
	map_len = calc_data_size(page_sz, arr->elt_sz, arr->len);

	pthread_mutex_lock(&area_lock);
	area = area_take(arr->data, map_len);
	pthread_mutex_unlock(&area_lock);
	if (area == NULL)
		return -ENOENT;

	if (unlink) {
		char path[RTE_FBARRAY_NAME_LEN + 16];
		int ret;

		/* Remove the file first: if that fails, the array stays as it was. */
		shm_name(path, sizeof(path), area->name);
		ret = hal_shm_unlink(path);
		if (ret < 0 && ret != -ENOENT) {
			pthread_mutex_lock(&area_lock);
			area->next = areas;
			areas = area;
			pthread_mutex_unlock(&area_lock);
			return ret;
		}
		unmap_area(area->name, area->addr, area->len);
		/* The array is gone for every process: clear the struct too. */
		memset(arr, 0, sizeof(*arr));
	} else {
		unmap_area(area->name, area->addr, area->len);
	}
	free(area);
	return 0;
}

int rte_fbarray_destroy(struct rte_fbarray *arr)
{
	return public_int(fbarray_unmap(arr, true));
}

int rte_fbarray_detach(struct rte_fbarray *arr)
{
	return public_int(fbarray_unmap(arr, false));
}

/* --- elements ---------------------------------------------------------- */

void *rte_fbarray_get(const struct rte_fbarray *arr, unsigned int idx)
{
	if (arr == NULL || idx >= arr->len) {
		rte_errno = EINVAL;
		return NULL;
	}
	return RTE_PTR_ADD(arr->data, (size_t)idx * arr->elt_sz);
}

int rte_fbarray_find_idx(const struct rte_fbarray *arr, const void *elt)
{
	uintptr_t start, end, p = (uintptr_t)elt;

	if (arr == NULL || elt == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	start = (uintptr_t)arr->data;
	end = start + (size_t)arr->elt_sz * arr->len;
	if (p < start || p >= end) {
		rte_errno = EINVAL;
		return -1;
	}
	return (int)((p - start) / arr->elt_sz);
}

static int set_state(struct rte_fbarray *arr, unsigned int idx, bool used)
{
	uint64_t *mask, bit;

	if (arr == NULL || idx >= arr->len)
		return -EINVAL;
	mask = get_mask(arr);
	bit = 1ULL << (idx % WORD_BITS);

	lock_write(arr);
	/* Atomic stores: eal_fbarray_all_used reads words without the lock.
	 * Release: whoever sees an element used sees what was done to it
	 * before (a memseg's page mapped and cleared). */
	if (used && !(mask[idx / WORD_BITS] & bit)) {
		__atomic_store_n(&mask[idx / WORD_BITS], mask[idx / WORD_BITS] | bit,
				 __ATOMIC_RELEASE);
		arr->count++;
	} else if (!used && (mask[idx / WORD_BITS] & bit)) {
		__atomic_store_n(&mask[idx / WORD_BITS], mask[idx / WORD_BITS] & ~bit,
				 __ATOMIC_RELEASE);
		arr->count--;
	}
	unlock_write(arr);
	return 0;
}

int rte_fbarray_set_used(struct rte_fbarray *arr, unsigned int idx)
{
	return public_int(set_state(arr, idx, true));
}

int rte_fbarray_set_free(struct rte_fbarray *arr, unsigned int idx)
{
	return public_int(set_state(arr, idx, false));
}

int rte_fbarray_is_used(struct rte_fbarray *arr, unsigned int idx)
{
	int ret;

	if (arr == NULL || idx >= arr->len) {
		rte_errno = EINVAL;
		return -1;
	}
	lock_read(arr);
	ret = (get_mask(arr)[idx / WORD_BITS] >> (idx % WORD_BITS)) & 1;
	unlock_read(arr);
	return ret;
}

/* Are all of [first, last] used? A word at a time, for rte_free's pointer
 * checks (eal_private.h). Not scan_next(first, free) > last: that runs on
 * to the end of the used run, which in a list of preallocated pages is the
 * whole list, on every rte_free. No lock: the answer is a snapshot either
 * way (a page may go the moment a lock is dropped), and a caller freeing
 * its own block reads bits set before the block was handed out. */
bool eal_fbarray_all_used(struct rte_fbarray *arr, unsigned int first, unsigned int last)
{
	const uint64_t *mask;

	if (arr == NULL || first > last || last >= arr->len)
		return false;
	mask = get_mask(arr);
	for (unsigned int idx = first; idx <= last;) {
		unsigned int bit = idx % WORD_BITS;
		unsigned int n = RTE_MIN(WORD_BITS - bit, last - idx + 1);
		uint64_t want = (n == WORD_BITS ? ~0ULL : (1ULL << n) - 1) << bit;

		if ((__atomic_load_n(&mask[idx / WORD_BITS], __ATOMIC_ACQUIRE) & want) != want)
			return false;
		idx += n;
	}
	return true;
}

/* --- word-at-a-time mask scans (caller holds the read lock) ------------ */

/*
 * The scans read the mask a word at a time, XORed with "flip" so that a 1
 * always means "in the wanted state" (flip is all ones when looking for
 * free elements). The bits past len are always 0, so in a search for free
 * elements they read as free: the first of them is index len itself, which
 * scan_next reports as "none", and scan_prev never looks above start.
 */
static uint64_t flip_for(bool used)
{
	return used ? 0 : ~0ULL;
}

/* First index >= start in the wanted state, or arr->len if none. */
static unsigned int scan_next(const struct rte_fbarray *arr, unsigned int start, bool used)
{
	const uint64_t *mask = get_mask(arr);
	const uint64_t flip = flip_for(used);
	const unsigned int last = (arr->len - 1) / WORD_BITS;
	unsigned int w = start / WORD_BITS;
	uint64_t v = (mask[w] ^ flip) & (~0ULL << (start % WORD_BITS));

	while (v == 0 && w < last)
		v = mask[++w] ^ flip;
	if (v == 0)
		return arr->len;
	return RTE_MIN(w * WORD_BITS + (unsigned int)__builtin_ctzll(v), arr->len);
}

/* Last index <= start in the wanted state, or -1 if none. */
static int scan_prev(const struct rte_fbarray *arr, unsigned int start, bool used)
{
	const uint64_t *mask = get_mask(arr);
	const uint64_t flip = flip_for(used);
	unsigned int w = start / WORD_BITS;
	unsigned int bit = start % WORD_BITS;
	uint64_t upto = bit == WORD_BITS - 1 ? ~0ULL : (1ULL << (bit + 1)) - 1;
	uint64_t v = (mask[w] ^ flip) & upto;

	while (v == 0 && w > 0)
		v = mask[--w] ^ flip;
	if (v == 0)
		return -1;
	return (int)(w * WORD_BITS + WORD_BITS - 1 - (unsigned int)__builtin_clzll(v));
}

/* Length of the run in the wanted state that starts at start (may be 0). */
static unsigned int run_up(const struct rte_fbarray *arr, unsigned int start, bool used)
{
	return scan_next(arr, start, !used) - start;
}

/* Length of the run in the wanted state that ends at start, going down. */
static unsigned int run_down(const struct rte_fbarray *arr, unsigned int start, bool used)
{
	return (unsigned int)((int)start - scan_prev(arr, start, !used));
}

/* What a search that found nothing returns, as DPDK's rte_errno. */
static int not_found(bool used)
{
	return used ? -ENOENT : -ENOSPC;
}

/* --- find_next / find_prev --------------------------------------------- */

static int fbarray_find(struct rte_fbarray *arr, unsigned int start, bool next, bool used)
{
	int ret;

	if (arr == NULL || start >= arr->len)
		return -EINVAL;
	lock_read(arr);
	if (next) {
		unsigned int idx = scan_next(arr, start, used);

		ret = idx == arr->len ? -1 : (int)idx;
	} else {
		ret = scan_prev(arr, start, used);
	}
	unlock_read(arr);
	return ret < 0 ? not_found(used) : ret;
}

int rte_fbarray_find_next_free(struct rte_fbarray *arr, unsigned int start)
{
	return public_int(fbarray_find(arr, start, true, false));
}

int rte_fbarray_find_next_used(struct rte_fbarray *arr, unsigned int start)
{
	return public_int(fbarray_find(arr, start, true, true));
}

int rte_fbarray_find_prev_free(struct rte_fbarray *arr, unsigned int start)
{
	return public_int(fbarray_find(arr, start, false, false));
}

int rte_fbarray_find_prev_used(struct rte_fbarray *arr, unsigned int start)
{
	return public_int(fbarray_find(arr, start, false, true));
}

/* --- runs of n ------------------------------------------------------------ */

/* Lowest s >= start with [s, s + n) all in the wanted state, or -1. */
static int find_next_n(const struct rte_fbarray *arr, unsigned int start, unsigned int n,
		       bool used)
{
	while (start < arr->len && arr->len - start >= n) {
		unsigned int s = scan_next(arr, start, used);
		unsigned int run;

		if (s == arr->len)
			break;
		run = run_up(arr, s, used);
		if (run >= n)
			return (int)s;
		start = s + run; /* the element that broke the run */
	}
	return -1;
}

/* Highest s with [s, s + n) all in the wanted state and s + n - 1 <= start. */
static int find_prev_n(const struct rte_fbarray *arr, unsigned int start, unsigned int n,
		       bool used)
{
	int end = (int)start;

	while (end >= (int)n - 1) {
		unsigned int run;

		end = scan_prev(arr, (unsigned int)end, used);
		if (end < 0)
			break;
		run = run_down(arr, (unsigned int)end, used);
		if (run >= n)
			return end - (int)n + 1;
		end -= (int)run; /* the element that broke the run, or -1 */
	}
	return -1;
}

static int fbarray_find_n(struct rte_fbarray *arr, unsigned int start, unsigned int n,
			  bool next, bool used)
{
	int ret;

	if (arr == NULL || start >= arr->len || n == 0 || n > arr->len)
		return -EINVAL;
	lock_read(arr);
	ret = next ? find_next_n(arr, start, n, used) : find_prev_n(arr, start, n, used);
	unlock_read(arr);
	return ret < 0 ? not_found(used) : ret;
}

int rte_fbarray_find_next_n_free(struct rte_fbarray *arr, unsigned int start, unsigned int n)
{
	return public_int(fbarray_find_n(arr, start, n, true, false));
}

int rte_fbarray_find_next_n_used(struct rte_fbarray *arr, unsigned int start, unsigned int n)
{
	return public_int(fbarray_find_n(arr, start, n, true, true));
}

int rte_fbarray_find_prev_n_free(struct rte_fbarray *arr, unsigned int start, unsigned int n)
{
	return public_int(fbarray_find_n(arr, start, n, false, false));
}

int rte_fbarray_find_prev_n_used(struct rte_fbarray *arr, unsigned int start, unsigned int n)
{
	return public_int(fbarray_find_n(arr, start, n, false, true));
}

/* --- contiguous runs ------------------------------------------------------ */

/* Number of elements in the wanted state from start up (next) or down. */
static int fbarray_find_contig(struct rte_fbarray *arr, unsigned int start, bool next,
			       bool used)
{
	unsigned int run;

	if (arr == NULL || start >= arr->len)
		return -EINVAL;
	lock_read(arr);
	run = next ? run_up(arr, start, used) : run_down(arr, start, used);
	unlock_read(arr);
	return (int)run;
}

int rte_fbarray_find_contig_free(struct rte_fbarray *arr, unsigned int start)
{
	return public_int(fbarray_find_contig(arr, start, true, false));
}

int rte_fbarray_find_contig_used(struct rte_fbarray *arr, unsigned int start)
{
	return public_int(fbarray_find_contig(arr, start, true, true));
}

int rte_fbarray_find_rev_contig_free(struct rte_fbarray *arr, unsigned int start)
{
	return public_int(fbarray_find_contig(arr, start, false, false));
}

int rte_fbarray_find_rev_contig_used(struct rte_fbarray *arr, unsigned int start)
{
	return public_int(fbarray_find_contig(arr, start, false, true));
}

/* --- biggest run ---------------------------------------------------------- */

/*
 * Lowest index of the longest run in the wanted state within [start, len)
 * (forward) or [0, start] (rev). A run cut by start counts only its part on
 * the searched side. On a tie the run met first wins: the lowest one going
 * forward, the highest one in reverse.
 */
static int fbarray_find_biggest(struct rte_fbarray *arr, unsigned int start, bool used,
				bool rev)
{
	int best_idx = -1;
	unsigned int best_len = 0;

	if (arr == NULL || start >= arr->len)
		return -EINVAL;
	lock_read(arr);
	if (!rev) {
		unsigned int cur = start;

		while (cur < arr->len) {
			unsigned int s = scan_next(arr, cur, used);
			unsigned int run;

			if (s == arr->len)
				break;
			run = run_up(arr, s, used);
			if (run > best_len) {
				best_len = run;
				best_idx = (int)s;
			}
			cur = s + run;
		}
	} else {
		int cur = (int)start;

		while (cur >= 0) {
			int e = scan_prev(arr, (unsigned int)cur, used);
			unsigned int run;

			if (e < 0)
				break;
			run = run_down(arr, (unsigned int)e, used);
			if (run > best_len) {
				best_len = run;
				best_idx = e - (int)run + 1;
			}
			cur = e - (int)run;
		}
	}
	unlock_read(arr);
	return best_idx < 0 ? not_found(used) : best_idx;
}

int rte_fbarray_find_biggest_free(struct rte_fbarray *arr, unsigned int start)
{
	return public_int(fbarray_find_biggest(arr, start, false, false));
}

int rte_fbarray_find_biggest_used(struct rte_fbarray *arr, unsigned int start)
{
	return public_int(fbarray_find_biggest(arr, start, true, false));
}

int rte_fbarray_find_rev_biggest_free(struct rte_fbarray *arr, unsigned int start)
{
	return public_int(fbarray_find_biggest(arr, start, false, true));
}

int rte_fbarray_find_rev_biggest_used(struct rte_fbarray *arr, unsigned int start)
{
	return public_int(fbarray_find_biggest(arr, start, true, true));
}

/* --- dump --------------------------------------------------------------- */

void rte_fbarray_dump_metadata(struct rte_fbarray *arr, FILE *f)
{
	const uint64_t *mask;

	if (arr == NULL || f == NULL) {
		rte_errno = EINVAL;
		return;
	}
	if (validate(arr->name, arr->elt_sz, arr->len) != 0 || arr->data == NULL) {
		fprintf(f, "Invalid file-backed array\n");
		return;
	}
	lock_read(arr);
	fprintf(f, "File-backed array: %s\n", arr->name);
	fprintf(f, "size: %u occupied: %u elt_sz: %u\n", arr->len, arr->count, arr->elt_sz);
	mask = get_mask(arr);
	for (unsigned int w = 0; w < mask_words(arr->len); w++)
		fprintf(f, "msk idx %u: 0x%016" PRIx64 "\n", w, mask[w]);
	unlock_read(arr);
}
