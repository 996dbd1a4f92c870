#!/usr/bin/env bash
# rx_demo on a capture taken on another host (ci/make-foreign-pcap.py):
# other MAC addresses, tags, tunnels, and TCP/UDP checksums left to the
# sending NIC. The demo puts the port in promiscuous mode and checks bytes,
# so every frame must arrive byte-identical; the ones with bad checksums
# must be delivered and flagged, exactly as many as the generator says.
#
#   ci/check-demo-foreign.sh [RX_DEMO_BINARY]   (make demo-foreign)
set -euo pipefail
cd "$(dirname "$0")/.."
demo=${1:-build/sim-gcc/examples/rx_demo}
frames=2000
ci/install-deps.sh python3
[ -x "$demo" ] || make HAL=sim "$demo"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
expect=$(python3 ci/make-foreign-pcap.py "$tmp/foreign.pcap" "$frames")
read -r ip l4 outer < <(sed -E 's/flagged ip=([0-9]+) l4=([0-9]+) outer=([0-9]+)/\1 \2 \3/' <<<"$expect")
out=$("$demo" --file-prefix=rx_demo_foreign -- --pcap "$tmp/foreign.pcap" 2>&1) || {
	echo "$out"
	echo "check-demo-foreign: rx_demo failed on the foreign capture" >&2
	exit 1
}
echo "$out"
want="checksums flagged bad, frames delivered: IP $ip, L4 $l4, outer IP $outer"
if ! grep -qF "PASS: $frames/$frames frames arrived byte-identical" <<<"$out" ||
	! grep -qF "$want" <<<"$out"; then
	echo "check-demo-foreign: want every frame intact and \"$want\"" >&2
	exit 1
fi
echo "check-demo-foreign: OK ($frames frames from another host, $((ip + l4 + outer)) flagged and delivered)"
