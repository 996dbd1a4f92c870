#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Mutation testing: does each module's test binary notice a one-token bug?

Every mutant changes one token of one C file inside a function body:
  rel     <  <=  >  >=  ==  !=  flipped to its neighbour (< to <=, == to !=, ...)
  const+1 / const-1   an integer constant one higher / lower
  del     a whole one-line statement replaced by (void)0; (declarations,
          returns, jumps and control statements are left alone)
  ret     return 0 <-> return -1
  bool    true <-> false
  logic   && <-> ||
Comments, strings, preprocessor lines, _Static_assert, attributes and log
calls are never touched, nor anything outside a function body (table and struct layout
mutants either do not compile or change nothing a test could observe).

A mutant is named "file:line:col op"; the list is a pure function of the
sources, and --sample N picks N of them with a seeded random.Random, so the
same seed on the same tree always runs the same mutants.

Each mutant is built in a scratch copy of the tree (the worktree is never
written): the copy is built once, its build directory kept as a pristine
snapshot, and after each mutant the source and every build file that changed
are put back, so the next mutant rebuilds one object, the library archive and
the test binaries only. The module's test binaries then run with a timeout
(5x their unmutated time, at least 10 s):
  killed     a test failed, crashed or timed out
  survived   every test passed: a bug the suite cannot see
  stillborn  the mutant does not compile (-Werror); not counted in the rate
Mutants listed in ci/mutate-equivalent.txt change no behaviour and are not
run. Exit status: 0, or 1 if the kill rate is below --floor, 2 on a tool error
(the unmutated tree does not build or its tests fail).
"""

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import namedtuple

# Module -> (its sources, the test binaries that must catch a bug in them).
MODULES = {
    "fbarray":     (["src/fbarray.c"], ["test_fbarray"]),
    # Page-size flags reach the heap only through memzones: test_memzone too.
    "malloc":      (["src/malloc_elem.c", "src/malloc_heap.c", "src/malloc_heap_check.c",
                     "src/malloc_heap_ext.c", "src/malloc_retain.c", "src/malloc_svg.c",
                     "src/rte_malloc.c"], ["test_malloc", "test_malloc_random", "test_memzone"]),
    "ring":        (["src/ring.c", "include/rte_ring.h", "include/rte_ring_core.h",
                     "include/rte_ring_elem.h"], ["test_ring"]),
    "mempool":     (["src/mempool.c", "src/mempool_ops.c", "src/mempool_ring.c",
                     "include/rte_mempool.h"], ["test_mempool"]),
    # test_ethdev drives an emulated X710 through the whole ethdev API.
    "i40e":        (["i40e/i40e_rx.c", "i40e/i40e_ethdev.c", "i40e/i40e_rx_bulk.c",
                     "i40e/i40e_rx_vec.c", "i40e/i40e_rx_vec_avx2.c", "i40e/i40e_rxq_ctx.c",
                     "i40e/i40e_hmc.c", "i40e/i40e_rx_select.c", "i40e/i40e_queue_info.c",
                     "i40e/i40e_link.c", "i40e/i40e_ptype.c"], ["test_i40e_rx", "test_ethdev"]),
    # The admin queue and its commands: test_sim_i40e calls them directly.
    "i40e_aq":     (["i40e/i40e_adminq.c", "i40e/i40e_aq_cmds.c", "i40e/i40e_filter.c",
                     "i40e/i40e_rss.c"], ["test_sim_i40e", "test_i40e_rx", "test_ethdev"]),
    "sim_i40e":    (["sim/sim_i40e.c", "sim/sim_i40e_parse.c", "sim/sim_crc.c"],
                    ["test_sim_i40e", "test_i40e_rx"]),
    "memzone":     (["src/eal_memzone.c"], ["test_memzone"]),
    "mbuf":        (["src/mbuf.c", "include/rte_mbuf.h", "include/rte_mbuf_core.h"], ["test_mbuf"]),
    "memseg":      (["src/eal_memseg.c", "src/eal_memalloc.c", "src/eal_memory.c"], ["test_memseg"]),
    "eal":         (["src/eal.c", "src/eal_options.c"], ["test_eal"]),
    "lcore":       (["src/eal_lcore.c"], ["test_lcore"]),
    "ethdev":      (["src/ethdev.c", "src/ethdev_callbacks.c", "src/ethdev_filter.c",
                     "src/ethdev_info.c", "src/ethdev_link.c", "src/ethdev_names.c",
                     "src/ethdev_optional.c", "src/ethdev_owner.c", "src/ethdev_queue.c",
                     "src/ethdev_rss.c", "src/ethdev_stats.c"], ["test_ethdev", "test_i40e_rx"]),
    # A heap's repair after its lock holder died: only other processes see it.
    "multiprocess": (["src/eal_mp.c", "src/malloc_heap_lock.c"], ["test_multiprocess"]),
    "sim_machine": (["sim/sim_machine.c", "sim/sim_models.c"], ["test_sim_machine"]),
    "net":         (["src/net_ether.c", "include/rte_ip.h", "include/rte_ether.h"], ["test_net"]),
    "mbuf_ptype":  (["src/mbuf_ptype.c"], ["test_mbuf_ptype"]),
}
FILE_MODULE = {f: m for m, (files, _) in MODULES.items() for f in files}
# What a test runs besides itself (paths under the build directory).
TEST_NEEDS = {"test_multiprocess": ["tools/rtemem-info"]}

EQUIVALENT_LIST = "ci/mutate-equivalent.txt"
BUILD_DIR = "build/mutate"  # inside the scratch copy only

Token = namedtuple("Token", "kind text start end")
Mutant = namedtuple("Mutant", "file line col op start end new")

# --- C tokens ----------------------------------------------------------------

PUNCT = sorted("""<<= >>= ... -> ++ -- << >> <= >= == != && || *= /= %= += -= &= ^= |= ##
    [ ] ( ) { } . & * + - ~ ! / % < > ^ | ? : ; = , #""".split(), key=len, reverse=True)
