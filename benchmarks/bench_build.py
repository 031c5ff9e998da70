"""Benchmark boardpack, each figure a whole process (interpreter start to exit), medians of interleaved runs.

For every row it prints the median wall time and peak resident memory of boardpack now and
of a baseline revision (`--baseline`, built from git into a temporary folder), with the
target the row has to meet. The limit is Typst alone compiling exactly the packs a build renders, from the data
boardpack hands it, in a fresh process (typst_alone.py): boardpack's time over it is the ratio to quote.
WeasyPrint renders the same content from the web edition's
HTML for comparison (the web pages of every PDF the public-only build writes, see web_counterparts), in a
virtual environment of its own (benchmarks/.venv-weasyprint, made on first use; `--no-weasyprint` skips it).
WeasyPrint cannot draw a PDF's pages, so the PDF appendices the public pack lays in are appended to its PDF with
pikepdf, as a pack made with WeasyPrint would have to have them (the row prints WeasyPrint's time without them too).

    python benchmarks/bench_build.py [--runs 7] [--baseline REV] [--no-baseline] [--no-weasyprint]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import boards
from boards import REPO, SOURCES, copy_board, history_board, public_only_board, synthetic_board
from pypdf import PdfReader

WEASYPRINT_ENV = Path(__file__).with_name(".venv-weasyprint")
WEASYPRINT = """
import sys
from weasyprint import HTML
out, rest = sys.argv[1], sys.argv[2:]
appendices = rest[rest.index("--append") + 1 :] if "--append" in rest else []
shown = rest[: rest.index("--append")] if "--append" in rest else rest
documents = [HTML(filename=page).render() for page in shown]
pages = [page for document in documents for page in document.pages]
documents[0].copy(pages).write_pdf(out)
if appendices:  # the PDF appendices the pack holds, after the pages (a PDF's pages WeasyPrint cannot draw)
    import pikepdf
    with pikepdf.open(out, allow_overwriting_input=True) as pack:
        sources = [pikepdf.open(path) for path in appendices]
        for source in sources:
            pack.pages.extend(source.pages)
        pack.save(out)
"""


@dataclass
class Figure:
    seconds: float
    peak_mib: float

    def __str__(self) -> str:
        return f"{self.seconds:6.2f} s {self.peak_mib:6.0f} MiB"


def once(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """One run of `command` in a new process: (seconds, peak RSS in MiB)."""
    # As installed: Python keeps each module's bytecode (pip compiles it on install; a checkout writes it on
    # its first run), whatever this shell says (PYTHONDONTWRITEBYTECODE makes every start compile ~80 modules).
    env = {name: value for name, value in (env or os.environ).items() if name != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    # run outside the checkout: `python -m` puts the working folder first on the path, before PYTHONPATH
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=tempfile.gettempdir()
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode() if process.stderr else status}")
    return elapsed, usage.ru_maxrss / 1024


def measure(commands: dict[str, tuple[list[str], dict[str, str] | None]], runs: int) -> dict[str, Figure]:
    """Run each command `runs` times, interleaved so that the machine's drift falls on all alike."""
    seen: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env) in commands.items():
            seen[name].append(once(command, env))
    return {
        name: Figure(statistics.median(s for s, _ in found), max(m for _, m in found)) for name, found in seen.items()
    }


def boardpack(version: Path | None, *arguments: str) -> tuple[list[str], dict[str, str] | None]:
    """The command running boardpack: this checkout, or the baseline exported to `version`."""
    env = None
    if version is not None:
        env = dict(os.environ, PYTHONPATH=str(version))
    return [sys.executable, "-m", "boardpack.cli", *arguments], env


def uncached(root: Path, out: Path) -> tuple[list[str], dict[str, str] | None]:
    """Building the board's meeting with its cache of parsed sources (.boardpack-cache/) deleted first: a first
    build. (The other builds here find the cache their first run left.)"""
    build = shlex.join([sys.executable, "-m", "boardpack.cli", "build", "--root", str(root), "--out", str(out)])
    return ["sh", "-c", f"rm -rf {shlex.quote(str(root / '.boardpack-cache'))} && exec {build}"], None


def export(revision: str, target: Path, paths: tuple[str, ...] = ("boardpack", "templates")) -> Path:
    """The baseline revision's package and templates (or other `paths`), exported from git."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", revision, *paths], check=True, capture_output=True
    ).stdout
    target.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def pages(folder: Path) -> int:
    return sum(len(PdfReader(pdf).pages) for pdf in folder.glob("*-pack*.pdf"))


def weasyprint_ready() -> Path | None:
    python = WEASYPRINT_ENV / "bin" / "python"
    if not python.exists():
        print("installing WeasyPrint into", WEASYPRINT_ENV, file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(WEASYPRINT_ENV)], check=True)
    done = subprocess.run([str(python), "-c", "import weasyprint, pikepdf"], capture_output=True)
    if done.returncode:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "weasyprint", "pikepdf"], check=True)
    return python


def pack_appendices(root: Path) -> list[str]:
    """The PDF appendices the board's public pack lays in, in their order in it."""
    from boardpack.assemble import assemble_pack, pick_meeting
    from boardpack.checks import check_repository

    papers = check_repository(root)
    pack = assemble_pack(papers, pick_meeting(papers, None, dt.date.today()))
    return [str(path) for path in pack.foreign.values()]


