/* SPDX-License-Identifier: BSD-3-Clause
 * Dynamic mbuf fields and flags (DPDK 22.11 rte_mbuf_dyn.h).
 *
 * A library that needs per-packet metadata registers a named field (bytes
 * inside struct rte_mbuf's dynfield1 area) or a named flag (a free bit of
 * ol_flags) and gets back an offset or a bit number. The registry lives in
 * the "rte_mbuf_dyn" memzone, so a secondary looks up the same offsets the
 * primary handed out. Registration is a primary-only, slow-path operation;
 * the data path only uses the offset it got.
 */
#ifndef RTEMEM_RTE_MBUF_DYN_H
#define RTEMEM_RTE_MBUF_DYN_H

#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Room for a field or flag name, terminating NUL included. */
#define RTE_MBUF_DYN_NAMESIZE 64

struct rte_mbuf_dynfield {
	char name[RTE_MBUF_DYN_NAMESIZE];
	size_t size;        /* bytes to reserve */
	size_t align;       /* a power of 2 */
	unsigned int flags; /* must be 0 */
};

struct rte_mbuf_dynflag {
	char name[RTE_MBUF_DYN_NAMESIZE];
	unsigned int flags; /* must be 0 */
};

/*
 * Each returns the offset (bit number for flags), the existing one when the
 * name is already registered with the same parameters; -1 with rte_errno
 * set otherwise. The _offset/_bitnum forms ask for a place (SIZE_MAX /
 * UINT_MAX: anywhere).
 */
int rte_mbuf_dynfield_register(const struct rte_mbuf_dynfield *params);
int rte_mbuf_dynfield_register_offset(const struct rte_mbuf_dynfield *params, size_t offset);
int rte_mbuf_dynfield_lookup(const char *name, struct rte_mbuf_dynfield *params);
int rte_mbuf_dynflag_register(const struct rte_mbuf_dynflag *params);
int rte_mbuf_dynflag_register_bitnum(const struct rte_mbuf_dynflag *params, unsigned int bitnum);
int rte_mbuf_dynflag_lookup(const char *name, struct rte_mbuf_dynflag *params);
void rte_mbuf_dyn_dump(FILE *out);

/* The field at offset of mbuf m, as a pointer of type type. */
#define RTE_MBUF_DYNFIELD(m, offset, type) ((type)((uintptr_t)(m) + (offset)))

/* Well-known names, so that independent libraries share one field or flag. */
#define RTE_MBUF_DYNFIELD_METADATA_NAME "rte_flow_dynfield_metadata"
#define RTE_MBUF_DYNFLAG_METADATA_NAME "rte_flow_dynflag_metadata"

#define RTE_MBUF_DYNFIELD_TIMESTAMP_NAME "rte_dynfield_timestamp"
typedef uint64_t rte_mbuf_timestamp_t;
#define RTE_MBUF_DYNFLAG_RX_TIMESTAMP_NAME "rte_dynflag_rx_timestamp"
#define RTE_MBUF_DYNFLAG_TX_TIMESTAMP_NAME "rte_dynflag_tx_timestamp"

#define RTE_MBUF_DYNFIELD_IP_REASSEMBLY_NAME "rte_dynfield_ip_reassembly"
#define RTE_MBUF_DYNFLAG_IP_REASSEMBLY_INCOMPLETE_NAME "rte_dynflag_ip_reassembly_incomplete"

/*
 * Register the timestamp field and the rx (tx) timestamp flag; either
 * output may be NULL. 0 on success, -1 with rte_errno set otherwise.
 */
int rte_mbuf_dyn_rx_timestamp_register(int *field_offset, uint64_t *rx_flag);
int rte_mbuf_dyn_tx_timestamp_register(int *field_offset, uint64_t *tx_flag);

#ifdef __cplusplus
}
#endif

#endif
