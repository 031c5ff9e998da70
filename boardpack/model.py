"""The typed model of a board's papers: board, agendas, cover sheets, minutes, actions, trackers.

Every class forbids unknown fields and is strict about types, so a typo or a value
that YAML read differently from what the author meant is reported, not guessed at.
The JSON Schemas in `schemas/` are generated from these classes.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .wording import TIME, sentence, short_date


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_form", "expected a date written YYYY-MM-DD, not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("date_form", "expected a date written YYYY-MM-DD, got {value}", {"value": repr(value)})


def _time(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError(
            "time_form",
            'times must be quoted strings such as "9.30" or "10:30": '
            "unquoted, YAML read this one as the number {value}",
            {"value": value},
        )
    if isinstance(value, str) and TIME.match(value.strip()):
        return value.strip()
    if isinstance(value, str) and any(quote in value for quote in "“”‘’"):
        raise PydanticCustomError(
            "time_form",
            '{value} is written with curly quotes (pasted from Word?): YAML needs straight ones, as in "9.30"',
            {"value": value},
        )
    raise PydanticCustomError(
        "time_form",
        'expected a time such as "9.30", "19:10" or "7.10 pm", got {value}',
        {"value": repr(value)},
    )


def _name_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _titled(value: Any) -> Any:
    return {"title": value} if isinstance(value, str) else value


def _signature(value: Any) -> Any:
    """The signature block's wording names {chair} and {date}, and nothing else in braces."""
    if not isinstance(value, str):
        return value
    try:
        named = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError as error:
        raise PydanticCustomError(
            "signature", "cannot be read ({error}): write braces only as {chair} and {date}", {"error": str(error)}
        ) from None
    if named != {"chair", "date"}:
        raise PydanticCustomError(
            "signature",
            "the signature block names {chair} and {date}, and nothing else in braces "
            '("Signed {chair} (Chair)\\nDate {date}"); this one names: {names}',
            {"names": ", ".join("{" + n + "}" for n in sorted(named)) or "nothing"},
        )
    return value


def _amendments(value: Any) -> Any:
    """Amendments were once one line of free text, which nothing could apply: say what to write instead."""
    if isinstance(value, str):
        raise PydanticCustomError(
            "amendments",
            "write each amendment agreed as an entry of a list, {minute, replace, by}: the minute of the "
            "confirmed minutes, the words as circulated and the words agreed, so that they are applied to "
            "the confirmed minutes wherever they are printed",
        )
    return value


def _person_ref(value: Any) -> Any:
    return {"name": value} if isinstance(value, str) else value


IsoDate = Annotated[dt.date, BeforeValidator(_date), Field(json_schema_extra={"type": "string", "format": "date"})]
ClockTime = Annotated[str, BeforeValidator(_time), Field(json_schema_extra={"pattern": TIME.pattern})]
Names = Annotated[list[str], BeforeValidator(_name_list, json_schema_input_type=str | list[str])]
Markdown = Annotated[str, Field(description="Markdown text")]
Status = Literal["open", "done", "dropped"]
MinuteNumber = Annotated[str, Field(pattern=r"^\d+(\.\d+)*$")]


class Strict(BaseModel):
    """Base of every source class: strict types, no unknown fields, frozen."""

    # A class's validator is built when a source is first validated against it (defer_build), not as this module is
    # imported: a class only ever validated inside another (a Person, within a Board) is never built on its own.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True, defer_build=True)


class ApprovedAbsence(Strict):
    """A member's absence the authority approved (Local Government Act 1972 s.85(1)): a member who fails to attend
    any meeting of the authority for six consecutive months from their last attendance ceases to be a member,
    unless the failure was due to a reason the authority approved before those six months ran out."""

    from_: IsoDate = Field(alias="from", description="the first day of the absence approved")
    to: IsoDate | None = Field(
        default=None,
        description="its last day (left out: until further notice); a new six months runs from it",
    )
    approved_on: IsoDate = Field(
        description="the day the authority approved the reason: it counts only when that is before the six months "
        "from the member's last attendance ran out (s.85(1))"
    )
    reason: str = Field(min_length=1, description='the reason approved: "ill health"')

    @model_validator(mode="after")
    def _in_order(self) -> ApprovedAbsence:
        if self.to is not None and self.to < self.from_:
            raise PydanticCustomError("absence_order", "`to` is before `from`: an absence ends after it begins")
        return self


class Person(Strict):
    """Someone the papers may name: a member, an officer, an attendee or a tracker lead."""

    name: str = Field(
        min_length=1, description="the name as the papers print it; every source names the person by exactly this"
    )
    initials: str | None = Field(
        default=None, description='printed after the name in the minutes\' attendance: "Cllr SL"'
    )
    role: str = Field(
        default="", description="printed beside the name in the minutes' attendance and as a tracker's lead"
    )
    member: bool = Field(
        default=False,
        description="a member of the body: counted for the quorum and in attendance, and "
        "holds a register of interests; officers and guests are not",
    )
    member_since: IsoDate | None = Field(
        default=None,
        description="a member: the day they became one; minutes of earlier meetings need not account for them, "
        "and their attendance counts from then",
    )
    authority: str | None = Field(
        default=None,
        min_length=1,
        description="a member of a joint committee: the authority that appointed them, printed beside their name "
        '("Cornwall Council")',
    )
    member_until: IsoDate | None = Field(
        default=None,
        description="a member who left part-way through a year: the last day they were one; minutes of later "
        "meetings need not account for them",
    )
    appointed: list[Annotated[str, Field(pattern=r"^\d{4}/\d{2}$")]] = Field(
        default=[],
        description='a member appointed year by year: the municipal years ("2012/13", of `municipal_years`) they '
        "were appointed for; without it, a member in every year",
    )
    approved_absences: list[ApprovedAbsence] = Field(
        default=[],
        description="a member: absences the authority approved, so that failing to attend for six months does not "
        "end their membership (Local Government Act 1972 s.85); `attendance` and `check --as-at` warn as the six "
        "months near and run out without one",
    )

    def member_on(self, date: dt.date, year: str | None = None) -> bool:
        """Whether they were a member of the body on `date` (in the municipal `year` that includes it, if known)."""
        return (
            self.member
            and (self.member_since is None or self.member_since <= date)
            and (self.member_until is None or date <= self.member_until)
            and (not self.appointed or year in self.appointed)
        )


class MunicipalYear(Strict):
    """A municipal year: the body's members are appointed for it at the council's annual meeting."""

    year: str = Field(pattern=r"^\d{4}/\d{2}$", description='the year, as councils write it: "2012/13"')
    start: IsoDate = Field(
        alias="from", description="the day of the annual meeting that begins it (it runs until the next year's)"
    )


class Chairing(Strict):
    """A change of chair or vice-chair part-way through the record."""

    office: Literal["chair", "vice_chair"] = Field(description="the office: chair or vice_chair")
    name: str = Field(min_length=1, description="one of `people`: who held it from then")
    start: IsoDate = Field(alias="from", description="the day they took the office")


class Post(Strict):
    """An office the papers may name instead of a person: "Director for People" writes a report."""

    title: str = Field(min_length=1, description='the office, as the papers name it: "Director for People"')
    holder: str | None = Field(default=None, description="the person who holds the post, one of `people`")


class Clerk(Strict):
    """The clerk named on the front sheet under "Please ask for"."""

    name: str = Field(description='printed under "Please ask for" on the front sheet')
    phone: str = Field(description='the clerk\'s telephone number, quoted: "01752 304570"')
    email: str = Field(description="the clerk's e-mail address")


class StandingItem(Strict):
    """An item `new-meeting` puts on every agenda."""

    title: str = Field(min_length=1, description="the item's title on every agenda")
    purpose: Markdown = Field(default="", description="the item's purpose on the agenda")
    authors: Names = Field(default=["Chair"], description="who presents it: people, posts or the word Chair")
    minutes: bool = Field(
        default=False, description="this item takes the minutes of the last meeting (and its open actions)"
    )


class StandingItems(Strict):
    """The items every meeting opens and closes with, and the headings of the agenda's sections. Unless
    an opening item takes the minutes, `new-meeting` adds an item for the minutes of the last meeting
    (with the open actions) after them; the trackers to report follow."""

    opening: list[Annotated[StandingItem, BeforeValidator(_titled, json_schema_input_type=str | StandingItem)]] = Field(
        default=[], description="the items every agenda opens with, each a title alone or a standing item"
    )
    closing: list[Annotated[StandingItem, BeforeValidator(_titled, json_schema_input_type=str | StandingItem)]] = Field(
        default=[], description="the items every agenda closes with, each a title alone or a standing item"
    )
    opening_heading: str = Field(
        default="Welcome, apologies, minutes of the last meeting and matters arising",
        min_length=1,
        description="the heading of the opening section",
    )
    reports_heading: str = Field(default="Monitoring performance", min_length=1, description="the section of trackers")
    closing_heading: str = Field(
        default="Information / AOB",
        min_length=1,
        description="one heading for every section puts the agenda in a single section",
    )


class Quorum(Strict):
    """A quorum as a share of the members: a quarter of them, but never fewer than three."""

    fraction: float = Field(gt=0, le=1, description="the share of the members: 0.25 for a quarter")
    minimum: int = Field(default=1, ge=1, description="never fewer members than this")

    def of(self, members: int) -> int:
        import math

        return max(self.minimum, math.ceil(self.fraction * members - 1e-9))


