/* SPDX-License-Identifier: BSD-3-Clause
 * Per-lcore variables: one instance per thread (each lcore is one thread).
 */
#ifndef RTEMEM_RTE_PER_LCORE_H
#define RTEMEM_RTE_PER_LCORE_H

#define RTE_DEFINE_PER_LCORE(type, name) __thread __typeof__(type) per_lcore_##name
#define RTE_DECLARE_PER_LCORE(type, name) extern __thread __typeof__(type) per_lcore_##name
#define RTE_PER_LCORE(name) (per_lcore_##name)

#endif
