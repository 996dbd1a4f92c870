/* SPDX-License-Identifier: BSD-3-Clause
 * rte_get_tsc_hz and the delay functions of rte_cycles.h. The frequency is
 * set by rte_eal_init (eal_timer_init), as DPDK sets it, and read by
 * everyone after; rte_delay_us is a pointer an application may redirect.
 */
#include <stdint.h>

#include <rte_cycles.h>
#include <rte_pause.h>

#include "eal_private.h"
#include "hal.h"

enum timer_source eal_timer_source = EAL_TIMER_TSC;
void (*rte_delay_us)(unsigned int us) = rte_delay_us_block;

static uint64_t tsc_hz;

void eal_timer_init(void)
{
	__atomic_store_n(&tsc_hz, hal_tsc_hz(), __ATOMIC_RELAXED);
}

uint64_t rte_get_tsc_hz(void)
{
	return __atomic_load_n(&tsc_hz, __ATOMIC_RELAXED);
}

void rte_delay_us_block(unsigned int us)
{
	const uint64_t start = rte_get_timer_cycles();
	const uint64_t ticks = (uint64_t)us * rte_get_timer_hz() / US_PER_S;

	while (rte_get_timer_cycles() - start < ticks)
		rte_pause();
}

void rte_delay_us_sleep(unsigned int us)
{
	hal_sleep_us(us);
}

void rte_delay_us_callback_register(void (*userfunc)(unsigned int))
{
	rte_delay_us = userfunc;
}
