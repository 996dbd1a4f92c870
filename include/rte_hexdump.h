/* SPDX-License-Identifier: BSD-3-Clause
 * Memory dumps for debugging, as DPDK 22.11's rte_hexdump.h.
 */
#ifndef RTEMEM_RTE_HEXDUMP_H
#define RTEMEM_RTE_HEXDUMP_H

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* "title at [addr], len=N", then 16 bytes a line: offset, hex, printable. */
void rte_hexdump(FILE *f, const char *title, const void *buf, unsigned int len);
/* "title: " and the bytes in hex separated by colons, on one line. */
void rte_memdump(FILE *f, const char *title, const void *buf, unsigned int len);

#ifdef __cplusplus
}
#endif

#endif
