/* SPDX-License-Identifier: BSD-3-Clause
 * The i40e poll-mode driver's private state: the adapter (one PF) and its
 * receive queues, and the functions ethdev reaches through eth_dev_ops.
 */
#ifndef RTEMEM_I40E_ETHDEV_H
#define RTEMEM_I40E_ETHDEV_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_atomic.h>
#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>

#include "ethdev_driver.h"
#include "hal.h"
#include "i40e_adminq.h"
#include "i40e_rxd.h"

/* Every message of the driver, prefixed so a log shows where it came from. */
#define PMD_LOG(level, ...) RTE_LOG(level, PMD, "i40e: " __VA_ARGS__)

#define I40E_DRIVER_NAME "net_i40e"
#define I40E_MAX_RX_QUEUES ETHDEV_MAX_RX_QUEUES
#define I40E_DEFAULT_RX_FREE_THRESH 32
#define I40E_MIN_RX_BUFSIZE 1024
#define I40E_MAX_CHAINED_RX_BUFFERS 5    /* descriptors one frame may span */
#define I40E_VLAN_TAG_SIZE 4
#define I40E_ETH_OVERHEAD (RTE_ETHER_HDR_LEN + RTE_ETHER_CRC_LEN + 2 * I40E_VLAN_TAG_SIZE)
#define I40E_QUEUE_SWITCH_POLLS 1000     /* times 10 us: wait for QENA_STAT */

/*
 * The receive paths of DPDK 22.11's i40e, slowest first. Each port runs
 * one; i40e_set_rx_function picks the fastest that every queue allows, as
 * DPDK does, capped at rx_path_limit. Scattered rx (frames over several
 * buffers) is not a path but a variant of each: the scalar and vector
 * functions have a scattered twin, bulk-alloc has none.
 */
enum i40e_rx_path {
	I40E_RX_PATH_SCALAR,     /* i40e_recv_pkts, i40e_recv_scattered_pkts */
	I40E_RX_PATH_BULK_ALLOC, /* i40e_recv_pkts_bulk_alloc */
	I40E_RX_PATH_VECTOR,     /* i40e_recv_pkts_vec, i40e_recv_scattered_pkts_vec */
	I40E_RX_PATH_VECTOR_AVX2, /* i40e_recv_pkts_vec_avx2, i40e_recv_scattered_pkts_vec_avx2 */
};

/* Both vector paths keep the ring the same way (rxrearm_start/nb). */
static inline bool i40e_rx_path_is_vec(enum i40e_rx_path path)
{
	return path == I40E_RX_PATH_VECTOR || path == I40E_RX_PATH_VECTOR_AVX2;
}

/* The PF's LAN HMC (i40e_hmc.c): where its objects are in the FPM space
 * and the memory that backs them. */
struct i40e_hmc {
	const struct rte_memzone *mz; /* backing memory, FPM address 0 at mz->addr */
	uint64_t rx_base;             /* FPM address of receive object 0 */
	uint32_t rx_obj_size;
	uint16_t count;               /* objects of each kind: the PF's queues */
	unsigned int sd_count;        /* direct segments programmed */
	uint8_t fn;                   /* HMC function index (PF_FUNC_RID) */
};

struct i40e_adapter {
	struct hal_bar bar;        /* BAR0 */
	/* As DPDK's: true at configure; a queue set up against the
	 * bulk-alloc preconditions clears it for the port until the next
	 * configure. */
	bool rx_bulk_alloc_allowed;
	bool rx_vec_allowed;
	/* The fastest path the port may use: I40E_RX_PATH_VECTOR_AVX2 unless an
	 * application (or a test) asks for a slower one, i40e_set_rx_path_limit. */
	enum i40e_rx_path rx_path_limit;
	enum i40e_rx_path rx_path; /* the one chosen at the last start */
	bool scattered_rx;         /* some queue needs frames over several buffers */
	struct rte_eth_dev *eth_dev;
	uint16_t device_id;
	/* imissed: the 32-bit GLV_RDPC counter, widened and offset by stats_reset */
	uint32_t rdpc_last;
	uint64_t imissed;
	struct i40e_adminq aq;     /* admin send queue (i40e_adminq.c) */
	uint16_t main_vsi_seid;    /* the PF's VSI, from get_switch_config */
	/* PFLAN_QALLOC: the PF's queues are base_queue.. of the device's
	 * queue space; the PF addresses them as 0..nb_pf_queues-1. */
	uint16_t base_queue;
	uint16_t nb_pf_queues;
	struct i40e_hmc hmc;
	bool rxq_ctx_direct;       /* contexts through PFCM_LANCTX, not the HMC */
	/* RSS (i40e_rss.c): the table was set by the application since the
	 * last configure, so start leaves it. The hashed flow types live in
	 * the device (PFQF_HENA). */
	bool rss_reta_updated;
};

