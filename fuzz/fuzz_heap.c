/* SPDX-License-Identifier: BSD-3-Clause
 * libFuzzer harness for the malloc heaps and memzones on a two-socket
 * simulated machine. The input is a list of operations (malloc, zmalloc,
 * calloc, realloc, free, their _socket variants, memzone reserve_bounded
 * and free, armed HAL faults) replayed against a shadow model of the live
 * blocks. After every operation:
 *   - rtemem_malloc_heap_check finds nothing wrong: the element list, and
 *     the free-element index (every list and bitmap bit) holding exactly
 *     the free elements;
 *   - every live block validates, lies on the socket it was given and still
 *     holds its fill pattern (sampled; all of it before it is freed: every
 *     byte of a block up to 128 KiB, windows every 64 KiB of a larger one);
 *   - a new block overlaps no live block; every byte of zmalloc/calloc
 *     memory is zero (every block holds its pattern while live, so memory
 *     the heap reuses is dirty: this checks what the heap knows to be
 *     zero, and the heap check samples the free bytes it believes zero);
 *   - each socket's alloc_count is its start value plus the live blocks
 *     there (memzones are heap blocks too);
 *   - a failed call left both sockets' statistics exactly as they were,
 *     with rte_errno EINVAL for bad arguments and ENOMEM otherwise.
 * At the end of an input everything is freed and the heaps trimmed, and
 * they must be back to their start: same alloc_count and, since trimming
 * gives back every free page mapped at run time, the same total size.
 *
 * Each socket has START_MB of pages mapped at start-up (--socket-mem),
 * which its heap never gives back, and the rest of its PAGES_PER_SOCKET to
 * grow into, trim and retain. Every input starts from the same heap: the
 * start-up pages free and dirty all over, as any input that used them
 * leaves them (dirty_all_free). An input that fits in them maps no page:
 * mapping fresh pages and the kernel's zeroing fault on the first touch of
 * each 4 KiB were most of the run time when every input grew the heaps
 * from nothing.
 *
 * Input layout: a list of operations, each an opcode byte followed by the
 * bytes that operation reads (missing bytes read as 0):
 *   op % 6 == 0  alloc    slot, size (3 bytes), align, socket; op / 6 picks
 *                         malloc/zmalloc/calloc, plain or _socket
 *   op % 6 == 1  free     slot
 *   op % 6 == 2  realloc  slot, size (3 bytes), align, socket
 *   op % 6 == 3  memzone  slot, size (3 bytes), align, socket, flags, bound
 *   op % 6 == 4  fault    which (page map / virt2iova), n; or, when
 *                         which / 2 % 4 == 3, retention (rtemem_heap.h):
 *                         n == 0 trims, else the retain bound becomes
 *                         (n - 1) hugepages; which / 8 picks the socket
 *   op % 6 == 5  op / 6 even: memzone reserve under a taken name (EEXIST);
 *                odd: free, realloc, validate pointers rte_malloc never gave
 *                (inside a live block, on the stack): slot, where
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "fuzz_check.h"
#include "fuzz_eal.h"
#include "malloc_elem.h"
#include "rtemem_heap.h"
#include "sim_machine.h"

#define SOCKETS 2
#define PAGES_PER_SOCKET 16
#define START_MB 24         /* of them mapped at start-up, per socket */
#define MAX_SLOTS 32
#define SAMPLE_EDGE 64      /* bytes checked at each end of a block after every op */
#define SAMPLE_STRIDE 4096  /* and one byte in this many in between */
#define FULL_MAX (128u << 10)       /* blocks up to this size hold their pattern whole */
#define WINDOW 64                   /* larger ones: this many bytes at each end */
#define WINDOW_STRIDE (64u << 10)   /* and on each side of every this-many-th byte */

/* One live block of the model: heap memory the harness owns. */
struct block {
	bool live;
	bool is_mz;
	uint8_t *ptr;
	size_t size;                  /* bytes the harness may use */
	int socket;                   /* where it must be */
	uint32_t id;                  /* picks the fill pattern */
	const struct rte_memzone *mz;
	char name[RTE_MEMZONE_NAMESIZE];
};

/*
 * The oracle's functions carry no coverage (and are not inlined into those
 * that do): their loops over the live blocks and their bytes gave
 * libFuzzer features that counted the model's work, not the heap's paths,
 * and libFuzzer collected and ranked them on every run.
 */
