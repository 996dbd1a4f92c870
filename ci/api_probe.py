#!/usr/bin/env python3
"""List every name the given DPDK 22.11 headers declare and report which of
them rtemem's headers do not provide, in C and in C++, with gcc and clang.

Usage: api_probe.py PREFIX OUT_FILE HEADER...   (PREFIX: where make install put rtemem)
Prints one table row per header; writes "LANG header name" for every name
missing to OUT_FILE (LANG: gcc, g++, clang, clang++), sorted.

How a name is judged: one probe file per header and language references
each name on a line of its own (a function's or variable's address, an enum
value, sizeof a type, #ifndef for a macro). The probe is compiled with
-fsyntax-only -w, so every diagnostic that points at a probe line is an
error about that line's name. The same probe is first compiled against
DPDK's own headers: a name that fails there (another architecture's macro,
a forward-declared struct) is not something an application can use, so it
is dropped instead of being counted against rtemem.

Last, every function and variable that compiled is linked, from one program
per language, against the installed library (pkg-config rtemem): a name
declared but not exported, or exported without extern "C", is missing too.
"""
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

DPDK_DIRS = ["/usr/include/x86_64-linux-gnu/dpdk", "/usr/include/dpdk",
             "/usr/include/dpdk/generic"]
# DPDK's ring sync-mode headers do not compile alone: rte_ring_elem.h pulls
# them in, and programs include rte_ring.h first.
NEEDS_FIRST = {h: "rte_ring.h" for h in
               ("rte_ring_peek.h", "rte_ring_peek_zc.h", "rte_ring_hts.h", "rte_ring_rts.h")}
# _GNU_SOURCE as g++ always has it: without it DPDK hides rte_lcore_cpuset (no cpu_set_t).
# DPDK defines these as macros for strict ISO modes; as an expression they would not parse.
KEYWORDS = {"asm", "typeof"}
# No error limit: every missing name must get its own diagnostic.
LANGS = {"gcc": ["gcc", "-x", "c", "-std=gnu11", "-D_GNU_SOURCE", "-fmax-errors=0"],
         "g++": ["g++", "-x", "c++", "-std=c++17", "-fmax-errors=0"],
         "clang": ["clang", "-x", "c", "-std=gnu11", "-D_GNU_SOURCE", "-ferror-limit=0"],
         "clang++": ["clang++", "-x", "c++", "-std=c++17", "-ferror-limit=0"]}


def dpdk_files(header):
    """The x86_64 header and, for arch headers, the generic one it wraps."""
    return [os.path.join(d, header) for d in DPDK_DIRS
            if os.path.exists(os.path.join(d, header))]