# A timetable reaches at most this many working days from its meeting: a year holds some 253, so the
# dates stay within the year either side, whose bank holidays are known (see timetable.py).
MAX_WORKING_DAYS = 250


class Participation(Strict):
    """The house's deadlines for public participation: each the clear working days (neither the day received nor
    the day of the meeting counted) there must be between its receipt and the meeting; left out, no deadline."""

    questions: int | None = Field(
        default=None, ge=0, le=MAX_WORKING_DAYS, description="clear working days before the meeting for a question"
    )
    petitions: int | None = Field(
        default=None, ge=0, le=MAX_WORKING_DAYS, description="clear working days before the meeting for a petition"
    )
    deputations: int | None = Field(
        default=None, ge=0, le=MAX_WORKING_DAYS, description="clear working days before the meeting for a deputation"
    )
    motions: int | None = Field(
        default=None, ge=0, le=MAX_WORKING_DAYS, description="clear working days before the meeting for a motion"
    )


class Timetable(Strict):
    """The body's timetable rules, in working days (see timetable.py)."""

    notice: int = Field(
        default=5,
        ge=0,
        le=MAX_WORKING_DAYS,
        description="clear working days between publishing the agenda and the meeting "
        "(Local Government Act 1972, s.100B: at least five)",
    )
    drafts: int = Field(
        default=15, ge=0, le=MAX_WORKING_DAYS, description="working days before the meeting that report drafts are due"
    )
    finals: int = Field(
        default=8, ge=0, le=MAX_WORKING_DAYS, description="working days before the meeting that final reports are due"
    )
    minutes_draft: int = Field(
        default=10,
        ge=0,
        le=MAX_WORKING_DAYS,
        description="working days after the meeting that the draft minutes are due",
    )
    calendar: Literal["england-and-wales", "scotland", "northern-ireland"] = Field(
        default="england-and-wales",
        description="whose bank holidays are not working days (from the `holidays` package)",
    )
    closures: list[IsoDate] = Field(default=[], description="the body's own closure days, which are not working days")
    call_in: int = Field(
        default=5,
        ge=0,
        le=MAX_WORKING_DAYS,
        description="working days after an executive decision is published in which it may be called in, before it "
        "may be implemented (Local Government Act 2000 s.9F and the constitution: commonly five)",
    )
    participation: Participation = Field(
        default=Participation(),
        description="the house's deadlines for public questions, petitions, deputations and notices of motion, in "
        "clear working days before the meeting (the council's own rules: its standing orders and petition scheme)",
    )


class ContactLabels(Strict):
    """The labels of a report's contact block (the author's role, when given, is its heading)."""

    phone: str = Field(default="Tel:", min_length=1, description='before the telephone number: "Tel No:"')
    email: str = Field(default="E-mail:", min_length=1, description='before the e-mail address: "Email:"')


class HouseStyle(Strict):
    """How the body's papers number, time and colour things. The defaults are the example board's."""

    exclusion_wording: Literal["2006 Order", "Freedom of Information Act 2000"] = Field(
        default="2006 Order",
        description='the resolution to exclude the press and public: "2006 Order" cites Schedule 12A as substituted '
        "by the Local Government (Access to Information) (Variation) Order 2006 and states its public interest test "
        '(para 10); "Freedom of Information Act 2000" keeps the older wording some councils use',
    )
    times: Literal["24-hour", "12-hour"] = Field(
        default="24-hour",
        description='"24-hour": times as 9.30 and 14.15 (the '
        'start on the front sheet as 9.30 am); "12-hour": '
        'every time as 9.30 am or 7.10 pm, so each time is written with am or pm ("7.10 pm") or on the '
        '24-hour clock ("19.10"): check refuses "7.10", which could be either',
    )
    numbering: Literal["sectioned", "flat"] = Field(
        default="sectioned", description="agenda items numbered within sections (2.1, 2.2) or straight through (1-9)"
    )
    paragraphs: Literal["unnumbered", "numbered"] = Field(
        default="unnumbered",
        description='"numbered": council paragraph numbering in every report: its sections 1, 2, 3 and the parts '
        "of each section 1.1, 1.2 (the text of a form's field, a section's text before its first `###`, each "
        "`###` heading, and an empty `###` for a part without a heading), so that a minute can cite "
        '"paragraph 3.4"; "unnumbered": only the headings of a numbered form are numbered',
    )
    heading_case: Literal["as written", "capitals", "sentence case"] = Field(
        default="as written",
        description="the case of a report's section headings: as written, in capitals (\"1. PURPOSE OF THE "
        "REPORT\"; the report's own `##` sections too), or in sentence case (the form's labels only: an "
        "author's headings may hold names)",
    )
    labels: dict[str, Annotated[str, Field(min_length=1)]] = Field(
        default={},
        description="the house's own label for a field of the report form, by its key: {strategic_aim: \"STRATEGIC "
        'AIM", purpose: "Purpose of the report"}',
    )
    contact_labels: ContactLabels = Field(
        default=ContactLabels(),
        description="the words before the telephone number and e-mail address in a report's contact block",
    )
    appendices: Literal["as titled", "letters", "numbers"] = Field(
        default="as titled", description='appendix headings as their titles, or prefixed "Appendix A:" / "Appendix 1:"'
    )
    colour: str | None = Field(
        default=None,
        pattern=r"^#[0-9a-fA-F]{6}$",
        description="the shading of table headings and labels, as #rrggbb (default light grey)",
    )
    logo: str | None = Field(
        default=None,
        description="an image (PNG, JPEG or GIF) at the top of the front sheet, "
        "from the repository root; its alt text is the organisation's name",
    )
    membership_on_front_sheet: bool = Field(
        default=False,
        description="list the members (people with `member: true`) on the front sheet, as council packs do",
    )
    other_formats: str | None = Field(
        default=None,
        description='the line that ends every report: "This report is '
        'available in large print or other formats on request…"',
    )
    resolution_label: str = Field(
        default="Resolved:",
        min_length=1,
        description='the words before a decision in the minutes: "Resolved:", "Agreed –"',
    )
    signature: Annotated[str, BeforeValidator(_signature)] = Field(
        default="Signed {chair} (Chair)\nDate {date}",
        description="the block at the foot of minutes for the Chair to sign them as a correct record (Local "
        "Government Act 1972 Sch 12 para 41), a line break between lines: `{chair}` and `{date}` are dotted lines "
        "to sign on while the minutes are a draft, and once confirmed the one who presided at the confirming "
        "meeting and its date",
    )


InterestRegime = Literal["England 2012", "2007 Model Code", "Welsh code"]


class RegimePeriod(Strict):
    """The code of conduct a body's members declare interests under, from a date."""

    regime: InterestRegime = Field(
        description='"England 2012": the Localism Act 2011 (disclosable pecuniary, other registrable and '
        'non-registrable interests); "2007 Model Code": England before 1 July 2012 (personal and prejudicial '
        'interests); "Welsh code": the Welsh Model Code of Conduct 2008 (personal and prejudicial interests)'
    )
    from_: IsoDate | None = Field(
        default=None,
        alias="from",
        description="the first day it applies (the first regime listed may leave it out: it applies until the next)",
    )


