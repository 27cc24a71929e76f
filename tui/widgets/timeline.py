"""The Ubuntu LTS timeline: every LTS release from 12.04 to the newest, its standard support
and its Ubuntu Pro extension drawn to scale against the years, today marked, and the dates
of the page's versions.

The dates come from distro-support (``oslearn.lessons.facts``) and are worded against
today's date. Drawn with block characters (``█`` standard support, ``░`` Ubuntu Pro,
``▼`` today, ``◆`` a version of the page), so it reads the same without colour.
"""

from __future__ import annotations

import datetime

from rich.text import Text
from textual.widgets import Static

from oslearn.lessons import facts
from oslearn.lessons.facts import PAGE_LATEST_LTS, data_version, month_index, status_line, ubuntu_lts

FIRST_YEAR = 2012
STANDARD = "█"
EXTENDED = "░"
PAGE = "◆"
TODAY = "▼"
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def month_name(date: str) -> str:
    """``"2016-04"`` -> ``"Apr 2016"``."""
    year, month = date.split("-")[:2]
    return f"{_MONTHS[int(month) - 1]} {year}"


def render_timeline(width: int, today: datetime.date | None = None) -> Text:
    """Return the timeline drawn for a ``width``-cell wide area.

    Args:
        width: cells available (at least 30 is readable; less still draws, cut short).
        today: the date support is judged against (default: today).
    Returns:
        Rich ``Text``: the today marker, a year axis, one line a release, one line of page
        versions, a legend, then one line a release with its support worded against today
        and the data's version.
    """
    today = today or facts.current_date()
    releases = ubuntu_lts(today)
    width = max(width, 20)
    label_width = 22 if width >= 64 else 6
    chart = max(width - label_width - 1, 10)
    last_end = max((r.support.extended_end or r.support.standard_end or today for r in releases), default=today)
    last_year = last_end.year + 1  # exclusive: the axis ends on 1 January of this year
    start = month_index(f"{FIRST_YEAR}-01")
    span = month_index(f"{last_year}-01") - start

    def column(date: str) -> int:
        return min(chart - 1, max(0, (month_index(date) - start) * chart // span))

    lines: list[Text] = []
    marker = [" "] * chart
    marker[column(f"{today:%Y-%m}")] = TODAY
    lines.append(Text("today".rjust(label_width) + " " + "".join(marker), style="bold"))
    axis = [" "] * chart
    years = last_year - FIRST_YEAR
    label_len = 4 if chart >= 40 else 3
    step = next((s for s in (1, 2, 4, 5) if s * chart // years >= label_len + 1), 8)
    for year in range(FIRST_YEAR, last_year, step):
        col = column(f"{year}-01")
        label = str(year) if label_len == 4 else f"'{year % 100:02d}"
        if col + len(label) <= chart:
            axis[col:col + len(label)] = label
    lines.append(Text(" " * (label_width + 1) + "".join(axis), style="bold"))

    for release in releases:
        name = f"{release.version} {release.codename}"
        label = name if label_width >= 20 else release.version
        row = Text(label[:label_width].ljust(label_width) + " ")
        window = release.support
        first = column(release.released)
        standard_end = column(f"{window.standard_end:%Y-%m}") if window.standard_end else first + 1
        extended_end = column(f"{window.extended_end:%Y-%m}") if window.extended_end else standard_end
        row.append(" " * first)
        row.append(STANDARD * max(1, standard_end - first), style="green")
        row.append(EXTENDED * max(0, extended_end - standard_end), style="yellow")
        lines.append(row)

    pages = [" "] * chart
    for date, _, _ in PAGE_LATEST_LTS:
        pages[column(date)] = PAGE
    page_label = "the page" if label_width >= 8 else "page"
    lines.append(Text(page_label.ljust(label_width) + " " + "".join(pages), style="bold"))
    lines.append(Text(""))
    lines.append(Text(f"{STANDARD} standard support   {EXTENDED} Ubuntu Pro (ESM)   {TODAY} today, "
                      f"{today.day} {today:%B %Y}"))
    lines.append(Text(f"{PAGE} the page's 2014, 2016 and 2018 versions, each naming the latest LTS"))
    lines.append(Text(""))
    for release in releases:
        lines.append(Text(status_line("ubuntu", release.version, today)))
    pythons = [f"{r.version} {r.python}" for r in releases if r.python]
    unknown = [r.version for r in releases if not r.python]
    if pythons:
        lines.append(Text("Default Python: " + ", ".join(pythons)
                          + (f"; {', '.join(unknown)}: not recorded here yet (see its release notes)"
                             if unknown else "") + "."))
    lines.append(Text(""))
    lines.append(Text(f"Dates: distro-support {data_version()}, worded against {today.isoformat()}. "
                      "Ubuntu Pro's Legacy add-on can extend a release past its ESM date. Codenames and "
                      "default Pythons: the content's release notes (releases.yaml)."))
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
