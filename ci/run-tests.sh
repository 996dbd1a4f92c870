#!/usr/bin/env bash
# Run cmocka test binaries one by one and add up what they report.
# Prints each binary's output, the five slowest binaries, then one closing
# line "N passed, N failed".
# A binary still running after $RTETEST_TIMEOUT seconds (600: the slowest,
# test_ring under qemu or ThreadSanitizer, takes about 100) is killed, with
# the children it started, and counted as failed under its name.
set -u
timeout_s=${RTETEST_TIMEOUT:-600}
passed=0 failed=0 skipped=0 broken=0
times=()
for bin in "$@"; do
	echo "=== $(basename "$bin")"
	t0=$SECONDS
	out=$(timeout -k 10 "$timeout_s" "$bin" 2>&1)
	rc=$?
	times+=("$((SECONDS - t0)) s  $(basename "$bin")")
	printf '%s\n' "$out"
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		echo "!!! $(basename "$bin") timed out after ${timeout_s} s (RTETEST_TIMEOUT)"
		broken=$((broken + 1))
		continue
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
		echo "!!! $(basename "$bin") exited with status $rc"
		broken=$((broken + 1))
	fi
done
echo
echo "slowest: $(printf '%s\n' "${times[@]}" | sort -rn | head -5 | paste -sd ',' | sed 's/,/, /g')"
echo "${passed} passed, $((failed + broken)) failed, ${skipped} skipped"
[ "$failed" -eq 0 ] && [ "$broken" -eq 0 ]