#define ORACLE __attribute__((no_sanitize("coverage"), noinline))

static struct block blocks[MAX_SLOTS];
static uint32_t next_id;
static size_t hugepage_sz;
static struct rte_malloc_socket_stats start_stats[SOCKETS];
static bool trace; /* FUZZ_HEAP_TRACE=1: print each operation (for writing seeds) */

#define TRACE(...) do { \
	if (trace) \
		fprintf(stderr, __VA_ARGS__); \
} while (0)

/* ---- input decoding ------------------------------------------------------ */

struct input {
	const uint8_t *data;
	size_t size, off;
};

static uint8_t get8(struct input *in)
{
	return in->off < in->size ? in->data[in->off++] : 0;
}

static uint32_t get16(struct input *in)
{
	uint32_t lo = get8(in);

	return lo | (uint32_t)get8(in) << 8;
}

/* Small, medium, multi-page or absurd, from a class byte and 16 bits. */
static size_t decode_size(struct input *in)
{
	const uint8_t sel = get8(in);
	const uint32_t v = get16(in);
	static const size_t absurd[] = {
		SIZE_MAX, SIZE_MAX - 63, SIZE_MAX / 2, (size_t)1 << 40,
		((size_t)RTE_MAX_MEM_MB << 20) + 1, (size_t)SOCKETS * PAGES_PER_SOCKET << 21,
	};

	switch (sel % 4) {
	case 0:
		return (sel & 4) ? 0 : 1 + v % 256;
	case 1:
		return 1 + v;
	case 2:
		return hugepage_sz * (1 + v % 4) + (v >> 4) % 256 - 128;
	default:
		return absurd[v % RTE_DIM(absurd)];
	}
}

/* Mostly small powers of two, sometimes huge ones, 0, or not powers of two. */
static unsigned int decode_align(struct input *in)
{
	const uint8_t b = get8(in);
	static const unsigned int odd[] = { 3, 6, 12, 48, 100, 65535, 0x80000001u, 0xffffffffu };

	if (b < 0x60)
		return 1u << (b % 13);
	if (b < 0x70)
		return 0;
	if (b < 0x78)
		return 1u << (13 + b % 19);
	return odd[b % RTE_DIM(odd)];
}

/* SOCKET_ID_ANY half the time; socket 2 has no heap; -2 is never valid. */
static int decode_socket(struct input *in)
{
	static const int sockets[] = { SOCKET_ID_ANY, SOCKET_ID_ANY, SOCKET_ID_ANY,
				       SOCKET_ID_ANY, 0, 1, 2, -2 };

	return sockets[get8(in) % RTE_DIM(sockets)];
}

static bool socket_valid(int socket)
{
	return socket == SOCKET_ID_ANY || (socket >= 0 && socket < SOCKETS);
}

static bool align_valid(unsigned int align)
{
	return align == 0 || rte_is_power_of_2(align);
}

/* ---- the model ----------------------------------------------------------- */

static uint8_t tag_of(uint32_t id)
{
	return (uint8_t)(1 + id % 251);
}

static void check_bytes(const struct block *b, size_t from, size_t to);

ORACLE static void pattern_span(const struct block *b, size_t from, size_t to, size_t limit,
				bool write)
{
	to = RTE_MIN(to, limit);
	if (from >= to)
		return;
	if (write)
		memset(b->ptr + from, tag_of(b->id), to - from);
	else
		check_bytes(b, from, to);
}

/*
 * Write or check the bytes of b, a block of size bytes, that hold its
 * pattern, those below limit only: all of a block of up to FULL_MAX bytes;
 * of a larger one, WINDOW bytes at each end and on each side of every
 * WINDOW_STRIDE-th byte. Filling and reading back every byte of
 * multi-megabyte blocks was most of the run time (memset, memcmp and a
 * page fault per 4 KiB) and found nothing the samples miss: overlapping
 * blocks are caught by check_new_block, and the heap writes its own
 * headers next to a block's ends, which the edges cover. The windows sit
 * at offsets, not addresses, so a realloc'd block keeps them.
 */
ORACLE static void pattern(const struct block *b, size_t size, size_t limit, bool write)
{
	if (size <= FULL_MAX) {
		pattern_span(b, 0, size, limit, write);
		return;
	}
	pattern_span(b, 0, WINDOW, limit, write);
	for (size_t at = WINDOW_STRIDE; at + 2 * WINDOW <= size; at += WINDOW_STRIDE)
		pattern_span(b, at - WINDOW, at + WINDOW, limit, write);
	pattern_span(b, size - WINDOW, size, limit, write);
}

