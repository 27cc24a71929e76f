"""The Ubuntu LTS timeline: each release the page names, with its five-year standard support
window drawn to scale against the years, and the dates of the page's versions marked.

Drawn with block characters (``█`` support window, ``◆`` a page version), so it reads the
same without colour.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from oslearn.lessons.facts import PAGE_LATEST_LTS, STANDARD_SUPPORT_YEARS, UBUNTU_LTS, month_index

FIRST_YEAR = 2012
LAST_YEAR = 2025  # exclusive: the axis ends on 1 January of this year
WINDOW = "█"
PAGE = "◆"
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def month_name(date: str) -> str:
    """``"2016-04"`` -> ``"April 2016"`` style short form ``"Apr 2016"``."""
    year, month = date.split("-")[:2]
    return f"{_MONTHS[int(month) - 1]} {year}"


def render_timeline(width: int) -> Text:
    """Return the timeline drawn for a ``width``-cell wide area.

    Args:
        width: cells available (at least 30 is readable; less still draws, cut short).
    Returns:
        Rich ``Text``: one axis line, one line a release, one line of page versions, then a
        legend.
    """
    width = max(width, 20)
    label_width = 22 if width >= 64 else 6
    chart = max(width - label_width - 1, 10)
    start = month_index(f"{FIRST_YEAR}-01")
    span = month_index(f"{LAST_YEAR}-01") - start

    def column(date: str) -> int:
        return min(chart - 1, max(0, (month_index(date) - start) * chart // span))

    lines: list[Text] = []
    axis = [" "] * chart
    years = LAST_YEAR - FIRST_YEAR
    label_len = 4 if chart >= 40 else 3
    step = next((s for s in (1, 2, 4) if s * chart // years >= label_len + 1), 6)
    for year in range(FIRST_YEAR, LAST_YEAR, step):
        col = column(f"{year}-01")
        label = str(year) if label_len == 4 else f"'{year % 100:02d}"
        if col + len(label) <= chart:
            axis[col:col + len(label)] = label
    lines.append(Text(" " * (label_width + 1) + "".join(axis), style="bold"))
    ticks = [" "] * chart
    for year in range(FIRST_YEAR, LAST_YEAR, step):
        ticks[column(f"{year}-01")] = "┊"
    lines.append(Text(" " * (label_width + 1) + "".join(ticks), style="dim"))

    for release in UBUNTU_LTS:
        name = f"{release.version} {release.codename}{'' if release.codename_named else '*'}"
        label = name if label_width >= 20 else release.version
        row = Text(label[:label_width].ljust(label_width) + " ")
        first, last = column(release.released), column(release.planned_end)
        span_label = f"{release.released[:4]}–{release.planned_end[:4]}"
        bar = WINDOW * max(1, last - first)
        if last + len(span_label) + 1 <= chart:
            row.append(" " * first)
            row.append(bar, style="green")
            row.append(" " + span_label, style="dim")
        elif first >= len(span_label) + 1:
            row.append(" " * (first - len(span_label) - 1))
            row.append(span_label + " ", style="dim")
            row.append(bar, style="green")
        else:
            row.append(" " * first)
            row.append(bar, style="green")
        lines.append(row)

    pages = [" "] * chart
    for date, _, _ in PAGE_LATEST_LTS:
        pages[column(date)] = PAGE
    page_label = "the page" if label_width >= 8 else "page"
    lines.append(Text(page_label.ljust(label_width) + " " + "".join(pages), style="bold"))
    lines.append(Text(""))
    lines.append(Text(f"{WINDOW} {STANDARD_SUPPORT_YEARS} years of standard support from release; "
                      "a new LTS every two years (the page, every version)."))
    for date, version, _ in PAGE_LATEST_LTS:
        release = next(r for r in UBUNTU_LTS if r.version == version)
        lines.append(Text(f"{PAGE} {month_name(date)}: the page calls {version} {release.codename} "
                          "the latest LTS."))
    if any(not r.codename_named for r in UBUNTU_LTS):
        lines.append(Text("* codename not given by the page (see the notes below)."))
    return Text("\n").join(lines)


class LtsTimeline(Static):
    """The LTS timeline, redrawn to fit whenever the widget is resized."""

    DEFAULT_CSS = """
    LtsTimeline { height: auto; }
    """

    def on_resize(self) -> None:
        self.update(render_timeline(self.content_size.width))

    def on_mount(self) -> None:
        self.update(render_timeline(max(self.content_size.width, 60)))
