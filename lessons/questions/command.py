"""Command: the learner types the shell command they would run; it is graded by parsing.

The command is split with ``shlex`` (POSIX rules, so quoting and extra whitespace do not
matter) into one or more simple commands (``&&`` and ``;`` separate them), and each is
brought to a canonical form before comparing:

- ``sudo`` in front is dropped, with its valueless options (``-E``, ``-H``, ``--``) and
  ``-u root``; so are leading ``NAME=value`` environment settings
  (``DEBIAN_FRONTEND=noninteractive``);
- ``apt-get`` is ``apt`` for the subcommands both have with the same meaning (install,
  remove, purge, update, upgrade, autoremove; ``dist-upgrade`` is ``full-upgrade``);
  ``yum`` is ``dnf`` for the subcommands ``dnf`` kept from ``yum`` (``update`` is
  ``upgrade``, ``erase`` is ``remove``, ``whatprovides`` is ``provides``);
- for package managers (and ``systemctl``), options may stand anywhere and the answer-only
  ones (``-y``/``--yes``/``--assumeyes``, ``-q``/``--quiet``, combined as ``-yq``) are
  ignored; packages (units) may come in any order. Other options must all be there.
- any other program, and any command with a pipe or a redirection, is compared word for
  word after the steps above.

Lenient, never wrong: a missing or extra package, another subcommand, another tool or
another family's package manager is wrong. A response that runs a list refresh first
(``apt update && apt install ...``) is right when the rest is. A wrong response gets a
targeted explanation: the question's own ``near_misses`` first, then the built-in ones
(the Python 2 headers package, ``pip`` for system headers, the other family's package
manager, FreeBSD's ``pkg``, a missing or extra package, unbalanced quotes).

Which family a question is about is read from the tool of its answer, so no extra field is
needed: ``apt``/``dpkg`` the Debian family, ``dnf``/``yum``/``rpm`` the Red Hat family,
``pkg`` FreeBSD.
"""

from __future__ import annotations

import random
import shlex
from dataclasses import dataclass

from oslearn.lessons.model import Question
from oslearn.lessons.questions.base import Grade, Presented, QuestionType

DEBIAN, RED_HAT, FREEBSD = "Debian", "Red Hat", "FreeBSD"

#: Which family's package manager each program is.
FAMILY_OF_TOOL: dict[str, str] = {
    "apt": DEBIAN, "apt-get": DEBIAN, "apt-cache": DEBIAN, "aptitude": DEBIAN, "dpkg": DEBIAN,
    "dnf": RED_HAT, "yum": RED_HAT, "rpm": RED_HAT, "dnf5": RED_HAT, "microdnf": RED_HAT,
    "pkg": FREEBSD,
}
#: The family's everyday package manager, for explanations.
MANAGER_OF_FAMILY = {DEBIAN: "apt", RED_HAT: "dnf", FREEBSD: "pkg"}
FAMILY_WORDS = {
    DEBIAN: "the Debian family (Debian, Ubuntu)",
    RED_HAT: "the Red Hat family (RHEL, Fedora, Rocky Linux, AlmaLinux, CentOS)",
    FREEBSD: "FreeBSD",
}

#: apt-get subcommands that mean the same under apt (apt-get's ``dist-upgrade`` is apt's
#: ``full-upgrade``); apt-get manual, apt(8) manual.
_APT_GET_SAME = {"install": "install", "remove": "remove", "purge": "purge", "update": "update",
                 "upgrade": "upgrade", "autoremove": "autoremove", "dist-upgrade": "full-upgrade",
                 "full-upgrade": "full-upgrade", "reinstall": "reinstall"}
#: yum subcommands dnf kept, with dnf's name for them (dnf(8): "yum ... compatibility").
_YUM_SAME = {"install": "install", "remove": "remove", "erase": "remove", "update": "upgrade",
             "upgrade": "upgrade", "reinstall": "reinstall", "search": "search", "info": "info",
             "provides": "provides", "whatprovides": "provides", "check-update": "check-update",
             "makecache": "makecache", "autoremove": "autoremove", "list": "list", "clean": "clean",
             "downgrade": "downgrade", "groupinstall": "groupinstall"}
#: dnf's own aliases.
_DNF_ALIASES = {"update": "upgrade", "erase": "remove", "whatprovides": "provides", "rm": "remove",
                "in": "install"}
