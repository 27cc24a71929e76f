"""Reading a page of the open book Full Stack Python: the one reader behind ``oslearn import``
(``oslearn.lessons.importer``) and the source viewer (``oslearn.lessons.sources``).

A page comes in one of two forms, told apart by its text (``page_form``):

* **source**: the book's own source (seeds ``000``/``001``; ``content/pages/**/*.markdown``
  in the book's repository): a metadata header of ``key: value`` lines (Pelican metadata,
  ``split_header``), a blank line, then CommonMark. It is parsed with markdown-it-py
  (``markdown_tokens``), so a ``#`` inside a fenced or indented code block is never taken
  for a heading. ``markdown_blocks`` gives its headings (with level and line) and the
  paragraphs between them as they stand in the file.
* **rendered**: the text of a rendered page (seeds ``002`` to ``004``), which has no markup
  left. Paragraphs are separated by blank lines (layout ``scraped``), or, when the text has
  none, stand one a line (layout ``lines``), a line that starts in lower case continuing
  the one before when that one does not end a sentence (``rendered_paragraphs``). A short
  line that reads like a title is taken for a heading (``guess_headings``).

``read_page_blocks`` puts these together: the blocks of any page, headings and paragraphs
in order, each with its 1-based line in the file.

Nothing here imports Textual.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

#: Header keys the book's pages use (Pelican metadata); a first block of ``key: value``
#: lines is taken for a header only if it has one of them.
BOOK_HEADER_KEYS = {
    "title", "category", "slug", "sort-order", "sortorder", "toc", "sidebartitle", "meta",
    "date", "modified", "tags", "author", "authors", "summary", "status", "template", "lang",
}

#: Longest line a rendered paragraph may have and still count as a heading (characters).
MAX_HEADING_CHARS = 80

#: What a line of rendered text ends with when its sentence is over (a line ending
#: otherwise, followed by one starting in lower case, continues the same paragraph).
SENTENCE_END = tuple(".!?:;。")

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*)$")
_MARKDOWN_SIGNS = re.compile(r"^#{1,6}[ \t]|\[[^\]\n]+\]\([^)\n]*\)|^```|^~~~", re.MULTILINE)
_BULLET = re.compile(r"^\s*[•·▪◦‣*-]\s+")
_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+")


@dataclass(frozen=True)
class Block:
    """One heading or paragraph of a page.

    Attributes:
        kind: ``"heading"`` or ``"text"``.
        text: the heading text (without ``#``), or the paragraph as it stands in the file.
        level: heading level (1 for ``#``; headings guessed in rendered text count as 2);
            0 for text.
        line: 1-based line in the file where the block starts.
    """

    kind: str
    text: str
    level: int
    line: int


def split_header(text: str) -> tuple[dict[str, str], str, list[str]]:
    """Split a page in the book's source format into its metadata header and body.

    Args:
        text: the page, ``\\n`` line ends.
    Returns:
        ``(header, body, keys)``: ``header`` maps lowercased keys to stripped values (``{}``
        when the page has no header), ``body`` is the text after the header's blank line,
        ``keys`` the header keys in file order. A first block counts as a header when every
        line is ``key: value`` and one key is a known book key (``BOOK_HEADER_KEYS``).
    """
    lines = text.split("\n")
    header: dict[str, str] = {}
    keys: list[str] = []
    end = len(lines)
    for index, line in enumerate(lines):
        if not line.strip():
            end = index
            break
        match = _HEADER_LINE.match(line)
        if not match:
            return {}, text, []
        key = match.group(1).lower()
        header[key] = match.group(2).strip()
        keys.append(key)
    if not header or not set(header) & BOOK_HEADER_KEYS:
        return {}, text, []
    return header, "\n".join(lines[end + 1:]), keys


def page_form(text: str) -> str:
    """Return ``"source"`` for the book's source format (a header, or Markdown headings,
    links or fences) and ``"rendered"`` for the plain text of a rendered page."""
    header, _, _ = split_header(text)
    if header or _MARKDOWN_SIGNS.search(text):
        return "source"
    return "rendered"


def page_layout(text: str) -> str:
    """Return ``"markdown"`` (the source form), ``"scraped"`` (rendered text with blank
    lines between paragraphs) or ``"lines"`` (rendered text, one paragraph a line)."""
    if page_form(text) == "source":
        return "markdown"
    return "scraped" if any(not line.strip() for line in text.strip("\n").split("\n")) else "lines"


@functools.lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def markdown_tokens(body: str, env: dict | None = None) -> list:
    """Parse a page's Markdown body with markdown-it-py (CommonMark, plus tables and
    strikethrough as the book uses them); ``env`` receives the reference definitions."""
    return _parser().parse(body, {} if env is None else env)


def _header_length(text: str) -> int:
    """Number of lines before a source page's body (the header and its blank line)."""
    header, body, _ = split_header(text)
    if not header:
        return 0
    return text.count("\n") - body.count("\n")


