/* SPDX-License-Identifier: BSD-3-Clause
 * The emulated X710/XL710 PF (see sim_i40e.h): registers, receive queue
 * context, RSS, and receive descriptor processing over the sim IOMMU.
 *
 * Everything the device does happens inside a register access or an
 * explicit sim_i40e_deliver/receive call, under the device's lock (not
 * taken by a register access or sim_i40e_receive in a sim used by one
 * thread alone: sim_set_single_thread).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_common.h>

#include "i40e_adminq_desc.h"
#include "i40e_regs.h"
#include "i40e_rxd.h"
#include "sim_crc.h"
#include "sim_i40e.h"
#include "sim_i40e_aq.h"
#include "sim_i40e_hmc.h"
#include "sim_i40e_parse.h"
#include "sim_machine.h"

#define NQ I40E_SIM_MAX_RX_QUEUES
#define AUTO_BATCH_MAX 65536 /* bound on one auto delivery, even for odd wires */

struct sim_i40e_rxq {
	uint32_t ena;           /* QRX_ENA: REQ as written, STAT as the device answers */
	uint32_t tail;
	uint32_t head;
	uint8_t ctx[I40E_RXQ_CTX_BYTES]; /* the queue context the device holds */
	/* ctx was written through PFCM_LANCTX and is used as it is at the
	 * next enable; otherwise the enable reads it from the HMC object.
	 * Dropped when the queue stops, as a context cache entry would be. */
	bool ctx_cached;
	/* decoded from ctx when the queue is enabled */
	uint64_t base;
	uint32_t qlen;
	uint32_t dbuff;         /* bytes per data buffer */
	uint32_t desc_size;     /* 16 or 32 */
	uint32_t rxmax;
	bool crcstrip;          /* false: the FCS is written after the frame */
	bool stuck;             /* test seam: a request to switch off is not honoured */
	struct sim_i40e_queue_stats st;
};

/* A flow director perfect filter: a flow (packet type and input set) and
 * the id the device reports for its frames (sim_i40e_fdir_add). */
struct sim_fdir_filter {
	uint8_t ptype;
	uint8_t input_len;
	uint8_t input[36];
	uint32_t fd_id;
};

struct sim_i40e {
	pthread_mutex_t lock;
	uint16_t device_id;
	unsigned int index;
	uint8_t mac[6];
	uint32_t lanctx_data[4];
	uint32_t lanctx_stat;
	uint16_t first_queue;   /* PFLAN_QALLOC: the PF's queues in the device's space */
	uint16_t nb_queues;
	struct sim_i40e_hmc hmc; /* the LAN HMC (sim_i40e_hmc.c) */
	void (*ctx_hook)(void *arg, unsigned int q); /* sim_i40e_set_ctx_hook */
	void *ctx_hook_arg;
	uint8_t hlut[I40E_RSS_LUT_SIZE];
	uint8_t rss_key[I40E_RSS_KEY_SIZE];
	uint64_t hena;          /* PFQF_HENA: the hash classes hashed (I40E_FILTER_PCTYPE_*) */
	struct sim_i40e_rxq rxq[NQ];
	uint64_t vsi_bytes, vsi_packets;
	uint64_t vsi_discards;  /* GLV_RDPC: frames lost for want of a descriptor */
	uint64_t switch_drops;  /* frames no filter of the VSI took */
	uint64_t bad_accesses;  /* reads/writes of registers the model lacks */
	uint32_t vlan_mode;     /* I40E_SIM_VSI_VLAN_MODE */
	bool link_down;         /* the cable is out (sim_i40e_set_link) */
	struct sim_i40e_aq aq;  /* admin transmit queue (sim_i40e_aq.c) */
	struct sim_fdir_filter fdir[SIM_I40E_FDIR_MAX];
	unsigned int n_fdir;
	uint8_t stripped[16384]; /* a frame without its stripped tags (RXMAX < 16 KiB) */

	struct pkt_source *src;
	bool wire_done;         /* the source said "no more" */
	bool auto_deliver;
	bool pending_valid;     /* a frame waits in the packet buffer */
	uint32_t pending_len;
	uint8_t pending[PKT_SOURCE_MAX_FRAME];
};

/* The power-on RSS key (any fixed key works; this is the well-known
 * Toeplitz verification key, zero-padded to the X710's 52 bytes). */
static const uint8_t default_rss_key[40] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67,
	0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb,
	0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30,
	0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

/* ---- queue context ------------------------------------------------------- */

static uint64_t ctx_get(const uint8_t *ctx, unsigned int lsb, unsigned int width)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < width; i++) {
		unsigned int bit = lsb + i;

		if (ctx[bit / 8] & (1u << (bit % 8)))
			v |= 1ULL << i;
	}
	return v;
}

/* Decode the context into the queue; false if it cannot run. */
static bool rxq_load_context(struct sim_i40e_rxq *q)
{
	const uint8_t *c = q->ctx;

	q->base = ctx_get(c, I40E_RXQ_CTX_BASE_LSB, I40E_RXQ_CTX_BASE_W) * I40E_RXQ_CTX_BASE_UNIT;
	q->qlen = (uint32_t)ctx_get(c, I40E_RXQ_CTX_QLEN_LSB, I40E_RXQ_CTX_QLEN_W);
	q->dbuff = (uint32_t)ctx_get(c, I40E_RXQ_CTX_DBUFF_LSB, I40E_RXQ_CTX_DBUFF_W) *
		   I40E_RXQ_CTX_DBUFF_UNIT;
	q->desc_size = ctx_get(c, I40E_RXQ_CTX_DSIZE_LSB, I40E_RXQ_CTX_DSIZE_W) ? 32 : 16;
	q->rxmax = (uint32_t)ctx_get(c, I40E_RXQ_CTX_RXMAX_LSB, I40E_RXQ_CTX_RXMAX_W);
	q->crcstrip = ctx_get(c, I40E_RXQ_CTX_CRCSTRIP_LSB, I40E_RXQ_CTX_CRCSTRIP_W) != 0;
	q->head = (uint32_t)ctx_get(c, I40E_RXQ_CTX_HEAD_LSB, I40E_RXQ_CTX_HEAD_W);
	/* Header split (DTYPE != 0) is not modelled. */
	if (ctx_get(c, I40E_RXQ_CTX_DTYPE_LSB, I40E_RXQ_CTX_DTYPE_W) != 0)
		return false;
	return q->qlen >= 2 && q->dbuff > 0 && q->head < q->qlen && q->rxmax > 0;
}

