"""Print the SHA-256 of every output boardpack makes of the example, one line a file.

Used to show a refactoring changes nothing a reader sees: run it before and after and
diff the two lists.  Builds into a temporary folder; the repository is not touched.

    python scripts/output_hashes.py > before.txt
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PANEL = ROOT / "examples" / "people-children-scrutiny-panel"


def run(*args: str, root: Path = ROOT) -> None:
    """Run one boardpack command quietly, stopping on failure."""
    subprocess.run(["boardpack", *args, "--root", str(root)], check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    """Build every edition of the example into a temporary folder and print the hashes."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        run("build", "--all", "--docx", "-q", "--jobs", "1", "--out", str(out / "packs"))
        run("build", "--meeting", "2012-06-15", "--large-print", "-q", "--jobs", "1", "--out", str(out / "large"))
        run("paper", "cover_sheets/2012-06-15-camhs.md", "--docx", "--out", str(out / "paper"))
        run("minutes-draft", "2012-06-15", "--out", str(out / "draft"))
        run("site", "-q", "--jobs", "1", "--out", str(out / "site"))
        run("build", "--all", "--docx", "-q", "--jobs", "1", "--out", str(out / "panel"), root=PANEL)
        # The output folder's own records (.boardpack-manifest.json, .boardpack-pages.json) are left out: they
        # key the render cache by the templates' and the package's own text, so any change to those changes them.
        for path in sorted(p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".boardpack-")):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            print(f"{digest}  {path.relative_to(out)}")


if __name__ == "__main__":
    sys.exit(main())
