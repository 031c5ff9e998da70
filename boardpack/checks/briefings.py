"""Rules for briefings: a signatory who is one of the board's people or posts, Markdown every edition prints, the
standing sections in order, each presentation the topic of an article, and each issue numbered once."""

from __future__ import annotations

from ..document.briefing import outline
from ..load import Loaded
from ..model import Briefing
from ..repository import did_you_mean
from .context import Context


def check_briefings(ctx: Context) -> None:
    """Every briefing, and no two of them the same issue."""
    seen: dict[tuple[int, int], str] = {}  # (volume, issue) -> the briefing numbered so
    for path, loaded in sorted(ctx.papers.briefings.items()):
        check_briefing(ctx, loaded)
        number = (loaded.value.volume or 0, loaded.value.issue or 0)
        if loaded.value.issue is None:
            continue
        if number in seen:
            ctx.add(loaded, ("issue",), f"volume {number[0]}, issue {number[1]} is already {seen[number]}")
        seen.setdefault(number, path)


def check_briefing(ctx: Context, loaded: Loaded[Briefing]) -> None:
    """One briefing: its letter's signatory, its Markdown, its sections and its presentations."""
    briefing = loaded.value
    if briefing.letter is not None:
        ctx.person(loaded, briefing.letter.signatory, "letter", "signatory", allow_posts=True)
    parts = outline(loaded.body, loaded.body_line)
    ctx.markdown_body(loaded.path, parts.opening, parts.opening_line)
    for section in parts.sections:
        ctx.markdown_body(loaded.path, section.text, section.text_line)
        for article in section.articles:
            if not article.heading:
                ctx.at(f"{loaded.path}:{article.line}", "an article's heading has no text")
            ctx.markdown_body(loaded.path, article.text, article.text_line)
    headings = [section.heading for section in parts.sections if section.heading is not None]
    if briefing.sections and headings != briefing.sections:
        missing = [name for name in briefing.sections if name not in headings]
        why = (
            f"the text has no section {', '.join(repr(m) for m in missing)} (a line '# {missing[0]}')"
            if missing
            else f"the text's sections are {', '.join(repr(h) for h in headings)}: not these, in this order"
        )
        ctx.add(loaded, ("sections",), why)
    titles = [article.heading for article in parts.articles()]
    for index, presentation in enumerate(briefing.presentations):
        if presentation.topic not in titles:
            ctx.add(
                loaded,
                ("presentations", index, "topic"),
                f"no article is headed '{presentation.topic}' (its summary: a line '## {presentation.topic}' in the "
                f"text){did_you_mean(presentation.topic, titles)}",
            )
