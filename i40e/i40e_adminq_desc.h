/* SPDX-License-Identifier: BSD-3-Clause
 * The X710 admin queue as the hardware defines it: registers, the 32-byte
 * command descriptor, its flags, opcodes and return codes (X710/XL710
 * datasheet, "Admin Queue"). The driver (i40e_adminq.c) and the emulated
 * device (sim/sim_i40e_aq.c) both describe the same hardware with it.
 */
#ifndef RTEMEM_I40E_ADMINQ_DESC_H
#define RTEMEM_I40E_ADMINQ_DESC_H

#include <stdint.h>

#include <rte_byteorder.h>

/* PF admin transmit queue (driver -> firmware) and receive queue (events). */
#define I40E_PF_ATQBAL 0x00080000
#define I40E_PF_ARQBAL 0x00080080
#define I40E_PF_ATQBAH 0x00080100
#define I40E_PF_ARQBAH 0x00080180
#define I40E_PF_ATQLEN 0x00080200
#define I40E_PF_ARQLEN 0x00080280
#define I40E_PF_ATQH 0x00080300
#define I40E_PF_ARQH 0x00080380
#define I40E_PF_ATQT 0x00080400
#define I40E_PF_ARQT 0x00080480

/* PF_ATQLEN / PF_ARQLEN */
#define I40E_PF_AQLEN_LEN_MASK 0x3ffu       /* descriptors, up to 1023 */
#define I40E_PF_AQLEN_VFE (1u << 28)        /* VF error */
#define I40E_PF_AQLEN_OVFL (1u << 29)       /* overflow */
#define I40E_PF_AQLEN_CRIT (1u << 30)       /* critical error */
#define I40E_PF_AQLEN_ENABLE (1u << 31)
#define I40E_PF_AQH_MASK 0x3ffu
#define I40E_PF_AQT_MASK 0x3ffu

/* A command: 16 bytes of header and 16 of parameters, little-endian. */
struct i40e_aq_desc {
	rte_le16_t flags;
	rte_le16_t opcode;
	rte_le16_t datalen;
	rte_le16_t retval;
	rte_le32_t cookie_high;
	rte_le32_t cookie_low;
	union {
		uint8_t raw[16];
		struct {
			rte_le32_t param0, param1, addr_high, addr_low;
		} generic;
		/* get_version (0x0001), the firmware's answer */
		struct {
			rte_le32_t rom_ver;
			rte_le32_t fw_build;
			rte_le16_t fw_major, fw_minor;
			rte_le16_t api_major, api_minor;
		} version;
		/* queue_shutdown (0x0003): the driver is going (UNLOADING) */
		struct {
			rte_le32_t driver_unloading;
			uint8_t reserved[12];
		} queue_shutdown;
		/* clear_pxe (0x0110): rx_cnt must be 2 */
		struct {
			uint8_t rx_cnt;
			uint8_t reserved[15];
		} clear_pxe;
		/* mac_address_read (0x0107): which addresses the buffer holds */
		struct {
			rte_le16_t command_flags;
			uint8_t reserved[6];
			rte_le32_t addr_high, addr_low;
		} mac_read;
		/* get_switch_config (0x0200): the SEID to start from, and in the
		 * answer the one to continue from (0: no more) */
		struct {
			rte_le16_t seid;
			uint8_t reserved[6];
			rte_le32_t addr_high, addr_low;
		} switch_seid;
		/* update_vsi (0x0211): uplink_seid names the VSI to update */
		struct {
			rte_le16_t uplink_seid;
			uint8_t connection_type;
			uint8_t reserved1;
			uint8_t vf_id;
			uint8_t reserved2;
			rte_le16_t vsi_flags;
			rte_le32_t addr_high, addr_low;
		} vsi;
		/* add/remove_macvlan (0x0250/0x0251) */
		struct {
			rte_le16_t num_addresses;
			rte_le16_t seid[3];   /* seid[0] | I40E_AQC_MACVLAN_SEID_VALID */
			rte_le32_t addr_high, addr_low;
		} macvlan;
		/* set_vsi_promiscuous_modes (0x0254) */
		struct {
			rte_le16_t promiscuous_flags;
			rte_le16_t valid_flags;  /* which of the flags to change */
			rte_le16_t seid;
			rte_le16_t vlan_tag;
			uint8_t reserved[8];
		} promisc;
		/* get_link_status (0x0607), mostly the answer */
		struct {
			rte_le16_t command_flags;
			uint8_t phy_type;
			uint8_t link_speed;  /* I40E_AQ_LINK_SPEED_* */
			uint8_t link_info;
			uint8_t an_info;
			uint8_t ext_info;
			uint8_t loopback;
			rte_le16_t max_frame_size;
			uint8_t config;
			uint8_t reserved[5];
		} link_status;
	} params;
};

