"""CV anonymisation (retention): personal data replaced, everything else kept, on hand-written and real CVs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from interview_coach.engine.anonymise import anonymise_cv
from interview_coach.engine.documents import extract_text

RESUMES = Path("/work/shared/data/resumes")
HAND = """Jane Mary Smith
Flat 2, 221B Baker Street, London NW1 6XE | +44 20 7946 0958 | jane.smith@example.co.uk
https://www.janesmith.dev · linkedin.com/in/janesmith · GitHub: jsmith

Summary
Backend engineer, 6 years with Python, PostgreSQL and AWS. Built ASP.NET and Node.js services.

Experience
Senior Engineer, Acme Ltd, 2019-2023
- Reduced p95 latency by 40% for 2,000,000 users; 8,500+ GitHub stars.

Name: Jane Smith
Address: 12 Rue de Rivoli, 75001 Paris
Phone: +33 1 42 68 53 00 / (415) 555-0142
Kind regards, Jane Mary Smith
"""
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
URL = re.compile(r"https?://|www\.|linkedin\.com|github\.com|\.(com|me|dev)\b")
PHONE = re.compile(r"\(\d{3}\) \d{3}-\d{4}|\+\d{1,3}[ (]|\d{3}-\d{2,4}")


def test_hand_written_cv_loses_personal_data_and_keeps_the_rest():
    """Name, e-mail, phones, address, postcode and links are replaced; skills, roles and dates stay."""
    out = anonymise_cv(HAND)
    for secret in ("Jane", "Smith", "Baker Street", "NW1 6XE", "7946", "example.co.uk", "janesmith",
                   "jsmith", "Rue de Rivoli", "555-0142", "42 68 53"):
        assert secret not in out, secret
    for placeholder in ("[NAME]", "[EMAIL]", "[PHONE]", "[ADDRESS]", "[LINK]"):
        assert placeholder in out
    for kept in ("Summary", "Experience", "Python, PostgreSQL and AWS", "ASP.NET and Node.js",
                 "Senior Engineer, Acme Ltd, 2019-2023", "40% for 2,000,000 users", "GitHub stars"):
        assert kept in out, kept


def test_job_titles_and_headings_at_the_top_are_not_taken_for_names():
    """A CV that opens with a job title keeps it; only the real name line becomes [NAME]."""
    out = anonymise_cv("Senior Software Engineer\nPROFESSIONAL SUMMARY\nBuilt APIs in Go.\n")
    assert "[NAME]" not in out and "Senior Software Engineer" in out and "PROFESSIONAL SUMMARY" in out


def test_dates_dois_and_year_ranges_are_not_phone_numbers():
    """Year ranges, dates and DOIs survive; only callable numbers become [PHONE]."""
    out = anonymise_cv("Worked 2018-2023, started 12.05.2021, paper 10.1234/icml.2022.9012")
    assert "[PHONE]" not in out and "2018-2023" in out and "icml.2022.9012" in out


def test_empty_text_gives_empty_text():
    """An empty CV stays empty."""
    assert anonymise_cv("") == ""


REAL = ["rendercv__engineeringresumes_typst.pdf", "resumematcher__john_doe_latex_plain.pdf",
        "resumematcher__harvey_dent_moderncv.pdf", "resumematcher__tpl_single_column_chromium.pdf",
        "resumematcher__alfred_pennyworth_moderncv.pdf", "billryan__resume_en_xelatex.pdf",
        "resumematcher__john_smith_word2016.pdf"]


@pytest.mark.parametrize("name", REAL)
def test_real_resumes_lose_contacts_and_keep_headings(name):
    """On a real résumé, e-mails, phones and links are gone, the name too, and section headings remain."""
    text = extract_text((RESUMES / name).read_bytes(), name).text
    out = anonymise_cv(text)
    assert EMAIL.search(text) and not EMAIL.search(out)
    assert not URL.search(out), URL.search(out)
    assert not PHONE.search(out), PHONE.search(out)
    headings = [h for h in ("Education", "Experience", "Skills", "Summary") if re.search(rf"(?im)^\W*{h}", text)]
    assert headings
    for h in headings:
        assert re.search(rf"(?im)^\W*{h}", out), h
    first = next(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("Last updated"))
    if len(first.split()) in (2, 3) and "ENGINEER" not in first:
        assert first.lower() not in out.lower()
