/* SPDX-License-Identifier: BSD-3-Clause
 * The emulated X710's admin transmit queue and the firmware behind it.
 *
 * When the driver moves PF_ATQT, firmware fetches each descriptor from
 * head to tail over DMA, carries out the command, writes the descriptor
 * back with DD and CMP (and ERR plus a return code on failure) and moves
 * PF_ATQH past it. The driver knows a command is done when the head
 * reaches its tail. Commands the model does not implement complete with
 * ENOSYS, as firmware answers an unknown opcode; a ring it cannot read or
 * write sets the queue's critical-error bit and stops it.
 *
 * The receive queue (ARQ) is firmware's way back: the driver gives it
 * descriptors with buffers (from head up to the one before PF_ARQT) and
 * firmware fills the one at PF_ARQH with an event and moves the head; the
 * model posts one event, link status change, after get_link_status asked
 * for them (LSE). With no descriptor free the event is lost and ARQLEN's
 * overflow bit set.
 *
 * Indirect commands: the buffer is at addr_high/addr_low, datalen bytes,
 * and FLAG_BUF says it is there. Firmware reads it (the driver set
 * FLAG_RD) or writes its answer into it. A command that needs a buffer
 * and has none, one too short, one over 512 bytes without FLAG_LB, or RD
 * set the wrong way for the command fails with EINVAL; a buffer address
 * that does not translate, with BAD_ADDR.
 *
 * What firmware enforces and the model with it: commands name the VSI by
 * its SEID and only the SEID get_switch_config reports is accepted
 * (EINVAL otherwise, as for any bad parameter); a filter added twice is
 * EEXIST, one removed that is not there ENOENT, a full table ENOSPC; a
 * queue mapping past the PF's queues EINVAL. (Tests can make any command
 * fail with a code of their choice, or stall it: sim_i40e_aq_set_fault.)
 * Which code real firmware
 * returns in each of these cases is the model's reading of the datasheet,
 * not a measurement.
 */
#include <string.h>

#include <rte_common.h>

#include "i40e_adminq_desc.h"
#include "i40e_regs.h"
#include "sim_i40e_aq.h"
#include "sim_machine.h"

/* What the model reports: an X710 NVM 9.20 image, admin queue API 1.15. */
#define SIM_FW_MAJOR 9
#define SIM_FW_MINOR 20
#define SIM_FW_BUILD 0x5c3a0f17u
#define SIM_ROM_VER 0x0000012cu
#define SIM_API_MINOR 15
#define SIM_MAX_FRAME 9728

/* The largest buffer the model accepts (the driver's is 4 KB). */
#define SIM_AQ_BUF_MAX 4096

static void vsi_reset(struct sim_i40e_aq *aq)
{
	struct sim_i40e_vsi *v = &aq->vsi;

	memset(v, 0, sizeof(*v));
	v->seid = SIM_I40E_MAIN_VSI_SEID;
	/* Firmware's own filter for the LAN address, any VLAN. */
	memcpy(v->filters[0].mac, aq->mac, 6);
	v->filters[0].ignore_vlan = true;
	v->nb_filters = 1;
}

void sim_i40e_aq_reset(struct sim_i40e_aq *aq)
{
	struct sim_i40e_aq keep = *aq;

	/* The firmware image and what it knows of the port survive a PF
	 * reset; the queue and the VSI's settings do not. */
	memset(aq, 0, sizeof(*aq));
	aq->commands = keep.commands;
	aq->unloads = keep.unloads;
	aq->api_major = keep.api_major != 0 ? keep.api_major : I40E_FW_API_VERSION_MAJOR;
	aq->api_minor = keep.api_major != 0 ? keep.api_minor : SIM_API_MINOR;
	memcpy(aq->mac, keep.mac, 6);
	aq->link_up = keep.link_up;
	aq->link_speed = keep.link_speed;
	aq->phy_type = keep.phy_type;
	aq->pxe_mode = keep.pxe_mode;
	aq->pf_queues = keep.pf_queues;
	aq->fault_armed = keep.fault_armed;
	aq->fault_skip = keep.fault_skip;
	aq->fault_rc = keep.fault_rc;
	vsi_reset(aq);
}

