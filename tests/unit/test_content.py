"""The built-in curriculum, checked against its sources.

These tests fail when the curriculum leaves out a part of any version of the page (a
heading or a link), when it quotes the page wrongly, when a fact from after the page is not
in a dated note, or when a file breaks the content rules (ids, answers, sources).

The Markdown versions (000, 001) give headings and links in markup and are read directly.
The scraped versions (002, 003, 004) are described by ``seed_manifest.yaml``, which is
itself checked against the files. See also the lesson "How this page changed, 2014 to 2018",
whose tables are generated here and compared.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from oslearn.lessons import QUESTION_TYPES, load_curriculum
from oslearn.lessons.loader import builtin_content, builtin_sources, check_paths
from oslearn.lessons.model import QUESTION_TOPICS, SEED_DATES, SEED_VERSIONS

HERE = Path(__file__).resolve().parents[1] / "data"
BOOK = "https://www.fullstackpython.com"
MARKDOWN_SEEDS = ("000_735c6881140933fc.txt", "001_fae48d724783d07a.txt")
#: The versions in the order the page was written (see sources/README.md).
CHRONOLOGICAL = ("000_735c6881140933fc.txt", "002_e8fc5ae7436c4cc9.txt", "003_2d4e56c3b7f38875.txt",
                 "001_fae48d724783d07a.txt", "004_035ea28f98d1d792.txt")
CODES = {name[:3]: name for name in CHRONOLOGICAL}
MONTHS = ("January February March April May June July August September October November "
          "December").split()


# --- reading the sources ------------------------------------------------------------------


@lru_cache(maxsize=None)
def manifest() -> dict:
    return yaml.safe_load((HERE / "seed_manifest.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def seed_text(name: str) -> str:
    return (builtin_sources() / name).read_text(encoding="utf-8")


def plain(text: str) -> str:
    """Text reduced for phrase comparison: Markdown links become their text; emphasis,
    escapes, code marks, bullets, heading marks and HTML tags go; whitespace collapses."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?m)^\s*#+\s*", "", text)
    for mark in ("\\", "*", "`", "•"):
        text = text.replace(mark, " " if mark == "•" else "")
    text = text.replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip()


def chrome_free_lines(name: str) -> list[str]:
    """The seed's lines without the site furniture the manifest lists."""
    entry = manifest().get(name, {}) or {}
    chrome = set(entry.get("chrome", []))
    prefixes = tuple(entry.get("chrome_prefix", []))
    return [line for line in seed_text(name).splitlines()
            if line.strip() not in chrome and not (prefixes and line.strip().startswith(prefixes))]


@lru_cache(maxsize=None)
def seed_plain(name: str) -> str:
    return plain("\n".join(chrome_free_lines(name)))


def in_seed(phrase: str, name: str) -> bool:
    return plain(phrase) in seed_plain(name)


@lru_cache(maxsize=None)
def markdown_tokens(name: str):
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").parse(seed_text(name))


@lru_cache(maxsize=None)
def markdown_links(name: str) -> tuple[tuple[str, str], ...]:
    """``(text, absolute url)`` of every link in a Markdown seed, in order."""
    out = []
    for token in markdown_tokens(name):
        if token.type != "inline":
            continue
        href, words = None, []
        for child in token.children:
            if child.type == "link_open":
                href, words = child.attrGet("href"), []
            elif child.type == "link_close" and href is not None:
                url = BOOK + href if href.startswith("/") else href
                out.append((re.sub(r"\s+", " ", "".join(words)).strip(), url))
                href = None
            elif href is not None and child.type in ("text", "code_inline"):
                words.append(child.content)
            elif href is not None and child.type == "softbreak":
                words.append(" ")
    return tuple(out)


@lru_cache(maxsize=None)
def markdown_headings(name: str) -> tuple[str, ...]:
    tokens = markdown_tokens(name)
    return tuple(tokens[i + 1].content.strip() for i, t in enumerate(tokens) if t.type == "heading_open")


