"""The web edition of the body's briefings (briefings/NAME.md): a page listing every issue, the latest first, and a
folder for each issue (briefings/NAME/index.html, its pictures beside it) with its masthead, letter or introduction,
"Inside this issue" and its articles, each with an id to link to."""

from __future__ import annotations

from pathlib import Path

from ...assemble.briefing import Issue
from .pages import Context, Download, Page, Site, _page, _published

INDEX = "briefings/index.html"


def issue_page(issue: Issue) -> str:
    """The page of an issue, from the body's folder: briefings/2010-03/index.html."""
    return f"briefings/{issue.stem}/index.html"


def briefing_pages(site: Site, issues: list[Issue]) -> tuple[list[Page], list[Download]]:
    """The list of issues (none without briefings) and each issue's page, with the pictures its articles show."""
    if not issues:
        return [], []
    latest = sorted(issues, key=lambda issue: (issue.data["date"], issue.stem), reverse=True)
    listed = [_listed(issue) for issue in latest]
    pages = [_page(site, INDEX, "briefings.html", "Briefings", indexed=False, issues=listed)]
    files: list[Download] = []
    for issue, shown in zip(latest, listed, strict=True):
        pages.append(
            _page(
                site,
                issue_page(issue),
                "briefing.html",
                issue.title,
                briefing=issue.data,
                contents=shown["contents"],
                search_kinds=["Briefing"],
            )
        )
        files += [
            Download(f"briefings/{issue.stem}/{name}", _published(Path(source)))
            for name, source in issue.images.items()
        ]
    return pages, files


def _listed(issue: Issue) -> Context:
    """An issue as the list of issues and its own "Inside this issue" show it."""
    contents = [
        {"heading": section["heading"], "articles": [(a["id"], a["heading"]) for a in section["articles"]]}
        for section in issue.data["sections"]
        if section["articles"]
    ]
    return {
        "page": f"{issue.stem}/index.html",
        "title": issue.data["name"],
        "issue_line": issue.data["issue_line"],
        "audience": issue.data["audience"],
        "date": issue.data["date"],
        "contents": contents,
    }


def feed_entries(issues: list[Issue]) -> list[Context]:
    """Each issue as the Atom feed lists it: its day of publication, page and title."""
    return [{"date": issue.data["date"], "page": issue_page(issue), "title": issue.title} for issue in issues]
