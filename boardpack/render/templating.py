"""Jinja2 as boardpack's templates use it: data keys before Python attributes, no method ever printed.

Every context boardpack hands a template is plain dicts, lists and strings. In stock Jinja2,
`{{ a.update }}` finds `dict.update` before the key "update" and prints
"<built-in method update …>"; here a mapping's own key always wins, and printing anything
callable is an error that names the template, never text in a pack.

Jinja2 is imported when the first environment is made: a build that writes no web pages and no Word
documents never loads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment


def data_environment(**options: Any) -> Environment:
    """A Jinja2 environment for templates filled with data (HTML and Word): StrictUndefined, keys first,
    nothing callable printed, and `unknown_kind` for a template's last branch."""
    return _environment_class()(**options)


@lru_cache(maxsize=1)
def _environment_class() -> type[Environment]:
    from jinja2 import Environment, StrictUndefined, TemplateRuntimeError, Undefined

    def printable(value: Any) -> Any:
        if callable(value) and not isinstance(value, Undefined):
            raise TemplateRuntimeError(f"a template printed {value!r}, which is not data")
        return value

    class DataEnvironment(Environment):
        def __init__(self, **options: Any) -> None:
            options.setdefault("undefined", StrictUndefined)
            super().__init__(finalize=printable, **options)
            self.globals["unknown_kind"] = unknown_kind

        def getattr(self, obj: Any, attribute: str) -> Any:
            if isinstance(obj, Mapping):
                try:
                    return obj[attribute]
                except (KeyError, TypeError):
                    pass
            value = super().getattr(obj, attribute)
            if callable(value) and not isinstance(value, Undefined):
                return self.undefined(obj=obj, name=attribute)  # a method, not data: fails as a missing field
            return value

    return DataEnvironment


def unknown_kind(what: str, kind: str) -> str:
    """A template's last branch: a kind of document or node it has no rendering for fails loudly, never vanishes."""
    raise NotImplementedError(f"the template has no rendering for the {what} kind {kind!r}")
