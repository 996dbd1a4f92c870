/* SPDX-License-Identifier: BSD-3-Clause
 * String helpers of DPDK 22.11's rte_string_fns.h: bounded copies that
 * always terminate, and an in-place split.
 */
#ifndef RTEMEM_RTE_STRING_FNS_H
#define RTEMEM_RTE_STRING_FNS_H

#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Split string (at most stringlen bytes) in place at each delim into at
 * most maxtokens tokens; the last one keeps any further delimiters. A
 * delimiter at the very end starts no empty token. Returns the number of
 * tokens, or -1 with errno EINVAL for a NULL string or tokens.
 */
int rte_strsplit(char *string, int stringlen, char **tokens, int maxtokens, char delim);

/* Copy src into dst of size bytes, always terminated (if size > 0);
 * returns strlen(src), so a result >= size means it was cut. */
static inline size_t rte_strlcpy(char *dst, const char *src, size_t size)
{
	return (size_t)snprintf(dst, size, "%s", src);
}

/* Append src to the string in dst of size bytes, always terminated;
 * returns the length the whole string would have had. */
static inline size_t rte_strlcat(char *dst, const char *src, size_t size)
{
	size_t l = strnlen(dst, size);

	if (l < size)
		return l + rte_strlcpy(&dst[l], src, size - l);
	return l + strlen(src);
}

/* As DPDK without libbsd: the BSD names, for code written against them. */
#ifndef strlcpy
#define strlcpy(dst, src, size) rte_strlcpy(dst, src, size)
#endif
#ifndef strlcat
#define strlcat(dst, src, size) rte_strlcat(dst, src, size)
#endif

/* Copy src into dst of dsize bytes, always terminated (if dsize > 0):
 * the number of characters copied, or -E2BIG if src did not fit. */
ssize_t rte_strscpy(char *dst, const char *src, size_t dsize);

#ifdef __cplusplus
}
#endif

#endif
