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
#include "eal_dma_map.h"
#include "i40e_adminq.h"
#include "i40e_ethdev.h"
#include "i40e_regs.h"
#include "i40e_rxd.h"
#include "pkt_source.h"
#include "sim_crc.h"
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
	/* As a driver does: the device reaches only what the IOMMU maps. */
	if (eal_dma_map_start() != 0)
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
	eal_dma_map_stop();
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

/* A ring of NDESC descriptors, each pointing at its own BUFSZ buffer, and
 * the context that describes it (not written anywhere yet). */
static void ring_prepare(struct ring *r, unsigned int q, unsigned int desc_size, uint32_t rxmax,
			 uint8_t *ctx)
{
	char name[32];

	memset(r, 0, sizeof(*r));
	memset(ctx, 0, 32);
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
}

/* Every IP hash class of the X710 (PFQF_HENA bits), as a driver asked
 * for RSS on every flow type programs them. */
#define HENA_ALL_IP                                                                          \
	(RTE_BIT64(I40E_FILTER_PCTYPE_NONF_IPV4_UDP) | RTE_BIT64(I40E_FILTER_PCTYPE_NONF_IPV4_TCP) | \
	 RTE_BIT64(I40E_FILTER_PCTYPE_NONF_IPV4_SCTP) |                                              \
	 RTE_BIT64(I40E_FILTER_PCTYPE_NONF_IPV4_OTHER) | RTE_BIT64(I40E_FILTER_PCTYPE_FRAG_IPV4) |   \
	 RTE_BIT64(I40E_FILTER_PCTYPE_NONF_IPV6_UDP) | RTE_BIT64(I40E_FILTER_PCTYPE_NONF_IPV6_TCP) | \
	 RTE_BIT64(I40E_FILTER_PCTYPE_NONF_IPV6_SCTP) |                                              \
	 RTE_BIT64(I40E_FILTER_PCTYPE_NONF_IPV6_OTHER) | RTE_BIT64(I40E_FILTER_PCTYPE_FRAG_IPV6))

static void hena_set(uint64_t hena)
{
	wr(I40E_PFQF_HENA(0), (uint32_t)hena);
	wr(I40E_PFQF_HENA(1), (uint32_t)(hena >> 32));
}

/* The ring, its context written through PFCM_LANCTX, enabled with
 * tail = NDESC - 1; every IP class hashed. */
static void ring_up(struct ring *r, unsigned int q, unsigned int desc_size, uint32_t rxmax)
{
	uint8_t ctx[32];

	hena_set(HENA_ALL_IP);
	ring_prepare(r, q, desc_size, rxmax, ctx);
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

/* With the sim declared single-threaded (no locks taken), registers, a
 * delivery and its DMA behave as with the locks. */
static void test_single_thread_seam(void **state)
{
	uint8_t frame[PKT_SOURCE_MAX_FRAME];
	struct sim_i40e_queue_stats before, st;
	struct ring r;

	(void)state;
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &before), 0);
	assert_false(sim_single_thread());
	sim_set_single_thread(true);
	assert_true(sim_single_thread());
	ring_up(&r, 0, 32, 4000);
	assert_true(pkt_gen_frame(&gen_cfg, 3, frame, sizeof(frame)) > 0);
	memset(frame + 60, 0xa5, 3000 - 60);
	assert_int_equal(sim_i40e_receive(dev, frame, 3000), SIM_I40E_RX_OK);
	assert_int_equal(rd(I40E_SIM_QRX_HEAD(0)), 2);
	check_frame(&r, 0, frame, 3000);
	/* a frame above RXMAX is refused, as with the locks */
	assert_int_equal(sim_i40e_receive(dev, frame, 4001), SIM_I40E_RX_OVERSIZE);
	assert_int_equal(sim_i40e_queue_stats(dev, 0, &st), 0);
	assert_int_equal(st.packets - before.packets, 1);
	assert_int_equal(st.bytes - before.bytes, 3000);
	ring_down(&r);
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
	sim_set_single_thread(false);
	assert_false(sim_single_thread());
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
	hena_set(HENA_ALL_IP);
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
 * The device's CRCs against published values: CRC-32c (SCTP's checksum)
 * against RFC 3720's appendix B.4 vectors, as transmitted, least
 * significant byte first, and both CRCs against the check value of the
 * CRC catalogue (the CRC of "123456789"). A CRC taken in pieces is the
 * CRC of the whole.
 */
static void test_crc_published_vectors(void **state)
{
	static const char check[] = "123456789";
	uint8_t b[32];

	(void)state;
	memset(b, 0, sizeof(b));
	assert_int_equal(sim_crc32c(0, b, 32), 0x8a9136aa); /* aa 36 91 8a */
	memset(b, 0xff, sizeof(b));
	assert_int_equal(sim_crc32c(0, b, 32), 0x62a8ab43); /* 43 ab a8 62 */
	for (int i = 0; i < 32; i++)
		b[i] = (uint8_t)i;
	assert_int_equal(sim_crc32c(0, b, 32), 0x46dd794e); /* 4e 79 dd 46 */
	assert_int_equal(sim_crc32c(sim_crc32c(0, b, 11), b + 11, 21), 0x46dd794e);
	for (int i = 0; i < 32; i++)
		b[i] = (uint8_t)(31 - i);
	assert_int_equal(sim_crc32c(0, b, 32), 0x113fdb5c); /* 5c db 3f 11 */
	assert_int_equal(sim_crc32c(0, check, 9), 0xe3069283);
	assert_int_equal(sim_crc32_eth(0, check, 9), 0xcbf43926);
	assert_int_equal(sim_crc32c(0, b, 0), 0);
}

/* An 80-byte frame of one hash class: IPv4 or IPv6, L4 protocol proto,
 * a fragment or not (checksums are not what this is about). */
static void class_frame(uint8_t *f, bool v6, uint8_t proto, bool frag)
{
	memset(f, 0, 80);
	memcpy(f, gen_cfg.dst_mac, 6);
	memcpy(f + 6, gen_cfg.src_mac, 6);
	if (!v6) {
		f[12] = 0x08;
		f[14] = 0x45;
		f[17] = 66; /* total length */
		f[20] = frag ? 0x20 : 0; /* more fragments */
		f[23] = proto;
		for (int i = 0; i < 8; i++)
			f[26 + i] = (uint8_t)(i * 17 + proto);
	} else {
		f[12] = 0x86;
		f[13] = 0xdd;
		f[14] = 0x60;
		f[19] = 26; /* payload length */
		f[20] = frag ? 44 : proto;
		for (int i = 0; i < 32; i++)
			f[22 + i] = (uint8_t)(i * 13 + proto);
	}
	f[v6 ? 54 : 34] = 0x12; /* source port 0x1234 */
	f[v6 ? 55 : 35] = 0x34;
}

/*
 * PFQF_HENA decides per hash class whether a frame is hashed, as on the
 * hardware: with its class's bit clear a frame gets no hash (FLTSTAT 0,
 * qword0's hash bits 0) and the lookup table is not consulted (queue 0),
 * whatever the other bits; with its bit alone set it is hashed. Zero after
 * a PF reset. Frames of the L2 payload class are never hashed by the
 * model (no input set is modelled for them).
 */
