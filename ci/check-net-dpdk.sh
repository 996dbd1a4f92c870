#!/usr/bin/env bash
# rtemem's rte_ip.h checksums, rte_ether_unformat_addr and packet type names
# against DPDK 22.11's own (Debian's libdpdk-dev) on random inputs. Not a
# cmocka test: the tests must not need DPDK; this needs it, and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/install-deps.sh libdpdk-dev pkg-config
make -j2 >/dev/null
out=build/net-vs-dpdk
mkdir -p "$out"
d=ci/dpdk-compare
cc=${CC:-cc}
# -march as DPDK's headers were built for (its rte_memcpy.h needs SSE4).
$cc -O2 -Wall -Wextra -Werror -msse4.2 -DALLOW_EXPERIMENTAL_API -DSIDE=dpdk $(pkg-config --cflags libdpdk) -c $d/side.c -o "$out/dpdk.o"
$cc -O2 -Wall -Wextra -Werror -DSIDE=ours -Iinclude -c $d/side.c -o "$out/ours.o"
$cc -O2 -Wall -Wextra -Werror -Iinclude $d/main.c "$out/dpdk.o" "$out/ours.o" \
	build/sim-gcc/librtemem-sim.a -lpcap -ldl -pthread -lm -o "$out/net-vs-dpdk"
"$out/net-vs-dpdk" "${1:-20000}"
