"""Split a lesson body into sections at its ``##`` headings, with markdown-it-py.

markdown-it-py is used rather than a line scan so that ``##`` inside a fenced code block or
an indented block is not taken for a heading (CommonMark rules).
"""

from __future__ import annotations

import functools
import re

from oslearn.lessons.model import Section
from oslearn.lessons.text import slugify as _slugify

def slugify(text: str) -> str:
    """Return the section id for heading ``text`` (``oslearn.lessons.text.slugify``:
    ``"Red Hat & CentOS"`` -> ``"red-hat-centos"``, ``"Système"`` -> ``"systeme"``).

    Returns:
        the slug; ``"section"`` when nothing alphanumeric is left.
    """
    return _slugify(text, fallback="section")


@functools.lru_cache(maxsize=1)
def _block_parser():
    """A CommonMark parser that stops at block structure: headings and their lines are all
    the split needs, and skipping inline parsing (emphasis, links) halves the cost."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable("inline")


def split_sections(body: str, first_line: int = 1) -> tuple[Section, ...]:
    """Split Markdown ``body`` into ``Section`` objects at level-2 headings.

    Args:
        body: the Markdown text of a lesson, front matter removed.
        first_line: the 1-based line number of ``body``'s first line in its file, so that
            ``Section.line`` points into the file.
    Returns:
        the sections in order. Text before the first ``##`` heading (if not blank) becomes a
        section titled "Introduction". Duplicate heading slugs get ``-2``, ``-3`` suffixes.
        A body with no ``##`` heading gives one section.
    """
    lines = body.splitlines(keepends=True)
    tokens = _block_parser().parse(body)
    starts: list[tuple[int, str]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2" and token.map:
            title = tokens[index + 1].content.strip()
            starts.append((token.map[0], title))

    sections: list[Section] = []
    seen: dict[str, int] = {}

    def add(title: str, start: int, end: int) -> None:
        text = "".join(lines[start:end]).strip("\n")
        if not text.strip():
            return
        slug = slugify(title)
        seen[slug] = seen.get(slug, 0) + 1
        if seen[slug] > 1:
            slug = f"{slug}-{seen[slug]}"
        sections.append(Section(id=slug, title=title, markdown=text + "\n", line=first_line + start))

    first = starts[0][0] if starts else len(lines)
    add("Introduction", 0, first)
    for number, (start, title) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        add(title, start, end)
    return tuple(sections)