TOKEN_RE = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
  | (?P<number>\.?\d(?:[eEpP][+-]|[\w.])*)
  | (?P<ident>[A-Za-z_]\w*)
  | (?P<punct>""" + "|".join(re.escape(p) for p in PUNCT) + r""")
""", re.S | re.X)
# A preprocessor line, with its backslash continuations.
PREPROC_RE = re.compile(r"[ \t]*#(?:\\\n|[^\n])*")
INT_RE = re.compile(r"(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)")


def tokenize(src):
    """Code tokens only: comments, whitespace and preprocessor lines dropped."""
    toks, pos, bol = [], 0, True
    while pos < len(src):
        if bol:
            m = PREPROC_RE.match(src, pos)
            if m:
                pos = m.end()
                continue
        m = TOKEN_RE.match(src, pos)
        if not m:
            raise ValueError("cannot tokenize at offset %d: %r" % (pos, src[pos:pos + 20]))
        kind, text = m.lastgroup, m.group()
        if kind == "ws":
            if "\n" in text:
                bol = True
        elif kind != "comment":
            toks.append(Token(kind, text, m.start(), m.end()))
            bol = False
        pos = m.end()
    return toks


# Token runs to leave alone: the name and its parenthesised argument. The
# last two compile to nothing in the build the mutants are tested in.
SKIP_CALLS = {"_Static_assert", "static_assert", "RTE_BUILD_BUG_ON", "__attribute__",
              "__rte_aligned", "_Alignas", "alignas", "RTE_ASSERT", "__rte_mbuf_sanity_check"}
TYPE_WORDS = {"void", "char", "short", "int", "long", "float", "double", "signed", "unsigned",
              "_Bool", "bool", "struct", "union", "enum", "const", "volatile", "static",
              "extern", "register", "inline", "typedef", "__rte_unused", "RTE_ATOMIC"}
NOT_STATEMENTS = {"return", "break", "continue", "goto", "case", "default", "if", "else",
                  "for", "while", "do", "switch", "sizeof"} | TYPE_WORDS
STATEMENT_START = {";", "{", "}", ":", "else", ")"}


def mark_code(toks):
    """in_code[i]: token i lies inside a function body (and outside a skipped call)."""
    in_code = [False] * len(toks)
    stack = []  # one bool per open brace: a block of code?
    i = 0
    while i < len(toks):
        t = toks[i]
        # Log calls too: a wrong number in a message is not a bug a test should pin.
        if t.text in SKIP_CALLS or (t.text.endswith("LOG") and toks[i + 1:i + 2]
                                      and toks[i + 1].text == "("):
            depth, i = 0, i + 1
            while i < len(toks):
                depth += {"(": 1, ")": -1}.get(toks[i].text, 0)
                i += 1
                if depth == 0:
                    break
            continue
        if t.text == "{":
            prev = toks[i - 1].text if i else ""
            if stack and stack[-1]:
                # Inside code: a block after a condition, else, do or another
                # statement; not an initialiser or a struct definition.
                code = prev in (")", "else", "do", ";", "{", "}", ":")
            else:
                code = prev == ")"  # a function body follows its parameter list
            stack.append(code)
        elif t.text == "}":
            if stack:
                stack.pop()
        else:
            in_code[i] = bool(stack) and stack[-1]
        i += 1
    return in_code


def is_declaration(toks):
    """A line's tokens start a declaration: a type word, 'T x', 'T *x'."""
    if toks[0].text in TYPE_WORDS or toks[0].text.endswith("_t"):
        return True
    if len(toks) >= 2 and toks[0].kind == "ident" and toks[1].kind == "ident":
        return True
    return (len(toks) >= 3 and toks[0].kind == "ident" and toks[1].text == "*"
            and toks[2].kind == "ident" and len(toks) > 3 and toks[3].text in ("=", ";", "[", ","))


