"""The facts a check is judged on: gathered on the target by ``facts.sh``, or read from a
mounted file tree (``--root``).

Both ways produce the same ``Facts``: the files read (by absolute path on the target), what
each glob matched, the commands run with their output and exit status, and single values.
``parse_output`` reads the script's framing; ``read_root`` reads a tree as files only and
runs nothing on it but read-only queries of this machine's tools when they exist
(``systemctl --root is-enabled``, and ``rpm`` on a copy of the tree's rpm database); the
judging in ``oslearn.lessons.verify.checks`` never knows which way was used.
"""

from __future__ import annotations

import errno
import glob as globmod
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

#: Files read into ``Facts.files`` on every target (besides sshd's, walked by Include).
PLAIN_FILES = ("/etc/os-release", "/usr/lib/os-release", "/etc/group", "/etc/passwd", "/etc/rc.conf",
               "/etc/dnf/automatic.conf", "/etc/yum/yum-cron.conf", "/etc/ufw/ufw.conf", "/etc/nftables.conf",
               "/etc/sysconfig/nftables.conf")
#: The units whose enablement is asked for.
UNITS = ("fail2ban.service", "unattended-upgrades.service", "apt-daily-upgrade.timer", "dnf-automatic.timer",
         "dnf-automatic-install.timer", "yum-cron.service", "ufw.service", "firewalld.service", "nftables.service")
#: Where systemd unit files live (a unit with a file in none of them is not installed).
UNIT_DIRS = ("/etc/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system")
#: Where a system keeps its rpm database (in this order; on newer systems one is a link to
#: the other), and the files that make one: Berkeley DB's ``Packages`` (RHEL 7, 8), SQLite's
#: ``rpmdb.sqlite`` (RHEL 9 and later, Fedora), ndb's ``Packages.db`` (openSUSE). rpm is only
#: ever run with ``--dbpath`` on a directory holding one of them: left to its compiled-in
#: path (``~/.rpmdb`` for Debian's rpm tool) it creates an empty database there and lists
#: nothing, which would read as "not installed".
RPM_DB_DIRS = ("/var/lib/rpm", "/usr/lib/sysimage/rpm")
RPM_DB_NAMES = ("rpmdb.sqlite", "Packages", "Packages.db")
#: Files of an rpm database directory not copied to read it: Berkeley DB's environment and
#: SQLite's shared memory index (each rebuilt by the reader), rpm's lock files.
_RPM_SCRATCH = re.compile(r"^(__db\.\d+|.*-shm|\.rpm\.lock|\.dbenv\.lock)$")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """``text`` without control characters (newline and tab kept), for anything read from a
    target that may be shown: terminal escapes in a file on a server never reach a screen."""
    return _CONTROL.sub("", text)


def script_text() -> str:
    """The POSIX ``sh`` script that gathers the facts (package data ``facts.sh``)."""
    return resources.files("oslearn.lessons.verify").joinpath("facts.sh").read_text(encoding="utf-8")


class FactsError(ValueError):
    """The target's answer could not be read as facts (the message says what was wrong)."""


@dataclass
class Command:
    """A command run on the target: its output (stdout and stderr) and exit status."""

    output: str
    status: int | None


@dataclass
class Facts:
    """What is known about a target.

    Attributes:
        target: how the target was reached (``this machine``, ``user@host``, ``--root DIR``).
        files: file text by absolute path on the target.
        globs: the files each pattern matched, by pattern (absolute, on the target).
        commands: commands run, by name (``dpkg``, ``rpm``, ``sshd-T``, ``systemctl-UNIT``...).
        values: single facts by name (``uid``, ``uname``, ``python3-link``).
        unreadable: files and folders that are there but could not be read (no read
            permission for the user the facts were gathered as, a link loop).
        packages: installed packages by name with their state (dpkg: ``installed``,
            ``config-files``...; rpm and pkg: ``installed``), ``None`` when unknown.
        package_source: where ``packages`` came from (a command or a file), or why unknown.
        live: whether the facts come from a running system (commands could run).
    """

    target: str
    files: dict[str, str] = field(default_factory=dict)
    globs: dict[str, list[str]] = field(default_factory=dict)
    commands: dict[str, Command] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)
    packages: dict[str, str] | None = None
    package_source: str = ""
    live: bool = True

    def read(self, path: str) -> str | None:
        """The text of ``path`` on the target, ``None`` when absent or unreadable."""
        return self.files.get(path)

    def glob(self, pattern: str) -> list[str]:
        """The files ``pattern`` matched on the target, as recorded (empty when not)."""
        return list(self.globs.get(pattern, []))

    def command(self, name: str) -> Command | None:
        """The recorded command ``name``, or ``None`` when it was not run."""
        return self.commands.get(name)


