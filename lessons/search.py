"""Full-text search over lesson bodies, section by section.

``SearchIndex`` holds the plain text of every section (Markdown links reduced to their text,
emphasis and heading marks removed). A query is split into words; a section matches when it
contains every word, the last word also matching as a prefix so that results come while the
learner is still typing. Sections are ranked by (1) the whole query appearing as a phrase,
(2) words found in the section title, (3) how often the words occur, relative to the
section's length (a simple TF ranking; the curriculum is a few dozen sections, so no
inverted index is needed).

Nothing here imports Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from oslearn.lessons.model import Lesson

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(^|\n)\s{0,3}(#{1,6}|>+|[-*+]|\d+\.)\s+")
#: Inline marks: backticks, and emphasis marks not inside a word (``yum_cron`` keeps its ``_``).
_MD_INLINE = re.compile(r"`+|(?<!\w)[*_]+|[*_]+(?!\w)")
#: Quote marks before a line's text, and the pipes around and between a table's cells.
_MD_QUOTE = re.compile(r"^\s*(>\s*)*")
_MD_TABLE_EDGE = re.compile(r"^\|\s*|\s*\|\s*$")
_MD_TABLE_PIPE = re.compile(r"\s*\|\s*")
_WORD = re.compile(r"\w+(?:['’]\w+)*")

#: Characters of context shown either side of the first match in a snippet.
SNIPPET_CONTEXT = 40


def plain_text(markdown: str) -> str:
    """Return ``markdown`` as plain text: links become their text; heading, quote, list,
    code and emphasis marks go; a table's cells are separated by ``;`` and its rows end with
    ``.`` (no pipes or delimiter rows); runs of whitespace become one space."""
    text = _MD_LINK.sub(r"\1", markdown)
    lines = []
    for line in text.split("\n"):
        body = _MD_QUOTE.sub("", line)
        if body.startswith("|"):  # a table row, perhaps inside a quote
            if not set(body) - set("|-: "):
                continue  # the delimiter row
            cells = [cell for cell in _MD_TABLE_PIPE.split(_MD_TABLE_EDGE.sub("", body)) if cell]
            body = "; ".join(cells) + "." if cells else ""
        lines.append(body)  # quote marks gone on every line, empty quote lines included
    text = _MD_MARKS.sub(" ", "\n".join(lines))
    text = _MD_INLINE.sub("", text)
    return " ".join(text.split())


def query_words(query: str) -> list[str]:
    """Return the lowercase words of ``query`` (punctuation ignored)."""
    return [word.lower() for word in _WORD.findall(query)]


@dataclass(frozen=True)
class SearchHit:
    """One section that matches a query.

    Attributes:
        lesson_id, section_id: where to open (``Lesson.id``, ``Section.id``).
        lesson_title, section_title: for display.
        snippet: about ``2 * SNIPPET_CONTEXT`` characters of the section's plain text around
            the first match, with ``…`` where it was cut.
        spans: ``(start, end)`` character offsets of the query words inside ``snippet``, for
            highlighting.
        score: higher is better; only meaningful to compare hits of one query.
    """

    lesson_id: str
    section_id: str
    lesson_title: str
    section_title: str
    snippet: str
    spans: tuple[tuple[int, int], ...]
    score: float


@dataclass(frozen=True)
class _Entry:
    lesson: Lesson
    index: int
    title: str
    text: str
    lower: str
    words: tuple[str, ...]


class SearchIndex:
    """Search the sections of ``lessons``.

    Args:
        lessons: the lessons to index (their ``sections`` are parsed here, once).
    """

    def __init__(self, lessons: list[Lesson]):
        self._entries: list[_Entry] = []
        for lesson in lessons:
            for index, section in enumerate(lesson.sections):
                text = plain_text(section.markdown)
                lower = text.lower()
                self._entries.append(_Entry(lesson, index, section.title, text, lower,
                                            tuple(w.lower() for w in _WORD.findall(text))))

    def __len__(self) -> int:
        """Return the number of sections indexed."""
        return len(self._entries)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Return up to ``limit`` sections containing every word of ``query``, best first.

        Args:
            query: free text; fewer than two characters of words gives no hits.
            limit: most hits returned.
        Returns:
            ``SearchHit`` list, best first; ties keep curriculum order.
        """
        words = query_words(query)
        if not words or sum(len(w) for w in words) < 2:
            return []
        *whole, last = words
        phrase = " ".join(words)
        scored: list[tuple[float, int, SearchHit]] = []
        for position, entry in enumerate(self._entries):
            counts = [entry.words.count(w) for w in whole]
            last_count = sum(1 for w in entry.words if w.startswith(last))
            if any(c == 0 for c in counts) or last_count == 0:
                continue
            frequency = (sum(counts) + last_count) / (len(entry.words) ** 0.5 or 1)
            title_words = set(query_words(entry.title))
            in_title = sum(1 for w in words if w in title_words or any(t.startswith(w) for t in title_words))
            score = frequency + 2.0 * in_title + (5.0 if phrase in entry.lower else 0.0)
            snippet, spans = _snippet(entry.text, entry.lower, phrase if phrase in entry.lower else "", words)
            section = entry.lesson.sections[entry.index]
            scored.append((score, position, SearchHit(
                lesson_id=entry.lesson.id, section_id=section.id, lesson_title=entry.lesson.title,
                section_title=entry.title, snippet=snippet, spans=spans, score=round(score, 4))))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [hit for _, _, hit in scored[:limit]]


def _snippet(text: str, lower: str, phrase: str, words: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Cut ``text`` around the phrase (or the first query word) and locate the words in it."""
    anchor = lower.find(phrase) if phrase else -1
    if anchor < 0:
        found = [match.start() for w in words if (match := re.search(r"\b" + re.escape(w), lower))]
        anchor = min(found) if found else 0
    start = max(0, anchor - SNIPPET_CONTEXT)
    end = min(len(text), anchor + SNIPPET_CONTEXT + max(len(phrase), 20))
    # Widen to word boundaries.
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    body = text[start:end]
    snippet = prefix + body + suffix
    spans = []
    body_lower = body.lower()
    for word in words:
        for match in re.finditer(r"\b" + re.escape(word) + r"\w*", body_lower):
            spans.append((match.start() + len(prefix), match.end() + len(prefix)))
    spans.sort()
    return snippet, tuple(spans)