static void test_hena_gates_hash(void **state)
{
	static const struct {
		uint8_t pctype;
		bool v6;
		uint8_t proto;
		bool frag;
	} cls[] = {
		{ I40E_FILTER_PCTYPE_NONF_IPV4_UDP, false, 17, false },
		{ I40E_FILTER_PCTYPE_NONF_IPV4_TCP, false, 6, false },
		{ I40E_FILTER_PCTYPE_NONF_IPV4_SCTP, false, 132, false },
		{ I40E_FILTER_PCTYPE_NONF_IPV4_OTHER, false, 1, false },
		{ I40E_FILTER_PCTYPE_NONF_IPV4_OTHER, false, 47, false }, /* GRE: by its outer header */
		{ I40E_FILTER_PCTYPE_FRAG_IPV4, false, 17, true },
		{ I40E_FILTER_PCTYPE_NONF_IPV6_UDP, true, 17, false },
		{ I40E_FILTER_PCTYPE_NONF_IPV6_TCP, true, 6, false },
		{ I40E_FILTER_PCTYPE_NONF_IPV6_SCTP, true, 132, false },
		{ I40E_FILTER_PCTYPE_NONF_IPV6_OTHER, true, 58, false },
		{ I40E_FILTER_PCTYPE_FRAG_IPV6, true, 17, true },
	};
	const uint64_t fltstat_mask = 3ULL << I40E_RX_DESC_STATUS_FLTSTAT_SHIFT;
	uint8_t f[80];
	struct ring r;
	unsigned int d = 0;

	(void)state;
	ring_up(&r, 0, 32, 9728);
	assert_int_equal(rd(I40E_PFQF_HENA(0)), (uint32_t)HENA_ALL_IP);
	assert_int_equal(rd(I40E_PFQF_HENA(1)), (uint32_t)(HENA_ALL_IP >> 32));
	for (uint32_t i = 0; i < I40E_PFQF_HLUT_REGS; i++)
		wr(I40E_PFQF_HLUT(i), 0x01010101u); /* every hash to queue 1 */
	for (unsigned int i = 0; i < RTE_DIM(cls); i++) {
		const uint64_t bit = RTE_BIT64(cls[i].pctype);

		class_frame(f, cls[i].v6, cls[i].proto, cls[i].frag);
		hena_set(HENA_ALL_IP & ~bit);
		assert_int_equal(sim_i40e_rss_queue(dev, f, sizeof(f)), 0);
		assert_int_equal(sim_i40e_receive(dev, f, sizeof(f)), SIM_I40E_RX_OK);
		if ((qword(&r, d, 1) & fltstat_mask) != 0 || qword(&r, d, 0) >> 32 != 0)
			fail_msg("class %u hashed with its bit clear", i);
		d++;
		hena_set(bit);
		assert_int_equal(sim_i40e_rss_queue(dev, f, sizeof(f)), 1);
		assert_int_equal(sim_i40e_receive(dev, f, sizeof(f)), SIM_I40E_RX_OK);
		assert_int_equal((qword(&r, d, 1) & fltstat_mask) >> I40E_RX_DESC_STATUS_FLTSTAT_SHIFT,
				 I40E_RX_DESC_FLTSTAT_RSS_HASH);
		assert_int_not_equal(qword(&r, d, 0) >> 32, 0);
		d++;
	}
	/* an ARP frame: the L2 payload class, not hashed even when enabled */
	memset(f, 0, sizeof(f));
	memcpy(f, gen_cfg.dst_mac, 6);
	f[12] = 0x08;
	f[13] = 0x06;
	hena_set(UINT64_MAX);
	assert_int_equal(rd(I40E_PFQF_HENA(1)), UINT32_MAX);
	assert_int_equal(sim_i40e_rss_queue(dev, f, 60), 0);
	ring_down(&r);
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
	assert_int_equal(rd(I40E_PFQF_HENA(0)), 0);
	assert_int_equal(rd(I40E_PFQF_HENA(1)), 0);
	for (uint32_t i = 0; i < I40E_PFQF_HLUT_REGS; i++)
		wr(I40E_PFQF_HLUT(i), 0x01010101u);
	class_frame(f, false, 17, false);
	assert_int_equal(sim_i40e_rss_queue(dev, f, sizeof(f)), 0);
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
	static const uint32_t aq_regs[] = {
		I40E_PF_ATQLEN, I40E_PF_ATQH, I40E_PF_ATQT, I40E_PF_ATQBAL, I40E_PF_ATQBAH,
		I40E_PF_ARQLEN, I40E_PF_ARQH, I40E_PF_ARQT, I40E_PF_ARQBAL, I40E_PF_ARQBAH,
	};
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
	assert_int_equal(i40e_aq_send(&ad, &d), -ENOSYS);
	assert_int_equal(rte_le_to_cpu_16(d.retval), I40E_AQ_RC_ENOSYS);
	i40e_aq_shutdown(&ad);
	assert_null(rte_memzone_lookup("i40e_p77_atq"));
	/* every queue register cleared, as Linux's i40e leaves them */
	for (unsigned int i = 0; i < RTE_DIM(aq_regs); i++)
		assert_int_equal(rd(aq_regs[i]), 0);
	assert_int_equal(i40e_aq_send(&ad, &d), -ENODEV);

	sim_i40e_set_fw_api(dev, I40E_FW_API_VERSION_MAJOR + 1, 0);
	memset(&ad, 0x5a, sizeof(ad));
	ad.bar = bar;
	assert_int_equal(i40e_aq_init(&ad, 77), -ENOTSUP);
	assert_null(rte_memzone_lookup("i40e_p77_atq"));
	assert_int_equal(rd(I40E_PF_ATQLEN), 0);
	sim_i40e_set_fw_api(dev, I40E_FW_API_VERSION_MAJOR, 15);
}

/* ---- admin queue commands, as the driver sends them ---------------------- */

/* A fresh PF (reset) and the driver's admin queue on it, as probe sets it up. */
static void aq_up(struct i40e_adapter *ad)
{
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
	memset(ad, 0x5a, sizeof(*ad));
	ad->bar = bar;
	assert_int_equal(i40e_aq_init(ad, 78), 0);
}

static void aq_down(struct i40e_adapter *ad)
{
	i40e_aq_shutdown(ad);
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
}

/* The descriptor of the last command, as firmware wrote it back. */
static const struct i40e_aq_desc *last_desc(const struct i40e_adapter *ad)
{
	return &ad->aq.ring[(ad->aq.next + I40E_AQ_LEN - 1) % I40E_AQ_LEN];
}

static uint16_t le16_at(const void *p, size_t off)
{
	const uint8_t *b = (const uint8_t *)p + off;

	return (uint16_t)(b[0] | b[1] << 8);
}

static uint32_t le32_at(const void *p, size_t off)
{
	return le16_at(p, off) | (uint32_t)le16_at(p, off + 2) << 16;
}

/* An indirect command's buffer fields: BUF (and RD if firmware reads it),
 * datalen, and the queue's DMA buffer in the last two parameter words. */
static void check_indirect(const struct i40e_adapter *ad, uint16_t opcode, bool rd,
			   uint16_t len)
{
	const struct i40e_aq_desc *d = last_desc(ad);
	uint16_t flags = rte_le_to_cpu_16(d->flags);

	assert_int_equal(rte_le_to_cpu_16(d->opcode), opcode);
	assert_true(flags & I40E_AQ_FLAG_BUF);
	assert_true(flags & I40E_AQ_FLAG_SI);
	assert_int_equal(!!(flags & I40E_AQ_FLAG_RD), rd);
	assert_int_equal(!!(flags & I40E_AQ_FLAG_LB), len > 512);
	assert_int_equal(le16_at(d, 4), len);                          /* datalen */
	assert_int_equal(le32_at(d, 24), (uint32_t)(ad->aq.buf_iova >> 32)); /* addr_high */
	assert_int_equal(le32_at(d, 28), (uint32_t)ad->aq.buf_iova);   /* addr_low */
}

