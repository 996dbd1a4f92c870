/* SPDX-License-Identifier: BSD-3-Clause
 * The X710/XL710 (i40e) BAR0 registers the receive path touches, with the
 * offsets and bit positions of the Intel Ethernet Controller X710/XXV710/
 * XL710 datasheet. Both the driver (i40e/) and the emulated device (sim/)
 * use this file: it describes the hardware, not either side.
 *
 * Registers marked "sim only" do not exist on real hardware; the emulated
 * device offers them so tests can read what a real NIC keeps internally.
 */
#ifndef RTEMEM_I40E_REGS_H
#define RTEMEM_I40E_REGS_H

#include <stdint.h>

/* PCI identity. */
#define I40E_VENDOR_ID 0x8086
#define I40E_DEV_ID_SFP_XL710 0x1572   /* X710 10G SFP+ */
#define I40E_DEV_ID_QSFP_A 0x1583      /* XL710 40G QSFP+ */
#define I40E_DEV_ID_QSFP_B 0x1584
#define I40E_DEV_ID_10G_BASE_T 0x1586

/* The PF's CSR space (BAR0) is 8 MB. */
#define I40E_BAR0_LEN 0x800000u

/* PF software reset: write PFSWR, wait until the device clears it. */
#define I40E_PFGEN_CTRL 0x00092400
#define I40E_PFGEN_CTRL_PFSWR 0x1u

/* Per-queue receive enable. The driver sets or clears QENA_REQ; the device
 * answers in QENA_STAT once the queue really runs or has drained. */
#define I40E_QRX_ENA(q) (0x00120000u + 4u * (uint32_t)(q)) /* q = 0..1535 */
#define I40E_QRX_ENA_QENA_REQ 0x1u
#define I40E_QRX_ENA_FAST_QDIS 0x2u
#define I40E_QRX_ENA_QENA_STAT 0x4u

/* Receive tail: the driver writes the index one past the last descriptor it
 * has made ready; the device fills descriptors from head up to, not
 * including, tail (so head == tail means the device has nothing to fill). */
#define I40E_QRX_TAIL(q) (0x00128000u + 4u * (uint32_t)(q))
#define I40E_QRX_TAIL_MASK 0x1FFFu

/*
 * The PF's share of the device's LAN queues (1536 in all): queues
 * FIRSTQ..LASTQ of the global queue space, if VALID. The PF's own queue
 * registers (QRX_ENA, QRX_TAIL) and its HMC objects are indexed from the
 * PF's first queue, 0..count-1; only global registers (GLLAN_TXPRE_QDIS)
 * take FIRSTQ + i, as i40e_clear_hw in DPDK's base code does.
 */
#define I40E_PFLAN_QALLOC 0x001C0400
#define I40E_PFLAN_QALLOC_FIRSTQ_SHIFT 0
#define I40E_PFLAN_QALLOC_FIRSTQ_MASK 0x7FFu
#define I40E_PFLAN_QALLOC_LASTQ_SHIFT 16
#define I40E_PFLAN_QALLOC_LASTQ_MASK 0x7FFu
#define I40E_PFLAN_QALLOC_VALID 0x80000000u

/* The PCI function number of this PF: its index in the GLHMC_* arrays. */
#define I40E_PF_FUNC_RID 0x0009C000
#define I40E_PF_FUNC_RID_FUNCTION_NUMBER_MASK 0x7u

/*
 * LAN HMC (host memory cache). The PF's HMC is a private address space
 * (FPM) in which the device finds its queue contexts: transmit objects at
 * LANTXBASE, receive objects at LANRXBASE (both in 512-byte units), one
 * object per PF queue, of 2^OBJSZ bytes. The space is backed by host
 * memory in 2 MB segments; segment descriptor i maps FPM addresses
 * [i * 2 MB, (i + 1) * 2 MB). A direct descriptor names one 2 MB
 * IOVA-contiguous backing page; a paged one a page of 512 page
 * descriptors. A descriptor is written by loading SDDATAHIGH/SDDATALOW
 * and then SDCMD with the index and WR.
 */
