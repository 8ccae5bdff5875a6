#!/usr/bin/env python3
"""Decoding accuracy of textwash, chardet and charset-normalizer, side by side.

    scripts/compare-decode.py [--anchors ../shared/anchors] [--textwash target/release/textwash]
                              [--chardet-tests DIR] [--details]

Data sets:

* `corpora/encodings/`: our fixtures (long documents and shorts of at most 200 bytes in 25
  legacy encodings, UTF-16 with and without a BOM, and UTF-8), each with its truth beside it.
* `ANCHORS/charset-samples/charset_normalizer-data/`: 18 labelled files (labels.tsv).
* the chardet test corpus, only if present: its manifest (chardet-tests-manifest.tsv) lists
  425 files that are NOT copied into the anchors. Pass `--chardet-tests DIR` (a checkout's
  `tests/` folder) to include the files whose sha256 matches the manifest; the script says how
  many of the listed files it found.

A document counts as "decoded exactly right" when the tool's text equals the truth, character
for character. Texts are compared, not labels, because labels alias and nest (latin1 is
windows-1252 on the web, GB2312 text decodes the same in GBK, KOI8-U reads Russian KOI8-R
the same). The rules:

* textwash: `textwash clean --no-repair --no-strip --no-normalize FILE` writes the decoded
  text (exit status other than 0: wrong).
* chardet and charset-normalizer name an encoding; the bytes are decoded with it (after a BOM
  for the names that say so). Like a browser, a name is first read as its web superset
  (ISO-8859-1 as windows-1252, GB2312 as GB18030, Shift_JIS as cp932, EUC-KR as cp949, ...),
  and only if that fails strictly as itself. No answer, or a decoding error: wrong.
* The truth of a labelled sample is its bytes decoded with its label by the same rule.
* A leading U+FEFF is dropped from every text before comparing: a BOM is not text.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import hashlib
import os
import subprocess
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SUPERSET = {
    "ascii": "cp1252", "latin_1": "cp1252", "iso8859_1": "cp1252", "iso8859_9": "cp1254",
    "gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932", "euc_kr": "cp949",
    "big5": "big5hkscs", "tis_620": "cp874", "iso8859_11": "cp874",
}


def codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None


def decode_as(data: bytes, label: str | None) -> str | None:
    """The text `data` gives in encoding `label`, read as its web superset first."""
    if not label:
        return None
    name = codec_name(label)
    if name is None:
        return None
    for candidate in [SUPERSET.get(name), name]:
        if candidate is None:
            continue
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    return None


def without_bom(text: str | None) -> str | None:
    return text[1:] if text and text.startswith("\ufeff") else text


def run_textwash(binary: str, path: str) -> str | None:
    out = subprocess.run([binary, "clean", "--no-repair", "--no-strip", "--no-normalize", path],
                         capture_output=True, check=False)
    if out.returncode != 0:
        return None
    return out.stdout.decode("utf-8")


def run_chardet(data: bytes) -> str | None:
    import chardet
    return decode_as(data, chardet.detect(data)["encoding"])


def run_charset_normalizer(data: bytes) -> str | None:
    import charset_normalizer
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else decode_as(data, best.encoding)


def fixtures():
    """(set, group, name, path, truth) for our fixtures."""
    base = os.path.join(ROOT, "corpora", "encodings")
    for encoding in sorted(os.listdir(base)):
        directory = os.path.join(base, encoding)
        if not os.path.isdir(directory) or encoding == "texts":
            continue
        for name in sorted(os.listdir(directory)):
            if not name.endswith(".txt"):
                continue
            path = os.path.join(directory, name)
            with open(path[:-4] + ".utf8", encoding="utf-8", newline="") as f:
                truth = f.read()
            kind = "short" if ".short" in name else "long"
            yield f"ours, {kind}", encoding, f"{encoding}/{name}", path, truth


def normalizer_samples(anchors: str):
    base = os.path.join(anchors, "charset-samples", "charset_normalizer-data")
    labels = os.path.join(base, "labels.tsv")
    if not os.path.exists(labels):
        print(f"note: {labels} not found; charset-normalizer samples skipped", file=sys.stderr)
        return
    with open(labels, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            path = os.path.join(base, row["file"])
            with open(path, "rb") as g:
                data = g.read()
            truth = without_bom(decode_as(data, row["label_python_codec"]))
            if truth is None:
                print(f"note: {row['file']} does not decode as its label {row['label_python_codec']}", file=sys.stderr)
                continue
            yield "charset-normalizer samples", row["label_python_codec"], row["file"], path, truth


def chardet_samples(anchors: str, directory: str | None):
    manifest = os.path.join(anchors, "charset-samples", "chardet-tests-manifest.tsv")
    if not os.path.exists(manifest):
        return
    with open(manifest, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    found = 0
    for row in rows:
        if directory is None:
            break
        path = os.path.join(directory, row["path_in_chardet_repo"].removeprefix("tests/"))
        if not os.path.exists(path):
            continue
        with open(path, "rb") as g:
            data = g.read()
        if hashlib.sha256(data).hexdigest() != row["sha256"]:
            continue
        truth = without_bom(decode_as(data, row["label_python_codec"]))
        if truth is None:
            continue
        found += 1
        yield "chardet tests", row["label_python_codec"], row["path_in_chardet_repo"], path, truth
    print(f"note: chardet test corpus: {found} of the {len(rows)} files its manifest lists are present"
          + ("" if directory else " (not copied into the anchors; pass --chardet-tests DIR to add them)"),
          file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--anchors", default=os.path.join(ROOT, "..", "shared", "anchors"))
    parser.add_argument("--textwash", default=os.path.join(ROOT, "target", "release", "textwash"))
    parser.add_argument("--chardet-tests", default=None)
    parser.add_argument("--details", action="store_true", help="list every document some tool got wrong")
    args = parser.parse_args()
    if not os.path.exists(args.textwash):
        sys.exit(f"{args.textwash} not found: run `cargo build --release` first")

    tools = {
        "textwash": lambda path, data: run_textwash(args.textwash, path),
        "chardet": lambda path, data: run_chardet(data),
        "charset-normalizer": lambda path, data: run_charset_normalizer(data),
    }
    documents = list(fixtures()) + list(normalizer_samples(args.anchors)) + list(chardet_samples(args.anchors, args.chardet_tests))
    right = defaultdict(lambda: defaultdict(int))  # set -> tool -> count
    total = defaultdict(int)
    by_group = defaultdict(lambda: defaultdict(int))  # (set, group) -> tool -> count
    group_total = defaultdict(int)
    misses = []
    for dataset, group, name, path, truth in documents:
        with open(path, "rb") as f:
            data = f.read()
        total[dataset] += 1
        group_total[(dataset, group)] += 1
        wrong = []
        for tool, run in tools.items():
            try:
                text = without_bom(run(path, data))
            except Exception as e:  # a tool that crashes on a document got it wrong
                print(f"note: {tool} failed on {name}: {e}", file=sys.stderr)
                text = None
            if text == truth:
                right[dataset][tool] += 1
                by_group[(dataset, group)][tool] += 1
            else:
                wrong.append(tool)
        if wrong:
            misses.append((name, wrong))

    print("| data set | documents | " + " | ".join(tools) + " |")
    print("|---|---|" + "---|" * len(tools))
    for dataset in total:
        cells = [f"{right[dataset][t]} ({100 * right[dataset][t] / total[dataset]:.1f} %)" for t in tools]
        print(f"| {dataset} | {total[dataset]} | " + " | ".join(cells) + " |")
    print()
    print("| data set | encoding | documents | " + " | ".join(tools) + " |")
    print("|---|---|---|" + "---|" * len(tools))
    for (dataset, group), n in sorted(group_total.items()):
        cells = [str(by_group[(dataset, group)][t]) for t in tools]
        print(f"| {dataset} | {group} | {n} | " + " | ".join(cells) + " |")
    if args.details:
        print()
        for name, wrong in misses:
            print(f"- {name}: wrong in {', '.join(wrong)}")


if __name__ == "__main__":
    main()