def parse_output(text: str, boundary: str, target: str) -> Facts:
    """Read the output of ``facts.sh`` run with ``boundary`` as its first argument.

    Args:
        text: everything the script printed (decoded).
        boundary: the boundary the script was given.
        target: how the target was reached, for messages.
    Returns:
        the facts, with ``packages`` taken from dpkg-query, rpm or pkg's output.
    Raises:
        FactsError: the output has no records, or stops before the script's end record
            (the connection dropped, the shell is not POSIX).
    """
    marker = f"@@{boundary}@@ "
    facts = Facts(target=target)
    records: list[tuple[str, str, list[str]]] = []
    ended = False
    for line in text.split("\n"):
        if line.startswith(marker):
            kind, _, name = line[len(marker):].partition(" ")
            if kind == "end":
                ended = True
                break
            records.append((kind, name, []))
        elif records:
            records[-1][2].append(line)
    if not records:
        raise FactsError(f"{target} printed no facts (is /bin/sh a POSIX shell there?)")
    if not ended:
        raise FactsError(f"the facts from {target} stop before their end (the connection may have dropped)")
    for kind, name, lines in records:
        body = "\n".join(lines)
        if kind == "file":
            facts.files[name] = body[:-1] if body.endswith("\n") else body
        elif kind == "unreadable":
            if name not in facts.unreadable:
                facts.unreadable.append(name)
        elif kind == "glob":
            facts.globs[name] = [line for line in lines if line]
        elif kind == "cmd":
            facts.commands[name] = Command(body[:-1] if body.endswith("\n") else body, None)
        elif kind == "rc":
            try:
                status = int(body.strip())
            except ValueError:
                status = None
            facts.commands.setdefault(name, Command("", None)).status = status
        elif kind == "fact":
            facts.values[name] = body.strip()
    _packages_from_commands(facts)
    return facts


def _packages_from_commands(facts: Facts) -> None:
    dpkg, rpm, pkg = facts.command("dpkg"), facts.command("rpm"), facts.command("pkg")
    if dpkg is not None and dpkg.status == 0:
        facts.packages = {}
        for line in dpkg.output.splitlines():
            name, _, state = line.partition("\t")
            if name:
                facts.packages[name.split(":")[0]] = state.strip()
        facts.package_source = "dpkg-query -W"
    elif rpm is not None and rpm.status == 0 and rpm_names(rpm.output) is not None:
        facts.packages = dict.fromkeys(rpm_names(rpm.output) or [], "installed")
        facts.package_source = "rpm -qa"
    elif pkg is not None and pkg.status == 0:
        facts.packages = {line.strip(): "installed" for line in pkg.output.splitlines() if line.strip()}
        facts.package_source = "pkg query"
    elif rpm is not None:
        detail = _rpm_error(rpm.output) or (f"exit {rpm.status}" if rpm.status else "no package listed")
        facts.package_source = f"rpm -qa could not read the rpm database: {detail}"
    else:
        facts.package_source = "no package manager answered (dpkg-query, rpm or pkg)"


def rpm_names(output: str) -> list[str] | None:
    """The package names ``rpm -qa --qf '%{NAME}\\n'`` printed (its warnings skipped).

    Args:
        output: what rpm printed (stdout, or stdout and stderr together).
    Returns:
        the names, or ``None`` when rpm reported an error or listed nothing: an rpm system
        always has packages, so an empty list means the database could not be read.
    """
    names = []
    for line in output.splitlines():
        line = line.strip()
        if line.startswith("error:"):
            return None
        if line and not line.startswith("warning:"):
            names.append(line)
    return names or None


def _rpm_error(output: str) -> str:
    errors = [line.strip() for line in output.splitlines() if line.strip().startswith("error:")]
    return clean_text(errors[0])[:200] if errors else ""


# --- a mounted tree -----------------------------------------------------------------------------


#: How many symbolic links one path may go through before it counts as unreadable (Linux's
#: ``MAXSYMLINKS``: past it, ``open`` fails with ``ELOOP``).
MAX_LINKS = 40


