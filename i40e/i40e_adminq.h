/* SPDX-License-Identifier: BSD-3-Clause
 * The driver side of the X710 admin queue: a ring of command descriptors
 * in IOVA-contiguous hugepage memory that firmware reads and completes.
 */
#ifndef RTEMEM_I40E_ADMINQ_H
#define RTEMEM_I40E_ADMINQ_H

#include <stdbool.h>
#include <stdint.h>

#include "i40e_adminq_desc.h"

struct i40e_adapter;
struct rte_memzone;

#define I40E_AQ_LEN 32                 /* descriptors in the send queue */
#define I40E_AQ_CMD_TIMEOUT_US 250000  /* as DPDK's I40E_ASQ_CMD_TIMEOUT */
#define I40E_AQ_BUF_SIZE 4096          /* the largest indirect buffer, as DPDK's */
#define I40E_ARQ_LEN 32                /* descriptors in the receive (event) queue */
#define I40E_ARQ_BUF_SIZE 512          /* each event's buffer */

struct i40e_adminq {
	const struct rte_memzone *mz;
	struct i40e_aq_desc *ring;
	const struct rte_memzone *buf_mz; /* the indirect buffer firmware reads/writes */
	void *buf;
	uint64_t buf_iova;
	uint16_t next;                 /* the descriptor the next command takes */
	/* receive queue (events): ring and its buffers in one memzone */
	const struct rte_memzone *arq_mz;
	struct i40e_aq_desc *arq_ring;
	uint16_t arq_next;             /* the next event to look at */
	uint16_t last_rc;              /* firmware's return code of the last command */
	bool hung;                     /* a command timed out: firmware is not answering */
	/* from get_version at init */
	uint16_t fw_major, fw_minor, api_major, api_minor;
	uint32_t fw_build, rom_ver;
};

/* Sets up the send and receive queues of port_id's adapter and asks
 * firmware for its version; refuses (-ENOTSUP) an admin queue API newer
 * than the driver's. 0 or -errno, with everything undone on failure. */
int i40e_aq_init(struct i40e_adapter *ad, uint16_t port_id);

/* Turns the queue off and frees its ring; safe after a failed init. */
void i40e_aq_shutdown(struct i40e_adapter *ad);

/*
 * Sends one direct command and waits for firmware to complete it; desc is
 * updated with the written-back descriptor. 0; if firmware set ERR, its
 * return code as -errno (i40e_aq_rc_to_errno; the code itself stays in
 * desc->retval and aq.last_rc); -ETIMEDOUT if it never completed; -EIO if
 * the head moved without a write-back; -ENODEV if the queue is not set up.
 */
int i40e_aq_send(struct i40e_adapter *ad, struct i40e_aq_desc *desc);

/*
 * The same with an indirect buffer of len bytes (up to I40E_AQ_BUF_SIZE):
 * buf is copied to the queue's DMA buffer, the descriptor gets FLAG_BUF
 * (and FLAG_LB above 512 bytes), datalen and the address; the caller sets
 * FLAG_RD when firmware is to read it. On success buf holds what firmware
 * left there (its answer). -EINVAL for a bad length.
 */
int i40e_aq_send_buf(struct i40e_adapter *ad, struct i40e_aq_desc *desc, void *buf,
		     uint16_t len);

/*
 * Takes the next event firmware has posted on the receive queue: *ev is
 * its descriptor (opcode, parameters; an event with a payload has it in
 * the descriptor's buffer, which is given back at once, so only events
 * without one are meaningful here). The descriptor goes back to firmware.
 * 1 if there was one, 0 if not, -ENODEV without a queue. An overflow
 * firmware reported (events lost) is logged and cleared.
 */
int i40e_aq_next_event(struct i40e_adapter *ad, struct i40e_aq_desc *ev);

/* A firmware return code (I40E_AQ_RC_*) as -errno; 0 for OK. */
int i40e_aq_rc_to_errno(uint16_t rc);

/* ---- commands (i40e_aq_cmds.c), each 0 or -errno as i40e_aq_send ---- */

/* Take the port out of PXE mode (firmware's boot-time receive set-up);
 * already out of it (EEXIST) counts as done. */
int i40e_aq_clear_pxe_mode(struct i40e_adapter *ad);
/* Tell firmware the admin queue goes away (unloading: the driver too). */
int i40e_aq_queue_shutdown(struct i40e_adapter *ad, bool unloading);

/* The PF's LAN MAC address from the NVM; -EIO if firmware marks it invalid. */
int i40e_aq_mac_address_read(struct i40e_adapter *ad, uint8_t mac[6]);

/* The SEID of the PF's main VSI (the first VSI in the switch) and of the
 * port's MAC element it hangs off; -ENOENT if there is no VSI. */
int i40e_aq_get_switch_config(struct i40e_adapter *ad, uint16_t *vsi_seid, uint16_t *mac_seid);

/* Map nb_queues receive queues, starting at PF queue first, to traffic
 * class 0 of the VSI (rounded up to a power of two, as the VSI's queue
 * count is one; at most 64). */
int i40e_aq_update_vsi_queues(struct i40e_adapter *ad, uint16_t seid, uint16_t first,
			      uint16_t nb_queues);

/* A perfect MAC filter (any VLAN) to the VSI, or off it. */
int i40e_aq_add_macvlan(struct i40e_adapter *ad, uint16_t seid, const uint8_t mac[6]);
int i40e_aq_remove_macvlan(struct i40e_adapter *ad, uint16_t seid, const uint8_t mac[6]);

/* Set the VSI's promiscuous flags named in valid to their value in flags
 * (I40E_AQC_SET_VSI_PROMISC_*). */
int i40e_aq_set_vsi_promisc(struct i40e_adapter *ad, uint16_t seid, uint16_t flags,
			    uint16_t valid);

struct i40e_aq_link {
	bool up;
	uint8_t speed;       /* I40E_AQ_LINK_SPEED_* */
	uint8_t phy_type;
	uint16_t max_frame_size;
};

/* lse: whether firmware is to post link status events on the receive
 * queue from now on (DPDK asks for them when the application wants link
 * status interrupts). */
int i40e_aq_get_link_status(struct i40e_adapter *ad, bool lse, struct i40e_aq_link *link);

#endif
