"""The written feedback of a finished quick interview, as Markdown.

Pure Python: plain data in (one :class:`AnsweredItem` per question), a Markdown string out. The
feedback has three parts: the overall verdict band with the score, which answer was best and which
weakest, and concrete next steps that name the questions they come from. The note on each question
is not repeated here: it is shown once, with that question's answer (``questions[].feedback``).

Behavioural next steps come from what each answer showed (its stored ``star`` parts, red flags with
the sentence that raised them, ownership): "Questions 2 and 4 stop before the result…", "Question 3
sounded like a red flag: you said “…”". A red flag appears only when the scorer raised it from the
candidate's own words.

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


def write_feedback(kind: str, items: list[AnsweredItem], score: float) -> str:
    """The Markdown feedback for an interview of ``kind`` ("technical" or "behavioural")."""
    band, meaning = verdict(score)
    lines = [f"## Verdict: {band} ({round(score * 100)}%)", "", meaning, ""]
    if not items:
        return "\n".join(lines).strip() + "\n"
    ranked = sorted(items, key=lambda i: (-i.score, i.number))
    best, worst = ranked[0], ranked[-1]
    summary = f"**Best answer:** question {best.number} ({escape_markdown(best.label)}, {round(best.score * 100)}%)."
    if worst is not best:
        summary += (f" **Weakest answer:** question {worst.number} ({escape_markdown(worst.label)}, "
                    f"{round(worst.score * 100)}%).")
    steps = _technical_steps(items) if kind == "technical" else _behavioural_steps(items)
    lines += [summary, "", "### Next steps", ""] + [f"- {s}" for s in steps]
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
    if not any("star" in item.details for item in items):
        return _component_steps(items)  # answers scored before STAR parts were stored
    steps: list[str] = []
    no_story = [i for i in items if i.details.get("star") is not None and not i.details.get("story", True)]
    if no_story:
        said = next((_first_words(i.answer) for i in no_story), "")
        steps.append(f"{_questions(no_story)} gave no example ({said}): prepare one real story for each competency "
                     "before the interview, even a small one.")
    stories = [i for i in items if i.details.get("story")]
    for part, text in _PART_STEPS.items():
        missing = [i for i in stories if not (i.details.get("star", {}).get(part) or {}).get("present")]
        if missing:
            steps.append(f"{_questions(missing)} {text}")
    we = [i for i in stories if _score_of(i, "ownership") is not None and _score_of(i, "ownership") < 0.5]
    if we:
        steps.append(f"{_questions(we)} {'is' if len(we) == 1 else 'are'} told as “we”: say which parts were yours.")
    unmeasured = [i for i in stories if (i.details.get("star", {}).get("result") or {}).get("present")
                  and (_score_of(i, "measurable_result") or 0) < 1.0]
    if unmeasured and len(steps) < 4:
        steps.append(f"Put a number on the result of {_questions(unmeasured).lower()}: time saved, errors down, "
                     "users affected.")
    for item in items:
        for flag in item.details.get("red_flag_evidence", []):
            steps.append(f"Question {item.number} sounded like a red flag: you said “{_first_words(flag['evidence'], 20, quoted=False)}”, "
                         f"which interviewers hear as: {escape_markdown(flag['flag'][:1].lower() + flag['flag'][1:])}.")
    if not steps:
        steps.append("Your stories are well built: prepare two more per competency so you never repeat one.")
    steps.append("Write your five best stories down in STAR form and rehearse them aloud with a timer.")
    return steps


_PART_STEPS = {
    "situation": "start without the scene: open with when and where it happened and what was at stake.",
    "task": "never say what you had to achieve: name the goal, who asked and the deadline before the actions.",
    "action": "do not say what you did: spend most of the answer on two or three steps of your own.",
    "result": "stop before the result: finish with what happened because of what you did.",
}


def _questions(items: list[AnsweredItem]) -> str:
    numbers = [str(i.number) for i in items]
    if len(numbers) == 1:
        return f"Question {numbers[0]}"
    return f"Questions {', '.join(numbers[:-1])} and {numbers[-1]}"


def _first_words(text: str, limit: int = 12, quoted: bool = True) -> str:
    """Up to ``limit`` words of the candidate's text, escaped (and in quotation marks when ``quoted``)."""
    words = (text or "").split()
    cut = escape_markdown(" ".join(words[:limit]) + (" …" if len(words) > limit else ""))
    return f"“{cut}”" if quoted else cut


def _score_of(item: AnsweredItem, component: str) -> float | None:
    return next((float(f["score"]) for f in item.details.get("findings", []) if f.get("component") == component), None)


def _component_steps(items: list[AnsweredItem]) -> list[str]:
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
