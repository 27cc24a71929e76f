"""Read the seed versions of the source page and pull out the passage a lesson rests on.

The five seed files in ``sources/`` come in three forms (see ``sources/README.md``):

- ``markdown``: the book's own source, a ``key: value`` metadata header, a blank line, then
  Markdown with ``#`` headings (``000``, ``001``).
- ``scraped``: text scraped from the rendered page; paragraphs are separated by blank lines and
  a heading is a paragraph of one short line that does not end like a sentence (``002``,
  ``003``). The scrape sometimes loses a heading (``003`` has no "Ubuntu" line).
- ``lines``: one paragraph a line, no blank lines and no headings (``004``).

``parse_seed`` reads them with the one page reader, ``oslearn.lessons.pages`` (the importer
uses it too), which detects the form from the text, so any file of one of these shapes works.

A lesson's front matter names, for each seed, the ``section`` (heading) it comes from.
``find_section`` returns that heading's own text: from the heading to the next heading of
any level, so a section's passage holds what the page said under that title and not its
subsections (the viewer can always show the whole page). When a heading has no text of its
own, the passage runs on to the next heading of the same or a higher level.

When a seed has no such heading (a scraped page that lost it, or the ``lines`` form, or a
reference without a section), ``match_passage`` finds the paragraphs of that version that
read like the passages already found in the other versions: each paragraph is compared with
each reference paragraph by ``similarity`` (difflib's ``SequenceMatcher`` ratio over
normalised words, or the share of the shorter text found in order in the longer one) and is
kept at ``MATCH_THRESHOLD`` or above. Such a passage is marked ``method="matched"`` so the
viewer can say so.

Nothing here imports Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources

from oslearn.lessons.model import SEED_DATES, Lesson, SourceRef
from oslearn.lessons.pages import MAX_HEADING_CHARS, Block, page_layout, read_page_blocks

#: A paragraph is kept by ``match_passage`` when its ``similarity`` to some reference
#: paragraph is at least this (0..1). Measured on the shipped seeds: the same paragraph in
#: another version scores 0.88 or more, a rewritten one about 0.5, and two different
#: paragraphs of the page at most 0.55 (two resource lines about choosing a distribution).
MATCH_THRESHOLD = 0.6

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z0-9]+(?:['’.][a-z0-9]+)*")


@dataclass(frozen=True)
class SeedDocument:
    """A seed file split into blocks.

    Attributes:
        name: the file name (``"000_735c6881140933fc.txt"``).
        date: the date of the page it reflects, ``"YYYY-MM"`` (``""`` when unknown).
        form: ``"markdown"``, ``"scraped"`` or ``"lines"`` (see the module docstring).
        blocks: headings and paragraphs in file order.
        text: the whole file as read.
    """

    name: str
    date: str
    form: str
    blocks: tuple[Block, ...]
    text: str

    def headings(self) -> list[str]:
        """Return the heading texts in file order."""
        return [block.text for block in self.blocks if block.kind == "heading"]


@dataclass(frozen=True)
class Passage:
    """What one seed version says on a lesson's subject.

    Attributes:
        file: the seed file name.
        date: the date of the page that version reflects, ``"YYYY-MM"``.
        form: the seed's form (``"markdown"`` text can be rendered as Markdown; the others
            are plain text).
        section: the section the lesson's front matter names (``""`` for none).
        method: ``"heading"`` (found under that heading), ``"matched"`` (found by comparing
            paragraphs with the other versions' passages), ``"page"`` (nothing found: the
            whole page) or ``"missing"`` (the seed file is not there).
        text: the passage, paragraphs separated by blank lines; for ``"markdown"`` seeds the
            Markdown as it stands in the file, heading included.
        line: 1-based line in the seed file where the passage starts (0 when not one range).
        note: one sentence for the learner about how the passage was found, or ``""``.
    """

    file: str
    date: str
    form: str
    section: str
    method: str
    text: str
    line: int = 0
    note: str = ""


# --- reading ---------------------------------------------------------------------------


def detect_form(text: str) -> str:
    """Return the form of a seed's text: ``"markdown"``, ``"scraped"`` or ``"lines"``
    (``oslearn.lessons.pages.page_layout``: the book's source with its metadata header and
    Markdown; rendered text with blank lines between paragraphs; rendered text one
    paragraph a line)."""
    return page_layout(text.replace("\r\n", "\n").replace("\r", "\n"))


def parse_seed(name: str, text: str, date: str | None = None) -> SeedDocument:
    """Split a seed file's text into headings and paragraphs with the one page reader
    (``oslearn.lessons.pages.read_page_blocks``).

    Args:
        name: the file name, kept on the result.
        text: the file's text (any line ends).
        date: the page date ``"YYYY-MM"``; default from ``SEED_DATES`` (``""`` if unknown).
    Returns:
        the ``SeedDocument``. Markdown headings (found by markdown-it-py, so never inside
        code) keep their level; headings guessed in scraped text are level 2; the ``lines``
        form has no headings and one block a paragraph, a line starting in lower case after
        one that does not end a sentence continuing it.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    form, blocks = read_page_blocks(text)
    return SeedDocument(name=name, date=SEED_DATES.get(name, "") if date is None else date,
                        form=form, blocks=tuple(blocks), text=text)


