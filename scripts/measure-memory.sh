#!/usr/bin/env bash
# Peak memory of textwash on big inputs, measured with /usr/bin/time -v:
#
#   1. a JSON Lines stream of SIZE_MB megabytes (default 2048) read from stdin,
#      generated on the fly from the sample dump so that nothing large touches
#      the disk;
#   2. one text file of TEXT_MB megabytes (default 1024): the sample articles
#      one after another, written under target/ first (and left there);
#   3. one line of LINE_MB megabytes (default 200) ending in a lone "Â", the
#      input of the faults test: a line is always held whole, so this one is
#      bounded by the line, and the lone "Â" sends it down the word-by-word
#      repair path. Its time is printed too;
#   4. a tree of FILES small files (default 200,000, a thousand to a
#      directory) mirrored with -o, beside a tree of a tenth as many: what a
#      run keeps per file must not add up (a run once remembered every
#      output path, 140 bytes a file); then the FILES files in one flat
#      directory, whose listing a walk in name order holds whole.
#
#   scripts/measure-memory.sh
#   SIZE_MB=200 TEXT_MB=100 LINE_MB=20 FILES=20000 THREADS=1 scripts/measure-memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."

size_mb=${SIZE_MB:-2048}
text_mb=${TEXT_MB:-1024}
line_mb=${LINE_MB:-200}
files=${FILES:-200000}
threads=${THREADS:-2}
cargo build --release --quiet

repeat() { # FILE MEGABYTES: FILE's bytes repeated to MEGABYTES on stdout
    python3 - "$1" "$2" <<'PY'
import sys
chunk = open(sys.argv[1], "rb").read()
total = int(sys.argv[2]) * 1024 * 1024
block = chunk * max(1, (4 << 20) // len(chunk))
written = 0
while written < total:
    sys.stdout.buffer.write(block)
    written += len(block)
PY
}

peak() { # REPORT: peak RSS in MB from a /usr/bin/time -v report
    awk -F': ' '/Maximum resident set size/ {printf "%d MB", $2 / 1024}' "$1"
}

report=$(mktemp)
tree=$(mktemp -d -p target)
trap 'rm -rf "$report" "$tree"' EXIT

repeat corpora/articles.jsonl "$size_mb" |
    /usr/bin/time -v -o "$report" target/release/textwash clean --jsonl --quiet -j "$threads" > /dev/null
echo "JSON Lines, ${size_mb} MB on stdin, -j ${threads}: peak RSS $(peak "$report")"

text=target/memory-test.txt
if [ ! -f "$text" ] || [ "$(stat -c %s "$text")" -lt $((text_mb * 1024 * 1024)) ]; then
    python3 - "$text" <<'PY'
import pathlib, sys
articles = sorted(pathlib.Path("corpora/source").glob("*.txt"))
pathlib.Path(sys.argv[1]).write_text("\n".join(p.read_text(encoding="utf-8") for p in articles), encoding="utf-8")
PY
    repeat "$text" "$text_mb" > "$text.tmp" && mv "$text.tmp" "$text"
fi
/usr/bin/time -v -o "$report" target/release/textwash clean --quiet -j "$threads" "$text" > /dev/null
echo "one text file, $(( $(stat -c %s "$text") / 1024 / 1024 )) MB, -j ${threads}: peak RSS $(peak "$report")"

line=target/memory-test-line.txt
python3 - "$line" "$line_mb" <<'PY'
import sys
body = "The quick brown fox jumps over the lazy dog. " * (int(sys.argv[2]) * 1024 * 1024 // 45)
open(sys.argv[1], "w", encoding="utf-8").write(body + "The end.\u00c2  \n")
PY
/usr/bin/time -v -o "$report" target/release/textwash clean --quiet -j "$threads" "$line" > /dev/null
elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$report")
echo "one line, ${line_mb} MB, -j ${threads}: peak RSS $(peak "$report"), ${elapsed} wall clock"
rm -f "$line"

for layout in "$((files / 10)) 1000" "$files 1000" "$files $files"; do
    read -r count per_directory <<< "$layout"
    [ "$count" -gt 0 ] || continue
    python3 - "$tree/in" "$count" "$per_directory" <<'PY'
import pathlib, sys
root, files, per_directory = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
text = "Storm Isolde swept across the northern coast overnight, bringing gusts of up to 130\u00c2\u00a0km/h.\n"
for i in range(files):
    directory = root / f"{i // per_directory:04d}"
    if i % per_directory == 0:
        directory.mkdir(parents=True)
    (directory / f"article-{i:07d}.txt").write_text(text, encoding="utf-8")
PY
    /usr/bin/time -v -o "$report" target/release/textwash clean --quiet -j "$threads" "$tree/in" -o "$tree/out"
    shape=$([ "$per_directory" -ge "$count" ] && echo "one directory of" || echo "a tree of")
    echo "${shape} ${count} small files, -o DIR, -j ${threads}: peak RSS $(peak "$report")"
    rm -rf "$tree/in" "$tree/out"
done
