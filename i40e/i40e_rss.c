/* SPDX-License-Identifier: BSD-3-Clause
 * i40e RSS: the 512-entry lookup table (PFQF_HLUT) that maps a hash to a
 * queue, and the 52-byte Toeplitz key (PFQF_HKEY).
 *
 * As in DPDK, start spreads the table over the configured queues unless the
 * application has set entries itself since the last configure
 * (rte_eth_dev_rss_reta_update), and programs the key rte_eth_conf
 * carries, if it is long enough (otherwise the device keeps the one it has).
 *
 * The hashed flow types are the device's hash-enable bits (PFQF_HENA), one
 * per hash class (PCTYPE), as DPDK 22.11's i40e keeps them: start sets
 * them from rss_conf.rss_hf under RTE_ETH_MQ_RX_RSS and clears them
 * otherwise or when rss_hf names no type the port hashes (RSS off: no
 * hash, every frame to the first queue); rss_hash_update changes them
 * only while some are set; conf_get reads them back.
 */
#include <errno.h>
#include <string.h>

#include "i40e_ethdev.h"
#include "i40e_regs.h"

static void lut_read(struct i40e_adapter *ad, uint8_t lut[I40E_RSS_LUT_SIZE])
{
	for (uint32_t r = 0; r < I40E_PFQF_HLUT_REGS; r++) {
		uint32_t val = i40e_read_reg(ad, I40E_PFQF_HLUT(r));

		for (uint32_t b = 0; b < 4; b++)
			lut[4 * r + b] = (uint8_t)(val >> (8 * b)) & I40E_PFQF_HLUT_ENTRY_MASK;
	}
}

static void lut_write(struct i40e_adapter *ad, const uint8_t lut[I40E_RSS_LUT_SIZE])
{
	for (uint32_t r = 0; r < I40E_PFQF_HLUT_REGS; r++) {
		uint32_t val = 0;

		for (uint32_t b = 0; b < 4; b++)
			val |= (uint32_t)(lut[4 * r + b] & I40E_PFQF_HLUT_ENTRY_MASK) << (8 * b);
		i40e_write_reg(ad, I40E_PFQF_HLUT(r), val);
	}
}

/* The key DPDK 22.11's i40e programs when the application gives none:
 * thirteen words, PFQF_HKEY(0) first, each register least significant
 * byte first (so the key's bytes are 0x44 0x39 0x79 0x6b ...). */
const uint8_t i40e_rss_default_key[I40E_RSS_KEY_SIZE] = {
	0x44, 0x39, 0x79, 0x6b, 0xb5, 0x4c, 0x50, 0x23, 0xb6, 0x75, 0xea, 0x5b, 0x12,
	0x4f, 0x9f, 0x30, 0xb8, 0xa2, 0xc0, 0x3d, 0xdf, 0xdc, 0x4d, 0x02, 0xa0, 0x8c,
	0x9b, 0x33, 0x4a, 0xf6, 0x4a, 0x4c, 0x05, 0xc6, 0xfa, 0x34, 0x39, 0x58, 0xd8,
	0x55, 0x7d, 0x99, 0x58, 0x3a, 0xe1, 0x38, 0xc9, 0x2e, 0x81, 0x15, 0x03, 0x66,
};

static void key_read(struct i40e_adapter *ad, uint8_t key[I40E_RSS_KEY_SIZE])
{
	for (uint32_t r = 0; r < I40E_PFQF_HKEY_REGS; r++) {
		uint32_t val = i40e_read_reg(ad, I40E_PFQF_HKEY(r));

		for (uint32_t b = 0; b < 4; b++)
			key[4 * r + b] = (uint8_t)(val >> (8 * b));
	}
}

/* A key of another length is refused, as DPDK's i40e refuses it; none is no change. */
static int key_write(struct i40e_adapter *ad, const uint8_t *key, uint8_t key_len)
{
	if (key == NULL || key_len == 0)
		return 0;
	if (key_len != I40E_RSS_KEY_SIZE)
		return -EINVAL;
	for (uint32_t r = 0; r < I40E_PFQF_HKEY_REGS; r++) {
		uint32_t val = 0;

		for (uint32_t b = 0; b < 4; b++)
			val |= (uint32_t)key[4 * r + b] << (8 * b);
		i40e_write_reg(ad, I40E_PFQF_HKEY(r), val);
	}
	return 0;
}

