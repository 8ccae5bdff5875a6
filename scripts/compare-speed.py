#!/usr/bin/env python3
"""Whole-pipeline speed: textwash against ftfy 6.3 and plsfix, same files, one run.

Builds corpora of at least 100 MB each from our own articles (corpora/source
and corpora/articles), under target/speed-corpora/ (not committed), in six
kinds:

  news-en        English news, as published (ASCII plus curly quotes and dashes)
  news-latin     French, German, Spanish, Portuguese, Italian, Polish, Czech,
                 Turkish, Vietnamese, Icelandic news
  news-cyrillic  Russian and Ukrainian news
  news-cjk       Chinese, Japanese and Korean news
  mojibake       every article, every line UTF-8 read as windows-1252
  mojibake-light the English news, with the first apostrophe of every fifth
                 line that has one read as windows-1252 ("â€™"): the
                 commonest damage in real dumps, one sequence in a line
                 that is otherwise correct

Each corpus is one text file. textwash cleans it with default settings on one
thread (`textwash clean -j 1 FILE > /dev/null`, median of --runs runs, wall
clock of the whole process, half of the runs before the Python fixers and
half after), and, for comparison with itself only, on two (-j 2); ftfy (`ftfy.fix_text`) and plsfix (`plsfix.fix_text`) get the
same text line by line, as ftfy's own file fixer does, in this process
(Python start-up and file reading are not counted against them). Then
textwash on a batch of many files with -j 1 and -j 2, runs interleaved,
writing a mirrored tree (under /dev/shm by default: see --batch-out). -j 1
is timed twice: free, when reading and writing on their own threads let it
use more than one CPU, and pinned to one CPU, one thread's worth of the
machine. With --cold-cache (Linux, as root), the batch again as it reads
from disk, the page cache dropped before each run.

    scripts/compare-speed.py [--size-mb 100] [--runs 3] [--skip-python] [--only KIND]... [--cold-cache]

Prints MB/s and ratios as a Markdown table for BENCHMARKS.md.
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "corpora" / "source"
OUT = ROOT / "target" / "speed-corpora"
BINARY = ROOT / "target" / "release" / "textwash"

KINDS = {
    "news-en": ["01_en", "02_en", "03_en", "04_en", "05_en"],
    "news-latin": ["06_fr", "07_de", "08_es", "09_pt", "10_it", "11_pl", "12_cs", "13_tr", "14_vi", "15_is"],
    "news-cyrillic": ["16_ru", "17_uk"],
    "news-cjk": ["22_zh", "23_ja", "24_ko"],
}
# Every kind: the news above as published, and the two built by damaging it.
ALL_KINDS = [*KINDS, "mojibake", "mojibake-light"]


def sloppy_1252(text: str) -> str:
    """UTF-8 read as windows-1252 the way browsers read it (the five undefined
    bytes become the C1 controls of the same number)."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("windows-1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def light_damage(text: str) -> str:
    """`text` with the first apostrophe of every fifth line that has one read
    as windows-1252, as a careless copy of one quotation leaves it."""
    lines = text.split("\n")
    with_apostrophe = 0
    for k, line in enumerate(lines):
        if "\u2019" in line:
            if with_apostrophe % 5 == 0:
                lines[k] = line.replace("\u2019", sloppy_1252("\u2019"), 1)
            with_apostrophe += 1
    return "\n".join(lines)


def articles(prefixes):
    texts = []
    for path in sorted(SOURCE.glob("*.txt")):
        if any(path.name.startswith(p) for p in prefixes):
            texts.append(path.read_text(encoding="utf-8"))
    return texts


