"""Benchmark a council's archive: `build --all` and `site --council` from empty at two sizes (to show how the time
grows with meetings), with --jobs 1 and 2, then the time both take after one source changes (target: 2 s).

The council is made by boards.py: BODIES bodies, each meeting ten times a year, every meeting small (a few pages).
The smaller size has half the years. `build --all` builds one body's packs (a body's archive is its own
repository); `site --council` builds the council's whole site. Every figure is one whole process (wall clock);
the one-change figures are the median of three changes (each a different sentence in one report).

    python benchmarks/bench_archive.py                          # 5 bodies x 2 and 4 years (100 and 200 meetings)
    python benchmarks/bench_archive.py --bodies 50 --years 10   # the full archive: 2,500 and 5,000 meetings
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from boards import council

TARGET = 2.0  # seconds, after one change
PER_YEAR = 10


def run(*args: str, cwd: Path) -> float:
    """The wall-clock time of one boardpack command, which must succeed."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "boardpack.cli", *args, "-q"], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"boardpack {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return seconds


def build_all(folder: Path, out: str, jobs: int) -> float:
    return run("build", "--all", "--root", "body-01", "--out", out, "--jobs", str(jobs), cwd=folder)


def site(folder: Path, out: str, jobs: int) -> float:
    return run("site", "--council", "council.yaml", "--out", out, "--jobs", str(jobs), cwd=folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=5)
    parser.add_argument("--years", type=int, default=4, help="the larger size's years (the smaller has half)")
    args = parser.parse_args()
    sizes = [max(1, args.years // 2), args.years]
    with tempfile.TemporaryDirectory() as temporary:
        folders = {years: Path(temporary) / f"{years}y" for years in sizes}
        for years, folder in folders.items():
            council(folder, args.bodies, years, PER_YEAR)
        print(f"A council of {args.bodies} bodies, {PER_YEAR} meetings a year each; from empty (s):")
        print(f"{'':34}{'--jobs 1':>10}{'--jobs 2':>10}{'per meeting (jobs 2)':>22}")
        for years, folder in folders.items():
            body, whole = years * PER_YEAR, args.bodies * years * PER_YEAR
            for label, meetings, measure in (
                (f"build --all, one body, {body} meetings", body, build_all),
                (f"site --council, {whole} meetings", whole, site),
            ):
                kind = "build" if measure is build_all else "site"
                one, two = (measure(folder, f"{kind}-{jobs}", jobs) for jobs in (1, 2))
                print(f"{label:34}{one:10.1f}{two:10.1f}{two / meetings * 1000:19.0f} ms", flush=True)

        folder = folders[sizes[-1]]
        paper = next((folder / "body-01" / "cover_sheets").glob("*.md"))
        original = paper.read_text(encoding="utf-8")
        meetings = args.bodies * sizes[-1] * PER_YEAR
        print(f"\nAfter one change ({meetings} meetings; target {TARGET:g} s), median of 3 (s):")
        for label, measure, out in (
            ("build --all, one body", build_all, "build-2"),
            ("site --council", site, "site-2"),
        ):
            unchanged = measure(folder, out, 2)
            times = []
            for n in range(3):
                paper.write_text(original.replace("# Report", f"Changed, run {n} of {label}.\n\n# Report"), "utf-8")
                times.append(measure(folder, out, 2))
            paper.write_text(original, encoding="utf-8")
            measure(folder, out, 2)
            changed = statistics.median(times)
            verdict = "met" if changed <= TARGET else "NOT MET"
            print(f"{label:34}nothing changed {unchanged:5.1f}   one report changed {changed:5.1f}   {verdict}")


if __name__ == "__main__":
    main()