/* Every firmware return code as -errno, and one firmware never sends. */
static void test_aq_return_codes(void **state)
{
	static const int want[] = { 0, -EPERM, -ENOENT, -ESRCH, -EINTR, -EIO, -ENXIO, -E2BIG,
				    -EAGAIN, -ENOMEM, -EACCES, -EFAULT, -EBUSY, -EEXIST, -EINVAL,
				    -ENOTTY, -ENOSPC, -ENOSYS, -ERANGE, -EPIPE, -EFAULT, -EPERM,
				    -EFBIG };
	static uint8_t big[1024];
	struct i40e_adapter ad;
	struct i40e_aq_desc d;
	uint8_t b[24];

	(void)state;
	for (uint16_t rc = 0; rc < RTE_DIM(want); rc++)
		assert_int_equal(i40e_aq_rc_to_errno(rc), want[rc]);
	assert_int_equal(i40e_aq_rc_to_errno(23), -EIO);
	assert_int_equal(i40e_aq_rc_to_errno(0xffff), -EIO);

	aq_up(&ad);
	memset(&d, 0, sizeof(d));
	assert_int_equal(i40e_aq_send_buf(&ad, &d, b, I40E_AQ_BUF_SIZE + 1), -EINVAL);
	assert_int_equal(i40e_aq_send_buf(&ad, &d, NULL, 8), -EINVAL);
	assert_int_equal(i40e_aq_send_buf(&ad, &d, b, 0), -EINVAL);
	/* An indirect command without its buffer, and one whose buffer
	 * address the IOMMU does not map. */
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_MAC_ADDRESS_READ);
	assert_int_equal(i40e_aq_send(&ad, &d), -EINVAL);
	assert_int_equal(ad.aq.last_rc, I40E_AQ_RC_EINVAL);
	ad.aq.buf_iova = 0x7ff000000000ull;
	memset(&d, 0, sizeof(d));
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_MAC_ADDRESS_READ);
	assert_int_equal(i40e_aq_send_buf(&ad, &d, b, sizeof(b)), -EFAULT);
	assert_int_equal(ad.aq.last_rc, I40E_AQ_RC_BAD_ADDR);
	ad.aq.buf_iova = ad.aq.buf_mz->iova;
	/* RD on a buffer firmware is to write: refused. */
	memset(&d, 0, sizeof(d));
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_MAC_ADDRESS_READ);
	d.flags = rte_cpu_to_le_16(I40E_AQ_FLAG_RD);
	assert_int_equal(i40e_aq_send_buf(&ad, &d, b, sizeof(b)), -EINVAL);
	/* Over 512 bytes the driver sets LB, which firmware requires. */
	memset(&d, 0, sizeof(d));
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_GET_SWITCH_CONFIG);
	d.flags = rte_cpu_to_le_16(I40E_AQ_FLAG_SI);
	assert_int_equal(i40e_aq_send_buf(&ad, &d, big, sizeof(big)), 0);
	check_indirect(&ad, 0x0200, false, sizeof(big));
	assert_int_equal(le16_at(big, 0), 3);
	aq_down(&ad);
}

/* Queue shutdown: UNLOADING is its one flag; the driver sends it when its
 * admin queue goes (close, a failed probe), as DPDK's close does, but not
 * to a queue that is off or has stopped answering. */
static void test_aq_queue_shutdown(void **state)
{
	struct i40e_adapter ad;
	struct i40e_aq_desc d;
	uint32_t unloads = sim_i40e_aq_unloads(dev);

	(void)state;
	aq_up(&ad);
	assert_int_equal(i40e_aq_queue_shutdown(&ad, false), 0);
	assert_int_equal(le16_at(last_desc(&ad), 2), I40E_AQC_OPC_QUEUE_SHUTDOWN);
	assert_int_equal(le32_at(last_desc(&ad), 16), 0);
	assert_int_equal(sim_i40e_aq_unloads(dev), unloads);
	assert_int_equal(i40e_aq_queue_shutdown(&ad, true), 0);
	assert_int_equal(le32_at(last_desc(&ad), 16), 1); /* param0: UNLOADING */
	assert_int_equal(sim_i40e_aq_unloads(dev), unloads + 1);
	memset(&d, 0, sizeof(d));
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_QUEUE_SHUTDOWN);
	d.params.queue_shutdown.driver_unloading = rte_cpu_to_le_32(2);
	assert_int_equal(i40e_aq_send(&ad, &d), -EINVAL);
	aq_down(&ad);
	assert_int_equal(sim_i40e_aq_unloads(dev), unloads + 2);

	/* firmware stopped answering: shutdown does not wait a second time */
	aq_up(&ad);
	sim_i40e_aq_fault(dev, 0, SIM_I40E_AQ_STALL);
	assert_int_equal(i40e_aq_clear_pxe_mode(&ad), -ETIMEDOUT);
	aq_down(&ad);
	sim_i40e_aq_fault_clear(dev);
	assert_int_equal(sim_i40e_aq_unloads(dev), unloads + 2);
	/* even when firmware got going again after the timeout: the driver
	 * cannot know, so the queue stays written off */
	aq_up(&ad);
	sim_i40e_aq_fault(dev, 0, SIM_I40E_AQ_STALL);
	assert_int_equal(i40e_aq_clear_pxe_mode(&ad), -ETIMEDOUT);
	sim_i40e_aq_fault_clear(dev);
	assert_int_equal(rd(I40E_PF_ATQH), rd(I40E_PF_ATQT)); /* the late command done */
	aq_down(&ad);
	assert_int_equal(sim_i40e_aq_unloads(dev), unloads + 2);
}

/* A queue firmware has stopped serving: the command times out (250 ms). */
static void test_aq_timeout(void **state)
{
	struct i40e_adapter ad;
	struct i40e_aq_desc d;

	(void)state;
	aq_up(&ad);
	wr(I40E_PF_ATQLEN, I40E_AQ_LEN); /* enable bit gone: the tail is not looked at */
	memset(&d, 0, sizeof(d));
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_GET_VERSION);
	assert_int_equal(i40e_aq_send(&ad, &d), -ETIMEDOUT);
	aq_down(&ad);
}

/* The test seam for firmware faults: the command after the skipped ones
 * fails with the return code given (ERR set, the code in retval, the
 * command not carried out), the others are answered as usual; a stall
 * holds the head until cleared, and then the command is carried out. */
static void test_aq_fault_seam(void **state)
{
	struct i40e_adapter ad;
	struct i40e_aq_desc d;
	uint16_t head;

	(void)state;
	aq_up(&ad);
	sim_i40e_aq_fault(dev, 1, I40E_AQ_RC_EBUSY);
	assert_true(sim_i40e_aq_fault_pending(dev));
	assert_int_equal(i40e_aq_clear_pxe_mode(&ad), 0);
	memset(&d, 0, sizeof(d));
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_GET_VERSION);
	assert_int_equal(i40e_aq_send(&ad, &d), -EBUSY);
	assert_int_equal(rte_le_to_cpu_16(d.flags) & (I40E_AQ_FLAG_DD | I40E_AQ_FLAG_ERR),
			 I40E_AQ_FLAG_DD | I40E_AQ_FLAG_ERR);
	assert_int_equal(rte_le_to_cpu_16(d.retval), I40E_AQ_RC_EBUSY);
	assert_int_equal(d.params.version.api_major, 0); /* not answered */
	assert_false(sim_i40e_aq_fault_pending(dev));
	memset(&d, 0, sizeof(d));
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_GET_VERSION);
	assert_int_equal(i40e_aq_send(&ad, &d), 0);

	/* a stall: the driver gives up after 250 ms, the head has not moved */
	sim_i40e_aq_fault(dev, 0, SIM_I40E_AQ_STALL);
	head = (uint16_t)rd(I40E_PF_ATQH);
	assert_int_equal(i40e_aq_clear_pxe_mode(&ad), -ETIMEDOUT);
	assert_int_equal(rd(I40E_PF_ATQH), head);
	sim_i40e_aq_fault_clear(dev);
	assert_int_equal(rd(I40E_PF_ATQH), (head + 1u) % I40E_AQ_LEN);
	assert_int_equal(rte_le_to_cpu_16(ad.aq.ring[head].opcode), I40E_AQC_OPC_CLEAR_PXE_MODE);
	assert_true(rte_le_to_cpu_16(ad.aq.ring[head].flags) & I40E_AQ_FLAG_DD);
	memset(&d, 0, sizeof(d));
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_GET_VERSION);
	assert_int_equal(i40e_aq_send(&ad, &d), 0);
	aq_down(&ad);
}

