"""Judging the facts: one function per check, each returning a status, the evidence and the fix.

Pure: every function takes ``Facts`` (and the day, for support) and reads nothing else, so
the judging is tested on recorded facts and file trees (``tests/data/verify/``).

Statuses: ``pass`` (the step is done), ``warn`` (done in part, or a step beyond the page
not done), ``fail`` (not done), ``unknown`` (the facts cannot tell). Evidence names the file
and line, or the command and what it printed; the fix is the command to run or the line to
write. ``STEPS`` (``oslearn.lessons.verify.steps``) says which checklist step and lesson
section each check belongs to.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from datetime import date

from oslearn.lessons.verify.facts import Facts, clean_text
from oslearn.lessons.verify.sshd import MAIN_FILE, MAX_DEPTH, SshdConfig, parse_sshd_config, parse_sshd_T
from oslearn.lessons.verify.steps import STEPS
from oslearn.lessons.verify.support import Support, support_for

STATUSES = ("pass", "warn", "fail", "unknown")

DEBIAN, REDHAT, FREEBSD = "debian", "redhat", "freebsd"
#: os-release ``ID``/``ID_LIKE`` words of each family.
FAMILY_IDS = {
    DEBIAN: ("debian", "ubuntu"),
    REDHAT: ("rhel", "fedora", "centos", "rocky", "almalinux"),
    FREEBSD: ("freebsd",),
}
FAMILY_NAMES = {DEBIAN: "Debian family", REDHAT: "Red Hat family", FREEBSD: "FreeBSD"}


@dataclass
class CheckResult:
    """The verdict of one check.

    Attributes:
        id: the check's id (a key of ``STEPS``).
        status: ``pass``, ``warn``, ``fail`` or ``unknown``.
        evidence: what was found and where (file:line, or command: output), one line each.
        fix: the command to run or the line to write; empty when nothing is to be done.
    """

    id: str
    status: str
    evidence: list[str] = field(default_factory=list)
    fix: str = ""

    def to_json(self) -> dict:
        """The check as in ``oslearn verify --json``: id, status, evidence (one string), fix,
        checklist (``lesson/item`` or null), lesson, section."""
        step = STEPS[self.id]
        return {"id": self.id, "status": self.status, "evidence": "\n".join(self.evidence), "fix": self.fix,
                "checklist": step.checklist, "lesson": step.lesson, "section": step.section}


@dataclass
class OsInfo:
    """The target's operating system: os-release's ``ID``, ``VERSION_ID``, ``PRETTY_NAME``,
    ``ID_LIKE`` and ``NAME``, its family (``debian``, ``redhat``, ``freebsd``, or ``""``) and
    its support on the day of the check."""

    id: str = ""
    version_id: str = ""
    pretty_name: str = ""
    id_like: str = ""
    name: str = ""
    family: str = ""
    support: Support = field(default_factory=lambda: Support("unknown"))
    source: str = ""

    def to_json(self) -> dict:
        """The ``os`` object of ``oslearn verify --json``."""
        support = self.support
        return {"id": self.id, "version_id": self.version_id, "pretty_name": self.pretty_name,
                "family": self.family or None,
                "support": {"status": support.status,
                            "standard_until": support.standard_until.isoformat() if support.standard_until else None,
                            "extended_until": support.extended_until.isoformat() if support.extended_until else None}}


@dataclass
class Report:
    """A whole check of one target: its OS and every check, in ``STEPS`` order."""

    target: str
    os: OsInfo
    checks: list[CheckResult]

    def to_json(self) -> dict:
        """``{"target", "os": {...}, "checks": [...]}`` as ``oslearn verify --json`` prints it."""
        return {"target": self.target, "os": self.os.to_json(), "checks": [c.to_json() for c in self.checks]}

    @property
    def failed(self) -> bool:
        """Whether any check failed (``oslearn verify`` then exits 1)."""
        return any(check.status == "fail" for check in self.checks)

    def statuses(self) -> dict[str, str]:
        """Check id -> status."""
        return {check.id: check.status for check in self.checks}


# --- helpers -------------------------------------------------------------------------------------


def parse_os_release(text: str) -> dict[str, str]:
    """The ``KEY=value`` pairs of an os-release file (values unquoted as the shell would;
    malformed lines skipped), per os-release(5)."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, raw = line.partition("=")
        try:
            words = shlex.split(raw)
        except ValueError:
            continue
        values[key.strip()] = clean_text(words[0] if words else "")
    return values