/* ---- indirect buffers ----------------------------------------------------- */

struct cmd {
	struct i40e_aq_desc *d;
	uint16_t flags;
	uint16_t len;        /* datalen */
	uint64_t addr;
	uint8_t buf[SIM_AQ_BUF_MAX];
};

/* Fetch the command's buffer (at least need bytes); a return code. */
static uint16_t buf_in(struct cmd *c, uint16_t need, bool read)
{
	if (!(c->flags & I40E_AQ_FLAG_BUF) || c->len < need || c->len > sizeof(c->buf))
		return I40E_AQ_RC_EINVAL;
	if (c->len > I40E_AQ_LARGE_BUF && !(c->flags & I40E_AQ_FLAG_LB))
		return I40E_AQ_RC_EINVAL;
	if (read != ((c->flags & I40E_AQ_FLAG_RD) != 0))
		return I40E_AQ_RC_EINVAL;
	memset(c->buf, 0, sizeof(c->buf));
	if (read && sim_dma_read(c->addr, c->buf, c->len) < 0)
		return I40E_AQ_RC_BAD_ADDR;
	return I40E_AQ_RC_OK;
}

static uint16_t buf_out(struct cmd *c, uint16_t len)
{
	return sim_dma_write(c->addr, c->buf, len) < 0 ? I40E_AQ_RC_BAD_ADDR : I40E_AQ_RC_OK;
}

/* ---- commands ----------------------------------------------------------- */

/* Only the UNLOADING bit is defined; firmware then frees what it kept
 * for the driver (nothing the model keeps). */
static uint16_t queue_shutdown(struct sim_i40e_aq *aq, const struct cmd *c)
{
	uint32_t flags = rte_le_to_cpu_32(c->d->params.queue_shutdown.driver_unloading);

	if (flags & ~(uint32_t)I40E_AQ_DRIVER_UNLOADING)
		return I40E_AQ_RC_EINVAL;
	if (flags & I40E_AQ_DRIVER_UNLOADING)
		aq->unloads++;
	return I40E_AQ_RC_OK;
}

static uint16_t get_version(const struct sim_i40e_aq *aq, struct cmd *c)
{
	c->d->params.version.rom_ver = rte_cpu_to_le_32(SIM_ROM_VER);
	c->d->params.version.fw_build = rte_cpu_to_le_32(SIM_FW_BUILD);
	c->d->params.version.fw_major = rte_cpu_to_le_16(SIM_FW_MAJOR);
	c->d->params.version.fw_minor = rte_cpu_to_le_16(SIM_FW_MINOR);
	c->d->params.version.api_major = rte_cpu_to_le_16(aq->api_major);
	c->d->params.version.api_minor = rte_cpu_to_le_16(aq->api_minor);
	return I40E_AQ_RC_OK;
}

static uint16_t clear_pxe(struct sim_i40e_aq *aq, struct cmd *c)
{
	if (c->d->params.clear_pxe.rx_cnt != I40E_AQC_CLEAR_PXE_RX_CNT)
		return I40E_AQ_RC_EINVAL;
	if (!aq->pxe_mode)
		return I40E_AQ_RC_EEXIST; /* already out of PXE mode */
	aq->pxe_mode = false;
	return I40E_AQ_RC_OK;
}

static uint16_t mac_read(const struct sim_i40e_aq *aq, struct cmd *c)
{
	struct i40e_aqc_mac_read_data data;
	uint16_t rc = buf_in(c, sizeof(data), false);

	if (rc != I40E_AQ_RC_OK)
		return rc;
	memset(&data, 0, sizeof(data));
	memcpy(data.pf_lan_mac, aq->mac, 6);
	memcpy(data.port_mac, aq->mac, 6);
	memcpy(c->buf, &data, sizeof(data));
	c->d->params.mac_read.command_flags =
		rte_cpu_to_le_16(I40E_AQC_LAN_ADDR_VALID | I40E_AQC_PORT_ADDR_VALID);
	return buf_out(c, sizeof(data));
}

