/* SPDX-License-Identifier: BSD-3-Clause
 * Address-space reservation shared by hal/sim and hal/linux (hal_va.c).
 */
#ifndef RTEMEM_HAL_VA_H
#define RTEMEM_HAL_VA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where hint-less reservations start (0: 32 TiB); off for secondaries. */
void hal_va_cursor_init(uint64_t base, bool enabled);
/* hal_va_reserve without the sim's fault injector. */
void *hal_os_va_reserve(void *hint, size_t len, size_t align);
/* hal_va_release without the sim's fault injector. */
void hal_os_va_release(void *va, size_t len);
/* Put the reservation back over [va, va + len), dropping what was mapped. */
int hal_va_rereserve(void *va, size_t len);

#endif
