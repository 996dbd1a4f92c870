/* SPDX-License-Identifier: BSD-3-Clause
 * What ethdev and its drivers share: the port structure, the driver
 * operations, and the table of built-in PCI drivers. Not a public header.
 */
#ifndef RTEMEM_ETHDEV_DRIVER_H
#define RTEMEM_ETHDEV_DRIVER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <rte_ethdev.h>

#include "hal.h"

#define ETHDEV_MAX_RX_QUEUES 64
#define ETHDEV_MAX_TX_QUEUES 64
#define ETHDEV_MAX_MAC_ADDRS 64

struct rte_eth_dev;

/*
 * What a driver does for ethdev. ethdev checks the port, the queue and
 * the arguments first; a NULL operation is a feature the driver does not
 * have, and the public call returns -ENOTSUP for it, as DPDK's does.
 */
struct eth_dev_ops {
	/* life cycle */
	int (*dev_infos_get)(struct rte_eth_dev *dev, struct rte_eth_dev_info *info);
	int (*dev_configure)(struct rte_eth_dev *dev);
	int (*dev_start)(struct rte_eth_dev *dev);  /* after the queues are started */
	int (*dev_stop)(struct rte_eth_dev *dev);
	void (*dev_close)(struct rte_eth_dev *dev); /* release everything; unmap */
	int (*dev_reset)(struct rte_eth_dev *dev);
	int (*dev_set_link_up)(struct rte_eth_dev *dev);
	int (*dev_set_link_down)(struct rte_eth_dev *dev);
	/* fills dev->link; wait: until the link settles */
	int (*link_update)(struct rte_eth_dev *dev, int wait);
	int (*fw_version_get)(struct rte_eth_dev *dev, char *fw_version, size_t fw_size);
	int (*mtu_set)(struct rte_eth_dev *dev, uint16_t mtu);

	/* queues */
	int (*rx_queue_setup)(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			      unsigned int socket_id, const struct rte_eth_rxconf *conf,
			      struct rte_mempool *mp);
	void (*rx_queue_release)(struct rte_eth_dev *dev, uint16_t qid);
	int (*rx_queue_start)(struct rte_eth_dev *dev, uint16_t qid);
	int (*rx_queue_stop)(struct rte_eth_dev *dev, uint16_t qid);
	int (*tx_queue_setup)(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			      unsigned int socket_id, const struct rte_eth_txconf *conf);
	int (*tx_queue_start)(struct rte_eth_dev *dev, uint16_t qid);
	int (*tx_queue_stop)(struct rte_eth_dev *dev, uint16_t qid);
	int (*tx_done_cleanup)(void *txq, uint32_t free_cnt);
	void (*rxq_info_get)(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_rxq_info *qinfo);
	void (*txq_info_get)(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_txq_info *qinfo);
	int (*rx_burst_mode_get)(struct rte_eth_dev *dev, uint16_t qid,
				 struct rte_eth_burst_mode *mode);
	int (*tx_burst_mode_get)(struct rte_eth_dev *dev, uint16_t qid,
				 struct rte_eth_burst_mode *mode);
	/* RTE_PTYPE_UNKNOWN-terminated, or NULL when unknown */
	const uint32_t *(*dev_supported_ptypes_get)(struct rte_eth_dev *dev);
	int (*dev_ptypes_set)(struct rte_eth_dev *dev, uint32_t ptype_mask);
	eth_rx_queue_count_t rx_queue_count;
	eth_rx_descriptor_status_t rx_descriptor_status;
	int (*rx_queue_intr_enable)(struct rte_eth_dev *dev, uint16_t qid);
	int (*rx_queue_intr_disable)(struct rte_eth_dev *dev, uint16_t qid);
	int (*rx_queue_avail_thresh_set)(struct rte_eth_dev *dev, uint16_t qid, uint8_t thresh);
	int (*rx_queue_avail_thresh_query)(struct rte_eth_dev *dev, uint16_t *qid,
					   uint8_t *thresh);
	int (*get_monitor_addr)(void *rxq, struct rte_power_monitor_cond *pmc);
	int (*rx_descriptor_dump)(const struct rte_eth_dev *dev, uint16_t qid, uint16_t offset,
				  uint16_t num, FILE *file);
	int (*tx_descriptor_dump)(const struct rte_eth_dev *dev, uint16_t qid, uint16_t offset,
				  uint16_t num, FILE *file);
	int (*hairpin_cap_get)(struct rte_eth_dev *dev, struct rte_eth_hairpin_cap *cap);
	int (*rx_hairpin_queue_setup)(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
				      const struct rte_eth_hairpin_conf *conf);
	int (*tx_hairpin_queue_setup)(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
				      const struct rte_eth_hairpin_conf *conf);
	int (*hairpin_bind)(struct rte_eth_dev *dev, uint16_t rx_port);
	int (*hairpin_unbind)(struct rte_eth_dev *dev, uint16_t rx_port);
	int (*hairpin_get_peer_ports)(struct rte_eth_dev *dev, uint16_t *peer_ports, size_t len,
				      uint32_t direction);

