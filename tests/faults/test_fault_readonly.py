"""A data directory the learner cannot write: progress opens read-only with a clear
notice, lessons and quizzes stay usable (reads work, writes are refused without a crash),
and nothing already stored changes.

Permissions mean nothing to root, so when the suite runs as root the child runs as the
unprivileged system account ``nobody`` through ``runuser`` (no account is created and no
network is needed). The interpreter must be one ``nobody`` may execute, of the same
Python version as the suite; the test's site-packages directory is added to its path. When
that is impossible the test is skipped with the reason.
"""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

from oslearn.progress import ProgressStore

from fault_helpers import CHILD, files

SITE = sysconfig.get_paths()["purelib"]
PROBE = (f"import site, sys; site.addsitedir({SITE!r}); import oslearn.progress, tinydb, filelock; "
         "print('%d.%d' % sys.version_info[:2])")


def _unprivileged_prefix() -> list[str]:
    """The command prefix that runs a Python of this version as a user who cannot write
    a directory it does not own, or ``pytest.skip`` with the reason."""
    version = "%d.%d" % sys.version_info[:2]
    if os.geteuid() != 0:
        return [sys.executable]
    runuser = shutil.which("runuser")
    if runuser is None:
        pytest.skip("running as root and runuser is not installed, so no unprivileged user to test as")
    try:
        pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("running as root and there is no 'nobody' account to test as")
    reasons = []
    candidates = [os.path.realpath(sys.executable), shutil.which(f"python{version}"), f"/usr/bin/python{version}"]
    for exe in dict.fromkeys(c for c in candidates if c):
        prefix = [runuser, "-u", "nobody", "--", "env", f"OSLEARN_TEST_SITE={SITE}", exe]
        try:
            probe = subprocess.run(prefix + ["-c", PROBE], capture_output=True, text=True, timeout=60,
                                   cwd="/")
        except (OSError, subprocess.TimeoutExpired) as error:
            reasons.append(f"{exe}: {error}")
            continue
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return prefix
        reasons.append(f"{exe}: {(probe.stderr.strip().splitlines() or [probe.stdout.strip()])[-1]}")
    pytest.skip("running as root and no Python " + version + " that the unprivileged user 'nobody' can run "
                "with this suite's packages: " + "; ".join(reasons))


@pytest.fixture
def unwritable_data_dir():
    """A data directory with a tick and an answer in it, owned by the test user but not
    writable; yields ``(directory, command prefix)``."""
    prefix = _unprivileged_prefix()
    base = Path(tempfile.mkdtemp(prefix="oslearn-readonly-"))
    os.chmod(base, 0o755)
    directory = base / "data"
    with ProgressStore.open(directory) as store:
        store.set_done("choosing-an-os", "pick-lts", True)
        store.record_attempt("distro-q1", True, "Ubuntu")
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        for path in [directory, *directory.iterdir()]:
            os.chown(path, nobody.pw_uid, nobody.pw_gid)
    try:
        yield directory, prefix
    finally:
        os.chmod(directory, 0o755)
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("lock_file", ["left by an earlier run", "absent"])
def test_read_only_directory_reads_refuses_writes_and_changes_nothing(unwritable_data_dir, lock_file):
    directory, prefix = unwritable_data_dir
    if lock_file == "absent":
        (directory / "progress.json.lock").unlink()
    os.chmod(directory, stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    before = files(directory)

    result = subprocess.run(prefix + [str(CHILD), "read_only_dir", str(directory)],
                            capture_output=True, text=True, timeout=60, cwd="/")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "read_only True" in lines
    notice = next(line for line in lines if line.startswith("notice "))
    assert f"the data directory {directory} is not writable" in notice and "take quizzes" in notice
    assert "done ['pick-lts']" in lines and "attempts 1" in lines
    assert any(line.startswith("tick PermissionError") for line in lines)
    assert any(line.startswith("attempt PermissionError") for line in lines)

    cli = prefix + ["-c", f"import site, sys; site.addsitedir({SITE!r}); from oslearn.tui.cli import main; "
                          "sys.exit(main(sys.argv[1:]))",
                    "--data-dir", str(directory)]
    shown = subprocess.run(cli + ["progress", "--json"], capture_output=True, text=True, timeout=60, cwd="/")
    assert shown.returncode == 0, shown.stderr
    assert '"choosing-an-os": [\n      "pick-lts"' in shown.stdout
    refused = subprocess.run(cli + ["reset", "--yes"], capture_output=True, text=True, timeout=60, cwd="/")
    assert refused.returncode == 2 and "Nothing was changed" in refused.stderr
    for output in (result.stderr, shown.stderr, refused.stderr):
        assert "Traceback" not in output

    assert files(directory) == before
