"""Reading job descriptions: title, seniority, years, required vs nice-to-have skills, responsibilities,
competencies and topics, on the hand-written fixtures and short hand-written postings."""

from __future__ import annotations

import json

import pytest
from interviewer_data import fixture_text

from interview_coach.engine.interviewer import JobProfile, read_job


def _names(skills) -> set[str]:
    return {s.name for s in skills}


def test_backend_job_reads_title_seniority_and_years(bank):
    """The backend posting is a senior role asking for 5+ years, titled from its first line."""
    job = read_job(fixture_text("backend_job.txt"), bank)
    assert job.title_hint.startswith("Senior Backend Engineer")
    assert job.seniority == "senior"
    assert job.years_required == 5


def test_backend_job_splits_required_and_nice_to_have_skills(bank):
    """Python and PostgreSQL are required; Kafka, Terraform and Go sit under 'Nice to have'."""
    job = read_job(fixture_text("backend_job.txt"), bank)
    required, nice = _names(job.required_skills), _names(job.nice_skills)
    assert {"Python", "PostgreSQL", "Docker", "AWS", "pytest"} <= required
    assert {"Apache Kafka", "Terraform", "Go"} <= nice
    assert not required & nice


def test_backend_job_responsibilities_competencies_and_topics(bank):
    """'What you'll do' bullets are the responsibilities; mentoring, stakeholders etc. imply competencies."""
    job = read_job(fixture_text("backend_job.txt"), bank)
    assert len(job.responsibilities) == 7
    assert job.responsibilities[1].startswith("Own the PostgreSQL data model")
    assert {"leadership", "communication", "teamwork", "failure"} <= set(job.competencies)
    assert {"DBMS", "Data Structures"} <= set(job.topics)


def test_analyst_job_is_junior_with_nice_to_have_dbt(bank):
    """The analyst posting is junior ('Job title:' line) and lists dbt and Looker as nice to have."""
    job = read_job(fixture_text("analyst_job.txt"), bank)
    assert job.title_hint == "Junior Data Analyst"
    assert job.seniority == "junior"
    assert {"SQL", "Tableau", "Python"} <= _names(job.required_skills)
    assert {"dbt", "Looker"} <= _names(job.nice_skills)
    assert "communication" in job.competencies and "customer-focus" in job.competencies


def test_sre_job_preferred_section_is_nice_to_have(bank):
    """Skills under 'Preferred' (Go, PostgreSQL) are nice to have; Kubernetes and Linux are required."""
    job = read_job(fixture_text("sre_job.txt"), bank)
    assert {"Kubernetes", "Linux", "Terraform", "Prometheus"} <= _names(job.required_skills)
    assert {"Go", "PostgreSQL"} <= _names(job.nice_skills)
    assert job.competencies[0] == "failure"  # incidents, postmortems, outages: the most-cued competency
    assert job.years_required == 3 and job.seniority == "mid"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Software Engineering Intern (Summer 2025)\nWe want students who know Java.", "intern"),
        ("Graduate Developer\nJoin our team to build web apps in React.", "junior"),
        ("Backend Developer\nYou have 6+ years of experience with Go, Python.", "senior"),
        ("Staff Engineer, Platform\nYou have deep Kubernetes experience.", "lead"),
        ("Principal Data Scientist\nLead research in Python and SQL.", "principal"),
        ("Backend Developer\nYou have 2-3 years of experience with Java.", "mid"),
        ("Engineering Manager, Payments\nYou will grow a team of 8.", "lead"),
        ("Product Manager\nYou will own the roadmap for our mobile app.", "mid"),
    ],
)
def test_seniority_from_title_words_then_years(bank, text, level):
    """Seniority comes from the title's words, else from the years asked for."""
    assert read_job(text, bank).seniority == level


def test_inline_nice_to_have_and_no_headings(bank):
    """Without headings every skill is required, except on a line that says it is a bonus (and a practice
    named with its tools, "APIs with Django", which the tools stand for)."""
    job = read_job("We are hiring a Python developer.\nYou will build APIs with Django and PostgreSQL.\n"
                   "Experience with Redis is a bonus.", bank)
    assert {"Python", "Django", "PostgreSQL"} <= _names(job.required_skills)
    assert _names(job.nice_skills) == {"Redis", "API design"}
    assert job.responsibilities == ("You will build APIs with Django and PostgreSQL",)


def test_job_profile_round_trips_json(bank):
    """A job profile survives JSON storage unchanged."""
    job = read_job(fixture_text("sre_job.txt"), bank)
    assert JobProfile.from_dict(json.loads(json.dumps(job.to_dict()))) == job
