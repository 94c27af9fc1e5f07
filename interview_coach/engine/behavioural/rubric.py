"""Score a behavioural (STAR) answer from signals a reader can check in the answer itself.

Pure Python: no Flask, no database. ``assess(prompt, answer, backend)`` returns a
:class:`BehaviouralAssessment` with a score in [0, 1], one :class:`Finding` per rubric component,
the STAR parts and red flags with the words that show them, and strengths and improvements written
as plain sentences that quote the candidate's own words.

The STAR parts come from :mod:`.star` (labels, negation, hypotheticals and answers with no story are
understood there) and the red flags from :mod:`.red_flags` (raised only from what was said, never
from a negated, contrasted or hypothetical sentence). The rubric (weights sum to 1.0; every
component scores 0–1 and the weighted sum is the score):

=================  ======  ==================================================================
component          weight  what earns it
=================  ======  ==================================================================
situation          0.08    the STAR situation is present (see :mod:`.star`)
task               0.08    the STAR task is present
action             0.14    the candidate's own steps: 1 distinct action verb = 0.5, 2 = 0.8,
                           3 or more = 1.0 (a labelled action section counts as at least 1)
result             0.10    the STAR result is present; 0.8 of it when it comes before the
                           first action (told out of order)
ownership          0.10    only when there is a story with actions: share of I/me/my among
                           I+we in the action clauses; ≤ 0.2 → 0, ≥ 0.6 → 1, linear between.
                           No story, nothing to own: 0 and no praise
specificity        0.12    concrete detail: numbers, time frames, named tools, people or
                           roles; 6 distinct details → 1.0 (linear below)
measurable result  0.10    the result sentence carries a figure (a number, a percentage, a
                           count or amount with its unit): 1.0; a result without one 0.4
reflection         0.05    what was learned or changed afterwards ("I learned", "next time",
                           "since then")
length             0.05    the 1–2 minute guidance, ~150–300 words: 1.0 inside; below 150
                           words/150; above 300 it falls to 0.4 at 600
strong signals     0.18    the question's ``strong_answer_shows``: mean coverage of each
                           point, the larger of word overlap (share of the point's content
                           words present, 50 % → 1) and, when an embedding backend is given,
                           cosine similarity to the best sentence or sentence pair (0.30 → 0,
                           0.50 → 1); 0.5 when the question lists no points
=================  ======  ==================================================================

Then three adjustments: each red flag the answer shows multiplies the score by 0.8, at most twice
(× 0.64): a red flag outweighs good structure, yet a real attempt still scores above an empty one;
an answer under 60 words is scaled by words/60, because no STAR story fits in a few lines however
well-chosen its words; and an answer that tells no story at all (see :mod:`.star`) is capped at
:data:`NO_STORY_CAP`. The result is clipped to [0, 1]. An empty answer scores 0.

Every note names what it saw or missed in *this* answer (it quotes the words), so two answers never
get the same advice sentence. These are heuristics over observable text, not a judgement of the
person: the findings say exactly what was and was not found so a candidate can check and disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from . import red_flags as flagging
from .star import PART_LABELS, StarAnalysis, analyse
from .text import read

__all__ = ["BehaviouralPrompt", "Finding", "BehaviouralAssessment", "assess", "advice", "gaps", "quote", "WEIGHTS",
           "IDEAL_WORDS", "NO_STORY_CAP"]

WEIGHTS: dict[str, float] = {
    "situation": 0.08, "task": 0.08, "action": 0.14, "result": 0.10, "ownership": 0.10,
    "specificity": 0.12, "measurable_result": 0.10, "reflection": 0.05, "length": 0.05,
    "strong_signals": 0.18,
}
LABELS = {
    **PART_LABELS, "ownership": "Ownership", "specificity": "Specific detail", "measurable_result": "Measurable result",
    "reflection": "Reflection", "length": "Length", "strong_signals": "What a strong answer shows",
}
IDEAL_WORDS = (150, 300)  # about one to two minutes spoken
SHORT_WORDS = 60
RED_FLAG_FACTOR, RED_FLAG_MAX = 0.8, 2
SIM_LOW, SIM_HIGH = 0.30, 0.50
NO_STORY_CAP = 0.15

_REFLECTION = re.compile(
    r"\b(I learn(ed|t)|lesson|next time|would do differently|do it differently|in hindsight|looking back|"
    r"since then|I now|now I|taught me|I realis|I realiz|changed how I|I still)\b", re.I)
_NUMBER = re.compile(
    r"(\b\d+([.,]\d+)?\s*(%|percent|ms|x)?|\b(two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|"
    r"fifty|hundred|thousand|million|dozen|half|double|twice)\b)", re.I)
# A figure in a result: a number with what it counts or measures, a percentage, a multiple, a fraction.
_FIGURE = re.compile(
    r"\b\d+([.,]\d+)?\s*(%|percent|x\b|ms\b|s\b|[a-z]+)|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|twenty|thirty|fifty|hundred|thousand|million|dozen)\s+[a-z]+|\b(half|doubled|halved|tripled|twice|"
    r"a third|a quarter|zero)\b", re.I)
_TIME = re.compile(
    r"\b((\w+ )?(days?|weeks?|months?|quarters?|sprints?|hours?|minutes?|years?)|Q[1-4]|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|"
    r"october|november|december|overnight|deadline)\b", re.I)
_ROLE = re.compile(
    r"\b(manager|product (owner|manager)|PM|designer|engineer|developer|customer|client|CTO|CEO|VP|"
    r"lead|tech lead|QA|tester|stakeholder|director|architect|analyst|intern|on-call|support team|vendor)s?\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)?%?")
_SENT = re.compile(r"(?<=[.!?])\s+|\n+")
_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is was were be been being it its this that these "
    "those they them their than then so such not no rather instead what which who whom how when where why "
    "into about over after before about can could would should will may might do did does done have has had "
    "any some more most other own same very just only also even well there here out up down off again".split())


@dataclass(frozen=True, slots=True)
class BehaviouralPrompt:
    """The question and what an experienced interviewer listens for."""

    question: str
    strong_answer_shows: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One rubric component: its 0–1 score, weight, the words that earned it, and a plain note."""

    component: str
    label: str
    score: float
    weight: float
    evidence: str
    note: str