class Board(Strict):
    """board.yaml: the board itself and everyone its papers may name."""

    name: str = Field(
        description='the body, as its minutes name it: "People (Children) Scrutiny Panel"; the '
        '"Meeting" on cover sheets'
    )
    organisation: str | None = Field(
        default=None,
        description="the council or partnership the body belongs to, printed on the front sheet above the body",
    )
    kind: Literal["board", "committee", "panel", "group"] = Field(
        default="board", description='what the papers call the body: "The Panel is recommended to resolve…"'
    )
    front_sheet_title: str = Field(
        description="the front sheet's title, printed in capitals: \"Children and Young People's Trust\""
    )
    language: str = Field(
        default="en-GB", pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$", description="a language tag such as en-GB or cy-GB"
    )
    chair: str = Field(description="one of `people`, marked Chair on the membership list")
    clerk: Clerk = Field(description="the clerk named on the front sheet")
    vice_chair: str | None = Field(
        default=None, description="one of `people`, marked Vice-Chair on the membership list"
    )
    quorum: Annotated[int, Field(ge=1)] | Quorum | None = Field(
        default=None,
        description="the members who must be present: a number, or a fraction of the members with a minimum",
    )
    substitutes: bool = Field(default=False, description="whether a member who sends apologies may send a substitute")
    municipal_years: list[MunicipalYear] = Field(
        default=[],
        description="the municipal years of the record, each from its annual meeting: members `appointed` for "
        "years are members only in them",
    )
    chairs: list[Chairing] = Field(
        default=[],
        description="changes of chair or vice-chair part-way through the record (`chair` and `vice_chair` are "
        "those before the first change)",
    )
    site_url: str | None = Field(
        default=None,
        pattern=r"^https://[^\s/]+(/[^\s]*)?/$",
        description='the address the web edition is published at, ending in /: "https://papers.example.gov.uk/"; '
        "links in its calendars, feeds and structured data are then absolute, and each page names its own address",
    )
    executive: bool = Field(
        default=False,
        description="the body takes executive decisions (an executive, or a committee of it): an item it takes in "
        "private needs 28 clear days' notice of the intention in the forward plan (SI 2012/2089 reg 5)",
    )
    interests_regime: InterestRegime | Annotated[list[RegimePeriod], Field(min_length=1)] = Field(
        default="England 2012",
        description="the code of conduct members declare interests under: one regime, or a list of regimes each "
        "with the date it applies `from`; a meeting's declarations are judged by the regime on its date",
    )
    timetable: Timetable = Field(
        default=Timetable(), description="the rules of each meeting's timetable (`boardpack timeline`)"
    )
    style: HouseStyle = Field(default=HouseStyle(), description="the house style; without it, the example board's")
    standing_items: StandingItems | None = Field(
        default=None, description="the items of every agenda; without them, `new-meeting` writes the example board's"
    )
    people: list[Person] = Field(
        min_length=1, description="everyone the papers may name: members, officers, attendees and tracker leads"
    )
    posts: list[Post] = Field(default=[], description="offices that may author a report or be its responsible officer")
    report_form: Literal["cover-sheet", "officer-report"] | ReportForm = Field(
        default="cover-sheet", description="the form of the body's reports: one of boardpack's, or the body's own"
    )

    @property
    def form(self) -> ReportForm:
        return FORMS[self.report_form] if isinstance(self.report_form, str) else self.report_form

    def person(self, name: str) -> Person | None:
        return next((p for p in self.people if p.name == name), None)

    def year_of(self, date: dt.date) -> str | None:
        """The municipal year that includes `date` (None before the first, or with none recorded)."""
        began = [y for y in self.municipal_years if y.start <= date]
        return max(began, key=lambda y: y.start).year if began else None

    def members_on(self, date: dt.date) -> list[Person]:
        """The members of the body on `date`: appointed for its municipal year, joined by then and not yet left."""
        year = self.year_of(date)
        return [p for p in self.people if p.member_on(date, year)]

    def office_holder(self, office: Literal["chair", "vice_chair"], date: dt.date) -> str | None:
        """Who was chair (or vice-chair) on `date`: the last change of `chairs` by then, else board.yaml's."""
        changes = [c for c in self.chairs if c.office == office and c.start <= date]
        held: str | None = max(changes, key=lambda c: c.start).name if changes else getattr(self, office)
        return held

    def quorum_of(self, date: dt.date | None = None) -> int | None:
        """How many members make a quorum on `date` (of today's members without one; None: the body has no rule)."""
        members = len(self.members_on(date)) if date is not None else sum(person.member for person in self.people)
        return self.quorum.of(members) if isinstance(self.quorum, Quorum) else self.quorum


SCHEDULE_12A = {
    1: "information relating to any individual",
    2: "information which is likely to reveal the identity of an individual",
    3: "information relating to the financial or business affairs of any particular person "
    "(including the authority holding that information)",
    4: "information relating to any consultations or negotiations, or contemplated consultations or negotiations, "
    "in connection with any labour relations matter arising between the authority or a Minister of the Crown "
    "and employees of, or office holders under, the authority",
    5: "information in respect of which a claim to legal professional privilege could be maintained "
    "in legal proceedings",
    6: "information which reveals that the authority proposes to give under any enactment a notice under or by virtue "
    "of which requirements are imposed on a person, or to make an order or direction under any enactment",
    7: "information relating to any action taken or to be taken in connection with the prevention, investigation "
    "or prosecution of crime",
}


class Exempt(Strict):
    """Exempt information under a paragraph of Part 1 of Schedule 12A to the Local Government Act 1972 (as an
    agenda item records it, ExemptItem; as a minute does, ExemptMinute)."""

    paragraph: int = Field(ge=1, le=7, description="1-7: the paragraph of Part 1 of Schedule 12A that applies")
    public_title: str | None = Field(
        default=None,
        min_length=1,
        description="shown publicly instead of the title, when the title itself would disclose",
    )

    def statement(self) -> str:
        return (
            f"Exempt from publication under paragraph {self.paragraph} of Part 1 of Schedule 12A to the "
            f"Local Government Act 1972: {SCHEDULE_12A[self.paragraph]}."
        )


class ExemptItem(Exempt):
    """An exempt agenda item: its paragraph of Schedule 12A, and the outcome of the public interest test."""

    public_interest: str | None = Field(
        default=None,
        min_length=1,
        description="the outcome of the public interest test (Schedule 12A Part 3 para 10), in one sentence written "
        'for the public agenda: "The public interest in maintaining the exemption outweighs disclosure because …"',
    )

    def statement(self) -> str:
        """The statement, with the public interest test's outcome when it is recorded."""
        if self.public_interest is None:
            return super().statement()
        return f"{super().statement()} Public interest test: {sentence(self.public_interest)}"


class ExemptMinute(Exempt):
    """An exempt minute: its paragraph of Schedule 12A, and the summary the public minutes give instead."""

    public_summary: str | None = Field(
        default=None,
        min_length=1,
        description="the written summary of the proceedings printed in the public minutes instead of the minute "
        "(Local Government Act 1972 s.100C(2)): a reasonably fair and coherent record without disclosing the exempt "
        "information, as plain text (paragraphs parted by a blank line); needed unless the minute has decisions, "
        "whose public summaries are printed after it",
    )


class Release(Strict):
    """The lifting of an exemption: from this meeting's date, by the minute that decided it."""

    date: IsoDate = Field(description="the meeting that released it")
    minute: MinuteNumber = Field(description="the minute of that meeting that decided it")


class Received(Strict):
    """When a piece of public participation was received, and the chair's acceptance of it after the deadline."""

    received: IsoDate = Field(
        description="the day it was received, judged against the deadline in board.yaml (`timetable.participation`)"
    )
    urgent: str | None = Field(
        default=None,
        min_length=1,
        description="received after the deadline: why the chair accepted it as urgent (printed on the agenda)",
    )


class Question(Received):
    """A question from a member of the public, as the agenda lists it and the minutes record its answer."""

    asked_by: str = Field(
        min_length=1, description="who asked it, named only as the body's rules allow (usually by name)"
    )
    area: str | None = Field(default=None, min_length=1, description="the questioner's ward or area, after the name")
    question: Markdown = Field(min_length=1, description="the question, as received")
    answer: Markdown | None = Field(default=None, min_length=1, description="the answer given, printed in the minutes")
    answered_by: str | None = Field(default=None, description="who answered: one of the board's people or posts")
    in_writing: bool = Field(
        default=False, description="the answer was given in writing before the meeting: the agenda prints it too"
    )
    supplementary: Markdown | None = Field(
        default=None, min_length=1, description="the questioner's supplementary question at the meeting"
    )
    supplementary_answer: Markdown | None = Field(
        default=None, min_length=1, description="the answer to the supplementary question"
    )

    @model_validator(mode="after")
    def _answered(self) -> Question:
        if (self.answer is None) != (self.answered_by is None):
            raise PydanticCustomError("answered", "an answer needs `answered_by`, and `answered_by` an answer")
        if self.in_writing and self.answer is None:
            raise PydanticCustomError("in_writing", "`in_writing` needs the answer given (`answer`)")
        if self.supplementary_answer is not None and self.supplementary is None:
            raise PydanticCustomError("supplementary", "`supplementary_answer` needs the question (`supplementary`)")
        return self


class Petition(Received):
    """A petition presented to the meeting (under the council's own petition scheme)."""

    title: str = Field(min_length=1, description="the petition's title")
    lead_petitioner: str = Field(min_length=1, description="who presents it, named as the body's rules allow")
    signatures: int = Field(ge=1, description="how many signed it")
    prayer: Markdown = Field(min_length=1, description="what the petition asks for, in its own words")
    response: Markdown | None = Field(
        default=None, min_length=1, description="the meeting's response or referral, printed in the minutes"
    )


class Deputation(Received):
    """A deputation: someone heard on behalf of others."""

    speaker: str = Field(min_length=1, description="who speaks, named as the body's rules allow")
    on_behalf_of: str | None = Field(default=None, min_length=1, description="whom the speaker represents")
    subject: str = Field(min_length=1, description="what the deputation is about")
    outcome: Markdown | None = Field(default=None, min_length=1, description="what the meeting did, for the minutes")


class Motion(Received):
    """A notice of motion from a member."""

    mover: str = Field(description="the member who gave notice of it, one of the board's people")
    seconder: str | None = Field(default=None, description="the member who seconds it, one of the board's people")
    text: Markdown = Field(min_length=1, description="the motion, as notice was given of it")
    outcome: Markdown | None = Field(
        default=None, min_length=1, description="carried, lost, withdrawn or referred, printed in the minutes"
    )


