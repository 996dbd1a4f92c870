#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The libraries export the API and nothing else:
#   ci/check-symbols.sh [LIBDIR [INCLUDEDIR]]   (default: build/sim-gcc include)
# Checks every flavour found in LIBDIR (librtemem, librtemem-sim).
# Fails when a flavour's .so or .a defines a global symbol that is not
# rte_*, rtemem_* or one of the few other names DPDK 22.11 exports itself;
# when an exported rte_ name is in no header (an internal function with an
# API name); when the two libraries export different sets; or when the
# soname carries no ABI version or the development link leads elsewhere.
set -euo pipefail
libdir=${1:-build/sim-gcc}
incdir=${2:-include}

# Names outside rte_*/rtemem_* that DPDK's own libraries export: the helpers
# its inline functions call and the thread variables its macros name.
dpdk_also=(__rte_panic __rte_pktmbuf_read __rte_pktmbuf_linearize
	per_lcore__lcore_id per_lcore__rte_errno per_lcore__thread_id eal_timer_source)
# rte_ names DPDK exports for drivers but declares in no installed header.
no_header=(rte_eth_devices)

fail=0
bad() { echo "check-symbols: $*" >&2; fail=1; }
words() { tr '\n' ' ' <<<"$1"; }

# $1: library name, $2: its names.
check_api() {
	local extra
	extra=$(grep -v -e '^rte_' -e '^rtemem_' <<<"$2" |
		grep -vxF -f <(printf '%s\n' "${dpdk_also[@]}") || true)
	[ -z "$extra" ] || bad "$1 exports names outside the API: $(words "$extra")"
}
declared=$(cat "$incdir"/*.h | grep -o '\brte_[A-Za-z0-9_]*' | sort -u)

# $1: the flavour's library name (rtemem, rtemem-sim).
check_flavour() {
	local lib=lib$1 so soname so_names a_names undeclared
	so="$libdir/$lib.so"
	soname=$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
	[[ $soname =~ ^$lib\.so\.[0-9]+$ ]] || bad "$lib: soname '$soname' has no ABI version"
	[ "$(readlink -f "$so")" = "$(readlink -f "$libdir/$soname")" ] ||
		bad "$lib.so and $soname are not the same file"

	# One name per line, sorted; symbol versions (name@@VER) cut off.
	so_names=$(nm -D --defined-only "$so" | awk 'NF == 3 { sub(/@.*/, "", $3); print $3 }' | sort -u)
	a_names=$(nm -g --defined-only "$libdir/$lib.a" | awk 'NF == 3 { print $3 }' | sort -u)
	check_api "$lib.so" "$so_names"
	check_api "$lib.a" "$a_names"
	[ "$so_names" = "$a_names" ] ||
		bad "$lib.so and $lib.a export different names:" \
			"$(words "$(diff <(echo "$so_names") <(echo "$a_names") | grep '^[<>]')")"

	undeclared=$(grep '^rte_' <<<"$so_names" | grep -vxF -f <(echo "$declared") |
		grep -vxF -f <(printf '%s\n' "${no_header[@]}") || true)
	[ -z "$undeclared" ] || bad "$lib exports rte_ names no header in $incdir declares: $(words "$undeclared")"
	found+=("$soname, $(wc -l <<<"$so_names") exported")
}

found=()
for name in rtemem rtemem-sim; do
	if [ -e "$libdir/lib$name.so" ]; then check_flavour "$name"; fi
done
[ ${#found[@]} -gt 0 ] || bad "no librtemem.so or librtemem-sim.so in $libdir"
[ $fail -eq 0 ] || exit 1
echo "symbols: OK ($(IFS=';'; echo "${found[*]}" | sed 's/;/; /g'); none outside the API)"
