"""The first seed's mastery rules, checked against values computed by hand."""

from __future__ import annotations

import pytest

from interview_coach.engine.mastery import (
    DAY,
    ConceptRecord,
    SubtopicState,
    TopicMastery,
    derive_legacy,
    update_concept,
    update_concepts,
    update_subtopic,
    update_topic,
)


def test_first_answer_sets_the_averages():
    """The first answer of a topic sets each EMA to its value and mastery = 0.7·s + 0.3·k."""
    state = update_topic(TopicMastery(), semantic=0.8, keyword=0.5, response_time=40.0)
    assert state.semantic_avg == pytest.approx(0.8)
    assert state.keyword_avg == pytest.approx(0.5)
    assert state.avg_response_time == pytest.approx(40.0)
    assert state.mastery_level == pytest.approx(0.71)  # 0.56 + 0.15
    assert state.last_mastery == 0.0 and state.mastery_velocity == pytest.approx(0.71)
    assert state.questions_attempted == 1 and state.correct_count == 0  # 0.5 is not > 0.6


def test_second_answer_blends_with_alpha_0_3():
    """EMA with α = 0.3: 0.3·new + 0.7·old, and velocity = new mastery − last mastery."""
    state = update_topic(TopicMastery(), 0.8, 0.5, 40.0)
    state = update_topic(state, 0.4, 1.0, 20.0)
    assert state.semantic_avg == pytest.approx(0.3 * 0.4 + 0.7 * 0.8)  # 0.68
    assert state.keyword_avg == pytest.approx(0.3 * 1.0 + 0.7 * 0.5)  # 0.65
    assert state.avg_response_time == pytest.approx(0.3 * 20 + 0.7 * 40)  # 34
    assert state.mastery_level == pytest.approx(0.7 * 0.68 + 0.3 * 0.65)  # 0.671
    assert state.last_mastery == pytest.approx(0.71)
    assert state.mastery_velocity == pytest.approx(0.671 - 0.71)
    assert state.correct_count == 1  # keyword 1.0 > 0.6


def test_three_good_answers_make_it_harder_and_reset_counters():
    """Combined > 0.7 three times in a row: medium → hard, counters back to 0."""
    state = TopicMastery()
    for expected_good in (1, 2):
        state = update_topic(state, 0.9, 0.9, 10)
        assert state.consecutive_good == expected_good and state.current_difficulty == "medium"
    state = update_topic(state, 0.9, 0.9, 10)
    assert state.current_difficulty == "hard"
    assert (state.consecutive_good, state.consecutive_poor) == (0, 0)


def test_two_poor_answers_make_it_easier():
    """Combined < 0.4 twice in a row: medium → easy, counters back to 0."""
    state = update_topic(TopicMastery(), 0.2, 0.1, 10)
    assert state.consecutive_poor == 1
    state = update_topic(state, 0.3, 0.0, 10)
    assert state.current_difficulty == "easy" and state.consecutive_poor == 0


def test_middling_answer_breaks_a_streak():
    """A combined score between 0.4 and 0.7 ends both streaks."""
    state = update_topic(TopicMastery(), 0.9, 0.9, 10)
    state = update_topic(state, 0.9, 0.9, 10)
    state = update_topic(state, 0.6, 0.5, 10)  # 0.57
    assert (state.consecutive_good, state.consecutive_poor) == (0, 0)
    assert state.current_difficulty == "medium"


def test_boundaries_are_strict():
    """Exactly 0.7 is not good and exactly 0.4 is not poor (the seed says > 0.7 and < 0.4)."""
    state = update_topic(TopicMastery(), 0.7, 0.7, 10)
    assert state.consecutive_good == 0
    state = update_topic(TopicMastery(), 0.4, 0.4, 10)
    assert state.consecutive_poor == 0


def test_difficulty_stops_at_the_ends():
    """At hard, more good answers keep the level (and keep counting)."""
    state = TopicMastery(current_difficulty="hard")
    for _ in range(4):
        state = update_topic(state, 1.0, 1.0, 5)
    assert state.current_difficulty == "hard" and state.consecutive_good == 4


