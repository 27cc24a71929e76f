"""The lesson text: one section at a time, sections kept ready so a key press only swaps them."""

from __future__ import annotations

import re
from typing import Hashable, Iterable

from markdown_it import MarkdownIt
from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.await_complete import AwaitComplete
from textual.geometry import Size
from textual.widget import AwaitMount
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock, TableOfContentsType


def _component_styles(block: MarkdownBlock):
    """A function giving the Rich style of ``block``'s component classes (``"code_inline"``,
    ``"em"``, ``"strong"``, ``"s"``, combined), each looked up once."""
    styles: dict[tuple[str, ...], object] = {}

    def style_of(*names: str):
        if names not in styles:
            styles[names] = block.get_component_rich_style(*names, partial=True)
        return styles[names]

    return style_of


def _inline_text(token, style_of) -> Text:
    """A markdown-it ``inline`` token (or ``None``, empty) as Rich ``Text``, never parsed as
    markup; ``style_of(*component classes)`` gives the style of inline code and emphasis."""
    text = Text(end="")
    if token is None or not token.children:
        return text
    styles: list[str] = []
    component = {"em_open": "em", "strong_open": "strong", "s_open": "s"}
    for child in token.children:
        if child.type in component:
            styles.append(component[child.type])
        elif child.type in ("em_close", "strong_close", "s_close"):
            if styles:
                styles.pop()
        elif child.type == "code_inline":
            text.append(child.content, style_of("code_inline", *styles))
        elif child.type in ("text", "html_inline"):
            text.append(re.sub(r"\s+", " ", child.content), style_of(*styles) if styles else None)
        elif child.type in ("softbreak", "hardbreak"):
            text.append(" ")
    return text


#: The component classes (and pairs) inline text in a table or list is styled with.
_STYLE_NAMES = (("code_inline",), ("em",), ("strong",), ("s",))


def _longest_line(text: Text) -> int:
    """The width in cells of the longest line of ``text``."""
    return max((line.cell_len for line in text.split("\n")), default=0)


#: Textual's own bullet list block (``Markdown.BLOCKS``), which ``LessonBulletList`` extends.
_BulletList = Markdown.BLOCKS["bullet_list_open"]


