"""Lists that also move with the vim keys ``j`` and ``k``; the checklist's ticks drawn as
``[x]`` and ``[ ]``."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import Checkbox, OptionList, SelectionList

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

    A step too long for the width wraps onto more lines (Textual's ``SelectionList`` cuts
    it with an ellipsis): the mark is drawn on its first line, and the lines under it are
    indented as far as the text, so the mark stands alone in its column. The mark fills the
    left gutter that ``SelectionList`` keeps for its button: the width the prompt's line
    leaves free. (A ``Selection`` keeps its prompt's first line only: a step's text is one
    line, which may wrap.)
    """

    DEFAULT_CSS = """
    VimSelectionList {
        text-wrap: wrap;
        text-overflow: fold;
    }
    """

    BINDINGS = VIM_BINDINGS

    #: The width of the gutter ``SelectionList`` keeps left of each prompt for its button
    #: (the button's three characters, as ``Checkbox`` draws them, and a space): the mark's.
    GUTTER = len(Checkbox.BUTTON_LEFT + Checkbox.BUTTON_INNER + Checkbox.BUTTON_RIGHT) + 1

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The height of the steps as drawn: each wrapped at the width the gutter leaves
        (``OptionList`` measures them at the full width, so a step that wraps only because
        of the gutter would be cut off at the bottom of the list)."""
        return super().get_content_height(container, viewport, max(1, width - self.GUTTER))

    @staticmethod
    def _step_of_strip(line: Strip) -> int | None:
        """The index of the option a line drawn by ``OptionList`` belongs to: every line of
        an option carries it in its style's meta (which is how a click finds the option)."""
        for segment in line:
            if segment.style is not None:
                index = segment.style.meta.get("option")
                if index is not None:
                    return index
        return None

    def render_line(self, y: int) -> Strip:
        """Draw line ``y`` (from the top of the visible area): the option's prompt as
        ``OptionList`` draws it, after the option's mark on its first line (bold when
        ticked) or blank on the lines it wraps onto. The mark carries the option's index, so
        a click on it toggles the option as a click on the prompt does."""
        line = OptionList.render_line(self, y)  # the prompt, without SelectionList's button
        gutter = self.scrollable_content_region.width - line.cell_length
        index = self._step_of_strip(line)
        if gutter <= 0 or index is None or not 0 <= index < self.option_count:
            return line
        underlying = (next(iter(line)).style if line.cell_length else None) or self.rich_style
        first = self.scroll_offset.y + y == 0 or self._step_of_strip(OptionList.render_line(self, y - 1)) != index
        if not first:
            return Strip([Segment(" " * gutter, underlying + Style(meta={"option": index})), *line])
        option = self.get_option_at_index(index)
        selected = option.value in self.selected
        mark = f"{TICKED if selected else UNTICKED} ".ljust(gutter)[:gutter]
        style = underlying + Style(bold=selected) + Style(meta={"option": index})
        return Strip([Segment(mark[:len(TICKED)], style), Segment(mark[len(TICKED):], underlying), *line])
