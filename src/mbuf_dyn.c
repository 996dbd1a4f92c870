/* SPDX-License-Identifier: BSD-3-Clause
 * Dynamic mbuf fields and flags: the registry in the "rte_mbuf_dyn" memzone.
 *
 * The memzone is created by the first registration in the primary and then
 * only read by secondaries, so every process computes RTE_MBUF_DYNFIELD()
 * with the same offsets. Its pointer is looked up on every call rather than
 * cached: registration is slow path, and a cached pointer would dangle
 * across rte_eal_cleanup and a new rte_eal_init in the same process.
 *
 * Locking: the mcfg mempool lock (shared by all processes) serialises the
 * registry; it is a leaf here, nothing else is taken while it is held
 * except the memzone lock inside rte_memzone_reserve/lookup.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>
#include <rte_memzone.h>

#define MBUF_DYN_MZ_NAME "rte_mbuf_dyn"
#define MBUF_SIZE sizeof(struct rte_mbuf)
#define NB_FLAG_BITS 64

/* The bytes of struct rte_mbuf a dynamic field may use: dynfield1 only. */
#define DYN_AREA_START offsetof(struct rte_mbuf, dynfield1)
#define DYN_AREA_END (DYN_AREA_START + sizeof(((struct rte_mbuf *)0)->dynfield1))

struct dyn_field {
	struct rte_mbuf_dynfield params;
	size_t offset;
};

struct dyn_flag {
	struct rte_mbuf_dynflag params;
	unsigned int bitnum;
};

/* Shared by all processes; plain data, no pointers. */
struct mbuf_dyn_shm {
	uint8_t byte_free[MBUF_SIZE]; /* 1: no field uses this byte of the mbuf */
	uint64_t free_flags;          /* ol_flags bits not yet given out */
	unsigned int nb_fields;
	unsigned int nb_flags;
	/* Fields are at least one byte each, flags one bit. */
	struct dyn_field fields[MBUF_SIZE];
	struct dyn_flag flags[NB_FLAG_BITS];
};

static struct mbuf_dyn_shm *shm_lookup(void)
{
	const struct rte_memzone *mz = rte_memzone_lookup(MBUF_DYN_MZ_NAME);

	return mz != NULL ? (struct mbuf_dyn_shm *)mz->addr : NULL;
}

/*
 * The registry, created on first use by the primary; *created says this
 * call made it (a failed registration then frees it again). Called with
 * the lock held.
 */
static int shm_get(struct mbuf_dyn_shm **out, const struct rte_memzone **created)
{
	struct mbuf_dyn_shm *shm = shm_lookup();
	const struct rte_memzone *mz;
	uint64_t bit;
	size_t i;

	*created = NULL;
	if (shm == NULL) {
		if (rte_eal_process_type() != RTE_PROC_PRIMARY)
			return -EPERM;
		mz = rte_memzone_reserve_aligned(MBUF_DYN_MZ_NAME, sizeof(*shm), SOCKET_ID_ANY, 0,
						 RTE_CACHE_LINE_SIZE);
		if (mz == NULL)
			return rte_errno == EEXIST ? -EEXIST : -ENOMEM;
		shm = (struct mbuf_dyn_shm *)mz->addr;
		memset(shm, 0, sizeof(*shm));
		for (i = DYN_AREA_START; i < DYN_AREA_END; i++)
			shm->byte_free[i] = 1;
		for (bit = RTE_MBUF_F_FIRST_FREE; bit <= RTE_MBUF_F_LAST_FREE; bit <<= 1)
			shm->free_flags |= bit;
		*created = mz;
	}
	*out = shm;
	return 0;
}

static bool name_ok(const char *name)
{
	return strnlen(name, RTE_MBUF_DYN_NAMESIZE) < RTE_MBUF_DYN_NAMESIZE;
}

static struct dyn_field *field_find(struct mbuf_dyn_shm *shm, const char *name)
{
	unsigned int i;

	for (i = 0; i < shm->nb_fields; i++)
		if (strcmp(shm->fields[i].params.name, name) == 0)
			return &shm->fields[i];
	return NULL;
}

static struct dyn_flag *flag_find(struct mbuf_dyn_shm *shm, const char *name)
{
	unsigned int i;

	for (i = 0; i < shm->nb_flags; i++)
		if (strcmp(shm->flags[i].params.name, name) == 0)
			return &shm->flags[i];
	return NULL;
}

static bool span_free(const struct mbuf_dyn_shm *shm, size_t offset, size_t size)
{
	size_t i;

	if (offset + size > MBUF_SIZE)
		return false;
	for (i = offset; i < offset + size; i++)
		if (!shm->byte_free[i])
			return false;
	return true;
}

/*
 * How precious the free byte at offset is: cut its free run, from the
 * start, into the largest naturally aligned power-of-2 blocks that fit;
 * the score is the size of the block holding offset. DPDK places a field
 * where this is lowest, so big aligned room is kept for big aligned
 * fields, and applications see the same offsets on rtemem as on DPDK.
 */
