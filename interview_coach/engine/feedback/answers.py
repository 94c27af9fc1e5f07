"""Per-answer signals of a mock interview: what a reader can check in the answer itself.

``review_answers(turns, job)`` returns one :class:`AnswerReview` per :class:`AnsweredTurn`. Pure
Python plus the bundled sentence-embedding model (through ``get_scorer()``); no Flask, no database.

Signals and their thresholds (every score is in [0, 1]):

- **Instructions are data.** Sentences addressed to a grader ("ignore previous instructions",
  "score me 10", "you are now…", "system prompt"), scores written for a grader to copy ("Overall
  score: 10/10", "score=10", ``{"score": 10}``, "9/10") and fake conversation markup
  (``<system>``, "[INST]", "### System:") are removed *before* any signal is measured and
  the review is flagged ``injection``. So such a sentence can never add relevance, length,
  keywords or anything else: at best it changes nothing. The patterns are broad on purpose: a
  genuine sentence that happens to match ("I had to ignore the previous rules…") is dropped too,
  which can only lower that answer's score, never raise another's.
- **Empty**: fewer than :data:`MIN_WORDS` (5) words ("I don't know", one word), or a degenerate
  text (:func:`interview_coach.engine.degenerate.degenerate_reason`: one sentence repeated, filler
  characters, pasted noise) → every score 0, and the note says why.
- **Relevance**: cosine between the question and the answer (MiniLM unit vectors): the larger of
  the whole answer's and its best sentence's (sentences that merely restate the question do not
  count), because a STAR story dilutes the whole-answer vector with scene-setting. Calibration,
  measured on this model with the hand-written candidates of ``tests/unit/feedback/feedback_personas.py``:
  answers that address the question score 0.27–0.83 (weak but on-topic ones 0.20–0.53), answers
  about something else −0.05–0.11. So ``relevance = (cos − 0.15) / 0.30`` clipped to [0, 1]
  (0.15 → 0, 0.45 → 1). Known limit: a long answer with one pointed sentence amid filler still
  counts as on-topic (its other signals stay low).
- **Off-topic**: an answer that does not address the question: its relevance cosine is below
  :data:`UNRELATED_COS` (0.12: a work story told in reply to "how does traceroute work?"), or it
  addresses neither the question nor the job — both its relevance cosine and the whole answer's
  cosine with the job (title, responsibilities and skills) are below :data:`OFF_TOPIC_COS` (0.24).
  The job counts because a generic but on-topic answer ("we worked on
  it as a team using Python…") can be far from a long question's wording yet is still about the
  work; an answer about cooking, football or a holiday is near neither. Measured on the persona
  bench's eight CV/job pairs: answers about something else reach at most 0.21 on both, the generic
  on-topic answers at least 0.27 on one and 0.19 on the question. A short hedged answer (fewer than 20 words in each message with "I guess",
  "maybe", "not sure" … :data:`.evidence.HEDGES` — the interviewer's own rule for *vague*,
  :mod:`interview_coach.engine.interviewer.followup`) is vague, not off-topic: it says too little to
  have a subject of its own, and its low relevance and length already score it.
  An off-topic answer earns the floor, as an empty one does (:mod:`.rubric`).
- **Repeated answers** count once. Two answers whose whole-answer cosine is at least
  :data:`REPEAT_COS` (0.9: the same text, or the same story barely reworded; two genuinely different
  answers about one project stay below 0.8) are one answer given twice: it is credited to the
  question it answers best and every other copy gets ``repeat_of`` (that question's number), a
  note saying so and quality 0 — a rehearsed story recited to a technical question, the scenario
  and the closing question answers none of them, however polished it is.
- **Content**: technical answers with a reference answer → the scorer's ``combined_score``
  (seed formula 0.7 × semantic + 0.3 × keyword); behavioural answers → the STAR rubric
  (``engine.behavioural.assess``, with the embedding backend); other kinds → ``None``.
- **Specificity**: three observable kinds of detail, each saturating at 3 distinct items:
  measurable figures (:func:`.evidence.figures`: numbers with units, percentages, counts, money,
  amounts of work, durations of saved time; not time frames, not numbers echoed from the
  question), named technologies and practices (the skills taxonomy, soft skills excepted) and
  first-person actions ("I built", "I led"); ``0.35·numbers + 0.35·technologies + 0.30·actions``.
- **Length**: the usual spoken guidance of one to two minutes, ~130–300 words: 1.0 inside;
  below, words/130; above, falling linearly to 0.4 at 600 words (rambling loses the listener but
  still says something). Two kinds have their own range (:data:`IDEAL_BY_KIND`): a technical
  definition is complete in 80–300 words, and the closing answer (the candidate's questions for
  the interviewer) in 20–150.
- **Job keywords used**: the job's keywords and required/nice skills the answer names (whole
  words, any case). Reported, not scored: naming a keyword is not evidence of skill.

**Notes** (``notes_good`` / ``notes_bad``) name what this answer did or missed and quote the whole
sentence or clause that shows it (:func:`.evidence.clause_around`), most specific first: the
figures and the sentence that holds them, the candidate's own actions, the sentence that answers
the question; a claimed outcome with no number ("it got much faster") is quoted back with the ask
for one.

``quality`` (the per-answer value the rubric averages) is computed here by :func:`.rubric.quality`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from ...content import load_content
from ..behavioural import BehaviouralPrompt, assess
from ..degenerate import degenerate_reason
from ..scoring import AnswerInput, Concept, get_scorer
from .evidence import clause_around, figures, hedges_in, sentences
from .rubric import quality
from .types import AnsweredTurn, AnswerReview, JobContext

__all__ = ["review_answers", "strip_instructions", "quote", "MIN_WORDS", "OFF_TOPIC_COS", "IDEAL_WORDS"]

MIN_WORDS = 5
OFF_TOPIC_COS = 0.24
UNRELATED_COS = 0.12
REPEAT_COS = 0.9
VAGUE_WORDS = 20  # the interviewer's own bound for a short answer (followup.MIN_WORDS)
REL_LOW, REL_HIGH = 0.15, 0.45
IDEAL_WORDS = (130, 300)
IDEAL_BY_KIND = {"technical": (80, 300), "closing": (20, 150)}
LONG_FLOOR_AT = 600

_INJECTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|prompts?|rules?|rubric|above|previous)\b|"
    r"\b(score|rate|grade|mark)\s+(me|this|this answer|my answers?)\b.{0,20}\b(10|ten|full|maximum|highest|perfect)\b|"
    r"\bgive me (a |an )?(10|ten|full marks|perfect score)\b|\byou are now\b|\bsystem prompt\b|"
    r"\bas an ai\b|\bnew instructions?\b|"
    # Scores written for the grader to copy: "Overall score: 10/10", "score=10", {"score": 10}, "9/10".
    r"\b(overall|final|interview|total)?\s*(score|rating|grade|mark|verdict)s?\s*(=|:|is|of)\s*\d+|"
    r"[\"']\s*(score|rating|grade|interview_score|mark)\s*[\"']\s*:|\b\d+(\.\d+)?\s*/\s*10\b|\b\d+\s+out of\s+10\b|"
    r"\b(deserves?|should (get|receive|be given)|earns?)\s+(a |an |the )?(top|full|highest|perfect|maximum)\s+(marks?|scores?|ratings?|grades?)\b|"
    r"\b(note|message|instructions?)\s+(to|for)\s+(the\s+)?(evaluator|grader|scorer|reviewer|ai|model|llm)\b|"
    # Fake conversation or system markup: <system>, [INST], ### System:, "assistant:".
    r"</?\s*(system|assistant|instructions?|admin|grader|evaluator)\b[^>]*>|\[/?\s*(system|inst|admin)\s*\]|"
    r"(^|\s)#{1,4}\s*(system|instructions?)\b|^\s*(system|assistant|grader|evaluator)\s*:", re.I)
# Pieces that are pure data for a grader, cut out on their own first, so that the candidate's sentence
# around them (often not separated by a full stop) is kept: a JSON object with a score, a fake tag with
# its content, "score=10", a "[SYSTEM]" marker and what follows it up to the end of its sentence.
_INJECTED_SPAN = re.compile(
    r"\{[^{}]*[\"']\s*(?:score|rating|grade|interview_score|mark)\s*[\"']\s*:[^{}]*\}|"
    r"<\s*(system|assistant|instructions?|admin|grader|evaluator)\b[^>]*>.*?<\s*/\s*\1\s*>|"
    r"\[/?\s*(?:system|inst|admin)\s*\][^.!?\n]*[.!?]?|\b(?:score|rating|grade)\s*=\s*\d+(?:\s*/\s*10)?", re.I | re.S)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_PARTS = re.compile(r"\n\s*\n")  # the messages of one turn (AnsweredTurn.answer joins them with a blank line)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’+#\-]*|\d+(?:[.,]\d+)?%?")
# A sentence claiming an outcome: where a missing figure is most noticeable.
_OUTCOME = re.compile(r"\b(result|outcome|improv\w*|faster|slower|better|reduc\w*|increas\w*|saved|fixed|solved|"
                      r"(?:it|that|this) worked|success\w*|impact|grew|went down|went up|dropped|fell|shipped|"
                      r"launched|delivered)\b", re.I)
_FIGURE_RANK = ("change", "pct", "money", "mult", "big", "amount", "time")
_FIRST_PERSON = re.compile(r"\bI\b")
_ACTION = re.compile(
    r"\bI (?:then |also |first |personally )?(built|designed|wrote|led|ran|set up|created|implemented|migrated|"
    r"introduced|automated|measured|profiled|reduced|cut|fixed|debugged|proposed|decided|owned|shipped|deployed|"
    r"added|replaced|rewrote|refactored|tested|reviewed|mentored|organi[sz]ed|negotiated|analy[sz]ed|investigated|"
    r"traced|benchmarked|optimi[sz]ed|split|moved|talked|asked|paired|documented|planned|prioriti[sz]ed|delivered|"
    r"launched|scaled|monitored|configured|modelled|modeled|chose|changed|improved|increased|started|coached)\b", re.I)


def strip_instructions(text: str) -> tuple[str, bool]:
    """``text`` without sentences addressed to a grader, nor data written for one (a JSON score,
    a fake ``<system>`` tag with its content, "score=10"), whitespace flattened to single spaces;
    and whether anything was removed."""
    text, cut = _INJECTED_SPAN.subn(" ", text or "")
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    kept = [s for s in sentences if not _INJECTION.search(s)]
    return " ".join(" ".join(kept).split()), bool(cut) or len(kept) != len(sentences)


def quote(text: str, limit: int = 30) -> str:
    """``text`` in quotation marks. Text longer than ``limit`` words is cut at a clause boundary
    (:func:`.evidence.clause_around` of its start), never mid-clause."""
    flat = " ".join((text or "").split())
    if len(flat.split()) > limit:
        flat = clause_around(flat, 0)
    return "“" + flat.strip() + "”"


def review_answers(turns: Sequence[AnsweredTurn], job: JobContext) -> list[AnswerReview]:
    """One review per turn, in order (numbered from 1). Loads the embedding model once; the
    question/answer cosines are computed in one batch. Never raises on odd answer text."""
    cleaned = [strip_instructions(t.answer) for t in turns]
    degenerate = [degenerate_reason(text) for text, _ in cleaned]
    scorer = get_scorer()
    backend = scorer.embeddings
    cosines, vectors = _relevance_cosines([(t.question, text) for t, (text, _), why
                                           in zip(turns, cleaned, degenerate) if _words(text) >= MIN_WORDS and not why],
                                          _job_text(job), backend)
    cos_iter = iter(cosines)
    reviews = []
    for number, (turn, (text, injected), why) in enumerate(zip(turns, cleaned, degenerate), start=1):
        number = turn.number or number
        if _words(text) < MIN_WORDS or why:
            reviews.append(_empty_review(number, turn, text, injected, why))
        else:
            reviews.append(_review(number, turn, text, injected, next(cos_iter), job, scorer, backend))
    return _mark_repeats(reviews, vectors)


def _mark_repeats(reviews: list[AnswerReview], vectors: np.ndarray) -> list[AnswerReview]:
    """Reviews with each repeated answer counted once (see the module docstring): among answers
    whose whole-answer cosine is at least :data:`REPEAT_COS`, the one that answers its question
    best keeps its review; the others get ``repeat_of`` (that question's number) and quality 0."""
    real = [i for i, r in enumerate(reviews) if not r.empty]  # the rows of ``vectors``, in order
    if len(real) < 2:
        return reviews
    sims = vectors @ vectors.T
    out = list(reviews)
    for a, i in enumerate(real):
        group = [real[b] for b in range(len(real)) if sims[a, b] >= REPEAT_COS]
        kept = max(group, key=lambda k: (reviews[k].quality, -k))
        if kept != i and not reviews[i].off_topic:
            first = clause_around(reviews[i].answer, 0)
            note = (f"This is the answer you gave to question {reviews[kept].number} ({quote(first)}): it answers "
                    "that question, not this one. Answer each question with its own example or explanation.")
            repeat = replace(reviews[i], repeat_of=reviews[kept].number, notes_good=(),
                             notes_bad=(note, *reviews[i].notes_bad))
            out[i] = replace(repeat, quality=round(quality(repeat), 4))
    return out


def _relevance_cosines(pairs: list[tuple[str, str]], job_text: str,
                       backend) -> tuple[list[tuple[float, float]], np.ndarray]:
    """Per (question, answer): its relevance cosine — the larger of the whole answer's cosine with
    the question and its best sentence's (first 12 sentences) — and the whole answer's cosine with
    ``job_text``, in one model batch; and the whole answers' unit vectors (one row per pair). A story dilutes the whole-answer vector with scene-setting,
    so its most pointed sentence is the fairer measure; sentences that restate the question (60 %
    of their content words are the question's) are left out of it."""
    texts: list[str] = [job_text]
    spans: list[tuple[int, int]] = []
    for question, answer in pairs:
        q_words = {w.lower() for w in _WORD.findall(question)}
        sentences = [s for s in _SENTENCE.split(answer) if s.strip()][:12]
        own = [s for s in sentences if _share_in(s, q_words) < 0.6]
        spans.append((len(texts), len(own)))
        texts += [question, answer, *own]
    if not pairs:
        return [], np.zeros((0, 0), dtype=np.float32)
    vectors = np.asarray(backend.embed(texts), dtype=np.float32)
    out = []
    for start, n_own in spans:
        sims = vectors[start + 1 : start + 2 + n_own] @ vectors[start]
        out.append((float(sims.max()), float(vectors[start + 1] @ vectors[0])))
    return out, vectors[[start + 1 for start, _ in spans]]


def _job_text(job: JobContext) -> str:
    """What the job is about, as one text to compare answers with: title, responsibilities, skills."""
    skills = ", ".join(dict.fromkeys((*job.required_skills, *job.nice_skills)))
    return ". ".join(p for p in (job.job_title, *job.responsibilities, f"Skills: {skills}" if skills else "") if p)


def _share_in(sentence: str, words: set[str]) -> float:
    mine = [w.lower() for w in _WORD.findall(sentence) if len(w) > 3]
    return sum(w in words for w in mine) / len(mine) if mine else 1.0


def _words(text: str) -> int:
    return len(_WORD.findall(text or ""))


def _empty_review(number: int, turn: AnsweredTurn, text: str, injected: bool, why: str | None = None) -> AnswerReview:
    note = why or (f"The answer ({quote(text)}) is too short to show anything; even “I haven't done that, "
                   "but here is how I would approach it” earns credit." if text else "No answer was given.")
    return AnswerReview(number, turn.kind, turn.question, turn.answer, _words(text), 0.0, 0.0,
                        0.0 if turn.kind in ("technical", "behavioural") else None, 0.0, 0.0, 0.0,
                        False, True, injected, notes_bad=(note,))


def _review(number, turn, text, injected, cosines, job, scorer, backend) -> AnswerReview:
    words = _words(text)
    cosine, job_cosine = cosines
    relevance = float(np.clip((cosine - REL_LOW) / (REL_HIGH - REL_LOW), 0.0, 1.0))
    # Each message is judged as the interviewer heard it: a follow-up answer joins its question's answer
    # after a blank line, and two short hedged replies do not make one substantive answer.
    vague = bool(hedges_in(text)) and all(_words(part) < VAGUE_WORDS for part in _PARTS.split(turn.answer or ""))
    off_topic = not vague and (cosine < UNRELATED_COS or max(cosine, job_cosine) < OFF_TOPIC_COS)
    good: list[str] = []
    bad: list[str] = []
    content, missing = _content(turn, text, scorer, backend, good, bad)
    found = figures(text, turn.question)
    numbers = _distinct(f.text for f in found)
    # Soft skills named ("communication") are claims, not detail: only technologies and practices count.
    technologies = _distinct(s.name for s, _ in load_content().find_skills(text) if str(s.category) != "soft-skill")
    action_hits = list(_ACTION.finditer(text))
    actions = _distinct(m.group(0) for m in action_hits)
    specificity = (0.35 * min(len(numbers), 3) + 0.35 * min(len(technologies), 3) + 0.30 * min(len(actions), 3)) / 3
    length = _length(words, turn.kind)
    used = _keywords_used(text, job)
    said = sentences(text)

    # Most specific first: the writer shows the first one or two notes of each answer.
    quoted: set[str] = set()
    if found:
        best = min(found, key=lambda f: (_FIGURE_RANK.index(f.kind), f.start))  # a change before a count
        shown = ", ".join(f"“{n}”" for n in numbers[:3])
        clause = clause_around(text, best.start, best.end)
        quoted.add(clause)
        good.insert(0, f"You gave measurable figures ({shown}): {quote(clause)}.")
    # Definitions and questions need no figures; the STAR rubric asks for a behavioural result's own.
    elif turn.kind not in ("closing", "technical", "behavioural"):
        bad.append(_missing_figure(turn.kind, text))
    action = next((c for c in (clause_around(text, m.start(), m.end()) for m in action_hits) if c not in quoted), None)
    if action and turn.kind != "behavioural":  # the STAR rubric already quotes a story's own actions
        quoted.add(action)
        good.append(f"You said what you did yourself: {quote(action)}.")
    if off_topic:
        bad.insert(0, f"The answer drifts from the question: {quote(clause_around(text, 0))} does not address "
                      "it; answer the question asked first.")
    elif relevance >= 0.6 and (content is None or content >= 0.5):  # on topic and not wrong
        point = _best_sentence(said, turn.question, backend)
        if point and not any(point in q or q in point for q in quoted):
            good.append(f"You went to the point of the question: {quote(point)}.")
    if technologies:
        good.append(f"You named the technologies and practices you used ({', '.join(technologies[:4])}).")
    if length < 1.0:
        low, high = IDEAL_BY_KIND.get(turn.kind, IDEAL_WORDS)
        spoken = " (one to two minutes spoken)" if (low, high) == IDEAL_WORDS else ""
        bad.append(f"At {words} words the answer is {'short' if words < low else 'long'}; aim for {low}–{high} "
                   f"words{spoken}.")
    if injected:
        bad.append("Instructions addressed to the scorer were ignored; they never change a score.")
    review = AnswerReview(
        number, turn.kind, turn.question, turn.answer, words, round(relevance, 4), round(cosine, 4),
        None if content is None else round(content, 4), round(specificity, 4), round(length, 4), 0.0,
        off_topic, False, injected, tuple(numbers), tuple(technologies), tuple(actions), tuple(used),
        tuple(missing), tuple(good), tuple(bad))
    return replace(review, quality=round(quality(review), 4))


def _missing_figure(kind: str, text: str) -> str:
    """The weakness for an answer with no figure, quoting where a number was missed."""
    claim = _OUTCOME.search(text)
    if claim:
        return (f"You said {quote(clause_around(text, claim.start(), claim.end()))} but not by how much: give the "
                "number (before and after, time saved, users or errors affected).")
    if kind == "scenario":
        return (f"The plan ends at {quote(clause_around(text, len(text) - 1))} without saying how you would know it "
                "worked: name the number you would watch and its target.")
    if kind == "opener":
        mine = _FIRST_PERSON.search(text)
        return (f"Give your experience a scale: after {quote(clause_around(text, mine.start() if mine else 0))}, say "
                "how many users, how much traffic or how big a team.")
    return (f"The answer ends at {quote(clause_around(text, len(text) - 1))} without a measurable result: add what "
            "changed and by how much.")


def _whole_quotes(note: str, text: str) -> str:
    """``note`` with each quote cut short (“…words…”) replaced by the whole clause of ``text`` it
    begins, so a note never shows a cut-off sentence."""
    flat = " ".join(text.split())

    def whole(m: re.Match) -> str:
        start = flat.find(m.group(1).strip())
        return quote(clause_around(flat, start)) if start >= 0 else m.group(0)

    return re.sub(r"“([^”]+?)…”", whole, note)


def _content(turn, text, scorer, backend, good, bad) -> tuple[float | None, list[str]]:
    if turn.kind == "technical" and turn.reference_answer:
        concepts = tuple(Concept(name, aliases=tuple(aliases)) for name, aliases in turn.concepts)
        result = scorer.score(AnswerInput(turn.question, turn.reference_answer, text, concepts))
        matched = [m.matched_words for m in result.matched_concepts.values()][:3]
        if matched and result.combined_score >= 0.5:
            good.append("Technically sound: you covered " + ", ".join(f"“{w}”" for w in matched) + ".")
        if result.missing_concepts:
            bad.append("The answer misses key points a reference answer covers: "
                       + ", ".join(result.missing_concepts[:4]) + ".")
        return float(result.combined_score), list(result.missing_concepts)
    if turn.kind == "behavioural":
        verdict = assess(BehaviouralPrompt(turn.question, tuple(turn.strong_answer_shows), tuple(turn.red_flags)),
                         text, backend)
        good.extend(_whole_quotes(n, text) for n in verdict.strengths[:2])
        bad.extend(_whole_quotes(n, text) for n in verdict.improvements[:2])
        return float(verdict.score), []
    return None, []


def _length(words: int, kind: str) -> float:
    low, high = IDEAL_BY_KIND.get(kind, IDEAL_WORDS)
    if words < low:
        return words / low
    if words <= high:
        return 1.0
    return max(0.4, 1 - 0.6 * (words - high) / (LONG_FLOOR_AT - high))


def _keywords_used(text: str, job: JobContext) -> list[str]:
    terms = _distinct((*job.keywords, *job.required_skills, *job.nice_skills))
    return [t for t in terms if re.search(rf"(?<![\w+#]){re.escape(t)}(?![\w+#])", text, re.I)]


def _best_sentence(sentences: list[str], question: str, backend) -> str:
    """The answer's sentence closest in meaning to the question: the quote that shows relevance."""
    if len(sentences) <= 1:
        return sentences[0] if sentences else ""
    vectors = np.asarray(backend.embed([question, *sentences[:12]]), dtype=np.float32)
    return sentences[int(np.argmax(vectors[1:] @ vectors[0]))]


def _distinct(items) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        if item and item.lower() not in seen:
            seen[item.lower()] = item
    return list(seen.values())