/* The hash class of each flow type (RTE_ETH_FLOW_*, the bit numbers of
 * RTE_ETH_RSS_*) that has one on the X710, as DPDK's default pctype table. */
static const struct {
	uint64_t rss;
	uint8_t pctype;
} flow_pctype[] = {
	{ RTE_ETH_RSS_FRAG_IPV4, I40E_FILTER_PCTYPE_FRAG_IPV4 },
	{ RTE_ETH_RSS_NONFRAG_IPV4_TCP, I40E_FILTER_PCTYPE_NONF_IPV4_TCP },
	{ RTE_ETH_RSS_NONFRAG_IPV4_UDP, I40E_FILTER_PCTYPE_NONF_IPV4_UDP },
	{ RTE_ETH_RSS_NONFRAG_IPV4_SCTP, I40E_FILTER_PCTYPE_NONF_IPV4_SCTP },
	{ RTE_ETH_RSS_NONFRAG_IPV4_OTHER, I40E_FILTER_PCTYPE_NONF_IPV4_OTHER },
	{ RTE_ETH_RSS_FRAG_IPV6, I40E_FILTER_PCTYPE_FRAG_IPV6 },
	{ RTE_ETH_RSS_NONFRAG_IPV6_TCP, I40E_FILTER_PCTYPE_NONF_IPV6_TCP },
	{ RTE_ETH_RSS_NONFRAG_IPV6_UDP, I40E_FILTER_PCTYPE_NONF_IPV6_UDP },
	{ RTE_ETH_RSS_NONFRAG_IPV6_SCTP, I40E_FILTER_PCTYPE_NONF_IPV6_SCTP },
	{ RTE_ETH_RSS_NONFRAG_IPV6_OTHER, I40E_FILTER_PCTYPE_NONF_IPV6_OTHER },
	{ RTE_ETH_RSS_L2_PAYLOAD, I40E_FILTER_PCTYPE_L2_PAYLOAD },
};

uint64_t i40e_rss_hf_to_hena(uint64_t rss_hf)
{
	uint64_t hena = 0;

	for (size_t i = 0; i < RTE_DIM(flow_pctype); i++)
		if (rss_hf & flow_pctype[i].rss)
			hena |= 1ULL << flow_pctype[i].pctype;
	return hena;
}

uint64_t i40e_hena_to_rss_hf(uint64_t hena)
{
	uint64_t rss_hf = 0;

	for (size_t i = 0; i < RTE_DIM(flow_pctype); i++)
		if (hena & (1ULL << flow_pctype[i].pctype))
			rss_hf |= flow_pctype[i].rss;
	return rss_hf;
}

static uint64_t hena_read(struct i40e_adapter *ad)
{
	return (uint64_t)i40e_read_reg(ad, I40E_PFQF_HENA(0)) |
	       (uint64_t)i40e_read_reg(ad, I40E_PFQF_HENA(1)) << 32;
}

static void hena_write(struct i40e_adapter *ad, uint64_t hena)
{
	i40e_write_reg(ad, I40E_PFQF_HENA(0), (uint32_t)hena);
	i40e_write_reg(ad, I40E_PFQF_HENA(1), (uint32_t)(hena >> 32));
}

