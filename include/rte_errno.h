/* SPDX-License-Identifier: BSD-3-Clause
 * rte_errno: the per-thread error code set by every failing rte_* call.
 */
#ifndef RTEMEM_RTE_ERRNO_H
#define RTEMEM_RTE_ERRNO_H

#include <errno.h>
#include <rte_per_lcore.h>

#ifdef __cplusplus
extern "C" {
#endif

RTE_DECLARE_PER_LCORE(int, _rte_errno);
#define rte_errno RTE_PER_LCORE(_rte_errno)

#define __ELASTERROR 1000
enum {
	RTE_MIN_ERRNO = __ELASTERROR,
	E_RTE_SECONDARY, /* operation not allowed in a secondary process */
	E_RTE_NO_CONFIG, /* missing rte_config */
	RTE_MAX_ERRNO
};

/* Message for errnum (libc's for ordinary codes, rtemem's for E_RTE_*). */
const char *rte_strerror(int errnum);

#ifdef __cplusplus
}
#endif

#endif
