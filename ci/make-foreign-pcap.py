#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Write a pcap as if captured on another host, for rx_demo to replay.

Frames a capture taken elsewhere carries and rx_demo's own pcap does not:
other MAC addresses (unicast to other hosts, IPv4 and IPv6 multicast,
broadcast, LLDP), VLAN and QinQ tags, ARP, IPv6, TCP, SCTP, a GRE tunnel,
and checksums a receiving NIC flags: TCP and UDP checksums left to the
sender's NIC (a capture on the sending host holds only the pseudo-header
sum there), a few IPv4 header checksums broken on purpose, an SCTP
packet without its CRC-32c, a tunnel whose outer IPv4 header is wrong.

    make-foreign-pcap.py FILE [FRAMES]

Prints one line, "flagged ip=N l4=N outer=N", the frames a receiver that
checks as the X710 does (DPDK 22.11's mapping) reports with
RTE_MBUF_F_RX_IP_CKSUM_BAD, RTE_MBUF_F_RX_L4_CKSUM_BAD and
RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD. Deterministic: the same file each time.
"""
import random
import struct
import sys


def csum(data, start=0):
    """RFC 1071: one's complement of the one's complement sum."""
    if len(data) % 2:
        data += b"\0"
    s = start + sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return s


def fold(s):
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return s


def ipv4(proto, payload, src, dst, bad=False, ident=0):
    hdr = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000, 64,
                                proto, 0, src, dst))
    c = 0xFFFF & ~csum(bytes(hdr))
    if bad:
        c ^= 0x0101
    hdr[10:12] = struct.pack("!H", c)
    return bytes(hdr) + payload


def ipv6(nxt, payload, src, dst):
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), nxt, 64, src, dst) + payload


def pseudo(v6, src, dst, proto, length):
    if v6:
        return csum(src + dst + struct.pack("!IxxxB", length, proto))
    return csum(src + dst + struct.pack("!BBH", 0, proto, length))


def l4(proto, v6, src, dst, sport, dport, data, offloaded):
    """A TCP or UDP segment; offloaded: what the sending host's capture
    holds when its NIC computes the checksum (the pseudo-header sum)."""
    if proto == 6:
        seg = bytearray(struct.pack("!HHIIBBHHH", sport, dport, 1, 0, 0x50, 0x18, 502, 0, 0) + data)
        at = 16
    else:
        seg = bytearray(struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data)
        at = 6
    ph = pseudo(v6, src, dst, proto, len(seg))
    if offloaded:
        c = fold(ph)
    else:
        c = 0xFFFF & ~csum(bytes(seg), ph)
        if proto == 17 and c == 0:
            c = 0xFFFF
    seg[at:at + 2] = struct.pack("!H", c)
    return bytes(seg)


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 & -(crc & 1))
    return crc ^ 0xFFFFFFFF


def sctp(sport, dport, data, good):
    pkt = bytearray(struct.pack("!HHII", sport, dport, 0x1234ABCD, 0) + data)
    if good:
        pkt[8:12] = struct.pack("<I", crc32c(bytes(pkt)))
    return bytes(pkt)


def eth(dst, src, etype, payload, tags=()):
    hdr = dst + src
    for tpid, tci in tags:
        hdr += struct.pack("!HH", tpid, tci)
    frame = hdr + struct.pack("!H", etype) + payload
    return frame + b"\0" * max(0, 60 - len(frame))  # padded as on the wire


def main():
    path = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rnd = random.Random(1122)
    hosts = [bytes([0x3C, 0xFD, 0xFE, 0x10, 0x20, i]) for i in range(1, 9)]
    sizes = [64, 66, 128, 300, 576, 1024, 1400, 1500, 1514, 2048, 4000, 8000, 9014]
    flagged = {"ip": 0, "l4": 0, "outer": 0}
    frames = []
    for i in range(count):
        src_mac, dst_mac = rnd.sample(hosts, 2)
        a4 = bytes([192, 168, rnd.randrange(4), rnd.randrange(1, 255)])
        b4 = bytes([10, 0, rnd.randrange(4), rnd.randrange(1, 255)])
        a6 = bytes([0x20, 0x01, 0x0D, 0xB8] + [rnd.randrange(256) for _ in range(12)])
        b6 = bytes([0x20, 0x01, 0x0D, 0xB8] + [rnd.randrange(256) for _ in range(12)])
        size = rnd.choice(sizes)
        kind = i % 16
        sport, dport = rnd.randrange(1024, 65536), rnd.choice([22, 80, 443, 5201, 4791])

        def data(overhead):
            n = max(0, size - overhead)
            return bytes(rnd.randrange(256) for _ in range(n))

        if kind in (0, 1, 2, 3):  # TCP over IPv4, checksum left to the sender's NIC
            seg = l4(6, False, a4, b4, sport, dport, data(54), offloaded=True)
            f = eth(dst_mac, src_mac, 0x0800, ipv4(6, seg, a4, b4, ident=i))
            flagged["l4"] += 1
        elif kind == 4:  # TCP over IPv6, offloaded too
            seg = l4(6, True, a6, b6, sport, dport, data(74), offloaded=True)
            f = eth(dst_mac, src_mac, 0x86DD, ipv6(6, seg, a6, b6))
            flagged["l4"] += 1
        elif kind in (5, 6):  # UDP, checksum right (computed by the application)
            seg = l4(17, False, a4, b4, sport, dport, data(42), offloaded=False)
            f = eth(dst_mac, src_mac, 0x0800, ipv4(17, seg, a4, b4, ident=i))
        elif kind == 7:  # UDP to an IPv4 multicast group, offloaded, VLAN 100
            grp = bytes([239, 1, 1, rnd.randrange(1, 255)])
            seg = l4(17, False, a4, grp, sport, 5004, data(46), offloaded=True)
            mac = bytes([0x01, 0x00, 0x5E, 0x01, 0x01, grp[3]])
            f = eth(mac, src_mac, 0x0800, ipv4(17, seg, a4, grp, ident=i), tags=((0x8100, 100),))
            flagged["l4"] += 1
        elif kind == 8:  # ARP request, broadcast
            arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, src_mac, a4, b"\0" * 6, b4)
            f = eth(b"\xff" * 6, src_mac, 0x0806, arp)
        elif kind == 9:  # ICMPv6 neighbour solicitation to a solicited-node group
            icmp = bytes([135, 0, 0, 0]) + bytes(4) + b6
            grp = bytes([0xFF, 0x02] + [0] * 9 + [1, 0xFF]) + b6[13:]
            f = eth(bytes([0x33, 0x33, 0xFF]) + b6[13:], src_mac, 0x86DD, ipv6(58, icmp, a6, grp))
            # the ICMPv6 checksum is not one the X710 checks: nothing flagged
        elif kind == 10:  # a broken IPv4 header (its L4 is then not checked)
            seg = l4(17, False, a4, b4, sport, dport, data(42), offloaded=False)
            f = eth(dst_mac, src_mac, 0x0800, ipv4(17, seg, a4, b4, bad=True, ident=i))
            flagged["ip"] += 1
        elif kind == 11:  # SCTP, one with its CRC-32c, one without
            good = (i // 16) % 2 == 0
            pkt = sctp(sport, 38412, data(46), good)
            f = eth(dst_mac, src_mac, 0x0800, ipv4(132, pkt, a4, b4, ident=i))
            flagged["l4"] += 0 if good else 1
        elif kind == 12:  # GRE carrying IPv4/UDP; the outer header broken
            inner = ipv4(17, l4(17, False, b4, a4, sport, dport, data(66), False), b4, a4)
            gre = struct.pack("!HH", 0, 0x0800) + inner
            f = eth(dst_mac, src_mac, 0x0800, ipv4(47, gre, a4, b4, bad=True, ident=i))
            flagged["outer"] += 1
        elif kind == 13:  # LLDP to the nearest-bridge group
            tlvs = struct.pack("!HB6s", (1 << 9) | 7, 4, src_mac) + bytes(data(30)[:60])
            f = eth(bytes([0x01, 0x80, 0xC2, 0, 0, 0x0E]), src_mac, 0x88CC, tlvs + b"\0\0")
        elif kind == 14:  # QinQ, UDP offloaded
            seg = l4(17, False, a4, b4, sport, dport, data(50), offloaded=True)
            f = eth(dst_mac, src_mac, 0x0800, ipv4(17, seg, a4, b4, ident=i),
                    tags=((0x88A8, 10), (0x8100, 20)))
            flagged["l4"] += 1
        else:  # UDP over IPv6, checksum right
            seg = l4(17, True, a6, b6, sport, dport, data(62), offloaded=False)
            f = eth(dst_mac, src_mac, 0x86DD, ipv6(17, seg, a6, b6))
        frames.append(f)

    with open(path, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for n, f in enumerate(frames):
            out.write(struct.pack("<IIII", 1700000000 + n // 1000, (n % 1000) * 1000, len(f),
                                  len(f)))
            out.write(f)
    print("flagged ip=%d l4=%d outer=%d" % (flagged["ip"], flagged["l4"], flagged["outer"]))


if __name__ == "__main__":
    main()
