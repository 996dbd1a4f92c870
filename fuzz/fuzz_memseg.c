/* SPDX-License-Identifier: BSD-3-Clause
 * libFuzzer harness for the memseg queries: rte_malloc blocks of about a
 * page or more (so the heaps map and give back hugepages) are allocated
 * and freed, and after every operation the walks and lookups must agree
 * with each other and with the model of the live blocks:
 *   - rte_memseg_list_walk sees each list once; rte_memseg_walk sees each
 *     used memseg of each list once (as many as memseg_arr.count), at
 *     base_va + index * page_sz, one page long, on the list's socket;
 *   - each memseg is what rte_mem_virt2memseg gives for its first byte,
 *     a middle byte and its last byte (with and without the list), and
 *     its list is what rte_mem_virt2memseg_list gives;
 *   - rte_mem_virt2iova(addr + k) == iova + k and
 *     rte_mem_iova2virt(iova + k) == addr + k for bytes of every memseg
 *     (so no two pages share an IO address);
 *   - rte_memseg_contig_walk gives maximal runs of whole used pages (the
 *     page before and after a run is not mapped) whose lengths add up to
 *     the sum of the memsegs' lengths and to rte_eal_get_physmem_size;
 *   - every page of every live block is mapped, on the block's socket;
 *   - a walk callback returning 1 or -1 stops the walk there with that
 *     value.
 * At the end all blocks are freed and the mapped pages are exactly the
 * ones mapped at start.
 *
 * Input: ops of 4 bytes: opcode, slot, size, socket/stop.
 *   op % 4 == 0, 1  allocate (size: pages and a remainder; op bit 2 aligns
 *                   it to a page)
 *   op % 4 == 2     free the slot
 *   op % 4 == 3     stop a walk after the nth call
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
#include <rtemem_heap.h>

#include "fuzz_check.h"
#include "fuzz_eal.h"
#include "sim_machine.h"

#define SOCKETS 2
#define PAGES_PER_SOCKET 24
#define MAX_SLOTS 12
#define MAX_SEGS (SOCKETS * PAGES_PER_SOCKET)

struct block {
	uint8_t *ptr;  /* NULL: slot empty */
	size_t size;
	int socket;
};

static struct block blocks[MAX_SLOTS];
static size_t page_sz;
static void *start_pages[MAX_SEGS];
static unsigned int nb_start_pages;

/* ---- what the walks report ----------------------------------------------- */

struct seen {
	const struct rte_memseg_list *lists[RTE_MAX_MEMSEG_LISTS];
	unsigned int nb_lists;
	const struct rte_memseg *segs[MAX_SEGS];
	const struct rte_memseg_list *seg_list[MAX_SEGS];
	unsigned int nb_segs;
	uint64_t seg_bytes, contig_bytes;
	unsigned int contig_pages;
};

static int list_cb(const struct rte_memseg_list *msl, void *arg)
{
	struct seen *s = arg;

	for (unsigned int i = 0; i < s->nb_lists; i++)
		CHECK(s->lists[i] != msl, "list %p walked twice", (const void *)msl);
	CHECK(s->nb_lists < RTE_DIM(s->lists), "too many lists");
	CHECK(msl->base_va != NULL && msl->page_sz == page_sz &&
	      msl->len == (size_t)msl->memseg_arr.len * msl->page_sz,
	      "list %p: base %p, page %" PRIu64 ", len %zu, %u segments", (const void *)msl,
	      msl->base_va, msl->page_sz, msl->len, msl->memseg_arr.len);
	s->lists[s->nb_lists++] = msl;
	return 0;
}

static int seg_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	struct seen *s = arg;

	CHECK(s->nb_segs < MAX_SEGS, "more memsegs than the machine has pages");
	s->segs[s->nb_segs] = ms;
	s->seg_list[s->nb_segs++] = msl;
	s->seg_bytes += ms->len;
	return 0;
}

static int contig_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms, size_t len,
		     void *arg)
{
	struct seen *s = arg;
	const uint8_t *start = ms->addr, *end = start + len;

	CHECK(len != 0 && len % msl->page_sz == 0, "run of %zu bytes", len);
	for (const uint8_t *p = start; p < end; p += msl->page_sz) {
		const struct rte_memseg *pms = rte_mem_virt2memseg(p, msl);

		CHECK(pms != NULL && pms->addr == p, "page %p of a run at %p is not mapped",
		      (const void *)p, (const void *)start);
	}
	/* maximal: the pages around the run are not mapped */
	if (start != msl->base_va)
		CHECK(rte_mem_virt2memseg(start - 1, msl) == NULL, "run at %p goes on before",
		      (const void *)start);
	if (end != (const uint8_t *)msl->base_va + msl->len)
		CHECK(rte_mem_virt2memseg(end, msl) == NULL, "run at %p goes on after %p",
		      (const void *)start, (const void *)end);
	s->contig_bytes += len;
	s->contig_pages += (unsigned int)(len / msl->page_sz);
	return 0;
}

