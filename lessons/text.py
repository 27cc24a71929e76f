"""Text from files oslearn does not control: reading it, and what may be in it.

One home for rules every reader of content shares:

* ``decode_text`` / ``read_text``: bytes of a content file or an imported page to text. UTF-8
  only; a byte order mark is dropped; ``\\r\\n`` and lone ``\\r`` become ``\\n``; a NUL
  byte means a binary file, not text. Problems are ``TextProblem`` with the 1-based line.
* Control characters: C0 (U+0000 to U+001F) except tab and newline, DEL (U+007F) and C1
  (U+0080 to U+009F). ESC (U+001B) and the C1 CSI/OSC/DCS introducers start every terminal
  escape sequence (ECMA-48), so removing them all means no text from a file can move the
  cursor, set the window title (OSC 0), write the clipboard (OSC 52) or make a hidden link
  (OSC 8). ``find_control_characters`` reports them with their line, ``remove_control_
  characters`` removes them; the loader, ``oslearn check``, the importer and the app all use
  these two.
* ``ID_PATTERN`` / ``is_id``: the one shape of a stable id (lesson, question, checklist
  step, curriculum).
* ``slugify``: the one slug (``"Système"`` -> ``"systeme"``), used for section ids, lesson
  ids of imported pages and checklist step ids.
* ``is_web_url``: an absolute ``http``/``https`` URL with a host and no whitespace or
  control character: the only links content may hold.

Nothing here imports Textual.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

#: Every control character content may not hold (see the module docstring). Tab and
#: newline are text; ``\\r`` never survives ``decode_text``.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

#: A stable id: lowercase ASCII letters and digits, then also ``.``, ``_`` and ``-``.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

#: An absolute web address: http or https, a host, then no whitespace or control character.
_WEB_URL = re.compile(r"^https?://[^\s/?#\x00-\x1f\x7f-\x9f]+[^\s\x00-\x1f\x7f-\x9f]*$", re.IGNORECASE)

_SLUG_DROP = re.compile(r"[^a-z0-9]+")


class TextProblem(ValueError):
    """Bytes that are not usable text.

    Attributes:
        line: 1-based line of the problem (1 when it concerns the whole file).
        problem: what is wrong (``"is not UTF-8 text (byte 0xff)"``).
        fix: what to do about it.
    """

    def __init__(self, line: int, problem: str, fix: str):
        super().__init__(f"{problem}; {fix}")
        self.line = line
        self.problem = problem
        self.fix = fix


def decode_text(data: bytes) -> str:
    """Decode the bytes of a text file.

    Args:
        data: the whole file.
    Returns:
        the text with ``\\n`` line ends and no byte order mark. Control characters are left
        in (callers report and remove them with ``find_control_characters`` and
        ``remove_control_characters``, so they can say where they were).
    Raises:
        TextProblem: a NUL byte (a binary file), or bytes that are not UTF-8.
    """
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise TextProblem(line, "is a binary file (it contains NUL bytes)",
                          "save it as UTF-8 text, or remove it from the folder")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TextProblem(line, f"is not UTF-8 text (byte 0x{data[error.start]:02x})", "save it as UTF-8") from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_text(path, max_bytes: int | None = None) -> str:
    """Read a text file with ``decode_text``.

    Args:
        path: a ``Path`` or ``importlib.resources`` ``Traversable``.
        max_bytes: refuse files longer than this; at most ``max_bytes + 1`` bytes are read.
    Returns:
        the text (see ``decode_text``).
    Raises:
        OSError: the file cannot be opened or read.
        TextProblem: too large, binary or not UTF-8.
    """
    with path.open("rb") as handle:
        data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise TextProblem(1, f"is over the {max_bytes:,}-byte limit", "split it into smaller files")
    return decode_text(data)


def find_control_characters(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Return ``(line, character)`` for each control character in ``text``.

    Args:
        text: any text (``\\n`` line ends).
        first_line: the line number of ``text``'s first line.
    Returns:
        one pair a character, in order; ``[]`` when there is none (the common case costs
        one regular-expression search).
    """
    if not CONTROL_CHARACTERS.search(text):
        return []
    found = []
    for match in CONTROL_CHARACTERS.finditer(text):
        found.append((first_line + text.count("\n", 0, match.start()), match.group()))
    return found


def remove_control_characters(text: str) -> str:
    """Return ``text`` without its control characters (tab and newline are kept)."""
    return CONTROL_CHARACTERS.sub("", text)


def visible(text: str) -> str:
    """Return ``text`` with each control character written as its Python escape (``\\x1b``,
    ``\\x07``, ``\\x9b``), tab and newline kept.

    For messages that name something the learner gave (a file name, a page's path): unlike
    ``remove_control_characters`` the name stays findable, and no escape sequence reaches
    the terminal.
    """
    if not CONTROL_CHARACTERS.search(text):
        return text
    return CONTROL_CHARACTERS.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def describe_character(character: str) -> str:
    """``"\\x1b"`` -> ``"U+001B"``: how messages name a character."""
    return f"U+{ord(character):04X}"


def is_id(value: object) -> bool:
    """Whether ``value`` is a string of the id shape ``ID_PATTERN``."""
    return isinstance(value, str) and ID_PATTERN.match(value) is not None


def slugify(text: str, fallback: str = "", max_length: int | None = None) -> str:
    """Return an ASCII slug of ``text``: accents folded, lowercase, runs of anything else
    made one ``-`` (``"Système"`` -> ``"systeme"``, ``"Red Hat & CentOS"`` -> ``"red-hat-centos"``).

    Args:
        text: any text.
        fallback: returned when nothing alphanumeric is left.
        max_length: cut the slug to at most this many characters, at a ``-`` when there is
            one in its second half (so a 20,000-character title still makes a file name).
    Returns:
        the slug, a valid id (``is_id``) unless it is ``fallback``.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_DROP.sub("-", folded.lower()).strip("-")
    if max_length is not None and len(slug) > max_length:
        cut = slug[:max_length]
        dash = cut.rfind("-")
        slug = (cut[:dash] if dash > max_length // 2 else cut).strip("-")
    return slug or fallback


def is_web_url(value: object) -> bool:
    """Whether ``value`` is an absolute ``http``/``https`` URL with a host and no whitespace
    or control character (so it can be opened and shown as written)."""
    return isinstance(value, str) and _WEB_URL.match(value) is not None


__all__ = [
    "CONTROL_CHARACTERS", "ID_PATTERN", "TextProblem", "decode_text", "describe_character", "visible",
    "find_control_characters", "is_id", "is_web_url", "read_text", "remove_control_characters", "slugify",
]
