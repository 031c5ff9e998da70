"""Run boardpack, killing the process (SIGKILL) at its N-th step of writing outputs (0: never).

A step is any call that changes the output folder: renaming, linking, removing, syncing to disk.

    python tests/kill_at.py N build --root BOARD --out OUT
"""

from __future__ import annotations

import os
import shutil
import signal
import sys

import boardpack.outputs as outputs
from boardpack.cli import main


class _Killing:
    """The `os` module as boardpack.outputs sees it, counting the calls that change the folder."""

    def __init__(self, target: int) -> None:
        self.target, self.count = target, 0

    def step(self) -> None:
        self.count += 1
        if self.count == self.target:
            os.kill(os.getpid(), signal.SIGKILL)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        real = getattr(os, name)
        if name in ("replace", "rename", "link", "unlink", "fsync", "chmod", "mkdir"):

            def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
                self.step()
                return real(*args, **kwargs)

            return counted
        return real


if __name__ == "__main__":
    killing = _Killing(int(sys.argv[1]))
    outputs.os = killing  # type: ignore[assignment]
    real_rmtree = shutil.rmtree

    def rmtree(*args, **kwargs):  # type: ignore[no-untyped-def]
        killing.step()
        return real_rmtree(*args, **kwargs)

    outputs.shutil.rmtree = rmtree  # type: ignore[assignment]
    sys.argv = ["boardpack", *sys.argv[2:]]
    main()
