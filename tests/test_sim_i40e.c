/* SPDX-License-Identifier: BSD-3-Clause
 * The emulated X710 on its own, driven through its registers the way a
 * driver would (no i40e PMD): PCI identity, queue context, descriptor
 * write-back in both sizes, frame splitting, drops, bad addresses, RSS,
 * auto delivery; and the packet sources (generator, pcap, memory).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <rte_byteorder.h>
#include <rte_eal.h>
#include <rte_ip.h>

#include "rtetest.h"

#ifdef RTEMEM_HAL_sim
#include <rte_memzone.h>

#include <errno.h>
#include <pcap/pcap.h>

#include "hal.h"
#include "i40e_adminq.h"
#include "i40e_ethdev.h"
#include "i40e_regs.h"
#include "i40e_rxd.h"
#include "pkt_source.h"
#include "sim_i40e.h"

#define NDESC 64
#define BUFSZ 2048

struct ring {
	const struct rte_memzone *desc_mz;
	const struct rte_memzone *buf_mz;
	unsigned int desc_size;
	unsigned int q;
};

static struct hal_bar bar;
static struct sim_i40e *dev;

static uint32_t rd(uint32_t off)
{
	return hal_bar_read32(&bar, off);
}

static void wr(uint32_t off, uint32_t v)
{
	hal_bar_write32(&bar, off, v);
}

static int setup(void **state)
{
	struct hal_pci_device pci[4];

	(void)state;
	if (rtetest_eal_init("--sim=nic=x710") < 0)
		return -1;
	if (hal_pci_scan(pci, 4) != 1 || hal_pci_map_bar(&pci[0], 0, &bar) != 0)
		return -1;
	dev = sim_i40e_get(0);
	if (dev == NULL)
		return -1;
	sim_i40e_set_auto_deliver(dev, false);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	hal_pci_unmap_bar(&bar);
	rte_eal_cleanup();
	return 0;
}

static void ctx_put(uint8_t *ctx, unsigned int lsb, unsigned int width, uint64_t v)
{
	for (unsigned int i = 0; i < width; i++)
		if (v & (1ULL << i))
			ctx[(lsb + i) / 8] |= (uint8_t)(1u << ((lsb + i) % 8));
}

static void write_ctx(unsigned int q, const uint8_t *ctx)
{
	for (unsigned int line = 0; line < 2; line++) {
		for (unsigned int i = 0; i < 4; i++) {
			const uint8_t *b = ctx + 16 * line + 4 * i;

			wr(I40E_PFCM_LANCTXDATA(i), (uint32_t)b[0] | (uint32_t)b[1] << 8 |
							    (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24);
		}
		wr(I40E_PFCM_LANCTXCTL, q | line << 12 | 1u << 17);
		assert_int_equal(rd(I40E_PFCM_LANCTXSTAT), I40E_PFCM_LANCTXSTAT_CTX_DONE);
	}
}

/* A ring of NDESC descriptors, each pointing at its own BUFSZ buffer, enabled
 * with tail = NDESC - 1. */
static void ring_up(struct ring *r, unsigned int q, unsigned int desc_size, uint32_t rxmax)
{
	uint8_t ctx[32] = { 0 };
	char name[32];

	memset(r, 0, sizeof(*r));
	r->q = q;
	r->desc_size = desc_size;
	snprintf(name, sizeof(name), "t_desc_%u", q);
	r->desc_mz = rte_memzone_reserve_aligned(name, NDESC * 32, 0, RTE_MEMZONE_IOVA_CONTIG, 128);
	snprintf(name, sizeof(name), "t_buf_%u", q);
	r->buf_mz = rte_memzone_reserve_aligned(name, NDESC * BUFSZ, 0, RTE_MEMZONE_IOVA_CONTIG, 128);
	assert_non_null(r->desc_mz);
	assert_non_null(r->buf_mz);
	memset(r->desc_mz->addr, 0, NDESC * 32);
	memset(r->buf_mz->addr, 0xee, NDESC * BUFSZ);
	for (unsigned int i = 0; i < NDESC; i++) {
		rte_le64_t *d = (rte_le64_t *)((uint8_t *)r->desc_mz->addr + i * desc_size);

		d[0] = rte_cpu_to_le_64(r->buf_mz->iova + (uint64_t)i * BUFSZ);
	}
	ctx_put(ctx, I40E_RXQ_CTX_BASE_LSB, I40E_RXQ_CTX_BASE_W, r->desc_mz->iova / 128);
	ctx_put(ctx, I40E_RXQ_CTX_QLEN_LSB, I40E_RXQ_CTX_QLEN_W, NDESC);
	ctx_put(ctx, I40E_RXQ_CTX_DBUFF_LSB, I40E_RXQ_CTX_DBUFF_W, BUFSZ / 128);
	ctx_put(ctx, I40E_RXQ_CTX_DSIZE_LSB, 1, desc_size == 32);
	ctx_put(ctx, I40E_RXQ_CTX_CRCSTRIP_LSB, 1, 1);
	ctx_put(ctx, I40E_RXQ_CTX_RXMAX_LSB, I40E_RXQ_CTX_RXMAX_W, rxmax);
	write_ctx(q, ctx);
	wr(I40E_QRX_TAIL(q), NDESC - 1);
	wr(I40E_QRX_ENA(q), I40E_QRX_ENA_QENA_REQ);
	assert_true(rd(I40E_QRX_ENA(q)) & I40E_QRX_ENA_QENA_STAT);
}

/* Give descriptors [from, from + n) fresh buffers, as a driver does before
 * handing them back: read format again, DD clear. */
static void rearm(struct ring *r, unsigned int from, unsigned int n)
{
	for (unsigned int k = 0; k < n; k++) {
		unsigned int i = (from + k) % NDESC;
		rte_le64_t *d = (rte_le64_t *)((uint8_t *)r->desc_mz->addr + i * r->desc_size);

		d[0] = rte_cpu_to_le_64(r->buf_mz->iova + (uint64_t)i * BUFSZ);
		d[1] = 0;
		memset((uint8_t *)r->buf_mz->addr + (size_t)i * BUFSZ, 0xee, BUFSZ);
	}
}

static void ring_down(struct ring *r)
{
	wr(I40E_QRX_ENA(r->q), 0);
	assert_int_equal(rd(I40E_QRX_ENA(r->q)), 0);
	rte_memzone_free(r->desc_mz);
	rte_memzone_free(r->buf_mz);
}

static uint64_t qword(const struct ring *r, unsigned int i, unsigned int w)
{
	const rte_le64_t *d = (const rte_le64_t *)((const uint8_t *)r->desc_mz->addr + i * r->desc_size);

	return rte_le_to_cpu_64(d[w]);
}

static const uint8_t *buf(const struct ring *r, unsigned int i)
{
	return (const uint8_t *)r->buf_mz->addr + (size_t)i * BUFSZ;
}

static const struct pkt_gen_config gen_cfg = {
	.count = 0, .min_len = 60, .max_len = 9000, .flows = 16, .seed = 7,
	.dst_mac = { 0x02, 0x72, 0x74, 0x65, 0, 0 }, .src_mac = { 0x02, 0, 0, 0, 0, 1 },
};

