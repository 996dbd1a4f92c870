#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Run each libFuzzer harness for a fixed time on its committed seeds and
# fail on any crash, leak, timeout or out-of-memory; print each harness's
# executions, exec/s and coverage (libFuzzer's cov: edges and ft: features).
# New inputs go to a scratch directory, so the committed corpus is never
# modified, or with FUZZ_CORPUS=DIR to DIR/<harness>, kept from run to run
# (make fuzz: a long campaign that goes on where the last one stopped).
# Usage: ci/fuzz-smoke.sh SECONDS HARNESS...
set -u
secs=${1:?usage: $0 SECONDS HARNESS...}
shift
# The scratch corpus on tmpfs where there is one: libFuzzer writes a file
# for every new input, and creating inodes on ext4 was 2-3 % of fuzz_rx.
tmp=${TMPDIR:-/tmp}
[ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && tmp=/dev/shm
scratch=$(mktemp -d "$tmp/rtemem-fuzz-smoke.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

failed=0
summary=()
for bin in "$@"; do
	name=$(basename "$bin")
	seeds=fuzz/corpus/$name
	corpus=${FUZZ_CORPUS:+$FUZZ_CORPUS/$name}
	corpus=${corpus:-$scratch/$name}
	mkdir -p "$corpus" "$scratch/artifacts/$name"
	args=(-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -close_fd_mask=1 -print_final_stats=1
	      -artifact_prefix="$scratch/artifacts/$name/")
	[ -f "fuzz/$name.dict" ] && args+=(-dict="fuzz/$name.dict")
	dirs=("$corpus")
	[ -d "$seeds" ] && dirs+=("$seeds")
	echo "=== $name: ${secs} s"
	log=$scratch/$name.log
	"$bin" "${args[@]}" "${dirs[@]}" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	cov=$(sed -n 's/^#[0-9]*.*cov: \([0-9]*\) ft: \([0-9]*\).*/\1 \2/p' "$log" | tail -1)
	cov=${cov:-"? ?"}
	if [ "$rc" -ne 0 ]; then
		failed=$((failed + 1))
		echo "!!! $name failed (exit $rc); the end of its log:"
		tail -40 "$log"
		mkdir -p build/fuzz/crashes
		cp "$log" "build/fuzz/crashes/$name.log"
		echo "    full log: build/fuzz/crashes/$name.log"
		for a in "$scratch/artifacts/$name"/*; do
			[ -f "$a" ] || continue
			cp "$a" build/fuzz/crashes/ && echo "    input saved as build/fuzz/crashes/$(basename "$a")"
		done
		summary+=("$(printf '%-24s FAILED (exit %d)' "$name" "$rc")")
	else
		summary+=("$(printf '%-24s %10s execs  %8s exec/s  %6s edges  %7s features' "$name" \
			"${execs:-?}" "${rate:-?}" "${cov%% *}" "${cov##* }")")
	fi
done

echo
echo "fuzz summary (${secs} s per harness):"
printf '  %s\n' "${summary[@]}"
[ "$failed" -eq 0 ]
