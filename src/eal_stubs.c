/* SPDX-License-Identifier: BSD-3-Clause
 * TEMPORARY weak defaults for modules still being written (heap, memzone,
 * lcores); each real definition overrides its stub. Removed once all land.
 */
#include "eal_private.h"

__attribute__((weak)) int rte_eal_malloc_heap_init(void) { return 0; }
__attribute__((weak)) void rte_eal_malloc_heap_cleanup(void) {}
__attribute__((weak)) int rte_eal_memzone_init(void) { return 0; }
__attribute__((weak)) void rte_eal_memzone_cleanup(void) {}