/* Frames of at most 1500 bytes, for single-buffer cases. */
static const struct pkt_gen_config small_cfg = {
	.count = 0, .min_len = 60, .max_len = 1500, .flows = 256, .seed = 9,
	.dst_mac = { 0x02, 0x72, 0x74, 0x65, 0, 0 }, .src_mac = { 0x02, 0, 0, 0, 0, 1 },
};

/* ---- tests ------------------------------------------------------------- */

static void test_pci_identity(void **state)
{
	struct hal_pci_device pci[4];

	(void)state;
	assert_int_equal(hal_pci_scan(pci, 4), 1);
	assert_int_equal(pci[0].vendor_id, 0x8086);
	assert_int_equal(pci[0].device_id, 0x1572);
	assert_int_equal(bar.len, I40E_BAR0_LEN);
	assert_int_equal(hal_pci_map_bar(&pci[0], 2, &(struct hal_bar){ 0 }), -ENODEV);
	/* outside the BAR or misaligned: all ones */
	assert_int_equal(rd(I40E_BAR0_LEN), UINT32_MAX);
	assert_int_equal(rd(I40E_QRX_ENA(0) + 1), UINT32_MAX);
	/* the MAC address in PRTGL_SAL/SAH */
	assert_int_equal(rd(I40E_PRTGL_SAL), 0x65747202u);
	assert_int_equal(rd(I40E_PRTGL_SAH), 0x0000u);
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
	assert_int_equal(rd(I40E_PFGEN_CTRL) & I40E_PFGEN_CTRL_PFSWR, 0);
}

static void test_context_roundtrip_and_miss(void **state)
{
	uint8_t ctx[32];

	(void)state;
	for (int i = 0; i < 32; i++)
		ctx[i] = (uint8_t)(i * 7 + 1);
	write_ctx(5, ctx);
	for (unsigned int line = 0; line < 2; line++) {
		wr(I40E_PFCM_LANCTXCTL, 5u | line << 12 | 0u << 17); /* read */
		assert_int_equal(rd(I40E_PFCM_LANCTXSTAT), I40E_PFCM_LANCTXSTAT_CTX_DONE);
		for (unsigned int i = 0; i < 4; i++) {
			const uint8_t *b = ctx + 16 * line + 4 * i;

			assert_int_equal(rd(I40E_PFCM_LANCTXDATA(i)),
					 (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
					 (uint32_t)b[3] << 24);
		}
	}
	/* a queue the device does not have, a third sub-line, a tx context */
	wr(I40E_PFCM_LANCTXCTL, 4000u | 1u << 17);
	assert_true(rd(I40E_PFCM_LANCTXSTAT) & I40E_PFCM_LANCTXSTAT_CTX_MISS);
	wr(I40E_PFCM_LANCTXCTL, 1u | 2u << 12 | 1u << 17);
	assert_true(rd(I40E_PFCM_LANCTXSTAT) & I40E_PFCM_LANCTXSTAT_CTX_MISS);
	wr(I40E_PFCM_LANCTXCTL, 1u | 1u << 15 | 1u << 17);
	assert_true(rd(I40E_PFCM_LANCTXSTAT) & I40E_PFCM_LANCTXSTAT_CTX_MISS);
	/* a zeroed context does not run */
	memset(ctx, 0, sizeof(ctx));
	write_ctx(6, ctx);
	wr(I40E_QRX_ENA(6), I40E_QRX_ENA_QENA_REQ);
	assert_int_equal(rd(I40E_QRX_ENA(6)), I40E_QRX_ENA_QENA_REQ);
	wr(I40E_QRX_ENA(6), 0);
}

static void check_frame(const struct ring *r, unsigned int first, const uint8_t *frame,
			uint32_t len)
{
	uint32_t off = 0;
	unsigned int i = first;

	while (off < len) {
		uint64_t qw1 = qword(r, i, 1);
		uint32_t chunk = len - off < BUFSZ ? len - off : BUFSZ;

		assert_true(qw1 & I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_DD));
		assert_int_equal((qw1 & I40E_RXD_QW1_LENGTH_PBUF_MASK) >> I40E_RXD_QW1_LENGTH_PBUF_SHIFT,
				 chunk);
		assert_int_equal(!!(qw1 & I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_EOP)),
				 off + chunk == len);
		assert_int_equal(qw1 & I40E_RXD_QW1_ERROR_MASK, 0);
		assert_int_equal((qw1 & I40E_RXD_QW1_PTYPE_MASK) >> I40E_RXD_QW1_PTYPE_SHIFT,
				 I40E_PTYPE_IPV4_UDP);
		assert_int_equal((qw1 >> I40E_RX_DESC_STATUS_FLTSTAT_SHIFT) & 3,
				 I40E_RX_DESC_FLTSTAT_RSS_HASH);
		assert_memory_equal(buf(r, i), frame + off, chunk);
		/* nothing past the frame's bytes in the buffer */
		if (chunk < BUFSZ)
			assert_int_equal(buf(r, i)[chunk], 0xee);
		off += chunk;
		i = (i + 1) % NDESC;
	}
}

static void test_rx_32byte_and_split(void **state)
{
	uint8_t frame[PKT_SOURCE_MAX_FRAME];
	struct sim_i40e_queue_stats st;
	struct ring r;
	int len;

	(void)state;
	ring_up(&r, 0, 32, 9728);
	len = pkt_gen_frame(&gen_cfg, 3, frame, sizeof(frame));
	assert_true(len > 0);
	/* a 60-byte frame: one descriptor */
	assert_int_equal(sim_i40e_receive(dev, frame, 60), SIM_I40E_RX_OK);
	assert_int_equal(rd(I40E_SIM_QRX_HEAD(0)), 1);
	/* a 5000-byte frame over three 2048-byte buffers */
	memset(frame + 60, 0x5a, 5000 - 60);
	assert_int_equal(sim_i40e_receive(dev, frame, 5000), SIM_I40E_RX_OK);
	assert_int_equal(rd(I40E_SIM_QRX_HEAD(0)), 4);
	check_frame(&r, 0, frame, 60);
	check_frame(&r, 1, frame, 5000);
	/* the RSS hash in qword0's high half matches the one the device used */
	assert_int_equal(qword(&r, 3, 0) >> 32, qword(&r, 0, 0) >> 32); /* same flow */
	assert_int_not_equal(qword(&r, 0, 0) >> 32, 0);
	assert_int_equal(qword(&r, 1, 2), 0);
	assert_int_equal(qword(&r, 1, 3), 0);
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &st), 0);
	assert_int_equal(st.packets, 2);
	assert_int_equal(st.bytes, 5060);
	assert_int_equal(rd(I40E_GLV_UPRCL(0)), 2);
	assert_int_equal(rd(I40E_GLV_GORCL(0)), 5060);
	ring_down(&r);
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
}