ORACLE static void fill(struct block *b)
{
	pattern(b, b->size, b->size, true);
}

#define SHORT_RANGE 256 /* compared word by word; longer ranges by memcmp */

/*
 * The n bytes at p, a short range, all equal want. Without ASan's checks
 * (heap memory is mapped pages ASan does not track): the edges, windows
 * and samples check_all reads after every operation are a few bytes each,
 * and the memcmp interceptor, which checks both ranges' shadow first, cost
 * several times the compare on them.
 */
ORACLE __attribute__((no_sanitize("address"))) static bool short_range_is(const uint8_t *p,
									size_t n, uint8_t want)
{
	const uint64_t all = 0x0101010101010101ull * want;
	uint64_t w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		__builtin_memcpy(&w, p + i, 8);
		if (w != all)
			return false;
	}
	for (; i < n; i++)
		if (p[i] != want)
			return false;
	return true;
}

/* Bytes [from, to) of b all equal want; memcmp by chunks, as a byte loop
 * under the fuzzer's instrumentation would dominate the run time. */
ORACLE static void check_range(const struct block *b, size_t from, size_t to, uint8_t want)
{
	static uint8_t ref[4096], ref_of = 0; /* ref holds 4096 bytes of ref_of */

	to = RTE_MIN(to, b->size);
	if (from >= to)
		return;
	if (to - from <= SHORT_RANGE && short_range_is(b->ptr + from, to - from, want))
		return;
	if (ref_of != want) {
		memset(ref, want, sizeof(ref));
		ref_of = want;
	}
	for (size_t off = from; off < to; off += sizeof(ref)) {
		const size_t n = RTE_MIN(sizeof(ref), to - off);

		if (memcmp(b->ptr + off, ref, n) == 0)
			continue;
		for (size_t i = off; i < off + n; i++)
			CHECK(b->ptr[i] == want, "block %u (%p, %zu bytes) byte %zu is 0x%02x, "
			      "want 0x%02x", b->id, (void *)b->ptr, b->size, i, b->ptr[i], want);
	}
}

ORACLE static void check_bytes(const struct block *b, size_t from, size_t to)
{
	check_range(b, from, to, tag_of(b->id));
}

/* All that holds the pattern (whole), or after every operation a cheaper
 * sample of a small block: its edges and one byte in SAMPLE_STRIDE. */
ORACLE static void check_contents(const struct block *b, bool whole)
{
	if (whole || b->size > FULL_MAX || b->size <= 2 * SAMPLE_EDGE) {
		pattern(b, b->size, b->size, false);
		return;
	}
	check_bytes(b, 0, SAMPLE_EDGE);
	check_bytes(b, b->size - SAMPLE_EDGE, b->size);
	for (size_t i = SAMPLE_STRIDE; i < b->size; i += SAMPLE_STRIDE)
		check_bytes(b, i, i + 1);
}

ORACLE static int socket_of(const void *ptr)
{
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(ptr);

	CHECK(msl != NULL, "%p is in no memseg list", ptr);
	return msl->socket_id;
}

ORACLE static void get_stats(struct rte_malloc_socket_stats st[SOCKETS])
{
	for (int s = 0; s < SOCKETS; s++)
		CHECK(rte_malloc_get_socket_stats(s, &st[s]) == 0, "stats of socket %d", s);
}

ORACLE static void check_stats_unchanged(const struct rte_malloc_socket_stats before[SOCKETS],
					 const char *what)
{
	struct rte_malloc_socket_stats now[SOCKETS];

	get_stats(now);
	for (int s = 0; s < SOCKETS; s++)
		CHECK(memcmp(&now[s], &before[s], sizeof(now[s])) == 0,
		      "failed %s changed socket %d: total %zu -> %zu, free %zu -> %zu, "
		      "allocs %u -> %u, free elems %u -> %u", what, s,
		      before[s].heap_totalsz_bytes, now[s].heap_totalsz_bytes,
		      before[s].heap_freesz_bytes, now[s].heap_freesz_bytes,
		      before[s].alloc_count, now[s].alloc_count, before[s].free_count,
		      now[s].free_count);
}

