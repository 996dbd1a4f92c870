/* SPDX-License-Identifier: BSD-3-Clause
 * rte_vect_*: the process-wide cap on the SIMD width drivers may use.
 */
#include <errno.h>

#include <rte_common.h>
#include <rte_vect.h>

/* DPDK's default on x86 (AVX512 only when asked for). Read at port start,
 * written by the application before it: no lock needed, as in DPDK. */
static uint16_t max_simd_bitwidth = RTE_VECT_SIMD_256;

uint16_t rte_vect_get_max_simd_bitwidth(void)
{
	return max_simd_bitwidth;
}

int rte_vect_set_max_simd_bitwidth(uint16_t bitwidth)
{
	if (bitwidth < RTE_VECT_SIMD_DISABLED || !rte_is_power_of_2(bitwidth))
		return -EINVAL;
	max_simd_bitwidth = bitwidth;
	return 0;
}