/* The PF's switch: its port's MAC, the PF, and the main VSI between them. */
static void switch_elements(struct i40e_aqc_switch_config_element el[3])
{
	memset(el, 0, 3 * sizeof(*el));
	el[0].element_type = I40E_SWITCH_ELEMENT_MAC;
	el[0].seid = rte_cpu_to_le_16(SIM_I40E_MAC_SEID);
	el[1].element_type = I40E_SWITCH_ELEMENT_PF;
	el[1].seid = rte_cpu_to_le_16(SIM_I40E_PF_SEID);
	el[2].element_type = I40E_SWITCH_ELEMENT_VSI;
	el[2].seid = rte_cpu_to_le_16(SIM_I40E_MAIN_VSI_SEID);
	el[2].uplink_seid = rte_cpu_to_le_16(SIM_I40E_MAC_SEID);
	el[2].downlink_seid = rte_cpu_to_le_16(SIM_I40E_PF_SEID);
	el[2].connection_type = 1; /* regular data port */
	for (int i = 0; i < 3; i++)
		el[i].revision = 1;
}

/* As many elements as fit from the one named in seid (0: the first), and
 * in the answer the SEID of the next one (0: that was all). */
static uint16_t get_switch_config(struct cmd *c)
{
	struct i40e_aqc_switch_config_element el[3];
	struct i40e_aqc_switch_config_header hdr;
	uint16_t from = rte_le_to_cpu_16(c->d->params.switch_seid.seid);
	unsigned int start = 0, fit, n;
	uint16_t rc = buf_in(c, sizeof(hdr) + sizeof(el[0]), false);

	if (rc != I40E_AQ_RC_OK)
		return rc;
	switch_elements(el);
	if (from != 0) {
		while (start < 3 && rte_le_to_cpu_16(el[start].seid) != from)
			start++;
		if (start == 3)
			return I40E_AQ_RC_EINVAL;
	}
	fit = (c->len - sizeof(hdr)) / sizeof(el[0]);
	n = RTE_MIN(fit, 3 - start);
	memset(&hdr, 0, sizeof(hdr));
	hdr.num_reported = rte_cpu_to_le_16((uint16_t)n);
	hdr.num_total = rte_cpu_to_le_16(3);
	memcpy(c->buf, &hdr, sizeof(hdr));
	memcpy(c->buf + sizeof(hdr), &el[start], n * sizeof(el[0]));
	c->d->params.switch_seid.seid = start + n < 3 ? el[start + n].seid : 0;
	return buf_out(c, (uint16_t)(sizeof(hdr) + n * sizeof(el[0])));
}

static uint16_t update_vsi(struct sim_i40e_aq *aq, struct cmd *c)
{
	struct i40e_aqc_vsi_properties p;
	uint16_t rc = buf_in(c, sizeof(p), true);
	uint16_t first, offset, tc0;
	unsigned int log2;

	if (rc != I40E_AQ_RC_OK)
		return rc;
	if (rte_le_to_cpu_16(c->d->params.vsi.uplink_seid) != aq->vsi.seid)
		return I40E_AQ_RC_EINVAL;
	memcpy(&p, c->buf, sizeof(p));
	/* Other sections are accepted and not modelled. */
	if (!(rte_le_to_cpu_16(p.valid_sections) & I40E_AQ_VSI_PROP_QUEUE_MAP_VALID))
		return I40E_AQ_RC_OK;
	if (rte_le_to_cpu_16(p.mapping_flags) != I40E_AQ_VSI_QUE_MAP_CONTIG)
		return I40E_AQ_RC_EINVAL; /* non-contiguous maps are not modelled */
	first = rte_le_to_cpu_16(p.queue_mapping[0]) & I40E_AQ_VSI_QUEUE_MASK;
	tc0 = rte_le_to_cpu_16(p.tc_mapping[0]);
	offset = (tc0 >> I40E_AQ_VSI_TC_QUE_OFFSET_SHIFT) & I40E_AQ_VSI_TC_QUE_OFFSET_MASK;
	log2 = (tc0 >> I40E_AQ_VSI_TC_QUE_NUMBER_SHIFT) & I40E_AQ_VSI_TC_QUE_NUMBER_MASK;
	if ((unsigned int)first + offset + (1u << log2) > aq->pf_queues)
		return I40E_AQ_RC_EINVAL; /* past the PF's queues */
	aq->vsi.first_queue = (uint16_t)(first + offset);
	aq->vsi.qnum_log2 = (uint8_t)log2;
	return I40E_AQ_RC_OK;
}

