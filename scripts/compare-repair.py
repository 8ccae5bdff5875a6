#!/usr/bin/env python3
"""Measure textwash's repair stage against ftfy, in one run.

    python3 scripts/compare-repair.py [--anchors ../shared/anchors] [--textwash target/release/textwash]
                                      [--cases FILE] [--show-failures]

(a) ftfy's own test suite (../shared/anchors/ftfy-test-cases, read here, never copied into the
    repository) through `textwash clean --jsonl --no-strip --no-normalize`. Each case is compared
    with `fixed-encoding` when it has one, else with `fixed`: textwash's repair keeps curly quotes
    and does not fold width or ligatures, which is what ftfy's `fix_encoding` does too. A case whose
    output equals ftfy's `fixed` instead (HTML references unescaped by `--html-entities auto`) is
    counted as a pass and listed. Reports the 151 expected-pass cases (31 of them negative: must
    not change) and how many of the 10 known failures textwash gets right.

(b) Our generated set (tests/it/repair/generate.rs, exported by
    `cargo run --release --example repair-cases`, or read from --cases), through textwash and through
    ftfy.fix_encoding (ftfy must be importable), side by side: repair rate on the damaged cases and
    false-positive rate on the clean ones.

Needs a release build: `cargo build --release --examples`. Python 3 standard library plus ftfy.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_textwash(binary: str, texts: list[str]) -> list[str]:
    """Cleans each text as one JSON Lines record with repair only."""
    lines = "".join(json.dumps({"i": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts))
    out = subprocess.run(
        [binary, "clean", "--jsonl", "--no-strip", "--no-normalize", "-j", "1"],
        input=lines.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if out.returncode not in (0,):
        sys.exit(f"textwash failed ({out.returncode}): {out.stderr.decode('utf-8', 'replace')}")
    got = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
    assert len(got) == len(texts), (len(got), len(texts))
    return [g["text"] for g in sorted(got, key=lambda g: g["i"])]


def ftfy_suite(anchors: str, binary: str, show: bool) -> bool:
    folder = os.path.join(anchors, "ftfy-test-cases")
    cases = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            for case in json.load(open(os.path.join(folder, name), encoding="utf-8")):
                case["file"] = name
                cases.append(case)
    got = run_textwash(binary, [c["original"] for c in cases])
    stats = collections.Counter()
    via_fixed, failures = [], []
    for case, out in zip(cases, got):
        want = case.get("fixed-encoding", case["fixed"])
        negative = case["file"] == "negative.json"
        ok = out == want
        if not ok and out == case["fixed"]:
            ok = True
            via_fixed.append(case)
        if case["expect"] == "pass":
            stats["pass-total"] += 1
            stats["pass-ok"] += ok
            if negative:
                stats["neg-total"] += 1
                stats["neg-ok"] += ok
                stats["neg-unchanged"] += out == case["original"]
                stats["neg-should-change"] += want != case["original"]
            if not ok:
                failures.append((case, out, want))
        else:
            stats["known-total"] += 1
            stats["known-fixed"] += ok
            if show and not ok:
                print(f"  known failure still failing: {case['original']!r} -> {out!r} (want {want!r})")
    print("(a) ftfy test suite through textwash clean --jsonl --no-strip --no-normalize")
    print(f"    expected-pass cases passing: {stats['pass-ok']}/{stats['pass-total']}")
    print(
        f"    negative cases right:        {stats['neg-ok']}/{stats['neg-total']} "
        f"({stats['neg-unchanged']} unchanged; {stats['neg-should-change']} expects only a C1 control fixed)"
    )
    print(f"    known failures fixed:        {stats['known-fixed']}/{stats['known-total']}")
    for case in via_fixed:
        print(f"    passes as ftfy's fix_text (HTML references unescaped): {case['original']!r}")
    for case, out, want in failures:
        print(f"    FAIL [{case['file']}] {case['original']!r}\n         got  {out!r}\n         want {want!r}")
    return not failures and stats["neg-ok"] == stats["neg-total"]


PY_CODECS = {"latin-1": "latin_1", "iso-8859-2": "iso8859_2", "mac-roman": "mac_roman", "cp437": "cp437", "koi8-r": "koi8_r"}


def sloppy_table(name: str) -> list[str]:
    """Python's codec for a textwash code page name, undefined bytes as U+00NN."""
    codec = PY_CODECS.get(name, name.replace("windows-", "cp"))
    table = []
    for b in range(256):
        try:
            table.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            table.append("\u05ba" if (codec, b) == ("cp1255", 0xCA) else chr(b))
    return table


