/* SPDX-License-Identifier: BSD-3-Clause
 * rtemem-info: attach to a running primary as a secondary process and print
 * what it has: memseg lists, memzones, heap statistics per socket, rings and
 * mempools; --svg FILE also draws the memory layout.
 *
 *   rtemem-info [--file-prefix=NAME] [--svg FILE]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rtemem_svg.h>

static int print_list(const struct rte_memseg_list *msl, void *arg)
{
	RTE_SET_USED(arg);
	printf("  socket %d  %6" PRIu64 " kB pages  VA %p..%p  %u/%u pages mapped\n",
	       msl->socket_id, msl->page_sz >> 10, msl->base_va, RTE_PTR_ADD(msl->base_va, msl->len),
	       msl->memseg_arr.count, msl->memseg_arr.len);
	return 0;
}

static void print_zone(const struct rte_memzone *mz, void *arg)
{
	RTE_SET_USED(arg);
	printf("  %-32s %10zu bytes  VA %p  IOVA 0x%" PRIx64 "  socket %d\n", mz->name, mz->len,
	       mz->addr, mz->iova, mz->socket_id);
}

/* Rings live in memzones named RG_<ring name>. */
static void print_ring(const struct rte_memzone *mz, void *arg)
{
	const struct rte_ring *r;

	RTE_SET_USED(arg);
	if (strncmp(mz->name, "RG_", 3) != 0)
		return;
	r = rte_ring_lookup(mz->name + 3);
	if (r != NULL)
		printf("  %-32s %u of %u used, flags 0x%x\n", r->name, rte_ring_count(r),
		       rte_ring_get_capacity(r), r->flags);
}

static void print_pool(struct rte_mempool *mp, void *arg)
{
	RTE_SET_USED(arg);
	printf("  %-32s %u objects of %u bytes, %u available, %u in use, cache %u\n", mp->name,
	       mp->size, mp->elt_size, rte_mempool_avail_count(mp), rte_mempool_in_use_count(mp),
	       mp->cache_size);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: rtemem-info [--file-prefix=NAME] [--svg FILE]\n"
		   "Attach to a running primary as a secondary process and print its memseg\n"
		   "lists, memzones, heap statistics per socket, rings and mempools.\n"
		   "  --file-prefix=NAME  the primary's --file-prefix (default rte)\n"
		   "  --svg FILE          also draw the memory layout as SVG into FILE\n"
		   "  -h, --help          this text\n");
}

int main(int argc, char **argv)
{
	char prefix_arg[128] = "--file-prefix=rte";
	char *eal_argv[] = { argv[0], "--proc-type=secondary", prefix_arg, "-l", "0",
			     "--log-level=4", NULL };
	const char *svg = NULL;

	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--file-prefix=", 14) == 0) {
			snprintf(prefix_arg, sizeof(prefix_arg), "%s", argv[i]);
		} else if (strcmp(argv[i], "--svg") == 0 && i + 1 < argc) {
			svg = argv[++i];
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (rte_eal_init((int)RTE_DIM(eal_argv) - 1, eal_argv) < 0) {
		fprintf(stderr, "rtemem-info: cannot attach to a primary (%s): %s\n", prefix_arg,
			rte_strerror(rte_errno));
		return 1;
	}

	printf("memseg lists (%" PRIu64 " MB mapped, IOVA mode %s):\n",
	       rte_eal_get_physmem_size() >> 20, rte_eal_iova_mode() == RTE_IOVA_PA ? "PA" : "VA");
	rte_memseg_list_walk(print_list, NULL);
	printf("memzones:\n");
	rte_memzone_walk(print_zone, NULL);
	printf("heaps:\n");
	for (unsigned int i = 0; i < rte_socket_count(); i++) {
		struct rte_malloc_socket_stats st;
		int socket = rte_socket_id_by_idx(i);

		if (rte_malloc_get_socket_stats(socket, &st) < 0)
			continue;
		printf("  socket %d: %zu bytes, %zu free (largest %zu), %u busy blocks, %u free blocks\n",
		       socket, st.heap_totalsz_bytes, st.heap_freesz_bytes, st.greatest_free_size,
		       st.alloc_count, st.free_count);
	}
	printf("rings:\n");
	rte_memzone_walk(print_ring, NULL);
	printf("mempools:\n");
	rte_mempool_walk(print_pool, NULL);

	if (svg != NULL) {
		FILE *f = fopen(svg, "w");

		if (f == NULL || rtemem_dump_svg(f) < 0) {
			fprintf(stderr, "rtemem-info: cannot write %s\n", svg);
			if (f != NULL)
				fclose(f);
			rte_eal_cleanup();
			return 1;
		}
		fclose(f);
		printf("layout drawn to %s\n", svg);
	}
	rte_eal_cleanup();
	return 0;
}