/* The context an enable runs with: the one written through PFCM_LANCTX,
 * or else the queue's object in the HMC, read over DMA. The PF is
 * function 0 of the device (PF_FUNC_RID). */
static bool rxq_fetch_context(struct sim_i40e *dev, unsigned int qn)
{
	struct sim_i40e_rxq *q = &dev->rxq[qn];

	if (dev->ctx_hook != NULL)
		dev->ctx_hook(dev->ctx_hook_arg, qn);
	if (q->ctx_cached)
		return true;
	return sim_i40e_hmc_rx_context(&dev->hmc, 0, qn, q->ctx) == SIM_I40E_HMC_OK;
}

static void lanctx_command(struct sim_i40e *dev, uint32_t ctl)
{
	unsigned int qn = (ctl >> I40E_PFCM_LANCTXCTL_QUEUE_NUM_SHIFT) &
			  I40E_PFCM_LANCTXCTL_QUEUE_NUM_MASK;
	unsigned int line = (ctl >> I40E_PFCM_LANCTXCTL_SUB_LINE_SHIFT) &
			    I40E_PFCM_LANCTXCTL_SUB_LINE_MASK;
	unsigned int type = (ctl >> I40E_PFCM_LANCTXCTL_QUEUE_TYPE_SHIFT) &
			    I40E_PFCM_LANCTXCTL_QUEUE_TYPE_MASK;
	unsigned int op = (ctl >> I40E_PFCM_LANCTXCTL_OP_CODE_SHIFT) &
			  I40E_PFCM_LANCTXCTL_OP_CODE_MASK;
	uint8_t *sub;

	/* Only receive contexts, and only their two sub-lines, exist here. */
	if (qn >= dev->nb_queues || type != I40E_PFCM_LANCTX_QUEUE_TYPE_RX ||
	    line >= I40E_RXQ_CTX_BYTES / 16 ||
	    (op != I40E_PFCM_LANCTX_OP_READ && op != I40E_PFCM_LANCTX_OP_WRITE)) {
		dev->lanctx_stat = I40E_PFCM_LANCTXSTAT_CTX_DONE | I40E_PFCM_LANCTXSTAT_CTX_MISS;
		return;
	}
	sub = dev->rxq[qn].ctx + 16 * line;
	if (op == I40E_PFCM_LANCTX_OP_WRITE)
		dev->rxq[qn].ctx_cached = true;
	for (unsigned int i = 0; i < 4; i++) {
		if (op == I40E_PFCM_LANCTX_OP_WRITE) {
			for (unsigned int b = 0; b < 4; b++)
				sub[4 * i + b] = (uint8_t)(dev->lanctx_data[i] >> (8 * b));
		} else {
			dev->lanctx_data[i] = (uint32_t)sub[4 * i] | (uint32_t)sub[4 * i + 1] << 8 |
					      (uint32_t)sub[4 * i + 2] << 16 |
					      (uint32_t)sub[4 * i + 3] << 24;
		}
	}
	dev->lanctx_stat = I40E_PFCM_LANCTXSTAT_CTX_DONE;
}

/* ---- classification: packet type and RSS --------------------------------- */

struct frame_class {
	struct sim_i40e_parsed p;
	bool hashed;   /* its class is enabled in PFQF_HENA and it has an input set */
	uint32_t hash;
};

static uint32_t toeplitz(const uint8_t *key, size_t key_len, const uint8_t *in, size_t len)
{
	uint32_t hash = 0;
	uint32_t window = (uint32_t)key[0] << 24 | (uint32_t)key[1] << 16 |
			  (uint32_t)key[2] << 8 | key[3];

	for (size_t i = 0; i < len; i++) {
		uint8_t next = i + 4 < key_len ? key[i + 4] : 0;

		for (int b = 7; b >= 0; b--) {
			if (in[i] & (1u << b))
				hash ^= window;
			window = window << 1 | ((next >> b) & 1u);
		}
	}
	return hash;
}

