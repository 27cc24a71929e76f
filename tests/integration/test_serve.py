"""`oslearn serve` in a real browser: headless Chromium loads the page from a loopback port,
its websocket connects, and the server starts the app for it; then the test stops it all.

Needs Debian's `chromium` (`.ci/run` installs it); skipped with the reason when it is absent.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
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
        printed = _wait(lambda: re.search(r"http://\S+/\?token=(\S+)", log.read_text(errors="replace")), 30,
                        "the server to print its address", log)
        url, token = printed.group(0), printed.group(1)

        def page() -> str:
            request = urllib.request.Request(f"http://{HOST}:{port}/", headers={"Authorization": f"token {token}"})
            try:
                with urllib.request.urlopen(request, timeout=2) as response:
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


# --- the token and the Origin check (a real server on a loopback port) ---------------------


def _start_server(tmp_path, *extra, env_token: str | None = None):
    port = _free_port()
    log = tmp_path / "serve-token.log"
    env = dict(os.environ, COLUMNS="400")
    env.pop("OSLEARN_SERVE_TOKEN", None)
    if env_token is not None:
        env["OSLEARN_SERVE_TOKEN"] = env_token
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "oslearn.tui.cli", "--data-dir", str(tmp_path / "data"), "serve", "--host", HOST,
             "--port", str(port), *extra],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    printed = _wait(lambda: re.search(r"http://\S+/\?token=(\S+)", log.read_text(errors="replace")), 30,
                    "the server to print its address", log)
    return server, port, printed.group(0), printed.group(1), log


def _status(url: str, headers: dict | None = None) -> tuple[int, dict, str]:
    """GET ``url`` without following redirects; return the status, the headers and the body."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


def _websocket(port: int, query: str = "", headers: dict | None = None) -> int:
    """Open ``/ws`` with a raw handshake; return the HTTP status of the answer (101 = open)."""
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [f"GET /ws{query} HTTP/1.1", f"Host: {HOST}:{port}", "Upgrade: websocket", "Connection: Upgrade",
             f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    with socket.create_connection((HOST, port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        answer = b""
        while b"\r\n" not in answer:
            chunk = sock.recv(1024)
            if not chunk:
                break
            answer += chunk
    return int(answer.split(b" ", 2)[1])


def test_serve_refuses_requests_without_the_token_and_foreign_origins(tmp_path):
    server, port, url, token, log = _start_server(tmp_path)
    try:
        assert len(token) >= 32
        base = f"http://{HOST}:{port}"
        # No token: 401, on the page, the static files, downloads, a path no route serves (so a
        # route added later cannot slip past) and the websocket; the page is not in the answer.
        for path in ("/", "/static/js/textual.js", "/static/", "/download/x", "/no-such-route"):
            status, _, body = _status(base + path)
            assert status == 401, path
            assert "needs its token" in body and "textual.js" not in body and "/ws" not in body, (path, body)
        assert _websocket(port) == 401
        # A wrong token: 403, however it is presented, and still no page.
        status, _, body = _status(base + "/?token=wrong")
        assert status == 403 and "Wrong token" in body and "textual.js" not in body, body
        assert _status(base + "/", {"Authorization": "token wrong"})[0] == 403
        assert _status(base + "/", {"Cookie": f"oslearn-token-{port}=wrong"})[0] == 403
        assert _websocket(port, "?token=wrong") == 403
        # The right token but a foreign page's Origin: the websocket is refused.
        assert _websocket(port, f"?token={token}", {"Origin": "http://evil.example"}) == 403
        assert _websocket(port, f"?token={token}", {"Origin": f"http://evil.example:{port}"}) == 403
        assert not (tmp_path / "data" / "progress.json").exists(), "no app was started for a refused socket"

        # The printed address: a cookie for the page's own requests, and the token leaves the URL.
        status, headers, _ = _status(url)
        assert status == 302 and headers["Location"] == "/"
        cookie = headers["Set-Cookie"]
        assert f"oslearn-token-{port}={token}" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        status, _, page = _status(base + "/", {"Cookie": f"oslearn-token-{port}={token}"})
        assert status == 200 and f"ws://{HOST}:{port}/ws" in page and "textual.js" in page
        assert _status(base + "/static/js/textual.js", {"Authorization": f"token {token}"})[0] == 200
        # The right token from the server's own origin opens the websocket.
        assert _websocket(port, f"?token={token}", {"Origin": base}) == 101
        assert _websocket(port, "", {"Origin": f"http://localhost:{port}",
                                     "Cookie": f"oslearn-token-{port}={token}"}) == 101
    finally:
        _stop(server)
    assert "Traceback" not in log.read_text(errors="replace")


def test_serve_token_from_the_environment(tmp_path):
    server, port, url, token, log = _start_server(tmp_path, env_token="a-chosen-secret-token-for-the-class")
    try:
        assert token == "a-chosen-secret-token-for-the-class"
        assert _status(f"http://{HOST}:{port}/?token={token}")[0] == 302
        assert _status(f"http://{HOST}:{port}/?token=another")[0] == 403
    finally:
        _stop(server)


def test_serve_prints_an_address_that_works_whatever_the_token_holds(tmp_path):
    """A chosen token with markup brackets and URL-reserved characters is printed
    percent-encoded and as written (not read as console markup): the address opens."""
    chosen = "ab[red]cd&x=1 #[b]"
    server, port, url, token, log = _start_server(tmp_path, env_token=chosen)
    try:
        assert urllib.parse.unquote_plus(token) == chosen
        assert _status(url)[0] == 302
    finally:
        _stop(server)
