/* SPDX-License-Identifier: BSD-3-Clause
 * The emulated Intel X710/XL710 physical function: a BAR0 register file
 * with the receive registers of i40e/i40e_regs.h, receive descriptor
 * processing over the sim IOMMU (sim_dma_read/sim_dma_write), and a packet
 * source as its wire. Queue contexts are read from the LAN HMC in host
 * memory (sim_i40e_hmc.c) when a queue is enabled, unless one was written
 * through PFCM_LANCTX. Its firmware (sim_i40e_aq.c) answers the admin queue
 * and keeps the main VSI, whose MAC filters, promiscuous flags and queue
 * map decide which frames reach which queue.
 *
 * When frames arrive. Two ways, both synchronous (no thread):
 *  - sim_i40e_deliver(dev, n): tests take n frames off the wire at once.
 *    The wire does not wait: a frame whose queue is disabled or has no free
 *    descriptor is dropped and counted (like a real NIC's "missed").
 *  - auto delivery (on by default, for programs that only call
 *    rte_eth_rx_burst): whenever the driver writes a QRX_TAIL or reads a
 *    QRX_ENA, the device takes frames off the wire as long as the next
 *    frame's queue has room; the first frame that does not fit waits in the
 *    device's packet buffer, as if the link partner honoured PAUSE frames.
 *    So the batch is bounded by the free descriptors, nothing is dropped
 *    for lack of room, and a driver that keeps refilling sees every frame.
 *    A frame for a disabled queue waits as well (at start the driver enables
 *    its queues one after the other); so a queue that RSS points at but the
 *    program never starts (rx_deferred_start) holds the wire up.
 */
#ifndef RTEMEM_SIM_I40E_H
#define RTEMEM_SIM_I40E_H

#include <stdbool.h>
#include <stdint.h>

#include "pkt_source.h"
#include "sim_i40e_aq.h"
#include "sim_i40e_hmc.h"
#include "sim_machine.h"

struct sim_i40e;

extern const struct sim_device_model sim_x710_model;  /* --sim=nic=x710, device 0x1572 */
extern const struct sim_device_model sim_xl710_model; /* --sim=nic=xl710, device 0x1583 */

/* The n-th emulated i40e on the sim PCI bus, or NULL. */
struct sim_i40e *sim_i40e_get(unsigned int n);

/*
 * Replace the device's wire (the device owns src from now on and frees it;
 * NULL: no traffic). A frame waiting in the packet buffer is discarded.
 * At creation a device takes --sim=pcap=FILE, if given, as its first source.
 */
void sim_i40e_set_source(struct sim_i40e *dev, struct pkt_source *src);
void sim_i40e_set_auto_deliver(struct sim_i40e *dev, bool on);

/* Take up to max_frames off the wire (see above). Returns how many were
 * taken (delivered or dropped); 0 once the wire is empty. */
unsigned int sim_i40e_deliver(struct sim_i40e *dev, unsigned int max_frames);

/* What happened to one frame. */
enum sim_i40e_rx_result {
	SIM_I40E_RX_OK,
	SIM_I40E_RX_NO_DESC,   /* queue disabled or full: dropped (missed) */
	SIM_I40E_RX_OVERSIZE,  /* longer than the queue's RXMAX: dropped */
	SIM_I40E_RX_DMA_ERROR, /* a descriptor or buffer address did not translate */
	SIM_I40E_RX_FILTERED,  /* not for the VSI's MACs, not promiscuous: dropped */
};

/* Receive one given frame now, as if it came off the wire (lossy). */
enum sim_i40e_rx_result sim_i40e_receive(struct sim_i40e *dev, const uint8_t *frame,
					 uint32_t len);

struct sim_i40e_queue_stats {
	uint64_t packets;
	uint64_t bytes;
	uint64_t drops;      /* no descriptor or queue disabled */
	uint64_t oversize;
	uint64_t dma_errors; /* frames lost to a bad address */
};

/* Test seam: queue q keeps QENA_STAT set when asked to switch off (a
 * queue that does not drain), until called again with false. A PF reset
 * clears it. */
void sim_i40e_set_queue_stuck(struct sim_i40e *dev, unsigned int q, bool stuck);

/* Plug the cable in (up) or pull it out: PRTMAC_LINKSTA follows. A new
 * device's link is up; a PF reset does not change it. */
