"""The lesson text: one section at a time, sections kept ready so a key press only swaps them."""

from __future__ import annotations

from typing import Hashable, Iterable

from textual.await_complete import AwaitComplete
from textual.widget import AwaitMount
from textual.widgets import Markdown

from oslearn.tui.widgets.tables import ReadableMarkdown


class LessonText(Markdown):
    """A ``Markdown`` widget that shows one section of a lesson, from a set of "pages".

    Each page is a ``Markdown`` widget holding one section's text, mounted inside this one.
    One page is displayed; the others stay mounted with ``display: none``, so they cost
    neither layout nor rendering. ``prepare`` builds a page ahead of time (parsing the
    Markdown and mounting its block widgets, the slow part of ``Markdown.update``) and
    ``show`` then only changes which page is displayed. The screen prepares the sections a
    learner is likely to read next while they read, which keeps that work off the key press.

    ``source`` is the Markdown of the page shown, as for a plain ``Markdown`` widget. This
    widget has no padding of its own; each page has the ``Markdown`` padding, so the text is
    laid out exactly as in a single ``Markdown`` widget.

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
            page = ReadableMarkdown(markdown, open_links=False, classes="page")
            page.display = False
            held = self._pages[key] = (markdown, page, self.mount(page))
        # A page is mounted once its Markdown blocks are (Markdown.update runs on mount).
        if not held[1].is_mounted:
            await held[2]
        return held[1]

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
        self._table_of_contents = None

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