class AgendaItem(Strict):
    """One row of the agenda, optionally with papers (a cover sheet, or minutes)."""

    title: str = Field(min_length=1, description="the item's title on the agenda")
    start: ClockTime | None = Field(default=None, description="when the item starts: its time slot on the agenda")
    end: ClockTime | None = Field(default=None, description="when it ends, after `start`")
    purpose: Markdown = Field(default="", description="printed on the agenda as the purpose of the item")
    authors: Names = Field(
        default=[], description="who presents it: people, posts or the word Chair, printed with the pages of its papers"
    )
    paper: str | None = Field(default=None, description="the item's report: cover_sheets/NAME.md")
    minutes: IsoDate | None = Field(
        default=None, description="the item's paper is the minutes of this earlier meeting, minutes/YYYY-MM-DD.yaml"
    )
    tracker: str | None = Field(default=None, description="the item's paper is this tracker from actions.yaml")
    briefing: str | None = Field(
        default=None,
        description="the item's paper is this briefing, briefings/NAME.md: an information item, laid into the pack "
        "with its own pages",
    )
    future_meetings: list[IsoDate] = Field(
        default=[], description="dates of later meetings, listed under the item; `new-meeting` carries them forward"
    )
    exempt: ExemptItem | None = Field(
        default=None, description="the item is exempt: its papers go only into the private pack"
    )
    late: str | None = Field(
        default=None,
        min_length=1,
        description="why its papers could not be open to inspection five clear days before the meeting (the reason "
        "for lateness, printed on the supplementary agenda; recorded apart from the reason for urgency)",
    )
    urgent: str | None = Field(
        default=None,
        min_length=1,
        description="the special circumstances for which the chair is of the opinion that the item should be "
        "considered as a matter of urgency (Local Government Act 1972, s.100B(4)(b)): needed when the item, or a "
        "revised paper, is published with fewer than five clear days left; printed on the supplementary agenda, "
        "and the item's minute must specify them (`urgency:`)",
    )
    key_decision: bool = Field(
        default=False,
        description="a key decision: the forward plan gives notice of it (28 clear days, or under the general "
        "exception or special urgency)",
    )
    questions: list[Question] = Field(default=[], description="questions from the public put at this item")
    petitions: list[Petition] = Field(default=[], description="petitions presented at this item")
    deputations: list[Deputation] = Field(default=[], description="deputations heard at this item")
    motions: list[Motion] = Field(default=[], description="notices of motion moved at this item")

    @model_validator(mode="after")
    def _one_paper(self) -> AgendaItem:
        if sum(x is not None for x in (self.paper, self.minutes, self.tracker, self.briefing)) > 1:
            raise PydanticCustomError(
                "one_paper", "an item has at most one of `paper`, `minutes`, `tracker` or `briefing`"
            )
        if self.exempt is not None and (self.questions or self.petitions or self.deputations or self.motions):
            raise PydanticCustomError(
                "exempt_participation",
                "public questions, petitions, deputations and motions are taken in public: not at an exempt item",
            )
        return self


class Section(Strict):
    """A headed group of agenda items, or a break such as refreshments."""

    heading: str = Field(min_length=1, description="the section's heading on the agenda")
    is_break: bool = Field(
        default=False, alias="break", description="a break, such as refreshments: no items, no number"
    )
    start: ClockTime | None = Field(default=None, description="when the section (or break) starts")
    end: ClockTime | None = Field(default=None, description="when it ends, after `start`")
    items: list[AgendaItem] = Field(
        default=[],
        description="the section's items, numbered by section and position (2.1, "
        "2.2) or straight through, as the house style says",
    )

    @model_validator(mode="after")
    def _break_or_items(self) -> Section:
        if self.is_break and self.items:
            raise PydanticCustomError("break_items", "a break has no items")
        if not self.is_break and not self.items:
            raise PydanticCustomError("no_items", "a section needs at least one item (or `break: true`)")
        return self


class ShortNotice(Strict):
    """A meeting convened at shorter notice than five clear days (Local Government Act 1972, s.100B(3)-(4))."""

    convened: IsoDate = Field(description="the day the meeting was convened: its papers are open from then")
    reason: str = Field(min_length=1, description="why it was convened at shorter notice")


class Extraordinary(Strict):
    """A meeting called outside the calendar of meetings, for the business it was called for."""

    called_by: str = Field(
        min_length=1,
        description='who called it: "the Chair", or "five members of the Board, by requisition of 2 July 2012"',
    )
    reason: str = Field(min_length=1, description="the business it was called to transact, as the summons states it")


class Agenda(Strict):
    """agendas/YYYY-MM-DD.yaml: one meeting."""

    date: IsoDate = Field(description="the day of the meeting, as in the file's name")
    start: ClockTime = Field(
        description='when the meeting starts: "9.30" is printed "9.30 am", and "19.00" or "7.00 pm" as "7.00 pm"'
    )
    venue: str = Field(description="where the meeting is held, printed on the front sheet")
    short_notice: ShortNotice | None = Field(
        default=None,
        description="the meeting was convened at shorter notice than five clear days: the items of the agenda "
        "published when it was convened may be taken (s.100B(4)(a)); an item added later needs `urgent:`",
    )
    extraordinary: Extraordinary | None = Field(
        default=None,
        description="an extraordinary meeting, called outside the calendar of meetings (meetings.yaml): by whom "
        "and why, printed on the front sheet and the web edition",
    )
    sections: list[Section] = Field(min_length=1, description="the agenda's sections, in order")


