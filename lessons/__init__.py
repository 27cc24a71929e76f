"""The oslearn curriculum: lesson and quiz content, the model, the loader and quiz grading.

This package never imports Textual (a test enforces it), so the CLI and scripts can use it
cheaply.
"""

from oslearn.lessons.loader import ContentError, check_paths, load_curriculum
from oslearn.lessons.model import (
    SEED_DATES,
    ChecklistItem,
    Curriculum,
    Lesson,
    Question,
    QuizBank,
    Resource,
    Section,
    SourceRef,
    citation,
)
from oslearn.lessons.questions import answer_docs

#: What a question's ``answer`` holds, by question type (from the registry,
#: ``oslearn.lessons.questions``).
QUESTION_TYPES: dict[str, str] = answer_docs()

__all__ = [
    "QUESTION_TYPES", "SEED_DATES", "ChecklistItem", "ContentError", "Curriculum", "Lesson",
    "Question", "QuizBank", "Resource", "Section", "SourceRef", "check_paths", "citation", "load_curriculum",
]
