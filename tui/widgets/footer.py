"""A footer that rebuilds its keys only when they change."""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Footer

#: Actions whose keys the footer keeps first when not every key fits: help lists the rest.
FIRST_KEPT = ("app.help", "help")
#: Actions whose keys it drops first.
FIRST_DROPPED = ("app.quit", "quit")


class StableFooter(Footer):
    """Textual's ``Footer``, rebuilt only when the keys it shows change.

    ``Footer`` recomposes (removes and mounts one widget per key) every time the screen's
    bindings are refreshed, which Textual does on every change of focus and every time a
    screen comes back, even when the same keys result. On a screen that is shown again and
    again (the lesson screen) that is a dozen widgets mounted, styled and rendered per key
    press. This one compares what it would show with what it shows and keeps its widgets
    when they are the same; it looks and behaves like ``Footer``. It overrides ``Footer``'s
    public ``compose`` and ``bindings_changed`` (the handler of the screen's
    ``bindings_updated_signal``) and reads the screen's public ``active_bindings``;
    ``tests/benchmarks/README.md`` has the figures that keep it.

    It also never cuts a key short: when the window is too narrow for every key, it shows
    the keys that fit whole (help first, quit last, the others in the screen's order) and
    hides the rest, which the help screen (``?``) still lists.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._shown_keys: tuple | None = None
        #: Whether ``bindings_changed`` has been called: before that, ``Footer.compose``
        #: shows no keys (the screen's bindings are not known yet).
        self._told_bindings = False

    def _keys_to_show(self) -> tuple:
        """What ``Footer.compose`` turns into widgets: each shown binding with its enabled
        state and tooltip, the command palette key, and the options that change the layout."""
        app = self.app
        active = self.screen.active_bindings
        return (
            tuple((binding.key, binding.action, binding.description, binding.group, enabled, tooltip,
                   app.get_key_display(binding))
                  for _node, binding, enabled, tooltip in active.values() if binding.show),
            (self.show_command_palette and app.ENABLE_COMMAND_PALETTE
             and repr(active.get(app.COMMAND_PALETTE_BINDING, (None,))[1:])),
            self.compact,
            self.combine_groups,
        )

    def compose(self):
        if self._told_bindings:
            self._shown_keys = self._keys_to_show()
        yield from super().compose()

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

    def bindings_changed(self, screen) -> None:
        if (self._shown_keys is not None and self.is_attached and screen is self.screen
                and self._keys_to_show() == self._shown_keys):
            return  # the same keys: nothing to rebuild
        self._told_bindings = True
        super().bindings_changed(screen)