static void check_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms)
{
	const int idx = rte_fbarray_find_idx(&msl->memseg_arr, ms);
	const uint8_t *addr = ms->addr;
	const size_t offs[] = { 0, 1, ms->len / 2, ms->len - 1 };

	CHECK(idx >= 0 && addr == (const uint8_t *)msl->base_va + (size_t)idx * msl->page_sz,
	      "memseg %d at %p, list base %p", idx, ms->addr, msl->base_va);
	CHECK(ms->len == msl->page_sz && ms->hugepage_sz == msl->page_sz &&
	      ms->socket_id == msl->socket_id, "memseg at %p: len %zu, page %" PRIu64 ", socket %d",
	      ms->addr, ms->len, ms->hugepage_sz, ms->socket_id);
	CHECK(rte_mem_virt2memseg_list(addr) == msl &&
	      rte_mem_virt2memseg_list(addr + ms->len - 1) == msl, "list of memseg %p",
	      ms->addr);
	CHECK(ms->iova != RTE_BAD_IOVA, "memseg %p has no iova", ms->addr);
	for (size_t i = 0; i < RTE_DIM(offs); i++) {
		const uint8_t *va = addr + offs[i];

		CHECK(rte_mem_virt2memseg(va, NULL) == ms && rte_mem_virt2memseg(va, msl) == ms,
		      "virt2memseg(%p) in memseg %p", (const void *)va, ms->addr);
		CHECK(rte_mem_virt2iova(va) == ms->iova + offs[i],
		      "virt2iova(%p) = 0x%" PRIx64 ", memseg iova 0x%" PRIx64 " + %zu",
		      (const void *)va, rte_mem_virt2iova(va), ms->iova, offs[i]);
	}
	/* iova2virt walks every memseg: one byte of each, the first or the last */
	{
		const size_t off = (idx & 1) ? ms->len - 1 : 0;

		CHECK(rte_mem_iova2virt(ms->iova + off) == addr + off,
		      "iova2virt(0x%" PRIx64 ") = %p, want %p", ms->iova + off,
		      rte_mem_iova2virt(ms->iova + off), (const void *)(addr + off));
	}
}

static void walk_all(struct seen *s)
{
	memset(s, 0, sizeof(*s));
	CHECK(rte_memseg_list_walk(list_cb, s) == 0, "list walk");
	CHECK(rte_memseg_walk(seg_cb, s) == 0, "memseg walk");
	CHECK(rte_memseg_contig_walk(contig_cb, s) == 0, "contig walk");
}

static bool page_mapped(const struct seen *s, const void *page)
{
	for (unsigned int i = 0; i < s->nb_segs; i++)
		if (s->segs[i]->addr == page)
			return true;
	return false;
}

static void check_all(void)
{
	struct seen s;
	uint64_t list_segs = 0;
	int stack_var;

	walk_all(&s);
	for (unsigned int i = 0; i < s.nb_lists; i++) {
		unsigned int n = 0;

		for (unsigned int j = 0; j < s.nb_segs; j++)
			n += s.seg_list[j] == s.lists[i];
		CHECK(n == s.lists[i]->memseg_arr.count, "list %u: walk saw %u memsegs, count %u",
		      i, n, s.lists[i]->memseg_arr.count);
		list_segs += n;
	}
	CHECK(list_segs == s.nb_segs, "%u memsegs in no walked list",
	      s.nb_segs - (unsigned int)list_segs);
	for (unsigned int j = 0; j < s.nb_segs; j++)
		check_seg(s.seg_list[j], s.segs[j]);
	CHECK(s.contig_bytes == s.seg_bytes && s.contig_pages == s.nb_segs,
	      "contig walk: %" PRIu64 " bytes in %u pages, memseg walk %" PRIu64 " in %u",
	      s.contig_bytes, s.contig_pages, s.seg_bytes, s.nb_segs);
	CHECK(rte_eal_get_physmem_size() == s.seg_bytes, "physmem %" PRIu64 ", walk %" PRIu64,
	      rte_eal_get_physmem_size(), s.seg_bytes);

	/* every page of every live block is mapped, on the block's socket */
	for (int i = 0; i < MAX_SLOTS; i++) {
		const struct block *b = &blocks[i];

		if (b->ptr == NULL)
			continue;
		for (const uint8_t *p = RTE_PTR_ALIGN_FLOOR(b->ptr, page_sz); p < b->ptr + b->size;
		     p += page_sz) {
			const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(p);

			CHECK(page_mapped(&s, p), "page %p of block [%p, +%zu) not walked",
			      (const void *)p, (void *)b->ptr, b->size);
			CHECK(msl != NULL && (b->socket == SOCKET_ID_ANY || msl->socket_id == b->socket),
			      "block on socket %d asked %d", msl != NULL ? msl->socket_id : -9,
			      b->socket);
		}
	}
	/* memory that is no hugepage */
	CHECK(rte_mem_virt2memseg(&stack_var, NULL) == NULL &&
	      rte_mem_virt2memseg_list(&stack_var) == NULL, "the stack is in a memseg");
}

