"""The e-mail edition's share of `boardpack briefing build`: the HTML, its plain text and the message of each example
briefing, made in one process from the assembled issue (the checks and assembly, which the PDFs share, left out).

    python benchmarks/bench_briefing_email.py [RUNS]

Prints, for each example, the fastest of RUNS (default 20) makings of all three, in milliseconds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from boardpack.assemble.briefing import assemble_briefing
from boardpack.checks import check_repository
from boardpack.render.email import email_html, email_message, email_text
from boardpack.templates import template_set

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = ((REPO, "briefings/2010-03.md"), (REPO / "examples" / "practice-exchange-network", "briefings/2010-12.md"))


def main(runs: int) -> None:
    for root, path in EXAMPLES:
        issue = assemble_briefing(check_repository(root), path)
        templates = template_set(root)
        email_html(issue, templates)  # the first loads Jinja2 and the template
        best = float("inf")
        for _ in range(runs):
            start = time.perf_counter()
            html = email_html(issue, templates)
            email_message(issue, html, email_text(issue))
            best = min(best, time.perf_counter() - start)
        print(f"{path} ({root.name}): {best * 1000:.1f} ms, {len(html) // 1000} KB of HTML")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
