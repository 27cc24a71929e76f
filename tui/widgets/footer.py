"""A footer that rebuilds its keys only when they change."""

from __future__ import annotations

from textual.widgets import Footer


class StableFooter(Footer):
    """Textual's ``Footer``, rebuilt only when the keys it shows change.

    ``Footer`` recomposes (removes and mounts one widget per key) every time the screen's
    bindings are refreshed, which Textual does on every change of focus and every time a
    screen comes back, even when the same keys result. On a screen that is shown again and
    again (the lesson screen) that is a dozen widgets mounted, styled and rendered per key
    press. This one compares what it would show with what it shows and keeps its widgets
    when they are the same; it looks and behaves exactly like ``Footer``. It overrides
    only ``Footer``'s public ``compose`` and ``bindings_changed`` (the handler of the
    screen's ``bindings_updated_signal``) and reads the screen's public
    ``active_bindings``; ``tests/benchmarks/README.md`` has the figures that keep it.
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

    def bindings_changed(self, screen) -> None:
        if (self._shown_keys is not None and self.is_attached and screen is self.screen
                and self._keys_to_show() == self._shown_keys):
            return  # the same keys: nothing to rebuild
        self._told_bindings = True
        super().bindings_changed(screen)
