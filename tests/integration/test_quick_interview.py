"""The quick interview through the service: question choice, scoring, completion, refusals, races."""

from __future__ import annotations

from datetime import timedelta

import pytest

from interview_coach.content import load_content
from interview_coach.errors import Conflict, Invalid, NotFound
from interview_coach.extensions import db
from interview_coach.models import InterviewSession, UserMastery, utcnow
from interview_coach.services import quick_interview as quick
from testkit import run_together

STAR = ("Last spring I was the backend engineer on a checkout redesign at Acme, and my API depended on "
        "Priya's payment service. My task was to ship before Black Friday, six weeks away. Two weeks in I "
        "noticed her pull requests had stalled for four days. I asked her for a coffee and found she was "
        "blocked on a vendor sandbox account. I filed the vendor ticket myself, I paired with her for two "
        "afternoons and I kept our product manager informed without blaming anyone. As a result we shipped "
        "three days early and checkout errors dropped from 2.1% to 0.4%. I learned to ask about blockers "
        "early; since then I run a short dependency check-in every Monday.")
WEAK = "It went fine I think, we did the work."


def _reference(item: dict) -> str:
    return load_content().question(item["ref"]).reference_answer


def _answer_all(user, interview, text_for):
    outcome = None
    for index in range(len(interview.questions)):
        item = quick.get(user, interview.id).questions[index]
        outcome = quick.answer(user, interview.id, index, text_for(item))
    return outcome


def test_technical_interview_spreads_topics_and_uses_current_difficulty(ctx, make_user):
    """Ten technical questions cover both chosen topics evenly, at each topic's difficulty."""
    user = make_user()
    db.session.add(UserMastery(user_id=user, topic="OS", current_difficulty="hard"))
    db.session.commit()
    interview = quick.start(user, "technical", 10, ["OS", "DBMS"])
    items = interview.questions
    assert len(items) == 10 and len({q["ref"] for q in items}) == 10
    assert sum(q["topic"] == "OS" for q in items) == 5 and sum(q["topic"] == "DBMS" for q in items) == 5
    assert {q["difficulty"] for q in items if q["topic"] == "OS"} == {"hard"}
    assert {q["difficulty"] for q in items if q["topic"] == "DBMS"} == {"medium"}
    assert all(q["answer"] is None and q["score"] is None and q["feedback"] is None for q in items)
    assert items[0]["asked_at"] and all(q["asked_at"] is None for q in items[1:])


def test_questions_are_not_repeated_within_14_days(ctx, make_user):
    """A second interview on the same topic avoids the first interview's questions."""
    user = make_user()
    first = quick.start(user, "technical", 5, ["OOP"])
    _answer_all(user, first, _reference)
    second = quick.start(user, "technical", 5, ["OOP"])
    assert not {q["ref"] for q in first.questions} & {q["ref"] for q in second.questions}


def test_behavioural_interview_asks_one_question_per_competency(ctx, make_user):
    """A behavioural interview draws each question from a different competency."""
    user = make_user()
    interview = quick.start(user, "behavioural", 10)
    competencies = [q["competency"] for q in interview.questions]
    assert len(set(competencies)) == 10 and all(q["kind"] == "behavioural" for q in interview.questions)
    narrow = quick.start(user, "behavioural", 5, ["teamwork", "Leadership"])
    assert {q["competency"] for q in narrow.questions} == {"Teamwork", "Leadership"}


def test_full_technical_interview_is_scored_and_completed(ctx, make_user):
    """Answering every question well completes the interview with a high score, feedback and duration."""
    user = make_user()
    interview = quick.start(user, "technical", 5, ["Data Structures"])
    outcome = _answer_all(user, interview, _reference)
    assert outcome.completed
    done = quick.get(user, interview.id)
    scores = [q["score"] for q in done.questions]
    assert done.score == pytest.approx(sum(scores) / 5) and done.score > 0.7
    assert done.completed_at is not None and done.duration is not None and done.duration >= 0
    assert done.speech_metrics is None
    assert "## Verdict: " in done.feedback and "**Best answer:** question" in done.feedback
    assert all(q["feedback"] and q["answered_at"] and q["details"]["model_answer"] for q in done.questions)


