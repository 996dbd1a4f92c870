/* SPDX-License-Identifier: BSD-3-Clause
 * The PF's LAN HMC, as DPDK 22.11's base code sets it up for the PF
 * (i40e_init_lan_hmc and i40e_configure_lan_hmc, direct segments only):
 * one transmit and one receive context object per PF queue, sized from
 * the GLHMC capability registers; backing memory in one IOVA-contiguous
 * memzone, described to the device by direct segment descriptors; the
 * receive queue context written into its object in that memory.
 *
 * Linux and DPDK back each direct segment with a full 2 MB page. The
 * device only reaches the objects inside LANTXCNT/LANRXCNT, so this
 * driver backs only the bytes those objects occupy (rounded to 4 KB):
 * a few KB instead of 2 MB. On real hardware that is untested.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_memzone.h>

#include "i40e_ethdev.h"
#include "i40e_regs.h"

#define HMC_PAGE 4096u

static void sd_write(struct i40e_adapter *ad, unsigned int idx, uint64_t iova, bool valid)
{
	uint32_t low = I40E_HMC_MAX_BP_COUNT << I40E_PFHMC_SDDATALOW_PMSDBPCOUNT_SHIFT |
		       I40E_PFHMC_SDDATALOW_PMSDTYPE_DIRECT;

	if (valid)
		low |= ((uint32_t)iova & I40E_PFHMC_SDDATALOW_PMSDDATALOW_MASK) |
		       I40E_PFHMC_SDDATALOW_PMSDVALID;
	/* DATAHIGH and DATALOW first: the command latches them. */
	i40e_write_reg(ad, I40E_PFHMC_SDDATAHIGH, valid ? (uint32_t)(iova >> 32) : 0);
	i40e_write_reg(ad, I40E_PFHMC_SDDATALOW, low);
	i40e_write_reg(ad, I40E_PFHMC_SDCMD, idx | I40E_PFHMC_SDCMD_PMSDWR);
}

int i40e_hmc_init(struct i40e_adapter *ad, uint16_t port_id, int socket_id)
{
	struct i40e_hmc *hmc = &ad->hmc;
	uint32_t qmax, tx_sz, rx_sz, rid;
	uint16_t count = ad->nb_pf_queues;
	uint64_t size;
	char name[RTE_MEMZONE_NAMESIZE];

	memset(hmc, 0, sizeof(*hmc));
	if (i40e_read_id_reg(ad, I40E_GLHMC_LANQMAX, &qmax) < 0 ||
	    i40e_read_id_reg(ad, I40E_GLHMC_LANTXOBJSZ, &tx_sz) < 0 ||
	    i40e_read_id_reg(ad, I40E_GLHMC_LANRXOBJSZ, &rx_sz) < 0 ||
	    i40e_read_id_reg(ad, I40E_PF_FUNC_RID, &rid) < 0) {
		PMD_LOG(ERR, "port %u: the device does not answer (HMC registers read all ones)\n",
			port_id);
		return -EIO;
	}
	qmax &= I40E_GLHMC_LANQMAX_MASK;
	tx_sz = 1u << (tx_sz & I40E_GLHMC_OBJSZ_MASK);
	rx_sz = 1u << (rx_sz & I40E_GLHMC_OBJSZ_MASK);
	hmc->fn = (uint8_t)(rid & I40E_PF_FUNC_RID_FUNCTION_NUMBER_MASK);
	if (count == 0 || count > qmax || rx_sz < I40E_RXQ_CTX_BYTES) {
		PMD_LOG(ERR, "port %u: HMC cannot hold %u queues (LANQMAX %u, rx object %u B)\n",
			port_id, count, qmax, rx_sz);
		return -EINVAL;
	}
	/* Transmit objects from FPM address 0, receive objects after them on
	 * a 512-byte boundary (the unit of the BASE registers). */
	hmc->rx_base = RTE_ALIGN_CEIL((uint64_t)count * tx_sz, I40E_HMC_L2OBJ_BASE_ALIGN);
	hmc->rx_obj_size = rx_sz;
	hmc->count = count;
	size = hmc->rx_base + (uint64_t)count * rx_sz;
	hmc->sd_count = (unsigned int)((size + I40E_HMC_DIRECT_BP_SIZE - 1) /
				       I40E_HMC_DIRECT_BP_SIZE);
	snprintf(name, sizeof(name), "i40e_p%u_hmc", port_id);
	hmc->mz = rte_memzone_reserve_aligned(name, RTE_ALIGN_CEIL(size, HMC_PAGE), socket_id,
					      RTE_MEMZONE_IOVA_CONTIG, HMC_PAGE);
	if (hmc->mz == NULL)
		return -ENOMEM;
	memset(hmc->mz->addr, 0, hmc->mz->len);
	for (unsigned int i = 0; i < hmc->sd_count; i++)
		sd_write(ad, i, hmc->mz->iova + (uint64_t)i * I40E_HMC_DIRECT_BP_SIZE, true);
	i40e_write_reg(ad, I40E_GLHMC_LANTXBASE(hmc->fn), 0);
	i40e_write_reg(ad, I40E_GLHMC_LANTXCNT(hmc->fn), count);
	i40e_write_reg(ad, I40E_GLHMC_LANRXBASE(hmc->fn),
		       (uint32_t)(hmc->rx_base / I40E_HMC_L2OBJ_BASE_ALIGN));
	i40e_write_reg(ad, I40E_GLHMC_LANRXCNT(hmc->fn), count);
	return 0;
}

void i40e_hmc_shutdown(struct i40e_adapter *ad)
{
	struct i40e_hmc *hmc = &ad->hmc;

	if (hmc->mz == NULL)
		return;
	/* The device must not reach the memory once it is freed. */
	for (unsigned int i = 0; i < hmc->sd_count; i++)
		sd_write(ad, i, 0, false);
	rte_memzone_free(hmc->mz);
	hmc->mz = NULL;
}

int i40e_hmc_write_rxq_ctx(struct i40e_adapter *ad, uint16_t q, const uint8_t *ctx)
{
	const struct i40e_hmc *hmc = &ad->hmc;
	uint8_t *obj;

	if (hmc->mz == NULL || q >= hmc->count)
		return -EINVAL;
	obj = (uint8_t *)hmc->mz->addr + hmc->rx_base + (size_t)q * hmc->rx_obj_size;
	memset(obj, 0, hmc->rx_obj_size);
	memcpy(obj, ctx, I40E_RXQ_CTX_BYTES);
	/* The QRX_ENA write that makes the device read it is ordered after
	 * these stores by i40e_write_reg's barrier. */
	return 0;
}