/* A new block: where it must be, overlapping nothing live. */
ORACLE static void check_new_block(const struct block *nb, int want_socket)
{
	const int socket = socket_of(nb->ptr);

	CHECK(want_socket == SOCKET_ID_ANY || socket == want_socket,
	      "block on socket %d, asked for %d", socket, want_socket);
	for (int i = 0; i < MAX_SLOTS; i++) {
		const struct block *b = &blocks[i];

		if (!b->live || b == nb)
			continue;
		CHECK(nb->ptr + nb->size <= b->ptr || b->ptr + b->size <= nb->ptr,
		      "new block [%p, +%zu) overlaps block %u [%p, +%zu)", (void *)nb->ptr,
		      nb->size, b->id, (void *)b->ptr, b->size);
	}
}

ORACLE static void check_all(void)
{
	struct rte_malloc_socket_stats st[SOCKETS];
	unsigned int live[SOCKETS] = { 0 };

	CHECK(rtemem_malloc_heap_check(stderr) == 0, "heap check");
	for (int i = 0; i < MAX_SLOTS; i++) {
		const struct block *b = &blocks[i];
		size_t usable = 0;

		if (!b->live)
			continue;
		CHECK(rte_malloc_validate(b->ptr, &usable) == 0, "block %u does not validate",
		      b->id);
		CHECK(usable >= b->size, "block %u: %zu usable bytes, holds %zu", b->id, usable,
		      b->size);
		CHECK(socket_of(b->ptr) == b->socket, "block %u moved socket", b->id);
		check_contents(b, false);
		live[b->socket]++;
	}
	get_stats(st);
	for (int s = 0; s < SOCKETS; s++)
		CHECK(st[s].alloc_count == start_stats[s].alloc_count + live[s],
		      "socket %d: alloc_count %u, want %u + %u live", s, st[s].alloc_count,
		      start_stats[s].alloc_count, live[s]);
}

static void release(struct block *b)
{
	check_contents(b, true);
	if (b->is_mz) {
		CHECK(rte_memzone_free(b->mz) == 0, "memzone %s free", b->name);
		CHECK(rte_memzone_lookup(b->name) == NULL && rte_errno == ENOENT,
		      "memzone %s still found after free", b->name);
	} else {
		rte_free(b->ptr);
	}
	memset(b, 0, sizeof(*b));
}

/* ---- operations ---------------------------------------------------------- */

static void op_alloc(struct input *in, unsigned int variant)
{
	struct block *b = &blocks[get8(in) % MAX_SLOTS];
	size_t size = decode_size(in), total = size, num = 1;
	const unsigned int align = decode_align(in);
	const bool on_socket = variant & 1;
	const unsigned int kind = (variant >> 1) % 3; /* malloc, zmalloc, calloc */
	const int socket = on_socket ? decode_socket(in) : SOCKET_ID_ANY;
	struct rte_malloc_socket_stats before[SOCKETS];
	bool overflow = false, bad, absurd;
	void *p;

	if (b->live)
		release(b);
	if (kind == 2) {
		/* calloc: split the size into num * each, sometimes overflowing */
		num = 1 + size % 7;
		size = (size & 8) ? SIZE_MAX / 2 : size / num;
		overflow = __builtin_mul_overflow(num, size, &total);
	}
	bad = total == 0 || !align_valid(align) || !socket_valid(socket);
	/* more than rtemem could ever map: ENOMEM may come before a bad socket */
	absurd = total > ((size_t)RTE_MAX_MEM_MB << 20);

	get_stats(before);
	rte_errno = 0;
	switch (kind) {
	case 0:
		p = on_socket ? rte_malloc_socket("fuzz", size, align, socket)
			      : rte_malloc("fuzz", size, align);
		break;
	case 1:
		p = on_socket ? rte_zmalloc_socket("fuzz", size, align, socket)
			      : rte_zmalloc("fuzz", size, align);
		break;
	default:
		p = on_socket ? rte_calloc_socket("fuzz", num, size, align, socket)
			      : rte_calloc("fuzz", num, size, align);
		break;
	}
	TRACE("alloc kind %u (%zu x %zu, align %u, socket %d) = %p (rte_errno %d)\n", kind, num,
	      size, align, socket, p, rte_errno);
	if (p == NULL) {
		if (overflow)
			CHECK(rte_errno == ENOMEM, "calloc overflow: rte_errno %d", rte_errno);
		else if (bad)
			CHECK(rte_errno == EINVAL || (absurd && align_valid(align) &&
						      rte_errno == ENOMEM),
			      "bad alloc(%zu, align %u, socket %d): rte_errno %d", total, align,
			      socket, rte_errno);
		else
			CHECK(rte_errno == ENOMEM, "alloc(%zu, align %u, socket %d): rte_errno %d",
			      total, align, socket, rte_errno);
		check_stats_unchanged(before, "alloc");
		return;
	}
	CHECK(!overflow && !bad, "alloc(%zu x %zu, align %u, socket %d) succeeded", num, size,
	      align, socket);
	CHECK(rte_is_aligned(p, align == 0 ? 1 : align), "%p not aligned to %u", p, align);
	b->live = true;
	b->ptr = p;
	b->size = total;
	b->id = next_id++;
	b->socket = socket_of(p);
	check_new_block(b, socket);
	if (kind != 0)
		check_range(b, 0, total, 0);
	fill(b);
}