def test_weak_technical_answers_get_a_low_score_and_next_steps(ctx, make_user):
    """Poor answers give a low score, a 'Needs work' verdict and steps naming the topic."""
    user = make_user()
    interview = quick.start(user, "technical", 5, ["Computer Networks"])
    _answer_all(user, interview, lambda item: "I am not sure, something about computers maybe.")
    done = quick.get(user, interview.id)
    assert done.score < 0.4 and "Needs work" in done.feedback
    assert "Practise **Computer Networks**" in done.feedback


def test_behavioural_answers_are_scored_by_the_star_rubric(ctx, make_user):
    """A full STAR story outscores a one-liner; four identical one-liners never get the same advice sentence twice."""
    user = make_user()
    interview = quick.start(user, "behavioural", 5)
    for index in range(5):
        quick.answer(user, interview.id, index, STAR if index == 2 else WEAK)
    done = quick.get(user, interview.id)
    scores = [q["score"] for q in done.questions]
    assert scores[2] == max(scores) and scores[2] > scores[0] + 0.4
    assert "**Best answer:** question 3" in done.feedback
    advice = [s for q in done.questions for s in q["details"]["advice"]]
    assert len(advice) == len(set(advice)), "an advice sentence repeats across the interview's questions"
    assert all(q["feedback"] for q in done.questions)
    findings = {f["component"] for f in done.questions[2]["details"]["findings"]}
    assert {"situation", "task", "action", "result", "ownership"} <= findings


def test_refusals_store_nothing(ctx, make_user):
    """Empty, over-long, out-of-range, out-of-order, repeated and foreign answers are refused."""
    user, other = make_user(), make_user()
    interview = quick.start(user, "technical", 5, ["OS"])
    with pytest.raises(Invalid):
        quick.answer(user, interview.id, 0, "   ")
    with pytest.raises(Invalid):
        quick.answer(user, interview.id, 0, "x" * (quick.MAX_ANSWER_CHARS + 1))
    with pytest.raises(Invalid):
        quick.answer(user, interview.id, 5, "an answer")
    with pytest.raises(Conflict) as out_of_order:
        quick.answer(user, interview.id, 1, "an answer")
    assert out_of_order.value.code == "out_of_order"
    with pytest.raises(NotFound):
        quick.answer(other, interview.id, 0, "mine now")
    with pytest.raises(NotFound):
        quick.get(other, interview.id)
    quick.answer(user, interview.id, 0, "A process is a program in execution with its own address space.")
    with pytest.raises(Conflict) as again:
        quick.answer(user, interview.id, 0, "A different answer")
    assert again.value.code == "already_answered"
    stored = quick.get(user, interview.id).questions
    assert stored[0]["answer"].startswith("A process") and stored[1]["answer"] is None


def test_answer_after_completion_is_refused(ctx, make_user):
    """Once the last answer is in, the interview refuses further answers."""
    user = make_user()
    interview = quick.start(user, "technical", 5, ["OOP"])
    _answer_all(user, interview, _reference)
    with pytest.raises(Conflict) as exc:
        quick.answer(user, interview.id, 4, "one more")
    assert exc.value.code == "interview_completed"


def test_invalid_start_choices(ctx, make_user):
    """Unknown kinds, lengths, topics and competencies are refused with the field named."""
    user = make_user()
    for kind, length, topics, field in [("chat", 5, None, "kind"), ("technical", 7, None, "length"),
                                        ("technical", 5, ["Astrology"], "topics"),
                                        ("behavioural", 5, ["juggling"], "topics")]:
        with pytest.raises(Invalid) as exc:
            quick.start(user, kind, length, topics)
        assert field in exc.value.reasons


def test_list_hides_unasked_questions_and_delete_is_scoped(ctx, make_user):
    """Lists are per user, newest first; as_dict shows only questions already asked; delete is scoped."""
    user, other = make_user(), make_user()
    older = quick.start(user, "technical", 5)
    older.created_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    newer = quick.start(user, "behavioural", 5)
    quick.start(other, "technical", 5)
    assert [i.id for i in quick.list_recent(user)] == [newer.id, older.id]
    view = quick.as_dict(newer)
    assert view["length"] == 5 and len(view["questions"]) == 1 and view["next_index"] == 0
    with pytest.raises(NotFound):
        quick.delete_interview(other, newer.id)
    quick.delete_interview(user, newer.id)
    assert db.session.get(InterviewSession, newer.id) is None


