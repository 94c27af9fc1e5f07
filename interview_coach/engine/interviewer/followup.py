"""React to the candidate's last answer: classify it, then write the interviewer's follow-up.

``classify_answer(question, answer, backend=None) -> AnswerSignal`` and
``follow_up(question, answer, signal, job, cv, used=()) -> FollowUp | None`` are pure (the optional
``backend`` is an embedding backend: anything with ``embed(list[str]) -> unit vectors``). The checks
run in this order and the first that fires decides the kind:

0. **degenerate** — :func:`interview_coach.engine.degenerate.degenerate_reason` finds repeated text,
   filler characters or pasted noise; the reason is the signal's first reason.
1. **vague** — fewer than :data:`MIN_WORDS` (20) words; or no specifics (measurable figures as the
   feedback counts them, :func:`interview_coach.engine.feedback.evidence.figures`; named skills from
   the taxonomy; or the question's concept names and aliases) and a hedge (:data:`HEDGES`:
   "I guess", "maybe", "it depends", "sort of" …).
2. **off_topic** — with a backend: cosine similarity between the answer (the whole answer or its
   closest sentence of 4+ words, whichever is higher) and the question below
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
5. **no_ownership** — for the same kinds: a story told only as "we" (three or more, and no "I"
   doing anything, :func:`.probes.told_as_we`): the candidate's own part is missing.
6. **ok** — otherwise; ``follow_up`` then returns None.

**The follow-up reacts to the answer** (:mod:`.probes` finds what to react to). Each template has a
name; ``used`` holds the names already used in this interview and none is used twice (when every
fitting one was used, ``follow_up`` returns None and the interview moves on):

- degenerate → say plainly the answer could not be read, and ask the question again (``unreadable``,
  then ``unreadable_again``);
- off_topic → bring the candidate back, naming the topic and repeating the question's ask
  (``back_to_question``, then ``back_to_question_again``);
- no_result → ask for the outcome of the last thing they said they did, quoting it
  (``result_of_action``), else ask for the outcome in general (``result``, ``result_again``);
- no_ownership → ask which part was theirs, quoting the "we" (``probe_ownership``, then
  ``ownership_again``);
- vague → probe the most specific thing the answer said: the cause they named ("You said “the double
  billing came from retries”: how did you find that?", ``probe_cause``), a decision
  (``probe_decision``), a number (``probe_number``), a story told only as "we" (``probe_ownership``);
  when it said nothing to probe: one concrete example with tools and numbers (``concrete``,
  ``concrete_again``) or, for a technical question, one case walked through (``walkthrough``,
  ``walkthrough_again``).

Known limits: English cue words only; sarcasm and negation are not understood; a long, fluent but
wrong technical answer is "ok" here (correctness is the scorer's job, not the follow-up's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..degenerate import degenerate_reason
from ..feedback.evidence import HEDGES, figures, hedges_in
from ._text import content_stems, words
from .cv import CvProfile, is_measurable
from .job import JobProfile
from .plan import PlannedQuestion
from .probes import probes, told_as_we

__all__ = ["AnswerSignal", "FollowUp", "classify_answer", "follow_up", "MIN_WORDS", "SPECIFIC_WORDS", "MANY_HEDGES",
           "OFF_TOPIC_SIM", "WEAK_TOPIC_SIM", "STORY_VERBS", "HEDGES"]

MIN_WORDS = 20
SPECIFIC_WORDS = 60
MANY_HEDGES = 3
OFF_TOPIC_SIM = 0.15
WEAK_TOPIC_SIM = 0.25
STORY_VERBS = 2
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
    """What the follow-up reacts to. ``kind`` is "degenerate" | "vague" | "no_result" | "no_ownership" |
    "off_topic" | "ok"."""

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
    count = len(figures(answer, question.text)) + len(bank.find_skills(answer))
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
    hedges = hedges_in(text)
    spec = _specifics(question, text, bank) if text else 0

    def signal(kind: str, *reasons: str, sim: float | None = None, method: str = "lexical") -> AnswerSignal:
        return AnswerSignal(kind, reasons, n, spec, hedges, sim, method)

    unreadable = degenerate_reason(text)
    if unreadable:
        return signal("degenerate", unreadable)
    if n < MIN_WORDS:
        return signal("vague", f"only {n} words (fewer than {MIN_WORDS})")
    if spec == 0 and hedges:
        return signal("vague", f"no numbers, tools or named specifics; hedging ({', '.join(dict.fromkeys(hedges))})")

    shared = content_stems(text) & content_stems(_context(question))
    sim = None
    method = "lexical"
    if backend is not None:
        # The whole answer or its most pointed sentence (as the feedback measures relevance): a story's
        # scene-setting dilutes the whole-answer vector.
        parts = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 4][:12]
        vecs = np.asarray(backend.embed([question.text, text, *parts]), dtype=np.float32)
        sim = float((vecs[1:] @ vecs[0]).max())
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
        if told_as_we(text):
            return signal("no_ownership", "told as “we” with no “I” doing anything", sim=sim, method=method)
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


@dataclass(frozen=True, slots=True)
class FollowUp:
    """The interviewer's follow-up line and the name of the template that wrote it."""

    text: str
    template: str


