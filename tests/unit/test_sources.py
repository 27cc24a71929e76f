"""Pure tests of seed parsing and passage extraction (oslearn.lessons.sources)."""

from __future__ import annotations

import pytest

from oslearn.lessons.model import SEED_DATES, SourceRef
from oslearn.lessons.sources import (
    detect_form,
    find_section,
    lesson_passages,
    match_passage,
    parse_seed,
    passages_for,
    read_seed,
    similarity,
)

MD_2014 = "000_735c6881140933fc.txt"
MD_2018 = "001_fae48d724783d07a.txt"
SCRAPED_2014 = "002_e8fc5ae7436c4cc9.txt"
SCRAPED_2016 = "003_2d4e56c3b7f38875.txt"
LINES_2018 = "004_035ea28f98d1d792.txt"


@pytest.mark.parametrize("name, form", [
    (MD_2014, "markdown"), (MD_2018, "markdown"), (SCRAPED_2014, "scraped"),
    (SCRAPED_2016, "scraped"), (LINES_2018, "lines"),
])
def test_every_shipped_seed_is_read_in_its_form(name, form):
    doc = read_seed(name)
    assert doc is not None and doc.form == form
    assert doc.date == SEED_DATES[name]
    assert detect_form(doc.text) == form


def test_markdown_heading_passage_stops_at_the_next_heading_and_points_at_its_line():
    doc = read_seed(MD_2014)
    passage = find_section(doc, "Ubuntu")
    assert passage.method == "heading" and passage.date == "2014-02"
    assert passage.text.startswith("## Ubuntu\n")
    assert "[12.04 Precise Pangolin](http://releases.ubuntu.com/precise/)" in passage.text
    assert "Ubuntu Python Packages" not in passage.text and "Red Hat" not in passage.text
    assert doc.text.split("\n")[passage.line - 1] == "## Ubuntu"


def test_headings_compare_ignoring_case_and_punctuation():
    doc = read_seed(SCRAPED_2016)
    passage = find_section(doc, "operating system LEARNING checklist")
    assert passage is not None
    assert "Choose either a Debian-based Linux distribution" in passage.text
    assert find_section(doc, "Ubuntu") is None  # this scrape lost its "Ubuntu" heading


def test_ubuntu_lesson_shows_each_version_oldest_first():
    refs = [SourceRef(file=MD_2014, section="Ubuntu"), SourceRef(file=SCRAPED_2014, section="Ubuntu"),
            SourceRef(file=SCRAPED_2016, section="Ubuntu"), SourceRef(file=MD_2018, section="Canonical's Ubuntu Linux"),
            SourceRef(file=LINES_2018)]
    passages = passages_for(list(reversed(refs)))
    assert [p.date for p in passages] == ["2014-02", "2014-02", "2016-04", "2018-05", "2018-05"]
    by_file = {p.file: p for p in passages}
    assert "12.04 Precise Pangolin is the latest" in by_file[SCRAPED_2014].text
    # 2016: no heading in the scrape, so the paragraphs are found by matching the other versions.
    assert by_file[SCRAPED_2016].method == "matched"
    assert "As of April 2016, 16.04 Xenial Xerus is the latest" in by_file[SCRAPED_2016].text
    assert "Red Hat Enterprise Linux (RHEL)" not in by_file[SCRAPED_2016].text
    assert "Recommended operating systems" not in by_file[SCRAPED_2016].text
    assert "[18.04 Bionic Beaver]" in by_file[MD_2018].text
    assert by_file[MD_2018].text.startswith("### Canonical's Ubuntu Linux")
    assert "As of May 2018, 18.04 Bionic Beaver is the latest" in by_file[LINES_2018].text


def test_every_lesson_has_a_passage_for_each_seed_it_names(curriculum):
    for lesson in curriculum.lessons:
        passages = lesson_passages(lesson)
        assert len(passages) == len([ref for ref in lesson.sources if ref.file]), lesson.id
        assert all(p.method != "missing" and p.text.strip() for p in passages), lesson.id


def test_a_reference_without_section_is_matched_against_the_other_versions():
    refs = [SourceRef(file=MD_2014, section="Red Hat and CentOS"), SourceRef(file=LINES_2018)]
    passages = passages_for(refs)
    lines = passages[1]
    assert lines.file == LINES_2018 and lines.method == "matched"
    paragraphs = lines.text.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Red Hat Enterprise Linux (RHEL)")
    assert "Yellowdog Updater, Modified (YUM)" in paragraphs[1]
    assert lines.note and "comparing" in lines.note
    # The line points at the first matched paragraph in the file.
    assert read_seed(LINES_2018).text.split("\n")[lines.line - 1].startswith("Red Hat Enterprise Linux")


def test_missing_seed_and_unknown_heading_fall_back_with_a_note():
    passages = passages_for([SourceRef(file="nope.txt", date="2014-02", section="Ubuntu"),
                             SourceRef(file=MD_2014, section="No such heading")])
    by_method = {p.method: p for p in passages}
    assert by_method["missing"].file == "nope.txt" and "not installed" in by_method["missing"].note
    page = by_method["page"]
    assert page.text.startswith("title: Operating Systems") and "whole page" in page.note


def test_since_then_refs_are_skipped():
    assert passages_for([SourceRef(note="CentOS Linux reached end of life", date="2024-06")]) == []


def test_markdown_parsing_ignores_headings_in_code_and_keeps_subsections_of_empty_headings():
    text = ("title: T\nslug: t\n\n# Page\nLead text.\n\n## Empty\n### Child\nChild text.\n\n"
            "```\n## not a heading\n```\n\n## Next\nNext text.\n")
    doc = parse_seed("x.txt", text, date="2020-01")
    assert doc.form == "markdown"
    assert doc.headings() == ["Page", "Empty", "Child", "Next"]
    empty = find_section(doc, "Empty")
    assert "### Child" in empty.text and "## not a heading" in empty.text and "Next text" not in empty.text
    page = find_section(doc, "Page")
    assert page.text == "# Page\n\nLead text."


def test_lines_form_joins_a_paragraph_broken_over_lines():
    doc = parse_seed("y.txt", "First paragraph ends here.\nLinux System Mining with Python\n"
                              "shows how to gather system information using the platform\nmodule and\n"
                              "some of your own Python code.\nlinux-internals is a series of posts.\n")
    assert doc.form == "lines"
    texts = [block.text for block in doc.blocks]
    assert texts == [
        "First paragraph ends here.",
        "Linux System Mining with Python shows how to gather system information using the platform "
        "module and some of your own Python code.",
        "linux-internals is a series of posts.",
    ]


def test_similarity_sees_through_markdown_and_tells_different_paragraphs_apart():
    markdown = ("RHEL and CentOS use a different package manager and command-line interface\n"
                "from Debian-based Linux distributions: [RPM](http://rpm.org) and *YUM*.")
    plain = ("RHEL and CentOS use a different package manager and command-line interface from "
             "Debian-based Linux distributions: RPM and YUM.")
    other = "Ubuntu is a Linux distribution packaged by the Canonical Ltd company."
    assert similarity(markdown, plain) == 1.0
    assert similarity(plain, other) < 0.35
    assert similarity("too short", plain) == 0.0
    assert match_passage(parse_seed("z.txt", other + "\n"), [plain]) is None