def web_counterparts(site: Path, built: Path) -> list[Path]:
    """The web edition's pages holding what each PDF of a public-only build holds, for WeasyPrint to render: a
    pack's agenda and reports (its meeting's page and item pages: the PDF appendices it lays in are only linked
    from them, so WeasyPrint renders fewer pages of appendices than boardpack lays in), a decision list's page,
    and the confirmed minutes' page. The private decision list (the full list, kept from the web) has none."""
    meeting = max(p for p in site.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.name))
    pages: list[Path] = []
    for pdf in sorted(built.glob("*.pdf")):
        date, kind = pdf.stem[:10], pdf.stem[11:]
        if kind == "public-pack":
            items = sorted(meeting.glob("item-*.html"), key=lambda p: [int(n) for n in p.stem.split("-")[1:]])
            pages[:0] = [meeting / "index.html", *items]
        elif kind in ("decisions", "minutes"):
            pages.append(meeting / f"{kind}-{date}.html")
        elif kind != "decisions-private":
            raise SystemExit(f"no web page is known for {pdf.name}")
    missing = [page for page in pages if not page.is_file()]
    if missing:
        raise SystemExit(f"the site has no {', '.join(map(str, missing))}")
    return pages


def row(label: str, now: Figure | str, before: Figure | None, target: str, met: bool | None, extra: str = "") -> None:
    was = str(before) if before else "         -"
    verdict = "" if met is None else ("met" if met else "NOT MET")
    print(f"{label:<44} {was:>20}   {str(now):>20}   {target:<22} {verdict:<8} {extra}")