def _line_of(text: str, pattern: re.Pattern) -> tuple[int, str] | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line):
            return number, line.strip()
    return None


def os_info(facts: Facts, today: date) -> OsInfo:
    """Read ``/etc/os-release`` (else ``/usr/lib/os-release``) and the release's support."""
    for path in ("/etc/os-release", "/usr/lib/os-release"):
        text = facts.read(path)
        if text is not None:
            break
    else:
        return OsInfo()
    values = parse_os_release(text)
    info = OsInfo(id=values.get("ID", "").lower(), version_id=values.get("VERSION_ID", ""),
                  pretty_name=values.get("PRETTY_NAME", ""), id_like=values.get("ID_LIKE", "").lower(),
                  name=values.get("NAME", ""), source=path)
    words = [info.id, *info.id_like.split()]
    for family, ids in FAMILY_IDS.items():
        if any(word in ids for word in words):
            info.family = family
            break
    info.support = support_for(info.id, info.version_id, today, name=info.name)
    return info


def _installed(facts: Facts, name: str) -> bool:
    return facts.packages is not None and facts.packages.get(name) == "installed"


def _package_evidence(facts: Facts, names: list[str]) -> str:
    states = []
    for name in names:
        state = (facts.packages or {}).get(name)
        states.append(f"{name}: {state or 'not installed'}")
    return f"{facts.package_source}: " + ", ".join(states)


def unit_state(facts: Facts, unit: str) -> tuple[str, str]:
    """Whether systemd unit ``unit`` is enabled on the target, and the evidence.

    ``systemctl is-enabled`` when it answered (``enabled``, ``disabled``, ``masked``,
    ``static``, ``not-found``...), else the unit's files: masked (``/etc/systemd/system/UNIT``
    a link to ``/dev/null``) first, since a masked unit is not enabled whatever links it
    has, then the symlinks in ``/etc/systemd/system/*.wants/``.

    Returns:
        ``(state, evidence)``; state ``enabled``, ``disabled``, ``masked``, ``not-found``
        or another word systemctl printed.
    """
    command = facts.command(f"systemctl-{unit}")
    if command is not None:
        word = command.output.strip().splitlines()[-1].strip() if command.output.strip() else ""
        known = {"enabled", "enabled-runtime", "linked", "linked-runtime", "alias", "masked", "masked-runtime",
                 "static", "indirect", "disabled", "generated", "transient", "bad", "not-found"}
        if word in known:
            return word, f"systemctl is-enabled {unit}: {word}"
    if facts.values.get(f"masked-{unit}"):
        return "masked", f"/etc/systemd/system/{unit} -> /dev/null (masked)"
    links = [path for path in facts.glob("/etc/systemd/system/*.wants/*") if path.rsplit("/", 1)[-1] == unit]
    if links:
        return "enabled", f"{links[0]} (unit symlink)"
    if facts.live and command is None:
        present = "unit file present" if facts.values.get(f"unit-{unit}") else "no systemctl to ask"
        return "disabled", f"no /etc/systemd/system/*.wants/{unit} link ({present})"
    if not facts.live and not facts.values.get(f"unit-{unit}"):
        return "not-found", f"no {unit} unit file in the tree"
    return "disabled", f"no /etc/systemd/system/*.wants/{unit} link"


def sshd_config(facts: Facts, family: str = "") -> SshdConfig:
    """sshd's effective configuration on the target: ``sshd -T`` when it ran (as root on a
    live system) and succeeded, else the files parsed by sshd's rules.

    Args:
        facts: the target's facts.
        family: its OS family (``FREEBSD``'s sshd has other built-in defaults); when
            os-release does not say, a live target whose ``uname`` is FreeBSD counts as one.
    Returns:
        the configuration; problems are in it, never raised.
    """
    if not family and facts.values.get("uname") == "FreeBSD":
        family = FREEBSD
    files = parse_sshd_config(facts.read, facts.glob, MAIN_FILE, unreadable=facts.unreadable, family=family)
    command = facts.command("sshd-T")
    if command is not None and command.status == 0 and command.output.strip():
        return parse_sshd_T(command.output, files)
    return files


def _result(check_id: str, status: str, evidence: list[str], fix: str = "") -> CheckResult:
    return CheckResult(check_id, status, [clean_text(line) for line in evidence], fix)


