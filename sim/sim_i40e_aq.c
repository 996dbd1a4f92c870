/* SPDX-License-Identifier: BSD-3-Clause
 * The emulated X710's admin transmit queue.
 *
 * When the driver moves PF_ATQT, firmware fetches each descriptor from
 * head to tail over DMA, carries out the command, writes the descriptor
 * back with DD and CMP (and ERR plus a return code on failure) and moves
 * PF_ATQH past it. The driver knows a command is done when the head
 * reaches its tail. Commands the model does not implement complete with
 * ENOSYS, as firmware answers an unknown opcode; a ring it cannot read or
 * write sets the queue's critical-error bit and stops it.
 */
#include <string.h>

#include "i40e_adminq_desc.h"
#include "sim_i40e_aq.h"
#include "sim_machine.h"

/* What the model reports: an X710 NVM 9.20 image, admin queue API 1.15. */
#define SIM_FW_MAJOR 9
#define SIM_FW_MINOR 20
#define SIM_FW_BUILD 0x5c3a0f17u
#define SIM_ROM_VER 0x0000012cu
#define SIM_API_MINOR 15

void sim_i40e_aq_reset(struct sim_i40e_aq *aq)
{
	uint64_t commands = aq->commands;
	uint16_t major = aq->api_major != 0 ? aq->api_major : I40E_FW_API_VERSION_MAJOR;
	uint16_t minor = aq->api_major != 0 ? aq->api_minor : SIM_API_MINOR;

	/* The firmware image survives a PF reset; the queue does not. */
	memset(aq, 0, sizeof(*aq));
	aq->commands = commands;
	aq->api_major = major;
	aq->api_minor = minor;
}

static void execute(const struct sim_i40e_aq *aq, struct i40e_aq_desc *d)
{
	uint16_t flags = rte_le_to_cpu_16(d->flags);
	uint16_t rc = I40E_AQ_RC_OK;

	switch (rte_le_to_cpu_16(d->opcode)) {
	case I40E_AQC_OPC_GET_VERSION:
		d->params.version.rom_ver = rte_cpu_to_le_32(SIM_ROM_VER);
		d->params.version.fw_build = rte_cpu_to_le_32(SIM_FW_BUILD);
		d->params.version.fw_major = rte_cpu_to_le_16(SIM_FW_MAJOR);
		d->params.version.fw_minor = rte_cpu_to_le_16(SIM_FW_MINOR);
		d->params.version.api_major = rte_cpu_to_le_16(aq->api_major);
		d->params.version.api_minor = rte_cpu_to_le_16(aq->api_minor);
		break;
	case I40E_AQC_OPC_QUEUE_SHUTDOWN:
		break; /* nothing of the queue outlives it in the model */
	default:
		rc = I40E_AQ_RC_ENOSYS;
	}
	flags |= I40E_AQ_FLAG_DD | I40E_AQ_FLAG_CMP;
	if (rc != I40E_AQ_RC_OK)
		flags |= I40E_AQ_FLAG_ERR;
	d->flags = rte_cpu_to_le_16(flags);
	d->retval = rte_cpu_to_le_16(rc);
}

static void process(struct sim_i40e_aq *aq)
{
	uint32_t n = aq->len & I40E_PF_AQLEN_LEN_MASK;
	uint64_t base = (uint64_t)aq->bah << 32 | aq->bal;

	if (!(aq->len & I40E_PF_AQLEN_ENABLE) || n == 0 || aq->tail >= n)
		return;
	while (aq->head != aq->tail) {
		uint64_t at = base + (uint64_t)aq->head * sizeof(struct i40e_aq_desc);
		struct i40e_aq_desc d;

		if (sim_dma_read(at, &d, sizeof(d)) < 0) {
			aq->len = (aq->len & ~I40E_PF_AQLEN_ENABLE) | I40E_PF_AQLEN_CRIT;
			return;
		}
		execute(aq, &d);
		if (sim_dma_write(at, &d, sizeof(d)) < 0) {
			aq->len = (aq->len & ~I40E_PF_AQLEN_ENABLE) | I40E_PF_AQLEN_CRIT;
			return;
		}
		aq->commands++;
		aq->head = (aq->head + 1) % n;
	}
}

bool sim_i40e_aq_read(const struct sim_i40e_aq *aq, uint32_t off, uint32_t *val)
{
	switch (off) {
	case I40E_PF_ATQBAL:
		*val = aq->bal;
		return true;
	case I40E_PF_ATQBAH:
		*val = aq->bah;
		return true;
	case I40E_PF_ATQLEN:
		*val = aq->len;
		return true;
	case I40E_PF_ATQH:
		*val = aq->head;
		return true;
	case I40E_PF_ATQT:
		*val = aq->tail;
		return true;
	default:
		return false;
	}
}

bool sim_i40e_aq_write(struct sim_i40e_aq *aq, uint32_t off, uint32_t val)
{
	switch (off) {
	case I40E_PF_ATQBAL:
		aq->bal = val & ~0x3fu; /* 64-byte aligned */
		return true;
	case I40E_PF_ATQBAH:
		aq->bah = val;
		return true;
	case I40E_PF_ATQLEN:
		aq->len = val & (I40E_PF_AQLEN_LEN_MASK | I40E_PF_AQLEN_ENABLE);
		return true;
	case I40E_PF_ATQH:
		aq->head = val & I40E_PF_AQH_MASK;
		return true;
	case I40E_PF_ATQT:
		aq->tail = val & I40E_PF_AQT_MASK;
		process(aq);
		return true;
	default:
		return false;
	}
}