def typst_alone(folder: Path, root: Path, runs: int) -> Figure:
    """Typst alone compiling, in a fresh process, exactly the packs `build` renders for the board's meeting, from
    the data boardpack hands it (benchmarks/typst_alone.py): the limit a build is measured against."""
    script = str(Path(__file__).with_name("typst_alone.py"))
    subprocess.run([sys.executable, script, "dump", str(root), str(folder)], check=True, capture_output=True)
    return measure({"typst": ([sys.executable, script, "compile", str(folder)], None)}, runs)["typst"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each small command (large ones: half, at least 3)")
    parser.add_argument("--baseline", default="7fc290c", help="the revision to compare with (default: before issue 10)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-weasyprint", action="store_true")
    args = parser.parse_args()
    small, large = args.runs, max(3, args.runs // 2)
    print(
        f"{platform.node()}: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; medians of {small} runs ({large} for the large boards)"
    )
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        base = None if args.no_baseline else export(args.baseline, work_path / "baseline")
        if base is not None:  # both versions build the example as it was then, which both can read
            boards.ORIGIN[0] = origin = export(args.baseline, work_path / "baseline-board", SOURCES)
            # ... but for its substitute, whom the baseline cannot record as one: marked a member instead
            board_yaml = origin / "board.yaml"
            board_yaml.write_text(
                board_yaml.read_text(encoding="utf-8").replace(
                    "  - name: Alison Mackenzie\n", "  - name: Alison Mackenzie\n    member: true\n"
                ),
                encoding="utf-8",
            )
        example = copy_board(work_path / "example")
        public = public_only_board(work_path / "public")
        x3 = synthetic_board(work_path / "x3", 3)
        x10 = synthetic_board(work_path / "x10", 10)
        history = history_board(work_path / "history")
        versions = {"now": None, **({"before": base} if base else {})}

        def compare(label: str, runs: int, root: Path, *arguments: str, out: str = "") -> dict[str, Figure]:
            commands = {}
            for name, version in versions.items():
                folder = work_path / f"out-{name}-{label}".replace(" ", "-")
                extra = ("--out", str(folder)) if out else ()
                commands[name] = boardpack(version, *arguments, "--root", str(root), *extra)
            return measure(commands, runs)

        print(f"\n{'':<44} {'before (' + args.baseline + ')':>20}   {'now':>20}   target")
        f = compare("check example", small, example, "check")
        row("check: example", f["now"], f.get("before"), "", None)
        f = compare("history check", small, history, "check")
        row("check: 10-year history (41 meetings)", f["now"], f.get("before"), "", None)
        example_figures = f = compare("example", small, example, "build", out="yes")
        n = pages(work_path / "out-now-example")
        row(f"build: example, public + private ({n} p)", f["now"], f.get("before"), "", None)
        f = measure({"cold": uncached(example, work_path / "out-cold")}, small)
        row("build: example, no cache (first build)", f["cold"], None, "", None)
        limit = typst_alone(work_path / "typst-example", example, small)
        row(
            "Typst alone: the same packs, the same data",
            limit,
            None,
            "boardpack <= 2.0x",
            example_figures["now"].seconds <= 2.0 * limit.seconds,
            f"boardpack is {example_figures['now'].seconds / limit.seconds:.2f}x Typst alone",
        )
        public_figures = compare("public", small, public, "build", out="yes")
        n_public = pages(work_path / "out-now-public")
        row(
            f"build: example, public only ({n_public} p)", public_figures["now"], public_figures.get("before"), "", None
        )
        x3_figures = f = compare("x3", large, x3, "build", out="yes")
        row(f"build: synthetic x3 ({pages(work_path / 'out-now-x3')} p)", f["now"], f.get("before"), "", None)
        x10_figures = compare("x10", large, x10, "build", out="yes")
        n_x10 = pages(work_path / "out-now-x10")
        row(
            f"build: synthetic x10 ({n_x10} p)",
            x10_figures["now"],
            x10_figures.get("before"),
            "",  # its whole-tree memory: benchmarks/bench_plans.py
            None,
        )
        limit_x10 = typst_alone(work_path / "typst-x10", x10, large)
        row(
            "Typst alone: the x10 packs, the same data",
            limit_x10,
            None,
            "boardpack <= 2.0x",
            x10_figures["now"].seconds <= 2.0 * limit_x10.seconds,
            f"boardpack is {x10_figures['now'].seconds / limit_x10.seconds:.2f}x Typst alone",
        )
        f = compare("history", large, history, "build", out="yes")
        row(
            f"build: 10-year history, one meeting ({pages(work_path / 'out-now-history')} p)",
            f["now"],
            f.get("before"),
            "",
            None,
        )

        # Linearity: the cost of each further page, from the example (150 p) to x3, and from x3 to x10.
        # All three build two packs, so start-up and per-pack costs cancel out.
        p_example, p_x3 = pages(work_path / "out-now-example"), pages(work_path / "out-now-x3")
        low = (x3_figures["now"].seconds - example_figures["now"].seconds) / (p_x3 - p_example) * 1000
        high = (x10_figures["now"].seconds - x3_figures["now"].seconds) / (n_x10 - p_x3) * 1000
        row(
            "time per further page, ~150-450 vs ~450-1,500 p",
            f"{high / low:.2f}x",
            None,
            "within 20 %",
            abs(high - low) <= 0.2 * low,
            f"{low:.1f} ms/page from {p_example} to {p_x3} p, {high:.1f} ms/page from {p_x3} to {n_x10} p",
        )
        if not args.no_weasyprint:
            site = work_path / "site"
            subprocess.run(
                [sys.executable, "-m", "boardpack.cli", "site", "--root", str(public), "--out", str(site)],
                check=True,
                capture_output=True,
            )
            python = weasyprint_ready()
            script = work_path / "weasy.py"
            script.write_text(WEASYPRINT)
            shown = [str(page) for page in web_counterparts(site, work_path / "out-now-public")]
            appended = ["--append", *pack_appendices(public)]
            weasy_pdf = str(work_path / "weasy.pdf")
            # Interleaved with boardpack's public-only build, run for run, so that the machine's drift falls on all
            # alike (the rows above were measured minutes before).
            f = measure(
                {
                    "weasyprint": ([str(python), str(script), weasy_pdf, *shown, *appended], None),
                    "alone": ([str(python), str(script), str(work_path / "weasy-alone.pdf"), *shown], None),
                    "boardpack": boardpack(
                        None, "build", "--root", str(public), "--out", str(work_path / "out-now-public")
                    ),
                },
                small,
            )
            weasy, alone, ours = f["weasyprint"], f["alone"], f["boardpack"].seconds
            ratio = weasy.seconds / ours
            row(
                f"WeasyPrint: the same, from the web ({len(PdfReader(weasy_pdf).pages)} p)",
                weasy,
                None,
                "boardpack >= 6x",
                ratio >= 6,  # issue 27: at least six times faster, cold
                f"boardpack public only ({ours:.2f} s, run in turn with it) is {ratio:.1f}x faster",
            )
            row(
                "  WeasyPrint's pages alone, no appendices",
                alone,
                None,
                "(for information)",
                None,
                f"boardpack is {alone.seconds / ours:.1f}x faster",
            )


if __name__ == "__main__":
    main()
