"""Lists that also move with the vim keys ``j`` and ``k``."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList, SelectionList

VIM_BINDINGS = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
]


class VimOptionList(OptionList):
    """An ``OptionList`` where ``j``/``k`` move like down/up."""

    BINDINGS = VIM_BINDINGS


class VimSelectionList(SelectionList):
    """A ``SelectionList`` where ``j``/``k`` move like down/up."""

    BINDINGS = VIM_BINDINGS