@dataclass(slots=True)
class BehaviouralAssessment:
    """The verdict on one behavioural answer (see the module docstring for the rubric).

    ``star`` maps each STAR part to ``{"present", "evidence", "how"}`` (the candidate's words that show
    it, "" when absent); ``red_flag_evidence`` pairs each red flag with the sentence that shows it;
    ``story`` is False when the answer tells no story at all.
    """

    score: float
    findings: list[Finding]
    strengths: list[str]
    improvements: list[str]
    shown: list[str] = field(default_factory=list)  # strong_answer_shows points the answer covers
    red_flags: list[str] = field(default_factory=list)  # red flags the answer shows
    word_count: int = 0
    method: str = "lexical"  # "semantic" when an embedding backend compared the answer
    star: dict[str, dict] = field(default_factory=dict)
    story: bool = False
    red_flag_evidence: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        """JSON-ready form for storing and for the API."""
        return {
            "score": self.score, "word_count": self.word_count, "method": self.method, "story": self.story,
            "findings": [{"component": f.component, "label": f.label, "score": round(f.score, 3),
                          "weight": f.weight, "evidence": f.evidence, "note": f.note} for f in self.findings],
            "strengths": list(self.strengths), "improvements": list(self.improvements),
            "shown": list(self.shown), "red_flags": list(self.red_flags),
            "star": {part: dict(v) for part, v in self.star.items()},
            "red_flag_evidence": [dict(e) for e in self.red_flag_evidence],
        }