static int find_filter(const struct sim_i40e_vsi *v, const uint8_t *mac, bool ignore_vlan,
		       uint16_t vlan)
{
	for (unsigned int i = 0; i < v->nb_filters; i++) {
		const struct sim_i40e_filter *f = &v->filters[i];

		if (memcmp(f->mac, mac, 6) == 0 && f->ignore_vlan == ignore_vlan &&
		    (ignore_vlan || f->vlan == vlan))
			return (int)i;
	}
	return -1;
}

/* One 16-byte element of an add or remove MAC-VLAN command: changes the VSI's
 * filters and writes its own result into the element; a return code. */
typedef uint16_t (*macvlan_element_fn)(struct sim_i40e_vsi *v, uint8_t *element);

static uint16_t add_one_macvlan(struct sim_i40e_vsi *v, uint8_t *element)
{
	struct i40e_aqc_add_macvlan_element e;
	uint16_t flags, vlan;
	uint16_t rc = I40E_AQ_RC_OK;
	bool ign;

	memcpy(&e, element, sizeof(e));
	flags = rte_le_to_cpu_16(e.flags);
	ign = (flags & I40E_AQC_MACVLAN_ADD_IGNORE_VLAN) != 0;
	vlan = rte_le_to_cpu_16(e.vlan_tag) & 0xfff;
	if (!(flags & I40E_AQC_MACVLAN_ADD_PERFECT_MATCH)) {
		rc = I40E_AQ_RC_EINVAL; /* hash filters are not modelled */
	} else if (find_filter(v, e.mac_addr, ign, vlan) >= 0) {
		rc = I40E_AQ_RC_EEXIST;
	} else if (v->nb_filters == SIM_I40E_VSI_FILTERS) {
		e.match_method = I40E_AQC_MM_ERR_NO_RES;
		rc = I40E_AQ_RC_ENOSPC;
	} else {
		struct sim_i40e_filter *f = &v->filters[v->nb_filters++];

		memcpy(f->mac, e.mac_addr, 6);
		f->ignore_vlan = ign;
		f->vlan = vlan;
		e.match_method = I40E_AQC_MM_PERFECT_MATCH;
	}
	memcpy(element, &e, sizeof(e));
	return rc;
}

static uint16_t remove_one_macvlan(struct sim_i40e_vsi *v, uint8_t *element)
{
	struct i40e_aqc_remove_macvlan_element e;
	uint16_t rc = I40E_AQ_RC_OK;
	int at;

	memcpy(&e, element, sizeof(e));
	at = find_filter(v, e.mac_addr, (e.flags & I40E_AQC_MACVLAN_DEL_IGNORE_VLAN) != 0,
			 rte_le_to_cpu_16(e.vlan_tag) & 0xfff);
	if (at < 0) {
		e.error_code = I40E_AQC_REMOVE_MACVLAN_FAIL;
		rc = I40E_AQ_RC_ENOENT;
	} else {
		v->filters[at] = v->filters[--v->nb_filters];
		e.error_code = 0;
	}
	memcpy(element, &e, sizeof(e));
	return rc;
}

/*
 * Add or remove MAC-VLAN: the descriptor names the VSI and the count, the
 * indirect buffer holds the elements, each answered in place. An add stops
 * at the first element that fails; a remove tries every element.
 */
