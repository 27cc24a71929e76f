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
``oslearn.lessons.model.Question`` and ``QUESTION_TOPICS``); what a question's ``answer``
holds and how it is checked is up to its type's module in ``oslearn.lessons.questions``.

YAML is read with PyYAML's safe loader only. Every problem is a ``ContentError`` that names
the file, the line, the field, what is wrong and what to do; one broken file never stops the
others from loading (``load_curriculum`` collects the problems in ``Curriculum.problems``).
Whatever a file holds (bad YAML, tabs, wrong types, binary data, a huge file, deep nesting,
YAML aliases), the result is a list of problems, never an exception: ``oslearn check`` and
the app rely on that.
"""

from __future__ import annotations

import datetime
import functools
import re
import reprlib
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from oslearn.lessons import questions as question_types
from oslearn.lessons.text import (
    CONTROL_CHARACTERS, ID_PATTERN, TextProblem, describe_character, find_control_characters, is_web_url, read_text,
    remove_control_characters, visible,
)
from oslearn.lessons.model import (
    QUESTION_TOPICS,
    SEED_DATES,
    ChecklistItem,
    Curriculum,
    Lesson,
    Question,
    QuizBank,
    Resource,
    SourceRef,
)

#: Files larger than this are refused rather than parsed (bytes). The largest built-in
#: lesson is about 12 KB.
MAX_FILE_BYTES = 512 * 1024

LESSON_SUFFIXES = (".md",)
BANK_SUFFIXES = (".yaml", ".yml")

_ID = ID_PATTERN
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$")
#: Deepest nesting of YAML collections accepted; content files need four or five levels.
MAX_YAML_DEPTH = 32
#: libyaml's safe loader when PyYAML was built with it (about five times faster), else the
#: pure-Python one. Both build the same nodes and raise the same error classes.
_YAMLLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SHORT = reprlib.Repr()
_SHORT.maxstring = 60
_SHORT.maxother = 60

LESSON_KEYS = {"id", "title", "order", "summary", "sources", "resources", "checklist"}
BANK_KEYS = {"id", "title", "questions"}
#: Keys every question may have; a type may accept more (``QuestionType.keys``).
QUESTION_KEYS = {
    "id", "topic", "type", "prompt", "choices", "answer", "explanation", "source", "lesson", "section",
    "renamed_from",
}
SOURCE_KEYS = {"file", "date", "section", "note", "url"}
RESOURCE_KEYS = {"title", "url", "description", "versions"}
CHECKLIST_KEYS = {"id", "text", "detail", "links", "renamed_from"}


@dataclass
class ContentError(Exception):
    """A problem in a content file.

    Attributes:
        path: the file, as given to the loader.
        line: 1-based line of the problem (0 only for a path that does not exist).
        field: the field at fault, as a dotted path (``"resources[2].url"``), or ``""`` when
            the whole file is at fault.
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
        # A file name (or a quoted line) may hold control characters: written as escapes,
        # so the message names the file and sends no escape sequence to the terminal.
        return visible(f"{where}: {what}" + (f"; {self.fix}" if self.fix else ""))


def builtin_content():
    """Return the built-in content folder (a ``Traversable``: ``lessons/`` and ``quizzes/``)."""
    return resources.files("oslearn.lessons") / "content"


def builtin_sources():
    """Return the folder of seed files shipped with the package (a ``Traversable``)."""
    return resources.files("oslearn.lessons") / "sources"


def known_source_files() -> set[str]:
    """Return the names of the seed files shipped in ``sources/``."""
    return {entry.name for entry in builtin_sources().iterdir() if entry.name.endswith(".txt")}


