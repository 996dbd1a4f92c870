/* SPDX-License-Identifier: BSD-3-Clause
 * X710 admin send queue: set-up, one command at a time (direct, or with
 * an indirect buffer), firmware return codes as -errno, get_version.
 *
 * The driver writes a descriptor into the ring and moves the tail
 * (PF_ATQT); firmware completes descriptors in order and moves the head
 * (PF_ATQH) past them. A command is done when the head reaches the tail
 * the driver wrote; its descriptor then carries DD and CMP, and ERR with
 * a return code if it failed. Commands are sent one at a time, so the
 * ring never holds more than one outstanding descriptor.
 *
 * An indirect command carries a buffer: FLAG_BUF, its length in datalen
 * and its IO address in the last two parameter words. Firmware reads it
 * (FLAG_RD) or writes its answer into it. Every command goes through one
 * DMA buffer of I40E_AQ_BUF_SIZE bytes that the queue owns, so callers
 * pass ordinary memory.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_memzone.h>

#include "i40e_adminq.h"
#include "i40e_ethdev.h"

/* A command is polled for every 10 us at first, then ever less often, up
 * to every millisecond: most complete within microseconds, and a queue
 * firmware has stopped serving costs about 260 polls before the timeout,
 * not 25,000 (DPDK polls every 50 us). */
#define AQ_POLL_US 10
#define AQ_POLL_MAX_US 1000

static void aq_regs_clear(struct i40e_adapter *ad)
{
	i40e_write_reg(ad, I40E_PF_ATQLEN, 0);
	i40e_write_reg(ad, I40E_PF_ATQH, 0);
	i40e_write_reg(ad, I40E_PF_ATQT, 0);
	i40e_write_reg(ad, I40E_PF_ATQBAL, 0);
	i40e_write_reg(ad, I40E_PF_ATQBAH, 0);
	i40e_write_reg(ad, I40E_PF_ARQLEN, 0);
	i40e_write_reg(ad, I40E_PF_ARQH, 0);
	i40e_write_reg(ad, I40E_PF_ARQT, 0);
	i40e_write_reg(ad, I40E_PF_ARQBAL, 0);
	i40e_write_reg(ad, I40E_PF_ARQBAH, 0);
}

/* An event descriptor as firmware wants it: empty, with its buffer. */
static void arq_arm(struct i40e_adminq *aq, uint16_t i)
{
	struct i40e_aq_desc *d = &aq->arq_ring[i];
	uint64_t buf = aq->arq_mz->iova + I40E_ARQ_LEN * sizeof(*d) + (uint64_t)i * I40E_ARQ_BUF_SIZE;

	memset(d, 0, sizeof(*d));
	d->flags = rte_cpu_to_le_16(I40E_AQ_FLAG_BUF |
				    (I40E_ARQ_BUF_SIZE > I40E_AQ_LARGE_BUF ? I40E_AQ_FLAG_LB : 0));
	d->datalen = rte_cpu_to_le_16(I40E_ARQ_BUF_SIZE);
	d->params.generic.addr_high = rte_cpu_to_le_32((uint32_t)(buf >> 32));
	d->params.generic.addr_low = rte_cpu_to_le_32((uint32_t)buf);
}

/* The receive queue: every descriptor armed and given to firmware (the
 * tail one before the head: head == tail means firmware has none). */
static int arq_init(struct i40e_adapter *ad, uint16_t port_id)
{
	struct i40e_adminq *aq = &ad->aq;
	char name[RTE_MEMZONE_NAMESIZE];

	snprintf(name, sizeof(name), "i40e_p%u_arq", port_id);
	aq->arq_mz = rte_memzone_reserve_aligned(name, I40E_ARQ_LEN * (sizeof(struct i40e_aq_desc) +
								  I40E_ARQ_BUF_SIZE),
						 SOCKET_ID_ANY, RTE_MEMZONE_IOVA_CONTIG, 64);
	if (aq->arq_mz == NULL)
		return -ENOMEM;
	aq->arq_ring = aq->arq_mz->addr;
	for (uint16_t i = 0; i < I40E_ARQ_LEN; i++)
		arq_arm(aq, i);
	aq->arq_next = 0;
	i40e_write_reg(ad, I40E_PF_ARQBAL, (uint32_t)aq->arq_mz->iova);
	i40e_write_reg(ad, I40E_PF_ARQBAH, (uint32_t)(aq->arq_mz->iova >> 32));
	i40e_write_reg(ad, I40E_PF_ARQLEN, I40E_ARQ_LEN | I40E_PF_AQLEN_ENABLE);
	i40e_write_reg(ad, I40E_PF_ARQT, I40E_ARQ_LEN - 1);
	return 0;
}

