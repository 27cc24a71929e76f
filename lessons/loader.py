"""Read and validate lesson files and quiz banks.

A lesson file is Markdown with a YAML front matter block::

    ---
    id: ubuntu
    title: Ubuntu
    order: 30
    summary: Canonical's Debian-based distribution and its LTS releases.
    sources:
      - {file: 000_735c6881140933fc.txt, section: Ubuntu}
      # a lesson made by `oslearn import` cites its page instead:
      # - {url: "https://www.fullstackpython.com/ubuntu.html"}
    resources:
      - {title: Canonical Ltd, url: "http://www.canonical.com/", description: ..., versions: [...]}
    checklist:
      - {id: choose-lts, text: ...}
    ---
    ## First section
    ...

A quiz bank is a YAML mapping with ``id``, ``title`` and ``questions`` (see
``oslearn.lessons.model.Question`` and ``QUESTION_TYPES``).

YAML is read with PyYAML's safe loader only. Every problem is a ``ContentError`` that names
the file, the line, the field, what is wrong and what to do; one broken file never stops the
others from loading (``load_curriculum`` collects the problems in ``Curriculum.problems``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from oslearn.lessons.model import (
    QUESTION_TYPES,
    SEED_DATES,
    ChecklistItem,
    Curriculum,
    Lesson,
    Question,
    QuizBank,
    Resource,
    SourceRef,
)

#: Files larger than this are refused rather than parsed (bytes).
MAX_FILE_BYTES = 512 * 1024

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_URL = re.compile(r"^https?://[^\s]+$")
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")

LESSON_KEYS = {"id", "title", "order", "summary", "sources", "resources", "checklist"}
BANK_KEYS = {"id", "title", "questions"}
QUESTION_KEYS = {
    "id", "topic", "type", "prompt", "choices", "answer", "explanation", "source", "lesson", "section",
}


@dataclass
class ContentError(Exception):
    """A problem in a content file.

    Attributes:
        path: the file, as given to the loader.
        line: 1-based line of the problem (0 when the whole file is at fault).
        field: the field at fault, as a dotted path (``"resources[2].url"``), or ``""``.
        problem: what is wrong.
        fix: what to do about it.

    ``str()`` gives ``file:line: field: problem; fix``, the format ``oslearn check`` prints.
    """

    path: str
    line: int
    field: str
    problem: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"{self.field}: {self.problem}" if self.field else self.problem
        return f"{where}: {what}" + (f"; {self.fix}" if self.fix else "")


def builtin_content():
    """Return the built-in content folder (a ``Traversable``: ``lessons/`` and ``quizzes/``)."""
    return resources.files("oslearn.lessons") / "content"


def builtin_sources():
    """Return the folder of seed files shipped with the package (a ``Traversable``)."""
    return resources.files("oslearn.lessons") / "sources"


def known_source_files() -> set[str]:
    """Return the names of the seed files shipped in ``sources/``."""
    return {entry.name for entry in builtin_sources().iterdir() if entry.name.endswith(".txt")}


# --- reading text and YAML ------------------------------------------------------------


def _read_text(path, problems: list[ContentError]) -> str | None:
    """Read ``path`` as UTF-8 text with ``\\n`` line ends; record a problem and return None if
    it is too large, binary, or not UTF-8."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(ContentError(name, 0, "", f"cannot be read ({error.strerror or error})",
                                     "check the file exists and is readable"))
        return None
    if len(data) > MAX_FILE_BYTES:
        problems.append(ContentError(name, 0, "", f"is {len(data):,} bytes, over the {MAX_FILE_BYTES:,}-byte limit",
                                     "split it into several lessons"))
        return None
    if b"\x00" in data:
        problems.append(ContentError(name, 0, "", "is a binary file (it contains NUL bytes)",
                                     "save it as UTF-8 text"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(ContentError(name, line, "", f"is not UTF-8 text (byte 0x{data[error.start]:02x})",
                                     "save it as UTF-8"))
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        problems.append(ContentError(name, 1, "", "is empty", "add the content or delete the file"))
        return None
    return text


def _parse_yaml(text: str, name: str, first_line: int, problems: list[ContentError]):
    """Parse one YAML document with the safe loader.

    Returns ``(data, lines)`` where ``lines`` maps a field path tuple (``("resources", 2,
    "url")``) to its 1-based line in the file, or ``(None, {})`` after recording a problem.
    ``first_line`` is the file line of the YAML text's first line.
    """
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        hint = "fix the YAML syntax"
        if "\t" in text and ("tab" in str(error).lower() or (mark is not None and "\t" in _line_of(text, mark.line))):
            hint = "indent with spaces, not tabs"
        problems.append(ContentError(name, line, "", f"invalid YAML: {problem}", hint))
        return None, {}
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}

    def walk(current, prefix: tuple) -> None:
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                key = (*prefix, key_node.value)
                lines[key] = first_line + key_node.start_mark.line
                walk(value_node, key)
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                key = (*prefix, index)
                lines[key] = first_line + item.start_mark.line
                walk(item, key)

    if node is not None:
        lines[()] = first_line + node.start_mark.line
        walk(node, ())
    return data, lines


def _line_of(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""


def _field_name(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Checker:
    """Collects problems for one file while reading its fields."""

    def __init__(self, name: str, lines: dict[tuple, int], problems: list[ContentError]):
        self.name = name
        self.lines = lines
        self.problems = problems
        self.count = 0

    def line(self, path: tuple) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def fail(self, path: tuple, problem: str, fix: str) -> None:
        self.count += 1
        self.problems.append(ContentError(self.name, self.line(path), _field_name(path), problem, fix))

    def mapping(self, value, path: tuple, allowed: set[str], required: Iterable[str]) -> dict | None:
        if not isinstance(value, dict):
            self.fail(path, f"must be a mapping of keys to values, not {_type(value)}",
                      "write it as `key: value` lines")
            return None
        for key in value:
            if key not in allowed:
                self.fail((*path, key), f"unknown key {key!r}",
                          f"use one of {', '.join(sorted(allowed))}")
        for key in required:
            if key not in value or value[key] is None:
                self.fail(path, f"missing required key {key!r}", f"add `{key}:`")
        return value

    def text(self, data: dict, key: str, path: tuple, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not required:
            return str(value)
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail((*path, key), f"must be non-empty text, not {_type(value)}",
                      "write it as a string (quote it if it looks like a number or a date)")
            return ""
        return value.strip()

    def ident(self, data: dict, key: str, path: tuple) -> str:
        value = data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str) or not _ID.match(value):
            self.fail((*path, key), f"{value!r} is not a valid id",
                      "use lowercase letters, digits, '.', '-' and '_', starting with a letter or digit")
            return ""
        return value

    def string_list(self, data: dict, key: str, path: tuple) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
            self.fail((*path, key), f"must be a list of text items, not {_type(value)}",
                      "write it as `- item` lines or `[a, b]`")
            return ()
        return tuple(str(v).strip() for v in value)


def _type(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)


def _source(check: _Checker, value, path: tuple, seeds: set[str]) -> SourceRef | None:
    # A source names a shipped seed `file`, a dated since-then `note`, or the `url` of the
    # page a lesson was imported from (`oslearn import` writes `url`; a `file` must always be
    # one of the shipped seeds, wherever the curriculum lives).
    data = check.mapping(value, path, {"file", "date", "section", "note", "url"}, ())
    if data is None:
        return None
    file = check.text(data, "file", path, required=False)
    note = check.text(data, "note", path, required=False)
    date = check.text(data, "date", path, required=False)
    url = check.text(data, "url", path, required=False)
    if url and not _URL.match(url):
        check.fail((*path, "url"), f"{url!r} is not an absolute http(s) URL", "write the page's full URL")
        return None
    if not file and not note and url:
        if date and not _DATE.match(date):
            check.fail((*path, "date"), f"{date!r} is not a date", "write it as YYYY-MM or YYYY-MM-DD")
        return SourceRef(url=url, date=date, section=check.text(data, "section", path, required=False))
    if not file and not note:
        check.fail(path, "names neither a seed `file` nor a since-then `note`",
                   f"add `file:` (one of {', '.join(sorted(seeds))}) or `note:` with a dated fact")
        return None
    if file and file not in seeds:
        check.fail((*path, "file"), f"{file!r} is not a source file",
                   f"use one of {', '.join(sorted(seeds))}")
        return None
    if date and not _DATE.match(date):
        check.fail((*path, "date"), f"{date!r} is not a date", "write it as YYYY-MM or YYYY-MM-DD")
    if not file and not date:
        check.fail((*path, "date"), "a since-then note needs the date it was true",
                   "add `date: YYYY-MM`")
    return SourceRef(file=file, date=date or SEED_DATES.get(file, ""),
                     section=check.text(data, "section", path, required=False), note=note, url=url)


# --- lessons --------------------------------------------------------------------------


def split_front_matter(text: str, name: str, problems: list[ContentError]) -> tuple[str, str, int] | None:
    """Split a lesson file's text into ``(front_matter, body, body_line)``.

    ``body_line`` is the 1-based line where the body starts. Records a problem and returns
    None when the file does not open with a ``---`` line or the block is not closed.
    """
    lines = text.split("\n")
    if lines[0].strip() != "---":
        problems.append(ContentError(name, 1, "", "does not start with a front matter block",
                                     "start the file with a line `---`, the YAML fields, then `---`"))
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    problems.append(ContentError(name, 1, "", "front matter block is not closed",
                                 "end the YAML fields with a line `---`"))
    return None


def parse_lesson(path, problems: list[ContentError], seeds: set[str] | None = None) -> Lesson | None:
    """Read one lesson file.

    Args:
        path: a ``Path`` or ``Traversable`` of a ``.md`` file.
        problems: list the problems found are appended to.
        seeds: the valid source file names (default: the shipped seeds).
    Returns:
        the ``Lesson``, or ``None`` if the file had any problem (all of them are recorded).
    """
    name = str(path)
    seeds = known_source_files() if seeds is None else seeds
    text = _read_text(path, problems)
    if text is None:
        return None
    parts = split_front_matter(text, name, problems)
    if parts is None:
        return None
    front, body, body_line = parts
    data, lines = _parse_yaml(front, name, 2, problems)
    if data is None and not lines:
        if front.strip() == "" and not any(p.path == name for p in problems[-1:]):
            problems.append(ContentError(name, 2, "", "front matter is empty",
                                         "add id, title, order, summary and sources"))
        return None
    check = _Checker(name, lines, problems)
    data = check.mapping(data, (), LESSON_KEYS, ("id", "title", "order", "summary", "sources"))
    if data is None:
        return None
    lesson_id = check.ident(data, "id", ())
    title = check.text(data, "title", ())
    summary = check.text(data, "summary", ())
    order = data.get("order")
    if order is not None and (not isinstance(order, int) or isinstance(order, bool)):
        check.fail(("order",), f"must be a whole number, not {_type(order)}", "write e.g. `order: 30`")
    sources: list[SourceRef] = []
    raw_sources = data.get("sources")
    if raw_sources is not None:
        if not isinstance(raw_sources, list) or not raw_sources:
            check.fail(("sources",), "must be a non-empty list", "list the seed files the lesson is derived from")
        else:
            for index, item in enumerate(raw_sources):
                ref = _source(check, item, ("sources", index), seeds)
                if ref:
                    sources.append(ref)
    resources_ = _resources(check, data.get("resources"), seeds)
    checklist = _checklist(check, data.get("checklist"))
    if not body.strip():
        check.fail((), "has no body after the front matter", "write the lesson text under `##` headings")
    if check.count:
        return None
    return Lesson(id=lesson_id, title=title, order=order, summary=summary, sources=tuple(sources),
                  resources=tuple(resources_), checklist=tuple(checklist), body=body,
                  body_line=body_line, path=path)


def _resources(check: _Checker, value, seeds: set[str]) -> list[Resource]:
    out: list[Resource] = []
    if value is None:
        return out
    if not isinstance(value, list):
        check.fail(("resources",), f"must be a list, not {_type(value)}", "write each resource as a `- title: ...` item")
        return out
    for index, item in enumerate(value):
        path = ("resources", index)
        data = check.mapping(item, path, {"title", "url", "description", "versions"}, ("title", "url"))
        if data is None:
            continue
        url = check.text(data, "url", path)
        if url and not _URL.match(url):
            check.fail((*path, "url"), f"{url!r} is not an absolute http(s) URL", "write the full URL, starting with https://")
        versions = check.string_list(data, "versions", path)
        for version in versions:
            if version not in seeds:
                check.fail((*path, "versions"), f"{version!r} is not a source file", f"use names from {', '.join(sorted(seeds))}")
        out.append(Resource(title=check.text(data, "title", path), url=url,
                            description=check.text(data, "description", path, required=False),
                            versions=versions))
    return out


def _checklist(check: _Checker, value) -> list[ChecklistItem]:
    out: list[ChecklistItem] = []
    if value is None:
        return out
    if not isinstance(value, list):
        check.fail(("checklist",), f"must be a list, not {_type(value)}", "write each step as a `- id: ...` item")
        return out
    seen: set[str] = set()
    for index, item in enumerate(value):
        path = ("checklist", index)
        data = check.mapping(item, path, {"id", "text", "detail", "links"}, ("id", "text"))
        if data is None:
            continue
        item_id = check.ident(data, "id", path)
        if item_id in seen:
            check.fail((*path, "id"), f"duplicate checklist id {item_id!r}", "give every step its own id")
        seen.add(item_id)
        links = check.string_list(data, "links", path)
        for link in links:
            if not _URL.match(link):
                check.fail((*path, "links"), f"{link!r} is not an absolute http(s) URL", "write the full URL")
        out.append(ChecklistItem(id=item_id, text=check.text(data, "text", path),
                                 detail=check.text(data, "detail", path, required=False), links=links))
    return out


# --- quiz banks -----------------------------------------------------------------------


def parse_bank(path, problems: list[ContentError], seeds: set[str] | None = None) -> QuizBank | None:
    """Read one quiz bank file.

    Args:
        path: a ``Path`` or ``Traversable`` of a ``.yaml`` file.
        problems: list the problems found are appended to.
        seeds: the valid source file names (default: the shipped seeds).
    Returns:
        the ``QuizBank`` with every valid question; ``None`` if the file itself is unusable.
        A broken question is recorded and left out; the others load.
    """
    name = str(path)
    seeds = known_source_files() if seeds is None else seeds
    text = _read_text(path, problems)
    if text is None:
        return None
    data, lines = _parse_yaml(text, name, 1, problems)
    if data is None and not lines:
        return None
    check = _Checker(name, lines, problems)
    data = check.mapping(data, (), BANK_KEYS, ("id", "title", "questions"))
    if data is None:
        return None
    bank_id = check.ident(data, "id", ())
    title = check.text(data, "title", ())
    raw = data.get("questions")
    if raw is not None and not isinstance(raw, list):
        check.fail(("questions",), f"must be a list, not {_type(raw)}", "write each question as a `- id: ...` item")
        return None
    if check.count:
        return None
    bank = QuizBank(id=bank_id, title=title, path=path)
    for index, item in enumerate(raw or []):
        before = check.count
        question = _question(check, item, ("questions", index), seeds, bank_id)
        if question is not None and check.count == before:
            bank.questions.append(question)
    return bank


def _question(check: _Checker, value, path: tuple, seeds: set[str], bank_id: str) -> Question | None:
    data = check.mapping(value, path, QUESTION_KEYS,
                         ("id", "topic", "type", "prompt", "answer", "explanation", "source"))
    if data is None:
        return None
    qtype = data.get("type")
    if qtype is not None and qtype not in QUESTION_TYPES:
        check.fail((*path, "type"), f"unknown question type {qtype!r}", f"use one of {', '.join(QUESTION_TYPES)}")
        return None
    choices = check.string_list(data, "choices", path)
    answer_path = (*path, "answer")
    raw = data.get("answer")
    answer: object = None
    if raw is None or qtype is None:
        pass
    elif qtype == "true_false":
        if not isinstance(raw, bool):
            check.fail(answer_path, f"must be true or false, not {_type(raw)}", "write `answer: true` or `answer: false`")
        answer = raw
    elif qtype == "single":
        if len(choices) < 2:
            check.fail((*path, "choices"), "a single-choice question needs at least two choices", "add `choices:`")
        answer = str(raw).strip() if isinstance(raw, (str, int, float)) and not isinstance(raw, bool) else None
        if answer is None:
            check.fail(answer_path, f"must be the text of one choice, not {_type(raw)}", "copy the right choice's text")
        elif choices and answer not in choices:
            check.fail(answer_path, f"{answer!r} is not among the choices", "copy the right choice's text exactly")
    elif qtype in ("multiple", "ordering", "typed"):
        items = check.string_list(data, "answer", path)
        answer = items
        if not items:
            check.fail(answer_path, "must be a non-empty list", f"list {QUESTION_TYPES[qtype]}")
        elif qtype == "multiple":
            if len(choices) < 2:
                check.fail((*path, "choices"), "a multiple-answer question needs at least two choices", "add `choices:`")
            for item in items:
                if item not in choices:
                    check.fail(answer_path, f"{item!r} is not among the choices", "copy the choice's text exactly")
        elif qtype == "ordering":
            if choices and sorted(choices) != sorted(items):
                check.fail(answer_path, "does not hold exactly the items of `choices`",
                           "list every choice once, in the right order (or leave out `choices`)")
            if len(items) < 2:
                check.fail(answer_path, "an ordering question needs at least two items", "add items")
    elif qtype == "matching":
        if not isinstance(raw, dict) or len(raw) < 2 or not all(
            isinstance(k, (str, int, float)) and isinstance(v, (str, int, float)) for k, v in raw.items()
        ):
            check.fail(answer_path, f"must map each left item to its right item (two pairs or more), not {_type(raw)}",
                       "write `answer:` then `  left: right` lines")
        else:
            answer = tuple((str(k).strip(), str(v).strip()) for k, v in raw.items())
            missing = [right for _, right in answer if choices and right not in choices]
            for right in missing:
                check.fail(answer_path, f"{right!r} is not among the choices", "add it to `choices` or fix the pair")
    lesson = check.ident(data, "lesson", path) if data.get("lesson") is not None else ""
    section = check.ident(data, "section", path) if data.get("section") is not None else ""
    source = _source(check, data.get("source"), (*path, "source"), seeds) if data.get("source") is not None else None
    question_id = check.ident(data, "id", path)
    topic = check.text(data, "topic", path)
    prompt = check.text(data, "prompt", path)
    explanation = check.text(data, "explanation", path)
    if source is None or answer is None:
        return None
    return Question(id=question_id, topic=topic, type=qtype, prompt=prompt, answer=answer,
                    explanation=explanation, source=source, choices=choices, lesson=lesson,
                    section=section, bank=bank_id)


# --- whole trees ----------------------------------------------------------------------


def _entries(folder, suffixes: tuple[str, ...]) -> list:
    try:
        if not folder.is_dir():
            return []
        return sorted((e for e in folder.iterdir() if e.name.endswith(suffixes) and e.is_file()),
                      key=lambda e: e.name)
    except OSError:
        return []


def load_curriculum(root=None, *, check_links: bool = False) -> Curriculum:
    """Load every lesson and quiz bank under ``root``.

    Args:
        root: a folder (``Path`` or ``Traversable``) holding ``lessons/*.md`` and
            ``quizzes/*.yaml``; default the built-in content.
        check_links: also check cross-file facts that need every lesson body parsed: that
            each question's ``lesson`` and ``section`` exist (``oslearn check`` sets it).
    Returns:
        a ``Curriculum``; the files that failed are left out and described in ``problems``.
        Ids repeated across files are problems too (the later file's item is dropped).
    """
    root = builtin_content() if root is None else root
    problems: list[ContentError] = []
    seeds = known_source_files()
    curriculum = Curriculum(problems=problems)
    lesson_ids: dict[str, str] = {}
    for entry in _entries(root / "lessons", (".md",)):
        lesson = parse_lesson(entry, problems, seeds)
        if lesson is None:
            continue
        if lesson.id in lesson_ids:
            problems.append(ContentError(str(entry), 2, "id", f"duplicate lesson id {lesson.id!r} (also in {lesson_ids[lesson.id]})",
                                         "give this lesson an id of its own; never reuse an id"))
            continue
        lesson_ids[lesson.id] = str(entry)
        curriculum.lessons.append(lesson)
    curriculum.lessons.sort(key=lambda lesson: (lesson.order, lesson.id))
    question_ids: dict[str, str] = {}
    bank_ids: dict[str, str] = {}
    for entry in _entries(root / "quizzes", (".yaml", ".yml")):
        bank = parse_bank(entry, problems, seeds)
        if bank is None:
            continue
        if bank.id in bank_ids:
            problems.append(ContentError(str(entry), 1, "id", f"duplicate bank id {bank.id!r} (also in {bank_ids[bank.id]})",
                                         "give this bank an id of its own"))
            continue
        bank_ids[bank.id] = str(entry)
        kept = []
        for question in bank.questions:
            if question.id in question_ids:
                problems.append(ContentError(str(entry), _question_line(entry, question.id), "id",
                                             f"duplicate question id {question.id!r} (also in {question_ids[question.id]})",
                                             "give this question an id of its own; never reuse an id"))
                continue
            question_ids[question.id] = str(entry)
            kept.append(question)
        bank.questions = kept
        curriculum.banks.append(bank)
    if check_links:
        _check_links(curriculum)
    return curriculum


def _question_line(entry, question_id: str) -> int:
    try:
        for number, line in enumerate(entry.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(rf"^\s*-?\s*id:\s*['\"]?{re.escape(question_id)}['\"]?\s*$", line):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def _check_links(curriculum: Curriculum) -> None:
    lessons = {lesson.id: lesson for lesson in curriculum.lessons}
    for bank in curriculum.banks:
        for question in bank.questions:
            if not question.lesson:
                continue
            line = _question_line(bank.path, question.id)
            lesson = lessons.get(question.lesson)
            if lesson is None:
                curriculum.problems.append(ContentError(str(bank.path), line, f"{question.id}.lesson",
                                                        f"no lesson has id {question.lesson!r}",
                                                        f"use one of {', '.join(sorted(lessons))}"))
            elif question.section and question.section not in {s.id for s in lesson.sections}:
                curriculum.problems.append(ContentError(str(bank.path), line, f"{question.id}.section",
                                                        f"lesson {lesson.id!r} has no section {question.section!r}",
                                                        f"use one of {', '.join(s.id for s in lesson.sections)}"))


def check_paths(paths: list[Path] | None) -> tuple[Curriculum, list[ContentError]]:
    """Validate content for ``oslearn check``.

    Args:
        paths: files or content folders to check; ``None`` or empty checks the built-in content.
            A folder is read as a content root (``lessons/``, ``quizzes/``); if it has neither,
            its ``.md`` and ``.yaml`` files are checked directly. A file is checked by suffix.
    Returns:
        ``(curriculum, problems)``: what loaded from the last root, and every problem found.
    """
    if not paths:
        curriculum = load_curriculum(check_links=True)
        return curriculum, list(curriculum.problems)
    problems: list[ContentError] = []
    curriculum = Curriculum()
    seeds = known_source_files()
    for path in paths:
        if path.is_dir() and ((path / "lessons").is_dir() or (path / "quizzes").is_dir()):
            curriculum = load_curriculum(path, check_links=True)
            problems.extend(curriculum.problems)
        elif path.is_dir():
            for entry in sorted(path.iterdir()):
                problems.extend(_check_file(entry, seeds))
        elif path.exists():
            problems.extend(_check_file(path, seeds))
        else:
            problems.append(ContentError(str(path), 0, "", "does not exist", "give the path of a lesson file or folder"))
    return curriculum, problems


def _check_file(path: Path, seeds: set[str]) -> list[ContentError]:
    problems: list[ContentError] = []
    if path.name == "curriculum.yaml":  # names an added curriculum, see oslearn.lessons.curricula
        from oslearn.lessons.curricula import read_manifest

        read_manifest(path.parent, problems)
    elif path.suffix == ".md":
        parse_lesson(path, problems, seeds)
    elif path.suffix in (".yaml", ".yml"):
        parse_bank(path, problems, seeds)
    return problems
