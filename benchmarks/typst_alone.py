"""The limit a build is measured against: Typst alone compiling the exact data boardpack hands it.

    python benchmarks/typst_alone.py dump ROOT FOLDER [YYYY-MM-DD]   # with boardpack: write each pack's inputs
    python benchmarks/typst_alone.py compile FOLDER                  # Typst alone, in a fresh process

`dump` assembles the packs `boardpack build` renders for the meeting (the public pack, the private one when there is
exempt material, the decision lists and confirmed minutes beside them) and writes, for each, the templates and
pictures Typst reads and the inputs boardpack passes it (`inputs.json`), with the fonts' folder (`fonts.txt`).
`compile` imports nothing but Typst and compiles each, one after the other, as boardpack does (tagged, PDF/UA-1),
then exits: its whole-process time is Typst's share of a build, without Python's start-up of boardpack, the checks,
the assembly or the laying-in of foreign PDFs.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path


def dump(root: Path, folder: Path, meeting: str | None) -> int:
    import datetime as dt

    from boardpack.assemble import pick_meeting
    from boardpack.build import _meeting_packs
    from boardpack.checks import check_repository
    from boardpack.images import published_image
    from boardpack.publish import Sources
    from boardpack.templates import template_set

    papers = check_repository(root)
    date = pick_meeting(papers, dt.date.fromisoformat(meeting) if meeting else None, dt.date.today())
    templates = template_set(root)
    with Sources(root) as sources:
        packs = _meeting_packs(papers, date, False, sources)
    for number, pack in enumerate(packs):
        target = folder / f"{number:02d}"
        shutil.copytree(templates.typst, target)
        for name, path in pack.images.items():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(published_image(Path(path)))
        inputs = {
            "pack": json.dumps(pack.data, ensure_ascii=False),
            "large_print": "yes" if pack.large_print else "no",
            **pack.data.get("style", {}),
        }
        (target / "inputs.json").write_text(json.dumps(inputs), encoding="utf-8")
        (target / "fonts.txt").write_text(str(templates.fonts), encoding="utf-8")
    return len(packs)


def compile_all(folder: Path) -> int:
    import typst

    pages = 0
    for target in sorted(p for p in folder.iterdir() if (p / "inputs.json").is_file()):
        compiler = typst.Compiler(
            str(target / "pack.typ"),
            root=str(target),
            font_paths=[(target / "fonts.txt").read_text(encoding="utf-8")],
            ignore_system_fonts=True,
            sys_inputs=json.loads((target / "inputs.json").read_text(encoding="utf-8")),
        )
        pdf = compiler.compile(format="pdf", pdf_standards=["ua-1"])
        assert isinstance(pdf, bytes)
        pages += pdf.count(b"/Type /Page\n") + pdf.count(b"/Type/Page\n")
    return pages


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        print(dump(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None), "packs")
    else:
        compile_all(Path(sys.argv[2]))
