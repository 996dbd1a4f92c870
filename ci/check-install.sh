#!/usr/bin/env bash
# make install into a scratch prefix, check what the libraries export, then
# build and run a program against it with pkg-config, the way a DPDK user
# would after swapping libdpdk: with each flavour (rtemem, rtemem-sim), shared
# and static. Last, a staged install for /usr (as a package build does it)
# and its uninstall.
set -euo pipefail
prefix=$(mktemp -d /tmp/rtemem-install.XXXXXX)
stage=$(mktemp -d /tmp/rtemem-stage.XXXXXX)
trap 'rm -rf "$prefix" "$stage"' EXIT
make install PREFIX="$prefix" >/dev/null
ci/check-symbols.sh "$prefix/lib" "$prefix/include/rtemem"
cat > "$prefix/prog.c" <<'PROG'
#include <stdio.h>
#include <rte_eal.h>
#include <rte_memory.h>

/* The application's own function, named like one inside the library: the
 * static link must not clash with it, the shared library must not call it. */
int eal_parse_args(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return -1;
}

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
# $1: the pkg-config name; the rest: the program's EAL options.
build_and_run() {
	local pc=$1 lib=lib$1 deps
	shift
	# shellcheck disable=SC2046
	cc -o "$prefix/prog-$pc" "$prefix/prog.c" $(pkg-config --cflags --libs "$pc")
	"$prefix/prog-$pc" "$@"
	# The same program with the static library (-l: names the file, not the .so).
	# shellcheck disable=SC2046
	cc -o "$prefix/prog-$pc-static" "$prefix/prog.c" $(pkg-config --cflags "$pc") \
		$(pkg-config --static --libs "$pc" | sed "s/-l$1\\b/-l:$lib.a/")
	"$prefix/prog-$pc-static" "$@"
	# ldd's output in a variable first: with pipefail, grep -q leaving at the
	# first match can kill ldd with SIGPIPE and fail the pipeline.
	deps=$(ldd "$prefix/prog-$pc")
	grep -q "$lib\.so" <<<"$deps" || { echo "prog-$pc does not use $lib.so" >&2; exit 1; }
}
build_and_run rtemem-sim --in-memory
# The Linux flavour on base pages: hugepages are linux-test's business.
build_and_run rtemem --in-memory --no-huge
for t in info svg; do
	"$prefix/bin/rtemem-$t" --help >/dev/null
	"$prefix/bin/rtemem-sim-$t" --help >/dev/null
done

make install DESTDIR="$stage" PREFIX=/usr >/dev/null
for f in bin/rtemem-info bin/rtemem-svg lib/librtemem.a lib/librtemem.so lib/pkgconfig/rtemem.pc \
	bin/rtemem-sim-info bin/rtemem-sim-svg lib/librtemem-sim.a lib/librtemem-sim.so \
	lib/pkgconfig/rtemem-sim.pc include/rtemem/rte_eal.h share/man/man1/rtemem-info.1 \
	share/man/man1/rtemem-svg.1 share/man/man1/rtemem-sim-info.1; do
	[ -e "$stage/usr/$f" ] || { echo "staged install: no usr/$f" >&2; exit 1; }
done
if grep -q -e rpath -e "$stage" "$stage"/usr/lib/pkgconfig/*.pc; then
	echo "staged install: a .pc file has an rpath or the staging directory" >&2
	exit 1
fi
make uninstall DESTDIR="$stage" PREFIX=/usr >/dev/null
left=$(find "$stage" -type f -o -type l)
[ -z "$left" ] || { echo "uninstall left: $left" >&2; exit 1; }
echo "install check: OK (rtemem and rtemem-sim $(pkg-config --modversion rtemem); staged install and uninstall)"
