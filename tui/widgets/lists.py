"""Lists that also move with the vim keys ``j`` and ``k``; option lists as tall as their
rows, whose scrolling container keeps the highlighted row in view; the checklist's ticks
drawn as ``[x]`` and ``[ ]``."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.visual import visualize
from textual.widgets import Checkbox, OptionList, SelectionList
from textual.widgets.option_list import Option

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


class TallOptionList(OptionList):
    """An ``OptionList`` as tall as its rows (``height: auto``) inside a scrolling container,
    which it scrolls to keep the highlighted row in view: Textual's ``OptionList`` scrolls
    only itself, which a list as tall as its rows never needs to.

    Used by the home screen's lists and the quiz's answer lists. The list holds options only
    (no separators), so a row's lines are its prompt's lines.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: Per option index: ``(option, prompt, width, lines)`` measured last (the prompt's
        #: height at that width), so a move of the cursor measures only rows that changed.
        self.row_heights: dict[int, tuple[object, object, int, int]] = {}

    def row_lines(self, index: int) -> tuple[int, int]:
        """Return ``(first line, line count)`` of the option at ``index`` among the list's
        content lines (0 is the first row's first line; border and scrolling not counted).

        Each prompt is measured as the list draws it: wrapped to the content width less the
        option padding (the ``option-list--option`` component styles), with the list's
        styles (``text-wrap`` and the like), through Textual's public ``visualize`` and
        ``Visual.get_height``. Raises ``IndexError`` for an index out of range.
        """
        options = self.options
        if not 0 <= index < len(options):
            raise IndexError(index)
        width = self.scrollable_content_region.width - self.get_component_styles("option-list--option").padding.width
        heights = [self._prompt_height(number, option, width) for number, option in enumerate(options[:index + 1])]
        return sum(heights[:-1]), heights[-1]

    def _prompt_height(self, index: int, option: Option, width: int) -> int:
        """Lines of ``option`` (at ``index``) at ``width`` cells, measured once per prompt and width."""
        prompt = option.prompt
        kept = self.row_heights.get(index)
        if kept is not None and kept[0] is option and kept[1] is prompt and kept[2] == width:
            return kept[3]
        height = visualize(self, prompt).get_height(self.styles, width)
        self.row_heights[index] = (option, prompt, width, height)
        return height

    def highlighted_lines(self) -> Region | None:
        """The highlighted row's lines on screen (a one-cell-wide ``Region``, screen
        coordinates), or ``None`` with no highlight or before the list is laid out."""
        if self.highlighted is None or not self.is_mounted or not self.scrollable_content_region.width:
            return None
        line, height = self.row_lines(self.highlighted)
        return Region(0, self.scrollable_content_region.y + line - round(self.scroll_y), 1, height)

    #: Whether the container follows the highlight while the list is not focused too (by
    #: default only keys in the list move the container: a question's list, highlighted
    #: as it opens, leaves the question scrolled to its top).
    FOLLOW_UNFOCUSED = False

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll this list, then its scrolling container (``scroll_container_to_highlight``)."""
        super().scroll_to_highlight(top)
        if self.has_focus or self.FOLLOW_UNFOCUSED:
            self.scroll_container_to_highlight()

    def scroll_container_to_highlight(self) -> None:
        """Scroll the nearest container that scrolls the least that shows the highlighted
        row whole."""
        row = self.highlighted_lines()
        view = next((node for node in self.ancestors if getattr(node, "allow_vertical_scroll", False)), None)
        if row is None or view is None:
            return
        window = view.scrollable_content_region
        if row.bottom > window.bottom:
            view.scroll_to(y=view.scroll_y + min(row.bottom - window.bottom, row.y - window.y),
                           animate=False, immediate=True)
        elif row.y < window.y:
            view.scroll_to(y=view.scroll_y - (window.y - row.y), animate=False, immediate=True)


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