static uint16_t be16_at(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/*
 * Parse the frame and hash it if PFQF_HENA enables its class. Frames of
 * the L2 payload class are never hashed here: the model has no input set
 * for them.
 */
static struct frame_class classify(const struct sim_i40e *dev, const uint8_t *f, uint32_t len)
{
	struct frame_class c = { .hashed = false };

	sim_i40e_parse(f, len, &c.p);
	if (c.p.input_len > 0 && (dev->hena >> c.p.pctype) & 1) {
		c.hashed = true;
		c.hash = toeplitz(dev->rss_key, sizeof(dev->rss_key), c.p.input, c.p.input_len);
	}
	return c;
}

static unsigned int rss_queue(const struct sim_i40e *dev, const struct frame_class *c)
{
	if (!c->hashed)
		return 0;
	return dev->hlut[c->hash % I40E_RSS_LUT_SIZE] & I40E_PFQF_HLUT_ENTRY_MASK;
}

/* ---- receive ------------------------------------------------------------- */

#define RX_BLOCKED (-1) /* lossless mode: the frame has to wait */

static void count_drop(struct sim_i40e *dev, struct sim_i40e_rxq *q)
{
	q->st.drops++;
	dev->vsi_discards++;
}

static int write_back(const struct sim_i40e_rxq *q, rte_iova_t at, uint64_t qw0, uint64_t qw1,
		      uint64_t qw2, uint64_t qw3)
{
	rte_le64_t w[4] = { rte_cpu_to_le_64(qw0), 0, rte_cpu_to_le_64(qw2), rte_cpu_to_le_64(qw3) };
	int ret;

	/* Everything but qword1 first, then qword1 (with DD) as one ordered
	 * store: a driver that sees DD sees the frame and the other words. */
	ret = sim_dma_write(at, &w[0], sizeof(w[0]));
	if (ret == 0 && q->desc_size == 32)
		ret = sim_dma_write(at + 16, &w[2], 16);
	if (ret == 0)
		ret = sim_dma_write_u64_ordered(at + 8, rte_cpu_to_le_64(qw1));
	return ret;
}

/*
 * The VLAN tags the VSI strips from this frame (0, 1 or 2), their TCIs
 * outer first. Two only in QinQ mode and with 32-byte descriptors, which
 * alone have room for the second tag.
 */
static unsigned int tags_to_strip(const struct sim_i40e *dev, const struct sim_i40e_rxq *q,
				  const uint8_t *f, uint32_t len, uint16_t tci[2])
{
	uint16_t outer;

	if (!(dev->vlan_mode & I40E_SIM_VSI_VLAN_STRIP) || len < 18 || len > sizeof(dev->stripped))
		return 0;
	outer = be16_at(f + 12);
	tci[0] = be16_at(f + 14);
	if ((dev->vlan_mode & I40E_SIM_VSI_VLAN_QINQ) && q->desc_size == 32 &&
	    (outer == 0x88a8 || outer == 0x8100) && len >= 22 && be16_at(f + 16) == 0x8100) {
		tci[1] = be16_at(f + 18);
		return 2;
	}
	return outer == 0x8100 ? 1 : 0;
}

/* The flow director filter this frame's flow matches, or NULL. */
static const struct sim_fdir_filter *fdir_match(const struct sim_i40e *dev,
						const struct frame_class *c)
{
	for (unsigned int i = 0; i < dev->n_fdir; i++) {
		const struct sim_fdir_filter *f = &dev->fdir[i];

		if (c->p.input_len > 0 && f->ptype == c->p.ptype &&
		    f->input_len == c->p.input_len &&
		    memcmp(f->input, c->p.input, c->p.input_len) == 0)
			return f;
	}
	return NULL;
}

static int receive_locked(struct sim_i40e *dev, const uint8_t *frame, uint32_t len, bool lossless)
{
	const uint32_t wire_len = len;
	uint16_t tci[2] = { 0, 0 };
	unsigned int ntags;
	uint32_t fcs = 0;
	uint64_t qw2 = 0, qw3 = 0;
	const struct sim_fdir_filter *fd;
	struct frame_class c;
	struct sim_i40e_rxq *q;
	uint32_t ndesc, avail, off = 0;
	bool fault = false;
	uint64_t qw0, common;

	/* The switch first: a frame the VSI's filters and promiscuous flags
	 * do not take never reaches a queue. (A frame too short to have a
	 * destination is left to the length check below.) */
	if (len >= 6 && !sim_i40e_aq_vsi_accepts(&dev->aq, frame, len)) {
		dev->switch_drops++;
		return SIM_I40E_RX_FILTERED;
	}
	c = classify(dev, frame, len);
	q = &dev->rxq[sim_i40e_aq_vsi_queue(&dev->aq, rss_queue(dev, &c))];
	if (!(q->ena & I40E_QRX_ENA_QENA_STAT)) {
		if (lossless)
			return RX_BLOCKED;
		count_drop(dev, q);
		return SIM_I40E_RX_NO_DESC;
	}
	if (len == 0 || len > q->rxmax) {
		q->st.oversize++;
		return SIM_I40E_RX_OVERSIZE;
	}
	/* Stripped tags leave the frame and go into the descriptor; without
	 * CRC stripping the FCS of the frame as it was on the wire follows
	 * it. The caller's frame stays as it is: a blocked frame is offered
	 * again. */
	if (!q->crcstrip) {
		if (len + 4 > sizeof(dev->stripped)) {
			q->st.oversize++;
			return SIM_I40E_RX_OVERSIZE;
		}
		fcs = sim_crc32_eth(0, frame, len);
	}
	ntags = tags_to_strip(dev, q, frame, len, tci);
	if (ntags > 0 || !q->crcstrip) {
		const uint32_t head = RTE_MIN(len, 12u), cut = 4 * ntags; /* tags: len >= 18 */

		memcpy(dev->stripped, frame, head);
		memcpy(dev->stripped + head, frame + head + cut, len - head - cut);
		frame = dev->stripped;
		len -= cut;
	}
	if (!q->crcstrip) {
		for (int b = 0; b < 4; b++)
			dev->stripped[len + b] = (uint8_t)(fcs >> (8 * b));
		len += 4;
	}
	if (ntags == 2)
		qw2 = 1ULL << I40E_RX_DESC_EXT_STATUS_L2TAG2P |
		      (uint64_t)tci[1] << I40E_RXD_QW2_L2TAG2_2_SHIFT;
	ndesc = (len + q->dbuff - 1) / q->dbuff;
	avail = (__atomic_load_n(&q->tail, __ATOMIC_ACQUIRE) + q->qlen - q->head) % q->qlen;
	if (ndesc > avail) {
		if (lossless && ndesc < q->qlen)
			return RX_BLOCKED;
		count_drop(dev, q);
		return SIM_I40E_RX_NO_DESC;
	}

	qw0 = c.hashed ? (uint64_t)c.hash << I40E_RXD_QW0_RSS_SHIFT : 0;
	fd = fdir_match(dev, &c);
	if (ntags > 0)
		qw0 |= (uint64_t)tci[0] << I40E_RXD_QW0_L2TAG1_SHIFT;
	common = I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_DD) |
		 (uint64_t)c.p.ptype << I40E_RXD_QW1_PTYPE_SHIFT;
	if (c.hashed)
		common |= (uint64_t)I40E_RX_DESC_FLTSTAT_RSS_HASH
			  << (I40E_RXD_QW1_STATUS_SHIFT + I40E_RX_DESC_STATUS_FLTSTAT_SHIFT);
	if (fd != NULL) {
		/* a filter matched: its id where the descriptor has room for it,
		 * qword3 (32 bytes, with the RSS hash kept) or else instead of
		 * the hash, which FLTSTAT then says */
		common |= I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_FLM);
		if (q->desc_size == 32) {
			qw2 |= (uint64_t)I40E_RX_DESC_EXT_STATUS_FLEXBH_FD_ID
			       << I40E_RX_DESC_EXT_STATUS_FLEXBH_SHIFT;
			qw3 = (uint64_t)fd->fd_id << I40E_RXD_QW3_HI_SHIFT;
		} else {
			qw0 = (qw0 & 0xffffffffULL) | (uint64_t)fd->fd_id << I40E_RXD_QW0_RSS_SHIFT;
			common &= ~(I40E_RX_DESC_STATUS_FLTSTAT_MASK
				    << (I40E_RXD_QW1_STATUS_SHIFT + I40E_RX_DESC_STATUS_FLTSTAT_SHIFT));
			common |= (uint64_t)I40E_RX_DESC_FLTSTAT_FD_ID
				  << (I40E_RXD_QW1_STATUS_SHIFT + I40E_RX_DESC_STATUS_FLTSTAT_SHIFT);
		}
	}
	if (ntags > 0)
		common |= I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_L2TAG1P);
	if (c.p.checked)
		common |= I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_L3L4P);
	if (c.p.eipe)
		common |= I40E_RXD_ERROR_BIT(I40E_RX_DESC_ERROR_EIPE);
	if (c.p.ipe)
		common |= I40E_RXD_ERROR_BIT(I40E_RX_DESC_ERROR_IPE);
	if (c.p.l4e)
		common |= I40E_RXD_ERROR_BIT(I40E_RX_DESC_ERROR_L4E);

	/* Fetch the descriptors and move the data; a buffer that does not
	 * translate loses the frame but still completes its descriptors. */
	for (uint32_t i = 0; i < ndesc; i++) {
		rte_iova_t at = q->base + (uint64_t)((q->head + i) % q->qlen) * q->desc_size;
		rte_le64_t rd[2];
		uint32_t chunk = RTE_MIN(q->dbuff, len - off);

		if (sim_dma_read(at, rd, sizeof(rd)) < 0) {
			/* The ring itself is unreachable: nothing can be completed. */
			q->st.dma_errors++;
			return SIM_I40E_RX_DMA_ERROR;
		}
		if (!fault && sim_dma_write(rte_le_to_cpu_64(rd[0]), frame + off, chunk) < 0)
			fault = true;
		off += chunk;
	}
	for (uint32_t i = 0; i < ndesc; i++) {
		rte_iova_t at = q->base + (uint64_t)((q->head + i) % q->qlen) * q->desc_size;
		uint64_t chunk = RTE_MIN(q->dbuff, len - i * q->dbuff);
		uint64_t qw1 = common;

		if (i == ndesc - 1)
			qw1 |= I40E_RXD_STATUS_BIT(I40E_RX_DESC_STATUS_EOP);
		if (fault)
			qw1 |= I40E_RXD_ERROR_BIT(I40E_RX_DESC_ERROR_RXE);
		else
			qw1 |= chunk << I40E_RXD_QW1_LENGTH_PBUF_SHIFT;
		if (write_back(q, at, qw0, qw1, qw2, qw3) < 0)
			fault = true;
	}
	q->head = (q->head + ndesc) % q->qlen;
	if (fault) {
		q->st.dma_errors++;
		return SIM_I40E_RX_DMA_ERROR;
	}
	q->st.packets++;
	q->st.bytes += wire_len;
	dev->vsi_packets++;
	dev->vsi_bytes += wire_len;
	return SIM_I40E_RX_OK;
}