static uint16_t macvlan_cmd(struct sim_i40e_aq *aq, struct cmd *c, macvlan_element_fn one,
			    bool stop_at_error)
{
	uint16_t seid = rte_le_to_cpu_16(c->d->params.macvlan.seid[0]);
	unsigned int n = rte_le_to_cpu_16(c->d->params.macvlan.num_addresses);
	uint16_t rc;

	if (!(seid & I40E_AQC_MACVLAN_SEID_VALID) ||
	    (seid & ~I40E_AQC_MACVLAN_SEID_VALID) != aq->vsi.seid)
		return I40E_AQ_RC_EINVAL; /* no such VSI */
	if (n == 0)
		return I40E_AQ_RC_EINVAL;
	rc = buf_in(c, (uint16_t)RTE_MIN(n * 16u, 0xffffu), true);
	if (rc != I40E_AQ_RC_OK)
		return rc;
	for (unsigned int i = 0; i < n; i++) {
		uint16_t one_rc = one(&aq->vsi, c->buf + 16 * i);

		if (one_rc != I40E_AQ_RC_OK) {
			rc = one_rc;
			if (stop_at_error)
				break;
		}
	}
	if (buf_out(c, c->len) != I40E_AQ_RC_OK)
		return I40E_AQ_RC_BAD_ADDR;
	return rc;
}

#define PROMISC_FLAGS (I40E_AQC_SET_VSI_PROMISC_UNICAST | I40E_AQC_SET_VSI_PROMISC_MULTICAST | \
		       I40E_AQC_SET_VSI_PROMISC_BROADCAST | I40E_AQC_SET_VSI_DEFAULT | \
		       I40E_AQC_SET_VSI_PROMISC_VLAN | I40E_AQC_SET_VSI_PROMISC_RX_ONLY)

static uint16_t set_promisc(struct sim_i40e_aq *aq, struct cmd *c)
{
	uint16_t flags = rte_le_to_cpu_16(c->d->params.promisc.promiscuous_flags);
	uint16_t valid = rte_le_to_cpu_16(c->d->params.promisc.valid_flags);

	if (rte_le_to_cpu_16(c->d->params.promisc.seid) != aq->vsi.seid)
		return I40E_AQ_RC_EINVAL;
	if ((flags | valid) & ~PROMISC_FLAGS)
		return I40E_AQ_RC_EINVAL;
	if ((valid & I40E_AQC_SET_VSI_PROMISC_RX_ONLY) && aq->api_major == 1 && aq->api_minor < 5)
		return I40E_AQ_RC_EINVAL; /* introduced with API 1.5 */
	aq->vsi.promisc = (uint16_t)((aq->vsi.promisc & ~valid) | (flags & valid));
	return I40E_AQ_RC_OK;
}

/* The link as get_link_status (and its event) reports it. */
static void link_params(const struct sim_i40e_aq *aq, struct i40e_aq_desc *d)
{
	memset(&d->params.link_status, 0, sizeof(d->params.link_status));
	d->params.link_status.command_flags =
		rte_cpu_to_le_16(aq->lse ? I40E_AQ_LSE_IS_ENABLED : 0);
	d->params.link_status.phy_type = aq->phy_type;
	d->params.link_status.link_info = I40E_AQ_MEDIA_AVAILABLE;
	if (aq->link_up) {
		d->params.link_status.link_info |= I40E_AQ_LINK_UP_FUNCTION;
		d->params.link_status.link_speed = aq->link_speed;
		d->params.link_status.an_info = I40E_AQ_AN_COMPLETED;
	}
	d->params.link_status.max_frame_size = rte_cpu_to_le_16(SIM_MAX_FRAME);
}

static uint16_t get_link_status(struct sim_i40e_aq *aq, struct cmd *c)
{
	uint16_t lse = rte_le_to_cpu_16(c->d->params.link_status.command_flags) &
		       I40E_AQ_LSE_MASK;

	if (lse == I40E_AQ_LSE_ENABLE)
		aq->lse = true;
	else if (lse == I40E_AQ_LSE_DISABLE)
		aq->lse = false;
	link_params(aq, c->d);
	return I40E_AQ_RC_OK;
}

/* The command fails with fault_rc instead of being carried out (a fault
 * armed by a test); any other command is carried out. */
