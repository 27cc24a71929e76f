"""The distribution families side by side: Debian to Ubuntu, and Fedora to Red Hat Enterprise
Linux and its rebuilds, each with its package format, package manager and headers package."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from oslearn.lessons.facts import FAMILIES, Family
from oslearn.tui.screens.picture import PictureScreen
from oslearn.tui.widgets.footer import FittingFooter
from oslearn.tui.widgets.text import code_rich_text, code_text


def _tree(family: Family) -> Text:
    text = Text()
    depth: dict[str, int] = {}
    for number, distro in enumerate(family.distributions):
        level = depth[distro.based_on] + 1 if distro.based_on in depth else 0
        depth[distro.name] = level
        prefix = "   " * (level - 1) + "└─ " if level else ""
        text.append(("\n" if number else "") + prefix)
        text.append(distro.name, style="bold")
    return text


def families_table(families: tuple[Family, ...] = FAMILIES) -> Table:
    """Return the families side by side as a Rich table: one column a family, one row each
    for the distributions (as a tree, root first), the package format, the package
    manager, the low-level tool that installs one package file, the package with Python's
    headers, and what each distribution is. All cells are plain ``Text`` (no markup)."""
    table = Table(box=box.ROUNDED, show_lines=True, expand=True, header_style="bold")
    table.add_column("", style="bold", width=15)
    for family in families:
        table.add_column(Text(f"{family.name} family"), ratio=1)
    table.add_row("Distributions", *[_tree(f) for f in families])
    table.add_row("Package format", *[code_rich_text(f.package_format) for f in families])
    table.add_row("Package manager", *[code_rich_text(f.package_manager) for f in families])
    table.add_row("Low-level tool", *[code_rich_text(f.low_level) for f in families])
    table.add_row("Python headers", *[code_rich_text(f.headers) for f in families])
    table.add_row("What each is", *[code_rich_text("\n".join(f"{d.name}: {d.says}" for d in f.distributions)) for f in families])
    return table


class FamiliesScreen(PictureScreen):
    """The Debian and Red Hat families side by side, with their dated notes."""

    HELP = ("The two families of Linux distributions, with the package format, package manager and "
            "Python headers package of each. The notes below are dated and give their sources.")
    SCROLL_ID = "families-scroll"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="families-scroll"):
            yield Static(families_table(), id="families")
            for family in FAMILIES:
                for note in family.notes:
                    source = f" Source: {note.source}" if note.source else ""
                    yield Static(code_text(f"{family.name}: {note.label()}{source}"), classes="note")
            sources = sorted({d.source.label() for f in FAMILIES for d in f.distributions if d.source})
            yield Static(code_text("What the page says: " + "; ".join(sources) + "."), classes="hint")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Distribution families"
