#!/usr/bin/env bash
# make install into a scratch prefix, then build and run a program against
# it with pkg-config, the way a DPDK user would after swapping libdpdk.
set -euo pipefail
prefix=$(mktemp -d /tmp/rtemem-install.XXXXXX)
trap 'rm -rf "$prefix"' EXIT
make install PREFIX="$prefix" >/dev/null
cat > "$prefix/prog.c" <<'PROG'
#include <stdio.h>
#include <rte_eal.h>
#include <rte_memory.h>

int main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);

	if (ret < 0) {
		fprintf(stderr, "rte_eal_init failed: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	printf("EAL up, %d args parsed, iova mode %d\n", ret, (int)rte_eal_iova_mode());
	return rte_eal_cleanup();
}
PROG
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
# shellcheck disable=SC2046
cc -o "$prefix/prog" "$prefix/prog.c" $(pkg-config --cflags --libs rtemem)
"$prefix/prog" --in-memory
echo "install check: OK ($(pkg-config --modversion rtemem))"
