"""The question-type registry: one module per type, looked up by the ``type:`` of a question.

Each module of this package (``single``, ``multiple``, ``true_false``, ``typed``,
``matching``, ``ordering``, ``command``) defines ``TYPE``, an instance of a
``oslearn.lessons.questions.base.QuestionType`` subclass that owns the type's schema check,
presentation, hint, grading, answer wording and spaced-repetition rating. The loader, the
quiz session, grading and the review scheduler look a type up here (``get``) instead of
branching on its name. Adding a type is one module here (listed in ``NAMES``) and one answer
widget in ``oslearn.tui.widgets.answers``.
"""

from __future__ import annotations

import importlib

from oslearn.lessons.questions.base import QuestionType

#: Every question type, in the order lists and statistics show them. A type's name is the
#: name of its module.
NAMES: tuple[str, ...] = ("single", "multiple", "true_false", "typed", "matching", "ordering", "command")

_TYPES: dict[str, QuestionType] = {}


def _load() -> dict[str, QuestionType]:
    if not _TYPES:
        for name in NAMES:
            kind = importlib.import_module(f"{__name__}.{name}").TYPE
            kind.name = name
            _TYPES[name] = kind
    return _TYPES


def get(name: str) -> QuestionType:
    """Return the question type called ``name``.

    Raises:
        ValueError: ``name`` is not a registered type (the loader rejects such questions,
            so this means a ``Question`` was built in memory with a wrong type).
    """
    kind = _load().get(name) if isinstance(name, str) else None
    if kind is None:
        raise ValueError(f"unknown question type {name!r}")
    return kind


def known(name: object) -> bool:
    """Return whether ``name`` is a registered question type."""
    return isinstance(name, str) and name in _load()


def all_types() -> dict[str, QuestionType]:
    """Return every registered type by name, in ``NAMES`` order."""
    return dict(_load())


def extra_keys() -> frozenset[str]:
    """Return the question keys some type accepts beyond the common ones."""
    return frozenset().union(*(kind.keys for kind in _load().values()))


def answer_docs() -> dict[str, str]:
    """Return what ``answer`` holds for each type, by type name (``QUESTION_TYPES``)."""
    return {name: kind.answer_doc for name, kind in _load().items()}
