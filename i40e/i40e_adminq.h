/* SPDX-License-Identifier: BSD-3-Clause
 * The driver side of the X710 admin queue: a ring of command descriptors
 * in IOVA-contiguous hugepage memory that firmware reads and completes.
 */
#ifndef RTEMEM_I40E_ADMINQ_H
#define RTEMEM_I40E_ADMINQ_H

#include <stdint.h>

#include "i40e_adminq_desc.h"

struct i40e_adapter;
struct rte_memzone;

#define I40E_AQ_LEN 32                 /* descriptors in the send queue */
#define I40E_AQ_CMD_TIMEOUT_US 250000  /* as DPDK's I40E_ASQ_CMD_TIMEOUT */

struct i40e_adminq {
	const struct rte_memzone *mz;
	struct i40e_aq_desc *ring;
	uint16_t next;                 /* the descriptor the next command takes */
	/* from get_version at init */
	uint16_t fw_major, fw_minor, api_major, api_minor;
	uint32_t fw_build, rom_ver;
};

/* Sets up the send queue of port_id's adapter and asks firmware for its
 * version; refuses (-ENOTSUP) an admin queue API newer than the driver's.
 * 0 or -errno, with everything undone on failure. */
int i40e_aq_init(struct i40e_adapter *ad, uint16_t port_id);

/* Turns the queue off and frees its ring; safe after a failed init. */
void i40e_aq_shutdown(struct i40e_adapter *ad);

/*
 * Sends one direct command and waits for firmware to complete it; desc is
 * updated with the written-back descriptor. 0; -EIO with the firmware's
 * return code logged if it set ERR; -ETIMEDOUT if it never completed;
 * -ENODEV if the queue is not set up.
 */
int i40e_aq_send(struct i40e_adapter *ad, struct i40e_aq_desc *desc);

#endif
