"""Run boardpack, stopping it at its N-th step of publishing or of writing outputs (0: never).

A step is one of publish's own (the journal, each record, staging, the commit, the packs, the tag) or any call
that changes the output folder (renaming, linking, removing, syncing). MODE says how it stops there:

- kill: the process is killed (SIGKILL), as by an OOM killer or a power cut;
- full: the step fails as on a full disk (OSError ENOSPC), and boardpack handles it.

    python tests/publish_at.py MODE N publish DATE --root BOARD --on DAY

The number of steps taken is printed to standard error at the end as "steps: K", so a test knows how many
there are to stop at.
"""

from __future__ import annotations

import errno
import os
import signal
import sys

import boardpack.outputs as outputs
import boardpack.publish as publish
from boardpack.cli import main


class _Stopping:
    """Counts steps, and stops the run at the chosen one."""

    def __init__(self, mode: str, target: int) -> None:
        self.mode, self.target, self.count = mode, target, 0

    def step(self) -> None:
        self.count += 1
        if self.count != self.target:
            return
        if self.mode == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        raise OSError(errno.ENOSPC, "No space left on device")


class _Os:
    """The `os` module as boardpack.outputs sees it, each call that changes the folder a step."""

    def __init__(self, stopping: _Stopping) -> None:
        self.stopping = stopping

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        real = getattr(os, name)
        if name in ("replace", "rename", "link", "unlink", "fsync", "mkdir"):

            def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
                self.stopping.step()
                return real(*args, **kwargs)

            return counted
        return real


if __name__ == "__main__":
    stopping = _Stopping(sys.argv[1], int(sys.argv[2]))
    publish._step = lambda name: stopping.step()  # type: ignore[assignment]
    outputs.os = _Os(stopping)  # type: ignore[assignment]
    sys.argv = ["boardpack", *sys.argv[3:]]
    try:
        main()
    finally:
        print(f"steps: {stopping.count}", file=sys.stderr)