def test_racing_answers_store_exactly_one(app, make_user):
    """Two requests answering the same question at once: one is stored, the other gets Conflict."""
    user = make_user()
    with app.app_context():
        interview_id = quick.start(user, "technical", 5, ["Algorithms"]).id
    calls = [lambda i=i: quick.answer(user, interview_id, 0, f"Binary search halves the range, try {i}")
             for i in range(2)]
    assert sorted(run_together(app, calls, expected=(Conflict,))) == ["Conflict", "ok"]
    with app.app_context():
        items = quick.get(user, interview_id).questions
        assert items[0]["answer"].startswith("Binary search") and items[1]["answer"] is None
        assert items[1]["asked_at"] is not None


def test_racing_last_answers_complete_once(app, make_user):
    """Two racing answers to the last question complete the interview once with one stored answer."""
    user = make_user()
    with app.app_context():
        interview = quick.start(user, "behavioural", 5)
        for index in range(4):
            quick.answer(user, interview.id, index, STAR)
        interview_id = interview.id
    calls = [lambda i=i: quick.answer(user, interview_id, 4, STAR + f" Version {i}.") for i in range(2)]
    assert sorted(run_together(app, calls, expected=(Conflict,))) == ["Conflict", "ok"]
    with app.app_context():
        done = quick.get(user, interview_id)
        assert done.completed_at is not None and done.score is not None
        assert done.questions[4]["answer"].startswith("Last spring")


CONTRAST = ("When I joined an insurance company's claims team I knew nothing about claims handling. I gave myself two "
            "days to learn the basics from the handbook and two calls with a senior handler, rather than trying to read "
            "everything first. On day three I built a rough prototype of the triage screen and showed it to the "
            "handlers. The third version went into a pilot with six handlers a month later.")
LABELLED = ("Situation: our reporting service timed out every Monday morning when the weekly export ran.\n"
            "Task: I had to make the Monday reports load in under five seconds.\nAction: I profiled the export, "
            "moved it to a nightly job and added an index on the report table.\nResult: Monday load times fell from "
            "40 seconds to 3.")
NO_EXAMPLE = "I do not really have an example. I think I just deal with things as they come."


def test_quick_behavioural_feedback_reads_labels_contrast_and_missing_stories(ctx, make_user):
    """The issue's quick interview: a "Situation:" opening is credited, "rather than reading everything first" is no
    red flag anywhere, "I do not really have an example" earns no ownership praise, and no advice repeats."""
    user = make_user()
    interview = quick.start(user, "behavioural", 5, ["ambiguity"])
    texts = {}
    # The labelled story goes to the first question that is not the contrast one (questions come in random order).
    labelled_at = next(i for i, item in enumerate(interview.questions) if item["ref"] != "behavioural.ambiguity.am5")
    for index, item in enumerate(interview.questions):
        text = CONTRAST if item["ref"] == "behavioural.ambiguity.am5" else LABELLED if index == labelled_at else NO_EXAMPLE
        texts[index] = text
        quick.answer(user, interview.id, index, text)
    done = quick.get(user, interview.id)
    by_text = {t: [q for i, q in enumerate(done.questions) if texts[i] == t] for t in (CONTRAST, LABELLED, NO_EXAMPLE)}
    contrast = by_text[CONTRAST][0]
    assert contrast["details"]["red_flags"] == [] and "red flag" not in contrast["feedback"]
    assert "red flag" not in done.feedback and "reading" not in done.feedback
    labelled = by_text[LABELLED][0]
    assert labelled["details"]["star"]["situation"]["present"]
    assert "situation" not in labelled["feedback"].lower() and "when and where" not in labelled["feedback"]
    for q in by_text[NO_EXAMPLE]:
        assert not q["details"]["story"] and q["score"] <= 0.15
        assert "owned" not in q["feedback"].lower() and q["details"]["strengths"] == []
    assert "gave no example" in done.feedback
    advice = [s for q in done.questions for s in q["details"]["advice"]]
    assert len(advice) == len(set(advice))
