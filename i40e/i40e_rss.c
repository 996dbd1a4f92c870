/* SPDX-License-Identifier: BSD-3-Clause
 * i40e RSS: the 512-entry lookup table (PFQF_HLUT) that maps a hash to a
 * queue, and the 52-byte Toeplitz key (PFQF_HKEY).
 *
 * As in DPDK, start spreads the table over the configured queues unless the
 * application has set entries itself since the last configure
 * (rte_eth_dev_rss_reta_update), and programs the key rte_eth_conf
 * carries, if it is long enough (otherwise the device keeps the one it has).
 *
 * The hashed flow types are not programmable here (the emulated device has
 * no hash-enable registers and hashes every type it knows): rss_hf is
 * recorded and reported, within what dev_info offers.
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

void i40e_rss_configure_at_start(struct rte_eth_dev *dev)
{
	const struct rte_eth_rss_conf *rc = &dev->conf.rx_adv_conf.rss_conf;
	struct i40e_adapter *ad = dev->dev_private;
	bool rss = (dev->conf.rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG) && dev->nb_rx_queues > 1;
	uint8_t lut[I40E_RSS_LUT_SIZE];

	if (!ad->rss_reta_updated) {
		for (uint32_t i = 0; i < I40E_RSS_LUT_SIZE; i++)
			lut[i] = rss ? (uint8_t)(i % dev->nb_rx_queues) : 0;
		lut_write(ad, lut);
	}
	/* As DPDK's i40e: a key too short for the device is not used. */
	if (rc->rss_key != NULL && rc->rss_key_len >= I40E_RSS_KEY_SIZE)
		(void)key_write(ad, rc->rss_key, I40E_RSS_KEY_SIZE);
}

void i40e_rss_configure(struct rte_eth_dev *dev)
{
	struct i40e_adapter *ad = dev->dev_private;

	ad->rss_hf = dev->conf.rx_adv_conf.rss_conf.rss_hf & I40E_RSS_OFFLOADS;
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

int i40e_dev_rss_hash_update(struct rte_eth_dev *dev, struct rte_eth_rss_conf *rss_conf)
{
	struct i40e_adapter *ad = dev->dev_private;
	int ret = key_write(ad, rss_conf->rss_key, rss_conf->rss_key_len);

	if (ret != 0)
		return ret;
	ad->rss_hf = rss_conf->rss_hf & I40E_RSS_OFFLOADS;
	return 0;
}

int i40e_dev_rss_hash_conf_get(struct rte_eth_dev *dev, struct rte_eth_rss_conf *rss_conf)
{
	struct i40e_adapter *ad = dev->dev_private;

	if (rss_conf->rss_key != NULL) {
		key_read(ad, rss_conf->rss_key);
		rss_conf->rss_key_len = I40E_RSS_KEY_SIZE;
	}
	rss_conf->rss_hf = ad->rss_hf;
	return 0;
}
