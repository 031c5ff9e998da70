"""Write boardpack/bank_holidays.json: the UK's bank holidays, 1900-2099, for each calendar boardpack knows.

boardpack reads this table instead of importing `holidays` (which costs a build about half a second); the test
suite holds it equal to what the installed `holidays` says (tests/test_timetable.py), so run this again when a
new version of `holidays` knows a new bank holiday:

    python scripts/bank_holidays.py
"""

from __future__ import annotations

import json
from pathlib import Path

import holidays

from boardpack.timetable import FIRST_YEAR, LAST_YEAR, SUBDIVISIONS, TABLE


def table() -> dict[str, object]:
    """Each calendar's bank holidays, as ISO dates in order, and the version of `holidays` they come from."""
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    days = {
        calendar: sorted(day.isoformat() for day in holidays.country_holidays("GB", subdiv=code, years=years))
        for calendar, code in SUBDIVISIONS.items()
    }
    return {"holidays": holidays.__version__, "years": [FIRST_YEAR, LAST_YEAR], "days": days}


if __name__ == "__main__":
    Path(TABLE).write_text(json.dumps(table(), indent=0) + "\n", encoding="utf-8")
    print(f"wrote {TABLE}")
