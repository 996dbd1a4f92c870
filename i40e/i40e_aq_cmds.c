/* SPDX-License-Identifier: BSD-3-Clause
 * The admin queue commands of the i40e bring-up and of the receive
 * filters: clear PXE mode, MAC address read, get switch config, update
 * VSI (queue mapping), add/remove MAC-VLAN, VSI promiscuous modes, get
 * link status. Each builds its descriptor (and indirect buffer) as the
 * X710 datasheet lays it out and sends it through i40e_aq_send[_buf].
 */
#include <errno.h>
#include <string.h>

#include "i40e_adminq.h"
#include "i40e_ethdev.h"

static void desc_init(struct i40e_aq_desc *d, uint16_t opcode, uint16_t flags)
{
	memset(d, 0, sizeof(*d));
	d->opcode = rte_cpu_to_le_16(opcode);
	d->flags = rte_cpu_to_le_16(flags | I40E_AQ_FLAG_SI);
}

int i40e_aq_queue_shutdown(struct i40e_adapter *ad, bool unloading)
{
	struct i40e_aq_desc d;

	desc_init(&d, I40E_AQC_OPC_QUEUE_SHUTDOWN, 0);
	d.params.queue_shutdown.driver_unloading =
		rte_cpu_to_le_32(unloading ? I40E_AQ_DRIVER_UNLOADING : 0);
	return i40e_aq_send(ad, &d);
}

int i40e_aq_clear_pxe_mode(struct i40e_adapter *ad)
{
	struct i40e_aq_desc d;
	int ret;

	desc_init(&d, I40E_AQC_OPC_CLEAR_PXE_MODE, 0);
	d.params.clear_pxe.rx_cnt = I40E_AQC_CLEAR_PXE_RX_CNT;
	ret = i40e_aq_send(ad, &d);
	return ret == -EEXIST ? 0 : ret;
}

int i40e_aq_mac_address_read(struct i40e_adapter *ad, uint8_t mac[6])
{
	struct i40e_aqc_mac_read_data data;
	struct i40e_aq_desc d;
	int ret;

	desc_init(&d, I40E_AQC_OPC_MAC_ADDRESS_READ, 0);
	memset(&data, 0, sizeof(data));
	ret = i40e_aq_send_buf(ad, &d, &data, sizeof(data));
	if (ret < 0)
		return ret;
	if (!(rte_le_to_cpu_16(d.params.mac_read.command_flags) & I40E_AQC_LAN_ADDR_VALID))
		return -EIO;
	memcpy(mac, data.pf_lan_mac, 6);
	return 0;
}

/* Room for the header and 31 elements: more than a PF's switch holds. */
#define SWITCH_CONFIG_BUF 512

int i40e_aq_get_switch_config(struct i40e_adapter *ad, uint16_t *vsi_seid, uint16_t *mac_seid)
{
	uint8_t buf[SWITCH_CONFIG_BUF];
	const struct i40e_aqc_switch_config_header *hdr = (const void *)buf;
	const struct i40e_aqc_switch_config_element *el = (const void *)(buf + sizeof(*hdr));
	uint16_t next = 0;

	/* Firmware answers as many elements as fit and the SEID to go on
	 * from; the main VSI is the first one of type VSI. */
	do {
		struct i40e_aq_desc d;
		unsigned int n;
		int ret;

		desc_init(&d, I40E_AQC_OPC_GET_SWITCH_CONFIG, 0);
		d.params.switch_seid.seid = rte_cpu_to_le_16(next);
		memset(buf, 0, sizeof(buf));
		ret = i40e_aq_send_buf(ad, &d, buf, sizeof(buf));
		if (ret < 0)
			return ret;
		n = rte_le_to_cpu_16(hdr->num_reported);
		if (n > (sizeof(buf) - sizeof(*hdr)) / sizeof(*el))
			return -EIO;
		for (unsigned int i = 0; i < n; i++) {
			if (el[i].element_type == I40E_SWITCH_ELEMENT_VSI) {
				*vsi_seid = rte_le_to_cpu_16(el[i].seid);
				*mac_seid = rte_le_to_cpu_16(el[i].uplink_seid);
				return 0;
			}
		}
		next = rte_le_to_cpu_16(d.params.switch_seid.seid);
	} while (next != 0);
	return -ENOENT;
}

