"""The Ubuntu LTS timeline screen: the releases the page names, their five-year support
windows, and when each version of the page was written."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from oslearn.lessons.facts import LTS_NOTES, LTS_RULE_SOURCE
from oslearn.tui.screens.picture import PictureScreen
from oslearn.tui.widgets.text import code_text
from oslearn.tui.widgets.timeline import LtsTimeline


class TimelineScreen(PictureScreen):
    """The LTS timeline with its sources and dated notes."""

    HELP = ("Each bar is one Ubuntu LTS release the page names, from its release to the end of its "
            "five years of standard support. ◆ marks when each version of the page was written.")
    SCROLL_ID = "timeline-scroll"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="timeline-scroll"):
            yield Static("[b]Ubuntu LTS releases named by the page[/b]", classes="heading")
            yield LtsTimeline(id="timeline")
            yield Static(code_text(f"Source: {LTS_RULE_SOURCE.label()}."), classes="hint")
            for note in LTS_NOTES:
                yield Static(code_text(note.label()), classes="note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Ubuntu LTS timeline"