static void test_rx_16byte(void **state)
{
	uint8_t frame[1500];
	struct ring r;
	int len;

	(void)state;
	ring_up(&r, 0, 16, 9728);
	len = pkt_gen_frame(&small_cfg, 11, frame, sizeof(frame));
	assert_true(len > 0);
	assert_int_equal(sim_i40e_receive(dev, frame, (uint32_t)len), SIM_I40E_RX_OK);
	check_frame(&r, 0, frame, (uint32_t)len);
	/* the next 16-byte descriptor is untouched: its pkt_addr is still there */
	assert_int_equal(qword(&r, 1, 0), r.buf_mz->iova + BUFSZ);
	assert_int_equal(qword(&r, 1, 1), 0);
	ring_down(&r);
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
}

/*
 * Flow director perfect filters (sim_i40e_fdir_add): a frame of the
 * filter's flow completes with FLM and the filter's id, in qword3 with
 * FLEXBH = FD_ID beside the RSS hash (32-byte descriptors), or in qword0
 * instead of the hash with FLTSTAT = FD_ID (16-byte); another flow's
 * (another UDP port) without. Non-IP frames cannot be filtered, and there
 * is room for SIM_I40E_FDIR_MAX filters.
 */
static void test_fdir_perfect_filter(void **state)
{
	const uint64_t flm = I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_FLM);
	uint8_t frame[1500], other[1500], arp[60] = { 0 };
	struct ring r;
	int len;

	(void)state;
	len = pkt_gen_frame(&small_cfg, 11, frame, sizeof(frame));
	assert_true(len > 0);
	memcpy(other, frame, (size_t)len);
	other[14 + 20 + 3] ^= 1; /* the UDP destination port */
	arp[12] = 0x08;
	arp[13] = 0x06;
	assert_int_equal(sim_i40e_fdir_add(dev, arp, sizeof(arp), 1), -EINVAL);
	assert_int_equal(sim_i40e_fdir_add(dev, frame, (uint32_t)len, 0xabc123), 0);

	ring_up(&r, 0, 32, 9728);
	assert_int_equal(sim_i40e_receive(dev, frame, (uint32_t)len), SIM_I40E_RX_OK);
	assert_int_equal(sim_i40e_receive(dev, other, (uint32_t)len), SIM_I40E_RX_OK);
	assert_true(qword(&r, 0, 1) & flm);
	assert_int_equal((qword(&r, 0, 1) >> I40E_RX_DESC_STATUS_FLTSTAT_SHIFT) & 3,
			 I40E_RX_DESC_FLTSTAT_RSS_HASH);
	assert_int_not_equal(qword(&r, 0, 0) >> 32, 0);
	assert_int_equal((qword(&r, 0, 2) >> I40E_RX_DESC_EXT_STATUS_FLEXBH_SHIFT) &
			 I40E_RX_DESC_EXT_STATUS_FLEXBH_MASK, I40E_RX_DESC_EXT_STATUS_FLEXBH_FD_ID);
	assert_int_equal(qword(&r, 0, 3), 0xabc123ULL << 32);
	assert_false(qword(&r, 1, 1) & flm);
	assert_int_equal(qword(&r, 1, 2), 0);
	assert_int_equal(qword(&r, 1, 3), 0);
	ring_down(&r);
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);

	ring_up(&r, 0, 16, 9728);
	assert_int_equal(sim_i40e_receive(dev, frame, (uint32_t)len), SIM_I40E_RX_OK);
	assert_true(qword(&r, 0, 1) & flm);
	assert_int_equal((qword(&r, 0, 1) >> I40E_RX_DESC_STATUS_FLTSTAT_SHIFT) & 3,
			 I40E_RX_DESC_FLTSTAT_FD_ID);
	assert_int_equal(qword(&r, 0, 0) >> 32, 0xabc123);
	ring_down(&r);
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);

	for (unsigned int i = 1; i < SIM_I40E_FDIR_MAX; i++)
		assert_int_equal(sim_i40e_fdir_add(dev, other, (uint32_t)len, i), 0);
	assert_int_equal(sim_i40e_fdir_add(dev, other, (uint32_t)len, 99), -ENOSPC);
	sim_i40e_fdir_clear(dev);
	assert_int_equal(sim_i40e_fdir_add(dev, other, (uint32_t)len, 99), 0);
	sim_i40e_fdir_clear(dev);
}

static void test_no_descriptor_drops(void **state)
{
	uint8_t frame[3000];
	struct sim_i40e_queue_stats st0, st;
	uint32_t rdpc0 = rd(I40E_GLV_RDPC(0));
	uint32_t drop0 = rd(I40E_SIM_QRX_DROP(0));
	struct ring r;

	(void)state;
	memset(frame, 0x11, sizeof(frame));
	assert_true(pkt_gen_frame(&small_cfg, 1, frame, sizeof(frame)) > 0);
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &st0), 0);
	/* a disabled queue drops */
	assert_int_equal(sim_i40e_receive(dev, frame, 100), SIM_I40E_RX_NO_DESC);
	ring_up(&r, 0, 32, 9728);
	for (int i = 0; i < NDESC + 10; i++)
		sim_i40e_receive(dev, frame, 100);
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &st), 0);
	assert_int_equal(st.packets - st0.packets, NDESC - 1); /* tail = NDESC - 1: one stays empty */
	assert_int_equal(st.drops - st0.drops, 1 + 11);
	assert_int_equal(rd(I40E_SIM_QRX_DROP(0)) - drop0, 1 + 11);
	assert_int_equal(rd(I40E_GLV_RDPC(0)) - rdpc0, 1 + 11);
	/* descriptor NDESC - 1 was never written */
	assert_int_equal(qword(&r, NDESC - 1, 1), 0);
	/* the driver returns 10 descriptors: 10 more frames fit */
	rearm(&r, 0, 10);
	wr(I40E_QRX_TAIL(0), 9);
	for (int i = 0; i < 12; i++)
		sim_i40e_receive(dev, frame, 100);
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &st), 0);
	assert_int_equal(st.packets - st0.packets, NDESC - 1 + 10);
	assert_int_equal(rd(I40E_SIM_QRX_HEAD(0)), 9);
	/* a frame needing more descriptors than are free is dropped whole */
	wr(I40E_QRX_TAIL(0), 10);
	assert_int_equal(sim_i40e_receive(dev, frame, 3000), SIM_I40E_RX_NO_DESC);
	assert_int_equal(rd(I40E_SIM_QRX_HEAD(0)), 9);
	assert_int_equal(sim_i40e_receive(dev, frame, 100), SIM_I40E_RX_OK);
	assert_int_equal(rd(I40E_SIM_QRX_HEAD(0)), 10);
	ring_down(&r);
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
}