def assess(prompt: BehaviouralPrompt, answer: str, backend=None) -> BehaviouralAssessment:
    """Score ``answer`` to ``prompt``. ``backend`` is an embedding backend (anything with
    ``embed(texts) -> unit vectors``) for semantic matching; None uses word overlap. Never raises on odd
    text; an empty answer scores 0 with one improvement."""
    text = " ".join((answer or "").split())
    words = _WORD.findall(text)
    if not words:
        return BehaviouralAssessment(0.0, [], [], ["Tell a real story: the situation, what you did and how it ended."])
    reading = read(answer or "")
    star = analyse(answer or "")
    sentences = [s.text for s in reading.sentences] or [text]
    findings = [
        _part(star, "situation"), _part(star, "task"), _actions(star), _result(star, text),
        _ownership(star),
        _specificity(text),
        _measurable(star),
        _reflection(sentences, star),
        _length(len(words)),
    ]
    coverage, shown, method = _match_prompt(prompt, sentences, backend)
    findings.append(coverage)
    hits = flagging.find(prompt.red_flags, reading, star, backend, prompt.question)
    raw = sum(f.score * f.weight for f in findings)
    raw *= RED_FLAG_FACTOR ** min(RED_FLAG_MAX, len(hits))
    if len(words) < SHORT_WORDS:
        raw *= len(words) / SHORT_WORDS
    if not star.story:
        raw = min(raw, NO_STORY_CAP)
    score = round(float(min(1.0, max(0.0, raw))), 4)
    strengths = [f.note for f in findings if star.story and f.score >= 0.75 and f.evidence] if star.story else []
    improvements = [f"Interviewers treat this as a red flag: {_lower_first(h.flag)}; you said {quote(h.evidence)}."
                    for h in hits]
    if not star.story:
        improvements.append(_no_story_note(star, sentences))
    # With no story, advice on detail or length is noise: the one thing to fix is telling a story.
    improvements += [f.note for f in sorted(findings, key=lambda f: (f.score - 1) * f.weight)
                     if f.score < 0.6 and f.note and (star.story or f.component == "strong_signals")]
    return BehaviouralAssessment(
        score, findings, strengths[:4], _distinct(improvements)[:4], shown, [h.flag for h in hits], len(words),
        method, star={p: {"present": v.present, "evidence": v.evidence, "how": v.how} for p, v in star.parts.items()},
        story=star.story, red_flag_evidence=[{"flag": h.flag, "evidence": h.evidence} for h in hits])


def advice(result: BehaviouralAssessment, avoid=(), limit: int = 3) -> list[str]:
    """The few sentences to show under one answer: every red flag, then the answer's best strength and its
    most costly gaps, skipping any sentence in ``avoid`` (what earlier answers of the same interview were
    already told), so no advice sentence repeats across an interview. Empty when everything it would say
    was said before (the caller then points to the earlier answer)."""
    seen = set(avoid)
    flags = [i for i in result.improvements if i.startswith("Interviewers treat this as a red flag")]
    rest = [i for i in result.improvements if i not in flags]
    picked = [s for s in flags if s not in seen]
    picked += [s for s in result.strengths if s not in seen][:1]
    picked += [s for s in rest if s not in seen]
    return list(dict.fromkeys(picked))[:max(limit, len(flags))]


def gaps(result: BehaviouralAssessment) -> list[str]:
    """The STAR parts this answer lacks, as lower-case names ("situation", …); all four with no story."""
    return [PART_LABELS[p].lower() for p, v in result.star.items() if not v.get("present")]


# ----------------------------------------------------------------------------- components


def quote(text: str, limit: int = 14) -> str:
    """The first ``limit`` words of ``text`` in quotation marks (an ellipsis when cut)."""
    parts = text.split()
    return "“" + " ".join(parts[:limit]) + ("…" if len(parts) > limit else "") + "”"


def _finding(component: str, score: float, evidence: str, note: str) -> Finding:
    return Finding(component, LABELS[component], float(min(1.0, max(0.0, score))), WEIGHTS[component], evidence, note)


def _first_step(star: StarAnalysis) -> str:
    return star.action_evidence[0] if star.action_evidence else star.parts["action"].evidence


