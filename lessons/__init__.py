"""The oslearn curriculum: lesson and quiz content, the model, the loader and quiz grading.

This package never imports Textual (a test enforces it), so the CLI and scripts can use it
cheaply.
"""

from oslearn.lessons.loader import ContentError, check_paths, load_curriculum
from oslearn.lessons.model import (
    QUESTION_TYPES,
    SEED_DATES,
    ChecklistItem,
    Curriculum,
    Lesson,
    Question,
    QuizBank,
    Resource,
    Section,
    SourceRef,
)

__all__ = [
    "QUESTION_TYPES", "SEED_DATES", "ChecklistItem", "ContentError", "Curriculum", "Lesson",
    "Question", "QuizBank", "Resource", "Section", "SourceRef", "check_paths", "load_curriculum",
]