/* Fill the packet buffer from the wire; false when the wire is empty. */
static bool wire_load(struct sim_i40e *dev, unsigned int *taken)
{
	while (!dev->pending_valid && !dev->wire_done && dev->src != NULL) {
		int rc = pkt_source_next(dev->src, dev->pending, sizeof(dev->pending),
					 &dev->pending_len);

		if (rc == 1) {
			dev->pending_valid = true;
		} else if (rc == -EMSGSIZE) {
			dev->rxq[0].st.oversize++; /* too big for any buffer: lost on the wire */
			(*taken)++;
		} else {
			dev->wire_done = true;
		}
	}
	return dev->pending_valid;
}

static unsigned int pump(struct sim_i40e *dev, unsigned int max, bool lossless)
{
	unsigned int taken = 0;

	while (taken < max && wire_load(dev, &taken)) {
		if (receive_locked(dev, dev->pending, dev->pending_len, lossless) == RX_BLOCKED)
			break;
		dev->pending_valid = false;
		taken++;
	}
	return taken;
}

static void auto_pump(struct sim_i40e *dev)
{
	if (dev->auto_deliver)
		pump(dev, AUTO_BATCH_MAX, true);
}

/* ---- registers ----------------------------------------------------------- */

static void pf_reset(struct sim_i40e *dev)
{
	for (unsigned int q = 0; q < NQ; q++) {
		struct sim_i40e_queue_stats keep = dev->rxq[q].st;

		memset(&dev->rxq[q], 0, sizeof(dev->rxq[q]));
		dev->rxq[q].st = keep; /* statistics survive a PF reset here */
	}
	memset(dev->hlut, 0, sizeof(dev->hlut));
	dev->hena = 0;
	/* The key too goes back to its power-on value, so that a driver's key
	 * does not outlive the port that set it. */
	memset(dev->rss_key, 0, sizeof(dev->rss_key));
	memcpy(dev->rss_key, default_rss_key, sizeof(default_rss_key));
	memset(dev->lanctx_data, 0, sizeof(dev->lanctx_data));
	dev->lanctx_stat = 0;
	dev->vlan_mode = 0;
	sim_i40e_hmc_pf_reset(&dev->hmc);
	sim_i40e_aq_reset(&dev->aq);
}

