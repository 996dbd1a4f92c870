/* SPDX-License-Identifier: BSD-3-Clause
 * Address-space reservation, shared by both HALs.
 *
 * Reservations without a hint are placed from a cursor that starts at
 * 32 TiB (or --base-virtaddr) rather than where the kernel puts libraries
 * and thread stacks, so that a secondary process, whose libraries land
 * elsewhere, can map the primary's memory at the same addresses. 32 TiB is
 * far from the executable (0x55...) and the mmap area (0x7f...), and clear
 * of what AddressSanitizer reserves (its shadow ends near 16 TiB and its
 * heap starts at 96 TiB), so sanitized secondaries attach too.
 *
 * ThreadSanitizer (x86_64) lets an application map only in a few ranges of
 * its own layout: below 512 GiB, the PIE range at 0x55..., its heap at
 * 0x7b... and the top. 32 TiB lies between its shadow and its metadata;
 * there it drops the address of a MAP_FIXED_NOREPLACE request, the kernel
 * maps at 0 and TSan aborts. Under TSan the cursor starts at 64 GiB: a PIE
 * process leaves the low range empty, 448 GiB of it.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hal.h"
#include "hal_va.h"

#define RESERVE_FLAGS (MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE)
#if defined(__SANITIZE_THREAD__)
#define UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNDER_TSAN 1
#endif
#endif
#ifdef UNDER_TSAN
#define DEFAULT_BASE ((uintptr_t)1 << 36)
#else
#define DEFAULT_BASE ((uintptr_t)1 << 45)
#endif

static uintptr_t cursor; /* 0: let the kernel choose */

void hal_va_cursor_init(uint64_t base, bool enabled)
{
	cursor = 0;
	if (enabled && sizeof(void *) == 8)
		cursor = base != 0 ? (uintptr_t)base : DEFAULT_BASE;
}

/* mmap exactly at want, or fail; never replaces an existing mapping. */
static void *reserve_at(uintptr_t want, size_t len)
{
	void *va = mmap((void *)want, len, PROT_NONE, RESERVE_FLAGS | MAP_FIXED_NOREPLACE, -1, 0);

	if (va == MAP_FAILED)
		return NULL;
	if ((uintptr_t)va != want) { /* a kernel older than 4.17 treats it as a hint */
		munmap(va, len);
		return NULL;
	}
	return va;
}

/* Anywhere the kernel likes: over-reserve by align, trim both ends. */
static void *reserve_anywhere(size_t len, size_t align, size_t page)
{
	size_t total = len + (align > page ? align : 0);
	uintptr_t start, aligned;
	void *va;

	if (total < len) {
		errno = ENOMEM;
		return NULL;
	}
	va = mmap(NULL, total, PROT_NONE, RESERVE_FLAGS, -1, 0);
	if (va == MAP_FAILED)
		return NULL;
	start = (uintptr_t)va;
	aligned = RTE_ALIGN_CEIL(start, align);
	if (aligned > start)
		munmap(va, aligned - start);
	if (start + total > aligned + len)
		munmap((void *)(aligned + len), start + total - (aligned + len));
	return (void *)aligned;
}

void *hal_os_va_reserve(void *hint, size_t len, size_t align)
{
	size_t page = hal_base_page_size();
	void *va;

	if (len == 0 || (align != 0 && (align & (align - 1)) != 0)) {
		errno = EINVAL;
		return NULL;
	}
	if (align < page)
		align = page;
	/* Rounding up to a page would wrap to 0 and reserve nothing. */
	if (len > SIZE_MAX - (page - 1)) {
		errno = ENOMEM;
		return NULL;
	}
	len = RTE_ALIGN_CEIL(len, page);
	if (hint != NULL) {
		va = ((uintptr_t)hint & (align - 1)) == 0 ? reserve_at((uintptr_t)hint, len) : NULL;
		if (va != NULL)
			return va;
	} else if (cursor != 0) {
		uintptr_t want = RTE_ALIGN_CEIL(cursor, align);

		va = reserve_at(want, len);
		if (va != NULL) {
			cursor = want + len;
			return va;
		}
	}
	/* mmap aligns to the OS page, which the sim's base page may exceed. */
	return reserve_anywhere(len, align, (size_t)sysconf(_SC_PAGESIZE));
}

int hal_va_rereserve(void *va, size_t len)
{
	void *p = mmap(va, len, PROT_NONE, RESERVE_FLAGS | MAP_FIXED, -1, 0);

	return p == MAP_FAILED ? -errno : 0;
}

void hal_os_va_release(void *va, size_t len)
{
	if (va == NULL || len == 0)
		return;
	munmap(va, RTE_ALIGN_CEIL(len, hal_base_page_size()));
}