static void test_bad_addresses(void **state)
{
	uint8_t frame[3000];
	struct sim_i40e_queue_stats st;
	struct ring r;
	rte_le64_t *d;
	uint8_t ctx[32] = { 0 };

	struct sim_i40e_queue_stats st0;
	uint32_t dmaerr0 = rd(I40E_SIM_QRX_DMAERR(0));

	(void)state;
	memset(frame, 0x42, sizeof(frame));
	assert_true(pkt_gen_frame(&small_cfg, 2, frame, sizeof(frame)) > 0);
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &st0), 0);
	ring_up(&r, 0, 32, 9728);
	/* descriptor 0: an address outside every pool page */
	d = r.desc_mz->addr;
	d[0] = rte_cpu_to_le_64(0xdead00000000ULL);
	assert_int_equal(sim_i40e_receive(dev, frame, 100), SIM_I40E_RX_DMA_ERROR);
	assert_true(qword(&r, 0, 1) & I40E_RXD_ERROR_BIT(I40E_RX_DESC_ERROR_RXE));
	assert_true(qword(&r, 0, 1) & I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_EOP));
	assert_int_equal(qword(&r, 0, 1) & I40E_RXD_QW1_LENGTH_PBUF_MASK, 0);
	assert_int_equal(rd(I40E_SIM_QRX_DMAERR(0)) - dmaerr0, 1);
	/* second buffer of a two-buffer frame is bad: the whole frame is lost */
	d = (rte_le64_t *)((uint8_t *)r.desc_mz->addr + 2 * 32);
	d[0] = rte_cpu_to_le_64(r.buf_mz->iova + (uint64_t)NDESC * BUFSZ + (1ULL << 40));
	assert_int_equal(sim_i40e_receive(dev, frame, 3000), SIM_I40E_RX_DMA_ERROR);
	assert_true(qword(&r, 1, 1) & I40E_RXD_ERROR_BIT(I40E_RX_DESC_ERROR_RXE));
	assert_true(qword(&r, 2, 1) & I40E_RXD_ERROR_BIT(I40E_RX_DESC_ERROR_RXE));
	/* the queue goes on */
	assert_int_equal(sim_i40e_receive(dev, frame, 100), SIM_I40E_RX_OK);
	check_frame(&r, 3, frame, 100);
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &st), 0);
	assert_int_equal(st.dma_errors - st0.dma_errors, 2);
	assert_int_equal(st.packets - st0.packets, 1);
	ring_down(&r);

	/* a ring base that does not translate: nothing completes, head stays */
	ctx_put(ctx, I40E_RXQ_CTX_BASE_LSB, I40E_RXQ_CTX_BASE_W, 0x7f0000000ULL);
	ctx_put(ctx, I40E_RXQ_CTX_QLEN_LSB, I40E_RXQ_CTX_QLEN_W, 64);
	ctx_put(ctx, I40E_RXQ_CTX_DBUFF_LSB, I40E_RXQ_CTX_DBUFF_W, 16);
	ctx_put(ctx, I40E_RXQ_CTX_DSIZE_LSB, 1, 1);
	ctx_put(ctx, I40E_RXQ_CTX_RXMAX_LSB, I40E_RXQ_CTX_RXMAX_W, 1518);
	write_ctx(0, ctx);
	wr(I40E_QRX_TAIL(0), 63);
	wr(I40E_QRX_ENA(0), I40E_QRX_ENA_QENA_REQ);
	assert_int_equal(sim_i40e_receive(dev, frame, 100), SIM_I40E_RX_DMA_ERROR);
	assert_int_equal(rd(I40E_SIM_QRX_HEAD(0)), 0);
	/* larger than RXMAX */
	assert_int_equal(sim_i40e_receive(dev, frame, 1600), SIM_I40E_RX_OVERSIZE);
	wr(I40E_QRX_ENA(0), 0);
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
}

static void test_rss_lut(void **state)
{
	uint8_t frame[1500];
	unsigned int seen[4] = { 0 };

	(void)state;
	for (uint32_t i = 0; i < I40E_PFQF_HLUT_REGS; i++)
		wr(I40E_PFQF_HLUT(i), 0x03020100u);
	assert_int_equal(rd(I40E_PFQF_HLUT(5)), 0x03020100u);
	for (uint64_t f = 0; f < 256; f++) {
		assert_true(pkt_gen_frame(&small_cfg, f, frame, sizeof(frame)) > 0);
		seen[sim_i40e_rss_queue(dev, frame, 100)]++;
	}
	for (int q = 0; q < 4; q++)
		assert_true(seen[q] > 20);
	/* a non-IP frame is not hashed: queue 0 */
	memset(frame, 0, sizeof(frame));
	frame[12] = 0x88;
	frame[13] = 0xb5;
	assert_int_equal(sim_i40e_rss_queue(dev, frame, 64), 0);
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
	assert_int_equal(rd(I40E_PFQF_HLUT(5)), 0);
}

/*
 * The RSS hash against Microsoft's published Toeplitz verification vectors
 * ("Verifying the RSS Hash Calculation"): the device's power-on key is that
 * suite's key, so an IPv4 frame must hash to the published value for the
 * addresses alone and, for TCP, for addresses and ports. Read back from the
 * write-back descriptor (qword0 bits 63:32), as the driver reads it.
 */
struct toeplitz_vector {
	uint8_t src[4], dst[4];
	uint16_t sport, dport;
	uint32_t hash_ip, hash_tcp;
};

static const struct toeplitz_vector ms_vectors[] = {
	{ { 66, 9, 149, 187 }, { 161, 142, 100, 80 }, 2794, 1766, 0x323e8fc2, 0x51ccc178 },
	{ { 199, 92, 111, 2 }, { 65, 69, 140, 83 }, 14230, 4739, 0xd718262a, 0xc626b0ea },
	{ { 24, 19, 198, 95 }, { 12, 22, 207, 184 }, 12898, 38024, 0xd2d0a5de, 0x5c2b394a },
	{ { 38, 27, 205, 30 }, { 209, 142, 163, 6 }, 48228, 2217, 0x82989176, 0xafc7327f },
	{ { 153, 39, 163, 191 }, { 202, 188, 127, 2 }, 44251, 1303, 0x5d1809c5, 0x10e828a2 },
};

/* Ethernet + IPv4 (valid header checksum) + 20 bytes of L4, 60 bytes. */
static void ipv4_frame(uint8_t *f, const struct toeplitz_vector *v, uint8_t proto)
{
	uint16_t cksum;

	memset(f, 0, 60);
	memcpy(f, gen_cfg.dst_mac, 6);
	memcpy(f + 6, gen_cfg.src_mac, 6);
	f[12] = 0x08;
	f[14] = 0x45;
	f[17] = 40; /* total length */
	f[22] = 64;
	f[23] = proto;
	memcpy(f + 26, v->src, 4);
	memcpy(f + 30, v->dst, 4);
	cksum = rte_ipv4_cksum((const struct rte_ipv4_hdr *)(f + 14));
	memcpy(f + 24, &cksum, sizeof(cksum)); /* stored as computed, as DPDK's callers do */
	f[34] = (uint8_t)(v->sport >> 8);
	f[35] = (uint8_t)v->sport;
	f[36] = (uint8_t)(v->dport >> 8);
	f[37] = (uint8_t)v->dport;
	f[46] = 0x50; /* TCP data offset: 5 words */
}