int i40e_aq_next_event(struct i40e_adapter *ad, struct i40e_aq_desc *ev)
{
	struct i40e_adminq *aq = &ad->aq;
	uint32_t len;
	uint16_t head;

	if (aq->arq_ring == NULL)
		return -ENODEV;
	len = i40e_read_reg(ad, I40E_PF_ARQLEN);
	if (len & (I40E_PF_AQLEN_OVFL | I40E_PF_AQLEN_CRIT)) {
		PMD_LOG(ERR, "admin receive queue: %s\n",
			len & I40E_PF_AQLEN_CRIT ? "critical error" : "overflow, events lost");
		i40e_write_reg(ad, I40E_PF_ARQLEN,
			       len & ~(I40E_PF_AQLEN_OVFL | I40E_PF_AQLEN_CRIT));
	}
	head = (uint16_t)(i40e_read_reg(ad, I40E_PF_ARQH) & I40E_PF_AQH_MASK);
	if (aq->arq_next == head)
		return 0;
	*ev = aq->arq_ring[aq->arq_next];
	arq_arm(aq, aq->arq_next);
	/* This one back to firmware: it is the new tail. */
	i40e_write_reg(ad, I40E_PF_ARQT, aq->arq_next);
	aq->arq_next = (uint16_t)((aq->arq_next + 1) % I40E_ARQ_LEN);
	return 1;
}

void i40e_aq_shutdown(struct i40e_adapter *ad)
{
	if (ad->aq.mz == NULL)
		return;
	/* As DPDK's close and Linux's i40e: firmware is told the driver is
	 * unloading, unless the queue is off or a command already timed out
	 * (a failed probe should not wait out a second timeout). */
	if (!ad->aq.hung && (i40e_read_reg(ad, I40E_PF_ATQLEN) & I40E_PF_AQLEN_ENABLE))
		(void)i40e_aq_queue_shutdown(ad, true);
	aq_regs_clear(ad);
	rte_memzone_free(ad->aq.mz);
	rte_memzone_free(ad->aq.buf_mz);
	rte_memzone_free(ad->aq.arq_mz);
	memset(&ad->aq, 0, sizeof(ad->aq));
}

/* Firmware's return codes as the errno each is named after; EFLUSHED,
 * BAD_ADDR and EMODE have none of their own (as in Linux's i40e). */
int i40e_aq_rc_to_errno(uint16_t rc)
{
	static const int map[] = {
		[I40E_AQ_RC_OK] = 0,           [I40E_AQ_RC_EPERM] = EPERM,
		[I40E_AQ_RC_ENOENT] = ENOENT,  [I40E_AQ_RC_ESRCH] = ESRCH,
		[I40E_AQ_RC_EINTR] = EINTR,    [I40E_AQ_RC_EIO] = EIO,
		[I40E_AQ_RC_ENXIO] = ENXIO,    [I40E_AQ_RC_E2BIG] = E2BIG,
		[I40E_AQ_RC_EAGAIN] = EAGAIN,  [I40E_AQ_RC_ENOMEM] = ENOMEM,
		[I40E_AQ_RC_EACCES] = EACCES,  [I40E_AQ_RC_EFAULT] = EFAULT,
		[I40E_AQ_RC_EBUSY] = EBUSY,    [I40E_AQ_RC_EEXIST] = EEXIST,
		[I40E_AQ_RC_EINVAL] = EINVAL,  [I40E_AQ_RC_ENOTTY] = ENOTTY,
		[I40E_AQ_RC_ENOSPC] = ENOSPC,  [I40E_AQ_RC_ENOSYS] = ENOSYS,
		[I40E_AQ_RC_ERANGE] = ERANGE,  [I40E_AQ_RC_EFLUSHED] = EPIPE,
		[I40E_AQ_RC_BAD_ADDR] = EFAULT, [I40E_AQ_RC_EMODE] = EPERM,
		[I40E_AQ_RC_EFBIG] = EFBIG,
	};

	if (rc == I40E_AQ_RC_OK)
		return 0;
	return rc < RTE_DIM(map) ? -map[rc] : -EIO;
}

