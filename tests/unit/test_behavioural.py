"""The behavioural (STAR) answer rubric on hand-written answers, with and without the embedding model."""

from __future__ import annotations

import pytest

from interview_coach.content import load_content
from interview_coach.engine.behavioural import WEIGHTS, BehaviouralPrompt, assess
from interview_coach.engine.scoring import CachedBackend, create_backend


def _prompt(ref: str) -> BehaviouralPrompt:
    q = load_content().behavioural_question(ref)
    return BehaviouralPrompt(q.question, q.strong_answer_shows, q.red_flags)


TEAMWORK = {
    "strong": (
        "Last spring I was the backend engineer on a checkout redesign at Acme, and my API work depended on "
        "Priya's payment service. My task was to ship the new checkout before Black Friday, six weeks away. "
        "Two weeks in I noticed her pull requests had stalled for four days and the integration tests were "
        "still failing. I didn't wait for the deadline to slip: I asked her for a coffee and found she was "
        "blocked on a vendor sandbox account that nobody had requested. I offered to pair with her for two "
        "afternoons, I filed the vendor ticket myself and I took over the retry logic so she could focus on "
        "the webhooks. I kept our product manager, Tom, informed in standup without blaming anyone. As a "
        "result we shipped three days early and the checkout error rate dropped from 2.1% to 0.4%. What I "
        "learned is to ask about blockers early; since then I run a short dependency check-in every Monday."),
    "average": (
        "At my previous job we were building a reporting feature and I depended on a colleague who was "
        "building the data export. Her part was running late and it looked like we would miss the release. "
        "I talked to her about it and it turned out she had too much on her plate. We agreed that I would "
        "write some of the export tests for her and we told the team lead about the delay. In the end we "
        "released the feature a little late but it worked well and the customers liked it."),
    "weak": (
        "My teammate was really lazy and never did his work, so I just went to the manager and complained. "
        "Then I redid all of his code myself over the weekend because it was faster. The manager was happy."),
}
FAILURE = {
    "strong": (
        "In 2023 I led the rewrite of our mobile sync engine at a fintech start-up, a project that failed. "
        "My task was to replace the old polling client within one quarter. I chose to rebuild everything at "
        "once instead of migrating screen by screen, and I skipped a load test to hit the date. When we "
        "launched, 18% of users saw duplicated transactions and we rolled back after two days. I owned the "
        "post-mortem: I traced the root cause to conflict resolution we had never tested under real latency, "
        "and I wrote down my decision to skip the load test as a contributing cause. As a result we shipped "
        "an incremental version six weeks later with zero duplicates. I learned to de-risk big rewrites with "
        "a small pilot; since then I insist on a staged rollout, which caught two bugs in our payments work."),
    "average": (
        "We had a project to build a new dashboard for the sales team and it did not go well. The "
        "requirements kept changing and we were late. I was one of the developers and I probably should have "
        "asked more questions at the start. In the end the dashboard was cancelled. I learned that "
        "requirements are important and that communication matters a lot in projects."),
    "weak": "Honestly my biggest failure is that I work too hard. Nothing really failed, it was the others' fault.",
}


@pytest.fixture(scope="module")
def backend():
    """The real MiniLM model, loaded once for these tests."""
    return CachedBackend(create_backend())


@pytest.mark.parametrize("ref, answers", [("behavioural.teamwork.tw1", TEAMWORK), ("behavioural.failure.fl1", FAILURE)])
@pytest.mark.parametrize("semantic", [True, False])
def test_strong_beats_average_beats_weak_beats_empty(ref, answers, semantic, backend):
    """The rubric orders hand-written answers strong > average > weak > empty, with or without the model."""
    prompt = _prompt(ref)
    model = backend if semantic else None
    scores = {level: assess(prompt, text, model).score for level, text in answers.items()}
    empty = assess(prompt, "   ", model).score
    assert scores["strong"] > scores["average"] > scores["weak"] > empty == 0.0
    assert scores["strong"] >= 0.75 and scores["weak"] < 0.3


def test_findings_cover_every_component_and_quote_the_answer(backend):
    """A strong answer has a finding per rubric component and strengths quoting its own words."""
    result = assess(_prompt("behavioural.teamwork.tw1"), TEAMWORK["strong"], backend)
    assert {f.component for f in result.findings} == set(WEIGHTS) and sum(WEIGHTS.values()) == pytest.approx(1.0)
    assert result.method == "semantic" and 150 <= result.word_count <= 300
    assert any("“Last spring I was the backend engineer" in s for s in result.strengths)
    measurable = next(f for f in result.findings if f.component == "measurable_result")
    assert measurable.score == 1.0 and "2.1%" in measurable.evidence


def test_we_instead_of_i_is_flagged():
    """An answer told as 'we' scores low on ownership and says so."""
    text = ("We had a hard deadline last year. We met every day, we split the work and we shipped on time. "
            "Our manager said we did well and our customers were happy with the release in March.")
    result = assess(_prompt("behavioural.teamwork.tw2"), text)
    ownership = next(f for f in result.findings if f.component == "ownership")
    assert ownership.score == 0.0 and any("“We”" in i for i in result.improvements)


def test_red_flags_are_named_and_penalised(backend):
    """Blaming the teammate and going straight to the manager are reported as red flags."""
    result = assess(_prompt("behavioural.teamwork.tw1"), TEAMWORK["weak"], backend)
    assert result.red_flags and any("red flag" in i for i in result.improvements)


def test_length_guidance():
    """A rambling 630-word answer loses length credit; a 198-word one gets it all."""
    prompt = _prompt("behavioural.teamwork.tw3")
    long = assess(prompt, "I worked on the project and I fixed things. " * 70)
    ideal = assess(prompt, "I worked on the project and I fixed things. " * 22)
    long_len, ideal_len = (next(f for f in r.findings if f.component == "length").score for r in (long, ideal))
    assert ideal_len == 1.0 and long_len == pytest.approx(0.4)


def test_prompt_without_points_still_scores():
    """A question with no listed points gives neutral credit for them instead of failing."""
    result = assess(BehaviouralPrompt("Tell me about yourself."), TEAMWORK["average"])
    assert 0.0 < result.score < 1.0

