#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Cross-build rtemem (HAL=sim) for another architecture and run every cmocka
# test under qemu-user:
#   ci/cross-test.sh aarch64 [s390x ...]     (make cross-test ARCH="...")
#   ci/cross-test.sh --build-only aarch64     build and write the wrappers only
#   ci/cross-test.sh --tests "test_net test_mbuf" s390x   run only these binaries
# Output goes to build/cross-<arch>/; per arch it prints the build and test
# wall times and the closing line "<arch>: N passed, N failed, N skipped".
#
# Host side: Debian's cross gcc and qemu-user (installed by ci/install-deps.sh
# as root, named otherwise). Target side: the few Debian libraries the tests
# link (cmocka, pcap and what libpcap needs at run time) plus the target's own
# libc, downloaded with `apt-get download` and unpacked into
# build/cross-<arch>/sysroot, not installed. Why not multiarch packages
# (apt-get install libcmocka-dev:s390x): Multi-Arch: same packages must have
# the host's exact version, and bookworm-security no longer builds s390x, so
# on an up-to-date host libpcap-dev:s390x cannot be installed at all (its
# closure needs libc6-dev/libssl3/libsystemd0:s390x at the host's versions).
#
# Programs run under qemu-<arch> with build/cross-<arch>/sysroot as the guest
# root (QEMU_LD_PREFIX, the same as -L): the dynamic
# loader and libc then come from one and the same Debian libc6 package, as
# with `-L /` on a multiarch host. Mixing the cross toolchain's loader with
# another libc makes programs abort ("stack smashing detected").
# Tests run through a wrapper calling qemu, not binfmt_misc, which a fresh
# container rarely has. Tests that start another program of the build (a
# copy of themselves, tools/rtemem-info) run it under $RTETEST_EXEC_WRAPPER,
# set to qemu-<arch> here (tests/common/rtetest.h); QEMU_LD_PREFIX is
# inherited by those children.
set -euo pipefail
cd "$(dirname "$0")/.."

# Target libraries for HAL=sim tests: cmocka, and libpcap with its run-time
# closure (libdbus -> libsystemd -> ...). libc6 brings the loader.
TARGET_PACKAGES="libc6 libgcc-s1 libcmocka0 libcmocka-dev libpcap0.8 libpcap0.8-dev
libdbus-1-3 libsystemd0 libcap2 libgcrypt20 libgpg-error0 liblz4-1 liblzma5 libzstd1"

is_root() { [ "$(id -u)" -eq 0 ]; }

# $1: Debian architecture. The target's package lists must be known to apt.
ensure_foreign_arch() {
	dpkg --print-foreign-architectures | grep -qx "$1" && return 0
	if ! is_root; then
		echo "rtemem: apt does not know architecture $1; as root run:" >&2
		echo "  dpkg --add-architecture $1 && apt-get update" >&2
		return 1
	fi
	dpkg --add-architecture "$1"
	apt-get update -qq
}

