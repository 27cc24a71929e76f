"""The words for the progress store's notices, shared by the CLI and the app.

``oslearn.progress`` reports what happened to the learner's files as
``oslearn.progress.notices.Notice`` values (a kind and its data); this module turns each
into sentences. The CLI prints them (``oslearn: <text>`` on stderr), the app shows them as
notifications. Nothing here imports Textual, so the CLI stays fast.
"""

from __future__ import annotations

from oslearn.progress import notices as kinds
from oslearn.progress.notices import Notice

#: What each log file holds, in the learner's words, by file stem.
LOG_WORDS = {"attempts": "quiz history", "quiz_history": "quiz scores", "reviews": "review log"}


def _log(notice: Notice) -> str:
    stem = notice.data.get("log", "")
    return LOG_WORDS.get(stem, f"{stem.replace('_', ' ')} log")


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _note(note: Notice) -> str:
    """A note of an upgrade, as a clause (no capital, no full stop)."""
    count = note.data.get("count", 0)
    if note.kind == kinds.ANSWERS_UNREADABLE:
        return f"{_count(count, 'stored quiz answer was', 'stored quiz answers were')} unreadable and not carried over"
    if note.kind == kinds.REVIEWS_UNREADABLE:
        return f"{_count(count, 'stored review was', 'stored reviews were')} unreadable and not carried over"
    if note.kind == kinds.REVIEWS_WITHOUT_ANSWER:
        return (f"{_count(count, 'review', 'reviews')} had no matching answer in the quiz history and "
                f"{'was' if count == 1 else 'were'} kept as answers without their text")
    if note.kind == kinds.SCHEDULES_LOST:
        return (f"the review schedule of {_count(count, 'question', 'questions')} with no answer left in the "
                "quiz history could not be carried over (the backup keeps it)")
    return notice_text(note)


def notice_text(notice: Notice) -> str:
    """Return what the learner reads for ``notice``: one or more full sentences naming the
    files involved and what to do.

    Args:
        notice: a ``Notice`` from ``oslearn.progress`` (its kinds and data are listed in
            ``oslearn.progress.notices``).
    Returns:
        the text; an unknown kind (from a newer progress package) is shown as its kind and
        data rather than dropped.
    """
    d = notice.data
    kind = notice.kind
    if kind == kinds.READ_ONLY_REQUESTED:
        return "Opened with --read-only: nothing you do in this window is saved."
    if kind == kinds.HELD_ELSEWHERE:
        file = f" {d['path']}" if d.get("path") else ""
        if d.get("web"):
            return f"Another oslearn (another browser tab?) holds the progress file{file}: this tab is read-only."
        return f"Another oslearn holds the progress file{file}: this window is read-only."
    if kind == kinds.OPENED_READ_ONLY:
        return "Progress is open read-only: nothing is saved."
    if kind == kinds.DIRECTORY_UNWRITABLE:
        return (f"Progress cannot be saved: the data directory {d['directory']} is not writable ({d['reason']}). "
                "You can read lessons and take quizzes; answers and ticks are not stored, and what is already "
                "saved is left untouched.")
    if kind == kinds.FILE_UNREADABLE:
        return (f"Could not read your progress file {d['path']} ({d['reason']}). It is left as it is and "
                "progress is open read-only; fix the file's permissions and start oslearn again.")
    if kind == kinds.NEWER_SCHEMA:
        return (f"{d['path']} was written by a newer oslearn (schema {d['version']}; this one knows up to "
                f"{d['known']}). It is open read-only and will not be changed; upgrade oslearn to save progress "
                "again.")
    if kind == kinds.DAMAGED_LEFT:
        return (f"Your progress file {d['path']} is damaged ({d['problem']}). It is left as it is for now; "
                "oslearn will set it aside and start a fresh one the next time it opens the progress for writing.")
    if kind == kinds.DAMAGED_STUCK:
        return (f"Your progress file {d['path']} is damaged ({d['problem']}) and could not be set aside "
                f"({d['reason']}). It is left as it is and progress is open read-only.")
    if kind == kinds.DAMAGED_MOVED:
        return (f"Your progress file {d['path']} was damaged ({d['problem']}) and could not be read. It was "
                f"moved to {d['backup']} and a fresh progress file was started; your quiz history is kept.")
    if kind == kinds.UPGRADE_FAILED:
        where = f" A copy of it is at {d['backup']}." if d.get("backup") else ""
        return (f"Your progress file {d['path']} could not be upgraded from schema {d['from']} to {d['to']} "
                f"({d['error']}). It is left as it was and progress is open read-only.{where}")
    if kind == kinds.UPGRADED:
        notes = "; ".join(_note(note) for note in d.get("notes", ()))
        extra = f" ({notes})" if notes else ""
        backups = list(d.get("backups", ()))
        kept = (f"the file as it was before is kept at {backups[0]}" if len(backups) == 1
                else "the files as they were before are kept at " + ", ".join(backups))
        return f"Your progress file {d['path']} was upgraded from schema {d['from']} to {d['to']}{extra}; {kept}."
    if kind == kinds.LOG_UNREADABLE:
        return (f"Your {_log(notice)} {d['path']} could not be read or repaired ({d['reason']}); progress is open "
                "read-only so nothing in it is overwritten.")
    if kind == kinds.LOG_LINES_SKIPPED:
        return (f"{_count(d['count'], 'line', 'lines')} of your {_log(notice)} in {d['path']} could not be read; "
                "they are skipped for now and the file is left as it is. It will be set aside the next time "
                "oslearn opens the progress for writing.")
    if kind == kinds.LOG_LINES_SET_ASIDE:
        return (f"{_count(d['count'], 'line', 'lines')} of your {_log(notice)} could not be read. The whole file was "
                f"copied unchanged to {d['backup']}; the {_count(d['kept'], 'readable record was', 'readable records were')} "
                f"kept in {d['path']}.")
    if kind == kinds.CANNOT_SAVE:
        return f"Progress cannot be saved: {d['error']}. You can read lessons and take quizzes; nothing is stored."
    if kind in (kinds.ANSWERS_UNREADABLE, kinds.REVIEWS_UNREADABLE, kinds.REVIEWS_WITHOUT_ANSWER,
                kinds.SCHEDULES_LOST):
        clause = _note(notice)
        return clause[0].upper() + clause[1:] + "."
    return f"{kind}: {d}"


def read_only_text(store) -> str:
    """Why ``store`` (an ``oslearn.progress.ProgressStore``) does not save, in words; ``""``
    when it does."""
    reason = getattr(store, "read_only_reason", None)
    if not store.read_only:
        return ""
    return notice_text(reason) if reason is not None else notice_text(Notice(kinds.OPENED_READ_ONLY))


__all__ = ["LOG_WORDS", "notice_text", "read_only_text"]
