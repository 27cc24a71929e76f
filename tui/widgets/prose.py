"""Question text (prompts, explanations) as Textual ``Content``, shared by the quiz and
results screens."""

from __future__ import annotations

import re

from textual.content import Content

_CODE = re.compile(r"`([^`\n]+)`")


def prose(text: str, style: str = "") -> Content:
    """Return question text (a prompt or an explanation, where Markdown's inline code is
    allowed) as ``Content``: `` `code` `` spans lose their backticks and are drawn bold;
    nothing else is read as markup.

    Args:
        text: the text as written in the bank.
        style: a style for the whole text (``"bold"`` for a prompt), or ``""``.
    """
    parts: list = []
    position = 0
    for match in _CODE.finditer(text):
        parts.append((text[position:match.start()], style))
        parts.append((match.group(1), f"{style} bold".strip()))
        position = match.end()
    parts.append((text[position:], style))
    return Content.assemble(*[(part, part_style) if part_style else part for part, part_style in parts if part])
