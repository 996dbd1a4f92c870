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
#include <time.h>
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
	/* As DPDK: neither promiscuous nor all-multicast until asked. */
	assert_int_equal(rte_eth_promiscuous_get(0), 0);
	assert_int_equal(rte_eth_allmulticast_get(0), 0);
	assert_int_equal(rte_eth_promiscuous_enable(0), 0);
	assert_int_equal(rte_eth_promiscuous_get(0), 1);
	assert_int_equal(rte_eth_promiscuous_disable(0), 0);
	assert_int_equal(rte_eth_promiscuous_get(0), 0);
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

/* The rest of the API on a port that is not there: -ENODEV, or what DPDK
 * documents instead, before any argument is looked at. */
static void test_no_such_port_everywhere(void **state)
{
	struct rte_eth_link link;
	struct rte_eth_dev_owner owner;
	uint16_t nb = 64, q = 0;
	uint64_t id;
	uint32_t u32;

	(void)state;
	memset(&owner, 0, sizeof(owner));
	assert_int_equal(rte_eth_link_get(NO_PORT, &link), -ENODEV);
	assert_int_equal(rte_eth_link_get_nowait(NO_PORT, &link), -ENODEV);
	assert_int_equal(rte_eth_xstats_get(NO_PORT, NULL, 0), -ENODEV);
	assert_int_equal(rte_eth_xstats_get_names(NO_PORT, NULL, 0), -ENODEV);
	assert_int_equal(rte_eth_xstats_get_by_id(NO_PORT, NULL, NULL, 0), -ENODEV);
	assert_int_equal(rte_eth_xstats_get_names_by_id(NO_PORT, NULL, 0, NULL), -ENODEV);
	assert_int_equal(rte_eth_xstats_get_id_by_name(NO_PORT, "rx_errors", &id), -ENODEV);
	assert_int_equal(rte_eth_xstats_reset(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_dev_set_rx_queue_stats_mapping(NO_PORT, 0, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_set_tx_queue_stats_mapping(NO_PORT, 0, 0), -ENODEV);
	assert_int_equal(rte_eth_promiscuous_disable(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_allmulticast_enable(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_allmulticast_disable(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_allmulticast_get(NO_PORT), -1);
	assert_int_equal(rte_eth_macaddrs_get(NO_PORT, NULL, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_mac_addr_add(NO_PORT, NULL, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_mac_addr_remove(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_default_mac_addr_set(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_set_mc_addr_list(NO_PORT, NULL, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_uc_hash_table_set(NO_PORT, NULL, 1), -ENODEV);
	assert_int_equal(rte_eth_dev_uc_all_hash_table_set(NO_PORT, 1), -ENODEV);
	assert_int_equal(rte_eth_dev_vlan_filter(NO_PORT, 1, 1), -ENODEV);
	assert_int_equal(rte_eth_dev_set_vlan_strip_on_queue(NO_PORT, 0, 1), -ENODEV);
	assert_int_equal(rte_eth_dev_set_vlan_ether_type(NO_PORT, RTE_ETH_VLAN_TYPE_OUTER, 0x88a8),
			 -ENODEV);
	assert_int_equal(rte_eth_dev_set_vlan_offload(NO_PORT, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_get_vlan_offload(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_dev_set_vlan_pvid(NO_PORT, 1, 1), -ENODEV);
	assert_int_equal(rte_eth_dev_rss_reta_update(NO_PORT, NULL, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_rss_reta_query(NO_PORT, NULL, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_rss_hash_update(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_rss_hash_conf_get(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_udp_tunnel_port_add(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_udp_tunnel_port_delete(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_set_queue_rate_limit(NO_PORT, 0, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_fw_version_get(NO_PORT, NULL, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_get_mtu(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_set_mtu(NO_PORT, 1500), -ENODEV);
	assert_int_equal(rte_eth_dev_set_ptypes(NO_PORT, 0, NULL, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_conf_get(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_get_reg_info(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_get_eeprom_length(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_dev_get_eeprom(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_set_eeprom(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_get_module_info(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_get_module_eeprom(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_get_dcb_info(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_priv_dump(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_representor_info_get(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_timesync_enable(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_timesync_disable(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_timesync_read_rx_timestamp(NO_PORT, NULL, 0), -ENODEV);
	assert_int_equal(rte_eth_timesync_read_tx_timestamp(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_timesync_adjust_time(NO_PORT, 1), -ENODEV);
	assert_int_equal(rte_eth_timesync_read_time(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_timesync_write_time(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_read_clock(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_rx_metadata_negotiate(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_ip_reassembly_capability_get(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_ip_reassembly_conf_get(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_ip_reassembly_conf_set(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_cman_info_get(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_cman_config_init(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_cman_config_set(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_cman_config_get(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_led_on(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_led_off(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_fec_get_capability(NO_PORT, NULL, 0), -ENODEV);
	assert_int_equal(rte_eth_fec_get(NO_PORT, &u32), -ENODEV);
	assert_int_equal(rte_eth_fec_set(NO_PORT, 1), -ENODEV);
	assert_int_equal(rte_eth_dev_flow_ctrl_get(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_flow_ctrl_set(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_priority_flow_ctrl_set(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_priority_flow_ctrl_queue_info_get(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_priority_flow_ctrl_queue_configure(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_set_link_up(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_dev_set_link_down(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_dev_reset(NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_dev_tx_queue_start(NO_PORT, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_tx_queue_stop(NO_PORT, 0), -ENODEV);
	assert_int_equal(rte_eth_rx_queue_info_get(NO_PORT, 0, NULL), -ENODEV);
	assert_int_equal(rte_eth_tx_queue_info_get(NO_PORT, 0, NULL), -ENODEV);
	assert_int_equal(rte_eth_rx_burst_mode_get(NO_PORT, 0, NULL), -ENODEV);
	assert_int_equal(rte_eth_tx_burst_mode_get(NO_PORT, 0, NULL), -ENODEV);
	assert_int_equal(rte_eth_tx_done_cleanup(NO_PORT, 0, 0), -ENODEV);
	assert_int_equal(rte_eth_rx_descriptor_dump(NO_PORT, 0, 0, 1, stderr), -ENODEV);
	assert_int_equal(rte_eth_tx_descriptor_dump(NO_PORT, 0, 0, 1, stderr), -ENODEV);
	assert_int_equal(rte_eth_dev_hairpin_capability_get(NO_PORT, NULL), -ENODEV);
	assert_int_equal(rte_eth_rx_hairpin_queue_setup(NO_PORT, 0, 0, NULL), -ENODEV);
	assert_int_equal(rte_eth_tx_hairpin_queue_setup(NO_PORT, 0, 0, NULL), -ENODEV);
	assert_int_equal(rte_eth_hairpin_bind(NO_PORT, 0), -ENODEV);
	assert_int_equal(rte_eth_hairpin_unbind(NO_PORT, 0), -ENODEV);
	assert_int_equal(rte_eth_hairpin_get_peer_ports(NO_PORT, NULL, 0, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_rx_intr_enable(NO_PORT, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_rx_intr_disable(NO_PORT, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_rx_intr_ctl(NO_PORT, 0, 0, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_rx_intr_ctl_q(NO_PORT, 0, 0, 0, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_rx_intr_ctl_q_get_fd(NO_PORT, 0), -1);
	assert_int_equal(rte_eth_rx_avail_thresh_set(NO_PORT, 0, 0), -ENODEV);
	assert_int_equal(rte_eth_rx_avail_thresh_query(NO_PORT, &q, NULL), -ENODEV);
	assert_int_equal(rte_eth_get_monitor_addr(NO_PORT, 0, NULL), -ENODEV);
	assert_int_equal(rte_eth_dev_adjust_nb_rx_tx_desc(NO_PORT, &nb, &nb), -ENODEV);
	assert_int_equal(nb, 64);
	assert_int_equal(rte_eth_dev_pool_ops_supported(NO_PORT, "ring_mp_mc"), -ENODEV);
	assert_int_equal(rte_eth_buffer_split_get_supported_hdr_ptypes(NO_PORT, NULL, 0), -ENODEV);
	assert_int_equal(rte_eth_dev_owner_set(NO_PORT, &owner), -ENODEV);
	assert_int_equal(rte_eth_dev_owner_get(NO_PORT, &owner), -ENODEV);
	assert_int_equal(rte_eth_dev_owner_unset(NO_PORT, 1), -ENODEV);
	assert_null(rte_eth_dev_get_sec_ctx(NO_PORT));
	assert_int_equal(rte_eth_dev_is_removed(NO_PORT), 0);
	assert_int_equal(rte_eth_remove_rx_callback(NO_PORT, 0, NULL), -ENODEV);
	assert_int_equal(rte_eth_remove_tx_callback(NO_PORT, 0, NULL), -ENODEV);
	/* The callback adders say it through rte_errno, as EINVAL. */
	rte_errno = 0;
	assert_null(rte_eth_add_rx_callback(NO_PORT, 0, NULL, NULL));
	assert_int_equal(rte_errno, EINVAL);
	rte_errno = 0;
	assert_null(rte_eth_add_tx_callback(NO_PORT, 0, NULL, NULL));
	assert_int_equal(rte_errno, EINVAL);
	/* An event callback on a port that is not there is refused too. */
	assert_int_equal(rte_eth_dev_callback_register(NO_PORT, RTE_ETH_EVENT_NEW, NULL, NULL),
			 -EINVAL);
	/* The fast-path inlines take bad ports and queues without a fault. */
	assert_int_equal(rte_eth_rx_queue_count(NO_PORT, 0), -EINVAL);
	assert_int_equal(rte_eth_rx_descriptor_status(NO_PORT, 0, 0), -ENODEV);
	assert_int_equal(rte_eth_tx_descriptor_status(NO_PORT, 0, 0), -ENODEV);
	assert_int_equal(rte_eth_tx_burst(NO_PORT, 0, NULL, 4), 0);
	assert_int_equal(rte_eth_tx_burst(RTE_MAX_ETHPORTS, 0, NULL, 4), 0);
}

/* Names and speeds, against DPDK's own strings and bits. */
static void test_names(void **state)
{
	const uint64_t hf = RTE_ETH_RSS_LEVEL_INNERMOST | RTE_ETH_RSS_IPV4;
	struct rte_eth_link link;
	char str[RTE_ETH_LINK_MAX_STR_LEN];

	(void)state;
	assert_string_equal(rte_eth_dev_rx_offload_name(RTE_ETH_RX_OFFLOAD_VLAN_STRIP),
			    "VLAN_STRIP");
	assert_string_equal(rte_eth_dev_rx_offload_name(RTE_ETH_RX_OFFLOAD_BUFFER_SPLIT),
			    "BUFFER_SPLIT");
	assert_string_equal(rte_eth_dev_rx_offload_name(RTE_BIT64(8)), "UNKNOWN");
	assert_string_equal(rte_eth_dev_rx_offload_name(RTE_ETH_RX_OFFLOAD_CHECKSUM), "UNKNOWN");
	assert_string_equal(rte_eth_dev_tx_offload_name(RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE),
			    "MBUF_FAST_FREE");
	assert_string_equal(rte_eth_dev_tx_offload_name(RTE_ETH_TX_OFFLOAD_SEND_ON_TIMESTAMP),
			    "SEND_ON_TIMESTAMP");
	assert_string_equal(rte_eth_dev_tx_offload_name(0), "UNKNOWN");
	assert_string_equal(rte_eth_dev_capability_name(RTE_ETH_DEV_CAPA_RXQ_SHARE), "RXQ_SHARE");
	assert_string_equal(rte_eth_dev_capability_name(RTE_BIT64(5)), "UNKNOWN");

	assert_int_equal(rte_eth_speed_bitflag(RTE_ETH_SPEED_NUM_10M, 0),
			 RTE_ETH_LINK_SPEED_10M_HD);
	assert_int_equal(rte_eth_speed_bitflag(RTE_ETH_SPEED_NUM_100M, 1), RTE_ETH_LINK_SPEED_100M);
	assert_int_equal(rte_eth_speed_bitflag(RTE_ETH_SPEED_NUM_40G, 1), RTE_ETH_LINK_SPEED_40G);
	assert_int_equal(rte_eth_speed_bitflag(RTE_ETH_SPEED_NUM_200G, 0), RTE_ETH_LINK_SPEED_200G);
	assert_int_equal(rte_eth_speed_bitflag(12345, 1), 0);
	assert_string_equal(rte_eth_link_speed_to_str(RTE_ETH_SPEED_NUM_2_5G), "2.5 Gbps");
	assert_string_equal(rte_eth_link_speed_to_str(RTE_ETH_SPEED_NUM_NONE), "None");
	assert_string_equal(rte_eth_link_speed_to_str(RTE_ETH_SPEED_NUM_UNKNOWN), "Unknown");
	assert_string_equal(rte_eth_link_speed_to_str(7), "Invalid");

	memset(&link, 0, sizeof(link));
	memset(str, 'x', sizeof(str));
	assert_int_equal(rte_eth_link_to_str(str, sizeof(str), &link), 9);
	assert_string_equal(str, "Link down");
	link.link_status = RTE_ETH_LINK_UP;
	link.link_speed = RTE_ETH_SPEED_NUM_40G;
	link.link_duplex = RTE_ETH_LINK_FULL_DUPLEX;
	link.link_autoneg = RTE_ETH_LINK_AUTONEG;
	memset(str, 'x', sizeof(str));
	assert_int_equal(rte_eth_link_to_str(str, sizeof(str), &link), 30);
	assert_string_equal(str, "Link up at 40 Gbps FDX Autoneg");
	link.link_duplex = RTE_ETH_LINK_HALF_DUPLEX;
	link.link_autoneg = RTE_ETH_LINK_FIXED;
	link.link_speed = RTE_ETH_SPEED_NUM_10M;
	assert_int_equal(rte_eth_link_to_str(str, sizeof(str), &link), 28);
	assert_string_equal(str, "Link up at 10 Mbps HDX Fixed");
	assert_int_equal(rte_eth_link_to_str(NULL, 8, &link), -EINVAL);
	assert_int_equal(rte_eth_link_to_str(str, 0, &link), -EINVAL);
	assert_int_equal(rte_eth_link_to_str(str, sizeof(str), NULL), -EINVAL);

	/* Both halves of a pair asked: neither is kept. */
	assert_int_equal(rte_eth_rss_hf_refine(RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_L3_SRC_ONLY |
					       RTE_ETH_RSS_L3_DST_ONLY | RTE_ETH_RSS_L4_DST_ONLY),
			 RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_L4_DST_ONLY);
	/* (DPDK's macro does not parenthesise its argument: pass a variable.) */
	assert_int_equal(RTE_ETH_RSS_LEVEL(hf), 2);
}

/* Ownership hides a port from RTE_ETH_FOREACH_DEV and from other owners. */
static void test_ownership(void **state)
{
	struct rte_eth_dev_owner owner, got;
	struct rte_eth_dev_info info;
	uint64_t a, b;
	uint16_t p, seen = 0, port = RTE_MAX_ETHPORTS;
	char name[RTE_ETH_NAME_MAX_LEN];

	(void)state;
	skip_without_nic();
	assert_int_equal(rte_eth_dev_owner_new(NULL), -EINVAL);
	assert_int_equal(rte_eth_dev_owner_new(&a), 0);
	assert_int_equal(rte_eth_dev_owner_new(&b), 0);
	assert_true(a != RTE_ETH_DEV_NO_OWNER);
	assert_true(b > a);
	memset(&owner, 0, sizeof(owner));
	owner.id = b + 1; /* never handed out */
	assert_int_equal(rte_eth_dev_owner_set(0, &owner), -EINVAL);
	assert_int_equal(rte_eth_dev_owner_set(0, NULL), -EINVAL);
	owner.id = a;
	snprintf(owner.name, sizeof(owner.name), "bonding");
	assert_int_equal(rte_eth_dev_owner_set(0, &owner), 0);
	RTE_ETH_FOREACH_DEV(p)
		seen++;
	assert_int_equal(seen, 0);
	assert_int_equal(rte_eth_find_next_owned_by(0, a), 0);
	assert_int_equal(rte_eth_find_next_owned_by(0, b), RTE_MAX_ETHPORTS);
	owner.id = b;
	assert_int_equal(rte_eth_dev_owner_set(0, &owner), -EPERM); /* a has it */
	assert_int_equal(rte_eth_dev_owner_unset(0, b), -EPERM);
	memset(&got, 0xa5, sizeof(got));
	assert_int_equal(rte_eth_dev_owner_get(0, &got), 0);
	assert_int_equal(got.id, a);
	assert_string_equal(got.name, "bonding");
	assert_int_equal(rte_eth_dev_owner_delete(b + 1), -EINVAL);
	assert_int_equal(rte_eth_dev_owner_delete(a), 0);
	assert_int_equal(rte_eth_dev_owner_get(0, &got), 0);
	assert_int_equal(got.id, RTE_ETH_DEV_NO_OWNER);
	assert_string_equal(got.name, "");
	RTE_ETH_FOREACH_DEV(p)
		seen++;
	assert_int_equal(seen, 1);
	owner.id = a;
	assert_int_equal(rte_eth_dev_owner_set(0, &owner), 0);
	assert_int_equal(rte_eth_dev_owner_unset(0, a), 0);
	assert_int_equal(rte_eth_find_next_owned_by(0, RTE_ETH_DEV_NO_OWNER), 0);

	/* By name, by device: the port and only it. */
	assert_int_equal(rte_eth_dev_get_name_by_port(0, name), 0);
	assert_int_equal(rte_eth_dev_get_port_by_name(name, &port), 0);
	assert_int_equal(port, 0);
	assert_int_equal(rte_eth_dev_get_port_by_name("0000:99:00.0", &port), -ENODEV);
	assert_int_equal(rte_eth_dev_get_port_by_name(NULL, &port), -EINVAL);
	assert_int_equal(rte_eth_dev_info_get(0, &info), 0);
	assert_non_null(info.device);
	assert_int_equal(rte_eth_find_next_of(0, info.device), 0);
	assert_int_equal(rte_eth_find_next_of(1, info.device), RTE_MAX_ETHPORTS);
	assert_int_equal(rte_eth_find_next_sibling(0, 0), 0);
	assert_int_equal(rte_eth_find_next_sibling(0, NO_PORT), RTE_MAX_ETHPORTS);
	/* Matching by devargs needs rte_dev.h's iterator: refused, finds nothing. */
	assert_int_equal(rte_eth_iterator_next(NULL), RTE_MAX_ETHPORTS);
}

static struct rte_mempool *eth_pool(const char *name)
{
	struct rte_mempool *mp =
		rte_pktmbuf_pool_create(name, POOL_SIZE, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, 0);

	assert_non_null(mp);
	return mp;
}

/* One rx queue of 256 descriptors (and tx queues the driver cannot set up). */
static void configure_port(uint16_t nb_rx, uint16_t nb_tx, struct rte_mempool *mp)
{
	struct rte_eth_conf conf;

	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mq_mode = nb_rx > 1 ? RTE_ETH_MQ_RX_RSS : RTE_ETH_MQ_RX_NONE;
	assert_int_equal(rte_eth_dev_configure(0, nb_rx, nb_tx, &conf), 0);
	for (uint16_t q = 0; q < nb_rx; q++)
		assert_int_equal(rte_eth_rx_queue_setup(0, q, 256, 0, NULL, mp), 0);
}

/*
 * What the X710 driver does not have: on a valid port with valid
 * arguments, -ENOTSUP; a bad queue or argument is caught first, as DPDK.
 */
static void test_unsupported(void **state)
{
	struct rte_eth_fc_conf fc;
	struct rte_eth_pfc_conf pfc;
	struct rte_eth_pfc_queue_conf pfcq;
	struct rte_eth_dcb_info dcb;
	struct rte_eth_hairpin_conf hp;
	struct rte_eth_hairpin_cap hcap;
	struct rte_eth_txq_info txq;
	struct rte_eth_burst_mode mode;
	struct rte_eth_udp_tunnel tun;
	struct rte_eth_ip_reassembly_params ra;
	struct rte_eth_cman_info ci;
	struct rte_eth_cman_config cc;
	struct rte_ether_addr mac = { { 0x02, 0, 0, 0, 0, 9 } };
	struct rte_eth_link link;
	struct timespec ts;
	struct rte_mempool *mp;
	uint64_t u64 = 0;
	uint32_t u32;
	uint16_t q;
	uint8_t th;

	(void)state;
	skip_without_nic();
	mp = eth_pool("unsup_pool");
	configure_port(1, 1, mp);
	memset(&fc, 0, sizeof(fc));
	memset(&pfc, 0, sizeof(pfc));
	memset(&pfcq, 0, sizeof(pfcq));
	memset(&hp, 0, sizeof(hp));
	memset(&tun, 0, sizeof(tun));
	memset(&ra, 0, sizeof(ra));
	memset(&cc, 0, sizeof(cc));
	hp.peer_count = 1;

	/* Transmit: the tx queue exists in the configuration, not in the driver. */
	assert_int_equal(rte_eth_tx_queue_setup(0, 0, 512, 0, NULL), -ENOTSUP);
	assert_int_equal(rte_eth_tx_queue_setup(0, 1, 512, 0, NULL), -EINVAL);
	assert_int_equal(rte_eth_dev_tx_queue_stop(0, 0), -EINVAL); /* never set up */
	assert_int_equal(rte_eth_tx_queue_info_get(0, 0, &txq), -EINVAL);
	assert_int_equal(rte_eth_tx_burst_mode_get(0, 0, &mode), -ENOTSUP);
	assert_int_equal(rte_eth_tx_burst_mode_get(0, 1, &mode), -EINVAL);
	assert_int_equal(rte_eth_tx_done_cleanup(0, 0, 0), -EINVAL);
	assert_int_equal(rte_eth_tx_descriptor_dump(0, 0, 0, 1, stderr), -ENOTSUP);
	assert_int_equal(rte_eth_tx_descriptor_dump(0, 0, 0, 1, NULL), -EINVAL);

	/* Link: the emulated X710's cable is in, at the part's 10 Gbit/s. */
	assert_int_equal(rte_eth_link_get(0, NULL), -EINVAL);
	memset(&link, 0xff, sizeof(link));
	assert_int_equal(rte_eth_link_get(0, &link), 0);
	assert_int_equal(link.link_status, RTE_ETH_LINK_UP);
	assert_int_equal(link.link_speed, RTE_ETH_SPEED_NUM_10G);
	assert_int_equal(link.link_duplex, RTE_ETH_LINK_FULL_DUPLEX);
	assert_int_equal(link.link_autoneg, RTE_ETH_LINK_AUTONEG);
	memset(&link, 0, sizeof(link));
	assert_int_equal(rte_eth_link_get_nowait(0, &link), 0);
	assert_int_equal(link.link_status, RTE_ETH_LINK_UP);
	/* Its controls are not this driver's. */
	assert_int_equal(rte_eth_dev_set_link_up(0), -ENOTSUP);
	assert_int_equal(rte_eth_dev_set_link_down(0), -ENOTSUP);
	assert_int_equal(rte_eth_dev_reset(0), -ENOTSUP);
	assert_int_equal(rte_eth_led_on(0), -ENOTSUP);
	assert_int_equal(rte_eth_led_off(0), -ENOTSUP);
	assert_int_equal(rte_eth_fec_get_capability(0, NULL, 1), -EINVAL);
	assert_int_equal(rte_eth_fec_get_capability(0, NULL, 0), -ENOTSUP);
	assert_int_equal(rte_eth_fec_get(0, NULL), -EINVAL);
	assert_int_equal(rte_eth_fec_get(0, &u32), -ENOTSUP);
	assert_int_equal(rte_eth_fec_set(0, 0), -EINVAL);
	assert_int_equal(rte_eth_fec_set(0, RTE_ETH_FEC_MODE_CAPA_MASK(AUTO)), -ENOTSUP);
	assert_int_equal(rte_eth_dev_flow_ctrl_get(0, &fc), -ENOTSUP);
	fc.send_xon = 2;
	assert_int_equal(rte_eth_dev_flow_ctrl_set(0, &fc), -EINVAL);
	fc.send_xon = 1;
	assert_int_equal(rte_eth_dev_flow_ctrl_set(0, &fc), -ENOTSUP);
	pfc.priority = RTE_ETH_DCB_NUM_USER_PRIORITIES;
	assert_int_equal(rte_eth_dev_priority_flow_ctrl_set(0, &pfc), -EINVAL);
	pfc.priority = 3;
	assert_int_equal(rte_eth_dev_priority_flow_ctrl_set(0, &pfc), -ENOTSUP);
	assert_int_equal(rte_eth_dev_priority_flow_ctrl_queue_configure(0, &pfcq), -ENOTSUP);
	assert_int_equal(rte_eth_set_queue_rate_limit(0, 0, 100), -ENOTSUP);

	/* Addresses and filters. */
	assert_int_equal(rte_eth_dev_mac_addr_add(0, NULL, 0), -EINVAL);
	/* VMDq pools are not offered: pool 0 only (the main VSI). */
	assert_int_equal(rte_eth_dev_mac_addr_add(0, &mac, 1), -ENOTSUP);
	mac.addr_bytes[0] = 0x01; /* multicast: not an address to assign */
	assert_int_equal(rte_eth_dev_default_mac_addr_set(0, &mac), -EINVAL);
	assert_int_equal(rte_eth_dev_set_mc_addr_list(0, NULL, 1), -EINVAL);
	assert_int_equal(rte_eth_dev_set_mc_addr_list(0, &mac, 1), -ENOTSUP);
	assert_int_equal(rte_eth_dev_uc_hash_table_set(0, &mac, 1), -ENOTSUP);
	assert_int_equal(rte_eth_dev_uc_all_hash_table_set(0, 1), -ENOTSUP);
	assert_int_equal(rte_eth_dev_vlan_filter(0, 10, 1), -ENOSYS); /* not configured */
	assert_int_equal(rte_eth_dev_set_vlan_strip_on_queue(0, 1, 1), -EINVAL);
	assert_int_equal(rte_eth_dev_set_vlan_strip_on_queue(0, 0, 1), -ENOTSUP);
	assert_int_equal(rte_eth_dev_set_vlan_ether_type(0, RTE_ETH_VLAN_TYPE_OUTER, 0x88a8),
			 -ENOTSUP);
	assert_int_equal(rte_eth_dev_set_vlan_pvid(0, 5, 1), -ENOTSUP);
	tun.prot_type = RTE_ETH_TUNNEL_TYPE_MAX;
	assert_int_equal(rte_eth_dev_udp_tunnel_port_add(0, &tun), -EINVAL);
	tun.prot_type = RTE_ETH_TUNNEL_TYPE_VXLAN;
	tun.udp_port = 4789;
	assert_int_equal(rte_eth_dev_udp_tunnel_port_add(0, &tun), -ENOTSUP);
	assert_int_equal(rte_eth_dev_udp_tunnel_port_delete(0, &tun), -ENOTSUP);
	/* The modes are the VSI's (admin queue): on and off again. */
	assert_int_equal(rte_eth_promiscuous_disable(0), 0);
	assert_int_equal(rte_eth_promiscuous_get(0), 0);
	assert_int_equal(rte_eth_allmulticast_enable(0), 0);
	assert_int_equal(rte_eth_allmulticast_get(0), 1);
	assert_int_equal(rte_eth_allmulticast_disable(0), 0);
	assert_int_equal(rte_eth_allmulticast_get(0), 0);

	/* Device internals. */
	assert_int_equal(rte_eth_dev_set_mtu(0, 1500), -ENOTSUP);
	assert_int_equal(rte_eth_dev_get_eeprom_length(0), -ENOTSUP);
	assert_int_equal(rte_eth_dev_get_reg_info(0, NULL), -EINVAL);
	assert_int_equal(rte_eth_dev_get_eeprom(0, NULL), -EINVAL);
	memset(&dcb, 0xa5, sizeof(dcb));
	assert_int_equal(rte_eth_dev_get_dcb_info(0, &dcb), -ENOTSUP);
	assert_int_equal(dcb.nb_tcs, 0); /* cleared first, as DPDK */
	assert_int_equal(rte_eth_dev_priv_dump(0, stderr), -ENOTSUP);
	assert_int_equal(rte_eth_representor_info_get(0, NULL), -ENOTSUP);
	assert_int_equal(rte_eth_buffer_split_get_supported_hdr_ptypes(0, NULL, 1), -EINVAL);
	assert_int_equal(rte_eth_buffer_split_get_supported_hdr_ptypes(0, NULL, 0), -ENOTSUP);
	assert_null(rte_eth_dev_get_sec_ctx(0));
	assert_int_equal(rte_eth_dev_is_removed(0), 0);

	/* Hairpin, interrupts, thresholds. */
	assert_int_equal(rte_eth_dev_hairpin_capability_get(0, &hcap), -ENOTSUP);
	assert_int_equal(rte_eth_rx_hairpin_queue_setup(0, 0, 64, NULL), -EINVAL);
	assert_int_equal(rte_eth_rx_hairpin_queue_setup(0, 0, 64, &hp), -ENOTSUP);
	assert_int_equal(rte_eth_tx_hairpin_queue_setup(0, 1, 64, &hp), -EINVAL);
	assert_int_equal(rte_eth_hairpin_bind(0, NO_PORT), -ENODEV);
	assert_int_equal(rte_eth_hairpin_bind(0, RTE_MAX_ETHPORTS), -ENOTSUP);
	assert_int_equal(rte_eth_hairpin_unbind(0, 0), -ENOTSUP);
	assert_int_equal(rte_eth_dev_rx_intr_enable(0, 1), -EINVAL);
	assert_int_equal(rte_eth_dev_rx_intr_enable(0, 0), -ENOTSUP);
	assert_int_equal(rte_eth_dev_rx_intr_disable(0, 0), -ENOTSUP);
	assert_int_equal(rte_eth_dev_rx_intr_ctl(0, 3, 1, NULL), -ENOTSUP);
	assert_int_equal(rte_eth_dev_rx_intr_ctl_q(0, 1, 3, 1, NULL), -EINVAL);
	assert_int_equal(rte_eth_dev_rx_intr_ctl_q(0, 0, 3, 1, NULL), -ENOTSUP);
	assert_int_equal(rte_eth_dev_rx_intr_ctl_q_get_fd(0, 0), -1);
	assert_int_equal(rte_eth_rx_avail_thresh_set(0, 0, 100), -EINVAL);
	assert_int_equal(rte_eth_rx_avail_thresh_set(0, 0, 50), -ENOTSUP);
	q = 9;
	assert_int_equal(rte_eth_rx_avail_thresh_query(0, &q, &th), -ENOTSUP);
	assert_int_equal(q, 0); /* out of range: the search starts again at 0 */
	assert_int_equal(rte_eth_get_monitor_addr(0, 0, NULL), -EINVAL);

	/* Statistics mapping, time sync, metadata, reassembly, congestion. */
	assert_int_equal(rte_eth_dev_set_rx_queue_stats_mapping(0, 0, RTE_ETHDEV_QUEUE_STAT_CNTRS),
			 -EINVAL);
	assert_int_equal(rte_eth_dev_set_rx_queue_stats_mapping(0, 1, 0), -EINVAL);
	assert_int_equal(rte_eth_dev_set_rx_queue_stats_mapping(0, 0, 1), -ENOTSUP);
	assert_int_equal(rte_eth_dev_set_tx_queue_stats_mapping(0, 0, 1), -ENOTSUP);
	assert_int_equal(rte_eth_timesync_enable(0), -ENOTSUP);
	assert_int_equal(rte_eth_timesync_disable(0), -ENOTSUP);
	assert_int_equal(rte_eth_timesync_read_rx_timestamp(0, NULL, 0), -EINVAL);
	assert_int_equal(rte_eth_timesync_read_rx_timestamp(0, &ts, 0), -ENOTSUP);
	assert_int_equal(rte_eth_timesync_read_tx_timestamp(0, &ts), -ENOTSUP);
	assert_int_equal(rte_eth_timesync_adjust_time(0, 5), -ENOTSUP);
	assert_int_equal(rte_eth_timesync_read_time(0, &ts), -ENOTSUP);
	assert_int_equal(rte_eth_timesync_write_time(0, &ts), -ENOTSUP);
	assert_int_equal(rte_eth_read_clock(0, &u64), -ENOTSUP);
	u64 = RTE_ETH_RX_METADATA_USER_MARK;
	assert_int_equal(rte_eth_rx_metadata_negotiate(0, NULL), -EINVAL);
	assert_int_equal(rte_eth_rx_metadata_negotiate(0, &u64), -ENOTSUP);
	assert_int_equal(rte_eth_ip_reassembly_capability_get(0, &ra), -ENOTSUP);
	assert_int_equal(rte_eth_ip_reassembly_conf_get(0, &ra), -ENOTSUP);
	assert_int_equal(rte_eth_ip_reassembly_conf_set(0, &ra), -ENOTSUP);
	assert_int_equal(rte_eth_cman_info_get(0, &ci), -ENOTSUP);
	assert_int_equal(rte_eth_cman_config_init(0, &cc), -ENOTSUP);
	assert_int_equal(rte_eth_cman_config_set(0, &cc), -ENOTSUP);
	assert_int_equal(rte_eth_cman_config_get(0, NULL), -EINVAL);

	/* Started: the calls that want a stopped port say so. */
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_int_equal(rte_eth_dev_tx_queue_start(0, 0), -EINVAL); /* never set up */
	assert_int_equal(rte_eth_rx_metadata_negotiate(0, &u64), -EBUSY);
	assert_int_equal(rte_eth_ip_reassembly_conf_set(0, &ra), -EBUSY);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	rte_mempool_free(mp);
}

/*
 * Extended statistics: DPDK's generic names in DPDK's order, per-queue
 * ones because the X710 driver sets RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS, ids
 * numbered from 0; a short array is not written, only sized.
 */
static void test_xstats(void **state)
{
	static const char *const basic[] = {
		"rx_good_packets", "tx_good_packets", "rx_good_bytes", "tx_good_bytes",
		"rx_missed_errors", "rx_errors", "tx_errors", "rx_mbuf_allocation_errors",
	};
	static const char *const perq[] = {
		"rx_q0_packets", "rx_q0_bytes", "rx_q0_errors", "rx_q1_packets", "rx_q1_bytes",
		"rx_q1_errors", "tx_q0_packets", "tx_q0_bytes",
	};
	struct rte_eth_xstat_name names[17], two[2];
	struct rte_eth_xstat xs[17];
	struct rte_eth_dev_info info;
	uint64_t ids[2] = { 13, 0 }, values[17], bad[1] = { 16 }, id;
	struct rte_mempool *mp;

	(void)state;
	skip_without_nic();
	assert_int_equal(rte_eth_dev_info_get(0, &info), 0);
	assert_non_null(info.dev_flags);
	assert_true(*info.dev_flags & RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS);
	assert_true(*info.dev_flags & RTE_ETH_DEV_INTR_LSC); /* link events: i40e_link.c */
	/* Unconfigured: the eight port counters only. */
	assert_int_equal(rte_eth_xstats_get_names(0, NULL, 0), 8);
	mp = eth_pool("xstats_pool");
	configure_port(2, 1, mp);
	assert_int_equal(rte_eth_xstats_get_names(0, NULL, 0), 16);
	assert_int_equal(rte_eth_xstats_get(0, NULL, 0), 16);
	memset(two, 0x5a, sizeof(two));
	assert_int_equal(rte_eth_xstats_get_names(0, two, 2), 16);
	assert_int_equal((unsigned char)two[0].name[0], 0x5a); /* not written */

	memset(names, 0x5a, sizeof(names));
	assert_int_equal(rte_eth_xstats_get_names(0, names, RTE_DIM(names)), 16);
	for (size_t i = 0; i < RTE_DIM(basic); i++)
		assert_string_equal(names[i].name, basic[i]);
	for (size_t i = 0; i < RTE_DIM(perq); i++)
		assert_string_equal(names[8 + i].name, perq[i]);
	assert_int_equal((unsigned char)names[16].name[0], 0x5a);

	memset(xs, 0x5a, sizeof(xs));
	assert_int_equal(rte_eth_xstats_get(0, xs, RTE_DIM(xs)), 16);
	for (uint64_t i = 0; i < 16; i++) {
		assert_int_equal(xs[i].id, i);
		assert_int_equal(xs[i].value, 0);
	}

	assert_int_equal(rte_eth_xstats_get_id_by_name(0, "rx_q1_errors", &id), 0);
	assert_int_equal(id, 13);
	assert_int_equal(rte_eth_xstats_get_id_by_name(0, "no_such_stat", &id), -EINVAL);
	assert_int_equal(rte_eth_xstats_get_id_by_name(0, NULL, &id), -ENOMEM);
	assert_int_equal(rte_eth_xstats_get_id_by_name(0, "rx_errors", NULL), -ENOMEM);

	memset(two, 0x5a, sizeof(two));
	assert_int_equal(rte_eth_xstats_get_names_by_id(0, two, 2, ids), 2);
	assert_string_equal(two[0].name, "rx_q1_errors");
	assert_string_equal(two[1].name, "rx_good_packets");
	assert_int_equal(rte_eth_xstats_get_names_by_id(0, two, 1, bad), -EINVAL);
	assert_int_equal(rte_eth_xstats_get_names_by_id(0, NULL, 2, ids), -EINVAL);
	assert_int_equal(rte_eth_xstats_get_names_by_id(0, NULL, 0, NULL), 16);

	memset(values, 0x5a, sizeof(values));
	assert_int_equal(rte_eth_xstats_get_by_id(0, ids, values, 2), 2);
	assert_int_equal(values[0], 0);
	assert_int_equal(values[1], 0);
	assert_int_equal(rte_eth_xstats_get_by_id(0, bad, values, 1), -EINVAL);
	assert_int_equal(rte_eth_xstats_get_by_id(0, ids, NULL, 2), -EINVAL);
	assert_int_equal(rte_eth_xstats_get_by_id(0, NULL, NULL, 0), 16);
	assert_int_equal(rte_eth_xstats_get_by_id(0, NULL, values, 4), 16); /* too small */
	assert_int_equal(rte_eth_xstats_get_by_id(0, NULL, values, 16), 16);
	/* Without a driver xstats reset, ethdev resets the basic counters. */
	assert_int_equal(rte_eth_xstats_reset(0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	rte_mempool_free(mp);
}

/* What the X710 reports about its queues, firmware, MTU and descriptors. */
static void test_port_details(void **state)
{
	struct rte_eth_rxconf rxconf;
	struct rte_eth_rxq_info qi;
	struct rte_eth_conf conf, got;
	struct rte_ether_addr addrs[4], mac;
	struct rte_eth_dev_info info;
	struct rte_mempool *mp;
	char fw[64];
	uint16_t mtu, rx, tx;
	int need;

	(void)state;
	skip_without_nic();
	mp = eth_pool("details_pool");
	/* The firmware the emulated device reports: 9.20, admin queue API 1.15. */
	memset(fw, 'x', sizeof(fw));
	need = rte_eth_dev_fw_version_get(0, fw, 4);
	assert_true(need > 4);
	assert_int_equal(strlen(fw), 3); /* cut, NUL-terminated */
	assert_int_equal(rte_eth_dev_fw_version_get(0, fw, (size_t)need), 0);
	assert_int_equal(strlen(fw), (size_t)need - 1);
	assert_int_equal(strncmp(fw, "fw 9.20.", 8), 0);
	assert_non_null(strstr(fw, " api 1.15"));
	assert_int_equal(rte_eth_dev_fw_version_get(0, NULL, 4), -EINVAL);

	/* MTU: Ethernet's until configured, then the configured one. */
	assert_int_equal(rte_eth_dev_get_mtu(0, NULL), -EINVAL);
	mtu = 0;
	assert_int_equal(rte_eth_dev_get_mtu(0, &mtu), 0);
	assert_int_equal(mtu, RTE_ETHER_MTU);
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mtu = 9000;
	conf.rxmode.offloads = RTE_ETH_RX_OFFLOAD_SCATTER;
	assert_int_equal(rte_eth_dev_configure(0, 1, 0, &conf), 0);
	assert_int_equal(rte_eth_dev_get_mtu(0, &mtu), 0);
	assert_int_equal(mtu, 9000);
	memset(&got, 0x5a, sizeof(got));
	assert_int_equal(rte_eth_dev_conf_get(0, &got), 0);
	assert_int_equal(got.rxmode.mtu, 9000);
	assert_int_equal(got.rxmode.offloads, RTE_ETH_RX_OFFLOAD_SCATTER);
	assert_int_equal(got.link_speeds, 0);
	assert_int_equal(rte_eth_dev_conf_get(0, NULL), -EINVAL);

	/* The queue as it was set up. */
	assert_int_equal(rte_eth_rx_queue_info_get(0, 0, &qi), -EINVAL); /* not set up */
	memset(&rxconf, 0, sizeof(rxconf));
	rxconf.rx_free_thresh = 64;
	rxconf.rx_drop_en = 1;
	assert_int_equal(rte_eth_rx_queue_setup(0, 0, 512, 0, &rxconf, mp), 0);
	memset(&qi, 0x5a, sizeof(qi));
	assert_int_equal(rte_eth_rx_queue_info_get(0, 0, &qi), 0);
	assert_ptr_equal(qi.mp, mp);
	assert_int_equal(qi.nb_desc, 512);
	assert_int_equal(qi.rx_buf_size, 2048);
	assert_int_equal(qi.conf.rx_free_thresh, 64);
	assert_int_equal(qi.conf.rx_drop_en, 1);
	assert_int_equal(qi.conf.rx_deferred_start, 0);
	assert_int_equal(qi.conf.offloads, RTE_ETH_RX_OFFLOAD_SCATTER);
	assert_int_equal(qi.queue_state, RTE_ETH_QUEUE_STATE_STOPPED);
	assert_int_equal(rte_eth_rx_queue_info_get(0, 1, &qi), -EINVAL);
	assert_int_equal(rte_eth_rx_queue_info_get(0, 0, NULL), -EINVAL);
	assert_int_equal(rte_eth_dev_start(0), 0);
	assert_int_equal(rte_eth_rx_queue_info_get(0, 0, &qi), 0);
	assert_int_equal(qi.queue_state, RTE_ETH_QUEUE_STATE_STARTED);
	assert_int_equal(qi.scattered_rx, 1);
	assert_int_equal(rte_eth_dev_stop(0), 0);

	/* Descriptor counts within the X710's limits: 64..4096, multiples of 32;
	 * no transmit limits, so the tx count is left alone. */
	rx = 100;
	tx = 7;
	assert_int_equal(rte_eth_dev_adjust_nb_rx_tx_desc(0, &rx, &tx), 0);
	assert_int_equal(rx, 128);
	assert_int_equal(tx, 7);
	rx = 10;
	assert_int_equal(rte_eth_dev_adjust_nb_rx_tx_desc(0, &rx, NULL), 0);
	assert_int_equal(rx, 64);
	rx = 5000;
	assert_int_equal(rte_eth_dev_adjust_nb_rx_tx_desc(0, &rx, NULL), 0);
	assert_int_equal(rx, 4096);

	/* Room for 64 addresses (as DPDK's i40e); the port's own in slot 0,
	 * the others unused (zero). */
	assert_int_equal(rte_eth_dev_info_get(0, &info), 0);
	assert_int_equal(info.max_mac_addrs, 64);
	memset(addrs, 0x5a, sizeof(addrs));
	assert_int_equal(rte_eth_macaddrs_get(0, addrs, RTE_DIM(addrs)), (int)RTE_DIM(addrs));
	assert_int_equal(rte_eth_macaddr_get(0, &mac), 0);
	assert_true(rte_is_same_ether_addr(&addrs[0], &mac));
	assert_true(rte_is_zero_ether_addr(&addrs[1]));
	assert_int_equal(rte_eth_macaddrs_get(0, addrs, 0), -EINVAL);

	/* Any mempool will do for this driver. */
	assert_int_equal(rte_eth_dev_pool_ops_supported(0, "ring_mp_mc"), 1);
	assert_int_equal(rte_eth_dev_pool_ops_supported(0, NULL), -EINVAL);
	assert_int_equal(rte_eth_dev_close(0), 0);
	rte_mempool_free(mp);
}

/* VLAN offloads through rte_eth_dev_set_vlan_offload: stripping is the
 * emulated X710's (its VSI mode), filtering is not. */
static void test_vlan_offload(void **state)
{
	struct rte_eth_conf got;
	struct rte_mempool *mp;

	(void)state;
	skip_without_nic();
	mp = eth_pool("vlan_pool");
	configure_port(1, 0, mp);
	assert_int_equal(rte_eth_dev_get_vlan_offload(0), 0);
	assert_int_equal(rte_eth_dev_set_vlan_offload(0, 0), 0); /* no change */
	assert_int_equal(rte_eth_dev_set_vlan_offload(0, RTE_ETH_VLAN_FILTER_OFFLOAD), -EINVAL);
	assert_int_equal(rte_eth_dev_get_vlan_offload(0), 0); /* left as it was */
	assert_int_equal(rte_eth_dev_set_vlan_offload(0, RTE_ETH_VLAN_STRIP_OFFLOAD), 0);
	assert_int_equal(rte_eth_dev_get_vlan_offload(0), RTE_ETH_VLAN_STRIP_OFFLOAD);
	assert_int_equal(rte_eth_dev_conf_get(0, &got), 0);
	assert_true(got.rxmode.offloads & RTE_ETH_RX_OFFLOAD_VLAN_STRIP);
	assert_int_equal(rte_eth_dev_set_vlan_offload(0, RTE_ETH_VLAN_STRIP_OFFLOAD |
							 RTE_ETH_QINQ_STRIP_OFFLOAD), 0);
	assert_int_equal(rte_eth_dev_get_vlan_offload(0),
			 RTE_ETH_VLAN_STRIP_OFFLOAD | RTE_ETH_QINQ_STRIP_OFFLOAD);
	assert_int_equal(rte_eth_dev_set_vlan_offload(0, 0), 0);
	assert_int_equal(rte_eth_dev_get_vlan_offload(0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	rte_mempool_free(mp);
}

/* The redirection table and the hash key are the device's registers. */
static void test_rss(void **state)
{
	/* DPDK 22.11's i40e default key, which start programs when the
	 * application gives none (thirteen words 0x6b793944, 0x23504cb5, ...
	 * as the device's registers hold them, low byte first). */
	static const uint8_t default_key[52] = {
		0x44, 0x39, 0x79, 0x6b, 0xb5, 0x4c, 0x50, 0x23, 0xb6, 0x75, 0xea, 0x5b, 0x12,
		0x4f, 0x9f, 0x30, 0xb8, 0xa2, 0xc0, 0x3d, 0xdf, 0xdc, 0x4d, 0x02, 0xa0, 0x8c,
		0x9b, 0x33, 0x4a, 0xf6, 0x4a, 0x4c, 0x05, 0xc6, 0xfa, 0x34, 0x39, 0x58, 0xd8,
		0x55, 0x7d, 0x99, 0x58, 0x3a, 0xe1, 0x38, 0xc9, 0x2e, 0x81, 0x15, 0x03, 0x66,
	};
	struct rte_eth_rss_reta_entry64 reta[RTE_ETH_RSS_RETA_SIZE_512 / RTE_ETH_RETA_GROUP_SIZE];
	struct rte_eth_rss_conf rc;
	struct rte_eth_dev_info info;
	struct rte_eth_conf conf;
	struct rte_mempool *mp;
	uint8_t key[52], new_key[52];

	(void)state;
	skip_without_nic();
	mp = eth_pool("rss_pool");
	assert_int_equal(rte_eth_dev_info_get(0, &info), 0);
	assert_int_equal(info.reta_size, RTE_ETH_RSS_RETA_SIZE_512);
	assert_int_equal(info.hash_key_size, 52);
	/* DPDK's RTE_ETH_RSS_IP includes IPv6 extension headers, which the X710
	 * does not hash: configure refuses it, as DPDK does. */
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	conf.rx_adv_conf.rss_conf.rss_hf = RTE_ETH_RSS_IP;
	assert_int_equal(rte_eth_dev_configure(0, 4, 0, &conf), -EINVAL);
	conf.rx_adv_conf.rss_conf.rss_hf = RTE_ETH_RSS_IP & info.flow_type_rss_offloads;
	assert_int_equal(rte_eth_dev_configure(0, 4, 0, &conf), 0);
	for (uint16_t q = 0; q < 4; q++)
		assert_int_equal(rte_eth_rx_queue_setup(0, q, 256, 0, NULL, mp), 0);
	assert_int_equal(rte_eth_dev_start(0), 0);

	/* Start spread the table over the four queues. */
	memset(reta, 0x5a, sizeof(reta));
	for (size_t g = 0; g < RTE_DIM(reta); g++)
		reta[g].mask = UINT64_MAX;
	assert_int_equal(rte_eth_dev_rss_reta_query(0, reta, 512), 0);
	for (unsigned int i = 0; i < 512; i++)
		assert_int_equal(reta[i / 64].reta[i % 64], i % 4);
	assert_int_equal(rte_eth_dev_rss_reta_query(0, reta, 128), -EINVAL); /* not the size */
	reta[0].mask = 0;
	assert_int_equal(rte_eth_dev_rss_reta_query(0, reta, 64), -EINVAL); /* nothing asked */

	/* Entries 0..63 to queue 3, the rest kept; it survives a restart. */
	memset(reta, 0, sizeof(reta));
	reta[0].mask = UINT64_MAX;
	for (unsigned int i = 0; i < 64; i++)
		reta[0].reta[i] = 3;
	reta[1].reta[0] = 4; /* not selected, so not checked */
	assert_int_equal(rte_eth_dev_rss_reta_update(0, reta, 512), 0);
	reta[1].mask = 1;
	assert_int_equal(rte_eth_dev_rss_reta_update(0, reta, 512), -EINVAL); /* queue 4 */
	assert_int_equal(rte_eth_dev_rss_reta_update(0, reta, 0), -EINVAL);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_start(0), 0);
	memset(reta, 0x5a, sizeof(reta));
	for (size_t g = 0; g < RTE_DIM(reta); g++)
		reta[g].mask = UINT64_MAX;
	assert_int_equal(rte_eth_dev_rss_reta_query(0, reta, 512), 0);
	for (unsigned int i = 0; i < 512; i++)
		assert_int_equal(reta[i / 64].reta[i % 64], i < 64 ? 3 : i % 4);

	/* The key: DPDK's default (none was configured) until changed; 52
	 * bytes or none. */
	memset(key, 0x5a, sizeof(key));
	memset(&rc, 0, sizeof(rc));
	rc.rss_key = key;
	rc.rss_key_len = 40;
	assert_int_equal(rte_eth_dev_rss_hash_conf_get(0, &rc), -EINVAL); /* too small */
	rc.rss_key_len = sizeof(key);
	assert_int_equal(rte_eth_dev_rss_hash_conf_get(0, &rc), 0);
	assert_memory_equal(key, default_key, sizeof(key));
	assert_int_equal(rc.rss_key_len, 52);
	assert_int_equal(rc.rss_hf, RTE_ETH_RSS_IP & info.flow_type_rss_offloads);
	for (size_t i = 0; i < sizeof(new_key); i++)
		new_key[i] = (uint8_t)(i * 7 + 1);
	rc.rss_key = new_key;
	rc.rss_key_len = 40;
	rc.rss_hf = RTE_ETH_RSS_NONFRAG_IPV4_TCP;
	assert_int_equal(rte_eth_dev_rss_hash_update(0, &rc), -EINVAL); /* short key */
	rc.rss_key_len = 52;
	rc.rss_hf = RTE_ETH_RSS_IPV6_EX;
	assert_int_equal(rte_eth_dev_rss_hash_update(0, &rc), -EINVAL); /* not offered */
	rc.rss_hf = RTE_ETH_RSS_NONFRAG_IPV4_TCP;
	assert_int_equal(rte_eth_dev_rss_hash_update(0, &rc), 0);
	memset(key, 0x5a, sizeof(key));
	rc.rss_key = key;
	rc.rss_hf = 0;
	assert_int_equal(rte_eth_dev_rss_hash_conf_get(0, &rc), 0);
	assert_memory_equal(key, new_key, sizeof(key));
	assert_int_equal(rc.rss_hf, RTE_ETH_RSS_NONFRAG_IPV4_TCP);
	/* Without a key buffer only the types come back. */
	rc.rss_key = NULL;
	rc.rss_hf = 0;
	assert_int_equal(rte_eth_dev_rss_hash_conf_get(0, &rc), 0);
	assert_int_equal(rc.rss_hf, RTE_ETH_RSS_NONFRAG_IPV4_TCP);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);

	/* A port configured without RSS takes no table. */
	configure_port(1, 0, mp);
	memset(reta, 0, sizeof(reta));
	reta[0].mask = 1;
	assert_int_equal(rte_eth_dev_rss_reta_update(0, reta, 512), -ENOTSUP);
	rc.rss_hf = RTE_ETH_RSS_NONFRAG_IPV4_OTHER;
	assert_int_equal(rte_eth_dev_rss_hash_update(0, &rc), -ENOTSUP);
	assert_int_equal(rte_eth_dev_close(0), 0);
	rte_mempool_free(mp);
}

struct event_log {
	unsigned int calls;
	uint16_t port;
	enum rte_eth_event_type event;
};

static int log_event(uint16_t port_id, enum rte_eth_event_type event, void *cb_arg,
		     void *ret_param)
{
	struct event_log *log = cb_arg;

	(void)ret_param;
	log->calls++;
	log->port = port_id;
	log->event = event;
	return 0;
}

/* A port says when it goes (close) and comes (probe). */
static void test_event_callbacks(void **state)
{
	struct event_log gone = { 0, RTE_MAX_ETHPORTS, RTE_ETH_EVENT_UNKNOWN };
	struct event_log came = { 0, RTE_MAX_ETHPORTS, RTE_ETH_EVENT_UNKNOWN };

	(void)state;
	skip_without_nic();
	assert_int_equal(rte_eth_dev_callback_register(0, RTE_ETH_EVENT_DESTROY, NULL, &gone),
			 -EINVAL);
	assert_int_equal(rte_eth_dev_callback_register(0, RTE_ETH_EVENT_DESTROY, log_event, &gone),
			 0);
	/* The same registration twice is one. */
	assert_int_equal(rte_eth_dev_callback_register(0, RTE_ETH_EVENT_DESTROY, log_event, &gone),
			 0);
	assert_int_equal(rte_eth_dev_callback_register(RTE_ETH_ALL, RTE_ETH_EVENT_NEW, log_event,
						       &came),
			 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_int_equal(gone.calls, 1);
	assert_int_equal(gone.port, 0);
	assert_int_equal(gone.event, RTE_ETH_EVENT_DESTROY);
	/* The next call probes the bus again and the port comes back. */
	assert_int_equal(rte_eth_dev_count_avail(), 1);
	assert_int_equal(came.calls, 1);
	assert_int_equal(came.port, 0);
	assert_int_equal(came.event, RTE_ETH_EVENT_NEW);
	assert_int_equal(rte_eth_dev_callback_unregister(0, RTE_ETH_EVENT_DESTROY, log_event,
							 &gone),
			 0);
	assert_int_equal(rte_eth_dev_callback_unregister(RTE_ETH_ALL, RTE_ETH_EVENT_NEW, log_event,
							 (void *)-1),
			 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	assert_int_equal(rte_eth_dev_count_avail(), 1);
	assert_int_equal(gone.calls, 1);
	assert_int_equal(came.calls, 1);
	assert_int_equal(rte_eth_dev_callback_unregister(NO_PORT, RTE_ETH_EVENT_NEW, log_event,
							 NULL),
			 -EINVAL);
}

/*
 * Transmit on a driver without transmit: rte_eth_tx_burst takes nothing, so
 * a full tx buffer hands all its packets to the error callback, which the
 * count callback frees and counts.
 */
static void test_tx_buffer(void **state)
{
	struct rte_eth_dev_tx_buffer *buf;
	struct rte_mbuf *m[4];
	struct rte_mempool *mp;
	uint64_t dropped = 0;
	unsigned int avail;

	(void)state;
	skip_without_nic();
	mp = eth_pool("txbuf_pool");
	configure_port(1, 1, mp);
	assert_int_equal(rte_eth_dev_start(0), 0);
	buf = calloc(1, RTE_ETH_TX_BUFFER_SIZE(4));
	assert_non_null(buf);
	assert_int_equal(rte_eth_tx_buffer_init(NULL, 4), -EINVAL);
	assert_int_equal(rte_eth_tx_buffer_init(buf, 4), 0);
	assert_ptr_equal(buf->error_callback, rte_eth_tx_buffer_drop_callback);
	assert_int_equal(buf->size, 4);
	assert_int_equal(rte_eth_tx_buffer_set_err_callback(buf, rte_eth_tx_buffer_count_callback,
							    &dropped),
			 0);
	avail = rte_mempool_avail_count(mp);
	assert_int_equal(rte_pktmbuf_alloc_bulk(mp, m, 4), 0);
	assert_int_equal(rte_eth_tx_burst(0, 0, m, 4), 0);
	assert_int_equal(rte_eth_tx_prepare(0, 0, m, 4), 4);
	assert_int_equal(rte_eth_tx_descriptor_status(0, 0, 0), -ENODEV);
	for (int i = 0; i < 3; i++)
		assert_int_equal(rte_eth_tx_buffer(0, 0, buf, m[i]), 0);
	assert_int_equal(buf->length, 3);
	assert_int_equal(rte_eth_tx_buffer(0, 0, buf, m[3]), 0); /* full: flushed, none sent */
	assert_int_equal(buf->length, 0);
	assert_int_equal(dropped, 4);
	assert_int_equal(rte_eth_tx_buffer_flush(0, 0, buf), 0); /* empty */
	assert_int_equal(rte_mempool_avail_count(mp), avail); /* all four freed */
	free(buf);
	assert_int_equal(rte_eth_dev_stop(0), 0);
	assert_int_equal(rte_eth_dev_close(0), 0);
	rte_mempool_free(mp);
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

/* The ports one EAL command line lets the PCI bus give (DPDK 22.11's -a/-b/--no-pci). */
static void expect_ports(const char *args, const char *const *names, uint16_t n)
{
	char name[RTE_ETH_NAME_MAX_LEN];

	assert_int_equal(rte_eal_cleanup(), 0);
	assert_int_equal(boot(args), 0);
	assert_int_equal(rte_eth_dev_count_avail(), n);
	for (uint16_t p = 0; p < n; p++) {
		memset(name, 0x5a, sizeof(name));
		assert_int_equal(rte_eth_dev_get_name_by_port(p, name), 0);
		assert_string_equal(name, names[p]);
	}
}

static void test_pci_allow_block(void **state)
{
	static const char *const both[] = { "0000:01:00.0", "0000:02:00.0" };
	static const char *const second[] = { "0000:02:00.0" };
	static const char *const first[] = { "0000:01:00.0" };

	(void)state;
	skip_without_nic();
	expect_ports("--sim=nic=x710:2", both, 2);
	assert_int_equal(rte_eal_has_pci(), 1);
	/* -a: only the named devices, in either address form, devargs ignored */
	expect_ports("--sim=nic=x710:2 -a 02:00.0", second, 1);
	expect_ports("--sim=nic=x710:2 --allow=0000:01:00.0,rx_vec_allowed=0", first, 1);
	expect_ports("--sim=nic=x710:2 -a 0000:01:00.0 -a 0000:02:00.0", both, 2);
	/* an allowed device that is not there is no error, just no port */
	expect_ports("--sim=nic=x710:2 -a 0000:07:00.0", NULL, 0);
	/* -b: all but the named devices */
	expect_ports("--sim=nic=x710:2 -b 0000:01:00.0", second, 1);
	expect_ports("--sim=nic=x710:2 --block 02:00.0 -b 01:00.0", NULL, 0);
	/* --no-pci: no bus, no ports, and rte_eal_has_pci says so */
	expect_ports("--sim=nic=x710:2 --no-pci", NULL, 0);
	assert_int_equal(rte_eal_has_pci(), 0);
	expect_ports("--sim=nic=x710", first, 1);
	assert_int_equal(rte_eal_has_pci(), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_such_port),
		cmocka_unit_test(test_port_queries),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_no_such_port_everywhere),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_ownership),
		cmocka_unit_test(test_unsupported),
		cmocka_unit_test(test_xstats),
		cmocka_unit_test(test_port_details),
		cmocka_unit_test(test_vlan_offload),
		cmocka_unit_test(test_rss),
		cmocka_unit_test(test_event_callbacks),
		cmocka_unit_test(test_tx_buffer),
		cmocka_unit_test(test_cleanup_closes_open_ports),
		cmocka_unit_test(test_pci_allow_block),
	};

	return cmocka_run_group_tests_name("ethdev", tests, setup, teardown);
}