_Static_assert(sizeof(struct i40e_aq_desc) == 32, "an admin queue descriptor is 32 bytes");

/* flags: DD and CMP set by firmware on completion, ERR with a retval. */
#define I40E_AQ_FLAG_DD 0x0001
#define I40E_AQ_FLAG_CMP 0x0002
#define I40E_AQ_FLAG_ERR 0x0004
#define I40E_AQ_FLAG_LB 0x0200  /* buffer larger than 512 bytes */
#define I40E_AQ_FLAG_RD 0x0400  /* the buffer is read by firmware */
#define I40E_AQ_FLAG_BUF 0x1000 /* an indirect buffer is attached */
#define I40E_AQ_FLAG_SI 0x2000  /* no completion interrupt */
#define I40E_AQ_LARGE_BUF 512   /* above this a buffer needs FLAG_LB */

/* opcodes */
#define I40E_AQC_OPC_GET_VERSION 0x0001
#define I40E_AQC_OPC_QUEUE_SHUTDOWN 0x0003
#define I40E_AQC_OPC_MAC_ADDRESS_READ 0x0107  /* indirect */
#define I40E_AQC_OPC_CLEAR_PXE_MODE 0x0110
#define I40E_AQC_OPC_GET_SWITCH_CONFIG 0x0200 /* indirect */
#define I40E_AQC_OPC_UPDATE_VSI 0x0211        /* indirect */
#define I40E_AQC_OPC_ADD_MACVLAN 0x0250       /* indirect */
#define I40E_AQC_OPC_REMOVE_MACVLAN 0x0251    /* indirect */
#define I40E_AQC_OPC_SET_VSI_PROMISC 0x0254
#define I40E_AQC_OPC_GET_LINK_STATUS 0x0607

/* retval when ERR is set: firmware's codes, named after the errno each
 * stands for (i40e_aq_rc_to_errno maps them) */
#define I40E_AQ_RC_OK 0
#define I40E_AQ_RC_EPERM 1
#define I40E_AQ_RC_ENOENT 2
#define I40E_AQ_RC_ESRCH 3
#define I40E_AQ_RC_EINTR 4
#define I40E_AQ_RC_EIO 5
#define I40E_AQ_RC_ENXIO 6
#define I40E_AQ_RC_E2BIG 7
#define I40E_AQ_RC_EAGAIN 8
#define I40E_AQ_RC_ENOMEM 9
#define I40E_AQ_RC_EACCES 10
#define I40E_AQ_RC_EFAULT 11
#define I40E_AQ_RC_EBUSY 12
#define I40E_AQ_RC_EEXIST 13
#define I40E_AQ_RC_EINVAL 14
#define I40E_AQ_RC_ENOTTY 15
#define I40E_AQ_RC_ENOSPC 16
#define I40E_AQ_RC_ENOSYS 17
#define I40E_AQ_RC_ERANGE 18
#define I40E_AQ_RC_EFLUSHED 19 /* flushed because an earlier command failed */
#define I40E_AQ_RC_BAD_ADDR 20 /* a buffer address firmware could not use */
#define I40E_AQ_RC_EMODE 21
#define I40E_AQ_RC_EFBIG 22

/* queue_shutdown */
#define I40E_AQ_DRIVER_UNLOADING 0x1

