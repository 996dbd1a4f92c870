/* SPDX-License-Identifier: BSD-3-Clause
 * DMA masks: a device that can address only maskbits bits of IOVA asks
 * whether every memseg fits (rte_mem_check_dma_mask) and records its mask
 * in the shared config, where the narrowest one recorded then refuses heap
 * growth onto pages beyond it (eal_dma_mask_fits, malloc_heap.c).
 */
#include <stdbool.h>
#include <inttypes.h>
#include <stdint.h>

#include <rte_eal_memconfig.h>
#include <rte_log.h>
#include <rte_memory.h>

#include "eal_dma_mask.h"
#include "eal_private.h"

/* Any wider mask cannot be held in 64 bits of IOVA: surely a mistake. */
#define MAX_DMA_MASK_BITS 63

static bool seg_fits(const struct rte_memseg *ms, unsigned int maskbits)
{
	uint64_t last = ms->iova + ms->len - 1;

	return (last & ~((UINT64_C(1) << maskbits) - 1)) == 0;
}

static int seg_beyond(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	RTE_SET_USED(msl);
	if (seg_fits(ms, *(unsigned int *)arg))
		return 0;
	RTE_LOG(DEBUG, EAL, "memseg at iova 0x%" PRIx64 " (%zu bytes) is beyond a %u-bit mask\n",
		ms->iova, ms->len, *(unsigned int *)arg);
	return 1;
}

static void record(uint8_t maskbits)
{
	struct rte_mem_config *mcfg = eal_mcfg();
	uint32_t cur = __atomic_load_n(&mcfg->dma_maskbits, __ATOMIC_RELAXED);

	/* Keep the narrowest: every device recorded must still be served. */
	while ((cur == 0 || maskbits < cur) &&
	       !__atomic_compare_exchange_n(&mcfg->dma_maskbits, &cur, maskbits, false,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

static int check(uint8_t maskbits, bool locked)
{
	unsigned int bits = maskbits;
	int ret;

	if (maskbits > MAX_DMA_MASK_BITS) {
		RTE_LOG(ERR, EAL, "DMA mask of %u bits is too wide (at most %u)\n", maskbits,
			MAX_DMA_MASK_BITS);
		return -1;
	}
	if (eal_mcfg() == NULL)
		return -1;
	ret = locked ? rte_memseg_walk_thread_unsafe(seg_beyond, &bits)
		     : rte_memseg_walk(seg_beyond, &bits);
	if (ret != 0)
		return 1; /* the device cannot use this memory: its mask is not kept */
	record(maskbits);
	return 0;
}

int rte_mem_check_dma_mask(uint8_t maskbits)
{
	return check(maskbits, false);
}

int rte_mem_check_dma_mask_thread_unsafe(uint8_t maskbits)
{
	return check(maskbits, true);
}

void rte_mem_set_dma_mask(uint8_t maskbits)
{
	if (eal_mcfg() != NULL)
		record(maskbits);
}

bool eal_dma_mask_fits(struct rte_memseg *const *ms, int n)
{
	uint32_t bits = __atomic_load_n(&eal_mcfg()->dma_maskbits, __ATOMIC_RELAXED);

	for (int i = 0; bits != 0 && i < n; i++)
		if (!seg_fits(ms[i], bits))
			return false;
	return true;
}
