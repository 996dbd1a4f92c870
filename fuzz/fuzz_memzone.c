/* SPDX-License-Identifier: BSD-3-Clause
 * libFuzzer harness for the memzone table on a two-socket simulated
 * machine: reserve (all three variants), lookup, walk and free, replayed
 * against a model of the live zones by name.
 *
 * Names come from a small set, so duplicates are common, plus one a byte
 * too long and the longest there may be. Sizes include 0 (the biggest
 * free block) and absurd ones; alignments and bounds include non powers
 * of two; sockets include SOCKET_ID_ANY, a socket without memory and
 * invalid ids; flags include page sizes, IOVA_CONTIG and unknown bits.
 *
 * Every reservation either fails with the rte_errno DPDK documents for
 * what was wrong (EEXIST, ENAMETOOLONG, EINVAL, else ENOMEM) leaving the
 * heaps' statistics unchanged, or gives a zone that: is found by lookup;
 * has the length asked (the bound for len 0 with a bound), the alignment,
 * the socket; does not cross its bound; is IOVA-contiguous page by page
 * when asked; overlaps no live zone. Each zone is filled with its own
 * pattern, checked before it is freed. A walk sees the live zones, each
 * once. A second free of a zone, a free of NULL or of a copy of a zone
 * fail with -EINVAL. At the end all zones are freed and both heaps'
 * statistics are back to their start.
 *
 * Input: ops, each an opcode byte followed by the bytes it reads (missing
 * bytes read as 0):
 *   op % 4 == 0  reserve  slot, name, size class + 16 bits, align, bound,
 *                         socket, flags; op / 4 % 3 picks reserve,
 *                         _aligned or _bounded
 *   op % 4 == 1  free     slot (op & 4: then free it again)
 *   op % 4 == 2  lookup   name
 *   op % 4 == 3  walk
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
#include <rtemem_heap.h>

#include "fuzz_check.h"
#include "fuzz_eal.h"
#include "sim_machine.h"

#define SOCKETS 2
#define PAGES_PER_SOCKET 16
#define MAX_SLOTS 16
#define NAMES 24          /* "mz0".."mz23", then the two long ones */
#define FILL_EDGE 256     /* bytes filled and checked at each end of a zone */
#define FILL_STRIDE 65536 /* and one in this many in between (each touch faults a page in) */

struct zone {
	const struct rte_memzone *mz; /* NULL: slot empty */
	char name[RTE_MEMZONE_NAMESIZE + 1];
	uint8_t tag;
};

static struct zone zones[MAX_SLOTS];
static size_t hugepage_sz;
static unsigned int start_zones;
static struct rte_malloc_socket_stats start_stats[SOCKETS];
static uint8_t next_tag;
static bool trace; /* FUZZ_MEMZONE_TRACE=1: print each reservation (for reading a crash) */

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
	const uint32_t lo = get8(in);

	return lo | (uint32_t)get8(in) << 8;
}

/* ---- decoding ------------------------------------------------------------ */

static void decode_name(struct input *in, char name[RTE_MEMZONE_NAMESIZE + 1])
{
	const uint8_t b = get8(in);

	memset(name, 0, RTE_MEMZONE_NAMESIZE + 1);
	if (b % (NAMES + 2) == NAMES)
		memset(name, 'L', RTE_MEMZONE_NAMESIZE); /* one byte too long */
	else if (b % (NAMES + 2) == NAMES + 1)
		memset(name, 'M', RTE_MEMZONE_NAMESIZE - 1); /* the longest there may be */
	else
		snprintf(name, RTE_MEMZONE_NAMESIZE, "mz%u", b % (NAMES + 2));
}

/* 0 (the biggest block), small, up to 64K, a few pages, or absurd. */
static size_t decode_size(struct input *in)
{
	const uint8_t sel = get8(in);
	const uint32_t v = get16(in);
	static const size_t absurd[] = { SIZE_MAX, SIZE_MAX - 63, SIZE_MAX - 64, (size_t)1 << 40 };

	switch (sel % 4) {
	case 0:
		return (sel & 4) ? 0 : 1 + v % 512;
	case 1:
		return 1 + v;
	case 2:
		return hugepage_sz * (1 + v % 3) + (v >> 4) % 256 - 128;
	default:
		return absurd[v % RTE_DIM(absurd)];
	}
}