static void op_realloc(struct input *in, unsigned int variant)
{
	struct block *b = &blocks[get8(in) % MAX_SLOTS];
	const size_t size = decode_size(in);
	const unsigned int align = decode_align(in);
	const bool on_socket = variant & 1;
	const int socket = on_socket ? decode_socket(in) : SOCKET_ID_ANY;
	struct rte_malloc_socket_stats before[SOCKETS];
	/* realloc(NULL, 0) is a malloc(0): invalid; of a block, size 0 keeps it */
	const bool bad = (size == 0 && b->ptr == NULL) || !align_valid(align) ||
			 !socket_valid(socket);
	size_t keep, old_size = b->size;
	void *p;

	if (b->is_mz)
		return; /* memzone memory is not the caller's to realloc */
	if (b->live)
		check_contents(b, true);
	get_stats(before);
	rte_errno = 0;
	p = on_socket ? rte_realloc_socket(b->ptr, size, align, socket)
		      : rte_realloc(b->ptr, size, align);
	TRACE("realloc(%p, %zu, align %u, socket %d) = %p (rte_errno %d)\n", (void *)b->ptr, size,
	      align, socket, p, rte_errno);
	if (p == NULL) {
		/* more than rtemem could ever map: ENOMEM may come before EINVAL */
		CHECK(rte_errno == (bad ? EINVAL : ENOMEM) ||
		      (size > ((size_t)RTE_MAX_MEM_MB << 20) && rte_errno == ENOMEM),
		      "realloc(%p, %zu, align %u, socket %d): rte_errno %d", (void *)b->ptr, size,
		      align, socket, rte_errno);
		check_stats_unchanged(before, "realloc");
		if (b->live)
			check_contents(b, true);
		return;
	}
	CHECK(!bad, "realloc(%p, %zu, align %u, socket %d) succeeded", (void *)b->ptr, size,
	      align, socket);
	CHECK(rte_is_aligned(p, align == 0 ? 1 : align), "%p not aligned to %u", p, align);
	keep = b->live ? RTE_MIN(b->size, RTE_MAX(size, (size_t)1)) : 0;
	if (!b->live)
		b->id = next_id++;
	b->live = true;
	b->ptr = p;
	b->size = RTE_MAX(size, (size_t)1);
	b->socket = socket_of(p);
	check_new_block(b, socket);
	pattern(b, old_size, keep, false); /* what the old block held, up to keep */
	fill(b);
}

static void op_free(struct input *in)
{
	struct block *b = &blocks[get8(in) % MAX_SLOTS];

	if (b->live)
		release(b);
	else
		rte_free(NULL);
}

static const unsigned int pgsz_flags = RTE_MEMZONE_2MB | RTE_MEMZONE_1GB | RTE_MEMZONE_16MB |
				       RTE_MEMZONE_256KB | RTE_MEMZONE_256MB | RTE_MEMZONE_512MB |
				       RTE_MEMZONE_4GB | RTE_MEMZONE_16GB;

static unsigned int decode_mz_flags(struct input *in)
{
	static const unsigned int bit_flags[8] = {
		RTE_MEMZONE_2MB, RTE_MEMZONE_1GB, RTE_MEMZONE_SIZE_HINT_ONLY,
		RTE_MEMZONE_IOVA_CONTIG, RTE_MEMZONE_16MB, RTE_MEMZONE_256KB,
		RTE_MEMZONE_IOVA_CONTIG, RTE_MEMZONE_512MB,
	};
	const uint8_t b = get8(in);
	unsigned int flags = 0;

	for (int i = 0; i < 8; i++)
		if (b & (1u << i))
			flags |= bit_flags[i];
	return flags;
}

