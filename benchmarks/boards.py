"""Boards to measure: the example, the example made N times larger, and ten years of one board's history.

python benchmarks/boards.py history DIR      # write the 10-year history board into DIR
python benchmarks/boards.py synthetic DIR 10 # the example with every agenda section repeated 10 times
python benchmarks/boards.py meetings DIR 40  # the example's meeting held 40 times
python benchmarks/boards.py plans DIR 40     # a planning committee: 40 items, each with a PDF of scanned drawings
python benchmarks/boards.py council DIR 50 10  # a council of 50 bodies, each meeting 10 times a year for 10 years
"""

from __future__ import annotations

import datetime as dt
import io
import random
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SOURCES = ("board.yaml", "actions.yaml", "agendas", "cover_sheets", "minutes", "appendices")
# The example's further sources, copied when the board has them (a baseline revision's may not).
FURTHER = ("interests.yaml", "forward_plan.yaml")  # not its calendar: the synthetic boards have their own dates
# The length of a real action or update (the example's run to 40-80 words).
_WORDY = (
    "The lead officer will meet the partners concerned, agree the scope of the work and the resources it "
    "needs, consult the young people's forums and the schools' representatives, and bring a written report "
    "with recommendations and costs to the Board, copied to the scrutiny panel and the health partners."
)
_DUMPER = type("NoAliases", (yaml.SafeDumper,), {"ignore_aliases": lambda self, data: True})


