/* SPDX-License-Identifier: BSD-3-Clause
 * CRC-32 and CRC-32c, bit by bit. The device model runs them once per
 * frame it checks; a table would be faster, but the benchmarks time the
 * driver apart from the model.
 */
#include "sim_crc.h"

/* A reflected CRC: the polynomial is given bit-reversed, data bits are
 * taken least significant first. */
static uint32_t crc32_reflected(uint32_t poly, uint32_t crc, const uint8_t *p, size_t len)
{
	crc = ~crc;
	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		for (int b = 0; b < 8; b++)
			crc = crc >> 1 ^ (poly & (0u - (crc & 1u)));
	}
	return ~crc;
}

uint32_t sim_crc32_eth(uint32_t crc, const void *buf, size_t len)
{
	return crc32_reflected(0xedb88320u, crc, buf, len);
}

uint32_t sim_crc32c(uint32_t crc, const void *buf, size_t len)
{
	return crc32_reflected(0x82f63b78u, crc, buf, len);
}