void sim_i40e_set_link(struct sim_i40e *dev, bool up);

/* PFLAN_QALLOC: the PF owns count queues of the device's queue space from
 * first on (count <= I40E_SIM_MAX_RX_QUEUES; 0 and 64 after creation).
 * The PF's queue registers reach queues 0..count-1 of the PF. Read by the
 * driver at probe. 0 or -EINVAL. */
int sim_i40e_set_queue_alloc(struct sim_i40e *dev, uint16_t first, uint16_t count);

/* A copy of the device's HMC state: segment descriptors, object bases and
 * counts, refused context reads and why the last one was refused. */
void sim_i40e_hmc_status(struct sim_i40e *dev, struct sim_i40e_hmc *hmc);

/*
 * Test seam: firmware answers the admin queue command after the next skip
 * ones with return code rc (I40E_AQ_RC_*) instead of carrying it out, or,
 * with rc SIM_I40E_AQ_STALL, never completes it (the head stays, the
 * driver times out). The fault stays armed across PF resets until it
 * fires; sim_i40e_aq_fault_clear disarms it and lets a stalled queue go on
 * (the waiting commands are carried out then; a PF reset drops them).
 */
void sim_i40e_aq_fault(struct sim_i40e *dev, uint32_t skip, uint16_t rc);
void sim_i40e_aq_fault_clear(struct sim_i40e *dev);
/* Is a fault armed that has not fired yet? */
bool sim_i40e_aq_fault_pending(struct sim_i40e *dev);
/* Queue shutdown commands with DRIVER_UNLOADING since the device was made. */
uint32_t sim_i40e_aq_unloads(struct sim_i40e *dev);

/*
 * Test seam: hook(arg, q) is called when PF queue q is enabled, just
 * before the device fetches its context (from the HMC or the PFCM_LANCTX
 * cache), with the device's lock held: it may change host memory (the
 * context object), not the device's registers. NULL: none.
 */
void sim_i40e_set_ctx_hook(struct sim_i40e *dev, void (*hook)(void *arg, unsigned int q),
			   void *arg);

/* The admin queue API version the device's firmware reports (a newer
 * NVM image); kept across PF resets. */
void sim_i40e_set_fw_api(struct sim_i40e *dev, uint16_t major, uint16_t minor);

/* Per-queue counters (q < I40E_SIM_MAX_RX_QUEUES); -EINVAL otherwise. */
int sim_i40e_queue_stats(struct sim_i40e *dev, unsigned int q, struct sim_i40e_queue_stats *st);
/* The queue an RSS hash maps to through the device's lookup table. */
unsigned int sim_i40e_rss_queue(struct sim_i40e *dev, const uint8_t *frame, uint32_t len);
/* Frames the switch dropped: no MAC filter of the VSI matched and no
 * promiscuous flag let them in (SIM_I40E_RX_FILTERED). */
uint64_t sim_i40e_switch_drops(struct sim_i40e *dev);
/* A copy of the main VSI as firmware keeps it (filters, promiscuous
 * flags, queue mapping). */
void sim_i40e_vsi_get(struct sim_i40e *dev, struct sim_i40e_vsi *vsi);
/*
 * Test seam for the flow director: the X710 takes perfect filters through
 * a programming queue, which rtemem's driver does not drive. Frames of
 * the same flow as frame (packet type, and the input set the RSS hash
 * reads: addresses, then ports for TCP and UDP) match the filter: their
 * last descriptor says FLM and carries fd_id, in qword3 with FLEXBH =
 * FD_ID (32-byte descriptors; the RSS hash stays) or in qword0 instead of
 * the hash with FLTSTAT = FD_ID (16-byte). -EINVAL for a frame without
 * that input set (not IP), -ENOSPC beyond SIM_I40E_FDIR_MAX filters. The
 * filters stay until sim_i40e_fdir_clear.
 */
#define SIM_I40E_FDIR_MAX 8
int sim_i40e_fdir_add(struct sim_i40e *dev, const uint8_t *frame, uint32_t len, uint32_t fd_id);
void sim_i40e_fdir_clear(struct sim_i40e *dev);
/* Frames still on the wire or waiting in the packet buffer? */
bool sim_i40e_wire_empty(struct sim_i40e *dev);

#endif