@functools.lru_cache(maxsize=None)
def seed_lines(name: str) -> frozenset[str]:
    """Return the lines of shipped seed file ``name``, stripped, with Markdown heading marks
    (``#``) removed: the values a ``section:`` naming that seed may take.

    Args:
        name: a seed file name such as ``"001_fae48d724783d07a.txt"``.
    Returns:
        the set of non-empty lines; empty when the file is not shipped or cannot be read.
    """
    try:
        text = (builtin_sources() / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return frozenset()
    return frozenset(line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip())


def _show(value: Any) -> str:
    """A short ``repr`` of ``value`` for messages (bounded however big ``value`` is)."""
    return _SHORT.repr(value)


# --- reading text and YAML ------------------------------------------------------------


def _read_text(path, problems: list[ContentError]) -> str | None:
    """Read ``path`` with the one text reader (``oslearn.lessons.text.read_text``: UTF-8,
    ``\\n`` line ends, at most ``MAX_FILE_BYTES`` + 1 bytes read); record a problem and
    return None if it cannot be read, is too large, binary, not UTF-8 or empty.

    Control characters are removed from the text returned, each one recorded as a problem
    (``remove it``) that does not stop the file from loading; ``_field_of_line`` later
    names the field it was in (see ``_control_problems``)."""
    name = str(path)
    try:
        text = read_text(path, MAX_FILE_BYTES)
    except OSError as error:
        problems.append(ContentError(name, 1, "", f"cannot be read ({error.strerror or error})",
                                     "check the file exists, is a file and is readable"))
        return None
    except TextProblem as problem:
        fix = "split it into several lessons or banks" if "limit" in problem.problem else problem.fix
        what = (f"is over the {MAX_FILE_BYTES:,}-byte limit for a content file" if "limit" in problem.problem
                else problem.problem)
        problems.append(ContentError(name, problem.line, "", what, fix))
        return None
    if not text.strip():
        problems.append(ContentError(name, 1, "", "is empty", "add the content or delete the file"))
        return None
    return text


def _take_control_characters(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Return ``text`` without control characters and ``(line, column, character)`` for
    each one removed, the column (0-based) being where it stood in the text *without* them
    (the text the YAML is parsed from). They are reported by
    ``_report_control_characters`` once the file's fields and their places are known."""
    found = find_control_characters(text)
    if not found:
        return text, []
    located = []
    removed_before: dict[int, int] = {}
    for match in CONTROL_CHARACTERS.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - line_start - removed_before.get(line, 0)
        removed_before[line] = removed_before.get(line, 0) + 1
        located.append((line, column, match.group()))
    return remove_control_characters(text), located


def _report_control_characters(name: str, found: list[tuple[int, int, str]], document: "_Document | None",
                               body_line: int | None, problems: list[ContentError]) -> None:
    """Record ``file:line: field: control character U+001B; remove it`` for each character
    of ``found``. The field is ``body`` at or after ``body_line``; else the scalar value
    the character stands in; else the front matter or bank field whose line is the closest
    before it. These problems do not make the file fail to load: what loads is the text
    without the characters, so none of them ever reaches a screen, and ``oslearn check``
    still fails until the file is fixed."""
    if not found:
        return
    lines = document.lines if document is not None else {}
    spans = document.spans if document is not None else {}
    starts = sorted(((line, len(path), path) for path, line in lines.items()), key=lambda entry: entry[:2])
    for line, column, character in found:
        if body_line is not None and line >= body_line:
            field = "body"
        else:
            inside = [path for path, (l1, c1, l2, c2) in spans.items()
                      if (l1, c1) <= (line, column) <= (l2, c2)]
            if inside:
                field = _field_name(max(inside, key=len))
            else:
                before = [path for start, _, path in starts if start <= line]
                field = _field_name(before[-1]) if before else ""
        problems.append(ContentError(name, line, field, f"control character {describe_character(character)}",
                                     "remove it"))


def _clean_values(data: Any, lines: dict, name: str, first_line: int, problems: list[ContentError]) -> Any:
    """Return ``data`` (parsed YAML) with control characters removed from every string,
    recording a problem for each string that had some. YAML escapes (``"\\e"``,
    ``"\\x1b"``) make control characters the file's bytes do not hold; this catches them."""
    def fix(value: Any, path: tuple) -> Any:
        if isinstance(value, str):
            found = find_control_characters(value)
            if not found:
                return value
            line = lines.get(path, first_line)
            for _, character in found:
                problems.append(ContentError(name, line, _field_name(path),
                                             f"control character {describe_character(character)}", "remove it"))
            return remove_control_characters(value)
        if isinstance(value, dict):
            return {fix(key, path): fix(item, (*path, key)) for key, item in value.items()}
        if isinstance(value, list):
            return [fix(item, (*path, index)) for index, item in enumerate(value)]
        return value

    return fix(data, ())


@dataclass
class _Document:
    """The result of parsing one YAML text: ``ok`` is False after a syntax error."""

    ok: bool
    data: Any = None
    lines: dict = field(default_factory=dict)
    empty: bool = False
    #: field path -> ``(first line, first column, last line, end column)`` of each scalar
    #: value in the file (lines 1-based, columns 0-based), to name the field a character is in.
    spans: dict = field(default_factory=dict)


def _parse_yaml(text: str, name: str, first_line: int, problems: list[ContentError],
                with_spans: bool = False) -> _Document:
    """Parse one YAML document with the safe loader.

    Returns a ``_Document`` whose ``lines`` maps a field path tuple (``("resources", 2,
    "url")``) to its 1-based line in the file. ``first_line`` is the file line of the YAML
    text's first line. Syntax errors, values PyYAML cannot build (``2019-13-45``), duplicate
    keys, aliases and nesting too deep to parse are recorded as problems and give
    ``ok=False``.
    """
    def too_deep(line: int) -> _Document:
        problems.append(ContentError(name, first_line + line, "", f"invalid YAML: nested more than {MAX_YAML_DEPTH} levels deep",
                                     "flatten the structure; content files need only a few levels"))
        return _Document(False)

    # libyaml composes recursively and crashes the process on nesting thousands deep. Every
    # collection starts at one of these indicator characters, so a text with few of them
    # cannot nest that deep and is composed at once (its depth is checked on the nodes);
    # others have their depth checked on the event stream first, which is not recursive.
    if sum(map(text.count, "[{-?:")) > _COMPOSE_SAFE_INDICATORS:
        deep = _too_deep(text)
        if deep is not None:
            return too_deep(deep)
    loader = _YAMLLoader(text)
    node = None
    try:
        node = loader.get_single_node()
        deep = _node_too_deep(node) if node is not None else None
        if deep is not None:
            return too_deep(deep)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        deep = _too_deep(text)  # nesting too deep before the syntax error is reported first
        if deep is None and _is_parser_depth_limit(error):
            mark = getattr(error, "problem_mark", None)
            deep = mark.line if mark is not None else 0
        if deep is not None:
            return too_deep(deep)
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        context = getattr(error, "context_mark", None)
        if mark is not None and context is not None and mark.line >= len(text.splitlines()):
            mark = context  # "unexpected end": point at what was left open, not past the end
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        hint = "fix the YAML syntax (quote values that contain ': ' or start with a special character)"
        if "\t" in text and ("tab" in str(error).lower() or "'\\t'" in str(error)
                             or (mark is not None and "\t" in _line_of(text, mark.line))):
            hint = "indent with spaces, not tabs"
        problems.append(ContentError(name, line, "", f"invalid YAML: {problem}", hint))
        return _Document(False)
    except RecursionError:
        problems.append(ContentError(name, first_line, "", "invalid YAML: nested too deeply to read",
                                     "flatten the structure; content files need only a few levels"))
        return _Document(False)
    except (ValueError, TypeError, OverflowError) as error:
        # PyYAML raises these for scalars it recognises but cannot build, e.g. a timestamp
        # with month 13; find the scalar to name its line.
        line = first_line + _unbuildable_scalar_line(node)
        problems.append(ContentError(name, line, "", f"invalid YAML value: {error}",
                                     "quote dates and numbers that are not real dates or numbers"))
        return _Document(False)
    finally:
        loader.dispose()
    if node is None:
        return _Document(True, None, {}, empty=True)

    lines: dict[tuple, int] = {}
    spans: dict[tuple, tuple[int, int, int, int]] = {}
    seen_nodes: set[int] = set()
    failures: list[ContentError] = []

    def walk(current, prefix: tuple, depth: int) -> None:
        if with_spans and isinstance(current, yaml.ScalarNode):
            start, end = current.start_mark, current.end_mark
            spans[prefix] = (first_line + start.line, start.column, first_line + end.line, end.column)
        if id(current) in seen_nodes:
            failures.append(ContentError(name, first_line + current.start_mark.line, _field_name(prefix),
                                         "uses a YAML alias (*name) to repeat a value",
                                         "write the value out in full; anchors and aliases are not allowed"))
            return
        seen_nodes.add(id(current))
        if depth > MAX_YAML_DEPTH:
            failures.append(ContentError(name, first_line + current.start_mark.line, _field_name(prefix),
                                         "is nested too deeply", "content files need only a few levels"))
            return
        if isinstance(current, yaml.MappingNode):
            keys: dict[str, int] = {}
            for key_node, value_node in current.value:
                key_line = first_line + key_node.start_mark.line
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in keys:
                        failures.append(ContentError(
                            name, key_line, _field_name((*prefix, key_node.value)),
                            f"duplicate key {key_node.value!r} (first on line {keys[key_node.value]})",
                            "keep one of them; YAML would silently use the last"))
                    keys.setdefault(key_node.value, key_line)
                key = (*prefix, key_node.value if isinstance(key_node, yaml.ScalarNode) else "?")
                lines.setdefault(key, key_line)
                walk(value_node, key, depth + 1)
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                key = (*prefix, index)
                lines[key] = first_line + item.start_mark.line
                walk(item, key, depth + 1)

    lines[()] = first_line + node.start_mark.line
    try:
        walk(node, (), 0)
    except RecursionError:
        failures.append(ContentError(name, first_line, "", "invalid YAML: nested too deeply to read",
                                     "flatten the structure"))
    if failures:
        problems.extend(failures)
        return _Document(False, None, lines, spans=spans)
    if "\\" in text:  # only a double-quoted escape ("\\e", "\\x1b") can make a control character now
        data = _clean_values(data, lines, name, first_line, problems)
    return _Document(True, data, lines, spans=spans)


#: See ``_parse_yaml``: texts with more YAML indicator characters than this have their
#: nesting checked on the event stream before libyaml composes them.
_COMPOSE_SAFE_INDICATORS = 2000


def _node_too_deep(root) -> int | None:
    """Return the 0-based line of the first collection, in document order, nested deeper
    than ``MAX_YAML_DEPTH`` in the composed document ``root``, or None: the answer
    ``_too_deep`` gives on the same text's events (an alias adds no depth)."""
    stack = [(root, 1)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if isinstance(node, yaml.ScalarNode) or id(node) in seen:
            continue
        seen.add(id(node))
        if depth > MAX_YAML_DEPTH:
            return node.start_mark.line
        children = [child for pair in node.value for child in pair] if isinstance(node, yaml.MappingNode) else node.value
        stack.extend((child, depth + 1) for child in reversed(children))
    return None


def _too_deep(text: str) -> int | None:
    """Return the 0-based line where YAML ``text`` first nests deeper than
    ``MAX_YAML_DEPTH``, or None. Reads the event stream, which is not recursive, so that
    the (recursive) composer never sees a pathological file. Syntax errors are left for the
    real parse to report.

    libyaml (PyYAML 6.0.4 and later) refuses nesting past its own limit while it scans ahead,
    before it has given the events that would show the depth; the text is then read again
    with PyYAML's pure-Python parser, which has no such limit, to find the first line past
    ``MAX_YAML_DEPTH``.
    """
    loaders = [_YAMLLoader] if _YAMLLoader is yaml.SafeLoader else [_YAMLLoader, yaml.SafeLoader]
    for loader in loaders:
        depth = 0
        try:
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                    depth += 1
                    if depth > MAX_YAML_DEPTH:
                        return event.start_mark.line
                elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                    depth -= 1
        except yaml.YAMLError as error:
            if _is_parser_depth_limit(error):
                mark = getattr(error, "problem_mark", None)
                if loader is loaders[-1]:
                    return mark.line if mark is not None else 0
                continue
            return None
        except RecursionError:
            return 0
        return None
    return None


def _is_parser_depth_limit(error: yaml.YAMLError) -> bool:
    """Whether ``error`` is a YAML parser refusing to nest any deeper (libyaml's
    "exceeded maximum nesting depth", PyYAML 6.0.4 and later), not a syntax error."""
    return "nesting depth" in (getattr(error, "problem", None) or str(error))


def _unbuildable_scalar_line(root) -> int:
    """Return the 0-based line of the first scalar under ``root`` that PyYAML's safe
    constructor cannot build (0 when none is found)."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop(0)
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_object(node)
            except Exception:  # noqa: BLE001 - any failure marks the culprit
                return node.start_mark.line
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return 0


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
                self.fail((*path, key) if isinstance(key, str) else path, f"unknown key {_show(key)}",
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
                      "write it as a string (quote it if it looks like a number, a date or true/false)")
            return ""
        return value.strip()

    @staticmethod
    def describe(value: Any) -> str:
        """Word the YAML type of ``value`` for a message ("a mapping", "true/false")."""
        return _type(value)

    def ident(self, data: dict, key: str, path: tuple) -> str:
        value = data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str) or not _ID.match(value):
            self.fail((*path, key), f"{_show(value)} is not a valid id",
                      "use lowercase letters, digits, '.', '-' and '_', starting with a letter or digit")
            return ""
        return value

    def string_list(self, data: dict, key: str, path: tuple, unique: bool = False) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
            self.fail((*path, key), f"must be a list of text items, not {_type(value)}",
                      "write it as `- item` lines or `[a, b]` (quote items that are true/false or dates)")
            return ()
        items = tuple(str(v).strip() for v in value)
        if any(not item for item in items):
            self.fail((*path, key), "has an empty item", "remove it or write its text")
        if unique:
            for item, count in Counter(items).items():
                if count > 1:
                    self.fail((*path, key), f"lists {item!r} {count} times", "list each item once")
        return items


def _type(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, datetime.date):
        return "a date"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)


def _source(check: _Checker, value, path: tuple, seeds: set[str]) -> SourceRef | None:
    # A source names a shipped seed `file`, a dated since-then `note`, or the `url` of the
    # page a lesson was imported from (`oslearn import` writes `url`; a `file` must always be
    # one of the shipped seeds, wherever the curriculum lives).
    data = check.mapping(value, path, SOURCE_KEYS, ())
    if data is None:
        return None
    file = check.text(data, "file", path, required=False)
    note = check.text(data, "note", path, required=False)
    url = check.text(data, "url", path, required=False)
    raw_date = data.get("date")
    if isinstance(raw_date, datetime.date):  # YAML reads 2019-05-07 as a date
        date = raw_date.isoformat()
    else:
        date = check.text(data, "date", path, required=False)
    section = check.text(data, "section", path, required=False)
    if url and not is_web_url(url):
        check.fail((*path, "url"), f"{url!r} is not an absolute http(s) URL", "write the page's full URL")
        return None
    if not file and not note and url:
        if date and not _DATE.match(date):
            check.fail((*path, "date"), f"{date!r} is not a date", "write it as YYYY, YYYY-MM or YYYY-MM-DD")
        return SourceRef(url=url, date=date, section=section)
    if not file and not note:
        check.fail(path, "names neither a seed `file` nor a since-then `note`",
                   f"add `file:` (one of {', '.join(sorted(seeds))}) or `note:` with a dated fact")
        return None
    if file and file not in seeds:
        check.fail((*path, "file"), f"{file!r} is not a source file",
                   f"use one of {', '.join(sorted(seeds))}")
        return None
    if date and not _DATE.match(date):
        check.fail((*path, "date"), f"{date!r} is not a date", "write it as YYYY, YYYY-MM or YYYY-MM-DD")
    if not file and not date:
        check.fail((*path, "date"), "a since-then note needs the date it was true",
                   "add `date: YYYY-MM`")
    if file and section:
        lines = seed_lines(file)
        if lines and section not in lines:
            check.fail((*path, "section"), f"{section!r} is not a heading or line of {file}",
                       "copy the section heading exactly as that version of the page gives it, or leave out `section`")
    return SourceRef(file=file, date=date or SEED_DATES.get(file, ""), section=section, note=note, url=url)


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
    text, controls = _take_control_characters(text)
    parts = split_front_matter(text, name, problems)
    if parts is None:
        _report_control_characters(name, controls, None, None, problems)
        return None
    front, body, body_line = parts
    document = _parse_yaml(front, name, 2, problems, with_spans=bool(controls))
    _report_control_characters(name, controls, document, body_line, problems)
    if not document.ok:
        return None
    if document.empty:
        problems.append(ContentError(name, 2, "", "front matter is empty",
                                     "add id, title, order, summary and sources"))
        return None
    check = _Checker(name, document.lines, problems)
    data = check.mapping(document.data, (), LESSON_KEYS, ("id", "title", "order", "summary", "sources"))
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
            check.fail(("sources",), f"must be a non-empty list, not {_type(raw_sources)}",
                       "list the seed files the lesson is derived from, as `- {file: ..., section: ...}`")
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
    urls: dict[str, int] = {}
    for index, item in enumerate(value):
        path = ("resources", index)
        data = check.mapping(item, path, RESOURCE_KEYS, ("title", "url"))
        if data is None:
            continue
        url = check.text(data, "url", path)
        if url and not is_web_url(url):
            check.fail((*path, "url"), f"{url!r} is not an absolute http(s) URL", "write the full URL, starting with https://")
        elif url in urls:
            check.fail((*path, "url"), f"{url!r} is listed twice in this lesson (also resources[{urls[url]}])",
                       "keep one entry and merge their versions")
        urls.setdefault(url, index)
        description = check.text(data, "description", path, required=False)
        if "\n" in description:
            check.fail((*path, "description"), "must be one line", "shorten it to one sentence")
        versions = check.string_list(data, "versions", path, unique=True)
        for version in versions:
            if version not in seeds:
                check.fail((*path, "versions"), f"{version!r} is not a source file", f"use names from {', '.join(sorted(seeds))}")
        out.append(Resource(title=check.text(data, "title", path), url=url, description=description,
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
        data = check.mapping(item, path, CHECKLIST_KEYS, ("id", "text"))
        if data is None:
            continue
        item_id = check.ident(data, "id", path)
        if item_id and item_id in seen:
            check.fail((*path, "id"), f"duplicate checklist id {item_id!r}", "give every step its own id")
        seen.add(item_id)
        links = check.string_list(data, "links", path)
        for link in links:
            if not is_web_url(link):
                check.fail((*path, "links"), f"{link!r} is not an absolute http(s) URL", "write the full URL")
        old_ids = check.string_list(data, "renamed_from", path, unique=True)
        for old in old_ids:
            lesson_id, _, old_item = old.partition("/")
            if old and not (_ID.match(lesson_id) and _ID.match(old_item)):
                check.fail((*path, "renamed_from"), f"{old!r} is not an old step id",
                           "write each as `old-lesson/old-item`, the lesson's and the step's ids before")
        out.append(ChecklistItem(id=item_id, text=check.text(data, "text", path),
                                 detail=check.text(data, "detail", path, required=False), links=links,
                                 renamed_from=old_ids, line=check.line(path)))
    return out


# --- quiz banks -----------------------------------------------------------------------


def parse_bank(path, problems: list[ContentError], seeds: set[str] | None = None,
               topics: tuple[str, ...] | None = None) -> QuizBank | None:
    """Read one quiz bank file.

    Args:
        path: a ``Path`` or ``Traversable`` of a ``.yaml`` file.
        problems: list the problems found are appended to.
        seeds: the valid source file names (default: the shipped seeds).
        topics: the topics a question may have (the built-in curriculum uses
            ``QUESTION_TOPICS``); ``None`` accepts any non-empty topic, as added curricula
            bring their own.
    Returns:
        the ``QuizBank`` with every valid question; ``None`` if the file itself is unusable.
        A broken question is recorded and left out; the others load.
    """
    name = str(path)
    seeds = known_source_files() if seeds is None else seeds
    text = _read_text(path, problems)
    if text is None:
        return None
    text, controls = _take_control_characters(text)
    document = _parse_yaml(text, name, 1, problems, with_spans=bool(controls))
    _report_control_characters(name, controls, document, None, problems)
    if not document.ok:
        return None
    if document.empty:
        problems.append(ContentError(name, 1, "", "holds no YAML document (only comments or blank lines)",
                                     "add `id:`, `title:` and `questions:`"))
        return None
    check = _Checker(name, document.lines, problems)
    data = check.mapping(document.data, (), BANK_KEYS, ("id", "title", "questions"))
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
        question = _question(check, item, ("questions", index), seeds, bank_id, topics)
        if question is not None and check.count == before:
            bank.questions.append(question)
    return bank


def _question(check: _Checker, value, path: tuple, seeds: set[str], bank_id: str,
              topics: tuple[str, ...] | None = None) -> Question | None:
    data = check.mapping(value, path, QUESTION_KEYS | question_types.extra_keys(),
                         ("id", "topic", "type", "prompt", "answer", "explanation", "source"))
    if data is None:
        return None
    qtype = data.get("type")
    if qtype is not None and not question_types.known(qtype):
        check.fail((*path, "type"), f"unknown question type {_show(qtype)}",
                   f"use one of {', '.join(question_types.NAMES)}")
        return None
    kind = question_types.get(qtype) if qtype is not None else None
    if kind is not None:
        for key in data:
            if key not in QUESTION_KEYS and key not in kind.keys:
                check.fail((*path, key), f"a {kind.label} question has no {key!r}", f"remove `{key}:`")
    choices = check.string_list(data, "choices", path, unique=True)
    answer: object = None
    if data.get("answer") is not None and kind is not None:
        answer = kind.check(check, data, path, choices)
    extras = {**kind.common(check, data, path), **kind.extras(check, data, path)} if kind is not None else {}
    lesson = check.ident(data, "lesson", path) if data.get("lesson") is not None else ""
    section = check.ident(data, "section", path) if data.get("section") is not None else ""
    if section and not lesson and data.get("lesson") is None:
        check.fail((*path, "section"), "names a section but no lesson", "add `lesson:` with the lesson's id")
    topic = check.text(data, "topic", path)
    if topic and topics is not None and topic not in topics:
        check.fail((*path, "topic"), f"unknown topic {topic!r}", f"use one of: {', '.join(topics)}")
    source = _source(check, data.get("source"), (*path, "source"), seeds) if data.get("source") is not None else None
    question_id = check.ident(data, "id", path)
    prompt = check.text(data, "prompt", path)
    explanation = check.text(data, "explanation", path)
    if source is None or answer is None:
        return None
    return Question(id=question_id, topic=topic, type=qtype, prompt=prompt, answer=answer,
                    explanation=explanation, source=source, choices=choices, lesson=lesson,
                    section=section, bank=bank_id, line=check.line(path), **extras)


# --- whole trees ----------------------------------------------------------------------


def _entries(folder, suffixes: tuple[str, ...], problems: list[ContentError] | None = None) -> list:
    """Return the files of ``folder`` ending in ``suffixes``, by name. With ``problems``, other
    files (not hidden ones) are recorded as problems, so a lesson saved as ``.txt`` is not
    silently ignored."""
    try:
        if not folder.is_dir():
            return []
        entries = sorted(folder.iterdir(), key=lambda e: e.name)
    except OSError:
        return []
    out = []
    for entry in entries:
        if entry.name.startswith(".") or entry.name == "__pycache__":
            continue
        try:
            is_file = entry.is_file()
        except OSError:
            is_file = False
        if entry.name.endswith(suffixes) and is_file:
            out.append(entry)
        elif problems is not None and is_file:
            problems.append(ContentError(str(entry), 1, "", f"is not read: files here must end in {' or '.join(suffixes)}",
                                         "rename it, or move it out of the content folder"))
    return out


def _safely(parse, entry, problems: list[ContentError], seeds: set[str], **options):
    """Run ``parse(entry, problems, seeds, **options)``; an unexpected exception becomes a
    problem naming the file instead of a traceback."""
    try:
        return parse(entry, problems, seeds, **options)
    except Exception as error:  # noqa: BLE001 - the last line of defence for `oslearn check`
        problems.append(ContentError(str(entry), 1, "", f"could not be checked ({type(error).__name__}: {error})",
                                     "this is a bug in oslearn: please report it with the file attached"))
        return None


def load_curriculum(root=None, *, check_links: bool = False, parse=None) -> Curriculum:
    """Load every lesson and quiz bank under ``root``.

    Args:
        root: a folder (``Path`` or ``Traversable``) holding ``lessons/*.md`` and
            ``quizzes/*.yaml``; default the built-in content.
        check_links: also check what needs every lesson body parsed: that each question's
            ``lesson`` and ``section`` exist and that links in lesson bodies resolve
            (``oslearn check`` sets it).
        parse: what reads one lesson file, default ``parse_lesson`` (the app passes a
            ``oslearn.lessons.cache.LessonCache``'s ``parse_lesson`` for added curricula).
    Returns:
        a ``Curriculum``; the files that failed are left out and described in ``problems``.
        Ids repeated across files are problems too (the later file's item is dropped).
    """
    topics = QUESTION_TOPICS if root is None else None  # the built-in curriculum's fixed set
    root = builtin_content() if root is None else root
    problems: list[ContentError] = []
    lesson_files = _entries(root / "lessons", LESSON_SUFFIXES, problems)
    bank_files = _entries(root / "quizzes", BANK_SUFFIXES, problems)
    return load_files(lesson_files, bank_files, check_links=check_links, problems=problems, topics=topics,
                      parse=parse)


def load_files(lesson_files: list, bank_files: list, *, check_links: bool = False,
               problems: list[ContentError] | None = None, topics: tuple[str, ...] | None = None,
               parse=None) -> Curriculum:
    """Load the given lesson and bank files as one curriculum (see ``load_curriculum``).

    Args:
        lesson_files: ``.md`` files (``Path`` or ``Traversable``), loaded in this order.
        bank_files: ``.yaml`` files, loaded in this order.
        check_links: as for ``load_curriculum``.
        problems: problems found before (they are kept, first).
        topics: the topics questions may have, or ``None`` for any (see ``parse_bank``).
        parse: as for ``load_curriculum``.
    Returns:
        a ``Curriculum`` with every file's problems in ``problems``, sorted by file and line.
    """
    problems = [] if problems is None else problems
    seeds = known_source_files()
    curriculum = Curriculum(problems=problems)
    lesson_ids: dict[str, str] = {}
    broken_ids: set[str] = set()
    for entry in lesson_files:
        lesson = _safely(parse or parse_lesson, entry, problems, seeds)
        if lesson is None:
            broken_ids.add(_key_value(entry, "id"))
            continue
        if lesson.id in lesson_ids:
            problems.append(ContentError(str(entry), _key_line(entry, "id"), "id",
                                         f"duplicate lesson id {lesson.id!r} (also in {lesson_ids[lesson.id]})",
                                         "give this lesson an id of its own; never reuse an id"))
            continue
        lesson_ids[lesson.id] = str(entry)
        curriculum.lessons.append(lesson)
    curriculum.lessons.sort(key=lambda lesson: (lesson.order, lesson.id))
    question_ids: dict[str, str] = {}
    bank_ids: dict[str, str] = {}
    for entry in bank_files:
        bank = _safely(parse_bank, entry, problems, seeds, topics=topics)
        if bank is None:
            continue
        if bank.id in bank_ids:
            problems.append(ContentError(str(entry), _key_line(entry, "id"), "id",
                                         f"duplicate bank id {bank.id!r} (also in {bank_ids[bank.id]})",
                                         "give this bank an id of its own"))
            continue
        bank_ids[bank.id] = str(entry)
        kept = []
        for question in bank.questions:
            if question.id in question_ids:
                problems.append(ContentError(str(entry), question.line, "id",
                                             f"duplicate question id {question.id!r} (also in {question_ids[question.id]})",
                                             "give this question an id of its own; never reuse an id"))
                continue
            question_ids[question.id] = f"{entry}:{question.line}"
            kept.append(question)
        bank.questions = kept
        curriculum.banks.append(bank)
    _check_renames(curriculum, lesson_ids, problems)
    if check_links:
        try:
            _check_links(curriculum, broken_ids)
        except Exception as error:  # noqa: BLE001 - never a traceback from `oslearn check`
            problems.append(ContentError("(content)", 1, "", f"links could not be checked ({type(error).__name__}: {error})",
                                         "this is a bug in oslearn: please report it"))
    problems.sort(key=lambda p: (p.path, p.line))
    return curriculum


def _check_renames(curriculum: Curriculum, lesson_files: dict[str, str], problems: list[ContentError]) -> None:
    """Record an old id (``renamed_from``) that two steps or two questions claim, or that is
    still the id of a live step or question: progress under it would count twice."""
    live_steps = {f"{lesson.id}/{item.id}" for lesson in curriculum.lessons for item in lesson.checklist}
    claimed: dict[str, str] = {}
    for lesson in curriculum.lessons:
        name = lesson_files.get(lesson.id, str(lesson.path))
        for index, item in enumerate(lesson.checklist):
            where = f"{name}:{item.line}"
            for old in item.renamed_from:
                if old in live_steps:
                    problems.append(ContentError(name, item.line, f"checklist[{index}].renamed_from",
                                                 f"{old!r} is the id of a step in the content",
                                                 "list only ids that no step has any more"))
                elif old in claimed:
                    problems.append(ContentError(name, item.line, f"checklist[{index}].renamed_from",
                                                 f"{old!r} is already listed by the step at {claimed[old]}",
                                                 "give each old id to one step only"))
                else:
                    claimed[old] = where
    live_questions = {question.id for question in curriculum.questions}
    claimed = {}
    for bank in curriculum.banks:
        for question in bank.questions:
            where = f"{bank.path}:{question.line}"
            for old in question.renamed_from:
                if old in live_questions:
                    problems.append(ContentError(str(bank.path), question.line, "renamed_from",
                                                 f"{old!r} is the id of a question in the content",
                                                 "list only ids that no question has any more"))
                elif old in claimed:
                    problems.append(ContentError(str(bank.path), question.line, "renamed_from",
                                                 f"{old!r} is already listed by the question at {claimed[old]}",
                                                 "give each old id to one question only"))
                else:
                    claimed[old] = where


def _key_value(entry, key: str) -> str:
    """Return the value of the first top-level ``key:`` line of ``entry`` as written, or ``""``
    (used to know which lesson a broken file meant to define)."""
    try:
        with entry.open("rb") as handle:
            head = handle.read(64 * 1024).decode("utf-8", errors="replace")
        for line in head.splitlines()[:200]:
            match = re.match(rf"^{re.escape(key)}\s*:\s*['\"]?([^'\"#\s]+)", line)
            if match:
                return match.group(1)
    except (OSError, UnicodeDecodeError, ValueError):
        pass
    return ""


def _key_line(entry, key: str) -> int:
    """Return the 1-based line of the first top-level ``key:`` in ``entry`` (1 if not found)."""
    try:
        for number, line in enumerate(entry.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(rf"^{re.escape(key)}\s*:", line):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


@functools.lru_cache(maxsize=1)
def _markdown_parser():
    """One CommonMark parser for every lesson body (building one costs more than a parse)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def body_links(lesson: Lesson) -> list[tuple[int, str]]:
    """Return ``(line, href)`` for every link in ``lesson``'s body, ``line`` being the 1-based
    line in the lesson file of the block that holds the link."""
    out: list[tuple[int, str]] = []
    for token in _markdown_parser().parse(lesson.body):
        if token.type != "inline" or not token.children:
            continue
        line = lesson.body_line + (token.map[0] if token.map else 0)
        for child in token.children:
            if child.type == "link_open":
                out.append((line, str(child.attrGet("href") or "")))
    return out


def _check_links(curriculum: Curriculum, broken_ids: set[str] = frozenset()) -> None:
    """Record problems for question ``lesson``/``section`` fields that do not resolve and for
    links in lesson bodies that are neither absolute http(s) URLs nor ``#section-id``
    anchors of the same lesson. Questions naming a lesson in ``broken_ids`` (whose file
    failed to load and is reported already) are not reported again."""
    lessons = {lesson.id: lesson for lesson in curriculum.lessons}
    for lesson in curriculum.lessons:
        sections = {section.id for section in lesson.sections}
        for line, href in body_links(lesson):
            if href.startswith("#"):
                if href[1:] not in sections:
                    curriculum.problems.append(ContentError(
                        str(lesson.path), line, "body", f"link {href!r} names no section of this lesson",
                        f"use one of {', '.join('#' + s for s in sorted(sections))}"))
            elif href.startswith("mailto:"):
                continue
            elif not is_web_url(href):
                curriculum.problems.append(ContentError(
                    str(lesson.path), line, "body", f"link {href!r} does not resolve outside a web site",
                    "write the full URL, starting with https://, or link a section as #section-id"))
    for bank in curriculum.banks:
        for question in bank.questions:
            if not question.lesson or question.lesson in broken_ids:
                continue
            lesson = lessons.get(question.lesson)
            if lesson is None:
                curriculum.problems.append(ContentError(str(bank.path), question.line, "lesson",
                                                        f"question {question.id!r} names lesson {question.lesson!r}, which does not exist",
                                                        f"use one of {', '.join(sorted(lessons))}"))
            elif question.section and question.section not in {s.id for s in lesson.sections}:
                curriculum.problems.append(ContentError(str(bank.path), question.line, "section",
                                                        f"lesson {lesson.id!r} has no section {question.section!r}",
                                                        f"use one of {', '.join(s.id for s in lesson.sections)}"))


def check_paths(paths: list[Path] | None) -> tuple[Curriculum, list[ContentError]]:
    """Validate content for ``oslearn check``.

    Args:
        paths: files or content folders to check; ``None`` or empty checks the built-in content.
            A folder with ``lessons/`` or ``quizzes/`` is read as a content root; any other
            folder's ``.md`` and ``.yaml`` files are checked together (so ids repeated across
            them are found). Files are checked together by suffix.
    Returns:
        ``(curriculum, problems)``: everything that loaded, merged, and every problem found,
        sorted by file and line. Never raises for bad content.
    """
    if not paths:
        curriculum = load_curriculum(check_links=True)
        return curriculum, list(curriculum.problems)
    problems: list[ContentError] = []
    merged = Curriculum()
    lesson_files: list[Path] = []
    bank_files: list[Path] = []
    for path in paths:
        if path.is_dir() and (path / CURRICULUM_MANIFEST).is_file():
            _check_manifest(path, problems)
        if path.is_dir() and ((path / "lessons").is_dir() or (path / "quizzes").is_dir()):
            loaded = load_curriculum(path, check_links=True)
            merged.lessons += loaded.lessons
            merged.banks += loaded.banks
            problems.extend(loaded.problems)
        elif path.is_dir():
            lesson_files += _entries(path, LESSON_SUFFIXES)
            bank_files += [e for e in _entries(path, BANK_SUFFIXES) if e.name != CURRICULUM_MANIFEST]
        elif path.is_file() and path.name == CURRICULUM_MANIFEST:
            _check_manifest(path.parent, problems)
        elif path.is_file() and path.name.endswith(LESSON_SUFFIXES):
            lesson_files.append(path)
        elif path.is_file() and path.name.endswith(BANK_SUFFIXES):
            bank_files.append(path)
        elif path.exists():
            problems.append(ContentError(str(path), 1, "", "is not a lesson (.md) or quiz bank (.yaml) file",
                                         "give the path of a lesson file, a quiz bank or a content folder"))
        else:
            problems.append(ContentError(str(path), 0, "", "does not exist", "give the path of a lesson file or folder"))
    if lesson_files or bank_files:
        loaded = load_files(lesson_files, bank_files, check_links=True)
        merged.lessons += loaded.lessons
        merged.banks += loaded.banks
        problems.extend(loaded.problems)
    problems.sort(key=lambda p: (p.path, p.line))
    merged.problems = problems
    return merged, problems


#: The file that names an added curriculum (see ``oslearn.lessons.curricula``); ``check``
#: validates it rather than reading it as a quiz bank.
CURRICULUM_MANIFEST = "curriculum.yaml"


def _check_manifest(folder: Path, problems: list[ContentError]) -> None:
    """Validate ``folder``'s ``curriculum.yaml`` with the curricula module's own reader."""
    from oslearn.lessons.curricula import read_manifest

    read_manifest(folder, problems)


def curriculum_stats(curriculum: Curriculum) -> dict:
    """Count what a curriculum holds, for ``oslearn check --stats``.

    Returns:
        a dict: ``lessons``, ``sections``, ``resources`` (entries over all lessons),
        ``resource_urls`` (distinct URLs), ``checklist_items``, ``questions``, and
        ``questions_by_type``, ``questions_by_topic``, ``questions_by_bank`` (each a dict of
        name -> count, in a stable order: types and topics in model order, banks by id).
    """
    questions = curriculum.questions
    by_type = Counter(q.type for q in questions)
    by_topic = Counter(q.topic for q in questions)
    return {
        "lessons": len(curriculum.lessons),
        "sections": sum(len(lesson.sections) for lesson in curriculum.lessons),
        "resources": sum(len(lesson.resources) for lesson in curriculum.lessons),
        "resource_urls": len({r.url for lesson in curriculum.lessons for r in lesson.resources}),
        "checklist_items": sum(len(lesson.checklist) for lesson in curriculum.lessons),
        "questions": len(questions),
        "questions_by_type": {t: by_type[t] for t in question_types.NAMES if by_type[t]}
        | {t: n for t, n in by_type.items() if t not in question_types.NAMES},
        "questions_by_topic": {t: by_topic[t] for t in QUESTION_TOPICS if by_topic[t]}
        | {t: n for t, n in by_topic.items() if t not in QUESTION_TOPICS},
        "questions_by_bank": {bank.id: len(bank.questions) for bank in sorted(curriculum.banks, key=lambda b: b.id)},
    }