#define I40E_GLHMC_LANTXOBJSZ 0x000C2004 /* log2 of a tx context's size */
#define I40E_GLHMC_LANQMAX 0x000C2008    /* most queue objects per function */
#define I40E_GLHMC_LANQMAX_MASK 0x7FFu
#define I40E_GLHMC_LANRXOBJSZ 0x000C200C /* log2 of an rx context's size */
#define I40E_GLHMC_OBJSZ_MASK 0xFu
#define I40E_GLHMC_LANTXBASE(fn) (0x000C6200u + 4u * (uint32_t)(fn)) /* fn = 0..15 */
#define I40E_GLHMC_LANTXCNT(fn) (0x000C6300u + 4u * (uint32_t)(fn))
#define I40E_GLHMC_LANRXBASE(fn) (0x000C6400u + 4u * (uint32_t)(fn))
#define I40E_GLHMC_LANRXCNT(fn) (0x000C6500u + 4u * (uint32_t)(fn))
#define I40E_GLHMC_FN_MAX 16
#define I40E_GLHMC_LANBASE_MASK 0xFFFFFFu
#define I40E_GLHMC_LANCNT_MASK 0x7FFu
#define I40E_HMC_L2OBJ_BASE_ALIGN 512u   /* unit of the BASE registers */
#define I40E_HMC_DIRECT_BP_SIZE 0x200000u /* FPM bytes one segment maps */
#define I40E_HMC_MAX_BP_COUNT 512u       /* 4 KB pages per segment */

#define I40E_PFHMC_SDCMD 0x000C0000
#define I40E_PFHMC_SDCMD_PMSDIDX_MASK 0xFFFu
#define I40E_PFHMC_SDCMD_PMSDWR 0x80000000u
#define I40E_PFHMC_SDDATALOW 0x000C0100
#define I40E_PFHMC_SDDATALOW_PMSDVALID 0x1u
#define I40E_PFHMC_SDDATALOW_PMSDTYPE_DIRECT 0x2u /* 0: paged */
#define I40E_PFHMC_SDDATALOW_PMSDBPCOUNT_SHIFT 2
#define I40E_PFHMC_SDDATALOW_PMSDBPCOUNT_MASK 0x3FFu
#define I40E_PFHMC_SDDATALOW_PMSDDATALOW_MASK 0xFFFFF000u /* address bits 12-31 */
#define I40E_PFHMC_SDDATAHIGH 0x000C0200 /* address bits 32-63 */
#define I40E_PFHMC_PDINV 0x000C0300

/*
 * LAN queue context, direct access. The PF may also read and write a
 * queue's context through these registers instead of its HMC object: put
 * one 16-byte sub-line in LANCTXDATA[0..3], then write LANCTXCTL with the
 * queue number, sub-line, type and op-code and wait for
 * LANCTXSTAT.CTX_DONE. Production drivers write the HMC object; rtemem's
 * driver keeps this path only as a fallback for tests
 * (i40e_set_rxq_ctx_direct).
 */
#define I40E_PFCM_LANCTXDATA(i) (0x0010C100u + 0x80u * (uint32_t)(i)) /* i = 0..3 */
#define I40E_PFCM_LANCTXCTL 0x0010C300
#define I40E_PFCM_LANCTXCTL_QUEUE_NUM_SHIFT 0
#define I40E_PFCM_LANCTXCTL_QUEUE_NUM_MASK 0xFFFu
#define I40E_PFCM_LANCTXCTL_SUB_LINE_SHIFT 12
#define I40E_PFCM_LANCTXCTL_SUB_LINE_MASK 0x7u
#define I40E_PFCM_LANCTXCTL_QUEUE_TYPE_SHIFT 15
#define I40E_PFCM_LANCTXCTL_QUEUE_TYPE_MASK 0x3u
#define I40E_PFCM_LANCTXCTL_OP_CODE_SHIFT 17
#define I40E_PFCM_LANCTXCTL_OP_CODE_MASK 0x3u
#define I40E_PFCM_LANCTX_QUEUE_TYPE_RX 0
#define I40E_PFCM_LANCTX_OP_READ 0
#define I40E_PFCM_LANCTX_OP_WRITE 1
#define I40E_PFCM_LANCTXSTAT 0x0010C380
#define I40E_PFCM_LANCTXSTAT_CTX_DONE 0x1u
#define I40E_PFCM_LANCTXSTAT_CTX_MISS 0x2u

/*
 * The receive queue context (32 bytes, two 16-byte sub-lines), as bit
 * fields: LSB position and width, little-endian across the 32 bytes.
 */
