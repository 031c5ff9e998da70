"""Every generated page of the example's packs, standard and large print, public and private, is free of
the layout faults a reader would see (tests/layout.py): overprinted glyphs, text out of its cell or
the text area, a page holding only the tail of a short block."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from boardpack.build import build_pack

from .conftest import REPO
from .layout import layout_faults


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("layout")
    found = {}
    for large in (False, True):
        for path in build_pack(REPO, dt.date(2012, 6, 15), out=out, large_print=large):
            found[path.name] = path
    return found


@pytest.mark.parametrize("name", ["2012-06-15-public-pack.pdf", "2012-06-15-private-pack.pdf",
                                  "2012-06-15-public-pack-large-print.pdf", "2012-06-15-private-pack-large-print.pdf"])
def test_no_layout_faults_on_any_generated_page(packs: dict[str, Path], name: str) -> None:
    assert layout_faults(packs[name], large_print="large-print" in name) == []