def seed_headings(name: str) -> tuple[str, ...]:
    if name in MARKDOWN_SEEDS:
        return markdown_headings(name)
    return tuple((manifest().get(name) or {}).get("headings", []))


def link_texts_by_url() -> dict[str, set[str]]:
    """Every link text the Markdown versions use for each address."""
    out: dict[str, set[str]] = defaultdict(set)
    for name in MARKDOWN_SEEDS:
        for text, url in markdown_links(name):
            out[url].add(text)
    return out


def expected_links(name: str) -> set[str]:
    """The addresses version ``name`` links: read from Markdown, or through the manifest."""
    if name in MARKDOWN_SEEDS:
        return {url for _, url in markdown_links(name)}
    entry = manifest()[name]
    if "same_as" in entry:
        return {url for text, url in markdown_links(entry["same_as"]) if in_seed(text, name)}
    urls = set()
    for text in entry.get("links", []):
        urls |= {url for url, texts in link_texts_by_url().items() if text in texts}
    return urls


# --- reading the lessons --------------------------------------------------------------------


@pytest.fixture(scope="module")
def content():
    curriculum, problems = check_paths(None)
    assert problems == [], "\n".join(map(str, problems))
    return curriculum


def blockquotes(markdown: str) -> list[str]:
    """The text of each blockquote (``>`` lines joined), markers removed."""
    out, current = [], []
    for line in markdown.splitlines() + [""]:
        if line.startswith(">"):
            current.append(line[1:].strip())
        elif current:
            out.append(" ".join(current).strip())
            current = []
    return out


NOTE = re.compile(r"^\*\*(Since then|Beyond the page) \(as of (?:(%s) )?(\d{4})\):\*\*" % "|".join(MONTHS))


def dated_notes(markdown: str) -> list[tuple[str, str, str]]:
    """``(kind, date, text)`` for each since-then or beyond-the-page note; date is
    ``YYYY`` or ``YYYY-MM``."""
    out = []
    for quote in blockquotes(markdown):
        match = NOTE.match(quote)
        if match:
            kind, month, year = match.groups()
            date = f"{year}-{MONTHS.index(month) + 1:02d}" if month else year
            out.append((kind, date, quote))
    return out


def curly_quotes(text: str) -> list[str]:
    """The phrases in “curly quotes”, which the lessons reserve for word-for-word quotes."""
    return re.findall(r"“([^”]+)”", re.sub(r"(?m)^>\s?", "", text))


def section_of(lesson, title: str) -> str:
    for section in lesson.sections:
        if section.title == title:
            return section.markdown
    raise AssertionError(f"lesson {lesson.id} has no section {title!r}")


# --- the generated tables of "How this page changed" ---------------------------------------

#: Parts of the page: (row label, headings it goes by, a phrase only that part holds).
PARTS = (
    ("Opening", ("Operating Systems",), "controls access to computing resources"),
    ("Why operating systems are necessary", ("Why are operating systems necessary?",), "hunting down a memory leak"),
    ("Recommended operating systems", ("Recommended operating systems",), "only recommended operating system"),
    ("Ubuntu", ("Ubuntu", "Canonical's Ubuntu Linux"), "packaged by the Canonical Ltd company"),
    ("Ubuntu Python packages", ("Ubuntu Python Packages",), "Aptitude packages found on Linux servers"),
    ("Red Hat and CentOS", ("Red Hat and CentOS",), "Yellowdog Updater, Modified"),
    ("Reading list", ("Operating System Resources", "Operating system resources",
                      "Learning how operating systems work"), "First 5 Minutes on a Server"),
    ("Choosing an OS", ("Choosing an OS resources",), "Distro chooser"),
    ("Learning checklist", ("Operating systems learning checklist", "Operating system learning checklist"),
     "Harden the security"),
    ("What next", ("What topic do you need to learn to keep going?",), "platform-as-a-service"),
)
COLUMN = {"000_735c6881140933fc.txt": "2014", "002_e8fc5ae7436c4cc9.txt": "later 2014",
          "003_2d4e56c3b7f38875.txt": "2016", "001_fae48d724783d07a.txt": "2018",
          "004_035ea28f98d1d792.txt": "2018 web copy"}


