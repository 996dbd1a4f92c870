/* SPDX-License-Identifier: BSD-3-Clause
 * src/eal_dma_map.c against the sim IOMMU: while a port is probed every
 * memseg is mapped for DMA and nothing else, a page the heap adds later is
 * mapped through the memory event callback, a page it gives back is
 * unmapped before it goes, and the emulated X710's DMA to an address
 * nobody mapped (a descriptor ring here) is refused, counted and logged.
 * Sim only: the Linux side is tests/test_hal_linux.c's fake VFIO kernel.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rtemem_heap.h>

#include "rtetest.h"

#ifdef RTEMEM_HAL_sim
#include "hal.h"
#include "pkt_source.h"
#include "sim_i40e.h"
#include "sim_machine.h"

#define SZ_2M (2UL << 20)

/* The log, captured so that tests can read the errors. */
static char *log_buf;
static size_t log_len;
static FILE *log_f;

static void log_capture(void)
{
	log_f = open_memstream(&log_buf, &log_len);
	assert_non_null(log_f);
	rte_openlog_stream(log_f);
}

/* What was logged since log_capture (the caller frees it). */
static char *log_release(void)
{
	rte_openlog_stream(NULL);
	fclose(log_f);
	log_f = NULL;
	return log_buf;
}

struct seg_count {
	unsigned int segs, mapped;
};

static int count_mapped(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	struct seg_count *c = arg;

	(void)msl;
	c->segs++;
	/* first and last byte: the whole page is mapped, not a part */
	if (sim_iommu_is_mapped(ms->iova) && sim_iommu_is_mapped(ms->iova + ms->len - 1))
		c->mapped++;
	return 0;
}

static struct seg_count seg_count(void)
{
	struct seg_count c = { 0, 0 };

	assert_int_equal(rte_memseg_walk(count_mapped, &c), 0);
	return c;
}

static void eal_up(void)
{
	assert_true(rtetest_eal_init("--sim=pages=64,nic=x710") >= 0);
	rte_log_set_level(RTE_LOGTYPE_EAL, RTE_LOG_ERR);
}

/* Before a device is mapped nothing is; probing maps every memseg, close
 * unmaps them all; a probe whose mapping fails is undone. */
