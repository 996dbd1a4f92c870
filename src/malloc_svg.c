/* SPDX-License-Identifier: BSD-3-Clause
 * An SVG picture of memory: one row per VA-contiguous run of mapped pages
 * (per memseg list), all rows to the same scale. The upper bar of a row
 * shows the pages, coloured by socket; the lower bar the heap elements on
 * them: busy (with its padding), free, and memzones outlined. Fragmentation
 * shows as green slivers between red blocks.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <rte_eal_memconfig.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "eal_private.h"
#include "malloc_elem.h"
#include "malloc_heap.h"
#include "rtemem_svg.h"

#define SVG_WIDTH 1200.0  /* px for the longest row */
#define MARGIN 10.0
#define LABEL_H 16.0
#define PAGE_H 12.0
#define ELEM_H 22.0
#define ROW_GAP 14.0
#define MAX_ROWS 1024

static const char *const socket_colours[] = {
	"#4e79a7", "#f28e2b", "#76b7b2", "#b07aa1", "#9c755f", "#edc948", "#bab0ac", "#59a14f",
};

#define COLOUR_BUSY "#e15759"
#define COLOUR_FREE "#8cd17d"
#define COLOUR_PAD "#bbbbbb"
#define COLOUR_ZONE "#1f3b73"

struct row {
	const struct rte_memseg_list *msl;
	int msl_idx;
	uintptr_t start;
	size_t len;
	double y; /* top of the row's label */
};

struct picture {
	FILE *f;
	struct row rows[MAX_ROWS];
	int n_rows;
	double scale; /* px per byte */
};

static void collect_rows(struct picture *pic)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];
		int idx;

		if (msl->base_va == NULL || msl->external)
			continue;
		idx = rte_fbarray_find_next_used(&msl->memseg_arr, 0);
		while (idx >= 0 && pic->n_rows < MAX_ROWS) {
			int n = rte_fbarray_find_contig_used(&msl->memseg_arr, (unsigned int)idx);
			struct row *r = &pic->rows[pic->n_rows++];

			r->msl = msl;
			r->msl_idx = i;
			r->start = (uintptr_t)msl->base_va + (uintptr_t)idx * msl->page_sz;
			r->len = (size_t)n * msl->page_sz;
			idx = rte_fbarray_find_next_used(&msl->memseg_arr, (unsigned int)(idx + n));
		}
	}
}

static const struct row *row_of(const struct picture *pic, uintptr_t va)
{
	for (int i = 0; i < pic->n_rows; i++)
		if (va >= pic->rows[i].start && va - pic->rows[i].start < pic->rows[i].len)
			return &pic->rows[i];
	return NULL;
}

static double x_of(const struct picture *pic, const struct row *r, uintptr_t va)
{
	return MARGIN + (double)(va - r->start) * pic->scale;
}

static void rect(FILE *f, double x, double y, double w, double h, const char *fill,
		 const char *title)
{
	fprintf(f, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"",
		x, y, w < 0.5 ? 0.5 : w, h, fill);
	if (title != NULL)
		fprintf(f, "><title>%s</title></rect>\n", title);
	else
		fprintf(f, "/>\n");
}

static void draw_pages(struct picture *pic, const struct row *r)
{
	const char *colour = socket_colours[(unsigned int)r->msl->socket_id %
					    RTE_DIM(socket_colours)];
	double y = r->y + LABEL_H;
	char title[128];

	for (uintptr_t va = r->start; va < r->start + r->len; va += r->msl->page_sz) {
		const struct rte_memseg *ms = rte_mem_virt2memseg((void *)va, r->msl);

		snprintf(title, sizeof(title), "page 0x%" PRIxPTR " iova 0x%" PRIx64 "%s", va,
			 ms != NULL ? ms->iova : RTE_BAD_IOVA,
			 ms != NULL && (ms->flags & RTE_MEMSEG_FLAG_DO_NOT_FREE) ? " (preallocated)"
										  : "");
		rect(pic->f, x_of(pic, r, va), y, (double)r->msl->page_sz * pic->scale - 1.0,
		     PAGE_H, colour, title);
	}
}

/* Heap locked. */
static void draw_elements(struct picture *pic, struct malloc_heap *heap)
{
	char title[160];

	for (struct malloc_elem *elem = heap->first; elem != NULL; elem = elem->next) {
		const struct row *r = row_of(pic, (uintptr_t)elem);
		double x, y;

		if (r == NULL)
			continue;
		x = x_of(pic, r, (uintptr_t)elem);
		y = r->y + LABEL_H + PAGE_H + 2.0;
		snprintf(title, sizeof(title), "%s %p, %zu bytes%s",
			 elem->state == ELEM_FREE ? "free" : "busy", (void *)elem, elem->size,
			 elem->pad ? " (padded)" : "");
		if (elem->state == ELEM_FREE) {
			rect(pic->f, x, y, (double)elem->size * pic->scale, ELEM_H, COLOUR_FREE,
			     title);
			continue;
		}
		if (elem->pad != 0)
			rect(pic->f, x, y, (double)elem->pad * pic->scale, ELEM_H, COLOUR_PAD, NULL);
		rect(pic->f, x + (double)elem->pad * pic->scale, y,
		     (double)(elem->size - elem->pad) * pic->scale, ELEM_H, COLOUR_BUSY, title);
	}
}

