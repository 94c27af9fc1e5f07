"""Planning the 8-question interview from the hand-written CV/job pairs with the real question bank."""

from __future__ import annotations

import itertools
import json

import pytest
from interviewer_data import fixture_text

from interview_coach.engine.interviewer import InterviewPlan, plan_interview, read_cv, read_job
from interview_coach.engine.interviewer._text import jaccard
from interview_coach.engine.interviewer.plan import MAX_OVERLAP
from interview_coach.engine.scoring import AnswerInput, Concept, get_scorer

PAIRS = {
    "backend": ("Senior Backend Engineer", "Ledgerly"),
    "analyst": ("Junior Data Analyst", "Greenbasket Groceries"),
    "sre": ("Site Reliability Engineer", "Northwind Cloud"),
}
ORDER = ["opener", "deep_dive", "deep_dive", "technical", "technical", "behavioural", "scenario", "closing"]


def _plan(bank, name: str, seed: int = 7) -> InterviewPlan:
    title, company = PAIRS[name]
    job = read_job(fixture_text(f"{name}_job.txt"), bank)
    cv = read_cv(fixture_text(f"{name}_cv.txt"), bank)
    return plan_interview(job, cv, title, company, bank, seed)


@pytest.mark.parametrize("name", PAIRS)
def test_plan_has_eight_questions_in_order(bank, name):
    """Every plan has exactly 8 questions: opener, 2 deep dives, 2 technical, behavioural, scenario, closing."""
    plan = _plan(bank, name)
    assert [q.kind for q in plan.questions] == ORDER
    assert all(q.text and q.purpose for q in plan.questions)


