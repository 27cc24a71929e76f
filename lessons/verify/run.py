"""Reaching a target: this machine, a host over SSH, or a mounted tree; always read-only.

The facts script (``facts.sh``) is fed to ``sh -s`` on standard input, locally or over one
SSH connection made by the system ``ssh`` client (so the learner's ``~/.ssh/config``,
agent and known hosts apply), with ``BatchMode=yes`` (never a password prompt), a connect
timeout, no terminal and no configured remote command. A mounted tree (``--root``) is read as files only.
"""

from __future__ import annotations

import re
import secrets
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from oslearn.lessons.verify.checks import Report, judge
from oslearn.lessons.verify.facts import Facts, FactsError, clean_text, parse_output, read_root, script_text

#: Seconds ``ssh`` may take to connect (``-o ConnectTimeout``).
CONNECT_TIMEOUT = 10
#: Seconds the whole gathering may take, locally or over SSH.
RUN_TIMEOUT = 120
#: The environment the script runs in on this machine: the system's tools, C locale.
LOCAL_ENV = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"}
THIS_MACHINE = "this machine"

_HOST = re.compile(r"^(?:(?P<user>[^@\s/]+)@)?(?P<host>\[[0-9A-Fa-f:.%\w]+\]|[A-Za-z0-9_.%-]+|[0-9A-Fa-f:]+)"
                   r"(?::(?P<port>\d{1,5}))?$")


class TargetError(Exception):
    """The target cannot be reached or read; the message says why and what to try."""


@dataclass(frozen=True)
class Target:
    """What to check.

    Attributes:
        host: ``[USER@]HOST[:PORT]`` for SSH, ``None`` for this machine or a tree.
        ssh_config: a file passed to ``ssh -F``.
        root: a mounted tree read as files only.
    """

    host: str | None = None
    ssh_config: Path | None = None
    root: Path | None = None

    @property
    def label(self) -> str:
        """How the target is named in reports and the progress store."""
        if self.root is not None:
            return f"--root {self.root}"
        return self.host or THIS_MACHINE


def parse_host(text: str) -> tuple[str, int | None]:
    """Split ``[USER@]HOST[:PORT]`` into ssh's destination ``[USER@]HOST`` and the port.

    IPv6 addresses take brackets when a port is given (``[2001:db8::1]:2222``).

    Raises:
        TargetError: not of that form (a leading ``-`` included, so it can never be read
            as an ssh option), or a port outside 1-65535.
    """
    text = text.strip()
    found = _HOST.match(text)
    if not found or text.startswith("-") or found.group("host").startswith("-"):
        raise TargetError(f"{text!r} is not a host: give [USER@]HOST[:PORT], for example deploy@example.org:2222")
    host = found.group("host")
    port = found.group("port")
    if ":" in host.strip("[]") and port is None and not host.startswith("["):
        pass  # a bare IPv6 address, no port
    host = host.strip("[]")
    if port is not None and not 0 < int(port) < 65536:
        raise TargetError(f"port {port} is outside 1-65535")
    destination = f"{found.group('user')}@{host}" if found.group("user") else host
    return destination, int(port) if port else None


def ssh_command(target: Target, boundary: str) -> list[str]:
    """The ``ssh`` command line that runs the facts script on ``target.host``.

    ``-T`` (no terminal, whatever ``RequestTTY`` the learner's ssh configuration sets: with
    one the script fed on standard input never sees its end) and ``RemoteCommand=none`` (a
    configured remote command would replace the script); options on the command line win
    over the configuration files.

    Args:
        target: a target with ``host`` set.
        boundary: the boundary passed to the script.
    Returns:
        the argument list, ``ssh`` first.
    Raises:
        TargetError: ``target.host`` is not ``[USER@]HOST[:PORT]``.
    """
    destination, port = parse_host(target.host or "")
    command = ["ssh", "-T", "-o", "BatchMode=yes", "-o", f"ConnectTimeout={CONNECT_TIMEOUT}",
               "-o", "RemoteCommand=none"]
    if target.ssh_config is not None:
        command += ["-F", str(target.ssh_config)]
    if port is not None:
        command += ["-p", str(port)]
    return command + ["--", destination, f"sh -s -- {boundary}"]


def gather(target: Target) -> Facts:
    """Gather the facts of ``target``.

    Raises:
        TargetError: no ``ssh`` client, the connection failed (ssh's own message is
            quoted), the script did not finish in ``RUN_TIMEOUT`` seconds, its output was
            cut short, or the tree cannot be read.
    """
    if target.root is not None:
        try:
            return read_root(target.root)
        except FactsError as error:
            raise TargetError(str(error)) from None
    boundary = f"oslearn-{secrets.token_hex(8)}"
    if target.host:
        if target.ssh_config is not None and not target.ssh_config.is_file():
            raise TargetError(f"{target.ssh_config}: no such ssh configuration file")
        if shutil.which("ssh") is None:
            raise TargetError("no ssh client here: install OpenSSH's client (openssh-client) to check a host")
        command, env = ssh_command(target, boundary), None
    else:
        shell = shutil.which("sh", path=LOCAL_ENV["PATH"])
        if shell is None:
            raise TargetError("no /bin/sh on this machine: the facts script needs a POSIX shell")
        command, env = [shell, "-s", "--", boundary], dict(LOCAL_ENV)
    try:
        done = subprocess.run(command, input=script_text().encode("utf-8"), capture_output=True, env=env,
                              timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise TargetError(f"{target.label} did not answer within {RUN_TIMEOUT} seconds") from None
    except OSError as error:
        raise TargetError(f"could not run {command[0]}: {error.strerror or error}") from None
    output = done.stdout.decode("utf-8", errors="replace")
    if target.host and done.returncode == 255:
        message = clean_text(done.stderr.decode("utf-8", errors="replace")).strip().splitlines()
        raise TargetError(f"ssh could not reach {target.host}: {message[-1] if message else 'exit 255'} "
                          "(oslearn runs ssh with BatchMode=yes: the key must work without a password prompt; "
                          f"try `{shlex.join(ssh_command(target, 'x')[:-1])} true`)")
    try:
        return parse_output(output, boundary, target.label)
    except FactsError as error:
        detail = clean_text(done.stderr.decode("utf-8", errors="replace")).strip().splitlines()
        raise TargetError(str(error) + (f": {detail[-1]}" if detail else "")) from None


def today_utc() -> date:
    """Today's date in UTC (the day support is judged against)."""
    return datetime.now(timezone.utc).date()


def verify(target: Target, today: date | None = None) -> Report:
    """Check ``target``: gather its facts and judge them.

    Args:
        target: this machine (``Target()``), a host, or a tree.
        today: the day to judge support on (default today, UTC).
    Returns:
        the report.
    Raises:
        TargetError: as ``gather``.
    """
    return judge(gather(target), today or today_utc())
