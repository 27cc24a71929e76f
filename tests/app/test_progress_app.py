"""What the app shows about the progress store: a damaged file set aside (and where), a
read-only session, and a disk that refuses writes, with lessons and quizzes still usable."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from textual.widgets import SelectionList, Static

from oslearn.lessons import files as files_module
from oslearn.progress import ProgressStore
from oslearn.progress import logfile as logfile_module
from oslearn.progress import storage as storage_module
from oslearn.progress.notices import HELD_ELSEWHERE, Notice
from oslearn.tui import app as app_module
from oslearn.tui.app import OSLearnApp
from oslearn.tui.screens.lesson import LessonScreen
from oslearn.tui.screens.quiz import QuizScreen


class RecordingApp(OSLearnApp):
    """The app, remembering every notification it shows."""

    # Textual resolves a relative CSS_PATH next to the subclass's module: point at the app's.
    CSS_PATH = str(Path(app_module.__file__).with_name(OSLearnApp.CSS_PATH))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown: list[tuple[str, str, str]] = []

    def notify(self, message, *, title="", severity="information", **kwargs):
        self.shown.append((str(title), str(message), str(severity)))
        return super().notify(message, title=title, severity=severity, **kwargs)


def _messages(app: RecordingApp) -> str:
    return "\n".join(message for _, message, _ in app.shown)


async def test_app_says_where_a_damaged_progress_file_went(isolated_data_dir, curriculum):
    isolated_data_dir.mkdir()
    (isolated_data_dir / "progress.json").write_bytes(b'{"meta": {"1": {"schema_version": 2}}, "checkl')
    with ProgressStore.open(isolated_data_dir) as store:
        backup = next(isolated_data_dir.glob("progress.json.corrupt-*"))
        app = RecordingApp(curriculum, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert any(title == "Progress" and f"moved to {backup}" in message for title, message, _ in app.shown)
            assert "read-only" not in app.title


async def _tick_ubuntu(app, pilot) -> SelectionList:
    app.open_lesson(app.curriculum.lesson("choosing-an-os"))
    await pilot.pause()
    assert isinstance(app.screen, LessonScreen)
    await pilot.press("n", "p", "3", "space")  # moving between sections stores the position
    await pilot.pause()
    return app.screen.query_one("#checklist-items", SelectionList)


async def _answer_one(app, pilot) -> str:
    question = next(q for q in app.curriculum.questions if q.type == "single")
    app.start_quiz("One question", [question])
    await pilot.pause()
    assert isinstance(app.screen, QuizScreen)
    await pilot.press("1", "enter")
    await pilot.pause()
    return str(app.screen.query_one("#feedback", Static).render())


async def test_read_only_session_is_marked_and_refuses_saves_without_crashing(isolated_data_dir, curriculum):
    with ProgressStore.open(isolated_data_dir) as first:
        first.set_done("choosing-an-os", "pick-lts", False)
        before = (isolated_data_dir / "progress.json").read_bytes()
        with ProgressStore.open(isolated_data_dir, read_only=True, reason=Notice(HELD_ELSEWHERE)) as store:
            app = RecordingApp(curriculum, store)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                assert "read-only" in app.title
                assert "Another oslearn holds the progress file" in _messages(app)
                checklist = await _tick_ubuntu(app, pilot)
                assert "pick-lts" not in checklist.selected  # the tick was not kept
                assert any(title == "Not saved" and "Another oslearn holds" in message
                           for title, message, _ in app.shown)
                await pilot.press("escape")
                feedback = await _answer_one(app, pilot)
                assert "Right" in feedback or "Not quite" in feedback
        assert (isolated_data_dir / "progress.json").read_bytes() == before
        assert first.attempts() == []


async def test_full_disk_is_reported_and_lessons_and_quizzes_go_on(isolated_data_dir, curriculum, monkeypatch):
    with ProgressStore.open(isolated_data_dir) as store:
        store.set_done("checklist", "sudo-user", True)
        store.record_attempt("distro-ubuntu-company", True, "Canonical")
        before = {p.name: p.read_bytes() for p in isolated_data_dir.iterdir()}

        def full(fd, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(files_module, "write_all", full)
        monkeypatch.setattr(logfile_module, "write_all", full)
        app = RecordingApp(curriculum, store)
        async with app.run_test(size=(80, 24)) as pilot:
            checklist = await _tick_ubuntu(app, pilot)
            assert "pick-lts" not in checklist.selected
            errors = [m for t, m, s in app.shown if t == "Not saved" and s == "error"]
            # It names the file that was not written, why, and that it is unchanged.
            assert errors and "No space left on device" in errors[0]
            assert f"not saved to your progress file ({isolated_data_dir / 'progress.json'})" in errors[0]
            assert "exactly as it was" in errors[0]
            await pilot.press("escape")
            feedback = await _answer_one(app, pilot)
            assert "Right" in feedback or "Not quite" in feedback
            failed = [m for t, m, _ in app.shown if t == "Not saved"]
            assert len(failed) == 2 and "not saved to your quiz history" in failed[1]
        monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in isolated_data_dir.iterdir()} == before
    with ProgressStore.open(isolated_data_dir) as again:
        assert again.done_items("checklist") == {"sudo-user"} and len(again.attempts()) == 1