static unsigned int decode_bound(struct input *in)
{
	const uint8_t b = get8(in);

	if (b < 0x80)
		return 0;
	if (b < 0xf0)
		return 1u << (6 + b % 26);
	return 1000u + b; /* not a power of two */
}

ORACLE static void check_memzone(const struct rte_memzone *mz, size_t len, int socket,
				 unsigned int flags, unsigned int align, unsigned int bound)
{
	const uintptr_t addr = (uintptr_t)mz->addr;

	CHECK(rte_memzone_lookup(mz->name) == mz, "memzone %s not found", mz->name);
	CHECK(addr % RTE_MAX(align, (unsigned int)RTE_CACHE_LINE_SIZE) == 0,
	      "memzone at %p not aligned to %u", mz->addr, align);
	if (len != 0)
		CHECK(mz->len == RTE_ALIGN_CEIL(len, (size_t)RTE_CACHE_LINE_SIZE),
		      "memzone len %zu for %zu", mz->len, len);
	else if (bound != 0)
		CHECK(mz->len == bound, "memzone len %zu for len 0, bound %u", mz->len, bound);
	else
		CHECK(mz->len > 0, "biggest memzone has no length");
	if (bound != 0)
		CHECK((addr & ~((uintptr_t)bound - 1)) ==
		      ((addr + mz->len - 1) & ~((uintptr_t)bound - 1)),
		      "memzone [%p, +%zu) crosses a %u boundary", mz->addr, mz->len, bound);
	CHECK(socket == SOCKET_ID_ANY || mz->socket_id == socket, "memzone on socket %d, want %d",
	      mz->socket_id, socket);
	CHECK(mz->hugepage_sz == hugepage_sz, "memzone page size %" PRIu64, mz->hugepage_sz);
	CHECK(mz->iova == rte_mem_virt2iova(mz->addr), "memzone iova 0x%" PRIx64 " != 0x%" PRIx64,
	      mz->iova, rte_mem_virt2iova(mz->addr));
	if (flags & RTE_MEMZONE_IOVA_CONTIG) {
		for (uintptr_t pg = RTE_ALIGN_CEIL(addr + 1, hugepage_sz); pg < addr + mz->len;
		     pg += hugepage_sz)
			CHECK(rte_mem_virt2iova((void *)pg) == mz->iova + (pg - addr),
			      "IOVA-contiguous memzone [%p, +%zu) breaks at %p", mz->addr, mz->len,
			      (void *)pg);
	}
}