class Appendix(Strict):
    """An appendix: an existing PDF, a Markdown file, or a tracker from actions.yaml."""

    title: str = Field(min_length=1, description="the appendix's heading and bookmark")
    file: str | None = Field(default=None, description="an existing PDF, inserted as it is")
    markdown: str | None = Field(default=None, description="a Markdown file, printed as the appendix")
    tracker: str | None = Field(
        default=None, description="a tracker from actions.yaml, as it stood on the meeting's eve"
    )
    landscape: bool = Field(default=False, description="a Markdown appendix printed in landscape, for wide tables")
    released: Release | None = Field(
        default=None,
        description="for a file first reported under an exempt item: "
        "the meeting and minute that released it for publication",
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Appendix:
        if sum(x is not None for x in (self.file, self.markdown, self.tracker)) != 1:
            raise PydanticCustomError(
                "appendix_kind", "an appendix needs exactly one of `file`, `markdown` or `tracker`"
            )
        if self.landscape and self.markdown is None:
            raise PydanticCustomError(
                "landscape", "`landscape` applies to Markdown appendices only (trackers are always landscape)"
            )
        return self


class CoverSheet(Strict):
    """The front matter of cover_sheets/NAME.md; the Markdown after it is the report.

    These are the fields of every report; the rest are the body's report form's (see
    `ReportForm` and `cover_sheet_model`), read as extra fields of the model built for it.
    """

    title: str = Field(min_length=1, description="the report's title, on its cover sheet and in the pack")
    responsible_officer: Names = Field(min_length=1, description="the people or posts responsible for the report")
    appendices: list[Appendix] = Field(default=[], description="the report's appendices, in order")

    def field(self, key: str) -> Any:
        """The value of one of the form's fields (None when left out)."""
        return getattr(self, key, None)


def _rating(value: Any) -> Any:
    words = {"l": "low", "m": "medium", "h": "high"}
    return words.get(value.strip().lower(), value.strip().lower()) if isinstance(value, str) else value


Rating = Annotated[Literal["low", "medium", "high"], BeforeValidator(_rating, json_schema_input_type=str)]


class Risk(Strict):
    """A row of a report's risk table: the rating is printed in words and in colour."""

    risk: str = Field(min_length=1, description="the risk, in a few words")
    likelihood: Rating | None = Field(default=None, description="how likely it is: low, medium or high (or L, M, H)")
    impact: Rating = Field(description="how great its impact would be: low, medium or high (or L, M, H)")
    mitigation: Markdown = Field(default="", description="how the risk is met")
    comments: Markdown = Field(
        default="", description="a column of its own, for forms that comment rather than mitigate"
    )


class BackgroundPaper(Strict):
    """An unpublished paper the report relied on (Local Government Act 1972, s.100D)."""

    title: str = Field(min_length=1, description="the paper's title")
    where: str = Field(default="", description="where it may be inspected, when not with the clerk")


class Contact(Strict):
    """The report author's contact block, printed together at the end of the report."""

    name: str = Field(min_length=1, description="the report's author")
    role: str = Field(
        default="",
        description="the author's role, printed under their name; one that is the form's label in other words "
        '("Report Author" for "Report author") is printed once, as the block\'s heading',
    )
    phone: str = Field(default="", description="the author's telephone number")
    email: str = Field(default="", description="the author's e-mail address")


class Implications(Strict):
    """What the report means for the authority: each printed as a section of its own."""

    financial: Markdown | None = Field(default=None, description="the financial implications")
    legal: Markdown | None = Field(default=None, description="the legal implications")
    risk: Markdown | None = Field(default=None, description="the risk management implications")
    equality: Markdown | None = Field(default=None, description="the implications for equality")
    child_poverty: Markdown | None = Field(default=None, description="the implications for child poverty")
    human_rights: Markdown | None = Field(default=None, description="the implications for human rights")
    environmental: Markdown | None = Field(default=None, description="the environmental implications")


FIELD_TYPES: dict[str, Any] = {
    "text": Annotated[str, Field(min_length=1)],
    "markdown": Markdown,
    "risks": list[Risk],
    "background_papers": list[BackgroundPaper],
    "contact": Contact,
    "implications": Implications,
}


class FormField(Strict):
    """A field of a body's report form: what authors write, and where the report prints it."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="the field's name in a report's front matter")
    label: str = Field(
        min_length=1,
        description="what the report prints for it: a cover-sheet row's label, or a section's heading (a board's "
        "`style.labels` may word it its own way)",
    )
    kind: Literal["text", "markdown", "risks", "background_papers", "contact", "implications"] = Field(
        default="markdown", description="a line of text, Markdown, or one of the structured blocks"
    )
    required: bool = Field(default=False, description="every report must fill it in")
    place: Literal["cover_sheet", "heading", "opening", "closing"] = Field(
        default="opening",
        description="a row of the cover sheet; a line of the report's heading; a section before the "
        "report's own text; or a section after it",
    )
    blank: bool = Field(default=False, description="printed even when left out (a row for notes made at the meeting)")
    numbered: bool = Field(default=True, description="in a numbered form, whether this section is numbered")


class ReportForm(Strict):
    """The form of a body's reports: its fields in order, and whether they have a cover sheet."""

    cover_sheet: bool = Field(
        default=True,
        description="a cover sheet (meeting, date, title, responsible officer and "
        "the cover_sheet fields) before the report",
    )
    numbered: bool = Field(
        default=False,
        description="number the report's headings: its sections 1, 2, 3 and their parts 3.1, 3.2 "
        "(`style.paragraphs: numbered` numbers its paragraphs too)",
    )
    report_of: bool = Field(
        default=False, description='head the report "Report of the Director for People" (its responsible officer)'
    )
    fields: list[FormField] = Field(default=[], description="the form's fields, in the order the report prints them")

    @model_validator(mode="after")
    def _known_keys(self) -> ReportForm:
        keys = [f.key for f in self.fields]
        taken = sorted({k for k in keys if keys.count(k) > 1} | set(keys) & set(CoverSheet.model_fields))
        if taken:
            raise PydanticCustomError(
                "form_keys",
                "each field needs a key of its own, not one of title, responsible_officer or appendices: {keys}",
                {"keys": ", ".join(taken)},
            )
        if not self.cover_sheet and any(f.place == "cover_sheet" for f in self.fields):
            raise PydanticCustomError("form_place", "a form without a cover sheet has no place `cover_sheet`")
        return self


FORMS = {
    "cover-sheet": ReportForm(
        fields=[
            FormField(key="purpose", label="Purpose of Item", required=True, place="cover_sheet"),
            FormField(key="recommendations", label="Recommendations", required=True, place="cover_sheet"),
            FormField(key="consultation_record", label="Consultation Record", required=True, place="cover_sheet"),
            FormField(key="impact_on_child_poverty", label="Impact on Child Poverty", place="cover_sheet"),
            FormField(key="meeting_notes", label="Meeting Notes:", place="cover_sheet", blank=True),
        ]
    ),
    "officer-report": ReportForm(
        cover_sheet=False,
        numbered=True,
        report_of=True,
        fields=[
            FormField(key="report_number", label="Report No", kind="text", place="heading"),
            FormField(key="strategic_aim", label="Strategic aim", kind="text", place="heading"),
            FormField(key="purpose", label="Purpose of the report", required=True),
            FormField(key="recommendations", label="Recommendations", required=True),
            FormField(key="reasons", label="Reasons for the recommendations"),
            FormField(key="risks", label="Risk management", kind="risks", place="closing"),
            FormField(key="implications", label="Implications", kind="implications", place="closing"),
            FormField(
                key="background_papers",
                label="Background papers",
                kind="background_papers",
                place="closing",
                numbered=False,
            ),
            FormField(key="contact", label="Report author", kind="contact", place="closing", numbered=False),
        ],
    ),
}


def cover_sheet_model(form: ReportForm) -> type[CoverSheet]:
    """The model of a report's front matter under `form`: the common fields and the form's."""
    from pydantic import create_model

    fields: dict[str, Any] = {}
    for f in form.fields:
        kind = FIELD_TYPES[f.kind]
        about = f'printed as "{f.label.rstrip(":")}" ({f.kind.replace("_", " ")})'
        fields[f.key] = (
            (kind, Field(description=about)) if f.required else (kind | None, Field(default=None, description=about))
        )
    return create_model("CoverSheet", __base__=CoverSheet, __doc__=CoverSheet.__doc__, **fields)


class Attendee(Strict):
    """A name in the minutes' attendance, optionally with a note ("Chair") or another role."""

    name: str = Field(description="one of the board's people")
    note: str | None = Field(default=None, description='printed after the name: "Chair"')
    role: str | None = Field(default=None, description="printed instead of the person's role in board.yaml")
    substitute_for: str | None = Field(
        default=None, description="in present: the member, sending apologies, this person attended in place of"
    )
    arrived: MinuteNumber | None = Field(default=None, description="present for part: arrived before this minute")
    left: MinuteNumber | None = Field(default=None, description="present for part: left after this minute")
    arrived_at: ClockTime | None = Field(
        default=None, description='present for part: the time they arrived, printed in the minutes: "10.15"'
    )
    left_at: ClockTime | None = Field(
        default=None, description='present for part: the time they left, printed in the minutes: "11.40"'
    )

    def for_part(self) -> bool:
        """Present for part of the meeting: arrived late or left early."""
        return any(x is not None for x in (self.arrived, self.left, self.arrived_at, self.left_at))


Attendance = list[Annotated[Attendee, BeforeValidator(_person_ref, json_schema_input_type=str | Attendee)]]


InterestKind = Literal["disclosable pecuniary", "other registrable", "non-registrable", "personal", "prejudicial"]
DECLARED_ACTIONS = {
    "left the room": "left the room for the item",
    "took no part": "took no part in the discussion or vote",
    "spoke as public": "spoke as a member of the public only, then left the room",
    "remained": "remained and took part",
}


class Declaration(Strict):
    """A member's declaration of an interest in the matter of a minute, and what they did."""

    member: str = Field(description="the member declaring it, present for the minute")
    interest: str = Field(min_length=1, description="the interest, as in the register or as declared")
    kind: InterestKind = Field(description="the kind of interest")
    action: Literal["left the room", "took no part", "spoke as public", "remained"] = Field(
        description="what the member did for the item"
    )
    dispensation: str | None = Field(
        default=None,
        description="the `id` of the dispensation in interests.yaml the member relied on to remain and take part "
        "(needed for a disclosable pecuniary or a prejudicial interest: Localism Act 2011 s.31(4), s.33)",
    )

    def sentence(self, dispensation: Dispensation | None = None) -> str:
        """The minute's sentence: who declared what, and what they did (under which dispensation)."""
        article = "an" if self.kind[0] in "aeiou" else "a"
        under = (
            f" under a dispensation granted by {dispensation.granted_by} on {short_date(dispensation.granted)}"
            if dispensation is not None
            else ""
        )
        return (
            f"{self.member} declared {article} {self.kind} interest ({self.interest}) "
            f"and {DECLARED_ACTIONS[self.action]}{under}."
        )


class RecordedVote(Strict):
    """A recorded vote: how each member voted, by name, where standing orders allow members to ask for one."""

    for_: Names = Field(alias="for", default=[], description="the members who voted for")
    against: Names = Field(default=[], description="the members who voted against")
    abstained: Names = Field(default=[], description="the members who abstained")

    def line(self) -> str:
        parts = [
            (label, names)
            for label, names in (("For", self.for_), ("Against", self.against), ("Abstained", self.abstained))
        ]
        return "Recorded vote – " + "; ".join(f"{label}: {', '.join(names) or 'none'}" for label, names in parts) + "."


class Votes(Strict):
    """The votes cast on a resolution."""

    for_: int = Field(alias="for", ge=0, description="votes for")
    against: int = Field(ge=0, description="votes against")
    abstained: int = Field(default=0, ge=0, description="abstentions")
    casting_vote: Literal["for", "against"] | None = Field(
        default=None,
        description="the Chair's second or casting vote, given when the votes for and against were equal "
        "(Local Government Act 1972 Sch 12 para 39(2))",
    )
    recorded: RecordedVote | None = Field(
        default=None,
        description="a recorded vote: the members by name under for, against and abstained, as many as the counts",
    )

    @model_validator(mode="after")
    def _names_match_counts(self) -> Votes:
        if self.recorded is None:
            return self
        for key, count in (("for_", self.for_), ("against", self.against), ("abstained", self.abstained)):
            names = getattr(self.recorded, key)
            if len(names) != count:
                raise PydanticCustomError(
                    "recorded_vote",
                    "the recorded vote names {named} {key}, and the count is {count}",
                    {"named": len(names), "key": key.rstrip("_"), "count": count},
                )
        return self

    def line(self) -> str:
        return (
            f"For {self.for_}, against {self.against}"
            + (f", abstained {self.abstained}" if self.abstained else "")
            + (f"; the Chair's casting vote {self.casting_vote}" if self.casting_vote else "")
        )


class CalledIn(Strict):
    """An executive decision called in for review by overview and scrutiny before it is implemented."""

    by: Names = Field(min_length=1, description="the members who called it in")
    on: IsoDate = Field(description="the day it was called in, within the call-in period")
    referred_to: str = Field(
        min_length=1,
        description='the committee that reviews it: "Children and Young People Overview and Scrutiny Panel"',
    )
    outcome: Markdown = Field(
        default="",
        description="what the review concluded: no further action (the decision takes effect), or referred back to the "
        "decision maker, or to full council, with its reasons",
    )


class CallIn(Strict):
    """An executive decision's call-in (Local Government Act 2000 s.9F and the council's constitution): published,
    it may not be implemented until the call-in period has passed, unless it is urgent."""

    published: IsoDate = Field(description="the day the decision was published: the call-in period runs from it")
    implement_from: IsoDate | None = Field(
        default=None,
        description="the day it may be implemented (default: the working day after the call-in period ends)",
    )
    called_in: CalledIn | None = Field(default=None, description="the decision was called in: by whom, when, where to")
    urgent: str | None = Field(
        default=None,
        min_length=1,
        description="why it is not subject to call-in: the urgency, and who agreed it (the scrutiny chair)",
    )


class Decision(Strict):
    """A resolution of the meeting, as the decision list and the minutes print it."""

    resolved: Markdown = Field(min_length=1, description="what was resolved, as the minutes record it")
    label: str | None = Field(
        default=None,
        min_length=1,
        description='the words before it, when not the house style\'s ("Recommendation agreed –")',
    )
    votes: Votes | None = Field(default=None, description="the votes cast, when they are recorded")
    reasons: Markdown = Field(default="", description="the reasons for the decision")
    alternatives: Markdown = Field(default="", description="the alternatives considered and rejected")
    decision_maker: str | None = Field(
        default=None,
        min_length=1,
        description="who made the decision, when not the body itself (a Cabinet member, an officer under delegation)",
    )
    date: IsoDate | None = Field(default=None, description="the date of the decision, when not the meeting's")
    conflicts: str | None = Field(
        default=None,
        min_length=1,
        description="any conflict of interest declared by a member consulted by the decision maker "
        "(SI 2012/2089 reg 13; SI 2014/2095 reg 7)",
    )
    dispensation: str | None = Field(
        default=None,
        min_length=1,
        description="any dispensation granted in respect of such an interest: by whom, when and its scope",
    )
    public_summary: str | None = Field(
        default=None,
        min_length=1,
        description="for a decision under an exempt minute: what the public decision list says instead",
    )
    call_in: CallIn | None = Field(
        default=None,
        description="an executive decision's call-in: when it was published, when it may be implemented, whether it "
        "was called in or is urgent",
    )


class Amendment(Strict):
    """An amendment agreed before earlier minutes were confirmed (Local Government Act 1972 Sch 12 para 41). The
    confirmed minutes' file keeps the draft as circulated; the amendment is applied to them wherever they are
    printed as confirmed, and the confirming minute prints it."""

    minute: MinuteNumber = Field(description="the minute of the confirmed minutes that is amended")
    replace: str | None = Field(
        default=None,
        min_length=1,
        description="the words as circulated, found exactly once in the minute (its title, body or a decision's "
        "words); without it, `by` is the minute's new body",
    )
    by: Markdown = Field(description="the words agreed in their place (empty: the words are struck out)")


class Confirmation(Strict):
    """A minute recording that the last meeting's minutes are a correct record."""

    minutes: IsoDate = Field(description="the date of the minutes confirmed")
    amendments: Annotated[list[Amendment], BeforeValidator(_amendments, json_schema_input_type=list[Amendment])] = (
        Field(default=[], description="the amendments agreed before they were confirmed, each applied in turn")
    )


class Correction(Strict):
    """A change to confirmed minutes, agreed at a later meeting."""

    date: IsoDate = Field(description="the meeting that agreed it")
    minute: MinuteNumber = Field(description="the minute of that meeting that agreed it")
    text: str = Field(min_length=1, description="what was corrected")


class Exclusion(Strict):
    """The resolution to exclude the press and public, as minuted: the exempt minutes it was passed for (their
    paragraphs of Schedule 12A are printed from their `exempt`)."""

    minutes: list[MinuteNumber] = Field(
        min_length=1, description='the exempt minutes taken in private under it, this one or later ones: ["6.1"]'
    )


class Minute(Strict):
    """One numbered minute."""

    number: MinuteNumber = Field(
        description='its first part is its Part ("2.2": Part 2); minutes numbered without '
        'a dot ("1", "2") print without Parts'
    )
    title: str = Field(description="the minute's heading")
    body: Markdown = Field(default="", description='the minute\'s text: the discussion, "Agreed –" and the like')
    exempt: ExemptMinute | None = Field(
        default=None,
        description="the minute is exempt: the public see only its number, public "
        'title (or "Exempt item"), the paragraph, its public summary and its decisions\' public summaries',
    )
    exclusion: Exclusion | None = Field(
        default=None,
        description="the resolution to exclude the press and public, passed at this minute (Local Government Act "
        "1972 s.100A(4)), printed in the public minutes too",
    )
    inquorate: str | None = Field(
        default=None, description="what the minutes record of this item being taken while inquorate"
    )
    urgency: Markdown | None = Field(
        default=None,
        min_length=1,
        description="for an item the chair took as a matter of urgency: the special circumstances, which the "
        "minutes must specify (Local Government Act 1972, s.100B(4)(b)); printed at the head of the minute",
    )
    declarations: list[Declaration] = Field(
        default=[], description="declarations of interest, printed at the head of the minute"
    )
    decisions: list[Decision] = Field(
        default=[], description="the decisions, printed at the minute's foot and in the decision list"
    )
    confirms: Confirmation | None = Field(
        default=None, description="this minute confirms earlier minutes as a correct record"
    )
    participation: bool = Field(
        default=False,
        description="the minute records the public participation on the meeting's agenda: each question with the "
        "answer given (and any supplementary), each petition's response, each deputation's and motion's outcome, "
        "printed after the minute's text",
    )

    @model_validator(mode="after")
    def _public_participation(self) -> Minute:
        if self.participation and self.exempt is not None:
            raise PydanticCustomError("exempt_participation", "public participation is not minuted in an exempt minute")
        return self


class Minutes(Strict):
    """minutes/YYYY-MM-DD.yaml: who came and what was minuted."""

    date: IsoDate = Field(description="the day of the meeting, as in the file's name")
    present: Attendance = Field(min_length=1, description="the members present, and substitutes (substitute_for)")
    apologies: Attendance = Field(default=[], description="those who sent apologies: members, or officers")
    absent: Attendance = Field(default=[], description="members neither present nor sending apologies")
    in_attendance: Attendance = Field(default=[], description="officers and others, not members")
    inquorate: str | None = Field(default=None, description="what the minutes record of the meeting being inquorate")
    items: list[Minute] = Field(min_length=1, description="the numbered minutes, in order")
    corrections: list[Correction] = Field(default=[], description="changes made after the minutes were confirmed")


Rag = Literal["red", "amber", "green"]


class Update(Strict):
    """A dated update to an action or tracker row (a tracker row's update may re-rate it)."""

    date: IsoDate = Field(description="when it was given; updates run oldest first")
    text: Markdown = Field(min_length=1, description="the update")
    rag: Rag | None = Field(default=None, description="a tracker row's RAG rating from this date")


class Action(Strict):
    """An action raised under a minute, carried forward until done or dropped."""

    id: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", description="the action's reference, unique in the log: A1"
    )
    raised: IsoDate = Field(description="the meeting whose minutes raised it")
    minute: MinuteNumber = Field(description="the minute that raised it")
    owner: str = Field(description="one of the board's people")
    description: str = Field(min_length=1, description="what is to be done (Markdown)")
    due: IsoDate | None = Field(default=None, description="when it is due; open after it, it is overdue")
    status: Status = Field(default="open", description="done and dropped need an update saying why")
    updates: list[Update] = Field(
        default=[],
        description="dated, oldest first, none before `raised`; a closed action is "
        "closed on the date of its last update",
    )