def markdown_blocks(text: str) -> list[Block]:
    """Return the headings and paragraphs of a page in the source form.

    Headings come from markdown-it-py's tokens (so never from inside code); the text between
    two headings is split into paragraphs at blank lines and kept as it stands in the file.
    """
    skip = _header_length(text)
    lines = text.split("\n")
    body = "\n".join(lines[skip:])
    tokens = markdown_tokens(body)
    headings = [(index, token) for index, token in enumerate(tokens)
                if token.type == "heading_open" and token.map and token.level == 0]
    blocks: list[Block] = []
    start = skip
    for index, token in headings:
        first, last = token.map
        blocks.extend(_text_blocks(lines[start:skip + first], start + 1))
        title = tokens[index + 1].content.strip()
        blocks.append(Block("heading", title, int(token.tag[1]), skip + first + 1))
        start = skip + last
    blocks.extend(_text_blocks(lines[start:], start + 1))
    return blocks


def _text_blocks(lines: list[str], first_line: int) -> list[Block]:
    return [Block("text", "\n".join(para), 0, start) for start, para in paragraphs(lines, first_line)]


def paragraphs(lines: list[str], first_line: int = 1) -> list[tuple[int, list[str]]]:
    """Group ``lines`` into blank-line separated paragraphs: ``[(start line, lines), ...]``,
    each line without trailing whitespace."""
    out: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = first_line
    for offset, line in enumerate(lines):
        if line.strip():
            if not current:
                start = first_line + offset
            current.append(line.rstrip())
        elif current:
            out.append((start, current))
            current = []
    if current:
        out.append((start, current))
    return out


def rendered_paragraphs(text: str) -> tuple[list[tuple[int, str]], bool]:
    """Split the text of a rendered page into paragraphs.

    Returns:
        ``(paragraphs, separated)``: ``(line, text)`` pairs, and whether blank lines
        separated them. With blank lines a paragraph keeps its lines (joined by ``\\n``);
        without, each line is a paragraph, except that a line starting in lower case
        continues the one before when that one does not end a sentence (``SENTENCE_END``;
        the 2018 scrape broke one paragraph over four lines that way).
    """
    lines = text.split("\n")
    if any(not line.strip() for line in text.strip("\n").split("\n")):
        return [(start, "\n".join(para)) for start, para in paragraphs(lines)], True
    out: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if out and stripped[0].islower() and not out[-1][1].endswith(SENTENCE_END):
            out[-1] = (out[-1][0], f"{out[-1][1]} {stripped}")
        else:
            out.append((index + 1, stripped))
    return out, False


def looks_like_heading(paragraph: str) -> bool:
    """Whether a paragraph of rendered text reads like a title: one line, not indented, at
    most ``MAX_HEADING_CHARS`` characters, starting with a capital or a digit, not a list
    item, with no full stop inside and not ending like a sentence (``.,;:!``)."""
    stripped = paragraph.strip()
    return (bool(stripped) and "\n" not in stripped and paragraph == paragraph.lstrip()
            and len(stripped) <= MAX_HEADING_CHARS
            and not _BULLET.match(stripped) and not _NUMBER.match(stripped)
            and not stripped.endswith(tuple(".,;:!。")) and ". " not in stripped
            and (stripped[0].isupper() or stripped[0].isdigit()))


def guess_headings(texts: list[str]) -> set[int]:
    """Return the indexes of the paragraphs of rendered text that are headings: those that
    ``looks_like_heading`` and have something after them, except a question followed by
    another heading-like line (a run of short questions is the site's "what next" links)."""
    candidates = [looks_like_heading(text) for text in texts]
    return {index for index, candidate in enumerate(candidates)
            if candidate and index + 1 < len(texts)
            and (not candidates[index + 1] or not texts[index].rstrip().endswith("?"))}


def read_page_blocks(text: str) -> tuple[str, list[Block]]:
    """Read any page into blocks.

    Args:
        text: the page, ``\\n`` line ends.
    Returns:
        ``(layout, blocks)``: ``page_layout(text)`` and the headings and paragraphs in file
        order (``markdown_blocks`` for the source form; ``rendered_paragraphs`` with
        ``guess_headings`` for rendered text, whose headings are level 2 and whose one-a-line
        layout has no headings).
    """
    layout = page_layout(text)
    if layout == "markdown":
        return layout, markdown_blocks(text)
    found, separated = rendered_paragraphs(text)
    headings = guess_headings([para for _, para in found]) if separated else set()
    return layout, [Block("heading", para.strip(), 2, line) if index in headings else Block("text", para, 0, line)
                    for index, (line, para) in enumerate(found)]


__all__ = [
    "BOOK_HEADER_KEYS", "Block", "MAX_HEADING_CHARS", "SENTENCE_END", "guess_headings", "looks_like_heading",
    "markdown_blocks", "markdown_tokens", "page_form", "page_layout", "paragraphs", "read_page_blocks",
    "rendered_paragraphs", "split_header",
]
