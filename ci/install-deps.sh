#!/usr/bin/env bash
# Make sure the Debian packages rtemem builds and tests with are installed.
# As root, missing ones are installed with apt-get; otherwise they are named
# and the script fails. Extra package names on the command line are added
# (e.g. ci/install-deps.sh qemu-user gcc-aarch64-linux-gnu).
set -eu
packages="make gcc clang pkg-config libcmocka-dev libpcap-dev libnuma-dev lcov libclang-rt-14-dev $*"
missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "rtemem: missing Debian packages:$missing" >&2
	echo "rtemem: install them as root: apt-get install -y$missing" >&2
	exit 1
fi
echo "rtemem: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
