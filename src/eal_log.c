/* SPDX-License-Identifier: BSD-3-Clause
 * rte_log: a global level, a level per type, and registered type names.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <rte_log.h>

#define MAX_LOG_TYPES 256
#define LOG_NAME_LEN 64

static struct {
	FILE *stream; /* NULL: stderr */
	uint32_t global_level;
	uint32_t level[MAX_LOG_TYPES];
	char name[MAX_LOG_TYPES][LOG_NAME_LEN];
	uint32_t n_types;
} logs = {
	.global_level = RTE_LOG_DEBUG,
	.n_types = RTE_LOGTYPE_FIRST_EXT_ID,
};

/* Types below FIRST_EXT_ID start at INFO; the global level filters on top. */
RTE_INIT_PRIO(log_defaults, LOG)
{
	for (uint32_t i = 0; i < MAX_LOG_TYPES; i++)
		logs.level[i] = RTE_LOG_INFO;
}

int rte_openlog_stream(FILE *f)
{
	logs.stream = f;
	return 0;
}

FILE *rte_log_get_stream(void)
{
	return logs.stream ? logs.stream : stderr;
}

void rte_log_set_global_level(uint32_t level)
{
	/* Atomic: any thread may log while another changes a level. */
	__atomic_store_n(&logs.global_level, level, __ATOMIC_RELAXED);
}

uint32_t rte_log_get_global_level(void)
{
	return __atomic_load_n(&logs.global_level, __ATOMIC_RELAXED);
}

int rte_log_get_level(uint32_t logtype)
{
	return logtype < logs.n_types ? (int)__atomic_load_n(&logs.level[logtype], __ATOMIC_RELAXED)
				      : -1;
}

int rte_log_set_level(uint32_t logtype, uint32_t level)
{
	if (logtype >= logs.n_types || level > RTE_LOG_MAX)
		return -1;
	__atomic_store_n(&logs.level[logtype], level, __ATOMIC_RELAXED);
	return 0;
}

int rte_log_register(const char *name)
{
	return rte_log_register_type_and_pick_level(name, RTE_LOG_INFO);
}

int rte_log_register_type_and_pick_level(const char *name, uint32_t level_def)
{
	uint32_t i;

	if (name == NULL || strlen(name) >= LOG_NAME_LEN)
		return -EINVAL;
	for (i = RTE_LOGTYPE_FIRST_EXT_ID; i < logs.n_types; i++)
		if (strcmp(logs.name[i], name) == 0)
			return (int)i;
	if (logs.n_types == MAX_LOG_TYPES)
		return -ENOSPC;
	i = logs.n_types++;
	snprintf(logs.name[i], LOG_NAME_LEN, "%s", name);
	logs.level[i] = level_def;
	return (int)i;
}

int rte_log_can_log(uint32_t logtype, uint32_t level)
{
	if (level > __atomic_load_n(&logs.global_level, __ATOMIC_RELAXED))
		return 0;
	return logtype >= logs.n_types ||
	       level <= __atomic_load_n(&logs.level[logtype], __ATOMIC_RELAXED);
}

int rte_vlog(uint32_t level, uint32_t logtype, const char *format, va_list ap)
{
	FILE *f = rte_log_get_stream();
	int ret;

	if (!rte_log_can_log(logtype, level))
		return 0;
	ret = vfprintf(f, format, ap);
	fflush(f);
	return ret;
}

int rte_log(uint32_t level, uint32_t logtype, const char *format, ...)
{
	va_list ap;
	int ret;

	va_start(ap, format);
	ret = rte_vlog(level, logtype, format, ap);
	va_end(ap);
	return ret;
}
