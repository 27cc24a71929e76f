"""Several curricula side by side: the built-in one and folders added with ``--lessons``.

Rules (``oslearn --lessons DIR`` and the ``OSLEARN_LESSONS`` setting follow them):

* A curriculum folder is either a content root like the built-in one (``lessons/*.md`` and
  optionally ``quizzes/*.yaml``, read by ``load_curriculum``) or a flat folder of lesson
  ``.md`` files (what ``oslearn import`` writes).
* Its id is ``id`` in a ``curriculum.yaml`` in the folder, else the slug of the folder's
  name; its title is ``title`` there, else the folder's name. The id must be unique among
  the curricula loaded (the built-in one is ``oslearn``); a clash is reported and the later
  folder is left out, since its progress could not be told apart.
* The lessons, quiz banks and questions of an added curriculum enter the app with ids
  prefixed by the curriculum id, ``"<curriculum-id>/<lesson-id>"``, and question
  ``lesson`` links are prefixed the same way. Progress is stored under those ids, so two
  curricula with a lesson ``intro`` each never share a checklist. The built-in curriculum
  keeps plain ids, so progress saved before curricula could be added stays valid. Renaming
  a curriculum (its folder, or its ``id``) therefore detaches its saved progress, just as
  changing a lesson id does.
* ``OSLEARN_LESSONS`` holds folders separated by ``os.pathsep`` (``:`` on Linux and macOS,
  ``;`` on Windows); they load before those given with ``--lessons``. A folder given twice
  loads once.

Nothing here imports Textual.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Mapping

import yaml

from oslearn.lessons.cache import LessonCache
from oslearn.lessons.loader import (
    MAX_FILE_BYTES,
    ContentError,
    builtin_content,
    load_curriculum,
    load_files,
    parse_lesson,
)
from oslearn.lessons.model import Curriculum, CurriculumPart
from oslearn.lessons.text import (
    ID_PATTERN, TextProblem, describe_character, find_control_characters, remove_control_characters, read_text,
    slugify,
)

#: The environment variable listing extra curriculum folders (``os.pathsep``-separated).
ENV_VAR = "OSLEARN_LESSONS"
#: Id and title of the built-in curriculum.
BUILTIN_ID = "oslearn"
BUILTIN_TITLE = "Operating systems for Python web deployments"
#: The optional file in a curriculum folder that names it.
MANIFEST = "curriculum.yaml"
#: Between a curriculum id and a lesson, bank or question id.
SEPARATOR = "/"

_CURRICULUM_ID = ID_PATTERN


def namespaced(curriculum_id: str, local_id: str) -> str:
    """Return the app-wide id of ``local_id`` in curriculum ``curriculum_id``
    (``"web/intro"``; the built-in curriculum's ids stay as they are)."""
    return local_id if curriculum_id == BUILTIN_ID else f"{curriculum_id}{SEPARATOR}{local_id}"


def split_id(app_id: str) -> tuple[str, str]:
    """Return ``(curriculum_id, local_id)`` of an app-wide id (``BUILTIN_ID`` for plain ids)."""
    curriculum_id, separator, local_id = app_id.partition(SEPARATOR)
    return (curriculum_id, local_id) if separator else (BUILTIN_ID, app_id)


def lesson_dirs(cli_paths: Iterable[Path | str] = (), environ: Mapping[str, str] | None = None) -> list[Path]:
    """Return the extra curriculum folders to load: ``OSLEARN_LESSONS`` first, then
    ``cli_paths`` (from ``--lessons``), duplicates (same resolved folder) dropped.

    Args:
        cli_paths: folders given on the command line, in order.
        environ: the environment (default ``os.environ``).
    Returns:
        the folders as ``Path`` objects, as given (not resolved), in load order.
    """
    environ = os.environ if environ is None else environ
    raw = [part for part in environ.get(ENV_VAR, "").split(os.pathsep) if part.strip()]
    seen: set[str] = set()
    out: list[Path] = []
    for item in [*raw, *cli_paths]:
        path = Path(item).expanduser()
        try:
            key = str(path.resolve())
        except OSError:
            key = str(path)
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def read_manifest(folder: Path, problems: list[ContentError]) -> tuple[str, str] | None:
    """Return ``(id, title)`` of the curriculum in ``folder``.

    From ``curriculum.yaml`` (keys ``id`` and ``title``, both optional) when the folder has
    one, else from the folder's name. Records a problem and returns ``None`` when the file
    is broken or no valid id can be made.
    """
    manifest = folder / MANIFEST
    name = folder.resolve().name or str(folder)
    data: dict = {}
    if manifest.is_file():
        try:
            text = read_text(manifest, MAX_FILE_BYTES)
            for line, character in find_control_characters(text):
                problems.append(ContentError(str(manifest), line, "", f"control character "
                                             f"{describe_character(character)}", "remove it"))
            loaded = yaml.safe_load(remove_control_characters(text))
        except (OSError, TextProblem, yaml.YAMLError) as error:
            mark = getattr(error, "problem_mark", None)
            problems.append(ContentError(str(manifest), mark.line + 1 if mark else 0, "",
                                         f"cannot be read as YAML ({str(error).splitlines()[0]})",
                                         "write `id: my-curriculum` and `title: ...` lines"))
            return None
        if loaded is not None and not isinstance(loaded, dict):
            problems.append(ContentError(str(manifest), 1, "", "must be a mapping of keys to values",
                                         "write `id: my-curriculum` and `title: ...` lines"))
            return None
        data = loaded or {}
        for key in data:
            if key not in ("id", "title"):
                problems.append(ContentError(str(manifest), 1, str(key), f"unknown key {key!r}", "use `id` and `title`"))
                return None
    curriculum_id = data.get("id", slugify(name))
    if not isinstance(curriculum_id, str) or not _CURRICULUM_ID.match(curriculum_id):
        where = str(manifest) if "id" in data else str(folder)
        problems.append(ContentError(where, 1 if "id" in data else 0, "id" if "id" in data else "",
                                     f"{curriculum_id!r} is not a valid curriculum id",
                                     "use lowercase letters, digits, '.', '-' and '_' "
                                     f"(set `id:` in {MANIFEST})"))
        return None
    title = data.get("title", name)
    if isinstance(title, str):
        title = remove_control_characters(title)
    if not isinstance(title, str) or not title.strip():
        problems.append(ContentError(str(manifest), 1, "title", "must be non-empty text", "write `title: ...`"))
        return None
    return curriculum_id, title.strip()


def _load_flat(folder: Path, problems: list[ContentError], parse=parse_lesson) -> Curriculum:
    """Load a flat folder of lesson files (no quizzes) with ``load_files``, as a content
    root's ``lessons/`` folder is loaded; ``parse`` reads one file (``parse_lesson``, or a
    ``LessonCache``'s)."""
    lesson_files = [entry for entry in sorted(folder.glob("*.md")) if entry.is_file()]
    return load_files(lesson_files, [], problems=problems, parse=parse)


def load_extra(folder: Path) -> tuple[Curriculum, CurriculumPart | None]:
    """Load one added curriculum folder, ids prefixed with its curriculum id.

    Args:
        folder: a content root (``lessons/``, ``quizzes/``) or a flat folder of ``.md`` files.
    Returns:
        ``(curriculum, part)``; ``part`` is ``None`` (and the curriculum empty but for its
        ``problems``) when the folder is missing, holds no lessons, or cannot be named.
    """
    problems: list[ContentError] = []
    if not folder.exists():
        problems.append(ContentError(str(folder), 0, "", "does not exist",
                                     f"give a folder of lesson files (--lessons DIR or {ENV_VAR})"))
        return Curriculum(problems=problems), None
    if not folder.is_dir():
        problems.append(ContentError(str(folder), 0, "", "is not a folder",
                                     "give the folder that holds the lesson files, not a file"))
        return Curriculum(problems=problems), None
    named = read_manifest(folder, problems)
    if named is None:
        return Curriculum(problems=problems), None
    curriculum_id, title = named
    cache = LessonCache.open(folder)
    if (folder / "lessons").is_dir() or (folder / "quizzes").is_dir():
        loaded = load_curriculum(folder, parse=cache.parse_lesson)
        problems.extend(loaded.problems)
        cache.save()
    elif any(folder.glob("*.md")):
        loaded = _load_flat(folder, problems, cache.parse_lesson)
        cache.save()
    else:
        problems.append(ContentError(str(folder), 0, "", "holds no lessons (no lessons/ folder and no .md files)",
                                     "give a folder of lesson .md files, or run `oslearn import PAGE --out` into it"))
        return Curriculum(problems=problems), None

    def ns(local: str) -> str:
        return namespaced(curriculum_id, local)

    lessons = [replace(lesson, id=ns(lesson.id), checklist=tuple(
                   replace(item, renamed_from=tuple(ns(old) for old in item.renamed_from)) if item.renamed_from
                   else item for item in lesson.checklist)) for lesson in loaded.lessons]
    banks = []
    for bank in loaded.banks:
        questions = [replace(q, id=ns(q.id), bank=ns(bank.id), lesson=ns(q.lesson) if q.lesson else "",
                             renamed_from=tuple(ns(old) for old in q.renamed_from))
                     for q in bank.questions]
        banks.append(replace(bank, id=ns(bank.id), questions=questions))
    part = CurriculumPart(id=curriculum_id, title=title, lesson_ids=tuple(lesson.id for lesson in lessons),
                          root=str(folder))
    return Curriculum(lessons=lessons, banks=banks, problems=problems), part


def load_library(extra: Iterable[Path] = ()) -> Curriculum:
    """Load the built-in curriculum and the added ones into one ``Curriculum``.

    Args:
        extra: added curriculum folders, in display order (see ``lesson_dirs``).
    Returns:
        a ``Curriculum`` whose ``lessons`` are the built-in ones then each added
        curriculum's, ``banks`` likewise, ``problems`` every problem of every folder, and
        ``parts`` one ``CurriculumPart`` per curriculum that loaded (the built-in one first).
        A folder that fails entirely leaves only its problems.
    """
    library = load_curriculum()
    library.parts = [CurriculumPart(id=BUILTIN_ID, title=BUILTIN_TITLE,
                                    lesson_ids=tuple(lesson.id for lesson in library.lessons))]
    roots = {BUILTIN_ID: "the built-in curriculum"}
    for folder in extra:
        loaded, part = load_extra(Path(folder))
        library.problems.extend(loaded.problems)
        if part is None:
            continue
        if part.id in roots:
            library.problems.append(ContentError(
                str(folder), 0, "", f"has the curriculum id {part.id!r}, already used by {roots[part.id]}",
                f"give it an id of its own: a {MANIFEST} with `id: another-id` (progress is kept by that id)"))
            continue
        roots[part.id] = str(folder)
        library.parts.append(part)
        library.lessons.extend(loaded.lessons)
        library.banks.extend(loaded.banks)
    return library


def watch_roots(curriculum: Curriculum) -> list[Path]:
    """Return the folders whose files make up ``curriculum``: the built-in content folder
    (when it is a folder on disk) and each added curriculum's root."""
    roots: list[Path] = []
    builtin = Path(str(builtin_content()))
    if builtin.is_dir():
        roots.append(builtin)
    roots.extend(Path(part.root) for part in curriculum.parts if part.root)
    return roots


#: The files the loader reads, by suffix (lessons, quiz banks, ``curriculum.yaml``).
CONTENT_SUFFIXES = (".md", ".yaml", ".yml")


def is_content_file(path: str | Path) -> bool:
    """Whether a change to ``path`` can change what loads: a ``.md``, ``.yaml`` or ``.yml``
    file whose name does not start with ``.`` (editors' lock and swap files do). Used to
    filter what ``--watch`` reports."""
    name = Path(path).name
    return name.endswith(CONTENT_SUFFIXES) and not name.startswith(".")
