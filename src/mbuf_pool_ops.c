/* SPDX-License-Identifier: BSD-3-Clause
 * pktmbuf pool ops selection. Each choice is a NUL-terminated ops name in a
 * memzone of its own, as in DPDK ("mbuf_platform_pool_ops",
 * "mbuf_user_pool_ops"), so a secondary creating a pool picks the ops the
 * primary chose.
 */
#include <errno.h>
#include <string.h>

#include <rte_config.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_mbuf_pool_ops.h>
#include <rte_mempool.h>
#include <rte_memzone.h>

#define PLATFORM_MZ "mbuf_platform_pool_ops"
#define USER_MZ "mbuf_user_pool_ops"

static int name_check(const char *ops_name)
{
	size_t len;

	if (ops_name == NULL)
		return -EINVAL;
	len = strnlen(ops_name, RTE_MEMPOOL_OPS_NAMESIZE);
	if (len == 0)
		return -EINVAL;
	if (len == RTE_MEMPOOL_OPS_NAMESIZE)
		return -ENAMETOOLONG;
	return 0;
}

/* The memzone holding a choice; *created tells whether this call made it. */
static int zone_get(const char *mz_name, const struct rte_memzone **out, int *created)
{
	const struct rte_memzone *mz = rte_memzone_lookup(mz_name);

	*created = 0;
	if (mz == NULL) {
		mz = rte_memzone_reserve(mz_name, RTE_MEMPOOL_OPS_NAMESIZE, SOCKET_ID_ANY, 0);
		if (mz != NULL)
			*created = 1;
		else if (rte_errno == EEXIST) /* another thread or process was first */
			mz = rte_memzone_lookup(mz_name);
	}
	if (mz == NULL)
		return -rte_errno;
	*out = mz;
	return 0;
}

int rte_mbuf_set_platform_mempool_ops(const char *ops_name)
{
	const struct rte_memzone *mz;
	int created, ret;

	ret = name_check(ops_name);
	if (ret < 0)
		return ret;
	ret = zone_get(PLATFORM_MZ, &mz, &created);
	if (ret < 0)
		return ret;
	if (created) {
		strcpy((char *)mz->addr, ops_name);
		return 0;
	}
	/* Set once: the same name again is fine, another one is not. */
	return strcmp((const char *)mz->addr, ops_name) == 0 ? 0 : -EEXIST;
}

const char *rte_mbuf_platform_mempool_ops(void)
{
	const struct rte_memzone *mz = rte_memzone_lookup(PLATFORM_MZ);

	return mz != NULL ? (const char *)mz->addr : NULL;
}

int rte_mbuf_set_user_mempool_ops(const char *ops_name)
{
	const struct rte_memzone *mz;
	int created, ret;

	ret = name_check(ops_name);
	if (ret < 0)
		return ret;
	ret = zone_get(USER_MZ, &mz, &created);
	if (ret < 0)
		return ret;
	strcpy((char *)mz->addr, ops_name);
	return 0;
}

const char *rte_mbuf_user_mempool_ops(void)
{
	const struct rte_memzone *mz = rte_memzone_lookup(USER_MZ);

	return mz != NULL ? (const char *)mz->addr : NULL;
}

const char *rte_mbuf_best_mempool_ops(void)
{
	const char *name = rte_mbuf_user_mempool_ops();

	if (name == NULL)
		name = rte_eal_mbuf_user_pool_ops(); /* --mbuf-pool-ops-name */
	if (name == NULL)
		name = rte_mbuf_platform_mempool_ops();
	return name != NULL ? name : RTE_MBUF_DEFAULT_MEMPOOL_OPS;
}
