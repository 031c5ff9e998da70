"""The generated pages of the documentation: the command-line reference from click's --help, and the
source-format reference from the pydantic models in boardpack/model.py.

The pages in docs/reference/ call these from cog blocks, so the generated text is committed and reads in git
as it does on the site. After changing a command, an option or a model, regenerate them:

    cog -r -I scripts docs/reference/cli.md docs/reference/source-format.md

tests/test_docs.py fails while they are out of date.
"""

from __future__ import annotations

import inspect
import json
import types
import typing
from collections.abc import Iterator
from typing import Any

import annotated_types
import click
from click.testing import CliRunner
from pydantic import BaseModel, BeforeValidator

from boardpack import model
from boardpack.cli import main

# --help is wrapped at this width whatever the terminal, so the page is the same on every machine.
HELP_WIDTH = 80

# Where the guide describes each command (pages relative to docs/reference/).
GUIDE = {
    "actions": "../clerks-cycle.md#actions-trackers-and-history",
    "attendance": "../clerks-cycle.md#attendance-and-interests",
    "build": "../clerks-cycle.md#build-the-pack",
    "changes": "../publishing.md#a-late-paper-the-supplementary-pack",
    "check": "../clerks-cycle.md#check",
    "history": "../clerks-cycle.md#actions-trackers-and-history",
    "import": "../authors-guide.md#importing-a-word-report",
    "init": "../getting-started.md#a-new-bodys-repository",
    "interests": "../clerks-cycle.md#attendance-and-interests",
    "minutes-draft": "../clerks-cycle.md#at-the-meeting-the-minutes-draft",
    "new-meeting": "../clerks-cycle.md#new-meeting",
    "paper": "../clerks-cycle.md#paper-one-report-on-its-own",
    "publish": "../publishing.md",
    "schemas": "../getting-started.md#checking-as-you-type",
    "serve": "../clerks-cycle.md#all-year-the-web-edition-site-and-serve",
    "site": "../clerks-cycle.md#all-year-the-web-edition-site-and-serve",
    "timeline": "../clerks-cycle.md#timeline",
    "tracker": "../clerks-cycle.md#actions-trackers-and-history",
    "verify": "../publishing.md#checking-a-copy-verify",
}


# --- the command line ---------------------------------------------------------------------------------------