static void op_memzone(struct input *in, bool dup_name)
{
	struct block *b = &blocks[get8(in) % MAX_SLOTS];
	const size_t len = decode_size(in);
	const unsigned int align = decode_align(in);
	const int socket = decode_socket(in);
	const unsigned int flags = decode_mz_flags(in);
	const unsigned int bound = decode_bound(in);
	const size_t alen = RTE_ALIGN_CEIL(len, (size_t)RTE_CACHE_LINE_SIZE);
	const bool too_long = len > SIZE_MAX - RTE_CACHE_LINE_MASK;
	const bool bad = !align_valid(align) || !socket_valid(socket) ||
			 (bound != 0 && (!rte_is_power_of_2(bound) || too_long || alen > bound));
	/* page size flags that leave out the machine's only size, without a hint */
	const bool no_pgsz = (flags & pgsz_flags) != 0 && !(flags & RTE_MEMZONE_2MB) &&
			     !(flags & RTE_MEMZONE_SIZE_HINT_ONLY);
	struct rte_malloc_socket_stats before[SOCKETS];
	char name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	const struct block *taken = NULL;

	if (dup_name) {
		for (int i = 0; i < MAX_SLOTS && taken == NULL; i++)
			if (blocks[i].live && blocks[i].is_mz)
				taken = &blocks[i];
		if (taken == NULL)
			return;
		snprintf(name, sizeof(name), "%s", taken->name);
	} else {
		if (b->live)
			release(b);
		snprintf(name, sizeof(name), "fz%u", next_id);
	}

	get_stats(before);
	rte_errno = 0;
	mz = rte_memzone_reserve_bounded(name, len, socket, flags, align, bound);
	TRACE("memzone %s (%zu, socket %d, flags 0x%x, align %u, bound %u) = %p (rte_errno %d)\n",
	      name, len, socket, flags, align, bound, mz != NULL ? mz->addr : NULL, rte_errno);
	if (mz == NULL) {
		if (dup_name && !bad && !too_long)
			CHECK(rte_errno == EEXIST, "memzone %s reserved twice: rte_errno %d", name,
			      rte_errno);
		else if (bad)
			CHECK(rte_errno == EINVAL || (too_long && rte_errno == ENOMEM),
			      "bad memzone(%zu, socket %d, flags 0x%x, align %u, bound %u): "
			      "rte_errno %d", len, socket, flags, align, bound, rte_errno);
		else
			CHECK(rte_errno == ENOMEM, "memzone(%zu, socket %d, flags 0x%x, align %u, "
			      "bound %u): rte_errno %d", len, socket, flags, align, bound, rte_errno);
		check_stats_unchanged(before, "memzone reserve");
		return;
	}
	CHECK(!dup_name, "memzone %s reserved twice", name);
	CHECK(!bad, "memzone(%zu, socket %d, flags 0x%x, align %u, bound %u) succeeded", len,
	      socket, flags, align, bound);
	CHECK(!no_pgsz, "memzone with page size flags 0x%x on %zu-byte pages", flags, hugepage_sz);
	check_memzone(mz, len, socket, flags, align, bound);
	b->live = true;
	b->is_mz = true;
	b->mz = mz;
	b->ptr = mz->addr;
	b->size = mz->len;
	b->id = next_id++;
	b->socket = mz->socket_id;
	snprintf(b->name, sizeof(b->name), "%s", name);
	check_new_block(b, socket);
	fill(b);
}

/*
 * Pointers rte_malloc never handed out: inside a live block, on the stack,
 * in a memzone. rte_malloc_validate refuses them, rte_free, rte_realloc
 * and rte_memzone_free ignore them (EINVAL), and nothing changes.
 */
static void op_bogus(struct input *in)
{
	struct block *b = &blocks[get8(in) % MAX_SLOTS];
	const uint8_t where = get8(in);
	struct rte_malloc_socket_stats before[SOCKETS];
	struct rte_memzone fake_mz;
	uint8_t on_stack[256];
	uint8_t *p;

	if (b->live && b->size > RTE_CACHE_LINE_SIZE)
		p = b->ptr + RTE_CACHE_LINE_SIZE * (1 + where % (b->size / RTE_CACHE_LINE_SIZE));
	else
		p = on_stack + (where & 0x7f);
	get_stats(before);
	CHECK(rte_malloc_validate(p, NULL) == -1, "%p validates", (void *)p);
	rte_errno = 0;
	CHECK(rte_realloc(p, 64, 0) == NULL && rte_errno == EINVAL, "realloc of %p: rte_errno %d",
	      (void *)p, rte_errno);
	rte_free(p);
	memset(&fake_mz, 0, sizeof(fake_mz));
	fake_mz.addr = p;
	CHECK(rte_memzone_free(&fake_mz) == -EINVAL, "memzone free of a copy");
	check_stats_unchanged(before, "free of a bogus pointer");
}

static void op_retain(uint8_t which, uint8_t n)
{
	static const int sockets[] = { SOCKET_ID_ANY, 0, 1 };
	const int socket = sockets[(which / 8) % RTE_DIM(sockets)];
	struct rte_malloc_socket_stats before[SOCKETS], after[SOCKETS];

	get_stats(before);
	if (n == 0) {
		TRACE("trim socket %d\n", socket);
		CHECK(rtemem_heap_trim(socket) == 0, "trim");
	} else {
		TRACE("retain %u hugepages on socket %d\n", n - 1u, socket);
		CHECK(rtemem_heap_set_retain(socket, (n - 1u) * hugepage_sz) == 0, "set_retain");
	}
	/* Only free runtime pages go: the blocks and their count stay. */
	get_stats(after);
	for (int s = 0; s < SOCKETS; s++)
		CHECK(after[s].alloc_count == before[s].alloc_count &&
		      after[s].heap_allocsz_bytes == before[s].heap_allocsz_bytes &&
		      after[s].heap_totalsz_bytes <= before[s].heap_totalsz_bytes,
		      "socket %d: retention changed more than free pages", s);
}

