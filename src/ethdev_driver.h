/* SPDX-License-Identifier: BSD-3-Clause
 * What ethdev and its drivers share: the port structure, the driver
 * operations, and the table of built-in PCI drivers. Not a public header.
 */
#ifndef RTEMEM_ETHDEV_DRIVER_H
#define RTEMEM_ETHDEV_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ethdev.h>

#include "hal.h"

#define ETHDEV_MAX_RX_QUEUES 64

struct rte_eth_dev;

struct eth_dev_ops {
	int (*dev_infos_get)(struct rte_eth_dev *dev, struct rte_eth_dev_info *info);
	int (*dev_configure)(struct rte_eth_dev *dev);
	int (*dev_start)(struct rte_eth_dev *dev);  /* after the queues are started */
	int (*dev_stop)(struct rte_eth_dev *dev);
	void (*dev_close)(struct rte_eth_dev *dev); /* release everything; unmap */
	int (*rx_queue_setup)(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			      unsigned int socket_id, const struct rte_eth_rxconf *conf,
			      struct rte_mempool *mp);
	void (*rx_queue_release)(struct rte_eth_dev *dev, uint16_t qid);
	int (*rx_queue_start)(struct rte_eth_dev *dev, uint16_t qid);
	int (*rx_queue_stop)(struct rte_eth_dev *dev, uint16_t qid);
	int (*stats_get)(struct rte_eth_dev *dev, struct rte_eth_stats *stats);
	int (*stats_reset)(struct rte_eth_dev *dev);
	int (*rx_burst_mode_get)(struct rte_eth_dev *dev, uint16_t qid,
				 struct rte_eth_burst_mode *mode);
	/* RTE_PTYPE_UNKNOWN-terminated, or NULL when unknown */
	const uint32_t *(*dev_supported_ptypes_get)(struct rte_eth_dev *dev);
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
	struct rte_ether_addr mac_addr;

	struct rte_eth_conf conf;
	bool configured;
	bool started;
	uint16_t nb_rx_queues;
	void *rx_queues[ETHDEV_MAX_RX_QUEUES];      /* set up by the driver */
	uint8_t rx_queue_state[ETHDEV_MAX_RX_QUEUES];
	bool rx_deferred_start[ETHDEV_MAX_RX_QUEUES];
	eth_rx_burst_t rx_pkt_burst;
};

/* Every port slot, attached or not (as DPDK's rte_eth_devices). */
extern struct rte_eth_dev rte_eth_devices[RTE_MAX_ETHPORTS];

/* A built-in PCI driver. probe fills ops, dev_private, mac_addr, driver_name. */
struct eth_pci_driver {
	const char *name;
	bool (*match)(uint16_t vendor_id, uint16_t device_id);
	int (*probe)(struct rte_eth_dev *dev);
};

extern const struct eth_pci_driver i40e_pci_driver;

/*
 * Close every port and forget the probe, so the next rte_eth_* call scans
 * the bus again. rte_eal_cleanup should call it before tearing down memory;
 * closing the last port has the same effect.
 */
void eth_dev_cleanup_all(void);

#endif
