/* SPDX-License-Identifier: BSD-3-Clause
 * rte_ring creation, lookup and teardown. The enqueue/dequeue fast path is
 * inline in rte_ring_elem.h.
 *
 * A ring made by rte_ring_create lives in its own memzone "RG_<name>", the
 * header followed by the element array, so another process finds it by
 * name through the shared memzone table.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memzone.h>
#include <rte_ring.h>

_Static_assert(offsetof(struct rte_ring, prod) % RTE_CACHE_LINE_SIZE == 0 &&
	       offsetof(struct rte_ring, cons) % RTE_CACHE_LINE_SIZE == 0,
	       "producer and consumer indexes need their own cache lines");

/* The other side reads a tail, and everyone the sync type, as struct rte_ring_headtail. */
_Static_assert(offsetof(struct rte_ring_headtail, tail) ==
	       offsetof(struct rte_ring_rts_headtail, tail.val.pos) &&
	       offsetof(struct rte_ring_headtail, tail) ==
	       offsetof(struct rte_ring_hts_headtail, ht.pos.tail) &&
	       offsetof(struct rte_ring_headtail, sync_type) ==
	       offsetof(struct rte_ring_rts_headtail, sync_type) &&
	       offsetof(struct rte_ring_headtail, sync_type) ==
	       offsetof(struct rte_ring_hts_headtail, sync_type),
	       "RTS and HTS layouts must overlay struct rte_ring_headtail");

#define RING_PROD_FLAGS (RING_F_SP_ENQ | RING_F_MP_RTS_ENQ | RING_F_MP_HTS_ENQ)
#define RING_CONS_FLAGS (RING_F_SC_DEQ | RING_F_MC_RTS_DEQ | RING_F_MC_HTS_DEQ)
#define RING_VALID_FLAGS (RING_PROD_FLAGS | RING_CONS_FLAGS | RING_F_EXACT_SZ)

/* An RTS side lets the head run ahead of the tail by up to capacity / 8 (DPDK's default). */
#define RING_RTS_HTD_MAX_DIV 8

/*
 * The sync type one side's flags ask for (bits of RING_PROD_FLAGS or
 * RING_CONS_FLAGS, in that order: single, RTS, HTS), or -EINVAL for two
 * modes at once.
 */
static int ring_sync_type(unsigned int side_flags, unsigned int single, unsigned int rts,
			  unsigned int hts)
{
	if (side_flags == 0)
		return RTE_RING_SYNC_MT;
	if (side_flags == single)
		return RTE_RING_SYNC_ST;
	if (side_flags == rts)
		return RTE_RING_SYNC_MT_RTS;
	if (side_flags == hts)
		return RTE_RING_SYNC_MT_HTS;
	return -EINVAL;
}

static int ring_check_flags(unsigned int flags, int *prod, int *cons)
{
	if ((flags & ~RING_VALID_FLAGS) != 0)
		return -EINVAL;
	*prod = ring_sync_type(flags & RING_PROD_FLAGS, RING_F_SP_ENQ, RING_F_MP_RTS_ENQ,
			       RING_F_MP_HTS_ENQ);
	*cons = ring_sync_type(flags & RING_CONS_FLAGS, RING_F_SC_DEQ, RING_F_MC_RTS_DEQ,
			       RING_F_MC_HTS_DEQ);
	return *prod < 0 || *cons < 0 ? -EINVAL : 0;
}

/*
 * The slot count (power of two) for count elements: count itself, or with
 * RING_F_EXACT_SZ the next power of two above it (one slot stays unused).
 * Returns 0 when count cannot make a ring.
 */
static uint32_t ring_slots(unsigned int count, unsigned int flags)
{
	if (count == 0 || count > RTE_RING_SZ_MASK)
		return 0;
	if (flags & RING_F_EXACT_SZ)
		count = rte_align32pow2(count + 1);
	if (!rte_is_power_of_2(count) || count > RTE_RING_SZ_MASK)
		return 0;
	return count;
}

static ssize_t ring_memsize(unsigned int esize, uint32_t slots)
{
	if (esize == 0 || esize % 4 != 0 || slots == 0)
		return -EINVAL;
	return (ssize_t)RTE_ALIGN_CEIL(sizeof(struct rte_ring) + (size_t)slots * esize,
				       (size_t)RTE_CACHE_LINE_SIZE);
}

ssize_t rte_ring_get_memsize_elem(unsigned int esize, unsigned int count)
{
	/* Without flags, as DPDK: count must be a power of two here. */
	if (!rte_is_power_of_2(count) || count > RTE_RING_SZ_MASK) {
		RTE_LOG(ERR, RING, "requested size %u is not a power of 2 or too big\n", count);
		return -EINVAL;
	}
	return ring_memsize(esize, count);
}

ssize_t rte_ring_get_memsize(unsigned int count)
{
	return rte_ring_get_memsize_elem(sizeof(void *), count);
}

int rte_ring_init(struct rte_ring *r, const char *name, unsigned int count,
		  unsigned int flags)
{
	int prod, cons;
	uint32_t slots;

	if (r == NULL || name == NULL || ring_check_flags(flags, &prod, &cons) != 0) {
		RTE_LOG(ERR, RING, "ring %s: unsupported flags 0x%x\n", name ? name : "?", flags);
		return -EINVAL;
	}
	slots = ring_slots(count, flags);
	if (slots == 0) {
		RTE_LOG(ERR, RING, "ring %s: bad count %u for flags 0x%x\n", name, count, flags);
		return -EINVAL;
	}
	if (strnlen(name, RTE_RING_NAMESIZE) >= RTE_RING_NAMESIZE)
		return -ENAMETOOLONG;

	memset(r, 0, sizeof(*r));
	strcpy(r->name, name);
	r->flags = (int)flags;
	r->size = slots;
	r->mask = slots - 1;
	/* A power-of-two ring keeps one slot free so full and empty differ. */
	r->capacity = (flags & RING_F_EXACT_SZ) ? count : slots - 1;
	r->prod.sync_type = (enum rte_ring_sync_type)prod;
	r->cons.sync_type = (enum rte_ring_sync_type)cons;
	if (prod == RTE_RING_SYNC_MT_RTS)
		r->rts_prod.htd_max = r->capacity / RING_RTS_HTD_MAX_DIV;
	if (cons == RTE_RING_SYNC_MT_RTS)
		r->rts_cons.htd_max = r->capacity / RING_RTS_HTD_MAX_DIV;
	return 0;
}