# --- the checks ---------------------------------------------------------------------------------


def check_os_family(info: OsInfo) -> CheckResult:
    """``os-family``: the Debian family, the Red Hat family or FreeBSD pass; others warn."""
    if not info.source:
        return _result("os-family", "unknown", ["no /etc/os-release or /usr/lib/os-release"],
                       "Check on a system that has /etc/os-release (every current Linux distribution and FreeBSD).")
    evidence = [f"{info.source}: ID={info.id}" + (f", ID_LIKE={info.id_like}" if info.id_like else "")
                + (f" ({info.pretty_name})" if info.pretty_name else "")]
    if info.family:
        evidence.append(f"{FAMILY_NAMES[info.family]}")
        return _result("os-family", "pass", evidence)
    return _result("os-family", "warn", evidence,
                   "The lessons cover the Debian family (Debian, Ubuntu), the Red Hat family (RHEL, Rocky Linux, "
                   "AlmaLinux) and FreeBSD; on another system, find its equivalent of each step.")


def check_os_supported(info: OsInfo, today: date) -> CheckResult:
    """``os-supported``: standard support passes, extended only warns, ended fails, unknown is unknown."""
    support = info.support
    release = info.pretty_name or f"{info.id} {info.version_id}".strip() or "this system"
    dates = []
    if support.standard_until:
        dates.append(f"standard support until {support.standard_until.isoformat()}")
    if support.extended_until:
        dates.append(f"extended support until {support.extended_until.isoformat()}")
    source = f" (source: {support.source})" if support.source else ""
    evidence = [f"{release}: " + ("; ".join(dates) or "no support dates known") + source,
                f"checked on {today.isoformat()}"]
    upgrade = "upgrade to a release in standard support (for Ubuntu, the newest LTS), or move the app to a new server."
    if support.status == "standard":
        return _result("os-supported", "pass", evidence)
    if support.status == "extended":
        return _result("os-supported", "warn", evidence,
                       "Only extended support (Ubuntu Pro/ESM, Debian LTS, RHEL ELS) still brings security fixes: "
                       + upgrade)
    if support.status == "ended":
        return _result("os-supported", "fail", evidence, upgrade[0].upper() + upgrade[1:])
    return _result("os-supported", "unknown", evidence,
                   "Look up the release's end of support on its project's site.")


def check_sudo_user(facts: Facts, info: OsInfo) -> CheckResult:
    """``sudo-user``: a non-root account in ``sudo`` (Debian family) or ``wheel`` (Red Hat
    family, FreeBSD), as a listed member in /etc/group or by its primary group in /etc/passwd."""
    group_name = "sudo" if info.family == DEBIAN else "wheel" if info.family in (REDHAT, FREEBSD) else None
    groups = facts.read("/etc/group")
    if groups is None:
        return _result("sudo-user", "unknown", ["/etc/group could not be read"])
    candidates = [group_name] if group_name else ["sudo", "wheel"]
    for name in candidates:
        for number, line in enumerate(groups.splitlines(), start=1):
            fields = line.split(":")
            if len(fields) < 4 or fields[0] != name:
                continue
            members = [m for m in fields[3].split(",") if m and m != "root"]
            primary = []
            for passwd_line in (facts.read("/etc/passwd") or "").splitlines():
                pfields = passwd_line.split(":")
                if len(pfields) >= 7 and pfields[3] == fields[2] and pfields[0] != "root" and pfields[2] != "0":
                    primary.append(pfields[0])
            users = members + [u for u in primary if u not in members]
            if users:
                return _result("sudo-user", "pass", [f"/etc/group:{number}: {line.strip()}"])
            evidence = [f"/etc/group:{number}: {line.strip()} (no member but root)"]
            break
        else:
            evidence = [f"/etc/group: no {name} group"]
        if group_name:
            break
    command = (f"sudo adduser NAME && sudo usermod -aG {group_name} NAME" if group_name == "sudo"
               else f"sudo useradd -m -G {group_name} NAME && sudo passwd NAME" if group_name
               else "Create a user and give it sudo rights with the system's tools.")
    return _result("sudo-user", "fail", evidence, command)


