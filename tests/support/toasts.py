"""What the learner sees in toasts, read from the screen (run the app with
``run_test(notifications=True)``, or there are none)."""

from __future__ import annotations


def toasts(app) -> list[str]:
    """The text of every toast on the current screen, title and message on separate lines,
    as shown (``Toast.render()``); in no particular order."""
    return [toast.render().plain for toast in app.screen.query("Toast")]
