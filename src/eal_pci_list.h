/* SPDX-License-Identifier: BSD-3-Clause
 * Which PCI devices the EAL may use: -a/--allow, -b/--block and --no-pci,
 * with DPDK 22.11's rules (eal_pci_list.c).
 */
#ifndef RTEMEM_EAL_PCI_LIST_H
#define RTEMEM_EAL_PCI_LIST_H

#include <stdbool.h>

#include "hal.h"

/* Devices one command line may name (DPDK has no fixed limit). */
#define EAL_PCI_LIST_MAX 32

enum eal_pci_policy {
	EAL_PCI_ALL = 0, /* neither -a nor -b: every device */
	EAL_PCI_ALLOW,   /* -a: only the listed devices */
	EAL_PCI_BLOCK,   /* -b: every device but the listed ones */
};

struct eal_pci_list {
	bool no_pci; /* --no-pci: the PCI bus is not scanned */
	enum eal_pci_policy policy;
	unsigned int n;
	struct hal_pci_addr addr[EAL_PCI_LIST_MAX];
};

/* "DDDD:BB:DD.F" or "BB:DD.F" (domain 0), optionally followed by ",devargs"
 * (accepted, not used); 0 or -EINVAL. */
int eal_pci_addr_parse(const char *s, struct hal_pci_addr *out);
/* Add the device of -a (allow true) or -b; -EINVAL for a bad address or
 * for -a and -b on one command line, -ENOSPC beyond EAL_PCI_LIST_MAX. */
int eal_pci_list_add(struct eal_pci_list *l, const char *arg, bool allow);
/* May the EAL probe the device at addr? */
bool eal_pci_list_allows(const struct eal_pci_list *l, const struct hal_pci_addr *addr);

#endif
