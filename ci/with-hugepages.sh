#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Run a command on real 2 MB hugepages, then put the machine back as it was.
#
#   ci/with-hugepages.sh CMD [ARGS...]
#
# As root: raise hugepages-2048kB/nr_hugepages so that RTEMEM_HUGEPAGES
# (default 512 = 1 GB) pages are free, mount hugetlbfs (pagesize=2M) on
# RTEMEM_HUGE_MNT (default /mnt/rtemem-huge) unless a 2 MB hugetlbfs is
# already mounted, export RTEMEM_HUGE_DIR, run CMD, and on any exit restore
# the page count and unmount what this script mounted.
# Without root or without a single hugepage it prints "SKIP: ..." and runs
# CMD with RTEMEM_NO_HUGEPAGES=1, so hugepage tests skip themselves.
# Exits with CMD's status.
set -u

if [ $# -eq 0 ]; then
	echo "usage: $0 CMD [ARGS...]" >&2
	exit 2
fi

SYSFS_HP=/sys/kernel/mm/hugepages/hugepages-2048kB
WANT=${RTEMEM_HUGEPAGES:-512}
MNT=${RTEMEM_HUGE_MNT:-/mnt/rtemem-huge}

run_without_hugepages() {
	echo "SKIP: $1; hugepage tests will skip (RTEMEM_NO_HUGEPAGES=1)"
	shift
	RTEMEM_NO_HUGEPAGES=1 "$@"
	exit $?
}

if [ "$(id -u)" -ne 0 ]; then
	run_without_hugepages "not root, cannot reserve hugepages" "$@"
fi
if [ ! -w "$SYSFS_HP/nr_hugepages" ]; then
	run_without_hugepages "no 2 MB hugepage support ($SYSFS_HP)" "$@"
fi

# Two runs at once would restore each other's page count under their feet.
lockfile=/run/lock/rtemem-hugepages.lock
[ -d /run/lock ] && [ -w /run/lock ] || lockfile=/tmp/rtemem-hugepages.lock
exec 9>"$lockfile"
flock 9

orig_nr=$(cat "$SYSFS_HP/nr_hugepages")
mounted=""
made_dir=""

restore() {
	if [ -n "$mounted" ]; then
		umount "$mounted" 2>/dev/null || umount -l "$mounted"
	fi
	if [ -n "$made_dir" ]; then
		rmdir "$made_dir" 2>/dev/null
	fi
	echo "$orig_nr" > "$SYSFS_HP/nr_hugepages"
	echo "with-hugepages: restored nr_hugepages to $(cat "$SYSFS_HP/nr_hugepages")"
}
trap restore EXIT
trap 'exit 130' INT TERM

free_before=$(cat "$SYSFS_HP/free_hugepages")
if [ "$free_before" -lt "$WANT" ]; then
	echo $((orig_nr + WANT - free_before)) > "$SYSFS_HP/nr_hugepages" 2>/dev/null
fi
free_now=$(cat "$SYSFS_HP/free_hugepages")
echo "with-hugepages: $free_now free 2 MB hugepages (asked for $WANT, nr_hugepages $orig_nr -> $(cat "$SYSFS_HP/nr_hugepages"))"
if [ "$free_now" -lt 1 ]; then
	trap - EXIT
	restore
	run_without_hugepages "the kernel gave no 2 MB hugepages" "$@"
fi

# A hugetlbfs mount of 2 MB pages: pagesize=2M, or no pagesize with 2 MB the default.
find_mount() {
	local default_kb
	default_kb=$(awk '/^Hugepagesize:/ { print $2 }' /proc/meminfo)
	awk -v def="$default_kb" '$3 == "hugetlbfs" {
		size = def "k"
		if (match($4, /pagesize=[0-9]+[KMG]?/))
			size = substr($4, RSTART + 9, RLENGTH - 9)
		if (size == "2M" || size == "2048k" || size == "2048K") { print $2; exit }
	}' /proc/mounts
}

if [ -n "${RTEMEM_HUGE_DIR:-}" ]; then
	dir=$RTEMEM_HUGE_DIR
else
	dir=$(find_mount)
	if [ -z "$dir" ]; then
		if [ ! -d "$MNT" ]; then
			mkdir -p "$MNT" && made_dir=$MNT
		fi
		if ! mount -t hugetlbfs -o pagesize=2M nodev "$MNT"; then
			echo "with-hugepages: cannot mount hugetlbfs on $MNT" >&2
			trap - EXIT
			restore
			run_without_hugepages "no hugetlbfs mount" "$@"
		fi
		mounted=$MNT
		dir=$MNT
	fi
fi
echo "with-hugepages: RTEMEM_HUGE_DIR=$dir"
export RTEMEM_HUGE_DIR=$dir
unset RTEMEM_NO_HUGEPAGES

"$@"
