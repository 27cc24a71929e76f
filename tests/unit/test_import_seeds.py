"""`oslearn import` on the seed pages, compared with the page itself and the built-in lessons.

Seeds 000 and 001 are the book's source format: every section heading, link and checklist
step of the page must come through. Seeds 002 to 004 are rendered text, imported best effort.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from oslearn.lessons.importer import absolute_url, convert_page, import_pages, read_page, split_header
from oslearn.lessons.loader import parse_lesson
from oslearn.tui import cli

SEEDS = Path(__file__).resolve().parents[2] / "lessons" / "sources"
SOURCE_SEEDS = ["000_735c6881140933fc.txt", "001_fae48d724783d07a.txt"]


def _links(tokens) -> list[str]:
    """Every link target of parsed Markdown, inline HTML ``<a href>`` included, absolute."""
    found = []
    for token in tokens:
        for child in token.children or ():
            href = child.attrGet("href") if child.type == "link_open" else None
            if child.type == "html_inline":
                match = re.search(r'href="([^"]+)"', child.content)
                href = match.group(1) if match else None
            if href and absolute_url(href):
                found.append(absolute_url(href))
    return found


def _page(seed: str):
    text = read_page(SEEDS / seed)
    _, body, _ = split_header(text)
    return text, MarkdownIt("commonmark").parse(body)


def _page_headings(tokens) -> list[str]:
    return [tokens[i + 1].content.strip() for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag in ("h2", "h3")]


def _list_links(tokens, kind: str) -> list[str]:
    """Links inside top-level lists of ``kind`` (``bullet_list`` or ``ordered_list``)."""
    found, depth = [], 0
    for token in tokens:
        if token.type == f"{kind}_open":
            depth += 1
        elif token.type == f"{kind}_close":
            depth -= 1
        elif depth and token.type == "inline":
            found.extend(_links([token]))
    return found


def _lesson_urls(lesson) -> set[str]:
    body_links = _links(MarkdownIt("commonmark").parse(lesson.body))
    return ({r.url for r in lesson.resources} | {link for item in lesson.checklist for link in item.links}
            | set(body_links))


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Each source seed imported into its own folder, read back with the loader."""
    lessons = {}
    for seed in SOURCE_SEEDS:
        out = tmp_path_factory.mktemp(seed[:3])
        [outcome] = import_pages([SEEDS / seed], out)
        assert outcome.error == "" and outcome.problems == []
        problems = []
        lessons[seed] = parse_lesson(outcome.written, problems)
        assert problems == [] and lessons[seed] is not None
    return lessons


@pytest.mark.parametrize("seed", SOURCE_SEEDS)
def test_front_matter_comes_from_the_header(imported, seed):
    lesson = imported[seed]
    header, _, _ = split_header(read_page(SEEDS / seed))
    assert lesson.id == header["slug"] == "operating-systems"
    assert lesson.title == header["title"]
    assert lesson.order == int(header.get("sort-order") or header["sortorder"])
    if "meta" in header:
        assert lesson.summary == header["meta"]
    else:
        assert lesson.summary.startswith("An operating system runs on the server")
    assert [s.url for s in lesson.sources] == ["https://www.fullstackpython.com/operating-systems.html"]
    assert lesson.sources[0].label() == "https://www.fullstackpython.com/operating-systems.html"


@pytest.mark.parametrize("seed", SOURCE_SEEDS)
def test_every_section_heading_comes_through(imported, seed):
    _, tokens = _page(seed)
    titles = [s.title for s in imported[seed].sections]
    assert titles[0] == "Introduction"
    assert titles[1:] == _page_headings(tokens)


@pytest.mark.parametrize("seed", SOURCE_SEEDS)
def test_sections_the_built_in_lessons_cite_exist(imported, curriculum, seed):
    lesson = imported[seed]
    cited = {s.section for built_in in curriculum.lessons for s in built_in.sources if s.file == seed and s.section}
    assert cited, "the built-in lessons cite sections of this seed"
    titles = {s.title for s in lesson.sections} | {lesson.title}
    assert cited <= titles


@pytest.mark.parametrize("seed", SOURCE_SEEDS)
def test_every_link_of_the_page_comes_through(imported, seed):
    _, tokens = _page(seed)
    lesson = imported[seed]
    assert set(_links(tokens)) <= _lesson_urls(lesson)
    # Links in bullet lists made of links are resources, in page order, each once.
    bullet_links = list(dict.fromkeys(_list_links(tokens, "bullet_list")))
    assert [r.url for r in lesson.resources] == bullet_links
    assert all(r.title for r in lesson.resources)
    # Relative book links became absolute; none is left relative in the body.
    assert not re.search(r"\]\(/", lesson.body)


@pytest.mark.parametrize("seed", SOURCE_SEEDS)
def test_resource_urls_of_the_built_in_lessons_come_through(imported, curriculum, seed):
    expected = {r.url for built_in in curriculum.lessons for r in built_in.resources if seed in r.versions}
    assert expected, "the built-in lessons list resources from this seed"
    assert expected <= _lesson_urls(imported[seed])