class Response(Strict):
    """The formal response to a recommendation (an executive's or an officer's), apart from progress updates."""

    text: Markdown = Field(min_length=1, description="the response")
    date: IsoDate = Field(description="when it was made")
    by: str = Field(min_length=1, description="one of the board's people or posts")


class TrackerRow(Strict):
    """One recommendation (R1 …) of a tracker."""

    id: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", description="the row's reference, unique in the tracker: R1"
    )
    recommendation: Markdown = Field(description="the recommendation")
    action_required: Markdown = Field(default="", description="the action it requires")
    response: Response | None = Field(default=None, description="the formal response, apart from progress updates")
    leads: Names = Field(default=[], description="who leads it: the board's people")
    due: IsoDate | None = Field(default=None, description="when it is to be completed; open after it, it is overdue")
    due_note: str | None = Field(default=None, description='printed instead of the date: "Complete"')
    status: Status = Field(default="open", description="done and dropped need an update saying why")
    rag: Rag | None = Field(default=None, description="its RAG rating, until an update re-rates it")
    updates: list[Update] = Field(default=[], description="dated, oldest first")


class Tracker(Strict):
    """A body's recommendations and what has been done about each."""

    id: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        description="how agendas and cover sheets name it: `tracker: camhs-ewmh`",
    )
    title: str = Field(description="the tracker's heading")
    made_by: str = Field(default="", description="the body that made the recommendations, printed under the heading")
    reported_to: list[str] = Field(default=[], description="the bodies it reports to (recorded; not printed)")
    released: Release | None = Field(
        default=None,
        description="for a tracker first reported under an exempt item: "
        "the meeting and minute that released it for publication",
    )
    rows: list[TrackerRow] = Field(min_length=1, description="the recommendations, in order")