int i40e_aq_send(struct i40e_adapter *ad, struct i40e_aq_desc *desc)
{
	return i40e_aq_send_buf(ad, desc, NULL, 0);
}

int i40e_aq_send_buf(struct i40e_adapter *ad, struct i40e_aq_desc *desc, void *buf,
		     uint16_t len)
{
	struct i40e_adminq *aq = &ad->aq;
	struct i40e_aq_desc *slot;
	uint16_t tail, rc, flags;

	if (aq->ring == NULL)
		return -ENODEV;
	if (len > I40E_AQ_BUF_SIZE || (buf == NULL) != (len == 0))
		return -EINVAL;
	slot = &aq->ring[aq->next];
	*slot = *desc;
	flags = rte_le_to_cpu_16(desc->flags) & ~(I40E_AQ_FLAG_DD | I40E_AQ_FLAG_CMP |
						  I40E_AQ_FLAG_ERR | I40E_AQ_FLAG_BUF |
						  I40E_AQ_FLAG_LB);
	if (buf != NULL) {
		/* Firmware sees the caller's bytes whether it reads them or
		 * only writes its answer over them. */
		memcpy(aq->buf, buf, len);
		flags |= I40E_AQ_FLAG_BUF | (len > I40E_AQ_LARGE_BUF ? I40E_AQ_FLAG_LB : 0);
		slot->datalen = rte_cpu_to_le_16(len);
		slot->params.generic.addr_high = rte_cpu_to_le_32((uint32_t)(aq->buf_iova >> 32));
		slot->params.generic.addr_low = rte_cpu_to_le_32((uint32_t)aq->buf_iova);
	}
	slot->flags = rte_cpu_to_le_16(flags);
	tail = (uint16_t)((aq->next + 1) % I40E_AQ_LEN);
	i40e_write_reg(ad, I40E_PF_ATQT, tail); /* orders the descriptor before the tail */

	for (unsigned int waited = 0, step = AQ_POLL_US;
	     (i40e_read_reg(ad, I40E_PF_ATQH) & I40E_PF_AQH_MASK) != tail;
	     waited += step, step = RTE_MIN(2 * step, (unsigned int)AQ_POLL_MAX_US)) {
		if (waited >= I40E_AQ_CMD_TIMEOUT_US) {
			PMD_LOG(ERR, "admin queue: opcode %#x not completed in %u ms\n",
				rte_le_to_cpu_16(desc->opcode), I40E_AQ_CMD_TIMEOUT_US / 1000);
			/* The slot stays taken: firmware may still complete it. */
			aq->next = tail;
			aq->hung = true;
			return -ETIMEDOUT;
		}
		rte_delay_us(step);
	}
	aq->next = tail;
	*desc = *slot;
	if (!(rte_le_to_cpu_16(desc->flags) & I40E_AQ_FLAG_DD))
		return -EIO; /* head moved without a write-back: a broken device */
	rc = rte_le_to_cpu_16(desc->retval);
	aq->last_rc = rc;
	if (rte_le_to_cpu_16(desc->flags) & I40E_AQ_FLAG_ERR) {
		PMD_LOG(DEBUG, "admin queue: opcode %#x failed, firmware return code %u\n",
			rte_le_to_cpu_16(desc->opcode), rc);
		return rc == I40E_AQ_RC_OK ? -EIO : i40e_aq_rc_to_errno(rc);
	}
	if (buf != NULL)
		memcpy(buf, aq->buf, len); /* the answer, or the request as firmware left it */
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
	snprintf(name, sizeof(name), "i40e_p%u_atq_buf", port_id);
	aq->buf_mz = rte_memzone_reserve_aligned(name, I40E_AQ_BUF_SIZE, SOCKET_ID_ANY,
						 RTE_MEMZONE_IOVA_CONTIG, 64);
	if (aq->buf_mz == NULL) {
		rte_memzone_free(aq->mz);
		memset(aq, 0, sizeof(*aq));
		return -ENOMEM;
	}
	aq->buf = aq->buf_mz->addr;
	aq->buf_iova = aq->buf_mz->iova;

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
	ret = arq_init(ad, port_id);
	if (ret < 0)
		goto fail;
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
