"""Minutes as confirmed (Local Government Act 1972 Sch 12 para 41): the amendments agreed at the confirming meeting
applied to the minutes as circulated, and who presided there to sign them.

The file of the confirmed minutes keeps the draft as circulated (and is locked once confirmed); the confirming
minute records each amendment; the record as signed is the one with them applied, in order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import Amendment, Decision, Minute, Minutes

DECISION_TEXTS = ("resolved", "reasons", "alternatives", "public_summary")


@dataclass(frozen=True)
class Misfit:
    """An amendment that does not apply: its position in the list, the field at fault and why."""

    index: int
    field: str
    message: str


def amended(minutes: Minutes, amendments: Sequence[Amendment]) -> tuple[Minutes, list[Misfit]]:
    """`minutes` with `amendments` applied in turn, and those that do not apply (left out)."""
    items = list(minutes.items)
    misfits = []
    for index, amendment in enumerate(amendments):
        numbers = [m.number for m in items]
        if amendment.minute not in numbers:
            misfits.append(
                Misfit(
                    index,
                    "minute",
                    f"there is no minute {amendment.minute} in the minutes of {minutes.date} "
                    f"(minutes: {', '.join(numbers)})",
                )
            )
            continue
        at = numbers.index(amendment.minute)
        changed, why = _amend(items[at], amendment, f"minute {amendment.minute} of the minutes of {minutes.date}")
        if changed is None:
            misfits.append(Misfit(index, "replace", why))
        else:
            items[at] = changed
    return minutes.model_copy(update={"items": items}), misfits


def _amend(minute: Minute, amendment: Amendment, where: str) -> tuple[Minute | None, str]:
    """The minute amended, or None and why not: the words replaced must be found in it (`where`) exactly once."""
    if amendment.replace is None:
        return minute.model_copy(update={"body": amendment.by}), ""
    old = amendment.replace
    found = sum(text.count(old) for text in _texts(minute))
    if found != 1:
        # An exempt minute's words are not repeated in a message (CI logs are public).
        quoted = "the words to replace" if minute.exempt is not None else f"the words '{_short(old)}'"
        if found:
            return None, f"{quoted} are found {found} times in {where}: quote enough words to find them once"
        hint = (
            "the agreed words are there already: keep the draft as circulated in the minutes' file, and the "
            "amendment is applied wherever they are printed as confirmed"
            if amendment.by and any(amendment.by in text for text in _texts(minute))
            else "copy the words exactly as circulated"
        )
        return None, f"{quoted} are not in {where}: {hint}"
    decisions = [_replaced_decision(d, old, amendment.by) for d in minute.decisions]
    return (
        minute.model_copy(
            update={
                "title": minute.title.replace(old, amendment.by),
                "body": minute.body.replace(old, amendment.by),
                "decisions": decisions,
            }
        ),
        "",
    )


def _replaced_decision(decision: Decision, old: str, new: str) -> Decision:
    update = {key: value.replace(old, new) for key in DECISION_TEXTS if (value := getattr(decision, key)) is not None}
    return decision.model_copy(update=update)


def _texts(minute: Minute) -> list[str]:
    """The words of a minute an amendment may change: its title, body and decisions."""
    decided = [getattr(d, key) or "" for d in minute.decisions for key in DECISION_TEXTS]
    return [minute.title, minute.body, *decided]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def presiding(minutes: Minutes, chair: str) -> str | None:
    """Who presided at the meeting, to sign the minutes it confirmed: the one present noted "Chair" (or "in the
    chair"), else the body's `chair` when present; None when the minutes do not say."""
    for entry in minutes.present:
        note = (entry.note or "").strip().lower()
        if note == "chair" or note.endswith("in the chair"):
            return entry.name
    return chair if any(entry.name == chair for entry in minutes.present) else None
