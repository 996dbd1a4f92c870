#!/usr/bin/env bash
# DPDK 22.11 API coverage, as an application sees it: every name the covered
# headers of Debian's libdpdk-dev declare must compile against rtemem's
# headers, as C (-std=gnu11) and C++ (-std=c++17), with gcc and clang.
# ci/api_probe.py does the listing and the probing; this script is the
# ratchet around it.
#
# ci/api-missing.txt lists what is missing today ("header name"): a missing
# name not on it is a regression and fails. A listed name that is now
# provided also fails, so the list can only shrink and the count in the
# README stays true; the fix is deleting the line. ci/api-not-provided.txt
# holds the few names rtemem never means to provide, each with its reason.
#
# It checks what make install puts in a scratch prefix: the headers, and the
# library every function and variable must link from.
set -euo pipefail
export LC_ALL=C   # sort and comm must agree on the order
cd "$(dirname "$0")/.."

headers="rte_malloc.h rte_memzone.h rte_memory.h rte_fbarray.h rte_eal.h rte_eal_memconfig.h
rte_lcore.h rte_launch.h rte_per_lcore.h rte_ring.h rte_ring_core.h rte_ring_elem.h rte_ring_peek.h
rte_ring_peek_zc.h rte_ring_hts.h rte_ring_rts.h rte_mempool.h rte_mbuf.h rte_mbuf_core.h
rte_mbuf_dyn.h rte_mbuf_pool_ops.h rte_mbuf_ptype.h rte_random.h rte_string_fns.h rte_hexdump.h
rte_cycles.h rte_errno.h rte_common.h rte_spinlock.h rte_rwlock.h rte_atomic.h rte_memcpy.h
rte_pause.h rte_ether.h rte_ip.h rte_tcp.h rte_udp.h rte_ethdev.h"
prefix=$(mktemp -d /tmp/rtemem-api.XXXXXX)
trap 'rm -rf "$prefix"' EXIT
known=ci/api-missing.txt
allowed=ci/api-not-provided.txt
mkdir -p build
now=build/api-missing.txt   # what is missing in this run, for a look or a copy over $known

# DPDK's headers are the reference, so they come from the distribution, not from us.
ci/install-deps.sh universal-ctags libdpdk-dev python3

make install PREFIX="$prefix" >/dev/null
# shellcheck disable=SC2086
python3 ci/api_probe.py "$prefix" build/api-missing-lang.txt $headers | tee build/api-table.txt
# Names never meant to be provided leave the count altogether.
sed '/^#/d' "$allowed" | awk 'NF {print $1, $2}' | sort -u >build/api-allowed.txt
awk '{print $2, $3}' build/api-missing-lang.txt | sort -u | comm -23 - build/api-allowed.txt >"$now"
missing=$(wc -l <"$now")

sed '/^#/d' "$known" | sort >build/api-known.txt
comm -23 "$now" build/api-known.txt >build/api-regressions.txt
comm -13 "$now" build/api-known.txt >build/api-fixed.txt
status=0
if [ -s build/api-regressions.txt ]; then
	echo "api: missing and not in $known (a regression, or add it there on purpose):" >&2
	sed 's/^/  /' build/api-regressions.txt >&2
	status=1
fi
if [ -s build/api-fixed.txt ]; then
	echo "api: now provided, remove it from $known:" >&2
	sed 's/^/  /' build/api-fixed.txt >&2
	status=1
fi
# One "N of M" per compiler, M less the allow-listed names (missing by definition).
summary="api:"
col=2
first=yes
for lang in gcc g++ clang clang++; do
	names=$(awk -v c=$col '$1 == "total" {print $c}' build/api-table.txt)
	awk -v l="$lang" '$1 == l {print $2, $3}' build/api-missing-lang.txt | sort >build/api-lang.txt
	allowed_l=$(comm -12 build/api-lang.txt build/api-allowed.txt | wc -l)
	missing_l=$(comm -23 build/api-lang.txt build/api-allowed.txt | wc -l)
	names=$((names - allowed_l))
	summary="$summary $((names - missing_l)) of $names${first:+ names provided} ($lang),"
	first=
	col=$((col + 2))
done
summary="$summary $missing missing, all known"
# The README quotes this line; a count that changed makes it stale.
if ! grep -qF "$summary" README.md; then
	echo "api: README.md's Compatibility section does not say: $summary" >&2
	status=1
fi
[ "$status" = 0 ] || exit 1
echo "$summary"
