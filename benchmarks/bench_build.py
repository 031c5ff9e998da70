"""Benchmark `boardpack build`: the example pack and a synthetic board ten times its size.

Each run is a fresh `boardpack build` process, timed end to end (interpreter start,
checks, Typst, foreign pages, write). Prints the median wall time, pages per second
and the peak resident memory of the build process.

    python benchmarks/bench_build.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[1]
SOURCES = ("board.yaml", "actions.yaml", "agendas", "cover_sheets", "minutes", "appendices")


def run_build(root: Path, out: Path) -> tuple[float, int]:
    """One build in a new process: (seconds, peak RSS in KiB)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "boardpack.cli", "build", "--root", str(root), "--out", str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"build failed: {process.stderr.read().decode() if process.stderr else status}")
    return elapsed, usage.ru_maxrss


def copy_board(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    return target


def synthetic_board(target: Path, factor: int = 10) -> Path:
    """The example board with every agenda section repeated `factor` times (papers copied under new names)."""
    copy_board(target)
    [agenda_path] = sorted((target / "agendas").glob("*.yaml"))
    agenda = yaml.safe_load(agenda_path.read_text(encoding="utf-8"))
    sections = []
    for copy in range(factor):
        for section in agenda["sections"]:
            section = dict(section, heading=f"{section['heading']} ({copy + 1})")
            items = []
            for item in section.get("items", []):
                item = dict(item)
                if "paper" in item and copy:
                    paper = Path(item["paper"])
                    clone = paper.with_name(f"{paper.stem}-{copy}{paper.suffix}")
                    shutil.copy(target / paper, target / clone)
                    item["paper"] = clone.as_posix()
                items.append(item)
            if items:
                section["items"] = items
            sections.append(section)
    agenda["sections"] = sections
    dumper = type("NoAliases", (yaml.SafeDumper,), {"ignore_aliases": lambda self, data: True})
    agenda_path.write_text(yaml.dump(agenda, Dumper=dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def measure(label: str, root: Path, runs: int) -> None:
    out = root / "build"
    times, peaks = [], []
    for _ in range(runs):
        seconds, peak = run_build(root, out)
        times.append(seconds)
        peaks.append(peak)
    pdfs = sorted(out.glob("*-pack.pdf"))
    pages = sum(len(PdfReader(pdf).pages) for pdf in pdfs)
    median = statistics.median(times)
    print(f"{label:<22} {len(pdfs)} packs {pages:>5} pages  median {median:6.3f} s  (min {min(times):.3f}, max {max(times):.3f}, "
          f"{runs} runs)  {pages / median:7.1f} pages/s  peak RSS {max(peaks) / 1024:6.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as work:
        measure("example pack", copy_board(Path(work) / "example"), args.runs)
        measure("synthetic board x10", synthetic_board(Path(work) / "synthetic"), max(3, args.runs // 2))


if __name__ == "__main__":
    main()