def commands(
    command: click.Command = main, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under `command`, itself first, with the words that call it (`("minutes-draft",)`)."""
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from commands(command.commands[name], (*path, name))


def help_text(path: tuple[str, ...]) -> str:
    """What `boardpack … --help` prints."""
    result = CliRunner().invoke(main, [*path, "--help"], prog_name="boardpack", terminal_width=HELP_WIDTH)
    assert result.exit_code == 0, result.output
    return "\n".join(line for line in result.output.splitlines() if line.strip() != "\b").rstrip() + "\n"


def heading(path: tuple[str, ...]) -> str:
    return " ".join(("boardpack", *path))


def cli_reference() -> str:
    """The command-line reference: a table of the commands, then the --help of each."""
    out = ["| command | what it does |", "| --- | --- |"]
    for path, command in commands():
        if path:
            anchor = heading(path).replace(" ", "-")
            summary = " ".join((command.help or "").split("\n\n")[0].split())  # the help's first paragraph
            out.append(f"| [`{heading(path)}`](#{anchor}) | {_cell(summary)} |")
    for path, _command in commands():
        out += ["", f"## {heading(path)}", ""]
        if path and path[-1] in GUIDE:
            out += [f"In the guide: [{path[-1]}]({GUIDE[path[-1]]}).", ""]
        out += ["```text", help_text(path).rstrip("\n"), "```"]
    return "\n".join(out) + "\n"


# --- the source format --------------------------------------------------------------------------------------

# Each kind of source: where it lives, its model, and its JSON Schema in schemas/ (see boardpack/schemas.py).
SOURCES: list[tuple[str, type[BaseModel], str]] = [
    ("board.yaml", model.Board, "board"),
    ("council.yaml", model.Council, "council"),
    ("agendas/YYYY-MM-DD.yaml", model.Agenda, "agenda"),
    ("cover_sheets/NAME.md", model.CoverSheet, "cover_sheet"),
    ("minutes/YYYY-MM-DD.yaml", model.Minutes, "minutes"),
    ("actions.yaml", model.ActionLog, "actions"),
    ("interests.yaml", model.Register, "interests"),
    ("forward_plan.yaml", model.ForwardPlan, "forward_plan"),
    ("meetings.yaml", model.MeetingCalendar, "meetings"),
    ("decisions/NAME.yaml", model.DecisionRecord, "decision_record"),
    ("briefings/NAME.md", model.Briefing, "briefing"),
    ("publications/YYYY-MM-DD.yaml", model.Publications, "publications"),
    ("publications/private/YYYY-MM-DD.yaml", model.PrivateRecord, "private_publications"),
]

# The model's named types, as the reference calls them.
NAMED: list[tuple[Any, str]] = [
    (model.IsoDate, "date (YYYY-MM-DD)"),
    (model.ClockTime, 'time, quoted: "9.30" or "10:30"'),
    (model.Names, "a name, or a list of names"),
    (model.Markdown, "Markdown"),
    (model.MinuteNumber, 'minute number, quoted: "2.1"'),
    (model.Sha256, "SHA-256, in hex"),
    (model.Rating, "`low`, `medium` or `high` (or `L`, `M`, `H`)"),
]

# What a value may be written as instead of the whole object (a BeforeValidator's function, by name).
SHORTHANDS = {"_titled": "or its title alone", "_person_ref": "or the name alone"}


def model_classes() -> list[type[BaseModel]]:
    """Every class of the model, in the order of boardpack/model.py."""
    return [
        value
        for value in vars(model).values()
        if inspect.isclass(value) and issubclass(value, BaseModel) and value.__module__ == model.__name__
    ]


def field_name(name: str, info: Any) -> str:
    """A field as sources write it (`break`, not `is_break`)."""
    return info.alias or name


def _join(words: list[str], last: str = "or") -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def _constraints(metadata: list[Any], listed: bool = False) -> list[str]:
    said = []
    for item in metadata:
        if isinstance(item, annotated_types.MinLen):
            said.append(
                ("at least one" if item.min_length == 1 else f"at least {item.min_length}")
                if listed
                else ("not empty" if item.min_length == 1 else f"at least {item.min_length} characters")
            )
        elif isinstance(item, annotated_types.Ge):
            said.append(f"at least {item.ge}")
        elif isinstance(item, annotated_types.Gt):
            said.append(f"more than {item.gt}")
        elif isinstance(item, annotated_types.Le):
            said.append(f"at most {item.le:,}")
        elif getattr(item, "pattern", None):
            said.append(f"matching `{item.pattern}`")
    return said


def type_text(hint: Any) -> str:
    """A type as a person reads it, with links to the classes of the model."""
    for named, text in NAMED:
        if hint is named or hint == named:
            return text
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        inner, *extras = args
        text = type_text(inner)
        for extra in extras:
            if isinstance(extra, BeforeValidator) and extra.func.__name__ in SHORTHANDS:
                text = f"{'an' if text[1] in 'AEIOU' else 'a'} {text} {SHORTHANDS[extra.func.__name__]}"
            elif constraints := _constraints(getattr(extra, "metadata", [])):  # Annotated[int, Field(ge=1)]
                text += f" ({', '.join(constraints)})"
        return text
    if origin in (typing.Union, types.UnionType):
        return _join([choice for arg in args if arg is not type(None) for choice in _choices(arg)])
    if origin is typing.Literal:
        return _join(_choices(hint))
    if origin is list:
        inner = type_text(args[0])
        return f"list, each {inner}" if " or " in inner else f"list of {inner}"
    if origin is dict:
        return f"mapping of keys to {type_text(args[1])}"
    if inspect.isclass(hint) and issubclass(hint, BaseModel):
        return f"[{hint.__name__}](#{hint.__name__.lower()})"
    simple = {str: "text", int: "whole number", float: "number", bool: "`true` or `false`"}
    if hint in simple:
        return simple[hint]
    raise ValueError(f"the reference has no words for the type {hint!r}: add them to docs_reference.type_text")


def _choices(hint: Any) -> list[str]:
    """The values a Literal allows, each as it is written; any other type as one choice."""
    if typing.get_origin(hint) is typing.Literal:
        return [f"`{arg}`" if isinstance(arg, str) else f"`{json.dumps(arg)}`" for arg in typing.get_args(hint)]
    return [type_text(hint)]


def _named_metadata(hint: Any) -> set[str]:
    """The constraints a named type brings (MinuteNumber's pattern), which its name already says."""
    for named, _ in NAMED:
        if hint is named or hint == named:
            return {repr(m) for extra in typing.get_args(named)[1:] for m in getattr(extra, "metadata", [])}
    return set()


def default_text(info: Any) -> str:
    if info.is_required():
        return "**required**"
    default = info.get_default(call_default_factory=True)
    if default is None or isinstance(default, BaseModel):
        return "optional"
    return f"`{json.dumps(default, ensure_ascii=False)}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def field_rows(cls: type[BaseModel]) -> list[str]:
    hints = typing.get_type_hints(cls, include_extras=True)
    rows = ["| field | type | required or default | description |", "| --- | --- | --- | --- |"]
    for name, info in cls.model_fields.items():
        hint = hints[name]
        unwrapped = (
            [a for a in typing.get_args(hint) if a is not type(None)]
            if typing.get_origin(hint) in (typing.Union, types.UnionType)
            else [hint]
        )
        listed = any(typing.get_origin(a) in (list, dict) for a in unwrapped) or (
            typing.get_origin(hint) is typing.Annotated and typing.get_origin(typing.get_args(hint)[0]) is list
        )
        own = [m for m in info.metadata if repr(m) not in _named_metadata(hint)]
        kind = ", ".join([type_text(hint), *_constraints(own, listed)])
        rows.append(
            f"| `{field_name(name, info)}` | {_cell(kind)} | {default_text(info)} | {_cell(info.description or '')} |"
        )
    return rows


def referenced(cls: type[BaseModel]) -> list[type[BaseModel]]:
    """The model classes a class's fields hold, in the order of its fields."""
    found: list[type[BaseModel]] = []

    def visit(hint: Any) -> None:
        if inspect.isclass(hint) and issubclass(hint, BaseModel):
            if hint not in found:
                found.append(hint)
            return
        for arg in typing.get_args(hint):
            visit(arg)

    for hint in typing.get_type_hints(cls, include_extras=True).values():
        visit(hint)
    return found


def _under(root: type[BaseModel], extra: list[Any], listed: set[type[BaseModel]]) -> list[type[BaseModel]]:
    """The classes to document under a source, breadth first from its root, each once in the whole page."""
    order, queue = [], [root, *(cls for hint in extra for cls in _classes_in(hint))]
    while queue:
        cls = queue.pop(0)
        if cls in listed:
            continue
        listed.add(cls)
        order.append(cls)
        queue += referenced(cls)
    return order


def _classes_in(hint: Any) -> list[type[BaseModel]]:
    if inspect.isclass(hint) and issubclass(hint, BaseModel):
        return [hint]
    return [cls for arg in typing.get_args(hint) for cls in _classes_in(arg)]


def _doc(cls: type) -> str:
    return " ".join((inspect.getdoc(cls) or "").split())


def _forms() -> list[str]:
    out = [
        "The fields of boardpack's two report forms (`report_form: cover-sheet`, the default, or "
        "`officer-report`); a body may define its own ([ReportForm](#reportform)). Each is a field of the "
        "report's front matter.",
        "",
    ]
    for name, form in model.FORMS.items():
        out += [
            f"`{name}`: {'with' if form.cover_sheet else 'without'} a cover sheet"
            f"{', sections numbered' if form.numbered else ''}"
            f"{', headed Report of its responsible officer' if form.report_of else ''}.",
            "",
            "| field | printed as | kind | required | place |",
            "| --- | --- | --- | --- | --- |",
        ]
        out += [
            f"| `{f.key}` | {_cell(f.label)} | `{f.kind}` | {'yes' if f.required else 'no'} | `{f.place}` |"
            for f in form.fields
        ]
        out.append("")
    out += ["A field's kind is one of these types:", "", "| kind | type |", "| --- | --- |"]
    out += [f"| `{kind}` | {_cell(type_text(hint))} |" for kind, hint in model.FIELD_TYPES.items()]
    return out


def source_format_reference() -> str:
    """The source-format reference: for each kind of source, every class of the model it is made of."""
    out = [f"`{model.Strict.__name__}`: {_doc(model.Strict)}", ""]
    listed: set[type[BaseModel]] = {model.Strict}
    for where, root, schema in SOURCES:
        extra = list(model.FIELD_TYPES.values()) if root is model.CoverSheet else []
        out += [f"## {where}", "", f"JSON Schema: `schemas/{schema}.schema.json`.", ""]
        for cls in _under(root, extra, listed):
            out += [f"### {cls.__name__}", "", _doc(cls), "", *field_rows(cls), ""]
            if cls is model.CoverSheet:
                out += ["#### The report forms' fields", "", *_forms(), ""]
    rest = [cls for cls in model_classes() if cls not in listed]
    if rest:
        out += ["## Other classes", ""]
        for cls in rest:
            out += [f"### {cls.__name__}", "", _doc(cls), "", *field_rows(cls), ""]
    return "\n".join(out).rstrip("\n") + "\n"
