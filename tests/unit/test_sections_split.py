"""Sections split at ``##`` headings exactly as CommonMark (markdown-it-py) reads them,
whether the quick line scan or the parser finds the headings."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from oslearn.lessons.sections import split_sections


def _parser_headings(body: str) -> list[tuple[int, str]]:
    """The level-2 headings markdown-it-py finds: ``(0-based line, title)``."""
    tokens = MarkdownIt("commonmark").parse(body)
    return [(token.map[0], tokens[index + 1].content.strip()) for index, token in enumerate(tokens)
            if token.type == "heading_open" and token.tag == "h2"]


def _split_headings(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """The sections' ``(0-based line, title)``, less the text before the first heading."""
    sections = split_sections(body, first_line)
    found = [(section.line - first_line, section.title) for section in sections]
    return found[1:] if found and not _is_heading(body, found[0][0]) else found


def _is_heading(body: str, line: int) -> bool:
    return line in {number for number, _ in _parser_headings(body)}


BODIES = {
    "plain": "Intro.\n\n## One\n\nText.\n\n## Two ##\n\nMore.\n",
    "closing run without space": "## C#\n\nText.\n\n## Sharp #\n",
    "empty heading": "## \n\nText.\n\n##\n\nText.\n",
    "tab after marks": "##\tTabbed\n\nText.\n",
    "three spaces": "   ## Indented a little\n\nText.\n",
    "not a heading": "##No space\n\n\\## escaped\n\nText.\n",
    "h3 and h1": "# Title\n\n### Deeper\n\n## Real\n",
    "fenced": "## Before\n\n```\n## not a heading\n```\n\n## After\n",
    "tilde fence": "~~~sh\n## no\n~~~\n## Yes\n",
    "indented code": "Para.\n\n    ## code\n\n## Heading\n",
    "block quote": "> ## Quoted heading\n\n## After\n",
    "list item": "- ## In a list\n- item\n\n## After\n",
    "ordered item": "1. ## In a list\n\n## After\n",
    "list continuation": "- item\n\n    ## in the item\n\n## After\n",
    "setext": "Setext heading\n---\n\n## Atx\n",
    "html block": "<div>\n## inside html\n</div>\n\n## After\n",
    "paragraph continuation": "Para\n    ## continuation\n\n## Real\n",
    "no trailing newline": "## One\n\nText\n\n## Two",
    "other line breaks": "## One\u2028## Two\r\n\r\n## Three\n",
    "duplicate titles": "## Same\n\n## Same\n",
}


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_headings_are_those_commonmark_finds(body):
    if "\u2028" in body or "\r" in body:  # lines numbered as the lesson file's are
        assert [title for _, title in _split_headings(body)] == [title for _, title in _parser_headings(body)]
    else:
        assert _split_headings(body) == _parser_headings(body)


def test_every_built_in_lesson_splits_as_commonmark_reads_it(curriculum):
    for lesson in curriculum.lessons:
        assert _split_headings(lesson.body, lesson.body_line) == _parser_headings(lesson.body), lesson.id
        assert tuple(lesson.sections) == split_sections(lesson.body, lesson.body_line)