static void test_rss_toeplitz_published_vectors(void **state)
{
	uint8_t frame[60];
	struct ring r;
	unsigned int d = 0;

	(void)state;
	ring_up(&r, 0, 32, 9728);
	for (unsigned int i = 0; i < RTE_DIM(ms_vectors); i++) {
		const struct toeplitz_vector *v = &ms_vectors[i];

		ipv4_frame(frame, v, 6);
		assert_int_equal(sim_i40e_receive(dev, frame, sizeof(frame)), SIM_I40E_RX_OK);
		assert_int_equal(qword(&r, d, 0) >> 32, v->hash_tcp);
		d++;
		ipv4_frame(frame, v, 1); /* ICMP: no ports, the addresses alone */
		assert_int_equal(sim_i40e_receive(dev, frame, sizeof(frame)), SIM_I40E_RX_OK);
		assert_int_equal(qword(&r, d, 0) >> 32, v->hash_ip);
		d++;
	}
	ring_down(&r);
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
}

/*
 * The admin send queue as firmware runs it: descriptors completed in
 * order from head to tail with DD and CMP written back, get_version
 * answered, an unknown opcode failed with ERR and ENOSYS, nothing done
 * while the queue is off, and a PF reset turning it off.
 */
static struct i40e_aq_desc *aq_slot(const struct rte_memzone *mz, unsigned int i)
{
	return (struct i40e_aq_desc *)mz->addr + i;
}

static void test_admin_queue(void **state)
{
	const struct rte_memzone *mz =
		rte_memzone_reserve_aligned("t_atq", 4 * 32, 0, RTE_MEMZONE_IOVA_CONTIG, 64);
	struct i40e_aq_desc *d;

	(void)state;
	assert_non_null(mz);
	memset(mz->addr, 0xa5, 4 * 32);
	d = aq_slot(mz, 0);
	memset(d, 0, 2 * sizeof(*d));
	d[0].opcode = rte_cpu_to_le_16(I40E_AQC_OPC_GET_VERSION);
	d[1].opcode = rte_cpu_to_le_16(0x0fff);
	d[1].params.generic.param0 = rte_cpu_to_le_32(0x12345678);

	wr(I40E_PF_ATQBAL, (uint32_t)mz->iova);
	wr(I40E_PF_ATQBAH, (uint32_t)(mz->iova >> 32));
	wr(I40E_PF_ATQLEN, 4); /* not enabled: firmware ignores the tail */
	wr(I40E_PF_ATQT, 1);
	assert_int_equal(rd(I40E_PF_ATQH), 0);
	assert_int_equal(rte_le_to_cpu_16(d[0].flags), 0);

	wr(I40E_PF_ATQLEN, 4 | I40E_PF_AQLEN_ENABLE);
	assert_int_equal(rd(I40E_PF_ATQBAL), (uint32_t)mz->iova);
	wr(I40E_PF_ATQT, 2);
	assert_int_equal(rd(I40E_PF_ATQH), 2);
	assert_int_equal(rte_le_to_cpu_16(d[0].flags), I40E_AQ_FLAG_DD | I40E_AQ_FLAG_CMP);
	assert_int_equal(rte_le_to_cpu_16(d[0].retval), 0);
	assert_int_equal(rte_le_to_cpu_16(d[0].params.version.api_major), I40E_FW_API_VERSION_MAJOR);
	assert_true(rte_le_to_cpu_16(d[0].params.version.fw_major) > 0);
	assert_int_equal(rte_le_to_cpu_16(d[1].flags),
			 I40E_AQ_FLAG_DD | I40E_AQ_FLAG_CMP | I40E_AQ_FLAG_ERR);
	assert_int_equal(rte_le_to_cpu_16(d[1].retval), I40E_AQ_RC_ENOSYS);
	assert_int_equal(rte_le_to_cpu_32(d[1].params.generic.param0), 0x12345678);
	/* the slots after the tail were not touched */
	assert_int_equal(aq_slot(mz, 2)->flags, 0xa5a5);

	/* the tail wraps: slots 2, 3 and 0 */
	for (unsigned int i = 2; i < 4; i++) {
		memset(aq_slot(mz, i), 0, sizeof(*d));
		aq_slot(mz, i)->opcode = rte_cpu_to_le_16(I40E_AQC_OPC_GET_VERSION);
	}
	memset(aq_slot(mz, 0), 0, sizeof(*d));
	aq_slot(mz, 0)->opcode = rte_cpu_to_le_16(I40E_AQC_OPC_GET_VERSION);
	sim_i40e_set_fw_api(dev, 2, 3);
	wr(I40E_PF_ATQT, 1);
	assert_int_equal(rd(I40E_PF_ATQH), 1);
	for (unsigned int i = 0; i < 4; i++)
		if (i != 1)
			assert_int_equal(rte_le_to_cpu_16(aq_slot(mz, i)->params.version.api_major), 2);
	assert_int_equal(rte_le_to_cpu_16(aq_slot(mz, 0)->params.version.api_minor), 3);

	/* a PF reset turns the queue off and clears its registers */
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
	assert_int_equal(rd(I40E_PF_ATQLEN), 0);
	assert_int_equal(rd(I40E_PF_ATQBAL), 0);
	assert_int_equal(rd(I40E_PF_ATQH), 0);
	sim_i40e_set_fw_api(dev, I40E_FW_API_VERSION_MAJOR, 15);
	rte_memzone_free(mz);
}

/* The driver's set-up: it learns the firmware's version, and refuses a
 * newer admin queue API leaving no ring and no queue behind. */
static void test_driver_admin_queue_init(void **state)
{
	struct i40e_adapter ad;
	struct i40e_aq_desc d;

	(void)state;
	memset(&ad, 0x5a, sizeof(ad));
	ad.bar = bar;
	assert_int_equal(i40e_aq_init(&ad, 77), 0);
	assert_non_null(rte_memzone_lookup("i40e_p77_atq"));
	assert_int_equal(ad.aq.api_major, I40E_FW_API_VERSION_MAJOR);
	assert_int_equal(rd(I40E_PF_ATQH), 1);
	memset(&d, 0, sizeof(d));
	d.opcode = rte_cpu_to_le_16(0x0fff);
	assert_int_equal(i40e_aq_send(&ad, &d), -EIO);
	assert_int_equal(rte_le_to_cpu_16(d.retval), I40E_AQ_RC_ENOSYS);
	i40e_aq_shutdown(&ad);
	assert_null(rte_memzone_lookup("i40e_p77_atq"));
	assert_int_equal(rd(I40E_PF_ATQLEN), 0);
	assert_int_equal(i40e_aq_send(&ad, &d), -ENODEV);

	sim_i40e_set_fw_api(dev, I40E_FW_API_VERSION_MAJOR + 1, 0);
	memset(&ad, 0x5a, sizeof(ad));
	ad.bar = bar;
	assert_int_equal(i40e_aq_init(&ad, 77), -ENOTSUP);
	assert_null(rte_memzone_lookup("i40e_p77_atq"));
	assert_int_equal(rd(I40E_PF_ATQLEN), 0);
	sim_i40e_set_fw_api(dev, I40E_FW_API_VERSION_MAJOR, 15);
}