def _sshd_evidence(setting, config: SshdConfig) -> str:
    if setting.file == "sshd -T":
        text = f"sshd -T: {setting.keyword.lower()} {setting.value}"
    elif setting.file:
        text = f"{setting.where}: {setting.keyword} {setting.value}"
    else:
        text = (f"{setting.keyword} not set in {', '.join(config.files) or MAIN_FILE}: "
                f"{config.defaults_name} is {setting.value}")
    if setting.match and setting.file != "sshd -T":
        text += f" (in a `{setting.match}` block: it applies to every connection)"
    ignored = [s for s in config.ignored_of(setting.keyword) if s.normalised() != setting.normalised()]
    if ignored and setting.file != "sshd -T":
        text += "".join(f" (wins over {s.where}: {s.keyword} {s.value}, "
                        + ("a Match all value replaces the global one)" if setting.match else "read later)")
                        for s in ignored)
    return text


def _sshd_not_judged(check_id: str, config: SshdConfig) -> CheckResult | None:
    if config.authority != "files":
        return None
    if config.refused:
        return _result(check_id, "fail",
                       [f"sshd would refuse this configuration and not start: {config.refused}",
                        f"sshd stops at {MAX_DEPTH} levels of Include (\"Too many recursive configuration includes\")"],
                       "Remove the Include that reads a file including it again (a file including itself, or a "
                       "drop-in including its own folder's glob), then check with: sudo sshd -t")
    if config.unreadable:
        return _result(check_id, "unknown",
                       [f"{path}: sshd reads it, but it could not be read here" for path in config.unreadable]
                       + ["the settings in the files read may not be sshd's"],
                       "Check as root (oslearn then asks `sshd -T` for the effective settings), or let this "
                       "user read " + ", ".join(config.unreadable) + ".")
    if not config.files:
        return _result(check_id, "unknown", [*config.problems, "no sshd configuration (is openssh-server installed?)"])
    return None


def _fix(config: SshdConfig, keyword: str, value: str, family: str = "") -> str:
    """The fix that makes ``keyword`` ``value``: change the line that sets it, or add one."""
    return _fix_line(config.written(keyword), f"{keyword} {value}", family)


def _fix_line(setting, line: str, family: str = "") -> str:
    service = "ssh" if family == DEBIAN else "sshd" if family == REDHAT else "ssh (sshd on the Red Hat family)"
    restart = f"then: sudo sshd -t && sudo systemctl reload {service}"
    if family == FREEBSD:
        restart = "then: sudo sshd -t && sudo service sshd reload"
    if setting.file and setting.file != "sshd -T":
        return f"Change {setting.where} to `{line}` (sshd uses the first value it reads), {restart}"
    if family == FREEBSD:  # FreeBSD's sshd_config includes no drop-in folder
        return f"Write `{line}` at the top of {MAIN_FILE}, {restart}"
    return (f"Write `{line}` in a file read before any other setting of it, for example "
            f"/etc/ssh/sshd_config.d/00-hardening.conf where sshd_config includes sshd_config.d "
            f"at its top (else at the top of {MAIN_FILE}), {restart}")


def check_ssh_root_login(config: SshdConfig, family: str = "") -> CheckResult:
    """``ssh-root-login``: effective ``PermitRootLogin`` ``no`` passes; ``prohibit-password``
    (or ``without-password``, or ``forced-commands-only``) warns; ``yes`` fails. Unknown
    when, without ``sshd -T``, a file sshd reads could not be read (it is named); fails when
    sshd would refuse the configuration (an Include loop)."""
    not_judged = _sshd_not_judged("ssh-root-login", config)
    if not_judged:
        return not_judged
    setting = config.effective("PermitRootLogin")
    evidence = [_sshd_evidence(setting, config)]
    overrides = [s for s in config.overrides_of("PermitRootLogin") if s.normalised() != "no"]
    evidence += [f"{s.where}: {s.keyword} {s.value} (for connections matching `{s.match}`)" for s in overrides]
    value = setting.normalised()
    if value == "no":
        if overrides:
            return _result("ssh-root-login", "warn", evidence,
                           f"Remove the PermitRootLogin line at {overrides[0].where} or set it to no.")
        return _result("ssh-root-login", "pass", evidence)
    if value in ("prohibit-password", "forced-commands-only"):
        return _result("ssh-root-login", "warn", evidence + ["root may still log in with a key"],
                       _fix(config, "PermitRootLogin", "no", family))
    return _result("ssh-root-login", "fail", evidence, _fix(config, "PermitRootLogin", "no", family))