static void execute(struct sim_i40e_aq *aq, struct i40e_aq_desc *d, bool fault)
{
	struct cmd c;
	uint16_t rc;

	c.d = d;
	c.flags = rte_le_to_cpu_16(d->flags);
	c.len = rte_le_to_cpu_16(d->datalen);
	c.addr = (uint64_t)rte_le_to_cpu_32(d->params.generic.addr_high) << 32 |
		 rte_le_to_cpu_32(d->params.generic.addr_low);
	switch (fault ? 0 : rte_le_to_cpu_16(d->opcode)) {
	case 0: rc = fault ? aq->fault_rc : I40E_AQ_RC_ENOSYS; break;
	case I40E_AQC_OPC_GET_VERSION: rc = get_version(aq, &c); break;
	case I40E_AQC_OPC_QUEUE_SHUTDOWN: rc = queue_shutdown(aq, &c); break;
	case I40E_AQC_OPC_CLEAR_PXE_MODE: rc = clear_pxe(aq, &c); break;
	case I40E_AQC_OPC_MAC_ADDRESS_READ: rc = mac_read(aq, &c); break;
	case I40E_AQC_OPC_GET_SWITCH_CONFIG: rc = get_switch_config(&c); break;
	case I40E_AQC_OPC_UPDATE_VSI: rc = update_vsi(aq, &c); break;
	case I40E_AQC_OPC_ADD_MACVLAN: rc = macvlan_cmd(aq, &c, add_one_macvlan, true); break;
	case I40E_AQC_OPC_REMOVE_MACVLAN: rc = macvlan_cmd(aq, &c, remove_one_macvlan, false); break;
	case I40E_AQC_OPC_SET_VSI_PROMISC: rc = set_promisc(aq, &c); break;
	case I40E_AQC_OPC_GET_LINK_STATUS: rc = get_link_status(aq, &c); break;
	default: rc = I40E_AQ_RC_ENOSYS;
	}
	c.flags |= I40E_AQ_FLAG_DD | I40E_AQ_FLAG_CMP;
	if (rc != I40E_AQ_RC_OK)
		c.flags |= I40E_AQ_FLAG_ERR;
	d->flags = rte_cpu_to_le_16(c.flags);
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
		bool fault = false;

		if (aq->stalled)
			return; /* the head stays: the driver times out */
		if (sim_dma_read(at, &d, sizeof(d)) < 0) {
			aq->len = (aq->len & ~I40E_PF_AQLEN_ENABLE) | I40E_PF_AQLEN_CRIT;
			return;
		}
		if (aq->fault_armed && aq->fault_skip-- == 0) {
			aq->fault_armed = false;
			if (aq->fault_rc == SIM_I40E_AQ_STALL) {
				aq->stalled = true; /* carried out once the stall is cleared */
				return;
			}
			fault = true;
		}
		execute(aq, &d, fault);
		if (sim_dma_write(at, &d, sizeof(d)) < 0) {
			aq->len = (aq->len & ~I40E_PF_AQLEN_ENABLE) | I40E_PF_AQLEN_CRIT;
			return;
		}
		aq->commands++;
		aq->head = (aq->head + 1) % n;
	}
}

void sim_i40e_aq_set_fault(struct sim_i40e_aq *aq, bool on, uint32_t skip, uint16_t rc)
{
	aq->fault_armed = on;
	aq->fault_skip = skip;
	aq->fault_rc = rc;
	if (!on && aq->stalled) {
		aq->stalled = false;
		process(aq);
	}
}

/* ---- the receive queue: events ------------------------------------------- */

