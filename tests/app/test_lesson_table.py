"""Tables in lesson text: drawn whole where they fit, as records where they do not, text as written."""

from __future__ import annotations

from rich.console import Console
from textual.app import App, ComposeResult

from oslearn.tui.widgets.lesson_text import LessonMarkdown, LessonTable

TABLE = """Before the table.

| version | heading | links |
| --- | --- | --- |
| Feb 2014 `000` | “Operating System Resources” | 16 |
| May 2018 `001` | Learning how [b]operating[/b] systems work | 36 |
| 2014 `002` | | 9 |

After the table.
"""


class TableApp(App):
    def compose(self) -> ComposeResult:
        yield LessonMarkdown(TABLE)


def _text(table: LessonTable, width: int) -> str:
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))
    console.print(table.render())
    return console.export_text()


async def test_a_table_is_one_block_holding_every_cell_as_written():
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tables = list(app.query(LessonTable))
        assert len(tables) == 1
        text = _text(tables[0], 80)
        for cell in ("version", "heading", "links", "Feb 2014 000", "“Operating System Resources”",
                     "Learning how [b]operating[/b] systems work", "2014 002", "36"):
            assert cell in text
        lines = [line for line in text.splitlines() if line.strip()]
        assert lines[0].split() == ["version", "heading", "links"]
        paragraphs = [str(block.render()) for block in app.query("MarkdownParagraph")]
        assert paragraphs == ["Before the table.", "After the table."]


async def test_a_table_too_wide_for_the_window_is_shown_as_records_with_nothing_cut():
    app = TableApp()
    async with app.run_test(size=(30, 40)) as pilot:
        await pilot.pause()
        text = _text(app.query_one(LessonTable), 30)
        lines = [line.rstrip() for line in text.splitlines()]
        assert max(len(line) for line in lines) <= 30
        assert lines[:4] == ["Feb 2014 000", "  heading: “Operating System", "  Resources”", "  links: 16"]
        assert "  links: 36" in lines and "2014 002" in lines
        words = text.split()
        for word in ("Learning", "how", "[b]operating[/b]", "systems", "work"):
            assert word in words


LISTS = """- **Added** (2014 → 2016): `apt` and *unattended-upgrades*, [b]as written[/b]
- Second item

Nested:

- one
  - inner
- two
"""


class ListApp(App):
    def compose(self) -> ComposeResult:
        yield LessonMarkdown(LISTS)


async def test_a_plain_bullet_list_is_one_block_and_a_nested_one_is_textuals():
    from oslearn.tui.widgets.lesson_text import LessonBulletList

    app = ListApp()
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        plain, nested, inner = app.query(LessonBulletList)
        assert not plain.children  # drawn whole
        console = Console(width=60, record=True, color_system=None, file=open("/dev/null", "w"))
        console.print(plain.render())
        lines = [line.rstrip() for line in console.export_text().splitlines()]
        assert lines == ["• Added (2014 → 2016): apt and unattended-upgrades, [b]as", "  written[/b]",
                         "• Second item"]
        assert nested.children and inner in nested.query(LessonBulletList)  # Textual's own rows
        shown = " ".join(str(block.render()) for block in nested.query("MarkdownParagraph"))
        assert "one" in shown and "two" in shown
