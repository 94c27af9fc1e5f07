"""Classifying answers (vague, no result, off topic, ok) and the follow-ups they trigger, with the real
embedding model and without it (lexical)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from interviewer_data import fixture_text

from interview_coach.engine.interviewer import classify_answer, follow_up, plan_interview, read_cv, read_job

VAGUE = "Honestly it depends, I guess I would look into it and maybe try a few things until it works out in the end."
SHORT = "I used Kubernetes a lot there."
OFF_TOPIC = ("I really love football. I play every weekend with my friends and we won the local league last year, "
             "which was a great experience for the whole team and taught me a lot about friendship and commitment.")
NO_RESULT = ("When we started the migration I wrote a plan for each service and I tested the Helm charts in staging. "
             "I paired with the backend teams, we moved the stateless services first and then I handled the "
             "databases with a blue-green switch on Kubernetes.")
GOOD = ("I migrated 40 services to EKS on AWS. The hardest part was the stateful services: I set up a blue-green "
        "switch for Postgres with logical replication, which cut the cutover window to 4 minutes, and as a result "
        "we had zero downtime for customers.")


@pytest.fixture(scope="module")
def sre(bank):
    job = read_job(fixture_text("sre_job.txt"), bank)
    cv = read_cv(fixture_text("sre_cv.txt"), bank)
    plan = plan_interview(job, cv, "Site Reliability Engineer", "Northwind Cloud", bank, 1)
    by_kind = {}
    for q in plan.questions:
        by_kind.setdefault(q.kind, q)
    # The answers below are about the Kubernetes migration: ask about that bullet whichever one the plan picked.
    by_kind["deep_dive"] = replace(by_kind["deep_dive"], text=(
        "In your role as DevOps Engineer at Shipfast Logistics (2022–present), you migrated 40 services from virtual "
        "machines to Kubernetes (EKS) on AWS with zero customer-facing downtime. What was the hardest problem you "
        "hit along the way, and how did you solve it?"))
    return job, cv, by_kind


@pytest.mark.parametrize("use_model", [True, False], ids=["semantic", "lexical"])
@pytest.mark.parametrize(
    ("answer", "kind"),
    [(VAGUE, "vague"), (SHORT, "vague"), (OFF_TOPIC, "off_topic"), (NO_RESULT, "no_result"), (GOOD, "ok")],
)
def test_deep_dive_answers_are_classified(sre, bank, backend, use_model, answer, kind):
    """On the Kubernetes-migration deep dive each kind of answer is recognised, with the model or lexically."""
    question = sre[2]["deep_dive"]
    assert "Kubernetes" in question.text
    signal = classify_answer(question, answer, backend if use_model else None, bank)
    assert signal.kind == kind, signal.reasons
    assert signal.method == ("semantic" if use_model and kind != "vague" else "lexical")


def test_off_topic_similarity_is_reported(sre, bank, backend):
    """An unrelated story scores below the off-topic threshold and the signal says so."""
    signal = classify_answer(sre[2]["deep_dive"], OFF_TOPIC, backend, bank)
    assert signal.similarity is not None and signal.similarity < 0.15
    assert "similarity" in signal.reasons[0]


def test_technical_answer_with_concepts_is_not_vague(sre, bank, backend):
    """A short but precise technical answer that uses the question's concepts is ok, not vague."""
    question = sre[2]["technical"]
    answer = question.reference_answer
    assert classify_answer(question, answer, backend, bank).kind == "ok"


def test_no_result_applies_only_to_stories_questions(sre, bank):
    """A technical answer is never flagged for a missing outcome (it is not a story)."""
    question = sre[2]["technical"]
    answer = ("I would check it with the team. We looked at the replication setup, we tested the failover and "
              "I compared synchronous and asynchronous replication for the primary and the replica.")
    assert classify_answer(question, answer, None, bank).kind != "no_result"


def test_vague_follow_up_asks_for_specifics_and_names_tools(sre, bank):
    """A vague answer to a behavioural question gets a request for one example with tools and numbers."""
    job, cv, q = sre
    question = q["behavioural"]
    text = follow_up(question, VAGUE, classify_answer(question, VAGUE, None, bank), job, cv)
    assert text.startswith("Could you make that concrete?")
    assert "DevOps Engineer at Shipfast Logistics" in text  # the candidate's latest role
    assert "Linux" in text and "numbers" in text


def test_no_result_follow_up_asks_for_outcome_and_reflection(sre, bank, backend):
    """A story without an outcome gets asked for the result and what they would do differently."""
    job, cv, q = sre
    question = q["deep_dive"]
    text = follow_up(question, NO_RESULT, classify_answer(question, NO_RESULT, backend, bank), job, cv)
    assert "outcome" in text and "differently" in text
    assert "DevOps Engineer at Shipfast Logistics" in text


def test_off_topic_follow_up_names_the_topic_and_repeats_the_ask(sre, bank, backend):
    """An off-topic answer is politely brought back to the question, naming its topic."""
    job, cv, q = sre
    question = q["behavioural"]
    text = follow_up(question, OFF_TOPIC, classify_answer(question, OFF_TOPIC, backend, bank), job, cv)
    assert text.startswith("Thanks. Let me bring us back to the question about failure")
    assert text.endswith("?")


def test_ok_answer_needs_no_follow_up(sre, bank, backend):
    """A specific, on-topic answer with a result gets no follow-up."""
    job, cv, q = sre
    question = q["deep_dive"]
    signal = classify_answer(question, GOOD, backend, bank)
    assert follow_up(question, GOOD, signal, job, cv) is None
    assert signal.to_dict()["kind"] == "ok"