static bool in_array(uint32_t off, uint32_t base, uint32_t stride, uint32_t n, uint32_t *idx)
{
	if (off < base || (off - base) % stride != 0 || (off - base) / stride >= n)
		return false;
	*idx = (off - base) / stride;
	return true;
}

static uint32_t reg_read_locked(struct sim_i40e *dev, uint32_t off)
{
	uint32_t i, v;

	if (sim_i40e_aq_read(&dev->aq, off, &v) || sim_i40e_hmc_read(&dev->hmc, off, &v))
		return v;
	if (in_array(off, I40E_QRX_ENA(0), 4, dev->nb_queues, &i)) {
		auto_pump(dev);
		return dev->rxq[i].ena;
	}
	if (in_array(off, I40E_QRX_TAIL(0), 4, dev->nb_queues, &i))
		return __atomic_load_n(&dev->rxq[i].tail, __ATOMIC_ACQUIRE);
	if (in_array(off, I40E_PFCM_LANCTXDATA(0), 0x80, 4, &i))
		return dev->lanctx_data[i];
	if (in_array(off, I40E_PFQF_HKEY(0), 0x80, I40E_PFQF_HKEY_REGS, &i))
		return (uint32_t)dev->rss_key[4 * i] | (uint32_t)dev->rss_key[4 * i + 1] << 8 |
		       (uint32_t)dev->rss_key[4 * i + 2] << 16 |
		       (uint32_t)dev->rss_key[4 * i + 3] << 24;
	if (in_array(off, I40E_PFQF_HENA(0), 0x80, I40E_PFQF_HENA_REGS, &i))
		return (uint32_t)(dev->hena >> (32 * i));
	if (in_array(off, I40E_PFQF_HLUT(0), 0x80, I40E_PFQF_HLUT_REGS, &i))
		return (uint32_t)dev->hlut[4 * i] | (uint32_t)dev->hlut[4 * i + 1] << 8 |
		       (uint32_t)dev->hlut[4 * i + 2] << 16 | (uint32_t)dev->hlut[4 * i + 3] << 24;
	if (in_array(off, I40E_SIM_QRX_DROP(0), 4, NQ, &i))
		return (uint32_t)dev->rxq[i].st.drops;
	if (in_array(off, I40E_SIM_QRX_DMAERR(0), 4, NQ, &i))
		return (uint32_t)dev->rxq[i].st.dma_errors;
	if (in_array(off, I40E_SIM_QRX_HEAD(0), 4, NQ, &i))
		return dev->rxq[i].head;
	switch (off) {
	case I40E_SIM_VSI_VLAN_MODE:
		return dev->vlan_mode;
	case I40E_PFGEN_CTRL:
		return 0; /* a PF reset completes at once */
	case I40E_PFLAN_QALLOC:
		return (uint32_t)dev->first_queue << I40E_PFLAN_QALLOC_FIRSTQ_SHIFT |
		       (uint32_t)(dev->first_queue + dev->nb_queues - 1u)
			       << I40E_PFLAN_QALLOC_LASTQ_SHIFT |
		       I40E_PFLAN_QALLOC_VALID;
	case I40E_PF_FUNC_RID:
		return 0; /* PCI function 0 */
	case I40E_PFCM_LANCTXSTAT:
		return dev->lanctx_stat;
	case I40E_PRTGL_SAL:
		return (uint32_t)dev->mac[0] | (uint32_t)dev->mac[1] << 8 |
		       (uint32_t)dev->mac[2] << 16 | (uint32_t)dev->mac[3] << 24;
	case I40E_PRTGL_SAH:
		return (uint32_t)dev->mac[4] | (uint32_t)dev->mac[5] << 8;
	case I40E_PRTMAC_LINKSTA:
		/* Up at the part's speed: 10G for the SFP+ X710, 40G for the QSFP+ XL710. */
		if (dev->link_down)
			return 0;
		return I40E_PRTMAC_LINKSTA_UP |
		       (dev->device_id == I40E_DEV_ID_SFP_XL710 ? I40E_LINK_SPEED_10G
								: I40E_LINK_SPEED_40G)
			       << I40E_PRTMAC_LINKSTA_SPEED_SHIFT;
	case I40E_PRTMAC_MACC:
		return 0;
	case I40E_GLV_GORCL(0):
		return (uint32_t)dev->vsi_bytes;
	case I40E_GLV_GORCH(0):
		return (uint32_t)(dev->vsi_bytes >> 32) & 0xffff; /* 48-bit counter */
	case I40E_GLV_UPRCL(0):
		return (uint32_t)dev->vsi_packets;
	case I40E_GLV_UPRCL(0) + 4:
		return (uint32_t)(dev->vsi_packets >> 32) & 0xffff;
	case I40E_GLV_RDPC(0):
		return (uint32_t)dev->vsi_discards;
	default:
		dev->bad_accesses++;
		return 0;
	}
}