	/* statistics */
	int (*stats_get)(struct rte_eth_dev *dev, struct rte_eth_stats *stats);
	int (*stats_reset)(struct rte_eth_dev *dev);
	/* the driver's own extended statistics, after ethdev's generic ones;
	 * both return how many there are */
	int (*xstats_get)(struct rte_eth_dev *dev, struct rte_eth_xstat *xstats, unsigned int n);
	int (*xstats_get_names)(struct rte_eth_dev *dev, struct rte_eth_xstat_name *names,
				unsigned int size);
	int (*xstats_reset)(struct rte_eth_dev *dev);
	int (*queue_stats_mapping_set)(struct rte_eth_dev *dev, uint16_t qid, uint8_t stat_idx,
				       uint8_t is_rx);

	/* addresses and filters */
	int (*promiscuous_enable)(struct rte_eth_dev *dev);
	int (*promiscuous_disable)(struct rte_eth_dev *dev);
	int (*allmulticast_enable)(struct rte_eth_dev *dev);
	int (*allmulticast_disable)(struct rte_eth_dev *dev);
	int (*mac_addr_set)(struct rte_eth_dev *dev, struct rte_ether_addr *addr);
	int (*mac_addr_add)(struct rte_eth_dev *dev, struct rte_ether_addr *addr, uint32_t index,
			    uint32_t pool);
	void (*mac_addr_remove)(struct rte_eth_dev *dev, uint32_t index);
	int (*set_mc_addr_list)(struct rte_eth_dev *dev, struct rte_ether_addr *mc_addr_set,
				uint32_t nb_mc_addr);
	int (*uc_hash_table_set)(struct rte_eth_dev *dev, struct rte_ether_addr *addr, uint8_t on);
	int (*uc_all_hash_table_set)(struct rte_eth_dev *dev, uint8_t on);
	int (*vlan_filter_set)(struct rte_eth_dev *dev, uint16_t vlan_id, int on);
	int (*vlan_tpid_set)(struct rte_eth_dev *dev, enum rte_vlan_type type, uint16_t tpid);
	int (*vlan_offload_set)(struct rte_eth_dev *dev, int mask); /* mask: what changed */
	int (*vlan_pvid_set)(struct rte_eth_dev *dev, uint16_t pvid, int on);
	void (*vlan_strip_queue_set)(struct rte_eth_dev *dev, uint16_t qid, int on);

	/* RSS */
	int (*reta_update)(struct rte_eth_dev *dev, struct rte_eth_rss_reta_entry64 *reta_conf,
			   uint16_t reta_size);
	int (*reta_query)(struct rte_eth_dev *dev, struct rte_eth_rss_reta_entry64 *reta_conf,
			  uint16_t reta_size);
	int (*rss_hash_update)(struct rte_eth_dev *dev, struct rte_eth_rss_conf *rss_conf);
	int (*rss_hash_conf_get)(struct rte_eth_dev *dev, struct rte_eth_rss_conf *rss_conf);
	int (*udp_tunnel_port_add)(struct rte_eth_dev *dev, struct rte_eth_udp_tunnel *tunnel);
	int (*udp_tunnel_port_del)(struct rte_eth_dev *dev, struct rte_eth_udp_tunnel *tunnel);
	int (*set_queue_rate_limit)(struct rte_eth_dev *dev, uint16_t qid, uint32_t tx_rate);

