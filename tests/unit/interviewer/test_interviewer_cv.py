"""Reading CVs: sections, roles with dates, projects, skills, measurable bullets and weak verbs, on
real résumé PDFs (through the real text extractor) and on hand-written CVs."""

from __future__ import annotations

import json

import pytest
from interviewer_data import fixture_text, resume_text

from interview_coach.engine.interviewer import CvProfile, is_measurable, read_cv, weak_verb


def _role(cv, title: str):
    return next(r for r in cv.roles if r.title == title)


# ------------------------------------------------------------------ real résumés


@pytest.mark.parametrize(
    "stem",
    ["rendercv__engineeringresumes_typst", "rendercv__harvard_typst", "rendercv__moderncv_typst",
     "rendercv__classic_typst", "rendercv__opal_typst", "rendercv__sb2nov_typst"],
)
def test_rendercv_layouts_give_the_same_roles(bank, stem):
    """Six layouts of one résumé (title first, organisation first, dates first, dates below) read the same."""
    cv = read_cv(resume_text(stem), bank)
    assert [(r.title, r.organisation) for r in cv.roles] == [
        ("Co-Founder & CTO", "Nexus AI"), ("Research Intern", "NVIDIA Research"),
        ("Research Intern", "Google DeepMind"), ("Research Intern", "Apple ML Research"),
        ("Research Intern", "Microsoft Research")]
    cto = cv.roles[0]
    assert (cto.start, cto.end.lower(), cto.start_year, cto.end_year) == ("June 2023", "present", 2023, None)
    assert cto.label == "Co-Founder & CTO at Nexus AI (2023–present)"
    assert cto.bullets[0].startswith("Built foundation model infrastructure serving 2M+")
    assert len(cto.bullets) == 4
    assert {"experience", "education", "projects", "skills"} <= set(cv.sections)
    assert {"Python", "PyTorch", "Kubernetes"} <= {s.name for s in cv.skills}
    assert [p.name for p in cv.projects] == ["FlashInfer", "NeuralPrune"]
    assert len(cv.measurable_bullets) >= 9


def test_john_doe_plain_latex(bank):
    """Caps headings ('WORK EXPERIENCE'), 'Title, Company, Place, June 2018 - Present', and two weak verbs."""
    cv = read_cv(resume_text("resumematcher__john_doe_latex_plain"), bank)
    assert cv.sections == ("summary", "skills", "experience", "education", "certifications")
    dev = _role(cv, "Full Stack Java Developer")
    assert (dev.organisation, dev.start, dev.end) == ("ABC Company", "June 2018", "Present")
    assert _role(cv, "Software Developer").end_year == 2018
    assert {"Java", "Spring Boot", "Angular", "MySQL"} <= {s.name for s in cv.skills}
    assert {v for _, v in cv.weak_verb_bullets} == {"participated in", "assisted"}


def test_john_smith_word_company_line_above_title(bank):
    """'ABC Company' on its own line above 'Senior Python Developer, 2021 - Present' is the organisation."""
    cv = read_cv(resume_text("resumematcher__john_smith_word2016"), bank)
    assert [(r.title, r.organisation, r.start_year, r.end_year) for r in cv.roles] == [
        ("Senior Python Developer", "ABC Company", 2021, None),
        ("Python Developer", "XYZ Corporation", 2019, 2021),
        ("Software Engineer", "DEF Inc.", 2017, 2019)]
    assert len(cv.projects) == 4
    assert any("by 20%" in b for b in cv.measurable_bullets)
    assert cv.weak_verb_bullets[0][1] == "worked on"


def test_pennyworth_moderncv_dates_split_over_lines(bank):
    """'2017 –' / 'Present' on separate lines still date the Product Manager role at Google; prose becomes bullets."""
    cv = read_cv(resume_text("resumematcher__alfred_pennyworth_moderncv"), bank)
    pm = cv.roles[0]
    assert (pm.title, pm.organisation, pm.start_year, pm.end) == ("Product Manager", "Google", 2017, "Present")
    assert len(cv.roles) == 5 and cv.roles[-1].start_year == 1999
    assert pm.bullets[0].startswith("Leading cross-functional teams")
    assert cv.projects[0].name == "Home Automation System"
    assert cv.measurable_bullets == ()  # a CV without a single figure


