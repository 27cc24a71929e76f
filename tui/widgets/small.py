"""The banner that says the window is smaller than the screens are laid out for."""

from __future__ import annotations

from textual.widgets import Static


class SmallWindowBanner(Static):
    """A line docked at the top of the current screen while the terminal is too small.

    The app mounts it on the screen in front and removes it when the window is large enough
    again (``OSLearnApp.check_size``); the screen under it keeps working.

    Args:
        size: the terminal's ``(width, height)`` now.
        minimum: the size the screens are laid out for, ``(width, height)``.
    """

    DEFAULT_CSS = """
    SmallWindowBanner {
        dock: top;
        height: auto;
        padding: 0 1;
        background: $warning;
        color: $text;
        text-style: bold;
    }
    """

    def __init__(self, size: tuple[int, int], minimum: tuple[int, int]):
        super().__init__(self.message(size, minimum))
        self.minimum = minimum

    @staticmethod
    def message(size: tuple[int, int], minimum: tuple[int, int]) -> str:
        """``"The window is small (40×12); oslearn needs 60×16."``"""
        return f"The window is small ({size[0]}×{size[1]}); oslearn needs {minimum[0]}×{minimum[1]}."

    def show_size(self, size: tuple[int, int]) -> None:
        """Say the new size."""
        self.update(self.message(size, self.minimum))
