"""Assess a behavioural (STAR) answer from signals a reader can check in the answer itself.

Pure Python: no Flask, no database. ``assess(prompt, answer, backend)`` returns a
:class:`BehaviouralAssessment` with a score in [0, 1], one :class:`Finding` per rubric component,
and strengths and improvements written as plain sentences that quote the candidate's own words.

The rubric (weights sum to 1.0; every component scores 0–1 and the weighted sum is the score):

=================  ======  ==================================================================
component          weight  what earns it
=================  ======  ==================================================================
situation          0.08    a scene is set: when/where, the project or team ("last spring",
                           "at my previous job", "our team was …")
task               0.08    the candidate's goal or responsibility is stated ("my task was",
                           "I needed to", "the goal was", a deadline)
action             0.14    what *I* did, with first-person action verbs ("I proposed",
                           "I paired with"): 1 verb = 0.5, 2 = 0.8, 3 or more = 1.0
result             0.10    an outcome is stated ("as a result", "we shipped", "in the end");
                           0.8 of it when told in the S→T→A→R order is broken (result first)
ownership          0.10    the actions are the candidate's: share of I/me/my among I+we
                           pronouns; ≤ 0.2 → 0, ≥ 0.6 → 1, linear between
specificity        0.12    concrete detail: numbers, time frames, named tools, people or
                           roles; 6 distinct details → 1.0 (linear below)
measurable result  0.10    a result sentence carries a number, percentage or time (1.0);
                           a result without one 0.4
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

Then two adjustments: each of the question's ``red_flags`` that the answer matches (similarity
≥ 0.47, or ≥ 60 % word overlap) multiplies the score by 0.8, at most twice (× 0.64): a red flag
outweighs good structure, yet a real attempt still scores above an empty one; and an answer under
60 words is scaled by words/60, because no STAR story fits in a few lines however well-chosen
its words. The result is clipped to [0, 1]. An empty answer scores 0.

These are heuristics over observable text, not a judgement of the person: the findings say
exactly what was and was not found so a candidate can check and disagree. Known limits: cue
phrases are English; negation is not understood ("I did *not* go to the manager" can resemble a
red flag); a well-built story that does not answer the question loses only the strong-signals
share of the score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

__all__ = ["BehaviouralPrompt", "Finding", "BehaviouralAssessment", "assess", "WEIGHTS", "IDEAL_WORDS"]

WEIGHTS: dict[str, float] = {
    "situation": 0.08, "task": 0.08, "action": 0.14, "result": 0.10, "ownership": 0.10,
    "specificity": 0.12, "measurable_result": 0.10, "reflection": 0.05, "length": 0.05,
    "strong_signals": 0.18,
}
LABELS = {
    "situation": "Situation", "task": "Task", "action": "Action", "result": "Result",
    "ownership": "Ownership", "specificity": "Specific detail", "measurable_result": "Measurable result",
    "reflection": "Reflection", "length": "Length", "strong_signals": "What a strong answer shows",
}
IDEAL_WORDS = (150, 300)  # about one to two minutes spoken
SHORT_WORDS = 60
RED_FLAG_FACTOR, RED_FLAG_MAX = 0.8, 2
SIM_LOW, SIM_HIGH, RED_FLAG_SIM = 0.30, 0.50, 0.47

_SITUATION = re.compile(
    r"\b(last (year|spring|summer|autumn|fall|winter|month|quarter)|in (19|20)\d\d|at my (previous|last|old|first|current) "
    r"(job|role|company|team|employer)|when I was|while (I was )?working|I was working (as|on|at)|our team (was|had)|"
    r"we were (building|working|migrating|running)|the project|at the time|a few (years|months) ago|"
    r"(years|months) ago|I joined|in my (role|time|job|first|last|previous)|background|context)\b", re.I)
_TASK = re.compile(
    r"\b(my (task|job|goal|role|responsibility|aim) (was|is)|I was (responsible|asked|tasked|expected|in charge)|"
    r"I needed to|I had to|the goal was|we needed to|we had to|the (task|challenge|problem|objective|aim) was|"
    r"deadline|had to (ship|deliver|fix|finish)|needed to (ship|deliver|fix|decide|find|get))\b", re.I)
_ACTION_VERBS = (
    "decided|started|set up|wrote|built|talked|met|spoke|proposed|organi[sz]ed|created|asked|scheduled|reviewed|"
    "analy[sz]ed|investigated|implemented|paired|suggested|called|sat down|reached out|introduced|changed|fixed|"
    "led|ran|prepared|documented|escalated|negotiated|split|broke|prioriti[sz]ed|agreed|explained|listened|"
    "offered|drafted|designed|tested|measured|automated|mentored|coached|filed|took|moved|rewrote|added|removed|"
    "shared|presented|booked|gathered|compared|traced|read|learned|learnt|contacted|persuaded|convinced|"
    "volunteered|identified|mapped|planned|cut|delegated|asked|followed up|checked|emailed|invited|walked|showed"
)
_ACTION = re.compile(rf"\bI (then |first |also |quickly |personally |immediately )?({_ACTION_VERBS})\b", re.I)
_RESULT = re.compile(
    r"\b(as a result|in the end|the result|the outcome|result was|outcome was|we (shipped|delivered|launched|"
    r"released|reduced|increased|cut|saved|hit|met|finished|won|kept|closed)|(reduced|increased|improved|cut|"
    r"saved|grew|dropped|fell|rose|halved|doubled)\b.{0,40}\b(by|from|to)\b|on time|ahead of schedule|"
    r"finally|ended up|which meant|that meant|afterwards)\b", re.I)
_REFLECTION = re.compile(
    r"\b(I learn(ed|t)|lesson|next time|would do differently|do it differently|in hindsight|looking back|"
    r"since then|I now|now I|taught me|I realis|I realiz|changed how I|I still)\b", re.I)
_NUMBER = re.compile(
    r"(\b\d+([.,]\d+)?\s*(%|percent|ms|x)?|\b(two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|"
    r"fifty|hundred|thousand|million|dozen|half|double|twice)\b)", re.I)
_TIME = re.compile(
    r"\b((\w+ )?(days?|weeks?|months?|quarters?|sprints?|hours?|minutes?|years?)|Q[1-4]|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|"
    r"october|november|december|overnight|deadline)\b", re.I)
_ROLE = re.compile(
    r"\b(manager|product (owner|manager)|PM|designer|engineer|developer|customer|client|CTO|CEO|VP|"
    r"lead|tech lead|QA|tester|stakeholder|director|architect|analyst|intern|on-call|support team|vendor)s?\b")
_I = re.compile(r"\b(I|I'm|I've|I'd|I'll|me|my|myself)\b")
_WE = re.compile(r"\b(we|we're|we've|we'd|us|our|ourselves|the team)\b", re.I)
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
    """The verdict on one behavioural answer (see the module docstring for the rubric)."""

    score: float
    findings: list[Finding]
    strengths: list[str]
    improvements: list[str]
    shown: list[str] = field(default_factory=list)  # strong_answer_shows points the answer covers
    red_flags: list[str] = field(default_factory=list)  # red flags the answer matches
    word_count: int = 0
    method: str = "lexical"  # "semantic" when an embedding backend compared the answer

    def to_dict(self) -> dict:
        """JSON-ready form for storing and for the API."""
        return {
            "score": self.score, "word_count": self.word_count, "method": self.method,
            "findings": [{"component": f.component, "label": f.label, "score": round(f.score, 3),
                          "weight": f.weight, "evidence": f.evidence, "note": f.note} for f in self.findings],
            "strengths": list(self.strengths), "improvements": list(self.improvements),
            "shown": list(self.shown), "red_flags": list(self.red_flags),
        }


def assess(prompt: BehaviouralPrompt, answer: str, backend=None) -> BehaviouralAssessment:
    """Score ``answer`` to ``prompt``. ``backend`` is an embedding backend (anything with
    ``embed(texts) -> unit vectors``) for semantic matching of the prompt's points; None uses
    word overlap. Never raises on odd text; an empty answer scores 0 with one improvement."""
    text = " ".join((answer or "").split())
    words = _WORD.findall(text)
    if not words:
        return BehaviouralAssessment(0.0, [], [], ["Tell a real story: the situation, what you did and how it ended."])
    sentences = [s.strip() for s in _SENT.split(text) if s.strip()]
    findings = [
        _presence("situation", _SITUATION, sentences, "You set the scene", "Open with the situation: when, where and what was at stake."),
        _presence("task", _TASK, sentences, "You said what you had to achieve", "Say what your task or goal was, and any deadline."),
        _actions(text, sentences),
        _result(sentences, text),
        _ownership(text),
        _specificity(text),
        _measurable(sentences),
        _presence("reflection", _REFLECTION, sentences, "You reflected on what you learned", "End with what you learned or now do differently."),
        _length(len(words)),
    ]
    coverage, shown, flags, method = _match_prompt(prompt, sentences, backend)
    findings.append(coverage)
    raw = sum(f.score * f.weight for f in findings)
    raw *= RED_FLAG_FACTOR ** min(RED_FLAG_MAX, len(flags))
    if len(words) < SHORT_WORDS:
        raw *= len(words) / SHORT_WORDS
    score = round(float(min(1.0, max(0.0, raw))), 4)
    strengths = [f.note for f in findings if f.score >= 0.75 and f.evidence]
    improvements = [f"Interviewers treat this as a red flag: {_lower_first(flag)}." for flag in flags]
    improvements += [f.note for f in sorted(findings, key=lambda f: (f.score - 1) * f.weight) if f.score < 0.6]
    return BehaviouralAssessment(score, findings, strengths[:4], improvements[:4], shown, flags, len(words), method)


# ----------------------------------------------------------------------------- components


def quote(text: str, limit: int = 14) -> str:
    """The first ``limit`` words of ``text`` in quotation marks (an ellipsis when cut)."""
    parts = text.split()
    return "“" + " ".join(parts[:limit]) + ("…" if len(parts) > limit else "") + "”"


def _finding(component: str, score: float, evidence: str, note: str) -> Finding:
    return Finding(component, LABELS[component], float(min(1.0, max(0.0, score))), WEIGHTS[component], evidence, note)


def _presence(component, pattern, sentences, good, missing) -> Finding:
    hit = next((s for s in sentences if pattern.search(s)), None)
    if hit is None:
        return _finding(component, 0.0, "", missing)
    return _finding(component, 1.0, hit, f"{good}: {quote(hit)}.")


def _actions(text: str, sentences: list[str]) -> Finding:
    verbs = {m.group(2).lower() for m in _ACTION.finditer(text)}
    score = {0: 0.0, 1: 0.5, 2: 0.8}.get(len(verbs), 1.0)
    hit = next((s for s in sentences if _ACTION.search(s)), "")
    if not verbs:
        return _finding("action", 0.0, "", "Describe the steps you personally took, with verbs: “I proposed…”, “I paired with…”.")
    if score < 1.0:
        return _finding("action", score, hit, f"Only {len(verbs)} action of yours is clear ({quote(hit)}); walk through two or three concrete steps.")
    return _finding("action", score, hit, f"You described your own actions step by step: {quote(hit)}.")


def _result(sentences: list[str], text: str) -> Finding:
    hit = next((s for s in sentences if _RESULT.search(s)), None)
    if hit is None:
        return _finding("result", 0.0, "", "Finish with the result: what happened because of what you did.")
    first_action = _ACTION.search(text)
    in_order = first_action is None or text.find(hit) >= first_action.start()
    score = 1.0 if in_order else 0.8
    return _finding("result", score, hit, f"You stated the outcome: {quote(hit)}.")


def _ownership(text: str) -> Finding:
    mine, ours = len(_I.findall(text)), len(_WE.findall(text))
    if mine + ours == 0:
        return _finding("ownership", 0.0, "", "Tell it in the first person: say what *you* did, not what happened.")
    share = mine / (mine + ours)
    score = (share - 0.2) / 0.4
    if score >= 0.75:
        return _finding("ownership", score, f"{mine} × I/me/my, {ours} × we/our", f"You owned your part: “I” ({mine}) outnumbers “we” ({ours}).")
    return _finding("ownership", score, f"{mine} × I/me/my, {ours} × we/our",
                    f"“We” ({ours}) outnumbers “I” ({mine}): the interviewer is hiring you, so say which parts you did.")


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


def _measurable(sentences: list[str]) -> Finding:
    results = [s for s in sentences if _RESULT.search(s)]
    measured = next((s for s in results if _NUMBER.search(s) or _TIME.search(s)), None)
    if measured:
        return _finding("measurable_result", 1.0, measured, f"Your result is measurable: {quote(measured)}.")
    if results:
        return _finding("measurable_result", 0.4, results[0],
                        f"Put a number on the result ({quote(results[0])}): time saved, errors down, users affected.")
    return _finding("measurable_result", 0.0, "", "Give the result with a number: by how much, how soon, for whom.")


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


# ----------------------------------------------------------------------------- the question's own points


def _match_prompt(prompt: BehaviouralPrompt, sentences: list[str], backend):
    """Coverage of ``strong_answer_shows`` and the red flags matched, semantic when a backend is given."""
    shows, flags = list(prompt.strong_answer_shows), list(prompt.red_flags)
    if not shows and not flags:
        return _finding("strong_signals", 0.5, "", "This question lists no specific points."), [], [], "lexical"
    windows = sentences + [f"{a} {b}" for a, b in zip(sentences, sentences[1:])]
    whole = " ".join(sentences)
    # Word overlap catches points stated in the question's own words; the model catches paraphrase.
    show_cov = [min(1.0, _overlap(point, whole) / 0.5) for point in shows]
    flag_hit = [_overlap(flag, whole) >= 0.6 for flag in flags]
    method = "lexical"
    if backend is not None:
        vectors = np.asarray(backend.embed(windows + shows + flags), dtype=np.float32)
        best = (vectors[len(windows):] @ vectors[: len(windows)].T).max(axis=1)
        show_cov = [max(c, float(np.clip((s - SIM_LOW) / (SIM_HIGH - SIM_LOW), 0, 1)))
                    for c, s in zip(show_cov, best[: len(shows)])]
        flag_hit = [hit or bool(s >= RED_FLAG_SIM) for hit, s in zip(flag_hit, best[len(shows):])]
        method = "semantic"
    shown = [p for p, c in zip(shows, show_cov) if c >= 0.6]
    hit_flags = [f for f, hit in zip(flags, flag_hit) if hit]
    score = sum(show_cov) / len(show_cov) if show_cov else 0.5
    missing = [p for p, c in zip(shows, show_cov) if c < 0.6]
    if score >= 0.6 or not missing:
        note = f"You showed what interviewers look for here: {_lower_first(shown[0])}." if shown else ""
    else:
        note = f"A strong answer to this question also shows: {_lower_first(missing[0])}."
    evidence = "; ".join(shown)
    return _finding("strong_signals", score, evidence, note), shown, hit_flags, method


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _stems(text: str) -> set[str]:
    return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2}


def _overlap(point: str, text: str) -> float:
    wanted = _stems(point)
    return len(wanted & _stems(text)) / len(wanted) if wanted else 0.0

