#!/usr/bin/env bash
# Run cmocka test binaries and add up what they report: RTETEST_JOBS at a
# time (default: one per CPU), each binary's output printed whole and in
# the order given, as soon as it and those before it are done. Then the
# five slowest binaries and one closing line "N passed, N failed, N skipped".
# A binary still running after $RTETEST_TIMEOUT seconds (600: the slowest,
# test_ring under qemu or ThreadSanitizer, takes about 100) is killed, with
# the children it started, and counted as failed under its name.
# Binaries share nothing that would make them collide: each EAL takes a
# file prefix with its pid, and so do the test files they write. Those on
# real hugepages share the reserved pool: linux-test runs one at a time.
set -u
timeout_s=${RTETEST_TIMEOUT:-600}
jobs_max=${RTETEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
out_dir=$(mktemp -d "${TMPDIR:-/tmp}/rtemem-tests.XXXXXX")
trap 'rm -rf "$out_dir"' EXIT

# $1: index, $2: binary. Leaves its output, exit status and seconds in out_dir.
run_one() {
	local t0=$SECONDS rc
	timeout -k 10 "$timeout_s" "$2" >"$out_dir/$1.out" 2>&1
	rc=$?
	# Renamed into place: report_done takes a .rc file that exists as complete.
	echo "$rc $((SECONDS - t0))" >"$out_dir/$1.tmp" && mv "$out_dir/$1.tmp" "$out_dir/$1.rc"
}

passed=0 failed=0 skipped=0 broken=0
times=()
names=("$@")
next=0 # the first binary whose output is not printed yet

# $1: index. Prints that binary's output and adds up its results.
report() {
	local name rc secs out p f s
	name=$(basename "${names[$1]}")
	read -r rc secs <"$out_dir/$1.rc"
	out=$(cat "$out_dir/$1.out")
	echo "=== $name"
	times+=("$secs s  $name")
	printf '%s\n' "$out"
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		echo "!!! $name timed out after ${timeout_s} s (RTETEST_TIMEOUT)"
		broken=$((broken + 1))
		return
	fi
	# A binary may run several cmocka groups: add up every group's summary.
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {if (NR) print s}')
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {if (NR) print s}')
	s=$(printf '%s\n' "$out" | sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {if (NR) print s}')
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	skipped=$((skipped + ${s:-0}))
	# A crash or a nonzero exit without a cmocka failure line still fails the run.
	if [ "$rc" -ne 0 ] && [ -z "$f" ]; then
		echo "!!! $name exited with status $rc"
		broken=$((broken + 1))
	fi
}

# Prints, in order, every finished binary not printed yet.
report_done() {
	while [ "$next" -lt "${#names[@]}" ] && [ -f "$out_dir/$next.rc" ]; do
		report "$next"
		next=$((next + 1))
	done
}

for i in "${!names[@]}"; do
	while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do
		wait -n
		report_done
	done
	run_one "$i" "${names[$i]}" &
done
wait
report_done

echo
echo "slowest: $(printf '%s\n' "${times[@]}" | sort -rn | head -5 | paste -sd ',' | sed 's/,/, /g')"
echo "${passed} passed, $((failed + broken)) failed, ${skipped} skipped"
[ "$failed" -eq 0 ] && [ "$broken" -eq 0 ]