def line_col(src, offset):
    line = src.count("\n", 0, offset) + 1
    return line, offset - (src.rfind("\n", 0, offset) + 1) + 1


def mutants_of(path, src):
    toks = tokenize(src)
    in_code = mark_code(toks)
    out = []

    def add(op, first, last, new):
        line, col = line_col(src, toks[first].start)
        out.append(Mutant(path, line, col, op, toks[first].start, toks[last].end, new))

    rel = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "=="}
    for i, t in enumerate(toks):
        if not in_code[i]:
            continue
        if t.text in rel:
            add("rel", i, i, rel[t.text])
        elif t.text in ("&&", "||"):
            add("logic", i, i, "||" if t.text == "&&" else "&&")
        elif t.text in ("true", "false"):
            add("bool", i, i, "false" if t.text == "true" else "true")
        elif t.text == "return" and i + 2 < len(toks) and toks[i + 1].text == "0" \
                and toks[i + 2].text == ";":
            add("ret", i + 1, i + 1, "-1")
        elif t.text == "return" and i + 3 < len(toks) and toks[i + 1].text == "-" \
                and toks[i + 2].text == "1" and toks[i + 3].text == ";":
            add("ret", i + 1, i + 2, "0")
        elif t.kind == "number":
            m = INT_RE.fullmatch(t.text)
            if not m or (toks[i - 1].text == "[" and toks[i + 1].text == "]"):
                continue  # floats; array sizes
            digits, suffix = m.groups()
            value = int(digits, 0)
            hexa = digits[:2].lower() == "0x"
            for op, v in (("const+1", value + 1), ("const-1", value - 1)):
                if v >= 0:
                    add(op, i, i, (hex(v) if hexa else str(v)) + suffix)
    out.extend(deletions(path, src, toks, in_code))
    return sorted(out, key=lambda m: (m.line, m.col, m.op))


def deletions(path, src, toks, in_code):
    """Whole one-line statements: from a statement start to ';' on the same line."""
    out = []
    for i, t in enumerate(toks):
        if not in_code[i] or t.text in NOT_STATEMENTS or i == 0:
            continue
        if toks[i - 1].text not in STATEMENT_START:
            continue
        line = src.count("\n", 0, t.start)
        if src.count("\n", 0, toks[i - 1].start) == line:
            continue  # not the first token of its line: a cast, a label, a ternary
        j, depth = i, 0
        while j < len(toks) and src.count("\n", 0, toks[j].start) == line:
            depth += {"(": 1, ")": -1, "[": 1, "]": -1, "{": 1, "}": -1}.get(toks[j].text, 0)
            if toks[j].text == ";" or depth < 0:
                break
            j += 1
        if j == len(toks) or toks[j].text != ";" or depth != 0 or j == i:
            continue
        if is_declaration(toks[i:j]):
            continue
        # The statement must end its line (no second statement after it).
        if j + 1 < len(toks) and src.count("\n", 0, toks[j + 1].start) == line:
            continue
        l, c = line_col(src, t.start)
        out.append(Mutant(path, l, c, "del", t.start, toks[j].end, "(void)0;"))
    return out


def mutant_id(m):
    return "%s:%d:%d %s" % (m.file, m.line, m.col, m.op)


def apply(src, m):
    return src[:m.start] + m.new + src[m.end:]


def describe(src, m):
    """The original line and what the mutant does to it."""
    start = src.rfind("\n", 0, m.start) + 1
    end = src.find("\n", m.start)
    line = src[start:end if end >= 0 else None].strip()
    return "%s    [%s -> %s]" % (line, src[m.start:m.end], m.new)


def read_equivalents(root):
    path = os.path.join(root, EQUIVALENT_LIST)
    if not os.path.exists(path):
        return set()
    with open(path) as f:
        return {line.split("#", 1)[0].strip() for line in f} - {""}


# --- the scratch tree ----------------------------------------------------------