def test_concept_hits_misses_score_and_review():
    """A hit then a miss: counts, EMA score with α = 0.4, and review in 1 day then 10 minutes."""
    record = update_concept(ConceptRecord(), hit=True, now=1000.0)
    assert (record.attempts, record.hits, record.misses) == (1, 1, 0)
    assert record.score == 1.0 and record.next_review == 1000.0 + DAY
    record = update_concept(record, hit=False, now=2000.0)
    assert (record.attempts, record.hits, record.misses) == (2, 1, 1)
    assert record.score == pytest.approx(0.6)  # 0.4·0 + 0.6·1
    assert record.next_review == 2000.0 + 600 and record.last_hit is False


def test_review_intervals_grow_with_a_streak():
    """Consecutive hits review after 1 day, 3 days, then 7.5 days."""
    record = ConceptRecord()
    intervals = []
    for t in range(3):
        record = update_concept(record, hit=True, now=0.0)
        intervals.append(record.interval / DAY)
    assert intervals == [1.0, 3.0, 7.5]


def test_stagnation_counts_attempts_without_progress():
    """Repeated misses stagnate; a hit that raises the score resets the count."""
    record = update_concept(ConceptRecord(), hit=False, now=0)
    assert record.stagnation == 0  # a first miss is not yet stagnation
    record = update_concept(record, hit=False, now=1)
    record = update_concept(record, hit=False, now=2)
    assert record.stagnation == 2
    record = update_concept(record, hit=True, now=3)
    assert record.stagnation == 0


def test_legacy_fields_follow_concept_masteries():
    """weak, strong, missing and stagnation lists are derived from the primary record."""
    state = update_concepts({}, ["a", "b", "c"], missing=["b", "c"], now=10)
    state = update_concepts(state.concept_masteries, ["a", "c"], missing=["c"], now=20)
    state = update_concepts(state.concept_masteries, ["a"], missing=[], now=30)
    assert state.strong_concepts == ["a"]
    assert state.weak_concepts == ["b", "c"] or state.weak_concepts == ["c", "b"]
    assert set(state.missing_concepts) == {"b", "c"}
    assert state.concept_stagnation == {"c": 1}
    again = derive_legacy(state.concept_masteries)
    assert again == state


def test_sampled_concept_listed_twice_counts_once():
    """A concept sampled twice by one question is one attempt."""
    state = update_concepts({}, ["a", "a"], missing=[], now=0)
    assert state.concept_masteries["a"]["attempts"] == 1


def test_subtopic_status_lifecycle():
    """not_started → ongoing → mastered (≥3 attempts, ≥0.7) → ongoing when below 0.6."""
    state = SubtopicState()
    state = update_subtopic(state, 0.9)
    assert state.subtopic_status == "ongoing" and state.mastery_level == pytest.approx(0.9)
    state = update_subtopic(state, 0.8)
    assert state.subtopic_status == "ongoing"  # only 2 attempts
    state = update_subtopic(state, 0.8)
    assert state.subtopic_status == "mastered"
    assert state.mastery_level == pytest.approx(0.3 * 0.8 + 0.7 * (0.3 * 0.8 + 0.7 * 0.9))
    state = update_subtopic(state, 0.4)  # 0.3·0.4 + 0.7·0.849 = 0.7143 → still mastered
    assert state.subtopic_status == "mastered"
    state = update_subtopic(state, 0.1)  # 0.03 + 0.5 = 0.53 < 0.6
    assert state.subtopic_status == "ongoing"


def test_mastered_keeps_status_between_0_6_and_0_7():
    """Hysteresis: a mastered subtopic at 0.65 stays mastered."""
    state = SubtopicState(mastery_level=0.72, attempts=5, subtopic_status="mastered")
    state = update_subtopic(state, 0.5)  # 0.15 + 0.504 = 0.654
    assert state.subtopic_status == "mastered"


def test_topic_round_trips_through_a_row():
    """from_row reads a model's fields (None → seed default) and apply_to writes them back."""

    class Row:
        semantic_avg = None
        questions_attempted = 2
        current_difficulty = "hard"

    state = TopicMastery.from_row(Row())
    assert state.semantic_avg == 0.0 and state.questions_attempted == 2
    target = Row()
    update_topic(state, 1, 1, 1).apply_to(target)
    assert target.questions_attempted == 3