#define I40E_RXQ_CTX_BYTES 32
#define I40E_RXQ_CTX_HEAD_LSB 0       /* 13 bits, descriptors */
#define I40E_RXQ_CTX_HEAD_W 13
#define I40E_RXQ_CTX_CPUID_LSB 13     /* 8 bits, TPH target CPU (DPDK leaves 0) */
#define I40E_RXQ_CTX_CPUID_W 8
#define I40E_RXQ_CTX_BASE_LSB 32      /* 57 bits, ring address / 128 */
#define I40E_RXQ_CTX_BASE_W 57
#define I40E_RXQ_CTX_QLEN_LSB 89      /* 13 bits, descriptors */
#define I40E_RXQ_CTX_QLEN_W 13
#define I40E_RXQ_CTX_DBUFF_LSB 102    /* 7 bits, data buffer size / 128 */
#define I40E_RXQ_CTX_DBUFF_W 7
#define I40E_RXQ_CTX_HBUFF_LSB 109    /* 5 bits, header buffer size / 64 */
#define I40E_RXQ_CTX_HBUFF_W 5
#define I40E_RXQ_CTX_DTYPE_LSB 114    /* 2 bits, 0: no header split */
#define I40E_RXQ_CTX_DTYPE_W 2
#define I40E_RXQ_CTX_DSIZE_LSB 116    /* 1 bit, 0: 16-byte, 1: 32-byte descriptors */
#define I40E_RXQ_CTX_DSIZE_W 1
#define I40E_RXQ_CTX_CRCSTRIP_LSB 117 /* 1 bit */
#define I40E_RXQ_CTX_CRCSTRIP_W 1
#define I40E_RXQ_CTX_L2TSEL_LSB 119   /* 1 bit: the first stripped tag goes to L2TAG1 */
#define I40E_RXQ_CTX_SHOWIV_LSB 127   /* 1 bit: strip tunnels' inner VLAN tags */
#define I40E_RXQ_CTX_RXMAX_LSB 174    /* 14 bits, largest frame accepted */
#define I40E_RXQ_CTX_RXMAX_W 14
#define I40E_RXQ_CTX_TPHRDESC_LSB 193 /* 1 bit each: TLP processing hints for ... */
#define I40E_RXQ_CTX_TPHWDESC_LSB 194 /* ... descriptor reads, descriptor writes, */
#define I40E_RXQ_CTX_TPHDATA_LSB 195  /* ... data and */
#define I40E_RXQ_CTX_TPHHEAD_LSB 196  /* ... header writes */
#define I40E_RXQ_CTX_LRXQTHRESH_LSB 198 /* 3 bits, low-descriptor threshold / 64 */
#define I40E_RXQ_CTX_LRXQTHRESH_W 3
#define I40E_RXQ_CTX_PREFENA_LSB 201  /* 1 bit: descriptor prefetch */

#define I40E_RXQ_CTX_BASE_UNIT 128
#define I40E_RXQ_CTX_DBUFF_UNIT 128
#define I40E_RXQ_CTX_HBUFF_UNIT 64

/* RSS: 512 one-byte queue entries in 128 registers, 4 per register. */
#define I40E_PFQF_HLUT(i) (0x00240000u + 0x80u * (uint32_t)(i)) /* i = 0..127 */
#define I40E_PFQF_HLUT_REGS 128
#define I40E_PFQF_HLUT_ENTRY_MASK 0x3Fu
#define I40E_RSS_LUT_SIZE 512

/* RSS: the 52-byte Toeplitz key in 13 registers, key byte 4i in bits 0-7 of i. */
#define I40E_PFQF_HKEY(i) (0x00244800u + 0x80u * (uint32_t)(i)) /* i = 0..12 */
#define I40E_PFQF_HKEY_REGS 13
#define I40E_RSS_KEY_SIZE (4 * I40E_PFQF_HKEY_REGS)

/*
 * RSS: the hash-enable bits, one per packet classifier type (PCTYPE), bit
 * n of the 64 in HENA(n / 32). A frame of a class whose bit is clear is
 * not hashed: no RSS hash in its descriptor, and it goes to the VSI's
 * first queue. Zero after a PF reset. The X710/XL710's classes (the
 * X722 adds split UDP and TCP-SYN classes, not listed):
 */
