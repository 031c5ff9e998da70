"""A briefing's e-mail edition: one self-contained HTML file a mailing tool can send as it is (every style inline,
tables for the layout, no script, no stylesheet, no resource of its own: a picture is the site's copy, linked by its
address when the site's is known, else left out and its alt text printed in its place), its plain-text alternative,
and both as one multipart/alternative message (.eml)."""

from __future__ import annotations

import re
import textwrap
from email.message import EmailMessage
from email.policy import SMTP
from typing import Any

from markupsafe import Markup, escape

from ..assemble.briefing import Issue
from ..document.nodes import Node
from ..templates import Templates
from .html.markup import SCROLL_HINT, TABLE_WRAP, markdown_html, plain_text
from .html.writer import environment

FONT = "font-family:Arial,Helvetica,sans-serif;overflow-wrap:break-word;word-wrap:break-word;"
# The style each element of the text is written with (a mail client drops a <style> element, or most of it).
STYLES = {
    "h2": FONT + "font-size:22px;line-height:28px;font-weight:bold;margin:28px 0 10px 0;color:#0b0c0c;",
    "h3": FONT + "font-size:19px;line-height:25px;font-weight:bold;margin:24px 0 8px 0;color:#0b0c0c;",
    "h4": FONT + "font-size:17px;line-height:23px;font-weight:bold;margin:18px 0 6px 0;color:#0b0c0c;",
    "h5": FONT + "font-size:16px;line-height:22px;font-weight:bold;margin:16px 0 6px 0;color:#0b0c0c;",
    "h6": FONT + "font-size:16px;line-height:22px;font-weight:bold;margin:16px 0 6px 0;color:#0b0c0c;",
    "p": "margin:0 0 14px 0;",
    "ul": "margin:0 0 14px 0;padding:0 0 0 24px;",
    "ol": "margin:0 0 14px 0;padding:0 0 0 24px;",
    "li": "margin:0 0 6px 0;",
    "a": "color:#1d70b8;text-decoration:underline;",
    "table": "border-collapse:collapse;width:100%;margin:0 0 14px 0;",
    "th": "border:1px solid #b1b4b6;padding:6px 8px;text-align:left;vertical-align:top;background-color:#f3f2f1;",
    "td": "border:1px solid #b1b4b6;padding:6px 8px;text-align:left;vertical-align:top;",
    "blockquote": "margin:0 0 14px 0;padding:0 0 0 12px;border-left:4px solid #b1b4b6;",
    "pre": "font-family:monospace;white-space:pre-wrap;margin:0 0 14px 0;",
    "code": "font-family:monospace;",
    "hr": "border:0;border-top:1px solid #b1b4b6;margin:20px 0;",
    "img": "display:block;max-width:100%;height:auto;border:0;",
}
_TAG = re.compile(r"<(" + "|".join(STYLES) + r")(\s[^>]*)?>")
_CAPTION = re.compile(r'<caption class="visually-hidden">[^<]*</caption>\n')
_IMAGE = re.compile(r'<img src="([^"]*)" alt="([^"]*)">')


def styled(nodes: list[Node], images: str) -> Markup:
    """The Markdown tree as HTML with every element's style inline, the web edition's scrolling boxes and hidden
    captions left out; a picture's address under `images` (the issue's folder of the site), or, with no address,
    its alt text in its place."""
    html = str(markdown_html(nodes)).replace(TABLE_WRAP, "").replace("</table></div>", "</table>")
    html = _CAPTION.sub("", html.replace(SCROLL_HINT, ""))

    def picture(found: re.Match[str]) -> str:
        source, alt = found.groups()
        if images:
            return f'<img src="{escape(images)}{source}" alt="{alt}">'
        return f"<em>[Picture: {alt}]</em>"

    html = _IMAGE.sub(picture, html)
    return Markup(_TAG.sub(lambda m: f'<{m.group(1)}{m.group(2) or ""} style="{STYLES[m.group(1)]}">', html))


def email_context(issue: Issue, site_url: str) -> dict[str, Any]:
    """What the e-mail template shows: the issue's data with its text as styled HTML, and its page on the site."""
    data = issue.data
    images = f"{site_url}briefings/{issue.stem}/" if site_url else ""
    sections = [
        {
            "heading": section["heading"],
            "body": styled(section["body"], images),
            "articles": [{**article, "html": styled(article["body"], images)} for article in section["articles"]],
        }
        for section in data["sections"]
    ]
    return {
        "briefing": data,
        "opening": styled(data["opening"], images),
        "events": styled(data["events_table"], images),
        "sections": sections,
        "web": f"{site_url}briefings/{issue.stem}/index.html" if site_url else "",
        "styles": STYLES,
        "font": FONT,
    }


def email_html(issue: Issue, templates: Templates, site_url: str = "") -> str:
    """The e-mail edition as one HTML file (templates/html/briefing_email.html)."""
    template = environment(templates).get_template("briefing_email.html")
    return template.render(**email_context(issue, site_url))