static void draw_zone(const struct rte_memzone *mz, void *arg)
{
	struct picture *pic = arg;
	const struct row *r = row_of(pic, (uintptr_t)mz->addr);
	double y;

	if (r == NULL)
		return;
	y = r->y + LABEL_H + PAGE_H + 2.0;
	fprintf(pic->f,
		"<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" "
		"stroke=\"%s\" stroke-width=\"1.5\"><title>memzone %s, %zu bytes</title></rect>\n",
		x_of(pic, r, (uintptr_t)mz->addr), y + 1.0,
		RTE_MAX((double)mz->len * pic->scale, 1.0), ELEM_H - 2.0, COLOUR_ZONE, mz->name,
		mz->len);
}

static void legend(FILE *f, double y)
{
	const struct {
		const char *colour, *what;
	} items[] = {
		{ COLOUR_BUSY, "busy element" }, { COLOUR_PAD, "alignment padding" },
		{ COLOUR_FREE, "free element" },  { socket_colours[0], "page, socket 0" },
		{ socket_colours[1], "page, socket 1" },
	};
	double x = MARGIN;

	for (size_t i = 0; i < RTE_DIM(items); i++) {
		rect(f, x, y, 12, 12, items[i].colour, NULL);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", x + 16, y + 10,
			items[i].what);
		x += 150;
	}
	fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"none\" "
		   "stroke=\"%s\" stroke-width=\"1.5\"/>\n<text x=\"%.1f\" y=\"%.1f\">memzone</text>\n",
		x, y, COLOUR_ZONE, x + 16, y + 10);
}

static double heap_summary(FILE *f, double y)
{
	struct rte_mem_config *mcfg = eal_mcfg();

	for (int i = 0; i < RTE_MAX_HEAPS; i++) {
		struct malloc_heap *heap = &mcfg->malloc_heaps[i];
		struct rte_malloc_socket_stats st;
		double frag;

		if (heap->name[0] == '\0')
			continue;
		malloc_heap_get_stats(heap, &st);
		/* how much of the free memory is not in the biggest block */
		frag = st.heap_freesz_bytes == 0
			       ? 0.0
			       : 100.0 * (1.0 - (double)st.greatest_free_size /
							(double)st.heap_freesz_bytes);
		fprintf(f,
			"<text x=\"%.1f\" y=\"%.1f\">%s: %zu KiB in heap, %zu KiB busy in %u "
			"elements, %zu KiB free in %u elements (largest %zu KiB, %.0f%% "
			"fragmented)</text>\n",
			MARGIN, y, heap->name, st.heap_totalsz_bytes >> 10,
			st.heap_allocsz_bytes >> 10, st.alloc_count, st.heap_freesz_bytes >> 10,
			st.free_count, st.greatest_free_size >> 10, frag);
		y += LABEL_H;
	}
	return y;
}

int rtemem_dump_svg(FILE *f)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	struct picture *pic;
	size_t longest = 0;
	double y, height;

	if (f == NULL || mcfg == NULL)
		return -EINVAL;
	pic = calloc(1, sizeof(*pic));
	if (pic == NULL)
		return -ENOMEM;
	pic->f = f;

	rte_mcfg_mem_read_lock(); /* rows stay put while we draw */
	collect_rows(pic);
	for (int i = 0; i < pic->n_rows; i++)
		longest = RTE_MAX(longest, pic->rows[i].len);
	pic->scale = longest == 0 ? 1.0 : SVG_WIDTH / (double)longest;

	/* header: title, one summary line per heap, legend */
	y = MARGIN + LABEL_H * 3 + 12; /* title + spacing */
	for (int i = 0; i < RTE_MAX_HEAPS; i++)
		if (mcfg->malloc_heaps[i].name[0] != '\0')
			y += LABEL_H;
	y += 24; /* legend */
	for (int i = 0; i < pic->n_rows; i++) {
		pic->rows[i].y = y;
		y += LABEL_H + PAGE_H + 2.0 + ELEM_H + ROW_GAP;
	}
	height = y + MARGIN;

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
		"font-family=\"monospace\" font-size=\"11\">\n",
		SVG_WIDTH + 2 * MARGIN, height);
	fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\">rtemem memory layout: %d "
		   "contiguous run(s), scale %.3g bytes/px</text>\n",
		MARGIN, MARGIN + 12, pic->n_rows, 1.0 / pic->scale);
	y = heap_summary(f, MARGIN + 12 + LABEL_H + 6);
	legend(f, y);

	for (int i = 0; i < pic->n_rows; i++) {
		const struct row *r = &pic->rows[i];

		fprintf(f,
			"<text x=\"%.1f\" y=\"%.1f\">memseg list %d, socket %d, %" PRIu64
			" KiB pages: 0x%" PRIxPTR "-0x%" PRIxPTR " (%zu pages)</text>\n",
			MARGIN, r->y + 11, r->msl_idx, r->msl->socket_id, r->msl->page_sz >> 10,
			r->start, r->start + r->len, r->len / r->msl->page_sz);
		draw_pages(pic, r);
	}
	for (int i = 0; i < RTE_MAX_HEAPS; i++) {
		struct malloc_heap *heap = &mcfg->malloc_heaps[i];

		if (heap->name[0] == '\0')
			continue;
		if (malloc_heap_lock(heap) == 0)
			draw_elements(pic, heap);
		malloc_heap_unlock(heap);
	}
	rte_memzone_walk(draw_zone, pic);
	rte_mcfg_mem_read_unlock();

	fprintf(f, "</svg>\n");
	free(pic);
	return ferror(f) ? -EIO : 0;
}
