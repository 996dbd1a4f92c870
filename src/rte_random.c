/* SPDX-License-Identifier: BSD-3-Clause
 * rte_rand and co: xoshiro256** (Blackman and Vigna, 2018), one state per
 * lcore plus a thread-local one for threads that are not lcores, each
 * seeded through splitmix64 from one seed so that rte_srand(x) gives the
 * same streams every time. The states are cache-line sized and aligned so
 * that two lcores drawing never share a line.
 */
#include <stdint.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_random.h>

struct rand_state {
	uint64_t s[4];
} __rte_cache_aligned;

static struct rand_state lcore_states[RTE_MAX_LCORE];
static __thread struct rand_state thread_state;
static __thread uint64_t thread_state_seed; /* the seed thread_state follows */
static uint64_t current_seed;               /* atomic: rte_srand may race a draw */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Stream number id of seed: a state no other stream of that seed shares. */
static void seed_state(struct rand_state *st, uint64_t seed, uint64_t id)
{
	uint64_t x = seed ^ (id * 0xd1342543de82ef95ULL);

	for (int i = 0; i < 4; i++)
		st->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t v, int k)
{
	return (v << k) | (v >> (64 - k));
}

static uint64_t next(struct rand_state *st)
{
	uint64_t *s = st->s;
	const uint64_t out = rotl(s[1] * 5, 7) * 9;
	const uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

void rte_srand(uint64_t seedval)
{
	for (unsigned int i = 0; i < RTE_MAX_LCORE; i++)
		seed_state(&lcore_states[i], seedval, i);
	__atomic_store_n(&current_seed, seedval, __ATOMIC_RELEASE);
}

__attribute__((constructor)) static void rand_init(void)
{
	rte_srand(rte_rdtsc());
}

static struct rand_state *my_state(void)
{
	const unsigned int lcore = rte_lcore_id();
	uint64_t seed;

	if (lcore < RTE_MAX_LCORE)
		return &lcore_states[lcore];
	/* Not an lcore: a private stream (id past the lcores'), re-seeded
	 * when rte_srand changed the seed since this thread last drew. */
	seed = __atomic_load_n(&current_seed, __ATOMIC_ACQUIRE);
	if (thread_state_seed != seed || (thread_state.s[0] | thread_state.s[1] |
					  thread_state.s[2] | thread_state.s[3]) == 0) {
		seed_state(&thread_state, seed, RTE_MAX_LCORE + (uint64_t)rte_sys_gettid());
		thread_state_seed = seed;
	}
	return &thread_state;
}

uint64_t rte_rand(void)
{
	return next(my_state());
}

uint64_t rte_rand_max(uint64_t upper_bound)
{
	struct rand_state *st;
	uint64_t mask, v;

	if (upper_bound <= 1)
		return 0;
	/* Rejection from the smallest power-of-two range that holds the
	 * bound: uniform, and fewer than two draws on average. */
	mask = UINT64_MAX >> __builtin_clzll(upper_bound - 1);
	st = my_state();
	do
		v = next(st) & mask;
	while (v >= upper_bound);
	return v;
}

double rte_drand(void)
{
	return (double)(rte_rand() >> 11) * 0x1.0p-53; /* 53 bits: every double step in [0, 1) */
}
