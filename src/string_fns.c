/* SPDX-License-Identifier: BSD-3-Clause
 * rte_strsplit, rte_strscpy, rte_hexdump and rte_memdump.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>

#include <rte_hexdump.h>
#include <rte_string_fns.h>

int rte_strsplit(char *string, int stringlen, char **tokens, int maxtokens, char delim)
{
	int n = 0;
	bool at_token_start = true;

	if (string == NULL || tokens == NULL) {
		errno = EINVAL;
		return -1;
	}
	for (int i = 0; i < stringlen && string[i] != '\0' && n < maxtokens; i++) {
		if (at_token_start) {
			tokens[n++] = &string[i];
			at_token_start = false;
		}
		if (string[i] == delim) {
			string[i] = '\0';
			at_token_start = true;
		}
	}
	return n;
}

ssize_t rte_strscpy(char *dst, const char *src, size_t dsize)
{
	for (size_t i = 0; i < dsize; i++) {
		dst[i] = src[i];
		if (src[i] == '\0')
			return (ssize_t)i;
	}
	if (dsize > 0)
		dst[dsize - 1] = '\0';
	return -E2BIG;
}

#define HEX_PER_LINE 16

void rte_hexdump(FILE *f, const char *title, const void *buf, unsigned int len)
{
	const unsigned char *p = buf;

	if (f == NULL)
		return;
	fprintf(f, "%s at [%p], len=%u\n", title != NULL ? title : "  Dump data", buf, len);
	for (unsigned int line = 0; line < len; line += HEX_PER_LINE) {
		const unsigned int n = len - line < HEX_PER_LINE ? len - line : HEX_PER_LINE;

		fprintf(f, "%08X:", line);
		for (unsigned int i = 0; i < HEX_PER_LINE; i++) {
			if (i < n)
				fprintf(f, " %02X", p[line + i]);
			else
				fputs("   ", f);
		}
		fputs(" | ", f);
		for (unsigned int i = 0; i < n; i++)
			fputc(isprint(p[line + i]) ? p[line + i] : '.', f);
		fputc('\n', f);
	}
	fflush(f);
}

void rte_memdump(FILE *f, const char *title, const void *buf, unsigned int len)
{
	const unsigned char *p = buf;

	if (f == NULL)
		return;
	if (title != NULL)
		fprintf(f, "%s: ", title);
	for (unsigned int i = 0; i < len; i++)
		fprintf(f, "%s%02x", i == 0 ? "" : ":", p[i]);
	fputc('\n', f);
	fflush(f);
}
