"""Turning text from content files, settings and facts into screen text: always Textual
``Content`` built from plain strings, never markup."""

from __future__ import annotations

import re

from rich.text import Text
from textual.content import Content

_CODE = re.compile(r"`([^`\n]+)`")


def code_text(text: str, code_style: str = "bold") -> Content:
    """Return ``text`` as ``Content`` with each inline code span (```yum```) shown without
    its backticks, in ``code_style``. Nothing in ``text`` is read as markup."""
    parts: list[Content | tuple[str, str]] = []
    last = 0
    for match in _CODE.finditer(text):
        parts.append(Content(text[last:match.start()]))
        parts.append((match.group(1), code_style))
        last = match.end()
    parts.append(Content(text[last:]))
    return Content.assemble(*parts)


def code_rich_text(text: str, code_style: str = "bold") -> Text:
    """``code_text`` for Rich renderables (tables): a Rich ``Text``, no markup read."""
    result = Text()
    last = 0
    for match in _CODE.finditer(text):
        result.append(text[last:match.start()])
        result.append(match.group(1), style=code_style)
        last = match.end()
    result.append(text[last:])
    return result