def test_two_column_chromium_title_then_company_line(bank):
    """'Senior Software Engineer Jan 2023 - Present' over 'Stripe • San Francisco' gives the role at Stripe."""
    cv = read_cv(resume_text("resumematcher__tpl_two_column_chromium"), bank)
    stripe = cv.roles[0]
    assert (stripe.title, stripe.organisation, stripe.start, stripe.end) == (
        "Senior Software Engineer", "Stripe", "Jan 2023", "Present")
    assert any("reducing fraudulent charges by 18%" in b for b in stripe.bullets)
    assert [p.name for p in cv.projects] == ["DevFlow", "Real-time Transit Prediction App"]
    assert {"Go", "Kafka", "PostgreSQL"} <= {s.matched for s in cv.skills} | {s.name for s in cv.skills}


# ------------------------------------------------------------------ hand-written CVs


def test_fixture_backend_cv_roles_and_evidence(bank):
    """The backend fixture: three roles with three date formats, projects, measurable bullets and weak verbs."""
    cv = read_cv(fixture_text("backend_cv.txt"), bank)
    assert [(r.title, r.start, r.end) for r in cv.roles] == [
        ("Senior Backend Engineer", "Jan 2021", "Present"), ("Backend Developer", "03/2018", "12/2020"),
        ("Junior Python Developer", "2016", "2018")]
    assert cv.roles[1].organisation.startswith("TransLog")
    assert [p.name for p in cv.projects][1] == "Warehouse route planner"
    assert len(cv.measurable_bullets) == 8
    assert {v for _, v in cv.weak_verb_bullets} == {"responsible for", "worked on", "helped", "assisted",
                                                    "participated in"}
    assert set(cv.sections) == {"summary", "experience", "projects", "education", "skills", "certifications",
                                "languages"}


def test_headings_in_other_words_with_colons():
    """'Employment History:', 'Summary:' and 'Projects:' open their sections like the usual headings."""
    cv = read_cv(fixture_text("analyst_cv.txt"))
    assert cv.sections[:4] == ("summary", "experience", "education", "projects")
    assert cv.roles[0].label == "Data Analyst at Northern Home Stores (2023–present)"
    assert cv.roles[1].label == "Data Analyst Intern at Yorkshire Water (2022)"
    assert cv.summary.startswith("Data analyst with eighteen months")


def test_dates_under_an_org_block_and_job_title_on_its_own_line():
    """'DevOps Engineer' / 'Shipfast Logistics, Cork' / 'Feb 2022 – Present' reads as one role."""
    cv = read_cv(fixture_text("sre_cv.txt"))
    devops = cv.roles[0]
    assert (devops.title, devops.organisation, devops.start_year) == ("DevOps Engineer", "Shipfast Logistics", 2022)
    assert len(devops.bullets) == 6
    assert cv.roles[1].start == "06/2019" and cv.roles[1].end == "01/2022"


def test_minimal_cv_without_sections():
    """A CV with no headings still yields its dated role and its skills."""
    cv = read_cv("Sam Lee\nBackend developer at Fernway, 2019 - 2022\n- Built billing APIs in Go and PostgreSQL\n")
    assert cv.sections == ()
    assert [(r.title, r.organisation, r.start_year, r.end_year) for r in cv.roles] == [
        ("Backend developer", "Fernway", 2019, 2022)]
    assert "PostgreSQL" in {s.name for s in cv.skills}


@pytest.mark.parametrize(
    ("bullet", "expected"),
    [
        ("Cut p95 latency from 900 ms to 240 ms", True),
        ("Raised $18M Series A", True),
        ("Achieved 2.8x speedup over baseline", True),
        ("Serving 2M+ monthly API requests", True),
        ("Saved 6 hours a week of manual deployments", True),
        ("Reduced errors by 30%", True),
        ("Halved the build time", True),
        ("Built the order service in 2021", False),
        ("Worked on the refund flow with the finance team", False),
    ],
)
def test_measurable_result_rule(bullet, expected):
    """Percentages, money, multipliers, big-number suffixes and units count as results; a bare year does not."""
    assert is_measurable(bullet) is expected


def test_weak_verbs():
    """'Helped', 'worked on', 'responsible for' and 'assisted' are weak; 'Led' is not."""
    assert weak_verb("Helped with the migration") == "helped"
    assert weak_verb("Responsible for on-call") == "responsible for"
    assert weak_verb("Assisted the support team") == "assisted"
    assert weak_verb("Led the migration of 14 cron jobs") is None


def test_cv_profile_round_trips_json(bank):
    """A CV profile survives JSON storage unchanged."""
    cv = read_cv(fixture_text("backend_cv.txt"), bank)
    assert CvProfile.from_dict(json.loads(json.dumps(cv.to_dict()))) == cv
