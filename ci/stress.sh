#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Repeat the multi-lcore test cases, natively and under qemu-user, to catch
# races that show once in tens of runs (make stress):
#   ci/stress.sh [-n RUNS] [-c "BINARY:CASE ..."] [native|aarch64|s390x ...]
# Defaults: 50 runs, every case of CASES below, native and aarch64. Each run
# starts the test binary with RTETEST_FILTER=CASE; a failing run's output
# is printed whole (the rx case names the frame, offset and bytes that
# differed). Closing line: "stress: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

# The cases where two lcores share a ring, a mempool or the emulated NIC.
CASES="test_i40e_rx:test_two_lcores_four_queues test_ring:test_stress_two_lcores
test_ring:test_stress_rts_two_producers test_ring:test_stress_hts_two_producers
test_ring:test_stress_modes_two_consumers test_mempool:test_stress_two_lcores"

runs=50
while getopts "n:c:" opt; do
	case $opt in
	n) runs=$OPTARG ;;
	c) CASES=$OPTARG ;;
	*) echo "usage: $0 [-n RUNS] [-c \"BINARY:CASE ...\"] [native|aarch64|s390x ...]" >&2
	   exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- native aarch64

passed=0 failed=0
for arch in "$@"; do
	if [ "$arch" = native ]; then
		compiler=gcc
		case "${CC:-cc}" in *clang*) compiler=clang ;; esac
		bindir=build/sim-$compiler/tests
		# shellcheck disable=SC2046
		make -j2 --no-print-directory HAL=sim $(for c in $CASES; do echo "$bindir/${c%%:*}"; done) \
			>/dev/null
	else
		ci/cross-test.sh --build-only "$arch" >/dev/null
		bindir=build/cross-$arch/run
	fi
	for c in $CASES; do
		bin=$bindir/${c%%:*} case=${c#*:}
		ok=0
		for i in $(seq 1 "$runs"); do
			if out=$(RTETEST_FILTER=$case "$bin" 2>&1) &&
				grep -q '^\[  PASSED  \] 1 test' <<<"$out"; then
				ok=$((ok + 1))
			else
				echo "=== $arch ${c%%:*} $case: run $i of $runs failed"
				printf '%s\n' "$out"
			fi
		done
		echo "$arch ${c%%:*} $case: $ok of $runs runs passed"
		passed=$((passed + ok))
		failed=$((failed + runs - ok))
	done
done
echo "stress: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
