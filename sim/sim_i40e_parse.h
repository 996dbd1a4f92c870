/* SPDX-License-Identifier: BSD-3-Clause
 * What the emulated X710's parser finds in a frame: its packet type (the
 * default profile's numbers, i40e_rxd.h), its hash class (the PCTYPE
 * whose PFQF_HENA bit decides whether it is hashed), the fields the RSS
 * hash reads, and the checksum verdicts that go into the descriptor.
 */
#ifndef RTEMEM_SIM_I40E_PARSE_H
#define RTEMEM_SIM_I40E_PARSE_H

#include <stdbool.h>
#include <stdint.h>

struct sim_i40e_parsed {
	uint8_t ptype;
	uint8_t pctype;     /* I40E_FILTER_PCTYPE_* (i40e_regs.h) */
	uint8_t input_len;  /* the hash's input: addresses, then TCP/UDP ports; 0: none */
	uint8_t input[36];
	bool checked;       /* L3L4P: some header's integrity was checked */
	bool eipe;          /* a tunnel's outer IPv4 header checksum is wrong */
	bool ipe;           /* the (inner) IPv4 header checksum is wrong */
	bool l4e;           /* the (inner) TCP/UDP checksum or SCTP CRC-32c is wrong */
};

void sim_i40e_parse(const uint8_t *f, uint32_t len, struct sim_i40e_parsed *p);

#endif
