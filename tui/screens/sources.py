"""The source viewer: what each seed version of the page said on a lesson's subject, with the
version's date, so the learner can compare 2014, 2016 and 2018."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from oslearn.lessons import Lesson
from oslearn.lessons.model import SEED_VERSIONS
from oslearn.lessons.sources import Passage, lesson_passages, read_seed
from oslearn.tui.widgets.footer import FittingFooter
from oslearn.tui.widgets.lesson_text import LessonTable
from oslearn.tui.widgets.lists import VimOptionList
from oslearn.tui.widgets.timeline import month_name

FORMS = {"markdown": "Markdown source", "scraped": "scraped page", "lines": "scraped text", "": "missing"}
SHORT_FORMS = {"markdown": "Markdown", "scraped": "scraped", "lines": "text", "": "missing"}


#: Characters of a section title shown in the list of versions (16 fit beside its
#: scrollbar at its width of 22 columns).
SECTION_CHARS = 16


def version_prompt(passage: Passage, with_section: bool = False) -> Text:
    """``Feb 2014`` in bold, then the copy's form (the file name stays out of sight); with ``with_section`` (the
    lesson quotes several sections of that file) a third line names the section, cut to
    ``SECTION_CHARS`` characters."""
    text = Text()
    text.append(month_name(passage.date) if passage.date else "undated", style="bold")
    text.append(f"\n{SHORT_FORMS.get(passage.form, passage.form)}", style="dim")
    if with_section:
        section = passage.section or "(under no heading)"
        if len(section) > SECTION_CHARS:
            section = section[:SECTION_CHARS - 1].rstrip() + "…"
        text.append(f"\n{section}", style="dim italic")
    return text


class PassageMarkdown(Markdown):
    """Textual's ``Markdown`` with tables drawn by the lesson text's ``LessonTable``: a grid
    where the table fits, records where it does not, no cell ever cut. Lists stay Textual's
    own, so the links of a seed page's resource lists can be followed."""

    BLOCKS = {**Markdown.BLOCKS, "table_open": LessonTable}


class SourcesScreen(Screen):
    """Show the passage each seed version gave for ``lesson``.

    Args:
        lesson: the lesson whose front matter ``sources`` to show.
    """

    HELP = ("Each version of the Full Stack Python page this lesson was derived from, oldest first. "
            "The passage is the section the lesson names; w shows that version's whole page.")
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("w", "toggle_whole", "Whole page"),
        Binding("n,right", "step(1)", "Next", tooltip="Next version"),
        Binding("p,left", "step(-1)", "Prev", tooltip="Previous version"),
    ]

    def __init__(self, lesson: Lesson):
        super().__init__()
        self.lesson = lesson
        self.passages = lesson_passages(lesson)
        self.index = 0
        self.whole = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="sources"):
            files = [passage.file for passage in self.passages]
            options: list[Option | None] = []
            for n, passage in enumerate(self.passages):
                if n:
                    options.append(None)  # a rule between versions: each is two or three lines
                options.append(Option(version_prompt(passage, files.count(passage.file) > 1), id=str(n)))
            yield VimOptionList(*options, id="versions")
            with VerticalScroll(id="passage-scroll"):
                yield Static(id="passage-head")
                yield PassageMarkdown(id="passage-md", open_links=False)
                yield Static(id="passage-text")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"Sources · {self.lesson.title}"
        versions = self.query_one("#versions", OptionList)
        if not self.passages:
            self.query_one("#passage-head", Static).update(
                "This lesson names no seed version of the page: it rests on since-then notes only.")
            self.query_one("#passage-md").display = False
            self.query_one("#passage-text").display = False
            return
        versions.highlighted = 0
        versions.focus()
        self.show(0)

    def show(self, index: int) -> None:
        """Show version ``index`` (its passage, or its whole page when ``whole`` is set)."""
        self.index = max(0, min(index, len(self.passages) - 1))
        passage = self.passages[self.index]
        head = Text()
        head.append(f"{month_name(passage.date) if passage.date else 'Undated'}", style="bold")
        head.append(f"  {SEED_VERSIONS.get(passage.file, passage.file)} ({FORMS.get(passage.form, passage.form)})")
        head.append(f"\nVersion {self.index + 1} of {len(self.passages)} · ")
        if self.whole:
            head.append("the whole page")
        elif passage.section:
            head.append(f"section “{passage.section}”")
            if passage.line:
                head.append(f", from line {passage.line}")
        elif passage.line:
            head.append(f"the text from line {passage.line}, under no heading")
        else:
            head.append("the text under no heading")
        if passage.note and not self.whole:
            head.append(f"\n{passage.note}", style="italic")
        self.query_one("#passage-head", Static).update(head)
        text = passage.text
        if self.whole:
            doc = read_seed(passage.file)
            text = doc.text.strip("\n") if doc else ""
        markdown = self.query_one("#passage-md", Markdown)
        plain = self.query_one("#passage-text", Static)
        is_markdown = passage.form == "markdown" and not self.whole
        markdown.display = is_markdown
        plain.display = not is_markdown
        if is_markdown:
            markdown.update(text)
        else:
            plain.update(Text(text))
        self.query_one("#passage-scroll", VerticalScroll).scroll_home(animate=False)

    def shown_text(self) -> str:
        """The text on display now (for tests): the passage, or the whole page."""
        passage = self.passages[self.index]
        if self.whole:
            doc = read_seed(passage.file)
            return doc.text if doc else ""
        return passage.text

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.index:
            self.show(event.option_index)

    def action_step(self, delta: int) -> None:
        if self.passages:
            self.query_one("#versions", OptionList).highlighted = max(
                0, min(self.index + delta, len(self.passages) - 1))

    def action_toggle_whole(self) -> None:
        if self.passages:
            self.whole = not self.whole
            self.show(self.index)

    def action_back(self) -> None:
        self.app.pop_screen()
