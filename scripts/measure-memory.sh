#!/usr/bin/env bash
# Peak memory of `textwash clean --jsonl` on a large JSON Lines stream read
# from stdin. The stream is the sample dump repeated to SIZE_MB megabytes
# (default 2048), generated on the fly so that nothing large touches the disk.
#
#   scripts/measure-memory.sh            # 2 GB
#   SIZE_MB=200 scripts/measure-memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."

size_mb=${SIZE_MB:-2048}
threads=${THREADS:-2}
cargo build --release --quiet

generate() {
    python3 - "$size_mb" <<'PY'
import sys
chunk = open("corpora/articles.jsonl", "rb").read()
total = int(sys.argv[1]) * 1024 * 1024
out = sys.stdout.buffer
written = 0
block = chunk * max(1, (4 << 20) // len(chunk))
while written < total:
    out.write(block)
    written += len(block)
PY
}

report=$(mktemp)
trap 'rm -f "$report"' EXIT
start=$(date +%s.%N)
generate | /usr/bin/time -v -o "$report" target/release/textwash clean --jsonl -j "$threads" > /dev/null
end=$(date +%s.%N)
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$report")
echo "input: ${size_mb} MB of JSON Lines on stdin, -j ${threads}"
echo "peak RSS: $((rss_kb / 1024)) MB"
echo "wall time: $(echo "$end - $start" | bc) s (including generating the stream)"
