"""Shown over everything while the terminal is smaller than the app needs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class SmallWindowScreen(ModalScreen[None]):
    """Says the window is too small; goes away by itself when the window grows.

    Args:
        size: the current ``(width, height)``.
        minimum: the size oslearn is laid out for, ``(width, height)``.
    """

    BINDINGS = [Binding("escape", "dismiss", "Continue anyway")]

    def __init__(self, size: tuple[int, int], minimum: tuple[int, int]):
        super().__init__()
        self.size_now = size
        self.minimum = minimum

    def compose(self) -> ComposeResult:
        with Vertical(id="small-box"):
            yield Static(self.message(), id="small-message")

    def message(self) -> str:
        """The text shown: current size, size needed, what to do."""
        width, height = self.size_now
        min_width, min_height = self.minimum
        return (f"[b]The window is small[/b] ({width}×{height}). oslearn needs {min_width}×{min_height}: "
                "enlarge the window or make the font smaller. Your place is kept.\n"
                "Escape: continue anyway · q: quit")

    def update_size(self, size: tuple[int, int]) -> None:
        """Show the new size while the window is still too small."""
        self.size_now = size
        for widget in self.query("#small-message").results(Static):  # none until composed
            widget.update(self.message())
