"""A command's wall time and the peak memory of its whole process tree.

The tree's memory is the sum of the resident set sizes (VmRSS, /proc) of the process and every process
descended from it, sampled every 10 ms while it runs; the figure is the largest sum seen. Pages that forked
processes share are counted once in each, so the sum errs high, never low. Linux only.

    python benchmarks/treemem.py COMMAND ...   # prints seconds and peak MiB
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


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kib(root: int) -> int:
    """The summed resident memory of `root` and all its descendants, now."""
    children, todo, total = _children(), [root], 0
    while todo:
        pid = todo.pop()
        total += _rss_kib(pid)
        todo.extend(children.get(pid, []))
    return total


def run(
    command: list[str], env: dict[str, str] | None = None, cwd: str | None = None, every: float = 0.01
) -> tuple[float, float]:
    """Run `command` to its end: (seconds, whole-tree peak resident memory in MiB). A failure exits."""
    peak = [0]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd or tempfile.gettempdir()
    )
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kib(process.pid))
            done.wait(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode() if process.stderr else status}")
    # The sampler may miss a short peak of the main process; its own peak is exact.
    return elapsed, max(peak[0], usage.ru_maxrss) / 1024


if __name__ == "__main__":
    seconds, mib = run(sys.argv[1:], cwd=os.getcwd())
    print(f"{seconds:.2f} s, whole-tree peak {mib:.0f} MiB")
