"""React to the candidate's last answer: classify it, then write the interviewer's follow-up.

``classify_answer(question, answer, backend=None) -> AnswerSignal`` and
``follow_up(question, answer, signal, job, cv) -> str | None`` are pure (the optional ``backend``
is an embedding backend: anything with ``embed(list[str]) -> unit vectors``). The checks run in
this order and the first that fires decides the kind:

1. **vague** — fewer than :data:`MIN_WORDS` (20) words; or no specifics (numbers, named skills from
   the taxonomy, or the question's concept names and aliases) and a hedge (:data:`HEDGES`:
   "I guess", "maybe", "it depends", "sort of" …).
2. **off_topic** — with a backend: cosine similarity between the answer and the question below
   :data:`OFF_TOPIC_SIM` (0.15), or below :data:`WEAK_TOPIC_SIM` (0.25) while sharing no content word
   with the question and its context (skill, CV item, competency, concept names). Measured with
   all-MiniLM-L6-v2: on-topic answers score 0.4–0.7, unrelated stories −0.1–0.25. Without a
   backend (lexical): no shared content word at all.
3. **vague** (again) — no specifics in fewer than :data:`SPECIFIC_WORDS` (60) words, or
   :data:`MANY_HEDGES` (3) hedges with at most one specific. (Checked after off-topic so that a
   short unrelated story is brought back to the question rather than asked for numbers.)
4. **no_result** — for opener, deep-dive and behavioural questions: a story (at least
   :data:`STORY_VERBS` (2) past-tense first-person actions, "I built", "we migrated") with no outcome
   (no result phrase such as "as a result", "reduced", "saved", "shipped", "which meant", and no
   measurable figure such as "40%" or "3 hours").
5. **ok** — otherwise; ``follow_up`` then returns None.

Known limits: English cue words only; sarcasm and negation are not understood; a long, fluent but
wrong technical answer is "ok" here (correctness is the scorer's job, not the follow-up's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ._text import content_stems, words
from .cv import CvProfile, is_measurable
from .job import JobProfile
from .plan import PlannedQuestion

__all__ = ["AnswerSignal", "classify_answer", "follow_up", "MIN_WORDS", "SPECIFIC_WORDS", "MANY_HEDGES",
           "OFF_TOPIC_SIM", "WEAK_TOPIC_SIM", "STORY_VERBS", "HEDGES"]

MIN_WORDS = 20
SPECIFIC_WORDS = 60
MANY_HEDGES = 3
OFF_TOPIC_SIM = 0.15
WEAK_TOPIC_SIM = 0.25
STORY_VERBS = 2
HEDGES = ("i guess", "maybe", "probably", "sort of", "kind of", "it depends", "not sure", "i suppose",
          "stuff like that", "things like that", "and so on", "etc", "basically", "somehow", "whatever",
          "i don't know", "i dont know", "various things", "some things", "more or less", "perhaps")
_HEDGE_RE = re.compile(r"\b(" + "|".join(re.escape(h) for h in HEDGES) + r")\b", re.I)
_NUMBER = re.compile(r"\b\d+([.,]\d+)?\b|\b(two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|"
                     r"thousand|million|half|double|twice)\b", re.I)
_STORY = re.compile(r"\b(I|we)\s+(?:then\s+|also\s+|first\s+|finally\s+)?(\w+ed|built|led|wrote|ran|made|took|"
                    r"set up|found|began|chose|gave|got|held|met|put|sent|spent|thought|rewrote|rebuilt|"
                    r"did|went|brought|kept|told|spoke|sat)\b", re.I)
_RESULT = re.compile(
    r"\b(as a result|in the end|the result|the outcome|result was|outcome was|which meant|that meant|led to|"
    r"resulted in|so that|(reduced|increased|improved|cut|saved|grew|dropped|fell|rose|halved|doubled|"
    r"shipped|launched|delivered|released|won|fixed|solved|resolved|succeeded|finished|completed|"
    r"went live|on time|ahead of schedule)\b)", re.I)
_TOOL_CATEGORIES = ("language", "framework", "library", "database", "cloud", "devops", "tool", "data", "ml",
                    "testing", "security", "mobile")
_OUTCOME_KINDS = ("opener", "deep_dive", "behavioural")
_QUESTION_SENT = re.compile(r"[^.?!]*\?")


@dataclass(frozen=True, slots=True)
class AnswerSignal:
    """What the follow-up reacts to. ``kind`` is "vague" | "no_result" | "off_topic" | "ok"."""

    kind: str
    reasons: tuple[str, ...]
    word_count: int
    specifics: int
    hedges: tuple[str, ...]
    similarity: float | None = None  # answer–question cosine, when a backend was given
    method: str = "lexical"  # "semantic" when the off-topic check used embeddings

    def to_dict(self) -> dict:
        return {"kind": self.kind, "reasons": list(self.reasons), "word_count": self.word_count,
                "specifics": self.specifics, "hedges": list(self.hedges), "similarity": self.similarity,
                "method": self.method}


def _context(question: PlannedQuestion) -> str:
    parts = [question.text, question.skill or "", question.cv_item or "",
             (question.competency or "").replace("-", " ")]
    parts += [name for name, _ in question.concepts]
    return " ".join(parts)


def _specifics(question: PlannedQuestion, answer: str, bank) -> int:
    count = len(_NUMBER.findall(answer)) + len(bank.find_skills(answer))
    low = answer.lower()
    for name, aliases in question.concepts:
        if any(re.search(r"\b" + re.escape(t.lower()) + r"\b", low) for t in (name, *aliases)):
            count += 1
    return count


def classify_answer(question: PlannedQuestion, answer: str, backend=None, bank=None) -> AnswerSignal:
    """Classify ``answer`` to ``question`` (see the module docstring for the rules and thresholds)."""
    if bank is None:
        from ...content import load_content

        bank = load_content()
    text = (answer or "").strip()
    n = len(words(text))
    hedges = tuple(m.group(1).lower() for m in _HEDGE_RE.finditer(text))
    spec = _specifics(question, text, bank) if text else 0

    def signal(kind: str, *reasons: str, sim: float | None = None, method: str = "lexical") -> AnswerSignal:
        return AnswerSignal(kind, reasons, n, spec, hedges, sim, method)

    if n < MIN_WORDS:
        return signal("vague", f"only {n} words (fewer than {MIN_WORDS})")
    if spec == 0 and hedges:
        return signal("vague", f"no numbers, tools or named specifics; hedging ({', '.join(dict.fromkeys(hedges))})")

    shared = content_stems(text) & content_stems(_context(question))
    sim = None
    method = "lexical"
    if backend is not None:
        vecs = np.asarray(backend.embed([question.text, text]), dtype=np.float32)
        sim = float(vecs[0] @ vecs[1])
        method = "semantic"
        if sim < OFF_TOPIC_SIM or (sim < WEAK_TOPIC_SIM and not shared):
            return signal("off_topic", f"similarity to the question {sim:.2f}", sim=sim, method=method)
    elif not shared:
        return signal("off_topic", "shares no content word with the question")

    if spec == 0 and n < SPECIFIC_WORDS:
        return signal("vague", f"no numbers, tools or named specifics in {n} words", sim=sim, method=method)
    if len(hedges) >= MANY_HEDGES and spec <= 1:
        return signal("vague", f"{len(hedges)} hedges with at most one specific", sim=sim, method=method)

    if question.kind in _OUTCOME_KINDS:
        actions = _STORY.findall(text)
        has_result = bool(_RESULT.search(text)) or any(is_measurable(s) for s in re.split(r"(?<=[.!?])\s+", text))
        if len(actions) >= STORY_VERBS and not has_result:
            return signal("no_result", f"{len(actions)} past actions and no outcome", sim=sim, method=method)
    return signal("ok", sim=sim, method=method)


def _topic(question: PlannedQuestion) -> str:
    if question.kind == "behavioural" and question.competency:
        return question.competency.replace("-", " ")
    if question.kind == "deep_dive" and question.cv_item:
        return question.cv_item if question.cv_item.startswith("your ") else f"your time as {question.cv_item}"
    if question.concepts:  # a bank question: its first key concept names the subject
        return question.concepts[0][0]
    if question.skill:
        return question.skill
    return {"opener": "you and this role", "closing": "this role", "scenario": "the scenario"}.get(question.kind, "it")


def _core(question: PlannedQuestion) -> str:
    """The question's own ask: its last sentence that ends with "?" (the whole text otherwise)."""
    asks = [s.strip() for s in _QUESTION_SENT.findall(question.text)]
    return asks[-1] if asks else question.text