def parts_table() -> str:
    """The side-by-side table: for each part and version, the heading it has there, "✓ no
    heading" when its text is there without one, or "—" when it is not there."""
    rows = ["| part of the page | " + " | ".join(COLUMN[n] for n in CHRONOLOGICAL) + " |",
            "| --- |" + " --- |" * len(CHRONOLOGICAL)]
    for label, headings, phrase in PARTS:
        cells = []
        for name in CHRONOLOGICAL:
            heading = next((h for h in headings if h in seed_headings(name)), None)
            if heading:
                cells.append(f"“{heading}”")
            elif in_seed(phrase, name):
                cells.append("✓ no heading")
            else:
                cells.append("—")
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def list_entries(name: str, heading: str) -> int:
    """How many entries the reading list under ``heading`` has in version ``name``."""
    if name in MARKDOWN_SEEDS:
        tokens = markdown_tokens(name)
        start = next(i for i, t in enumerate(tokens) if t.type == "heading_open" and tokens[i + 1].content.strip() == heading)
        count = 0
        for token in tokens[start + 3:]:
            if token.type == "heading_open":
                break
            if token.type == "list_item_open" and token.level == 1:
                count += 1
        return count
    lines = chrome_free_lines(name)
    start = next(i for i, line in enumerate(lines) if line.strip() == heading)
    count = 0
    for line in lines[start + 1:]:
        if line.strip() in seed_headings(name):
            break
        count += line.strip().startswith("•")
    return count


READING_LISTS = (
    ("000_735c6881140933fc.txt", "Operating System Resources"),
    ("002_e8fc5ae7436c4cc9.txt", "Operating System Resources"),
    ("003_2d4e56c3b7f38875.txt", "Operating system resources"),
    ("001_fae48d724783d07a.txt", "Learning how operating systems work"),
    ("001_fae48d724783d07a.txt", "Choosing an OS resources"),
)


def lists_table() -> str:
    """How many entries each version's reading lists have."""
    rows = ["| version | reading list | entries |", "| --- | --- | --- |"]
    for name, heading in READING_LISTS:
        rows.append(f"| {COLUMN[name]} | “{heading}” | {list_entries(name, heading)} |")
    return "\n".join(rows)


def links_table(curriculum) -> str:
    """How many addresses each version links, counted from the lessons' resources (whose
    ``versions`` the tests check against the sources in both directions)."""
    linked: dict[str, set[str]] = defaultdict(set)
    for lesson in curriculum.lessons:
        for resource in lesson.resources:
            for version in resource.versions:
                linked[version].add(resource.url)
    rows = ["| version | " + " | ".join(COLUMN[n] for n in CHRONOLOGICAL) + " |",
            "| --- |" + " --- |" * len(CHRONOLOGICAL),
            "| addresses linked | " + " | ".join(str(len(linked[n])) for n in CHRONOLOGICAL) + " |"]
    return "\n".join(rows)


