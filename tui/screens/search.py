"""Full-text search (``/``): type words, see the sections that contain them, Enter opens the
lesson at that section."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from oslearn.lessons.search import SearchHit, SearchIndex
from oslearn.tui.widgets.lists import VimOptionList


def hit_prompt(hit: SearchHit) -> Text:
    """Return a two-line option prompt: ``Lesson › Section`` then the snippet with the query
    words underlined and bold (visible without colour)."""
    text = Text()
    text.append(hit.lesson_title, style="bold")
    text.append(" › ")
    text.append(hit.section_title, style="bold")
    text.append("\n  ")
    snippet = Text(hit.snippet, style="dim")
    for start, end in hit.spans:
        snippet.stylize("not dim bold underline", start, end)
    text.append_text(snippet)
    return text


class SearchScreen(ModalScreen[SearchHit | None]):
    """Search every lesson's text; dismisses with the chosen ``SearchHit`` (or ``None``).

    Args:
        index: the index to search.
        query: text to start with.
    """

    HELP = "Type words to find in the lessons. Every word must appear; the last one may be the start of a word."
    BINDINGS = [
        Binding("escape", "dismiss_none", "Back"),
        Binding("down", "to_results", "Results", show=False),
    ]

    def __init__(self, index: SearchIndex, query: str = ""):
        super().__init__()
        self.index = index
        self.search_text = query
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Static("[b]Search the lessons[/b]", id="search-title")
            yield Input(self.search_text, placeholder="words to find, e.g. package manager", id="search-input")
            yield VimOptionList(id="search-results")
            yield Static(id="search-status", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        self.run_search(self.search_text)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        """Search for ``query`` and list the hits."""
        self.search_text = query
        self.hits = self.index.search(query)
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options([Option(hit_prompt(hit), id=str(n)) for n, hit in enumerate(self.hits)])
        if self.hits:
            results.highlighted = 0
        status = self.query_one("#search-status", Static)
        if not query.strip():
            status.update("Enter opens the highlighted section; ↓ moves into the results; Escape goes back.")
        elif not self.hits:
            status.update(Content(f"No section contains every word of “{query.strip()}”."))
        else:
            plural = "s" if len(self.hits) != 1 else ""
            status.update(f"{len(self.hits)} section{plural}. Enter opens the highlighted one.")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        results = self.query_one("#search-results", OptionList)
        if self.hits:
            self.dismiss(self.hits[results.highlighted or 0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[int(event.option.id)])

    def action_to_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if self.hits:
            results.focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
