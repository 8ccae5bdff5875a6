#!/usr/bin/env python3
"""Clean the same generated text with two builds of textwash and show where they differ.

    python3 scripts/compare-builds.py OLD_TEXTWASH NEW_TEXTWASH [--lines 60000] [--seed 7] [--show 10]

For changes meant to be exact (speed work, refactoring): both builds clean one file of mixed
damage built from our own articles (corpora/source, corpora/articles), and every output line that
differs is counted and the first few are printed. The file is seeded, so a run is repeatable; it
holds, line by line: whole lines read in one of the 14 code pages, some words of a line read in
one code page, two layers, no-break spaces turned into spaces, no-break spaces removed, and clean
lines. Python's codecs make the damage (they are strict where textwash's code pages are sloppy,
so the undefined bytes become U+FFFD: lost bytes, a kind of damage of its own).

A build of the code before a change is made with a worktree, for example:

    git worktree add /tmp/before HEAD && (cd /tmp/before && cargo build --release)
    python3 scripts/compare-builds.py /tmp/before/target/release/textwash target/release/textwash

With `--closer`, each differing output line is also held against the line it was damaged from,
and the script counts where the new build comes closer to it (difflib's ratio, after NFC and with
no-break spaces as spaces) and where it goes further: for changes meant to improve repair. Some
source lines are themselves damaged on purpose (mojibake articles in corpora/source), so a line
that goes "further" is a lead to read, not a verdict.

Exit status 1 when the outputs differ. Strip is off (`--no-strip`), so that output lines stay
aligned with input lines; repair, normalize and decode run with their defaults. This checks that
two builds agree, not that either is right: the generated sets of `cargo test` and
scripts/compare-repair.py measure accuracy.
"""

import argparse
import pathlib
import random
import subprocess
import sys
import tempfile
import unicodedata
from difflib import SequenceMatcher

CODEPAGES = [
    "cp1252", "latin-1", "cp1251", "mac_roman", "cp1250", "iso8859-2", "cp437",
    "koi8_r", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
]


def mojibake(text, codepage):
    """UTF-8 bytes of `text` read as `codepage`."""
    return text.encode("utf-8").decode(codepage, errors="replace")


def damaged_lines(root, count, seed):
    """The damaged lines, each with the line it was made from."""
    rng = random.Random(seed)
    lines = []
    for path in sorted(root.glob("corpora/source/*.txt")) + sorted(root.glob("corpora/articles/*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # the legacy-encoded articles
        lines += [line for line in text.split("\n") if line.strip()]
    for _ in range(count):
        line = rng.choice(lines)
        source = line
        kind = rng.random()
        if kind < 0.3:
            line = mojibake(line, rng.choice(CODEPAGES))
        elif kind < 0.6:
            words = line.split(" ")
            always = rng.randrange(len(words))
            codepage = rng.choice(CODEPAGES)
            line = " ".join(
                mojibake(w, codepage) if i == always or rng.random() < 0.3 else w for i, w in enumerate(words)
            )
        elif kind < 0.7:
            line = mojibake(mojibake(line, "cp1252"), rng.choice(CODEPAGES))
        elif kind < 0.8:
            line = mojibake(line, "cp1252").replace("\u00a0", " ")
        if rng.random() < 0.1:
            line = line.replace("\u00a0", "")
        yield source, line


def closeness(source, line):
    """How close `line` is to `source`, from 0 to 1."""
    def plain(text):
        return unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return SequenceMatcher(None, plain(source), plain(line)).ratio()


def clean(textwash, path):
    run = subprocess.run([textwash, "clean", "--quiet", "--no-strip", str(path)], capture_output=True, check=False)
    if run.returncode != 0:
        sys.exit(f"{textwash} failed ({run.returncode}): {run.stderr.decode(errors='replace')}")
    return run.stdout.decode("utf-8").split("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--lines", type=int, default=60000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=10, help="differing lines to print")
    parser.add_argument("--closer", action="store_true", help="count lines the new build brings closer to their source")
    args = parser.parse_args()
    root = pathlib.Path(__file__).resolve().parent.parent
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as f:
        sources, inputs = zip(*damaged_lines(root, args.lines, args.seed))
        f.write("\n".join(inputs) + "\n")
        f.flush()
        size = pathlib.Path(f.name).stat().st_size
        old, new = clean(args.old, f.name), clean(args.new, f.name)
    if len(old) != len(new):
        print(f"line counts differ: {len(old)} and {len(new)} (the differential needs line-for-line output)")
        return 1
    differ = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    print(f"{len(inputs)} lines, {size / 1e6:.1f} MB: {len(differ)} output lines differ")
    if args.closer:
        moved = [closeness(sources[i], new[i]) - closeness(sources[i], old[i]) for i in differ if i < len(inputs)]
        closer, further = sum(m > 1e-9 for m in moved), sum(m < -1e-9 for m in moved)
        print(f"against their source: {closer} closer, {further} further, {len(moved) - closer - further} as close")
    for i in differ[: args.show]:
        print(f"\nline {i + 1}\n  input: {inputs[i] if i < len(inputs) else ''}\n  old:   {old[i]}\n  new:   {new[i]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