static void test_probe_maps_every_memseg(void **state)
{
	struct seg_count c;
	char *log;
	void *p;

	(void)state;
	eal_up();
	p = rte_malloc(NULL, 4096, 0);
	assert_non_null(p);
	c = seg_count();
	assert_true(c.segs > 0);
	assert_int_equal(c.mapped, 0);
	assert_false(sim_iommu_is_mapped(rte_malloc_virt2iova(p)));

	assert_int_equal(rte_eth_dev_count_avail(), 1);
	c = seg_count();
	assert_int_equal(c.mapped, c.segs);
	assert_true(sim_iommu_is_mapped(rte_malloc_virt2iova(p)));

	assert_int_equal(rte_eth_dev_close(0), 0);
	c = seg_count();
	assert_int_equal(c.mapped, 0);

	/* dma_map fault: the probe fails, saying why, with nothing mapped. */
	sim_fault_arm(SIM_OP_DMA_MAP, 1);
	log_capture();
	assert_int_equal(rte_eth_dev_count_avail(), 0);
	log = log_release();
	assert_non_null(strstr(log, "DMA map of "));
	assert_non_null(strstr(log, "failed: Cannot allocate memory"));
	assert_non_null(strstr(log, "cannot map memory for DMA (-12)"));
	free(log);
	c = seg_count();
	assert_int_equal(c.mapped, 0);
	rte_free(p);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/* Pages come and go with a port probed: each new one is mapped (and the
 * device writes into it), each freed one unmapped before it leaves, and
 * the device's DMA to it is then refused. */
static void test_pages_follow_the_heap(void **state)
{
	struct sim_iommu_fault f0, f;
	const size_t len = 6 * SZ_2M;
	rte_iova_t iova[6];
	uint8_t word[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct seg_count before, c;
	char *log;
	uint8_t *p;

	(void)state;
	eal_up();
	assert_int_equal(rte_eth_dev_count_avail(), 1);
	before = seg_count();

	log_capture();
	p = rte_malloc(NULL, len, SZ_2M);
	assert_non_null(p);
	c = seg_count();
	assert_true(c.segs >= before.segs + 6);
	assert_int_equal(c.mapped, c.segs);
	for (int i = 0; i < 6; i++) {
		iova[i] = rte_malloc_virt2iova(p + i * SZ_2M);
		assert_int_not_equal(iova[i], RTE_BAD_IOVA);
		assert_int_equal(sim_dma_write(iova[i] + 100, word, sizeof(word)), 0);
		assert_memory_equal(p + i * SZ_2M + 100, word, sizeof(word));
	}

	/* Freed and trimmed: the pages go, unmapped first (an unmap after
	 * the page left would fail and say so). */
	rte_free(p);
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);
	log = log_release();
	assert_null(strstr(log, "DMA unmap"));
	free(log);
	c = seg_count();
	assert_int_equal(c.mapped, c.segs);
	assert_int_equal(c.segs, before.segs);
	sim_iommu_last_fault(&f0);
	for (int i = 0; i < 6; i++) {
		assert_false(sim_iommu_is_mapped(iova[i]));
		assert_int_equal(sim_dma_write(iova[i] + 100, word, sizeof(word)), -EFAULT);
	}
	sim_iommu_last_fault(&f);
	assert_int_equal(f.count - f0.count, 6);
	assert_int_equal(f.iova, iova[5] + 100);

	/* A map that fails while the heap grows: the heap still grows (the
	 * callback cannot refuse, as in DPDK), the failure is logged, and
	 * the page stays out of the device's reach. */
	sim_fault_arm(SIM_OP_DMA_MAP, 1);
	log_capture();
	p = rte_malloc(NULL, len, SZ_2M);
	log = log_release();
	assert_non_null(p);
	assert_non_null(strstr(log, "DMA map of 2097152 bytes at "));
	free(log);
	c = seg_count();
	assert_int_equal(c.mapped, c.segs - 1);
	rte_free(p);
	assert_int_equal(rtemem_heap_trim(SOCKET_ID_ANY), 0);
	c = seg_count();
	assert_int_equal(c.mapped, c.segs);
	assert_int_equal(rte_eal_cleanup(), 0);
}

/* A receive ring the IOMMU does not map (as after a missed event): the
 * device reports the DMA error on the queue and the fault says where. */
static void test_unmapped_ring_reported_by_device(void **state)
{
	struct rte_eth_conf conf = { 0 };
	struct sim_i40e_queue_stats st;
	const struct rte_memzone *mz;
	struct rte_mempool *pool;
	struct sim_iommu_fault f;
	uint8_t frame[64];
	rte_iova_t page;
	char *log;

	(void)state;
	eal_up();
	pool = rte_pktmbuf_pool_create("iommu_pool", 1024, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	assert_non_null(pool);
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 128, 0, NULL, pool), 0);
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_int_equal(rte_eth_promiscuous_enable(0), 0);
	sim_i40e_set_auto_deliver(sim_i40e_get(0), false);
	memset(frame, 0, sizeof(frame));
	memset(frame, 0xff, 6); /* broadcast */
	frame[12] = 0x08;
	assert_int_equal(sim_i40e_receive(sim_i40e_get(0), frame, sizeof(frame)), SIM_I40E_RX_OK);

	mz = rte_memzone_lookup("eth_p0_q0_rx_ring");
	assert_non_null(mz);
	page = mz->iova & ~(rte_iova_t)(SZ_2M - 1);
	assert_int_equal(hal_dma_unmap(page, SZ_2M), 0);
	log_capture();
	assert_int_equal(sim_i40e_receive(sim_i40e_get(0), frame, sizeof(frame)),
			 SIM_I40E_RX_DMA_ERROR);
	log = log_release();
	assert_int_equal(sim_i40e_queue_stats(sim_i40e_get(0), 0, &st), 0);
	assert_int_equal(st.dma_errors, 1);
	assert_int_equal(st.packets, 1);
	sim_iommu_last_fault(&f);
	assert_true(f.iova >= mz->iova && f.iova < mz->iova + mz->len);
	assert_false(f.write); /* the descriptor fetch */
	assert_non_null(strstr(log, "sim IOMMU: device DMA read of "));
	assert_non_null(strstr(log, "refused: not mapped"));
	free(log);

	/* Mapped again, the queue goes on. */
	assert_int_equal(hal_dma_map(RTE_PTR_ALIGN_FLOOR(mz->addr, SZ_2M), page, SZ_2M), 0);
	assert_int_equal(sim_i40e_receive(sim_i40e_get(0), frame, sizeof(frame)), SIM_I40E_RX_OK);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	rte_mempool_free(pool);
	assert_int_equal(rte_eal_cleanup(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_maps_every_memseg),
		cmocka_unit_test(test_pages_follow_the_heap),
		cmocka_unit_test(test_unmapped_ring_reported_by_device),
	};

	return cmocka_run_group_tests_name("iommu", tests, NULL, NULL);
}
#else /* !RTEMEM_HAL_sim */

int main(void)
{
	return rtetest_sim_only_main("iommu");
}
#endif
