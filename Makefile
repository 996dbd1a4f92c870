# rtemem build. One library, two HALs chosen at build time:
#   make                 HAL=sim (default): simulated hugepages and NICs
#   make HAL=linux       real hugetlbfs, /proc/self/pagemap, sysfs PCI
# Variants: CC=clang, SANITIZE=1 (ASan+UBSan), SANITIZE=thread (TSan),
# DEBUG=1 (malloc and mempool cookies, asserts), COVERAGE=1 (gcov). Each variant builds
# into its own build/ dir.
#
# Targets: all, sim-test, linux-test, test, examples, tools, install,
# uninstall, clean (fuzz, coverage, bench and cross-test are described in
# README.md).

# The release (rtemem.pc, the library's file name) and the ABI (the soname).
# Bump ABI when an exported symbol goes away or changes meaning, so that
# programs built against the old one keep finding it.
VERSION := 0.1.0
ABI := 0

HAL ?= sim
ifeq ($(filter $(HAL),sim linux),)
$(error HAL must be sim or linux, not '$(HAL)')
endif

PREFIX ?= /usr/local
CC ?= cc
AR ?= ar
OBJCOPY ?= objcopy

compiler := $(if $(findstring clang,$(notdir $(CC))),clang,gcc)
variant := $(HAL)-$(compiler)$(if $(SANITIZE),$(if $(filter thread,$(SANITIZE)),-tsan,-san))$(if \
	$(DEBUG),-debug)$(if $(COVERAGE),-cov)
B := build/$(variant)

# Sanitizer builds at -O1, as the fuzz build here and OSS-Fuzz's: the
# sanitizers check the same, and a build compiles in two thirds of the time
# (test_i40e_rx.c under ASan: 11.4 s at -O2, 6.3 s at -O1; the ASan+debug
# suite, build and run: 272 -> 184 s). The plain builds stay at -O2.
ifdef SANITIZE
OPT ?= -O1
endif
OPT ?= -O2
ifdef COVERAGE
OPT := -O0
endif
CFLAGS_BASE := -std=gnu11 $(OPT) -g -Wall -Wextra -Werror -fPIC -pthread
CPPFLAGS_BASE := -D_GNU_SOURCE -Iinclude -Ihal -Ihal/common -Isrc -Ii40e -DRTEMEM_HAL_$(HAL)=1
LDLIBS_BASE := -pthread

ifeq ($(HAL),sim)
CPPFLAGS_BASE += -Isim -Ihal/sim
LDLIBS_BASE += -lpcap
else
CPPFLAGS_BASE += -Ihal/linux
endif
ifeq ($(SANITIZE),thread)
# TSan does not model stand-alone fences (gcc warns: -Wtsan). The ones we
# have order two loads (the ring's head before tail) or a device access
# (barriers); the happens-before TSan needs comes from acquire/release.
CFLAGS_BASE += -fsanitize=thread -fno-omit-frame-pointer $(if $(filter gcc,$(compiler)),-Wno-tsan)
LDFLAGS_BASE += -fsanitize=thread
else ifdef SANITIZE
CFLAGS_BASE += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS_BASE += -fsanitize=address,undefined
endif
ifdef DEBUG
CPPFLAGS_BASE += -DRTE_MALLOC_DEBUG -DRTE_ENABLE_ASSERT -DRTE_LIBRTE_MEMPOOL_DEBUG
endif
ifdef COVERAGE
CFLAGS_BASE += --coverage
LDFLAGS_BASE += --coverage
TEST_CPPFLAGS := -DRTETEST_COVERAGE=1
endif

ALL_CFLAGS = $(CFLAGS_BASE) $(CFLAGS)
ALL_CPPFLAGS = $(CPPFLAGS_BASE) $(CPPFLAGS)
ALL_LDFLAGS = $(LDFLAGS_BASE) $(LDFLAGS)