def table_in(markdown: str, first_cell: str) -> str:
    """The Markdown table in ``markdown`` whose header row starts with ``| first_cell |``."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_cell}"))
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return "\n".join(lines[start:end])


# --- the files follow the content rules ---------------------------------------------------


def raw_banks() -> list[tuple[str, dict]]:
    folder = builtin_content() / "quizzes"
    return [(entry.name, yaml.safe_load(entry.read_text(encoding="utf-8")))
            for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.name.endswith(".yaml")]


def test_every_file_loads_without_a_problem(content):
    raw_questions = sum(len(bank["questions"]) for _, bank in raw_banks())
    assert raw_questions == len(content.questions), "a question was dropped by the loader"
    lesson_files = [e for e in (builtin_content() / "lessons").iterdir() if e.name.endswith(".md")]
    assert len(lesson_files) == len(content.lessons), "a lesson was dropped by the loader"


def test_ids_are_unique_and_answers_are_among_the_choices():
    """Checked on the raw YAML, independently of the loader's own checks."""
    seen: dict[str, str] = {}
    for name, bank in raw_banks():
        for question in bank["questions"]:
            qid = question["id"]
            assert qid not in seen, f"question id {qid} in {name} repeats one in {seen[qid]}"
            seen[qid] = name
            choices, answer = question.get("choices") or [], question["answer"]
            kind = question["type"]
            if kind == "single":
                assert str(answer) in map(str, choices), qid
            elif kind == "multiple":
                assert set(map(str, answer)) <= set(map(str, choices)) and answer, qid
            elif kind == "ordering":
                assert sorted(map(str, answer)) == sorted(map(str, choices)), qid
            elif kind == "matching":
                assert set(map(str, answer.values())) <= set(map(str, choices)), qid
            elif kind == "true_false":
                assert isinstance(answer, bool), qid
            elif kind == "typed":
                assert isinstance(answer, list) and all(str(a).strip() for a in answer), qid
            elif kind == "command":
                commands = [answer] if isinstance(answer, str) else answer
                assert commands and all(isinstance(a, str) and a.strip() for a in commands), qid
            else:
                raise AssertionError(f"{qid}: unknown type {kind}")
    lesson_ids = Counter()
    for entry in (builtin_content() / "lessons").iterdir():
        front = entry.read_text(encoding="utf-8").split("---")[1]
        data = yaml.safe_load(front)
        lesson_ids[data["id"]] += 1
        items = Counter(item["id"] for item in data.get("checklist", []))
        assert all(n == 1 for n in items.values()), f"{entry.name}: checklist ids repeat"
    assert all(n == 1 for n in lesson_ids.values()), lesson_ids


def test_stable_ids_are_still_there(content):
    """Progress is keyed by these ids: they must never disappear or change meaning. Lessons
    that were merged into others (recommended-os, ubuntu, ubuntu-lts-releases,
    red-hat-centos, resources, what-next) are gone; the store keeps their ticks."""
    lessons = {"what-an-os-does": {"name-three-jobs"}, "choosing-an-os": {"pick-a-family", "try-distro-chooser"},
               "security-hardening": {"compare-2014-guide"}, "page-changes": {"spot-three-changes"},
               "checklist": {"choose-distribution", "install-fail2ban", "install-unattended-upgrades", "sudo-user",
                             "disable-root-login", "key-pair-login", "read-hardening", "python-packages",
                             "read-web-servers"}}
    for lesson_id, items in lessons.items():
        lesson = content.lesson(lesson_id)
        assert lesson is not None, lesson_id
        assert items <= {item.id for item in lesson.checklist}, lesson_id
    for qid in ("distro-macos-dev distro-windows-gevent distro-lts-support-years distro-lts-cadence distro-skip-lts "
                "distro-bionic-python-erratum distro-centos-relation distro-centos-eol distro-checklist-choice "
                "distro-freebsd-not-linux distro-centos-successors distro-centos-stream "
                "pm-rpm-format pm-yum-on-rpm pm-dnf-rhel8 pm-python3-names pm-debian-family "
                "pm-security-packages sec-hardening-steps").split():
        assert content.question(qid) is not None, qid


def test_every_source_names_a_real_file_and_section(content):
    refs = [(f"lesson {l.id}", ref) for l in content.lessons for ref in l.sources]
    refs += [(f"question {q.id}", q.source) for q in content.questions]
    files = {entry.name for entry in builtin_sources().iterdir()}
    for where, ref in refs:
        if not ref.file:
            assert ref.note and ref.date, f"{where}: a since-then source needs a note and a date"
            continue
        assert ref.file in files and ref.file in SEED_DATES, f"{where}: {ref.file}"
        if ref.section:
            assert ref.section in seed_headings(ref.file), f"{where}: {ref.file} has no section {ref.section!r}"
    for lesson in content.lessons:
        for resource in lesson.resources:
            assert resource.versions and set(resource.versions) <= files, f"{lesson.id}: {resource.url}"


