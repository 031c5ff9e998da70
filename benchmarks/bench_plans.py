"""Benchmark packs of scanned plans and the memory of a big meeting, each figure a whole process tree.

- A planning committee's meeting (boards.plans_board: 40 applications, each a PDF of 15 scanned A3 drawings,
  about 600 pages and 300 MB, and one more application taken in private) is built, beside the limit measured in
  the same run: pikepdf copying the same pages into the same packs (the public pack's appendices into one file,
  every appendix into another), in a fresh process. Boardpack's time over it is the ratio to quote (<= 1.5x); its
  whole-tree memory (<= 500 MiB), and each pack's size over the appendices it holds (<= 1.05x).
- The synthetic x3 and x10 meetings (boards.synthetic_board) are built: the x10's whole-tree peak (<= 1 GiB),
  and its growth from x3, against the growth of the pages (no faster than linear).

Memory is the whole process tree's, sampled every 10 ms (treemem.py): the sum of proportional set sizes (a page
shared by a renderer forked from the build counted once), and the sum of resident sizes beside it (shared pages
counted in each process, so it errs high). Times come from runs of their own, unobserved (see `measured`). The
board of plans is made once and kept in benchmarks/.plans-board-* (it takes minutes to draw).

boardpack syncs each pack to disk before it puts it in place (outputs.py: a set of outputs replaced is either wholly
the old or wholly the new, power cut or not); pikepdf's copy leaves its writing to the kernel. The copy is timed
as it is (the target's yardstick) and, beside it for information, with its packs synced too.

    python benchmarks/bench_plans.py [--runs 3] [--items 40] [--pages 15] [--dpi 150] [--no-x10]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import treemem
from boards import plans_board, synthetic_board
from pypdf import PdfReader

COPY = """
import os
import sys
import pikepdf
synced = sys.argv[1] == "synced"
for out, names in zip(sys.argv[2::2], sys.argv[3::2]):
    pack = pikepdf.new()
    sources = [pikepdf.open(name) for name in names.split("|")]
    for source in sources:
        pack.pages.extend(source.pages)
    pack.save(out)
    if synced:
        with open(out, "rb") as written:
            os.fsync(written.fileno())
"""


def measured(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float, float]]:
    """Each command run `runs` times, interleaved: median seconds, largest Pss and RSS peaks (MiB). Each round times
    every command in a run of its own, unobserved, and takes its memory in another, sampled (treemem.run: sampling
    takes a share of the two processors, more from a build of two processes at once than from a copy in one);
    the disks are synced before each run, so that no run pays for writing out what the one before it left."""
    seen: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    # As installed: Python keeps each module's bytecode, whatever this shell says (as bench_build.py does).
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    for _ in range(runs):
        for name, command in commands.items():
            os.sync()
            seconds = treemem.run(command, env=env, every=None)[0]
            os.sync()
            seen[name].append((seconds, *treemem.run(command, env=env)[1:]))
    return {
        name: (statistics.median(f[0] for f in found), max(f[1] for f in found), max(f[2] for f in found))
        for name, found in seen.items()
    }


def row(name: str, figure: str, target: str, met: bool | None, note: str = "") -> None:
    verdict = "" if met is None else "met" if met else "NOT MET"
    print(f"{name:<58} {figure:>28}   {target:<18} {verdict:<8} {note}".rstrip())


def shown(figure: tuple[float, float, float]) -> str:
    return f"{figure[0]:6.2f} s {figure[1]:5.0f} MiB ({figure[2]:.0f})"


def build(root: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "boardpack.cli", "build", "--root", str(root), "--out", str(out), "--quiet"]


def pages(folder: Path) -> int:
    return sum(len(PdfReader(path).pages) for path in folder.glob("*-pack.pdf"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--items", type=int, default=40)
    parser.add_argument("--pages", type=int, default=15)
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--no-x10", action="store_true", help="only the board of plans")
    args = parser.parse_args()
    kept = Path(__file__).with_name(f".plans-board-{args.items}x{args.pages}-{args.dpi}")
    if not (kept / "agendas").is_dir():
        shutil.rmtree(kept, ignore_errors=True)
        plans_board(kept.with_suffix(".partial"), args.items, args.pages, args.dpi)
        kept.with_suffix(".partial").rename(kept)
    drawings = sorted((kept / "appendices").glob("*.pdf"), key=lambda p: int(p.stem.split("-")[4]))
    public, every = drawings[: args.items], drawings
    print(f"{len(drawings)} PDFs of {args.pages} scanned sheets at {args.dpi} dpi, {_mb(every)} MB; {args.runs} runs")
    print(f"{'':58} {'seconds, peak Pss (RSS)':>28}   target")
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        script = work_path / "pikepdf_copy.py"  # not copy.py, which would stand in for the standard library's
        script.write_text(COPY)
        copy = []
        for name, names in (("public", public), ("private", every)):
            copy += [str(work_path / f"copy-{name}.pdf"), "|".join(map(str, names))]
        commands = {
            "build": build(kept, work_path / "out"),
            "copy": [sys.executable, str(script), "as-is", *copy],
            "synced": [sys.executable, str(script), "synced", *copy],
        }
        figures = measured(commands, args.runs)
        built, limit, synced = figures["build"], figures["copy"], figures["synced"]
        out = work_path / "out"
        row(f"build: planning meeting, public + private ({pages(out)} p)", shown(built), "<= 500 MiB", built[1] <= 500)
        row(
            "pikepdf alone: copying the same pages into the same packs",
            shown(limit),
            "boardpack <= 1.5x",
            built[0] <= 1.5 * limit[0],
            f"boardpack is {built[0] / limit[0]:.2f}x pikepdf",
        )
        row(
            "pikepdf alone, its packs then synced to disk as boardpack's",
            shown(synced),
            "(for information)",
            None,
            f"boardpack is {built[0] / synced[0]:.2f}x that",
        )
        for name, names in (("public", public), ("private", every)):
            size = (out / f"2012-09-14-{name}-pack.pdf").stat().st_size
            inputs = sum(path.stat().st_size for path in names)
            row(
                f"{name} pack over the appendices it holds",
                f"{size / inputs:.3f}x",
                "<= 1.05x",
                size <= 1.05 * inputs,
                f"{size / 1e6:.0f} MB of {inputs / 1e6:.0f} MB",
            )
        if args.no_x10:
            return
        x3, x10 = synthetic_board(work_path / "x3", 3), synthetic_board(work_path / "x10", 10)
        figures = measured({"x3": build(x3, work_path / "out-x3"), "x10": build(x10, work_path / "out-x10")}, args.runs)
        p3, p10 = pages(work_path / "out-x3"), pages(work_path / "out-x10")
        row(f"build: synthetic x3 ({p3} p)", shown(figures["x3"]), "", None)
        row(f"build: synthetic x10 ({p10} p)", shown(figures["x10"]), "<= 1024 MiB", figures["x10"][1] <= 1024)
        growth = figures["x10"][1] / figures["x3"][1]
        row(
            "memory growth x3 -> x10, over page growth",
            f"{growth / (p10 / p3):.2f}",
            "<= 1 (linear)",
            growth <= p10 / p3,
            f"memory x{growth:.2f} for pages x{p10 / p3:.2f}",
        )


def _mb(paths: list[Path]) -> int:
    return round(sum(path.stat().st_size for path in paths) / 1e6)


if __name__ == "__main__":
    main()
