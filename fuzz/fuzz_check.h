/* SPDX-License-Identifier: BSD-3-Clause
 * The harnesses' model check: on a failed condition, print where (the
 * harness's file and line), the condition and the details given, then
 * abort, so that libFuzzer keeps the input that did it.
 */
#ifndef RTEMEM_FUZZ_CHECK_H
#define RTEMEM_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond, ...)                                                                       \
	do {                                                                                   \
		if (!(cond)) {                                                                 \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                          \
			fputc('\n', stderr);                                                   \
			abort();                                                               \
		}                                                                              \
	} while (0)

#endif
