"""The answer widget of command questions: a shell-like input line."""

from __future__ import annotations

from oslearn.tui.widgets.answers.typed import TypedAnswer


class CommandAnswer(TypedAnswer):
    """Type the command you would run at a shell prompt, then Enter. ``sudo``, ``-y`` and
    the order of packages do not matter (see ``oslearn.lessons.questions.command``)."""

    INSTRUCTIONS = "Type the command you would run and press Enter (with or without sudo)."
    PLACEHOLDER = "$ type the command"
    INPUT_ID = "command"