def follow_up(question: PlannedQuestion, answer: str, signal: AnswerSignal, job: JobProfile | None = None,
              cv: CvProfile | None = None, used: tuple[str, ...] | frozenset[str] = ()) -> FollowUp | None:
    """The interviewer's next line for ``signal`` (see the module docstring), never from a template
    in ``used``; None when the answer needs no follow-up or every fitting template was used."""
    for template, text in _candidates(question, answer, signal, job, cv):
        if template not in used:
            return FollowUp(text, template)
    return None


def _candidates(question, answer, signal, job, cv):
    """(template, line) pairs that fit the answer, most specific first (generated lazily)."""
    core = _core(question)
    if signal.kind == "degenerate":
        yield "unreadable", f"I couldn't read that as an answer: {_lower_first(signal.reasons[0])} In your own words: {core}"
        yield "unreadable_again", f"That came through as repeated or garbled text again. Take your time and answer in a few sentences: {core}"
    elif signal.kind == "off_topic":
        yield "back_to_question", f"Thanks. Let me bring us back to the question about {_topic(question)}: {core}"
        yield "back_to_question_again", f"That is a different subject from the one I asked about ({_topic(question)}). {core}"
    elif signal.kind == "no_result":
        item = question.cv_item if question.kind == "deep_dive" else None
        about = "" if not item else f" of {item}" if item.startswith("your ") else f" of that work as {item}"
        found = {p.kind: p for p in probes(answer, question.text)}
        ask = ("If you can, put a number on it (time saved, errors avoided, users affected), and tell me what you "
               "would do differently next time.")
        if "action" in found:
            yield "result_of_action", f"You said “{found['action'].quote}”. What was the outcome{about}? {ask}"
        yield "result", f"What was the outcome{about}? {ask}"
        yield "result_again", (f"How did it end{about}: what changed because of what you did, and how do you know? "
                               "And what would you do differently?")
    elif signal.kind == "no_ownership":
        found = {p.kind: p for p in probes(answer, question.text)}
        if "ownership" in found:
            yield "probe_ownership", (f"You said “{found['ownership'].quote}”: which part of that was yours, and what "
                                      "exactly did you do?")
        yield "ownership_again", "Which part of that work was yours? Walk me through what you did yourself."
    elif signal.kind == "vague":
        found = {p.kind: p for p in probes(answer, question.text)}
        if "cause" in found:
            yield "probe_cause", f"You said “{found['cause'].quote}”: how did you find that out, and what did you check to be sure?"
        if "decision" in found:
            yield "probe_decision", f"You said “{found['decision'].quote}”: why that option, and what else did you consider?"
        if "number" in found:
            yield "probe_number", (f"You mentioned {found['number'].figure}: how did you measure it, and what was it "
                                   "before you started?")
        if "ownership" in found and question.kind != "technical":
            yield "probe_ownership", (f"You said “{found['ownership'].quote}”: which part of that was yours, and what "
                                      "exactly did you do?")
        if question.kind == "technical":
            yield "walkthrough", ("Could you be more specific? Take one concrete case and walk me through it step by "
                                  "step: what happens, why, and what you would check or measure.")
            yield "walkthrough_again", f"Let's make it concrete with a small example you know well. {core}"
        else:
            tools = [s.name for s in (job.required_skills if job else ()) if s.category in _TOOL_CATEGORIES]
            tools = [t for t in tools if t != question.skill][:2]
            example = f", for instance from your time as {cv.roles[0].label}" if cv and cv.roles and \
                question.kind != "deep_dive" else ""
            tool_hint = f" (for example {' or '.join(tools)})" if tools else ""
            yield "concrete", (f"Could you make that concrete? Pick one specific example{example}: what exactly did "
                               f"you do, which tools did you use{tool_hint}, and what numbers show the result?")
            yield "concrete_again", ("Can you give me one real case with its details: when it was, what you did "
                                     "yourself, and what came of it?")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
