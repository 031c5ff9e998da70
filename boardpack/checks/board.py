"""Rules for the board itself and for every source's text: people and posts once, a logo that exists, a house
colour black text can be read on, no invisible characters in names, and no character the fonts cannot print."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..repository import did_you_mean, repository_file
from ..store import Store
from ..templates import shipped_templates, template_set
from .context import Context, name_key
from .markdown import IMAGE_TYPES


def _check_membership_over_time(ctx: Context) -> None:
    """Municipal years in order; a member appointed only for years there are; a change of chair to a member."""
    board = ctx.papers.board
    years = [y.year for y in board.value.municipal_years]
    for index, municipal in enumerate(board.value.municipal_years[1:], 1):
        if municipal.start <= board.value.municipal_years[index - 1].start:
            ctx.add(board, ("municipal_years", index, "from"), f"{municipal.start} is not after the year above it")
    for index, person in enumerate(board.value.people):
        for n, year in enumerate(person.appointed):
            if year not in years:
                known = ", ".join(years) or "none"
                ctx.add(
                    board,
                    ("people", index, "appointed", n),
                    f"{year} is not a municipal year (municipal_years: {known})",
                )
        if person.appointed and not person.member:
            ctx.add(board, ("people", index, "appointed"), "appointed as a member: give `member: true` as well")
    for index, change in enumerate(board.value.chairs):
        ctx.person(board, change.name, "chairs", index, "name")


def check_board(ctx: Context) -> None:
    board = ctx.papers.board
    ctx.duplicates(board, ctx.people, ("people",), "name", "person")
    seen: dict[str, str] = {}
    for index, name in enumerate(ctx.people):
        other = seen.setdefault(name_key(name), name)
        if other != name:
            ctx.add(
                board,
                ("people", index, "name"),
                f"'{name}' is the same name as \"{other}\" but for invisible "
                "characters, spaces or letter case: one person, listed twice?",
            )
    ctx.person(board, board.value.chair, "chair")
    ctx.duplicates(board, ctx.posts, ("posts",), "title", "post")
    for index, post in enumerate(board.value.posts):
        if post.title in ctx.people:
            ctx.add(
                board,
                ("posts", index, "title"),
                f"'{post.title}' is both a person and a post: name the post by its office",
            )
        if post.holder is not None:
            ctx.person(board, post.holder, "posts", index, "holder")
    if board.value.vice_chair is not None:
        ctx.person(board, board.value.vice_chair, "vice_chair")
    _check_membership_over_time(ctx)
    style = board.value.style
    if style.logo is not None:
        path, why = repository_file(ctx.papers.root, style.logo)
        if path is None:
            ctx.add(board, ("style", "logo"), f"the logo {why}")
        elif path.suffix.lower() not in IMAGE_TYPES:
            ctx.add(board, ("style", "logo"), f"the logo '{style.logo}' is not a PNG, JPEG or GIF file")
    if style.colour is not None and (ratio := contrast_with_black(style.colour)) < 4.5:
        ctx.add(
            board,
            ("style", "colour"),
            f"black text on {style.colour} has a contrast of only {ratio:.1f}:1; "
            "table headings need at least 4.5:1 to be read: choose a lighter colour",
        )
    keys = [f.key for f in board.value.form.fields]
    for key in style.labels:
        if key not in keys:
            hint = did_you_mean(key, keys) or f" (its fields: {', '.join(keys) or 'none'})"
            ctx.add(board, ("style", "labels", key), f"'{key}' is not a field of the report form{hint}")


def check_deceptive_text(ctx: Context) -> None:
    """Names and titles may hold no invisible characters or direction overrides, which change how
    the text around them reads (a right-to-left override reverses what follows it)."""
    loaded = [
        ctx.papers.board,
        *ctx.papers.agendas.values(),
        *ctx.papers.minutes.values(),
        *ctx.papers.cover_sheets.values(),
        *(source for source in (ctx.papers.log, ctx.papers.register, ctx.papers.plan) if source),
    ]
    for source in loaded:
        for where, text in _names_and_titles(source.value.model_dump(by_alias=True), ()):
            hidden = [c for c in dict.fromkeys(text) if unicodedata.category(c) == "Cf"]
            if hidden:
                named = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed')}" for c in hidden)
                ctx.add(
                    source,
                    where,
                    f"contains {named}: an invisible character that can change how the text around it reads; remove it",
                )


def check_characters(ctx: Context) -> None:
    """Every character of every source must be one the pack's fonts can print."""
    fonts = template_set(ctx.papers.root).fonts
    loaded = [
        ctx.papers.board,
        *ctx.papers.agendas.values(),
        *ctx.papers.minutes.values(),
        *ctx.papers.cover_sheets.values(),
        *(source for source in (ctx.papers.log, ctx.papers.register, ctx.papers.plan) if source),
    ]
    texts = {item.path: item.text for item in loaded}
    texts |= {
        path.relative_to(ctx.papers.root).as_posix(): attachment.text
        for path, attachment in sorted(ctx.papers.attachments.items())
        if attachment.text is not None
    }
    for path, text in texts.items():
        for line, char in unprintable(text, fonts, ctx.papers.root):
            name = unicodedata.name(char, "unnamed")
            ctx.problems.add(
                path,
                line,
                "",
                f"the character {char!r} (U+{ord(char):04X} {name}) cannot be printed: "
                f"the pack's fonts have no glyph for it (add a font that has it to templates/fonts)",
            )


