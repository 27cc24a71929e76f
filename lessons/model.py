"""Plain data classes for the curriculum: lessons, sections, resources, checklists, quizzes.

Nothing here imports Textual or touches the disk; the loader (`oslearn.lessons.loader`)
builds these objects from the content files and the TUI and CLI only read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The seed files the built-in curriculum is derived from, with the date of the page
#: each one reflects (see ``sources/README.md``).
SEED_DATES: dict[str, str] = {
    "000_735c6881140933fc.txt": "2014-02",
    "002_e8fc5ae7436c4cc9.txt": "2014-02",
    "003_2d4e56c3b7f38875.txt": "2016-04",
    "001_fae48d724783d07a.txt": "2018-05",
    "004_035ea28f98d1d792.txt": "2018-05",
}

#: How the course names each seed version in words (citations, feedback, lists): by the
#: month its "As of" sentence names, the Markdown source and the scraped copy of one
#: month told apart. The seed codes and file names stay in metadata.
SEED_VERSIONS: dict[str, str] = {
    "000_735c6881140933fc.txt": "2014 version",
    "002_e8fc5ae7436c4cc9.txt": "later 2014 version",
    "003_2d4e56c3b7f38875.txt": "2016 version",
    "001_fae48d724783d07a.txt": "2018 version",
    "004_035ea28f98d1d792.txt": "2018 web copy",
}


@dataclass(frozen=True)
class SourceRef:
    """Where a lesson, resource or question comes from.

    Attributes:
        file: a seed file name from ``SEED_DATES`` (for example ``"001_fae48d724783d07a.txt"``),
            or ``""`` when the fact rests on a "since then" note instead.
        date: the date of the page that file reflects, ``"YYYY-MM"``.
        section: the section heading of the page the fact comes from (``""`` if the whole page).
        note: for facts that postdate every seed, the dated "since then" note they rest on.
        url: the absolute URL of the page the lesson was imported from (``oslearn import``
            writes it), for lessons that do not rest on a shipped seed file; ``""`` otherwise.
    """

    file: str = ""
    date: str = ""
    section: str = ""
    note: str = ""
    url: str = ""

    def label(self) -> str:
        """Return the citation in words (see ``citation``); seed file names never appear."""
        return citation(self)


#: The page every seed file is a version of, as a citation names it.
PAGE_CITATION = "Full Stack Python, “Operating Systems”"


def citation(source: SourceRef) -> str:
    """Return ``source`` in words a reader understands, never a seed file name.

    ``"Full Stack Python, “Operating Systems”, 2016 version, section “Ubuntu”"`` for a seed
    (its name in ``SEED_VERSIONS``: the year of its "As of" sentence, with the later 2014
    version and the 2018 web copy told apart); ``"Since then (2023-04), the lesson's dated
    note: “...”"`` for a since-then note (its words quoted from the lesson); the page's URL (and date) for an imported lesson.
    """
    if source.url and not source.file:
        text = f"{source.url} ({source.date})" if source.date else source.url
    elif not source.file:
        when = f" ({source.date})" if source.date else ""
        # The note is a phrase quoted from the lesson's dated note, so it is shown as a quotation.
        return f"Since then{when}, the lesson's dated note: “{source.note}”" if source.note else f"Since then{when}"
    elif source.file in SEED_VERSIONS:  # the 2014 and later 2014 versions, the 2018 version and web copy
        text = f"{PAGE_CITATION}, {SEED_VERSIONS[source.file]}"
    elif source.file not in SEED_DATES:  # a source file of an added curriculum: its own name is its label
        text = f"{source.file} ({source.date})" if source.date else source.file
    else:
        year = (source.date or SEED_DATES.get(source.file, ""))[:4]
        text = f"{PAGE_CITATION}, {year} version" if year else PAGE_CITATION
    return f"{text}, section “{source.section}”" if source.section else text


@dataclass(frozen=True)
class Resource:
    """A link a lesson recommends.

    Attributes:
        title: the link text, as the page gave it.
        url: an absolute ``http(s)://`` URL.
        description: one line saying what the learner finds there.
        versions: the seed files whose page listed the link.
    """

    title: str
    url: str
    description: str = ""
    versions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChecklistItem:
    """One step of a lesson's learning checklist.

    Attributes:
        id: stable id, unique within its lesson; progress is stored under it.
        text: the step, one sentence.
        detail: optional longer explanation (Markdown).
        links: optional URLs that help with the step.
        renamed_from: the ids this step had before, as ``old-lesson/old-item``: ticks
            stored under them count for this step (``oslearn.progress.course``).
        line: 1-based line of the step in its lesson file (0 if built in memory).
    """

    id: str
    text: str
    detail: str = ""
    links: tuple[str, ...] = ()
    renamed_from: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Section:
    """A part of a lesson body, from one ``##`` heading to the next.

    Attributes:
        id: slug of the heading (``"ubuntu-lts-releases"``), unique within the lesson.
        title: the heading text.
        markdown: the section's Markdown, heading included.
        line: 1-based line of the heading in the lesson file.
    """

    id: str
    title: str
    markdown: str
    line: int = 0


@dataclass
class Lesson:
    """One lesson: front matter plus a Markdown body split into sections.

    Attributes:
        id: stable id, never reused; progress is keyed by it.
        title, summary: shown in lists.
        order: sort key among lessons (ascending).
        sources: the seed versions the lesson is derived from.
        resources: links, in display order.
        checklist: steps the learner can tick.
        body: the Markdown after the front matter.
        body_line: 1-based line of the file where ``body`` starts.
        path: the file the lesson was read from (a ``Path`` or an ``importlib.resources``
            ``Traversable``), or ``None`` for a lesson built in memory.

    ``sections`` is computed from ``body`` the first time it is read (markdown-it-py is only
    imported then), so listing lessons never pays for parsing their bodies.
    """

    id: str
    title: str
    order: int
    summary: str
    sources: tuple[SourceRef, ...]
    resources: tuple[Resource, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()
    body: str = ""
    body_line: int = 1
    path: object | None = None
    _sections: tuple[Section, ...] | None = field(default=None, repr=False, compare=False)

    @property
    def sections(self) -> tuple[Section, ...]:
        """The body split at ``##`` headings; text before the first heading becomes an
        "Introduction" section. Parsed on first access and cached."""
        if self._sections is None:
            from oslearn.lessons.sections import split_sections

            self._sections = split_sections(self.body, self.body_line)
        return self._sections

    def section_index(self, section_id: str) -> int:
        """Return the index of ``section_id`` in ``sections``, or 0 when it is unknown."""
        for index, section in enumerate(self.sections):
            if section.id == section_id:
                return index
        return 0


#: The topics a question may have. A small fixed set, so that quiz results can be grouped
#: and a learner can drill one topic; the loader rejects any other value.
QUESTION_TOPICS: tuple[str, ...] = (
    "distributions",
    "package managers",
    "Ubuntu LTS",
    "Red Hat family",
    "security",
    "choosing an OS",
    "operating systems",
    "page history",
)

#: Topics a learner opts in to: their questions are left out of the mixed quiz (and so of
#: reviews, which only hold questions the learner has answered) unless the learner picks
#: their bank, topic or lesson. The page's history is background, not what a deployment needs.
OPT_IN_TOPICS: tuple[str, ...] = ("page history",)


def drawn_by_default(question: "Question") -> bool:
    """Return whether ``question`` may be drawn into a mixed quiz (its topic is not in
    ``OPT_IN_TOPICS``)."""
    return question.topic not in OPT_IN_TOPICS


@dataclass(frozen=True)
class Question:
    """One quiz question.

    Attributes:
        id: stable id, unique across every bank; attempts are stored under it.
        topic: one of ``QUESTION_TOPICS``, such as ``"distributions"`` or ``"package managers"``.
        type: the name of a question type of ``oslearn.lessons.questions`` (``NAMES``).
        prompt: the question text (Markdown allowed).
        choices: for single and multiple choice: the choices; for ordering: the items (any
            order); for matching: the right-hand items; empty for other types.
        answer: as the question's type holds it (its module in ``oslearn.lessons.questions``
            says how): true/false a ``bool``, single choice a ``str``, multiple answer,
            ordering, typed and command a ``tuple[str, ...]``, matching a
            ``tuple[tuple[str, str], ...]`` of (left, right) pairs.
        explanation: why the answer is right, shown after answering.
        source: where the fact comes from.
        lesson: id of the lesson that teaches it (``""`` if none).
        section: id of the section within that lesson (``""`` for the whole lesson).
        bank: id of the bank the question belongs to.
        line: 1-based line of the question's first key in its bank file (0 if built in memory).
        near_misses: command questions: ``(command, explanation)`` pairs, the explanation
            shown when the learner types that command (or an equivalent form of it).
        renamed_from: ids this same question had before: its answers and review card
            stored under them count for it (``oslearn.progress.course``).
    """

    id: str
    topic: str
    type: str
    prompt: str
    answer: object
    explanation: str
    source: SourceRef
    choices: tuple[str, ...] = ()
    lesson: str = ""
    section: str = ""
    bank: str = ""
    line: int = 0
    near_misses: tuple[tuple[str, str], ...] = ()
    renamed_from: tuple[str, ...] = ()


@dataclass
class QuizBank:
    """A file of questions.

    Attributes:
        id: the bank id (``"distros"``), from the file's ``id`` key.
        title: shown in the quiz menu.
        questions: the questions in file order.
        path: the file it was read from.
    """

    id: str
    title: str
    questions: list[Question] = field(default_factory=list)
    path: object | None = None


@dataclass(frozen=True)
class CurriculumPart:
    """One curriculum among several loaded together (see ``oslearn.lessons.curricula``).

    Attributes:
        id: the curriculum id; lessons, banks and questions of an added curriculum carry it
            as a prefix (``"<id>/<lesson-id>"``), the built-in curriculum's do not.
        title: shown as the group heading on the home screen.
        lesson_ids: the ids (prefixed) of its lessons that loaded, in display order.
        root: the folder it was loaded from (``""`` for the built-in curriculum).
    """

    id: str
    title: str
    lesson_ids: tuple[str, ...] = ()
    root: str = ""


@dataclass
class Curriculum:
    """Everything loaded from one content tree, including what failed to load.

    Attributes:
        lessons: the lessons that loaded, sorted by ``order`` then ``id``.
        banks: the quiz banks that loaded.
        problems: one ``ContentError`` per broken file or field; the rest still loaded.
        parts: when several curricula are loaded together, one ``CurriculumPart`` each, in
            display order; empty for a single content tree.
    """

    lessons: list[Lesson] = field(default_factory=list)
    banks: list[QuizBank] = field(default_factory=list)
    problems: list = field(default_factory=list)
    parts: list[CurriculumPart] = field(default_factory=list)
    _positions: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def lesson(self, lesson_id: str) -> Lesson | None:
        """Return the lesson with ``lesson_id``, or ``None``.

        Looked up in an index of positions in ``lessons``, checked on every hit and rebuilt
        on a miss, so it stays right when ``lessons`` is changed in place and costs O(1)
        instead of a scan (the home screen looks up every lesson of every curriculum).
        """
        lessons = self.lessons
        position = self._positions.get(lesson_id)
        if position is not None and position < len(lessons) and lessons[position].id == lesson_id:
            return lessons[position]
        self._positions = {}
        for position in range(len(lessons) - 1, -1, -1):  # the first of equal ids wins
            self._positions[lessons[position].id] = position
        position = self._positions.get(lesson_id)
        return lessons[position] if position is not None else None

    @property
    def questions(self) -> list[Question]:
        """Every question of every bank, in bank then file order."""
        return [q for bank in self.banks for q in bank.questions]

    def question(self, question_id: str) -> Question | None:
        """Return the question with ``question_id``, or ``None``."""
        for question in self.questions:
            if question.id == question_id:
                return question
        return None