static void op_fault(struct input *in)
{
	const uint8_t which = get8(in);
	const unsigned long n = 1 + get8(in) % 4;

	if ((which / 2) % 4 == 3) {
		op_retain(which, (uint8_t)(n - 1));
		return;
	}

	TRACE("fault %s in %lu\n", (which & 1) ? "virt2iova" : "page_map", n);
	sim_fault_arm((which & 1) ? SIM_OP_VIRT2IOVA : SIM_OP_PAGE_MAP, n);
}

/* ---- the start of every input ------------------------------------------- */

/*
 * Make every free byte of the heaps dirty: take each free element whole
 * (the largest first, until none is left) and free them. With nothing
 * allocated and only the start-up pages left, that is how any input that
 * used them leaves them, so every input starts from the same heap
 * whatever ran before it.
 */
ORACLE static void dirty_all_free(void)
{
	void *taken[MAX_SLOTS];
	unsigned int n = 0;

	for (int s = 0; s < SOCKETS; s++) {
		struct rte_malloc_socket_stats st;

		while (rte_malloc_get_socket_stats(s, &st) == 0 && st.free_count > 0) {
			CHECK(n < RTE_DIM(taken), "socket %d: too many free elements", s);
			taken[n] = rte_malloc_socket("dirt", st.greatest_free_size -
							     MALLOC_ELEM_OVERHEAD, 0, s);
			CHECK(taken[n] != NULL, "socket %d: free element of %zu bytes not taken", s,
			      st.greatest_free_size);
			n++;
		}
	}
	while (n > 0)
		rte_free(taken[--n]);
}

/* ---- entry points -------------------------------------------------------- */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char opts[96];

	(void)argc;
	(void)argv;
	snprintf(opts, sizeof(opts), "--socket-mem=%d,%d --sim=sockets=%d,pages=%d,populate=0",
		 START_MB, START_MB, SOCKETS, PAGES_PER_SOCKET);
	fuzz_eal_init("fuzz_heap", opts);
	hugepage_sz = sim_machine_config()->profile.hugepage_sz;
	dirty_all_free();
	get_stats(start_stats);
	trace = getenv("FUZZ_HEAP_TRACE") != NULL;
	for (int s = 0; s < SOCKETS; s++)
		TRACE("socket %d at start: total %zu, free %zu, %u allocs, %u free elements\n", s,
		      start_stats[s].heap_totalsz_bytes, start_stats[s].heap_freesz_bytes,
		      start_stats[s].alloc_count, start_stats[s].free_count);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { .data = data, .size = size, .off = 0 };
	struct rte_malloc_socket_stats end[SOCKETS];

	next_id = 0;
	while (in.off < in.size) {
		const uint8_t op = get8(&in);

		switch (op % 6) {
		case 0:
			op_alloc(&in, op / 6);
			break;
		case 1:
			op_free(&in);
			break;
		case 2:
			op_realloc(&in, op / 6);
			break;
		case 3:
			op_memzone(&in, false);
			break;
		case 4:
			op_fault(&in);
			break;
		default:
			if ((op / 6) & 1)
				op_bogus(&in);
			else
				op_memzone(&in, true);
			break;
		}
		check_all();
	}
	sim_fault_arm(SIM_OP_PAGE_MAP, 0);
	sim_fault_arm(SIM_OP_VIRT2IOVA, 0);
	for (int i = 0; i < MAX_SLOTS; i++)
		if (blocks[i].live)
			release(&blocks[i]);
	check_all();
	CHECK(rtemem_heap_trim(SOCKET_ID_ANY) == 0, "trim");
	check_all();
	CHECK(rtemem_heap_set_retain(SOCKET_ID_ANY, hugepage_sz) == 0, "default retain bound");
	dirty_all_free();
	get_stats(end);
	for (int s = 0; s < SOCKETS; s++)
		CHECK(end[s].heap_totalsz_bytes == start_stats[s].heap_totalsz_bytes &&
		      end[s].alloc_count == start_stats[s].alloc_count,
		      "socket %d after freeing everything: total %zu (start %zu), allocs %u (start %u)",
		      s, end[s].heap_totalsz_bytes, start_stats[s].heap_totalsz_bytes,
		      end[s].alloc_count, start_stats[s].alloc_count);
	return 0;
}