_NAMED = {
    "name",
    "title",
    "heading",
    "chair",
    "owner",
    "public_title",
    "authors",
    "responsible_officer",
    "leads",
    "id",
    "member",
    "interest",
    "names",
    "lead",
    "decision",
}


def contrast_with_black(colour: str) -> float:
    """The WCAG contrast ratio of black text on `colour` (#rrggbb)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue + 0.05) / 0.05


def _names_and_titles(value: object, where: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    """Every name, id and title in a source's data, with where it is."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _NAMED and isinstance(item, str):
                found.append((where + (key,), item))
            elif key in _NAMED and isinstance(item, list):
                found += [(where + (key, i), v) for i, v in enumerate(item) if isinstance(v, str)]
            else:
                found += _names_and_titles(item, where + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _names_and_titles(item, where + (index,))
    return found


COVERAGE = "coverage.json"  # in a fonts folder: each font's characters, by the SHA-256 of its file


def unprintable(text: str, fonts: Path, root: Path) -> list[tuple[int, str]]:
    """(line, character) for each character the pack's fonts have no glyph for; Typst would print a
    blank box for it. Controls and invisible format characters (zero-width joiners …) need none."""
    if text.isascii():
        return []
    glyphs = _font_characters(fonts, root)
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for char in dict.fromkeys(line):
            if ord(char) not in glyphs and unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp"):
                found.append((number, char))
    return found


@lru_cache(maxsize=4)
def _font_characters(folder: Path, root: Path) -> frozenset[int]:
    """Every character some font in `folder` has a glyph for. What each font covers is known by the SHA-256 of
    its file: the shipped fonts' from templates/fonts/coverage.json (scripts/font_coverage.py), a board's own from
    its cache (in `root`) once read; fontTools reads only a font not known either way."""
    shipped = shipped_templates() / "fonts"
    known = _coverage_file(shipped) | (_coverage_file(folder) if folder != shipped else {})
    store = Store(root)
    kept = store.read("fonts")
    characters: set[int] = set()
    read = False
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in (".ttf", ".otf"):
            key = hashlib.sha256(path.read_bytes()).hexdigest()
            ranges = known.get(key) or kept.get(key)
            if not isinstance(ranges, list):
                ranges = kept[key] = coverage_ranges(font_cmap(path))
                read = True
            characters.update(code for first, last in ranges for code in range(first, last + 1))
    if read:
        store.write("fonts", kept)
    return frozenset(characters)


def font_cmap(path: Path) -> set[int]:
    """The characters a font file has glyphs for, read with fontTools."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return set(font.getBestCmap())


def coverage_ranges(characters: set[int]) -> list[list[int]]:
    """Characters as [first, last] runs, in order: how coverage is kept."""
    ranges: list[list[int]] = []
    for code in sorted(characters):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return ranges


def _coverage_file(folder: Path) -> dict[str, list[list[int]]]:
    try:
        found = json.loads((folder / COVERAGE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}
