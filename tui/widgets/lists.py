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
    states differ only in colour.

    Every option is one line, as in Textual's ``SelectionList``: a ``Selection`` keeps its
    prompt's first line, and the prompt is not wrapped but cut with an ellipsis (the screen
    showing the list shows the highlighted option in full). So the option on a line is the
    line's number plus the scroll offset. The mark fills the left gutter that
    ``SelectionList`` keeps for its button: the width the prompt's line leaves free.
    """

    DEFAULT_CSS = """
    VimSelectionList {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS = VIM_BINDINGS

    def render_line(self, y: int) -> Strip:
        """Draw line ``y`` (from the top of the visible area): the option's prompt as
        ``OptionList`` draws it, after the option's mark, bold when ticked. The mark carries
        the option's index, so a click on it toggles the option as a click on the prompt does."""
        line = OptionList.render_line(self, y)  # the prompt, without SelectionList's button
        gutter = self.scrollable_content_region.width - line.cell_length
        index = round(self.scroll_offset.y) + y
        if gutter <= 0 or not 0 <= index < self.option_count:
            return line
        option = self.get_option_at_index(index)
        selected = option.value in self.selected
        underlying = (next(iter(line)).style if line.cell_length else None) or self.rich_style
        mark = f"{TICKED if selected else UNTICKED} ".ljust(gutter)[:gutter]
        style = underlying + Style(bold=selected) + Style(meta={"option": index})
        return Strip([Segment(mark[:len(TICKED)], style), Segment(mark[len(TICKED):], underlying), *line])
