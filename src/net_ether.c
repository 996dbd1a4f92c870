/* SPDX-License-Identifier: BSD-3-Clause
 * Ethernet address text and random addresses: rte_ether_format_addr,
 * rte_ether_unformat_addr and rte_eth_random_addr (DPDK's net library).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_ether.h>
#include <rte_random.h>

/* Value of one hex digit, or -1. */
static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Parses groups of exactly `digits` hex digits separated by ':' into the 6
 * bytes of out, big-endian within a group: "XX:..:XX" is 6 groups of 2,
 * "XXXX:XXXX:XXXX" 3 groups of 4. The whole string must be consumed.
 * isxdigit would follow the locale; DPDK's formats are ASCII only.
 */
static bool parse_groups(const char *s, unsigned int digits, uint8_t out[RTE_ETHER_ADDR_LEN])
{
	unsigned int groups = RTE_ETHER_ADDR_LEN * 2 / digits;
	unsigned int nibble = 0;

	for (unsigned int g = 0; g < groups; g++) {
		if (g > 0 && *s++ != ':')
			return false;
		for (unsigned int d = 0; d < digits; d++, nibble++) {
			int v = hex_digit(*s++);

			if (v < 0)
				return false;
			if (nibble % 2 == 0)
				out[nibble / 2] = (uint8_t)(v << 4);
			else
				out[nibble / 2] |= (uint8_t)v;
		}
	}
	return *s == '\0';
}

int rte_ether_unformat_addr(const char *str, struct rte_ether_addr *a)
{
	uint8_t bytes[RTE_ETHER_ADDR_LEN];

	/* hex_digit stops at the terminator, so no group reads past it. */
	if (str != NULL && a != NULL &&
	    (parse_groups(str, 2, bytes) || parse_groups(str, 4, bytes))) {
		memcpy(a->addr_bytes, bytes, sizeof(bytes));
		return 0;
	}
	rte_errno = EINVAL;
	return -1;
}

void rte_ether_format_addr(char *buf, uint16_t size, const struct rte_ether_addr *a)
{
	snprintf(buf, size, RTE_ETHER_ADDR_PRT_FMT, RTE_ETHER_ADDR_BYTES(a));
}

void rte_eth_random_addr(uint8_t *addr)
{
	uint64_t r = rte_rand();

	for (unsigned int i = 0; i < RTE_ETHER_ADDR_LEN; i++, r >>= 8)
		addr[i] = (uint8_t)r;
	addr[0] &= (uint8_t)~RTE_ETHER_GROUP_ADDR;
	addr[0] |= RTE_ETHER_LOCAL_ADMIN_ADDR;
}
