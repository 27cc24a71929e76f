"""``oslearn verify``: judging recorded systems and sshd configurations, the mapping to the
curriculum, and a check of the machine the tests run on."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from oslearn.lessons.verify import (
    CHECK_IDS, STEPS, Target, TargetError, judge, parse_host, parse_output, read_root, script_text,
    verified_items, verify,
)
from oslearn.lessons.verify.render import table
from oslearn.lessons.verify.sshd import parse_sshd_config, split_line
from oslearn.lessons.verify.support import support_for

DATA = Path(__file__).resolve().parents[1] / "data" / "verify"
TODAY = date(2026, 11, 30)


def statuses(tree: str, today: date = TODAY) -> dict[str, str]:
    return judge(read_root(DATA / tree), today).statuses()


def check(tree: str, check_id: str, today: date = TODAY):
    return next(c for c in judge(read_root(DATA / tree), today).checks if c.id == check_id)


# --- recorded systems -----------------------------------------------------------------------------

EXPECTED = {
    "ubuntu-24.04-hardened": dict.fromkeys(CHECK_IDS, "pass"),
    "ubuntu-18.04-cloud": {
        "os-family": "pass", "os-supported": "warn", "sudo-user": "pass", "ssh-root-login": "warn",
        "ssh-password-auth": "fail", "fail2ban": "fail", "automatic-updates": "pass", "python-headers": "fail",
        "python-venv": "fail", "firewall": "warn"},
    "ubuntu-22.04-cloud": {
        "os-family": "pass", "os-supported": "pass", "sudo-user": "pass", "ssh-root-login": "warn",
        "ssh-password-auth": "fail", "fail2ban": "fail", "automatic-updates": "pass", "python-headers": "fail",
        "python-venv": "fail", "firewall": "warn"},
    "debian-12": {
        "os-family": "pass", "os-supported": "warn", "sudo-user": "pass", "ssh-root-login": "pass",
        "ssh-password-auth": "warn", "fail2ban": "fail", "automatic-updates": "fail", "python-headers": "pass",
        "python-venv": "pass", "firewall": "pass"},
    "rocky-9": {
        "os-family": "pass", "os-supported": "pass", "sudo-user": "pass", "ssh-root-login": "fail",
        "ssh-password-auth": "fail", "fail2ban": "unknown", "automatic-updates": "unknown",
        "python-headers": "unknown", "python-venv": "pass", "firewall": "pass"},
    "centos-7": {
        "os-family": "pass", "os-supported": "fail", "sudo-user": "fail", "ssh-root-login": "fail",
        "ssh-password-auth": "pass", "fail2ban": "unknown", "automatic-updates": "unknown",
        "python-headers": "unknown", "python-venv": "fail", "firewall": "pass"},
}


@pytest.mark.parametrize("tree", sorted(EXPECTED))
def test_recorded_systems(tree, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name, *a, **k: None if name == "rpm" else f"/usr/bin/{name}")
    assert statuses(tree) == EXPECTED[tree]


def test_os_and_support_in_json():
    report = judge(read_root(DATA / "ubuntu-18.04-cloud"), TODAY).to_json()
    assert report["os"] == {"id": "ubuntu", "version_id": "18.04", "pretty_name": "Ubuntu 18.04.6 LTS",
                            "family": "debian",
                            "support": {"status": "extended", "standard_until": "2023-05-31",
                                        "extended_until": "2028-04-26"}}
    assert report["target"] == f"--root {DATA / 'ubuntu-18.04-cloud'}"
    assert [c["id"] for c in report["checks"]] == list(CHECK_IDS)
    first = report["checks"][4]
    assert set(first) == {"id", "status", "evidence", "fix", "checklist", "lesson", "section"}
    assert first["checklist"] == "checklist/key-pair-login"
    assert "/etc/ssh/sshd_config:25: PasswordAuthentication yes" in first["evidence"]
    assert "PasswordAuthentication no" in first["fix"]


def test_support_is_computed_against_the_day():
    assert statuses("ubuntu-24.04-hardened", date(2029, 5, 31))["os-supported"] == "pass"
    assert statuses("ubuntu-24.04-hardened", date(2029, 6, 1))["os-supported"] == "warn"
    assert statuses("ubuntu-24.04-hardened", date(2034, 4, 26))["os-supported"] == "fail"
    assert statuses("centos-7", date(2024, 6, 30))["os-supported"] == "pass"
    assert support_for("rhel", "9.4", TODAY).status == "standard"
    assert support_for("centos", "9", TODAY, name="CentOS Stream").name == "CentOS Stream 9"
    assert support_for("freebsd", "13.5-RELEASE", TODAY).status == "ended"
    assert support_for("almalinux", "9.5", TODAY).standard_until == date(2032, 5, 31)
    assert support_for("arch", "", TODAY).status == "unknown"
    assert support_for("ubuntu", "99.04", TODAY).status == "unknown"


def test_cloud_init_drop_in_read_first_wins():
    found = check("ubuntu-22.04-cloud", "ssh-password-auth")
    assert found.status == "fail"
    assert found.evidence[0].startswith("/etc/ssh/sshd_config.d/50-cloud-init.conf:1: PasswordAuthentication yes")
    assert "60-cloudimg-settings.conf:1" in found.evidence[0]
    assert "Change /etc/ssh/sshd_config.d/50-cloud-init.conf:1" in found.fix


@pytest.mark.parametrize("systemctl", [True, False], ids=["systemctl", "links"])
def test_masked_unit_is_not_enabled_in_a_tree(tmp_path, monkeypatch, systemctl):
    real_which = shutil.which
    if systemctl and real_which("systemctl") is None:
        pytest.skip("no systemctl on this machine")
    monkeypatch.setattr("shutil.which", lambda name, *a, **k: real_which(name) if systemctl and name == "systemctl"
                        else None)
    tree = tmp_path / "tree"
    shutil.copytree(DATA / "ubuntu-24.04-hardened", tree, symlinks=True)
    assert check_tree(tree, "fail2ban").status == "pass"
    # `systemctl mask fail2ban`: the link in multi-user.target.wants stays, but the unit is masked
    (tree / "etc" / "systemd" / "system" / "fail2ban.service").symlink_to("/dev/null")
    before = tree_files(tree)
    found = check_tree(tree, "fail2ban")
    assert found.status == "fail" and "masked" in found.evidence[-1]
    assert tree_files(tree) == before


def test_apt_ignores_files_by_their_names(tmp_path):
    from oslearn.lessons.verify.checks import apt_unattended_setting
    from oslearn.lessons.verify.facts import apt_reads

    assert [name for name in ("20auto-upgrades", "50unattended-upgrades", "99local.conf", "a_b.c-d.conf",
                              "20auto-upgrades.disabled", "x.dpkg-old", "x.ucf-dist", "x~", "x.conf.bak",
                              ".hidden", "x.", "x y")
            if apt_reads(name)] == ["20auto-upgrades", "50unattended-upgrades", "99local.conf", "a_b.c-d.conf"]
    tree = tmp_path / "tree"
    shutil.copytree(DATA / "ubuntu-24.04-hardened", tree, symlinks=True)
    parts = tree / "etc" / "apt" / "apt.conf.d"
    periodic = (parts / "20auto-upgrades").read_text()
    (parts / "20auto-upgrades").rename(parts / "20auto-upgrades.disabled")
    for name in ("20auto-upgrades.dpkg-old", "20auto-upgrades.ucf-dist", "20auto-upgrades~"):
        (parts / name).write_text(periodic)
    found = check_tree(tree, "automatic-updates")
    assert found.status == "fail" and "not set" in found.evidence[-1]
    live = run_script(tmp_path, tree=tree)
    assert not [path for path in live.files if path.startswith("/etc/apt/apt.conf.d/")]
    assert live.glob("/etc/apt/apt.conf.d/*") == ["/etc/apt/apt.conf.d/50unattended-upgrades"]
    assert apt_unattended_setting(live) == (None, "")
    (parts / "20auto-upgrades.conf").write_text(periodic)  # the extension conf is read
    assert check_tree(tree, "automatic-updates").status == "pass"
    assert apt_unattended_setting(run_script(tmp_path, tree=tree))[0] == "1"


def check_tree(tree: Path, check_id: str):
    return next(c for c in judge(read_root(tree), TODAY).checks if c.id == check_id)


def test_removed_package_with_configuration_kept_is_not_installed():
    found = check("debian-12", "fail2ban")
    assert found.status == "fail" and "fail2ban: config-files" in found.evidence[0]


def test_python_2_headers_do_not_count():
    found = check("ubuntu-18.04-cloud", "python-headers")
    assert found.status == "fail" and any("Python 2" in line for line in found.evidence)


def test_rpm_database_unreadable_here_is_unknown(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name, *a, **k: None)
    found = check("rocky-9", "fail2ban")
    assert found.status == "unknown" and "no rpm tool" in found.evidence[0]


def test_links_in_a_tree_never_lead_out_of_it(tmp_path):
    from oslearn.lessons.verify.facts import MAX_LINKS, RootTree

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "os-release").write_text("ID=outside\n")
    (outside / "hardening.conf").write_text("PasswordAuthentication no\n")
    tree = tmp_path / "tree"
    (tree / "etc" / "ssh" / "sshd_config.d").mkdir(parents=True)
    (tree / "usr" / "lib").mkdir(parents=True)
    (tree / "chain").mkdir()
    # An absolute link is taken inside the tree, as a container runtime takes it: this one
    # points to itself, so it cannot be read (this machine's /etc/os-release is never read).
    (tree / "etc" / "os-release").symlink_to("/etc/os-release")
    (tree / "usr" / "lib" / "os-release").write_text("ID=treeos\n")
    # A chain longer than the link limit, ending on a file outside the tree.
    for number in range(MAX_LINKS + 5):
        (tree / "chain" / str(number)).symlink_to(str(number + 1))
    (tree / "chain" / str(MAX_LINKS + 5)).symlink_to(outside / "os-release")
    (tree / "etc" / "ssh" / "sshd_config").write_text("Include /etc/ssh/sshd_config.d/*.conf\n")
    (tree / "etc" / "ssh" / "sshd_config.d" / "10-far.conf").symlink_to("../../../chain/0")
    (tree / "etc" / "ssh" / "sshd_config.d" / "20-out.conf").symlink_to("../../../../outside/hardening.conf")
    root = RootTree(tree)
    assert root.read("/chain/0") is None and root.unreadable("/chain/0")
    assert root.read("/etc/os-release") is None and root.unreadable("/etc/os-release")
    assert root.read("/etc/ssh/sshd_config.d/20-out.conf") is None
    facts = read_root(tree)
    assert "/etc/os-release" not in facts.files
    assert not any("outside" in text or "PasswordAuthentication" in text for text in facts.files.values())
    assert judge(facts, TODAY).os.id == "treeos"


def fake_rpm(tmp_path: Path, body: str) -> Path:
    """An ``rpm`` that logs its arguments and the files of its ``--dbpath`` to ``rpm.log``,
    then runs ``body`` (shell)."""
    log = tmp_path / "rpm.log"
    tool = tmp_path / "bin" / "rpm"
    tool.parent.mkdir(exist_ok=True)
    tool.write_text(f"""#!/bin/sh
