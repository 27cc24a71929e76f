"""Command palette (ctrl+p) provider (every name and help line is built as ``Content``,
never read as markup): jump to any lesson, section, resource, checklist step,
quiz or picture by fuzzy match, and to any section whose text contains the words typed.

Fuzzy matching is Textual's own ``Matcher`` (``Provider.matcher``); the full-text part is
``oslearn.lessons.search``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

#: Full-text hits come after fuzzy hits on names: their scores lie below this.
TEXT_HIT_SCORE = 0.2
#: Fewest characters of query before full-text hits are added.
TEXT_MIN_CHARS = 3


@dataclass(frozen=True)
class Target:
    """One thing the palette can jump to.

    Attributes:
        kind: ``"Lesson"``, ``"Section"``, ``"Resource"``, ``"Checklist"``, ``"Quiz"`` or ``"Go to"``.
        name: what is matched and shown (``"Ubuntu and its LTS releases › Long Term Support releases"``).
        help: the second line in the palette.
        run: what selecting it does.
        discover: listed before anything is typed.
    """

    kind: str
    name: str
    help: str
    run: Callable[[], object]
    discover: bool = False

    @property
    def text(self) -> str:
        """``"Kind: name"``, the text matched and shown."""
        return f"{self.kind}: {self.name}"


def palette_targets(app) -> list[Target]:
    """Return every palette target of ``app`` (an ``OSLearnApp``), in curriculum order."""
    curriculum = app.curriculum
    targets: list[Target] = []
    for lesson in curriculum.lessons:
        targets.append(Target("Lesson", lesson.title, lesson.summary, partial(app.open_lesson, lesson), True))
    for lesson in curriculum.lessons:
        for section in lesson.sections:
            targets.append(Target("Section", f"{lesson.title} › {section.title}", "Open the lesson at this section",
                                  partial(app.open_lesson, lesson, section.id)))
        for index, resource in enumerate(lesson.resources):
            targets.append(Target("Resource", resource.title, f"{resource.url} ({lesson.title})",
                                  partial(app.open_lesson, lesson, "", ("resources", index))))
        for item in lesson.checklist:
            targets.append(Target("Checklist", item.text, f"A step of {lesson.title}",
                                  partial(app.open_lesson, lesson, "", ("checklist", item.id))))
    questions = curriculum.questions
    targets.append(Target("Quiz", f"All questions ({len(questions)})", "Every question of every bank",
                          partial(app.start_quiz, "All questions", questions), True))
    for bank in curriculum.banks:
        targets.append(Target("Quiz", f"{bank.title} ({len(bank.questions)})", f"Questions from {bank.id}",
                              partial(app.start_quiz, bank.title, bank.questions), True))
    topics: dict[str, list] = {}
    for question in questions:
        topics.setdefault(question.topic, []).append(question)
    from oslearn.lessons.session import quiz_title  # not at start-up: the palette is opened later

    for topic, items in topics.items():
        title = quiz_title("topic", topic)
        targets.append(Target("Quiz", f"{title} ({len(items)})", "Questions on this topic",
                              partial(app.start_quiz, title, items, mode="topic")))
    targets.append(Target("Go to", "Ubuntu LTS timeline", "The releases the page names and their support windows",
                          app.action_timeline, True))
    targets.append(Target("Go to", "Distribution families", "Debian and Red Hat families side by side",
                          app.action_families, True))
    targets.append(Target("Go to", "Search lesson text", "Full-text search over every lesson (also /)",
                          app.action_search, True))
    return targets


def highlighted(matcher: Matcher, text: str) -> Content:
    """``text`` as ``Content`` with the characters ``matcher`` matched styled as the palette
    styles them. Unlike ``Matcher.highlight``, which reads its candidate as markup, nothing
    in ``text`` (a lesson title, a checklist step) is read as markup."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if offset < len(text) and not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class LessonCommands(Provider):
    """Palette provider for oslearn's lessons, sections, resources, checklist steps and quizzes."""

    async def startup(self) -> None:
        self.targets = palette_targets(self.app)

    async def discover(self) -> Hits:
        for target in self.targets:
            if target.discover:
                yield DiscoveryHit(Content(target.text), target.run, text=target.text, help=Content(target.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for target in self.targets:
            score = matcher.match(target.text)
            if score > 0:
                yield Hit(score, highlighted(matcher, target.text), target.run, text=target.text,
                          help=Content(target.help))
        if len(query.strip()) < TEXT_MIN_CHARS:
            return
        app = self.app
        hits = app.search_index.search(query, limit=8)
        for rank, hit in enumerate(hits):
            lesson = app.curriculum.lesson(hit.lesson_id)
            if lesson is None:
                continue
            text = f"Text: {hit.lesson_title} › {hit.section_title}"
            yield Hit(TEXT_HIT_SCORE * (1 - rank / 10), Content(text), partial(app.open_lesson, lesson, hit.section_id),
                      text=text, help=Content(hit.snippet))