void i40e_rss_configure_at_start(struct rte_eth_dev *dev)
{
	const struct rte_eth_rss_conf *rc = &dev->conf.rx_adv_conf.rss_conf;
	struct i40e_adapter *ad = dev->dev_private;
	const bool rss_mode = (dev->conf.rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG) != 0;
	bool spread = rss_mode && dev->nb_rx_queues > 1;
	uint8_t lut[I40E_RSS_LUT_SIZE];

	if (!ad->rss_reta_updated) {
		for (uint32_t i = 0; i < I40E_RSS_LUT_SIZE; i++)
			lut[i] = spread ? (uint8_t)(i % dev->nb_rx_queues) : 0;
		lut_write(ad, lut);
	}
	/* As DPDK's i40e: RSS off (no hash enabled) unless the RSS mode asks
	 * for a flow type the port hashes, with one queue as with several. */
	if (!rss_mode || (rc->rss_hf & I40E_RSS_OFFLOADS) == 0) {
		hena_write(ad, 0);
		return;
	}
	/* As DPDK 22.11's i40e_pf_config_rss: without a key of the device's
	 * size (none, or one too short) its own default key goes in. */
	if (rc->rss_key != NULL && rc->rss_key_len >= I40E_RSS_KEY_SIZE)
		(void)key_write(ad, rc->rss_key, I40E_RSS_KEY_SIZE);
	else
		(void)key_write(ad, i40e_rss_default_key, I40E_RSS_KEY_SIZE);
	hena_write(ad, i40e_rss_hf_to_hena(rc->rss_hf));
}

void i40e_rss_configure(struct rte_eth_dev *dev)
{
	struct i40e_adapter *ad = dev->dev_private;

	ad->rss_reta_updated = false; /* the queue count may have changed */
}

int i40e_dev_rss_reta_update(struct rte_eth_dev *dev, struct rte_eth_rss_reta_entry64 *reta_conf,
			     uint16_t reta_size)
{
	struct i40e_adapter *ad = dev->dev_private;
	uint8_t lut[I40E_RSS_LUT_SIZE];

	if (reta_size != I40E_RSS_LUT_SIZE)
		return -EINVAL;
	lut_read(ad, lut);
	for (uint32_t i = 0; i < reta_size; i++) {
		const struct rte_eth_rss_reta_entry64 *g = &reta_conf[i / RTE_ETH_RETA_GROUP_SIZE];
		uint32_t s = i % RTE_ETH_RETA_GROUP_SIZE;

		if (g->mask & RTE_BIT64(s))
			lut[i] = (uint8_t)g->reta[s];
	}
	lut_write(ad, lut);
	ad->rss_reta_updated = true;
	return 0;
}

int i40e_dev_rss_reta_query(struct rte_eth_dev *dev, struct rte_eth_rss_reta_entry64 *reta_conf,
			    uint16_t reta_size)
{
	uint8_t lut[I40E_RSS_LUT_SIZE];

	if (reta_size != I40E_RSS_LUT_SIZE)
		return -EINVAL;
	lut_read(dev->dev_private, lut);
	for (uint32_t i = 0; i < reta_size; i++) {
		struct rte_eth_rss_reta_entry64 *g = &reta_conf[i / RTE_ETH_RETA_GROUP_SIZE];
		uint32_t s = i % RTE_ETH_RETA_GROUP_SIZE;

		if (g->mask & RTE_BIT64(s))
			g->reta[s] = lut[i];
	}
	return 0;
}

/*
 * As DPDK 22.11: with RSS off (no class enabled) only "stay off" (rss_hf
 * 0) is accepted, and with RSS on it cannot be turned off this way
 * (rss_hf 0): both -EINVAL. Otherwise the key (if given) and the classes
 * are replaced.
 */
int i40e_dev_rss_hash_update(struct rte_eth_dev *dev, struct rte_eth_rss_conf *rss_conf)
{
	struct i40e_adapter *ad = dev->dev_private;
	const uint64_t rss_hf = rss_conf->rss_hf & I40E_RSS_OFFLOADS;
	int ret;

	if (hena_read(ad) == 0)
		return rss_hf != 0 ? -EINVAL : 0;
	if (rss_hf == 0)
		return -EINVAL;
	ret = key_write(ad, rss_conf->rss_key, rss_conf->rss_key_len);
	if (ret != 0)
		return ret;
	hena_write(ad, i40e_rss_hf_to_hena(rss_hf));
	return 0;
}

int i40e_dev_rss_hash_conf_get(struct rte_eth_dev *dev, struct rte_eth_rss_conf *rss_conf)
{
	struct i40e_adapter *ad = dev->dev_private;

	if (rss_conf->rss_key != NULL) {
		key_read(ad, rss_conf->rss_key);
		rss_conf->rss_key_len = I40E_RSS_KEY_SIZE;
	}
	rss_conf->rss_hf = i40e_hena_to_rss_hf(hena_read(ad));
	return 0;
}