echo "args: $*" >> {log}
while [ $# -gt 0 ]; do
    [ "$1" = --dbpath ] && ls "$2" >> {log}
    shift
done
{body}
""")
    tool.chmod(0o755)
    return tool


def tree_files(tree: Path) -> list[str]:
    return sorted(str(path.relative_to(tree)) for path in tree.rglob("*"))


@pytest.mark.parametrize("body", ["exit 0", "echo 'error: cannot open Packages index using sqlite' >&2; exit 0",
                                  "echo 'error: cannot open Packages database in /x' >&2; exit 1"])
def test_rpm_that_cannot_read_the_database_leaves_packages_unknown(tmp_path, monkeypatch, body):
    tool = fake_rpm(tmp_path, body)
    monkeypatch.setattr("shutil.which", lambda name, *a, **k: str(tool) if name == "rpm" else None)
    found = check("rocky-9", "fail2ban")
    assert found.status == "unknown" and "could not be read" in found.evidence[0], found.evidence


def test_rpm_reads_a_copy_of_the_trees_database_by_dbpath(tmp_path, monkeypatch):
    tool = fake_rpm(tmp_path, "echo 'warning: Found SQLITE rpmdb.sqlite database'; printf 'bash\\nfail2ban\\n'")
    monkeypatch.setattr("shutil.which", lambda name, *a, **k: str(tool) if name == "rpm" else None)
    tree = DATA / "rocky-9"
    before = tree_files(tree)
    facts = read_root(tree)
    assert facts.packages == {"bash": "installed", "fail2ban": "installed"}
    log = (tmp_path / "rpm.log").read_text().splitlines()
    assert log[0].startswith("args: --dbpath ") and "--root" not in log[0] and " -qa " in log[0]
    assert "rpmdb.sqlite" in log[1:]  # the copy holds the tree's database
    assert tree_files(tree) == before  # nothing written into the tree


def test_recorded_rpm_error_or_empty_list_is_unknown():
    text = (DATA / "facts" / "rocky-9-live.txt").read_text()
    start = text.index("@@oslearn-facts@@ cmd rpm\n") + len("@@oslearn-facts@@ cmd rpm\n")
    end = text.index("@@oslearn-facts@@ rc rpm")
    for output in ("", "error: cannot open Packages index using db5 - Permission denied (13)\nbash\n"):
        facts = parse_output(text[:start] + output + "\n" + text[end:], "oslearn-facts", "rocky")
        assert facts.packages is None and "could not read" in facts.package_source
        assert {c.id: c.status for c in judge(facts, TODAY).checks}["fail2ban"] == "unknown"


def run_script(tmp_path: Path, *, tree: Path | None = None, bin_dir: Path | None = None,
               as_nobody: bool = False):
    """Run ``facts.sh`` on this machine and parse what it prints. ``tree``: the script's
    ``/etc/`` paths are taken in that folder instead (and named back as ``/etc/`` in the
    facts); ``bin_dir`` comes first on the script's PATH; ``as_nobody`` runs it as user
    nobody (needs root and setpriv; skipped otherwise)."""
    import os
    import shutil

    script = script_text()
    if bin_dir is not None:
        script = script.replace("PATH=/usr/local/sbin:", f"PATH={bin_dir}:/usr/local/sbin:", 1)
    if tree is not None:
        script = script.replace("/etc/", f"{tree}/etc/")
    command = ["sh", "-s", "--", "oslearn-facts"]
    if as_nobody:
        if os.geteuid() != 0 or shutil.which("setpriv") is None:
            pytest.skip("running the script as another user needs root and setpriv")
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    done = subprocess.run(command, input=script, capture_output=True, text=True, timeout=60)
    text = done.stdout.replace(f"{tree}/etc/", "/etc/") if tree is not None else done.stdout
    return parse_output(text, "oslearn-facts", "this machine")


def test_crlf_line_ends_live_and_as_a_tree_agree(tmp_path):
    from oslearn.lessons.verify.checks import sshd_config

    tree = tmp_path / "tree"
    (tree / "etc" / "ssh" / "sshd_config.d").mkdir(parents=True)
    shutil.copy(DATA / "sshd" / "defaults" / "etc" / "os-release", tree / "etc" / "os-release")
    (tree / "etc" / "ssh" / "sshd_config").write_bytes(
        b"Include sshd_config.d/*.conf\r\nPasswordAuthentication yes\r\nPermitRootLogin yes\r\n")
    (tree / "etc" / "ssh" / "sshd_config.d" / "10-hardening.conf").write_bytes(
        b"PasswordAuthentication no\r\nPermitRootLogin no\r\nKbdInteractiveAuthentication no\r\n")
    live = run_script(tmp_path, tree=tree)
    live.commands.pop("sshd-T", None)  # as root: this machine's own sshd -T
    assert live.glob("/etc/ssh/sshd_config.d/*.conf") == ["/etc/ssh/sshd_config.d/10-hardening.conf"]
    keywords = ("PermitRootLogin", "PasswordAuthentication", "KbdInteractiveAuthentication", "UsePAM")
    ours = {key: sshd_config(live).effective(key).where for key in keywords}
    assert ours == {key: sshd_config(read_root(tree)).effective(key).where for key in keywords}
    assert ours["PermitRootLogin"] == "/etc/ssh/sshd_config.d/10-hardening.conf:2"


def test_script_runs_rpm_only_on_an_existing_database_by_dbpath(tmp_path):
    tool = fake_rpm(tmp_path, "echo bash")
    facts = run_script(tmp_path, bin_dir=tool.parent)
    log = tmp_path / "rpm.log"
    databases = [d for d in ("/var/lib/rpm", "/usr/lib/sysimage/rpm")
                 if any(Path(d, name).is_file() for name in ("rpmdb.sqlite", "Packages", "Packages.db"))]
    if databases:
        assert log.read_text().startswith(f"args: --dbpath {databases[0]} -qa ")
        assert facts.command("rpm") is not None
    else:
        assert not log.exists() and facts.command("rpm") is None


# --- sshd's rules --------------------------------------------------------------------------------

def sshd(tree: str):
    facts = read_root(DATA / "sshd" / tree)
    from oslearn.lessons.verify.checks import sshd_config

    return sshd_config(facts)


def test_first_value_wins():
    config = sshd("first-value-wins")
    assert config.effective("PasswordAuthentication").value == "no"
    assert config.effective("PermitRootLogin").value == "yes"
    assert [s.line for s in config.ignored_of("PermitRootLogin")] == [4]


def test_include_is_read_where_it_stands_relative_to_etc_ssh():
    config = sshd("include-in-place")
    assert config.files == ["/etc/ssh/sshd_config", "/etc/ssh/extra.conf"]
    assert config.effective("PermitRootLogin").where == "/etc/ssh/sshd_config:1"
    assert config.effective("PasswordAuthentication").where == "/etc/ssh/extra.conf:2"


def test_include_glob_in_lexical_order():
    config = sshd("glob-lexical-order")
    assert config.files[1:] == ["/etc/ssh/sshd_config.d/10-first.conf", "/etc/ssh/sshd_config.d/2-second.conf",
                                "/etc/ssh/sshd_config.d/99-last.conf"]
    assert config.effective("PermitRootLogin").where == "/etc/ssh/sshd_config.d/10-first.conf:1"
    assert config.effective("PasswordAuthentication").value == "no"


def test_match_blocks_do_not_change_the_global_value():
    config = sshd("match-blocks")
    assert config.effective("PasswordAuthentication").value == "no"
    # a Match inside an included file ends with that file
    assert config.effective("PermitRootLogin").where == "/etc/ssh/sshd_config:3"
    # an Include inside a Match block is conditional: its KbdInteractiveAuthentication is not global
    assert config.effective("KbdInteractiveAuthentication").value == "yes"
    assert config.effective("KbdInteractiveAuthentication").file == ""
    assert {(s.keyword, s.match) for s in config.overrides} == {
        ("PermitRootLogin", "Match User deploy"), ("PasswordAuthentication", "Match User backup"),
        ("KbdInteractiveAuthentication", "Match Address 10.0.0.0/8")}
    report = judge(read_root(DATA / "sshd" / "match-blocks"), TODAY).statuses()
    assert report["ssh-password-auth"] == "warn" and report["ssh-root-login"] == "warn"


def test_match_all_block_is_global():
    config = sshd("match-all")
    # the first value in a Match all block replaces the global one (sshd -T agrees)
    assert config.effective("PermitRootLogin").where == "/etc/ssh/sshd_config:14"
    assert [s.where for s in config.ignored_of("PermitRootLogin")] == ["/etc/ssh/sshd_config:3"]
    # a file included while Match all is in force sets global values
    assert config.effective("PasswordAuthentication").where == "/etc/ssh/sshd_config.d/10-passwords.conf:1"
    # UsePAM cannot be set per connection: its first value stays
    assert config.effective("UsePAM").where == "/etc/ssh/sshd_config:5"
    # inside a Match block an included file's Match all stays conditional
    assert [(s.where, s.match) for s in config.overrides_of("PermitRootLogin")] == [
        ("/etc/ssh/match-inside.conf:2", "Match User backup, then Match all")]
    report = judge(read_root(DATA / "sshd" / "match-all"), TODAY).statuses()
    assert report["ssh-password-auth"] == "pass" and report["ssh-root-login"] == "warn"


def test_keywords_are_case_insensitive():
    config = sshd("case-insensitive")
    assert config.effective("passwordauthentication").normalised() == "no"
    assert config.effective("PermitRootLogin").value == "no"
    assert config.effective("KbdInteractiveAuthentication").where == "/etc/ssh/lower.conf:1"


def test_defaults_when_unset():
    config = sshd("defaults")
    assert config.effective("PasswordAuthentication").value == "yes"
    assert config.effective("PermitRootLogin").value == "prohibit-password"
    result = judge(read_root(DATA / "sshd" / "defaults"), TODAY).statuses()
    assert result["ssh-password-auth"] == "fail" and result["ssh-root-login"] == "warn"


def test_freebsd_defaults():
    # FreeBSD's sshd: PermitRootLogin no and PasswordAuthentication no by default, but
    # KbdInteractiveAuthentication yes with UsePAM yes, so passwords still come in
    report = judge(read_root(DATA / "sshd" / "freebsd-defaults"), TODAY)
    result = {c.id: c for c in report.checks}
    assert report.os.family == "freebsd"
    assert result["ssh-root-login"].status == "pass"
    assert result["ssh-root-login"].evidence == [
        "PermitRootLogin not set in /etc/ssh/sshd_config: FreeBSD's sshd default is no"]
    assert result["ssh-password-auth"].status == "fail"
    assert ("UsePAM not set in /etc/ssh/sshd_config: FreeBSD's sshd default is yes"
            in result["ssh-password-auth"].evidence)
    assert result["ssh-password-auth"].fix.startswith("Write `KbdInteractiveAuthentication no` at the top of ")
    assert result["ssh-password-auth"].fix.endswith("sudo service sshd reload")
    # the same files on another system take OpenSSH's defaults
    from oslearn.lessons.verify.checks import sshd_config

    facts = read_root(DATA / "sshd" / "freebsd-defaults")
    assert sshd_config(facts).effective("PermitRootLogin").value == "prohibit-password"
    assert sshd_config(facts, "freebsd").effective("UsePAM").value == "yes"
    facts.files.pop("/etc/os-release")
    facts.values["uname"] = "FreeBSD"  # live, without os-release: uname says FreeBSD
    assert sshd_config(facts).effective("PermitRootLogin").value == "no"


def test_aliases():
    config = sshd("aliases")
    assert config.effective("KbdInteractiveAuthentication").keyword == "ChallengeResponseAuthentication"
    assert config.effective("KbdInteractiveAuthentication").normalised() == "no"
    assert config.effective("PermitRootLogin").normalised() == "prohibit-password"


def test_keyboard_interactive_through_pam_lets_passwords_in():
    found = judge(read_root(DATA / "sshd" / "keyboard-interactive-pam"), TODAY)
    result = next(c for c in found.checks if c.id == "ssh-password-auth")
    assert result.status == "fail" and "KbdInteractiveAuthentication no" in result.fix


def test_split_line():
    assert split_line("PasswordAuthentication=no") == ["PasswordAuthentication", "no"]
    assert split_line('  Banner "/etc/my banner"  # a comment') == ["Banner", "/etc/my banner"]
    assert split_line("# PermitRootLogin yes") == []
    assert split_line("AllowUsers a b") == ["AllowUsers", "a", "b"]


def test_include_loop_stops():
    files = {"/etc/ssh/sshd_config": "Include /etc/ssh/loop.conf\n", "/etc/ssh/loop.conf": "Include loop.conf\n"}
    config = parse_sshd_config(files.get, lambda pattern: [pattern] if pattern in files else [])
    assert any("nested more than 16" in problem for problem in config.problems)
    assert config.refused.startswith("/etc/ssh/loop.conf:1: Include nested more than 16 deep")


@pytest.mark.parametrize("tree", ["include-loop", "include-self"])
def test_include_loop_is_refused_fast(tree):
    started = time.perf_counter()
    report = judge(read_root(DATA / "sshd" / tree), TODAY)
    assert time.perf_counter() - started < 2
    for check_id in ("ssh-root-login", "ssh-password-auth"):
        found = next(c for c in report.checks if c.id == check_id)
        assert found.status == "fail"
        assert found.evidence[0].startswith("sshd would refuse this configuration and not start: ")
        assert "Include" in found.fix


def test_include_depth_is_sshds():
    # 16 levels of Include are read; a file 17 deep is refused; a pattern matching nothing
    # at the last level is not an error (as the real sshd -T does)
    def chain(levels: int, last: str) -> dict[str, str]:
        files = {f"/etc/ssh/f{n}.conf": f"Include /etc/ssh/f{n + 1}.conf\n" for n in range(levels)}
        files[f"/etc/ssh/f{levels}.conf"] = last
        files["/etc/ssh/sshd_config"] = files.pop("/etc/ssh/f0.conf")
        return files

    for levels, last, refused in ((16, "PermitRootLogin no\n", False), (17, "PermitRootLogin no\n", True),
                                  (16, "Include /etc/ssh/none-*.conf\n", False)):
        files = chain(levels, last)
        config = parse_sshd_config(files.get, lambda pattern: [pattern] if pattern in files else [])
        assert bool(config.refused) == refused, (levels, last)


def test_unreadable_drop_in_makes_the_ssh_checks_unknown():
    # As a user who is not root: no sshd -T, and a drop-in the glob matched could not be read.
    text = (DATA / "facts" / "rocky-9-live.txt").read_text()
    text = text.replace("@@oslearn-facts@@ fact uid\n0", "@@oslearn-facts@@ fact uid\n1000")
    text = text[:text.index("@@oslearn-facts@@ cmd sshd-T")] + text[text.index("@@oslearn-facts@@ cmd nft-ruleset"):]
    text = text.replace("/etc/ssh/sshd_config.d/50-redhat.conf\n@@", "/etc/ssh/sshd_config.d/01-permitrootlogin.conf\n"
                        "/etc/ssh/sshd_config.d/50-redhat.conf\n@@oslearn-facts@@ unreadable "
                        "/etc/ssh/sshd_config.d/01-permitrootlogin.conf\n@@")
    facts = parse_output(text, "oslearn-facts", "rocky")
    assert facts.unreadable == ["/etc/ssh/sshd_config.d/01-permitrootlogin.conf"]
    result = {c.id: c for c in judge(facts, TODAY).checks}
    for check_id in ("ssh-root-login", "ssh-password-auth"):
        assert result[check_id].status == "unknown"
        assert result[check_id].evidence[0].startswith("/etc/ssh/sshd_config.d/01-permitrootlogin.conf: ")
    # with sshd -T (as root) the files do not matter
    rooted = (DATA / "facts" / "rocky-9-live.txt").read_text().replace(
        "@@oslearn-facts@@ cmd sshd-T", "@@oslearn-facts@@ unreadable /etc/ssh/sshd_config.d/01-x.conf\n"
        "@@oslearn-facts@@ cmd sshd-T")
    assert {c.id: c.status for c in judge(parse_output(rooted, "oslearn-facts", "rocky"), TODAY).checks}[
        "ssh-password-auth"] == "pass"


def test_unreadable_drop_in_in_a_tree_makes_the_ssh_checks_unknown(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(DATA / "ubuntu-24.04-hardened", tree, symlinks=True)
    (tree / "etc" / "ssh" / "sshd_config.d" / "05-loop.conf").symlink_to("05-loop.conf")
    result = {c.id: c for c in judge(read_root(tree), TODAY).checks}
    assert result["ssh-password-auth"].status == "unknown"
    assert result["ssh-password-auth"].evidence[0].startswith("/etc/ssh/sshd_config.d/05-loop.conf: ")


def test_script_names_a_drop_in_it_cannot_read(tmp_path):
    import os
    import tempfile

    tree = Path(tempfile.mkdtemp(prefix="oslearn-test-"))  # a folder every user can reach
    try:
        os.chmod(tree, 0o755)
        shutil.copytree(DATA / "ubuntu-24.04-hardened" / "etc" / "ssh", tree / "etc" / "ssh")
        shutil.copy(DATA / "ubuntu-24.04-hardened" / "etc" / "os-release", tree / "etc" / "os-release")
        (tree / "etc" / "ssh" / "sshd_config").write_text("Include sshd_config.d/*.conf\nPasswordAuthentication no\n"
                                                            "KbdInteractiveAuthentication no\n")
        (tree / "etc" / "ssh" / "sshd_config.d" / "10-hardening.conf").chmod(0o000)
        facts = run_script(tmp_path, tree=tree, as_nobody=os.geteuid() == 0)
        facts.commands.pop("sshd-T", None)
        assert facts.unreadable == ["/etc/ssh/sshd_config.d/10-hardening.conf"]
        result = {c.id: c for c in judge(facts, TODAY).checks}
        assert result["ssh-root-login"].status == "unknown"
        assert "/etc/ssh/sshd_config.d/10-hardening.conf" in result["ssh-root-login"].fix
        # a folder that cannot be listed hides which drop-ins there are
        (tree / "etc" / "ssh" / "sshd_config.d").chmod(0o700 if os.geteuid() == 0 else 0o000)
        facts = run_script(tmp_path, tree=tree, as_nobody=os.geteuid() == 0)
        assert facts.unreadable == ["/etc/ssh/sshd_config.d"]
        assert {c.id: c.status for c in judge(facts, TODAY).checks}["ssh-password-auth"] == "unknown"
    finally:
        (tree / "etc" / "ssh" / "sshd_config.d").chmod(0o755)
        shutil.rmtree(tree)


# --- recorded facts and framing ---------------------------------------------------------------------

def test_recorded_live_facts_use_sshd_T_and_rpm():
    facts = parse_output((DATA / "facts" / "rocky-9-live.txt").read_text(), "oslearn-facts", "rocky")
    report = judge(facts, TODAY)
    result = {c.id: c for c in report.checks}
    assert result["ssh-root-login"].status == "warn"
    assert result["ssh-root-login"].evidence[0] == "sshd -T: permitrootlogin without-password"
    assert result["ssh-password-auth"].status == "pass"
    assert result["fail2ban"].status == "pass"
    assert result["automatic-updates"].status == "warn"  # downloads only
    assert result["python-headers"].status == "fail"
    assert result["firewall"].status == "pass"


def test_cut_short_output_is_an_error():
    from oslearn.lessons.verify import FactsError

    text = (DATA / "facts" / "rocky-9-live.txt").read_text()
    with pytest.raises(FactsError, match="stop before their end"):
        parse_output(text[: len(text) // 2], "oslearn-facts", "rocky")
    with pytest.raises(FactsError, match="no facts"):
        parse_output("bash: sh: command not found\n", "oslearn-facts", "rocky")


def test_control_characters_from_the_target_are_removed():
    text = (DATA / "facts" / "rocky-9-live.txt").read_text().replace(
        'PRETTY_NAME="Rocky Linux 9.6 (Blue Onyx)"', 'PRETTY_NAME="Rocky\x1b[31m Linux\x07"')
    report = judge(parse_output(text, "oslearn-facts", "rocky"), TODAY)
    rendered = table(report) + json.dumps(report.to_json())
    assert "\x1b" not in table(report) and "\x07" not in rendered
    assert report.os.pretty_name == "Rocky[31m Linux"


def test_host_parsing():
    assert parse_host("deploy@example.org:2222") == ("deploy@example.org", 2222)
    assert parse_host("example.org") == ("example.org", None)
    assert parse_host("[2001:db8::1]:22") == ("2001:db8::1", 22)
    for bad in ("-oProxyCommand=x", "a b", "host:99999", "user@-x"):
        with pytest.raises(TargetError):
            parse_host(bad)


def test_ssh_command_asks_no_terminal_and_no_configured_command():
    from oslearn.lessons.verify.run import ssh_command

    command = ssh_command(Target(host="deploy@example.org:2222"), "B")
    assert command[:2] == ["ssh", "-T"]
    assert command[command.index("RemoteCommand=none") - 1] == "-o"
    assert "BatchMode=yes" in command and command[-3:] == ["--", "deploy@example.org", "sh -s -- B"]


def test_verified_items_need_every_mapped_check_to_pass():
    items = verified_items({"python-headers": "pass", "python-venv": "fail", "sudo-user": "pass",
                            "firewall": "pass"})
    assert items == {("checklist", "python-packages"): False, ("checklist", "sudo-user"): True,
                     ("checklist", "firewall"): True}


# --- the mapping to the curriculum -----------------------------------------------------------------

def test_every_step_names_a_real_checklist_item_lesson_and_section(curriculum):
    for check_id, step in STEPS.items():
        checklist_lesson = curriculum.lesson(step.checklist_lesson)
        assert checklist_lesson is not None, f"{check_id}: no lesson {step.checklist_lesson!r}"
        if step.checklist_item is not None:
            assert step.checklist_item in {item.id for item in checklist_lesson.checklist}, (
                f"{check_id}: lesson {step.checklist_lesson!r} has no checklist item {step.checklist_item!r}")
        lesson = curriculum.lesson(step.lesson)
        assert lesson is not None, f"{check_id}: no lesson {step.lesson!r}"
        assert step.section in {section.id for section in lesson.sections}, (
            f"{check_id}: lesson {step.lesson!r} has no section {step.section!r}")


# --- this machine -----------------------------------------------------------------------------------

def test_this_machine_is_read_without_error():
    started = time.perf_counter()
    report = verify(Target())
    elapsed = time.perf_counter() - started
    assert report.target == "this machine"
    assert [c.id for c in report.checks] == list(CHECK_IDS)
    assert all(c.status in ("pass", "warn", "fail", "unknown") and c.evidence for c in report.checks)
    assert elapsed < 5, f"a local check took {elapsed:.2f} s"


def test_this_machine_as_a_tree_is_read_without_error():
    report = judge(read_root(Path("/")), TODAY)
    assert [c.id for c in report.checks] == list(CHECK_IDS)
    if Path("/etc/os-release").is_file():
        assert report.os.source == "/etc/os-release" and report.os.id


def test_script_is_posix_sh_and_read_only():
    script = script_text()
    done = subprocess.run(["sh", "-n"], input=script, text=True, capture_output=True)
    assert done.returncode == 0, done.stderr
    import re

    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("#"))
    writers = re.compile(r"(^\s*|[;&|(]\s*|\$\(\s*|\bthen\s+|\bdo\s+)"
                         r"(sudo|su|rm|mv|cp|ln|tee|touch|mkdir|chmod|chown|dd|apt|apt-get|dpkg|dnf|yum|sed\s+-i)(?![\w-])",
                         re.M)
    assert not writers.search(code), writers.search(code)
    assert not re.search(r"\d?>\s*(?!/dev/null|&\d)[^\s]", code), "the facts script writes only to /dev/null"


# --- the command --------------------------------------------------------------------------------------

def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "oslearn.tui.cli", "verify", *args], capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"}, timeout=60)


def test_cli_json_and_exit_codes():
    done = run_cli("--root", str(DATA / "ubuntu-24.04-hardened"), "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert set(document) == {"target", "os", "checks"}
    assert set(document["os"]) == {"id", "version_id", "pretty_name", "family", "support"}
    assert set(document["os"]["support"]) == {"status", "standard_until", "extended_until"}
    assert run_cli("--root", str(DATA / "centos-7")).returncode == 1


def test_cli_table_is_plain_when_piped():
    done = run_cli("--root", str(DATA / "ubuntu-18.04-cloud"))
    assert done.returncode == 1
    assert "\x1b" not in done.stdout
    assert done.stdout.splitlines()[0].startswith("oslearn verify: --root ")
    assert "fail   ssh-password-auth" in done.stdout.replace("  ", " ").replace("  ", " ") or \
        any(line.startswith("fail") and "ssh-password-auth" in line for line in done.stdout.splitlines())


def test_cli_unreachable_target_is_exit_2_without_traceback(tmp_path):
    for args in (["--root", str(tmp_path / "missing")], ["--root", str(tmp_path)],
                 ["--host", "nobody@127.0.0.1:1"], ["--ssh-config", str(tmp_path / "x")]):
        done = run_cli(*args)
        assert done.returncode == 2, args
        assert "Traceback" not in done.stderr and done.stderr.startswith("oslearn: "), done.stderr


def test_cli_show_script():
    done = run_cli("--show-script")
    assert done.returncode == 0 and done.stdout == script_text()


# --- stored checks ----------------------------------------------------------------------------------

def test_stored_checks_one_per_target_newest_first(store):
    from datetime import datetime, timezone

    from oslearn.progress.verifications import Verifications

    runs = Verifications(store)
    assert runs.last_target() is None and runs.verified_items() == {}
    runs.record("this machine", {"sudo-user": {"status": "fail", "evidence": ""}},
                at=datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc))
    runs.record("web1", {"sudo-user": {"status": "pass", "evidence": "/etc/group:3"},
                         "python-headers": {"status": "pass", "evidence": ""},
                         "python-venv": {"status": "fail", "evidence": ""}},
                at=datetime(2026, 11, 30, 11, 0, tzinfo=timezone.utc))
    runs.record("this machine", {"sudo-user": {"status": "pass", "evidence": ""}},
                at=datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc))
    store.db.table("verifications").insert({"target": 3, "checks": "broken"})
    # Edited by hand: evidence or the system's name not text (the app would crash drawing it).
    store.db.table("verifications").insert({"target": "web2", "at": "2026-11-30T13:00:00+00:00", "os": "x",
                                            "checks": {"sudo-user": {"status": "pass", "evidence": 5}}})
    store.db.table("verifications").insert({"target": "web3", "at": "2026-11-30T13:00:00+00:00", "os": ["x"],
                                            "checks": {"sudo-user": {"status": "pass", "evidence": ""}}})
    assert [run["target"] for run in runs.runs()] == ["this machine", "web1"]
    assert runs.last_target() == "this machine"
    assert runs.verified_items() == {("checklist", "sudo-user"): {"target": "this machine",
                                                                  "at": "2026-11-30T12:00:00+00:00"}}
    assert len(store.db.table("verifications").all()) == 5  # the malformed documents are kept


def test_stored_checks_refused_when_read_only(isolated_data_dir):
    from oslearn.progress import ProgressStore
    from oslearn.progress.verifications import Verifications

    with ProgressStore.open(isolated_data_dir, read_only=True) as store:
        with pytest.raises(PermissionError):
            Verifications(store).record("this machine", {})


def test_venv_that_does_not_import_fails_with_the_error():
    text = (DATA / "facts" / "rocky-9-live.txt").read_text().replace(
        "@@oslearn-facts@@ cmd python3-venv\n3.9\n\n@@oslearn-facts@@ rc python3-venv\n0",
        "@@oslearn-facts@@ cmd python3-venv\n3.9\nModuleNotFoundError: No module named 'ensurepip'\n\n"
        "@@oslearn-facts@@ rc python3-venv\n1")
    result = {c.id: c for c in judge(parse_output(text, "oslearn-facts", "rocky"), TODAY).checks}
    assert result["python-venv"].status == "fail"
    assert result["python-venv"].evidence == [
        "python3 -c 'import venv, ensurepip': exit 1: ModuleNotFoundError: No module named 'ensurepip'"]
    assert "python3.9 is" not in " ".join(result["python-headers"].evidence)
    assert "python3 is 3.9" in result["python-headers"].evidence


def test_with_sshd_T_the_fix_names_the_line_in_the_files():
    text = (DATA / "facts" / "rocky-9-live.txt").read_text().replace(
        "PasswordAuthentication no\nSubsystem", "PasswordAuthentication yes\nSubsystem").replace(
        "passwordauthentication no", "passwordauthentication yes")
    result = {c.id: c for c in judge(parse_output(text, "oslearn-facts", "rocky"), TODAY).checks}
    assert result["ssh-password-auth"].status == "fail"
    assert result["ssh-password-auth"].evidence[0] == "sshd -T: passwordauthentication yes"
    assert result["ssh-password-auth"].fix.startswith("Change /etc/ssh/sshd_config:3 to `PasswordAuthentication no`")
    assert result["ssh-password-auth"].fix.endswith("sudo systemctl reload sshd")