#: Programs whose options may stand anywhere and whose operands are a set.
_STRUCTURED = {"apt", "apt-get", "apt-cache", "dnf", "yum", "pkg", "systemctl"}
#: Options that only answer prompts or quieten output: ignored.
_NOISE = {"-y", "--yes", "--assume-yes", "--assumeyes", "-q", "--quiet", "-qq"}
_NOISE_LETTERS = set("yq")
#: Options that take the next word as their value, per program.
_VALUED = {
    "apt": {"-t", "--target-release", "-o", "--option", "-c", "--config-file"},
    "apt-cache": {"-o", "--option", "-c", "--config-file"},
    "dnf": {"-x", "--exclude", "--enablerepo", "--disablerepo", "--repo", "--releasever", "--setopt",
            "-c", "--config", "--installroot"},
    "pkg": {"-r", "--repository", "-j", "--jail", "-c", "--chroot"},
    "systemctl": {"-t", "--type", "-H", "--host", "-M", "--machine", "-p", "--property"},
}
#: Subcommands that only refresh the package lists (harmless before the asked command).
_REFRESH = {("apt", "update"), ("dnf", "makecache"), ("dnf", "check-update"), ("pkg", "update")}
_SEPARATORS = {"&&", ";"}
#: Shell operators other than the separators: a command holding one (a pipe, a redirection)
#: is compared word for word, since reordering around it would change what it does.
_OPERATORS = {"|", "||", "&", ">", ">>", "<", "<<", "(", ")", "|&", ">&", "<&"}
_SUDO_VALUED = {"-u", "--user", "-g", "--group"}


class CommandError(ValueError):
    """A command that cannot be read: unbalanced quotes, nothing but ``sudo``, a pipe."""


@dataclass(frozen=True)
class Simple:
    """One simple command in canonical form.

    Attributes:
        tool: the program, with equivalents merged (``apt-get`` -> ``apt`` where the same).
        typed_tool: the program as typed (``apt-get``), for explanations.
        action: the subcommand of a package manager or ``systemctl`` (``"install"``), else ``""``.
        options: the options that matter (noise ones dropped), as a sorted tuple.
        operands: the other words: sorted for package managers and ``systemctl``, as typed
            otherwise.
    """

    tool: str
    typed_tool: str
    action: str
    options: tuple[str, ...]
    operands: tuple[str, ...]

    @property
    def family(self) -> str:
        """The family whose package manager ``tool`` is, or ``""``."""
        return FAMILY_OF_TOOL.get(self.typed_tool, "")

    @property
    def key(self) -> tuple:
        """What two equivalent commands share."""
        return self.tool, self.action, self.options, self.operands

    def words(self) -> str:
        """The canonical form as one line (``"apt install python3-dev"``)."""
        return " ".join(part for part in (self.tool, self.action, *self.options, *self.operands) if part)


