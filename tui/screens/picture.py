"""What the picture screens (LTS timeline, distribution families) share: one scrolling
column, `j`/`k` to scroll it, Escape to go back."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen


class PictureScreen(Screen):
    """A screen whose content is one ``VerticalScroll`` with the id ``SCROLL_ID``.

    Subclasses compose that container and set ``SCROLL_ID`` and ``sub_title``.
    """

    SCROLL_ID = ""
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("j", "scroll('down')", "Scroll down", show=False),
        Binding("k", "scroll('up')", "Scroll up", show=False),
    ]

    def on_mount(self) -> None:
        self.query_one(f"#{self.SCROLL_ID}").focus()

    def action_scroll(self, direction: str) -> None:
        """Scroll the content one line ``"down"`` or ``"up"``."""
        scroll = self.query_one(f"#{self.SCROLL_ID}", VerticalScroll)
        scroll.scroll_to(y=scroll.scroll_target_y + (1 if direction == "down" else -1), animate=False)

    def action_back(self) -> None:
        """Return to the screen this one was opened from."""
        self.app.pop_screen()
