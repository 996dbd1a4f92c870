#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Run every benchmark program against rtemem and, if built, against DPDK,
# and print one table: operation, unit, rtemem, DPDK, rtemem/DPDK, glibc,
# rtemem/glibc.
#
# Usage: bench/run.sh [--smoke] RTEMEM_BIN_DIR [DPDK_BIN_DIR]
#   --smoke   tiny iteration counts, one repetition: checks that every
#             program still builds and runs; the figures mean nothing.
# Environment:
#   BENCH_HAL          sim (default) or linux: which rtemem HAL was built
#   BENCH_RTEMEM_EAL   EAL options for rtemem (default below)
#   BENCH_DPDK_EAL     EAL options for DPDK (default: --no-huge, no shared
#                      files, no PCI scan, no telemetry)
#   BENCH_ROUNDS       how many times each program runs (default 3, smoke 1),
#                      alternating rtemem and DPDK; the table shows the
#                      median over the rounds of each run's own median
#   BENCH_RAW          if set, also keep the raw result lines in this file
# Exit status: 1 if any program failed to run, else 0. Never on timing.
set -u

smoke=0
if [ "${1:-}" = "--smoke" ]; then
	smoke=1
	shift
fi
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 [--smoke] RTEMEM_BIN_DIR [DPDK_BIN_DIR]" >&2
	exit 2
fi
rte_dir=$1
dpdk_dir=${2:-}
hal=${BENCH_HAL:-sim}

if [ "$hal" = sim ]; then
	# -m 512 as DPDK's run below: both start with 512 MB mapped, so the
	# allocators are compared, not page mapping (the hugepage table in
	# docs/performance.md compares memory on demand).
	rte_eal_default="--sim=pages=512 -m 512 --in-memory -l 0-1 --log-level=3"
else
	# Real hugepages when the caller set them up (ci/with-hugepages.sh), else base pages.
	rte_eal_default="--in-memory -l 0-1 --log-level=3"
	[ -n "${RTEMEM_HUGE_DIR:-}" ] && rte_eal_default="$rte_eal_default --huge-dir=$RTEMEM_HUGE_DIR" ||
		rte_eal_default="$rte_eal_default --no-huge"
fi
rte_eal=${BENCH_RTEMEM_EAL:-$rte_eal_default}
# DPDK 22.11 refuses --in-memory with --no-huge (it implies legacy memory);
# --no-shconf is the part of --in-memory that applies: no shared files.
dpdk_eal=${BENCH_DPDK_EAL:---no-huge --no-shconf --no-pci --no-telemetry -l 0-1 --log-level=3 -m 512 --file-prefix=rtemem_bench}

if [ $smoke = 1 ]; then
	app_opts="--iters 64 --reps 1"
	eal_init_opts="--reps 1"
	rounds=1
else
	app_opts=""
	eal_init_opts="--reps 5"
	rounds=${BENCH_ROUNDS:-3}
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0

# run LIBNAME PROG EAL_OPTIONS: one program, results tagged LIBNAME.
# sh has no local variables: everything here is prefixed r_ so that the
# caller's loop variables survive.
run() {
	r_lib=$1 r_prog=$2 r_eal=$3
	name=$(basename "$r_prog")
	opts=$app_opts
	eal_here=$r_eal
	case $name in
	bench_i40e_rx)
		# The emulated X710 exists on HAL=sim only; it is named in --sim.
		case $r_eal in
		*--sim=*) eal_here=$(echo "$r_eal" | sed 's/--sim=\([^ ]*\)/--sim=\1,nic=x710/') ;;
		*) eal_here="$r_eal --sim=nic=x710" ;;
		esac
		;;
	bench_eal_init)
		opts=$eal_init_opts
		;;
	esac
	echo "  $r_lib: $name" >&2
	# shellcheck disable=SC2086 # the option strings are word lists
	if ! "$r_prog" $eal_here -- $opts >"$tmp/out" 2>"$tmp/err"; then
		echo "  $r_lib: $name FAILED:" >&2
		sed 's/^/    /' "$tmp/err" >&2
		status=1
	else
		grep -v '^EAL: ' "$tmp/err" | sed 's/^/    /' >&2
	fi
	awk -F'\t' -v lib="$r_lib" '$1 == "R" {
		col = ($2 == "lib") ? lib : $2
		# glibc figures come from the rtemem run only (the same code in both).
		if (col == "glibc" && lib != "rtemem") next
		print col "\t" $3 "\t" $4 "\t" $5
	}' "$tmp/out" >>"$tmp/results"
}

: >"$tmp/results"
echo "rtemem: $rte_dir, EAL: $rte_eal" >&2
[ -n "$dpdk_dir" ] && echo "DPDK:   $dpdk_dir, EAL: $dpdk_eal" >&2
# Program by program, rtemem and DPDK in turn, so that both see the same
# machine load (the machine may be shared: other work shifts the figures).
for rte_prog in "$rte_dir"/bench_*; do
	[ -x "$rte_prog" ] || continue
	dpdk_prog=
	[ -n "$dpdk_dir" ] && [ -x "$dpdk_dir/$(basename "$rte_prog")" ] &&
		dpdk_prog="$dpdk_dir/$(basename "$rte_prog")"
	round=0
	while [ $round -lt "$rounds" ]; do
		run rtemem "$rte_prog" "$rte_eal"
		[ -n "$dpdk_prog" ] && run DPDK "$dpdk_prog" "$dpdk_eal"
		round=$((round + 1))
	done
done
[ -n "${BENCH_RAW:-}" ] && cp "$tmp/results" "$BENCH_RAW"

echo
[ $smoke = 1 ] && echo "SMOKE RUN: tiny iteration counts, the figures mean nothing."
[ -z "$dpdk_dir" ] && echo "Note: DPDK 22.11 (pkg-config libdpdk) not found: rtemem column only."
awk -F'\t' '
{
	key = $2
	if (!(key in unit)) { order[n++] = key; unit[key] = $3 }
	c = ++cnt[$1, key]
	vals[$1, key, c] = $4 + 0
}
# Median of the values one column got for one operation ("" if none).
function median(col, key,    m, i, j, t, a) {
	m = cnt[col, key]
	if (m == 0) return ""
	for (i = 1; i <= m; i++) a[i] = vals[col, key, i]
	for (i = 2; i <= m; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
	return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
function fmt(v) { return v == "" ? "-" : sprintf("%.1f", v) }
function ratio(a, b) { return (a == "" || b == "" || b + 0 == 0) ? "-" : sprintf("%.2f", a / b) }
END {
	printf "| %-54s | %-11s | %9s | %9s | %8s | %9s | %8s |\n", "operation", "unit", \
		"rtemem", "DPDK", "rte/DPDK", "glibc", "rte/glibc"
	printf "|%s|%s|%s|%s|%s|%s|%s|\n", "--------------------------------------------------------", \
		"-------------", "----------:", "----------:", "---------:", "----------:", "---------:"
	for (i = 0; i < n; i++) {
		k = order[i]
		r = median("rtemem", k); d = median("DPDK", k); g = median("glibc", k)
		printf "| %-54s | %-11s | %9s | %9s | %8s | %9s | %8s |\n", k, unit[k], \
			fmt(r), fmt(d), ratio(r, d), fmt(g), ratio(r, g)
	}
}' "$tmp/results"
exit $status
