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


def test_shipped_schemas_are_up_to_date() -> None:
    for name, text in schema_texts().items():
        assert (REPO / "schemas" / name).read_text(encoding="utf-8") == text, f"run: boardpack schemas ({name})"


def as_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def front_matter(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.mark.parametrize("kind, files", [
    ("board", ["board.yaml"]),
    ("actions", ["actions.yaml"]),
    ("agenda", sorted(p.relative_to(REPO).as_posix() for p in (REPO / "agendas").glob("*.yaml"))),
    ("minutes", sorted(p.relative_to(REPO).as_posix() for p in (REPO / "minutes").glob("*.yaml"))),
    ("cover_sheet", sorted(p.relative_to(REPO).as_posix() for p in (REPO / "cover_sheets").glob("*.md"))),
])
def test_example_sources_validate_against_the_schemas(kind: str, files: list[str]) -> None:
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert files
    for name in files:
        path = REPO / name
        data = front_matter(path) if path.suffix == ".md" else yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(as_json(data), schema)


def test_schema_rejects_what_check_rejects() -> None:
    schema = json.loads((REPO / "schemas" / "agenda.schema.json").read_text(encoding="utf-8"))
    bad = {"date": "2030-01-10", "start": "9.30", "venue": "x", "sections": [{"heading": "A", "items": [{"title": "t", "tiem": "9.40"}]}]}
    with pytest.raises(jsonschema.ValidationError, match="Additional properties are not allowed"):
        jsonschema.validate(bad, schema)
