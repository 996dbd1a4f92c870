#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Compile every barrier of include/rte_atomic.h for x86_64, aarch64 and
# s390x and check the instruction each one becomes, against the table in
# that header (DPDK 22.11's choices). A barrier that silently turns into a
# thread fence on arm64, or into nothing on x86, fails here.
# Prints "barriers: N passed, N failed"; exits 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

# The cross libc headers are only a Recommends of gcc-<triplet>.
ci/install-deps.sh gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-s390x-linux-gnu \
	libc6-dev-s390x-cross >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One function per barrier, so each one's instructions can be read apart.
cat >"$work/probe.c" <<'EOF'
#include <rte_atomic.h>
void probe_rte_mb(void) { rte_mb(); }
void probe_rte_wmb(void) { rte_wmb(); }
void probe_rte_rmb(void) { rte_rmb(); }
void probe_rte_io_mb(void) { rte_io_mb(); }
void probe_rte_io_wmb(void) { rte_io_wmb(); }
void probe_rte_io_rmb(void) { rte_io_rmb(); }
void probe_rte_smp_mb(void) { rte_smp_mb(); }
void probe_rte_smp_wmb(void) { rte_smp_wmb(); }
void probe_rte_smp_rmb(void) { rte_smp_rmb(); }
void probe_fence_seq_cst(void) { rte_atomic_thread_fence(__ATOMIC_SEQ_CST); }
void probe_fence_acquire(void) { rte_atomic_thread_fence(__ATOMIC_ACQUIRE); }
void probe_fence_release(void) { rte_atomic_thread_fence(__ATOMIC_RELEASE); }
EOF

# Expected instructions per arch: "probe expected", where expected is the
# function's instructions without its return and padding, joined by ';'
# with spaces squeezed ("-" for none: a compiler barrier only).
expect_x86_64="
rte_mb mfence
rte_wmb sfence
rte_rmb lfence
rte_io_mb mfence
rte_io_wmb -
rte_io_rmb -
rte_smp_mb lock addl \$0x0,-0x80(%rsp)
rte_smp_wmb -
rte_smp_rmb -
fence_seq_cst lock addl \$0x0,-0x80(%rsp)
fence_acquire -
fence_release -"
expect_aarch64="
rte_mb dmb osh
rte_wmb dmb oshst
rte_rmb dmb oshld
rte_io_mb dmb osh
rte_io_wmb dmb oshst
rte_io_rmb dmb oshld
rte_smp_mb dmb ish
rte_smp_wmb dmb ishst
rte_smp_rmb dmb ishld
fence_seq_cst dmb ish
fence_acquire dmb ishld
fence_release dmb ish"
# s390x has no DPDK port: every kind is the C11 seq_cst fence, a
# serialization ("bcr 14,0" since z196, which
# objdump names "bnor %r0").
expect_s390x="
rte_mb bnor %r0
rte_wmb bnor %r0
rte_rmb bnor %r0
rte_io_mb bnor %r0
rte_io_wmb bnor %r0
rte_io_rmb bnor %r0
rte_smp_mb bnor %r0
rte_smp_wmb bnor %r0
rte_smp_rmb bnor %r0
fence_seq_cst bnor %r0
fence_acquire -
fence_release -"

# $1: objdump output. Prints "probe instr;instr" per probe function,
# dropping returns, padding and CET markers.
instructions() {
	awk '
	/^[0-9a-f]+ <probe_[a-z0-9_]+>:$/ {
		if (name != "") print name, (body == "" ? "-" : body)
		name = $2; sub(/^<probe_/, "", name); sub(/>:$/, "", name); body = ""; next
	}
	name != "" && /^ *[0-9a-f]+:\t/ {
		sub(/^ *[0-9a-f]+:\t/, ""); gsub(/[ \t]+/, " "); sub(/ +$/, "")
		if ($0 ~ /^(ret|retq|br %r14|endbr64|nop|nopw .*|nopl .*|data16 .*|xchg %ax,%ax|nopr %r7)$/) next
		body = (body == "" ? $0 : body ";" $0)
	}
	END { if (name != "") print name, (body == "" ? "-" : body) }' "$1"
}

passed=0 failed=0
for arch in x86_64 aarch64 s390x; do
	case $arch in
	x86_64) cc=gcc objdump=objdump ;;
	*) cc=$arch-linux-gnu-gcc objdump=$arch-linux-gnu-objdump ;;
	esac
	$cc -std=gnu11 -O2 -Wall -Wextra -Werror -Iinclude -c "$work/probe.c" -o "$work/$arch.o"
	$objdump -d --no-show-raw-insn "$work/$arch.o" >"$work/$arch.dis"
	instructions "$work/$arch.dis" >"$work/$arch.got"
	var=expect_$arch
	while read -r probe want; do
		[ -n "$probe" ] || continue
		got=$(awk -v p="$probe" '$1 == p { $1 = ""; sub(/^ /, ""); print }' "$work/$arch.got")
		if [ "$got" = "$want" ]; then
			passed=$((passed + 1))
		else
			echo "FAIL $arch $probe: got '$got', want '$want'"
			failed=$((failed + 1))
		fi
	done <<<"${!var}"
done
echo "barriers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
