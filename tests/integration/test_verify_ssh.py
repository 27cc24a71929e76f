"""``oslearn verify --host`` against a real sshd started on 127.0.0.1 with a throwaway host
key and user key: the report over SSH must equal the report of this machine checked locally."""

from __future__ import annotations

import getpass
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from oslearn.lessons.verify import Target, verify

SSHD = shutil.which("sshd", path="/usr/sbin:/usr/local/sbin:/sbin:" + os.environ.get("PATH", ""))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def sshd_server(tmp_path_factory):
    """Start sshd on 127.0.0.1 for this user; yield ``(user@127.0.0.1:PORT, ssh config file)``."""
    if SSHD is None or shutil.which("ssh") is None or shutil.which("ssh-keygen") is None:
        pytest.skip("OpenSSH's sshd, ssh and ssh-keygen are needed (apt-get install openssh-server)")
    if os.geteuid() == 0 and not Path("/run/sshd").is_dir():
        # Debian's sshd refuses to start as root without its privilege separation directory.
        try:
            Path("/run/sshd").mkdir(mode=0o755)
        except OSError as error:
            pytest.skip(f"/run/sshd is missing and cannot be made: {error}")
    home = tmp_path_factory.mktemp("sshd")
    os.chmod(home, 0o700)
    for name in ("host_key", "user_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(home / name)], check=True)
    (home / "authorized_keys").write_text((home / "user_key.pub").read_text())
    port = free_port()
    user = getpass.getuser()
    config = home / "sshd_config"
    config.write_text(f"""ListenAddress 127.0.0.1
Port {port}
HostKey {home / 'host_key'}
PidFile {home / 'sshd.pid'}
AuthorizedKeysFile {home / 'authorized_keys'}
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers {user}
""")
    host_key = (home / "host_key.pub").read_text().split()
    (home / "known_hosts").write_text(f"[127.0.0.1]:{port} {host_key[0]} {host_key[1]}\n")
    client = home / "ssh_config"
    client.write_text(f"""Host 127.0.0.1
    IdentityFile {home / 'user_key'}
    IdentitiesOnly yes
    UserKnownHostsFile {home / 'known_hosts'}
    StrictHostKeyChecking yes
    GlobalKnownHostsFile /dev/null
""")
    os.chmod(client, 0o600)
    log = open(home / "sshd.log", "wb")
    server = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            if server.poll() is not None:
                pytest.skip(f"sshd did not start: {(home / 'sshd.log').read_text(errors='replace').strip()[-300:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.skip("sshd did not listen within 5 seconds")
        yield f"{user}@127.0.0.1:{port}", client
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def without_target(report: dict) -> dict:
    return {key: value for key, value in report.items() if key != "target"}


def test_report_over_ssh_equals_the_local_one(sshd_server):
    host, client = sshd_server
    remote = verify(Target(host=host, ssh_config=client))
    local = verify(Target())
    assert remote.target == host and local.target == "this machine"
    assert without_target(remote.to_json()) == without_target(local.to_json())


def test_cli_json_over_ssh(sshd_server):
    host, client = sshd_server
    done = subprocess.run([sys.executable, "-m", "oslearn.tui.cli", "verify", "--host", host, "--ssh-config",
                           str(client), "--json"], capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, 1), done.stderr
    document = json.loads(done.stdout)
    assert document["target"] == host
    assert len(document["checks"]) == 10


def test_refused_key_is_exit_2(sshd_server, tmp_path):
    host, client = sshd_server
    other = tmp_path / "ssh_config"
    other.write_text(client.read_text().replace("user_key", "no_such_key"))
    done = subprocess.run([sys.executable, "-m", "oslearn.tui.cli", "verify", "--host", host, "--ssh-config",
                           str(other)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith(f"oslearn: cannot check {host}: ssh could not reach") and "Traceback" not in done.stderr


@pytest.mark.parametrize("lines", ["RequestTTY force", "RemoteCommand echo not the facts",
                                   "RequestTTY force\n    RemoteCommand echo not the facts"])
def test_ssh_config_asking_a_terminal_or_a_remote_command_is_overridden(sshd_server, tmp_path, monkeypatch, lines):
    import oslearn.lessons.verify.run as run

    monkeypatch.setattr(run, "RUN_TIMEOUT", 30)  # a terminal made the script wait for input until the timeout
    host, client = sshd_server
    other = tmp_path / "ssh_config"
    other.write_text(client.read_text() + f"    {lines}\n")
    other.chmod(0o600)
    started = time.perf_counter()
    remote = verify(Target(host=host, ssh_config=other))
    assert time.perf_counter() - started < 20
    assert without_target(remote.to_json()) == without_target(verify(Target()).to_json())