/* clear_pxe */
#define I40E_AQC_CLEAR_PXE_RX_CNT 0x2

/* mac_address_read: command_flags of the answer */
#define I40E_AQC_LAN_ADDR_VALID 0x10
#define I40E_AQC_PORT_ADDR_VALID 0x40

struct i40e_aqc_mac_read_data {
	uint8_t pf_lan_mac[6];
	uint8_t pf_san_mac[6];
	uint8_t port_mac[6];
	uint8_t pf_wol_mac[6];
};

_Static_assert(sizeof(struct i40e_aqc_mac_read_data) == 24, "mac_address_read buffer");

/* get_switch_config: a header, then 16-byte elements */
struct i40e_aqc_switch_config_header {
	rte_le16_t num_reported;
	rte_le16_t num_total;
	uint8_t reserved[12];
};

struct i40e_aqc_switch_config_element {
	uint8_t element_type; /* I40E_SWITCH_ELEMENT_* */
	uint8_t revision;
	rte_le16_t seid;
	rte_le16_t uplink_seid;
	rte_le16_t downlink_seid;
	uint8_t reserved[3];
	uint8_t connection_type;
	rte_le16_t scheduler_id;
	rte_le16_t element_info;
};

_Static_assert(sizeof(struct i40e_aqc_switch_config_header) == 16, "switch config header");
_Static_assert(sizeof(struct i40e_aqc_switch_config_element) == 16, "switch config element");

#define I40E_SWITCH_ELEMENT_MAC 1
#define I40E_SWITCH_ELEMENT_PF 2
#define I40E_SWITCH_ELEMENT_VSI 19

/* update_vsi: the VSI's properties, 128 bytes; only the sections named
 * in valid_sections are changed. The last 32 bytes are firmware's. */
struct i40e_aqc_vsi_properties {
	rte_le16_t valid_sections;     /* I40E_AQ_VSI_PROP_*_VALID */
	rte_le16_t switch_id;
	uint8_t sw_reserved[2];
	uint8_t sec_flags;
	uint8_t sec_reserved;
	rte_le16_t pvid;
	rte_le16_t fcoe_pvid;
	uint8_t port_vlan_flags;
	uint8_t pvlan_reserved[3];
	rte_le32_t ingress_table;
	rte_le32_t egress_table;
	rte_le16_t cas_pv_tag;
	uint8_t cas_pv_flags;
	uint8_t cas_pv_reserved;
	rte_le16_t mapping_flags;      /* I40E_AQ_VSI_QUE_MAP_* */
	rte_le16_t queue_mapping[16];  /* contiguous: [0] is the first PF queue */
	rte_le16_t tc_mapping[8];      /* per TC: queue offset, log2 of the count */
	uint8_t queueing_opt_flags;
	uint8_t queueing_opt_reserved[3];
	uint8_t up_enable_bits;
	uint8_t sched_reserved;
	rte_le32_t outer_up_table;
	uint8_t cmd_reserved[8];
	rte_le16_t qs_handle[8];
	rte_le16_t stat_counter_idx;
	rte_le16_t sched_id;
	uint8_t resp_reserved[12];
};

_Static_assert(sizeof(struct i40e_aqc_vsi_properties) == 128, "VSI properties are 128 bytes");
_Static_assert(__builtin_offsetof(struct i40e_aqc_vsi_properties, mapping_flags) == 28,
	       "queue mapping section at byte 28");
_Static_assert(__builtin_offsetof(struct i40e_aqc_vsi_properties, qs_handle) == 96,
	       "firmware's part at byte 96");

#define I40E_AQ_VSI_PROP_SWITCH_VALID 0x0001
#define I40E_AQ_VSI_PROP_VLAN_VALID 0x0004
#define I40E_AQ_VSI_PROP_QUEUE_MAP_VALID 0x0040
#define I40E_AQ_VSI_QUE_MAP_CONTIG 0x0
#define I40E_AQ_VSI_QUE_MAP_NONCONTIG 0x1
#define I40E_AQ_VSI_QUEUE_MASK 0x7ff
#define I40E_AQ_VSI_TC_QUE_OFFSET_SHIFT 0
#define I40E_AQ_VSI_TC_QUE_OFFSET_MASK 0x1ff
#define I40E_AQ_VSI_TC_QUE_NUMBER_SHIFT 9  /* 3 bits: 2^n queues */
#define I40E_AQ_VSI_TC_QUE_NUMBER_MASK 0x7

