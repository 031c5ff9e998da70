"""Regenerate the pictures of pages in docs/images/ from the example board (needs poppler's pdftoppm
and, for the web edition, Debian's chromium and chromium-driver):

    python scripts/make_doc_images.py
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

import pdfplumber

from boardpack.build import build_council_site, build_pack, build_site

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"


def page_where(pdf: Path, text: str) -> int:
    """The number of the first page whose text contains `text`."""
    with pdfplumber.open(pdf) as document:
        return next(page.page_number for page in document.pages if text in (page.extract_text() or ""))


def picture(pdf: Path, page: int, name: str) -> None:
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), f"{work}/page"],
            check=True,
        )
        (IMAGES / name).write_bytes(Path(work, "page.png").read_bytes())


def screenshots(shots: list[tuple[Path, int, int, str]]) -> None:
    """Each (page, width, height, name): the page in headless Chromium at that size, saved as docs/images/NAME."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    try:
        for page, width, height, name in shots:
            driver.set_window_size(width, height)
            driver.get(page.as_uri())
            driver.save_screenshot(str(IMAGES / name))
    finally:
        driver.quit()


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        out = Path(work)
        pack = build_pack(ROOT, dt.date(2012, 6, 15), out=out)[0]
        picture(pack, 1, "agenda.png")
        picture(pack, page_where(pack, "Agenda Item 4.1"), "cover-sheet.png")
        picture(pack, page_where(pack, "Appendix I: Emotional Wellbeing"), "tracker.png")
        site = build_site(ROOT, out / "site", today=dt.date(2012, 6, 1)).folder
        council = build_council_site(ROOT / "council.yaml", out / "council", today=dt.date(2013, 1, 1)).folder
        screenshots(
            [
                (site / "2012-06-15" / "index.html", 800, 733, "web-edition.png"),
                (council / "index.html", 1000, 900, "council-home.png"),
                (council / "calendar.html", 1000, 900, "council-calendar.png"),
                (council / "people-children-scrutiny-panel" / "2014-11-13" / "index.html", 390, 844, "phone.png"),
            ]
        )
    print(f"wrote {sorted(p.name for p in IMAGES.glob('*.png'))}")


if __name__ == "__main__":
    main()