def names_of(header):
    """(kind, name) for every name the header declares that an application may use."""
    out = subprocess.run(["ctags", "-x", "--_xformat=%K %N", "--kinds-C=+px", "--language-force=C",
                          "-I", "__rte_experimental,__rte_internal"]
                         + dpdk_files(header), capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines():
        kind, name = line.split()
        # Names starting with '_' are DPDK's internals (inline helpers such as
        # __rte_ring_do_enqueue, include guards), except the __rte_* attribute
        # macros that applications write themselves (__rte_cache_aligned ...).
        if name.startswith("_") and not (kind == "macro" and name.startswith("__rte_")):
            continue
        if kind == "macro" and re.search(r"_H_?$", name):
            continue  # include guard
        if kind == "member" or name.startswith("__anon"):
            continue
        found.setdefault(name, kind)  # a function is both defined and prototyped: count it once
    return sorted((kind, name) for name, kind in found.items())


def probe_line(kind, name):
    if kind in ("function", "prototype", "variable", "externvar"):
        return f"(void)&{name};"
    if kind == "enumerator":
        return f"(void){name};"
    if kind in ("struct", "union", "enum"):
        return f"(void)sizeof({kind} {name});"
    return f"(void)sizeof({name});"  # typedef


def write_probe(path, header, names):
    """The probe source, and which name each of its lines is about."""
    first = [f"#include <{NEEDS_FIRST[header]}>"] if header in NEEDS_FIRST else []
    lines, owner = first + [f"#include <{header}>", "void api_probe(void);", "void api_probe(void) {"], {}
    for kind, name in names:
        if kind == "macro" and name not in KEYWORDS:
            # What DPDK makes a macro rtemem may make a function, variable or
            # enum value (rte_smp_rmb is an inline): the call still compiles.
            lines += [f"#ifndef {name}", f"(void){name};"]
            owner[len(lines)] = name
            lines.append("#endif")
        elif kind != "macro":
            lines.append(probe_line(kind, name))
            owner[len(lines)] = name
    lines.append("}")
    for kind, name in names:
        if kind == "macro" and name in KEYWORDS:
            lines += [f"#ifndef {name}", f"#error {name}"]
            owner[len(lines)] = name
            lines.append("#endif")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return owner


def failing(cmd, path, owner):
    """Names whose probe line draws a diagnostic; None if the header itself fails."""
    res = subprocess.run(cmd + ["-fsyntax-only", "-w", path],
                         capture_output=True, text=True)
    if res.returncode == 0:
        return set()
    bad = set()
    base = re.escape(os.path.basename(path))
    for m in re.finditer(base + r":(\d+):", res.stderr):
        line = int(m.group(1))
        if line in owner:
            bad.add(owner[line])
        else:
            return None  # an error outside the probe lines: the header does not compile
    return bad if bad else None


def check(job):
    header, lang, tmp, rtemem_inc = job
    names = names_of(header)
    path = os.path.join(tmp, header.replace(".h", "") + (".cc" if lang.endswith("++") else ".c"))
    owner = write_probe(path, header, names)
    dpdk = LANGS[lang] + subprocess.run(["pkg-config", "--cflags", "libdpdk"], capture_output=True,
                                        text=True, check=True).stdout.split()
    unusable = failing(dpdk, path, owner)
    if unusable is None:
        sys.exit(f"{header} ({lang}): DPDK's own header does not compile in the probe")
    usable = [(k, n) for k, n in names if n not in unusable]
    if not os.path.exists(os.path.join(rtemem_inc, header)):
        return header, lang, usable, {n for _, n in usable}, False
    rtemem = LANGS[lang] + ["-I", rtemem_inc]
    # The header alone first: an error in it that no probe line triggers would
    # otherwise hide behind the errors of the missing names.
    write_probe(path, header, [])
    missing = failing(rtemem, path, {})
    if missing is not None:
        owner = write_probe(path, header, usable)
        missing = failing(rtemem, path, owner)
    compiles = missing is not None
    if not compiles:  # nothing in it is usable
        print(f"api: rtemem's {header} does not compile as {lang}", file=sys.stderr)
        missing = {n for _, n in usable}
    return header, lang, usable, missing, compiles


def link_missing(lang, prefix, tmp, results):
    """Functions and variables that compile but do not link, as {name: header}."""
    pc = dict(os.environ, PKG_CONFIG_PATH=os.path.join(prefix, "lib", "pkgconfig"))
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "rtemem"], env=pc,
                           capture_output=True, text=True, check=True).stdout.split()
    lines, where = [], {}
    for header, rlang, usable, missing, compiles in results:
        if rlang != lang or not compiles:
            continue
        lines.append(f"#include <{header}>")
        for kind, name in usable:
            if kind in ("function", "prototype", "variable", "externvar") and name not in missing:
                where[name] = header
    lines += ["int main(void)", "{", "\tvoid *volatile use;"]
    lines += [f"\tuse = (void *)&{name};" for name in sorted(where)]
    lines += ["\t(void)use;", "\treturn 0;", "}"]
    path = os.path.join(tmp, "link" + (".cc" if lang.endswith("++") else ".c"))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    res = subprocess.run(LANGS[lang] + ["-w", "-o", path + ".out", path, "-x", "none"] + flags,
                         capture_output=True, text=True)
    if res.returncode == 0:
        return {}
    undefined = set(re.findall(r"undefined reference to `(\w+)", res.stderr))
    if not undefined:
        sys.exit(f"api: the {lang} link program fails for another reason:\n{res.stderr}")
    return {name: where[name] for name in undefined if name in where}


def main():
    prefix, out_file, headers = sys.argv[1], sys.argv[2], sys.argv[3:]
    rtemem_inc = os.path.join(prefix, "include", "rtemem")
    with tempfile.TemporaryDirectory() as tmp:
        for lang in LANGS:
            os.mkdir(os.path.join(tmp, lang))
        jobs = [(h, lang, os.path.join(tmp, lang), rtemem_inc) for h in headers for lang in LANGS]
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(check, jobs))
        for lang in LANGS:
            unlinked = link_missing(lang, prefix, os.path.join(tmp, lang), results)
            for name, header in sorted(unlinked.items()):
                print(f"api: {name} ({header}) compiles but does not link ({lang})", file=sys.stderr)
            for header, rlang, _, missing, _ in results:
                if rlang == lang:
                    missing |= {n for n, h in unlinked.items() if h == header}
    table, missing_all = {}, set()
    for header, lang, usable, missing, _ in results:
        table.setdefault(header, {})[lang] = (len(usable), len(missing))
        missing_all |= {f"{lang} {header} {n}" for n in missing}
    # Names per language: a few of DPDK's differ (its "asm" macro is C only).
    print(f"{'header':24}" + "".join(f" {lang + ' names':>14} {'missing':>8}" for lang in LANGS))
    tot = [0] * (2 * len(LANGS))
    for header in headers + ["total"]:
        row = tot if header == "total" else [x for lang in LANGS for x in table[header][lang]]
        print(f"{header:24}" + "".join(f" {row[i]:14} {row[i + 1]:8}" for i in range(0, len(row), 2)))
        if header != "total":
            tot = [t + r for t, r in zip(tot, row)]
    with open(out_file, "w") as f:
        f.writelines(line + "\n" for line in sorted(missing_all))


if __name__ == "__main__":
    main()
