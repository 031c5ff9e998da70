"""The shipped JSON Schemas match the model, and the example board's sources validate against them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from boardpack.schemas import schema_texts

from .conftest import REPO

PANEL = REPO / "examples" / "people-children-scrutiny-panel"


@pytest.mark.parametrize("root", [REPO, PANEL], ids=["Plymouth board", "scrutiny panel"])
def test_shipped_schemas_are_up_to_date(root: Path) -> None:
    from boardpack.load import report_form

    for name, text in schema_texts(report_form(root)).items():
        assert (root / "schemas" / name).read_text(encoding="utf-8") == text, f"run: boardpack schemas ({root}, {name})"


@pytest.mark.parametrize("kind", ["board", "actions", "agenda", "cover_sheet"])
def test_the_scrutiny_panels_sources_validate_against_its_schemas(kind: str) -> None:
    schema = json.loads((PANEL / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    files = {
        "board": [PANEL / "board.yaml"],
        "actions": [PANEL / "actions.yaml"],
        "agenda": sorted((PANEL / "agendas").glob("*.yaml")),
        "cover_sheet": sorted((PANEL / "cover_sheets").glob("*.md")),
    }
    for path in files[kind]:
        data = front_matter(path) if path.suffix == ".md" else yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(as_json(data), schema)
    if kind == "cover_sheet":  # the officer-report form's fields, not the cover sheet's
        assert "strategic_aim" in schema["properties"] and "consultation_record" not in schema["properties"]
        with pytest.raises(jsonschema.ValidationError, match="Additional properties"):
            jsonschema.validate({**as_json(front_matter(files[kind][0])), "consultation_record": "x"}, schema)


def as_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def front_matter(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.mark.parametrize(
    "kind, files",
    [
        ("board", ["board.yaml"]),
        ("actions", ["actions.yaml"]),
        ("interests", ["interests.yaml"]),
        ("agenda", sorted(p.relative_to(REPO).as_posix() for p in (REPO / "agendas").glob("*.yaml"))),
        ("minutes", sorted(p.relative_to(REPO).as_posix() for p in (REPO / "minutes").glob("*.yaml"))),
        ("cover_sheet", sorted(p.relative_to(REPO).as_posix() for p in (REPO / "cover_sheets").glob("*.md"))),
    ],
)
def test_example_sources_validate_against_the_schemas(kind: str, files: list[str]) -> None:
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert files
    for name in files:
        path = REPO / name
        data = front_matter(path) if path.suffix == ".md" else yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(as_json(data), schema)


def test_schema_rejects_what_check_rejects() -> None:
    schema = json.loads((REPO / "schemas" / "agenda.schema.json").read_text(encoding="utf-8"))
    bad = {
        "date": "2030-01-10",
        "start": "9.30",
        "venue": "x",
        "sections": [{"heading": "A", "items": [{"title": "t", "tiem": "9.40"}]}],
    }
    with pytest.raises(jsonschema.ValidationError, match="Additional properties are not allowed"):
        jsonschema.validate(bad, schema)


def test_the_schemas_are_draft_07_with_a_description_on_every_property() -> None:
    """Editors check against the draft a schema declares: VS Code's YAML extension checks draft-07, and warned of the
    2020-12 these declared while using nothing beyond draft-07. Every property carries a description (hover help)."""
    for path in sorted((REPO / "schemas").glob("*.schema.json")):
        schema = json.loads(path.read_text())
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#", path.name
        jsonschema.Draft7Validator.check_schema(schema)
        assert "$defs" not in path.read_text(), path.name  # draft-07 keeps them in `definitions`
        undescribed = [
            f"{owner}.{name}"
            for owner, part in [("(top)", schema), *schema.get("definitions", {}).items()]
            for name, prop in part.get("properties", {}).items()
            if "description" not in prop
        ]
        assert undescribed == [], (path.name, undescribed)