static void test_auto_delivery_waits(void **state)
{
	struct pkt_gen_config cfg = gen_cfg;
	struct sim_i40e_queue_stats st;
	uint8_t frame[PKT_SOURCE_MAX_FRAME];
	struct ring r;
	struct sim_i40e_queue_stats st0;

	(void)state;
	cfg.count = 110;
	cfg.min_len = 60;
	cfg.max_len = 1500;
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &st0), 0);
	ring_up(&r, 0, 32, 9728);
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	sim_i40e_set_auto_deliver(dev, true);
	/* a tail write delivers until the ring is full; nothing is dropped */
	wr(I40E_QRX_TAIL(0), NDESC - 1);
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &st), 0);
	assert_int_equal(st.packets - st0.packets, NDESC - 1);
	assert_int_equal(st.drops - st0.drops, 0);
	assert_false(sim_i40e_wire_empty(dev));
	/* the driver "consumes" 40 and gives them back */
	rearm(&r, 0, 40);
	wr(I40E_QRX_TAIL(0), 39);
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &st), 0);
	assert_int_equal(st.packets - st0.packets, NDESC - 1 + 40);
	/* frames 63..102 went to descriptors 63, 0..38: check frame 70 in descriptor 6 */
	assert_int_equal(pkt_gen_frame(&cfg, 70, frame, sizeof(frame)) > 0, 1);
	check_frame(&r, 6, frame, (uint32_t)pkt_gen_frame_len(&cfg, 70));
	rearm(&r, 40, 6);
	wr(I40E_QRX_TAIL(0), 46);
	assert_true(sim_i40e_wire_empty(dev));
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &st), 0);
	assert_int_equal(st.packets - st0.packets, 110);
	assert_int_equal(rd(I40E_SIM_QRX_HEAD(0)), 46);
	sim_i40e_set_auto_deliver(dev, false);
	sim_i40e_set_source(dev, NULL);
	ring_down(&r);
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
}

static void test_deliver_step_counts(void **state)
{
	struct pkt_gen_config cfg = gen_cfg;
	struct sim_i40e_queue_stats st0, st;
	struct ring r;

	(void)state;
	cfg.count = 50;
	cfg.max_len = 1500;
	ring_up(&r, 0, 32, 9728);
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &st0), 0);
	sim_i40e_set_source(dev, pkt_source_gen_create(&cfg));
	assert_int_equal(sim_i40e_deliver(dev, 20), 20);
	assert_int_equal(sim_i40e_deliver(dev, 100), 30);
	assert_int_equal(sim_i40e_deliver(dev, 100), 0);
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &st), 0);
	assert_int_equal(st.packets - st0.packets, 50);
	sim_i40e_set_source(dev, NULL);
	ring_down(&r);
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
}

/* ---- packet sources ------------------------------------------------------ */

static void test_generator(void **state)
{
	uint8_t a[PKT_SOURCE_MAX_FRAME], b[PKT_SOURCE_MAX_FRAME];
	struct pkt_gen_config cfg = gen_cfg;
	const uint32_t sizes[] = { 60, 1514, 9000 };
	struct pkt_source *src;
	uint32_t len;

	(void)state;
	for (uint64_t i = 0; i < 50; i++) {
		int la = pkt_gen_frame(&cfg, i, a, sizeof(a));
		int lb = pkt_gen_frame(&cfg, i, b, sizeof(b));

		assert_true(la >= 60 && la <= 9000);
		assert_int_equal(la, lb);
		assert_memory_equal(a, b, (size_t)la);
		assert_int_equal(pkt_gen_frame_index(a, (uint32_t)la), (int64_t)i);
	}
	assert_int_equal(pkt_gen_frame(&cfg, 0, a, 10), -EMSGSIZE);
	cfg.flows = 0;
	assert_int_equal(pkt_gen_frame(&cfg, 0, a, sizeof(a)), -EINVAL);
	assert_null(pkt_source_gen_create(&cfg));
	cfg = gen_cfg;
	cfg.sizes = sizes;
	cfg.n_sizes = 3;
	cfg.count = 4;
	src = pkt_source_gen_create(&cfg);
	assert_non_null(src);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pkt_source_next(src, a, sizeof(a), &len), 1);
		assert_int_equal(len, sizes[i % 3]);
	}
	assert_int_equal(pkt_source_next(src, a, sizeof(a), &len), 0);
	assert_int_equal(pkt_source_position(src), 4);
	pkt_source_free(src);
}

static void test_pcap_roundtrip(void **state)
{
	uint8_t a[PKT_SOURCE_MAX_FRAME], b[PKT_SOURCE_MAX_FRAME];
	struct pkt_gen_config cfg = gen_cfg;
	char path[64];
	struct pkt_source *src;
	uint32_t len;
	int rc;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/rtemem_test_sim_i40e_%d.pcap", (int)getpid());
	cfg.count = 40;
	assert_int_equal(pkt_gen_write_pcap(&cfg, path), 0);
	src = pkt_source_pcap_open(path);
	assert_non_null(src);
	for (uint64_t i = 0; i < 40; i++) {
		int l = pkt_gen_frame(&cfg, i, a, sizeof(a));

		assert_int_equal(pkt_source_next(src, b, sizeof(b), &len), 1);
		assert_int_equal(len, (uint32_t)l);
		assert_memory_equal(a, b, len);
	}
	assert_int_equal(pkt_source_next(src, b, sizeof(b), &len), 0);
	pkt_source_free(src);
	/* a frame too large for the caller's buffer is skipped, not truncated */
	src = pkt_source_pcap_open(path);
	rc = pkt_source_next(src, b, 10, &len);
	assert_int_equal(rc, -EMSGSIZE);
	assert_int_equal(pkt_source_position(src), 1);
	pkt_source_free(src);
	unlink(path);
	assert_null(pkt_source_pcap_open("/nonexistent/x.pcap"));
	assert_null(pkt_source_pcap_open(NULL));
}

/*
 * tests/data/mixed_small.pcap was written once by pkt_gen_write_pcap with
 * this config. Reading it back must give what the generator builds now, on
 * any host: the generator's bytes do not depend on the CPU's byte order.
 */
static void test_committed_pcap_fixture(void **state)
{
	static const uint32_t sizes[] = { 60, 64, 1514, 2048, 2049, 9000 };
	const struct pkt_gen_config cfg = {
		.count = 12, .sizes = sizes, .n_sizes = 6, .flows = 8, .seed = 42,
		.dst_mac = { 0x02, 0x72, 0x74, 0x65, 0, 0 }, .src_mac = { 0x02, 0, 0, 0, 0, 1 },
	};
	uint8_t a[PKT_SOURCE_MAX_FRAME], b[PKT_SOURCE_MAX_FRAME];
	struct pkt_source *src = pkt_source_pcap_open("tests/data/mixed_small.pcap");
	uint32_t len;

	(void)state;
	if (src == NULL)
		skip(); /* not run from the source tree */
	for (uint64_t i = 0; i < cfg.count; i++) {
		int l = pkt_gen_frame(&cfg, i, a, sizeof(a));

		assert_int_equal(pkt_source_next(src, b, sizeof(b), &len), 1);
		assert_int_equal(len, (uint32_t)l);
		assert_int_equal(len, sizes[i % 6]);
		assert_memory_equal(a, b, len);
	}
	assert_int_equal(pkt_source_next(src, b, sizeof(b), &len), 0);
	pkt_source_free(src);
}


/* ---- more registers and the test API's edges ------------------------------ */

