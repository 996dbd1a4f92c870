/* SPDX-License-Identifier: BSD-3-Clause
 * The emulated X710's LAN HMC (see sim_i40e_hmc.h). Only what a receive
 * queue context needs: direct segments, the rx object range, and the
 * checks firmware-less hardware makes before it uses an object.
 */
#include <string.h>

#include "sim_i40e_hmc.h"
#include "sim_machine.h"

void sim_i40e_hmc_pf_reset(struct sim_i40e_hmc *hmc)
{
	hmc->sd_low = 0;
	hmc->sd_high = 0;
	hmc->sd_cmd = 0;
	memset(hmc->sd, 0, sizeof(hmc->sd));
}

static bool fn_reg(uint32_t off, uint32_t base, unsigned int *fn)
{
	if (off < base || off >= base + 4u * I40E_GLHMC_FN_MAX || (off - base) % 4 != 0)
		return false;
	*fn = (off - base) / 4;
	return true;
}

bool sim_i40e_hmc_read(const struct sim_i40e_hmc *hmc, uint32_t off, uint32_t *val)
{
	unsigned int fn;

	if (fn_reg(off, I40E_GLHMC_LANTXBASE(0), &fn))
		*val = hmc->tx_base[fn];
	else if (fn_reg(off, I40E_GLHMC_LANTXCNT(0), &fn))
		*val = hmc->tx_cnt[fn];
	else if (fn_reg(off, I40E_GLHMC_LANRXBASE(0), &fn))
		*val = hmc->rx_base[fn];
	else if (fn_reg(off, I40E_GLHMC_LANRXCNT(0), &fn))
		*val = hmc->rx_cnt[fn];
	else if (off == I40E_GLHMC_LANQMAX)
		*val = SIM_I40E_HMC_LANQMAX;
	else if (off == I40E_GLHMC_LANTXOBJSZ)
		*val = SIM_I40E_HMC_TXOBJSZ;
	else if (off == I40E_GLHMC_LANRXOBJSZ)
		*val = SIM_I40E_HMC_RXOBJSZ;
	else if (off == I40E_PFHMC_SDCMD)
		*val = hmc->sd_cmd & ~I40E_PFHMC_SDCMD_PMSDWR;
	else if (off == I40E_PFHMC_SDDATALOW)
		*val = hmc->sd_low;
	else if (off == I40E_PFHMC_SDDATAHIGH)
		*val = hmc->sd_high;
	else
		return false;
	return true;
}

/* SDCMD: with WR, the descriptor takes SDDATALOW/HIGH; without, they
 * show the descriptor. */
static void sd_command(struct sim_i40e_hmc *hmc, uint32_t cmd)
{
	unsigned int idx = cmd & I40E_PFHMC_SDCMD_PMSDIDX_MASK;
	struct sim_i40e_hmc_sd *sd;

	hmc->sd_cmd = cmd;
	if (idx >= SIM_I40E_HMC_SDS)
		return; /* no such descriptor: ignored */
	sd = &hmc->sd[idx];
	if (cmd & I40E_PFHMC_SDCMD_PMSDWR) {
		sd->valid = (hmc->sd_low & I40E_PFHMC_SDDATALOW_PMSDVALID) != 0;
		sd->direct = (hmc->sd_low & I40E_PFHMC_SDDATALOW_PMSDTYPE_DIRECT) != 0;
		sd->bp_count = (uint16_t)((hmc->sd_low >> I40E_PFHMC_SDDATALOW_PMSDBPCOUNT_SHIFT) &
					  I40E_PFHMC_SDDATALOW_PMSDBPCOUNT_MASK);
		sd->addr = (uint64_t)hmc->sd_high << 32 |
			   (hmc->sd_low & I40E_PFHMC_SDDATALOW_PMSDDATALOW_MASK);
		return;
	}
	hmc->sd_high = (uint32_t)(sd->addr >> 32);
	hmc->sd_low = (uint32_t)sd->addr | (uint32_t)sd->bp_count
						   << I40E_PFHMC_SDDATALOW_PMSDBPCOUNT_SHIFT |
		      (sd->direct ? I40E_PFHMC_SDDATALOW_PMSDTYPE_DIRECT : 0) |
		      (sd->valid ? I40E_PFHMC_SDDATALOW_PMSDVALID : 0);
}

bool sim_i40e_hmc_write(struct sim_i40e_hmc *hmc, uint32_t off, uint32_t val)
{
	unsigned int fn;

	if (fn_reg(off, I40E_GLHMC_LANTXBASE(0), &fn))
		hmc->tx_base[fn] = val & I40E_GLHMC_LANBASE_MASK;
	else if (fn_reg(off, I40E_GLHMC_LANTXCNT(0), &fn))
		hmc->tx_cnt[fn] = val & I40E_GLHMC_LANCNT_MASK;
	else if (fn_reg(off, I40E_GLHMC_LANRXBASE(0), &fn))
		hmc->rx_base[fn] = val & I40E_GLHMC_LANBASE_MASK;
	else if (fn_reg(off, I40E_GLHMC_LANRXCNT(0), &fn))
		hmc->rx_cnt[fn] = val & I40E_GLHMC_LANCNT_MASK;
	else if (off == I40E_PFHMC_SDDATALOW)
		hmc->sd_low = val;
	else if (off == I40E_PFHMC_SDDATAHIGH)
		hmc->sd_high = val;
	else if (off == I40E_PFHMC_SDCMD)
		sd_command(hmc, val);
	else if (off == I40E_PFHMC_PDINV)
		; /* no page descriptors are cached: nothing to invalidate */
	else
		return false;
	return true;
}

static enum sim_i40e_hmc_error fail(struct sim_i40e_hmc *hmc, enum sim_i40e_hmc_error e)
{
	hmc->errors++;
	hmc->last_error = e;
	return e;
}

enum sim_i40e_hmc_error sim_i40e_hmc_rx_context(struct sim_i40e_hmc *hmc, unsigned int fn,
						unsigned int q, uint8_t *ctx)
{
	const uint64_t obj_size = 1u << SIM_I40E_HMC_RXOBJSZ;
	const struct sim_i40e_hmc_sd *sd;
	uint64_t fpm, idx, within;

	if (fn >= I40E_GLHMC_FN_MAX || q >= hmc->rx_cnt[fn])
		return fail(hmc, SIM_I40E_HMC_OBJ_RANGE);
	fpm = (uint64_t)hmc->rx_base[fn] * I40E_HMC_L2OBJ_BASE_ALIGN + q * obj_size;
	idx = fpm / I40E_HMC_DIRECT_BP_SIZE;
	within = fpm % I40E_HMC_DIRECT_BP_SIZE;
	if (idx >= SIM_I40E_HMC_SDS)
		return fail(hmc, SIM_I40E_HMC_OBJ_RANGE);
	sd = &hmc->sd[idx];
	if (!sd->valid)
		return fail(hmc, SIM_I40E_HMC_SD_INVALID);
	if (!sd->direct)
		return fail(hmc, SIM_I40E_HMC_SD_PAGED);
	hmc->last_iova = sd->addr + within;
	if (sim_dma_read(sd->addr + within, ctx, I40E_RXQ_CTX_BYTES) != 0)
		return fail(hmc, SIM_I40E_HMC_DMA);
	hmc->last_error = SIM_I40E_HMC_OK;
	return SIM_I40E_HMC_OK;
}