class RootTree:
    """A file tree mounted at ``root``, read by the paths it has as a system (``/etc/...``).

    Symbolic links are resolved inside the tree, as a container runtime resolves them: an
    absolute link target is taken from ``root``, not from this machine, and ``..`` never
    climbs above ``root``. A path going through more than ``MAX_LINKS`` links cannot be read,
    and a path that still resolves outside ``root`` is refused, so a tree never makes oslearn
    read this machine's files.
    """

    def __init__(self, root: Path):
        self.root = Path(root).resolve()

    def host_path(self, path: str, *, follow: bool = True) -> Path:
        """The path on this machine of ``path`` in the tree, every link resolved inside it.

        Args:
            path: an absolute path as the tree's system sees it.
            follow: whether a link in the last component is followed too.
        Returns:
            a path under ``root`` with no symbolic link in it (but the last component when
            ``follow`` is false).
        Raises:
            OSError: ``ELOOP`` past ``MAX_LINKS`` links; ``EXDEV`` when the result is not
                under ``root`` (a file system changed while it was read).
        """
        pending = [part for part in path.split("/") if part and part != "."]
        current: list[str] = []
        links = 0
        while pending:
            part = pending.pop(0)
            if part == "..":
                if current:
                    current.pop()
                continue
            here = self.root.joinpath(*current, part)
            if (follow or pending) and here.is_symlink():
                links += 1
                if links > MAX_LINKS:
                    raise OSError(errno.ELOOP, "too many levels of symbolic links in the tree", path)
                target = os.readlink(here)
                if target.startswith("/"):
                    current = []
                pending = [p for p in target.split("/") if p and p != "."] + pending
                continue
            current.append(part)
        host = self.root.joinpath(*current)
        checked = os.path.realpath(host if follow or not current else host.parent)
        if os.path.commonpath([checked, str(self.root)]) != str(self.root):
            raise OSError(errno.EXDEV, "resolves outside the tree", path)
        return host

    def read_text(self, path: str) -> str | None:
        """The text of ``path`` in the tree (UTF-8, undecodable bytes replaced).

        Returns:
            the text, or ``None`` when there is no such file (or it is not a regular file).
        Raises:
            OSError: the file exists but cannot be read (permissions, a link loop, a link
                chain longer than ``MAX_LINKS``).
        """
        host = self.host_path(path)
        if not host.is_file():
            if host.is_symlink():  # a link left dangling, in a way the tree cannot say
                raise OSError(errno.ENOENT, "dangling link", path)
            return None
        descriptor = os.open(host, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            return handle.read().decode("utf-8", errors="replace")

    def read(self, path: str) -> str | None:
        """The text of ``path`` in the tree (UTF-8, undecodable bytes replaced), or ``None``
        when it is absent or cannot be read."""
        try:
            return self.read_text(path)
        except OSError:
            return None

    def unreadable(self, path: str) -> bool:
        """Whether ``path`` names something in the tree that cannot be read as a file (a
        link loop or too long a chain, a dangling link, a file without read permission)."""
        try:
            self.read_text(path)
        except OSError:
            return self.exists(path)
        return False

    def listdir(self, path: str) -> list[str]:
        """The names in directory ``path`` of the tree, sorted; empty when it is not one."""
        try:
            return sorted(os.listdir(self.host_path(path)))
        except OSError:
            return []

    def is_dir(self, path: str) -> bool:
        """Whether ``path`` is a directory in the tree (links resolved inside it)."""
        try:
            return self.host_path(path).is_dir()
        except OSError:
            return False

    def glob(self, pattern: str) -> list[str]:
        """The paths in the tree (as the system sees them) matching ``pattern``, sorted.

        Each component is matched against the directory's names as glob(7) does (a leading
        ``.`` only by a pattern starting with one); directories are resolved inside the tree.
        The last component matches regular files, and names that cannot be read as files
        (a link loop, a dangling link: sshd would try them and fail).
        """
        from fnmatch import fnmatchcase

        parts = [part for part in pattern.split("/") if part]
        found = ["/"]
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            following = []
            for directory in found:
                prefix = directory.rstrip("/")
                if not globmod.has_magic(part):
                    names = [part]
                else:
                    names = [name for name in self.listdir(directory or "/")
                             if fnmatchcase(name, part) and (part.startswith(".") or not name.startswith("."))]
                for name in names:
                    candidate = f"{prefix}/{name}"
                    if last:
                        try:
                            regular = self.host_path(candidate).is_file()
                        except OSError:
                            regular = False
                        if regular or self.unreadable(candidate):
                            following.append(candidate)
                    elif self.is_dir(candidate):
                        following.append(candidate)
            found = following
        return sorted(found)

    def exists(self, path: str) -> bool:
        """Whether ``path`` exists in the tree (a link counts even when dangling)."""
        try:
            host = self.host_path(path, follow=False)
        except OSError:
            return False
        return host.is_symlink() or host.exists()

    def link_target(self, path: str) -> str | None:
        """What the symbolic link ``path`` points to, ``None`` if it is not one."""
        try:
            host = self.host_path(path, follow=False)
            return os.readlink(host) if host.is_symlink() else None
        except OSError:
            return None


_APT_PART_NAME = re.compile(r"[A-Za-z0-9_.-]+")


def apt_reads(name: str) -> bool:
    """Whether APT reads a file named ``name`` in ``/etc/apt/apt.conf.d``.

    apt.conf(5): only names holding nothing but alphanumerics, hyphen, underscore and
    period, with no extension or the extension ``conf``; others (``20auto-upgrades.disabled``,
    ``*.dpkg-old``, ``*.ucf-dist``, ``foo~``) are ignored.

    Args:
        name: the file's name, without its folder.
    Returns:
        whether APT reads it.
    """
    if not _APT_PART_NAME.fullmatch(name) or name.startswith(".") or name.endswith("."):
        return False
    return "." not in name or name.rsplit(".", 1)[1] == "conf"


def read_root(root: Path) -> Facts:
    """Read the facts of the system image or container file system mounted at ``root``.

    Files only: os-release, groups, sshd's configuration with its Includes, dpkg's status
    file (``/var/lib/dpkg/status``), the unit symlinks under ``/etc/systemd/system`` (and
    ``systemctl --root=ROOT is-enabled`` when this machine has systemctl), APT's
    configuration, ufw's and nftables' files. Installed rpm packages come from this
    machine's ``rpm`` reading a copy of the tree's rpm database, when there are both; they
    are unknown otherwise, and when rpm reports any error.

    Raises:
        FactsError: ``root`` is not a directory, or has no ``etc`` folder.
    """
    root = Path(root)
    if not root.is_dir():
        raise FactsError(f"{root} is not a directory")
    if not (root / "etc").is_dir():
        raise FactsError(f"{root} has no etc folder: give the folder a system's file tree is mounted at")
    tree = RootTree(root)
    facts = Facts(target=f"--root {root}", live=False)
    facts.values["uid"] = ""
    for path in PLAIN_FILES:
        text = tree.read(path)
        if text is not None:
            facts.files[path] = text
    from oslearn.lessons.verify.sshd import MAIN_FILE, parse_sshd_config

    def read_recording(path: str) -> str | None:
        text = tree.read(path)
        if text is not None:
            facts.files[path] = text
        elif tree.unreadable(path) and path not in facts.unreadable:
            facts.unreadable.append(path)
        return text

    def glob_recording(pattern: str) -> list[str]:
        folder = pattern.rpartition("/")[0] or "/"
        if not globmod.has_magic(folder) and tree.is_dir(folder):
            if not os.access(tree.host_path(folder), os.R_OK | os.X_OK) and folder not in facts.unreadable:
                facts.unreadable.append(folder)
        facts.globs[pattern] = tree.glob(pattern)
        return facts.globs[pattern]

    parse_sshd_config(read_recording, glob_recording, MAIN_FILE)
    apt_parts = [path for path in tree.glob("/etc/apt/apt.conf.d/*") if apt_reads(path.rsplit("/", 1)[-1])]
    facts.globs["/etc/apt/apt.conf.d/*"] = apt_parts
    for path in ["/etc/apt/apt.conf", *apt_parts]:
        text = tree.read(path)
        if text is not None and "periodic" in text.lower():
            facts.files[path] = text
    wants = []
    for entry in tree.listdir("/etc/systemd/system"):
        if entry.endswith(".wants") and tree.is_dir(f"/etc/systemd/system/{entry}"):
            wants += [f"/etc/systemd/system/{entry}/{name}" for name in tree.listdir(f"/etc/systemd/system/{entry}")]
    facts.globs["/etc/systemd/system/*.wants/*"] = wants
    systemctl = shutil.which("systemctl")
    for unit in UNITS:
        target = tree.link_target(f"/etc/systemd/system/{unit}")
        if target is not None and posixpath.normpath(posixpath.join("/etc/systemd/system", target)) == "/dev/null":
            facts.values[f"masked-{unit}"] = "masked"
        if any(tree.exists(f"{directory}/{unit}") for directory in UNIT_DIRS):
            facts.values[f"unit-{unit}"] = "present"
        if systemctl is not None:
            _unit_from_systemctl(systemctl, tree, unit, facts)
    link = tree.link_target("/usr/bin/python3")
    facts.values["python3-link"] = link or ""
    if link:
        version = os.path.basename(link)
        for name in ("venv", "ensurepip"):
            if any(tree.exists(f"{lib}/{version}/{name}/__init__.py") for lib in ("/usr/lib", "/usr/lib64")):
                facts.values[f"python-module-{name}"] = "present"
    _packages_from_tree(tree, facts)
    return facts


def _unit_from_systemctl(systemctl: str, tree: RootTree, unit: str, facts: Facts) -> None:
    """Record ``systemctl --root=TREE is-enabled UNIT`` as the command ``systemctl-UNIT``
    (as ``facts.sh`` records ``systemctl is-enabled UNIT``): systemd's own reading of the
    tree's unit files and links, masking included, offline and read-only. Nothing is
    recorded when it cannot run."""
    try:
        done = subprocess.run([systemctl, f"--root={tree.root}", "is-enabled", unit], capture_output=True,
                              text=True, errors="replace", timeout=10, stdin=subprocess.DEVNULL,
                              env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C", "SYSTEMD_PAGER": "cat"})
    except (OSError, subprocess.SubprocessError):
        return
    facts.commands[f"systemctl-{unit}"] = Command((done.stdout + done.stderr).strip(), done.returncode)


def _packages_from_tree(tree: RootTree, facts: Facts) -> None:
    status = tree.read("/var/lib/dpkg/status")
    if status is not None:
        facts.packages = parse_dpkg_status(status)
        facts.package_source = "/var/lib/dpkg/status"
        return
    db_dir = rpm_database_dir(tree)
    if db_dir is not None:
        _packages_from_rpm(tree, db_dir, facts)
        return
    facts.package_source = "the tree has no package database (/var/lib/dpkg/status, /var/lib/rpm)"


def rpm_database_dir(tree: RootTree) -> str | None:
    """The tree's rpm database directory (the first of ``RPM_DB_DIRS`` holding one of
    ``RPM_DB_NAMES``), as the system's path with links resolved inside the tree; ``None``
    when the tree has none."""
    for directory in RPM_DB_DIRS:
        try:
            host = tree.host_path(directory)
        except OSError:
            continue
        if any(tree.exists(f"{directory}/{name}") for name in RPM_DB_NAMES) and host.is_dir():
            return "/" + host.relative_to(tree.root).as_posix()
    return None


def _packages_from_rpm(tree: RootTree, db_dir: str, facts: Facts) -> None:
    """Installed packages from the tree's rpm database, read by this machine's ``rpm``.

    The database files are copied to a temporary directory first and rpm reads the copy
    (``--dbpath``, no ``--root``): whatever rpm writes beside a database it opens (a lock,
    Berkeley DB's environment, SQLite's shared memory) goes to the copy, never into the tree.
    Any error rpm reports, or an empty list, leaves the packages unknown.
    """
    rpm = shutil.which("rpm")
    if rpm is None:
        facts.package_source = f"the tree has an rpm database ({db_dir}) but this machine has no rpm tool to read it"
        return
    source = f"rpm -qa --dbpath {db_dir} (a copy of the tree's database)"
    with tempfile.TemporaryDirectory(prefix="oslearn-rpmdb-") as scratch:
        try:
            for name in tree.listdir(db_dir):
                if _RPM_SCRATCH.match(name):
                    continue
                host = tree.host_path(f"{db_dir}/{name}")
                if host.is_file():
                    shutil.copyfile(host, os.path.join(scratch, name))
            done = subprocess.run([rpm, "--dbpath", scratch, "-qa", "--qf", "%{NAME}\n"], capture_output=True,
                                  text=True, errors="replace", timeout=60, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError) as error:
            facts.package_source = f"{source}: the database could not be read: {error}"
            return
    error = _rpm_error(done.stderr) or _rpm_error(done.stdout)
    names = rpm_names(done.stdout)
    if done.returncode != 0 or error or names is None:
        detail = error or (f"exit {done.returncode}" if done.returncode else "no package listed")
        facts.package_source = f"{source}: the database could not be read: {detail}"
        return
    facts.packages = dict.fromkeys(names, "installed")
    facts.package_source = source


def parse_dpkg_status(text: str) -> dict[str, str]:
    """Package name -> status word (``installed``, ``config-files``, ``not-installed``...)
    from the text of dpkg's status file (stanzas of ``Field: value`` lines separated by
    blank lines; ``Status: want flag status``, the last word is the package's status)."""
    packages: dict[str, str] = {}
    name = state = ""
    for line in [*text.splitlines(), ""]:
        if not line.strip():
            if name:
                packages[name] = state
            name = state = ""
        elif line.startswith("Package:"):
            name = line.split(":", 1)[1].strip()
        elif line.startswith("Status:"):
            words = line.split(":", 1)[1].split()
            state = words[-1] if words else ""
    return packages
