#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# CI smoke for the benchmarks: build every bench/ program (against rtemem,
# and against DPDK 22.11 when pkg-config finds libdpdk) and run each with
# tiny iteration counts. Fails only if a program does not build or does
# not run to the end; the timings are printed but never judged.
#
# Usage: ci/bench-smoke.sh [make variables, e.g. HAL=linux CC=clang]
set -eu
cd "$(dirname "$0")/.."
exec make --no-print-directory "$@" bench-smoke