/* ---- operations ---------------------------------------------------------- */

static void release(struct block *b)
{
	CHECK(b->ptr[0] == 0xa5 && b->ptr[b->size - 1] == 0x5a, "block %p lost its ends",
	      (void *)b->ptr);
	rte_free(b->ptr);
	b->ptr = NULL;
}

static void op_alloc(struct block *b, uint8_t op, uint8_t size_b, uint8_t sock_b)
{
	static const int sockets[] = { SOCKET_ID_ANY, 0, 1, SOCKET_ID_ANY };
	const size_t size = page_sz * (size_b % 5) + (size_t)(size_b / 5) * 4096 + 64;
	const unsigned int align = (op & 4) ? (unsigned int)page_sz : 0;
	const int socket = sockets[sock_b % RTE_DIM(sockets)];

	if (b->ptr != NULL)
		release(b);
	b->ptr = rte_malloc_socket("fuzz_memseg", size, align, socket);
	if (b->ptr == NULL) {
		CHECK(rte_errno == ENOMEM, "malloc(%zu, align %u, socket %d): rte_errno %d", size,
		      align, socket, rte_errno);
		return;
	}
	b->size = size;
	b->socket = socket;
	b->ptr[0] = 0xa5;
	b->ptr[size - 1] = 0x5a;
}

struct stop_arg {
	unsigned int calls, stop_at;
	int ret;
};

static int stop_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	struct stop_arg *a = arg;

	(void)msl;
	(void)ms;
	return ++a->calls == a->stop_at ? a->ret : 0;
}

static int stop_contig(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		       size_t len, void *arg)
{
	(void)len;
	return stop_seg(msl, ms, arg);
}

static int stop_list(const struct rte_memseg_list *msl, void *arg)
{
	return stop_seg(msl, NULL, arg);
}

/* A callback returning 1 or -1 at its nth call ends the walk with that. */
static void op_stop(uint8_t which, uint8_t n)
{
	struct stop_arg a = { 0, 1u + n % 8, (which & 0x10) ? -1 : 1 };
	int ret;

	switch (which % 3) {
	case 0:
		ret = rte_memseg_walk(stop_seg, &a);
		break;
	case 1:
		ret = rte_memseg_contig_walk(stop_contig, &a);
		break;
	default:
		ret = rte_memseg_list_walk(stop_list, &a);
		break;
	}
	if (a.calls == a.stop_at)
		CHECK(ret == a.ret, "walk stopped at call %u: %d, want %d", a.calls, ret, a.ret);
	else
		CHECK(ret == 0 && a.calls < a.stop_at, "walk of %u calls: %d", a.calls, ret);
}

/* ---- entry points -------------------------------------------------------- */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void mapped_pages(void *pages[MAX_SEGS], unsigned int *n)
{
	struct seen s;

	walk_all(&s);
	for (unsigned int i = 0; i < s.nb_segs; i++)
		pages[i] = s.segs[i]->addr;
	*n = s.nb_segs;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char opts[64];

	(void)argc;
	(void)argv;
	snprintf(opts, sizeof(opts), "--sim=sockets=%d,pages=%d,populate=0", SOCKETS,
		 PAGES_PER_SOCKET);
	fuzz_eal_init("fuzz_memseg", opts);
	page_sz = sim_machine_config()->profile.hugepage_sz;
	mapped_pages(start_pages, &nb_start_pages);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *end_pages[MAX_SEGS];
	unsigned int nb_end_pages;

	for (size_t off = 0; off + 4 <= size; off += 4) {
		const uint8_t op = data[off];
		struct block *b = &blocks[data[off + 1] % MAX_SLOTS];

		switch (op % 4) {
		case 0:
		case 1:
			op_alloc(b, op, data[off + 2], data[off + 3]);
			break;
		case 2:
			if (b->ptr != NULL)
				release(b);
			break;
		default:
			op_stop(data[off + 2], data[off + 3]);
			break;
		}
		check_all();
	}
	for (int i = 0; i < MAX_SLOTS; i++)
		if (blocks[i].ptr != NULL)
			release(&blocks[i]);
	/* Freed pages the heap retains (rtemem_heap.h) go back now. */
	CHECK(rtemem_heap_trim(SOCKET_ID_ANY) == 0, "trim");
	check_all();
	mapped_pages(end_pages, &nb_end_pages);
	CHECK(nb_end_pages == nb_start_pages &&
	      memcmp(end_pages, start_pages, nb_start_pages * sizeof(void *)) == 0,
	      "%u pages mapped after freeing everything, %u at start", nb_end_pages,
	      nb_start_pages);
	return 0;
}