def split(text: str) -> list[list[str]]:
    """Split ``text`` into simple commands (lists of words) at ``&&`` and ``;``.

    Raises:
        CommandError: the quoting does not parse, or there is no command.
    """
    lexer = shlex.shlex(str(text), posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    try:
        words = list(lexer)
    except ValueError as error:
        raise CommandError(f"the quoting does not parse ({error})") from None
    commands: list[list[str]] = [[]]
    for word in words:
        if word in _SEPARATORS:
            commands.append([])
        else:
            commands[-1].append(word)
    commands = [command for command in commands if command]
    if not commands:
        raise CommandError("there is no command")
    return commands


def _strip_prefix(words: list[str]) -> list[str]:
    """Drop leading ``NAME=value`` settings and ``sudo`` with its options."""
    words = list(words)
    while words and "=" in words[0] and words[0].split("=", 1)[0].isidentifier():
        words.pop(0)
    if words and words[0] == "sudo":
        words.pop(0)
        while words and words[0].startswith("-"):
            option = words.pop(0)
            if option == "--":
                break
            if option in _SUDO_VALUED:
                user = words.pop(0) if words else ""
                if option in ("-u", "--user") and user not in ("root", "0", "#0"):
                    raise CommandError(f"sudo -u {user} runs the command as {user}, not as root")
        while words and "=" in words[0] and words[0].split("=", 1)[0].isidentifier():
            words.pop(0)
    if not words:
        raise CommandError("there is no command after sudo")
    return words


def _is_noise(option: str) -> bool:
    if option in _NOISE:
        return True
    return len(option) > 1 and option[0] == "-" and option[1] != "-" and set(option[1:]) <= _NOISE_LETTERS


def canonical(words: list[str]) -> Simple:
    """Return one simple command (its words, as ``split`` gives them) in canonical form.

    Raises:
        CommandError: nothing is left once ``sudo`` and settings are dropped.
    """
    words = _strip_prefix(words)
    typed = words[0]
    if typed in ("python", "python3") and words[1:3] == ["-m", "pip"]:
        typed, words = "pip", ["pip", *words[3:]]
    tool = "pip" if typed in ("pip", "pip3") else typed
    if tool not in _STRUCTURED or any(word in _OPERATORS for word in words):
        return Simple(tool, typed, "", (), tuple(words[1:]))
    valued = _VALUED.get("apt" if tool == "apt-get" else "dnf" if tool == "yum" else tool, set())
    options: list[str] = []
    rest: list[str] = []
    items = iter(words[1:])
    for word in items:
        if word.startswith("-") and len(word) > 1:
            if _is_noise(word):
                continue
            if word in valued:
                word = f"{word}={next(items, '')}"
            options.append(word)
        else:
            rest.append(word)
    action = rest.pop(0) if rest else ""
    if tool == "apt-get" and action in _APT_GET_SAME:
        tool, action = "apt", _APT_GET_SAME[action]
    elif tool == "yum" and action in _YUM_SAME:
        tool, action = "dnf", _YUM_SAME[action]
    elif tool == "dnf":
        action = _DNF_ALIASES.get(action, action)
    return Simple(tool, typed, action, tuple(sorted(set(options))), tuple(sorted(set(rest))))


def parse(text: str) -> tuple[Simple, ...]:
    """Return ``text`` as canonical simple commands (see the module docstring).

    Raises:
        CommandError: the text cannot be read as a command.
    """
    return tuple(canonical(words) for words in split(text))


def _refresh(command: Simple) -> bool:
    return (command.tool, command.action) in _REFRESH and not command.operands


def matches(response: tuple[Simple, ...], answer: tuple[Simple, ...]) -> bool:
    """Whether ``response`` does what ``answer`` does: the same canonical commands, except
    that list refreshes (``apt update``) before them are allowed."""
    wanted = [command.key for command in answer]
    given = list(response)
    while len(given) > len(wanted) and _refresh(given[0]):
        given.pop(0)
    return [command.key for command in given] == wanted


def _main(commands: tuple[Simple, ...]) -> Simple:
    """The command that matters in a chain: the last one that is not a list refresh."""
    rest = [command for command in commands if not _refresh(command)]
    return (rest or list(commands))[-1]


def _code(text: str) -> str:
    return f"“{text}”"


def _python2_note(missing: list[str], extra: list[str]) -> str:
    for old in extra:
        if old in ("python-dev", "python-devel", "python2-dev", "python2-devel"):
            new = next((name for name in missing if name.startswith("python3")), "")
            if new:
                return (f"{_code(old)} names the Python 2 headers package, which cannot build extensions "
                        f"for Python 3; Python 3's is {_code(new)}.")
    return ""


def _package_note(given: Simple, right: Simple) -> str:
    missing = [name for name in right.operands if name not in given.operands]
    extra = [name for name in given.operands if name not in right.operands]
    note = _python2_note(missing, extra)
    if note:
        return note
    parts = []
    for name in list(extra):
        near = next((want for want in missing if want.startswith(name + "-")), "")
        if near:
            parts.append(f"{_code(name)} is not {_code(near)}: the -dev or -devel package holds the headers "
                         f"needed to build against it.")
            extra.remove(name)
            missing.remove(near)
    if missing:
        parts.append("Missing: " + ", ".join(map(_code, missing)) + ".")
    if extra:
        parts.append("Not asked for: " + ", ".join(map(_code, extra)) + ".")
    if given.options != right.options:
        parts.append("The options differ: the answer uses "
                     + (", ".join(map(_code, right.options)) if right.options else "none") + ".")
    return " ".join(parts)


def explain_miss(given: tuple[Simple, ...], answer: tuple[Simple, ...]) -> str:
    """Return a sentence on why ``given`` is not ``answer`` (both parsed), or ``""``."""
    mine, right = _main(given), _main(answer)
    family = right.family
    if mine.tool == "pip" and family:
        return ("pip installs Python packages into a Python environment; it cannot install the system's headers "
                f"or libraries. Those come from the system's package manager, {_code(MANAGER_OF_FAMILY[family])}.")
    if mine.family and family and mine.family != family:
        tool = mine.typed_tool
        if family == FREEBSD:
            return (f"{_code(tool)} is the package manager of {FAMILY_WORDS[mine.family]}; FreeBSD's is "
                    f"{_code('pkg')}.")
        if mine.family == FREEBSD:
            return f"{_code('pkg')} is FreeBSD's package manager; on {FAMILY_WORDS[family]} it is " \
                   f"{_code(MANAGER_OF_FAMILY[family])}."
        return (f"{_code(tool)} is the package manager of {FAMILY_WORDS[mine.family]}; this system belongs to "
                f"{FAMILY_WORDS[family]}, which uses {_code(MANAGER_OF_FAMILY[family])}.")
    if mine.tool != right.tool:
        if mine.tool in ("dpkg", "rpm"):
            return (f"{_code(mine.tool)} works on package files and does not fetch dependencies from the "
                    f"repositories; {_code(right.tool)} does.")
        return f"This asks for {_code(right.tool)}, not {_code(mine.typed_tool)}."
    if mine.action != right.action:
        what = f"{_code(right.tool + ' ' + right.action)}" if right.action else _code(right.tool)
        return f"{_code((mine.typed_tool + ' ' + mine.action).strip())} does something else; the task needs {what}."
    if mine.tool in _STRUCTURED:
        return _package_note(mine, right)
    return ""


def _accepted(question: Question) -> tuple[str, ...]:
    answer = question.answer
    return (answer,) if isinstance(answer, str) else tuple(answer)


class CommandType(QuestionType):
    """``answer`` is one command or a list of accepted commands (the first is shown);
    ``near_misses`` optionally lists ``{command, explanation}`` pairs explained when the
    learner types that command. No ``choices``."""

    label = "command"
    answer_doc = "a command, or a list of accepted commands"
    keys = frozenset({"near_misses"})
    fast_seconds = 20
    slow_seconds = 90

    def check(self, check, data, path, choices):
        raw = data["answer"]
        answer_path = (*path, "answer")
        if choices:
            check.fail((*path, "choices"), "a command question has no choices", "remove `choices:`")
        if isinstance(raw, str):
            data = {**data, "answer": [raw]}
        items = check.string_list(data, "answer", path, unique=True)
        if not items:
            if isinstance(data["answer"], list):
                check.fail(answer_path, "must be a command or a non-empty list of commands",
                           "write `answer: apt install python3-dev`")
            return None
        for item in items:
            try:
                parse(item)
            except CommandError as error:
                check.fail(answer_path, f"{item!r} is not a command: {error}", "fix the quoting or the words")
                return None
        return items

    def extras(self, check, data, path):
        raw = data.get("near_misses")
        if raw is None:
            return {}
        field = (*path, "near_misses")
        if not isinstance(raw, list):
            check.fail(field, f"must be a list, not {check.describe(raw)}",
                       "write each as `- {command: ..., explanation: ...}`")
            return {}
        answers = []
        answer = data.get("answer")
        for item in ([answer] if isinstance(answer, str) else answer if isinstance(answer, list) else []):
            try:
                answers.append(parse(str(item)))
            except CommandError:
                pass
        out = []
        for index, item in enumerate(raw):
            where = (*field, index)
            entry = check.mapping(item, where, {"command", "explanation"}, ("command", "explanation"))
            if entry is None:
                continue
            command = check.text(entry, "command", where)
            explanation = check.text(entry, "explanation", where)
            if not command or not explanation:
                continue
            try:
                parsed = parse(command)
            except CommandError as error:
                check.fail((*where, "command"), f"is not a command: {error}", "fix the quoting or the words")
                continue
            if any(matches(parsed, right) for right in answers):
                check.fail((*where, "command"), f"{command!r} is graded as right (it does what the answer does)",
                           "remove it, or change the answer")
                continue
            out.append((command, explanation))
        return {"near_misses": tuple(out)}

    def hint(self, item: Presented, rng: random.Random) -> str:
        first = split(_accepted(item.question)[0])
        words = _strip_prefix(first[-1])
        return f"The command starts with “{words[0]}” and has {len(words)} words."

    def grade(self, question: Question, response: object) -> Grade:
        expected = self.answer_text(question)
        text = str(response)
        try:
            given = parse(text)
        except CommandError as error:
            return Grade(False, 0.0, expected, note=f"That cannot be read as a command: {error}.")
        answers = [parse(item) for item in _accepted(question)]
        if any(matches(given, right) for right in answers):
            return Grade(True, 1.0, expected)
        for command, explanation in question.near_misses:
            try:
                if matches(given, parse(command)):
                    return Grade(False, 0.0, expected, note=explanation)
            except CommandError:
                continue
        return Grade(False, 0.0, expected, note=explain_miss(given, answers[0]))

    def answer_text(self, question: Question) -> str:
        accepted = _accepted(question)
        return accepted[0] + (f" (also accepted: {'; '.join(accepted[1:])})" if len(accepted) > 1 else "")

    def response_text(self, question: Question, response: object) -> str:
        return " ".join(str(response).split())


TYPE = CommandType()