def check_ssh_password_auth(config: SshdConfig, family: str = "") -> CheckResult:
    """``ssh-password-auth``: effective ``PasswordAuthentication no`` and keyboard-interactive
    not letting passwords in (``KbdInteractiveAuthentication no``, or ``UsePAM no``, since
    without PAM keyboard-interactive has no password device on Linux) passes; else fails
    (on FreeBSD, where sshd defaults to ``PasswordAuthentication no`` but
    ``KbdInteractiveAuthentication yes`` with ``UsePAM yes``, that is by default). A
    ``Match`` block turning either back on for some connections makes a pass a warning.
    Unknown when, without ``sshd -T``, a file sshd reads could not be read (it is named);
    fails when sshd would refuse the configuration (an Include loop)."""
    not_judged = _sshd_not_judged("ssh-password-auth", config)
    if not_judged:
        return not_judged
    password = config.effective("PasswordAuthentication")
    keyboard = config.effective("KbdInteractiveAuthentication")
    pam = config.effective("UsePAM")
    evidence = [_sshd_evidence(password, config), _sshd_evidence(keyboard, config), _sshd_evidence(pam, config)]
    if password.normalised() != "no":
        return _result("ssh-password-auth", "fail", evidence, _fix(config, "PasswordAuthentication", "no", family))
    if keyboard.normalised() != "no" and pam.normalised() != "no":
        return _result("ssh-password-auth", "fail",
                       evidence + ["keyboard-interactive with PAM still asks for the password"],
                       _fix(config, "KbdInteractiveAuthentication", "no", family))
    overrides = [s for s in config.overrides_of("PasswordAuthentication") + config.overrides_of(
        "KbdInteractiveAuthentication") if s.normalised() == "yes"]
    if overrides:
        return _result("ssh-password-auth", "warn",
                       evidence + [f"{s.where}: {s.keyword} {s.value} (for connections matching `{s.match}`)"
                                   for s in overrides],
                       f"Remove the line at {overrides[0].where} unless those connections need passwords.")
    return _result("ssh-password-auth", "pass", evidence)


def check_fail2ban(facts: Facts, info: OsInfo) -> CheckResult:
    """``fail2ban``: the package installed and its service enabled (systemd) or
    ``fail2ban_enable="YES"`` in /etc/rc.conf (FreeBSD, whose package is ``py3X-fail2ban``)."""
    if facts.packages is None:
        return _result("fail2ban", "unknown", [facts.package_source])
    install = ("sudo apt install fail2ban" if info.family == DEBIAN
               else "sudo dnf install epel-release && sudo dnf install fail2ban" if info.family == REDHAT
               else "sudo pkg install py311-fail2ban" if info.family == FREEBSD else "Install fail2ban.")
    if info.family == FREEBSD:
        names = [name for name in facts.packages if re.fullmatch(r"py3\d+-fail2ban", name)]
        rc = facts.read("/etc/rc.conf") or ""
        found = _line_of(rc, re.compile(r'^\s*fail2ban_enable\s*=\s*"?yes"?\s*$', re.I))
        if not names:
            return _result("fail2ban", "fail", [f"{facts.package_source}: no py3X-fail2ban"], install)
        if not found:
            return _result("fail2ban", "fail", [f"{facts.package_source}: {names[0]}",
                                                '/etc/rc.conf: no fail2ban_enable="YES"'],
                           "sudo sysrc fail2ban_enable=YES && sudo service fail2ban start")
        return _result("fail2ban", "pass",
                       [f"{facts.package_source}: {names[0]}", f"/etc/rc.conf:{found[0]}: {found[1]}"])
    evidence = [_package_evidence(facts, ["fail2ban"])]
    if not _installed(facts, "fail2ban"):
        return _result("fail2ban", "fail", evidence, install)
    state, where = unit_state(facts, "fail2ban.service")
    evidence.append(where)
    if state in ("enabled", "enabled-runtime", "alias", "indirect"):
        return _result("fail2ban", "pass", evidence)
    return _result("fail2ban", "fail", evidence, "sudo systemctl enable --now fail2ban")


_APT_PERIODIC = re.compile(r'^\s*APT::Periodic::Unattended-Upgrade\s+"([^"]*)"\s*;', re.I)


