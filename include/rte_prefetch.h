/* SPDX-License-Identifier: BSD-3-Clause
 * Cache prefetch hints. They never fault, so any address may be passed.
 */
#ifndef RTEMEM_RTE_PREFETCH_H
#define RTEMEM_RTE_PREFETCH_H

#ifdef __cplusplus
extern "C" {
#endif

/* Into all cache levels. */
static inline void rte_prefetch0(const volatile void *p)
{
	__builtin_prefetch((const void *)p, 0, 3);
}

/* Into L2 and below. */
static inline void rte_prefetch1(const volatile void *p)
{
	__builtin_prefetch((const void *)p, 0, 2);
}

/* Into L3 and below. */
static inline void rte_prefetch2(const volatile void *p)
{
	__builtin_prefetch((const void *)p, 0, 1);
}

/* Data used once: keep it out of the way of the rest of the cache. */
static inline void rte_prefetch_non_temporal(const volatile void *p)
{
	__builtin_prefetch((const void *)p, 0, 0);
}

/* The same, announcing that the line will be written. */
static inline void rte_prefetch0_write(const void *p)
{
	__builtin_prefetch(p, 1, 3);
}

static inline void rte_prefetch1_write(const void *p)
{
	__builtin_prefetch(p, 1, 2);
}

static inline void rte_prefetch2_write(const void *p)
{
	__builtin_prefetch(p, 1, 1);
}

#ifdef __cplusplus
}
#endif

#endif
