"""Shared fixtures: a fresh data directory per test, never the learner's real one."""

from __future__ import annotations

import pytest

from oslearn.lessons import load_curriculum
from oslearn.progress import ProgressStore


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Point OSLEARN_DATA_DIR at a per-test folder so no test touches real progress, and
    OSLEARN_CACHE_DIR (the lesson cache) likewise."""
    directory = tmp_path / "data"
    monkeypatch.setenv("OSLEARN_DATA_DIR", str(directory))
    monkeypatch.setenv("OSLEARN_CACHE_DIR", str(tmp_path / "cache"))
    return directory


@pytest.fixture(scope="session")
def curriculum():
    """The built-in curriculum, loaded once."""
    return load_curriculum()


@pytest.fixture
def store(isolated_data_dir):
    """A progress store on the test's data directory, closed after the test."""
    store = ProgressStore.open(isolated_data_dir)
    yield store
    store.close()


async def _wait_until(pilot, condition, tries: int = 100) -> None:
    """Let the app run (20 ms pauses, at most ``tries``) until ``condition()`` is true;
    fail the test if it never is."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    assert condition(), "condition not reached"


@pytest.fixture
def wait_for():
    """``await wait_for(pilot, condition, tries=100)``: let the app run (20 ms pauses, at
    most ``tries``) until ``condition()`` is true; fail the test if it never is."""
    return _wait_until
