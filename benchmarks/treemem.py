"""A command's wall time and the peak memory of its whole process tree.

The tree's memory is sampled every 10 ms while it runs, over the process and every process descended from it,
two ways: the sum of their proportional set sizes (Pss, /proc/PID/smaps_rollup: a page shared by n processes,
as a forked renderer shares its parent's, counts 1/n in each, so the sum is the memory the tree holds, as a
cgroup would charge it), and the sum of their resident set sizes (VmRSS: shared pages counted in every process
that maps them, so it errs high). Each figure is the largest sum seen. Linux only.

    python benchmarks/treemem.py COMMAND ...   # prints seconds and both peaks in MiB
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def _children() -> dict[int, list[int]]:
    """Every process's children, by parent id."""
    found: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        found.setdefault(parent, []).append(int(entry.name))
    return found


def _memory_kib(pid: int) -> tuple[int, int]:
    """A process's proportional and resident set sizes in KiB (0 once it has ended)."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def tree_memory_kib(root: int) -> tuple[int, int]:
    """The summed proportional and resident memory of `root` and all its descendants, now."""
    children, todo, pss, rss = _children(), [root], 0, 0
    while todo:
        pid = todo.pop()
        own = _memory_kib(pid)
        pss, rss = pss + own[0], rss + own[1]
        todo.extend(children.get(pid, []))
    return pss, rss


def run(
    command: list[str], env: dict[str, str] | None = None, cwd: str | None = None, every: float | None = 0.01
) -> tuple[float, float, float]:
    """Run `command` to its end: (seconds, whole-tree peak memory in MiB as the sum of proportional set sizes, and
    as the sum of resident set sizes). A failure exits. With `every` None, nothing is sampled (the memory figures
    are 0 and the main process's own peak): the sampling reads every process's /proc entries 100 times a second,
    which takes a share of the processors from the command, so a timing is best taken from a run without it."""
    peak = [0, 0]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd or tempfile.gettempdir()
    )
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pss, rss = tree_memory_kib(process.pid)
            peak[:] = max(peak[0], pss), max(peak[1], rss)
            done.wait(every or 0)

    sampler = threading.Thread(target=sample, daemon=True)
    if every is not None:
        sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    if every is not None:
        sampler.join()
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode() if process.stderr else status}")
    # The sampler may miss a short peak of the main process; its own peak resident size is exact.
    return elapsed, peak[0] / 1024, max(peak[1], usage.ru_maxrss) / 1024


if __name__ == "__main__":
    seconds, pss, rss = run(sys.argv[1:], cwd=os.getcwd())
    print(f"{seconds:.2f} s, whole-tree peak {pss:.0f} MiB (summed Pss), {rss:.0f} MiB (summed RSS)")