def sources_folder():
    """Return the folder of seed files shipped with the package (a ``Traversable``)."""
    return resources.files("oslearn.lessons") / "sources"


@lru_cache(maxsize=16)
def read_seed(name: str) -> SeedDocument | None:
    """Read and parse the shipped seed ``name``; ``None`` when no such file ships.

    Results are cached: the seeds are package data and never change while running.
    """
    entry = sources_folder() / name
    try:
        text = entry.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    return parse_seed(name, text)


# --- comparing text ----------------------------------------------------------------------


def normalize_words(text: str) -> list[str]:
    """Return the lowercase words of ``text`` with Markdown links, HTML tags, emphasis and
    list markers removed, so a Markdown paragraph and its scraped rendering compare equal."""
    text = _MD_LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    return _WORD.findall(text.lower().replace("\\", ""))


def similarity(a: str, b: str) -> float:
    """Return how alike two paragraphs read, 0.0 (nothing shared) to 1.0 (same words).

    The larger of difflib's ``SequenceMatcher.ratio`` over the normalised word lists and the
    share of the shorter text's words that appear, in order and in runs of three or more
    words, in the longer one (so a paragraph the scrape split in two still matches its
    whole); containment only counts when the shorter text has eight words or more. Texts under three words
    score 0: too short to tell.
    """
    words_a, words_b = normalize_words(a), normalize_words(b)
    if len(words_a) < 3 or len(words_b) < 3:
        return 0.0
    matcher = SequenceMatcher(None, words_a, words_b, autojunk=False)
    # Only runs of three or more words count, so common words scattered through a long
    # paragraph do not make it "contain" a short one.
    matched = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 3)
    containment = matched / min(len(words_a), len(words_b))
    # Containment alone would let a three-word fragment match any long paragraph.
    if min(len(words_a), len(words_b)) < 8:
        containment = 0.0
    return max(matcher.ratio(), containment)


def _same_heading(a: str, b: str) -> bool:
    return normalize_words(a) == normalize_words(b)


# --- finding passages ------------------------------------------------------------------


def _passage_text(doc: SeedDocument, blocks: list[Block]) -> str:
    if doc.form == "markdown":
        parts = [("#" * block.level + " " + block.text) if block.kind == "heading" else block.text
                 for block in blocks]
    else:
        parts = [block.text for block in blocks]
    return "\n\n".join(parts)


def find_section(doc: SeedDocument, section: str) -> Passage | None:
    """Return the passage under heading ``section`` in ``doc``, or ``None`` if no heading
    of that text (compared by ``normalize_words``) is there.

    The passage is the heading and the text up to the next heading; when the heading has no
    text of its own, it runs on to the next heading of the same or a higher level.
    """
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        if block.kind != "heading" or not _same_heading(block.text, section):
            continue
        end = index + 1
        while end < len(blocks) and blocks[end].kind == "text":
            end += 1
        own_text = end > index + 1
        if not own_text:
            while end < len(blocks) and not (blocks[end].kind == "heading" and blocks[end].level <= block.level):
                end += 1
        chosen = list(blocks[index:end])
        note = "" if end > index + 1 else "This version has the heading but no text under it."
        return Passage(file=doc.name, date=doc.date, form=doc.form, section=section, method="heading",
                       text=_passage_text(doc, chosen), line=block.line, note=note)
    return None


