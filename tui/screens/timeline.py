"""The Ubuntu LTS timeline screen: every LTS release up to the newest, with its support
worded against today's date from distro-support, and the dates of the page's versions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from oslearn.lessons.facts import LTS_RULE_SOURCE, STANDARD_SUPPORT_YEARS, data_version
from oslearn.tui.screens.picture import PictureScreen
from oslearn.tui.widgets.footer import FittingFooter
from oslearn.tui.widgets.text import code_text
from oslearn.tui.widgets.timeline import LtsTimeline


class TimelineScreen(PictureScreen):
    """The LTS timeline with its data source and the page's rule."""

    HELP = ("Each bar is one Ubuntu LTS release, from its release to the end of its standard support "
            "(█) and of Ubuntu Pro (░), from the distro-support data. ▼ marks today; ◆ the page's versions.")
    SCROLL_ID = "timeline-scroll"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="timeline-scroll"):
            yield Static(Content.styled("Ubuntu LTS releases and their support", "bold"), classes="heading")
            yield LtsTimeline(id="timeline")
            yield Static(code_text(f"The page's rule: {STANDARD_SUPPORT_YEARS} years of updates, a new LTS every two "
                                 f"years ({LTS_RULE_SOURCE.label()}). Support dates: distro-support "
                                 f"{data_version()}."), classes="hint")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Ubuntu LTS timeline"
