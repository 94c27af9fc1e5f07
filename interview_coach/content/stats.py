"""Counts of the content bank, for ``interview-coach content stats`` and for the coverage tests.

The JSON shape: top-level totals ``topics``, ``subtopics``, ``concepts``, ``questions``,
``behavioural``, ``skills`` (integers) and ``debugging`` (an object of counts per language), then
breakdowns ``by_topic``, ``by_subtopic``, ``by_difficulty``, ``by_competency``,
``by_skill_category``, ``debugging_by_difficulty``, and ``shortfalls`` (see
:func:`~.checks.coverage_shortfalls`; empty lists when every target is met).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .bank import ContentBank
from .checks import coverage_shortfalls, per_language_counts
from .schema import Difficulty, SkillCategory

__all__ = ["content_stats", "format_table"]


def _levels(questions) -> dict[str, int]:
    counts = Counter(q.difficulty for q in questions)
    return {level.value: counts[level] for level in Difficulty}


def content_stats(bank: ContentBank) -> dict[str, Any]:
    """Counts per topic, subtopic, difficulty, language, competency and skill category (JSON-ready)."""
    by_topic = {
        t.name: {
            "id": t.id,
            "subtopics": len(t.subtopics),
            "concepts": sum(len(s.concepts) for s in t.subtopics),
            "questions": sum(len(s.questions) for s in t.subtopics),
            "by_difficulty": _levels(q for s in t.subtopics for q in s.questions),
        }
        for t in bank.topics
    }
    by_subtopic = {
        s.id: {
            "topic": s.topic,
            "name": s.name,
            "concepts": len(s.concepts),
            "questions": len(s.questions),
            "by_difficulty": _levels(s.questions),
        }
        for s in bank.subtopics_all
    }
    categories = Counter(s.category for s in bank.skills)
    shortfalls = coverage_shortfalls(bank)
    return {
        "topics": len(bank.topics),
        "subtopics": len(bank.subtopics_all),
        "concepts": len(bank.concepts),
        "questions": len(bank.questions),
        "behavioural": len(bank.behavioural_questions),
        "skills": len(bank.skills),
        "debugging": per_language_counts(bank),
        "by_topic": by_topic,
        "by_subtopic": by_subtopic,
        "by_difficulty": _levels(bank.questions),
        "by_competency": {c.slug: len(c.questions) for c in bank.competencies},
        "by_skill_category": {cat.value: categories[cat] for cat in SkillCategory},
        "debugging_by_difficulty": _levels(bank.challenges),
        "targets_met": not any(shortfalls.values()),
        "shortfalls": shortfalls,
    }


def format_table(stats: dict[str, Any]) -> str:
    """The stats as aligned plain-text tables for a terminal."""
    lines = [
        "Totals",
        *(f"  {key:<12} {stats[key]:>5}" for key in ("topics", "subtopics", "concepts", "questions", "behavioural", "skills")),
        f"  {'debugging':<12} {sum(stats['debugging'].values()):>5}  "
        + ", ".join(f"{lang} {n}" for lang, n in stats["debugging"].items()),
        "",
        f"{'Topic':<22} {'subtopics':>9} {'concepts':>8} {'questions':>9} {'easy':>5} {'medium':>6} {'hard':>5}",
    ]
    for name, t in stats["by_topic"].items():
        d = t["by_difficulty"]
        lines.append(f"{name:<22} {t['subtopics']:>9} {t['concepts']:>8} {t['questions']:>9} {d['easy']:>5} {d['medium']:>6} {d['hard']:>5}")
    lines += ["", f"{'Subtopic':<46} {'concepts':>8} {'easy':>5} {'medium':>6} {'hard':>5}"]
    for sid, s in stats["by_subtopic"].items():
        d = s["by_difficulty"]
        lines.append(f"{sid:<46} {s['concepts']:>8} {d['easy']:>5} {d['medium']:>6} {d['hard']:>5}")
    lines += ["", "Behavioural by competency: " + ", ".join(f"{k} {v}" for k, v in stats["by_competency"].items())]
    lines += ["Skills by category: " + ", ".join(f"{k} {v}" for k, v in stats["by_skill_category"].items() if v)]
    lines += ["Debugging by difficulty: " + ", ".join(f"{k} {v}" for k, v in stats["debugging_by_difficulty"].items())]
    problems = [p for area in stats["shortfalls"].values() for p in area]
    lines += ["", "All coverage targets met." if not problems else f"Short of the targets ({len(problems)}):"]
    lines += [f"  - {p}" for p in problems[:60]]
    if len(problems) > 60:
        lines.append(f"  … and {len(problems) - 60} more (see --json)")
    return "\n".join(lines)