def build(kind: str, size: int) -> Path:
    path = OUT / f"{kind}.txt"
    if path.exists() and path.stat().st_size >= size:
        return path
    if kind == "mojibake":
        every = [p.name[:5] for p in sorted(SOURCE.glob("*.txt"))]
        texts = ["\n".join(sloppy_1252(line) for line in t.split("\n")) for t in articles(every)]
    elif kind == "mojibake-light":
        texts = [light_damage(t) for t in articles(KINDS["news-en"])]
    else:
        texts = articles(KINDS[kind])
    unit = "\n".join(texts) + "\n"
    data = (unit * (size // len(unit.encode("utf-8")) + 1)).encode("utf-8")
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def build_batch(size: int) -> Path:
    """The English and Latin news as many small files, for -j scaling."""
    directory = OUT / "batch"
    marker = directory / ".complete"
    if marker.exists():
        return directory
    texts = articles(KINDS["news-en"] + KINDS["news-latin"])
    directory.mkdir(parents=True, exist_ok=True)
    written, i = 0, 0
    while written < size:
        text = texts[i % len(texts)].encode("utf-8")
        sub = directory / f"{i // 1000:03}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:06}.txt").write_bytes(text)
        written += len(text)
        i += 1
    marker.write_text("")
    return directory


def run_once(args):
    """Wall-clock seconds of one textwash run."""
    return run_timed(args)[0]


def run_timed(args, cpus=None):
    """Wall-clock and CPU seconds (user and system) of one textwash run;
    `cpus`, if given, the only CPUs it may use."""
    pin = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [str(BINARY), *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=pin
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def python_fixer(fix, path: Path):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = time.perf_counter()
    for line in lines:
        fix(line)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-python", action="store_true", help="only time textwash")
    parser.add_argument(
        "--only",
        action="append",
        choices=ALL_KINDS,
        help="time only this corpus (repeat for more); the batch is left out",
    )
    parser.add_argument(
        "--batch-out",
        type=Path,
        default=Path("/dev/shm/textwash-speed") if Path("/dev/shm").is_dir() else OUT / "batch-out",
        help="where the batch runs write their trees (default: /dev/shm, so that the file system's "
        "own costs, such as ext4 discards, do not drown the thread scaling)",
    )
    parser.add_argument(
        "--cold-cache",
        action="store_true",
        help="also time the batch read from disk with the page cache dropped before each run "
        "(Linux, as root), against reading its files one after another",
    )
    args = parser.parse_args()
    size = args.size_mb << 20

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    fixers = []
    if not args.skip_python:
        import ftfy
        import plsfix

        fixers = [("ftfy " + ftfy.__version__, ftfy.fix_text), ("plsfix", plsfix.fix_text)]

    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} at start; corpora {args.size_mb} MB each\n")
    header = "| corpus | MB | textwash -j 1 MB/s |" + "".join(f" {name} MB/s | ratio |" for name, _ in fixers)
    print(header + " textwash -j 2 MB/s |")
    print("|" + "---|" * (4 + 2 * len(fixers)))
    for kind in args.only or ALL_KINDS:
        path = build(kind, size)
        mb = path.stat().st_size / 1e6
        # textwash's runs take a fraction of a second, the Python fixers' a
        # minute: half of the runs before them and half after, so that a
        # change in the machine's speed meanwhile weighs on both sides.
        times = {threads: [] for threads in ("1", "2")}

        def time_textwash(runs):
            for _ in range(runs):
                for threads, t in times.items():
                    t.append(run_once(["clean", "-j", threads, "--quiet", str(path)]))

        time_textwash((args.runs + 1) // 2)
        theirs_by_fixer = [mb / python_fixer(fix, path) for _, fix in fixers]
        time_textwash(args.runs // 2)
        ours = mb / statistics.median(times["1"])
        row = f"| {kind} | {mb:.0f} | {ours:.0f} |"
        for theirs in theirs_by_fixer:
            ratio = ours / theirs
            row += f" {theirs:.2f} | {ratio:.0f}× |" if ratio >= 10 else f" {theirs:.2f} | {ratio:.2f}× |"
        print(row + f" {mb / statistics.median(times['2']):.0f} |", flush=True)

    if args.only:
        return 0
    batch = build_batch(size)
    mb = sum(f.stat().st_size for f in batch.rglob("*.txt")) / 1e6
    out = args.batch_out
    # `-j 1` runs one cleaning thread, but reading and writing have a thread
    # each: unpinned it uses about 1.25 CPUs. Pinned to one CPU it gets one
    # thread's worth of the machine, the rate `-j 2` is measured against too.
    one_cpu = {min(os.sched_getaffinity(0))}
    runs = {"1": (1, None), "1, on one CPU": (1, one_cpu), "2": (2, None)}
    # Interleaved, so that a change in the machine's load hits all alike.
    times = {name: [] for name in runs}
    used = {name: [] for name in runs}
    for _ in range(args.runs):
        for name, (threads, cpus) in runs.items():
            shutil.rmtree(out, ignore_errors=True)
            command = ["clean", "-j", str(threads), "--quiet", str(batch), "-o", str(out)]
            wall, cpu = run_timed(command, cpus)
            times[name].append(wall)
            used[name].append(cpu / wall)
    shutil.rmtree(out, ignore_errors=True)
    rate = {name: mb / statistics.median(t) for name, t in times.items()}
    files = sum(1 for _ in batch.rglob("*.txt"))
    print(f"\nbatch of {files} files, {mb:.0f} MB, output to a mirrored tree under {out}:")
    print("| -j | MB/s | CPUs used | -j 2 is |\n|---|---|---|---|")
    for name in runs:
        ratio = "" if name == "2" else f"{rate['2'] / rate[name]:.2f}× as fast"
        print(f"| {name} | {rate[name]:.0f} | {statistics.median(used[name]):.2f} | {ratio} |")
    if args.cold_cache:
        cold_batch(batch, out, mb, args.runs)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


def drop_page_cache():
    """Empties the page cache (and the cached inodes and directories)."""
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def cold_batch(batch: Path, out: Path, mb: float, runs: int):
    """The batch as it reads from a disk no run has read it from: textwash
    -j 1 and -j 2, and, as the reference, the same files read one after
    another by this process (what a reader that waits for each file pays)."""
    try:
        drop_page_cache()
    except OSError as e:
        print(f"\ncold cache: skipped, cannot drop the page cache ({e}); run as root on Linux")
        return
    files = sorted(batch.rglob("*.txt"))

    def read_in_turn():
        start = time.perf_counter()
        for path in files:
            path.read_bytes()
        return time.perf_counter() - start

    times = {"1": [], "2": [], "files read one after another": []}
    for _ in range(runs):
        for name in times:
            shutil.rmtree(out, ignore_errors=True)
            drop_page_cache()
            if name in ("1", "2"):
                times[name].append(run_once(["clean", "-j", name, "--quiet", str(batch), "-o", str(out)]))
            else:
                times[name].append(read_in_turn())
    shutil.rmtree(out, ignore_errors=True)
    print("\nthe same batch with a cold page cache (dropped before each run):")
    print("| run | MB/s | seconds |\n|---|---|---|")
    for name, t in times.items():
        label = f"textwash -j {name}" if name in ("1", "2") else name
        print(f"| {label} | {mb / statistics.median(t):.0f} | {statistics.median(t):.2f} |")


if __name__ == "__main__":
    sys.exit(main())