# $1: Debian architecture, $2: sysroot. Unpacks TARGET_PACKAGES into $2 once.
# Runs where set -e does not apply (see cross_test): checks each step.
fetch_sysroot() {
	local deb_arch=$1 sysroot=$2 debs list p
	list=$(echo $TARGET_PACKAGES)
	if [ -f "$sysroot/.packages" ] && [ "$(cat "$sysroot/.packages")" = "$list" ]; then
		return 0
	fi
	ensure_foreign_arch "$deb_arch" || return 1
	debs=$(dirname "$sysroot")/debs
	rm -rf "$sysroot" "$debs"
	mkdir -p "$debs" "$sysroot" || return 1
	local pkgs=""
	for p in $list; do pkgs="$pkgs $p:$deb_arch"; done
	# shellcheck disable=SC2086
	if ! (cd "$debs" && apt-get download -q $pkgs >download.log 2>&1); then
		# Stale lists name versions the mirror no longer has: refresh once.
		if is_root && apt-get update -qq && (cd "$debs" && apt-get download -q $pkgs >download.log 2>&1); then
			:
		else
			cat "$debs/download.log" >&2
			echo "rtemem: could not download the $deb_arch packages:$pkgs" >&2
			return 1
		fi
	fi
	for p in "$debs"/*.deb; do
		dpkg-deb -x "$p" "$sysroot" || return 1
	done
	echo "$list" >"$sysroot/.packages"
}

# $1: our architecture name (aarch64, s390x). Called as `cross_test || ...`,
# where set -e does not apply: every step checks its own status.
cross_test() {
	local arch=$1 deb_arch triplet
	case "$arch" in
	aarch64) deb_arch=arm64 triplet=aarch64-linux-gnu ;;
	s390x) deb_arch=s390x triplet=s390x-linux-gnu ;;
	*)
		echo "rtemem: unknown ARCH '$arch' (aarch64 or s390x)" >&2
		return 2
		;;
	esac
	local B=build/cross-$arch
	local top sysroot t0 t1 t2 t
	top=$(pwd)
	sysroot=$top/$B/sysroot

	echo "##### cross-test $arch: host packages"
	# The cross libc headers are only a Recommends of gcc-<triplet>.
	ci/install-deps.sh "gcc-$triplet" "libc6-dev-$deb_arch-cross" qemu-user || return 1
	echo "##### cross-test $arch: target libraries into $B/sysroot"
	fetch_sysroot "$deb_arch" "$sysroot" || return 1

	local tests="" names=$only
	if [ -z "$names" ]; then
		for t in tests/test_*.c; do
			t=${t#tests/}
			names="$names ${t%.c}"
		done
	fi
	for t in $names; do
		[ -f "tests/$t.c" ] || { echo "rtemem: no test $t" >&2; return 2; }
		tests="$tests $B/tests/$t"
	done

	echo "##### cross-test $arch: build ($triplet-gcc, HAL=sim)"
	t0=$(date +%s)
	local libdirs="$sysroot/lib/$triplet:$sysroot/usr/lib/$triplet"
	# B= puts the build in build/cross-<arch> instead of build/sim-gcc. `all`
	# (library, examples, tools) as run-tests has: some tests run the tools.
	# shellcheck disable=SC2086
	make -j2 --no-print-directory HAL=sim B="$B" CC="$triplet-gcc" AR="$triplet-ar" \
		OBJCOPY="$triplet-objcopy" \
		CPPFLAGS="-isystem $sysroot/usr/include" \
		LDFLAGS="-L$sysroot/usr/lib/$triplet -L$sysroot/lib/$triplet -Wl,-rpath-link,$libdirs" \
		all $tests || return 1
	t1=$(date +%s)

	# One wrapper per test, named like it, so run-tests.sh reports the name.
	mkdir -p "$B/run"
	rm -f "$B"/run/test_*
	for t in $tests; do
		printf '#!/bin/sh\nQEMU_LD_PREFIX=%s RTETEST_EXEC_WRAPPER=qemu-%s exec qemu-%s %s "$@"\n' \
			"$sysroot" "$arch" "$arch" "$top/$t" \
			>"$B/run/$(basename "$t")"
		chmod +x "$B/run/$(basename "$t")"
	done

	[ "$build_only" = 1 ] && return 0
	echo "##### cross-test $arch: tests under qemu-$arch"
	local rc=0
	ci/run-tests.sh "$B"/run/test_* >"$B/test.log" 2>&1 || rc=$?
	t2=$(date +%s)
	cat "$B/test.log"
	echo "cross-test $arch: build $((t1 - t0)) s, tests $((t2 - t1)) s"
	echo "$arch: $(tail -n 1 "$B/test.log")"
	return $rc
}

# --build-only: build and write the run/ wrappers, run nothing (ci/stress.sh).
# --tests "NAMES": build and run only these test binaries.
build_only=0 only=""
while [ $# -gt 0 ]; do
	case $1 in
	--build-only) build_only=1 ;;
	--tests) only=${2:?--tests needs a list}; shift ;;
	*) break ;;
	esac
	shift
done
[ $# -ge 1 ] || { echo "usage: $0 [--build-only] [--tests \"NAMES\"] aarch64|s390x ..." >&2; exit 2; }
status=0
for arch in "$@"; do
	cross_test "$arch" || status=1
done
exit $status
