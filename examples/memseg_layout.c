/* SPDX-License-Identifier: BSD-3-Clause
 * Boot EAL, map a few hugepages per socket, and print the memseg layout:
 * which VA each page got, its IOVA, and the VA-contiguous runs.
 *   memseg_layout [EAL options] -- [pages per socket]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_memory.h>
#include <rte_memzone.h>

static int print_list(const struct rte_memseg_list *msl, void *arg)
{
	RTE_SET_USED(arg);
	if (msl->memseg_arr.count == 0)
		return 0;
	printf("list socket %d, %" PRIu64 " kB pages, VA %p + %zu MB, %u of %u pages mapped\n",
	       msl->socket_id, msl->page_sz >> 10, msl->base_va, msl->len >> 20,
	       msl->memseg_arr.count, msl->memseg_arr.len);
	return 0;
}

static int print_run(const struct rte_memseg_list *msl, const struct rte_memseg *ms, size_t len,
		     void *arg)
{
	RTE_SET_USED(msl);
	RTE_SET_USED(arg);
	printf("  VA-contiguous run at %p, %zu MB\n", ms->addr, len >> 20);
	return 0;
}

int main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);
	unsigned int pages = 4;

	if (ret < 0) {
		fprintf(stderr, "memseg_layout: EAL init failed: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	argc -= ret;
	argv += ret;
	if (argc > 1)
		pages = (unsigned int)strtoul(argv[1], NULL, 0);

	for (unsigned int s = 0; s < rte_socket_count(); s++) {
		for (unsigned int i = 0; i < pages; i++) {
			char name[RTE_MEMZONE_NAMESIZE];

			snprintf(name, sizeof(name), "layout-%u-%u", s, i);
			/* A 1 MB zone per step makes the heap map pages on demand. */
			if (rte_memzone_reserve(name, 1 << 20, (int)s, 0) == NULL) {
				fprintf(stderr, "memzone %s: %s\n", name, rte_strerror(rte_errno));
				break;
			}
		}
	}
	rte_memseg_list_walk(print_list, NULL);
	rte_memseg_contig_walk(print_run, NULL);
	printf("\npages:\n");
	rte_dump_physmem_layout(stdout);
	printf("\ntotal mapped: %" PRIu64 " MB, IOVA mode %s\n", rte_eal_get_physmem_size() >> 20,
	       rte_eal_iova_mode() == RTE_IOVA_PA ? "PA" : "VA");
	return rte_eal_cleanup() == 0 ? 0 : 1;
}