int i40e_aq_update_vsi_queues(struct i40e_adapter *ad, uint16_t seid, uint16_t first,
			      uint16_t nb_queues)
{
	struct i40e_aqc_vsi_properties p;
	struct i40e_aq_desc d;
	unsigned int log2 = 0;

	if (nb_queues == 0 || nb_queues > 64)
		return -EINVAL;
	while ((1u << log2) < nb_queues)
		log2++;
	memset(&p, 0, sizeof(p));
	p.valid_sections = rte_cpu_to_le_16(I40E_AQ_VSI_PROP_QUEUE_MAP_VALID);
	p.mapping_flags = rte_cpu_to_le_16(I40E_AQ_VSI_QUE_MAP_CONTIG);
	p.queue_mapping[0] = rte_cpu_to_le_16(first & I40E_AQ_VSI_QUEUE_MASK);
	p.tc_mapping[0] = rte_cpu_to_le_16((uint16_t)(0 << I40E_AQ_VSI_TC_QUE_OFFSET_SHIFT |
						      log2 << I40E_AQ_VSI_TC_QUE_NUMBER_SHIFT));
	desc_init(&d, I40E_AQC_OPC_UPDATE_VSI, I40E_AQ_FLAG_RD);
	d.params.vsi.uplink_seid = rte_cpu_to_le_16(seid);
	return i40e_aq_send_buf(ad, &d, &p, sizeof(p));
}

static void macvlan_desc(struct i40e_aq_desc *d, uint16_t opcode, uint16_t seid)
{
	desc_init(d, opcode, I40E_AQ_FLAG_RD);
	d->params.macvlan.num_addresses = rte_cpu_to_le_16(1);
	d->params.macvlan.seid[0] = rte_cpu_to_le_16(seid | I40E_AQC_MACVLAN_SEID_VALID);
}

int i40e_aq_add_macvlan(struct i40e_adapter *ad, uint16_t seid, const uint8_t mac[6])
{
	struct i40e_aqc_add_macvlan_element e;
	struct i40e_aq_desc d;
	int ret;

	memset(&e, 0, sizeof(e));
	memcpy(e.mac_addr, mac, 6);
	e.flags = rte_cpu_to_le_16(I40E_AQC_MACVLAN_ADD_PERFECT_MATCH |
				   I40E_AQC_MACVLAN_ADD_IGNORE_VLAN);
	macvlan_desc(&d, I40E_AQC_OPC_ADD_MACVLAN, seid);
	ret = i40e_aq_send_buf(ad, &d, &e, sizeof(e));
	if (ret == 0 && e.match_method == I40E_AQC_MM_ERR_NO_RES)
		return -ENOSPC;
	return ret;
}

int i40e_aq_remove_macvlan(struct i40e_adapter *ad, uint16_t seid, const uint8_t mac[6])
{
	struct i40e_aqc_remove_macvlan_element e;
	struct i40e_aq_desc d;

	memset(&e, 0, sizeof(e));
	memcpy(e.mac_addr, mac, 6);
	e.flags = I40E_AQC_MACVLAN_DEL_PERFECT_MATCH | I40E_AQC_MACVLAN_DEL_IGNORE_VLAN;
	macvlan_desc(&d, I40E_AQC_OPC_REMOVE_MACVLAN, seid);
	return i40e_aq_send_buf(ad, &d, &e, sizeof(e));
}

int i40e_aq_set_vsi_promisc(struct i40e_adapter *ad, uint16_t seid, uint16_t flags,
			    uint16_t valid)
{
	struct i40e_aq_desc d;

	/* As DPDK: with API 1.5 and later unicast promiscuous applies to
	 * receive only (not to frames the VSI sends to itself). */
	if ((valid & I40E_AQC_SET_VSI_PROMISC_UNICAST) &&
	    (ad->aq.api_major > 1 || ad->aq.api_minor >= 5)) {
		valid |= I40E_AQC_SET_VSI_PROMISC_RX_ONLY;
		if (flags & I40E_AQC_SET_VSI_PROMISC_UNICAST)
			flags |= I40E_AQC_SET_VSI_PROMISC_RX_ONLY;
	}
	desc_init(&d, I40E_AQC_OPC_SET_VSI_PROMISC, 0);
	d.params.promisc.promiscuous_flags = rte_cpu_to_le_16(flags);
	d.params.promisc.valid_flags = rte_cpu_to_le_16(valid);
	d.params.promisc.seid = rte_cpu_to_le_16(seid);
	return i40e_aq_send(ad, &d);
}

int i40e_aq_get_link_status(struct i40e_adapter *ad, bool lse, struct i40e_aq_link *link)
{
	struct i40e_aq_desc d;
	int ret;

	desc_init(&d, I40E_AQC_OPC_GET_LINK_STATUS, 0);
	d.params.link_status.command_flags =
		rte_cpu_to_le_16(lse ? I40E_AQ_LSE_ENABLE : I40E_AQ_LSE_DISABLE);
	ret = i40e_aq_send(ad, &d);
	if (ret < 0)
		return ret;
	link->up = (d.params.link_status.link_info & I40E_AQ_LINK_UP_FUNCTION) != 0;
	link->speed = d.params.link_status.link_speed;
	link->phy_type = d.params.link_status.phy_type;
	link->max_frame_size = rte_le_to_cpu_16(d.params.link_status.max_frame_size);
	return 0;
}