class Interest(Strict):
    """An entry in the register of members' interests."""

    member: str = Field(min_length=1, description="a member of the body")
    kind: InterestKind = Field(description="the kind of interest")
    interest: str = Field(min_length=1, description='what it is: "Governor, Hele\'s School"')
    names: list[Annotated[str, Field(min_length=1)]] = Field(
        default=[],
        description="the organisations, places or people it concerns, as papers would name "
        "them (check warns when a minute names one and no declaration is recorded)",
    )
    registered: IsoDate = Field(description="when it was registered")
    ended: IsoDate | None = Field(default=None, description="when it ended; it is current until then")
    sensitive: bool = Field(
        default=False,
        description="the member and the monitoring officer consider that disclosing its details could lead to "
        "violence or intimidation: a published register says only that the member has an interest whose details "
        "are withheld (Localism Act 2011 s.32(2))",
    )

    def current(self, date: dt.date) -> bool:
        return self.registered <= date and (self.ended is None or date <= self.ended)


class Dispensation(Strict):
    """A dispensation letting a member take part in business in which they have an interest that would otherwise
    bar them: a disclosable pecuniary interest (Localism Act 2011 s.33), or a prejudicial interest under the 2007
    Model Code or the Welsh code (granted by the standards committee)."""

    id: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        description="the dispensation's reference, unique in the register: declarations name it (`dispensation: D1`)",
    )
    member: str = Field(min_length=1, description="the member who holds it, a member of the body")
    granted_by: str = Field(
        min_length=1,
        description='who granted it, as the minutes print it after "granted by": "the Standards Committee", '
        '"the monitoring officer"',
    )
    granted: IsoDate = Field(description="when it was granted; it has effect from this day")
    scope: str = Field(min_length=1, description="the matters or business it covers")
    expires: IsoDate = Field(
        description="its last day: a dispensation under the Localism Act 2011 has effect for no more than four "
        "years (s.33(3))"
    )

    def current(self, date: dt.date) -> bool:
        return self.granted <= date <= self.expires


class Register(Strict):
    """interests.yaml: the register of members' interests, and the dispensations granted to members."""

    interests: list[Interest] = Field(default=[], description="the register's entries")
    dispensations: list[Dispensation] = Field(
        default=[], description="the dispensations granted to members (Localism Act 2011 s.33)"
    )


class ActionLog(Strict):
    """actions.yaml: the action log and the recommendation trackers."""

    actions: list[Action] = Field(default=[], description="the action log")
    trackers: list[Tracker] = Field(default=[], description="the recommendation trackers")


Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


MAX_PAGE_NUMBER = 1_000_000  # far beyond any pack; a record claiming more was not written by publish


class PublishedFile(Strict):
    """One file of a publication, as it was published."""

    title: str = Field(description='what it is: "…, 15 June 2012: Public Document Pack"')
    sha256: Sha256 = Field(description="the SHA-256 of the file as published")
    bytes: int = Field(ge=1, description="its size")
    pages: int = Field(ge=1, le=MAX_PAGE_NUMBER, description="how many pages it has")
    first_page: int = Field(
        default=1,
        ge=1,
        le=MAX_PAGE_NUMBER,
        description="the number on its first numbered page (a supplement's continue)",
    )
    last_page: int = Field(ge=0, le=MAX_PAGE_NUMBER, description="the number on its last numbered page")


class PublishedItem(Strict):
    """An agenda item as published: its number, and a digest of what it printed."""

    number: str = Field(description="its number on the agenda")
    digest: Sha256 = Field(description="a digest of what it printed")


class PrivateItem(Strict):
    """An exempt item as the private record knows it: which item it is, and a digest of its papers."""

    identity: str = Field(description="its paper, minutes or tracker, else its title")
    digest: Sha256 = Field(description="what it printed in the private pack")


class Publication(Strict):
    """One publication of a meeting's papers: the pack (supplement 0), or a supplementary pack."""

    supplement: int = Field(default=0, ge=0, description="0 for the pack, else the supplement's number")
    published: IsoDate = Field(description="the day of publication")
    commit: str = Field(pattern=r"^[0-9a-f]{40}$", description="the commit of the sources it was built from")
    tag: str = Field(description="the annotated tag on the commit that records it: publish/YYYY-MM-DD")
    made_with: str = Field(description='the versions that built it: "boardpack 0.2.0, typst 0.15.2, pillow 13.0.0"')
    added: list[str] = Field(default=[], description="a supplement: the keys of the items it adds")
    replaced: list[str] = Field(default=[], description="a supplement: the keys of the items whose papers it replaces")
    items: dict[str, PublishedItem] = Field(
        description="every item of the agenda as published by then, by key "
        '(an exempt item by its number alone: "exempt item 6.1")'
    )
    private: bool = Field(
        default=False,
        description="a private pack was published too: its files are recorded in "
        "publications/private/, which is never committed",
    )
    exempt: dict[str, PrivateItem] = Field(
        default={},
        description="never in the public record: the exempt items, read from the private record when this clone has it",
    )
    files: dict[str, PublishedFile] = Field(description="the public files (and, once read, the private ones)")


class Publications(Strict):
    """publications/YYYY-MM-DD.yaml: what has been published of a meeting's papers (written by `publish`)."""

    date: IsoDate = Field(description="the meeting, as in the file's name")
    publications: list[Publication] = Field(min_length=1, description="the pack, then each supplement")


class PrivatePublication(Strict):
    """The private files of one publication."""

    supplement: int = Field(default=0, ge=0, description="the publication it belongs to: 0 for the pack")
    files: dict[str, PublishedFile] = Field(description="the private files, by file name")
    items: dict[str, PrivateItem] = Field(default={}, description="the exempt items, by their key in the public record")


class PrivateRecord(Strict):
    """publications/private/YYYY-MM-DD.yaml: the private packs of a meeting's publications (written by `publish`).
    The folder ignores itself in git, so what a public mirror carries says nothing of exempt papers."""

    date: IsoDate = Field(description="the meeting, as in the file's name")
    publications: list[PrivatePublication] = Field(min_length=1, description="the private files of each publication")


class GeneralException(Strict):
    """A key decision taken under the general exception (SI 2012/2089 reg 10): 28 clear days' notice was
    impracticable, so the chair of the relevant overview and scrutiny committee was informed in writing, and the
    notice was published at least 5 clear days before the decision."""

    scrutiny_chair: str = Field(
        min_length=1, description="the chair of the relevant overview and scrutiny committee, informed in writing"
    )
    informed: IsoDate = Field(description="the day the chair was informed in writing")
    reasons: str = Field(min_length=1, description="why 28 clear days' notice was impracticable, as the notice says")


class SpecialUrgency(Strict):
    """A key decision taken under special urgency (SI 2012/2089 reg 11): not even the general exception's 5 clear
    days were practicable, and the chair of the relevant overview and scrutiny committee (or, failing one, the chair
    or vice-chair of the council) agreed that the decision is urgent and cannot reasonably be deferred."""

    agreed_by: str = Field(min_length=1, description="who agreed that the decision is urgent")
    capacity: Literal["overview and scrutiny chair", "chair of the council", "vice-chair of the council"] = Field(
        default="overview and scrutiny chair", description="the office in which they agreed"
    )
    agreed: IsoDate = Field(description="the day they agreed")
    reasons: str = Field(
        min_length=1, description="why the decision is urgent and cannot reasonably be deferred, as the notice says"
    )
    reported: IsoDate | None = Field(
        default=None, description="the council meeting it was reported to (SI 2012/2089 reg 19), once reported"
    )


class PrivateNotice(Strict):
    """Notice of the intention to take an item in private (SI 2012/2089 reg 5): published at least 28 clear days
    before the meeting, with the reasons."""

    paragraph: int = Field(ge=1, le=7, description="1-7: the paragraph of Part 1 of Schedule 12A that applies")
    reasons: str = Field(min_length=1, description="why the meeting (or this part of it) is to be held in private")
    published: IsoDate | None = Field(
        default=None, description="the day the notice was published, when not the day the item was `added`"
    )
    representations: str | None = Field(
        default=None,
        min_length=1,
        description="representations received about holding it in private, and the response to them",
    )


class PlanItem(Strict):
    """An item of the forward plan (work programme): business scheduled for a future meeting. Its key decisions
    are printed as the Notice of Key Decisions (SI 2012/2089 reg 9)."""

    title: str = Field(min_length=1, description="the business, as the agenda will title it: the matter to be decided")
    meeting: IsoDate = Field(description="the meeting it is planned for")
    lead: str = Field(min_length=1, description="the officer (or post) who will report")
    purpose: Markdown = Field(default="", description="why it comes to the meeting")
    key_decision: bool = Field(
        default=False,
        description="a key decision: it needs `decision`, and 28 clear days' notice (or `general_exception` or "
        "`special_urgency`)",
    )
    decision: str = Field(default="", description="a key decision: what is to be decided")
    decision_maker: str | None = Field(
        default=None, min_length=1, description="a key decision: who is to make it, when not the body itself"
    )
    period: str | None = Field(
        default=None,
        min_length=1,
        description="a key decision: the date or period in which it is to be made, when not the meeting's date",
    )
    documents: list[Annotated[str, Field(min_length=1)]] = Field(
        default=[], description="a key decision: the documents submitted to the decision maker"
    )
    obtain: str | None = Field(
        default=None,
        min_length=1,
        description="a key decision: the address from which the documents may be obtained, when not the clerk's",
    )
    general_exception: GeneralException | None = Field(
        default=None, description="a key decision taken under the general exception (reg 10)"
    )
    special_urgency: SpecialUrgency | None = Field(
        default=None, description="a key decision taken under special urgency (reg 11)"
    )
    private: PrivateNotice | None = Field(
        default=None, description="the item is to be taken in private: the notice of that intention (reg 5)"
    )
    added: IsoDate = Field(
        description="the day the item was first published in the forward plan (notice counts from it)"
    )

    @property
    def route(self) -> str:
        """How the key decision's notice is given: 'notice', 'general exception' or 'special urgency'."""
        if self.special_urgency is not None:
            return "special urgency"
        return "general exception" if self.general_exception is not None else "notice"

    @model_validator(mode="after")
    def _one_route(self) -> PlanItem:
        if self.general_exception is not None and self.special_urgency is not None:
            raise PydanticCustomError(
                "one_route", "a key decision has one route: `general_exception` or `special_urgency`, not both"
            )
        return self