	/* link, flow control, FEC */
	int (*dev_led_on)(struct rte_eth_dev *dev);
	int (*dev_led_off)(struct rte_eth_dev *dev);
	int (*flow_ctrl_get)(struct rte_eth_dev *dev, struct rte_eth_fc_conf *fc_conf);
	int (*flow_ctrl_set)(struct rte_eth_dev *dev, struct rte_eth_fc_conf *fc_conf);
	int (*priority_flow_ctrl_set)(struct rte_eth_dev *dev, struct rte_eth_pfc_conf *pfc_conf);
	int (*priority_flow_ctrl_queue_info_get)(struct rte_eth_dev *dev,
						 struct rte_eth_pfc_queue_info *info);
	int (*priority_flow_ctrl_queue_config)(struct rte_eth_dev *dev,
					       struct rte_eth_pfc_queue_conf *conf);
	int (*fec_get_capability)(struct rte_eth_dev *dev, struct rte_eth_fec_capa *capa,
				  unsigned int num);
	int (*fec_get)(struct rte_eth_dev *dev, uint32_t *fec_capa);
	int (*fec_set)(struct rte_eth_dev *dev, uint32_t fec_capa);

	/* device information */
	int (*buffer_split_supported_hdr_ptypes_get)(struct rte_eth_dev *dev, uint32_t *ptypes,
						     int num);
	int (*pool_ops_supported)(struct rte_eth_dev *dev, const char *pool);
	int (*get_reg)(struct rte_eth_dev *dev, struct rte_dev_reg_info *info);
	int (*get_eeprom_length)(struct rte_eth_dev *dev);
	int (*get_eeprom)(struct rte_eth_dev *dev, struct rte_dev_eeprom_info *info);
	int (*set_eeprom)(struct rte_eth_dev *dev, struct rte_dev_eeprom_info *info);
	int (*get_module_info)(struct rte_eth_dev *dev, struct rte_eth_dev_module_info *modinfo);
	int (*get_module_eeprom)(struct rte_eth_dev *dev, struct rte_dev_eeprom_info *info);
	int (*get_dcb_info)(struct rte_eth_dev *dev, struct rte_eth_dcb_info *dcb_info);
	int (*eth_dev_priv_dump)(struct rte_eth_dev *dev, FILE *file);
	int (*representor_info_get)(struct rte_eth_dev *dev, struct rte_eth_representor_info *info);

	/* time synchronisation */
	int (*timesync_enable)(struct rte_eth_dev *dev);
	int (*timesync_disable)(struct rte_eth_dev *dev);
	int (*timesync_read_rx_timestamp)(struct rte_eth_dev *dev, struct timespec *ts,
					  uint32_t flags);
	int (*timesync_read_tx_timestamp)(struct rte_eth_dev *dev, struct timespec *ts);
	int (*timesync_adjust_time)(struct rte_eth_dev *dev, int64_t delta);
	int (*timesync_read_time)(struct rte_eth_dev *dev, struct timespec *ts);
	int (*timesync_write_time)(struct rte_eth_dev *dev, const struct timespec *ts);
	int (*read_clock)(struct rte_eth_dev *dev, uint64_t *clock);

	/* metadata, reassembly, congestion management */
	int (*rx_metadata_negotiate)(struct rte_eth_dev *dev, uint64_t *features);
	int (*ip_reassembly_capability_get)(struct rte_eth_dev *dev,
					    struct rte_eth_ip_reassembly_params *capa);
	int (*ip_reassembly_conf_get)(struct rte_eth_dev *dev,
				      struct rte_eth_ip_reassembly_params *conf);
	int (*ip_reassembly_conf_set)(struct rte_eth_dev *dev,
				      const struct rte_eth_ip_reassembly_params *conf);
	int (*cman_info_get)(struct rte_eth_dev *dev, struct rte_eth_cman_info *info);
	int (*cman_config_init)(struct rte_eth_dev *dev, struct rte_eth_cman_config *config);
	int (*cman_config_set)(struct rte_eth_dev *dev, const struct rte_eth_cman_config *config);
	int (*cman_config_get)(struct rte_eth_dev *dev, struct rte_eth_cman_config *config);
};

