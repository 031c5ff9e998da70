"""Public participation as the agenda lists it and the minutes record it: questions from the public, petitions,
deputations and notices of motion. The agenda lists what was received (an answer only when it was given in writing
beforehand); the minute marked `participation` records each with the answer given and the outcome. Participation is
never taken at an exempt item (the model refuses it), so none of this is exempt."""

from __future__ import annotations

from collections.abc import Callable

from ..document.markdown import markdown_plain
from ..document.nodes import Node, bullets, lead_in, para
from ..model import AgendaItem, Deputation, Motion, Petition, Question
from ..wording import short_date
from .scope import Scope


def has_participation(item: AgendaItem) -> bool:
    return bool(item.questions or item.petitions or item.deputations or item.motions)


def agenda_blocks(scope: Scope, item: AgendaItem) -> list[Node]:
    """What the item lists under its title: each question, petition, deputation and notice of motion received."""
    return _listed(
        scope,
        item,
        lambda q: _question(scope, q, answers=q.in_writing),
        lambda p: _petition(scope, p, outcome=False),
        lambda d: _deputation(scope, d, outcome=False),
        lambda m: _motion(scope, m, outcome=False),
    )


def minute_blocks(scope: Scope, items: list[AgendaItem]) -> list[Node]:
    """What the minute records of the agenda's participation: each question with its answer and any supplementary,
    each petition's response, each deputation's and motion's outcome."""
    blocks: list[Node] = []
    for item in items:
        blocks += _listed(
            scope,
            item,
            lambda q: _question(scope, q, answers=True),
            lambda p: _petition(scope, p, outcome=True),
            lambda d: _deputation(scope, d, outcome=True),
            lambda m: _motion(scope, m, outcome=True),
        )
    return blocks


def draft_notes(item: AgendaItem) -> list[str]:
    """The item's participation as the clerk's note-taking document lists it, each with what to note at the meeting
    (plain text: the document is private and not for circulation)."""
    notes = []
    for question in item.questions:
        who = question.asked_by + (f" ({question.area})" if question.area else "")
        notes.append(
            f"Question from {who}: {markdown_plain(question.question)} – answered by, the answer, any supplementary "
            "question and its answer:"
        )
    for petition in item.petitions:
        notes.append(
            f"Petition: {petition.title}, presented by {petition.lead_petitioner} ({_signatures(petition)}) – the "
            "response or referral:"
        )
    for deputation in item.deputations:
        notes.append(f"Deputation: {deputation.speaker}, {deputation.subject} – the outcome:")
    for motion in item.motions:
        notes.append(f"Motion moved by {motion.mover}: {markdown_plain(motion.text)} – the outcome:")
    return notes


def _listed(
    scope: Scope,
    item: AgendaItem,
    question: Callable[[Question], list[Node]],
    petition: Callable[[Petition], list[Node]],
    deputation: Callable[[Deputation], list[Node]],
    motion: Callable[[Motion], list[Node]],
) -> list[Node]:
    """The item's participation under a label for each kind received."""
    groups = [
        ("Questions from the public:", [question(q) for q in item.questions]),
        ("Petitions:", [petition(p) for p in item.petitions]),
        ("Deputations:", [deputation(d) for d in item.deputations]),
        ("Notices of motion:", [motion(m) for m in item.motions]),
    ]
    blocks: list[Node] = []
    for label, entries in groups:
        if entries:
            blocks += [para(label), bullets(entries)]
    return blocks


def _urgent(urgent: str | None) -> list[Node]:
    """Received after the house's deadline: the chair's reason for accepting it."""
    return [para(f"Accepted by the Chair as urgent: {urgent}")] if urgent else []


def _question(scope: Scope, question: Question, answers: bool) -> list[Node]:
    who = question.asked_by + (f" ({question.area})" if question.area else "")
    blocks = lead_in(f"Question from {who}:", scope.md(question.question, 2))
    blocks += _urgent(question.urgent)
    if answers and question.answer is not None:
        label = "Written answer" if question.in_writing else "Answer"
        blocks += lead_in(f"{label} ({question.answered_by}):", scope.md(question.answer, 2))
    if answers and question.supplementary is not None:
        blocks += lead_in("Supplementary question:", scope.md(question.supplementary, 2))
        if question.supplementary_answer is not None:
            blocks += lead_in("Answer:", scope.md(question.supplementary_answer, 2))
    return blocks


def _petition(scope: Scope, petition: Petition, outcome: bool) -> list[Node]:
    signed = _signatures(petition)
    received = short_date(petition.received)
    head = f"{petition.title}, presented by {petition.lead_petitioner} ({signed}, received {received}):"
    blocks = lead_in(head, scope.md(petition.prayer, 2)) + _urgent(petition.urgent)
    if outcome and petition.response is not None:
        blocks += lead_in("Response:", scope.md(petition.response, 2))
    return blocks


def _signatures(petition: Petition) -> str:
    return f"{petition.signatures} signature{'s' if petition.signatures != 1 else ''}"


def _deputation(scope: Scope, deputation: Deputation, outcome: bool) -> list[Node]:
    who = deputation.speaker + (f", on behalf of {deputation.on_behalf_of}" if deputation.on_behalf_of else "")
    blocks = lead_in(f"{who}:", [para(deputation.subject)]) + _urgent(deputation.urgent)
    if outcome and deputation.outcome is not None:
        blocks += lead_in("Outcome:", scope.md(deputation.outcome, 2))
    return blocks


def _motion(scope: Scope, motion: Motion, outcome: bool) -> list[Node]:
    who = motion.mover + (f", seconded by {motion.seconder}" if motion.seconder else "")
    blocks = lead_in(f"Moved by {who}:", scope.md(motion.text, 2)) + _urgent(motion.urgent)
    if outcome and motion.outcome is not None:
        blocks += lead_in("Outcome:", scope.md(motion.outcome, 2))
    return blocks