def _dump(data: object, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


ORIGIN = [REPO]  # where the example board is copied from (the benchmark sets the baseline's own copy)


def copy_board(target: Path) -> Path:
    """The example board, copied."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES + FURTHER:
        source = ORIGIN[0] / name
        if source.exists() or name in SOURCES:
            (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    return target


def public_only_board(target: Path) -> Path:
    """The example board without its exempt item, on its agenda and in its minutes: one meeting, one (public) pack,
    and no private decision list (which no web page could be the counterpart of)."""
    copy_board(target)
    [agenda_path] = sorted((target / "agendas").glob("*.yaml"))
    agenda = yaml.safe_load(agenda_path.read_text(encoding="utf-8"))
    for section in agenda["sections"]:
        if "items" in section:
            section["items"] = [item for item in section["items"] if "exempt" not in item]
    agenda["sections"] = [s for s in agenda["sections"] if s.get("items") or "items" not in s]
    _dump(agenda, agenda_path)
    minutes_path = target / "minutes" / f"{agenda['date']}.yaml"
    if minutes_path.exists():
        minutes = yaml.safe_load(minutes_path.read_text(encoding="utf-8"))
        minutes["items"] = [item for item in minutes["items"] if "exempt" not in item]
        _dump(minutes, minutes_path)
    return target


def many_meetings_board(target: Path, meetings: int = 40) -> Path:
    """The example's meeting held `meetings` times, a quarter apart (the same papers each time)."""
    copy_board(target)
    [agenda_path] = sorted((target / "agendas").glob("*.yaml"))
    text = agenda_path.read_text(encoding="utf-8")
    agenda = yaml.safe_load(text)
    for n in range(1, meetings):
        date = agenda["date"] + dt.timedelta(days=91 * n)
        copy = dict(agenda, date=date.isoformat())
        copy["sections"] = [
            dict(s, items=[{k: v for k, v in i.items() if k != "future_meetings"} for i in s["items"]])
            if "items" in s
            else s
            for s in agenda["sections"]
        ]
        _dump(copy, target / "agendas" / f"{date.isoformat()}.yaml")
    return target


def synthetic_board(target: Path, factor: int = 10) -> Path:
    """The example board with every agenda section repeated `factor` times (papers copied under new names)."""
    copy_board(target)
    [agenda_path] = sorted((target / "agendas").glob("*.yaml"))
    agenda = yaml.safe_load(agenda_path.read_text(encoding="utf-8"))
    sections = []
    for copy in range(factor):
        for section in agenda["sections"]:
            if copy and "items" not in section:
                continue  # a break: the example's one
            section = dict(section, heading=f"{section['heading']} ({copy + 1})")
            if copy:  # the copies untimed: the agenda's times must run in order
                section = {k: v for k, v in section.items() if k not in ("start", "end")}
            items = []
            for item in section.get("items", []):
                item = dict(item) if not copy else {k: v for k, v in item.items() if k not in ("start", "end")}
                if "paper" in item and copy:
                    paper = Path(item["paper"])
                    clone = paper.with_name(f"{paper.stem}-{copy}{paper.suffix}")
                    shutil.copy(target / paper, target / clone)
                    item["paper"] = clone.as_posix()
                items.append(item)
            if items:
                section["items"] = items
            sections.append(section)
    agenda["sections"] = sections
    _dump(agenda, agenda_path)
    return target


def history_board(target: Path, years: int = 10, actions: int = 2000, rows: int = 300) -> Path:
    """Ten years of quarterly meetings (41, the last upcoming), each with its agenda and minutes; `actions`
    actions raised across them (two in three still open), and trackers with `rows` rows between them."""
    copy_board(target)
    for folder in ("agendas", "minutes", "cover_sheets"):
        shutil.rmtree(target / folder)
    board = yaml.safe_load((target / "board.yaml").read_text(encoding="utf-8"))
    people = [p["name"] for p in board["people"]]
    members = [p["name"] for p in board["people"] if p.get("member")]
    start = dt.date(2013, 3, 15)
    dates = [start + dt.timedelta(days=91 * n) for n in range(years * 4 + 1)]
    per_meeting = -(-actions // (len(dates) - 1))
    log: list[dict] = []
    for n, date in enumerate(dates):
        later = [d.isoformat() for d in dates[n + 1 : n + 4]]
        agenda = {
            "date": date.isoformat(),
            "start": "9.30",
            "venue": "Warspite Room, Council House",
            "sections": [
                {
                    "heading": "Welcome, apologies, minutes of the last meeting and matters arising",
                    "items": [
                        {"title": "Welcome", "authors": ["Chair"]},
                        {"title": "Apologies", "authors": ["Chair"]},
                        *(
                            [
                                {
                                    "title": f"Minutes and action from the meeting held on {dates[n - 1]:%-d %B %Y}",
                                    "authors": ["Chair"],
                                    "minutes": dates[n - 1].isoformat(),
                                }
                            ]
                            if n
                            else []
                        ),
                    ],
                },
                {
                    "heading": "Monitoring performance",
                    "items": [
                        {
                            "title": f"Tracker {t + 1}",
                            "authors": [people[t % len(people)]],
                            "tracker": f"tracker-{t + 1}",
                        }
                        for t in range(3)
                    ],
                },
                *(
                    [
                        {
                            "heading": "Information / AOB",
                            "items": [
                                {
                                    "title": "The Board to note the dates of future meetings",
                                    "authors": ["Chair"],
                                    "future_meetings": later,
                                }
                            ],
                        }
                    ]
                    if later
                    else []
                ),
            ],
        }
        _dump(agenda, target / "agendas" / f"{date.isoformat()}.yaml")
        if n == len(dates) - 1:
            break  # the upcoming meeting: no minutes yet
        items = [
            {
                "number": f"{part}.{k}",
                "title": f"Item {part}.{k}",
                "body": f"The Board discussed item {part}.{k} of {date:%-d %B %Y} and agreed the actions below.",
            }
            for part in (1, 2)
            for k in range(1, 6)
        ]
        _dump(
            {
                "date": date.isoformat(),
                "present": people[:12],
                "apologies": people[12:16],
                "absent": [name for name in members if name not in people[:16]],  # every member accounted for
                "items": items,
            },
            target / "minutes" / f"{date.isoformat()}.yaml",
        )
        for k in range(per_meeting):
            number = len(log) + 1
            if number > actions:
                break
            item = items[k % len(items)]
            action = {
                "id": f"A{number}",
                "raised": date.isoformat(),
                "minute": item["number"],
                "owner": people[number % len(people)],
                "description": f"To report back on the matters raised under minute {item['number']} of "
                f"{date:%-d %B %Y}, with the partners named, by the date given. " + _WORDY,
                "due": (date + dt.timedelta(days=120)).isoformat(),
                "status": "done" if number % 3 == 0 else "open",
                "updates": [
                    {
                        "date": (date + dt.timedelta(days=60)).isoformat(),
                        "text": "Work is in hand; a report is planned for a later meeting. " + _WORDY
                        if number % 3
                        else "Reported to the Board. Closed.",
                    }
                ],
            }
            log.append(action)
    trackers = []
    for t in range(3):
        trackers.append(
            {
                "id": f"tracker-{t + 1}",
                "title": f"Task and finish group {t + 1}: recommendations",
                "made_by": "Children and Young People Overview and Scrutiny Panel",
                "rows": [
                    {
                        "id": f"R{r + 1}",
                        "recommendation": f"Recommendation {r + 1} of the task and finish group, "
                        "on the services that support children and families.",
                        "action_required": "To report progress to the Board.",
                        "leads": [people[r % len(people)]],
                        "due": dates[min(len(dates) - 1, r // 3)].isoformat(),
                        "status": "done" if r % 2 else "open",
                        "rag": "green" if r % 2 else "amber",
                        "updates": [
                            {"date": dates[min(len(dates) - 2, r // 3)].isoformat(), "text": "Progress reported."}
                        ],
                    }
                    for r in range(rows // 3)
                ],
            }
        )
    _dump({"actions": log, "trackers": trackers}, target / "actions.yaml")
    return target


PLANS_DATE = "2012-09-14"
A3 = (1190.55, 841.89)  # points, landscape: a drawing sheet


def scanned_sheet(seed: int, dpi: int, quality: int = 40) -> bytes:
    """One A3 drawing sheet as a scanner gives it: a grey JPEG at `dpi` of lines on paper grain, the grain
    making it compress as poorly as real scans do (about 0.5 MB at 150 dpi)."""
    from PIL import Image, ImageChops, ImageDraw

    size = (round(A3[0] / 72 * dpi), round(A3[1] / 72 * dpi))
    sheet = Image.new("L", size, 235)
    draw, rnd = ImageDraw.Draw(sheet), random.Random(seed)
    for _ in range(150):
        start = (rnd.randrange(size[0]), rnd.randrange(size[1]))
        draw.line([start, (rnd.randrange(size[0]), rnd.randrange(size[1]))], fill=30, width=max(1, dpi // 50))
    grain = Image.effect_noise(size, 6)  # grey around 128, a different grain each call
    out = io.BytesIO()
    ImageChops.add(sheet, grain, 1.0, -128).save(out, "JPEG", quality=quality)
    return out.getvalue()


def scanned_pdf(path: Path, pages: int, seed: int, dpi: int) -> None:
    """A PDF of `pages` scanned A3 sheets, image-only and untagged, each image its JPEG's own bytes."""
    import pikepdf

    pdf = pikepdf.new()
    for page in range(pages):
        data = scanned_sheet(seed * 1000 + page, dpi)
        width, height = round(A3[0] / 72 * dpi), round(A3[1] / 72 * dpi)
        image = pikepdf.Stream(pdf, data)
        image.Type, image.Subtype, image.Filter = pikepdf.Name.XObject, pikepdf.Name.Image, pikepdf.Name.DCTDecode
        image.Width, image.Height, image.BitsPerComponent = width, height, 8
        image.ColorSpace = pikepdf.Name.DeviceGray
        content = f"q {A3[0]} 0 0 {A3[1]} 0 0 cm /Scan Do Q".encode()
        pdf.pages.append(
            pikepdf.Page(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Page,
                    MediaBox=[0, 0, *A3],
                    Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Scan=image)),
                    Contents=pikepdf.Stream(pdf, content),
                )
            )
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.save(path)


def plans_board(target: Path, items: int = 40, pages: int = 15, dpi: int = 150, private: bool = True) -> Path:
    """A planning committee's meeting: `items` applications, each a short report with one appendix, a PDF of
    `pages` scanned A3 drawings (image-only, about 0.5 MB a sheet at 150 dpi: 40 × 15 sheets make about 600
    pages and 300 MB); with `private`, one more application taken in private, its drawings exempt."""
    copy_board(target)
    for folder in ("agendas", "minutes", "cover_sheets", "appendices"):
        shutil.rmtree(target / folder)
    (target / "forward_plan.yaml").unlink(missing_ok=True)  # it schedules the example's items
    _dump({"actions": []}, target / "actions.yaml")
    officer = "Fiona Fleming"
    report = {
        "responsible_officer": [officer],
        "purpose": "To decide the application.\n",
        "recommendations": "The Board is asked to grant permission, subject to the conditions set out.\n",
        "consultation_record": "Neighbours, the highway authority and the parish council.\n",
        "impact_on_child_poverty": "None.\n",
        "meeting_notes": "",
    }
    applications = []
    for n in range(1, items + 1 + int(private)):
        exempt = n > items
        name = f"{PLANS_DATE}-application-{n}"
        title = f"Application {n}: extension and alterations, {n} Harbour Road" + (" (land sale)" if exempt else "")
        drawings = f"appendices/{name}-drawings.pdf"
        scanned_pdf(target / drawings, pages, seed=n, dpi=dpi)
        front = dict(report, title=title, appendices=[{"title": f"Application {n}: drawings", "file": drawings}])
        body = f"# Application {n}\n\nThe applicant seeks permission for the works shown on the drawings.\n"
        cover = target / "cover_sheets" / f"{name}.md"
        cover.parent.mkdir(parents=True, exist_ok=True)
        cover.write_text("---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n" + body)
        item: dict = {"title": title, "authors": [officer], "paper": f"cover_sheets/{name}.md"}
        if exempt:
            item["exempt"] = {
                "paragraph": 3,
                "public_title": f"Application {n}: land sale",
                "public_interest": "The public interest in maintaining the exemption outweighs the public interest in "
                "disclosure, because the drawings show the price of land the council is selling.",
            }
        applications.append(item)
    sections = [
        {
            "heading": "Welcome and apologies",
            "items": [{"title": t, "authors": ["Chair"]} for t in ("Welcome", "Apologies")],
        },
        {"heading": "Planning applications", "items": applications[:items]},
    ]
    if private:
        sections.append({"heading": "Private business", "items": applications[items:]})
    _dump(
        {"date": PLANS_DATE, "start": "9.30", "venue": "Warspite Room, Council House", "sections": sections},
        target / "agendas" / f"{PLANS_DATE}.yaml",
    )
    return target


def council(target: Path, bodies: int = 50, years: int = 10, per_year: int = 10) -> Path:
    """A council's archive (council.yaml and a folder for each body): `bodies` bodies, each meeting `per_year`
    times a year for `years` years, every meeting small (a few pages: standing items and one short report, no
    minutes), from January 2016. Returns council.yaml."""
    target.mkdir(parents=True, exist_ok=True)
    board = yaml.safe_load((REPO / "board.yaml").read_text(encoding="utf-8"))
    board = {k: v for k, v in board.items() if k not in ("municipal_years", "interests_regime")}
    people = [p["name"] for p in board["people"]]
    start = dt.date(2016, 1, 12)
    entries = []
    for b in range(bodies):
        slug = f"body-{b + 1:02d}"
        root = target / slug
        _dump(dict(board, name=f"Committee {b + 1} of the Example Council"), root / "board.yaml")
        _dump({"actions": []}, root / "actions.yaml")
        for n in range(years * per_year):
            date = start + dt.timedelta(days=(365 * n) // per_year + b % 7)
            paper = f"cover_sheets/{date.isoformat()}-report.md"
            (root / paper).parent.mkdir(parents=True, exist_ok=True)
            (root / paper).write_text(
                f"---\ntitle: Quarterly report, {date:%-d %B %Y}\nresponsible_officer: [{people[n % len(people)]}]\n"
                "purpose: |\n  For information\nrecommendations: |\n  That the committee notes the report.\n"
                "consultation_record: |\n  N/A\nimpact_on_child_poverty: |\n  -\nmeeting_notes: ''\n---\n"
                f"# Report to the meeting of {date:%-d %B %Y}\n\n" + "\n\n".join([_WORDY] * 4) + "\n",
                encoding="utf-8",
            )
            agenda = {
                "date": date.isoformat(),
                "start": "18.00",
                "venue": "Committee Room 1, Council House",
                "sections": [
                    {
                        "heading": "Opening business",
                        "items": [
                            {"title": "Welcome", "authors": ["Chair"]},
                            {"title": "Apologies", "authors": ["Chair"]},
                        ],
                    },
                    {
                        "heading": "Reports",
                        "items": [
                            {
                                "title": f"Quarterly report, {date:%-d %B %Y}",
                                "purpose": "To note the report.",
                                "authors": [people[n % len(people)]],
                                "paper": paper,
                            }
                        ],
                    },
                ],
            }
            _dump(agenda, root / "agendas" / f"{date.isoformat()}.yaml")
        entries.append({"path": slug, "slug": slug})
    _dump({"name": "Example Council", "bodies": entries}, target / "council.yaml")
    return target / "council.yaml"


if __name__ == "__main__":
    kind, folder = sys.argv[1], Path(sys.argv[2])
    if kind == "history":
        history_board(folder)
    elif kind == "meetings":
        many_meetings_board(folder, int(sys.argv[3]) if len(sys.argv) > 3 else 40)
    elif kind == "plans":
        plans_board(folder, int(sys.argv[3]) if len(sys.argv) > 3 else 40)
    elif kind == "synthetic":
        synthetic_board(folder, int(sys.argv[3]) if len(sys.argv) > 3 else 10)
    elif kind == "council":
        council(folder, *(int(a) for a in sys.argv[3:5]))
    else:
        raise SystemExit(__doc__)
