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
		/* i40e_aqc_opc_get_version, the firmware's answer */
		struct {
			rte_le32_t rom_ver;
			rte_le32_t fw_build;
			rte_le16_t fw_major, fw_minor;
			rte_le16_t api_major, api_minor;
		} version;
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

/* opcodes */
#define I40E_AQC_OPC_GET_VERSION 0x0001
#define I40E_AQC_OPC_QUEUE_SHUTDOWN 0x0003

/* retval when ERR is set */
#define I40E_AQ_RC_OK 0
#define I40E_AQ_RC_EINVAL 14
#define I40E_AQ_RC_ENOSYS 17
#define I40E_AQ_RC_BAD_ADDR 20

/* The firmware API this driver speaks: a newer major cannot be used. */
#define I40E_FW_API_VERSION_MAJOR 0x0001

#endif