def apt_unattended_setting(facts: Facts) -> tuple[str | None, str]:
    """The value of ``APT::Periodic::Unattended-Upgrade`` and the file:line it comes from.

    APT reads the files of /etc/apt/apt.conf.d in lexical order, then /etc/apt/apt.conf; a
    later value replaces an earlier one. The facts list only the files APT reads (both
    ``facts.sh`` and ``read_root`` leave out the names APT ignores, ``apt_reads``,
    apt.conf(5)). Only the one-line form
    ``APT::Periodic::Unattended-Upgrade "1";`` is recognised (what the packages and
    ``dpkg-reconfigure unattended-upgrades`` write).

    Returns:
        ``(value, "file:line: line")``, or ``(None, "")`` when no file APT reads sets it.
    """
    value, where = None, ""
    for path in [*sorted(facts.glob("/etc/apt/apt.conf.d/*")), "/etc/apt/apt.conf"]:
        text = facts.read(path)
        if text is None:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.split("//", 1)[0]
            found = _APT_PERIODIC.match(stripped)
            if found:
                value, where = found.group(1), f"{path}:{number}: {line.strip()}"
    return value, where


def check_automatic_updates(facts: Facts, info: OsInfo) -> CheckResult:
    """``automatic-updates``: Debian family: unattended-upgrades installed and
    ``APT::Periodic::Unattended-Upgrade "1"``; Red Hat family: dnf-automatic's timer enabled
    (``dnf-automatic-install.timer``, or ``dnf-automatic.timer`` with ``apply_updates = yes``),
    or on CentOS 7 yum-cron enabled."""
    if info.family not in (DEBIAN, REDHAT):
        return _result("automatic-updates", "unknown", [f"not checked on {info.pretty_name or 'this system'}"],
                       "FreeBSD: `freebsd-update cron` in /etc/crontab fetches updates; install them by hand.")
    if facts.packages is None:
        return _result("automatic-updates", "unknown", [facts.package_source])
    if info.family == DEBIAN:
        evidence = [_package_evidence(facts, ["unattended-upgrades"])]
        if not _installed(facts, "unattended-upgrades"):
            return _result("automatic-updates", "fail", evidence,
                           "sudo apt install unattended-upgrades && sudo dpkg-reconfigure -plow unattended-upgrades")
        value, where = apt_unattended_setting(facts)
        if value is None:
            evidence.append("APT::Periodic::Unattended-Upgrade not set in /etc/apt/apt.conf.d")
        else:
            evidence.append(where)
        if value is not None and value.strip() not in ("", "0"):
            return _result("automatic-updates", "pass", evidence)
        return _result("automatic-updates", "fail", evidence,
                       'sudo dpkg-reconfigure -plow unattended-upgrades (writes APT::Periodic::Unattended-Upgrade "1"; '
                       "to /etc/apt/apt.conf.d/20auto-upgrades)")
    evidence = [_package_evidence(facts, ["dnf-automatic"] if "dnf-automatic" in facts.packages
                                  or "yum-cron" not in facts.packages else ["yum-cron"])]
    install_state, install_where = unit_state(facts, "dnf-automatic-install.timer")
    timer_state, timer_where = unit_state(facts, "dnf-automatic.timer")
    enabled = ("enabled", "enabled-runtime", "alias", "indirect")
    if _installed(facts, "dnf-automatic") and install_state in enabled:
        return _result("automatic-updates", "pass", evidence + [install_where])
    if _installed(facts, "dnf-automatic") and timer_state in enabled:
        conf = facts.read("/etc/dnf/automatic.conf") or ""
        found = _line_of(conf, re.compile(r"^\s*apply_updates\s*=\s*(yes|true|1|on)\s*$", re.I))
        if found:
            return _result("automatic-updates", "pass",
                           evidence + [timer_where, f"/etc/dnf/automatic.conf:{found[0]}: {found[1]}"])
        return _result("automatic-updates", "warn",
                       evidence + [timer_where, "/etc/dnf/automatic.conf: apply_updates is not yes (updates are "
                                   "downloaded, not installed)"],
                       "Set `apply_updates = yes` in /etc/dnf/automatic.conf, or: "
                       "sudo systemctl enable --now dnf-automatic-install.timer")
    if _installed(facts, "yum-cron"):
        state, where = unit_state(facts, "yum-cron.service")
        if state in enabled:
            return _result("automatic-updates", "pass", evidence + [where])
        return _result("automatic-updates", "fail", evidence + [where], "sudo systemctl enable --now yum-cron")
    return _result("automatic-updates", "fail", evidence + [install_where, timer_where],
                   "sudo dnf install dnf-automatic && sudo systemctl enable --now dnf-automatic-install.timer")


