"""The report as a text table for a terminal or a pipe: status, check, evidence, fix."""

from __future__ import annotations

import textwrap

from oslearn.lessons.verify.checks import FAMILY_NAMES, Report
from oslearn.lessons.verify.facts import clean_text

#: ANSI colours of each status (used only when asked: a terminal without NO_COLOR).
COLOURS = {"pass": "32", "warn": "33", "fail": "31", "unknown": "2"}
STATUS_WIDTH = 8
CHECK_WIDTH = 19


def _paint(text: str, status: str, colour: bool) -> str:
    return f"\x1b[{COLOURS[status]}m{text}\x1b[0m" if colour and status in COLOURS else text


def table(report: Report, width: int = 100, *, colour: bool = False) -> str:
    """Render ``report`` as a table ``width`` columns wide.

    Each check is one row: status, check id, then its evidence lines, its fix (``fix:``)
    and, when it is not a pass, the lesson section to read (``read:``), wrapped in the last
    column. A header names the target and its system; a last line counts the statuses.

    Args:
        report: the report.
        width: the terminal's width in columns (at least 60 is used).
        colour: colour the status words with ANSI escapes.
    Returns:
        the text, ending with a newline. Text from the target is free of control characters.
    """
    from oslearn.lessons.verify.steps import STEPS

    width = max(width, 60)
    info = report.os
    system = info.pretty_name or info.id or "an unknown system"
    family = FAMILY_NAMES.get(info.family, "family unknown")
    support = info.support
    if support.status == "standard":
        state = f"standard support until {support.standard_until}"
    elif support.status == "extended":
        state = f"extended support only, until {support.extended_until}"
    elif support.status == "ended":
        state = "past all support"
    else:
        state = "support unknown"
    lines = [clean_text(f"oslearn verify: {report.target} · {system} · {family} · {state}"), ""]
    indent = STATUS_WIDTH + CHECK_WIDTH
    wrap_width = width - indent
    lines.append(f"{'STATUS':<{STATUS_WIDTH}}{'CHECK':<{CHECK_WIDTH}}EVIDENCE AND FIX")
    for check in report.checks:
        body: list[str] = []
        for evidence in check.evidence:
            body += textwrap.wrap(clean_text(evidence), wrap_width, subsequent_indent="  ") or [""]
        if check.fix:
            body += textwrap.wrap("fix: " + clean_text(check.fix), wrap_width, subsequent_indent="     ")
        step = STEPS[check.id]
        if check.status != "pass":
            body.append(f"read: {step.lesson} › {step.section}")
        first = _paint(f"{check.status:<{STATUS_WIDTH}}", check.status, colour)
        lines.append(f"{first}{check.id:<{CHECK_WIDTH}}{body[0] if body else ''}")
        lines += [" " * indent + line for line in body[1:]]
    counts = {status: sum(1 for c in report.checks if c.status == status) for status in COLOURS}
    lines += ["", ", ".join(f"{n} {status}" for status, n in counts.items() if n) + "."]
    return "\n".join(lines) + "\n"