def email_text(issue: Issue, site_url: str = "") -> str:
    """The plain-text alternative: the masthead, Inside this issue, the letter and every article, wrapped at 72
    characters, each link's address on a line after the text that names it."""
    data = issue.data
    out = [line for line in (data["publisher"], data["name"], data["issue_line"], data["audience"]) if line]
    out = ["\n".join(out)]
    if site_url:
        out.append(f"Read this briefing on the web: {site_url}briefings/{issue.stem}/index.html")
    contents = [
        (section["heading"], [a["heading"] for a in section["articles"]])
        for section in data["sections"]
        if section["articles"]
    ]
    if contents:
        lines = ["INSIDE THIS ISSUE"]
        for heading, articles in contents:
            lines += ([f"{heading}:"] if heading else []) + [f"- {article}" for article in articles]
        out.append("\n".join(lines))
    letter = data["letter"]
    if letter is not None:
        out.append(letter["salutation"])
    out += _blocks(data["opening"])
    if letter is not None:
        out.append(letter["closing"])
        out.append("\n".join(filter(None, [letter["name"], letter["role"]])))
    if data["events"]:
        out += [f"{'=' * 72}\n{data['events_heading']}\n{'=' * 72}", *_blocks(data["events_table"])]
    for section in data["sections"]:
        if section["heading"]:
            out.append(f"{'=' * 72}\n{section['heading'].upper()}\n{'=' * 72}")
        out += _blocks(section["body"])
        for article in section["articles"]:
            # a rule above the heading (not under it: the speakers' byline follows the heading at once)
            out.append("\n".join(filter(None, ["-" * 72, article["heading"], article["byline"]])))
            out += _blocks(article["body"])
    return "\n\n".join(part for part in out if part.strip()) + "\n"


def _underlined(text: str, mark: str) -> str:
    return f"{text}\n{mark * min(len(text), 72)}"


def _blocks(nodes: list[Any], indent: str = "") -> list[str]:
    """Each block node as plain text (a paragraph each), wrapped, with its links' addresses after it."""
    out: list[str] = []
    for node in nodes:
        kind = node["t"]
        if kind == "p":
            out.append(_paragraph(node["c"], indent))
        elif kind == "heading":
            out.append(indent + _underlined(plain_text(node["c"]), "-"))
        elif kind == "list":
            items = []
            for number, item in enumerate(node["items"], node.get("start", 1)):
                marker = f"{number}. " if node["ordered"] else "- "
                parts = _blocks(item, indent + " " * len(marker))
                first = parts[0][len(indent) + len(marker) :] if parts else ""
                items.append("\n\n".join([indent + marker + first, *parts[1:]]))
            out.append("\n".join(items))
        elif kind == "table":
            rows = [node["head"], *node["rows"]]
            out.append("\n".join(indent + " | ".join(_inline(cell) for cell in row) for row in rows))
        elif kind == "grid":
            rows = [*node["head"], *node["rows"]]
            out.append(
                "\n".join(
                    indent + " | ".join(" ".join(_blocks(cell["c"])).replace("\n", " ") for cell in row) for row in rows
                )
            )
        elif kind in ("keep", "numbered"):
            out += _blocks(node["c"], indent)
        elif kind == "quote":
            out += _blocks(node["c"], indent + "> ")
        elif kind == "rule":
            out.append(indent + "-" * 20)
        elif kind == "pre":
            out.append(textwrap.indent(node["v"], indent))
        else:
            raise NotImplementedError(f"the e-mail edition has no plain text for the block node kind {kind!r}")
    return out


def _paragraph(inline: list[Any], indent: str) -> str:
    """A paragraph wrapped at 72 characters (its hard line breaks kept), then the address of each link whose words
    are not its address."""
    lines = _inline(inline).split("\n")
    wrapped = [
        textwrap.fill(line, 72, initial_indent=indent, subsequent_indent=indent, break_long_words=False)
        for line in lines
    ]
    addresses = [
        f"{indent}  {words}: {href}" if words else f"{indent}  {href}"
        for words, href in _links(inline)
        if _bare(words) != _bare(href)
    ]
    return "\n".join(wrapped + addresses)


def _bare(address: str) -> str:
    """An address as its words may give it: no scheme, no "www.", no trailing slash."""
    return re.sub(r"^(https?://|mailto:)?(www\.)?", "", address.strip()).rstrip("/").casefold()


def _inline(inline: list[Any]) -> str:
    """Inline nodes as text: marks dropped, a hard break a new line, a picture its alt text."""
    out = []
    for part in inline:
        if isinstance(part, str):
            out.append(part)
        elif part["t"] == "br":
            out.append("\n")
        elif part["t"] == "img":
            out.append(f"[Picture: {part['alt']}]")
        elif part["t"] == "code":
            out.append(part["v"])
        elif part["t"] in ("strong", "em", "link", "span"):
            out.append(_inline(part["c"]))
        else:
            raise NotImplementedError(f"the e-mail edition has no plain text for the inline node kind {part['t']!r}")
    return "".join(out)


def _links(inline: list[Any]) -> list[tuple[str, str]]:
    """Every link among inline nodes: its words and its address."""
    found = []
    for part in inline:
        if isinstance(part, dict) and part["t"] == "link":
            found.append((" ".join(_inline(part["c"]).split()), part["href"]))
        elif isinstance(part, dict) and "c" in part:
            found += _links(part["c"])
    return found


def email_message(issue: Issue, html: str, text: str) -> bytes:
    """The e-mail edition as one message, its plain text and its HTML the alternatives of each other, subject the
    issue's title; no sender or recipients (the mailing tool adds them)."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = issue.title
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return bytes(message)