/* One software ring entry: the mbuf whose buffer a descriptor points to. */
struct i40e_rx_entry {
	struct rte_mbuf *mbuf;
};

struct i40e_rx_queue {
	struct rte_mempool *mp;
	volatile union i40e_rx_desc *rx_ring;
	rte_iova_t rx_ring_phys_addr;
	struct i40e_rx_entry *sw_ring;
	const struct rte_memzone *mz;
	struct i40e_adapter *adapter;

	uint16_t nb_rx_desc;
	uint16_t rx_free_thresh;   /* bump the tail once this many are refilled */
	uint16_t rx_tail;          /* next descriptor to look at */
	uint16_t nb_rx_hold;       /* refilled, not yet given to the device */
	struct rte_mbuf *pkt_first_seg; /* a frame whose EOP has not come yet */
	struct rte_mbuf *pkt_last_seg;
	bool pkt_error;            /* some buffer of that frame was not written (RXE) */

	uint16_t queue_id;
	uint16_t reg_idx;          /* queue number in the PF's registers */
	uint16_t port_id;
	uint16_t rx_buf_len;       /* bytes of data per buffer, 128-byte multiple */
	uint32_t max_pkt_len;      /* RXMAX: larger frames are dropped by the NIC */
	bool scattered;            /* frames may span several buffers */
	uint8_t crc_len;           /* 4 with KEEP_CRC: the device leaves the FCS in */
	bool q_set;
	bool started;
	bool deferred_start;
	uint8_t drop_en;           /* as asked at setup, for rte_eth_rx_queue_info_get */
	uint64_t offloads;         /* the queue's and the port's */
	enum i40e_rx_path path;    /* how this ring is consumed and refilled */

	/* Bulk-alloc path: up to one burst of completed frames, taken off the
	 * ring together and handed out from here; the ring is refilled
	 * rx_free_thresh descriptors at a time, up to rx_free_trigger. */
	uint16_t rx_nb_avail;
	uint16_t rx_next_avail;
	uint16_t rx_free_trigger;
	struct rte_mbuf *rx_stage[RTE_PMD_I40E_RX_MAX_BURST * 2];

	/* Vector path: consumed descriptors [rxrearm_start, +rxrearm_nb) wait
	 * to be refilled, 32 at a time. */
	uint16_t rxrearm_start;
	uint16_t rxrearm_nb;
	uint64_t mbuf_initializer; /* rearm_data of a fresh mbuf of this queue */
	/* What the sw_ring holds past the ring's end (and where a refill
	 * failed): reads of a burst past the end find it, never a freed mbuf. */
	struct rte_mbuf fake_mbuf;

	uint64_t packets;
	uint64_t bytes;
	uint64_t errors;
	uint64_t mbuf_alloc_failed;
};

/*
 * Register access with the ordering of DPDK's rte_read32/rte_write32: a
 * write is preceded by an I/O write barrier, so descriptors stored before
 * it are visible to the device before the register changes (the tail
 * write that hands them over); a read is followed by an I/O read barrier,
 * so nothing read after it is older than the register. The _relaxed form
 * (rte_write32_relaxed) orders nothing; hal_bar_* are themselves relaxed.
 */
static inline uint32_t i40e_read_reg(const struct i40e_adapter *ad, uint32_t off)
{
	uint32_t val = hal_bar_read32(&ad->bar, off);

	rte_io_rmb();
	return val;
}

/*
 * A read that comes back all ones is what a device gone from the bus
 * gives (a PCIe read that completes with an error). None of the
 * identification registers read at probe can be all ones, so there it
 * means the device is not answering: -EIO, and the probe stops.
 */
static inline int i40e_read_id_reg(const struct i40e_adapter *ad, uint32_t off, uint32_t *val)
{
	*val = i40e_read_reg(ad, off);
	return *val == UINT32_MAX ? -EIO : 0;
}

static inline void i40e_write_reg(const struct i40e_adapter *ad, uint32_t off, uint32_t val)
{
	rte_io_wmb();
	hal_bar_write32(&ad->bar, off, val);
}