def _part(star: StarAnalysis, part: str) -> Finding:
    verdict = star.parts[part]
    if verdict.present:
        said = {"situation": "You set the scene", "task": "You said what you had to achieve"}[part]
        return _finding(part, 1.0, verdict.evidence, f"{said}: {quote(verdict.evidence)}.")
    if not star.story:
        return _finding(part, 0.0, "", "")
    step = _first_step(star)
    if part == "situation":
        note = (f"You start straight with {quote(step, 10)}: first say when and where this happened and what was "
                "going on." if step else "Open with the situation: when, where and what was at stake.")
    else:
        note = (f"Before {quote(step, 10)}, say what you had to achieve: the goal, who asked, and by when."
                if step else "Say what your task or goal was, and any deadline.")
    return _finding(part, 0.0, "", note)


def _actions(star: StarAnalysis) -> Finding:
    verdict = star.parts["action"]
    count = max(len(star.actions), 1 if verdict.present else 0)
    score = {0: 0.0, 1: 0.5, 2: 0.8}.get(count, 1.0)
    if not verdict.present:
        if not star.story:
            return _finding("action", 0.0, "", "")
        scene = star.parts["situation"].evidence or star.parts["task"].evidence
        where = f" after {quote(scene, 10)}" if scene else ""
        return _finding("action", 0.0, "", f"Say what you did{where}: the steps you took yourself, each with “I …”.")
    if count == 1:
        return _finding("action", score, verdict.evidence,
                        f"Only one step of yours is clear ({quote(verdict.evidence)}); walk through two or three "
                        "concrete steps.")
    if score < 1.0:  # two steps: listed with the strengths (score 0.8), so worded as one
        return _finding("action", score, verdict.evidence,
                        f"You described two steps of your own: {quote(verdict.evidence)}; a third would complete it.")
    return _finding("action", score, verdict.evidence, f"You described your own actions step by step: {quote(verdict.evidence)}.")


def _result(star: StarAnalysis, text: str) -> Finding:
    verdict = star.parts["result"]
    if not verdict.present:
        if not star.story:
            return _finding("result", 0.0, "", "")
        last = star.action_evidence[-1] if star.action_evidence else ""
        note = (f"Your story stops at {quote(last, 10)}: finish with what happened because of it."
                if last else "Finish with the result: what happened because of what you did.")
        return _finding("result", 0.0, "", note)
    # Told before any action (out of STAR order) it counts 0.8: the listener hears the end first.
    first = star.parts["action"].evidence
    where_result, where_action = text.find(" ".join(verdict.evidence.split())), text.find(" ".join(first.split()))
    in_order = not first or where_result < 0 or where_action < 0 or where_result >= where_action
    return _finding("result", 1.0 if in_order else 0.8, verdict.evidence, f"You stated the outcome: {quote(verdict.evidence)}.")


def _ownership(star: StarAnalysis) -> Finding:
    if not star.story or not star.actions:
        return _finding("ownership", 0.0, "", "")
    mine, ours = star.mine, star.ours
    evidence = f"{mine} × I/me/my, {ours} × we/our in what you did"
    if mine + ours == 0:
        return _finding("ownership", 0.5, evidence, "")
    score = (mine / (mine + ours) - 0.2) / 0.4
    if score >= 0.75:
        return _finding("ownership", score, evidence,
                        f"You owned your part: {quote(star.action_evidence[0], 10)} says what you did yourself.")
    we_step = next((a for a in star.action_evidence if re.search(r"\bwe\b", a, re.I)), star.action_evidence[0])
    return _finding("ownership", score, evidence,
                    f"Your steps are told as “we” ({quote(we_step, 10)}): the interviewer is hiring you, so say "
                    "which parts you did.")


def _specificity(text: str) -> Finding:
    found: list[str] = []
    for pattern in (_NUMBER, _TIME, _ROLE):
        for m in pattern.finditer(text):
            item = m.group(0).strip()
            if item and item.lower() not in (f.lower() for f in found):
                found.append(item)
    found += [n for n in _proper_nouns(text) if n.lower() not in (f.lower() for f in found)]
    score = len(found) / 6
    evidence = ", ".join(found[:8])
    if score >= 0.75:
        return _finding("specificity", score, evidence, f"Concrete details make it believable: {evidence}.")
    return _finding("specificity", score, evidence,
                    "Add concrete detail: numbers, dates, the tools, people and roles involved" +
                    (f" (so far only: {evidence})." if found else "."))