def python_version(facts: Facts) -> str:
    """The target's ``python3`` version, ``3.X``, or ``""`` when unknown (from running it,
    else from where /usr/bin/python3 links)."""
    command = facts.command("python3-venv")
    first = command.output.strip().splitlines()[0].strip() if command is not None and command.output.strip() else ""
    if re.fullmatch(r"3\.\d+", first):
        return first
    found = re.fullmatch(r"(?:.*/)?python(3\.\d+)", facts.values.get("python3-link", ""))
    return found.group(1) if found else ""


def check_python_headers(facts: Facts, info: OsInfo) -> CheckResult:
    """``python-headers``: ``python3-dev``, ``python3.X-dev`` or ``libpython3.X-dev`` (Debian
    family; X the python3 version, any X when it is unknown), ``python3-devel`` (Red Hat
    family). Python 2's ``python-dev`` does not count."""
    if info.family == FREEBSD:
        return _result("python-headers", "unknown", ["FreeBSD's python3X packages ship the headers: not checked"])
    if facts.packages is None:
        return _result("python-headers", "unknown", [facts.package_source])
    version = python_version(facts)
    if info.family == REDHAT:
        names = ["python3-devel"]
        if version:  # RHEL 8's python39-devel, RHEL 9's python3.11-devel
            names += [f"python{version.replace('.', '')}-devel", f"python{version}-devel"]
        fix = "sudo dnf install python3-devel"
    elif info.family == DEBIAN:
        names = (["python3-dev", f"python{version}-dev", f"libpython{version}-dev"] if version
                 else ["python3-dev"] + sorted(n for n in facts.packages if re.fullmatch(r"(lib)?python3\.\d+-dev", n)))
        fix = "sudo apt install python3-dev"
    else:
        return _result("python-headers", "unknown", [f"not checked on {info.pretty_name or 'this system'}"])
    present = [name for name in names if _installed(facts, name)]
    evidence = [_package_evidence(facts, present or names[:3])]
    if version:
        evidence.append(f"python3 is {version}")
    if present:
        return _result("python-headers", "pass", evidence)
    if _installed(facts, "python-dev") or _installed(facts, "python2-dev"):
        evidence.append("python-dev is Python 2's and does not count")
    return _result("python-headers", "fail", evidence, fix)


def check_python_venv(facts: Facts, info: OsInfo) -> CheckResult:
    """``python-venv``: the venv module usable. Debian family: ``python3-venv`` or
    ``python3.X-venv`` installed (Debian splits ensurepip's wheels out of the standard
    library); elsewhere ``python3 -c 'import venv, ensurepip'`` succeeds (live), or both
    modules are in the tree (``--root``)."""
    command = facts.command("python3-venv")
    ran = None
    if command is not None:
        last = command.output.strip().splitlines()[-1] if command.output.strip() else ""
        ran = "python3 -c 'import venv, ensurepip': " + (
            "exit 0" if command.status == 0 else f"exit {command.status}" + (f": {last}" if last else ""))
    if info.family == DEBIAN:
        if facts.packages is None:
            return _result("python-venv", "unknown", [facts.package_source])
        version = python_version(facts)
        names = ["python3-venv"] + ([f"python{version}-venv"] if version else
                                    sorted(n for n in facts.packages if re.fullmatch(r"python3\.\d+-venv", n)))
        present = [name for name in names if _installed(facts, name)]
        evidence = [_package_evidence(facts, present or names[:2])] + ([ran] if ran else [])
        if present:
            return _result("python-venv", "pass", evidence)
        return _result("python-venv", "fail", evidence, "sudo apt install python3-venv")
    if command is not None:
        if command.status == 0:
            return _result("python-venv", "pass", [ran])
        return _result("python-venv", "fail", [ran],
                       "sudo dnf install python3" if info.family == REDHAT
                       else "Install Python 3 with its venv module.")
    if not facts.live:
        modules = [name for name in ("venv", "ensurepip") if facts.values.get(f"python-module-{name}")]
        link = facts.values.get("python3-link", "")
        if not link:
            return _result("python-venv", "fail" if facts.packages is not None else "unknown",
                           ["no /usr/bin/python3 in the tree"], "sudo dnf install python3")
        evidence = [f"/usr/bin/python3 -> {link}; modules found: {', '.join(modules) or 'none'}"]
        return _result("python-venv", "pass" if len(modules) == 2 else "fail", evidence,
                       "" if len(modules) == 2 else "sudo dnf install python3")
    return _result("python-venv", "fail", ["no python3 on the PATH"],
                   "sudo dnf install python3" if info.family == REDHAT else "Install Python 3.")


