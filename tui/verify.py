"""Checking a server from the lesson's checklist: the host prompt and what the checklist shows.

The lesson screen's ``v`` checks the target last used (this machine at first) in a worker
thread (``oslearn.lessons.verify.verify`` runs ``sh`` or ``ssh``); ``V`` asks for another one
first (``TargetPrompt``). Results are stored with ``oslearn.progress.verifications`` and shown
beside each checklist step. Everything read from the server reaches the screen as
``Content`` with control characters removed, never as markup.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from oslearn.lessons.verify import (
    THIS_MACHINE, Report, Target, TargetError, checks_for_item, clean_text, parse_host, verify,
)
from oslearn.tui.widgets.text import code_text

#: How each status looks beside a step: its word, padded, and a style readable without colour.
STATUS_STYLES = {"pass": "bold $success", "warn": "bold $warning", "fail": "bold $error", "unknown": "dim"}


def run_check(target: Target) -> Report:
    """Check ``target`` (``oslearn.lessons.verify.verify``); blocking, so called in a worker
    thread. Raises ``TargetError`` as ``verify`` does."""
    return verify(target)


def target_from_text(text: str) -> Target:
    """The target a learner typed: empty or ``this machine`` for this machine; a path
    (``/...``, ``./...``, or ``--root DIR``) for a mounted tree; else ``[USER@]HOST[:PORT]``.

    Raises:
        TargetError: not a host, or a path that is not a folder.
    """
    text = text.strip()
    if not text or text.lower() == THIS_MACHINE:
        return Target()
    if text.startswith("--root "):
        text = text[len("--root "):].strip()
    if text.startswith(("/", "./", "~")):
        root = Path(text).expanduser()
        if not root.is_dir():
            raise TargetError(f"{root} is not a folder")
        return Target(root=root)
    parse_host(text)
    return Target(host=text)


def step_statuses(run: dict | None, lesson_id: str, item_id: str) -> list[tuple[str, str, str]]:
    """The stored results of the checks mapped to one checklist item.

    Returns:
        ``[(check_id, status, evidence), ...]`` (empty when no check maps to the item or
        nothing was checked yet); evidence free of control characters.
    """
    if run is None:
        return []
    out = []
    for check_id in checks_for_item(lesson_id, item_id):
        result = run["checks"].get(check_id)
        if result is not None:
            out.append((check_id, clean_text(result["status"]), clean_text(result.get("evidence", ""))))
    return out


def combined_status(results: list[tuple[str, str, str]]) -> str | None:
    """One status for a step from its checks: fail over unknown over warn over pass."""
    statuses = [status for _, status, _ in results]
    for status in ("fail", "unknown", "warn", "pass"):
        if status in statuses:
            return status
    return None


def step_prompt(text: str, status: str | None) -> Content:
    """A checklist row: the status (``pass``/``warn``/``fail``/``unknown``) then the step's
    text (inline code without its backticks, in bold)."""
    if status is None:
        return code_text(text)
    return Content.assemble((f"{status:<4} ", STATUS_STYLES.get(status, "")), code_text(text))


def when(at: str) -> str:
    """An ISO-8601 UTC time as ``2026-11-30 21:40 UTC`` (as stored if it does not parse)."""
    try:
        return datetime.fromisoformat(at).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return clean_text(at)


def step_detail(run: dict | None, results: list[tuple[str, str, str]]) -> Content:
    """The lines under the highlighted step: where and when it was checked, then each check's
    status and evidence."""
    if run is None or not results:
        return Content("")
    parts: list = ["\n", (f"Checked on {clean_text(run['target'])}, {when(run['at'])}:", "bold")]
    for check_id, status, evidence in results:
        parts += ["\n", (f"{status:<7} ", STATUS_STYLES.get(status, "")), (check_id, "bold")]
        for line in evidence.splitlines():
            parts += ["\n        ", line]
    return Content.assemble(*parts)


class TargetPrompt(ModalScreen[str | None]):
    """Ask which server to check; dismisses with the text typed (``None`` on Escape).

    Args:
        current: the target last used, filled in.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: str = ""):
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="target-box"):
            yield Static(Content.assemble(("Check which server?", "bold")), id="target-title")
            yield Input(self.current, placeholder="[USER@]HOST[:PORT], or empty for this machine", id="target-input")
            yield Static(Content("Over SSH with your ssh settings and keys (no password prompt); a folder path "
                                 "checks a mounted file tree. Enter checks, Escape cancels."), classes="hint")
            yield Static(id="target-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            target_from_text(event.value)
        except TargetError as error:
            self.query_one("#target-error", Static).update(Content(clean_text(str(error))))
            return
        self.dismiss(event.value.strip() or THIS_MACHINE)

    def action_cancel(self) -> None:
        self.dismiss(None)