class ForwardPlan(Strict):
    """forward_plan.yaml: the forward plan, or work programme, of the body's future business (it is public)."""

    items: list[PlanItem] = Field(default=[], description="the business planned, meeting by meeting")


RESERVED_FOLDERS = frozenset({"pagefind", "people", "data", "bodies"})  # the council site's own folders


class CouncilBody(Strict):
    """One body of a council's site: where its papers are kept and its folder in the site."""

    path: str = Field(
        min_length=1,
        description='the body\'s repository or folder, relative to council.yaml: "." or "../scrutiny-panel"',
    )
    slug: str = Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        description="the body's folder in the council's site, part of every address of its pages: \"trust-board\"",
    )


class Council(Strict):
    """council.yaml: a council's committee website across its bodies (`boardpack site --council council.yaml`)."""

    name: str = Field(
        min_length=1, description='the council, as its site\'s home page names it: "Rutland County Council"'
    )
    site_url: str | None = Field(
        default=None,
        pattern=r"^https://[^\s/]+(/[^\s]*)?/$",
        description='the address the council\'s site is published at, ending in /: "https://papers.example.gov.uk/"; '
        "links in its calendars, feeds and structured data are then absolute, and every page names its own address",
    )
    bodies: list[CouncilBody] = Field(
        min_length=1, description="every body whose meetings the site publishes, each kept in its own repository"
    )


class Decided(Strict):
    """A change to a planned meeting: when it was decided and announced, and why."""

    on: IsoDate = Field(description="the day the change was decided and announced")
    reason: str = Field(min_length=1, description="why, as the notice of it says")


class Moved(Decided):
    """A planned meeting held on another day."""

    to: IsoDate = Field(description="the day it is held instead (its agenda is agendas/ of that day)")


class Adjourned(Strict):
    """A meeting that began and was adjourned, its remaining business to be taken when it reconvenes."""

    to: IsoDate = Field(description="the day it reconvenes, with the same agenda and numbering")
    reason: str = Field(min_length=1, description="why it was adjourned, as minuted")


class PlannedMeeting(Strict):
    """A meeting of the calendar of meetings, and what became of it."""

    date: IsoDate = Field(description="the day it was planned for")
    start: ClockTime | None = Field(
        default=None, description="when it starts, for the calendar before its agenda is written (then the agenda's)"
    )
    venue: str | None = Field(
        default=None, description="where it is held, for the calendar before its agenda is written (then the agenda's)"
    )
    cancelled: Decided | None = Field(default=None, description="the meeting will not be held")
    moved: Moved | None = Field(default=None, description="the meeting is held on another day")
    adjourned: Adjourned | None = Field(
        default=None, description="the meeting was held and adjourned: it reconvenes on another day"
    )

    @model_validator(mode="after")
    def _one_fate(self) -> PlannedMeeting:
        if sum(change is not None for change in (self.cancelled, self.moved, self.adjourned)) > 1:
            raise PydanticCustomError("one_fate", "a meeting is cancelled, moved or adjourned: one of them")
        return self


class MeetingCalendar(Strict):
    """meetings.yaml: the body's calendar of meetings (agreed at its annual meeting) and every change to it."""

    meetings: list[PlannedMeeting] = Field(
        min_length=1, description="every meeting planned, in date order, each with what became of it"
    )


class DecisionRecord(Strict):
    """decisions/NAME.yaml: a decision taken outside a meeting, by an executive member or an officer, as its written
    record states it (SI 2012/2089 regs 12-13; SI 2014/2095 reg 7)."""

    date: IsoDate = Field(description="the day the decision was made")
    title: str = Field(min_length=1, description="the matter decided, as the decisions register lists it")
    kind: Literal["executive", "officer"] = Field(
        description="an executive decision by an individual member (SI 2012/2089 reg 13), or an officer's decision "
        "(SI 2014/2095 reg 7)"
    )
    decision_maker: str = Field(min_length=1, description="one of `people` or `posts`: who made the decision")
    decision: Markdown = Field(min_length=1, description="the decision, as its record states it")
    reasons: Markdown = Field(min_length=1, description="the reasons for the decision")
    alternatives: Markdown = Field(
        min_length=1, description='the alternatives considered and rejected ("None" when there were none)'
    )
    key_decision: bool = Field(default=False, description="a key decision (SI 2012/2089 reg 8)")
    conflicts: str | None = Field(
        default=None, min_length=1, description="any conflict of interest declared by a member consulted"
    )
    dispensation: str | None = Field(
        default=None, min_length=1, description="any dispensation granted in respect of such an interest"
    )
    call_in: CallIn | None = Field(
        default=None, description="an executive decision's call-in (an officer's, only when it is a key decision)"
    )


class Letter(Strict):
    """A briefing's editorial letter: the text before the briefing's first heading, opened and signed."""

    salutation: str = Field(default="Dear Colleagues", min_length=1, description="the letter's opening line")
    closing: str = Field(default="With Best Wishes", min_length=1, description="the words before the signature")
    signatory: str = Field(
        min_length=1,
        description="who signs it: one of the board's people or posts, printed with their role "
        '("Richenda Broad", then "Head of Service, …")',
    )


class BriefingEvent(Strict):
    """One event of a briefing's programme, printed as a row of its events table: where, and when."""

    place: str = Field(min_length=1, description='where the event is held: "Exeter"')
    when: str = Field(min_length=1, description='when it is held, as the briefing prints it: "November 2010"')


class Speaker(Strict):
    """Someone who gave a presentation, and the organisation they came from."""

    name: str = Field(min_length=1, description='the speaker\'s name: "Zoe McLeod"')
    organisation: str = Field(
        default="", description='the organisation they spoke for: "Lewisham Youth Offending Service"'
    )


class BriefingLink(Strict):
    """A link printed after a presentation's summary."""

    title: str = Field(min_length=1, description="the link's words")
    url: str = Field(pattern=r"^(https?://|mailto:)\S+$", description="the address: https://, http:// or mailto:")


class Presentation(Strict):
    """A presentation a briefing summarises: its summary is the article of the same title (`## Topic`) in the
    briefing's text; its speakers are printed under that heading and its links after the summary."""

    topic: str = Field(
        min_length=1, description="the presentation's topic: the heading (`## …`) of the article summarising it"
    )
    speakers: list[Speaker] = Field(min_length=1, description="who presented it, each with their organisation")
    links: list[BriefingLink] = Field(default=[], description="where to read more, printed after the summary")


class Briefing(Strict):
    """The front matter of briefings/NAME.md; the Markdown after it is the issue: the text before its first
    heading is the editorial letter (or introduction), each `# heading` a section (POLICY, RESEARCH …) and each
    `## heading` an article, listed "Inside this issue" with the page it starts on."""

    title: str = Field(min_length=1, description='the briefing\'s name on its masthead: "Policy & Research Briefing"')
    volume: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="the volume, printed on the masthead; `briefing new` numbers on from it"
    )
    issue: Annotated[int, Field(ge=1)] | None = Field(
        default=None,
        description="the issue within the volume, printed on the masthead; `briefing new` numbers on from it (the "
        "first issue of a new year begins the next volume)",
    )
    date: IsoDate = Field(description="the day of publication; the masthead prints its month and year")
    audience: str = Field(
        min_length=1,
        description='the line under the masthead saying whom it is for: "A short guide for Trust partners on '
        "what's new in policy and research\"",
    )
    publisher: str | None = Field(
        default=None,
        min_length=1,
        description="who publishes it, printed above the title (left out: the board's organisation, if any)",
    )
    letter: Letter | None = Field(
        default=None,
        description="the text before the first heading is a letter: opened, closed and signed (left out: an "
        "introduction, printed as it is)",
    )
    sections: list[Annotated[str, Field(min_length=1)]] = Field(
        default=[],
        description="the standing sections, in order: the text's `# headings` must be these (`briefing new` "
        "writes them into the next issue)",
    )
    events: list[BriefingEvent] = Field(
        default=[], description="a programme of events, printed as a table of places and dates after the introduction"
    )
    events_heading: str = Field(
        default="Programme of events", min_length=1, description="the heading of the events table"
    )
    presentations: list[Presentation] = Field(
        default=[],
        description="presentations summarised, each the article of its topic: speakers under its heading, links "
        "after it",
    )
