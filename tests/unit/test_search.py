"""Pure tests of the full-text search over lesson bodies (oslearn.lessons.search)."""

from __future__ import annotations

from oslearn.lessons.model import Lesson
from oslearn.lessons.search import SearchIndex, plain_text, query_words


def _lesson(lesson_id: str, body: str) -> Lesson:
    return Lesson(id=lesson_id, title=lesson_id.title(), order=1, summary="", sources=(), body=body)


LESSONS = [
    _lesson("alpha", "Intro text.\n\n## Package managers\nRHEL uses [YUM](http://yum.example) and RPM.\n\n"
                     "## Kernels\nThe kernel schedules processes. The kernel is not a package manager.\n"),
    _lesson("beta", "## Ubuntu\nUbuntu uses APT, the Debian package manager.\n\n## Other\nNothing here.\n"),
]


def test_plain_text_drops_markup_but_keeps_link_text():
    assert plain_text("## Title\n* [YUM](http://x) is **fast**\n> quoted") == "Title YUM is fast quoted"
    assert query_words("Package-Manager, apt!") == ["package", "manager", "apt"]


def test_every_word_must_match_and_the_phrase_ranks_first():
    index = SearchIndex(LESSONS)
    assert len(index) == 5
    hits = index.search("package manager")
    assert [(h.lesson_id, h.section_id) for h in hits][0] == ("alpha", "package-managers")
    assert {(h.lesson_id, h.section_id) for h in hits} == {
        ("alpha", "package-managers"), ("alpha", "kernels"), ("beta", "ubuntu")}
    assert index.search("kernel apt") == []


def test_last_word_matches_as_a_prefix_and_snippet_marks_the_words():
    index = SearchIndex(LESSONS)
    hits = index.search("yu")
    assert [(h.lesson_id, h.section_id) for h in hits] == [("alpha", "package-managers")]
    hit = hits[0]
    assert "YUM" in hit.snippet
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["YUM"]
    assert index.search("x") == []  # one character is too little to search on


def test_long_sections_get_a_cut_snippet():
    body = "## Long\n" + " ".join(["filler"] * 60) + " needle " + " ".join(["filler"] * 60) + "\n"
    hit = SearchIndex([_lesson("long", body)]).search("needle")[0]
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) < 120
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["needle"]


def test_the_real_curriculum_finds_yellowdog_in_the_red_hat_lesson(curriculum):
    hits = SearchIndex(curriculum.lessons).search("yellowdog updater")
    assert hits, "the Red Hat lesson explains YUM's full name"
    first = hits[0]
    lesson = curriculum.lesson(first.lesson_id)
    section = lesson.sections[lesson.section_index(first.section_id)]
    assert "yellowdog updater" in plain_text(section.markdown).lower()


def test_plain_text_drops_quote_marks_of_empty_quote_lines_and_code_fences_in_quotes():
    markdown = "> Write it:\n>\n> ```\n> PermitRootLogin no\n> ```\n>\n> Then reload, if a > b."
    assert plain_text(markdown) == "Write it: PermitRootLogin no Then reload, if a > b."