void sim_i40e_aq_link_changed(struct sim_i40e_aq *aq)
{
	uint32_t n = aq->rlen & I40E_PF_AQLEN_LEN_MASK;
	uint64_t at = ((uint64_t)aq->rbah << 32 | aq->rbal) +
		      (uint64_t)aq->rhead * sizeof(struct i40e_aq_desc);
	struct i40e_aq_desc d;

	if (!aq->lse || !(aq->rlen & I40E_PF_AQLEN_ENABLE) || n == 0 || aq->rtail >= n)
		return;
	if (aq->rhead == aq->rtail) {
		aq->rlen |= I40E_PF_AQLEN_OVFL; /* the driver has not given descriptors back */
		aq->events_lost++;
		return;
	}
	/* The driver's descriptor says where its buffer is; this event
	 * carries none, so only the descriptor is written. */
	if (sim_dma_read(at, &d, sizeof(d)) < 0) {
		aq->rlen = (aq->rlen & ~I40E_PF_AQLEN_ENABLE) | I40E_PF_AQLEN_CRIT;
		return;
	}
	d.flags = rte_cpu_to_le_16((rte_le_to_cpu_16(d.flags) & ~I40E_AQ_FLAG_ERR) |
				   I40E_AQ_FLAG_DD | I40E_AQ_FLAG_CMP);
	d.opcode = rte_cpu_to_le_16(I40E_AQC_OPC_GET_LINK_STATUS);
	d.datalen = 0;
	d.retval = 0;
	d.cookie_high = 0;
	d.cookie_low = 0;
	link_params(aq, &d);
	if (sim_dma_write(at, &d, sizeof(d)) < 0) {
		aq->rlen = (aq->rlen & ~I40E_PF_AQLEN_ENABLE) | I40E_PF_AQLEN_CRIT;
		return;
	}
	aq->rhead = (aq->rhead + 1) % n;
}

bool sim_i40e_aq_read(const struct sim_i40e_aq *aq, uint32_t off, uint32_t *val)
{
	switch (off) {
	case I40E_PF_ARQBAL:
		*val = aq->rbal;
		return true;
	case I40E_PF_ARQBAH:
		*val = aq->rbah;
		return true;
	case I40E_PF_ARQLEN:
		*val = aq->rlen;
		return true;
	case I40E_PF_ARQH:
		*val = aq->rhead;
		return true;
	case I40E_PF_ARQT:
		*val = aq->rtail;
		return true;
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
	case I40E_PF_ARQBAL:
		aq->rbal = val & ~0x3fu;
		return true;
	case I40E_PF_ARQBAH:
		aq->rbah = val;
		return true;
	case I40E_PF_ARQLEN:
		/* the error bits are the driver's to clear (write 0) */
		aq->rlen = (val & (I40E_PF_AQLEN_LEN_MASK | I40E_PF_AQLEN_ENABLE)) |
			   (aq->rlen & val & (I40E_PF_AQLEN_OVFL | I40E_PF_AQLEN_CRIT));
		return true;
	case I40E_PF_ARQH:
		aq->rhead = val & I40E_PF_AQH_MASK;
		return true;
	case I40E_PF_ARQT:
		aq->rtail = val & I40E_PF_AQT_MASK;
		return true;
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

/* ---- the switch ------------------------------------------------------------ */

bool sim_i40e_aq_vsi_accepts(const struct sim_i40e_aq *aq, const uint8_t *f, uint32_t len)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	const struct sim_i40e_vsi *v = &aq->vsi;
	uint16_t vlan = 0;

	if (len < 6)
		return false;
	if (memcmp(f, bcast, 6) == 0)
		return (v->promisc & I40E_AQC_SET_VSI_PROMISC_BROADCAST) != 0;
	if (v->promisc & ((f[0] & 1) ? I40E_AQC_SET_VSI_PROMISC_MULTICAST
				     : I40E_AQC_SET_VSI_PROMISC_UNICAST))
		return true;
	if (len >= 16 && f[12] == 0x81 && f[13] == 0x00)
		vlan = (uint16_t)((f[14] << 8 | f[15]) & 0xfff);
	for (unsigned int i = 0; i < v->nb_filters; i++) {
		const struct sim_i40e_filter *flt = &v->filters[i];

		if (memcmp(flt->mac, f, 6) == 0 && (flt->ignore_vlan || flt->vlan == vlan))
			return true;
	}
	return false;
}

unsigned int sim_i40e_aq_vsi_queue(const struct sim_i40e_aq *aq, unsigned int lut_entry)
{
	return aq->vsi.first_queue + (lut_entry & ((1u << aq->vsi.qnum_log2) - 1));
}
