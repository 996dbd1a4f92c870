/* SPDX-License-Identifier: BSD-3-Clause
 * The emulated X710's admin transmit queue: the firmware side of the
 * command ring the driver writes (i40e/i40e_adminq_desc.h), and the state
 * those commands change: the PF's main VSI in the internal switch (its MAC
 * filters, promiscuous flags and queue mapping), PXE mode, link status.
 */
#ifndef RTEMEM_SIM_I40E_AQ_H
#define RTEMEM_SIM_I40E_AQ_H

#include <stdbool.h>
#include <stdint.h>

#define SIM_I40E_VSI_FILTERS 64      /* perfect MAC filters the model keeps per VSI */
#define SIM_I40E_MAIN_VSI_SEID 390   /* what get_switch_config reports */
#define SIM_I40E_MAC_SEID 2
#define SIM_I40E_PF_SEID 16

struct sim_i40e_filter {
	uint8_t mac[6];
	bool ignore_vlan;
	uint16_t vlan;      /* when not ignored: the VLAN ID it needs (0: untagged) */
};

struct sim_i40e_vsi {
	uint16_t seid;
	uint16_t first_queue;  /* PF queue of TC0's first queue */
	uint8_t qnum_log2;     /* TC0 has 2^n queues */
	uint16_t promisc;      /* I40E_AQC_SET_VSI_PROMISC_* now set */
	unsigned int nb_filters;
	struct sim_i40e_filter filters[SIM_I40E_VSI_FILTERS];
};

struct sim_i40e_aq {
	uint32_t bal, bah, len, head, tail;                 /* send queue (ATQ) */
	uint32_t rbal, rbah, rlen, rhead, rtail;            /* receive queue (ARQ): events */
	uint64_t events_lost;          /* events with no free ARQ descriptor */
	uint16_t api_major, api_minor; /* what get_version reports */
	uint64_t commands;             /* completed, with or without error */
	uint32_t unloads;              /* queue shutdowns with DRIVER_UNLOADING */
	/* the port as firmware knows it (set by the device) */
	uint8_t mac[6];
	bool link_up;
	uint8_t link_speed;            /* I40E_AQ_LINK_SPEED_* when up */
	uint8_t phy_type;
	bool pxe_mode;                 /* until clear_pxe; survives a PF reset */
	bool lse;                      /* link status events asked for */
	uint16_t pf_queues;            /* the PF's queues (PFLAN_QALLOC), set by the device */
	struct sim_i40e_vsi vsi;
	/* Test seam (sim_i40e_aq_fault): after fault_skip more commands the
	 * next one fails with fault_rc, or stalls the queue. Survives a PF
	 * reset, as the test's setting; a stall does not. */
	bool fault_armed;
	uint32_t fault_skip;
	uint16_t fault_rc;
	bool stalled;                  /* firmware serves no command until cleared */
};

#define SIM_I40E_AQ_STALL 0xffffu /* fault_rc: never complete the command */

/* Power-on / PF reset state: queue off, firmware version as shipped, the
 * main VSI as firmware sets it up: one queue (PF queue 0), a filter for
 * the port's MAC, no promiscuous flag, broadcast not accepted. */
void sim_i40e_aq_reset(struct sim_i40e_aq *aq);

/* A register access at off: true if it is an admin queue register (then
 * *val is the value read). Called under the device lock. */
bool sim_i40e_aq_read(const struct sim_i40e_aq *aq, uint32_t off, uint32_t *val);
bool sim_i40e_aq_write(struct sim_i40e_aq *aq, uint32_t off, uint32_t val);

/* Arm a fault (see struct sim_i40e_aq), or with on false disarm it and
 * let a stalled queue go on: the commands waiting are carried out now. */
void sim_i40e_aq_set_fault(struct sim_i40e_aq *aq, bool on, uint32_t skip, uint16_t rc);

/* The link went up or down: with link status events enabled (LSE, by
 * get_link_status) firmware posts a get_link_status event on the ARQ. */
void sim_i40e_aq_link_changed(struct sim_i40e_aq *aq);

/* The switch: does the main VSI take this frame (its destination MAC, and
 * its VLAN for a filter bound to one)? */
bool sim_i40e_aq_vsi_accepts(const struct sim_i40e_aq *aq, const uint8_t *frame, uint32_t len);
/* The PF queue an RSS lookup table entry names within the VSI's TC0: the
 * entry's low bits select one of its 2^n queues. */
unsigned int sim_i40e_aq_vsi_queue(const struct sim_i40e_aq *aq, unsigned int lut_entry);

#endif