static void test_register_edges(void **state)
{
	struct ring r;
	uint8_t ctx[32] = { 0 };
	uint8_t frame[100];

	(void)state;
	/* registers the model does not have read 0 and ignore writes */
	assert_int_equal(rd(0x00000004), 0);
	wr(0x00000004, 0xffffffffu);
	assert_int_equal(rd(0x00000004), 0);
	/* the high halves of the 48-bit VSI counters */
	assert_int_equal(rd(I40E_GLV_GORCH(0)), 0);
	assert_int_equal(rd(I40E_GLV_UPRCL(0) + 4), 0);

	ring_up(&r, 3, 32, 9728);
	assert_int_equal(rd(I40E_QRX_TAIL(3)), NDESC - 1);
	/* a tail past the ring is ignored */
	wr(I40E_QRX_TAIL(3), NDESC + 5);
	assert_int_equal(rd(I40E_QRX_TAIL(3)), NDESC - 1);
	wr(I40E_QRX_TAIL(3), 7);
	assert_int_equal(rd(I40E_QRX_TAIL(3)), 7);
	ring_down(&r);

	/* header split (DTYPE != 0) is not modelled: the queue never runs */
	ctx_put(ctx, I40E_RXQ_CTX_QLEN_LSB, I40E_RXQ_CTX_QLEN_W, NDESC);
	ctx_put(ctx, I40E_RXQ_CTX_DBUFF_LSB, I40E_RXQ_CTX_DBUFF_W, BUFSZ / 128);
	ctx_put(ctx, I40E_RXQ_CTX_RXMAX_LSB, I40E_RXQ_CTX_RXMAX_W, 1518);
	ctx_put(ctx, I40E_RXQ_CTX_DTYPE_LSB, I40E_RXQ_CTX_DTYPE_W, 1);
	write_ctx(0, ctx);
	wr(I40E_QRX_ENA(0), I40E_QRX_ENA_QENA_REQ);
	assert_int_equal(rd(I40E_QRX_ENA(0)), I40E_QRX_ENA_QENA_REQ);
	memset(frame, 0, sizeof(frame));
	assert_int_equal(sim_i40e_receive(dev, frame, sizeof(frame)), SIM_I40E_RX_NO_DESC);
	wr(I40E_QRX_ENA(0), 0);
	assert_int_equal(rd(I40E_QRX_ENA(0)), 0);
}

static void test_api_without_device(void **state)
{
	struct sim_i40e_queue_stats st;
	uint8_t frame[64] = { 0 };

	(void)state;
	sim_i40e_set_source(NULL, NULL);
	sim_i40e_set_auto_deliver(NULL, true);
	assert_int_equal(sim_i40e_deliver(NULL, 5), 0);
	assert_int_equal(sim_i40e_receive(NULL, frame, 64), SIM_I40E_RX_OVERSIZE);
	assert_int_equal(sim_i40e_receive(dev, NULL, 64), SIM_I40E_RX_OVERSIZE);
	assert_int_equal(sim_i40e_queue_stats(NULL, 0, &st), -EINVAL);
	assert_int_equal(sim_i40e_queue_stats(dev, 0, NULL), -EINVAL);
	assert_int_equal(sim_i40e_queue_stats(dev, I40E_SIM_MAX_RX_QUEUES, &st), -EINVAL);
	assert_int_equal(sim_i40e_rss_queue(NULL, frame, 64), 0);
	assert_int_equal(sim_i40e_rss_queue(dev, NULL, 64), 0);
	assert_true(sim_i40e_wire_empty(NULL));
	assert_null(sim_i40e_get(1));
}

/* A frame longer than any buffer is lost on the wire and counted. */
static void test_oversize_frame_on_wire(void **state)
{
	static uint8_t big[PKT_SOURCE_MAX_FRAME + 100], small[60];
	const uint8_t *frames[] = { big, small };
	const uint32_t lens[] = { sizeof(big), sizeof(small) };
	struct sim_i40e_queue_stats before, after;

	(void)state;
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &before), 0);
	sim_i40e_set_source(dev, pkt_source_mem_create(frames, lens, 2));
	/* both leave the wire: one too long, one for a disabled queue */
	assert_int_equal(sim_i40e_deliver(dev, 10), 2);
	assert_true(sim_i40e_wire_empty(dev));
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &after), 0);
	assert_int_equal(after.oversize - before.oversize, 1);
	assert_int_equal(after.drops - before.drops, 1);
	sim_i40e_set_source(dev, NULL);
}

/* ---- packet source edges -------------------------------------------------- */

static void test_generator_bad_configs(void **state)
{
	const uint32_t short_size[] = { 60, 59 };
	const uint32_t long_size[] = { 9729 };
	struct pkt_gen_config cfg = gen_cfg;
	uint8_t f[64];
	uint32_t len;

	(void)state;
	cfg.sizes = short_size;
	cfg.n_sizes = 0;
	assert_int_equal(pkt_gen_frame_len(&cfg, 0), -EINVAL);
	cfg.n_sizes = 2;
	assert_int_equal(pkt_gen_frame_len(&cfg, 0), -EINVAL);
	cfg.sizes = long_size;
	cfg.n_sizes = 1;
	assert_int_equal(pkt_gen_frame_len(&cfg, 0), -EINVAL);
	cfg = gen_cfg;
	cfg.min_len = 59;
	assert_int_equal(pkt_gen_frame_len(&cfg, 0), -EINVAL);
	cfg.min_len = 60;
	cfg.max_len = 9729;
	assert_int_equal(pkt_gen_frame_len(&cfg, 0), -EINVAL);
	cfg.min_len = 200;
	cfg.max_len = 100;
	assert_int_equal(pkt_gen_frame_len(&cfg, 0), -EINVAL);
	errno = 0;
	assert_null(pkt_source_gen_create(&cfg));
	assert_int_equal(errno, EINVAL);
	assert_null(pkt_source_gen_create(NULL));
	assert_int_equal(pkt_gen_frame_len(NULL, 0), -EINVAL);
	cfg.min_len = cfg.max_len = 60;
	assert_int_equal(pkt_gen_frame(&cfg, 0, NULL, 100), -EMSGSIZE);
	assert_int_equal(pkt_gen_frame(&cfg, 5, f, sizeof(f)), 60);
	assert_int_equal(pkt_gen_frame_index(f, 60), 5);
	assert_int_equal(pkt_gen_frame_index(f, 49), -1);
	assert_int_equal(pkt_gen_frame_index(NULL, 60), -1);

	assert_int_equal(pkt_source_next(NULL, f, sizeof(f), &len), -EINVAL);
	assert_int_equal(pkt_source_position(NULL), 0);
	pkt_source_free(NULL);
}