struct rte_ring *rte_ring_create_elem(const char *name, unsigned int esize,
				      unsigned int count, int socket_id, unsigned int flags)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	struct rte_ring *r;
	int ret, prod, cons;
	ssize_t size;

	if (name == NULL || ring_check_flags(flags, &prod, &cons) != 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	size = ring_memsize(esize, ring_slots(count, flags));
	if (size < 0) {
		RTE_LOG(ERR, RING, "ring %s: bad count %u or element size %u\n", name, count,
			esize);
		rte_errno = EINVAL;
		return NULL;
	}
	ret = snprintf(mz_name, sizeof(mz_name), RTE_RING_MZ_PREFIX "%s", name);
	if (ret < 0 || (size_t)ret >= sizeof(mz_name)) {
		rte_errno = ENAMETOOLONG;
		return NULL;
	}

	mz = rte_memzone_reserve_aligned(mz_name, (size_t)size, socket_id, 0,
					 RTE_CACHE_LINE_SIZE);
	if (mz == NULL) {
		RTE_LOG(ERR, RING, "cannot reserve memory for ring %s: %s\n", name,
			rte_strerror(rte_errno));
		return NULL; /* rte_errno from the memzone: EEXIST, ENOMEM, ... */
	}
	r = mz->addr;
	/* Checked above, so this cannot fail. */
	rte_ring_init(r, name, count, flags);
	r->memzone = mz;
	return r;
}

struct rte_ring *rte_ring_create(const char *name, unsigned int count, int socket_id,
				 unsigned int flags)
{
	return rte_ring_create_elem(name, sizeof(void *), count, socket_id, flags);
}

void rte_ring_free(struct rte_ring *r)
{
	if (r == NULL)
		return;
	if (r->memzone == NULL) {
		RTE_LOG(ERR, RING, "ring %s was not made by rte_ring_create, not freeing it\n",
			r->name);
		return;
	}
	if (rte_memzone_free(r->memzone) != 0)
		RTE_LOG(ERR, RING, "cannot free the memory of ring %s\n", r->name);
}

/* Zero one side's indexes in the layout its sync type uses (RTS keeps its head apart). */
static void ring_reset_side(struct rte_ring_headtail *ht, struct rte_ring_rts_headtail *rts)
{
	if (ht->sync_type == RTE_RING_SYNC_MT_RTS) {
		rts->head.raw = 0;
		rts->tail.raw = 0;
	} else {
		/* head and tail, or the HTS word: the same 8 bytes. */
		ht->head = 0;
		ht->tail = 0;
	}
}

void rte_ring_reset(struct rte_ring *r)
{
	ring_reset_side(&r->prod, &r->rts_prod);
	ring_reset_side(&r->cons, &r->rts_cons);
}

/* A side's head position; an RTS side keeps it in its own word (offset 0 is a count). */
static uint32_t ring_head_pos(const struct rte_ring_headtail *ht,
			      const struct rte_ring_rts_headtail *rts)
{
	return ht->sync_type == RTE_RING_SYNC_MT_RTS ? rts->head.val.pos : ht->head;
}

void rte_ring_dump(FILE *f, const struct rte_ring *r)
{
	if (f == NULL)
		f = stdout;
	if (r == NULL) {
		fprintf(f, "ring <NULL>\n");
		return;
	}
	fprintf(f, "ring <%s>@%p\n", r->name, (const void *)r);
	fprintf(f, "  flags=%x\n", (unsigned int)r->flags);
	fprintf(f, "  size=%" PRIu32 "\n", r->size);
	fprintf(f, "  capacity=%" PRIu32 "\n", r->capacity);
	fprintf(f, "  ct=%" PRIu32 "\n", r->cons.tail);
	fprintf(f, "  ch=%" PRIu32 "\n", ring_head_pos(&r->cons, &r->rts_cons));
	fprintf(f, "  pt=%" PRIu32 "\n", r->prod.tail);
	fprintf(f, "  ph=%" PRIu32 "\n", ring_head_pos(&r->prod, &r->rts_prod));
	fprintf(f, "  used=%u\n", rte_ring_count(r));
	fprintf(f, "  avail=%u\n", rte_ring_free_count(r));
}

static void dump_if_ring(const struct rte_memzone *mz, void *arg)
{
	if (strncmp(mz->name, RTE_RING_MZ_PREFIX, sizeof(RTE_RING_MZ_PREFIX) - 1) == 0)
		rte_ring_dump(arg, mz->addr);
}

void rte_ring_list_dump(FILE *f)
{
	rte_memzone_walk(dump_if_ring, f != NULL ? f : stdout);
}

struct rte_ring *rte_ring_lookup(const char *name)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	int ret;

	if (name == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	ret = snprintf(mz_name, sizeof(mz_name), RTE_RING_MZ_PREFIX "%s", name);
	mz = (ret < 0 || (size_t)ret >= sizeof(mz_name)) ? NULL : rte_memzone_lookup(mz_name);
	if (mz == NULL) {
		rte_errno = ENOENT;
		return NULL;
	}
	return mz->addr;
}
