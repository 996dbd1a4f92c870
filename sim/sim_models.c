/* SPDX-License-Identifier: BSD-3-Clause
 * The device models the simulated machine can plug into its PCI bus.
 */
#include <stddef.h>

#include "sim_i40e.h"
#include "sim_machine.h"

const struct sim_device_model *const sim_device_models[] = {
	&sim_x710_model,
	&sim_xl710_model,
	NULL,
};