# --- nothing of any version is left out ------------------------------------------------------


def test_manifest_agrees_with_the_scraped_versions():
    link_texts = {text for texts in link_texts_by_url().values() for text in texts}
    for name, entry in manifest().items():
        lines = {line.strip() for line in seed_text(name).splitlines()}
        if "same_as" in entry:
            assert entry["same_as"] in MARKDOWN_SEEDS
            continue
        for key in ("headings", "quoted", "chrome"):
            for line in entry.get(key, []):
                assert line in lines, f"{name}: {key} entry {line!r} is not a line of the file"
        for text in entry.get("links", []):
            assert in_seed(text, name), f"{name}: link text {text!r} is not in the file"
            assert text in link_texts, f"{name}: {text!r} is not the text of a link in a Markdown version"
        known = set(entry.get("headings", [])) | set(entry.get("quoted", [])) | set(entry.get("chrome", []))
        raw = seed_text(name).splitlines()
        for index, line in enumerate(raw):
            text = line.strip()
            alone = (index == 0 or not raw[index - 1].strip()) and (index + 1 == len(raw) or not raw[index + 1].strip())
            if text and alone and len(text) <= 80 and not text.startswith(("•", "1.", "2.", "3.", "4.")):
                assert text in known, f"{name}: line {index + 1} {text!r} looks like a section title; list it in seed_manifest.yaml"


def test_every_heading_of_every_version_is_covered_by_a_lesson(content):
    covered = {(ref.file, ref.section) for lesson in content.lessons for ref in lesson.sources}
    missing = [(name, heading) for name in CHRONOLOGICAL for heading in seed_headings(name)
               if (name, heading) not in covered]
    assert not missing, f"no lesson names these sections in its sources: {missing}"
    for name in CHRONOLOGICAL:
        assert any(ref.file == name for lesson in content.lessons for ref in lesson.sources), name


def test_every_quoted_line_of_the_scraped_versions_is_in_a_lesson(content):
    bodies = plain("\n".join(lesson.body for lesson in content.lessons))
    for name, entry in manifest().items():
        for line in entry.get("quoted", []):
            assert plain(line) in bodies, f"{name}: no lesson quotes {line!r}"


def test_every_link_of_every_version_is_a_resource(content):
    listed: dict[str, set[str]] = defaultdict(set)
    for lesson in content.lessons:
        for resource in lesson.resources:
            listed[resource.url] |= set(resource.versions)
    for name in CHRONOLOGICAL:
        for url in expected_links(name):
            assert url in listed, f"{name} links {url}, which no lesson lists as a resource"
            assert name in listed[url], f"the resource {url} does not list {name} among its versions"


def test_resource_versions_are_true_to_the_sources(content):
    texts = link_texts_by_url()
    versions_of: dict[str, set[str]] = {}
    for lesson in content.lessons:
        for resource in lesson.resources:
            where = f"{lesson.id}: {resource.url}"
            assert resource.title and resource.description and "\n" not in resource.description, where
            for name in resource.versions:
                if name in MARKDOWN_SEEDS:
                    assert resource.url in {url for _, url in markdown_links(name)}, f"{where}: not linked in {name}"
                else:
                    assert any(in_seed(text, name) for text in texts.get(resource.url, ())), \
                        f"{where}: {name} does not have the link's words"
            previous = versions_of.setdefault(resource.url, set(resource.versions))
            assert previous == set(resource.versions), f"{where}: versions differ from another lesson's entry"


# --- what the lessons say is true to the sources -----------------------------------------------


def test_curly_quotes_are_word_for_word_from_a_version(content):
    for lesson in content.lessons:
        for phrase in curly_quotes(lesson.body):
            assert any(in_seed(phrase, name) for name in CHRONOLOGICAL), f"{lesson.id}: “{phrase}” is in no version"


#: The words the course uses for each version (``SEED_VERSIONS``), longest first so that
#: "later 2014 version" is not read as "2014 version".
VERSION_WORDS = sorted(((words, name) for name, words in SEED_VERSIONS.items()), key=lambda item: -len(item[0]))


