"""The calibrated semantic score: paraphrases high, wrong or off-topic answers low, question demoted."""

from __future__ import annotations

from interview_coach.engine.scoring import semantic

from scoring_cases import MEMORY_CONCEPTS, MEMORY_Q, MEMORY_REF

DEADLOCK_Q = "What is a deadlock?"
DEADLOCK_REF = (
    "A deadlock is a situation where two or more processes are blocked forever, each waiting for a "
    "resource held by another process in the cycle."
)


def test_good_paraphrase_scores_high(score):
    """A correct answer in different words scores at or above the seed's 'good' threshold (0.7)."""
    answer = "Two processes each hold a lock and wait for the other to release theirs, so neither can ever continue."
    assert score(DEADLOCK_Q, DEADLOCK_REF, answer).semantic_score >= 0.7


def test_fluent_but_wrong_answer_scores_low(score):
    """A fluent, confident answer about something else scores below the 'poor' threshold (0.4)."""
    wrong = "Hash tables are printed reports that list every employee in a company by department."
    result = score(
        "What does a hash table do?",
        "A hash table stores key-value pairs and uses a hash function to compute the index of the bucket "
        "where a key's value lives, giving average constant-time lookup.",
        wrong,
    )
    assert result.semantic_score < 0.4 and not result.correct


def test_wrong_answer_scores_well_below_right_one(score):
    """A wrong answer on the same topic scores clearly below a right one (by at least 0.3)."""
    right = score(
        MEMORY_Q,
        MEMORY_REF,
        "Objects are freed when their reference count reaches zero, and a garbage collector handles reference cycles.",
        MEMORY_CONCEPTS,
    )
    wrong = score(
        MEMORY_Q,
        MEMORY_REF,
        "Python has no memory management; programs must call free on every object or the compiler fails.",
        MEMORY_CONCEPTS,
    )
    assert right.semantic_score - wrong.semantic_score >= 0.3


def test_restating_the_question_earns_little(score):
    """Words from the question are left out: padding the question with filler scores far below a real answer."""
    restated = score(DEADLOCK_Q, DEADLOCK_REF, "A deadlock is what is called a deadlock, basically.")
    assert restated.semantic_score < 0.2


def test_score_is_monotone_in_the_fitted_grade():
    """Higher fitted grades never give lower scores, and the score stays in [0, 1]."""
    grid = [{"cosine": c / 10, "alignment": a / 10} for c in range(-2, 11) for a in range(-2, 11)]
    grades = sorted(grid, key=semantic.predicted_grade)
    scores = [semantic.semantic_score(f) for f in grades]
    assert scores == sorted(scores) and 0.0 == min(scores) and max(scores) == 1.0


def test_calibration_anchors_hold():
    """The off-topic anchor maps to 0.05 and the good-answer anchor to 0.85, as documented."""
    (off, y_off), (good, y_good) = semantic.CALIBRATION["anchors"]
    c = semantic.CALIBRATION

    def features_for(grade):  # a feature pair with the given predicted grade
        return {"cosine": 0.0, "alignment": (grade - c["intercept"]) / c["alignment"]}

    assert abs(semantic.semantic_score(features_for(off)) - y_off) < 1e-9
    assert abs(semantic.semantic_score(features_for(good)) - y_good) < 1e-9


def test_five_point_mapping_is_clipped_and_increasing():
    """The benchmark's 0–5 mapping is increasing and stays within the scale."""
    values = [semantic.to_five_point(s / 10) for s in range(11)]
    assert values == sorted(values) and 0.0 <= values[0] and values[-1] <= 5.0