@pytest.mark.parametrize("name", PAIRS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_no_two_questions_alike(bank, name, seed):
    """No two planned questions overlap lexically beyond the documented limit, whatever the seed."""
    plan = _plan(bank, name, seed)
    texts = [q.text for q in plan.questions]
    assert len(set(texts)) == 8
    assert all(jaccard(a, b) <= MAX_OVERLAP for a, b in itertools.combinations(texts, 2))


def test_opener_names_role_company_and_a_cv_highlight(bank):
    """The opener names the role, the company and a measurable achievement from the CV."""
    opener = _plan(bank, "backend").questions[0]
    assert "Senior Backend Engineer" in opener.text and "Ledgerly" in opener.text
    assert "14 cron jobs" in opener.text  # the Celery/Redis migration bullet, a job skill with a result
    assert opener.cv_item == "Senior Backend Engineer at ShopWave (2021–present)"


def test_backend_deep_dives_name_the_matching_roles(bank):
    """Python/PostgreSQL job and CV: the deep dives name the ShopWave and TransLog roles and their work."""
    deep = [q for q in _plan(bank, "backend").questions if q.kind == "deep_dive"]
    assert deep[0].text.startswith("In your role as Senior Backend Engineer at ShopWave (2021–present), you designed")
    assert "PostgreSQL" in deep[0].text
    assert deep[1].cv_item == "Backend Developer at TransLog Sp. z o.o (2018–2020)"
    assert all(q.text.rstrip().endswith("?") for q in deep)


def test_backend_technical_questions_come_from_dbms_and_data_structures(bank):
    """The backend job's technical questions are bank questions on DBMS (PostgreSQL) and Data Structures, scorable."""
    tech = [q for q in _plan(bank, "backend").questions if q.kind == "technical"]
    assert [q.bank_ref.split(".")[0] for q in tech] == ["dbms", "data-structures"]
    assert [q.skill for q in tech] == ["PostgreSQL", "Data structures"]
    for q in tech:
        bank_q = bank.question(q.bank_ref)
        assert q.text == bank_q.question and q.reference_answer == bank_q.reference_answer
        assert [name for name, _ in q.concepts] == [c.name for c in bank.concepts_of(bank_q)]
        assert bank_q.difficulty == "hard"  # a senior role


def test_junior_role_gets_easy_technical_questions(bank):
    """The junior analyst role is asked easy bank questions, SQL first (DBMS)."""
    tech = [q for q in _plan(bank, "analyst").questions if q.kind == "technical"]
    assert tech[0].skill == "SQL" and tech[0].bank_ref.startswith("dbms.")
    assert all(bank.question(q.bank_ref).difficulty == "easy" for q in tech if q.bank_ref)


def test_technical_question_is_scorable_against_its_reference(bank):
    """A planned technical question scores a good answer above a wrong one with the real scorer."""
    q = next(q for q in _plan(bank, "backend").questions if q.kind == "technical")
    concepts = tuple(Concept(name, aliases) for name, aliases in q.concepts)
    scorer = get_scorer()
    good = scorer.score(AnswerInput(q.text, q.reference_answer, q.reference_answer, concepts))
    bad = scorer.score(AnswerInput(q.text, q.reference_answer,
                                   "I would restart the servers and hope the problem goes away by itself.", concepts))
    assert good.combined_score > bad.combined_score + 0.3


def test_behavioural_question_follows_the_job_and_carries_rubric(bank):
    """The SRE job (incidents, postmortems) gets a 'failure' question with what a strong answer shows and red flags."""
    beh = next(q for q in _plan(bank, "sre").questions if q.kind == "behavioural")
    assert beh.competency == "failure"
    bq = bank.behavioural_question(beh.bank_ref)
    assert beh.text == bq.question
    assert beh.strong_answer_shows == bq.strong_answer_shows and beh.red_flags == bq.red_flags


def test_scenario_comes_from_a_responsibility(bank):
    """The scenario is built from one of the job's responsibilities and names the company."""
    job = read_job(fixture_text("sre_job.txt"), bank)
    scenario = next(q for q in _plan(bank, "sre").questions if q.kind == "scenario")
    assert "Northwind Cloud" in scenario.text
    assert any(r[1:] in scenario.text for r in job.responsibilities)


def test_closing_question_names_role_and_invites_questions(bank):
    """The last question closes the interview and invites the candidate's questions."""
    closing = _plan(bank, "analyst").questions[-1]
    assert closing.kind == "closing" and "Junior Data Analyst" in closing.text
    assert "questions do you have" in closing.text


def test_same_seed_same_plan_and_json_round_trip(bank):
    """A plan is deterministic for a seed and survives JSON storage, so an interview resumes after a restart."""
    plan = _plan(bank, "sre", seed=3)
    assert _plan(bank, "sre", seed=3) == plan
    stored = json.dumps(plan.to_dict())
    assert InterviewPlan.from_dict(json.loads(stored)) == plan


def test_thin_cv_and_vague_job_still_give_eight_questions(bank):
    """A one-line CV and a job with no known skills still give 8 distinct questions, with fallbacks."""
    job = read_job("Office coordinator wanted. You will keep the office running smoothly.", bank)
    cv = read_cv("Alex Kim\nI like organising things.", bank)
    plan = plan_interview(job, cv, "Office Coordinator", "Acme", bank, 1)
    assert [q.kind for q in plan.questions] == ORDER
    assert all(jaccard(a.text, b.text) <= MAX_OVERLAP for a, b in itertools.combinations(plan.questions, 2))
    assert all(q.bank_ref is None for q in plan.questions if q.kind == "technical")


def test_scenario_does_not_repeat_a_deep_dive(bank):
    """When a responsibility restates the CV bullet already asked about, the scenario takes another responsibility."""
    job = read_job("Backend Engineer\nResponsibilities:\n"
                   "- Design and build the order service in Python and PostgreSQL handling millions of orders\n"
                   "- Run the weekly release and fix what breaks\nRequirements:\n- Python, PostgreSQL", bank)
    cv = read_cv("Experience\nBackend Engineer, Shopco, 2020 - 2023\n"
                 "- Designed and built the order service in Python and PostgreSQL handling 1.2M orders a month\n", bank)
    plan = plan_interview(job, cv, "Backend Engineer", "Acme", bank, 0)
    assert "order service" in plan.questions[1].text  # the deep dive
    scenario = next(q for q in plan.questions if q.kind == "scenario")
    assert "run the weekly release" in scenario.text