static void test_memory_source(void **state)
{
	static const uint8_t a[60] = { 1 }, b[200] = { 2 }, c[61] = { 3 };
	const uint8_t *const frames[] = { a, b, c };
	const uint32_t lens[] = { sizeof(a), sizeof(b), sizeof(c) };
	struct pkt_source *src;
	uint8_t out[100];
	uint32_t len;

	(void)state;
	errno = 0;
	assert_null(pkt_source_mem_create(NULL, lens, 1));
	assert_int_equal(errno, EINVAL);
	assert_null(pkt_source_mem_create(frames, NULL, 1));
	src = pkt_source_mem_create(NULL, NULL, 0);
	assert_non_null(src);
	assert_int_equal(pkt_source_next(src, out, sizeof(out), &len), 0);
	pkt_source_free(src);

	src = pkt_source_mem_create(frames, lens, 3);
	assert_non_null(src);
	assert_int_equal(pkt_source_next(src, out, sizeof(out), NULL), -EINVAL);
	assert_int_equal(pkt_source_next(src, NULL, sizeof(out), &len), -EINVAL);
	assert_int_equal(pkt_source_next(src, out, sizeof(out), &len), 1);
	assert_int_equal(len, 60);
	assert_memory_equal(out, a, 60);
	/* too long for the buffer: skipped, still counted as taken */
	assert_int_equal(pkt_source_next(src, out, sizeof(out), &len), -EMSGSIZE);
	assert_int_equal(pkt_source_position(src), 2);
	assert_int_equal(pkt_source_next(src, out, sizeof(out), &len), 1);
	assert_int_equal(len, 61);
	assert_memory_equal(out, c, 61);
	assert_int_equal(pkt_source_next(src, out, sizeof(out), &len), 0);
	assert_int_equal(pkt_source_position(src), 3);
	pkt_source_free(src);
}

static void test_pcap_errors(void **state)
{
	struct pkt_gen_config cfg = gen_cfg;
	uint8_t frame[PKT_SOURCE_MAX_FRAME];
	struct pcap_pkthdr hdr;
	struct pkt_source *src;
	pcap_dumper_t *dumper;
	pcap_t *dead;
	char path[64];
	uint32_t len;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/rtemem_test_sim_i40e_err_%d.pcap", (int)getpid());
	cfg.count = 0;
	assert_int_equal(pkt_gen_write_pcap(&cfg, path), -EINVAL);
	cfg.count = 2;
	assert_int_equal(pkt_gen_write_pcap(&cfg, NULL), -EINVAL);
	assert_int_equal(pkt_gen_write_pcap(NULL, path), -EINVAL);
	assert_int_equal(pkt_gen_write_pcap(&cfg, "/nonexistent/dir/x.pcap"), -EIO);

	/* cut inside the second frame: the first reads, the second is an error */
	assert_int_equal(pkt_gen_write_pcap(&cfg, path), 0);
	assert_int_equal(truncate(path, 24 + 16 + pkt_gen_frame_len(&cfg, 0) + 16 + 10), 0);
	src = pkt_source_pcap_open(path);
	assert_non_null(src);
	assert_int_equal(pkt_source_next(src, frame, sizeof(frame), &len), 1);
	assert_int_equal(len, (uint32_t)pkt_gen_frame_len(&cfg, 0));
	assert_int_equal(pkt_source_next(src, frame, sizeof(frame), &len), -EIO);
	pkt_source_free(src);

	/* a capture of raw IP, not Ethernet */
	dead = pcap_open_dead(DLT_RAW, 65535);
	assert_non_null(dead);
	dumper = pcap_dump_open(dead, path);
	assert_non_null(dumper);
	memset(&hdr, 0, sizeof(hdr));
	hdr.caplen = hdr.len = 20;
	memset(frame, 0x45, 20);
	pcap_dump((u_char *)dumper, &hdr, frame);
	pcap_dump_close(dumper);
	pcap_close(dead);
	errno = 0;
	assert_null(pkt_source_pcap_open(path));
	assert_int_equal(errno, EPROTONOSUPPORT);
	unlink(path);
}

/* ---- machines with other NICs ----------------------------------------------
 * These take the group's EAL down, boot their own, and bring the group's
 * back at the end (so they run last).
 */

static void test_xl710_and_two_nics(void **state)
{
	struct hal_pci_device pci[4];

	teardown(state);
	assert_true(rtetest_eal_init("--sim=nic=xl710:2") >= 0);
	assert_int_equal(hal_pci_scan(pci, 4), 2);
	assert_int_equal(pci[0].device_id, 0x1583);
	assert_int_equal(pci[1].device_id, 0x1583);
	assert_int_not_equal(pci[0].addr.bus, pci[1].addr.bus);
	assert_non_null(sim_i40e_get(1));
	assert_null(sim_i40e_get(2));
	assert_ptr_not_equal(sim_i40e_get(0), sim_i40e_get(1));
	rte_eal_cleanup();
	assert_int_equal(setup(state), 0);
}

/* --sim=pcap=FILE gives every emulated i40e its wire at creation. */
static void test_pcap_option(void **state)
{
	if (access("tests/data/mixed_small.pcap", R_OK) != 0)
		skip();
	teardown(state);
	assert_true(rtetest_eal_init("--sim=nic=x710,pcap=tests/data/mixed_small.pcap") >= 0);
	assert_false(sim_i40e_wire_empty(sim_i40e_get(0)));
	/* nothing enabled: every frame is dropped, and there are 12 */
	assert_int_equal(sim_i40e_deliver(sim_i40e_get(0), 100), 12);
	assert_true(sim_i40e_wire_empty(sim_i40e_get(0)));
	rte_eal_cleanup();

	/* a pcap that is not there: EAL does not come up, and comes up afterwards */
	assert_int_equal(rtetest_eal_init("--sim=nic=x710,pcap=/nonexistent/wire.pcap"), -1);
	assert_true(rtetest_eal_init("--sim=nic=x710") >= 0);
	assert_true(sim_i40e_wire_empty(sim_i40e_get(0)));
	rte_eal_cleanup();
	assert_int_equal(setup(state), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_committed_pcap_fixture),
		cmocka_unit_test(test_pci_identity),
		cmocka_unit_test(test_context_roundtrip_and_miss),
		cmocka_unit_test(test_rx_32byte_and_split),
		cmocka_unit_test(test_rx_16byte),
		cmocka_unit_test(test_fdir_perfect_filter),
		cmocka_unit_test(test_no_descriptor_drops),
		cmocka_unit_test(test_bad_addresses),
		cmocka_unit_test(test_rss_lut),
		cmocka_unit_test(test_rss_toeplitz_published_vectors),
		cmocka_unit_test(test_admin_queue),
		cmocka_unit_test(test_driver_admin_queue_init),
		cmocka_unit_test(test_auto_delivery_waits),
		cmocka_unit_test(test_deliver_step_counts),
		cmocka_unit_test(test_generator),
		cmocka_unit_test(test_pcap_roundtrip),
		cmocka_unit_test(test_register_edges),
		cmocka_unit_test(test_api_without_device),
		cmocka_unit_test(test_oversize_frame_on_wire),
		cmocka_unit_test(test_generator_bad_configs),
		cmocka_unit_test(test_memory_source),
		cmocka_unit_test(test_pcap_errors),
		cmocka_unit_test(test_xl710_and_two_nics),
		cmocka_unit_test(test_pcap_option),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

#else /* !RTEMEM_HAL_sim */

static void test_sim_only(void **state)
{
	(void)state;
	skip();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sim_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

#endif
