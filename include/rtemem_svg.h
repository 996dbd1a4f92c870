/* SPDX-License-Identifier: BSD-3-Clause
 * rtemem extension: draw the memory layout (memseg list pages and malloc
 * heap elements, to scale) as an SVG image.
 */
#ifndef RTEMEM_SVG_H
#define RTEMEM_SVG_H

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Write the SVG document to f. Returns 0, or -errno (EINVAL: no EAL). */
int rtemem_dump_svg(FILE *f);

#ifdef __cplusplus
}
#endif

#endif