/* clear_pxe (direct): rx_cnt 2 in byte 0; a second one finds PXE mode
 * already off (EEXIST), which the driver counts as done. */
static void test_aq_clear_pxe(void **state)
{
	struct i40e_adapter ad;
	struct i40e_aq_desc d;

	(void)state;
	aq_up(&ad);
	assert_int_equal(i40e_aq_clear_pxe_mode(&ad), 0);
	assert_int_equal(rte_le_to_cpu_16(last_desc(&ad)->opcode), 0x0110);
	assert_int_equal(last_desc(&ad)->params.raw[0], 2);
	assert_false(rte_le_to_cpu_16(last_desc(&ad)->flags) & I40E_AQ_FLAG_BUF);
	assert_int_equal(i40e_aq_clear_pxe_mode(&ad), 0);
	assert_int_equal(ad.aq.last_rc, I40E_AQ_RC_EEXIST);
	memset(&d, 0, sizeof(d));
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_CLEAR_PXE_MODE);
	d.params.clear_pxe.rx_cnt = 1;
	assert_int_equal(i40e_aq_send(&ad, &d), -EINVAL);
	aq_down(&ad);
}

/* mac_address_read (indirect, 24 bytes written by firmware): the LAN
 * address first in the buffer, LAN_ADDR_VALID in the answer's flags. */
static void test_aq_mac_read(void **state)
{
	const uint8_t *b;
	struct i40e_adapter ad;
	uint8_t mac[6];

	(void)state;
	aq_up(&ad);
	memset(mac, 0, sizeof(mac));
	memset(ad.aq.buf, 0xee, 64);
	assert_int_equal(i40e_aq_mac_address_read(&ad, mac), 0);
	assert_memory_equal(mac, gen_cfg.dst_mac, 6);
	check_indirect(&ad, 0x0107, false, 24);
	assert_int_equal(le16_at(last_desc(&ad), 16),
			 I40E_AQC_LAN_ADDR_VALID | I40E_AQC_PORT_ADDR_VALID);
	b = ad.aq.buf;
	assert_memory_equal(b, gen_cfg.dst_mac, 6);      /* pf_lan_mac */
	assert_memory_equal(b + 12, gen_cfg.dst_mac, 6); /* port_mac */
	assert_int_equal(b[24], 0xee);                    /* nothing past the 24 bytes */
	aq_down(&ad);
}

/* get_switch_config (indirect): a header and 16-byte elements; the main
 * VSI is the element of type 19. A short buffer pages through them, the
 * descriptor's SEID saying where to go on. */
static void test_aq_switch_config(void **state)
{
	struct i40e_adapter ad;
	struct i40e_aq_desc d;
	uint16_t vsi = 0, mac = 0, next = 0;
	uint8_t b[32];
	const uint8_t want_type[3] = { 1, 2, 19 };
	const uint16_t want_next[3] = { SIM_I40E_PF_SEID, SIM_I40E_MAIN_VSI_SEID, 0 };

	(void)state;
	aq_up(&ad);
	assert_int_equal(i40e_aq_get_switch_config(&ad, &vsi, &mac), 0);
	assert_int_equal(vsi, SIM_I40E_MAIN_VSI_SEID);
	assert_int_equal(mac, SIM_I40E_MAC_SEID);
	check_indirect(&ad, 0x0200, false, 512);
	assert_int_equal(le16_at(ad.aq.buf, 0), 3); /* num_reported */
	assert_int_equal(le16_at(ad.aq.buf, 2), 3); /* num_total */
	assert_int_equal(((const uint8_t *)ad.aq.buf)[16 + 2 * 16], 19);
	assert_int_equal(le16_at(ad.aq.buf, 16 + 2 * 16 + 2), SIM_I40E_MAIN_VSI_SEID);
	assert_int_equal(le16_at(ad.aq.buf, 16 + 2 * 16 + 4), SIM_I40E_MAC_SEID); /* uplink */

	for (int i = 0; i < 3; i++) {
		memset(&d, 0, sizeof(d));
		d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_GET_SWITCH_CONFIG);
		d.params.switch_seid.seid = rte_cpu_to_le_16(next);
		memset(b, 0xee, sizeof(b));
		assert_int_equal(i40e_aq_send_buf(&ad, &d, b, sizeof(b)), 0);
		assert_int_equal(le16_at(b, 0), 1);
		assert_int_equal(b[16], want_type[i]);
		next = rte_le_to_cpu_16(d.params.switch_seid.seid);
		assert_int_equal(next, want_next[i]);
	}
	memset(&d, 0, sizeof(d));
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_GET_SWITCH_CONFIG);
	d.params.switch_seid.seid = rte_cpu_to_le_16(77); /* no such element */
	assert_int_equal(i40e_aq_send_buf(&ad, &d, b, sizeof(b)), -EINVAL);
	aq_down(&ad);
}

/* update_vsi (indirect, 128 bytes read by firmware): the queue map section
 * at byte 28, tc_mapping[0] at byte 62 with log2 of the count at bit 9. */
static void test_aq_update_vsi(void **state)
{
	struct sim_i40e_vsi v;
	struct i40e_adapter ad;

	(void)state;
	aq_up(&ad);
	sim_i40e_vsi_get(dev, &v);
	assert_int_equal(v.first_queue, 0);
	assert_int_equal(v.qnum_log2, 0); /* firmware's default: one queue */
	assert_int_equal(i40e_aq_update_vsi_queues(&ad, SIM_I40E_MAIN_VSI_SEID, 0, 3), 0);
	check_indirect(&ad, 0x0211, true, 128);
	assert_int_equal(le16_at(last_desc(&ad), 16), SIM_I40E_MAIN_VSI_SEID);
	assert_int_equal(le16_at(ad.aq.buf, 0), 0x0040); /* valid_sections: queue map */
	assert_int_equal(le16_at(ad.aq.buf, 28), 0);     /* contiguous */
	assert_int_equal(le16_at(ad.aq.buf, 30), 0);     /* first queue */
	assert_int_equal(le16_at(ad.aq.buf, 62), 2 << 9); /* 3 queues: 4, offset 0 */
	sim_i40e_vsi_get(dev, &v);
	assert_int_equal(v.qnum_log2, 2);
	assert_int_equal(i40e_aq_update_vsi_queues(&ad, SIM_I40E_MAIN_VSI_SEID, 8, 64), -EINVAL);
	assert_int_equal(ad.aq.last_rc, I40E_AQ_RC_EINVAL); /* past the PF's 64 queues */
	assert_int_equal(i40e_aq_update_vsi_queues(&ad, 391, 0, 4), -EINVAL); /* no such VSI */
	assert_int_equal(i40e_aq_update_vsi_queues(&ad, SIM_I40E_MAIN_VSI_SEID, 0, 0), -EINVAL);
	sim_i40e_vsi_get(dev, &v);
	assert_int_equal(v.first_queue, 0);
	assert_int_equal(v.qnum_log2, 2); /* the refused ones changed nothing */
	aq_down(&ad);
}

