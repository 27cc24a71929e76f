"""Split a lesson body into sections at its ``##`` headings, with markdown-it-py.

markdown-it-py decides what is a heading, so that ``##`` inside a fenced code block or an
indented block is not taken for one (CommonMark rules). A body in which every line that
could be a level-2 heading is a plain ``## Title`` line at the left margin, and that has
nothing that could hide one or make one otherwise (fences, HTML blocks, setext
underlines), is split by a line scan that finds the same headings without loading the
parser: the home screen's continue line needs one lesson's sections before the first
frame, and importing markdown-it-py there cost more than the rest of that line.
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


#: A line that could open a heading hidden in, or made of, a construct a line scan does not
#: follow: a code fence, an HTML block, a setext underline, or ``##`` after indentation or
#: inside a block quote or list item.
_NOT_PLAIN = re.compile(
    r"^ {0,3}(?:```|~~~|<|=+[ \t]*$|-+[ \t]*$)"
    r"|^(?:[ \t]*(?:>[ \t]?|[-+*][ \t]+|\d{1,9}[.)][ \t]+))+#|^(?: {4,}|[ \t]*\t)[ \t]*#",
    re.MULTILINE,
)
#: A plain ATX level-2 heading line; group 1 is what follows the ``##``.
_H2 = re.compile(r"^ {0,3}##(?=[ \t]|$)(.*)$", re.MULTILINE)


def _heading_title(rest: str) -> str:
    """The title of an ATX heading from the text after its ``#`` marks: an optional
    closing run of ``#`` (preceded by a space or tab) and surrounding blanks removed, as
    markdown-it-py does."""
    end = len(rest.rstrip(" \t"))
    cut = end
    while cut > 0 and rest[cut - 1] == "#":
        cut -= 1
    if cut > 0 and rest[cut - 1] in " \t":
        end = cut
    return rest[:end].strip()


def _heading_starts(body: str, lines: list[str]) -> list[tuple[int, str]]:
    """``(0-based line, title)`` of each level-2 heading of ``body``."""
    one_per_newline = len(lines) == body.count("\n") + (not body.endswith("\n") and bool(body))
    if one_per_newline and not _NOT_PLAIN.search(body):
        offsets = {}
        position = 0
        for number, line in enumerate(lines):
            offsets[position] = number
            position += len(line)
        return [(offsets[match.start()], _heading_title(match.group(1))) for match in _H2.finditer(body)
                if match.start() in offsets]
    tokens = _block_parser().parse(body)
    starts: list[tuple[int, str]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2" and token.map:
            starts.append((token.map[0], tokens[index + 1].content.strip()))
    return starts


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
    starts = _heading_starts(body, lines)

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
