/* SPDX-License-Identifier: BSD-3-Clause
 * The receive queue context: packed from the queue's settings as DPDK
 * 22.11's i40e_rx_queue_init sets them, and written where the device
 * reads it: the queue's object in the LAN HMC (i40e_hmc.c), or, as a
 * fallback for tests, the direct-access PFCM_LANCTX registers.
 */
#include <errno.h>
#include <string.h>

#include <rte_cycles.h>

#include "i40e_ethdev.h"
#include "i40e_regs.h"

static void ctx_set(uint8_t *ctx, unsigned int lsb, unsigned int width, uint64_t val)
{
	for (unsigned int i = 0; i < width; i++) {
		unsigned int bit = lsb + i;

		if (val & (1ULL << i))
			ctx[bit / 8] |= (uint8_t)(1u << (bit % 8));
		else
			ctx[bit / 8] &= (uint8_t)~(1u << (bit % 8));
	}
}

void i40e_rxq_ctx_pack(const struct i40e_rx_queue *rxq, uint8_t *ctx)
{
	memset(ctx, 0, I40E_RXQ_CTX_BYTES);
	ctx_set(ctx, I40E_RXQ_CTX_HEAD_LSB, I40E_RXQ_CTX_HEAD_W, 0);
	ctx_set(ctx, I40E_RXQ_CTX_CPUID_LSB, I40E_RXQ_CTX_CPUID_W, 0);
	ctx_set(ctx, I40E_RXQ_CTX_BASE_LSB, I40E_RXQ_CTX_BASE_W,
		rxq->rx_ring_phys_addr / I40E_RXQ_CTX_BASE_UNIT);
	ctx_set(ctx, I40E_RXQ_CTX_QLEN_LSB, I40E_RXQ_CTX_QLEN_W, rxq->nb_rx_desc);
	ctx_set(ctx, I40E_RXQ_CTX_DBUFF_LSB, I40E_RXQ_CTX_DBUFF_W,
		rxq->rx_buf_len / I40E_RXQ_CTX_DBUFF_UNIT);
	ctx_set(ctx, I40E_RXQ_CTX_HBUFF_LSB, I40E_RXQ_CTX_HBUFF_W, 0);
	ctx_set(ctx, I40E_RXQ_CTX_DTYPE_LSB, I40E_RXQ_CTX_DTYPE_W, 0);
	ctx_set(ctx, I40E_RXQ_CTX_DSIZE_LSB, I40E_RXQ_CTX_DSIZE_W,
		sizeof(union i40e_rx_desc) == 32 ? 1 : 0);
	ctx_set(ctx, I40E_RXQ_CTX_CRCSTRIP_LSB, I40E_RXQ_CTX_CRCSTRIP_W, rxq->crc_len == 0);
	ctx_set(ctx, I40E_RXQ_CTX_RXMAX_LSB, I40E_RXQ_CTX_RXMAX_W, rxq->max_pkt_len);
	/* As DPDK 22.11 sets them: the first stripped tag reported in L2TAG1,
	 * inner tags of tunnels left in place, TLP processing hints on for
	 * descriptor reads and writes, data and headers, the low-descriptor
	 * threshold at 2 (x 64 descriptors), descriptor prefetch on. */
	ctx_set(ctx, I40E_RXQ_CTX_L2TSEL_LSB, 1, 1);
	ctx_set(ctx, I40E_RXQ_CTX_SHOWIV_LSB, 1, 0);
	ctx_set(ctx, I40E_RXQ_CTX_TPHRDESC_LSB, 1, 1);
	ctx_set(ctx, I40E_RXQ_CTX_TPHWDESC_LSB, 1, 1);
	ctx_set(ctx, I40E_RXQ_CTX_TPHDATA_LSB, 1, 1);
	ctx_set(ctx, I40E_RXQ_CTX_TPHHEAD_LSB, 1, 1);
	ctx_set(ctx, I40E_RXQ_CTX_LRXQTHRESH_LSB, I40E_RXQ_CTX_LRXQTHRESH_W, 2);
	ctx_set(ctx, I40E_RXQ_CTX_PREFENA_LSB, 1, 1);
}

/* Both 16-byte sub-lines through LANCTXDATA/CTL, each waited for. */
static int write_ctx_direct(struct i40e_adapter *ad, uint16_t reg_idx, const uint8_t *ctx)
{
	for (unsigned int line = 0; line < I40E_RXQ_CTX_BYTES / 16; line++) {
		uint32_t stat = 0;

		for (unsigned int i = 0; i < 4; i++) {
			const uint8_t *b = ctx + 16 * line + 4 * i;

			i40e_write_reg(ad, I40E_PFCM_LANCTXDATA(i),
				       (uint32_t)b[0] | (uint32_t)b[1] << 8 |
				       (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24);
		}
		i40e_write_reg(ad, I40E_PFCM_LANCTXCTL,
			       (uint32_t)reg_idx << I40E_PFCM_LANCTXCTL_QUEUE_NUM_SHIFT |
			       line << I40E_PFCM_LANCTXCTL_SUB_LINE_SHIFT |
			       (uint32_t)I40E_PFCM_LANCTX_QUEUE_TYPE_RX
				       << I40E_PFCM_LANCTXCTL_QUEUE_TYPE_SHIFT |
			       (uint32_t)I40E_PFCM_LANCTX_OP_WRITE << I40E_PFCM_LANCTXCTL_OP_CODE_SHIFT);
		for (int tries = 0; tries < I40E_QUEUE_SWITCH_POLLS; tries++) {
			stat = i40e_read_reg(ad, I40E_PFCM_LANCTXSTAT);
			if (stat & I40E_PFCM_LANCTXSTAT_CTX_DONE)
				break;
			rte_delay_us(10);
		}
		if (!(stat & I40E_PFCM_LANCTXSTAT_CTX_DONE) || (stat & I40E_PFCM_LANCTXSTAT_CTX_MISS))
			return -EIO;
	}
	return 0;
}

int i40e_write_rx_queue_context(struct i40e_rx_queue *rxq)
{
	uint8_t ctx[I40E_RXQ_CTX_BYTES];

	i40e_rxq_ctx_pack(rxq, ctx);
	if (rxq->adapter->rxq_ctx_direct)
		return write_ctx_direct(rxq->adapter, rxq->reg_idx, ctx);
	return i40e_hmc_write_rxq_ctx(rxq->adapter, rxq->reg_idx, ctx);
}

int i40e_set_rxq_ctx_direct(struct rte_eth_dev *dev, bool on)
{
	struct i40e_adapter *ad = dev->dev_private;

	if (ad == NULL)
		return -EINVAL;
	ad->rxq_ctx_direct = on;
	return 0;
}
