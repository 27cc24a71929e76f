"""Shared helpers for the fault tests: run the child script and the ``oslearn`` CLI as
real subprocesses, and snapshot the bytes of every file in a data directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHILD = Path(__file__).with_name("child.py")


def child(scenario: str, directory: Path, *args: str, **popen) -> subprocess.Popen:
    """Start ``child.py SCENARIO DIR ARGS`` with pipes for stdin, stdout and stderr."""
    return subprocess.Popen(
        [sys.executable, str(CHILD), scenario, str(directory), *args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen,
    )


def run_child(scenario: str, directory: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run a child scenario to the end."""
    return subprocess.run([sys.executable, str(CHILD), scenario, str(directory), *args],
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def oslearn(directory: Path, *args: str, timeout: float = 60, stdin: str | None = None
            ) -> subprocess.CompletedProcess:
    """Run ``oslearn --data-dir DIR ARGS`` as a subprocess without a terminal."""
    env = {k: v for k, v in os.environ.items() if k != "OSLEARN_DATA_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "oslearn.tui.cli", "--data-dir", str(directory), *args],
        capture_output=True, text=True, timeout=timeout, env=env,
        input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
    )


def files(directory: Path) -> dict[str, bytes]:
    """Every regular file in ``directory`` (not recursive) by name, with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def data_files(directory: Path) -> dict[str, bytes]:
    """Like ``files`` without the lock file (which the lock holder may create)."""
    return {name: data for name, data in files(directory).items() if not name.endswith(".lock")}
