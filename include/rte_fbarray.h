/* SPDX-License-Identifier: BSD-3-Clause
 * File-backed array: a fixed number of fixed-size elements plus a used-bit
 * mask, in one shared mapping so that other processes can attach to it.
 * Layout of data: len * elt_sz bytes of elements, then the mask, the whole
 * rounded up to the base page size.
 */
#ifndef RTEMEM_RTE_FBARRAY_H
#define RTEMEM_RTE_FBARRAY_H

#include <stdbool.h>
#include <stdio.h>

#include <rte_rwlock.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_FBARRAY_NAME_LEN 64

struct rte_fbarray {
	char name[RTE_FBARRAY_NAME_LEN];
	unsigned int count;  /* elements in use */
	unsigned int len;    /* capacity */
	unsigned int elt_sz;
	void *data;          /* elements, then the used-bit mask */
	rte_rwlock_t rwlock; /* guards the mask and count */
};

int rte_fbarray_init(struct rte_fbarray *arr, const char *name, unsigned int len,
		     unsigned int elt_sz);
int rte_fbarray_destroy(struct rte_fbarray *arr);
int rte_fbarray_attach(struct rte_fbarray *arr);
int rte_fbarray_detach(struct rte_fbarray *arr);

void *rte_fbarray_get(const struct rte_fbarray *arr, unsigned int idx);
int rte_fbarray_find_idx(const struct rte_fbarray *arr, const void *elt);
int rte_fbarray_set_used(struct rte_fbarray *arr, unsigned int idx);
int rte_fbarray_set_free(struct rte_fbarray *arr, unsigned int idx);
int rte_fbarray_is_used(struct rte_fbarray *arr, unsigned int idx);

int rte_fbarray_find_next_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_next_used(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_next_n_free(struct rte_fbarray *arr, unsigned int start, unsigned int n);
int rte_fbarray_find_next_n_used(struct rte_fbarray *arr, unsigned int start, unsigned int n);
int rte_fbarray_find_contig_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_contig_used(struct rte_fbarray *arr, unsigned int start);

int rte_fbarray_find_prev_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_prev_used(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_prev_n_free(struct rte_fbarray *arr, unsigned int start, unsigned int n);
int rte_fbarray_find_prev_n_used(struct rte_fbarray *arr, unsigned int start, unsigned int n);
int rte_fbarray_find_rev_contig_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_rev_contig_used(struct rte_fbarray *arr, unsigned int start);

int rte_fbarray_find_biggest_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_biggest_used(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_rev_biggest_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_rev_biggest_used(struct rte_fbarray *arr, unsigned int start);

void rte_fbarray_dump_metadata(struct rte_fbarray *arr, FILE *f);

#ifdef __cplusplus
}
#endif

#endif