static void reg_write_locked(struct sim_i40e *dev, uint32_t off, uint32_t val)
{
	uint32_t i;

	if (sim_i40e_aq_write(&dev->aq, off, val) || sim_i40e_hmc_write(&dev->hmc, off, val))
		return;
	if (in_array(off, I40E_QRX_ENA(0), 4, dev->nb_queues, &i)) {
		struct sim_i40e_rxq *q = &dev->rxq[i];

		if (val & I40E_QRX_ENA_QENA_REQ) {
			if (!(q->ena & I40E_QRX_ENA_QENA_STAT) && rxq_fetch_context(dev, i) &&
			    rxq_load_context(q))
				q->ena = I40E_QRX_ENA_QENA_REQ | I40E_QRX_ENA_QENA_STAT;
			else if (!(q->ena & I40E_QRX_ENA_QENA_STAT))
				q->ena = I40E_QRX_ENA_QENA_REQ; /* bad context: never runs */
		} else if (q->stuck && (q->ena & I40E_QRX_ENA_QENA_STAT)) {
			q->ena = I40E_QRX_ENA_QENA_STAT; /* requested off, still running */
		} else {
			q->ena = 0; /* nothing is in flight: the queue drains at once */
			q->ctx_cached = false;
		}
		return;
	}
	if (in_array(off, I40E_QRX_TAIL(0), 4, dev->nb_queues, &i)) {
		struct sim_i40e_rxq *q = &dev->rxq[i];

		val &= I40E_QRX_TAIL_MASK;
		if ((q->ena & I40E_QRX_ENA_QENA_STAT) && val >= q->qlen) {
			dev->bad_accesses++; /* beyond the ring: ignored */
			return;
		}
		__atomic_store_n(&q->tail, val, __ATOMIC_RELEASE);
		if (q->ena & I40E_QRX_ENA_QENA_STAT)
			auto_pump(dev);
		return;
	}
	if (in_array(off, I40E_PFCM_LANCTXDATA(0), 0x80, 4, &i)) {
		dev->lanctx_data[i] = val;
		return;
	}
	if (in_array(off, I40E_PFQF_HKEY(0), 0x80, I40E_PFQF_HKEY_REGS, &i)) {
		for (unsigned int b = 0; b < 4; b++)
			dev->rss_key[4 * i + b] = (uint8_t)(val >> (8 * b));
		return;
	}
	if (in_array(off, I40E_PFQF_HENA(0), 0x80, I40E_PFQF_HENA_REGS, &i)) {
		dev->hena = (dev->hena & ~(0xffffffffULL << (32 * i))) | (uint64_t)val << (32 * i);
		return;
	}
	if (in_array(off, I40E_PFQF_HLUT(0), 0x80, I40E_PFQF_HLUT_REGS, &i)) {
		for (unsigned int b = 0; b < 4; b++)
			dev->hlut[4 * i + b] = (uint8_t)(val >> (8 * b)) & I40E_PFQF_HLUT_ENTRY_MASK;
		return;
	}
	switch (off) {
	case I40E_PFGEN_CTRL:
		if (val & I40E_PFGEN_CTRL_PFSWR)
			pf_reset(dev);
		return;
	case I40E_PFCM_LANCTXCTL:
		lanctx_command(dev, val);
		return;
	case I40E_SIM_VSI_VLAN_MODE:
		dev->vlan_mode = val & (I40E_SIM_VSI_VLAN_STRIP | I40E_SIM_VSI_VLAN_QINQ);
		return;
	default:
		dev->bad_accesses++;
	}
}

static uint32_t i40e_read32(void *opaque, uint32_t off)
{
	struct sim_i40e *dev = opaque;
	uint32_t v;

	sim_lock(&dev->lock);
	v = reg_read_locked(dev, off);
	sim_unlock(&dev->lock);
	return v;
}

/*
 * A queue's tail written while the device does not deliver by itself is
 * a posted write, as a doorbell on PCIe is: the device needs the value
 * only when it next delivers, under the lock, with an acquire load that
 * pairs with this release store (the descriptors written before the tail
 * are then visible). So the doorbell takes neither the lock nor the
 * decode of every other register, which cost the driver about 175
 * instructions per refill that are the emulation's, not the driver's
 * (docs/performance.md). A tail beyond an enabled ring takes the locked
 * path, which counts it. Returns whether the write was taken here.
 */
static bool tail_posted(struct sim_i40e *dev, uint32_t off, uint32_t val)
{
	struct sim_i40e_rxq *q;
	uint32_t i;

	if (__atomic_load_n(&dev->auto_deliver, __ATOMIC_RELAXED) ||
	    !in_array(off, I40E_QRX_TAIL(0), 4, dev->nb_queues, &i))
		return false;
	q = &dev->rxq[i];
	val &= I40E_QRX_TAIL_MASK;
	if ((__atomic_load_n(&q->ena, __ATOMIC_RELAXED) & I40E_QRX_ENA_QENA_STAT) &&
	    val >= __atomic_load_n(&q->qlen, __ATOMIC_RELAXED))
		return false;
	__atomic_store_n(&q->tail, val, __ATOMIC_RELEASE);
	return true;
}

