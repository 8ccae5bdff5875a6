#!/usr/bin/env python3
"""Time builds of textwash against each other, runs alternating, and print medians.

    python3 scripts/time-builds.py [--runs 7] [-j 1] FILE BUILD [BUILD...]
    python3 scripts/time-builds.py [--runs 7] --batch DIR BUILD [BUILD...]

For speed work: the machines are noisy, so the builds take turns, run by run, and a slow
period costs each of them alike. A build of the code before a change is made with a
worktree (see scripts/compare-builds.py, which checks that the two give the same output).

On a FILE, each run is `BUILD clean -j J FILE > /dev/null`, the whole process's wall clock
(start-up included, as a user sees it). With --batch, each run cleans the tree DIR into a
fresh mirror under /dev/shm (or --out), twice: pinned to one CPU with -j 1 (`taskset -c 0`,
one CPU's worth of the machine) and free with -j 2; the ratio of the two medians is what
issue 7's batch target asks for. Linux only for --batch (taskset, /dev/shm).
"""

import argparse
import pathlib
import shutil
import statistics
import subprocess
import sys
import time


def timed(command):
    """Wall-clock milliseconds of one run of `command`, which must succeed."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    return (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="a file to clean, or with --batch a directory tree")
    parser.add_argument("builds", nargs="+", help="textwash binaries to compare")
    parser.add_argument("--runs", type=int, default=7, help="runs per build (and per mode)")
    parser.add_argument("-j", "--threads", type=int, default=1, help="threads for a FILE (default 1)")
    parser.add_argument("--batch", action="store_true", help="INPUT is a tree: pinned -j 1 against -j 2")
    parser.add_argument("--out", default="/dev/shm/textwash-time-builds", help="where --batch writes")
    args = parser.parse_args()

    # Each mode's label, what its command starts with, and its threads.
    if args.batch:
        modes = {"-j 1 pinned": (["taskset", "-c", "0"], 1), "-j 2": ([], 2)}
    else:
        modes = {f"-j {args.threads}": ([], args.threads)}
    times = {(build, mode): [] for build in args.builds for mode in modes}
    out = pathlib.Path(args.out)
    try:
        for _ in range(args.runs):
            for build in args.builds:
                for mode, (prefix, threads) in modes.items():
                    command = [*prefix, build, "clean", "-j", str(threads), args.input]
                    if args.batch:
                        shutil.rmtree(out, ignore_errors=True)
                        command += ["--quiet", "-o", str(out)]
                    times[(build, mode)].append(timed(command))
    except subprocess.CalledProcessError as e:
        sys.exit(f"time-builds: {' '.join(e.cmd)} failed ({e.returncode}): {e.stderr.decode(errors='replace')}")
    finally:
        if args.batch:
            shutil.rmtree(out, ignore_errors=True)

    for build in args.builds:
        medians = {mode: statistics.median(times[(build, mode)]) for mode in modes}
        line = ", ".join(f"{mode} {ms:,.0f} ms" for mode, ms in medians.items())
        if args.batch:
            line += f"; -j 2 is {medians['-j 1 pinned'] / medians['-j 2']:.2f}x pinned -j 1"
        print(f"{build}: {line} (medians of {args.runs})")


if __name__ == "__main__":
    main()
