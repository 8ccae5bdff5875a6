#!/usr/bin/env python3
"""Line-level boilerplate removal: textwash's strip stage against C4's line rules.

Reads the labelled set ANCHORS/boilerplate/scrapinghub_aeb_lines_article_window.jsonl
(181 news pages flattened to lines, each line labelled keep / drop / partial;
partial lines are ignored), feeds each page's lines as one document through

    textwash check --jsonl --no-repair --no-normalize --format json

maps every removed line back to its page and line number, and scores it side by
side with C4's line rules, implemented here from their published description:
drop a line that does not end in terminal punctuation or has fewer than 3
words, and a line that mentions "javascript", cookies or "lorem ipsum" (C4
drops the whole page for the last one; here only the line).

Reported per tool: drop precision, drop recall, and the share of keep lines
removed. Also: textwash's findings by rule, the keep lines it removed (the
README there says annotators kept some credits and trailers in the body: such
lines show up here as "errors"), whether the seed article's credit line is
removed, and, for a multilingual sanity check, how many of the "without"
(boilerplate) and "with" (must-keep) snippets of trafilatura_evaldata.json are
removed when each is given as a one-line document (snippets are fragments of
lines, so this is indicative only).

Usage: python3 scripts/compare-strip.py [--anchors ../shared/anchors]
           [--textwash target/release/textwash] [--errors N]
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

TERMINAL = (".", "!", "?", '"', "”", "’", "'", "…", "。", "！", "？")


def c4_drops(line):
    """C4's line rules, from their description (not from C4's code)."""
    text = line.strip()
    lower = text.lower()
    if not text.endswith(TERMINAL):
        return True
    if len(text.split()) < 3:
        return True
    return "javascript" in lower or "cookie" in lower or "lorem ipsum" in lower


def run_textwash(textwash, documents):
    """Returns {(document index, line number from 1): rule} for every line
    textwash's strip stage removes."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for i, text in enumerate(documents):
            f.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
        path = f.name
    try:
        out = subprocess.run(
            [textwash, "check", "--jsonl", "--no-repair", "--no-normalize", "--no-config", "--format", "json", path],
            capture_output=True,
            check=False,
        )
    finally:
        os.unlink(path)
    if out.returncode not in (0, 1):
        sys.exit(f"textwash failed ({out.returncode}): {out.stderr.decode(errors='replace')}")
    removed = {}
    for line in out.stdout.decode().splitlines():
        finding = json.loads(line)
        if finding["stage"] != "strip":
            continue
        removed[(finding["record"] - 1, finding["line"])] = finding["rule"]
    return removed


def score(name, labels, removed):
    tp = sum(1 for k, lab in labels.items() if lab == "drop" and k in removed)
    fp = sum(1 for k, lab in labels.items() if lab == "keep" and k in removed)
    drops = sum(1 for lab in labels.values() if lab == "drop")
    keeps = sum(1 for lab in labels.values() if lab == "keep")
    precision = tp / (tp + fp) if tp + fp else 1.0
    print(
        f"{name:<22} precision {precision:.3f}   recall {tp / drops:.3f}   "
        f"keep lines removed {fp / keeps:6.2%} ({fp} of {keeps})   drop lines removed {tp} of {drops}"
    )
    return precision, tp / drops, fp / keeps


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--anchors", default=os.path.join(here, "..", "..", "shared", "anchors"))
    parser.add_argument("--textwash", default=os.path.join(here, "..", "target", "release", "textwash"))
    parser.add_argument("--errors", type=int, default=40, help="how many errors of each kind to list")
    args = parser.parse_args()

    labelled = os.path.join(args.anchors, "boilerplate", "scrapinghub_aeb_lines_article_window.jsonl")
    if not os.path.exists(labelled):
        sys.exit(f"no labelled set at {labelled}: pass --anchors DIR (the folder that holds boilerplate/)")
    if not os.path.exists(args.textwash):
        sys.exit(f"no textwash binary at {args.textwash}: run `cargo build --release` or pass --textwash PATH")
    pages = []
    with open(labelled, encoding="utf-8") as f:
        for line in f:
            pages.append(json.loads(line))
    documents, labels, texts = [], {}, {}
    for p, page in enumerate(pages):
        lines = [" ".join(l.split()) for l in page["lines"]]
        documents.append("\n".join(lines) + "\n")
        for n, (line, label) in enumerate(zip(lines, page["labels"]), start=1):
            texts[(p, n)] = line
            if label != "partial":
                labels[(p, n)] = label

    removed = run_textwash(args.textwash, documents)
    c4 = {k for k, line in texts.items() if c4_drops(line)}
    counts = collections.Counter(labels.values())
    print(f"labelled set: {len(pages)} pages, {counts['keep']} keep and {counts['drop']} drop lines (partial ignored)\n")
    score("textwash strip", labels, removed)
    score("C4 line rules", labels, c4)

    by_rule = collections.defaultdict(collections.Counter)
    for k, rule in removed.items():
        by_rule[rule][labels.get(k, "partial")] += 1
    print("\ntextwash findings by rule (drop / keep / partial lines removed):")
    for rule, c in sorted(by_rule.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"  {rule:<28} {c['drop']:5} {c['keep']:5} {c['partial']:5}")

    fps = [(k, removed[k]) for k, lab in labels.items() if lab == "keep" and k in removed]
    print(f"\nkeep lines textwash removed ({len(fps)}; read them: some are credits the annotators kept):")
    for k, rule in fps[: args.errors]:
        print(f"  page {k[0]:3} line {k[1]:3}  {rule:<24} {texts[k][:110]!r}")
    misses = collections.Counter(texts[k] for k, lab in labels.items() if lab == "drop" and k not in removed)
    print(f"\nmost frequent drop lines textwash kept ({sum(misses.values())} lines, {len(misses)} distinct):")
    for text, n in misses.most_common(args.errors):
        print(f"  {n:3}  {text[:110]!r}")

    seed = os.path.join(args.anchors, "..", "seeds", "000_dbcdf2f8a8157395.txt")
    if os.path.exists(seed):
        with open(seed, encoding="utf-8") as f:
            seed_removed = run_textwash(args.textwash, [f.read()])
        credit = [n for (_, n), rule in seed_removed.items() if rule == "strip/photo-credit"]
        print(f"\nseed 000_dbcdf2f8a8157395.txt: photo-credit lines removed at line(s) {credit}; "
              f"other strip removals: {len(seed_removed) - len(credit)}")

    evaldata = os.path.join(args.anchors, "boilerplate", "trafilatura_evaldata.json")
    if os.path.exists(evaldata):
        with open(evaldata, encoding="utf-8") as f:
            pages = json.load(f)
        snippets = [(kind, " ".join(s.split())) for page in pages.values() for kind in ("without", "with")
                    for s in page.get(kind, []) if s.strip()]
        found = run_textwash(args.textwash, [s + "\n" for _, s in snippets])
        for kind, what in (("without", "boilerplate snippets"), ("with", "must-keep snippets")):
            total = sum(1 for k, _ in snippets if k == kind)
            hit = sum(1 for i, (k, _) in enumerate(snippets) if k == kind and (i, 1) in found)
            print(f"trafilatura evaldata {what} ('{kind}'), each as a one-line document: "
                  f"{hit} of {total} removed ({hit / total:.1%})")
        kept_removed = [(snippets[i][1], rule) for (i, _), rule in found.items() if snippets[i][0] == "with"]
        for text, rule in kept_removed[: args.errors]:
            print(f"  must-keep removed: {rule:<24} {text[:100]!r}")


if __name__ == "__main__":
    main()
