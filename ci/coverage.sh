#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Line and branch coverage of the simulated-machine test run: rebuild with
# COVERAGE=1 (gcc --coverage, -O0), run make sim-test, then lcov/genhtml
# into build/coverage/html and a per-directory table on stdout.
# Exits with the test run's status, after writing the report either way.
set -u
cd "$(dirname "$0")/.."
top=$PWD
covb=build/sim-gcc-cov   # the Makefile's variant dir for HAL=sim CC=gcc COVERAGE=1
out=build/coverage
rc_branch=(--rc lcov_branch_coverage=1)
dirs=(src hal/sim sim i40e)
[ -d hal/common ] && dirs+=(hal/common)

mkdir -p "$out"
# Counters from an earlier run would add up with this one.
[ -d "$covb" ] && lcov --quiet --zerocounters --directory "$covb"

# COVERAGE=1 builds at -O0, so lines and branches map to the source one to one.
make CC=gcc COVERAGE=1 sim-test
test_rc=$?

lcov --quiet "${rc_branch[@]}" --capture --directory "$covb" --base-directory "$top" \
	--output-file "$out/all.info" 2>"$out/lcov.log" || { cat "$out/lcov.log"; exit 1; }
patterns=()
for d in "${dirs[@]}"; do
	patterns+=("$top/$d/*")
done
lcov --quiet "${rc_branch[@]}" --extract "$out/all.info" "${patterns[@]}" \
	--output-file "$out/rtemem.info" 2>>"$out/lcov.log" || { cat "$out/lcov.log"; exit 1; }
rm -rf "$out/html"
genhtml --quiet --branch-coverage --title rtemem --prefix "$top" \
	--output-directory "$out/html" "$out/rtemem.info" 2>>"$out/lcov.log" ||
	{ cat "$out/lcov.log"; exit 1; }

# "  lines......: 81.2% (1234 of 1520 lines)" -> "81.2% (1234/1520)"
summary() {
	local info=$1 what=$2
	lcov "${rc_branch[@]}" --summary "$info" 2>&1 |
		sed -n "s/^ *$what\.*: \([0-9.]*%\) (\([0-9]*\) of \([0-9]*\).*/\1 (\2\/\3)/p"
}

row() {
	local name=$1 info=$2 lines branches
	lines=$(summary "$info" lines)
	branches=$(summary "$info" branches)
	printf '%-12s %-24s %-24s\n' "$name" "${lines:-no data}" "${branches:-no data}"
}

echo
echo "coverage of make sim-test (html: $out/html/index.html)"
printf '%-12s %-24s %-24s\n' directory lines branches
for d in "${dirs[@]}"; do
	info=$out/$(echo "$d" | tr / _).info
	if lcov --quiet "${rc_branch[@]}" --extract "$out/rtemem.info" "$top/$d/*" \
		--output-file "$info" >/dev/null 2>&1 && [ -s "$info" ]; then
		row "$d/" "$info"
	else
		printf '%-12s %-24s %-24s\n' "$d/" "no code" "-"
	fi
done
row total "$out/rtemem.info"
[ "$test_rc" -eq 0 ] || echo "note: make sim-test failed (status $test_rc); coverage is of what ran"
exit "$test_rc"
