/* SPDX-License-Identifier: BSD-3-Clause
 * Small EAL services: rte_errno and its messages, size strings, panic, exit,
 * and the RTM flag rte_spinlock.h declares.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_spinlock.h>

#include "hal.h"

RTE_DEFINE_PER_LCORE(int, _rte_errno);

uint8_t rte_rtm_supported; /* 0: the _tm lock variants take the plain lock */

const char *rte_strerror(int errnum)
{
	static __thread char buf[64];

	switch (errnum) {
	case E_RTE_SECONDARY:
		return "Invalid call in secondary process";
	case E_RTE_NO_CONFIG:
		return "Missing rte_config structure";
	default:
		/* The two codes above are the only ones rtemem adds to errno's. */
		return strerror_r(errnum, buf, sizeof(buf));
	}
}

uint64_t rte_str_to_size(const char *str)
{
	char *end;
	unsigned long long size;

	while (isspace((unsigned char)*str))
		str++;
	if (*str == '-')
		return 0;
	errno = 0;
	size = strtoull(str, &end, 0);
	if (errno != 0)
		return 0;
	if (*end == ' ')
		end++;
	switch (*end) {
	case 'T': case 't':
		size <<= 10;
		/* fall through */
	case 'G': case 'g':
		size <<= 10;
		/* fall through */
	case 'M': case 'm':
		size <<= 10;
		/* fall through */
	case 'K': case 'k':
		size <<= 10;
		break;
	default:
		break;
	}
	return size;
}

int rte_sys_gettid(void)
{
	return hal_thread_id();
}

void rte_dump_stack(void)
{
	hal_dump_stack(rte_log_get_stream());
}

void __rte_panic(const char *funcname, const char *format, ...)
{
	va_list ap;

	rte_log(RTE_LOG_CRIT, RTE_LOGTYPE_EAL, "PANIC in %s():\n", funcname);
	va_start(ap, format);
	rte_vlog(RTE_LOG_CRIT, RTE_LOGTYPE_EAL, format, ap);
	va_end(ap);
	rte_dump_stack();
	abort();
}

void rte_exit(int exit_code, const char *format, ...)
{
	va_list ap;

	va_start(ap, format);
	rte_vlog(RTE_LOG_CRIT, RTE_LOGTYPE_EAL, format, ap);
	va_end(ap);
	rte_eal_cleanup();
	exit(exit_code);
}
