/* SPDX-License-Identifier: BSD-3-Clause
 * The PCI allow/block lists of the command line (eal_pci_list.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "eal_pci_list.h"

/* A hex field of s ending in sep, at most max; the rest of s after sep. */
static const char *hex_field(const char *s, char sep, unsigned long max, unsigned long *out)
{
	char *end;

	if (!isxdigit((unsigned char)*s))
		return NULL;
	*out = strtoul(s, &end, 16);
	if (*out > max || *end != sep)
		return NULL;
	return end + 1;
}

int eal_pci_addr_parse(const char *s, struct hal_pci_addr *out)
{
	unsigned long domain = 0, bus, dev, fn;
	const char *p = s;
	int colons = 0;

	if (s == NULL || out == NULL)
		return -EINVAL;
	for (const char *c = s; *c != '\0' && *c != ','; c++)
		colons += *c == ':';
	if (colons == 2 && (p = hex_field(p, ':', 0xffffffffUL, &domain)) == NULL)
		return -EINVAL;
	if (colons < 1 || colons > 2 || (p = hex_field(p, ':', 0xff, &bus)) == NULL ||
	    (p = hex_field(p, '.', 0x1f, &dev)) == NULL || !isxdigit((unsigned char)*p))
		return -EINVAL;
	fn = (unsigned long)(isdigit((unsigned char)*p) ? *p - '0' : 10);
	if (fn > 7 || (p[1] != '\0' && p[1] != ','))
		return -EINVAL;
	out->domain = (uint32_t)domain;
	out->bus = (uint8_t)bus;
	out->devid = (uint8_t)dev;
	out->function = (uint8_t)fn;
	return 0;
}

int eal_pci_list_add(struct eal_pci_list *l, const char *arg, bool allow)
{
	const enum eal_pci_policy want = allow ? EAL_PCI_ALLOW : EAL_PCI_BLOCK;
	struct hal_pci_addr addr;

	if (eal_pci_addr_parse(arg, &addr) < 0)
		return -EINVAL;
	if (l->policy != EAL_PCI_ALL && l->policy != want)
		return -EINVAL; /* DPDK refuses -a and -b together */
	if (l->n == EAL_PCI_LIST_MAX)
		return -ENOSPC;
	l->policy = want;
	l->addr[l->n++] = addr;
	return 0;
}

static bool same_addr(const struct hal_pci_addr *a, const struct hal_pci_addr *b)
{
	return a->domain == b->domain && a->bus == b->bus && a->devid == b->devid &&
	       a->function == b->function;
}

bool eal_pci_list_allows(const struct eal_pci_list *l, const struct hal_pci_addr *addr)
{
	bool listed = false;

	if (l->no_pci)
		return false;
	for (unsigned int i = 0; i < l->n && !listed; i++)
		listed = same_addr(&l->addr[i], addr);
	switch (l->policy) {
	case EAL_PCI_ALLOW:
		return listed;
	case EAL_PCI_BLOCK:
		return !listed;
	default:
		return true;
	}
}
