#!/usr/bin/env bash
# Cleans the real scraped article in ../shared/seeds and checks what issue #2
# promises for it: no "Â" left, the "YURIY DYACHYSHYN/AFP/Getty" credit line
# gone, every other line byte-identical (curly quotes stay curly), no
# trailing blank lines. Exits non-zero and says why when one does not hold.
#
#   scripts/check-seed.sh [SEED_FILE]
set -euo pipefail
cd "$(dirname "$0")/.."

seed=${1:-../shared/seeds/000_dbcdf2f8a8157395.txt}
if [ ! -f "$seed" ]; then
    echo "check-seed: $seed not found (it lives beside the repository in ../shared)" >&2
    exit 2
fi
cargo build --quiet --release
out=$(mktemp)
trap 'rm -f "$out"' EXIT
target/release/textwash clean "$seed" > "$out"

python3 - "$seed" "$out" <<'PY'
import sys
seed = open(sys.argv[1], encoding="utf-8").read()
out = open(sys.argv[2], encoding="utf-8").read()
problems = []
if "Â" in out:
    problems.append("an 'Â' is left")
if "YURIY DYACHYSHYN/AFP/Getty" in out:
    problems.append("the credit line is still there")
if out.endswith("\n\n") or not out.endswith("\n"):
    problems.append("the text does not end with exactly one line break")
# Every other line byte-identical: drop the credit line and blank lines, and
# the lone "Â" at line ends (the only repair), then compare line by line.
expected = [l.removesuffix("Â") for l in seed.split("\n") if l and l != "YURIY DYACHYSHYN/AFP/Getty"]
got = [l for l in out.split("\n") if l]
if expected != got:
    for i, (e, g) in enumerate(zip(expected, got)):
        if e != g:
            problems.append(f"line {i + 1} differs:\n  want {e!r}\n  got  {g!r}")
            break
    else:
        problems.append(f"want {len(expected)} lines, got {len(got)}")
if "’" not in out or "“" not in out:
    problems.append("curly quotes were lost")
if problems:
    print("check-seed: FAILED\n" + "\n".join(problems))
    sys.exit(1)
print(f"check-seed: ok ({len(got)} lines; 2 lone 'Â' removed, the credit line gone, the rest byte-identical)")
PY
