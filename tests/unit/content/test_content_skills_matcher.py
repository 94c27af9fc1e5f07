"""The skills matcher reads realistic job descriptions and CVs without false hits on ordinary words."""

from __future__ import annotations

import pytest

from interview_coach.content.skills import find_skills


def slugs(text: str, bank) -> list[str]:
    return [skill.slug for skill, _ in bank.find_skills(text)]


def test_job_description_skills_in_order(bank):
    """A backend JD: languages, databases, infrastructure and soft skills, each once, in order of mention."""
    jd = (
        "We are hiring a Senior Backend Engineer. You have 5+ years of experience in Go, Python or Java, "
        "run PostgreSQL and Redis in production, and know Kafka. Our stack runs on k8s and Terraform in GCP. "
        "Strong communication skills and experience mentoring are a plus. Python is a must."
    )
    assert slugs(jd, bank) == [
        "go", "python", "java", "postgresql", "redis", "kafka", "kubernetes", "terraform", "gcp",
        "communication", "mentoring",
    ]


def test_symbols_and_dotted_names_match(bank):
    """C++, C#, .NET Core, ASP.NET Core, Node.js, React.js and Objective-C match as written."""
    cv = "Skills: C/C++, C#, .NET Core, ASP.NET Core, Node.js, React.js, Vue.js, Objective-C, CI/CD"
    matched = dict((s.slug, text) for s, text in bank.find_skills(cv))
    assert matched == {
        "c": "C", "cpp": "C++", "csharp": "C#", "dotnet": ".NET Core", "aspnet-core": "ASP.NET Core",
        "nodejs": "Node.js", "react": "React.js", "vue": "Vue.js", "objective-c": "Objective-C", "ci-cd": "CI/CD",
    }


def test_longest_term_wins(bank):
    """React Native is not also React; Spring Boot is not also Spring; JavaScript is not Java."""
    assert slugs("Built apps in React Native and services in Spring Boot with JavaScript.", bank) == [
        "react-native", "spring-boot", "javascript",
    ]


def test_ordinary_words_are_not_skills(bank):
    """'go', 'good', a grade 'C', 'spring' the season and 'excel at' are English, not skills."""
    text = (
        "It was good to go to the office. Let's go! I got a C in maths; plan B and plan C failed. "
        "Go to our website to apply. I excel at staying calm. Spring 2021 internship at a bank."
    )
    assert slugs(text, bank) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Go developer wanted", ["go"]),
        ("I write Go and Rust daily.", ["go", "rust"]),
        ("Statistics in R or Python", ["statistics", "r", "python"]),
        ("C programming on embedded Linux", ["c", "linux"]),
        ("Golang microservices", ["go", "microservices"]),
        ("Proficient in Excel and SQL", ["excel", "sql"]),
    ],
)
def test_ambiguous_terms_match_with_a_technical_signal(bank, text, expected):
    """An ambiguous term counts next to another skill, a list separator or a word like 'developer'."""
    assert slugs(text, bank) == expected


def test_case_insensitive_aliases_and_mentions(bank):
    """Aliases match in any case ('postgres', 'K8S', 'javascript'); positions point at the text."""
    text = "Migrated postgres to Aurora on K8S; wrote javascript."
    assert slugs(text, bank) == ["postgresql", "aurora", "kubernetes", "javascript"]
    mention = bank.skill_mentions(text)[0]
    assert text[mention.start : mention.end] == "postgres"


def test_not_inside_other_tokens(bank):
    """An e-mail domain, a file name or part of a word is not a skill mention."""
    assert slugs("Contact john@python.org or open setup.py; the gopher is here.", bank) == []


def test_module_level_helper_uses_the_bundled_taxonomy():
    """find_skills(text) works without a bank in hand."""
    assert [s.slug for s, _ in find_skills("Docker and Kubernetes")] == ["docker", "kubernetes"]
