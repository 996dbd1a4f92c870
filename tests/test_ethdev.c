/* SPDX-License-Identifier: BSD-3-Clause
 * The ethdev layer itself (src/ethdev.c): port queries, what every call
 * says about a port that does not exist, the defaults it fills in, and
 * rte_eal_cleanup closing ports left open. The receive path through the
 * i40e PMD is test_i40e_rx's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_memzone.h>

#include "rtetest.h"

#define NO_PORT 7
#define POOL_SIZE 1024

static int boot(const char *args)
{
	if (rtetest_no_hugepages())
		return rtetest_eal_init("--no-huge -m 16") < 0 ? -1 : 0;
	return rtetest_eal_init(args) < 0 ? -1 : 0;
}

static int setup(void **state)
{
	(void)state;
	return boot("--sim=nic=x710");
}

static int teardown(void **state)
{
	(void)state;
	rte_eal_cleanup();
	return 0;
}

static void skip_without_nic(void)
{
	if (!rtetest_hal_is_sim())
		skip();
}

/* Every call on a port that is not there: -ENODEV (or its equivalent). */
static void test_no_such_port(void **state)
{
	struct rte_eth_conf conf;
	struct rte_eth_stats st;
	struct rte_eth_dev_info info;
	char name[RTE_ETH_NAME_MAX_LEN];

	(void)state;
	memset(&conf, 0, sizeof(conf));
	assert_false(rte_eth_dev_is_valid_port(NO_PORT));
	assert_false(rte_eth_dev_is_valid_port(RTE_MAX_ETHPORTS));
	assert_int_equal(rte_eth_dev_get_name_by_port(NO_PORT, name), -ENODEV);
	assert_int_equal(rte_eth_promiscuous_enable(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_promiscuous_get(NO_PORT), -1);
	assert_int_equal(rte_eth_dev_configure(NO_PORT, 1, 0, &conf), -ENODEV);
	assert_int_equal(rte_eth_rx_queue_setup(NO_PORT, 0, 512, 0, NULL, NULL), -ENODEV);
	assert_int_equal(rte_eth_tx_queue_setup(NO_PORT, 0, 512, 0, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_start(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_dev_stop(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_dev_close(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_dev_rx_queue_start(NO_PORT, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_rx_queue_stop(NO_PORT, 0), -ENODEV);
	assert_int_equal(rte_eth_stats_get(NO_PORT, &st), -ENODEV);
	assert_int_equal(rte_eth_stats_reset(NO_PORT), -ENODEV);
	/* A NULL output is refused before anything else is looked at. */
	assert_int_equal(rte_eth_dev_info_get(NO_PORT, NULL), -EINVAL);
	assert_int_equal(rte_eth_find_next(RTE_MAX_ETHPORTS), RTE_MAX_ETHPORTS);
	assert_int_equal(rte_eth_find_next_owned_by(0, 42), RTE_MAX_ETHPORTS);
	memset(&info, 0xff, sizeof(info));
	assert_int_equal(rte_eth_dev_info_get(NO_PORT, &info), -ENODEV);
	assert_null(info.driver_name); /* cleared even so */
}

static void test_port_queries(void **state)
{
	struct rte_eth_dev_info info;
	struct rte_eth_stats st;
	char name[RTE_ETH_NAME_MAX_LEN];
	unsigned int bus, dev, fn, dom;

	(void)state;
	skip_without_nic();
	assert_int_equal(rte_eth_dev_count_avail(), 1);
	assert_int_equal(rte_eth_dev_count_total(), 1);
	assert_true(rte_eth_dev_is_valid_port(0));
	assert_int_equal(rte_eth_find_next(0), 0);
	assert_int_equal(rte_eth_find_next(1), RTE_MAX_ETHPORTS);
	assert_int_equal(rte_eth_find_next_owned_by(0, RTE_ETH_DEV_NO_OWNER), 0);
	/* The name is the device's PCI address. */
	assert_int_equal(rte_eth_dev_get_name_by_port(0, name), 0);
	assert_int_equal(sscanf(name, "%4x:%2x:%2x.%1x", &dom, &bus, &dev, &fn), 4);
	assert_int_equal(strlen(name), 12);
	assert_int_equal(rte_eth_dev_get_name_by_port(0, NULL), -EINVAL);
	assert_int_equal(rte_eth_macaddr_get(0, NULL), -EINVAL);
	assert_int_equal(rte_eth_stats_get(0, NULL), -EINVAL);
	/* Every frame reaches the port already. */
	assert_int_equal(rte_eth_promiscuous_enable(0), 0);
	assert_int_equal(rte_eth_promiscuous_get(0), 1);
	/* Unconfigured: nothing to start or stop. */
	assert_int_equal(rte_eth_dev_start(0), -EINVAL);
	assert_int_equal(rte_eth_dev_rx_queue_stop(0, 0), -EINVAL);
	assert_int_equal(rte_eth_dev_info_get(0, &info), 0);
	assert_int_equal(info.nb_rx_queues, 0);
	assert_int_equal(rte_eth_stats_get(0, &st), 0);
	assert_int_equal(st.ipackets, 0);
}

/*
 * What a zero or "any" argument means: one queue, the default ring size,
 * the port's own socket; refused offloads change nothing.
 */
static void test_defaults(void **state)
{
	struct rte_eth_dev_info info;
	struct rte_eth_rxconf rxconf;
	struct rte_eth_conf conf;
	struct rte_mempool *pool;
	char ring[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;

	(void)state;
	skip_without_nic();
	pool = rte_pktmbuf_pool_create("eth_pool", POOL_SIZE, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	assert_non_null(pool);
	memset(&conf, 0, sizeof(conf));
	assert_int_equal(rte_eth_dev_configure(0, 0, 0, &conf), 0);
	assert_int_equal(rte_eth_dev_info_get(0, &info), 0);
	assert_int_equal(info.nb_rx_queues, 1);

	memset(&rxconf, 0, sizeof(rxconf));
	rxconf.offloads = 1ULL << 62;
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 0, SOCKET_ID_ANY, &rxconf, pool), -EINVAL);
	assert_int_equal(rte_eth_dev_start(0), -EINVAL); /* still no queue */
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 0, SOCKET_ID_ANY, NULL, pool), 0);
	snprintf(ring, sizeof(ring), "eth_p0_q0_rx_ring");
	mz = rte_memzone_lookup(ring);
	assert_non_null(mz);
	assert_int_equal(mz->socket_id, rte_eth_dev_socket_id(0));

	/* Queue stop/start: a queue that is stopped stays so; the port must run. */
	assert_int_equal(rte_eth_dev_rx_queue_stop(0, 0), 0);
	assert_int_equal(rte_eth_dev_rx_queue_start(0, 0), -EINVAL);
	assert_int_equal(rte_eth_dev_start(0), 0);
	/* The default ring of 512 descriptors is filled with mbufs, less one. */
	assert_true(rte_mempool_avail_count(pool) <= POOL_SIZE - 511);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_stop(0), 0); /* stopping a stopped port is fine */
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_null(rte_memzone_lookup(ring));
	rte_mempool_free(pool);
}

/* rte_eal_cleanup stops and closes ports still running; the next EAL finds the port afresh. */
static void test_cleanup_closes_open_ports(void **state)
{
	struct rte_eth_conf conf;
	struct rte_mempool *pool;

	(void)state;
	skip_without_nic();
	pool = rte_pktmbuf_pool_create("eth_pool2", POOL_SIZE, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	assert_non_null(pool);
	memset(&conf, 0, sizeof(conf));
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 256, 0, NULL, pool), 0);
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_int_equal(rte_eal_cleanup(), 0);

	assert_int_equal(boot("--sim=nic=x710"), 0);
	assert_int_equal(rte_eth_dev_count_avail(), 1);
	assert_int_equal(rte_eth_dev_start(0), -EINVAL); /* unconfigured again */
	assert_null(rte_memzone_lookup("eth_p0_q0_rx_ring"));
	assert_null(rte_mempool_lookup("eth_pool2"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_such_port),
		cmocka_unit_test(test_port_queries),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_cleanup_closes_open_ports),
	};

	return cmocka_run_group_tests_name("ethdev", tests, setup, teardown);
}
