"""The yardstick for oslearn's start-up: a minimal Textual app showing one seed page.

It renders the Markdown of seed ``001_fae48d724783d07a.txt`` (the 2018 "Operating
Systems" page) in one ``Markdown`` widget, the way the lesson screen renders a section.
``bench_app.py`` runs it as ``python minimal_app.py`` with the benchmark's frame driver.
"""

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Markdown

SEED = Path(__file__).resolve().parents[2] / "lessons" / "sources" / "001_fae48d724783d07a.txt"


class MinimalApp(App):
    """One Markdown widget holding the seed page."""

    def compose(self) -> ComposeResult:
        yield Markdown(SEED.read_text(encoding="utf-8"))


if __name__ == "__main__":
    MinimalApp().run()
