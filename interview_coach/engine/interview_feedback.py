"""The written feedback of a finished quick interview, as Markdown.

Pure Python: plain data in (one :class:`AnsweredItem` per question), a Markdown string out. The
feedback has four parts: the overall verdict band with the score, the best and the weakest
answer quoted, concrete next steps, and a note per question.

Verdict bands on the mean 0–1 score (the quick interview's ``score``):

- ≥ 0.80 **Strong**: ready for this kind of interview;
- ≥ 0.65 **Good**: solid, with a few gaps;
- ≥ 0.45 **Developing**: the basics are there, the answers need more depth;
- below **Needs work**.

Candidate text is data: it is quoted with every Markdown control character escaped, so an answer
can never add links, images, headings or HTML to the feedback (the page also renders Markdown
with HTML disabled and sanitises the result).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

__all__ = ["AnsweredItem", "verdict", "write_feedback", "escape_markdown", "BANDS"]

BANDS: tuple[tuple[float, str, str], ...] = (
    (0.80, "Strong", "You are ready for this kind of interview."),
    (0.65, "Good", "Solid answers, with a few gaps to close."),
    (0.45, "Developing", "The basics are there; the answers need more depth and precision."),
    (0.0, "Needs work", "Practise the fundamentals below before your next interview."),
)
QUOTE_WORDS = 40

# Behavioural rubric components → the next step that addresses a low average (engine/behavioural).
_BEHAVIOURAL_STEPS = {
    "situation": "Open every story with one or two sentences of context: when, where, what was at stake.",
    "task": "Say plainly what *your* goal or responsibility was before describing what you did.",
    "action": "Spend most of the answer on your own actions: two or three concrete steps, each with “I …”.",
    "result": "Always finish with the outcome; an answer that stops at the actions leaves the interviewer guessing.",
    "ownership": "Replace “we” with “I” wherever the work was yours; keep “we” for what the team did together.",
    "specificity": "Prepare each story with real numbers, dates, tools and the roles of the people involved.",
    "measurable_result": "Put a number on each result: time saved, errors avoided, users or revenue affected.",
    "reflection": "End with one sentence on what you learned or now do differently.",
    "length": "Rehearse each story aloud to last one to two minutes (about 150–300 words).",
    "strong_signals": "Before answering, ask yourself what the question is testing and make sure your story shows it.",
}


@dataclass(frozen=True, slots=True)
class AnsweredItem:
    """One answered question as the feedback writer needs it.

    ``label`` is the topic (technical) or competency (behavioural); ``details`` is what the scorer
    stored: for technical answers ``missing_concepts`` (names); for behavioural ones ``findings``
    (component, score) and ``red_flags``.
    """

    number: int  # 1-based position in the interview
    question: str
    label: str
    answer: str
    score: float
    feedback: str
    details: dict = field(default_factory=dict)


def verdict(score: float) -> tuple[str, str]:
    """The band name and its one-line meaning for a 0–1 score."""
    for threshold, name, meaning in BANDS:
        if score >= threshold:
            return name, meaning
    return BANDS[-1][1], BANDS[-1][2]


def escape_markdown(text: str) -> str:
    """``text`` on one line with Markdown/HTML control characters backslash-escaped."""
    flat = " ".join((text or "").split())
    return re.sub(r"([\\`*_{}\[\]<>#|~!&])", r"\\\1", flat)


def _quote(text: str, limit: int = QUOTE_WORDS) -> str:
    words = (text or "").split()
    cut = " ".join(words[:limit]) + (" …" if len(words) > limit else "")
    return "> “" + escape_markdown(cut) + "”"


def write_feedback(kind: str, items: list[AnsweredItem], score: float) -> str:
    """The Markdown feedback for an interview of ``kind`` ("technical" or "behavioural")."""
    band, meaning = verdict(score)
    lines = [f"## Verdict: {band} ({round(score * 100)}%)", "", meaning, ""]
    if not items:
        return "\n".join(lines).strip() + "\n"
    ranked = sorted(items, key=lambda i: (-i.score, i.number))
    best, worst = ranked[0], ranked[-1]
    lines += [f"### Your best answer: question {best.number} ({round(best.score * 100)}%)", "",
              f"*{escape_markdown(best.question)}*", "", _quote(best.answer), "",
              escape_markdown(best.feedback), ""]
    if worst is not best:
        lines += [f"### Your weakest answer: question {worst.number} ({round(worst.score * 100)}%)", "",
                  f"*{escape_markdown(worst.question)}*", "", _quote(worst.answer), "",
                  escape_markdown(worst.feedback), ""]
    steps = _technical_steps(items) if kind == "technical" else _behavioural_steps(items)
    lines += ["### Next steps", ""] + [f"- {s}" for s in steps] + [""]
    lines += ["### Question by question", ""]
    for item in items:
        lines.append(f"{item.number}. **{escape_markdown(item.label)}**, {round(item.score * 100)}%: "
                     f"{escape_markdown(item.feedback)}")
    return "\n".join(lines).strip() + "\n"


def _technical_steps(items: list[AnsweredItem]) -> list[str]:
    by_topic: dict[str, list[AnsweredItem]] = defaultdict(list)
    for item in items:
        by_topic[item.label].append(item)
    steps = []
    weak_topics = sorted(((sum(i.score for i in group) / len(group), topic, group)
                          for topic, group in by_topic.items()), key=lambda t: t[0])
    for mean, topic, group in weak_topics:
        if mean >= 0.65 or len(steps) >= 3:
            continue
        missing = []
        for item in group:
            missing += [m for m in item.details.get("missing_concepts", []) if m not in missing]
        concepts = f": revise {', '.join(escape_markdown(m) for m in missing[:4])}" if missing else ""
        steps.append(f"Practise **{escape_markdown(topic)}** ({round(mean * 100)}% here) in adaptive practice{concepts}.")
    low = [i.number for i in items if i.score < 0.45]
    if low:
        numbers = ", ".join(str(n) for n in low)
        steps.append(f"Read the model answer to question{'s' if len(low) > 1 else ''} {numbers} below, "
                     "then explain it aloud in your own words without looking.")
    if not steps:
        steps.append("Take a 10-question interview, or raise the difficulty in adaptive practice: "
                     "these topics are in good shape.")
    steps.append("Name the key terms explicitly: the interviewer (and the scorer) listens for them.")
    return steps


def _behavioural_steps(items: list[AnsweredItem]) -> list[str]:
    totals: dict[str, list[float]] = defaultdict(list)
    weights: dict[str, float] = {}
    flags: list[str] = []
    for item in items:
        for finding in item.details.get("findings", []):
            totals[finding["component"]].append(float(finding["score"]))
            weights[finding["component"]] = float(finding.get("weight", 0.1))
        flags += [f for f in item.details.get("red_flags", []) if f not in flags]
    gaps = sorted(((1 - sum(v) / len(v)) * weights[c], c) for c, v in totals.items() if v)
    steps = [_BEHAVIOURAL_STEPS[c] for gap, c in reversed(gaps) if gap > 0.02 and c in _BEHAVIOURAL_STEPS][:3]
    if flags:
        steps.append("Rework the stories that sounded like a red flag (" +
                     "; ".join(escape_markdown(f[:1].lower() + f[1:]) for f in flags[:2]) + ").")
    if not steps:
        steps.append("Your stories are well built: prepare two more per competency so you never repeat one.")
    steps.append("Write your five best stories down in STAR form and rehearse them aloud with a timer.")
    return steps