/* add/remove_macvlan (indirect, 16-byte elements read by firmware, which
 * writes its answer into them): the firmware's error for each misuse. */
static void test_aq_macvlan(void **state)
{
	static const uint8_t other[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
	const uint8_t *e = NULL;
	struct sim_i40e_vsi v;
	struct i40e_adapter ad;
	uint8_t mac[6];

	(void)state;
	aq_up(&ad);
	sim_i40e_vsi_get(dev, &v);
	assert_int_equal(v.nb_filters, 1); /* firmware's, for the port's address */
	assert_int_equal(i40e_aq_add_macvlan(&ad, SIM_I40E_MAIN_VSI_SEID, other), 0);
	check_indirect(&ad, 0x0250, true, 16);
	assert_int_equal(le16_at(last_desc(&ad), 16), 1);                               /* num */
	assert_int_equal(le16_at(last_desc(&ad), 18), SIM_I40E_MAIN_VSI_SEID | 0x8000); /* seid */
	e = ad.aq.buf;
	assert_memory_equal(e, other, 6);
	assert_int_equal(le16_at(e, 8), 0x0005); /* perfect match, any VLAN */
	assert_int_equal(e[12], 1);              /* match_method: perfect */
	assert_int_equal(i40e_aq_add_macvlan(&ad, SIM_I40E_MAIN_VSI_SEID, other), -EEXIST);
	/* a filter for a VSI that does not exist */
	assert_int_equal(i40e_aq_add_macvlan(&ad, 391, other), -EINVAL);
	assert_int_equal(ad.aq.last_rc, I40E_AQ_RC_EINVAL);

	assert_int_equal(i40e_aq_remove_macvlan(&ad, SIM_I40E_MAIN_VSI_SEID, other), 0);
	check_indirect(&ad, 0x0251, true, 16);
	assert_int_equal(e[8], 0x09);  /* perfect match, ignore VLAN */
	assert_int_equal(e[12], 0);    /* error_code */
	assert_int_equal(i40e_aq_remove_macvlan(&ad, SIM_I40E_MAIN_VSI_SEID, other), -ENOENT);
	assert_int_equal(e[12], 0xff);

	/* The table holds 64: the 64th add (with firmware's own) fails. */
	memcpy(mac, other, 6);
	for (int i = 1; i < SIM_I40E_VSI_FILTERS; i++) {
		mac[5] = (uint8_t)i;
		assert_int_equal(i40e_aq_add_macvlan(&ad, SIM_I40E_MAIN_VSI_SEID, mac), 0);
	}
	mac[5] = 0;
	assert_int_equal(i40e_aq_add_macvlan(&ad, SIM_I40E_MAIN_VSI_SEID, mac), -ENOSPC);
	assert_int_equal(e[12], I40E_AQC_MM_ERR_NO_RES);
	sim_i40e_vsi_get(dev, &v);
	assert_int_equal(v.nb_filters, SIM_I40E_VSI_FILTERS);
	aq_down(&ad);
	sim_i40e_vsi_get(dev, &v);
	assert_int_equal(v.nb_filters, 1); /* a PF reset: firmware's filter only */
}

/* set_vsi_promiscuous_modes (direct): flags, valid flags, SEID in the
 * first three words; RX_ONLY added to unicast from API 1.5 on. */
static void test_aq_promisc(void **state)
{
	const uint16_t uc = I40E_AQC_SET_VSI_PROMISC_UNICAST, mc = I40E_AQC_SET_VSI_PROMISC_MULTICAST;
	struct sim_i40e_vsi v;
	struct i40e_adapter ad;
	struct i40e_aq_desc d;

	(void)state;
	aq_up(&ad);
	assert_int_equal(i40e_aq_set_vsi_promisc(&ad, SIM_I40E_MAIN_VSI_SEID, uc | mc, uc | mc), 0);
	assert_int_equal(rte_le_to_cpu_16(last_desc(&ad)->opcode), 0x0254);
	assert_int_equal(le16_at(last_desc(&ad), 16), 0x8003);
	assert_int_equal(le16_at(last_desc(&ad), 18), 0x8003);
	assert_int_equal(le16_at(last_desc(&ad), 20), SIM_I40E_MAIN_VSI_SEID);
	sim_i40e_vsi_get(dev, &v);
	assert_int_equal(v.promisc, 0x8003);
	assert_int_equal(i40e_aq_set_vsi_promisc(&ad, SIM_I40E_MAIN_VSI_SEID, 0, mc), 0);
	assert_int_equal(le16_at(last_desc(&ad), 18), mc); /* unicast left alone */
	sim_i40e_vsi_get(dev, &v);
	assert_int_equal(v.promisc, 0x8001);
	assert_int_equal(i40e_aq_set_vsi_promisc(&ad, 391, uc, uc), -EINVAL);
	assert_int_equal(i40e_aq_set_vsi_promisc(&ad, SIM_I40E_MAIN_VSI_SEID, 0x0100, 0x0100),
			 -EINVAL);
	aq_down(&ad);

	/* API 1.4 firmware: the driver leaves RX_ONLY out; firmware refuses it. */
	sim_i40e_set_fw_api(dev, 1, 4);
	aq_up(&ad);
	assert_int_equal(i40e_aq_set_vsi_promisc(&ad, SIM_I40E_MAIN_VSI_SEID, uc, uc), 0);
	assert_int_equal(le16_at(last_desc(&ad), 16), uc);
	memset(&d, 0, sizeof(d));
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_SET_VSI_PROMISC);
	d.params.promisc.promiscuous_flags = rte_cpu_to_le_16(0x8001);
	d.params.promisc.valid_flags = rte_cpu_to_le_16(0x8001);
	d.params.promisc.seid = rte_cpu_to_le_16(SIM_I40E_MAIN_VSI_SEID);
	assert_int_equal(i40e_aq_send(&ad, &d), -EINVAL);
	aq_down(&ad);
	sim_i40e_set_fw_api(dev, I40E_FW_API_VERSION_MAJOR, 15);
}

/* get_link_status (direct): link_info bit 0, the speed code in byte 3,
 * the PHY type in byte 2; LSE_ENABLE echoed as LSE_IS_ENABLED. */
static void test_aq_link_status(void **state)
{
	struct i40e_aq_link l;
	struct i40e_adapter ad;
	struct i40e_aq_desc d;

	(void)state;
	aq_up(&ad);
	memset(&l, 0xa5, sizeof(l));
	assert_int_equal(i40e_aq_get_link_status(&ad, false, &l), 0);
	assert_int_equal(rte_le_to_cpu_16(last_desc(&ad)->opcode), 0x0607);
	assert_true(l.up);
	assert_int_equal(l.speed, 0x08); /* 10 Gb/s */
	assert_int_equal(l.phy_type, 0x14);
	assert_int_equal(last_desc(&ad)->params.raw[3], 0x08);
	assert_int_equal(last_desc(&ad)->params.raw[4], I40E_AQ_LINK_UP_FUNCTION |
							   I40E_AQ_MEDIA_AVAILABLE);
	assert_int_equal(l.max_frame_size, 9728);
	sim_i40e_set_link(dev, false);
	assert_int_equal(i40e_aq_get_link_status(&ad, false, &l), 0);
	assert_false(l.up);
	assert_int_equal(l.speed, 0);
	sim_i40e_set_link(dev, true);
	memset(&d, 0, sizeof(d));
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_GET_LINK_STATUS);
	d.params.link_status.command_flags = rte_cpu_to_le_16(I40E_AQ_LSE_ENABLE);
	assert_int_equal(i40e_aq_send(&ad, &d), 0);
	assert_int_equal(rte_le_to_cpu_16(d.params.link_status.command_flags),
			 I40E_AQ_LSE_IS_ENABLED);
	aq_down(&ad);
}

