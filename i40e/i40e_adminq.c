/* SPDX-License-Identifier: BSD-3-Clause
 * X710 admin send queue: set-up, one command at a time, get_version.
 *
 * The driver writes a descriptor into the ring and moves the tail
 * (PF_ATQT); firmware completes descriptors in order and moves the head
 * (PF_ATQH) past them. A command is done when the head reaches the tail
 * the driver wrote; its descriptor then carries DD and CMP, and ERR with
 * a return code if it failed. Commands are sent one at a time, so the
 * ring never holds more than one outstanding descriptor.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_memzone.h>

#include "i40e_adminq.h"
#include "i40e_ethdev.h"

#define AQ_POLL_US 10

static void aq_regs_clear(struct i40e_adapter *ad)
{
	i40e_write_reg(ad, I40E_PF_ATQLEN, 0);
	i40e_write_reg(ad, I40E_PF_ATQH, 0);
	i40e_write_reg(ad, I40E_PF_ATQT, 0);
	i40e_write_reg(ad, I40E_PF_ATQBAL, 0);
	i40e_write_reg(ad, I40E_PF_ATQBAH, 0);
}

void i40e_aq_shutdown(struct i40e_adapter *ad)
{
	if (ad->aq.mz == NULL)
		return;
	aq_regs_clear(ad);
	rte_memzone_free(ad->aq.mz);
	memset(&ad->aq, 0, sizeof(ad->aq));
}

int i40e_aq_send(struct i40e_adapter *ad, struct i40e_aq_desc *desc)
{
	struct i40e_adminq *aq = &ad->aq;
	struct i40e_aq_desc *slot;
	uint16_t tail, rc;

	if (aq->ring == NULL)
		return -ENODEV;
	slot = &aq->ring[aq->next];
	*slot = *desc;
	slot->flags = rte_cpu_to_le_16(rte_le_to_cpu_16(desc->flags) & ~(I40E_AQ_FLAG_DD |
					I40E_AQ_FLAG_CMP | I40E_AQ_FLAG_ERR));
	tail = (uint16_t)((aq->next + 1) % I40E_AQ_LEN);
	i40e_write_reg(ad, I40E_PF_ATQT, tail); /* orders the descriptor before the tail */

	for (unsigned int waited = 0; (i40e_read_reg(ad, I40E_PF_ATQH) & I40E_PF_AQH_MASK) != tail;
	     waited += AQ_POLL_US) {
		if (waited >= I40E_AQ_CMD_TIMEOUT_US) {
			PMD_LOG(ERR, "admin queue: opcode %#x not completed in %u ms\n",
				rte_le_to_cpu_16(desc->opcode), I40E_AQ_CMD_TIMEOUT_US / 1000);
			/* The slot stays taken: firmware may still complete it. */
			aq->next = tail;
			return -ETIMEDOUT;
		}
		rte_delay_us(AQ_POLL_US);
	}
	aq->next = tail;
	*desc = *slot;
	if (!(rte_le_to_cpu_16(desc->flags) & I40E_AQ_FLAG_DD))
		return -EIO; /* head moved without a write-back: a broken device */
	rc = rte_le_to_cpu_16(desc->retval);
	if (rte_le_to_cpu_16(desc->flags) & I40E_AQ_FLAG_ERR) {
		PMD_LOG(ERR, "admin queue: opcode %#x failed, firmware return code %u\n",
			rte_le_to_cpu_16(desc->opcode), rc);
		return -EIO;
	}
	return 0;
}

static int aq_get_version(struct i40e_adapter *ad)
{
	struct i40e_aq_desc d;
	int ret;

	memset(&d, 0, sizeof(d));
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_GET_VERSION);
	d.flags = rte_cpu_to_le_16(I40E_AQ_FLAG_SI);
	ret = i40e_aq_send(ad, &d);
	if (ret < 0)
		return ret;
	ad->aq.rom_ver = rte_le_to_cpu_32(d.params.version.rom_ver);
	ad->aq.fw_build = rte_le_to_cpu_32(d.params.version.fw_build);
	ad->aq.fw_major = rte_le_to_cpu_16(d.params.version.fw_major);
	ad->aq.fw_minor = rte_le_to_cpu_16(d.params.version.fw_minor);
	ad->aq.api_major = rte_le_to_cpu_16(d.params.version.api_major);
	ad->aq.api_minor = rte_le_to_cpu_16(d.params.version.api_minor);
	return 0;
}

int i40e_aq_init(struct i40e_adapter *ad, uint16_t port_id)
{
	struct i40e_adminq *aq = &ad->aq;
	char name[RTE_MEMZONE_NAMESIZE];
	int ret;

	memset(aq, 0, sizeof(*aq));
	snprintf(name, sizeof(name), "i40e_p%u_atq", port_id);
	aq->mz = rte_memzone_reserve_aligned(name, I40E_AQ_LEN * sizeof(struct i40e_aq_desc),
					     SOCKET_ID_ANY, RTE_MEMZONE_IOVA_CONTIG, 64);
	if (aq->mz == NULL)
		return -ENOMEM;
	aq->ring = aq->mz->addr;
	memset(aq->ring, 0, aq->mz->len);

	aq_regs_clear(ad);
	i40e_write_reg(ad, I40E_PF_ATQBAL, (uint32_t)aq->mz->iova);
	i40e_write_reg(ad, I40E_PF_ATQBAH, (uint32_t)(aq->mz->iova >> 32));
	i40e_write_reg(ad, I40E_PF_ATQLEN, I40E_AQ_LEN | I40E_PF_AQLEN_ENABLE);
	/* A device that does not keep the base address has no admin queue. */
	if (i40e_read_reg(ad, I40E_PF_ATQBAL) != (uint32_t)aq->mz->iova) {
		PMD_LOG(ERR, "admin queue: PF_ATQBAL does not hold the ring address\n");
		ret = -EIO;
		goto fail;
	}
	ret = aq_get_version(ad);
	if (ret < 0) {
		PMD_LOG(ERR, "admin queue: get_version failed (%d)\n", ret);
		goto fail;
	}
	if (aq->api_major > I40E_FW_API_VERSION_MAJOR) {
		PMD_LOG(ERR,
			"firmware admin queue API %u.%u is newer than this driver speaks (%u.x); "
			"update the driver\n",
			aq->api_major, aq->api_minor, I40E_FW_API_VERSION_MAJOR);
		ret = -ENOTSUP;
		goto fail;
	}
	return 0;
fail:
	i40e_aq_shutdown(ad);
	return ret;
}
