"""JSON Schemas for each kind of YAML source, generated from the model for editors to validate against."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .model import (
    FORMS,
    ActionLog,
    Agenda,
    Board,
    Briefing,
    Council,
    DecisionRecord,
    ForwardPlan,
    MeetingCalendar,
    Minutes,
    PrivateRecord,
    Publications,
    Register,
    ReportForm,
    cover_sheet_model,
)


def schema_texts(form: ReportForm = FORMS["cover-sheet"]) -> dict[str, str]:
    """File name -> JSON Schema text, for every kind of source; a report's fields are those of `form`."""
    kinds: dict[str, tuple[type[BaseModel], str]] = {
        "board": (Board, "board.yaml"),
        "council": (Council, "council.yaml (a council's site across its bodies)"),
        "agenda": (Agenda, "agendas/YYYY-MM-DD.yaml"),
        "cover_sheet": (cover_sheet_model(form), "the front matter of cover_sheets/NAME.md"),
        "minutes": (Minutes, "minutes/YYYY-MM-DD.yaml"),
        "actions": (ActionLog, "actions.yaml"),
        "interests": (Register, "interests.yaml"),
        "forward_plan": (ForwardPlan, "forward_plan.yaml"),
        "meetings": (MeetingCalendar, "meetings.yaml (the calendar of meetings)"),
        "decision_record": (DecisionRecord, "decisions/NAME.yaml (a decision taken outside a meeting)"),
        "briefing": (Briefing, "the front matter of briefings/NAME.md (a briefing for partners)"),
        "publications": (Publications, "publications/YYYY-MM-DD.yaml (written by `boardpack publish`)"),
        "private_publications": (
            PrivateRecord,
            "publications/private/YYYY-MM-DD.yaml (written by `boardpack publish`, never committed)",
        ),
    }
    texts = {}
    for kind, (model, where) in kinds.items():
        # Draft-07, which is all the schemas use and what VS Code's YAML extension checks: its `definitions`.
        schema = model.model_json_schema(mode="validation", by_alias=True, ref_template="#/definitions/{model}")
        if "$defs" in schema:
            schema["definitions"] = schema.pop("$defs")
        schema = {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "title": f"boardpack {kind.replace('_', ' ')}",
            "description": f"The format of {where}.",
            **{k: v for k, v in schema.items() if k not in ("title", "description")},
        }
        texts[f"{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts


def write_schemas(folder: Path, form: ReportForm = FORMS["cover-sheet"]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts(form).items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