class LessonBulletList(_BulletList):
    """A bullet list whose items are each one paragraph, drawn as one widget.

    Textual's bullet list mounts four widgets per item (a row, the bullet, a column, the
    paragraph); the page-changes lesson's timeline (nearly forty items) took about 70 ms of
    the key press showing it to lay them out. A list of plain items (one paragraph each:
    no nested list, code or quote; read from the block's Markdown source) is drawn here as
    a two-column Rich grid, bullet and text, the text wrapped with a hanging indent. Any
    other list is Textual's, unchanged. Links in such a list are not clickable.
    """

    DEFAULT_CSS = """
    LessonBulletList > .lesson-list--bullet {
        color: $text-primary;
    }
    """

    COMPONENT_CLASSES = MarkdownBlock.COMPONENT_CLASSES | {"lesson-list--bullet"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._items: list | None | bool = False  # False: not parsed yet

    def _plain_items(self) -> list | None:
        """The ``inline`` token of each item, or ``None`` when an item is more than one
        paragraph; parsed once."""
        if self._items is False:
            self._items = self._parse_items()
        return self._items

    def _parse_items(self) -> list | None:
        items: list[list] = []
        depth = 0
        for token in MarkdownIt("gfm-like").parse(self.source or ""):
            if token.type == "bullet_list_open":
                depth += 1
                if depth > 1:
                    return None
            elif token.type == "list_item_open":
                items.append([])
            elif token.type == "inline" and items:
                items[-1].append(token)
            elif token.type not in ("bullet_list_close", "list_item_close", "paragraph_open", "paragraph_close"):
                return None
        if not items or any(len(item) != 1 for item in items):
            return None
        return [item[0] for item in items]

    def compose(self):
        if self._plain_items() is None:
            yield from super().compose()
        # else: the items are drawn by ``render``, not mounted

    def render(self):
        items = self._plain_items()
        if items is None:
            return super().render()
        style_of = _component_styles(self)
        level = sum(1 for ancestor in self.ancestors if isinstance(ancestor, _BulletList))
        symbol = Markdown.BULLETS[level % len(Markdown.BULLETS)]
        grid = Table.grid(expand=True)
        grid.add_column(width=len(symbol), no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        bullet_style = self.get_component_rich_style("lesson-list--bullet", partial=True)
        for item in items:
            grid.add_row(Text(symbol, bullet_style), _inline_text(item, style_of))
        return grid


class TableOrRecords:
    """A Rich renderable: ``table`` where the width allows all of it at its natural width,
    else ``records`` (the same rows as records), so no cell is ever squeezed or cut."""

    def __init__(self, table: Table, records: Group, natural_width: int):
        self.table = table
        self.records = records
        self.natural_width = natural_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table if self.natural_width <= options.max_width else self.records

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


class LessonTable(MarkdownBlock):
    """A Markdown table drawn as one widget: a Rich ``Table`` where it fits, else records.

    Textual's own table block mounts one widget per cell in a grid with columns sized to
    their content, and laying that out grows with the number of cells: the page-changes
    lesson's comparison tables (well over a hundred cells) took about 100 ms of the key
    press that showed them. One widget holding the whole table lays out in a fraction of
    that. Where the window is too narrow for the table at its natural width, the same rows
    are shown as records: the first cell bold, then ``header: cell`` lines, indented; no
    cell is ever squeezed into "…". The cells are read from the
    block's own Markdown source (``MarkdownBlock.source``) with the same parser as
    ``Markdown``; inline code, emphasis, strong and struck-through text keep the lesson's
    styles (the ``MarkdownBlock`` component classes); links inside a table are not
    clickable. The source viewer draws the tables of seed pages with it too.
    """

    DEFAULT_CSS = """
    LessonTable {
        height: auto;
        margin-bottom: 1;
    }
    LessonTable > .lesson-table--header {
        color: $primary;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES = MarkdownBlock.COMPONENT_CLASSES | {"lesson-table--header"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._parsed: tuple[list, list[list]] | None = None
        self._drawn: tuple | None = None  # (the styles it was built with, TableOrRecords)

    def compose(self):
        return []  # the cells are drawn by ``render``, not mounted

    def _cells(self) -> tuple[list, list[list]]:
        """``(header cells, rows of cells)``, each cell a markdown-it ``inline`` token or
        ``None`` (empty); parsed once."""
        if self._parsed is None:
            self._parsed = self._parse()
        return self._parsed

    def _parse(self) -> tuple[list, list[list]]:
        headers: list = []
        rows: list[list] = []
        in_header = False
        cell_open = False
        for token in MarkdownIt("gfm-like").parse(self.source or ""):
            if token.type in ("thead_open", "thead_close"):
                in_header = token.type == "thead_open"
            elif token.type == "tr_open" and not in_header:
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                cell_open = True
            elif token.type == "inline" and cell_open:
                (headers if in_header else rows[-1]).append(token)
                cell_open = False
            elif token.type in ("th_close", "td_close") and cell_open:
                (headers if in_header else rows[-1]).append(None)  # an empty cell
                cell_open = False
        return headers, rows

    def render(self) -> TableOrRecords:
        headers, rows = self._cells()
        style_of = _component_styles(self)
        header_style = self.get_component_rich_style("lesson-table--header", partial=True)
        key = (header_style, *(style_of(*names) for names in _STYLE_NAMES))
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]  # built once per theme
        table = Table(box=box.SIMPLE_HEAD, show_lines=True, show_edge=False, pad_edge=False, expand=False,
                      header_style=header_style)
        titles = [_inline_text(header, style_of) for header in headers]
        for title in titles:
            table.add_column(title, overflow="fold")
        records = []
        widths = [_longest_line(title) for title in titles]
        for row in rows:
            cells = [_inline_text(cell, style_of) for cell in row[:len(headers)]]
            table.add_row(*cells)
            records.append(self._record(titles, cells))
            widths = [max(width, _longest_line(cell)) for width, cell in zip(widths, cells + [Text()] * len(widths))]
        # Each column: its widest line and one cell of padding each side, less the padding at
        # the two edges (pad_edge=False), plus one separator cell between columns.
        natural = sum(widths) + 3 * len(widths) - 3 if widths else 0
        drawn = TableOrRecords(table, Group(*records), natural)
        self._drawn = (key, drawn)
        return drawn

    @staticmethod
    def _record(titles: list[Text], cells: list[Text]):
        """One row as a record: its first cell bold, then ``header: cell`` per other cell."""
        first = cells[0].copy() if cells else Text()
        first.stylize("bold")
        first.end = "\n"
        fields = []
        for title, cell in zip(titles[1:], cells[1:]):
            if title.plain.strip():
                label = title.copy()
                label.stylize("bold")
                fields.append(Text.assemble(label, ": ", cell))
            else:
                fields.append(cell)
        body = Text("\n").join(fields)
        body.end = "\n"
        return Group(first, Padding(body, (0, 0, 1, 2)))


class LessonMarkdown(Markdown):
    """Textual's ``Markdown`` with tables and plain bullet lists drawn as one widget each
    (``LessonTable``, ``LessonBulletList``): the pages of ``LessonText``."""

    BLOCKS = {**Markdown.BLOCKS, "table_open": LessonTable, "bullet_list_open": LessonBulletList}


class LessonText(Markdown):
    """A ``Markdown`` widget that shows one section of a lesson, from a set of "pages".

    Each page is a ``Markdown`` widget holding one section's text, mounted inside this one.
    One page is displayed; the others stay mounted with ``display: none``, so they cost
    neither layout nor rendering. ``prepare`` builds a page ahead of time (parsing the
    Markdown and mounting its block widgets, the slow part of ``Markdown.update``) and
    ``show`` then only changes which page is displayed. The screen prepares the sections a
    learner is likely to read next while they read, which keeps that work off the key press.

    ``source`` and ``table_of_contents`` are those of the page shown, as for a plain
    ``Markdown`` widget: this widget holds no blocks of its own, only pages. It has no
    padding of its own either; each page has the ``Markdown`` padding, so the text is laid
    out exactly as in a single ``Markdown`` widget.

    Pages are keyed by any hashable ``key`` (the lesson screen uses ``(lesson id, section
    id)``); a page is rebuilt when its key comes back with different Markdown (content
    reloaded).
    """

    DEFAULT_CSS = """
    LessonText {
        padding: 0;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes, open_links=False)
        self._pages: dict[Hashable, tuple[str, Markdown, AwaitMount]] = {}
        self._shown: Markdown | None = None
        self._shown_key: Hashable | None = None

    @property
    def source(self) -> str:
        """The Markdown of the section shown ("" before the first ``show``)."""
        return self._shown.source if self._shown is not None else ""

    @property
    def table_of_contents(self) -> TableOfContentsType:
        """The table of contents of the section shown (``[]`` before the first ``show``):
        ``(level, title, header id)`` per heading, as ``Markdown.table_of_contents``."""
        return self._shown.table_of_contents if self._shown is not None else []

    @property
    def shown_key(self) -> Hashable | None:
        """The key of the page shown, or ``None``."""
        return self._shown_key

    def is_ready(self, key: Hashable, markdown: str) -> bool:
        """Whether the page for ``key`` holds ``markdown`` and is mounted (``show`` is then
        immediate)."""
        page = self._pages.get(key)
        return page is not None and page[0] == markdown and page[1].is_mounted

    async def prepare(self, key: Hashable, markdown: str) -> Markdown:
        """Build (if needed) the hidden page for ``key`` and wait until it is mounted.

        Args:
            key: the page's key.
            markdown: the section's Markdown.
        Returns:
            the page widget.
        """
        held = self._pages.get(key)
        if held is None or held[0] != markdown:
            if held is not None and held[1] is not self._shown:
                held[1].remove()
            page = LessonMarkdown(markdown, open_links=False, classes="page")
            page.display = False
            held = self._pages[key] = (markdown, page, self.mount(page))
        # A page is mounted once its Markdown blocks are (Markdown.update runs on mount).
        if not held[1].is_mounted:
            await held[2]
        self._measure(held[1])
        return held[1]

    def _measure(self, page: Markdown) -> None:
        """Work out the height of each of hidden ``page``'s blocks at the width the shown
        page has now, so that showing it lays it out from those figures (Textual keeps a
        widget's content height per width, ``Widget.get_content_height``). Drawing a long
        table or list to measure it is most of what showing its page would cost, and here it
        is done while the learner reads. A block whose width is guessed wrong is measured
        again when shown, as it would have been anyway."""
        shown = self._shown
        if shown is None or shown is page or not shown.content_size.width:
            return
        width = shown.content_size.width
        viewport = self.app.size
        for block in page.children:
            styles = block.styles
            inner = width - styles.margin.width - styles.gutter.width
            if inner > 0 and not block.is_container:
                block.get_content_height(Size(width, viewport.height), viewport, inner)

    def show_page(self, key: Hashable) -> None:
        """Display the prepared page ``key`` in place of the one shown (synchronous: the
        caller has awaited ``prepare``).

        Raises:
            KeyError: no page was prepared for ``key``.
        """
        page = self._pages[key][1]
        if page is self._shown:
            return
        if self._shown is not None:
            self._shown.display = False
        page.display = True
        self._shown, self._shown_key = page, key

    async def show(self, key: Hashable, markdown: str) -> None:
        """Prepare the page for ``key`` if need be, then display it."""
        await self.prepare(key, markdown)
        self.show_page(key)

    def forget(self, keep: Iterable[Hashable], *, shown: bool = False) -> None:
        """Remove every page whose key is not in ``keep``.

        Args:
            keep: keys of the pages to keep.
            shown: also remove the page shown if it is not kept (then nothing is shown until
                the next ``show``); by default it stays.
        """
        keep = set(keep)
        for key in list(self._pages):
            page = self._pages[key][1]
            if key in keep or (page is self._shown and not shown):
                continue
            del self._pages[key]
            page.remove()
            if page is self._shown:
                self._shown = self._shown_key = None

    def page_keys(self) -> list[Hashable]:
        """The keys of the pages held, shown or hidden."""
        return list(self._pages)

    def update(self, markdown: str) -> AwaitComplete:
        """Show ``markdown`` (the ``Markdown`` API; the lesson screen uses ``show``). An empty
        text hides the page shown. Returns an awaitable, as ``Markdown.update`` does."""

        async def replace() -> None:
            if markdown:
                await self.show(("update", markdown), markdown)
            elif self._shown is not None:
                self._shown.display = False
                self._shown = self._shown_key = None

        return AwaitComplete(replace())
