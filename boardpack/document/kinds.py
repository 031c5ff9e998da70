"""The document kinds of a pack, declared once: what each document hands the templates.

A pack is a front sheet and a list of documents; each document has a `kind`, and pack.typ, the HTML
writer's documents.html, the Word writer and the tests' oracle each print every kind here. The fields
are the JSON the Typst template reads, unchanged. tests/test_document.py validates assembled packs
against these declarations (no field undeclared) and holds every renderer to the list of kinds.
"""

from typing import Any, Literal, NotRequired, TypedDict, get_args, get_type_hints

from .nodes import Block, ColumnFit


class _Document(TypedDict):
    """What every document has: its id in the pack, and the NOT FOR PUBLICATION line of an exempt one."""

    id: str
    restricted: str | None
    numbering_starts: NotRequired[bool]  # the page numbers start at 1 here (after the front sheet and agenda)
    item_start: NotRequired[str]  # the first document of agenda item (its number) …
    item_end: NotRequired[str]  # … and its last


class AgendaRow(TypedDict):
    """An item as the agenda lists it; an exempt item's public row has only its public title and statement."""

    number: str
    time: str
    has_papers: bool
    title: str
    purpose: list[Block]
    authors: str
    note: list[Block]
    exempt: str
    resolution: str  # the resolution to exclude the press and public, before the first exempt item
    restricted: str
    urgent: NotRequired[str]  # the chair's special circumstances of urgency (s.100B(4)(b))
    late: NotRequired[str]  # the reason for lateness
    key_decision: NotRequired[bool]
    replaces: NotRequired[str]  # a supplement's item: the paper it replaces


class AgendaSection(TypedDict):
    heading: str
    is_break: bool
    time: str
    items: list[AgendaRow]


class AgendaDocument(_Document):
    kind: Literal["agenda"]
    sections: list[AgendaSection]
    heading: NotRequired[str]  # a supplement's "Supplementary agenda"
    wide_times: NotRequired[bool]  # 12-hour times need a wider column
    standalone: NotRequired[bool]  # a paper or decision list on its own: the one row, no front sheet


class Attendee(TypedDict):
    name: str
    role: str


class MinuteAction(TypedDict):
    text: list[Block]
    owner: str
    due: str


class Minute(TypedDict):
    part: str
    number: str
    restricted: str
    actions: list[MinuteAction]
    title: str
    body: list[Block]


class MinutesDocument(_Document):
    kind: Literal["minutes"]
    date: str
    heading: str
    status: str
    present: list[Attendee]
    apologies: list[Attendee]
    absent: list[Attendee]
    in_attendance: list[Attendee]
    items: list[Minute]
    signature: list[str]  # the Chair's signature block, line by line: dotted lines on a draft


class DecisionRow(TypedDict):
    number: str
    title: str
    body: list[Block]
    restricted: str


class DecisionsDocument(_Document):
    kind: Literal["decisions"]
    heading: str
    rows: list[DecisionRow]


class CoverSheetRow(TypedDict):
    label: str
    value: list[Block]


class CoverSheetDocument(_Document):
    kind: Literal["cover_sheet"]
    bookmark: str
    rows: list[CoverSheetRow]


class ReportDocument(_Document):
    """A report, or an appendix written in Markdown; `level` 1 when it is the item's own heading."""

    kind: Literal["report"]
    heading: str
    body: list[Block]
    level: NotRequired[int]
    masthead: NotRequired[list[Block]]
    landscape: NotRequired[bool]


class ForeignDocument(_Document):
    """A PDF appendix laid into the pack: its pages' sizes in points, as a viewer shows them, and whether its source
    is tagged (it keeps its tags in the pack). A large-print pack, which does not lay its pages in, gives it a page
    that refers to it in the standard pack (`standard_pack`, that pack's file name) at `nameddest`."""

    kind: Literal["foreign"]
    heading: str
    pages: list[list[float]]
    tagged: bool
    standard_pack: NotRequired[str]
    nameddest: NotRequired[str]


class TrackerRow(TypedDict):
    id: str
    rag: str
    cells: list[Any]  # a cell: a string, a list of strings (lines), or blocks


class TrackerDocument(_Document):
    kind: Literal["tracker"]
    heading: str
    level: int
    made_by: str | None
    columns: list[str]
    rows: list[TrackerRow]
    fit: list[ColumnFit]
    summary: str
    landscape: bool


class ActionRow(TypedDict):
    id: str
    raised: str
    description: list[Block]
    owner: str
    due: str
    update: list[Block]
    update_date: str
    status: str
    overdue: bool
    closed: bool
    restricted: str


class ActionLogDocument(_Document):
    kind: Literal["action_log"]
    heading: str
    rows: list[ActionRow]
    landscape: bool
    columns: list[str]
    fit: list[ColumnFit]
    summary: str


Document = (
    AgendaDocument
    | MinutesDocument
    | DecisionsDocument
    | CoverSheetDocument
    | ReportDocument
    | ForeignDocument
    | TrackerDocument
    | ActionLogDocument
)

DOCUMENT_KINDS: dict[str, type] = {get_args(get_type_hints(cls)["kind"])[0]: cls for cls in get_args(Document)}


class Logo(TypedDict):
    src: str
    alt: str


class FrontSheet(TypedDict):
    """The front sheet: the pack's kind, the meeting, the clerk; a published pack says when."""

    heading: NotRequired[str]
    restricted: NotRequired[str]
    board_title: NotRequired[str]
    date: NotRequired[str]
    time: NotRequired[str]
    venue: NotRequired[str]
    clerk: NotRequired[str]
    phone: NotRequired[str]
    email: NotRequired[str]
    organisation: NotRequired[str]
    membership: NotRequired[list[str]]
    logo: NotRequired[Logo]
    published: NotRequired[str]
    supplement: NotRequired[str]
    introduction: NotRequired[str]
    occasion: NotRequired[str]  # an extraordinary, moved or reconvened meeting, as the summons says


class Publication(TypedDict):
    """A published pack's stamp, for the front sheet and the PDF's metadata."""

    date: str
    commit: str
    year: int
    month: int
    day: int
    description: str


class PackData(TypedDict):
    """Everything Typst is handed for one pack (templates/typst/pack.typ reads it as JSON)."""

    title: str
    board_name: str
    lang: str
    region: str
    front: FrontSheet
    documents: list[Document]
    style: NotRequired[dict[str, str]]
    publication: NotRequired[Publication]
    first_page: NotRequired[int]