/* The admin receive queue: set up with every descriptor armed (a buffer
 * each) and given to firmware; a link change becomes a get_link_status
 * event once the driver asked for events (LSE); the driver takes it and
 * gives the descriptor back; with none free firmware flags an overflow. */
static void test_aq_link_events(void **state)
{
	const struct i40e_aq_desc *slot;
	struct i40e_adapter ad;
	struct i40e_aq_desc ev;
	struct i40e_aq_link l;
	uint64_t arq_buf;

	(void)state;
	aq_up(&ad);
	assert_int_equal(rd(I40E_PF_ARQLEN), I40E_ARQ_LEN | I40E_PF_AQLEN_ENABLE);
	assert_int_equal(rd(I40E_PF_ARQBAL), (uint32_t)ad.aq.arq_mz->iova);
	assert_int_equal(rd(I40E_PF_ARQT), I40E_ARQ_LEN - 1);
	assert_int_equal(rd(I40E_PF_ARQH), 0);
	slot = &ad.aq.arq_ring[5];
	assert_int_equal(rte_le_to_cpu_16(slot->flags), I40E_AQ_FLAG_BUF);
	assert_int_equal(le16_at(slot, 4), I40E_ARQ_BUF_SIZE);
	assert_int_equal(rd(I40E_PF_ARQBAH), (uint32_t)(ad.aq.arq_mz->iova >> 32));
	/* the buffer's whole address: the sim's IO addresses lie above 4 GB */
	arq_buf = ad.aq.arq_mz->iova + I40E_ARQ_LEN * 32 + 5 * I40E_ARQ_BUF_SIZE;
	assert_true(arq_buf >> 32 != 0);
	assert_int_equal(le32_at(slot, 24), (uint32_t)(arq_buf >> 32));
	assert_int_equal(le32_at(slot, 28), (uint32_t)arq_buf);

	/* Not asked for: no event. */
	sim_i40e_set_link(dev, false);
	sim_i40e_set_link(dev, true);
	assert_int_equal(rd(I40E_PF_ARQH), 0);
	assert_int_equal(i40e_aq_next_event(&ad, &ev), 0);

	assert_int_equal(i40e_aq_get_link_status(&ad, true, &l), 0);
	assert_int_equal(le16_at(last_desc(&ad), 16), I40E_AQ_LSE_IS_ENABLED); /* the answer */
	sim_i40e_set_link(dev, false);
	assert_int_equal(rd(I40E_PF_ARQH), 1);
	slot = &ad.aq.arq_ring[0];
	assert_int_equal(rte_le_to_cpu_16(slot->flags),
			 I40E_AQ_FLAG_DD | I40E_AQ_FLAG_CMP | I40E_AQ_FLAG_BUF);
	assert_int_equal(rte_le_to_cpu_16(slot->opcode), 0x0607);
	assert_int_equal(le16_at(slot, 4), 0);                          /* no payload */
	assert_int_equal(slot->params.raw[4], I40E_AQ_MEDIA_AVAILABLE); /* link down */
	memset(&ev, 0, sizeof(ev));
	assert_int_equal(i40e_aq_next_event(&ad, &ev), 1);
	assert_int_equal(rte_le_to_cpu_16(ev.opcode), 0x0607);
	assert_int_equal(ev.params.link_status.link_info & I40E_AQ_LINK_UP_FUNCTION, 0);
	assert_int_equal(rd(I40E_PF_ARQT), 0); /* descriptor 0 given back */
	assert_int_equal(rte_le_to_cpu_16(slot->flags), I40E_AQ_FLAG_BUF);
	assert_int_equal(i40e_aq_next_event(&ad, &ev), 0);
	sim_i40e_set_link(dev, true);
	assert_int_equal(i40e_aq_next_event(&ad, &ev), 1);
	assert_int_equal(ev.params.link_status.link_info & I40E_AQ_LINK_UP_FUNCTION,
			 I40E_AQ_LINK_UP_FUNCTION);
	assert_int_equal(ev.params.link_status.link_speed, I40E_AQ_LINK_SPEED_10GB);

	/* No descriptor free (head at the tail): the event is lost, and
	 * firmware says so in ARQLEN until the driver clears it. */
	wr(I40E_PF_ARQT, rd(I40E_PF_ARQH));
	sim_i40e_set_link(dev, false);
	assert_true(rd(I40E_PF_ARQLEN) & I40E_PF_AQLEN_OVFL);
	assert_int_equal(i40e_aq_next_event(&ad, &ev), 0);
	assert_false(rd(I40E_PF_ARQLEN) & I40E_PF_AQLEN_OVFL);
	assert_true(rd(I40E_PF_ARQLEN) & I40E_PF_AQLEN_ENABLE);
	sim_i40e_set_link(dev, true);
	aq_down(&ad);
	assert_null(rte_memzone_lookup("i40e_p78_arq"));
	assert_int_equal(rd(I40E_PF_ARQLEN), 0);
}

/* ---- the switch: what reaches a queue -------------------------------------- */

static void frame_to(uint8_t *f, const uint8_t *dst)
{
	memset(f, 0, 64);
	memcpy(f, dst, 6);
	memcpy(f + 6, gen_cfg.src_mac, 6);
	f[12] = 0x88;
	f[13] = 0xb5; /* local experimental EtherType: not hashed, queue 0 */
}

/* A frame reaches the queue if a MAC filter or a promiscuous flag takes
 * it; others are dropped by the switch and counted. */