def versions_named(label: str) -> set[str]:
    """The seed files an erratum's label names in words ("2018 version, 2018 web copy")."""
    names, rest = set(), label
    for words, name in VERSION_WORDS:
        if words in rest:
            names.add(name)
            rest = rest.replace(words, "")
    return names


def test_errata_quote_the_error_and_name_its_versions(content):
    errata = []
    for lesson in content.lessons:
        for quote in blockquotes(lesson.body):
            if quote.startswith("**Erratum**"):
                label = quote.split(":", 1)[0]
                names = versions_named(label)
                assert names, f"{lesson.id}: an erratum must name its versions in words, e.g. **Erratum** (2018 version)"
                phrases = [p for p in curly_quotes(quote) if all(in_seed(p, n) for n in names)]
                assert phrases, f"{lesson.id}: erratum quotes nothing that is in {sorted(names)}: {quote[:80]}"
                errata.append((names, " ".join(phrases)))
    known = {"Xenial Xerus includes Python 3.6": {"001_fae48d724783d07a.txt", "004_035ea28f98d1d792.txt"},
             "Widnows": {"001_fae48d724783d07a.txt", "004_035ea28f98d1d792.txt"},
             "gevent simply do not work on Windows": {"001_fae48d724783d07a.txt", "004_035ea28f98d1d792.txt"},
             "implemention": {"002_e8fc5ae7436c4cc9.txt"},
             "many the computing tasks": {"002_e8fc5ae7436c4cc9.txt"},
             "skipping every other LTS release": set(CHRONOLOGICAL)}
    for error, names in known.items():
        assert any(error in phrases and names <= versions for versions, phrases in errata), \
            f"no erratum shows {error!r} for {sorted(names)}"


def test_notes_beyond_the_page_are_dated_and_set_apart(content):
    for lesson in content.lessons:
        for quote in blockquotes(lesson.body):
            label = quote.split(":**", 1)[0].lower()
            if "since then" in label or "beyond the page" in label:
                assert NOTE.match(quote), f"{lesson.id}: note label must be '**Since then (as of Month YYYY):**': {quote[:70]}"
        for section in lesson.sections:
            if dated_notes(section.markdown):
                continue  # a section with a dated note may use later names around it
            prose = "\n".join(line for line in section.markdown.splitlines() if not line.startswith(">"))
            for later in ("Rocky Linux", "AlmaLinux", "CentOS Stream", "DNF", "python3-dev", "python3-venv",
                          "Focal Fossa", "Jammy Jellyfish", "Noble Numbat", "Resolute Raccoon", "end of life",
                          "PEP 668", "sshd_config.d", "dnf-automatic"):
                assert later not in prose, f"{lesson.id} #{section.id}: {later!r} in a section with no dated note"


@pytest.mark.parametrize("fact", [
    ("choosing-an-os", "2026-11", "CentOS Linux 8 reached end of life on 31 December 2021"),
    ("choosing-an-os", "2026-11", "CentOS Linux 7 on 30 June 2024"),
    ("choosing-an-os", "2026-11", "CentOS Stream"),
    ("choosing-an-os", "2026-11", "Rocky Linux and AlmaLinux"),
    ("choosing-an-os", "2026-11", "In July 2023 AlmaLinux stopped aiming at a 1:1 copy of RHEL"),
    ("choosing-an-os", "2026-11", "Ubuntu Pro is free for personal use on up to five machines"),
    ("choosing-an-os", "2026-11", "its Legacy add-on runs further, past ten years"),
    ("choosing-an-os", "2026-11", "26.04 Resolute Raccoon, the newest"),
    ("package-managers", "2026-11", "DNF replaced YUM as the default package manager in Fedora 22 (2015) and RHEL 8"),
    ("package-managers", "2026-11", "Ubuntu 18.04 already did not install Python 2 by default"),
    ("package-managers", "2026-11", "in 20.04 the python and python-dev packages left the archive"),
    ("package-managers", "2026-11", "python-virtualenv's successor is python3-virtualenv"),
    ("package-managers", "2026-11", "since Ubuntu 23.04 and Debian 12"),
    ("security-hardening", "2026-11", "50-cloud-init.conf, written by cloud-init, can hold PasswordAuthentication yes"),
])
def test_the_since_then_facts_are_in_dated_notes(content, fact):
    lesson_id, date, text = fact
    notes = dated_notes(content.lesson(lesson_id).body)
    assert any(when == date and plain(text) in plain(note) for _, when, note in notes), fact


