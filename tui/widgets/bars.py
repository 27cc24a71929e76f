"""Completion bars drawn with block characters, so they read the same without colour
(``NO_COLOR``, monochrome terminals): the filled part is ``█``, the rest ``░``."""

from __future__ import annotations

from rich.text import Text

FILLED = "█"
EMPTY = "░"


def bar_cells(done: int, total: int, width: int) -> int:
    """Return how many of ``width`` cells are filled for ``done`` of ``total``.

    Rounds down, except that any progress shows at least one cell and only a full total
    fills every cell. ``total`` 0 gives 0.
    """
    if total <= 0 or width <= 0 or done <= 0:
        return 0
    if done >= total:
        return width
    return min(width - 1, max(1, done * width // total))


def completion_bar(done: int, total: int, width: int = 10, *, label: bool = True) -> Text:
    """Return a Rich ``Text`` like ``"████░░░░░░ 2/5"``.

    Args:
        done, total: items completed and items in all (``done`` is clamped to ``total``).
        width: cells of the bar itself.
        label: append `` done/total``.
    """
    done = max(0, min(done, total))
    cells = bar_cells(done, total, width)
    text = Text()
    text.append(FILLED * cells, style="green")
    text.append(EMPTY * (width - cells), style="dim")
    if label:
        text.append(f" {done}/{total}")
    return text
