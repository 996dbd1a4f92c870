/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef RTEMEM_RTE_DEBUG_H
#define RTEMEM_RTE_DEBUG_H

#include <rte_common.h>
#include <rte_branch_prediction.h>
#include <rte_log.h>

#ifdef __cplusplus
extern "C" {
#endif

void rte_dump_stack(void);
void __rte_panic(const char *funcname, const char *format, ...)
	__rte_noreturn __rte_format_printf(2, 3);
#define rte_panic(...) __rte_panic(__func__, __VA_ARGS__)

#define RTE_VERIFY(exp) do { \
	if (unlikely(!(exp))) \
		rte_panic("line %d\tassert \"%s\" failed\n", __LINE__, #exp); \
} while (0)

#ifdef RTE_ENABLE_ASSERT
#define RTE_ASSERT(exp) RTE_VERIFY(exp)
#else
#define RTE_ASSERT(exp) do {} while (0)
#endif

#ifdef __cplusplus
}
#endif

#endif
