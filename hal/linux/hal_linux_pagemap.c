/* SPDX-License-Identifier: BSD-3-Clause
 * Virtual to physical addresses through /proc/self/pagemap: one 64-bit
 * entry per base page, bit 63 = present, bits 0-54 = page frame number.
 * Without CAP_SYS_ADMIN the kernel reports PFN 0, which we treat as "no
 * physical address known".
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include "hal_linux.h"

#define PAGEMAP_PRESENT (1ULL << 63)
#define PAGEMAP_PFN_MASK ((1ULL << 55) - 1)

static pthread_mutex_t pagemap_lock = PTHREAD_MUTEX_INITIALIZER;
static int pagemap_fd = -1;

/* Opened once, on first use; pread on it is safe from any thread. */
static int pagemap_open(void)
{
	int fd;

	pthread_mutex_lock(&pagemap_lock);
	if (pagemap_fd < 0)
		pagemap_fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	fd = pagemap_fd;
	pthread_mutex_unlock(&pagemap_lock);
	return fd;
}

void hal_linux_pagemap_close(void)
{
	pthread_mutex_lock(&pagemap_lock);
	if (pagemap_fd >= 0)
		close(pagemap_fd);
	pagemap_fd = -1;
	pthread_mutex_unlock(&pagemap_lock);
}

/* Physical address per pagemap, or RTE_BAD_IOVA. */
static rte_iova_t pagemap_lookup(const void *va)
{
	size_t page = hal_base_page_size();
	uintptr_t addr = (uintptr_t)va;
	uint64_t entry, pfn;
	off_t off = (off_t)(addr / page) * (off_t)sizeof(entry);
	int fd = pagemap_open();

	if (fd < 0)
		return RTE_BAD_IOVA;
	if (pread(fd, &entry, sizeof(entry), off) != (ssize_t)sizeof(entry))
		return RTE_BAD_IOVA;
	if ((entry & PAGEMAP_PRESENT) == 0)
		return RTE_BAD_IOVA;
	pfn = entry & PAGEMAP_PFN_MASK;
	if (pfn == 0)
		return RTE_BAD_IOVA;
	return pfn * page + (addr & (page - 1));
}

rte_iova_t hal_virt2iova(const void *va)
{
	if (va == NULL)
		return RTE_BAD_IOVA;
	/* Plain anonymous memory can move: with --no-huge the IOVA is the VA. */
	if (hal_linux.no_huge)
		return (rte_iova_t)(uintptr_t)va;
	return pagemap_lookup(va);
}

bool hal_iova_is_pa(void)
{
	static volatile char probe = 1;

	if (hal_linux.no_huge)
		return false;
	probe = probe + 1; /* make sure the page is present */
	return pagemap_lookup((const void *)&probe) != RTE_BAD_IOVA;
}
