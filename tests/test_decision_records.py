"""Decisions taken outside meetings (decisions/): an executive member's decision and its record (SI 2012/2089 regs
12-13) and an officer's (SI 2014/2095 reg 7), each with its reasons and the alternatives rejected, its maker among
the body's people, its call-in held to the period — published in the web edition and its feed beside the
decisions of meetings."""

from __future__ import annotations

from pathlib import Path

import feedparser
import yaml
from lxml import html

from .conftest import REPO, Board, problems_of
from .test_site import site  # noqa: F401 - the example's web edition, built once for the run

RECORD = """\
date: 2029-11-01
title: Extra budget
kind: officer
decision_maker: {maker}
decision: To spend the reserve.
reasons: The need is urgent.
alternatives: None.
"""


def test_a_record_names_its_maker_states_its_reasons_and_alternatives_and_is_called_in_only_as_it_may_be(
    board: Board,
) -> None:
    """SI 2014/2095 reg 7: the record states the decision, its reasons and the alternatives; an officer's decision is
    subject to call-in only as a key decision (LAW.md, Executive decisions: call-in is for executive decisions)."""
    board.write(
        "decisions/extra-budget.yaml", RECORD.format(maker="Olive Oficer") + "call_in: {published: 2029-11-01}\n"
    )
    board.write(
        "decisions/no-reasons.yaml", RECORD.format(maker="Olive Officer").replace("reasons: The need is urgent.\n", "")
    )
    assert problems_of(board) == [
        "decisions/extra-budget.yaml:4: decision_maker: 'Olive Oficer' is not one of the board's people "
        '(did you mean "Olive Officer"?)',
        "decisions/extra-budget.yaml:8: call_in: an officer's decision is subject to call-in only when it is a key "
        "decision (`key_decision: true`)",
        "decisions/no-reasons.yaml:1: reasons: required field is missing",
    ]


def _record(path: Path) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_each_record_of_the_example_has_a_page_saying_what_its_source_says(site: Path) -> None:  # noqa: F811
    sources = sorted((REPO / "decisions").glob("*.yaml"))
    assert len(sources) == 3
    index = html.parse(str(site / "index.html")).getroot()
    listed = [
        a.get("href") for a in index.xpath("//h2[.='Decisions by members and officers']/following-sibling::ul[1]//a")
    ]
    assert listed == [f"decisions/{p.stem}.html" for p in reversed(sources)]  # the latest first
    for source in sources:
        record = _record(source)
        page = html.parse(str(site / "decisions" / f"{source.stem}.html")).getroot()
        main = " ".join(page.xpath("//main")[0].text_content().split())
        assert page.findtext(".//h1") == record["title"]
        for key, label in (
            ("decision", "Decision:"),
            ("reasons", "Reasons:"),
            ("alternatives", "Alternatives considered and rejected:"),
        ):
            assert f"{label} {record[key]}" in main, (source.name, key)
        assert f"Decision maker: {record['decision_maker']}" in main
        kind = "Executive decision" if record["kind"] == "executive" else "Officer decision"
        assert main.startswith(kind)
    eligibility = " ".join(
        html.parse(str(site / "decisions" / "2012-07-02-short-breaks-eligibility.html"))
        .getroot()
        .xpath("//main")[0]
        .text_content()
        .split()
    )
    assert (
        "Called in: on Friday 6 July 2012 by Cllr David Stark, Cllr Sally Bowie; referred to Children and Young People Overview and Scrutiny Panel"
        in eligibility
    )
    bid = " ".join(
        html.parse(str(site / "decisions" / "2012-06-19-short-breaks-bid.html"))
        .getroot()
        .xpath("//main")[0]
        .text_content()
        .split()
    )
    assert (
        "Call-in: not subject to call-in, as urgent: The bid must reach the Department for Education by 22 June 2012"
        in bid
    )


def test_the_feed_announces_each_record(site: Path) -> None:  # noqa: F811
    feed = feedparser.parse((site / "feed.atom").read_bytes())
    titles = {entry.title: entry for entry in feed.entries}
    entry = titles["Officer decision: Summer short breaks - extended opening of the centres"]
    assert entry.updated.startswith("2012-07-09") and entry.link == "decisions/2012-07-09-summer-short-breaks.html"
    assert "Executive decision: Short breaks - revised eligibility criteria" in titles