def _proper_nouns(text: str) -> list[str]:
    # Capitalised words that do not start a sentence: names of people, products and tools.
    names = []
    for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-zA-Z0-9+#.]*[a-zA-Z0-9+#])", text):
        word = m.group(1)
        if word not in {"I", "I'm", "I've", "I'd"} and word not in names and m.start() > 0:
            names.append(word)
    return names


def _measurable(star: StarAnalysis) -> Finding:
    verdict = star.parts["result"]
    if not verdict.present:
        return _finding("measurable_result", 0.0, "", "")
    if _FIGURE.search(verdict.evidence):
        return _finding("measurable_result", 1.0, verdict.evidence, f"Your result is measurable: {quote(verdict.evidence)}.")
    return _finding("measurable_result", 0.4, verdict.evidence,
                    f"Put a number on {quote(verdict.evidence, 10)}: time saved, errors down, users affected.")


def _reflection(sentences: list[str], star: StarAnalysis) -> Finding:
    hit = next((s for s in sentences if _REFLECTION.search(s)), None) if star.story else None
    if hit is None:
        return _finding("reflection", 0.0, "", "End with what you learned or now do differently." if star.story else "")
    return _finding("reflection", 1.0, hit, f"You reflected on what you learned: {quote(hit)}.")


def _length(count: int) -> Finding:
    low, high = IDEAL_WORDS
    if count < low:
        score, note = count / low, f"At {count} words it is short; aim for {low}–{high} (one to two minutes spoken)."
    elif count <= high:
        score, note = 1.0, f"A good length: {count} words, about one to two minutes spoken."
    else:
        score = max(0.4, 1 - 0.6 * (count - high) / high)
        note = f"At {count} words it runs long; keep it under {high} (two minutes) and let the interviewer ask for more."
    return _finding("length", score, f"{count} words", note)


def _no_story_note(star: StarAnalysis, sentences: list[str]) -> str:
    said = star.no_example or (sentences[0] if sentences else "")
    return (f"There is no story here yet ({quote(said, 12)}): pick one real situation, even a small one, and say "
            "what happened, what you did and how it ended.")


def _distinct(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


# ----------------------------------------------------------------------------- the question's own points


def _match_prompt(prompt: BehaviouralPrompt, sentences: list[str], backend):
    """Coverage of ``strong_answer_shows``, semantic when a backend is given."""
    shows = list(prompt.strong_answer_shows)
    if not shows:
        return _finding("strong_signals", 0.5, "", "This question lists no specific points."), [], "lexical"
    windows = sentences + [f"{a} {b}" for a, b in zip(sentences, sentences[1:])]
    whole = " ".join(sentences)
    # Word overlap catches points stated in the question's own words; the model catches paraphrase.
    show_cov = [min(1.0, _overlap(point, whole) / 0.5) for point in shows]
    method = "lexical"
    if backend is not None:
        vectors = np.asarray(backend.embed(windows + shows), dtype=np.float32)
        best = (vectors[len(windows):] @ vectors[: len(windows)].T).max(axis=1)
        show_cov = [max(c, float(np.clip((s - SIM_LOW) / (SIM_HIGH - SIM_LOW), 0, 1))) for c, s in zip(show_cov, best)]
        method = "semantic"
    shown = [p for p, c in zip(shows, show_cov) if c >= 0.6]
    score = sum(show_cov) / len(show_cov)
    missing = [p for p, c in zip(shows, show_cov) if c < 0.6]
    if score >= 0.6 or not missing:
        note = f"You showed what interviewers look for here: {_lower_first(shown[0])}." if shown else ""
    else:
        note = f"A strong answer to this question also shows: {_lower_first(missing[0])}."
    return _finding("strong_signals", score, "; ".join(shown), note), shown, method


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _stems(text: str) -> set[str]:
    return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2}


def _overlap(point: str, text: str) -> float:
    wanted = _stems(point)
    return len(wanted & _stems(text)) / len(wanted) if wanted else 0.0