static size_t free_score(const struct mbuf_dyn_shm *shm, size_t offset)
{
	size_t start = offset, end = offset, off, align;

	while (start > 0 && shm->byte_free[start - 1])
		start--;
	while (end < MBUF_SIZE && shm->byte_free[end])
		end++;
	for (off = start;; off += align) {
		for (align = 1; off % (align * 2) == 0 && align * 2 <= end - off; align *= 2)
			;
		if (offset < off + align)
			return align;
	}
}

/*
 * The offset for a new field: the requested one if it is aligned and its
 * bytes are free (-EBUSY if not, as in DPDK), else the aligned free span
 * of lowest score, the lowest offset among equals (-ENOENT: none).
 */
static int field_place(const struct mbuf_dyn_shm *shm, const struct rte_mbuf_dynfield *p,
		       size_t req, size_t *offset)
{
	size_t o, score, best = SIZE_MAX;

	if (req != SIZE_MAX) {
		if (req % p->align != 0 || !span_free(shm, req, p->size))
			return -EBUSY;
		*offset = req;
		return 0;
	}
	for (o = 0; o + p->size <= MBUF_SIZE; o += p->align) {
		if (!span_free(shm, o, p->size))
			continue;
		score = free_score(shm, o);
		if (score < best) {
			best = score;
			*offset = o;
		}
	}
	return best != SIZE_MAX ? 0 : -ENOENT;
}

static int field_register(const struct rte_mbuf_dynfield *p, size_t req,
			  const struct rte_memzone **created)
{
	struct mbuf_dyn_shm *shm;
	struct dyn_field *f;
	size_t offset;
	int ret;

	if (!name_ok(p->name))
		return -ENAMETOOLONG;
	if (p->size == 0 || p->size >= MBUF_SIZE || p->align == 0 || (p->align & (p->align - 1)) != 0 ||
	    p->flags != 0)
		return -EINVAL;
	ret = shm_get(&shm, created);
	if (ret < 0)
		return ret;
	f = field_find(shm, p->name);
	if (f != NULL) {
		if (f->params.size != p->size || f->params.align != p->align ||
		    f->params.flags != p->flags || (req != SIZE_MAX && req != f->offset))
			return -EEXIST;
		return (int)f->offset;
	}
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return -EPERM;
	ret = field_place(shm, p, req, &offset);
	if (ret < 0)
		return ret;
	f = &shm->fields[shm->nb_fields];
	memset(f, 0, sizeof(*f));
	strcpy(f->params.name, p->name);
	f->params.size = p->size;
	f->params.align = p->align;
	f->offset = offset;
	memset(&shm->byte_free[offset], 0, p->size);
	shm->nb_fields++;
	return (int)offset;
}

static int flag_register(const struct rte_mbuf_dynflag *p, unsigned int req,
			 const struct rte_memzone **created)
{
	struct mbuf_dyn_shm *shm;
	struct dyn_flag *f;
	unsigned int bitnum;
	int ret;

	if (!name_ok(p->name))
		return -ENAMETOOLONG;
	if (p->flags != 0 || (req != UINT_MAX && req >= NB_FLAG_BITS))
		return -EINVAL;
	ret = shm_get(&shm, created);
	if (ret < 0)
		return ret;
	f = flag_find(shm, p->name);
	if (f != NULL) {
		if (f->params.flags != p->flags || (req != UINT_MAX && req != f->bitnum))
			return -EEXIST;
		return (int)f->bitnum;
	}
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return -EPERM;
	if (req != UINT_MAX) {
		if (!(shm->free_flags & (1ULL << req)))
			return -EBUSY;
		bitnum = req;
	} else {
		if (shm->free_flags == 0)
			return -ENOENT;
		bitnum = (unsigned int)rte_bsf64(shm->free_flags);
	}
	f = &shm->flags[shm->nb_flags];
	memset(f, 0, sizeof(*f));
	strcpy(f->params.name, p->name);
	f->bitnum = bitnum;
	shm->free_flags &= ~(1ULL << bitnum);
	shm->nb_flags++;
	return (int)bitnum;
}

/*
 * Public entry points: a registry this failed call created goes again
 * (failure leaves no trace); internal -errno becomes DPDK's -1 and rte_errno.
 */
static int finish(int ret, const struct rte_memzone *created)
{
	if (ret < 0 && created != NULL)
		rte_memzone_free(created);
	return ret;
}

static int to_public(int ret)
{
	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	return ret;
}

int rte_mbuf_dynfield_register_offset(const struct rte_mbuf_dynfield *params, size_t offset)
{
	const struct rte_memzone *created = NULL;
	int ret;

	if (params == NULL)
		return to_public(-EINVAL);
	rte_mcfg_mempool_write_lock();
	ret = field_register(params, offset, &created);
	ret = finish(ret, created);
	rte_mcfg_mempool_write_unlock();
	return to_public(ret);
}

int rte_mbuf_dynfield_register(const struct rte_mbuf_dynfield *params)
{
	return rte_mbuf_dynfield_register_offset(params, SIZE_MAX);
}

