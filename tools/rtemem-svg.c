/* SPDX-License-Identifier: BSD-3-Clause
 * rtemem-svg: boot EAL, fragment the heaps on purpose (many blocks of mixed
 * sizes and alignments, every third one freed, a few memzones), and draw
 * the resulting memory layout as SVG.
 *
 *   rtemem-svg [EAL options] [-- -o FILE]      (default FILE: rtemem.svg)
 *
 * For example: rtemem-svg --sim=sockets=2 -- -o layout.svg
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "rtemem_svg.h"

#define N_BLOCKS 400

static void *blocks[N_BLOCKS];
static const struct rte_memzone *zones[4];

/* A fixed little generator, so that every run draws the same picture. */
static unsigned int next_rand(unsigned int *state)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 16) & 0x7fff;
}

static void fragment(void)
{
	unsigned int sockets = rte_socket_count();
	unsigned int seed = 2022;

	for (int i = 0; i < N_BLOCKS; i++) {
		unsigned int r = next_rand(&seed);
		size_t size = r % 10 == 0 ? 64 * 1024 + r * 8 : 256 + r % 8192;
		unsigned int align = r % 7 == 0 ? 4096 : 0;

		blocks[i] = rte_malloc_socket("svg", size, align, (int)(i % sockets));
	}
	for (int i = 0; i < N_BLOCKS; i += 3) {
		rte_free(blocks[i]);
		blocks[i] = NULL;
	}
	for (int i = 1; i < N_BLOCKS; i += 9)
		blocks[i] = rte_realloc(blocks[i], 20000, 0);
	zones[0] = rte_memzone_reserve_aligned("svg_ring", 1 << 20, 0, 0, 1 << 20);
	zones[1] = rte_memzone_reserve("svg_dma", 64 * 1024, 0, RTE_MEMZONE_IOVA_CONTIG);
	zones[2] = rte_memzone_reserve_bounded("svg_bounded", 3000, SOCKET_ID_ANY, 0, 64, 4096);
	zones[3] = rte_memzone_reserve("svg_other_socket", 256 * 1024,
				       (int)(sockets > 1 ? 1 : 0), 0);
}

static void clean_up(void)
{
	for (int i = 0; i < N_BLOCKS; i++)
		rte_free(blocks[i]);
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
		if (zones[i] != NULL)
			rte_memzone_free(zones[i]);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: rtemem-svg [EAL options] [-- -o FILE]\n"
		   "Boot the EAL, fragment the heaps on purpose and draw the memory layout\n"
		   "(pages, busy, free and padding elements, memzones) as SVG.\n"
		   "  -o FILE      write it to FILE (default rtemem.svg; - for stdout)\n"
		   "  -h, --help   this text\n"
		   "EAL options: those of any DPDK program, e.g. --in-memory, -m MB,\n"
		   "  --sim=sockets=2 on the simulated machine (see the rtemem README)\n");
}

/* The EAL takes --help for a bad option (rte_eal_init fails), so help is
 * answered before the EAL starts, wherever the flag is. */
static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	return false;
}

int main(int argc, char **argv)
{
	const char *out = "rtemem.svg";
	FILE *f;
	int ret, n;

	if (wants_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	n = rte_eal_init(argc, argv);
	if (n < 0) {
		fprintf(stderr, "rtemem-svg: EAL init failed: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	argc -= n;
	argv += n;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			out = argv[++i];
		} else {
			usage(stderr);
			rte_eal_cleanup();
			return 2;
		}
	}

	fragment();
	f = strcmp(out, "-") == 0 ? stdout : fopen(out, "w");
	if (f == NULL) {
		perror(out);
		clean_up();
		rte_eal_cleanup();
		return 1;
	}
	ret = rtemem_dump_svg(f);
	if (f != stdout)
		fclose(f);
	if (ret < 0)
		fprintf(stderr, "rtemem-svg: cannot write %s: %s\n", out, strerror(-ret));
	else if (f != stdout)
		printf("wrote %s\n", out);
	clean_up();
	rte_eal_cleanup();
	return ret < 0 ? 1 : 0;
}
