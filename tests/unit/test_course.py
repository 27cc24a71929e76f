"""The course layer: the rules the CLI and the app share."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from oslearn.progress.course import Course

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def test_completion_counts_only_steps_in_the_content(store, curriculum):
    lesson = curriculum.lessons[0]
    first, *rest = [item.id for item in lesson.checklist]
    store.set_done(lesson.id, first, True)
    store.set_done(lesson.id, "a-step-that-left-the-content", True)
    store.set_done("a-lesson-that-left", "x", True)
    question = curriculum.questions[0]
    store.record_attempt(question.id, True, "x")
    store.record_attempt("a-question-that-left", True, "x")
    course = Course(curriculum, store)
    completion = course.completion()
    assert list(completion.lessons) == [lesson.id for lesson in curriculum.lessons]
    mine = completion.lessons[lesson.id]
    assert (mine.done, mine.total, mine.started, mine.complete) == (1, 1 + len(rest), True, not rest)
    assert course.lesson_completion(lesson) == mine
    assert completion.done == 1 and completion.total == sum(len(le.checklist) for le in curriculum.lessons)
    assert (completion.right, completion.questions) == (1, len(curriculum.questions))
    assert course.has_lesson("a-lesson-that-left") and not course.has_lesson("never-heard-of")


def test_continue_place_and_where_a_lesson_opens(store, curriculum):
    course = Course(curriculum, store)
    assert course.continue_place() is None
    lesson, other = curriculum.lessons[0], curriculum.lessons[1]
    section = lesson.sections[-1]
    store.set_position(lesson.id, section.id)
    place = course.continue_place()
    assert (place.lesson, place.section_id, place.index, place.count) == (
        lesson, section.id, len(lesson.sections) - 1, len(lesson.sections))
    assert place.section_title == section.title
    assert course.open_place(lesson.id) == place
    assert (course.open_place(other.id).lesson, course.open_place(other.id).section_id) == (other, "")
    assert course.open_place("no-such-lesson") is None
    store.set_position("a-lesson-that-left", "x")
    assert course.continue_place() is None


def test_an_answer_is_recorded_once_and_due_reviews_follow(store, curriculum):
    course = Course(curriculum, store)
    question, other = curriculum.questions[:2]
    reviewed = course.record_answer(question, False, "wrong", 5.0, at=T0)
    course.record_answer(other, True, "right", 20.0, at=T0)
    assert [(a["question"], a["answer"]) for a in store.attempts()] == [(question.id, "wrong"), (other.id, "right")]
    later = T0 + timedelta(minutes=11)
    plan = course.due_plan(now=later)
    assert [q.id for q in plan.questions] == [question.id] and plan.mode == "review" and not plan.shuffle
    assert plan.title == "Due reviews (1)"
    due = course.due_reviews(now=later)
    assert due.count == 1 and due.next_due == course.reviews.card(other.id).due
    assert course.due_reviews(now=T0).next_due == reviewed.card.due
    # A question that left the content is never offered, though its card is kept.
    store.record_attempt("gone", False, "x", at=T0, review=store.attempts()[0]["review"])
    assert [q.id for q in course.due_plan(now=later).questions] == [question.id]


def test_a_quiz_without_answers_stores_no_score(store, curriculum):
    from oslearn.lessons.session import QuizPlan, QuizSession

    course = Course(curriculum, store)
    session = QuizSession(QuizPlan("All", tuple(curriculum.questions[:2])))
    assert course.record_quiz(session.result()) is False
    assert course.reviews.history() == []


def test_question_place_points_at_the_section(store, curriculum):
    course = Course(curriculum, store)
    question = next(q for q in curriculum.questions if q.lesson and q.section)
    place = course.question_place(question)
    assert place.lesson.id == question.lesson
    assert place.lesson.sections[place.index].id == question.section
