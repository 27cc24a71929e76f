"""The sshd configurations of the fixtures, read by oslearn, give the global values the real
``sshd -T`` gives.

Each tree of ``tests/data/verify/sshd`` (one rule each) and each recorded system of
``tests/data/verify`` is copied with its ``/etc/ssh`` paths pointed into
the copy (relative Includes made absolute the way sshd takes them, in ``/etc/ssh``), then
``sshd -T`` (no ``-C``: Match blocks not applied, the global values) is compared with
``oslearn.lessons.verify.sshd`` on the same files; where sshd refuses the configuration
(Includes nested too deep), oslearn must say so too. Skipped where sshd is not installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from oslearn.lessons.verify.facts import RootTree
from oslearn.lessons.verify.sshd import MAIN_FILE, parse_sshd_config

VERIFY = Path(__file__).resolve().parents[1] / "data" / "verify"
TREES = sorted([p for p in (VERIFY / "sshd").iterdir() if p.is_dir()]
               + [p for p in VERIFY.iterdir() if (p / "etc" / "ssh" / "sshd_config").is_file()])
SSHD = shutil.which("sshd", path="/usr/sbin:/usr/local/sbin:/sbin:" + os.environ.get("PATH", ""))
KEYWORDS = ("permitrootlogin", "passwordauthentication", "kbdinteractiveauthentication", "usepam")


@pytest.fixture(scope="module")
def host_key(tmp_path_factory):
    if SSHD is None or shutil.which("ssh-keygen") is None:
        pytest.skip("OpenSSH's sshd is not installed (apt-get install openssh-server)")
    key = tmp_path_factory.mktemp("key") / "host_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    return key


@pytest.mark.parametrize("tree", TREES, ids=[p.name for p in TREES])
def test_fixture_matches_real_sshd(tree, host_key, tmp_path):
    copy = tmp_path / tree.name
    shutil.copytree(tree / "etc" / "ssh", copy / "etc" / "ssh")
    ssh_dir = f"{copy}/etc/ssh"
    for path in (copy / "etc" / "ssh").rglob("*"):
        if path.is_file():
            text = path.read_text().replace("/etc/ssh/", f"{ssh_dir}/")
            # a relative Include is taken in /etc/ssh: make it absolute in the copy
            text = re.sub(r"(?im)^(\s*include\s+)(?!/)(\S+)", lambda m: f"{m.group(1)}{ssh_dir}/{m.group(2)}", text)
            path.write_text(text)
    done = subprocess.run([SSHD, "-T", "-f", f"{ssh_dir}/sshd_config", "-h", str(host_key)],
                          capture_output=True, text=True, timeout=30)
    config = parse_sshd_config(RootTree(tree).read, RootTree(tree).glob, MAIN_FILE)
    if done.returncode != 0 and "Too many recursive configuration includes" in done.stderr:
        assert config.refused, "sshd refuses this configuration: so must oslearn"
        return
    if done.returncode != 0:
        pytest.skip(f"sshd -T did not run here: {done.stderr.strip()[-200:]}")
    assert not config.refused
    real = {}
    for line in done.stdout.splitlines():
        key, _, value = line.partition(" ")
        if key in KEYWORDS:
            real[key] = value.replace("without-password", "prohibit-password")
    ours = {key: config.effective(key).normalised() for key in KEYWORDS}
    assert ours == real
