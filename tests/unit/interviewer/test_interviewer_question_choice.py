"""Which CV lines the interviewer asks about: work that fits the job, never funding rounds, company
boilerplate, advisors or awards; and a "measurable result" only of work that has one."""

from __future__ import annotations

import pytest

from interview_coach.engine.interviewer import plan_interview, read_cv, read_job
from interview_coach.engine.interviewer.cv import has_outcome, is_work

JOB = """Backend Engineer (Python)
What you'll do:
- Build and operate Python services on PostgreSQL that process payments
- Own the reliability of the payment reconciliation pipeline on Celery and Redis
Requirements:
- Python, PostgreSQL, Redis, Celery
- Experience designing REST APIs
"""

CV = """EXPERIENCE
Backend Engineer, Paylane – Berlin        Jan 2021 – Present
• Paylane raised $18M Series A led by Sequoia Capital in 2022, growing the team from 12 to 60 people
• Paylane is a leading provider of invoicing software for 40,000 small businesses
• Won the company Innovation Award 2022 for the best internal tool
• Rebuilt the payment reconciliation pipeline on Celery and Redis, cutting failed runs by 70%
• Designed the PostgreSQL schema of the ledger and its REST API

Research Assistant, TU Berlin        2018 – 2020
• Advisor: Prof. Anna Schmidt, Distributed Systems Group
• Workshop paper: Consistent snapshots for PostgreSQL replicas (VLDB workshop 2020)
• Built a Python benchmark harness for PostgreSQL replication

PROJECTS
Invoice parser        2021
• Raised $40k pre-seed from angel investors for the side project
• Wrote a Python library that reads PDF invoices with 98% field accuracy
"""

FOUNDER_CV = """EXPERIENCE
Co-founder and CTO, Tallybird        2020 – Present
• Raised $18M Series A led by Sequoia to grow our Python and PostgreSQL platform
• Tallybird is a fast-growing startup of 45 people serving 3,000 shops
• Designed the payment reconciliation service in Python with Celery and Redis
• Ran the PostgreSQL migrations and the on-call rotation
Software Engineer, Bookwell        2017 – 2020
• Advisor to the CEO on the PostgreSQL roadmap for 2 years
• Built the REST API for the booking calendar
"""
NOT_WORK = ("Series A", "leading provider", "Innovation Award", "Advisor", "pre-seed", "fast-growing startup")


@pytest.mark.parametrize("cv", [CV, FOUNDER_CV], ids=["engineer", "founder"])
@pytest.mark.parametrize("seed", range(4))
def test_opener_and_deep_dives_never_quote_funding_boilerplate_advisors_or_awards(bank, cv, seed):
    """Whatever the seed, no opener or deep dive mentions a funding, boilerplate, advisor or award line."""
    plan = plan_interview(read_job(JOB, bank), read_cv(cv, bank), "Backend Engineer", "Ledgerly", bank, seed)
    for q in plan.questions:
        if q.kind in ("opener", "deep_dive"):
            assert not any(bad in q.text for bad in NOT_WORK), q.text


def test_opener_names_the_highlight_that_fits_the_job(bank):
    """The opener picks the reconciliation work (the job's pipeline, its tools, a result), not the funding round."""
    plan = plan_interview(read_job(JOB, bank), read_cv(CV, bank), "Backend Engineer", "Ledgerly", bank, 0)
    texts = " ".join(q.text for q in plan.questions if q.kind in ("opener", "deep_dive"))
    assert "reconciliation pipeline" in texts


def test_measurable_result_is_not_asked_of_a_paper(bank):
    """A deep dive on a research role whose best line is a paper never asks for its measurable result."""
    cv = """EXPERIENCE
Research Assistant, TU Berlin        2018 – 2020
• Workshop paper: Consistent snapshots for PostgreSQL replicas (VLDB workshop 2020)
Intern, Paylane        2017 – 2018
• Advisor: Prof. Anna Schmidt
• Completed the online course on PostgreSQL internals
"""
    for seed in range(4):
        plan = plan_interview(read_job(JOB, bank), read_cv(cv, bank), "Backend Engineer", "Ledgerly", bank, seed)
        for q in plan.questions:
            if q.kind == "deep_dive" and ("paper" in q.text or "course" in q.text):
                assert "measurable result" not in q.text, q.text


@pytest.mark.parametrize(
    "bullet, work, outcome",
    [
        ("Raised $18M Series A led by Sequoia", False, False),
        ("Raised test coverage from 35% to 78%", True, True),
        ("Advisor: Prof. Anna Schmidt", False, False),
        ("Acme is a leading provider of payroll software", False, False),
        ("Backed by Index Ventures and 20 angel investors", False, False),
        ("Winner of the 2022 company hackathon", False, False),
        ("Workshop paper: Efficient sparse attention (NeurIPS 2021 workshop)", True, False),
        ("Completed the online course on Deep Learning", True, False),
        ("Wrote Terraform modules that cut environment setup from 2 weeks to 1 day", True, True),
        ("Built a tool that checked TLS certificate expiry for 1,200 domains", True, True),
    ],
)
def test_work_and_outcome_rules(bullet, work, outcome):
    """Funding, boilerplate, advisors and awards are not work; papers and courses are work without an outcome."""
    assert is_work(bullet) is work
    assert has_outcome(bullet) is outcome