def match_passage(doc: SeedDocument, references: list[str], section: str = "") -> Passage | None:
    """Find the paragraphs of ``doc`` that read like ``references``.

    Args:
        doc: the seed to search.
        references: passages (text, paragraphs separated by blank lines) from other
            versions of the page.
        section: the section the caller was looking for, kept on the result.
    Returns:
        a ``Passage`` with ``method="matched"`` holding every paragraph of ``doc`` whose
        ``similarity`` to some reference paragraph is at least ``MATCH_THRESHOLD``, in file
        order; ``None`` when no paragraph qualifies.
    """
    reference_paragraphs = [p for ref in references for p in re.split(r"\n\s*\n", ref)
                            if len(normalize_words(p)) >= 3]
    chosen = [block for block in doc.blocks if block.kind == "text"
              and any(similarity(block.text, ref) >= MATCH_THRESHOLD for ref in reference_paragraphs)]
    if not chosen:
        return None
    where = "has no heading here" if doc.form != "lines" else "has no headings"
    return Passage(file=doc.name, date=doc.date, form=doc.form, section=section, method="matched",
                   text=_passage_text(doc, chosen), line=chosen[0].line,
                   note=f"This version {where}; these paragraphs were found by comparing its text "
                        "with the other versions.")


def _whole_page(doc: SeedDocument, section: str, note: str) -> Passage:
    return Passage(file=doc.name, date=doc.date, form=doc.form, section=section, method="page",
                   text=doc.text.strip("\n"), line=1, note=note)


def passages_for(refs: tuple[SourceRef, ...] | list[SourceRef], read=read_seed) -> list[Passage]:
    """Return the passage of each seed reference, oldest page first.

    Args:
        refs: the ``SourceRef`` list of a lesson (or anything else); refs without a file (since
            then notes) are skipped.
        read: ``name -> SeedDocument | None``; default reads the shipped seeds.
    Returns:
        one ``Passage`` per file reference, sorted by date (stable, so the front matter's order
        breaks ties). A ref whose heading is found gives ``method="heading"``; otherwise the
        passages found by heading in the other refs are the references for
        ``match_passage``; when that finds nothing either the whole page is returned
        (``method="page"``), and a seed that is not there gives ``method="missing"``.
    """
    file_refs = [ref for ref in refs if ref.file]
    docs = {ref.file: read(ref.file) for ref in file_refs}
    found: dict[int, Passage] = {}
    for index, ref in enumerate(file_refs):
        doc = docs[ref.file]
        if doc is not None and ref.section:
            passage = find_section(doc, ref.section)
            if passage is not None:
                found[index] = passage
    references = [p.text for p in found.values() if p.text.strip() and p.note == ""]
    out: list[Passage] = []
    for index, ref in enumerate(file_refs):
        doc = docs[ref.file]
        date = ref.date or SEED_DATES.get(ref.file, "")
        if doc is None:
            out.append(Passage(file=ref.file, date=date, form="", section=ref.section, method="missing",
                               text="", note=f"The source file {ref.file} is not installed."))
            continue
        if index in found:
            out.append(found[index])
            continue
        others = [p.text for i, p in found.items() if i != index and p.text.strip()]
        passage = match_passage(doc, others or references, ref.section) if (others or references) else None
        if passage is None:
            what = f"no heading {ref.section!r}" if ref.section else "no section named"
            passage = _whole_page(doc, ref.section, f"There is {what} for this version, "
                                                    "and no paragraph like the other versions': the whole page follows.")
        out.append(passage)
    order = sorted(range(len(out)), key=lambda i: (out[i].date or "9999", i))
    return [out[i] for i in order]


def lesson_passages(lesson: Lesson, read=read_seed) -> list[Passage]:
    """Return ``passages_for(lesson.sources)``: what each seed version said on the lesson's
    subject, oldest first."""
    return passages_for(lesson.sources, read=read)
