"""The loader gives typed, frozen objects with stable ids and the lookups the app needs."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from interview_coach.content import Difficulty, UnknownContent, clear_cache, load_content
from interview_coach.errors import NotFound

FIXTURES = Path(__file__).parent / "fixtures"


def test_ids_are_built_from_slugs(fixture_bank):
    """Full ids: topic.subtopic.concept / topic.subtopic.question / behavioural.x.y / skill.x / debug.lang.x."""
    assert [t.id for t in fixture_bank.topics] == ["dbms"]
    assert fixture_bank.concept("dbms.normalization.bcnf").name == "BCNF"
    question = fixture_bank.question("dbms.normalization.e1")
    assert question.key_concepts == ("dbms.normalization.bcnf", "dbms.normalization.functional-dependency")
    assert fixture_bank.behavioural_question("behavioural.teamwork.tw1").competency == "teamwork"
    assert fixture_bank.skill("skill.python").name == "Python"
    assert fixture_bank.challenge("debug.python.off-by-one-sum").language == "python"


def test_lookups_by_name_and_id(fixture_bank):
    """Topics and subtopics are found by the names the database stores or by their ids."""
    assert fixture_bank.topic("DBMS") is fixture_bank.topic("dbms")
    sub = fixture_bank.subtopic("DBMS", "normalization")
    assert sub is fixture_bank.subtopic("dbms.normalization") is fixture_bank.subtopic("dbms", "Normalization")
    assert fixture_bank.subtopics("DBMS") == (sub,)
    easy = fixture_bank.questions_for("DBMS", "Normalization", "easy")
    assert [q.id for q in easy] == ["dbms.normalization.e1"]
    assert [q.id for q in fixture_bank.questions_for(difficulty=Difficulty.MEDIUM)] == ["dbms.normalization.m1"]
    assert [c.slug for c in fixture_bank.concepts_of("dbms.normalization.m1")] == ["functional-dependency", "bcnf"]
    assert [q.slug for q in fixture_bank.behavioural("teamwork")] == ["tw1"]
    assert [c.slug for c in fixture_bank.debugging("python", "easy")] == ["off-by-one-sum"]
    assert fixture_bank.debugging("java") == ()


def test_unknown_ids_raise_not_found(fixture_bank):
    """An unknown id is a NotFound (a 404 in the web layer) that is also a KeyError."""
    with pytest.raises(UnknownContent) as info:
        fixture_bank.question("dbms.normalization.e9")
    assert isinstance(info.value, NotFound) and isinstance(info.value, KeyError)
    assert str(info.value) == "no question 'dbms.normalization.e9'"
    with pytest.raises(UnknownContent):
        fixture_bank.subtopic("DBMS", "Sharding")


def test_objects_are_frozen(fixture_bank):
    """Content objects are shared between threads, so nobody may change them."""
    question = fixture_bank.question("dbms.normalization.e1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        question.hint = "changed"  # type: ignore[misc]
    assert isinstance(question.follow_ups, tuple)


def test_skill_index_is_lower_cased(fixture_bank):
    """The alias index maps every lower-cased name/alias to its skill."""
    assert fixture_bank.skill_index["postgres"].slug == "postgresql"
    assert fixture_bank.skill_index["golang"].slug == "go"


def test_bank_is_loaded_once_per_process_even_under_concurrency():
    """Concurrent first calls all get the same bank object (one load, thread-safe)."""
    clear_cache()
    results = []
    threads = [threading.Thread(target=lambda: results.append(load_content(FIXTURES / "valid"))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8 and all(r is results[0] for r in results)
    assert load_content(FIXTURES / "valid") is results[0]


def test_real_bank_loads_with_every_topic(bank):
    """The bundled content loads and uses exactly the syllabus topic names the database stores."""
    from interview_coach.content import TOPIC_NAMES

    assert set(bank.topic_names) <= set(TOPIC_NAMES)
    for topic in bank.topics:
        assert len(topic.name) <= 50  # user_mastery.topic is String(50)
        for sub in topic.subtopics:
            assert len(sub.name) <= 100  # question_history.subtopic is String(100)