static inline void i40e_write_reg_relaxed(const struct i40e_adapter *ad, uint32_t off,
					  uint32_t val)
{
	hal_bar_write32(&ad->bar, off, val);
}

/* i40e_rx.c */
int i40e_dev_rx_queue_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			    unsigned int socket_id, const struct rte_eth_rxconf *conf,
			    struct rte_mempool *mp);
void i40e_dev_rx_queue_release(struct rte_eth_dev *dev, uint16_t qid);
int i40e_dev_rx_queue_start(struct rte_eth_dev *dev, uint16_t qid);
int i40e_dev_rx_queue_stop(struct rte_eth_dev *dev, uint16_t qid);
uint16_t i40e_recv_pkts(void *rx_queue, struct rte_mbuf **rx_pkts, uint16_t nb_pkts);
uint16_t i40e_recv_scattered_pkts(void *rx_queue, struct rte_mbuf **rx_pkts, uint16_t nb_pkts);

/* i40e_rx_bulk.c */
uint16_t i40e_recv_pkts_bulk_alloc(void *rx_queue, struct rte_mbuf **rx_pkts, uint16_t nb_pkts);
/* DPDK's preconditions: rx_free_thresh >= 32, < nb_desc, divides nb_desc. */
bool i40e_rx_bulk_alloc_ok(const struct i40e_rx_queue *rxq);
/* Start-of-ring state of the bulk-alloc fields (after the ring is filled). */
void i40e_rx_bulk_reset(struct i40e_rx_queue *rxq);

/* i40e_rx_vec.c */
uint16_t i40e_recv_pkts_vec(void *rx_queue, struct rte_mbuf **rx_pkts, uint16_t nb_pkts);
uint16_t i40e_recv_scattered_pkts_vec(void *rx_queue, struct rte_mbuf **rx_pkts,
				      uint16_t nb_pkts);
void i40e_rx_vec_reset(struct i40e_rx_queue *rxq);
/* i40e_rx_vec_avx2.c: x86_64 only (elsewhere never chosen) */
uint16_t i40e_recv_pkts_vec_avx2(void *rx_queue, struct rte_mbuf **rx_pkts, uint16_t nb_pkts);
uint16_t i40e_recv_scattered_pkts_vec_avx2(void *rx_queue, struct rte_mbuf **rx_pkts,
					   uint16_t nb_pkts);
bool i40e_rx_vec_avx2_cpu_ok(void);
/* Which SIMD the 128-bit vector path is built with: "SSE", "Neon" or "" (none). */
extern const char i40e_rx_vec_isa[];
/* Whether this CPU runs it (x86_64: SSE4.1, which the build does not assume). */
bool i40e_rx_vec_cpu_ok(void);

/* i40e_rx_select.c */
/* Choose the port's receive function as DPDK 22.11's i40e_set_rx_function. */
void i40e_set_rx_function(struct rte_eth_dev *dev);

/* The flow types the X710 hashes: those with a hash class (PCTYPE) of
 * their own, as DPDK 22.11's flow_types_mask for it. RTE_ETH_RSS_IPV4 and
 * _IPV6 have none (their frames are FRAG_ and NONFRAG_*_OTHER). */
#define I40E_RSS_OFFLOADS (RTE_ETH_RSS_FRAG_IPV4 | RTE_ETH_RSS_NONFRAG_IPV4_TCP | \
	RTE_ETH_RSS_NONFRAG_IPV4_UDP | RTE_ETH_RSS_NONFRAG_IPV4_SCTP | \
	RTE_ETH_RSS_NONFRAG_IPV4_OTHER | RTE_ETH_RSS_FRAG_IPV6 | RTE_ETH_RSS_NONFRAG_IPV6_TCP | \
	RTE_ETH_RSS_NONFRAG_IPV6_UDP | RTE_ETH_RSS_NONFRAG_IPV6_SCTP | \
	RTE_ETH_RSS_NONFRAG_IPV6_OTHER | RTE_ETH_RSS_L2_PAYLOAD)

/* rss_hf (RTE_ETH_RSS_*) to PFQF_HENA bits and back, by DPDK's table. */
uint64_t i40e_rss_hf_to_hena(uint64_t rss_hf);
uint64_t i40e_hena_to_rss_hf(uint64_t hena);
void i40e_rss_configure(struct rte_eth_dev *dev);
void i40e_rss_configure_at_start(struct rte_eth_dev *dev);
/* The RSS key start programs when the application gives none (DPDK's). */
extern const uint8_t i40e_rss_default_key[]; /* I40E_RSS_KEY_SIZE bytes */
int i40e_dev_rss_reta_update(struct rte_eth_dev *dev, struct rte_eth_rss_reta_entry64 *reta_conf,
			     uint16_t reta_size);
