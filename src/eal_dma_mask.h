/* SPDX-License-Identifier: BSD-3-Clause
 * The recorded DMA mask as the heap sees it (eal_dma_mask.c).
 */
#ifndef RTEMEM_EAL_DMA_MASK_H
#define RTEMEM_EAL_DMA_MASK_H

#include <stdbool.h>

#include <rte_memory.h>

/* Do the n new pages fit the narrowest DMA mask recorded (if any)? */
bool eal_dma_mask_fits(struct rte_memseg *const *ms, int n);

#endif