def test_questions_on_later_facts_rest_on_a_dated_note(content):
    for question in content.questions:
        if question.source.file:
            continue
        lesson = content.lesson(question.lesson)
        assert lesson is not None, f"{question.id}: a since-then question must name its lesson"
        notes = dated_notes(lesson.body)
        assert any(plain(question.source.note).casefold() in plain(note).casefold()
                   and question.source.date.startswith(when) for _, when, note in notes), \
            f"{question.id}: no note in {lesson.id} dated {question.source.date} says {question.source.note!r}"


# --- the quiz banks --------------------------------------------------------------------------


def test_quiz_banks_are_big_varied_and_complete(content):
    questions = content.questions
    assert len(questions) >= 100
    types = Counter(q.type for q in questions)
    assert set(types) == set(QUESTION_TYPES), types
    topics = Counter(q.topic for q in questions)
    assert set(topics) == set(QUESTION_TOPICS), topics
    for question in questions:
        assert question.explanation and question.lesson and question.section, question.id
        text = " ".join([question.prompt, question.explanation, *question.choices, str(question.answer)])
        assert "[" not in text, f"{question.id}: square brackets would be read as console markup"
        if question.type in ("single", "multiple"):
            assert len(question.choices) >= 3, question.id
        if question.type == "typed":
            assert all(len(answer) > 1 for answer in question.answer), question.id
    scenarios = [q for q in questions if re.search(r"\b(you|your)\b", q.prompt, re.I)]
    assert len(scenarios) >= len(questions) // 3, "too few questions that ask to apply the facts rather than recall them"


# --- "How this page changed" is generated from and checked against the sources ------------------


def test_side_by_side_tables_match_the_sources(content):
    lesson = content.lesson("page-changes")
    side = section_of(lesson, "Side by side")
    assert table_in(side, "part of the page") == parts_table()
    assert table_in(side, "version | reading list") == lists_table()
    assert table_in(side, "version | 2014") == links_table(content)


TIMELINE = re.compile(r"^- \*\*(Added|Dropped|Missing|Reworded|Kept)\*\* \(([^→]+) → ([^)]+)\): (.*)$")
SEED_BY_WORDS = {words: name for name, words in SEED_VERSIONS.items()}


def test_timeline_entries_are_true_to_the_versions_they_name(content):
    timeline = section_of(content.lesson("page-changes"), "Timeline")
    entries = [line for line in timeline.splitlines() if line.startswith("- ")]
    assert len(entries) >= 25
    for line in entries:
        match = TIMELINE.match(line)
        assert match, f"timeline entry not in the checked form: {line}"
        kind, before, after, rest = match.groups()
        old, new = SEED_BY_WORDS[before], SEED_BY_WORDS[after]
        quotes = curly_quotes(rest)
        assert quotes, line
        first = quotes[0]
        if kind == "Added":
            assert in_seed(first, new) and not in_seed(first, old), line
        elif kind in ("Dropped", "Missing"):
            assert in_seed(first, old) and not in_seed(first, new), line
        elif kind == "Kept":
            assert in_seed(first, old) and in_seed(first, new), line
        else:
            second = quotes[1]
            assert in_seed(first, old) and not in_seed(first, new), line
            assert in_seed(second, new) and not in_seed(second, old), line


if __name__ == "__main__":  # print the generated tables, to paste into the lesson
    print(parts_table())
    print()
    print(lists_table())
    print()
    print(links_table(load_curriculum()))
