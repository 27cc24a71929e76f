"""Lists that also move with the vim keys ``j`` and ``k``; the checklist's ticks drawn as
``[x]`` and ``[ ]``."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList

VIM_BINDINGS = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
]

#: How a ticked and an unticked step are drawn: distinct characters, so the state reads the
#: same without colour (``NO_COLOR``, monochrome terminals, screen readers).
TICKED = "[x]"
UNTICKED = "[ ]"


class VimOptionList(OptionList):
    """An ``OptionList`` where ``j``/``k`` move like down/up."""

    BINDINGS = VIM_BINDINGS


class VimSelectionList(SelectionList):
    """A ``SelectionList`` where ``j``/``k`` move like down/up, and each option starts with
    ``[x]`` (selected) or ``[ ]`` instead of Textual's coloured toggle button, whose two
    states differ only in colour. A prompt that wraps is indented under its first line."""

    BINDINGS = VIM_BINDINGS

    def _get_left_gutter_width(self) -> int:
        return len(TICKED) + 1

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        index = round(self.scroll_offset.y) + y
        lines = self._lines
        if index >= len(lines):
            return line
        option_index, line_offset = lines[index]
        underlying = next(iter(line)).style if line.cell_length else self.rich_style
        underlying = underlying or self.rich_style
        if line_offset:
            return Strip([Segment(" " * self._get_left_gutter_width(), underlying), *line])
        option = self.get_option_at_index(option_index)
        selected = option.value in self._selected
        style = underlying + Style(bold=selected) + Style(meta={"option": option_index})
        mark = TICKED if selected else UNTICKED
        return Strip([Segment(mark, style), Segment(" ", underlying), *line])
