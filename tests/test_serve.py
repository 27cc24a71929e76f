"""`oslearn serve` in a real browser: headless Chromium loads the page from a loopback port,
its websocket connects, and the server starts the app for it; then the test stops it all.

Needs Debian's `chromium` (`.ci/run` installs it); skipped with the reason when it is absent.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium")
HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _wait(condition, timeout: float, what: str, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}\n--- server log ---\n{tail}")


def _children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (from /proc, Linux)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _stop(process: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 15) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package `chromium`; .ci/run installs it)")
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the app process through /proc (Linux)")
def test_serve_runs_the_app_for_a_headless_browser(tmp_path):
    port = _free_port()
    data = tmp_path / "data"
    log = tmp_path / "serve.log"
    env = dict(os.environ, COLUMNS="400")  # keep the server's log lines unwrapped
    env.pop("NO_COLOR", None)
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "oslearn.tui.cli", "--data-dir", str(data), "serve", "--host", HOST,
             "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    browser = None
    try:
        url = f"http://{HOST}:{port}/"

        def page() -> str:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    return response.read().decode()
            except OSError:
                return ""

        html = _wait(page, 30, "the server to answer", log)
        assert f"ws://{HOST}:{port}/ws" in html and "textual.js" in html
        assert not (data / "progress.json").exists(), "the server itself never opens the progress store"

        browser = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             f"--user-data-dir={tmp_path / 'chromium-profile'}", url],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, start_new_session=True)

        # The page loads: Chromium fetches the page and the terminal's script.
        _wait(lambda: "GET /static/js/textual.js" in log.read_text(errors="replace"), 60,
              "the browser to load the page", log)
        # The websocket connects and the server starts the app: an `oslearn --web` process under
        # the server, which opens the progress store in the data directory.
        apps = _wait(lambda: [p for p in _children(server.pid) if "oslearn.tui.cli --web" in _cmdline(p)], 60,
                     "the app process", log)
        _wait(lambda: (data / "progress.json").exists(), 30, "the app to open its progress file", log)
        assert all(_alive(p) for p in apps)
        assert "Application failed to start" not in log.read_text(errors="replace")
        assert "Traceback" not in log.read_text(errors="replace")

        # Closing the browser ends its websocket (logged with status 101) and the app with it.
        _stop(browser)
        text = _wait(lambda: (t := log.read_text(errors="replace")) and "GET /ws" in t and t, 30,
                     "the websocket to be logged", log)
        ws_line = next(line for line in text.splitlines() if "GET /ws" in line)
        assert " 101 " in ws_line, ws_line
        _wait(lambda: not any(_alive(p) for p in apps), 30, "the app to exit", log)
    finally:
        if browser is not None:
            _stop(browser, signal.SIGKILL)
        _stop(server)
    assert server.returncode is not None
    assert "Traceback" not in log.read_text(errors="replace")


def test_serve_command_and_pure_modules_do_not_import_textual():
    code = ("import sys, oslearn.tui.cli, oslearn.tui.settings, textual_serve.server, "
            "oslearn.lessons.sources, oslearn.lessons.search, oslearn.lessons.facts; "
            "from oslearn.tui.cli import build_parser; "
            "args = build_parser().parse_args(['serve', '--port', '8123']); "
            "assert (args.host, args.port) == ('127.0.0.1', 8123), args; "
            "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
