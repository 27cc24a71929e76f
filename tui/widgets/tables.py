"""Markdown tables that stay readable in a narrow window.

Textual's ``MarkdownTable`` lays its cells out in a grid and, when the grid is wider than the
space it has, shortens cells with "…": at 80 columns a four-column table of package tools
loses most of its words. ``ReadableTable`` measures the width its grid needs and, below it,
shows the same rows as a list of records instead: the first cell as a bold title, then
``header: cell`` for each other column, indented and wrapped. No cell is ever cut.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.widgets import Markdown, Static
from textual.widgets._markdown import MarkdownTable, MarkdownTableContent


def table_width(headers: list[Content], rows: list[list[Content]]) -> int:
    """Return the cells a ``MarkdownTableContent`` grid needs to show every cell in full.

    Each column is as wide as its widest cell plus one cell of padding on each side; one
    keyline cell separates columns and one closes each end (Textual's
    ``MarkdownTableContent`` styles: ``padding: 0 1``, ``grid-gutter: 1``, ``keyline``).

    Args:
        headers: the header cells.
        rows: the body rows, each a list of cells (a short row counts as empty cells).
    Returns:
        the width in terminal cells.
    """
    columns = max([len(headers), *(len(row) for row in rows)], default=0)
    widths = [0] * columns
    for row in [headers, *rows]:
        for index, cell in enumerate(row):
            longest = max((line.cell_length for line in cell.split("\n")), default=0)
            widths[index] = max(widths[index], longest)
    return sum(width + 2 for width in widths) + columns + 1


def record_lines(headers: list[Content], row: list[Content]) -> tuple[Content, Content]:
    """Return one table row as a record: ``(title, fields)``.

    The title is the row's first cell (bold); the fields are ``header: cell`` lines for the
    other cells, the header bold, one line each (a cell with no header gets none).
    """
    title = (row[0] if row else Content("")).stylize_before("bold")
    lines = []
    for index, cell in enumerate(row[1:], start=1):
        header = headers[index] if index < len(headers) else Content("")
        if header.plain.strip():
            lines.append(Content.assemble(header.stylize_before("bold"), ": ", cell))
        else:
            lines.append(cell)
    return title, Content("\n").join(lines)


class TableRecords(Vertical):
    """A table shown as records, one per body row (see ``record_lines``)."""

    DEFAULT_CSS = """
    TableRecords {
        height: auto;
        & > .record-title { height: auto; }
        & > .record-fields { height: auto; padding: 0 0 0 2; margin-bottom: 1; }
    }
    """

    def __init__(self, headers: list[Content], rows: list[list[Content]]):
        super().__init__(classes="records")
        self.headers = headers
        self.rows = rows

    def compose(self) -> ComposeResult:
        for row in self.rows:
            title, fields = record_lines(self.headers, row)
            yield Static(title, classes="record-title")
            yield Static(fields, classes="record-fields")


class ReadableTable(MarkdownTable):
    """A Markdown table shown as a grid where it fits, and as records where it does not.

    Both forms are composed; the class ``-records`` (set on every resize, from
    ``table_width``) says which one is displayed.
    """

    DEFAULT_CSS = """
    ReadableTable {
        & > TableRecords { display: none; }
        &.-records > TableRecords { display: block; }
        &.-records > MarkdownTableContent { display: none; }
    }
    """

    #: The width the grid needs (``table_width``), set in ``compose``.
    needed = 0

    def compose(self) -> ComposeResult:
        yield from super().compose()
        self.needed = table_width(self._headers, self._rows)
        yield TableRecords(self._headers, self._rows)
        width = self.app.size.width - 4 if self.size.width == 0 else self.size.width
        self.set_class(width < self.needed, "-records")

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < self.needed, "-records")

    @property
    def shows_records(self) -> bool:
        """Whether the table is shown as records now."""
        return self.has_class("-records")


class ReadableMarkdown(Markdown):
    """``Markdown`` whose tables are ``ReadableTable``s."""

    BLOCKS = {**Markdown.BLOCKS, "table_open": ReadableTable}


__all__ = ["ReadableMarkdown", "ReadableTable", "TableRecords", "record_lines", "table_width", "MarkdownTableContent"]
