"""sshd's effective configuration, read the way sshd reads it.

The rules come from OpenSSH's manual page sshd_config(5) (OpenSSH 9.x) and from how its
``servconf.c`` applies them:

* For each keyword, the first value obtained is used; later lines setting it again are
  ignored. Keywords are case-insensitive; the keyword and its arguments are separated by
  white space or one ``=``. Lines starting with ``#`` and empty lines are comments, and an
  argument starting with ``#`` starts a comment.
* ``Include`` reads the named files where it stands. Each argument may hold glob(7)
  wildcards, expanded and read in lexical order; a path that is not absolute is taken in
  ``/etc/ssh``. A pattern matching nothing is not an error. Includes nest up to 16 deep:
  a file included 17 deep (an Include loop: a file including itself, or a drop-in its own
  glob) makes sshd refuse the whole configuration ("Too many recursive configuration
  includes") and not start; parsing stops there (``SshdConfig.refused``).
* ``Match`` starts a conditional block that lasts until the next ``Match`` line or the end
  of the file; what it sets applies only to the connections it matches, so it does not
  change the global value. An ``Include`` inside a ``Match`` block is conditional too, even
  a ``Match all`` in the included file, and after an included file the block in force
  before it is restored.
* ``Match all`` matches every connection, so its block is global in effect (``sshd -T``
  shows its values). sshd applies matching blocks over the global values: for a keyword a
  ``Match`` block may set (``MATCH_KEYWORDS``), the first value in a ``Match all`` block
  wins over any global line, before or after it; a keyword only the global section may set
  (``UsePAM``) takes the first value among the global lines and ``Match all`` blocks.
* A keyword never set takes sshd's built-in default (``DEFAULTS``; FreeBSD's sshd is built
  with other defaults, ``FREEBSD_DEFAULTS``).
* ``ChallengeResponseAuthentication`` is a deprecated alias of
  ``KbdInteractiveAuthentication`` and ``without-password`` of ``prohibit-password``.

On a live system ``sshd -T`` (run as root) prints the effective global configuration and is
the authority (``parse_sshd_T``); the files are parsed otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Collection

#: How deep Includes nest before sshd gives up (``SERVCONF_MAX_DEPTH`` in OpenSSH).
MAX_DEPTH = 16
#: The directory relative ``Include`` paths are taken in.
SSH_DIR = "/etc/ssh"
#: The main configuration file.
MAIN_FILE = "/etc/ssh/sshd_config"

#: sshd's defaults, from sshd_config(5), for the keywords the checks read (lower case).
#: ``PermitRootLogin`` has defaulted to ``prohibit-password`` since OpenSSH 7.0 (``yes``
#: before); ``UsePAM`` defaults to ``no`` upstream, but Debian, Ubuntu and the Red Hat
#: family ship ``UsePAM yes`` in their sshd_config.
DEFAULTS = {
    "passwordauthentication": "yes",
    "permitrootlogin": "prohibit-password",
    "kbdinteractiveauthentication": "yes",
    "usepam": "no",
    "authenticationmethods": "any",
    "permitemptypasswords": "no",
}

#: FreeBSD's sshd defaults, from FreeBSD's sshd_config(5)
#: (https://man.freebsd.org/cgi/man.cgi?query=sshd_config&sektion=5) and the commented
#: defaults of the /etc/ssh/sshd_config it ships: ``PermitRootLogin no``,
#: ``PasswordAuthentication no``, ``KbdInteractiveAuthentication yes`` and ``UsePAM yes``,
#: so passwords still come in through keyboard-interactive with PAM unless
#: ``KbdInteractiveAuthentication no`` (or ``UsePAM no``) is written.
FREEBSD_DEFAULTS = {
    **DEFAULTS,
    "passwordauthentication": "no",
    "permitrootlogin": "no",
    "kbdinteractiveauthentication": "yes",
    "usepam": "yes",
}


def defaults_for(family: str) -> dict[str, str]:
    """sshd's built-in defaults on a system of ``family``.

    Args:
        family: the OS family as ``oslearn.lessons.verify.checks`` names it (``freebsd``,
            ``debian``, ``redhat``, or ``""`` when unknown).
    Returns:
        ``FREEBSD_DEFAULTS`` for FreeBSD, ``DEFAULTS`` (OpenSSH's) for any other.
    """
    return FREEBSD_DEFAULTS if family == "freebsd" else DEFAULTS

#: The keywords the checks read that a ``Match`` block may set (sshd_config(5), "Match"),
#: lower case; ``UsePAM`` is global only.
MATCH_KEYWORDS = frozenset({"passwordauthentication", "permitrootlogin", "kbdinteractiveauthentication",
                            "authenticationmethods", "permitemptypasswords"})

#: Deprecated spellings and their current keyword.
KEYWORD_ALIASES = {"challengeresponseauthentication": "kbdinteractiveauthentication"}
#: Deprecated values and their current spelling, per keyword.
VALUE_ALIASES = {"permitrootlogin": {"without-password": "prohibit-password"}}


@dataclass(frozen=True)
class Setting:
    """One keyword's value and where it came from.

    Attributes:
        keyword: the keyword as written (``PasswordAuthentication``).
        value: its arguments joined by one space, as written.
        file: the file, or ``"sshd -T"``, or ``""`` for a default.
        line: the 1-based line number in ``file`` (0 for ``sshd -T`` and defaults).
        match: the ``Match`` line in force, ``""`` in the global section (for a global
            value set in a ``Match all`` block, that line).
    """

    keyword: str
    value: str
    file: str = ""
    line: int = 0
    match: str = ""

    @property
    def where(self) -> str:
        """``file:line``, ``sshd -T``, or ``sshd's default``."""
        if self.file and self.line:
            return f"{self.file}:{self.line}"
        return self.file or "sshd's default"

    def normalised(self) -> str:
        """The value in lower case with deprecated spellings replaced (for comparing)."""
        value = self.value.strip().lower()
        key = KEYWORD_ALIASES.get(self.keyword.lower(), self.keyword.lower())
        return VALUE_ALIASES.get(key, {}).get(value, value)


@dataclass
class SshdConfig:
    """The global settings sshd would use, with where each came from.

    Attributes:
        settings: first global value of each keyword, keyed by lower-case keyword
            (aliases folded into their current keyword).
        overrides: settings inside ``Match`` blocks (each first in its block), which
            apply to some connections only.
        ignored: global settings that came after the first value of their keyword and so
            do nothing (a common surprise: a drop-in read first wins over sshd_config).
        files: the files read, in the order sshd reads them.
        problems: what could not be read (a missing main file, an unreadable include,
            nesting too deep), each a sentence naming the file.
        unreadable: the files (or folders) sshd would read that could not be read here, so
            the settings found may not be sshd's.
        refused: why sshd would refuse this configuration and not start (Includes nested
            more than ``MAX_DEPTH`` deep), ``""`` when it would not; parsing stopped there.
        authority: ``"files"`` or ``"sshd -T"``.
        defaults: sshd's built-in defaults on the target (``defaults_for``).
        defaults_name: how those defaults are named in evidence (``sshd's default``,
            ``FreeBSD's sshd default``).
    """

    settings: dict[str, Setting] = field(default_factory=dict)
    overrides: list[Setting] = field(default_factory=list)
    ignored: list[Setting] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    refused: str = ""
    authority: str = "files"
    defaults: dict[str, str] = field(default_factory=lambda: DEFAULTS)
    defaults_name: str = "sshd's default"
    #: with ``sshd -T`` the authority, the files parsed (to say which line to change).
    parsed: "SshdConfig | None" = None

    def written(self, keyword: str) -> Setting:
        """Where ``keyword`` is set in the files (the first global line), else its effective
        setting: the line a fix should change."""
        source = self.parsed if self.parsed is not None else self
        key = KEYWORD_ALIASES.get(keyword.lower(), keyword.lower())
        return source.settings.get(key) or self.effective(keyword)

    def effective(self, keyword: str) -> Setting:
        """The effective global value of ``keyword`` (any case): the first one set, else
        sshd's default (``defaults``; an empty value for a keyword without one here)."""
        key = KEYWORD_ALIASES.get(keyword.lower(), keyword.lower())
        if key in self.settings:
            return self.settings[key]
        return Setting(keyword, self.defaults.get(key, ""))

    def ignored_of(self, keyword: str) -> list[Setting]:
        """The global settings of ``keyword`` (any case) that lost to an earlier one."""
        key = KEYWORD_ALIASES.get(keyword.lower(), keyword.lower())
        return [s for s in self.ignored if KEYWORD_ALIASES.get(s.keyword.lower(), s.keyword.lower()) == key]

    def overrides_of(self, keyword: str) -> list[Setting]:
        """The ``Match`` block settings of ``keyword`` (any case)."""
        key = KEYWORD_ALIASES.get(keyword.lower(), keyword.lower())
        return [s for s in self.overrides if KEYWORD_ALIASES.get(s.keyword.lower(), s.keyword.lower()) == key]


def split_line(line: str) -> list[str]:
    """Split one configuration line into keyword and arguments as sshd does.

    The keyword ends at white space or ``=`` (one ``=`` between keyword and arguments is
    allowed); arguments are separated by white space, may be enclosed in double quotes,
    and an argument starting with ``#`` starts a comment.

    Args:
        line: the line without its newline.
    Returns:
        ``[keyword, arg, ...]``; empty for comments and blank lines.
    """
    text = line.strip()
    if not text or text.startswith("#"):
        return []
    index = 0
    while index < len(text) and not text[index].isspace() and text[index] != "=":
        index += 1
    keyword, rest = text[:index], text[index:].lstrip()
    if rest.startswith("="):
        rest = rest[1:].lstrip()
    words = [keyword]
    current: list[str] = []
    quoted = False
    started = False
    for char in rest:
        if quoted:
            if char == '"':
                quoted = False
            else:
                current.append(char)
        elif char == '"':
            quoted = started = True
        elif char.isspace():
            if started:
                words.append("".join(current))
                current, started = [], False
        elif char == "#" and not started:
            break
        else:
            current.append(char)
            started = True
    if started:
        words.append("".join(current))
    return words


def parse_sshd_config(read: Callable[[str], str | None], glob: Callable[[str], list[str]],
                      main: str = MAIN_FILE, *, unreadable: Collection[str] = (),
                      family: str = "") -> SshdConfig:
    """Read sshd's configuration starting at ``main``, following ``Include`` lines.

    Args:
        read: returns the text of a file on the target by absolute path, ``None`` when it
            does not exist or cannot be read.
        glob: returns the files on the target a pattern matches (absolute paths, any order;
            they are read in lexical order).
        main: the main configuration file.
        unreadable: files and folders known to be there but unreadable (a file a glob
            matched but ``read`` cannot give is unreadable too).
        family: the target's OS family, for sshd's defaults (``defaults_for``).
    Returns:
        the global settings and ``Match`` overrides; problems are listed, never raised,
        and what sshd would read but could not be read is in ``unreadable``.
    """
    config = SshdConfig(defaults=defaults_for(family),
                        defaults_name="FreeBSD's sshd default" if family == "freebsd" else "sshd's default")

    def parse_file(path: str, depth: int, match: str, active: bool, never: bool) -> None:
        # active: whether the lines read now set global values (outside Match, or after a
        # Match all); never: the file was included inside a Match block, so none of its
        # Match lines, Match all included, makes lines global (sshd's SSHCFG_NEVERMATCH).
        text = read(path)
        if text is None:
            config.problems.append(f"{path} could not be read")
            if (depth > 0 or path in unreadable) and path not in config.unreadable:
                config.unreadable.append(path)
            return
        config.files.append(path)
        outer = match
        for number, line in enumerate(text.split("\n"), start=1):  # sshd's lines: a CR is white space
            words = split_line(line)
            if not words:
                continue
            keyword = words[0]
            key = keyword.lower()
            if key == "match":
                match = f"{outer}, then {line.strip()}" if never else line.strip()
                active = not never and [word.lower() for word in words[1:]] == ["all"]
                continue
            if key == "include":
                for pattern in words[1:]:
                    if not pattern.startswith("/"):
                        pattern = f"{SSH_DIR}/{pattern}"
                    folder = pattern.rpartition("/")[0]
                    if folder in unreadable and folder not in config.unreadable:
                        config.unreadable.append(folder)
                    for included in sorted(glob(pattern)):
                        if depth >= MAX_DEPTH:
                            raise _Refused(f"{path}:{number}: Include nested more than {MAX_DEPTH} deep "
                                           f"(reading {included}): an Include loop?")
                        # the block in force is restored after the included file
                        parse_file(included, depth + 1, match, active, not active)
                continue
            setting = Setting(keyword, " ".join(words[1:]), path, number, match)
            key = KEYWORD_ALIASES.get(key, key)
            if not active:
                if not any(s.match == match and s.file == path and s.keyword.lower() == keyword.lower()
                           for s in config.overrides):
                    config.overrides.append(setting)
            elif match and key in MATCH_KEYWORDS and key not in from_match_all:
                # the first value in a Match all block replaces the global one
                from_match_all.add(key)
                if key in config.settings:
                    config.ignored.append(config.settings[key])
                config.settings[key] = setting
            elif key not in config.settings:
                config.settings[key] = setting
            else:
                config.ignored.append(setting)

    from_match_all: set[str] = set()
    try:
        parse_file(main, 0, "", True, False)
    except _Refused as refused:
        config.refused = str(refused)
        config.problems.append(config.refused)
    return config


class _Refused(Exception):
    """sshd would refuse the configuration: parsing stops at once (an Include loop would
    otherwise be read again and again, each level as many times as the loop branches)."""


def parse_sshd_T(output: str, files: SshdConfig | None = None) -> SshdConfig:
    """The effective configuration printed by ``sshd -T`` (one ``keyword value`` a line, in
    lower case), with the ``Match`` overrides and file list taken from ``files`` (the
    parsed files), since ``sshd -T`` without ``-C`` shows the global values only."""
    config = SshdConfig(authority="sshd -T")
    for line in output.splitlines():
        words = line.strip().split(None, 1)
        if len(words) == 2:
            key = KEYWORD_ALIASES.get(words[0].lower(), words[0].lower())
            config.settings.setdefault(key, Setting(words[0], words[1], "sshd -T"))
    if files is not None:
        config.parsed = files
        config.overrides = files.overrides
        config.ignored = files.ignored
        config.files = files.files
        config.problems = files.problems
        config.unreadable = files.unreadable
        config.refused = files.refused
        config.defaults = files.defaults
        config.defaults_name = files.defaults_name
    return config