/* One port. rtemem keeps ports per process (no multi-process sharing). */
struct rte_eth_dev {
	bool attached;
	uint16_t port_id;
	char name[RTE_ETH_NAME_MAX_LEN];  /* PCI address, "0000:01:00.0" */
	const struct eth_dev_ops *ops;
	const char *driver_name;
	struct hal_pci_device pci;
	int socket_id;
	void *dev_private;                 /* the driver's adapter */
	/* [0]: the default address; the others added by rte_eth_dev_mac_addr_add,
	 * zero when unused, with the VMDq pools each is in */
	struct rte_ether_addr mac_addrs[ETHDEV_MAX_MAC_ADDRS];
	uint64_t mac_pool_sel[ETHDEV_MAX_MAC_ADDRS];
	struct rte_vlan_filter_conf vlan_filter_conf;

	struct rte_eth_conf conf;
	bool configured;
	bool started;
	uint16_t nb_rx_queues;
	void *rx_queues[ETHDEV_MAX_RX_QUEUES];      /* set up by the driver */
	uint8_t rx_queue_state[ETHDEV_MAX_RX_QUEUES];
	bool rx_deferred_start[ETHDEV_MAX_RX_QUEUES];
	eth_rx_burst_t rx_pkt_burst;
	uint16_t nb_tx_queues;
	void *tx_queues[ETHDEV_MAX_TX_QUEUES];       /* none: no driver transmits */
	uint8_t tx_queue_state[ETHDEV_MAX_TX_QUEUES];

	uint16_t mtu;                      /* RTE_ETHER_MTU until configured */
	uint32_t dev_flags;                /* RTE_ETH_DEV_*, set by the driver's probe */
	struct rte_eth_link link;          /* as link_update left it */
	uint8_t promiscuous;               /* as the port is now */
	uint8_t all_multicast;
	uint64_t owner_id;                 /* RTE_ETH_DEV_NO_OWNER */
	char owner_name[RTE_ETH_MAX_OWNER_NAME_LEN];
};

/* Every port slot, attached or not (as DPDK's rte_eth_devices). */
extern struct rte_eth_dev rte_eth_devices[RTE_MAX_ETHPORTS];

/* A built-in PCI driver. probe fills ops, dev_private, mac_addrs[0], driver_name. */
struct eth_pci_driver {
	const char *name;
	bool (*match)(uint16_t vendor_id, uint16_t device_id);
	int (*probe)(struct rte_eth_dev *dev);
};

extern const struct eth_pci_driver i40e_pci_driver;

/* What stands for the port's rte_device (rtemem has no device layer): an
 * opaque handle, the same for the ports of one PCI function. */
static inline struct rte_device *eth_dev_device(struct rte_eth_dev *dev)
{
	return (struct rte_device *)(void *)&dev->pci;
}

/* The attached port port_id (probing the bus on first use), or NULL. */
struct rte_eth_dev *eth_dev_get(uint16_t port_id);

/* The port's callbacks, heads of per-queue lists (ethdev_callbacks.c);
 * rte_eth_fp_ops point into them. */
extern void *eth_fp_rxq_clbk[RTE_MAX_ETHPORTS][ETHDEV_MAX_RX_QUEUES];
extern void *eth_fp_txq_clbk[RTE_MAX_ETHPORTS][ETHDEV_MAX_TX_QUEUES];

/* Frees every rx/tx and event callback of a port being released. */
void eth_dev_callbacks_release(uint16_t port_id);

/* Tells the application about an event on a port, through its callbacks;
 * returns what the last one returned (0 without callbacks). */
int eth_dev_event_notify(uint16_t port_id, enum rte_eth_event_type event, void *ret_param);

/*
 * Close every port and forget the probe, so the next rte_eth_* call scans
 * the bus again. rte_eal_cleanup should call it before tearing down memory;
 * closing the last port has the same effect.
 */
void eth_dev_cleanup_all(void);

#endif