static void i40e_write32(void *opaque, uint32_t off, uint32_t val)
{
	struct sim_i40e *dev = opaque;

	if (tail_posted(dev, off, val))
		return;
	sim_lock(&dev->lock);
	reg_write_locked(dev, off, val);
	sim_unlock(&dev->lock);
}

static void i40e_destroy(void *opaque)
{
	struct sim_i40e *dev = opaque;

	pkt_source_free(dev->src);
	pthread_mutex_destroy(&dev->lock);
	free(dev);
}

static const struct sim_device_ops i40e_ops = {
	.read32 = i40e_read32,
	.write32 = i40e_write32,
	.destroy = i40e_destroy,
};

/* ---- creation and the test API ------------------------------------------- */

static int i40e_create(struct sim_pci_device *pdev, unsigned int index, uint16_t device_id)
{
	struct sim_i40e *dev = calloc(1, sizeof(*dev));
	const char *pcap = sim_machine_config()->pcap; /* --sim=pcap=FILE */

	if (dev == NULL)
		return -ENOMEM;
	pthread_mutex_init(&dev->lock, NULL);
	dev->device_id = device_id;
	dev->index = index;
	/* A locally administered address: 02:72:74:65:00:<index> ("rte"). */
	dev->mac[0] = 0x02;
	dev->mac[1] = 0x72;
	dev->mac[2] = 0x74;
	dev->mac[3] = 0x65;
	dev->mac[4] = (uint8_t)(index >> 8);
	dev->mac[5] = (uint8_t)index;
	memcpy(dev->rss_key, default_rss_key, sizeof(default_rss_key));
	/* What firmware knows of the port before the first PF reset. */
	memcpy(dev->aq.mac, dev->mac, 6);
	dev->aq.link_up = true;
	dev->aq.link_speed = device_id == I40E_DEV_ID_SFP_XL710 ? I40E_AQ_LINK_SPEED_10GB
								 : I40E_AQ_LINK_SPEED_40GB;
	dev->aq.phy_type = device_id == I40E_DEV_ID_SFP_XL710 ? I40E_AQ_PHY_TYPE_10GBASE_SR
							       : I40E_AQ_PHY_TYPE_40GBASE_SR4;
	dev->aq.pxe_mode = true;
	dev->nb_queues = NQ;
	dev->aq.pf_queues = NQ;
	sim_i40e_aq_reset(&dev->aq);
	dev->auto_deliver = true;
	if (pcap != NULL && pcap[0] != '\0') {
		dev->src = pkt_source_pcap_open(pcap);
		if (dev->src == NULL) {
			i40e_destroy(dev);
			return -ENOENT;
		}
	}

	pdev->vendor_id = I40E_VENDOR_ID;
	pdev->device_id = device_id;
	pdev->bar0_len = I40E_BAR0_LEN;
	pdev->ops = &i40e_ops;
	pdev->dev = dev;
	return 0;
}

static int x710_create(struct sim_pci_device *pdev, unsigned int index)
{
	return i40e_create(pdev, index, I40E_DEV_ID_SFP_XL710);
}

static int xl710_create(struct sim_pci_device *pdev, unsigned int index)
{
	return i40e_create(pdev, index, I40E_DEV_ID_QSFP_A);
}

const struct sim_device_model sim_x710_model = { .name = "x710", .create = x710_create };
const struct sim_device_model sim_xl710_model = { .name = "xl710", .create = xl710_create };

struct sim_i40e *sim_i40e_get(unsigned int n)
{
	for (unsigned int i = 0; i < sim_pci_count(); i++) {
		struct sim_pci_device *pdev = sim_pci_get(i);

		if (pdev != NULL && pdev->ops == &i40e_ops && n-- == 0)
			return pdev->dev;
	}
	return NULL;
}

void sim_i40e_set_source(struct sim_i40e *dev, struct pkt_source *src)
{
	if (dev == NULL)
		return;
	pthread_mutex_lock(&dev->lock);
	pkt_source_free(dev->src);
	dev->src = src;
	dev->wire_done = false;
	dev->pending_valid = false;
	pthread_mutex_unlock(&dev->lock);
}

void sim_i40e_set_auto_deliver(struct sim_i40e *dev, bool on)
{
	if (dev == NULL)
		return;
	pthread_mutex_lock(&dev->lock);
	__atomic_store_n(&dev->auto_deliver, on, __ATOMIC_RELAXED); /* tail_posted reads it unlocked */
	pthread_mutex_unlock(&dev->lock);
}

unsigned int sim_i40e_deliver(struct sim_i40e *dev, unsigned int max_frames)
{
	unsigned int n;

	if (dev == NULL)
		return 0;
	pthread_mutex_lock(&dev->lock);
	n = pump(dev, max_frames, false);
	pthread_mutex_unlock(&dev->lock);
	return n;
}

enum sim_i40e_rx_result sim_i40e_receive(struct sim_i40e *dev, const uint8_t *frame, uint32_t len)
{
	int ret;

	if (dev == NULL || frame == NULL)
		return SIM_I40E_RX_OVERSIZE;
	sim_lock(&dev->lock);
	ret = receive_locked(dev, frame, len, false);
	sim_unlock(&dev->lock);
	return (enum sim_i40e_rx_result)ret;
}

void sim_i40e_set_queue_stuck(struct sim_i40e *dev, unsigned int q, bool stuck)
{
	if (q >= NQ)
		return;
	pthread_mutex_lock(&dev->lock);
	dev->rxq[q].stuck = stuck;
	pthread_mutex_unlock(&dev->lock);
}

