/* SPDX-License-Identifier: BSD-3-Clause
 * The emulated X710's admin transmit queue: the firmware side of the
 * command ring the driver writes (i40e/i40e_adminq_desc.h).
 */
#ifndef RTEMEM_SIM_I40E_AQ_H
#define RTEMEM_SIM_I40E_AQ_H

#include <stdbool.h>
#include <stdint.h>

struct sim_i40e_aq {
	uint32_t bal, bah, len, head, tail;
	uint16_t api_major, api_minor; /* what get_version reports */
	uint64_t commands;             /* completed, with or without error */
};

/* Power-on / PF reset state: queue off, firmware version as shipped. */
void sim_i40e_aq_reset(struct sim_i40e_aq *aq);

/* A register access at off: true if it is an admin queue register (then
 * *val is the value read). Called under the device lock. */
bool sim_i40e_aq_read(const struct sim_i40e_aq *aq, uint32_t off, uint32_t *val);
bool sim_i40e_aq_write(struct sim_i40e_aq *aq, uint32_t off, uint32_t val);

#endif