LIB_SRCS := $(wildcard src/*.c) $(wildcard hal/common/*.c) $(wildcard hal/$(HAL)/*.c) $(wildcard i40e/*.c)
ifeq ($(HAL),sim)
LIB_SRCS += $(wildcard sim/*.c)
endif
LIB_OBJS := $(LIB_SRCS:%.c=$(B)/obj/%.o)

TEST_SRCS := $(wildcard tests/test_*.c)
TEST_COMMON := $(wildcard tests/common/*.c)
TEST_BINS := $(TEST_SRCS:tests/%.c=$(B)/tests/%)
EXAMPLE_BINS := $(patsubst examples/%.c,$(B)/examples/%,$(wildcard examples/*.c))
TOOL_BINS := $(patsubst tools/%.c,$(B)/tools/%,$(wildcard tools/*.c))

# What the library exports: DPDK's names (with the __rte_ helpers its inline
# functions call, the per_lcore_ thread variables its macros name and
# eal_timer_source, which rte_cycles.h declares) and rtemem's extensions.
# Everything else (eal_, malloc_, hal_, sim_, i40e_...) stays inside both
# the shared and the static library, so it can neither clash with an
# application's names nor become ABI by accident.
API_SYMBOLS := rte_* __rte_* rtemem_* per_lcore_* eal_timer_source

# Each HAL is its own library, so both can be installed side by side:
# librtemem (HAL=linux, real hugepages and NICs) and librtemem-sim.
LIBNAME := rtemem$(if $(filter sim,$(HAL)),-sim)
STATIC_LIB := $(B)/lib$(LIBNAME).a
SHARED_LIB := $(B)/lib$(LIBNAME).so.$(VERSION)
SONAME := lib$(LIBNAME).so.$(ABI)
# The same objects with every symbol still global, for the programs that
# call internal functions: tests, and the two that feed the emulated X710.
# Never installed.
INTERNAL_LIB := $(B)/librtemem-internal.a

.PHONY: all lib test sim-test linux-test examples tools install uninstall clean run-tests demo demo-foreign deps

all: lib examples tools

lib: $(STATIC_LIB) $(SHARED_LIB)

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(INTERNAL_LIB): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

# A version script rather than -fvisibility=hidden and a mark on every
# declaration: the naming rule already says what is API, so one pattern list
# keeps new rte_ functions exported without anyone remembering to.
$(B)/rtemem.map: Makefile
	@mkdir -p $(dir $@)
	printf '{\n\tglobal: %s\n\tlocal: *;\n};\n' '$(API_SYMBOLS:%=%;)' >$@

$(SHARED_LIB): $(LIB_OBJS) $(B)/rtemem.map
	$(CC) -shared $(ALL_LDFLAGS) -Wl,-soname,$(SONAME) -Wl,--version-script,$(B)/rtemem.map \
		-o $@ $(LIB_OBJS) $(LDLIBS_BASE)
	ln -sf $(notdir $@) $(B)/$(SONAME)
	ln -sf $(SONAME) $(B)/lib$(LIBNAME).so

# The static library hides the same names: its objects are linked into one
# (cc -r, so that a cross build uses its own linker) and the calls between
# them resolved, then every symbol outside API_SYMBOLS is made local. An
# archive of separate objects could not: a name one object calls in another
# must stay global.
$(STATIC_LIB): $(LIB_OBJS) Makefile
	$(CC) -r -nostdlib -o $(B)/obj/lib$(LIBNAME).o $(LIB_OBJS)
	$(OBJCOPY) --wildcard $(API_SYMBOLS:%=--keep-global-symbol='%') $(B)/obj/lib$(LIBNAME).o
	rm -f $@
	$(AR) rcs $@ $(B)/obj/lib$(LIBNAME).o

# Test sources compile to their own objects (with dependency files: the public
# headers' inline functions, ring and mbuf, are compiled into the test itself),
# so a change in a library source relinks the tests without recompiling them;
# ci/mutate.py rebuilds once per mutant and would otherwise spend most of its
# time recompiling the test file.
TEST_OBJS := $(TEST_SRCS:tests/%.c=$(B)/tests/obj/%.o) $(TEST_COMMON:tests/common/%.c=$(B)/tests/obj/common/%.o)

$(TEST_OBJS): $(B)/tests/obj/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(TEST_CPPFLAGS) -Itests/common $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(TEST_BINS): $(B)/tests/%: $(B)/tests/obj/%.o $(TEST_COMMON:tests/common/%.c=$(B)/tests/obj/common/%.o) $(INTERNAL_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(INTERNAL_LIB) -lcmocka $(LDLIBS_BASE)

# Examples, tools and benchmarks link the installed form of the library, so
# a missing export breaks the build here, not a user's. rx_demo and
# bench_i40e_rx also play the wire (sim_i40e_*, pkt_source_*).
APP_LIB = $(STATIC_LIB)
SIM_WIRE_PROGS := $(B)/examples/rx_demo $(B)/bench/bench_i40e_rx
$(SIM_WIRE_PROGS): private APP_LIB = $(INTERNAL_LIB)
$(SIM_WIRE_PROGS): $(INTERNAL_LIB)

$(B)/examples/%: examples/%.c $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(APP_LIB) $(LDLIBS_BASE)

$(B)/tools/%: tools/%.c $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(STATIC_LIB) $(LDLIBS_BASE)

examples: $(EXAMPLE_BINS)
tools: $(TOOL_BINS)

# Build and run every cmocka test of the current HAL.
# Under SANITIZE=thread, tests/tsan.supp names the one hand-off TSan cannot
# see (it goes through another process).
run-tests: $(TEST_BINS) $(TOOL_BINS)
	@TSAN_OPTIONS="suppressions=$(CURDIR)/tests/tsan.supp $${TSAN_OPTIONS:-}" \
		ci/run-tests.sh $(TEST_BINS)

# Installs (as root) or names the Debian packages the build needs.
deps:
	@ci/install-deps.sh

# The README's test command: all tests on the simulated machine.
sim-test: deps
	$(MAKE) HAL=sim run-tests

# The tests on real hugepages (root): reserves 2 MB pages, runs, restores.
# One binary at a time: they share the reserved pages.
linux-test: deps
	ci/with-hugepages.sh env RTETEST_JOBS=1 $(MAKE) HAL=linux run-tests

test: sim-test

demo: deps
	$(MAKE) HAL=sim build/sim-$(compiler)/examples/rx_demo
	build/sim-$(compiler)/examples/rx_demo

# The demo on a capture "taken on another host" (other MACs, checksums
# left to the sender's NIC): every frame intact, the bad ones flagged.
demo-foreign: deps
	$(MAKE) HAL=sim build/sim-$(compiler)/examples/rx_demo
	ci/check-demo-foreign.sh build/sim-$(compiler)/examples/rx_demo

# make install puts both flavours side by side, headers shared: the Linux
# library as rtemem (rtemem.pc, the tools as rtemem-info, rtemem-svg) for
# real hugepages and NICs, the simulated one as rtemem-sim (rtemem-sim.pc,
# rtemem-sim-info, rtemem-sim-svg) for tests and CI on any machine.
#
# make install PREFIX=/usr DESTDIR=/tmp/stage stages a package's files;
# the paths written into the .pc files leave DESTDIR out.
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include/rtemem
MANDIR ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
HEADERS := $(wildcard include/*.h)
TOOL_MANS := $(wildcard docs/man/*.1)
# The dynamic loader searches the system prefixes itself (after ldconfig);
# anywhere else, programs built with the .pc files find the library by rpath.
SYSTEM_PREFIX := $(filter /usr /usr/local,$(patsubst %/,%,$(PREFIX)))
PC_RPATH := $(if $(SYSTEM_PREFIX),,-Wl,-rpath,$${libdir} )
# A tool's installed name: rtemem-info from HAL=linux, rtemem-sim-info from HAL=sim.
tool_name = $(patsubst rtemem-%,$(LIBNAME)-%,$(notdir $(1)))

install:
	$(MAKE) HAL=linux install-flavour
	$(MAKE) HAL=sim install-flavour
	$(if $(DESTDIR),,$(if $(SYSTEM_PREFIX),-ldconfig))

uninstall:
	$(MAKE) HAL=linux uninstall-flavour
	$(MAKE) HAL=sim uninstall-flavour
	-rmdir $(DESTDIR)$(INCLUDEDIR) 2>/dev/null

.PHONY: install-flavour uninstall-flavour
# One HAL's library, tools and .pc file, and the shared headers and man pages
# (the sim tools' pages are links to the same pages).
install-flavour: lib tools
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(INCLUDEDIR) \
		$(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(STATIC_LIB) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(SHARED_LIB) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(SHARED_LIB)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/lib$(LIBNAME).so
	install -m 644 $(HEADERS) $(DESTDIR)$(INCLUDEDIR)/
	$(foreach t,$(TOOL_BINS),install -m 755 $(t) $(DESTDIR)$(BINDIR)/$(call tool_name,$(t)) &&) true
	install -m 644 $(TOOL_MANS) $(DESTDIR)$(MANDIR)/man1/
	$(if $(filter sim,$(HAL)),$(foreach m,$(TOOL_MANS),\
		ln -sf $(notdir $(m)) $(DESTDIR)$(MANDIR)/man1/$(call tool_name,$(m)) &&) true)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))|g' \
		-e 's|@INCLUDEDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))|g' \
		-e 's|@VERSION@|$(VERSION)|g' -e 's|@RPATH@|$(PC_RPATH)|g' \
		-e 's|@LIBS_PRIVATE@|$(LDLIBS_BASE)|g' -e 's|@HAL@|$(HAL)|g' -e 's|@NAME@|$(LIBNAME)|g' \
		rtemem.pc.in >$(DESTDIR)$(PKGCONFIGDIR)/$(LIBNAME).pc

# Removes what install-flavour put there (the shared headers with the sim
# flavour, the last one uninstall runs; the man pages go with the Linux one).
uninstall-flavour:
	rm -f $(DESTDIR)$(LIBDIR)/lib$(LIBNAME).a $(DESTDIR)$(LIBDIR)/lib$(LIBNAME).so \
		$(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/$(notdir $(SHARED_LIB)) \
		$(DESTDIR)$(PKGCONFIGDIR)/$(LIBNAME).pc \
		$(foreach t,$(TOOL_BINS) $(TOOL_MANS),$(DESTDIR)$(if $(filter %.1,$(t)),$(MANDIR)/man1,$(BINDIR))/$(call tool_name,$(t)))
	$(if $(filter sim,$(HAL)),rm -f $(HEADERS:include/%=$(DESTDIR)$(INCLUDEDIR)/%))

clean:
	rm -rf build

-include $(LIB_OBJS:.o=.d) $(TEST_OBJS:.o=.d)

# ---------------------------------------------------------------------------
# Fuzzing and coverage (fuzz/, ci/fuzz-smoke.sh, ci/coverage.sh).
#   make fuzz         every fuzz/fuzz_*.c harness for FUZZ_SECONDS (60) each,
#                     its corpus kept in build/fuzz/corpus
#   make fuzz-smoke   every harness for FUZZ_SMOKE_SECONDS (20)
#   Both fail on any crash, leak or timeout and print execs, exec/s and
#   coverage (edges, features) per harness.
#   make coverage     sim-test under gcov, lcov/genhtml into build/coverage/html
# The harnesses link against their own copy of the library (fuzz_rx,
# fuzz_heap and fuzz_eal_args: one each, below), built with clang,
# ASan+UBSan and fuzzer instrumentation into build/fuzz (always HAL=sim).
# ---------------------------------------------------------------------------
.PHONY: fuzz fuzz-build fuzz-smoke coverage

FUZZ_CC ?= clang
FUZZ_B := build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -fPIC -pthread $(FUZZ_SAN)
# The same sources as the main library (HAL=sim, the default).
FUZZ_LIB_SRCS := $(LIB_SRCS)
FUZZ_LIB_OBJS := $(FUZZ_LIB_SRCS:%.c=$(FUZZ_B)/obj/%.o)
FUZZ_LIB := $(FUZZ_B)/librtemem-sim.a
FUZZ_BINS := $(patsubst fuzz/%.c,$(FUZZ_B)/%,$(wildcard fuzz/fuzz_*.c))

$(FUZZ_B)/obj/%.o: %.c
	@test "$(HAL)" = sim || { echo "fuzzing runs on HAL=sim only"; exit 1; }
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS_BASE) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_B)/obj-nocov/%.o: %.c
	@test "$(HAL)" = sim || { echo "fuzzing runs on HAL=sim only"; exit 1; }
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS_BASE) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_B)/obj-nocmp/%.o: %.c
	@test "$(HAL)" = sim || { echo "fuzzing runs on HAL=sim only"; exit 1; }
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS_BASE) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link \
		-fno-sanitize-coverage=trace-cmp -MMD -MP -c $< -o $@

# A harness that tests one module links a library copy of its own,
# build/fuzz/librtemem-sim-<name>.a for fuzz_<name>: only that module's
# sources carry coverage (obj/), those listed as "no comparisons" only
# edges (obj-nocmp), and the rest of the library the sanitizers alone
# (obj-nocov). libFuzzer's per-run work (collecting features, comparison
# tracing) then follows the module, not the whole library; the sanitizers
# still check every file.
#   $(call fuzz_own_lib,NAME,COVERAGE_SOURCES,NO_COMPARISON_SOURCES,HARNESS_COV)
# HARNESS_COV: extra coverage flags for fuzz/fuzz_NAME.c itself.
define fuzz_own_lib
FUZZ_$(1)_COV_SRCS := $(2)
FUZZ_$(1)_NOCMP_SRCS := $(3)
FUZZ_$(1)_LIB_OBJS := $$(FUZZ_$(1)_COV_SRCS:%.c=$$(FUZZ_B)/obj/%.o) \
	$$(FUZZ_$(1)_NOCMP_SRCS:%.c=$$(FUZZ_B)/obj-nocmp/%.o) \
	$$(patsubst %.c,$$(FUZZ_B)/obj-nocov/%.o, \
		$$(filter-out $$(FUZZ_$(1)_COV_SRCS) $$(FUZZ_$(1)_NOCMP_SRCS),$$(FUZZ_LIB_SRCS)))
FUZZ_OWN_LIB_OBJS += $$(FUZZ_$(1)_LIB_OBJS)
$$(FUZZ_B)/librtemem-sim-$(1).a: $$(FUZZ_$(1)_LIB_OBJS)
	rm -f $$@
	$$(AR) rcs $$@ $$^
$$(FUZZ_B)/fuzz_$(1): $$(FUZZ_B)/librtemem-sim-$(1).a
$$(FUZZ_B)/fuzz_$(1): FUZZ_HARNESS_LIB = $$(FUZZ_B)/librtemem-sim-$(1).a
$$(FUZZ_B)/fuzz_$(1): FUZZ_HARNESS_COV = $(4)
endef

# fuzz_rx tests the i40e driver: coverage in the driver and the emulated
# device's frame parser (whose comparisons lead the fuzzer to real headers),
# not in the EAL, heap, mempool, ethdev and the rest of the device. Its own
# model code keeps edges, not comparisons, and so does i40e_rx.c: its queue
# start and stop walk every descriptor with the inlined mbuf and mempool
# helpers, whose comparisons (pointers, reference counts, ring indexes; no
# operand taken from the input) were half of the harness's time, and
# libFuzzer runs without value profiles. So do i40e_rss.c and i40e_rxq_ctx.c:
# every start writes the RSS table entry by entry and packs the queue
# context bit by bit, loops whose comparisons were a twentieth of the time.
FUZZ_RX_NOCMP := i40e/i40e_rx.c i40e/i40e_rss.c i40e/i40e_rxq_ctx.c
$(eval $(call fuzz_own_lib,rx,$(filter-out $(FUZZ_RX_NOCMP),$(filter i40e/%,$(FUZZ_LIB_SRCS))) \
	sim/sim_i40e_parse.c,$(FUZZ_RX_NOCMP),-fno-sanitize-coverage=trace-cmp))

# fuzz_heap tests the malloc heap and memzones: coverage in the heap's
# elements, free-element index and page growth (malloc_elem, malloc_heap,
# malloc_retain, eal_memalloc, whose rollback the HAL faults drive), the
# rte_malloc and memzone entry points; none in the heap check, which is the
# harness's oracle and walks every element after every operation.
$(eval $(call fuzz_own_lib,heap,src/malloc_elem.c src/malloc_heap.c src/malloc_retain.c \
	src/eal_memalloc.c src/rte_malloc.c src/eal_memzone.c src/memzone_index.c,,))

# fuzz_eal_args tests option parsing and what rte_eal_init and
# rte_eal_cleanup do with the options: comparisons traced only where option
# values are parsed (EAL options, log levels, PCI addresses, --sim=), whose
# operands come from the input; edges alone in the rest of the EAL, the
# heap and fbarray it sets up, and the HAL (their comparisons are against
# list, heap and lcore counts: a tenth of the time); nothing in the ethdev,
# mbuf, mempool, ring and i40e code init never reaches, whose counters
# libFuzzer would still scan after every input.
FUZZ_EAL_ARGS_COV := src/eal_options.c src/eal_log.c src/eal_pci_list.c sim/sim_machine.c
FUZZ_EAL_ARGS_NOCMP := $(filter-out $(FUZZ_EAL_ARGS_COV),$(filter src/eal% src/fbarray.c \
	src/malloc_% src/memzone_index.c hal/% sim/sim_models.c,$(FUZZ_LIB_SRCS)))
$(eval $(call fuzz_own_lib,eal_args,$(FUZZ_EAL_ARGS_COV),$(FUZZ_EAL_ARGS_NOCMP),))

FUZZ_HARNESS_LIB = $(FUZZ_LIB)

$(FUZZ_LIB): $(FUZZ_LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_B)/fuzz_%: fuzz/fuzz_%.c $(wildcard fuzz/*.h) $(FUZZ_LIB)
	$(FUZZ_CC) $(CPPFLAGS_BASE) -Ifuzz $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_HARNESS_COV) \
		-o $@ $< $(FUZZ_HARNESS_LIB) $(LDLIBS_BASE)

fuzz-build: $(FUZZ_BINS)

# New inputs go to build/fuzz/corpus/<harness>, kept from run to run; the
# committed seeds stay as they are. Prints exec/s and coverage per harness.
fuzz: fuzz-build
	FUZZ_CORPUS=$(FUZZ_B)/corpus ci/fuzz-smoke.sh $(FUZZ_SECONDS) $(FUZZ_BINS)

fuzz-smoke: fuzz-build
	ci/fuzz-smoke.sh $(FUZZ_SMOKE_SECONDS) $(FUZZ_BINS)

coverage:
	ci/coverage.sh

-include $(FUZZ_LIB_OBJS:.o=.d) $(sort $(FUZZ_OWN_LIB_OBJS:.o=.d))

# ---------------------------------------------------------------------------
# Mutation testing (ci/mutate.py, docs/testing.md): one-token bugs put into a
# scratch copy of the tree, each built and run against its module's tests.
#   make mutate          every mutant of every module (hours; restrict with
#                        MUTATE_FILES="src/fbarray.c ..." or MUTATE_MODULES=ring)
#   make mutate-sample   MUTATE_SAMPLE (40) mutants picked with MUTATE_SEED;
#                        fails below MUTATE_FLOOR percent killed, or on a
#                        tool error, never on a survivor as such
# Both run under nice: they are measurements, not the build.
# ---------------------------------------------------------------------------
.PHONY: mutate mutate-sample

MUTATE_SEED ?= 2211
MUTATE_SAMPLE ?= 40
MUTATE_FLOOR ?= 25
MUTATE_ARGS := --seed $(MUTATE_SEED) $(if $(MUTATE_FILES),--files $(MUTATE_FILES)) \
	$(if $(MUTATE_MODULES),--modules $(MUTATE_MODULES))

mutate:
	nice -n 15 ci/mutate.py $(MUTATE_ARGS)

mutate-sample:
	nice -n 15 ci/mutate.py $(MUTATE_ARGS) --sample $(MUTATE_SAMPLE) --floor $(MUTATE_FLOOR)

# ---------------------------------------------------------------------------
# Other architectures under qemu-user (ci/cross-test.sh).
#   make cross-test ARCH=aarch64   cross-build HAL=sim with Debian's cross gcc
#   make cross-test ARCH=s390x     into build/cross-<arch>/ and run every test
#                                  under qemu-<arch> (s390x: big-endian)
# ARCH may name several: make cross-test ARCH="aarch64 s390x" (the default).
# ---------------------------------------------------------------------------
.PHONY: cross-test stress

ARCH ?= aarch64 s390x

cross-test:
	ci/cross-test.sh $(ARCH)

# make stress [STRESS_RUNS=50] [STRESS_ARCH="native aarch64"]: the
# multi-lcore cases (rx, ring, mempool) repeated natively and under qemu.
STRESS_RUNS ?= 50
STRESS_ARCH ?= native aarch64

stress:
	ci/stress.sh -n $(STRESS_RUNS) $(STRESS_ARCH)

# ---------------------------------------------------------------------------
# Benchmarks (bench/, docs/performance.md, ci/bench-smoke.sh).
#   make bench         every bench/bench_*.c built twice from the same source,
#                      against rtemem ($(HAL)) and, when pkg-config finds
#                      libdpdk, against DPDK 22.11; runs both, prints a table
#   make bench-build   build them only
#   make bench-smoke   build, run each with tiny counts (ci/bench-smoke.sh)
# bench_i40e_rx is rtemem-only (the emulated X710 exists in HAL=sim only).
# The rtemem programs see include/ only, as an application would.
# ---------------------------------------------------------------------------
.PHONY: bench bench-build bench-smoke bench-deps bench-run bench-smoke-run

BENCH_RTEMEM_ONLY := bench_i40e_rx
BENCH_NAMES := $(patsubst bench/%.c,%,$(wildcard bench/bench_*.c))
BENCH_RTEMEM := $(patsubst %,$(B)/bench/%,$(if $(filter sim,$(HAL)),$(BENCH_NAMES),\
	$(filter-out $(BENCH_RTEMEM_ONLY),$(BENCH_NAMES))))
BENCH_HAVE_DPDK := $(shell pkg-config --exists libdpdk 2>/dev/null && echo yes)
BENCH_DPDK_B := build/bench-dpdk-$(compiler)
BENCH_DPDK := $(if $(BENCH_HAVE_DPDK),$(patsubst %,$(BENCH_DPDK_B)/%,\
	$(filter-out $(BENCH_RTEMEM_ONLY),$(BENCH_NAMES))))

$(B)/bench/%: bench/%.c bench/bench.h $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(CC) -Iinclude $(if $(filter sim,$(HAL)),-Isim -Ii40e) -Ibench $(ALL_CFLAGS) $(ALL_LDFLAGS) \
		-o $@ $< $(APP_LIB) $(LDLIBS_BASE)

$(BENCH_DPDK_B)/%: bench/%.c bench/bench.h
	@mkdir -p $(dir $@)
	$(CC) $(shell pkg-config --cflags libdpdk 2>/dev/null) -Ibench -std=gnu11 -O2 -g \
		-Wall -Wextra -Werror -pthread -o $@ $< $(shell pkg-config --libs libdpdk 2>/dev/null)

bench-build: $(BENCH_RTEMEM) $(BENCH_DPDK)

BENCH_DIRS := $(B)/bench $(if $(BENCH_HAVE_DPDK),$(BENCH_DPDK_B))

# DPDK 22.11 for the side-by-side column: Debian's libdpdk-dev, installed
# first when root (otherwise named, and the column is left out). The run is
# a second make, so that it sees the pkg-config answer of after the install.
bench-deps:
	-@ci/install-deps.sh libdpdk-dev

bench: bench-deps
	$(MAKE) bench-run

bench-run: bench-build
	BENCH_HAL=$(HAL) bench/run.sh $(BENCH_DIRS)

# ci/bench-smoke.sh: tiny iteration counts; fails only if a program fails.
bench-smoke: bench-deps
	$(MAKE) bench-smoke-run

bench-smoke-run: bench-build
	BENCH_HAL=$(HAL) bench/run.sh --smoke $(BENCH_DIRS)
