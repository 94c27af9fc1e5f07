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
    text = follow_up(question, VAGUE, classify_answer(question, VAGUE, None, bank), job, cv).text
    assert text.startswith("Could you make that concrete?")
    assert "DevOps Engineer at Shipfast Logistics" in text  # the candidate's latest role
    assert "Linux" in text and "numbers" in text


def test_no_result_follow_up_asks_for_outcome_and_reflection(sre, bank, backend):
    """A story without an outcome gets asked for the result and what they would do differently."""
    job, cv, q = sre
    question = q["deep_dive"]
    text = follow_up(question, NO_RESULT, classify_answer(question, NO_RESULT, backend, bank), job, cv).text
    assert "outcome" in text and "differently" in text
    assert "DevOps Engineer at Shipfast Logistics" in text


def test_off_topic_follow_up_names_the_topic_and_repeats_the_ask(sre, bank, backend):
    """An off-topic answer is politely brought back to the question, naming its topic."""
    job, cv, q = sre
    question = q["behavioural"]
    text = follow_up(question, OFF_TOPIC, classify_answer(question, OFF_TOPIC, backend, bank), job, cv).text
    assert text.startswith("Thanks. Let me bring us back to the question about failure")
    assert text.endswith("?")


def test_ok_answer_needs_no_follow_up(sre, bank, backend):
    """A specific, on-topic answer with a result gets no follow-up."""
    job, cv, q = sre
    question = q["deep_dive"]
    signal = classify_answer(question, GOOD, backend, bank)
    assert follow_up(question, GOOD, signal, job, cv) is None
    assert signal.to_dict()["kind"] == "ok"


@pytest.fixture(scope="module")
def backend_plan(bank):
    job = read_job(fixture_text("backend_job.txt"), bank)
    cv = read_cv(fixture_text("backend_cv.txt"), bank)
    plan = plan_interview(job, cv, "Backend Engineer", "Ledgerly", bank, 1)
    return job, cv, {q.kind: q for q in reversed(plan.questions)}


# (vague answer to "explain a complex technical topic to a non-technical audience", template, words it quotes)
PROBED = [
    ("I had to explain to our finance team why some customers were billed twice. It turned out the double billing "
     "came from retries, so I explained that to them more or less, I guess.", "probe_cause", "You said “the double billing came from retries”: how did you find that out"),
    ("I decided to use a diagram instead of slides, maybe, and it sort of worked.", "probe_decision",
     "“I decided to use a diagram instead of slides"),
    ("I explained it to about 30 people in sales, I guess, and it sort of worked out.", "probe_number",
     "You mentioned 30 people"),
    ("We explained it together, we made slides and we presented it to them, and we answered questions.",
     "probe_ownership", "which part of that was yours"),
    ("I guess I would just explain it simply, maybe with some examples and stuff like that.", "concrete",
     "Could you make that concrete?"),
]


@pytest.mark.parametrize(("answer", "template", "quoted"), PROBED, ids=[t for _, t, _ in PROBED])
def test_vague_answers_get_a_follow_up_about_what_they_said(backend_plan, bank, backend, answer, template, quoted):
    """A vague answer is asked about the cause, decision, number or "we" it mentioned, quoting it; with
    nothing to probe, it is asked for one concrete example."""
    job, cv, q = backend_plan
    question = q["behavioural"]
    signal = classify_answer(question, answer, backend, bank)
    assert signal.kind == "vague", signal.reasons
    line = follow_up(question, answer, signal, job, cv)
    assert line.template == template and quoted in line.text


def test_no_template_is_used_twice_in_one_interview(backend_plan, bank, backend):
    """Given the templates already used, each follow-up uses a new one, and stops when all fitting ones are used."""
    job, cv, q = backend_plan
    question = q["behavioural"]
    answer = PROBED[0][0]
    signal = classify_answer(question, answer, backend, bank)
    used: list[str] = []
    while (line := follow_up(question, answer, signal, job, cv, tuple(used))) is not None:
        used.append(line.template)
    assert used == ["probe_cause", "concrete", "concrete_again"]


def test_degenerate_answers_get_a_clear_message(backend_plan, bank, backend):
    """20,000 “x” or a sentence pasted 50 times is recognised first, and the follow-up says so and asks again."""
    job, cv, q = backend_plan
    question = q["deep_dive"]
    for answer, said in (("x" * 20_000, "one character repeated"),
                         ("I am a great team player who always delivers. " * 50, "repeats the same sentence")):
        signal = classify_answer(question, answer, backend, bank)
        assert signal.kind == "degenerate" and said in signal.reasons[0]
        line = follow_up(question, answer, signal, job, cv)
        assert line.template == "unreadable" and line.text.startswith("I couldn't read that as an answer")
        assert line.text.endswith("?")
        again = follow_up(question, answer, signal, job, cv, (line.template,))
        assert again.template == "unreadable_again" and again.text != line.text


def test_missing_result_follow_up_quotes_the_last_action(sre, bank, backend):
    """A story without its outcome is asked for the outcome of the last thing the candidate said they did."""
    job, cv, q = sre
    question = q["deep_dive"]
    line = follow_up(question, NO_RESULT, classify_answer(question, NO_RESULT, backend, bank), job, cv)
    assert line.template == "result_of_action" and "I handled the databases with a blue-green switch" in line.text
    assert follow_up(question, NO_RESULT, classify_answer(question, NO_RESULT, backend, bank), job, cv,
                     ("result_of_action",)).template == "result"


def test_a_story_told_only_as_we_is_asked_for_the_candidates_part(backend_plan, bank, backend):
    """A deep-dive answer with a result but only "we" doing things is asked which part was the candidate's."""
    job, cv, q = backend_plan
    question = q["deep_dive"]
    answer = ("That was a team project at ShopWave. We worked on the order service together over a few months "
              "using Python and PostgreSQL. We had challenges with deadlines, but we delivered it in the end and "
              "the users were happy with it.")
    signal = classify_answer(question, answer, backend, bank)
    assert signal.kind == "no_ownership"
    line = follow_up(question, answer, signal, job, cv)
    assert line.template == "probe_ownership" and "which part of that was yours" in line.text
    assert "“We worked on the order service together over a few months using Python and PostgreSQL”" in line.text