def test_resource_titles_and_descriptions(imported):
    by_url = {r.url: r for r in imported["000_735c6881140933fc.txt"].resources}
    dev = by_url["http://packages.ubuntu.com/precise/python-dev"]
    assert (dev.title, dev.description) == ("python-dev", "for header files and static library for Python")
    by_url = {r.url: r for r in imported["001_fae48d724783d07a.txt"].resources}
    # A bullet that does not start with its link keeps the whole bullet as description.
    lifehacker = by_url["http://lifehacker.com/5889950/how-to-find-the-perfect-linux-distribution-for-you"]
    assert lifehacker.description == "Lifehacker's guide to choosing a Linux distro."
    # A bullet with three links gives three resources.
    assert "http://bitcannon.net/post/being-productive-on-linux/" in by_url
    assert by_url["https://www.fullstackpython.com/web-application-security.html"].title == "security steps"


def test_checklist_items_of_the_page_come_through(imported, curriculum):
    lesson = imported["001_fae48d724783d07a.txt"]
    _, tokens = _page("001_fae48d724783d07a.txt")
    steps, depth = [], 0
    for token in tokens:
        depth += token.type == "ordered_list_open"
        if depth and token.type == "inline":
            words = "".join(c.content if c.type == "text" else " " for c in token.children
                            if c.type in ("text", "softbreak"))
            steps.append(" ".join(words.split()))
    assert len(lesson.checklist) == len(steps) == 4
    for item, step in zip(lesson.checklist, steps):
        assert " ".join(f"{item.text} {item.detail}".split()) == step
    assert lesson.checklist[1].text == "Harden the security through a few basic steps."
    built_in_links = {link for item in curriculum.lesson("checklist").checklist for link in item.links}
    assert built_in_links <= {link for item in lesson.checklist for link in item.links}
    assert len({item.id for item in lesson.checklist}) == 4
    # The 2014 source has no checklist, and none is invented.
    assert imported["000_735c6881140933fc.txt"].checklist == ()


def test_inline_html_image_is_dropped_and_reported():
    lesson = convert_page(read_page(SEEDS / "001_fae48d724783d07a.txt"), "001")
    assert "<img" not in lesson.body and "operating-systems.jpg" not in lesson.body
    assert any("/img/logos/operating-systems.jpg" in note for note in lesson.notes)
    assert any("toc" in note and "sidebartitle" in note for note in lesson.notes)


def test_imported_seeds_pass_oslearn_check(tmp_path, capsys):
    assert cli.main(["import", *(str(SEEDS / s) for s in SOURCE_SEEDS[1:]), "--out", str(tmp_path)]) == 0
    assert cli.main(["check", str(tmp_path)]) == 0
    assert "ok: no problems found" in capsys.readouterr().out


# --- rendered text (seeds 002 to 004), best effort -----------------------------------------


def _rendered(seed: str):
    lesson = convert_page(read_page(SEEDS / seed), seed, default_order=10)
    problems = []
    loaded = parse_lesson_text(lesson.text(), problems)
    assert problems == []
    return lesson, loaded


def parse_lesson_text(text: str, problems: list):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lesson.md"
        path.write_text(text, encoding="utf-8")
        lesson = parse_lesson(path, problems)
        if lesson is not None:
            lesson.sections  # parse while the file exists
        return lesson


def test_rendered_2014_page_recovers_headings_and_checklist():
    lesson, loaded = _rendered("002_e8fc5ae7436c4cc9.txt")
    assert lesson.form == "rendered" and loaded.title == "Operating Systems"
    titles = [s.title for s in loaded.sections]
    for heading in ("Why are operating systems necessary?", "Recommended operating systems", "Ubuntu",
                    "Red Hat and CentOS", "Operating systems learning checklist"):
        assert heading in titles
    assert len(loaded.checklist) == 4
    assert "fail2ban or its equivalent" in loaded.checklist[1].detail
    assert loaded.resources == ()
    # Site chrome is gone: the GitHub ribbon and the translated mirror's newsletter line.
    assert "Fork me on GitHub" not in lesson.body and "订阅" not in lesson.body
    assert any("no link targets" in note for note in lesson.notes)


def test_rendered_2016_page_uses_its_numbered_checklist():
    lesson, loaded = _rendered("003_2d4e56c3b7f38875.txt")
    assert [item.text.split()[0] for item in loaded.checklist] == ["Choose", "Harden", "Install", "Read"]
    assert "unattended-upgrades" in loaded.checklist[1].detail
    assert "Matt Makai" not in lesson.body and "view all topics" not in lesson.body
    assert "- Linux Performance is an incredible site" in lesson.body


def test_rendered_page_without_headings_makes_a_section_per_paragraph():
    text = read_page(SEEDS / "004_035ea28f98d1d792.txt")
    lesson, loaded = _rendered("004_035ea28f98d1d792.txt")
    lines = [line for line in text.split("\n") if line.strip()]
    continuations = [line for line in lines if line[0].islower()
                     and not re.search(r"[.!?:]$", lines[lines.index(line) - 1])]
    assert len(loaded.sections) == len(lines) - len(continuations)
    assert any("no headings found" in note for note in lesson.notes)
    assert any("no title" in note for note in lesson.notes)
    # A paragraph broken over lines is joined again.
    assert any("Linux System Mining with Python shows how to gather system information using the platform "
               "module and some of your own Python code." in s.markdown for s in loaded.sections)
