/* SPDX-License-Identifier: BSD-3-Clause
 * The emulated X710's LAN HMC: the PF's segment descriptor table
 * (PFHMC_SDCMD/SDDATALOW/SDDATAHIGH), the per-function object bases and
 * counts (GLHMC_LAN*BASE/CNT) and the capability registers the driver
 * sizes its HMC from; and the lookup of a receive queue context in host
 * memory, through the segment descriptor, over the sim IOMMU.
 */
#ifndef RTEMEM_SIM_I40E_HMC_H
#define RTEMEM_SIM_I40E_HMC_H

#include <stdbool.h>
#include <stdint.h>

#include "i40e_regs.h"

#define SIM_I40E_HMC_SDS 32           /* segment descriptors the model keeps */
#define SIM_I40E_HMC_LANQMAX 1536     /* GLHMC_LANQMAX; also the device's LAN queues */
#define SIM_I40E_HMC_TXOBJSZ 7        /* 128-byte tx contexts */
#define SIM_I40E_HMC_RXOBJSZ 5        /* 32-byte rx contexts */

/* Why the device could not read a queue context from the HMC. */
enum sim_i40e_hmc_error {
	SIM_I40E_HMC_OK,
	SIM_I40E_HMC_OBJ_RANGE,  /* queue past LANRXCNT, or the object past the SD table */
	SIM_I40E_HMC_SD_INVALID, /* its segment descriptor is not valid */
	SIM_I40E_HMC_SD_PAGED,   /* a paged segment (not modelled) */
	SIM_I40E_HMC_DMA,        /* the backing page's address does not translate */
};

struct sim_i40e_hmc_sd {
	bool valid;
	bool direct;
	uint16_t bp_count;
	uint64_t addr; /* IO address of the backing page */
};

struct sim_i40e_hmc {
	uint32_t sd_low, sd_high, sd_cmd;
	struct sim_i40e_hmc_sd sd[SIM_I40E_HMC_SDS];
	uint32_t tx_base[I40E_GLHMC_FN_MAX], tx_cnt[I40E_GLHMC_FN_MAX];
	uint32_t rx_base[I40E_GLHMC_FN_MAX], rx_cnt[I40E_GLHMC_FN_MAX];
	uint64_t errors;                /* context reads refused */
	enum sim_i40e_hmc_error last_error;
	uint64_t last_iova;             /* where the last context read looked */
};

/* PF reset: the segment table is gone (the driver programs it again);
 * the object bases and counts are global registers and stay. */
void sim_i40e_hmc_pf_reset(struct sim_i40e_hmc *hmc);

/* A register access at off: true if it is an HMC register. */
bool sim_i40e_hmc_read(const struct sim_i40e_hmc *hmc, uint32_t off, uint32_t *val);
bool sim_i40e_hmc_write(struct sim_i40e_hmc *hmc, uint32_t off, uint32_t val);

/* Read receive queue q's context (PF queue index) of function fn from
 * its HMC object into ctx. SIM_I40E_HMC_OK or why not (also counted). */
enum sim_i40e_hmc_error sim_i40e_hmc_rx_context(struct sim_i40e_hmc *hmc, unsigned int fn,
						unsigned int q, uint8_t *ctx);

#endif
