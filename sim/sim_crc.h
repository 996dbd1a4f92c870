/* SPDX-License-Identifier: BSD-3-Clause
 * The two CRCs the emulated NIC computes over frame bytes: Ethernet's
 * FCS (CRC-32, IEEE 802.3) and SCTP's checksum (CRC-32c, Castagnoli,
 * RFC 4960 appendix B). Both reflected, initial value all ones, result
 * complemented; both travel least significant byte first.
 *
 * crc is the result over the bytes before buf (0 to start), so a CRC can
 * be taken over pieces, as zlib's crc32() is.
 */
#ifndef RTEMEM_SIM_CRC_H
#define RTEMEM_SIM_CRC_H

#include <stddef.h>
#include <stdint.h>

uint32_t sim_crc32_eth(uint32_t crc, const void *buf, size_t len);
uint32_t sim_crc32c(uint32_t crc, const void *buf, size_t len);

#endif