def follow_up(question: PlannedQuestion, answer: str, signal: AnswerSignal, job: JobProfile | None = None,
              cv: CvProfile | None = None) -> str | None:
    """The interviewer's next line for ``signal``; None when the answer needs no follow-up.

    vague → ask for one specific example with numbers and tools (naming up to two of the job's
    required tools other than the question's own skill, and the candidate's latest role when known;
    for technical questions, one concrete case walked through step by step);
    no_result → ask for the outcome, ideally measured, and what they would do differently;
    off_topic → politely bring the candidate back, naming the topic and repeating the question's ask.
    """
    del answer  # the signal already carries what the follow-up needs; kept for a stable signature
    if signal.kind == "vague":
        if question.kind == "technical":
            return ("Could you be more specific? Take one concrete case and walk me through it step by step: "
                    "what happens, why, and what you would check or measure.")
        tools = [s.name for s in (job.required_skills if job else ()) if s.category in _TOOL_CATEGORIES]
        tools = [t for t in tools if t != question.skill][:2]
        example = f", for instance from your time as {cv.roles[0].label}" if cv and cv.roles and \
            question.kind != "deep_dive" else ""
        tool_hint = f" (for example {' or '.join(tools)})" if tools else ""
        return (f"Could you make that concrete? Pick one specific example{example}: what exactly did you do, "
                f"which tools did you use{tool_hint}, and what numbers show the result?")
    if signal.kind == "no_result":
        item = question.cv_item if question.kind == "deep_dive" else None
        about = "" if not item else f" of {item}" if item.startswith("your ") else f" of that work as {item}"
        return (f"What was the outcome{about}? If you can, put a number on it (time saved, errors avoided, users "
                f"affected), and tell me what you would do differently next time.")
    if signal.kind == "off_topic":
        return f"Thanks. Let me bring us back to the question about {_topic(question)}: {_core(question)}"
    return None
