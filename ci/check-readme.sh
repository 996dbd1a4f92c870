#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Runs the README's commands that are marked as runnable, so the README cannot
# drift from the programs:
#   ci/check-readme.sh [FILE]        (default README.md)
# A runnable block is a fenced code block opened with ```sh runnable. Each
# block runs on its own in a fresh bash (-e, -u, pipefail, commands echoed),
# from the repository root, as a user who just cloned it would, with HOME
# set to a scratch directory so whatever the commands write under $HOME
# goes away afterwards. Only cheap commands belong there: CI runs the long
# ones (make sim-test, make demo) itself.
set -euo pipefail
cd "$(dirname "$0")/.."
readme=${1:-README.md}
scratch=$(mktemp -d /tmp/rtemem-readme.XXXXXX)
trap 'rm -rf "$scratch"' EXIT

mkdir "$scratch/blocks" "$scratch/home"
awk -v dir="$scratch/blocks" '
	/^```sh runnable[[:space:]]*$/ { f = sprintf("%s/%03d", dir, ++n); printf "" > f; next }
	/^```/ { f = "" }
	f != "" { print > f }
' "$readme"

n=0
for block in "$scratch"/blocks/*; do
	[ -f "$block" ] || continue
	n=$((n + 1))
	echo "##### $readme, runnable block $n"
	if ! HOME="$scratch/home" bash -euxo pipefail "$block"; then
		echo "check-readme: block $n of $readme failed" >&2
		exit 1
	fi
done
[ $n -gt 0 ] || { echo "check-readme: no runnable block in $readme" >&2; exit 1; }
echo "readme: OK ($n runnable blocks)"