/* add/remove_macvlan: one 16-byte element per address */
#define I40E_AQC_MACVLAN_SEID_VALID 0x8000

struct i40e_aqc_add_macvlan_element {
	uint8_t mac_addr[6];
	rte_le16_t vlan_tag;
	rte_le16_t flags;          /* I40E_AQC_MACVLAN_ADD_* */
	rte_le16_t queue_number;
	uint8_t match_method;      /* firmware's answer, I40E_AQC_MM_* */
	uint8_t reserved[3];
};

struct i40e_aqc_remove_macvlan_element {
	uint8_t mac_addr[6];
	rte_le16_t vlan_tag;
	uint8_t flags;             /* I40E_AQC_MACVLAN_DEL_* */
	uint8_t reserved[3];
	uint8_t error_code;        /* firmware's answer: 0, or I40E_AQC_REMOVE_MACVLAN_FAIL */
	uint8_t reply_reserved[3];
};

_Static_assert(sizeof(struct i40e_aqc_add_macvlan_element) == 16, "add_macvlan element");
_Static_assert(sizeof(struct i40e_aqc_remove_macvlan_element) == 16, "remove_macvlan element");

#define I40E_AQC_MACVLAN_ADD_PERFECT_MATCH 0x0001
#define I40E_AQC_MACVLAN_ADD_IGNORE_VLAN 0x0004
#define I40E_AQC_MACVLAN_DEL_PERFECT_MATCH 0x01
#define I40E_AQC_MACVLAN_DEL_IGNORE_VLAN 0x08
#define I40E_AQC_MM_PERFECT_MATCH 0x01
#define I40E_AQC_MM_ERR_NO_RES 0xff
#define I40E_AQC_REMOVE_MACVLAN_FAIL 0xff

/* set_vsi_promiscuous_modes: flags and valid_flags */
#define I40E_AQC_SET_VSI_PROMISC_UNICAST 0x0001
#define I40E_AQC_SET_VSI_PROMISC_MULTICAST 0x0002
#define I40E_AQC_SET_VSI_PROMISC_BROADCAST 0x0004
#define I40E_AQC_SET_VSI_DEFAULT 0x0008
#define I40E_AQC_SET_VSI_PROMISC_VLAN 0x0010
#define I40E_AQC_SET_VSI_PROMISC_RX_ONLY 0x8000 /* API 1.5 and later */

/* get_link_status */
#define I40E_AQ_LSE_MASK 0x3
#define I40E_AQ_LSE_DISABLE 0x2
#define I40E_AQ_LSE_ENABLE 0x3
#define I40E_AQ_LSE_IS_ENABLED 0x1      /* in the answer */
#define I40E_AQ_LINK_UP_FUNCTION 0x01   /* link_info */
#define I40E_AQ_MEDIA_AVAILABLE 0x40
#define I40E_AQ_AN_COMPLETED 0x01       /* an_info */
#define I40E_AQ_LINK_SPEED_100MB 0x02
#define I40E_AQ_LINK_SPEED_1GB 0x04
#define I40E_AQ_LINK_SPEED_10GB 0x08
#define I40E_AQ_LINK_SPEED_40GB 0x10
#define I40E_AQ_LINK_SPEED_20GB 0x20
#define I40E_AQ_LINK_SPEED_25GB 0x40
#define I40E_AQ_PHY_TYPE_10GBASE_SR 0x14
#define I40E_AQ_PHY_TYPE_40GBASE_SR4 0x19

/* The firmware API this driver speaks: a newer major cannot be used. */
#define I40E_FW_API_VERSION_MAJOR 0x0001

#endif