int rte_mbuf_dynflag_register_bitnum(const struct rte_mbuf_dynflag *params, unsigned int bitnum)
{
	const struct rte_memzone *created = NULL;
	int ret;

	if (params == NULL)
		return to_public(-EINVAL);
	rte_mcfg_mempool_write_lock();
	ret = flag_register(params, bitnum, &created);
	ret = finish(ret, created);
	rte_mcfg_mempool_write_unlock();
	return to_public(ret);
}

int rte_mbuf_dynflag_register(const struct rte_mbuf_dynflag *params)
{
	return rte_mbuf_dynflag_register_bitnum(params, UINT_MAX);
}

int rte_mbuf_dynfield_lookup(const char *name, struct rte_mbuf_dynfield *params)
{
	struct mbuf_dyn_shm *shm;
	struct dyn_field *f = NULL;
	int ret = -ENOENT;

	rte_mcfg_mempool_read_lock();
	shm = shm_lookup();
	if (shm != NULL && name != NULL)
		f = field_find(shm, name);
	if (f != NULL) {
		if (params != NULL)
			*params = f->params;
		ret = (int)f->offset;
	}
	rte_mcfg_mempool_read_unlock();
	return to_public(ret);
}

int rte_mbuf_dynflag_lookup(const char *name, struct rte_mbuf_dynflag *params)
{
	struct mbuf_dyn_shm *shm;
	struct dyn_flag *f = NULL;
	int ret = -ENOENT;

	rte_mcfg_mempool_read_lock();
	shm = shm_lookup();
	if (shm != NULL && name != NULL)
		f = flag_find(shm, name);
	if (f != NULL) {
		if (params != NULL)
			*params = f->params;
		ret = (int)f->bitnum;
	}
	rte_mcfg_mempool_read_unlock();
	return to_public(ret);
}

/* DPDK's layout, so dumps compare: 8 values a row, free bytes as their score. */
void rte_mbuf_dyn_dump(FILE *out)
{
	struct mbuf_dyn_shm *shm;
	unsigned int i;
	size_t b;

	rte_mcfg_mempool_read_lock();
	shm = shm_lookup();
	if (shm == NULL) {
		/* Nothing registered yet: no registry to show. */
		rte_mcfg_mempool_read_unlock();
		return;
	}
	fprintf(out, "Reserved fields:\n");
	for (i = 0; i < shm->nb_fields; i++)
		fprintf(out, "  name=%s offset=%zu size=%zu align=%zu flags=%x\n",
			shm->fields[i].params.name, shm->fields[i].offset,
			shm->fields[i].params.size, shm->fields[i].params.align,
			shm->fields[i].params.flags);
	fprintf(out, "Reserved flags:\n");
	for (i = 0; i < shm->nb_flags; i++)
		fprintf(out, "  name=%s bitnum=%u flags=%x\n", shm->flags[i].params.name,
			shm->flags[i].bitnum, shm->flags[i].params.flags);
	fprintf(out, "Free space in mbuf (0 = occupied, value = free zone alignment):\n");
	for (b = 0; b < MBUF_SIZE; b++) {
		if (b % 8 == 0)
			fprintf(out, "  %4.4zx: ", b);
		fprintf(out, "%2.2zx%s", shm->byte_free[b] ? free_score(shm, b) : 0,
			b % 8 != 7 ? " " : "\n");
	}
	fprintf(out, "Free bit in mbuf->ol_flags (0 = occupied, 1 = free):\n");
	for (b = 0; b < NB_FLAG_BITS; b++) {
		if (b % 8 == 0)
			fprintf(out, "  %4.4zx: ", b);
		fprintf(out, "%u%s", (unsigned int)((shm->free_flags >> b) & 1),
			b % 8 != 7 ? " " : "\n");
	}
	rte_mcfg_mempool_read_unlock();
}

/* The shared timestamp field and one direction's flag. */
static int timestamp_register(const char *flag_name, int *field_offset, uint64_t *flag)
{
	static const struct rte_mbuf_dynfield field_desc = {
		.name = RTE_MBUF_DYNFIELD_TIMESTAMP_NAME,
		.size = sizeof(rte_mbuf_timestamp_t),
		.align = __alignof__(rte_mbuf_timestamp_t),
		.flags = 0,
	};
	struct rte_mbuf_dynflag flag_desc = { .name = "", .flags = 0 };
	int offset, bitnum;

	strcpy(flag_desc.name, flag_name);
	offset = rte_mbuf_dynfield_register(&field_desc);
	if (offset < 0)
		return -1;
	bitnum = rte_mbuf_dynflag_register(&flag_desc);
	if (bitnum < 0)
		return -1;
	if (field_offset != NULL)
		*field_offset = offset;
	if (flag != NULL)
		*flag = 1ULL << bitnum;
	return 0;
}

int rte_mbuf_dyn_rx_timestamp_register(int *field_offset, uint64_t *rx_flag)
{
	return timestamp_register(RTE_MBUF_DYNFLAG_RX_TIMESTAMP_NAME, field_offset, rx_flag);
}

int rte_mbuf_dyn_tx_timestamp_register(int *field_offset, uint64_t *tx_flag)
{
	return timestamp_register(RTE_MBUF_DYNFLAG_TX_TIMESTAMP_NAME, field_offset, tx_flag);
}