static unsigned int decode_align(struct input *in)
{
	const uint8_t b = get8(in);
	static const unsigned int odd[] = { 3, 48, 100, 65535, 0x80000001u, 0xffffffffu };

	if (b < 0x60)
		return 1u << (b % 13);
	if (b < 0x70)
		return 0;
	if (b < 0x78)
		return 1u << (13 + b % 19);
	return odd[b % RTE_DIM(odd)];
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

/* Mostly valid; socket 2 exists in no heap; 32 and -2 are never ids. */
static int decode_socket(struct input *in)
{
	static const int sockets[] = { SOCKET_ID_ANY, SOCKET_ID_ANY, SOCKET_ID_ANY, 0, 1, 2,
				       RTE_MAX_NUMA_NODES, -2 };

	return sockets[get8(in) % RTE_DIM(sockets)];
}

static unsigned int decode_flags(struct input *in)
{
	static const unsigned int bit_flags[8] = {
		RTE_MEMZONE_2MB, RTE_MEMZONE_1GB, RTE_MEMZONE_SIZE_HINT_ONLY,
		RTE_MEMZONE_IOVA_CONTIG, RTE_MEMZONE_16MB, RTE_MEMZONE_IOVA_CONTIG,
		0x40000000u /* unknown */, 0x00000800u /* unknown */,
	};
	const uint8_t b = get8(in);
	unsigned int flags = 0;

	for (int i = 0; i < 8; i++)
		if (b & (1u << i))
			flags |= bit_flags[i];
	return flags;
}

/* ---- the model ----------------------------------------------------------- */

static struct zone *find_live(const char *name)
{
	for (int i = 0; i < MAX_SLOTS; i++)
		if (zones[i].mz != NULL && strcmp(zones[i].name, name) == 0)
			return &zones[i];
	return NULL;
}

static void get_stats(struct rte_malloc_socket_stats st[SOCKETS])
{
	for (int s = 0; s < SOCKETS; s++)
		CHECK(rte_malloc_get_socket_stats(s, &st[s]) == 0, "stats of socket %d", s);
}

static bool stats_equal(const struct rte_malloc_socket_stats a[SOCKETS],
			const struct rte_malloc_socket_stats b[SOCKETS])
{
	for (int s = 0; s < SOCKETS; s++)
		if (a[s].heap_totalsz_bytes != b[s].heap_totalsz_bytes ||
		    a[s].heap_freesz_bytes != b[s].heap_freesz_bytes ||
		    a[s].heap_allocsz_bytes != b[s].heap_allocsz_bytes ||
		    a[s].alloc_count != b[s].alloc_count)
			return false;
	return true;
}

static void check_stats_unchanged(const struct rte_malloc_socket_stats before[SOCKETS])
{
	struct rte_malloc_socket_stats now[SOCKETS];

	get_stats(now);
	CHECK(stats_equal(before, now), "a failed call changed the heaps: socket 0 total %zu -> "
	      "%zu, allocs %u -> %u", before[0].heap_totalsz_bytes, now[0].heap_totalsz_bytes,
	      before[0].alloc_count, now[0].alloc_count);
}

static void pattern_byte(const struct zone *z, size_t i, bool check)
{
	uint8_t *p = z->mz->addr;
	const uint8_t want = (uint8_t)(z->tag + i);

	if (check)
		CHECK(p[i] == want, "zone %s byte %zu is 0x%02x, want 0x%02x", z->name, i, p[i],
		      want);
	p[i] = want;
}

/* Fill (or check) both ends of a zone and one byte in FILL_STRIDE between. */
static void pattern(const struct zone *z, bool check)
{
	const size_t len = z->mz->len;

	for (size_t i = 0; i < len; i++) {
		if (i == FILL_EDGE && len > 2 * FILL_EDGE) {
			for (size_t j = FILL_STRIDE; j < len - FILL_EDGE; j += FILL_STRIDE)
				pattern_byte(z, j, check);
			i = len - FILL_EDGE;
		}
		pattern_byte(z, i, check);
	}
}

static void check_zone(const struct zone *z, size_t len, int socket, unsigned int flags,
		       unsigned int align, unsigned int bound)
{
	const struct rte_memzone *mz = z->mz;
	const uintptr_t addr = (uintptr_t)mz->addr;

	CHECK(rte_memzone_lookup(z->name) == mz, "zone %s not found", z->name);
	CHECK(strcmp(mz->name, z->name) == 0, "zone named %s, asked %s", mz->name, z->name);
	CHECK(addr % RTE_MAX(align, (unsigned int)RTE_CACHE_LINE_SIZE) == 0,
	      "zone at %p not aligned to %u", mz->addr, align);
	if (len != 0)
		CHECK(mz->len == RTE_ALIGN_CEIL(len, (size_t)RTE_CACHE_LINE_SIZE),
		      "zone len %zu for %zu", mz->len, len);
	else if (bound != 0)
		CHECK(mz->len == bound, "zone len %zu for len 0, bound %u", mz->len, bound);
	else
		CHECK(mz->len > 0, "biggest zone has no length");
	if (bound != 0)
		CHECK(addr / bound == (addr + mz->len - 1) / bound,
		      "zone [%p, +%zu) crosses a %u boundary", mz->addr, mz->len, bound);
	CHECK(socket == SOCKET_ID_ANY || mz->socket_id == socket, "zone on socket %d, want %d",
	      mz->socket_id, socket);
	CHECK(rte_mem_virt2memseg_list(mz->addr) != NULL &&
	      rte_mem_virt2memseg_list(mz->addr)->socket_id == mz->socket_id,
	      "zone on socket %d is in memory of another", mz->socket_id);
	CHECK(mz->hugepage_sz == hugepage_sz, "zone page size %" PRIu64, mz->hugepage_sz);
	CHECK(mz->iova == rte_mem_virt2iova(mz->addr), "zone iova 0x%" PRIx64 " != 0x%" PRIx64,
	      mz->iova, rte_mem_virt2iova(mz->addr));
	if (flags & RTE_MEMZONE_IOVA_CONTIG) {
		for (uintptr_t pg = RTE_ALIGN_CEIL(addr + 1, hugepage_sz); pg < addr + mz->len;
		     pg += hugepage_sz)
			CHECK(rte_mem_virt2iova((void *)pg) == mz->iova + (pg - addr),
			      "IOVA-contiguous zone [%p, +%zu) breaks at %p", mz->addr, mz->len,
			      (void *)pg);
	}
	for (int i = 0; i < MAX_SLOTS; i++) {
		const struct rte_memzone *o = zones[i].mz;

		if (o == NULL || &zones[i] == z)
			continue;
		CHECK(o != mz, "zone %s and %s share an entry", z->name, zones[i].name);
		CHECK(addr + mz->len <= (uintptr_t)o->addr ||
		      (uintptr_t)o->addr + o->len <= addr,
		      "zone %s [%p, +%zu) overlaps %s [%p, +%zu)", z->name, mz->addr, mz->len,
		      zones[i].name, o->addr, o->len);
	}
}

/* ---- operations ---------------------------------------------------------- */

static const unsigned int known_flags =
	RTE_MEMZONE_2MB | RTE_MEMZONE_1GB | RTE_MEMZONE_16MB | RTE_MEMZONE_16GB |
	RTE_MEMZONE_256KB | RTE_MEMZONE_256MB | RTE_MEMZONE_512MB | RTE_MEMZONE_4GB |
	RTE_MEMZONE_SIZE_HINT_ONLY | RTE_MEMZONE_IOVA_CONTIG;
static const unsigned int pgsz_flags = RTE_MEMZONE_2MB | RTE_MEMZONE_1GB | RTE_MEMZONE_16MB |
				       RTE_MEMZONE_256KB | RTE_MEMZONE_256MB | RTE_MEMZONE_512MB |
				       RTE_MEMZONE_4GB | RTE_MEMZONE_16GB;

static size_t live_bytes(void)
{
	size_t n = 0;

	for (int i = 0; i < MAX_SLOTS; i++)
		if (zones[i].mz != NULL)
			n += zones[i].mz->len;
	return n;
}

static void op_reserve(struct input *in, unsigned int variant)
{
	struct zone *z = &zones[get8(in) % MAX_SLOTS];
	char name[RTE_MEMZONE_NAMESIZE + 1];
	size_t len;
	unsigned int align, bound, flags;
	int socket;
	bool too_long, dup, einval, no_heap, absurd, no_pgsz, must_fit;
	struct rte_malloc_socket_stats before[SOCKETS];
	const struct rte_memzone *mz;

	decode_name(in, name);
	len = decode_size(in);
	align = decode_align(in);
	bound = decode_bound(in);
	socket = decode_socket(in);
	flags = decode_flags(in);
	if (variant == 0) {
		align = RTE_CACHE_LINE_SIZE;
		bound = 0;
	} else if (variant == 1) {
		bound = 0;
	}
	if (z->mz != NULL) {
		pattern(z, true);
		CHECK(rte_memzone_free(z->mz) == 0, "free of %s", z->name);
		z->mz = NULL;
	}

	too_long = strlen(name) >= RTE_MEMZONE_NAMESIZE;
	dup = find_live(name) != NULL;
	absurd = len > SIZE_MAX - RTE_CACHE_LINE_MASK;
	/* a flag bit DPDK does not define is refused, as DPDK refuses it */
	einval = (flags & ~known_flags) != 0 ||
		 (align != 0 && !rte_is_power_of_2(align)) || socket < SOCKET_ID_ANY ||
		 socket >= RTE_MAX_NUMA_NODES ||
		 (bound != 0 && (!rte_is_power_of_2(bound) ||
				 (!absurd && RTE_ALIGN_CEIL(len, (size_t)RTE_CACHE_LINE_SIZE) > bound)));
	/* a socket id DPDK accepts, with no memory on this machine */
	no_heap = socket >= SOCKETS && socket < RTE_MAX_NUMA_NODES;
	/* page size flags that leave out the machine's only size, without a hint */
	no_pgsz = (flags & pgsz_flags) != 0 && !(flags & RTE_MEMZONE_2MB) &&
		  !(flags & RTE_MEMZONE_SIZE_HINT_ONLY);
	must_fit = !too_long && !dup && !einval && !absurd && !no_pgsz && len != 0 &&
		   len <= 65536 && align <= 65536 && socket >= SOCKET_ID_ANY && socket < SOCKETS &&
		   live_bytes() < ((size_t)PAGES_PER_SOCKET / 2) * hugepage_sz;

	get_stats(before);
	rte_errno = 0;
	if (trace)
		fprintf(stderr, "reserve %s (%zu, socket %d, flags 0x%x, align %u, bound %u)\n",
			name, len, socket, flags, align, bound);
	mz = variant == 0 ? rte_memzone_reserve(name, len, socket, flags)
	   : variant == 1 ? rte_memzone_reserve_aligned(name, len, socket, flags, align)
			  : rte_memzone_reserve_bounded(name, len, socket, flags, align, bound);
	if (mz == NULL) {
		const int e = rte_errno;

		CHECK(!must_fit, "zone %s (%zu, socket %d, flags 0x%x, align %u, bound %u): "
		      "rte_errno %d", name, len, socket, flags, align, bound, e);
		if (too_long)
			CHECK(e == ENAMETOOLONG, "too long a name: rte_errno %d", e);
		else if (dup)
			/* DPDK checks the name first, rtemem the arguments */
			CHECK(e == EEXIST || ((einval || no_heap) && e == EINVAL) ||
			      (absurd && e == ENOMEM), "name %s taken: rte_errno %d", name, e);
		else if (einval)
			CHECK(e == EINVAL || (absurd && e == ENOMEM),
			      "zone %s (%zu, socket %d, align %u, bound %u): "
			      "rte_errno %d", name, len, socket, align, bound, e);
		else if (absurd)
			CHECK(e == EINVAL || e == ENOMEM, "zone of %zu bytes: rte_errno %d", len, e);
		else
			/* a socket without a heap: rtemem says EINVAL, DPDK ENOMEM */
			CHECK(e == ENOMEM || (no_heap && e == EINVAL),
			      "zone %s (%zu, socket %d, flags 0x%x, align %u, bound %u): "
			      "rte_errno %d", name, len, socket, flags, align, bound, e);
		CHECK(dup || rte_memzone_lookup(name) == NULL, "failed %s is found", name);
		check_stats_unchanged(before);
		return;
	}
	CHECK(!too_long && !dup && !einval && !absurd && !no_pgsz && socket < SOCKETS,
	      "zone %s (%zu, socket %d, flags 0x%x, align %u, bound %u) was reserved", name,
	      len, socket, flags, align, bound);
	z->mz = mz;
	snprintf(z->name, sizeof(z->name), "%s", name);
	z->tag = next_tag++;
	check_zone(z, len, socket, flags, variant == 0 ? RTE_CACHE_LINE_SIZE : align, bound);
	pattern(z, false);
}

static void op_free(struct input *in, bool twice)
{
	struct zone *z = &zones[get8(in) % MAX_SLOTS];
	struct rte_malloc_socket_stats before[SOCKETS];
	struct rte_memzone copy;

	if (z->mz == NULL) {
		CHECK(rte_memzone_free(NULL) == -EINVAL, "free of NULL");
		return;
	}
	pattern(z, true);
	memcpy(&copy, z->mz, sizeof(copy));
	get_stats(before);
	CHECK(rte_memzone_free(&copy) == -EINVAL, "free of a copy of %s", z->name);
	check_stats_unchanged(before);
	CHECK(rte_memzone_free(z->mz) == 0, "free of %s", z->name);
	CHECK(rte_memzone_lookup(z->name) == NULL && rte_errno == ENOENT, "%s found after free",
	      z->name);
	if (twice) {
		get_stats(before);
		CHECK(rte_memzone_free(z->mz) == -EINVAL, "second free of %s", z->name);
		check_stats_unchanged(before);
	}
	z->mz = NULL;
}

static void op_lookup(struct input *in)
{
	char name[RTE_MEMZONE_NAMESIZE + 1];
	const struct zone *z;
	const struct rte_memzone *mz;

	decode_name(in, name);
	z = find_live(name);
	rte_errno = 0;
	mz = rte_memzone_lookup(name);
	CHECK(mz == (z != NULL ? z->mz : NULL), "lookup of %s: %p, model %p", name, (void *)mz,
	      z != NULL ? (const void *)z->mz : NULL);
	CHECK(mz != NULL || rte_errno == ENOENT, "lookup of %s: rte_errno %d", name, rte_errno);
}

struct walk_arg {
	unsigned int count, found;
	bool seen[MAX_SLOTS];
};

static void walk_one(const struct rte_memzone *mz, void *arg)
{
	struct walk_arg *w = arg;

	w->count++;
	for (int i = 0; i < MAX_SLOTS; i++) {
		if (zones[i].mz != mz)
			continue;
		CHECK(!w->seen[i] && strcmp(mz->name, zones[i].name) == 0,
		      "walk: zone %s seen twice or renamed (%s)", zones[i].name, mz->name);
		w->seen[i] = true;
		w->found++;
	}
}

static unsigned int live_count(void)
{
	unsigned int n = 0;

	for (int i = 0; i < MAX_SLOTS; i++)
		n += zones[i].mz != NULL;
	return n;
}

static void op_walk(void)
{
	struct walk_arg w;

	memset(&w, 0, sizeof(w));
	rte_memzone_walk(walk_one, &w);
	CHECK(w.found == live_count() && w.count == start_zones + live_count(),
	      "walk saw %u zones, %u of the %u live ones (%u at start)", w.count, w.found,
	      live_count(), start_zones);
}

/* ---- entry points -------------------------------------------------------- */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void count_zone(const struct rte_memzone *mz, void *arg)
{
	(void)mz;
	(*(unsigned int *)arg)++;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char opts[64];

	(void)argc;
	(void)argv;
	snprintf(opts, sizeof(opts), "--sim=sockets=%d,pages=%d,populate=0", SOCKETS,
		 PAGES_PER_SOCKET);
	fuzz_eal_init("fuzz_memzone", opts);
	hugepage_sz = sim_machine_config()->profile.hugepage_sz;
	get_stats(start_stats);
	rte_memzone_walk(count_zone, &start_zones);
	trace = getenv("FUZZ_MEMZONE_TRACE") != NULL;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { .data = data, .size = size, .off = 0 };
	struct rte_malloc_socket_stats end[SOCKETS];

	while (in.off < in.size) {
		const uint8_t op = get8(&in);

		switch (op % 4) {
		case 0:
			op_reserve(&in, op / 4 % 3);
			break;
		case 1:
			op_free(&in, op & 4);
			break;
		case 2:
			op_lookup(&in);
			break;
		default:
			op_walk();
			break;
		}
	}
	op_walk();
	for (int i = 0; i < MAX_SLOTS; i++) {
		if (zones[i].mz == NULL)
			continue;
		pattern(&zones[i], true);
		CHECK(rte_memzone_free(zones[i].mz) == 0, "free of %s", zones[i].name);
		zones[i].mz = NULL;
	}
	op_walk();
	/* Freed pages the heap retains (rtemem_heap.h) go back now. */
	CHECK(rtemem_heap_trim(SOCKET_ID_ANY) == 0, "trim");
	get_stats(end);
	CHECK(stats_equal(start_stats, end), "heaps after freeing every zone: socket 0 total %zu "
	      "(start %zu), free %zu (start %zu), allocs %u (start %u); socket 1 total %zu (start "
	      "%zu), allocs %u (start %u)", end[0].heap_totalsz_bytes,
	      start_stats[0].heap_totalsz_bytes, end[0].heap_freesz_bytes,
	      start_stats[0].heap_freesz_bytes, end[0].alloc_count, start_stats[0].alloc_count,
	      end[1].heap_totalsz_bytes, start_stats[1].heap_totalsz_bytes, end[1].alloc_count,
	      start_stats[1].alloc_count);
	return 0;
}
