"""The distribution families side by side: Debian to Ubuntu, and Fedora, Red Hat Enterprise
Linux and CentOS, each with its package format and package manager."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from oslearn.lessons.facts import FAMILIES, Family
from oslearn.tui.screens.picture import PictureScreen
from oslearn.tui.widgets.text import code_rich_text, code_text


def _tree(family: Family) -> Text:
    text = Text()
    depth: dict[str, int] = {}
    for number, distro in enumerate(family.distributions):
        level = depth[distro.based_on] + 1 if distro.based_on in depth else 0
        depth[distro.name] = level
        prefix = "   " * (level - 1) + "└─ " if level else ""
        star = "*" if distro.note and distro.note.kind == "beyond_sources" else ""
        text.append(("\n" if number else "") + prefix)
        text.append(f"{distro.name}{star}", style="bold")
    return text


def families_table(families: tuple[Family, ...] = FAMILIES) -> Table:
    """Return the families side by side as a Rich table: one column a family, one row each
    for the distributions (as a tree, root first), package format, package manager, the
    low-level tool that installs one package file, and what the page says of each
    distribution. ``*`` marks what the page
    does not say (the notes under the table give it)."""
    table = Table(box=box.ROUNDED, show_lines=True, expand=True, header_style="bold")
    table.add_column("", style="bold", width=15)
    for family in families:
        table.add_column(Text(f"{family.name} family"), ratio=1)
    table.add_row("Distributions", *[_tree(f) for f in families])
    table.add_row("Package format",
                  *[code_rich_text(f"{f.package_format}{'*' if f.format_source is None else ''}") for f in families])
    table.add_row("Package manager", *[code_rich_text(f.package_manager) for f in families])
    table.add_row("Low-level tool", *[code_rich_text(f"{f.low_level}*") for f in families])
    table.add_row("The page says",
                  *[code_rich_text("\n".join(f"{d.name}: {d.says}" for d in f.distributions)) for f in families])
    return table


class FamiliesScreen(PictureScreen):
    """The Debian and Red Hat families side by side, with their notes."""

    HELP = ("The two families of Linux distributions the page recommends, with the package format "
            "and package manager each uses. * marks facts the page does not state; notes below say more.")
    SCROLL_ID = "families-scroll"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="families-scroll"):
            yield Static(families_table(), id="families")
            yield Static("* not on the page: see the notes.", classes="hint")
            for family in FAMILIES:
                notes = [n for n in (family.format_note, *(d.note for d in family.distributions), *family.notes) if n]
                for note in notes:
                    yield Static(code_text(f"{family.name}: {note.label()}"), classes="note")
            sources = sorted({ref.label() for f in FAMILIES for ref in
                              (f.manager_source, *(d.source for d in f.distributions if d.source))})
            yield Static(code_text("Sources: " + "; ".join(sources) + "."), classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Distribution families"