def check_generator(cases: list[dict]) -> None:
    """Re-derives every whole-line and layered case with Python's codecs."""
    tables: dict[str, list[str]] = {}
    checked = wrong = 0
    for case in cases:
        if not case["layers"]:
            continue
        text = case["expected"]
        for name in case["layers"]:
            table = tables.setdefault(name, sloppy_table(name))
            text = "".join(table[b] for b in text.encode("utf-8"))
        checked += 1
        if text != case["input"]:
            wrong += 1
            print(f"    generator disagrees with Python's codecs: {case['kind']} {case['expected'][:60]!r}")
    print(f"    generator checked against Python's codecs: {checked - wrong}/{checked} whole and layered cases agree")


def generated_set(path: str, binary: str, show: bool) -> None:
    try:
        import ftfy
    except ImportError:
        sys.exit("(b) needs ftfy: pip install ftfy")
    cases = [json.loads(line) for line in open(path, encoding="utf-8")]
    check_generator(cases)
    ours = run_textwash(binary, [c["input"] for c in cases])
    theirs = [ftfy.fix_encoding(c["input"]) for c in cases]
    by_kind: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for case, a, b in zip(cases, ours, theirs):
        k = by_kind[case["kind"]]
        k["n"] += 1
        k["textwash"] += a == case["expected"]
        k["ftfy"] += b == case["expected"]
        if show and a != case["expected"]:
            print(f"  [{case['kind']}] {case['input']!r}\n      got  {a!r}\n      want {case['expected']!r}")
    pos = [k for k in by_kind if not k.startswith("negative")]
    neg = [k for k in by_kind if k.startswith("negative")]

    def total(kinds, key):
        return sum(by_kind[k][key] for k in kinds)

    n_pos, n_neg = total(pos, "n"), total(neg, "n")
    print(f"(b) generated set: {n_pos} damaged cases, {n_neg} clean ones ({ftfy.__name__} {ftfy.__version__})")
    print(f"    {'kind':32} {'cases':>6} {'textwash':>9} {'ftfy':>9}")
    for k in sorted(by_kind):
        c = by_kind[k]
        print(f"    {k:32} {c['n']:6} {100 * c['textwash'] / c['n']:8.1f}% {100 * c['ftfy'] / c['n']:8.1f}%")
    print(f"    repair rate          textwash {100 * total(pos, 'textwash') / n_pos:6.2f}%   ftfy {100 * total(pos, 'ftfy') / n_pos:6.2f}%")
    fp_ours = n_neg - total(neg, "textwash")
    fp_theirs = n_neg - total(neg, "ftfy")
    print(f"    false positives      textwash {fp_ours} ({100 * fp_ours / n_neg:.2f}%)   ftfy {fp_theirs} ({100 * fp_theirs / n_neg:.2f}%)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--anchors", default=os.path.join(ROOT, "..", "shared", "anchors"))
    ap.add_argument("--textwash", default=os.path.join(ROOT, "target", "release", "textwash"))
    ap.add_argument("--cases", help="generated cases (JSON Lines); default: export them with cargo")
    ap.add_argument("--show-failures", action="store_true")
    ap.add_argument("--only", choices=["ftfy", "generated"])
    args = ap.parse_args()
    ok = True
    if args.only != "generated":
        ok = ftfy_suite(args.anchors, args.textwash, args.show_failures)
    if args.only != "ftfy":
        path = args.cases
        if path is None:
            path = os.path.join(ROOT, "target", "repair-cases.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                subprocess.run(
                    ["cargo", "run", "--quiet", "--release", "--example", "repair-cases"], cwd=ROOT, stdout=f, check=True
                )
        generated_set(path, args.textwash, args.show_failures)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