int i40e_dev_rss_reta_query(struct rte_eth_dev *dev, struct rte_eth_rss_reta_entry64 *reta_conf,
			    uint16_t reta_size);
int i40e_dev_rss_hash_update(struct rte_eth_dev *dev, struct rte_eth_rss_conf *rss_conf);
int i40e_dev_rss_hash_conf_get(struct rte_eth_dev *dev, struct rte_eth_rss_conf *rss_conf);

/* i40e_filter.c: MAC filters and promiscuous modes through the admin queue */
#define I40E_NUM_MACADDR_MAX 64
int i40e_dev_promiscuous_enable(struct rte_eth_dev *dev);
int i40e_dev_promiscuous_disable(struct rte_eth_dev *dev);
int i40e_dev_allmulticast_enable(struct rte_eth_dev *dev);
int i40e_dev_allmulticast_disable(struct rte_eth_dev *dev);
int i40e_dev_mac_addr_add(struct rte_eth_dev *dev, struct rte_ether_addr *addr, uint32_t index,
			  uint32_t pool);
void i40e_dev_mac_addr_remove(struct rte_eth_dev *dev, uint32_t index);
int i40e_dev_mac_addr_set(struct rte_eth_dev *dev, struct rte_ether_addr *addr);

/* i40e_link.c */
int i40e_dev_link_update(struct rte_eth_dev *dev, int wait_to_complete);

/* i40e_queue_info.c */
void i40e_rxq_info_get(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_rxq_info *qinfo);
uint32_t i40e_dev_rx_queue_count(void *rx_queue);
int i40e_dev_rx_descriptor_status(void *rx_queue, uint16_t offset);
int i40e_fw_version_get(struct rte_eth_dev *dev, char *fw_version, size_t fw_size);
int i40e_rx_burst_mode_get(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_burst_mode *mode);
const uint32_t *i40e_dev_supported_ptypes_get(struct rte_eth_dev *dev);
/* Cap the port's receive path at limit from its next start on (an
 * explicit option for tests, benchmarks and fuzzers; DPDK's own cap below
 * vector is rte_vect_set_max_simd_bitwidth). 0 or -EINVAL. */
int i40e_set_rx_path_limit(struct rte_eth_dev *dev, enum i40e_rx_path limit);

/* mbuf packet_type for each hardware PTYPE (i40e_ptype.c). */
extern const uint32_t i40e_ptype_table[256];
/* Put every mbuf of the queue back in its pool (and a half-received frame). */
void i40e_rx_queue_release_mbufs(struct i40e_rx_queue *rxq);
/* Back to the state right after setup: zeroed ring, indexes 0. */
void i40e_reset_rx_queue(struct i40e_rx_queue *rxq);
int i40e_alloc_rx_queue_mbufs(struct i40e_rx_queue *rxq);
/* i40e_rxq_ctx.c: the 32-byte context as DPDK 22.11 fills it, and its
 * write into the queue's HMC object (0 or -EINVAL) or, with
 * i40e_set_rxq_ctx_direct, through PFCM_LANCTX* (0 or -EIO). */
void i40e_rxq_ctx_pack(const struct i40e_rx_queue *rxq, uint8_t *ctx);
int i40e_write_rx_queue_context(struct i40e_rx_queue *rxq);
/* An explicit option for tests: write contexts through the direct-access
 * registers from the next queue start on (false: the HMC, the default). */
int i40e_set_rxq_ctx_direct(struct rte_eth_dev *dev, bool on);

/* i40e_hmc.c: size, back and program the LAN HMC for nb_pf_queues
 * queues (0, -EINVAL, -ENOMEM); undo it; write one rx context object. */
int i40e_hmc_init(struct i40e_adapter *ad, uint16_t port_id, int socket_id);
void i40e_hmc_shutdown(struct i40e_adapter *ad);
int i40e_hmc_write_rxq_ctx(struct i40e_adapter *ad, uint16_t q, const uint8_t *ctx);
/* Ask for a queue on/off and wait for QENA_STAT to follow. 0 or -ETIMEDOUT. */
int i40e_switch_rx_queue(struct i40e_adapter *ad, uint16_t reg_idx, bool on);

#endif