static void test_switch_filters_frames(void **state)
{
	static const uint8_t other[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t mcast[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	const uint16_t uc = I40E_AQC_SET_VSI_PROMISC_UNICAST, mc = I40E_AQC_SET_VSI_PROMISC_MULTICAST;
	const uint16_t bc = I40E_AQC_SET_VSI_PROMISC_BROADCAST;
	struct i40e_aqc_add_macvlan_element e;
	struct i40e_adapter ad;
	struct i40e_aq_desc d;
	uint8_t f[64];
	uint64_t drops;
	struct ring r;

	(void)state;
	aq_up(&ad);
	ring_up(&r, 0, 32, 9728);
	drops = sim_i40e_switch_drops(dev);
	frame_to(f, gen_cfg.dst_mac);
	assert_int_equal(sim_i40e_receive(dev, f, 64), SIM_I40E_RX_OK);
	frame_to(f, other);
	assert_int_equal(sim_i40e_receive(dev, f, 64), SIM_I40E_RX_FILTERED);
	frame_to(f, bcast);
	assert_int_equal(sim_i40e_receive(dev, f, 64), SIM_I40E_RX_FILTERED);
	frame_to(f, mcast);
	assert_int_equal(sim_i40e_receive(dev, f, 64), SIM_I40E_RX_FILTERED);
	assert_int_equal(sim_i40e_switch_drops(dev) - drops, 3);
	assert_int_equal(rd(I40E_SIM_QRX_HEAD(0)), 1); /* one descriptor used */

	assert_int_equal(i40e_aq_set_vsi_promisc(&ad, SIM_I40E_MAIN_VSI_SEID, bc, bc), 0);
	frame_to(f, bcast);
	assert_int_equal(sim_i40e_receive(dev, f, 64), SIM_I40E_RX_OK);
	assert_int_equal(i40e_aq_add_macvlan(&ad, SIM_I40E_MAIN_VSI_SEID, other), 0);
	frame_to(f, other);
	assert_int_equal(sim_i40e_receive(dev, f, 64), SIM_I40E_RX_OK);
	assert_int_equal(i40e_aq_remove_macvlan(&ad, SIM_I40E_MAIN_VSI_SEID, other), 0);
	assert_int_equal(sim_i40e_receive(dev, f, 64), SIM_I40E_RX_FILTERED);
	assert_int_equal(i40e_aq_set_vsi_promisc(&ad, SIM_I40E_MAIN_VSI_SEID, mc, mc), 0);
	frame_to(f, mcast);
	assert_int_equal(sim_i40e_receive(dev, f, 64), SIM_I40E_RX_OK);
	frame_to(f, other);
	assert_int_equal(sim_i40e_receive(dev, f, 64), SIM_I40E_RX_FILTERED);
	assert_int_equal(i40e_aq_set_vsi_promisc(&ad, SIM_I40E_MAIN_VSI_SEID, uc, uc), 0);
	assert_int_equal(sim_i40e_receive(dev, f, 64), SIM_I40E_RX_OK);
	assert_int_equal(i40e_aq_set_vsi_promisc(&ad, SIM_I40E_MAIN_VSI_SEID, 0, uc | mc), 0);
	assert_int_equal(sim_i40e_receive(dev, f, 64), SIM_I40E_RX_FILTERED);

	/* A filter bound to VLAN 5 takes frames tagged 5 and nothing else. */
	memset(&e, 0, sizeof(e));
	memcpy(e.mac_addr, other, 6);
	e.vlan_tag = rte_cpu_to_le_16(5);
	e.flags = rte_cpu_to_le_16(I40E_AQC_MACVLAN_ADD_PERFECT_MATCH);
	memset(&d, 0, sizeof(d));
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_ADD_MACVLAN);
	d.flags = rte_cpu_to_le_16(I40E_AQ_FLAG_RD);
	d.params.macvlan.num_addresses = rte_cpu_to_le_16(1);
	d.params.macvlan.seid[0] = rte_cpu_to_le_16(SIM_I40E_MAIN_VSI_SEID | 0x8000);
	assert_int_equal(i40e_aq_send_buf(&ad, &d, &e, sizeof(e)), 0);
	frame_to(f, other);
	assert_int_equal(sim_i40e_receive(dev, f, 64), SIM_I40E_RX_FILTERED);
	f[12] = 0x81;
	f[13] = 0x00;
	f[15] = 5;
	assert_int_equal(sim_i40e_receive(dev, f, 64), SIM_I40E_RX_OK);
	f[15] = 6;
	assert_int_equal(sim_i40e_receive(dev, f, 64), SIM_I40E_RX_FILTERED);
	assert_int_equal(sim_i40e_switch_drops(dev) - drops, 8);
	assert_int_equal(rd(I40E_SIM_QRX_HEAD(0)), 6);
	ring_down(&r);
	aq_down(&ad);
}

/* The RSS table names queues within the VSI's TC0: until the driver maps
 * more, every frame lands in the VSI's one queue; a queue outside the map
 * is never reached. */
static void test_switch_queue_mapping(void **state)
{
	struct sim_i40e_queue_stats st1, st3, after1, after3;
	struct i40e_adapter ad;
	struct ring r0, r3;
	uint8_t f[60];

	(void)state;
	aq_up(&ad);
	ring_up(&r0, 0, 32, 9728);
	ring_up(&r3, 3, 32, 9728);
	for (uint32_t i = 0; i < I40E_PFQF_HLUT_REGS; i++)
		wr(I40E_PFQF_HLUT(i), 0x03030303u); /* every hash to entry 3 */
	ipv4_frame(f, &ms_vectors[0], 6);
	assert_int_equal(sim_i40e_receive(dev, f, sizeof(f)), SIM_I40E_RX_OK);
	assert_int_equal(rd(I40E_SIM_QRX_HEAD(0)), 1); /* one queue mapped: queue 0 */
	assert_int_equal(rd(I40E_SIM_QRX_HEAD(3)), 0);
	assert_int_equal(i40e_aq_update_vsi_queues(&ad, SIM_I40E_MAIN_VSI_SEID, 0, 4), 0);
	assert_int_equal(sim_i40e_receive(dev, f, sizeof(f)), SIM_I40E_RX_OK);
	assert_int_equal(rd(I40E_SIM_QRX_HEAD(3)), 1);
	/* Two queues mapped: entry 3 selects the VSI's queue 1 (disabled), not 3. */
	assert_int_equal(i40e_aq_update_vsi_queues(&ad, SIM_I40E_MAIN_VSI_SEID, 0, 2), 0);
	assert_int_equal(sim_i40e_queue_stats(dev, 1, &st1), 0);
	assert_int_equal(sim_i40e_queue_stats(dev, 3, &st3), 0);
	assert_int_equal(sim_i40e_receive(dev, f, sizeof(f)), SIM_I40E_RX_NO_DESC);
	assert_int_equal(sim_i40e_queue_stats(dev, 1, &after1), 0);
	assert_int_equal(sim_i40e_queue_stats(dev, 3, &after3), 0);
	assert_int_equal(after1.drops - st1.drops, 1);
	assert_int_equal(after3.packets, st3.packets);
	assert_int_equal(after3.drops, st3.drops);
	assert_int_equal(rd(I40E_SIM_QRX_HEAD(3)), 1);
	ring_down(&r3);
	ring_down(&r0);
	aq_down(&ad);
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
	memcpy(frame, gen_cfg.dst_mac, 6);
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
	memcpy(small, gen_cfg.dst_mac, 6);
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

/* ---- LAN HMC --------------------------------------------------------------- */

static void sd_program(unsigned int idx, uint64_t addr, bool valid, bool direct)
{
	wr(I40E_PFHMC_SDDATAHIGH, (uint32_t)(addr >> 32));
	wr(I40E_PFHMC_SDDATALOW, ((uint32_t)addr & 0xFFFFF000u) | 512u << 2 |
					 (direct ? 2u : 0u) | (valid ? 1u : 0u));
	wr(I40E_PFHMC_SDCMD, idx | 0x80000000u);
}

/*
 * The HMC as a driver sets it up by hand: the capability registers, one
 * direct segment, the rx object base and count. A queue enable with no
 * context written through PFCM_LANCTX reads it from the object over DMA;
 * an invalid or paged segment, an object past the count and a backing
 * page the IOMMU does not map are refused, counted and kept as the
 * reason, and the queue does not run.
 */
static void test_hmc_context_from_host_memory(void **state)
{
	const struct rte_memzone *mz;
	struct sim_i40e_hmc st;
	struct ring r;
	uint8_t ctx[32], frame[128];
	const unsigned int q = 0, base = 2; /* rx objects from FPM 1024 */

	(void)state;
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
	assert_int_equal(rd(I40E_GLHMC_LANQMAX), 1536);
	assert_int_equal(rd(I40E_GLHMC_LANTXOBJSZ), 7);
	assert_int_equal(rd(I40E_GLHMC_LANRXOBJSZ), 5);
	assert_int_equal(rd(I40E_PF_FUNC_RID) & 7, 0);
	mz = rte_memzone_reserve_aligned("t_hmc", 4096, 0, RTE_MEMZONE_IOVA_CONTIG, 4096);
	assert_non_null(mz);
	memset(mz->addr, 0, 4096);
	sd_program(0, mz->iova, true, true);
	/* SDCMD without WR shows the descriptor in SDDATALOW/HIGH */
	wr(I40E_PFHMC_SDDATALOW, 0);
	wr(I40E_PFHMC_SDDATAHIGH, 0);
	wr(I40E_PFHMC_SDCMD, 0);
	assert_int_equal(rd(I40E_PFHMC_SDDATALOW), (uint32_t)mz->iova | 512u << 2 | 3u);
	assert_int_equal(rd(I40E_PFHMC_SDDATAHIGH), (uint32_t)(mz->iova >> 32));
	wr(I40E_GLHMC_LANRXBASE(0), base);
	wr(I40E_GLHMC_LANRXCNT(0), 8);
	assert_int_equal(rd(I40E_GLHMC_LANRXBASE(0)), base);
	assert_int_equal(rd(I40E_GLHMC_LANRXCNT(0)), 8);

	ring_prepare(&r, q, 32, 9728, ctx);
	memcpy((uint8_t *)mz->addr + base * 512 + q * 32, ctx, 32);
	wr(I40E_QRX_TAIL(q), NDESC - 1);
	wr(I40E_QRX_ENA(q), I40E_QRX_ENA_QENA_REQ);
	assert_true(rd(I40E_QRX_ENA(q)) & I40E_QRX_ENA_QENA_STAT);
	sim_i40e_hmc_status(dev, &st);
	assert_int_equal(st.errors, 0);
	assert_int_equal(st.last_iova, mz->iova + base * 512);
	assert_true(st.sd[0].valid && st.sd[0].direct);
	assert_int_equal(st.sd[0].bp_count, 512);
	/* it runs with that context: a frame to the port's MAC lands in the
	 * ring's first buffer (the VSI maps everything to PF queue 0) */
	memset(frame, 0x11, sizeof(frame));
	memcpy(frame, (const uint8_t[]){ 0x02, 0x72, 0x74, 0x65, 0, 0 }, 6);
	frame[12] = 0x88;
	frame[13] = 0xb5;
	assert_int_equal(sim_i40e_receive(dev, frame, sizeof(frame)), SIM_I40E_RX_OK);
	assert_true(qword(&r, 0, 1) & I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_DD));
	assert_memory_equal(buf(&r, 0), frame, sizeof(frame));
	ring_down(&r);

	/* invalid segment */
	ring_prepare(&r, q, 32, 9728, ctx);
	memcpy((uint8_t *)mz->addr + base * 512 + q * 32, ctx, 32);
	sd_program(0, mz->iova, false, true);
	wr(I40E_QRX_ENA(q), I40E_QRX_ENA_QENA_REQ);
	assert_int_equal(rd(I40E_QRX_ENA(q)), I40E_QRX_ENA_QENA_REQ);
	sim_i40e_hmc_status(dev, &st);
	assert_int_equal(st.errors, 1);
	assert_int_equal(st.last_error, SIM_I40E_HMC_SD_INVALID);
	wr(I40E_QRX_ENA(q), 0);
	/* paged segment (not modelled: refused) */
	sd_program(0, mz->iova, true, false);
	wr(I40E_QRX_ENA(q), I40E_QRX_ENA_QENA_REQ);
	assert_int_equal(rd(I40E_QRX_ENA(q)), I40E_QRX_ENA_QENA_REQ);
	sim_i40e_hmc_status(dev, &st);
	assert_int_equal(st.last_error, SIM_I40E_HMC_SD_PAGED);
	wr(I40E_QRX_ENA(q), 0);
	/* a backing page the IOMMU does not map */
	sd_program(0, 0x7ff000000000ull, true, true);
	wr(I40E_QRX_ENA(q), I40E_QRX_ENA_QENA_REQ);
	assert_int_equal(rd(I40E_QRX_ENA(q)), I40E_QRX_ENA_QENA_REQ);
	sim_i40e_hmc_status(dev, &st);
	assert_int_equal(st.last_error, SIM_I40E_HMC_DMA);
	wr(I40E_QRX_ENA(q), 0);
	/* the object past LANRXCNT */
	sd_program(0, mz->iova, true, true);
	wr(I40E_GLHMC_LANRXCNT(0), 0);
	wr(I40E_QRX_ENA(q), I40E_QRX_ENA_QENA_REQ);
	assert_int_equal(rd(I40E_QRX_ENA(q)), I40E_QRX_ENA_QENA_REQ);
	sim_i40e_hmc_status(dev, &st);
	assert_int_equal(st.last_error, SIM_I40E_HMC_OBJ_RANGE);
	assert_int_equal(st.errors, 4);
	wr(I40E_QRX_ENA(q), 0);
	/* a PF reset forgets the segments, not the object bases */
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
	sim_i40e_hmc_status(dev, &st);
	assert_false(st.sd[0].valid);
	assert_int_equal(st.rx_base[0], base);
	wr(I40E_GLHMC_LANRXBASE(0), 0);
	wr(I40E_GLHMC_LANRXCNT(0), 0);
	rte_memzone_free(r.desc_mz);
	rte_memzone_free(r.buf_mz);
	rte_memzone_free(mz);
}

/* PFLAN_QALLOC: first and last queue of the PF, valid; the PF's queue
 * registers stop at its count. */
static void test_queue_alloc_register(void **state)
{
	(void)state;
	assert_int_equal(rd(I40E_PFLAN_QALLOC), 0x80000000u | 63u << 16);
	assert_int_equal(sim_i40e_set_queue_alloc(dev, 64, 16), 0);
	assert_int_equal(rd(I40E_PFLAN_QALLOC), 0x80000000u | 79u << 16 | 64u);
	wr(I40E_QRX_TAIL(15), 5);
	assert_int_equal(rd(I40E_QRX_TAIL(15)), 5);
	wr(I40E_QRX_TAIL(16), 5); /* not the PF's: ignored */
	assert_int_equal(rd(I40E_QRX_TAIL(16)), 0);
	assert_int_equal(sim_i40e_set_queue_alloc(dev, 0, 0), -EINVAL);
	assert_int_equal(sim_i40e_set_queue_alloc(dev, 0, 64), 0);
	wr(I40E_PFGEN_CTRL, I40E_PFGEN_CTRL_PFSWR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_committed_pcap_fixture),
		cmocka_unit_test(test_pci_identity),
		cmocka_unit_test(test_context_roundtrip_and_miss),
		cmocka_unit_test(test_rx_32byte_and_split),
		cmocka_unit_test(test_single_thread_seam),
		cmocka_unit_test(test_rx_16byte),
		cmocka_unit_test(test_fdir_perfect_filter),
		cmocka_unit_test(test_no_descriptor_drops),
		cmocka_unit_test(test_bad_addresses),
		cmocka_unit_test(test_rss_lut),
		cmocka_unit_test(test_rss_toeplitz_published_vectors),
		cmocka_unit_test(test_crc_published_vectors),
		cmocka_unit_test(test_hena_gates_hash),
		cmocka_unit_test(test_admin_queue),
		cmocka_unit_test(test_driver_admin_queue_init),
		cmocka_unit_test(test_aq_return_codes),
		cmocka_unit_test(test_aq_queue_shutdown),
		cmocka_unit_test(test_aq_timeout),
		cmocka_unit_test(test_aq_fault_seam),
		cmocka_unit_test(test_aq_clear_pxe),
		cmocka_unit_test(test_aq_mac_read),
		cmocka_unit_test(test_aq_switch_config),
		cmocka_unit_test(test_aq_update_vsi),
		cmocka_unit_test(test_aq_macvlan),
		cmocka_unit_test(test_aq_promisc),
		cmocka_unit_test(test_aq_link_status),
		cmocka_unit_test(test_aq_link_events),
		cmocka_unit_test(test_switch_filters_frames),
		cmocka_unit_test(test_switch_queue_mapping),
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
		/* last: they deliver to queue 0, whose counters the tests above check */
		cmocka_unit_test(test_hmc_context_from_host_memory),
		cmocka_unit_test(test_queue_alloc_register),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

#else /* !RTEMEM_HAL_sim */

int main(void)
{
	return rtetest_sim_only_main("sim_i40e");
}

#endif