def make_env():
    # A parent make's jobserver and flags must not leak into ours.
    env = dict(os.environ)
    for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"):
        env.pop(k, None)
    return env


class Scratch:
    def __init__(self, root, tests, jobs):
        self.dir = tempfile.mkdtemp(prefix="rtemem-mutate.")
        self.tests, self.jobs = tests, jobs
        files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                                "--exclude-standard"], cwd=root, check=True,
                               stdout=subprocess.PIPE).stdout.split(b"\0")
        for f in filter(None, files):
            f = f.decode()
            if os.path.isfile(os.path.join(root, f)):
                os.makedirs(os.path.join(self.dir, os.path.dirname(f)), exist_ok=True)
                shutil.copy2(os.path.join(root, f), os.path.join(self.dir, f))
        self.build = os.path.join(self.dir, BUILD_DIR)
        self.pristine = self.build + ".pristine"

    def make(self, tests):
        targets = []
        for t in tests:
            targets += ["tests/" + t] + TEST_NEEDS.get(t, [])
        # -g0: debug info is a third of the compile time and changes no code.
        # LeakSanitizer (linked in, no instrumentation: the objects are the
        # same) fails a test binary that leaks at exit, so a mutant that
        # drops a free() is caught as `make SANITIZE=1 sim-test` would.
        cmd = ["make", "-s", "-j%d" % self.jobs, "B=" + BUILD_DIR, "CFLAGS=-g0",
               "LDFLAGS=-fsanitize=leak"] + \
              [BUILD_DIR + "/" + t for t in targets]
        return subprocess.run(cmd, cwd=self.dir, env=make_env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE).returncode == 0

    def snapshot(self):
        shutil.copytree(self.build, self.pristine, symlinks=True)
        self.state = self.stat_tree(self.build)

    @staticmethod
    def stat_tree(top):
        state = {}
        for d, _, names in os.walk(top):
            for n in names:
                p = os.path.join(d, n)
                st = os.lstat(p)
                state[os.path.relpath(p, top)] = (st.st_mtime_ns, st.st_size)
        return state

    def restore_build(self):
        for rel, st in self.stat_tree(self.build).items():
            if self.state.get(rel) == st:
                continue
            dst = os.path.join(self.build, rel)
            os.unlink(dst)
            if rel in self.state:
                shutil.copy2(os.path.join(self.pristine, rel), dst, follow_symlinks=False)

    def run(self, test, timeout):
        """(passed, seconds); a timeout counts as a failure."""
        t0 = time.monotonic()
        p = subprocess.Popen([os.path.join(self.build, "tests", test)], cwd=self.dir,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
        rc = None
        try:
            rc = p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
        finally:
            # Also what the test left behind (forked children), and on our
            # own interruption.
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()
        return rc == 0, time.monotonic() - t0

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def run_mutant(scratch, m, original, timeouts):
    path = os.path.join(scratch.dir, m.file)
    st = os.stat(path)
    tests = MODULES[FILE_MODULE[m.file]][1]
    try:
        with open(path, "w") as f:
            f.write(apply(original, m))
        if not scratch.make(tests):
            return "stillborn", ""
        for t in tests:
            ok, _ = scratch.run(t, timeouts[t])
            if not ok:
                return "killed", t
        return "survived", ""
    finally:
        with open(path, "w") as f:
            f.write(original)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        scratch.restore_build()


# --- report ------------------------------------------------------------------

def rate(k, s):
    return "%5.1f%%" % (100.0 * k / (k + s)) if k + s else "    -"


def report(results, sources):
    print("\n%-28s %7s %8s %9s %6s" % ("file", "killed", "survived", "stillborn", "rate"))
    by_module = {}
    for f in sorted({m.file for m, _ in results}):
        c = {o: sum(1 for m, r in results if m.file == f and r == o)
             for o in ("killed", "survived", "stillborn")}
        print("%-28s %7d %8d %9d %6s" % (f, c["killed"], c["survived"], c["stillborn"],
                                         rate(c["killed"], c["survived"])))
        tot = by_module.setdefault(FILE_MODULE[f], dict.fromkeys(c, 0))
        for o in c:
            tot[o] += c[o]
    print("\n%-28s %7s %8s %9s %6s" % ("module", "killed", "survived", "stillborn", "rate"))
    for mod, c in sorted(by_module.items()):
        print("%-28s %7d %8d %9d %6s" % (mod, c["killed"], c["survived"], c["stillborn"],
                                         rate(c["killed"], c["survived"])))
    survivors = [m for m, r in results if r == "survived"]
    if survivors:
        print("\nsurvivors (a test should have failed):")
        for m in survivors:
            print("  %-36s %s" % (mutant_id(m), describe(sources[m.file], m)))
    k = sum(1 for _, r in results if r == "killed")
    s = len(survivors)
    print("\nkill rate: %d killed / %d (killed + survived) = %s; %d stillborn" %
          (k, k + s, rate(k, s).strip(), sum(1 for _, r in results if r == "stillborn")))
    return 100.0 * k / (k + s) if k + s else 100.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", nargs="*", help="mutate only these files (default: every module's)")
    ap.add_argument("--modules", nargs="*", help="mutate only these modules: " + " ".join(MODULES))
    ap.add_argument("--sample", type=int, help="run N mutants picked with --seed")
    ap.add_argument("--seed", type=int, default=2211, help="sample seed (default 2211)")
    ap.add_argument("--only", action="append", default=[], metavar="ID",
                    help='run the mutant named "file:line:col op" (repeatable)')
    ap.add_argument("--list", action="store_true", help="print the mutants and their lines, run none")
    ap.add_argument("--floor", type=float, help="exit 1 if the kill rate (percent) is below this")
    ap.add_argument("--jobs", type=int, default=2, help="make -j (default 2)")
    args = ap.parse_args()

    root = subprocess.run(["git", "rev-parse", "--show-toplevel"], check=True,
                          stdout=subprocess.PIPE, text=True).stdout.strip()
    bad = set(args.modules or []) - set(MODULES)
    if bad:
        sys.exit("mutate: no module %s (known: %s)" % (" ".join(sorted(bad)), " ".join(MODULES)))
    files = args.files or [f for m, (fs, _) in MODULES.items()
                           if not args.modules or m in args.modules for f in fs]
    unknown = [f for f in files if f not in FILE_MODULE]
    if unknown:
        sys.exit("mutate: no test binary known for %s (add it to MODULES)" % " ".join(unknown))
    sources, mutants = {}, []
    for f in files:
        with open(os.path.join(root, f)) as fh:
            sources[f] = fh.read()
        mutants += mutants_of(f, sources[f])
    if args.only:
        mutants = [m for m in mutants if mutant_id(m) in args.only]
    # Sample first, then drop the equivalent ones: listing one more
    # equivalent mutant must not redraw the whole sample.
    if args.sample is not None and args.sample < len(mutants):
        mutants = sorted(random.Random(args.seed).sample(mutants, args.sample),
                         key=lambda m: (m.file, m.line, m.col, m.op))
    equivalent = read_equivalents(root)
    skipped = [m for m in mutants if mutant_id(m) in equivalent]
    mutants = [m for m in mutants if mutant_id(m) not in equivalent]
    if args.list:
        for m in mutants:
            print("%-40s %s" % (mutant_id(m), describe(sources[m.file], m)))
        return 0
    print("mutate: %d mutants of %d files (%d listed as equivalent, not run)%s" %
          (len(mutants), len(files), len(skipped),
           ", sample seed %d" % args.seed if args.sample is not None else ""), flush=True)

    # SIGTERM (a CI timeout, kill) unwinds like ^C, so the scratch copy goes.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(2))
    tests = sorted({t for m in mutants for t in MODULES[FILE_MODULE[m.file]][1]})
    scratch = Scratch(root, tests, args.jobs)
    try:
        t0 = time.monotonic()
        if not scratch.make(tests):
            print("mutate: the unmutated tree does not build", file=sys.stderr)
            return 2
        timeouts = {}
        for t in tests:
            ok, secs = scratch.run(t, 600)
            if not ok:
                print("mutate: %s fails on the unmutated tree" % t, file=sys.stderr)
                return 2
            timeouts[t] = max(10.0, 5 * secs)
        scratch.snapshot()
        print("mutate: baseline built and passing in %.0f s; timeouts %s" %
              (time.monotonic() - t0, ", ".join("%s %.0fs" % kv for kv in sorted(timeouts.items()))),
              flush=True)
        results = []
        for n, m in enumerate(mutants, 1):
            t1 = time.monotonic()
            outcome, by = run_mutant(scratch, m, sources[m.file], timeouts)
            results.append((m, outcome))
            print("[%d/%d] %-40s %-9s %5.1fs %s" % (n, len(mutants), mutant_id(m), outcome,
                                                    time.monotonic() - t1, by), flush=True)
    finally:
        scratch.remove()
    kill_rate = report(results, sources)
    print("wall time %.0f s" % (time.monotonic() - t0))
    if args.floor is not None and kill_rate < args.floor:
        print("mutate: kill rate %.1f%% is below the floor of %.1f%%" % (kill_rate, args.floor))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