int sim_i40e_set_queue_alloc(struct sim_i40e *dev, uint16_t first, uint16_t count)
{
	if (dev == NULL || count == 0 || count > NQ ||
	    (unsigned int)first + count > SIM_I40E_HMC_LANQMAX)
		return -EINVAL;
	pthread_mutex_lock(&dev->lock);
	dev->first_queue = first;
	dev->nb_queues = count;
	dev->aq.pf_queues = count;
	pthread_mutex_unlock(&dev->lock);
	return 0;
}

void sim_i40e_hmc_status(struct sim_i40e *dev, struct sim_i40e_hmc *hmc)
{
	pthread_mutex_lock(&dev->lock);
	*hmc = dev->hmc;
	pthread_mutex_unlock(&dev->lock);
}

void sim_i40e_set_link(struct sim_i40e *dev, bool up)
{
	pthread_mutex_lock(&dev->lock);
	if (dev->link_down == up) {
		dev->link_down = !up;
		dev->aq.link_up = up;
		sim_i40e_aq_link_changed(&dev->aq);
	}
	pthread_mutex_unlock(&dev->lock);
}

void sim_i40e_aq_fault(struct sim_i40e *dev, uint32_t skip, uint16_t rc)
{
	pthread_mutex_lock(&dev->lock);
	sim_i40e_aq_set_fault(&dev->aq, true, skip, rc);
	pthread_mutex_unlock(&dev->lock);
}

void sim_i40e_aq_fault_clear(struct sim_i40e *dev)
{
	pthread_mutex_lock(&dev->lock);
	sim_i40e_aq_set_fault(&dev->aq, false, 0, 0);
	pthread_mutex_unlock(&dev->lock);
}

uint32_t sim_i40e_aq_unloads(struct sim_i40e *dev)
{
	uint32_t n;

	pthread_mutex_lock(&dev->lock);
	n = dev->aq.unloads;
	pthread_mutex_unlock(&dev->lock);
	return n;
}

bool sim_i40e_aq_fault_pending(struct sim_i40e *dev)
{
	bool armed;

	pthread_mutex_lock(&dev->lock);
	armed = dev->aq.fault_armed;
	pthread_mutex_unlock(&dev->lock);
	return armed;
}

void sim_i40e_set_ctx_hook(struct sim_i40e *dev, void (*hook)(void *arg, unsigned int q),
			   void *arg)
{
	pthread_mutex_lock(&dev->lock);
	dev->ctx_hook = hook;
	dev->ctx_hook_arg = arg;
	pthread_mutex_unlock(&dev->lock);
}

void sim_i40e_set_fw_api(struct sim_i40e *dev, uint16_t major, uint16_t minor)
{
	pthread_mutex_lock(&dev->lock);
	dev->aq.api_major = major;
	dev->aq.api_minor = minor;
	pthread_mutex_unlock(&dev->lock);
}

int sim_i40e_queue_stats(struct sim_i40e *dev, unsigned int q, struct sim_i40e_queue_stats *st)
{
	if (dev == NULL || st == NULL || q >= NQ)
		return -EINVAL;
	pthread_mutex_lock(&dev->lock);
	*st = dev->rxq[q].st;
	pthread_mutex_unlock(&dev->lock);
	return 0;
}

int sim_i40e_fdir_add(struct sim_i40e *dev, const uint8_t *frame, uint32_t len, uint32_t fd_id)
{
	struct frame_class c;
	int ret = 0;

	if (dev == NULL || frame == NULL)
		return -EINVAL;
	pthread_mutex_lock(&dev->lock);
	c = classify(dev, frame, len);
	if (c.p.input_len == 0) {
		ret = -EINVAL;
	} else if (dev->n_fdir == SIM_I40E_FDIR_MAX) {
		ret = -ENOSPC;
	} else {
		struct sim_fdir_filter *f = &dev->fdir[dev->n_fdir++];

		f->ptype = c.p.ptype;
		f->input_len = c.p.input_len;
		memcpy(f->input, c.p.input, c.p.input_len);
		f->fd_id = fd_id;
	}
	pthread_mutex_unlock(&dev->lock);
	return ret;
}

void sim_i40e_fdir_clear(struct sim_i40e *dev)
{
	pthread_mutex_lock(&dev->lock);
	dev->n_fdir = 0;
	pthread_mutex_unlock(&dev->lock);
}

unsigned int sim_i40e_rss_queue(struct sim_i40e *dev, const uint8_t *frame, uint32_t len)
{
	struct frame_class c;
	unsigned int q;

	if (dev == NULL || frame == NULL)
		return 0;
	pthread_mutex_lock(&dev->lock);
	c = classify(dev, frame, len);
	q = rss_queue(dev, &c);
	pthread_mutex_unlock(&dev->lock);
	return q;
}

uint64_t sim_i40e_switch_drops(struct sim_i40e *dev)
{
	uint64_t n;

	pthread_mutex_lock(&dev->lock);
	n = dev->switch_drops;
	pthread_mutex_unlock(&dev->lock);
	return n;
}

void sim_i40e_vsi_get(struct sim_i40e *dev, struct sim_i40e_vsi *vsi)
{
	pthread_mutex_lock(&dev->lock);
	*vsi = dev->aq.vsi;
	pthread_mutex_unlock(&dev->lock);
}

bool sim_i40e_wire_empty(struct sim_i40e *dev)
{
	unsigned int ignored = 0;
	bool empty;

	if (dev == NULL)
		return true;
	pthread_mutex_lock(&dev->lock);
	empty = !wire_load(dev, &ignored);
	pthread_mutex_unlock(&dev->lock);
	return empty;
}