_NFT_INPUT_DROP = re.compile(r"hook\s+input\b[^;]*;[^}]*?policy\s+drop\s*;|hook\s+input\b[^}]*?policy\s+drop", re.S)


def check_firewall(facts: Facts, info: OsInfo) -> CheckResult:
    """``firewall``: ufw enabled (``ENABLED=yes`` in /etc/ufw/ufw.conf), firewalld enabled,
    or an nftables rule set whose input chain drops by default (``nft list ruleset`` as root,
    else /etc/nftables.conf with nftables.service enabled) passes; none warns (a step beyond
    the page)."""
    evidence: list[str] = []
    enabled = ("enabled", "enabled-runtime", "alias", "indirect")
    ufw = facts.read("/etc/ufw/ufw.conf")
    if ufw is not None:
        found = _line_of(ufw, re.compile(r"^\s*ENABLED\s*=\s*\"?yes\"?\s*$", re.I))
        if found:
            return _result("firewall", "pass", [f"/etc/ufw/ufw.conf:{found[0]}: {found[1]}"])
        evidence.append("/etc/ufw/ufw.conf: ENABLED is not yes")
    if facts.packages is None or "firewalld" in facts.packages or facts.command("systemctl-firewalld.service"):
        state, where = unit_state(facts, "firewalld.service")
        if state in enabled:
            return _result("firewall", "pass", [where])
        if facts.packages is not None and _installed(facts, "firewalld"):
            evidence.append(where)
    if info.family == FREEBSD:
        rc = facts.read("/etc/rc.conf") or ""
        found = _line_of(rc, re.compile(r'^\s*(pf|ipfw)_enable\s*=\s*"?yes"?\s*$', re.I))
        if found:
            return _result("firewall", "pass", [f"/etc/rc.conf:{found[0]}: {found[1]}"])
    ruleset = facts.command("nft-ruleset")
    if ruleset is not None and ruleset.status == 0:
        if _NFT_INPUT_DROP.search(ruleset.output):
            return _result("firewall", "pass", ["nft list ruleset: an input chain with policy drop"])
        evidence.append("nft list ruleset: no input chain with policy drop")
    else:
        for path in ("/etc/nftables.conf", "/etc/sysconfig/nftables.conf"):
            text = facts.read(path)
            if text and _NFT_INPUT_DROP.search(text):
                state, where = unit_state(facts, "nftables.service")
                if state in enabled:
                    return _result("firewall", "pass", [f"{path}: an input chain with policy drop", where])
                evidence.append(f"{path} drops by default but {where}")
    if not evidence:
        evidence.append("no ufw, firewalld or nftables rule set that drops by default")
    fix = ("sudo apt install ufw && sudo ufw allow OpenSSH && sudo ufw enable" if info.family == DEBIAN
           else "sudo dnf install firewalld && sudo systemctl enable --now firewalld" if info.family == REDHAT
           else "Turn on the system's packet filter, allowing SSH first.")
    return _result("firewall", "warn", evidence + ["a firewall is a step beyond the page's checklist"], fix)


def judge(facts: Facts, today: date) -> Report:
    """Judge every check on ``facts``.

    Args:
        facts: from ``parse_output`` or ``read_root``.
        today: the day support is judged against.
    Returns:
        the report, checks in ``STEPS`` order.
    """
    info = os_info(facts, today)
    config = sshd_config(facts, info.family)
    checks = [
        check_os_family(info),
        check_os_supported(info, today),
        check_sudo_user(facts, info),
        check_ssh_root_login(config, info.family),
        check_ssh_password_auth(config, info.family),
        check_fail2ban(facts, info),
        check_automatic_updates(facts, info),
        check_python_headers(facts, info),
        check_python_venv(facts, info),
        check_firewall(facts, info),
    ]
    return Report(target=facts.target, os=info, checks=checks)
