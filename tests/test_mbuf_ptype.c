/* SPDX-License-Identifier: BSD-3-Clause
 * rte_mbuf_ptype.h (DPDK 22.11): the layer names and rte_get_ptype_name's
 * text, truncation and return value, as DPDK's librte_mbuf prints them.
 * No EAL needed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <rte_common.h>
#include <rte_mbuf_ptype.h>

static void test_layer_names(void **state)
{
	(void)state;
	assert_string_equal(rte_get_ptype_l2_name(RTE_PTYPE_L2_ETHER), "L2_ETHER");
	assert_string_equal(rte_get_ptype_l2_name(RTE_PTYPE_L2_ETHER_MPLS), "L2_ETHER_MPLS");
	assert_string_equal(rte_get_ptype_l2_name(0), "L2_UNKNOWN");
	assert_string_equal(rte_get_ptype_l2_name(0xb), "L2_UNKNOWN"); /* undefined value */
	assert_string_equal(rte_get_ptype_l3_name(RTE_PTYPE_L3_IPV4_EXT_UNKNOWN),
			    "L3_IPV4_EXT_UNKNOWN");
	assert_string_equal(rte_get_ptype_l3_name(RTE_PTYPE_L3_IPV6_EXT), "L3_IPV6_EXT");
	assert_string_equal(rte_get_ptype_l3_name(0x20), "L3_UNKNOWN");
	assert_string_equal(rte_get_ptype_l4_name(RTE_PTYPE_L4_IGMP), "L4_IGMP");
	assert_string_equal(rte_get_ptype_tunnel_name(RTE_PTYPE_TUNNEL_MPLS_IN_UDP),
			    "TUNNEL_MPLS_IN_UDP");
	assert_string_equal(rte_get_ptype_tunnel_name(0xe000), "TUNNEL_UNKNOWN");
	assert_string_equal(rte_get_ptype_inner_l2_name(RTE_PTYPE_INNER_L2_ETHER_QINQ),
			    "INNER_L2_ETHER_QINQ");
	assert_string_equal(rte_get_ptype_inner_l3_name(RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN),
			    "INNER_L3_IPV6_EXT_UNKNOWN");
	assert_string_equal(rte_get_ptype_inner_l4_name(RTE_PTYPE_INNER_L4_NONFRAG),
			    "INNER_L4_NONFRAG");
	/* inner L4 has no IGMP */
	assert_string_equal(rte_get_ptype_inner_l4_name(0x07000000), "INNER_L4_UNKNOWN");
	/* each looks at its own nibble only */
	assert_string_equal(rte_get_ptype_l4_name(0xffff00ff), "L4_UNKNOWN");
	assert_string_equal(rte_get_ptype_l4_name(0xfffff2ff), "L4_UDP");
}

static void test_ptype_name(void **state)
{
	/* what DPDK 22.11's rte_get_ptype_name writes for these */
	static const struct {
		uint32_t ptype;
		const char *text;
	} cases[] = {
		{ 0, "UNKNOWN" },
		{ 0xf0000000, "UNKNOWN" }, /* bits outside every layer */
		{ RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4, "L2_ETHER L3_IPV4 " },
		{ 0x12345671, "L2_ETHER L3_UNKNOWN L4_NONFRAG TUNNEL_GENEVE INNER_L2_UNKNOWN "
			      "INNER_L3_IPV6 INNER_L4_UDP " },
		{ 0x06000691, "L2_ETHER L3_IPV4_EXT_UNKNOWN L4_NONFRAG INNER_L4_NONFRAG " },
	};
	char buf[256];

	(void)state;
	for (size_t i = 0; i < RTE_DIM(cases); i++) {
		memset(buf, 'x', sizeof(buf));
		assert_int_equal(rte_get_ptype_name(cases[i].ptype, buf, sizeof(buf)), 0);
		assert_string_equal(buf, cases[i].text);
	}
}

static void test_ptype_name_too_small(void **state)
{
	const char *full = "L2_ETHER L3_IPV4 ";
	size_t need = strlen(full) + 1;
	char buf[32];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(rte_get_ptype_name(0x11, buf, need), 0);
	assert_string_equal(buf, full);
	/* one byte short: -1, with what fitted, terminated */
	for (size_t n = 1; n < need; n++) {
		memset(buf, 'x', sizeof(buf));
		assert_int_equal(rte_get_ptype_name(0x11, buf, n), -1);
		assert_int_equal(strlen(buf), n - 1);
		assert_memory_equal(buf, full, n - 1);
		assert_int_equal(buf[n], 'x');
	}
	/* size 0: nothing written */
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(rte_get_ptype_name(0x11, buf, 0), -1);
	assert_int_equal(buf[0], 'x');
	assert_int_equal(rte_get_ptype_name(0, buf, 7), -1); /* "UNKNOWN" needs 8 */
	assert_int_equal(rte_get_ptype_name(0, buf, 8), 0);
}

static void test_classify_macros(void **state)
{
	(void)state;
	assert_true(RTE_ETH_IS_IPV4_HDR(RTE_PTYPE_L3_IPV4_EXT_UNKNOWN));
	assert_false(RTE_ETH_IS_IPV4_HDR(RTE_PTYPE_L3_IPV6_EXT));
	assert_true(RTE_ETH_IS_IPV6_HDR(RTE_PTYPE_L3_IPV6_EXT_UNKNOWN));
	assert_false(RTE_ETH_IS_IPV6_HDR(RTE_PTYPE_L3_IPV4));
	assert_false(RTE_ETH_IS_TUNNEL_PKT(RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4 |
					   RTE_PTYPE_L4_UDP));
	assert_true(RTE_ETH_IS_TUNNEL_PKT(RTE_PTYPE_TUNNEL_VXLAN));
	assert_true(RTE_ETH_IS_TUNNEL_PKT(RTE_PTYPE_INNER_L4_TCP));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layer_names),
		cmocka_unit_test(test_ptype_name),
		cmocka_unit_test(test_ptype_name_too_small),
		cmocka_unit_test(test_classify_macros),
	};

	return cmocka_run_group_tests_name("mbuf_ptype", tests, NULL, NULL);
}
