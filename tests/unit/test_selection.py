"""Choosing the next practice question: follow-ups, rotation, difficulty, priorities, no repeats."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from interview_coach.engine.selection import (
    LastAnswer,
    NoQuestionAvailable,
    SelectionContext,
    choose_next,
    concept_priority,
)

NOW = datetime(2026, 6, 1, 12, 0)


@dataclass(frozen=True)
class Q:
    id: str
    topic: str
    subtopic_id: str
    difficulty: str
    key_concepts: tuple[str, ...]


BANK = [
    Q("db.norm.e1", "DBMS", "db.norm", "easy", ("db.norm.1nf", "db.norm.fd")),
    Q("db.norm.m1", "DBMS", "db.norm", "medium", ("db.norm.bcnf", "db.norm.fd")),
    Q("db.norm.m2", "DBMS", "db.norm", "medium", ("db.norm.3nf",)),
    Q("db.idx.m1", "DBMS", "db.idx", "medium", ("db.idx.btree",)),
    Q("db.norm.h1", "DBMS", "db.norm", "hard", ("db.norm.bcnf", "db.norm.3nf")),
    Q("os.sched.m1", "OS", "os.sched", "medium", ("os.sched.rr",)),
    Q("os.sched.e1", "OS", "os.sched", "easy", ("os.sched.fifo",)),
]


def ctx(**overrides) -> SelectionContext:
    base = dict(topics=["DBMS"], difficulty={"DBMS": "medium", "OS": "medium"}, mastery={}, concepts={},
                asked_at={}, session_topics=[], now=NOW, last=None)
    base.update(overrides)
    return SelectionContext(**base)


def seen(score, attempts=3, next_review=None, stagnation=0):
    return {"attempts": attempts, "score": score, "next_review": next_review or (NOW + timedelta(days=5)).timestamp(),
            "stagnation": stagnation, "last_hit": score > 0.5}


def test_serves_the_topics_current_difficulty():
    """A topic at 'hard' gets its hard question."""
    choice = choose_next(BANK, ctx(difficulty={"DBMS": "hard"}), random.Random(1))
    assert choice.question_id == "db.norm.h1" and choice.difficulty == "hard"


def test_prefers_never_seen_concepts_over_strong_ones():
    """Among medium DBMS questions, the one whose concept is new beats well-known ones."""
    concepts = {"db.norm.bcnf": seen(0.95), "db.norm.fd": seen(0.9), "db.idx.btree": seen(0.9)}
    choice = choose_next(BANK, ctx(concepts=concepts), random.Random(1))
    assert choice.question_id == "db.norm.m2" and choice.reason == "new"


def test_prefers_weak_concepts_when_all_were_seen():
    """When every concept was seen, the weakest one is targeted."""
    concepts = {"db.norm.bcnf": seen(0.9), "db.norm.fd": seen(0.9), "db.norm.3nf": seen(0.2),
                "db.idx.btree": seen(0.8)}
    choice = choose_next(BANK, ctx(concepts=concepts), random.Random(1))
    assert choice.question_id == "db.norm.m2" and choice.reason == "weak"


def test_no_repeat_within_14_days():
    """Questions asked 3 days ago are skipped; 15 days ago may come back."""
    asked = {"db.norm.m1": NOW - timedelta(days=3), "db.norm.m2": NOW - timedelta(days=3),
             "db.idx.m1": NOW - timedelta(days=15)}
    choice = choose_next(BANK, ctx(asked_at=asked), random.Random(1))
    assert choice.question_id == "db.idx.m1"


def test_falls_back_to_nearest_level_then_review():
    """With every medium question used, an easier one comes next; with all used, a due review."""
    recent = NOW - timedelta(days=1)
    asked = {q.id: recent for q in BANK if q.difficulty == "medium"}
    assert choose_next(BANK, ctx(asked_at=asked), random.Random(1)).question_id == "db.norm.e1"
    asked = {q.id: recent for q in BANK}
    due = {"db.idx.btree": seen(0.7, next_review=(NOW - timedelta(hours=1)).timestamp())}
    choice = choose_next(BANK, ctx(asked_at=asked, concepts=due), random.Random(1))
    assert choice.question_id == "db.idx.m1" and choice.reason == "review"
    with pytest.raises(NoQuestionAvailable):
        choose_next(BANK, ctx(asked_at=asked), random.Random(1))


def test_follow_up_targets_a_missed_concept_in_the_same_subtopic():
    """After missing BCNF, the next question covers BCNF at the current level or easier."""
    last = LastAnswer("db.norm.e1", "DBMS", "db.norm", ("db.norm.bcnf",))
    choice = choose_next(BANK, ctx(last=last, asked_at={"db.norm.e1": NOW}), random.Random(1))
    assert choice.reason == "follow_up" and choice.question_id == "db.norm.m1"
    assert choice.target_concepts[0] == "db.norm.bcnf"


def test_no_follow_up_after_a_follow_up():
    """Two follow-ups in a row are not served."""
    last = LastAnswer("db.norm.m1", "DBMS", "db.norm", ("db.norm.3nf",), was_follow_up=True)
    choice = choose_next(BANK, ctx(last=last, asked_at={"db.norm.m1": NOW}), random.Random(1))
    assert choice.reason != "follow_up"


def test_rotates_topics_in_a_multi_topic_session():
    """After a DBMS question, OS comes next; a topic never asked comes before asked ones."""
    choice = choose_next(BANK, ctx(topics=["DBMS", "OS"], session_topics=["DBMS"]), random.Random(1))
    assert choice.topic == "OS"
    choice = choose_next(BANK, ctx(topics=["DBMS", "OS"], session_topics=["DBMS", "OS"]), random.Random(1))
    assert choice.topic == "DBMS"


def test_first_topic_is_the_weakest():
    """Before anything is asked, the topic with the lower mastery comes first."""
    choice = choose_next(BANK, ctx(topics=["DBMS", "OS"], mastery={"DBMS": 0.8, "OS": 0.3}), random.Random(1))
    assert choice.topic == "OS"


def test_concept_priority_order():
    """new > weak > due for review > practised; stagnation raises priority."""
    now = NOW.timestamp()
    new = concept_priority(None, now)[0]
    weak = concept_priority(seen(0.3), now)[0]
    due = concept_priority(seen(0.7, next_review=now - 1), now)[0]
    fine = concept_priority(seen(0.7), now)[0]
    assert new > weak > due > fine
    assert concept_priority(seen(0.7, stagnation=2), now)[0] > fine
