"""A footer that shows only keys that fit whole."""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Footer

#: Actions whose keys the footer keeps first when not every key fits: help lists the rest.
FIRST_KEPT = ("app.help", "help")
#: Actions whose keys it drops first.
FIRST_DROPPED = ("app.quit", "quit")


class FittingFooter(Footer):
    """Textual's ``Footer`` that never cuts a key short.

    When the window is too narrow for every key, it shows the keys that fit whole (help
    first, quit last, the others in the screen's order) and hides the rest, which the help
    screen (``?``) still lists. Otherwise it is ``Footer``, rebuilt whenever the screen's
    bindings are refreshed (keeping its key widgets while the keys stay the same saved a few
    milliseconds of CPU per lesson opened, which no budget needs: see
    ``tests/benchmarks/README.md``).
    """

    def on_mount(self) -> None:  # Footer.on_mount runs too (handlers run along the MRO)
        self.call_after_refresh(self.fit_keys)

    def on_resize(self) -> None:
        self.fit_keys()

    async def recompose(self) -> None:
        await super().recompose()
        self.fit_keys()

    @staticmethod
    def _key_width(key: Widget) -> int:
        margin = key.styles.margin
        return key.get_content_width(Size(0, 0), Size(0, 0)) + margin.left + margin.right

    def fit_keys(self) -> None:
        """Show the keys that fit whole in the footer's width and hide the others."""
        width = self.size.width
        if not width:
            return
        # Footer's key widgets, by their type's name (the class lives in a private module).
        keys = [key for key in self.query_children("FooterKey") if not key.has_class("-command-palette")]
        palette = [key for key in self.query_children("FooterKey") if key.has_class("-command-palette")]
        room = width - sum(self._key_width(key) + 1 for key in palette)
        rank = {id(key): (0 if key.action in FIRST_KEPT else 2 if key.action in FIRST_DROPPED else 1, order)
                for order, key in enumerate(keys)}
        shown = set()
        for key in sorted(keys, key=lambda key: rank[id(key)]):
            needed = self._key_width(key)
            if needed <= room:
                shown.add(id(key))
                room -= needed
            else:
                room = -1  # keep the order: nothing after a key that did not fit
        for key in keys:
            key.display = id(key) in shown