#define I40E_PFQF_HENA(i) (0x00245900u + 0x80u * (uint32_t)(i)) /* i = 0..1 */
#define I40E_PFQF_HENA_REGS 2
#define I40E_FILTER_PCTYPE_NONF_IPV4_UDP 31
#define I40E_FILTER_PCTYPE_NONF_IPV4_TCP 33
#define I40E_FILTER_PCTYPE_NONF_IPV4_SCTP 34
#define I40E_FILTER_PCTYPE_NONF_IPV4_OTHER 35
#define I40E_FILTER_PCTYPE_FRAG_IPV4 36
#define I40E_FILTER_PCTYPE_NONF_IPV6_UDP 41
#define I40E_FILTER_PCTYPE_NONF_IPV6_TCP 43
#define I40E_FILTER_PCTYPE_NONF_IPV6_SCTP 44
#define I40E_FILTER_PCTYPE_NONF_IPV6_OTHER 45
#define I40E_FILTER_PCTYPE_FRAG_IPV6 46
#define I40E_FILTER_PCTYPE_L2_PAYLOAD 63

/* The port's MAC address. On real hardware the driver asks firmware for it
 * (admin queue); the emulated device also leaves it in PRTGL_SAL/SAH. */
#define I40E_PRTGL_SAL 0x001E2120
#define I40E_PRTGL_SAH 0x001E2140
#define I40E_PRTGL_SAH_FC_SAH_MASK 0xFFFFu

/* The port's MAC link status: UP (both bits) and the speed in bits 27-29.
 * 3 is 40G, or 25G where PRTMAC_MACC says so (the 25G parts). */
#define I40E_PRTMAC_LINKSTA 0x001E2420
#define I40E_PRTMAC_LINKSTA_UP 0x40000080u
#define I40E_PRTMAC_LINKSTA_SPEED_SHIFT 27
#define I40E_PRTMAC_LINKSTA_SPEED_MASK (0x7u << I40E_PRTMAC_LINKSTA_SPEED_SHIFT)
#define I40E_LINK_SPEED_100M 0u
#define I40E_LINK_SPEED_1G 1u
#define I40E_LINK_SPEED_10G 2u
#define I40E_LINK_SPEED_40G 3u
#define I40E_LINK_SPEED_20G 4u
#define I40E_PRTMAC_MACC 0x001E24E0
#define I40E_PRTMAC_MACC_25GB 0x00020000u

/* Per-VSI statistics (the PF's main VSI is index 0 in the emulated device). */
#define I40E_GLV_GORCL(i) (0x00358000u + 8u * (uint32_t)(i)) /* good octets rx, low */
#define I40E_GLV_GORCH(i) (0x00358004u + 8u * (uint32_t)(i))
#define I40E_GLV_UPRCL(i) (0x0036C000u + 8u * (uint32_t)(i)) /* unicast packets rx */
#define I40E_GLV_RDPC(i) (0x00310000u + 8u * (uint32_t)(i))  /* rx discards: no descriptor */

/* Sim only: per-queue counters of what a real NIC keeps to itself. */
#define I40E_SIM_QRX_DROP(q) (0x007F0000u + 4u * (uint32_t)(q))  /* no descriptor */
#define I40E_SIM_QRX_DMAERR(q) (0x007F2000u + 4u * (uint32_t)(q)) /* bad buffer address */
#define I40E_SIM_QRX_HEAD(q) (0x007F4000u + 4u * (uint32_t)(q))  /* current head */

/*
 * Sim only: the main VSI's VLAN mode. On the X710 this is the VSI
 * context's port VLAN mode (EMOD: strip the tag and show it in the
 * descriptor, or leave the frame alone), set with the admin queue's
 * "update VSI parameters" command, which the emulated device does not
 * model; this register stands in for that command. STRIP: one 802.1Q tag
 * goes into L2TAG1. QINQ (with STRIP): an outer 0x88a8 or 0x8100 tag and
 * the 0x8100 tag inside it go into L2TAG1 and L2TAG2_2 (32-byte
 * descriptors only). 0 after a PF reset: frames are left as they came.
 */
#define I40E_SIM_VSI_VLAN_MODE 0x007F6000u
#define I40E_SIM_VSI_VLAN_STRIP 0x1u
#define I40E_SIM_VSI_VLAN_QINQ 0x2u

/* How many rx queues the emulated PF may own (real X710: up to 1536 per
 * device; PFLAN_QALLOC says which). */
#define I40E_SIM_MAX_RX_QUEUES 64

#endif
